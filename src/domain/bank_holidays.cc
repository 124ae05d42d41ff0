#include "domain/bank_holidays.h"

#include <algorithm>
#include <chrono>

namespace cynnal::domain {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::last;
using std::chrono::Monday;
using std::chrono::month;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::sys_days;
using std::chrono::weekday;
using std::chrono::year;

Date Ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Date FirstMonday(int y, unsigned m) { return Date{sys_days{year{y} / month{m} / Monday[1]}}; }

Date LastMonday(int y, unsigned m) { return Date{sys_days{year{y} / month{m} / Monday[last]}}; }

// Sch.1 of the 1971 Act as amended: a holiday at a weekend is replaced by the next weekday that
// is not already a holiday.
Date NextFreeWeekday(Date date, const std::vector<Date>& taken) {
  Date candidate = date;
  while (IsWeekend(candidate) || std::find(taken.begin(), taken.end(), candidate) != taken.end()) {
    candidate = Date{sys_days{candidate} + days{1}};
  }
  return candidate;
}

}  // namespace

Date EasterSunday(int y) {
  const int a = y % 19;
  const int b = y / 100;
  const int c = y % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_number = (h + l - 7 * m + 114) / 31;
  const int day_number = ((h + l - 7 * m + 114) % 31) + 1;
  return Ymd(y, static_cast<unsigned>(month_number), static_cast<unsigned>(day_number));
}

std::vector<Date> EnglandAndWalesBankHolidays(int y) {
  std::vector<Date> holidays;
  // New Year's Day, or the Monday after when it falls at a weekend.
  holidays.push_back(NextFreeWeekday(Ymd(y, 1, 1), holidays));
  const sys_days easter{EasterSunday(y)};
  holidays.push_back(Date{easter - days{2}});  // Good Friday (by custom)
  holidays.push_back(Date{easter + days{1}});  // Easter Monday

  // The early May bank holiday: the first Monday of May, moved to Friday 8 May in 2020 (VE Day).
  holidays.push_back(y == 2020 ? Ymd(2020, 5, 8) : FirstMonday(y, 5));
  // The coronation of King Charles III, 8 May 2023.
  if (y == 2023) holidays.push_back(Ymd(2023, 5, 8));
  // The spring bank holiday: the last Monday of May, moved to 2 June in 2022 with the Platinum
  // Jubilee holiday on 3 June.
  if (y == 2022) {
    holidays.push_back(Ymd(2022, 6, 2));
    holidays.push_back(Ymd(2022, 6, 3));
  } else {
    holidays.push_back(LastMonday(y, 5));
  }
  holidays.push_back(LastMonday(y, 8));  // summer bank holiday
  // The state funeral of Queen Elizabeth II, 19 September 2022.
  if (y == 2022) holidays.push_back(Ymd(2022, 9, 19));

  // Christmas Day and Boxing Day, each replaced by the next free weekday at a weekend.
  std::vector<Date> christmas;
  christmas.push_back(NextFreeWeekday(Ymd(y, 12, 25), christmas));
  christmas.push_back(NextFreeWeekday(Ymd(y, 12, 26), christmas));
  holidays.insert(holidays.end(), christmas.begin(), christmas.end());

  std::sort(holidays.begin(), holidays.end());
  return holidays;
}

std::vector<Date> WithImported(const std::vector<Date>& base, const std::vector<Date>& imported) {
  std::vector<std::chrono::year> imported_years;
  for (Date d : imported) imported_years.push_back(d.year());
  std::vector<Date> out;
  for (Date d : base) {
    if (std::find(imported_years.begin(), imported_years.end(), d.year()) == imported_years.end()) {
      out.push_back(d);
    }
  }
  out.insert(out.end(), imported.begin(), imported.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<Date>& ShippedBankHolidays() {
  static const std::vector<Date> shipped = [] {
    std::vector<Date> all;
    for (int y = kFirstShippedBankHolidayYear; y <= kLastShippedBankHolidayYear; ++y) {
      auto year_holidays = EnglandAndWalesBankHolidays(y);
      all.insert(all.end(), year_holidays.begin(), year_holidays.end());
    }
    return all;
  }();
  return shipped;
}

}  // namespace cynnal::domain
