// Configuration: defaults, TOML file, JICENG_* environment overrides and their errors.
#include "core/app/config.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <string>

#include "tests/test_support.hpp"

namespace jiceng::core::app {
namespace {

using Env = std::map<std::string, std::string>;

std::string WriteToml(const std::string& text) {
  static std::atomic<int> n{0};
  std::string path = jiceng::testing::TempDir() + "/config" + std::to_string(++n) + ".toml";
  std::ofstream(path) << text;
  return path;
}

TEST(ConfigTest, DefaultsWithoutFileOrEnvironment) {
  Result<Config> c = LoadConfig("", {});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->server.bind, "127.0.0.1");
  EXPECT_EQ(c->server.io_threads, 2);
  EXPECT_TRUE(c->server.access_log);
  EXPECT_TRUE(c->server.tls_certificate.empty());
  EXPECT_EQ(c->database.url, "var/jiceng.db");
  EXPECT_EQ(c->database.read_connections, 4);
  EXPECT_EQ(c->auth.password_min_length, 8);
  EXPECT_EQ(c->auth.lockout_failures, 5);
  EXPECT_EQ(c->auth.idle_timeout_minutes, 30);
  EXPECT_FALSE(c->auth.secure_cookie);
  EXPECT_EQ(c->log_level, "info");
}

TEST(ConfigTest, FileSetsServerPortAndLogLevel) {
  std::string path = WriteToml(
      "log_level = \"debug\"\n"
      "[server]\nport = 9090\naccess_log = false\n"
      "[database]\nurl = \"postgresql://u@h/db\"\nread_connections = 8\n"
      "[auth]\nlockout_minutes = 20\n"
      "[map]\ntile_url = \"https://t/{z}/{x}/{y}.png\"\n");
  Result<Config> c = LoadConfig(path, {});
  ASSERT_TRUE(c.ok()) << c.error().code << " " << c.error().message;
  EXPECT_EQ(c->server.port, 9090);
  EXPECT_EQ(c->log_level, "debug");
  EXPECT_FALSE(c->server.access_log);
  EXPECT_EQ(c->database.url, "postgresql://u@h/db");
  EXPECT_EQ(c->database.read_connections, 8);
  EXPECT_EQ(c->auth.lockout_minutes, 20);
  EXPECT_EQ(c->map.tile_url, "https://t/{z}/{x}/{y}.png");
  EXPECT_EQ(c->server.bind, "127.0.0.1");  // untouched keys keep their defaults
}

TEST(ConfigTest, UnknownKeyInFileIsNamed) {
  Result<Config> c = LoadConfig(WriteToml("[server]\nportt = 9090\n"), {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "config.unknown_key");
  EXPECT_EQ(c.error().field, "[server] portt");
  EXPECT_NE(c.error().message.find("[server] portt"), std::string::npos);
}

TEST(ConfigTest, UnknownTopLevelKeyAndUnknownSectionAreNamed) {
  Result<Config> top = LoadConfig(WriteToml("loglevel = \"debug\"\n"), {});
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error().code, "config.unknown_key");
  EXPECT_EQ(top.error().field, "loglevel");

  Result<Config> section = LoadConfig(WriteToml("[sever]\nport = 1\n"), {});
  ASSERT_FALSE(section.ok());
  EXPECT_EQ(section.error().code, "config.unknown_key");
  EXPECT_EQ(section.error().field, "[sever] port");
}

TEST(ConfigTest, PortOutOfRangeOrNotANumberIsBadValue) {
  for (const char* text : {"[server]\nport = 70000\n", "[server]\nport = \"x\"\n",
                           "[server]\nport = -1\n", "[server]\nport = 80.5\n"}) {
    SCOPED_TRACE(text);
    Result<Config> c = LoadConfig(WriteToml(text), {});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "config.bad_value");
    EXPECT_EQ(c.error().field, "[server] port");
  }
  Result<Config> edge = LoadConfig(WriteToml("[server]\nport = 65535\n"), {});
  ASSERT_TRUE(edge.ok());
  EXPECT_EQ(edge->server.port, 65535);
}

