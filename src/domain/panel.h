#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/aln_determination.h"
#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"
#include "domain/school_calendar.h"
#include "domain/statutory_clock.h"

namespace cynnal::domain {

// An LA's ALN panel (REFERENCE section 6, the Blaenau Gwent model): the LA's moderating panel that
// decides placements and support, one per phase (ages 3-11 and 11-16).

// The roles a standing member holds on a panel (catalogue ids "panel_role_<code>").
enum class PanelRole {
  kChair,                    // the LA's lead officer for inclusion
  kActingChair,              // the principal educational psychologist, in the chair's absence
  kEducationalPsychologist,  //
  kInclusionOfficer,         //
  kSchoolRepresentative,     // a headteacher, senior leader or ALNCo of a school
  kParentalRepresentative,   // SNAP Cymru, when appropriate
  kAdministrator,            // administrative support: records the meeting
  kLacCoordinator,           // the education looked-after children co-ordinator, as necessary
};
std::string_view Code(PanelRole role);
std::optional<PanelRole> PanelRoleFromCode(std::string_view code);
const std::vector<PanelRole>& AllPanelRoles();

// A standing member of a panel.
struct PanelMember {
  int key = 0;  // unique within the panel and never reused
  std::string name;
  PanelRole role = PanelRole::kInclusionOfficer;
  std::optional<UserId> user;        // the member's Cynnal account, if they sign in
  std::optional<SettingId> setting;  // a school representative's school
  std::string organisation;          // "SNAP Cymru", a school's name as written by the LA
  std::string email;                 // where the minutes go
  bool active = true;                // false: stood down (kept for earlier minutes)
};

struct Panel {
  PanelId id;
  LocalAuthorityId local_authority;
  std::string name_en;
  std::string name_cy;
  int min_age = 3;   // the phase: learners aged min_age to max_age at the meeting
  int max_age = 11;  //
  std::vector<PanelMember> members;
  int next_member_key = 1;
  int version = 0;

  const PanelMember* Member(int key) const;
  // The active member linked to the user account, if any.
  const PanelMember* MemberFor(UserId user) const;
};

// Checks a panel's fields: both names, ages 0 to 25 with min below max, each member with a name,
// a school representative with a school, a valid email if given. Fields "name_en", "name_cy",
// "min_age", "max_age", "member_name", "member_setting", "member_email".
Result<void> CheckPanel(const Panel& panel);
// Adds a member with the next key (checked as CheckPanel does) and returns the key.
Result<int> AddMember(Panel& panel, PanelMember member);

// ---------------------------------------------------------------------------------------------
// Referrals: a case brought to a panel.

// The kinds of case a panel decides (REFERENCE section 6; catalogue ids "panel_case_<code>").
enum class PanelCaseType {
  kNurserySupport,       // additional support for a 3-year-old entering nursery not on a roll
  kSpecialistPlacement,  // a resource base or learning support centre place
  kMovingIn,             // support or a place for a pupil moving in from another LA
  kLaDecision,           // a request for an LA decision (legacy: statutory assessment)
  kWhetherToIssueIdp,    // whether to issue an IDP (legacy: statement or note in lieu)
  kSupportAndSetting,    // the level of support and type of setting
  kAnnualReviewChange,   // changes after an annual review
  kManagedMove,          // a managed move between schools
  kPruAccess,            // access to pupil referral unit provision
};
std::string_view Code(PanelCaseType type);
std::optional<PanelCaseType> PanelCaseTypeFromCode(std::string_view code);
const std::vector<PanelCaseType>& AllPanelCaseTypes();

// Where a referral stands.
enum class ReferralState {
  kAwaiting,   // waiting to be listed for a meeting (new, deferred or more information needed)
  kListed,     // on a meeting's agenda
  kDecided,    // agreed or not agreed
  kWithdrawn,  // withdrawn before a decision
};
std::string_view Code(ReferralState state);
std::optional<ReferralState> ReferralStateFromCode(std::string_view code);

// The panel's decision on an item (catalogue ids "panel_outcome_<code>").
enum class PanelOutcome { kAgreed, kNotAgreed, kDeferred, kMoreInformation };
std::string_view Code(PanelOutcome outcome);
std::optional<PanelOutcome> PanelOutcomeFromCode(std::string_view code);
const std::vector<PanelOutcome>& AllPanelOutcomes();

// The kind of place or support agreed, for the placement patterns the panel monitors
// (catalogue ids "placement_<code>").
enum class Placement {
  kNone,               // no change of place
  kMainstreamSupport,  // support in the learner's mainstream school or setting
  kResourceBase,       // a resource base or learning support centre
  kSpecialSchool,      //
  kPru,                // a pupil referral unit
  kNursery,            // a nursery place with support
  kOutOfCounty,        // a place outside the LA
};
std::string_view Code(Placement placement);
std::optional<Placement> PlacementFromCode(std::string_view code);
const std::vector<Placement>& AllPlacements();

// A decision on one agenda item, as recorded at the meeting.
struct PanelDecision {
  PanelOutcome outcome = PanelOutcome::kAgreed;
  std::string agreed;   // the provision, placement or level of support agreed (kAgreed)
  std::string reasons;  // the panel's reasons; for kDeferred and kMoreInformation, what is awaited
  Placement placement = Placement::kNone;
  std::optional<SettingId> setting;  // where the place is, for a placement
  int hours_per_week_tenths = 0;     // agreed support, in tenths of an hour a week
  int places = 0;                    // specialist places agreed
  int annual_cost_pounds = 0;        // the agreed resource's cost a year, in whole pounds
  std::vector<int> present;          // the members who took part (present and not excused)
  Date decided_on;                   // the meeting's date
  UserId by;
  Timestamp at{};
};

// Checks a decision's fields: reasons always; for kAgreed what was agreed; figures not negative
// and at most 40 hours a week, 10 places and GBP 1,000,000 a year. Fields "reasons", "agreed",
// "hours_per_week", "places", "annual_cost".
Result<void> CheckPanelDecision(const PanelDecision& decision);

// A case brought to a panel, with its papers, the statutory clock it is decided against, and the
// decisions taken on it at each meeting it was listed for.
struct PanelReferral {
  PanelReferralId id;
  LocalAuthorityId local_authority;
  PanelId panel;
  LearnerId learner;
  std::optional<AlnCaseId> aln_case;  // the ALN case it comes from, if any
  std::optional<IdpId> idp;           // the plan it concerns (changes after a review), if any
  std::optional<SettingId> setting;   // the school or setting the case concerns
  PanelCaseType type = PanelCaseType::kSupportAndSetting;
  std::optional<AreaOfNeed> area;  // the main area of need
  std::string summary;             // what the panel is asked to decide
  std::optional<ClockId> clock;    // the statutory clock the decision is due against
  Date referred_on;
  UserId referred_by;
  Timestamp referred_at{};
  ReferralState state = ReferralState::kAwaiting;
  std::optional<PanelMeetingId> meeting;  // the meeting it is listed for (kListed)
  // Every decision taken on it, oldest first (deferrals too).
  std::vector<PanelDecision> decisions;
  std::string withdrawn_reason;
  int version = 0;

