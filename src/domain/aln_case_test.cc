#include "domain/aln_case.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;
using Kinds = std::vector<std::string>;

constexpr LocalAuthorityId kNeathPortTalbot{1};
constexpr LocalAuthorityId kSwansea{2};
constexpr SettingId kYsgolCwm{10};     // a maintained primary in Neath Port Talbot
constexpr SettingId kYsgolBaglan{11};  // another maintained primary there
constexpr SettingId kYsgolAfan{12};    // a maintained secondary with a sixth form
constexpr UserId kAlnco{21};           // the ALNCo at Ysgol Cwm
constexpr UserId kOfficer{22};         // an LA inclusion officer
constexpr UserId kClerk{23};           // the LA's ALN administrator
constexpr UserId kOtherAlnco{24};      // the ALNCo at Ysgol Baglan

constexpr const char* kBroughtOn = "2025-09-15";  // a Monday
constexpr const char* kDecidedOn = "2025-10-20";
constexpr const char* kNoticeSentOn = "2025-10-21";
constexpr const char* kAppealBy = "2025-12-16";  // the first working day on or after X + 56
constexpr const char* kToday = "2026-06-30";

std::vector<Setting> Settings() {
  auto setting = [](SettingId id, const char* name, SettingType type) {
    Setting s;
    s.id = id;
    s.local_authority = kNeathPortTalbot;
    s.name = name;
    s.type = type;
    return s;
  };
  return {setting(kYsgolCwm, "Ysgol Gynradd Cwm", SettingType::kPrimary),
          setting(kYsgolBaglan, "Ysgol Gynradd Baglan", SettingType::kPrimary),
          setting(kYsgolAfan, "Ysgol Afan", SettingType::kSecondary)};
}

// A Year 4 pupil at Ysgol Cwm in 2025/26.
Learner Pupil() {
  Learner learner;
  learner.id = LearnerId{100};
  learner.local_authority = kNeathPortTalbot;
  learner.legal_first_name = "Eira";
  learner.legal_last_name = "Morgan";
  learner.date_of_birth = Iso("2017-03-10");
  learner.registrations = {{kYsgolCwm, Iso("2021-09-01"), std::nullopt}};
  return learner;
}

// The same pupil, looked after by Swansea.
Learner LookedAfterPupil() {
  Learner learner = Pupil();
  learner.looked_after = true;
  learner.looked_after_by = kSwansea;
  return learner;
}

// A sixth former past compulsory school age (which ended on 28 June 2024).
Learner YoungPerson() {
  Learner learner = Pupil();
  learner.id = LearnerId{101};
  learner.date_of_birth = Iso("2008-05-01");
  learner.registrations = {{kYsgolAfan, Iso("2019-09-01"), std::nullopt}};
  return learner;
}

Concern AboutReading() {
  Concern concern;
  concern.source = ConcernSource::kTeacher;
  concern.raised_by = "Mr Evans, class teacher";
  concern.brought_on = Iso(kBroughtOn);
  concern.description = "Reading age two years behind; the gap is not closing despite support";
  return concern;
}

Concern FromParentToLa() {
  Concern concern = AboutReading();
  concern.source = ConcernSource::kParent;
  concern.raised_by = "Mrs Morgan (mother)";
  concern.to_la = true;
  return concern;
}

Concern ConsentedOn(const char* on) {
  Concern concern = AboutReading();
  concern.consent = Answer::kYes;
  concern.consent_on = Iso(on);
  return concern;
}

StepContext By(UserId user, const char* today = kToday) {
  return {user, std::chrono::sys_days{Iso(today)} + std::chrono::hours{9}, Iso(today)};
}

::testing::AssertionResult Succeeded(const Result<void>& result) {
  if (result.has_value()) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure() << result.error().message;
  for (const auto& [field, message] : result.error().fields)
    failure << " " << field << "=" << message;
  return failure;
}

AlnCase Opened(const Learner& learner, const Concern& concern, UserId by = kClerk) {
  auto opened =
      OpenCase(learner, concern, WhoDecides(learner, Settings(), concern.brought_on), By(by));
  EXPECT_TRUE(opened.has_value()) << opened.error().message;
  return opened.has_value() ? *opened : AlnCase{};
}

TwoStepTest FindsAln() {
  TwoStepTest test;
  test.greater_difficulty = Answer::kYes;
  test.greater_difficulty_evidence = "NGRT reading age 6y2m at 8y6m";
  test.disability = Answer::kNo;
  test.evidence = {EvidenceKind::kStandardisedAssessment, EvidenceKind::kParentsViews};
  test.language_only = Answer::kNo;
  test.calls_for_alp = Answer::kYes;
  test.alp = "Daily structured phonics, 1:1, 20 minutes";
  test.areas = {AreaOfNeed::kCognitionLearning};
  test.types = {"dyslexia"};
  return test;
}

TwoStepTest FindsNoAln() {
  TwoStepTest test;
  test.greater_difficulty = Answer::kNo;
  test.disability = Answer::kNo;
  test.evidence = {EvidenceKind::kTeacherAssessment};
  return test;
}

MaintainerAssessment TaHours(int hours) {
  MaintainerAssessment assessment;
  assessment.ta_hours_per_week = hours;
  return assessment;
}

AlnDecision Decision(const Responsibility& body, const char* on, TwoStepTest test,
                     MaintainerAssessment assessment = TaHours(10)) {
  AlnDecision decision;
  decision.body = body;
  decision.decided_on = Iso(on);
  decision.test = std::move(test);
  decision.assessment = assessment;
  return decision;
}

DecisionNotice Notice(const char* sent_on, std::optional<const char*> appeal_by = kAppealBy) {
  DecisionNotice notice;
  notice.method = NoticeMethod::kEmail;
  notice.sent_on = Iso(sent_on);
  notice.given_on = notice.sent_on;
  if (appeal_by) notice.appeal_by = Iso(*appeal_by);
  return notice;
}

Referral ReferralOn(const char* need_apparent_on, const char* referred_on,
                    const char* evidence = "Needs 30 hours of TA support a week") {
  return {ReferralGround::kA, evidence, Iso(need_apparent_on), Iso(referred_on)};
}

DutyException Exception(DutyExceptionKind kind, const char* reasons = "An IDP is maintained",
                        std::optional<Date> previous_decision_on = std::nullopt) {
  return {kind, reasons, Iso("2025-09-22"), previous_decision_on};
}

TribunalOrder Order(const char* made_on, const char* comply_by,
                    const char* description = "Amend section 2B of the IDP") {
  return {description, Iso(made_on), Iso(comply_by), std::nullopt, std::nullopt};
}

// Cases at each stage, by the usual route.
AlnCase SchoolCase() { return Opened(Pupil(), AboutReading()); }
AlnCase DirectApproach() { return Opened(Pupil(), FromParentToLa()); }
AlnCase LookedAfterCase() { return Opened(LookedAfterPupil(), AboutReading()); }

AlnCase Referred() {
  AlnCase c = SchoolCase();
  EXPECT_TRUE(Succeeded(Refer(c, ReferralOn("2025-10-01", "2025-10-10"), By(kAlnco))));
  return c;
}

AlnCase TakenOn() {
  AlnCase c = DirectApproach();
  EXPECT_TRUE(Succeeded(TakeOn(c, Iso("2025-09-22"), By(kOfficer))));
  return c;
}

AlnCase Decided(AlnCase c, TwoStepTest test, MaintainerAssessment assessment = TaHours(10)) {
  EXPECT_TRUE(Succeeded(RecordDecision(
      c, Decision(c.responsibility, kDecidedOn, std::move(test), assessment), 25, By(kOfficer))));
  return c;
}

AlnCase Notified(AlnCase c) {
  EXPECT_TRUE(Succeeded(RecordNotice(c, Notice(kNoticeSentOn), By(kOfficer))));
  return c;
}

AlnCase NotifiedBySchool(TwoStepTest test = FindsNoAln()) {
  return Notified(Decided(SchoolCase(), std::move(test)));
}
AlnCase NotifiedByLa() { return Notified(Decided(LookedAfterCase(), FindsAln())); }

ReconsiderationRequest Request(
    const char* on = "2025-11-03", const char* requested_by = "Mrs Morgan (mother)",
    const char* grounds = "The school has not considered the EP report") {
  return {Iso(on), requested_by, grounds};
}

AlnCase Reconsidering() {
  AlnCase c = NotifiedBySchool();
  EXPECT_TRUE(Succeeded(RequestReconsideration(c, Request(), By(kClerk))));
  return c;
}

AlnCase InAppeal() {
  AlnCase c = NotifiedByLa();
  EXPECT_TRUE(Succeeded(LodgeAppeal(c, Iso("2025-12-01"), By(kClerk))));
  return c;
}

AlnCase AppealDecided(AppealOutcome outcome) {
  AlnCase c = InAppeal();
  EXPECT_TRUE(
      Succeeded(RecordAppealOutcome(c, outcome, Iso("2026-03-02"), Iso("2026-03-09"), By(kClerk))));
  return c;
}

AlnCase WithTwoOrders() {
  AlnCase c = AppealDecided(AppealOutcome::kUpheld);
  EXPECT_TRUE(Succeeded(AddOrder(c, Order("2026-03-09", "2026-04-20"), By(kClerk))));
  EXPECT_TRUE(
      Succeeded(AddOrder(c, Order("2026-03-09", "2026-05-04", "Name Ysgol Afan"), By(kClerk))));
  return c;
}

Kinds TimelineOf(const AlnCase& c) {
  Kinds kinds;
  for (const CaseEvent& event : c.timeline) kinds.emplace_back(Code(event.kind));
  return kinds;
}

