#pragma once

#include <optional>
#include <vector>

#include "domain/aln_responsibility.h"
#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/organisation.h"
#include "domain/panel.h"
#include "domain/user.h"

namespace cynnal::domain {

// What may be done to one learner's record.
enum class LearnerAction { kView, kCreate, kUpdate, kExport };

// What may be done with a setting or with the LA's administration.
enum class SettingAction { kView, kViewCounts };
enum class AdminAction { kManageUsers, kSearchAudit };

// Who may see and change which learner (issue 2; the Act's duties sit with schools, the LA,
// parents and young people; children's data is special-category personal data, so each role sees
// only what its work needs):
//   LA administrator, LA officer: every learner of their LA, and those their LA looks after;
//   panel member: view the learners on the agendas of the panels they sit on (issue 6;
//     User::panel_learners);
//   ALNCo: learners with a registration at one of their settings that has not ended by `today`
//     (current, or starting later so that a school can plan a learner's transition), to view,
//     add and update;
//   teacher: the same learners of their setting, to view;
//   governor: no individual learner (counts only);
//   parent or carer: their children, where they hold parental responsibility;
//   young person: themselves;
//   health board officer: learners referred to their board, to view.
// Pure: the same answer for the same arguments. `today` is the date in Wales.
bool MayAccessLearner(const User& user, LearnerAction action, const Learner& learner, Date today);

// LA roles see every setting of their LA; ALNCos, teachers and governors their own settings.
bool MayAccessSetting(const User& user, SettingAction action, const Setting& setting);

// Who may record a learner's registration at `setting`, or end one there: LA administrators and
// LA officers at any setting of their LA; an ALNCo only at their own settings (a school does not
// enrol or remove pupils of another school).
bool MayChangeRegistrationAt(const User& user, const Setting& setting);

// Whether the user may see a family member's phone, email and address on a learner's record:
// professionals who see the learner may; a parent or carer only their own (not, say, a separated
// parent's); a young person sees names and relationships only.
bool MaySeeFamilyContact(const User& user, FamilyMemberId member);

// Only an LA administrator administers users and searches the audit, within their LA.
bool MayAdminister(const User& user, AdminAction action, LocalAuthorityId local_authority);

// Whether the role may see any learner's name at all (governors may not).
bool MaySeeLearnerNames(Role role);
// Whether the role may list settings (LA roles, ALNCo, teacher, governor).
bool MayListSettings(Role role);
// Whether the role may add learners (LA administrator, LA officer, ALNCo).
bool MayCreateLearners(Role role);

// School calendars and statutory clocks (issue 3):
//   viewing a setting's calendar: whoever may see the setting (MayAccessSetting);
//   adding or removing a setting's INSET and closure days: the LA administrator of its LA, or an
//     ALNCo of that setting (a school sets its own INSET days; REFERENCE section 3);
//   the LA's term dates, the bank holidays and the LA's local timescales: viewed by LA roles and
//     by ALNCos, teachers and governors of the LA; changed only by its LA administrator.
enum class CalendarAction { kView, kEdit };
bool MayAccessSettingCalendar(const User& user, CalendarAction action, const Setting& setting);
bool MayAccessTermDates(const User& user, CalendarAction action, LocalAuthorityId local_authority);
// The list of clocks due for a whole LA: its LA administrators and LA officers.
bool MaySeeLaDueList(const User& user, LocalAuthorityId local_authority);
// The list of clocks due for one setting: the LA administrators and officers of its LA, and its
// ALNCos (a school answers for its own 35-school-day decisions).
bool MaySeeSettingDueList(const User& user, const Setting& setting);

// ALN cases (issue 4). Every case right needs MayAccessLearner(kView) on the case's learner too.
//   kViewStatus: the case's stage, dates and who decides: everyone who may view the learner;
//   kView: the whole case (the test, notices, documents): LA roles, ALNCos, parents and carers
//     with parental responsibility, and the young person; teachers and health board officers see
//     the status only (a teacher who raised a concern follows it; the detail is the ALNCo's);
//   kRaise: raise a concern: LA administrators and officers, ALNCos, teachers and health board
//     officers (a parent raises a concern with the school, which records it).
enum class CaseAction { kViewStatus, kView, kRaise };
bool MayAccessCase(const User& user, CaseAction action, const Learner& learner, Date today);
// Whether the user acts for the deciding body: an ALNCo of the school or FEI (for its governing
// body), or an LA administrator or officer of the deciding LA. Only the deciding body records the
// triage, referral, exception, decision and notice.
bool MayActForBody(const User& user, DecidingBody body, LocalAuthorityId local_authority,
                   std::optional<SettingId> setting);
// LA administrators and officers of `local_authority`: they record what the LA receives and
// arranges (reconsideration requests, disagreement resolution, appeals and orders) and the LA's
// decision settings.
bool MayActForLa(const User& user, LocalAuthorityId local_authority);

// IDPs, One Page Profiles and legacy SEN records (issue 5). Every right needs
// MayAccessLearner(kView) on the learner too.
//   kView: the plan in force and its earlier versions, and a One Page Profile: everyone who may
//     view the learner (teachers and health board officers deliver the provision it sets out);
//   kViewDraft: a plan being written, the review record and legacy SEN records: LA roles, ALNCos
//     and teachers (a family reads the plan they are given, and takes part in writing it through
//     its person-centred meetings);
//   kRequestReview: ask for an earlier review (Act s.23): a parent or carer with parental
//     responsibility, the young person, and a health board officer (an NHS body providing ALP);
//     the body that maintains the plan records requests made to it in any other way;
//   kEdit: write One Page Profiles and legacy SEN records: whoever may update the learner (the
//     LA's officers and administrators, and ALNCos of the learner's school).
// Writing, finalising, reviewing, moving and ceasing a plan is for the body that maintains it
// (MayActForBody).
enum class PlanAction { kView, kViewDraft, kRequestReview, kEdit };
bool MayAccessPlan(const User& user, PlanAction action, const Learner& learner, Date today);

// ALN panels (issue 6; REFERENCE section 6). The LA runs its panels; a panel member sees only
// what their own panel deals with:
//   kView: a panel, its schedule and meetings: LA administrators and officers of its LA, and the
//     panel's active members who sign in;
//   kConfigure: the panel's name, phase, members and schedule, and moving or cancelling a
//     meeting: LA administrators and officers;
//   kRun: attendance, interests, decisions, closing a meeting and distributing its minutes: LA
//     administrators and officers, and the panel's chair, acting chair and administrator;
//   kMonitor: the panel's monitoring figures (no names): LA administrators and officers, and the
//     panel's chair and acting chair.
enum class PanelAction { kView, kConfigure, kRun, kMonitor };
bool MayAccessPanel(const User& user, PanelAction action, const Panel& panel);

// A referral to a panel and its papers:
//   kView: LA administrators and officers of the panel's LA; the panel's active members while the
//     referral is on (or has been decided at) one of its meetings (`on_agenda`); an ALNCo who may
//     update the learner (their own school's referral);
//   kRefer: bring a learner to a panel, add papers, withdraw: LA administrators and officers, and
//     ALNCos who may update the learner.
enum class ReferralAction { kView, kRefer };
bool MayAccessReferral(const User& user, ReferralAction action, const Panel& panel, bool on_agenda,
                       const Learner& learner, Date today);

// The same rule as MayAccessLearner(kView) in a form a store can query: a learner is in scope if
// any given condition holds. An empty scope matches nobody.
struct LearnerScope {
  std::optional<LocalAuthorityId> local_authority;  // learner's LA, or looked after by it
  std::vector<SettingId> settings;                  // registered there, not ended by `on`
  std::optional<FamilyMemberId> family_member;      // with parental responsibility
  std::optional<LearnerId> learner;
  std::optional<HealthBoardId> health_board;  // referred to this board
  std::vector<LearnerId> learners;            // these learners (a panel member's agenda)
  Date on;