  const PanelDecision* LastDecision() const;
};

// Checks a new referral: a summary, a referral date not in the future. Field "summary",
// "referred_on".
Result<void> CheckNewReferral(const PanelReferral& referral, Date today);
// Withdraws a referral that is not decided and not on a meeting's agenda; reasons required.
Result<void> Withdraw(PanelReferral& referral, const std::string& reasons);

// ---------------------------------------------------------------------------------------------
// Meetings.

enum class MeetingState {
  kScheduled,  // set in the schedule; items can be listed
  kHeld,       // closed: every item decided or deferred; the minutes clock runs
  kCancelled,  //
};
std::string_view Code(MeetingState state);
std::optional<MeetingState> MeetingStateFromCode(std::string_view code);

// The lead officer's agreement to meet on a day that is not a school day (REFERENCE section 6:
// holiday meetings only when the lead officer agrees, to meet statutory timescales).
struct HolidayAgreement {
  std::string lead_officer;
  Date agreed_on;
  std::string reason;
};

// A meeting moved to another date, or cancelled.
struct MeetingChange {
  Date from;
  std::optional<Date> to;  // empty: cancelled
  std::string reason;
  UserId by;
  Timestamp at{};
};

// A member arriving or leaving during the meeting.
struct AttendanceEvent {
  int member = 0;
  bool present = true;  // false: left
  std::string time;     // "HH:MM" as recorded, may be empty
  Timestamp at{};
};

// A member excused from one item (REFERENCE section 6: a member with a possible vested interest,
// such as a school's representative on that school's case, is excused from the discussion).
struct Excusal {
  int member = 0;
  bool detected = false;  // true: found by Cynnal (a school representative on their school's case)
  std::string reason;
};

// One item on a meeting's agenda.
struct AgendaItem {
  PanelReferralId referral;
  std::vector<Excusal> excused;
  std::optional<PanelDecision> decision;
};

// The distribution of the minutes.
struct MinutesDistribution {
  Date distributed_on;
  std::vector<std::string> recipients;  // names with email addresses, as recorded
  UserId by;
  Timestamp at{};
};

struct PanelMeeting {
  PanelMeetingId id;
  PanelId panel;
  LocalAuthorityId local_authority;
  Date date;
  std::string time;      // "HH:MM", may be empty
  std::string location;  // may be empty
  MeetingState state = MeetingState::kScheduled;
  std::optional<HolidayAgreement> holiday_agreement;
  std::vector<MeetingChange> changes;
  std::vector<int> present;  // the members present now (during) or at the close
  std::vector<AttendanceEvent> attendance;
  std::vector<AgendaItem> items;
  std::string other_business;
  // The `panel-minutes` clock: started on the meeting's date when it is closed, stopped when the
  // minutes are distributed. Held here: it times a meeting, not a learner's case.
  std::optional<StatutoryClock> minutes_clock;
  std::optional<MinutesDistribution> minutes;
  int version = 0;

