#include "app/panels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/aln_cases.h"
#include "app/calendars.h"
#include "app/demo_data.h"
#include "domain/access_policy.h"
#include "domain/school_calendar.h"
#include "platform/system_clock.h"
#include "storage/memory/memory_store.h"

namespace cynnal::app {
namespace {

using domain::Date;

class FakeHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    return "fake$" + std::string(password);
  }
  bool Verify(std::string_view encoded_hash, std::string_view password) const override {
    return encoded_hash == Hash(password);
  }
};

class FakeTokens final : public TokenSource {
 public:
  std::string NewToken() override { return "token" + std::to_string(++next_); }
  std::string Digest(std::string_view token) const override {
    return "digest$" + std::string(token);
  }

 private:
  int next_ = 0;
};

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

domain::Timestamp At(Date date) {
  return domain::Timestamp{std::chrono::sys_days{date}} + std::chrono::hours{10};
}

// A Tuesday in term: the demo's next panel meeting is the day after or soon after.
const Date kSeedDay = Ymd(2026, 3, 10);

class PanelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto summary = SeedDemoData(store_, hasher_, kSeedDay);
    ASSERT_TRUE(summary.has_value()) << (summary ? "" : summary.error().message);
    officer_ = As("la.officer");
    la_ = officer_.user.local_authority;
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    for (const auto& panel : (*uow)->Panels().ListPanels(la_)) {
      if (panel.min_age == 3) primary_ = panel;
      if (panel.min_age == 11) secondary_ = panel;
    }
    ASSERT_TRUE(primary_ && secondary_);
    const int year = domain::AcademicYearOf(kSeedDay);
    meetings_ = (*uow)->Panels().ListMeetings(primary_->id, domain::AcademicYearStart(year),
                                              domain::AcademicYearEnd(year));
    ASSERT_FALSE(meetings_.empty());
  }

  Actor As(const std::string& username) {
    Actor actor;
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    if (!uow) return actor;
    auto user = (*uow)->Users().FindByUsername(username);
    EXPECT_TRUE(user.has_value()) << username;
    if (!user) return actor;
    actor.user = *user;
    if (user->role == domain::Role::kPanelMember)
      actor.user.panel_learners = (*uow)->Panels().AgendaLearnersFor(user->id);
    actor.route = "TEST";
    actor.request_id = "panels-test";
    return actor;
  }

  // The first meeting after the seed day with a referral listed (the demo's next meeting).
  domain::PanelMeeting NextMeeting() const {
    for (const auto& m : meetings_)
      if (m.date > kSeedDay && !m.items.empty()) return m;
    ADD_FAILURE() << "no next meeting with an agenda";
    return meetings_.front();
  }

  domain::SchoolCalendar Calendar() {
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    auto calendar = CalendarFor(**uow, nullptr, la_);
    EXPECT_TRUE(calendar.has_value());
    return *calendar;
  }

  static Form Attendance(int member, bool present) {
    Form form;
    form.values["member"] = std::to_string(member);
    form.values["present"] = present ? "yes" : "no";
    return form;
  }

  storage::MemoryStore store_;
  FakeHasher hasher_;
  FakeTokens tokens_;
  platform::FixedClock clock_{At(kSeedDay)};
  Services services_{store_, clock_, hasher_, tokens_};
  Actor officer_;
  domain::LocalAuthorityId la_;
  std::optional<domain::Panel> primary_, secondary_;
  std::vector<domain::PanelMeeting> meetings_;
};

