#include "modules/cases/demo/demo_case_generator.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/module_names.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/deadline_timer.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/demo/demo_case_text.hpp"
#include "modules/cases/indicators/indicator_hooks.hpp"
#include "modules/cases/intake/hotline.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases {

namespace {

constexpr std::int64_t kGenMinute = 60000;
constexpr std::int64_t kGenDay = 24 * 60 * kGenMinute;

// Frequent problems are reported far more often than rare ones (weights per category code).
int WeightOf(const std::string& code) {
  static const std::map<std::string, int> kWeights = {
      {"E0102", 30}, {"E0502", 20}, {"E0504", 18}, {"E0104", 12}, {"E0201", 12},
      {"E0505", 10}, {"E0109", 9},  {"E0507", 8},  {"E0101", 6},  {"E0601", 6},
      {"E0602", 5},  {"C0108", 6},  {"C0101", 4},  {"C0302", 5}};
  auto it = kWeights.find(code);
  return it == kWeights.end() ? 2 : it->second;
}

std::vector<int> Weights(const std::vector<Category>& categories) {
  std::vector<int> out;
  for (const auto& c : categories) out.push_back(WeightOf(c.code));
  return out;
}

// Half the reports come from grid workers on patrol, a quarter from the hotline.
const char* const kChannelDraw[] = {"grid_worker", "grid_worker", "grid_worker", "grid_worker",
                                    "grid_worker", "grid_worker", "hotline",     "hotline",
                                    "hotline",     "api",         "open311",     "resident"};

}  // namespace

// Walks one case through the workflow up to now: each step applies the state machine, the
// deadline effects and the counters, and records the timeline entry; a step due after now is
// not taken, nor any after it.
class DemoCaseGenerator::Walk {
 public:
  Walk(DemoCase& out, const Category& category, const core::time::WorkCalendar& calendar,
       IndicatorSink& sink, std::int64_t now)
      : c_(out.c),
        events_(out.events),
        category_(category),
        calendar_(calendar),
        sink_(sink),
        now_(now) {}

  bool stopped() const { return stopped_; }

  Result<void> Step(CaseAction action, std::int64_t at, const std::string& actor,
                    const std::string& note = "", const Json& data = Json::object(),
                    const std::function<void(Case&)>& effect = {}) {
    if (stopped_ || at > now_) {
      stopped_ = true;
      return {};
    }
    Case before = c_;
    JC_ASSIGN_OR_RETURN(auto next, NextStatus(*ParseStatus(c_.status), action));
    c_.status = StatusName(next);
    c_.updated_at = at;
    DeadlineState moved = MoveDeadlines({c_.stage_due_at, c_.handling_due_at},
                                        {action, at, data.value("days", 0), std::nullopt},
                                        {calendar_, category_, c_.urgency, c_.org_code});
    c_.stage_due_at = moved.stage_due_at;
    c_.handling_due_at = moved.handling_due_at;
    if (effect) effect(c_);
    std::optional<std::int64_t> minutes;
    if (action == CaseAction::kResolve && dispatched_at_)
      minutes = calendar_.WorkingMinutesBetween(*dispatched_at_, at);
    if (action == CaseAction::kDispatch) dispatched_at_ = at;
    bool deferred_after = deferred_ || action == CaseAction::kApproveExtension;
    JC_TRY(CountAction(
        sink_, ActionFacts{action, before, c_, deferred_, deferred_after, data, minutes, at}));
    deferred_ = deferred_after;
    events_.push_back({0, 0, ActionName(action), before.status, c_.status, std::nullopt, actor,
                       note, data.dump(), at});
    return {};
  }

 private:
  Case& c_;
  std::vector<CaseEvent>& events_;
  const Category& category_;
  const core::time::WorkCalendar& calendar_;
  IndicatorSink& sink_;
  std::int64_t now_;
  std::optional<std::int64_t> dispatched_at_;
  bool deferred_ = false;
  bool stopped_ = false;
};

