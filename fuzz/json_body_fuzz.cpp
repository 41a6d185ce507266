// JSON bodies of the write routes: the body is parsed as the HTTP layer does (Request::JsonBody)
// and handed to every request parser and check that runs before a route touches the database:
//   POST/PATCH /api/v1/residents            people::ApplyResidentJson + ValidateResident
//   POST /api/v1/cases, hotline, public     cases::ReadReportFields + CheckIntake
//   PATCH /api/v1/case-categories/{code}    cases::ApplyCategoryPatch
//   POST/PUT /api/v1/grids                  org::GridInputFromJson + geo::ParseGeoJsonPolygon
// Every outcome must be a value or a 4xx DomainError with a stable code that renders as
// problem+json; every accepted record must render as its JSON answer.
#include <cstdint>
#include <string>
#include <vector>

#include "core/auth/principal.hpp"
#include "core/geo/geometry.hpp"
#include "core/http/message.hpp"
#include "core/text/utf8.hpp"
#include "fuzz_support.hpp"
#include "modules/cases/body_fields.hpp"
#include "modules/cases/catalogue/catalogue.hpp"
#include "modules/cases/catalogue/catalogue_json.hpp"
#include "modules/cases/intake/intake.hpp"
#include "modules/org/org.hpp"
#include "modules/org/org_json.hpp"
#include "modules/people/residents/resident_json.hpp"
#include "modules/people/residents/resident_validation.hpp"

using namespace jiceng;
using core::http::Json;

namespace {

const core::http::Request& Req(core::http::Lang lang) {
  static core::http::Request zh, en;
  en.lang = core::http::Lang::kEn;
  return lang == core::http::Lang::kEn ? en : zh;
}

// A refusal: a client error with a dotted code, answered as problem+json in both languages.
void Refused(const core::DomainError& e) {
  JICENG_FUZZ_CHECK(!e.code.empty() && e.code.find('.') != std::string::npos);
  int status = core::http::StatusOf(e.kind);
  JICENG_FUZZ_CHECK(status >= 400 && status < 500);
  for (auto lang : {core::http::Lang::kZhCN, core::http::Lang::kEn}) {
    core::http::Response r = core::http::Response::Problem(e, Req(lang));
    JICENG_FUZZ_CHECK(r.status >= 400 && r.status < 500);
    Json back = Json::parse(r.body, nullptr, false);
    JICENG_FUZZ_CHECK(back.is_object() && back["code"] == e.code);
  }
}

template <typename T>
void Outcome(const core::Result<T>& r) {
  if (!r.ok()) Refused(r.error());
}

void Residents(const Json& body) {
  people::ValidationContext ctx;
  ctx.today = "2026-12-07";
  ctx.address_code_exists = [](std::string_view six) { return six.substr(0, 2) == "33"; };
  core::auth::Principal who;
  who.permissions = {"people.sensitive.read", "people.tags.special"};
  // Create: an empty record.
  people::Resident created;
  auto applied = people::ApplyResidentJson(body, created);
  Outcome(applied);
  if (applied.ok()) {
    auto errors = people::ValidateResident(created, ctx);
    for (const auto& e : errors) Refused(e);
    if (errors.empty()) {
      for (bool reveal : {false, true}) {
        Json answer = people::ResidentJson(created, who, {reveal, ctx.today, "一网格"});
        (void)answer.dump(-1, ' ', false, Json::error_handler_t::replace);
      }
    }
  }
  // Edit: a stored record, as the update use case does it.
  people::Resident stored;
  stored.org_code = "330681109001001";
  stored.name = "张三";
  stored.id_type = "resident_id";
  stored.id_number = "11010519491231002X";
  stored.phone = "13812345678";
  stored.residency_kind = "registered";
  auto edited = people::ApplyResidentJson(body, stored);
  Outcome(edited);
  if (edited.ok()) {
    if (body.contains("id_number") && !body.contains("birth_date")) stored.birth_date.clear();
    if (body.contains("id_number") && !body.contains("gender")) stored.gender.clear();
    for (const auto& e : people::ValidateResident(stored, ctx)) Refused(e);
    (void)people::ResidentJson(stored, who, {false, ctx.today, ""})
        .dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

void Cases(const Json& body) {
  if (!body.is_object()) return;
  for (const char* node_key : {"org_code", "grid_code"}) {
    cases::IntakeReport report;
    auto read = cases::ReadReportFields(body, node_key, report);
    Outcome(read);
    if (!read.ok()) continue;
    auto urgency = cases::Text(body, "urgency");
    Outcome(urgency);
    if (urgency.ok() && !urgency.value().empty()) report.urgency = urgency.value();
    cases::IntakeOptions staff;
    cases::IntakeOptions resident;
    resident.max_description = 1000;
    cases::IntakeOptions open311;
    open311.max_description = 4000;
    open311.description_optional = true;
    open311.point_in_china = false;
    for (const auto* o : {&staff, &resident, &open311}) {
      for (const auto& e : cases::CheckIntake(report, *o)) Refused(e);
    }
  }
  cases::Category category;
  category.code = "E0102";
  category.name = "占道经营";
  Outcome(cases::ApplyCategoryPatch(body, category));
  (void)cases::CategoryJson(category).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void Grids(const Json& body) {
  if (!body.is_object()) return;
  auto input = org::GridInputFromJson(body);
  Outcome(input);
  if (!input.ok()) return;
  (void)org::IsValidOrgCode(input.value().village_code);
  (void)org::AncestorCodes(input.value().village_code);
  auto polygon = core::geo::ParseGeoJsonPolygon(input.value().geometry);
  Outcome(polygon);
  if (polygon.ok()) (void)core::geo::ToGeoJson(polygon.value()).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  core::http::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = req.JsonBody();
  if (!body.ok()) {
    JICENG_FUZZ_CHECK(body.error().code == "http.bad_json");
    Refused(body.error());
    return 0;
  }
  const Json& j = body.value();
  JICENG_FUZZ_CHECK(j.is_object());
  Residents(j);
  Cases(j);
  Grids(j);
  return 0;
}
