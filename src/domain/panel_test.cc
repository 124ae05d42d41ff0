#include "domain/panel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/access_policy.h"
#include "domain/bank_holidays.h"
#include "domain/timescale.h"
#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;

// The world of these tests: Blaenau Gwent's primary panel (ages 3-11) and its members. Ysgol Cwm
// and Ysgol Bryn are two of its primaries, each with a representative on the panel; Ysgol Glan
// has none. Torfaen is a neighbouring LA.
constexpr LocalAuthorityId kBlaenauGwent{1};
constexpr LocalAuthorityId kTorfaen{2};
constexpr PanelId kPrimaryPanel{1};
constexpr SettingId kYsgolCwm{10};
constexpr SettingId kYsgolBryn{11};
constexpr SettingId kYsgolGlan{12};
constexpr PanelMeetingId kMeeting{5};
constexpr PanelMeetingId kNextMeeting{6};
constexpr PanelReferralId kReferral{40};
constexpr PanelReferralId kSecondReferral{41};
constexpr LearnerId kLearner{100};
constexpr FamilyMemberId kMother{200};

// The members' keys, in the order PrimaryPanel() adds them.
constexpr int kChair = 1;              // the LA's lead officer for inclusion
constexpr int kActingChair = 2;        // the principal educational psychologist
constexpr int kPsychologist = 3;       //
constexpr int kInclusionOfficer = 4;   //
constexpr int kCwmRepresentative = 5;  // Ysgol Cwm's headteacher
constexpr int kBrynRepresentative = 6;
constexpr int kAdministrator = 7;
constexpr int kSnapCymru = 8;      // parental representation, no account
constexpr int kFormerOfficer = 9;  // an inclusion officer who has stood down
constexpr int kNotAMember = 99;

// Their sign-in accounts; kOfficerUser is an LA officer who is not a member.
constexpr UserId kChairUser{31};
constexpr UserId kActingChairUser{32};
constexpr UserId kPsychologistUser{33};
constexpr UserId kCwmRepresentativeUser{35};
constexpr UserId kAdministratorUser{37};
constexpr UserId kFormerOfficerUser{39};
constexpr UserId kOtherPanelUser{40};  // a member of another panel
constexpr UserId kOfficerUser{50};

constexpr const char* kMeetingDay = "2025-11-12";  // a Wednesday in the autumn term

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
                                   const std::string& message) {
  if (result.has_value()) return ::testing::AssertionFailure() << "succeeded";
  if (result.error().code != code || result.error().message != message)
    return ::testing::AssertionFailure() << "refused with " << result.error().message << " (code "
                                         << static_cast<int>(result.error().code) << ")";
  return ::testing::AssertionSuccess();
}

Timestamp At(const char* date) { return std::chrono::sys_days{Iso(date)} + std::chrono::hours{10}; }

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

std::vector<Date> Dates(const std::vector<const char*>& texts) {
  std::vector<Date> dates;
  for (const char* text : texts) dates.push_back(Iso(text));
  return dates;
}

std::string Show(const std::vector<Date>& dates) {
  std::string text;
  for (Date d : dates) text += FormatIsoDate(d) + " ";
  return text;
}

PanelMember Member(const char* name, PanelRole role, std::optional<UserId> user = std::nullopt,
                   std::optional<SettingId> setting = std::nullopt) {
  PanelMember member;
  member.name = name;
  member.role = role;
  member.user = user;
  member.setting = setting;
  return member;
}

Panel PrimaryPanel() {
  Panel panel;
  panel.id = kPrimaryPanel;
  panel.local_authority = kBlaenauGwent;
  panel.name_en = "Primary ALN panel";
  panel.name_cy = "Panel ADY cynradd";
  panel.min_age = 3;
  panel.max_age = 11;
  using R = PanelRole;
  const std::vector<PanelMember> members = {
      Member("Mrs Ann Lewis", R::kChair, kChairUser),
      Member("Dr Huw Rees", R::kActingChair, kActingChairUser),
      Member("Dr Catrin Owen", R::kEducationalPsychologist, kPsychologistUser),
      Member("Mr Gareth Price", R::kInclusionOfficer),
      Member("Mrs Siân Jones", R::kSchoolRepresentative, kCwmRepresentativeUser, kYsgolCwm),
      Member("Mr Dafydd Hughes", R::kSchoolRepresentative, std::nullopt, kYsgolBryn),
      Member("Ms Lowri Evans", R::kAdministrator, kAdministratorUser),
      Member("Mrs Nia Morgan", R::kParentalRepresentative),
      Member("Mr Tom Bevan", R::kInclusionOfficer, kFormerOfficerUser),
  };
  for (const PanelMember& member : members) EXPECT_TRUE(Succeeded(AddMember(panel, member)));
  for (auto& member : panel.members)
    if (member.key == kFormerOfficer) member.active = false;
  return panel;
}

PanelMeeting Meeting(const char* date = kMeetingDay, PanelMeetingId id = kMeeting) {
  PanelMeeting meeting;
  meeting.id = id;
  meeting.panel = kPrimaryPanel;
  meeting.local_authority = kBlaenauGwent;
  meeting.date = Iso(date);
  meeting.time = "09:30";
  meeting.location = "Civic Centre, Ebbw Vale";
  return meeting;
}

PanelReferral Referral(PanelReferralId id = kReferral, SettingId setting = kYsgolGlan) {
  PanelReferral referral;
  referral.id = id;
  referral.local_authority = kBlaenauGwent;
  referral.panel = kPrimaryPanel;
  referral.learner = kLearner;
  referral.setting = setting;
  referral.type = PanelCaseType::kSpecialistPlacement;
  referral.summary = "A place at the resource base for a Year 2 pupil with autism";
  referral.referred_on = Iso("2025-10-06");
  referral.referred_by = kOfficerUser;
  return referral;
}

PanelDecision Agreed() {
  PanelDecision decision;
  decision.outcome = PanelOutcome::kAgreed;
  decision.agreed = "A resource base place at Ysgol Cwm from January";
  decision.reasons = "The school's targeted support has not met his communication needs";
  decision.placement = Placement::kResourceBase;
  decision.setting = kYsgolCwm;
  decision.hours_per_week_tenths = 325;
  decision.places = 1;
  decision.annual_cost_pounds = 18'500;
  return decision;
}

void Attend(PanelMeeting& meeting, const Panel& panel, const std::vector<int>& members,
            const char* today = kMeetingDay) {
  for (int member : members)
    EXPECT_TRUE(
        Succeeded(RecordAttendance(meeting, panel, member, true, "09:30", Iso(today), At(today))))
        << member;
}

std::vector<int> Sorted(std::vector<int> keys) {
  std::sort(keys.begin(), keys.end());
  return keys;
}

// ---------------------------------------------------------------------------------------------
// The schedule.

bool InATermOutsideItsHalfTerm(Date date, const TermDates& dates) {
  for (const Term& term : dates.terms) {
    if (date < term.start || date > term.end) continue;
    return !(term.half_term_start && term.half_term_end && date >= *term.half_term_start &&
             date <= *term.half_term_end);
  }
  return false;
}

