#include "modules/cases/open311/open311_requests.hpp"

#include "core/module_names.hpp"
#include "core/text/number.hpp"
#include "modules/cases/open311/open311_intake.hpp"
#include "modules/cases/workflow.hpp"

namespace jiceng::cases::open311 {

namespace {

// "a,b,,c" → {a, b, c}
std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(std::move(item));
    pos = comma + 1;
  }
  return out;
}

OJson OrNull(const std::string& s) { return s.empty() ? OJson(nullptr) : OJson(s); }

}  // namespace

double RoundCoordinate(double degrees) { return std::round(degrees * 1000.0) / 1000.0; }

void Redact(PublicRequest& r) {
  if (r.withheld) {
    r.description.clear(), r.address.clear(), r.address_id.clear(), r.media_url.clear();
    r.lat.reset(), r.lng.reset();
  }
  // A resident's own words (and the address they typed) are theirs to publish: the resident form
  // asks (public_description, default no).
  if (r.channel == "resident" && !r.public_description) r.description.clear(), r.address.clear();
  // Residents' and grid workers' points, and every other channel's alike: a point is published to
  // about 100 m (3 decimals of a degree), never as reported.
  if (r.lat) r.lat = RoundCoordinate(*r.lat);
  if (r.lng) r.lng = RoundCoordinate(*r.lng);
}

bool IsOpenStatus(const std::string& status) {
  auto s = ParseStatus(status);
  return !s || IsOpen(*s);
}

Outcome<RequestQuery> ParseRequestQuery(const core::http::Request& req, std::int64_t now_ms) {
  RequestQuery q;
  std::vector<Error> errors;
  q.jurisdiction = req.Query("jurisdiction_id");
  for (const auto& id : CommaList(req.Query("service_request_id"))) {
    auto v = core::text::ParseInt(id);
    if (!v || *v <= 0) {
      errors.push_back(
          {400,
           "service_request_id 应为以逗号分隔的编号 (service_request_id must be a comma separated "
           "list of ids): " +
               id});
      break;
    }
    q.ids.push_back(*v);
  }
  if (q.ids.size() > static_cast<std::size_t>(kMaxRequests)) {
    errors.push_back({400, "service_request_id 最多 1000 个 (at most 1000 service_request_id)"});
  }
  q.service_codes = CommaList(req.Query("service_code"));
  if (q.service_codes.size() > 200)
    errors.push_back({400, "service_code 最多 200 个 (at most 200 service_code)"});
  bool want_open = false, want_closed = false;
  for (const auto& s : CommaList(req.Query("status"))) {
    if (s == "open") {
      want_open = true;
    } else if (s == "closed") {
      want_closed = true;
    } else {
      errors.push_back(
          {400, "status 应为 open 或 closed (status must be open, closed or both): " + s});
    }
  }
  if (want_open != want_closed) q.open = want_open;
  std::string start_text = req.Query("start_date"), end_text = req.Query("end_date");
  std::optional<std::int64_t> start, end;
  if (!start_text.empty() && !(start = ParseW3cDatetime(start_text))) {
    errors.push_back(
        {400,
         "start_date 应为 W3C 时间，如 2026-01-01T00:00:00+08:00 (start_date must be a W3C "
         "datetime, eg 2010-01-01T00:00:00Z)"});
  }
  if (!end_text.empty() && !(end = ParseW3cDatetime(end_text))) {
    errors.push_back(
        {400,
         "end_date 应为 W3C 时间，如 2026-03-31T23:59:59+08:00 (end_date must be a W3C datetime, "
         "eg 2010-01-01T00:00:00Z)"});
  }
  if (!errors.empty()) return Failure{400, std::move(errors)};
  // "When not specified, the range defaults to most recent 90 days"; one end given: 90 days
  // from (or to) it.
  if (start && end) {
    if (*end < *start)
      return Failure::Of(400, "end_date 早于 start_date (end_date is before start_date)");
    if (*end - *start > kWindowMs) {
      return Failure::Of(
          400,
          "start_date 与 end_date 相距不能超过 90 天 (the range may not span more than 90 days)");
    }
    q.start_ms = *start, q.end_ms = *end;
  } else if (start) {
    q.start_ms = *start, q.end_ms = *start + kWindowMs;
  } else if (end) {
    q.start_ms = *end - kWindowMs, q.end_ms = *end;
  } else {
    q.start_ms = now_ms - kWindowMs, q.end_ms = now_ms;
  }
  return q;
}

OJson RequestJson(const PublicRequest& r, const std::map<std::string, Category>& categories,
                  const std::map<std::string, std::string>& agencies) {
  auto category = categories.find(r.category_code);
  auto agency = agencies.find(r.department_code);
  auto status = ParseStatus(r.status);
  OJson j;
  j["service_request_id"] = std::to_string(r.id);
  j["status"] = IsOpenStatus(r.status) ? "open" : "closed";
  // The stage in words (待立案, 处置中, 已结案 ...): staff notes stay internal.
  j["status_notes"] = status ? OJson(StatusLabel(*status)) : OJson(nullptr);
  j["service_name"] = category != categories.end() ? OJson(category->second.name) : OJson(nullptr);
  j["service_code"] = r.category_code;
  j["description"] = OrNull(r.description);
  j["agency_responsible"] = agency != agencies.end() ? OrNull(agency->second) : OJson(nullptr);
  j["service_notice"] =
      category != categories.end() ? OrNull(HandlingNotice(category->second)) : OJson(nullptr);
  j["requested_datetime"] = W3cDatetime(r.created_at);
  j["updated_datetime"] = W3cDatetime(r.updated_at);
  j["expected_datetime"] = W3cDatetime(r.expected_at);
  j["address"] = OrNull(r.address);
  j["address_id"] = OrNull(r.address_id);
  j["zipcode"] = nullptr;
  j["lat"] = r.lat ? OJson(*r.lat) : OJson(nullptr);
  j["long"] = r.lng ? OJson(*r.lng) : OJson(nullptr);
  j["media_url"] = OrNull(r.media_url);
  return j;
}

}  // namespace jiceng::cases::open311
