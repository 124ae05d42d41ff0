#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "domain/result.h"

namespace cynnal::main {

// Opens the store named by `database` (a SQLite file path) and applies pending migrations.
// Creates the file's folder if it is missing.
domain::Result<std::unique_ptr<app::Store>> OpenStore(const std::string& database, bool migrate,
                                                      int* applied = nullptr);

struct ServeOptions {
  std::string database;
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 64;
  std::string root;  // templates, catalogues, assets
  bool secure_cookies = false;
};

// Serves Cynnal until SIGINT or SIGTERM; returns the process exit code.
int Serve(const ServeOptions& options);

// `cynnal upn`: checks each UPN (or each line of `in` when none are given) and prints
// "UPN<TAB>valid" or "UPN<TAB>invalid<TAB>reason". Returns 0 if all were valid, 1 otherwise.
int CheckUpns(const std::vector<std::string>& upns, std::istream& in, std::ostream& out);

// The command line: serve, migrate, demo, backup, restore, generate, upn, due,
// user add|reset-password|disable.
int Run(int argc, char** argv);

}  // namespace cynnal::main
