#include "app/aln_cases.h"

#include <algorithm>
#include <set>

#include "domain/access_policy.h"
#include "domain/text.h"

namespace cynnal::app {
namespace {

using domain::AlnCase;
using domain::CaseAction;
using domain::Date;
using domain::Error;
using Fields = std::map<std::string, std::string>;

struct Loaded {
  AlnCase aln_case;
  domain::Learner learner;
};

Result<Loaded> LoadCase(UnitOfWork& tx, const Actor& actor, domain::AlnCaseId id, CaseAction action,
                        Date today) {
  auto found = tx.Cases().Get(id);
  if (!found) return Error::NotFound("case_error_not_found");
  auto learner = tx.Learners().Get(found->learner);
  if (!learner) return Error::NotFound("case_error_not_found");
  if (!domain::MayAccessCase(actor.user, action, *learner, today))
    return Error::Forbidden("forbidden");
  return Loaded{std::move(*found), std::move(*learner)};
}

// A stale or missing version means the actor acted on an old page.
Status CheckVersion(const AlnCase& c, const std::string& version) {
  auto seen = domain::ParseWholeNumber(domain::Trim(version));
  if (!seen || *seen != c.version) return Error::Conflict("case_error_conflict");
  return domain::Ok();
}

std::optional<Date> DateField(const DateParts& parts, const std::string& field, Fields& fields,
                              bool required = true) {
  if (parts.Empty()) {
    if (required) fields.emplace(field, "case_error_date_missing");
    return std::nullopt;
  }
  auto date = domain::DateFromParts(parts.day, parts.month, parts.year);
  if (!date) fields.emplace(field, "case_error_date_invalid");
  return date;
}

domain::StepContext StepOf(Services& services, const Actor& actor) {
  return {actor.user.id, services.clock.Now(), services.clock.Today()};
}

Status Audit(UnitOfWork& tx, const Actor& actor, domain::AuditAction action,
             const domain::Learner& learner, Services& services, const AlnCase& c,
             const std::string& step) {
  return tx.Audit().Append(AuditFor(actor, action, learner, services.clock.Now(),
                                    "case id=" + std::to_string(c.id.value()) + " " + step));
}

Status SaveStep(UnitOfWork& tx, Services& services, const Actor& actor, const Loaded& loaded,
                const std::string& step) {
  if (auto ok = tx.Cases().Update(loaded.aln_case); !ok) return ok;
  if (auto ok = Audit(tx, actor, domain::AuditAction::kUpdate, loaded.learner, services,
                      loaded.aln_case, step);
      !ok)
    return ok;
  return tx.Commit();
}

// Adds the step's field errors to `fields` (keeping the first message per field) or passes on a
// conflict or refusal as it is.
Status Merge(const Result<void>& step, Fields& fields) {
  if (step) return domain::Ok();
  if (step.error().code != domain::ErrorCode::kInvalidArgument || step.error().fields.empty())
    return step;
  for (const auto& [field, message] : step.error().fields) fields.emplace(field, message);
  return domain::Ok();
}

Status Invalid(Fields fields) {
  return Error::InvalidArgument("case_error_title", std::move(fields));
}

// The decision clock of the body now responsible.
domain::StatutoryClock DutyClockFor(UnitOfWork& tx, const AlnCase& c, Date start,
                                    domain::ClockEvent event, const std::string& timescale_code,
                                    Services& services, const Actor& actor) {
  domain::StatutoryClock clock;
  clock.local_authority = c.responsibility.local_authority;
  clock.learner = c.learner;
  clock.timescale = timescale_code;
  const domain::Timescale* timescale = domain::FindTimescale(timescale_code);
  clock.count = domain::CountFor(
      *timescale, tx.Calendars().GetLocalTimescales(c.responsibility.local_authority));
  if (domain::NeedsSchoolCalendar(*timescale)) clock.calendar_setting = c.responsibility.setting;
  clock.start_event = event;
  clock.started_on = start;
  clock.reference = "ALN case " + std::to_string(c.id.value());
  clock.aln_case = c.id;
  clock.started_by = actor.user.id;
  clock.started_at = services.clock.Now();
  return clock;
}

std::string DecisionTimescale(const AlnCase& c) {
  if (c.stage == domain::CaseStage::kAwaitingTriage) return "la-decision";
  switch (c.responsibility.body) {
    case domain::DecidingBody::kSchool:
      return "school-decision";
    case domain::DecidingBody::kFei:
      return "fei-decision";
    case domain::DecidingBody::kLocalAuthority:
      break;
  }
  return "la-decision";
}

Status StartDuty(UnitOfWork& tx, AlnCase& c, Date start, domain::ClockEvent event,
                 const std::string& timescale, Services& services, const Actor& actor,
                 const std::string& field) {
  auto id = StartClockIn(tx, DutyClockFor(tx, c, start, event, timescale, services, actor), field);
  if (!id) return id.error();
  c.duty_clock = *id;
  return domain::Ok();
}

Status StopDuty(UnitOfWork& tx, AlnCase& c, Date on, const std::string& note, Date today) {
  if (!c.duty_clock) return domain::Ok();
  auto ok = StopClockIn(tx, *c.duty_clock, on, note, today);
  c.duty_clock.reset();
  return ok;
}

std::vector<domain::Setting> SettingsOf(UnitOfWork& tx, const domain::Learner& learner) {
  std::vector<domain::Setting> out;
  std::set<domain::SettingId> seen;
  for (const auto& r : learner.registrations) {
    if (!seen.insert(r.setting).second) continue;
    if (auto s = tx.Settings().Get(r.setting)) out.push_back(*s);
  }
  return out;
}

void AddNames(UnitOfWork& tx, const domain::Responsibility& r,
              std::map<domain::SettingId, domain::Setting>& settings,
              std::map<domain::LocalAuthorityId, domain::LocalAuthority>& authorities) {
  if (r.setting && !settings.count(*r.setting)) {
    if (auto s = tx.Settings().Get(*r.setting)) settings.emplace(s->id, *s);
  }
  if (!authorities.count(r.local_authority)) {
    if (auto la = tx.LocalAuthorities().Get(r.local_authority)) authorities.emplace(la->id, *la);
  }
}

// Whether the actor acts for the body now responsible; during triage, for the LA.
bool ActsForCase(const Actor& actor, const AlnCase& c) {
  if (c.stage == domain::CaseStage::kAwaitingTriage)
    return domain::MayActForLa(actor.user, c.responsibility.local_authority);
  return domain::MayActForBody(actor.user, c.responsibility.body, c.responsibility.local_authority,
                               c.responsibility.setting);
}

// The LA that receives requests and appeals: the deciding LA, or the school's maintaining LA.
bool ActsForCaseLa(const Actor& actor, const AlnCase& c) {
  return domain::MayActForLa(actor.user, c.responsibility.local_authority) ||
         domain::MayActForLa(actor.user, c.local_authority);
}

template <typename E, typename Parse>
std::set<E> ParseSet(const std::vector<std::string>& codes, Parse parse, const std::string& field,
                     const std::string& message, Fields& fields) {
  std::set<E> out;
  for (const auto& code : codes) {
    if (code.empty()) continue;
    auto value = parse(code);
    if (!value) {
      fields.emplace(field, message);
      continue;
    }
    out.insert(*value);
  }
  return out;
}

// The decision as typed, checked by the domain against the case (on a copy).
struct BuiltDecision {
  Loaded loaded;
  domain::AlnDecision decision;
  domain::LaDecisionSettings settings;
};
Result<BuiltDecision> BuildDecision(UnitOfWork& tx, Services& services, const Actor& actor,
                                    domain::AlnCaseId id, const DecisionInput& in) {
  const Date today = services.clock.Today();
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCase(actor, c)) return Error::Forbidden("case_error_not_responsible");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok.error();
  Fields fields;
  domain::AlnDecision d;
  d.body = c.responsibility;
  auto& t = d.test;
  t.greater_difficulty = domain::AnswerFromCode(in.greater_difficulty);
  t.greater_difficulty_evidence = domain::Trim(in.greater_difficulty_evidence);
  t.disability = domain::AnswerFromCode(in.disability);
  t.disability_evidence = domain::Trim(in.disability_evidence);
  t.evidence = ParseSet<domain::EvidenceKind>(in.evidence, domain::EvidenceKindFromCode, "evidence",
                                              "test_error_evidence_unknown", fields);
  t.progress =
      ParseSet<domain::ProgressIndicator>(in.progress, domain::ProgressIndicatorFromCode,
                                          "progress", "test_error_progress_unknown", fields);
  t.language_only = domain::AnswerFromCode(in.language_only);
  t.calls_for_alp = domain::AnswerFromCode(in.calls_for_alp);
  t.alp = domain::Trim(in.alp);
  t.areas = ParseSet<domain::AreaOfNeed>(in.areas, domain::AreaOfNeedFromCode, "areas",
                                         "test_error_area_unknown", fields);
  for (const auto& type : in.types)
    if (!type.empty()) t.types.insert(type);
  domain::MaintainerAssessment assessment;
  assessment.low_incidence = in.low_incidence;
  assessment.regular_external_advice = in.regular_external_advice;
  assessment.individual_equipment = in.individual_equipment;
  assessment.specialist_placement = in.specialist_placement;
  auto hours = domain::ParseTaHours(in.ta_hours);
  if (!hours) {
    fields.emplace("ta_hours", "maintainer_error_ta_hours");
  } else {
    assessment.ta_hours_per_week = *hours;
  }
  d.assessment = assessment;
  auto decided = DateField(in.decided_on, "decided_on", fields);
  if (decided) d.decided_on = *decided;
  d.summary = in.summary;
  if (d.summary.size() > 5000) fields.emplace("summary", "case_error_text_long");
  const auto settings = tx.Cases().GetDecisionSettings(c.responsibility.local_authority);
  // Run the domain's checks even with field errors so that every problem is shown at once.
  AlnCase trial = c;
  if (!decided) d.decided_on = today;
  auto step =
      domain::RecordDecision(trial, d, settings.ta_hours_threshold, StepOf(services, actor));
  if (auto ok = Merge(step, fields); !ok) return ok.error();
  if (!fields.empty()) return Invalid(std::move(fields)).error();
  return BuiltDecision{std::move(*loaded), trial.decisions.back(), settings};
}

std::string SafeFilename(const std::string& name) {
  std::string base =
      name.substr(name.find_last_of("/\\") == std::string::npos ? 0 : name.find_last_of("/\\") + 1);
  std::string out;
  for (char ch : base) {
    const unsigned char u = static_cast<unsigned char>(ch);
    out += (u < 0x20 || ch == '"' || ch == ';') ? '_' : ch;
  }
  if (out.size() > 200) out = out.substr(out.size() - 200);
  return out.empty() ? "document" : out;
}

Result<CaseDocument> CheckUpload(const UploadedFile& file, const std::string& field) {
  if (file.bytes.empty())
    return Error::InvalidArgument("case_error_title", {{field, "document_error_empty"}});
  if (file.bytes.size() > kMaxDocumentBytes)
    return Error::InvalidArgument("case_error_title", {{field, "document_error_too_big"}});
  const std::string type = AcceptedDocumentType(file.filename, file.bytes);
  if (type.empty())
    return Error::InvalidArgument("case_error_title", {{field, "document_error_type"}});
  CaseDocument doc;
  doc.filename = SafeFilename(file.filename);
  doc.content_type = type;
  doc.size = static_cast<std::int64_t>(file.bytes.size());
  doc.bytes = file.bytes;
  return doc;
}

}  // namespace

