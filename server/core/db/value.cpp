#include "core/db/value.hpp"

#include <charconv>
#include <stdexcept>

namespace jiceng::core::db {

std::string Bind(Params& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

Value TextOrNull(const std::string& text) {
  if (text.empty()) return Null{};
  return text;
}

Value BlobOrNull(const std::string& bytes) {
  if (bytes.empty()) return Null{};
  return Blob{bytes};
}

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    if (*p == "t") return 1;  // PostgreSQL boolean text
    if (*p == "f") return 0;
    std::int64_t out = 0;
    auto [ptr, ec] = std::from_chars(p->data(), p->data() + p->size(), out);
    if (ec != std::errc())
      throw std::runtime_error("column " + std::to_string(i) + " is not an integer");
    return out;
  }
  if (std::holds_alternative<Null>(v)) return 0;
  throw std::runtime_error("column " + std::to_string(i) + " is not an integer");
}

double Row::Real(std::size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
  return 0.0;
}

std::string Row::Text(std::size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  return {};
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

}  // namespace jiceng::core::db
