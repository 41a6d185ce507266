#include "modules/cases/catalogue/category_store.hpp"

#include <map>

#include "core/module_names.hpp"

namespace jiceng::cases {

namespace {

constexpr const char* kColumns =
    "code, kind, major_code, major_name, name, description, routing, department_category, active, "
    "version";

Category FromRow(const core::db::Row& r) {
  Category c;
  r.Into(c.code, c.kind, c.major_code, c.major_name, c.name, c.description, c.routing,
         c.department_category, c.active, c.version);
  return c;
}

}  // namespace

Result<std::vector<Category>> CategoryStore::All(bool active_only) {
  JC_ASSIGN_OR_RETURN(auto rows,
                      s_.Query(std::string("SELECT ") + kColumns + " FROM cases_categories" +
                               (active_only ? " WHERE active = 1" : "") + " ORDER BY code"));
  JC_ASSIGN_OR_RETURN(
      auto deadlines,
      s_.Query("SELECT category_code, stage, urgency, amount, unit FROM cases_category_deadlines "
               "ORDER BY category_code, stage, urgency"));
  std::map<std::string, std::vector<CategoryDeadline>> by_code;
  for (std::size_t i = 0; i < deadlines.size(); ++i) {
    by_code[deadlines[i].Text(0)].push_back({deadlines[i].Text(1), deadlines[i].Text(2),
                                             static_cast<int>(deadlines[i].Int(3)),
                                             deadlines[i].Text(4)});
  }
  std::vector<Category> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Category c = FromRow(rows[i]);
    c.deadlines = std::move(by_code[c.code]);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<Category>> CategoryStore::Get(const std::string& code) {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query(std::string("SELECT ") + kColumns +
                                              " FROM cases_categories WHERE code = $1",
                                          {code}));
  if (rows.empty()) return std::optional<Category>();
  Category c = FromRow(rows[0]);
  JC_ASSIGN_OR_RETURN(auto deadlines,
                      s_.Query("SELECT stage, urgency, amount, unit FROM cases_category_deadlines "
                               "WHERE category_code = $1 ORDER BY stage, urgency",
                               {code}));
  for (std::size_t i = 0; i < deadlines.size(); ++i) {
    c.deadlines.push_back({deadlines[i].Text(0), deadlines[i].Text(1),
                           static_cast<int>(deadlines[i].Int(2)), deadlines[i].Text(3)});
  }
  return std::optional<Category>(std::move(c));
}

Result<std::int64_t> CategoryStore::Count() {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT COUNT(*) FROM cases_categories"));
  return rows[0].Int(0);
}

Result<std::int64_t> CategoryStore::LastChange() {
  JC_ASSIGN_OR_RETURN(auto rows, s_.Query("SELECT MAX(updated_at) FROM cases_categories"));
  if (rows.empty() || rows[0].IsNull(0)) return std::int64_t{0};
  return rows[0].Int(0);
}

Result<void> CategoryStore::Insert(const Category& c, std::int64_t now) {
  JC_TRY(
      s_.Exec("INSERT INTO cases_categories (code, kind, major_code, major_name, name, "
              "description, routing, "
              "department_category, active, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
              "$7, $8, $9, 1, $10)",
              {c.code, c.kind, c.major_code, c.major_name, c.name, c.description, c.routing,
               c.department_category, std::int64_t{c.active ? 1 : 0}, now}));
  return WriteDeadlines(c);
}

Result<void> CategoryStore::Update(const Category& c, std::int64_t now) {
  JC_ASSIGN_OR_RETURN(
      std::int64_t changed,
      s_.Exec("UPDATE cases_categories SET name = $1, description = $2, routing = $3, "
              "department_category = $4, active = $5, version = version + 1, updated_at = $6 "
              "WHERE code = $7 AND version = $8",
              {c.name, c.description, c.routing, c.department_category,
               std::int64_t{c.active ? 1 : 0}, now, c.code, std::int64_t{c.version}}));
  if (changed == 0) {
    return DomainError::Conflict("cases.category.version_conflict",
                                 "该类别已被他人修改，请刷新后重试", "version");
  }
  JC_TRY(s_.Exec("DELETE FROM cases_category_deadlines WHERE category_code = $1", {c.code}));
  return WriteDeadlines(c);
}

Result<void> CategoryStore::WriteDeadlines(const Category& c) {
  for (const auto& d : c.deadlines) {
    JC_TRY(s_.Exec(
        "INSERT INTO cases_category_deadlines (category_code, stage, urgency, amount, unit) "
        "VALUES ($1, $2, $3, $4, $5)",
        {c.code, d.stage, d.urgency, std::int64_t{d.amount}, d.unit}));
  }
  return {};
}

}  // namespace jiceng::cases