std::string AcceptedDocumentType(const std::string& filename, const std::string& bytes) {
  struct Kind {
    const char* extension;
    const char* content_type;
    std::string_view magic;  // the file's first bytes; empty for text
  };
  static const std::vector<Kind> kKinds = {
      {"pdf", "application/pdf", "%PDF-"},
      {"doc", "application/msword", std::string_view("\xD0\xCF\x11\xE0", 4)},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       std::string_view("PK\x03\x04", 4)},
      {"odt", "application/vnd.oasis.opendocument.text", std::string_view("PK\x03\x04", 4)},
      {"txt", "text/plain; charset=utf-8", ""},
      {"jpg", "image/jpeg", std::string_view("\xFF\xD8\xFF", 3)},
      {"jpeg", "image/jpeg", std::string_view("\xFF\xD8\xFF", 3)},
      {"png", "image/png", std::string_view("\x89PNG\r\n\x1A\n", 8)},
  };
  const auto dot = filename.find_last_of('.');
  if (dot == std::string::npos) return "";
  std::string ext = filename.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  for (const Kind& kind : kKinds) {
    if (ext != kind.extension) continue;
    if (kind.magic.empty()) {
      // Text: valid UTF-8 with no NUL bytes.
      if (bytes.find('\0') != std::string::npos || !domain::IsValidUtf8(bytes)) return "";
      return kind.content_type;
    }
    return bytes.compare(0, kind.magic.size(), kind.magic) == 0 ? kind.content_type : "";
  }
  return "";
}

