// Use cases on residents: register, edit, read with a purpose, tag. Each runs in one transaction
// and ends with its audit record.
#pragma once
#include <string>

#include "core/app/call.hpp"
#include "core/http/message.hpp"
#include "modules/people/people_context.hpp"

namespace jiceng::people {

// The first validation error, with every error listed in detail (one per line).
core::DomainError FirstOf(const std::vector<core::DomainError>& errors);

core::Result<Resident> RegisterResident(PeopleContext& ctx, const core::app::Call& call,
                                        const core::http::Json& body);
// body carries `version`; a stale version is 409 people.version_conflict (the caller shows
// `current`).
core::Result<Resident> UpdateResident(PeopleContext& ctx, const core::app::Call& call,
                                      std::int64_t id, const core::http::Json& body);
// A resident in scope, 404 otherwise. With a purpose (needs people.sensitive.read) the read is
// audited as people.resident.reveal.
core::Result<Resident> ReadResident(PeopleContext& ctx, const core::app::Call& call,
                                    std::int64_t id, const std::string& purpose);
core::Result<ResidentTag> TagResident(PeopleContext& ctx, const core::app::Call& call,
                                      std::int64_t resident_id, const core::http::Json& body);
// The resident list's query (?q=&org=&tag=&residency_kind=&status=) as a filter for today: the
// list and the xlsx export read it alike. Checks nothing (each caller checks what it must).
ResidentFilter ResidentQuery(const core::http::Request& req, const std::string& today);

core::Result<ResidentTag> UpdateTag(PeopleContext& ctx, const core::app::Call& call,
                                    std::int64_t tag_id, const core::http::Json& body);

}  // namespace jiceng::people
