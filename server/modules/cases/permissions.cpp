#include "modules/cases/permissions.hpp"

#include "core/auth/permissions.hpp"

namespace jiceng::cases {

using core::auth::RegisterPermission;

core::Result<void> RegisterCasesPermissions() {
  const std::vector<std::string> staff = {"county_staff",  "township_staff",
                                          "village_staff", "department_handler",
                                          "grid_worker",   "hotline_operator"};
  const std::vector<std::string> centre = {"county_staff", "township_staff"};
  JC_TRY(RegisterPermission(kRead, "查看案件", staff));
  JC_TRY(RegisterPermission(kReport, "上报案件",
                            {"county_staff", "township_staff", "village_staff", "grid_worker"}));
  // 12345 operators take calls for the whole county, answer enquiries and call back (回访);
  // filing and dispatch stay with the centres.
  JC_TRY(RegisterPermission(kHotline, "12345 热线受理", {"hotline_operator", "county_staff"}));
  JC_TRY(RegisterPermission("cases.file", "立案、不予立案、合并重复案件", centre));
  JC_TRY(RegisterPermission("cases.dispatch", "派遣案件、提级（吹哨报到）", centre));
  JC_TRY(RegisterPermission("cases.handle", "签收、处置、退回案件、申请延期",
                            {"department_handler", "township_staff", "village_staff"}));
  JC_TRY(RegisterPermission("cases.verify", "核查处置结果",
                            {"county_staff", "township_staff", "grid_worker"}));
  JC_TRY(RegisterPermission("cases.close", "结案", centre));
  JC_TRY(RegisterPermission("cases.supervise", "督办、挂起、审批延期", centre));
  JC_TRY(RegisterPermission("cases.follow_up", "回访",
                            {"county_staff", "township_staff", "hotline_operator"}));
  // The catalogue and the calendar are configuration, not governed data: the system admin who
  // maintains them reads them without reading any case.
  std::vector<std::string> catalogue_readers = staff;
  catalogue_readers.push_back("system_admin");
  JC_TRY(RegisterPermission(kCatalogueRead, "查看案件类别和工作日历", catalogue_readers));
  JC_TRY(RegisterPermission(kAdmin, "维护案件类别和工作日历", {"system_admin", "county_staff"}));
  return {};
}

}  // namespace jiceng::cases
