#include <algorithm>
#include <sstream>

#include "app/panels.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/page_parts.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using domain::Date;

std::string Id(std::int64_t value) { return std::to_string(value); }

}  // namespace

// ALN panels: their members and schedule, referrals, meetings from agenda to minutes, and the
// panels' monitoring (REFERENCE section 6).
void WebApp::InstallPanelPages(httplib::Server& server) {
  auto panel_name = [](const Ctx& ctx, const domain::Panel& p) {
    return ctx.lang == Lang::kCy ? p.name_cy : p.name_en;
  };
  auto role_name = [this](const Ctx& ctx, domain::PanelRole role) {
    return T(ctx, "panel_role_" + std::string(domain::Code(role)));
  };
  auto member_name = [role_name](const Ctx& ctx, const domain::Panel& p, int key) {
    const auto* m = p.Member(key);
    if (!m) return std::string();
    return m->name + " (" + role_name(ctx, m->role) + ")";
  };
  auto done_banner = [this](Ctx& ctx, mstch::map& c) {
    if (const std::string done = ctx.Param("done");
        !done.empty() && done.size() < 40 && catalog_->Has("panel_done_" + done))
      c["banner"] = T(ctx, "panel_done_" + done);
  };
  auto due_text = [this](const Ctx& ctx, const app::ReferralLine& line) {
    if (!line.due) return T(ctx, "panel_no_deadline");
    return FormatDate(ctx, *line.due);
  };
  auto clock_tag = [this](const Ctx& ctx, const app::ReferralLine& line) -> mstch::node {
    if (!line.clock) return std::string();
    const auto row = ClockRow(ctx, *line.clock);
    return row;
  };
  auto referral_row = [this, due_text, clock_tag](const Ctx& ctx, const app::ReferralLine& line) {
    const std::string type(domain::Code(line.referral.type));
    return mstch::map{{"href", "/panel-referrals/" + Id(line.referral.id.value())},
                      {"id", Id(line.referral.id.value())},
                      {"learner", line.learner_name},
                      {"school", line.setting_name},
                      {"type", T(ctx, "panel_case_" + type)},
                      {"due", due_text(ctx, line)},
                      {"clock", clock_tag(ctx, line)},
                      {"summary", line.referral.summary}};
  };
  auto outcome_text = [this](const Ctx& ctx, const domain::PanelDecision& d) {
    return T(ctx, "panel_outcome_" + std::string(domain::Code(d.outcome)));
  };
  auto decision_rows = [this, outcome_text](
                           const Ctx& ctx, const domain::PanelDecision& d,
                           const std::map<domain::SettingId, std::string>& settings) {
    mstch::array rows;
    auto row = [&](const std::string& key, const std::string& value) {
      if (!value.empty()) rows.push_back(mstch::map{{"key", T(ctx, key)}, {"value", value}});
    };
    row("panel_field_outcome", outcome_text(ctx, d));
    row("panel_field_agreed", d.agreed);
    if (d.placement != domain::Placement::kNone)
      row("panel_field_placement", T(ctx, "placement_" + std::string(domain::Code(d.placement))));
    if (d.setting && settings.count(*d.setting))
      row("panel_field_setting", settings.at(*d.setting));
    if (d.hours_per_week_tenths) row("panel_field_hours", Hours(d.hours_per_week_tenths));
    if (d.places) row("panel_field_places", Id(d.places));
    if (d.annual_cost_pounds) row("panel_field_cost", "£" + Id(d.annual_cost_pounds));
    row("panel_field_reasons", d.reasons);
    row("panel_field_decided_on", FormatDate(ctx, d.decided_on));
    return rows;
  };

  // ---- panels ----
  Route(server, "GET", "/panels", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ListPanels(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "panels_title");
    done_banner(ctx, c);
    mstch::array panels;
    for (const auto& p : view->panels) {
      int active = 0;
      for (const auto& m : p.members) active += m.active ? 1 : 0;
      panels.push_back(mstch::map{
          {"href", "/panels/" + Id(p.id.value())},
          {"name", panel_name(ctx, p)},
          {"ages", Fill(ctx, "panel_ages", {{"min", Id(p.min_age)}, {"max", Id(p.max_age)}})},
          {"members", Id(active)}});
    }
    c["panels"] = panels;
    c["has_panels"] = !panels.empty();
    c["may_configure"] = view->may_configure;
    Render(ctx, "panels", c);
  });

  auto panel_fields = [this](Ctx& ctx, mstch::map& c, const mstch::map& errors,
                             const domain::Panel* p) {
    const FieldValues value{ctx, ctx.req.method == "POST"};
    mstch::array f;
    f.push_back(TextField(false, "name_en", T(ctx, "panel_field_name_en"), "",
                          value("name_en", p ? p->name_en : ""), errors));
    f.push_back(TextField(false, "name_cy", T(ctx, "panel_field_name_cy"), "",
                          value("name_cy", p ? p->name_cy : ""), errors));
    f.push_back(TextField(false, "min_age", T(ctx, "panel_field_min_age"), "",
                          value("min_age", p ? Id(p->min_age) : ""), errors,
                          "govuk-input--width-2"));
    f.push_back(TextField(false, "max_age", T(ctx, "panel_field_max_age"),
                          T(ctx, "panel_hint_max_age"), value("max_age", p ? Id(p->max_age) : ""),
                          errors, "govuk-input--width-2"));
    c["fields"] = f;
  };
  AddForm(
      server, "/panels/new", "panel_new_title", "panel_save",
      {"name_en", "name_cy", "min_age", "max_age"},
      [this, panel_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        // Only those who may set up panels (LA administrators and officers) get the form.
        domain::Panel own;
        own.local_authority = ctx.actor.user.local_authority;
        if (!domain::MayAccessPanel(ctx.actor.user, domain::PanelAction::kConfigure, own)) {
          Fail(ctx, domain::Error::Forbidden("forbidden"));
          return false;
        }
        c["back_href"] = std::string("/panels");
        panel_fields(ctx, c, errors, nullptr);
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto id = app::SavePanel(services_, ctx.actor, std::nullopt, FormOf(ctx));
        if (!id) return id.error();
        return "/panels/" + Id(id->value()) + "?done=panel_added";
      });

  Route(server, "GET", "/panels/{id}", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    const int year =
        domain::ParseWholeNumber(ctx.Param("year")).value_or(0) > 2100
            ? 0
            : static_cast<int>(domain::ParseWholeNumber(ctx.Param("year")).value_or(0));
    auto view = app::ViewPanel(services_, ctx.actor, domain::PanelId{ctx.PathId(1)}, year);
    if (!view) return Fail(ctx, view.error());
    const std::string pid = Id(view->panel.id.value());
    auto c = Base(ctx, "panel_title");
    done_banner(ctx, c);
    c["back_href"] = std::string("/panels");
    c["name"] = panel_name(ctx, view->panel);
    c["ages"] = Fill(ctx, "panel_ages",
                     {{"min", Id(view->panel.min_age)}, {"max", Id(view->panel.max_age)}});
    c["year"] = domain::AcademicYearLabel(view->academic_year);
    c["prev_href"] = "/panels/" + pid + "?year=" + Id(view->academic_year - 1);
    c["next_href"] = "/panels/" + pid + "?year=" + Id(view->academic_year + 1);
    mstch::array members;
    for (const auto& m : view->panel.members) {
      std::string account;
      if (m.user && view->people.count(*m.user)) account = view->people.at(*m.user);
      members.push_back(mstch::map{
          {"name", m.name},
          {"role", role_name(ctx, m.role)},
          {"organisation", m.organisation},
          {"email", m.email},
          {"account", account},
          {"status", T(ctx, m.active ? "panel_member_active" : "panel_member_stood_down")},
          {"active", m.active},
          {"action",
           "/panels/" + pid + "/members/" + Id(m.key) + (m.active ? "/stand-down" : "/reinstate")},
          {"action_text", T(ctx, m.active ? "panel_stand_down" : "panel_reinstate")},
          {"action_hidden", m.name}});
    }
    c["members"] = members;
    mstch::array meetings;
    for (const auto& m : view->meetings) {
      const std::string state(domain::Code(m.state));
      std::string minutes;
      if (auto it = view->minutes_due.find(m.id); it != view->minutes_due.end()) {
        const auto s = domain::MinutesState(m);
        minutes = Fill(ctx, "panel_minutes_due_" + std::string(domain::Code(s)),
                       {{"date", FormatDate(ctx, it->second)}});
      }
      meetings.push_back(mstch::map{{"href", "/panel-meetings/" + Id(m.id.value())},
                                    {"date", FormatDate(ctx, m.date)},
                                    {"time", m.time},
                                    {"items", Id(static_cast<std::int64_t>(m.items.size()))},
                                    {"state", T(ctx, "panel_meeting_" + state)},
                                    {"holiday", m.holiday_agreement.has_value()},
                                    {"minutes", minutes}});
    }
    c["meetings"] = meetings;
    c["has_meetings"] = !meetings.empty();
    mstch::array awaiting;
    for (const auto& line : view->awaiting) awaiting.push_back(referral_row(ctx, line));
    c["awaiting"] = awaiting;
    c["has_awaiting"] = !awaiting.empty();
    c["may_configure"] = view->may_configure;
    c["may_monitor"] = view->may_monitor;
    c["pid"] = pid;
    Render(ctx, "panel", c);
  });

  auto member_action = [this](Ctx& ctx, bool active) {
    auto s = app::SetPanelMemberActive(
        services_, ctx.actor, domain::PanelId{ctx.PathId(1)},
        static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30)), active);
    if (!s) return Fail(ctx, s.error());
    Redirect(ctx, "/panels/" + Id(ctx.PathId(1)) + "?done=member_changed");
  };
  Route(server, "POST", "/panels/{id}/members/{key}/stand-down", Access::kSignedIn, false,
        [member_action](Ctx& ctx) { member_action(ctx, false); });
  Route(server, "POST", "/panels/{id}/members/{key}/reinstate", Access::kSignedIn, false,
        [member_action](Ctx& ctx) { member_action(ctx, true); });

  AddForm(
      server, "/panels/{id}/members", "panel_member_title", "panel_member_add",
      {"name", "role", "username", "member_setting", "organisation", "member_email"},
      [this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = app::ViewPanel(services_, ctx.actor, domain::PanelId{ctx.PathId(1)}, 0);
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_configure) {
          Fail(ctx, domain::Error::Forbidden("forbidden"));
          return false;
        }
        c["back_href"] = "/panels/" + Id(ctx.PathId(1));
        mstch::array f;
        f.push_back(TextField(false, "name", T(ctx, "panel_field_member_name"), "",
                              ctx.Param("name"), errors));
        std::vector<Choice> roles;
        for (auto r : domain::AllPanelRoles()) {
          const std::string code(domain::Code(r));
          roles.push_back({code, T(ctx, "panel_role_" + code), ""});
        }
        f.push_back(ChoiceField(false, "role", T(ctx, "panel_field_role"), "", roles,
                                {ctx.Param("role")}, errors));
        std::vector<Choice> schools{{"", T(ctx, "idp_place_none"), ""}};
        for (const auto& [id, name] : view->settings) schools.push_back({Id(id.value()), name, ""});
        auto school = ChoiceField(false, "setting", T(ctx, "panel_field_member_setting"),
                                  T(ctx, "panel_hint_member_setting"), schools,
                                  {ctx.Param("setting")}, errors);
        if (errors.count("member_setting")) school["error"] = errors.at("member_setting");
        f.push_back(school);
        f.push_back(TextField(false, "organisation", T(ctx, "panel_field_organisation"), "",
                              ctx.Param("organisation"), errors));
        auto email = TextField(false, "email", T(ctx, "panel_field_email"),
                               T(ctx, "panel_hint_email"), ctx.Param("email"), errors);
        if (errors.count("member_email")) email["error"] = errors.at("member_email");
        f.push_back(email);
        f.push_back(TextField(false, "username", T(ctx, "panel_field_username"),
                              T(ctx, "panel_hint_username"), ctx.Param("username"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto key =
            app::AddPanelMember(services_, ctx.actor, domain::PanelId{ctx.PathId(1)}, FormOf(ctx));
        if (!key) return key.error();
        return "/panels/" + Id(ctx.PathId(1)) + "?done=member_added";
      });

  auto configure_guard = [this](Ctx& ctx, mstch::map& c) {
    auto view = app::ViewPanel(services_, ctx.actor, domain::PanelId{ctx.PathId(1)}, 0);
    if (!view) {
      Fail(ctx, view.error());
      return false;
    }
    if (!view->may_configure) {
      Fail(ctx, domain::Error::Forbidden("forbidden"));
      return false;
    }
    c["back_href"] = "/panels/" + Id(ctx.PathId(1));
    c["caption"] = ctx.lang == Lang::kCy ? view->panel.name_cy : view->panel.name_en;
    return true;
  };
  AddForm(
      server, "/panels/{id}/schedule", "panel_schedule_title", "panel_schedule_button",
      {"first", "last", "time", "location"},
      [this, configure_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!configure_guard(ctx, c)) return false;
        c["intro"] = mstch::array{T(ctx, "panel_schedule_intro")};
        mstch::array f;
        f.push_back(DateField(ctx, "first", "panel_field_first", "hint_date", errors));
        f.push_back(DateField(ctx, "last", "panel_field_last", "hint_date", errors));
        f.push_back(TextField(false, "time", T(ctx, "panel_field_time"), T(ctx, "panel_hint_time"),
                              ctx.Param("time"), errors, "govuk-input--width-5"));
        f.push_back(TextField(false, "location", T(ctx, "panel_field_location"), "",
                              ctx.Param("location"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto n = app::GeneratePanelSchedule(services_, ctx.actor, domain::PanelId{ctx.PathId(1)},
                                            FormOf(ctx));
        if (!n) return n.error();
        return "/panels/" + Id(ctx.PathId(1)) + "?done=scheduled";
      });

  auto agreement_fields = [this](Ctx& ctx, mstch::array& f, const mstch::map& errors) {
    f.push_back(HeadingField(T(ctx, "panel_agreement_heading"), T(ctx, "panel_agreement_hint")));
    f.push_back(TextField(false, "lead_officer", T(ctx, "panel_field_lead_officer"), "",
                          ctx.Param("lead_officer"), errors));
    f.push_back(DateField(ctx, "agreed_on", "panel_field_agreed_on", "hint_date", errors));
    f.push_back(TextField(true, "agreement_reason", T(ctx, "panel_field_agreement_reason"), "",
                          ctx.Param("agreement_reason"), errors));
  };
  AddForm(
      server, "/panels/{id}/meetings", "panel_meeting_new_title", "panel_meeting_add",
      {"date", "time", "location", "lead_officer", "agreed_on", "agreement_reason"},
      [this, configure_guard, agreement_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!configure_guard(ctx, c)) return false;
        mstch::array f;
        f.push_back(DateField(ctx, "date", "panel_field_date", "hint_date", errors));
        f.push_back(TextField(false, "time", T(ctx, "panel_field_time"), T(ctx, "panel_hint_time"),
                              ctx.Param("time"), errors, "govuk-input--width-5"));
        f.push_back(TextField(false, "location", T(ctx, "panel_field_location"), "",
                              ctx.Param("location"), errors));
        agreement_fields(ctx, f, errors);
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto id =
            app::AddPanelMeeting(services_, ctx.actor, domain::PanelId{ctx.PathId(1)}, FormOf(ctx));
        if (!id) return id.error();
        return "/panel-meetings/" + Id(id->value()) + "?done=meeting_added";
      });

  // ---- meetings ----
  Route(server, "GET", "/panel-meetings/{id}", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewMeeting(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const auto& m = view->meeting;
    const std::string mid = Id(m.id.value());
    auto c = Base(ctx, "panel_meeting_title");
    done_banner(ctx, c);
    c["back_href"] = "/panels/" + Id(view->panel.id.value());
    c["panel"] = panel_name(ctx, view->panel);
    c["date"] = FormatDate(ctx, m.date);
    c["time"] = m.time;
    c["location"] = m.location;
    c["mid"] = mid;
    c["state"] = T(ctx, "panel_meeting_" + std::string(domain::Code(m.state)));
    c["scheduled"] = m.state == domain::MeetingState::kScheduled;
    c["held"] = m.state == domain::MeetingState::kHeld;
    c["sitting"] = m.state == domain::MeetingState::kScheduled && m.date <= view->today;
    if (m.holiday_agreement) {
      c["holiday"] = Fill(ctx, "panel_holiday_agreed",
                          {{"name", m.holiday_agreement->lead_officer},
                           {"date", FormatDate(ctx, m.holiday_agreement->agreed_on)},
                           {"reason", m.holiday_agreement->reason}});
    }
    mstch::array changes;
    for (const auto& ch : m.changes) {
      changes.push_back(ch.to ? Fill(ctx, "panel_change_moved",
                                     {{"from", FormatDate(ctx, ch.from)},
                                      {"to", FormatDate(ctx, *ch.to)},
                                      {"reason", ch.reason}})
                              : Fill(ctx, "panel_change_cancelled", {{"reason", ch.reason}}));
    }
    c["changes"] = changes;
    // Quorum.
    c["quorate"] = view->quorum.quorate;
    std::string missing;
    for (auto r : view->quorum.missing)
      missing +=
          (missing.empty() ? "" : ", ") + T(ctx, "panel_missing_" + std::string(domain::Code(r)));
    c["quorum_text"] = view->quorum.quorate
                           ? T(ctx, "panel_quorate")
                           : Fill(ctx, "panel_not_quorate", {{"missing", missing}});
    // Attendance.
    mstch::array attendance;
    for (const auto& member : view->panel.members) {
      if (!member.active && !m.Present(member.key)) continue;
      const bool present = m.Present(member.key);
      attendance.push_back(
          mstch::map{{"name", member.name},
                     {"role", role_name(ctx, member.role)},
                     {"key", Id(member.key)},
                     {"present", present},
                     {"status", T(ctx, present ? "panel_present" : "panel_absent")},
                     {"button", T(ctx, present ? "panel_mark_left" : "panel_mark_present")},
                     {"value", std::string(present ? "no" : "yes")}});
    }
    c["attendance"] = attendance;
    mstch::array log;
    for (const auto& a : m.attendance) {
      const std::string id = std::string(a.present ? "panel_log_arrived" : "panel_log_left") +
                             (a.time.empty() ? "_untimed" : "");
      log.push_back(
          Fill(ctx, id, {{"name", member_name(ctx, view->panel, a.member)}, {"time", a.time}}));
    }
    c["log"] = log;
    // Agenda.
    mstch::array agenda;
    int n = 0;
    for (const auto& line : view->agenda) {
      auto row = referral_row(ctx, line.line);
      const std::string rid = Id(line.line.referral.id.value());
      row["number"] = Id(++n);
      mstch::array excused;
      for (const auto& e : line.item.excused) {
        excused.push_back(
            Fill(ctx, e.detected ? "panel_excused_detected" : "panel_excused_declared",
                 {{"name", member_name(ctx, view->panel, e.member)}, {"reason", e.reason}}));
      }
      row["has_excused"] = !excused.empty();
      row["excused"] = excused;
      std::string item_missing;
      for (auto r : line.quorum.missing)
        item_missing += (item_missing.empty() ? "" : ", ") +
                        T(ctx, "panel_missing_" + std::string(domain::Code(r)));
      row["item_quorum"] = line.quorum.quorate
                               ? std::string()
                               : Fill(ctx, "panel_item_not_quorate", {{"missing", item_missing}});
      if (line.item.decision) {
        row["decision"] = decision_rows(ctx, *line.item.decision, view->settings);
        row["decided"] = true;
      }
      row["decide_href"] = "/panel-meetings/" + mid + "/items/" + rid + "/decision";
      row["interest_href"] = "/panel-meetings/" + mid + "/items/" + rid + "/interest";
      row["remove_action"] = "/panel-meetings/" + mid + "/items/" + rid + "/remove";
      agenda.push_back(row);
    }
    c["agenda"] = agenda;
    c["has_agenda"] = !agenda.empty();
    mstch::array awaiting;
    for (const auto& line : view->awaiting) {
      awaiting.push_back(mstch::map{
          {"value", Id(line.referral.id.value())},
          {"text", line.learner_name + " – " +
                       T(ctx, "panel_case_" + std::string(domain::Code(line.referral.type))) +
                       " – " + due_text(ctx, line)}});
    }
    c["awaiting"] = awaiting;
    c["has_awaiting"] = !awaiting.empty();
    c["may_configure"] = view->may_configure;
    c["may_run"] = view->may_run;
    // Minutes.
    if (view->minutes_due) {
      c["minutes_due"] =
          Fill(ctx, "panel_minutes_due_" + std::string(domain::Code(view->minutes_state)),
               {{"date", FormatDate(ctx, *view->minutes_due)}});
      c["minutes_late"] = view->minutes_state == domain::ClockState::kMissed;
    }
    if (m.minutes) {
      std::string to;
      for (const auto& r : m.minutes->recipients) to += (to.empty() ? "" : "; ") + r;
      c["minutes_sent"] =
          Fill(ctx, "panel_minutes_sent",
               {{"date", FormatDate(ctx, m.minutes->distributed_on)}, {"recipients", to}});
    }
    Render(ctx, "panel_meeting", c);
  });

  Route(server, "POST", "/panel-meetings/{id}/attendance", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          auto s = app::RecordPanelAttendance(services_, ctx.actor,
                                              domain::PanelMeetingId{ctx.PathId(1)}, FormOf(ctx));
          if (!s) return Fail(ctx, s.error());
          Redirect(ctx, "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=attendance#attendance");
        });
  Route(server, "POST", "/panel-meetings/{id}/agenda", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto s = app::ListReferralOnAgenda(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)},
                                       FormOf(ctx));
    if (!s) return Fail(ctx, s.error());
    Redirect(ctx, "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=listed#agenda");
  });
  Route(server, "POST", "/panel-meetings/{id}/items/{key}/remove", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          auto s = app::UnlistReferral(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)},
                                       domain::PanelReferralId{ctx.PathId(2)});
          if (!s) return Fail(ctx, s.error());
          Redirect(ctx, "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=unlisted#agenda");
        });
  Route(server, "POST", "/panel-meetings/{id}/close", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto s = app::ClosePanelMeeting(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)});
    if (!s) return Fail(ctx, s.error());
    Redirect(ctx, "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=closed");
  });

  // The meeting a form is about (read once, for the whole page), with the back link and caption
  // and, for an item's form, the item's facts; or nullopt after answering with an error page.
  auto item_guard = [this](Ctx& ctx, mstch::map& c, bool run) -> std::optional<app::MeetingView> {
    auto view = app::ViewMeeting(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)});
    if (!view) {
      Fail(ctx, view.error());
      return std::nullopt;
    }
    if (run ? !view->may_run : !view->may_configure) {
      Fail(ctx, domain::Error::Forbidden("forbidden"));
      return std::nullopt;
    }
    c["back_href"] = "/panel-meetings/" + Id(ctx.PathId(1));
    c["caption"] = FormatDate(ctx, view->meeting.date);
    if (ctx.Path(2).empty()) return std::optional<app::MeetingView>(std::move(*view));
    for (const auto& line : view->agenda) {
      if (line.line.referral.id.value() != ctx.PathId(2)) continue;
      c["caption"] = line.line.learner_name + " – " + FormatDate(ctx, view->meeting.date);
      mstch::array rows{
          mstch::map{{"key", T(ctx, "panel_field_type")},
                     {"value",
                      T(ctx, "panel_case_" + std::string(domain::Code(line.line.referral.type)))}},
          mstch::map{{"key", T(ctx, "panel_field_summary")},
                     {"value", line.line.referral.summary}}};
      c["rows"] = rows;
      c["has_facts"] = true;
      return std::optional<app::MeetingView>(std::move(*view));
    }
    Fail(ctx, domain::Error::NotFound("panel_error_referral_not_found"));
    return std::nullopt;
  };
  auto member_choices = [this, role_name](Ctx& ctx, const app::MeetingView& view) {
    std::vector<Choice> out;
    for (const auto& m : view.panel.members)
      if (m.active) out.push_back({Id(m.key), m.name + " (" + role_name(ctx, m.role) + ")", ""});
    return out;
  };
  AddForm(
      server, "/panel-meetings/{id}/items/{key}/decision", "panel_decision_title",
      "panel_decision_button",
      {"outcome", "agreed", "placement", "setting", "hours_per_week", "places", "annual_cost",
       "reasons"},
      [this, item_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = item_guard(ctx, c, true);
        if (!view) return false;
        mstch::array f;
        std::vector<Choice> outcomes;
        for (auto o : domain::AllPanelOutcomes()) {
          const std::string code(domain::Code(o));
          outcomes.push_back({code, T(ctx, "panel_outcome_" + code), ""});
        }
        f.push_back(ChoiceField(false, "outcome", T(ctx, "panel_field_outcome"), "", outcomes,
                                {ctx.Param("outcome")}, errors));
        f.push_back(TextField(true, "agreed", T(ctx, "panel_field_agreed"),
                              T(ctx, "panel_hint_agreed"), ctx.Param("agreed"), errors));
        std::vector<Choice> placements;
        for (auto p : domain::AllPlacements()) {
          const std::string code(domain::Code(p));
          placements.push_back({code, T(ctx, "placement_" + code), ""});
        }
        f.push_back(ChoiceField(false, "placement", T(ctx, "panel_field_placement"), "", placements,
                                {ctx.Param("placement")}, errors));
        std::vector<Choice> setting_choices{{"", T(ctx, "idp_place_none"), ""}};
        for (const auto& [id, name] : view->settings)
          setting_choices.push_back({Id(id.value()), name, ""});
        f.push_back(ChoiceField(false, "setting", T(ctx, "panel_field_setting"),
                                T(ctx, "panel_hint_setting"), setting_choices,
                                {ctx.Param("setting")}, errors));
        f.push_back(TextField(false, "hours_per_week", T(ctx, "panel_field_hours"),
                              T(ctx, "panel_hint_hours"), ctx.Param("hours_per_week"), errors,
                              "govuk-input--width-4"));
        f.push_back(TextField(false, "places", T(ctx, "panel_field_places"), "",
                              ctx.Param("places"), errors, "govuk-input--width-2"));
        f.push_back(TextField(false, "annual_cost", T(ctx, "panel_field_cost"),
                              T(ctx, "panel_hint_cost"), ctx.Param("annual_cost"), errors,
                              "govuk-input--width-10"));
        f.push_back(TextField(true, "reasons", T(ctx, "panel_field_reasons"),
                              T(ctx, "panel_hint_reasons"), ctx.Param("reasons"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto s = app::DecidePanelItem(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)},
                                      domain::PanelReferralId{ctx.PathId(2)}, FormOf(ctx));
        if (!s) return s.error();
        return "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=decided#agenda";
      });
  AddForm(
      server, "/panel-meetings/{id}/items/{key}/interest", "panel_interest_title",
      "panel_interest_button", {"member", "reason"},
      [this, item_guard, member_choices](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = item_guard(ctx, c, true);
        if (!view) return false;
        mstch::array f;
        f.push_back(ChoiceField(false, "member", T(ctx, "panel_field_member"), "",
                                member_choices(ctx, *view), {ctx.Param("member")}, errors));
        f.push_back(TextField(true, "reason", T(ctx, "panel_field_interest"),
                              T(ctx, "panel_hint_interest"), ctx.Param("reason"), errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto s =
            app::DeclarePanelInterest(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)},
                                      domain::PanelReferralId{ctx.PathId(2)}, FormOf(ctx));
        if (!s) return s.error();
        return "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=excused#agenda";
      });
  AddForm(
      server, "/panel-meetings/{id}/minutes", "panel_minutes_title", "panel_minutes_button",
      {"distributed_on", "recipients", "other_recipients"},
      [this, item_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = item_guard(ctx, c, true);
        if (!view) return false;
        mstch::array links;
        for (const char* lang : {"en", "cy"}) {
          links.push_back(mstch::map{
              {"href", "/panel-meetings/" + Id(ctx.PathId(1)) + "/minutes.pdf?lang=" + lang},
              {"text", T(ctx, std::string("panel_minutes_pdf_") + lang)}});
        }
        c["links"] = links;
        if (view->minutes_due) {
          c["intro"] = mstch::array{
              Fill(ctx, "panel_minutes_intro", {{"date", FormatDate(ctx, *view->minutes_due)}})};
        }
        mstch::array f;
        f.push_back(
            DateField(ctx, "distributed_on", "panel_field_distributed_on", "hint_date", errors));
        std::vector<Choice> people;
        std::vector<std::string> chosen = Params(ctx, "recipients");
        for (const auto& m : view->panel.members) {
          if (!m.active) continue;
          people.push_back({Id(m.key), m.name + (m.email.empty() ? "" : " <" + m.email + ">"), ""});
          if (ctx.req.method == "GET") chosen.push_back(Id(m.key));
        }
        f.push_back(ChoiceField(true, "recipients", T(ctx, "panel_field_recipients"), "", people,
                                chosen, errors));
        f.push_back(TextField(true, "other_recipients", T(ctx, "panel_field_other_recipients"),
                              T(ctx, "panel_hint_other_recipients"), ctx.Param("other_recipients"),
                              errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto s = app::DistributePanelMinutes(services_, ctx.actor,
                                             domain::PanelMeetingId{ctx.PathId(1)}, FormOf(ctx));
        if (!s) return s.error();
        return "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=minutes";
      });
  Route(server, "GET", "/panel-meetings/{id}/minutes.pdf", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          auto view =
              app::PanelMinutes(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)});
          if (!view) return Fail(ctx, view.error());
          const std::string lang_param = ctx.Param("lang");
          const Lang lang = lang_param == "cy"   ? Lang::kCy
                            : lang_param == "en" ? Lang::kEn
                                                 : ctx.lang;
          auto pdf = PanelMinutesPdf(lang, *view);
          if (!pdf) return Fail(ctx, pdf.error());
          ctx.res.set_header("Content-Disposition", "inline; filename=\"panel-minutes-" +
                                                        Id(ctx.PathId(1)) + "-" +
                                                        std::string(Code(lang)) + ".pdf\"");
          ctx.res.set_content(*pdf, "application/pdf");
        });
  AddForm(
      server, "/panel-meetings/{id}/move", "panel_move_title", "panel_move_button",
      {"date", "reason", "lead_officer", "agreed_on", "agreement_reason"},
      [this, item_guard, agreement_fields](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!item_guard(ctx, c, false)) return false;
        mstch::array f;
        f.push_back(DateField(ctx, "date", "panel_field_new_date", "hint_date", errors));
        f.push_back(TextField(true, "reason", T(ctx, "panel_field_change_reason"), "",
                              ctx.Param("reason"), errors));
        agreement_fields(ctx, f, errors);
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto s = app::MovePanelMeeting(services_, ctx.actor, domain::PanelMeetingId{ctx.PathId(1)},
                                       FormOf(ctx));
        if (!s) return s.error();
        return "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=moved";
      });
  AddForm(
      server, "/panel-meetings/{id}/cancel", "panel_cancel_title", "panel_cancel_button",
      {"reason"},
      [this, item_guard](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        if (!item_guard(ctx, c, false)) return false;
        c["fields"] = mstch::array{TextField(true, "reason", T(ctx, "panel_field_change_reason"),
                                             "", ctx.Param("reason"), errors)};
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto s = app::CancelPanelMeeting(services_, ctx.actor,
                                         domain::PanelMeetingId{ctx.PathId(1)}, FormOf(ctx));
        if (!s) return s.error();
        return "/panel-meetings/" + Id(ctx.PathId(1)) + "?done=cancelled";
      });

  // ---- referrals ----
  AddForm(
      server, "/learners/{id}/panel-referrals", "panel_refer_title", "panel_refer_button",
      {"panel", "type", "area", "summary", "aln_case", "idp", "setting", "referred_on"},
      [this, panel_name](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = app::ReferralForm(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        c["back_href"] = "/learners/" + Id(ctx.PathId(1));
        c["caption"] = view->learner.DisplayName();
        mstch::array f;
        std::vector<Choice> panels;
        for (const auto& p : view->panels)
          panels.push_back({Id(p.id.value()), panel_name(ctx, p), ""});
        std::string chosen = ctx.Param("panel");
        if (chosen.empty() && view->suggested) chosen = Id(view->suggested->value());
        f.push_back(
            ChoiceField(false, "panel", T(ctx, "panel_field_panel"), "", panels, {chosen}, errors));
        std::vector<Choice> types;
        for (auto t : domain::AllPanelCaseTypes()) {
          const std::string code(domain::Code(t));
          types.push_back({code, T(ctx, "panel_case_" + code), ""});
        }
        f.push_back(ChoiceField(false, "type", T(ctx, "panel_field_type"), "", types,
                                {ctx.Param("type")}, errors));
        std::vector<Choice> areas{{"", T(ctx, "idp_place_none"), ""}};
        for (auto a : domain::AllAreasOfNeed()) {
          const std::string code(domain::Code(a));
          areas.push_back({code, T(ctx, "area_" + code), ""});
        }
        f.push_back(ChoiceField(false, "area", T(ctx, "panel_field_area"), "", areas,
                                {ctx.Param("area")}, errors));
        f.push_back(TextField(true, "summary", T(ctx, "panel_field_summary"),
                              T(ctx, "panel_hint_summary"), ctx.Param("summary"), errors));
        std::vector<Choice> cases{{"", T(ctx, "idp_place_none"), ""}};
        for (const auto& k : view->cases)
          cases.push_back(
              {Id(k.id.value()),
               Fill(ctx, "panel_case_choice",
                    {{"id", Id(k.id.value())}, {"date", FormatDate(ctx, k.concern.brought_on)}}),
               ""});
        f.push_back(ChoiceField(false, "aln_case", T(ctx, "panel_field_aln_case"),
                                T(ctx, "panel_hint_aln_case"), cases, {ctx.Param("aln_case")},
                                errors));
        f.push_back(DateField(ctx, "referred_on", "panel_field_referred_on",
                              "panel_hint_referred_on", errors));
        c["fields"] = f;
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto id =
            app::ReferToPanel(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, FormOf(ctx));
        if (!id) return id.error();
        return "/panel-referrals/" + Id(id->value()) + "?done=referred";
      });

  Route(server, "GET", "/panel-referrals/{id}", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto view = app::ViewReferral(services_, ctx.actor, domain::PanelReferralId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const auto& r = view->line.referral;
    const std::string rid = Id(r.id.value());
    auto c = Base(ctx, "panel_referral_title");
    done_banner(ctx, c);
    c["back_href"] = "/learners/" + Id(r.learner.value());
    c["learner"] = view->line.learner_name;
    mstch::array rows;
    auto row = [&](const std::string& key, const std::string& value) {
      if (!value.empty()) rows.push_back(mstch::map{{"key", T(ctx, key)}, {"value", value}});
    };
    row("panel_field_panel", panel_name(ctx, view->panel));
    row("panel_field_type", T(ctx, "panel_case_" + std::string(domain::Code(r.type))));
    if (r.area) row("panel_field_area", T(ctx, "area_" + std::string(domain::Code(*r.area))));
    row("panel_field_school", view->line.setting_name);
    row("panel_field_summary", r.summary);
    row("panel_field_referred_on", FormatDate(ctx, r.referred_on));
    row("panel_field_due", due_text(ctx, view->line));
    row("panel_field_state", T(ctx, "panel_referral_" + std::string(domain::Code(r.state))));
    if (view->meeting) row("panel_field_meeting", FormatDate(ctx, view->meeting->date));
    row("panel_field_withdrawn", r.withdrawn_reason);
    c["rows"] = rows;
    if (view->line.clock) c["clock"] = ClockRow(ctx, *view->line.clock);
    if (view->meeting) c["meeting_href"] = "/panel-meetings/" + Id(view->meeting->id.value());
    if (r.aln_case) c["case_href"] = "/cases/" + Id(r.aln_case->value());
    mstch::array decisions;
    for (const auto& d : r.decisions)
      decisions.push_back(mstch::map{{"rows", decision_rows(ctx, d, {})}});
    c["decisions"] = decisions;
    mstch::array papers;
    for (const auto& p : view->papers)
      papers.push_back(
          mstch::map{{"href", "/panel-referrals/" + rid + "/papers/" + Id(p.id.value())},
                     {"name", p.filename}});
    c["papers"] = papers;
    c["has_papers"] = !papers.empty();
    c["may_refer"] = view->may_refer && (r.state == domain::ReferralState::kAwaiting ||
                                         r.state == domain::ReferralState::kListed);
    c["may_withdraw"] = view->may_refer && r.state == domain::ReferralState::kAwaiting;
    c["rid"] = rid;
    Render(ctx, "panel_referral", c);
  });
  Route(server, "POST", "/panel-referrals/{id}/papers", Access::kSignedIn, false, [this](Ctx& ctx) {
    app::UploadedFile file;
    if (ctx.req.is_multipart_form_data()) {
      for (const auto& [key, part] : ctx.req.files) {
        if (key != "paper" || part.filename.empty()) continue;
        file.filename = part.filename;
        file.content_type = part.content_type;
        file.bytes = part.content;
      }
    }
    auto id =
        app::AddReferralPaper(services_, ctx.actor, domain::PanelReferralId{ctx.PathId(1)}, file);
    if (!id) return Fail(ctx, id.error());
    Redirect(ctx, "/panel-referrals/" + Id(ctx.PathId(1)) + "?done=paper_added");
  });
  Route(server, "GET", "/panel-referrals/{id}/papers/{doc}", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          auto paper =
              app::GetReferralPaper(services_, ctx.actor, domain::PanelReferralId{ctx.PathId(1)},
                                    domain::PanelPaperId{ctx.PathId(2)});
          if (!paper) return Fail(ctx, paper.error());
          ctx.res.set_header("Content-Disposition",
                             "attachment; filename=\"" + paper->filename + "\"");
          ctx.res.set_content(paper->bytes, paper->content_type);
        });
  AddForm(
      server, "/panel-referrals/{id}/withdraw", "panel_withdraw_title", "panel_withdraw_button",
      {"withdrawn_reason"},
      [this](Ctx& ctx, mstch::map& c, const mstch::map& errors) {
        auto view = app::ViewReferral(services_, ctx.actor, domain::PanelReferralId{ctx.PathId(1)});
        if (!view) {
          Fail(ctx, view.error());
          return false;
        }
        if (!view->may_refer) {
          Fail(ctx, domain::Error::Forbidden("forbidden"));
          return false;
        }
        c["back_href"] = "/panel-referrals/" + Id(ctx.PathId(1));
        c["caption"] = view->line.learner_name;
        c["fields"] =
            mstch::array{TextField(true, "withdrawn_reason", T(ctx, "panel_field_withdrawn"), "",
                                   ctx.Param("withdrawn_reason"), errors)};
        return true;
      },
      [this](Ctx& ctx) -> domain::Result<std::string> {
        auto s = app::WithdrawReferral(services_, ctx.actor, domain::PanelReferralId{ctx.PathId(1)},
                                       FormOf(ctx));
        if (!s) return s.error();
        return "/panel-referrals/" + Id(ctx.PathId(1)) + "?done=withdrawn";
      });

  // ---- monitoring ----
  auto monitoring_request = [](Ctx& ctx, const Date today) {
    app::MonitoringRequest request;
    const int year = domain::AcademicYearOf(today);
    request.from =
        domain::ParseIsoDate(ctx.Param("from")).value_or(domain::AcademicYearStart(year));
    request.to = domain::ParseIsoDate(ctx.Param("to")).value_or(domain::AcademicYearEnd(year));
    if (auto id = domain::ParsePositiveId(ctx.Param("panel"))) request.panel = domain::PanelId{*id};
    return request;
  };
  Route(server, "GET", "/panel-monitoring", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto result = app::PanelMonitoring(services_, ctx.actor,
                                       monitoring_request(ctx, services_.clock.Today()));
    if (!result) return Fail(ctx, result.error());
    const auto& m = *result;
    auto c = Base(ctx, "panel_monitoring_title");
    c["from"] = domain::FormatIsoDate(m.request.from);
    c["to"] = domain::FormatIsoDate(m.request.to);
    c["period"] =
        Fill(ctx, "panel_monitoring_period",
             {{"from", FormatDate(ctx, m.request.from)}, {"to", FormatDate(ctx, m.request.to)}});
    mstch::array panels{mstch::map{{"value", std::string()},
                                   {"text", T(ctx, "panel_monitoring_all")},
                                   {"selected", !m.request.panel}}};
    for (const auto& p : m.panels)
      panels.push_back(mstch::map{{"value", Id(p.id.value())},
                                  {"text", panel_name(ctx, p)},
                                  {"selected", m.request.panel && *m.request.panel == p.id}});
    c["panels"] = panels;
    c["decisions"] = Id(m.decisions);
    std::string q = "?from=" + domain::FormatIsoDate(m.request.from) +
                    "&to=" + domain::FormatIsoDate(m.request.to) +
                    (m.request.panel ? "&panel=" + Id(m.request.panel->value()) : "");
    c["csv_base"] = "/panel-monitoring.csv" + q + "&table=";
    // Timescales.
    c["timescales"] = mstch::array{
        mstch::map{{"label", T(ctx, "panel_timescales_met")}, {"value", Id(m.timescales_met)}},
        mstch::map{{"label", T(ctx, "panel_timescales_missed")},
                   {"value", Id(m.timescales_missed)}},
        mstch::map{{"label", T(ctx, "panel_timescales_waived")},
                   {"value", Id(m.timescales_waived)}},
        mstch::map{{"label", T(ctx, "panel_timescales_none")}, {"value", Id(m.timescales_none)}},
        mstch::map{{"label", T(ctx, "panel_minutes_met")}, {"value", Id(m.minutes_met)}},
        mstch::map{{"label", T(ctx, "panel_minutes_missed")}, {"value", Id(m.minutes_missed)}},
        mstch::map{{"label", T(ctx, "panel_minutes_running")}, {"value", Id(m.minutes_running)}}};
    c["timescale_chart"] = BarChart(T(ctx, "panel_chart_timescales"),
                                    {{T(ctx, "panel_timescales_met"), m.timescales_met},
                                     {T(ctx, "panel_timescales_missed"), m.timescales_missed},
                                     {T(ctx, "panel_timescales_waived"), m.timescales_waived}},
                                    "");
    // Consistency.
    auto table = [&](const std::vector<app::OutcomeCounts>& rows, const std::string& prefix,
                     const std::string& chart_title) {
      mstch::array out;
      std::vector<std::pair<std::string, double>> bars;
      for (const auto& r : rows) {
        const std::string label = r.label.empty() ? T(ctx, prefix + r.key) : r.label;
        out.push_back(mstch::map{{"label", label},
                                 {"agreed", Id(r.agreed)},
                                 {"not_agreed", Id(r.not_agreed)},
                                 {"deferred", Id(r.deferred)},
                                 {"rate", Id(r.AgreementRate()) + "%"}});
        bars.emplace_back(label, r.AgreementRate());
      }
      return mstch::map{{"rows", out},
                        {"has_rows", !out.empty()},
                        {"chart", bars.empty() ? std::string() : BarChart(chart_title, bars, "%")}};
    };
    c["by_type"] = table(m.by_type, "panel_case_", T(ctx, "panel_chart_by_type"));
    c["by_area"] = table(m.by_area, "area_", T(ctx, "panel_chart_by_area"));
    c["by_school"] = table(m.by_school, "", T(ctx, "panel_chart_by_school"));
    // Resources.
    mstch::array resources;
    std::vector<std::pair<std::string, double>> per_hundred;
    for (const auto& r : m.resources) {
      const double hours = r.hours_tenths / 10.0;
      const double rate = r.roll > 0 ? hours * 100.0 / r.roll : 0;
      std::ostringstream shown;
      shown.precision(1);
      shown << std::fixed << rate;
      resources.push_back(mstch::map{{"name", r.name},
                                     {"roll", Id(r.roll)},
                                     {"hours", Hours(r.hours_tenths)},
                                     {"places", Id(r.places)},
                                     {"cost", "£" + Id(r.cost_pounds)},
                                     {"per_hundred", shown.str()}});
      per_hundred.emplace_back(r.name, static_cast<double>(static_cast<int>(rate * 10)) / 10);
    }
    c["resources"] = resources;
    c["has_resources"] = !resources.empty();
    c["resources_chart"] = per_hundred.empty()
                               ? std::string()
                               : BarChart(T(ctx, "panel_chart_resources"), per_hundred, "");
    // Placements over time.
    mstch::array months;
    std::vector<std::pair<std::string, double>> month_bars;
    for (const auto& month : m.placements) {
      int total = 0;
      std::string parts;
      for (const auto& [placement, n] : month.counts) {
        total += n;
        parts += (parts.empty() ? "" : ", ") +
                 T(ctx, "placement_" + std::string(domain::Code(placement))) + ": " + Id(n);
      }
      const std::string label =
          FormatDate(ctx, Date{std::chrono::year{month.year},
                               std::chrono::month{static_cast<unsigned>(month.month)},
                               std::chrono::day{1}})
              .substr(2);
      months.push_back(mstch::map{{"month", label}, {"total", Id(total)}, {"parts", parts}});
      month_bars.emplace_back(label, total);
    }
    c["months"] = months;
    c["placements_chart"] = BarChart(T(ctx, "panel_chart_placements"), month_bars, "");
    Render(ctx, "panel_monitoring", c);
  });
  Route(server, "GET", "/panel-monitoring.csv", Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto result = app::PanelMonitoring(services_, ctx.actor,
                                       monitoring_request(ctx, services_.clock.Today()));
    if (!result) return Fail(ctx, result.error());
    const auto& m = *result;
    const std::string table = ctx.Param("table");
    std::string csv;
    auto counts = [&](const std::vector<app::OutcomeCounts>& rows, const std::string& prefix) {
      csv = "group,agreed,not_agreed,deferred,agreement_rate_percent\r\n";
      for (const auto& r : rows)
        csv += Csv(r.label.empty() ? T(ctx, prefix + r.key) : r.label) + "," + Id(r.agreed) + "," +
               Id(r.not_agreed) + "," + Id(r.deferred) + "," + Id(r.AgreementRate()) + "\r\n";
    };
    if (table == "type") {
      counts(m.by_type, "panel_case_");
    } else if (table == "area") {
      counts(m.by_area, "area_");
    } else if (table == "school") {
      counts(m.by_school, "");
    } else if (table == "resources") {
      csv = "school,roll,hours_per_week,places,annual_cost_pounds,agreed_decisions\r\n";
      for (const auto& r : m.resources)
        csv += Csv(r.name) + "," + Id(r.roll) + "," + Hours(r.hours_tenths) + "," + Id(r.places) +
               "," + Id(r.cost_pounds) + "," + Id(r.decisions) + "\r\n";
    } else if (table == "placements") {
      csv = "year,month,placement,agreed\r\n";
      for (const auto& month : m.placements)
        for (const auto& [placement, n] : month.counts)
          csv += Id(month.year) + "," + Id(month.month) + "," +
                 std::string(domain::Code(placement)) + "," + Id(n) + "\r\n";
    } else {
      csv = "measure,count\r\n";
      csv += "timescales_met," + Id(m.timescales_met) + "\r\n";
      csv += "timescales_missed," + Id(m.timescales_missed) + "\r\n";
      csv += "timescales_waived," + Id(m.timescales_waived) + "\r\n";
      csv += "timescales_none," + Id(m.timescales_none) + "\r\n";
      csv += "minutes_met," + Id(m.minutes_met) + "\r\n";
      csv += "minutes_missed," + Id(m.minutes_missed) + "\r\n";
      csv += "minutes_running," + Id(m.minutes_running) + "\r\n";
    }
    ctx.res.set_header(
        "Content-Disposition",
        "attachment; filename=\"panel-monitoring-" +
            (table.empty() || table.size() > 20 ? std::string("timescales") : table) + ".csv\"");
    ctx.res.set_content(csv, "text/csv; charset=utf-8");
  });
}

}  // namespace cynnal::http
