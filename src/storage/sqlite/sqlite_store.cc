#include "storage/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
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

constexpr int kBusyTimeoutMs = 5000;
constexpr std::chrono::milliseconds kPoolWait{kBusyTimeoutMs};

// A failed SQLite call, as a store failure: what() names the operation and SQLite's generic
// description of the result code, never SQL text or data.
[[noreturn]] void Fail(int code, const std::string& operation) {
  sql::FailureKind kind = sql::FailureKind::kOther;
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = sql::FailureKind::kBusy;
      break;
    case SQLITE_CANTOPEN:
      kind = sql::FailureKind::kUnavailable;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      kind = sql::FailureKind::kCorrupt;
      break;
    default:
      break;
  }
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    kind = sql::FailureKind::kUnique;
  } else if (code == SQLITE_CONSTRAINT_FOREIGNKEY) {
    kind = sql::FailureKind::kForeignKey;
  }
  throw sql::Failure(kind, "SQLite " + operation + " failed: " + sqlite3_errstr(code));
}

constexpr sql::Dialect kSqliteDialect{
    "LIKE",  // SQLite's LIKE folds ASCII case
    "SELECT value FROM json_each(?)",
};

class Connection;

// The rows of one statement, stepped as they are read; the statement goes back to its
// connection's cache when done.
class SqliteRows final : public sql::Rows {
 public:
  SqliteRows(Connection& connection, const std::string& sql, sqlite3_stmt* statement)
      : connection_(connection), sql_(sql), statement_(statement) {}
  ~SqliteRows() override;

  bool Next() override {
    int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Fail(rc, "statement");
  }
  bool Null(int column) override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::int64_t Int(int column) override { return sqlite3_column_int64(statement_, column); }
  std::string Bytes(int column) override {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    if (bytes == nullptr) return "";
    return std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }
  std::string Text(int column) override {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (text == nullptr) return "";
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  Connection& connection_;
  const std::string& sql_;  // the key of the statement in its connection's cache
  sqlite3_stmt* statement_;
};

// One open database connection with its cache of prepared statements. Used by one thread at a
// time.
class Connection final : public sql::Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() override {
    for (auto& [sql, statements] : idle_)
      for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const sql::Dialect& dialect() const override { return kSqliteDialect; }
  sqlite3* db() const { return db_; }
  bool InTransaction() override { return sqlite3_get_autocommit(db_) == 0; }
  std::int64_t Changes() override { return sqlite3_changes(db_); }
  std::int64_t LastInsertId() override { return sqlite3_last_insert_rowid(db_); }

  std::unique_ptr<sql::Rows> Execute(const std::string& sql,
                                     const std::vector<sql::Value>& params) override {
    auto entry = idle_.try_emplace(sql).first;
    sqlite3_stmt* statement = nullptr;
    if (!entry->second.empty()) {
      statement = entry->second.back();
      entry->second.pop_back();
    } else {
      int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
      if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        Fail(rc, "prepare");
      }
    }
    // The rows give the statement back to the cache, bound or not.
    auto rows = std::make_unique<SqliteRows>(*this, entry->first, statement);
    int index = 1;
    for (const sql::Value& value : params) {
      int rc = std::visit(
          [&](const auto& v) -> int {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
              return sqlite3_bind_null(statement, index);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
              return sqlite3_bind_int64(statement, index, v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              return sqlite3_bind_text64(statement, index, v.data(), v.size(), SQLITE_TRANSIENT,
                                         SQLITE_UTF8);
            } else {
              return sqlite3_bind_blob64(statement, index, v.bytes.data(), v.bytes.size(),
                                         SQLITE_TRANSIENT);
            }
          },
          value);
      if (rc != SQLITE_OK) Fail(rc, "bind");
      ++index;
    }
    return rows;
  }

  void Release(const std::string& sql, sqlite3_stmt* statement) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    idle_[sql].push_back(statement);
  }

  void Exec(const std::string& sql, const std::string& operation) override {
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) Fail(sqlite3_extended_errcode(db_), operation);
  }

 private:
  sqlite3* db_;
  // Keys are never erased, so SqliteRows may keep a reference to theirs.
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_;
};

SqliteRows::~SqliteRows() { connection_.Release(sql_, statement_); }

