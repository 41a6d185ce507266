#include "modules/cases/board/board.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <map>
#include <set>

#include "core/module_names.hpp"
#include "core/time/clock.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/cases/indicators/indicators.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
// Intake channels in the order the board shows them (every one, also when zero).
const char* const kChannels[] = {"grid_worker", "hotline", "api", "open311", "resident"};
// Open statuses in workflow order; suspended last.
const CaseStatus kPipeline[] = {
    CaseStatus::kReported, CaseStatus::kFiled,    CaseStatus::kDispatched, CaseStatus::kAccepted,
    CaseStatus::kHandling, CaseStatus::kResolved, CaseStatus::kVerified,   CaseStatus::kSuspended};

DomainError NotInScope() {
  return DomainError::NotFound("org.not_found", "组织不存在或不在您的管辖范围内");
}

struct Period {
  std::string from, to;  // YYYY-MM-DD, inclusive
};

// This month up to today (as GET /case-indicators counts it by default).
Period ThisMonth(const std::string& today) { return {today.substr(0, 8) + "01", today}; }

// The whole of last month; "-31" is on or after every month's last day as a string.
Period LastMonth(const std::string& today) {
  int year = std::stoi(today.substr(0, 4));
  int month = std::stoi(today.substr(5, 2)) - 1;
  if (month == 0) {
    month = 12;
    --year;
  }
  const std::string prefix = fmt::format("{:04d}-{:02d}-", year, month);
  return {prefix + "01", prefix + "31"};
}

// On-time closure of a unit over a period, by the configured definition (indicators.hpp),
// from the counters (no case is read).
Result<Json> OnTime(IndicatorStore& store, const IndicatorOptions& options, const std::string& unit,
                    const Period& period) {
  JC_ASSIGN_OR_RETURN(auto counts, store.Sum(unit, "*", period.from, period.to));
  Json all = IndicatorJson(counts, options);
  return Json{{"from", period.from},
              {"to", period.to},
              {"rate", all["rates"]["on_time_closure_rate"]},
              {"due", counts.due},
              {"closed", counts.closed},
              {"closed_on_time", counts.closed_on_time}};
}

Json NodeJson(const org::OrgNode& n) {
  return {{"code", n.code}, {"name", n.name}, {"level", org::LevelName(n.level)}};
}

struct ChildFigures {
  std::int64_t open = 0, overdue = 0, intake_today = 0;
};

}  // namespace

Result<BoardTarget> ResolveBoardTarget(CasesContext& ctx, const core::auth::Principal& who,
                                       const std::string& org) {
  std::string code = org;
  if (code.empty()) {
    if (!who.org_code.empty() && who.scope.Covers(who.org_code)) {
      code = who.org_code;
    } else if (!who.scope.prefixes().empty()) {
      code = who.scope.prefixes().front();  // a grid worker: their first grid
    }
  }
  if (code.empty() || code.size() > 40 || !who.scope.Covers(code)) return NotInScope();
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(who.scope, code));
  if (!node) return NotInScope();
  BoardTarget t;
  t.node = *node;
  t.area = {node->code, node->level == org::OrgLevel::kDepartment};
  if (!t.area.department) {
    JC_ASSIGN_OR_RETURN(auto children, ctx.org.Children(who.scope, code));
    for (auto& c : children) {
      if (c.level != org::OrgLevel::kDepartment) t.children.push_back(std::move(c));
    }
  }
  t.parent_in_scope = !node->parent_code.empty() && who.scope.Covers(node->parent_code);
  return t;
}

