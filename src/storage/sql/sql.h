#pragma once

// What the SQL stores (SQLite, PostgreSQL) share: a connection interface each engine implements,
// one query at a time with parameters bound in order of the ?s, the transaction of a unit of work,
// and the failures they report. The repositories (sql_repositories.cc) are written once against
// these and run on either engine.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"

namespace cynnal::storage::sql {

// Why a statement failed, as far as Cynnal cares.
enum class FailureKind {
  kBusy,         // locked, timed out, or a serialisation failure: try again
  kUnavailable,  // the database cannot be opened or reached
  kUnique,       // a unique or primary key
  kForeignKey,   // a reference to a row that does not exist
  kCorrupt,      // stored data Cynnal cannot read
  kOther,
};

// A failed SQL call. what() names the operation and the engine's generic description, never SQL
// text or data. A unique-key failure of a statement that said what such a failure means carries
// that message id (and the form field it concerns).
class Failure : public std::runtime_error {
 public:
  Failure(FailureKind kind, const std::string& what, std::string conflict = "",
          std::string field = "")
      : std::runtime_error(what),
        kind_(kind),
        conflict_(std::move(conflict)),
        field_(std::move(field)) {}

  FailureKind kind() const { return kind_; }
  const std::string& conflict() const { return conflict_; }
  const std::string& field() const { return field_; }

 private:
  FailureKind kind_;
  std::string conflict_;
  std::string field_;
};

[[noreturn]] void Corrupt(const std::string& what);

// The domain error for a failure: busy -> kUnavailable, a known unique key -> kConflict with its
// message id, anything else -> kInternal.
domain::Error ToError(const Failure& failure);

// Bytes bound as a BLOB (SQLite) or bytea (PostgreSQL) rather than as text.
struct Blob {
  std::string bytes;
};

using Param = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Value = std::variant<std::nullptr_t, std::int64_t, std::string, Blob>;

// The rows of one statement, read forwards.
class Rows {
 public:
  virtual ~Rows() = default;
  // Moves to the next row: true with a row to read, false when done.
  virtual bool Next() = 0;
  virtual bool Null(int column) = 0;
  virtual std::int64_t Int(int column) = 0;
  virtual std::string Text(int column) = 0;  // dates as YYYY-MM-DD, times as FormatTimestamp
  virtual std::string Bytes(int column) = 0;
};

// Where the engines' SQL differs. Statements are otherwise written once, in the SQL both accept.
struct Dialect {
  // Case-insensitive LIKE.
  const char* like;
  // A subquery of the integers in a JSON array bound as one parameter, e.g. "[1,2,3]".
  const char* json_ids;
};

// One open connection, used by one thread at a time.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual const Dialect& dialect() const = 0;
  // Runs `sql` (with ? placeholders) with `params`; throws Failure.
  virtual std::unique_ptr<Rows> Execute(const std::string& sql,
                                        const std::vector<Value>& params) = 0;
  // Runs statements that return nothing needed (transaction control, migrations).
  virtual void Exec(const std::string& sql, const std::string& operation) = 0;
  virtual bool InTransaction() = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual std::int64_t Changes() = 0;
  // The id given to the row the last INSERT added.
  virtual std::int64_t LastInsertId() = 0;
  // False once the connection is known to be lost.
  virtual bool Healthy() { return true; }
};

// One execution of a statement: bind, step, read columns. The statement runs when first stepped.
class Query {
 public:
  Query(Connection& connection, std::string sql) : connection_(connection), sql_(std::move(sql)) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  template <typename... Args>
  Query& Bind(const Args&... args) {
    (BindOne(args), ...);
    return *this;
  }

  Query& BindAll(const std::vector<Param>& params) {
    for (const Param& param : params) BindOne(param);
    return *this;
  }

  // What a unique-key failure of this statement means to the user (a message id), and the form
  // field it concerns.
  Query& OnConflict(std::string message, std::string field = "") {
    conflict_ = std::move(message);
    field_ = std::move(field);
    return *this;
  }

  // Steps once: true with a row to read, false when done.
  bool Next();

  void Run() {
    while (Next()) {
    }
  }