std::string FolderOf(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  return folder.empty() ? "." : folder.string();
}

Result<std::unique_ptr<Connection>> OpenConnection(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(db);
    return Error::Unavailable("Cannot open the database file " + path + " (" + sqlite3_errstr(rc) +
                              "). Check the path and that Cynnal may write to its folder.");
  }
  auto connection = std::make_unique<Connection>(db);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  try {
    connection->Exec("PRAGMA journal_mode = WAL", "setting the journal mode");
    connection->Exec("PRAGMA foreign_keys = ON", "turning on foreign keys");
    connection->Exec("PRAGMA synchronous = NORMAL", "setting synchronous");
  } catch (const sql::Failure& failure) {
    return Error::Unavailable("Cannot use the database file " + path + " (" + failure.what() +
                              "). Check that it is a Cynnal database and not in use by another "
                              "program.");
  }
  return connection;
}

}  // namespace

// The open connections of one database file, and the lock this process's writers queue on.
class SqlitePool : public sql::Pool<Connection> {
 public:
  explicit SqlitePool(const std::string& path)
      : sql::Pool<Connection>([path] { return OpenConnection(path); }), path_(path) {}

  const std::string& path() const { return path_; }

  // Held by a writing unit of work of this process, so that writers queue here rather than
  // poll SQLite's lock.
  std::timed_mutex& write_mutex() { return write_mutex_; }

 private:
  std::string path_;
  std::timed_mutex write_mutex_;
};

namespace {

using SqliteLease = sql::PoolLease<Connection>;

}  // namespace

domain::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                               int pool_size) {
  std::string folder = FolderOf(path);
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    return Error::Unavailable("Cannot open the database file " + path + ": the folder " + folder +
                              " does not exist. Create it, or choose another database path.");
  }
  auto pool = std::make_unique<SqlitePool>(path);
  auto filled = pool->Fill(pool_size);
  if (!filled) return filled.error();
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool)));
}

SqliteStore::SqliteStore(std::unique_ptr<SqlitePool> pool) : pool_(std::move(pool)) {}

SqliteStore::~SqliteStore() = default;

domain::Result<int> SqliteStore::Migrate() {
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return Error::Unavailable("store_error_busy");
  SqliteLease lease(*pool_, std::move(connection));
  Connection& c = lease.connection();
  std::string current = "the migrations table";
  try {
    c.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        "creating the migrations table");
    int applied = sql::ApplyMigrations(c, sqliteMigrations(), "BEGIN IMMEDIATE",
                                       "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", current);
    return applied;
  } catch (const sql::Failure& failure) {
    try {
      if (c.InTransaction()) c.Exec("ROLLBACK", "rolling back " + current);
    } catch (const sql::Failure&) {
      lease.MarkBroken();
    }
    Error error = sql::ToError(failure);
    if (error.code == domain::ErrorCode::kUnavailable) return error;
    return Error::Internal("Could not apply " + current + " to " + pool_->path() + " (" +
                           failure.what() + ").");
  }
}

int SqliteStore::SchemaVersion() {
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return -1;
  SqliteLease lease(*pool_, std::move(connection));
  try {
    {
      sql::Query q(lease.connection(),
                   "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                   "'schema_migrations'");
      if (!q.Next()) return 0;
    }
    sql::Query q(lease.connection(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    return q.Next() ? static_cast<int>(q.Int(0)) : 0;
  } catch (const sql::Failure&) {
    return -1;
  }
}

namespace {

// Copies every page of `from` into `to` with SQLite's backup API; the SQLite result code.
// Waits for a lock held by another connection up to the busy timeout, then gives up with
// SQLITE_BUSY rather than waiting for ever.
int CopyDatabase(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) return sqlite3_errcode(to);
  constexpr int kPauseMs = 20;
  int waited_ms = 0;
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (waited_ms >= kBusyTimeoutMs) break;
      sqlite3_sleep(kPauseMs);
      waited_ms += kPauseMs;
    }
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  int finished = sqlite3_backup_finish(backup);
  return rc == SQLITE_DONE ? finished : rc;
}

// An open handle closed when it goes.
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close_v2(db); }
};

}  // namespace

