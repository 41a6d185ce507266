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
// Appends each value and returns the list of their placeholders, "($1, $2, $3)", for an IN.
template <typename T>
std::string BindList(Params& params, const std::vector<T>& values) {
  std::string sql = "(";
  for (std::size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + Bind(params, values[i]);
  return sql + ")";
}

// NULL for an empty text, else the text: a unique column where "none" must not collide.
Value TextOrNull(const std::string& text);
// NULL for no bytes, else a BLOB: an encrypted column.
Value BlobOrNull(const std::string& bytes);

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

  // Reads the columns, in the order of the SELECT, into fields: a row mapper names each field
  // once instead of a numbered accessor per field. The field's type says how a column is read:
  // std::int64_t, int, double, bool and std::string (NULL -> ""), std::optional of std::int64_t,
  // double or std::string for a nullable column.
  template <typename... Fields>
  void Into(Fields&... fields) const {
    std::size_t i = 0;
    (ReadInto(i++, fields), ...);
  }

 private:
  void ReadInto(std::size_t i, std::int64_t& out) const { out = Int(i); }
  void ReadInto(std::size_t i, int& out) const { out = static_cast<int>(Int(i)); }
  void ReadInto(std::size_t i, double& out) const { out = Real(i); }
  void ReadInto(std::size_t i, bool& out) const { out = Bool(i); }
  void ReadInto(std::size_t i, std::string& out) const { out = Text(i); }
  void ReadInto(std::size_t i, std::optional<std::int64_t>& out) const { out = OptInt(i); }
  void ReadInto(std::size_t i, std::optional<double>& out) const {
    out = IsNull(i) ? std::nullopt : std::optional<double>(Real(i));
  }
  void ReadInto(std::size_t i, std::optional<std::string>& out) const { out = OptText(i); }

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
