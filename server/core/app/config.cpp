#include "core/app/config.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <filesystem>
#include <functional>
#include <limits>
#include <set>
#include <vector>

extern char** environ;

namespace jiceng::core::app {

namespace {

// One settable key: "section.key" with a parser from text (env) and from TOML.
struct Field {
  std::string section;  // "" for top-level keys
  std::string key;
  std::function<bool(const std::string&)> set_text;  // false = bad value
  std::function<bool(const toml::node&)> set_toml;
};

// An integer key within [min, max], for int and int64 targets alike.
template <typename T>
Field IntegerField(std::string section, std::string key, T* target, long long min, long long max) {
  auto check = [=](long long v) {
    if (v < min || v > max) return false;
    *target = static_cast<T>(v);
    return true;
  };
  return {section, key,
          [=](const std::string& s) {
            long long v = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            return ec == std::errc() && p == s.data() + s.size() && check(v);
          },
          [=](const toml::node& n) { return n.is_integer() && check(n.as_integer()->get()); }};
}

Field IntField(std::string section, std::string key, int* target, int min, int max) {
  return IntegerField(std::move(section), std::move(key), target, min, max);
}

Field Int64Field(std::string section, std::string key, std::int64_t* target, std::int64_t min) {
  return IntegerField(std::move(section), std::move(key), target, min,
                      std::numeric_limits<long long>::max());
}

Field StringField(std::string section, std::string key, std::string* target,
                  std::vector<std::string> allowed = {}) {
  auto check = [=](const std::string& v) {
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end())
      return false;
    *target = v;
    return true;
  };
  return {section, key, check,
          [=](const toml::node& n) { return n.is_string() && check(n.as_string()->get()); }};
}

Field BoolField(std::string section, std::string key, bool* target) {
  return {section, key,
          [=](const std::string& s) {
            if (s == "true" || s == "1")
              *target = true;
            else if (s == "false" || s == "0")
              *target = false;
            else
              return false;
            return true;
          },
          [=](const toml::node& n) {
            if (!n.is_boolean()) return false;
            *target = n.as_boolean()->get();
            return true;
          }};
}

// A list of strings: a TOML array, or comma-separated text in the environment.
Field ListField(std::string section, std::string key, std::vector<std::string>* target) {
  return {section, key,
          [=](const std::string& s) {
            target->clear();
            std::size_t start = 0;
            while (start <= s.size()) {
              std::size_t comma = std::min(s.find(',', start), s.size());
              std::string item = s.substr(start, comma - start);
              item.erase(0, item.find_first_not_of(' '));
              item.erase(item.find_last_not_of(' ') + 1);
              if (!item.empty()) target->push_back(item);
              start = comma + 1;
            }
            return true;
          },
          [=](const toml::node& n) {
            const toml::array* items = n.as_array();
            if (!items) return false;
            target->clear();
            for (const auto& item : *items) {
              if (!item.is_string()) return false;
              target->push_back(item.as_string()->get());
            }
            return true;
          }};
}

std::vector<Field> FieldsOf(Config& c) {
  return {
      StringField("database", "url", &c.database.url),
      IntField("database", "read_connections", &c.database.read_connections, 1, 64),
      StringField("database", "owner_url", &c.database.owner_url),
      StringField("server", "bind", &c.server.bind),
      IntField("server", "port", &c.server.port, 0, 65535),
      IntField("server", "io_threads", &c.server.io_threads, 1, 64),
      IntField("server", "worker_threads", &c.server.worker_threads, 1, 256),
      Int64Field("server", "body_limit_bytes", &c.server.body_limit_bytes, 1024),
      IntField("server", "header_timeout_seconds", &c.server.header_timeout_seconds, 1, 600),
      IntField("server", "idle_timeout_seconds", &c.server.idle_timeout_seconds, 1, 3600),
      ListField("server", "trusted_proxies", &c.server.trusted_proxies),
      IntField("server", "max_connections", &c.server.max_connections, 1, 1'000'000),
      IntField("server", "max_connections_per_client", &c.server.max_connections_per_client, 1,
               1'000'000),
      StringField("server", "tls_certificate", &c.server.tls_certificate),
      StringField("server", "tls_key", &c.server.tls_key),
      StringField("server", "web_root", &c.server.web_root),
      StringField("server", "metrics_token", &c.server.metrics_token),
      BoolField("server", "access_log", &c.server.access_log),
      IntField("auth", "password_min_length", &c.auth.password_min_length, 8, 128),
      IntField("auth", "password_min_classes", &c.auth.password_min_classes, 1, 4),
      IntField("auth", "lockout_failures", &c.auth.lockout_failures, 1, 100),
      IntField("auth", "lockout_minutes", &c.auth.lockout_minutes, 1, 24 * 60),
      IntField("auth", "idle_timeout_minutes", &c.auth.idle_timeout_minutes, 1, 24 * 60),
      IntField("auth", "session_max_hours", &c.auth.session_max_hours, 1, 24 * 30),
      IntField("auth", "login_rate_per_minute", &c.auth.login_rate_per_minute, 1, 10000),
      IntField("auth", "password_change_rate_per_hour", &c.auth.password_change_rate_per_hour, 1,
               10000),
      IntField("auth", "password_change_client_rate_per_hour",
               &c.auth.password_change_client_rate_per_hour, 1, 100000),
      BoolField("auth", "secure_cookie", &c.auth.secure_cookie),
      BoolField("auth", "admin_second_factor", &c.auth.admin_second_factor),
      StringField("map", "tile_url", &c.map.tile_url),
      StringField("map", "tianditu_key", &c.map.tianditu_key),
      StringField("map", "attribution", &c.map.attribution),
      StringField("security", "key_file", &c.security.key_file),
      StringField("security", "field_suite", &c.security.field_suite, {"sm4", "aes"}),
      StringField("audit", "key_file", &c.audit.key_file),
      StringField("audit", "anchor_file", &c.audit.anchor_file),
      IntField("audit", "seal_interval_ms", &c.audit.seal_interval_ms, 10, 3'600'000),
      StringField("cases", "work_hours", &c.cases.work_hours),
      BoolField("cases", "deferred_in_denominator", &c.cases.deferred_in_denominator),
      StringField("cases", "satisfaction", &c.cases.satisfaction,
                  {"satisfied_or_mostly", "satisfied"}),
      IntField("cases", "duplicate_distance_m", &c.cases.duplicate_distance_m, 0, 5000),
      IntField("cases", "duplicate_window_hours", &c.cases.duplicate_window_hours, 0, 24 * 30),
      IntField("people", "import_uploads_per_hour", &c.people.import_uploads_per_hour, 1, 100000),
      IntField("party", "household_links_max", &c.party.household_links_max, 1, 100),
      StringField("", "log_level", &c.log_level,
                  {"trace", "debug", "info", "warn", "error", "off"}),
  };
}

std::string Upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

std::string NameOf(const Field& f) {
  return f.section.empty() ? f.key : "[" + f.section + "] " + f.key;
}

}  // namespace

