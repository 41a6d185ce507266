// GET requests.[format], requests/{id}.[format] and tokens/{token}.[format]: the public view of
// cases (read by Open311Store, which selects public columns only). Cases of private categories and
// hotline cases are shown without description and location (see docs/open311.md).
#pragma once
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/db/database.hpp"
#include "core/http/message.hpp"
#include "modules/cases/catalogue/catalogue.hpp"
#include "modules/cases/open311/open311_format.hpp"

namespace jiceng::cases::open311 {

inline constexpr std::int64_t kWindowMs =
    90LL * 24 * 3600 * 1000;               // "may not span more than 90 days"
inline constexpr int kMaxRequests = 1000;  // "or first 1000 requests returned"

struct RequestQuery {
  std::vector<std::int64_t> ids;  // service_request_id: overrides every other filter
  std::vector<std::string> service_codes;
  std::optional<bool> open;  // status: nullopt = both
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;   // inclusive
  std::string jurisdiction;  // an org code: cases located under it ("" = all)
};

// The query of GET requests from its arguments; 400 for a malformed one (a date that is not
// W3C, a window over 90 days or backwards, an unknown status, an id that is not a number).
Outcome<RequestQuery> ParseRequestQuery(const core::http::Request& req, std::int64_t now_ms);

struct PublicRequest {
  std::int64_t id = 0;
  std::string status;  // the case's
  std::string category_code;
  std::string description;
  std::string department_code;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> expected_at;
  std::string address;
  std::string address_id;
  std::optional<double> lat;
  std::optional<double> lng;
  std::string media_url;
  bool withheld = false;  // description and location left out
  std::string channel;
  bool public_description = false;  // resident form: the reporter chose to publish the text
};

// What of a request may be published (docs/open311.md, Privacy), applied to every request the
// store reads: withheld ones lose description, address, media and point; a resident's report
// loses its description and address unless the reporter chose to publish them; every point left
// is rounded to about 100 m (RoundCoordinate).
void Redact(PublicRequest& r);

// A published coordinate: rounded to 3 decimals of a degree, about 111 m of latitude and 96 m of
// longitude at 30° N. Enough to find the problem on a map, not the door of whoever reported it.
double RoundCoordinate(double degrees);

// Whether a case status is open in Open311's sense (unknown statuses count as open).
bool IsOpenStatus(const std::string& status);

// One request element. categories by code (service name and notice); agencies: department
// code → name.
OJson RequestJson(const PublicRequest& r, const std::map<std::string, Category>& categories,
                  const std::map<std::string, std::string>& agencies);

}  // namespace jiceng::cases::open311