Result<Json> BuildBoard(CasesContext& ctx, const core::auth::Scope& scope, const BoardTarget& t,
                        std::int64_t now) {
  // The indicator counters are keyed by unit, not filtered by scope: the unit itself must be in it.
  if (!scope.Covers(t.node.code)) return NotInScope();
  const std::string today = core::time::LocalDate(now);
  const std::int64_t day_start = core::time::LocalMidnightUtcMs(today);
  const Period month = ThisMonth(today), last = LastMonth(today);
  // Children of one node share a code length (villages 12, grids 15 ...); cases are grouped by
  // that prefix of their grid code.
  const std::size_t child_len = t.children.empty() ? 0 : t.children.front().code.size();

  OpenFigures open;
  std::vector<IntakeCount> intake;
  std::vector<LateCase> late, soon;
  std::vector<MapPoint> points;
  std::vector<CategoryCount> top;
  std::map<std::string, std::string> categories;
  Json this_month, last_month;
  std::map<std::string, Json> child_rates;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    BoardStore store(s);
    JC_ASSIGN_OR_RETURN(open, store.Open(scope, t.area, child_len, now));
    JC_ASSIGN_OR_RETURN(intake,
                        store.Intake(scope, t.area, child_len, day_start, day_start + kDayMs));
    JC_ASSIGN_OR_RETURN(late, store.MostOverdue(scope, t.area, now, kBoardOverdueItems));
    JC_ASSIGN_OR_RETURN(soon, store.DueSoonest(scope, t.area, now, kBoardOverdueItems));
    JC_ASSIGN_OR_RETURN(points, store.MapPoints(scope, t.area, now, kBoardMapPoints + 1));
    JC_ASSIGN_OR_RETURN(
        top, store.TopCategories(t.node.code, month.from, month.to, kBoardTopCategories));
    JC_ASSIGN_OR_RETURN(categories, store.CategoryNames());
    IndicatorStore indicators(s);
    JC_ASSIGN_OR_RETURN(this_month, OnTime(indicators, ctx.indicators, t.node.code, month));
    JC_ASSIGN_OR_RETURN(last_month, OnTime(indicators, ctx.indicators, t.node.code, last));
    for (const auto& c : t.children) {
      JC_ASSIGN_OR_RETURN(child_rates[c.code], OnTime(indicators, ctx.indicators, c.code, month));
    }
    return {};
  }));
  // Names of the late cases' grids and departments (public, like breadcrumbs); read after the
  // snapshot above so no read connection is held twice.
  std::set<std::string> codes;
  for (const auto* list : {&late, &soon}) {
    for (const auto& c : *list) {
      codes.insert(c.org_code);
      if (!c.department_code.empty()) codes.insert(c.department_code);
    }
  }
  JC_ASSIGN_OR_RETURN(auto names, ctx.org.Names({codes.begin(), codes.end()}));
  auto name_of = [&](const std::string& code) {
    auto it = names.find(code);
    return it == names.end() ? code : it->second;
  };
  auto category_name = [&](const std::string& code) {
    auto it = categories.find(code);
    return it == categories.end() ? code : it->second;
  };

  std::map<std::string, ChildFigures> by_child;
  for (const auto& [child, n] : open.open_by_child) by_child[child].open += n;
  for (const auto& [child, n] : open.overdue_by_child) by_child[child].overdue += n;
  std::map<std::string, std::int64_t> by_channel;
  std::int64_t intake_total = 0;
  for (const auto& i : intake) {
    by_channel[i.channel] += i.count;
    intake_total += i.count;
    by_child[i.child].intake_today += i.count;
  }

  Json channels = Json::array();
  for (const char* ch : kChannels) channels.push_back({{"channel", ch}, {"count", by_channel[ch]}});
  Json pipeline = Json::array();
  for (CaseStatus st : kPipeline) {
    pipeline.push_back({{"status", StatusName(st)},
                        {"label", StatusLabel(st)},
                        {"count", open.by_status[StatusName(st)]}});
  }
  auto items = [&](const std::vector<LateCase>& cases) {
    Json out = Json::array();
    for (const auto& c : cases) {
      auto st = ParseStatus(c.status);
      out.push_back(
          {{"id", c.id},
           {"category_code", c.category_code},
           {"category_name", category_name(c.category_code)},
           {"org_code", c.org_code},
           {"org_name", name_of(c.org_code)},
           {"department_code", c.department_code},
           {"department_name", c.department_code.empty() ? "" : name_of(c.department_code)},
           {"status", c.status},
           {"status_label", st ? StatusLabel(*st) : ""},
           {"stage_due_at", core::time::FormatIsoUtc(c.stage_due_at)}});
    }
    return out;
  };
  Json top_items = Json::array();
  for (const auto& c : top) {
    top_items.push_back(
        {{"code", c.code}, {"name", category_name(c.code)}, {"reported", c.reported}});
  }
  Json children = Json::array();
  for (const auto& c : t.children) {
    const ChildFigures& f = by_child[c.code];
    Json j = NodeJson(c);
    j["open"] = f.open;
    j["overdue"] = f.overdue;
    j["intake_today"] = f.intake_today;
    j["on_time_closure_rate"] = child_rates[c.code]["rate"];
    j["due"] = child_rates[c.code]["due"];
    children.push_back(std::move(j));
  }
  bool truncated = points.size() > static_cast<std::size_t>(kBoardMapPoints);
  if (truncated) points.pop_back();
  Json map_points = Json::array();
  for (const auto& p : points) {
    map_points.push_back({{"id", p.id},
                          {"lng", p.lng},
                          {"lat", p.lat},
                          {"status", p.status},
                          {"overdue", p.overdue}});
  }

  Json org = NodeJson(t.node);
  org["parent_code"] = t.parent_in_scope ? Json(t.node.parent_code) : Json(nullptr);
  return Json{
      {"org", org},
      {"generated_at", core::time::FormatIsoUtc(now)},
      {"today", today},
      {"intake_today", {{"total", intake_total}, {"by_channel", channels}}},
      {"open", open.open},
      {"pipeline", pipeline},
      {"overdue", {{"count", open.overdue}, {"items", items(late)}}},
      {"due_soon", {{"count", open.due_soon}, {"items", items(soon)}}},
      {"top_categories", {{"from", month.from}, {"to", month.to}, {"items", top_items}}},
      {"children", children},
      {"on_time_closure", {{"this_month", this_month}, {"last_month", last_month}}},
      {"map", {{"points", map_points}, {"limit", kBoardMapPoints}, {"truncated", truncated}}}};
}

}  // namespace jiceng::cases
