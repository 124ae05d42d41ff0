#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/plans.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using domain::Date;
using domain::Idp;
using domain::IdpSection;

std::string Id(std::int64_t value) { return std::to_string(value); }

std::string TagColour(app::TaskStatus status) {
  switch (status) {
    case app::TaskStatus::kNotStarted:
      return "blue";
    case app::TaskStatus::kIncomplete:
      return "light-blue";
    case app::TaskStatus::kNotNeeded:
      return "grey";
    case app::TaskStatus::kCompleted:
      break;
  }
  return "";
}

std::string StatusColour(domain::IdpStatus status) {
  switch (status) {
    case domain::IdpStatus::kDraft:
      return "blue";
    case domain::IdpStatus::kInForce:
      return "green";
    case domain::IdpStatus::kCeased:
      return "grey";
  }
  return "grey";
}

// The sections edited on their own page (2B and 2C are edited element by element).
const std::vector<IdpSection>& PageSections() {
  static const std::vector<IdpSection> sections = {
      IdpSection::kAbout,       IdpSection::kProfile,  IdpSection::kNeeds,     IdpSection::kPlace,
      IdpSection::kInformation, IdpSection::kTimeline, IdpSection::kTransition};
  return sections;
}

}  // namespace

app::PlanForm WebApp::FormOf(const Ctx& ctx) {
  app::PlanForm form;
  for (const auto& [name, value] : ctx.req.params) {
    form.values[name] = value;
    form.lists[name].push_back(value);
  }
  if (ctx.req.is_multipart_form_data()) {
    for (const auto& [name, file] : ctx.req.files) {
      if (!file.filename.empty()) continue;
      form.values[name] = file.content;
      form.lists[name].push_back(file.content);
    }
  }
  return form;
}

