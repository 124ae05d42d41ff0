#include "domain/date.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cynnal::domain {
namespace {

using std::chrono::day;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::month;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

Timestamp Utc(int y, unsigned m, unsigned d, int h, int mi, int s) {
  return Timestamp{sys_days{D(y, m, d)}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(ParseIsoDateTest, AcceptsRealCalendarDates) {
  struct Case {
    std::string_view text;
    Date expected;
  };
  const std::vector<Case> cases = {
      {"2025-04-30", D(2025, 4, 30)},  {"2024-02-29", D(2024, 2, 29)},
      {"2000-02-29", D(2000, 2, 29)},  {"1900-01-01", D(1900, 1, 1)},
      {"2200-12-31", D(2200, 12, 31)}, {"2025-12-31", D(2025, 12, 31)},
  };
  for (const auto& c : cases) {
    auto parsed = ParseIsoDate(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(*parsed, c.expected) << c.text;
  }
}

TEST(ParseIsoDateTest, RejectsTextThatIsNotARealDateInRange) {
  const std::vector<std::string_view> cases = {
      "",             // empty
      "2025",         // year only
      "abcd-ef-gh",   // letters
      "2025-0a-01",   // a letter in the month
      "2025-04-31",   // 31 April does not exist
      "2025-02-29",   // 29 February in a common year
      "1900-02-29",   // 1900 was not a leap year
      "2025-13-01",   // month 13
      "2025-00-10",   // month 0
      "2025-01-00",   // day 0
      "2025-01-32",   // day 32
      "1899-12-31",   // before 1900
      "2201-01-01",   // after 2200
      "2025/04/01",   // wrong separator
      "2025-4-1",     // not zero-padded
      "20250401",     // no separators
      "2025-04-01x",  // trailing text
      "-025-04-01",   // negative year
  };
  for (auto text : cases) EXPECT_FALSE(ParseIsoDate(text).has_value()) << "'" << text << "'";
}

TEST(ParseIsoDateTest, RejectsSpacesInsideTheDate) {
  // The contract is "YYYY-MM-DD" exactly: a space inside a part is not a date.
  EXPECT_FALSE(ParseIsoDate("2025-04- 1").has_value());
  EXPECT_FALSE(ParseIsoDate("2025- 4-01").has_value());
}

TEST(ParseIsoDateTest, EveryDayFrom1900To2200RoundTripsThroughFormatIsoDate) {
  for (sys_days d = sys_days{D(1900, 1, 1)}; d <= sys_days{D(2200, 12, 31)};
       d += std::chrono::days{1}) {
    Date date{d};
    std::string text = FormatIsoDate(date);
    ASSERT_EQ(text.size(), 10u) << text;
    auto parsed = ParseIsoDate(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    ASSERT_EQ(*parsed, date) << text;
  }
}

TEST(FormatIsoDateTest, WritesZeroPaddedYearMonthDay) {
  EXPECT_EQ(FormatIsoDate(D(2025, 4, 1)), "2025-04-01");
  EXPECT_EQ(FormatIsoDate(D(1900, 1, 9)), "1900-01-09");
  EXPECT_EQ(FormatIsoDate(D(2024, 12, 31)), "2024-12-31");
}

TEST(DateFromPartsTest, AcceptsWhatAPersonTypesIntoADateInput) {
  struct Case {
    std::string_view day, month, year;
    Date expected;
  };
  const std::vector<Case> cases = {
      {"1", "4", "2025", D(2025, 4, 1)},     {"01", "04", "2025", D(2025, 4, 1)},
      {" 9 ", " 4", "2025 ", D(2025, 4, 9)},  // stray spaces around a part are forgiven
      {"29", "2", "2024", D(2024, 2, 29)},   {"30", "4", "2025", D(2025, 4, 30)},
      {"31", "12", "2200", D(2200, 12, 31)}, {"1", "1", "1900", D(1900, 1, 1)},
  };
  for (const auto& c : cases) {
    auto date = DateFromParts(c.day, c.month, c.year);
    ASSERT_TRUE(date.has_value()) << c.day << "/" << c.month << "/" << c.year;
    EXPECT_EQ(*date, c.expected) << c.day << "/" << c.month << "/" << c.year;
  }
}

TEST(DateFromPartsTest, RejectsMissingNonNumericOrImpossibleDates) {
  struct Case {
    std::string_view day, month, year;
  };
  const std::vector<Case> cases = {
      {"", "4", "2025"},       // day missing
      {"1", "", "2025"},       // month missing
      {"1", "4", ""},          // year missing
      {"", "", ""},            // all missing
      {"  ", "4", "2025"},     // only spaces
      {"one", "4", "2025"},    // letters
      {"1", "April", "2025"},  // month as a word
      {"4a", "4", "2025"},     // trailing letter
      {"1.5", "4", "2025"},    // not a whole number
      {"-1", "4", "2025"},     // negative day
      {"+1", "4", "2025"},     // signed day
      {"31", "4", "2025"},     // 31 April
      {"29", "2", "2025"},     // 29 February in a common year
      {"29", "2", "2100"},     // 2100 is not a leap year
      {"0", "4", "2025"},      // day 0
      {"1", "13", "2025"},     // month 13
      {"1", "0", "2025"},      // month 0
      {"1", "4", "1899"},      // year before 1900
      {"1", "4", "2201"},      // year after 2200
      {"1", "4", "25"},        // a two-digit year is year 25, out of range
      {"1", "4", "1234567"},   // too many digits
  };
  for (const auto& c : cases) {
    EXPECT_FALSE(DateFromParts(c.day, c.month, c.year).has_value())
        << "'" << c.day << "' '" << c.month << "' '" << c.year << "'";
  }
}

TEST(FormatTimestampTest, WritesUtcWithASuffixZ) {
  EXPECT_EQ(FormatTimestamp(Timestamp{}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(Utc(2026, 3, 29, 0, 59, 59)), "2026-03-29T00:59:59Z");
  EXPECT_EQ(FormatTimestamp(Utc(2025, 12, 31, 23, 5, 9)), "2025-12-31T23:05:09Z");
  EXPECT_EQ(FormatTimestamp(Utc(1969, 12, 31, 23, 59, 59)), "1969-12-31T23:59:59Z");
}

TEST(ParseTimestampTest, ReadsWhatFormatTimestampWrites) {
  auto parsed = ParseTimestamp("2026-10-24T23:30:00Z");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, Utc(2026, 10, 24, 23, 30, 0));
}

TEST(ParseTimestampTest, AnySecondFrom1900To2200RoundTrips) {
  const std::int64_t first = Timestamp{sys_days{D(1900, 1, 1)}}.time_since_epoch().count();
  const std::int64_t last = Timestamp{sys_days{D(2201, 1, 1)}}.time_since_epoch().count();
  EXPECT_TRUE(rc::check("ParseTimestamp(FormatTimestamp(t)) == t", [=] {
    const auto secs = *rc::gen::inRange<std::int64_t>(first, last);
    const Timestamp at{seconds{secs}};
    const auto text = FormatTimestamp(at);
    const auto parsed = ParseTimestamp(text);
    RC_ASSERT(parsed.has_value());
    RC_ASSERT(*parsed == at);
  }));
}

TEST(ParseTimestampTest, RejectsOtherShapesAndImpossibleTimes) {
  const std::vector<std::string_view> cases = {
      "",
      "2026-03-29",                 // a date only
      "2026-03-29T00:59:59",        // no Z
      "2026-03-29 00:59:59Z",       // space for T
      "2026-03-29T00:59:59+01:00",  // an offset
      "2026-03-29T00:59:59.5Z",     // fractions of a second
      "2026-03-29T24:00:00Z",       // hour 24
      "2026-03-29T00:60:00Z",       // minute 60
      "2026-03-29T00:00:61Z",       // second 61
      "2026-02-30T00:00:00Z",       // 30 February
      "2026-03-29Taa:bb:ccZ",       // letters
  };
  for (auto text : cases) EXPECT_FALSE(ParseTimestamp(text).has_value()) << "'" << text << "'";
}

TEST(ParseTimestampTest, RejectsWrongSeparatorsInTheTime) {
  // The contract is FormatTimestamp's output exactly: hh:mm:ss with colons and no spaces.
  EXPECT_FALSE(ParseTimestamp("2026-03-29T00-59-59Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-03-29T00x59x59Z").has_value());
  EXPECT_FALSE(ParseTimestamp("2026-03-29T 0:59:59Z").has_value());
}

// REFERENCE section 9 and date.h: Europe/London is GMT, or BST (UTC+1) from 01:00 UTC on the
// last Sunday of March to 01:00 UTC on the last Sunday of October. In 2025 those Sundays are
// 30 March and 26 October; in 2026, 29 March and 25 October.
TEST(DateInWalesTest, FollowsGmtAndBstAcrossTheClockChanges) {
  struct Case {
    Timestamp at;
    Date expected;
    std::string_view why;
  };
  const std::vector<Case> cases = {
      {Utc(2026, 1, 15, 23, 59, 59), D(2026, 1, 15), "winter: GMT, same date"},
      {Utc(2025, 12, 31, 23, 59, 59), D(2025, 12, 31), "new year's eve in GMT"},
      {Utc(2026, 1, 1, 0, 0, 0), D(2026, 1, 1), "new year in GMT"},
      {Utc(2026, 3, 28, 23, 30, 0), D(2026, 3, 28), "night before the change: GMT"},
      {Utc(2026, 3, 29, 0, 59, 59), D(2026, 3, 29), "last second of GMT"},
      {Utc(2026, 3, 29, 1, 0, 0), D(2026, 3, 29), "first second of BST, 02:00 local"},
      {Utc(2026, 3, 29, 22, 59, 59), D(2026, 3, 29), "23:59:59 BST"},
      {Utc(2026, 3, 29, 23, 0, 0), D(2026, 3, 30), "midnight BST is 23:00 UTC"},
      {Utc(2026, 6, 30, 23, 30, 0), D(2026, 7, 1), "summer: 00:30 BST next day"},
      {Utc(2026, 10, 24, 23, 30, 0), D(2026, 10, 25), "still BST on the night of the change"},
      {Utc(2026, 10, 25, 0, 59, 59), D(2026, 10, 25), "last second of BST"},
      {Utc(2026, 10, 25, 1, 0, 0), D(2026, 10, 25), "first second of GMT"},
      {Utc(2026, 10, 25, 23, 30, 0), D(2026, 10, 25), "after the change: GMT"},
      {Utc(2025, 3, 29, 23, 30, 0), D(2025, 3, 29), "2025: GMT before 30 March"},
      {Utc(2025, 3, 30, 23, 30, 0), D(2025, 3, 31), "2025: BST from 30 March"},
      {Utc(2025, 10, 25, 23, 30, 0), D(2025, 10, 26), "2025: BST until 26 October"},
      {Utc(2025, 10, 26, 23, 30, 0), D(2025, 10, 26), "2025: GMT after 26 October"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DateInWales(c.at), c.expected) << FormatTimestamp(c.at) << ": " << c.why;
  }
}

TEST(DateInWalesTest, MiddayIsAlwaysTheUtcDate) {
  for (sys_days d = sys_days{D(2020, 1, 1)}; d <= sys_days{D(2035, 12, 31)};
       d += std::chrono::days{1}) {
    ASSERT_EQ(DateInWales(Timestamp{d} + hours{12}), Date{d}) << FormatIsoDate(Date{d});
  }
}

TEST(DateInWalesTest, LateEveningIsTheNextDayExactlyInBritishSummerTime) {
  // A day-by-day oracle: 23:30 UTC is the next day in Wales exactly when BST is in force, i.e.
  // from the last Sunday of March up to the Saturday before the last Sunday of October.
  for (int y = 2020; y <= 2035; ++y) {
    using std::chrono::Sunday;
    using std::chrono::weekday_last;
    const sys_days bst_first{
        std::chrono::year_month_weekday_last{year{y}, std::chrono::March, weekday_last{Sunday}}};
    const sys_days gmt_again{
        std::chrono::year_month_weekday_last{year{y}, std::chrono::October, weekday_last{Sunday}}};
    for (sys_days d = sys_days{D(y, 1, 1)}; d <= sys_days{D(y, 12, 31)};
         d += std::chrono::days{1}) {
      const bool bst = d >= bst_first && d < gmt_again;
      const Date expected{bst ? d + std::chrono::days{1} : d};
      ASSERT_EQ(DateInWales(Timestamp{d} + hours{23} + minutes{30}), expected)
          << FormatIsoDate(Date{d});
    }
  }
}

TEST(DaysBetweenTest, CountsWholeDaysIncludingLeapDays) {
  EXPECT_EQ(DaysBetween(D(2024, 2, 28), D(2024, 3, 1)), 2);
  EXPECT_EQ(DaysBetween(D(2025, 2, 28), D(2025, 3, 1)), 1);
  EXPECT_EQ(DaysBetween(D(2025, 9, 1), D(2025, 9, 1)), 0);
  EXPECT_EQ(DaysBetween(D(2026, 1, 1), D(2025, 12, 31)), -1);
  EXPECT_EQ(DaysBetween(D(2025, 1, 1), D(2026, 1, 1)), 365);
  EXPECT_EQ(DaysBetween(D(2024, 1, 1), D(2025, 1, 1)), 366);
}

TEST(AddDaysTest, MovesAcrossMonthAndYearEnds) {
  EXPECT_EQ(AddDays(D(2025, 12, 31), 1), D(2026, 1, 1));
  EXPECT_EQ(AddDays(D(2026, 1, 1), -1), D(2025, 12, 31));
  EXPECT_EQ(AddDays(D(2024, 2, 28), 1), D(2024, 2, 29));
  EXPECT_EQ(AddDays(D(2025, 2, 28), 1), D(2025, 3, 1));
  // "N weeks beginning with the day after X" ends on X + 7N days (REFERENCE section 3).
  EXPECT_EQ(AddDays(D(2025, 11, 3), 7 * 6), D(2025, 12, 15));
}

TEST(AddDaysTest, UndoesDaysBetween) {
  EXPECT_TRUE(rc::check("AddDays(a, DaysBetween(a, b)) == b", [] {
    const int a_offset = *rc::gen::inRange(0, 100000);
    const int b_offset = *rc::gen::inRange(0, 100000);
    const Date a = Date{sys_days{D(1900, 1, 1)} + std::chrono::days{a_offset}};
    const Date b = Date{sys_days{D(1900, 1, 1)} + std::chrono::days{b_offset}};
    RC_ASSERT(AddDays(a, DaysBetween(a, b)) == b);
    RC_ASSERT(DaysBetween(a, b) == b_offset - a_offset);
  }));
}

// date.h: 29 February is taken as 1 March in a common year (Family Law Reform Act 1969 s.9
// reading).
TEST(AnniversaryTest, TakesTwentyNinthOfFebruaryAsFirstOfMarchInACommonYear) {
  struct Case {
    Date birth;
    int years;
    Date expected;
  };
  const std::vector<Case> cases = {
      {D(2020, 2, 29), 1, D(2021, 3, 1)},    {D(2020, 2, 29), 4, D(2024, 2, 29)},
      {D(2020, 2, 29), 5, D(2025, 3, 1)},    {D(2000, 2, 29), 100, D(2100, 3, 1)},
      {D(2000, 2, 29), 16, D(2016, 2, 29)},  {D(2010, 3, 15), 16, D(2026, 3, 15)},
      {D(2019, 12, 31), 5, D(2024, 12, 31)}, {D(2020, 2, 28), 1, D(2021, 2, 28)},
      {D(2020, 3, 1), 1, D(2021, 3, 1)},     {D(2021, 1, 1), 0, D(2021, 1, 1)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Anniversary(c.birth, c.years), c.expected)
        << FormatIsoDate(c.birth) << " + " << c.years << " years";
  }
}

TEST(IsWeekendTest, SaturdayAndSundayOnly) {
  EXPECT_FALSE(IsWeekend(D(2025, 12, 19)));  // Friday
  EXPECT_TRUE(IsWeekend(D(2025, 12, 20)));   // Saturday
  EXPECT_TRUE(IsWeekend(D(2025, 12, 21)));   // Sunday
  EXPECT_FALSE(IsWeekend(D(2025, 12, 22)));  // Monday
  EXPECT_TRUE(IsWeekend(D(2024, 3, 2)));     // Saturday in a leap year
}

}  // namespace
}  // namespace cynnal::domain
