#include "domain/idp.h"

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

constexpr LocalAuthorityId kNeathPortTalbot{1};
constexpr LocalAuthorityId kSwansea{2};
constexpr SettingId kYsgolCwm{10};     // a maintained primary in Neath Port Talbot
constexpr SettingId kYsgolBaglan{11};  // another maintained primary there
constexpr SettingId kYsgolAfan{12};    // a maintained secondary there
constexpr SettingId kYsgolBryn{13};    // a maintained primary in Swansea
constexpr SettingId kPru{14};          // Neath Port Talbot's pupil referral unit
constexpr SettingId kColeg{15};        // a further education institution
constexpr SettingId kPrepSchool{16};   // an independent school
constexpr UserId kAlnco{21};           // the ALNCo at Ysgol Cwm
constexpr UserId kOfficer{22};         // an LA inclusion officer

constexpr const char* kStartedOn = "2025-10-20";  // the day the school decided
constexpr const char* kSentOn = "2025-11-03";     // the plan is emailed and given the same day
constexpr const char* kToday = "2026-06-30";

StepContext By(UserId user, const char* today = kToday) {
  return {user, std::chrono::sys_days{Iso(today)} + std::chrono::hours{9}, Iso(today)};
}

template <typename T>
::testing::AssertionResult Succeeded(const Result<T>& result) {
  if (result.has_value()) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure() << result.error().message;
  for (const auto& [field, message] : result.error().fields)
    failure << " " << field << "=" << message;
  return failure;
}

std::vector<Setting> Settings() {
  auto setting = [](SettingId id, LocalAuthorityId la, const char* name, SettingType type) {
    Setting s;
    s.id = id;
    s.local_authority = la;
    s.name = name;
    s.type = type;
    return s;
  };
  return {setting(kYsgolCwm, kNeathPortTalbot, "Ysgol Gynradd Cwm", SettingType::kPrimary),
          setting(kYsgolBaglan, kNeathPortTalbot, "Ysgol Gynradd Baglan", SettingType::kPrimary),
          setting(kYsgolAfan, kNeathPortTalbot, "Ysgol Afan", SettingType::kSecondary),
          setting(kYsgolBryn, kSwansea, "Ysgol Gynradd Bryn", SettingType::kPrimary),
          setting(kPru, kNeathPortTalbot, "Canolfan Addysg", SettingType::kPru),
          setting(kColeg, kNeathPortTalbot, "Coleg Castell-nedd", SettingType::kFei),
          setting(kPrepSchool, kNeathPortTalbot, "Ysgol Breifat", SettingType::kIndependent)};
}

std::optional<Setting> SettingOf(std::optional<SettingId> id) {
  if (!id) return std::nullopt;
  for (const Setting& s : Settings())
    if (s.id == *id) return s;
  return std::nullopt;
}

// A Year 3 pupil at Ysgol Cwm who moves to Ysgol Baglan after the February half-term of 2026.
Learner Pupil() {
  Learner learner;
  learner.id = LearnerId{100};
  learner.local_authority = kNeathPortTalbot;
  learner.legal_first_name = "Eira";
  learner.legal_last_name = "Morgan";
  learner.date_of_birth = Iso("2017-03-10");
  learner.registrations = {{kYsgolCwm, Iso("2021-09-01"), Iso("2026-02-13")},
                           {kYsgolBaglan, Iso("2026-02-23"), std::nullopt}};
  return learner;
}

// The same pupil, who stays at Ysgol Cwm and is also registered at the PRU from 2 March 2026.
Learner DuallyRegisteredPupil() {
  Learner learner = Pupil();
  learner.registrations = {{kYsgolCwm, Iso("2021-09-01"), std::nullopt},
                           {kPru, Iso("2026-03-02"), std::nullopt}};
  return learner;
}

// The same pupil, who moves to a school in Swansea after Easter 2026.
Learner PupilMovingToSwansea() {
  Learner learner = Pupil();
  learner.registrations = {{kYsgolCwm, Iso("2021-09-01"), Iso("2026-03-27")},
                           {kYsgolBryn, Iso("2026-04-13"), std::nullopt}};
  return learner;
}

// A young person whose compulsory school age ended on Friday 28 June 2024.
Learner YoungPerson() {
  Learner learner;
  learner.id = LearnerId{101};
  learner.local_authority = kNeathPortTalbot;
  learner.legal_first_name = "Rhys";
  learner.legal_last_name = "Davies";
  learner.date_of_birth = Iso("2008-05-01");
  learner.registrations = {{kYsgolAfan, Iso("2019-09-01"), Iso("2024-07-19")}};
  return learner;
}

// Section 2B: reading support given by the school.
AlpElement Phonics() {
  AlpElement e;
  e.outcome = "Eira will read a Year 3 reading book aloud with no more than five errors a page";
  e.measure = "A running record each half-term";
  e.outcome_by = Iso("2026-07-17");
  e.provision = "Structured phonics programme with a trained teaching assistant";
  e.minutes = 30;
  e.sessions = 3;
  e.per = ProvisionPeriod::kWeek;
  e.group = GroupSize::kSmallGroup;
  e.in_welsh = Answer::kNo;
  e.provider = ProviderKind::kSchool;
  e.provider_name = "Ysgol Gynradd Cwm";
  e.starts_on = Iso("2025-11-03");
  e.review_on = Iso("2026-07-17");
  e.rationale = "Phonics screening shows gaps in blending that daily class teaching has not closed";
  return e;
}

// Section 2C: therapy secured by the health board.
AlpElement SpeechTherapy() {
  AlpElement e = Phonics();
  e.outcome = "Eira will use sentences of five words or more to ask for help in class";
  e.measure = "Therapist's language sample each term";
  e.provision = "Speech and language therapy";
  e.minutes = 45;
  e.sessions = 1;
  e.per = ProvisionPeriod::kFortnight;
  e.group = GroupSize::kOneToOne;
  e.in_welsh = Answer::kYes;
  e.provider = ProviderKind::kNhsBody;
  e.provider_name = "Speech and Language Therapy, Swansea Bay UHB";
  e.rationale = "Expressive language assessed at the 2nd centile";
  return e;
}