  AgendaItem* Item(PanelReferralId referral);
  const AgendaItem* Item(PanelReferralId referral) const;
  bool Present(int member) const;
};

// The dates of a fortnightly schedule: every 14 days from `first` up to `last`, each on a school
// day of `calendar` (the LA's term dates and bank holidays). A date that is not a school day moves
// to the next school day of the same week (Monday to Friday); a week with none (a holiday or
// half-term) has no meeting. Fails as the calendar does outside the years it knows.
Result<std::vector<Date>> FortnightlySchedule(Date first, Date last,
                                              const SchoolCalendar& calendar);

// Checks a meeting's date: a school day on `calendar`, or any day with the lead officer's
// agreement recorded (name, date and reason). kInvalidArgument "panel_error_not_school_day" (field
// "date") or "panel_error_agreement" (fields "lead_officer", "agreed_on", "agreement_reason").
Result<void> CheckMeetingDate(Date date, const std::optional<HolidayAgreement>& agreement,
                              const SchoolCalendar& calendar);

// Moves a scheduled meeting to `to` (checked as CheckMeetingDate, with the agreement for the new
// date) with a reason; kConflict once held or cancelled.
Result<void> MoveMeeting(PanelMeeting& meeting, Date to,
                         const std::optional<HolidayAgreement>& agreement,
                         const std::string& reason, const SchoolCalendar& calendar, UserId by,
                         Timestamp at);
// Cancels a scheduled meeting with a reason; kConflict if held or any item has a decision.
Result<void> CancelMeeting(PanelMeeting& meeting, const std::string& reason, UserId by,
                           Timestamp at);

// Whether a panel is quorate: the chair or acting chair, an educational psychologist and an
// inclusion officer present (REFERENCE section 6). `missing` lists the roles still needed
// (kChair standing for "the chair or acting chair").
struct Quorum {
  bool quorate = false;
  std::vector<PanelRole> missing;
};
// The quorum of the members in `present`, leaving out those in `excused`.
Quorum QuorumOf(const Panel& panel, const std::vector<int>& present,
                const std::vector<int>& excused = {});
// The quorum for one item: the members present, less those excused from it.
Quorum QuorumFor(const Panel& panel, const PanelMeeting& meeting, const AgendaItem& item);

// Records a member arriving or leaving. Only on a scheduled meeting on or after its date (today
// in Wales); the member must be an active member of the panel.
Result<void> RecordAttendance(PanelMeeting& meeting, const Panel& panel, int member, bool present,
                              const std::string& time, Date today, Timestamp at);

// Lists a referral on a scheduled meeting of its panel: the referral must be awaiting, and the
// meeting not in the past. Detected conflicts are recorded at once: each school representative
// whose school is the referral's setting is excused from the item. The referral becomes kListed.
Result<void> ListOnAgenda(PanelMeeting& meeting, const Panel& panel, PanelReferral& referral,
                          Date today);
// Takes an undecided item off the agenda; the referral waits again.
Result<void> Unlist(PanelMeeting& meeting, PanelReferral& referral);

// A member declares an interest in an item and is excused from it. kConflict if already excused
// or the item is decided.
Result<void> DeclareInterest(PanelMeeting& meeting, const Panel& panel, PanelReferralId item,
                             int member, const std::string& reason);

// Records the panel's decision on an item. Refused (kConflict, with a message id) when:
//   the meeting is not scheduled or is in the future ("panel_error_not_sitting");
//   the referral is not on its agenda ("panel_error_not_on_agenda");
//   the item is already decided ("panel_error_decided");
//   the person recording it is a member excused from it ("panel_error_recorder_excused");
//   the panel is not quorate for the item ("panel_error_not_quorate", fields["missing"] the
//     missing roles' codes, comma-separated).
// `recorder` is the recording user's member key, if they are a member. On success the decision
// (with its `present` list and date filled in) is kept on the item and on the referral: agreed
// and not agreed decide it, deferred and more information send it back to wait.
Result<void> DecideItem(PanelMeeting& meeting, const Panel& panel, PanelReferral& referral,
                        PanelDecision decision, std::optional<int> recorder, Date today);

// Closes a meeting held on or before today once every item has a decision, and starts its minutes
// clock (`panel-minutes`, `minutes_count` working days from the meeting's date).
// kConflict "panel_error_undecided" (fields["items"] the count) while any item waits.
Result<void> CloseMeeting(PanelMeeting& meeting, int minutes_count, UserId by, Timestamp at,
                          Date today);

// Records the minutes distributed on `on` (not before the meeting, not after today) to the
// recipients (at least one), and stops the minutes clock against `due` (its due date).
Result<void> DistributeMinutes(PanelMeeting& meeting, Date on,
                               const std::vector<std::string>& recipients, Date due, UserId by,
                               Timestamp at, Date today);

// How the minutes stand: not yet due to be sent (the meeting is open), running, met, missed.
ClockState MinutesState(const PanelMeeting& meeting);

}  // namespace cynnal::domain
