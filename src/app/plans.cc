#include "app/plans.h"

#include <algorithm>
#include <set>

#include "app/calendars.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "domain/timescale.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::Error;
using domain::Idp;
using domain::IdpSection;
using domain::PlanAction;
using Fields = std::map<std::string, std::string>;

Status Invalid(Fields fields) {
  return Error::InvalidArgument("idp_error_title", std::move(fields));
}

// Rows numbered from 1 while any of `keys` is present for the row.
int RowCount(const PlanForm& form, const std::vector<std::string>& keys) {
  int n = 0;
  for (int i = 1; i <= 200; ++i) {
    const std::string suffix = "_" + std::to_string(i);
    bool any = false;
    for (const auto& k : keys) {
      any = any || form.Has(k + suffix) || form.Has(k + suffix + "-day");
    }
    if (!any) break;
    n = i;
  }
  return n;
}

domain::StepContext StepOf(Services& services, const Actor& actor) {
  return {actor.user.id, services.clock.Now(), services.clock.Today()};
}

struct LoadedPlan {
  Idp idp;
  domain::Learner learner;
};

Result<LoadedPlan> LoadPlan(UnitOfWork& tx, const Actor& actor, domain::IdpId id, PlanAction action,
                            Date today) {
  auto found = tx.Plans().Get(id);
  if (!found) return Error::NotFound("idp_error_not_found");
  auto learner = tx.Learners().Get(found->learner);
  if (!learner) return Error::NotFound("idp_error_not_found");
  if (!domain::MayAccessPlan(actor.user, action, *learner, today)) {
    return Error::Forbidden("forbidden");
  }
  return LoadedPlan{std::move(*found), std::move(*learner)};
}

// The learner, when the actor has `action` on their plans; kNotFound or kForbidden otherwise.
Result<domain::Learner> LearnerFor(UnitOfWork& tx, const Actor& actor, domain::LearnerId id,
                                   PlanAction action, Date today) {
  auto learner = tx.Learners().Get(id);
  if (!learner) return Error::NotFound("learner_not_found");
  if (!domain::MayAccessPlan(actor.user, action, *learner, today)) {
    return Error::Forbidden("forbidden");
  }
  return *learner;
}

bool ActsForPlan(const Actor& actor, const Idp& idp) {
  return domain::MayActForBody(actor.user, idp.body, idp.maintaining_la, idp.setting);
}

Status CheckPlanVersion(const Idp& idp, const std::string& version) {
  auto seen = domain::ParseWholeNumber(domain::Trim(version));
  if (!seen || *seen != idp.version) return Error::Conflict("idp_error_conflict");
  return domain::Ok();
}

std::optional<int> SeenRevision(const std::string& revision) {
  auto seen = domain::ParseWholeNumber(domain::Trim(revision));
  if (!seen || *seen < 0) return std::nullopt;
  return static_cast<int>(*seen);
}

Status AuditPlan(UnitOfWork& tx, Services& services, const Actor& actor, domain::AuditAction action,
                 const domain::Learner& learner, domain::IdpId id, const std::string& step) {
  return tx.Audit().Append(AuditFor(actor, action, learner, services.clock.Now(),
                                    "idp id=" + std::to_string(id.value()) + " " + step));
}

struct PlanFrame {
  UnitOfWork& tx;
  LoadedPlan& loaded;
  Idp& idp;
  Fields fields;
  Date today;
  domain::StepContext step;
};

// One write unit of work; the plan the actor may see (`action`); the right to take the step
// (`may`, else kForbidden with `refusal`); the plan version seen (when `version` is given). `body`
// takes the step and returns the audit text; the plan is then saved and audited together.
Status RunPlanStep(Services& services, const Actor& actor, domain::IdpId id, PlanAction action,
                   const std::function<bool(const Actor&, const Idp&)>& may,
                   const std::string& refusal, const std::optional<std::string>& version,
                   const std::function<Result<std::string>(PlanFrame&)>& body) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadPlan(tx, actor, id, action, today);
  if (!loaded) return loaded.error();
  if (!may(actor, loaded->idp)) return Error::Forbidden(refusal);
  if (version) {
    if (auto ok = CheckPlanVersion(loaded->idp, *version); !ok) return ok;
  }
  PlanFrame frame{tx, *loaded, loaded->idp, {}, today, StepOf(services, actor)};
  auto audit = body(frame);
  if (!audit) return audit.error();
  if (auto ok = tx.Plans().Update(loaded->idp); !ok) return ok;
  if (auto ok =
          AuditPlan(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner, id, *audit);
      !ok) {
    return ok;
  }
  return tx.Commit();
}

// A review clock (`idp-review` or `opp-review`, counted in calendar months) from `from`.
domain::StatutoryClock ReviewClock(const std::string& timescale, domain::LocalAuthorityId la,
                                   domain::LearnerId learner, Date from, std::string reference,
                                   Services& services, const Actor& actor) {
  domain::StatutoryClock clock;
  clock.local_authority = la;
  clock.learner = learner;
  clock.timescale = timescale;
  clock.count = domain::FindTimescale(timescale)->count;
  clock.start_event = domain::ClockEvent::kPlanGiven;
  clock.started_on = from;
  clock.reference = std::move(reference);
  clock.started_by = actor.user.id;
  clock.started_at = services.clock.Now();
  return clock;
}

// Starts the review clock of the plan from `from` (Act s.23: 12 months from the day the plan, a
// revised plan or a notice of no revision was given).
Status StartReviewClock(UnitOfWork& tx, Idp& idp, Date from, Services& services, const Actor& actor,
                        const std::string& field) {
  auto clock = ReviewClock("idp-review", idp.maintaining_la, idp.learner, from,
                           "IDP " + std::to_string(idp.id.value()), services, actor);
  clock.idp = idp.id;
  auto id = StartClockIn(tx, clock, field);
  if (!id) return id.error();
  idp.review_clock = *id;
  return domain::Ok();
}

Status StopReviewClock(UnitOfWork& tx, Idp& idp, Date on, const std::string& note, Date today) {
  if (!idp.review_clock) return domain::Ok();
  auto ok = StopClockIn(tx, *idp.review_clock, on, note, today);
  idp.review_clock.reset();
  return ok;
}

std::string NameOfBody(UnitOfWork& tx, domain::DecidingBody body, domain::LocalAuthorityId la,
                       std::optional<domain::SettingId> setting) {
  if (body != domain::DecidingBody::kLocalAuthority && setting) {
    if (auto s = tx.Settings().Get(*setting)) return s->name;
  }
  if (auto a = tx.LocalAuthorities().Get(la)) return a->name_en;
  return {};
}

std::vector<std::string> FamilyNames(UnitOfWork& tx, const domain::Learner& learner) {
  std::vector<domain::FamilyMemberId> ids;
  for (const auto& link : learner.family)
    if (link.parental_responsibility) ids.push_back(link.member);
  std::vector<std::string> names;
  for (const auto& m : tx.Families().GetMany(ids)) names.push_back(m.full_name);
  return names;
}

Result<domain::SchoolCalendar> WorkingDays(UnitOfWork& tx, domain::LocalAuthorityId la) {
  return CalendarFor(tx, nullptr, la);
}

