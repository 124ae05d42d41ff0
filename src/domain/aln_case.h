#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/aln_determination.h"
#include "domain/aln_responsibility.h"
#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/result.h"
#include "domain/statutory_clock.h"

namespace cynnal::domain {

// Who brought the possibility of ALN to the body's attention (catalogue ids "source_<code>").
enum class ConcernSource {
  kParent,
  kTeacher,
  kAlnco,
  kLearner,  // the child or young person
  kHealthBody,
  kOtherProfessional,
};
std::string_view Code(ConcernSource source);
std::optional<ConcernSource> ConcernSourceFromCode(std::string_view code);
const std::vector<ConcernSource>& AllConcernSources();

// The possibility of ALN, as raised.
struct Concern {
  ConcernSource source = ConcernSource::kParent;
  std::string raised_by;  // the person or body, as they are known to the family
  Date brought_on;        // the day it was brought to the body's attention
  bool to_la = false;     // brought to the LA directly, not to the school
  std::string description;
  // A young person's answer to "do you consent to a decision?" and when they gave consent; the
  // school's 35 school days then run from the consent (Code 12.12).
  Answer consent = Answer::kUnanswered;
  std::optional<Date> consent_on;
};

// Where the case stands. Each step is allowed only at the stages listed beside it in aln_case.cc.
enum class CaseStage {
  kAwaitingTriage,    // brought to the LA directly about a pupil the school would decide for
  kAwaitingDecision,  // the deciding body has to decide
  kAwaitingNotice,    // decided; the notice is not yet given
  kNoticeGiven,       // decided and notified; reconsideration or appeal may follow
  kReconsideration,   // the LA reconsiders a school's decision
  kAppeal,            // an appeal to the Education Tribunal for Wales is open
  kClosed,            // an exception to the duty to decide, or an appeal concluded
};
std::string_view Code(CaseStage stage);  // catalogue ids "case_stage_<code>"
std::optional<CaseStage> CaseStageFromCode(std::string_view code);

// Act s.11(3): when the body need not decide (catalogue ids "exception_<code>").
enum class DutyExceptionKind { kIdpMaintained, kNoMaterialChange, kNoConsent };
std::string_view Code(DutyExceptionKind kind);
std::optional<DutyExceptionKind> DutyExceptionKindFromCode(std::string_view code);
const std::vector<DutyExceptionKind>& AllDutyExceptionKinds();

struct DutyException {
  DutyExceptionKind kind = DutyExceptionKind::kIdpMaintained;
  std::string reasons;
  Date on;
  std::optional<Date> previous_decision_on;  // kNoMaterialChange: the decision that stands
};

// A school's referral of the case to the LA (Code 12.39).
struct Referral {
  ReferralGround ground = ReferralGround::kA;
  std::string evidence;
  Date need_apparent_on;  // when the need for a referral became apparent (starts the 20 days)
  Date referred_on;
};

enum class DecisionKind { kInitial, kReconsideration };
std::string_view Code(DecisionKind kind);
std::optional<DecisionKind> DecisionKindFromCode(std::string_view code);

// A decision whether the learner has ALN, by the body responsible, with the two-step test.
struct AlnDecision {
  DecisionKind kind = DecisionKind::kInitial;
  Responsibility body;
  Date decided_on;
  TwoStepTest test;
  bool has_aln = false;
  std::vector<std::string> reasons;  // TestOutcome::reasons
  // When ALN is found: who maintains the IDP, and the principles that decided it.
  std::optional<MaintainerAssessment> assessment;
  std::optional<Maintainer> maintainer;
  std::vector<std::string> maintainer_reasons;
  std::string summary;  // the deciding body's own words for the notice; may be empty
  UserId by;
  Timestamp at{};
};

enum class NoticeKind { kIdp, kNoIdp };
std::string_view Code(NoticeKind kind);  // "idp", "no_idp"
std::optional<NoticeKind> NoticeKindFromCode(std::string_view code);
enum class NoticeMethod { kEmail, kPost, kHand };
std::string_view Code(NoticeMethod method);  // "email", "post", "hand"
std::optional<NoticeMethod> NoticeMethodFromCode(std::string_view code);
const std::vector<NoticeMethod>& AllNoticeMethods();

// The notice of a decision, as given to the family.
struct DecisionNotice {
  int decision = 0;  // index into AlnCase::decisions
  NoticeKind kind = NoticeKind::kIdp;
  NoticeMethod method = NoticeMethod::kEmail;
  Date sent_on;
  Date given_on;  // see GivenOn
  LetterLanguage language = LetterLanguage::kEnglish;
  // LA and FEI decisions: the last day an appeal can reach the tribunal (see AppealDeadline).
  std::optional<Date> appeal_by;
  UserId by;
  Timestamp at{};
};

// A request that the LA reconsider a school's decision (Act s.26, s.27).
struct ReconsiderationRequest {
  Date requested_on;
  std::string requested_by;
  std::string grounds;
};

// Disagreement resolution arranged by the LA (Act s.68; SNAP Cymru in most LAs).
struct DisagreementResolution {
  Date started_on;
  bool in_time = false;  // started before the appeal period ended: the period gains 8 weeks
  std::optional<Date> ended_on;
  std::string outcome;
};

enum class AppealOutcome { kPending, kUpheld, kPartlyUpheld, kDismissed, kWithdrawn, kConceded };
std::string_view Code(AppealOutcome outcome);  // catalogue ids "appeal_outcome_<code>"
std::optional<AppealOutcome> AppealOutcomeFromCode(std::string_view code);
const std::vector<AppealOutcome>& AllAppealOutcomes();

// An order of the tribunal, with the date by which the body must comply.
struct TribunalOrder {
  std::string description;
  Date made_on;
  Date comply_by;
  std::optional<Date> complied_on;
  std::optional<ClockId> clock;
};

// An appeal to the Education Tribunal for Wales (Act s.70).
struct TribunalAppeal {
  Date lodged_on;
  bool late = false;  // lodged after the appeal date (the tribunal may still accept it)
  std::optional<Date> hearing_on;
  AppealOutcome outcome = AppealOutcome::kPending;
  std::optional<Date> decided_on;
  std::vector<TribunalOrder> orders;
};

// The steps of a case, as its timeline shows them (catalogue ids "case_event_<code>").
enum class CaseEventKind {
  kConcernRaised,
  kDocumentAdded,
  kTakenOn,
  kSentBack,
  kReferred,
  kExceptionRecorded,
  kDecided,
  kNoticeGiven,
  kReconsiderationRequested,
  kDisagreementStarted,
  kDisagreementEnded,
  kAppealLodged,
  kAppealDecided,
  kOrderMade,
  kOrderComplied,
  kAppealClosed,
  kPanelDecided,  // the LA's ALN panel decided on the case (detail: the outcome's code)
};
std::string_view Code(CaseEventKind kind);
std::optional<CaseEventKind> CaseEventKindFromCode(std::string_view code);

struct CaseEvent {
  CaseEventKind kind = CaseEventKind::kConcernRaised;
  Date on;  // the day the step took effect
  UserId by;
  Timestamp at{};      // when it was recorded
  std::string detail;  // a code or a short note: never another learner's data
};

// An ALN case: one concern about one learner, from raising it to the decision, the notice, and
// any reconsideration or appeal.
struct AlnCase {
  AlnCaseId id;
  LocalAuthorityId local_authority;  // the learner's LA
  LearnerId learner;
  Concern concern;
  Responsibility responsibility;  // who must act now
  CaseStage stage = CaseStage::kAwaitingDecision;
  std::optional<Referral> referral;
  std::string sent_back_reasons;
  std::optional<DutyException> exception;
  std::vector<AlnDecision> decisions;
  std::vector<DecisionNotice> notices;
  std::optional<ReconsiderationRequest> reconsideration;
  std::vector<DisagreementResolution> disagreements;
  std::optional<TribunalAppeal> appeal;
  std::optional<ClockId> duty_clock;  // the clock of the duty in progress
  std::vector<CaseEvent> timeline;
  // Incremented on every update; an update naming an older version is a conflict.
  int version = 0;

