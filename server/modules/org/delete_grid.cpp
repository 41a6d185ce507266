#include "core/module_names.hpp"
#include "modules/org/grid_use_cases.hpp"
#include "modules/org/org_store.hpp"

namespace jiceng::org {

Result<void> DeleteGrid(GridDeps& deps, const core::app::Call& call, const std::string& code) {
  JC_TRY(deps.db.Write([&](core::db::Session& s) -> Result<void> {
    OrgStore store(s);
    JC_ASSIGN_OR_RETURN(std::optional<Grid> before,
                        store.GetGrid(call.who.ManagementScope(), code));
    if (!before) return DomainError::NotFound("org.grid.not_found", "网格不存在");
    std::int64_t now = deps.clock.NowMs();
    JC_TRY(store.DeleteGrid(call.who.ManagementScope(), code));
    JC_TRY(store.DeleteNode(call.who.ManagementScope(), code));
    // The deletion is a version too: history stays, and the code is never handed out again.
    Grid tombstone = *before;
    tombstone.version = before->version + 1;
    JC_TRY(store.SaveVersion(tombstone, true, now, call.who.username));
    JC_TRY(store.RecountChildren({before->village_code}));
    return deps.audit.Append(
        s, call.Audit("org.grid.delete", "grid", code, code, {{"before", GridSnapshot(*before)}}));
  }));
  deps.locator.Remove(code);
  return {};
}

}  // namespace jiceng::org