Result<DemoCaseWorld> LoadDemoCaseWorld(const org::OrgApi& org, core::db::Database& db,
                                        const std::string& county,
                                        std::shared_ptr<const core::time::WorkCalendar> calendar) {
  DemoCaseWorld world;
  JC_ASSIGN_OR_RETURN(world.grids, org.GridCodes(county));
  if (world.grids.empty()) return core::DomainError::Internal("cases.demo.grids", "演示县没有网格");
  JC_ASSIGN_OR_RETURN(world.departments, org.DepartmentsUnder(county));
  if (world.departments.empty())
    return core::DomainError::Internal("cases.demo.departments", "演示县没有部门");
  JC_TRY(db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(world.categories, CategoryStore(s).All(true));
    return {};
  }));
  if (world.categories.empty())
    return core::DomainError::Internal("cases.demo.categories", "没有案件类别");
  world.calendar = std::move(calendar);
  return world;
}

DemoCaseGenerator::DemoCaseGenerator(DemoCaseWorld world, DemoCaseOptions options)
    : world_(std::move(world)),
      options_(std::move(options)),
      rng_(options_.seed),
      pick_category_([&] {
        auto w = Weights(world_.categories);
        return std::discrete_distribution<std::size_t>(w.begin(), w.end());
      }()) {}

bool DemoCaseGenerator::Chance(double p) {
  return std::uniform_real_distribution<double>(0, 1)(rng_) < p;
}

std::int64_t DemoCaseGenerator::Between(std::int64_t lo, std::int64_t hi) {
  return std::uniform_int_distribution<std::int64_t>(lo, std::max(lo, hi))(rng_);
}

const org::OrgNode& DemoCaseGenerator::DepartmentFor(const Category& category) const {
  const org::OrgNode* fallback = &world_.departments.front();
  for (const auto& d : world_.departments) {
    if (d.category == category.department_category) return d;
    if (d.category == "urban_management") fallback = &d;
  }
  return *fallback;
}

Result<DemoCase> DemoCaseGenerator::Next(IndicatorSink& sink) {
  const std::int64_t i = index_++;
  const std::int64_t now = options_.now_ms;
  const std::int64_t n = std::max<std::int64_t>(1, options_.count);
  // Spread evenly over the year, in daytime (07:00-21:00 local).
  std::int64_t day = now - 365 * kGenDay + (365 * kGenDay) * i / n;
  std::int64_t created = core::time::LocalMidnightUtcMs(core::time::LocalDate(day)) +
                         Between(7 * 60, 21 * 60) * kGenMinute;
  if (created > now) created = now - Between(1, 60) * kGenMinute;
  const Category& category = world_.categories[pick_category_(rng_)];
  DemoCase out;
  Case& c = out.c;
  c.tracking_code = options_.tracking_prefix + std::to_string(100000 + i);
  c.channel = kChannelDraw[Between(0, 11)];
  if (c.channel == "hotline") c.request_type = Chance(0.6) ? "complaint" : "help";
  c.category_code = category.code;
  c.urgency = Chance(0.05) ? "urgent" : "normal";
  c.org_code = world_.grids[static_cast<std::size_t>(
      Between(0, static_cast<std::int64_t>(world_.grids.size()) - 1))];
  bool rural = VerificationStage(c.org_code) == "verification_rural";
  c.description = DemoDescription(category, rural, rng_);
  c.address = DemoAddress(rural, rng_);
  c.reporter_name = c.channel == "grid_worker" ? "网格员" : "市民";
  c.created_at = c.updated_at = created;
  if (auto rule = FindDeadline(category, "dispatch", c.urgency))
    c.stage_due_at = DueAt(*world_.calendar, *rule, created);
  if (c.channel == "hotline") {  // the hotline's own limits, as intake sets them
    c.hotline_class = DefaultHotlineClass(c.urgency);
    c.stage_due_at = HotlineDispatchDue(c.hotline_class, created);
    c.feedback_due_at = HotlineFeedbackDue(c.hotline_class, created);
  }
  out.events.push_back({0, 0, "report", "", "reported", std::nullopt, c.reporter_name, "",
                        Json{{"channel", c.channel}}.dump(), created});
  JC_TRY(CountReport(sink, c));
  Walk walk(out, category, *world_.calendar, sink, now);
  JC_TRY(Run(walk, category, out));
  CaseStatus status = *ParseStatus(c.status);
  bool watched = IsOpen(status) && status != CaseStatus::kSuspended && c.stage_due_at;
  // As the deadline timer would have flagged them by now.
  c.overdue = watched && *c.stage_due_at < now;
  c.warned = watched && !c.overdue &&
             world_.calendar->WorkingMinutesBetween(now, *c.stage_due_at) <= kWarnWorkingMinutes;
  return out;
}

