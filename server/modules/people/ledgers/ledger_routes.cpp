#include "modules/people/ledgers/ledger_routes.hpp"

#include <functional>
#include <map>

#include "core/app/call.hpp"
#include "core/http/params.hpp"
#include "core/module_names.hpp"
#include "core/text/mask.hpp"
#include "modules/people/codes.hpp"
#include "modules/people/ledgers/export_routes.hpp"
#include "modules/people/ledgers/ledger_store.hpp"
#include "modules/people/ledgers/ledgers.hpp"
#include "modules/people/permissions.hpp"
#include "modules/people/residents/resident_json.hpp"

namespace jiceng::people {

namespace {

// What a cell needs beyond the row: the day (ages, active tags), masking, grid names.
struct CellContext {
  std::string today;
  bool reveal = false;
  std::function<const std::string&(const std::string&)> grid_name;
};

std::string HouseAddress(const House& h) {
  if (!h.address.empty()) return h.address;
  std::string out = h.building;
  if (!h.unit.empty()) out += h.unit;
  if (!h.room.empty()) out += h.room;
  return out;
}

// The active tag of the ledger's primary kind (the earliest, as loaded), if any.
const ResidentTag* PrimaryTag(const LedgerDef& l, const Resident& r) {
  for (const auto& t : r.tags)
    if (t.kind == l.primary_tag) return &t;
  return nullptr;
}

std::string Reasons(const LedgerDef& l, const Resident& r, const std::string& today) {
  std::string out;
  for (const auto& c : l.any_of) {
    if (c.reason.empty() || !Meets(c, r, today)) continue;
    if (!out.empty()) out += "；";
    out += c.reason;
  }
  return out;
}

std::string Cell(const std::string& key, const LedgerDef& l, const LedgerRow& row,
                 const CellContext& cx) {
  const Resident& r = row.resident;
  if (key == "name") return r.name;
  if (key == "gender") return Genders().NameOf(r.gender);
  if (key == "birth_date") return ShownBirthDate(r, cx.reveal);
  if (key == "age") {
    int age = AgeOn(r.birth_date, cx.today);
    return age >= 0 ? std::to_string(age) : "";
  }
  if (key == "id_number") return cx.reveal ? r.id_number : core::text::MaskIdNumber(r.id_number);
  if (key == "phone") return cx.reveal ? r.phone : core::text::MaskPhone(r.phone);
  if (key == "grid") return cx.grid_name(r.org_code);
  if (key == "current_address") return r.current_address;
  if (key == "hukou_address") return r.hukou_address;
  if (key == "relation") return Relations().NameOf(r.relation);
  if (key == "residency_kind") return ResidencyKinds().NameOf(r.residency_kind);
  if (key == "education") return Educations().NameOf(r.education);
  if (key == "tag_start_date" || key == "tag_source") {
    const ResidentTag* t = PrimaryTag(l, r);
    if (!t) return "";
    return key == "tag_start_date" ? t->start_date : t->source;
  }
  if (key == "reasons") return Reasons(l, r, cx.today);
  if (key == "house_address") return row.house ? HouseAddress(*row.house) : "";
  if (key == "owner_name") return row.house ? row.house->owner_name : "";
  return "";
}

std::vector<std::string> Cells(const LedgerDef& l, const LedgerRow& row, const CellContext& cx) {
  std::vector<std::string> out;
  for (const auto& key : l.columns) out.push_back(Cell(key, l, row, cx));
  return out;
}

Json ItemJson(const LedgerDef& l, const LedgerRow& row, const CellContext& cx) {
  Json item = {{"resident_id", row.resident.id}, {"org_code", row.resident.org_code}};
  if (row.house) item["house_id"] = row.house->id;
  for (const auto& key : l.columns) {
    std::string v = Cell(key, l, row, cx);
    if (key == "age") {
      item[key] = v.empty() ? Json(nullptr) : Json(std::stoi(v));
    } else {
      item[key] = v;
    }
  }
  return item;
}

Json LedgerJson(const LedgerDef& l) {
  Json columns = Json::array();
  for (const auto& key : l.columns)
    columns.push_back({{"key", key}, {"label", ColumnOf(key).label}});
  return {{"key", l.key},
          {"department", l.department},
          {"title", l.title},
          {"description", l.description},
          {"filter_text", l.filter_text},
          {"columns", columns},
          {"fields", l.Fields()}};
}

// A ledger the caller may read, or 404 (a ledger over tags they may not see does not exist for
// them).
Result<const LedgerDef*> ReadableLedger(const Request& req) {
  const LedgerDef* l = FindLedger(req.Param("key"));
  if (!l || !CanReadLedger(req.Who(), *l)) {
    return DomainError::NotFound("people.ledger.not_found", "台账不存在或您没有查看权限");
  }
  return l;
}

CellContext MakeCellContext(PeopleContext& ctx, bool reveal, OrgNames& names) {
  return CellContext{ctx.Today(), reveal, [&names](const std::string& code) -> const std::string& {
                       return names(code);
                     }};
}

std::string AuditOrg(const Request& req, const std::string& org) {
  return org.empty() ? req.Who().org_code : org;
}

Response ListLedgers(const Request& req) {
  Json items = Json::array();
  for (const auto& l : Ledgers())
    if (CanReadLedger(req.Who(), l)) items.push_back(LedgerJson(l));
  return Response::Ok({{"items", items}, {"next_cursor", nullptr}});
}

Response FieldUsage(const Request& req) {
  Json out = Json::array();
  for (const auto& f : BaseFields()) {
    Json users = Json::array();
    for (const auto& l : Ledgers()) {
      if (!CanReadLedger(req.Who(), l)) continue;
      auto fields = l.Fields();
      if (std::find(fields.begin(), fields.end(), f.key) != fields.end()) {
        users.push_back({{"key", l.key}, {"title", l.title}, {"department", l.department}});
      }
    }
    out.push_back({{"field", f.key}, {"label", f.label}, {"ledgers", users}});
  }
  return Response::Ok(out);
}

Result<Json> ReadLedger(PeopleContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(const LedgerDef* ledger, ReadableLedger(req));
  const LedgerDef& l = *ledger;
  JC_ASSIGN_OR_RETURN(std::string purpose, RevealPurpose(req));
  JC_ASSIGN_OR_RETURN(int limit, core::http::LimitParam(req));
  std::string org = req.Query("org");
  OrgNames names(ctx);
  CellContext cx = MakeCellContext(ctx, !purpose.empty(), names);

  LedgerPage page;
  std::int64_t total = 0;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    LedgerStore store(s, ctx.privacy);
    JC_ASSIGN_OR_RETURN(page,
                        store.Page(l, req.Who().scope, org, cx.today, req.Query("cursor"), limit));
    JC_ASSIGN_OR_RETURN(total, store.Count(l, req.Who().scope, org, cx.today));
    return {};
  }));
  if (cx.reveal) {
    // Numbers in full leave only with their audit row.
    JC_TRY(ctx.audit.AppendAlone(core::app::Call::Of(req).Audit(
        "people.ledger.reveal", "ledger", l.key, AuditOrg(req, org),
        {{"ledger", l.key}, {"purpose", purpose}, {"rows", page.rows.size()}, {"org", org}})));
  }
  Json items = Json::array();
  for (const auto& row : page.rows) items.push_back(ItemJson(l, row, cx));
  return Json{{"ledger", LedgerJson(l)},
              {"items", items},
              {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)},
              {"total", total},
              {"masked", !cx.reveal}};
}

