#include "domain/learner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cynnal::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

bool IsTermStart(Date date) {
  using namespace std::chrono;
  return date.day() == day{1} &&
         (date.month() == January || date.month() == April || date.month() == September);
}

// REFERENCE section 9: the school year runs 1 September to 31 August; children born between
// 1 September and 31 August form one cohort. -1 nursery, 0 reception, 1..13 Years 1 to 13.
TEST(YearGroupOnTest, PlacesAChildInTheYearGroupOfTheirCohort) {
  struct Case {
    Date born;
    Date on;
    int year_group;
  };
  const std::vector<Case> cases = {
      {D(2018, 10, 1), D(2025, 11, 1), 2},
      {D(2019, 8, 31), D(2025, 9, 1), 2},    // youngest in Year 2
      {D(2019, 9, 1), D(2025, 9, 1), 1},     // oldest in Year 1
      {D(2020, 9, 1), D(2025, 9, 1), 0},     // reception
      {D(2021, 8, 31), D(2025, 9, 1), 0},    // reception
      {D(2021, 9, 1), D(2025, 9, 1), -1},    // nursery
      {D(2022, 8, 31), D(2026, 8, 31), -1},  // still nursery on the last day of the year
      {D(2022, 8, 31), D(2026, 9, 1), 0},    // reception from 1 September
      {D(2022, 9, 1), D(2025, 9, 1), -2},    // below nursery age
      {D(2024, 1, 1), D(2025, 9, 1), -3},
      {D(2009, 9, 1), D(2025, 9, 1), 11},    // Year 11
      {D(2010, 8, 31), D(2026, 6, 26), 11},  // Year 11 on the school leaving date
      {D(2007, 9, 1), D(2025, 9, 1), 13},    // Year 13
      {D(2006, 9, 1), D(2025, 9, 1), 14},    // beyond Year 13
      {D(2020, 2, 29), D(2025, 9, 1), 1},    // leap day birthday
  };
  for (const auto& c : cases) {
    EXPECT_EQ(YearGroupOn(c.born, c.on), c.year_group)
        << "born " << FormatIsoDate(c.born) << " on " << FormatIsoDate(c.on);
  }
}

// REFERENCE section 9: born 1 Sept to 31 Aug, same cohort.
TEST(YearGroupOnTest, EveryChildBornInOneSchoolYearIsInTheSameYearGroup) {
  for (sys_days b = sys_days{D(2019, 9, 1)}; b <= sys_days{D(2020, 8, 31)};
       b += std::chrono::days{1}) {
    ASSERT_EQ(YearGroupOn(Date{b}, D(2025, 10, 1)), 1) << FormatIsoDate(Date{b});
  }
  EXPECT_EQ(YearGroupOn(D(2019, 8, 31), D(2025, 10, 1)), 2);
  EXPECT_EQ(YearGroupOn(D(2020, 9, 1), D(2025, 10, 1)), 0);
}

// REFERENCE section 9: children move up a year group on 1 September and at no other time.
TEST(YearGroupOnTest, MovesUpOneYearEachFirstOfSeptember) {
  const Date born = D(2018, 10, 1);
  int previous = YearGroupOn(born, D(2020, 1, 1));
  for (sys_days d = sys_days{D(2020, 1, 2)}; d <= sys_days{D(2040, 12, 31)};
       d += std::chrono::days{1}) {
    const Date on{d};
    const int now = YearGroupOn(born, on);
    if (on.month() == std::chrono::September && on.day() == day{1}) {
      ASSERT_EQ(now, previous + 1) << FormatIsoDate(on);
    } else {
      ASSERT_EQ(now, previous) << FormatIsoDate(on);
    }
    previous = now;
  }
}

// REFERENCE section 9: the school year starts on 1 September.
TEST(SchoolYearStartTest, IsTheFirstOfSeptemberOnOrBeforeTheDate) {
  EXPECT_EQ(SchoolYearStart(D(2025, 8, 31)), D(2024, 9, 1));
  EXPECT_EQ(SchoolYearStart(D(2025, 9, 1)), D(2025, 9, 1));
  EXPECT_EQ(SchoolYearStart(D(2026, 1, 15)), D(2025, 9, 1));
  EXPECT_EQ(SchoolYearStart(D(2025, 12, 31)), D(2025, 9, 1));
}

