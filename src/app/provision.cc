#include "app/provision.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "app/calendars.h"
#include "domain/access_policy.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::Error;
using domain::ProvisionAction;

constexpr int kAllLearners = 100000;

void FillDelivery(UnitOfWork& tx, SchoolDeliveryView& view);

Result<domain::Setting> LoadSetting(UnitOfWork& tx, const Actor& actor, domain::SettingId id,
                                    ProvisionAction action) {
  auto setting = tx.Settings().Get(id);
  if (!setting) return Error::NotFound("setting_error_not_found");
  if (!domain::MayAccessProvision(actor.user, action, *setting))
    return Error::Forbidden("forbidden");
  return *setting;
}

struct LoadedMap {
  domain::Setting setting;
  domain::ProvisionMap map;
};

Result<LoadedMap> LoadMap(UnitOfWork& tx, const Actor& actor, domain::ProvisionMapId id,
                          ProvisionAction action) {
  auto map = tx.Provision().GetMap(id);
  if (!map) return Error::NotFound("provision_error_map_not_found");
  auto setting = LoadSetting(tx, actor, map->setting, action);
  if (!setting) return setting.error();
  return LoadedMap{*setting, *map};
}

Status Audit(UnitOfWork& tx, Services& services, const Actor& actor, domain::AuditAction action,
             std::optional<domain::LearnerId> learner, const std::string& detail) {
  return tx.Audit().Append(AuditFor(actor, action, learner, services.clock.Now(), detail));
}

std::string MapDetail(const domain::ProvisionMap& map, const std::string& what) {
  return "provision map id=" + std::to_string(map.id.value()) +
         " setting=" + std::to_string(map.setting.value()) + " " +
         std::to_string(map.academic_year) + " " + what;
}

// Learners registered at the setting on `on`, by name.
std::vector<domain::Learner> LearnersAt(UnitOfWork& tx, domain::SettingId setting, Date on) {
  LearnerQuery query;
  query.scope.settings = {setting};
  query.scope.on = on;
  query.limit = kAllLearners;
  return tx.Learners().Search(query).items;
}

std::vector<LearnerOption> OptionsAt(UnitOfWork& tx, domain::SettingId setting, Date on) {
  std::vector<LearnerOption> out;
  for (const auto& l : LearnersAt(tx, setting, on))
    out.push_back({l.id, l.DisplayName(), domain::YearGroupOn(l.date_of_birth, on)});
  return out;
}

std::map<domain::LearnerId, std::string> NamesOn(UnitOfWork& tx, const domain::ProvisionMap& map) {
  std::map<domain::LearnerId, std::string> names;
  for (const auto& p : map.provisions)
    for (const auto& l : p.learners)
      if (!names.contains(l.learner))
        if (auto learner = tx.Learners().Get(l.learner))
          names.emplace(l.learner, learner->DisplayName());
  return names;
}

// Runs one change to a map in a write unit: loads it for editing, applies `step` (which returns
// the audit detail), stores it and audits it as "update".
template <typename Step>
Status ChangeMap(Services& services, const Actor& actor, domain::ProvisionMapId id, Step step) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadMap(tx, actor, id, ProvisionAction::kEdit);
  if (!loaded) return loaded.error();
  Result<std::string> detail = step(tx, *loaded);
  if (!detail) return detail.error();
  if (auto ok = tx.Provision().UpdateMap(loaded->map); !ok) return ok;
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kUpdate, std::nullopt,
                      MapDetail(loaded->map, *detail));
      !ok)
    return ok;
  return tx.Commit();
}

