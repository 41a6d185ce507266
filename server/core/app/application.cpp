#include "core/app/application.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/db/migrator.hpp"
#include "core/db/postgres/pg_roles.hpp"

namespace jiceng::core::app {

std::vector<db::Migration> MigrationsFor(const ModuleList& modules) {
  std::vector<db::Migration> out;
  for (const char* part : {"core.audit", "core.auth"}) {
    auto m = db::MigrationsOf(part);
    out.insert(out.end(), m.begin(), m.end());
  }
  for (const auto& module : modules) {
    auto m = db::MigrationsOf(module->name());
    out.insert(out.end(), m.begin(), m.end());
  }
  return out;
}

namespace {

// The data key beside the database (created on first use) or where [security] key_file says.
Result<std::shared_ptr<crypto::FieldCipher>> OpenDataKey(const Config& config) {
  if (config.database.url.rfind("postgres", 0) == 0 && config.security.key_file.empty()) {
    return DomainError::Invalid("config.security.key_file",
                                "使用 PostgreSQL 时必须配置 [security] key_file（数据密钥文件）",
                                "key_file");
  }
  auto suite = crypto::ParseFieldSuite(config.security.field_suite);
  if (!suite) {
    return DomainError::Invalid("config.security.field_suite", "field_suite 应为 sm4 或 aes",
                                "field_suite");
  }
  return crypto::FieldCipher::FromKeyFile(DataKeyFile(config), true, *suite);
}

}  // namespace

Application::Application(Config config, ModuleList modules, std::unique_ptr<time::Clock> clock)
    : config_(std::move(config)), modules_(std::move(modules)), clock_(std::move(clock)) {
  if (!clock_) clock_ = std::make_unique<time::SystemClock>();
}

Application::~Application() { Stop(); }

Result<void> Application::Open() {
  const std::string& url = config_.database.url;
  bool postgres = url.rfind("postgres", 0) == 0;
  if (!postgres) {
    std::filesystem::path parent = std::filesystem::path(url).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  db::OpenOptions options;
  options.read_connections = config_.database.read_connections;
  JC_ASSIGN_OR_RETURN(db_, db::Open(url, options));
  if (postgres && !config_.database.owner_url.empty()) {
    // The tables' owner migrates and grants; the server's role owns nothing (pg_roles.hpp).
    JC_ASSIGN_OR_RETURN(std::string role, db::CurrentRole(*db_));
    db::OpenOptions owner_options;
    owner_options.read_connections = 1;
    JC_ASSIGN_OR_RETURN(auto owner, db::Open(config_.database.owner_url, owner_options));
    JC_TRY(db::Migrate(*owner, MigrationsFor(modules_)));
    db::TableRights rights = audit::ServerRoleRights();
    rights.emplace_back("core_migrations", "SELECT");
    JC_TRY(db::GrantServerRole(*owner, role, rights));
    owner->Close();
  } else {
    JC_TRY(db::Migrate(*db_, MigrationsFor(modules_)));
  }
  JC_ASSIGN_OR_RETURN(auto cipher, OpenDataKey(config_));
  JC_ASSIGN_OR_RETURN(auto audit_key, audit::AuditKey::FromFile(AuditKeyFile(config_), true));
  audit_ = std::make_unique<audit::AuditLog>(*db_, *clock_, std::move(audit_key),
                                             AuditAnchorFile(config_));
  audit_->StartSealer(config_.audit.seal_interval_ms);
  auth_ = std::make_unique<auth::AuthService>(*db_, *audit_, *clock_, config_.auth, cipher);
  context_ =
      std::make_unique<AppContext>(AppContext{config_, *db_, *audit_, *auth_, *clock_, cipher});
  for (auto& m : modules_) {
    Result<void> r = m->Start(*context_);
    if (!r.ok()) {
      DomainError e = r.error();
      e.message = "模块 " + m->name() + " 启动失败：" + e.message;
      return e;
    }
  }
  return {};
}

Module* Application::module(const std::string& name) {
  for (auto& m : modules_) {
    if (m->name() == name) return m.get();
  }
  return nullptr;
}

void Application::AddCoreRoutes() {
  using http::Access;
  using http::Request;
  using http::Response;
  using http::RouteSpec;
  router_.SetTag("system");
  router_.Add(RouteSpec{"GET", "/healthz",
                        [](Request&) {
                          return Response::Ok({{"status", "ok"}});
                        },
                        Access::kPublic, "", "Liveness check", "system", false});
  router_.Add(
      RouteSpec{"GET", "/metrics",
                [this](Request& req) {
                  if (!http::MetricsAllowed(req, config_.server.metrics_token)) {
                    return Response::Problem(404, "http.not_found", "请求的资源不存在", req);
                  }
                  return Response::Text(server_->metrics().Render(), "text/plain; version=0.0.4");
                },
                Access::kPublic, "", "Prometheus metrics", "system", false});
  router_.Add(RouteSpec{"GET", "/api/v1/openapi.json",
                        [this](Request&) { return Response::Ok(router_.OpenApi(JICENG_VERSION)); },
                        Access::kPublic, "", "This API description", "system", false});
  router_.Add(RouteSpec{"GET", "/api/v1/ui-config",
                        [this](Request&) {
                          const MapConfig& m = config_.map;
                          return Response::Ok({{"version", JICENG_VERSION},
                                               {"map",
                                                {{"tile_url", m.tile_url},
                                                 {"tianditu_key", m.tianditu_key},
                                                 {"attribution", m.attribution}}}});
                        },
                        Access::kPublic, "", "Settings the web UI needs before login", "system",
                        false});
}

Result<void> Application::Serve() {
  AddCoreRoutes();
  auth_->RegisterRoutes(router_);
  audit_->RegisterRoutes(router_);
  for (auto& m : modules_) m->RegisterRoutes(router_);
  http::ServerHooks hooks;
  hooks.authenticate = [this](const http::Request& req) { return auth_->Authenticate(req); };
  server_ = std::make_unique<http::Server>(config_.server, router_, hooks);
  db::Database* db = db_.get();
  server_->metrics().AddGauge("jiceng_db_write_queue_depth",
                              "Write requests waiting for the group-commit writer.",
                              [db] { return static_cast<double>(db->stats().write_queue_depth); });
  server_->metrics().AddGauge("jiceng_db_write_batches_total", "Write transactions committed.",
                              [db] { return static_cast<double>(db->stats().write_batches); });
  server_->metrics().AddGauge("jiceng_db_write_requests_total", "Write requests served.",
                              [db] { return static_cast<double>(db->stats().write_requests); });
  return server_->Start();
}

int Application::port() const { return server_ ? server_->port() : 0; }

void Application::Wait(bool handle_signals) {
  if (server_) server_->Wait(handle_signals);
}

void Application::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (server_) server_->Stop();
  for (auto& m : modules_) m->Stop();
  if (audit_) audit_->StopSealer();  // seals the last rows
  if (db_) db_->Close();
}

}  // namespace jiceng::core::app