// REFERENCE section 9: compulsory school age begins the term after the fifth birthday, the first
// of 1 September, 1 January or 1 April strictly after it.
TEST(CompulsorySchoolAgeStartsTest, IsTheFirstTermStartAfterTheFifthBirthday) {
  struct Case {
    Date born;
    Date starts;
  };
  const std::vector<Case> cases = {
      {D(2020, 12, 31), D(2026, 1, 1)},
      {D(2021, 1, 1), D(2026, 4, 1)},  // birthday on a term start: the next one
      {D(2020, 8, 31), D(2025, 9, 1)},
      {D(2020, 9, 1), D(2026, 1, 1)},  // birthday on 1 September: January
      {D(2021, 3, 31), D(2026, 4, 1)},
      {D(2021, 4, 1), D(2026, 9, 1)},  // birthday on 1 April: September
      {D(2021, 6, 15), D(2026, 9, 1)},
      {D(2020, 10, 20), D(2026, 1, 1)},
      {D(2020, 2, 29), D(2025, 4, 1)},  // fifth birthday taken as 1 March 2025
      {D(2016, 2, 29), D(2021, 4, 1)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CompulsorySchoolAgeStarts(c.born), c.starts) << "born " << FormatIsoDate(c.born);
  }
}

// REFERENCE section 9, checked against a day-by-day walk from the fifth birthday.
TEST(CompulsorySchoolAgeStartsTest, AgreesWithADayByDayWalkForEveryBirthday) {
  for (sys_days b = sys_days{D(2015, 1, 1)}; b <= sys_days{D(2022, 12, 31)};
       b += std::chrono::days{1}) {
    const Date born{b};
    sys_days walk = sys_days{Anniversary(born, 5)} + std::chrono::days{1};
    while (!IsTermStart(Date{walk})) walk += std::chrono::days{1};
    ASSERT_EQ(CompulsorySchoolAgeStarts(born), Date{walk}) << "born " << FormatIsoDate(born);
  }
}

// REFERENCE section 9: compulsory school age ends on the last Friday of June of the school year
// in which the learner turns 16.
TEST(CompulsorySchoolAgeEndsTest, IsTheLastFridayOfJuneOfTheSchoolYearTheyTurnSixteen) {
  struct Case {
    Date born;
    Date ends;
  };
  const std::vector<Case> cases = {
      {D(2010, 3, 15), D(2026, 6, 26)},
      {D(2010, 10, 1), D(2027, 6, 25)},   // turns 16 in October 2026: school year 2026/27
      {D(2010, 8, 31), D(2026, 6, 26)},   // turns 16 on 31 August 2026: school year 2025/26
      {D(2010, 9, 1), D(2027, 6, 25)},    // turns 16 on 1 September 2026: school year 2026/27
      {D(2010, 6, 27), D(2026, 6, 26)},   // the day before their 16th birthday
      {D(2008, 2, 29), D(2024, 6, 28)},   // leap day birthday
      {D(2009, 12, 25), D(2026, 6, 26)},  // turns 16 at Christmas 2025: school year 2025/26
      {D(2009, 8, 31), D(2025, 6, 27)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CompulsorySchoolAgeEnds(c.born), c.ends) << "born " << FormatIsoDate(c.born);
  }
}

// REFERENCE section 9, checked against a walk back from 30 June to the Friday.
TEST(CompulsorySchoolAgeEndsTest, AgreesWithAWalkBackFromTheEndOfJune) {
  using namespace std::chrono;
  for (sys_days b = sys_days{D(2005, 1, 1)}; b <= sys_days{D(2012, 12, 31)}; b += days{1}) {
    const Date born{b};
    // The school year of the 16th birthday ends in June of the year after it starts.
    const Date sixteenth = Anniversary(born, 16);
    const int june_year = static_cast<int>(sixteenth.year()) + (sixteenth.month() >= September);
    sys_days walk = sys_days{D(june_year, 6, 30)};
    while (weekday{walk} != Friday) walk -= days{1};
    ASSERT_EQ(CompulsorySchoolAgeEnds(born), Date{walk}) << "born " << FormatIsoDate(born);
  }
}

