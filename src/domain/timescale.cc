#include "domain/timescale.h"

#include <algorithm>
#include <chrono>

namespace cynnal::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

}  // namespace

std::string_view Code(TimescaleUnit unit) {
  switch (unit) {
    case TimescaleUnit::kSchoolDays:
      return "school_days";
    case TimescaleUnit::kTermTimeDays:
      return "term_time_days";
    case TimescaleUnit::kWeeks:
      return "weeks";
    case TimescaleUnit::kWorkingDays:
      return "working_days";
    case TimescaleUnit::kCalendarMonths:
      return "calendar_months";
    case TimescaleUnit::kCalendarDays:
      return "calendar_days";
  }
  return "weeks";
}

std::string_view Code(CountingRule rule) {
  switch (rule) {
    case CountingRule::kNthDayAfter:
      return "nth_day_after";
    case CountingRule::kWeeksMovedToWorkingDay:
      return "weeks_moved_to_working_day";
    case CountingRule::kFirstWorkingDayAfterWeeks:
      return "first_working_day_after_weeks";
    case CountingRule::kDayBeforeMonthsLater:
      return "day_before_months_later";
    case CountingRule::kWeeksNotMoved:
      return "weeks_not_moved";
    case CountingRule::kDaysNotMoved:
      return "days_not_moved";
  }
  return "nth_day_after";
}

std::string Timescale::MessageStem() const {
  std::string stem = "timescale_" + std::string(code);
  std::replace(stem.begin(), stem.end(), '-', '_');
  return stem;
}

const std::vector<Timescale>& TimescaleCatalogue() {
  using U = TimescaleUnit;
  using R = CountingRule;
  static const std::vector<Timescale> catalogue = {
      // Code 12.12, 12.21: within 35 school days of the matter being brought to its attention.
      {"school-decision", 35, U::kSchoolDays, R::kNthDayAfter, "Code 12.12", true},
      // A local guideline: a school refers a case to the LA within 20 school days.
      {"school-referral", 20, U::kSchoolDays, R::kNthDayAfter, "LA ALN guidance", false},
      // Code 16.16 (wording unconfirmed): an FEI decides within 35 days of term time.
      {"fei-decision", 35, U::kTermTimeDays, R::kNthDayAfter, "Code 16.16", true},
      // Code 11.17, 11.24: the LA decides and prepares the IDP within 12 weeks.
      {"la-decision", 12, U::kWeeks, R::kWeeksMovedToWorkingDay, "Code 11.17", true},
      // Council guidance on Act s.26, s.27: the LA reconsiders a school's decision in 7 weeks.
      {"la-reconsideration", 7, U::kWeeks, R::kWeeksMovedToWorkingDay, "Code 11.17; Act s.27",
       true},
      // Regs reg 11: 6 weeks beginning with the day after receipt.
      {"nhs-response", 6, U::kWeeks, R::kWeeksMovedToWorkingDay, "Regs reg 11", true},
      // Regs reg 12: 4 weeks beginning with the day after the later notification.
      {"cease-reconsideration-request", 4, U::kWeeks, R::kWeeksMovedToWorkingDay, "Regs reg 12",
       true},
      // ETW Regs regs 10, 14: the first working day after 8 weeks beginning on the notice date.
      {"tribunal-appeal", 8, U::kWeeks, R::kFirstWorkingDayAfterWeeks, "ETW Regs reg 10", true},
      // Act s.23: before the end of the 12-month review period from the date the plan was given.
      {"idp-review", 12, U::kCalendarMonths, R::kDayBeforeMonthsLater, "Act s.23", true},
      // School ALN policy (REFERENCE section 7): a One Page Profile is reviewed at least yearly.
      {"opp-review", 12, U::kCalendarMonths, R::kDayBeforeMonthsLater, "School ALN policy", false},
      // Blaenau Gwent panel terms: minutes distributed within 3 working days of the meeting.
      {"panel-minutes", 3, U::kWorkingDays, R::kNthDayAfter, "LA panel terms of reference", false},
      // SEN Code 2004: decide whether to make a statutory assessment within 6 weeks.
      {"sen-assessment-decision", 6, U::kWeeks, R::kWeeksNotMoved, "SEN Code 2004 (legacy)", true},
      // Act s.70 orders: the body complies by the date the tribunal's order sets.
      {"tribunal-order", 35, U::kCalendarDays, R::kDaysNotMoved, "ETW order (Act s.70)", true,
       true},
  };
  return catalogue;
}

const Timescale* FindTimescale(std::string_view code) {
  for (const Timescale& t : TimescaleCatalogue())
    if (t.code == code) return &t;
  return nullptr;
}

bool NeedsSchoolCalendar(const Timescale& timescale) {
  return timescale.unit == TimescaleUnit::kSchoolDays ||
         timescale.unit == TimescaleUnit::kTermTimeDays;
}

Result<void> CheckLocalTimescales(const LocalTimescales& local) {
  std::map<std::string, std::string> fields;
  if (local.school_referral_school_days < 1 || local.school_referral_school_days > 200) {
    fields.emplace("school_referral_school_days", "timescale_error_local_range");
  }
  if (local.panel_minutes_working_days < 1 || local.panel_minutes_working_days > 200) {
    fields.emplace("panel_minutes_working_days", "timescale_error_local_range");
  }
  if (!fields.empty()) {
    return Fail(Error::InvalidArgument("timescale_error_local_range", std::move(fields)));
  }
  return {};
}

