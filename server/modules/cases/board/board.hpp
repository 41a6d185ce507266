// The command board (指挥大屏 / 案件看板) of one org node: today's intake by channel, the open
// pipeline by status, overdue and due-soon cases, the month's top categories, the same figures
// for each child area (drill-down), on-time closure this month against last month, and the
// open cases on the map. Every count goes through BoardStore or the indicator counters with the
// caller's scope. It ranks places and categories, never people (STANDARDS.md, "No fingertip
// formalism").
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/auth/principal.hpp"
#include "modules/cases/board/board_store.hpp"
#include "modules/cases/cases_context.hpp"

namespace jiceng::cases {

inline constexpr int kBoardOverdueItems = 20;
inline constexpr int kBoardTopCategories = 10;
inline constexpr int kBoardMapPoints = 2000;

// The node a board shows and its child areas (departments are not children: their cases are
// counted in the areas they happened in).
struct BoardTarget {
  org::OrgNode node;
  BoardArea area;
  std::vector<org::OrgNode> children;
  bool parent_in_scope = false;  // the board one level up may be opened
};

// ?org= of the caller: a node in their scope (404 org.not_found otherwise); by default their
// own org when their scope covers it, else the first node of their scope.
core::Result<BoardTarget> ResolveBoardTarget(CasesContext& ctx, const core::auth::Principal& who,
                                             const std::string& org);

// The board as the API answers it (docs/api-cases.md, "Command board").
core::Result<nlohmann::json> BuildBoard(CasesContext& ctx, const core::auth::Scope& scope,
                                        const BoardTarget& target, std::int64_t now_ms);

}  // namespace jiceng::cases