// REFERENCE section 9: both ends of compulsory school age are included.
TEST(OfCompulsorySchoolAgeTest, IncludesTheFirstAndLastDays) {
  const Date born = D(2020, 12, 31);
  EXPECT_FALSE(OfCompulsorySchoolAge(born, D(2025, 12, 31)));  // fifth birthday
  EXPECT_TRUE(OfCompulsorySchoolAge(born, D(2026, 1, 1)));
  EXPECT_TRUE(OfCompulsorySchoolAge(born, D(2037, 6, 26)));  // last Friday of June 2037
  EXPECT_FALSE(OfCompulsorySchoolAge(born, D(2037, 6, 27)));

  const Date older = D(2010, 3, 15);
  EXPECT_TRUE(OfCompulsorySchoolAge(older, D(2026, 6, 26)));
  EXPECT_FALSE(OfCompulsorySchoolAge(older, D(2026, 6, 27)));
  EXPECT_FALSE(OfCompulsorySchoolAge(older, D(2026, 9, 1)));
  EXPECT_FALSE(OfCompulsorySchoolAge(D(2022, 1, 1), D(2025, 9, 1)));  // a three-year-old
}

TEST(RegistrationTest, IsActiveFromItsStartToItsEndInclusive) {
  const Registration closed{SettingId{1}, D(2025, 9, 1), D(2026, 7, 20)};
  EXPECT_FALSE(closed.ActiveOn(D(2025, 8, 31)));
  EXPECT_TRUE(closed.ActiveOn(D(2025, 9, 1)));
  EXPECT_TRUE(closed.ActiveOn(D(2026, 1, 1)));
  EXPECT_TRUE(closed.ActiveOn(D(2026, 7, 20)));
  EXPECT_FALSE(closed.ActiveOn(D(2026, 7, 21)));

  const Registration open{SettingId{1}, D(2025, 9, 1), std::nullopt};
  EXPECT_FALSE(open.ActiveOn(D(2025, 8, 31)));
  EXPECT_TRUE(open.ActiveOn(D(2025, 9, 1)));
  EXPECT_TRUE(open.ActiveOn(D(2099, 12, 31)));
}

Learner WithRegistrations(std::vector<Registration> registrations) {
  Learner learner;
  learner.date_of_birth = D(2015, 5, 5);
  learner.registrations = std::move(registrations);
  return learner;
}

TEST(LearnerTest, ListsOnlyTheRegistrationsActiveOnADate) {
  const Learner learner = WithRegistrations({
      {SettingId{1}, D(2019, 9, 1), D(2022, 7, 20)},
      {SettingId{2}, D(2022, 9, 1), std::nullopt},
      {SettingId{3}, D(2024, 1, 8), D(2024, 3, 22)},
  });
  auto on = learner.RegistrationsOn(D(2024, 2, 1));
  ASSERT_EQ(on.size(), 2u);
  EXPECT_EQ(on[0].setting, SettingId{2});
  EXPECT_EQ(on[1].setting, SettingId{3});
  ASSERT_EQ(learner.RegistrationsOn(D(2020, 2, 1)).size(), 1u);
  EXPECT_EQ(learner.RegistrationsOn(D(2020, 2, 1))[0].setting, SettingId{1});
  EXPECT_TRUE(learner.RegistrationsOn(D(2022, 8, 1)).empty());
}

// REFERENCE section 2: a dually registered learner is the LA's to decide for.
TEST(LearnerTest, IsDuallyRegisteredWhileRegistrationsAtTwoSettingsOverlap) {
  const Learner learner = WithRegistrations({
      {SettingId{1}, D(2022, 9, 1), std::nullopt},
      {SettingId{2}, D(2024, 1, 8), D(2024, 3, 22)},  // a PRU place for a term
  });
  EXPECT_FALSE(learner.DuallyRegisteredOn(D(2024, 1, 7)));
  EXPECT_TRUE(learner.DuallyRegisteredOn(D(2024, 1, 8)));
  EXPECT_TRUE(learner.DuallyRegisteredOn(D(2024, 3, 22)));
  EXPECT_FALSE(learner.DuallyRegisteredOn(D(2024, 3, 23)));
}