TEST(PanelSchedule, FortnightlyMeetingsOf2025To26AreAllOnSchoolDays) {
  const SchoolCalendar calendar = Wales2025();
  const TermDates terms = testing::Wales2025TermDates();
  const std::vector<Date> bank_holidays = BankHolidays();
  auto dates = FortnightlySchedule(Iso("2025-09-10"), Iso("2026-07-20"), calendar);
  ASSERT_TRUE(Succeeded(dates));
  // Every other Wednesday, with none on 31 December 2025 or 8 April 2026 (the Christmas and
  // Easter holidays).
  EXPECT_EQ(*dates, Dates({"2025-09-10", "2025-09-24", "2025-10-08", "2025-10-22", "2025-11-05",
                           "2025-11-19", "2025-12-03", "2025-12-17", "2026-01-14", "2026-01-28",
                           "2026-02-11", "2026-02-25", "2026-03-11", "2026-03-25", "2026-04-22",
                           "2026-05-06", "2026-05-20", "2026-06-03", "2026-06-17", "2026-07-01",
                           "2026-07-15"}))
      << Show(*dates);
  for (Date date : *dates) {
    SCOPED_TRACE(FormatIsoDate(date));
    EXPECT_EQ(calendar.TypeOf(date), DayType::kSchoolDay);
    EXPECT_TRUE(InATermOutsideItsHalfTerm(date, terms));
    EXPECT_FALSE(IsWeekend(date));
    EXPECT_EQ(std::count(bank_holidays.begin(), bank_holidays.end(), date), 0);
  }
}

TEST(PanelSchedule, MeetingsAreAFortnightApartExceptAcrossAHoliday) {
  const SchoolCalendar calendar = Wales2025();
  auto dates = FortnightlySchedule(Iso("2025-09-10"), Iso("2026-07-20"), calendar);
  ASSERT_TRUE(Succeeded(dates));
  std::vector<std::pair<Date, Date>> longer;
  for (std::size_t i = 1; i < dates->size(); ++i) {
    const Date before = (*dates)[i - 1];
    const Date after = (*dates)[i];
    const int gap = DaysBetween(before, after);
    if (gap == 14) continue;
    longer.emplace_back(before, after);
    // The fortnightly date between them fell in a holiday: no school day that Monday to Friday.
    ASSERT_EQ(gap, 28) << FormatIsoDate(before) << " to " << FormatIsoDate(after);
    const Date skipped = AddDays(before, 14);
    for (int d = -2; d <= 2; ++d)
      EXPECT_NE(calendar.TypeOf(AddDays(skipped, d)), DayType::kSchoolDay)
          << FormatIsoDate(AddDays(skipped, d));
  }
  const std::vector<std::pair<Date, Date>> holidays = {
      {Iso("2025-12-17"), Iso("2026-01-14")},  // Christmas
      {Iso("2026-03-25"), Iso("2026-04-22")},  // Easter
  };
  EXPECT_EQ(longer, holidays);
}

TEST(PanelSchedule, ABankHolidayMondayMovesToTheTuesdayOfThatWeek) {
  const SchoolCalendar calendar = Wales2025();
  // Every other Monday of the summer term: 4 May 2026 is the early May bank holiday. The next
  // meeting keeps to the Monday.
  auto dates = FortnightlySchedule(Iso("2026-04-20"), Iso("2026-07-20"), calendar);
  ASSERT_TRUE(Succeeded(dates));
  EXPECT_EQ(*dates, Dates({"2026-04-20", "2026-05-05", "2026-05-18", "2026-06-01", "2026-06-15",
                           "2026-06-29", "2026-07-13"}))
      << Show(*dates);
}

