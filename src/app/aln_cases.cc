#include "app/aln_cases.h"

#include <algorithm>
#include <functional>
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

// The domain's answer to a step together with the form's own field problems: a refusal passes on
// as it is; field problems, all of them at once, become one kInvalidArgument. `dates_given` false
// drops the domain's "date" parameter, which then names a date the form did not give.
Status Checked(const Result<void>& step, Fields& fields, bool dates_given) {
  if (auto ok = Merge(step, fields); !ok) return ok;
  if (!dates_given) fields.erase("date");
  if (!fields.empty()) return Invalid(std::move(fields));
  return domain::Ok();
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

// Everything a step on a case works with.
struct StepFrame {
  UnitOfWork& tx;
  Loaded& loaded;
  AlnCase& c;
  Fields fields;
  Date today;
  domain::StepContext step;
};

// The frame of every step on a case: one write unit of work, the case the actor may see in full,
// the actor's right to take the step (`may`, else kForbidden with `refusal`), and the version the
// actor saw. `body` reads the form, takes the domain step and starts or stops clocks, and returns
// the audit text; the case is then saved and audited in the same transaction. Nothing is kept
// when any part fails.
Status RunStep(Services& services, const Actor& actor, domain::AlnCaseId id,
               const std::function<bool(const Actor&, const AlnCase&)>& may,
               const std::string& refusal, const std::string& version,
               const std::function<Result<std::string>(StepFrame&)>& body) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadCase(tx, actor, id, CaseAction::kView, today);
  if (!loaded) return loaded.error();
  if (!may(actor, loaded->aln_case)) return Error::Forbidden(refusal);
  if (auto ok = CheckVersion(loaded->aln_case, version); !ok) return ok;
  StepFrame frame{tx, *loaded, loaded->aln_case, {}, today, StepOf(services, actor)};
  auto audit = body(frame);
  if (!audit) return audit.error();
  return SaveStep(tx, services, actor, *loaded, *audit);
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

}  // namespace

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
  return RunStep(
      services, actor, id, ActsForCase, "case_error_not_responsible", in.version,
      [&](StepFrame& f) -> Result<std::string> {
        if (in.choice != "take_on" && in.choice != "send_back")
          f.fields.emplace("choice", "triage_error_choice");
        auto on = DateField(in.on, "on", f.fields);
        const Date date = on.value_or(f.today);
        auto step = in.choice == "send_back" ? domain::SendBack(f.c, in.reasons, date, f.step)
                    : in.choice == "take_on" ? domain::TakeOn(f.c, date, f.step)
                                             : Result<void>{};
        if (auto ok = Checked(step, f.fields, on.has_value()); !ok) return ok.error();
        if (in.choice == "send_back") {
          // The LA's clock stops; the school's 35 school days start the day it is
          // told.
          if (auto ok = StopDuty(f.tx, f.c, date, "Sent back to the school", f.today); !ok)
            return ok.error();
          if (auto ok =
                  StartDuty(f.tx, f.c, f.c.DutyStartsOn(), domain::ClockEvent::kReferralReceived,
                            DecisionTimescale(f.c), services, actor, "on");
              !ok)
            return ok.error();
        }
        return "triage " + in.choice;
      });
}

Status ReferToLa(Services& services, const Actor& actor, domain::AlnCaseId id,
                 const ReferralInput& in) {
  return RunStep(
      services, actor, id, ActsForCase, "case_error_not_responsible", in.version,
      [&](StepFrame& f) -> Result<std::string> {
        domain::Referral referral;
        auto ground = domain::ReferralGroundFromCode(in.ground);
        if (!ground) f.fields.emplace("ground", "referral_error_ground");
        if (ground) referral.ground = *ground;
        referral.evidence = in.evidence;
        auto apparent = DateField(in.need_apparent_on, "need_apparent_on", f.fields);
        auto referred = DateField(in.referred_on, "referred_on", f.fields);
        referral.need_apparent_on = apparent.value_or(f.today);
        referral.referred_on = referred.value_or(f.today);
        AlnCase as_school = f.c;
        if (auto ok = Checked(domain::Refer(f.c, referral, f.step), f.fields,
                              apparent.has_value() && referred.has_value());
            !ok)
          return ok.error();
        if (auto ok = StopDuty(f.tx, f.c, referral.referred_on, "Referred to the LA", f.today); !ok)
          return ok.error();
        // The local guideline: a school refers within 20 school days of the need becoming
        // apparent. Not a statutory period: when the school's calendar does not reach back to
        // that day, the referral stands without it.
        auto guideline = StartClockIn(
            f.tx,
            DutyClockFor(f.tx, as_school, referral.need_apparent_on,
                         domain::ClockEvent::kConcernRaised, "school-referral", services, actor),
            "need_apparent_on");
        if (guideline) {
          if (auto ok = StopClockIn(f.tx, *guideline, referral.referred_on, "Referred to the LA",
                                    f.today);
              !ok)
            return ok.error();
        } else if (guideline.error().code != domain::ErrorCode::kInvalidArgument) {
          return guideline.error();
        }
        if (auto ok =
                StartDuty(f.tx, f.c, referral.referred_on, domain::ClockEvent::kReferralReceived,
                          "la-decision", services, actor, "referred_on");
            !ok)
          return ok.error();
        return "referred ground=" + in.ground;
      });
}