TEST(LearnerTest, TwoRegistrationsAtTheSameSettingAreNotDualRegistration) {
  const Learner learner = WithRegistrations({
      {SettingId{1}, D(2022, 9, 1), D(2024, 7, 20)},
      {SettingId{1}, D(2024, 1, 1), std::nullopt},
  });
  EXPECT_EQ(learner.RegistrationsOn(D(2024, 2, 1)).size(), 2u);
  EXPECT_FALSE(learner.DuallyRegisteredOn(D(2024, 2, 1)));
}

TEST(LearnerTest, ThreeSettingsAtOnceIsDualRegistration) {
  const Learner learner = WithRegistrations({
      {SettingId{1}, D(2022, 9, 1), std::nullopt},
      {SettingId{2}, D(2022, 9, 1), std::nullopt},
      {SettingId{3}, D(2022, 9, 1), std::nullopt},
  });
  EXPECT_TRUE(learner.DuallyRegisteredOn(D(2023, 1, 1)));
  EXPECT_FALSE(WithRegistrations({}).DuallyRegisteredOn(D(2023, 1, 1)));
}

TEST(LearnerTest, DisplayNameUsesThePreferredNameWhenThereIsOne) {
  Learner learner;
  learner.legal_first_name = "Gwenllian";
  learner.legal_last_name = "Jones";
  EXPECT_EQ(learner.DisplayName(), "Gwenllian Jones");
  learner.preferred_name = "Gwen";
  EXPECT_EQ(learner.DisplayName(), "Gwen Jones");
}

TEST(LetterLanguageTest, CodesRoundTrip) {
  EXPECT_EQ(Code(LetterLanguage::kEnglish), "en");
  EXPECT_EQ(Code(LetterLanguage::kWelsh), "cy");
  for (auto language : {LetterLanguage::kEnglish, LetterLanguage::kWelsh}) {
    EXPECT_EQ(LetterLanguageFromCode(Code(language)), language);
  }
  EXPECT_FALSE(LetterLanguageFromCode("").has_value());
  EXPECT_FALSE(LetterLanguageFromCode("fr").has_value());
  EXPECT_FALSE(LetterLanguageFromCode("welsh").has_value());
}

class ApplyLearnerInputTest : public ::testing::Test {
 protected:
  static constexpr Date kToday{year{2025}, month{11}, day{1}};

  static LearnerInput ValidInput() {
    LearnerInput input;
    input.legal_first_name = "  Gwenllian ";
    input.legal_last_name = "Jones";
    input.preferred_name = "Gwen";
    input.dob_day = "5";
    input.dob_month = "5";
    input.dob_year = "2015";
    input.upn = " b801200005001 ";
    input.home_language = "Cymraeg";
    input.letter_language = "cy";
    input.welsh_medium = true;
    input.looked_after = true;
    input.looked_after_by = " 12 ";
    input.electively_home_educated = false;
    return input;
  }

  static Learner Existing() {
    Learner learner;
    learner.id = LearnerId{7};
    learner.local_authority = LocalAuthorityId{3};
    learner.legal_first_name = "Old";
    learner.legal_last_name = "Name";
    learner.preferred_name = "Oldie";
    learner.date_of_birth = D(2014, 1, 1);
    learner.upn = *Upn::Parse("L661000010001");
    learner.home_language = "English";
    learner.letter_language = LetterLanguage::kEnglish;
    learner.welsh_medium = false;
    learner.looked_after = false;
    learner.electively_home_educated = true;
    learner.registrations = {{SettingId{4}, D(2018, 9, 1), std::nullopt}};
    learner.version = 3;
    return learner;
  }

  static void ExpectUnchanged(const Learner& after, const Learner& before) {
    EXPECT_EQ(after.id, before.id);
    EXPECT_EQ(after.local_authority, before.local_authority);
    EXPECT_EQ(after.legal_first_name, before.legal_first_name);
    EXPECT_EQ(after.legal_last_name, before.legal_last_name);
    EXPECT_EQ(after.preferred_name, before.preferred_name);
    EXPECT_EQ(after.date_of_birth, before.date_of_birth);
    EXPECT_EQ(after.upn, before.upn);
    EXPECT_EQ(after.home_language, before.home_language);
    EXPECT_EQ(after.letter_language, before.letter_language);
    EXPECT_EQ(after.welsh_medium, before.welsh_medium);
    EXPECT_EQ(after.looked_after, before.looked_after);
    EXPECT_EQ(after.looked_after_by, before.looked_after_by);
    EXPECT_EQ(after.electively_home_educated, before.electively_home_educated);
    EXPECT_EQ(after.registrations.size(), before.registrations.size());
    EXPECT_EQ(after.version, before.version);
  }
};

