#pragma once

#include <string>
#include <vector>

namespace cynnal::storage {

// One numbered schema change, applied once, in version order.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The SQLite migrations embedded from src/storage/sqlite/migrations.
const std::vector<Migration>& sqliteMigrations();

// The PostgreSQL migrations embedded from src/storage/postgres/migrations: the same versions and
// tables as SQLite's.
const std::vector<Migration>& postgresMigrations();

}  // namespace cynnal::storage
