#include "domain/provision.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/bank_holidays.h"
#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;

// The world of these tests: Ysgol Cwm, a Blaenau Gwent primary, and its provision map for 2025/26.
constexpr LocalAuthorityId kBlaenauGwent{1};
constexpr SettingId kYsgolCwm{10};
constexpr ProvisionMapId kMap2025{7};
constexpr IdpId kIdp{30};
constexpr LearnerId kCerys{100};
constexpr LearnerId kDylan{101};
constexpr LearnerId kElin{102};  // leaves Ysgol Cwm at the end of 2025/26
constexpr LearnerId kGethin{103};
constexpr UserId kAlnco{31};

template <typename T>
::testing::AssertionResult Succeeded(const Result<T>& result) {
  if (result.has_value()) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure() << result.error().message;
  for (const auto& [field, message] : result.error().fields)
    failure << " " << field << "=" << message;
  return failure;
}

template <typename T>
::testing::AssertionResult Refused(const Result<T>& result, ErrorCode code,
                                   const std::string& message, const Fields& fields = {}) {
  if (result.has_value()) return ::testing::AssertionFailure() << "succeeded";
  const Error& error = result.error();
  if (error.code != code || error.message != message || error.fields != fields) {
    ::testing::AssertionResult failure = ::testing::AssertionFailure()
                                         << "refused with " << error.message << " (code "
                                         << static_cast<int>(error.code) << ")";
    for (const auto& [field, text] : error.fields) failure << " " << field << "=" << text;
    return failure;
  }
  return ::testing::AssertionSuccess();
}

std::vector<Date> BankHolidays() {
  std::vector<Date> days = EnglandAndWalesBankHolidays(2025);
  const std::vector<Date> next = EnglandAndWalesBankHolidays(2026);
  days.insert(days.end(), next.begin(), next.end());
  return days;
}

SchoolCalendar Wales2025() {
  auto calendar = SchoolCalendar::Build(EntriesOf(testing::Wales2025TermDates()), BankHolidays());
  EXPECT_TRUE(Succeeded(calendar));
  return *calendar;
}

// ---------------------------------------------------------------------------------------------
// Promised sessions over the 2025/26 calendar: autumn 1 Sep-19 Dec 2025 (half term 27-31 Oct),
// spring 5 Jan-27 Mar 2026 (16-20 Feb), summer 13 Apr-20 Jul 2026 (25-29 May); May Day 4 May
// 2026 is a bank holiday Monday in the summer term.

struct PromisedCase {
  const char* why;
  int sessions;
  ProvisionPeriod per;
  const char* from;
  const char* through;
  int expected;
};

TEST(ProvisionPromisedSessions, CountsCompletePeriodsOfThe2025To26SchoolYear) {
  const SchoolCalendar calendar = Wales2025();
  using enum ProvisionPeriod;
  const std::vector<PromisedCase> cases = {
      // Per day: each school day.
      {"1 a day, Mon 4 - Sun 10 May 2026: May Day is a bank holiday, 5-8 May are 4 school days", 1,
       kDay, "2026-05-04", "2026-05-10", 4},
      {"2 a day, Mon 25 Aug - Fri 5 Sep 2025: 25-29 Aug is summer holiday (25 Aug also a bank "
       "holiday), 1-5 Sep are 5 school days, 5 x 2",
       2, kDay, "2025-08-25", "2025-09-05", 10},
      {"1 a day over half-term week 27-31 Oct 2025: no school days", 1, kDay, "2025-10-27",
       "2025-10-31", 0},
      {"1 a day over the autumn term 1 Sep - 19 Dec 2025: 16 weeks of weekdays (80) less the 5 of "
       "half term",
       1, kDay, "2025-09-01", "2025-12-19", 75},
      {"1 a day over the year 1 Sep 2025 - 20 Jul 2026: autumn 75 + spring 55 (60 weekdays less "
       "half term) + summer 65 (71 weekdays less half term and May Day)",
       1, kDay, "2025-09-01", "2026-07-20", 195},
      {"1 a day on Mon 1 Sep 2025 only: from and through the same school day", 1, kDay,
       "2025-09-01", "2025-09-01", 1},
      // Per week: Monday-to-Sunday weeks with a school day, once the week's school days are over.
      {"3 a week, Mon 1 - Fri 19 Sep 2025: 3 complete school weeks, 3 x 3", 3, kWeek, "2025-09-01",
       "2025-09-19", 9},
      {"3 a week, Mon 1 - Wed 17 Sep 2025: the week of 15 Sep is not over, 2 weeks x 3", 3, kWeek,
       "2025-09-01", "2025-09-17", 6},
      {"3 a week over half-term week Mon 27 Oct - Sun 2 Nov 2025: no school days", 3, kWeek,
       "2025-10-27", "2025-11-02", 0},
      {"3 a week, Mon 20 Oct - Sun 2 Nov 2025: the week of 20 Oct counts, half term does not", 3,
       kWeek, "2025-10-20", "2025-11-02", 3},
      {"3 a week from Wed 10 Sep through Sun 14 Sep 2025: the plan owes the week it started in", 3,
       kWeek, "2025-09-10", "2025-09-14", 3},
      {"3 a week from Wed 10 Sep through Tue 16 Sep 2025: only the week of 8 Sep is over", 3, kWeek,
       "2025-09-10", "2025-09-16", 3},
      {"3 a week for a plan ending Fri 19 Dec 2025, from 1 Sep: the autumn term's 16 weeks less "
       "half term, 15 x 3",
       3, kWeek, "2025-09-01", "2025-12-19", 45},
      // Per fortnight: every second such week.
      {"1 a fortnight, Mon 1 - Sun 28 Sep 2025: 4 school weeks, 2 fortnights", 1, kFortnight,
       "2025-09-01", "2025-09-28", 2},
      {"1 a fortnight, Mon 1 - Sun 21 Sep 2025: 3 school weeks, the second fortnight not over", 1,
       kFortnight, "2025-09-01", "2025-09-21", 1},
      {"1 a fortnight, Mon 13 Oct - Sun 9 Nov 2025: weeks of 13 Oct, 20 Oct and 3 Nov (half term "
       "has no school days), 1 fortnight",
       1, kFortnight, "2025-10-13", "2025-11-09", 1},
      // Per half term: runs of school days split by breaks of more than 7 days.
      {"1 a half term, 1 Sep - Fri 24 Oct 2025: the next school day, 3 Nov, is 10 days later, so "
       "the first half of autumn is over",
       1, kHalfTerm, "2025-09-01", "2025-10-24", 1},
      {"1 a half term, 1 Sep - Thu 23 Oct 2025: 24 Oct is still to come", 1, kHalfTerm,
       "2025-09-01", "2025-10-23", 0},
      {"1 a half term, 1 Sep - 19 Dec 2025: both halves of autumn (split 24 Oct / 3 Nov)", 1,
       kHalfTerm, "2025-09-01", "2025-12-19", 2},
      {"1 a half term, Sat 1 Nov - 19 Dec 2025: all of 3 Nov - 19 Dec falls from the start", 1,
       kHalfTerm, "2025-11-01", "2025-12-19", 1},
      {"1 a half term over the year 1 Sep 2025 - 20 Jul 2026: 2 halves in each of 3 terms", 1,
       kHalfTerm, "2025-09-01", "2026-07-20", 6},
      // Per term: the same, split by breaks of more than 14 days.
      {"1 a term, 1 Sep - Fri 19 Dec 2025: half term is a 10-day break (24 Oct - 3 Nov), not a "
       "split; 5 Jan is 17 days later, so autumn is over",
       1, kTerm, "2025-09-01", "2025-12-19", 1},
      {"1 a term, 1 Sep - Thu 18 Dec 2025: 19 Dec is still to come", 1, kTerm, "2025-09-01",
       "2025-12-18", 0},
      {"2 a term over the year 1 Sep 2025 - 20 Jul 2026: 3 terms x 2", 2, kTerm, "2025-09-01",
       "2026-07-20", 6},
      // Per year: the last school day of the year, Mon 20 Jul 2026.
      {"1 a year, 1 Sep 2025 - Mon 20 Jul 2026: the last school day has passed", 1, kYear,
       "2025-09-01", "2026-07-20", 1},
      {"1 a year, 1 Sep 2025 - Sun 19 Jul 2026: 20 Jul is still to come", 1, kYear, "2025-09-01",
       "2026-07-19", 0},
      // Nothing promised.
      {"through before from", 3, kWeek, "2025-09-19", "2025-09-01", 0},
      {"0 sessions a day over the autumn term", 0, kDay, "2025-09-01", "2025-12-19", 0},
  };
  for (const PromisedCase& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(PromisedSessions(c.sessions, c.per, Iso(c.from), Iso(c.through), calendar),
              c.expected);
  }
}

