// Configuration: a TOML file plus JICENG_* environment overrides (JICENG_SERVER_PORT=9090
// overrides [server] port). Every section is checked: an unknown key or a bad value stops
// start-up with a message naming it.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace jiceng::core::app {

struct ServerConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int io_threads = 2;       // Beast/Asio event loop threads
  int worker_threads = 16;  // handlers that touch the database run here
  // A request body's limit unless its route sets its own (login: a few KB; imports and photos:
  // larger, and only for an authenticated caller). JSON bodies are small.
  std::int64_t body_limit_bytes = 1024 * 1024;
  int header_timeout_seconds = 10;
  int idle_timeout_seconds = 75;
  std::string tls_certificate;  // PEM file; with tls_key enables HTTPS
  std::string tls_key;
  std::string web_root;  // built UI (web/dist); empty = next to the binary
  bool access_log = true;
  // Reverse proxies (addresses or CIDR ranges, e.g. "127.0.0.1", "10.0.0.0/8") whose
  // X-Forwarded-For names the client; from anyone else the header is ignored.
  std::vector<std::string> trusted_proxies;
  // Open connections at once: in all, and from one client address (IPv6: one /64).
  int max_connections = 4096;
  int max_connections_per_client = 128;
  // /metrics answers loopback clients, and others that send "Authorization: Bearer <this>"
  // (at least 16 characters); empty = loopback only. Others get 404.
  std::string metrics_token;
};

struct AuthConfig {
  int password_min_length = 8;
  int password_min_classes = 3;  // of lower, upper, digit, symbol
  int lockout_failures = 5;      // consecutive failures before lockout
  int lockout_minutes = 15;
  int idle_timeout_minutes = 30;  // session ends after this long without a request
  int session_max_hours = 12;
  int login_rate_per_minute = 10;  // per source address
  // Password changes (POST /api/v1/auth/password) per hour: each tries the old password, so a
  // stolen session must not become an oracle for it. Per account, and per client address.
  int password_change_rate_per_hour = 10;
  int password_change_client_rate_per_hour = 60;
  // Cookies marked Secure (sent over HTTPS only). LoadConfig turns it on when [server]
  // tls_certificate is set and this key is not; behind a TLS-terminating proxy set it yourself.
  bool secure_cookie = false;
  // The three administrators log in with a one-time code (TOTP) as well as the password
  // (MLPS level 3: two factors for administrators). Turn off only for a throwaway demo.
  bool admin_second_factor = true;
};

struct MapConfig {
  // Tile URL template for Leaflet; empty = plain background (offline).
  std::string tile_url;
  std::string tianditu_key;  // when set and tile_url is empty, Tianditu vector tiles are used
  std::string attribution;
};

struct DatabaseConfig {
  std::string url = "var/jiceng.db";
  int read_connections = 4;
  // PostgreSQL: the role that owns the tables. When set, migrations run as this role and then
  // grant url's role only what the server needs (no UPDATE, DELETE or TRUNCATE on the audit
  // tables; it owns nothing, so it cannot drop their triggers). Empty: url's role migrates.
  std::string owner_url;
};

// The audit log's key and anchors (docs/audit.md).
struct AuditConfig {
  // HMAC-SM3 key of the audit log; default: the data key's path with ".audit.key" for its
  // extension (var/jiceng.db.key -> var/jiceng.db.audit.key). Created 0600 on first start.
  std::string key_file;
  // Append-only file of anchors written by `jiceng audit anchor`; default: the audit key's path
  // with ".anchors" for ".key".
  std::string anchor_file;
  int seal_interval_ms = 1000;  // rows are sealed into a keyed link at least this often
};

struct SecurityConfig {
  std::string key_file;  // data key for encryption at rest; default: <db>.key beside the database
  // Cipher for new encrypted fields: "sm4" (SM4-CTR + HMAC-SM3, GB/T 39786) or "aes"
  // (AES-256-GCM). Existing rows of either suite stay readable when this changes.
  std::string field_suite = "sm4";
};

// The case loop (module cases). Defaults follow STANDARDS.md; see docs/api-cases.md.
struct CasesConfig {
  std::string work_hours = "08:30-12:00,13:30-17:30";  // Asia/Shanghai working periods
  // On-time closure rate: whether cases with an approved extension stay in the denominator.
  bool deferred_in_denominator = true;
  // Satisfaction rate counts "satisfied" and "mostly" (satisfied_or_mostly) or "satisfied" only.
  std::string satisfaction = "satisfied_or_mostly";
  // A new case is flagged as a likely duplicate of an open case of the same category within
  // this distance (metres) reported within this many hours.
  int duplicate_distance_m = 50;
  int duplicate_window_hours = 72;
};

// Residents and their imports (module people).
struct PeopleConfig {
  // Resident uploads (POST /api/v1/imports/residents) per account per hour. Each one checks every
  // ID number of the file against the whole county ("registered elsewhere"), so uploads are a
  // probe of who lives where: limited here and audited (people.import.id_check).
  int import_uploads_per_hour = 30;
};

// Party organizations and members (module party).
struct PartyConfig {
  // Households one party member may be linked to (党员联户); 10 is the common local practice.
  int household_links_max = 10;
};

struct Config {
  DatabaseConfig database;
  ServerConfig server;
  AuthConfig auth;
  MapConfig map;
  SecurityConfig security;
  AuditConfig audit;
  CasesConfig cases;
  PeopleConfig people;
  PartyConfig party;
  std::string log_level = "info";
};

// Loads file (may be empty = defaults only) and then applies env overrides.
Result<Config> LoadConfig(const std::string& file, const std::map<std::string, std::string>& env);
std::map<std::string, std::string> CurrentEnvironment();

// The data key file: [security] key_file, or <database>.key beside an SQLite file.
std::string DataKeyFile(const Config& config);
// [audit] key_file, or the data key file's name with ".audit.key" for its extension.
std::string AuditKeyFile(const Config& config);
// [audit] anchor_file, or the audit key file's name with ".anchors" for ".key".
std::string AuditAnchorFile(const Config& config);

// Where the server keeps files of its own (uploads waiting for their import, ...), named `name`,
// with the data and never in the shared temporary folder: <database>.<name> beside an SQLite
// file; on PostgreSQL <name> beside the data key file (var/<name> without one).
std::string DataPath(const Config& config, const std::string& name);

}  // namespace jiceng::core::app
