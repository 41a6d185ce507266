// The SQL of deliberation topics and their consultation meetings.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::autonomy {

struct Topic {
  std::int64_t id = 0;
  std::string org_code;
  std::string source;  // resident | staff | case
  std::optional<std::int64_t> case_id;
  std::string title;
  std::string description;
  std::string submitter;
  std::string status = "open";  // open | agreed | not_agreed | referred
  std::optional<std::int64_t> decision_id;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Consultation {
  std::int64_t id = 0;
  std::int64_t topic_id = 0;
  std::string held_on;
  std::int64_t residents = 0;
  std::int64_t representatives = 0;
  std::int64_t units = 0;
  std::int64_t social_organizations = 0;
  std::string outcome;
  std::string follow_up;
  std::string note;
  std::string recorded_by;
  std::int64_t recorded_at = 0;
};

class TopicStore {
 public:
  explicit TopicStore(core::db::Session& s) : s_(s) {}
  core::Result<void> Insert(Topic& t);
  core::Result<std::optional<Topic>> Get(const core::auth::Scope& scope, std::int64_t id);
  core::Result<std::vector<Topic>> List(const core::auth::Scope& scope, const std::string& org,
                                        const std::string& status, int limit);
  // Closes an open topic with its outcome; false if it was no longer open.
  core::Result<bool> Close(std::int64_t id, const std::string& status,
                           std::optional<std::int64_t> decision_id, std::int64_t now);
  core::Result<void> InsertConsultation(Consultation& c);
  core::Result<std::vector<Consultation>> Consultations(std::int64_t topic_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::autonomy