// provision.h: a period already under way when the provision starts is owed in full.
TEST(ProvisionPromisedSessions, AHalfTermTermOrYearBegunBeforeThePlanIsOwed) {
  const SchoolCalendar calendar = Wales2025();
  using enum ProvisionPeriod;
  const std::vector<PromisedCase> cases = {
      {"1 a half term from Wed 10 Sep through Fri 24 Oct 2025: that half term began on 1 Sep", 1,
       kHalfTerm, "2025-09-10", "2025-10-24", 1},
      {"1 a term from Wed 10 Sep through Fri 19 Dec 2025: the autumn term began on 1 Sep", 1, kTerm,
       "2025-09-10", "2025-12-19", 1},
      {"1 a year from Tue 2 Sep 2025 through Mon 31 Aug 2026: the year's first school day was 1 "
       "Sep",
       1, kYear, "2025-09-02", "2026-08-31", 1},
  };
  for (const PromisedCase& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(PromisedSessions(c.sessions, c.per, Iso(c.from), Iso(c.through), calendar),
              c.expected);
  }
}

// ---------------------------------------------------------------------------------------------
// The period a promise is measured over.

TEST(ProvisionPeriodFor, FromTheLaterStartThroughTheEarlierEnd) {
  struct Case {
    const char* why;
    std::optional<const char*> starts_on;
    std::optional<const char*> ends_on;
    const char* today;
    const char* from;
    const char* through;
  };
  const std::vector<Case> cases = {
      {"no dates: from 1 September of this year through today", std::nullopt, std::nullopt,
       "2026-01-15", "2025-09-01", "2026-01-15"},
      {"started last year: from 1 September", "2025-06-02", std::nullopt, "2026-01-15",
       "2025-09-01", "2026-01-15"},
      {"started this year: from its start", "2025-09-10", std::nullopt, "2026-01-15", "2025-09-10",
       "2026-01-15"},
      {"ended before today: through its end", "2025-09-10", "2025-12-19", "2026-01-15",
       "2025-09-10", "2025-12-19"},
      {"ends after today: through today", std::nullopt, "2026-03-27", "2026-01-15", "2025-09-01",
       "2026-01-15"},
      {"today is 31 August: still the 2025/26 year", "2024-11-04", std::nullopt, "2026-08-31",
       "2025-09-01", "2026-08-31"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    const std::optional<Date> starts_on =
        c.starts_on ? std::optional<Date>(Iso(*c.starts_on)) : std::nullopt;
    const std::optional<Date> ends_on =
        c.ends_on ? std::optional<Date>(Iso(*c.ends_on)) : std::nullopt;
    const MeasuredPeriod period = PeriodFor(starts_on, ends_on, Iso(c.today));
    EXPECT_EQ(FormatIsoDate(period.from), c.from);
    EXPECT_EQ(FormatIsoDate(period.through), c.through);
  }
}

// ---------------------------------------------------------------------------------------------
// Delivered against promised.

TEST(DeliveryTotal, ShortfallAndPercentDelivered) {
  struct Case {
    const char* why;
    DeliveryTotal total;
    int shortfall;
    int percent;
  };
  const std::vector<Case> cases = {
      {"7 of 10 delivered", {.promised = 10, .delivered = 7, .missed = 3}, 3, 70},
      {"all delivered", {.promised = 9, .delivered = 9}, 0, 100},
      {"nothing promised, nothing delivered", {.promised = 0, .delivered = 0}, 0, 100},
      {"nothing promised, some delivered", {.promised = 0, .delivered = 4}, 0, 100},
      {"over-delivered: no shortfall", {.promised = 10, .delivered = 12}, 0, 120},
      {"none delivered", {.promised = 6, .delivered = 0, .missed = 6}, 6, 0},
      {"199 of 200: never shown as 100% while any is short",
       {.promised = 200, .delivered = 199},
       1,
       99},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(c.total.Shortfall(), c.shortfall);
    EXPECT_EQ(c.total.PercentDelivered(), c.percent);
  }
}

const char* const kToday = "2025-11-12";

DeliveryRecord ValidDelivery() {
  DeliveryRecord record;
  record.local_authority = kBlaenauGwent;
  record.learner = kCerys;
  record.setting = kYsgolCwm;
  record.idp = kIdp;
  record.element = 1;
  record.on = Iso("2025-11-11");
  record.delivered = 1;
  record.by = kAlnco;
  return record;
}

TEST(DeliveryCheck, RefusesARecordWithTheFieldAndMessage) {
  struct Case {
    const char* why;
    std::function<void(DeliveryRecord&)> change;
    const char* field;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"given for tomorrow", [](DeliveryRecord& r) { r.on = Iso("2025-11-13"); }, "on",
       "delivery_error_future"},
      {"nothing delivered or missed", [](DeliveryRecord& r) { r.delivered = 0; }, "delivered",
       "delivery_error_none"},
      {"missed without a reason",
       [](DeliveryRecord& r) {
         r.delivered = 0;
         r.missed = 2;
       },
       "reason", "delivery_error_reason"},
      {"21 delivered in a day", [](DeliveryRecord& r) { r.delivered = 21; }, "delivered",
       "delivery_error_count"},
      {"a negative delivered count", [](DeliveryRecord& r) { r.delivered = -1; }, "delivered",
       "delivery_error_count"},
      {"21 missed in a day",
       [](DeliveryRecord& r) {
         r.missed = 21;
         r.reason = MissedReason::kTimetable;
       },
       "missed", "delivery_error_count"},
      {"a note of 501 characters", [](DeliveryRecord& r) { r.note = std::string(501, 'a'); },
       "note", "delivery_error_note_long"},
      {"neither an IDP element nor a provision", [](DeliveryRecord& r) { r.idp.reset(); }, "target",
       "delivery_error_target"},
      {"both an IDP element and a provision",
       [](DeliveryRecord& r) {
         r.map = kMap2025;
         r.provision = 1;
       },
       "target", "delivery_error_target"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    DeliveryRecord record = ValidDelivery();
    c.change(record);
    EXPECT_TRUE(Refused(CheckDelivery(record, Iso(kToday)), ErrorCode::kInvalidArgument,
                        "delivery_error_title", {{c.field, c.message}}));
  }
}

TEST(DeliveryCheck, AcceptsARecord) {
  struct Case {
    const char* why;
    std::function<void(DeliveryRecord&)> change;
  };
  const std::vector<Case> cases = {
      {"one session yesterday against an IDP element", [](DeliveryRecord&) {}},
      {"given today", [](DeliveryRecord& r) { r.on = Iso(kToday); }},
      {"against a provision on the map",
       [](DeliveryRecord& r) {
         r.idp.reset();
         r.element = 0;
         r.map = kMap2025;
         r.provision = 2;
       }},
      {"all missed, the learner absent",
       [](DeliveryRecord& r) {
         r.delivered = 0;
         r.missed = 3;
         r.reason = MissedReason::kLearnerAbsent;
       }},
      {"20 delivered and 20 missed",
       [](DeliveryRecord& r) {
         r.delivered = 20;
         r.missed = 20;
         r.reason = MissedReason::kStaffAbsent;
       }},
      {"a note of 500 Welsh characters (1000 bytes)",
       [](DeliveryRecord& r) {
         r.note.clear();
         for (int i = 0; i < 500; ++i) r.note += "ŵ";
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    DeliveryRecord record = ValidDelivery();
    c.change(record);
    EXPECT_TRUE(Succeeded(CheckDelivery(record, Iso(kToday))));
  }
}

// ---------------------------------------------------------------------------------------------
// The provision map.

Provision Reading() {
  Provision p;
  p.name = "Reading catch-up";
  p.level = ProvisionLevel::kTargeted;
  p.area = AreaOfNeed::kCognitionLearning;
  p.staff = "Teaching assistant";
  p.staff_hours_tenths = 25;
  p.group_size = 4;
  p.sessions = 3;
  p.minutes = 20;
  p.per = ProvisionPeriod::kWeek;
  p.cost_per_term_pounds = 450;
  return p;
}

Provision Nurture() {
  Provision p;
  p.name = "Nurture group";
  p.level = ProvisionLevel::kSpecialist;
  p.area = AreaOfNeed::kBehaviourEmotionalSocial;
  p.staff = "ALNCo";
  p.sessions = 1;
  p.per = ProvisionPeriod::kDay;
  return p;
}

ProvisionMap Map2025() {
  ProvisionMap map;
  map.id = kMap2025;
  map.local_authority = kBlaenauGwent;
  map.setting = kYsgolCwm;
  map.academic_year = 2025;
  return map;
}

TEST(ProvisionCheck, RefusesAProvisionWithTheField) {
  struct Case {
    const char* why;
    std::function<void(Provision&)> change;
    const char* field;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"no name", [](Provision& p) { p.name = ""; }, "name", "provision_error_name"},
      {"a name of spaces", [](Provision& p) { p.name = "   "; }, "name", "provision_error_name"},
      {"a name of 201 characters", [](Provision& p) { p.name = std::string(201, 'a'); }, "name",
       "provision_error_name_long"},
      {"staff of 201 characters", [](Provision& p) { p.staff = std::string(201, 'a'); }, "staff",
       "provision_error_staff_long"},
      {"100.1 staff hours a week", [](Provision& p) { p.staff_hours_tenths = 1001; }, "staff_hours",
       "provision_error_staff_hours"},
      {"negative staff hours", [](Provision& p) { p.staff_hours_tenths = -1; }, "staff_hours",
       "provision_error_staff_hours"},
      {"a group of 61", [](Provision& p) { p.group_size = 61; }, "group_size",
       "provision_error_group_size"},
      {"51 sessions", [](Provision& p) { p.sessions = 51; }, "sessions",
       "provision_error_sessions"},
      {"sessions without how often", [](Provision& p) { p.per.reset(); }, "per",
       "provision_error_per"},
      {"601 minutes", [](Provision& p) { p.minutes = 601; }, "minutes", "provision_error_minutes"},
      {"£1,000,001 a term", [](Provision& p) { p.cost_per_term_pounds = 1'000'001; },
       "cost_per_term", "provision_error_cost"},
      {"negative cost", [](Provision& p) { p.cost_per_term_pounds = -1; }, "cost_per_term",
       "provision_error_cost"},
      {"impact of 2001 characters",
       [](Provision& p) { p.impact = std::string(kMaxProvisionText + 1, 'a'); }, "impact",
       "provision_error_impact_long"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    Provision provision = Reading();
    c.change(provision);
    EXPECT_TRUE(Refused(CheckProvision(provision), ErrorCode::kInvalidArgument,
                        "provision_error_title", {{c.field, c.message}}));
  }
}

TEST(ProvisionCheck, AcceptsTheLimits) {
  Provision provision = Reading();
  provision.name.clear();
  for (int i = 0; i < 200; ++i) provision.name += "ŵ";  // 200 characters, 400 bytes
  provision.staff = std::string(200, 'a');
  provision.staff_hours_tenths = 1000;
  provision.group_size = 60;
  provision.sessions = 50;
  provision.minutes = 600;
  provision.cost_per_term_pounds = 1'000'000;
  provision.impact = std::string(kMaxProvisionText, 'a');
  EXPECT_TRUE(Succeeded(CheckProvision(provision)));

  Provision not_given = Reading();
  not_given.sessions = 0;
  not_given.per.reset();
  EXPECT_TRUE(Succeeded(CheckProvision(not_given)));
}

TEST(ProvisionSave, ANewProvisionGetsTheNextKeyAndKeysAreNeverReused) {
  ProvisionMap map = Map2025();
  auto first = SaveProvision(map, Reading());
  auto second = SaveProvision(map, Nurture());
  ASSERT_TRUE(Succeeded(first));
  ASSERT_TRUE(Succeeded(second));
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*second, 2);

  ASSERT_TRUE(Succeeded(RemoveProvision(map, 2)));
  EXPECT_EQ(map.Find(2), nullptr);
  auto third = SaveProvision(map, Nurture());
  ASSERT_TRUE(Succeeded(third));
  EXPECT_EQ(*third, 3);
  EXPECT_EQ(map.next_key, 4);
  ASSERT_EQ(map.provisions.size(), 2u);
  EXPECT_EQ(map.Find(1)->name, "Reading catch-up");
  EXPECT_EQ(map.Find(3)->name, "Nurture group");
}

TEST(ProvisionSave, ANewProvisionStartsWithNoLearnersAndTrimmedText) {
  ProvisionMap map = Map2025();
  Provision typed = Reading();
  typed.name = "  Reading catch-up  ";
  typed.learners.push_back({kCerys, Iso("2025-09-08"), std::nullopt, "", ""});
  auto key = SaveProvision(map, typed);
  ASSERT_TRUE(Succeeded(key));
  EXPECT_EQ(map.Find(*key)->name, "Reading catch-up");
  EXPECT_TRUE(map.Find(*key)->learners.empty());
}

TEST(ProvisionSave, SavingAnExistingProvisionKeepsItsLearners) {
  ProvisionMap map = Map2025();
  const int key = *SaveProvision(map, Reading());
  ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, key, kCerys, Iso("2025-09-08"), "RA 6y 2m")));

  Provision edited = Reading();
  edited.key = key;
  edited.name = "Reading catch-up (Year 3)";
  edited.sessions = 4;
  auto saved = SaveProvision(map, edited);
  ASSERT_TRUE(Succeeded(saved));
  EXPECT_EQ(*saved, key);
  ASSERT_EQ(map.provisions.size(), 1u);
  const Provision& stored = *map.Find(key);
  EXPECT_EQ(stored.name, "Reading catch-up (Year 3)");
  EXPECT_EQ(stored.sessions, 4);
  ASSERT_EQ(stored.learners.size(), 1u);
  EXPECT_EQ(stored.learners[0].learner, kCerys);
  EXPECT_EQ(stored.learners[0].entry_measure, "RA 6y 2m");
  EXPECT_EQ(map.next_key, 2);
}