Result<ConcernFormView> ConcernForm(Services& services, const Actor& actor,
                                    domain::LearnerId learner_id) {
  ConcernFormView view;
  view.today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = tx.Learners().Get(learner_id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessCase(actor.user, CaseAction::kRaise, *learner, view.today))
    return Error::Forbidden("forbidden");
  view.learner = *learner;
  const auto settings = SettingsOf(tx, *learner);
  view.responsibility = domain::WhoDecides(*learner, settings, view.today);
  AddNames(tx, view.responsibility, view.settings, view.authorities);
  view.young_person = domain::IsYoungPerson(*learner, view.today);
  return view;
}

Result<domain::AlnCaseId> RaiseConcern(Services& services, const Actor& actor,
                                       domain::LearnerId learner_id, const RaiseConcernInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = tx.Learners().Get(learner_id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessCase(actor.user, CaseAction::kRaise, *learner, today))
    return Error::Forbidden("forbidden");

  Fields fields;
  domain::Concern concern;
  auto source = domain::ConcernSourceFromCode(in.source);
  if (!source) fields.emplace("source", "concern_error_source");
  if (source) concern.source = *source;
  concern.raised_by = in.raised_by;
  if (in.brought_to != "school" && in.brought_to != "la")
    fields.emplace("brought_to", "concern_error_brought_to");
  concern.to_la = in.brought_to == "la";
  concern.description = domain::Trim(in.description);
  if (concern.description.size() > 5000) fields.emplace("description", "case_error_text_long");
  auto brought = DateField(in.brought_on, "brought_on", fields);
  concern.brought_on = brought.value_or(today);
  concern.consent = domain::AnswerFromCode(in.consent);
  concern.consent_on = DateField(in.consent_on, "consent_on", fields, false);
  std::optional<CaseDocument> document;
  if (!in.document.Empty()) {
    auto checked = CheckUpload(in.document, "document");
    if (!checked) {
      for (const auto& [f, m] : checked.error().fields) fields.emplace(f, m);
    } else {
      document = std::move(*checked);
    }
  }
  const auto settings = SettingsOf(tx, *learner);
  const auto responsibility = domain::WhoDecides(*learner, settings, concern.brought_on);
  const auto step = StepOf(services, actor);
  auto opened = domain::OpenCase(*learner, concern, responsibility, step);
  if (!opened) {
    if (opened.error().fields.empty()) return opened.error();
    for (const auto& [f, m] : opened.error().fields) fields.emplace(f, m);
  }
  if (!brought) fields.erase("date");
  if (!fields.empty()) return Error::InvalidArgument("concern_error_title", std::move(fields));

  AlnCase c = std::move(*opened);
  auto id = tx.Cases().Add(c);
  if (!id) return id.error();
  c.id = *id;
  if (document) {
    document->aln_case = c.id;
    document->uploaded_by = actor.user.id;
    document->uploaded_at = step.at;
    auto doc_id = tx.Cases().AddDocument(*document);
    if (!doc_id) return doc_id.error();
    c.timeline.push_back(
        {domain::CaseEventKind::kDocumentAdded, today, actor.user.id, step.at, document->filename});
  }
  if (c.stage != domain::CaseStage::kClosed) {
    if (auto ok = StartDuty(tx, c, c.DutyStartsOn(), domain::ClockEvent::kConcernRaised,
                            DecisionTimescale(c), services, actor, "brought_on");
        !ok)
      return ok.error();
  }
  if (auto ok = tx.Cases().Update(c); !ok) return ok.error();
  if (auto ok =
          Audit(tx, actor, domain::AuditAction::kCreate, *learner, services, c, "concern raised");
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return c.id;
}

Result<CaseView> ViewCase(Services& services, const Actor& actor, domain::AlnCaseId id) {
  CaseView view;
  view.today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kViewStatus, view.today);
  if (!loaded) return loaded.error();
  view.aln_case = loaded->aln_case;
  view.learner = loaded->learner;
  const AlnCase& c = view.aln_case;
  view.may_view_detail =
      domain::MayAccessCase(actor.user, CaseAction::kView, view.learner, view.today);
  view.may_act = view.may_view_detail && ActsForCase(actor, c);
  view.may_act_la = view.may_view_detail && ActsForCaseLa(actor, c);
  view.young_person = domain::IsYoungPerson(view.learner, view.today);
  AddNames(tx, c.responsibility, view.settings, view.authorities);
  for (const auto& d : c.decisions) AddNames(tx, d.body, view.settings, view.authorities);
  if (auto la = tx.LocalAuthorities().Get(c.local_authority)) view.authorities.emplace(la->id, *la);
  std::set<domain::UserId> people;
  for (const auto& e : c.timeline) people.insert(e.by);
  for (auto user_id : people) {
    if (auto user = tx.Users().Get(user_id)) view.people[user_id] = user->display_name;
  }
  std::vector<domain::StatutoryClock> clocks;
  for (const auto& clock : tx.Clocks().ListForLearner(c.learner)) {
    if (clock.aln_case == c.id) clocks.push_back(clock);
  }
  view.clocks = SummariseClocks(tx, clocks, view.today);
  if (view.may_view_detail) view.documents = tx.Cases().ListDocuments(c.id);
  view.decision_settings = tx.Cases().GetDecisionSettings(c.responsibility.local_authority);
  if (auto ok = Audit(tx, actor, domain::AuditAction::kView, view.learner, services, c, "view");
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Result<std::vector<AlnCase>> LearnerCases(Services& services, const Actor& actor,
                                          domain::LearnerId learner_id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = tx.Learners().Get(learner_id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessCase(actor.user, CaseAction::kViewStatus, *learner, today))
    return Error::Forbidden("forbidden");
  return tx.Cases().ListForLearner(learner_id);
}

Status Triage(Services& services, const Actor& actor, domain::AlnCaseId id, const TriageInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCase(actor, c)) return Error::Forbidden("case_error_not_responsible");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  if (in.choice != "take_on" && in.choice != "send_back")
    fields.emplace("choice", "triage_error_choice");
  auto on = DateField(in.on, "on", fields);
  const auto step = StepOf(services, actor);
  if (in.choice == "send_back") {
    if (auto ok = Merge(domain::SendBack(c, in.reasons, on.value_or(today), step), fields); !ok)
      return ok;
    if (!fields.empty()) return Invalid(std::move(fields));
    // The LA's clock stops; the school's 35 school days start on the day it is told.
    if (auto ok = StopDuty(tx, c, *on, "Sent back to the school", today); !ok) return ok;
    if (auto ok = StartDuty(tx, c, c.DutyStartsOn(), domain::ClockEvent::kReferralReceived,
                            DecisionTimescale(c), services, actor, "on");
        !ok)
      return ok;
  } else if (in.choice == "take_on") {
    if (auto ok = Merge(domain::TakeOn(c, on.value_or(today), step), fields); !ok) return ok;
    if (!fields.empty()) return Invalid(std::move(fields));
  } else {
    return Invalid(std::move(fields));
  }
  return SaveStep(tx, services, actor, *loaded, "triage " + in.choice);
}

Status ReferToLa(Services& services, const Actor& actor, domain::AlnCaseId id,
                 const ReferralInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCase(actor, c)) return Error::Forbidden("case_error_not_responsible");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  domain::Referral referral;
  auto ground = domain::ReferralGroundFromCode(in.ground);
  if (!ground) fields.emplace("ground", "referral_error_ground");
  if (ground) referral.ground = *ground;
  referral.evidence = in.evidence;
  auto apparent = DateField(in.need_apparent_on, "need_apparent_on", fields);
  auto referred = DateField(in.referred_on, "referred_on", fields);
  referral.need_apparent_on = apparent.value_or(today);
  referral.referred_on = referred.value_or(today);
  const domain::Responsibility school = c.responsibility;
  if (auto ok = Merge(domain::Refer(c, referral, StepOf(services, actor)), fields); !ok) return ok;
  if (!apparent || !referred) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  if (auto ok = StopDuty(tx, c, referral.referred_on, "Referred to the LA", today); !ok) return ok;
  // The local guideline: a school refers within 20 school days of the need becoming apparent.
  AlnCase as_school = c;
  as_school.responsibility = school;
  auto guideline = StartClockIn(
      tx,
      DutyClockFor(tx, as_school, referral.need_apparent_on, domain::ClockEvent::kConcernRaised,
                   "school-referral", services, actor),
      "need_apparent_on");
  // A local guideline, not a statutory period: when the school's calendar does not reach back to
  // the day the need became apparent, the referral stands without it.
  if (guideline) {
    if (auto ok = StopClockIn(tx, *guideline, referral.referred_on, "Referred to the LA", today);
        !ok)
      return ok;
  } else if (guideline.error().code != domain::ErrorCode::kInvalidArgument) {
    return guideline.error();
  }
  if (auto ok = StartDuty(tx, c, referral.referred_on, domain::ClockEvent::kReferralReceived,
                          "la-decision", services, actor, "referred_on");
      !ok)
    return ok;
  return SaveStep(tx, services, actor, *loaded, "referred ground=" + in.ground);
}

