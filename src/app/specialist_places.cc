#include "app/specialist_places.h"

#include <algorithm>
#include <string>

#include "domain/access_policy.h"
#include "domain/text.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::Error;
using domain::SpecialistAction;

Status Audit(UnitOfWork& tx, Services& services, const Actor& actor, domain::AuditAction action,
             const std::string& detail) {
  return tx.Audit().Append(AuditFor(actor, action, std::nullopt, services.clock.Now(), detail));
}

// Whether the role sees specialist places at all: LA roles, and schools' staff and governors
// (their own school's); not families or health board officers.
bool MayListSpecialist(const Actor& actor) {
  const auto role = actor.user.role;
  return domain::MayAccessSpecialist(actor.user, SpecialistAction::kView,
                                     actor.user.local_authority, std::nullopt) ||
         role == domain::Role::kAlnco || role == domain::Role::kTeacher ||
         role == domain::Role::kGovernor;
}

bool MaySee(const Actor& actor, const domain::SpecialistProvision& p, SpecialistAction action) {
  return domain::MayAccessSpecialist(actor.user, action, p.local_authority, p.setting);
}

Result<domain::SpecialistProvision> Load(UnitOfWork& tx, const Actor& actor,
                                         domain::SpecialistProvisionId id,
                                         SpecialistAction action) {
  auto p = tx.Specialist().GetProvision(id);
  if (!p || !MaySee(actor, *p, SpecialistAction::kView))
    return Error::NotFound("specialist_error_not_found");
  if (!MaySee(actor, *p, action)) return Error::Forbidden("forbidden");
  return *p;
}

std::string SettingName(UnitOfWork& tx, std::optional<domain::SettingId> id) {
  if (!id) return {};
  auto s = tx.Settings().Get(*id);
  return s ? s->name : std::string();
}

// The learner with the UPN typed in `field`, of the actor's LA (or looked after by it).
std::optional<domain::Learner> LearnerByUpn(UnitOfWork& tx, const Actor& actor, const Form& form,
                                            const std::string& field, FormFields& fields,
                                            bool required) {
  std::string upn = FormText(form, field);
  std::transform(upn.begin(), upn.end(), upn.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upn.empty()) {
    if (required) fields.emplace(field, "specialist_error_upn");
    return std::nullopt;
  }
  auto learner = tx.Learners().FindByUpn(upn);
  if (!learner || (learner->local_authority != actor.user.local_authority &&
                   learner->looked_after_by != actor.user.local_authority)) {
    fields.emplace(field, "specialist_error_upn_unknown");
    return std::nullopt;
  }
  return learner;
}

// Runs one change to a provision: loads it to manage, applies `step` (returning the audit
// detail), stores it and audits it.
template <typename Step>
Status Change(Services& services, const Actor& actor, domain::SpecialistProvisionId id, Step step) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto p = Load(tx, actor, id, SpecialistAction::kManage);
  if (!p) return p.error();
  Result<std::string> detail = step(tx, *p);
  if (!detail) return detail.error();
  if (auto ok = tx.Specialist().UpdateProvision(*p); !ok) return ok;
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kUpdate,
                      "specialist provision id=" + std::to_string(id.value()) + " " + *detail);
      !ok)
    return ok;
  return tx.Commit();
}

}  // namespace

Result<SpecialistPlacesView> ListSpecialistPlaces(Services& services, const Actor& actor) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (!MayListSpecialist(actor)) return Error::Forbidden("forbidden");
  SpecialistPlacesView view;
  view.today = services.clock.Today();
  view.may_manage = domain::MayAccessSpecialist(actor.user, SpecialistAction::kManage,
                                                actor.user.local_authority, std::nullopt);
  std::map<domain::SettingId, std::string> names;
  for (auto& p : tx.Specialist().ListProvisions(actor.user.local_authority)) {
    if (!MaySee(actor, p, SpecialistAction::kView)) continue;
    if (!names.contains(p.setting)) names.emplace(p.setting, SettingName(tx, p.setting));
    SpecialistLine line{std::move(p), names.at(p.setting), {}};
    line.counts = domain::CountPlaces(line.provision, view.today);
    view.total.capacity += line.counts.capacity;
    view.total.placed += line.counts.placed;
    view.total.waiting += line.counts.waiting;
    view.total.leaving += line.counts.leaving;
    view.lines.push_back(std::move(line));
  }
  return view;
}

