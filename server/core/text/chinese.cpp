#include "core/text/chinese.hpp"

#include <opencc/opencc.h>

#include <memory>
#include <mutex>

namespace jiceng::core::text {

std::string ToTraditional(std::string_view simplified) {
  // SimpleConverter loads its dictionaries once (tens of ms); conversion itself is a few µs.
  static std::once_flag once;
  static std::unique_ptr<opencc::SimpleConverter> converter;
  std::call_once(once, [] {
    try {
      converter = std::make_unique<opencc::SimpleConverter>("s2twp.json");
    } catch (...) {
      converter.reset();
    }
  });
  if (!converter) return std::string(simplified);
  return converter->Convert(simplified.data(), simplified.size());
}

}  // namespace jiceng::core::text