TEST_F(PanelTest, MeetingNeedsQuorumToDecideAndItsMinutesAreTimed) {
  const domain::PanelMeeting next = NextMeeting();
  clock_.Set(At(next.date));

  for (int member : {1, 3, 4})
    ASSERT_TRUE(RecordPanelAttendance(services_, officer_, next.id, Attendance(member, true)))
        << member;
  auto view = ViewMeeting(services_, officer_, next.id);
  ASSERT_TRUE(view.has_value());
  EXPECT_TRUE(view->quorum.quorate);
  ASSERT_EQ(view->agenda.size(), 1u);
  const auto& excused = view->agenda[0].item.excused;
  EXPECT_TRUE(std::any_of(excused.begin(), excused.end(),
                          [](const domain::Excusal& e) { return e.member == 5; }));
  const domain::PanelReferral referral = view->agenda[0].line.referral;

  Form decision;
  decision.values = {{"outcome", "agreed"},
                     {"agreed", "Twelve and a half hours of support a week."},
                     {"reasons", "The reports show needs the class cannot meet alone."},
                     {"hours_per_week", "12.5"},
                     {"places", "1"},
                     {"annual_cost", "20000"}};

  // The educational psychologist leaves: the panel may not decide.
  ASSERT_TRUE(RecordPanelAttendance(services_, officer_, next.id, Attendance(3, false)));
  auto refused = DecidePanelItem(services_, officer_, next.id, referral.id, decision);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message, "panel_error_not_quorate");
  ASSERT_TRUE(refused.error().fields.contains("missing"));
  EXPECT_EQ(refused.error().fields.at("missing"), "educational_psychologist");

  // Back again, it decides.
  ASSERT_TRUE(RecordPanelAttendance(services_, officer_, next.id, Attendance(3, true)));
  auto decided = DecidePanelItem(services_, officer_, next.id, referral.id, decision);
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  if (referral.aln_case) {
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    auto aln_case = (*uow)->Cases().Get(*referral.aln_case);
    ASSERT_TRUE(aln_case.has_value());
    EXPECT_TRUE(std::any_of(
        aln_case->timeline.begin(), aln_case->timeline.end(),
        [](const domain::CaseEvent& e) { return e.kind == domain::CaseEventKind::kPanelDecided; }));
  }
  auto closed = ClosePanelMeeting(services_, officer_, next.id);
  ASSERT_TRUE(closed.has_value()) << closed.error().message;

  // Minutes sent on the fourth working day are late (the LA allows three).
  const domain::SchoolCalendar calendar = Calendar();
  auto third = calendar.NthWorkingDayAfter(next.date, 3);
  auto fourth = calendar.NthWorkingDayAfter(next.date, 4);
  ASSERT_TRUE(third.has_value() && fourth.has_value());
  clock_.Set(At(*fourth));
  Form minutes;
  minutes.values["distributed_on"] = domain::FormatIsoDate(*fourth);
  minutes.lists["recipients"] = {"1", "3"};
  auto sent = DistributePanelMinutes(services_, officer_, next.id, minutes);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  auto after = ViewMeeting(services_, officer_, next.id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->meeting.state, domain::MeetingState::kHeld);
  ASSERT_TRUE(after->minutes_due.has_value());
  EXPECT_EQ(*after->minutes_due, *third);
  EXPECT_EQ(after->minutes_state, domain::ClockState::kMissed);
  ASSERT_TRUE(after->meeting.minutes.has_value());
  EXPECT_EQ(after->meeting.minutes->recipients.size(), 2u);

  // The meeting after that sends its minutes on the third working day: on time.
  std::optional<domain::PanelMeeting> later;
  for (const auto& m : meetings_)
    if (m.date > *fourth && m.state == domain::MeetingState::kScheduled) {
      later = m;
      break;
    }
  ASSERT_TRUE(later.has_value());
  clock_.Set(At(later->date));
  ASSERT_TRUE(ClosePanelMeeting(services_, officer_, later->id));
  auto later_third = calendar.NthWorkingDayAfter(later->date, 3);
  ASSERT_TRUE(later_third.has_value());
  clock_.Set(At(*later_third));
  minutes.values["distributed_on"] = domain::FormatIsoDate(*later_third);
  auto on_time = DistributePanelMinutes(services_, officer_, later->id, minutes);
  ASSERT_TRUE(on_time.has_value()) << on_time.error().message;
  auto later_view = ViewMeeting(services_, officer_, later->id);
  ASSERT_TRUE(later_view.has_value());
  EXPECT_EQ(later_view->minutes_state, domain::ClockState::kMet);
}