TEST_F(ApplyLearnerInputTest, FillsTheLearnerFromValidInput) {
  Learner learner = Existing();
  Status status = ApplyLearnerInput(ValidInput(), kToday, learner);
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(learner.legal_first_name, "Gwenllian");
  EXPECT_EQ(learner.legal_last_name, "Jones");
  EXPECT_EQ(learner.preferred_name, "Gwen");
  EXPECT_EQ(learner.date_of_birth, D(2015, 5, 5));
  EXPECT_EQ(learner.upn.str(), "B801200005001");
  EXPECT_EQ(learner.home_language, "Cymraeg");
  EXPECT_EQ(learner.letter_language, LetterLanguage::kWelsh);
  EXPECT_TRUE(learner.welsh_medium);
  EXPECT_TRUE(learner.looked_after);
  EXPECT_EQ(learner.looked_after_by, LocalAuthorityId{12});
  EXPECT_FALSE(learner.electively_home_educated);
  // Not the learner's own fields: left alone.
  EXPECT_EQ(learner.id, LearnerId{7});
  EXPECT_EQ(learner.registrations.size(), 1u);
}

TEST_F(ApplyLearnerInputTest, APreferredNameTheSameAsTheFirstNameIsNotKept) {
  LearnerInput input = ValidInput();
  input.preferred_name = "Gwenllian ";
  Learner learner = Existing();
  ASSERT_TRUE(ApplyLearnerInput(input, kToday, learner).has_value());
  EXPECT_EQ(learner.preferred_name, "");
  EXPECT_EQ(learner.DisplayName(), "Gwenllian Jones");
}

TEST_F(ApplyLearnerInputTest, ALearnerNoLongerLookedAfterLosesTheirLookingAfterLa) {
  Learner learner = Existing();
  learner.looked_after = true;
  learner.looked_after_by = LocalAuthorityId{12};
  LearnerInput input = ValidInput();
  input.looked_after = false;
  input.looked_after_by = "12";  // left over in the form; ignored
  ASSERT_TRUE(ApplyLearnerInput(input, kToday, learner).has_value());
  EXPECT_FALSE(learner.looked_after);
  EXPECT_FALSE(learner.looked_after_by.has_value());
}

TEST_F(ApplyLearnerInputTest, AcceptsADateOfBirthOfToday) {
  LearnerInput input = ValidInput();
  input.dob_day = "1";
  input.dob_month = "11";
  input.dob_year = "2025";
  Learner learner = Existing();
  ASSERT_TRUE(ApplyLearnerInput(input, kToday, learner).has_value());
  EXPECT_EQ(learner.date_of_birth, kToday);
}