TEST(ProvisionSave, RefusesAnUnknownKeyOrAnInvalidProvision) {
  ProvisionMap map = Map2025();
  Provision unknown = Reading();
  unknown.key = 9;
  EXPECT_TRUE(
      Refused(SaveProvision(map, unknown), ErrorCode::kNotFound, "provision_error_not_found"));

  Provision unnamed = Reading();
  unnamed.name = "";
  EXPECT_TRUE(Refused(SaveProvision(map, unnamed), ErrorCode::kInvalidArgument,
                      "provision_error_title", {{"name", "provision_error_name"}}));
  EXPECT_TRUE(map.provisions.empty());
  EXPECT_EQ(map.next_key, 1);
}

TEST(ProvisionRemove, RefusesAProvisionThatHasOrHadLearners) {
  ProvisionMap map = Map2025();
  const int reading = *SaveProvision(map, Reading());
  const int nurture = *SaveProvision(map, Nurture());
  ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, reading, kCerys, Iso("2025-09-08"), "")));
  ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, nurture, kDylan, Iso("2025-09-08"), "")));
  ASSERT_TRUE(Succeeded(EndLearnerProvision(map, nurture, kDylan, Iso("2025-10-24"), "")));

  EXPECT_TRUE(
      Refused(RemoveProvision(map, reading), ErrorCode::kConflict, "provision_error_has_learners"));
  EXPECT_TRUE(
      Refused(RemoveProvision(map, nurture), ErrorCode::kConflict, "provision_error_has_learners"));
  EXPECT_TRUE(Refused(RemoveProvision(map, 9), ErrorCode::kNotFound, "provision_error_not_found"));
  EXPECT_EQ(map.provisions.size(), 2u);
}

