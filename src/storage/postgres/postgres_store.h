#pragma once

#include <memory>
#include <string>

#include "app/ports/unit_of_work.h"

namespace cynnal::storage {

class PostgresPool;

// Cynnal's data in a PostgreSQL database (libpqxx), used through a pool of connections, with the
// same tables and statements as SqliteStore. Units of work may run on several threads and in
// several processes at once: a reading unit of work sees one snapshot (REPEATABLE READ, read
// only); writing units of work take turns (a transaction-scoped advisory lock), so that a check
// made before a write still holds when it is committed, as on SQLite. Waiting for a lock or a
// statement gives up after 5 s and 30 s with store_error_busy rather than hanging.
class PostgresStore final : public app::Store {
 public:
  // Whether `database` names a PostgreSQL database (postgresql:// or postgres://) rather than a
  // SQLite file.
  static bool IsUrl(const std::string& database);

  // `database` fit for a log or a message: a PostgreSQL URL without its password or options
  // (a SQLite path as it is).
  static std::string WithoutPassword(const std::string& database);

  // Connects `pool_size` times (at least 1) to the database at `url`: a libpq connection URI
  // ("postgresql://user:password@host:5432/cynnal") or key=value string. Does not migrate: call
  // Migrate() before Begin(). kUnavailable, with a message naming the host and database but never
  // the password, if the server cannot be reached or refuses the connection.
  static domain::Result<std::unique_ptr<PostgresStore>> Open(const std::string& url,
                                                             int pool_size = 8);

  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  // Applies the embedded migrations (storage::postgresMigrations()) newer than SchemaVersion(),
  // in version order, each in its own transaction, holding an advisory lock so that two servers
  // starting at once do not both migrate. Returns how many it applied.
  domain::Result<int> Migrate();

  // The version of the last migration applied; 0 for a database never migrated, -1 if the
  // database cannot be read.
  int SchemaVersion();

  app::Result<std::unique_ptr<app::UnitOfWork>> Begin(app::TxMode mode) override;

 private:
  explicit PostgresStore(std::unique_ptr<PostgresPool> pool);

  std::unique_ptr<PostgresPool> pool_;
};

}  // namespace cynnal::storage