std::optional<domain::LetterLanguage> FormLanguage(const PlanForm& form, Fields& fields) {
  const std::string code = FormText(form, "language");
  if (code.empty()) return std::nullopt;
  auto language = domain::LetterLanguageFromCode(code);
  if (!language) fields.emplace("language", "idp_error_choice");
  return language;
}

// A JPEG or PNG photo, judged by its first bytes.
std::string PhotoType(const std::string& bytes) {
  if (bytes.size() >= 3 && bytes.compare(0, 3, "\xFF\xD8\xFF") == 0) return "image/jpeg";
  if (bytes.size() >= 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0) return "image/png";
  return {};
}

Result<std::optional<domain::PhotoId>> StorePhoto(UnitOfWork& tx, Services& services,
                                                  const Actor& actor, domain::LearnerId learner,
                                                  const UploadedFile& file) {
  if (file.Empty()) return std::optional<domain::PhotoId>{};
  if (file.bytes.size() > kMaxPhotoBytes) {
    return Error::InvalidArgument("idp_error_title", {{"photo", "idp_error_photo_size"}});
  }
  const std::string type = PhotoType(file.bytes);
  if (type.empty()) {
    return Error::InvalidArgument("idp_error_title", {{"photo", "idp_error_photo_type"}});
  }
  ProfilePhoto photo;
  photo.learner = learner;
  photo.content_type = type;
  photo.bytes = file.bytes;
  photo.uploaded_by = actor.user.id;
  photo.uploaded_at = services.clock.Now();
  auto id = tx.Plans().AddPhoto(photo);
  if (!id) return id.error();
  return std::optional<domain::PhotoId>{*id};
}

PlanView BuildView(UnitOfWork& tx, const Actor& actor, LoadedPlan loaded, Date today) {
  PlanView view;
  view.idp = std::move(loaded.idp);
  view.learner = std::move(loaded.learner);
  view.today = today;
  const Idp& idp = view.idp;
  view.may_view_draft =
      domain::MayAccessPlan(actor.user, PlanAction::kViewDraft, view.learner, today);
  view.may_edit = ActsForPlan(actor, idp);
  view.may_request_review =
      domain::MayAccessPlan(actor.user, PlanAction::kRequestReview, view.learner, today) &&
      idp.Status() == domain::IdpStatus::kInForce;
  if (!view.may_view_draft) {
    view.idp.draft.reset();
    view.idp.revisions.clear();
  }
  std::set<domain::SettingId> wanted;
  for (const auto& r : view.learner.registrations) wanted.insert(r.setting);
  if (idp.setting) wanted.insert(*idp.setting);
  auto add_place = [&](const domain::IdpContent& c) {
    if (c.place.setting) wanted.insert(*c.place.setting);
  };
  if (view.idp.draft) add_place(*view.idp.draft);
  for (const auto& v : idp.versions) {
    add_place(v.content);
    if (v.setting) wanted.insert(*v.setting);
  }
  for (const auto& m : idp.moves) {
    if (m.from_setting) wanted.insert(*m.from_setting);
    if (m.to_setting) wanted.insert(*m.to_setting);
  }
  for (domain::SettingId s : wanted) {
    if (auto setting = tx.Settings().Get(s)) view.settings.emplace(s, *setting);
  }
  for (const auto& la : tx.LocalAuthorities().List()) view.authorities.emplace(la.id, la);
  std::set<domain::UserId> users;
  for (const auto& e : idp.timeline) users.insert(e.by);
  for (const auto& v : idp.versions) users.insert(v.by);
  for (domain::UserId u : users) {
    if (auto user = tx.Users().Get(u)) view.people.emplace(u, user->display_name);
  }
  std::vector<domain::StatutoryClock> clocks;
  for (const auto& c : tx.Clocks().ListForLearner(idp.learner))
    if (c.idp == idp.id) clocks.push_back(c);
  view.clocks = SummariseClocks(tx, clocks, today);
  if (view.idp.draft) view.flags = domain::CheckQuality(*view.idp.draft, idp.body);
  view.maintainer_name = NameOfBody(tx, idp.body, idp.maintaining_la, idp.setting);
  view.family = FamilyNames(tx, view.learner);
  view.young_person = domain::IsYoungPerson(view.learner, today);
  if (const auto* current = idp.Current()) {
    view.required_invitees =
        domain::RequiredInvitees(current->content, view.learner.DisplayName(), view.family,
                                 view.young_person, idp.body, view.maintainer_name);
  }
  view.decision_settings = tx.Cases().GetDecisionSettings(idp.maintaining_la);
  return view;
}

}  // namespace

std::string_view Code(TaskStatus status) {
  switch (status) {
    case TaskStatus::kNotStarted:
      return "not_started";
    case TaskStatus::kIncomplete:
      return "incomplete";
    case TaskStatus::kCompleted:
      return "completed";
    case TaskStatus::kNotNeeded:
      return "not_needed";
  }
  return "not_started";
}

TaskStatus StatusOf(const domain::IdpContent& c, IdpSection section,
                    const std::vector<domain::QualityFlag>& flags, domain::DecidingBody body) {
  bool empty = false;
  switch (section) {
    case IdpSection::kAbout:
      empty = c.about.coordinator.empty() && c.about.coordinator_role.empty() &&
              c.about.coordinator_contact.empty() && c.about.communication.empty();
      break;
    case IdpSection::kProfile:
      empty = c.profile.Empty();
      break;
    case IdpSection::kNeeds:
      empty = c.needs.description.empty() && c.needs.areas.empty() && c.needs.types.empty();
      break;
    case IdpSection::kProvision:
      empty = std::none_of(c.elements.begin(), c.elements.end(),
                           [](const domain::AlpElement& e) { return !e.ByNhs(); });
      break;
    case IdpSection::kNhs:
      if (std::none_of(c.elements.begin(), c.elements.end(),
                       [](const domain::AlpElement& e) { return e.ByNhs(); })) {
        return TaskStatus::kNotNeeded;
      }
      break;
    case IdpSection::kPlace:
      if (body != domain::DecidingBody::kLocalAuthority) return TaskStatus::kNotNeeded;
      empty = c.place.Empty();
      break;
    case IdpSection::kInformation:
      empty = c.information.empty();
      break;
    case IdpSection::kTimeline:
      empty = c.key_events.empty();
      break;
    case IdpSection::kTransition:
      empty = c.transition.Empty();
      break;
  }
  const bool flagged = std::any_of(flags.begin(), flags.end(), [&](const domain::QualityFlag& f) {
    return f.section == section;
  });
  if (empty) return TaskStatus::kNotStarted;
  return flagged ? TaskStatus::kIncomplete : TaskStatus::kCompleted;
}