TEST(ProvisionLearners, ALearnerCannotBeAddedTwiceButCanRejoinAfterLeaving) {
  ProvisionMap map = Map2025();
  const int key = *SaveProvision(map, Reading());
  ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, key, kCerys, Iso("2025-09-08"), "RA 6y 2m")));
  EXPECT_TRUE(Refused(AddLearnerToProvision(map, key, kCerys, Iso("2025-09-15"), ""),
                      ErrorCode::kConflict, "provision_error_already_receiving"));
  EXPECT_EQ(map.Find(key)->CurrentLearners(Iso("2025-09-15")), 1);

  ASSERT_TRUE(Succeeded(EndLearnerProvision(map, key, kCerys, Iso("2025-12-19"), "RA 7y 0m")));
  EXPECT_EQ(map.Find(key)->CurrentLearners(Iso("2026-01-05")), 0);
  ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, key, kCerys, Iso("2026-02-23"), "RA 6y 11m")));

  const Provision& stored = *map.Find(key);
  ASSERT_EQ(stored.learners.size(), 2u);
  EXPECT_EQ(FormatIsoDate(*stored.learners[0].left_on), "2025-12-19");
  EXPECT_EQ(stored.learners[0].exit_measure, "RA 7y 0m");
  const ProvisionLearner* latest = stored.Learner(kCerys);
  ASSERT_NE(latest, nullptr);
  EXPECT_EQ(FormatIsoDate(latest->joined_on), "2026-02-23");
  EXPECT_FALSE(latest->left_on.has_value());
  EXPECT_EQ(latest->entry_measure, "RA 6y 11m");
  EXPECT_EQ(stored.CurrentLearners(Iso("2026-03-02")), 1);
}

