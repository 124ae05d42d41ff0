#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"
#include "domain/school_calendar.h"

namespace cynnal::domain {

// The unit a timescale counts in.
enum class TimescaleUnit {
  kSchoolDays,
  kTermTimeDays,
  kWeeks,
  kWorkingDays,
  kCalendarMonths,
  kCalendarDays,
};
std::string_view Code(TimescaleUnit unit);  // "school_days", "weeks", ...

// How a due date follows from the start date X (REFERENCE section 3, "How Cynnal counts"; X is
// never counted itself).
enum class CountingRule {
  // The Nth school, term-time or working day after X.
  kNthDayAfter,
  // X + 7N days, moved to the next working day if that is not one (Regs reg 2(4)).
  kWeeksMovedToWorkingDay,
  // The first working day on or after X + 7N days (ETW Regs regs 10, 14: the first working day
  // after the end of the N weeks beginning on X).
  kFirstWorkingDayAfterWeeks,
  // The day before the same date N months later, 29 February mapping to 28 February; not moved.
  kDayBeforeMonthsLater,
  // X + 7N days, not moved (the legacy SEN system).
  kWeeksNotMoved,
  // X + N days, not moved: a date someone else sets (a tribunal order's compliance date).
  kDaysNotMoved,
};
std::string_view Code(CountingRule rule);

// One statutory timescale or local guideline. Statutory timescales are fixed; a local guideline's
// count is a per-LA setting whose default is `count`.
struct Timescale {
  std::string_view code;  // "school-decision"
  int count = 0;
  TimescaleUnit unit = TimescaleUnit::kSchoolDays;
  CountingRule rule = CountingRule::kNthDayAfter;
  std::string_view source;  // "Code 12.12"
  bool statutory = true;
  // True when each clock carries its own count (the tribunal sets an order's date); `count` is
  // then only a default, and the clock is started by the step that sets it, not by hand.
  bool count_per_clock = false;
  // The message-id stem for its name and rule text: "timescale_school_decision".
  std::string MessageStem() const;
};

// Every timescale Cynnal knows, in a fixed order (the list; REFERENCE section 3).
const std::vector<Timescale>& TimescaleCatalogue();
const Timescale* FindTimescale(std::string_view code);

// Whether the timescale counts school or term-time days, so needs a school's (or FEI's) calendar.
bool NeedsSchoolCalendar(const Timescale& timescale);

// A local authority's own values for the local guidelines. Each must be 1 to 200.
struct LocalTimescales {
  int school_referral_school_days = 20;  // `school-referral`
  int panel_minutes_working_days = 3;    // `panel-minutes`
};
Result<void> CheckLocalTimescales(const LocalTimescales& local);

// The count that applies to `timescale` under an LA's local values (statutory: its own count).
int CountFor(const Timescale& timescale, const LocalTimescales& local);

// The due date of a period of `count` units of `timescale` starting at X, on `calendar` (a
// school's or FEI's calendar for school and term-time days; any calendar with bank holidays for
// the rest). Fails as SchoolCalendar's queries do when the calendar does not reach far enough.
Result<Date> DueDate(const Timescale& timescale, int count, Date start,
                     const SchoolCalendar& calendar);

// The same due date by a plain day-by-day walk that classifies each day from the rows and bank
// holidays directly. Slow: the oracle for property tests and the baseline for the benchmark.
// nullopt where the rows do not reach far enough (the walk gives up after 1,000 days past the last
// row).
std::optional<Date> DueDateByWalk(const Timescale& timescale, int count, Date start,
                                  const std::vector<CalendarEntry>& entries,
                                  const std::vector<Date>& bank_holidays);

// The same date `months` calendar months after `date`; a day past the end of that month (29, 30
// or 31) becomes its last day.
Date AddMonthsClamped(Date date, int months);

}  // namespace cynnal::domain
