// The only SQL about community reports (在职党员双报到): registrations, needs and sign-ups.
// Reads take the caller's Scope on the community's org_code, except what a member's own home
// organization reads about that member (ByMember, ServicesOf: the caller checked the member).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/auth/scope.hpp"
#include "core/db/database.hpp"

namespace jiceng::party {

struct CommunityReport {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::string org_code;  // the community
  std::string registered_on;
  std::int64_t created_at = 0;
};

struct Need {
  std::int64_t id = 0;
  std::string org_code;  // the community
  std::string kind;      // small_wish | service_task | activity
  std::string title;
  std::string detail;
  std::optional<std::int64_t> resident_id;
  std::string status = "open";  // open | fulfilled
  std::string fulfilled_on;
  std::int64_t created_by_id = 0;
  std::int64_t created_at = 0;
  std::int64_t signups = 0;  // read only
};

struct Signup {
  std::int64_t id = 0;
  std::int64_t need_id = 0;
  std::int64_t member_id = 0;
  std::string org_code;
  std::optional<double> hours;
  std::int64_t created_at = 0;
};

// A fulfilled need a member served, with the hours recorded.
struct Service {
  std::int64_t need_id = 0;
  std::string org_code;
  std::string kind;
  std::string title;
  std::string fulfilled_on;
  double hours = 0;
};

class CommunityStore {
 public:
  explicit CommunityStore(core::db::Session& session) : s_(session) {}

  // 409 party.report.duplicate when the member already reported to a community.
  core::Result<void> InsertReport(CommunityReport& r);
  core::Result<std::optional<CommunityReport>> ReportOf(std::int64_t member_id);
  core::Result<std::vector<CommunityReport>> Reports(const core::auth::Scope& scope, int limit);

  core::Result<void> InsertNeed(Need& n);
  core::Result<std::optional<Need>> GetNeed(const core::auth::Scope& scope, std::int64_t id);
  core::Result<std::vector<Need>> Needs(const core::auth::Scope& scope, const std::string& status,
                                        int limit);
  core::Result<void> MarkFulfilled(std::int64_t need_id, const std::string& day);

  // 409 party.signup.duplicate when the member already signed up for the need.
  core::Result<void> InsertSignup(Signup& s);
  core::Result<std::vector<Signup>> SignupsOf(std::int64_t need_id);
  core::Result<void> SetHours(std::int64_t signup_id, double hours);
  // The fulfilled needs a member served, oldest first.
  core::Result<std::vector<Service>> ServicesOf(std::int64_t member_id);

 private:
  core::db::Session& s_;
};

}  // namespace jiceng::party
