#include "modules/people/codes.hpp"

namespace jiceng::people {

bool CodeTable::Has(std::string_view code) const {
  for (const auto& e : entries)
    if (e.code == code) return true;
  return false;
}

std::string CodeTable::NameOf(std::string_view code) const {
  for (const auto& e : entries)
    if (e.code == code) return e.name;
  return {};
}

std::optional<std::string> CodeTable::Resolve(std::string_view code_or_name) const {
  for (const auto& e : entries)
    if (e.code == code_or_name || e.name == code_or_name) return e.code;
  return std::nullopt;
}

const CodeTable& Ethnicities() {
  static const CodeTable t{
      "ethnicities", "ethnicity", {{"01", "汉族"},       {"02", "蒙古族"},
                                   {"03", "回族"},       {"04", "藏族"},
                                   {"05", "维吾尔族"},   {"06", "苗族"},
                                   {"07", "彝族"},       {"08", "壮族"},
                                   {"09", "布依族"},     {"10", "朝鲜族"},
                                   {"11", "满族"},       {"12", "侗族"},
                                   {"13", "瑶族"},       {"14", "白族"},
                                   {"15", "土家族"},     {"16", "哈尼族"},
                                   {"17", "哈萨克族"},   {"18", "傣族"},
                                   {"19", "黎族"},       {"20", "傈僳族"},
                                   {"21", "佤族"},       {"22", "畲族"},
                                   {"23", "高山族"},     {"24", "拉祜族"},
                                   {"25", "水族"},       {"26", "东乡族"},
                                   {"27", "纳西族"},     {"28", "景颇族"},
                                   {"29", "柯尔克孜族"}, {"30", "土族"},
                                   {"31", "达斡尔族"},   {"32", "仫佬族"},
                                   {"33", "羌族"},       {"34", "布朗族"},
                                   {"35", "撒拉族"},     {"36", "毛南族"},
                                   {"37", "仡佬族"},     {"38", "锡伯族"},
                                   {"39", "阿昌族"},     {"40", "普米族"},
                                   {"41", "塔吉克族"},   {"42", "怒族"},
                                   {"43", "乌孜别克族"}, {"44", "俄罗斯族"},
                                   {"45", "鄂温克族"},   {"46", "德昂族"},
                                   {"47", "保安族"},     {"48", "裕固族"},
                                   {"49", "京族"},       {"50", "塔塔尔族"},
                                   {"51", "独龙族"},     {"52", "鄂伦春族"},
                                   {"53", "赫哲族"},     {"54", "门巴族"},
                                   {"55", "珞巴族"},     {"56", "基诺族"},
                                   {"97", "其他"},       {"98", "外国血统中国籍人士"}}};
  return t;
}

const CodeTable& Relations() {
  static const CodeTable t{"relations",
                           "relation",
                           {{"01", "本人"},
                            {"02", "户主"},
                            {"10", "配偶"},
                            {"11", "夫"},
                            {"12", "妻"},
                            {"20", "子"},
                            {"21", "独生子"},
                            {"22", "长子"},
                            {"23", "次子"},
                            {"24", "三子"},
                            {"25", "四子"},
                            {"26", "五子"},
                            {"27", "养子或继子"},
                            {"28", "女婿"},
                            {"29", "其他儿子"},
                            {"30", "女"},
                            {"31", "独生女"},
                            {"32", "长女"},
                            {"33", "二女"},
                            {"34", "三女"},
                            {"35", "四女"},
                            {"36", "五女"},
                            {"37", "养女或继女"},
                            {"38", "儿媳"},
                            {"39", "其他女儿"},
                            {"40", "孙子、孙女或外孙子、外孙女"},
                            {"41", "孙子"},
                            {"42", "孙女"},
                            {"43", "外孙子"},
                            {"44", "外孙女"},
                            {"45", "孙媳妇或外孙媳妇"},
                            {"46", "孙女婿或外孙女婿"},
                            {"47", "曾孙子或外曾孙子"},
                            {"48", "曾孙女或外曾孙女"},
                            {"49", "其他孙子、孙女或外孙子、外孙女"},
                            {"50", "父母"},
                            {"51", "父亲"},
                            {"52", "母亲"},
                            {"53", "公公"},
                            {"54", "婆婆"},
                            {"55", "岳父"},
                            {"56", "岳母"},
                            {"57", "继父或养父"},
                            {"58", "继母或养母"},
                            {"59", "其他父母关系"},
                            {"60", "祖父母或外祖父母"},
                            {"61", "祖父"},
                            {"62", "祖母"},
                            {"63", "外祖父"},
                            {"64", "外祖母"},
                            {"65", "配偶的祖父母或外祖父母"},
                            {"66", "曾祖父"},
                            {"67", "曾祖母"},
                            {"68", "配偶的曾祖父母或外曾祖父母"},
                            {"69", "其他祖父母或外祖父母关系"},
                            {"70", "兄弟姐妹"},
                            {"71", "兄"},
                            {"72", "嫂"},
                            {"73", "弟"},
                            {"74", "弟媳"},
                            {"75", "姐姐"},
                            {"76", "姐夫"},
                            {"77", "妹妹"},
                            {"78", "妹夫"},
                            {"79", "其他兄弟姐妹"},
                            {"80", "其他"},
                            {"81", "伯父"},
                            {"82", "伯母"},
                            {"83", "叔父"},
                            {"84", "婶母"},
                            {"85", "舅父"},
                            {"86", "舅母"},
                            {"87", "姨父"},
                            {"88", "姨母"},
                            {"89", "姑父"},
                            {"90", "姑母"},
                            {"91", "堂兄弟、堂姐妹"},
                            {"92", "表兄弟、表姐妹"},
                            {"93", "侄子"},
                            {"94", "侄女"},
                            {"95", "外甥"},
                            {"96", "外甥女"},
                            {"97", "其他亲属"},
                            {"99", "非亲属"}}};
  return t;
}

const CodeTable& Educations() {
  static const CodeTable t{"educations",
                           "education",
                           {{"11", "博士研究生"},
                            {"14", "硕士研究生"},
                            {"21", "大学本科"},
                            {"31", "大学专科"},
                            {"41", "中等专科"},
                            {"44", "职业高中"},
                            {"47", "技工学校"},
                            {"61", "普通高中"},
                            {"71", "初中"},
                            {"81", "小学"},
                            {"90", "其他"}}};
  return t;
}

const CodeTable& PoliticalStatuses() {
  static const CodeTable t{"political_statuses",
                           "political_status",
                           {{"01", "中共党员"},
                            {"02", "中共预备党员"},
                            {"03", "共青团员"},
                            {"04", "民革党员"},
                            {"05", "民盟盟员"},
                            {"06", "民建会员"},
                            {"07", "民进会员"},
                            {"08", "农工党党员"},
                            {"09", "致公党党员"},
                            {"10", "九三学社社员"},
                            {"11", "台盟盟员"},
                            {"12", "无党派人士"},
                            {"13", "群众"}}};
  return t;
}

const CodeTable& MaritalStatuses() {
  static const CodeTable t{"marital_statuses",
                           "marital_status",
                           {{"10", "未婚"},
                            {"20", "已婚"},
                            {"21", "初婚"},
                            {"22", "再婚"},
                            {"23", "复婚"},
                            {"30", "丧偶"},
                            {"40", "离婚"},
                            {"90", "未说明"}}};
  return t;
}

const CodeTable& IdTypes() {
  static const CodeTable t{"id_types",
                           "id_type",
                           {{"resident_id", "居民身份证"},
                            {"resident_id_legacy", "居民身份证（15位旧号）"},
                            {"passport", "护照"},
                            {"hk_macao_permit", "港澳居民来往内地通行证"},
                            {"taiwan_permit", "台湾居民来往大陆通行证"},
                            {"foreign_permanent", "外国人永久居留身份证"}}};
  return t;
}

const CodeTable& Genders() {
  static const CodeTable t{"genders", "gender", {{"male", "男"}, {"female", "女"}}};
  return t;
}

const CodeTable& ResidencyKinds() {
  static const CodeTable t{"residency_kinds",
                           "residency_kind",
                           {{"registered", "户籍人口"},
                            {"migrant", "流动人口"},
                            {"foreign", "境外人员"},
                            {"left_behind", "留守人员"}}};
  return t;
}

const CodeTable& ResidentStatuses() {
  static const CodeTable t{
      "statuses", "status", {{"active", "在册"}, {"moved_out", "已迁出"}, {"deceased", "已故"}}};
  return t;
}

const CodeTable& HouseUses() {
  static const CodeTable t{"house_uses",
                           "use",
                           {{"residential", "住宅"},
                            {"commercial", "商业"},
                            {"office", "办公"},
                            {"industrial", "工业"},
                            {"mixed", "商住"},
                            {"other", "其他"}}};
  return t;
}

const CodeTable& RentalStatuses() {
  static const CodeTable t{"rental_statuses",
                           "rental_status",
                           {{"owner_occupied", "自住"}, {"rented", "出租"}, {"vacant", "空置"}}};
  return t;
}

const CodeTable& UnitKinds() {
  static const CodeTable t{"unit_kinds",
                           "kind",
                           {{"enterprise", "企业"},
                            {"government", "机关"},
                            {"institution", "事业单位"},
                            {"social_org", "社会组织"},
                            {"school", "学校"},
                            {"hospital", "医疗机构"},
                            {"individual_business", "个体工商户"},
                            {"other", "其他"}}};
  return t;
}

std::vector<const CodeTable*> AllCodeTables() {
  return {&Ethnicities(),     &Relations(),        &IdTypes(),        &Genders(),
          &ResidencyKinds(),  &ResidentStatuses(), &Educations(),     &PoliticalStatuses(),
          &MaritalStatuses(), &HouseUses(),        &RentalStatuses(), &UnitKinds()};
}

const std::vector<TagKind>& TagKinds() {
  static const std::vector<TagKind> kinds = {
      {"elderly_alone", "独居老人", TagGroup::kCare},
      {"empty_nest", "空巢老人", TagGroup::kCare},
      {"disabled", "残疾人", TagGroup::kCare},
      {"low_income", "低保对象", TagGroup::kCare},
      {"extreme_poverty", "特困人员", TagGroup::kCare},
      {"left_behind_child", "留守儿童", TagGroup::kCare},
      {"mobility_impaired", "行动不便", TagGroup::kCare},
      {"employment_difficulty", "就业困难人员", TagGroup::kCare},
      {"veteran", "退役军人", TagGroup::kCare},
      {"community_correction", "社区矫正对象", TagGroup::kWatched},
      {"released_prisoner", "刑满释放人员", TagGroup::kWatched},
      {"severe_mental_disorder", "严重精神障碍患者", TagGroup::kWatched},
      {"drug_rehabilitation", "社区戒毒康复人员", TagGroup::kWatched},
  };
  return kinds;
}

const TagKind* FindTagKind(std::string_view code) {
  for (const auto& k : TagKinds())
    if (k.code == code) return &k;
  return nullptr;
}

}  // namespace jiceng::people