// Calendars of settings, compiled once each per request.
class Calendars {
 public:
  explicit Calendars(UnitOfWork& tx) : tx_(tx) {}
  const domain::SchoolCalendar* For(domain::SettingId id) {
    auto it = cache_.find(id);
    if (it == cache_.end()) {
      std::optional<domain::SchoolCalendar> compiled;
      if (auto setting = tx_.Settings().Get(id))
        if (auto calendar = CalendarFor(tx_, &*setting, setting->local_authority))
          compiled = std::move(*calendar);
      it = cache_.emplace(id, std::move(compiled)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  UnitOfWork& tx_;
  std::map<domain::SettingId, std::optional<domain::SchoolCalendar>> cache_;
};

// Builds a learner's delivery lines from their plan in force and the maps of the schools they are
// registered at today.
class LineBuilder {
 public:
  LineBuilder(UnitOfWork& tx, Date today) : tx_(tx), today_(today), calendars_(tx) {}

  std::vector<DeliveryLine> Lines(const domain::Learner& learner,
                                  const std::vector<domain::DeliveryRecord>& records) {
    std::vector<DeliveryLine> lines;
    const auto registrations = learner.RegistrationsOn(today_);
    std::optional<domain::SettingId> school;
    if (!registrations.empty()) school = registrations.front().setting;
    for (const auto& idp : tx_.Plans().ListForLearner(learner.id)) {
      if (idp.Status() != domain::IdpStatus::kInForce) continue;
      const domain::IdpVersion* current = idp.Current();
      if (!current) continue;
      std::optional<domain::SettingId> where = idp.setting ? idp.setting : school;
      if (!where) continue;
      for (const auto& e : current->content.elements) {
        if (e.sessions <= 0 || !e.per) continue;
        DeliveryLine line;
        line.learner = learner.id;
        line.setting = *where;
        line.idp = idp.id;
        line.element = e.key;
        line.target = "alp-" + std::to_string(idp.id.value()) + "-" + std::to_string(e.key);
        line.title = !e.provision.empty() ? e.provision : e.outcome;
        line.sessions = e.sessions;
        line.minutes = e.minutes;
        line.per = *e.per;
        const Date starts =
            e.starts_on ? std::max(*e.starts_on, current->given_on) : current->given_on;
        line.period = domain::PeriodFor(starts, e.ends ? e.review_on : std::nullopt, today_);
        Measure(line, records);
        lines.push_back(std::move(line));
      }
    }
    for (const auto& r : registrations) {
      auto map = Map(r.setting);
      if (!map) continue;
      for (const auto& p : map->provisions) {
        if (p.sessions <= 0 || !p.per) continue;
        const domain::ProvisionLearner* place = p.Learner(learner.id);
        if (!place) continue;
        DeliveryLine line;
        line.learner = learner.id;
        line.setting = r.setting;
        line.map = map->id;
        line.provision = p.key;
        line.target = "provision-" + std::to_string(map->id.value()) + "-" + std::to_string(p.key);
        line.title = p.name;
        line.sessions = p.sessions;
        line.minutes = p.minutes;
        line.per = *p.per;
        line.period = domain::PeriodFor(place->joined_on, place->left_on, today_);
        Measure(line, records);
        lines.push_back(std::move(line));
      }
    }
    return lines;
  }

  const std::optional<domain::ProvisionMap>& Map(domain::SettingId setting) {
    auto it = maps_.find(setting);
    if (it == maps_.end())
      it = maps_.emplace(setting, tx_.Provision().FindMap(setting, domain::AcademicYearOf(today_)))
               .first;
    return it->second;
  }

 private:
  void Measure(DeliveryLine& line, const std::vector<domain::DeliveryRecord>& records) {
    if (const auto* calendar = calendars_.For(line.setting); calendar && calendar->has_terms())
      line.total.promised = domain::PromisedSessions(line.sessions, line.per, line.period.from,
                                                     line.period.through, *calendar);
    else
      line.unknown_calendar = true;
    for (const auto& r : records) {
      if (r.learner != line.learner || r.on < line.period.from || r.on > line.period.through)
        continue;
      const bool same = line.idp ? (r.idp == line.idp && r.element == line.element)
                                 : (r.map == line.map && r.provision == line.provision);
      if (!same) continue;
      line.total.delivered += r.delivered;
      line.total.missed += r.missed;
    }
  }

  UnitOfWork& tx_;
  Date today_;
  Calendars calendars_;
  std::map<domain::SettingId, std::optional<domain::ProvisionMap>> maps_;
};

std::vector<domain::DeliveryRecord> YearRecords(UnitOfWork& tx,
                                                std::optional<domain::LearnerId> learner,
                                                std::optional<domain::SettingId> setting,
                                                Date today) {
  DeliveryQuery query;
  query.learner = learner;
  query.setting = setting;
  query.from = domain::AcademicYearStart(domain::AcademicYearOf(today));
  query.through = today;
  return tx.Provision().ListDeliveries(query);
}

// The register facts of one learner at a school, with the map's provisions they receive today.
RegisterRow RowFor(UnitOfWork& tx, const domain::Learner& learner,
                   const std::optional<domain::ProvisionMap>& map, Date today) {
  RegisterRow row;
  row.learner = learner.id;
  row.name = learner.DisplayName();
  row.upn = learner.upn.str();
  row.year_group = domain::YearGroupOn(learner.date_of_birth, today);
  auto& facts = row.facts;
  for (const auto& idp : tx.Plans().ListForLearner(learner.id)) {
    if (idp.Status() != domain::IdpStatus::kInForce || !idp.Current()) continue;
    const bool by_la = idp.body == domain::DecidingBody::kLocalAuthority;
    if (!facts.idp_in_force || by_la) facts.idp_in_force = idp.body;
    const auto& needs = idp.Current()->content.needs;
    facts.areas.insert(needs.areas.begin(), needs.areas.end());
    facts.types.insert(needs.types.begin(), needs.types.end());
  }
  if (auto legacy = tx.Plans().GetLegacyForLearner(learner.id)) {
    facts.legacy = legacy->status;
    facts.legacy_converted = legacy->outcome.has_value();
  }
  for (const auto& profile : tx.Plans().ListProfilesForLearner(learner.id)) {
    if (profile.closed) continue;
    if (!facts.profile || profile.level == domain::SupportLevel::kTargeted)
      facts.profile = profile.level;
  }
  if (map) {
    for (const auto& p : map->provisions) {
      const auto* place = p.Learner(learner.id);
      if (!place || place->joined_on > today || (place->left_on && *place->left_on <= today))
        continue;
      row.provisions.push_back(p.name);
      if (!facts.highest_provision || p.level > *facts.highest_provision)
        facts.highest_provision = p.level;
      if (p.area) facts.areas.insert(*p.area);
    }
  }
  if (auto category = domain::RegisterCategoryOf(facts)) row.category = *category;
  return row;
}

// The map's totals by level and learners per provision, counted on the day the map is read for:
// today within its year, else its last day.
void FillTotals(ProvisionMapView& view) {
  Date on = view.today;
  if (on > domain::AcademicYearEnd(view.academic_year))
    on = domain::AcademicYearEnd(view.academic_year);
  std::map<domain::ProvisionLevel, std::set<domain::LearnerId>> by_level;
  std::set<domain::LearnerId> everyone;
  for (const auto& p : view.map->provisions) {
    auto& t = view.totals[p.level];
    ++t.provisions;
    t.staff_hours_tenths += p.staff_hours_tenths;
    t.cost_per_term_pounds += p.cost_per_term_pounds;
    view.current[p.key] = p.CurrentLearners(on);
    for (const auto& l : p.learners)
      if (l.joined_on <= on && (!l.left_on || *l.left_on > on)) {
        by_level[p.level].insert(l.learner);
        everyone.insert(l.learner);
      }
  }
  for (auto& [level, t] : view.totals) {
    t.learners = static_cast<int>(by_level[level].size());
    view.total.provisions += t.provisions;
    view.total.staff_hours_tenths += t.staff_hours_tenths;
    view.total.cost_per_term_pounds += t.cost_per_term_pounds;
  }
  view.total.learners = static_cast<int>(everyone.size());
}

}  // namespace

std::vector<RegisterRow> RegisterRows(UnitOfWork& tx, domain::SettingId id, Date today,
                                      RegisterCounts& counts) {
  std::vector<RegisterRow> rows;
  const auto map = tx.Provision().FindMap(id, domain::AcademicYearOf(today));
  const auto learners = LearnersAt(tx, id, today);
  counts.roll = static_cast<int>(learners.size());
  for (const auto& learner : learners) {
    RegisterRow row = RowFor(tx, learner, map, today);
    if (!domain::RegisterCategoryOf(row.facts)) continue;
    ++counts.total;
    ++counts.by_category[row.category];
    ++counts.by_year_group[row.year_group];
    for (auto area : row.facts.areas) ++counts.by_area[area];
    rows.push_back(std::move(row));
  }
  return rows;
}

namespace {

Result<AlnRegisterView> BuildRegister(Services& services, const Actor& actor, domain::SettingId id,
                                      bool for_export) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kViewCounts);
  if (!setting) return setting.error();
  AlnRegisterView view;
  view.setting = *setting;
  view.today = services.clock.Today();
  view.may_export = domain::MayAccessProvision(actor.user, ProvisionAction::kExport, *setting);
  view.names_shown = for_export
                         ? view.may_export
                         : domain::MayAccessProvision(actor.user, ProvisionAction::kView, *setting);
  auto rows = RegisterRows(tx, id, view.today, view.counts);
  if (view.names_shown) view.rows = std::move(rows);
  std::stable_sort(
      view.rows.begin(), view.rows.end(),
      [](const RegisterRow& a, const RegisterRow& b) { return a.category < b.category; });
  if (view.names_shown) {
    std::string detail = "aln register setting=" + std::to_string(id.value()) + " " +
                         std::to_string(view.rows.size()) + " learners";
    if (auto ok = Audit(tx, services, actor,
                        for_export ? domain::AuditAction::kExport : domain::AuditAction::kView,
                        std::nullopt, detail);
        !ok)
      return ok.error();
    if (auto ok = tx.Commit(); !ok) return ok.error();
  }
  return view;
}

// Reads "hours" typed with at most one decimal place ("2.5") as tenths.
int FormTenths(const Form& form, const std::string& name, FormFields& fields) {
  const std::string text = FormText(form, name);
  if (text.empty()) return 0;
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string part = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto w = domain::ParseWholeNumber(whole.empty() ? "0" : whole);
  auto f = domain::ParseWholeNumber(part.empty() ? "0" : part);
  if (!w || !f || *w < 0 || *w > 10000 || part.size() > 1 ||
      (dot != std::string::npos && part.empty())) {
    fields.emplace(name, "provision_error_hours_format");
    return 0;
  }
  return static_cast<int>(*w * 10 + *f);
}

}  // namespace