// A plan with every part written: CheckQuality finds nothing, for a school or an LA.
IdpContent CompleteContent() {
  IdpContent c;
  c.about = {"Mrs Siân Jones", "ALNCo", "alnco@cwm.example", "Email, in Welsh, to Mrs Morgan"};
  c.profile = {"I am kind and I make people laugh", "My dog Mabli and my nain",
               "Show me what to do, then let me try", "Mam and Mrs Jones", std::nullopt};
  c.needs.areas = {AreaOfNeed::kCognitionLearning, AreaOfNeed::kCommunicationInteraction};
  c.needs.types = {"dyslexia"};
  c.needs.description = "Eira finds decoding hard and her reading age is two years behind";
  AlpElement phonics = Phonics();
  phonics.key = 1;
  AlpElement therapy = SpeechTherapy();
  therapy.key = 2;
  c.elements = {phonics, therapy};
  c.next_key = 3;
  c.place = {kYsgolCwm, "", "Her local school, with a reading intervention she already knows"};
  c.information = {{"Educational psychologist's report", "Dr Rees", Iso("2025-10-01")}};
  c.key_events = {{Iso("2025-09-15"), "Concern raised by the class teacher"},
                  {Iso("2025-10-20"), "The school decided Eira has ALN"}};
  c.transition = {"Visits to Year 4 in July", "None needed"};
  return c;
}

// The case's steps, as they are put into the timeline when the plan starts.
std::vector<KeyEvent> CaseSteps() {
  return {{Iso("2025-10-20"), "Decision"}, {Iso("2025-09-15"), "Concern raised"}};
}

Idp Started(const Learner& learner, DecidingBody body, std::optional<SettingId> setting,
            const char* started_on = kStartedOn) {
  auto idp = StartPlan(learner, body, kNeathPortTalbot, setting, AlnCaseId{5}, CaseSteps(),
                       By(kAlnco, started_on));
  EXPECT_TRUE(Succeeded(idp));
  return idp.has_value() ? *idp : Idp{};
}

// Writes CompleteContent into the draft through the task list's pages.
void Fill(Idp& idp, const char* on = kStartedOn) {
  const IdpContent content = CompleteContent();
  for (IdpSection s :
       {IdpSection::kAbout, IdpSection::kProfile, IdpSection::kNeeds, IdpSection::kPlace,
        IdpSection::kInformation, IdpSection::kTimeline, IdpSection::kTransition}) {
    EXPECT_TRUE(
        Succeeded(SaveSection(idp, s, content, idp.Revision(SectionPart(s)), By(kAlnco, on))))
        << Code(s);
  }
  for (AlpElement e : content.elements) {
    e.key = 0;
    EXPECT_TRUE(Succeeded(SaveElement(idp, e, 0, By(kAlnco, on))));
  }
}

FinaliseInput SentOn(const char* sent_on, std::string change_summary = {},
                     std::string override_reasons = {}) {
  FinaliseInput input;
  input.method = NoticeMethod::kEmail;
  input.sent_on = Iso(sent_on);
  input.given_on = input.sent_on;
  input.change_summary = std::move(change_summary);
  input.override_reasons = std::move(override_reasons);
  return input;
}

// A complete plan, finalised as version 1 and given on `given_on`.
Idp InForce(const Learner& learner, DecidingBody body, std::optional<SettingId> setting,
            const char* started_on = kStartedOn, const char* given_on = kSentOn) {
  Idp idp = Started(learner, body, setting, started_on);
  Fill(idp, started_on);
  EXPECT_TRUE(Succeeded(Finalise(idp, SentOn(given_on), By(kAlnco, given_on))));
  return idp;
}

Idp SchoolPlan() { return InForce(Pupil(), DecidingBody::kSchool, kYsgolCwm); }

std::string Describe(const QualityFlag& f) {
  return std::string(Code(f.section)) + "/" + std::to_string(f.element) + "/" + f.check + "/" +
         f.source;
}

std::vector<std::string> Describe(const std::vector<QualityFlag>& flags) {
  std::vector<std::string> out;
  for (const QualityFlag& f : flags) out.push_back(Describe(f));
  return out;
}

// Act s.10 and Code ch.23: each shortfall of a complete plan is flagged on its own, with the rule
// it falls short of, so the officer finalising the plan sees what to fix and why.
TEST(IdpQualityTest, FlagsEachShortfallWithItsSource) {
  using S = IdpSection;
  const DecidingBody school = DecidingBody::kSchool;
  const DecidingBody la = DecidingBody::kLocalAuthority;
  for (DecidingBody body : {school, la, DecidingBody::kFei}) {
    ASSERT_EQ(Describe(CheckQuality(CompleteContent(), body)), std::vector<std::string>{})
        << Code(body);
  }
  struct Case {
    const char* why;
    DecidingBody maintainer;
    std::function<void(IdpContent&)> break_it;
    std::vector<QualityFlag> flags;
  };
  const std::vector<Case> cases = {
      {"a part of the profile blank",
       school,
       [](IdpContent& c) { c.profile.support = "  "; },
       {{S::kProfile, 0, "profile_missing", "IDP form section 1"}}},
      {"no description of needs",
       school,
       [](IdpContent& c) { c.needs.description = ""; },
       {{S::kNeeds, 0, "needs_missing", "Act s.10(1)(a)"}}},
      {"no area of need",
       school,
       [](IdpContent& c) { c.needs.areas.clear(); },
       {{S::kNeeds, 0, "needs_missing", "Act s.10(1)(a)"}}},
      {"no ALP at all",
       school,
       [](IdpContent& c) { c.elements.clear(); },
       {{S::kProvision, 0, "alp_missing", "Act s.10(1)(b)"}}},
      {"no outcome",
       school,
       [](IdpContent& c) { c.elements[0].outcome = " "; },
       {{S::kProvision, 1, "outcome_missing", "Code 23.20"}}},
      {"no measure",
       school,
       [](IdpContent& c) { c.elements[0].measure = ""; },
       {{S::kProvision, 1, "outcome_measure", "Code 23.20"}}},
      {"no outcome date",
       school,
       [](IdpContent& c) { c.elements[0].outcome_by.reset(); },
       {{S::kProvision, 1, "outcome_date", "Code 23.20"}}},
      {"what is not described",
       school,
       [](IdpContent& c) { c.elements[0].provision = ""; },
       {{S::kProvision, 1, "alp_what", "Code 23.37"}}},
      {"how much not given",
       school,
       [](IdpContent& c) { c.elements[0].minutes = 0; },
       {{S::kProvision, 1, "alp_amount", "Code 23.37"}}},
      {"no sessions",
       school,
       [](IdpContent& c) { c.elements[0].sessions = 0; },
       {{S::kProvision, 1, "alp_frequency", "Code 23.37"}}},
      {"no period",
       school,
       [](IdpContent& c) { c.elements[0].per.reset(); },
       {{S::kProvision, 1, "alp_frequency", "Code 23.37"}}},
      {"no group size",
       school,
       [](IdpContent& c) { c.elements[0].group.reset(); },
       {{S::kProvision, 1, "alp_group", "Code 23.37"}}},
      {"no kind of provider",
       school,
       [](IdpContent& c) { c.elements[0].provider.reset(); },
       {{S::kProvision, 1, "alp_provider", "Code 23.37"}}},
      {"a blank provider name",
       school,
       [](IdpContent& c) { c.elements[0].provider_name = " "; },
       {{S::kProvision, 1, "alp_provider", "Code 23.37"}}},
      {"Welsh delivery not answered",
       school,
       [](IdpContent& c) { c.elements[0].in_welsh = Answer::kUnanswered; },
       {{S::kProvision, 1, "alp_language", "Act s.10"}}},
      {"no start date",
       school,
       [](IdpContent& c) { c.elements[0].starts_on.reset(); },
       {{S::kProvision, 1, "alp_dates", "Code 23.41"}}},
      {"no review date",
       school,
       [](IdpContent& c) { c.elements[0].review_on.reset(); },
       {{S::kProvision, 1, "alp_dates", "Code 23.41"}}},
      {"no rationale",
       school,
       [](IdpContent& c) { c.elements[0].rationale = ""; },
       {{S::kProvision, 1, "alp_rationale", "Code 23.42"}}},
      {"an NHS element's rationale",
       school,
       [](IdpContent& c) { c.elements[1].rationale = ""; },
       {{S::kNhs, 2, "alp_rationale", "Code 23.42"}}},
      {"an NHS element's frequency",
       school,
       [](IdpContent& c) { c.elements[1].sessions = 0; },
       {{S::kNhs, 2, "alp_frequency", "Code 23.37"}}},
      {"an LA plan that names no place",
       la,
       [](IdpContent& c) { c.place = {}; },
       {{S::kPlace, 0, "place_missing", "IDP form section 2D"}}},
      {"a school plan names no place", school, [](IdpContent& c) { c.place = {}; }, {}},
      {"an LA plan naming a place Cynnal does not know",
       la,
       [](IdpContent& c) {
         c.place = {std::nullopt, "Coleg Elidyr", ""};
       },
       {}},
      {"an LA plan saying why no place is named",
       la,
       [](IdpContent& c) {
         c.place = {std::nullopt, "", "Electively home educated"};
       },
       {}},
  };
  for (const Case& c : cases) {
    IdpContent content = CompleteContent();
    c.break_it(content);
    EXPECT_EQ(Describe(CheckQuality(content, c.maintainer)), Describe(c.flags)) << c.why;
  }
}

