#include "domain/timescale.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <chrono>
#include <string>
#include <vector>

#include "domain/bank_holidays.h"
#include "domain/school_calendar.h"
#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;

// The all-Wales term dates for 2025/26 (REFERENCE section 9) and a school's INSET days.
std::vector<CalendarEntry> Wales2025() {
  const TermDates dates = testing::Wales2025TermDates();
  auto entries = EntriesOf(dates);
  for (const char* inset : {"2025-09-01", "2025-11-03", "2026-01-05", "2026-07-20"}) {
    entries.push_back({CalendarEntryKind::kInset, Iso(inset), Iso(inset), "INSET"});
  }
  return entries;
}

SchoolCalendar Calendar(const std::vector<CalendarEntry>& entries) {
  auto calendar = SchoolCalendar::Build(entries, ShippedBankHolidays());
  EXPECT_TRUE(calendar.has_value());
  return *calendar;
}

struct Case {
  const char* timescale;
  const char* start;
  const char* due;  // "" when the calendar does not reach the due date
  const char* why;
};

void RunTable(const std::vector<Case>& cases, const SchoolCalendar& calendar) {
  for (const Case& c : cases) {
    const Timescale* t = FindTimescale(c.timescale);
    ASSERT_NE(t, nullptr) << c.timescale;
    auto due = DueDate(*t, t->count, Iso(c.start), calendar);
    if (std::string(c.due).empty()) {
      ASSERT_FALSE(due.has_value()) << c.timescale << " from " << c.start << ": " << c.why;
      EXPECT_EQ(due.error().message, "calendar_error_ends");
      EXPECT_EQ(due.error().fields.at("date"), "2026-07-20");
    } else {
      ASSERT_TRUE(due.has_value())
          << c.timescale << " from " << c.start << ": " << due.error().message;
      EXPECT_EQ(FormatIsoDate(*due), c.due) << c.timescale << " from " << c.start << ": " << c.why;
    }
  }
}

TEST(TimescaleTest, SchoolDayTimescalesOnThe2025To26WalesTermDates) {
  RunTable(
      {
          {"school-decision", "2025-09-01", "2025-10-20", "from an INSET day at the start of term"},
          {"school-decision", "2025-10-10", "2025-12-08",
           "over the October half-term and an INSET day"},
          {"school-decision", "2025-12-01", "2026-02-03",
           "over Christmas and the January INSET day"},
          {"school-decision", "2025-12-19", "2026-03-02", "from the last day of the autumn term"},
          {"school-decision", "2025-12-24", "2026-03-02", "from a day in the holidays"},
          {"school-decision", "2026-02-02", "2026-04-13",
           "lands on the first day of the summer term"},
          {"school-decision", "2026-03-07", "2026-05-11",
           "from a Saturday, over Easter and May Day"},
          {"school-decision", "2026-04-20", "2026-06-16", "over May Day and the May half-term"},
          {"school-decision", "2026-06-01", "", "runs past the end of the known terms"},
          {"school-referral", "2025-09-01", "2025-09-29", "20 school days"},
          {"school-referral", "2026-02-02", "2026-03-09", "over the February half-term"},
          {"school-referral", "2026-06-15", "2026-07-13", "near the end of the year"},
          {"fei-decision", "2025-09-01", "2025-10-06", "term-time days include weekends"},
          {"fei-decision", "2026-02-02", "2026-03-14", "lands on a Saturday in term"},
          {"fei-decision", "2026-04-20", "2026-05-31", "over May Day and the half-term"},
          {"fei-decision", "2026-06-15", "", "runs past the end of the known terms"},
      },
      Calendar(Wales2025()));
}