int CountFor(const Timescale& timescale, const LocalTimescales& local) {
  if (timescale.code == "school-referral") return local.school_referral_school_days;
  if (timescale.code == "panel-minutes") return local.panel_minutes_working_days;
  return timescale.count;
}

Date AddMonthsClamped(Date date, int months) {
  const std::chrono::year_month ym =
      std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
  const std::chrono::day last = std::chrono::year_month_day_last{ym / std::chrono::last}.day();
  return Date{ym / std::min(date.day(), last)};
}

Result<Date> DueDate(const Timescale& timescale, int count, Date start,
                     const SchoolCalendar& calendar) {
  if (count < 1) return Fail(Error::InvalidArgument("calendar_error_count"));
  switch (timescale.rule) {
    case CountingRule::kNthDayAfter:
      switch (timescale.unit) {
        case TimescaleUnit::kSchoolDays:
          return calendar.NthSchoolDayAfter(start, count);
        case TimescaleUnit::kTermTimeDays:
          return calendar.NthTermTimeDayAfter(start, count);
        default:
          return calendar.NthWorkingDayAfter(start, count);
      }
    case CountingRule::kWeeksMovedToWorkingDay:
    case CountingRule::kFirstWorkingDayAfterWeeks:
      // Both come to the first working day on or after X + 7N days.
      return calendar.FirstWorkingDayOnOrAfterDaysLater(start, 7 * count);
    case CountingRule::kDayBeforeMonthsLater:
      return Date{sys_days{AddMonthsClamped(start, count)} - days{1}};
    case CountingRule::kWeeksNotMoved:
      return Date{sys_days{start} + days{7 * count}};
    case CountingRule::kDaysNotMoved:
      return Date{sys_days{start} + days{count}};
  }
  return Fail(Error::Internal("unknown counting rule"));
}

std::optional<Date> DueDateByWalk(const Timescale& timescale, int count, Date start,
                                  const std::vector<CalendarEntry>& entries,
                                  const std::vector<Date>& bank_holidays) {
  auto covered_by = [&](Date d, bool want_term) {
    for (const CalendarEntry& e : entries) {
      if (d < e.start || e.end < d) continue;
      if ((e.kind == CalendarEntryKind::kTerm) == want_term) return true;
    }
    return false;
  };
  auto bank_holiday = [&](Date d) {
    if (std::find(bank_holidays.begin(), bank_holidays.end(), d) != bank_holidays.end()) {
      return true;
    }
    for (const CalendarEntry& e : entries) {
      if (e.kind == CalendarEntryKind::kBankHoliday && !(d < e.start) && !(e.end < d)) return true;
    }
    return false;
  };
  auto working = [&](Date d) { return !IsWeekend(d) && !bank_holiday(d); };
  auto term_time = [&](Date d) {
    return covered_by(d, true) && !covered_by(d, false) && !bank_holiday(d);
  };
  auto school_day = [&](Date d) { return term_time(d) && !IsWeekend(d); };
  Date last_row = start;
  for (const CalendarEntry& e : entries) last_row = std::max(last_row, e.end);
  const Date give_up{sys_days{last_row} + days{1000}};
  auto next = [](Date d) { return Date{sys_days{d} + days{1}}; };

  switch (timescale.rule) {
    case CountingRule::kNthDayAfter: {
      Date d = start;
      for (int found = 0; found < count;) {
        d = next(d);
        if (give_up < d) return std::nullopt;
        const bool counts = timescale.unit == TimescaleUnit::kSchoolDays     ? school_day(d)
                            : timescale.unit == TimescaleUnit::kTermTimeDays ? term_time(d)
                                                                             : working(d);
        if (counts) ++found;
      }
      return d;
    }
    case CountingRule::kWeeksMovedToWorkingDay:
    case CountingRule::kFirstWorkingDayAfterWeeks: {
      Date d = start;
      for (int i = 0; i < 7 * count; ++i) d = next(d);
      while (!working(d)) d = next(d);
      return d;
    }
    case CountingRule::kDayBeforeMonthsLater: {
      // Walk month by month to the same day, clamping at each month's end, then back one day.
      const unsigned wanted = static_cast<unsigned>(start.day());
      std::chrono::year_month ym{start.year(), start.month()};
      for (int i = 0; i < count; ++i) ym += std::chrono::months{1};
      unsigned day = wanted;
      while (!Date{ym / std::chrono::day{day}}.ok()) --day;
      return Date{sys_days{Date{ym / std::chrono::day{day}}} - days{1}};
    }
    case CountingRule::kWeeksNotMoved:
    case CountingRule::kDaysNotMoved: {
      const int step_days = timescale.rule == CountingRule::kWeeksNotMoved ? 7 * count : count;
      Date d = start;
      for (int i = 0; i < step_days; ++i) d = next(d);
      return d;
    }
  }
  return std::nullopt;
}

}  // namespace cynnal::domain
