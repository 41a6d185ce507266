#include "modules/cases/open311/open311_form.hpp"

#include "core/http/message.hpp"

namespace jiceng::cases::open311 {

Form Form::Parse(std::string_view body) {
  Form f;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t amp = body.find('&', pos);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(pos, amp - pos);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string name = core::http::UrlDecode(pair.substr(0, eq));
      std::string value =
          eq == std::string_view::npos ? "" : core::http::UrlDecode(pair.substr(eq + 1));
      f.pairs_.emplace_back(std::move(name), std::move(value));
    }
    pos = amp + 1;
  }
  return f;
}

std::string Form::Get(std::string_view name) const {
  for (const auto& [k, v] : pairs_) {
    if (k == name) return v;
  }
  return {};
}

std::optional<AttributeName> ParseAttributeName(std::string_view name) {
  constexpr std::string_view kPrefix = "attribute[";
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::size_t close = name.find(']', kPrefix.size());
  if (close == std::string_view::npos || close == kPrefix.size()) return std::nullopt;
  AttributeName out;
  out.code = std::string(name.substr(kPrefix.size(), close - kPrefix.size()));
  std::string_view rest = name.substr(close + 1);
  if (rest == "[]") {
    out.list_item = true;
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace jiceng::cases::open311
