// The core names that module code uses unqualified, declared once in namespace jiceng so that
// every module (jiceng::<module>) finds them: results and errors, SQL values, a route's request,
// answer and JSON, and the caller of a use case. A module file includes this header instead of
// opening with its own block of using-declarations; names a file alone needs it declares itself.
#pragma once
#include "core/app/call.hpp"
#include "core/db/value.hpp"
#include "core/http/message.hpp"
#include "core/result.hpp"

namespace jiceng {

using core::DomainError, core::Result;
using core::app::Call;
using core::db::Bind, core::db::BindList, core::db::BlobOrNull, core::db::Null, core::db::Opt,
    core::db::Params, core::db::TextOrNull, core::db::Value;
using core::http::Json, core::http::Request, core::http::Response;

}  // namespace jiceng