Status RecordDutyException(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const ExceptionInput& in) {
  return RunStep(services, actor, id, ActsForCase, "case_error_not_responsible", in.version,
                 [&](StepFrame& f) -> Result<std::string> {
                   domain::DutyException exception;
                   auto kind = domain::DutyExceptionKindFromCode(in.kind);
                   if (!kind) f.fields.emplace("kind", "exception_error_kind");
                   if (kind) exception.kind = *kind;
                   exception.reasons = in.reasons;
                   auto on = DateField(in.on, "on", f.fields);
                   exception.on = on.value_or(f.today);
                   exception.previous_decision_on =
                       DateField(in.previous_decision_on, "previous_decision_on", f.fields, false);
                   auto step =
                       kind ? domain::RecordException(f.c, f.loaded.learner, exception, f.step)
                            : Result<void>{};
                   if (auto ok = Checked(step, f.fields, on.has_value()); !ok) return ok.error();
                   if (auto ok = StopDuty(f.tx, f.c, exception.on,
                                          "Exception to the duty to decide: " + in.kind, f.today);
                       !ok)
                     return ok.error();
                   return "exception " + in.kind;
                 });
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
  // The body whose decision is notified (during a reconsideration: the LA).
  auto may = [](const Actor& a, const AlnCase& c) {
    const domain::AlnDecision* decision = c.LastDecision();
    const bool awaiting = c.stage == domain::CaseStage::kAwaitingNotice;
    const domain::Responsibility& body = awaiting && decision ? decision->body : c.responsibility;
    return domain::MayActForBody(a.user, body.body, body.local_authority, body.setting);
  };
  return RunStep(
      services, actor, id, may, "case_error_not_responsible", in.version,
      [&](StepFrame& f) -> Result<std::string> {
        const domain::AlnDecision* decision = f.c.LastDecision();
        const domain::LocalAuthorityId la =
            decision ? decision->body.local_authority : f.c.responsibility.local_authority;
        domain::DecisionNotice notice;
        auto method = domain::NoticeMethodFromCode(in.method);
        if (!method) f.fields.emplace("method", "notice_error_method");
        if (method) notice.method = *method;
        auto sent = DateField(in.sent_on, "sent_on", f.fields);
        notice.sent_on = sent.value_or(f.today);
        auto language = domain::LetterLanguageFromCode(in.language);
        if (!in.language.empty() && !language)
          f.fields.emplace("language", "notice_error_language");
        notice.language = language.value_or(f.loaded.learner.letter_language);
        auto calendar = CalendarFor(f.tx, nullptr, la);
        if (!calendar) return calendar.error();
        const auto settings = f.tx.Cases().GetDecisionSettings(la);
        notice.given_on = domain::GivenOn(notice.method, notice.sent_on, settings.post_working_days,
                                          [&](Date d) { return calendar->IsWorkingDay(d); });
        if (decision != nullptr && domain::Appealable(*decision)) {
          auto due = domain::DueDate(*domain::FindTimescale("tribunal-appeal"),
                                     domain::AppealWeeks(f.c), notice.given_on, *calendar);
          if (!due) return due.error();
          notice.appeal_by = *due;
        }
        if (auto ok =
                Checked(domain::RecordNotice(f.c, notice, f.step), f.fields, sent.has_value());
            !ok)
          return ok.error();
        if (auto ok = StopDuty(f.tx, f.c, f.c.notices.back().given_on, "Notice given", f.today);
            !ok)
          return ok.error();
        return "notice " + std::string(domain::Code(f.c.notices.back().kind)) + " " + in.method;
      });
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
  // The panel's decision flows into the LA's notice (REFERENCE section 6).
  if (data.decision.body.body == domain::DecidingBody::kLocalAuthority) {
    ReferralQuery query;
    query.local_authority = c.local_authority;
    query.learner = c.learner;
    for (const auto& referral : tx.Panels().ListReferrals(query)) {
      if (!referral.aln_case || *referral.aln_case != c.id) continue;
      for (const auto& d : referral.decisions) {
        const bool settled = d.outcome == domain::PanelOutcome::kAgreed ||
                             d.outcome == domain::PanelOutcome::kNotAgreed;
        if (settled && d.decided_on <= data.decision.decided_on &&
            (!data.panel_decision || data.panel_decision->decided_on <= d.decided_on))
          data.panel_decision = d;
      }
    }
  }
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
  return RunStep(
      services, actor, id, ActsForCaseLa, "case_error_not_la", in.version,
      [&](StepFrame& f) -> Result<std::string> {
        domain::ReconsiderationRequest request{{}, in.requested_by, in.grounds};
        auto on = DateField(in.requested_on, "requested_on", f.fields);
        request.requested_on = on.value_or(f.today);
        if (auto ok = Checked(domain::RequestReconsideration(f.c, request, f.step), f.fields,
                              on.has_value());
            !ok)
          return ok.error();
        // Act s.27 (council guidance): the LA reconsiders within 7 weeks.
        if (auto ok = StartDuty(f.tx, f.c, request.requested_on, domain::ClockEvent::kRequestMade,
                                "la-reconsideration", services, actor, "requested_on");
            !ok)
          return ok.error();
        return std::string("reconsideration requested");
      });
}

