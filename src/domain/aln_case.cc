#include "domain/aln_case.h"

#include <algorithm>
#include <map>

#include "domain/code_table.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

constexpr CodeTable<ConcernSource, 6> kSources = {{
    {ConcernSource::kParent, "parent"},
    {ConcernSource::kTeacher, "teacher"},
    {ConcernSource::kAlnco, "alnco"},
    {ConcernSource::kLearner, "learner"},
    {ConcernSource::kHealthBody, "health_body"},
    {ConcernSource::kOtherProfessional, "other_professional"},
}};

constexpr CodeTable<CaseStage, 7> kStages = {{
    {CaseStage::kAwaitingTriage, "awaiting_triage"},
    {CaseStage::kAwaitingDecision, "awaiting_decision"},
    {CaseStage::kAwaitingNotice, "awaiting_notice"},
    {CaseStage::kNoticeGiven, "notice_given"},
    {CaseStage::kReconsideration, "reconsideration"},
    {CaseStage::kAppeal, "appeal"},
    {CaseStage::kClosed, "closed"},
}};

constexpr CodeTable<DutyExceptionKind, 3> kExceptions = {{
    {DutyExceptionKind::kIdpMaintained, "idp_maintained"},
    {DutyExceptionKind::kNoMaterialChange, "no_material_change"},
    {DutyExceptionKind::kNoConsent, "no_consent"},
}};

constexpr CodeTable<DecisionKind, 2> kDecisionKinds = {{
    {DecisionKind::kInitial, "initial"},
    {DecisionKind::kReconsideration, "reconsideration"},
}};

constexpr CodeTable<NoticeKind, 2> kNoticeKinds = {{
    {NoticeKind::kIdp, "idp"},
    {NoticeKind::kNoIdp, "no_idp"},
}};

constexpr CodeTable<NoticeMethod, 3> kMethods = {{
    {NoticeMethod::kEmail, "email"},
    {NoticeMethod::kPost, "post"},
    {NoticeMethod::kHand, "hand"},
}};

constexpr CodeTable<AppealOutcome, 6> kOutcomes = {{
    {AppealOutcome::kPending, "pending"},
    {AppealOutcome::kUpheld, "upheld"},
    {AppealOutcome::kPartlyUpheld, "partly_upheld"},
    {AppealOutcome::kDismissed, "dismissed"},
    {AppealOutcome::kWithdrawn, "withdrawn"},
    {AppealOutcome::kConceded, "conceded"},
}};

constexpr CodeTable<CaseEventKind, 17> kEvents = {{
    {CaseEventKind::kConcernRaised, "concern_raised"},
    {CaseEventKind::kDocumentAdded, "document_added"},
    {CaseEventKind::kTakenOn, "taken_on"},
    {CaseEventKind::kSentBack, "sent_back"},
    {CaseEventKind::kReferred, "referred"},
    {CaseEventKind::kExceptionRecorded, "exception_recorded"},
    {CaseEventKind::kDecided, "decided"},
    {CaseEventKind::kNoticeGiven, "notice_given"},
    {CaseEventKind::kReconsiderationRequested, "reconsideration_requested"},
    {CaseEventKind::kDisagreementStarted, "disagreement_started"},
    {CaseEventKind::kDisagreementEnded, "disagreement_ended"},
    {CaseEventKind::kAppealLodged, "appeal_lodged"},
    {CaseEventKind::kAppealDecided, "appeal_decided"},
    {CaseEventKind::kOrderMade, "order_made"},
    {CaseEventKind::kOrderComplied, "order_complied"},
    {CaseEventKind::kAppealClosed, "appeal_closed"},
    {CaseEventKind::kPanelDecided, "panel_decided"},
}};

bool Blank(const std::string& text) { return Trim(text).empty(); }

// The refusal of a step the case's stage does not allow, in the words a caseworker needs.
Error StageError(const AlnCase& c) {
  switch (c.stage) {
    case CaseStage::kClosed:
      return Error::Conflict("case_error_closed");
    case CaseStage::kAwaitingTriage:
      return Error::Conflict("case_error_triage_first");
    case CaseStage::kAwaitingDecision:
      return Error::Conflict("case_error_not_decided");
    case CaseStage::kAwaitingNotice:
      return Error::Conflict("case_error_notice_due");
    default:
      return Error::Conflict("case_error_step_not_allowed");
  }
}

