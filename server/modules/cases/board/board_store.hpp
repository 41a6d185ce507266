// The SQL of the command board (指挥大屏): counts of the cases under one org node, always inside
// the caller's Scope. Open cases are read through a partial index of open cases only
// (0008_board.sql), today's intake through the creation-time index, categories through the
// indicator counters: no query reads the closed cases, the vast majority of a county's million.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::cases {

// What a board counts: the cases located under an area (org_code under `code`), or, for a
// department's board, the cases it handles (department_code under `code`).
struct BoardArea {
  std::string code;
  bool department = false;
};

// The open cases of an area: by status, by child (the first child_len characters of the grid
// code; "" for cases above the children, or when the board has none), overdue (current stage
// past due, not suspended: the list's overdue=1) and due soon (warned by the deadline timer,
// not yet due).
struct OpenFigures {
  std::map<std::string, std::int64_t> by_status;
  std::map<std::string, std::int64_t> open_by_child;
  std::map<std::string, std::int64_t> overdue_by_child;
  std::int64_t open = 0;
  std::int64_t overdue = 0;
  std::int64_t due_soon = 0;
};

struct IntakeCount {
  std::string child;
  std::string channel;
  std::int64_t count = 0;
};

struct LateCase {
  std::int64_t id = 0;
  std::string category_code;
  std::string org_code;
  std::string department_code;
  std::string status;
  std::int64_t stage_due_at = 0;
};

struct MapPoint {
  std::int64_t id = 0;
  double lng = 0;
  double lat = 0;
  std::string status;
  bool overdue = false;
};

struct CategoryCount {
  std::string code;
  std::int64_t reported = 0;
};

class BoardStore {
 public:
  explicit BoardStore(core::db::Session& s) : s_(s) {}

  core::Result<OpenFigures> Open(const core::auth::Scope& scope, const BoardArea& area,
                                 std::size_t child_len, std::int64_t now_ms);
  // Cases reported in [from_ms, to_ms), by child and channel.
  core::Result<std::vector<IntakeCount>> Intake(const core::auth::Scope& scope,
                                                const BoardArea& area, std::size_t child_len,
                                                std::int64_t from_ms, std::int64_t to_ms);
  // The `limit` open cases whose current stage is the longest past due.
  core::Result<std::vector<LateCase>> MostOverdue(const core::auth::Scope& scope,
                                                  const BoardArea& area, std::int64_t now_ms,
                                                  int limit);
  // The `limit` open cases the deadline timer warned about that are due soonest.
  core::Result<std::vector<LateCase>> DueSoonest(const core::auth::Scope& scope,
                                                 const BoardArea& area, std::int64_t now_ms,
                                                 int limit);
  // The newest `limit` open cases that have a location.
  core::Result<std::vector<MapPoint>> MapPoints(const core::auth::Scope& scope,
                                                const BoardArea& area, std::int64_t now_ms,
                                                int limit);
  // Categories by cases reported in [from_day, to_day] (YYYY-MM-DD) under an indicator unit,
  // most first (the counters; the caller checks the unit against the scope).
  core::Result<std::vector<CategoryCount>> TopCategories(const std::string& unit,
                                                         const std::string& from_day,
                                                         const std::string& to_day, int limit);
  // code -> name of every category (a few hundred at most).
  core::Result<std::map<std::string, std::string>> CategoryNames();
  // The newest timeline event id (0 when there is none): every change to a case writes one.
  core::Result<std::int64_t> LatestEventId();
  // Whether an event in (after_id, upto_id] belongs to a case of the area in the scope.
  core::Result<bool> ChangedBetween(const core::auth::Scope& scope, const BoardArea& area,
                                    std::int64_t after_id, std::int64_t upto_id);

 private:
  // "column in area AND case in scope", with the parameters appended; `table` prefixes columns.
  std::string Where(const core::auth::Scope& scope, const BoardArea& area, core::db::Params& params,
                    const std::string& table = "") const;
  core::Result<std::vector<LateCase>> Watchlist(const core::auth::Scope& scope,
                                                const BoardArea& area, const char* stage_condition,
                                                std::int64_t now_ms, int limit);
  std::string ChildExpr(const BoardArea& area, std::size_t child_len) const;
  core::db::Session& s_;
};

}  // namespace jiceng::cases
