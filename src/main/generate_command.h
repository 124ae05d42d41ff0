#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace cynnal::main {

// `cynnal generate`'s arguments as typed; numbers are kept as text so that a bad one gets a
// message saying what to give.
struct GenerateArguments {
  std::string database;
  std::string learners;
  std::string las;
  std::string seed = "1";
  std::string today;  // YYYY-MM-DD; empty: today's date in Wales
  bool wales = false;
};

// Adds the `generate` subcommand to `cli`, filling `arguments` when it is parsed.
CLI::App* AddGenerateCommand(CLI::App& cli, GenerateArguments& arguments);

// Runs `cynnal generate`: fills a new database with synthetic data (app/generator.h), showing
// progress on `err` (a bar when `err` is the standard error of a terminal, else a line each
// tenth of the way), and prints one summary line on `out`. Returns 0; 2 with one line
// "cynnal: <what to do>" on `err` for bad input (an option, a folder that does not exist, a
// database that already holds data); 1 when the store fails.
int RunGenerate(const GenerateArguments& arguments, std::ostream& out, std::ostream& err);

}  // namespace cynnal::main
