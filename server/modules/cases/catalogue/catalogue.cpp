#include "modules/cases/catalogue/catalogue.hpp"

namespace jiceng::cases {

namespace {

struct Minor {
  const char* code;  // major 2 + minor 2
  const char* name;
  const char* department;
  // Handling deadline: normal and urgent, in working days (> 0) or working minutes (< 0).
  int normal;
  int urgent;
};

struct Major {
  const char* kind;
  const char* code;
  const char* name;
  std::vector<Minor> minors;
};

// Event majors: 市容环境, 宣传广告, 施工管理, 突发事件, 街面秩序, 其他/扩展. Component majors:
// 公用设施, 道路交通, 市容环境, 园林绿化, 房屋土地, 其他设施, 扩展部件 (STANDARDS.md). Deadlines
// follow the examples there: exposed rubbish 1 working day, illegal structures 15 working days;
// hazards (open manholes, burst mains, gas) in working minutes.
const std::vector<Major>& Majors() {
  static const std::vector<Major> kMajors = {
      {"event",
       "01",
       "市容环境",
       {{"0101", "私搭乱建", "urban_management", 15, 5},
        {"0102", "暴露垃圾", "urban_management", 1, -240},
        {"0103", "建筑垃圾渣土", "urban_management", 2, 1},
        {"0104", "道路保洁", "urban_management", 1, -240},
        {"0105", "积存垃圾渣土", "urban_management", 2, 1},
        {"0106", "焚烧垃圾树叶", "ecology", 1, -120},
        {"0107", "乱涂写乱张贴", "urban_management", 2, 1},
        {"0108", "道路积水", "urban_management", 1, -120},
        {"0109", "占道堆物", "urban_management", 2, 1},
        {"0110", "河道漂浮物", "ecology", 2, 1}}},
      {"event",
       "02",
       "宣传广告",
       {{"0201", "非法小广告", "urban_management", 2, 1},
        {"0202", "违规户外广告", "urban_management", 5, 2},
        {"0203", "破损广告牌匾", "urban_management", 3, -240}}},
      {"event",
       "03",
       "施工管理",
       {{"0301", "施工扰民", "ecology", 2, -240},
        {"0302", "施工占道", "urban_management", 2, 1},
        {"0303", "道路破损开挖", "housing", 5, 1},
        {"0304", "工地扬尘", "ecology", 1, -240},
        {"0305", "渣土车抛洒", "urban_management", 1, -120}}},
      {"event",
       "04",
       "突发事件",
       {{"0401", "路面塌陷", "housing", 1, -120},
        {"0402", "供水管道破裂", "housing", 1, -120},
        {"0403", "燃气泄漏", "emergency", -120, -60},
        {"0404", "下水道堵塞或溢水", "housing", 1, -240},
        {"0405", "火灾隐患", "emergency", 1, -120},
        {"0406", "道路积雪结冰", "urban_management", 1, -240},
        {"0407", "树木倒伏", "urban_management", 1, -120}}},
      {"event",
       "05",
       "街面秩序",
       {{"0501", "无照经营游商", "market_regulation", 2, 1},
        {"0502", "占道经营", "urban_management", 2, 1},
        {"0503", "店外经营", "urban_management", 2, 1},
        {"0504", "机动车乱停放", "public_security", 1, -240},
        {"0505", "非机动车乱停放", "urban_management", 1, -240},
        {"0506", "露天烧烤", "ecology", 1, -240},
        {"0507", "噪声扰民", "ecology", 2, -240},
        {"0508", "违规饲养犬只", "public_security", 3, 1}}},
      {"event",
       "06",
       "其他/扩展",
       {{"0601", "邻里纠纷", "governance_center", 5, 1},
        {"0602", "占用堵塞消防通道", "emergency", 1, -240},
        {"0603", "群租房安全隐患", "public_security", 5, 2},
        {"0604", "困难群众求助", "civil_affairs", 3, 1},
        {"0605", "独居老人异常", "civil_affairs", 1, -120},
        {"0606", "劳资纠纷", "human_resources", 10, 3},
        {"0607", "食品安全", "market_regulation", 5, 1},
        {"0699", "其他事件", "governance_center", 5, 2}}},
      {"component",
       "01",
       "公用设施",
       {{"0101", "上水井盖", "housing", -240, -60},
        {"0102", "污水井盖", "housing", -240, -60},
        {"0103", "雨水井盖", "housing", -240, -60},
        {"0104", "电力井盖", "housing", -240, -60},
        {"0105", "通信井盖", "housing", 1, -120},
        {"0106", "燃气井盖", "housing", -240, -60},
        {"0107", "消防栓", "emergency", 1, -240},
        {"0108", "路灯", "urban_management", 2, 1}}},
      {"component",
       "02",
       "道路交通",
       {{"0201", "交通信号灯", "public_security", 1, -120},
        {"0202", "交通标志牌", "public_security", 3, 1},
        {"0203", "道路护栏", "urban_management", 3, 1},
        {"0204", "公交站亭", "urban_management", 3, 1},
        {"0205", "路名牌", "urban_management", 5, 2},
        {"0206", "人行道板", "urban_management", 5, 2}}},
      {"component",
       "03",
       "市容环境",
       {{"0301", "公共厕所", "urban_management", 1, -240},
        {"0302", "垃圾箱", "urban_management", 2, 1},
        {"0303", "垃圾中转站", "urban_management", 2, 1},
        {"0304", "户外广告设施", "urban_management", 5, 2}}},
      {"component",
       "04",
       "园林绿化",
       {{"0401", "行道树", "urban_management", 3, -240},
        {"0402", "绿地", "urban_management", 5, 2},
        {"0403", "护树设施", "urban_management", 5, 2},
        {"0404", "花坛花箱", "urban_management", 5, 2}}},
      {"component",
       "05",
       "房屋土地",
       {{"0501", "危险房屋", "housing", 2, -240}, {"0502", "违法用地", "housing", 15, 5}}},
      {"component",
       "06",
       "其他设施",
       {{"0601", "健身设施", "urban_management", 5, 2},
        {"0602", "监控电子眼", "public_security", 3, 1},
        {"0603", "电动车充电设施", "emergency", 3, 1}}},
      {"component", "99", "扩展部件", {{"9901", "其他部件", "urban_management", 5, 2}}},
  };
  return kMajors;
}

CategoryDeadline Handling(const char* urgency, int amount) {
  if (amount < 0) return {"handling", urgency, -amount, "working_minutes"};
  return {"handling", urgency, amount, "working_days"};
}

}  // namespace

std::vector<Category> SeedCatalogue() {
  std::vector<Category> out;
  for (const auto& major : Majors()) {
    bool event = std::string(major.kind) == "event";
    for (const auto& m : major.minors) {
      Category c;
      c.code = std::string(event ? "E" : "C") + m.code;
      c.kind = major.kind;
      c.major_code = major.code;
      c.major_name = major.name;
      c.name = m.name;
      // Events go to the locality first, components to their owner first (先属地后属主 /
      // 先属主后属地).
      c.routing = event ? "locality_first" : "owner_first";
      c.department_category = m.department;
      // Filing and dispatch: urgent within 10 minutes (around the clock), normal within 30
      // working minutes; verification within 1 working hour in towns, 2 in villages.
      c.deadlines = {{"dispatch", "urgent", 10, "minutes"},
                     {"dispatch", "normal", 30, "working_minutes"},
                     Handling("normal", m.normal),
                     Handling("urgent", m.urgent),
                     {"verification_urban", "normal", 60, "working_minutes"},
                     {"verification_urban", "urgent", 60, "working_minutes"},
                     {"verification_rural", "normal", 120, "working_minutes"},
                     {"verification_rural", "urgent", 120, "working_minutes"}};
      out.push_back(std::move(c));
    }
  }
  return out;
}

bool IsDeadlineUnit(const std::string& unit) {
  return unit == "minutes" || unit == "working_minutes" || unit == "working_days";
}

bool IsStage(const std::string& stage) {
  return stage == "dispatch" || stage == "handling" || stage == "verification_urban" ||
         stage == "verification_rural";
}

}  // namespace jiceng::cases
