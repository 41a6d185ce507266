// A use case's caller: who, and the request it came with (for the audit trail).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/audit/audit_log.hpp"
#include "core/auth/principal.hpp"
#include "core/http/message.hpp"

namespace jiceng::core::app {

struct Call {
  const auth::Principal& who;
  std::string request_id;
  std::string source;  // client address

  static Call Of(const http::Request& req) {
    return Call{req.Who(), req.request_id, req.remote_address};
  }

  // An audit entry for a change made by this caller.
  audit::AuditEntry Audit(std::string action, std::string target_type, std::string target_id,
                          std::string org_code, const nlohmann::json& summary) const {
    audit::AuditEntry e;
    e.actor_id = who.user_id;
    e.actor = who.username;
    e.action = std::move(action);
    e.target_type = std::move(target_type);
    e.target_id = std::move(target_id);
    e.org_code = std::move(org_code);
    e.summary = summary.dump();
    e.request_id = request_id;
    e.source = source;
    return e;
  }
};

}  // namespace jiceng::core::app