void WebApp::InstallPlanPages(httplib::Server& server) {
  // ---- helpers shared by the plan's pages ----
  auto body_name = [this](const Ctx& ctx, const app::PlanView& v) -> std::string {
    if (v.idp.body != domain::DecidingBody::kLocalAuthority && v.idp.setting &&
        v.settings.count(*v.idp.setting)) {
      return v.settings.at(*v.idp.setting).name;
    }
    auto it = v.authorities.find(v.idp.maintaining_la);
    if (it == v.authorities.end()) return v.maintainer_name;
    return ctx.lang == Lang::kCy ? it->second.name_cy : it->second.name_en;
  };
  auto flag_text = [this](const Ctx& ctx, const domain::QualityFlag& f) {
    return T(ctx, "idp_flag_" + f.check);
  };
  auto upload = [](const Ctx& ctx, const std::string& name) {
    app::UploadedFile file;
    if (!ctx.req.is_multipart_form_data()) return file;
    for (const auto& [key, part] : ctx.req.files) {
      if (key != name || part.filename.empty()) continue;
      file.filename = part.filename;
      file.content_type = part.content_type;
      file.bytes = part.content;
    }
    return file;
  };
  auto choices = [this](const Ctx& ctx, const std::string& prefix,
                        const std::vector<std::string>& codes) {
    std::vector<Choice> out;
    for (const auto& code : codes) out.push_back({code, T(ctx, prefix + code), ""});
    return out;
  };

  auto hint = [this](const Ctx& ctx, const std::string& id) {
    return catalog_->Has(id) ? T(ctx, id) : std::string();
  };

  // The fields of one section's page, from `content` (or, after a failed post, as posted).
  auto section_fields = [this, choices, hint](
                            Ctx& ctx, IdpSection section, const domain::IdpContent& content,
                            const app::PlanView& view, const mstch::map& errors, bool posted) {
    mstch::array fields;
    const FieldValues value{ctx, posted};
    auto text = [&](bool area, const std::string& name, const std::string& stored) {
      fields.push_back(TextField(area, name, T(ctx, "idp_field_" + name),
                                 hint(ctx, "idp_hint_" + name), value(name, stored), errors));
    };
    switch (section) {
      case IdpSection::kAbout:
        text(false, "coordinator", content.about.coordinator);
        text(false, "coordinator_role", content.about.coordinator_role);
        text(false, "coordinator_contact", content.about.coordinator_contact);
        text(true, "communication", content.about.communication);
        break;
      case IdpSection::kProfile:
        text(true, "admired", content.profile.admired);
        text(true, "important", content.profile.important);
        text(true, "support", content.profile.support);
        text(false, "written_with", content.profile.written_with);
        fields.push_back(FileField(
            "photo", T(ctx, "idp_field_photo"),
            T(ctx, content.profile.photo ? "idp_hint_photo_replace" : "idp_hint_photo"), errors));
        break;
      case IdpSection::kNeeds: {
        std::vector<std::string> areas, chosen_areas, types, chosen_types;
        for (auto a : domain::AllAreasOfNeed()) areas.emplace_back(domain::Code(a));
        for (const auto& t : domain::TypesOfNeed()) types.emplace_back(t.code);
        if (posted) {
          chosen_areas = Params(ctx, "areas");
          chosen_types = Params(ctx, "types");
        } else {
          for (auto a : content.needs.areas) chosen_areas.emplace_back(domain::Code(a));
          chosen_types.assign(content.needs.types.begin(), content.needs.types.end());
        }
        fields.push_back(ChoiceField(true, "areas", T(ctx, "idp_field_areas"), "",
                                     choices(ctx, "area_", areas), chosen_areas, errors));
        fields.push_back(ChoiceField(true, "types", T(ctx, "idp_field_types"), "",
                                     choices(ctx, "need_", types), chosen_types, errors));
        text(true, "description", content.needs.description);
        break;
      }
      case IdpSection::kPlace: {
        std::vector<Choice> places{{"", T(ctx, "idp_place_none"), ""}};
        for (const auto& [id, s] : view.settings) places.push_back({Id(id.value()), s.name, ""});
        const std::string chosen =
            posted ? ctx.Param("setting")
                   : (content.place.setting ? Id(content.place.setting->value()) : std::string());
        fields.push_back(ChoiceField(false, "setting", T(ctx, "idp_field_setting"),
                                     hint(ctx, "idp_hint_setting"), places, {chosen}, errors));
        text(false, "other", content.place.other);
        text(true, "reasons", content.place.reasons);
        break;
      }
      case IdpSection::kInformation: {
        const std::size_t rows = content.information.size() + 2;
        for (std::size_t i = 0; i < rows; ++i) {
          const std::string n = Id(static_cast<std::int64_t>(i) + 1);
          const domain::InformationUsed* item =
              i < content.information.size() ? &content.information[i] : nullptr;
          fields.push_back(HeadingField(Fill(ctx, "idp_information_item", {{"n", n}}),
                                        item ? "" : T(ctx, "idp_hint_row_blank")));
          fields.push_back(TextField(false, "title_" + n, T(ctx, "idp_field_title"), "",
                                     value("title_" + n, item ? item->title : ""), errors));
          fields.push_back(TextField(false, "from_" + n, T(ctx, "idp_field_from"), "",
                                     value("from_" + n, item ? item->from : ""), errors));
          fields.push_back(DateField(ctx, "dated_" + n, "idp_field_dated", "hint_date", errors,
                                     item ? item->dated : std::nullopt, posted));
        }
        break;
      }
      case IdpSection::kTimeline: {
        const std::size_t rows = content.key_events.size() + 2;
        for (std::size_t i = 0; i < rows; ++i) {
          const std::string n = Id(static_cast<std::int64_t>(i) + 1);
          const domain::KeyEvent* e =
              i < content.key_events.size() ? &content.key_events[i] : nullptr;
          fields.push_back(HeadingField(Fill(ctx, "idp_event_item", {{"n", n}}),
                                        e ? "" : T(ctx, "idp_hint_row_blank")));
          fields.push_back(DateField(ctx, "on_" + n, "idp_field_event_on", "hint_date", errors,
                                     e ? std::optional<Date>(e->on) : std::nullopt, posted));
          fields.push_back(TextField(false, "what_" + n, T(ctx, "idp_field_what"), "",
                                     value("what_" + n, e ? e->what : ""), errors));
        }
        break;
      }
      case IdpSection::kTransition:
        text(true, "transition", content.transition.transition);
        text(true, "transport", content.transition.transport);
        break;
      case IdpSection::kProvision:
      case IdpSection::kNhs:
        break;
    }
    return fields;
  };

  auto element_fields = [this, choices, hint](Ctx& ctx, const domain::AlpElement& e,
                                              const mstch::map& errors, bool posted, bool nhs) {
    mstch::array fields;
    const FieldValues value{ctx, posted};
    auto text = [&](bool area, const std::string& name, const std::string& stored,
                    const std::string& width = "") {
      fields.push_back(TextField(area, name, T(ctx, "idp_field_" + name),
                                 hint(ctx, "idp_hint_" + name), value(name, stored), errors,
                                 width));
    };
    auto radios = [&](const std::string& name, const std::string& prefix,
                      const std::vector<std::string>& codes, const std::string& stored) {
      fields.push_back(ChoiceField(false, name, T(ctx, "idp_field_" + name),
                                   hint(ctx, "idp_hint_" + name), choices(ctx, prefix, codes),
                                   {value(name, stored)}, errors));
    };
    auto codes_of = [](const auto& all) {
      std::vector<std::string> out;
      for (auto v : all) out.emplace_back(domain::Code(v));
      return out;
    };
    auto code = [](const auto& v) { return v ? std::string(domain::Code(*v)) : std::string(); };
    fields.push_back(HeadingField(T(ctx, "idp_element_outcome_heading"), ""));
    text(true, "outcome", e.outcome);
    text(false, "measure", e.measure);
    fields.push_back(DateField(ctx, "outcome_by", "idp_field_outcome_by", "hint_date", errors,
                               e.outcome_by, posted));
    fields.push_back(HeadingField(T(ctx, "idp_element_provision_heading"), ""));
    text(true, "provision", e.provision);
    text(false, "minutes", e.minutes ? Id(e.minutes) : "", "govuk-input--width-3");
    text(false, "sessions", e.sessions ? Id(e.sessions) : "", "govuk-input--width-3");
    radios("per", "period_", codes_of(domain::AllProvisionPeriods()), code(e.per));
    radios("group", "group_", codes_of(domain::AllGroupSizes()), code(e.group));
    radios("in_welsh", "answer_", {"yes", "no"}, std::string(domain::Code(e.in_welsh)));
    std::vector<std::string> providers = codes_of(domain::AllProviderKinds());
    radios("provider", "provider_", providers,
           posted || e.provider ? code(e.provider) : (nhs ? "nhs" : ""));
    text(false, "provider_name", e.provider_name);
    fields.push_back(DateField(ctx, "starts_on", "idp_field_starts_on", "hint_date", errors,
                               e.starts_on, posted));
    fields.push_back(DateField(ctx, "review_on", "idp_field_review_on", "hint_date", errors,
                               e.review_on, posted));
    fields.push_back(ChoiceField(true, "ends", T(ctx, "idp_field_ends"), "",
                                 {{"yes", T(ctx, "idp_field_ends_yes"), ""}},
                                 {posted ? ctx.Param("ends") : (e.ends ? "yes" : "")}, errors));
    text(true, "rationale", e.rationale);
    return fields;
  };

  auto section_order = [](IdpSection section) -> std::vector<std::string> {
    switch (section) {
      case IdpSection::kAbout:
        return {"coordinator", "coordinator_role", "coordinator_contact", "communication"};
      case IdpSection::kProfile:
        return {"admired", "important", "support", "written_with", "photo"};
      case IdpSection::kNeeds:
        return {"areas", "types", "description"};
      case IdpSection::kPlace:
        return {"setting", "other", "reasons"};
      case IdpSection::kTransition:
        return {"transition", "transport"};
      default:
        return {};
    }
  };
  const std::vector<std::string> element_order = {
      "outcome", "measure",  "outcome_by", "provision",     "minutes",   "sessions",  "per",
      "group",   "in_welsh", "provider",   "provider_name", "starts_on", "review_on", "rationale"};

  // The flags of one section (or one element) as the page lists them.
  auto flags_of = [flag_text](const Ctx& ctx, const app::PlanView& view, IdpSection section,
                              int element) {
    mstch::array out;
    for (const auto& f : view.flags) {
      if (f.section != section || (element && f.element != element)) continue;
      out.push_back(mstch::map{{"text", flag_text(ctx, f)}, {"source", f.source}});
    }
    return out;
  };

  // The conflict panel: the saved text of each field beside the text the actor posted.
  auto conflict_rows = [this](Ctx& ctx, const std::vector<std::string>& names,
                              const std::function<std::string(const std::string&)>& saved) {
    mstch::array rows;
    for (const auto& name : names) {
      const std::string yours = ctx.Param(name);
      const std::string theirs = saved(name);
      if (domain::Trim(yours) == domain::Trim(theirs)) continue;
      rows.push_back(
          mstch::map{{"label", T(ctx, "idp_field_" + name)}, {"saved", theirs}, {"yours", yours}});
    }
    return rows;
  };

  // ---- a section's page ----
  auto section_page = [this, section_fields, section_order, flags_of, conflict_rows](
                          Ctx& ctx, IdpSection section, const domain::Error* error, int status) {
    auto view = app::ViewPlan(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    if (!view->may_edit) return ErrorPage(ctx, 403, "idp_error_not_maintainer");
    if (!view->idp.draft) return ErrorPage(ctx, 409, "idp_error_no_draft");
    const std::string idp_id = Id(view->idp.id.value());
    const std::string code(domain::Code(section));
    auto c = Base(ctx, "idp_section_" + code);
    mstch::map errors;
    const bool conflict = error && error->code == domain::ErrorCode::kConflict;
    if (error && !conflict) {
      AddErrors(ctx, c, *error, section_order(section));
      errors = boost::get<mstch::map>(c["errors"]);
    }
    const domain::IdpContent& draft = *view->idp.draft;
    if (conflict) {
      // Both texts: what someone else saved, and what this person typed.
      app::PlanForm saved_form;
      auto saved = [&](const std::string& name) -> std::string {
        switch (section) {
          case IdpSection::kAbout:
            if (name == "coordinator") return draft.about.coordinator;
            if (name == "coordinator_role") return draft.about.coordinator_role;
            if (name == "coordinator_contact") return draft.about.coordinator_contact;
            return draft.about.communication;
          case IdpSection::kProfile:
            if (name == "admired") return draft.profile.admired;
            if (name == "important") return draft.profile.important;
            if (name == "support") return draft.profile.support;
            return draft.profile.written_with;
          case IdpSection::kNeeds:
            return draft.needs.description;
          case IdpSection::kPlace:
            return name == "other" ? draft.place.other : draft.place.reasons;
          case IdpSection::kTransition:
            return name == "transition" ? draft.transition.transition : draft.transition.transport;
          default:
            return {};
        }
      };
      std::vector<std::string> names = section_order(section);
      names.erase(std::remove_if(names.begin(), names.end(),
                                 [](const std::string& n) {
                                   return n == "photo" || n == "areas" || n == "types" ||
                                          n == "setting";
                                 }),
                  names.end());
      c["conflict"] = mstch::map{{"rows", conflict_rows(ctx, names, saved)}};
      c["title"] = T(ctx, "idp_conflict_title") + " – " + T(ctx, "idp_section_" + code);
    }
    c["back_href"] = "/idps/" + idp_id;
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, "idp_section_" + code);
    mstch::array intro;
    if (catalog_->Has("idp_intro_" + code)) intro.push_back(T(ctx, "idp_intro_" + code));
    c["intro"] = intro;
    auto flags = flags_of(ctx, *view, section, 0);
    c["has_flags"] = !flags.empty();
    c["flags"] = flags;
    c["has_form"] = true;
    c["autosave"] = section != IdpSection::kInformation && section != IdpSection::kTimeline &&
                    section != IdpSection::kProfile;
    c["multipart"] = section == IdpSection::kProfile;
    c["action"] = "/idps/" + idp_id + "/sections/" + code;
    c["revision"] = Id(view->idp.Revision(domain::SectionPart(section)));
    c["button"] = T(ctx, "idp_save_section");
    c["done_href"] = "/idps/" + idp_id;
    c["fields"] = section_fields(ctx, section, draft, *view, errors, error != nullptr);
    Render(ctx, "plan_section", c, status);
  };

  for (IdpSection section : PageSections()) {
    const std::string code(domain::Code(section));
    Route(server, "GET", "/idps/{id}/sections/" + code, Access::kSignedIn, false,
          [section_page, section](Ctx& ctx) { section_page(ctx, section, nullptr, 200); });
    Route(server, "POST", "/idps/{id}/sections/" + code, Access::kSignedIn, false,
          [this, section_page, section, upload](Ctx& ctx) {
            const domain::IdpId id{ctx.PathId(1)};
            const bool autosave = ctx.req.get_header_value("X-Autosave") == "1";
            auto s = app::SaveIdpSection(services_, ctx.actor, id, section, FormOf(ctx),
                                         ctx.Param("revision"));
            if (s && section == IdpSection::kProfile) {
              const auto photo = upload(ctx, "photo");
              if (!photo.Empty()) {
                const auto next = domain::ParseWholeNumber(ctx.Param("revision")).value_or(0) + 1;
                s = app::SaveIdpPhoto(services_, ctx.actor, id, photo, Id(next));
              }
            }
            if (autosave) {
              // The page's script saves as the person types: it needs the new revision, or to
              // know that someone else saved first (then the page is posted to show both texts).
              if (!s) {
                const int status = s.error().code == domain::ErrorCode::kConflict          ? 409
                                   : s.error().code == domain::ErrorCode::kInvalidArgument ? 422
                                                                                           : 400;
                return Json(ctx, status, nlohmann::json{{"error", s.error().message}}.dump());
              }
              auto view = app::ViewPlan(services_, ctx.actor, id);
              if (!view) return Fail(ctx, view.error());
              return Json(
                  ctx, 200,
                  nlohmann::json{{"revision", view->idp.Revision(domain::SectionPart(section))}}
                      .dump());
            }
            if (!s) {
              if (s.error().code == domain::ErrorCode::kInvalidArgument ||
                  s.error().message == "idp_error_section_conflict") {
                return section_page(ctx, section, &s.error(),
                                    s.error().code == domain::ErrorCode::kConflict ? 409 : 422);
              }
              return Fail(ctx, s.error());
            }
            Redirect(ctx, "/idps/" + Id(id.value()) + "?done=section_saved");
          });
  }

  // ---- 2B and 2C: the list of elements, and one element's page ----
  auto elements_page = [this, flags_of](Ctx& ctx, IdpSection section) {
    auto view = app::ViewPlan(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    if (!view->may_view_draft) return ErrorPage(ctx, 403, "forbidden");
    if (!view->idp.draft) return ErrorPage(ctx, 409, "idp_error_no_draft");
    const std::string idp_id = Id(view->idp.id.value());
    const std::string code(domain::Code(section));
    auto c = Base(ctx, "idp_section_" + code);
    c["back_href"] = "/idps/" + idp_id;
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, "idp_section_" + code);
    c["intro"] = mstch::array{T(ctx, "idp_intro_" + code)};
    mstch::array elements;
    for (const auto& e : view->idp.draft->elements) {
      if (e.ByNhs() != (section == IdpSection::kNhs)) continue;
      const bool flagged =
          std::any_of(view->flags.begin(), view->flags.end(),
                      [&](const domain::QualityFlag& f) { return f.element == e.key; });
      std::string amount;
      if (e.minutes && e.sessions && e.per) {
        amount = Fill(ctx, "idp_amount",
                      {{"minutes", Id(e.minutes)},
                       {"sessions", Id(e.sessions)},
                       {"per", T(ctx, "period_" + std::string(domain::Code(*e.per)))}});
      }
      elements.push_back(mstch::map{
          {"href", "/idps/" + idp_id + "/elements/" + Id(e.key)},
          {"may_edit", view->may_edit},
          {"outcome", e.outcome.empty() ? T(ctx, "idp_outcome_blank") : e.outcome},
          {"provision", e.provision},
          {"amount", amount},
          {"status", T(ctx, flagged ? "task_status_incomplete" : "task_status_completed")},
          {"tag_colour", std::string(flagged ? "light-blue" : "green")}});
    }
    c["has_elements"] = !elements.empty();
    c["elements"] = elements;
    c["elements_caption"] = T(ctx, "idp_elements_caption");
    auto flags = flags_of(ctx, *view, section, 0);
    c["has_flags"] = !flags.empty();
    c["flags"] = flags;
    if (view->may_edit) {
      c["add_href"] = "/idps/" + idp_id + "/elements/new" +
                      std::string(section == IdpSection::kNhs ? "?nhs=1" : "");
      c["add_text"] = T(ctx, "idp_element_add");
    }
    c["done_href"] = "/idps/" + idp_id;
    Render(ctx, "plan_section", c);
  };
  Route(server, "GET", "/idps/{id}/sections/provision", Access::kSignedIn, false,
        [elements_page](Ctx& ctx) { elements_page(ctx, IdpSection::kProvision); });
  Route(server, "GET", "/idps/{id}/sections/nhs", Access::kSignedIn, false,
        [elements_page](Ctx& ctx) { elements_page(ctx, IdpSection::kNhs); });

  auto element_page = [this, element_fields, element_order, flags_of, conflict_rows](
                          Ctx& ctx, int key, const domain::Error* error, int status) {
    auto view = app::ViewPlan(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    if (!view->may_edit) return ErrorPage(ctx, 403, "idp_error_not_maintainer");
    if (!view->idp.draft) return ErrorPage(ctx, 409, "idp_error_no_draft");
    const domain::AlpElement* stored = key ? view->idp.draft->Element(key) : nullptr;
    if (key && !stored) return ErrorPage(ctx, 404, "idp_error_element_not_found");
    const std::string idp_id = Id(view->idp.id.value());
    auto c = Base(ctx, key ? "idp_element_edit" : "idp_element_add");
    mstch::map errors;
    const bool conflict = error && error->code == domain::ErrorCode::kConflict;
    if (error && !conflict) {
      AddErrors(ctx, c, *error, element_order);
      errors = boost::get<mstch::map>(c["errors"]);
    }
    if (conflict && stored) {
      auto saved = [&](const std::string& name) -> std::string {
        if (name == "outcome") return stored->outcome;
        if (name == "measure") return stored->measure;
        if (name == "provision") return stored->provision;
        if (name == "provider_name") return stored->provider_name;
        if (name == "minutes") return stored->minutes ? Id(stored->minutes) : "";
        if (name == "sessions") return stored->sessions ? Id(stored->sessions) : "";
        return stored->rationale;
      };
      c["conflict"] =
          mstch::map{{"rows", conflict_rows(ctx,
                                            {"outcome", "measure", "provision", "minutes",
                                             "sessions", "provider_name", "rationale"},
                                            saved)}};
      c["title"] = T(ctx, "idp_conflict_title") + " – " + T(ctx, "idp_element_edit");
    }
    const bool nhs = stored ? stored->ByNhs() : ctx.Param("nhs") == "1";
    c["back_href"] = "/idps/" + idp_id + "/sections/" + std::string(nhs ? "nhs" : "provision");
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, key ? "idp_element_edit" : "idp_element_add");
    c["intro"] = mstch::array{T(ctx, "idp_intro_element")};
    if (key) {
      auto flags = flags_of(ctx, *view, nhs ? IdpSection::kNhs : IdpSection::kProvision, key);
      c["has_flags"] = !flags.empty();
      c["flags"] = flags;
    }
    c["has_form"] = true;
    c["autosave"] = key != 0;
    c["action"] = "/idps/" + idp_id + "/elements" + (key ? "/" + Id(key) : std::string());
    if (key) c["remove_action"] = "/idps/" + idp_id + "/elements/" + Id(key) + "/remove";
    c["revision"] = Id(key ? view->idp.Revision(domain::ElementPart(key)) : 0);
    c["button"] = T(ctx, "idp_save_element");
    c["fields"] =
        element_fields(ctx, stored ? *stored : domain::AlpElement{}, errors, error != nullptr, nhs);
    Render(ctx, "plan_section", c, status);
  };
  auto element_post = [this, element_page](Ctx& ctx, int key) {
    const domain::IdpId id{ctx.PathId(1)};
    const bool autosave = ctx.req.get_header_value("X-Autosave") == "1";
    auto saved =
        app::SaveIdpElement(services_, ctx.actor, id, key, FormOf(ctx), ctx.Param("revision"));
    if (autosave) {
      if (!saved) {
        const int status = saved.error().code == domain::ErrorCode::kConflict          ? 409
                           : saved.error().code == domain::ErrorCode::kInvalidArgument ? 422
                                                                                       : 400;
        return Json(ctx, status, nlohmann::json{{"error", saved.error().message}}.dump());
      }
      auto view = app::ViewPlan(services_, ctx.actor, id);
      if (!view) return Fail(ctx, view.error());
      return Json(
          ctx, 200,
          nlohmann::json{{"revision", view->idp.Revision(domain::ElementPart(*saved))}}.dump());
    }
    if (!saved) {
      if (saved.error().code == domain::ErrorCode::kInvalidArgument ||
          saved.error().message == "idp_error_section_conflict") {
        return element_page(ctx, key, &saved.error(),
                            saved.error().code == domain::ErrorCode::kConflict ? 409 : 422);
      }
      return Fail(ctx, saved.error());
    }
    Redirect(ctx, "/idps/" + Id(id.value()) + "?done=element_saved");
  };
  Route(server, "GET", "/idps/{id}/elements/new", Access::kSignedIn, false,
        [element_page](Ctx& ctx) { element_page(ctx, 0, nullptr, 200); });
  Route(server, "POST", "/idps/{id}/elements", Access::kSignedIn, false,
        [element_post](Ctx& ctx) { element_post(ctx, 0); });
  Route(server, "GET", "/idps/{id}/elements/{key}", Access::kSignedIn, false,
        [element_page](Ctx& ctx) {
          element_page(ctx, static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30)), nullptr,
                       200);
        });
  Route(server, "POST", "/idps/{id}/elements/{key}", Access::kSignedIn, false,
        [element_post](Ctx& ctx) {
          element_post(ctx, static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30)));
        });
  Route(server, "POST", "/idps/{id}/elements/{key}/remove", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          const domain::IdpId id{ctx.PathId(1)};
          const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
          auto s = app::RemoveIdpElement(services_, ctx.actor, id, key, ctx.Param("revision"));
          if (!s) return Fail(ctx, s.error());
          Redirect(ctx, "/idps/" + Id(id.value()) + "?done=element_removed");
        });

  // ---- the plan's page ----
  Route(server, "GET", "/idps/{id}", Access::kSignedIn, false, [this, body_name](Ctx& ctx) {
    auto view = app::ViewPlan(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const Idp& idp = view->idp;
    const std::string idp_id = Id(idp.id.value());
    auto c = Base(ctx, "idp_title");
    c["title"] = T(ctx, "idp_title") + " – " + view->learner.DisplayName();
    c["idp_id"] = idp_id;
    c["learner_id"] = Id(view->learner.id.value());
    c["learner_name"] = view->learner.DisplayName();
    const std::string status(domain::Code(idp.Status()));
    c["status"] = T(ctx, "idp_status_" + status);
    c["status_colour"] = StatusColour(idp.Status());
    c["maintained_by"] = Fill(ctx, "idp_maintained_by_" + std::string(domain::Code(idp.body)),
                              {{"body", body_name(ctx, *view)}});
    if (const std::string done = ctx.Param("done");
        !done.empty() && done.size() < 40 && catalog_->Has("idp_done_" + done)) {
      c["banner"] = T(ctx, "idp_done_" + done);
    }
    if (auto start = idp.ReviewPeriodStartsOn();
        start && idp.Status() == domain::IdpStatus::kInForce) {
      const Date due = domain::AddDays(domain::AddMonthsClamped(*start, 12), -1);
      c["review_due"] = Fill(ctx, "idp_review_due",
                             {{"date", FormatDate(ctx, due)}, {"from", FormatDate(ctx, *start)}});
    }
    // The draft's task list: each section with its status; a link for the body that writes it.
    if (idp.draft) {
      c["has_draft"] = true;
      c["draft_heading"] =
          T(ctx, idp.versions.empty() ? "idp_draft_heading" : "idp_revision_heading");
      mstch::array tasks;
      int n = 0;
      for (IdpSection section : domain::AllIdpSections()) {
        ++n;
        const auto st = app::StatusOf(*idp.draft, section, view->flags, idp.body);
        const std::string code(domain::Code(section));
        const bool link =
            st != app::TaskStatus::kNotNeeded &&
            (view->may_edit || section == IdpSection::kProvision || section == IdpSection::kNhs);
        const auto flagged =
            std::count_if(view->flags.begin(), view->flags.end(),
                          [&](const domain::QualityFlag& f) { return f.section == section; });
        tasks.push_back(
            mstch::map{{"text", T(ctx, "idp_section_" + code)},
                       {"href", link || (view->may_edit && section == IdpSection::kNhs)
                                    ? "/idps/" + idp_id + "/sections/" + code
                                    : std::string()},
                       {"hint", flagged ? Fill(ctx, "idp_task_flags", {{"count", Id(flagged)}})
                                        : std::string()},
                       {"status", T(ctx, "task_status_" + std::string(app::Code(st)))},
                       {"status_id", "task-" + Id(n) + "-status"},
                       {"tag_colour", TagColour(st)}});
      }
      c["tasks"] = tasks;
      c["flag_count"] = view->flags.empty()
                            ? T(ctx, "idp_no_flags")
                            : Fill(ctx, "idp_flag_count",
                                   {{"count", Id(static_cast<std::int64_t>(view->flags.size()))}});
    }
    // What can be done next.
    mstch::array steps;
    auto link = [&](const std::string& text_id, const std::string& path) {
      steps.push_back(mstch::map{{"text", T(ctx, text_id)}, {"href", "/idps/" + idp_id + path}});
    };
    auto post = [&](const std::string& text_id, const std::string& path) {
      steps.push_back(
          mstch::map{{"text", T(ctx, text_id)},
                     {"post", "/idps/" + idp_id + path},
                     {"csrf_token", ctx.session ? ctx.session->session.csrf_token : std::string()},
                     {"version", Id(idp.version)}});
    };
    const bool in_force = idp.Status() == domain::IdpStatus::kInForce;
    if (idp.draft && view->may_edit) link("idp_step_finalise", "/finalise");
    if (idp.draft && view->may_view_draft) {
      steps.push_back(mstch::map{{"text", T(ctx, "idp_draft_pdf_english")},
                                 {"href", "/idps/" + idp_id + "/versions/0.pdf?lang=en"}});
      steps.push_back(mstch::map{{"text", T(ctx, "idp_draft_pdf_welsh")},
                                 {"href", "/idps/" + idp_id + "/versions/0.pdf?lang=cy"}});
    }
    if (in_force && view->may_edit) {
      link("idp_step_review", "/reviews");
      if (!idp.draft) post("idp_step_revise", "/revise");
      link("idp_step_record_request", "/review-requests");
      link("idp_step_cease", "/cease");
    }
    if (view->may_request_review) link("idp_step_request_review", "/review-requests");
    for (std::size_t i = 0; i < idp.requests.size(); ++i) {
      if (idp.requests[i].state == domain::RequestState::kPending && view->may_edit) {
        steps.push_back(mstch::map{
            {"text", Fill(ctx, "idp_step_answer_request", {{"n", Id(static_cast<int>(i) + 1)}})},
            {"href",
             "/idps/" + idp_id + "/review-requests/" + Id(static_cast<int>(i) + 1) + "/answer"}});
      }
    }
    const bool la_or_body =
        view->may_edit || domain::MayActForLa(ctx.actor.user, idp.local_authority);
    if (idp.Status() != domain::IdpStatus::kCeased && la_or_body && view->may_view_draft) {
      link("idp_step_move", "/move");
      if (view->learner.looked_after) link("idp_step_pep", "/pep");
    }
    if (idp.versions.size() >= 2 || (idp.draft && !idp.versions.empty())) {
      link("idp_step_compare", "/compare");
    }
    if (idp.cessation) {
      steps.push_back(mstch::map{{"text", T(ctx, "idp_cessation_pdf_english")},
                                 {"href", "/idps/" + idp_id + "/cessation.pdf?lang=en"}});
      steps.push_back(mstch::map{{"text", T(ctx, "idp_cessation_pdf_welsh")},
                                 {"href", "/idps/" + idp_id + "/cessation.pdf?lang=cy"}});
    }
    c["has_steps"] = !steps.empty();
    c["steps"] = steps;

    mstch::array versions;
    for (const auto& v : idp.versions) {
      const std::string base = "/idps/" + idp_id + "/versions/" + Id(v.number) + ".pdf";
      mstch::map row{
          {"number", Id(v.number)},
          {"given",
           Fill(ctx, "idp_given_by_method",
                {{"date", FormatDate(ctx, v.given_on)},
                 {"method", T(ctx, "notice_method_" + std::string(domain::Code(v.method)))}})},
          {"summary", v.change_summary.empty() ? T(ctx, "idp_first_version") : v.change_summary},
          {"href_en", base + "?lang=en"},
          {"href_cy", base + "?lang=cy"}};
      if (!v.flags.empty()) {
        row["override"] = Fill(ctx, "idp_version_override",
                               {{"count", Id(static_cast<std::int64_t>(v.flags.size()))},
                                {"reasons", v.override_reasons}});
      }
      if (v.number > 1) {
        row["compare_href"] =
            "/idps/" + idp_id + "/compare?from=" + Id(v.number - 1) + "&to=" + Id(v.number);
        row["compare_text"] = Fill(ctx, "idp_compare_with", {{"n", Id(v.number - 1)}});
      }
      versions.push_back(row);
    }
    c["has_versions"] = !versions.empty();
    c["versions"] = versions;

    // Summaries: reviews and requests, moves, the PEP, the cessation.
    mstch::array sections;
    auto section = [&](const std::string& heading_id, const std::string& id, mstch::array rows) {
      if (rows.empty()) return;
      sections.push_back(
          mstch::map{{"heading", T(ctx, heading_id)}, {"section_id", id}, {"rows", rows}});
    };
    auto row = [](const std::string& key, std::vector<std::string> values) {
      mstch::array vs;
      for (auto& v : values)
        if (!v.empty()) vs.push_back(std::move(v));
      return mstch::map{{"key", key}, {"values", vs}};
    };
    mstch::array requests;
    for (std::size_t i = 0; i < idp.requests.size(); ++i) {
      const auto& r = idp.requests[i];
      requests.push_back(
          row(Fill(ctx, "idp_request_row",
                   {{"n", Id(static_cast<int>(i) + 1)}, {"date", FormatDate(ctx, r.requested_on)}}),
              {T(ctx, "requester_" + std::string(domain::Code(r.by))) + ": " + r.name, r.reasons,
               T(ctx, "request_state_" + std::string(domain::Code(r.state))), r.answer}));
    }
    section("idp_requests", "plan-requests", requests);
    mstch::array reviews;
    for (const auto& r : idp.reviews) {
      std::string attended;
      for (const auto& i : r.invitees)
        if (i.attended) attended += (attended.empty() ? "" : ", ") + i.name;
      reviews.push_back(
          row(FormatDate(ctx, r.held_on),
              {T(ctx, "review_trigger_" + std::string(domain::Code(r.trigger))),
               T(ctx, "review_decision_" + std::string(domain::Code(r.decision))), r.reasons,
               view->may_view_draft ? Fill(ctx, "idp_review_attended", {{"names", attended}})
                                    : std::string()}));
    }
    section("idp_reviews", "plan-reviews", reviews);
    mstch::array moves;
    for (const auto& m : idp.moves) {
      std::string to;
      if (m.to_setting && view->settings.count(*m.to_setting)) {
        to = view->settings.at(*m.to_setting).name;
      } else if (view->authorities.count(m.to_local_authority)) {
        const auto& la = view->authorities.at(m.to_local_authority);
        to = ctx.lang == Lang::kCy ? la.name_cy : la.name_en;
      }
      moves.push_back(
          row(FormatDate(ctx, m.on),
              {T(ctx, "move_" + std::string(domain::Code(m.kind))) + ": " + to,
               m.entitlement_until ? Fill(ctx, "idp_entitlement_until",
                                          {{"date", FormatDate(ctx, *m.entitlement_until)}})
                                   : std::string(),
               m.note}));
    }
    section("idp_moves", "plan-moves", moves);
    mstch::array other;
    if (!idp.pep_reference.empty()) {
      other.push_back(row(
          T(ctx, "idp_field_pep_reference"),
          {idp.pep_reference, idp.pep_dated ? FormatDate(ctx, *idp.pep_dated) : std::string()}));
    }
    if (idp.entitlement_until) {
      other.push_back(row(T(ctx, "idp_entitlement"), {FormatDate(ctx, *idp.entitlement_until)}));
    }
    if (idp.cessation) {
      const auto& k = *idp.cessation;
      other.push_back(
          row(T(ctx, "idp_ceased"),
              {FormatDate(ctx, k.decided_on), k.reasons,
               k.reconsider_by
                   ? Fill(ctx, "idp_reconsider_by", {{"date", FormatDate(ctx, *k.reconsider_by)}})
                   : std::string(),
               k.appeal_by ? Fill(ctx, "idp_appeal_by", {{"date", FormatDate(ctx, *k.appeal_by)}})
                           : std::string()}));
    }
    if (idp.aln_case && view->may_view_draft) {
      other.push_back(row(T(ctx, "idp_from_case"),
                          {Fill(ctx, "idp_case_link", {{"id", Id(idp.aln_case->value())}})}));
    }
    section("idp_other", "plan-other", other);
    c["sections"] = sections;

    mstch::array clocks;
    for (const auto& s : view->clocks) clocks.push_back(ClockRow(ctx, s));
    c["has_clocks"] = !clocks.empty();
    c["clocks"] = clocks;
    mstch::array timeline;
    for (auto it = idp.timeline.rbegin(); it != idp.timeline.rend(); ++it) {
      std::string text = T(ctx, "idp_event_" + std::string(domain::Code(it->kind)));
      if (it->kind == domain::IdpEventKind::kFinalised) {
        text = Fill(ctx, "idp_event_finalised", {{"n", it->detail}});
      }
      timeline.push_back(mstch::map{
          {"on", FormatDate(ctx, it->on)},
          {"text", text},
          {"who", view->people.count(it->by) ? view->people.at(it->by) : std::string()}});
    }
    c["timeline"] = timeline;
    Render(ctx, "plan", c);
  });

  // ---- steps on forms: finalise, requests, reviews, cessation, moves, PEP ----
  struct Step {
    std::string title_id, button_id;
    std::vector<std::string> order;
    // The page's fields and intro paragraphs.
    std::function<mstch::array(Ctx&, const app::PlanView&, const mstch::map&, mstch::array&)>
        fields;
    std::function<bool(const Ctx&, const app::PlanView&)> may;
    // The message of a 404 when the page's item is not there ("" when it is, or has none).
    std::function<std::string(const Ctx&, const app::PlanView&)> missing = nullptr;
  };
  auto step_page = [this](Ctx& ctx, const std::string& path, const Step& step,
                          const domain::Error* error, int status) {
    auto view = app::ViewPlan(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    if (!step.may(ctx, *view)) return ErrorPage(ctx, 403, "idp_error_not_maintainer");
    if (step.missing) {
      if (const std::string message = step.missing(ctx, *view); !message.empty())
        return ErrorPage(ctx, 404, message);
    }
    const std::string idp_id = Id(view->idp.id.value());
    auto c = Base(ctx, step.title_id);
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error, step.order);
      errors = boost::get<mstch::map>(c["errors"]);
    }
    c["back_href"] = "/idps/" + idp_id;
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, step.title_id);
    mstch::array intro;
    c["fields"] = step.fields(ctx, *view, errors, intro);
    c["intro"] = intro;
    c["action"] = "/idps/" + idp_id + path;
    c["button"] = T(ctx, step.button_id);
    c["version"] = Id(view->idp.version);
    c["multipart"] = false;
    Render(ctx, "case_step", c, status);
  };
  auto add_step = [this, step_page](httplib::Server& srv, const std::string& path, Step step,
                                    std::function<domain::Status(Ctx&, domain::IdpId)> run,
                                    const std::string& done) {
    Route(srv, "GET", "/idps/{id}" + path, Access::kSignedIn, false,
          [step_page, path, step](Ctx& ctx) { step_page(ctx, path, step, nullptr, 200); });
    Route(srv, "POST", "/idps/{id}" + path, Access::kSignedIn, false,
          [this, step_page, path, step, run, done](Ctx& ctx) {
            const domain::IdpId id{ctx.PathId(1)};
            auto s = run(ctx, id);
            if (!s) {
              if (s.error().code == domain::ErrorCode::kInvalidArgument)
                return step_page(ctx, path, step, &s.error(), 422);
              return Fail(ctx, s.error());
            }
            Redirect(ctx, "/idps/" + Id(id.value()) + "?done=" + done);
          });
  };
  auto method_choices = [this](const Ctx& ctx) {
    std::vector<Choice> out;
    for (auto m : domain::AllNoticeMethods()) {
      const std::string code(domain::Code(m));
      out.push_back({code, T(ctx, "notice_method_" + code), ""});
    }
    return out;
  };
  auto maintainer = [](const Ctx&, const app::PlanView& v) { return v.may_edit; };

  add_step(
      server, "/finalise",
      {"idp_finalise_title",
       "idp_finalise_button",
       {"sent_on", "method", "change_summary", "override_reasons"},
       [this, method_choices, flag_text](Ctx& ctx, const app::PlanView& v, const mstch::map& errors,
                                         mstch::array& intro) {
         mstch::array f;
         if (v.flags.empty()) {
           intro.push_back(T(ctx, "idp_finalise_no_flags"));
         } else {
           intro.push_back(Fill(ctx, "idp_finalise_flags",
                                {{"count", Id(static_cast<std::int64_t>(v.flags.size()))}}));
           for (const auto& flag : v.flags) {
             std::string where = T(ctx, "idp_section_" + std::string(domain::Code(flag.section)));
             if (flag.element && v.idp.draft) {
               if (const auto* e = v.idp.draft->Element(flag.element)) {
                 where += ": " + (e->outcome.empty() ? e->provision : e->outcome);
               }
             }
             intro.push_back(where + " – " + flag_text(ctx, flag) + " (" + flag.source + ")");
           }
         }
         intro.push_back(
             Fill(ctx, "idp_finalise_post", {{"days", Id(v.decision_settings.post_working_days)}}));
         f.push_back(ChoiceField(false, "method", T(ctx, "field_notice_method"), "",
                                 method_choices(ctx), {ctx.Param("method")}, errors));
         f.push_back(DateField(ctx, "sent_on", "field_sent_on", "hint_date", errors));
         if (!v.idp.versions.empty()) {
           f.push_back(TextField(true, "change_summary", T(ctx, "idp_field_change_summary"),
                                 T(ctx, "idp_hint_change_summary"), ctx.Param("change_summary"),
                                 errors));
         }
         if (!v.flags.empty()) {
           f.push_back(TextField(true, "override_reasons", T(ctx, "idp_field_override_reasons"),
                                 T(ctx, "idp_hint_override_reasons"), ctx.Param("override_reasons"),
                                 errors));
         }
         return f;
       },
       [](const Ctx&, const app::PlanView& v) { return v.may_edit && v.idp.draft.has_value(); }},
      [this](Ctx& ctx, domain::IdpId id) -> domain::Status {
        auto n = app::FinaliseIdp(services_, ctx.actor, id, FormOf(ctx));
        if (!n) return n.error();
        return domain::Ok();
      },
      "finalised");

  Route(server, "POST", "/idps/{id}/revise", Access::kSignedIn, false, [this](Ctx& ctx) {
    const domain::IdpId id{ctx.PathId(1)};
    auto s = app::StartIdpRevision(services_, ctx.actor, id, FormOf(ctx));
    if (!s) return Fail(ctx, s.error());
    Redirect(ctx, "/idps/" + Id(id.value()) + "?done=revision_started");
  });

  add_step(
      server, "/review-requests",
      {"idp_request_title",
       "idp_request_button",
       {"by", "name", "requested_on", "reasons"},
       [this, choices](Ctx& ctx, const app::PlanView& v, const mstch::map& errors,
                       mstch::array& intro) {
         mstch::array f;
         intro.push_back(T(ctx, "idp_request_intro"));
         if (v.may_edit) {
           std::vector<std::string> kinds;
           for (auto k : domain::AllRequesterKinds()) kinds.emplace_back(domain::Code(k));
           f.push_back(ChoiceField(false, "by", T(ctx, "idp_field_by"), "",
                                   choices(ctx, "requester_", kinds), {ctx.Param("by")}, errors));
           f.push_back(
               TextField(false, "name", T(ctx, "idp_field_name"), "", ctx.Param("name"), errors));
           f.push_back(
               DateField(ctx, "requested_on", "idp_field_requested_on", "hint_date", errors));
         }
         f.push_back(TextField(true, "reasons", T(ctx, "idp_field_request_reasons"), "",
                               ctx.Param("reasons"), errors));
         return f;
       },
       [](const Ctx&, const app::PlanView& v) {
         return v.idp.Status() == domain::IdpStatus::kInForce &&
                (v.may_edit || v.may_request_review);
       }},
      [this](Ctx& ctx, domain::IdpId id) -> domain::Status {
        auto n = app::RequestIdpReview(services_, ctx.actor, id, FormOf(ctx));
        if (!n) return n.error();
        return domain::Ok();
      },
      "review_requested");

  add_step(
      server, "/review-requests/{n}/answer",
      {"idp_answer_title",
       "idp_answer_button",
       {"answer", "reasons", "answered_on"},
       [this](Ctx& ctx, const app::PlanView& v, const mstch::map& errors, mstch::array& intro) {
         const auto n = static_cast<std::size_t>(ctx.PathId(2));
         if (n >= 1 && n <= v.idp.requests.size()) {
           const auto& r = v.idp.requests[n - 1];
           intro.push_back(Fill(ctx, "idp_answer_intro",
                                {{"name", r.name},
                                 {"date", FormatDate(ctx, r.requested_on)},
                                 {"reasons", r.reasons}}));
         }
         mstch::array f;
         f.push_back(ChoiceField(
             false, "answer", T(ctx, "idp_field_answer"), "",
             {{"review", T(ctx, "idp_answer_review"), ""},
              {"unnecessary", T(ctx, "idp_answer_unnecessary"), T(ctx, "idp_hint_unnecessary")}},
             {ctx.Param("answer")}, errors));
         f.push_back(TextField(true, "reasons", T(ctx, "idp_field_answer_reasons"), "",
                               ctx.Param("reasons"), errors));
         f.push_back(DateField(ctx, "answered_on", "idp_field_answered_on", "hint_date", errors));
         return f;
       },
       maintainer,
       [](const Ctx& ctx, const app::PlanView& v) -> std::string {
         const auto n = static_cast<std::size_t>(ctx.PathId(2));
         if (n < 1 || n > v.idp.requests.size() ||
             v.idp.requests[n - 1].state != domain::RequestState::kPending)
           return "idp_error_request_not_found";
         return "";
       }},
      [this](Ctx& ctx, domain::IdpId id) -> domain::Status {
        return app::AnswerIdpReviewRequest(
            services_, ctx.actor, id, static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30)),
            FormOf(ctx));
      },
      "request_answered");

  add_step(
      server, "/reviews",
      {"idp_review_title",
       "idp_review_button",
       {"held_on", "trigger", "request", "invited_1", "attended_1", "learner_views", "family_views",
        "decision", "reasons", "notice_given_on"},
       [this, choices](Ctx& ctx, const app::PlanView& v, const mstch::map& errors,
                       mstch::array& intro) {
         mstch::array f;
         intro.push_back(T(ctx, "idp_review_intro"));
         const bool posted = ctx.req.method == "POST";
         f.push_back(DateField(ctx, "held_on", "idp_field_held_on", "hint_date", errors));
         std::vector<std::string> triggers;
         for (auto t : domain::AllReviewTriggers()) triggers.emplace_back(domain::Code(t));
         f.push_back(ChoiceField(false, "trigger", T(ctx, "idp_field_trigger"), "",
                                 choices(ctx, "review_trigger_", triggers), {ctx.Param("trigger")},
                                 errors));
         std::vector<Choice> requests;
         for (std::size_t i = 0; i < v.idp.requests.size(); ++i) {
           const auto& r = v.idp.requests[i];
           if (r.state == domain::RequestState::kUnnecessary ||
               r.state == domain::RequestState::kReviewed)
             continue;
           requests.push_back({Id(static_cast<int>(i) + 1),
                               Fill(ctx, "idp_request_choice",
                                    {{"name", r.name}, {"date", FormatDate(ctx, r.requested_on)}}),
                               ""});
         }
         if (!requests.empty()) {
           f.push_back(ChoiceField(false, "request", T(ctx, "idp_field_request"),
                                   T(ctx, "idp_hint_request"), requests, {ctx.Param("request")},
                                   errors));
         }
         // Every required invitee, invited by default, and whether they came.
         f.push_back(HeadingField(T(ctx, "idp_invitees_heading"), T(ctx, "idp_hint_invitees")));
         for (std::size_t i = 0; i < v.required_invitees.size(); ++i) {
           const auto& inv = v.required_invitees[i];
           const std::string n = Id(static_cast<int>(i) + 1);
           const std::string who =
               inv.name + " (" + T(ctx, "invitee_" + std::string(domain::Code(inv.kind))) + ")";
           std::vector<std::string> chosen;
           if (!posted || ctx.Param("invited_" + n) == "yes") chosen.push_back("yes");
           auto field = ChoiceField(true, "invited_" + n, who, "",
                                    {{"yes", T(ctx, "idp_invited"), ""}}, chosen, errors);
           f.push_back(field);
           f.push_back(ChoiceField(
               true, "attended_" + n, Fill(ctx, "idp_attended_who", {{"name", inv.name}}), "",
               {{"yes", T(ctx, "idp_attended"), ""}}, {ctx.Param("attended_" + n)}, errors));
         }
         std::vector<std::string> kinds;
         for (auto k : domain::AllInviteeKinds()) kinds.emplace_back(domain::Code(k));
         for (int i = 1; i <= 2; ++i) {
           const std::string n = Id(i);
           f.push_back(HeadingField(Fill(ctx, "idp_extra_invitee", {{"n", n}}), ""));
           f.push_back(TextField(false, "extra_name_" + n, T(ctx, "idp_field_name"), "",
                                 ctx.Param("extra_name_" + n), errors));
           f.push_back(ChoiceField(false, "extra_kind_" + n, T(ctx, "idp_field_invitee_kind"), "",
                                   choices(ctx, "invitee_", kinds), {ctx.Param("extra_kind_" + n)},
                                   errors));
           f.push_back(ChoiceField(true, "extra_attended_" + n, T(ctx, "idp_attended"), "",
                                   {{"yes", T(ctx, "idp_attended"), ""}},
                                   {ctx.Param("extra_attended_" + n)}, errors));
         }
         f.push_back(TextField(true, "learner_views", T(ctx, "idp_field_learner_views"), "",
                               ctx.Param("learner_views"), errors));
         f.push_back(TextField(true, "family_views", T(ctx, "idp_field_family_views"), "",
                               ctx.Param("family_views"), errors));
         std::vector<std::string> ratings;
         for (auto r : domain::AllProgressRatings()) ratings.emplace_back(domain::Code(r));
         if (const auto* current = v.idp.Current()) {
           f.push_back(HeadingField(T(ctx, "idp_progress_heading"), ""));
           for (const auto& e : current->content.elements) {
             const std::string key = Id(e.key);
             f.push_back(ChoiceField(
                 false, "rating_" + key, e.outcome.empty() ? e.provision : e.outcome, "",
                 choices(ctx, "progress_rating_", ratings), {ctx.Param("rating_" + key)}, errors));
             f.push_back(TextField(false, "note_" + key, T(ctx, "idp_field_progress_note"), "",
                                   ctx.Param("note_" + key), errors));
           }
         }
         std::vector<std::string> decisions;
         for (auto d : domain::AllReviewDecisions()) decisions.emplace_back(domain::Code(d));
         f.push_back(ChoiceField(false, "decision", T(ctx, "idp_field_decision"), "",
                                 choices(ctx, "review_decision_", decisions),
                                 {ctx.Param("decision")}, errors));
         f.push_back(TextField(true, "reasons", T(ctx, "idp_field_review_reasons"), "",
                               ctx.Param("reasons"), errors));
         f.push_back(DateField(ctx, "notice_given_on", "idp_field_notice_given_on",
                               "idp_hint_notice_given_on", errors));
         return f;
       },
       [](const Ctx&, const app::PlanView& v) {
         return v.may_edit && v.idp.Status() == domain::IdpStatus::kInForce;
       }},
      [this](Ctx& ctx, domain::IdpId id) {
        return app::RecordIdpReview(services_, ctx.actor, id, FormOf(ctx));
      },
      "reviewed");

  add_step(
      server, "/cease",
      {"idp_cease_title",
       "idp_cease_button",
       {"decided_on", "reasons", "method", "sent_on"},
       [this, method_choices](Ctx& ctx, const app::PlanView& v, const mstch::map& errors,
                              mstch::array& intro) {
         intro.push_back(T(ctx, domain::CeaseIsReconsidered(v.idp.body) ? "idp_cease_intro_school"
                                                                        : "idp_cease_intro_la"));
         mstch::array f;
         f.push_back(DateField(ctx, "decided_on", "idp_field_decided_on", "hint_date", errors));
         f.push_back(TextField(true, "reasons", T(ctx, "idp_field_cease_reasons"), "",
                               ctx.Param("reasons"), errors));
         f.push_back(ChoiceField(false, "method", T(ctx, "field_notice_method"), "",
                                 method_choices(ctx), {ctx.Param("method")}, errors));
         f.push_back(DateField(ctx, "sent_on", "field_sent_on", "hint_date", errors));
         return f;
       },
       [](const Ctx&, const app::PlanView& v) {
         return v.may_edit && v.idp.Status() == domain::IdpStatus::kInForce;
       }},
      [this](Ctx& ctx, domain::IdpId id) {
        return app::CeaseIdp(services_, ctx.actor, id, FormOf(ctx));
      },
      "ceased");

  auto moves_allowed = [](const Ctx& ctx, const app::PlanView& v) {
    return v.may_view_draft && v.idp.Status() != domain::IdpStatus::kCeased &&
           (v.may_edit || domain::MayActForLa(ctx.actor.user, v.idp.local_authority));
  };
  add_step(
      server, "/move",
      {"idp_move_title",
       "idp_move_button",
       {"kind", "to_setting", "to_la", "moved_on", "entitlement_until", "note"},
       [this, choices](Ctx& ctx, const app::PlanView& v, const mstch::map& errors,
                       mstch::array& intro) {
         intro.push_back(T(ctx, "idp_move_intro"));
         mstch::array f;
         std::vector<std::string> kinds;
         for (auto k : domain::AllMoveKinds()) kinds.emplace_back(domain::Code(k));
         f.push_back(ChoiceField(false, "kind", T(ctx, "idp_field_move_kind"), "",
                                 choices(ctx, "move_", kinds), {ctx.Param("kind")}, errors));
         std::vector<Choice> settings{{"", T(ctx, "idp_place_none"), ""}};
         for (const auto& [id, s] : v.settings) settings.push_back({Id(id.value()), s.name, ""});
         f.push_back(ChoiceField(false, "to_setting", T(ctx, "idp_field_to_setting"),
                                 T(ctx, "idp_hint_to_setting"), settings, {ctx.Param("to_setting")},
                                 errors));
         std::vector<Choice> las{{"", T(ctx, "idp_place_none"), ""}};
         for (const auto& [id, la] : v.authorities) {
           las.push_back({Id(id.value()), ctx.lang == Lang::kCy ? la.name_cy : la.name_en, ""});
         }
         f.push_back(ChoiceField(false, "to_la", T(ctx, "idp_field_to_la"),
                                 T(ctx, "idp_hint_to_la"), las, {ctx.Param("to_la")}, errors));
         f.push_back(DateField(ctx, "moved_on", "idp_field_moved_on", "hint_date", errors));
         f.push_back(DateField(ctx, "entitlement_until", "idp_field_entitlement_until",
                               "idp_hint_entitlement_until", errors));
         f.push_back(
             TextField(true, "note", T(ctx, "idp_field_move_note"), "", ctx.Param("note"), errors));
         return f;
       },
       moves_allowed},
      [this](Ctx& ctx, domain::IdpId id) {
        return app::MoveIdp(services_, ctx.actor, id, FormOf(ctx));
      },
      "moved");

  add_step(
      server, "/pep",
      {"idp_pep_title",
       "idp_pep_button",
       {"pep_reference", "pep_dated"},
       [this](Ctx& ctx, const app::PlanView&, const mstch::map& errors, mstch::array& intro) {
         intro.push_back(T(ctx, "idp_pep_intro"));
         mstch::array f;
         f.push_back(TextField(false, "pep_reference", T(ctx, "idp_field_pep_reference"),
                               T(ctx, "idp_hint_pep_reference"), ctx.Param("pep_reference"),
                               errors));
         f.push_back(DateField(ctx, "pep_dated", "idp_field_pep_dated", "hint_date", errors));
         return f;
       },
       moves_allowed},
      [this](Ctx& ctx, domain::IdpId id) {
        return app::LinkIdpPep(services_, ctx.actor, id, FormOf(ctx));
      },
      "pep_linked");

  // ---- comparing versions ----
  Route(server, "GET", "/idps/{id}/compare", Access::kSignedIn, false, [this](Ctx& ctx) {
    const domain::IdpId id{ctx.PathId(1)};
    auto view = app::ViewPlan(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    const int count = static_cast<int>(view->idp.versions.size());
    const bool draft = view->idp.draft.has_value();
    auto number = [&](const std::string& name, int fallback) {
      auto n = domain::ParseWholeNumber(ctx.Param(name));
      return n && *n >= 0 && *n <= count ? static_cast<int>(*n) : fallback;
    };
    const int to = number("to", draft ? 0 : count);
    const int from = number("from", to == 0 ? count : std::max(1, to - 1));
    auto cmp = app::CompareIdpVersions(services_, ctx.actor, id, from, to);
    if (!cmp) return Fail(ctx, cmp.error());
    auto c = Base(ctx, "idp_compare_title");
    c["idp_id"] = Id(id.value());
    c["learner_name"] = view->learner.DisplayName();
    c["heading"] = T(ctx, "idp_compare_title");
    auto label = [&](int n) {
      return n == 0 ? T(ctx, "idp_the_draft") : Fill(ctx, "idp_version_n", {{"n", Id(n)}});
    };
    auto options = [&](int selected) {
      mstch::array out;
      for (int n = 1; n <= count; ++n)
        out.push_back(
            mstch::map{{"value", Id(n)}, {"text", label(n)}, {"selected", n == selected}});
      if (draft && view->may_view_draft)
        out.push_back(mstch::map{
            {"value", std::string("0")}, {"text", label(0)}, {"selected", selected == 0}});
      return out;
    };
    c["from_options"] = options(from);
    c["to_options"] = options(to);
    c["caption"] = Fill(ctx, "idp_compare_caption", {{"from", label(from)}, {"to", label(to)}});
    mstch::array changes;
    for (const auto& ch : cmp->changes) {
      auto shown = [&](const std::string& value) -> std::string {
        if (value.empty()) return value;
        switch (ch.kind) {
          case domain::ChangeKind::kDate:
            if (auto d = domain::ParseIsoDate(value)) return FormatDate(ctx, *d);
            return value;
          case domain::ChangeKind::kCode: {
            std::string out;
            std::size_t start = 0;
            while (start <= value.size()) {
              auto end = value.find(',', start);
              if (end == std::string::npos) end = value.size();
              const std::string code = value.substr(start, end - start);
              if (!code.empty()) out += (out.empty() ? "" : ", ") + T(ctx, ch.code_prefix + code);
              start = end + 1;
            }
            return out;
          }
          case domain::ChangeKind::kNumber:
            if (ch.field == "setting") {
              auto s = domain::ParsePositiveId(value);
              if (s && view->settings.count(domain::SettingId{*s}))
                return view->settings.at(domain::SettingId{*s}).name;
            }
            return value;
          default:
            return value;
        }
      };
      std::string section = T(ctx, "idp_section_" + std::string(domain::Code(ch.section)));
      if (ch.element) {
        const auto* to_content = to == 0 ? &*view->idp.draft : &view->idp.versions[to - 1].content;
        const auto* e = to_content->Element(ch.element);
        if (!e && from >= 1) e = view->idp.versions[from - 1].content.Element(ch.element);
        if (e) section += ": " + (e->outcome.empty() ? e->provision : e->outcome);
      }
      const std::string field_label =
          ch.kind == domain::ChangeKind::kAdded     ? T(ctx, "idp_change_added")
          : ch.kind == domain::ChangeKind::kRemoved ? T(ctx, "idp_change_removed")
                                                    : T(ctx, "idp_field_" + ch.field);
      changes.push_back(mstch::map{{"field", ch.field},
                                   {"section", section},
                                   {"label", field_label},
                                   {"before", shown(ch.before)},
                                   {"after", shown(ch.after)}});
    }
    c["has_changes"] = !changes.empty();
    c["changes"] = changes;
    Render(ctx, "plan_compare", c);
  });

  // ---- documents ----
  auto send_pdf = [this](Ctx& ctx, const domain::Result<std::string>& pdf,
                         const std::string& filename) {
    if (!pdf) return Fail(ctx, pdf.error());
    ctx.res.set_header("Content-Disposition", "inline; filename=\"" + filename + "\"");
    ctx.res.set_content(*pdf, "application/pdf");
  };
  auto pdf_lang = [](const Ctx& ctx) {
    const std::string lang = ctx.Param("lang");
    return lang == "cy" ? Lang::kCy : lang == "en" ? Lang::kEn : ctx.lang;
  };
  Route(server, "GET", "/idps/{id}/versions/{n}.pdf", Access::kSignedIn, false,
        [this, send_pdf, pdf_lang](Ctx& ctx) {
          const long long n = ctx.Path(2) == "0" ? 0 : ctx.PathId(2);
          auto data = app::IdpDocument(services_, ctx.actor, domain::IdpId{ctx.PathId(1)},
                                       static_cast<int>(std::min<long long>(n, 1 << 30)));
          if (!data) return Fail(ctx, data.error());
          const Lang lang = pdf_lang(ctx);
          send_pdf(ctx, PlanPdf(lang, *data),
                   "idp-" + Id(ctx.PathId(1)) + "-" + (n ? Id(n) : std::string("draft")) + "-" +
                       std::string(Code(lang)) + ".pdf");
        });
  Route(server, "GET", "/idps/{id}/profile.pdf", Access::kSignedIn, false,
        [this, send_pdf, pdf_lang](Ctx& ctx) {
          auto view = app::ViewPlan(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
          if (!view) return Fail(ctx, view.error());
          const auto* current = view->idp.Current();
          const domain::IdpContent* content =
              current ? &current->content : (view->idp.draft ? &*view->idp.draft : nullptr);
          if (!content) return ErrorPage(ctx, 404, "idp_error_version_not_found");
          const Lang lang = pdf_lang(ctx);
          const Date dated = current ? current->given_on : view->today;
          send_pdf(
              ctx,
              ProfilePdf(lang, view->learner.DisplayName(), content->profile, view->maintainer_name,
                         dated),
              "one-page-profile-" + Id(ctx.PathId(1)) + "-" + std::string(Code(lang)) + ".pdf");
        });
  Route(server, "GET", "/idps/{id}/cessation.pdf", Access::kSignedIn, false,
        [this, send_pdf, pdf_lang](Ctx& ctx) {
          auto view = app::CessationNotice(services_, ctx.actor, domain::IdpId{ctx.PathId(1)});
          if (!view) return Fail(ctx, view.error());
          const Lang lang = pdf_lang(ctx);
          send_pdf(ctx, CessationPdf(lang, *view),
                   "idp-" + Id(ctx.PathId(1)) + "-ceased-" + std::string(Code(lang)) + ".pdf");
        });
  Route(server, "GET", "/photos/{id}", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto photo = app::GetProfilePhoto(services_, ctx.actor, domain::PhotoId{ctx.PathId(1)});
    if (!photo) return Fail(ctx, photo.error());
    ctx.res.set_content(photo->bytes, photo->content_type);
  });

  // ---- starting a plan ----
  auto start_page = [this, choices](Ctx& ctx, const domain::Error* error, int status) {
    auto record = RecordForUpdate(ctx, ctx.PathId(1));
    if (!record) return;
    auto c = Base(ctx, "idp_start_title");
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error, {"body", "setting"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    c["back_href"] = "/learners/" + Id(ctx.PathId(1));
    c["caption"] = record->learner.DisplayName();
    c["heading"] = T(ctx, "idp_start_title");
    c["intro"] = mstch::array{T(ctx, "idp_start_intro")};
    c["action"] = "/learners/" + Id(ctx.PathId(1)) + "/idps";
    c["button"] = T(ctx, "idp_start_button");
    mstch::array f;
    f.push_back(ChoiceField(false, "body", T(ctx, "idp_field_body"), "",
                            choices(ctx, "idp_body_", {"school", "fei", "la"}), {ctx.Param("body")},
                            errors));
    std::vector<Choice> settings{{"", T(ctx, "idp_place_none"), ""}};
    for (const auto& [sid, s] : record->settings) settings.push_back({Id(sid.value()), s.name, ""});
    f.push_back(ChoiceField(false, "setting", T(ctx, "idp_field_maintaining_setting"), "", settings,
                            {ctx.Param("setting")}, errors));
    c["fields"] = f;
    Render(ctx, "case_step", c, status);
  };
  Route(server, "GET", "/learners/{id}/idps/new", Access::kSignedIn, false,
        [start_page](Ctx& ctx) { start_page(ctx, nullptr, 200); });
  Route(server, "POST", "/learners/{id}/idps", Access::kSignedIn, false,
        [this, start_page](Ctx& ctx) {
          app::StartPlanInput in{ctx.Param("aln_case"), ctx.Param("body"), ctx.Param("setting")};
          const Lang lang = ctx.lang;
          auto id = app::StartIdp(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, in,
                                  [&](domain::CaseEventKind kind) {
                                    return catalog_->Get(
                                        lang, "case_event_" + std::string(domain::Code(kind)));
                                  });
          if (!id) {
            if (id.error().code == domain::ErrorCode::kInvalidArgument && in.aln_case.empty())
              return start_page(ctx, &id.error(), 422);
            return Fail(ctx, id.error());
          }
          Redirect(ctx, "/idps/" + Id(id->value()) + "?done=started");
        });
}

}  // namespace cynnal::http