Status RecordDutyException(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const ExceptionInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCase(actor, c)) return Error::Forbidden("case_error_not_responsible");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  domain::DutyException exception;
  auto kind = domain::DutyExceptionKindFromCode(in.kind);
  if (!kind) fields.emplace("kind", "exception_error_kind");
  if (kind) exception.kind = *kind;
  exception.reasons = in.reasons;
  auto on = DateField(in.on, "on", fields);
  exception.on = on.value_or(today);
  exception.previous_decision_on =
      DateField(in.previous_decision_on, "previous_decision_on", fields, false);
  if (kind) {
    if (auto ok =
            Merge(domain::RecordException(c, loaded->learner, exception, StepOf(services, actor)),
                  fields);
        !ok)
      return ok;
  }
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  if (auto ok = StopDuty(tx, c, exception.on, "Exception to the duty to decide: " + in.kind, today);
      !ok)
    return ok;
  return SaveStep(tx, services, actor, *loaded, "exception " + in.kind);
}

Result<DecisionPreview> PreviewDecision(Services& services, const Actor& actor,
                                        domain::AlnCaseId id, const DecisionInput& input) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto built = BuildDecision(**uow, services, actor, id, input);
  if (!built) return built.error();
  return DecisionPreview{built->decision, built->settings};
}