// The task-list pages refuse what cannot be saved, field by field.
TEST(IdpQualityTest, SectionChecksRefuseBadFieldsByName) {
  struct Case {
    const char* why;
    IdpSection section;
    std::function<void(IdpContent&)> edit;
    Fields fields;  // empty: saved
  };
  const std::string too_long(kMaxPlanText + 1, 'a');
  const std::string longest(kMaxPlanText, 'a');
  const std::vector<Case> cases = {
      {"600 minutes a session",
       IdpSection::kProvision,
       [](IdpContent& c) { c.elements[0].minutes = 600; },
       {}},
      {"601 minutes a session",
       IdpSection::kProvision,
       [](IdpContent& c) { c.elements[0].minutes = 601; },
       {{"minutes", "idp_error_minutes_range"}}},
      {"100 sessions",
       IdpSection::kProvision,
       [](IdpContent& c) { c.elements[0].sessions = 100; },
       {}},
      {"101 sessions",
       IdpSection::kProvision,
       [](IdpContent& c) { c.elements[0].sessions = 101; },
       {{"sessions", "idp_error_sessions_range"}}},
      {"reviewed the day it starts",
       IdpSection::kProvision,
       [](IdpContent& c) { c.elements[0].review_on = c.elements[0].starts_on; },
       {}},
      {"reviewed before it starts",
       IdpSection::kProvision,
       [](IdpContent& c) { c.elements[0].review_on = Iso("2025-11-02"); },
       {{"review_on", "idp_error_review_before_start"}}},
      {"the longest provision",
       IdpSection::kProvision,
       [&](IdpContent& c) { c.elements[0].provision = longest; },
       {}},
      {"provision over the limit",
       IdpSection::kNhs,
       [&](IdpContent& c) { c.elements[1].provision = too_long; },
       {{"provision", "idp_error_too_long"}}},
      {"a profile over the limit",
       IdpSection::kProfile,
       [&](IdpContent& c) { c.profile.admired = too_long; },
       {{"admired", "idp_error_too_long"}}},
      {"an unknown type of need",
       IdpSection::kNeeds,
       [](IdpContent& c) {
         c.needs.types = {"dyslexia", "made_up"};
       },
       {{"types", "idp_error_type_unknown"}}},
      {"an item of information with no title",
       IdpSection::kInformation,
       [](IdpContent& c) {
         c.information.push_back({" ", "Mrs Morgan", std::nullopt});
       },
       {{"title_2", "idp_error_title_missing"}}},
      {"a key event with no description",
       IdpSection::kTimeline,
       [](IdpContent& c) { c.key_events[0].what = ""; },
       {{"what_1", "idp_error_event_missing"}}},
  };
  ASSERT_TRUE(Succeeded(CheckElement(Phonics())));
  for (IdpSection s : AllIdpSections()) {
    ASSERT_TRUE(Succeeded(CheckSection(CompleteContent(), s))) << Code(s);
  }
  for (const Case& c : cases) {
    IdpContent content = CompleteContent();
    c.edit(content);
    auto checked = CheckSection(content, c.section);
    if (c.fields.empty()) {
      EXPECT_TRUE(Succeeded(checked)) << c.why;
      continue;
    }
    ASSERT_FALSE(checked.has_value()) << c.why;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument) << c.why;
    EXPECT_EQ(checked.error().fields, c.fields) << c.why;
  }
}

TEST(IdpQualityTest, CheckElementReportsEveryProblemAtOnce) {
  AlpElement e = Phonics();
  e.minutes = 601;
  e.sessions = 101;
  e.review_on = Iso("2025-10-01");
  e.rationale = std::string(kMaxPlanText + 1, 'x');
  auto checked = CheckElement(e);
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().fields, (Fields{{"minutes", "idp_error_minutes_range"},
                                            {"sessions", "idp_error_sessions_range"},
                                            {"review_on", "idp_error_review_before_start"},
                                            {"rationale", "idp_error_too_long"}}));
}