TEST(TimescaleTest, WeekAndWorkingDayTimescalesMoveOffBankHolidaysAsTheRegulationsSay) {
  RunTable(
      {
          {"la-decision", "2025-10-02", "2025-12-29", "lands on Christmas Day: next working day"},
          {"la-decision", "2025-10-03", "2025-12-29", "lands on Boxing Day"},
          {"la-decision", "2026-10-05", "2026-12-29", "lands on the 2026 substitute Boxing Day"},
          {"la-decision", "2026-10-08", "2026-12-31", "a working day: not moved"},
          {"la-decision", "2027-10-04", "2027-12-29", "the 2027 substitute days"},
          {"la-reconsideration", "2026-02-13", "2026-04-07", "Good Friday to after Easter Monday"},
          {"la-reconsideration", "2026-01-01", "2026-02-19", "7 weeks on a working day"},
          {"nhs-response", "2026-03-23", "2026-05-05", "lands on May Day"},
          {"nhs-response", "2026-01-10", "2026-02-23", "lands on a Saturday"},
          {"cease-reconsideration-request", "2025-11-29", "2025-12-29", "over Christmas weekend"},
          {"cease-reconsideration-request", "2026-04-01", "2026-04-29", "4 weeks"},
          {"tribunal-appeal", "2026-03-06", "2026-05-01", "X + 56 is a working day"},
          {"tribunal-appeal", "2026-03-09", "2026-05-05", "X + 56 is May Day"},
          {"tribunal-appeal", "2027-11-01", "2027-12-29", "X + 56 is the 2027 substitute day"},
          {"idp-review", "2025-09-15", "2026-09-14", "the day before the anniversary"},
          {"idp-review", "2025-11-30", "2026-11-29", "a Sunday, not moved"},
          {"idp-review", "2026-01-01", "2026-12-31", "across a year end"},
          {"idp-review", "2024-02-29", "2025-02-27", "29 February maps to 28 February"},
          {"idp-review", "2023-03-01", "2024-02-29", "the day before 1 March in a leap year"},
          {"opp-review", "2025-10-06", "2026-10-05", "a profile reviewed within the year"},
          {"panel-minutes", "2025-12-23", "2025-12-30", "3 working days over Christmas"},
          {"panel-minutes", "2026-12-23", "2026-12-30", "over the 2026 substitute Boxing Day"},
          {"panel-minutes", "2026-05-01", "2026-05-07", "over May Day"},
          {"sen-assessment-decision", "2025-11-14", "2025-12-26", "legacy: not moved"},
          // Act s.70: the date the tribunal's order sets, even a Saturday (default 35 days).
          {"tribunal-order", "2026-03-07", "2026-04-11", "the order's date, not moved"},
      },
      Calendar(Wales2025()));
}

TEST(TimescaleTest, EveryTimescaleHasASourceAUnitAndAPositiveCount) {
  ASSERT_EQ(TimescaleCatalogue().size(), 13u);
  for (const Timescale& t : TimescaleCatalogue()) {
    EXPECT_FALSE(t.source.empty()) << t.code;
    EXPECT_GT(t.count, 0) << t.code;
    EXPECT_EQ(FindTimescale(t.code), &t);
  }
  EXPECT_FALSE(FindTimescale("school-referral")->statutory);
  EXPECT_FALSE(FindTimescale("panel-minutes")->statutory);
  EXPECT_TRUE(FindTimescale("la-decision")->statutory);
  EXPECT_EQ(FindTimescale("not-a-timescale"), nullptr);
}

TEST(TimescaleTest, LocalGuidelinesTakeTheLasCountAndStatutoryOnesDoNot) {
  LocalTimescales local{15, 5};
  EXPECT_EQ(CountFor(*FindTimescale("school-referral"), local), 15);
  EXPECT_EQ(CountFor(*FindTimescale("panel-minutes"), local), 5);
  EXPECT_EQ(CountFor(*FindTimescale("school-decision"), local), 35);
  EXPECT_TRUE(CheckLocalTimescales(local).has_value());
  EXPECT_FALSE(CheckLocalTimescales({0, 3}).has_value());
  EXPECT_FALSE(CheckLocalTimescales({20, 201}).has_value());
  auto calendar = Calendar(Wales2025());
  auto due = DueDate(*FindTimescale("school-referral"), 15, Iso("2025-09-01"), calendar);
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(FormatIsoDate(*due), "2025-09-22");
}

TEST(TimescaleTest, BeyondTheKnownBankHolidaysIsAClearError) {
  auto calendar = Calendar(Wales2025());
  auto due = DueDate(*FindTimescale("la-decision"), 12, Iso("2030-11-01"), calendar);
  ASSERT_FALSE(due.has_value());
  EXPECT_EQ(due.error().message, "calendar_error_ends");
  EXPECT_EQ(due.error().fields.at("date"), "2030-12-31");
}

