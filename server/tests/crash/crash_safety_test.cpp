// Crash safety: the server is killed with SIGKILL while clients write (staff intake, Open311
// service requests, resident edits), started again, and every write it acknowledged must be
// there; a write in flight at the kill may be there or not, never half. At the end the audit
// chain verifies and (SQLite) the file passes its integrity check. JICENG_TEST_CRASH_KILLS sets the
// number of kills (make test: 50 per driver; make soak: 1,000).
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/db/database.hpp"
#include "tests/demo_codes.hpp"
#include "tests/test_app.hpp"
#include "tests/test_support.hpp"

extern char** environ;

namespace jiceng::testing {
namespace {

const char* const kPassword = "Crash#test-2026";

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Runs the server binary with args; output to log. Returns the pid (or -1).
pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&files, 1, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The data key outside the database (PostgreSQL needs one; SQLite keeps it beside the file).
  static const std::string key_file = "JICENG_SECURITY_KEY_FILE=" + TempDir() + "/crash-data.key";
  std::vector<char*> env;
  for (char** e = environ; *e; ++e) env.push_back(*e);
  env.push_back(const_cast<char*>(key_file.c_str()));
  env.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), env.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&files);
  return pid;
}

int RunToEnd(const std::vector<std::string>& args, const std::string& log) {
  pid_t pid = Spawn(args, log);
  if (pid < 0) return -1;
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += k + '=';
    for (unsigned char ch : v) {
      if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
        out += static_cast<char>(ch);
      } else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", ch);
        out += hex;
      }
    }
  }
  return out;
}

