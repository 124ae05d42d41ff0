#include "domain/aln_responsibility.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;

constexpr LocalAuthorityId kNeathPortTalbot{1};
constexpr LocalAuthorityId kSwansea{2};
constexpr LocalAuthorityId kCardiff{3};

constexpr SettingId kPrimary{10};
constexpr SettingId kSecondary{11};
constexpr SettingId kSpecial{12};
constexpr SettingId kCollege{13};
constexpr SettingId kPru{14};
constexpr SettingId kIndependent{15};
constexpr SettingId kNonMaintained{16};
constexpr SettingId kPrivateNursery{17};
constexpr SettingId kSwanseaPrimary{18};
constexpr SettingId kOtherPrimary{19};

Setting MakeSetting(SettingId id, LocalAuthorityId la, const char* name, SettingType type) {
  Setting setting;
  setting.id = id;
  setting.local_authority = la;
  setting.name = name;
  setting.type = type;
  return setting;
}

// The settings in and around Neath Port Talbot that the learners below attend.
std::vector<Setting> Settings() {
  return {
      MakeSetting(kPrimary, kNeathPortTalbot, "Ysgol Gynradd Cwm", SettingType::kPrimary),
      MakeSetting(kSecondary, kNeathPortTalbot, "Ysgol Uwchradd Afan", SettingType::kSecondary),
      MakeSetting(kSpecial, kNeathPortTalbot, "Ysgol Hendre", SettingType::kSpecial),
      MakeSetting(kCollege, kNeathPortTalbot, "NPTC Group", SettingType::kFei),
      MakeSetting(kPru, kNeathPortTalbot, "Pupil Referral Unit", SettingType::kPru),
      MakeSetting(kIndependent, kNeathPortTalbot, "St David's Prep", SettingType::kIndependent),
      MakeSetting(kNonMaintained, kNeathPortTalbot, "Coleg Elidyr", SettingType::kNonMaintained),
      MakeSetting(kPrivateNursery, kNeathPortTalbot, "Little Acorns", SettingType::kNursery),
      MakeSetting(kSwanseaPrimary, kSwansea, "Ysgol Gynradd Glan", SettingType::kPrimary),
      MakeSetting(kOtherPrimary, kNeathPortTalbot, "Ysgol Gynradd Baglan", SettingType::kPrimary),
  };
}

Registration At(SettingId setting, const char* start, std::optional<Date> end = std::nullopt) {
  return Registration{setting, Iso(start), end};
}

// A learner who lives in Neath Port Talbot.
Learner Born(const char* date_of_birth, std::vector<Registration> registrations) {
  Learner learner;
  learner.id = LearnerId{100};
  learner.local_authority = kNeathPortTalbot;
  learner.legal_first_name = "Eira";
  learner.legal_last_name = "Morgan";
  learner.date_of_birth = Iso(date_of_birth);
  learner.registrations = std::move(registrations);
  return learner;
}

constexpr const char* kPupilBorn = "2016-05-10";     // Year 5 in 2025/26: of compulsory age
constexpr const char* kStudentBorn = "2008-05-01";   // past compulsory school age in 2025/26
constexpr const char* kUnderAgeBorn = "2022-03-01";  // compulsory school age from 1 April 2027
constexpr const char* kOn = "2025-10-01";

Learner LookedAfter(std::optional<LocalAuthorityId> by) {
  Learner learner = Born(kPupilBorn, {At(kPrimary, "2020-09-01")});
  learner.looked_after = true;
  learner.looked_after_by = by;
  return learner;
}

Learner HomeEducated() {
  Learner learner = Born(kPupilBorn, {});
  learner.electively_home_educated = true;
  return learner;
}

