#include "core/time/chinese_days.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace jiceng::core::time {

namespace fs = std::filesystem;
using core::DomainError;

namespace {

// "Spring Festival,春节,4" -> "春节"; a value without commas is taken whole.
std::string ChineseName(const std::string& value) {
  auto a = value.find(',');
  if (a == std::string::npos) return value;
  auto b = value.find(',', a + 1);
  return value.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
}

}  // namespace

core::Result<std::vector<CalendarDay>> ReadChineseDaysYear(const std::string& dist_dir, int year) {
  if (year < 1000 || year > 9999) {
    return DomainError::Invalid("calendar.year.invalid", fmt::format("年份无效：{}", year), "year");
  }
  const std::string path = (fs::path(dist_dir) / "years" / fmt::format("{}.json", year)).string();
  std::ifstream in(path, std::ios::binary);
  if (dist_dir.empty() || !in) {
    return DomainError::Invalid("calendar.file.missing",
                                fmt::format("找不到 {} 年的节假日数据文件：{}", year, path),
                                "year");
  }
  auto invalid = [&](const std::string& why) {
    return DomainError::Internal("calendar.file.invalid",
                                 fmt::format("节假日数据文件格式错误（{}）：{}", why, path));
  };
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return invalid("不是有效的 JSON");
  if (!doc.is_object()) return invalid("顶层不是对象");

  const std::string prefix = fmt::format("{}-", year);
  std::vector<CalendarDay> days;
  for (const auto& [section, kind] :
       {std::pair{"holidays", "holiday"}, std::pair{"workdays", "workday"}}) {
    auto it = doc.find(section);
    if (it == doc.end() || !it->is_object()) return invalid(fmt::format("缺少 {}", section));
    for (const auto& [date, value] : it->items()) {
      if (!IsIsoDate(date) || date.rfind(prefix, 0) != 0) return invalid("日期无效：" + date);
      if (!value.is_string()) return invalid("名称不是字符串：" + date);
      days.push_back({date, kind, ChineseName(value.get<std::string>())});
    }
  }
  std::sort(days.begin(), days.end(), [](const CalendarDay& a, const CalendarDay& b) {
    return a.date != b.date ? a.date < b.date : a.kind < b.kind;
  });
  return days;
}

std::string FindChineseDaysDir(const std::string& hint) {
  std::vector<fs::path> candidates;
  if (!hint.empty()) candidates.emplace_back(hint);
  const fs::path rel = fs::path("node_modules") / "chinese-days" / "dist";
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (!ec) candidates.push_back(cwd / rel);
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      candidates.push_back(p / rel);
    }
  }
  for (const auto& c : candidates) {
    if (fs::is_directory(c / "years", ec)) return c.string();
  }
  return hint;
}

WorkCalendar CalendarFromDays(const std::vector<CalendarDay>& days,
                              std::vector<WorkPeriod> periods) {
  std::vector<std::string> off, work;
  for (const auto& d : days) {
    if (d.kind == "holiday")
      off.push_back(d.date);
    else if (d.kind == "workday")
      work.push_back(d.date);
  }
  return WorkCalendar(off, work, std::move(periods));
}

}  // namespace jiceng::core::time
