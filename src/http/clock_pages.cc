#include "app/clocks.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using domain::Date;

// The GOV.UK tag colour of a clock's status.
std::string TagColour(const app::ClockSummary& s) {
  if (s.state == domain::ClockState::kWaived) return "purple";
  if (s.state == domain::ClockState::kMet) return "green";
  if (s.state == domain::ClockState::kMissed) return "red";
  if (!s.forecast) return "grey";
  switch (s.forecast->status) {
    case domain::ForecastStatus::kOverdue:
      return "red";
    case domain::ForecastStatus::kAtRisk:
      return "orange";
    case domain::ForecastStatus::kOnTrack:
      return "blue";
  }
  return "grey";
}

}  // namespace

mstch::map WebApp::ClockRow(const Ctx& ctx, const app::ClockSummary& s) const {
  std::string status;
  if (s.state != domain::ClockState::kRunning) {
    status = T(ctx, "state_" + std::string(domain::Code(s.state)));
  } else if (!s.forecast) {
    status = T(ctx, "status_unknown");
  } else {
    status = T(ctx, "status_" + std::string(domain::Code(s.forecast->status)));
  }
  std::string due, days_left;
  if (s.clock.stopped_on) {
    due = s.clock.due_when_stopped ? FormatDate(ctx, *s.clock.due_when_stopped) : std::string();
  } else if (s.forecast) {
    due = FormatDate(ctx, s.forecast->due);
    if (s.clock.waiver && s.statutory_due) {
      due = Fill(ctx, "due_waived_target",
                 {{"target", due}, {"statutory", FormatDate(ctx, *s.statutory_due)}});
    }
    const std::string unit = s.forecast->school_days ? "school" : "working";
    const int n = s.forecast->days_left;
    days_left = n < 0 ? Fill(ctx, "days_overdue_" + unit, {{"count", std::to_string(-n)}})
                      : Fill(ctx, "days_left_" + unit, {{"count", std::to_string(n)}});
  } else if (!s.problem.empty()) {
    std::string date = s.problem_date;
    if (auto d = domain::ParseIsoDate(date)) date = FormatDate(ctx, *d);
    due = Fill(ctx, s.problem, {{"date", date}});
  }
  std::string rule;
  if (s.timescale) {
    rule = RuleText(ctx, *s.timescale, s.clock.count, s.clock.started_on) + " (" +
           std::string(s.timescale->source) + ")";
  }
  const std::string code = s.state != domain::ClockState::kRunning
                               ? std::string(domain::Code(s.state))
                           : s.forecast ? std::string(domain::Code(s.forecast->status))
                                        : "unknown";
  return mstch::map{
      {"clock_id", std::to_string(s.clock.id.value())},
      {"timescale", s.timescale ? T(ctx, s.timescale->MessageStem() + "_name") : s.clock.timescale},
      {"due", due},
      {"rule", rule},
      {"days_left", days_left},
      {"status", status},
      {"status_code", code},
      {"tag_colour", TagColour(s)}};
}

