#include "modules/people/residents/resident_validation.hpp"

#include <cctype>

#include "core/module_names.hpp"
#include "core/text/id_number.hpp"
#include "core/text/phone.hpp"
#include "core/text/utf8.hpp"
#include "core/time/civil.hpp"
#include "modules/people/codes.hpp"

namespace jiceng::people {

namespace {

bool IsRealDate(std::string_view d) { return core::time::ParseDate(d).has_value(); }

void CheckCode(std::vector<DomainError>& errors, const CodeTable& table, const std::string& value,
               bool required) {
  if (value.empty()) {
    if (required)
      errors.push_back(
          DomainError::Invalid("people.code.required", "请选择" + table.field, table.field));
    return;
  }
  if (!table.Has(value)) {
    errors.push_back(DomainError::Invalid("people.code.unknown",
                                          "代码“" + value + "”不在标准代码表中", table.field));
  }
}

void CheckLength(std::vector<DomainError>& errors, const std::string& value, std::size_t max,
                 const char* field) {
  if (core::text::Utf8Length(value) > max) {
    errors.push_back(DomainError::Invalid(
        "people.field.too_long", std::string("内容过长（最多 ") + std::to_string(max) + " 个字）",
        field));
  }
}

}  // namespace

bool AddressCodeKnown(std::string_view six, const std::function<bool(std::string_view)>& exists) {
  if (!exists) return true;
  if (exists(six)) return true;
  std::string_view tail = six.substr(4);
  return (tail == "00" || tail == "01") && exists(six.substr(0, 4));
}

std::vector<DomainError> ValidateResident(Resident& r, const ValidationContext& ctx) {
  std::vector<DomainError> errors;
  std::size_t name_chars = core::text::Utf8Length(r.name);
  if (name_chars == 0)
    errors.push_back(DomainError::Invalid("people.name.required", "请填写姓名", "name"));
  if (name_chars > 50)
    errors.push_back(DomainError::Invalid("people.name.too_long", "姓名不能超过 50 个字", "name"));
  if (r.org_code.size() != 15) {
    errors.push_back(DomainError::Invalid("people.grid.required", "请选择所属网格", "org_code"));
  }
  if (r.id_type.empty()) r.id_type = "resident_id";
  CheckCode(errors, IdTypes(), r.id_type, true);

  bool resident_id = r.id_type == "resident_id" || r.id_type == "resident_id_legacy";
  if (r.id_number.empty()) {
    errors.push_back(
        DomainError::Invalid("people.id_number.required", "请填写证件号码", "id_number"));
  } else if (resident_id) {
    auto exists = [&](std::string_view six) {
      return AddressCodeKnown(six, ctx.address_code_exists);
    };
    auto parsed = core::text::ParseIdNumber(
        r.id_number, ctx.address_code_exists ? exists : std::function<bool(std::string_view)>(),
        ctx.today);
    if (!parsed.ok()) {
      errors.push_back(parsed.error());
    } else {
      bool legacy = parsed->kind == core::text::IdNumberKind::kLegacy15;
      if (legacy && r.id_type == "resident_id") r.id_type = "resident_id_legacy";
      if (!legacy && r.id_type == "resident_id_legacy") r.id_type = "resident_id";
      r.id_number = parsed->normalized;
      std::string gender = parsed->male ? "male" : "female";
      if (r.birth_date.empty()) {
        r.birth_date = parsed->birth_date;
      } else if (r.birth_date != parsed->birth_date) {
        errors.push_back(DomainError::Invalid(
            "people.id_number.birth_date_mismatch",
            "出生日期与身份证号码不一致（号码为 " + parsed->birth_date + "）", "birth_date"));
      }
      if (r.gender.empty()) {
        r.gender = gender;
      } else if (r.gender != gender) {
        errors.push_back(DomainError::Invalid("people.id_number.gender_mismatch",
                                              "性别与身份证号码不一致", "gender"));
      }
    }
  } else {
    CheckLength(errors, r.id_number, 30, "id_number");
    for (auto& c : r.id_number) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (r.gender.empty()) {
    errors.push_back(DomainError::Invalid("people.gender.required", "请选择性别", "gender"));
  } else {
    CheckCode(errors, Genders(), r.gender, true);
  }
  if (!r.birth_date.empty() && (!IsRealDate(r.birth_date) || r.birth_date > ctx.today)) {
    errors.push_back(DomainError::Invalid(
        "people.date.format", "出生日期应为有效日期（YYYY-MM-DD），且不晚于今天", "birth_date"));
  }
  if (!r.phone.empty()) {
    auto phone = core::text::NormalizePhone(r.phone);
    if (phone.ok()) {
      r.phone = *phone;
    } else {
      errors.push_back(phone.error());
    }
  }
  if (r.residency_kind.empty()) r.residency_kind = "registered";
  if (r.status.empty()) r.status = "active";
  CheckCode(errors, Ethnicities(), r.ethnicity, false);
  CheckCode(errors, Relations(), r.relation, false);
  CheckCode(errors, Educations(), r.education, false);
  CheckCode(errors, PoliticalStatuses(), r.political_status, false);
  CheckCode(errors, MaritalStatuses(), r.marital_status, false);
  CheckCode(errors, ResidencyKinds(), r.residency_kind, true);
  CheckCode(errors, ResidentStatuses(), r.status, true);
  CheckLength(errors, r.former_names, 100, "former_names");
  CheckLength(errors, r.hukou_address, 200, "hukou_address");
  CheckLength(errors, r.current_address, 200, "current_address");
  CheckLength(errors, r.occupation, 100, "occupation");
  CheckLength(errors, r.employer, 100, "employer");
  CheckLength(errors, r.notes, 1000, "notes");
  return errors;
}

}  // namespace jiceng::people
