#include "modules/people/imports/import_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::people {

namespace {

constexpr const char* kJobColumns =
    "id, user_id, filename, mode, status, total_rows, valid_rows, error_rows, inserted_rows, "
    "errors, created_at, "
    "finished_at";

ImportRecord JobOf(const core::db::Row& row) {
  ImportRecord r;
  row.Into(r.id, r.user_id, r.filename, r.mode, r.status, r.total_rows, r.valid_rows, r.error_rows,
           r.inserted_rows, r.errors_json, r.created_at, r.finished_at);
  return r;
}

}  // namespace

Result<void> ImportStore::InsertJob(ImportRecord& r) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("INSERT INTO people_imports (user_id, filename, mode, status, errors, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                          {r.user_id, r.filename, r.mode, r.status, r.errors_json, r.created_at}));
  r.id = rows[0].Int(0);
  return {};
}

Result<void> ImportStore::FinishJob(const ImportRecord& r) {
  JC_TRY(s_.Exec(
      "UPDATE people_imports SET status = $1, total_rows = $2, valid_rows = $3, error_rows = $4, "
      "inserted_rows = $5, errors = $6, finished_at = $7 WHERE id = $8",
      {r.status, r.total_rows, r.valid_rows, r.error_rows, r.inserted_rows, r.errors_json,
       core::db::Opt(r.finished_at), r.id}));
  return {};
}

Result<std::optional<ImportRecord>> ImportStore::GetJob(std::int64_t id) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query(std::string("SELECT ") + kJobColumns + " FROM people_imports WHERE id = $1", {id}));
  if (rows.empty()) return std::optional<ImportRecord>();
  return std::optional<ImportRecord>(JobOf(rows[0]));
}

Result<std::vector<ImportRecord>> ImportStore::UserJobs(std::int64_t user_id, int limit) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query(std::string("SELECT ") + kJobColumns +
                              " FROM people_imports WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
                          {user_id, static_cast<std::int64_t>(limit)}));
  std::vector<ImportRecord> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(JobOf(rows[i]));
  return out;
}

Result<void> ImportStore::FailUnfinished(std::int64_t now) {
  JC_TRY(
      s_.Exec("UPDATE people_imports SET status = 'failed', finished_at = $1 WHERE status IN "
              "('queued', 'running')",
              {now}));
  return {};
}

Result<std::optional<ExistingHousehold>> ImportStore::FindHousehold(const std::string& number) {
  JC_ASSIGN_OR_RETURN(
      auto rows,
      s_.Query("SELECT id, org_code, head_id FROM people_households WHERE number = $1", {number}));
  if (rows.empty()) return std::optional<ExistingHousehold>();
  return std::optional<ExistingHousehold>(
      ExistingHousehold{rows[0].Int(0), rows[0].Text(1), rows[0].OptInt(2)});
}

Result<std::int64_t> ImportStore::InsertHousehold(const std::string& number,
                                                  const std::string& org_code,
                                                  std::optional<std::int64_t> house_id,
                                                  std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      auto rows, s_.Query("INSERT INTO people_households (number, org_code, house_id, version, "
                          "created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $4) RETURNING id",
                          {number, org_code, core::db::Opt(house_id), now}));
  return rows[0].Int(0);
}

Result<void> ImportStore::SetHeadIfNone(std::int64_t household_id, std::int64_t resident_id,
                                        std::int64_t now) {
  JC_TRY(
      s_.Exec("UPDATE people_households SET head_id = $1, version = version + 1, updated_at = $2 "
              "WHERE id = $3 AND head_id IS NULL",
              {resident_id, now, household_id}));
  return {};
}

Result<std::optional<std::int64_t>> ImportStore::FindHouse(const std::string& org_code,
                                                           const std::string& address) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT id FROM people_houses WHERE org_code = $1 AND address = $2 "
                               "ORDER BY id LIMIT 1",
                               {org_code, address}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<std::int64_t> ImportStore::InsertHouse(const std::string& org_code,
                                              const std::string& address, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("INSERT INTO people_houses (org_code, address, version, created_at, "
                               "updated_at) VALUES ($1, $2, 1, $3, $3) RETURNING id",
                               {org_code, address, now}));
  return rows[0].Int(0);
}

}  // namespace jiceng::people