// Two people editing the same section: the second save, made from the page before the first was
// saved, is refused and the first person's words are kept.
TEST(IdpConcurrencyTest, SecondSaveOfASectionFromAStalePageConflicts) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  IdpContent mine;
  mine.about.coordinator = "Mrs Siân Jones";
  IdpContent theirs;
  theirs.about.coordinator = "Mr Evans";
  ASSERT_TRUE(Succeeded(SaveSection(idp, IdpSection::kAbout, mine, 0, By(kAlnco))));
  EXPECT_EQ(idp.Revision(SectionPart(IdpSection::kAbout)), 1);

  auto second = SaveSection(idp, IdpSection::kAbout, theirs, 0, By(kOfficer));
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second.error().message, "idp_error_section_conflict");
  EXPECT_EQ(idp.draft->about.coordinator, "Mrs Siân Jones");

  // Another section is not held up by it.
  IdpContent profile;
  profile.profile.admired = "I am a good friend";
  EXPECT_TRUE(Succeeded(SaveSection(idp, IdpSection::kProfile, profile, 0, By(kOfficer))));
  EXPECT_EQ(idp.draft->profile.admired, "I am a good friend");
  // Saved again from the page as it now is, it goes through.
  EXPECT_TRUE(Succeeded(SaveSection(idp, IdpSection::kAbout, theirs, 1, By(kOfficer))));
  EXPECT_EQ(idp.draft->about.coordinator, "Mr Evans");
}

TEST(IdpConcurrencyTest, StaleElementEditsConflict) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  auto key = SaveElement(idp, Phonics(), 0, By(kAlnco));
  ASSERT_TRUE(Succeeded(key));
  ASSERT_EQ(*key, 1);
  AlpElement first = Phonics();
  first.key = 1;
  first.minutes = 20;
  ASSERT_TRUE(Succeeded(SaveElement(idp, first, 1, By(kAlnco))));

  AlpElement second = first;
  second.minutes = 40;
  auto stale = SaveElement(idp, second, 1, By(kOfficer));
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().message, "idp_error_section_conflict");
  EXPECT_EQ(idp.draft->Element(1)->minutes, 20);

  auto removed = RemoveElement(idp, 1, 1, By(kOfficer));
  ASSERT_FALSE(removed.has_value());
  EXPECT_EQ(removed.error().code, ErrorCode::kConflict);
  EXPECT_EQ(removed.error().message, "idp_error_section_conflict");
  ASSERT_NE(idp.draft->Element(1), nullptr);

  EXPECT_TRUE(Succeeded(RemoveElement(idp, 1, 2, By(kOfficer))));
  EXPECT_EQ(idp.draft->Element(1), nullptr);
}

// An element keeps its key through every version, so a key once used is never given to another.
TEST(IdpConcurrencyTest, ElementKeysAreNeverReused) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  auto add = [&](AlpElement e) {
    auto key = SaveElement(idp, e, 0, By(kAlnco));
    EXPECT_TRUE(Succeeded(key));
    return key.has_value() ? *key : 0;
  };
  EXPECT_EQ(add(Phonics()), 1);
  EXPECT_EQ(add(SpeechTherapy()), 2);
  ASSERT_TRUE(Succeeded(RemoveElement(idp, 2, 1, By(kAlnco))));
  EXPECT_EQ(add(SpeechTherapy()), 3);
  ASSERT_TRUE(Succeeded(RemoveElement(idp, 1, 1, By(kAlnco))));
  EXPECT_EQ(add(Phonics()), 4);
  std::vector<int> keys;
  for (const AlpElement& e : idp.draft->elements) keys.push_back(e.key);
  EXPECT_EQ(keys, (std::vector<int>{3, 4}));
}

TEST(IdpFinaliseTest, RefusedWhileFlagsRemainUnlessAnOfficerSaysWhy) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  Fill(idp);
  AlpElement therapy = *idp.draft->Element(2);
  therapy.minutes = 0;  // the health board has not said how long
  ASSERT_TRUE(Succeeded(SaveElement(idp, therapy, 1, By(kAlnco))));

  auto refused = Finalise(idp, SentOn(kSentOn), By(kAlnco, kSentOn));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().fields, (Fields{{"override_reasons", "idp_error_flags_remain"}}));
  EXPECT_TRUE(idp.versions.empty());
  EXPECT_TRUE(idp.draft.has_value());
  EXPECT_EQ(idp.Status(), IdpStatus::kDraft);

  const std::string why = "The health board will confirm therapy time at its next clinic";
  auto accepted = Finalise(idp, SentOn(kSentOn, "", why), By(kAlnco, kSentOn));
  ASSERT_TRUE(Succeeded(accepted));
  EXPECT_EQ(*accepted, 1);
  ASSERT_NE(idp.Current(), nullptr);
  EXPECT_EQ(Describe(idp.Current()->flags),
            (std::vector<std::string>{"nhs/2/alp_amount/Code 23.37"}));
  EXPECT_EQ(idp.Current()->override_reasons, why);
}

TEST(IdpFinaliseTest, ACompletePlanBecomesVersionOneAndTheDraftCloses) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  Fill(idp);
  EXPECT_EQ(idp.Status(), IdpStatus::kDraft);
  // Reasons left in the form from an earlier attempt override nothing and are not kept.
  auto version = Finalise(idp, SentOn(kSentOn, "", "Therapy time to follow"), By(kAlnco, kSentOn));
  ASSERT_TRUE(Succeeded(version));
  EXPECT_EQ(*version, 1);
  EXPECT_FALSE(idp.draft.has_value());
  EXPECT_EQ(idp.Status(), IdpStatus::kInForce);
  ASSERT_NE(idp.Current(), nullptr);
  EXPECT_EQ(idp.Current()->number, 1);
  EXPECT_TRUE(idp.Current()->flags.empty());
  EXPECT_TRUE(idp.Current()->override_reasons.empty());
  EXPECT_EQ(idp.Current()->setting, kYsgolCwm);
  EXPECT_TRUE(Diff(idp.Current()->content, CompleteContent()).empty());
  EXPECT_EQ(idp.ReviewPeriodStartsOn(), Iso(kSentOn));
}