TEST(PanelSchedule, AWeekWhollyInHalfTermHasNoMeeting) {
  const SchoolCalendar calendar = Wales2025();
  struct Case {
    const char* why;
    const char* first;
    const char* last;
    const char* half_term_monday;
    const char* before;  // the last meeting before the half-term
    const char* after;   // the first after it
  };
  const std::vector<Case> cases = {
      {"autumn: 29 October 2025 is in half-term", "2025-09-17", "2025-12-19", "2025-10-27",
       "2025-10-15", "2025-11-12"},
      {"spring: 18 February 2026", "2026-01-07", "2026-03-27", "2026-02-16", "2026-02-04",
       "2026-03-04"},
      {"summer: 27 May 2026", "2026-04-15", "2026-07-20", "2026-05-25", "2026-05-13", "2026-06-10"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    auto dates = FortnightlySchedule(Iso(c.first), Iso(c.last), calendar);
    ASSERT_TRUE(Succeeded(dates));
    const Date monday = Iso(c.half_term_monday);
    for (Date date : *dates)
      EXPECT_FALSE(date >= monday && date <= AddDays(monday, 4)) << FormatIsoDate(date);
    auto before = std::find(dates->begin(), dates->end(), Iso(c.before));
    ASSERT_NE(before, dates->end()) << Show(*dates);
    ASSERT_NE(before + 1, dates->end()) << Show(*dates);
    EXPECT_EQ(*(before + 1), Iso(c.after)) << Show(*dates);
  }
}

TEST(PanelSchedule, ARangeEndingAfterTheTermDatesFails) {
  const SchoolCalendar calendar = Wales2025();
  struct Case {
    const char* why;
    const char* first;
    const char* last;
  };
  const std::vector<Case> cases = {
      {"past the last day of the summer term", "2025-09-10", "2026-09-30"},
      {"the next academic year, with no term dates", "2026-09-09", "2027-07-14"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    auto dates = FortnightlySchedule(Iso(c.first), Iso(c.last), calendar);
    ASSERT_FALSE(dates.has_value()) << Show(*dates);
    EXPECT_EQ(dates.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(dates.error().message, "calendar_error_ends");
  }
}

// A schedule from a year whose term dates the LA has not entered is refused, not returned with
// that year's meetings silently missing.
TEST(PanelSchedule, ARangeStartingBeforeTheTermDatesFails) {
  const SchoolCalendar calendar = Wales2025();
  auto dates = FortnightlySchedule(Iso("2025-03-05"), Iso("2025-12-19"), calendar);
  ASSERT_FALSE(dates.has_value()) << Show(*dates);
  EXPECT_EQ(dates.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(dates.error().message, "calendar_error_before");
}

// ---------------------------------------------------------------------------------------------
// Meeting dates, moves and cancellations.

HolidayAgreement LeadOfficerAgrees(const char* on = "2025-10-01") {
  return {"Mrs Ann Lewis", Iso(on), "Two placement decisions are due before the half-term ends"};
}

TEST(PanelMeetingDate, AHolidayMeetingNeedsTheLeadOfficersAgreement) {
  const SchoolCalendar calendar = Wales2025();
  const Fields not_school_day = {{"date", "panel_error_not_school_day"}};
  struct Case {
    const char* why;
    const char* date;
    std::optional<HolidayAgreement> agreement;
    const char* message;  // "" when accepted
    Fields fields;
  };
  auto agreement = [](std::function<void(HolidayAgreement&)> edit) {
    HolidayAgreement a = LeadOfficerAgrees();
    edit(a);
    return std::optional<HolidayAgreement>(a);
  };
  const std::vector<Case> cases = {
      {"a Wednesday in term", "2025-11-12", std::nullopt, "", {}},
      {"a Saturday", "2025-11-15", std::nullopt, "panel_error_not_school_day", not_school_day},
      {"a half-term day", "2025-10-29", std::nullopt, "panel_error_not_school_day", not_school_day},
      {"the early May bank holiday, in term", "2026-05-04", std::nullopt,
       "panel_error_not_school_day", not_school_day},
      {"the summer holiday", "2026-07-29", std::nullopt, "panel_error_not_school_day",
       not_school_day},
      {"a Saturday, agreed", "2025-11-15", LeadOfficerAgrees(), "", {}},
      {"a half-term day, agreed", "2025-10-29", LeadOfficerAgrees(), "", {}},
      {"the bank holiday, agreed", "2026-05-04", LeadOfficerAgrees(), "", {}},
      {"the summer holiday, agreed", "2026-07-29", LeadOfficerAgrees(), "", {}},
      {"agreed on the day itself", "2025-10-29", LeadOfficerAgrees("2025-10-29"), "", {}},
      {"no lead officer named",
       "2025-10-29",
       agreement([](HolidayAgreement& a) { a.lead_officer = "  "; }),
       "panel_error_agreement",
       {{"lead_officer", "panel_error_lead_officer"}}},
      {"no reason",
       "2025-10-29",
       agreement([](HolidayAgreement& a) { a.reason = ""; }),
       "panel_error_agreement",
       {{"agreement_reason", "panel_error_agreement_reason"}}},
      {"agreed after the meeting",
       "2025-10-29",
       agreement([](HolidayAgreement& a) { a.agreed_on = Iso("2025-10-30"); }),
       "panel_error_agreement",
       {{"agreed_on", "panel_error_agreed_on"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    auto checked = CheckMeetingDate(Iso(c.date), c.agreement, calendar);
    if (std::string(c.message).empty()) {
      EXPECT_TRUE(Succeeded(checked));
      continue;
    }
    ASSERT_TRUE(Refused(checked, ErrorCode::kInvalidArgument, c.message));
    EXPECT_EQ(checked.error().fields, c.fields);
  }
}

TEST(PanelMeetingChange, AMoveNeedsAReasonAndAHolidayNeedsAnAgreement) {
  const SchoolCalendar calendar = Wales2025();
  PanelMeeting meeting = Meeting();

  auto no_reason = MoveMeeting(meeting, Iso("2025-11-13"), std::nullopt, " ", calendar,
                               kOfficerUser, At("2025-11-03"));
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().fields, (Fields{{"reason", "panel_error_reasons"}}));

  auto to_half_term = MoveMeeting(meeting, Iso("2025-10-29"), std::nullopt, "Chair unavailable",
                                  calendar, kOfficerUser, At("2025-10-20"));
  EXPECT_TRUE(Refused(to_half_term, ErrorCode::kInvalidArgument, "panel_error_not_school_day"));
  EXPECT_EQ(meeting.date, Iso(kMeetingDay));
  EXPECT_TRUE(meeting.changes.empty());

  ASSERT_TRUE(
      Succeeded(MoveMeeting(meeting, Iso("2025-10-29"), LeadOfficerAgrees(), " Chair unavailable ",
                            calendar, kOfficerUser, At("2025-10-20"))));
  EXPECT_EQ(meeting.date, Iso("2025-10-29"));
  ASSERT_TRUE(meeting.holiday_agreement.has_value());
  EXPECT_EQ(meeting.holiday_agreement->lead_officer, "Mrs Ann Lewis");

  // Back to a school day: the agreement no longer applies. Both changes are kept.
  ASSERT_TRUE(Succeeded(MoveMeeting(meeting, Iso("2025-11-05"), std::nullopt,
                                    "Half-term meeting not needed", calendar, kChairUser,
                                    At("2025-10-22"))));
  EXPECT_EQ(meeting.date, Iso("2025-11-05"));
  EXPECT_FALSE(meeting.holiday_agreement.has_value());
  ASSERT_EQ(meeting.changes.size(), 2u);
  EXPECT_EQ(meeting.changes[0].from, Iso(kMeetingDay));
  EXPECT_EQ(meeting.changes[0].to, Iso("2025-10-29"));
  EXPECT_EQ(meeting.changes[0].reason, "Chair unavailable");
  EXPECT_EQ(meeting.changes[0].by, kOfficerUser);
  EXPECT_EQ(meeting.changes[1].from, Iso("2025-10-29"));
  EXPECT_EQ(meeting.changes[1].to, Iso("2025-11-05"));
  EXPECT_EQ(meeting.changes[1].by, kChairUser);
}

TEST(PanelMeetingChange, ACancellationNeedsAReasonAndNoDecisionYet) {
  const Panel panel = PrimaryPanel();
  const SchoolCalendar calendar = Wales2025();
  {
    PanelMeeting meeting = Meeting();
    auto no_reason = CancelMeeting(meeting, "", kOfficerUser, At("2025-11-03"));
    ASSERT_FALSE(no_reason.has_value());
    EXPECT_EQ(no_reason.error().fields, (Fields{{"reason", "panel_error_reasons"}}));
    EXPECT_EQ(meeting.state, MeetingState::kScheduled);

    ASSERT_TRUE(
        Succeeded(CancelMeeting(meeting, "No cases ready", kOfficerUser, At("2025-11-03"))));
    EXPECT_EQ(meeting.state, MeetingState::kCancelled);
    ASSERT_EQ(meeting.changes.size(), 1u);
    EXPECT_EQ(meeting.changes[0].from, Iso(kMeetingDay));
    EXPECT_FALSE(meeting.changes[0].to.has_value());
    EXPECT_EQ(meeting.changes[0].reason, "No cases ready");

    // A cancelled meeting is neither moved nor cancelled again.
    EXPECT_TRUE(Refused(MoveMeeting(meeting, Iso("2025-11-19"), std::nullopt, "Rearranged",
                                    calendar, kOfficerUser, At("2025-11-04")),
                        ErrorCode::kConflict, "panel_error_meeting_closed"));
    EXPECT_TRUE(Refused(CancelMeeting(meeting, "Again", kOfficerUser, At("2025-11-04")),
                        ErrorCode::kConflict, "panel_error_meeting_closed"));
  }
  {
    PanelMeeting meeting = Meeting();
    PanelReferral referral = Referral();
    ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, Iso(kMeetingDay))));
    Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
    ASSERT_TRUE(
        Succeeded(DecideItem(meeting, panel, referral, Agreed(), std::nullopt, Iso(kMeetingDay))));
    EXPECT_TRUE(Refused(CancelMeeting(meeting, "Fire alarm", kOfficerUser, At(kMeetingDay)),
                        ErrorCode::kConflict, "panel_error_cancel_decided"));
    EXPECT_EQ(meeting.state, MeetingState::kScheduled);
    EXPECT_TRUE(meeting.changes.empty());
  }
}

// ---------------------------------------------------------------------------------------------
// Quorum.

TEST(PanelQuorum, ChairOrActingChairAPsychologistAndAnInclusionOfficer) {
  const Panel panel = PrimaryPanel();
  using R = PanelRole;
  struct Case {
    const char* why;
    std::vector<int> present;
    std::vector<int> excused;
    std::vector<PanelRole> missing;  // empty: quorate
  };
  const std::vector<Case> cases = {
      {"chair, psychologist and inclusion officer",
       {kChair, kPsychologist, kInclusionOfficer},
       {},
       {}},
      {"no chair", {kPsychologist, kInclusionOfficer}, {}, {R::kChair}},
      {"no psychologist", {kChair, kInclusionOfficer}, {}, {R::kEducationalPsychologist}},
      {"no inclusion officer", {kChair, kPsychologist}, {}, {R::kInclusionOfficer}},
      {"nobody", {}, {}, {R::kChair, R::kEducationalPsychologist, R::kInclusionOfficer}},
      {"acting chair in the chair's absence",
       {kActingChair, kPsychologist, kInclusionOfficer},
       {},
       {}},
      {"acting chair in the chair with no other psychologist",
       {kActingChair, kInclusionOfficer},
       {},
       {R::kEducationalPsychologist}},
      {"chair, with the acting chair as the psychologist",
       {kChair, kActingChair, kInclusionOfficer},
       {},
       {}},
      {"the psychologist excused",
       {kChair, kPsychologist, kInclusionOfficer},
       {kPsychologist},
       {R::kEducationalPsychologist}},
      {"the chair excused, the acting chair present",
       {kChair, kActingChair, kPsychologist, kInclusionOfficer},
       {kChair},
       {}},
      {"an inclusion officer who has stood down",
       {kChair, kPsychologist, kFormerOfficer},
       {},
       {R::kInclusionOfficer}},
      {"the other members do not make a quorum",
       {kCwmRepresentative, kBrynRepresentative, kAdministrator, kSnapCymru},
       {},
       {R::kChair, R::kEducationalPsychologist, R::kInclusionOfficer}},
      {"someone not on the panel",
       {kChair, kPsychologist, kNotAMember},
       {},
       {R::kInclusionOfficer}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    const Quorum quorum = QuorumOf(panel, c.present, c.excused);
    EXPECT_EQ(quorum.quorate, c.missing.empty());
    EXPECT_EQ(quorum.missing, c.missing);
  }
}

TEST(PanelMeeting, LosesQuorumWhenTheEducationalPsychologistLeaves) {
  const Panel panel = PrimaryPanel();
  const Date today = Iso(kMeetingDay);
  PanelMeeting meeting = Meeting();
  PanelReferral referral = Referral();
  ASSERT_TRUE(
      Succeeded(RecordAttendance(meeting, panel, kChair, true, "09:28", today, At(kMeetingDay))));
  ASSERT_TRUE(Succeeded(
      RecordAttendance(meeting, panel, kPsychologist, true, "09:30", today, At(kMeetingDay))));
  ASSERT_TRUE(Succeeded(
      RecordAttendance(meeting, panel, kInclusionOfficer, true, "09:31", today, At(kMeetingDay))));
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, today)));
  EXPECT_EQ(referral.state, ReferralState::kListed);
  EXPECT_EQ(referral.meeting, kMeeting);

  ASSERT_TRUE(Succeeded(
      RecordAttendance(meeting, panel, kPsychologist, false, "10:15", today, At(kMeetingDay))));
  auto inquorate = DecideItem(meeting, panel, referral, Agreed(), std::nullopt, today);
  ASSERT_TRUE(Refused(inquorate, ErrorCode::kConflict, "panel_error_not_quorate"));
  EXPECT_EQ(inquorate.error().fields, (Fields{{"missing", "educational_psychologist"}}));
  EXPECT_FALSE(meeting.Item(kReferral)->decision.has_value());
  EXPECT_EQ(referral.state, ReferralState::kListed);
  EXPECT_TRUE(referral.decisions.empty());

  ASSERT_TRUE(Succeeded(
      RecordAttendance(meeting, panel, kPsychologist, true, "10:40", today, At(kMeetingDay))));
  ASSERT_TRUE(Succeeded(DecideItem(meeting, panel, referral, Agreed(), std::nullopt, today)));
  ASSERT_TRUE(meeting.Item(kReferral)->decision.has_value());
  EXPECT_EQ(Sorted(meeting.Item(kReferral)->decision->present),
            (std::vector<int>{kChair, kPsychologist, kInclusionOfficer}));
  EXPECT_EQ(meeting.Item(kReferral)->decision->decided_on, today);
  EXPECT_EQ(referral.state, ReferralState::kDecided);
  ASSERT_EQ(referral.decisions.size(), 1u);
  EXPECT_EQ(referral.LastDecision()->agreed, "A resource base place at Ysgol Cwm from January");

  // The record shows who came and went, and when.
  ASSERT_EQ(meeting.attendance.size(), 5u);
  EXPECT_EQ(meeting.attendance[3].member, kPsychologist);
  EXPECT_FALSE(meeting.attendance[3].present);
  EXPECT_EQ(meeting.attendance[3].time, "10:15");
  EXPECT_TRUE(meeting.attendance[4].present);
  EXPECT_EQ(meeting.attendance[4].time, "10:40");
}

// ---------------------------------------------------------------------------------------------
// Conflicts of interest.

TEST(PanelInterest, ASchoolsRepresentativeIsExcusedFromTheirSchoolsCase) {
  const Panel panel = PrimaryPanel();
  const Date today = Iso(kMeetingDay);
  PanelMeeting meeting = Meeting();
  PanelReferral referral = Referral(kReferral, kYsgolCwm);
  Attend(meeting, panel,
         {kChair, kPsychologist, kInclusionOfficer, kCwmRepresentative, kBrynRepresentative});
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, today)));

  const AgendaItem& item = *meeting.Item(kReferral);
  ASSERT_EQ(item.excused.size(), 1u);
  EXPECT_EQ(item.excused[0].member, kCwmRepresentative);
  EXPECT_TRUE(item.excused[0].detected);
  EXPECT_TRUE(QuorumFor(panel, meeting, item).quorate);

  // Ysgol Cwm's headteacher cannot record the decision on Ysgol Cwm's case.
  EXPECT_TRUE(Refused(DecideItem(meeting, panel, referral, Agreed(), kCwmRepresentative, today),
                      ErrorCode::kConflict, "panel_error_recorder_excused"));
  EXPECT_FALSE(meeting.Item(kReferral)->decision.has_value());

  ASSERT_TRUE(Succeeded(DecideItem(meeting, panel, referral, Agreed(), kAdministrator, today)));
  EXPECT_EQ(Sorted(meeting.Item(kReferral)->decision->present),
            (std::vector<int>{kChair, kPsychologist, kInclusionOfficer, kBrynRepresentative}));
}