TEST_F(PanelTest, MemberSeesTheMeetingButDoesNotRunItAndSeesOnlyAgendaLearners) {
  const domain::PanelMeeting next = NextMeeting();
  clock_.Set(At(next.date));
  const Actor member = As("panel.member");

  auto view = ViewMeeting(services_, member, next.id);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->agenda.size(), 1u);
  EXPECT_FALSE(view->may_run);

  auto attend = RecordPanelAttendance(services_, member, next.id, Attendance(3, true));
  ASSERT_FALSE(attend.has_value());
  EXPECT_EQ(attend.error().code, domain::ErrorCode::kForbidden);

  MonitoringRequest request{
      std::nullopt, domain::AcademicYearStart(domain::AcademicYearOf(next.date)), next.date};
  auto monitoring = PanelMonitoring(services_, member, request);
  ASSERT_FALSE(monitoring.has_value());
  EXPECT_EQ(monitoring.error().code, domain::ErrorCode::kForbidden);

  // The learners on the 3-11 panel's agendas (the held meeting's and the next meeting's).
  std::set<domain::LearnerId> on_agendas;
  std::set<domain::LearnerId> viewable;
  {
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    for (const auto& m : meetings_)
      for (const auto& item : m.items)
        if (auto r = (*uow)->Panels().GetReferral(item.referral)) on_agendas.insert(r->learner);
    LearnerQuery query;
    query.scope.local_authority = la_;
    query.scope.on = next.date;
    query.limit = 100;
    const domain::LearnerScope scope = domain::ViewScopeFor(member.user, next.date);
    for (;;) {
      LearnerPage page = (*uow)->Learners().Search(query);
      for (const auto& l : page.items)
        if (scope.Matches(l)) viewable.insert(l.id);
      query.offset += query.limit;
      if (page.items.empty() || query.offset >= page.total) break;
    }
  }
  EXPECT_EQ(on_agendas.size(), 2u);
  EXPECT_EQ(viewable, on_agendas);
}

TEST_F(PanelTest, ScheduleFallsOnSchoolDaysOnceAndHolidayMeetingsNeedAgreement) {
  const int year = domain::AcademicYearOf(kSeedDay);
  Form schedule;
  schedule.values = {{"first", domain::FormatIsoDate(domain::AcademicYearStart(year))},
                     {"last", domain::FormatIsoDate(domain::AcademicYearEnd(year))},
                     {"time", "13:30"},
                     {"location", "Civic Centre"}};
  auto added = GeneratePanelSchedule(services_, officer_, secondary_->id, schedule);
  ASSERT_TRUE(added.has_value()) << added.error().message;
  EXPECT_GT(*added, 10);

  const domain::SchoolCalendar calendar = Calendar();
  {
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    auto meetings = (*uow)->Panels().ListMeetings(secondary_->id, domain::AcademicYearStart(year),
                                                  domain::AcademicYearEnd(year));
    EXPECT_EQ(static_cast<int>(meetings.size()), *added);
    for (const auto& m : meetings)
      EXPECT_EQ(calendar.TypeOf(m.date), domain::DayType::kSchoolDay)
          << domain::FormatIsoDate(m.date);
  }
  auto again = GeneratePanelSchedule(services_, officer_, secondary_->id, schedule);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);

  const Date saturday = Ymd(2026, 3, 14);
  ASSERT_NE(calendar.TypeOf(saturday), domain::DayType::kSchoolDay);
  Form meeting;
  meeting.values = {{"date", domain::FormatIsoDate(saturday)}, {"time", "10:00"}};
  auto refused = AddPanelMeeting(services_, officer_, secondary_->id, meeting);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().message, "panel_error_not_school_day");

  meeting.values["lead_officer"] = "Gareth Bowen";
  meeting.values["agreed_on"] = domain::FormatIsoDate(kSeedDay);
  meeting.values["agreement_reason"] = "A backlog of urgent placements before Easter.";
  auto agreed = AddPanelMeeting(services_, officer_, secondary_->id, meeting);
  ASSERT_TRUE(agreed.has_value()) << agreed.error().message;
}

