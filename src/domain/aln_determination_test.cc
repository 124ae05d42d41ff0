#include "domain/aln_determination.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace cynnal::domain {
namespace {

using Fields = std::map<std::string, std::string>;
using Reasons = std::vector<std::string>;

// Test 1 (a) met, the language guard answered "no", and ALP called for: a learner with ALN.
TwoStepTest DifficultyCallingForAlp() {
  TwoStepTest test;
  test.greater_difficulty = Answer::kYes;
  test.greater_difficulty_evidence = "Reading age 2 years below chronological age (NGRT, May)";
  test.disability = Answer::kNo;
  test.evidence = {EvidenceKind::kStandardisedAssessment, EvidenceKind::kParentsViews};
  test.progress = {ProgressIndicator::kGapNotClosing};
  test.language_only = Answer::kNo;
  test.calls_for_alp = Answer::kYes;
  test.alp = "Daily 1:1 structured phonics, 20 minutes, with a trained TA";
  test.areas = {AreaOfNeed::kCognitionLearning};
  test.types = {"dyslexia"};
  return test;
}

// Neither part of test 1 met.
TwoStepTest NoDifficulty() {
  TwoStepTest test;
  test.greater_difficulty = Answer::kNo;
  test.disability = Answer::kNo;
  test.evidence = {EvidenceKind::kTeacherAssessment};
  return test;
}

TwoStepTest Disability(TwoStepTest test) {
  test.disability = Answer::kYes;
  test.disability_evidence = "Hearing impairment; cannot follow whole-class teaching unaided";
  test.areas.insert(AreaOfNeed::kSensoryPhysical);
  return test;
}

// Act s.2: ALN exactly when test 1 is met (and not solely because of the home language) and the
// learning difficulty or disability calls for ALP.
TEST(EvaluateTest, TheOutcomeAndItsReasonsFollowTheAnswers) {
  struct Case {
    const char* name;
    TwoStepTest test;
    bool learning_difficulty;
    bool has_aln;
    Reasons reasons;
  };
  TwoStepTest disability_only = Disability(DifficultyCallingForAlp());
  disability_only.greater_difficulty = Answer::kNo;
  disability_only.greater_difficulty_evidence.clear();

  TwoStepTest language_only = DifficultyCallingForAlp();
  language_only.language_only = Answer::kYes;
  language_only.calls_for_alp = Answer::kUnanswered;
  language_only.alp.clear();
  language_only.areas.clear();

  TwoStepTest no_alp = DifficultyCallingForAlp();
  no_alp.calls_for_alp = Answer::kNo;
  no_alp.alp.clear();
  no_alp.areas.clear();

  TwoStepTest no_difficulty_alp_answered = NoDifficulty();
  no_difficulty_alp_answered.calls_for_alp = Answer::kYes;

  const std::vector<Case> cases = {
      {"greater difficulty that calls for ALP",
       DifficultyCallingForAlp(),
       true,
       true,
       {"test_reason_difficulty", "test_reason_calls_for_alp"}},
      {"a disability only, calling for ALP",
       disability_only,
       true,
       true,
       {"test_reason_disability", "test_reason_calls_for_alp"}},
      {"both difficulty and disability",
       Disability(DifficultyCallingForAlp()),
       true,
       true,
       {"test_reason_difficulty", "test_reason_disability", "test_reason_calls_for_alp"}},
      {"no to both parts of test 1: no ALN, and nothing more to answer",
       NoDifficulty(),
       false,
       false,
       {"test_reason_no_difficulty"}},
      {"no to both parts of test 1: an answer to test 2 changes nothing",
       no_difficulty_alp_answered,
       false,
       false,
       {"test_reason_no_difficulty"}},
      {"difficulty only because of the home language: no ALN, test 2 not needed",
       language_only,
       false,
       false,
       {"test_reason_difficulty", "test_reason_language_only"}},
      {"test 1 met but no ALP called for",
       no_alp,
       true,
       false,
       {"test_reason_difficulty", "test_reason_no_alp"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto outcome = Evaluate(c.test);
    ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
    EXPECT_EQ(outcome->learning_difficulty, c.learning_difficulty);
    EXPECT_EQ(outcome->has_aln, c.has_aln);
    EXPECT_EQ(outcome->reasons, c.reasons);
  }
}

TEST(EvaluateTest, EachMissingOrUnknownAnswerIsReportedAgainstItsField) {
  struct Case {
    const char* name;
    TwoStepTest test;
    Fields fields;
  };
  std::vector<Case> cases;
  auto add = [&cases](const char* name, Fields fields, auto change) {
    TwoStepTest test = DifficultyCallingForAlp();
    change(test);
    cases.push_back({name, test, std::move(fields)});
  };
  add("test 1 (a) unanswered", {{"greater_difficulty", "test_error_difficulty_missing"}},
      [](TwoStepTest& t) {
        t.greater_difficulty = Answer::kUnanswered;
        t.greater_difficulty_evidence.clear();
      });
  add("test 1 (b) unanswered", {{"disability", "test_error_disability_missing"}},
      [](TwoStepTest& t) { t.disability = Answer::kUnanswered; });
  add("yes to (a) with no evidence described",
      {{"greater_difficulty_evidence", "test_error_difficulty_evidence"}},
      [](TwoStepTest& t) { t.greater_difficulty_evidence.clear(); });
  add("yes to (a) with only spaces for evidence",
      {{"greater_difficulty_evidence", "test_error_difficulty_evidence"}},
      [](TwoStepTest& t) { t.greater_difficulty_evidence = "  \t "; });
  add("yes to (b) with no evidence described",
      {{"disability_evidence", "test_error_disability_evidence"}},
      [](TwoStepTest& t) { t.disability = Answer::kYes; });
  add("no source of evidence ticked", {{"evidence", "test_error_evidence_missing"}},
      [](TwoStepTest& t) { t.evidence.clear(); });
  add("test 1 met and the language question unanswered",
      {{"language_only", "test_error_language_missing"}},
      [](TwoStepTest& t) { t.language_only = Answer::kUnanswered; });
  add("test 2 unanswered", {{"calls_for_alp", "test_error_alp_missing"}}, [](TwoStepTest& t) {
    t.calls_for_alp = Answer::kUnanswered;
    t.alp.clear();
    t.areas.clear();
  });
  add("ALP called for but not described", {{"alp", "test_error_alp_description"}},
      [](TwoStepTest& t) { t.alp = " "; });
  add("ALP called for with no area of need", {{"areas", "test_error_areas_missing"}},
      [](TwoStepTest& t) { t.areas.clear(); });
  add("a type of need that is not on the list", {{"types", "test_error_type_unknown"}},
      [](TwoStepTest& t) { t.types.insert("glue_ear"); });
  add("no difficulty, and nothing chosen at all",
      {{"greater_difficulty", "test_error_difficulty_missing"},
       {"disability", "test_error_disability_missing"},
       {"evidence", "test_error_evidence_missing"}},
      [](TwoStepTest& t) { t = TwoStepTest{}; });

  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto outcome = Evaluate(c.test);
    ASSERT_FALSE(outcome.has_value());
    EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(outcome.error().message, "test_error_title");
    EXPECT_EQ(outcome.error().fields, c.fields);
  }
}

TEST(EvaluateTest, ReportsEveryProblemAtOnce) {
  TwoStepTest test = DifficultyCallingForAlp();
  test.greater_difficulty = Answer::kUnanswered;
  test.greater_difficulty_evidence.clear();
  test.disability = Answer::kYes;
  test.disability_evidence.clear();
  test.evidence.clear();
  test.alp.clear();
  test.areas.clear();
  test.types = {"dyslexia", "not_a_type"};
  auto outcome = Evaluate(test);
  ASSERT_FALSE(outcome.has_value());
  const Fields expected = {
      {"disability_evidence", "test_error_disability_evidence"},
      {"greater_difficulty", "test_error_difficulty_missing"},
      {"evidence", "test_error_evidence_missing"},
      {"alp", "test_error_alp_description"},
      {"areas", "test_error_areas_missing"},
      {"types", "test_error_type_unknown"},
  };
  EXPECT_EQ(outcome.error().fields, expected);
}

TEST(EvaluateTest, TheHomeLanguageGuardMeansTestTwoIsNotChecked) {
  TwoStepTest test = DifficultyCallingForAlp();
  test.language_only = Answer::kYes;
  test.alp.clear();
  test.areas.clear();
  auto outcome = Evaluate(test);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_FALSE(outcome->has_aln);
  EXPECT_EQ(outcome->reasons, (Reasons{"test_reason_difficulty", "test_reason_language_only"}));
}

// REFERENCE section 1: the 15 types of need StatsWales reports.
TEST(TypesOfNeedTest, FifteenDistinctTypesEachFoundByItsCode) {
  ASSERT_EQ(TypesOfNeed().size(), 15u);
  std::set<std::string> codes;
  std::set<AreaOfNeed> areas;
  for (const TypeOfNeed& type : TypesOfNeed()) {
    SCOPED_TRACE(std::string(type.code));
    EXPECT_FALSE(type.code.empty());
    codes.insert(std::string(type.code));
    areas.insert(type.area);
    const TypeOfNeed* found = FindTypeOfNeed(type.code);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->code, type.code);
    EXPECT_EQ(found->area, type.area);
  }
  EXPECT_EQ(codes.size(), 15u);
  EXPECT_EQ(areas.size(), AllAreasOfNeed().size());
  EXPECT_EQ(FindTypeOfNeed(""), nullptr);
  EXPECT_EQ(FindTypeOfNeed("Dyslexia"), nullptr);
  EXPECT_EQ(FindTypeOfNeed("need_dyslexia"), nullptr);
}

TEST(TypesOfNeedTest, CommonTypesSitInTheAreaACaseworkerExpects) {
  struct Case {
    const char* code;
    AreaOfNeed area;
  };
  const std::vector<Case> cases = {
      {"dyslexia", AreaOfNeed::kCognitionLearning},
      {"autistic_spectrum", AreaOfNeed::kCommunicationInteraction},
      {"speech_language_communication", AreaOfNeed::kCommunicationInteraction},
      {"behavioural_emotional_social", AreaOfNeed::kBehaviourEmotionalSocial},
      {"hearing_impairment", AreaOfNeed::kSensoryPhysical},
      {"visual_impairment", AreaOfNeed::kSensoryPhysical},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    const TypeOfNeed* type = FindTypeOfNeed(c.code);
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(Code(type->area), Code(c.area));
  }
}

// Code 12.43-12.44: the LA maintains the IDP when any of its published principles is met; Neath
// Port Talbot counts 25 or more hours of TA support a week.
TEST(MaintainerForTest, TheLaMaintainsWhenAnyPrincipleIsMet) {
  struct Case {
    const char* name;
    MaintainerAssessment assessment;
    int threshold;
    Maintainer maintainer;
    std::set<std::string> reasons;
  };
  auto with = [](auto change) {
    MaintainerAssessment assessment;
    change(assessment);
    return assessment;
  };
  const std::vector<Case> cases = {
      {"no principle met", MaintainerAssessment{}, 25, Maintainer::kSchool, {}},
      {"a low-incidence need",
       with([](MaintainerAssessment& a) { a.low_incidence = true; }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_low_incidence"}},
      {"regular external specialist advice",
       with([](MaintainerAssessment& a) { a.regular_external_advice = true; }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_regular_external_advice"}},
      {"equipment for this learner only",
       with([](MaintainerAssessment& a) { a.individual_equipment = true; }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_individual_equipment"}},
      {"a place at a special school or LSC",
       with([](MaintainerAssessment& a) { a.specialist_placement = true; }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_specialist_placement"}},
      {"24 TA hours: below the threshold of 25",
       with([](MaintainerAssessment& a) { a.ta_hours_per_week = 24; }),
       25,
       Maintainer::kSchool,
       {}},
      {"25 TA hours: at the threshold",
       with([](MaintainerAssessment& a) { a.ta_hours_per_week = 25; }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_ta_hours"}},
      {"26 TA hours: above the threshold",
       with([](MaintainerAssessment& a) { a.ta_hours_per_week = 26; }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_ta_hours"}},
      {"25 TA hours where the LA's threshold is 30",
       with([](MaintainerAssessment& a) { a.ta_hours_per_week = 25; }),
       30,
       Maintainer::kSchool,
       {}},
      {"30 TA hours where the LA's threshold is 30",
       with([](MaintainerAssessment& a) { a.ta_hours_per_week = 30; }),
       30,
       Maintainer::kLocalAuthority,
       {"principle_ta_hours"}},
      {"several principles: each is a reason",
       with([](MaintainerAssessment& a) {
         a.low_incidence = true;
         a.specialist_placement = true;
         a.ta_hours_per_week = 32;
       }),
       25,
       Maintainer::kLocalAuthority,
       {"principle_low_incidence", "principle_specialist_placement", "principle_ta_hours"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const MaintainerOutcome outcome = MaintainerFor(c.assessment, c.threshold);
    EXPECT_EQ(Code(outcome.maintainer), Code(c.maintainer));
    EXPECT_EQ(std::set<std::string>(outcome.reasons.begin(), outcome.reasons.end()), c.reasons);
    EXPECT_EQ(outcome.reasons.size(), c.reasons.size());
  }
}

TEST(MaintainerForTest, TheDefaultThresholdIsNeathPortTalbots) {
  EXPECT_EQ(kDefaultTaHoursThreshold, 25);
}

TEST(ParseTaHoursTest, AcceptsWholeHoursFromNoneToOneHundred) {
  struct Case {
    const char* text;
    int hours;
  };
  const std::vector<Case> cases = {
      {"", 0}, {"0", 0}, {"25", 25}, {"100", 100}, {" 12 ", 12},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("\"") + c.text + "\"");
    auto hours = ParseTaHours(c.text);
    ASSERT_TRUE(hours.has_value()) << hours.error().message;
    EXPECT_EQ(*hours, c.hours);
  }
}

TEST(ParseTaHoursTest, RejectsAnythingElseAgainstTheHoursField) {
  for (const char* text : {"-1", "101", "abc", "2.5", "25 hours", "+5", "99999999999999999999"}) {
    SCOPED_TRACE(std::string("\"") + text + "\"");
    auto hours = ParseTaHours(text);
    ASSERT_FALSE(hours.has_value());
    EXPECT_EQ(hours.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(hours.error().fields, (Fields{{"ta_hours", "maintainer_error_ta_hours"}}));
  }
}

TEST(TwoStepCodesTest, AnswersRoundTripAndAnythingElseIsUnanswered) {
  struct Case {
    Answer answer;
    const char* code;
  };
  const std::vector<Case> cases = {
      {Answer::kYes, "yes"}, {Answer::kNo, "no"}, {Answer::kUnanswered, ""}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    EXPECT_EQ(Code(c.answer), c.code);
    EXPECT_EQ(AnswerFromCode(c.code), c.answer);
  }
  EXPECT_EQ(AnswerFromCode("Yes"), Answer::kUnanswered);
  EXPECT_EQ(AnswerFromCode("maybe"), Answer::kUnanswered);
}

template <typename E, typename FromCode>
void ExpectDistinctCodesThatRoundTrip(const std::vector<E>& all, std::size_t count,
                                      FromCode from_code) {
  ASSERT_EQ(all.size(), count);
  std::set<std::string> codes;
  for (E value : all) {
    const std::string code(Code(value));
    SCOPED_TRACE(code);
    EXPECT_FALSE(code.empty());
    codes.insert(code);
    EXPECT_EQ(from_code(code), value);
  }
  EXPECT_EQ(codes.size(), count);
  EXPECT_FALSE(from_code("no_such_code").has_value());
}

TEST(TwoStepCodesTest, EvidenceProgressAreasAndMaintainersRoundTrip) {
  {
    SCOPED_TRACE("evidence");
    ExpectDistinctCodesThatRoundTrip(AllEvidenceKinds(), 9, EvidenceKindFromCode);
  }
  {
    SCOPED_TRACE("progress");
    ExpectDistinctCodesThatRoundTrip(AllProgressIndicators(), 3, ProgressIndicatorFromCode);
  }
  {
    SCOPED_TRACE("areas");
    ExpectDistinctCodesThatRoundTrip(AllAreasOfNeed(), 4, AreaOfNeedFromCode);
  }
  {
    SCOPED_TRACE("maintainers");
    ExpectDistinctCodesThatRoundTrip(
        std::vector<Maintainer>{Maintainer::kSchool, Maintainer::kLocalAuthority}, 2,
        MaintainerFromCode);
  }
  EXPECT_EQ(Code(Maintainer::kSchool), "school");
  EXPECT_EQ(Code(Maintainer::kLocalAuthority), "la");
}

}  // namespace
}  // namespace cynnal::domain