Result<SpecialistProvisionView> ViewSpecialistProvision(Services& services, const Actor& actor,
                                                        domain::SpecialistProvisionId id) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto p = Load(tx, actor, id, SpecialistAction::kView);
  if (!p) return p.error();
  SpecialistProvisionView view;
  view.today = services.clock.Today();
  view.may_manage = MaySee(actor, *p, SpecialistAction::kManage);
  view.line.setting_name = SettingName(tx, p->setting);
  view.line.counts = domain::CountPlaces(*p, view.today);
  view.waiting = domain::WaitingList(*p);
  for (const auto& x : p->placements) {
    if (x.HoldsPlaceOn(view.today) ||
        (x.state == domain::PlacementState::kPlaced && x.starts_on && *x.starts_on > view.today))
      view.placed.push_back(x);
    else if (x.state == domain::PlacementState::kLeft ||
             x.state == domain::PlacementState::kWithdrawn)
      view.past.push_back(x);
  }
  std::stable_sort(view.placed.begin(), view.placed.end(),
                   [](const auto& a, const auto& b) { return *a.starts_on < *b.starts_on; });
  std::stable_sort(view.past.begin(), view.past.end(),
                   [](const auto& a, const auto& b) { return a.ended_on > b.ended_on; });
  int named = 0;
  for (const auto& x : p->placements) {
    if (view.names.contains(x.learner)) continue;
    auto learner = tx.Learners().Get(x.learner);
    if (learner &&
        domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, view.today)) {
      view.names.emplace(x.learner, learner->DisplayName());
      ++named;
    }
  }
  view.line.provision = std::move(*p);
  if (named > 0) {
    if (auto ok = Audit(tx, services, actor, domain::AuditAction::kView,
                        "specialist provision id=" + std::to_string(id.value()) + " viewed");
        !ok)
      return ok.error();
    if (auto ok = tx.Commit(); !ok) return ok.error();
  }
  return view;
}