TEST_F(PanelTest, ReferralsNeedASummaryAndPanelAndWaitByDeadline) {
  // A learner with an ALN case whose duty clock runs, and another learner.
  std::optional<domain::LearnerId> with_clock, without_clock;
  std::optional<domain::AlnCaseId> running_case;
  {
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    LearnerQuery query;
    query.scope.local_authority = la_;
    query.scope.on = kSeedDay;
    query.limit = 100;
    for (;;) {
      LearnerPage page = (*uow)->Learners().Search(query);
      for (const auto& l : page.items) {
        auto cases = (*uow)->Cases().ListForLearner(l.id);
        if (!with_clock) {
          for (const auto& c : cases) {
            if (!c.duty_clock) continue;
            auto clock = (*uow)->Clocks().Get(*c.duty_clock);
            if (clock && !clock->stopped_on) {
              with_clock = l.id;
              running_case = c.id;
              break;
            }
          }
        }
        if (!without_clock && cases.empty()) without_clock = l.id;
      }
      query.offset += query.limit;
      if ((with_clock && without_clock) || page.items.empty() || query.offset >= page.total) break;
    }
  }
  ASSERT_TRUE(with_clock && without_clock && running_case);

  Form form;
  form.values = {{"panel", std::to_string(primary_->id.value())},
                 {"type", "managed_move"},
                 {"summary", "   "}};
  auto empty = ReferToPanel(services_, officer_, *without_clock, form);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, domain::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(empty.error().fields.contains("summary"));

  form.values["summary"] = "Support in class while the LA decides.";
  form.values.erase("panel");
  auto no_panel = ReferToPanel(services_, officer_, *without_clock, form);
  ASSERT_FALSE(no_panel.has_value());
  EXPECT_TRUE(no_panel.error().fields.contains("panel"));

  form.values["panel"] = std::to_string(primary_->id.value());
  auto plain = ReferToPanel(services_, officer_, *without_clock, form);
  ASSERT_TRUE(plain.has_value()) << plain.error().message;
  form.values["aln_case"] = std::to_string(running_case->value());
  form.values["type"] = "la_decision";
  auto timed = ReferToPanel(services_, officer_, *with_clock, form);
  ASSERT_TRUE(timed.has_value()) << timed.error().message;

  auto panel = ViewPanel(services_, officer_, primary_->id, 0);
  ASSERT_TRUE(panel.has_value());
  auto position = [&](domain::PanelReferralId id) {
    return std::find_if(panel->awaiting.begin(), panel->awaiting.end(),
                        [&](const ReferralLine& l) { return l.referral.id == id; });
  };
  auto timed_line = position(*timed);
  auto plain_line = position(*plain);
  ASSERT_NE(timed_line, panel->awaiting.end());
  ASSERT_NE(plain_line, panel->awaiting.end());
  EXPECT_TRUE(timed_line->due.has_value());
  EXPECT_FALSE(plain_line->due.has_value());
  EXPECT_LT(timed_line - panel->awaiting.begin(), plain_line - panel->awaiting.begin());
}

TEST_F(PanelTest, MonitoringCountsTheYearsDecisionsForTheLaOnly) {
  MonitoringRequest request{std::nullopt,
                            domain::AcademicYearStart(domain::AcademicYearOf(kSeedDay)), kSeedDay};
  auto monitoring = PanelMonitoring(services_, officer_, request);
  ASSERT_TRUE(monitoring.has_value()) << monitoring.error().message;
  EXPECT_GE(monitoring->decisions, 1);
  EXPECT_FALSE(monitoring->by_type.empty());
  auto bryn_derw = std::find_if(
      monitoring->resources.begin(), monitoring->resources.end(),
      [](const SchoolResources& r) { return r.name.find("Bryn Derw") != std::string::npos; });
  ASSERT_NE(bryn_derw, monitoring->resources.end());
  EXPECT_GT(bryn_derw->roll, 0);
  EXPECT_GE(bryn_derw->decisions, 1);

  auto teacher = PanelMonitoring(services_, As("teacher"), request);
  ASSERT_FALSE(teacher.has_value());
  EXPECT_EQ(teacher.error().code, domain::ErrorCode::kForbidden);
}

}  // namespace
}  // namespace cynnal::app

