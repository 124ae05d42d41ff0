// The authorisation matrix: every route, for every role, against learners and settings inside and
// outside the role's scope. A route that is not in this table fails the first test, so every new
// route must join the matrix.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "domain/aln_case.h"
#include "domain/family_contact.h"
#include "domain/idp.h"
#include "domain/one_page_profile.h"
#include "domain/panel.h"
#include "domain/provision.h"
#include "domain/specialist_places.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

using domain::LearnerAction;

enum class Kind {
  kPublic,         // anyone, signed in or not
  kSelf,           // any signed-in user, about themselves
  kLearnerList,    // lists only learners in the user's view scope; governors 403
  kLearnerView,    // one learner: MayAccessLearner(kView)
  kLearnerUpdate,  // one learner: MayAccessLearner(kUpdate)
  kRegistration,   // as kLearnerUpdate, and MayChangeRegistrationAt the registration's setting
  kLearnerCreate,  // MayCreateLearners(role)
  kSettingList,    // MayListSettings(role), only settings the user may see
  kSettingView,    // one setting: MayAccessSetting
  kAdmin,          // LA administrator of the user's own LA
  kCalendarView,   // one setting's calendar: MayAccessSettingCalendar(kView)
  kCalendarEdit,   // one setting's own days: MayAccessSettingCalendar(kEdit)
  kTermDatesView,  // the LA's term dates, bank holidays, timescales: MayAccessTermDates(kView)
  kTermDatesEdit,  // changing them: MayAccessTermDates(kEdit)
  kClockView,      // one clock: MayAccessLearner(kView) on its learner
  kClockUpdate,    // stopping or waiving a clock: MayAccessLearner(kUpdate) on its learner
  kDueList,        // due lists: only clocks on learners the user may see; others 403
  kConcernRaise,   // raising a concern: MayAccessCase(kRaise) on the learner
  kCaseStatus,     // one case's status: MayAccessCase(kViewStatus)
  kCaseDetail,     // its notices and documents: MayAccessCase(kView)
  kCaseDocument,   // adding a document: kCaseDetail and an LA role or ALNCo
  kCaseBody,       // triage, referral, exception, decision: acts for the body responsible
  kCaseNotice,     // giving the notice: acts for the body that decided
  kCaseLa,         // reconsideration, disagreement, appeal: the LA's officers
  kDecisionSettingsView,  // MayActForLa on the user's own LA
  kDecisionSettingsEdit,  // its LA administrator
  kPlanView,              // a plan in force and its versions: MayAccessPlan(kView) on its learner
  kPlanCessation,         // the cessation notice: kPlanView; 404 while the plan has not ceased
  kPlanDraft,             // 2B and 2C of the draft: MayAccessPlan(kViewDraft); 409 without a draft
  kPlanBody,              // writing, finalising, reviewing, ceasing: kViewDraft && MayActForBody
  kPlanMove,              // moves and PEP links: kViewDraft && (MayActForBody || MayActForLa)
  kPlanRequest,           // asking for a review: the maintainer, or MayAccessPlan(kRequestReview)
  kPlanStart,             // starting a plan: MayAccessPlan(kEdit); then the form, then the body
  kLearnerPlanDraft,      // one learner's legacy SEN record: MayAccessPlan(kViewDraft)
  kLearnerPlanEdit,       // new One Page Profiles, legacy records: MayAccessPlan(kEdit)
  kProfileView,           // one One Page Profile: MayAccessPlan(kView) on its learner
  kProfileEdit,           // reviewing or closing it: MayAccessPlan(kEdit) on its learner
  kPhoto,                 // a profile's photo: MayAccessPlan(kView) on its learner
  kLegacyTransition,      // the LA's legacy SEN transition report: MayActForLa on the user's own LA
  kPanelList,             // the LA's panels: LA roles, and members of a panel they may see
  kPanelCreate,           // a new panel: MayAccessPanel(kConfigure) on a panel of the user's LA
  kPanelView,             // one panel: MayAccessPanel(kView)
  kPanelConfigure,        // its members and schedule: MayAccessPanel(kConfigure)
  kMeetingView,           // one meeting: MayAccessPanel(kView) on its panel
  kMeetingMinutes,        // its minutes as a PDF: kMeetingView; 409 until the meeting is held
  kMeetingRun,            // attendance, interests, decisions, closing, minutes: kRun
  kMeetingConfigure,      // the agenda, moving and cancelling: kConfigure
  kReferralView,          // one referral and its papers: MayAccessReferral(kView)
  kReferralRefer,         // adding papers, withdrawing: MayAccessReferral(kRefer)
  kLearnerReferral,       // referring a learner: MayAccessLearner(kView) and kRefer to a panel
  kPanelMonitoring,       // the monitoring figures: kMonitor on a panel of the user's LA
  kProvisionCounts,    // one setting's map, register and delivery: MayAccessProvision(kViewCounts)
  kProvisionStart,     // starting a setting's map: MayAccessProvision(kEdit)
  kProvisionView,      // one provision on a map: kViewCounts on the map's setting
  kProvisionEdit,      // changing a map: kEdit on its setting, while the map is not reviewed
  kProvisionRollOver,  // reviewing a map: kProvisionEdit, and next year has no map yet
  kDeliveryRecord,     // recording a learner's sessions: MayAccessLearner(kView) and
                       // kRecordDelivery at the setting of one of their promises
  kDeliveryRemove,     // removing a record: MayAccessLearner(kView) on its learner (404
                       // otherwise) and kRecordDelivery at its setting
  kLaOversight,        // the LA's figures for its schools: MayActForLa on the user's own LA
  kReviewEdit,         // recording the LA's review of a school's arrangements: kViewCounts on the
                       // setting and MayActForLa on its LA
  kSpecialistList,     // specialist places and equipment: LA roles, ALNCos, teachers, governors,
                       // each shown only what MayAccessSpecialist(kView) allows
  kSpecialistAdd,      // new specialist places: MayAccessSpecialist(kManage) on the user's own LA
  kSpecialistView,     // one provision: MayAccessSpecialist(kView) (404 otherwise)
  kSpecialistManage,   // changing it, its waiting list and places: MayAccessSpecialist(kManage);
                       // 403 to whoever may see it, else 404
  kEquipmentAdd,       // new equipment: ALNCos, and MayAccessSpecialist(kManage) on the user's LA
  kEquipmentEdit,      // one item: MayAccessSpecialist(kManage) with its owner; 403 to whoever
                       // may see it, else 404
  kLiaisonView,        // a learner's contacts with their family: MayAccessFamilyContacts(kView)
  kLiaisonRecord,      // recording a contact: MayAccessFamilyContacts(kRecord)
  kContactView,        // one contact: MayAccessFamilyContacts(kView) on its learner (404
                       // otherwise)
  kContactFollowUp,    // recording its follow-up: kRecord on its learner and a follow-up due or
                       // overdue; 403 to whoever may see it, else 404
  kContactRemove,      // removing it: kRemove on its learner (its recorder may); 403 to whoever
                       // may see it, else 404
  kSchoolLiaison,      // a school's family liaison: MayAccessProvision(kView) on the setting
};