TEST(IdpFinaliseTest, ARevisedPlanNeedsASummaryOfWhatChanged) {
  Idp idp = SchoolPlan();
  ASSERT_TRUE(Succeeded(StartRevision(idp, By(kAlnco, "2026-03-02"))));
  ASSERT_TRUE(idp.draft.has_value());
  AlpElement phonics = *idp.draft->Element(1);
  phonics.minutes = 45;
  ASSERT_TRUE(Succeeded(SaveElement(idp, phonics, 0, By(kAlnco, "2026-03-02"))));

  auto refused = Finalise(idp, SentOn("2026-03-09"), By(kAlnco, "2026-03-09"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields, (Fields{{"change_summary", "idp_error_change_summary"}}));
  EXPECT_EQ(idp.versions.size(), 1u);

  auto revised = Finalise(idp, SentOn("2026-03-09", "Longer phonics sessions after the review"),
                          By(kAlnco, "2026-03-09"));
  ASSERT_TRUE(Succeeded(revised));
  EXPECT_EQ(*revised, 2);
  ASSERT_EQ(idp.versions.size(), 2u);
  EXPECT_EQ(idp.Current()->change_summary, "Longer phonics sessions after the review");
  EXPECT_EQ(idp.versions[0].content.Element(1)->minutes, 30);
  EXPECT_EQ(idp.versions[1].content.Element(1)->minutes, 45);
  EXPECT_EQ(Diff(idp.versions[0].content, idp.versions[1].content).size(), 1u);
}

TEST(IdpFinaliseTest, ANoticeSentTomorrowIsRefused) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  Fill(idp);
  auto refused = Finalise(idp, SentOn("2025-11-04"), By(kAlnco, kSentOn));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields, (Fields{{"sent_on", "idp_error_date_future"}}));
  EXPECT_EQ(idp.Status(), IdpStatus::kDraft);
}

std::string Describe(const IdpChange& c) {
  static const std::map<ChangeKind, std::string> kinds = {
      {ChangeKind::kText, "text"},   {ChangeKind::kDate, "date"},
      {ChangeKind::kCode, "code"},   {ChangeKind::kNumber, "number"},
      {ChangeKind::kAdded, "added"}, {ChangeKind::kRemoved, "removed"}};
  return std::string(Code(c.section)) + "/" + std::to_string(c.element) + "/" + c.field + "/" +
         kinds.at(c.kind) + "/" + c.code_prefix + ": " + c.before + " -> " + c.after;
}

// What changed between two versions, as the family is shown it.
TEST(IdpDiffTest, ListsEachChangeWithItsKind) {
  struct Case {
    const char* why;
    std::function<void(IdpContent&)> change;
    std::vector<std::string> changes;
  };
  const std::vector<Case> cases = {
      {"nothing changed", [](IdpContent&) {}, {}},
      {"a new co-ordinator",
       [](IdpContent& c) { c.about.coordinator = "Mr Evans"; },
       {"about/0/coordinator/text/: Mrs Siân Jones -> Mr Evans"}},
      {"longer sessions",
       [](IdpContent& c) { c.elements[0].minutes = 45; },
       {"provision/1/minutes/number/: 30 -> 45"}},
      {"daily instead of weekly",
       [](IdpContent& c) { c.elements[0].per = ProvisionPeriod::kDay; },
       {"provision/1/per/code/period_: week -> day"}},
      {"an element added",
       [](IdpContent& c) {
         AlpElement e = Phonics();
         e.key = c.next_key++;
         e.provision = "Touch-typing club";
         c.elements.push_back(e);
       },
       {"provision/3/element/added/:  -> Touch-typing club"}},
      {"the therapy removed",
       [](IdpContent& c) { c.elements.erase(c.elements.begin() + 1); },
       {"nhs/2/element/removed/: Speech and language therapy -> "}},
  };
  for (const Case& c : cases) {
    IdpContent after = CompleteContent();
    c.change(after);
    std::vector<std::string> got;
    for (const IdpChange& change : Diff(CompleteContent(), after)) got.push_back(Describe(change));
    EXPECT_EQ(got, c.changes) << c.why;
  }
}

// Who must be invited to a person-centred review (Code ch.23).
TEST(IdpReviewTest, RequiredInviteesNameEachAgencyOnce) {
  IdpContent content = CompleteContent();
  AlpElement again = SpeechTherapy();
  again.key = content.next_key++;
  again.provider_name = "  speech and language therapy, swansea bay uhb ";
  AlpElement ep = Phonics();
  ep.key = content.next_key++;
  ep.provider = ProviderKind::kOtherAgency;
  ep.provider_name = "Educational Psychology Service";
  AlpElement la = Phonics();
  la.key = content.next_key++;
  la.provider = ProviderKind::kLocalAuthority;
  la.provider_name = "Sensory support service";
  content.elements.insert(content.elements.end(), {again, ep, la});

  using K = InviteeKind;
  EXPECT_EQ(
      RequiredInvitees(content, "Eira Morgan", {"Catrin Morgan", "Huw Morgan"}, false,
                       DecidingBody::kSchool, "Ysgol Gynradd Cwm"),
      (std::vector<Invitee>{{K::kLearner, "Eira Morgan", false},
                            {K::kFamily, "Catrin Morgan", false},
                            {K::kFamily, "Huw Morgan", false},
                            {K::kSchool, "Ysgol Gynradd Cwm", false},
                            {K::kAgency, "Speech and Language Therapy, Swansea Bay UHB", false},
                            {K::kAgency, "Educational Psychology Service", false}}));
  // A young person decides for themselves; an LA's plan is reviewed with the LA.
  EXPECT_EQ(
      RequiredInvitees(CompleteContent(), "Rhys Davies", {"Mrs Davies"}, true,
                       DecidingBody::kLocalAuthority, "Neath Port Talbot"),
      (std::vector<Invitee>{{K::kLearner, "Rhys Davies", false},
                            {K::kLocalAuthority, "Neath Port Talbot", false},
                            {K::kAgency, "Speech and Language Therapy, Swansea Bay UHB", false}}));
}

std::vector<Invitee> Required(const Idp& idp) {
  return RequiredInvitees(idp.Current()->content, "Eira Morgan", {"Catrin Morgan"}, false,
                          DecidingBody::kSchool, "Ysgol Gynradd Cwm");
}

// The annual review of SchoolPlan, with everyone there and no change decided.
Review AnnualReview(const Idp& idp) {
  Review review;
  review.held_on = Iso("2026-06-10");
  review.trigger = ReviewTrigger::kAnnual;
  review.invitees = Required(idp);
  for (Invitee& i : review.invitees) i.attended = true;
  review.learner_views = "I can read my library book now";
  review.family_views = "She reads to her brother at bedtime";
  review.progress = {{1, ProgressRating::kGood, "Two errors a page"},
                     {2, ProgressRating::kSome, "Asks for help in short sentences"}};
  review.decision = ReviewDecision::kNoChange;
  review.reasons = "Good progress; the provision is still needed as it is";
  review.notice_given_on = Iso("2026-06-12");
  return review;
}