TEST(ConfigTest, LogLevelOutsideTheListIsBadValue) {
  Result<Config> c = LoadConfig(WriteToml("log_level = \"verbose\"\n"), {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "config.bad_value");
  EXPECT_EQ(c.error().field, "log_level");
}

TEST(ConfigTest, UnparsableFileIsParseError) {
  Result<Config> c = LoadConfig(WriteToml("[server\nport = 1\n"), {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "config.parse");
}

TEST(ConfigTest, MissingFileIsAnError) {
  Result<Config> c = LoadConfig(jiceng::testing::TempDir() + "/no-such-file.toml", {});
  ASSERT_FALSE(c.ok());
}

TEST(ConfigTest, EnvironmentOverridesTheFile) {
  std::string path = WriteToml("log_level = \"warn\"\n[server]\nport = 9090\n");
  Result<Config> c = LoadConfig(path, Env{{"JICENG_SERVER_PORT", "9091"},
                                          {"JICENG_LOG_LEVEL", "error"},
                                          {"JICENG_AUTH_SECURE_COOKIE", "true"},
                                          {"JICENG_DATABASE_READ_CONNECTIONS", "2"},
                                          {"HOME", "/root"},
                                          {"PATH", "/bin"}});
  ASSERT_TRUE(c.ok()) << c.error().code << " " << c.error().message;
  EXPECT_EQ(c->server.port, 9091);
  EXPECT_EQ(c->log_level, "error");
  EXPECT_TRUE(c->auth.secure_cookie);
  EXPECT_EQ(c->database.read_connections, 2);
}

TEST(ConfigTest, UnknownJicengVariableIsNamed) {
  Result<Config> c = LoadConfig("", Env{{"JICENG_NOPE", "1"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "config.unknown_key");
  EXPECT_EQ(c.error().field, "JICENG_NOPE");
}

TEST(ConfigTest, BadEnvironmentValueIsNamed) {
  for (const char* value : {"x", "70000", "9091 ", ""}) {
    SCOPED_TRACE(std::string("'") + value + "'");
    Result<Config> c = LoadConfig("", Env{{"JICENG_SERVER_PORT", value}});
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "config.bad_value");
    EXPECT_EQ(c.error().field, "JICENG_SERVER_PORT");
  }
  Result<Config> b = LoadConfig("", Env{{"JICENG_SERVER_ACCESS_LOG", "yes"}});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, "config.bad_value");
}

TEST(ConfigTest, TestVariablesAreIgnored) {
  Result<Config> c = LoadConfig("", Env{{"JICENG_TEST_DRIVER", "postgres"},
                                        {"JICENG_TEST_PG", "postgresql://x"},
                                        {"JICENG_TEST_ANYTHING", "1"}});
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->database.url, "var/jiceng.db");
}

TEST(ConfigTest, TlsCertificateWithoutKeyIsAnError) {
  Result<Config> file = LoadConfig(WriteToml("[server]\ntls_certificate = \"/etc/c.pem\"\n"), {});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.error().code, "config.bad_value");
  EXPECT_NE(file.error().field.find("tls"), std::string::npos);

  Result<Config> key_only = LoadConfig("", Env{{"JICENG_SERVER_TLS_KEY", "/etc/k.pem"}});
  ASSERT_FALSE(key_only.ok());
  EXPECT_EQ(key_only.error().code, "config.bad_value");

  Result<Config> both = LoadConfig(WriteToml("[server]\ntls_certificate = \"/etc/c.pem\"\n"),
                                   Env{{"JICENG_SERVER_TLS_KEY", "/etc/k.pem"}});
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(both->server.tls_key, "/etc/k.pem");
}

TEST(ConfigTest, FieldSuiteDefaultsToSm4AndAcceptsOnlyKnownSuites) {
  Result<Config> defaults = LoadConfig("", {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->security.field_suite, "sm4");

  Result<Config> aes = LoadConfig(
      WriteToml("[security]\nkey_file = \"/etc/jiceng/data.key\"\nfield_suite = \"aes\"\n"), {});
  ASSERT_TRUE(aes.ok()) << aes.error().message;
  EXPECT_EQ(aes->security.field_suite, "aes");
  EXPECT_EQ(aes->security.key_file, "/etc/jiceng/data.key");

  Result<Config> env = LoadConfig("", Env{{"JICENG_SECURITY_FIELD_SUITE", "aes"}});
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->security.field_suite, "aes");

  Result<Config> bad = LoadConfig(WriteToml("[security]\nfield_suite = \"des\"\n"), {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "config.bad_value");
  EXPECT_EQ(bad.error().field, "[security] field_suite");
}

TEST(ConfigTest, SecureCookieDefaultsToTrueWhenTlsIsOn) {
  const std::string tls =
      "[server]\ntls_certificate = \"/etc/jiceng/cert.pem\"\n"
      "tls_key = \"/etc/jiceng/key.pem\"\n";
  Result<Config> on = LoadConfig(WriteToml(tls), {});
  ASSERT_TRUE(on.ok()) << on.error().message;
  EXPECT_TRUE(on->auth.secure_cookie);
  // The operator may still say otherwise, in the file or the environment.
  Result<Config> off = LoadConfig(WriteToml(tls + "[auth]\nsecure_cookie = false\n"), {});
  ASSERT_TRUE(off.ok()) << off.error().message;
  EXPECT_FALSE(off->auth.secure_cookie);
  Result<Config> env_off = LoadConfig(WriteToml(tls), Env{{"JICENG_AUTH_SECURE_COOKIE", "false"}});
  ASSERT_TRUE(env_off.ok()) << env_off.error().message;
  EXPECT_FALSE(env_off->auth.secure_cookie);
  // TLS in the environment counts too; without TLS the default stays off.
  Result<Config> env_tls = LoadConfig(
      "", Env{{"JICENG_SERVER_TLS_CERTIFICATE", "/c.pem"}, {"JICENG_SERVER_TLS_KEY", "/k.pem"}});
  ASSERT_TRUE(env_tls.ok()) << env_tls.error().message;
  EXPECT_TRUE(env_tls->auth.secure_cookie);
  EXPECT_FALSE(LoadConfig("", {})->auth.secure_cookie);
}

TEST(ConfigTest, MetricsTokenIsEmptyOrLongEnough) {
  EXPECT_TRUE(LoadConfig("", {})->server.metrics_token.empty());
  Result<Config> ok = LoadConfig("", Env{{"JICENG_SERVER_METRICS_TOKEN", "0123456789abcdef"}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->server.metrics_token, "0123456789abcdef");
  Result<Config> short_token = LoadConfig("", Env{{"JICENG_SERVER_METRICS_TOKEN", "secret"}});
  ASSERT_FALSE(short_token.ok());
  EXPECT_EQ(short_token.error().code, "config.bad_value");
  EXPECT_EQ(short_token.error().field, "[server] metrics_token");
}

}  // namespace
}  // namespace jiceng::core::app
