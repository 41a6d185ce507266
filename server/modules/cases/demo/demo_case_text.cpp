#include "modules/cases/demo/demo_case_text.hpp"

#include <map>
#include <vector>

namespace jiceng::cases {

namespace {

using Words = std::vector<const char*>;

// Problems ("@" stands for the category's name) and details of a category or a group of them.
struct Phrases {
  Words problems;
  Words details;
};

const Words kTownPlaces = {"小区东门",   "小区南门口",     "菜市场门口",   "小学校门口",
                           "公交站旁",   "幼儿园附近",     "农贸市场北侧", "社区服务中心前",
                           "商业街中段", "十字路口东北角", "超市门前",     "医院门口",
                           "人行天桥下", "公园入口",       "停车场出口",   "老小区 5 幢楼下"};
const Words kVillagePlaces = {"村口",     "文化礼堂旁", "村委会门前", "晒谷场边", "桥头",
                              "老街中段", "水塘边",     "村道转弯处", "祠堂后面", "小店门口"};
const Words kStreets = {"暨阳路", "艮塔路", "浣东路", "望云路", "东一路", "西施大街",
                        "苎萝路", "江东路", "大桥路", "祥生路", "永昌路", "东二路"};
const Words kSpots = {"附近", "东侧", "西侧", "对面", "北面", "路口"};
const Words kGenericDetails = {"希望尽快处理", "已经好几天了", "周边居民反映多次",
                               "早晚高峰影响大家出行", "拍了照片，请派人看看"};

// Category codes first, then their group (kind letter + major: "C01" 公用设施 ...).
const std::map<std::string, Phrases>& PhraseTable() {
  static const std::map<std::string, Phrases> kTable = {
      {"C01",
       {{"@松动", "@破损", "@缺失，只剩一个洞", "@下沉，比路面低一截", "@翘起来了"},
        {"晚上有人踩空", "电动车经过时哐哐响", "老人小孩经过很危险", "已经放了块砖提醒",
         "下雨天看不清"}}},
      {"C0107",
       {{"消防栓漏水", "消防栓被车辆挡住", "消防栓外壳锈蚀", "消防栓被撞歪了"},
        {"地面一直湿着", "万一着火用不了", "物业说不归他们管"}}},
      {"C0108",
       {{"路灯不亮", "路灯忽明忽暗", "一排路灯都不亮", "路灯灯杆倾斜"},
        {"晚上一片漆黑，老人不敢出门", "已经坏了一个星期", "晚上散步的人多，很不安全",
         "下晚自习的学生经过"}}},
      {"C02",
       {{"@损坏", "@倾斜", "@被车撞歪", "@松动", "@缺了一块"},
        {"影响行人通行", "存在安全隐患", "晚上看不清容易出事", "已经有人绊倒过"}}},
      {"C03",
       {{"@破损", "@很脏，没人打扫", "@异味很重", "@门坏了"},
        {"夏天味道特别大", "来往的人多", "周边商户意见很大"}}},
      {"C0302",
       {{"垃圾箱满溢，没人清运", "垃圾箱盖子坏了", "垃圾箱被风吹倒", "垃圾箱被挪到路中间"},
        {"苍蝇很多", "野猫把垃圾翻得到处都是", "夏天味道特别大"}}},
      {"C04",
       {{"@枯死", "@被折断", "@杂草丛生", "@被人占用种菜"},
        {"影响环境", "挡住了路", "好久没人管了"}}},
      {"C05", {{"@需要核查", "@有人在空地上搭建"}, {"墙体有裂缝", "怕出安全事故"}}},
      {"C06", {{"@损坏", "@不能用了", "@螺丝脱落"}, {"老人锻炼时差点摔倒", "孩子们常在这里玩"}}},
      {"E0101",
       {{"有人在楼顶搭建彩钢棚", "一楼住户围院子扩建", "有人在绿化带上搭棚子"},
        {"还在继续施工", "挡住了消防通道", "邻居意见很大"}}},
      {"E0102",
       {{"垃圾堆了好几天没人清运", "有人乱倒生活垃圾", "垃圾桶满溢，垃圾散落一地",
         "路边堆着装修垃圾"},
        {"气味很大", "老鼠很多", "夏天苍蝇多", "影响小区环境"}}},
      {"E0104",
       {{"路面很脏，没人清扫", "落叶堆了一路", "路面有油污"},
        {"下雨天很滑", "早上上学的孩子多", "商户自己扫不过来"}}},
      {"E0109",
       {{"有人在人行道上堆放建材", "门店把货物堆到路边", "楼道里堆满杂物"},
        {"行人只能走机动车道", "堵住了盲道", "有火灾隐患"}}},
      {"E0201",
       {{"电线杆上贴满小广告", "墙上被喷了办证电话", "楼道里塞满小广告卡片"},
        {"刚清理完又贴上了", "很影响市容", "电话号码还能打通"}}},
      {"E03",
       {{"@", "工地@", "夜间施工，@"},
        {"晚上十点多还在响", "附近居民睡不好觉", "没有看到施工许可公示"}}},
      {"E04",
       {{"@", "发现@，需要马上处理", "@，现场已有人看守"},
        {"已设置临时警示", "周边有老人小孩", "请相关部门尽快到场"}}},
      {"E0502",
       {{"有摊贩占道卖水果", "早市摊位摆到了路中间", "流动摊点占用人行道"},
        {"早上七点到九点最严重", "车辆和行人抢道", "劝了也不听"}}},
      {"E0504",
       {{"机动车停在人行道上", "有车长期停在消防通道", "车辆乱停堵住小区出入口",
         "僵尸车停了几个月"},
        {"救护车进不来", "行人只能绕到马路上", "天天都这样"}}},
      {"E0505",
       {{"共享单车乱停一大片", "电动车堆在公交站台", "自行车挡住了盲道"},
        {"盲道被完全占住", "上下车很不方便", "早晚高峰特别多"}}},
      {"E0507",
       {{"广场舞音响声音太大", "酒吧音乐声到半夜", "商铺门口喇叭一直在喊"},
        {"晚上十点以后还在响", "老人孩子休息不好", "已经跟对方说过没用"}}},
      {"E0601",
       {{"楼上楼下因漏水发生纠纷", "邻居因公共过道使用起了争执", "两户因停车位吵架"},
        {"双方情绪比较激动", "希望社区出面调解", "已经吵了好几次"}}},
      {"E0602",
       {{"消防通道被私家车堵住", "楼道堆满杂物，堵住安全出口", "消防通道上停满电动车"},
        {"万一着火后果严重", "物业劝了不听", "晚上尤其多"}}},
      {"E06", {{"@", "居民反映@"}, {"希望社区尽快了解情况", "情况比较急"}}},
  };
  return kTable;
}

const char* Pick(const Words& words, std::mt19937_64& rng) {
  return words[std::uniform_int_distribution<std::size_t>(0, words.size() - 1)(rng)];
}

std::string ReplaceName(std::string text, const std::string& name) {
  auto at = text.find('@');
  return at == std::string::npos ? text : text.replace(at, 1, name);
}

}  // namespace

std::string DemoDescription(const Category& category, bool rural, std::mt19937_64& rng) {
  const auto& table = PhraseTable();
  auto it = table.find(category.code);
  if (it == table.end()) it = table.find(category.code.substr(0, 3));
  std::string place = Pick(rural ? kVillagePlaces : kTownPlaces, rng);
  if (it == table.end()) {
    return place + "发现" + category.name + "问题，" + Pick(kGenericDetails, rng);
  }
  const Phrases& p = it->second;
  std::string text = place + ReplaceName(Pick(p.problems, rng), category.name) + "，";
  // A third of the reporters add a general plea after the specific detail.
  text += Pick(p.details, rng);
  if (std::uniform_int_distribution<int>(0, 2)(rng) == 0)
    text += "，" + std::string(Pick(kGenericDetails, rng));
  return text;
}

std::string DemoAddress(bool rural, std::mt19937_64& rng) {
  auto number = [&](int lo, int hi) {
    return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng));
  };
  if (rural) return "第 " + number(1, 12) + " 村民小组 " + Pick(kVillagePlaces, rng);
  return std::string(Pick(kStreets, rng)) + " " + number(1, 300) + " 号" + Pick(kSpots, rng);
}

}  // namespace jiceng::cases
