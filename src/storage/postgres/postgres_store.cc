#include "storage/postgres/postgres_store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "storage/migration.h"
#include "storage/sql/pool.h"
#include "storage/sql/sql.h"

namespace cynnal::storage {
namespace {

using app::Result;
using app::TxMode;
using domain::Error;

constexpr std::chrono::milliseconds kPoolWait{5000};
// Writers take turns on this advisory lock (any number both engines' builds agree on).
constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(4331001)";
constexpr const char* kMigrationLock = "SELECT pg_advisory_lock(4331002)";
constexpr const char* kMigrationUnlock = "SELECT pg_advisory_unlock(4331002)";

// Type ids of the columns whose text PostgreSQL writes differently from SQLite.
constexpr pqxx::oid kBoolOid = 16;
constexpr pqxx::oid kByteaOid = 17;
constexpr pqxx::oid kTimestampTzOid = 1184;

// The store failure for an exception from libpqxx. what() keeps PostgreSQL's message (which
// names constraints, never values) but not the statement.
[[noreturn]] void Rethrow(const std::string& operation) {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    throw sql::Failure(sql::FailureKind::kUnavailable,
                       "PostgreSQL " + operation + " failed: the connection was lost");
  } catch (const pqxx::sql_error& e) {
    const std::string& state = e.sqlstate();
    sql::FailureKind kind = sql::FailureKind::kOther;
    if (state == "23505") {
      kind = sql::FailureKind::kUnique;
    } else if (state == "23503") {
      kind = sql::FailureKind::kForeignKey;
    } else if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") {
      kind = sql::FailureKind::kBusy;  // serialisation, deadlock, lock or statement timeout
    } else if (state.rfind("08", 0) == 0) {
      kind = sql::FailureKind::kUnavailable;
    }
    std::string message = e.what();
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    throw sql::Failure(kind, "PostgreSQL " + operation + " failed (" + state + "): " + message);
  } catch (const sql::Failure&) {
    throw;
  } catch (const std::exception& e) {
    throw sql::Failure(sql::FailureKind::kOther,
                       "PostgreSQL " + operation + " failed: " + std::string(e.what()));
  }
}

// "?" placeholders as "$1", "$2", ... (quoted strings are skipped).
std::string Numbered(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

// A statement as PostgreSQL takes it: numbered placeholders, and "x COLLATE NOCASE", SQLite's
// case-folded order, as lower(x) COLLATE "C".
std::string ForPostgres(const std::string& sql) {
  static constexpr std::string_view kNocase = " COLLATE NOCASE";
  auto is_name = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
  };
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = sql.find(kNocase); at != std::string::npos; at = sql.find(kNocase, from)) {
    std::size_t start = at;
    while (start > from && is_name(sql[start - 1])) --start;
    out += sql.substr(from, start - from);
    out += "lower(" + sql.substr(start, at - start) + ") COLLATE \"C\"";
    from = at + kNocase.size();
  }
  out += sql.substr(from);
  return Numbered(out);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

constexpr sql::Dialect kPostgresDialect{
    "ILIKE",
    "SELECT value::bigint FROM json_array_elements_text(?::json)",
};

class PostgresRows final : public sql::Rows {
 public:
  explicit PostgresRows(pqxx::result result) : result_(std::move(result)) {}

  bool Next() override {
    ++row_;
    return row_ < static_cast<long long>(result_.size());
  }
  bool Null(int column) override { return Field(column).is_null(); }
  std::int64_t Int(int column) override {
    pqxx::field field = Field(column);
    if (field.is_null()) return 0;
    std::string_view text(field.c_str(), field.size());
    if (field.type() == kBoolOid) return text == "t" ? 1 : 0;
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || (end != text.data() + text.size() && *end != '.')) {
      sql::Corrupt("a number");
    }
    return value;
  }
  std::string Text(int column) override {
    pqxx::field field = Field(column);
    if (field.is_null()) return "";
    std::string text(field.c_str(), field.size());
    if (field.type() == kTimestampTzOid) {
      // "2026-11-20 10:00:00+00" (the session is in UTC) as "2026-11-20T10:00:00Z".
      if (text.size() < 19) sql::Corrupt("a timestamp");
      text = text.substr(0, 10) + "T" + text.substr(11, 8) + "Z";
    }
    return text;
  }
  std::string Bytes(int column) override {
    pqxx::field field = Field(column);
    if (field.is_null()) return "";
    std::string_view text(field.c_str(), field.size());
    if (field.type() != kByteaOid) return std::string(text);
    if (text.size() < 2 || text.substr(0, 2) != "\\x" || text.size() % 2 != 0) {
      sql::Corrupt("stored bytes");
    }
    std::string out;
    out.reserve(text.size() / 2 - 1);
    for (std::size_t i = 2; i < text.size(); i += 2) {
      int high = HexDigit(text[i]);
      int low = HexDigit(text[i + 1]);
      if (high < 0 || low < 0) sql::Corrupt("stored bytes");
      out += static_cast<char>(high * 16 + low);
    }
    return out;
  }

 private:
  pqxx::field Field(int column) {
    if (row_ < 0 || row_ >= static_cast<long long>(result_.size()) || column < 0 ||
        column >= static_cast<int>(result_.columns())) {
      sql::Corrupt("a column");
    }
    return result_[static_cast<pqxx::result::size_type>(row_)]
                  [static_cast<pqxx::row::size_type>(column)];
  }

  pqxx::result result_;
  long long row_ = -1;
};

