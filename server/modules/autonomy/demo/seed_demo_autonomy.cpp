#include "modules/autonomy/demo/seed_demo_autonomy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "core/module_names.hpp"
#include "core/time/civil.hpp"
#include "core/time/work_calendar.hpp"
#include "modules/autonomy/conventions/convention_store.hpp"
#include "modules/autonomy/decisions/decision_store.hpp"
#include "modules/autonomy/disclosures/disclosure_store.hpp"
#include "modules/autonomy/disclosures/schedule_store.hpp"

namespace jiceng::autonomy {

namespace {

constexpr std::int64_t kDay = 86400000;
constexpr const char* kSecretary = "杨志强（枫源村党委书记）";
constexpr const char* kSupervisor = "陈淑芬（枫源村务监督委员会）";

struct DemoMatter {
  const char* title;
  const char* matter;
  const char* proposal;
  // How far it got: 0 stopped at the party meeting's quorum, 1 rejected by the representatives,
  // 2 resolved, 3 resolution disclosed, 4 result disclosed.
  int reach;
};

const DemoMatter kMatters[] = {
    {"村集体闲置仓库公开招租", "assets", "将原粮站仓库公开招租，租期三年，底价每年 12 万元", 4},
    {"枫源溪堤岸加固工程", "project", "申请上级补助并由村集体配套，加固枫源溪堤岸 800 米", 4},
    {"2025 年度村级财务预算", "budget", "编制年度收支预算，重点保障道路养护和养老服务", 4},
    {"村道路灯改造", "project", "更换村内主干道路灯 120 盏为太阳能路灯", 0},
    {"土地承包经营权流转", "land", "将东片 150 亩承包地统一流转给家庭农场，流转费每亩 800 元", 4},
    {"困难家庭临时救助名单", "subsidy", "对 6 户因病致困家庭给予临时救助", 3},
    {"文化礼堂改造", "project", "改造村文化礼堂，增设老年食堂", 1},
    {"村规民约修订", "convention", "修订村规民约，增加垃圾分类和移风易俗条款", 3},
    {"停车场建设", "project", "利用村委会旁闲置地建设停车场 40 个车位", 0},
    {"集体经营性资产入股", "assets", "以村集体厂房入股镇强村公司，按年分红", 2},
    {"农村饮用水管网改造", "project", "改造老旧供水管网 3.2 公里", 4},
    {"高龄老人生日慰问标准", "subsidy", "80 周岁以上老人生日慰问标准提高到 300 元", 3},
};

std::string DateOf(std::int64_t ms) { return core::time::LocalDate(ms); }

}  // namespace

Result<DemoCounts> SeedDemoAutonomy(AutonomyContext& ctx, const std::string& village) {
  DemoCounts counts;
  const std::int64_t now = ctx.clock.NowMs();
  const std::string today = DateOf(now);
  JC_TRY(ctx.db.Write([&](core::db::Session& s) -> Result<void> {
    DecisionStore decisions(s);
    DecisionFilter any;
    any.org = village;
    any.limit = 1;
    JC_ASSIGN_OR_RETURN(auto existing, decisions.List(core::auth::Scope::All(), any));
    if (!existing.items.empty()) return {};

    std::optional<std::int64_t> convention_decision;
    std::string convention_adopted_on;
    // A year of decisions, one a month, oldest first.
    const int n = static_cast<int>(std::size(kMatters));
    for (int i = 0; i < n; ++i) {
      const DemoMatter& m = kMatters[i];
      std::int64_t start = now - (n - i) * 30 * kDay;
      Decision d;
      d.org_code = village;
      d.title = m.title;
      d.matter = m.matter;
      d.proposal = m.proposal;
      d.created_by = kSecretary;
      d.created_at = d.updated_at = start;
      JC_TRY(decisions.Insert(d));
      ++counts.decisions;
      struct Step {
        const char* stage;
        MeetingNumbers n;
        const char* outcome;
      };
      auto numbers = [](std::int64_t e, std::int64_t p, std::int64_t f, std::int64_t a,
                        std::int64_t ab) {
        MeetingNumbers x;
        x.expected = e;
        x.present = p;
        x.votes_for = f;
        x.votes_against = a;
        x.abstained = ab;
        return x;
      };
      std::vector<Step> steps = {{"joint_meeting", numbers(9, 9, 9, 0, 0), "passed"}};
      if (m.reach == 0) {
        steps.push_back({"party_meeting", numbers(46, 21, 21, 0, 0), "quorum_not_met"});
      } else {
        steps.push_back({"party_meeting", numbers(46, 38, 35, 1, 2), "passed"});
        if (m.reach == 1) {
          steps.push_back({"representatives_assembly", numbers(35, 27, 12, 11, 4), "rejected"});
        } else {
          steps.push_back({"representatives_assembly", numbers(35, 29, 25, 2, 2), "passed"});
        }
      }
      std::string stage = "proposed";
      std::int64_t at = start;
      for (const auto& step : steps) {
        at += 3 * kDay;
        DecisionStage st;
        st.decision_id = d.id;
        st.stage = step.stage;
        st.held_on = DateOf(at);
        st.numbers = step.n;
        st.minutes = "会议记录（演示数据）";
        st.outcome = step.outcome;
        st.passed = st.outcome == "passed";
        st.recorded_at = at;
        JC_TRY(decisions.InsertStage(st));
        if (st.passed && std::string(m.matter) == "convention" &&
            st.stage == "representatives_assembly") {
          convention_decision = d.id;
          convention_adopted_on = st.held_on;
        }
        if (st.passed) {
          JC_ASSIGN_OR_RETURN(bool moved,
                              decisions.Advance(d.id, stage, step.stage, "open", "", at));
          (void)moved;
          stage = step.stage;
        } else {
          std::string reason = "autonomy.decision." + st.outcome;
          JC_ASSIGN_OR_RETURN(bool moved,
                              decisions.Advance(d.id, stage, stage, "stopped", reason, at));
          (void)moved;
          ++counts.stopped;
        }
      }
      for (int part = 3; part <= m.reach; ++part) {
        at += 2 * kDay;
        Disclosure x;
        x.org_code = village;
        x.kind = "village";
        x.decision_id = d.id;
        x.decision_part = part == 3 ? "resolution" : "result";
        x.title = std::string(part == 3 ? "【决议公开】" : "【实施结果公开】") + m.title;
        x.body = part == 3 ? std::string("经村民代表会议表决通过：") + m.proposal
                           : std::string("已按决议实施完毕，欢迎村民监督。");
        x.status = "published";
        x.published_at = at;
        x.created_by = kSecretary;
        x.created_at = at;
        JC_TRY(decisions.InsertDisclosure(x));
        std::string to = part == 3 ? "resolution_disclosed" : "result_disclosed";
        JC_ASSIGN_OR_RETURN(
            bool moved, decisions.Advance(d.id, stage, to, part == 4 ? "done" : "open", "", at));
        (void)moved;
        stage = to;
        ++counts.disclosures;
      }
    }

    // The convention that decision adopted, filed after the township's legality review.
    if (convention_decision) {
      Convention c;
      c.org_code = village;
      c.title = "枫源村村规民约";
      c.body =
          "第一条 爱党爱国，遵纪守法。\n第二条 垃圾分类，人人有责，不乱倒乱堆。\n"
          "第三条 红白喜事从简，不大操大办。\n第四条 邻里和睦，矛盾纠纷先找调解委员会。";
      c.created_by = kSecretary;
      c.created_at = c.updated_at = now - 60 * kDay;
      ConventionStore conventions(s);
      JC_TRY(conventions.Insert(c));
      c.status = "filed";
      c.decision_id = convention_decision;
      c.adopted_on = convention_adopted_on;
      c.review_result = "passed";
      c.reviewed_on = convention_adopted_on;
      c.reviewed_by = "何建华（枫桥镇党委组织委员）";
      JC_ASSIGN_OR_RETURN(bool filed, conventions.Update(c, "draft"));
      (void)filed;
    }

    // The schedule from a year ago; every period published but one finance month, 3 months ago.
    ScheduleRule rule;
    rule.org_code = village;
    auto civil = core::time::CivilFromDays(*core::time::ParseDate(today));
    rule.starts_on = fmt::format("{:04}-{:02}-01", civil.y - 1, civil.m);
    JC_TRY(ScheduleStore(s).Put(rule, "demo", now));
    int back3_y = civil.y, back3_m = static_cast<int>(civil.m) - 3;
    if (back3_m < 1) {
      back3_m += 12;
      --back3_y;
    }
    const std::string overdue_period = fmt::format("{:04}-{:02}", back3_y, back3_m);
    DisclosureStore store(s);
    for (const auto& p : DuePeriods(rule, today, {}, ctx.calendar)) {
      Disclosure x;
      x.org_code = village;
      x.kind = p.kind;
      x.period = p.period;
      // A period whose deadline is still ahead (last month's finances) was put up already, a
      // few days ago: nothing is dated in the future.
      std::int64_t due = std::min(core::time::LocalMidnightUtcMs(p.due_on), now);
      x.created_by = kSecretary;
      x.created_at = x.updated_at = due - 5 * kDay;
      if (p.kind == "finance") {
        x.title = fmt::format("枫源村 {} 财务收支公开", p.period);
        x.body = "本期收支明细如下，如有疑问请向村务监督委员会反映。";
        std::int64_t rent = 1250000, subsidy = 300000 + 1000 * (p.period.back() - '0');
        std::int64_t roads = 420000, care = 186050;
        x.lines = {{"仓库租金", "income", rent},
                   {"上级转移支付", "income", subsidy},
                   {"道路养护", "expense", roads},
                   {"居家养老服务", "expense", care}};
        x.total_income = rent + subsidy;
        x.total_expense = roads + care;
      } else {
        x.title = fmt::format("枫源村 {} {}公开", p.period, p.kind == "party" ? "党务" : "村务");
        x.body = p.kind == "party" ? "党员发展、党费收缴和使用、党组织活动情况。"
                                   : "低保、医保、危房改造名单和集体资产使用情况。";
      }
      bool overdue = p.kind == "finance" && p.period == overdue_period;
      x.status = overdue ? "draft" : "published";
      if (!overdue) x.published_at = due - kDay;
      JC_TRY(store.Insert(x));
      ++counts.disclosures;
      if (overdue) {
        ++counts.overdue;
        continue;
      }
      if (p.kind == "finance") {
        DisclosureReview r;
        r.disclosure_id = x.id;
        r.verdict = "approve";
        r.reviewer = kSupervisor;
        r.at = due - 2 * kDay;
        JC_TRY(store.InsertReview(r));
      }
    }
    return {};
  }));
  return counts;
}

}  // namespace jiceng::autonomy
