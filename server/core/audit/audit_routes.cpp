// HTTP binding of the audit log: search and verification, both for holders of audit.read.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "core/audit/audit_log.hpp"
#include "core/http/params.hpp"
#include "core/time/civil.hpp"

namespace jiceng::core::audit {

namespace {

using http::Json;

bool ReadInt(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return true;
}

Json SummaryJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? Json(text) : j;
}

Json RecordJson(const AuditRecord& r) {
  const AuditEntry& e = r.entry;
  return {{"seq", r.seq},
          {"at", time::FormatIsoUtc(e.at)},
          {"actor", e.actor},
          {"action", e.action},
          {"target_type", e.target_type},
          {"target_id", e.target_id},
          {"org_code", e.org_code},
          {"summary", SummaryJson(e.summary)},
          {"request_id", e.request_id},
          {"source", e.source},
          {"outcome", e.outcome}};
}

Json ReportJson(const VerifyReport& r) {
  return {{"ok", r.ok},
          {"checked", r.checked},
          {"links", r.links},
          {"unsealed", r.unsealed},
          {"anchors", r.anchors},
          {"first_bad_seq", r.first_bad_seq ? Json(*r.first_bad_seq) : Json(nullptr)},
          {"first_bad_link", r.first_bad_link ? Json(*r.first_bad_link) : Json(nullptr)},
          {"reason", r.reason}};
}

Result<std::optional<std::int64_t>> TimeQuery(const http::Request& req, const char* name) {
  std::string text = req.Query(name);
  if (text.empty()) return std::optional<std::int64_t>();
  auto ms = ParseTimeParam(text);
  if (!ms) return DomainError::Invalid("audit.bad_time", "时间格式无效", name);
  return ms;
}

}  // namespace

std::optional<std::int64_t> ParseTimeParam(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text.find_first_not_of("0123456789") == std::string::npos && text.size() > 10) {
    std::int64_t ms = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc()) return std::nullopt;
    return ms;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!ReadInt(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
      !ReadInt(text, 5, 2, month) || text[7] != '-' || !ReadInt(text, 8, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::int64_t days =
      time::DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (text.size() == 10) return (days * 86400 - 8 * 3600) * 1000;  // midnight Asia/Shanghai
  std::size_t pos = 10;
  if ((text[pos] != 'T' && text[pos] != ' ') || !ReadInt(text, 11, 2, hour) || text.size() < 16 ||
      text[13] != ':' || !ReadInt(text, 14, 2, minute)) {
    return std::nullopt;
  }
  pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!ReadInt(text, 17, 2, second)) return std::nullopt;
    pos = 19;
    if (pos < text.size() && text[pos] == '.') {
      std::size_t end = pos + 1;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      std::string frac = text.substr(pos + 1, end - pos - 1);
      if (frac.empty()) return std::nullopt;
      frac = (frac + "00").substr(0, 3);
      millis = std::stoi(frac);
      pos = end;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::int64_t offset_s = 8 * 3600;  // no zone given: Asia/Shanghai
  if (pos < text.size()) {
    if (text[pos] == 'Z' && pos + 1 == text.size()) {
      offset_s = 0;
    } else if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 &&
               text[pos + 3] == ':') {
      int oh = 0, om = 0;
      if (!ReadInt(text, pos + 1, 2, oh) || !ReadInt(text, pos + 4, 2, om)) return std::nullopt;
      offset_s = (text[pos] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return std::nullopt;
    }
  }
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
  return seconds * 1000 + millis;
}

AuditEntry EntryFor(const http::Request& req, std::string action) {
  AuditEntry e;
  if (req.principal) {
    e.actor_id = req.principal->user_id;
    e.actor = req.principal->username;
  }
  e.action = std::move(action);
  e.request_id = req.request_id;
  e.source = req.remote_address;
  return e;
}

void AuditLog::RegisterRoutes(http::Router& router) {
  router.Get(
      "/api/v1/audit",
      [this](http::Request& req) {
        AuditFilter filter;
        filter.actor = req.Query("actor");
        filter.action_prefix = req.Query("action");
        filter.org_code_prefix = req.Query("org_code");
        filter.text = req.Query("q");
        auto from = TimeQuery(req, "from");
        if (!from.ok()) return http::Response::Problem(from.error(), req);
        auto to = TimeQuery(req, "to");
        if (!to.ok()) return http::Response::Problem(to.error(), req);
        filter.from_ms = from.value();
        filter.to_ms = to.value();
        auto limit = http::LimitParam(req);
        if (!limit.ok()) return http::Response::Problem(limit.error(), req);
        auto page = Search(req.Who().ManagementScope(), filter, *limit, req.Query("cursor"));
        return http::Respond(req, std::move(page), [](const AuditPage& p) {
          Json items = Json::array();
          for (const auto& r : p.items) items.push_back(RecordJson(r));
          return Json{{"items", items},
                      {"next_cursor", p.next_cursor ? Json(*p.next_cursor) : Json(nullptr)}};
        });
      },
      "audit.read", "审计日志查询");

  router.Post(
      "/api/v1/audit/verify",
      [this](http::Request& req) {
        // Seal what is committed so far, so the answer covers every row up to now. A failed
        // seal (e.g. a tampered seal row refusing the next link) still lets Verify say why.
        auto sealed = Seal();
        if (!sealed.ok()) {
          spdlog::warn("audit seal before verify failed: {} {}", sealed.error().code,
                       sealed.error().detail);
        }
        auto report = Verify();
        if (!report.ok()) return http::Response::Problem(report.error(), req);
        // Verifying is itself an audited act of the audit administrator.
        AuditEntry e = EntryFor(req, "audit.verify");
        e.target_type = "audit";
        e.summary = ReportJson(report.value()).dump();
        e.outcome = report->ok ? "success" : "failure";
        auto appended = AppendAlone(std::move(e));
        if (!appended.ok()) return http::Response::Problem(appended.error(), req);
        return http::Response::Ok(ReportJson(report.value()));
      },
      "audit.read", "审计日志完整性校验");
}

}  // namespace jiceng::core::audit