TEST(ProvisionLearners, RefusesAPlaceWithTheField) {
  struct Case {
    const char* why;
    std::function<Result<void>(ProvisionMap&, int key)> act;
    ErrorCode code;
    const char* message;
    Fields fields;
  };
  // Each case starts with Cerys receiving the provision since 8 Sep 2025.
  const std::vector<Case> cases = {
      {"joining on 31 Aug 2025, before the map's year",
       [](ProvisionMap& m, int k) {
         return AddLearnerToProvision(m, k, kDylan, Iso("2025-08-31"), "");
       },
       ErrorCode::kInvalidArgument,
       "provision_error_learner_title",
       {{"joined_on", "provision_error_outside_year"}}},
      {"joining on 1 Sep 2026, after the map's year",
       [](ProvisionMap& m, int k) {
         return AddLearnerToProvision(m, k, kDylan, Iso("2026-09-01"), "");
       },
       ErrorCode::kInvalidArgument,
       "provision_error_learner_title",
       {{"joined_on", "provision_error_outside_year"}}},
      {"an entry measure of 501 characters",
       [](ProvisionMap& m, int k) {
         return AddLearnerToProvision(m, k, kDylan, Iso("2025-09-08"), std::string(501, 'a'));
       },
       ErrorCode::kInvalidArgument,
       "provision_error_learner_title",
       {{"entry_measure", "provision_error_measure"}}},
      {"leaving on 5 Sep, before joining on 8 Sep",
       [](ProvisionMap& m, int k) {
         return EndLearnerProvision(m, k, kCerys, Iso("2025-09-05"), "");
       },
       ErrorCode::kInvalidArgument,
       "provision_error_learner_title",
       {{"left_on", "provision_error_left_before_joined"}}},
      {"leaving on 1 Sep 2026, after the map's year",
       [](ProvisionMap& m, int k) {
         return EndLearnerProvision(m, k, kCerys, Iso("2026-09-01"), "");
       },
       ErrorCode::kInvalidArgument,
       "provision_error_learner_title",
       {{"left_on", "provision_error_outside_year"}}},
      {"an exit measure of 501 characters",
       [](ProvisionMap& m, int k) {
         return EndLearnerProvision(m, k, kCerys, Iso("2025-12-19"), std::string(501, 'a'));
       },
       ErrorCode::kInvalidArgument,
       "provision_error_learner_title",
       {{"exit_measure", "provision_error_measure"}}},
      {"ending the place of a learner who is not receiving it",
       [](ProvisionMap& m, int k) {
         return EndLearnerProvision(m, k, kDylan, Iso("2025-12-19"), "");
       },
       ErrorCode::kNotFound,
       "provision_error_not_receiving",
       {}},
      {"adding to an unknown provision",
       [](ProvisionMap& m, int) {
         return AddLearnerToProvision(m, 9, kDylan, Iso("2025-09-08"), "");
       },
       ErrorCode::kNotFound,
       "provision_error_not_found",
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    ProvisionMap map = Map2025();
    const int key = *SaveProvision(map, Reading());
    ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, key, kCerys, Iso("2025-09-08"), "")));
    EXPECT_TRUE(Refused(c.act(map, key), c.code, c.message, c.fields));
    const Provision& stored = *map.Find(key);
    ASSERT_EQ(stored.learners.size(), 1u);
    EXPECT_FALSE(stored.learners[0].left_on.has_value());
  }
}

TEST(ProvisionLearners, AcceptsTheFirstAndLastDaysOfTheYear) {
  ProvisionMap map = Map2025();
  const int key = *SaveProvision(map, Reading());
  EXPECT_TRUE(Succeeded(AddLearnerToProvision(map, key, kCerys, Iso("2025-09-01"), "")));
  EXPECT_TRUE(Succeeded(EndLearnerProvision(map, key, kCerys, Iso("2025-09-01"), "")));
  EXPECT_TRUE(Succeeded(AddLearnerToProvision(map, key, kDylan, Iso("2026-08-31"), "")));
}

TEST(ProvisionImpact, RecordsTheImpactOrRefusesItTooLong) {
  ProvisionMap map = Map2025();
  const int key = *SaveProvision(map, Reading());
  ASSERT_TRUE(Succeeded(RecordImpact(map, key, "  Reading ages up 8 months on average  ")));
  EXPECT_EQ(map.Find(key)->impact, "Reading ages up 8 months on average");

  EXPECT_TRUE(Refused(RecordImpact(map, key, std::string(kMaxProvisionText + 1, 'a')),
                      ErrorCode::kInvalidArgument, "provision_error_title",
                      {{"impact", "provision_error_impact_long"}}));
  EXPECT_EQ(map.Find(key)->impact, "Reading ages up 8 months on average");
  EXPECT_TRUE(
      Refused(RecordImpact(map, 9, "Good"), ErrorCode::kNotFound, "provision_error_not_found"));
}