TEST(IdpReviewTest, RefusesAnIncompleteRecordOfTheMeeting) {
  struct Case {
    const char* why;
    std::function<void(Review&)> change;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"the parent was not invited",
       [](Review& r) { r.invitees.erase(r.invitees.begin() + 1); },
       {{"invitees", "idp_error_invitee_missing"}}},
      {"nobody attended",
       [](Review& r) {
         for (Invitee& i : r.invitees) i.attended = false;
       },
       {{"attended", "idp_error_nobody_attended"}}},
      {"no progress for the therapy outcome",
       [](Review& r) { r.progress.pop_back(); },
       {{"progress_2", "idp_error_progress_missing"}}},
      {"no reasons", [](Review& r) { r.reasons = " "; }, {{"reasons", "idp_error_review_reasons"}}},
      {"held tomorrow",
       [](Review& r) {
         r.held_on = Iso("2026-07-01");
         r.decision = ReviewDecision::kRevise;
       },
       {{"held_on", "idp_error_date_future"}}},
      {"held before the plan was given",
       [](Review& r) {
         r.held_on = Iso("2025-11-02");
         r.notice_given_on = Iso("2025-11-02");
       },
       {{"held_on", "idp_error_date_too_early"}, {"date", kSentOn}}},
      {"no change, and no notice",
       [](Review& r) { r.notice_given_on.reset(); },
       {{"notice_given_on", "idp_error_no_change_notice"}}},
  };
  const Idp plan = SchoolPlan();
  Idp unchanged = plan;
  ASSERT_TRUE(Succeeded(RecordReview(unchanged, AnnualReview(plan), Required(plan), By(kAlnco))));
  for (const Case& c : cases) {
    Idp idp = plan;
    Review review = AnnualReview(idp);
    c.change(review);
    auto recorded = RecordReview(idp, review, Required(idp), By(kAlnco));
    ASSERT_FALSE(recorded.has_value()) << c.why;
    EXPECT_EQ(recorded.error().code, ErrorCode::kInvalidArgument) << c.why;
    EXPECT_EQ(recorded.error().fields, c.fields) << c.why;
    EXPECT_TRUE(idp.reviews.empty()) << c.why;
  }
}

// Act s.23: a notice that the plan will not be revised starts a new review period.
TEST(IdpReviewTest, NoChangeStartsTheReviewPeriodFromItsNotice) {
  Idp idp = SchoolPlan();
  EXPECT_EQ(idp.ReviewPeriodStartsOn(), Iso(kSentOn));
  ASSERT_TRUE(Succeeded(RecordReview(idp, AnnualReview(idp), Required(idp), By(kAlnco))));
  ASSERT_EQ(idp.reviews.size(), 1u);
  EXPECT_EQ(idp.reviews[0].version_reviewed, 1);
  EXPECT_EQ(idp.ReviewPeriodStartsOn(), Iso("2026-06-12"));
  EXPECT_FALSE(idp.draft.has_value());
  EXPECT_EQ(idp.Status(), IdpStatus::kInForce);
}

TEST(IdpReviewTest, ADecisionToReviseOpensADraftOfTheCurrentPlan) {
  Idp idp = SchoolPlan();
  Review review = AnnualReview(idp);
  review.decision = ReviewDecision::kRevise;
  review.reasons = "Therapy to move to the school's own speech and language assistant";
  ASSERT_TRUE(Succeeded(RecordReview(idp, review, Required(idp), By(kAlnco))));
  ASSERT_TRUE(idp.draft.has_value());
  EXPECT_TRUE(Diff(idp.Current()->content, *idp.draft).empty());
  EXPECT_EQ(idp.Status(), IdpStatus::kInForce);
  // A revision is not a notice of no change: the review period is unchanged.
  EXPECT_EQ(idp.ReviewPeriodStartsOn(), Iso(kSentOn));
}

ReviewRequest FromMother(const char* on = "2026-03-02") {
  ReviewRequest request;
  request.by = RequesterKind::kParent;
  request.name = "Catrin Morgan";
  request.requested_on = Iso(on);
  request.reasons = "Eira is anxious about reading aloud since the new term";
  return request;
}

// Act s.23: a review held because it was asked for answers that request.
TEST(IdpReviewTest, AReviewOnRequestMarksTheRequestReviewed) {
  Idp idp = SchoolPlan();
  auto number = RequestReview(idp, FromMother(), By(kAlnco));
  ASSERT_TRUE(Succeeded(number));
  ASSERT_EQ(*number, 1);
  EXPECT_EQ(idp.requests[0].state, RequestState::kPending);
  ASSERT_TRUE(Succeeded(AnswerRequest(idp, 1, true, "", Iso("2026-03-04"), By(kAlnco))));
  EXPECT_EQ(idp.requests[0].state, RequestState::kAccepted);

  Review review = AnnualReview(idp);
  review.trigger = ReviewTrigger::kRequest;
  review.request = 1;
  review.held_on = Iso("2026-03-20");
  review.notice_given_on = Iso("2026-03-23");
  ASSERT_TRUE(Succeeded(RecordReview(idp, review, Required(idp), By(kAlnco))));
  EXPECT_EQ(idp.requests[0].state, RequestState::kReviewed);
}

TEST(IdpReviewRequestTest, AnUnnecessaryReviewNeedsAnAnswerAndIsAnsweredOnce) {
  Idp idp = SchoolPlan();
  ASSERT_TRUE(Succeeded(RequestReview(idp, FromMother(), By(kAlnco))));

  auto unanswered = AnswerRequest(idp, 1, false, "  ", Iso("2026-03-04"), By(kAlnco));
  ASSERT_FALSE(unanswered.has_value());
  EXPECT_EQ(unanswered.error().fields, (Fields{{"answer", "idp_error_unnecessary_reasons"}}));
  EXPECT_EQ(idp.requests[0].state, RequestState::kPending);

  const std::string why = "The plan was reviewed on 20 February; nothing has changed since";
  ASSERT_TRUE(Succeeded(AnswerRequest(idp, 1, false, why, Iso("2026-03-04"), By(kAlnco))));
  EXPECT_EQ(idp.requests[0].state, RequestState::kUnnecessary);
  EXPECT_EQ(idp.requests[0].answer, why);

  auto again = AnswerRequest(idp, 1, true, "", Iso("2026-03-05"), By(kOfficer));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "idp_error_request_answered");
  EXPECT_EQ(idp.requests[0].state, RequestState::kUnnecessary);
}

