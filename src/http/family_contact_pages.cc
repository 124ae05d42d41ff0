#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/family_contacts.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/json_fields.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

std::string Id(std::int64_t value) { return std::to_string(value); }

// The year asked for in ?year=, or 0 (the current one) when it is missing or not a plausible year.
int YearParam(const Ctx& ctx) {
  const auto year = domain::ParseWholeNumber(ctx.Param("year")).value_or(0);
  return year >= 2000 && year <= 2100 ? static_cast<int>(year) : 0;
}

std::string FollowUpColour(domain::FollowUpState state) {
  switch (state) {
    case domain::FollowUpState::kOverdue:
      return "red";
    case domain::FollowUpState::kDue:
      return "yellow";
    case domain::FollowUpState::kDone:
      return "green";
    case domain::FollowUpState::kNone:
      break;
  }
  return "grey";
}

}  // namespace

// Family liaison: each learner's contacts with their family, a school's liaison over the year
// (domain/family_contact.h).
void WebApp::InstallFamilyContactPages(httplib::Server& server) {
  auto code_text = [this](const Ctx& ctx, const std::string& prefix, std::string_view code) {
    return T(ctx, prefix + std::string(code));
  };
  // A contact as the pages' templates show it.
  auto contact_map = [this, code_text](const Ctx& ctx, const app::ContactLine& line) {
    const auto& c = line.contact;
    std::string with = line.with;
    if (!line.relationship.empty())
      with += " (" + T(ctx, "relationship_" + line.relationship) + ")";
    std::string follow_up;
    const auto state = line.follow_up;
    if (state == domain::FollowUpState::kDone)
      follow_up = Fill(ctx, "family_contact_followed_up_on",
                       {{"date", FormatDate(ctx, *c.followed_up_on)}});
    else if (c.follow_up_by)
      follow_up = Fill(ctx, "family_contact_follow_up_by_date",
                       {{"date", FormatDate(ctx, *c.follow_up_by)}});
    const std::string state_code = state == domain::FollowUpState::kOverdue ? "overdue"
                                   : state == domain::FollowUpState::kDue   ? "due"
                                   : state == domain::FollowUpState::kDone  ? "done"
                                                                            : "none";
    return mstch::map{
        {"id", Id(c.id.value())},
        {"href", "/family-contacts/" + Id(c.id.value())},
        {"learner", line.learner_name},
        {"learner_href", "/learners/" + Id(c.learner.value()) + "/family-contacts"},
        {"date", FormatDate(ctx, c.on)},
        {"with", with},
        {"method", code_text(ctx, "contact_method_", domain::Code(c.method))},
        {"purpose", code_text(ctx, "contact_purpose_", domain::Code(c.purpose))},
        {"started_by", code_text(ctx, "contact_started_by_", domain::Code(c.started_by))},
        {"language", code_text(ctx, "language_", domain::Code(c.language))},
        {"summary", c.summary},
        {"actions", c.actions},
        {"has_actions", !c.actions.empty()},
        {"follow_up", follow_up},
        {"has_follow_up", !follow_up.empty()},
        {"follow_up_state", state_code},
        {"follow_up_tag", state == domain::FollowUpState::kNone
                              ? std::string()
                              : T(ctx, "family_contact_state_" + state_code)},
        {"follow_up_colour", FollowUpColour(state)},
        {"by", line.recorded_by},
        {"held_by",
         line.setting_name.empty() ? T(ctx, "family_contact_held_by_la") : line.setting_name},
        {"may_remove", line.may_remove},
        {"may_follow_up", line.may_follow_up},
        {"version", Id(c.version)},
    };
  };
  auto done_banner = [this](Ctx& ctx, mstch::map& c) {
    if (const std::string done = ctx.Param("done");
        !done.empty() && done.size() < 40 && catalog_->Has("family_contact_done_" + done))
      c["banner"] = T(ctx, "family_contact_done_" + done);
  };

  Route(server, "GET", "/learners/{id}/family-contacts", Access::kSignedIn, false,
        [=, this](Ctx& ctx) {
          auto view =
              app::ViewFamilyContacts(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
          if (!view) return Fail(ctx, view.error());
          auto c = Base(ctx, "family_contacts_title");
          done_banner(ctx, c);
          c["caption"] = view->learner.DisplayName();
          c["lid"] = Id(view->learner.id.value());
          c["back_href"] = "/learners/" + Id(view->learner.id.value());
          mstch::array rows;
          for (const auto& line : view->lines) rows.push_back(contact_map(ctx, line));
          c["contacts"] = rows;
          c["has_contacts"] = !rows.empty();
          c["may_record"] = view->may_record;
          c["overdue"] = view->overdue > 0;
          c["overdue_text"] =
              Fill(ctx, "family_contacts_overdue_warning", {{"count", Id(view->overdue)}});
          Render(ctx, "family_contacts", c);
        });

  const std::vector<std::string> order{"on",      "family_member", "with_name", "method",
                                       "purpose", "started_by",    "language",  "summary",
                                       "actions", "follow_up_by"};
  AddForm(
      server, "/learners/{id}/family-contacts/new", "family_contact_new_title",
      "family_contact_save", order,
      [=, this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = app::ViewFamilyContacts(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
        if (!view || !view->may_record) {
          Fail(ctx, view ? domain::Error::Forbidden("forbidden") : view.error());
          return false;
        }
        c["caption"] = view->learner.DisplayName();
        c["back_href"] = "/learners/" + Id(ctx.PathId(1)) + "/family-contacts";
        mstch::array f;
        f.push_back(DateField(ctx, "on", "family_contact_field_on", "hint_date", errors));
        std::vector<Choice> members;
        for (const auto& m : view->family)
          members.push_back({Id(m.id.value()), m.name, T(ctx, "relationship_" + m.relationship)});
        members.push_back({"other", T(ctx, "family_contact_someone_else"), ""});
        f.push_back(ChoiceField(false, "family_member", T(ctx, "family_contact_field_with"), "",
                                members, {ctx.Param("family_member")}, errors));
        f.push_back(TextField(false, "with_name", T(ctx, "family_contact_field_with_name"),
                              T(ctx, "family_contact_hint_with_name"), ctx.Param("with_name"),
                              errors));
        auto choices = [&](const std::string& prefix, const auto& values) {
          std::vector<Choice> out;
          for (auto v : values) {
            const std::string code(domain::Code(v));
            out.push_back({code, T(ctx, prefix + code), ""});
          }
          return out;
        };
        f.push_back(ChoiceField(false, "method", T(ctx, "family_contact_field_method"), "",
                                choices("contact_method_", domain::AllContactMethods()),
                                {ctx.Param("method")}, errors));
        f.push_back(ChoiceField(false, "purpose", T(ctx, "family_contact_field_purpose"), "",
                                choices("contact_purpose_", domain::AllContactPurposes()),
                                {ctx.Param("purpose")}, errors));
        f.push_back(ChoiceField(false, "started_by", T(ctx, "family_contact_field_started_by"), "",
                                choices("contact_started_by_", domain::AllContactStarters()),
                                {ctx.Param("started_by")}, errors));
        // The family's chosen language is selected to begin with.
        const std::string family_language =
            view->family.empty() ? std::string()
                                 : std::string(domain::Code(view->family.front().language));
        f.push_back(ChoiceField(
            false, "language", T(ctx, "family_contact_field_language"), "",
            choices("language_",
                    std::vector<domain::LetterLanguage>{domain::LetterLanguage::kEnglish,
                                                        domain::LetterLanguage::kWelsh}),
            std::vector<std::string>{ctx.req.method == "POST" ? ctx.Param("language")
                                                              : family_language},
            errors));
        f.push_back(TextField(true, "summary", T(ctx, "family_contact_field_summary"),
                              T(ctx, "family_contact_hint_summary"), ctx.Param("summary"), errors));
        f.push_back(TextField(true, "actions", T(ctx, "family_contact_field_actions"),
                              T(ctx, "family_contact_hint_actions"), ctx.Param("actions"), errors));
        f.push_back(DateField(ctx, "follow_up_by", "family_contact_field_follow_up_by",
                              "family_contact_hint_follow_up_by", errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::LearnerId id{ctx.PathId(1)};
        auto added = app::RecordFamilyContact(services_, ctx.actor, id, FormOf(ctx));
        if (!added) return added.error();
        return "/learners/" + Id(id.value()) + "/family-contacts?done=recorded";
      });

  Route(server, "GET", "/family-contacts/{id}", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto line =
        app::ViewFamilyContact(services_, ctx.actor, domain::FamilyContactId{ctx.PathId(1)});
    if (!line) return Fail(ctx, line.error());
    auto c = Base(ctx, "family_contact_title");
    done_banner(ctx, c);
    c["caption"] = line->learner_name;
    c["back_href"] = "/learners/" + Id(line->contact.learner.value()) + "/family-contacts";
    c["contact"] = contact_map(ctx, *line);
    Render(ctx, "family_contact", c);
  });

  // Loads a contact for one of its forms, or answers with the error page.
  auto contact_form = [this](Ctx& ctx, mstch::map& c, bool follow_up) {
    auto line =
        app::ViewFamilyContact(services_, ctx.actor, domain::FamilyContactId{ctx.PathId(1)});
    if (!line || !(follow_up ? line->may_follow_up : line->may_remove)) {
      Fail(ctx, line ? domain::Error::Forbidden(follow_up ? "family_contact_error_no_follow_up"
                                                          : "forbidden")
                     : line.error());
      return std::optional<app::ContactLine>();
    }
    c["caption"] = line->learner_name;
    c["back_href"] = "/family-contacts/" + Id(ctx.PathId(1));
    c["version"] = Id(line->contact.version);
    return std::optional<app::ContactLine>(*line);
  };
  AddForm(
      server, "/family-contacts/{id}/follow-up", "family_contact_follow_up_title",
      "family_contact_follow_up_save", {"followed_up_on"},
      [=, this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto line = contact_form(ctx, c, true);
        if (!line) return false;
        c["intro"] = mstch::array{Fill(ctx, "family_contact_follow_up_intro",
                                       {{"date", FormatDate(ctx, *line->contact.follow_up_by)},
                                        {"actions", line->contact.actions}})};
        c["fields"] = mstch::array{DateField(
            ctx, "followed_up_on", "family_contact_field_followed_up_on", "hint_date", errors)};
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::FamilyContactId id{ctx.PathId(1)};
        if (auto s = app::RecordContactFollowUp(services_, ctx.actor, id, FormOf(ctx)); !s)
          return s.error();
        return "/family-contacts/" + Id(id.value()) + "?done=followed_up";
      });
  AddForm(
      server, "/family-contacts/{id}/remove", "family_contact_remove_title",
      "family_contact_remove_button", {},
      [=, this](Ctx& ctx, mstch::map& c, const mstch::map&) {
        auto line = contact_form(ctx, c, false);
        if (!line) return false;
        c["intro"] =
            mstch::array{Fill(ctx, "family_contact_remove_intro",
                              {{"date", FormatDate(ctx, line->contact.on)}, {"with", line->with}}),
                         T(ctx, "family_contact_remove_audit")};
        c["fields"] = mstch::array{};
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::FamilyContactId id{ctx.PathId(1)};
        auto line = app::ViewFamilyContact(services_, ctx.actor, id);
        if (!line) return line.error();
        if (auto s = app::RemoveFamilyContact(services_, ctx.actor, id, FormOf(ctx)); !s)
          return s.error();
        return "/learners/" + Id(line->contact.learner.value()) + "/family-contacts?done=removed";
      });

  Route(
      server, "GET", "/settings/{id}/family-contacts", Access::kSignedIn, false,
      [=, this](Ctx& ctx) {
        auto view = app::ViewSchoolLiaison(services_, ctx.actor, domain::SettingId{ctx.PathId(1)},
                                           YearParam(ctx));
        if (!view) return Fail(ctx, view.error());
        auto c = Base(ctx, "school_liaison_title");
        const auto& s = view->summary;
        c["caption"] = view->setting.name;
        c["back_href"] = "/settings/" + Id(view->setting.id.value());
        c["sid"] = Id(view->setting.id.value());
        c["year"] = domain::AcademicYearLabel(view->academic_year);
        const std::string base =
            "/settings/" + Id(view->setting.id.value()) + "/family-contacts?year=";
        c["prev_href"] = base + Id(view->academic_year - 1);
        c["prev_label"] = domain::AcademicYearLabel(view->academic_year - 1);
        c["next_href"] = base + Id(view->academic_year + 1);
        c["next_label"] = domain::AcademicYearLabel(view->academic_year + 1);
        c["contacts_count"] = Id(s.contacts);
        c["learners_contacted"] = Id(s.learners_contacted);
        c["started_by_family"] = Id(s.started_by_family);
        c["in_welsh"] = Id(s.in_welsh);
        c["overdue_count"] = Id(s.follow_ups_overdue);
        c["register_contacted"] = Fill(
            ctx, "school_liaison_register_contacted",
            {{"contacted", Id(view->register_total - static_cast<int>(view->not_contacted.size()))},
             {"total", Id(view->register_total)}});
        mstch::array methods, purposes;
        for (const auto& [m, n] : s.by_method)
          methods.push_back(mstch::map{{"name", code_text(ctx, "contact_method_", domain::Code(m))},
                                       {"count", Id(n)}});
        for (const auto& [p, n] : s.by_purpose)
          purposes.push_back(mstch::map{
              {"name", code_text(ctx, "contact_purpose_", domain::Code(p))}, {"count", Id(n)}});
        c["methods"] = methods;
        c["purposes"] = purposes;
        mstch::array follow_ups, lines, missing;
        for (const auto& line : view->follow_ups) follow_ups.push_back(contact_map(ctx, line));
        for (const auto& line : view->lines) lines.push_back(contact_map(ctx, line));
        for (const auto& row : view->not_contacted)
          missing.push_back(mstch::map{
              {"name", row.name},
              {"href", "/learners/" + Id(row.learner.value()) + "/family-contacts"},
              {"year_group", YearGroupName(ctx, row.year_group)},
              {"category", T(ctx, "register_" + std::string(domain::Code(row.category)))}});
        c["follow_ups"] = follow_ups;
        c["has_follow_ups"] = !follow_ups.empty();
        c["contacts"] = lines;
        c["has_contacts"] = !lines.empty();
        c["not_contacted"] = missing;
        c["has_not_contacted"] = !missing.empty();
        Render(ctx, "school_liaison", c);
      });

  // ---- API ----
  auto answer = [this](Ctx& ctx, domain::LearnerId id, int status) {
    auto view = app::ViewFamilyContacts(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    using nlohmann::json;
    json contacts = json::array();
    for (const auto& line : view->lines) {
      const auto& c = line.contact;
      const auto state = line.follow_up;
      contacts.push_back(
          {{"id", c.id.value()},
           {"on", JsonIso(c.on)},
           {"family_member_id", c.family_member ? json(c.family_member->value()) : json(nullptr)},
           {"with", line.with},
           {"relationship", line.relationship},
           {"method", domain::Code(c.method)},
           {"purpose", domain::Code(c.purpose)},
           {"started_by", domain::Code(c.started_by)},
           {"language", domain::Code(c.language)},
           {"summary", c.summary},
           {"actions", c.actions},
           {"follow_up_by", JsonIsoOrNull(c.follow_up_by)},
           {"followed_up_on", JsonIsoOrNull(c.followed_up_on)},
           {"follow_up", state == domain::FollowUpState::kOverdue ? "overdue"
                         : state == domain::FollowUpState::kDue   ? "due"
                         : state == domain::FollowUpState::kDone  ? "done"
                                                                  : "none"},
           {"setting_id", c.setting ? json(c.setting->value()) : json(nullptr)},
           {"recorded_by", line.recorded_by}});
    }
    Json(ctx, status,
         json{{"learner_id", id.value()}, {"overdue", view->overdue}, {"contacts", contacts}}
             .dump());
  };
  Route(server, "GET", "/api/v1/learners/{id}/family-contacts", Access::kSignedIn, true,
        [answer](Ctx& ctx) { answer(ctx, domain::LearnerId{ctx.PathId(1)}, 200); });
  Route(server, "POST", "/api/v1/learners/{id}/family-contacts", Access::kSignedIn, true,
        [this, answer](Ctx& ctx) {
          app::Form form;
          if (!ReadJsonForm(ctx, form, "family_contact_error_title")) return;
          const domain::LearnerId id{ctx.PathId(1)};
          auto added = app::RecordFamilyContact(services_, ctx.actor, id, form);
          if (!added) return Fail(ctx, added.error());
          answer(ctx, id, 201);
        });
}

}  // namespace cynnal::http
