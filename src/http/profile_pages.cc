#include "app/plans.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

std::string Id(std::int64_t value) { return std::to_string(value); }

std::string Part(const std::optional<domain::Date>& date, char part) {
  if (!date) return {};
  if (part == 'd') return std::to_string(static_cast<unsigned>(date->day()));
  if (part == 'm') return std::to_string(static_cast<unsigned>(date->month()));
  return std::to_string(static_cast<int>(date->year()));
}

}  // namespace

// One Page Profiles for learners without an IDP, and legacy SEN records with the LA's report of
// their transition to the ALN system.
void WebApp::InstallProfilePages(httplib::Server& server) {
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
  // The profile's parts, as stored or as posted.
  auto profile_fields = [this](Ctx& ctx, const domain::ProfileContent& stored, bool posted,
                               const mstch::map& errors) {
    mstch::array f;
    auto text = [&](bool area, const std::string& name, const std::string& value) {
      f.push_back(TextField(area, name, T(ctx, "idp_field_" + name), "",
                            posted ? ctx.Param(name) : value, errors));
    };
    text(true, "admired", stored.admired);
    text(true, "important", stored.important);
    text(true, "support", stored.support);
    text(false, "written_with", stored.written_with);
    f.push_back(FileField("photo", T(ctx, "idp_field_photo"), T(ctx, "idp_hint_photo"), errors));
    return f;
  };
  auto level_field = [this](Ctx& ctx, const std::string& chosen, const mstch::map& errors) {
    std::vector<Choice> levels;
    for (auto l : domain::AllSupportLevels()) {
      const std::string code(domain::Code(l));
      levels.push_back({code, T(ctx, "support_level_" + code), ""});
    }
    return ChoiceField(false, "level", T(ctx, "profile_field_level"), "", levels, {chosen}, errors);
  };

  auto new_page = [this, profile_fields, level_field](Ctx& ctx, const domain::Error* error,
                                                      int status) {
    auto record = RecordForUpdate(ctx, ctx.PathId(1));
    if (!record) return;
    auto c = Base(ctx, "profile_new_title");
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error,
                {"level", "setting", "admired", "important", "support", "written_with",
                 "written_on", "photo"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    c["back_href"] = "/learners/" + Id(ctx.PathId(1));
    c["caption"] = record->learner.DisplayName();
    c["heading"] = T(ctx, "profile_new_title");
    c["intro"] = mstch::array{T(ctx, "profile_new_intro")};
    c["action"] = "/learners/" + Id(ctx.PathId(1)) + "/profiles";
    c["button"] = T(ctx, "profile_save");
    c["multipart"] = true;
    mstch::array f;
    f.push_back(level_field(ctx, ctx.Param("level"), errors));
    std::vector<Choice> settings{{"", T(ctx, "idp_place_none"), ""}};
    for (const auto& [id, s] : record->settings) settings.push_back({Id(id.value()), s.name, ""});
    f.push_back(ChoiceField(false, "setting", T(ctx, "profile_field_setting"), "", settings,
                            {ctx.Param("setting")}, errors));
    for (auto& field : profile_fields(ctx, {}, error != nullptr, errors)) f.push_back(field);
    f.push_back(DateField(ctx, "written_on", "profile_field_written_on", "hint_date", errors));
    c["fields"] = f;
    Render(ctx, "case_step", c, status);
  };
  Route(server, "GET", "/learners/{id}/profiles/new", Access::kSignedIn, false,
        [new_page](Ctx& ctx) { new_page(ctx, nullptr, 200); });
  Route(server, "POST", "/learners/{id}/profiles", Access::kSignedIn, false,
        [this, new_page, upload](Ctx& ctx) {
          auto id = app::CreateProfile(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)},
                                       FormOf(ctx), upload(ctx, "photo"));
          if (!id) {
            if (id.error().code == domain::ErrorCode::kInvalidArgument)
              return new_page(ctx, &id.error(), 422);
            return Fail(ctx, id.error());
          }
          Redirect(ctx, "/profiles/" + Id(id->value()) + "?done=created");
        });

  auto profile_page = [this, profile_fields, level_field](Ctx& ctx, const domain::Error* error,
                                                          int status) {
    auto view = app::ViewProfile(services_, ctx.actor, domain::OnePageProfileId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const auto& p = view->profile;
    const std::string pid = Id(p.id.value());
    auto c = Base(ctx, "profile_title");
    mstch::map errors;
    if (error) {
      AddErrors(
          ctx, c, *error,
          {"reviewed_on", "level", "admired", "important", "support", "written_with", "photo"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    if (const std::string done = ctx.Param("done");
        !done.empty() && done.size() < 40 && catalog_->Has("profile_done_" + done)) {
      c["banner"] = T(ctx, "profile_done_" + done);
    }
    c["back_href"] = "/learners/" + Id(view->learner.id.value());
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, "profile_title");
    const std::string level(domain::Code(p.level));
    mstch::array rows;
    auto row = [&](const std::string& key_id, const std::string& value) {
      rows.push_back(mstch::map{{"key", T(ctx, key_id)}, {"value", value}});
    };
    row("profile_field_level", T(ctx, "support_level_" + level));
    if (view->setting) row("profile_field_setting", view->setting->name);
    row("idp_field_admired", p.content.admired);
    row("idp_field_important", p.content.important);
    row("idp_field_support", p.content.support);
    if (!p.content.written_with.empty()) row("idp_field_written_with", p.content.written_with);
    row("profile_field_written_on", FormatDate(ctx, p.written_on));
    std::string reviews;
    for (auto d : p.reviewed_on) reviews += (reviews.empty() ? "" : ", ") + FormatDate(ctx, d);
    if (!reviews.empty()) row("profile_reviewed_on", reviews);
    row("profile_status", T(ctx, p.closed ? "profile_closed" : "profile_open"));
    c["rows"] = rows;
    c["has_facts"] = true;
    mstch::array links{mstch::map{{"href", "/profiles/" + pid + ".pdf?lang=en"},
                                  {"text", T(ctx, "idp_profile_pdf_english")}},
                       mstch::map{{"href", "/profiles/" + pid + ".pdf?lang=cy"},
                                  {"text", T(ctx, "idp_profile_pdf_welsh")}}};
    if (p.content.photo) {
      links.push_back(mstch::map{{"href", "/photos/" + Id(p.content.photo->value())},
                                 {"text", T(ctx, "profile_photo_link")}});
    }
    for (const auto& s : view->clocks) {
      if (!s.forecast) continue;
      links.push_back(mstch::map{
          {"href", "/clocks/" + Id(s.clock.id.value())},
          {"text", Fill(ctx, "profile_review_due", {{"date", FormatDate(ctx, s.forecast->due)}})}});
    }
    c["links"] = links;
    if (view->may_edit && !p.closed) {
      c["intro"] = mstch::array{T(ctx, "profile_review_intro")};
      c["action"] = "/profiles/" + pid + "/review";
      c["button"] = T(ctx, "profile_review_button");
      c["version"] = Id(p.version);
      c["multipart"] = true;
      mstch::array f;
      f.push_back(HeadingField(T(ctx, "profile_review_heading"), ""));
      f.push_back(DateField(ctx, "reviewed_on", "profile_field_reviewed_on", "hint_date", errors));
      f.push_back(level_field(ctx, error ? ctx.Param("level") : level, errors));
      for (auto& field : profile_fields(ctx, p.content, error != nullptr, errors))
        f.push_back(field);
      c["fields"] = f;
      Render(ctx, "case_step", c, status);
    } else {
      c["fields"] = mstch::array{};
      c["readonly"] = true;
      Render(ctx, "profile", c, status);
    }
  };
  Route(server, "GET", "/profiles/{id}", Access::kSignedIn, false,
        [profile_page](Ctx& ctx) { profile_page(ctx, nullptr, 200); });
  Route(server, "POST", "/profiles/{id}/review", Access::kSignedIn, false,
        [this, profile_page, upload](Ctx& ctx) {
          const domain::OnePageProfileId id{ctx.PathId(1)};
          auto s = app::ReviewOnePageProfile(services_, ctx.actor, id, FormOf(ctx),
                                             upload(ctx, "photo"));
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return profile_page(ctx, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/profiles/" + Id(id.value()) + "?done=reviewed");
        });
  Route(server, "POST", "/profiles/{id}/close", Access::kSignedIn, false, [this](Ctx& ctx) {
    const domain::OnePageProfileId id{ctx.PathId(1)};
    auto s = app::CloseProfile(services_, ctx.actor, id, FormOf(ctx));
    if (!s) return Fail(ctx, s.error());
    Redirect(ctx, "/profiles/" + Id(id.value()) + "?done=closed");
  });
  Route(server, "GET", "/profiles/{id}.pdf", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto view = app::ViewProfile(services_, ctx.actor, domain::OnePageProfileId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const std::string lang_code = ctx.Param("lang");
    const Lang lang = lang_code == "cy" ? Lang::kCy : lang_code == "en" ? Lang::kEn : ctx.lang;
    const auto& p = view->profile;
    auto pdf = ProfilePdf(lang, view->learner.DisplayName(), p.content,
                          view->setting ? view->setting->name : std::string(),
                          p.reviewed_on.empty() ? p.written_on : p.reviewed_on.back());
    if (!pdf) return Fail(ctx, pdf.error());
    ctx.res.set_header("Content-Disposition", "inline; filename=\"one-page-profile-" +
                                                  Id(p.id.value()) + "-" + std::string(Code(lang)) +
                                                  ".pdf\"");
    ctx.res.set_content(*pdf, "application/pdf");
  });

  // ---- legacy SEN records ----
  auto legacy_page = [this](Ctx& ctx, const domain::Error* error, int status) {
    auto view = app::ViewLegacy(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "legacy_title");
    mstch::map errors;
    const std::vector<std::string> order = {
        "status",       "since", "statement_dated", "last_annual_review_on", "outcome",
        "converted_on", "note"};
    if (error) {
      AddErrors(ctx, c, *error, order);
      errors = boost::get<mstch::map>(c["errors"]);
    }
    if (ctx.Param("done") == "saved") c["banner"] = T(ctx, "legacy_done_saved");
    const auto& r = view->record;
    const bool posted = error != nullptr;
    const FieldValues value{ctx, posted};
    c["back_href"] = "/learners/" + Id(view->learner.id.value());
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, "legacy_title");
    c["intro"] = mstch::array{T(ctx, "legacy_intro")};
    c["action"] = "/learners/" + Id(view->learner.id.value()) + "/legacy";
    c["button"] = T(ctx, "legacy_save");
    c["version"] = r ? Id(r->version) : std::string();
    mstch::array f;
    std::vector<Choice> statuses;
    for (auto s : domain::AllLegacySenStatuses()) {
      const std::string code(domain::Code(s));
      statuses.push_back({code, T(ctx, "legacy_status_" + code), ""});
    }
    f.push_back(ChoiceField(false, "status", T(ctx, "legacy_field_status"), "", statuses,
                            {value("status", r ? std::string(domain::Code(r->status)) : "")},
                            errors));
    auto date = [&](const std::string& name, const std::optional<domain::Date>& stored,
                    const std::string& hint_id) {
      const auto parts = DateParam(ctx, name);
      f.push_back(mstch::map{
          {"is_date", true},
          {"date", posted ? DateInput(ctx, name, "legacy_field_" + name, hint_id, errors, parts.day,
                                      parts.month, parts.year)
                          : DateInput(ctx, name, "legacy_field_" + name, hint_id, errors,
                                      Part(stored, 'd'), Part(stored, 'm'), Part(stored, 'y'))}});
    };
    date("since",
         r && r->status != domain::LegacySenStatus::kNone ? std::optional<domain::Date>(r->since)
                                                          : std::nullopt,
         "hint_date");
    date("statement_dated", r ? r->statement_dated : std::nullopt, "legacy_hint_statement");
    date("last_annual_review_on", r ? r->last_annual_review_on : std::nullopt,
         "legacy_hint_statement");
    f.push_back(
        HeadingField(T(ctx, "legacy_conversion_heading"), T(ctx, "legacy_conversion_hint")));
    f.push_back(ChoiceField(
        false, "outcome", T(ctx, "legacy_field_outcome"), "",
        {{"", T(ctx, "legacy_not_converted"), ""},
         {"idp_notice", T(ctx, "conversion_idp_notice"), ""},
         {"no_idp_notice", T(ctx, "conversion_no_idp_notice"), ""}},
        {value("outcome", r && r->outcome ? std::string(domain::Code(*r->outcome)) : "")}, errors));
    date("converted_on", r ? r->converted_on : std::nullopt, "hint_date");
    f.push_back(TextField(true, "note", T(ctx, "legacy_field_note"), "",
                          value("note", r ? r->note : ""), errors));
    c["fields"] = f;
    if (!view->may_edit) {
      c["readonly"] = true;
      mstch::array rows;
      if (r) {
        rows.push_back(
            mstch::map{{"key", T(ctx, "legacy_field_status")},
                       {"value", T(ctx, "legacy_status_" + std::string(domain::Code(r->status)))}});
        if (r->outcome && r->converted_on) {
          rows.push_back(
              mstch::map{{"key", T(ctx, "legacy_field_outcome")},
                         {"value", T(ctx, "conversion_" + std::string(domain::Code(*r->outcome))) +
                                       ", " + FormatDate(ctx, *r->converted_on)}});
        }
      }
      c["rows"] = rows;
      c["has_facts"] = true;
      c["fields"] = mstch::array{};
      return Render(ctx, "profile", c, status);
    }
    Render(ctx, "case_step", c, status);
  };
  Route(server, "GET", "/learners/{id}/legacy", Access::kSignedIn, false,
        [legacy_page](Ctx& ctx) { legacy_page(ctx, nullptr, 200); });
  Route(server, "POST", "/learners/{id}/legacy", Access::kSignedIn, false,
        [this, legacy_page](Ctx& ctx) {
          auto s =
              app::SaveLegacy(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, FormOf(ctx));
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return legacy_page(ctx, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/learners/" + Id(ctx.PathId(1)) + "/legacy?done=saved");
        });

  Route(server, "GET", "/legacy-transition", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto report = app::LegacyTransitionReport(services_, ctx.actor);
    if (!report) return Fail(ctx, report.error());
    auto c = Base(ctx, "transition_title");
    mstch::array rows;
    for (const auto& row : report->rows) {
      rows.push_back(mstch::map{
          {"status", T(ctx, "legacy_status_" + std::string(domain::Code(row.status)))},
          {"cohort", row.cohort
                         ? (*row.cohort <= -1  ? T(ctx, "year_group_nursery")
                            : *row.cohort == 0 ? T(ctx, "year_group_reception")
                                               : T(ctx, "year_group_n") + " " + Id(*row.cohort))
                         : T(ctx, "legacy_not_converted")},
          {"idp", Id(row.idp_notices)},
          {"no_idp", Id(row.no_idp_notices)},
          {"pending", Id(row.not_converted)},
          {"late", Id(row.late)}});
    }
    c["rows"] = rows;
    c["has_rows"] = !rows.empty();
    c["total"] = Fill(ctx, "transition_total", {{"count", Id(report->total)}});
    Render(ctx, "transition", c);
  });
}

}  // namespace cynnal::http
