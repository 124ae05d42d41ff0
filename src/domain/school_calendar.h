#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"

namespace cynnal::domain {

// The kinds of calendar row, as in the calendar CSV's `kind` column: a term (dates inclusive),
// a half-term break inside a term, a school's INSET (training) day, another day a school is
// closed, and a bank holiday.
enum class CalendarEntryKind { kTerm, kHalfTerm, kInset, kClosure, kBankHoliday };
std::string_view Code(CalendarEntryKind kind);  // "term", "half_term", "inset", ...
std::optional<CalendarEntryKind> CalendarEntryKindFromCode(std::string_view code);

// One row of a calendar: a kind and an inclusive date range with a free-text label.
struct CalendarEntry {
  CalendarEntryKind kind = CalendarEntryKind::kTerm;
  Date start;
  Date end;
  std::string label;
  friend bool operator==(const CalendarEntry&, const CalendarEntry&) = default;
};

// The academic year that contains `date`, named by the calendar year it starts in: 1 September
// 2025 to 31 August 2026 is 2025 (REFERENCE section 9).
int AcademicYearOf(Date date);
Date AcademicYearStart(int academic_year);  // 1 September
Date AcademicYearEnd(int academic_year);    // 31 August of the next year
// "2025/26".
std::string AcademicYearLabel(int academic_year);

enum class TermName { kAutumn, kSpring, kSummer };
std::string_view Code(TermName name);  // "autumn", "spring", "summer"
std::optional<TermName> TermNameFromCode(std::string_view code);
const std::vector<TermName>& AllTermNames();

// One term of an LA's year: first and last days (inclusive) and its half-term break, if any.
struct Term {
  TermName name = TermName::kAutumn;
  Date start;
  Date end;
  std::optional<Date> half_term_start;
  std::optional<Date> half_term_end;
  friend bool operator==(const Term&, const Term&) = default;
};

// A local authority's term dates for one academic year (Education Act 2002 s.32A: the LA sets
// the term dates of its community and voluntary controlled schools).
struct TermDates {
  LocalAuthorityId local_authority;
  int academic_year = 0;
  std::vector<Term> terms;
};

// Checks one year's terms: every date present, no end before its start, every term inside its
// academic year, no two terms overlapping, each half-term inside its term. kInvalidArgument with
// one message per field ("autumn_end", "spring_start", ...) naming what is wrong.
Result<void> CheckTermDates(const TermDates& dates);

// The calendar rows of a year's terms: one `term` row per term and one `half_term` row per
// half-term, labelled with the term's code.
std::vector<CalendarEntry> EntriesOf(const TermDates& dates);

// A day a school sets for itself: an INSET day or a closure (REFERENCE section 3: each school's
// calendar is the LA's term dates plus its own INSET days).
struct SettingDay {
  std::int64_t id = 0;
  SettingId setting;
  Date date;
  CalendarEntryKind kind = CalendarEntryKind::kInset;  // kInset or kClosure
  std::string label;
};

// What a date is on a school's calendar. A weekend day is kWeekend wherever it falls; a bank
// holiday is kBankHoliday; then INSET, closure and half-term rows; then term; otherwise kHoliday.
enum class DayType : std::uint8_t {
  kSchoolDay,
  kWeekend,
  kHoliday,
  kHalfTerm,
  kBankHoliday,
  kInset,
  kClosure,
};
std::string_view Code(DayType type);  // "school_day", "weekend", "holiday", ...

// A compiled calendar that answers counting questions in constant time from prefix counts.
//
// Counting rules (REFERENCE section 3):
// - School day: in a term, Monday to Friday, not a bank holiday, not an INSET, closure or
//   half-term day.
// - Term-time day: any day in a term (weekends too) not covered by another row or a bank holiday.
// - Working day: Monday to Friday, not a bank holiday in England and Wales (Regs reg 2(4)).
//
// School and term-time days are known from 1 September of the academic year of the earliest term
// to the last day of the latest term; working days for the whole years that have bank holidays.
// Questions outside what is known fail with kInvalidArgument: message "calendar_error_before"
// or "calendar_error_ends" (or "calendar_error_no_terms", "calendar_error_no_bank_holidays"),
// with fields["date"] the first or last known day.
class SchoolCalendar {
 public:
  // Builds the calendar from rows (bank_holiday rows included) and a list of bank holidays.
  // Fails with kInvalidArgument ("calendar_error_end_before_start", field "line" the 1-based row)
  // if a row ends before it starts.
  static Result<SchoolCalendar> Build(const std::vector<CalendarEntry>& entries,
                                      const std::vector<Date>& bank_holidays);

  DayType TypeOf(Date date) const;
  bool IsWorkingDay(Date date) const;

  // The nth (n >= 1) school day after `after` (which is not counted).
  Result<Date> NthSchoolDayAfter(Date after, int n) const;
  // The nth (n >= 1) term-time day after `after`.
  Result<Date> NthTermTimeDayAfter(Date after, int n) const;
  // The nth (n >= 1) working day after `after`.
  Result<Date> NthWorkingDayAfter(Date after, int n) const;
  // `date` if it is a working day, else the next working day.
  Result<Date> FirstWorkingDayOnOrAfter(Date date) const;
  // The same for the date `days` days after `start` (one date conversion fewer).
  Result<Date> FirstWorkingDayOnOrAfterDaysLater(Date start, int days) const;
  // School days d with from < d <= through (0 if through <= from).
  Result<int> SchoolDaysBetween(Date from, Date through) const;
  // Working days d with from < d <= through (0 if through <= from).
  Result<int> WorkingDaysBetween(Date from, Date through) const;

  bool has_terms() const { return has_terms_; }
  // First and last days on which school days are known (nullopt without terms).
  std::optional<Date> terms_known_from() const;
  std::optional<Date> terms_known_until() const;

 private:
  enum class Series { kSchool, kTermTime, kWorking };
  Result<Date> NthAfter(Series series, Date after, int n) const;
  Result<Date> NthAfterIndex(Series series, int index, int n) const;
  int Prefix(Series series, int index) const;
  int IndexOf(Date date) const;
  Date DateAt(int index) const;

  std::int32_t lo_days_ = 0;  // sys_days count of the first day held
  int size_ = 0;
  bool has_terms_ = false;
  int terms_from_ = 0, terms_until_ = -1;  // indexes; school/term-time days known here
  int working_from_ = 0, working_until_ = -1;
  std::vector<DayType> types_;
  std::vector<Date> dates_;  // the date of each index
  // prefix_[s][i]: days of series s in [0, i].
  std::vector<std::int32_t> prefix_[3];
  // Index of each day of series s, in order.
  std::vector<std::int32_t> days_[3];
};

}  // namespace cynnal::domain