domain::Status SqliteStore::BackupTo(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Error::Conflict("The backup file " + path +
                           " already exists. Choose a new name; nothing was overwritten.");
  }
  if (!std::filesystem::is_directory(FolderOf(path), ec)) {
    return Error::Unavailable("Cannot write the backup " + path + ": the folder " + FolderOf(path) +
                              " does not exist.");
  }
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return Error::Unavailable("store_error_busy");
  SqliteLease lease(*pool_, std::move(connection));
  Handle target;
  int rc = sqlite3_open_v2(path.c_str(), &target.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc == SQLITE_OK) rc = CopyDatabase(lease.connection().db(), target.db);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(target.db);
    target.db = nullptr;
    std::filesystem::remove(path, ec);
    return Error::Unavailable("Cannot write the backup " + path + " (" + sqlite3_errstr(rc) +
                              "). Check the folder and the free space.");
  }
  return domain::Ok();
}

domain::Status SqliteStore::Restore(const std::string& backup, const std::string& path,
                                    bool replace) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(backup, ec)) {
    return Error::NotFound("The backup file " + backup + " does not exist.");
  }
  if (std::filesystem::equivalent(backup, path, ec)) {
    return Error::InvalidArgument("The backup " + backup +
                                  " is the database itself. Nothing was restored; name the "
                                  "database to restore it to with --database.");
  }
  Handle source;
  int rc = sqlite3_open_v2(backup.c_str(), &source.db, SQLITE_OPEN_READONLY, nullptr);
  int version = -1;
  if (rc == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(source.db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", -1,
                           &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      version = sqlite3_column_int(statement, 0);
    }
    sqlite3_finalize(statement);
  }
  if (version <= 0) {
    return Error::InvalidArgument("The file " + backup +
                                  " is not a Cynnal backup (it has no Cynnal schema). Nothing was "
                                  "restored.");
  }
  if (version > sqliteMigrations().back().version) {
    return Error::InvalidArgument("The backup " + backup + " comes from a newer Cynnal (schema " +
                                  std::to_string(version) + "). Restore it with that version.");
  }
  if (!std::filesystem::is_directory(FolderOf(path), ec)) {
    return Error::Unavailable("Cannot restore to " + path + ": the folder " + FolderOf(path) +
                              " does not exist.");
  }
  Handle target;
  rc = sqlite3_open_v2(path.c_str(), &target.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                       nullptr);
  if (rc != SQLITE_OK) {
    return Error::Unavailable("Cannot open " + path + " (" + sqlite3_errstr(rc) + ").");
  }
  sqlite3_busy_timeout(target.db, kBusyTimeoutMs);
  if (!replace) {
    sqlite3_stmt* statement = nullptr;
    bool has_learners = false;
    if (sqlite3_prepare_v2(target.db, "SELECT 1 FROM learners LIMIT 1", -1, &statement, nullptr) ==
        SQLITE_OK) {
      has_learners = sqlite3_step(statement) == SQLITE_ROW;
    }
    sqlite3_finalize(statement);
    if (has_learners) {
      return Error::Conflict("The database " + path +
                             " already holds learners. Nothing was restored; give --replace to "
                             "replace its data with the backup's.");
    }
  }
  rc = CopyDatabase(source.db, target.db);
  if (rc != SQLITE_OK) {
    return Error::Unavailable("Cannot restore to " + path + " (" + sqlite3_errstr(rc) +
                              "). Stop any server using it and try again.");
  }
  return domain::Ok();
}

app::Result<std::unique_ptr<app::UnitOfWork>> SqliteStore::Begin(app::TxMode mode) {
  std::unique_lock<std::timed_mutex> write_lock(pool_->write_mutex(), std::defer_lock);
  if (mode == TxMode::kWrite && !write_lock.try_lock_for(kPoolWait)) {
    return Error::Unavailable("store_error_busy");
  }
  auto connection = pool_->Borrow(kPoolWait);
  if (!connection) return Error::Unavailable("store_error_busy");
  auto lease = std::make_unique<SqliteLease>(*pool_, std::move(connection), std::move(write_lock));
  try {
    lease->connection().Exec(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED",
                             "beginning a transaction");
  } catch (const sql::Failure& failure) {
    return sql::ToError(failure);
  }
  return sql::MakeUnitOfWork(std::move(lease), mode);
}

}  // namespace cynnal::storage