bool StageIn(const AlnCase& c, std::initializer_list<CaseStage> stages) {
  return std::find(stages.begin(), stages.end(), c.stage) != stages.end();
}

// A step's date: not in the future, and not before `earliest` (with the message for that).
void CheckDate(Date on, Date earliest, const StepContext& step, const std::string& field,
               const std::string& before_message, std::map<std::string, std::string>& fields) {
  if (step.today < on) {
    fields.emplace(field, "case_error_date_future");
  } else if (on < earliest) {
    fields.emplace(field, before_message);
    fields.emplace("date", FormatIsoDate(earliest));
  }
}

void Record(AlnCase& c, CaseEventKind kind, Date on, const StepContext& step,
            std::string detail = {}) {
  c.timeline.push_back({kind, on, step.by, step.at, std::move(detail)});
}

Result<void> Invalid(std::map<std::string, std::string> fields) {
  return domain::Invalid("case_error_title", std::move(fields));
}

}  // namespace

std::string_view Code(ConcernSource source) { return CodeIn(kSources, source); }
std::optional<ConcernSource> ConcernSourceFromCode(std::string_view code) {
  return FromCodeIn(kSources, code);
}
const std::vector<ConcernSource>& AllConcernSources() {
  static const std::vector<ConcernSource> all = AllIn(kSources);
  return all;
}
std::string_view Code(CaseStage stage) { return CodeIn(kStages, stage); }
std::optional<CaseStage> CaseStageFromCode(std::string_view code) {
  return FromCodeIn(kStages, code);
}
std::string_view Code(DutyExceptionKind kind) { return CodeIn(kExceptions, kind); }
std::optional<DutyExceptionKind> DutyExceptionKindFromCode(std::string_view code) {
  return FromCodeIn(kExceptions, code);
}
const std::vector<DutyExceptionKind>& AllDutyExceptionKinds() {
  static const std::vector<DutyExceptionKind> all = AllIn(kExceptions);
  return all;
}
std::string_view Code(DecisionKind kind) { return CodeIn(kDecisionKinds, kind); }
std::optional<DecisionKind> DecisionKindFromCode(std::string_view code) {
  return FromCodeIn(kDecisionKinds, code);
}
std::string_view Code(NoticeKind kind) { return CodeIn(kNoticeKinds, kind); }
std::optional<NoticeKind> NoticeKindFromCode(std::string_view code) {
  return FromCodeIn(kNoticeKinds, code);
}
std::string_view Code(NoticeMethod method) { return CodeIn(kMethods, method); }
std::optional<NoticeMethod> NoticeMethodFromCode(std::string_view code) {
  return FromCodeIn(kMethods, code);
}
const std::vector<NoticeMethod>& AllNoticeMethods() {
  static const std::vector<NoticeMethod> all = AllIn(kMethods);
  return all;
}
std::string_view Code(AppealOutcome outcome) { return CodeIn(kOutcomes, outcome); }
std::optional<AppealOutcome> AppealOutcomeFromCode(std::string_view code) {
  return FromCodeIn(kOutcomes, code);
}
const std::vector<AppealOutcome>& AllAppealOutcomes() {
  static const std::vector<AppealOutcome> all = AllIn(kOutcomes);
  return all;
}
std::string_view Code(CaseEventKind kind) { return CodeIn(kEvents, kind); }
std::optional<CaseEventKind> CaseEventKindFromCode(std::string_view code) {
  return FromCodeIn(kEvents, code);
}

const AlnDecision* AlnCase::LastDecision() const {
  return decisions.empty() ? nullptr : &decisions.back();
}
const DecisionNotice* AlnCase::LastNotice() const {
  return notices.empty() ? nullptr : &notices.back();
}

Date AlnCase::DutyStartsOn() const {
  for (auto it = timeline.rbegin(); it != timeline.rend(); ++it) {
    if (it->kind == CaseEventKind::kSentBack) return it->on;
  }
  return concern.consent_on.value_or(concern.brought_on);
}