TEST_F(ApplyLearnerInputTest, EachBadInputIsReportedAgainstItsField) {
  struct Case {
    std::string_view what;
    std::function<void(LearnerInput&)> change;
    std::string field;
    std::string message_id;
  };
  const std::string long_name(101, 'a');
  const std::vector<Case> cases = {
      {"no first name", [](auto& i) { i.legal_first_name = ""; }, "legal_first_name",
       "legal_first_name_error_missing"},
      {"blank first name", [](auto& i) { i.legal_first_name = " \t "; }, "legal_first_name",
       "legal_first_name_error_missing"},
      {"no last name", [](auto& i) { i.legal_last_name = ""; }, "legal_last_name",
       "legal_last_name_error_missing"},
      {"first name too long", [&](auto& i) { i.legal_first_name = long_name; }, "legal_first_name",
       "name_error_too_long"},
      {"preferred name too long", [&](auto& i) { i.preferred_name = long_name; }, "preferred_name",
       "name_error_too_long"},
      {"no home language", [](auto& i) { i.home_language = " "; }, "home_language",
       "home_language_error_missing"},
      {"no date of birth",
       [](auto& i) {
         i.dob_day = "";
         i.dob_month = " ";
         i.dob_year = "";
       },
       "dob", "dob_error_missing"},
      {"31 April",
       [](auto& i) {
         i.dob_day = "31";
         i.dob_month = "4";
       },
       "dob", "dob_error_invalid"},
      {"29 February in a common year",
       [](auto& i) {
         i.dob_day = "29";
         i.dob_month = "2";
         i.dob_year = "2015";
       },
       "dob", "dob_error_invalid"},
      {"letters in the day", [](auto& i) { i.dob_day = "five"; }, "dob", "dob_error_invalid"},
      {"only the year given",
       [](auto& i) {
         i.dob_day = "";
         i.dob_month = "";
       },
       "dob", "dob_error_invalid"},
      {"tomorrow",
       [](auto& i) {
         i.dob_day = "2";
         i.dob_month = "11";
         i.dob_year = "2025";
       },
       "dob", "dob_error_future"},
      {"next year", [](auto& i) { i.dob_year = "2026"; }, "dob", "dob_error_future"},
      {"far too old", [](auto& i) { i.dob_year = "1950"; }, "dob", "dob_error_too_old"},
      {"no UPN", [](auto& i) { i.upn = ""; }, "upn", "upn_error_missing"},
      {"wrong check letter", [](auto& i) { i.upn = "C801200005001"; }, "upn", "upn_error_check"},
      {"short UPN", [](auto& i) { i.upn = "B80120000500"; }, "upn", "upn_error_length"},
      {"no letter language", [](auto& i) { i.letter_language = ""; }, "letter_language",
       "letter_language_error_missing"},
      {"unknown letter language", [](auto& i) { i.letter_language = "fr"; }, "letter_language",
       "letter_language_error_missing"},
      {"looked after, no LA", [](auto& i) { i.looked_after_by = ""; }, "looked_after_by",
       "looked_after_by_error_missing"},
      {"looked after, LA not a number", [](auto& i) { i.looked_after_by = "Powys"; },
       "looked_after_by", "looked_after_by_error_missing"},
      {"looked after, LA 0", [](auto& i) { i.looked_after_by = "0"; }, "looked_after_by",
       "looked_after_by_error_missing"},
      {"looked after, negative LA", [](auto& i) { i.looked_after_by = "-4"; }, "looked_after_by",
       "looked_after_by_error_missing"},
      {"looked after, LA too large", [](auto& i) { i.looked_after_by = "99999999999999999999999"; },
       "looked_after_by", "looked_after_by_error_missing"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    LearnerInput input = ValidInput();
    c.change(input);
    Learner learner = Existing();
    Status status = ApplyLearnerInput(input, kToday, learner);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().message, "learner_error_summary");
    const std::map<std::string, std::string> expected{{c.field, c.message_id}};
    EXPECT_EQ(status.error().fields, expected);
    ExpectUnchanged(learner, Existing());
  }
}

TEST_F(ApplyLearnerInputTest, ALookingAfterLaThatIsNotAWholeNumberIsMissing) {
  LearnerInput input = ValidInput();
  input.looked_after = true;
  input.looked_after_by = "12abc";
  Learner learner;
  Status status = ApplyLearnerInput(input, kToday, learner);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().fields.at("looked_after_by"), "looked_after_by_error_missing");
}

TEST_F(ApplyLearnerInputTest, ReportsEveryProblemAtOnce) {
  LearnerInput input;
  input.looked_after = true;
  Learner learner = Existing();
  Status status = ApplyLearnerInput(input, kToday, learner);
  ASSERT_FALSE(status.has_value());
  const std::map<std::string, std::string> expected{
      {"legal_first_name", "legal_first_name_error_missing"},
      {"legal_last_name", "legal_last_name_error_missing"},
      {"home_language", "home_language_error_missing"},
      {"dob", "dob_error_missing"},
      {"upn", "upn_error_missing"},
      {"letter_language", "letter_language_error_missing"},
      {"looked_after_by", "looked_after_by_error_missing"},
  };
  EXPECT_EQ(status.error().fields, expected);
  ExpectUnchanged(learner, Existing());
}