TEST(IdpReviewRequestTest, APlanNotYetGivenCannotBeAskedToBeReviewed) {
  Idp idp = Started(Pupil(), DecidingBody::kSchool, kYsgolCwm);
  Fill(idp);
  auto refused = RequestReview(idp, FromMother(), By(kAlnco));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message, "idp_error_not_in_force");
  EXPECT_TRUE(idp.requests.empty());
}

Cessation CeasedOn(const char* on, std::string reasons) {
  Cessation c;
  c.decided_on = Iso(on);
  c.reasons = std::move(reasons);
  c.method = NoticeMethod::kEmail;
  c.sent_on = Iso(on);
  c.given_on = Iso(on);
  c.reconsider_by = Iso("2026-07-13");
  return c;
}

TEST(IdpCeaseTest, ACeasedPlanTakesNoFurtherSteps) {
  Idp idp = SchoolPlan();
  auto no_reasons = Cease(idp, CeasedOn("2026-06-15", " "), By(kAlnco));
  ASSERT_FALSE(no_reasons.has_value());
  EXPECT_EQ(no_reasons.error().fields, (Fields{{"reasons", "idp_error_cease_reasons"}}));
  EXPECT_EQ(idp.Status(), IdpStatus::kInForce);

  ASSERT_TRUE(Succeeded(Cease(
      idp, CeasedOn("2026-06-15", "Eira reads at her age; she no longer has ALN"), By(kAlnco))));
  EXPECT_EQ(idp.Status(), IdpStatus::kCeased);

  auto expect_ceased = [](const Error& e, const char* step) {
    EXPECT_EQ(e.code, ErrorCode::kConflict) << step;
    EXPECT_EQ(e.message, "idp_error_ceased") << step;
  };
  auto request = RequestReview(idp, FromMother("2026-06-20"), By(kAlnco));
  ASSERT_FALSE(request.has_value());
  expect_ceased(request.error(), "RequestReview");
  auto revision = StartRevision(idp, By(kAlnco));
  ASSERT_FALSE(revision.has_value());
  expect_ceased(revision.error(), "StartRevision");
  EXPECT_FALSE(idp.draft.has_value());
  PlanMove move;
  move.kind = MoveKind::kNewSchool;
  move.on = Iso("2026-06-22");
  auto moved = Move(idp, move, Pupil(), SettingOf(kYsgolBaglan), By(kAlnco));
  ASSERT_FALSE(moved.has_value());
  expect_ceased(moved.error(), "Move");
  EXPECT_EQ(idp.setting, kYsgolCwm);
}

// Regs reg 12: a school's decision to cease is reconsidered by the LA; an LA's or an FEI's is
// appealed to the tribunal.
TEST(IdpCeaseTest, OnlyASchoolsDecisionIsReconsidered) {
  EXPECT_TRUE(CeaseIsReconsidered(DecidingBody::kSchool));
  EXPECT_FALSE(CeaseIsReconsidered(DecidingBody::kLocalAuthority));
  EXPECT_FALSE(CeaseIsReconsidered(DecidingBody::kFei));
}

PlanMove MoveOf(MoveKind kind, const char* on, const char* entitlement_until = "",
                LocalAuthorityId to_la = {}) {
  PlanMove move;
  move.kind = kind;
  move.on = Iso(on);
  if (*entitlement_until) move.entitlement_until = Iso(entitlement_until);
  move.to_local_authority = to_la;
  return move;
}

// `learner`'s plan in force, maintained by `body` (a school's plan at the learner's school).
Idp PlanOf(const Learner& learner, DecidingBody body) {
  const bool young = learner.id == YoungPerson().id;
  std::optional<SettingId> at;
  if (body != DecidingBody::kLocalAuthority) at = young ? kYsgolAfan : kYsgolCwm;
  return young ? InForce(learner, body, at, "2023-10-02", "2023-11-06")
               : InForce(learner, body, at);
}

struct MoveCase {
  const char* why;
  Learner (*learner)();
  DecidingBody plan_body;
  PlanMove move;
  std::optional<SettingId> to;
  Fields refused;  // empty: accepted, and then maintained by:
  DecidingBody body = DecidingBody::kSchool;
  LocalAuthorityId la{};
  std::optional<SettingId> setting{};
};

void RunMoves(const std::vector<MoveCase>& cases) {
  for (const MoveCase& c : cases) {
    const Learner learner = c.learner();
    Idp idp = PlanOf(learner, c.plan_body);
    const Idp before = idp;
    auto moved = Move(idp, c.move, learner, SettingOf(c.to), By(kOfficer));
    if (!c.refused.empty()) {
      ASSERT_FALSE(moved.has_value()) << c.why;
      EXPECT_EQ(moved.error().code, ErrorCode::kInvalidArgument) << c.why;
      EXPECT_EQ(moved.error().fields, c.refused) << c.why;
      EXPECT_EQ(Code(idp.body), Code(before.body)) << c.why;
      EXPECT_EQ(idp.maintaining_la, before.maintaining_la) << c.why;
      EXPECT_EQ(idp.setting, before.setting) << c.why;
      EXPECT_TRUE(idp.moves.empty()) << c.why;
      continue;
    }
    ASSERT_TRUE(Succeeded(moved)) << c.why;
    EXPECT_EQ(Code(idp.body), Code(c.body)) << c.why;
    EXPECT_EQ(idp.maintaining_la, c.la) << c.why;
    EXPECT_EQ(idp.setting, c.setting) << c.why;
    ASSERT_EQ(idp.moves.size(), 1u) << c.why;
    EXPECT_EQ(Code(idp.moves[0].from_body), Code(c.plan_body)) << c.why;
  }
}

constexpr DecidingBody kSchoolPlan = DecidingBody::kSchool;
constexpr DecidingBody kLaPlan = DecidingBody::kLocalAuthority;

