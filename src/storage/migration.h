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

}  // namespace cynnal::storage
