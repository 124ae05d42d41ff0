#include "domain/statutory_clock.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/bank_holidays.h"
#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;

SchoolCalendar Wales2025() {
  return *SchoolCalendar::Build(EntriesOf(testing::Wales2025TermDates()), ShippedBankHolidays());
}

StatutoryClock SchoolClock(const char* started_on) {
  StatutoryClock clock;
  clock.timescale = "school-decision";
  clock.count = 35;
  clock.calendar_setting = SettingId{1};
  clock.started_on = Iso(started_on);
  return clock;
}

TEST(ForecastTest, StatusFollowsTheDaysLeft) {
  const auto calendar = Wales2025();
  const Timescale& school = *FindTimescale("school-decision");
  // Started 2 February 2026: due 13 April 2026 (35 school days, over half-term and Easter).
  struct Case {
    const char* today;
    ForecastStatus status;
    int days_left;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"2026-02-02", ForecastStatus::kOnTrack, 35, "the day it started"},
      {"2026-03-16", ForecastStatus::kOnTrack, 10, "10 school days left of 35"},
      {"2026-03-18", ForecastStatus::kOnTrack, 8, "8 left: still 20% or more"},
      {"2026-03-19", ForecastStatus::kOnTrack, 7, "7 left: exactly 20%, not yet at risk"},
      {"2026-03-20", ForecastStatus::kAtRisk, 6, "6 left: under 20% of 35"},
      {"2026-03-27", ForecastStatus::kAtRisk, 1, "last day of term, due on the first of the next"},
      {"2026-04-13", ForecastStatus::kAtRisk, 0, "the due date itself"},
      {"2026-04-14", ForecastStatus::kOverdue, -1, "a school day late"},
  };
  for (const Case& c : cases) {
    auto forecast = Forecast(SchoolClock("2026-02-02"), school, calendar, Iso(c.today));
    ASSERT_TRUE(forecast.has_value()) << c.why;
    EXPECT_EQ(FormatIsoDate(forecast->due), "2026-04-13");
    EXPECT_TRUE(forecast->school_days);
    EXPECT_EQ(forecast->period_days, 35);
    EXPECT_EQ(Code(forecast->status), Code(c.status)) << c.why;
    EXPECT_EQ(forecast->days_left, c.days_left) << c.why;
  }
}

TEST(ForecastTest, WeekClocksCountWorkingDaysAndFewerThanFiveIsAtRisk) {
  const auto calendar = Wales2025();
  StatutoryClock clock;
  clock.timescale = "nhs-response";
  clock.count = 6;
  clock.started_on = Iso("2026-03-23");  // due 5 May 2026 (X + 42 is May Day)
  const Timescale& t = *FindTimescale("nhs-response");
  auto early = Forecast(clock, t, calendar, Iso("2026-03-24"));
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(FormatIsoDate(early->due), "2026-05-05");
  EXPECT_FALSE(early->school_days);
  EXPECT_EQ(early->period_days, 28);  // 30 weekdays less Good Friday and Easter Monday
  EXPECT_EQ(Code(early->status), "on_track");
  auto late = Forecast(clock, t, calendar, Iso("2026-04-28"));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->days_left, 4);  // 29, 30 April, 1 and 5 May
  EXPECT_EQ(Code(late->status), "at_risk");
}

TEST(ForecastTest, AWaivedClockIsForecastAgainstItsTargetAndStaysOverdueAfterIt) {
  const auto calendar = Wales2025();
  StatutoryClock clock = SchoolClock("2026-02-02");
  clock.waiver = Waiver{WaiverReason::kAwaitingAnotherBody, "Awaiting CAMHS report", UserId{1},
                        Timestamp{}, Iso("2026-05-15")};
  EXPECT_EQ(Code(StateOf(clock)), "waived");
  auto forecast = Forecast(clock, *FindTimescale("school-decision"), calendar, Iso("2026-05-18"));
  ASSERT_TRUE(forecast.has_value());
  EXPECT_EQ(FormatIsoDate(forecast->due), "2026-05-15");
  EXPECT_EQ(Code(forecast->status), "overdue");
}

TEST(ClockStateTest, MetMissedRunningAndWaived) {
  StatutoryClock clock = SchoolClock("2026-02-02");
  EXPECT_EQ(Code(StateOf(clock)), "running");
  clock.stopped_on = Iso("2026-04-13");
  clock.due_when_stopped = Iso("2026-04-13");
  EXPECT_EQ(Code(StateOf(clock)), "met");
  clock.stopped_on = Iso("2026-04-14");
  EXPECT_EQ(Code(StateOf(clock)), "missed");
}

TEST(ClockChecksTest, RejectWhatCannotBeRight) {
  const Date today = Iso("2026-03-01");
  StatutoryClock clock = SchoolClock("2026-03-02");
  auto future = CheckNewClock(clock, today);
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().fields.at("started_on"), "clock_error_start_future");

  clock = SchoolClock("2026-02-02");
  clock.calendar_setting.reset();
  EXPECT_EQ(CheckNewClock(clock, today).error().fields.at("calendar_setting"),
            "clock_error_setting_required");
  clock.timescale = "la-decision";
  clock.count = 12;
  EXPECT_TRUE(CheckNewClock(clock, today).has_value());
  clock.timescale = "no-such-thing";
  EXPECT_EQ(CheckNewClock(clock, today).error().fields.at("timescale"), "clock_error_timescale");

  clock = SchoolClock("2026-02-02");
  EXPECT_EQ(CheckStop(clock, Iso("2026-02-01"), today).error().fields.at("stopped_on"),
            "clock_error_stop_before_start");
  EXPECT_EQ(CheckStop(clock, Iso("2026-03-02"), today).error().fields.at("stopped_on"),
            "clock_error_stop_future");
  EXPECT_TRUE(CheckStop(clock, Iso("2026-02-02"), today).has_value());

  Waiver waiver{WaiverReason::kOther, "  ", UserId{1}, Timestamp{}, Iso("2026-02-28")};
  auto bad = CheckWaiver(clock, waiver, today);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields.at("details"), "clock_error_waiver_details");
  EXPECT_EQ(bad.error().fields.at("new_target"), "clock_error_waiver_target");
  waiver.details = "Family abroad until April";
  waiver.new_target = Iso("2026-04-30");
  EXPECT_TRUE(CheckWaiver(clock, waiver, today).has_value());
  clock.stopped_on = Iso("2026-02-20");
  EXPECT_EQ(CheckWaiver(clock, waiver, today).error().code, ErrorCode::kConflict);
}

}  // namespace
}  // namespace cynnal::domain