Result<ProvisionMapView> ViewProvisionMap(Services& services, const Actor& actor,
                                          domain::SettingId id, int academic_year) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kViewCounts);
  if (!setting) return setting.error();
  ProvisionMapView view;
  view.setting = *setting;
  view.today = services.clock.Today();
  view.academic_year = academic_year ? academic_year : domain::AcademicYearOf(view.today);
  view.names_shown = domain::MayAccessProvision(actor.user, ProvisionAction::kView, *setting);
  const bool may_edit = domain::MayAccessProvision(actor.user, ProvisionAction::kEdit, *setting);
  const auto maps = tx.Provision().ListMaps(id);
  for (const auto& m : maps) {
    view.years.push_back(m.academic_year);
    if (m.academic_year == view.academic_year) view.map = m;
  }
  view.may_start = may_edit && !view.map;
  if (view.map) {
    view.may_edit = may_edit && !view.map->review;
    const bool next_exists = std::any_of(maps.begin(), maps.end(), [&](const auto& m) {
      return m.academic_year == view.academic_year + 1;
    });
    view.may_roll_over = view.may_edit && !next_exists;
    FillTotals(view);
    // Without names, no learner's place or measures either: only the counts above.
    if (!view.names_shown)
      for (auto& p : view.map->provisions) p.learners.clear();
    if (view.names_shown) {
      view.names = NamesOn(tx, *view.map);
      if (auto ok = Audit(tx, services, actor, domain::AuditAction::kView, std::nullopt,
                          MapDetail(*view.map, "viewed"));
          !ok)
        return ok.error();
      if (auto ok = tx.Commit(); !ok) return ok.error();
    }
  }
  return view;
}

Result<ProvisionMapView> ViewProvisionMapById(Services& services, const Actor& actor,
                                              domain::ProvisionMapId id) {
  std::optional<domain::ProvisionMap> map;
  {
    auto uow = Begin(services, TxMode::kRead);
    if (!uow) return uow.error();
    map = (*uow)->Provision().GetMap(id);
  }
  if (!map) return Error::NotFound("provision_error_map_not_found");
  return ViewProvisionMap(services, actor, map->setting, map->academic_year);
}

