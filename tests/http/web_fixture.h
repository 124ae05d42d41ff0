#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/demo_data.h"
#include "domain/access_policy.h"
#include "html_text.h"
#include "http/server.h"
#include "platform/sodium_secrets.h"
#include "platform/system_clock.h"
#include "storage/memory/memory_store.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "support/postgres_scratch.h"

namespace cynnal::testing {

// Helpers shared by the scenario tests: forms as a browser posts them, pages and downloads as a
// user reads them. (A test file's own helper of the same name, in its unnamed namespace, is found
// first.)

// "2026-11-02" as the three fields of a date input named `field`.
inline void AddDate(httplib::Params& params, const std::string& field, const std::string& iso) {
  params.emplace(field + "-day", std::to_string(std::stoi(iso.substr(8, 2))));
  params.emplace(field + "-month", std::to_string(std::stoi(iso.substr(5, 2))));
  params.emplace(field + "-year", iso.substr(0, 4));
}

inline bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Whether a page links to `path`.
inline bool Links(const std::string& html, const std::string& path) {
  return Decoded(html).find("href=\"" + path + "\"") != std::string::npos;
}

// The text of each cell (td, or th for a row's header) of a table row (as Rows gives it), in order.
inline std::vector<std::string> Cells(const std::string& row) {
  std::vector<std::string> cells;
  std::size_t at = 0;
  while (true) {
    const auto td = row.find("<td", at);
    const auto th = row.find("<th", at);
    const auto start_tag = std::min(td, th);
    if (start_tag == std::string::npos) break;
    const bool is_td = start_tag == td;
    const auto start = row.find('>', start_tag) + 1;
    const auto end = row.find(is_td ? "</td>" : "</th>", start);
    cells.push_back(TextOf(row.substr(start, end == std::string::npos ? end : end - start)));
    if (end == std::string::npos) break;
    at = end;
  }
  return cells;
}

// The rows (their cells) of the table with `id` on a page.
inline std::vector<std::vector<std::string>> TableRows(const std::string& html,
                                                       const std::string& id) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : Rows(Element(html, id, "</table>"))) rows.push_back(Cells(row));
  return rows;
}

// The lines of a CSV body (CRLF line ends), without a last empty line.
inline std::vector<std::string> CsvLines(const std::string& body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

// The fields of one CSV line, quotes removed.
inline std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch != '"') {
        field += ch;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.push_back(field);
      field.clear();
    } else {
      field += ch;
    }
  }
  fields.push_back(field);
  return fields;
}

// A date as the English pages write it: "1 November 2026".
inline std::string Written(domain::Date d) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  return std::to_string(static_cast<unsigned>(d.day())) + " " +
         kMonths[static_cast<unsigned>(d.month()) - 1] + " " +
         std::to_string(static_cast<int>(d.year()));
}

// The numbers in a text, in order.
inline std::vector<long long> Numbers(const std::string& text) {
  std::vector<long long> out;
  std::string digits;
  for (char ch : text + " ") {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (!digits.empty()) {
      out.push_back(std::stoll(digits));
      digits.clear();
    }
  }
  return out;
}

// A signed-in browser or API client: the session cookie and its CSRF token.
struct Session {
  std::string cookie;  // "cynnal_session=..."
  std::string csrf;
  domain::User user;
};

// The store the HTTP tests run against: SQLite on a fresh temporary file when the environment
// variable CYNNAL_TEST_STORE is "sqlite", PostgreSQL in a fresh schema of the server named by
// CYNNAL_TEST_POSTGRES when it is "postgres" (ctest runs the suite all three ways), else in memory.
class TestStore {
 public:
  TestStore() {
    const char* kind = std::getenv("CYNNAL_TEST_STORE");
    if (kind && std::string(kind) == "postgres") {
      auto server = testing::PostgresServerUrl();
      if (!server) {  // the fixture skips the test (or fails it, when PostgreSQL is required)
        missing_ = true;
        store_ = std::make_unique<storage::MemoryStore>();
        return;
      }
      schema_ = std::make_unique<testing::PostgresScratch>(*server);
      auto store = storage::PostgresStore::Open(schema_->url(), 4);
      if (!store) throw std::runtime_error("cannot open PostgreSQL: " + store.error().message);
      if (!(*store)->Migrate()) throw std::runtime_error("cannot migrate PostgreSQL");
      store_ = std::move(*store);
    } else if (kind && std::string(kind) == "sqlite") {
      char name[] = "/tmp/cynnal-http-XXXXXX";
      int fd = mkstemp(name);
      if (fd >= 0) close(fd);
      path_ = name;
      auto store = storage::SqliteStore::Open(path_);
      if (!store) throw std::runtime_error("cannot open " + path_ + ": " + store.error().message);
      if (!(*store)->Migrate()) throw std::runtime_error("cannot migrate " + path_);
      store_ = std::move(*store);
    } else {
      store_ = std::make_unique<storage::MemoryStore>();
    }
  }
  ~TestStore() {
    store_.reset();
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path_ + suffix).c_str());
    }
  }
  app::Store& get() { return *store_; }
  // The test asked for PostgreSQL and was given no server.
  bool missing() const { return missing_; }

 private:
  std::string path_;
  bool missing_ = false;
  std::unique_ptr<testing::PostgresScratch> schema_;
  std::unique_ptr<app::Store> store_;
};

