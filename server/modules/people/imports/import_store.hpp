// The SQL of imports: finished and running jobs (people_imports), and the households and houses
// an import creates or reuses by number and address. Residents themselves go through
// ResidentStore.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"

namespace jiceng::people {

struct ImportRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string filename;
  std::string mode;
  std::string status;
  std::int64_t total_rows = 0;
  std::int64_t valid_rows = 0;
  std::int64_t error_rows = 0;
  std::int64_t inserted_rows = 0;
  std::string errors_json = "[]";
  std::int64_t created_at = 0;
  std::optional<std::int64_t> finished_at;
};

struct ExistingHousehold {
  std::int64_t id = 0;
  std::string org_code;
  std::optional<std::int64_t> head_id;
};

class ImportStore {
 public:
  explicit ImportStore(core::db::Session& session) : s_(session) {}

  // A new job row (sets r.id).
  core::Result<void> InsertJob(ImportRecord& r);
  core::Result<void> FinishJob(const ImportRecord& r);
  core::Result<std::optional<ImportRecord>> GetJob(std::int64_t id);
  // The user's jobs, newest first.
  core::Result<std::vector<ImportRecord>> UserJobs(std::int64_t user_id, int limit);
  // Jobs left queued or running by a stopped server.
  core::Result<void> FailUnfinished(std::int64_t now_ms);

  core::Result<std::optional<ExistingHousehold>> FindHousehold(const std::string& number);
  core::Result<std::int64_t> InsertHousehold(const std::string& number, const std::string& org_code,
                                             std::optional<std::int64_t> house_id,
                                             std::int64_t now_ms);
  // Makes resident_id the head of a household that has none yet.
  core::Result<void> SetHeadIfNone(std::int64_t household_id, std::int64_t resident_id,
                                   std::int64_t now_ms);

  core::Result<std::optional<std::int64_t>> FindHouse(const std::string& org_code,
                                                      const std::string& address);
  core::Result<std::int64_t> InsertHouse(const std::string& org_code, const std::string& address,
                                         std::int64_t now_ms);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::people
