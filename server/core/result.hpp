// Expected outcomes as values: every use case returns Result<T>; exceptions are for the unexpected.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace jiceng::core {

enum class ErrorKind {
  kInvalid,
  kUnauthenticated,
  kForbidden,
  kNotFound,
  kConflict,
  kRateLimited,
  kUnavailable,
  kInternal
};

// A domain error carries a stable dotted code (e.g. "org.grid.overlap"), the field it concerns,
// and a human message in Chinese. The HTTP layer maps kind -> status.
struct DomainError {
  ErrorKind kind = ErrorKind::kInvalid;
  std::string code;
  std::string message;  // zh-CN
  std::string field;
  std::string detail;  // optional extra text (never internals)

  static DomainError Invalid(std::string code, std::string message, std::string field = {}) {
    return {ErrorKind::kInvalid, std::move(code), std::move(message), std::move(field), {}};
  }
  static DomainError NotFound(std::string code, std::string message) {
    return {ErrorKind::kNotFound, std::move(code), std::move(message), {}, {}};
  }
  static DomainError Conflict(std::string code, std::string message, std::string field = {}) {
    return {ErrorKind::kConflict, std::move(code), std::move(message), std::move(field), {}};
  }
  static DomainError Forbidden(std::string code, std::string message) {
    return {ErrorKind::kForbidden, std::move(code), std::move(message), {}, {}};
  }
  static DomainError Unauthenticated(std::string code, std::string message) {
    return {ErrorKind::kUnauthenticated, std::move(code), std::move(message), {}, {}};
  }
  static DomainError Internal(std::string code, std::string message) {
    return {ErrorKind::kInternal, std::move(code), std::move(message), {}, {}};
  }
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(DomainError error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const DomainError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, DomainError> v_;
};

struct Unit {};
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(DomainError error) : error_(std::move(error)), ok_(false) {}
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const DomainError& error() const { return error_; }

 private:
  DomainError error_;
  bool ok_ = true;
};

}  // namespace jiceng::core

// Propagate an error from an expression returning Result<...>.
#define JC_TRY(expr)                               \
  do {                                             \
    auto jc_try_r_ = (expr);                       \
    if (!jc_try_r_.ok()) return jc_try_r_.error(); \
  } while (0)

#define JC_CONCAT_INNER(a, b) a##b
#define JC_CONCAT(a, b) JC_CONCAT_INNER(a, b)
#define JC_ASSIGN_OR_RETURN(lhs, expr) JC_ASSIGN_OR_RETURN_I(JC_CONCAT(jc_r_, __LINE__), lhs, expr)
#define JC_ASSIGN_OR_RETURN_I(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.error();          \
  lhs = std::move(tmp).value()
