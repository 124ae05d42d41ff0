#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/services.h"
#include "domain/access_policy.h"
#include "domain/organisation.h"
#include "domain/school_calendar.h"
#include "domain/timescale.h"

namespace cynnal::app {

// A date as typed into a GOV.UK date input.
struct DateParts {
  std::string day, month, year;
  bool Empty() const { return day.empty() && month.empty() && year.empty(); }
};

// The rows and bank holidays that make a calendar: the LA's terms of every year it has entered,
// the setting's own days (when a setting is given) and the bank holidays in force (the shipped
// list with imported years replacing theirs).
struct CalendarSources {
  std::vector<domain::CalendarEntry> entries;
  std::vector<domain::Date> bank_holidays;
};
CalendarSources SourcesFor(UnitOfWork& uow, const domain::Setting* setting,
                           domain::LocalAuthorityId local_authority);
// The compiled calendar of those sources.
Result<domain::SchoolCalendar> CalendarFor(UnitOfWork& uow, const domain::Setting* setting,
                                           domain::LocalAuthorityId local_authority);

// One academic year of a school's calendar.
struct SchoolYearView {
  domain::Setting setting;
  int academic_year = 0;
  std::optional<domain::TermDates> term_dates;  // the terms that apply, if entered for that year
  bool own_terms = false;                       // the setting's own, not its LA's
  std::vector<domain::SettingDay> days;         // the school's own days in that year
  domain::SchoolCalendar calendar;
  int school_days = 0;  // in the year (0 without term dates)
  bool may_edit = false;
  domain::Date today;
};
// `year` empty: the academic year containing today. kNotFound / kForbidden as usual; a year
// outside 2000 to 2100 is kInvalidArgument ("calendar_error_year").
Result<SchoolYearView> ViewSchoolYear(Services& services, const Actor& actor,
                                      domain::SettingId setting, const std::string& year);

// Adds an INSET or closure day (kind "inset" or "closure") to the setting; audited.
struct SettingDayInput {
  DateParts date;
  std::string kind;
  std::string label;
};
Result<std::int64_t> AddSettingDay(Services& services, const Actor& actor,
                                   domain::SettingId setting, const SettingDayInput& input);
Status RemoveSettingDay(Services& services, const Actor& actor, domain::SettingId setting,
                        std::int64_t day);
// Ok if the setting exists and the actor may view (or edit) its calendar; kNotFound or
// kForbidden otherwise. Lets a handler refuse before it reads what was sent.
Status CheckSettingCalendarAccess(Services& services, const Actor& actor, domain::SettingId setting,
                                  domain::CalendarAction action);
// Reads a calendar file (CSV or iCalendar) into the setting's calendar: each inset and closure
// row adds its weekdays as the setting's own days (days already set are left as they are); term
// and half_term rows become the setting's own term dates for their academic years (an FEI's,
// or a school that sets its own), replacing its LA's for those years.
struct SettingImport {
  int days_added = 0;
  std::vector<int> term_years;
};
Result<SettingImport> ImportSettingCalendar(Services& services, const Actor& actor,
                                            domain::SettingId setting,
                                            const std::vector<domain::CalendarEntry>& entries);
// Removes the setting's own term dates of one year, so that its LA's apply again.
Status RemoveSettingTermDates(Services& services, const Actor& actor, domain::SettingId setting,
                              int academic_year);

// The LA's term dates for one academic year.
struct TermDatesView {
  domain::LocalAuthority local_authority;
  int academic_year = 0;
  std::optional<domain::TermDates> term_dates;
  std::vector<int> years;  // every year entered
  bool may_edit = false;
};
Result<TermDatesView> ViewTermDates(Services& services, const Actor& actor,
                                    const std::string& year);

// One term as typed: start, end and optional half-term.
struct TermInput {
  DateParts start, end, half_term_start, half_term_end;
};
// Autumn, spring and summer, in that order. A term left wholly blank is left out.
struct TermDatesInput {
  std::string academic_year;
  TermInput terms[3];
};
// Checks and saves one year's terms for the administrator's LA (every problem at once, keyed
// "autumn_start", "spring_half_term_end", ...); audited.
Status SaveTermDates(Services& services, const Actor& actor, const TermDatesInput& input);
// Saves terms read from a calendar file: its term and half_term rows, each term named by the
// month it starts in (September to December autumn, January to March spring, April to August
// summer). Every year in the file is saved; returns the years saved.
Result<std::vector<int>> ImportTermDates(Services& services, const Actor& actor,
                                         const std::vector<domain::CalendarEntry>& entries);
// The LA's terms of one year as calendar rows (for export).
Result<std::vector<domain::CalendarEntry>> TermDateEntries(Services& services, const Actor& actor,
                                                           const std::string& year);
// A setting's year as calendar rows: terms, half-terms, its days and the bank holidays inside
// the year.
Result<std::vector<domain::CalendarEntry>> SchoolYearEntries(Services& services, const Actor& actor,
                                                             domain::SettingId setting,
                                                             const std::string& year);

// The bank holidays in force, by year, and whether each year came from an imported file.
struct BankHolidaysView {
  std::vector<domain::Date> dates;
  std::vector<int> imported_years;
  bool may_edit = false;
};
Result<BankHolidaysView> ViewBankHolidays(Services& services, const Actor& actor);
// Replaces the bank holidays of every year in `dates` (an LA administrator); audited.
Result<int> ImportBankHolidays(Services& services, const Actor& actor,
                               const std::vector<domain::Date>& dates);

// The timescale catalogue with the actor's LA's local values.
struct TimescalesView {
  domain::LocalTimescales local;
  bool may_edit = false;
};
Result<TimescalesView> ViewTimescales(Services& services, const Actor& actor);
Status SaveLocalTimescales(Services& services, const Actor& actor,
                           const std::string& school_referral_school_days,
                           const std::string& panel_minutes_working_days);

}  // namespace cynnal::app