namespace cynnal::app {
namespace {

TEST_F(PanelTest, ThePanelsDecisionIsNotedOnTheCaseAndGivenInTheLasNotice) {
  const domain::PanelMeeting next = NextMeeting();
  clock_.Set(At(next.date));
  for (int member : {1, 3, 4})
    ASSERT_TRUE(RecordPanelAttendance(services_, officer_, next.id, Attendance(member, true)));
  auto view = ViewMeeting(services_, officer_, next.id);
  ASSERT_TRUE(view.has_value());
  ASSERT_EQ(view->agenda.size(), 1u);
  const domain::PanelReferral referral = view->agenda[0].line.referral;
  ASSERT_TRUE(referral.aln_case.has_value()) << "the demo lists the direct approach to the LA";
  Form decision;
  decision.values = {{"outcome", "agreed"},
                     {"agreed", "The LA decides; 5 hours of support a week meanwhile."},
                     {"reasons", "The paediatrician's report shows a need the LA must decide."},
                     {"annual_cost", "150000"}};
  auto decided = DecidePanelItem(services_, officer_, next.id, referral.id, decision);
  ASSERT_TRUE(decided.has_value()) << decided.error().message;

  // The case notes the decision; the LA then takes the case on and decides it has ALN.
  {
    auto uow = store_.Begin(TxMode::kWrite);
    ASSERT_TRUE(uow.has_value());
    auto aln_case = (*uow)->Cases().Get(*referral.aln_case);
    ASSERT_TRUE(aln_case.has_value());
    ASSERT_FALSE(aln_case->timeline.empty());
    EXPECT_EQ(aln_case->timeline.back().kind, domain::CaseEventKind::kPanelDecided);
    EXPECT_EQ(aln_case->timeline.back().detail, "agreed");
    const domain::StepContext step{officer_.user.id, At(next.date), next.date};
    ASSERT_TRUE(domain::TakeOn(*aln_case, next.date, step));
    domain::AlnDecision d;
    d.body = aln_case->responsibility;
    d.decided_on = next.date;
    d.test.greater_difficulty = domain::Answer::kYes;
    d.test.greater_difficulty_evidence = "Paediatric assessment";
    d.test.disability = domain::Answer::kNo;
    d.test.evidence = {domain::EvidenceKind::kProfessionalReports};
    d.test.progress = {domain::ProgressIndicator::kSlowerThanPeers};
    d.test.language_only = domain::Answer::kNo;
    d.test.calls_for_alp = domain::Answer::kYes;
    d.test.alp = "Occupational therapy programme";
    d.test.areas = {domain::AreaOfNeed::kSensoryPhysical};
    d.assessment = domain::MaintainerAssessment{false, false, false, false, 5};
    auto recorded = domain::RecordDecision(*aln_case, d, domain::kDefaultTaHoursThreshold, step);
    ASSERT_TRUE(recorded) << recorded.error().message;
    ASSERT_TRUE((*uow)->Cases().Update(*aln_case));
    ASSERT_TRUE((*uow)->Commit());
  }
  auto notice = NoticeDocument(services_, officer_, *referral.aln_case, 0);
  ASSERT_TRUE(notice.has_value()) << notice.error().message;
  ASSERT_TRUE(notice->panel_decision.has_value());
  EXPECT_EQ(notice->panel_decision->outcome, domain::PanelOutcome::kAgreed);
  EXPECT_EQ(notice->panel_decision->reasons, decision.values["reasons"]);
  EXPECT_EQ(notice->panel_decision->annual_cost_pounds, 150000);
}

}  // namespace
}  // namespace cynnal::app
