#include <algorithm>

#include "app/provision.h"
#include "documents/spreadsheet.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/page_parts.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

std::string Id(std::int64_t value) { return std::to_string(value); }

// The year asked for in ?year=, or 0 (the current one) when it is missing or not a plausible year.
int YearParam(const Ctx& ctx) {
  const auto year = domain::ParseWholeNumber(ctx.Param("year")).value_or(0);
  return year >= 2000 && year <= 2100 ? static_cast<int>(year) : 0;
}

}  // namespace

// Schools' provision maps, the sessions delivered against IDPs and the maps, and the ALN register
// (REFERENCE section 7).
void WebApp::InstallProvisionPages(httplib::Server& server) {
  auto level_name = [this](const Ctx& ctx, domain::ProvisionLevel level) {
    return T(ctx, "provision_level_" + std::string(domain::Code(level)));
  };
  auto frequency = [this](const Ctx& ctx, int sessions, int minutes,
                          std::optional<domain::ProvisionPeriod> per) -> std::string {
    if (sessions <= 0 || !per) return std::string();
    const std::string period = T(ctx, "period_" + std::string(domain::Code(*per)));
    if (sessions == 1)
      return minutes > 0
                 ? Fill(ctx, "provision_once_minutes", {{"minutes", Id(minutes)}, {"per", period}})
                 : Fill(ctx, "provision_once_per", {{"per", period}});
    if (minutes > 0)
      return Fill(ctx, "idp_amount",
                  {{"minutes", Id(minutes)}, {"sessions", Id(sessions)}, {"per", period}});
    return Fill(ctx, "provision_sessions_per", {{"sessions", Id(sessions)}, {"per", period}});
  };
  auto done_banner = [this](Ctx& ctx, mstch::map& c) {
    if (const std::string done = ctx.Param("done");
        !done.empty() && done.size() < 40 && catalog_->Has("provision_done_" + done))
      c["banner"] = T(ctx, "provision_done_" + done);
  };
  auto map_href = [](domain::SettingId setting, int year) {
    return "/settings/" + Id(setting.value()) + "/provision-map?year=" + Id(year);
  };
  auto shortfall_tag = [this](const Ctx& ctx, const app::DeliveryLine& line) -> mstch::map {
    if (line.unknown_calendar)
      return mstch::map{{"text", T(ctx, "delivery_no_calendar")}, {"colour", std::string("grey")}};
    if (line.total.Shortfall() > 0)
      return mstch::map{
          {"text", Fill(ctx, "delivery_short", {{"count", Id(line.total.Shortfall())}})},
          {"colour", std::string("red")}};
    return mstch::map{{"text", T(ctx, "delivery_on_track")}, {"colour", std::string("green")}};
  };

  // ---- the map ----
  Route(
      server, "GET", "/settings/{id}/provision-map", Access::kSignedIn, false, [=, this](Ctx& ctx) {
        auto view = app::ViewProvisionMap(services_, ctx.actor, domain::SettingId{ctx.PathId(1)},
                                          YearParam(ctx));
        if (!view) return Fail(ctx, view.error());
        const std::string sid = Id(view->setting.id.value());
        auto c = Base(ctx, "provision_map_title");
        done_banner(ctx, c);
        c["back_href"] = "/settings/" + sid;
        c["caption"] = view->setting.name;
        c["year"] = domain::AcademicYearLabel(view->academic_year);
        c["sid"] = sid;
        c["prev_href"] = map_href(view->setting.id, view->academic_year - 1);
        c["next_href"] = map_href(view->setting.id, view->academic_year + 1);
        c["names_shown"] = view->names_shown;
        c["may_start"] = view->may_start;
        c["start_year"] = Id(view->academic_year);
        c["has_map"] = view->map.has_value();
        mstch::array years;
        for (int y : view->years)
          years.push_back(mstch::map{{"href", map_href(view->setting.id, y)},
                                     {"label", domain::AcademicYearLabel(y)},
                                     {"current", y == view->academic_year}});
        c["years"] = years;
        c["has_years"] = !years.empty();
        c["report_links"] =
            mstch::array{mstch::map{{"href", "/settings/" + sid + "/governors-report.pdf?year=" +
                                                 Id(view->academic_year) + "&lang=en"},
                                    {"text", T(ctx, "governors_report_en")}},
                         mstch::map{{"href", "/settings/" + sid + "/governors-report.pdf?year=" +
                                                 Id(view->academic_year) + "&lang=cy"},
                                    {"text", T(ctx, "governors_report_cy")}}};
        if (view->map) {
          const auto& m = *view->map;
          const std::string mid = Id(m.id.value());
          c["mid"] = mid;
          c["may_edit"] = view->may_edit;
          c["may_roll_over"] = view->may_roll_over;
          if (m.review) {
            c["reviewed"] = true;
            c["review_date"] = FormatDate(ctx, m.review->reviewed_on);
            c["review_summary"] = m.review->summary;
            c["next_year_href"] = map_href(view->setting.id, view->academic_year + 1);
          }
          mstch::array levels;
          mstch::array totals;
          for (auto level : domain::AllProvisionLevels()) {
            mstch::array rows;
            for (const auto& p : m.provisions) {
              if (p.level != level) continue;
              rows.push_back(mstch::map{
                  {"href", "/provision-maps/" + mid + "/provisions/" + Id(p.key)},
                  {"name", p.name},
                  {"area",
                   p.area ? T(ctx, "area_" + std::string(domain::Code(*p.area))) : std::string()},
                  {"staff", p.staff},
                  {"hours", p.staff_hours_tenths ? Hours(p.staff_hours_tenths) : std::string()},
                  {"group", p.group_size ? Id(p.group_size) : std::string()},
                  {"frequency", frequency(ctx, p.sessions, p.minutes, p.per)},
                  {"learners", Id(view->current.count(p.key) ? view->current.at(p.key) : 0)},
                  {"cost",
                   p.cost_per_term_pounds ? "£" + Id(p.cost_per_term_pounds) : std::string()}});
            }
            const std::string code(domain::Code(level));
            const auto t = view->totals.count(level) ? view->totals.at(level) : app::LevelTotal{};
            totals.push_back(mstch::map{{"level", level_name(ctx, level)},
                                        {"provisions", Id(t.provisions)},
                                        {"learners", Id(t.learners)},
                                        {"hours", Hours(t.staff_hours_tenths)},
                                        {"cost", "£" + Id(t.cost_per_term_pounds)}});
            levels.push_back(mstch::map{{"code", code},
                                        {"name", level_name(ctx, level)},
                                        {"hint", T(ctx, "provision_level_hint_" + code)},
                                        {"rows", rows},
                                        {"has_rows", !rows.empty()}});
          }
          c["levels"] = levels;
          // How ALN is co-ordinated this year (the ALNCo's time, training and qualification).
          const auto& co = m.coordination;
          auto given = [&](const std::string& v) {
            return v.empty() ? T(ctx, "idp_pdf_not_given") : v;
          };
          c["coordination"] = mstch::array{
              mstch::map{{"key", T(ctx, "coordination_field_alnco_name")},
                         {"value", given(co.alnco_name)}},
              mstch::map{{"key", T(ctx, "coordination_field_alnco_hours")},
                         {"value", given(co.hours_per_week_tenths ? Hours(co.hours_per_week_tenths)
                                                                  : std::string())}},
              mstch::map{{"key", T(ctx, "coordination_field_qualification")},
                         {"value", T(ctx, "alnco_qualification_" +
                                              std::string(domain::Code(co.qualification)))}},
              mstch::map{{"key", T(ctx, "coordination_field_training")},
                         {"value", given(co.training)}},
              mstch::map{{"key", T(ctx, "coordination_field_governor_name")},
                         {"value", given(co.governor_name)}}};
          c["totals"] = totals;
          c["total_provisions"] = Id(view->total.provisions);
          c["total_learners"] = Id(view->total.learners);
          c["total_hours"] = Hours(view->total.staff_hours_tenths);
          c["total_cost"] = "£" + Id(view->total.cost_per_term_pounds);
        }
        Render(ctx, "provision_map", c);
      });

  Route(server, "POST", "/settings/{id}/provision-map/start", Access::kSignedIn, false,
        [=, this](Ctx& ctx) {
          const domain::SettingId sid{ctx.PathId(1)};
          const int year = static_cast<int>(std::clamp<long long>(
              domain::ParseWholeNumber(ctx.Param("year")).value_or(0), 0, 9999));
          auto id = app::StartProvisionMap(services_, ctx.actor, sid, year);
          if (!id) return Fail(ctx, id.error());
          Redirect(ctx,
                   map_href(sid, year ? year : domain::AcademicYearOf(services_.clock.Today())) +
                       "&done=started");
        });

  Route(server, "GET", "/settings/{id}/governors-report.pdf", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          auto report = app::GovernorsAnnualReport(
              services_, ctx.actor, domain::SettingId{ctx.PathId(1)}, YearParam(ctx));
          if (!report) return Fail(ctx, report.error());
          const std::string lang_param = ctx.Param("lang");
          const Lang lang = lang_param == "cy"   ? Lang::kCy
                            : lang_param == "en" ? Lang::kEn
                                                 : ctx.lang;
          auto pdf = GovernorsReportPdf(lang, *report);
          if (!pdf) return Fail(ctx, pdf.error());
          ctx.res.set_header("Content-Disposition", "inline; filename=\"aln-report-to-governors-" +
                                                        Id(report->map.setting.id.value()) + "-" +
                                                        Id(report->map.academic_year) + "-" +
                                                        std::string(Code(lang)) + ".pdf\"");
          ctx.res.set_content(*pdf, "application/pdf");
        });

  AddForm(
      server, "/provision-maps/{id}/coordination", "coordination_title", "coordination_save",
      {"alnco_name", "alnco_hours", "qualification", "training", "governor_name"},
      [this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view =
            app::ViewProvisionMapById(services_, ctx.actor, domain::ProvisionMapId{ctx.PathId(1)});
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_edit) {
          Fail(ctx, domain::Error::Forbidden(
                        view->map && view->map->review ? "provision_error_reviewed" : "forbidden"));
          return false;
        }
        const auto& co = view->map->coordination;
        const FieldValues value{ctx, ctx.req.method == "POST"};
        c["caption"] = view->setting.name + " · " + domain::AcademicYearLabel(view->academic_year);
        c["back_href"] = "/settings/" + Id(view->setting.id.value()) +
                         "/provision-map?year=" + Id(view->academic_year);
        c["version"] = Id(view->map->version);
        mstch::array f;
        f.push_back(TextField(false, "alnco_name", T(ctx, "coordination_field_alnco_name"), "",
                              value("alnco_name", co.alnco_name), errors));
        f.push_back(TextField(
            false, "alnco_hours", T(ctx, "coordination_field_alnco_hours"),
            T(ctx, "provision_hint_staff_hours"),
            value("alnco_hours", co.hours_per_week_tenths ? Hours(co.hours_per_week_tenths) : ""),
            errors, "govuk-input--width-4"));
        std::vector<Choice> qualifications;
        for (auto q : domain::AllAlncoQualifications()) {
          const std::string code(domain::Code(q));
          qualifications.push_back({code, T(ctx, "alnco_qualification_" + code), ""});
        }
        f.push_back(ChoiceField(
            false, "qualification", T(ctx, "coordination_field_qualification"),
            T(ctx, "coordination_hint_qualification"), qualifications,
            {value("qualification", std::string(domain::Code(co.qualification)))}, errors));
        f.push_back(TextField(true, "training", T(ctx, "coordination_field_training"),
                              T(ctx, "coordination_hint_training"), value("training", co.training),
                              errors));
        f.push_back(TextField(false, "governor_name", T(ctx, "coordination_field_governor_name"),
                              "", value("governor_name", co.governor_name), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::ProvisionMapId id{ctx.PathId(1)};
        if (auto s = app::SaveCoordination(services_, ctx.actor, id, FormOf(ctx)); !s)
          return s.error();
        auto view = app::ViewProvisionMapById(services_, ctx.actor, id);
        if (!view) return view.error();
        return "/settings/" + Id(view->setting.id.value()) +
               "/provision-map?year=" + Id(view->academic_year) + "&done=coordination_saved";
      });

  // ---- one provision ----
  auto provision_fields = [this](Ctx& ctx, mstch::map& c, const mstch::map& errors,
                                 const domain::Provision* p) {
    const FieldValues value{ctx, ctx.req.method == "POST"};
    auto number = [](int n) { return n ? Id(n) : std::string(); };
    mstch::array f;
    f.push_back(TextField(false, "name", T(ctx, "provision_field_name"),
                          T(ctx, "provision_hint_name"), value("name", p ? p->name : ""), errors));
    std::vector<Choice> levels;
    for (auto l : domain::AllProvisionLevels()) {
      const std::string code(domain::Code(l));
      levels.push_back(
          {code, T(ctx, "provision_level_" + code), T(ctx, "provision_level_hint_" + code)});
    }
    f.push_back(ChoiceField(false, "level", T(ctx, "provision_field_level"), "", levels,
                            {value("level", p ? std::string(domain::Code(p->level)) : "")},
                            errors));
    std::vector<Choice> areas{{"", T(ctx, "provision_area_none"), ""}};
    for (auto a : domain::AllAreasOfNeed()) {
      const std::string code(domain::Code(a));
      areas.push_back({code, T(ctx, "area_" + code), ""});
    }
    f.push_back(ChoiceField(
        false, "area", T(ctx, "provision_field_area"), "", areas,
        {value("area", p && p->area ? std::string(domain::Code(*p->area)) : "")}, errors));
    f.push_back(TextField(false, "staff", T(ctx, "provision_field_staff"),
                          T(ctx, "provision_hint_staff"), value("staff", p ? p->staff : ""),
                          errors));
    f.push_back(TextField(
        false, "staff_hours", T(ctx, "provision_field_staff_hours"),
        T(ctx, "provision_hint_staff_hours"),
        value("staff_hours", p && p->staff_hours_tenths ? Hours(p->staff_hours_tenths) : ""),
        errors, "govuk-input--width-4"));
    f.push_back(TextField(false, "group_size", T(ctx, "provision_field_group_size"),
                          T(ctx, "provision_hint_group_size"),
                          value("group_size", p ? number(p->group_size) : ""), errors,
                          "govuk-input--width-3"));
    f.push_back(TextField(
        false, "sessions", T(ctx, "provision_field_sessions"), T(ctx, "provision_hint_sessions"),
        value("sessions", p ? number(p->sessions) : ""), errors, "govuk-input--width-3"));
    std::vector<Choice> periods{{"", T(ctx, "provision_per_none"), ""}};
    for (auto per : domain::AllProvisionPeriods()) {
      const std::string code(domain::Code(per));
      periods.push_back({code, T(ctx, "period_" + code), ""});
    }
    f.push_back(ChoiceField(false, "per", T(ctx, "provision_field_per"), "", periods,
                            {value("per", p && p->per ? std::string(domain::Code(*p->per)) : "")},
                            errors));
    f.push_back(TextField(false, "minutes", T(ctx, "provision_field_minutes"), "",
                          value("minutes", p ? number(p->minutes) : ""), errors,
                          "govuk-input--width-3"));
    f.push_back(TextField(false, "cost_per_term", T(ctx, "provision_field_cost"),
                          T(ctx, "provision_hint_cost"),
                          value("cost_per_term", p ? number(p->cost_per_term_pounds) : ""), errors,
                          "govuk-input--width-5"));
    f.push_back(TextField(true, "impact", T(ctx, "provision_field_impact"),
                          T(ctx, "provision_hint_impact"), value("impact", p ? p->impact : ""),
                          errors));
    c["fields"] = f;
  };
  const std::vector<std::string> provision_order{
      "name",     "level", "area",    "staff",         "staff_hours", "group_size",
      "sessions", "per",   "minutes", "cost_per_term", "impact"};

  AddForm(
      server, "/provision-maps/{id}/provisions/new", "provision_new_title", "provision_save",
      provision_order,
      [this, provision_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view =
            app::ViewProvisionMapById(services_, ctx.actor, domain::ProvisionMapId{ctx.PathId(1)});
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_edit) {
          Fail(ctx, domain::Error::Forbidden(
                        view->map && view->map->review ? "provision_error_reviewed" : "forbidden"));
          return false;
        }
        c["caption"] = view->setting.name;
        c["back_href"] = "/settings/" + Id(view->setting.id.value()) +
                         "/provision-map?year=" + Id(view->academic_year);
        c["version"] = Id(view->map->version);
        provision_fields(ctx, c, errors, nullptr);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::ProvisionMapId id{ctx.PathId(1)};
        auto key = app::SaveProvisionItem(services_, ctx.actor, id, 0, FormOf(ctx));
        if (!key) return key.error();
        return "/provision-maps/" + Id(id.value()) + "/provisions/" + Id(*key) + "?done=added";
      });

  Route(server, "GET", "/provision-maps/{id}/provisions/{key}", Access::kSignedIn, false,
        [=, this](Ctx& ctx) {
          const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
          auto view =
              app::ViewProvision(services_, ctx.actor, domain::ProvisionMapId{ctx.PathId(1)}, key);
          if (!view) return Fail(ctx, view.error());
          const auto& p = view->provision;
          const std::string mid = Id(view->map.id.value());
          const std::string base = "/provision-maps/" + mid + "/provisions/" + Id(p.key);
          auto c = Base(ctx, "provision_title");
          done_banner(ctx, c);
          c["back_href"] = map_href(view->setting.id, view->map.academic_year);
          c["caption"] =
              view->setting.name + " · " + domain::AcademicYearLabel(view->map.academic_year);
          c["name"] = p.name;
          c["base"] = base;
          c["may_edit"] = view->may_edit;
          c["names_shown"] = view->names_shown;
          c["may_remove"] = view->may_edit && p.learners.empty();
          mstch::array facts;
          auto fact = [&](const std::string& key_id, const std::string& value) {
            if (!value.empty())
              facts.push_back(mstch::map{{"key", T(ctx, key_id)}, {"value", value}});
          };
          fact("provision_field_level", level_name(ctx, p.level));
          if (p.area)
            fact("provision_field_area", T(ctx, "area_" + std::string(domain::Code(*p.area))));
          fact("provision_field_staff", p.staff);
          if (p.staff_hours_tenths)
            fact("provision_field_staff_hours", Hours(p.staff_hours_tenths));
          if (p.group_size) fact("provision_field_group_size", Id(p.group_size));
          fact("provision_field_frequency", frequency(ctx, p.sessions, p.minutes, p.per));
          if (p.cost_per_term_pounds)
            fact("provision_field_cost", "£" + Id(p.cost_per_term_pounds));
          fact("provision_field_impact", p.impact);
          c["facts"] = facts;
          c["learner_count"] = Id(view->current_learners);
          mstch::array learners;
          for (const auto& l : p.learners) {
            std::string delivered;
            mstch::node tag = std::string();
            if (auto it = view->delivery.find(l.learner); it != view->delivery.end()) {
              delivered = Fill(
                  ctx, "delivery_of",
                  {{"delivered", Id(it->second.delivered)}, {"promised", Id(it->second.promised)}});
              app::DeliveryLine line;
              line.total = it->second;
              tag = shortfall_tag(ctx, line);
            }
            const std::string name =
                view->names.count(l.learner) ? view->names.at(l.learner) : Id(l.learner.value());
            learners.push_back(
                mstch::map{{"name", name},
                           {"href", "/learners/" + Id(l.learner.value()) + "/delivery"},
                           {"joined", FormatDate(ctx, l.joined_on)},
                           {"entry", l.entry_measure},
                           {"left", l.left_on ? FormatDate(ctx, *l.left_on) : std::string()},
                           {"exit", l.exit_measure},
                           {"delivered", delivered},
                           {"tag", tag},
                           {"may_end", view->may_edit && !l.left_on},
                           {"end_href", base + "/learners/" + Id(l.learner.value()) + "/end"}});
          }
          c["learners"] = learners;
          c["has_learners"] = !learners.empty();
          Render(ctx, "provision", c);
        });

  // The provision for its form pages: false (with an error page) unless the actor may edit it.
  auto provision_guard = [this](Ctx& ctx,
                                mstch::map& c) -> std::optional<app::ProvisionDetailView> {
    const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
    auto view =
        app::ViewProvision(services_, ctx.actor, domain::ProvisionMapId{ctx.PathId(1)}, key);
    if (!view) {
      Fail(ctx, view.error());
      return std::nullopt;
    }
    if (!view->may_edit) {
      Fail(ctx,
           domain::Error::Forbidden(view->map.review ? "provision_error_reviewed" : "forbidden"));
      return std::nullopt;
    }
    c["caption"] = view->setting.name + " · " + view->provision.name;
    c["back_href"] = "/provision-maps/" + Id(ctx.PathId(1)) + "/provisions/" + Id(key);
    c["version"] = Id(view->map.version);
    return std::move(*view);
  };

  AddForm(
      server, "/provision-maps/{id}/provisions/{key}/edit", "provision_edit_title",
      "provision_save", provision_order,
      [provision_guard, provision_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = provision_guard(ctx, c);
        if (!view) return false;
        provision_fields(ctx, c, errors, &view->provision);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::ProvisionMapId id{ctx.PathId(1)};
        const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
        auto saved = app::SaveProvisionItem(services_, ctx.actor, id, key, FormOf(ctx));
        if (!saved) return saved.error();
        return "/provision-maps/" + Id(id.value()) + "/provisions/" + Id(*saved) + "?done=saved";
      });

  Route(server, "POST", "/provision-maps/{id}/provisions/{key}/remove", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          const domain::ProvisionMapId id{ctx.PathId(1)};
          const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
          auto map = app::ViewProvision(services_, ctx.actor, id, key);
          if (!map) return Fail(ctx, map.error());
          if (auto s = app::RemoveProvisionItem(services_, ctx.actor, id, key); !s)
            return Fail(ctx, s.error());
          Redirect(ctx, "/settings/" + Id(map->setting.id.value()) +
                            "/provision-map?year=" + Id(map->map.academic_year) + "&done=removed");
        });

  AddForm(
      server, "/provision-maps/{id}/provisions/{key}/learners", "provision_learner_title",
      "provision_learner_add", {"learner", "joined_on", "entry_measure"},
      [this, provision_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = provision_guard(ctx, c);
        if (!view) return false;
        std::vector<Choice> learners{{"", T(ctx, "provision_choose_learner"), ""}};
        for (const auto& o : view->options)
          learners.push_back(
              {Id(o.id.value()), o.name + " (" + YearGroupName(ctx, o.year_group) + ")", ""});
        mstch::array f;
        f.push_back(SelectField("learner", T(ctx, "provision_field_learner"),
                                T(ctx, "provision_hint_learner"), learners, ctx.Param("learner"),
                                errors));
        f.push_back(DateField(ctx, "joined_on", "provision_field_joined_on", "hint_date", errors));
        f.push_back(TextField(false, "entry_measure", T(ctx, "provision_field_entry_measure"),
                              T(ctx, "provision_hint_measure"), ctx.Param("entry_measure"),
                              errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::ProvisionMapId id{ctx.PathId(1)};
        const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
        if (auto s = app::AddProvisionLearner(services_, ctx.actor, id, key, FormOf(ctx)); !s)
          return s.error();
        return "/provision-maps/" + Id(id.value()) + "/provisions/" + Id(key) +
               "?done=learner_added";
      });

  AddForm(
      server, "/provision-maps/{id}/provisions/{key}/learners/{learner}/end", "provision_end_title",
      "provision_end_button", {"left_on", "exit_measure"},
      [this, provision_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = provision_guard(ctx, c);
        if (!view) return false;
        const domain::LearnerId learner{ctx.PathId(3)};
        if (!view->names.count(learner)) {
          Fail(ctx, domain::Error::NotFound("provision_error_not_receiving"));
          return false;
        }
        c["intro"] = mstch::array{view->names.at(learner)};
        mstch::array f;
        f.push_back(DateField(ctx, "left_on", "provision_field_left_on", "hint_date", errors));
        f.push_back(TextField(false, "exit_measure", T(ctx, "provision_field_exit_measure"),
                              T(ctx, "provision_hint_measure"), ctx.Param("exit_measure"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::ProvisionMapId id{ctx.PathId(1)};
        const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
        if (auto s = app::EndProvisionLearner(services_, ctx.actor, id, key,
                                              domain::LearnerId{ctx.PathId(3)}, FormOf(ctx));
            !s)
          return s.error();
        return "/provision-maps/" + Id(id.value()) + "/provisions/" + Id(key) +
               "?done=learner_ended";
      });

  AddForm(
      server, "/provision-maps/{id}/roll-over", "provision_roll_over_title",
      "provision_roll_over_button", {"reviewed_on", "summary"},
      [this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view =
            app::ViewProvisionMapById(services_, ctx.actor, domain::ProvisionMapId{ctx.PathId(1)});
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_roll_over) {
          Fail(ctx, domain::Error::Forbidden(
                        view->map && view->map->review ? "provision_error_reviewed" : "forbidden"));
          return false;
        }
        c["caption"] = view->setting.name + " · " + domain::AcademicYearLabel(view->academic_year);
        c["back_href"] = "/settings/" + Id(view->setting.id.value()) +
                         "/provision-map?year=" + Id(view->academic_year);
        c["intro"] =
            mstch::array{Fill(ctx, "provision_roll_over_intro",
                              {{"year", domain::AcademicYearLabel(view->academic_year + 1)}})};
        mstch::array f;
        f.push_back(
            DateField(ctx, "reviewed_on", "provision_field_reviewed_on", "hint_date", errors));
        f.push_back(TextField(true, "summary", T(ctx, "provision_field_summary"),
                              T(ctx, "provision_hint_summary"), ctx.Param("summary"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto next = app::RollOverProvisionMap(services_, ctx.actor,
                                              domain::ProvisionMapId{ctx.PathId(1)}, FormOf(ctx));
        if (!next) return next.error();
        auto view = app::ViewProvisionMapById(services_, ctx.actor, *next);
        if (!view) return view.error();
        return "/settings/" + Id(view->setting.id.value()) +
               "/provision-map?year=" + Id(view->academic_year) + "&done=rolled_over";
      });

  // ---- delivery ----
  Route(server, "GET", "/learners/{id}/delivery", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewLearnerDelivery(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const std::string lid = Id(view->learner.id.value());
    auto c = Base(ctx, "delivery_title");
    done_banner(ctx, c);
    c["back_href"] = "/learners/" + lid;
    c["caption"] = view->learner.DisplayName();
    c["lid"] = lid;
    c["may_record"] = view->may_record && !view->lines.empty();
    c["year"] = domain::AcademicYearLabel(domain::AcademicYearOf(view->today));
    mstch::array lines;
    for (const auto& line : view->lines) {
      lines.push_back(
          mstch::map{{"title", line.title},
                     {"source", T(ctx, line.idp ? "delivery_source_idp" : "delivery_source_map")},
                     {"school", view->settings.count(line.setting) ? view->settings.at(line.setting)
                                                                   : std::string()},
                     {"frequency", frequency(ctx, line.sessions, line.minutes, line.per)},
                     {"since", FormatDate(ctx, line.period.from)},
                     {"promised", Id(line.total.promised)},
                     {"delivered", Id(line.total.delivered)},
                     {"missed", Id(line.total.missed)},
                     {"tag", shortfall_tag(ctx, line)}});
    }
    c["lines"] = lines;
    c["has_lines"] = !lines.empty();
    std::map<std::string, std::string> titles;
    for (const auto& line : view->lines) titles[line.target] = line.title;
    mstch::array records;
    for (const auto& r : view->records) {
      const std::string target =
          r.idp ? "alp-" + Id(r.idp->value()) + "-" + Id(r.element)
                : "provision-" + Id(r.map ? r.map->value() : 0) + "-" + Id(r.provision);
      std::string missed;
      if (r.missed)
        missed =
            Id(r.missed) + " (" + T(ctx, "missed_" + std::string(domain::Code(r.reason))) + ")";
      records.push_back(
          mstch::map{{"date", FormatDate(ctx, r.on)},
                     {"title", titles.count(target) ? titles.at(target) : T(ctx, "delivery_ended")},
                     {"delivered", Id(r.delivered)},
                     {"missed", missed},
                     {"note", r.note},
                     {"by", view->recorders.count(r.by) ? view->recorders.at(r.by) : std::string()},
                     {"may_remove", view->may_record},
                     {"remove_href", "/deliveries/" + Id(r.id.value()) + "/remove"}});
    }
    c["records"] = records;
    c["has_records"] = !records.empty();
    Render(ctx, "learner_delivery", c);
  });

  AddForm(
      server, "/learners/{id}/delivery/new", "delivery_record_title", "delivery_record_button",
      {"target", "on", "delivered", "missed", "reason", "note"},
      [=, this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view =
            app::ViewLearnerDelivery(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_record || view->lines.empty()) {
          Fail(ctx, domain::Error::Forbidden("forbidden"));
          return false;
        }
        c["caption"] = view->learner.DisplayName();
        c["back_href"] = "/learners/" + Id(ctx.PathId(1)) + "/delivery";
        std::vector<Choice> targets;
        for (const auto& line : view->lines)
          targets.push_back(
              {line.target, line.title, frequency(ctx, line.sessions, line.minutes, line.per)});
        mstch::array f;
        f.push_back(ChoiceField(false, "target", T(ctx, "delivery_field_target"), "", targets,
                                {ctx.Param("target")}, errors));
        f.push_back(DateField(ctx, "on", "delivery_field_on", "hint_date", errors));
        f.push_back(TextField(false, "delivered", T(ctx, "delivery_field_delivered"), "",
                              ctx.Param("delivered"), errors, "govuk-input--width-2"));
        f.push_back(TextField(false, "missed", T(ctx, "delivery_field_missed"),
                              T(ctx, "delivery_hint_missed"), ctx.Param("missed"), errors,
                              "govuk-input--width-2"));
        std::vector<Choice> reasons;
        for (auto r : domain::AllMissedReasons()) {
          if (r == domain::MissedReason::kNone) continue;
          const std::string code(domain::Code(r));
          reasons.push_back({code, T(ctx, "missed_" + code), ""});
        }
        f.push_back(ChoiceField(false, "reason", T(ctx, "delivery_field_reason"),
                                T(ctx, "delivery_hint_reason"), reasons, {ctx.Param("reason")},
                                errors));
        f.push_back(
            TextField(false, "note", T(ctx, "delivery_field_note"), "", ctx.Param("note"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::LearnerId id{ctx.PathId(1)};
        auto added = app::RecordDelivery(services_, ctx.actor, id, FormOf(ctx));
        if (!added) return added.error();
        return "/learners/" + Id(id.value()) + "/delivery?done=recorded";
      });

  Route(server, "POST", "/deliveries/{id}/remove", Access::kSignedIn, false, [this](Ctx& ctx) {
    const domain::DeliveryRecordId id{ctx.PathId(1)};
    auto learner = app::DeliveryLearner(services_, ctx.actor, id);
    if (!learner) return Fail(ctx, learner.error());
    if (auto s = app::RemoveDelivery(services_, ctx.actor, id); !s) return Fail(ctx, s.error());
    Redirect(ctx, "/learners/" + Id(learner->value()) + "/delivery?done=removed");
  });

  Route(server, "GET", "/settings/{id}/delivery", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewSchoolDelivery(services_, ctx.actor, domain::SettingId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "school_delivery_title");
    c["back_href"] = "/settings/" + Id(view->setting.id.value());
    c["caption"] = view->setting.name;
    c["year"] = domain::AcademicYearLabel(domain::AcademicYearOf(view->today));
    c["names_shown"] = view->names_shown;
    c["lines"] = Id(view->lines);
    c["learners_short"] = Id(view->learners_short);
    c["promised"] = Id(view->total.promised);
    c["delivered"] = Id(view->total.delivered);
    c["percent"] = Id(view->total.PercentDelivered()) + "%";
    mstch::array rows;
    for (const auto& line : view->short_lines) {
      rows.push_back(
          mstch::map{{"learner", view->names.count(line.learner) ? view->names.at(line.learner)
                                                                 : std::string()},
                     {"href", "/learners/" + Id(line.learner.value()) + "/delivery"},
                     {"title", line.title},
                     {"source", T(ctx, line.idp ? "delivery_source_idp" : "delivery_source_map")},
                     {"promised", Id(line.total.promised)},
                     {"delivered", Id(line.total.delivered)},
                     {"short", Id(line.total.Shortfall())}});
    }
    c["rows"] = rows;
    c["has_rows"] = !rows.empty();
    Render(ctx, "school_delivery", c);
  });

  // ---- the LA's oversight of its schools ----
  auto rate_text = [](int per_thousand) {
    return std::to_string(per_thousand / 10) + "." + std::to_string(per_thousand % 10) + "%";
  };
  auto oversight_row = [=, this](const Ctx& ctx, const app::SchoolOversight& r,
                                 const std::string& name) {
    mstch::map row{
        {"name", name},
        {"href", r.setting.id.value() ? "/settings/" + Id(r.setting.id.value()) + "/provision-map"
                                      : std::string()},
        {"roll", Id(r.counts.roll)},
        {"register", Id(r.counts.total)},
        {"rate", rate_text(r.RatePerThousand())},
        {"idps", Id(r.idps_school) + " / " + Id(r.idps_la)},
        {"hours", Hours(r.total.staff_hours_tenths)},
        {"hours_per_hundred", Hours(r.HoursPerHundredTenths())},
        {"cost", "£" + Id(r.total.cost_per_term_pounds)},
        {"cost_per_pupil", "£" + Id(r.CostPerPupil())},
        {"has_map", r.has_map || !r.setting.id.value()},
        {"alnco_hours", r.coordination.hours_per_week_tenths
                            ? Hours(r.coordination.hours_per_week_tenths)
                            : std::string()},
        {"qualification", r.has_map
                              ? T(ctx, "alnco_qualification_" +
                                           std::string(domain::Code(r.coordination.qualification)))
                              : std::string()},
        {"liaison_href", r.setting.id.value()
                             ? "/settings/" + Id(r.setting.id.value()) + "/family-contacts"
                             : std::string()},
        {"contacts", Id(r.liaison.contacts)},
        {"register_contacted",
         Fill(ctx, "school_liaison_register_contacted",
              {{"contacted", Id(r.register_contacted)}, {"total", Id(r.counts.total)}})},
        {"register_contacted_rate",
         rate_text(r.counts.total > 0 ? r.register_contacted * 1000 / r.counts.total : 0)},
        {"overdue", Id(r.liaison.follow_ups_overdue)}};
    mstch::array levels;
    for (auto level : domain::AllProvisionLevels()) {
      auto it = r.levels.find(level);
      levels.push_back(
          mstch::map{{"count", Id(it == r.levels.end() ? 0 : it->second.provisions)},
                     {"learners", Id(it == r.levels.end() ? 0 : it->second.learners)}});
    }
    row["levels"] = levels;
    return row;
  };
  Route(server, "GET", "/provision-oversight", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewLaOversight(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "oversight_title");
    c["year"] = domain::AcademicYearLabel(view->academic_year);
    mstch::array rows;
    std::vector<std::pair<std::string, double>> rates, costs;
    for (const auto& r : view->schools) {
      rows.push_back(oversight_row(ctx, r, r.setting.name));
      rates.emplace_back(r.setting.name, r.RatePerThousand() / 10.0);
      costs.emplace_back(r.setting.name, r.CostPerPupil());
    }
    rates.emplace_back(T(ctx, "oversight_la_average"), view->la.RatePerThousand() / 10.0);
    costs.emplace_back(T(ctx, "oversight_la_average"), view->la.CostPerPupil());
    c["rows"] = rows;
    c["la"] = oversight_row(ctx, view->la, T(ctx, "oversight_la_average"));
    mstch::array levels;
    for (auto level : domain::AllProvisionLevels())
      levels.push_back(mstch::map{{"name", level_name(ctx, level)}});
    c["level_names"] = levels;
    c["rate_chart"] = BarChart(T(ctx, "oversight_chart_rate"), rates, "%");
    c["cost_chart"] = BarChart(T(ctx, "oversight_chart_cost"), costs, "£");
    Render(ctx, "provision_oversight", c);
  });
  Route(server, "GET", "/provision-oversight.csv", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewLaOversight(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    std::string csv =
        "school,roll,on_register,per_1000,idps_school,idps_la,universal,universal_plus,targeted,"
        "specialist,staff_hours_a_week,cost_a_term,cost_per_pupil,alnco_hours,alnco_"
        "qualification,family_contacts,register_contacted,follow_ups_overdue\r\n";
    auto line = [&](const app::SchoolOversight& r, const std::string& name) {
      csv += Csv(name) + "," + Id(r.counts.roll) + "," + Id(r.counts.total) + "," +
             Id(r.RatePerThousand()) + "," + Id(r.idps_school) + "," + Id(r.idps_la);
      for (auto level : domain::AllProvisionLevels()) {
        auto it = r.levels.find(level);
        csv += "," + Id(it == r.levels.end() ? 0 : it->second.provisions);
      }
      csv += "," + Hours(r.total.staff_hours_tenths) + "," + Id(r.total.cost_per_term_pounds) +
             "," + Id(r.CostPerPupil()) + "," + Hours(r.coordination.hours_per_week_tenths) + "," +
             (r.has_map ? std::string(domain::Code(r.coordination.qualification)) : "") + "," +
             Id(r.liaison.contacts) + "," + Id(r.register_contacted) + "," +
             Id(r.liaison.follow_ups_overdue) + "\r\n";
    };
    for (const auto& r : view->schools) line(r, r.setting.name);
    line(view->la, "LA");
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"aln-oversight-" +
                                                  Id(view->academic_year) + ".csv\"");
    ctx.res.set_content(csv, "text/csv; charset=utf-8");
  });

  // ---- the LA's review of a school's arrangements (Code 7.10) ----
  // What the school's records show for each expectation, drafted as evidence.
  auto drafted = [=, this](const Ctx& ctx, const app::GovernorsReport& d,
                           domain::Expectation e) -> std::string {
    auto level = [&](domain::ProvisionLevel l) {
      auto it = d.map.totals.find(l);
      return it == d.map.totals.end() ? app::LevelTotal{} : it->second;
    };
    const auto universal = level(domain::ProvisionLevel::kUniversal);
    const auto plus = level(domain::ProvisionLevel::kUniversalPlus);
    const auto targeted = level(domain::ProvisionLevel::kTargeted);
    const auto specialist = level(domain::ProvisionLevel::kSpecialist);
    int impact = 0;
    if (d.map.map)
      for (const auto& p : d.map.map->provisions) impact += p.impact.empty() ? 0 : 1;
    switch (e) {
      case domain::Expectation::kDifferentiatedTeaching:
        return Fill(ctx, "review_draft_differentiated",
                    {{"provisions", Id(universal.provisions + plus.provisions)},
                     {"learners", Id(plus.learners)}});
      case domain::Expectation::kTargetedIntervention:
        return Fill(ctx, "review_draft_targeted",
                    {{"provisions", Id(targeted.provisions)},
                     {"learners", Id(targeted.learners)},
                     {"register", Id(d.register_counts.total)},
                     {"roll", Id(d.register_counts.roll)}});
      case domain::Expectation::kProgressMonitoring:
        return Fill(ctx, "review_draft_progress",
                    {{"delivered", Id(d.delivery.total.delivered)},
                     {"promised", Id(d.delivery.total.promised)},
                     {"percent", Id(d.delivery.total.PercentDelivered())},
                     {"short", Id(d.delivery.learners_short)}});
      case domain::Expectation::kInvolvingSpecialists:
        return Fill(ctx, "review_draft_specialists",
                    {{"provisions", Id(specialist.provisions)},
                     {"learners", Id(specialist.learners)},
                     {"la_plans", Id(d.idps_la)}});
      case domain::Expectation::kReviewingInterventions:
        return Fill(ctx, "review_draft_reviewing",
                    {{"impact", Id(impact)},
                     {"provisions", Id(d.map.total.provisions)},
                     {"training", d.map.map && !d.map.map->coordination.training.empty()
                                      ? d.map.map->coordination.training
                                      : T(ctx, "idp_pdf_not_given")}});
      case domain::Expectation::kInvolvingLearnersParents:
        return Fill(ctx, "review_draft_involving",
                    {{"reviews", Id(d.reviews_held)}, {"plans", Id(d.idps_school + d.idps_la)}});
    }
    return std::string();
  };
  Route(server, "GET", "/settings/{id}/arrangements-review", Access::kSignedIn, false,
        [=, this](Ctx& ctx) {
          auto view = app::ViewArrangementsReview(services_, ctx.actor,
                                                  domain::SettingId{ctx.PathId(1)}, YearParam(ctx));
          if (!view) return Fail(ctx, view.error());
          const auto& d = view->data;
          const std::string sid = Id(d.map.setting.id.value());
          auto c = Base(ctx, "review_title");
          done_banner(ctx, c);
          c["back_href"] = "/settings/" + sid;
          c["caption"] = d.map.setting.name;
          c["year"] = domain::AcademicYearLabel(d.map.academic_year);
          c["may_edit"] = view->may_edit;
          c["edit_href"] =
              "/settings/" + sid + "/arrangements-review/edit?year=" + Id(d.map.academic_year);
          c["has_review"] = view->review.has_value();
          mstch::array rows;
          for (auto e : domain::AllExpectations()) {
            const std::string code(domain::Code(e));
            mstch::map row{{"expectation", T(ctx, "expectation_" + code)},
                           {"records", drafted(ctx, d, e)}};
            if (view->review)
              if (const auto* f = view->review->Finding(e)) {
                row["rating"] = T(ctx, "rating_" + std::string(domain::Code(f->rating)));
                row["colour"] =
                    std::string(f->rating == domain::ExpectationRating::kMet         ? "green"
                                : f->rating == domain::ExpectationRating::kPartlyMet ? "yellow"
                                : f->rating == domain::ExpectationRating::kNotMet    ? "red"
                                                                                     : "grey");
                row["evidence"] = f->evidence;
              }
            rows.push_back(row);
          }
          c["rows"] = rows;
          if (view->review) {
            c["reviewed"] = Fill(
                ctx, "review_reviewed_by",
                {{"date", FormatDate(ctx, view->review->reviewed_on)}, {"name", view->reviewer}});
            c["summary"] = view->review->summary;
            c["actions"] = view->review->actions;
          }
          Render(ctx, "arrangements_review", c);
        });
  std::vector<std::string> review_order{"reviewed_on"};
  for (auto e : domain::AllExpectations()) {
    review_order.push_back("rating_" + std::string(domain::Code(e)));
    review_order.push_back("evidence_" + std::string(domain::Code(e)));
  }
  review_order.push_back("summary");
  review_order.push_back("actions");
  AddForm(
      server, "/settings/{id}/arrangements-review/edit", "review_edit_title", "review_save",
      review_order,
      [=, this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = app::ViewArrangementsReview(services_, ctx.actor,
                                                domain::SettingId{ctx.PathId(1)}, YearParam(ctx));
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_edit) {
          Fail(ctx, domain::Error::Forbidden("forbidden"));
          return false;
        }
        const auto& d = view->data;
        const bool post = ctx.req.method == "POST";
        c["caption"] = d.map.setting.name + " · " + domain::AcademicYearLabel(d.map.academic_year);
        c["back_href"] = "/settings/" + Id(d.map.setting.id.value()) +
                         "/arrangements-review?year=" + Id(d.map.academic_year);
        c["action"] = "/settings/" + Id(d.map.setting.id.value()) +
                      "/arrangements-review/edit?year=" + Id(d.map.academic_year);
        if (view->review) c["version"] = Id(view->review->version);
        c["intro"] = mstch::array{T(ctx, "review_intro")};
        mstch::array f;
        f.push_back(DateField(
            ctx, "reviewed_on", "review_field_reviewed_on", "hint_date", errors,
            view->review ? std::optional<domain::Date>(view->review->reviewed_on) : std::nullopt,
            post));
        std::vector<Choice> ratings;
        for (auto r : domain::AllExpectationRatings()) {
          const std::string code(domain::Code(r));
          ratings.push_back({code, T(ctx, "rating_" + code), ""});
        }
        for (auto e : domain::AllExpectations()) {
          const std::string code(domain::Code(e));
          const auto* found = view->review ? view->review->Finding(e) : nullptr;
          f.push_back(HeadingField(T(ctx, "expectation_" + code), drafted(ctx, d, e)));
          f.push_back(ChoiceField(
              false, "rating_" + code, T(ctx, "review_field_rating"), "", ratings,
              {post ? ctx.Param("rating_" + code)
                    : std::string(domain::Code(found ? found->rating
                                                     : domain::ExpectationRating::kNotAssessed))},
              errors));
          f.push_back(TextField(
              true, "evidence_" + code, T(ctx, "review_field_evidence"),
              T(ctx, "review_hint_evidence"),
              post ? ctx.Param("evidence_" + code) : (found ? found->evidence : std::string()),
              errors));
        }
        f.push_back(HeadingField(T(ctx, "review_field_summary"), ""));
        f.push_back(TextField(
            true, "summary", T(ctx, "review_field_summary"), "",
            post ? ctx.Param("summary") : (view->review ? view->review->summary : std::string()),
            errors));
        f.push_back(TextField(
            true, "actions", T(ctx, "review_field_actions"), T(ctx, "review_hint_actions"),
            post ? ctx.Param("actions") : (view->review ? view->review->actions : std::string()),
            errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        const domain::SettingId id{ctx.PathId(1)};
        if (auto s =
                app::SaveArrangementsReview(services_, ctx.actor, id, YearParam(ctx), FormOf(ctx));
            !s)
          return s.error();
        return "/settings/" + Id(id.value()) + "/arrangements-review?year=" +
               Id(YearParam(ctx) ? YearParam(ctx)
                                 : domain::AcademicYearOf(services_.clock.Today())) +
               "&done=reviewed";
      });

  // ---- the ALN register ----
  auto category_name = [this](const Ctx& ctx, domain::RegisterCategory category) {
    return T(ctx, "register_" + std::string(domain::Code(category)));
  };
  auto areas_text = [this](const Ctx& ctx, const std::set<domain::AreaOfNeed>& areas) {
    std::string out;
    for (auto a : areas)
      out += (out.empty() ? "" : "; ") + T(ctx, "area_" + std::string(domain::Code(a)));
    return out;
  };
  auto types_text = [this](const Ctx& ctx, const std::set<std::string>& types) {
    std::string out;
    for (const auto& t : types) {
      const std::string id = "need_" + t;
      out += (out.empty() ? "" : "; ") + (catalog_->Has(id) ? T(ctx, id) : t);
    }
    return out;
  };
  Route(
      server, "GET", "/settings/{id}/aln-register", Access::kSignedIn, false, [=, this](Ctx& ctx) {
        auto view = app::ViewAlnRegister(services_, ctx.actor, domain::SettingId{ctx.PathId(1)});
        if (!view) return Fail(ctx, view.error());
        const std::string sid = Id(view->setting.id.value());
        auto c = Base(ctx, "register_title");
        c["back_href"] = "/settings/" + sid;
        c["caption"] = view->setting.name;
        c["sid"] = sid;
        c["names_shown"] = view->names_shown;
        c["total"] = Id(view->counts.total);
        c["roll"] = Id(view->counts.roll);
        c["summary"] = Fill(ctx, "register_summary",
                            {{"total", Id(view->counts.total)}, {"roll", Id(view->counts.roll)}});
        mstch::array categories;
        for (auto cat : domain::AllRegisterCategories()) {
          const int n = view->counts.by_category.count(cat) ? view->counts.by_category.at(cat) : 0;
          categories.push_back(mstch::map{{"label", category_name(ctx, cat)}, {"count", Id(n)}});
        }
        c["categories"] = categories;
        mstch::array years;
        for (const auto& [year, n] : view->counts.by_year_group)
          years.push_back(mstch::map{{"label", YearGroupName(ctx, year)}, {"count", Id(n)}});
        c["years"] = years;
        mstch::array areas;
        for (auto a : domain::AllAreasOfNeed()) {
          const int n = view->counts.by_area.count(a) ? view->counts.by_area.at(a) : 0;
          areas.push_back(mstch::map{{"label", T(ctx, "area_" + std::string(domain::Code(a)))},
                                     {"count", Id(n)}});
        }
        c["areas"] = areas;
        mstch::array rows;
        for (const auto& r : view->rows) {
          std::string provisions;
          for (const auto& p : r.provisions) provisions += (provisions.empty() ? "" : "; ") + p;
          rows.push_back(mstch::map{{"name", r.name},
                                    {"href", "/learners/" + Id(r.learner.value())},
                                    {"upn", r.upn},
                                    {"year", Id(r.year_group)},
                                    {"category", category_name(ctx, r.category)},
                                    {"areas", areas_text(ctx, r.facts.areas)},
                                    {"types", types_text(ctx, r.facts.types)},
                                    {"provisions", provisions}});
        }
        c["rows"] = rows;
        c["has_rows"] = !rows.empty();
        Render(ctx, "aln_register", c);
      });

  // The register as sheets: names for those who may export them, counts for the others.
  auto register_sheets = [=, this](const Ctx& ctx, const app::AlnRegisterView& view) {
    std::vector<documents::Sheet> sheets;
    documents::Sheet counts{T(ctx, "register_sheet_counts"),
                            {T(ctx, "register_col_measure"), T(ctx, "register_col_count")},
                            {}};
    counts.rows.push_back({T(ctx, "register_on_roll"), static_cast<long long>(view.counts.roll)});
    counts.rows.push_back({T(ctx, "register_total"), static_cast<long long>(view.counts.total)});
    for (auto cat : domain::AllRegisterCategories())
      counts.rows.push_back(
          {category_name(ctx, cat), static_cast<long long>(view.counts.by_category.count(cat)
                                                               ? view.counts.by_category.at(cat)
                                                               : 0)});
    for (const auto& [year, n] : view.counts.by_year_group)
      counts.rows.push_back({YearGroupName(ctx, year), static_cast<long long>(n)});
    for (auto a : domain::AllAreasOfNeed())
      counts.rows.push_back(
          {T(ctx, "area_" + std::string(domain::Code(a))),
           static_cast<long long>(view.counts.by_area.count(a) ? view.counts.by_area.at(a) : 0)});
    if (view.names_shown) {
      documents::Sheet names{
          T(ctx, "register_sheet_learners"),
          {T(ctx, "register_col_name"), T(ctx, "register_col_upn"), T(ctx, "register_col_year"),
           T(ctx, "register_col_category"), T(ctx, "register_col_areas"),
           T(ctx, "register_col_types"), T(ctx, "register_col_provisions")},
          {}};
      for (const auto& r : view.rows) {
        std::string provisions;
        for (const auto& p : r.provisions) provisions += (provisions.empty() ? "" : "; ") + p;
        names.rows.push_back({r.name, r.upn, static_cast<long long>(r.year_group),
                              category_name(ctx, r.category), areas_text(ctx, r.facts.areas),
                              types_text(ctx, r.facts.types), provisions});
      }
      sheets.push_back(std::move(names));
    }
    sheets.push_back(std::move(counts));
    return sheets;
  };
  auto register_download = [=, this](Ctx& ctx, bool xlsx) {
    auto view = app::ExportAlnRegister(services_, ctx.actor, domain::SettingId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const auto sheets = register_sheets(ctx, *view);
    const std::string file =
        "aln-register-" + Id(view->setting.id.value()) + (view->names_shown ? "" : "-counts");
    if (xlsx) {
      auto bytes =
          documents::WriteXlsx(sheets, T(ctx, "register_title") + " " + view->setting.name);
      if (!bytes) return Fail(ctx, bytes.error());
      ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"");
      ctx.res.set_content(*bytes,
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      return;
    }
    // CSV: the first sheet only (the learners, or the counts for those who see counts only).
    const auto& sheet = sheets.front();
    std::string csv;
    for (std::size_t i = 0; i < sheet.header.size(); ++i)
      csv += (i ? "," : "") + Csv(sheet.header[i]);
    csv += "\r\n";
    for (const auto& row : sheet.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) csv += ",";
        if (const auto* text = std::get_if<std::string>(&row[i]))
          csv += Csv(*text);
        else
          csv += std::to_string(std::get<long long>(row[i]));
      }
      csv += "\r\n";
    }
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
    ctx.res.set_content(csv, "text/csv; charset=utf-8");
  };
  Route(server, "GET", "/settings/{id}/aln-register.csv", Access::kSignedIn, false,
        [register_download](Ctx& ctx) { register_download(ctx, false); });
  Route(server, "GET", "/settings/{id}/aln-register.xlsx", Access::kSignedIn, false,
        [register_download](Ctx& ctx) { register_download(ctx, true); });
}

}  // namespace cynnal::http