// How a plan moves with the learner (REFERENCE section 5).
TEST(IdpMoveTest, ThePlanMovesToWhoeverMaintainsItNext) {
  using M = MoveKind;
  const DecidingBody school = DecidingBody::kSchool;
  const DecidingBody la = DecidingBody::kLocalAuthority;
  const DecidingBody fei = DecidingBody::kFei;
  RunMoves({
      {"to a school where the learner is registered",
       Pupil,
       kSchoolPlan,
       MoveOf(M::kNewSchool, "2026-02-23"),
       kYsgolBaglan,
       {},
       school,
       kNeathPortTalbot,
       kYsgolBaglan},
      {"an LA's plan stays with the LA of the new school",
       PupilMovingToSwansea,
       kLaPlan,
       MoveOf(M::kNewSchool, "2026-04-13"),
       kYsgolBryn,
       {},
       la,
       kSwansea,
       std::nullopt},
      {"dually registered: the learner's LA maintains it",
       DuallyRegisteredPupil,
       kSchoolPlan,
       MoveOf(M::kDualRegistration, "2026-03-02"),
       std::nullopt,
       {},
       la,
       kNeathPortTalbot,
       std::nullopt},
      {"to an FEI, entitled for exactly 2 years",
       YoungPerson,
       kSchoolPlan,
       MoveOf(M::kFei, "2024-09-02", "2026-09-02"),
       kColeg,
       {},
       fei,
       kNeathPortTalbot,
       kColeg},
      {"an LA's plan to the learner's new LA",
       Pupil,
       kLaPlan,
       MoveOf(M::kNewLocalAuthority, "2026-04-13", "", kSwansea),
       std::nullopt,
       {},
       la,
       kSwansea,
       std::nullopt},
  });
}

TEST(IdpMoveTest, RefusesAMoveThePlanCannotMake) {
  using M = MoveKind;
  RunMoves({
      {"to a school before the learner is registered there",
       Pupil,
       kSchoolPlan,
       MoveOf(M::kNewSchool, "2026-02-20"),
       kYsgolBaglan,
       {{"to_setting", "idp_error_move_not_registered"}}},
      {"to a school the learner was never registered at",
       Pupil,
       kSchoolPlan,
       MoveOf(M::kNewSchool, "2026-02-23"),
       kYsgolBryn,
       {{"to_setting", "idp_error_move_not_registered"}}},
      {"a PRU as a new school",
       DuallyRegisteredPupil,
       kSchoolPlan,
       MoveOf(M::kNewSchool, "2026-03-02"),
       kPru,
       {{"to_setting", "idp_error_move_not_school"}}},
      {"an FEI as a new school",
       Pupil,
       kSchoolPlan,
       MoveOf(M::kNewSchool, "2026-02-23"),
       kColeg,
       {{"to_setting", "idp_error_move_not_school"}}},
      {"an independent school as a new school",
       Pupil,
       kSchoolPlan,
       MoveOf(M::kNewSchool, "2026-02-23"),
       kPrepSchool,
       {{"to_setting", "idp_error_move_not_school"}}},
      {"dual registration before the second registration",
       DuallyRegisteredPupil,
       kSchoolPlan,
       MoveOf(M::kDualRegistration, "2026-02-27"),
       std::nullopt,
       {{"moved_on", "idp_error_move_not_dual"}}},
      {"to an FEI before compulsory school age ends",
       YoungPerson,
       kSchoolPlan,
       MoveOf(M::kFei, "2024-06-14", "2026-06-14"),
       kColeg,
       {{"moved_on", "idp_error_move_not_post16"}}},
      {"to an FEI, entitled for 2 years and a day",
       YoungPerson,
       kSchoolPlan,
       MoveOf(M::kFei, "2024-09-02", "2026-09-03"),
       kColeg,
       {{"entitlement_until", "idp_error_entitlement_range"}}},
      {"to an FEI, entitlement ending the day of the move",
       YoungPerson,
       kSchoolPlan,
       MoveOf(M::kFei, "2024-09-02", "2024-09-02"),
       kColeg,
       {{"entitlement_until", "idp_error_entitlement_range"}}},
      {"to an FEI with no entitlement given",
       YoungPerson,
       kSchoolPlan,
       MoveOf(M::kFei, "2024-09-02"),
       kColeg,
       {{"entitlement_until", "idp_error_entitlement_missing"}}},
      {"to an FEI that is a school",
       YoungPerson,
       kSchoolPlan,
       MoveOf(M::kFei, "2024-09-02", "2026-09-02"),
       kYsgolAfan,
       {{"to_setting", "idp_error_move_not_fei"}}},
      {"a school's plan to a new LA",
       Pupil,
       kSchoolPlan,
       MoveOf(M::kNewLocalAuthority, "2026-04-13", "", kSwansea),
       std::nullopt,
       {{"kind", "idp_error_move_not_la_plan"}}},
      {"an LA's plan to the same LA",
       Pupil,
       kLaPlan,
       MoveOf(M::kNewLocalAuthority, "2026-04-13", "", kNeathPortTalbot),
       std::nullopt,
       {{"to_la", "idp_error_move_same_la"}}},
  });
}

// Learner::OfCompulsorySchoolAge: the learner is still of compulsory school age on the day it
// ends (the last Friday of June), so the plan moves to an FEI no earlier than the day after.
TEST(IdpMoveTest, AnFeiMoveOnTheLastDayOfCompulsorySchoolAgeIsRefused) {
  ASSERT_EQ(CompulsorySchoolAgeEnds(YoungPerson().date_of_birth), Iso("2024-06-28"));
  ASSERT_TRUE(OfCompulsorySchoolAge(YoungPerson().date_of_birth, Iso("2024-06-28")));
  RunMoves({
      {"the day after compulsory school age ends",
       YoungPerson,
       kSchoolPlan,
       MoveOf(MoveKind::kFei, "2024-06-29", "2026-06-29"),
       kColeg,
       {},
       DecidingBody::kFei,
       kNeathPortTalbot,
       kColeg},
      {"the last day of compulsory school age",
       YoungPerson,
       kSchoolPlan,
       MoveOf(MoveKind::kFei, "2024-06-28", "2026-06-28"),
       kColeg,
       {{"moved_on", "idp_error_move_not_post16"}}},
  });
}

// A looked-after child's IDP links to their Personal Education Plan.
TEST(IdpPepTest, OnlyALookedAfterChildsPlanLinksToAPep) {
  Idp idp = SchoolPlan();
  auto refused = LinkPep(idp, Pupil(), "PEP-2026-0147", Iso("2026-01-12"), By(kOfficer));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields, (Fields{{"pep_reference", "idp_error_pep_not_looked_after"}}));
  EXPECT_TRUE(idp.pep_reference.empty());

  Learner looked_after = Pupil();
  looked_after.looked_after = true;
  looked_after.looked_after_by = kSwansea;
  ASSERT_TRUE(
      Succeeded(LinkPep(idp, looked_after, " PEP-2026-0147 ", Iso("2026-01-12"), By(kOfficer))));
  EXPECT_EQ(idp.pep_reference, "PEP-2026-0147");
  EXPECT_EQ(idp.pep_dated, Iso("2026-01-12"));
}

}  // namespace
}  // namespace cynnal::domain