// One open connection with its prepared statements. Transactions are begun and ended with SQL
// (BEGIN, SAVEPOINT, COMMIT) through a libpqxx nontransaction, as on SQLite.
class PostgresConnection final : public sql::Connection {
 public:
  explicit PostgresConnection(const std::string& url)
      : connection_(url), work_(std::make_unique<pqxx::nontransaction>(connection_)) {
    work_->exec(
        "SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'; SET lock_timeout = '5s'; "
        "SET statement_timeout = '30s'; SET client_encoding = 'UTF8'");
  }
  ~PostgresConnection() override {
    try {
      work_.reset();
      connection_.disconnect();
    } catch (...) {  // closing: nothing more can be done
    }
  }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  const sql::Dialect& dialect() const override { return kPostgresDialect; }
  bool InTransaction() override { return in_transaction_; }
  std::int64_t Changes() override { return changes_; }
  std::int64_t LastInsertId() override {
    try {
      pqxx::result result = work_->exec("SELECT lastval()");
      return result[0][0].as<std::int64_t>();
    } catch (...) {
      Rethrow("reading a new row's id");
    }
  }

  std::unique_ptr<sql::Rows> Execute(const std::string& sql,
                                     const std::vector<sql::Value>& params) override {
    try {
      auto [entry, added] = names_.try_emplace(sql);
      if (added) {
        entry->second = "s" + std::to_string(names_.size());
        connection_.prepare(entry->second, ForPostgres(sql));
      }
      std::vector<std::string> texts(params.size());
      std::vector<const char*> values(params.size(), nullptr);
      for (std::size_t i = 0; i < params.size(); ++i) {
        std::visit(
            [&](const auto& v) {
              using T = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<T, std::nullptr_t>) {
                values[i] = nullptr;
              } else if constexpr (std::is_same_v<T, std::int64_t>) {
                texts[i] = std::to_string(v);
                values[i] = texts[i].c_str();
              } else if constexpr (std::is_same_v<T, std::string>) {
                values[i] = v.c_str();
              } else {
                texts[i] = Hex(v.bytes);
                values[i] = texts[i].c_str();
              }
            },
            params[i]);
      }
      pqxx::result result =
          work_->exec_prepared(entry->second, pqxx::prepare::make_dynamic_params(values));
      changes_ = static_cast<std::int64_t>(result.affected_rows());
      return std::make_unique<PostgresRows>(std::move(result));
    } catch (...) {
      Rethrow("statement");
    }
  }

  void Exec(const std::string& sql, const std::string& operation) override {
    bool begins = sql.rfind("BEGIN", 0) == 0;
    bool ends = sql == "COMMIT" || sql == "ROLLBACK";
    try {
      work_->exec(sql);
    } catch (...) {
      if (ends) in_transaction_ = false;  // PostgreSQL ends the transaction either way
      Rethrow(operation);
    }
    if (begins) in_transaction_ = true;
    if (ends) in_transaction_ = false;
  }

  bool Healthy() override { return connection_.is_open(); }

 private:
  pqxx::connection connection_;
  std::unique_ptr<pqxx::nontransaction> work_;
  std::unordered_map<std::string, std::string> names_;  // statement -> prepared name
  bool in_transaction_ = false;
  std::int64_t changes_ = 0;
};

