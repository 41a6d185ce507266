// The only SQL about visits (走访) and patrol logs (巡查记录). Visits are read by everyone with
// the record's grid in scope; patrol logs by their author, and by the scope when handed over.
// Nothing here counts or ranks records per worker.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"
#include "core/db/keyset.hpp"
#include "modules/people/people.hpp"

namespace jiceng::people {

struct VisitFilter {
  std::optional<std::int64_t> resident_id;
  std::optional<std::int64_t> household_id;
  int limit = 50;
};

// Newest first; next_cursor: "visited_at:id" of the last item.
using VisitPage = core::db::Page<Visit>;
// Newest first; next_cursor: id of the last item.
using PatrolLogPage = core::db::Page<PatrolLog>;

class VisitStore {
 public:
  explicit VisitStore(core::db::Session& session) : s_(session) {}

  core::Result<VisitPage> List(const core::auth::Scope& scope, const VisitFilter& filter,
                               const std::string& cursor);
  core::Result<std::optional<Visit>> Get(const core::auth::Scope& scope, std::int64_t id);
  // Inserts v (sets id).
  core::Result<void> Insert(Visit& v);
  // The visits at a house follow it to another grid (the house moved).
  core::Result<void> MoveHouse(std::int64_t house_id, const std::string& org_code);

  // The author's own logs (narrowed to own_org when given) plus the logs marked handover in
  // handover_scope.
  core::Result<PatrolLogPage> PatrolLogs(std::int64_t author_id, const std::string& own_org,
                                         const core::auth::Scope& handover_scope, int limit,
                                         const std::string& cursor);
  core::Result<void> InsertPatrolLog(PatrolLog& log);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::people
