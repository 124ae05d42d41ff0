#include "domain/bank_holidays.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace cynnal::domain {
namespace {

std::vector<std::string> Iso(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  for (Date d : dates) out.push_back(FormatIsoDate(d));
  return out;
}

// The GOV.UK list for England and Wales (gov.uk/bank-holidays), and REFERENCE section 9 for
// 2024-2027.
TEST(BankHolidaysTest, MatchesThePublishedListForEveryShippedYear) {
  const std::map<int, std::vector<std::string>> published = {
      {2018,
       {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27",
        "2018-12-25", "2018-12-26"}},
      {2019,
       {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26",
        "2019-12-25", "2019-12-26"}},
      // VE Day: the early May bank holiday moved to Friday 8 May; Boxing Day on a Saturday.
      {2020,
       {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
        "2020-12-25", "2020-12-28"}},
      // Christmas on a Saturday: both substitute days.
      {2021,
       {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
        "2021-12-27", "2021-12-28"}},
      // Platinum Jubilee and the state funeral; New Year and Christmas on a Sunday.
      {2022,
       {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
        "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}},
      // The coronation.
      {2023,
       {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
        "2023-08-28", "2023-12-25", "2023-12-26"}},
      {2024,
       {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
        "2024-12-25", "2024-12-26"}},
      {2025,
       {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
        "2025-12-25", "2025-12-26"}},
      {2026,
       {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
        "2026-12-25", "2026-12-28"}},
      {2027,
       {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
        "2027-12-27", "2027-12-28"}},
      {2028,
       {"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28",
        "2028-12-25", "2028-12-26"}},
      {2029,
       {"2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27",
        "2029-12-25", "2029-12-26"}},
      {2030,
       {"2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26",
        "2030-12-25", "2030-12-26"}},
  };
  ASSERT_EQ(published.size(), kLastShippedBankHolidayYear - kFirstShippedBankHolidayYear + 1);
  std::size_t total = 0;
  for (const auto& [year, dates] : published) {
    EXPECT_EQ(Iso(EnglandAndWalesBankHolidays(year)), dates) << year;
    total += dates.size();
  }
  EXPECT_EQ(ShippedBankHolidays().size(), total);
}

TEST(BankHolidaysTest, EasterSundayTable) {
  const std::map<int, std::string> easter = {
      {2000, "2000-04-23"}, {2008, "2008-03-23"}, {2011, "2011-04-24"}, {2019, "2019-04-21"},
      {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2038, "2038-04-25"}, {2285, "2285-03-22"},
  };
  for (const auto& [year, date] : easter) EXPECT_EQ(FormatIsoDate(EasterSunday(year)), date);
}

TEST(BankHolidaysTest, NoneFallsAtAWeekend) {
  for (Date d : ShippedBankHolidays()) {
    const std::chrono::weekday wd{std::chrono::sys_days{d}};
    EXPECT_NE(wd, std::chrono::Saturday) << FormatIsoDate(d);
    EXPECT_NE(wd, std::chrono::Sunday) << FormatIsoDate(d);
  }
}

TEST(BankHolidaysTest, AnImportedYearReplacesThatYearOnly) {
  // A proclaimed extra day in 2026, imported from a GOV.UK file covering 2026 only.
  auto imported = EnglandAndWalesBankHolidays(2026);
  imported.push_back(*ParseIsoDate("2026-06-15"));
  const auto merged = WithImported(ShippedBankHolidays(), imported);
  EXPECT_EQ(merged.size(), ShippedBankHolidays().size() + 1);
  EXPECT_TRUE(std::is_sorted(merged.begin(), merged.end()));
  EXPECT_NE(std::find(merged.begin(), merged.end(), *ParseIsoDate("2026-06-15")), merged.end());
  // A file that drops a day of its year is believed for that year.
  const auto dropped = WithImported(ShippedBankHolidays(), {*ParseIsoDate("2031-01-01")});
  EXPECT_EQ(dropped.size(), ShippedBankHolidays().size() + 1);
  const auto only_new_year = WithImported(ShippedBankHolidays(), {*ParseIsoDate("2027-01-01")});
  EXPECT_EQ(only_new_year.size(), ShippedBankHolidays().size() - 7);
}

}  // namespace
}  // namespace cynnal::domain
