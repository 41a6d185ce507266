#include "modules/autonomy/disclosures/disclosures.hpp"

#include <fmt/format.h>

#include <map>

#include "core/time/clock.hpp"
#include "modules/autonomy/body_fields.hpp"
#include "modules/autonomy/decisions/decisions.hpp"
#include "modules/autonomy/disclosures/disclosure_store.hpp"

namespace jiceng::autonomy {

namespace {

constexpr std::int64_t kMaxAmount = 100000000000LL;  // 10 亿元 in fen, per line and in total
constexpr std::size_t kMaxLines = 500;

std::string AuthorName(const core::auth::Principal& who) {
  return who.display_name.empty() ? who.username : who.display_name;
}

// Reads period, title, body, lines and totals into d (kind and org_code already set).
Result<void> ReadContent(const Json& body, Disclosure& d) {
  JC_ASSIGN_OR_RETURN(d.period, RequiredText(body, "period", 10, "公开期间"));
  if (!IsPeriod(d.period))
    return DomainError::Invalid("autonomy.disclosure.period.invalid",
                                "公开期间应为 YYYY-MM（月度）或 YYYY-Qn（季度）", "period");
  JC_ASSIGN_OR_RETURN(d.title, RequiredText(body, "title", 100, "标题"));
  JC_ASSIGN_OR_RETURN(d.body, TextField(body, "body", 20000));
  d.lines.clear();
  auto lines = body.find("lines");
  bool has_lines = lines != body.end() && !lines->is_null();
  if (d.kind != "finance") {
    if (has_lines || body.contains("total_income") || body.contains("total_expense"))
      return DomainError::Invalid("autonomy.disclosure.lines.not_finance",
                                  "只有财务公开填写收支明细", "lines");
    if (d.body.find_first_not_of(" \t\r\n") == std::string::npos)
      return DomainError::Invalid("autonomy.body.required", "请填写公开内容", "body");
    d.total_income.reset();
    d.total_expense.reset();
    return {};
  }
  if (!has_lines || !lines->is_array() || lines->empty())
    return DomainError::Invalid("autonomy.disclosure.lines.required",
                                "财务公开应逐项列明收入和支出", "lines");
  if (lines->size() > kMaxLines)
    return DomainError::Invalid("autonomy.disclosure.lines.too_many",
                                fmt::format("收支明细不能超过 {} 项", kMaxLines), "lines");
  std::int64_t income = 0, expense = 0;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const Json& l = (*lines)[i];
    std::string at = fmt::format("lines[{}]", i);
    if (!l.is_object())
      return DomainError::Invalid("autonomy.disclosure.line.invalid", "收支明细的每一项应为对象",
                                  at);
    JC_TRY(RejectUnknown(l, {"label", "kind", "amount"}));
    DisclosureLine line;
    JC_ASSIGN_OR_RETURN(line.label, TextField(l, "label", 100));
    if (line.label.find_first_not_of(" \t\r\n") == std::string::npos)
      return DomainError::Invalid("autonomy.disclosure.line.label.required",
                                  fmt::format("第 {} 项未填写名称", i + 1), at + ".label");
    JC_ASSIGN_OR_RETURN(line.kind, TextField(l, "kind", 10));
    if (line.kind != "income" && line.kind != "expense")
      return DomainError::Invalid(
          "autonomy.disclosure.line.kind.invalid",
          fmt::format("第 {} 项的类别应为 income（收入）或 expense（支出）", i + 1), at + ".kind");
    auto amount = l.find("amount");
    if (amount == l.end() || !amount->is_number_integer() ||
        (amount->is_number_unsigned() &&
         amount->get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxAmount)) ||
        amount->get<std::int64_t>() < 0 || amount->get<std::int64_t>() > kMaxAmount)
      return DomainError::Invalid("autonomy.disclosure.line.amount.invalid",
                                  fmt::format("第 {} 项的金额应为以分计的非负整数", i + 1),
                                  at + ".amount");
    line.amount = amount->get<std::int64_t>();
    (line.kind == "income" ? income : expense) += line.amount;
    d.lines.push_back(std::move(line));
  }
  // The totals the village states, in fen: they must equal the sums of the lines.
  auto total = [&](const char* name) -> Result<std::int64_t> {
    auto it = body.find(name);
    if (it == body.end() || !it->is_number_integer() ||
        (it->is_number_unsigned() &&
         it->get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxAmount * 500)) ||
        it->get<std::int64_t>() < 0)
      return DomainError::Invalid("autonomy.disclosure.total.invalid",
                                  std::string(name) + " 应为以分计的非负整数", name);
    return it->get<std::int64_t>();
  };
  JC_ASSIGN_OR_RETURN(std::int64_t ti, total("total_income"));
  JC_ASSIGN_OR_RETURN(std::int64_t te, total("total_expense"));
  if (ti != income)
    return DomainError::Invalid(
        "autonomy.disclosure.totals_mismatch",
        fmt::format("收入合计 {} 元与各项收入之和 {} 元不符", Yuan(ti), Yuan(income)),
        "total_income");
  if (te != expense)
    return DomainError::Invalid(
        "autonomy.disclosure.totals_mismatch",
        fmt::format("支出合计 {} 元与各项支出之和 {} 元不符", Yuan(te), Yuan(expense)),
        "total_expense");
  d.total_income = ti;
  d.total_expense = te;
  return {};
}