Result<domain::SpecialistProvisionId> SaveSpecialistProvision(
    Services& services, const Actor& actor, std::optional<domain::SpecialistProvisionId> id,
    const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  domain::SpecialistProvision p;
  if (id) {
    auto loaded = Load(tx, actor, *id, SpecialistAction::kManage);
    if (!loaded) return loaded.error();
    p = *loaded;
    if (const std::string seen = FormText(form, "version");
        !seen.empty() && seen != std::to_string(p.version))
      return Error::Conflict("specialist_error_conflict");
  } else {
    p.local_authority = actor.user.local_authority;
  }
  FormFields fields;
  std::optional<domain::Setting> setting;
  if (auto n = domain::ParsePositiveId(FormText(form, "setting")))
    setting = tx.Settings().Get(domain::SettingId{*n});
  if (!setting || setting->local_authority != p.local_authority)
    fields.emplace("setting", "specialist_error_setting");
  else
    p.setting = setting->id;
  if (!domain::MayAccessSpecialist(actor.user, SpecialistAction::kManage, p.local_authority,
                                   std::nullopt))
    return Error::Forbidden("forbidden");
  auto kind =
      FormCode<domain::SpecialistKind>(form, "kind", domain::SpecialistKindFromCode, fields);
  if (kind)
    p.kind = *kind;
  else if (!fields.contains("kind"))
    fields.emplace("kind", "specialist_error_kind");
  p.name = FormText(form, "name");
  p.area = FormCode<domain::AreaOfNeed>(form, "area", domain::AreaOfNeedFromCode, fields);
  p.min_age = FormNumber(form, "min_age", fields);
  p.max_age = FormNumber(form, "max_age", fields);
  p.capacity = FormNumber(form, "capacity", fields);
  if (auto ok = MergeFields(domain::CheckSpecialistProvision(p), fields); !ok) return ok.error();
  if (!fields.empty()) return Error::InvalidArgument("specialist_error_title", std::move(fields));
  p.name = domain::Trim(p.name);
  domain::SpecialistProvisionId saved;
  if (id) {
    if (auto ok = tx.Specialist().UpdateProvision(p); !ok) return ok.error();
    saved = *id;
  } else {
    auto added = tx.Specialist().AddProvision(p);
    if (!added) return added.error();
    saved = *added;
  }
  if (auto ok = Audit(
          tx, services, actor, id ? domain::AuditAction::kUpdate : domain::AuditAction::kCreate,
          "specialist provision id=" + std::to_string(saved.value()) + " " +
              std::string(domain::Code(p.kind)) + " capacity " + std::to_string(p.capacity));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return saved;
}

Result<int> AddToSpecialistWaitingList(Services& services, const Actor& actor,
                                       domain::SpecialistProvisionId id, const Form& form) {
  int key = 0;
  auto ok =
      Change(services, actor, id,
             [&](UnitOfWork& tx, domain::SpecialistProvision& p) -> Result<std::string> {
               FormFields fields;
               auto learner = LearnerByUpn(tx, actor, form, "upn", fields, true);
               auto since = FormDate(form, "waiting_since", fields, true);
               if (since && *since > services.clock.Today())
                 fields.emplace("waiting_since", "specialist_error_future");
               if (!fields.empty())
                 return Error::InvalidArgument("specialist_error_place_title", std::move(fields));
               auto added = domain::AddToWaitingList(p, learner->id, *since, std::nullopt,
                                                     FormText(form, "note"));
               if (!added) return added.error();
               key = *added;
               return "learner " + std::to_string(learner->id.value()) + " waiting";
             });
  if (!ok) return ok.error();
  return key;
}

Status PlaceSpecialistLearner(Services& services, const Actor& actor,
                              domain::SpecialistProvisionId id, int key, const Form& form) {
  return Change(
      services, actor, id, [&](UnitOfWork&, domain::SpecialistProvision& p) -> Result<std::string> {
        FormFields fields;
        auto starts = FormDate(form, "starts_on", fields, true);
        auto leave = FormDate(form, "planned_leave_on", fields);
        if (!fields.empty())
          return Error::InvalidArgument("specialist_error_place_title", std::move(fields));
        if (auto ok = domain::Place(p, key, *starts, leave); !ok) return ok.error();
        return "placement " + std::to_string(key) + " placed";
      });
}

Status EndSpecialistPlacement(Services& services, const Actor& actor,
                              domain::SpecialistProvisionId id, int key, const Form& form) {
  return Change(
      services, actor, id, [&](UnitOfWork&, domain::SpecialistProvision& p) -> Result<std::string> {
        FormFields fields;
        auto on = FormDate(form, "ended_on", fields, true);
        if (!fields.empty())
          return Error::InvalidArgument("specialist_error_place_title", std::move(fields));
        if (auto ok = domain::EndPlacement(p, key, *on, FormText(form, "note")); !ok)
          return ok.error();
        return "placement " + std::to_string(key) + " ended";
      });
}

namespace {

EquipmentLine LineFor(UnitOfWork& tx, const Actor& actor, const domain::SpecialistEquipment& e,
                      Date today) {
  EquipmentLine line;
  line.item = e;
  line.setting_name = SettingName(tx, e.setting);
  if (e.learner)
    if (auto learner = tx.Learners().Get(*e.learner);
        learner &&
        domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, today))
      line.learner_name = learner->DisplayName();
  line.may_manage =
      domain::MayAccessSpecialist(actor.user, SpecialistAction::kManage, e.local_authority,
                                  e.setting, e.owner == domain::EquipmentOwner::kSchool);
  return line;
}

bool MaySeeItem(const Actor& actor, const domain::SpecialistEquipment& e) {
  return domain::MayAccessSpecialist(actor.user, SpecialistAction::kView, e.local_authority,
                                     e.setting);
}

}  // namespace