Result<domain::ProvisionMapId> StartProvisionMap(Services& services, const Actor& actor,
                                                 domain::SettingId id, int academic_year) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kEdit);
  if (!setting) return setting.error();
  const Date today = services.clock.Today();
  domain::ProvisionMap map;
  map.local_authority = setting->local_authority;
  map.setting = id;
  map.academic_year = academic_year ? academic_year : domain::AcademicYearOf(today);
  if (map.academic_year < domain::AcademicYearOf(today) - 1 ||
      map.academic_year > domain::AcademicYearOf(today) + 1)
    return Error::InvalidArgument("provision_error_year_title",
                                  {{"academic_year", "provision_error_year_range"}});
  auto added = tx.Provision().AddMap(map);
  if (!added) return added.error();
  map.id = *added;
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kCreate, std::nullopt,
                      MapDetail(map, "started"));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *added;
}

Result<ProvisionDetailView> ViewProvision(Services& services, const Actor& actor,
                                          domain::ProvisionMapId id, int key) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadMap(tx, actor, id, ProvisionAction::kViewCounts);
  if (!loaded) return loaded.error();
  const domain::Provision* provision = loaded->map.Find(key);
  if (!provision) return Error::NotFound("provision_error_not_found");
  ProvisionDetailView view;
  view.setting = loaded->setting;
  view.map = loaded->map;
  view.provision = *provision;
  view.today = services.clock.Today();
  view.names_shown =
      domain::MayAccessProvision(actor.user, ProvisionAction::kView, loaded->setting);
  view.may_edit = !loaded->map.review &&
                  domain::MayAccessProvision(actor.user, ProvisionAction::kEdit, loaded->setting);
  view.current_learners = provision->CurrentLearners(view.today);
  if (!view.names_shown) {
    view.provision.learners.clear();
    return view;
  }
  view.names = NamesOn(tx, loaded->map);
  if (view.may_edit) view.options = OptionsAt(tx, loaded->setting.id, view.today);
  if (provision->sessions > 0 && provision->per) {
    Calendars calendars(tx);
    const auto* calendar = calendars.For(loaded->setting.id);
    DeliveryQuery query;
    query.setting = loaded->setting.id;
    query.from = domain::AcademicYearStart(loaded->map.academic_year);
    query.through = std::min(view.today, domain::AcademicYearEnd(loaded->map.academic_year));
    const auto records = tx.Provision().ListDeliveries(query);
    for (const auto& place : provision->learners) {
      auto& total = view.delivery[place.learner];
      const auto period = domain::PeriodFor(
          place.joined_on, place.left_on ? place.left_on : std::optional<Date>(query.through),
          view.today);
      if (calendar && calendar->has_terms())
        total.promised += domain::PromisedSessions(provision->sessions, *provision->per,
                                                   period.from, period.through, *calendar);
      for (const auto& r : records)
        if (r.learner == place.learner && r.map == loaded->map.id && r.provision == key &&
            r.on >= period.from && r.on <= period.through) {
          total.delivered += r.delivered;
          total.missed += r.missed;
        }
    }
  }
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kView, std::nullopt,
                      MapDetail(loaded->map, "provision " + std::to_string(key) + " viewed"));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Result<int> SaveProvisionItem(Services& services, const Actor& actor, domain::ProvisionMapId id,
                              int key, const Form& form) {
  int saved = 0;
  auto ok =
      ChangeMap(services, actor, id, [&](UnitOfWork&, LoadedMap& loaded) -> Result<std::string> {
        if (const std::string seen = FormText(form, "version");
            !seen.empty() && seen != std::to_string(loaded.map.version))
          return Error::Conflict("provision_error_conflict");
        FormFields fields;
        domain::Provision p;
        if (key != 0) {
          const domain::Provision* stored = loaded.map.Find(key);
          if (!stored) return Error::NotFound("provision_error_not_found");
          p = *stored;
        }
        p.name = FormText(form, "name");
        auto level =
            FormCode<domain::ProvisionLevel>(form, "level", domain::ProvisionLevelFromCode, fields);
        if (level)
          p.level = *level;
        else if (!fields.contains("level"))
          fields.emplace("level", "provision_error_level");
        p.area = FormCode<domain::AreaOfNeed>(form, "area", domain::AreaOfNeedFromCode, fields);
        p.staff = FormText(form, "staff");
        p.staff_hours_tenths = FormTenths(form, "staff_hours", fields);
        p.group_size = FormNumber(form, "group_size", fields);
        p.sessions = FormNumber(form, "sessions", fields);
        p.minutes = FormNumber(form, "minutes", fields);
        p.per =
            FormCode<domain::ProvisionPeriod>(form, "per", domain::ProvisionPeriodFromCode, fields);
        p.cost_per_term_pounds = FormNumber(form, "cost_per_term", fields);
        if (form.Has("impact")) p.impact = FormText(form, "impact");
        if (auto checked = MergeFields(domain::CheckProvision(p), fields); !checked)
          return checked.error();
        if (!fields.empty())
          return Error::InvalidArgument("provision_error_title", std::move(fields));
        auto stored = domain::SaveProvision(loaded.map, p);
        if (!stored) return stored.error();
        saved = *stored;
        return std::string(key == 0 ? "provision added " : "provision changed ") +
               std::to_string(saved);
      });
  if (!ok) return ok.error();
  return saved;
}

Status RemoveProvisionItem(Services& services, const Actor& actor, domain::ProvisionMapId id,
                           int key) {
  return ChangeMap(services, actor, id, [&](UnitOfWork&, LoadedMap& loaded) -> Result<std::string> {
    if (auto ok = domain::RemoveProvision(loaded.map, key); !ok) return ok.error();
    return "provision removed " + std::to_string(key);
  });
}

