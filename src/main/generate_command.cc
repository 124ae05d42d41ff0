#include "main/generate_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <system_error>

#include "app/generator.h"
#include "domain/date.h"
#include "main/wiring.h"
#include "platform/sodium_secrets.h"
#include "platform/system_clock.h"

namespace cynnal::main {
namespace {

constexpr int kBadInput = 2;
constexpr int kStoreFailed = 1;

int Refuse(std::ostream& err, const std::string& message) {
  err << "cynnal: " << message << "\n";
  return kBadInput;
}

// A whole number as typed, or the line that says what to give instead.
template <typename Number>
std::optional<Number> ParseNumber(const std::string& option, const std::string& text,
                                  std::string& problem) {
  Number value{};
  const char* end = text.data() + text.size();
  auto [at, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc::result_out_of_range) {
    problem = option + " '" + text + "' is too large";
    return std::nullopt;
  }
  if (text.empty() || ec != std::errc{} || at != end) {
    problem = (!text.empty() && text.front() == '-' && std::is_unsigned_v<Number>)
                  ? option + " must not be negative"
                  : option + " must be a whole number, not '" + text + "'";
    return std::nullopt;
  }
  return value;
}

// A PostgreSQL connection string rather than a file path.
bool IsConnectionString(const std::string& database) {
  return database.rfind("postgres://", 0) == 0 || database.rfind("postgresql://", 0) == 0 ||
         database.find("host=") != std::string::npos ||
         database.find("dbname=") != std::string::npos;
}

std::string Duration(std::chrono::steady_clock::duration elapsed) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  std::ostringstream text;
  if (seconds >= 60) text << seconds / 60 << "m ";
  text << seconds % 60 << "s";
  return text.str();
}

// Progress on standard error: a bar redrawn in place on a terminal, otherwise one line each time
// another tenth of the learners is written.
class ProgressReport {
 public:
  ProgressReport(std::ostream& err, bool terminal, std::chrono::steady_clock::time_point start)
      : err_(err), terminal_(terminal), start_(start) {}

  void Show(const app::GeneratorProgress& p) {
    const int total = std::max(1, p.learners_total);
    const int percent = static_cast<int>(100LL * p.learners_done / total);
    const std::string elapsed = Duration(std::chrono::steady_clock::now() - start_);
    if (terminal_) {
      constexpr int kWidth = 30;
      const int filled = kWidth * percent / 100;
      err_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
           << std::string(static_cast<std::size_t>(kWidth - filled), '-') << "] " << std::setw(3)
           << percent << "%  " << p.learners_done << " of " << p.learners_total << " learners, LA "
           << std::min(p.local_authorities_done + 1, p.local_authorities_total) << " of "
           << p.local_authorities_total << ", " << elapsed << "   " << std::flush;
      drawn_ = true;
      return;
    }
    if (percent < next_ && p.learners_done < p.learners_total) return;
    while (next_ <= percent) next_ += 10;
    err_ << "cynnal: " << p.learners_done << " of " << p.learners_total << " learners (" << percent
         << "%), " << p.local_authorities_done << " of " << p.local_authorities_total
         << " LAs done, " << elapsed << "\n"
         << std::flush;
  }

