#include <algorithm>

#include "app/settings_and_admin.h"
#include "app/specialist_places.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

std::string Id(std::int64_t value) { return std::to_string(value); }

int Key(const Ctx& ctx, std::size_t index) {
  return static_cast<int>(std::min<long long>(ctx.PathId(index), 1 << 30));
}

}  // namespace

// Specialist places (resource bases, LSCs, special schools, the PRU) with their waiting lists, and
// specialist equipment (issue 7).
void WebApp::InstallSpecialistPages(httplib::Server& server) {
  auto kind_name = [this](const Ctx& ctx, domain::SpecialistKind kind) {
    return T(ctx, "specialist_kind_" + std::string(domain::Code(kind)));
  };
  auto done_banner = [this](Ctx& ctx, mstch::map& c) {
    if (const std::string done = ctx.Param("done");
        !done.empty() && done.size() < 40 && catalog_->Has("specialist_done_" + done))
      c["banner"] = T(ctx, "specialist_done_" + done);
  };
  auto counts_map = [this](const Ctx& ctx, const domain::PlaceCounts& n) {
    return mstch::map{{"capacity", Id(n.capacity)},
                      {"placed", Id(n.placed)},
                      {"free", Id(n.Free())},
                      {"waiting", Id(n.waiting)},
                      {"leaving", Id(n.leaving)},
                      {"full", n.AtCapacity()},
                      {"full_text", T(ctx, "specialist_full")}};
  };

  Route(server, "GET", "/specialist-places", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ListSpecialistPlaces(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "specialist_title");
    done_banner(ctx, c);
    mstch::array rows;
    for (const auto& line : view->lines) {
      auto row = counts_map(ctx, line.counts);
      row["href"] = "/specialist-places/" + Id(line.provision.id.value());
      row["name"] = line.provision.name;
      row["kind"] = kind_name(ctx, line.provision.kind);
      row["school"] = line.setting_name;
      row["ages"] =
          Fill(ctx, "panel_ages",
               {{"min", Id(line.provision.min_age)}, {"max", Id(line.provision.max_age)}});
      rows.push_back(row);
    }
    c["rows"] = rows;
    c["has_rows"] = !rows.empty();
    c["total"] = counts_map(ctx, view->total);
    c["may_manage"] = view->may_manage;
    Render(ctx, "specialist_places", c);
  });

  auto provision_fields = [this, kind_name](Ctx& ctx, mstch::map& c, const mstch::map& errors,
                                            const domain::SpecialistProvision* p) {
    const FieldValues value{ctx, ctx.req.method == "POST"};
    mstch::array f;
    std::vector<Choice> schools{{"", T(ctx, "specialist_choose_setting"), ""}};
    if (auto settings = app::ListSettings(services_, ctx.actor))
      for (const auto& s : *settings) schools.push_back({Id(s.id.value()), s.name, ""});
    f.push_back(SelectField("setting", T(ctx, "specialist_field_setting"),
                            T(ctx, "specialist_hint_setting"), schools,
                            value("setting", p ? Id(p->setting.value()) : ""), errors));
    std::vector<Choice> kinds;
    for (auto k : domain::AllSpecialistKinds())
      kinds.push_back({std::string(domain::Code(k)), kind_name(ctx, k), ""});
    f.push_back(ChoiceField(false, "kind", T(ctx, "specialist_field_kind"), "", kinds,
                            {value("kind", p ? std::string(domain::Code(p->kind)) : "")}, errors));
    f.push_back(TextField(false, "name", T(ctx, "specialist_field_name"), "",
                          value("name", p ? p->name : ""), errors));
    std::vector<Choice> areas{{"", T(ctx, "provision_area_none"), ""}};
    for (auto a : domain::AllAreasOfNeed()) {
      const std::string code(domain::Code(a));
      areas.push_back({code, T(ctx, "area_" + code), ""});
    }
    f.push_back(ChoiceField(
        false, "area", T(ctx, "provision_field_area"), "", areas,
        {value("area", p && p->area ? std::string(domain::Code(*p->area)) : "")}, errors));
    f.push_back(TextField(false, "min_age", T(ctx, "panel_field_min_age"), "",
                          value("min_age", p ? Id(p->min_age) : ""), errors,
                          "govuk-input--width-2"));
    f.push_back(TextField(false, "max_age", T(ctx, "panel_field_max_age"), "",
                          value("max_age", p ? Id(p->max_age) : ""), errors,
                          "govuk-input--width-2"));
    f.push_back(TextField(
        false, "capacity", T(ctx, "specialist_field_capacity"), T(ctx, "specialist_hint_capacity"),
        value("capacity", p ? Id(p->capacity) : ""), errors, "govuk-input--width-3"));
    c["fields"] = f;
  };
  const std::vector<std::string> provision_order{"setting", "kind",    "name",    "area",
                                                 "min_age", "max_age", "capacity"};
  AddForm(
      server, "/specialist-places/new", "specialist_new_title", "specialist_save", provision_order,
      [this, provision_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!domain::MayAccessSpecialist(ctx.actor.user, domain::SpecialistAction::kManage,
                                         ctx.actor.user.local_authority, std::nullopt)) {
          Fail(ctx, domain::Error::Forbidden("forbidden"));
          return false;
        }
        c["back_href"] = std::string("/specialist-places");
        provision_fields(ctx, c, errors, nullptr);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto id = app::SaveSpecialistProvision(services_, ctx.actor, std::nullopt, FormOf(ctx));
        if (!id) return id.error();
        return "/specialist-places/" + Id(id->value()) + "?done=added";
      });

  Route(server, "GET", "/specialist-places/{id}", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewSpecialistProvision(services_, ctx.actor,
                                             domain::SpecialistProvisionId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const auto& p = view->line.provision;
    const std::string base = "/specialist-places/" + Id(p.id.value());
    auto c = Base(ctx, "specialist_provision_title");
    done_banner(ctx, c);
    c["back_href"] = std::string("/specialist-places");
    c["caption"] = kind_name(ctx, p.kind) + " · " + view->line.setting_name;
    c["name"] = p.name;
    c["base"] = base;
    c["counts"] = counts_map(ctx, view->line.counts);
    c["may_manage"] = view->may_manage;
    auto name_of = [&](domain::LearnerId id) {
      return view->names.count(id) ? view->names.at(id) : T(ctx, "specialist_a_learner");
    };
    auto link_of = [&](domain::LearnerId id) {
      return view->names.count(id) ? "/learners/" + Id(id.value()) : std::string();
    };
    mstch::array placed;
    for (const auto& x : view->placed)
      placed.push_back(mstch::map{
          {"name", name_of(x.learner)},
          {"href", link_of(x.learner)},
          {"starts", FormatDate(ctx, *x.starts_on)},
          {"leaves", x.planned_leave_on ? FormatDate(ctx, *x.planned_leave_on) : std::string()},
          {"end_href", base + "/placements/" + Id(x.key) + "/end"}});
    c["placed"] = placed;
    c["has_placed"] = !placed.empty();
    mstch::array waiting;
    int position = 0;
    for (const auto& x : view->waiting)
      waiting.push_back(
          mstch::map{{"position", Id(++position)},
                     {"name", name_of(x.learner)},
                     {"href", link_of(x.learner)},
                     {"since", FormatDate(ctx, x.waiting_since)},
                     {"days", Id(std::max(0, domain::DaysBetween(x.waiting_since, view->today)))},
                     {"note", x.note},
                     {"place_href", base + "/placements/" + Id(x.key) + "/place"},
                     {"end_href", base + "/placements/" + Id(x.key) + "/end"}});
    c["waiting"] = waiting;
    c["has_waiting"] = !waiting.empty();
    mstch::array past;
    for (const auto& x : view->past)
      past.push_back(
          mstch::map{{"name", name_of(x.learner)},
                     {"state", T(ctx, "placement_state_" + std::string(domain::Code(x.state)))},
                     {"ended", x.ended_on ? FormatDate(ctx, *x.ended_on) : std::string()}});
    c["past"] = past;
    c["has_past"] = !past.empty();
    Render(ctx, "specialist_provision", c);
  });

  // The provision for its form pages, or an error page (false) unless the actor may manage it.
  auto manage_guard = [this](Ctx& ctx,
                             mstch::map& c) -> std::optional<app::SpecialistProvisionView> {
    auto view = app::ViewSpecialistProvision(services_, ctx.actor,
                                             domain::SpecialistProvisionId{ctx.PathId(1)});
    if (!view) {
      Fail(ctx, view.error());
      return std::nullopt;
    }
    if (!view->may_manage) {
      Fail(ctx, domain::Error::Forbidden("forbidden"));
      return std::nullopt;
    }
    c["caption"] = view->line.provision.name;
    c["back_href"] = "/specialist-places/" + Id(ctx.PathId(1));
    c["version"] = Id(view->line.provision.version);
    return std::move(*view);
  };

  AddForm(
      server, "/specialist-places/{id}/edit", "specialist_edit_title", "specialist_save",
      provision_order,
      [manage_guard, provision_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = manage_guard(ctx, c);
        if (!view) return false;
        provision_fields(ctx, c, errors, &view->line.provision);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::SpecialistProvisionId id{ctx.PathId(1)};
        auto saved = app::SaveSpecialistProvision(services_, ctx.actor, id, FormOf(ctx));
        if (!saved) return saved.error();
        return "/specialist-places/" + Id(id.value()) + "?done=saved";
      });

  AddForm(
      server, "/specialist-places/{id}/waiting", "specialist_waiting_title",
      "specialist_waiting_button", {"upn", "waiting_since", "note"},
      [this, manage_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!manage_guard(ctx, c)) return false;
        mstch::array f;
        f.push_back(TextField(false, "upn", T(ctx, "specialist_field_upn"),
                              T(ctx, "specialist_hint_upn"), ctx.Param("upn"), errors,
                              "govuk-input--width-20"));
        f.push_back(
            DateField(ctx, "waiting_since", "specialist_field_waiting_since", "hint_date", errors));
        f.push_back(
            TextField(true, "note", T(ctx, "delivery_field_note"), "", ctx.Param("note"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::SpecialistProvisionId id{ctx.PathId(1)};
        auto key = app::AddToSpecialistWaitingList(services_, ctx.actor, id, FormOf(ctx));
        if (!key) return key.error();
        return "/specialist-places/" + Id(id.value()) + "?done=waiting";
      });

  AddForm(
      server, "/specialist-places/{id}/placements/{key}/place", "specialist_place_title",
      "specialist_place_button", {"starts_on", "planned_leave_on"},
      [this, manage_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = manage_guard(ctx, c);
        if (!view) return false;
        if (const auto* x = view->line.provision.Placement(Key(ctx, 2)))
          c["intro"] = mstch::array{view->names.count(x->learner) ? view->names.at(x->learner)
                                                                  : T(ctx, "specialist_a_learner")};
        mstch::array f;
        f.push_back(DateField(ctx, "starts_on", "specialist_field_starts_on", "hint_date", errors));
        f.push_back(DateField(ctx, "planned_leave_on", "specialist_field_planned_leave_on",
                              "specialist_hint_planned_leave_on", errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::SpecialistProvisionId id{ctx.PathId(1)};
        if (auto s =
                app::PlaceSpecialistLearner(services_, ctx.actor, id, Key(ctx, 2), FormOf(ctx));
            !s)
          return s.error();
        return "/specialist-places/" + Id(id.value()) + "?done=placed";
      });

  AddForm(
      server, "/specialist-places/{id}/placements/{key}/end", "specialist_end_title",
      "specialist_end_button", {"ended_on", "note"},
      [this, manage_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!manage_guard(ctx, c)) return false;
        mstch::array f;
        f.push_back(DateField(ctx, "ended_on", "specialist_field_ended_on", "hint_date", errors));
        f.push_back(
            TextField(true, "note", T(ctx, "delivery_field_note"), "", ctx.Param("note"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::SpecialistProvisionId id{ctx.PathId(1)};
        if (auto s =
                app::EndSpecialistPlacement(services_, ctx.actor, id, Key(ctx, 2), FormOf(ctx));
            !s)
          return s.error();
        return "/specialist-places/" + Id(id.value()) + "?done=ended";
      });

  // ---- equipment ----
  Route(server, "GET", "/equipment", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ListSpecialistEquipment(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "equipment_title");
    done_banner(ctx, c);
    mstch::array rows;
    for (const auto& line : view->lines) {
      const auto& e = line.item;
      rows.push_back(
          mstch::map{{"description", e.description},
                     {"owner", T(ctx, "owner_" + std::string(domain::Code(e.owner)))},
                     {"school", line.setting_name},
                     {"learner", line.learner_name},
                     {"cost", "£" + Id(e.cost_pounds)},
                     {"bought", FormatDate(ctx, e.bought_on)},
                     {"returned", e.returned_on ? FormatDate(ctx, *e.returned_on) : std::string()},
                     {"may_manage", line.may_manage},
                     {"edit_href", "/equipment/" + Id(e.id.value()) + "/edit"}});
    }
    c["rows"] = rows;
    c["has_rows"] = !rows.empty();
    c["total_cost"] = "£" + Id(view->total_cost_pounds);
    c["may_add"] = view->may_add;
    Render(ctx, "equipment", c);
  });

  auto equipment_fields = [this](Ctx& ctx, mstch::map& c, const mstch::map& errors,
                                 const app::EquipmentLine* line) {
    const domain::SpecialistEquipment* e = line ? &line->item : nullptr;
    const FieldValues value{ctx, ctx.req.method == "POST"};
    mstch::array f;
    f.push_back(TextField(false, "description", T(ctx, "equipment_field_description"),
                          T(ctx, "equipment_hint_description"),
                          value("description", e ? e->description : ""), errors));
    std::vector<Choice> owners;
    for (auto o : {domain::EquipmentOwner::kLocalAuthority, domain::EquipmentOwner::kSchool})
      owners.push_back(
          {std::string(domain::Code(o)), T(ctx, "owner_" + std::string(domain::Code(o))), ""});
    f.push_back(ChoiceField(false, "owner", T(ctx, "equipment_field_owner"), "", owners,
                            {value("owner", e ? std::string(domain::Code(e->owner)) : "")},
                            errors));
    std::vector<Choice> schools{{"", T(ctx, "equipment_no_setting"), ""}};
    if (auto settings = app::ListSettings(services_, ctx.actor))
      for (const auto& s : *settings) schools.push_back({Id(s.id.value()), s.name, ""});
    f.push_back(SelectField("setting", T(ctx, "equipment_field_setting"), "", schools,
                            value("setting", e && e->setting ? Id(e->setting->value()) : ""),
                            errors));
    f.push_back(TextField(false, "upn", T(ctx, "equipment_field_upn"), T(ctx, "equipment_hint_upn"),
                          ctx.Param("upn"), errors, "govuk-input--width-20"));
    f.push_back(TextField(false, "cost", T(ctx, "equipment_field_cost"), "",
                          value("cost", e ? Id(e->cost_pounds) : ""), errors,
                          "govuk-input--width-5"));
    const bool posted = ctx.req.method == "POST";
    f.push_back(DateField(ctx, "bought_on", "equipment_field_bought_on", "hint_date", errors,
                          e ? std::optional<domain::Date>(e->bought_on) : std::nullopt, posted));
    f.push_back(DateField(ctx, "returned_on", "equipment_field_returned_on",
                          "equipment_hint_returned_on", errors, e ? e->returned_on : std::nullopt,
                          posted));
    f.push_back(TextField(true, "note", T(ctx, "delivery_field_note"), "",
                          value("note", e ? e->note : ""), errors));
    c["fields"] = f;
  };
  const std::vector<std::string> equipment_order{"description", "owner",     "setting",     "upn",
                                                 "cost",        "bought_on", "returned_on", "note"};
  AddForm(
      server, "/equipment/new", "equipment_new_title", "equipment_save", equipment_order,
      [this, equipment_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = app::ListSpecialistEquipment(services_, ctx.actor);
        if (!view || !view->may_add) {
          Fail(ctx, view ? domain::Error::Forbidden("forbidden") : view.error());
          return false;
        }
        c["back_href"] = std::string("/equipment");
        equipment_fields(ctx, c, errors, nullptr);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto id = app::SaveSpecialistEquipment(services_, ctx.actor, std::nullopt, FormOf(ctx));
        if (!id) return id.error();
        return std::string("/equipment?done=equipment_saved");
      });
  AddForm(
      server, "/equipment/{id}/edit", "equipment_edit_title", "equipment_save", equipment_order,
      [this, equipment_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto line =
            app::ViewSpecialistEquipment(services_, ctx.actor, domain::EquipmentId{ctx.PathId(1)});
        if (!line || !line->may_manage) {
          Fail(ctx, line ? domain::Error::Forbidden("forbidden") : line.error());
          return false;
        }
        c["back_href"] = std::string("/equipment");
        c["version"] = Id(line->item.version);
        equipment_fields(ctx, c, errors, &*line);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto id = app::SaveSpecialistEquipment(services_, ctx.actor,
                                               domain::EquipmentId{ctx.PathId(1)}, FormOf(ctx));
        if (!id) return id.error();
        return std::string("/equipment?done=equipment_saved");
      });
}

}  // namespace cynnal::http
