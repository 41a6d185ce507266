#include "modules/cases/demo/seed_demo_cases.hpp"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/time/work_calendar.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/catalogue/category_store.hpp"
#include "modules/cases/deadlines.hpp"
#include "modules/cases/indicators/indicator_hooks.hpp"
#include "modules/cases/indicators/indicator_store.hpp"
#include "modules/cases/intake/hotline.hpp"

namespace jiceng::cases {

using core::Result;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kMinute = 60000;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
constexpr int kBatch = 2000;

// Frequent problems are reported far more often than rare ones (weights per category code).
int WeightOf(const std::string& code) {
  static const std::map<std::string, int> kWeights = {
      {"E0102", 30}, {"E0502", 20}, {"E0504", 18}, {"E0104", 12}, {"E0201", 12},
      {"E0505", 10}, {"E0109", 9},  {"E0507", 8},  {"E0101", 6},  {"E0601", 6},
      {"E0602", 5},  {"C0108", 6},  {"C0101", 4},  {"C0302", 5}};
  auto it = kWeights.find(code);
  return it == kWeights.end() ? 2 : it->second;
}

struct Department {
  std::string code;
  std::string name;
};

// Walks one case through the workflow, recording the timeline and the counters as it goes.
class Walk {
 public:
  Walk(Case& c, const Category& category, const core::time::WorkCalendar& calendar,
       IndicatorSink& sink, std::vector<CaseEvent>& events)
      : c_(c), category_(category), calendar_(calendar), sink_(sink), events_(events) {}

