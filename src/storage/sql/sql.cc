#include "storage/sql/sql.h"

#include "storage/sql/pool.h"

namespace cynnal::storage::sql {

using domain::Error;

void Corrupt(const std::string& what) {
  throw Failure(FailureKind::kCorrupt, "read of " + what + " failed: the stored value is invalid");
}

Error ToError(const Failure& failure) {
  if (!failure.conflict().empty()) {
    std::map<std::string, std::string> fields;
    if (!failure.field().empty()) fields[failure.field()] = failure.conflict();
    return Error::Conflict(failure.conflict(), std::move(fields));
  }
  switch (failure.kind()) {
    case FailureKind::kBusy:
      return Error::Unavailable("store_error_busy");
    case FailureKind::kUnavailable:
      return Error::Unavailable("store_error_cannot_open");
    case FailureKind::kUnique:
      return Error::Conflict("store_error_duplicate");
    case FailureKind::kForeignKey:
      return Error::Internal("store_error_missing_reference");
    case FailureKind::kCorrupt:
    case FailureKind::kOther:
      break;
  }
  return Error::Internal("store_error_internal");
}

bool Query::Next() {
  try {
    if (!rows_) rows_ = connection_.Execute(sql_, params_);
    return rows_->Next();
  } catch (const Failure& failure) {
    if (failure.kind() == FailureKind::kUnique && !conflict_.empty() &&
        failure.conflict().empty()) {
      throw Failure(failure.kind(), failure.what(), conflict_, field_);
    }
    throw;
  }
}

namespace {

// Reads a run of ASCII digits; -1 if any is not a digit.
int Digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

// The inverse of domain::FormatIsoDate for any date it writes (ParseIsoDate is stricter).
domain::Date Query::DateAt(int column) {
  std::string text = Text(column);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') Corrupt("a date");
  int y = Digits(std::string_view(text).substr(0, 4));
  int m = Digits(std::string_view(text).substr(5, 2));
  int d = Digits(std::string_view(text).substr(8, 2));
  if (y < 0 || m < 0 || d < 0) Corrupt("a date");
  return domain::Date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                      std::chrono::day{static_cast<unsigned>(d)}};
}

// The inverse of domain::FormatTimestamp.
domain::Timestamp Query::TimestampAt(int column) {
  std::string text = Text(column);
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    Corrupt("a timestamp");
  }
  std::string_view view(text);
  int y = Digits(view.substr(0, 4));
  int mo = Digits(view.substr(5, 2));
  int d = Digits(view.substr(8, 2));
  int h = Digits(view.substr(11, 2));
  int mi = Digits(view.substr(14, 2));
  int s = Digits(view.substr(17, 2));
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) Corrupt("a timestamp");
  using namespace std::chrono;
  domain::Date date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  return domain::Timestamp{sys_days{date}} + hours{h} + minutes{mi} + seconds{s};
}

int ApplyMigrations(Connection& c, const std::vector<Migration>& all, const std::string& begin,
                    const std::string& now, std::string& current) {
  int applied = 0;
  for (const Migration& migration : all) {
    current = "migration " + migration.name;
    c.Exec(begin, "beginning " + current);
    bool done = false;
    {
      Query q(c, "SELECT 1 FROM schema_migrations WHERE version = ?");
      q.Bind(migration.version);
      done = q.Next();
    }
    if (!done) {
      c.Exec(migration.sql, "applying " + current);
      Query(c,
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, " + now + ")")
          .Bind(migration.version, migration.name)
          .Run();
      ++applied;
    }
    c.Exec("COMMIT", "committing " + current);
  }
  return applied;
}

Tx::~Tx() {
  try {
    if (conn().InTransaction()) conn().Exec("ROLLBACK", "rolling back");
  } catch (const Failure&) {
    lease_->MarkBroken();
  }
}

domain::Status Tx::Commit() {
  if (committed_) return Error::Internal("store_error_finished");
  if (ended_) return Error::Internal("store_error_rolled_back");
  try {
    conn().Exec("COMMIT", "committing");
  } catch (const Failure& failure) {
    return ToError(failure);
  }
  committed_ = true;
  return domain::Ok();
}

void Tx::Undo() {
  if (!conn().InTransaction()) {
    ended_ = true;  // the engine rolled back the whole transaction itself (I/O error, full disk)
    return;
  }
  try {
    conn().Exec("ROLLBACK TO cynnal_write", "rolling back a write");
    conn().Exec("RELEASE cynnal_write", "releasing a savepoint");
  } catch (const Failure&) {
    ended_ = true;
    lease_->MarkBroken();
  }
}

}  // namespace cynnal::storage::sql
