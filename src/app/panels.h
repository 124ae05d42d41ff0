#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/aln_cases.h"
#include "app/clocks.h"
#include "app/forms.h"
#include "app/services.h"
#include "domain/panel.h"

namespace cynnal::app {

// ---------------------------------------------------------------------------------------------
// Panels and their members (MayAccessPanel; audited as "admin" when changed).

struct PanelsView {
  std::vector<domain::Panel> panels;  // those the actor may see, by age
  bool may_configure = false;         // an LA administrator or officer
  bool may_refer = false;
};
Result<PanelsView> ListPanels(Services& services, const Actor& actor);

// Adds a panel of the actor's LA ("name_en", "name_cy", "min_age", "max_age") or, with `id`,
// changes one ("version" as seen).
Result<domain::PanelId> SavePanel(Services& services, const Actor& actor,
                                  std::optional<domain::PanelId> id, const Form& form);
// Adds a standing member ("name", "role", "username" of their Cynnal account if any, "setting"
// for a school representative, "organisation", "email").
Result<int> AddPanelMember(Services& services, const Actor& actor, domain::PanelId id,
                           const Form& form);
// Stands a member down (kept on earlier minutes) or back.
Status SetPanelMemberActive(Services& services, const Actor& actor, domain::PanelId id, int key,
                            bool active);

// One referral as a panel's lists and agendas show it.
struct ReferralLine {
  domain::PanelReferral referral;
  std::string learner_name;
  std::string setting_name;
  std::optional<ClockSummary> clock;  // the statutory clock it is decided against
  std::optional<domain::Date> due;    // that clock's due date (or waiver target)
};

// A panel's page: its members, the year's meetings and the referrals waiting to be listed
// (LA roles only), ordered by deadline.
struct PanelView {
  domain::Panel panel;
  std::vector<domain::PanelMeeting> meetings;  // of `academic_year`, by date
  int academic_year = 0;
  std::vector<ReferralLine> awaiting;
  std::map<domain::UserId, std::string> people;       // member accounts: usernames
  std::map<domain::SettingId, std::string> settings;  // the LA's settings by name
  std::map<domain::PanelMeetingId, domain::Date> minutes_due;
  bool may_configure = false;
  bool may_run = false;
  bool may_monitor = false;
  domain::Date today;
};
// `academic_year` 0: the current one.
Result<PanelView> ViewPanel(Services& services, const Actor& actor, domain::PanelId id,
                            int academic_year);

// ---------------------------------------------------------------------------------------------
// The schedule.

// Adds the fortnightly meetings from "first" to "last" ("time", "location" for each) on the LA's
// school days (domain::FortnightlySchedule), leaving out dates that already have one. Returns how
// many were added.
Result<int> GeneratePanelSchedule(Services& services, const Actor& actor, domain::PanelId id,
                                  const Form& form);
// Adds one meeting ("date", "time", "location"; on a day that is not a school day also
// "lead_officer", "agreed_on", "agreement_reason").
Result<domain::PanelMeetingId> AddPanelMeeting(Services& services, const Actor& actor,
                                               domain::PanelId id, const Form& form);
// Moves a meeting ("date", "reason", and the agreement as above) or cancels it ("reason").
Status MovePanelMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id,
                        const Form& form);
Status CancelPanelMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id,
                          const Form& form);

// ---------------------------------------------------------------------------------------------
// Referrals.

// What the "refer to a panel" form offers for a learner.
struct ReferralFormView {
  domain::Learner learner;
  std::vector<domain::Panel> panels;
  std::vector<domain::AlnCase> cases;        // the learner's cases
  std::vector<domain::Idp> plans;            // the learner's plans
  std::vector<domain::Setting> settings;     // the learner's settings
  std::optional<domain::PanelId> suggested;  // the panel whose ages fit the learner today
  domain::Date today;
};
Result<ReferralFormView> ReferralForm(Services& services, const Actor& actor,
                                      domain::LearnerId learner);

// Refers a learner to a panel ("panel", "type", "area", "summary", "aln_case", "idp", "setting",
// "referred_on"). The statutory clock shown is the case's running duty clock, else the plan's
// running review clock. Audited as "create" on the learner.
Result<domain::PanelReferralId> ReferToPanel(Services& services, const Actor& actor,
                                             domain::LearnerId learner, const Form& form);

struct ReferralView {
  ReferralLine line;
  domain::Panel panel;
  std::optional<domain::PanelMeeting> meeting;  // the meeting it is listed for
  std::vector<PanelPaper> papers;
  std::map<domain::UserId, std::string> people;
  bool may_refer = false;  // add papers, withdraw
};
// kForbidden unless MayAccessReferral(kView). Audited as "view" on the learner.
Result<ReferralView> ViewReferral(Services& services, const Actor& actor,
                                  domain::PanelReferralId id);
Result<domain::PanelPaperId> AddReferralPaper(Services& services, const Actor& actor,
                                              domain::PanelReferralId id, const UploadedFile& file);
Result<PanelPaper> GetReferralPaper(Services& services, const Actor& actor,
                                    domain::PanelReferralId id, domain::PanelPaperId paper);
Status WithdrawReferral(Services& services, const Actor& actor, domain::PanelReferralId id,
                        const Form& form);