// REFERENCE section 2: the maintained school decides by default; an FEI for its students; the LA
// for a looked-after child (the LA that looks after them), a dually registered pupil, a child under
// compulsory school age not at a maintained school, and one educated other than at school, at a
// non-maintained school or electively home educated.
TEST(WhoDecidesTest, FollowsTheLearnersCircumstancesOnTheDay) {
  struct Case {
    const char* circumstance;
    Learner learner;
    DecidingBody body;
    LocalAuthorityId local_authority;
    std::optional<SettingId> setting;
    ResponsibilityReason reason;
  };
  const std::vector<Case> cases = {
      {"a pupil at a maintained primary", Born(kPupilBorn, {At(kPrimary, "2020-09-01")}),
       DecidingBody::kSchool, kNeathPortTalbot, kPrimary, ResponsibilityReason::kMaintainedSchool},
      {"a pupil at a maintained secondary", Born("2012-01-20", {At(kSecondary, "2023-09-01")}),
       DecidingBody::kSchool, kNeathPortTalbot, kSecondary,
       ResponsibilityReason::kMaintainedSchool},
      {"a pupil at a maintained special school", Born(kPupilBorn, {At(kSpecial, "2021-09-01")}),
       DecidingBody::kSchool, kNeathPortTalbot, kSpecial, ResponsibilityReason::kMaintainedSchool},
      {"a pupil at a primary maintained by another LA",
       Born(kPupilBorn, {At(kSwanseaPrimary, "2020-09-01")}), DecidingBody::kSchool, kSwansea,
       kSwanseaPrimary, ResponsibilityReason::kMaintainedSchool},
      {"a student at an FEI", Born(kStudentBorn, {At(kCollege, "2024-09-01")}), DecidingBody::kFei,
       kNeathPortTalbot, kCollege, ResponsibilityReason::kFeiStudent},
      {"a child looked after by another LA, at a maintained school", LookedAfter(kCardiff),
       DecidingBody::kLocalAuthority, kCardiff, std::nullopt, ResponsibilityReason::kLookedAfter},
      {"a looked-after child with no LA recorded: the learner's own LA", LookedAfter(std::nullopt),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kLookedAfter},
      {"an electively home educated child", HomeEducated(), DecidingBody::kLocalAuthority,
       kNeathPortTalbot, std::nullopt, ResponsibilityReason::kHomeEducated},
      {"a pupil registered at two schools on the day",
       Born(kPupilBorn, {At(kPrimary, "2020-09-01"), At(kOtherPrimary, "2025-09-15")}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kDuallyRegistered},
      {"a pupil registered at a school and a PRU on the day",
       Born(kPupilBorn, {At(kPrimary, "2020-09-01"), At(kPru, "2025-09-15")}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kDuallyRegistered},
      {"a pupil registered only at a PRU", Born(kPupilBorn, {At(kPru, "2025-04-01")}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kOtherThanAtSchool},
      {"a pupil at an independent school", Born(kPupilBorn, {At(kIndependent, "2020-09-01")}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kNonMaintainedSchool},
      {"a pupil at a non-maintained special school",
       Born("2012-01-20", {At(kNonMaintained, "2023-09-01")}), DecidingBody::kLocalAuthority,
       kNeathPortTalbot, std::nullopt, ResponsibilityReason::kNonMaintainedSchool},
      {"a child under compulsory school age at a private nursery",
       Born(kUnderAgeBorn, {At(kPrivateNursery, "2025-04-01")}), DecidingBody::kLocalAuthority,
       kNeathPortTalbot, std::nullopt, ResponsibilityReason::kUnderSchoolAgeNotMaintained},
      {"a child under compulsory school age in a maintained primary's nursery class",
       Born(kUnderAgeBorn, {At(kPrimary, "2025-09-01")}), DecidingBody::kSchool, kNeathPortTalbot,
       kPrimary, ResponsibilityReason::kMaintainedSchool},
      {"a child of compulsory school age at no setting", Born(kPupilBorn, {}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kOtherThanAtSchool},
      {"a child under compulsory school age at no setting", Born(kUnderAgeBorn, {}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kUnderSchoolAgeNotMaintained},
      {"a registration that ended before the day is ignored",
       Born(kPupilBorn, {At(kPrimary, "2020-09-01", Iso("2025-07-18"))}),
       DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
       ResponsibilityReason::kOtherThanAtSchool},
      {"a pupil who moved school: only the current registration counts",
       Born(kPupilBorn,
            {At(kOtherPrimary, "2020-09-01", Iso("2025-07-18")), At(kPrimary, "2025-09-01")}),
       DecidingBody::kSchool, kNeathPortTalbot, kPrimary, ResponsibilityReason::kMaintainedSchool},
      {"a registration ending on the day still counts",
       Born(kPupilBorn, {At(kPrimary, "2020-09-01", Iso(kOn)), At(kOtherPrimary, "2025-10-02")}),
       DecidingBody::kSchool, kNeathPortTalbot, kPrimary, ResponsibilityReason::kMaintainedSchool},
      {"a registration starting after the day is ignored",
       Born(kPupilBorn, {At(kPrimary, "2020-09-01"), At(kSecondary, "2026-09-01")}),
       DecidingBody::kSchool, kNeathPortTalbot, kPrimary, ResponsibilityReason::kMaintainedSchool},
      {"a child whose only registration starts after the day",
       Born(kPupilBorn, {At(kPrimary, "2025-11-03")}), DecidingBody::kLocalAuthority,
       kNeathPortTalbot, std::nullopt, ResponsibilityReason::kOtherThanAtSchool},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.circumstance);
    const Responsibility who = WhoDecides(c.learner, Settings(), Iso(kOn));
    EXPECT_EQ(Code(who.body), Code(c.body));
    EXPECT_EQ(who.local_authority, c.local_authority);
    EXPECT_EQ(who.setting, c.setting);
    EXPECT_EQ(Code(who.reason), Code(c.reason));
  }
}

TEST(WhoDecidesTest, ALookedAfterChildIsForTheLaEvenWhenHomeEducatedOrDuallyRegistered) {
  Learner learner = Born(kPupilBorn, {At(kPrimary, "2020-09-01"), At(kPru, "2025-09-15")});
  learner.looked_after = true;
  learner.looked_after_by = kSwansea;
  learner.electively_home_educated = true;
  const Responsibility who = WhoDecides(learner, Settings(), Iso(kOn));
  EXPECT_EQ(Code(who.body), "la");
  EXPECT_EQ(who.local_authority, kSwansea);
  EXPECT_EQ(Code(who.reason), "looked_after");
}

TEST(WhoDecidesTest, TheSameChildChangesHandsAsTheirCircumstancesChange) {
  Learner learner = Born(kUnderAgeBorn, {At(kPrivateNursery, "2025-04-01", Iso("2026-08-31")),
                                         At(kPrimary, "2026-09-01")});
  struct Case {
    const char* on;
    DecidingBody body;
    ResponsibilityReason reason;
  };
  const std::vector<Case> cases = {
      {"2025-10-01", DecidingBody::kLocalAuthority,
       ResponsibilityReason::kUnderSchoolAgeNotMaintained},
      {"2026-08-31", DecidingBody::kLocalAuthority,
       ResponsibilityReason::kUnderSchoolAgeNotMaintained},
      {"2026-09-01", DecidingBody::kSchool, ResponsibilityReason::kMaintainedSchool},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.on);
    const Responsibility who = WhoDecides(learner, Settings(), Iso(c.on));
    EXPECT_EQ(Code(who.body), Code(c.body));
    EXPECT_EQ(Code(who.reason), Code(c.reason));
  }
}

// REFERENCE section 9: compulsory school age ends on the last Friday of June of the school year in
// which the learner turns 16; from the next day they are a young person.
TEST(IsYoungPersonTest, FromTheDayAfterTheLastFridayOfJuneOfTheYearTheyTurnSixteen) {
  struct Case {
    const char* why;
    const char* born;
    const char* on;
    bool young_person;
  };
  const std::vector<Case> cases = {
      {"turns 16 in January 2026: still of school age on the last Friday of June", "2010-01-15",
       "2026-06-26", false},
      {"turns 16 in January 2026: a young person the next day", "2010-01-15", "2026-06-27", true},
      {"turns 16 in January 2026: a young person in the autumn", "2010-01-15", "2026-09-01", true},
      {"turns 16 on 31 August 2026: the 2025/26 school year", "2010-08-31", "2026-06-26", false},
      {"turns 16 on 31 August 2026: a young person before the birthday", "2010-08-31", "2026-06-27",
       true},
      {"turns 16 on 1 September 2026: a year more, to 25 June 2027", "2010-09-01", "2026-06-27",
       false},
      {"turns 16 on 1 September 2026: last day of school age", "2010-09-01", "2027-06-25", false},
      {"turns 16 on 1 September 2026: a young person the day after", "2010-09-01", "2027-06-26",
       true},
      {"a primary pupil", kPupilBorn, kOn, false},
      {"an 18-year-old", "2007-03-03", kOn, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(IsYoungPerson(Born(c.born, {}), Iso(c.on)), c.young_person);
  }
}

TEST(IsYoungPersonTest, AgreesWithTheEndOfCompulsorySchoolAge) {
  for (const char* born : {"2009-09-01", "2010-02-28", "2008-02-29", "2010-08-31"}) {
    SCOPED_TRACE(born);
    const Date ends = CompulsorySchoolAgeEnds(Iso(born));
    EXPECT_FALSE(IsYoungPerson(Born(born, {}), ends));
    EXPECT_TRUE(IsYoungPerson(Born(born, {}), AddDays(ends, 1)));
  }
}

TEST(ResponsibilityCodesTest, DecidingBodiesRoundTripThroughTheirCodes) {
  struct Case {
    DecidingBody body;
    const char* code;
  };
  const std::vector<Case> cases = {
      {DecidingBody::kSchool, "school"},
      {DecidingBody::kFei, "fei"},
      {DecidingBody::kLocalAuthority, "la"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    EXPECT_EQ(Code(c.body), c.code);
    EXPECT_EQ(DecidingBodyFromCode(c.code), c.body);
  }
  EXPECT_FALSE(DecidingBodyFromCode("").has_value());
  EXPECT_FALSE(DecidingBodyFromCode("governing_body").has_value());
}

TEST(ResponsibilityCodesTest, EveryReasonHasItsOwnCodeAndRoundTrips) {
  using R = ResponsibilityReason;
  const std::vector<R> reasons = {
      R::kMaintainedSchool,
      R::kFeiStudent,
      R::kLookedAfter,
      R::kDuallyRegistered,
      R::kUnderSchoolAgeNotMaintained,
      R::kHomeEducated,
      R::kOtherThanAtSchool,
      R::kNonMaintainedSchool,
      R::kReferredBySchool,
      R::kTakenOnByLa,
      R::kSentBackToSchool,
  };
  std::set<std::string> codes;
  for (R reason : reasons) {
    const std::string code(Code(reason));
    SCOPED_TRACE(code);
    EXPECT_FALSE(code.empty());
    codes.insert(code);
    EXPECT_EQ(ResponsibilityReasonFromCode(code), reason);
  }
  EXPECT_EQ(codes.size(), reasons.size());
  EXPECT_FALSE(ResponsibilityReasonFromCode("responsibility_looked_after").has_value());
}

// Code 12.39: grounds (a), (b) and (c), shown by their letters.
TEST(ResponsibilityCodesTest, ReferralGroundsAreTheLettersOfCode1239) {
  struct Case {
    ReferralGround ground;
    const char* code;
  };
  const std::vector<Case> cases = {
      {ReferralGround::kA, "a"},
      {ReferralGround::kB, "b"},
      {ReferralGround::kC, "c"},
  };
  ASSERT_EQ(AllReferralGrounds().size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE(cases[i].code);
    EXPECT_EQ(AllReferralGrounds()[i], cases[i].ground);
    EXPECT_EQ(Code(cases[i].ground), cases[i].code);
    EXPECT_EQ(ReferralGroundFromCode(cases[i].code), cases[i].ground);
  }
  EXPECT_FALSE(ReferralGroundFromCode("d").has_value());
  EXPECT_FALSE(ReferralGroundFromCode("A").has_value());
}

}  // namespace
}  // namespace cynnal::domain
