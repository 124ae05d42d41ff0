#include "main/wiring.h"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/authentication.h"
#include "app/demo_data.h"
#include "domain/upn.h"
#include "http/server.h"
#include "main/due_command.h"
#include "main/generate_command.h"
#include "platform/sodium_secrets.h"
#include "platform/system_clock.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace cynnal::main {
namespace {

constexpr const char* kDatabaseHelp =
    "SQLite database file, or PostgreSQL URL postgresql://user:password@host:port/name "
    "(env CYNNAL_DB)";

httplib::Server* g_server = nullptr;

void StopServer(int) {
  if (g_server) g_server->stop();
}

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string DefaultRoot() { return EnvOr("CYNNAL_ROOT", CYNNAL_DEFAULT_ROOT); }
std::string DefaultDatabase() { return EnvOr("CYNNAL_DB", "var/cynnal.db"); }

int Report(const domain::Error& error) {
  std::cerr << "cynnal: " << error.message << "\n";
  for (const auto& [field, message] : error.fields)
    std::cerr << "  " << field << ": " << message << "\n";
  return 1;
}

std::string ReadPassword() {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace

namespace {

// The opened store, migrated when `migrate` (with how many migrations were applied).
template <typename S>
domain::Result<std::unique_ptr<app::Store>> Ready(domain::Result<std::unique_ptr<S>> store,
                                                  bool migrate, int* applied) {
  if (!store) return store.error();
  if (migrate) {
    auto n = (*store)->Migrate();
    if (!n) return n.error();
    if (applied) *applied = *n;
  }
  return std::unique_ptr<app::Store>(std::move(*store));
}

}  // namespace

domain::Result<std::unique_ptr<app::Store>> OpenStore(const std::string& database, bool migrate,
                                                      int* applied) {
  if (storage::PostgresStore::IsUrl(database)) {
    return Ready(storage::PostgresStore::Open(database, 16), migrate, applied);
  }
  std::filesystem::path path(database);
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
      return domain::Error::Unavailable("cannot create the folder " + path.parent_path().string() +
                                        ": " + ec.message());
  }
  return Ready(storage::SqliteStore::Open(database), migrate, applied);
}

int Serve(const ServeOptions& options) {
  auto store = OpenStore(options.database, true);
  if (!store) return Report(store.error());
  auto catalog = http::Catalog::Load(options.root);
  if (!catalog) return Report(catalog.error());
  auto templates = http::Templates::Load(options.root, **catalog);
  if (!templates) return Report(templates.error());
  platform::SystemClock clock;
  platform::SodiumPasswordHasher hasher;
  platform::SodiumTokenSource tokens;
  app::Services services{**store, clock, hasher, tokens};
  http::ServerConfig config;
  config.root = options.root;
  config.secure_cookies = options.secure_cookies;
  http::WebApp web(services, *catalog, *templates, config);
  httplib::Server server;
  web.Install(server);
  g_server = &server;
  std::signal(SIGINT, StopServer);
  std::signal(SIGTERM, StopServer);
  spdlog::info("Cynnal serving http://{}:{}/ with database {}", options.host, options.port,
               storage::PostgresStore::WithoutPassword(options.database));
  std::string error;
  bool ok = http::Listen(server, options.host, options.port, options.threads, error);
  g_server = nullptr;
  if (!ok && !error.empty()) {
    std::cerr << "cynnal: " << error << "\n";
    return 1;
  }
  return 0;
}

int CheckUpns(const std::vector<std::string>& upns, std::istream& in, std::ostream& out) {
  bool all_valid = true;
  auto check = [&](const std::string& raw) {
    std::string text = raw;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    auto problem = domain::UpnProblem(text);
    out << text << '\t' << (problem.empty() ? "valid" : "invalid\t" + problem) << '\n';
    if (!problem.empty()) all_valid = false;
  };
  if (!upns.empty()) {
    for (const auto& u : upns) check(u);
  } else {
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      check(line);
    }
  }
  return all_valid ? 0 : 1;
}

