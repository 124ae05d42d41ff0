#include "domain/school_calendar.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/bank_holidays.h"
#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;

TermDates Wales2025() { return testing::Wales2025TermDates(); }

TEST(AcademicYearTest, RunsFromSeptemberToAugust) {
  EXPECT_EQ(AcademicYearOf(Iso("2025-09-01")), 2025);
  EXPECT_EQ(AcademicYearOf(Iso("2026-08-31")), 2025);
  EXPECT_EQ(AcademicYearOf(Iso("2026-01-15")), 2025);
  EXPECT_EQ(AcademicYearLabel(2025), "2025/26");
  EXPECT_EQ(AcademicYearLabel(2099), "2099/00");
  EXPECT_EQ(FormatIsoDate(AcademicYearEnd(2025)), "2026-08-31");
}

TEST(TermDatesTest, TheAllWalesDatesAreAccepted) {
  EXPECT_TRUE(CheckTermDates(Wales2025()).has_value());
}

TEST(TermDatesTest, EachMistakeIsNamedOnItsField) {
  struct Case {
    const char* why;
    void (*change)(TermDates&);
    const char* field;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"end before start", [](TermDates& d) { d.terms[1].end = Iso("2026-01-01"); }, "spring_end",
       "term_error_end_before_start"},
      {"spring overlaps autumn", [](TermDates& d) { d.terms[1].start = Iso("2025-12-15"); },
       "spring_start", "term_error_overlap"},
      {"summer outside the year", [](TermDates& d) { d.terms[2].end = Iso("2026-09-02"); },
       "summer_end", "term_error_outside_year"},
      {"autumn before the year", [](TermDates& d) { d.terms[0].start = Iso("2025-08-28"); },
       "autumn_start", "term_error_outside_year"},
      {"half-term outside its term",
       [](TermDates& d) {
         d.terms[0].half_term_start = Iso("2025-12-22");
         d.terms[0].half_term_end = Iso("2025-12-26");
       },
       "autumn_half_term_start", "term_error_half_term_outside_term"},
      {"half-term end before start",
       [](TermDates& d) { d.terms[2].half_term_end = Iso("2026-05-20"); }, "summer_half_term_end",
       "term_error_half_term_end_before_start"},
      {"half-term with no end", [](TermDates& d) { d.terms[1].half_term_end.reset(); },
       "spring_half_term_end", "term_error_half_term_incomplete"},
      {"terms out of order",
       [](TermDates& d) {
         d.terms[2].start = Iso("2025-09-01");
         d.terms[2].end = Iso("2025-09-05");
         d.terms[2].half_term_start.reset();
         d.terms[2].half_term_end.reset();
         d.terms[0].start = Iso("2025-09-08");
       },
       "summer_start", "term_error_order"},
      {"the same term twice", [](TermDates& d) { d.terms[2].name = TermName::kSpring; },
       "spring_start", "term_error_duplicate"},
  };
  for (const Case& c : cases) {
    TermDates dates = Wales2025();
    c.change(dates);
    auto checked = CheckTermDates(dates);
    ASSERT_FALSE(checked.has_value()) << c.why;
    ASSERT_TRUE(checked.error().fields.count(c.field)) << c.why;
    EXPECT_EQ(checked.error().fields.at(c.field), c.message) << c.why;
  }
}

TEST(SchoolCalendarTest, ClassifiesEachKindOfDay) {
  auto entries = EntriesOf(Wales2025());
  entries.push_back({CalendarEntryKind::kInset, Iso("2025-11-03"), Iso("2025-11-03"), "INSET"});
  entries.push_back({CalendarEntryKind::kClosure, Iso("2026-03-10"), Iso("2026-03-11"), "Flood"});
  auto calendar = SchoolCalendar::Build(entries, ShippedBankHolidays());
  ASSERT_TRUE(calendar.has_value());
  struct Case {
    const char* date;
    DayType type;
  };
  const std::vector<Case> cases = {
      {"2025-09-01", DayType::kSchoolDay},   {"2025-09-06", DayType::kWeekend},
      {"2025-10-28", DayType::kHalfTerm},    {"2025-11-03", DayType::kInset},
      {"2025-12-22", DayType::kHoliday},     {"2025-12-25", DayType::kBankHoliday},
      {"2026-03-10", DayType::kClosure},     {"2026-03-11", DayType::kClosure},
      {"2026-05-04", DayType::kBankHoliday}, {"2026-05-25", DayType::kBankHoliday},
      {"2026-05-26", DayType::kHalfTerm},    {"2026-07-20", DayType::kSchoolDay},
      {"2026-07-21", DayType::kHoliday},     {"2024-01-02", DayType::kHoliday},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Code(calendar->TypeOf(Iso(c.date))), Code(c.type)) << c.date;
  }
  EXPECT_TRUE(calendar->IsWorkingDay(Iso("2025-12-22")));
  EXPECT_FALSE(calendar->IsWorkingDay(Iso("2026-05-04")));
  EXPECT_EQ(FormatIsoDate(*calendar->terms_known_from()), "2025-09-01");
  EXPECT_EQ(FormatIsoDate(*calendar->terms_known_until()), "2026-07-20");
  // Autumn 2025: 80 weekdays, less a half-term week and an INSET day.
  EXPECT_EQ(*calendar->SchoolDaysBetween(Iso("2025-08-31"), Iso("2025-12-19")), 74);
  EXPECT_EQ(*calendar->WorkingDaysBetween(Iso("2025-12-19"), Iso("2026-01-05")), 8);
}

TEST(SchoolCalendarTest, QuestionsOutsideWhatIsKnownFailClearly) {
  auto calendar = SchoolCalendar::Build(EntriesOf(Wales2025()), ShippedBankHolidays());
  ASSERT_TRUE(calendar.has_value());
  auto before = calendar->NthSchoolDayAfter(Iso("2025-06-01"), 5);
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().message, "calendar_error_before");
  EXPECT_EQ(before.error().fields.at("date"), "2025-09-01");
  auto after = calendar->NthSchoolDayAfter(Iso("2026-07-10"), 10);
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().message, "calendar_error_ends");

  auto no_terms = SchoolCalendar::Build({}, ShippedBankHolidays());
  ASSERT_TRUE(no_terms.has_value());
  EXPECT_EQ(no_terms->NthSchoolDayAfter(Iso("2025-10-01"), 1).error().message,
            "calendar_error_no_terms");
  EXPECT_EQ(FormatIsoDate(*no_terms->NthWorkingDayAfter(Iso("2025-12-24"), 1)), "2025-12-29");

  auto backwards = SchoolCalendar::Build(
      {{CalendarEntryKind::kTerm, Iso("2025-09-01"), Iso("2025-12-19"), "autumn"},
       {CalendarEntryKind::kInset, Iso("2025-10-03"), Iso("2025-10-01"), "INSET"}},
      {});
  ASSERT_FALSE(backwards.has_value());
  EXPECT_EQ(backwards.error().message, "calendar_error_end_before_start");
  EXPECT_EQ(backwards.error().fields.at("line"), "2");
}

}  // namespace
}  // namespace cynnal::domain
