// The pieces of the Open311 API without a server: the XML writer (escaping, repairs, the
// spec's element names), form bodies, resource names, W3C datetimes and attribute checks.
#include "modules/cases/open311/open311_xml.hpp"

#include <expat.h>
#include <gtest/gtest.h>

#include "core/text/utf8.hpp"
#include "modules/cases/open311/open311_attributes.hpp"
#include "modules/cases/open311/open311_form.hpp"
#include "modules/cases/open311/open311_format.hpp"

namespace jiceng::cases::open311 {
namespace {

bool WellFormed(const std::string& xml) {
  XML_Parser p = XML_ParserCreate(nullptr);
  bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(p);
  return ok;
}

TEST(Open311Xml, RepairsWhatXmlCannotHold) {
  OJson nasty = {{"description", std::string("<\x02\xff&\x7f", 5)}};
  EXPECT_TRUE(WellFormed(ToXml("request", nasty)));
  EXPECT_TRUE(core::text::ValidUtf8("暴露垃圾 ok"));
  EXPECT_FALSE(core::text::ValidUtf8("\xff"));
  EXPECT_FALSE(core::text::ValidUtf8("\xed\xa0\x80"));
}

TEST(Open311Xml, WritesTheSpecsStructure) {
  OJson services = OJson::array();
  services.push_back({{"service_code", "E0102"},
                      {"metadata", true},
                      {"description", ""},
                      {"order", 1},
                      {"lat", 29.5},
                      {"values", OJson::array({{{"key", "a"}, {"name", "甲"}}})},
                      {"expected_datetime", nullptr}});
  std::string xml = ToXml("services", services);
  EXPECT_EQ(xml,
            "<?xml version=\"1.0\" "
            "encoding=\"utf-8\"?>\n<services><service><service_code>E0102</service_code>"
            "<metadata>true</metadata><description/><order>1</order><lat>29.5</"
            "lat><values><value><key>a</key>"
            "<name>甲</name></value></values><expected_datetime/></service></services>\n");
  EXPECT_TRUE(WellFormed(xml));
  EXPECT_EQ(XmlItemName("service_requests"), "request");
  EXPECT_EQ(XmlItemName("attributes"), "attribute");
  EXPECT_EQ(XmlItemName("errors"), "error");
  EXPECT_EQ(XmlItemName("endpoints"), "endpoint");
  EXPECT_EQ(XmlItemName("formats"), "format");
  EXPECT_EQ(ToXml("errors", OJson::array({{{"code", 403}, {"description", "Invalid api_key"}}})),
            "<?xml version=\"1.0\" "
            "encoding=\"utf-8\"?>\n<errors><error><code>403</code><description>Invalid "
            "api_key</description></error></errors>\n");
}

TEST(Open311Form, KeepsRepeatedNamesInOrderAndDecodes) {
  Form f = Form::Parse(
      "api_key=k&attribute%5Bobstruction%5D%5B%5D=sidewalk&attribute[obstruction][]=fire_lane&"
      "description=a+b%26c&empty=&flag&description=second");
  EXPECT_EQ(f.Get("api_key"), "k");
  EXPECT_EQ(f.Get("description"), "a b&c");  // the first value
  EXPECT_EQ(f.Get("empty"), "");
  EXPECT_EQ(f.Get("absent"), "");
  ASSERT_EQ(f.pairs().size(), 7u);
  EXPECT_EQ(f.pairs()[1],
            (std::pair<std::string, std::string>{"attribute[obstruction][]", "sidewalk"}));
  EXPECT_EQ(f.pairs()[2].second, "fire_lane");
  EXPECT_EQ(f.pairs()[5].first, "flag");
}

TEST(Open311Form, ReadsAttributeNames) {
  auto single = ParseAttributeName("attribute[volume]");
  ASSERT_TRUE(single);
  EXPECT_EQ(single->code, "volume");
  EXPECT_FALSE(single->list_item);
  auto list = ParseAttributeName("attribute[obstruction][]");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->code, "obstruction");
  EXPECT_TRUE(list->list_item);
  for (const char* bad :
       {"attribute", "attribute[]", "attribute[x", "attribute[x]y", "attribute[x][0]", "attr[x]"}) {
    EXPECT_FALSE(ParseAttributeName(bad).has_value()) << bad;
  }
}

TEST(Open311Format, SplitsResourcesByExtension) {
  auto json = SplitResource("E0102.json");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->id, "E0102");
  EXPECT_EQ(json->format, Format::kJson);
  auto xml = SplitResource("123.xml");
  ASSERT_TRUE(xml);
  EXPECT_EQ(xml->format, Format::kXml);
  EXPECT_FALSE(SplitResource("E0102"));
  EXPECT_FALSE(SplitResource("E0102.csv"));
  EXPECT_FALSE(SplitResource(".json"));
  EXPECT_STREQ(ContentType(Format::kXml), "text/xml; charset=utf-8");
  EXPECT_STREQ(ContentType(Format::kJson), "application/json; charset=utf-8");
}