Status AddProvisionLearner(Services& services, const Actor& actor, domain::ProvisionMapId id,
                           int key, const Form& form) {
  return ChangeMap(
      services, actor, id, [&](UnitOfWork& tx, LoadedMap& loaded) -> Result<std::string> {
        FormFields fields;
        std::optional<domain::LearnerId> learner;
        if (auto n = domain::ParsePositiveId(FormText(form, "learner"))) {
          const auto at_school = OptionsAt(tx, loaded.setting.id, services.clock.Today());
          for (const auto& o : at_school)
            if (o.id.value() == *n) learner = o.id;
        }
        if (!learner) fields.emplace("learner", "provision_error_learner");
        auto joined = FormDate(form, "joined_on", fields, true);
        if (!fields.empty())
          return Error::InvalidArgument("provision_error_learner_title", std::move(fields));
        if (auto ok = domain::AddLearnerToProvision(loaded.map, key, *learner, *joined,
                                                    FormText(form, "entry_measure"));
            !ok)
          return ok.error();
        return "provision " + std::to_string(key) + " learner " + std::to_string(learner->value()) +
               " joined";
      });
}

Status EndProvisionLearner(Services& services, const Actor& actor, domain::ProvisionMapId id,
                           int key, domain::LearnerId learner, const Form& form) {
  return ChangeMap(services, actor, id, [&](UnitOfWork&, LoadedMap& loaded) -> Result<std::string> {
    FormFields fields;
    auto left = FormDate(form, "left_on", fields, true);
    if (!fields.empty())
      return Error::InvalidArgument("provision_error_learner_title", std::move(fields));
    if (auto ok = domain::EndLearnerProvision(loaded.map, key, learner, *left,
                                              FormText(form, "exit_measure"));
        !ok)
      return ok.error();
    return "provision " + std::to_string(key) + " learner " + std::to_string(learner.value()) +
           " left";
  });
}

Result<domain::ProvisionMapId> RollOverProvisionMap(Services& services, const Actor& actor,
                                                    domain::ProvisionMapId id, const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadMap(tx, actor, id, ProvisionAction::kEdit);
  if (!loaded) return loaded.error();
  FormFields fields;
  auto reviewed_on = FormDate(form, "reviewed_on", fields, true);
  const Date today = services.clock.Today();
  if (reviewed_on && *reviewed_on > today) fields.emplace("reviewed_on", "provision_error_future");
  if (FormText(form, "summary").empty()) fields.emplace("summary", "provision_error_summary");
  if (!fields.empty())
    return Error::InvalidArgument("provision_error_review_title", std::move(fields));
  std::set<domain::LearnerId> staying;
  const Date first_day = domain::AcademicYearStart(loaded->map.academic_year + 1);
  for (const auto& l : LearnersAt(tx, loaded->setting.id, first_day)) staying.insert(l.id);
  domain::ProvisionMapReview review{*reviewed_on, actor.user.id, FormText(form, "summary")};
  auto next = domain::ReviewAndRollOver(loaded->map, review, staying);
  if (!next) return next.error();
  if (auto ok = tx.Provision().UpdateMap(loaded->map); !ok) return ok.error();
  auto added = tx.Provision().AddMap(*next);
  if (!added) return added.error();
  next->id = *added;
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kUpdate, std::nullopt,
                      MapDetail(loaded->map, "reviewed and rolled over to id=" +
                                                 std::to_string(added->value())));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *added;
}

Result<LearnerDeliveryView> ViewLearnerDelivery(Services& services, const Actor& actor,
                                                domain::LearnerId id) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto learner = tx.Learners().Get(id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, today))
    return Error::Forbidden("forbidden");
  LearnerDeliveryView view;
  view.learner = *learner;
  view.today = today;
  auto records = YearRecords(tx, id, std::nullopt, today);
  LineBuilder builder(tx, today);
  view.lines = builder.Lines(*learner, records);
  for (const auto& line : view.lines) {
    if (view.settings.contains(line.setting)) continue;
    if (auto s = tx.Settings().Get(line.setting)) {
      view.settings.emplace(line.setting, s->name);
      view.may_record = view.may_record || domain::MayAccessProvision(
                                               actor.user, ProvisionAction::kRecordDelivery, *s);
    }
  }
  for (const auto& r : records) {
    if (!view.settings.contains(r.setting))
      if (auto s = tx.Settings().Get(r.setting)) view.settings.emplace(r.setting, s->name);
    if (!view.recorders.contains(r.by))
      if (auto u = tx.Users().Get(r.by)) view.recorders.emplace(r.by, u->display_name);
  }
  std::reverse(records.begin(), records.end());
  view.records = std::move(records);
  if (auto ok = tx.Audit().Append(AuditFor(actor, domain::AuditAction::kView, *learner,
                                           services.clock.Now(), "delivery viewed"));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

std::vector<DeliveryLine> LearnerDeliveryLines(Services& services, const Actor& actor,
                                               domain::LearnerId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return {};
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto learner = tx.Learners().Get(id);
  if (!learner ||
      !domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, today))
    return {};
  LineBuilder builder(tx, today);
  return builder.Lines(*learner, YearRecords(tx, id, std::nullopt, today));
}