const std::map<std::string, Kind>& Matrix() {
  static const std::map<std::string, Kind> m{
      {"GET /healthz", Kind::kPublic},
      {"GET /sign-in", Kind::kPublic},
      {"POST /sign-in", Kind::kPublic},
      {"GET /language/{lang}", Kind::kPublic},
      {"GET /api/v1/openapi.json", Kind::kPublic},
      {"POST /api/v1/session", Kind::kPublic},
      {"GET /", Kind::kSelf},
      {"POST /sign-out", Kind::kSelf},
      {"DELETE /api/v1/session", Kind::kSelf},
      {"GET /learners", Kind::kLearnerList},
      {"GET /api/v1/learners", Kind::kLearnerList},
      {"GET /learners/{id}", Kind::kLearnerView},
      {"GET /api/v1/learners/{id}", Kind::kLearnerView},
      {"GET /learners/{id}/edit", Kind::kLearnerUpdate},
      {"POST /learners/{id}/edit", Kind::kLearnerUpdate},
      {"GET /learners/{id}/registrations/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/registrations/new", Kind::kLearnerUpdate},
      {"GET /learners/{id}/family/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/family/new", Kind::kLearnerUpdate},
      {"PUT /api/v1/learners/{id}", Kind::kLearnerUpdate},
      {"GET /learners/{id}/registrations/{index}/end", Kind::kLearnerUpdate},
      {"POST /learners/{id}/registrations/{index}/end", Kind::kRegistration},
      {"GET /learners/new", Kind::kLearnerCreate},
      {"POST /learners/new", Kind::kLearnerCreate},
      {"POST /learners/new/confirm", Kind::kLearnerCreate},
      {"POST /api/v1/learners", Kind::kLearnerCreate},
      {"GET /settings", Kind::kSettingList},
      {"GET /api/v1/settings", Kind::kSettingList},
      {"GET /settings/{id}", Kind::kSettingView},
      {"GET /api/v1/settings/{id}", Kind::kSettingView},
      {"GET /admin/users", Kind::kAdmin},
      {"GET /admin/users/new", Kind::kAdmin},
      {"POST /admin/users/new", Kind::kAdmin},
      {"POST /admin/users/{id}/disable", Kind::kAdmin},
      {"GET /admin/audit", Kind::kAdmin},
      {"GET /api/v1/audit", Kind::kAdmin},
      {"GET /settings/{id}/calendar", Kind::kCalendarView},
      {"GET /settings/{id}/calendar.ics", Kind::kCalendarView},
      {"GET /settings/{id}/calendar.csv", Kind::kCalendarView},
      {"GET /api/v1/settings/{id}/calendar", Kind::kCalendarView},
      {"POST /settings/{id}/calendar/days", Kind::kCalendarEdit},
      {"POST /settings/{id}/calendar/days/{day}/remove", Kind::kCalendarEdit},
      {"POST /settings/{id}/calendar/import", Kind::kCalendarEdit},
      {"POST /settings/{id}/calendar/terms/{year}/remove", Kind::kCalendarEdit},
      {"GET /term-dates", Kind::kTermDatesView},
      {"GET /term-dates.ics", Kind::kTermDatesView},
      {"GET /term-dates.csv", Kind::kTermDatesView},
      {"GET /api/v1/term-dates", Kind::kTermDatesView},
      {"GET /bank-holidays", Kind::kTermDatesView},
      {"GET /timescales", Kind::kTermDatesView},
      {"GET /api/v1/timescales", Kind::kTermDatesView},
      {"POST /term-dates", Kind::kTermDatesEdit},
      {"POST /term-dates/import", Kind::kTermDatesEdit},
      {"POST /bank-holidays/import", Kind::kTermDatesEdit},
      {"POST /timescales", Kind::kTermDatesEdit},
      {"GET /learners/{id}/clocks/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/clocks", Kind::kLearnerUpdate},
      {"POST /api/v1/learners/{id}/clocks", Kind::kLearnerUpdate},
      {"GET /api/v1/learners/{id}/clocks", Kind::kLearnerView},
      {"GET /clocks/{id}", Kind::kClockView},
      {"GET /api/v1/clocks/{id}", Kind::kClockView},
      {"POST /clocks/{id}/stop", Kind::kClockUpdate},
      {"GET /clocks/{id}/waive", Kind::kClockUpdate},
      {"POST /clocks/{id}/waive", Kind::kClockUpdate},
      {"POST /api/v1/clocks/{id}/stop", Kind::kClockUpdate},
      {"POST /api/v1/clocks/{id}/waive", Kind::kClockUpdate},
      {"GET /due", Kind::kDueList},
      {"GET /api/v1/due", Kind::kDueList},
      {"GET /learners/{id}/concerns/new", Kind::kConcernRaise},
      {"POST /learners/{id}/concerns", Kind::kConcernRaise},
      {"POST /api/v1/learners/{id}/cases", Kind::kConcernRaise},
      {"GET /api/v1/learners/{id}/cases", Kind::kLearnerView},
      {"GET /cases/{id}", Kind::kCaseStatus},
      {"GET /api/v1/cases/{id}", Kind::kCaseStatus},
      {"GET /cases/{id}/notices/{n}.pdf", Kind::kCaseDetail},
      {"GET /cases/{id}/documents/{doc}", Kind::kCaseDetail},
      {"POST /cases/{id}/documents", Kind::kCaseDocument},
      {"GET /cases/{id}/triage", Kind::kCaseBody},
      {"POST /cases/{id}/triage", Kind::kCaseBody},
      {"GET /cases/{id}/referral", Kind::kCaseBody},
      {"POST /cases/{id}/referral", Kind::kCaseBody},
      {"GET /cases/{id}/exception", Kind::kCaseBody},
      {"POST /cases/{id}/exception", Kind::kCaseBody},
      {"GET /cases/{id}/decision", Kind::kCaseBody},
      {"POST /cases/{id}/decision", Kind::kCaseBody},
      {"POST /cases/{id}/decision/change", Kind::kCaseBody},
      {"POST /cases/{id}/decision/confirm", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/triage", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/referral", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/exception", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/decision", Kind::kCaseBody},
      {"GET /cases/{id}/notice", Kind::kCaseNotice},
      {"POST /cases/{id}/notice", Kind::kCaseNotice},
      {"POST /api/v1/cases/{id}/notice", Kind::kCaseNotice},
      {"GET /cases/{id}/reconsideration", Kind::kCaseLa},
      {"POST /cases/{id}/reconsideration", Kind::kCaseLa},
      {"GET /cases/{id}/disagreement", Kind::kCaseLa},
      {"POST /cases/{id}/disagreement", Kind::kCaseLa},
      {"GET /cases/{id}/appeal", Kind::kCaseLa},
      {"POST /cases/{id}/appeal", Kind::kCaseLa},
      {"GET /cases/{id}/appeal/close", Kind::kCaseLa},
      {"POST /cases/{id}/appeal/close", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/reconsideration", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/disagreement", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/disagreement/end", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/outcome", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/orders", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/orders/{n}/complied", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/close", Kind::kCaseLa},
      {"GET /decision-settings", Kind::kDecisionSettingsView},
      {"POST /decision-settings", Kind::kDecisionSettingsEdit},
      {"GET /api/v1/learners/{id}/idps", Kind::kLearnerView},
      {"GET /learners/{id}/idps/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/idps", Kind::kPlanStart},
      {"POST /api/v1/learners/{id}/idps", Kind::kPlanStart},
      {"GET /idps/{id}", Kind::kPlanView},
      {"GET /api/v1/idps/{id}", Kind::kPlanView},
      {"GET /idps/{id}/versions/{n}.pdf", Kind::kPlanView},
      {"GET /idps/{id}/profile.pdf", Kind::kPlanView},
      {"GET /idps/{id}/compare", Kind::kPlanView},
      {"GET /idps/{id}/cessation.pdf", Kind::kPlanCessation},
      {"GET /idps/{id}/sections/provision", Kind::kPlanDraft},
      {"GET /idps/{id}/sections/nhs", Kind::kPlanDraft},
      {"GET /idps/{id}/sections/about", Kind::kPlanBody},
      {"POST /idps/{id}/sections/about", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/about", Kind::kPlanBody},
      {"GET /idps/{id}/sections/profile", Kind::kPlanBody},
      {"POST /idps/{id}/sections/profile", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/profile", Kind::kPlanBody},
      {"GET /idps/{id}/sections/needs", Kind::kPlanBody},
      {"POST /idps/{id}/sections/needs", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/needs", Kind::kPlanBody},
      {"GET /idps/{id}/sections/place", Kind::kPlanBody},
      {"POST /idps/{id}/sections/place", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/place", Kind::kPlanBody},
      {"GET /idps/{id}/sections/information", Kind::kPlanBody},
      {"POST /idps/{id}/sections/information", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/information", Kind::kPlanBody},
      {"GET /idps/{id}/sections/timeline", Kind::kPlanBody},
      {"POST /idps/{id}/sections/timeline", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/timeline", Kind::kPlanBody},
      {"GET /idps/{id}/sections/transition", Kind::kPlanBody},
      {"POST /idps/{id}/sections/transition", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/transition", Kind::kPlanBody},
      {"GET /idps/{id}/elements/new", Kind::kPlanBody},
      {"POST /idps/{id}/elements", Kind::kPlanBody},
      {"GET /idps/{id}/elements/{key}", Kind::kPlanBody},
      {"POST /idps/{id}/elements/{key}", Kind::kPlanBody},
      {"POST /idps/{id}/elements/{key}/remove", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/elements", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/elements/{key}", Kind::kPlanBody},
      {"GET /idps/{id}/finalise", Kind::kPlanBody},
      {"POST /idps/{id}/finalise", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/finalise", Kind::kPlanBody},
      {"POST /idps/{id}/revise", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/revise", Kind::kPlanBody},
      {"GET /idps/{id}/review-requests/{n}/answer", Kind::kPlanBody},
      {"POST /idps/{id}/review-requests/{n}/answer", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/review-requests/{n}/answer", Kind::kPlanBody},
      {"GET /idps/{id}/reviews", Kind::kPlanBody},
      {"POST /idps/{id}/reviews", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/reviews", Kind::kPlanBody},
      {"GET /idps/{id}/cease", Kind::kPlanBody},
      {"POST /idps/{id}/cease", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/cease", Kind::kPlanBody},
      {"GET /idps/{id}/move", Kind::kPlanMove},
      {"POST /idps/{id}/move", Kind::kPlanMove},
      {"POST /api/v1/idps/{id}/move", Kind::kPlanMove},
      {"GET /idps/{id}/pep", Kind::kPlanMove},
      {"POST /idps/{id}/pep", Kind::kPlanMove},
      {"POST /api/v1/idps/{id}/pep", Kind::kPlanMove},
      {"GET /idps/{id}/review-requests", Kind::kPlanRequest},
      {"POST /idps/{id}/review-requests", Kind::kPlanRequest},
      {"POST /api/v1/idps/{id}/review-requests", Kind::kPlanRequest},
      {"GET /photos/{id}", Kind::kPhoto},
      {"GET /learners/{id}/profiles/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/profiles", Kind::kLearnerPlanEdit},
      {"GET /profiles/{id}", Kind::kProfileView},
      {"GET /profiles/{id}.pdf", Kind::kProfileView},
      {"POST /profiles/{id}/review", Kind::kProfileEdit},
      {"POST /profiles/{id}/close", Kind::kProfileEdit},
      {"GET /learners/{id}/legacy", Kind::kLearnerPlanDraft},
      {"POST /learners/{id}/legacy", Kind::kLearnerPlanEdit},
      {"GET /legacy-transition", Kind::kLegacyTransition},
      {"GET /panels", Kind::kPanelList},
      {"GET /api/v1/panels", Kind::kPanelList},
      {"GET /api/v1/panel-meetings/{id}", Kind::kMeetingView},
      {"POST /api/v1/panel-meetings/{id}/attendance", Kind::kMeetingRun},
      {"POST /api/v1/panel-meetings/{id}/items/{key}/decision", Kind::kMeetingRun},
      {"POST /api/v1/learners/{id}/panel-referrals", Kind::kLearnerReferral},
      {"GET /panels/new", Kind::kPanelCreate},
      {"POST /panels/new", Kind::kPanelCreate},
      {"GET /panels/{id}", Kind::kPanelView},
      {"POST /panels/{id}/members/{key}/stand-down", Kind::kPanelConfigure},
      {"POST /panels/{id}/members/{key}/reinstate", Kind::kPanelConfigure},
      {"GET /panels/{id}/members", Kind::kPanelConfigure},
      {"POST /panels/{id}/members", Kind::kPanelConfigure},
      {"GET /panels/{id}/schedule", Kind::kPanelConfigure},
      {"POST /panels/{id}/schedule", Kind::kPanelConfigure},
      {"GET /panels/{id}/meetings", Kind::kPanelConfigure},
      {"POST /panels/{id}/meetings", Kind::kPanelConfigure},
      {"GET /panel-meetings/{id}", Kind::kMeetingView},
      {"GET /panel-meetings/{id}/minutes.pdf", Kind::kMeetingMinutes},
      {"POST /panel-meetings/{id}/attendance", Kind::kMeetingRun},
      {"GET /panel-meetings/{id}/items/{key}/decision", Kind::kMeetingRun},
      {"POST /panel-meetings/{id}/items/{key}/decision", Kind::kMeetingRun},
      {"GET /panel-meetings/{id}/items/{key}/interest", Kind::kMeetingRun},
      {"POST /panel-meetings/{id}/items/{key}/interest", Kind::kMeetingRun},
      {"POST /panel-meetings/{id}/close", Kind::kMeetingRun},
      {"GET /panel-meetings/{id}/minutes", Kind::kMeetingRun},
      {"POST /panel-meetings/{id}/minutes", Kind::kMeetingRun},
      {"POST /panel-meetings/{id}/agenda", Kind::kMeetingConfigure},
      {"POST /panel-meetings/{id}/items/{key}/remove", Kind::kMeetingConfigure},
      {"GET /panel-meetings/{id}/move", Kind::kMeetingConfigure},
      {"POST /panel-meetings/{id}/move", Kind::kMeetingConfigure},
      {"GET /panel-meetings/{id}/cancel", Kind::kMeetingConfigure},
      {"POST /panel-meetings/{id}/cancel", Kind::kMeetingConfigure},
      {"GET /learners/{id}/panel-referrals", Kind::kLearnerReferral},
      {"POST /learners/{id}/panel-referrals", Kind::kLearnerReferral},
      {"GET /panel-referrals/{id}", Kind::kReferralView},
      {"GET /panel-referrals/{id}/papers/{doc}", Kind::kReferralView},
      {"POST /panel-referrals/{id}/papers", Kind::kReferralRefer},
      {"GET /panel-referrals/{id}/withdraw", Kind::kReferralRefer},
      {"POST /panel-referrals/{id}/withdraw", Kind::kReferralRefer},
      {"GET /panel-monitoring", Kind::kPanelMonitoring},
      {"GET /panel-monitoring.csv", Kind::kPanelMonitoring},
      {"GET /settings/{id}/provision-map", Kind::kProvisionCounts},
      {"GET /api/v1/settings/{id}/provision-map", Kind::kProvisionCounts},
      {"POST /settings/{id}/provision-map/start", Kind::kProvisionStart},
      {"GET /provision-maps/{id}/provisions/new", Kind::kProvisionEdit},
      {"POST /provision-maps/{id}/provisions/new", Kind::kProvisionEdit},
      {"GET /provision-maps/{id}/provisions/{key}", Kind::kProvisionView},
      {"GET /provision-maps/{id}/provisions/{key}/edit", Kind::kProvisionEdit},
      {"POST /provision-maps/{id}/provisions/{key}/edit", Kind::kProvisionEdit},
      {"POST /provision-maps/{id}/provisions/{key}/remove", Kind::kProvisionEdit},
      {"GET /provision-maps/{id}/provisions/{key}/learners", Kind::kProvisionEdit},
      {"POST /provision-maps/{id}/provisions/{key}/learners", Kind::kProvisionEdit},
      {"GET /provision-maps/{id}/provisions/{key}/learners/{learner}/end", Kind::kProvisionEdit},
      {"POST /provision-maps/{id}/provisions/{key}/learners/{learner}/end", Kind::kProvisionEdit},
      {"GET /provision-maps/{id}/roll-over", Kind::kProvisionRollOver},
      {"POST /provision-maps/{id}/roll-over", Kind::kProvisionRollOver},
      {"GET /learners/{id}/delivery", Kind::kLearnerView},
      {"GET /api/v1/learners/{id}/delivery", Kind::kLearnerView},
      {"GET /learners/{id}/delivery/new", Kind::kDeliveryRecord},
      {"POST /learners/{id}/delivery/new", Kind::kDeliveryRecord},
      {"POST /api/v1/learners/{id}/deliveries", Kind::kDeliveryRecord},
      {"POST /deliveries/{id}/remove", Kind::kDeliveryRemove},
      {"GET /settings/{id}/delivery", Kind::kProvisionCounts},
      {"GET /settings/{id}/aln-register", Kind::kProvisionCounts},
      {"GET /settings/{id}/aln-register.csv", Kind::kProvisionCounts},
      {"GET /settings/{id}/aln-register.xlsx", Kind::kProvisionCounts},
      {"GET /api/v1/settings/{id}/aln-register", Kind::kProvisionCounts},
      {"GET /settings/{id}/governors-report.pdf", Kind::kProvisionCounts},
      {"GET /provision-maps/{id}/coordination", Kind::kProvisionEdit},
      {"POST /provision-maps/{id}/coordination", Kind::kProvisionEdit},
      {"GET /provision-oversight", Kind::kLaOversight},
      {"GET /provision-oversight.csv", Kind::kLaOversight},
      {"GET /settings/{id}/arrangements-review", Kind::kProvisionCounts},
      {"GET /settings/{id}/arrangements-review/edit", Kind::kReviewEdit},
      {"POST /settings/{id}/arrangements-review/edit", Kind::kReviewEdit},
      {"GET /specialist-places", Kind::kSpecialistList},
      {"GET /specialist-places/new", Kind::kSpecialistAdd},
      {"POST /specialist-places/new", Kind::kSpecialistAdd},
      {"GET /specialist-places/{id}", Kind::kSpecialistView},
      {"GET /specialist-places/{id}/edit", Kind::kSpecialistManage},
      {"POST /specialist-places/{id}/edit", Kind::kSpecialistManage},
      {"GET /specialist-places/{id}/waiting", Kind::kSpecialistManage},
      {"POST /specialist-places/{id}/waiting", Kind::kSpecialistManage},
      {"GET /specialist-places/{id}/placements/{key}/place", Kind::kSpecialistManage},
      {"POST /specialist-places/{id}/placements/{key}/place", Kind::kSpecialistManage},
      {"GET /specialist-places/{id}/placements/{key}/end", Kind::kSpecialistManage},
      {"POST /specialist-places/{id}/placements/{key}/end", Kind::kSpecialistManage},
      {"GET /equipment", Kind::kSpecialistList},
      {"GET /equipment/new", Kind::kEquipmentAdd},
      {"POST /equipment/new", Kind::kEquipmentAdd},
      {"GET /equipment/{id}/edit", Kind::kEquipmentEdit},
      {"POST /equipment/{id}/edit", Kind::kEquipmentEdit},
      {"GET /learners/{id}/family-contacts", Kind::kLiaisonView},
      {"GET /api/v1/learners/{id}/family-contacts", Kind::kLiaisonView},
      {"GET /learners/{id}/family-contacts/new", Kind::kLiaisonRecord},
      {"POST /learners/{id}/family-contacts/new", Kind::kLiaisonRecord},
      {"POST /api/v1/learners/{id}/family-contacts", Kind::kLiaisonRecord},
      {"GET /family-contacts/{id}", Kind::kContactView},
      {"GET /family-contacts/{id}/follow-up", Kind::kContactFollowUp},
      {"POST /family-contacts/{id}/follow-up", Kind::kContactFollowUp},
      {"GET /family-contacts/{id}/remove", Kind::kContactRemove},
      {"POST /family-contacts/{id}/remove", Kind::kContactRemove},
      {"GET /settings/{id}/family-contacts", Kind::kSchoolLiaison},
  };
  return m;
}

const std::vector<std::string> kUsers{
    "la.admin", "la.officer", "panel.member", "alnco",          "teacher",
    "governor", "parent",     "young.person", "health.officer", "other.la.officer"};

std::string Fill(const std::string& pattern, long long id) {
  std::string out = pattern;
  auto pos = out.find("{id}");
  if (pos != std::string::npos) out.replace(pos, 4, std::to_string(id));
  pos = out.find("{index}");
  if (pos != std::string::npos) out.replace(pos, 7, "0");
  pos = out.find("{day}");  // no such day: the access check comes first
  if (pos != std::string::npos) out.replace(pos, 5, "999999");
  pos = out.find("{year}");  // a year with no such record
  if (pos != std::string::npos) out.replace(pos, 6, "2099");
  pos = out.find("{lang}");
  if (pos != std::string::npos) out.replace(pos, 6, "cy");
  pos = out.find("{n}");  // the first notice or order, where there is one
  if (pos != std::string::npos) out.replace(pos, 3, "1");
  pos = out.find("{doc}");  // no such document: the access check comes first
  if (pos != std::string::npos) out.replace(pos, 5, "999999");
  pos = out.find("{key}");  // the first element of ALP, where the draft has one
  if (pos != std::string::npos) out.replace(pos, 5, "1");
  pos = out.find("{learner}");  // no such learner: the access check comes first
  if (pos != std::string::npos) out.replace(pos, 9, "999999");
  return out;
}

// As Fill, with `key` for {key}: a panel member or an agenda item chosen for the route.
std::string FillKey(const std::string& pattern, long long id, long long key) {
  std::string out = pattern;
  const auto pos = out.find("{key}");
  if (pos != std::string::npos) out.replace(pos, 5, std::to_string(key));
  return Fill(out, id);
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsApi(const std::string& pattern) { return pattern.rfind("/api/", 0) == 0; }

class AuthorisationMatrix : public WebFixture {
 protected:
  // Sends the route's request as `s` (or anonymously when `s` is null) with an empty form or
  // JSON object: enough to reach the access check, never enough to change data.
  httplib::Result Call(const Session* s, const http::RouteInfo& r, const std::string& path) {
    auto client = Client();
    httplib::Headers headers;
    if (s) {
      headers.emplace("Cookie", s->cookie);
      headers.emplace("X-CSRF-Token", s->csrf);
    }
    if (r.method == "GET") return client.Get(path, headers);
    if (r.method == "DELETE") return client.Delete(path, headers);
    if (IsApi(r.pattern)) {
      if (r.method == "PUT") return client.Put(path, headers, "{}", "application/json");
      return client.Post(path, headers, "{}", "application/json");
    }
    httplib::Params params;
    if (s) params.emplace("csrf_token", s->csrf);
    // An empty form would record an empty co-ordination: hours out of range are refused.
    if (r.pattern == "/provision-maps/{id}/coordination") params.emplace("alnco_hours", "55");
    return client.Post(path, headers, params);
  }

  static bool Allowed(int status) {
    return status != 401 && status != 403 && status != 404 && status < 500;
  }
};

TEST_F(AuthorisationMatrix, EveryRouteIsInTheMatrix) {
  std::vector<std::string> missing;
  for (const auto& r : web_->routes()) {
    if (!Matrix().count(r.method + " " + r.pattern)) missing.push_back(r.method + " " + r.pattern);
  }
  EXPECT_TRUE(missing.empty()) << "routes missing from the authorisation matrix: "
                               << ::testing::PrintToString(missing);
  EXPECT_GE(web_->routes().size(), Matrix().size());
}

TEST_F(AuthorisationMatrix, SignedOutVisitorsReachOnlyPublicRoutes) {
  auto learners = AllLearners();
  ASSERT_FALSE(learners.empty());
  for (const auto& r : web_->routes()) {
    if (Matrix().at(r.method + " " + r.pattern) == Kind::kPublic) continue;
    std::string path = Fill(r.pattern, learners.front().id.value());
    auto res = Call(nullptr, r, path);
    ASSERT_TRUE(res) << path;
    if (r.api) {
      EXPECT_EQ(res->status, 401) << r.method << " " << path;
    } else if (r.method == "GET") {
      EXPECT_EQ(res->status, 303) << r.method << " " << path;
      EXPECT_EQ(res->get_header_value("Location").rfind("/sign-in", 0), 0u) << path;
    } else {
      EXPECT_TRUE(res->status == 303 || res->status == 403)
          << r.method << " " << path << " " << res->status;
    }
    EXPECT_EQ(res->body.find(learners.front().upn.str()), std::string::npos) << path;
  }
}

TEST_F(AuthorisationMatrix, EveryRoleSeesOnlyWhatItMay) {
  auto learners = AllLearners();
  auto today = clock_.Today();
  std::vector<domain::Setting> settings;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (auto& la : (*uow)->LocalAuthorities().List())
      for (auto& s : (*uow)->Settings().ListByLocalAuthority(la.id)) settings.push_back(s);
  }
  // A user the LA administrator may disable, and one of another LA that it may not.
  domain::UserId disposable;
  {
    domain::User u;
    u.username = "disposable.teacher";
    u.display_name = "Disposable Teacher";
    u.role = domain::Role::kTeacher;
    u.local_authority = SignIn("la.admin").user.local_authority;
    for (const auto& setting : settings)
      if (setting.local_authority == u.local_authority && u.settings.empty())
        u.settings.push_back(setting.id);
    app::Actor cli;
    cli.operator_cli = true;
    auto id = app::AddUser(services_, cli, u, "long-enough-password");
    ASSERT_TRUE(id.has_value()) << id.error().message;
    disposable = *id;
  }
  domain::UserId other_la_user;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    other_la_user = (*uow)->Users().FindByUsername("other.la.officer")->id;
  }

  // Every clock of the demo, with its learner.
  std::vector<std::pair<domain::StatutoryClock, domain::Learner>> clocks;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 50; ++id) {
      auto clock = (*uow)->Clocks().Get(domain::ClockId{id});
      if (!clock) continue;
      clocks.emplace_back(*clock, *(*uow)->Learners().Get(clock->learner));
    }
  }
  ASSERT_GE(clocks.size(), 4u);

  // Every ALN case of the demo, with its learner.
  std::vector<std::pair<domain::AlnCase, domain::Learner>> cases;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 50; ++id) {
      auto found = (*uow)->Cases().Get(domain::AlnCaseId{id});
      if (!found) continue;
      cases.emplace_back(*found, *(*uow)->Learners().Get(found->learner));
    }
  }
  ASSERT_GE(cases.size(), 4u);
  // Whether `user` may take a step of `kind` on the case (the rules of src/app/aln_cases.cc).
  auto may_step = [&](const domain::User& user, Kind kind, const domain::AlnCase& c,
                      const domain::Learner& learner) {
    if (kind == Kind::kCaseStatus) return true;
    if (!domain::MayAccessCase(user, domain::CaseAction::kView, learner, today)) return false;
    const auto& r = c.responsibility;
    switch (kind) {
      case Kind::kCaseBody:
        return c.stage == domain::CaseStage::kAwaitingTriage
                   ? domain::MayActForLa(user, r.local_authority)
                   : domain::MayActForBody(user, r.body, r.local_authority, r.setting);
      case Kind::kCaseNotice: {
        const auto& body = c.decisions.empty() ? r : c.decisions.back().body;
        return domain::MayActForBody(user, body.body, body.local_authority, body.setting);
      }
      case Kind::kCaseLa:
        return domain::MayActForLa(user, r.local_authority) ||
               domain::MayActForLa(user, c.local_authority);
      case Kind::kCaseDocument:
        return user.role == domain::Role::kLaAdministrator ||
               user.role == domain::Role::kLaOfficer || user.role == domain::Role::kAlnco;
      default:
        return true;
    }
  };

  // Every IDP, One Page Profile and profile photo of the demo, with its learner.
  std::vector<std::pair<domain::Idp, domain::Learner>> plans;
  std::vector<std::pair<domain::OnePageProfile, domain::Learner>> profiles;
  std::vector<std::pair<app::ProfilePhoto, domain::Learner>> photos;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 50; ++id) {
      if (auto idp = (*uow)->Plans().Get(domain::IdpId{id}))
        plans.emplace_back(*idp, *(*uow)->Learners().Get(idp->learner));
      if (auto profile = (*uow)->Plans().GetProfile(domain::OnePageProfileId{id}))
        profiles.emplace_back(*profile, *(*uow)->Learners().Get(profile->learner));
      if (auto photo = (*uow)->Plans().GetPhoto(domain::PhotoId{id}))
        photos.emplace_back(*photo, *(*uow)->Learners().Get(photo->learner));
    }
  }
  ASSERT_GE(plans.size(), 3u);
  ASSERT_TRUE(std::any_of(plans.begin(), plans.end(), [](const auto& p) {
    return p.first.Status() == domain::IdpStatus::kDraft;
  }));
  ASSERT_GE(profiles.size(), 1u);
  ASSERT_GE(photos.size(), 1u);
  // Text of the plan that only those who may see it may read: its profile's first part.
  auto plan_text = [](const domain::Idp& idp) {
    if (!idp.versions.empty()) return idp.versions.back().content.profile.admired;
    return idp.draft ? idp.draft->profile.admired : std::string();
  };
  // Whether `user` may reach route `r` of `kind` on the plan: the rules of src/app/plans.cc, and
  // the state each form page of src/http/plan_pages.cc checks before it offers the step.
  auto may_plan = [&](const domain::User& user, Kind kind, const http::RouteInfo& r,
                      const domain::Idp& idp, const domain::Learner& learner) {
    using domain::PlanAction;
    const bool page = r.method == "GET";
    const auto ends_with = [&](std::string_view suffix) {
      return r.pattern.size() >= suffix.size() &&
             r.pattern.compare(r.pattern.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    const bool view = domain::MayAccessPlan(user, PlanAction::kView, learner, today);
    const bool draft = domain::MayAccessPlan(user, PlanAction::kViewDraft, learner, today);
    const bool maintainer =
        draft && domain::MayActForBody(user, idp.body, idp.maintaining_la, idp.setting);
    const bool in_force = idp.Status() == domain::IdpStatus::kInForce;
    switch (kind) {
      case Kind::kPlanView:
      case Kind::kPlanCessation:
        return view;
      case Kind::kPlanDraft:
        return draft;
      case Kind::kPlanBody:
        // The finalise page needs a draft, the review and cessation pages a plan in force (403
        // otherwise). A POST checks only the right: the state comes after the plan's version,
        // which an empty form lacks (409).
        if (page && ends_with("/finalise")) return maintainer && idp.draft.has_value();
        if (page && (ends_with("/reviews") || ends_with("/cease"))) return maintainer && in_force;
        return maintainer;
      case Kind::kPlanMove: {
        // The body that maintains the plan, or an officer of the learner's LA; the pages are
        // not offered once the plan has ceased.
        const bool mover =
            draft && (domain::MayActForBody(user, idp.body, idp.maintaining_la, idp.setting) ||
                      domain::MayActForLa(user, idp.local_authority));
        return page ? mover && idp.Status() != domain::IdpStatus::kCeased : mover;
      }
      case Kind::kPlanRequest: {
        // The page is offered only for a plan in force; a POST is refused only for want of the
        // right (the state comes after the version).
        const bool requester =
            maintainer || domain::MayAccessPlan(user, PlanAction::kRequestReview, learner, today);
        return page ? in_force && requester : requester;
      }
      default:
        return false;
    }
  };

  // Every panel, panel meeting and referral to a panel of the demo (a referral with its learner).
  std::vector<domain::Panel> panels;
  std::vector<domain::PanelMeeting> meetings;
  std::vector<std::pair<domain::PanelReferral, domain::Learner>> referrals;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 10; ++id)
      if (auto panel = (*uow)->Panels().GetPanel(domain::PanelId{id})) panels.push_back(*panel);
    for (long long id = 1; id <= 60; ++id)
      if (auto meeting = (*uow)->Panels().GetMeeting(domain::PanelMeetingId{id}))
        meetings.push_back(*meeting);
    for (long long id = 1; id <= 20; ++id)
      if (auto referral = (*uow)->Panels().GetReferral(domain::PanelReferralId{id}))
        referrals.emplace_back(*referral, *(*uow)->Learners().Get(referral->learner));
  }
  ASSERT_GE(panels.size(), 2u);
  ASSERT_GE(meetings.size(), 4u);
  ASSERT_GE(referrals.size(), 3u);
  // The demo has a meeting held, a meeting with an item still to decide, and a referral waiting.
  ASSERT_TRUE(std::any_of(meetings.begin(), meetings.end(),
                          [](const auto& m) { return m.state == domain::MeetingState::kHeld; }));
  ASSERT_TRUE(std::any_of(meetings.begin(), meetings.end(), [](const auto& m) {
    return std::any_of(m.items.begin(), m.items.end(),
                       [](const auto& item) { return !item.decision; });
  }));
  ASSERT_TRUE(std::any_of(referrals.begin(), referrals.end(), [](const auto& r) {
    return r.first.state == domain::ReferralState::kAwaiting;
  }));
  auto panel_of = [&](domain::PanelId id) -> const domain::Panel& {
    for (const auto& panel : panels)
      if (panel.id == id) return panel;
    ADD_FAILURE() << "no panel " << id.value();
    return panels.front();
  };
  // No such panel member or paper: the access check comes first.
  constexpr long long kNoSuchKey = 999999;
  // The item a meeting's decision and interest forms are about: the first on its agenda (else a
  // referral to its panel that is not on it, which those forms do not offer).
  auto item_key = [&](const domain::PanelMeeting& m) -> long long {
    if (!m.items.empty()) return m.items.front().referral.value();
    for (const auto& [referral, learner] : referrals)
      if (referral.panel == m.panel) return referral.id.value();
    return kNoSuchKey;
  };
  // An item to take off a meeting's agenda without changing anything: a referral to its panel
  // that Unlist refuses (not on the agenda, decided, or the meeting no longer scheduled).
  auto unlist_key = [&](const domain::PanelMeeting& m) -> long long {
    for (const auto& [referral, learner] : referrals) {
      if (referral.panel != m.panel) continue;
      const auto* item = m.Item(referral.id);
      if (!item || item->decision || m.state != domain::MeetingState::kScheduled)
        return referral.id.value();
    }
    return kNoSuchKey;
  };
  // Closing takes no form: a meeting sitting with every item decided would really close.
  auto closable = [&](const domain::PanelMeeting& m) {
    return m.state == domain::MeetingState::kScheduled && m.date <= today &&
           std::all_of(m.items.begin(), m.items.end(),
                       [](const auto& item) { return item.decision.has_value(); });
  };

  // Every provision map of the demo, and one record of sessions of each learner with one.
  std::vector<domain::ProvisionMap> maps;
  std::vector<std::pair<domain::DeliveryRecord, domain::Learner>> deliveries;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& setting : settings)
      for (auto& m : (*uow)->Provision().ListMaps(setting.id)) maps.push_back(std::move(m));
    app::DeliveryQuery q;
    q.from = domain::AcademicYearStart(domain::AcademicYearOf(today) - 1);
    q.through = today;
    std::set<domain::LearnerId> seen;
    for (const auto& r : (*uow)->Provision().ListDeliveries(q))
      if (seen.insert(r.learner).second)
        deliveries.emplace_back(r, *(*uow)->Learners().Get(r.learner));
  }
  // The demo has a map reviewed and rolled over, this year's map, and sessions recorded.
  ASSERT_TRUE(std::any_of(maps.begin(), maps.end(), [](const auto& m) { return m.review; }));
  ASSERT_TRUE(std::any_of(maps.begin(), maps.end(), [](const auto& m) { return !m.review; }));
  ASSERT_GE(deliveries.size(), 2u);
  auto setting_of = [&](domain::SettingId id) -> const domain::Setting& {
    for (const auto& setting : settings)
      if (setting.id == id) return setting;
    ADD_FAILURE() << "no setting " << id.value();
    return settings.front();
  };
  auto has_next_year = [&](const domain::ProvisionMap& m) {
    return std::any_of(maps.begin(), maps.end(), [&](const auto& other) {
      return other.setting == m.setting && other.academic_year == m.academic_year + 1;
    });
  };
  // The provision a map's routes are about and a learner receiving it: one with a learner who
  // has not left, so that removing it is refused and its end form has someone to end.
  auto place_on = [&](const domain::ProvisionMap& m) -> std::pair<long long, long long> {
    for (const auto& p : m.provisions)
      for (const auto& l : p.learners)
        if (!l.left_on) return {p.key, l.learner.value()};
    ADD_FAILURE() << "map " << m.id.value() << " has no learner";
    return {kNoSuchKey, kNoSuchKey};
  };
  auto learner_by_id = [&](domain::LearnerId id) -> const domain::Learner* {
    for (const auto& l : learners)
      if (l.id == id) return &l;
    return nullptr;
  };
  // Learners registered at each setting today, and those on each map: the names a viewer of
  // counts only must not see.
  std::map<domain::SettingId, std::vector<const domain::Learner*>> at_setting;
  for (const auto& l : learners)
    for (const auto& reg : l.RegistrationsOn(today)) at_setting[reg.setting].push_back(&l);
  auto on_map = [&](const domain::ProvisionMap& m) {
    std::vector<const domain::Learner*> out;
    for (const auto& p : m.provisions)
      for (const auto& place : p.learners)
        if (const auto* l = learner_by_id(place.learner)) out.push_back(l);
    return out;
  };

  // Every specialist provision and item of specialist equipment of the demo.
  std::vector<domain::SpecialistProvision> provisions;
  std::vector<domain::SpecialistEquipment> equipment;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& la : (*uow)->LocalAuthorities().List()) {
      for (auto& p : (*uow)->Specialist().ListProvisions(la.id)) provisions.push_back(std::move(p));
      for (auto& e : (*uow)->Specialist().ListEquipment(la.id)) equipment.push_back(std::move(e));
    }
  }
  ASSERT_GE(provisions.size(), 5u);
  ASSERT_GE(equipment.size(), 2u);

  // Every contact with a family of the demo, with its learner.
  std::vector<std::pair<domain::FamilyContact, domain::Learner>> contacts;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    app::ContactQuery q;
    q.from = domain::Date{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}};
    q.through = domain::AddDays(today, 366);
    for (auto& c : (*uow)->FamilyContacts().ListContacts(q)) {
      auto learner = (*uow)->Learners().Get(c.learner);
      ASSERT_TRUE(learner.has_value());
      contacts.emplace_back(std::move(c), *learner);
    }
  }
  // The demo has a follow-up overdue, one due, one done, and a contact that agreed none.
  ASSERT_GE(contacts.size(), 4u);
  for (auto state : {domain::FollowUpState::kOverdue, domain::FollowUpState::kDue,
                     domain::FollowUpState::kDone, domain::FollowUpState::kNone}) {
    ASSERT_TRUE(std::any_of(contacts.begin(), contacts.end(), [&](const auto& c) {
      return domain::FollowUpOf(c.first, today) == state;
    }));
  }
  // What was discussed with a learner's family: never in an answer that refuses (as JSON, or as
  // HTML with its apostrophes escaped).
  auto contact_leaks = [&](const std::string& body, domain::LearnerId learner) {
    const std::string text = Decoded(body);
    for (const auto& [c, l] : contacts)
      if (c.learner == learner &&
          (body.find(c.summary) != std::string::npos || text.find(c.summary) != std::string::npos))
        return true;
    return false;
  };

  int checked = 0;
  for (const auto& username : kUsers) {
    Session s = SignIn(username);
    const domain::User& user = s.user;
    // Learners inside and outside this user's scope, for view and for update.
    std::vector<const domain::Learner*> samples;
    auto pick = [&](auto predicate) {
      for (const auto& l : learners)
        if (predicate(l)) {
          samples.push_back(&l);
          return;
        }
    };
    pick([&](const domain::Learner& l) {
      return domain::MayAccessLearner(user, LearnerAction::kUpdate, l, today);
    });
    pick([&](const domain::Learner& l) {
      return domain::MayAccessLearner(user, LearnerAction::kView, l, today) &&
             !domain::MayAccessLearner(user, LearnerAction::kUpdate, l, today);
    });
    pick([&](const domain::Learner& l) {
      return !domain::MayAccessLearner(user, LearnerAction::kView, l, today) &&
             l.local_authority == user.local_authority;
    });
    pick([&](const domain::Learner& l) {
      return !domain::MayAccessLearner(user, LearnerAction::kView, l, today) &&
             l.local_authority != user.local_authority;
    });
    ASSERT_GE(samples.size(), 2u) << username;
    // For the plan routes on a learner: the samples, and every learner with a plan or profile.
    std::vector<const domain::Learner*> plan_learners = samples;
    auto add_learner = [&](const domain::Learner& l) {
      for (const auto* p : plan_learners)
        if (p->id == l.id) return;
      plan_learners.push_back(&l);
    };
    for (const auto& [idp, l] : plans) add_learner(l);
    for (const auto& [profile, l] : profiles) add_learner(l);
    // For referring a learner to a panel: the samples, and every learner with a referral.
    std::vector<const domain::Learner*> referral_learners = samples;
    for (const auto& [referral, l] : referrals) {
      if (std::none_of(referral_learners.begin(), referral_learners.end(),
                       [&](const auto* p) { return p->id == l.id; }))
        referral_learners.push_back(&l);
    }
    // For recording sessions: the samples, every learner on a map and every learner with a
    // record of sessions or a plan.
    std::vector<const domain::Learner*> delivery_learners = samples;
    auto add_delivery_learner = [&](const domain::Learner* l) {
      if (!l) return;
      if (std::none_of(delivery_learners.begin(), delivery_learners.end(),
                       [&](const auto* p) { return p->id == l->id; }))
        delivery_learners.push_back(l);
    };
    for (const auto& m : maps)
      for (const auto* l : on_map(m)) add_delivery_learner(l);
    for (const auto& [record, l] : deliveries) add_delivery_learner(learner_by_id(l.id));
    for (const auto& [idp, l] : plans) add_delivery_learner(learner_by_id(l.id));
    // For a learner's contacts with their family: the samples, and every learner with a contact.
    std::vector<const domain::Learner*> liaison_learners = samples;
    for (const auto& [c, l] : contacts) {
      const auto* learner = learner_by_id(l.id);
      if (learner && std::none_of(liaison_learners.begin(), liaison_learners.end(),
                                  [&](const auto* p) { return p->id == l.id; }))
        liaison_learners.push_back(learner);
    }
    // The panels of the user's own LA.
    std::vector<const domain::Panel*> own_panels;
    for (const auto& panel : panels)
      if (panel.local_authority == user.local_authority) own_panels.push_back(&panel);

    // A message in the user's language, as the pages show it: up to its first character that
    // HTML escapes (an apostrophe in Welsh).
    const auto lang =
        user.language == domain::LetterLanguage::kWelsh ? http::Lang::kCy : http::Lang::kEn;
    auto text = [&](const char* id) {
      const std::string message = catalog_->Get(lang, id);
      return message.substr(0, message.find_first_of("&'\"<>/"));
    };
    // An answer to a panel route the user may take: a page, or (a POST with an empty form) a
    // form refused for its fields or a step refused for its state, never a change (303).
    auto expect_allowed = [&](const httplib::Response& res, const http::RouteInfo& r,
                              const std::string& what) {
      if (r.method == "GET") {
        EXPECT_EQ(res.status, 200) << username << " " << r.method << " " << what;
      } else {
        EXPECT_TRUE(res.status == 409 || res.status == 422)
            << username << " " << r.method << " " << what << " -> " << res.status;
      }
    };
    // A panel route refused: 403 to whoever may see the panel, meeting, referral or learner it is
    // about, else a 404 that does not confirm it exists.
    auto expect_refused = [&](const httplib::Response& res, const http::RouteInfo& r, bool visible,
                              const char* not_found, const std::string& what) {
      if (visible) {
        EXPECT_EQ(res.status, 403) << username << " " << r.method << " " << what;
      } else {
        EXPECT_EQ(res.status, 404) << username << " " << r.method << " " << what;
        EXPECT_NE(res.body.find(text(not_found)), std::string::npos)
            << username << " " << r.method << " " << what;
      }
    };

    for (const auto& r : web_->routes()) {
      Kind kind = Matrix().at(r.method + " " + r.pattern);
      if (kind == Kind::kPublic || kind == Kind::kSelf) continue;
      if (kind == Kind::kLearnerView || kind == Kind::kLearnerUpdate ||
          kind == Kind::kRegistration) {
        for (const auto* l : samples) {
          auto action = kind == Kind::kLearnerView ? LearnerAction::kView : LearnerAction::kUpdate;
          bool may = domain::MayAccessLearner(user, action, *l, today);
          if (kind == Kind::kRegistration && may && !l->registrations.empty()) {
            for (const auto& setting : settings)
              if (setting.id == l->registrations[0].setting)
                may = domain::MayChangeRegistrationAt(user, setting);
          }
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          bool no_such_registration =
              r.pattern.find("{index}") != std::string::npos && l->registrations.empty();
          if (may && no_such_registration) {
            EXPECT_EQ(res->status, 404) << username << " " << r.pattern;
          } else if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value();
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            EXPECT_EQ(res->body.find(l->legal_last_name + "\""), std::string::npos)
                << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kSettingView) {
        for (const auto& setting : settings) {
          bool may = domain::MayAccessSetting(user, domain::SettingAction::kView, setting);
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_EQ(res->status, 200)
                << username << " " << r.pattern << " setting " << setting.name;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.pattern << " setting " << setting.name;
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kCalendarView || kind == Kind::kCalendarEdit) {
        for (const auto& setting : settings) {
          const bool may = domain::MayAccessSettingCalendar(user,
                                                            kind == Kind::kCalendarView
                                                                ? domain::CalendarAction::kView
                                                                : domain::CalendarAction::kEdit,
                                                            setting);
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            // Removing a day or year that does not exist is a 404 once access is granted.
            const bool removal = r.pattern.find("/remove") != std::string::npos;
            EXPECT_TRUE(removal ? res->status == 404 : Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " " << setting.name << " -> "
                << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " " << setting.name;
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kTermDatesView || kind == Kind::kTermDatesEdit) {
        const bool may =
            domain::MayAccessTermDates(user,
                                       kind == Kind::kTermDatesView ? domain::CalendarAction::kView
                                                                    : domain::CalendarAction::kEdit,
                                       user.local_authority);
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          EXPECT_TRUE(Allowed(res->status))
              << username << " " << r.method << " " << r.pattern << " -> " << res->status;
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kClockView || kind == Kind::kClockUpdate) {
        for (const auto& [clock, learner] : clocks) {
          const bool may = domain::MayAccessLearner(
              user, kind == Kind::kClockView ? LearnerAction::kView : LearnerAction::kUpdate,
              learner, today);
          auto res = Call(&s, r, Fill(r.pattern, clock.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_TRUE(Allowed(res->status) || res->status == 409)
                << username << " " << r.method << " " << r.pattern << " clock " << clock.id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " clock " << clock.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            // Someone who may see the learner but not change the clock may see the name.
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kConcernRaise) {
        for (const auto* l : samples) {
          const bool may = domain::MayAccessCase(user, domain::CaseAction::kRaise, *l, today);
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kCaseStatus || kind == Kind::kCaseDetail ||
                 kind == Kind::kCaseDocument || kind == Kind::kCaseBody ||
                 kind == Kind::kCaseNotice || kind == Kind::kCaseLa) {
        for (const auto& [c, learner] : cases) {
          bool may =
              domain::MayAccessCase(user,
                                    kind == Kind::kCaseStatus ? domain::CaseAction::kViewStatus
                                                              : domain::CaseAction::kView,
                                    learner, today) &&
              may_step(user, kind, c, learner);
          auto res = Call(&s, r, Fill(r.pattern, c.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            // A notice, order or document the case does not have is a 404 once access is granted;
            // a step out of turn or on an empty form is a 409 or 422.
            const bool optional_item = r.pattern.find("{n}") != std::string::npos ||
                                       r.pattern.find("{doc}") != std::string::npos;
            EXPECT_TRUE(Allowed(res->status) || (optional_item && res->status == 404))
                << username << " " << r.method << " " << r.pattern << " case " << c.id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " case " << c.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
            EXPECT_EQ(res->body.find(c.concern.description), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kPlanView || kind == Kind::kPlanCessation ||
                 kind == Kind::kPlanDraft || kind == Kind::kPlanBody || kind == Kind::kPlanMove ||
                 kind == Kind::kPlanRequest) {
        for (const auto& [idp, learner] : plans) {
          const bool may = may_plan(user, kind, r, idp, learner);
          auto res = Call(&s, r, Fill(r.pattern, idp.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may && kind == Kind::kPlanCessation) {
            EXPECT_EQ(res->status, idp.cessation ? 200 : 404)
                << username << " " << r.pattern << " plan " << idp.id.value();
          } else if (may && kind == Kind::kPlanDraft) {
            EXPECT_EQ(res->status, idp.draft ? 200 : 409)
                << username << " " << r.pattern << " plan " << idp.id.value();
          } else if (may) {
            // A version, element or document the plan lacks is a 404 once access is granted (a
            // family does not see a draft, so a plan never given has no profile or versions for
            // them); a step out of turn or on an empty form is a 409 or 422.
            const bool optional_item = r.pattern.find("{n}") != std::string::npos ||
                                       r.pattern.find("{key}") != std::string::npos ||
                                       r.pattern.find("/profile.pdf") != std::string::npos ||
                                       r.pattern.find("/compare") != std::string::npos;
            EXPECT_TRUE(Allowed(res->status) || (optional_item && res->status == 404))
                << username << " " << r.method << " " << r.pattern << " plan " << idp.id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " plan " << idp.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
            if (!plan_text(idp).empty()) {
              EXPECT_EQ(res->body.find(plan_text(idp)), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kProfileView || kind == Kind::kProfileEdit) {
        for (const auto& [profile, learner] : profiles) {
          const bool may = domain::MayAccessPlan(
              user,
              kind == Kind::kProfileView ? domain::PlanAction::kView : domain::PlanAction::kEdit,
              learner, today);
          auto res = Call(&s, r, Fill(r.pattern, profile.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            // An empty review or closing form names no version: a 409.
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " profile "
                << profile.id.value() << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern
                                        << " profile " << profile.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
            EXPECT_EQ(res->body.find(profile.content.admired), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kPhoto) {
        for (const auto& [photo, learner] : photos) {
          const bool may = domain::MayAccessPlan(user, domain::PlanAction::kView, learner, today);
          auto res = Call(&s, r, Fill(r.pattern, photo.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_EQ(res->status, 200) << username << " " << r.pattern << " " << photo.id.value();
            EXPECT_EQ(res->body, photo.bytes) << username << " " << r.pattern;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.pattern << " " << photo.id.value();
            EXPECT_EQ(res->body.find(photo.bytes), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kPlanStart || kind == Kind::kLearnerPlanDraft ||
                 kind == Kind::kLearnerPlanEdit) {
        for (const auto* l : plan_learners) {
          // StartIdp checks MayAccessPlan(kEdit), then that the learner has no plan (409), then
          // the form (422), and only then MayActForBody for the body the form names: an empty
          // form never reaches that last check (every user with kEdit acts for some body: the
          // LA's officers for the LA, an ALNCo for their school).
          const bool may =
              domain::MayAccessPlan(user,
                                    kind == Kind::kLearnerPlanDraft ? domain::PlanAction::kViewDraft
                                                                    : domain::PlanAction::kEdit,
                                    *l, today);
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value();
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) {
              EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kDecisionSettingsView || kind == Kind::kDecisionSettingsEdit ||
                 kind == Kind::kLegacyTransition) {
        const bool may =
            domain::MayActForLa(user, user.local_authority) &&
            (kind != Kind::kDecisionSettingsEdit || user.role == domain::Role::kLaAdministrator);
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          EXPECT_TRUE(Allowed(res->status))
              << username << " " << r.method << " " << r.pattern << " -> " << res->status;
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kDueList) {
        const bool may = domain::MaySeeLaDueList(user, user.local_authority) ||
                         std::any_of(settings.begin(), settings.end(), [&](const auto& setting) {
                           return domain::MaySeeSettingDueList(user, setting);
                         });
        auto res = Call(&s, r, r.pattern + "?days=366");
        ASSERT_TRUE(res);
        ++checked;
        if (!may) {
          EXPECT_EQ(res->status, 403) << username << " " << r.pattern;
          continue;
        }
        EXPECT_EQ(res->status, 200) << username << " " << r.pattern;
        for (const auto& [clock, learner] : clocks) {
          if (domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) continue;
          EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
              << "leak: " << username << " sees " << learner.DisplayName() << " in " << r.pattern;
        }
      } else if (kind == Kind::kLearnerCreate) {
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (domain::MayCreateLearners(user.role)) {
          EXPECT_TRUE(Allowed(res->status))
              << username << " " << r.method << " " << r.pattern << " -> " << res->status;
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kAdmin) {
        bool admin = user.role == domain::Role::kLaAdministrator;
        std::vector<domain::UserId> targets{disposable, other_la_user};
        for (auto target : targets) {
          if (r.pattern.find("{id}") == std::string::npos && target != disposable) continue;
          auto res = Call(&s, r, Fill(r.pattern, target.value()));
          ASSERT_TRUE(res);
          ++checked;
          bool may = admin && (r.pattern.find("{id}") == std::string::npos || target == disposable);
          if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kSettingList) {
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (!domain::MayListSettings(user.role)) {
          EXPECT_EQ(res->status, 403) << username << " " << r.pattern;
          continue;
        }
        EXPECT_EQ(res->status, 200) << username << " " << r.pattern;
        for (const auto& setting : settings) {
          bool may = domain::MayAccessSetting(user, domain::SettingAction::kView, setting);
          bool shown = res->body.find(setting.name) != std::string::npos;
          EXPECT_EQ(shown, may) << username << " " << r.pattern << " setting " << setting.name;
        }
      } else if (kind == Kind::kPanelList) {
        // LA roles (who may add a panel) and the members of a panel of their LA.
        const bool la_role =
            user.role == domain::Role::kLaAdministrator || user.role == domain::Role::kLaOfficer;
        const bool member = std::any_of(own_panels.begin(), own_panels.end(), [&](const auto* p) {
          return domain::MayAccessPanel(user, domain::PanelAction::kView, *p);
        });
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        EXPECT_EQ(res->status, la_role || member ? 200 : 403) << username << " " << r.pattern;
        for (const auto& panel : panels) {
          const std::string& name = lang == http::Lang::kCy ? panel.name_cy : panel.name_en;
          const bool shown = res->body.find(name) != std::string::npos;
          EXPECT_EQ(shown, res->status == 200 &&
                               domain::MayAccessPanel(user, domain::PanelAction::kView, panel))
              << username << " " << r.pattern << " panel " << name;
        }
      } else if (kind == Kind::kPanelCreate) {
        domain::Panel own;
        own.local_authority = user.local_authority;
        const bool may = domain::MayAccessPanel(user, domain::PanelAction::kConfigure, own);
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          expect_allowed(*res, r, r.pattern);
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kPanelView || kind == Kind::kPanelConfigure) {
        for (const auto& panel : panels) {
          const bool view = domain::MayAccessPanel(user, domain::PanelAction::kView, panel);
          const bool may =
              domain::MayAccessPanel(user,
                                     kind == Kind::kPanelView ? domain::PanelAction::kView
                                                              : domain::PanelAction::kConfigure,
                                     panel);
          // Standing a member down or back takes no form: a member the panel does not have.
          const bool member_action = r.pattern.find("{key}") != std::string::npos;
          auto res = Call(&s, r, FillKey(r.pattern, panel.id.value(), kNoSuchKey));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " panel " + std::to_string(panel.id.value());
          if (may && member_action) {
            EXPECT_EQ(res->status, 404) << username << " " << what;
            EXPECT_NE(res->body.find(text("panel_error_member_unknown")), std::string::npos)
                << username << " " << what;
          } else if (may) {
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "panel_error_not_found", what);
            if (!view) {
              EXPECT_EQ(res->body.find(panel.name_en), std::string::npos)
                  << "leak: " << username << " " << what;
              EXPECT_EQ(res->body.find(panel.name_cy), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
        }
      } else if (kind == Kind::kMeetingView || kind == Kind::kMeetingMinutes ||
                 kind == Kind::kMeetingRun || kind == Kind::kMeetingConfigure) {
        const auto action = kind == Kind::kMeetingRun         ? domain::PanelAction::kRun
                            : kind == Kind::kMeetingConfigure ? domain::PanelAction::kConfigure
                                                              : domain::PanelAction::kView;
        const bool removal = EndsWith(r.pattern, "/remove");
        const bool item_form = !removal && r.pattern.find("{key}") != std::string::npos;
        for (const auto& m : meetings) {
          const auto& panel = panel_of(m.panel);
          const bool view = domain::MayAccessPanel(user, domain::PanelAction::kView, panel);
          const bool may = domain::MayAccessPanel(user, action, panel);
          // Closing takes no form: a meeting that would really close is left to the panel tests.
          if (may && EndsWith(r.pattern, "/close") && closable(m)) continue;
          const long long key = removal ? unlist_key(m) : item_key(m);
          auto res = Call(&s, r, FillKey(r.pattern, m.id.value(), key));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " meeting " + std::to_string(m.id.value()) +
                                   " key " + std::to_string(key) + " -> " +
                                   std::to_string(res->status);
          const bool known_key =
              key != kNoSuchKey && (removal || m.Item(domain::PanelReferralId{key}) != nullptr);
          if (may && kind == Kind::kMeetingMinutes) {
            EXPECT_EQ(res->status, m.state == domain::MeetingState::kHeld ? 200 : 409)
                << username << " " << what;
          } else if (may && (item_form || removal) && !known_key) {
            // The item forms are for the meeting's own items: another referral is a 404 (or,
            // declaring an interest in it, a 409) once access is granted. The API checks the
            // empty body's fields first (422).
            EXPECT_TRUE(
                res->status == 409 || (IsApi(r.pattern) && res->status == 422) ||
                (res->status == 404 &&
                 res->body.find(text("panel_error_referral_not_found")) != std::string::npos))
                << username << " " << r.method << " " << what;
          } else if (may) {
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "panel_error_meeting_not_found", what);
            if (!view) {
              EXPECT_EQ(res->body.find(panel.name_en), std::string::npos)
                  << "leak: " << username << " " << what;
              EXPECT_EQ(res->body.find(panel.name_cy), std::string::npos)
                  << "leak: " << username << " " << what;
              for (const auto& [referral, learner] : referrals) {
                if (referral.meeting != m.id) continue;
                EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                    << "leak: " << username << " " << what;
              }
            }
          }
        }
      } else if (kind == Kind::kReferralView || kind == Kind::kReferralRefer) {
        for (const auto& [referral, learner] : referrals) {
          const auto& panel = panel_of(referral.panel);
          const bool on_agenda = referral.meeting.has_value() || !referral.decisions.empty();
          const bool view = domain::MayAccessReferral(user, domain::ReferralAction::kView, panel,
                                                      on_agenda, learner, today);
          const bool may = view && (kind == Kind::kReferralView ||
                                    domain::MayAccessReferral(user, domain::ReferralAction::kRefer,
                                                              panel, on_agenda, learner, today));
          auto res = Call(&s, r, Fill(r.pattern, referral.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " referral " + std::to_string(referral.id.value()) +
                                   " -> " + std::to_string(res->status);
          if (may && r.pattern.find("{doc}") != std::string::npos) {
            // No such paper: a 404 once access is granted.
            EXPECT_EQ(res->status, 404) << username << " " << what;
            EXPECT_NE(res->body.find(text("document_error_not_found")), std::string::npos)
                << username << " " << what;
          } else if (may) {
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "panel_error_referral_not_found", what);
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << what;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << what;
            }
            if (!view) {
              EXPECT_EQ(res->body.find(referral.summary), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
        }
      } else if (kind == Kind::kLearnerReferral) {
        for (const auto* l : referral_learners) {
          const bool view = domain::MayAccessLearner(user, LearnerAction::kView, *l, today);
          const bool refer =
              std::any_of(panels.begin(), panels.end(), [&](const domain::Panel& panel) {
                return panel.local_authority == l->local_authority &&
                       domain::MayAccessReferral(user, domain::ReferralAction::kRefer, panel, false,
                                                 *l, today);
              });
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " learner " + std::to_string(l->id.value()) +
                                   " -> " + std::to_string(res->status);
          if (view && refer) {
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "learner_error_not_found", what);
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << what;
            if (!view) {
              EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
        }
      } else if (kind == Kind::kPanelMonitoring) {
        const bool may = std::any_of(own_panels.begin(), own_panels.end(), [&](const auto* p) {
          return domain::MayAccessPanel(user, domain::PanelAction::kMonitor, *p);
        });
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        EXPECT_EQ(res->status, may ? 200 : 403) << username << " " << r.pattern;
        // Figures only: no learner's name.
        for (const auto& [referral, learner] : referrals) {
          EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
              << "leak: " << username << " " << r.pattern;
        }
      } else if (kind == Kind::kProvisionCounts) {
        // Names only for those who may see them (kView), or download them (kExport).
        const bool download = EndsWith(r.pattern, ".csv") || EndsWith(r.pattern, ".xlsx");
        for (const auto& setting : settings) {
          const bool may =
              domain::MayAccessProvision(user, domain::ProvisionAction::kViewCounts, setting);
          const bool names = domain::MayAccessProvision(
              user, download ? domain::ProvisionAction::kExport : domain::ProvisionAction::kView,
              setting);
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what =
              r.pattern + " " + setting.name + " -> " + std::to_string(res->status);
          if (may) {
            EXPECT_EQ(res->status, 200) << username << " " << what;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << what;
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << "leak: " << username << " " << what;
          }
          // An XLSX is compressed: the provision tests read it back for a governor.
          if (names || EndsWith(r.pattern, ".xlsx")) continue;
          for (const auto* l : at_setting[setting.id]) {
            // A learner the user may see (their own name, as a young person) is not a leak.
            if (domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) continue;
            EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                << "leak: " << username << " sees " << l->DisplayName() << " in " << what;
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " sees " << l->upn.str() << " in " << what;
          }
        }
      } else if (kind == Kind::kProvisionStart) {
        for (const auto& setting : settings) {
          const bool may =
              domain::MayAccessProvision(user, domain::ProvisionAction::kEdit, setting);
          // A year no map may be started for: refused for its year (422) once access is granted,
          // so nothing is started.
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()) + "?year=1999");
          ASSERT_TRUE(res);
          ++checked;
          EXPECT_EQ(res->status, may ? 422 : 403)
              << username << " " << r.pattern << " " << setting.name;
          if (!may) {
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kProvisionView || kind == Kind::kProvisionEdit ||
                 kind == Kind::kProvisionRollOver) {
        for (const auto& m : maps) {
          const auto& setting = setting_of(m.setting);
          const bool view =
              domain::MayAccessProvision(user, domain::ProvisionAction::kViewCounts, setting);
          const bool names =
              domain::MayAccessProvision(user, domain::ProvisionAction::kView, setting);
          const bool right =
              domain::MayAccessProvision(user, domain::ProvisionAction::kEdit, setting);
          const bool removal = EndsWith(r.pattern, "/remove");
          bool may = kind == Kind::kProvisionView ? view : right && !m.review;
          if (kind == Kind::kProvisionRollOver) may = may && !has_next_year(m);
          const auto [key, learner] = place_on(m);
          std::string pattern = r.pattern;
          if (const auto at = pattern.find("{learner}"); at != std::string::npos)
            pattern.replace(at, 9, std::to_string(learner));
          auto res = Call(&s, r, FillKey(pattern, m.id.value(), key));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " map " + std::to_string(m.id.value()) + " key " +
                                   std::to_string(key) + " -> " + std::to_string(res->status);
          if (removal) {
            // Removing takes no form: a provision that learners received is refused (409), as is
            // any change to a reviewed map, once access is granted.
            EXPECT_EQ(res->status, right ? 409 : 403) << username << " " << what;
          } else if (may) {
            expect_allowed(*res, r, what);
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << what;
            if (right && m.review) {
              EXPECT_NE(res->body.find(text("provision_error_reviewed")), std::string::npos)
                  << username << " " << r.method << " " << what;
            }
          }
          if (res->status == 403) {
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << "leak: " << username << " " << what;
          }
          if (!names)
            for (const auto* l : on_map(m))
              if (!domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) {
                EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                    << "leak: " << username << " sees " << l->DisplayName() << " in " << what;
              }
        }
      } else if (kind == Kind::kDeliveryRecord) {
        app::Actor actor;
        actor.user = user;
        for (const auto* l : delivery_learners) {
          const bool view = domain::MayAccessLearner(user, LearnerAction::kView, *l, today);
          const auto lines = app::LearnerDeliveryLines(services_, actor, l->id);
          const bool may =
              view && std::any_of(lines.begin(), lines.end(), [&](const app::DeliveryLine& line) {
                return domain::MayAccessProvision(user, domain::ProvisionAction::kRecordDelivery,
                                                  setting_of(line.setting));
              });
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " learner " + std::to_string(l->id.value()) +
                                   " -> " + std::to_string(res->status);
          if (may) {
            expect_allowed(*res, r, what);
          } else if (IsApi(r.pattern) && view && lines.empty()) {
            // Nothing is promised to the learner: the empty body names no provision (422).
            EXPECT_TRUE(res->status == 403 || res->status == 422) << username << " " << what;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << what;
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << what;
            if (!view) {
              EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
        }
      } else if (kind == Kind::kDeliveryRemove) {
        for (const auto& [record, learner] : deliveries) {
          const bool view = domain::MayAccessLearner(user, LearnerAction::kView, learner, today);
          const bool may =
              view && domain::MayAccessProvision(user, domain::ProvisionAction::kRecordDelivery,
                                                 setting_of(record.setting));
          // Removing takes no form: whoever may remove one removes a copy made for them.
          domain::DeliveryRecordId target = record.id;
          if (may) {
            auto uow = store_.Begin(app::TxMode::kWrite);
            ASSERT_TRUE(uow.has_value());
            domain::DeliveryRecord copy = record;
            copy.id = {};
            auto added = (*uow)->Provision().AddDelivery(copy);
            ASSERT_TRUE(added.has_value());
            ASSERT_TRUE((*uow)->Commit().has_value());
            target = *added;
          }
          auto res = Call(&s, r, Fill(r.pattern, target.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " record " + std::to_string(target.value()) +
                                   " -> " + std::to_string(res->status);
          if (may) {
            EXPECT_EQ(res->status, 303) << username << " " << what;
            EXPECT_EQ(res->get_header_value("Location"),
                      "/learners/" + std::to_string(learner.id.value()) + "/delivery?done=removed")
                << username << " " << what;
          } else if (view) {
            EXPECT_EQ(res->status, 403) << username << " " << what;
          } else {
            EXPECT_EQ(res->status, 404) << username << " " << what;
            EXPECT_NE(res->body.find(text("delivery_error_not_found")), std::string::npos)
                << username << " " << what;
            EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                << "leak: " << username << " " << what;
          }
          auto uow = store_.Begin(app::TxMode::kRead);
          EXPECT_EQ((*uow)->Provision().GetDelivery(target).has_value(), !may)
              << username << " " << what;
        }
      } else if (kind == Kind::kLaOversight) {
        const bool may = domain::MayActForLa(user, user.local_authority);
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        EXPECT_EQ(res->status, may ? 200 : 403) << username << " " << r.pattern;
        // Figures only: no learner's name (a young person's own, as signed in, is not a leak).
        for (const auto& l : learners) {
          if (domain::MayAccessLearner(user, LearnerAction::kView, l, today)) continue;
          EXPECT_EQ(res->body.find(l.DisplayName()), std::string::npos)
              << "leak: " << username << " sees " << l.DisplayName() << " in " << r.pattern;
        }
      } else if (kind == Kind::kReviewEdit) {
        for (const auto& setting : settings) {
          const bool may =
              domain::MayAccessProvision(user, domain::ProvisionAction::kViewCounts, setting) &&
              domain::MayActForLa(user, setting.local_authority);
          // An empty form has no date: refused for its fields (422) once access is granted.
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what =
              r.pattern + " " + setting.name + " -> " + std::to_string(res->status);
          if (may) {
            EXPECT_EQ(res->status, r.method == "GET" ? 200 : 422) << username << " " << what;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << what;
            if (!domain::MayAccessProvision(user, domain::ProvisionAction::kViewCounts, setting)) {
              EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
        }
      } else if (kind == Kind::kSpecialistList) {
        const bool may = domain::MayAccessSpecialist(user, domain::SpecialistAction::kView,
                                                     user.local_authority, std::nullopt) ||
                         user.role == domain::Role::kAlnco || user.role == domain::Role::kTeacher ||
                         user.role == domain::Role::kGovernor;
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        EXPECT_EQ(res->status, may ? 200 : 403) << username << " " << r.pattern;
        if (r.pattern == "/specialist-places") {
          for (const auto& p : provisions) {
            const bool view = domain::MayAccessSpecialist(user, domain::SpecialistAction::kView,
                                                          p.local_authority, p.setting);
            EXPECT_EQ(res->body.find(p.name) != std::string::npos, may && view)
                << username << " " << r.pattern << " " << p.name;
          }
        } else {
          for (const auto& e : equipment) {
            const bool view = domain::MayAccessSpecialist(user, domain::SpecialistAction::kView,
                                                          e.local_authority, e.setting);
            EXPECT_EQ(res->body.find(e.description) != std::string::npos, may && view)
                << username << " " << r.pattern << " " << e.description;
            if (!e.learner) continue;
            const auto* l = learner_by_id(*e.learner);
            if (l && !domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) {
              EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kSpecialistAdd) {
        const bool may = domain::MayAccessSpecialist(user, domain::SpecialistAction::kManage,
                                                     user.local_authority, std::nullopt);
        // An empty form names no setting: refused for its fields (422) once access is granted.
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          expect_allowed(*res, r, r.pattern);
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kSpecialistView || kind == Kind::kSpecialistManage) {
        for (const auto& p : provisions) {
          const bool view = domain::MayAccessSpecialist(user, domain::SpecialistAction::kView,
                                                        p.local_authority, p.setting);
          const bool may =
              kind == Kind::kSpecialistView
                  ? view
                  : domain::MayAccessSpecialist(user, domain::SpecialistAction::kManage,
                                                p.local_authority, p.setting);
          // {key} is the first place or wait; the empty form lacks its dates (422).
          auto res = Call(&s, r, Fill(r.pattern, p.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " " + p.name + " -> " + std::to_string(res->status);
          if (may) {
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "specialist_error_not_found", what);
            if (!view) {
              EXPECT_EQ(res->body.find(p.name), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
          for (const auto& x : p.placements) {
            const auto* l = learner_by_id(x.learner);
            if (!l || domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) continue;
            EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                << "leak: " << username << " sees " << l->DisplayName() << " in " << what;
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " sees " << l->upn.str() << " in " << what;
          }
        }
      } else if (kind == Kind::kEquipmentAdd) {
        const bool may = user.role == domain::Role::kAlnco ||
                         domain::MayAccessSpecialist(user, domain::SpecialistAction::kManage,
                                                     user.local_authority, std::nullopt);
        // An empty form describes nothing: refused for its fields (422) once access is granted.
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          expect_allowed(*res, r, r.pattern);
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kEquipmentEdit) {
        for (const auto& e : equipment) {
          const bool view = domain::MayAccessSpecialist(user, domain::SpecialistAction::kView,
                                                        e.local_authority, e.setting);
          const bool may = domain::MayAccessSpecialist(user, domain::SpecialistAction::kManage,
                                                       e.local_authority, e.setting,
                                                       e.owner == domain::EquipmentOwner::kSchool);
          auto res = Call(&s, r, Fill(r.pattern, e.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what =
              r.pattern + " " + e.description + " -> " + std::to_string(res->status);
          if (may) {
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "equipment_error_not_found", what);
            if (!view) {
              EXPECT_EQ(res->body.find(e.description), std::string::npos)
                  << "leak: " << username << " " << what;
            }
          }
        }
      } else if (kind == Kind::kLiaisonView || kind == Kind::kLiaisonRecord) {
        for (const auto* l : liaison_learners) {
          const bool view = domain::MayAccessLearner(user, LearnerAction::kView, *l, today);
          const bool may = domain::MayAccessFamilyContacts(user,
                                                           kind == Kind::kLiaisonView
                                                               ? domain::LiaisonAction::kView
                                                               : domain::LiaisonAction::kRecord,
                                                           *l, today);
          // An empty form or body is refused for its fields (422) once access is granted.
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " learner " + std::to_string(l->id.value()) +
                                   " -> " + std::to_string(res->status);
          if (may) {
            expect_allowed(*res, r, what);
          } else {
            // The learner exists: refused as the learner's other pages are (403).
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << what;
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << what;
            if (!view) {
              EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                  << "leak: " << username << " " << what;
            }
            EXPECT_FALSE(contact_leaks(res->body, l->id)) << "leak: " << username << " " << what;
          }
        }
      } else if (kind == Kind::kContactView || kind == Kind::kContactFollowUp ||
                 kind == Kind::kContactRemove) {
        for (const auto& [contact, learner] : contacts) {
          const bool recorded_it = contact.by == user.id;
          const bool view = domain::MayAccessFamilyContacts(user, domain::LiaisonAction::kView,
                                                            learner, today, recorded_it);
          const auto state = domain::FollowUpOf(contact, today);
          const bool open =
              state == domain::FollowUpState::kDue || state == domain::FollowUpState::kOverdue;
          const bool right = kind == Kind::kContactView ||
                             domain::MayAccessFamilyContacts(user,
                                                             kind == Kind::kContactFollowUp
                                                                 ? domain::LiaisonAction::kRecord
                                                                 : domain::LiaisonAction::kRemove,
                                                             learner, today, recorded_it);
          const bool may = view && right && (kind != Kind::kContactFollowUp || open);
          // Removing takes no form: whoever may remove one removes a copy made for them.
          const bool removal = kind == Kind::kContactRemove && r.method == "POST";
          domain::FamilyContactId target = contact.id;
          if (removal && may) {
            auto uow = store_.Begin(app::TxMode::kWrite);
            ASSERT_TRUE(uow.has_value());
            domain::FamilyContact copy = contact;
            copy.id = {};
            copy.version = 0;
            auto added = (*uow)->FamilyContacts().AddContact(copy);
            ASSERT_TRUE(added.has_value()) << added.error().message;
            ASSERT_TRUE((*uow)->Commit().has_value());
            target = *added;
          }
          auto res = Call(&s, r, Fill(r.pattern, target.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what = r.pattern + " contact " + std::to_string(target.value()) +
                                   " -> " + std::to_string(res->status);
          if (removal && may) {
            EXPECT_EQ(res->status, 303) << username << " " << what;
            EXPECT_EQ(
                res->get_header_value("Location"),
                "/learners/" + std::to_string(learner.id.value()) + "/family-contacts?done=removed")
                << username << " " << what;
          } else if (may) {
            // The follow-up form posted empty lacks its date (422).
            expect_allowed(*res, r, what);
          } else {
            expect_refused(*res, r, view, "family_contact_error_not_found", what);
            if (view && right && kind == Kind::kContactFollowUp) {
              EXPECT_NE(res->body.find(text("family_contact_error_no_follow_up")),
                        std::string::npos)
                  << username << " " << r.method << " " << what;
            }
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << what;
            if (!view) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << what;
              EXPECT_FALSE(contact_leaks(res->body, learner.id))
                  << "leak: " << username << " " << what;
            }
          }
          if (kind == Kind::kContactRemove) {
            auto uow = store_.Begin(app::TxMode::kRead);
            EXPECT_EQ((*uow)->FamilyContacts().GetContact(target).has_value(), !(removal && may))
                << username << " " << what;
          }
        }
      } else if (kind == Kind::kSchoolLiaison) {
        for (const auto& setting : settings) {
          const bool may =
              domain::MayAccessProvision(user, domain::ProvisionAction::kView, setting);
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          const std::string what =
              r.pattern + " " + setting.name + " -> " + std::to_string(res->status);
          EXPECT_EQ(res->status, may ? 200 : 403) << username << " " << what;
          if (may) continue;
          EXPECT_EQ(res->body.find(setting.name), std::string::npos)
              << "leak: " << username << " " << what;
          for (const auto* l : at_setting[setting.id]) {
            EXPECT_FALSE(contact_leaks(res->body, l->id)) << "leak: " << username << " " << what;
            // A learner the user may see (their own name, as a young person) is not a leak.
            if (domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) continue;
            EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                << "leak: " << username << " sees " << l->DisplayName() << " in " << what;
          }
        }
      } else if (kind == Kind::kLearnerList) {
        std::set<long long> expected;
        for (const auto& l : learners)
          if (domain::MayAccessLearner(user, LearnerAction::kView, l, today))
            expected.insert(l.id.value());
        if (!domain::MaySeeLearnerNames(user.role)) {
          auto res = Call(&s, r, r.pattern);
          ASSERT_TRUE(res);
          EXPECT_EQ(res->status, 403) << username << " " << r.pattern;
          continue;
        }
        if (r.api) {
          std::set<long long> seen;
          for (int page = 1; page <= 50; ++page) {
            auto res = Call(&s, r, r.pattern + "?page_size=100&page=" + std::to_string(page));
            ASSERT_TRUE(res);
            ASSERT_EQ(res->status, 200) << username;
            auto body = nlohmann::json::parse(res->body);
            for (auto& item : body["items"]) seen.insert(item["id"].get<long long>());
            if (page >= body["page_count"].get<int>()) break;
          }
          ++checked;
          EXPECT_EQ(seen, expected) << username << " sees the wrong learners in " << r.pattern;
        } else {
          auto res = Call(&s, r, r.pattern);
          ASSERT_TRUE(res);
          ++checked;
          EXPECT_EQ(res->status, 200) << username;
          EXPECT_NE(res->body.find("id=\"result-count\""), std::string::npos);
          EXPECT_NE(res->body.find(" " + std::to_string(expected.size()) + "</p>"),
                    std::string::npos)
              << username << " should see " << expected.size() << " learners";
          for (const auto& l : learners) {
            if (expected.count(l.id.value())) continue;
            EXPECT_EQ(res->body.find(l.upn.str()), std::string::npos)
                << "leak: " << username << " sees " << l.upn.str();
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 300);
}

}  // namespace
}  // namespace cynnal::testing
