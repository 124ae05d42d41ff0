#include <nlohmann/json.hpp>

#include "app/calendars.h"
#include "app/clocks.h"
#include "domain/text.h"
#include "http/json_fields.h"
#include "http/server.h"

namespace cynnal::http {

using nlohmann::json;

void WebApp::InstallCalendarApi(httplib::Server& server) {
  auto clock_json = [this](const Ctx& ctx, const app::ClockSummary& s) {
    const auto& c = s.clock;
    json j{{"id", c.id.value()},
           {"learner_id", c.learner.value()},
           {"aln_case_id", c.aln_case ? json(c.aln_case->value()) : json(nullptr)},
           {"idp_id", c.idp ? json(c.idp->value()) : json(nullptr)},
           {"profile_id", c.profile ? json(c.profile->value()) : json(nullptr)},
           {"timescale", c.timescale},
           {"count", c.count},
           {"start_event", std::string(domain::Code(c.start_event))},
           {"started_on", JsonIso(c.started_on)},
           {"calendar_setting_id",
            c.calendar_setting ? json(c.calendar_setting->value()) : json(nullptr)},
           {"reference", c.reference},
           {"state", std::string(domain::Code(s.state))},
           {"statutory_due", JsonIsoOrNull(s.statutory_due)},
           {"stopped_on", JsonIsoOrNull(c.stopped_on)},
           {"stop_note", c.stop_note}};
    if (s.timescale) {
      j["rule"] = RuleText(ctx, *s.timescale, c.count, c.started_on);
      j["source"] = std::string(s.timescale->source);
    }
    if (s.forecast) {
      j["forecast"] = {{"due", JsonIso(s.forecast->due)},
                       {"status", std::string(domain::Code(s.forecast->status))},
                       {"days_left", s.forecast->days_left},
                       {"days_unit", s.forecast->school_days ? "school_days" : "working_days"},
                       {"period_days", s.forecast->period_days}};
    } else {
      j["forecast"] = nullptr;
    }
    if (!s.problem.empty()) {
      j["problem"] = {{"code", s.problem}, {"date", s.problem_date}};
    }
    if (c.waiver) {
      j["waiver"] = {{"reason", std::string(domain::Code(c.waiver->reason))},
                     {"details", c.waiver->details},
                     {"by_user_id", c.waiver->by.value()},
                     {"at", domain::FormatTimestamp(c.waiver->at)},
                     {"new_target", JsonIso(c.waiver->new_target)}};
    } else {
      j["waiver"] = nullptr;
    }
    return j;
  };

  Route(server, "GET", "/api/v1/timescales", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto view = app::ViewTimescales(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    json items = json::array();
    for (const auto& t : domain::TimescaleCatalogue()) {
      const int count = domain::CountFor(t, view->local);
      items.push_back({{"code", std::string(t.code)},
                       {"name", T(ctx, t.MessageStem() + "_name")},
                       {"count", count},
                       {"unit", std::string(domain::Code(t.unit))},
                       {"rule", std::string(domain::Code(t.rule))},
                       {"rule_text", RuleText(ctx, t, count, std::nullopt)},
                       {"source", std::string(t.source)},
                       {"statutory", t.statutory}});
    }
    Json(ctx, 200, json{{"items", items}}.dump());
  });

  Route(server, "GET", "/api/v1/due", Access::kSignedIn, true, [this, clock_json](Ctx& ctx) {
    auto list = app::ListDue(services_, ctx.actor, {ctx.Param("setting"), ctx.Param("days")});
    if (!list) return Fail(ctx, list.error());
    json items = json::array();
    for (const auto& item : list->items) {
      json j = clock_json(ctx, item.summary);
      j["learner"] = {{"id", item.learner.id.value()},
                      {"display_name", item.learner.DisplayName()},
                      {"upn", item.learner.upn.str()}};
      items.push_back(std::move(j));
    }
    Json(ctx, 200,
         json{{"days", list->days},
              {"setting_id", list->setting ? json(list->setting->id.value()) : json(nullptr)},
              {"today", JsonIso(list->today)},
              {"counts",
               {{"overdue", list->overdue},
                {"at_risk", list->at_risk},
                {"waived", list->waived},
                {"on_track", list->on_track}}},
              {"items", items}}
             .dump());
  });

  Route(server, "GET", "/api/v1/settings/{id}/calendar", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto view = app::ViewSchoolYear(services_, ctx.actor, domain::SettingId{ctx.PathId(1)},
                                    ctx.Param("year"));
    if (!view) return Fail(ctx, view.error());
    json days = json::array();
    const domain::Date start = domain::AcademicYearStart(view->academic_year);
    const domain::Date end = domain::AcademicYearEnd(view->academic_year);
    for (domain::Date d = start; !(end < d); d = domain::AddDays(d, 1)) {
      days.push_back(
          {{"date", JsonIso(d)}, {"type", std::string(domain::Code(view->calendar.TypeOf(d)))}});
    }
    json own = json::array();
    for (const auto& d : view->days) {
      own.push_back({{"id", d.id},
                     {"date", JsonIso(d.date)},
                     {"kind", std::string(domain::Code(d.kind))},
                     {"label", d.label}});
    }
    Json(ctx, 200,
         json{{"setting_id", view->setting.id.value()},
              {"academic_year", view->academic_year},
              {"label", domain::AcademicYearLabel(view->academic_year)},
              {"has_term_dates", view->term_dates.has_value()},
              {"school_days", view->school_days},
              {"setting_days", own},
              {"days", days}}
             .dump());
  });