Result<void> ReadSection(const PlanForm& form, IdpSection section, domain::IdpContent& c) {
  Fields fields;
  switch (section) {
    case IdpSection::kAbout:
      c.about = {FormText(form, "coordinator"), FormText(form, "coordinator_role"),
                 FormText(form, "coordinator_contact"), FormText(form, "communication")};
      break;
    case IdpSection::kProfile: {
      auto photo = c.profile.photo;
      c.profile = {FormText(form, "admired"), FormText(form, "important"),
                   FormText(form, "support"), FormText(form, "written_with"), photo};
      break;
    }
    case IdpSection::kNeeds: {
      c.needs.areas.clear();
      c.needs.types.clear();
      auto areas = form.lists.find("areas");
      if (areas != form.lists.end()) {
        for (const auto& code : areas->second) {
          if (auto a = domain::AreaOfNeedFromCode(code)) {
            c.needs.areas.insert(*a);
          } else {
            fields.emplace("areas", "idp_error_choice");
          }
        }
      }
      auto types = form.lists.find("types");
      if (types != form.lists.end()) {
        for (const auto& code : types->second) c.needs.types.insert(code);
      }
      c.needs.description = FormText(form, "description");
      break;
    }
    case IdpSection::kPlace: {
      c.place = {};
      const std::string setting = FormText(form, "setting");
      if (!setting.empty()) {
        auto id = domain::ParsePositiveId(setting);
        if (!id) {
          fields.emplace("setting", "idp_error_choice");
        } else {
          c.place.setting = domain::SettingId{*id};
        }
      }
      c.place.other = FormText(form, "other");
      c.place.reasons = FormText(form, "reasons");
      break;
    }
    case IdpSection::kInformation: {
      c.information.clear();
      const int rows = RowCount(form, {"title", "from", "dated"});
      for (int i = 1; i <= rows; ++i) {
        const std::string n = std::to_string(i);
        domain::InformationUsed item{FormText(form, "title_" + n), FormText(form, "from_" + n),
                                     FormDate(form, "dated_" + n, fields)};
        if (item.title.empty() && item.from.empty() && !item.dated && !fields.count("dated_" + n)) {
          continue;
        }
        c.information.push_back(std::move(item));
      }
      break;
    }
    case IdpSection::kTimeline: {
      c.key_events.clear();
      const int rows = RowCount(form, {"on", "what"});
      for (int i = 1; i <= rows; ++i) {
        const std::string n = std::to_string(i);
        auto on = FormDate(form, "on_" + n, fields);
        const std::string what = FormText(form, "what_" + n);
        if (!on && what.empty() && !fields.count("on_" + n)) continue;
        if (!on && !fields.count("on_" + n)) fields.emplace("on_" + n, "idp_error_date_missing");
        c.key_events.push_back({on.value_or(Date{}), what});
      }
      break;
    }
    case IdpSection::kTransition:
      c.transition = {FormText(form, "transition"), FormText(form, "transport")};
      break;
    case IdpSection::kProvision:
    case IdpSection::kNhs:
      fields.emplace("section", "idp_error_section_unknown");
      break;
  }
  if (!fields.empty()) return Fail(Error::InvalidArgument("idp_error_title", std::move(fields)));
  return {};
}

Result<domain::AlpElement> ReadElement(const PlanForm& form) {
  Fields fields;
  domain::AlpElement e;
  e.outcome = FormText(form, "outcome");
  e.measure = FormText(form, "measure");
  e.outcome_by = FormDate(form, "outcome_by", fields);
  e.provision = FormText(form, "provision");
  e.minutes = FormNumber(form, "minutes", fields);
  e.sessions = FormNumber(form, "sessions", fields);
  e.per = FormCode<domain::ProvisionPeriod>(form, "per", domain::ProvisionPeriodFromCode, fields);
  e.group = FormCode<domain::GroupSize>(form, "group", domain::GroupSizeFromCode, fields);
  const std::string welsh = FormText(form, "in_welsh");
  e.in_welsh = domain::AnswerFromCode(welsh);
  if (!welsh.empty() && e.in_welsh == domain::Answer::kUnanswered) {
    fields.emplace("in_welsh", "idp_error_choice");
  }
  e.provider =
      FormCode<domain::ProviderKind>(form, "provider", domain::ProviderKindFromCode, fields);
  e.provider_name = FormText(form, "provider_name");
  e.starts_on = FormDate(form, "starts_on", fields);
  e.review_on = FormDate(form, "review_on", fields);
  e.ends = FormText(form, "ends") == "yes";
  e.rationale = FormText(form, "rationale");
  if (auto ok = domain::CheckElement(e); !ok) {
    for (const auto& [k, v] : ok.error().fields) fields.emplace(k, v);
  }
  if (!fields.empty()) return Error::InvalidArgument("idp_error_title", std::move(fields));
  return e;
}

// The plan's view in one unit of work, audited as `action` with `step`; `check` may refuse it
// first (a notice for a plan that has not ceased, say).
Result<PlanView> ReadPlan(Services& services, const Actor& actor, domain::IdpId id,
                          domain::AuditAction action, const std::string& step,
                          const std::function<Status(const Idp&)>& check = nullptr) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadPlan(tx, actor, id, PlanAction::kView, today);
  if (!loaded) return loaded.error();
  if (check) {
    if (auto ok = check(loaded->idp); !ok) return ok.error();
  }
  const domain::Learner learner = loaded->learner;
  PlanView view = BuildView(tx, actor, std::move(*loaded), today);
  if (auto ok = AuditPlan(tx, services, actor, action, learner, id, step); !ok) return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Result<PlanView> ViewPlan(Services& services, const Actor& actor, domain::IdpId id) {
  return ReadPlan(services, actor, id, domain::AuditAction::kView, "view");
}

Result<LearnerPlans> ListLearnerPlans(Services& services, const Actor& actor,
                                      domain::LearnerId learner_id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, PlanAction::kView, today);
  if (!learner) return learner.error();
  LearnerPlans out;
  out.plans = tx.Plans().ListForLearner(learner_id);
  out.profiles = tx.Plans().ListProfilesForLearner(learner_id);
  const bool professional =
      domain::MayAccessPlan(actor.user, PlanAction::kViewDraft, *learner, today);
  if (professional) out.legacy = tx.Plans().GetLegacyForLearner(learner_id);
  out.may_edit_profiles = domain::MayAccessPlan(actor.user, PlanAction::kEdit, *learner, today);
  out.may_start_plan = out.may_edit_profiles;
  return out;
}