  // Ends the bar's line, if one was drawn.
  void Finish() {
    if (drawn_) err_ << "\n";
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  int next_ = 10;
  bool drawn_ = false;
};

}  // namespace

CLI::App* AddGenerateCommand(CLI::App& cli, GenerateArguments& arguments) {
  auto* command = cli.add_subcommand(
      "generate",
      "Fill a new database with synthetic data (invented people; the same --seed gives the same "
      "data). Every generated user's password is cynnal-generated; usernames such as "
      "admin.660, officer1.660, alnco.660.2001 (LA number, establishment number)");
  command->add_option("--database", arguments.database,
                      "New SQLite database file to fill (its folder must exist)");
  command->add_option("--learners", arguments.learners, "Number of learners N (N >= K)");
  command->add_option("--las", arguments.las, "Number of local authorities K (1 to 99)");
  command->add_option("--seed", arguments.seed, "Seed of the random choices (default 1)");
  command->add_option("--today", arguments.today,
                      "The date every generated date is relative to, YYYY-MM-DD (default: today)");
  command->add_flag("--wales", arguments.wales,
                    "All of Wales: 22 LAs and 470,000 learners (--learners and --las override)");
  return command;
}

int RunGenerate(const GenerateArguments& arguments, std::ostream& out, std::ostream& err) {
  const auto start = std::chrono::steady_clock::now();
  app::GeneratorOptions options;
  std::string problem;
  if (arguments.wales) {
    options.learners = app::kWalesLearners;
    options.local_authorities = app::kWalesLocalAuthorities;
  } else if (arguments.learners.empty() || arguments.las.empty()) {
    return Refuse(err,
                  "give --learners N and --las K (K from 1 to 99, N >= K), or --wales for all of "
                  "Wales");
  }
  if (!arguments.learners.empty()) {
    auto n = ParseNumber<long long>("--learners", arguments.learners, problem);
    if (!n) return Refuse(err, problem);
    if (*n > app::kMaxGeneratedLearners)
      return Refuse(err,
                    "--learners must be at most " + std::to_string(app::kMaxGeneratedLearners));
    options.learners = static_cast<int>(std::max<long long>(*n, -1));
  }
  if (!arguments.las.empty()) {
    auto k = ParseNumber<long long>("--las", arguments.las, problem);
    if (!k) return Refuse(err, problem);
    options.local_authorities = static_cast<int>(std::clamp<long long>(*k, -1, 1000));
  }
  auto seed = ParseNumber<std::uint64_t>("--seed", arguments.seed, problem);
  if (!seed) return Refuse(err, problem);
  options.seed = *seed;
  if (arguments.today.empty()) {
    options.today = platform::SystemClock().Today();
  } else {
    auto today = domain::ParseIsoDate(arguments.today);
    if (!today) {
      return Refuse(err, "--today must be a date as YYYY-MM-DD, not '" + arguments.today + "'");
    }
    options.today = *today;
  }
  if (auto ok = app::CheckGeneratorOptions(options); !ok) return Refuse(err, ok.error().message);

  if (arguments.database.empty()) {
    return Refuse(err, "give --database PATH, a new database file for the generated data");
  }
  if (!IsConnectionString(arguments.database)) {
    const std::filesystem::path path(arguments.database);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      return Refuse(err, "--database '" + arguments.database +
                             "' is a folder: give the path of a new database file in it");
    }
    if (path.has_parent_path() && !std::filesystem::is_directory(path.parent_path(), ec)) {
      return Refuse(err, "the folder '" + path.parent_path().string() +
                             "' does not exist: create it, or give --database a path in a folder "
                             "that exists");
    }
  }

  auto store = OpenStore(arguments.database, true);
  if (!store) {
    err << "cynnal: cannot open " << arguments.database << ": " << store.error().message << "\n";
    return kStoreFailed;
  }
  platform::SodiumPasswordHasher hasher;
  ProgressReport report(err, &err == &std::cerr && isatty(STDERR_FILENO) == 1, start);
  auto counts = app::Generate(**store, hasher, options,
                              [&](const app::GeneratorProgress& p) { report.Show(p); });
  report.Finish();
  if (!counts) {
    const auto code = counts.error().code;
    err << "cynnal: " << counts.error().message << "\n";
    return code == domain::ErrorCode::kInvalidArgument || code == domain::ErrorCode::kConflict
               ? kBadInput
               : kStoreFailed;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ostringstream elapsed;
  elapsed << std::fixed << std::setprecision(1) << seconds;
  out << "cynnal: generated " << counts->local_authorities << " LAs, " << counts->settings
      << " settings, " << counts->users << " users, " << counts->learners << " learners ("
      << counts->learners_with_records << " with ALN or SEN records), " << counts->cases
      << " cases, " << counts->idps << " IDPs, " << counts->panels << " panels, "
      << counts->audit_events << " audit events in " << elapsed.str() << " s\n";
  return 0;
}

}  // namespace cynnal::main