Status RecordAlnDecision(Services& services, const Actor& actor, domain::AlnCaseId id,
                         const DecisionInput& input) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto built = BuildDecision(tx, services, actor, id, input);
  if (!built) return built.error();
  AlnCase& c = built->loaded.aln_case;
  if (auto ok = domain::RecordDecision(c, built->decision, built->settings.ta_hours_threshold,
                                       StepOf(services, actor));
      !ok)
    return ok;
  return SaveStep(tx, services, actor, built->loaded,
                  std::string("decided ") + (c.decisions.back().has_aln ? "has_aln" : "no_aln"));
}

Status GiveNotice(Services& services, const Actor& actor, domain::AlnCaseId id,
                  const NoticeInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  const domain::AlnDecision* decision = c.LastDecision();
  const bool awaiting = c.stage == domain::CaseStage::kAwaitingNotice;
  const domain::Responsibility body = awaiting && decision ? decision->body : c.responsibility;
  if (!domain::MayActForBody(actor.user, body.body, body.local_authority, body.setting))
    return Error::Forbidden("case_error_not_responsible");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  domain::DecisionNotice notice;
  auto method = domain::NoticeMethodFromCode(in.method);
  if (!method) fields.emplace("method", "notice_error_method");
  if (method) notice.method = *method;
  auto sent = DateField(in.sent_on, "sent_on", fields);
  notice.sent_on = sent.value_or(today);
  notice.language =
      in.language.empty()
          ? loaded->learner.letter_language
          : domain::LetterLanguageFromCode(in.language).value_or(loaded->learner.letter_language);
  if (!in.language.empty() && !domain::LetterLanguageFromCode(in.language))
    fields.emplace("language", "notice_error_language");
  if (!fields.empty() && decision == nullptr) return Invalid(std::move(fields));
  auto calendar = CalendarFor(tx, nullptr, body.local_authority);
  if (!calendar) return calendar.error();
  const auto settings = tx.Cases().GetDecisionSettings(body.local_authority);
  notice.given_on = domain::GivenOn(notice.method, notice.sent_on, settings.post_working_days,
                                    [&](Date d) { return calendar->IsWorkingDay(d); });
  if (decision != nullptr && domain::Appealable(*decision)) {
    auto due = domain::DueDate(*domain::FindTimescale("tribunal-appeal"), domain::AppealWeeks(c),
                               notice.given_on, *calendar);
    if (!due) return due.error();
    notice.appeal_by = *due;
  }
  if (auto ok = Merge(domain::RecordNotice(c, notice, StepOf(services, actor)), fields); !ok)
    return ok;
  if (!sent) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  if (auto ok = StopDuty(tx, c, c.notices.back().given_on, "Notice given", today); !ok) return ok;
  return SaveStep(tx, services, actor, *loaded,
                  "notice " + std::string(domain::Code(c.notices.back().kind)) + " " + in.method);
}