TEST(ProvisionReviewed, AReviewedMapRefusesEveryEdit) {
  struct Case {
    const char* why;
    std::function<Result<void>(ProvisionMap&)> act;
  };
  const std::vector<Case> cases = {
      {"adding a provision",
       [](ProvisionMap& m) -> Result<void> {
         auto saved = SaveProvision(m, Nurture());
         if (!saved) return Fail(saved.error());
         return {};
       }},
      {"changing a provision",
       [](ProvisionMap& m) -> Result<void> {
         Provision p = Reading();
         p.key = 1;
         auto saved = SaveProvision(m, p);
         if (!saved) return Fail(saved.error());
         return {};
       }},
      {"removing a provision", [](ProvisionMap& m) { return RemoveProvision(m, 2); }},
      {"adding a learner",
       [](ProvisionMap& m) { return AddLearnerToProvision(m, 1, kDylan, Iso("2026-07-13"), ""); }},
      {"ending a place",
       [](ProvisionMap& m) { return EndLearnerProvision(m, 1, kCerys, Iso("2026-07-20"), ""); }},
      {"recording impact", [](ProvisionMap& m) { return RecordImpact(m, 1, "Good progress"); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    ProvisionMap map = Map2025();
    ASSERT_EQ(*SaveProvision(map, Reading()), 1);
    ASSERT_EQ(*SaveProvision(map, Nurture()), 2);
    ASSERT_TRUE(Succeeded(AddLearnerToProvision(map, 1, kCerys, Iso("2025-09-08"), "")));
    ASSERT_TRUE(
        Succeeded(ReviewAndRollOver(map, {Iso("2026-07-15"), kAlnco, "Keep both"}, {kCerys})));
    const std::vector<Provision> before = map.provisions;
    EXPECT_TRUE(Refused(c.act(map), ErrorCode::kConflict, "provision_error_reviewed"));
    ASSERT_EQ(map.provisions.size(), before.size());
    EXPECT_EQ(map.next_key, 3);
    EXPECT_EQ(map.Find(1)->learners.size(), 1u);
    EXPECT_FALSE(map.Find(1)->learners[0].left_on.has_value());
    EXPECT_EQ(map.Find(1)->impact, "");
  }
}

// ---------------------------------------------------------------------------------------------
// The yearly review and roll-over.

// Ysgol Cwm's 2025/26 map at the end of the year: reading catch-up (key 1) with Cerys (still
// receiving, exit measure taken at the year's end), Dylan (left in December) and Elin (still
// receiving, leaving the school); nurture (key 3; key 2 was removed) with Gethin, who left and
// rejoined, with only an entry measure on his current place.
ProvisionMap EndOfYearMap() {
  ProvisionMap map = Map2025();
  Provision reading = Reading();
  reading.key = 1;
  reading.impact = "Reading ages up 8 months on average";
  reading.learners = {
      {kCerys, Iso("2025-09-08"), std::nullopt, "RA 6y 2m", "RA 7y 1m"},
      {kDylan, Iso("2025-09-08"), Iso("2025-12-19"), "RA 6y 8m", "RA 7y 2m"},
      {kElin, Iso("2025-09-08"), std::nullopt, "RA 9y 0m", ""},
  };
  Provision nurture = Nurture();
  nurture.key = 3;
  nurture.impact = "Boxall scores up";
  nurture.learners = {
      {kGethin, Iso("2025-09-08"), Iso("2025-10-24"), "Boxall 30", "Boxall 34"},
      {kGethin, Iso("2026-01-05"), std::nullopt, "Boxall 33", ""},
  };
  map.provisions = {reading, nurture};
  map.next_key = 4;
  map.version = 12;
  return map;
}

const ProvisionMapReview kReview{Iso("2026-07-15"), kAlnco, "  Keep both; move nurture to PM  "};

TEST(ProvisionRollOver, TheNewMapIsForTheNextYearWithTheSameProvisions) {
  ProvisionMap previous = EndOfYearMap();
  auto next = ReviewAndRollOver(previous, kReview, {kCerys, kDylan, kGethin});
  ASSERT_TRUE(Succeeded(next));

  EXPECT_EQ(next->academic_year, 2026);
  EXPECT_EQ(next->local_authority, kBlaenauGwent);
  EXPECT_EQ(next->setting, kYsgolCwm);
  EXPECT_EQ(next->rolled_from, kMap2025);
  EXPECT_EQ(next->next_key, 4);
  EXPECT_FALSE(next->review.has_value());
  ASSERT_EQ(next->provisions.size(), 2u);
  EXPECT_EQ(next->provisions[0].key, 1);
  EXPECT_EQ(next->provisions[0].name, "Reading catch-up");
  EXPECT_EQ(next->provisions[0].sessions, 3);
  EXPECT_EQ(next->provisions[0].per, ProvisionPeriod::kWeek);
  EXPECT_EQ(next->provisions[0].impact, "");
  EXPECT_EQ(next->provisions[1].key, 3);
  EXPECT_EQ(next->provisions[1].name, "Nurture group");
  EXPECT_EQ(next->provisions[1].impact, "");

  // The previous map keeps its record and is closed by the review.
  ASSERT_TRUE(previous.review.has_value());
  EXPECT_EQ(FormatIsoDate(previous.review->reviewed_on), "2026-07-15");
  EXPECT_EQ(previous.review->by, kAlnco);
  EXPECT_EQ(previous.review->summary, "Keep both; move nurture to PM");
  EXPECT_EQ(previous.Find(1)->impact, "Reading ages up 8 months on average");
  EXPECT_EQ(previous.Find(1)->learners.size(), 3u);
}

TEST(ProvisionRollOver, CarriesOnlyLearnersStillReceivingAndStillAtSchool) {
  ProvisionMap previous = EndOfYearMap();
  auto next = ReviewAndRollOver(previous, kReview, {kCerys, kDylan, kGethin});
  ASSERT_TRUE(Succeeded(next));

  // Reading: Cerys carried with her exit measure; Dylan left in December; Elin has left school.
  const std::vector<ProvisionLearner>& reading = next->Find(1)->learners;
  ASSERT_EQ(reading.size(), 1u);
  EXPECT_EQ(reading[0].learner, kCerys);
  EXPECT_EQ(FormatIsoDate(reading[0].joined_on), "2026-09-01");
  EXPECT_FALSE(reading[0].left_on.has_value());
  EXPECT_EQ(reading[0].entry_measure, "RA 7y 1m");
  EXPECT_EQ(reading[0].exit_measure, "");

  // Nurture: only Gethin's current place, with its entry measure (no exit measure was taken).
  const std::vector<ProvisionLearner>& nurture = next->Find(3)->learners;
  ASSERT_EQ(nurture.size(), 1u);
  EXPECT_EQ(nurture[0].learner, kGethin);
  EXPECT_EQ(FormatIsoDate(nurture[0].joined_on), "2026-09-01");
  EXPECT_EQ(nurture[0].entry_measure, "Boxall 33");
}

TEST(ProvisionRollOver, RollingOverTwiceIsRefused) {
  ProvisionMap previous = EndOfYearMap();
  ASSERT_TRUE(Succeeded(ReviewAndRollOver(previous, kReview, {kCerys})));
  EXPECT_TRUE(Refused(ReviewAndRollOver(previous, {Iso("2026-07-20"), kAlnco, "Again"}, {kCerys}),
                      ErrorCode::kConflict, "provision_error_reviewed"));
  EXPECT_EQ(FormatIsoDate(previous.review->reviewed_on), "2026-07-15");
}

TEST(ProvisionRollOver, RefusesAReviewWithTheField) {
  struct Case {
    const char* why;
    ProvisionMapReview review;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"an empty summary",
       {Iso("2026-07-15"), kAlnco, ""},
       {{"summary", "provision_error_summary"}}},
      {"a summary of spaces",
       {Iso("2026-07-15"), kAlnco, "   "},
       {{"summary", "provision_error_summary"}}},
      {"reviewed on 31 Aug 2025, before the map's year began",
       {Iso("2025-08-31"), kAlnco, "Keep both"},
       {{"reviewed_on", "provision_error_review_early"}}},
      {"both",
       {Iso("2025-08-31"), kAlnco, ""},
       {{"summary", "provision_error_summary"}, {"reviewed_on", "provision_error_review_early"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    ProvisionMap previous = EndOfYearMap();
    EXPECT_TRUE(Refused(ReviewAndRollOver(previous, c.review, {kCerys}),
                        ErrorCode::kInvalidArgument, "provision_error_review_title", c.fields));
    EXPECT_FALSE(previous.review.has_value());
  }
}

TEST(ProvisionRollOver, AcceptsAReviewOnTheFirstDayOfTheYear) {
  ProvisionMap previous = EndOfYearMap();
  EXPECT_TRUE(Succeeded(
      ReviewAndRollOver(previous, {Iso("2025-09-01"), kAlnco, "Early review"}, {kCerys})));
}

// ---------------------------------------------------------------------------------------------
// The ALN register.

TEST(RegisterCategoryOf, PutsEachLearnerInTheirMostSignificantCategory) {
  struct Case {
    const char* why;
    std::function<void(RegisterFacts&)> facts;
    std::optional<RegisterCategory> expected;
  };
  using enum RegisterCategory;
  const std::vector<Case> cases = {
      {"an LA IDP beats a legacy statement, a targeted profile and specialist provision",
       [](RegisterFacts& f) {
         f.idp_in_force = DecidingBody::kLocalAuthority;
         f.legacy = LegacySenStatus::kStatement;
         f.profile = SupportLevel::kTargeted;
         f.highest_provision = ProvisionLevel::kSpecialist;
       },
       kIdpLocalAuthority},
      {"a school IDP", [](RegisterFacts& f) { f.idp_in_force = DecidingBody::kSchool; },
       kIdpSchool},
      {"an IDP an FEI maintains counts as a school IDP",
       [](RegisterFacts& f) { f.idp_in_force = DecidingBody::kFei; }, kIdpSchool},
      {"a school IDP beats an unconverted statement",
       [](RegisterFacts& f) {
         f.idp_in_force = DecidingBody::kSchool;
         f.legacy = LegacySenStatus::kStatement;
       },
       kIdpSchool},
      {"an unconverted statement", [](RegisterFacts& f) { f.legacy = LegacySenStatus::kStatement; },
       kStatement},
      {"unconverted School Action Plus",
       [](RegisterFacts& f) { f.legacy = LegacySenStatus::kSchoolActionPlus; }, kSchoolActionPlus},
      {"unconverted School Action",
       [](RegisterFacts& f) { f.legacy = LegacySenStatus::kSchoolAction; }, kSchoolAction},
      {"unconverted School Action beats a targeted profile",
       [](RegisterFacts& f) {
         f.legacy = LegacySenStatus::kSchoolAction;
         f.profile = SupportLevel::kTargeted;
       },
       kSchoolAction},
      {"a converted statement does not count",
       [](RegisterFacts& f) {
         f.legacy = LegacySenStatus::kStatement;
         f.legacy_converted = true;
       },
       std::nullopt},
      {"a converted statement with a targeted profile: targeted",
       [](RegisterFacts& f) {
         f.legacy = LegacySenStatus::kStatement;
         f.legacy_converted = true;
         f.profile = SupportLevel::kTargeted;
       },
       kTargeted},
      {"a targeted profile", [](RegisterFacts& f) { f.profile = SupportLevel::kTargeted; },
       kTargeted},
      {"targeted provision",
       [](RegisterFacts& f) { f.highest_provision = ProvisionLevel::kTargeted; }, kTargeted},
      {"specialist provision",
       [](RegisterFacts& f) { f.highest_provision = ProvisionLevel::kSpecialist; }, kTargeted},
      {"a universal profile with targeted provision: targeted",
       [](RegisterFacts& f) {
         f.profile = SupportLevel::kUniversal;
         f.highest_provision = ProvisionLevel::kTargeted;
       },
       kTargeted},
      {"a universal profile", [](RegisterFacts& f) { f.profile = SupportLevel::kUniversal; },
       kUniversal},
      {"universal plus provision",
       [](RegisterFacts& f) { f.highest_provision = ProvisionLevel::kUniversalPlus; }, kUniversal},
      {"universal provision alone: not on the register",
       [](RegisterFacts& f) { f.highest_provision = ProvisionLevel::kUniversal; }, std::nullopt},
      {"nothing: not on the register", [](RegisterFacts&) {}, std::nullopt},
      {"areas of need alone: not on the register",
       [](RegisterFacts& f) { f.areas = {AreaOfNeed::kCognitionLearning}; }, std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    RegisterFacts facts;
    c.facts(facts);
    EXPECT_EQ(RegisterCategoryOf(facts), c.expected);
  }
}

// ---------------------------------------------------------------------------------------------
// Codes, as stored and as catalogue ids.

TEST(ProvisionCodes, EveryLevelRoundTrips) {
  EXPECT_EQ(AllProvisionLevels().size(), 4u);
  for (ProvisionLevel level : AllProvisionLevels()) {
    SCOPED_TRACE(std::string(Code(level)));
    EXPECT_FALSE(Code(level).empty());
    EXPECT_EQ(ProvisionLevelFromCode(Code(level)), level);
  }
  EXPECT_EQ(ProvisionLevelFromCode("universal_plus"), ProvisionLevel::kUniversalPlus);
  EXPECT_EQ(ProvisionLevelFromCode("enhanced"), std::nullopt);
  EXPECT_EQ(ProvisionLevelFromCode(""), std::nullopt);
}

TEST(DeliveryCodes, EveryMissedReasonRoundTrips) {
  EXPECT_EQ(AllMissedReasons().size(), 5u);
  for (MissedReason reason : AllMissedReasons()) {
    SCOPED_TRACE(std::string(Code(reason)));
    EXPECT_FALSE(Code(reason).empty());
    EXPECT_EQ(MissedReasonFromCode(Code(reason)), reason);
  }
  EXPECT_EQ(MissedReasonFromCode("learner_absent"), MissedReason::kLearnerAbsent);
  EXPECT_EQ(MissedReasonFromCode("snow"), std::nullopt);
}

TEST(RegisterCodes, EveryCategoryRoundTrips) {
  EXPECT_EQ(AllRegisterCategories().size(), 7u);
  for (RegisterCategory category : AllRegisterCategories()) {
    SCOPED_TRACE(std::string(Code(category)));
    EXPECT_FALSE(Code(category).empty());
    EXPECT_EQ(RegisterCategoryFromCode(Code(category)), category);
  }
  EXPECT_EQ(RegisterCategoryFromCode("idp_la"), RegisterCategory::kIdpLocalAuthority);
  EXPECT_EQ(RegisterCategoryFromCode("Statement"), std::nullopt);
}

// ---------------------------------------------------------------------------------------------
// The LA's review of a school's arrangements (ALN Code 7.10).

SchoolReview ReviewOf(ExpectationRating rating, const std::string& evidence) {
  SchoolReview r;
  r.academic_year = 2025;
  r.reviewed_on = *ParseIsoDate("2026-03-10");
  for (auto e : AllExpectations()) r.findings.push_back({e, rating, evidence});
  r.summary = "A clear summary.";
  return r;
}

TEST(ProvisionSchoolReview, EachRatedExpectationNeedsEvidenceAndTheReviewASummary) {
  const Date today = *ParseIsoDate("2026-03-12");
  struct Case {
    const char* why;
    SchoolReview review;
    std::optional<std::string> field;  // the first field refused, if any
  };
  SchoolReview no_summary = ReviewOf(ExpectationRating::kMet, "Seen in lessons.");
  no_summary.summary = "  ";
  SchoolReview future = ReviewOf(ExpectationRating::kMet, "Seen in lessons.");
  future.reviewed_on = *ParseIsoDate("2026-03-13");
  SchoolReview early = ReviewOf(ExpectationRating::kMet, "Seen in lessons.");
  early.reviewed_on = *ParseIsoDate("2025-08-31");
  SchoolReview missing = ReviewOf(ExpectationRating::kMet, "Seen in lessons.");
  missing.findings.pop_back();
  SchoolReview one_bare = ReviewOf(ExpectationRating::kNotAssessed, "");
  one_bare.findings[2].rating = ExpectationRating::kNotMet;
  const std::vector<Case> cases = {
      {"every expectation met with evidence", ReviewOf(ExpectationRating::kMet, "Seen."),
       std::nullopt},
      {"nothing assessed needs no evidence", ReviewOf(ExpectationRating::kNotAssessed, ""),
       std::nullopt},
      {"met without evidence", ReviewOf(ExpectationRating::kMet, " "),
       "evidence_differentiated_teaching"},
      {"one finding not met without evidence", one_bare, "evidence_progress_monitoring"},
      {"no summary", no_summary, "summary"},
      {"dated tomorrow", future, "reviewed_on"},
      {"dated before the school year it reviews", early, "reviewed_on"},
      {"an expectation left out", missing, "rating_involving_learners_parents"},
      {"evidence over 2,000 characters",
       ReviewOf(ExpectationRating::kPartlyMet, std::string(2001, 'a')),
       "evidence_differentiated_teaching"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    auto checked = CheckSchoolReview(c.review, today);
    if (!c.field) {
      EXPECT_TRUE(checked.has_value());
      continue;
    }
    ASSERT_FALSE(checked.has_value());
    EXPECT_EQ(checked.error().message, "review_error_title");
    EXPECT_EQ(checked.error().fields.count(*c.field), 1u);
  }
  for (auto e : AllExpectations()) EXPECT_EQ(ExpectationFromCode(Code(e)), e);
  for (auto r : AllExpectationRatings()) EXPECT_EQ(ExpectationRatingFromCode(Code(r)), r);
  EXPECT_EQ(AllExpectations().size(), 6u);
}

}  // namespace
}  // namespace cynnal::domain
