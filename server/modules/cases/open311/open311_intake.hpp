// POST requests.[format]: a service request from an Open311 client becomes a case, as staff
// intake does it (located to its grid, first deadline, timeline, audit, all in one write
// transaction), with channel "open311", the key's name as the actor and the service's
// attribute answers stored with it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "modules/cases/case.hpp"
#include "modules/cases/cases_context.hpp"
#include "modules/cases/catalogue/catalogue.hpp"
#include "modules/cases/open311/open311_attributes.hpp"
#include "modules/cases/open311/open311_form.hpp"
#include "modules/cases/open311/open311_format.hpp"

namespace jiceng::cases::open311 {

// The arguments of a POST, as the spec names them.
struct Submission {
  std::string api_key;
  std::string jurisdiction_id;
  std::string service_code;
  std::string lat;  // as sent; parsed by the intake
  std::string lng;  // "long"
  std::string address_string;
  std::string address_id;
  std::vector<AttributeAnswer> attributes;
  std::string email;
  std::string device_id;
  std::string account_id;
  std::string first_name;
  std::string last_name;
  std::string phone;
  std::string description;
  std::string media_url;
};

// The submission of a form body; 400 for text that is not UTF-8 or a malformed attribute name.
Outcome<Submission> SubmissionFromForm(const Form& form);

struct Submitted {
  Case c;
  std::string service_notice;  // for the submitter: the tracking code and the handling time
};

// Request id and client address go to the audit row.
Outcome<Submitted> SubmitRequest(CasesContext& ctx, const Submission& s,
                                 const std::string& request_id, const std::string& source);

// What the category's handling deadline promises, e.g. "派遣后 1 个工作日内处置". "" without one.
std::string HandlingNotice(const Category& category);

}  // namespace jiceng::cases::open311