// The host, port and database of a connection string, without its password, for messages.
std::string Describe(const std::string& url) {
  std::string out = url;
  auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    auto at = out.find('@', scheme);
    if (at != std::string::npos) out = out.substr(0, scheme + 3) + out.substr(at + 1);
    auto query = out.find('?');
    if (query != std::string::npos) out = out.substr(0, query);
    return out;
  }
  // key=value form: drop password=...
  std::string kept;
  std::size_t start = 0;
  while (start < url.size()) {
    std::size_t end = url.find(' ', start);
    if (end == std::string::npos) end = url.size();
    std::string part = url.substr(start, end - start);
    if (!part.empty() && part.rfind("password=", 0) != 0) kept += (kept.empty() ? "" : " ") + part;
    start = end + 1;
  }
  return kept;
}

Result<std::unique_ptr<PostgresConnection>> ConnectTo(const std::string& url) {
  try {
    return std::make_unique<PostgresConnection>(url);
  } catch (const std::exception& e) {
    std::string reason = e.what();
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    auto newline = reason.find('\n');
    if (newline != std::string::npos) reason = reason.substr(0, newline);
    return Error::Unavailable("Cannot connect to the PostgreSQL database " + Describe(url) + " (" +
                              reason +
                              "). Check that the server is running, and the host, port, user, "
                              "password and database name.");
  }
}

}  // namespace

// The open connections to one database.
class PostgresPool : public sql::Pool<PostgresConnection> {
 public:
  explicit PostgresPool(const std::string& url)
      : sql::Pool<PostgresConnection>([url] { return ConnectTo(url); }), url_(url) {}

  const std::string& url() const { return url_; }

 private:
  std::string url_;
};

namespace {

using PostgresLease = sql::PoolLease<PostgresConnection>;

}  // namespace

std::string PostgresStore::WithoutPassword(const std::string& database) {
  return IsUrl(database) || database.find('=') != std::string::npos ? Describe(database) : database;
}

bool PostgresStore::IsUrl(const std::string& database) {
  return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

domain::Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& url,
                                                                   int pool_size) {
  auto pool = std::make_unique<PostgresPool>(url);
  auto filled = pool->Fill(pool_size);
  if (!filled) return filled.error();
  return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

PostgresStore::PostgresStore(std::unique_ptr<PostgresPool> pool) : pool_(std::move(pool)) {}

PostgresStore::~PostgresStore() = default;

domain::Result<int> PostgresStore::Migrate() {
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return Error::Unavailable("store_error_busy");
  PostgresLease lease(*pool_, std::move(connection));
  PostgresConnection& c = lease.connection();
  std::string current = "the migrations table";
  bool locked = false;
  try {
    c.Exec(kMigrationLock, "waiting for other migrations");
    locked = true;
    c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)",
        "creating the migrations table");
    int applied = sql::ApplyMigrations(c, postgresMigrations(), "BEGIN", "now()", current);
    c.Exec(kMigrationUnlock, "ending the migrations");
    return applied;
  } catch (const sql::Failure& failure) {
    try {
      if (c.InTransaction()) c.Exec("ROLLBACK", "rolling back " + current);
      if (locked) c.Exec(kMigrationUnlock, "ending the migrations");
    } catch (const sql::Failure&) {
      lease.MarkBroken();
    }
    Error error = sql::ToError(failure);
    if (error.code == domain::ErrorCode::kUnavailable) return error;
    return Error::Internal("Could not apply " + current + " to " + Describe(pool_->url()) + " (" +
                           failure.what() + ").");
  }
}

int PostgresStore::SchemaVersion() {
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return -1;
  PostgresLease lease(*pool_, std::move(connection));
  try {
    {
      sql::Query q(lease.connection(),
                   "SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL");
      if (!q.Next()) return 0;
    }
    sql::Query q(lease.connection(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return q.Next() ? static_cast<int>(q.Int(0)) : 0;
  } catch (const sql::Failure&) {
    lease.MarkBroken();
    return -1;
  }
}

app::Result<std::unique_ptr<app::UnitOfWork>> PostgresStore::Begin(app::TxMode mode) {
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return Error::Unavailable("store_error_busy");
  auto lease = std::make_unique<PostgresLease>(*pool_, std::move(connection));
  try {
    if (mode == TxMode::kWrite) {
      lease->connection().Exec("BEGIN ISOLATION LEVEL READ COMMITTED", "beginning a write");
      lease->connection().Exec(kWriteLock, "waiting for other writers");
    } else {
      lease->connection().Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                               "beginning a read");
    }
  } catch (const sql::Failure& failure) {
    try {
      if (lease->connection().InTransaction()) lease->connection().Exec("ROLLBACK", "rollback");
    } catch (const sql::Failure&) {
      lease->MarkBroken();
    }
    return sql::ToError(failure);
  }
  return sql::MakeUnitOfWork(std::move(lease), mode);
}

}  // namespace cynnal::storage