Result<AlnCase> OpenCase(const Learner& learner, const Concern& concern,
                         const Responsibility& by_circumstance, const StepContext& step) {
  std::map<std::string, std::string> fields;
  if (Blank(concern.raised_by)) fields.emplace("raised_by", "concern_error_raised_by");
  if (Blank(concern.description)) fields.emplace("description", "concern_error_description");
  CheckDate(concern.brought_on, learner.date_of_birth, step, "brought_on",
            "concern_error_before_birth", fields);
  const bool young_person = IsYoungPerson(learner, concern.brought_on);
  if (young_person) {
    // Code 12.12: for a young person the period runs from their consent.
    if (concern.consent == Answer::kUnanswered) {
      fields.emplace("consent", "concern_error_consent_missing");
    } else if (concern.consent == Answer::kYes) {
      if (!concern.consent_on) {
        fields.emplace("consent_on", "concern_error_consent_date");
      } else {
        CheckDate(*concern.consent_on, concern.brought_on, step, "consent_on",
                  "case_error_before_concern", fields);
      }
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("concern_error_title", std::move(fields));

  AlnCase c;
  c.local_authority = learner.local_authority;
  c.learner = learner.id;
  c.concern = concern;
  c.concern.raised_by = Trim(concern.raised_by);
  if (!young_person) {
    c.concern.consent = Answer::kUnanswered;
    c.concern.consent_on.reset();
  } else if (concern.consent == Answer::kNo) {
    c.concern.consent_on.reset();
  }
  c.responsibility = by_circumstance;
  const bool school_would_decide = by_circumstance.body != DecidingBody::kLocalAuthority;
  c.stage = concern.to_la && school_would_decide ? CaseStage::kAwaitingTriage
                                                 : CaseStage::kAwaitingDecision;
  Record(c, CaseEventKind::kConcernRaised, concern.brought_on, step,
         std::string(Code(by_circumstance.reason)));
  if (young_person && concern.consent == Answer::kNo) {
    // Act s.11(3): no duty to decide for a young person who does not consent.
    c.exception = DutyException{DutyExceptionKind::kNoConsent, {}, concern.brought_on, {}};
    c.stage = CaseStage::kClosed;
    Record(c, CaseEventKind::kExceptionRecorded, concern.brought_on, step,
           std::string(Code(DutyExceptionKind::kNoConsent)));
  }
  return c;
}

Result<void> TakeOn(AlnCase& c, Date on, const StepContext& step) {
  if (c.stage != CaseStage::kAwaitingTriage) return Fail(Error::Conflict("case_error_not_triage"));
  std::map<std::string, std::string> fields;
  CheckDate(on, c.concern.brought_on, step, "on", "case_error_before_concern", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  c.responsibility = {DecidingBody::kLocalAuthority, c.responsibility.local_authority, std::nullopt,
                      ResponsibilityReason::kTakenOnByLa};
  c.stage = CaseStage::kAwaitingDecision;
  Record(c, CaseEventKind::kTakenOn, on, step);
  return {};
}

Result<void> SendBack(AlnCase& c, const std::string& reasons, Date on, const StepContext& step) {
  if (c.stage != CaseStage::kAwaitingTriage) return Fail(Error::Conflict("case_error_not_triage"));
  std::map<std::string, std::string> fields;
  if (Blank(reasons)) fields.emplace("reasons", "case_error_reasons_missing");
  CheckDate(on, c.concern.brought_on, step, "on", "case_error_before_concern", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  // REFERENCE section 2: the LA may decide the school is best placed; the duty stays with it.
  c.responsibility.reason = ResponsibilityReason::kSentBackToSchool;
  c.sent_back_reasons = Trim(reasons);
  c.stage = CaseStage::kAwaitingDecision;
  Record(c, CaseEventKind::kSentBack, on, step);
  return {};
}

Result<void> Refer(AlnCase& c, const Referral& referral, const StepContext& step) {
  if (c.stage != CaseStage::kAwaitingDecision) return Fail(StageError(c));
  if (c.responsibility.body != DecidingBody::kSchool)
    return Fail(Error::Conflict("case_error_refer_not_school"));
  std::map<std::string, std::string> fields;
  if (Blank(referral.evidence)) fields.emplace("evidence", "referral_error_evidence");
  CheckDate(referral.referred_on, c.concern.brought_on, step, "referred_on",
            "case_error_before_concern", fields);
  if (step.today < referral.need_apparent_on) {
    fields.emplace("need_apparent_on", "case_error_date_future");
  } else if (referral.referred_on < referral.need_apparent_on) {
    fields.emplace("need_apparent_on", "referral_error_apparent_after_referral");
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  c.referral = referral;
  c.referral->evidence = Trim(referral.evidence);
  // Code 12.39: the LA now decides; the school stays named as the learner's school.
  c.responsibility.body = DecidingBody::kLocalAuthority;
  c.responsibility.reason = ResponsibilityReason::kReferredBySchool;
  Record(c, CaseEventKind::kReferred, referral.referred_on, step,
         std::string(Code(referral.ground)));
  return {};
}

Result<void> RecordException(AlnCase& c, const Learner& learner, const DutyException& exception,
                             const StepContext& step) {
  if (!StageIn(c, {CaseStage::kAwaitingTriage, CaseStage::kAwaitingDecision}))
    return Fail(c.stage == CaseStage::kClosed ? StageError(c)
                                              : Error::Conflict("case_error_already_decided"));
  std::map<std::string, std::string> fields;
  if (Blank(exception.reasons)) fields.emplace("reasons", "case_error_reasons_missing");
  CheckDate(exception.on, c.concern.brought_on, step, "on", "case_error_before_concern", fields);
  if (exception.kind == DutyExceptionKind::kNoMaterialChange) {
    if (!exception.previous_decision_on) {
      fields.emplace("previous_decision_on", "exception_error_previous_missing");
    } else if (!(*exception.previous_decision_on < c.concern.brought_on)) {
      fields.emplace("previous_decision_on", "exception_error_previous_after");
    }
  }
  if (exception.kind == DutyExceptionKind::kNoConsent &&
      !IsYoungPerson(learner, c.concern.brought_on)) {
    fields.emplace("kind", "exception_error_not_young_person");
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  c.exception = exception;
  c.exception->reasons = Trim(exception.reasons);
  if (exception.kind != DutyExceptionKind::kNoMaterialChange)
    c.exception->previous_decision_on.reset();
  c.stage = CaseStage::kClosed;
  Record(c, CaseEventKind::kExceptionRecorded, exception.on, step,
         std::string(Code(exception.kind)));
  return {};
}

Result<void> RecordDecision(AlnCase& c, AlnDecision decision, int ta_hours_threshold,
                            const StepContext& step) {
  const bool reconsidering = c.stage == CaseStage::kReconsideration;
  if (c.stage != CaseStage::kAwaitingDecision && !reconsidering) {
    if (StageIn(c, {CaseStage::kAwaitingNotice, CaseStage::kNoticeGiven, CaseStage::kAppeal}))
      return Fail(Error::Conflict("case_error_already_decided"));
    return Fail(StageError(c));
  }
  if (decision.body.body != c.responsibility.body ||
      decision.body.local_authority != c.responsibility.local_authority ||
      (c.responsibility.body != DecidingBody::kLocalAuthority &&
       decision.body.setting != c.responsibility.setting)) {
    return Fail(Error::Forbidden("case_error_not_responsible"));
  }
  decision.kind = reconsidering ? DecisionKind::kReconsideration : DecisionKind::kInitial;
  std::map<std::string, std::string> fields;
  auto outcome = Evaluate(decision.test);
  if (!outcome) fields = outcome.error().fields;
  const Date earliest = reconsidering ? c.reconsideration->requested_on : c.concern.brought_on;
  CheckDate(
      decision.decided_on, earliest, step, "decided_on",
      reconsidering ? "reconsideration_error_decision_before_request" : "case_error_before_concern",
      fields);
  if (!fields.empty()) return Invalid(std::move(fields));

  decision.has_aln = outcome->has_aln;
  decision.reasons = outcome->reasons;
  decision.maintainer.reset();
  decision.maintainer_reasons.clear();
  if (decision.has_aln) {
    const MaintainerAssessment assessment = decision.assessment.value_or(MaintainerAssessment{});
    MaintainerOutcome maintainer = MaintainerFor(assessment, ta_hours_threshold);
    const auto reason = c.responsibility.reason;
    const bool la_by_circumstance = c.responsibility.body == DecidingBody::kLocalAuthority &&
                                    reason != ResponsibilityReason::kReferredBySchool &&
                                    reason != ResponsibilityReason::kTakenOnByLa && !reconsidering;
    if (c.responsibility.body == DecidingBody::kSchool &&
        maintainer.maintainer == Maintainer::kLocalAuthority) {
      // Code 12.39 ground (a): ALP it would not be reasonable for the school to secure.
      return Fail(Error::InvalidArgument("maintainer_error_refer",
                                         {{"assessment", "maintainer_error_refer"}}));
    }
    if (la_by_circumstance) {
      maintainer.maintainer = Maintainer::kLocalAuthority;
      maintainer.reasons = {"principle_la_responsible"};
    }
    decision.assessment = assessment;
    decision.maintainer = maintainer.maintainer;
    decision.maintainer_reasons = std::move(maintainer.reasons);
  } else {
    decision.assessment.reset();
  }
  decision.summary = Trim(decision.summary);
  decision.by = step.by;
  decision.at = step.at;
  Record(c, CaseEventKind::kDecided, decision.decided_on, step,
         decision.has_aln ? "has_aln" : "no_aln");
  c.decisions.push_back(std::move(decision));
  c.stage = CaseStage::kAwaitingNotice;
  return {};
}

Result<void> RecordNotice(AlnCase& c, DecisionNotice notice, const StepContext& step) {
  if (c.stage != CaseStage::kAwaitingNotice) {
    if (StageIn(c, {CaseStage::kAwaitingDecision, CaseStage::kAwaitingTriage,
                    CaseStage::kReconsideration}))
      return Fail(Error::Conflict("case_error_notice_before_decision"));
    if (StageIn(c, {CaseStage::kNoticeGiven, CaseStage::kAppeal}))
      return Fail(Error::Conflict("case_error_notice_already_given"));
    return Fail(StageError(c));
  }
  const AlnDecision& decision = c.decisions.back();
  std::map<std::string, std::string> fields;
  CheckDate(notice.sent_on, decision.decided_on, step, "sent_on", "notice_error_before_decision",
            fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  notice.decision = static_cast<int>(c.decisions.size()) - 1;
  notice.kind = decision.has_aln ? NoticeKind::kIdp : NoticeKind::kNoIdp;
  if (!Appealable(decision)) notice.appeal_by.reset();
  notice.by = step.by;
  notice.at = step.at;
  Record(c, CaseEventKind::kNoticeGiven, notice.given_on, step, std::string(Code(notice.kind)));
  c.notices.push_back(notice);
  c.stage = CaseStage::kNoticeGiven;
  return {};
}

Result<void> RequestReconsideration(AlnCase& c, const ReconsiderationRequest& request,
                                    const StepContext& step) {
  if (c.stage != CaseStage::kNoticeGiven) return Fail(StageError(c));
  const AlnDecision& decision = *c.LastDecision();
  if (decision.body.body != DecidingBody::kSchool || decision.kind != DecisionKind::kInitial)
    return Fail(Error::Conflict("reconsideration_error_not_school"));
  std::map<std::string, std::string> fields;
  if (Blank(request.requested_by))
    fields.emplace("requested_by", "reconsideration_error_requested_by");
  if (Blank(request.grounds)) fields.emplace("grounds", "reconsideration_error_grounds");
  CheckDate(request.requested_on, c.LastNotice()->sent_on, step, "requested_on",
            "reconsideration_error_before_notice", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  c.reconsideration = request;
  c.reconsideration->requested_by = Trim(request.requested_by);
  c.reconsideration->grounds = Trim(request.grounds);
  // Act s.27: the LA reconsiders, and its decision carries the right of appeal.
  c.responsibility.body = DecidingBody::kLocalAuthority;
  c.responsibility.reason = ResponsibilityReason::kReconsideration;
  c.stage = CaseStage::kReconsideration;
  Record(c, CaseEventKind::kReconsiderationRequested, request.requested_on, step);
  return {};
}

Result<void> StartDisagreement(AlnCase& c, Date started_on, const StepContext& step) {
  if (!StageIn(c, {CaseStage::kNoticeGiven, CaseStage::kReconsideration, CaseStage::kAppeal}))
    return Fail(StageError(c));
  if (!c.disagreements.empty() && !c.disagreements.back().ended_on)
    return Fail(Error::Conflict("disagreement_error_open"));
  std::map<std::string, std::string> fields;
  CheckDate(started_on, c.notices.front().sent_on, step, "started_on",
            "disagreement_error_before_notice", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  DisagreementResolution resolution;
  resolution.started_on = started_on;
  const DecisionNotice* notice = c.LastNotice();
  // ETW Regs reg 14: disagreement resolution begun within the appeal period adds 8 weeks.
  resolution.in_time = notice != nullptr && notice->appeal_by && !(*notice->appeal_by < started_on);
  c.disagreements.push_back(resolution);
  Record(c, CaseEventKind::kDisagreementStarted, started_on, step,
         resolution.in_time ? "in_time" : "");
  return {};
}

Result<void> EndDisagreement(AlnCase& c, std::size_t index, Date ended_on,
                             const std::string& outcome, const StepContext& step) {
  if (index >= c.disagreements.size()) return Fail(Error::NotFound("disagreement_error_not_found"));
  DisagreementResolution& resolution = c.disagreements[index];
  if (resolution.ended_on) return Fail(Error::Conflict("disagreement_error_ended"));
  std::map<std::string, std::string> fields;
  if (Blank(outcome)) fields.emplace("outcome", "disagreement_error_outcome");
  CheckDate(ended_on, resolution.started_on, step, "ended_on", "disagreement_error_end_before",
            fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  resolution.ended_on = ended_on;
  resolution.outcome = Trim(outcome);
  Record(c, CaseEventKind::kDisagreementEnded, ended_on, step);
  return {};
}

Result<void> CheckDecisionSettings(const LaDecisionSettings& settings) {
  std::map<std::string, std::string> fields;
  if (settings.ta_hours_threshold < 1 || settings.ta_hours_threshold > 60)
    fields.emplace("ta_hours_threshold", "decision_settings_error_threshold");
  if (settings.post_working_days < 0 || settings.post_working_days > 10)
    fields.emplace("post_working_days", "decision_settings_error_post_days");
  const std::string email = Trim(settings.service_email);
  if (!email.empty() && !LooksLikeEmail(email))
    fields.emplace("service_email", "decision_settings_error_email");
  if (!fields.empty())
    return Fail(Error::InvalidArgument("decision_settings_error_title", std::move(fields)));
  return {};
}

int AppealWeeks(const AlnCase& c) {
  const DecisionNotice* notice = c.LastNotice();
  for (const auto& resolution : c.disagreements) {
    if (resolution.in_time && notice != nullptr && !(resolution.started_on < notice->sent_on))
      return 16;
  }
  return 8;
}

bool Appealable(const AlnDecision& decision) { return decision.body.body != DecidingBody::kSchool; }

Result<void> LodgeAppeal(AlnCase& c, Date lodged_on, const StepContext& step) {
  if (c.stage != CaseStage::kNoticeGiven) return Fail(StageError(c));
  const DecisionNotice& notice = *c.LastNotice();
  if (!Appealable(c.decisions[notice.decision]))
    return Fail(Error::Conflict("appeal_error_school_decision"));
  std::map<std::string, std::string> fields;
  CheckDate(lodged_on, notice.sent_on, step, "lodged_on", "appeal_error_before_notice", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  TribunalAppeal appeal;
  appeal.lodged_on = lodged_on;
  appeal.late = notice.appeal_by && *notice.appeal_by < lodged_on;
  c.appeal = appeal;
  c.stage = CaseStage::kAppeal;
  Record(c, CaseEventKind::kAppealLodged, lodged_on, step, appeal.late ? "late" : "");
  return {};
}

Result<void> RecordAppealOutcome(AlnCase& c, AppealOutcome outcome, std::optional<Date> hearing_on,
                                 Date decided_on, const StepContext& step) {
  if (c.stage != CaseStage::kAppeal) return Fail(StageError(c));
  if (c.appeal->outcome != AppealOutcome::kPending)
    return Fail(Error::Conflict("appeal_error_decided"));
  std::map<std::string, std::string> fields;
  if (outcome == AppealOutcome::kPending) fields.emplace("outcome", "appeal_error_outcome");
  if (hearing_on && *hearing_on < c.appeal->lodged_on)
    fields.emplace("hearing_on", "appeal_error_before_lodged");
  CheckDate(decided_on, c.appeal->lodged_on, step, "decided_on", "appeal_error_before_lodged",
            fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  c.appeal->outcome = outcome;
  c.appeal->hearing_on = hearing_on;
  c.appeal->decided_on = decided_on;
  if (outcome == AppealOutcome::kDismissed || outcome == AppealOutcome::kWithdrawn)
    c.stage = CaseStage::kClosed;
  Record(c, CaseEventKind::kAppealDecided, decided_on, step, std::string(Code(outcome)));
  return {};
}

Result<void> AddOrder(AlnCase& c, const TribunalOrder& order, const StepContext& step) {
  if (c.stage != CaseStage::kAppeal) return Fail(StageError(c));
  const AppealOutcome outcome = c.appeal->outcome;
  if (outcome != AppealOutcome::kUpheld && outcome != AppealOutcome::kPartlyUpheld &&
      outcome != AppealOutcome::kConceded) {
    return Fail(Error::Conflict("order_error_no_outcome"));
  }
  std::map<std::string, std::string> fields;
  if (Blank(order.description)) fields.emplace("description", "order_error_description");
  CheckDate(order.made_on, c.appeal->lodged_on, step, "made_on", "appeal_error_before_lodged",
            fields);
  if (!(order.made_on < order.comply_by)) fields.emplace("comply_by", "order_error_comply_by");
  if (!fields.empty()) return Invalid(std::move(fields));
  TribunalOrder stored = order;
  stored.description = Trim(order.description);
  stored.complied_on.reset();
  c.appeal->orders.push_back(stored);
  Record(c, CaseEventKind::kOrderMade, order.made_on, step);
  return {};
}

Result<void> CloseAppeal(AlnCase& c, Date on, const StepContext& step) {
  if (c.stage != CaseStage::kAppeal) return Fail(StageError(c));
  if (c.appeal->outcome == AppealOutcome::kPending)
    return Fail(Error::Conflict("appeal_error_not_decided"));
  const bool outstanding =
      std::any_of(c.appeal->orders.begin(), c.appeal->orders.end(),
                  [](const TribunalOrder& o) { return !o.complied_on.has_value(); });
  if (outstanding) return Fail(Error::Conflict("appeal_error_orders_outstanding"));
  std::map<std::string, std::string> fields;
  CheckDate(on, *c.appeal->decided_on, step, "closed_on", "appeal_error_before_decided", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  c.stage = CaseStage::kClosed;
  Record(c, CaseEventKind::kAppealClosed, on, step);
  return {};
}

Result<void> CompleteOrder(AlnCase& c, std::size_t index, Date complied_on,
                           const StepContext& step) {
  if (c.stage != CaseStage::kAppeal) return Fail(StageError(c));
  if (index >= c.appeal->orders.size()) return Fail(Error::NotFound("order_error_not_found"));
  TribunalOrder& order = c.appeal->orders[index];
  if (order.complied_on) return Fail(Error::Conflict("order_error_complied"));
  std::map<std::string, std::string> fields;
  CheckDate(complied_on, order.made_on, step, "complied_on", "order_error_before_made", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  order.complied_on = complied_on;
  Record(c, CaseEventKind::kOrderComplied, complied_on, step);
  const bool all_done =
      std::all_of(c.appeal->orders.begin(), c.appeal->orders.end(),
                  [](const TribunalOrder& o) { return o.complied_on.has_value(); });
  if (all_done) c.stage = CaseStage::kClosed;
  return {};
}

void NotePanelDecision(AlnCase& aln_case, std::string_view outcome, Date on,
                       const StepContext& step) {
  Record(aln_case, CaseEventKind::kPanelDecided, on, step, std::string(outcome));
}

}  // namespace cynnal::domain