Result<std::string> VillageOf(AutonomyContext& ctx, const core::auth::Scope& scope,
                              const std::string& code) {
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(scope, code));
  if (!node)
    return DomainError::Invalid("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内",
                                "org_code");
  if (node->level != org::OrgLevel::kVillage)
    return DomainError::Invalid("autonomy.org.not_village", "公开事项应属于一个村（社区）",
                                "org_code");
  return node->code;
}

DomainError StatusConflict(const Disclosure& d, const std::string& what) {
  static const std::map<std::string, std::string> kNames = {{"draft", "草稿"},
                                                            {"signed_off", "监委会已审核同意"},
                                                            {"refused", "监委会未同意"},
                                                            {"published", "已公开"}};
  auto it = kNames.find(d.status);
  return DomainError::Conflict(
      "autonomy.disclosure.status",
      "该公开事项当前为「" + (it == kNames.end() ? d.status : it->second) + "」，不能" + what);
}

DomainError Changed() {
  return DomainError::Conflict("autonomy.disclosure.changed",
                               "该公开事项刚被他人更新，请刷新后重试");
}

}  // namespace

DomainError DisclosureNotFound() {
  return DomainError::NotFound("autonomy.disclosure.not_found",
                               "公开事项不存在或不在您的管辖范围内");
}

bool IsPeriod(std::string_view p) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (p[i] < '0' || p[i] > '9') return false;
    return true;
  };
  if (p.size() == 7 && digits(0, 4) && p[4] == '-' && p[5] != 'Q') {
    if (!digits(5, 2)) return false;
    int m = (p[5] - '0') * 10 + (p[6] - '0');
    return p[0] != '0' && m >= 1 && m <= 12;
  }
  return p.size() == 7 && digits(0, 4) && p[0] != '0' && p[4] == '-' && p[5] == 'Q' &&
         p[6] >= '1' && p[6] <= '4';
}

std::string Yuan(std::int64_t fen) {
  std::string sign = fen < 0 ? "-" : "";
  std::int64_t a = fen < 0 ? -fen : fen;
  return fmt::format("{}{}.{:02}", sign, a / 100, a % 100);
}

Json FullDisclosureJson(const Disclosure& d) {
  Json j = DisclosureJson(d);
  j["version"] = d.version;
  if (d.kind == "finance") {
    Json lines = Json::array();
    for (const auto& l : d.lines)
      lines.push_back({{"label", l.label},
                       {"kind", l.kind},
                       {"amount", l.amount},
                       {"amount_yuan", Yuan(l.amount)}});
    j["lines"] = lines;
    j["total_income"] = d.total_income ? Json(*d.total_income) : Json(nullptr);
    j["total_expense"] = d.total_expense ? Json(*d.total_expense) : Json(nullptr);
    if (d.total_income && d.total_expense) {
      j["total_income_yuan"] = Yuan(*d.total_income);
      j["total_expense_yuan"] = Yuan(*d.total_expense);
      j["balance_yuan"] = Yuan(*d.total_income - *d.total_expense);
    }
  }
  return j;
}

Result<Disclosure> CreateDisclosure(AutonomyContext& ctx, const Call& call, const Json& body) {
  JC_TRY(RejectUnknown(body, {"org_code", "kind", "period", "title", "body", "lines",
                              "total_income", "total_expense"}));
  Disclosure d;
  JC_ASSIGN_OR_RETURN(std::string org_code, RequiredText(body, "org_code", 20, "村（社区）"));
  JC_ASSIGN_OR_RETURN(d.kind, RequiredText(body, "kind", 20, "公开类别"));
  if (d.kind != "party" && d.kind != "village" && d.kind != "finance")
    return DomainError::Invalid("autonomy.disclosure.kind.unknown",
                                "公开类别应为 party（党务）、village（村务）或 finance（财务）",
                                "kind");
  JC_TRY(ReadContent(body, d));
  JC_ASSIGN_OR_RETURN(d.org_code, VillageOf(ctx, call.who.scope, org_code));
  d.status = "draft";
  d.created_by_id = call.who.user_id;
  d.created_by = AuthorName(call.who);
  d.created_at = d.updated_at = ctx.clock.NowMs();
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    JC_TRY(DisclosureStore(s).Insert(d));
    return ctx.audit.Append(
        s, call.Audit("autonomy.disclosure.create", "disclosure", std::to_string(d.id), d.org_code,
                      {{"kind", d.kind}, {"period", d.period}}));
  }));
  return d;
}