Result<EquipmentView> ListSpecialistEquipment(Services& services, const Actor& actor) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (!MayListSpecialist(actor)) return Error::Forbidden("forbidden");
  EquipmentView view;
  const Date today = services.clock.Today();
  view.may_add = actor.user.role == domain::Role::kAlnco ||
                 domain::MayAccessSpecialist(actor.user, SpecialistAction::kManage,
                                             actor.user.local_authority, std::nullopt);
  for (const auto& e : tx.Specialist().ListEquipment(actor.user.local_authority)) {
    if (!MaySeeItem(actor, e)) continue;
    view.total_cost_pounds += e.cost_pounds;
    view.lines.push_back(LineFor(tx, actor, e, today));
  }
  return view;
}

Result<EquipmentLine> ViewSpecialistEquipment(Services& services, const Actor& actor,
                                              domain::EquipmentId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto e = tx.Specialist().GetEquipment(id);
  if (!e || !MaySeeItem(actor, *e)) return Error::NotFound("equipment_error_not_found");
  return LineFor(tx, actor, *e, services.clock.Today());
}

Result<domain::EquipmentId> SaveSpecialistEquipment(Services& services, const Actor& actor,
                                                    std::optional<domain::EquipmentId> id,
                                                    const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  domain::SpecialistEquipment e;
  if (id) {
    auto loaded = tx.Specialist().GetEquipment(*id);
    if (!loaded || !MaySeeItem(actor, *loaded)) return Error::NotFound("equipment_error_not_found");
    e = *loaded;
    if (!domain::MayAccessSpecialist(actor.user, SpecialistAction::kManage, e.local_authority,
                                     e.setting, e.owner == domain::EquipmentOwner::kSchool))
      return Error::Forbidden("forbidden");
    if (const std::string seen = FormText(form, "version");
        !seen.empty() && seen != std::to_string(e.version))
      return Error::Conflict("specialist_error_conflict");
  } else {
    e.local_authority = actor.user.local_authority;
  }
  FormFields fields;
  e.description = FormText(form, "description");
  auto owner =
      FormCode<domain::EquipmentOwner>(form, "owner", domain::EquipmentOwnerFromCode, fields);
  if (owner)
    e.owner = *owner;
  else if (!fields.contains("owner"))
    fields.emplace("owner", "equipment_error_owner");
  e.setting.reset();
  if (const std::string s = FormText(form, "setting"); !s.empty()) {
    auto n = domain::ParsePositiveId(s);
    auto setting = n ? tx.Settings().Get(domain::SettingId{*n}) : std::nullopt;
    if (!setting || setting->local_authority != e.local_authority)
      fields.emplace("setting", "specialist_error_setting");
    else
      e.setting = setting->id;
  }
  e.learner.reset();
  if (auto learner = LearnerByUpn(tx, actor, form, "upn", fields, false)) e.learner = learner->id;
  e.cost_pounds = FormNumber(form, "cost", fields);
  if (auto bought = FormDate(form, "bought_on", fields, true)) e.bought_on = *bought;
  e.returned_on = FormDate(form, "returned_on", fields);
  e.note = FormText(form, "note");
  if (!fields.contains("bought_on"))
    if (auto ok = MergeFields(domain::CheckEquipment(e, today), fields); !ok) return ok.error();
  if (!fields.empty()) return Error::InvalidArgument("equipment_error_title", std::move(fields));
  // Who may add or change it, now that its owner and school are known.
  if (!domain::MayAccessSpecialist(actor.user, SpecialistAction::kManage, e.local_authority,
                                   e.setting, e.owner == domain::EquipmentOwner::kSchool))
    return Error::Forbidden("forbidden");
  e.description = domain::Trim(e.description);
  domain::EquipmentId saved;
  if (id) {
    if (auto ok = tx.Specialist().UpdateEquipment(e); !ok) return ok.error();
    saved = *id;
  } else {
    auto added = tx.Specialist().AddEquipment(e);
    if (!added) return added.error();
    saved = *added;
  }
  if (auto ok = Audit(
          tx, services, actor, id ? domain::AuditAction::kUpdate : domain::AuditAction::kCreate,
          "equipment id=" + std::to_string(saved.value()) + " " +
              std::string(domain::Code(e.owner)) + " £" + std::to_string(e.cost_pounds));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return saved;
}

}  // namespace cynnal::app
