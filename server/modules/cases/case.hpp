// A case and its timeline entries as the use cases see them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace jiceng::cases {

struct Case {
  std::int64_t id = 0;
  std::string tracking_code;
  std::string channel;       // grid_worker | resident | hotline | api | open311
  std::string request_type;  // hotline: consult | help | complaint | report | suggestion
  std::string category_code;
  std::string urgency = "normal";
  std::string status = "reported";
  std::string description;
  std::string address;
  std::optional<double> lng;
  std::optional<double> lat;
  std::string org_code;         // the grid
  std::string department_code;  // handling department once dispatched
  std::optional<std::int64_t> reporter_user_id;
  std::string reporter_name;
  std::string reporter_phone;  // clear in memory, encrypted at rest
  std::optional<std::int64_t> first_receiver_id;
  std::optional<std::int64_t> stage_due_at;
  std::optional<std::int64_t> handling_due_at;
  bool overdue = false;  // the timer found the current stage past due
  bool warned = false;   // the timer warned that the current stage is nearly due
  bool supervised = false;
  std::optional<std::int64_t> duplicate_of;
  // An open case of the same category near in place and time, found at intake (a suggestion).
  std::optional<std::int64_t> likely_duplicate_of;
  std::string hotline_class;                    // hotline: emergency | utility | general | complex
  std::optional<std::int64_t> feedback_due_at;  // hotline: when the caller must hear back
  std::optional<std::int64_t> followed_up_at;   // when the follow-up (回访) was recorded
  bool escalated = false;                       // summoned a department above the township
  // Resident form: the reporter chose to publish the description and address on the public
  // Open311 list (default: withheld).
  bool public_description = false;
  int version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> closed_at;
};

struct CaseEvent {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string action;
  std::string from_status;
  std::string to_status;
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::string note;
  std::string data = "{}";  // JSON: department, extension days, follow-up answers ...
  std::int64_t at = 0;
};

struct CaseFilter {
  std::string org;       // narrows the scope to a subtree
  std::string status;    // one status, or "open"
  std::string category;  // a category code
  std::string department;
  std::string channel;  // grid_worker | resident | hotline | api | open311
  // Hotline desk: "pending" = handled tickets whose caller has not been called back yet.
  std::string feedback;
  std::optional<std::int64_t> reporter_user_id;  // "reporter=me": the caller's own reports
  bool overdue_only = false;
  bool supervised_only = false;  // 督办 cases still open
  int limit = 50;
};

}  // namespace jiceng::cases
