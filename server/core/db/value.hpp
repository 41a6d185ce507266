// Values exchanged with the database: one type for both drivers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jiceng::core::db {

struct Null {
  bool operator==(const Null&) const = default;
};
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
using Value = std::variant<Null, std::int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

// Appends v to params and returns its placeholder ("$n"), for SQL built piece by piece.
std::string Bind(Params& params, Value v);

// Nullable helper: Opt(std::optional<T>) -> Value
template <typename T>
Value Opt(const std::optional<T>& v) {
  if (!v) return Null{};
  return Value(*v);
}

// One result row; accessors are lenient about integer/real/text conversions so that
// both drivers (SQLite typed, PostgreSQL text protocol) read the same way.
class Row {
 public:
  explicit Row(const std::vector<Value>* values) : values_(values) {}
  std::size_t size() const { return values_->size(); }
  bool IsNull(std::size_t i) const { return std::holds_alternative<Null>(values_->at(i)); }
  std::int64_t Int(std::size_t i) const;
  double Real(std::size_t i) const;
  std::string Text(std::size_t i) const;  // NULL -> ""
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  bool Bool(std::size_t i) const { return Int(i) != 0; }
  const Value& At(std::size_t i) const { return values_->at(i); }

 private:
  const std::vector<Value>* values_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> data;
  std::size_t size() const { return data.size(); }
  bool empty() const { return data.empty(); }
  Row operator[](std::size_t i) const { return Row(&data.at(i)); }
  std::int64_t affected = 0;  // rows changed by a DML statement
};

}  // namespace jiceng::core::db
