#include "app/family_contacts.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "domain/access_policy.h"
#include "domain/school_calendar.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::Error;
using domain::LiaisonAction;

constexpr const char* kNotFound = "family_contact_error_not_found";

// The learner, if the actor may do `action` with their contacts (kForbidden otherwise, as for the
// learner's other pages).
Result<domain::Learner> LoadLearner(UnitOfWork& tx, const Actor& actor, domain::LearnerId id,
                                    LiaisonAction action, Date today) {
  auto learner = tx.Learners().Get(id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessFamilyContacts(actor.user, action, *learner, today))
    return Error::Forbidden("forbidden");
  return *learner;
}

// Names of users, settings and family members, each read once per request.
class Names {
 public:
  explicit Names(UnitOfWork& tx) : tx_(tx) {}

  const std::string& User(domain::UserId id) {
    auto [it, added] = users_.try_emplace(id);
    if (added)
      if (auto u = tx_.Users().Get(id)) it->second = u->display_name;
    return it->second;
  }
  const std::string& Setting(domain::SettingId id) {
    auto [it, added] = settings_.try_emplace(id);
    if (added)
      if (auto s = tx_.Settings().Get(id)) it->second = s->name;
    return it->second;
  }
  const std::string& Member(domain::FamilyMemberId id) {
    auto [it, added] = members_.try_emplace(id);
    if (added)
      if (auto m = tx_.Families().Get(id)) it->second = m->full_name;
    return it->second;
  }
  const domain::Learner* Learner(domain::LearnerId id) {
    auto [it, added] = learners_.try_emplace(id);
    if (added) it->second = tx_.Learners().Get(id);
    return it->second ? &*it->second : nullptr;
  }

 private:
  UnitOfWork& tx_;
  std::map<domain::UserId, std::string> users_;
  std::map<domain::SettingId, std::string> settings_;
  std::map<domain::FamilyMemberId, std::string> members_;
  std::map<domain::LearnerId, std::optional<domain::Learner>> learners_;
};

ContactLine LineFor(Names& names, const Actor& actor, const domain::Learner& learner,
                    const domain::FamilyContact& c, Date today) {
  ContactLine line;
  line.contact = c;
  line.learner_name = learner.DisplayName();
  if (c.family_member) {
    line.with = names.Member(*c.family_member);
    for (const auto& link : learner.family)
      if (link.member == *c.family_member) line.relationship = link.relationship;
  } else {
    line.with = c.with_name;
  }
  line.recorded_by = names.User(c.by);
  if (c.setting) line.setting_name = names.Setting(*c.setting);
  line.follow_up = domain::FollowUpOf(c, today);
  line.may_remove = domain::MayAccessFamilyContacts(actor.user, LiaisonAction::kRemove, learner,
                                                    today, c.by == actor.user.id);
  line.may_follow_up =
      domain::MayAccessFamilyContacts(actor.user, LiaisonAction::kRecord, learner, today) &&
      (line.follow_up == domain::FollowUpState::kDue ||
       line.follow_up == domain::FollowUpState::kOverdue);
  return line;
}

// The setting a school's member of staff records for: one of theirs where the learner is
// registered and has not left by `today` (the first such registration).
std::optional<domain::SettingId> RecordingSetting(const Actor& actor,
                                                  const domain::Learner& learner, Date today) {
  if (actor.user.role == domain::Role::kLaAdministrator ||
      actor.user.role == domain::Role::kLaOfficer)
    return std::nullopt;
  for (const auto& r : learner.registrations)
    if (!r.EndedBefore(today) && std::find(actor.user.settings.begin(), actor.user.settings.end(),
                                           r.setting) != actor.user.settings.end())
      return r.setting;
  return std::nullopt;
}

Status Audit(UnitOfWork& tx, Services& services, const Actor& actor, domain::AuditAction action,
             const domain::Learner& learner, const std::string& detail) {
  return tx.Audit().Append(AuditFor(actor, action, learner, services.clock.Now(), detail));
}

std::string Detail(domain::FamilyContactId id, const std::string& what) {
  return "family contact id=" + std::to_string(id.value()) + " " + what;
}

// A contact and its learner, if the actor may do `action` with it. One the actor may not see is
// "not found".
struct LoadedContact {
  domain::FamilyContact contact;
  domain::Learner learner;
};
Result<LoadedContact> LoadContact(UnitOfWork& tx, const Actor& actor, domain::FamilyContactId id,
                                  LiaisonAction action, Date today) {
  auto contact = tx.FamilyContacts().GetContact(id);
  if (!contact) return Error::NotFound(kNotFound);
  auto learner = tx.Learners().Get(contact->learner);
  if (!learner ||
      !domain::MayAccessFamilyContacts(actor.user, LiaisonAction::kView, *learner, today))
    return Error::NotFound(kNotFound);
  if (!domain::MayAccessFamilyContacts(actor.user, action, *learner, today,
                                       contact->by == actor.user.id))
    return Error::Forbidden("forbidden");
  return LoadedContact{*contact, *learner};
}