// The pace of a working county: the centre files and dispatches around the clock within
// minutes; the department accepts, works and resolves in working time, within the deadline
// unless this case is one of the late ones; the grid worker verifies within the hour.
Result<void> DemoCaseGenerator::Run(Walk& walk, const Category& category, DemoCase& out) {
  Case& c = out.c;
  const auto& calendar = *world_.calendar;
  const bool urgent = c.urgency == "urgent";
  std::int64_t t = c.created_at;
  auto natural = [&](std::int64_t lo, std::int64_t hi) {
    return t += Between(lo, hi) * kGenMinute;
  };
  auto working = [&](std::int64_t lo, std::int64_t hi) {
    return t = calendar.AddWorkingMinutes(t, Between(lo, hi));
  };
  if (Chance(0.03)) {
    return walk.Step(CaseAction::kReject, natural(5, 40), "综治中心", "不属于受理范围",
                     Json::object(), [&](Case& x) { x.closed_at = x.updated_at; });
  }
  JC_TRY(walk.Step(CaseAction::kFile, urgent ? natural(1, 3) : natural(3, 25), "综治中心"));
  const org::OrgNode& dept = DepartmentFor(category);
  JC_TRY(walk.Step(CaseAction::kDispatch, urgent ? natural(1, 4) : natural(2, 15), "综治中心", "",
                   Json{{"department_code", dept.code}, {"department_name", dept.name}},
                   [&](Case& x) { x.department_code = dept.code; }));
  if (walk.stopped() || !c.handling_due_at) return {};
  // Accepting and starting take a small part of the handling window.
  const std::int64_t span =
      std::max<std::int64_t>(20, calendar.WorkingMinutesBetween(t, *c.handling_due_at));
  JC_TRY(walk.Step(CaseAction::kAccept, working(5, span / 12), dept.name));
  JC_TRY(walk.Step(CaseAction::kStart, working(5, span / 12), dept.name));
  if (Chance(0.05)) {
    JC_TRY(walk.Step(CaseAction::kRequestExtension, working(30, 120), dept.name, "需协调相关单位",
                     Json{{"days", 3}}));
    JC_TRY(walk.Step(CaseAction::kApproveExtension, working(30, 120), "综治中心", "",
                     Json{{"days", 3}}));
  }
  if (walk.stopped()) return {};
  // Most work is done early in the window (a quarter of it at the median), leaving room for
  // verification and closing (up to 80 working minutes) before the deadline; a late case runs
  // past it by half an hour to two working days.
  const std::int64_t left = calendar.WorkingMinutesBetween(t, *c.handling_due_at);
  const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  const std::int64_t work =
      Chance(options_.late_share)
          ? left + Between(30, 960)
          : 5 + static_cast<std::int64_t>(
                    u * u * static_cast<double>(std::max<std::int64_t>(0, left - 95)));
  JC_TRY(walk.Step(CaseAction::kResolve, working(work, work), dept.name, "已处置"));
  if (Chance(0.04)) {
    JC_TRY(walk.Step(CaseAction::kRework, working(10, 50), "网格员", "现场复核未完全处置"));
    JC_TRY(walk.Step(CaseAction::kResolve, working(30, 240), dept.name, "已处置"));
  }
  JC_TRY(walk.Step(CaseAction::kVerify, working(10, 50), "网格员"));
  JC_TRY(walk.Step(CaseAction::kClose, working(5, 30), "综治中心", "", Json::object(),
                   [&](Case& x) { x.closed_at = x.updated_at; }));
  // The hotline calls every caller back (回访); other channels' reporters answer sometimes.
  if (walk.stopped() || !Chance(c.channel == "hotline" ? 0.98 : 0.6)) return {};
  double r = std::uniform_real_distribution<double>(0, 1)(rng_);
  std::string satisfaction = r < 0.72 ? "satisfied" : r < 0.92 ? "mostly" : "not";
  bool resolved = satisfaction != "not" || Chance(0.5);
  return walk.Step(CaseAction::kFollowUp, working(60, 900), "回访员", "",
                   Json{{"resolved", resolved}, {"satisfaction", satisfaction}},
                   [&](Case& x) { x.followed_up_at = x.updated_at; });
}

}  // namespace jiceng::cases
