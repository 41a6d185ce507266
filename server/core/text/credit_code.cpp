#include "core/text/credit_code.hpp"

#include <array>

namespace jiceng::core::text {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int ValueOf(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

DomainError CreditCodeError(std::string code, std::string message) {
  return DomainError::Invalid(std::move(code), std::move(message), "credit_code");
}

}  // namespace

Result<std::string> ParseCreditCode(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string code(text);
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const auto format_error = [] {
    return CreditCodeError("people.credit_code.format",
                           "统一社会信用代码应为18位数字或大写字母（不含I、O、S、V、Z）");
  };
  if (code.size() != 18) return format_error();
  int sum = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    int v = ValueOf(code[i]);
    if (v < 0) return format_error();
    // Characters 3–8 carry the GB/T 2260 division code, which is all digits.
    if (i >= 2 && i < 8 && v > 9) return format_error();
    if (i < 17) sum += v * kWeights[i];
  }
  if (kAlphabet[(31 - sum % 31) % 31] != code[17]) {
    return CreditCodeError("people.credit_code.check_digit",
                           "统一社会信用代码校验位不正确，请核对代码");
  }
  return code;
}

}  // namespace jiceng::core::text