Status StartDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                   const DisagreementInput& in) {
  return RunStep(
      services, actor, id, ActsForCaseLa, "case_error_not_la", in.version,
      [&](StepFrame& f) -> Result<std::string> {
        auto on = DateField(in.started_on, "started_on", f.fields);
        if (auto ok = Checked(domain::StartDisagreement(f.c, on.value_or(f.today), f.step),
                              f.fields, on.has_value());
            !ok)
          return ok.error();
        // ETW Regs reg 14: begun in time, disagreement resolution gives the family 8 more weeks.
        auto& notices = f.c.notices;
        if (f.c.disagreements.back().in_time && !notices.empty() && notices.back().appeal_by) {
          auto calendar = CalendarFor(f.tx, nullptr, f.c.decisions.back().body.local_authority);
          if (!calendar) return calendar.error();
          auto due = domain::DueDate(*domain::FindTimescale("tribunal-appeal"),
                                     domain::AppealWeeks(f.c), notices.back().given_on, *calendar);
          if (!due) return due.error();
          notices.back().appeal_by = *due;
        }
        return std::string("disagreement resolution started");
      });
}

Status EndDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                 const DisagreementInput& in) {
  return RunStep(services, actor, id, ActsForCaseLa, "case_error_not_la", in.version,
                 [&](StepFrame& f) -> Result<std::string> {
                   if (f.c.disagreements.empty())
                     return Error::Conflict("disagreement_error_not_found");
                   auto on = DateField(in.ended_on, "ended_on", f.fields);
                   auto step = domain::EndDisagreement(f.c, f.c.disagreements.size() - 1,
                                                       on.value_or(f.today), in.outcome, f.step);
                   if (auto ok = Checked(step, f.fields, on.has_value()); !ok) return ok.error();
                   return std::string("disagreement resolution ended");
                 });
}

Status LodgeTribunalAppeal(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const AppealInput& in) {
  return RunStep(services, actor, id, ActsForCaseLa, "case_error_not_la", in.version,
                 [&](StepFrame& f) -> Result<std::string> {
                   auto on = DateField(in.lodged_on, "lodged_on", f.fields);
                   if (auto ok = Checked(domain::LodgeAppeal(f.c, on.value_or(f.today), f.step),
                                         f.fields, on.has_value());
                       !ok)
                     return ok.error();
                   return std::string("appeal lodged");
                 });
}

Status RecordTribunalOutcome(Services& services, const Actor& actor, domain::AlnCaseId id,
                             const AppealOutcomeInput& in) {
  return RunStep(services, actor, id, ActsForCaseLa, "case_error_not_la", in.version,
                 [&](StepFrame& f) -> Result<std::string> {
                   auto outcome = domain::AppealOutcomeFromCode(in.outcome);
                   if (!outcome || *outcome == domain::AppealOutcome::kPending)
                     f.fields.emplace("outcome", "appeal_error_outcome");
                   auto hearing = DateField(in.hearing_on, "hearing_on", f.fields, false);
                   auto decided = DateField(in.decided_on, "decided_on", f.fields);
                   auto step = outcome
                                   ? domain::RecordAppealOutcome(f.c, *outcome, hearing,
                                                                 decided.value_or(f.today), f.step)
                                   : Result<void>{};
                   if (auto ok = Checked(step, f.fields, decided.has_value()); !ok)
                     return ok.error();
                   return "appeal outcome " + in.outcome;
                 });
}

