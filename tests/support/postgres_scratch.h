#pragma once

// A fresh schema of its own in the test PostgreSQL server for one test, so that tests running at
// once never see each other's rows. scripts/with-postgres starts the server and names it in
// CYNNAL_TEST_POSTGRES; scripts/test sets CYNNAL_REQUIRE_POSTGRES=1 so that a missing server
// fails the PostgreSQL tests rather than skipping them.

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <stdexcept>
#include <string>

namespace cynnal::testing {

// The server's URL, if the tests were given one.
inline std::optional<std::string> PostgresServerUrl() {
  const char* url = std::getenv("CYNNAL_TEST_POSTGRES");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

// Whether the PostgreSQL tests must run (and so fail) when no server was given.
inline bool PostgresRequired() {
  const char* required = std::getenv("CYNNAL_REQUIRE_POSTGRES");
  return required != nullptr && std::string(required) == "1";
}

// In a test (or a fixture's SetUp): fails it when PostgreSQL is required, else skips it, unless a
// server was given.
#define CYNNAL_SKIP_WITHOUT_POSTGRES()                                                     \
  do {                                                                                     \
    if (!::cynnal::testing::PostgresServerUrl()) {                                         \
      if (::cynnal::testing::PostgresRequired()) FAIL() << ::cynnal::testing::kNoPostgres; \
      GTEST_SKIP() << ::cynnal::testing::kNoPostgres;                                      \
    }                                                                                      \
  } while (false)

inline const char* kNoPostgres =
    "no PostgreSQL server: run the tests under scripts/with-postgres (scripts/test does)";

class PostgresScratch {
 public:
  explicit PostgresScratch(std::string server_url) : server_url_(std::move(server_url)) {
    static std::atomic<int> counter{0};
    std::random_device random;
    schema_ = "test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
              std::to_string(random() % 1000000);
    pqxx::connection connection(server_url_);
    pqxx::nontransaction work(connection);
    work.exec("CREATE SCHEMA " + schema_);
    url_ = server_url_ + (server_url_.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  }
  ~PostgresScratch() {
    try {
      pqxx::connection connection(server_url_);
      pqxx::nontransaction work(connection);
      work.exec("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (...) {  // the server is going away with its folder in any case
    }
  }
  PostgresScratch(const PostgresScratch&) = delete;
  PostgresScratch& operator=(const PostgresScratch&) = delete;

  // The URL of the database with this schema first on the search path.
  const std::string& url() const { return url_; }
  const std::string& schema() const { return schema_; }

 private:
  std::string server_url_;
  std::string schema_;
  std::string url_;
};

}  // namespace cynnal::testing