Result<domain::DeliveryRecordId> RecordDelivery(Services& services, const Actor& actor,
                                                domain::LearnerId id, const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const Date today = services.clock.Today();
  auto learner = tx.Learners().Get(id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, today))
    return Error::Forbidden("forbidden");
  LineBuilder builder(tx, today);
  const auto lines = builder.Lines(*learner, {});
  // Refused before the form is read unless the actor may record at a school where the learner
  // receives what is promised (or, with nothing promised yet, at one they are registered at).
  {
    std::vector<domain::SettingId> where;
    for (const auto& l : lines) where.push_back(l.setting);
    if (lines.empty())
      for (const auto& r : learner->RegistrationsOn(today)) where.push_back(r.setting);
    bool may = false;
    for (auto id : where)
      if (auto s = tx.Settings().Get(id))
        may = may || domain::MayAccessProvision(actor.user, ProvisionAction::kRecordDelivery, *s);
    if (!may) return Error::Forbidden("forbidden");
  }
  FormFields fields;
  const std::string target = FormText(form, "target");
  const DeliveryLine* line = nullptr;
  for (const auto& l : lines)
    if (l.target == target) line = &l;
  if (!line) fields.emplace("target", "delivery_error_target");
  domain::DeliveryRecord record;
  record.local_authority = learner->local_authority;
  record.learner = id;
  auto on = FormDate(form, "on", fields, true);
  record.delivered = FormNumber(form, "delivered", fields);
  record.missed = FormNumber(form, "missed", fields);
  record.reason =
      FormCode<domain::MissedReason>(form, "reason", domain::MissedReasonFromCode, fields)
          .value_or(domain::MissedReason::kNone);
  record.note = FormText(form, "note");
  if (line) {
    record.setting = line->setting;
    record.idp = line->idp;
    record.element = line->element;
    record.map = line->map;
    record.provision = line->provision;
    auto setting = tx.Settings().Get(line->setting);
    if (!setting ||
        !domain::MayAccessProvision(actor.user, ProvisionAction::kRecordDelivery, *setting))
      return Error::Forbidden("forbidden");
  }
  if (on) record.on = *on;
  if (on && line && *on < domain::AcademicYearStart(domain::AcademicYearOf(today)))
    fields.emplace("on", "delivery_error_before_year");
  if (on && line) {
    if (auto ok = MergeFields(domain::CheckDelivery(record, today), fields); !ok) return ok.error();
  }
  if (!fields.empty()) return Error::InvalidArgument("delivery_error_title", std::move(fields));
  record.by = actor.user.id;
  record.at = services.clock.Now();
  auto added = tx.Provision().AddDelivery(record);
  if (!added) return added.error();
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kUpdate, *learner, services.clock.Now(),
                   "delivery id=" + std::to_string(added->value()) + " " + target + " " +
                       std::to_string(record.delivered) + " given " +
                       std::to_string(record.missed) + " missed"));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *added;
}

Status RemoveDelivery(Services& services, const Actor& actor, domain::DeliveryRecordId id) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto record = tx.Provision().GetDelivery(id);
  if (!record) return Error::NotFound("delivery_error_not_found");
  auto learner = tx.Learners().Get(record->learner);
  auto setting = tx.Settings().Get(record->setting);
  if (!learner || !setting ||
      !domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner,
                                services.clock.Today()))
    return Error::NotFound("delivery_error_not_found");
  if (!domain::MayAccessProvision(actor.user, ProvisionAction::kRecordDelivery, *setting))
    return Error::Forbidden("forbidden");
  if (auto ok = tx.Provision().RemoveDelivery(id); !ok) return ok;
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kUpdate, *learner, services.clock.Now(),
                   "delivery id=" + std::to_string(id.value()) + " removed"));
      !ok)
    return ok;
  return tx.Commit();
}

Result<domain::LearnerId> DeliveryLearner(Services& services, const Actor& actor,
                                          domain::DeliveryRecordId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto record = tx.Provision().GetDelivery(id);
  if (!record) return Error::NotFound("delivery_error_not_found");
  auto learner = tx.Learners().Get(record->learner);
  if (!learner || !domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner,
                                            services.clock.Today()))
    return Error::NotFound("delivery_error_not_found");
  return learner->id;
}

Result<SchoolDeliveryView> ViewSchoolDelivery(Services& services, const Actor& actor,
                                              domain::SettingId id) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kViewCounts);
  if (!setting) return setting.error();
  SchoolDeliveryView view;
  view.setting = *setting;
  view.today = services.clock.Today();
  view.names_shown = domain::MayAccessProvision(actor.user, ProvisionAction::kView, *setting);
  FillDelivery(tx, view);
  if (view.names_shown) {
    if (auto ok = Audit(tx, services, actor, domain::AuditAction::kView, std::nullopt,
                        "delivery setting=" + std::to_string(id.value()) + " " +
                            std::to_string(view.short_lines.size()) + " short");
        !ok)
      return ok.error();
    if (auto ok = tx.Commit(); !ok) return ok.error();
  }
  return view;
}

namespace {

void FillDelivery(UnitOfWork& tx, SchoolDeliveryView& view) {
  const domain::SettingId id = view.setting.id;
  // Every record of the year for the school's learners, wherever given, read once.
  const auto learners = LearnersAt(tx, id, view.today);
  std::map<domain::LearnerId, std::vector<domain::DeliveryRecord>> by_learner;
  for (auto& r : YearRecords(tx, std::nullopt, std::nullopt, view.today))
    by_learner[r.learner].push_back(std::move(r));
  LineBuilder builder(tx, view.today);
  for (const auto& learner : learners) {
    bool short_here = false;
    for (auto& line : builder.Lines(learner, by_learner[learner.id])) {
      if (line.setting != id) continue;
      ++view.lines;
      view.total.promised += line.total.promised;
      view.total.delivered += std::min(line.total.delivered, line.total.promised);
      view.total.missed += line.total.missed;
      if (line.total.Shortfall() == 0) continue;
      short_here = true;
      if (view.names_shown) {
        view.names.emplace(learner.id, learner.DisplayName());
        view.short_lines.push_back(std::move(line));
      }
    }
    if (short_here) ++view.learners_short;
  }
  std::stable_sort(view.short_lines.begin(), view.short_lines.end(),
                   [](const DeliveryLine& a, const DeliveryLine& b) {
                     return a.total.Shortfall() > b.total.Shortfall();
                   });
}

}  // namespace