class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* kills = std::getenv("JICENG_TEST_CRASH_KILLS");
    kills_ = kills ? std::atoi(kills) : 50;
    url_ = FreshDatabaseUrl();
    ASSERT_FALSE(url_.empty());
    log_ = TempDir() + "/crash-" + std::to_string(::getpid()) + ".log";
    ASSERT_EQ(RunToEnd({JICENG_SERVER_BINARY, "demo", "--db", url_, "--residents", "100", "--cases",
                        "20", "--password", kPassword},
                       log_),
              0)
        << Tail(log_);
  }

  void Start() {
    port_ = FreePort();
    pid_ =
        Spawn({JICENG_SERVER_BINARY, "serve", "--db", url_, "--port", std::to_string(port_)}, log_);
    ASSERT_GT(pid_, 0);
    for (int i = 0; i < 600; ++i) {
      if (HttpClient(port_).Get("/healthz").status == 200) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) FAIL() << "server exited: " << Tail(log_);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "server did not answer /healthz within 12 s: " << Tail(log_);
  }

  void Kill() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }

  HttpClient Client() const { return HttpClient(port_); }

  std::string Login(const std::string& user) {
    HttpResponse r = Client().Post(
        "/api/v1/auth/login", Json{{"username", user}, {"password", kPassword}, {"bearer", true}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().value("token", "");
  }

  int kills_ = 50;
  std::string url_, log_;
  int port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(CrashSafety, AcknowledgedWritesSurviveSigkill) {
  ASSERT_NO_FATAL_FAILURE(Start());
  // Sessions live in the database: the tokens outlive every restart.
  const std::string township = Login("township");
  const std::string grid1 = Login("grid1");
  ASSERT_FALSE(township.empty());
  ASSERT_FALSE(grid1.empty());
  // An Open311 key, issued through the CLI as an operator would.
  Kill();
  const std::string key_log = TempDir() + "/crash-key.log";
  ASSERT_EQ(RunToEnd({JICENG_SERVER_BINARY, "apikey", "add", "crash-test", "--db", url_}, key_log),
            0)
      << Tail(key_log);
  std::string key;
  {
    std::ifstream in(key_log);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("jc311_", 0) == 0) key = line;
  }
  ASSERT_FALSE(key.empty()) << Tail(key_log);
  ASSERT_NO_FATAL_FAILURE(Start());

  // A point inside grid 1 for Open311, and one resident of it to edit.
  Json grids =
      Client().Get(std::string("/api/v1/orgs/") + kVillage + "/grids", As(township)).json();
  std::string lat, lng;
  for (const auto& f : grids.value("features", Json::array())) {
    if (f["id"] != kGrid1) continue;
    Json ring = f["geometry"]["coordinates"][0];
    double x = 0, y = 0;
    std::size_t n = ring.size() - 1;
    for (std::size_t i = 0; i < n; ++i)
      x += ring[i][0].get<double>(), y += ring[i][1].get<double>();
    lng = std::to_string(x / static_cast<double>(n));
    lat = std::to_string(y / static_cast<double>(n));
  }
  ASSERT_FALSE(lat.empty());
  Json residents = Client().Get("/api/v1/residents?limit=1", As(grid1)).json();
  ASSERT_FALSE(residents.value("items", Json::array()).empty()) << residents.dump();
  const long long resident = residents["items"][0]["id"].get<long long>();

  std::mutex mu;
  std::set<long long> acked_cases;
  std::set<long long> acked_requests;  // service_request_id is the case id
  std::string acked_occupation;        // the last edit the server acknowledged
  std::string inflight_occupation;     // an edit sent and not answered
  long long version = 0;
  std::mt19937 random(12345);
  std::atomic<int> sequence{0};
  int acked_edits = 0;

  auto resident_now = [&]() -> Json {
    return Client().Get("/api/v1/residents/" + std::to_string(resident), As(grid1)).json();
  };
  version = resident_now().value("version", 0LL);

  for (int kill = 0; kill < kills_; ++kill) {
    SCOPED_TRACE("kill " + std::to_string(kill + 1));
    // The edit in flight at the last kill either landed or not: nothing else.
    Json now = resident_now();
    std::string occupation = now.value("occupation", "");
    if (kill > 0) {
      EXPECT_TRUE(occupation == acked_occupation || occupation == inflight_occupation)
          << "occupation is '" << occupation << "', acknowledged '" << acked_occupation
          << "', in flight '" << inflight_occupation << "'";
    }
    acked_occupation = occupation;
    version = now.value("version", 0LL);

    std::atomic<bool> stop{false};
    std::atomic<int> acks{0};  // this cycle's acknowledged writes
    std::vector<std::thread> writers;
    writers.emplace_back([&] {  // staff intake
      while (!stop) {
        int n = ++sequence;
        HttpResponse r = Client().Post("/api/v1/cases",
                                       Json{{"category_code", "E0102"},
                                            {"description", "崩溃测试 " + std::to_string(n)},
                                            {"org_code", kGrid1}},
                                       As(grid1));
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acked_cases.insert(r.json()["id"].get<long long>());
          ++acks;
        } else if (r.status == 0) {
          return;  // the server is gone: what was in flight stays in flight
        } else {
          ADD_FAILURE() << "intake answered " << r.status << " " << r.body;
          return;
        }
      }
    });
    writers.emplace_back([&] {  // Open311
      RequestOptions form;
      form.content_type = "application/x-www-form-urlencoded";
      while (!stop) {
        int n = ++sequence;
        HttpResponse r =
            Client().Post("/open311/v2/requests.json",
                          FormEncode({{"api_key", key},
                                      {"service_code", "E0102"},
                                      {"lat", lat},
                                      {"long", lng},
                                      {"description", "崩溃测试 Open311 " + std::to_string(n)}}),
                          form);
        if (r.status == 200) {
          std::lock_guard lock(mu);
          acked_requests.insert(std::stoll(r.json()[0]["service_request_id"].get<std::string>()));
          ++acks;
        } else if (r.status == 0) {
          return;  // the server is gone: what was in flight stays in flight
        } else {
          ADD_FAILURE() << "Open311 answered " << r.status << " " << r.body;
          return;
        }
      }
    });
    writers.emplace_back([&] {  // resident edits, one at a time
      while (!stop) {
        std::string next = "职业" + std::to_string(++sequence);
        inflight_occupation = next;
        HttpResponse r =
            Client().Send("PATCH", "/api/v1/residents/" + std::to_string(resident),
                          Json{{"version", version}, {"occupation", next}}.dump(), As(grid1));
        if (r.status == 200) {
          acked_occupation = next;
          ++acked_edits;
          ++acks;
          version = r.json()["version"].get<long long>();
        } else if (r.status == 0) {
          return;  // the server is gone: what was in flight stays in flight
        } else {
          ADD_FAILURE() << "edit answered " << r.status << " " << r.body;
          return;
        }
      }
    });
    // The kill comes while writes flow: after the first ones of this start were acknowledged
    // (a fresh process's first resident edit takes a few hundred ms on a cold page cache).
    for (int i = 0; i < 300 && acks < 3; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + random() % 150));
    Kill();
    stop = true;
    for (auto& w : writers) w.join();
    ASSERT_NO_FATAL_FAILURE(Start());
    if (HasFailure()) break;
  }

  // Every acknowledged write is there.
  for (long long id : acked_cases) {
    HttpResponse r = Client().Get("/api/v1/cases/" + std::to_string(id), As(grid1));
    EXPECT_EQ(r.status, 200) << "acknowledged case " << id << " is gone";
  }
  for (long long id : acked_requests) {
    HttpResponse r = Client().Get("/api/v1/cases/" + std::to_string(id), As(grid1));
    EXPECT_EQ(r.status, 200) << "acknowledged service request " << id << " is gone";
  }
  std::cout << "[ crash    ] " << kills_ << " kills; acknowledged " << acked_cases.size()
            << " staff reports, " << acked_requests.size() << " Open311 requests, " << acked_edits
            << " resident edits\n";
  EXPECT_GT(acked_cases.size() + acked_requests.size() + acked_edits,
            static_cast<std::size_t>(kills_))
      << "the writers hardly wrote: the test proves little";
  Kill();

  // The audit chain still verifies, and the SQLite file is whole.
  EXPECT_EQ(RunToEnd({JICENG_SERVER_BINARY, "audit", "verify", "--db", url_}, log_), 0)
      << Tail(log_);
  if (TestDriver() == "sqlite") {
    auto db = core::db::Open(url_);
    ASSERT_TRUE(db.ok());
    std::string check;
    ASSERT_TRUE((*db)
                    ->Read([&](core::db::Session& s) -> core::Result<void> {
                      JC_ASSIGN_OR_RETURN(auto rows, s.Query("PRAGMA integrity_check", {}));
                      if (!rows.empty()) check = rows[0].Text(0);
                      return {};
                    })
                    .ok());
    EXPECT_EQ(check, "ok");
  }
}

}  // namespace
}  // namespace jiceng::testing