void WebApp::InstallClockPages(httplib::Server& server) {
  // "On track", "At risk", "Overdue" for running clocks; "Met", "Missed", "Waived" otherwise.
  auto problem_text = [this](const Ctx& ctx, const app::ClockSummary& s) {
    if (s.problem.empty()) return std::string();
    std::string date = s.problem_date;
    if (auto d = domain::ParseIsoDate(date)) date = FormatDate(ctx, *d);
    return Fill(ctx, s.problem, {{"date", date}});
  };
  auto timescale_name = [this](const Ctx& ctx, const app::ClockSummary& s) {
    return s.timescale ? T(ctx, s.timescale->MessageStem() + "_name") : s.clock.timescale;
  };
  auto clock_form = [this](Ctx& ctx, domain::LearnerId learner, const app::StartClockInput& in,
                           const domain::Error* error, int status) {
    auto view = app::ClockForm(services_, ctx.actor, learner);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "clock_new_title");
    c["learner_id"] = std::to_string(learner.value());
    c["learner_name"] = view->learner.DisplayName();
    mstch::array timescales;
    for (const auto& t : domain::TimescaleCatalogue()) {
      if (t.count_per_clock) continue;  // started by the step that sets its date
      const std::string code(t.code);
      timescales.push_back(mstch::map{
          {"code", code},
          {"input_id", code == "school-decision" ? std::string("timescale") : "timescale-" + code},
          {"name", T(ctx, t.MessageStem() + "_name")},
          {"rule", RuleText(ctx, t, t.count, std::nullopt)},
          {"source", std::string(t.source)},
          {"checked", in.timescale == code}});
    }
    c["timescales"] = timescales;
    mstch::array events{mstch::map{
        {"value", std::string()}, {"label", T(ctx, "choose_event")}, {"selected", false}}};
    for (auto e : domain::AllClockEvents()) {
      const std::string code(domain::Code(e));
      events.push_back(mstch::map{{"value", code},
                                  {"label", T(ctx, "clock_event_" + code)},
                                  {"selected", in.start_event == code}});
    }
    c["events"] = events;
    mstch::array settings;
    for (const auto& s : view->settings) {
      const std::string v = std::to_string(s.id.value());
      settings.push_back(
          mstch::map{{"value", v}, {"label", s.name}, {"selected", v == in.calendar_setting}});
    }
    c["settings"] = settings;
    c["reference"] = in.reference;
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error,
                {"timescale", "start_event", "started_on", "calendar_setting", "reference"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    c["started_on"] = DateInput(ctx, "started_on", "field_started_on", "hint_started_on", errors,
                                in.started_on.day, in.started_on.month, in.started_on.year);
    Render(ctx, "clock_form", c, status);
  };

  Route(server, "GET", "/learners/{id}/clocks/new", Access::kSignedIn, false,
        [clock_form](Ctx& ctx) {
          clock_form(ctx, domain::LearnerId{ctx.PathId(1)}, {}, nullptr, 200);
        });

  Route(server, "POST", "/learners/{id}/clocks", Access::kSignedIn, false,
        [this, clock_form](Ctx& ctx) {
          const domain::LearnerId learner{ctx.PathId(1)};
          app::StartClockInput in;
          in.timescale = ctx.Param("timescale");
          in.start_event = ctx.Param("start_event");
          in.started_on = WebApp::DateParam(ctx, "started_on");
          in.calendar_setting = ctx.Param("calendar_setting");
          in.reference = ctx.Param("reference");
          auto id = app::StartClock(services_, ctx.actor, learner, in);
          if (!id) {
            if (id.error().code == domain::ErrorCode::kInvalidArgument)
              return clock_form(ctx, learner, in, &id.error(), 422);
            return Fail(ctx, id.error());
          }
          Redirect(ctx, "/clocks/" + std::to_string(id->value()) + "?started=1");
        });

  auto clock_page = [this, problem_text, timescale_name](
                        Ctx& ctx, domain::ClockId id, const domain::Error* error,
                        const app::DateParts* stopped_on, const std::string& note, int status) {
    auto view = app::ViewClock(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    const auto& s = view->summary;
    auto c = Base(ctx, "clock_title");
    c["title"] = timescale_name(ctx, s) + " – " + view->learner.DisplayName();
    c["clock_id"] = std::to_string(id.value());
    c["learner_id"] = std::to_string(view->learner.id.value());
    c["learner_name"] = view->learner.DisplayName();
    c["timescale_name"] = timescale_name(ctx, s);
    auto shown = ClockRow(ctx, s);
    c["status"] = shown["status"];
    c["tag_colour"] = TagColour(s);
    c["problem"] = problem_text(ctx, s);
    if (ctx.Param("started") == "1") c["banner"] = T(ctx, "clock_started");
    if (ctx.Param("stopped") == "1") c["banner"] = T(ctx, "clock_stopped");
    if (ctx.Param("waived") == "1") c["banner"] = T(ctx, "clock_waived");
    auto row = [](const std::string& key, const std::string& value) {
      return mstch::map{{"key", key}, {"value", value}};
    };
    mstch::array rows;
    rows.push_back(row(T(ctx, "field_clock_rule"), boost::get<std::string>(shown["rule"])));
    rows.push_back(row(T(ctx, "field_start_event"),
                       T(ctx, "clock_event_" + std::string(domain::Code(s.clock.start_event)))));
    rows.push_back(row(T(ctx, "field_started_on"), FormatDate(ctx, s.clock.started_on)));
    if (view->calendar_setting)
      rows.push_back(row(T(ctx, "field_calendar_setting"), view->calendar_setting->name));
    if (s.statutory_due)
      rows.push_back(row(T(ctx, "field_statutory_due"), FormatDate(ctx, *s.statutory_due)));
    if (s.forecast)
      rows.push_back(row(T(ctx, "field_days_left"), boost::get<std::string>(shown["days_left"])));
    if (!s.clock.reference.empty())
      rows.push_back(row(T(ctx, "field_clock_reference"), s.clock.reference));
    if (auto it = view->people.find(s.clock.started_by); it != view->people.end())
      rows.push_back(row(T(ctx, "field_started_by"), it->second));
    if (const auto& w = s.clock.waiver) {
      rows.push_back(row(T(ctx, "field_waiver_reason"),
                         T(ctx, "waiver_reason_" + std::string(domain::Code(w->reason)))));
      if (!w->details.empty()) rows.push_back(row(T(ctx, "field_waiver_details"), w->details));
      rows.push_back(row(T(ctx, "field_new_target"), FormatDate(ctx, w->new_target)));
      std::string who = view->people.count(w->by) ? view->people.at(w->by) : std::string();
      rows.push_back(row(T(ctx, "field_waived_by"),
                         who + " – " + FormatDate(ctx, domain::DateInWales(w->at))));
    }
    if (s.clock.stopped_on) {
      rows.push_back(row(T(ctx, "field_stopped_on"), FormatDate(ctx, *s.clock.stopped_on)));
      if (!s.clock.stop_note.empty())
        rows.push_back(row(T(ctx, "field_stop_note"), s.clock.stop_note));
    }
    c["rows"] = rows;
    const bool open = !s.clock.stopped_on.has_value();
    // A case's clock stops with the case's step; the page links to the case instead.
    c["may_stop"] =
        view->may_update && open && !s.clock.aln_case && !s.clock.idp && !s.clock.profile;
    if (s.clock.aln_case) c["case_id"] = std::to_string(s.clock.aln_case->value());
    if (s.clock.idp) c["idp_id"] = std::to_string(s.clock.idp->value());
    if (s.clock.profile) c["profile_id"] = std::to_string(s.clock.profile->value());
    c["may_waive"] = view->may_update && open && !s.clock.waiver;
    c["note"] = note;
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error, {"stopped_on", "note"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    const app::DateParts none;
    const auto& p = stopped_on ? *stopped_on : none;
    c["stopped_on"] = DateInput(ctx, "stopped_on", "field_stopped_on", "hint_stopped_on", errors,
                                p.day, p.month, p.year);
    Render(ctx, "clock", c, status);
  };

  Route(server, "GET", "/clocks/{id}", Access::kSignedIn, false, [clock_page](Ctx& ctx) {
    clock_page(ctx, domain::ClockId{ctx.PathId(1)}, nullptr, nullptr, "", 200);
  });

  Route(server, "POST", "/clocks/{id}/stop", Access::kSignedIn, false,
        [this, clock_page](Ctx& ctx) {
          const domain::ClockId id{ctx.PathId(1)};
          auto done_on = WebApp::DateParam(ctx, "stopped_on");
          const std::string note = ctx.Param("note");
          auto s = app::StopClock(services_, ctx.actor, id, done_on, note);
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return clock_page(ctx, id, &s.error(), &done_on, note, 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/clocks/" + std::to_string(id.value()) + "?stopped=1");
        });

  auto waive_form = [this, timescale_name](Ctx& ctx, domain::ClockId id, const app::WaiverInput& in,
                                           const domain::Error* error, int status) {
    auto view = app::ViewClock(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    if (!view->may_update) return ErrorPage(ctx, 403, "forbidden");
    if (view->summary.clock.stopped_on) return ErrorPage(ctx, 409, "clock_error_already_stopped");
    if (view->summary.clock.waiver) return ErrorPage(ctx, 409, "clock_error_already_waived");
    auto c = Base(ctx, "clock_waive_title");
    c["clock_id"] = std::to_string(id.value());
    c["learner_name"] = view->learner.DisplayName();
    c["timescale_name"] = timescale_name(ctx, view->summary);
    mstch::array reasons;
    bool first = true;
    for (auto r : domain::AllWaiverReasons()) {
      const std::string code(domain::Code(r));
      reasons.push_back(mstch::map{{"value", code},
                                   {"input_id", first ? std::string("reason") : "reason-" + code},
                                   {"label", T(ctx, "waiver_reason_" + code)},
                                   {"checked", in.reason == code}});
      first = false;
    }
    c["reasons"] = reasons;
    c["details"] = in.details;
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error, {"reason", "details", "new_target"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    c["new_target"] = DateInput(ctx, "new_target", "field_new_target", "hint_new_target", errors,
                                in.new_target.day, in.new_target.month, in.new_target.year);
    Render(ctx, "clock_waive", c, status);
  };

  Route(server, "GET", "/clocks/{id}/waive", Access::kSignedIn, false, [waive_form](Ctx& ctx) {
    waive_form(ctx, domain::ClockId{ctx.PathId(1)}, {}, nullptr, 200);
  });

  Route(server, "POST", "/clocks/{id}/waive", Access::kSignedIn, false,
        [this, waive_form](Ctx& ctx) {
          const domain::ClockId id{ctx.PathId(1)};
          app::WaiverInput in;
          in.reason = ctx.Param("reason");
          in.details = ctx.Param("details");
          in.new_target = WebApp::DateParam(ctx, "new_target");
          auto s = app::WaiveClock(services_, ctx.actor, id, in);
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return waive_form(ctx, id, in, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/clocks/" + std::to_string(id.value()) + "?waived=1");
        });

  Route(server, "GET", "/due", Access::kSignedIn, false, [this](Ctx& ctx) {
    app::DueListRequest request{ctx.Param("setting"), ctx.Param("days")};
    auto list = app::ListDue(services_, ctx.actor, request);
    std::optional<domain::Error> error;
    if (!list && list.error().code == domain::ErrorCode::kInvalidArgument) {
      error = list.error();
      request.days.clear();
      list = app::ListDue(services_, ctx.actor, request);
    }
    if (!list) return Fail(ctx, list.error());
    auto c = Base(ctx, "due_title");
    c["scope_name"] = list->setting ? list->setting->name : T(ctx, "due_whole_la");
    c["days"] = error ? ctx.Param("days") : std::to_string(list->days);
    c["caption"] = Fill(ctx, "due_caption", {{"count", std::to_string(list->days)}});
    c["show_setting_filter"] = list->whole_la || list->settings.size() > 1;
    mstch::array options;
    if (list->whole_la) {
      options.push_back(mstch::map{{"value", std::string()},
                                   {"label", T(ctx, "due_whole_la")},
                                   {"selected", !list->setting}});
    }
    for (const auto& s : list->settings) {
      const std::string v = std::to_string(s.id.value());
      options.push_back(mstch::map{{"value", v},
                                   {"label", s.name},
                                   {"selected", list->setting && list->setting->id == s.id}});
    }
    c["setting_options"] = options;
    c["overdue"] = std::to_string(list->overdue);
    c["at_risk"] = std::to_string(list->at_risk);
    c["waived"] = std::to_string(list->waived);
    c["on_track"] = std::to_string(list->on_track);
    mstch::array items;
    for (const auto& item : list->items) {
      auto row = ClockRow(ctx, item.summary);
      row["learner"] = item.learner.DisplayName();
      items.push_back(std::move(row));
    }
    c["items"] = items;
    c["has_items"] = !items.empty();
    if (error) AddErrors(ctx, c, *error, {"days"});
    Render(ctx, "due", c, error ? 422 : 200);
  });
}

}  // namespace cynnal::http