Result<NoticeDocumentData> NoticeDocument(Services& services, const Actor& actor,
                                          domain::AlnCaseId id, int number) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  const AlnCase& c = loaded->aln_case;
  NoticeDocumentData data;
  if (number == 0) {
    if (c.stage != domain::CaseStage::kAwaitingNotice)
      return Error::NotFound("notice_error_not_found");
    data.draft = true;
    data.decision = c.decisions.back();
    data.notice.decision = static_cast<int>(c.decisions.size()) - 1;
    data.notice.kind =
        data.decision.has_aln ? domain::NoticeKind::kIdp : domain::NoticeKind::kNoIdp;
    data.notice.sent_on = today;
    data.notice.given_on = today;
    data.notice.language = loaded->learner.letter_language;
    if (domain::Appealable(data.decision)) {
      auto calendar = CalendarFor(tx, nullptr, data.decision.body.local_authority);
      if (!calendar) return calendar.error();
      auto due = domain::DueDate(*domain::FindTimescale("tribunal-appeal"), 8, today, *calendar);
      if (due) data.notice.appeal_by = *due;
    }
  } else {
    if (number < 1 || number > static_cast<int>(c.notices.size()))
      return Error::NotFound("notice_error_not_found");
    data.notice = c.notices[number - 1];
    data.decision = c.decisions.at(data.notice.decision);
  }
  data.aln_case = c;
  data.learner = loaded->learner;
  data.young_person = domain::IsYoungPerson(data.learner, data.notice.sent_on);
  const auto& body = data.decision.body;
  if (body.body != domain::DecidingBody::kLocalAuthority && body.setting) {
    if (auto s = tx.Settings().Get(*body.setting)) data.body_name_en = data.body_name_cy = s->name;
  }
  if (auto la = tx.LocalAuthorities().Get(body.local_authority)) {
    data.la_name_en = la->name_en;
    data.la_name_cy = la->name_cy;
    if (data.body_name_en.empty()) {
      data.body_name_en = la->name_en;
      data.body_name_cy = la->name_cy;
    }
  }
  if (auto user = tx.Users().Get(data.decision.by)) data.issued_by = user->display_name;
  data.settings = tx.Cases().GetDecisionSettings(body.local_authority);
  if (data.young_person) {
    data.recipients.push_back(data.learner.DisplayName());
  } else {
    std::vector<domain::FamilyMemberId> ids;
    for (const auto& link : data.learner.family)
      if (link.parental_responsibility) ids.push_back(link.member);
    for (const auto& member : tx.Families().GetMany(ids))
      data.recipients.push_back(member.full_name);
  }
  if (auto ok = tx.Audit().Append(AuditFor(
          actor, domain::AuditAction::kExport, data.learner, services.clock.Now(),
          "case id=" + std::to_string(c.id.value()) + " notice " + std::to_string(number)));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return data;
}