TEST(PanelInterest, AnotherSchoolsCaseExcusesNobody) {
  const Panel panel = PrimaryPanel();
  PanelMeeting meeting = Meeting();
  PanelReferral referral = Referral(kReferral, kYsgolGlan);
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, Iso(kMeetingDay))));
  EXPECT_TRUE(meeting.Item(kReferral)->excused.empty());
}

TEST(PanelInterest, AMemberDeclaresAnInterestWithAReasonOnce) {
  const Panel panel = PrimaryPanel();
  const Date today = Iso(kMeetingDay);
  PanelMeeting meeting = Meeting();
  PanelReferral referral = Referral(kReferral, kYsgolCwm);
  Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, today)));

  auto no_reason = DeclareInterest(meeting, panel, kReferral, kPsychologist, "  ");
  ASSERT_TRUE(Refused(no_reason, ErrorCode::kInvalidArgument, "panel_error_interest_title"));
  EXPECT_EQ(no_reason.error().fields, (Fields{{"reason", "panel_error_interest_reason"}}));
  EXPECT_EQ(meeting.Item(kReferral)->excused.size(), 1u);

  ASSERT_TRUE(Succeeded(DeclareInterest(meeting, panel, kReferral, kPsychologist,
                                        " Assessed the learner privately last year ")));
  const AgendaItem& item = *meeting.Item(kReferral);
  ASSERT_EQ(item.excused.size(), 2u);
  EXPECT_EQ(item.excused[1].member, kPsychologist);
  EXPECT_FALSE(item.excused[1].detected);
  EXPECT_EQ(item.excused[1].reason, "Assessed the learner privately last year");

  EXPECT_TRUE(Refused(DeclareInterest(meeting, panel, kReferral, kPsychologist, "Again"),
                      ErrorCode::kConflict, "panel_error_already_excused"));
  EXPECT_TRUE(Refused(DeclareInterest(meeting, panel, kReferral, kCwmRepresentative, "My school"),
                      ErrorCode::kConflict, "panel_error_already_excused"));
  EXPECT_EQ(meeting.Item(kReferral)->excused.size(), 2u);

  // Without the psychologist the panel cannot decide this item.
  const Quorum quorum = QuorumFor(panel, meeting, item);
  EXPECT_EQ(quorum.missing, (std::vector<PanelRole>{PanelRole::kEducationalPsychologist}));
  auto decided = DecideItem(meeting, panel, referral, Agreed(), std::nullopt, today);
  ASSERT_TRUE(Refused(decided, ErrorCode::kConflict, "panel_error_not_quorate"));
  EXPECT_EQ(decided.error().fields, (Fields{{"missing", "educational_psychologist"}}));
}