Result<domain::IdpId> StartIdp(Services& services, const Actor& actor, domain::LearnerId learner_id,
                               const StartPlanInput& in,
                               const std::function<std::string(domain::CaseEventKind)>& describe) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, PlanAction::kEdit, today);
  if (!learner) return learner.error();
  for (const auto& p : tx.Plans().ListForLearner(learner_id)) {
    if (p.Status() != domain::IdpStatus::kCeased) return Error::Conflict("idp_error_plan_exists");
  }
  domain::DecidingBody body = domain::DecidingBody::kSchool;
  domain::LocalAuthorityId la = learner->local_authority;
  std::optional<domain::SettingId> setting;
  std::optional<domain::AlnCaseId> case_id;
  std::vector<domain::KeyEvent> events;
  Fields fields;
  if (!domain::Trim(in.aln_case).empty()) {
    auto id = domain::ParsePositiveId(domain::Trim(in.aln_case));
    auto c = id ? tx.Cases().Get(domain::AlnCaseId{*id}) : std::nullopt;
    if (!c || c->learner != learner_id) return Error::NotFound("case_error_not_found");
    const domain::AlnDecision* decision = c->LastDecision();
    if (!decision || !decision->has_aln || !decision->maintainer) {
      return Error::Conflict("idp_error_case_no_aln");
    }
    case_id = c->id;
    la = decision->body.local_authority;
    if (*decision->maintainer == domain::Maintainer::kLocalAuthority) {
      body = domain::DecidingBody::kLocalAuthority;
    } else if (decision->body.body == domain::DecidingBody::kFei) {
      body = domain::DecidingBody::kFei;
      setting = decision->body.setting;
    } else {
      body = domain::DecidingBody::kSchool;
      setting = decision->body.setting ? decision->body.setting : c->responsibility.setting;
      if (!setting) {
        // The LA decided and directed the school the learner attends to maintain the plan.
        std::vector<domain::Setting> settings;
        for (const auto& r : learner->registrations) {
          if (auto s = tx.Settings().Get(r.setting)) settings.push_back(*s);
        }
        auto who = domain::WhoDecides(*learner, settings, today);
        if (who.body == domain::DecidingBody::kSchool) setting = who.setting;
      }
      if (!setting) return Error::Conflict("idp_error_no_setting");
      if (auto s = tx.Settings().Get(*setting)) la = s->local_authority;
    }
    for (const auto& e : c->timeline) {
      if (e.kind == domain::CaseEventKind::kDocumentAdded) continue;
      events.push_back({e.on, describe(e.kind)});
    }
  } else {
    auto chosen = domain::DecidingBodyFromCode(domain::Trim(in.body));
    if (!chosen) {
      fields.emplace("body", "idp_error_choice");
    } else {
      body = *chosen;
    }
    if (chosen && body != domain::DecidingBody::kLocalAuthority) {
      auto id = domain::ParsePositiveId(domain::Trim(in.setting));
      auto s = id ? tx.Settings().Get(domain::SettingId{*id}) : std::nullopt;
      const bool registered =
          s && std::any_of(learner->registrations.begin(), learner->registrations.end(),
                           [&](const domain::Registration& r) {
                             return r.setting == s->id && !r.EndedBefore(today);
                           });
      const bool fits =
          s && ((body == domain::DecidingBody::kFei) == (s->type == domain::SettingType::kFei));
      if (!registered || !fits) {
        fields.emplace("setting", "idp_error_setting_not_learners");
      } else {
        setting = s->id;
        la = s->local_authority;
      }
    }
  }
  if (!fields.empty()) return Invalid(std::move(fields)).error();
  if (!domain::MayActForBody(actor.user, body, la, setting)) {
    return Error::Forbidden("idp_error_not_maintainer");
  }
  auto idp = domain::StartPlan(*learner, body, la, setting, case_id, std::move(events),
                               StepOf(services, actor));
  if (!idp) return idp.error();
  auto id = tx.Plans().Add(*idp);
  if (!id) return id.error();
  if (auto ok = AuditPlan(tx, services, actor, domain::AuditAction::kCreate, *learner, *id,
                          "start " + std::string(domain::Code(body)));
      !ok) {
    return ok.error();
  }
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *id;
}

Status SaveIdpSection(Services& services, const Actor& actor, domain::IdpId id, IdpSection section,
                      const PlanForm& form, const std::string& revision) {
  return RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, ActsForPlan, "idp_error_not_maintainer",
      std::nullopt, [&](PlanFrame& f) -> Result<std::string> {
        auto seen = SeenRevision(revision);
        if (!seen) return Error::Conflict("idp_error_section_conflict");
        if (!f.idp.draft) return Error::Conflict("idp_error_no_draft");
        domain::IdpContent edited = *f.idp.draft;
        if (auto ok = ReadSection(form, section, edited); !ok) return ok.error();
        if (section == IdpSection::kPlace && edited.place.setting &&
            !f.tx.Settings().Get(*edited.place.setting)) {
          return Error::InvalidArgument("idp_error_title", {{"setting", "idp_error_choice"}});
        }
        if (auto ok = domain::SaveSection(f.idp, section, edited, *seen, f.step); !ok) {
          return ok.error();
        }
        return "section " + std::string(domain::Code(section));
      });
}

Result<int> SaveIdpElement(Services& services, const Actor& actor, domain::IdpId id, int key,
                           const PlanForm& form, const std::string& revision) {
  int saved = 0;
  auto ok = RunPlanStep(services, actor, id, PlanAction::kViewDraft, ActsForPlan,
                        "idp_error_not_maintainer", std::nullopt,
                        [&](PlanFrame& f) -> Result<std::string> {
                          auto seen = SeenRevision(revision);
                          if (!seen) return Error::Conflict("idp_error_section_conflict");
                          auto element = ReadElement(form);
                          if (!element) return element.error();
                          element->key = key;
                          auto stored = domain::SaveElement(f.idp, *element, *seen, f.step);
                          if (!stored) return stored.error();
                          saved = *stored;
                          return "element " + std::to_string(saved);
                        });
  if (!ok) return ok.error();
  return saved;
}

Status RemoveIdpElement(Services& services, const Actor& actor, domain::IdpId id, int key,
                        const std::string& revision) {
  return RunPlanStep(services, actor, id, PlanAction::kViewDraft, ActsForPlan,
                     "idp_error_not_maintainer", std::nullopt,
                     [&](PlanFrame& f) -> Result<std::string> {
                       auto seen = SeenRevision(revision);
                       if (!seen) return Error::Conflict("idp_error_section_conflict");
                       if (auto ok = domain::RemoveElement(f.idp, key, *seen, f.step); !ok) {
                         return ok.error();
                       }
                       return "remove element " + std::to_string(key);
                     });
}

Status SaveIdpPhoto(Services& services, const Actor& actor, domain::IdpId id,
                    const UploadedFile& photo, const std::string& revision) {
  return RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, ActsForPlan, "idp_error_not_maintainer",
      std::nullopt, [&](PlanFrame& f) -> Result<std::string> {
        auto seen = SeenRevision(revision);
        if (!seen) return Error::Conflict("idp_error_section_conflict");
        if (!f.idp.draft) return Error::Conflict("idp_error_no_draft");
        domain::IdpContent edited = *f.idp.draft;
        auto stored = StorePhoto(f.tx, services, actor, f.idp.learner, photo);
        if (!stored) return stored.error();
        edited.profile.photo = *stored;
        if (auto ok = domain::SaveSection(f.idp, IdpSection::kProfile, edited, *seen, f.step);
            !ok) {
          return ok.error();
        }
        return std::string(stored->has_value() ? "photo" : "photo removed");
      });
}