// What a caseworker is told when a step is refused.
struct Refusal {
  ErrorCode code;
  std::string message;
  Fields fields;
};
Refusal Conflict(const char* message) { return {ErrorCode::kConflict, message, {}}; }
Refusal Invalid(Fields fields) {
  return {ErrorCode::kInvalidArgument, "case_error_title", std::move(fields)};
}

struct RefusedStep {
  const char* name;
  std::function<AlnCase()> given;
  std::function<Result<void>(AlnCase&)> step;
  Refusal refusal;
};

// Each step is refused with its message and fields, and leaves the case as it was.
void ExpectRefused(const std::vector<RefusedStep>& rows) {
  for (const RefusedStep& row : rows) {
    SCOPED_TRACE(row.name);
    AlnCase c = row.given();
    const CaseStage stage_before = c.stage;
    const std::size_t events_before = c.timeline.size();
    const Result<void> result = row.step(c);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, row.refusal.code);
    EXPECT_EQ(result.error().message, row.refusal.message);
    EXPECT_EQ(result.error().fields, row.refusal.fields);
    EXPECT_EQ(Code(c.stage), Code(stage_before));
    EXPECT_EQ(c.timeline.size(), events_before);
  }
}

TEST(OpenCaseTest, TheCaseStartsWithWhoeverMustActOnTheDayTheConcernWasBrought) {
  struct Case {
    const char* name;
    Learner learner;
    Concern concern;
    CaseStage stage;
    DecidingBody body;
    LocalAuthorityId local_authority;
    ResponsibilityReason reason;
    Kinds timeline;
  };
  Concern looked_after_to_la = AboutReading();
  looked_after_to_la.to_la = true;
  Concern young_person_to_la = ConsentedOn("2025-09-16");
  young_person_to_la.to_la = true;
  Concern refused = AboutReading();
  refused.consent = Answer::kNo;
  const std::vector<Case> cases = {
      {"a school pupil, raised with the school",
       Pupil(),
       AboutReading(),
       CaseStage::kAwaitingDecision,
       DecidingBody::kSchool,
       kNeathPortTalbot,
       ResponsibilityReason::kMaintainedSchool,
       {"concern_raised"}},
      {"a school pupil, brought to the LA directly",
       Pupil(),
       FromParentToLa(),
       CaseStage::kAwaitingTriage,
       DecidingBody::kSchool,
       kNeathPortTalbot,
       ResponsibilityReason::kMaintainedSchool,
       {"concern_raised"}},
      {"a looked-after child, brought to the LA",
       LookedAfterPupil(),
       looked_after_to_la,
       CaseStage::kAwaitingDecision,
       DecidingBody::kLocalAuthority,
       kSwansea,
       ResponsibilityReason::kLookedAfter,
       {"concern_raised"}},
      {"a looked-after child, raised with the school",
       LookedAfterPupil(),
       AboutReading(),
       CaseStage::kAwaitingDecision,
       DecidingBody::kLocalAuthority,
       kSwansea,
       ResponsibilityReason::kLookedAfter,
       {"concern_raised"}},
      {"a consenting young person, brought to the LA",
       YoungPerson(),
       young_person_to_la,
       CaseStage::kAwaitingTriage,
       DecidingBody::kSchool,
       kNeathPortTalbot,
       ResponsibilityReason::kMaintainedSchool,
       {"concern_raised"}},
      {"a young person who does not consent",
       YoungPerson(),
       refused,
       CaseStage::kClosed,
       DecidingBody::kSchool,
       kNeathPortTalbot,
       ResponsibilityReason::kMaintainedSchool,
       {"concern_raised", "exception_recorded"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto opened = OpenCase(c.learner, c.concern,
                           WhoDecides(c.learner, Settings(), c.concern.brought_on), By(kClerk));
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    EXPECT_EQ(Code(opened->stage), Code(c.stage));
    EXPECT_EQ(Code(opened->responsibility.body), Code(c.body));
    EXPECT_EQ(opened->responsibility.local_authority, c.local_authority);
    EXPECT_EQ(Code(opened->responsibility.reason), Code(c.reason));
    EXPECT_EQ(opened->learner, c.learner.id);
    EXPECT_EQ(opened->local_authority, kNeathPortTalbot);
    EXPECT_EQ(TimelineOf(*opened), c.timeline);
    for (const CaseEvent& event : opened->timeline) {
      EXPECT_EQ(FormatIsoDate(event.on), kBroughtOn);
      EXPECT_EQ(event.by, kClerk);
      EXPECT_EQ(event.at, By(kClerk).at);
    }
  }
}

TEST(OpenCaseTest, ASchoolPupilsCaseIsTheSchoolsToDecide) {
  AlnCase c = SchoolCase();
  EXPECT_EQ(c.responsibility.setting, std::optional<SettingId>(kYsgolCwm));
  EXPECT_EQ(c.concern.raised_by, "Mr Evans, class teacher");
  EXPECT_TRUE(c.decisions.empty());
  EXPECT_FALSE(c.exception.has_value());
}

TEST(OpenCaseTest, RefusesAConcernThatCannotBeRight) {
  struct Case {
    const char* name;
    Learner learner;
    Concern concern;
    const char* today;
    Fields fields;
  };
  auto concern = [](auto change) {
    Concern c = AboutReading();
    change(c);
    return c;
  };
  const std::vector<Case> cases = {
      {"brought tomorrow",
       Pupil(),
       AboutReading(),
       "2025-09-14",
       {{"brought_on", "case_error_date_future"}}},
      {"brought before the learner was born",
       Pupil(),
       concern([](Concern& c) { c.brought_on = Iso("2017-03-09"); }),
       kToday,
       {{"brought_on", "concern_error_before_birth"}, {"date", "2017-03-10"}}},
      {"no one named as raising it",
       Pupil(),
       concern([](Concern& c) { c.raised_by = "  "; }),
       kToday,
       {{"raised_by", "concern_error_raised_by"}}},
      {"nothing said about the concern",
       Pupil(),
       concern([](Concern& c) { c.description.clear(); }),
       kToday,
       {{"description", "concern_error_description"}}},
      {"neither who nor what",
       Pupil(),
       concern([](Concern& c) {
         c.raised_by.clear();
         c.description = "\n";
       }),
       kToday,
       {{"raised_by", "concern_error_raised_by"}, {"description", "concern_error_description"}}},
      {"a young person's consent not asked",
       YoungPerson(),
       AboutReading(),
       kToday,
       {{"consent", "concern_error_consent_missing"}}},
      {"a young person consents, with no date",
       YoungPerson(),
       concern([](Concern& c) { c.consent = Answer::kYes; }),
       kToday,
       {{"consent_on", "concern_error_consent_date"}}},
      {"consent dated before the concern",
       YoungPerson(),
       ConsentedOn("2025-09-12"),
       kToday,
       {{"consent_on", "case_error_before_concern"}, {"date", kBroughtOn}}},
      {"consent dated in the future",
       YoungPerson(),
       ConsentedOn("2025-09-20"),
       "2025-09-16",
       {{"consent_on", "case_error_date_future"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto opened =
        OpenCase(c.learner, c.concern, WhoDecides(c.learner, Settings(), c.concern.brought_on),
                 By(kClerk, c.today));
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(opened.error().message, "concern_error_title");
    EXPECT_EQ(opened.error().fields, c.fields);
  }
}

TEST(OpenCaseTest, AChildIsNotAskedForConsent) {
  Concern concern = AboutReading();
  concern.consent = Answer::kNo;
  AlnCase c = Opened(Pupil(), concern);
  EXPECT_EQ(Code(c.stage), "awaiting_decision");
  EXPECT_FALSE(c.exception.has_value());
  EXPECT_EQ(c.concern.consent, Answer::kUnanswered);
}

// Act s.11(3): there is no duty to decide for a young person who does not consent.
TEST(OpenCaseTest, AYoungPersonWhoDoesNotConsentClosesTheCaseAtOnce) {
  Concern concern = AboutReading();
  concern.consent = Answer::kNo;
  AlnCase c = Opened(YoungPerson(), concern, kOfficer);
  EXPECT_EQ(Code(c.stage), "closed");
  ASSERT_TRUE(c.exception.has_value());
  EXPECT_EQ(Code(c.exception->kind), "no_consent");
  EXPECT_EQ(FormatIsoDate(c.exception->on), kBroughtOn);
  EXPECT_EQ(TimelineOf(c), (Kinds{"concern_raised", "exception_recorded"}));
  EXPECT_EQ(c.timeline.back().by, kOfficer);
  ExpectRefused({
      {"and nobody can then decide", [&c] { return c; },
       [](AlnCase& k) {
         return RecordDecision(k, Decision(k.responsibility, kDecidedOn, FindsNoAln()), 25,
                               By(kAlnco));
       },
       Conflict("case_error_closed")},
  });
}

// Code 12.12: the school's period runs from the concern, or, for a young person, their consent;
// a case the LA sends back runs from the day it was sent back.
TEST(DutyStartsOnTest, TheDayTheDecidingBodysPeriodStarts) {
  struct Case {
    const char* name;
    std::function<AlnCase()> given;
    const char* starts_on;
  };
  const std::vector<Case> cases = {
      {"a child: the day the concern was brought", SchoolCase, kBroughtOn},
      {"a child: a consent date given by mistake is ignored",
       [] { return Opened(Pupil(), ConsentedOn("2025-09-22")); }, kBroughtOn},
      {"a young person: the day they consented",
       [] { return Opened(YoungPerson(), ConsentedOn("2025-09-22")); }, "2025-09-22"},
      {"a direct approach at triage: the day it was brought", DirectApproach, kBroughtOn},
      {"taken on by the LA: the day it was brought", TakenOn, kBroughtOn},
      {"sent back to the school: the day it was sent back",
       [] {
         AlnCase c = DirectApproach();
         EXPECT_TRUE(
             Succeeded(SendBack(c, "The school is best placed", Iso("2025-09-29"), By(kOfficer))));
         return c;
       },
       "2025-09-29"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FormatIsoDate(c.given().DutyStartsOn()), c.starts_on);
  }
}

TEST(TriageTest, TakingOnAndSendingBackAreOnlyForADirectApproachAwaitingTriage) {
  auto take_on = [](AlnCase& c) { return TakeOn(c, Iso("2025-09-22"), By(kOfficer)); };
  auto send_back = [](AlnCase& c) {
    return SendBack(c, "The school is best placed", Iso("2025-09-22"), By(kOfficer));
  };
  ExpectRefused({
      {"take on a case raised with the school", SchoolCase, take_on,
       Conflict("case_error_not_triage")},
      {"send back a case raised with the school", SchoolCase, send_back,
       Conflict("case_error_not_triage")},
      {"take on a looked-after child's case", LookedAfterCase, take_on,
       Conflict("case_error_not_triage")},
      {"send back a looked-after child's case", LookedAfterCase, send_back,
       Conflict("case_error_not_triage")},
      {"take on a case already taken on", TakenOn, take_on, Conflict("case_error_not_triage")},
      {"send back a case already taken on", TakenOn, send_back, Conflict("case_error_not_triage")},
      {"send back with no reasons", DirectApproach,
       [](AlnCase& c) { return SendBack(c, " ", Iso("2025-09-22"), By(kOfficer)); },
       Invalid({{"reasons", "case_error_reasons_missing"}})},
      {"take on before the concern was brought", DirectApproach,
       [](AlnCase& c) { return TakeOn(c, Iso("2025-09-12"), By(kOfficer)); },
       Invalid({{"on", "case_error_before_concern"}, {"date", kBroughtOn}})},
      {"send back tomorrow", DirectApproach,
       [](AlnCase& c) {
         return SendBack(c, "Best placed", Iso("2025-09-23"), By(kOfficer, "2025-09-22"));
       },
       Invalid({{"on", "case_error_date_future"}})},
      {"decide before triage", DirectApproach,
       [](AlnCase& c) {
         return RecordDecision(c, Decision(c.responsibility, kDecidedOn, FindsNoAln()), 25,
                               By(kAlnco));
       },
       Conflict("case_error_triage_first")},
  });
}

TEST(TriageTest, TakingOnMakesTheLaDecide) {
  AlnCase c = DirectApproach();
  ASSERT_TRUE(Succeeded(TakeOn(c, Iso("2025-09-22"), By(kOfficer))));
  EXPECT_EQ(Code(c.stage), "awaiting_decision");
  EXPECT_EQ(Code(c.responsibility.body), "la");
  EXPECT_EQ(c.responsibility.local_authority, kNeathPortTalbot);
  EXPECT_FALSE(c.responsibility.setting.has_value());
  EXPECT_EQ(Code(c.responsibility.reason), "taken_on_by_la");
  EXPECT_EQ(TimelineOf(c), (Kinds{"concern_raised", "taken_on"}));
  EXPECT_EQ(FormatIsoDate(c.timeline.back().on), "2025-09-22");
  EXPECT_EQ(c.timeline.back().by, kOfficer);
}

// REFERENCE section 2: the LA may decide the school is best placed; the duty stays with it.
TEST(TriageTest, SendingBackLeavesTheDutyWithTheSchoolFromThatDay) {
  AlnCase c = DirectApproach();
  ASSERT_TRUE(Succeeded(
      SendBack(c, "  Universal provision not yet tried  ", Iso("2025-09-29"), By(kOfficer))));
  EXPECT_EQ(Code(c.stage), "awaiting_decision");
  EXPECT_EQ(Code(c.responsibility.body), "school");
  EXPECT_EQ(c.responsibility.setting, std::optional<SettingId>(kYsgolCwm));
  EXPECT_EQ(Code(c.responsibility.reason), "sent_back_to_school");
  EXPECT_EQ(c.sent_back_reasons, "Universal provision not yet tried");
  EXPECT_EQ(FormatIsoDate(c.DutyStartsOn()), "2025-09-29");
  EXPECT_EQ(TimelineOf(c), (Kinds{"concern_raised", "sent_back"}));
  EXPECT_EQ(FormatIsoDate(c.timeline.back().on), "2025-09-29");
  EXPECT_EQ(c.timeline.back().by, kOfficer);
}

// Code 12.39: only a school refers, with its evidence, on or after the need became apparent.
TEST(ReferTest, RefusesAReferralThatCannotBeRight) {
  auto refer = [](Referral referral, const char* today = kToday) {
    return [referral, today](AlnCase& c) { return Refer(c, referral, By(kAlnco, today)); };
  };
  ExpectRefused({
      {"the LA's own case", LookedAfterCase, refer(ReferralOn("2025-10-01", "2025-10-10")),
       Conflict("case_error_refer_not_school")},
      {"a case already referred", Referred, refer(ReferralOn("2025-10-01", "2025-10-10")),
       Conflict("case_error_refer_not_school")},
      {"a case taken on by the LA", TakenOn, refer(ReferralOn("2025-10-01", "2025-10-10")),
       Conflict("case_error_refer_not_school")},
      {"a direct approach still at triage", DirectApproach,
       refer(ReferralOn("2025-10-01", "2025-10-10")), Conflict("case_error_triage_first")},
      {"no evidence", SchoolCase, refer(ReferralOn("2025-10-01", "2025-10-10", "   ")),
       Invalid({{"evidence", "referral_error_evidence"}})},
      {"the need became apparent after the referral", SchoolCase,
       refer(ReferralOn("2025-10-13", "2025-10-10")),
       Invalid({{"need_apparent_on", "referral_error_apparent_after_referral"}})},
      {"referred before the concern was brought", SchoolCase,
       refer(ReferralOn("2025-09-01", "2025-09-12")),
       Invalid({{"referred_on", "case_error_before_concern"}, {"date", kBroughtOn}})},
      {"referred tomorrow", SchoolCase, refer(ReferralOn("2025-10-01", "2025-10-11"), "2025-10-10"),
       Invalid({{"referred_on", "case_error_date_future"}})},
      {"a need apparent tomorrow", SchoolCase,
       refer(ReferralOn("2025-10-11", "2025-10-10"), "2025-10-10"),
       Invalid({{"need_apparent_on", "case_error_date_future"}})},
      {"after the school has decided", [] { return Decided(SchoolCase(), FindsNoAln()); },
       refer(ReferralOn("2025-10-01", "2025-10-21")), Conflict("case_error_notice_due")},
  });
}

TEST(ReferTest, AfterAReferralTheLaDecides) {
  AlnCase c = SchoolCase();
  ASSERT_TRUE(Succeeded(
      Refer(c, {ReferralGround::kB, " EP report attached ", Iso("2025-10-01"), Iso("2025-10-10")},
            By(kAlnco))));
  EXPECT_EQ(Code(c.stage), "awaiting_decision");
  EXPECT_EQ(Code(c.responsibility.body), "la");
  EXPECT_EQ(c.responsibility.local_authority, kNeathPortTalbot);
  EXPECT_EQ(Code(c.responsibility.reason), "referred_by_school");
  ASSERT_TRUE(c.referral.has_value());
  EXPECT_EQ(Code(c.referral->ground), "b");
  EXPECT_EQ(c.referral->evidence, "EP report attached");
  EXPECT_EQ(TimelineOf(c), (Kinds{"concern_raised", "referred"}));
  EXPECT_EQ(FormatIsoDate(c.timeline.back().on), "2025-10-10");
  EXPECT_EQ(c.timeline.back().by, kAlnco);
  ExpectRefused({
      {"the school can no longer decide",
       [&c] { return c; },
       [](AlnCase& k) {
         Responsibility school{DecidingBody::kSchool, kNeathPortTalbot, kYsgolCwm,
                               ResponsibilityReason::kMaintainedSchool};
         return RecordDecision(k, Decision(school, kDecidedOn, FindsNoAln()), 25, By(kAlnco));
       },
       {ErrorCode::kForbidden, "case_error_not_responsible", {}}},
  });
}

// Act s.11(3): the exceptions to the duty to decide.
TEST(RecordExceptionTest, RefusesAnExceptionWithoutItsGrounds) {
  auto record = [](Learner learner, DutyException exception) {
    return [learner, exception](AlnCase& c) {
      return RecordException(c, learner, exception, By(kAlnco));
    };
  };
  ExpectRefused({
      {"no reasons", SchoolCase, record(Pupil(), Exception(DutyExceptionKind::kIdpMaintained, " ")),
       Invalid({{"reasons", "case_error_reasons_missing"}})},
      {"no material change, with no earlier decision", SchoolCase,
       record(Pupil(), Exception(DutyExceptionKind::kNoMaterialChange, "Nothing new")),
       Invalid({{"previous_decision_on", "exception_error_previous_missing"}})},
      {"no material change, the earlier decision made after the concern", SchoolCase,
       record(Pupil(),
              Exception(DutyExceptionKind::kNoMaterialChange, "Nothing new", Iso("2025-09-16"))),
       Invalid({{"previous_decision_on", "exception_error_previous_after"}})},
      {"no material change, the earlier decision made the day of the concern", SchoolCase,
       record(Pupil(),
              Exception(DutyExceptionKind::kNoMaterialChange, "Nothing new", Iso(kBroughtOn))),
       Invalid({{"previous_decision_on", "exception_error_previous_after"}})},
      {"no consent, for a child", SchoolCase,
       record(Pupil(), Exception(DutyExceptionKind::kNoConsent, "Declined")),
       Invalid({{"kind", "exception_error_not_young_person"}})},
      {"after a decision", [] { return Decided(SchoolCase(), FindsNoAln()); },
       record(Pupil(), Exception(DutyExceptionKind::kIdpMaintained)),
       Conflict("case_error_already_decided")},
      {"on a closed case",
       [] {
         AlnCase c = SchoolCase();
         EXPECT_TRUE(Succeeded(RecordException(
             c, Pupil(), Exception(DutyExceptionKind::kIdpMaintained), By(kAlnco))));
         return c;
       },
       record(Pupil(), Exception(DutyExceptionKind::kIdpMaintained)),
       Conflict("case_error_closed")},
  });
}

TEST(RecordExceptionTest, AnExceptionClosesTheCase) {
  struct Case {
    const char* name;
    std::function<AlnCase()> given;
    Learner learner;
    DutyException exception;
  };
  const std::vector<Case> cases = {
      {"an IDP is already maintained", SchoolCase, Pupil(),
       Exception(DutyExceptionKind::kIdpMaintained, "IDP maintained by Ysgol Cwm since 2023")},
      {"no material change since the last decision", SchoolCase, Pupil(),
       Exception(DutyExceptionKind::kNoMaterialChange, "No new information", Iso("2025-03-03"))},
      {"at triage", DirectApproach, Pupil(),
       Exception(DutyExceptionKind::kIdpMaintained, "IDP maintained")},
      {"a young person withdraws consent",
       [] { return Opened(YoungPerson(), ConsentedOn("2025-09-16")); }, YoungPerson(),
       Exception(DutyExceptionKind::kNoConsent, "Consent withdrawn in writing")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AlnCase k = c.given();
    ASSERT_TRUE(Succeeded(RecordException(k, c.learner, c.exception, By(kAlnco))));
    EXPECT_EQ(Code(k.stage), "closed");
    ASSERT_TRUE(k.exception.has_value());
    EXPECT_EQ(Code(k.exception->kind), Code(c.exception.kind));
    EXPECT_EQ(TimelineOf(k), (Kinds{"concern_raised", "exception_recorded"}));
    EXPECT_EQ(FormatIsoDate(k.timeline.back().on), "2025-09-22");
    EXPECT_EQ(k.timeline.back().by, kAlnco);
    ExpectRefused({
        {"and nobody can then decide", [&k] { return k; },
         [](AlnCase& closed) {
           return RecordDecision(closed, Decision(closed.responsibility, kDecidedOn, FindsAln()),
                                 25, By(kAlnco));
         },
         Conflict("case_error_closed")},
        {"or refer", [&k] { return k; },
         [](AlnCase& closed) {
           return Refer(closed, ReferralOn("2025-10-01", "2025-10-10"), By(kAlnco));
         },
         Conflict("case_error_closed")},
    });
  }
}

TEST(RecordDecisionTest, OnlyTheBodyNowResponsibleMayDecide) {
  const Responsibility school{DecidingBody::kSchool, kNeathPortTalbot, kYsgolCwm,
                              ResponsibilityReason::kMaintainedSchool};
  const Responsibility other_school{DecidingBody::kSchool, kNeathPortTalbot, kYsgolBaglan,
                                    ResponsibilityReason::kMaintainedSchool};
  const Responsibility home_la{DecidingBody::kLocalAuthority, kNeathPortTalbot, std::nullopt,
                               ResponsibilityReason::kLookedAfter};
  const Responsibility swansea{DecidingBody::kLocalAuthority, kSwansea, std::nullopt,
                               ResponsibilityReason::kLookedAfter};
  auto decide_as = [](Responsibility body, UserId by) {
    return [body, by](AlnCase& c) {
      return RecordDecision(c, Decision(body, kDecidedOn, FindsNoAln()), 25, By(by));
    };
  };
  const Refusal forbidden{ErrorCode::kForbidden, "case_error_not_responsible", {}};
  ExpectRefused({
      {"the LA on a school's case", SchoolCase, decide_as(home_la, kOfficer), forbidden},
      {"another school on a school's case", SchoolCase, decide_as(other_school, kOtherAlnco),
       forbidden},
      {"the school on a looked-after child's case", LookedAfterCase, decide_as(school, kAlnco),
       forbidden},
      {"the learner's own LA when another LA looks after them", LookedAfterCase,
       decide_as(home_la, kOfficer), forbidden},
      {"the school on a case sent back to it, as another school",
       [] {
         AlnCase c = DirectApproach();
         EXPECT_TRUE(Succeeded(SendBack(c, "Best placed", Iso("2025-09-22"), By(kOfficer))));
         return c;
       },
       decide_as(other_school, kOtherAlnco), forbidden},
      {"the school on a case the LA took on", TakenOn, decide_as(school, kAlnco), forbidden},
      {"Swansea on Neath Port Talbot's referral", Referred, decide_as(swansea, kOfficer),
       forbidden},
  });
}

// REFERENCE section 2: a school that finds ALN it cannot reasonably provide for refers (Code
// 12.39 ground (a)); the LA maintains the IDP when it decides by circumstance, or when a principle
// is met; otherwise the LA may direct the school to maintain it.
TEST(RecordDecisionTest, WhoMaintainsTheIdpFollowsTheBodyAndThePrinciples) {
  struct Case {
    const char* name;
    std::function<AlnCase()> given;
    TwoStepTest test;
    MaintainerAssessment assessment;
    int threshold;
    std::optional<Maintainer> maintainer;
    std::vector<std::string> maintainer_reasons;
  };
  MaintainerAssessment low_incidence;
  low_incidence.low_incidence = true;
  const std::vector<Case> cases = {
      {"a school finds ALN it can provide for: 10 TA hours",
       SchoolCase,
       FindsAln(),
       TaHours(10),
       25,
       Maintainer::kSchool,
       {}},
      {"a school finds ALN with 30 TA hours where the LA's threshold is 35",
       SchoolCase,
       FindsAln(),
       TaHours(30),
       35,
       Maintainer::kSchool,
       {}},
      {"a school finds no ALN: nobody maintains an IDP",
       SchoolCase,
       FindsNoAln(),
       TaHours(30),
       25,
       std::nullopt,
       {}},
      {"the LA for a looked-after child, 10 TA hours",
       LookedAfterCase,
       FindsAln(),
       TaHours(10),
       25,
       Maintainer::kLocalAuthority,
       {"principle_la_responsible"}},
      {"the LA for a looked-after child, 30 TA hours",
       LookedAfterCase,
       FindsAln(),
       TaHours(30),
       25,
       Maintainer::kLocalAuthority,
       {"principle_la_responsible"}},
      {"the LA finds no ALN for a looked-after child",
       LookedAfterCase,
       FindsNoAln(),
       TaHours(10),
       25,
       std::nullopt,
       {}},
      {"the LA after a referral, no principle met: it may direct the school",
       Referred,
       FindsAln(),
       TaHours(10),
       25,
       Maintainer::kSchool,
       {}},
      {"the LA after a referral, 30 TA hours",
       Referred,
       FindsAln(),
       TaHours(30),
       25,
       Maintainer::kLocalAuthority,
       {"principle_ta_hours"}},
      {"the LA after a referral, a low-incidence need",
       Referred,
       FindsAln(),
       low_incidence,
       25,
       Maintainer::kLocalAuthority,
       {"principle_low_incidence"}},
      {"the LA after taking on a direct approach, no principle met",
       TakenOn,
       FindsAln(),
       TaHours(10),
       25,
       Maintainer::kSchool,
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AlnCase k = c.given();
    const Responsibility body = k.responsibility;
    ASSERT_TRUE(Succeeded(RecordDecision(k, Decision(body, kDecidedOn, c.test, c.assessment),
                                         c.threshold, By(kOfficer))));
    EXPECT_EQ(Code(k.stage), "awaiting_notice");
    ASSERT_EQ(k.decisions.size(), 1u);
    const AlnDecision& decision = *k.LastDecision();
    EXPECT_EQ(Code(decision.kind), "initial");
    EXPECT_EQ(Code(decision.body.body), Code(body.body));
    EXPECT_EQ(decision.has_aln, c.test.calls_for_alp == Answer::kYes);
    EXPECT_EQ(decision.reasons, Evaluate(c.test)->reasons);
    EXPECT_EQ(decision.maintainer, c.maintainer);
    EXPECT_EQ(decision.maintainer_reasons, c.maintainer_reasons);
    EXPECT_EQ(decision.by, kOfficer);
    EXPECT_EQ(TimelineOf(k).back(), "decided");
    EXPECT_EQ(FormatIsoDate(k.timeline.back().on), kDecidedOn);
  }
}

TEST(RecordDecisionTest, RefusesADecisionThatCannotStand) {
  auto decide = [](TwoStepTest test, MaintainerAssessment assessment, int threshold,
                   const char* on = kDecidedOn) {
    return [test, assessment, threshold, on](AlnCase& c) {
      return RecordDecision(c, Decision(c.responsibility, on, test, assessment), threshold,
                            By(kAlnco));
    };
  };
  MaintainerAssessment placement;
  placement.specialist_placement = true;
  TwoStepTest unfinished = FindsAln();
  unfinished.calls_for_alp = Answer::kUnanswered;
  ExpectRefused({
      {"a school finds ALN needing 30 TA hours: it must refer",
       SchoolCase,
       decide(FindsAln(), TaHours(30), 25),
       {ErrorCode::kInvalidArgument,
        "maintainer_error_refer",
        {{"assessment", "maintainer_error_refer"}}}},
      {"a school finds ALN needing a special school place: it must refer",
       SchoolCase,
       decide(FindsAln(), placement, 25),
       {ErrorCode::kInvalidArgument,
        "maintainer_error_refer",
        {{"assessment", "maintainer_error_refer"}}}},
      {"deciding twice", [] { return Decided(SchoolCase(), FindsNoAln()); },
       decide(FindsAln(), TaHours(10), 25), Conflict("case_error_already_decided")},
      {"deciding again after the notice", [] { return NotifiedBySchool(); },
       decide(FindsAln(), TaHours(10), 25), Conflict("case_error_already_decided")},
      {"deciding again during an appeal", InAppeal, decide(FindsAln(), TaHours(10), 25),
       Conflict("case_error_already_decided")},
      {"decided before the concern was brought", SchoolCase,
       decide(FindsNoAln(), TaHours(10), 25, "2025-09-12"),
       Invalid({{"decided_on", "case_error_before_concern"}, {"date", kBroughtOn}})},
      {"decided in the future", SchoolCase, decide(FindsNoAln(), TaHours(10), 25, "2026-07-01"),
       Invalid({{"decided_on", "case_error_date_future"}})},
      {"the two-step test unfinished", SchoolCase, decide(unfinished, TaHours(10), 25),
       Invalid({{"calls_for_alp", "test_error_alp_missing"}})},
  });
}

TEST(RecordNoticeTest, TheNoticeFollowsTheDecision) {
  struct Case {
    const char* name;
    std::function<AlnCase()> given;
    NoticeKind passed_kind;
    NoticeKind kind;
    std::optional<std::string> appeal_by;
  };
  const std::vector<Case> cases = {
      {"a school finds ALN: an IDP, and no tribunal appeal",
       [] { return Decided(SchoolCase(), FindsAln()); }, NoticeKind::kNoIdp, NoticeKind::kIdp,
       std::nullopt},
      {"a school finds no ALN: a no-IDP notice, and no tribunal appeal",
       [] { return Decided(SchoolCase(), FindsNoAln()); }, NoticeKind::kIdp, NoticeKind::kNoIdp,
       std::nullopt},
      {"the LA finds ALN: an IDP, with the appeal date",
       [] { return Decided(LookedAfterCase(), FindsAln()); }, NoticeKind::kNoIdp, NoticeKind::kIdp,
       kAppealBy},
      {"the LA finds no ALN: a no-IDP notice, with the appeal date",
       [] { return Decided(Referred(), FindsNoAln()); }, NoticeKind::kIdp, NoticeKind::kNoIdp,
       kAppealBy},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AlnCase k = c.given();
    DecisionNotice notice = Notice(kNoticeSentOn);
    notice.kind = c.passed_kind;
    notice.language = LetterLanguage::kWelsh;
    ASSERT_TRUE(Succeeded(RecordNotice(k, notice, By(kClerk))));
    EXPECT_EQ(Code(k.stage), "notice_given");
    ASSERT_NE(k.LastNotice(), nullptr);
    const DecisionNotice& given = *k.LastNotice();
    EXPECT_EQ(Code(given.kind), Code(c.kind));
    EXPECT_EQ(given.decision, 0);
    EXPECT_EQ(Code(given.language), "cy");
    EXPECT_EQ(given.appeal_by.has_value(), c.appeal_by.has_value());
    if (given.appeal_by && c.appeal_by) {
      EXPECT_EQ(FormatIsoDate(*given.appeal_by), *c.appeal_by);
    }
    EXPECT_EQ(TimelineOf(k).back(), "notice_given");
    EXPECT_EQ(FormatIsoDate(k.timeline.back().on), kNoticeSentOn);
    EXPECT_EQ(k.timeline.back().by, kClerk);
  }
}

TEST(RecordNoticeTest, APostedNoticeIsOnTheTimelineOnTheDayItIsGiven) {
  AlnCase c = Decided(SchoolCase(), FindsNoAln());
  DecisionNotice notice = Notice("2025-10-23");
  notice.method = NoticeMethod::kPost;
  notice.given_on =
      GivenOn(NoticeMethod::kPost, notice.sent_on, 2, [](Date d) { return !IsWeekend(d); });
  ASSERT_TRUE(Succeeded(RecordNotice(c, notice, By(kAlnco))));
  EXPECT_EQ(FormatIsoDate(c.LastNotice()->given_on), "2025-10-27");
  EXPECT_EQ(FormatIsoDate(c.LastNotice()->sent_on), "2025-10-23");
  EXPECT_EQ(FormatIsoDate(c.timeline.back().on), "2025-10-27");
}

TEST(RecordNoticeTest, RefusesANoticeOutOfTurn) {
  auto notify = [](const char* sent_on, const char* today = kToday) {
    return [sent_on, today](AlnCase& c) {
      return RecordNotice(c, Notice(sent_on), By(kClerk, today));
    };
  };
  ExpectRefused({
      {"before any decision", SchoolCase, notify(kNoticeSentOn),
       Conflict("case_error_notice_before_decision")},
      {"at triage", DirectApproach, notify(kNoticeSentOn),
       Conflict("case_error_notice_before_decision")},
      {"while the LA reconsiders", Reconsidering, notify("2025-11-04"),
       Conflict("case_error_notice_before_decision")},
      {"a second notice", [] { return NotifiedBySchool(); }, notify(kNoticeSentOn),
       Conflict("case_error_notice_already_given")},
      {"a second notice during an appeal", InAppeal, notify(kNoticeSentOn),
       Conflict("case_error_notice_already_given")},
      {"sent before the decision", [] { return Decided(SchoolCase(), FindsNoAln()); },
       notify("2025-10-17"),
       Invalid({{"sent_on", "notice_error_before_decision"}, {"date", kDecidedOn}})},
      {"sent tomorrow", [] { return Decided(SchoolCase(), FindsNoAln()); },
       notify("2025-10-22", "2025-10-21"), Invalid({{"sent_on", "case_error_date_future"}})},
  });
}

// REFERENCE section 3: a notice sent electronically is given that day; one posted, on the day it
// would normally arrive (2 working days).
TEST(GivenOnTest, EmailAndHandAreTheSameDayAndPostTakesTwoWorkingDays) {
  const auto weekdays = [](Date d) { return !IsWeekend(d); };
  // Monday 25 August 2025 is the summer bank holiday.
  const auto with_bank_holiday = [](Date d) { return !IsWeekend(d) && d != Iso("2025-08-25"); };
  struct Case {
    const char* name;
    NoticeMethod method;
    const char* sent_on;
    bool bank_holiday_monday;
    const char* given_on;
  };
  const std::vector<Case> cases = {
      {"email on a Thursday", NoticeMethod::kEmail, "2025-09-04", false, "2025-09-04"},
      {"email on a Saturday", NoticeMethod::kEmail, "2025-09-06", false, "2025-09-06"},
      {"by hand on a Friday", NoticeMethod::kHand, "2025-09-05", false, "2025-09-05"},
      {"posted on a Thursday: Monday", NoticeMethod::kPost, "2025-09-04", false, "2025-09-08"},
      {"posted on a Friday: Tuesday", NoticeMethod::kPost, "2025-09-05", false, "2025-09-09"},
      {"posted on a Saturday: Tuesday", NoticeMethod::kPost, "2025-09-06", false, "2025-09-09"},
      {"posted on a Monday: Wednesday", NoticeMethod::kPost, "2025-09-08", false, "2025-09-10"},
      {"posted on the Friday before a bank holiday: Wednesday", NoticeMethod::kPost, "2025-08-22",
       true, "2025-08-27"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Date given = c.bank_holiday_monday
                           ? GivenOn(c.method, Iso(c.sent_on), 2, with_bank_holiday)
                           : GivenOn(c.method, Iso(c.sent_on), 2, weekdays);
    EXPECT_EQ(FormatIsoDate(given), c.given_on);
  }
}

// Act s.26, s.27: the LA reconsiders a school's decision; its decision can be appealed.
TEST(ReconsiderationTest, RefusesARequestThatCannotBeMade) {
  auto request = [](ReconsiderationRequest r) {
    return [r](AlnCase& c) { return RequestReconsideration(c, r, By(kClerk)); };
  };
  ExpectRefused({
      {"against an LA decision", NotifiedByLa, request(Request()),
       Conflict("reconsideration_error_not_school")},
      {"against the LA's reconsidered decision",
       [] {
         AlnCase c = Reconsidering();
         EXPECT_TRUE(Succeeded(RecordDecision(
             c, Decision(c.responsibility, "2025-11-24", FindsAln()), 25, By(kOfficer))));
         EXPECT_TRUE(Succeeded(RecordNotice(c, Notice("2025-11-25"), By(kOfficer))));
         return c;
       },
       request(Request("2025-12-01")), Conflict("reconsideration_error_not_school")},
      {"before the school's notice", [] { return Decided(SchoolCase(), FindsNoAln()); },
       request(Request()), Conflict("case_error_notice_due")},
      {"nobody named as asking", [] { return NotifiedBySchool(); },
       request(Request("2025-11-03", " ")),
       Invalid({{"requested_by", "reconsideration_error_requested_by"}})},
      {"no grounds", [] { return NotifiedBySchool(); },
       request(Request("2025-11-03", "Mrs Morgan", "")),
       Invalid({{"grounds", "reconsideration_error_grounds"}})},
      {"asked before the notice was sent", [] { return NotifiedBySchool(); },
       request(Request("2025-10-20")),
       Invalid({{"requested_on", "reconsideration_error_before_notice"}, {"date", kNoticeSentOn}})},
  });
}

TEST(ReconsiderationTest, TheLaReconsidersAndItsDecisionCarriesTheRightOfAppeal) {
  AlnCase c = NotifiedBySchool(FindsNoAln());
  ASSERT_TRUE(Succeeded(RequestReconsideration(c, Request(), By(kClerk))));
  EXPECT_EQ(Code(c.stage), "reconsideration");
  EXPECT_EQ(Code(c.responsibility.body), "la");
  EXPECT_EQ(c.responsibility.local_authority, kNeathPortTalbot);
  ASSERT_TRUE(c.reconsideration.has_value());
  EXPECT_EQ(c.reconsideration->requested_by, "Mrs Morgan (mother)");
  EXPECT_EQ(TimelineOf(c).back(), "reconsideration_requested");
  EXPECT_EQ(FormatIsoDate(c.timeline.back().on), "2025-11-03");

  ExpectRefused({
      {"the school cannot decide again",
       [&c] { return c; },
       [](AlnCase& k) {
         Responsibility school{DecidingBody::kSchool, kNeathPortTalbot, kYsgolCwm,
                               ResponsibilityReason::kMaintainedSchool};
         return RecordDecision(k, Decision(school, "2025-11-24", FindsAln()), 25, By(kAlnco));
       },
       {ErrorCode::kForbidden, "case_error_not_responsible", {}}},
  });

  ASSERT_TRUE(Succeeded(
      RecordDecision(c, Decision(c.responsibility, "2025-11-24", FindsAln()), 25, By(kOfficer))));
  ASSERT_EQ(c.decisions.size(), 2u);
  EXPECT_EQ(Code(c.decisions[0].kind), "initial");
  EXPECT_FALSE(c.decisions[0].has_aln);
  EXPECT_EQ(Code(c.decisions[1].kind), "reconsideration");
  EXPECT_TRUE(c.decisions[1].has_aln);
  EXPECT_EQ(Code(c.decisions[1].body.body), "la");
  EXPECT_TRUE(Appealable(c.decisions[1]));
  EXPECT_FALSE(Appealable(c.decisions[0]));
  EXPECT_EQ(Code(c.stage), "awaiting_notice");

  ASSERT_TRUE(Succeeded(RecordNotice(c, Notice("2025-11-25", "2026-01-20"), By(kOfficer))));
  ASSERT_EQ(c.notices.size(), 2u);
  EXPECT_EQ(Code(c.notices[1].kind), "idp");
  EXPECT_EQ(c.notices[1].decision, 1);
  ASSERT_TRUE(c.notices[1].appeal_by.has_value());
  EXPECT_EQ(FormatIsoDate(*c.notices[1].appeal_by), "2026-01-20");
  EXPECT_FALSE(c.notices[0].appeal_by.has_value());
  EXPECT_TRUE(Succeeded(LodgeAppeal(c, Iso("2026-01-12"), By(kClerk))));
  EXPECT_EQ(Code(c.stage), "appeal");
}

TEST(ReconsiderationTest, TheReconsideredDecisionCannotPredateTheRequest) {
  AlnCase c = Reconsidering();
  auto result =
      RecordDecision(c, Decision(c.responsibility, "2025-10-31", FindsAln()), 25, By(kOfficer));
  ASSERT_FALSE(result.has_value());
  const Fields& fields = result.error().fields;
  EXPECT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields.count("decided_on"), 1u);
  ASSERT_EQ(fields.count("date"), 1u);
  EXPECT_EQ(fields.at("date"), "2025-11-03");
  EXPECT_EQ(Code(c.stage), "reconsideration");
}

// ETW Regs regs 10, 14: disagreement resolution started within the appeal period adds 8 weeks.
TEST(DisagreementTest, StartedInTimeTheAppealPeriodIsSixteenWeeks) {
  struct Case {
    const char* name;
    const char* started_on;
    bool in_time;
    int appeal_weeks;
  };
  const std::vector<Case> cases = {
      {"the day after the notice", "2025-10-22", true, 16},
      {"on the appeal date itself", kAppealBy, true, 16},
      {"the day after the appeal date", "2025-12-17", false, 8},
      {"months later", "2026-03-02", false, 8},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AlnCase k = NotifiedByLa();
    EXPECT_EQ(AppealWeeks(k), 8);
    ASSERT_TRUE(Succeeded(StartDisagreement(k, Iso(c.started_on), By(kClerk))));
    ASSERT_EQ(k.disagreements.size(), 1u);
    EXPECT_EQ(k.disagreements[0].in_time, c.in_time);
    EXPECT_EQ(AppealWeeks(k), c.appeal_weeks);
    EXPECT_EQ(Code(k.stage), "notice_given");
    EXPECT_EQ(TimelineOf(k).back(), "disagreement_started");
    EXPECT_EQ(FormatIsoDate(k.timeline.back().on), c.started_on);
  }
}

TEST(DisagreementTest, OneAtATimeAndEndingAfterItStarted) {
  auto started = [] {
    AlnCase c = NotifiedByLa();
    EXPECT_TRUE(Succeeded(StartDisagreement(c, Iso("2025-11-03"), By(kClerk))));
    return c;
  };
  ExpectRefused({
      {"before any notice", LookedAfterCase,
       [](AlnCase& c) { return StartDisagreement(c, Iso("2025-11-03"), By(kClerk)); },
       Conflict("case_error_not_decided")},
      {"a second while one is open", started,
       [](AlnCase& c) { return StartDisagreement(c, Iso("2025-11-10"), By(kClerk)); },
       Conflict("disagreement_error_open")},
      {"ended before it started", started,
       [](AlnCase& c) { return EndDisagreement(c, 0, Iso("2025-10-31"), "Resolved", By(kClerk)); },
       Invalid({{"ended_on", "disagreement_error_end_before"}, {"date", "2025-11-03"}})},
      {"ended with no outcome", started,
       [](AlnCase& c) { return EndDisagreement(c, 0, Iso("2025-11-24"), " ", By(kClerk)); },
       Invalid({{"outcome", "disagreement_error_outcome"}})},
      {"started before the notice was sent", NotifiedByLa,
       [](AlnCase& c) { return StartDisagreement(c, Iso("2025-10-20"), By(kClerk)); },
       Invalid({{"started_on", "disagreement_error_before_notice"}, {"date", kNoticeSentOn}})},
  });

  AlnCase c = started();
  ASSERT_TRUE(Succeeded(EndDisagreement(c, 0, Iso("2025-11-24"), "Not resolved", By(kOfficer))));
  ASSERT_TRUE(c.disagreements[0].ended_on.has_value());
  EXPECT_EQ(FormatIsoDate(*c.disagreements[0].ended_on), "2025-11-24");
  EXPECT_EQ(TimelineOf(c).back(), "disagreement_ended");
  EXPECT_EQ(c.timeline.back().by, kOfficer);
  EXPECT_EQ(AppealWeeks(c), 16);
  ASSERT_TRUE(Succeeded(StartDisagreement(c, Iso("2025-12-01"), By(kClerk))));
  EXPECT_EQ(c.disagreements.size(), 2u);
}

// Act s.70: an appeal lies against an LA or FEI decision, not a school's.
TEST(AppealTest, LodgingAnAppeal) {
  ExpectRefused({
      {"against a school's decision", [] { return NotifiedBySchool(); },
       [](AlnCase& c) { return LodgeAppeal(c, Iso("2025-11-03"), By(kClerk)); },
       Conflict("appeal_error_school_decision")},
      {"before the notice was sent", NotifiedByLa,
       [](AlnCase& c) { return LodgeAppeal(c, Iso("2025-10-20"), By(kClerk)); },
       Invalid({{"lodged_on", "appeal_error_before_notice"}, {"date", kNoticeSentOn}})},
      {"before the notice", [] { return Decided(LookedAfterCase(), FindsAln()); },
       [](AlnCase& c) { return LodgeAppeal(c, Iso("2025-11-03"), By(kClerk)); },
       Conflict("case_error_notice_due")},
      {"a second appeal", InAppeal,
       [](AlnCase& c) { return LodgeAppeal(c, Iso("2025-12-02"), By(kClerk)); },
       Conflict("case_error_step_not_allowed")},
  });

  struct Case {
    const char* name;
    const char* lodged_on;
    bool late;
  };
  const std::vector<Case> cases = {
      {"well within the period", "2025-11-03", false},
      {"on the appeal date", kAppealBy, false},
      {"the day after the appeal date: late", "2025-12-17", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AlnCase k = NotifiedByLa();
    ASSERT_TRUE(Succeeded(LodgeAppeal(k, Iso(c.lodged_on), By(kClerk))));
    EXPECT_EQ(Code(k.stage), "appeal");
    ASSERT_TRUE(k.appeal.has_value());
    EXPECT_EQ(k.appeal->late, c.late);
    EXPECT_EQ(Code(k.appeal->outcome), "pending");
    EXPECT_EQ(TimelineOf(k).back(), "appeal_lodged");
    EXPECT_EQ(FormatIsoDate(k.timeline.back().on), c.lodged_on);
  }
}

// REFERENCE section 3: the appeal period gains 8 weeks when disagreement resolution starts in
// time. The notice then carries the later appeal date (16 weeks from 21 October 2025: 10 February
// 2026), and only an appeal lodged after that is late.
TEST(AppealTest, AfterInTimeDisagreementResolutionOnlyAnAppealAfterTheLaterDateIsLate) {
  struct Case {
    const char* name;
    const char* lodged_on;
    bool late;
  };
  const std::vector<Case> cases = {
      {"in the extra weeks", "2026-02-02", false},
      {"on the later appeal date", "2026-02-10", false},
      {"the day after the later appeal date", "2026-02-11", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    AlnCase k = NotifiedByLa();
    ASSERT_TRUE(Succeeded(StartDisagreement(k, Iso("2025-12-01"), By(kClerk))));
    ASSERT_TRUE(Succeeded(EndDisagreement(k, 0, Iso("2026-01-12"), "Not resolved", By(kClerk))));
    ASSERT_EQ(AppealWeeks(k), 16);
    k.notices.back().appeal_by = Iso("2026-02-10");
    ASSERT_TRUE(Succeeded(LodgeAppeal(k, Iso(c.lodged_on), By(kClerk))));
    ASSERT_TRUE(k.appeal.has_value());
    EXPECT_EQ(k.appeal->late, c.late);
  }
}

TEST(AppealTest, TheOutcomeClosesTheCaseUnlessTheTribunalOrdersSomething) {
  struct Case {
    AppealOutcome outcome;
    CaseStage stage;
  };
  const std::vector<Case> cases = {
      {AppealOutcome::kDismissed, CaseStage::kClosed},
      {AppealOutcome::kWithdrawn, CaseStage::kClosed},
      {AppealOutcome::kUpheld, CaseStage::kAppeal},
      {AppealOutcome::kPartlyUpheld, CaseStage::kAppeal},
      {AppealOutcome::kConceded, CaseStage::kAppeal},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(Code(c.outcome)));
    AlnCase k = InAppeal();
    ASSERT_TRUE(Succeeded(
        RecordAppealOutcome(k, c.outcome, Iso("2026-03-02"), Iso("2026-03-09"), By(kOfficer))));
    EXPECT_EQ(Code(k.stage), Code(c.stage));
    EXPECT_EQ(Code(k.appeal->outcome), Code(c.outcome));
    ASSERT_TRUE(k.appeal->decided_on.has_value());
    EXPECT_EQ(FormatIsoDate(*k.appeal->decided_on), "2026-03-09");
    EXPECT_EQ(TimelineOf(k).back(), "appeal_decided");
    EXPECT_EQ(FormatIsoDate(k.timeline.back().on), "2026-03-09");
    EXPECT_EQ(k.timeline.back().by, kOfficer);
  }
}

TEST(AppealTest, RefusesAnOutcomeOrOrderThatCannotBeRight) {
  auto outcome = [](AppealOutcome o, const char* hearing_on, const char* decided_on) {
    return [o, hearing_on, decided_on](AlnCase& c) {
      return RecordAppealOutcome(c, o, Iso(hearing_on), Iso(decided_on), By(kClerk));
    };
  };
  auto order = [](TribunalOrder o) {
    return [o](AlnCase& c) { return AddOrder(c, o, By(kClerk)); };
  };
  ExpectRefused({
      {"an outcome still pending", InAppeal,
       outcome(AppealOutcome::kPending, "2026-03-02", "2026-03-09"),
       Invalid({{"outcome", "appeal_error_outcome"}})},
      {"a hearing before the appeal was lodged", InAppeal,
       outcome(AppealOutcome::kUpheld, "2025-11-28", "2026-03-09"),
       Invalid({{"hearing_on", "appeal_error_before_lodged"}})},
      {"decided twice", [] { return AppealDecided(AppealOutcome::kUpheld); },
       outcome(AppealOutcome::kDismissed, "2026-03-02", "2026-03-10"),
       Conflict("appeal_error_decided")},
      {"an order before the outcome", InAppeal, order(Order("2026-03-09", "2026-04-20")),
       Conflict("order_error_no_outcome")},
      {"an order after a dismissed appeal", [] { return AppealDecided(AppealOutcome::kDismissed); },
       order(Order("2026-03-09", "2026-04-20")), Conflict("case_error_closed")},
      {"an order to comply on the day it is made",
       [] { return AppealDecided(AppealOutcome::kUpheld); },
       order(Order("2026-03-09", "2026-03-09")), Invalid({{"comply_by", "order_error_comply_by"}})},
      {"an order to comply before it is made",
       [] { return AppealDecided(AppealOutcome::kPartlyUpheld); },
       order(Order("2026-03-09", "2026-03-02")), Invalid({{"comply_by", "order_error_comply_by"}})},
      {"an order with no description", [] { return AppealDecided(AppealOutcome::kConceded); },
       order(Order("2026-03-09", "2026-04-20", "")),
       Invalid({{"description", "order_error_description"}})},
  });
}

TEST(AppealTest, TheCaseClosesWhenEveryOrderIsCompliedWith) {
  AlnCase c = WithTwoOrders();
  ASSERT_EQ(c.appeal->orders.size(), 2u);
  EXPECT_EQ(TimelineOf(c).back(), "order_made");
  ASSERT_TRUE(Succeeded(CompleteOrder(c, 0, Iso("2026-04-13"), By(kOfficer))));
  EXPECT_EQ(Code(c.stage), "appeal");
  EXPECT_EQ(TimelineOf(c).back(), "order_complied");
  EXPECT_EQ(FormatIsoDate(c.timeline.back().on), "2026-04-13");
  ExpectRefused({
      {"the same order again", [&c] { return c; },
       [](AlnCase& k) { return CompleteOrder(k, 0, Iso("2026-04-14"), By(kOfficer)); },
       Conflict("order_error_complied")},
      {"an order that does not exist",
       [&c] { return c; },
       [](AlnCase& k) { return CompleteOrder(k, 2, Iso("2026-04-14"), By(kOfficer)); },
       {ErrorCode::kNotFound, "order_error_not_found", {}}},
      {"complied before it was made", [&c] { return c; },
       [](AlnCase& k) { return CompleteOrder(k, 1, Iso("2026-03-06"), By(kOfficer)); },
       Invalid({{"complied_on", "order_error_before_made"}, {"date", "2026-03-09"}})},
  });
  ASSERT_TRUE(Succeeded(CompleteOrder(c, 1, Iso("2026-04-27"), By(kOfficer))));
  EXPECT_EQ(Code(c.stage), "closed");
  ASSERT_TRUE(c.appeal->orders[1].complied_on.has_value());
  EXPECT_EQ(FormatIsoDate(*c.appeal->orders[1].complied_on), "2026-04-27");
}

// A case's whole journey: each successful step adds exactly one event, of its kind, on the day
// it took effect, by whoever took it, and moves the case to the stage a caseworker expects.
struct JourneyStep {
  const char* name;
  std::function<Result<void>(AlnCase&, const StepContext&)> step;
  UserId by;
  CaseEventKind kind;
  const char* on;
  CaseStage stage;
};

void Walk(AlnCase c, const std::vector<JourneyStep>& steps) {
  for (const JourneyStep& s : steps) {
    SCOPED_TRACE(s.name);
    const std::size_t before = c.timeline.size();
    const StepContext step = By(s.by);
    ASSERT_TRUE(Succeeded(s.step(c, step)));
    ASSERT_EQ(c.timeline.size(), before + 1);
    const CaseEvent& event = c.timeline.back();
    EXPECT_EQ(Code(event.kind), Code(s.kind));
    EXPECT_EQ(FormatIsoDate(event.on), s.on);
    EXPECT_EQ(event.by, s.by);
    EXPECT_EQ(event.at, step.at);
    EXPECT_EQ(Code(c.stage), Code(s.stage));
  }
}

TEST(JourneyTest, SentBackDecidedByTheSchoolReconsideredAndAppealed) {
  using K = CaseEventKind;
  using S = CaseStage;
  Walk(
      DirectApproach(),
      {
          {"the LA sends it back to the school",
           [](AlnCase& c, const StepContext& s) {
             return SendBack(c, "Best placed", Iso("2025-09-22"), s);
           },
           kOfficer, K::kSentBack, "2025-09-22", S::kAwaitingDecision},
          {"the school finds no ALN",
           [](AlnCase& c, const StepContext& s) {
             return RecordDecision(c, Decision(c.responsibility, kDecidedOn, FindsNoAln()), 25, s);
           },
           kAlnco, K::kDecided, kDecidedOn, S::kAwaitingNotice},
          {"the school posts its notice on a Thursday",
           [](AlnCase& c, const StepContext& s) {
             DecisionNotice notice = Notice("2025-10-23", std::nullopt);
             notice.method = NoticeMethod::kPost;
             notice.given_on = GivenOn(NoticeMethod::kPost, notice.sent_on, 2,
                                       [](Date d) { return !IsWeekend(d); });
             return RecordNotice(c, notice, s);
           },
           kAlnco, K::kNoticeGiven, "2025-10-27", S::kNoticeGiven},
          {"the family asks the LA to reconsider",
           [](AlnCase& c, const StepContext& s) { return RequestReconsideration(c, Request(), s); },
           kClerk, K::kReconsiderationRequested, "2025-11-03", S::kReconsideration},
          {"the LA finds ALN",
           [](AlnCase& c, const StepContext& s) {
             return RecordDecision(c, Decision(c.responsibility, "2025-12-08", FindsAln()), 25, s);
           },
           kOfficer, K::kDecided, "2025-12-08", S::kAwaitingNotice},
          {"the LA emails its notice",
           [](AlnCase& c, const StepContext& s) {
             return RecordNotice(c, Notice("2025-12-09", "2026-02-03"), s);
           },
           kOfficer, K::kNoticeGiven, "2025-12-09", S::kNoticeGiven},
          {"disagreement resolution starts",
           [](AlnCase& c, const StepContext& s) {
             return StartDisagreement(c, Iso("2026-01-05"), s);
           },
           kClerk, K::kDisagreementStarted, "2026-01-05", S::kNoticeGiven},
          {"and ends",
           [](AlnCase& c, const StepContext& s) {
             return EndDisagreement(c, 0, Iso("2026-01-26"), "Not resolved", s);
           },
           kClerk, K::kDisagreementEnded, "2026-01-26", S::kNoticeGiven},
          {"the family appeals",
           [](AlnCase& c, const StepContext& s) { return LodgeAppeal(c, Iso("2026-02-02"), s); },
           kClerk, K::kAppealLodged, "2026-02-02", S::kAppeal},
          {"the tribunal upholds the appeal",
           [](AlnCase& c, const StepContext& s) {
             return RecordAppealOutcome(c, AppealOutcome::kUpheld, Iso("2026-05-11"),
                                        Iso("2026-05-18"), s);
           },
           kOfficer, K::kAppealDecided, "2026-05-18", S::kAppeal},
          {"and orders the IDP amended",
           [](AlnCase& c, const StepContext& s) {
             return AddOrder(c, Order("2026-05-18", "2026-06-29"), s);
           },
           kOfficer, K::kOrderMade, "2026-05-18", S::kAppeal},
          {"the LA complies",
           [](AlnCase& c, const StepContext& s) {
             return CompleteOrder(c, 0, Iso("2026-06-15"), s);
           },
           kClerk, K::kOrderComplied, "2026-06-15", S::kClosed},
      });
}

TEST(JourneyTest, ReferredByTheSchoolAndDecidedByTheLa) {
  using K = CaseEventKind;
  using S = CaseStage;
  Walk(SchoolCase(),
       {
           {"the school refers",
            [](AlnCase& c, const StepContext& s) {
              return Refer(c, ReferralOn("2025-10-01", "2025-10-10"), s);
            },
            kAlnco, K::kReferred, "2025-10-10", S::kAwaitingDecision},
           {"the LA finds ALN",
            [](AlnCase& c, const StepContext& s) {
              return RecordDecision(
                  c, Decision(c.responsibility, "2025-12-01", FindsAln(), TaHours(30)), 25, s);
            },
            kOfficer, K::kDecided, "2025-12-01", S::kAwaitingNotice},
           {"the LA gives its notice by hand",
            [](AlnCase& c, const StepContext& s) {
              DecisionNotice notice = Notice("2025-12-02", "2026-01-27");
              notice.method = NoticeMethod::kHand;
              return RecordNotice(c, notice, s);
            },
            kClerk, K::kNoticeGiven, "2025-12-02", S::kNoticeGiven},
           {"an appeal is lodged",
            [](AlnCase& c, const StepContext& s) { return LodgeAppeal(c, Iso("2026-02-02"), s); },
            kClerk, K::kAppealLodged, "2026-02-02", S::kAppeal},
           {"and dismissed",
            [](AlnCase& c, const StepContext& s) {
              return RecordAppealOutcome(c, AppealOutcome::kDismissed, std::nullopt,
                                         Iso("2026-04-20"), s);
            },
            kOfficer, K::kAppealDecided, "2026-04-20", S::kClosed},
       });
}

TEST(JourneyTest, TakenOnByTheLaOrClosedByAnException) {
  using K = CaseEventKind;
  using S = CaseStage;
  Walk(DirectApproach(),
       {
           {"the LA takes it on",
            [](AlnCase& c, const StepContext& s) { return TakeOn(c, Iso("2025-09-19"), s); },
            kOfficer, K::kTakenOn, "2025-09-19", S::kAwaitingDecision},
           {"the LA finds no ALN",
            [](AlnCase& c, const StepContext& s) {
              return RecordDecision(c, Decision(c.responsibility, "2025-11-17", FindsNoAln()), 25,
                                    s);
            },
            kOfficer, K::kDecided, "2025-11-17", S::kAwaitingNotice},
       });
  Walk(SchoolCase(), {
                         {"an IDP is already maintained",
                          [](AlnCase& c, const StepContext& s) {
                            return RecordException(c, Pupil(),
                                                   Exception(DutyExceptionKind::kIdpMaintained), s);
                          },
                          kAlnco, K::kExceptionRecorded, "2025-09-22", S::kClosed},
                     });
}

TEST(AlnCaseCodesTest, StagesEventsAndKindsRoundTripThroughTheirCodes) {
  for (CaseStage stage : {CaseStage::kAwaitingTriage, CaseStage::kAwaitingDecision,
                          CaseStage::kAwaitingNotice, CaseStage::kNoticeGiven,
                          CaseStage::kReconsideration, CaseStage::kAppeal, CaseStage::kClosed}) {
    SCOPED_TRACE(std::string(Code(stage)));
    EXPECT_EQ(CaseStageFromCode(Code(stage)), stage);
  }
  for (DutyExceptionKind kind : AllDutyExceptionKinds()) {
    SCOPED_TRACE(std::string(Code(kind)));
    EXPECT_EQ(DutyExceptionKindFromCode(Code(kind)), kind);
  }
  for (ConcernSource source : AllConcernSources()) {
    SCOPED_TRACE(std::string(Code(source)));
    EXPECT_EQ(ConcernSourceFromCode(Code(source)), source);
  }
  for (NoticeMethod method : AllNoticeMethods()) {
    SCOPED_TRACE(std::string(Code(method)));
    EXPECT_EQ(NoticeMethodFromCode(Code(method)), method);
  }
  for (AppealOutcome outcome : AllAppealOutcomes()) {
    SCOPED_TRACE(std::string(Code(outcome)));
    EXPECT_EQ(AppealOutcomeFromCode(Code(outcome)), outcome);
  }
  EXPECT_EQ(Code(NoticeKind::kIdp), "idp");
  EXPECT_EQ(Code(NoticeKind::kNoIdp), "no_idp");
  EXPECT_EQ(AllDutyExceptionKinds().size(), 3u);
  EXPECT_EQ(AllConcernSources().size(), 6u);
  EXPECT_FALSE(CaseStageFromCode("open").has_value());
}

// An appeal that succeeded closes once nothing the tribunal ordered is outstanding.
TEST(AppealTest, AnAppealIsClosedByHandOnlyWhenNoOrderIsOutstanding) {
  ExpectRefused({
      {"before the tribunal has decided", [] { return InAppeal(); },
       [](AlnCase& c) { return CloseAppeal(c, Iso("2026-03-10"), By(kClerk)); },
       Conflict("appeal_error_not_decided")},
      {"with an order not complied with", [] { return WithTwoOrders(); },
       [](AlnCase& c) { return CloseAppeal(c, Iso("2026-05-10"), By(kClerk)); },
       Conflict("appeal_error_orders_outstanding")},
      {"dated before the tribunal's decision",
       [] { return AppealDecided(AppealOutcome::kConceded); },
       [](AlnCase& c) { return CloseAppeal(c, Iso("2026-03-08"), By(kClerk)); },
       Invalid({{"closed_on", "appeal_error_before_decided"}, {"date", "2026-03-09"}})},
      {"when no appeal is open", [] { return NotifiedByLa(); },
       [](AlnCase& c) { return CloseAppeal(c, Iso("2026-03-10"), By(kClerk)); },
       Conflict("case_error_step_not_allowed")},
  });
  AlnCase conceded = AppealDecided(AppealOutcome::kConceded);
  ASSERT_TRUE(Succeeded(CloseAppeal(conceded, Iso("2026-03-10"), By(kOfficer))));
  EXPECT_EQ(Code(conceded.stage), "closed");
  EXPECT_EQ(TimelineOf(conceded).back(), "appeal_closed");
  EXPECT_EQ(conceded.timeline.back().by, kOfficer);
}

TEST(ReconsiderationTest, TheLaNowDecidesBecauseItIsReconsidering) {
  AlnCase c = Reconsidering();
  EXPECT_EQ(c.responsibility.body, DecidingBody::kLocalAuthority);
  EXPECT_EQ(Code(c.responsibility.reason), "reconsideration");
  auto early =
      RecordDecision(c, Decision(c.responsibility, "2025-10-31", FindsAln()), 25, By(kOfficer));
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().fields.at("decided_on"), "reconsideration_error_decision_before_request");
}

TEST(DecisionSettingsTest, EachSettingMustBeInRange) {
  struct Row {
    const char* name;
    LaDecisionSettings settings;
    Fields fields;
  };
  auto with = [](int hours, int days, const char* email) {
    LaDecisionSettings s;
    s.ta_hours_threshold = hours;
    s.post_working_days = days;
    s.service_email = email;
    return s;
  };
  const std::vector<Row> rows = {
      {"the defaults", LaDecisionSettings{}, {}},
      {"the widest values", with(60, 10, "aln@cyngor.cymru"), {}},
      {"the narrowest values", with(1, 0, ""), {}},
      {"no hours", with(0, 2, ""), {{"ta_hours_threshold", "decision_settings_error_threshold"}}},
      {"too many hours",
       with(61, 2, ""),
       {{"ta_hours_threshold", "decision_settings_error_threshold"}}},
      {"negative post days",
       with(25, -1, ""),
       {{"post_working_days", "decision_settings_error_post_days"}}},
      {"too many post days",
       with(25, 11, ""),
       {{"post_working_days", "decision_settings_error_post_days"}}},
      {"not an email",
       with(25, 2, "aln at council"),
       {{"service_email", "decision_settings_error_email"}}},
      {"everything wrong",
       with(0, 99, "@x"),
       {{"ta_hours_threshold", "decision_settings_error_threshold"},
        {"post_working_days", "decision_settings_error_post_days"},
        {"service_email", "decision_settings_error_email"}}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    auto checked = CheckDecisionSettings(row.settings);
    if (row.fields.empty()) {
      EXPECT_TRUE(checked.has_value());
    } else {
      ASSERT_FALSE(checked.has_value());
      EXPECT_EQ(checked.error().fields, row.fields);
    }
  }
  EXPECT_EQ(LaDecisionSettings{}.ta_hours_threshold, 25);
  EXPECT_EQ(LaDecisionSettings{}.post_working_days, 2);
}

}  // namespace
}  // namespace cynnal::domain