// ---------------------------------------------------------------------------------------------
// Decisions.

TEST(PanelDecision, DecideItemRefusals) {
  const Panel panel = PrimaryPanel();
  struct Case {
    const char* why;
    std::function<Result<void>(PanelMeeting&, PanelReferral&)> act;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"a referral that is not on the agenda",
       [&](PanelMeeting& m, PanelReferral&) {
         PanelReferral other = Referral(kSecondReferral);
         return DecideItem(m, panel, other, Agreed(), std::nullopt, Iso(kMeetingDay));
       },
       "panel_error_not_on_agenda"},
      {"a referral listed for another meeting",
       [&](PanelMeeting& m, PanelReferral&) {
         PanelMeeting next = Meeting("2025-11-26", kNextMeeting);
         PanelReferral other = Referral(kSecondReferral);
         EXPECT_TRUE(Succeeded(ListOnAgenda(next, panel, other, Iso(kMeetingDay))));
         return DecideItem(m, panel, other, Agreed(), std::nullopt, Iso(kMeetingDay));
       },
       "panel_error_not_on_agenda"},
      {"the meeting is next week",
       [&](PanelMeeting& m, PanelReferral& r) {
         return DecideItem(m, panel, r, Agreed(), std::nullopt, Iso("2025-11-05"));
       },
       "panel_error_not_sitting"},
      {"the meeting was cancelled",
       [&](PanelMeeting& m, PanelReferral& r) {
         EXPECT_TRUE(Succeeded(CancelMeeting(m, "Chair ill", kOfficerUser, At(kMeetingDay))));
         return DecideItem(m, panel, r, Agreed(), std::nullopt, Iso(kMeetingDay));
       },
       "panel_error_not_sitting"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    PanelMeeting meeting = Meeting();
    PanelReferral referral = Referral();
    ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, Iso("2025-11-03"))));
    Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
    EXPECT_TRUE(Refused(c.act(meeting, referral), ErrorCode::kConflict, c.message));
    EXPECT_TRUE(referral.decisions.empty());
    EXPECT_FALSE(meeting.Item(kReferral)->decision.has_value());
  }
}

// Recording a second decision on an item (a form sent twice, or a deferral followed by a change of
// mind) is refused as already decided, and the first decision stands.
TEST(PanelDecision, ASecondDecisionOnAnItemIsRefusedAsDecided) {
  const Panel panel = PrimaryPanel();
  const Date today = Iso(kMeetingDay);
  for (PanelOutcome first : AllPanelOutcomes()) {
    SCOPED_TRACE(std::string(Code(first)));
    PanelMeeting meeting = Meeting();
    PanelReferral referral = Referral();
    Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
    ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, today)));
    PanelDecision decision = Agreed();
    decision.outcome = first;
    ASSERT_TRUE(Succeeded(DecideItem(meeting, panel, referral, decision, std::nullopt, today)));
    PanelDecision again = Agreed();
    again.outcome =
        first == PanelOutcome::kAgreed ? PanelOutcome::kNotAgreed : PanelOutcome::kAgreed;
    EXPECT_TRUE(Refused(DecideItem(meeting, panel, referral, again, std::nullopt, today),
                        ErrorCode::kConflict, "panel_error_decided"));
    EXPECT_EQ(meeting.Item(kReferral)->decision->outcome, first);
    EXPECT_EQ(referral.decisions.size(), 1u);
  }
}

TEST(PanelDecision, CheckPanelDecisionNamesEachFieldInError) {
  struct Case {
    const char* why;
    std::function<void(PanelDecision&)> edit;
    Fields fields;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"a complete agreed decision", [](PanelDecision&) {}, {}},
      {"no reasons",
       [](PanelDecision& d) { d.reasons = " "; },
       {{"reasons", "panel_error_reasons"}}},
      {"agreed, without what was agreed",
       [](PanelDecision& d) { d.agreed = ""; },
       {{"agreed", "panel_error_agreed"}}},
      {"not agreed needs nothing agreed",
       [](PanelDecision& d) {
         d.outcome = PanelOutcome::kNotAgreed;
         d.agreed = "";
       },
       {}},
      {"deferred, saying what is awaited",
       [](PanelDecision& d) {
         d.outcome = PanelOutcome::kDeferred;
         d.agreed = "";
         d.reasons = "The EP's report";
       },
       {}},
      {"40 hours a week", [](PanelDecision& d) { d.hours_per_week_tenths = 400; }, {}},
      {"40.1 hours a week",
       [](PanelDecision& d) { d.hours_per_week_tenths = 401; },
       {{"hours_per_week", "panel_error_hours"}}},
      {"negative hours",
       [](PanelDecision& d) { d.hours_per_week_tenths = -5; },
       {{"hours_per_week", "panel_error_hours"}}},
      {"10 places", [](PanelDecision& d) { d.places = 10; }, {}},
      {"11 places", [](PanelDecision& d) { d.places = 11; }, {{"places", "panel_error_places"}}},
      {"negative places",
       [](PanelDecision& d) { d.places = -1; },
       {{"places", "panel_error_places"}}},
      {"GBP 1,000,000 a year", [](PanelDecision& d) { d.annual_cost_pounds = 1'000'000; }, {}},
      {"GBP 1,000,001 a year",
       [](PanelDecision& d) { d.annual_cost_pounds = 1'000'001; },
       {{"annual_cost", "panel_error_cost"}}},
      {"a negative cost",
       [](PanelDecision& d) { d.annual_cost_pounds = -100; },
       {{"annual_cost", "panel_error_cost"}}},
      {"everything wrong at once",
       [](PanelDecision& d) {
         d.reasons = "";
         d.agreed = "";
         d.hours_per_week_tenths = 1000;
         d.places = 50;
         d.annual_cost_pounds = -1;
       },
       {{"reasons", "panel_error_reasons"},
        {"agreed", "panel_error_agreed"},
        {"hours_per_week", "panel_error_hours"},
        {"places", "panel_error_places"},
        {"annual_cost", "panel_error_cost"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    PanelDecision decision = Agreed();
    c.edit(decision);
    auto checked = CheckPanelDecision(decision);
    if (c.fields.empty()) {
      EXPECT_TRUE(Succeeded(checked));
      continue;
    }
    ASSERT_TRUE(Refused(checked, ErrorCode::kInvalidArgument, "panel_error_decision_title"));
    EXPECT_EQ(checked.error().fields, c.fields);
  }
}

TEST(PanelDecision, AnInvalidDecisionIsNotRecorded) {
  const Panel panel = PrimaryPanel();
  PanelMeeting meeting = Meeting();
  PanelReferral referral = Referral();
  Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, Iso(kMeetingDay))));
  PanelDecision decision = Agreed();
  decision.reasons = "";
  auto refused = DecideItem(meeting, panel, referral, decision, std::nullopt, Iso(kMeetingDay));
  ASSERT_TRUE(Refused(refused, ErrorCode::kInvalidArgument, "panel_error_decision_title"));
  EXPECT_FALSE(meeting.Item(kReferral)->decision.has_value());
  EXPECT_EQ(referral.state, ReferralState::kListed);
}