// Every contact (of one learner, if given), whenever it was held.
ContactQuery AllOf(std::optional<domain::LearnerId> learner) {
  ContactQuery query;
  query.learner = learner;
  query.from = Date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
  query.through = Date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};
  return query;
}

Status CheckVersion(const Form& form, const domain::FamilyContact& c) {
  if (const std::string seen = FormText(form, "version");
      !seen.empty() && seen != std::to_string(c.version))
    return Error::Conflict("family_contact_error_conflict");
  return domain::Ok();
}

}  // namespace

Result<LearnerContactsView> ViewFamilyContacts(Services& services, const Actor& actor,
                                               domain::LearnerId id) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto learner = LoadLearner(tx, actor, id, LiaisonAction::kView, today);
  if (!learner) return learner.error();
  LearnerContactsView view;
  view.learner = *learner;
  view.today = today;
  view.may_record =
      domain::MayAccessFamilyContacts(actor.user, LiaisonAction::kRecord, *learner, today);
  Names names(tx);
  for (const auto& c : tx.FamilyContacts().ListContacts(AllOf(id))) {
    view.lines.push_back(LineFor(names, actor, *learner, c, today));
    if (view.lines.back().follow_up == domain::FollowUpState::kOverdue) ++view.overdue;
  }
  for (const auto& link : learner->family)
    if (auto m = tx.Families().Get(link.member))
      view.family.push_back({link.member, m->full_name, link.relationship, m->preferred_language});
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kView, *learner,
                      "family contacts viewed");
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

std::optional<ContactCounts> CountFamilyContacts(Services& services, const Actor& actor,
                                                 domain::LearnerId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return std::nullopt;
  auto& tx = **uow;
  const Date today = services.clock.Today();
  if (!LoadLearner(tx, actor, id, LiaisonAction::kView, today)) return std::nullopt;
  ContactCounts counts;
  for (const auto& c : tx.FamilyContacts().ListContacts(AllOf(id))) {
    ++counts.contacts;
    if (!counts.last || c.on > *counts.last) counts.last = c.on;
    if (domain::FollowUpOf(c, today) == domain::FollowUpState::kOverdue) ++counts.overdue;
  }
  return counts;
}

Result<domain::FamilyContactId> RecordFamilyContact(Services& services, const Actor& actor,
                                                    domain::LearnerId id, const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto learner = LoadLearner(tx, actor, id, LiaisonAction::kRecord, today);
  if (!learner) return learner.error();
  domain::FamilyContact c;
  c.local_authority = learner->local_authority;
  c.learner = id;
  c.setting = RecordingSetting(actor, *learner, today);
  c.by = actor.user.id;
  c.at = services.clock.Now();
  FormFields fields;
  if (auto on = FormDate(form, "on", fields, true)) c.on = *on;
  const std::string member = FormText(form, "family_member");
  if (member.empty()) {
    fields.emplace("family_member", "family_contact_error_with");
  } else if (member != "other") {
    auto n = domain::ParsePositiveId(member);
    const bool linked =
        n && std::any_of(learner->family.begin(), learner->family.end(),
                         [&](const auto& link) { return link.member.value() == *n; });
    if (!linked)
      fields.emplace("family_member", "family_contact_error_member");
    else
      c.family_member = domain::FamilyMemberId{*n};
  } else {
    c.with_name = FormText(form, "with_name");
  }
  auto required = [&](const char* name, auto parse, auto& into) {
    auto value = FormCode<std::decay_t<decltype(into)>>(form, name, parse, fields);
    if (value)
      into = *value;
    else if (!fields.contains(name))
      fields.emplace(name, "family_contact_error_choose");
  };
  required("method", domain::ContactMethodFromCode, c.method);
  required("purpose", domain::ContactPurposeFromCode, c.purpose);
  required("started_by", domain::ContactStarterFromCode, c.started_by);
  required("language", domain::LetterLanguageFromCode, c.language);
  c.summary = FormText(form, "summary");
  c.actions = FormText(form, "actions");
  c.follow_up_by = FormDate(form, "follow_up_by", fields);
  {
    // Without a date the checks that compare with it are left until one is typed.
    const bool dated = !fields.contains("on");
    domain::FamilyContact checked = c;
    if (!dated) checked.on = today;
    if (auto ok = domain::CheckFamilyContact(checked, today); !ok) {
      if (ok.error().code != domain::ErrorCode::kInvalidArgument) return ok.error();
      for (const auto& [field, message] : ok.error().fields) {
        if (!dated && field == "follow_up_by") continue;
        // "with" is the form's family_member field, or with_name when someone else was chosen.
        fields.emplace(
            field == "with" ? (member == "other" ? "with_name" : "family_member") : field, message);
      }
    }
  }
  if (!fields.empty())
    return Error::InvalidArgument("family_contact_error_title", std::move(fields));
  c.with_name = domain::Trim(c.with_name);
  c.summary = domain::Trim(c.summary);
  c.actions = domain::Trim(c.actions);
  auto added = tx.FamilyContacts().AddContact(c);
  if (!added) return added.error();
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kCreate, *learner,
                      Detail(*added, std::string(domain::Code(c.method)) + " " +
                                         std::string(domain::Code(c.purpose))));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *added;
}

