// The two committees (村"两委"): who sits on the committee of the village's leading party
// organization (read through party's api) and on the villagers' or residents' committee (this
// module's), who sits on both (交叉任职), and whether the party secretary is also the committee's
// director (一肩挑). Per village, and one row per village for a township or county.
#include "modules/autonomy/committees/two_committees_routes.hpp"

#include <map>
#include <set>

#include "core/module_names.hpp"
#include "modules/autonomy/committees/two_committees_store.hpp"
#include "modules/autonomy/permissions.hpp"
#include "modules/party/api.hpp"

namespace jiceng::autonomy {

namespace {

DomainError NotFoundOrg() {
  return DomainError::NotFound("autonomy.org.not_found", "村（社区）不存在或不在您的管辖范围内");
}

// 主任 of the villagers' (residents') committee; 副主任 is not the director.
bool IsDirector(const std::string& post) {
  return post.find("主任") != std::string::npos && post.find("副主任") == std::string::npos;
}

// The two committees of one village, computed from both lists.
struct TwoCommittees {
  std::string org_code;
  std::string name;
  std::optional<party::BranchCommittee> branch;
  std::vector<CommitteeMember> villagers;
  std::set<std::int64_t> cross;  // resident ids on both
  std::optional<party::BranchCommitteeMember> secretary;
  std::optional<CommitteeMember> director;
  bool one_shoulder = false;
  std::size_t people = 0;  // distinct persons on either committee
};

TwoCommittees Compute(std::string code, std::string name,
                      std::optional<party::BranchCommittee> branch,
                      std::vector<CommitteeMember> villagers) {
  TwoCommittees t;
  t.org_code = std::move(code);
  t.name = std::move(name);
  t.branch = std::move(branch);
  t.villagers = std::move(villagers);
  std::set<std::int64_t> on_branch, everyone;
  if (t.branch) {
    for (const auto& m : t.branch->members) {
      on_branch.insert(m.resident_id);
      everyone.insert(m.resident_id);
      if (m.post == "secretary" && !t.secretary) t.secretary = m;
    }
  }
  for (const auto& m : t.villagers) {
    everyone.insert(m.resident_id);
    if (on_branch.count(m.resident_id)) t.cross.insert(m.resident_id);
    if (IsDirector(m.post) && !t.director) t.director = m;
  }
  t.people = everyone.size();
  t.one_shoulder = t.secretary && t.director && t.secretary->resident_id == t.director->resident_id;
  return t;
}

Json PersonJson(std::int64_t resident_id, const std::string& name) {
  return {{"resident_id", resident_id}, {"name", name}};
}

Json CountsJson(const TwoCommittees& t) {
  return {{"branch_committee", t.branch ? t.branch->members.size() : std::size_t{0}},
          {"villagers_committee", t.villagers.size()},
          {"cross", t.cross.size()},
          {"people", t.people}};
}

Json DetailJson(const TwoCommittees& t) {
  Json branch = Json::array(), villagers = Json::array(), cross = Json::array();
  std::map<std::int64_t, std::string> branch_posts;
  if (t.branch) {
    for (const auto& m : t.branch->members) {
      branch_posts.emplace(m.resident_id, m.post_name);
      branch.push_back({{"resident_id", m.resident_id},
                        {"name", m.name},
                        {"post", m.post},
                        {"post_name", m.post_name},
                        {"cross", t.cross.count(m.resident_id) > 0}});
    }
  }
  for (const auto& m : t.villagers) {
    bool both = t.cross.count(m.resident_id) > 0;
    villagers.push_back({{"resident_id", m.resident_id},
                         {"name", m.name},
                         {"post", m.post},
                         {"started_on", m.started_on},
                         {"cross", both}});
    if (both)
      cross.push_back({{"resident_id", m.resident_id},
                       {"name", m.name},
                       {"branch_post_name", branch_posts[m.resident_id]},
                       {"villagers_post", m.post}});
  }
  Json party_org = nullptr;
  if (t.branch)
    party_org = {{"id", t.branch->party_org_id},
                 {"name", t.branch->party_org_name},
                 {"kind_name", t.branch->kind_name}};
  return {{"org_code", t.org_code},
          {"name", t.name},
          {"party_org", party_org},
          {"branch_committee", branch},
          {"villagers_committee", villagers},
          {"cross_members", cross},
          {"secretary",
           t.secretary ? PersonJson(t.secretary->resident_id, t.secretary->name) : Json(nullptr)},
          {"director",
           t.director ? PersonJson(t.director->resident_id, t.director->name) : Json(nullptr)},
          {"one_shoulder", t.one_shoulder},
          {"counts", CountsJson(t)}};
}

Result<Json> Village(AutonomyContext& ctx, Request& req) {
  const auto& who = req.Who();
  std::string code = req.Param("code");
  if (code.size() != 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return NotFoundOrg();
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(who.scope, code));
  if (!node || node->level != org::OrgLevel::kVillage) return NotFoundOrg();
  std::optional<party::BranchCommittee> branch;
  std::vector<CommitteeMember> villagers;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    JC_ASSIGN_OR_RETURN(branch, party::BranchCommitteeOf(s, who.scope, code));
    JC_ASSIGN_OR_RETURN(villagers, TwoCommitteesStore(s).VillagersUnder(who.scope, code));
    return {};
  }));
  return DetailJson(Compute(node->code, node->name, std::move(branch), std::move(villagers)));
}