TEST(PanelDecision, EachOutcomeLeavesTheReferralWhereAUserExpects) {
  const Panel panel = PrimaryPanel();
  struct Case {
    PanelOutcome outcome;
    ReferralState state;
    bool still_on_meeting;
    bool keeps_figures;
  };
  const std::vector<Case> cases = {
      {PanelOutcome::kAgreed, ReferralState::kDecided, true, true},
      {PanelOutcome::kNotAgreed, ReferralState::kDecided, true, false},
      {PanelOutcome::kDeferred, ReferralState::kAwaiting, false, false},
      {PanelOutcome::kMoreInformation, ReferralState::kAwaiting, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(Code(c.outcome)));
    PanelMeeting meeting = Meeting();
    PanelReferral referral = Referral();
    Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
    ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, Iso(kMeetingDay))));
    PanelDecision decision = Agreed();
    decision.outcome = c.outcome;
    decision.reasons = "  The panel's reasons  ";
    ASSERT_TRUE(Succeeded(
        DecideItem(meeting, panel, referral, decision, kAdministrator, Iso(kMeetingDay))));

    EXPECT_EQ(referral.state, c.state);
    EXPECT_EQ(referral.meeting.has_value(), c.still_on_meeting);
    ASSERT_EQ(referral.decisions.size(), 1u);
    const PanelDecision& kept = *referral.LastDecision();
    EXPECT_EQ(kept.outcome, c.outcome);
    EXPECT_EQ(kept.reasons, "The panel's reasons");
    EXPECT_EQ(kept.decided_on, Iso(kMeetingDay));
    if (c.keeps_figures) {
      EXPECT_EQ(kept.placement, Placement::kResourceBase);
      EXPECT_EQ(kept.setting, kYsgolCwm);
      EXPECT_EQ(kept.hours_per_week_tenths, 325);
      EXPECT_EQ(kept.places, 1);
      EXPECT_EQ(kept.annual_cost_pounds, 18'500);
    } else {
      EXPECT_EQ(kept.placement, Placement::kNone);
      EXPECT_FALSE(kept.setting.has_value());
      EXPECT_EQ(kept.hours_per_week_tenths, 0);
      EXPECT_EQ(kept.places, 0);
      EXPECT_EQ(kept.annual_cost_pounds, 0);
    }
    // The item keeps the same decision as the referral.
    ASSERT_TRUE(meeting.Item(kReferral)->decision.has_value());
    EXPECT_EQ(meeting.Item(kReferral)->decision->outcome, c.outcome);
    EXPECT_EQ(meeting.Item(kReferral)->decision->places, kept.places);

    // A deferred case can go to the next meeting; a decided one cannot.
    PanelMeeting next = Meeting("2025-11-26", kNextMeeting);
    auto relisted = ListOnAgenda(next, panel, referral, Iso(kMeetingDay));
    EXPECT_EQ(relisted.has_value(), c.state == ReferralState::kAwaiting);
  }
}

// ---------------------------------------------------------------------------------------------
// Closing a meeting and its minutes.

TEST(PanelMinutes, AMeetingClosesOnlyOnceEveryItemIsDecided) {
  const Panel panel = PrimaryPanel();
  const Date today = Iso(kMeetingDay);
  PanelMeeting meeting = Meeting();
  PanelReferral first = Referral(kReferral);
  PanelReferral second = Referral(kSecondReferral);
  Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer});
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, first, today)));
  ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, second, today)));
  ASSERT_TRUE(Succeeded(DecideItem(meeting, panel, first, Agreed(), std::nullopt, today)));

  auto waiting = CloseMeeting(meeting, 3, kAdministratorUser, At(kMeetingDay), today);
  ASSERT_TRUE(Refused(waiting, ErrorCode::kConflict, "panel_error_undecided"));
  EXPECT_EQ(waiting.error().fields, (Fields{{"items", "1"}}));
  EXPECT_EQ(meeting.state, MeetingState::kScheduled);
  EXPECT_FALSE(meeting.minutes_clock.has_value());

  PanelDecision more = Agreed();
  more.outcome = PanelOutcome::kMoreInformation;
  more.reasons = "The speech and language therapist's report";
  ASSERT_TRUE(Succeeded(DecideItem(meeting, panel, second, more, std::nullopt, today)));
  ASSERT_TRUE(Succeeded(CloseMeeting(meeting, 3, kAdministratorUser, At(kMeetingDay), today)));
  EXPECT_EQ(meeting.state, MeetingState::kHeld);
  ASSERT_TRUE(meeting.minutes_clock.has_value());
  EXPECT_EQ(meeting.minutes_clock->timescale, "panel-minutes");
  EXPECT_EQ(meeting.minutes_clock->count, 3);
  EXPECT_EQ(meeting.minutes_clock->started_on, today);
  EXPECT_EQ(MinutesState(meeting), ClockState::kRunning);

  // Once held, nothing more is decided or attended.
  EXPECT_TRUE(
      Refused(RecordAttendance(meeting, panel, kAdministrator, true, "", today, At(kMeetingDay)),
              ErrorCode::kConflict, "panel_error_not_sitting"));
}

TEST(PanelMinutes, MinutesAreDueOnTheThirdWorkingDayAfterTheMeeting) {
  const Panel panel = PrimaryPanel();
  const SchoolCalendar calendar = Wales2025();
  struct Case {
    const char* why;
    const char* meeting;
    const char* due;
    const char* distributed;
    ClockState state;
  };
  const std::vector<Case> cases = {
      {"Wednesday's minutes the same day", "2025-11-12", "2025-11-17", "2025-11-12",
       ClockState::kMet},
      {"Wednesday's minutes on the 3rd working day, the Monday", "2025-11-12", "2025-11-17",
       "2025-11-17", ClockState::kMet},
      {"Wednesday's minutes on the 4th working day: late", "2025-11-12", "2025-11-17", "2025-11-18",
       ClockState::kMissed},
      {"Thursday 18 December's minutes on Tuesday 23rd", "2025-12-18", "2025-12-23", "2025-12-23",
       ClockState::kMet},
      {"Thursday 18 December's minutes on Christmas Eve: late", "2025-12-18", "2025-12-23",
       "2025-12-24", ClockState::kMissed},
      {"Thursday 18 December's minutes after New Year: late", "2025-12-18", "2025-12-23",
       "2026-01-02", ClockState::kMissed},
      {"a holiday meeting on 23 December: Christmas and Boxing Day are not counted", "2025-12-23",
       "2025-12-30", "2025-12-30", ClockState::kMet},
      {"a holiday meeting on 23 December, minutes on New Year's Eve: late", "2025-12-23",
       "2025-12-30", "2025-12-31", ClockState::kMissed},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    PanelMeeting meeting = Meeting(c.meeting);
    const Date held = Iso(c.meeting);
    PanelReferral referral = Referral();
    ASSERT_TRUE(Succeeded(ListOnAgenda(meeting, panel, referral, held)));
    Attend(meeting, panel, {kChair, kPsychologist, kInclusionOfficer}, c.meeting);
    ASSERT_TRUE(Succeeded(DecideItem(meeting, panel, referral, Agreed(), std::nullopt, held)));
    ASSERT_TRUE(Succeeded(CloseMeeting(meeting, 3, kAdministratorUser, At(c.meeting), held)));

    auto due = DueDate(*FindTimescale("panel-minutes"), 3, held, calendar);
    ASSERT_TRUE(Succeeded(due));
    EXPECT_EQ(*due, Iso(c.due));
    ASSERT_TRUE(Succeeded(DistributeMinutes(
        meeting, Iso(c.distributed), {"Mrs Ann Lewis <ann.lewis@blaenau-gwent.example>"}, *due,
        kAdministratorUser, At(c.distributed), Iso(c.distributed))));
    EXPECT_EQ(MinutesState(meeting), c.state);
    EXPECT_EQ(meeting.minutes->distributed_on, Iso(c.distributed));
  }
}