// Cynnal served in-process on a free port over the demo data, with a clock fixed at
// 2026-11-20 10:00 UTC (a Friday in term time).
class WebFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test_store_.missing()) CYNNAL_SKIP_WITHOUT_POSTGRES();
    auto seeded = app::SeedDemoData(store_, hasher_, clock_.Today());
    ASSERT_TRUE(seeded.has_value()) << seeded.error().message;
    auto catalog = http::Catalog::Load(CYNNAL_DEFAULT_ROOT);
    ASSERT_TRUE(catalog.has_value()) << catalog.error().message;
    auto templates = http::Templates::Load(CYNNAL_DEFAULT_ROOT, **catalog);
    ASSERT_TRUE(templates.has_value()) << templates.error().message;
    catalog_ = *catalog;
    http::ServerConfig config;
    config.root = CYNNAL_DEFAULT_ROOT;
    config.max_body_bytes = 64 * 1024;
    web_ = std::make_unique<http::WebApp>(services_, *catalog, *templates, config);
    web_->Install(server_);
    http::Configure(server_, 8);
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  void TearDown() override {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(20, 0);
    return client;
  }

  // Signs in through the JSON API (the same sessions serve the pages).
  Session SignIn(const std::string& username, const std::string& password = "cynnal-demo") {
    auto client = Client();
    nlohmann::json body{{"username", username}, {"password", password}};
    auto res = client.Post("/api/v1/session", body.dump(), "application/json");
    Session s;
    if (!res || res->status != 201) {
      ADD_FAILURE() << "sign-in failed for " << username << ": "
                    << (res ? std::to_string(res->status) + " " + res->body : "no response");
      return s;
    }
    auto cookie = res->get_header_value("Set-Cookie");
    s.cookie = cookie.substr(0, cookie.find(';'));
    s.csrf = nlohmann::json::parse(res->body)["csrf_token"].get<std::string>();
    auto uow = store_.Begin(app::TxMode::kRead);
    s.user = *(*uow)->Users().FindByUsername(username);
    // As the app does for each request of a panel member (app/authentication.cc).
    if (s.user.role == domain::Role::kPanelMember)
      s.user.panel_learners = (*uow)->Panels().AgendaLearnersFor(s.user.id);
    return s;
  }

  httplib::Result Get(const Session& s, const std::string& path) {
    auto client = Client();
    return client.Get(path, {{"Cookie", s.cookie}});
  }

  // Posts a form with the session's CSRF token added.
  httplib::Result PostForm(const Session& s, const std::string& path, httplib::Params params) {
    auto client = Client();
    params.emplace("csrf_token", s.csrf);
    return client.Post(path, {{"Cookie", s.cookie}}, params);
  }

  httplib::Result Send(const Session& s, const std::string& method, const std::string& path,
                       const std::string& json_body) {
    auto client = Client();
    httplib::Headers headers{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    if (method == "POST") return client.Post(path, headers, json_body, "application/json");
    if (method == "PUT") return client.Put(path, headers, json_body, "application/json");
    if (method == "DELETE") return client.Delete(path, headers);
    return client.Get(path, headers);
  }

  std::vector<domain::Learner> AllLearners() {
    auto uow = store_.Begin(app::TxMode::kRead);
    app::LearnerQuery q;
    q.scope.on = clock_.Today();
    std::vector<domain::Learner> all;
    for (auto& la : (*uow)->LocalAuthorities().List()) {
      q.scope.local_authority = la.id;
      q.limit = 100000;
      auto page = (*uow)->Learners().Search(q);
      for (auto& l : page.items) {
        bool seen = false;
        for (auto& a : all) seen = seen || a.id == l.id;
        if (!seen) all.push_back(l);
      }
    }
    return all;
  }

  // The first learner (by name) of the user's own LA that `s`'s user may update.
  domain::Learner UpdatableBy(const Session& s) {
    for (const auto& l : AllLearners())
      if (l.local_authority == s.user.local_authority &&
          domain::MayAccessLearner(s.user, domain::LearnerAction::kUpdate, l, clock_.Today()))
        return l;
    ADD_FAILURE() << s.user.username << " may update no learner of their LA";
    return {};
  }

  static std::string Id(long long value) { return std::to_string(value); }
  int ThisYear() { return domain::AcademicYearOf(clock_.Today()); }

  // A page that must answer 200; its body ("" and a failure otherwise).
  std::string Page(const Session& s, const std::string& path) {
    auto res = Get(s, path);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << path << ": "
                    << (res ? std::to_string(res->status) + "\n" +
                                  TextOf(Element(res->body, "main-content", "</main>"))
                            : "no response");
      return "";
    }
    return res->body;
  }

  // A download that must answer 200.
  httplib::Response Download(const Session& s, const std::string& path) {
    auto res = Get(s, path);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << path << ": " << (res ? std::to_string(res->status) : "no answer");
      return {};
    }
    return *res;
  }

  // The status of an answer (0 when there was none), or of a page fetched as `s`.
  static int Status(const httplib::Result& res) { return res ? res->status : 0; }
  int Status(const Session& s, const std::string& path) { return Status(Get(s, path)); }

  // Posts a form and answers where the 303 leads ("" and a failure otherwise).
  std::string PostStep(const Session& s, const std::string& path, httplib::Params params) {
    auto res = PostForm(s, path, std::move(params));
    if (!res) {
      ADD_FAILURE() << "POST " << path << ": no response";
      return "";
    }
    if (res->status != 303) {
      ADD_FAILURE() << "POST " << path << ": " << res->status << "\n"
                    << TextOf(Element(res->body, "main-content", "</main>"));
      return "";
    }
    return res->get_header_value("Location");
  }

  // Posts a form that must be refused with `status`; answers the page.
  std::string PostRefused(const Session& s, const std::string& path, httplib::Params params,
                          int status) {
    auto res = PostForm(s, path, std::move(params));
    if (!res) {
      ADD_FAILURE() << "POST " << path << ": no response";
      return "";
    }
    EXPECT_EQ(res->status, status) << "POST " << path << "\n"
                                   << TextOf(Element(res->body, "main-content", "</main>"));
    return res->body;
  }

  // The demo's setting named `name`.
  domain::Setting SettingNamed(const std::string& name) {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (auto& la : (*uow)->LocalAuthorities().List())
      for (auto& s : (*uow)->Settings().ListByLocalAuthority(la.id))
        if (s.name == name) return s;
    ADD_FAILURE() << "the demo has no " << name;
    return {};
  }

  // Mali ap Rhys, the "parent" account's daughter at Bryn Derw.
  domain::Learner Mali() {
    for (const auto& l : AllLearners())
      if (l.legal_first_name == "Mali" && l.legal_last_name == "ap Rhys") return l;
    ADD_FAILURE() << "the demo has no Mali ap Rhys";
    return {};
  }

  int AuditCount() {
    auto uow = store_.Begin(app::TxMode::kRead);
    int total = 0;
    for (auto& la : (*uow)->LocalAuthorities().List()) {
      app::AuditQuery q;
      q.local_authority = la.id;
      q.limit = 1;
      total += (*uow)->Audit().Search(q).total;
    }
    return total;
  }

  TestStore test_store_;
  app::Store& store_ = test_store_.get();
  platform::FixedClock clock_{
      domain::Timestamp{std::chrono::sys_days{
          domain::Date{std::chrono::year{2026}, std::chrono::November, std::chrono::day{20}}}} +
      std::chrono::hours{10}};
  platform::SodiumPasswordHasher hasher_{
      platform::SodiumPasswordHasher::Strength::kMinimumForTests};
  platform::SodiumTokenSource tokens_;
  app::Services services_{store_, clock_, hasher_, tokens_};
  std::shared_ptr<const http::Catalog> catalog_;
  std::unique_ptr<http::WebApp> web_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace cynnal::testing
