#include "domain/family_contact.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;

// The world of these tests: Ysgol Cwm, a Blaenau Gwent primary, and its contacts with the
// families of three learners in the autumn term of 2025/26. Today is Monday 3 November 2025.
constexpr LocalAuthorityId kBlaenauGwent{1};
constexpr SettingId kYsgolCwm{10};
constexpr LearnerId kCerys{100};
constexpr LearnerId kDylan{101};
constexpr LearnerId kElin{102};
constexpr FamilyMemberId kCerysMam{200};
constexpr UserId kAlnco{31};
constexpr Date kToday{std::chrono::year{2025}, std::chrono::month{11}, std::chrono::day{3}};

template <typename T>
::testing::AssertionResult Succeeded(const Result<T>& result) {
  if (result.has_value()) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure() << result.error().message;
  for (const auto& [field, message] : result.error().fields) {
    failure << " " << field << "=" << message;
  }
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

std::string Repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// A telephone call from the school to Cerys's mother on Monday 20 October 2025, about how Cerys
// is getting on, with nothing agreed and no follow-up.
FamilyContact CallWithCerysMam() {
  FamilyContact c;
  c.id = FamilyContactId{1};
  c.local_authority = kBlaenauGwent;
  c.learner = kCerys;
  c.setting = kYsgolCwm;
  c.family_member = kCerysMam;
  c.on = Iso("2025-10-20");
  c.method = ContactMethod::kPhone;
  c.purpose = ContactPurpose::kProgress;
  c.started_by = ContactStarter::kSchool;
  c.language = LetterLanguage::kWelsh;
  c.summary = "Siaradwyd am ddarllen Cerys: mae'n mwynhau'r grŵp bach.";
  c.by = kAlnco;
  return c;
}

// A contact with `learner` on `on`, with a follow-up agreed by `follow_up_by` (if given) and made
// on `followed_up_on` (if given).
FamilyContact ContactOn(LearnerId learner, const char* on, ContactMethod method,
                        ContactPurpose purpose, std::optional<const char*> follow_up_by = {},
                        std::optional<const char*> followed_up_on = {}) {
  FamilyContact c = CallWithCerysMam();
  c.learner = learner;
  c.on = Iso(on);
  c.method = method;
  c.purpose = purpose;
  c.language = LetterLanguage::kEnglish;
  if (follow_up_by) c.follow_up_by = Iso(*follow_up_by);
  if (followed_up_on) c.followed_up_on = Iso(*followed_up_on);
  return c;
}

// ---------------------------------------------------------------------------------------------
// Checking a contact as typed

TEST(FamilyContactCheck, AcceptsAContactAtTheEdgesOfEachLimit) {
  struct Case {
    const char* why;
    std::function<void(FamilyContact&)> change;
  };
  const std::vector<Case> cases = {
      {"as it is", [](FamilyContact&) {}},
      {"held today", [](FamilyContact& c) { c.on = kToday; }},
      {"with someone named instead of a family member",
       [](FamilyContact& c) {
         c.family_member.reset();
         c.with_name = "Mr Ifan Prŷs (taid)";
       }},
      {"with a name of 200 Welsh letters",
       [](FamilyContact& c) {
         c.family_member.reset();
         c.with_name = Repeat("ŵ", 200);
       }},
      {"with a name of 200 letters and spaces around",
       [](FamilyContact& c) {
         c.family_member.reset();
         c.with_name = "  " + Repeat("a", 200) + " \t";
       }},
      {"a summary of 4,000 Welsh letters", [](FamilyContact& c) { c.summary = Repeat("ŵ", 4000); }},
      {"a summary of 4,000 letters and spaces around",
       [](FamilyContact& c) { c.summary = "\n  " + Repeat("y", 4000) + "  \n"; }},
      {"actions of 2,000 Welsh letters", [](FamilyContact& c) { c.actions = Repeat("ŷ", 2000); }},
      {"no actions", [](FamilyContact& c) { c.actions = ""; }},
      {"a follow-up on the day of the contact",
       [](FamilyContact& c) { c.follow_up_by = Iso("2025-10-20"); }},
      {"a follow-up due after today", [](FamilyContact& c) { c.follow_up_by = Iso("2025-12-19"); }},
      {"followed up on the day of the contact",
       [](FamilyContact& c) {
         c.follow_up_by = Iso("2025-10-24");
         c.followed_up_on = Iso("2025-10-20");
       }},
      {"followed up today",
       [](FamilyContact& c) {
         c.follow_up_by = Iso("2025-10-24");
         c.followed_up_on = kToday;
       }},
      {"held by the LA's officers, at no school", [](FamilyContact& c) { c.setting.reset(); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    FamilyContact contact = CallWithCerysMam();
    c.change(contact);
    EXPECT_TRUE(Succeeded(CheckFamilyContact(contact, kToday)));
  }
}

TEST(FamilyContactCheck, RefusesEachFieldInError) {
  struct Case {
    const char* why;
    std::function<void(FamilyContact&)> change;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"held tomorrow",
       [](FamilyContact& c) { c.on = Iso("2025-11-04"); },
       {{"on", "family_contact_error_future"}}},
      {"with no one",
       [](FamilyContact& c) {
         c.family_member.reset();
         c.with_name = "";
       },
       {{"with", "family_contact_error_with"}}},
      {"with a name of spaces",
       [](FamilyContact& c) {
         c.family_member.reset();
         c.with_name = " \t\n ";
       },
       {{"with", "family_contact_error_with"}}},
      {"with a name of 201 Welsh letters",
       [](FamilyContact& c) {
         c.family_member.reset();
         c.with_name = Repeat("ŷ", 201);
       },
       {{"with", "family_contact_error_with_long"}}},
      {"no summary",
       [](FamilyContact& c) { c.summary = ""; },
       {{"summary", "family_contact_error_summary"}}},
      {"a summary of spaces",
       [](FamilyContact& c) { c.summary = "  \r\n\t "; },
       {{"summary", "family_contact_error_summary"}}},
      {"a summary of 4,001 Welsh letters",
       [](FamilyContact& c) { c.summary = Repeat("ŵ", 4001); },
       {{"summary", "family_contact_error_summary_long"}}},
      {"actions of 2,001 Welsh letters",
       [](FamilyContact& c) { c.actions = Repeat("ŷ", 2001); },
       {{"actions", "family_contact_error_actions_long"}}},
      {"a follow-up the day before the contact",
       [](FamilyContact& c) { c.follow_up_by = Iso("2025-10-19"); },
       {{"follow_up_by", "family_contact_error_follow_up_before"}}},
      {"followed up the day before the contact",
       [](FamilyContact& c) {
         c.follow_up_by = Iso("2025-10-24");
         c.followed_up_on = Iso("2025-10-19");
       },
       {{"followed_up_on", "family_contact_error_followed_up_before"}}},
      {"followed up tomorrow",
       [](FamilyContact& c) {
         c.follow_up_by = Iso("2025-10-24");
         c.followed_up_on = Iso("2025-11-04");
       },
       {{"followed_up_on", "family_contact_error_future"}}},
      {"everything at once",
       [](FamilyContact& c) {
         c.on = Iso("2025-11-10");
         c.family_member.reset();
         c.with_name = "";
         c.summary = " ";
         c.actions = Repeat("a", 2001);
         c.follow_up_by = Iso("2025-11-07");
         c.followed_up_on = Iso("2025-11-08");
       },
       {{"on", "family_contact_error_future"},
        {"with", "family_contact_error_with"},
        {"summary", "family_contact_error_summary"},
        {"actions", "family_contact_error_actions_long"},
        {"follow_up_by", "family_contact_error_follow_up_before"},
        {"followed_up_on", "family_contact_error_followed_up_before"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    FamilyContact contact = CallWithCerysMam();
    c.change(contact);
    EXPECT_TRUE(Refused(CheckFamilyContact(contact, kToday), ErrorCode::kInvalidArgument,
                        "family_contact_error_title", c.fields));
  }
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

TEST(FamilyContactFollowUp, StandsAsNoneDueOverdueOrDoneOnTheDay) {
  struct Case {
    const char* why;
    std::optional<const char*> follow_up_by;
    std::optional<const char*> followed_up_on;
    FollowUpState state;
  };
  const std::vector<Case> cases = {
      {"none agreed", std::nullopt, std::nullopt, FollowUpState::kNone},
      {"due today", "2025-11-03", std::nullopt, FollowUpState::kDue},
      {"due tomorrow", "2025-11-04", std::nullopt, FollowUpState::kDue},
      {"due yesterday, not done", "2025-11-02", std::nullopt, FollowUpState::kOverdue},
      {"due last week, not done", "2025-10-24", std::nullopt, FollowUpState::kOverdue},
      {"done on time", "2025-10-24", "2025-10-22", FollowUpState::kDone},
      {"done late", "2025-10-24", "2025-10-31", FollowUpState::kDone},
      {"done early, before its date", "2025-11-14", "2025-11-03", FollowUpState::kDone},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    FamilyContact contact = ContactOn(kCerys, "2025-10-20", ContactMethod::kPhone,
                                      ContactPurpose::kProgress, c.follow_up_by, c.followed_up_on);
    EXPECT_EQ(FollowUpOf(contact, kToday), c.state);
  }
}

TEST(FamilyContactRecordFollowUp, RefusesWhenNoneWasAgreedOrItIsAlreadyRecorded) {
  struct Case {
    const char* why;
    std::optional<const char*> follow_up_by;
    std::optional<const char*> followed_up_on;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"no follow-up agreed", std::nullopt, std::nullopt, "family_contact_error_no_follow_up"},
      {"already recorded", "2025-10-24", "2025-10-23", "family_contact_error_followed_up"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    FamilyContact contact = ContactOn(kCerys, "2025-10-20", ContactMethod::kPhone,
                                      ContactPurpose::kProgress, c.follow_up_by, c.followed_up_on);
    const FamilyContact before = contact;
    EXPECT_TRUE(Refused(RecordFollowUp(contact, Iso("2025-10-31"), kToday), ErrorCode::kConflict,
                        c.message));
    EXPECT_EQ(contact.followed_up_on, before.followed_up_on);
  }
}

TEST(FamilyContactRecordFollowUp, RefusesADateBeforeTheContactOrAfterToday) {
  struct Case {
    const char* why;
    const char* on;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"the day before the contact", "2025-10-19", "family_contact_error_followed_up_before"},
      {"a month before the contact", "2025-09-20", "family_contact_error_followed_up_before"},
      {"tomorrow", "2025-11-04", "family_contact_error_future"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    FamilyContact contact = ContactOn(kCerys, "2025-10-20", ContactMethod::kPhone,
                                      ContactPurpose::kProgress, "2025-10-24");
    EXPECT_TRUE(Refused(RecordFollowUp(contact, Iso(c.on), kToday), ErrorCode::kInvalidArgument,
                        "family_contact_error_title", {{"followed_up_on", c.message}}));
    EXPECT_FALSE(contact.followed_up_on.has_value());
    EXPECT_EQ(FollowUpOf(contact, kToday), FollowUpState::kOverdue);
  }
}

TEST(FamilyContactRecordFollowUp, RecordsTheDayItWasMade) {
  struct Case {
    const char* why;
    const char* on;
  };
  const std::vector<Case> cases = {
      {"on the day of the contact", "2025-10-20"},
      {"before it was due", "2025-10-22"},
      {"after it was due", "2025-10-31"},
      {"today", "2025-11-03"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    FamilyContact contact = ContactOn(kCerys, "2025-10-20", ContactMethod::kPhone,
                                      ContactPurpose::kProgress, "2025-10-24");
    ASSERT_TRUE(Succeeded(RecordFollowUp(contact, Iso(c.on), kToday)));
    EXPECT_EQ(contact.followed_up_on, std::optional<Date>(Iso(c.on)));
    EXPECT_EQ(contact.follow_up_by, std::optional<Date>(Iso("2025-10-24")));
    EXPECT_EQ(FollowUpOf(contact, kToday), FollowUpState::kDone);
  }
}

// ---------------------------------------------------------------------------------------------
// A school's liaison over a period

std::vector<std::pair<ContactMethod, int>> Methods(std::map<ContactMethod, int> counts) {
  std::vector<std::pair<ContactMethod, int>> out;
  for (auto m : AllContactMethods()) out.emplace_back(m, counts[m]);
  return out;
}

std::vector<std::pair<ContactPurpose, int>> Purposes(std::map<ContactPurpose, int> counts) {
  std::vector<std::pair<ContactPurpose, int>> out;
  for (auto p : AllContactPurposes()) out.emplace_back(p, counts[p]);
  return out;
}

TEST(SummariseLiaisonTest, CountsTheContactsOfThePeriodAndEveryFollowUpAsItStandsToday) {
  using enum ContactMethod;
  using enum ContactPurpose;
  // The first half of the autumn term, 1 September to 31 October 2025.
  std::vector<FamilyContact> contacts = {
      // Before the period: only its overdue follow-up counts.
      ContactOn(kCerys, "2025-08-31", kLetter, kDecision, "2025-09-05"),
      // The first day of the period, started by the family, in Welsh.
      ContactOn(kCerys, "2025-09-01", kMeeting, kPlanning),
      // The last day of the period, with a follow-up due next week.
      ContactOn(kDylan, "2025-10-31", kEmail, kConcern, "2025-11-10"),
      // Started by the family, its follow-up done.
      ContactOn(kDylan, "2025-10-15", kPhone, kProgress, "2025-10-20", "2025-10-17"),
      // By the LA, its follow-up overdue.
      ContactOn(kCerys, "2025-10-01", kVideoCall, kTransition, "2025-10-02"),
      // After the period, in Welsh: only its follow-up, due today, counts.
      ContactOn(kElin, "2025-11-01", kHomeVisit, kWellbeing, "2025-11-03"),
  };
  contacts[1].started_by = ContactStarter::kFamily;
  contacts[1].language = LetterLanguage::kWelsh;
  contacts[3].started_by = ContactStarter::kFamily;
  contacts[4].started_by = ContactStarter::kLocalAuthority;
  contacts[4].setting.reset();
  contacts[5].language = LetterLanguage::kWelsh;
  contacts[5].started_by = ContactStarter::kFamily;

  LiaisonSummary s = SummariseLiaison(contacts, Iso("2025-09-01"), Iso("2025-10-31"), kToday);
  EXPECT_EQ(s.contacts, 4);
  EXPECT_EQ(s.learners_contacted, 2);
  EXPECT_EQ(s.started_by_family, 2);
  EXPECT_EQ(s.in_welsh, 1);
  EXPECT_EQ(s.follow_ups_overdue, 2);
  EXPECT_EQ(s.follow_ups_due, 2);
  EXPECT_EQ(s.by_method, Methods({{kPhone, 1}, {kMeeting, 1}, {kVideoCall, 1}, {kEmail, 1}}));
  EXPECT_EQ(s.by_purpose,
            Purposes({{kConcern, 1}, {kPlanning, 1}, {kProgress, 1}, {kTransition, 1}}));
}

TEST(SummariseLiaisonTest, ThePeriodIncludesBothItsFirstAndLastDays) {
  struct Case {
    const char* why;
    const char* on;
    int counted;
  };
  const std::vector<Case> cases = {
      {"the day before the period", "2025-08-31", 0},
      {"the first day", "2025-09-01", 1},
      {"a day within", "2025-10-06", 1},
      {"the last day", "2025-10-31", 1},
      {"the day after the period", "2025-11-01", 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    const std::vector<FamilyContact> contacts = {
        ContactOn(kCerys, c.on, ContactMethod::kEmail, ContactPurpose::kOther)};
    LiaisonSummary s = SummariseLiaison(contacts, Iso("2025-09-01"), Iso("2025-10-31"), kToday);
    EXPECT_EQ(s.contacts, c.counted);
    EXPECT_EQ(s.learners_contacted, c.counted);
    EXPECT_EQ(s.by_method, Methods({{ContactMethod::kEmail, c.counted}}));
    EXPECT_EQ(s.by_purpose, Purposes({{ContactPurpose::kOther, c.counted}}));
  }
}

TEST(SummariseLiaisonTest, ALearnerContactedOftenCountsOnce) {
  const std::vector<FamilyContact> contacts = {
      ContactOn(kCerys, "2025-09-10", ContactMethod::kPhone, ContactPurpose::kProgress),
      ContactOn(kCerys, "2025-09-24", ContactMethod::kPhone, ContactPurpose::kProgress),
      ContactOn(kCerys, "2025-10-08", ContactMethod::kMeeting, ContactPurpose::kPlanning),
      ContactOn(kElin, "2025-10-08", ContactMethod::kPhone, ContactPurpose::kProgress),
  };
  LiaisonSummary s = SummariseLiaison(contacts, Iso("2025-09-01"), Iso("2025-10-31"), kToday);
  EXPECT_EQ(s.contacts, 4);
  EXPECT_EQ(s.learners_contacted, 2);
  EXPECT_EQ(s.by_method, Methods({{ContactMethod::kPhone, 3}, {ContactMethod::kMeeting, 1}}));
}

TEST(SummariseLiaisonTest, NoContactsGiveZeroForEveryMethodAndPurposeInTableOrder) {
  LiaisonSummary s = SummariseLiaison({}, Iso("2025-09-01"), Iso("2025-10-31"), kToday);
  EXPECT_EQ(s.contacts, 0);
  EXPECT_EQ(s.learners_contacted, 0);
  EXPECT_EQ(s.follow_ups_overdue, 0);
  EXPECT_EQ(s.follow_ups_due, 0);
  EXPECT_EQ(s.started_by_family, 0);
  EXPECT_EQ(s.in_welsh, 0);
  using enum ContactMethod;
  using enum ContactPurpose;
  EXPECT_EQ(s.by_method, (std::vector<std::pair<ContactMethod, int>>{{kPhone, 0},
                                                                     {kMeeting, 0},
                                                                     {kVideoCall, 0},
                                                                     {kEmail, 0},
                                                                     {kLetter, 0},
                                                                     {kHomeVisit, 0}}));
  EXPECT_EQ(s.by_purpose, (std::vector<std::pair<ContactPurpose, int>>{{kConcern, 0},
                                                                       {kPlanning, 0},
                                                                       {kProgress, 0},
                                                                       {kDecision, 0},
                                                                       {kDisagreement, 0},
                                                                       {kTransition, 0},
                                                                       {kWellbeing, 0},
                                                                       {kOther, 0}}));
}

// ---------------------------------------------------------------------------------------------
// Codes

TEST(FamilyContactCodes, EveryMethodHasItsCodeAndComesBackFromIt) {
  using enum ContactMethod;
  const std::vector<std::pair<ContactMethod, std::string>> table = {
      {kPhone, "phone"}, {kMeeting, "meeting"}, {kVideoCall, "video_call"},
      {kEmail, "email"}, {kLetter, "letter"},   {kHomeVisit, "home_visit"},
  };
  ASSERT_EQ(AllContactMethods().size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& [method, code] = table[i];
    SCOPED_TRACE(code);
    EXPECT_EQ(AllContactMethods()[i], method);
    EXPECT_EQ(Code(method), code);
    EXPECT_EQ(ContactMethodFromCode(code), std::optional<ContactMethod>(method));
  }
}

TEST(FamilyContactCodes, EveryPurposeHasItsCodeAndComesBackFromIt) {
  using enum ContactPurpose;
  const std::vector<std::pair<ContactPurpose, std::string>> table = {
      {kConcern, "concern"},           {kPlanning, "planning"},
      {kProgress, "progress"},         {kDecision, "decision"},
      {kDisagreement, "disagreement"}, {kTransition, "transition"},
      {kWellbeing, "wellbeing"},       {kOther, "other"},
  };
  ASSERT_EQ(AllContactPurposes().size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& [purpose, code] = table[i];
    SCOPED_TRACE(code);
    EXPECT_EQ(AllContactPurposes()[i], purpose);
    EXPECT_EQ(Code(purpose), code);
    EXPECT_EQ(ContactPurposeFromCode(code), std::optional<ContactPurpose>(purpose));
  }
}

TEST(FamilyContactCodes, EveryStarterHasItsCodeAndComesBackFromIt) {
  using enum ContactStarter;
  const std::vector<std::pair<ContactStarter, std::string>> table = {
      {kFamily, "family"},
      {kSchool, "school"},
      {kLocalAuthority, "la"},
  };
  ASSERT_EQ(AllContactStarters().size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto& [starter, code] = table[i];
    SCOPED_TRACE(code);
    EXPECT_EQ(AllContactStarters()[i], starter);
    EXPECT_EQ(Code(starter), code);
    EXPECT_EQ(ContactStarterFromCode(code), std::optional<ContactStarter>(starter));
  }
}

TEST(FamilyContactCodes, AnUnknownCodeIsNone) {
  for (const char* code : {"", "Phone", "PHONE", "video-call", "ffôn", "phone ", "school ", "LA",
                           "local_authority", "unknown"}) {
    SCOPED_TRACE(std::string("'") + code + "'");
    EXPECT_FALSE(ContactMethodFromCode(code).has_value());
    EXPECT_FALSE(ContactPurposeFromCode(code).has_value());
    EXPECT_FALSE(ContactStarterFromCode(code).has_value());
  }
}

}  // namespace
}  // namespace cynnal::domain
