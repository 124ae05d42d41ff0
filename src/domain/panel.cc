#include "domain/panel.h"

#include <algorithm>
#include <cctype>

#include "domain/code_table.h"
#include "domain/text.h"
#include "domain/timescale.h"

namespace cynnal::domain {
namespace {

using Fields = std::map<std::string, std::string>;

constexpr CodeTable<PanelRole, 8> kRoles = {{
    {PanelRole::kChair, "chair"},
    {PanelRole::kActingChair, "acting_chair"},
    {PanelRole::kEducationalPsychologist, "educational_psychologist"},
    {PanelRole::kInclusionOfficer, "inclusion_officer"},
    {PanelRole::kSchoolRepresentative, "school_representative"},
    {PanelRole::kParentalRepresentative, "parental_representative"},
    {PanelRole::kAdministrator, "administrator"},
    {PanelRole::kLacCoordinator, "lac_coordinator"},
}};

constexpr CodeTable<PanelCaseType, 9> kCaseTypes = {{
    {PanelCaseType::kNurserySupport, "nursery_support"},
    {PanelCaseType::kSpecialistPlacement, "specialist_placement"},
    {PanelCaseType::kMovingIn, "moving_in"},
    {PanelCaseType::kLaDecision, "la_decision"},
    {PanelCaseType::kWhetherToIssueIdp, "whether_to_issue_idp"},
    {PanelCaseType::kSupportAndSetting, "support_and_setting"},
    {PanelCaseType::kAnnualReviewChange, "annual_review_change"},
    {PanelCaseType::kManagedMove, "managed_move"},
    {PanelCaseType::kPruAccess, "pru_access"},
}};

constexpr CodeTable<ReferralState, 4> kReferralStates = {{
    {ReferralState::kAwaiting, "awaiting"},
    {ReferralState::kListed, "listed"},
    {ReferralState::kDecided, "decided"},
    {ReferralState::kWithdrawn, "withdrawn"},
}};

constexpr CodeTable<PanelOutcome, 4> kOutcomes = {{
    {PanelOutcome::kAgreed, "agreed"},
    {PanelOutcome::kNotAgreed, "not_agreed"},
    {PanelOutcome::kDeferred, "deferred"},
    {PanelOutcome::kMoreInformation, "more_information"},
}};

constexpr CodeTable<Placement, 7> kPlacements = {{
    {Placement::kNone, "none"},
    {Placement::kMainstreamSupport, "mainstream_support"},
    {Placement::kResourceBase, "resource_base"},
    {Placement::kSpecialSchool, "special_school"},
    {Placement::kPru, "pru"},
    {Placement::kNursery, "nursery"},
    {Placement::kOutOfCounty, "out_of_county"},
}};

constexpr CodeTable<MeetingState, 3> kMeetingStates = {{
    {MeetingState::kScheduled, "scheduled"},
    {MeetingState::kHeld, "held"},
    {MeetingState::kCancelled, "cancelled"},
}};

bool Contains(const std::vector<int>& keys, int key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

std::vector<int> ExcusedKeys(const AgendaItem& item) {
  std::vector<int> keys;
  for (const auto& excusal : item.excused) keys.push_back(excusal.member);
  return keys;
}

Result<void> CheckMember(const PanelMember& member, Fields& fields) {
  if (Trim(member.name).empty()) fields.emplace("member_name", "panel_error_member_name");
  if (member.role == PanelRole::kSchoolRepresentative && !member.setting)
    fields.emplace("member_setting", "panel_error_member_setting");
  const std::string email = Trim(member.email);
  if (!email.empty() && !LooksLikeEmail(email))
    fields.emplace("member_email", "panel_error_member_email");
  return {};
}

}  // namespace

std::string_view Code(PanelRole role) { return CodeIn(kRoles, role); }
std::optional<PanelRole> PanelRoleFromCode(std::string_view code) {
  return FromCodeIn(kRoles, code);
}
const std::vector<PanelRole>& AllPanelRoles() {
  static const auto all = AllIn(kRoles);
  return all;
}
std::string_view Code(PanelCaseType type) { return CodeIn(kCaseTypes, type); }
std::optional<PanelCaseType> PanelCaseTypeFromCode(std::string_view code) {
  return FromCodeIn(kCaseTypes, code);
}
const std::vector<PanelCaseType>& AllPanelCaseTypes() {
  static const auto all = AllIn(kCaseTypes);
  return all;
}
std::string_view Code(ReferralState state) { return CodeIn(kReferralStates, state); }
std::optional<ReferralState> ReferralStateFromCode(std::string_view code) {
  return FromCodeIn(kReferralStates, code);
}
std::string_view Code(PanelOutcome outcome) { return CodeIn(kOutcomes, outcome); }
std::optional<PanelOutcome> PanelOutcomeFromCode(std::string_view code) {
  return FromCodeIn(kOutcomes, code);
}
const std::vector<PanelOutcome>& AllPanelOutcomes() {
  static const auto all = AllIn(kOutcomes);
  return all;
}
std::string_view Code(Placement placement) { return CodeIn(kPlacements, placement); }
std::optional<Placement> PlacementFromCode(std::string_view code) {
  return FromCodeIn(kPlacements, code);
}
const std::vector<Placement>& AllPlacements() {
  static const auto all = AllIn(kPlacements);
  return all;
}
std::string_view Code(MeetingState state) { return CodeIn(kMeetingStates, state); }
std::optional<MeetingState> MeetingStateFromCode(std::string_view code) {
  return FromCodeIn(kMeetingStates, code);
}

const PanelMember* Panel::Member(int key) const {
  for (const auto& member : members)
    if (member.key == key) return &member;
  return nullptr;
}

const PanelMember* Panel::MemberFor(UserId user) const {
  for (const auto& member : members)
    if (member.active && member.user && *member.user == user) return &member;
  return nullptr;
}

Result<void> CheckPanel(const Panel& panel) {
  Fields fields;
  if (Trim(panel.name_en).empty()) fields.emplace("name_en", "panel_error_name_en");
  if (Trim(panel.name_cy).empty()) fields.emplace("name_cy", "panel_error_name_cy");
  if (panel.min_age < 0 || panel.min_age > 25) fields.emplace("min_age", "panel_error_age");
  if (panel.max_age < 0 || panel.max_age > 25) fields.emplace("max_age", "panel_error_age");
  if (!fields.contains("min_age") && !fields.contains("max_age") && panel.min_age >= panel.max_age)
    fields.emplace("max_age", "panel_error_age_order");
  for (const auto& member : panel.members) (void)CheckMember(member, fields);
  if (!fields.empty()) return Invalid("panel_error_title", std::move(fields));
  return {};
}

Result<int> AddMember(Panel& panel, PanelMember member) {
  Fields fields;
  (void)CheckMember(member, fields);
  if (!fields.empty()) return Fail(Error::InvalidArgument("panel_error_title", std::move(fields)));
  member.key = panel.next_member_key++;
  member.name = Trim(member.name);
  member.email = Trim(member.email);
  member.organisation = Trim(member.organisation);
  panel.members.push_back(std::move(member));
  return panel.members.back().key;
}

const PanelDecision* PanelReferral::LastDecision() const {
  return decisions.empty() ? nullptr : &decisions.back();
}

// The figures' limits are sanity bounds for typing errors, not policy: a full-time 1:1 assistant
// is about 32.5 hours a week, and an out-of-county residential place can cost several hundred
// thousand pounds a year.
Result<void> CheckPanelDecision(const PanelDecision& decision) {
  Fields fields;
  if (Trim(decision.reasons).empty()) fields.emplace("reasons", "panel_error_reasons");
  if (decision.outcome == PanelOutcome::kAgreed && Trim(decision.agreed).empty())
    fields.emplace("agreed", "panel_error_agreed");
  if (decision.hours_per_week_tenths < 0 || decision.hours_per_week_tenths > 400)
    fields.emplace("hours_per_week", "panel_error_hours");
  if (decision.places < 0 || decision.places > 10) fields.emplace("places", "panel_error_places");
  if (decision.annual_cost_pounds < 0 || decision.annual_cost_pounds > 1'000'000)
    fields.emplace("annual_cost", "panel_error_cost");
  if (!fields.empty()) return Invalid("panel_error_decision_title", std::move(fields));
  return {};
}

Result<void> CheckNewReferral(const PanelReferral& referral, Date today) {
  Fields fields;
  if (Trim(referral.summary).empty()) fields.emplace("summary", "panel_error_summary");
  if (referral.referred_on > today) fields.emplace("referred_on", "panel_error_future");
  if (!fields.empty()) return Invalid("panel_error_referral_title", std::move(fields));
  return {};
}

Result<void> Withdraw(PanelReferral& referral, const std::string& reasons) {
  if (referral.state != ReferralState::kAwaiting)
    return Fail(Error::Conflict("panel_error_withdraw_state"));
  if (Trim(reasons).empty())
    return Invalid("panel_error_referral_title", {{"withdrawn_reason", "panel_error_reasons"}});
  referral.state = ReferralState::kWithdrawn;
  referral.withdrawn_reason = Trim(reasons);
  return {};
}

AgendaItem* PanelMeeting::Item(PanelReferralId referral) {
  for (auto& item : items)
    if (item.referral == referral) return &item;
  return nullptr;
}

const AgendaItem* PanelMeeting::Item(PanelReferralId referral) const {
  for (const auto& item : items)
    if (item.referral == referral) return &item;
  return nullptr;
}

bool PanelMeeting::Present(int member) const { return Contains(present, member); }

Result<std::vector<Date>> FortnightlySchedule(Date first, Date last,
                                              const SchoolCalendar& calendar) {
  // The calendar must know the whole range.
  if (!calendar.has_terms()) return Fail(Error::InvalidArgument("calendar_error_no_terms"));
  if (first < *calendar.terms_known_from()) {
    return Fail(Error::InvalidArgument("calendar_error_before",
                                       {{"date", FormatIsoDate(*calendar.terms_known_from())}}));
  }
  if (last > *calendar.terms_known_until()) {
    return Fail(Error::InvalidArgument("calendar_error_ends",
                                       {{"date", FormatIsoDate(*calendar.terms_known_until())}}));
  }
  std::vector<Date> dates;
  for (Date week = first; week <= last; week = AddDays(week, 14)) {
    // Monday of the week the fortnightly date falls in; its Friday ends the search.
    const std::chrono::weekday day{std::chrono::sys_days{week}};
    const int from_monday = static_cast<int>(day.iso_encoding()) - 1;
    const Date friday = AddDays(week, 4 - from_monday);
    for (Date d = week; d <= friday && d <= last; d = AddDays(d, 1)) {
      if (calendar.TypeOf(d) == DayType::kSchoolDay) {
        dates.push_back(d);
        break;
      }
    }
  }
  return dates;
}

Result<void> CheckMeetingDate(Date date, const std::optional<HolidayAgreement>& agreement,
                              const SchoolCalendar& calendar) {
  if (calendar.TypeOf(date) == DayType::kSchoolDay) return {};
  if (!agreement)
    return Invalid("panel_error_not_school_day", {{"date", "panel_error_not_school_day"}});
  Fields fields;
  if (Trim(agreement->lead_officer).empty())
    fields.emplace("lead_officer", "panel_error_lead_officer");
  if (Trim(agreement->reason).empty())
    fields.emplace("agreement_reason", "panel_error_agreement_reason");
  if (!agreement->agreed_on.ok() || agreement->agreed_on > date)
    fields.emplace("agreed_on", "panel_error_agreed_on");
  if (!fields.empty()) return Invalid("panel_error_agreement", std::move(fields));
  return {};
}

Result<void> MoveMeeting(PanelMeeting& meeting, Date to,
                         const std::optional<HolidayAgreement>& agreement,
                         const std::string& reason, const SchoolCalendar& calendar, UserId by,
                         Timestamp at) {
  if (meeting.state != MeetingState::kScheduled)
    return Fail(Error::Conflict("panel_error_meeting_closed"));
  if (Trim(reason).empty())
    return Invalid("panel_error_change_title", {{"reason", "panel_error_reasons"}});
  if (auto ok = CheckMeetingDate(to, agreement, calendar); !ok) return ok;
  meeting.changes.push_back({meeting.date, to, Trim(reason), by, at});
  meeting.date = to;
  meeting.holiday_agreement = calendar.TypeOf(to) == DayType::kSchoolDay ? std::nullopt : agreement;
  return {};
}

Result<void> CancelMeeting(PanelMeeting& meeting, const std::string& reason, UserId by,
                           Timestamp at) {
  if (meeting.state != MeetingState::kScheduled)
    return Fail(Error::Conflict("panel_error_meeting_closed"));
  for (const auto& item : meeting.items)
    if (item.decision) return Fail(Error::Conflict("panel_error_cancel_decided"));
  if (Trim(reason).empty())
    return Invalid("panel_error_change_title", {{"reason", "panel_error_reasons"}});
  meeting.changes.push_back({meeting.date, std::nullopt, Trim(reason), by, at});
  meeting.state = MeetingState::kCancelled;
  return {};
}

// REFERENCE section 6 (Blaenau Gwent panel terms): quorate with the chair (or the acting chair in
// the chair's absence), an educational psychologist and an inclusion officer. A member counts once,
// in the role they stand in; the acting chair is an educational psychologist, so counts as one when
// someone else chairs.
Quorum QuorumOf(const Panel& panel, const std::vector<int>& present,
                const std::vector<int>& excused) {
  bool chair = false, acting_chair = false, psychologist = false, inclusion = false;
  int acting_chair_count = 0;
  for (int key : present) {
    if (Contains(excused, key)) continue;
    const PanelMember* member = panel.Member(key);
    if (!member || !member->active) continue;
    switch (member->role) {
      case PanelRole::kChair:
        chair = true;
        break;
      case PanelRole::kActingChair:
        acting_chair = true;
        ++acting_chair_count;
        break;
      case PanelRole::kEducationalPsychologist:
        psychologist = true;
        break;
      case PanelRole::kInclusionOfficer:
        inclusion = true;
        break;
      default:
        break;
    }
  }
  // An acting chair in the chair seat is not also the psychologist, unless the chair is there or a
  // second acting chair is.
  if (!psychologist && acting_chair && (chair || acting_chair_count > 1)) psychologist = true;
  Quorum quorum;
  if (!chair && !acting_chair) quorum.missing.push_back(PanelRole::kChair);
  if (!psychologist) quorum.missing.push_back(PanelRole::kEducationalPsychologist);
  if (!inclusion) quorum.missing.push_back(PanelRole::kInclusionOfficer);
  quorum.quorate = quorum.missing.empty();
  return quorum;
}

Quorum QuorumFor(const Panel& panel, const PanelMeeting& meeting, const AgendaItem& item) {
  return QuorumOf(panel, meeting.present, ExcusedKeys(item));
}

Result<void> RecordAttendance(PanelMeeting& meeting, const Panel& panel, int member, bool present,
                              const std::string& time, Date today, Timestamp at) {
  if (meeting.state != MeetingState::kScheduled || meeting.date > today)
    return Fail(Error::Conflict("panel_error_not_sitting"));
  const PanelMember* who = panel.Member(member);
  if (!who || !who->active)
    return Invalid("panel_error_attendance_title", {{"member", "panel_error_member_unknown"}});
  const std::string hhmm = Trim(time);
  if (!hhmm.empty()) {
    const bool shape = hhmm.size() == 5 && hhmm[2] == ':' &&
                       std::isdigit(static_cast<unsigned char>(hhmm[0])) &&
                       std::isdigit(static_cast<unsigned char>(hhmm[1])) &&
                       std::isdigit(static_cast<unsigned char>(hhmm[3])) &&
                       std::isdigit(static_cast<unsigned char>(hhmm[4]));
    if (!shape || hhmm.substr(0, 2) > "23" || hhmm.substr(3, 2) > "59")
      return Invalid("panel_error_attendance_title", {{"time", "panel_error_time"}});
  }
  const bool was_present = meeting.Present(member);
  if (was_present == present) return {};
  if (present) {
    meeting.present.push_back(member);
  } else {
    std::erase(meeting.present, member);
  }
  meeting.attendance.push_back({member, present, hhmm, at});
  return {};
}

Result<void> ListOnAgenda(PanelMeeting& meeting, const Panel& panel, PanelReferral& referral,
                          Date today) {
  if (meeting.state != MeetingState::kScheduled || meeting.date < today)
    return Fail(Error::Conflict("panel_error_list_closed"));
  if (referral.panel != meeting.panel || referral.local_authority != meeting.local_authority)
    return Fail(Error::Conflict("panel_error_other_panel"));
  if (referral.state != ReferralState::kAwaiting || meeting.Item(referral.id))
    return Fail(Error::Conflict("panel_error_not_awaiting"));
  AgendaItem item;
  item.referral = referral.id;
  if (referral.setting) {
    for (const auto& member : panel.members) {
      if (member.active && member.role == PanelRole::kSchoolRepresentative && member.setting &&
          *member.setting == *referral.setting)
        item.excused.push_back({member.key, true, ""});
    }
  }
  meeting.items.push_back(std::move(item));
  referral.state = ReferralState::kListed;
  referral.meeting = meeting.id;
  return {};
}

Result<void> Unlist(PanelMeeting& meeting, PanelReferral& referral) {
  AgendaItem* item = meeting.Item(referral.id);
  if (!item) return Fail(Error::Conflict("panel_error_not_on_agenda"));
  if (item->decision || meeting.state != MeetingState::kScheduled)
    return Fail(Error::Conflict("panel_error_decided"));
  std::erase_if(meeting.items, [&](const AgendaItem& i) { return i.referral == referral.id; });
  referral.state = ReferralState::kAwaiting;
  referral.meeting.reset();
  return {};
}

Result<void> DeclareInterest(PanelMeeting& meeting, const Panel& panel, PanelReferralId referral,
                             int member, const std::string& reason) {
  AgendaItem* item = meeting.Item(referral);
  if (!item) return Fail(Error::Conflict("panel_error_not_on_agenda"));
  if (item->decision || meeting.state != MeetingState::kScheduled)
    return Fail(Error::Conflict("panel_error_decided"));
  const PanelMember* who = panel.Member(member);
  if (!who || !who->active)
    return Invalid("panel_error_interest_title", {{"member", "panel_error_member_unknown"}});
  if (Trim(reason).empty())
    return Invalid("panel_error_interest_title", {{"reason", "panel_error_interest_reason"}});
  if (Contains(ExcusedKeys(*item), member))
    return Fail(Error::Conflict("panel_error_already_excused"));
  item->excused.push_back({member, false, Trim(reason)});
  return {};
}

Result<void> DecideItem(PanelMeeting& meeting, const Panel& panel, PanelReferral& referral,
                        PanelDecision decision, std::optional<int> recorder, Date today) {
  if (meeting.state != MeetingState::kScheduled || meeting.date > today)
    return Fail(Error::Conflict("panel_error_not_sitting"));
  AgendaItem* item = meeting.Item(referral.id);
  if (!item) return Fail(Error::Conflict("panel_error_not_on_agenda"));
  if (item->decision) return Fail(Error::Conflict("panel_error_decided"));
  if (referral.state != ReferralState::kListed || !referral.meeting ||
      *referral.meeting != meeting.id)
    return Fail(Error::Conflict("panel_error_not_on_agenda"));
  const std::vector<int> excused = ExcusedKeys(*item);
  if (recorder && Contains(excused, *recorder))
    return Fail(Error::Conflict("panel_error_recorder_excused"));
  const Quorum quorum = QuorumOf(panel, meeting.present, excused);
  if (!quorum.quorate) {
    std::string missing;
    for (PanelRole role : quorum.missing) {
      if (!missing.empty()) missing += ",";
      missing += Code(role);
    }
    return Fail(Error::Conflict("panel_error_not_quorate", {{"missing", missing}}));
  }
  if (auto ok = CheckPanelDecision(decision); !ok) return ok;
  decision.agreed = Trim(decision.agreed);
  decision.reasons = Trim(decision.reasons);
  if (decision.outcome != PanelOutcome::kAgreed) {
    decision.placement = Placement::kNone;
    decision.setting.reset();
    decision.hours_per_week_tenths = 0;
    decision.places = 0;
    decision.annual_cost_pounds = 0;
  }
  decision.present.clear();
  for (int key : meeting.present)
    if (!Contains(excused, key)) decision.present.push_back(key);
  decision.decided_on = meeting.date;
  item->decision = decision;
  referral.decisions.push_back(decision);
  const bool settled =
      decision.outcome == PanelOutcome::kAgreed || decision.outcome == PanelOutcome::kNotAgreed;
  referral.state = settled ? ReferralState::kDecided : ReferralState::kAwaiting;
  if (!settled) referral.meeting.reset();
  return {};
}

Result<void> CloseMeeting(PanelMeeting& meeting, int minutes_count, UserId by, Timestamp at,
                          Date today) {
  if (meeting.state != MeetingState::kScheduled || meeting.date > today)
    return Fail(Error::Conflict("panel_error_not_sitting"));
  int waiting = 0;
  for (const auto& item : meeting.items)
    if (!item.decision) ++waiting;
  if (waiting > 0)
    return Fail(Error::Conflict("panel_error_undecided", {{"items", std::to_string(waiting)}}));
  meeting.state = MeetingState::kHeld;
  StatutoryClock clock;
  clock.local_authority = meeting.local_authority;
  clock.timescale = "panel-minutes";
  clock.count = minutes_count;
  clock.start_event = ClockEvent::kMeetingHeld;
  clock.started_on = meeting.date;
  clock.started_by = by;
  clock.started_at = at;
  meeting.minutes_clock = clock;
  return {};
}

Result<void> DistributeMinutes(PanelMeeting& meeting, Date on,
                               const std::vector<std::string>& recipients, Date due, UserId by,
                               Timestamp at, Date today) {
  if (meeting.state != MeetingState::kHeld || !meeting.minutes_clock)
    return Fail(Error::Conflict("panel_error_not_held"));
  if (meeting.minutes) return Fail(Error::Conflict("panel_error_minutes_sent"));
  Fields fields;
  if (on < meeting.date) fields.emplace("distributed_on", "panel_error_before_meeting");
  if (on > today) fields.emplace("distributed_on", "panel_error_future");
  std::vector<std::string> to;
  for (const auto& r : recipients)
    if (!Trim(r).empty()) to.push_back(Trim(r));
  if (to.empty()) fields.emplace("recipients", "panel_error_recipients");
  if (!fields.empty()) return Invalid("panel_error_minutes_title", std::move(fields));
  meeting.minutes = MinutesDistribution{on, std::move(to), by, at};
  meeting.minutes_clock->stopped_on = on;
  meeting.minutes_clock->due_when_stopped = due;
  return {};
}

ClockState MinutesState(const PanelMeeting& meeting) {
  if (!meeting.minutes_clock) return ClockState::kRunning;
  return StateOf(*meeting.minutes_clock);
}

}  // namespace cynnal::domain