Status RequestLaReconsideration(Services& services, const Actor& actor, domain::AlnCaseId id,
                                const ReconsiderationInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  domain::ReconsiderationRequest request;
  request.requested_by = in.requested_by;
  request.grounds = in.grounds;
  auto on = DateField(in.requested_on, "requested_on", fields);
  request.requested_on = on.value_or(today);
  if (auto ok = Merge(domain::RequestReconsideration(c, request, StepOf(services, actor)), fields);
      !ok)
    return ok;
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  // Act s.27 (council guidance): the LA reconsiders within 7 weeks of the request.
  if (auto ok = StartDuty(tx, c, request.requested_on, domain::ClockEvent::kRequestMade,
                          "la-reconsideration", services, actor, "requested_on");
      !ok)
    return ok;
  return SaveStep(tx, services, actor, *loaded, "reconsideration requested");
}

Status StartDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                   const DisagreementInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  auto on = DateField(in.started_on, "started_on", fields);
  if (auto ok =
          Merge(domain::StartDisagreement(c, on.value_or(today), StepOf(services, actor)), fields);
      !ok)
    return ok;
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  // ETW Regs reg 14: begun in time, disagreement resolution gives the family 8 more weeks.
  if (c.disagreements.back().in_time && !c.notices.empty() && c.notices.back().appeal_by) {
    auto calendar = CalendarFor(tx, nullptr, c.decisions.back().body.local_authority);
    if (!calendar) return calendar.error();
    auto due = domain::DueDate(*domain::FindTimescale("tribunal-appeal"), domain::AppealWeeks(c),
                               c.notices.back().given_on, *calendar);
    if (!due) return due.error();
    c.notices.back().appeal_by = *due;
  }
  return SaveStep(tx, services, actor, *loaded, "disagreement resolution started");
}

Status EndDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                 const DisagreementInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  if (c.disagreements.empty()) return Error::Conflict("disagreement_error_not_found");
  Fields fields;
  auto on = DateField(in.ended_on, "ended_on", fields);
  if (auto ok = Merge(domain::EndDisagreement(c, c.disagreements.size() - 1, on.value_or(today),
                                              in.outcome, StepOf(services, actor)),
                      fields);
      !ok)
    return ok;
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  return SaveStep(tx, services, actor, *loaded, "disagreement resolution ended");
}

Status LodgeTribunalAppeal(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const AppealInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  auto on = DateField(in.lodged_on, "lodged_on", fields);
  if (auto ok = Merge(domain::LodgeAppeal(c, on.value_or(today), StepOf(services, actor)), fields);
      !ok)
    return ok;
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  return SaveStep(tx, services, actor, *loaded, "appeal lodged");
}

Status RecordTribunalOutcome(Services& services, const Actor& actor, domain::AlnCaseId id,
                             const AppealOutcomeInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  auto outcome = domain::AppealOutcomeFromCode(in.outcome);
  if (!outcome || *outcome == domain::AppealOutcome::kPending)
    fields.emplace("outcome", "appeal_error_outcome");
  auto hearing = DateField(in.hearing_on, "hearing_on", fields, false);
  auto decided = DateField(in.decided_on, "decided_on", fields);
  if (outcome) {
    if (auto ok = Merge(domain::RecordAppealOutcome(c, *outcome, hearing, decided.value_or(today),
                                                    StepOf(services, actor)),
                        fields);
        !ok)
      return ok;
  }
  if (!decided) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  return SaveStep(tx, services, actor, *loaded, "appeal outcome " + in.outcome);
}

Status AddTribunalOrder(Services& services, const Actor& actor, domain::AlnCaseId id,
                        const OrderInput& in) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, in.version); !ok) return ok;
  Fields fields;
  domain::TribunalOrder order;
  order.description = in.description;
  if (domain::Trim(in.description).size() > 2000)
    fields.emplace("description", "case_error_text_long");
  auto made = DateField(in.made_on, "made_on", fields);
  auto comply = DateField(in.comply_by, "comply_by", fields);
  order.made_on = made.value_or(today);
  order.comply_by = comply.value_or(domain::AddDays(today, 1));
  if (auto ok = Merge(domain::AddOrder(c, order, StepOf(services, actor)), fields); !ok) return ok;
  if (!made || !comply) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  // The order's compliance date, on a clock that stops when it is complied with.
  domain::StatutoryClock clock = DutyClockFor(
      tx, c, order.made_on, domain::ClockEvent::kNoticeGiven, "tribunal-order", services, actor);
  clock.count = domain::DaysBetween(order.made_on, order.comply_by);
  clock.local_authority = c.decisions.empty() ? c.responsibility.local_authority
                                              : c.decisions.back().body.local_authority;
  clock.calendar_setting.reset();
  auto clock_id = StartClockIn(tx, clock, "comply_by");
  if (!clock_id) return clock_id.error();
  c.appeal->orders.back().clock = *clock_id;
  return SaveStep(tx, services, actor, *loaded, "order added");
}