// A learner's referrals, for their record (those the actor may see).
Result<std::vector<ReferralLine>> LearnerReferrals(Services& services, const Actor& actor,
                                                   domain::LearnerId learner);

// ---------------------------------------------------------------------------------------------
// Meetings.

struct AgendaLine {
  ReferralLine line;
  domain::AgendaItem item;
  domain::Quorum quorum;  // for this item: present less excused
};

struct MeetingView {
  domain::Panel panel;
  domain::PanelMeeting meeting;
  std::vector<AgendaLine> agenda;      // ordered by deadline (no deadline last), then referral
  domain::Quorum quorum;               // of the members present
  std::vector<ReferralLine> awaiting;  // the panel's referrals that could be listed
  std::map<domain::UserId, std::string> people;
  std::map<domain::SettingId, std::string> settings;
  std::optional<domain::Date> minutes_due;
  domain::ClockState minutes_state = domain::ClockState::kRunning;
  bool may_configure = false;
  bool may_run = false;
  domain::Date today;
};
// kForbidden unless MayAccessPanel(kView); a panel member sees the items of their panel's
// meetings only. Audited as "view".
Result<MeetingView> ViewMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id);

// Lists ("referral") or unlists an awaiting referral on a meeting (kConfigure).
Status ListReferralOnAgenda(Services& services, const Actor& actor, domain::PanelMeetingId id,
                            const Form& form);
Status UnlistReferral(Services& services, const Actor& actor, domain::PanelMeetingId id,
                      domain::PanelReferralId referral);
// Attendance ("member", "present" yes/no, "time").
Status RecordPanelAttendance(Services& services, const Actor& actor, domain::PanelMeetingId id,
                             const Form& form);
// An interest declared on an item ("member", "reason").
Status DeclarePanelInterest(Services& services, const Actor& actor, domain::PanelMeetingId id,
                            domain::PanelReferralId referral, const Form& form);
// The decision on an item ("outcome", "agreed", "reasons", "placement", "setting",
// "hours_per_week" as hours with up to one decimal place, "places", "annual_cost"). The case
// it came from notes the decision on its timeline. Refused without quorum or by an excused member.
Status DecidePanelItem(Services& services, const Actor& actor, domain::PanelMeetingId id,
                       domain::PanelReferralId referral, const Form& form);
// Closes a meeting and starts its minutes clock (the LA's `panel-minutes` working days).
Status ClosePanelMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id);
// Records the minutes distributed ("distributed_on"; "recipients" the member keys ticked and
// "other_recipients" one per line).
Status DistributePanelMinutes(Services& services, const Actor& actor, domain::PanelMeetingId id,
                              const Form& form);

// The minutes of a meeting as a document: the meeting view with every decision, for LA roles
// and the panel's members. Audited as "export".
Result<MeetingView> PanelMinutes(Services& services, const Actor& actor, domain::PanelMeetingId id);

// ---------------------------------------------------------------------------------------------
// Monitoring (REFERENCE section 6: timescales, consistency, resources, placements).

struct MonitoringRequest {
  std::optional<domain::PanelId> panel;  // all the LA's panels when empty
  domain::Date from;
  domain::Date to;
};

// Counts of decisions under one heading (a case type, area of need, school or outcome).
struct OutcomeCounts {
  std::string key;    // a code, or a setting id as text
  std::string label;  // a setting's name; empty for codes (the page translates them)
  int agreed = 0;
  int not_agreed = 0;
  int deferred = 0;  // deferred and more information needed
  int Total() const { return agreed + not_agreed + deferred; }
  // Agreed as a share of agreed and not agreed, in whole per cent (0 when none).
  int AgreementRate() const;
};

struct SchoolResources {
  domain::SettingId setting;
  std::string name;
  int roll = 0;          // learners registered on `to`
  int hours_tenths = 0;  // agreed support a week, tenths of an hour
  int places = 0;
  long long cost_pounds = 0;  // agreed a year
  int decisions = 0;          // agreed decisions
};

struct MonthPlacements {
  int year = 0;
  int month = 0;
  std::map<domain::Placement, int> counts;  // agreed decisions by placement
};

struct Monitoring {
  MonitoringRequest request;
  std::vector<domain::Panel> panels;  // the LA's panels (for the chooser)
  // Statutory timescales of the referrals decided in the period: decided by their clock's due
  // date (met), after it (missed), or with the deadline waived.
  int timescales_met = 0;
  int timescales_missed = 0;
  int timescales_waived = 0;
  int timescales_none = 0;  // decided with no statutory clock
  // The minutes of meetings held in the period.
  int minutes_met = 0;
  int minutes_missed = 0;
  int minutes_running = 0;
  std::vector<OutcomeCounts> by_type;
  std::vector<OutcomeCounts> by_area;
  std::vector<OutcomeCounts> by_school;
  std::vector<SchoolResources> resources;   // schools with agreed resources or referrals
  std::vector<MonthPlacements> placements;  // each month of the period
  int decisions = 0;
};
// LA administrators and officers (any panel of their LA), the chair and acting chair (their
// panel). Names of learners never appear. Audited as "view".
Result<Monitoring> PanelMonitoring(Services& services, const Actor& actor,
                                   const MonitoringRequest& request);

}  // namespace cynnal::app