  bool Null(int column) { return rows_->Null(column); }
  std::int64_t Int(int column) { return rows_->Int(column); }
  bool Bool(int column) { return Int(column) != 0; }
  std::string Bytes(int column) { return rows_->Bytes(column); }
  std::string Text(int column) { return rows_->Text(column); }
  template <typename IdT>
  IdT Id(int column) {
    return IdT{Int(column)};
  }
  template <typename IdT>
  std::optional<IdT> OptionalId(int column) {
    if (Null(column)) return std::nullopt;
    return IdT{Int(column)};
  }
  domain::Date DateAt(int column);
  std::optional<domain::Date> OptionalDateAt(int column) {
    if (Null(column)) return std::nullopt;
    return DateAt(column);
  }
  domain::Timestamp TimestampAt(int column);
  std::optional<domain::Timestamp> OptionalTimestampAt(int column) {
    if (Null(column)) return std::nullopt;
    return TimestampAt(column);
  }

 private:
  void BindOne(std::nullptr_t) { params_.emplace_back(nullptr); }
  void BindOne(std::int64_t value) { params_.emplace_back(value); }
  void BindOne(int value) { BindOne(static_cast<std::int64_t>(value)); }
  void BindOne(bool value) { BindOne(std::int64_t{value ? 1 : 0}); }
  void BindOne(std::string_view value) { params_.emplace_back(std::string(value)); }
  void BindOne(const std::string& value) { params_.emplace_back(value); }
  void BindOne(const char* value) { BindOne(std::string_view(value)); }
  void BindOne(domain::Date date) { BindOne(domain::FormatIsoDate(date)); }
  void BindOne(domain::Timestamp at) { BindOne(domain::FormatTimestamp(at)); }
  void BindOne(const Blob& blob) { params_.emplace_back(blob); }
  template <typename Tag>
  void BindOne(domain::Id<Tag> id) {
    BindOne(id.value());
  }
  template <typename T>
  void BindOne(const std::optional<T>& value) {
    if (value) {
      BindOne(*value);
    } else {
      BindOne(nullptr);
    }
  }
  void BindOne(const Param& param) {
    std::visit([this](const auto& value) { BindOne(value); }, param);
  }

  Connection& connection_;
  std::string sql_;
  std::vector<Value> params_;
  std::unique_ptr<Rows> rows_;
  std::string conflict_;
  std::string field_;
};

template <typename T, typename FromCode>
T Decode(const std::string& code, FromCode from_code, const char* what) {
  std::optional<T> value = from_code(code);
  if (!value) Corrupt(what);
  return *value;
}

// A connection lent to one unit of work by an engine's pool, given back when destroyed.
class Lease {
 public:
  virtual ~Lease() = default;
  virtual Connection& connection() = 0;
  // The connection's state is unknown: close it rather than lend it again.
  virtual void MarkBroken() = 0;
};

// The transaction of one unit of work on its leased connection, begun by the engine.
class Tx {
 public:
  Tx(std::unique_ptr<Lease> lease, app::TxMode mode) : lease_(std::move(lease)), mode_(mode) {}
  ~Tx();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

  Connection& conn() const { return lease_->connection(); }

  domain::Status Commit();

  // Runs `body` (which returns a Status or Result) as one write: refused unless this unit of
  // work may write; undone in full if it fails or throws Failure, whose error it returns.
  template <typename F>
  auto Write(F&& body) -> decltype(body()) {
    using R = decltype(body());
    if (mode_ == app::TxMode::kRead) return R(domain::Error::Internal("store_error_read_only"));
    if (committed_) return R(domain::Error::Internal("store_error_finished"));
    if (ended_) return R(domain::Error::Internal("store_error_rolled_back"));
    try {
      conn().Exec("SAVEPOINT cynnal_write", "a savepoint");
    } catch (const Failure& failure) {
      return R(ToError(failure));
    }
    try {
      R result = body();
      if (result.has_value()) {
        conn().Exec("RELEASE cynnal_write", "releasing a savepoint");
      } else {
        Undo();
      }
      return result;
    } catch (const Failure& failure) {
      Undo();
      return R(ToError(failure));
    }
  }

 private:
  void Undo();

  std::unique_ptr<Lease> lease_;
  app::TxMode mode_;
  bool committed_ = false;
  bool ended_ = false;
};

// A unit of work over every repository, in the transaction already begun on the lease.
std::unique_ptr<app::UnitOfWork> MakeUnitOfWork(std::unique_ptr<Lease> lease, app::TxMode mode);

}  // namespace cynnal::storage::sql