TEST(PanelMinutes, DistributeMinutesRefusals) {
  const Panel panel = PrimaryPanel();
  const Date held = Iso(kMeetingDay);
  const Date due = Iso("2025-11-17");
  const std::vector<std::string> recipients = {"Mrs Ann Lewis <ann.lewis@blaenau-gwent.example>"};
  auto closed = [&] {
    PanelMeeting meeting = Meeting();
    EXPECT_TRUE(Succeeded(CloseMeeting(meeting, 3, kAdministratorUser, At(kMeetingDay), held)));
    return meeting;
  };

  {
    PanelMeeting open = Meeting();
    Attend(open, panel, {kChair, kPsychologist, kInclusionOfficer});
    EXPECT_TRUE(Refused(
        DistributeMinutes(open, held, recipients, due, kAdministratorUser, At(kMeetingDay), held),
        ErrorCode::kConflict, "panel_error_not_held"));
    EXPECT_FALSE(open.minutes.has_value());
  }
  struct Case {
    const char* why;
    const char* on;
    const char* today;
    std::vector<std::string> recipients;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"dated before the meeting",
       "2025-11-11",
       "2025-11-13",
       recipients,
       {{"distributed_on", "panel_error_before_meeting"}}},
      {"dated in the future",
       "2025-11-14",
       "2025-11-13",
       recipients,
       {{"distributed_on", "panel_error_future"}}},
      {"to nobody", "2025-11-13", "2025-11-13", {}, {{"recipients", "panel_error_recipients"}}},
      {"to blank lines only",
       "2025-11-13",
       "2025-11-13",
       {" ", ""},
       {{"recipients", "panel_error_recipients"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    PanelMeeting meeting = closed();
    auto refused = DistributeMinutes(meeting, Iso(c.on), c.recipients, due, kAdministratorUser,
                                     At(c.today), Iso(c.today));
    ASSERT_TRUE(Refused(refused, ErrorCode::kInvalidArgument, "panel_error_minutes_title"));
    EXPECT_EQ(refused.error().fields, c.fields);
    EXPECT_FALSE(meeting.minutes.has_value());
    EXPECT_EQ(MinutesState(meeting), ClockState::kRunning);
  }

  PanelMeeting meeting = closed();
  ASSERT_TRUE(Succeeded(DistributeMinutes(
      meeting, Iso("2025-11-13"), {" Mrs Ann Lewis <ann.lewis@blaenau-gwent.example> ", ""}, due,
      kAdministratorUser, At("2025-11-13"), Iso("2025-11-13"))));
  EXPECT_EQ(meeting.minutes->recipients,
            (std::vector<std::string>{"Mrs Ann Lewis <ann.lewis@blaenau-gwent.example>"}));
  EXPECT_TRUE(Refused(DistributeMinutes(meeting, Iso("2025-11-20"), recipients, due,
                                        kAdministratorUser, At("2025-11-20"), Iso("2025-11-20")),
                      ErrorCode::kConflict, "panel_error_minutes_sent"));
  EXPECT_EQ(meeting.minutes->distributed_on, Iso("2025-11-13"));
  EXPECT_EQ(MinutesState(meeting), ClockState::kMet);
}

// ---------------------------------------------------------------------------------------------
// The panel itself.

TEST(PanelConfiguration, CheckPanelNamesEachFieldInError) {
  struct Case {
    const char* why;
    std::function<void(Panel&)> edit;
    Fields fields;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"the primary panel", [](Panel&) {}, {}},
      {"the secondary panel",
       [](Panel& p) {
         p.min_age = 11;
         p.max_age = 16;
       },
       {}},
      {"no English name", [](Panel& p) { p.name_en = " "; }, {{"name_en", "panel_error_name_en"}}},
      {"no Welsh name", [](Panel& p) { p.name_cy = ""; }, {{"name_cy", "panel_error_name_cy"}}},
      {"a negative age", [](Panel& p) { p.min_age = -1; }, {{"min_age", "panel_error_age"}}},
      {"an age over 25", [](Panel& p) { p.max_age = 26; }, {{"max_age", "panel_error_age"}}},
      {"the same ages", [](Panel& p) { p.max_age = 3; }, {{"max_age", "panel_error_age_order"}}},
      {"ages the wrong way round",
       [](Panel& p) {
         p.min_age = 16;
         p.max_age = 11;
       },
       {{"max_age", "panel_error_age_order"}}},
      {"a member with no name",
       [](Panel& p) { p.members[3].name = "  "; },
       {{"member_name", "panel_error_member_name"}}},
      {"a school representative with no school",
       [](Panel& p) { p.members[4].setting.reset(); },
       {{"member_setting", "panel_error_member_setting"}}},
      {"a member's email that is not one",
       [](Panel& p) { p.members[2].email = "catrin.owen"; },
       {{"member_email", "panel_error_member_email"}}},
      {"a member's email", [](Panel& p) { p.members[2].email = "catrin.owen@bg.example"; }, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    Panel panel = PrimaryPanel();
    c.edit(panel);
    auto checked = CheckPanel(panel);
    if (c.fields.empty()) {
      EXPECT_TRUE(Succeeded(checked));
      continue;
    }
    ASSERT_TRUE(Refused(checked, ErrorCode::kInvalidArgument, "panel_error_title"));
    EXPECT_EQ(checked.error().fields, c.fields);
  }
}

TEST(PanelConfiguration, AddMemberGivesEachMemberANewKey) {
  Panel panel;
  panel.id = kPrimaryPanel;
  panel.local_authority = kBlaenauGwent;
  auto first = AddMember(panel, Member(" Mrs Ann Lewis ", PanelRole::kChair));
  auto second = AddMember(panel, Member("Dr Catrin Owen", PanelRole::kEducationalPsychologist));
  auto third = AddMember(panel, Member("Mr Gareth Price", PanelRole::kInclusionOfficer));
  ASSERT_TRUE(Succeeded(first));
  ASSERT_TRUE(Succeeded(second));
  ASSERT_TRUE(Succeeded(third));
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*second, 2);
  EXPECT_EQ(*third, 3);
  EXPECT_EQ(panel.Member(1)->name, "Mrs Ann Lewis");

  // A key is never given again, even when a member's row has gone.
  panel.members.pop_back();
  auto fourth = AddMember(panel, Member("Ms Rhian Powell", PanelRole::kInclusionOfficer));
  ASSERT_TRUE(Succeeded(fourth));
  EXPECT_EQ(*fourth, 4);
  EXPECT_EQ(panel.Member(3), nullptr);
  EXPECT_EQ(panel.Member(4)->name, "Ms Rhian Powell");
}

TEST(PanelConfiguration, ASchoolRepresentativeNeedsASchool) {
  Panel panel = PrimaryPanel();
  const std::size_t members = panel.members.size();
  auto refused =
      AddMember(panel, Member("Mr Iwan Thomas", PanelRole::kSchoolRepresentative, std::nullopt));
  ASSERT_TRUE(Refused(refused, ErrorCode::kInvalidArgument, "panel_error_title"));
  EXPECT_EQ(refused.error().fields, (Fields{{"member_setting", "panel_error_member_setting"}}));
  EXPECT_EQ(panel.members.size(), members);

  auto added = AddMember(
      panel, Member("Mr Iwan Thomas", PanelRole::kSchoolRepresentative, std::nullopt, kYsgolGlan));
  ASSERT_TRUE(Succeeded(added));
  EXPECT_EQ(*added, 10);
  EXPECT_EQ(panel.Member(*added)->setting, kYsgolGlan);
}

// ---------------------------------------------------------------------------------------------
// Who may see and run a panel, and see and make referrals.

User UserWithRole(Role role, UserId id = kOfficerUser, LocalAuthorityId la = kBlaenauGwent) {
  User user;
  user.id = id;
  user.username = "user";
  user.display_name = "User";
  user.role = role;
  user.local_authority = la;
  switch (role) {
    case Role::kAlnco:
    case Role::kTeacher:
    case Role::kGovernor:
      user.settings = {kYsgolCwm};
      break;
    case Role::kParent:
      user.family_member = kMother;
      break;
    case Role::kYoungPerson:
      user.learner = kLearner;
      break;
    case Role::kHealthBoardOfficer:
      user.health_board = HealthBoardId{7};
      break;
    default:
      break;
  }
  return user;
}

User Disabled(User user) {
  user.disabled = true;
  return user;
}

User AtSetting(User user, SettingId setting) {
  user.settings = {setting};
  return user;
}

// A Year 2 pupil at Ysgol Cwm, whose mother holds parental responsibility.
Learner Pupil() {
  Learner learner;
  learner.id = kLearner;
  learner.local_authority = kBlaenauGwent;
  learner.legal_first_name = "Osian";
  learner.legal_last_name = "Williams";
  learner.date_of_birth = Iso("2018-11-02");
  learner.registrations = {{kYsgolCwm, Iso("2022-09-01"), std::nullopt}};
  learner.family = {{kMother, "mother", true}};
  return learner;
}

TEST(PanelAccess, MayAccessPanel) {
  const Panel panel = PrimaryPanel();
  struct Case {
    const char* why;
    User user;
    bool view, configure, run, monitor;
  };
  const std::vector<Case> cases = {
      {"LA administrator", UserWithRole(Role::kLaAdministrator), true, true, true, true},
      {"LA officer", UserWithRole(Role::kLaOfficer), true, true, true, true},
      {"another LA's administrator", UserWithRole(Role::kLaAdministrator, kOfficerUser, kTorfaen),
       false, false, false, false},
      {"another LA's officer", UserWithRole(Role::kLaOfficer, kOfficerUser, kTorfaen), false, false,
       false, false},
      {"a disabled LA officer", Disabled(UserWithRole(Role::kLaOfficer)), false, false, false,
       false},
      {"the chair", UserWithRole(Role::kPanelMember, kChairUser), true, false, true, true},
      {"the acting chair", UserWithRole(Role::kPanelMember, kActingChairUser), true, false, true,
       true},
      {"the administrator", UserWithRole(Role::kPanelMember, kAdministratorUser), true, false, true,
       false},
      {"the educational psychologist", UserWithRole(Role::kPanelMember, kPsychologistUser), true,
       false, false, false},
      {"a school's representative", UserWithRole(Role::kPanelMember, kCwmRepresentativeUser), true,
       false, false, false},
      {"a member who has stood down", UserWithRole(Role::kPanelMember, kFormerOfficerUser), false,
       false, false, false},
      {"a member of another panel", UserWithRole(Role::kPanelMember, kOtherPanelUser), false, false,
       false, false},
      {"the chair's account, disabled", Disabled(UserWithRole(Role::kPanelMember, kChairUser)),
       false, false, false, false},
      {"the chair's account in another LA", UserWithRole(Role::kPanelMember, kChairUser, kTorfaen),
       false, false, false, false},
      {"an ALNCo", UserWithRole(Role::kAlnco), false, false, false, false},
      {"a teacher", UserWithRole(Role::kTeacher), false, false, false, false},
      {"a governor", UserWithRole(Role::kGovernor), false, false, false, false},
      {"a parent", UserWithRole(Role::kParent), false, false, false, false},
      {"a young person", UserWithRole(Role::kYoungPerson), false, false, false, false},
      {"a health board officer", UserWithRole(Role::kHealthBoardOfficer), false, false, false,
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(MayAccessPanel(c.user, PanelAction::kView, panel), c.view) << "view";
    EXPECT_EQ(MayAccessPanel(c.user, PanelAction::kConfigure, panel), c.configure) << "configure";
    EXPECT_EQ(MayAccessPanel(c.user, PanelAction::kRun, panel), c.run) << "run";
    EXPECT_EQ(MayAccessPanel(c.user, PanelAction::kMonitor, panel), c.monitor) << "monitor";
  }
}

TEST(PanelAccess, MayAccessReferral) {
  const Panel panel = PrimaryPanel();
  const Learner pupil = Pupil();
  const Date today = Iso(kMeetingDay);
  struct Case {
    const char* why;
    User user;
    bool on_agenda;
    bool view, refer;
  };
  const std::vector<Case> cases = {
      {"LA administrator", UserWithRole(Role::kLaAdministrator), false, true, true},
      {"LA officer", UserWithRole(Role::kLaOfficer), false, true, true},
      {"another LA's officer", UserWithRole(Role::kLaOfficer, kOfficerUser, kTorfaen), true, false,
       false},
      {"the psychologist, before it is listed", UserWithRole(Role::kPanelMember, kPsychologistUser),
       false, false, false},
      {"the psychologist, once listed", UserWithRole(Role::kPanelMember, kPsychologistUser), true,
       true, false},
      {"the chair, once listed", UserWithRole(Role::kPanelMember, kChairUser), true, true, false},
      {"a member who has stood down", UserWithRole(Role::kPanelMember, kFormerOfficerUser), true,
       false, false},
      {"a member of another panel", UserWithRole(Role::kPanelMember, kOtherPanelUser), true, false,
       false},
      {"the ALNCo of the learner's school", UserWithRole(Role::kAlnco), false, true, true},
      {"a disabled ALNCo of the learner's school", Disabled(UserWithRole(Role::kAlnco)), false,
       false, false},
      {"the ALNCo of another school", AtSetting(UserWithRole(Role::kAlnco), kYsgolBryn), true,
       false, false},
      {"a teacher at the learner's school", UserWithRole(Role::kTeacher), true, false, false},
      {"a governor of the learner's school", UserWithRole(Role::kGovernor), true, false, false},
      {"the learner's mother", UserWithRole(Role::kParent), true, false, false},
      {"a health board officer", UserWithRole(Role::kHealthBoardOfficer), true, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(MayAccessReferral(c.user, ReferralAction::kView, panel, c.on_agenda, pupil, today),
              c.view)
        << "view";
    EXPECT_EQ(MayAccessReferral(c.user, ReferralAction::kRefer, panel, c.on_agenda, pupil, today),
              c.refer)
        << "refer";
  }
}

// An ALNCo's right follows the learner's registration: once the pupil has left the school, its
// ALNCo no longer brings them to a panel.
TEST(PanelAccess, AnAlncosReferralRightsEndWithTheRegistration) {
  const Panel panel = PrimaryPanel();
  Learner pupil = Pupil();
  pupil.registrations = {{kYsgolCwm, Iso("2022-09-01"), Iso("2025-10-24")},
                         {kYsgolBryn, Iso("2025-11-03"), std::nullopt}};
  const Date today = Iso(kMeetingDay);
  EXPECT_FALSE(MayAccessReferral(UserWithRole(Role::kAlnco), ReferralAction::kRefer, panel, false,
                                 pupil, today));
  EXPECT_TRUE(MayAccessReferral(AtSetting(UserWithRole(Role::kAlnco), kYsgolBryn),
                                ReferralAction::kRefer, panel, false, pupil, today));
}

}  // namespace
}  // namespace cynnal::domain
