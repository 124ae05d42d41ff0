#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "app/demo_data.h"
#include "domain/access_policy.h"
#include "http/server.h"
#include "platform/sodium_secrets.h"
#include "platform/system_clock.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace cynnal::testing {

// A signed-in browser or API client: the session cookie and its CSRF token.
struct Session {
  std::string cookie;  // "cynnal_session=..."
  std::string csrf;
  domain::User user;
};

// The store the HTTP tests run against: SQLite on a fresh temporary file when the environment
// variable CYNNAL_TEST_STORE is "sqlite" (ctest runs the suite both ways), else in memory.
class TestStore {
 public:
  TestStore() {
    const char* kind = std::getenv("CYNNAL_TEST_STORE");
    if (kind && std::string(kind) == "sqlite") {
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

 private:
  std::string path_;
  std::unique_ptr<app::Store> store_;
};

// Cynnal served in-process on a free port over the demo data, with a clock fixed at
// 2026-11-20 10:00 UTC (a Friday in term time).
class WebFixture : public ::testing::Test {
 protected:
  void SetUp() override {
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