  const AlnDecision* LastDecision() const;
  const DecisionNotice* LastNotice() const;
  // The day the deciding body's period starts: the young person's consent, else the day the
  // concern was brought to its attention (for a case sent back: the day it was sent back).
  Date DutyStartsOn() const;
};

// An LA's settings for decisions and notices.
struct LaDecisionSettings {
  // Hours of TA support a week at or above which the LA maintains the IDP (Code 12.43-12.44;
  // Neath Port Talbot: 25). 1 to 60.
  int ta_hours_threshold = kDefaultTaHoursThreshold;
  // Working days after posting on which a posted notice is taken as given (0 to 10).
  int post_working_days = 2;
  // How families reach the LA's ALN information and advice service (printed on every notice).
  std::string service_phone;
  std::string service_email;
};
// Checks the ranges above and that an email address looks like one (fields "ta_hours_threshold",
// "post_working_days", "service_email").
Result<void> CheckDecisionSettings(const LaDecisionSettings& settings);

// Who did a step, when, and today's date in Wales (for "not in the future" checks).
struct StepContext {
  UserId by;
  Timestamp at{};
  Date today;
};

// Opens a case for `learner` (the concern is checked: a source, who raised it, what it is, a date
// not in the future and not before the learner's birth; a young person's consent answered, with
// its date). `by_circumstance` is WhoDecides on the day it was brought. A concern brought to the
// LA about a learner the school or FEI decides for waits for the LA to take it on or send it back;
// a young person who does not consent closes the case at once (Act s.11(3)).
Result<AlnCase> OpenCase(const Learner& learner, const Concern& concern,
                         const Responsibility& by_circumstance, const StepContext& step);

// The LA decides a direct approach itself.
Result<void> TakeOn(AlnCase& aln_case, Date on, const StepContext& step);
// The LA sends a direct approach back to the school, which must then decide; reasons required.
Result<void> SendBack(AlnCase& aln_case, const std::string& reasons, Date on,
                      const StepContext& step);
// A school refers the case to the LA on ground (a), (b) or (c) with evidence (Code 12.39).
Result<void> Refer(AlnCase& aln_case, const Referral& referral, const StepContext& step);
// Records an exception to the duty to decide and closes the case (Act s.11(3)).
Result<void> RecordException(AlnCase& aln_case, const Learner& learner,
                             const DutyException& exception, const StepContext& step);

// Records the decision of the body now responsible (`decision.body` must be it). The test must
// evaluate; when ALN is found by a school, the assessment must show the school can reasonably
// secure the ALP (otherwise it must refer on ground (a)); when found by the LA, the LA maintains
// the IDP if it decides by circumstance or the assessment meets a principle, and may otherwise
// direct the school. `ta_hours_threshold` is the LA's setting.
Result<void> RecordDecision(AlnCase& aln_case, AlnDecision decision, int ta_hours_threshold,
                            const StepContext& step);

// Records the notice of the latest decision. `notice.given_on` must already be GivenOn(...).
Result<void> RecordNotice(AlnCase& aln_case, DecisionNotice notice, const StepContext& step);

// The family (or young person) asks the LA to reconsider the school's decision (Act s.26, s.27);
// the LA then decides again (RecordDecision with kind kReconsideration).
Result<void> RequestReconsideration(AlnCase& aln_case, const ReconsiderationRequest& request,
                                    const StepContext& step);

// Disagreement resolution starts; `in_time` when it starts on or before the current appeal date.
Result<void> StartDisagreement(AlnCase& aln_case, Date started_on, const StepContext& step);
Result<void> EndDisagreement(AlnCase& aln_case, std::size_t index, Date ended_on,
                             const std::string& outcome, const StepContext& step);

// An appeal against an LA or FEI decision is lodged (there is no appeal against a school's
// decision: the family asks the LA to reconsider).
Result<void> LodgeAppeal(AlnCase& aln_case, Date lodged_on, const StepContext& step);
Result<void> RecordAppealOutcome(AlnCase& aln_case, AppealOutcome outcome,
                                 std::optional<Date> hearing_on, Date decided_on,
                                 const StepContext& step);
// Adds an order after an appeal that succeeded (upheld, partly upheld or conceded).
Result<void> AddOrder(AlnCase& aln_case, const TribunalOrder& order, const StepContext& step);
// Closes the case after an appeal that succeeded once no order is outstanding (the tribunal made
// none, or the body complied with each).
Result<void> CloseAppeal(AlnCase& aln_case, Date on, const StepContext& step);
// Records compliance; the case closes once the appeal is decided and every order complied with.
Result<void> CompleteOrder(AlnCase& aln_case, std::size_t index, Date complied_on,
                           const StepContext& step);

// Notes on the case's timeline that the LA's ALN panel decided on it (REFERENCE section 6);
// `outcome` is the panel decision's code. The stage does not change: the deciding body still
// records its own decision and gives the notice.
void NotePanelDecision(AlnCase& aln_case, std::string_view outcome, Date on,
                       const StepContext& step);

// REFERENCE section 3: a notice sent electronically or by hand is given that day; one posted is
// given on the day it would normally arrive, taken as `post_working_days` working days after
// posting (first-class post: 2, as in CPR 6.26; a per-LA setting). `working_day` says whether a
// date is a working day.
template <typename IsWorkingDay>
Date GivenOn(NoticeMethod method, Date sent_on, int post_working_days, IsWorkingDay working_day) {
  if (method != NoticeMethod::kPost) return sent_on;
  Date day = sent_on;
  for (int found = 0; found < post_working_days;) {
    day = AddDays(day, 1);
    if (working_day(day)) ++found;
  }
  return day;
}

// ETW Regs regs 10, 14: the appeal period is 8 weeks from the notice, 16 when disagreement
// resolution started in time. The count of weeks for `tribunal-appeal`.
int AppealWeeks(const AlnCase& aln_case);
// Whether the latest decision can be appealed to the tribunal (an LA or FEI decision).
bool Appealable(const AlnDecision& decision);

}  // namespace cynnal::domain
