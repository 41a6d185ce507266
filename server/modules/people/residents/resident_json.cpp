#include "modules/people/residents/resident_json.hpp"

#include <set>

#include "core/module_names.hpp"
#include "core/text/mask.hpp"
#include "core/time/clock.hpp"
#include "modules/people/codes.hpp"

namespace jiceng::people {

namespace {

Json OptId(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

// The string fields a client may set, by JSON name.
std::string* StringField(Resident& r, const std::string& key) {
  static const std::set<std::string> kNames = {
      "org_code",       "relation",        "name",           "former_names", "gender",
      "birth_date",     "ethnicity",       "id_type",        "id_number",    "phone",
      "hukou_address",  "current_address", "residency_kind", "education",    "political_status",
      "marital_status", "occupation",      "employer",       "notes",        "status"};
  if (!kNames.count(key)) return nullptr;
  if (key == "org_code") return &r.org_code;
  if (key == "relation") return &r.relation;
  if (key == "name") return &r.name;
  if (key == "former_names") return &r.former_names;
  if (key == "gender") return &r.gender;
  if (key == "birth_date") return &r.birth_date;
  if (key == "ethnicity") return &r.ethnicity;
  if (key == "id_type") return &r.id_type;
  if (key == "id_number") return &r.id_number;
  if (key == "phone") return &r.phone;
  if (key == "hukou_address") return &r.hukou_address;
  if (key == "current_address") return &r.current_address;
  if (key == "residency_kind") return &r.residency_kind;
  if (key == "education") return &r.education;
  if (key == "political_status") return &r.political_status;
  if (key == "marital_status") return &r.marital_status;
  if (key == "occupation") return &r.occupation;
  if (key == "employer") return &r.employer;
  if (key == "notes") return &r.notes;
  return &r.status;
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

int AgeOn(const std::string& birth, const std::string& today) {
  if (birth.size() != 10 || today.size() != 10) return -1;
  int age = std::stoi(today.substr(0, 4)) - std::stoi(birth.substr(0, 4));
  if (today.substr(5) < birth.substr(5)) --age;
  return age;
}

std::string ShownBirthDate(const Resident& r, bool reveal) { return reveal ? r.birth_date : ""; }

bool CanUseTag(const core::auth::Principal& who, const std::string& kind) {
  const TagKind* k = FindTagKind(kind);
  return k && who.Has(k->Permission());
}

Json TagJson(const ResidentTag& t) {
  return {{"id", t.id},
          {"resident_id", t.resident_id},
          {"kind", t.kind},
          {"start_date", t.start_date.empty() ? Json(nullptr) : Json(t.start_date)},
          {"end_date", t.end_date.empty() ? Json(nullptr) : Json(t.end_date)},
          {"source", t.source},
          {"note", t.note}};
}

Json ResidentJson(const Resident& r, const core::auth::Principal& who,
                  const ResidentJsonOptions& o) {
  Json tags = Json::array();
  for (const auto& t : r.tags)
    if (CanUseTag(who, t.kind)) tags.push_back(TagJson(t));
  int age = AgeOn(r.birth_date, o.today);
  return {{"id", r.id},
          {"org_code", r.org_code},
          {"org_name", o.org_name},
          {"name", r.name},
          {"former_names", r.former_names},
          {"gender", r.gender},
          {"birth_date", o.reveal ? Json(r.birth_date) : Json(nullptr)},
          {"age", age >= 0 ? Json(age) : Json(nullptr)},
          {"ethnicity", r.ethnicity},
          {"id_type", r.id_type},
          {"id_number", o.reveal ? r.id_number : core::text::MaskIdNumber(r.id_number)},
          {"id_legacy", r.id_type == "resident_id_legacy"},
          {"phone", o.reveal ? r.phone : core::text::MaskPhone(r.phone)},
          {"masked", !o.reveal},
          {"hukou_address", r.hukou_address},
          {"current_address", r.current_address},
          {"residency_kind", r.residency_kind},
          {"education", r.education},
          {"political_status", r.political_status},
          {"marital_status", r.marital_status},
          {"occupation", r.occupation},
          {"employer", r.employer},
          {"notes", r.notes},
          {"house_id", OptId(r.house_id)},
          {"household_id", OptId(r.household_id)},
          {"relation", r.relation},
          {"status", r.status},
          {"tags", tags},
          {"version", r.version},
          {"created_at", core::time::FormatIsoUtc(r.created_at)},
          {"updated_at", core::time::FormatIsoUtc(r.updated_at)}};
}

core::Result<void> ApplyResidentJson(const Json& body, Resident& r) {
  if (!body.is_object()) return DomainError::Invalid("request.body.object", "请求体应为 JSON 对象");
  for (const auto& [key, value] : body.items()) {
    if (key == "version" || key == "purpose") continue;  // handled by the caller
    if (key == "house_id" || key == "household_id") {
      if (!value.is_null() && !value.is_number_integer()) {
        return DomainError::Invalid("people.field.type", "字段类型错误，应为整数", key);
      }
      auto& target = key == "house_id" ? r.house_id : r.household_id;
      target =
          value.is_null() ? std::nullopt : std::optional<std::int64_t>(value.get<std::int64_t>());
      continue;
    }
    std::string* field = StringField(r, key);
    if (!field) return DomainError::Invalid("people.field.unknown", "未知字段：" + key, key);
    if (value.is_null()) {
      *field = "";
    } else if (value.is_string()) {
      *field = Trim(value.get<std::string>());
    } else {
      return DomainError::Invalid("people.field.type", "字段类型错误，应为文字", key);
    }
  }
  return {};
}

}  // namespace jiceng::people