Status AddTribunalOrder(Services& services, const Actor& actor, domain::AlnCaseId id,
                        const OrderInput& in) {
  return RunStep(services, actor, id, ActsForCaseLa, "case_error_not_la", in.version,
                 [&](StepFrame& f) -> Result<std::string> {
                   domain::TribunalOrder order;
                   order.description = in.description;
                   if (domain::Trim(in.description).size() > 2000)
                     f.fields.emplace("description", "case_error_text_long");
                   auto made = DateField(in.made_on, "made_on", f.fields);
                   auto comply = DateField(in.comply_by, "comply_by", f.fields);
                   order.made_on = made.value_or(f.today);
                   order.comply_by = comply.value_or(domain::AddDays(f.today, 1));
                   if (auto ok = Checked(domain::AddOrder(f.c, order, f.step), f.fields,
                                         made.has_value() && comply.has_value());
                       !ok)
                     return ok.error();
                   // The order's compliance date, on a clock that stops when it is complied with.
                   domain::StatutoryClock clock =
                       DutyClockFor(f.tx, f.c, order.made_on, domain::ClockEvent::kNoticeGiven,
                                    "tribunal-order", services, actor);
                   clock.count = domain::DaysBetween(order.made_on, order.comply_by);
                   clock.local_authority = f.c.decisions.empty()
                                               ? f.c.responsibility.local_authority
                                               : f.c.decisions.back().body.local_authority;
                   clock.calendar_setting.reset();
                   auto clock_id = StartClockIn(f.tx, clock, "comply_by");
                   if (!clock_id) return clock_id.error();
                   f.c.appeal->orders.back().clock = *clock_id;
                   return std::string("order added");
                 });
}

Status CompleteTribunalOrder(Services& services, const Actor& actor, domain::AlnCaseId id,
                             int number, const DateParts& complied_on, const std::string& version) {
  return RunStep(
      services, actor, id, ActsForCaseLa, "case_error_not_la", version,
      [&](StepFrame& f) -> Result<std::string> {
        if (!f.c.appeal || number < 1 || number > static_cast<int>(f.c.appeal->orders.size()))
          return Error::NotFound("order_error_not_found");
        auto on = DateField(complied_on, "complied_on", f.fields);
        const std::size_t index = static_cast<std::size_t>(number - 1);
        if (auto ok = Checked(domain::CompleteOrder(f.c, index, on.value_or(f.today), f.step),
                              f.fields, on.has_value());
            !ok)
          return ok.error();
        if (const auto& clock = f.c.appeal->orders[index].clock) {
          if (auto ok = StopClockIn(f.tx, *clock, *on, "Order complied with", f.today); !ok)
            return ok.error();
        }
        return "order complied " + std::to_string(number);
      });
}

namespace {

// The case as stored, to choose which step a page's form takes; the step itself checks access
// again and is audited.
Result<AlnCase> CaseForDispatch(Services& services, const Actor& actor, domain::AlnCaseId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto loaded = LoadCase(**uow, actor, id, CaseAction::kView, services.clock.Today());
  if (!loaded) return loaded.error();
  return std::move(loaded->aln_case);
}

}  // namespace

Status RecordDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                    const DisagreementInput& input) {
  auto c = CaseForDispatch(services, actor, id);
  if (!c) return c.error();
  const auto& d = c->disagreements;
  if (!d.empty() && !d.back().ended_on)
    return EndDisagreementResolution(services, actor, id, input);
  return StartDisagreementResolution(services, actor, id, input);
}

Status RecordAppealStep(Services& services, const Actor& actor, domain::AlnCaseId id,
                        const AppealStepInput& input) {
  auto c = CaseForDispatch(services, actor, id);
  if (!c) return c.error();
  if (!c->appeal) return LodgeTribunalAppeal(services, actor, id, {input.lodged_on, input.version});
  if (c->appeal->outcome == domain::AppealOutcome::kPending) {
    AppealOutcomeInput outcome = input.outcome;
    outcome.version = input.version;
    return RecordTribunalOutcome(services, actor, id, outcome);
  }
  if (!input.complied_on.Empty()) {
    const auto& orders = c->appeal->orders;
    auto open = std::find_if(orders.begin(), orders.end(),
                             [](const domain::TribunalOrder& o) { return !o.complied_on; });
    const int number = static_cast<int>(open - orders.begin()) + 1;
    return CompleteTribunalOrder(services, actor, id, number, input.complied_on, input.version);
  }
  OrderInput order = input.order;
  order.version = input.version;
  return AddTribunalOrder(services, actor, id, order);
}

Status CloseTribunalAppeal(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const DateParts& closed_on, const std::string& version) {
  return RunStep(services, actor, id, ActsForCaseLa, "case_error_not_la", version,
                 [&](StepFrame& f) -> Result<std::string> {
                   auto on = DateField(closed_on, "closed_on", f.fields);
                   if (auto ok = Checked(domain::CloseAppeal(f.c, on.value_or(f.today), f.step),
                                         f.fields, on.has_value());
                       !ok)
                     return ok.error();
                   return std::string("appeal closed");
                 });
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