Result<AlnRegisterView> ViewAlnRegister(Services& services, const Actor& actor,
                                        domain::SettingId setting) {
  return BuildRegister(services, actor, setting, false);
}

Result<AlnRegisterView> ExportAlnRegister(Services& services, const Actor& actor,
                                          domain::SettingId setting) {
  return BuildRegister(services, actor, setting, true);
}

Status SaveCoordination(Services& services, const Actor& actor, domain::ProvisionMapId id,
                        const Form& form) {
  return ChangeMap(services, actor, id, [&](UnitOfWork&, LoadedMap& loaded) -> Result<std::string> {
    if (loaded.map.review) return Error::Conflict("provision_error_reviewed");
    FormFields fields;
    domain::AlnCoordination c;
    c.alnco_name = FormText(form, "alnco_name");
    c.hours_per_week_tenths = FormTenths(form, "alnco_hours", fields);
    if (auto q = FormCode<domain::AlncoQualification>(form, "qualification",
                                                      domain::AlncoQualificationFromCode, fields))
      c.qualification = *q;
    c.training = FormText(form, "training");
    c.governor_name = FormText(form, "governor_name");
    if (auto ok = MergeFields(domain::CheckCoordination(c), fields); !ok) return ok.error();
    if (!fields.empty())
      return Error::InvalidArgument("provision_error_coordination_title", std::move(fields));
    loaded.map.coordination = std::move(c);
    return std::string("coordination saved");
  });
}

namespace {

// A school's figures for a year, naming no learner: the map with its totals, the register's
// counts, delivery totals, and plans in force with the reviews held.
GovernorsReport ReportData(UnitOfWork& tx, const domain::Setting& setting, int academic_year,
                           Date today) {
  const domain::SettingId id = setting.id;
  GovernorsReport report;
  report.map.setting = setting;
  report.map.today = today;
  report.map.academic_year = academic_year ? academic_year : domain::AcademicYearOf(today);
  report.map.map = tx.Provision().FindMap(id, report.map.academic_year);
  if (report.map.map) {
    FillTotals(report.map);
    for (auto& p : report.map.map->provisions) p.learners.clear();
  }
  RegisterRows(tx, id, today, report.register_counts);
  report.delivery.setting = setting;
  report.delivery.today = today;
  FillDelivery(tx, report.delivery);
  report.delivery.short_lines.clear();
  report.delivery.names.clear();
  const Date from = domain::AcademicYearStart(report.map.academic_year);
  const Date to = domain::AcademicYearEnd(report.map.academic_year);
  for (const auto& learner : LearnersAt(tx, id, today))
    for (const auto& idp : tx.Plans().ListForLearner(learner.id)) {
      if (idp.Status() == domain::IdpStatus::kInForce)
        ++(idp.body == domain::DecidingBody::kLocalAuthority ? report.idps_la : report.idps_school);
      for (const auto& r : idp.reviews)
        if (r.held_on >= from && r.held_on <= to) ++report.reviews_held;
    }
  return report;
}

}  // namespace

Result<GovernorsReport> GovernorsAnnualReport(Services& services, const Actor& actor,
                                              domain::SettingId id, int academic_year) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kViewCounts);
  if (!setting) return setting.error();
  GovernorsReport report = ReportData(tx, *setting, academic_year, services.clock.Today());
  if (auto ok = Audit(tx, services, actor, domain::AuditAction::kExport, std::nullopt,
                      "governors report setting=" + std::to_string(id.value()) + " " +
                          std::to_string(report.map.academic_year));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return report;
}

int SchoolOversight::RatePerThousand() const {
  return counts.roll > 0 ? counts.total * 1000 / counts.roll : 0;
}

int SchoolOversight::HoursPerHundredTenths() const {
  return counts.roll > 0 ? total.staff_hours_tenths * 100 / counts.roll : 0;
}

int SchoolOversight::CostPerPupil() const {
  return counts.roll > 0 ? total.cost_per_term_pounds / counts.roll : 0;
}