Result<ContactLine> ViewFamilyContact(Services& services, const Actor& actor,
                                      domain::FamilyContactId id) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto loaded = LoadContact(tx, actor, id, LiaisonAction::kView, today);
  if (!loaded) return loaded.error();
  Names names(tx);
  ContactLine line = LineFor(names, actor, loaded->learner, loaded->contact, today);
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kView, loaded->learner,
                      Detail(id, "viewed"));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return line;
}

Status RecordContactFollowUp(Services& services, const Actor& actor, domain::FamilyContactId id,
                             const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto loaded = LoadContact(tx, actor, id, LiaisonAction::kRecord, today);
  if (!loaded) return loaded.error();
  auto& c = loaded->contact;
  if (auto ok = CheckVersion(form, c); !ok) return ok;
  FormFields fields;
  auto on = FormDate(form, "followed_up_on", fields, true);
  if (!on) return Error::InvalidArgument("family_contact_error_title", std::move(fields));
  if (auto ok = domain::RecordFollowUp(c, *on, today); !ok) return ok.error();
  if (auto ok = tx.FamilyContacts().UpdateContact(c); !ok) return ok;
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner,
                      Detail(id, "followed up " + domain::FormatIsoDate(*on)));
      !ok)
    return ok;
  return tx.Commit();
}

Status RemoveFamilyContact(Services& services, const Actor& actor, domain::FamilyContactId id,
                           const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto loaded = LoadContact(tx, actor, id, LiaisonAction::kRemove, today);
  if (!loaded) return loaded.error();
  if (auto ok = CheckVersion(form, loaded->contact); !ok) return ok;
  if (auto ok = tx.FamilyContacts().RemoveContact(id); !ok) return ok;
  if (auto ok =
          Audit(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner,
                Detail(id, "removed (held " + domain::FormatIsoDate(loaded->contact.on) + ")"));
      !ok)
    return ok;
  return tx.Commit();
}

Result<SchoolLiaisonView> ViewSchoolLiaison(Services& services, const Actor& actor,
                                            domain::SettingId id, int academic_year) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto setting = tx.Settings().Get(id);
  if (!setting) return Error::NotFound("setting_error_not_found");
  if (!domain::MayAccessProvision(actor.user, domain::ProvisionAction::kView, *setting))
    return Error::Forbidden("forbidden");
  SchoolLiaisonView view;
  view.setting = *setting;
  view.today = today;
  view.academic_year = academic_year > 0 ? academic_year : domain::AcademicYearOf(today);
  const Date from = domain::AcademicYearStart(view.academic_year);
  const Date through = domain::AcademicYearEnd(view.academic_year);
  Names names(tx);
  // Every contact the school has held, for follow-ups still open from earlier years too.
  ContactQuery query = AllOf(std::nullopt);
  query.setting = id;
  const auto held = tx.FamilyContacts().ListContacts(query);
  view.summary = domain::SummariseLiaison(held, from, through, today);
  for (const auto& c : held) {
    // A learner who has since left is counted but not listed to staff who no longer see them.
    const domain::Learner* learner = names.Learner(c.learner);
    if (!learner ||
        !domain::MayAccessFamilyContacts(actor.user, LiaisonAction::kView, *learner, today))
      continue;
    auto line = LineFor(names, actor, *learner, c, today);
    if (line.follow_up == domain::FollowUpState::kDue ||
        line.follow_up == domain::FollowUpState::kOverdue)
      view.follow_ups.push_back(line);
    if (c.on >= from && c.on <= through) view.lines.push_back(std::move(line));
  }
  std::stable_sort(view.follow_ups.begin(), view.follow_ups.end(),
                   [](const ContactLine& a, const ContactLine& b) {
                     return *a.contact.follow_up_by < *b.contact.follow_up_by;
                   });
  // Who on the register has had no contact this year, by the school or the LA.
  std::set<domain::LearnerId> contacted;
  ContactQuery year;
  year.local_authority = setting->local_authority;
  year.from = from;
  year.through = through;
  for (const auto& c : tx.FamilyContacts().ListContacts(year)) contacted.insert(c.learner);
  RegisterCounts counts;
  for (auto& row : RegisterRows(tx, id, today, counts))
    if (!contacted.contains(row.learner)) view.not_contacted.push_back(std::move(row));
  view.register_total = counts.total;
  if (auto ok = tx.Audit().Append(AuditFor(actor, domain::AuditAction::kView, std::nullopt,
                                           services.clock.Now(),
                                           "family liaison setting=" + std::to_string(id.value()) +
                                               " " + std::to_string(view.academic_year)));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

}  // namespace cynnal::app