Result<int> FinaliseIdp(Services& services, const Actor& actor, domain::IdpId id,
                        const PlanForm& form) {
  int number = 0;
  auto ok = RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, ActsForPlan, "idp_error_not_maintainer",
      form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
        domain::FinaliseInput input;
        auto method = domain::NoticeMethodFromCode(FormText(form, "method"));
        if (!method) f.fields.emplace("method", "idp_error_method");
        input.method = method.value_or(domain::NoticeMethod::kEmail);
        auto sent = FormDate(form, "sent_on", f.fields, true);
        input.sent_on = sent.value_or(f.today);
        auto calendar = WorkingDays(f.tx, f.idp.maintaining_la);
        if (!calendar) return calendar.error();
        const auto settings = f.tx.Cases().GetDecisionSettings(f.idp.maintaining_la);
        input.given_on = domain::GivenOn(input.method, input.sent_on, settings.post_working_days,
                                         [&](Date d) { return calendar->IsWorkingDay(d); });
        input.change_summary = form.Value("change_summary");
        input.override_reasons = form.Value("override_reasons");
        auto step = domain::Finalise(f.idp, input, f.step);
        if (!step) {
          if (auto merged = MergeFields(Result<void>(domain::Fail(step.error())), f.fields);
              !merged) {
            return merged.error();
          }
        }
        if (!f.fields.empty()) return Invalid(f.fields).error();
        number = *step;
        if (auto stopped =
                StopReviewClock(f.tx, f.idp, input.given_on, "Revised plan given", f.today);
            !stopped) {
          return stopped.error();
        }
        if (auto started =
                StartReviewClock(f.tx, f.idp, input.given_on, services, actor, "sent_on");
            !started) {
          return started.error();
        }
        return "finalise version " + std::to_string(number);
      });
  if (!ok) return ok.error();
  return number;
}

Status StartIdpRevision(Services& services, const Actor& actor, domain::IdpId id,
                        const PlanForm& form) {
  return RunPlanStep(services, actor, id, PlanAction::kViewDraft, ActsForPlan,
                     "idp_error_not_maintainer", form.Value("version"),
                     [&](PlanFrame& f) -> Result<std::string> {
                       if (auto ok = domain::StartRevision(f.idp, f.step); !ok) return ok.error();
                       return std::string("start revision");
                     });
}

Result<int> RequestIdpReview(Services& services, const Actor& actor, domain::IdpId id,
                             const PlanForm& form) {
  int number = 0;
  auto may = [](const Actor& a, const Idp& idp) {
    return a.user.role == domain::Role::kParent || a.user.role == domain::Role::kYoungPerson ||
           a.user.role == domain::Role::kHealthBoardOfficer || ActsForPlan(a, idp);
  };
  auto ok = RunPlanStep(
      services, actor, id, PlanAction::kView, may, "idp_error_request_not_allowed",
      form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
        domain::ReviewRequest request;
        switch (actor.user.role) {
          case domain::Role::kParent:
            request.by = domain::RequesterKind::kParent;
            request.name = actor.user.display_name;
            break;
          case domain::Role::kYoungPerson:
            request.by = domain::RequesterKind::kYoungPerson;
            request.name = actor.user.display_name;
            break;
          case domain::Role::kHealthBoardOfficer:
            request.by = domain::RequesterKind::kNhsBody;
            request.name = actor.user.display_name;
            break;
          default: {
            auto by = domain::RequesterKindFromCode(FormText(form, "by"));
            if (!by) f.fields.emplace("by", "idp_error_choice");
            request.by = by.value_or(domain::RequesterKind::kParent);
            request.name = FormText(form, "name");
          }
        }
        request.reasons = form.Value("reasons");
        auto on = FormDate(form, "requested_on", f.fields);
        request.requested_on = on.value_or(f.today);
        auto step = domain::RequestReview(f.idp, request, f.step);
        if (!step) {
          if (auto merged = MergeFields(Result<void>(domain::Fail(step.error())), f.fields);
              !merged) {
            return merged.error();
          }
        }
        if (!f.fields.empty()) return Invalid(f.fields).error();
        number = *step;
        return "review requested by " + std::string(domain::Code(request.by));
      });
  if (!ok) return ok.error();
  return number;
}

Status AnswerIdpReviewRequest(Services& services, const Actor& actor, domain::IdpId id, int number,
                              const PlanForm& form) {
  return RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, ActsForPlan, "idp_error_not_maintainer",
      form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
        const std::string answer = FormText(form, "answer");
        if (answer != "review" && answer != "unnecessary") {
          f.fields.emplace("answer", "idp_error_choice");
        }
        auto on = FormDate(form, "answered_on", f.fields);
        if (auto ok = MergeFields(
                domain::AnswerRequest(f.idp, number, answer != "unnecessary", form.Value("reasons"),
                                      on.value_or(f.today), f.step),
                f.fields);
            !ok) {
          return ok.error();
        }
        if (f.fields.count("answer") && answer == "unnecessary") {
          f.fields["reasons"] = f.fields["answer"];
          f.fields.erase("answer");
        }
        if (!f.fields.empty()) return Invalid(f.fields).error();
        return "request " + std::to_string(number) + " " + answer;
      });
}

Status RecordIdpReview(Services& services, const Actor& actor, domain::IdpId id,
                       const PlanForm& form) {
  return RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, ActsForPlan, "idp_error_not_maintainer",
      form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
        if (f.idp.Status() != domain::IdpStatus::kInForce) {
          return Error::Conflict(f.idp.Status() == domain::IdpStatus::kCeased
                                     ? "idp_error_ceased"
                                     : "idp_error_not_in_force");
        }
        const domain::IdpVersion& current = *f.idp.Current();
        const std::string maintainer =
            NameOfBody(f.tx, f.idp.body, f.idp.maintaining_la, f.idp.setting);
        const auto required = domain::RequiredInvitees(
            current.content, f.loaded.learner.DisplayName(), FamilyNames(f.tx, f.loaded.learner),
            domain::IsYoungPerson(f.loaded.learner, f.today), f.idp.body, maintainer);
        domain::Review review;
        auto held = FormDate(form, "held_on", f.fields, true);
        review.held_on = held.value_or(f.today);
        auto trigger = FormCode<domain::ReviewTrigger>(form, "trigger",
                                                       domain::ReviewTriggerFromCode, f.fields);
        if (!trigger && !f.fields.count("trigger")) {
          f.fields.emplace("trigger", "idp_error_choice");
        }
        review.trigger = trigger.value_or(domain::ReviewTrigger::kAnnual);
        if (review.trigger == domain::ReviewTrigger::kRequest) {
          review.request =
              static_cast<int>(domain::ParsePositiveId(FormText(form, "request")).value_or(0));
        }
        for (std::size_t i = 0; i < required.size(); ++i) {
          const std::string n = std::to_string(i + 1);
          if (FormText(form, "invited_" + n) != "yes") continue;
          domain::Invitee invitee = required[i];
          invitee.attended = FormText(form, "attended_" + n) == "yes";
          review.invitees.push_back(invitee);
        }
        for (int i = 1; i <= 5; ++i) {
          const std::string n = std::to_string(i);
          const std::string name = FormText(form, "extra_name_" + n);
          if (name.empty()) continue;
          auto kind = domain::InviteeKindFromCode(FormText(form, "extra_kind_" + n));
          review.invitees.push_back({kind.value_or(domain::InviteeKind::kOther), name,
                                     FormText(form, "extra_attended_" + n) == "yes"});
        }
        review.learner_views = form.Value("learner_views");
        review.family_views = form.Value("family_views");
        for (const auto& e : current.content.elements) {
          const std::string key = std::to_string(e.key);
          auto rating = FormCode<domain::ProgressRating>(form, "rating_" + key,
                                                         domain::ProgressRatingFromCode, f.fields);
          if (!rating) continue;
          review.progress.push_back({e.key, *rating, form.Value("note_" + key)});
        }
        auto decision = FormCode<domain::ReviewDecision>(form, "decision",
                                                         domain::ReviewDecisionFromCode, f.fields);
        if (!decision && !f.fields.count("decision")) {
          f.fields.emplace("decision", "idp_error_choice");
        }
        review.decision = decision.value_or(domain::ReviewDecision::kNoChange);
        review.reasons = form.Value("reasons");
        if (review.decision == domain::ReviewDecision::kNoChange) {
          review.notice_given_on = FormDate(form, "notice_given_on", f.fields);
        }
        Fields step_fields;
        if (auto ok =
                MergeFields(domain::RecordReview(f.idp, review, required, f.step), step_fields);
            !ok) {
          return ok.error();
        }
        // The page's inputs: each outcome's rating, the first invitee's boxes.
        for (const auto& [field, message] : step_fields) {
          std::string name = field;
          if (field.rfind("progress_", 0) == 0) name = "rating_" + field.substr(9);
          if (field == "invitees") name = "invited_1";
          if (field == "attended") name = "attended_1";
          f.fields.emplace(name, message);
        }
        if (!f.fields.empty()) return Invalid(f.fields).error();
        // Act s.23: the review is done; a new period runs from the notice of no revision, or
        // from the day the revised plan is given.
        if (auto ok = StopReviewClock(f.tx, f.idp, review.held_on, "Reviewed", f.today); !ok) {
          return ok.error();
        }
        if (review.decision == domain::ReviewDecision::kNoChange) {
          if (auto ok = StartReviewClock(f.tx, f.idp, *review.notice_given_on, services, actor,
                                         "notice_given_on");
              !ok) {
            return ok.error();
          }
        }
        return "review " + std::string(domain::Code(review.decision));
      });
}