TEST_F(ApplyLearnerInputTest, ChangesNothingWhenOnlyOneFieldIsWrong) {
  LearnerInput input = ValidInput();
  input.upn = "B801200005002";
  Learner learner = Existing();
  ASSERT_FALSE(ApplyLearnerInput(input, kToday, learner).has_value());
  ExpectUnchanged(learner, Existing());
}

class CheckRegistrationTest : public ::testing::Test {
 protected:
  static Learner Born2015WithOneRegistration() {
    Learner learner;
    learner.date_of_birth = D(2015, 5, 5);
    learner.registrations = {{SettingId{1}, D(2019, 9, 1), D(2022, 7, 20)}};
    return learner;
  }
};

TEST_F(CheckRegistrationTest, AcceptsARegistrationThatFits) {
  const Learner learner = Born2015WithOneRegistration();
  EXPECT_TRUE(CheckRegistration(learner, {SettingId{2}, D(2022, 9, 1), std::nullopt}));
  // A one-day registration.
  EXPECT_TRUE(CheckRegistration(learner, {SettingId{2}, D(2023, 1, 9), D(2023, 1, 9)}));
  // From the day of birth.
  EXPECT_TRUE(CheckRegistration(learner, {SettingId{3}, D(2015, 5, 5), D(2015, 6, 1)}));
  // Back at the first setting the day after the first registration ended.
  EXPECT_TRUE(CheckRegistration(learner, {SettingId{1}, D(2022, 7, 21), std::nullopt}));
  // At the first setting, ending the day before the first registration started.
  EXPECT_TRUE(CheckRegistration(learner, {SettingId{1}, D(2019, 1, 7), D(2019, 8, 31)}));
}

TEST_F(CheckRegistrationTest, RejectsAnEndBeforeTheStart) {
  Status status = CheckRegistration(Born2015WithOneRegistration(),
                                    {SettingId{2}, D(2023, 9, 1), D(2023, 8, 31)});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message, "registration_error_summary");
  const std::map<std::string, std::string> expected{{"end", "registration_error_end_before_start"}};
  EXPECT_EQ(status.error().fields, expected);
}

TEST_F(CheckRegistrationTest, RejectsAStartBeforeTheLearnerWasBorn) {
  Status status =
      CheckRegistration(Born2015WithOneRegistration(), {SettingId{2}, D(2015, 5, 4), std::nullopt});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  const std::map<std::string, std::string> expected{{"start", "registration_error_before_birth"}};
  EXPECT_EQ(status.error().fields, expected);
}

TEST_F(CheckRegistrationTest, AnOverlapAtTheSameSettingIsAConflict) {
  struct Case {
    std::string_view what;
    Registration registration;
  };
  const std::vector<Case> cases = {
      {"inside", {SettingId{1}, D(2020, 1, 1), D(2020, 2, 1)}},
      {"open-ended, starting during", {SettingId{1}, D(2021, 1, 1), std::nullopt}},
      {"starting on the last day", {SettingId{1}, D(2022, 7, 20), std::nullopt}},
      {"ending on the first day", {SettingId{1}, D(2019, 1, 1), D(2019, 9, 1)}},
      {"covering it", {SettingId{1}, D(2018, 1, 1), D(2023, 1, 1)}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Status status = CheckRegistration(Born2015WithOneRegistration(), c.registration);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    const std::map<std::string, std::string> expected{{"start", "registration_error_overlap"}};
    EXPECT_EQ(status.error().fields, expected);
  }
}

TEST_F(CheckRegistrationTest, AnOpenRegistrationConflictsWithAnyLaterOneAtTheSameSetting) {
  Learner learner = Born2015WithOneRegistration();
  learner.registrations.push_back({SettingId{2}, D(2022, 9, 1), std::nullopt});
  Status status = CheckRegistration(learner, {SettingId{2}, D(2030, 1, 1), D(2030, 2, 1)});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

// REFERENCE section 2: dual registration (two settings at once) is allowed, and makes the LA
// responsible.
TEST_F(CheckRegistrationTest, AnOverlapAtAnotherSettingIsAllowed) {
  const Learner learner = Born2015WithOneRegistration();
  EXPECT_TRUE(CheckRegistration(learner, {SettingId{9}, D(2020, 1, 1), D(2020, 2, 1)}));
}

}  // namespace
}  // namespace cynnal::domain
