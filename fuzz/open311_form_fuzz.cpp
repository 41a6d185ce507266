// The Open311 POST body (cases/open311): application/x-www-form-urlencoded from any client on
// the internet. The form is split and decoded, turned into a submission, its attribute answers
// checked against a service definition, and every failure rendered as the spec's XML and JSON
// error bodies, which must stay well-formed whatever the names and values held.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/text/utf8.hpp"
#include "fuzz_support.hpp"
#include "modules/cases/open311/open311_attributes.hpp"
#include "modules/cases/open311/open311_form.hpp"
#include "modules/cases/open311/open311_format.hpp"
#include "modules/cases/open311/open311_intake.hpp"

using namespace jiceng;
using namespace jiceng::cases::open311;

namespace {

// One attribute of every datatype, as an administrator could define them.
const std::vector<ServiceAttribute>& Definition() {
  static const std::vector<ServiceAttribute> d = [] {
    std::vector<ServiceAttribute> v(7);
    v[0] = {"note", false, "string", false, "", 1, "说明", {}, ""};
    v[1] = {"plate", true, "string", false, "车牌号", 2, "车牌号", {}, "[A-Z0-9]{5,8}"};
    v[2] = {"detail", true, "text", false, "", 3, "详细情况", {}, "[^<>]*"};
    v[3] = {"count", true, "number", false, "", 4, "数量", {}, ""};
    v[4] = {"seen_at", true, "datetime", false, "", 5, "发现时间", {}, ""};
    v[5] = {"kind", true, "singlevaluelist", true, "", 6, "类型", {{"a", "甲"}, {"b", "乙"}}, ""};
    v[6] = {"tags", true,   "multivaluelist",         false,  "",
            7,      "标签", {{"x", "X"}, {"y", "Y"}}, "[a-z]"};
    return v;
  }();
  return d;
}

void Render(const Failure& failure) {
  for (Format f : {Format::kXml, Format::kJson}) {
    core::http::Response r = RenderFailure(f, failure);
    JICENG_FUZZ_CHECK(r.status == failure.status);
    JICENG_FUZZ_CHECK(core::text::ValidUtf8(r.body));
    if (f == Format::kJson) {
      JICENG_FUZZ_CHECK(!nlohmann::json::parse(r.body, nullptr, false).is_discarded());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Form form = Form::Parse(fuzz::Text(data, size));
  for (const auto& [name, value] : form.pairs()) {
    if (auto a = ParseAttributeName(name)) {
      JICENG_FUZZ_CHECK(!a->code.empty() && a->code.find(']') == std::string::npos);
    }
    (void)ParseW3cDatetime(value);
  }
  auto outcome = SubmissionFromForm(form);
  if (auto* failure = std::get_if<Failure>(&outcome)) {
    JICENG_FUZZ_CHECK(!failure->errors.empty());
    Render(*failure);
    return 0;
  }
  const Submission& s = std::get<Submission>(outcome);
  JICENG_FUZZ_CHECK(core::text::ValidUtf8(s.description) && core::text::ValidUtf8(s.api_key));
  nlohmann::json stored;
  std::vector<Error> problems = CheckAttributes(Definition(), s.attributes, stored);
  if (!problems.empty()) {
    Render(Failure{400, problems});
  } else {
    JICENG_FUZZ_CHECK(stored.is_object());
    (void)stored.dump();
  }
  Render(Failure::Of(404, "service_code 不存在或已停用: " + s.service_code));
  (void)ServiceDefinitionJson(s.service_code, Definition()).dump();
  return 0;
}
