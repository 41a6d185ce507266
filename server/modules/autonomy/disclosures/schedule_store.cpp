#include "modules/autonomy/disclosures/schedule_store.hpp"

#include "core/module_names.hpp"

namespace jiceng::autonomy {

Result<std::optional<ScheduleRule>> ScheduleStore::Get(const std::string& org_code) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT org_code, finance_months, grace_working_days, "
                                          "starts_on FROM autonomy_schedules WHERE org_code = $1",
                                          {org_code}));
  if (rows.empty()) return std::optional<ScheduleRule>();
  ScheduleRule r;
  rows[0].Into(r.org_code, r.finance_months, r.grace_working_days, r.starts_on);
  return std::optional<ScheduleRule>(r);
}

Result<void> ScheduleStore::Put(const ScheduleRule& rule, const std::string& actor,
                                std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      auto n, s_.Exec("UPDATE autonomy_schedules SET finance_months = $1, "
                      "grace_working_days = $2, starts_on = $3, updated_by = $4, "
                      "updated_at = $5 WHERE org_code = $6",
                      {std::int64_t{rule.finance_months}, std::int64_t{rule.grace_working_days},
                       rule.starts_on, actor, now, rule.org_code}));
  if (n == 1) return {};
  JC_TRY(
      s_.Exec("INSERT INTO autonomy_schedules (org_code, finance_months, grace_working_days, "
              "starts_on, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
              {rule.org_code, std::int64_t{rule.finance_months},
               std::int64_t{rule.grace_working_days}, rule.starts_on, actor, now}));
  return {};
}

Result<std::vector<ScheduleRule>> ScheduleStore::Under(const core::auth::Scope& scope,
                                                       const std::string& prefix) {
  Params params;
  std::string where = scope.Sql("org_code", params);
  where +=
      " AND org_code >= " + Bind(params, prefix) + " AND org_code < " + Bind(params, prefix + ":");
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT org_code, finance_months, grace_working_days, starts_on "
                               "FROM autonomy_schedules WHERE " +
                                   where + " ORDER BY org_code LIMIT 5000",
                               params));
  std::vector<ScheduleRule> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ScheduleRule r;
    rows[i].Into(r.org_code, r.finance_months, r.grace_working_days, r.starts_on);
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::set<std::pair<std::string, std::string>>> ScheduleStore::Published(
    const std::string& org_code) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query("SELECT DISTINCT kind, period FROM autonomy_disclosures WHERE "
                               "org_code = $1 AND status = 'published' AND period <> ''",
                               {org_code}));
  std::set<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < rows.size(); ++i) out.insert({rows[i].Text(0), rows[i].Text(1)});
  return out;
}

}  // namespace jiceng::autonomy