Result<Response> ExportLedger(PeopleContext& ctx, const Request& req) {
  JC_ASSIGN_OR_RETURN(const LedgerDef* ledger, ReadableLedger(req));
  const LedgerDef& l = *ledger;
  if (!req.Who().Has(kExport))
    return DomainError::Forbidden("auth.forbidden", "没有执行此操作的权限");
  JC_ASSIGN_OR_RETURN(std::string purpose, RevealPurpose(req));
  std::string org = req.Query("org");
  OrgNames names(ctx);
  CellContext cx = MakeCellContext(ctx, !purpose.empty(), names);

  std::vector<std::string> header;
  for (const auto& key : l.columns) header.push_back(ColumnOf(key).label);
  JC_ASSIGN_OR_RETURN(auto download, XlsxDownload::Create(ctx, l.title, header));
  // One snapshot for the whole file; pages keep memory flat, rows go straight to the writer.
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    LedgerStore store(s, ctx.privacy);
    std::string cursor;
    while (true) {
      JC_ASSIGN_OR_RETURN(auto page, store.Page(l, req.Who().scope, org, cx.today, cursor, 500));
      for (const auto& row : page.rows) download->AddRow(Cells(l, row, cx));
      if (!page.next_cursor) break;
      cursor = *page.next_cursor;
    }
    return {};
  }));
  JC_ASSIGN_OR_RETURN(Response res,
                      download->Finish(l.department + "-" + l.title + "-" + cx.today + ".xlsx",
                                       l.key + "-" + cx.today + ".xlsx"));
  Json summary = {{"ledger", l.key},
                  {"filter", {{"org", org}}},
                  {"rows", download->rows()},
                  {"masked", !cx.reveal}};
  if (cx.reveal) summary["purpose"] = purpose;
  JC_TRY(ctx.audit.AppendAlone(core::app::Call::Of(req).Audit("people.export", "ledger", l.key,
                                                              AuditOrg(req, org), summary)));
  return res;
}

}  // namespace

void RegisterLedgerRoutes(core::http::Router& router, PeopleContext& ctx) {
  // Literal segments win over {key} and {id} in the router, whatever the order of registration.
  router.Get(
      "/api/v1/ledgers", [](Request& req) { return ListLedgers(req); }, kLedgerRead,
      "Department ledgers the caller may read");
  router.Get(
      "/api/v1/ledgers/field-usage", [](Request& req) { return FieldUsage(req); }, kLedgerRead,
      "For each base field, the ledgers that consume it");
  router.Get(
      "/api/v1/ledgers/{key}",
      [&ctx](Request& req) { return core::http::Answer(req, ReadLedger(ctx, req)); }, kLedgerRead,
      "One page of a ledger, computed live from the base records");
  router.Get(
      "/api/v1/ledgers/{key}/export.xlsx",
      [&ctx](Request& req) { return core::http::Answer(req, ExportLedger(ctx, req)); }, kLedgerRead,
      "A whole ledger as xlsx (people.export too), masked unless a purpose is given");
  RegisterResidentExportRoute(router, ctx);
}

}  // namespace jiceng::people