Status CompleteTribunalOrder(Services& services, const Actor& actor, domain::AlnCaseId id,
                             int number, const DateParts& complied_on, const std::string& version) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, version); !ok) return ok;
  if (!c.appeal || number < 1 || number > static_cast<int>(c.appeal->orders.size()))
    return Error::NotFound("order_error_not_found");
  Fields fields;
  auto on = DateField(complied_on, "complied_on", fields);
  const std::size_t index = static_cast<std::size_t>(number - 1);
  if (auto ok = Merge(domain::CompleteOrder(c, index, on.value_or(today), StepOf(services, actor)),
                      fields);
      !ok)
    return ok;
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  if (const auto& clock = c.appeal->orders[index].clock) {
    if (auto ok = StopClockIn(tx, *clock, *on, "Order complied with", today); !ok) return ok;
  }
  return SaveStep(tx, services, actor, *loaded, "order complied " + std::to_string(number));
}

Status CloseTribunalAppeal(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const DateParts& closed_on, const std::string& version) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  AlnCase& c = loaded->aln_case;
  if (!ActsForCaseLa(actor, c)) return Error::Forbidden("case_error_not_la");
  if (auto ok = CheckVersion(c, version); !ok) return ok;
  Fields fields;
  auto on = DateField(closed_on, "closed_on", fields);
  if (auto ok = Merge(domain::CloseAppeal(c, on.value_or(today), StepOf(services, actor)), fields);
      !ok)
    return ok;
  if (!on) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  return SaveStep(tx, services, actor, *loaded, "appeal closed");
}

Status AddCaseDocument(Services& services, const Actor& actor, domain::AlnCaseId id,
                       const UploadedFile& file) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  const auto role = actor.user.role;
  if (role != domain::Role::kLaAdministrator && role != domain::Role::kLaOfficer &&
      role != domain::Role::kAlnco)
    return Error::Forbidden("forbidden");
  auto doc = CheckUpload(file, "document");
  if (!doc) return doc.error();
  doc->aln_case = loaded->aln_case.id;
  doc->uploaded_by = actor.user.id;
  doc->uploaded_at = services.clock.Now();
  auto doc_id = tx.Cases().AddDocument(*doc);
  if (!doc_id) return doc_id.error();
  loaded->aln_case.timeline.push_back({domain::CaseEventKind::kDocumentAdded, today, actor.user.id,
                                       doc->uploaded_at, doc->filename});
  return SaveStep(tx, services, actor, *loaded, "document added");
}

Result<CaseDocument> GetCaseDocument(Services& services, const Actor& actor, domain::AlnCaseId id,
                                     domain::CaseDocumentId document) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  auto doc = tx.Cases().GetDocument(document);
  if (!doc || doc->aln_case != id) return Error::NotFound("document_error_not_found");
  if (auto ok = Audit(tx, actor, domain::AuditAction::kExport, loaded->learner, services,
                      loaded->aln_case, "document " + std::to_string(document.value()));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *doc;
}

Result<DecisionSettingsView> ViewDecisionSettings(Services& services, const Actor& actor) {
  if (!domain::MayActForLa(actor.user, actor.user.local_authority))
    return Error::Forbidden("forbidden");
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  DecisionSettingsView view;
  view.settings = (*uow)->Cases().GetDecisionSettings(actor.user.local_authority);
  view.may_edit = actor.user.role == domain::Role::kLaAdministrator;
  return view;
}

Status SaveDecisionSettings(Services& services, const Actor& actor,
                            const DecisionSettingsInput& in) {
  if (!domain::MayActForLa(actor.user, actor.user.local_authority) ||
      actor.user.role != domain::Role::kLaAdministrator)
    return Error::Forbidden("forbidden");
  Fields fields;
  domain::LaDecisionSettings settings;
  auto threshold = domain::ParseWholeNumber(domain::Trim(in.ta_hours_threshold));
  auto post = domain::ParseWholeNumber(domain::Trim(in.post_working_days));
  settings.ta_hours_threshold = threshold ? static_cast<int>(*threshold) : -1;
  settings.post_working_days = post ? static_cast<int>(*post) : -1;
  settings.service_phone = domain::Trim(in.service_phone);
  settings.service_email = domain::Trim(in.service_email);
  if (settings.service_phone.size() > 100) fields.emplace("service_phone", "case_error_text_long");
  if (auto ok = Merge(domain::CheckDecisionSettings(settings), fields); !ok) return ok;
  if (!fields.empty())
    return Error::InvalidArgument("decision_settings_error_title", std::move(fields));
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (auto ok = tx.Cases().PutDecisionSettings(actor.user.local_authority, settings); !ok)
    return ok;
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt, services.clock.Now(),
                   "decision settings threshold=" + std::to_string(settings.ta_hours_threshold)));
      !ok)
    return ok;
  return tx.Commit();
}

}  // namespace cynnal::app