// The villages and communities under a county or township (or the village itself) in scope.
Result<std::vector<org::OrgNode>> VillagesUnder(AutonomyContext& ctx,
                                                const core::auth::Scope& scope,
                                                const org::OrgNode& node) {
  if (node.level == org::OrgLevel::kVillage) return std::vector<org::OrgNode>{node};
  std::vector<org::OrgNode> out;
  JC_ASSIGN_OR_RETURN(auto children, ctx.org.Children(scope, node.code));
  for (auto& c : children) {
    if (c.level == org::OrgLevel::kVillage) {
      out.push_back(std::move(c));
    } else if (c.level == org::OrgLevel::kTownship) {
      JC_ASSIGN_OR_RETURN(auto villages, ctx.org.Children(scope, c.code));
      for (auto& v : villages)
        if (v.level == org::OrgLevel::kVillage) out.push_back(std::move(v));
    }
  }
  return out;
}

Result<Json> Overview(AutonomyContext& ctx, Request& req) {
  const auto& who = req.Who();
  std::string code = req.Query("org_code", who.org_code);
  if (code.empty() || code.size() > 12 || code.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::Invalid("autonomy.two_committees.org_code", "org_code 应为数字编码",
                                "org_code");
  JC_ASSIGN_OR_RETURN(auto node, ctx.org.GetNode(who.scope, code));
  if (!node) return NotFoundOrg();
  if (node->level != org::OrgLevel::kCounty && node->level != org::OrgLevel::kTownship &&
      node->level != org::OrgLevel::kVillage)
    return DomainError::Invalid("autonomy.two_committees.level",
                                "请选择县（市、区）、乡镇（街道）或村（社区）", "org_code");
  JC_ASSIGN_OR_RETURN(auto villages, VillagesUnder(ctx, who.scope, *node));
  // One read of each township's party committees (a county has a few dozen townships).
  std::set<std::string> townships;
  for (const auto& v : villages) townships.insert(v.code.substr(0, 9));
  std::map<std::string, party::BranchCommittee> branches;
  std::map<std::string, std::vector<CommitteeMember>> villagers;
  JC_TRY(ctx.db.Read([&](core::db::Session& s) -> Result<void> {
    for (const auto& t : townships) {
      std::string prefix = node->code.size() > t.size() ? node->code : t;
      JC_ASSIGN_OR_RETURN(auto found, party::BranchCommitteesUnder(s, who.scope, prefix));
      for (auto& [k, b] : found) branches.emplace(k, std::move(b));
    }
    JC_ASSIGN_OR_RETURN(auto members, TwoCommitteesStore(s).VillagersUnder(who.scope, node->code));
    for (auto& m : members) villagers[m.org_code].push_back(std::move(m));
    return {};
  }));
  Json rows = Json::array();
  std::int64_t one_shoulder = 0, cross = 0, no_secretary = 0, no_director = 0;
  for (const auto& v : villages) {
    std::optional<party::BranchCommittee> branch;
    if (auto it = branches.find(v.code); it != branches.end()) branch = std::move(it->second);
    bool has_party_org = branch.has_value();
    TwoCommittees t = Compute(v.code, v.name, std::move(branch), std::move(villagers[v.code]));
    one_shoulder += t.one_shoulder;
    cross += static_cast<std::int64_t>(t.cross.size());
    no_secretary += !t.secretary;
    no_director += !t.director;
    Json row = CountsJson(t);
    row["org_code"] = t.org_code;
    row["name"] = t.name;
    row["has_party_org"] = has_party_org;
    row["secretary"] =
        t.secretary ? PersonJson(t.secretary->resident_id, t.secretary->name) : Json(nullptr);
    row["director"] =
        t.director ? PersonJson(t.director->resident_id, t.director->name) : Json(nullptr);
    row["one_shoulder"] = t.one_shoulder;
    row["missing_secretary"] = !t.secretary;
    row["missing_director"] = !t.director;
    rows.push_back(std::move(row));
  }
  return Json{{"org_code", node->code},
              {"name", node->name},
              {"villages", rows},
              {"totals",
               {{"villages", villages.size()},
                {"one_shoulder", one_shoulder},
                {"cross", cross},
                {"missing_secretary", no_secretary},
                {"missing_director", no_director}}}};
}

}  // namespace

void RegisterTwoCommitteesRoutes(core::http::Router& router, AutonomyContext& ctx) {
  using core::http::Answering;
  router.Get("/api/v1/villages/{code}/two-committees",
             Answering([&ctx](Request& req) { return Village(ctx, req); }), kTwoCommitteesRead,
             "A village's two committees (村\"两委\"): the leading party organization's committee, "
             "the villagers' (residents') committee, cross-membership (交叉任职) and whether the "
             "secretary is also the director (一肩挑)");
  router.Get("/api/v1/two-committees",
             Answering([&ctx](Request& req) { return Overview(ctx, req); }), kTwoCommitteesRead,
             "One row per village in scope under a county or township (?org_code=, default the "
             "caller's node): committee sizes, cross-membership, 一肩挑, missing secretary or "
             "director");
}

}  // namespace jiceng::autonomy