Result<Disclosure> ReviseDisclosure(AutonomyContext& ctx, const Call& call, std::int64_t id,
                                    const Json& body) {
  JC_TRY(RejectUnknown(
      body, {"version", "period", "title", "body", "lines", "total_income", "total_expense"}));
  auto v = body.find("version");
  if (v == body.end() || !v->is_number_integer())
    return DomainError::Invalid("autonomy.version.required", "请提供公开事项的 version", "version");
  std::int64_t version = v->get<std::int64_t>();
  Disclosure d;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DisclosureStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(call.who.scope, id));
    if (!found) return DisclosureNotFound();
    d = *found;
    if (d.decision_id) return StatusConflict(d, "修改（决议公开随决策生成）");
    if (d.status != "draft" && d.status != "refused") return StatusConflict(d, "修改");
    if (d.version != version)
      return DomainError::Conflict("autonomy.disclosure.version_conflict",
                                   "该公开事项已被他人修改，请刷新后重试", "version");
    JC_TRY(ReadContent(body, d));
    d.version += 1;
    d.status = "draft";
    d.updated_at = ctx.clock.NowMs();
    JC_ASSIGN_OR_RETURN(bool ok, store.Revise(d));
    if (!ok) return Changed();
    return ctx.audit.Append(
        s, call.Audit("autonomy.disclosure.revise", "disclosure", std::to_string(id), d.org_code,
                      {{"version", d.version}}));
  }));
  return d;
}

Result<Disclosure> ReviewDisclosure(AutonomyContext& ctx, const Call& call, std::int64_t id,
                                    const Json& body) {
  JC_TRY(RejectUnknown(body, {"verdict", "reason"}));
  DisclosureReview r;
  JC_ASSIGN_OR_RETURN(r.verdict, RequiredText(body, "verdict", 10, "审核意见"));
  if (r.verdict != "approve" && r.verdict != "refuse")
    return DomainError::Invalid("autonomy.disclosure.verdict.invalid",
                                "审核意见应为 approve（同意）或 refuse（不同意）", "verdict");
  JC_ASSIGN_OR_RETURN(r.reason, TextField(body, "reason", 1000));
  if (r.verdict == "refuse" && r.reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return DomainError::Invalid("autonomy.disclosure.reason.required", "不同意时请写明理由",
                                "reason");
  std::int64_t now = ctx.clock.NowMs();
  Disclosure d;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DisclosureStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(call.who.scope, id));
    if (!found) return DisclosureNotFound();
    d = *found;
    if (d.status != "draft") return StatusConflict(d, "审核");
    if (d.created_by_id == call.who.user_id)
      return DomainError::Forbidden("autonomy.disclosure.own_review", "不能审核自己填报的公开事项");
    r.disclosure_id = id;
    r.reviewer_id = call.who.user_id;
    r.reviewer = AuthorName(call.who);
    r.at = now;
    JC_TRY(store.InsertReview(r));
    std::string to = r.verdict == "approve" ? "signed_off" : "refused";
    JC_ASSIGN_OR_RETURN(bool ok, store.SetStatus(id, "draft", to, std::nullopt, now));
    if (!ok) return Changed();
    d.status = to;
    d.version += 1;
    d.updated_at = now;
    return ctx.audit.Append(
        s, call.Audit("autonomy.disclosure.review", "disclosure", std::to_string(id), d.org_code,
                      {{"verdict", r.verdict}, {"reason", r.reason}}));
  }));
  return d;
}

Result<Disclosure> PublishDisclosure(AutonomyContext& ctx, const Call& call, std::int64_t id) {
  std::int64_t now = ctx.clock.NowMs();
  Disclosure d;
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DisclosureStore store(s);
    JC_ASSIGN_OR_RETURN(auto found, store.Get(call.who.scope, id));
    if (!found) return DisclosureNotFound();
    d = *found;
    if (d.status == "published") return StatusConflict(d, "再次公开");
    // Finances are published only after the supervisory committee signed them off.
    if (d.kind == "finance" && d.status != "signed_off")
      return DomainError::Conflict("autonomy.disclosure.not_signed_off",
                                   "财务公开须经村务监督委员会审核同意后才能公开");
    if (d.status == "refused") return StatusConflict(d, "公开");
    JC_ASSIGN_OR_RETURN(bool ok, store.SetStatus(id, d.status, "published", now, now));
    if (!ok) return Changed();
    d.status = "published";
    d.published_at = now;
    d.version += 1;
    d.updated_at = now;
    return ctx.audit.Append(s, call.Audit("autonomy.disclosure.publish", "disclosure",
                                          std::to_string(id), d.org_code, {{"kind", d.kind}}));
  }));
  return d;
}

Result<Json> DisclosureDetail(AutonomyContext& ctx, const core::auth::Scope& scope,
                              std::int64_t id) {
  std::optional<Disclosure> d;
  std::vector<DisclosureReview> reviews;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    DisclosureStore store(s);
    JC_ASSIGN_OR_RETURN(d, store.Get(scope, id));
    if (!d) return DisclosureNotFound();
    JC_ASSIGN_OR_RETURN(reviews, store.Reviews(id));
    return {};
  }));
  Json out = FullDisclosureJson(*d);
  Json rs = Json::array();
  for (const auto& r : reviews)
    rs.push_back({{"verdict", r.verdict},
                  {"reason", r.reason},
                  {"reviewer_name", r.reviewer},
                  {"at", core::time::FormatIsoUtc(r.at)}});
  out["reviews"] = rs;
  return out;
}

}  // namespace jiceng::autonomy
