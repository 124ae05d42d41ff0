#include <nlohmann/json.hpp>

#include "app/panels.h"
#include "http/json_fields.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using nlohmann::json;

json DecisionJson(const domain::PanelDecision& d) {
  return {{"outcome", domain::Code(d.outcome)},
          {"agreed", d.agreed},
          {"reasons", d.reasons},
          {"placement", domain::Code(d.placement)},
          {"setting_id", d.setting ? json(d.setting->value()) : json(nullptr)},
          {"hours_per_week", d.hours_per_week_tenths / 10.0},
          {"places", d.places},
          {"annual_cost_pounds", d.annual_cost_pounds},
          {"present", d.present},
          {"decided_on", JsonIso(d.decided_on)}};
}

json QuorumJson(const domain::Quorum& q) {
  json missing = json::array();
  for (auto r : q.missing) missing.push_back(std::string(domain::Code(r)));
  return {{"quorate", q.quorate}, {"missing", missing}};
}

json MeetingJson(const app::MeetingView& v) {
  const auto& m = v.meeting;
  json agenda = json::array();
  for (const auto& line : v.agenda) {
    const auto& r = line.line.referral;
    json excused = json::array();
    for (const auto& e : line.item.excused)
      excused.push_back({{"member", e.member}, {"detected", e.detected}, {"reason", e.reason}});
    agenda.push_back(
        {{"referral_id", r.id.value()},
         {"learner_id", r.learner.value()},
         {"learner", line.line.learner_name},
         {"type", domain::Code(r.type)},
         {"summary", r.summary},
         {"due", JsonIsoOrNull(line.line.due)},
         {"excused", excused},
         {"quorum", QuorumJson(line.quorum)},
         {"decision", line.item.decision ? DecisionJson(*line.item.decision) : json(nullptr)}});
  }
  json members = json::array();
  for (const auto& member : v.panel.members) {
    members.push_back({{"key", member.key},
                       {"name", member.name},
                       {"role", domain::Code(member.role)},
                       {"active", member.active},
                       {"present", m.Present(member.key)}});
  }
  return {{"id", m.id.value()},
          {"panel_id", m.panel.value()},
          {"date", JsonIso(m.date)},
          {"time", m.time},
          {"location", m.location},
          {"state", domain::Code(m.state)},
          {"holiday_agreement", m.holiday_agreement
                                    ? json{{"lead_officer", m.holiday_agreement->lead_officer},
                                           {"agreed_on", JsonIso(m.holiday_agreement->agreed_on)},
                                           {"reason", m.holiday_agreement->reason}}
                                    : json(nullptr)},
          {"members", members},
          {"quorum", QuorumJson(v.quorum)},
          {"agenda", agenda},
          {"minutes_due", JsonIsoOrNull(v.minutes_due)},
          {"minutes_state",
           m.minutes_clock ? json(std::string(domain::Code(v.minutes_state))) : json(nullptr)},
          {"minutes_distributed_on",
           m.minutes ? json(JsonIso(m.minutes->distributed_on)) : json(nullptr)}};
}

}  // namespace

// The panels' JSON routes: the same use cases as the pages, with dates as YYYY-MM-DD.
void WebApp::InstallPanelApi(httplib::Server& server) {
  auto read = [this](Ctx& ctx, app::Form& form) {
    return ReadJsonForm(ctx, form, "panel_error_title");
  };
  auto answer_meeting = [this](Ctx& ctx, domain::PanelMeetingId id, int status) {
    auto view = app::ViewMeeting(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    Json(ctx, status, MeetingJson(*view).dump());
  };

  Route(server, "GET", "/api/v1/panels", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto view = app::ListPanels(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    json items = json::array();
    for (const auto& p : view->panels) {
      items.push_back({{"id", p.id.value()},
                       {"name_en", p.name_en},
                       {"name_cy", p.name_cy},
                       {"min_age", p.min_age},
                       {"max_age", p.max_age}});
    }
    Json(ctx, 200, json{{"items", items}}.dump());
  });
  Route(server, "GET", "/api/v1/panel-meetings/{id}", Access::kSignedIn, true,
        [answer_meeting](Ctx& ctx) {
          answer_meeting(ctx, domain::PanelMeetingId{ctx.PathId(1)}, 200);
        });
  Route(server, "POST", "/api/v1/panel-meetings/{id}/attendance", Access::kSignedIn, true,
        [this, read, answer_meeting](Ctx& ctx) {
          app::Form form;
          if (!read(ctx, form)) return;
          const domain::PanelMeetingId id{ctx.PathId(1)};
          if (auto s = app::RecordPanelAttendance(services_, ctx.actor, id, form); !s)
            return Fail(ctx, s.error());
          answer_meeting(ctx, id, 200);
        });
  Route(server, "POST", "/api/v1/panel-meetings/{id}/items/{key}/decision", Access::kSignedIn, true,
        [this, read, answer_meeting](Ctx& ctx) {
          app::Form form;
          if (!read(ctx, form)) return;
          const domain::PanelMeetingId id{ctx.PathId(1)};
          if (auto s = app::DecidePanelItem(services_, ctx.actor, id,
                                            domain::PanelReferralId{ctx.PathId(2)}, form);
              !s)
            return Fail(ctx, s.error());
          answer_meeting(ctx, id, 200);
        });
  Route(server, "POST", "/api/v1/learners/{id}/panel-referrals", Access::kSignedIn, true,
        [this, read](Ctx& ctx) {
          app::Form form;
          if (!read(ctx, form)) return;
          auto id = app::ReferToPanel(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, form);
          if (!id) return Fail(ctx, id.error());
          Json(ctx, 201, json{{"id", id->value()}}.dump());
        });
}

bool WebApp::ReadJsonForm(Ctx& ctx, app::Form& form, const std::string& title_id) {
  json body;
  if (!ParseJsonObject(ctx, body)) return false;
  std::map<std::string, std::string> errors;
  if (!JsonToForm(body, form, errors)) {
    Problem(ctx, 422, title_id, errors);
    return false;
  }
  return true;
}

}  // namespace cynnal::http
