#pragma once

#include <iosfwd>
#include <string>

namespace cynnal::main {

struct DueOptions {
  std::string terms;          // the calendar CSV (kind,start,end,label)
  std::string from;           // the start date X, YYYY-MM-DD
  std::string timescale;      // a catalogue code
  std::string bank_holidays;  // optional: a GOV.UK JSON, iCalendar or calendar CSV file
  bool list = false;          // print the catalogue instead
  std::string root;           // where po/en.po is, for the English messages
};

// `cynnal due`: prints the due date as YYYY-MM-DD and a newline, and returns 0; or prints one
// line "cynnal: <what is wrong and what to do>" to `err` and returns 1. With `list`, prints one
// line per timescale: code, count and unit, and source, separated by tabs. Bank holidays are the
// shipped list, the file's and the CSV's bank_holiday rows together.
int DueDate(const DueOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cynnal::main