Status CeaseIdp(Services& services, const Actor& actor, domain::IdpId id, const PlanForm& form) {
  return RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, ActsForPlan, "idp_error_not_maintainer",
      form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
        domain::Cessation c;
        auto decided = FormDate(form, "decided_on", f.fields, true);
        c.decided_on = decided.value_or(f.today);
        c.reasons = form.Value("reasons");
        auto method = domain::NoticeMethodFromCode(FormText(form, "method"));
        if (!method) f.fields.emplace("method", "idp_error_method");
        c.method = method.value_or(domain::NoticeMethod::kEmail);
        auto sent = FormDate(form, "sent_on", f.fields, true);
        c.sent_on = sent.value_or(f.today);
        c.language = FormLanguage(form, f.fields).value_or(f.loaded.learner.letter_language);
        auto calendar = WorkingDays(f.tx, f.idp.maintaining_la);
        if (!calendar) return calendar.error();
        const auto settings = f.tx.Cases().GetDecisionSettings(f.idp.maintaining_la);
        c.given_on = domain::GivenOn(c.method, c.sent_on, settings.post_working_days,
                                     [&](Date d) { return calendar->IsWorkingDay(d); });
        if (domain::CeaseIsReconsidered(f.idp.body)) {
          // Regs reg 12: 4 weeks beginning with the day after the later notification.
          const auto* t = domain::FindTimescale("cease-reconsideration-request");
          auto due = domain::DueDate(*t, t->count, c.given_on, *calendar);
          if (!due) return due.error();
          c.reconsider_by = *due;
        } else {
          const auto* t = domain::FindTimescale("tribunal-appeal");
          auto due = domain::DueDate(*t, t->count, c.given_on, *calendar);
          if (!due) return due.error();
          c.appeal_by = *due;
        }
        if (auto ok = MergeFields(domain::Cease(f.idp, c, f.step), f.fields); !ok)
          return ok.error();
        if (!f.fields.empty()) return Invalid(f.fields).error();
        if (auto ok = StopReviewClock(f.tx, f.idp, c.decided_on, "Plan ceased", f.today); !ok) {
          return ok.error();
        }
        return std::string("cease");
      });
}

Status MoveIdp(Services& services, const Actor& actor, domain::IdpId id, const PlanForm& form) {
  auto may = [](const Actor& a, const Idp& idp) {
    return ActsForPlan(a, idp) || domain::MayActForLa(a.user, idp.local_authority);
  };
  return RunPlanStep(
      services, actor, id, PlanAction::kViewDraft, may, "idp_error_not_maintainer",
      form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
        domain::PlanMove move;
        auto kind = FormCode<domain::MoveKind>(form, "kind", domain::MoveKindFromCode, f.fields);
        if (!kind && !f.fields.count("kind")) f.fields.emplace("kind", "idp_error_choice");
        move.kind = kind.value_or(domain::MoveKind::kNewSchool);
        auto on = FormDate(form, "moved_on", f.fields, true);
        move.on = on.value_or(f.today);
        move.entitlement_until = FormDate(form, "entitlement_until", f.fields);
        move.note = form.Value("note");
        std::optional<domain::Setting> to;
        if (auto s = domain::ParsePositiveId(FormText(form, "to_setting"))) {
          to = f.tx.Settings().Get(domain::SettingId{*s});
        }
        if (auto la = domain::ParsePositiveId(FormText(form, "to_la"))) {
          if (f.tx.LocalAuthorities().Get(domain::LocalAuthorityId{*la})) {
            move.to_local_authority = domain::LocalAuthorityId{*la};
          }
        }
        const domain::LocalAuthorityId before = f.idp.maintaining_la;
        if (auto ok =
                MergeFields(domain::Move(f.idp, move, f.loaded.learner, to, f.step), f.fields);
            !ok) {
          return ok.error();
        }
        if (!f.fields.empty()) return Invalid(f.fields).error();
        // The review period carries on; a plan that moves to another LA is timed on its list.
        if (f.idp.maintaining_la != before && f.idp.review_clock) {
          auto start = f.idp.ReviewPeriodStartsOn();
          if (auto ok = StopReviewClock(f.tx, f.idp, move.on, "Plan moved to another LA", f.today);
              !ok) {
            return ok.error();
          }
          if (start) {
            if (auto ok = StartReviewClock(f.tx, f.idp, *start, services, actor, "moved_on"); !ok)
              return ok.error();
          }
        }
        return "move " + std::string(domain::Code(move.kind));
      });
}

Status LinkIdpPep(Services& services, const Actor& actor, domain::IdpId id, const PlanForm& form) {
  auto may = [](const Actor& a, const Idp& idp) {
    return ActsForPlan(a, idp) || domain::MayActForLa(a.user, idp.local_authority);
  };
  return RunPlanStep(services, actor, id, PlanAction::kViewDraft, may, "idp_error_not_maintainer",
                     form.Value("version"), [&](PlanFrame& f) -> Result<std::string> {
                       auto dated = FormDate(form, "pep_dated", f.fields, true);
                       if (auto ok = MergeFields(
                               domain::LinkPep(f.idp, f.loaded.learner, form.Value("pep_reference"),
                                               dated.value_or(f.today), f.step),
                               f.fields);
                           !ok) {
                         return ok.error();
                       }
                       if (!f.fields.empty()) return Invalid(f.fields).error();
                       return std::string("pep linked");
                     });
}