int Run(int argc, char** argv) {
  CLI::App cli{"Cynnal: the Additional Learning Needs process of Wales"};
  cli.require_subcommand(1);
  std::string database = DefaultDatabase();

  ServeOptions serve;
  serve.database = database;
  serve.root = DefaultRoot();
  serve.port = std::atoi(EnvOr("PORT", "8080").c_str());
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web pages and JSON API");
  serve_cmd->add_option("--database", serve.database, kDatabaseHelp);
  serve_cmd->add_option("--host", serve.host, "Address to listen on");
  serve_cmd->add_option("--port", serve.port, "Port to listen on (env PORT)")
      ->check(CLI::Range(1, 65535));
  serve_cmd->add_option("--threads", serve.threads, "Worker threads")->check(CLI::Range(2, 1024));
  serve_cmd->add_option("--web-root", serve.root, "Folder holding web/ and po/ (env CYNNAL_ROOT)");
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies, "Mark cookies Secure (behind TLS)");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply pending database migrations");
  migrate_cmd->add_option("--database", database, kDatabaseHelp);

  auto* demo_cmd = cli.add_subcommand("demo", "Load the demo data into an empty database");
  demo_cmd->add_option("--database", database, kDatabaseHelp);
  bool if_empty = false;
  demo_cmd->add_flag("--if-empty", if_empty, "Do nothing (and succeed) if learners exist already");

  std::vector<std::string> upns;
  auto* upn_cmd =
      cli.add_subcommand("upn", "Check UPNs (arguments, or one per line on standard input)");
  upn_cmd->add_option("upns", upns, "UPNs to check");

  DueOptions due;
  due.root = DefaultRoot();
  auto* due_cmd = cli.add_subcommand(
      "due", "Print the due date of a timescale from a start date on a calendar CSV");
  due_cmd->add_option("--terms", due.terms, "Calendar CSV: kind,start,end,label");
  due_cmd->add_option("--from", due.from, "Start date YYYY-MM-DD (not itself counted)");
  due_cmd->add_option("--timescale", due.timescale, "Timescale name (see --list)");
  due_cmd->add_option("--bank-holidays", due.bank_holidays,
                      "GOV.UK bank-holidays JSON, iCalendar or calendar CSV file");
  due_cmd->add_flag("--list", due.list, "List the timescales with their sources");

  std::string backup_file;
  auto* backup_cmd = cli.add_subcommand(
      "backup", "Copy a SQLite database to a new file while Cynnal keeps running");
  backup_cmd->add_option("--database", database, kDatabaseHelp);
  backup_cmd->add_option("--to", backup_file, "The backup file to write (must not exist)")
      ->required();
  bool replace = false;
  auto* restore_cmd = cli.add_subcommand(
      "restore", "Replace a SQLite database with a backup (stop the server first)");
  restore_cmd->add_option("--from", backup_file, "The backup file to restore")->required();
  restore_cmd->add_option("--database", database, kDatabaseHelp);
  restore_cmd->add_flag("--replace", replace,
                        "Replace the data of a database that already holds learners");

  GenerateArguments generate;
  auto* generate_cmd = AddGenerateCommand(cli, generate);

  auto* user_cmd =
      cli.add_subcommand("user", "Manage user accounts (password read from standard input)");
  user_cmd->require_subcommand(1);
  user_cmd->add_option("--database", database, kDatabaseHelp);
  std::string username, display_name, role_code;
  int la_number = 0;
  std::vector<std::string> establishments;
  long long family_member = 0, learner_id = 0, health_board = 0;
  auto* add_cmd = user_cmd->add_subcommand("add", "Add a user");
  add_cmd->add_option("username", username, "Sign-in name")->required();
  add_cmd->add_option("--name", display_name, "Full name")->required();
  add_cmd
      ->add_option("--role", role_code,
                   "la_admin, la_officer, panel_member, alnco, teacher, governor, parent, "
                   "young_person or health_officer")
      ->required();
  add_cmd->add_option("--la", la_number, "LA number (e.g. 680)")->required();
  add_cmd->add_option("--setting", establishments,
                      "Establishment number of the user's setting (repeat for more)");
  add_cmd->add_option("--family-member", family_member, "Family member id (parents and carers)");
  add_cmd->add_option("--learner", learner_id, "Learner id (young people)");
  add_cmd->add_option("--health-board", health_board, "Health board id (health board officers)");
  auto* reset_cmd = user_cmd->add_subcommand("reset-password", "Set a new password");
  reset_cmd->add_option("username", username)->required();
  auto* disable_cmd =
      user_cmd->add_subcommand("disable", "Disable an account and end its sessions");
  disable_cmd->add_option("username", username)->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  if (upn_cmd->parsed()) return CheckUpns(upns, std::cin, std::cout);
  if (due_cmd->parsed()) return DueDate(due, std::cout, std::cerr);
  if (serve_cmd->parsed()) return Serve(serve);
  if (generate_cmd->parsed()) return RunGenerate(generate, std::cout, std::cerr);

  if ((backup_cmd->parsed() || restore_cmd->parsed()) && storage::PostgresStore::IsUrl(database)) {
    std::cerr << "cynnal: backup and restore are for SQLite databases; back up PostgreSQL with "
                 "pg_dump and restore it with pg_restore (see docs/operations.md)\n";
    return 2;
  }
  if (restore_cmd->parsed()) {
    auto restored = storage::SqliteStore::Restore(backup_file, database, replace);
    if (!restored) return Report(restored.error());
    auto store = OpenStore(database, true);
    if (!store) return Report(store.error());
    std::cout << "cynnal: restored " << backup_file << " to " << database << "\n";
    return 0;
  }
  if (backup_cmd->parsed()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(database, ec)) {
      std::cerr << "cynnal: there is no database at " << database << " to back up\n";
      return 1;
    }
    auto store = storage::SqliteStore::Open(database, 1);
    if (!store) return Report(store.error());
    if ((*store)->SchemaVersion() <= 0) {
      std::cerr << "cynnal: " << database << " is not a Cynnal database; nothing was backed up\n";
      return 1;
    }
    auto copied = (*store)->BackupTo(backup_file);
    if (!copied) return Report(copied.error());
    std::cout << "cynnal: " << database << " backed up to " << backup_file << "\n";
    return 0;
  }

  int applied = 0;
  auto store = OpenStore(database, true, &applied);
  if (!store) return Report(store.error());
  platform::SystemClock clock;
  platform::SodiumPasswordHasher hasher;
  platform::SodiumTokenSource tokens;
  app::Services services{**store, clock, hasher, tokens};

  if (migrate_cmd->parsed()) {
    std::cout << "cynnal: " << applied << " migration(s) applied to "
              << storage::PostgresStore::WithoutPassword(database) << "\n";
    return 0;
  }
  if (demo_cmd->parsed()) {
    auto summary = app::SeedDemoData(**store, hasher, clock.Today());
    if (!summary) {
      if (if_empty && summary.error().code == domain::ErrorCode::kConflict) {
        std::cout << "cynnal: " << storage::PostgresStore::WithoutPassword(database)
                  << " already holds data; demo data not loaded\n";
        return 0;
      }
      return Report(summary.error());
    }
    std::cout << "cynnal: demo data loaded: " << summary->settings << " settings, "
              << summary->learners << " learners, " << summary->family_members
              << " family members, " << summary->users << " users\n";
    return 0;
  }

  app::Actor actor;
  actor.operator_cli = true;
  actor.user.username = "cli";
  actor.user.role = domain::Role::kLaAdministrator;
  actor.route = "cli";
  actor.request_id = "cli";
  if (add_cmd->parsed()) {
    auto role = domain::RoleFromCode(role_code);
    if (!role) {
      std::cerr << "cynnal: unknown role '" << role_code << "'; see cynnal user add --help\n";
      return 1;
    }
    domain::User user;
    user.username = username;
    user.display_name = display_name;
    user.role = *role;
    {
      auto uow = (*store)->Begin(app::TxMode::kRead);
      if (!uow) return Report(uow.error());
      for (const auto& la : (*uow)->LocalAuthorities().List())
        if (la.la_number == la_number) user.local_authority = la.id;
      if (!user.local_authority.valid()) {
        std::cerr << "cynnal: no local authority with number " << la_number << "\n";
        return 1;
      }
      auto settings = (*uow)->Settings().ListByLocalAuthority(user.local_authority);
      for (const auto& number : establishments) {
        auto it = std::find_if(settings.begin(), settings.end(), [&](const domain::Setting& s) {
          return s.establishment_number == number;
        });
        if (it == settings.end()) {
          std::cerr << "cynnal: no setting with establishment number " << number << " in LA "
                    << la_number << "\n";
          return 1;
        }
        user.settings.push_back(it->id);
      }
    }
    if (family_member > 0) user.family_member = domain::FamilyMemberId{family_member};
    if (learner_id > 0) user.learner = domain::LearnerId{learner_id};
    if (health_board > 0) user.health_board = domain::HealthBoardId{health_board};
    std::cerr << "Password (at least 10 characters), then Enter: " << std::flush;
    auto id = app::AddUser(services, actor, user, ReadPassword());
    if (!id) return Report(id.error());
    std::cout << "cynnal: user " << username << " added\n";
    return 0;
  }
  if (reset_cmd->parsed()) {
    std::cerr << "New password (at least 10 characters), then Enter: " << std::flush;
    auto s = app::ResetPassword(services, actor, username, ReadPassword());
    if (!s) return Report(s.error());
    std::cout << "cynnal: password reset for " << username << "\n";
    return 0;
  }
  if (disable_cmd->parsed()) {
    auto s = app::DisableUser(services, actor, username);
    if (!s) return Report(s.error());
    std::cout << "cynnal: user " << username << " disabled\n";
    return 0;
  }
  return 0;
}

}  // namespace cynnal::main