  bool Empty() const {
    return !local_authority && settings.empty() && !family_member && !learner && !health_board &&
           learners.empty();
  }
  // Evaluates the scope against one learner (the in-memory store and tests use this).
  bool Matches(const Learner& learner) const;
};

LearnerScope ViewScopeFor(const User& user, Date today);

// A school's provision map, the sessions delivered and its ALN register (issue 7; REFERENCE
// section 7: the ALNCo maintains the register and the map, the governing body scrutinises them):
//   kViewCounts: the map's provisions with how many learners receive each, and the register as
//     counts, never a name: LA administrators and officers of the setting's LA; the setting's
//     ALNCos, teachers and governors;
//   kView: the same with learners' names, and the school's delivery shortfalls: all of those but
//     governors;
//   kEdit: change the map and roll it over to a new year: LA administrators and officers, the
//     setting's ALNCos;
//   kRecordDelivery: record sessions given at the setting: LA administrators and officers, the
//     setting's ALNCos and teachers (who give them);
//   kExport: the register with names as CSV or XLSX: LA administrators and officers, the
//     setting's ALNCos.
enum class ProvisionAction { kViewCounts, kView, kEdit, kRecordDelivery, kExport };
bool MayAccessProvision(const User& user, ProvisionAction action, const Setting& setting);

// Specialist places and equipment (issue 7):
//   kView: LA administrators, officers and panel members of the LA see every specialist provision
//     and its counts; the ALNCos, teachers and governors of the setting that hosts it see that
//     one. Learners' names on its lists only for learners the user may see (MayAccessLearner).
//   kManage: LA administrators and officers (the LA commissions and allocates places).
// Equipment: kView as above for equipment at a setting (LA-wide equipment: LA roles only);
//   kManage LA administrators and officers, and the ALNCos of the setting for their school's own.
enum class SpecialistAction { kView, kManage };
bool MayAccessSpecialist(const User& user, SpecialistAction action,
                         LocalAuthorityId local_authority, std::optional<SettingId> setting,
                         bool school_owned = false);

// Family liaison contacts (issue 7; domain/family_contact.h). They hold what families tell the
// professionals who work with their child, so:
//   kView, kRecord: LA administrators and officers, ALNCos and teachers who may view the learner
//     (MayAccessLearner(kView)); never governors, panel members, health board officers, or the
//     family itself (a family asks for what is held about it by a subject access request);
//   kRemove (a contact recorded against the wrong learner, or in error): LA administrators and
//     officers, ALNCos who may update the learner, and whoever recorded it (`recorded_it`) while
//     they may still record.
enum class LiaisonAction { kView, kRecord, kRemove };
bool MayAccessFamilyContacts(const User& user, LiaisonAction action, const Learner& learner,
                             Date today, bool recorded_it = false);

}  // namespace cynnal::domain