  Result<void> Step(CaseAction action, std::int64_t at, const std::string& actor,
                    const std::string& note, Json data, const std::function<void(Case&)>& effect) {
    Case before = c_;
    auto next = NextStatus(*ParseStatus(c_.status), action, before_suspend_);
    if (!next.ok()) return next.error();
    c_.status = StatusName(*next);
    c_.updated_at = at;
    effect(c_);
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

  std::int64_t Due(const std::string& stage, std::int64_t from) const {
    auto rule = FindDeadline(category_, stage, c_.urgency);
    return rule ? DueAt(calendar_, *rule, from) : from + kDay;
  }

 private:
  Case& c_;
  const Category& category_;
  const core::time::WorkCalendar& calendar_;
  IndicatorSink& sink_;
  std::vector<CaseEvent>& events_;
  std::optional<CaseStatus> before_suspend_;
  std::optional<std::int64_t> dispatched_at_;
  bool deferred_ = false;
};

}  // namespace

Result<DemoCasesCounts> SeedDemoCases(CasesContext& ctx, const std::string& county, std::int64_t n,
                                      bool progress, std::uint64_t seed) {
  DemoCasesCounts counts;
  if (n <= 0) return counts;
  JC_ASSIGN_OR_RETURN(auto grids, ctx.org.GridCodes(county));
  if (grids.empty()) return core::DomainError::Internal("cases.demo.grids", "演示县没有网格");
  JC_ASSIGN_OR_RETURN(auto department_nodes, ctx.org.DepartmentsUnder(county));
  std::map<std::string, Department> by_category;  // department category -> a department
  Department fallback{county + "901", "城管"};
  for (const auto& d : department_nodes) {
    by_category.emplace(d.category, Department{d.code, d.name});
    if (d.category == "urban_management") fallback = {d.code, d.name};
  }
  std::vector<Category> categories;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(categories, CategoryStore(s).All(true));
    return {};
  }));
  std::vector<int> weights;
  for (const auto& c : categories) weights.push_back(WeightOf(c.code));
  std::discrete_distribution<std::size_t> pick_category(weights.begin(), weights.end());
  std::mt19937_64 rng(seed);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto between = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  auto calendar = ctx.calendar.Get();
  std::int64_t now = ctx.clock.NowMs();
  std::int64_t start = now - 365 * kDay;
  const char* channels[] = {"grid_worker", "grid_worker", "grid_worker", "grid_worker",
                            "grid_worker", "grid_worker", "hotline",     "hotline",
                            "hotline",     "api",         "open311",     "resident"};
  IndicatorBuffer buffer;

  for (std::int64_t done = 0; done < n;) {
    std::int64_t batch_end = std::min(n, done + kBatch);
    JC_TRY(ctx.db.WriteExclusive([&](core::db::Session& s) -> Result<void> {
      CaseStore store(s, *ctx.cipher);
      for (std::int64_t i = done; i < batch_end; ++i) {
        // Spread evenly over the year, in daytime (07:00-21:00 local).
        std::int64_t day = start + (365 * kDay) * i / n;
        std::int64_t created = core::time::LocalMidnightUtcMs(core::time::LocalDate(day)) +
                               between(7 * 60, 21 * 60) * kMinute;
        if (created > now) created = now - between(1, 60) * kMinute;
        const Category& category = categories[pick_category(rng)];
        Case c;
        c.tracking_code = "DEMO" + std::to_string(100000 + i);
        c.channel = channels[between(0, 11)];
        if (c.channel == "hotline") c.request_type = chance(0.6) ? "complaint" : "help";
        c.category_code = category.code;
        c.urgency = chance(0.05) ? "urgent" : "normal";
        c.status = "reported";
        c.description = category.name + "（演示数据）";
        c.org_code = grids[static_cast<std::size_t>(
            between(0, static_cast<std::int64_t>(grids.size()) - 1))];
        c.address = "演示地址 " + c.org_code.substr(9, 3) + "-" + std::to_string(between(1, 99)) +
                    " 号附近";
        c.reporter_name = c.channel == "grid_worker" ? "网格员" : "市民";
        c.created_at = c.updated_at = created;
        std::vector<CaseEvent> events;
        events.push_back({0, 0, "report", "", "reported", std::nullopt, c.reporter_name, "",
                          Json{{"channel", c.channel}}.dump(), created});
        JC_TRY(CountReport(buffer, c));
        Walk walk(c, category, *calendar, buffer, events);
        c.stage_due_at = walk.Due("dispatch", created);
        if (c.channel == "hotline") {  // the hotline's own limits, as WriteIntake sets them
          c.hotline_class = DefaultHotlineClass(c.urgency);
          c.stage_due_at = HotlineDispatchDue(c.hotline_class, created);
          c.feedback_due_at = HotlineFeedbackDue(c.hotline_class, created);
        }
        // How far this case got: old cases are finished, the last weeks' are spread over the
        // stages.
        double age_days = static_cast<double>(now - created) / kDay;
        int stages = age_days > 30 ? 9 : static_cast<int>(between(1, 9));
        std::int64_t t = created + between(5, 40) * kMinute;
        auto at = [&](std::int64_t working_minutes) {
          t = calendar->AddWorkingMinutes(t, working_minutes);
          return std::min(t, now);
        };
        Department dept = by_category.count(category.department_category)
                              ? by_category[category.department_category]
                              : fallback;
        auto run = [&]() -> Result<void> {
          if (stages < 2) return {};
          if (chance(0.03)) {
            return walk.Step(CaseAction::kReject, at(10), "综治中心", "不属于受理范围",
                             Json::object(), [&](Case& x) {
                               x.stage_due_at.reset();
                               x.closed_at = t;
                             });
          }
          JC_TRY(
              walk.Step(CaseAction::kFile, at(10), "综治中心", "", Json::object(), [](Case&) {}));
          if (stages < 3) return {};
          JC_TRY(walk.Step(CaseAction::kDispatch, at(between(5, 60)), "综治中心", "",
                           Json{{"department_code", dept.code}, {"department_name", dept.name}},
                           [&](Case& x) {
                             x.department_code = dept.code;
                             x.handling_due_at = walk.Due("handling", t);
                             x.stage_due_at = x.handling_due_at;
                           }));
          if (stages < 4) return {};
          JC_TRY(walk.Step(CaseAction::kAccept, at(between(10, 240)), dept.name, "", Json::object(),
                           [](Case&) {}));
          if (stages < 5) return {};
          JC_TRY(walk.Step(CaseAction::kStart, at(between(10, 120)), dept.name, "", Json::object(),
                           [](Case&) {}));
          if (chance(0.06)) {
            JC_TRY(walk.Step(CaseAction::kRequestExtension, at(60), dept.name, "需协调相关单位",
                             Json{{"days", 3}}, [](Case&) {}));
            JC_TRY(walk.Step(CaseAction::kApproveExtension, at(60), "综治中心", "",
                             Json{{"days", 3}}, [&](Case& x) {
                               x.handling_due_at = calendar->AddWorkingDays(*x.handling_due_at, 3);
                               x.stage_due_at = x.handling_due_at;
                             }));
          }
          if (stages < 6) return {};
          // Most finish within the deadline; some run late.
          std::int64_t left = calendar->WorkingMinutesBetween(t, *c.handling_due_at);
          std::int64_t work =
              chance(0.82) ? between(1, std::max<std::int64_t>(2, left)) : left + between(30, 900);
          auto resolve = [&]() {
            return walk.Step(
                CaseAction::kResolve, at(work), dept.name, "已处置", Json::object(),
                [&](Case& x) { x.stage_due_at = walk.Due(VerificationStage(x.org_code), t); });
          };
          JC_TRY(resolve());
          if (stages < 7) return {};
          if (chance(0.08)) {
            JC_TRY(walk.Step(CaseAction::kRework, at(between(20, 120)), "网格员",
                             "现场复核未完全处置", Json::object(),
                             [&](Case& x) { x.stage_due_at = walk.Due("handling", t); }));
            work = between(30, 480);
            JC_TRY(resolve());
          }
          JC_TRY(walk.Step(CaseAction::kVerify, at(between(10, 120)), "网格员", "", Json::object(),
                           [](Case& x) { x.stage_due_at.reset(); }));
          if (stages < 8) return {};
          JC_TRY(walk.Step(CaseAction::kClose, at(between(5, 60)), "综治中心", "", Json::object(),
                           [&](Case& x) {
                             x.closed_at = t;
                             x.stage_due_at.reset();
                           }));
          // The hotline calls every caller back (回访); other channels' reporters answer sometimes.
          if (stages < 9 || !chance(c.channel == "hotline" ? 0.98 : 0.6)) return {};
          double r = std::uniform_real_distribution<double>(0, 1)(rng);
          std::string satisfaction = r < 0.7 ? "satisfied" : r < 0.9 ? "mostly" : "not";
          return walk.Step(CaseAction::kFollowUp, at(between(60, 900)), "回访员", "",
                           Json{{"resolved", satisfaction != "not" || chance(0.5)},
                                {"satisfaction", satisfaction}},
                           [&](Case& x) { x.followed_up_at = t; });
        };
        JC_TRY(run());
        c.overdue = c.stage_due_at && *c.stage_due_at < now && IsOpen(*ParseStatus(c.status));
        JC_TRY(store.Insert(c));
        if (c.version != 1 || c.status != "reported") JC_TRY(store.SaveWorkflow(c));
        for (auto& e : events) {
          e.case_id = c.id;
          JC_TRY(store.AppendEvent(e));
        }
        counts.events += static_cast<std::int64_t>(events.size());
        if (IsOpen(*ParseStatus(c.status))) ++counts.open;
        ++counts.cases;
      }
      // Counters are summed per batch: memory stays bounded, the upserts add up.
      return buffer.Flush(s);
    }));
    done = batch_end;
    if (progress) std::cerr << "cases: " << done << "/" << n << "\n";
  }
  return counts;
}

}  // namespace jiceng::cases