TEST(TimescaleTest, AddMonthsClampsToTheEndOfShortMonths) {
  EXPECT_EQ(FormatIsoDate(AddMonthsClamped(Iso("2025-01-31"), 1)), "2025-02-28");
  EXPECT_EQ(FormatIsoDate(AddMonthsClamped(Iso("2024-01-31"), 1)), "2024-02-29");
  EXPECT_EQ(FormatIsoDate(AddMonthsClamped(Iso("2025-08-31"), 1)), "2025-09-30");
  EXPECT_EQ(FormatIsoDate(AddMonthsClamped(Iso("2025-11-15"), 3)), "2026-02-15");
}

// Random calendars: a run of academic years whose terms, half-terms, INSET days and closures
// are drawn at random, with the shipped bank holidays.
std::vector<CalendarEntry> RandomCalendar() {
  using std::chrono::days;
  using std::chrono::sys_days;
  std::vector<CalendarEntry> entries;
  const int first_year = *rc::gen::inRange(2018, 2027);
  const int years = *rc::gen::inRange(1, 3);
  for (int y = first_year; y < first_year + years; ++y) {
    sys_days cursor{AcademicYearStart(y)};
    for (int term = 0; term < 3; ++term) {
      const sys_days start = cursor + days{*rc::gen::inRange(0, 14)};
      const sys_days end = start + days{*rc::gen::inRange(30, 100)};
      entries.push_back({CalendarEntryKind::kTerm, Date{start}, Date{end}, "term"});
      if (*rc::gen::arbitrary<bool>()) {
        const sys_days half = start + days{*rc::gen::inRange(10, 25)};
        entries.push_back(
            {CalendarEntryKind::kHalfTerm, Date{half}, Date{half + days{4}}, "half term"});
      }
      const int extra = *rc::gen::inRange(0, 4);
      for (int i = 0; i < extra; ++i) {
        const sys_days day = start + days{*rc::gen::inRange(0, 40)};
        const auto kind = *rc::gen::element(CalendarEntryKind::kInset, CalendarEntryKind::kClosure,
                                            CalendarEntryKind::kBankHoliday);
        entries.push_back({kind, Date{day}, Date{day + days{*rc::gen::inRange(0, 2)}}, "day"});
      }
      cursor = end + days{*rc::gen::inRange(7, 21)};
    }
  }
  return entries;
}

TEST(TimescaleTest, MatchesADayByDayWalkOnRandomCalendars) {
  int cases = 0;
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = 500;  // 500 calendars of 25 queries: 12,500 cases
  rc::detail::TestMetadata metadata;
  metadata.id = metadata.description = "due dates match a day-by-day walk";
  const auto result = rc::detail::checkTestable(
      [&cases] {
        const auto entries = RandomCalendar();
        auto calendar = SchoolCalendar::Build(entries, ShippedBankHolidays());
        RC_ASSERT(calendar.has_value());
        for (int q = 0; q < 25; ++q) {
          const Timescale& t = *rc::gen::elementOf(TimescaleCatalogue());
          const int count = *rc::gen::inRange(1, 60);
          const Date start{std::chrono::sys_days{entries.front().start} +
                           std::chrono::days{*rc::gen::inRange(-1, 600)}};
          auto fast = DueDate(t, count, start, *calendar);
          auto walked = DueDateByWalk(t, count, start, entries, ShippedBankHolidays());
          ++cases;
          if (fast.has_value()) {
            RC_ASSERT(walked.has_value());
            RC_ASSERT(FormatIsoDate(*fast) == FormatIsoDate(*walked));
          } else {
            // The engine refuses only when the walk finds no such day in the known terms, or the
            // answer lies past the bank holidays Cynnal knows (2030).
            const bool past_terms = !walked.has_value() || *calendar->terms_known_until() < *walked;
            RC_ASSERT(past_terms || Iso("2030-12-31") < *walked);
          }
        }
      },
      metadata, params);
  rc::detail::printResultMessage(result, std::cerr);
  EXPECT_TRUE(result.template is<rc::detail::SuccessResult>());
  EXPECT_GE(cases, 10000);
}

}  // namespace
}  // namespace cynnal::domain
