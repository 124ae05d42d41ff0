#include "main/due_command.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include "domain/bank_holidays.h"
#include "domain/school_calendar.h"
#include "domain/timescale.h"
#include "http/catalog.h"
#include "interchange/calendar_files.h"

namespace cynnal::main {
namespace {

// The English text of a message id with {field} placeholders filled in.
std::string English(const std::string& root, const domain::Error& error) {
  std::string text = error.message;
  if (auto catalog = http::Catalog::Load(root); catalog && (*catalog)->Has(error.message)) {
    text = (*catalog)->Get(http::Lang::kEn, error.message);
  }
  for (const auto& [field, value] : error.fields) {
    const std::string placeholder = "{" + field + "}";
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder)) {
      text.replace(at, placeholder.size(), value);
    }
  }
  if (auto line = error.fields.find("line"); line != error.fields.end()) {
    text = "line " + line->second + ": " + text;
  }
  return text;
}

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

int Fail(std::ostream& err, const std::string& message) {
  err << "cynnal: " << message << "\n";
  return 1;
}

}  // namespace

int DueDate(const DueOptions& options, std::ostream& out, std::ostream& err) {
  if (options.list) {
    for (const auto& t : domain::TimescaleCatalogue()) {
      std::string unit(domain::Code(t.unit));
      std::replace(unit.begin(), unit.end(), '_', ' ');
      if (t.count_per_clock) {
        out << t.code << '\t' << "set by the tribunal's order" << '\t' << t.source << '\n';
        continue;
      }
      out << t.code << '\t' << t.count << ' ' << unit << '\t' << t.source
          << (t.statutory ? "" : " (local guideline)") << '\n';
    }
    return 0;
  }
  if (options.timescale.empty()) {
    return Fail(err, "give --timescale NAME (cynnal due --list shows the names)");
  }
  const domain::Timescale* timescale = domain::FindTimescale(options.timescale);
  if (timescale == nullptr) {
    return Fail(err,
                "unknown timescale '" + options.timescale + "': cynnal due --list shows the names");
  }
  if (timescale->count_per_clock) {
    return Fail(err, "the due date of '" + options.timescale +
                         "' is the date the tribunal's order sets: there is nothing to work out");
  }
  if (options.from.empty()) return Fail(err, "give --from YYYY-MM-DD, the start date");
  auto from = domain::ParseIsoDate(options.from);
  if (!from) {
    return Fail(err, "--from '" + options.from +
                         "' is not a date: write it as YYYY-MM-DD, for example 2026-03-02");
  }

  std::vector<domain::CalendarEntry> entries;
  if (!options.terms.empty()) {
    std::string text;
    if (!ReadFile(options.terms, text)) {
      return Fail(err, "cannot read the terms file " + options.terms);
    }
    auto parsed = interchange::ParseCalendarCsv(text);
    if (!parsed) return Fail(err, options.terms + ": " + English(options.root, parsed.error()));
    entries = std::move(*parsed);
  } else if (domain::NeedsSchoolCalendar(*timescale)) {
    return Fail(
        err, "give --terms FILE.csv: " + options.timescale + " counts days on a school's calendar");
  }

  std::vector<domain::Date> holidays = domain::ShippedBankHolidays();
  if (!options.bank_holidays.empty()) {
    std::string text;
    if (!ReadFile(options.bank_holidays, text)) {
      return Fail(err, "cannot read the bank holidays file " + options.bank_holidays);
    }
    auto parsed = interchange::ParseBankHolidayFile(text);
    if (!parsed) {
      return Fail(err, options.bank_holidays + ": " + English(options.root, parsed.error()));
    }
    holidays.insert(holidays.end(), parsed->begin(), parsed->end());
    std::sort(holidays.begin(), holidays.end());
    holidays.erase(std::unique(holidays.begin(), holidays.end()), holidays.end());
  }

  auto calendar = domain::SchoolCalendar::Build(entries, holidays);
  if (!calendar) return Fail(err, options.terms + ": " + English(options.root, calendar.error()));
  auto due = domain::DueDate(*timescale, timescale->count, *from, *calendar);
  if (!due) return Fail(err, English(options.root, due.error()));
  out << domain::FormatIsoDate(*due) << '\n';
  return 0;
}

}  // namespace cynnal::main