Result<Config> LoadConfig(const std::string& file, const std::map<std::string, std::string>& env) {
  Config config;
  std::vector<Field> fields = FieldsOf(config);
  std::set<std::string> given;  // NameOf every field the file or the environment set
  if (!file.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
      return DomainError::Invalid(
          "config.parse", "配置文件无法解析：" + file + "：" + std::string(e.description()), file);
    }
    for (auto&& [section_key, node] : table) {
      std::string section(section_key.str());
      auto apply = [&](const std::string& sec, const std::string& key,
                       const toml::node& value) -> Result<void> {
        for (auto& f : fields) {
          if (f.section == sec && f.key == key) {
            if (!f.set_toml(value)) {
              return DomainError::Invalid("config.bad_value", "配置项取值无效：" + NameOf(f),
                                          NameOf(f));
            }
            given.insert(NameOf(f));
            return {};
          }
        }
        std::string name = sec.empty() ? key : "[" + sec + "] " + key;
        return DomainError::Invalid("config.unknown_key", "未知配置项：" + name, name);
      };
      if (const toml::table* sub = node.as_table()) {
        for (auto&& [k, v] : *sub) JC_TRY(apply(section, std::string(k.str()), v));
      } else {
        JC_TRY(apply("", section, node));
      }
    }
  }
  for (const auto& [name, value] : env) {
    if (name.rfind("JICENG_", 0) != 0 || name.rfind("JICENG_TEST_", 0) == 0) continue;
    bool known = false;
    for (auto& f : fields) {
      std::string env_name = "JICENG_" + Upper(f.section.empty() ? f.key : f.section + "_" + f.key);
      if (env_name != name) continue;
      known = true;
      if (!f.set_text(value)) {
        return DomainError::Invalid("config.bad_value", "环境变量取值无效：" + name, name);
      }
      given.insert(NameOf(f));
    }
    if (!known)
      return DomainError::Invalid("config.unknown_key", "未知的环境变量配置项：" + name, name);
  }
  if (config.server.tls_certificate.empty() != config.server.tls_key.empty()) {
    return DomainError::Invalid("config.bad_value", "TLS 证书和私钥必须同时配置",
                                "[server] tls_key");
  }
  if (!config.server.metrics_token.empty() && config.server.metrics_token.size() < 16) {
    return DomainError::Invalid("config.bad_value", "[server] metrics_token 至少需要 16 个字符",
                                "[server] metrics_token");
  }
  // Served over HTTPS, the session cookie is Secure unless the operator says otherwise.
  if (!config.server.tls_certificate.empty() && given.count("[auth] secure_cookie") == 0) {
    config.auth.secure_cookie = true;
  }
  return config;
}

std::map<std::string, std::string> CurrentEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

std::string DataPath(const Config& config, const std::string& name) {
  const std::string& url = config.database.url;
  if (url.rfind("postgres", 0) != 0) return url + "." + name;
  if (config.security.key_file.empty()) return (std::filesystem::path("var") / name).string();
  return (std::filesystem::path(config.security.key_file).parent_path() / name).string();
}

std::string DataKeyFile(const Config& config) {
  if (!config.security.key_file.empty()) return config.security.key_file;
  return config.database.url + ".key";
}

std::string AuditKeyFile(const Config& config) {
  if (!config.audit.key_file.empty()) return config.audit.key_file;
  std::string data = DataKeyFile(config);
  if (data.size() > 4 && data.compare(data.size() - 4, 4, ".key") == 0)
    data.resize(data.size() - 4);
  return data + ".audit.key";
}

std::string AuditAnchorFile(const Config& config) {
  if (!config.audit.anchor_file.empty()) return config.audit.anchor_file;
  std::string key = AuditKeyFile(config);
  if (key.size() > 4 && key.compare(key.size() - 4, 4, ".key") == 0) key.resize(key.size() - 4);
  return key + ".anchors";
}

}  // namespace jiceng::core::app