Result<PlanDocumentData> IdpDocument(Services& services, const Actor& actor, domain::IdpId id,
                                     int number) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded =
      LoadPlan(tx, actor, id, number == 0 ? PlanAction::kViewDraft : PlanAction::kView, today);
  if (!loaded) return loaded.error();
  const domain::Learner learner = loaded->learner;
  PlanDocumentData data;
  data.number = number;
  if (number == 0) {
    if (!loaded->idp.draft) return Error::NotFound("idp_error_no_draft");
    data.content = *loaded->idp.draft;
  } else {
    if (number < 1 || number > static_cast<int>(loaded->idp.versions.size())) {
      return Error::NotFound("idp_error_version_not_found");
    }
    data.version = loaded->idp.versions[number - 1];
    data.content = data.version->content;
  }
  data.view = BuildView(tx, actor, std::move(*loaded), today);
  if (auto ok = AuditPlan(tx, services, actor, domain::AuditAction::kExport, learner, id,
                          "pdf " + std::to_string(number));
      !ok) {
    return ok.error();
  }
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return data;
}

Result<PlanComparison> CompareIdpVersions(Services& services, const Actor& actor, domain::IdpId id,
                                          int from, int to) {
  auto view = ViewPlan(services, actor, id);
  if (!view) return view.error();
  const Idp& idp = view->idp;
  auto content = [&](int n) -> const domain::IdpContent* {
    if (n == 0) return idp.draft ? &*idp.draft : nullptr;
    if (n < 1 || n > static_cast<int>(idp.versions.size())) return nullptr;
    return &idp.versions[n - 1].content;
  };
  const domain::IdpContent* a = content(from);
  const domain::IdpContent* b = content(to);
  if (!a || !b) return Error::NotFound("idp_error_version_not_found");
  PlanComparison out;
  out.from = from;
  out.to = to;
  out.changes = domain::Diff(*a, *b);
  out.view = std::move(*view);
  return out;
}

Result<PlanView> CessationNotice(Services& services, const Actor& actor, domain::IdpId id) {
  return ReadPlan(services, actor, id, domain::AuditAction::kExport, "cease notice",
                  [](const Idp& idp) -> Status {
                    if (!idp.cessation) return Error::NotFound("idp_error_not_ceased");
                    return domain::Ok();
                  });
}

Result<ProfilePhoto> GetProfilePhoto(Services& services, const Actor& actor, domain::PhotoId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto photo = tx.Plans().GetPhoto(id);
  if (!photo) return Error::NotFound("idp_error_photo_not_found");
  auto learner = tx.Learners().Get(photo->learner);
  if (!learner ||
      !domain::MayAccessPlan(actor.user, PlanAction::kView, *learner, services.clock.Today())) {
    return Error::Forbidden("forbidden");
  }
  return *photo;
}

namespace {

// School ALN policy (REFERENCE section 7): a profile is reviewed at least yearly.
Status StartProfileClock(UnitOfWork& tx, domain::OnePageProfile& p, Date from, Services& services,
                         const Actor& actor) {
  auto clock = ReviewClock("opp-review", p.local_authority, p.learner, from,
                           "One Page Profile " + std::to_string(p.id.value()), services, actor);
  clock.profile = p.id;
  auto id = StartClockIn(tx, clock, "written_on");
  if (!id) return id.error();
  p.review_clock = *id;
  return domain::Ok();
}

domain::ProfileContent ReadProfile(const PlanForm& form) {
  return {FormText(form, "admired"), FormText(form, "important"), FormText(form, "support"),
          FormText(form, "written_with"), std::nullopt};
}

struct LoadedProfile {
  domain::OnePageProfile profile;
  domain::Learner learner;
};

Result<LoadedProfile> LoadProfile(UnitOfWork& tx, const Actor& actor, domain::OnePageProfileId id,
                                  PlanAction action, Date today) {
  auto p = tx.Plans().GetProfile(id);
  if (!p) return Error::NotFound("profile_error_not_found");
  auto learner = tx.Learners().Get(p->learner);
  if (!learner) return Error::NotFound("profile_error_not_found");
  if (!domain::MayAccessPlan(actor.user, action, *learner, today)) {
    return Error::Forbidden("forbidden");
  }
  return LoadedProfile{std::move(*p), std::move(*learner)};
}

Status AuditProfile(UnitOfWork& tx, Services& services, const Actor& actor,
                    domain::AuditAction action, const domain::Learner& learner,
                    domain::OnePageProfileId id, const std::string& step) {
  return tx.Audit().Append(AuditFor(actor, action, learner, services.clock.Now(),
                                    "profile id=" + std::to_string(id.value()) + " " + step));
}

}  // namespace

Result<domain::OnePageProfileId> CreateProfile(Services& services, const Actor& actor,
                                               domain::LearnerId learner_id, const PlanForm& form,
                                               const UploadedFile& photo) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, PlanAction::kEdit, today);
  if (!learner) return learner.error();
  for (const auto& p : tx.Plans().ListForLearner(learner_id)) {
    if (p.Status() == domain::IdpStatus::kInForce) return Error::Conflict("profile_error_has_idp");
  }
  Fields fields;
  domain::OnePageProfile profile;
  profile.local_authority = learner->local_authority;
  profile.learner = learner_id;
  auto level = FormCode<domain::SupportLevel>(form, "level", domain::SupportLevelFromCode, fields);
  if (!level && !fields.count("level")) fields.emplace("level", "idp_error_choice");
  profile.level = level.value_or(domain::SupportLevel::kUniversal);
  profile.content = ReadProfile(form);
  auto written = FormDate(form, "written_on", fields, true);
  profile.written_on = written.value_or(today);
  if (auto s = domain::ParsePositiveId(FormText(form, "setting"))) {
    const bool registered =
        std::any_of(learner->registrations.begin(), learner->registrations.end(),
                    [&](const domain::Registration& r) {
                      return r.setting.value() == *s && !r.EndedBefore(today);
                    });
    if (!registered) {
      fields.emplace("setting", "idp_error_setting_not_learners");
    } else {
      profile.setting = domain::SettingId{*s};
    }
  }
  if (auto ok =
          MergeFields(domain::CheckProfile(profile.content, profile.written_on, today), fields);
      !ok) {
    return ok.error();
  }
  if (!fields.empty()) return Invalid(std::move(fields)).error();
  auto stored = StorePhoto(tx, services, actor, learner_id, photo);
  if (!stored) return stored.error();
  profile.content.photo = *stored;
  profile.by = actor.user.id;
  profile.at = services.clock.Now();
  auto id = tx.Plans().AddProfile(profile);
  if (!id) return id.error();
  profile.id = *id;
  if (auto ok = StartProfileClock(tx, profile, profile.written_on, services, actor); !ok) {
    return ok.error();
  }
  if (auto ok = tx.Plans().UpdateProfile(profile); !ok) return ok.error();
  if (auto ok =
          AuditProfile(tx, services, actor, domain::AuditAction::kCreate, *learner, *id, "create");
      !ok) {
    return ok.error();
  }
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *id;
}