  Route(server, "GET", "/api/v1/term-dates", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto view = app::ViewTermDates(services_, ctx.actor, ctx.Param("year"));
    if (!view) return Fail(ctx, view.error());
    json terms = json::array();
    if (view->term_dates) {
      for (const auto& t : view->term_dates->terms) {
        terms.push_back({{"name", std::string(domain::Code(t.name))},
                         {"start", JsonIso(t.start)},
                         {"end", JsonIso(t.end)},
                         {"half_term_start", JsonIsoOrNull(t.half_term_start)},
                         {"half_term_end", JsonIsoOrNull(t.half_term_end)}});
      }
    }
    Json(ctx, 200,
         json{{"academic_year", view->academic_year},
              {"label", domain::AcademicYearLabel(view->academic_year)},
              {"years", view->years},
              {"terms", terms}}
             .dump());
  });

  Route(server, "GET", "/api/v1/learners/{id}/clocks", Access::kSignedIn, true,
        [this, clock_json](Ctx& ctx) {
          auto clocks = app::LearnerClocks(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
          if (!clocks) return Fail(ctx, clocks.error());
          json items = json::array();
          for (const auto& s : *clocks) items.push_back(clock_json(ctx, s));
          Json(ctx, 200, json{{"items", items}}.dump());
        });

  auto answer_clock = [this, clock_json](Ctx& ctx, domain::ClockId id, int status) {
    auto view = app::ViewClock(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    Json(ctx, status, clock_json(ctx, view->summary).dump());
  };

  Route(server, "POST", "/api/v1/learners/{id}/clocks", Access::kSignedIn, true,
        [this, answer_clock](Ctx& ctx) {
          json body;
          if (!ParseJsonObject(ctx, body)) return;
          std::map<std::string, std::string> errors;
          app::StartClockInput in;
          in.timescale = JsonString(body, "timescale", errors);
          in.start_event = JsonString(body, "start_event", errors);
          in.started_on = JsonDate(body, "started_on", errors);
          in.reference = JsonString(body, "reference", errors);
          if (body.contains("calendar_setting_id") && !body["calendar_setting_id"].is_null()) {
            if (body["calendar_setting_id"].is_number_integer())
              in.calendar_setting = std::to_string(body["calendar_setting_id"].get<long long>());
            else
              errors["calendar_setting_id"] = "api_error_expected_integer";
          }
          if (!errors.empty()) return Problem(ctx, 422, "clock_error_title", errors);
          auto id = app::StartClock(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, in);
          if (!id) return Fail(ctx, id.error());
          ctx.res.set_header("Location", "/api/v1/clocks/" + std::to_string(id->value()));
          answer_clock(ctx, *id, 201);
        });

  Route(server, "GET", "/api/v1/clocks/{id}", Access::kSignedIn, true,
        [answer_clock](Ctx& ctx) { answer_clock(ctx, domain::ClockId{ctx.PathId(1)}, 200); });

  Route(server, "POST", "/api/v1/clocks/{id}/stop", Access::kSignedIn, true,
        [this, answer_clock](Ctx& ctx) {
          json body;
          if (!ParseJsonObject(ctx, body)) return;
          std::map<std::string, std::string> errors;
          auto done_on = JsonDate(body, "stopped_on", errors);
          auto note = JsonString(body, "note", errors);
          if (!errors.empty()) return Problem(ctx, 422, "clock_error_title", errors);
          const domain::ClockId id{ctx.PathId(1)};
          auto s = app::StopClock(services_, ctx.actor, id, done_on, note);
          if (!s) return Fail(ctx, s.error());
          answer_clock(ctx, id, 200);
        });

  Route(server, "POST", "/api/v1/clocks/{id}/waive", Access::kSignedIn, true,
        [this, answer_clock](Ctx& ctx) {
          json body;
          if (!ParseJsonObject(ctx, body)) return;
          std::map<std::string, std::string> errors;
          app::WaiverInput in;
          in.reason = JsonString(body, "reason", errors);
          in.details = JsonString(body, "details", errors);
          in.new_target = JsonDate(body, "new_target", errors);
          if (!errors.empty()) return Problem(ctx, 422, "clock_error_title", errors);
          const domain::ClockId id{ctx.PathId(1)};
          auto s = app::WaiveClock(services_, ctx.actor, id, in);
          if (!s) return Fail(ctx, s.error());
          answer_clock(ctx, id, 200);
        });
}

}  // namespace cynnal::http
