// A route pattern's path with its parameters filled in, for tests that walk every route.
#pragma once
#include <map>
#include <string>

namespace jiceng::testing {

// "/api/v1/orgs/{code}/grids" -> "/api/v1/orgs/330681109290/grids" with values {"{code}": ...};
// a parameter without a value becomes `otherwise`.
inline std::string FillPath(const std::string& pattern,
                            const std::map<std::string, std::string>& values,
                            const std::string& otherwise) {
  std::string out;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    std::size_t open = pattern.find('{', pos);
    if (open == std::string::npos) {
      out += pattern.substr(pos);
      break;
    }
    std::size_t close = pattern.find('}', open);
    auto it = values.find(pattern.substr(open, close - open + 1));
    out += pattern.substr(pos, open - pos) + (it == values.end() ? otherwise : it->second);
    pos = close + 1;
  }
  return out;
}

}  // namespace jiceng::testing