Result<ProfileView> ViewProfile(Services& services, const Actor& actor,
                                domain::OnePageProfileId id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadProfile(tx, actor, id, PlanAction::kView, today);
  if (!loaded) return loaded.error();
  ProfileView view;
  view.profile = loaded->profile;
  view.learner = loaded->learner;
  view.today = today;
  if (view.profile.setting) view.setting = tx.Settings().Get(*view.profile.setting);
  view.may_edit = domain::MayAccessPlan(actor.user, PlanAction::kEdit, view.learner, today);
  std::vector<domain::StatutoryClock> clocks;
  for (const auto& c : tx.Clocks().ListForLearner(view.learner.id))
    if (c.profile == id) clocks.push_back(c);
  view.clocks = SummariseClocks(tx, clocks, today);
  if (auto ok =
          AuditProfile(tx, services, actor, domain::AuditAction::kView, view.learner, id, "view");
      !ok) {
    return ok.error();
  }
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Status ReviewOnePageProfile(Services& services, const Actor& actor, domain::OnePageProfileId id,
                            const PlanForm& form, const UploadedFile& photo) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadProfile(tx, actor, id, PlanAction::kEdit, today);
  if (!loaded) return loaded.error();
  auto& p = loaded->profile;
  auto seen = domain::ParseWholeNumber(FormText(form, "version"));
  if (!seen || *seen != p.version) return Error::Conflict("profile_error_conflict");
  Fields fields;
  auto on = FormDate(form, "reviewed_on", fields, true);
  auto level = FormCode<domain::SupportLevel>(form, "level", domain::SupportLevelFromCode, fields);
  domain::ProfileContent content = ReadProfile(form);
  content.photo = p.content.photo;
  if (!fields.empty()) return Invalid(std::move(fields));
  if (auto ok = domain::ReviewProfile(p, content, *on, today); !ok) return ok.error();
  if (level) p.level = *level;
  auto stored = StorePhoto(tx, services, actor, p.learner, photo);
  if (!stored) return stored.error();
  if (*stored) p.content.photo = *stored;
  if (p.review_clock) {
    if (auto ok = StopClockIn(tx, *p.review_clock, *on, "Reviewed", today); !ok) return ok;
  }
  if (auto ok = StartProfileClock(tx, p, *on, services, actor); !ok) return ok;
  if (auto ok = tx.Plans().UpdateProfile(p); !ok) return ok;
  if (auto ok = AuditProfile(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner, id,
                             "review");
      !ok) {
    return ok;
  }
  return tx.Commit();
}

Status CloseProfile(Services& services, const Actor& actor, domain::OnePageProfileId id,
                    const PlanForm& form) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadProfile(tx, actor, id, PlanAction::kEdit, today);
  if (!loaded) return loaded.error();
  auto& p = loaded->profile;
  auto seen = domain::ParseWholeNumber(FormText(form, "version"));
  if (!seen || *seen != p.version) return Error::Conflict("profile_error_conflict");
  if (p.closed) return Error::Conflict("profile_error_closed");
  p.closed = true;
  if (p.review_clock) {
    if (auto ok = StopClockIn(tx, *p.review_clock, today, "Profile closed", today); !ok) return ok;
    p.review_clock.reset();
  }
  if (auto ok = tx.Plans().UpdateProfile(p); !ok) return ok;
  if (auto ok = AuditProfile(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner, id,
                             "close");
      !ok) {
    return ok;
  }
  return tx.Commit();
}

Result<LegacyView> ViewLegacy(Services& services, const Actor& actor,
                              domain::LearnerId learner_id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, PlanAction::kViewDraft, today);
  if (!learner) return learner.error();
  LegacyView view;
  view.learner = *learner;
  view.record = tx.Plans().GetLegacyForLearner(learner_id);
  view.may_edit = domain::MayAccessPlan(actor.user, PlanAction::kEdit, *learner, today);
  view.today = today;
  return view;
}

Status SaveLegacy(Services& services, const Actor& actor, domain::LearnerId learner_id,
                  const PlanForm& form) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, PlanAction::kEdit, today);
  if (!learner) return learner.error();
  domain::LegacySenRecord record;
  if (auto existing = tx.Plans().GetLegacyForLearner(learner_id)) {
    auto seen = domain::ParseWholeNumber(FormText(form, "version"));
    if (!seen || *seen != existing->version) return Error::Conflict("legacy_error_conflict");
    record.id = existing->id;
    record.version = existing->version;
  }
  record.local_authority = learner->local_authority;
  record.learner = learner_id;
  Fields fields;
  auto status =
      FormCode<domain::LegacySenStatus>(form, "status", domain::LegacySenStatusFromCode, fields);
  if (!status && !fields.count("status")) fields.emplace("status", "idp_error_choice");
  record.status = status.value_or(domain::LegacySenStatus::kNone);
  const bool has_status = record.status != domain::LegacySenStatus::kNone;
  auto since = FormDate(form, "since", fields, has_status);
  record.since = since.value_or(learner->date_of_birth);
  record.statement_dated = FormDate(form, "statement_dated", fields);
  record.last_annual_review_on = FormDate(form, "last_annual_review_on", fields);
  record.outcome = FormCode<domain::ConversionOutcome>(form, "outcome",
                                                       domain::ConversionOutcomeFromCode, fields);
  record.converted_on = FormDate(form, "converted_on", fields);
  record.note = FormText(form, "note");
  if (auto ok = MergeFields(domain::CheckLegacyRecord(record, *learner, today), fields); !ok)
    return ok;
  if (!fields.empty()) {
    return Error::InvalidArgument("legacy_error_title", std::move(fields));
  }
  auto id = tx.Plans().PutLegacy(record);
  if (!id) return id.error();
  if (auto ok = tx.Audit().Append(AuditFor(actor, domain::AuditAction::kUpdate, *learner,
                                           services.clock.Now(),
                                           "legacy id=" + std::to_string(id->value()) + " " +
                                               std::string(domain::Code(record.status))));
      !ok) {
    return ok;
  }
  return tx.Commit();
}

Result<TransitionReportView> LegacyTransitionReport(Services& services, const Actor& actor) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const domain::LocalAuthorityId la = actor.user.local_authority;
  if (!domain::MayActForLa(actor.user, la)) return Error::Forbidden("forbidden");
  auto records = tx.Plans().ListLegacy(la);
  std::map<domain::LearnerId, Date> births;
  for (const auto& r : records) {
    if (births.count(r.learner)) continue;
    if (auto learner = tx.Learners().Get(r.learner))
      births.emplace(r.learner, learner->date_of_birth);
  }
  TransitionReportView view;
  view.rows = domain::TransitionReport(records, births);
  for (const auto& row : view.rows) {
    view.total += row.idp_notices + row.no_idp_notices + row.not_converted;
  }
  return view;
}

}  // namespace cynnal::app
