// CaseStore::List reads a page either by area (the scope's org and department ranges, sorted) or
// by id (newest first, the area checked on each entry), depending on how many cases the area
// holds (case_store.cpp, ListById). Whatever the plan, a list must be exactly the cases of the
// scope and the filters, newest first, page after page: every page here is compared with the
// answer computed from the inserted cases, for scopes small enough for the first plan (a grid, a
// village) and large enough for the second (a township, the county, a department, everything).
#include <gtest/gtest.h>

#include <random>

#include "core/crypto/field_cipher.hpp"
#include "modules/cases/case_store.hpp"
#include "tests/test_support.hpp"

namespace jiceng::testing {
namespace {

using cases::Case;
using cases::CaseFilter;
using cases::CaseStore;
using core::auth::Scope;

constexpr std::int64_t kNow = 1795000000000;

class CaseListPlans : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenTestDatabase();
    cipher_ = core::crypto::FieldCipher::FromKey(std::string(32, 'k'),
                                                 core::crypto::FieldSuite::kSm4CtrHmacSm3);
    // 600 cases: two townships (about 500 and 70 cases), villages of about 20 to 330 and grids
    // of 10 to 310; some dispatched to a county or a township department; every status. With
    // pages of 7 the plans meet at ~70 cases (sqrt(8 x 600)), with pages of 50 at ~175: most
    // scopes below are read by area at one page size and by id at the other.
    const char* grids[] = {"330681109290001", "330681109290002", "330681109291001",
                           "330681109292001", "330681109292002", "330681109292003",
                           "330681001001001", "330681001002001"};
    const int weights[] = {30, 2, 10, 3, 3, 3, 6, 1};
    const char* statuses[] = {"reported", "filed",  "dispatched", "handling", "resolved", "closed",
                              "closed",   "closed", "closed",     "rejected", "suspended"};
    const char* departments[] = {"", "", "", "", "330681901", "330681902", "330681109901"};
    const char* categories[] = {"E0102", "E0102", "E0502", "C0101"};
    std::mt19937 rng(7);
    std::discrete_distribution<int> grid(std::begin(weights), std::end(weights));
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    ASSERT_TRUE(db_->Write([&](core::db::Session& s) -> core::Result<void> {
                     CaseStore store(s, *cipher_);
                     for (int i = 0; i < 600; ++i) {
                       Case c;
                       c.tracking_code = "PLAN" + std::to_string(i);
                       c.channel = "grid_worker";
                       c.category_code = categories[pick(4)];
                       c.status = statuses[pick(11)];
                       c.description = "列表测试";
                       c.org_code = grids[grid(rng)];
                       c.department_code = departments[pick(7)];
                       if (c.status != "closed" && c.status != "rejected") {
                         c.stage_due_at = kNow + (pick(2) ? -1 : 1) * (1 + pick(100)) * 3600000LL;
                       }
                       c.created_at = kNow - (600 - i) * 60000LL;
                       JC_TRY(store.Insert(c));
                       all_.push_back(c);
                     }
                     return {};
                   })
                    .ok());
  }

  // What the list must answer: the matching cases, newest first.
  std::vector<std::int64_t> Expected(const Scope& scope, const CaseFilter& f) const {
    std::vector<std::int64_t> ids;
    for (auto it = all_.rbegin(); it != all_.rend(); ++it) {
      const Case& c = *it;
      bool open = c.status != "closed" && c.status != "rejected";
      if (!scope.Covers(c.org_code) &&
          !(!c.department_code.empty() && scope.Covers(c.department_code)))
        continue;
      if (!f.org.empty() && c.org_code.rfind(f.org, 0) != 0) continue;
      if (f.status == "open" ? !open : (!f.status.empty() && c.status != f.status)) continue;
      if (!f.category.empty() && c.category_code != f.category) continue;
      if (!f.department.empty() && c.department_code != f.department) continue;
      if (f.overdue_only &&
          !(open && c.status != "suspended" && c.stage_due_at && *c.stage_due_at < kNow))
        continue;
      ids.push_back(c.id);
    }
    return ids;
  }

  // Every page of the list, following next_cursor.
  std::vector<std::int64_t> Listed(const Scope& scope, const CaseFilter& f) const {
    std::vector<std::int64_t> ids;
    std::string cursor;
    for (int pages = 0; pages < 1000; ++pages) {
      cases::CasePage page;
      auto r = db_->Read([&](core::db::Session& s) -> core::Result<void> {
        JC_ASSIGN_OR_RETURN(page, CaseStore(s, *cipher_).List(scope, f, cursor, kNow));
        return {};
      });
      EXPECT_TRUE(r.ok()) << r.error().message << " " << r.error().detail;
      if (!r.ok()) break;
      EXPECT_LE(static_cast<int>(page.items.size()), f.limit);
      for (const auto& c : page.items) ids.push_back(c.id);
      if (!page.next_cursor) break;
      EXPECT_EQ(static_cast<int>(page.items.size()), f.limit)
          << "a page before the last one is full";
      cursor = *page.next_cursor;
    }
    return ids;
  }

  std::unique_ptr<core::db::Database> db_;
  std::shared_ptr<core::crypto::FieldCipher> cipher_;
  std::vector<Case> all_;
};

TEST_F(CaseListPlans, EveryScopeAndFilterListsExactlyItsCasesNewestFirst) {
  const std::vector<Scope> scopes = {
      Scope::All(),
      Scope::Of({"330681"}),           // the county
      Scope::Of({"330681109"}),        // the larger township (and its department)
      Scope::Of({"330681001"}),        // the smaller township
      Scope::Of({"330681109292"}),     // a village
      Scope::Of({"330681109290001"}),  // a large grid
      Scope::Of({"330681109292001"}),  // a small grid
      Scope::Of({"330681109292001", "330681001002001"}),  // a grid worker with two grids
      Scope::Of({"330681901"}),                           // a county department
      Scope::Of({"330681109901"}),                        // a township department
  };
  std::vector<CaseFilter> filters(11);
  filters[1].status = "open";
  filters[2].status = "closed";
  filters[3].status = "handling";
  filters[4].category = "E0102";
  filters[5].category = "C0101";
  filters[6].overdue_only = true;
  filters[7].department = "330681901";
  filters[8].status = "closed", filters[8].category = "E0502";
  filters[9].org = "330681109292";  // a village within the scope
  filters[10].org = "330681109", filters[10].overdue_only = true;
  int non_empty = 0;
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    for (std::size_t f = 0; f < filters.size(); ++f) {
      for (int limit : {7, 50}) {
        CaseFilter filter = filters[f];
        filter.limit = limit;
        auto expected = Expected(scopes[s], filter);
        non_empty += !expected.empty();
        EXPECT_EQ(Listed(scopes[s], filter), expected)
            << "scope #" << s << ", filter #" << f << ", limit " << limit;
      }
    }
  }
  EXPECT_GT(non_empty, 150);  // the data reach nearly every combination
}

TEST_F(CaseListPlans, NothingOutsideTheScope) {
  CaseFilter filter;
  filter.limit = 200;
  EXPECT_TRUE(Listed(Scope(), filter).empty());
  EXPECT_TRUE(Listed(Scope::Of({"330682"}), filter).empty());
}

}  // namespace
}  // namespace jiceng::testing
