#include "domain/date.h"

#include <charconv>
#include <cstdio>

namespace cynnal::domain {
namespace {

std::optional<int> ParseInt(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 6) return std::nullopt;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Exactly `text.size()` ASCII digits, nothing else (fixed-width fields of ISO text).
std::optional<int> ParseDigits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Date> Make(int y, int m, int d) {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

Date LastSunday(int year, unsigned month) {
  using namespace std::chrono;
  year_month_weekday_last last{std::chrono::year{year}, std::chrono::month{month},
                               weekday_last{Sunday}};
  return Date{sys_days{last}};
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = ParseDigits(text.substr(0, 4));
  auto m = ParseDigits(text.substr(5, 2));
  auto d = ParseDigits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  return Make(*y, *m, *d);
}

std::optional<Date> DateFromParts(std::string_view day, std::string_view month,
                                  std::string_view year) {
  auto y = ParseInt(year);
  auto m = ParseInt(month);
  auto d = ParseInt(day);
  if (!y || !m || !d) return std::nullopt;
  return Make(*y, *m, *d);
}

std::string FormatIsoDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::string FormatTimestamp(Timestamp at) {
  using namespace std::chrono;
  auto day = floor<days>(at);
  year_month_day ymd{day};
  hh_mm_ss hms{at - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return std::nullopt;
  auto date = ParseIsoDate(text.substr(0, 10));
  auto h = ParseDigits(text.substr(11, 2));
  auto mi = ParseDigits(text.substr(14, 2));
  auto s = ParseDigits(text.substr(17, 2));
  if (!date || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
  using namespace std::chrono;
  return Timestamp{sys_days{*date}} + hours{*h} + minutes{*mi} + seconds{*s};
}

Date DateInWales(Timestamp at) {
  using namespace std::chrono;
  Date utc_date{floor<days>(at)};
  int y = static_cast<int>(utc_date.year());
  auto bst_start = sys_days{LastSunday(y, 3)} + hours{1};
  auto bst_end = sys_days{LastSunday(y, 10)} + hours{1};
  auto local = at;
  if (at >= bst_start && at < bst_end) local += hours{1};
  return Date{floor<days>(local)};
}

int DaysBetween(Date a, Date b) {
  using namespace std::chrono;
  return static_cast<int>((sys_days{b} - sys_days{a}).count());
}

Date AddDays(Date date, int days) {
  using namespace std::chrono;
  return Date{sys_days{date} + std::chrono::days{days}};
}

Date Anniversary(Date birth, int years) {
  using namespace std::chrono;
  Date candidate{birth.year() + std::chrono::years{years}, birth.month(), birth.day()};
  if (candidate.ok()) return candidate;
  return Date{candidate.year(), March, day{1}};
}

bool IsWeekend(Date date) {
  const std::chrono::weekday wd{std::chrono::sys_days{date}};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace cynnal::domain