Result<LaOversightView> ViewLaOversight(Services& services, const Actor& actor) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (!domain::MayActForLa(actor.user, actor.user.local_authority))
    return Error::Forbidden("forbidden");
  LaOversightView view;
  view.today = services.clock.Today();
  view.academic_year = domain::AcademicYearOf(view.today);
  std::map<domain::SettingId, domain::ProvisionMap> maps;
  for (auto& m : tx.Provision().ListMapsForYear(actor.user.local_authority, view.academic_year))
    maps.emplace(m.setting, std::move(m));
  // The year's contacts with families, by the school that held them; who had one at all.
  ContactQuery year;
  year.local_authority = actor.user.local_authority;
  year.from = domain::AcademicYearStart(view.academic_year);
  year.through = domain::AcademicYearEnd(view.academic_year);
  std::map<domain::SettingId, std::vector<domain::FamilyContact>> contacts;
  std::vector<domain::FamilyContact> la_contacts;
  std::set<domain::LearnerId> contacted;
  for (auto& c : tx.FamilyContacts().ListContacts(year)) {
    contacted.insert(c.learner);
    if (c.setting)
      contacts[*c.setting].push_back(c);
    else
      la_contacts.push_back(c);
  }
  for (const auto& setting : tx.Settings().ListByLocalAuthority(actor.user.local_authority)) {
    if (setting.type == domain::SettingType::kFei ||
        setting.type == domain::SettingType::kIndependent)
      continue;
    SchoolOversight row;
    row.setting = setting;
    for (const auto& r : RegisterRows(tx, setting.id, view.today, row.counts))
      if (contacted.contains(r.learner)) ++row.register_contacted;
    row.liaison =
        domain::SummariseLiaison(contacts[setting.id], year.from, year.through, view.today);
    for (const auto& learner : LearnersAt(tx, setting.id, view.today))
      for (const auto& idp : tx.Plans().ListForLearner(learner.id))
        if (idp.Status() == domain::IdpStatus::kInForce)
          ++(idp.body == domain::DecidingBody::kLocalAuthority ? row.idps_la : row.idps_school);
    if (auto it = maps.find(setting.id); it != maps.end()) {
      ProvisionMapView totals;
      totals.today = view.today;
      totals.academic_year = view.academic_year;
      totals.map = it->second;
      FillTotals(totals);
      row.has_map = true;
      row.levels = totals.totals;
      row.total = totals.total;
      row.coordination = it->second.coordination;
    }
    auto& la = view.la;
    la.counts.roll += row.counts.roll;
    la.counts.total += row.counts.total;
    la.idps_school += row.idps_school;
    la.idps_la += row.idps_la;
    la.register_contacted += row.register_contacted;
    la.liaison.contacts += row.liaison.contacts;
    la.liaison.learners_contacted += row.liaison.learners_contacted;
    la.liaison.follow_ups_overdue += row.liaison.follow_ups_overdue;
    for (const auto& [level, t] : row.levels) {
      auto& sum = la.levels[level];
      sum.provisions += t.provisions;
      sum.learners += t.learners;
      sum.staff_hours_tenths += t.staff_hours_tenths;
      sum.cost_per_term_pounds += t.cost_per_term_pounds;
    }
    la.total.provisions += row.total.provisions;
    la.total.learners += row.total.learners;
    la.total.staff_hours_tenths += row.total.staff_hours_tenths;
    la.total.cost_per_term_pounds += row.total.cost_per_term_pounds;
    view.schools.push_back(std::move(row));
  }
  // The LA's own contacts count in its totals.
  const auto own = domain::SummariseLiaison(la_contacts, year.from, year.through, view.today);
  view.la.liaison.contacts += own.contacts;
  view.la.liaison.follow_ups_overdue += own.follow_ups_overdue;
  return view;
}

Result<ArrangementsReviewView> ViewArrangementsReview(Services& services, const Actor& actor,
                                                      domain::SettingId id, int academic_year) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kViewCounts);
  if (!setting) return setting.error();
  ArrangementsReviewView view;
  view.data = ReportData(tx, *setting, academic_year, services.clock.Today());
  view.review = tx.Provision().FindReview(id, view.data.map.academic_year);
  view.may_edit = domain::MayActForLa(actor.user, setting->local_authority);
  if (view.review)
    if (auto user = tx.Users().Get(view.review->by)) view.reviewer = user->display_name;
  return view;
}

Status SaveArrangementsReview(Services& services, const Actor& actor, domain::SettingId id,
                              int academic_year, const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = LoadSetting(tx, actor, id, ProvisionAction::kViewCounts);
  if (!setting) return setting.error();
  if (!domain::MayActForLa(actor.user, setting->local_authority))
    return Error::Forbidden("forbidden");
  const Date today = services.clock.Today();
  const int year = academic_year ? academic_year : domain::AcademicYearOf(today);
  auto stored = tx.Provision().FindReview(id, year);
  domain::SchoolReview review;
  if (stored) {
    review = *stored;
    if (const std::string seen = FormText(form, "version");
        !seen.empty() && seen != std::to_string(review.version))
      return Error::Conflict("review_error_conflict");
  }
  review.local_authority = setting->local_authority;
  review.setting = id;
  review.academic_year = year;
  review.by = actor.user.id;
  FormFields fields;
  if (auto on = FormDate(form, "reviewed_on", fields, true)) review.reviewed_on = *on;
  review.findings.clear();
  for (auto e : domain::AllExpectations()) {
    const std::string code(domain::Code(e));
    domain::ExpectationFinding f;
    f.expectation = e;
    if (auto rating = FormCode<domain::ExpectationRating>(
            form, "rating_" + code, domain::ExpectationRatingFromCode, fields))
      f.rating = *rating;
    f.evidence = FormText(form, "evidence_" + code);
    review.findings.push_back(std::move(f));
  }
  review.summary = FormText(form, "summary");
  review.actions = FormText(form, "actions");
  if (!fields.contains("reviewed_on"))
    if (auto ok = MergeFields(domain::CheckSchoolReview(review, today), fields); !ok) return ok;
  if (!fields.empty()) return Error::InvalidArgument("review_error_title", std::move(fields));
  if (stored) {
    if (auto ok = tx.Provision().UpdateReview(review); !ok) return ok;
  } else {
    auto added = tx.Provision().AddReview(review);
    if (!added) return added.error();
  }
  if (auto ok = Audit(
          tx, services, actor, stored ? domain::AuditAction::kUpdate : domain::AuditAction::kCreate,
          std::nullopt,
          "arrangements review setting=" + std::to_string(id.value()) + " " + std::to_string(year));
      !ok)
    return ok;
  return tx.Commit();
}

}  // namespace cynnal::app
