#pragma once

#include <memory>
#include <string>

#include "app/ports/unit_of_work.h"

namespace cynnal::storage {

class SqlitePool;

// Cynnal's data in one SQLite database file (WAL journal, foreign keys on, synchronous NORMAL,
// 5 s busy timeout), used through a small pool of connections. Units of work may run on several
// threads at once: reads see the data as it was when they first read, writes take turns.
class SqliteStore final : public app::Store {
 public:
  // Opens the database file at `path`, creating it if it does not exist, with `pool_size`
  // connections (at least 1). Does not migrate: call Migrate() before Begin(). kUnavailable,
  // with a message naming the path, if its folder does not exist or the file cannot be opened
  // as a database. ":memory:" is not supported (each connection would see its own database).
  static domain::Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                           int pool_size = 8);

  // Closes every connection. The store must outlive its units of work.
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Applies the embedded migrations (storage::sqliteMigrations()) newer than SchemaVersion(), in
  // version order, each in its own transaction, and returns how many it applied (0 when the
  // schema is up to date). On failure the failed migration leaves nothing behind; the message
  // names it.
  domain::Result<int> Migrate();

  // The version of the last migration applied; 0 for a database never migrated, -1 if the
  // database cannot be read.
  int SchemaVersion();

  // Copies the whole database, as one consistent snapshot, to a new file at `path` while the
  // store stays in use (SQLite's online backup). kConflict if `path` exists (nothing is
  // overwritten), kUnavailable if it cannot be written.
  domain::Status BackupTo(const std::string& path);

  // Replaces the data of the database at `path` with that of the backup at `backup`, which must
  // be a Cynnal database no newer than this build (migrate it afterwards to bring it up to date).
  // Refuses, changing nothing, if `backup` is missing or not a Cynnal database, or if `path`
  // already holds learners and `replace` is false. Use it with no server running on `path`.
  static domain::Status Restore(const std::string& backup, const std::string& path, bool replace);

  // Borrows a connection (waiting up to 5 s for one) and begins a transaction on it: DEFERRED for
  // kRead, IMMEDIATE for kWrite (writers of this process queue for up to 5 s, then SQLite's busy
  // timeout applies across processes). kUnavailable if no connection or write lock is had in
  // time. The unit of work gives the connection back when destroyed, rolling back unless
  // committed. Its read methods throw std::runtime_error if SQLite fails (the ports give them no
  // error channel); its write methods return the error instead.
  app::Result<std::unique_ptr<app::UnitOfWork>> Begin(app::TxMode mode) override;

 private:
  explicit SqliteStore(std::unique_ptr<SqlitePool> pool);

  std::unique_ptr<SqlitePool> pool_;
};

}  // namespace cynnal::storage