TEST(Open311Format, ReadsAndWritesW3cDatetimes) {
  EXPECT_EQ(ParseW3cDatetime("2010-01-01T00:00:00Z"), 1262304000000);
  EXPECT_EQ(ParseW3cDatetime("2010-01-01T08:00:00+08:00"), 1262304000000);
  EXPECT_EQ(ParseW3cDatetime("2010-01-01T08:00:00 08:00"), 1262304000000);  // an unencoded '+'
  EXPECT_EQ(ParseW3cDatetime("2009-12-31T19:00:00-05:00"), 1262304000000);
  EXPECT_EQ(ParseW3cDatetime("2010-01-01"), 1262304000000 - 8 * 3600 * 1000);
  EXPECT_FALSE(ParseW3cDatetime("1262304000000"));
  EXPECT_FALSE(ParseW3cDatetime("yesterday"));
  EXPECT_FALSE(ParseW3cDatetime("2010-13-01T00:00:00Z"));
  EXPECT_EQ(W3cDatetime(1262304000000), "2010-01-01T08:00:00+08:00");
  EXPECT_TRUE(W3cDatetime(std::nullopt).is_null());
}

std::vector<ServiceAttribute> Definition() {
  ServiceAttribute plate{"plate", true, "string", false, "", 1, "车牌号", {}, ""};
  ServiceAttribute kind{"kind", true,   "singlevaluelist",          true, "",
                        2,      "种类", {{"a", "甲"}, {"b", "乙"}}, ""};
  ServiceAttribute many{"many", true,   "multivaluelist",         false, "",
                        3,      "多选", {{"x", "X"}, {"y", "Y"}}, ""};
  ServiceAttribute depth{"depth", true, "number", false, "", 4, "深度", {}, ""};
  ServiceAttribute when{"when", true, "datetime", false, "", 5, "时间", {}, ""};
  ServiceAttribute id{"id", true, "string", false, "16 位数字", 6, "编号", {}, "[0-9]{16}"};
  ServiceAttribute note{"note", false, "string", false, "", 7, "仅供说明", {}, ""};
  ServiceAttribute text{"text", true, "text", false, "", 8, "说明", {}, ""};
  return {plate, kind, many, depth, when, id, note, text};
}

TEST(Open311Attributes, AcceptsGoodAnswersAndStoresThemTyped) {
  nlohmann::json stored;
  auto errors = CheckAttributes(Definition(),
                                {{"plate", "浙D12345", false},
                                 {"kind", "b", false},
                                 {"many", "x", true},
                                 {"many", "y", true},
                                 {"many", "x", true},
                                 {"depth", "20.5", false},
                                 {"when", "2026-05-01T23:30:00+08:00", false},
                                 {"id", "3306810101000123", false},
                                 {"text", "第一行\n第二行", false}},
                                stored);
  EXPECT_TRUE(errors.empty()) << errors.front().description;
  EXPECT_EQ(stored, (nlohmann::json{{"plate", "浙D12345"},
                                    {"kind", "b"},
                                    {"many", {"x", "y"}},
                                    {"depth", 20.5},
                                    {"when", "2026-05-01T23:30:00+08:00"},
                                    {"id", "3306810101000123"},
                                    {"text", "第一行\n第二行"}}));
  // A single value of a multivaluelist without [] is fine too; empty answers are absent.
  errors = CheckAttributes(
      Definition(), {{"kind", "a", false}, {"many", "y", false}, {"plate", "", false}}, stored);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(stored, (nlohmann::json{{"kind", "a"}, {"many", {"y"}}}));
}

TEST(Open311Attributes, ReportsEveryProblem) {
  nlohmann::json stored;
  auto errors = CheckAttributes(Definition(),
                                {{"plate", "two\nlines", false},
                                 {"many", "z", true},
                                 {"depth", "deep", false},
                                 {"when", "tomorrow", false},
                                 {"id", "12345", false},
                                 {"note", "x", false},
                                 {"colour", "red", false}},
                                stored);
  std::string all;
  for (const auto& e : errors) {
    EXPECT_EQ(e.code, 400);
    all += e.description + "\n";
  }
  EXPECT_EQ(errors.size(), 8u) << all;
  for (const char* code :
       {"attribute[plate]", "attribute[kind]", "attribute[many]", "attribute[depth]",
        "attribute[when]", "attribute[id]", "attribute[note]", "attribute[colour]"}) {
    EXPECT_NE(all.find(code), std::string::npos) << code;
  }
  errors = CheckAttributes(Definition(), {{"kind", "a", false}, {"kind", "b", false}}, stored);
  ASSERT_EQ(errors.size(), 1u);
  errors = CheckAttributes(Definition(), {{"kind", "a", true}}, stored);
  ASSERT_EQ(errors.size(), 1u);
  errors = CheckAttributes(Definition(),
                           {{"kind", "a", false}, {"plate", std::string(201, 'x'), false}}, stored);
  ASSERT_EQ(errors.size(), 1u);
}

TEST(Open311Attributes, ServiceDefinitionFollowsTheSpec) {
  OJson d = ServiceDefinitionJson("E0504", Definition());
  EXPECT_EQ(d["service_code"], "E0504");
  ASSERT_EQ(d["attributes"].size(), 8u);
  const OJson& kind = d["attributes"][1];
  std::vector<std::string> keys;
  for (const auto& [k, v] : kind.items()) keys.push_back(k);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"variable", "code", "datatype", "required",
                                      "datatype_description", "order", "description", "values"}));
  EXPECT_TRUE(kind["datatype_description"].is_null());
  EXPECT_EQ(kind["values"][1]["name"], "乙");
  EXPECT_EQ(d["attributes"][5]["datatype_description"], "16 位数字");
  EXPECT_TRUE(WellFormed(ToXml("service_definition", d)));
}

}  // namespace
}  // namespace jiceng::cases::open311
