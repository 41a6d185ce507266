#include "modules/cases/open311/open311_store.hpp"

#include "core/module_names.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases::open311 {

namespace {

// Every case status that counts as open (or closed): the Open311 status of a case.
std::vector<std::string> StatusesWhere(bool open) {
  std::vector<std::string> out;
  for (int i = static_cast<int>(CaseStatus::kReported);
       i <= static_cast<int>(CaseStatus::kSuspended); ++i) {
    auto s = static_cast<CaseStatus>(i);
    if (IsOpen(s) == open) out.push_back(StatusName(s));
  }
  return out;
}

core::db::Value EncryptedOrNull(const core::crypto::FieldCipher& cipher, const std::string& clear) {
  if (clear.empty()) return core::db::Null{};
  return core::db::Blob{cipher.Encrypt(clear)};
}

}  // namespace

Result<std::vector<PublicRequest>> Open311Store::FindRequests(const core::auth::Scope& scope,
                                                              const RequestQuery& q) {
  Params params;
  // Public columns only: never reporter_* (nor attributes, which may name people).
  std::string sql =
      "SELECT c.id, c.status, c.category_code, c.description, c.department_code, c.created_at, "
      "c.updated_at, "
      "c.handling_due_at, c.address, c.address_id, c.lat, c.lng, c.media_url, c.closed_at, "
      "CASE WHEN c.channel = 'hotline' OR p.category_code IS NOT NULL THEN 1 ELSE 0 END, "
      "c.channel, c.public_description "
      "FROM cases_cases c LEFT JOIN cases_open311_private_categories p ON p.category_code = "
      "c.category_code "
      "WHERE 1 = 1";
  sql += " AND " + scope.Sql("c.org_code", params);
  if (!q.ids.empty()) {
    sql += " AND c.id IN " + BindList(params, q.ids);
  } else {
    if (!q.service_codes.empty())
      sql += " AND c.category_code IN " + BindList(params, q.service_codes);
    if (q.open) sql += " AND c.status IN " + BindList(params, StatusesWhere(*q.open));
    sql += " AND c.created_at >= " + Bind(params, q.start_ms) +
           " AND c.created_at <= " + Bind(params, q.end_ms);
  }
  sql += " ORDER BY c.created_at DESC, c.id DESC LIMIT " + std::to_string(kMaxRequests);
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(sql, params));
  std::vector<PublicRequest> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    PublicRequest p;
    std::optional<std::int64_t> closed_at;
    r.Into(p.id, p.status, p.category_code, p.description, p.department_code, p.created_at,
           p.updated_at, p.expected_at, p.address, p.address_id, p.lat, p.lng, p.media_url,
           closed_at, p.withheld, p.channel, p.public_description);
    // "For requests with status=closed, this will be the date the request was closed."
    if (!IsOpenStatus(p.status) && closed_at) p.updated_at = *closed_at;
    Redact(p);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<std::int64_t>> Open311Store::IdOfToken(const std::string& token) {
  // Only requests made through Open311 have a token: the code of a resident, hotline or staff
  // case is the reporter's credential (or nobody's) and answers as an unknown token.
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT id FROM cases_cases WHERE tracking_code = $1 "
                                          "AND channel = 'open311'",
                                          {token}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<void> Open311Store::SaveSubmissionFields(const core::auth::Scope& scope,
                                                std::int64_t case_id, const SubmissionFields& f) {
  Params params{f.attributes_json,
                f.address_id,
                f.media_url,
                f.api_key_id,
                EncryptedOrNull(cipher_, f.email),
                EncryptedOrNull(cipher_, f.device_id),
                EncryptedOrNull(cipher_, f.account_id),
                case_id};
  std::string sql =
      "UPDATE cases_cases SET attributes = $1, address_id = $2, media_url = $3, api_key_id = $4, "
      "reporter_email_enc = $5, reporter_device_enc = $6, reporter_account_enc = $7 WHERE id = "
      "$8 AND " +
      scope.Sql("org_code", params);
  JC_TRY(s_.Exec(sql, params));
  return {};
}

}  // namespace jiceng::cases::open311
