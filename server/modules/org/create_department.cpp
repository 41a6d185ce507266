#include <fmt/format.h>

#include "core/module_names.hpp"
#include "core/text/utf8.hpp"
#include "modules/org/grid_use_cases.hpp"
#include "modules/org/org_store.hpp"

namespace jiceng::org {

Result<OrgNode> CreateDepartment(GridDeps& deps, const core::app::Call& call,
                                 const std::string& parent_code, const std::string& name,
                                 const std::string& category) {
  std::size_t length = core::text::Utf8Length(name);
  if (length == 0 || length > 50) {
    return DomainError::Invalid("org.department.name", "部门名称不能为空，且不超过 50 个字",
                                "name");
  }
  if (!IsDepartmentCategory(category)) {
    return DomainError::Invalid("org.department.category", "部门类型无效", "category");
  }
  OrgNode saved;
  JC_TRY(deps.db.Write([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    JC_ASSIGN_OR_RETURN(std::optional<OrgNode> parent,
                        store.GetNode(call.who.ManagementScope(), parent_code));
    if (!parent || (parent->level != OrgLevel::kCounty && parent->level != OrgLevel::kTownship)) {
      return DomainError::NotFound("org.department.parent_not_found",
                                   "所属县（区）或乡镇（街道）不存在或不在您的管辖范围内");
    }
    JC_ASSIGN_OR_RETURN(int last, store.LastDepartmentSegment(parent_code));
    if (last >= 999) return DomainError::Conflict("org.department.sequence_full", "部门编号已用尽");
    OrgNode node{parent_code + fmt::format("{}", last + 1),
                 parent_code,
                 name,
                 OrgLevel::kDepartment,
                 "department",
                 category,
                 0};
    std::int64_t now = deps.clock.NowMs();
    JC_TRY(store.UpsertNodes({node}, now));
    JC_TRY(store.RecountChildren({parent_code}));
    saved = node;
    return deps.audit.Append(s, call.Audit("org.department.create", "org", node.code, node.code,
                                           {{"after", {{"name", name}, {"category", category}}}}));
  }));
  return saved;
}

}  // namespace jiceng::org
