#include <charconv>

#include "app/family_contacts.h"
#include "app/learners.h"
#include "app/plans.h"
#include "app/settings_and_admin.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using domain::Error;

constexpr const char* kSessionCookie = "cynnal_session";

// Only same-site relative paths may be redirected to after sign-in or a language switch.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.rfind("//", 0) == 0 ||
      next.find('\\') != std::string::npos)
    return "/";
  // Browsers drop tabs and line breaks from URLs, so "/\t/host" would become "//host".
  for (unsigned char c : next)
    if (c < 0x20 || c == 0x7f) return "/";
  return next;
}

// A registration's place in a learner's list from a URL; -1 (no such registration) for numbers
// no learner could have.
int RegistrationIndex(const std::string& text) {
  auto value = domain::ParseWholeNumber(text);
  return value && *value < 1000 ? static_cast<int>(*value) : -1;
}

std::string Cookie(const std::string& name, const std::string& value, bool secure,
                   long max_age = -1) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  if (secure) c += "; Secure";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  return c;
}

mstch::map Row(const std::string& key, const std::string& value) {
  return mstch::map{{"key", key}, {"value", value}};
}

const std::vector<std::string> kLearnerFields{"legal_first_name",
                                              "legal_last_name",
                                              "preferred_name",
                                              "dob",
                                              "upn",
                                              "home_language",
                                              "letter_language",
                                              "welsh_medium",
                                              "looked_after",
                                              "looked_after_by",
                                              "electively_home_educated",
                                              "registration_setting",
                                              "registration_start",
                                              "registration_end"};

domain::LearnerInput LearnerInputFrom(const Ctx& ctx) {
  domain::LearnerInput in;
  in.legal_first_name = ctx.Param("legal_first_name");
  in.legal_last_name = ctx.Param("legal_last_name");
  in.preferred_name = ctx.Param("preferred_name");
  in.dob_day = ctx.Param("dob-day");
  in.dob_month = ctx.Param("dob-month");
  in.dob_year = ctx.Param("dob-year");
  in.upn = ctx.Param("upn");
  in.home_language = ctx.Param("home_language");
  in.letter_language = ctx.Param("letter_language");
  in.welsh_medium = ctx.Param("welsh_medium") == "yes";
  in.looked_after = ctx.Param("looked_after") == "yes";
  in.looked_after_by = ctx.Param("looked_after_by");
  in.electively_home_educated = ctx.Param("electively_home_educated") == "yes";
  return in;
}

app::RegistrationInput RegistrationInputFrom(const Ctx& ctx) {
  app::RegistrationInput r;
  r.setting = ctx.Param("registration_setting");
  r.start_day = ctx.Param("registration_start-day");
  r.start_month = ctx.Param("registration_start-month");
  r.start_year = ctx.Param("registration_start-year");
  r.end_day = ctx.Param("registration_end-day");
  r.end_month = ctx.Param("registration_end-month");
  r.end_year = ctx.Param("registration_end-year");
  return r;
}

// Form values for re-display: every submitted field by name, plus checkbox and radio states.
mstch::map Values(const domain::LearnerInput& in, const app::RegistrationInput* reg) {
  mstch::map v{{"legal_first_name", in.legal_first_name},
               {"legal_last_name", in.legal_last_name},
               {"preferred_name", in.preferred_name},
               {"dob_day", in.dob_day},
               {"dob_month", in.dob_month},
               {"dob_year", in.dob_year},
               {"upn", in.upn},
               {"home_language", in.home_language},
               {"letter_en", in.letter_language == "en"},
               {"letter_cy", in.letter_language == "cy"},
               {"letter_language", in.letter_language},
               {"welsh_medium", in.welsh_medium},
               {"looked_after", in.looked_after},
               {"looked_after_by", in.looked_after_by},
               {"electively_home_educated", in.electively_home_educated}};
  if (reg) {
    v["registration_setting"] = reg->setting;
    v["start_day"] = reg->start_day;
    v["start_month"] = reg->start_month;
    v["start_year"] = reg->start_year;
    v["end_day"] = reg->end_day;
    v["end_month"] = reg->end_month;
    v["end_year"] = reg->end_year;
  }
  return v;
}

}  // namespace

mstch::array WebApp::SettingOptions(Ctx& ctx, const std::string& chosen) {
  mstch::array options{mstch::map{
      {"value", std::string()}, {"label", T(ctx, "choose_setting")}, {"selected", false}}};
  if (auto settings = app::ListSettings(services_, ctx.actor)) {
    for (const auto& s : *settings) {
      std::string v = std::to_string(s.id.value());
      options.push_back(mstch::map{{"value", v}, {"label", s.name}, {"selected", v == chosen}});
    }
  }
  return options;
}

std::optional<app::LearnerRecord> WebApp::RecordForUpdate(Ctx& ctx, long long id) {
  auto record = app::ViewLearner(services_, ctx.actor, domain::LearnerId{id});
  if (!record) {
    Fail(ctx, record.error());
    return std::nullopt;
  }
  if (!record->may_update) {
    ErrorPage(ctx, 403, "forbidden");
    return std::nullopt;
  }
  return std::move(*record);
}

std::string WebApp::YearGroupName(const Ctx& ctx, int year_group) const {
  if (year_group < -1) return T(ctx, "year_group_below_nursery");
  if (year_group == -1) return T(ctx, "year_group_nursery");
  if (year_group == 0) return T(ctx, "year_group_reception");
  if (year_group > 13) return T(ctx, "year_group_beyond");
  return T(ctx, "year_group_n") + " " + std::to_string(year_group);
}

void WebApp::InstallPages(httplib::Server& server) {
  // Year group names: -1 nursery, 0 reception, 1..13.
  auto year_group_name = [this](const Ctx& ctx, int yg) { return YearGroupName(ctx, yg); };
  auto yes_no = [this](const Ctx& ctx, bool b) { return T(ctx, b ? "yes" : "no"); };

  Route(server, "GET", "/", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto summary = app::Summarise(services_, ctx.actor);
    if (!summary) return Fail(ctx, summary.error());
    auto c = Base(ctx, "home_title");
    const auto& user = ctx.session->user;
    c["welcome"] = T(ctx, "home_welcome") + " " + user.display_name;
    c["role_help"] = T(ctx, "home_help_" + std::string(domain::Code(user.role)));
    c["show_learners"] = domain::MaySeeLearnerNames(user.role);
    c["learners_visible"] = std::to_string(summary->learners_visible);
    c["show_settings"] = domain::MayListSettings(user.role);
    c["settings_visible"] = std::to_string(summary->settings_visible);
    c["may_create"] = domain::MayCreateLearners(user.role);
    c["is_admin"] = user.role == domain::Role::kLaAdministrator;
    Render(ctx, "home", c);
  });

  Route(server, "GET", "/sign-in", Access::kPublic, false, [this](Ctx& ctx) {
    if (ctx.signed_in()) return Redirect(ctx, "/");
    auto c = Base(ctx, "sign_in_title");
    std::string token = services_.tokens.NewToken();
    ctx.res.set_header("Set-Cookie", Cookie("cynnal_csrf", token, config_.secure_cookies));
    c["csrf_token"] = token;
    c["next"] = SafeNext(ctx.Param("next"));
    if (ctx.Param("expired") == "1") c["notice"] = T(ctx, "session_expired");
    Render(ctx, "sign_in", c);
  });

  Route(server, "POST", "/sign-in", Access::kPublic, false, [this](Ctx& ctx) {
    std::string username = ctx.Param("username");
    auto signed_in = app::SignIn(services_, config_.sessions, username, ctx.Param("password"),
                                 "POST /sign-in", ctx.request_id);
    if (!signed_in) {
      if (signed_in.error().code != domain::ErrorCode::kInvalidArgument)
        return Fail(ctx, signed_in.error());
      auto c = Base(ctx, "sign_in_title");
      c["csrf_token"] = ctx.Param("csrf_token");
      c["next"] = SafeNext(ctx.Param("next"));
      c["username"] = username;
      AddErrors(ctx, c, signed_in.error(), {"username"});
      return Render(ctx, "sign_in", c, 422);
    }
    ctx.res.set_header("Set-Cookie",
                       Cookie(kSessionCookie, signed_in->token, config_.secure_cookies));
    Redirect(ctx, SafeNext(ctx.Param("next")));
  });

  Route(server, "POST", "/sign-out", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto s = app::SignOut(services_, ctx.actor, ctx.session_token);
    if (!s) return Fail(ctx, s.error());
    ctx.res.set_header("Set-Cookie", Cookie(kSessionCookie, "", config_.secure_cookies, 0));
    Redirect(ctx, "/sign-in");
  });

  Route(server, "GET", "/language/{lang}", Access::kPublic, false, [this](Ctx& ctx) {
    std::string code = ctx.Path(1);
    ctx.res.set_header("Set-Cookie",
                       Cookie("cynnal_lang", code, config_.secure_cookies, 365L * 24 * 3600));
    if (ctx.signed_in()) {
      auto s = app::SetLanguage(
          services_, ctx.actor,
          code == "cy" ? domain::LetterLanguage::kWelsh : domain::LetterLanguage::kEnglish);
      if (!s) return Fail(ctx, s.error());
    }
    Redirect(ctx, SafeNext(ctx.Param("next")));
  });

  Route(server, "GET", "/learners", Access::kSignedIn, false, [this, year_group_name](Ctx& ctx) {
    app::LearnerListRequest request;
    request.text = ctx.Param("q");
    request.setting = ctx.Param("setting");
    request.year_group = ctx.Param("year_group");
    request.page = static_cast<int>(domain::ParsePositiveId(ctx.Param("page")).value_or(1));
    auto list = app::ListLearners(services_, ctx.actor, request);
    if (!list) return Fail(ctx, list.error());
    auto c = Base(ctx, "learners_title");
    c["q"] = request.text;
    mstch::array rows;
    for (const auto& l : list->items) {
      std::string settings;
      for (const auto& r : l.RegistrationsOn(list->today)) {
        auto it = list->settings.find(r.setting);
        if (it == list->settings.end()) continue;
        settings += (settings.empty() ? "" : ", ") + it->second.name;
      }
      rows.push_back(mstch::map{
          {"href", "/learners/" + std::to_string(l.id.value())},
          {"name", l.DisplayName()},
          {"upn", l.upn.str()},
          {"dob", FormatDate(ctx, l.date_of_birth)},
          {"year_group", year_group_name(ctx, domain::YearGroupOn(l.date_of_birth, list->today))},
          {"settings", settings.empty() ? T(ctx, "none") : settings}});
    }
    c["rows"] = rows;
    c["has_rows"] = !rows.empty();
    c["total"] = std::to_string(list->total);
    mstch::array setting_options{mstch::map{{"value", std::string()},
                                            {"label", T(ctx, "filter_all_settings")},
                                            {"selected", request.setting.empty()}}};
    for (const auto& [id, s] : list->settings) {
      if (!domain::MayAccessSetting(ctx.actor.user, domain::SettingAction::kView, s)) continue;
      std::string v = std::to_string(id.value());
      setting_options.push_back(
          mstch::map{{"value", v}, {"label", s.name}, {"selected", v == request.setting}});
    }
    c["setting_options"] = setting_options;
    mstch::array yg_options{mstch::map{{"value", std::string()},
                                       {"label", T(ctx, "filter_all_year_groups")},
                                       {"selected", request.year_group.empty()}}};
    for (int yg = -1; yg <= 14; ++yg) {
      std::string v = std::to_string(yg);
      yg_options.push_back(mstch::map{{"value", v},
                                      {"label", year_group_name(ctx, yg)},
                                      {"selected", v == request.year_group}});
    }
    c["year_group_options"] = yg_options;
    // Pagination keeps the filters.
    auto page_href = [&](int page) {
      return "/learners?q=" + httplib::detail::encode_query_param(request.text) +
             "&setting=" + httplib::detail::encode_query_param(request.setting) +
             "&year_group=" + httplib::detail::encode_query_param(request.year_group) +
             "&page=" + std::to_string(page);
    };
    if (list->page_count > 1) {
      mstch::array pages;
      for (int p = 1; p <= list->page_count; ++p) {
        if (p == 1 || p == list->page_count || std::abs(p - list->page) <= 2) {
          pages.push_back(mstch::map{
              {"number", std::to_string(p)}, {"href", page_href(p)}, {"current", p == list->page}});
        } else if (std::abs(p - list->page) == 3) {
          pages.push_back(mstch::map{{"ellipsis", true}});
        }
      }
      c["pages"] = pages;
      c["paginated"] = true;
      if (list->page > 1) c["prev_href"] = page_href(list->page - 1);
      if (list->page < list->page_count) c["next_href"] = page_href(list->page + 1);
    }
    c["may_create"] = domain::MayCreateLearners(ctx.actor.user.role);
    if (ctx.Param("ended") == "1") c["banner"] = T(ctx, "registration_ended_banner");
    Render(ctx, "learners", c);
  });

  auto learner_form = [this](Ctx& ctx, const std::string& title, const std::string& action,
                             mstch::map values, const domain::Error* error, bool with_registration,
                             int status) {
    auto c = Base(ctx, title);
    c["action"] = action;
    c["v"] = values;
    c["with_registration"] = with_registration;
    if (with_registration) {
      c["setting_options"] =
          SettingOptions(ctx, boost::get<std::string>(values["registration_setting"]));
    }
    mstch::array las;
    {
      auto uow = services_.store.Begin(app::TxMode::kRead);
      if (uow) {
        std::string chosen = boost::get<std::string>(values["looked_after_by"]);
        for (const auto& la : (*uow)->LocalAuthorities().List()) {
          std::string v = std::to_string(la.id.value());
          las.push_back(mstch::map{{"value", v},
                                   {"label", ctx.lang == Lang::kCy ? la.name_cy : la.name_en},
                                   {"selected", v == chosen}});
        }
      }
    }
    c["la_options"] = las;
    if (error) AddErrors(ctx, c, *error, kLearnerFields);
    Render(ctx, "learner_form", c, status);
  };

  Route(server, "GET", "/learners/new", Access::kSignedIn, false, [this, learner_form](Ctx& ctx) {
    if (!domain::MayCreateLearners(ctx.actor.user.role)) return ErrorPage(ctx, 403, "forbidden");
    domain::LearnerInput in;
    in.letter_language = "";
    app::RegistrationInput reg;
    learner_form(ctx, "learner_new_title", "/learners/new", Values(in, &reg), nullptr, true, 200);
  });

  Route(server, "POST", "/learners/new", Access::kSignedIn, false,
        [this, learner_form, year_group_name, yes_no](Ctx& ctx) {
          if (!domain::MayCreateLearners(ctx.actor.user.role))
            return ErrorPage(ctx, 403, "forbidden");
          auto in = LearnerInputFrom(ctx);
          auto reg = RegistrationInputFrom(ctx);
          if (ctx.Param("change") == "1")
            return learner_form(ctx, "learner_new_title", "/learners/new", Values(in, &reg),
                                nullptr, true, 200);
          auto checked = app::CheckNewLearner(services_, ctx.actor, in, reg);
          if (!checked) {
            if (checked.error().code != domain::ErrorCode::kInvalidArgument)
              return Fail(ctx, checked.error());
            return learner_form(ctx, "learner_new_title", "/learners/new", Values(in, &reg),
                                &checked.error(), true, 422);
          }
          const auto& l = *checked;
          auto c = Base(ctx, "learner_check_title");
          auto today = services_.clock.Today();
          std::string setting_name;
          if (auto settings = app::ListSettings(services_, ctx.actor)) {
            for (const auto& s : *settings)
              if (s.id == l.registrations[0].setting) setting_name = s.name;
          }
          mstch::array rows{
              Row(T(ctx, "field_legal_name"), l.legal_first_name + " " + l.legal_last_name),
              Row(T(ctx, "field_preferred_name"),
                  l.preferred_name.empty() ? T(ctx, "none") : l.preferred_name),
              Row(T(ctx, "field_dob"), FormatDate(ctx, l.date_of_birth)),
              Row(T(ctx, "field_year_group"),
                  year_group_name(ctx, domain::YearGroupOn(l.date_of_birth, today))),
              Row(T(ctx, "field_upn"), l.upn.str()),
              Row(T(ctx, "field_home_language"), l.home_language),
              Row(T(ctx, "field_letter_language"),
                  T(ctx, "language_" + std::string(domain::Code(l.letter_language)))),
              Row(T(ctx, "field_welsh_medium"), yes_no(ctx, l.welsh_medium)),
              Row(T(ctx, "field_looked_after"), yes_no(ctx, l.looked_after)),
              Row(T(ctx, "field_ehe"), yes_no(ctx, l.electively_home_educated)),
              Row(T(ctx, "field_registration_setting"), setting_name),
              Row(T(ctx, "field_registration_start"), FormatDate(ctx, l.registrations[0].start))};
          c["rows"] = rows;
          mstch::array hidden;
          for (const auto& [k, v] : ctx.req.params) {
            if (k == "csrf_token" || k == "change") continue;
            hidden.push_back(mstch::map{{"name", k}, {"value", v}});
          }
          c["hidden"] = hidden;
          Render(ctx, "learner_check", c);
        });

  Route(server, "POST", "/learners/new/confirm", Access::kSignedIn, false,
        [this, learner_form](Ctx& ctx) {
          auto in = LearnerInputFrom(ctx);
          auto reg = RegistrationInputFrom(ctx);
          auto id = app::CreateLearner(services_, ctx.actor, in, reg);
          if (!id) {
            if (id.error().code != domain::ErrorCode::kInvalidArgument)
              return Fail(ctx, id.error());
            return learner_form(ctx, "learner_new_title", "/learners/new", Values(in, &reg),
                                &id.error(), true, 422);
          }
          Redirect(ctx, "/learners/" + std::to_string(id->value()) + "?created=1");
        });

  Route(
      server, "GET", "/learners/{id}", Access::kSignedIn, false,
      [this, year_group_name, yes_no](Ctx& ctx) {
        auto record = app::ViewLearner(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
        if (!record) return Fail(ctx, record.error());
        const auto& l = record->learner;
        auto c = Base(ctx, "learner_title");
        c["title"] = l.DisplayName();
        c["name"] = l.DisplayName();
        c["id"] = std::to_string(l.id.value());
        c["may_update"] = record->may_update;
        if (ctx.Param("created") == "1") c["banner"] = T(ctx, "learner_created");
        if (ctx.Param("saved") == "1") c["banner"] = T(ctx, "learner_saved");
        mstch::array clocks;
        if (auto summaries = app::LearnerClocks(services_, ctx.actor, l.id)) {
          for (const auto& s : *summaries) clocks.push_back(ClockRow(ctx, s));
        }
        c["has_clocks"] = !clocks.empty();
        c["clocks"] = clocks;
        mstch::array cases;
        if (auto found = app::LearnerCases(services_, ctx.actor, l.id)) {
          for (const auto& k : *found) {
            const std::string stage(domain::Code(k.stage));
            cases.push_back(mstch::map{
                {"case_id", std::to_string(k.id.value())},
                {"opened", FormatDate(ctx, k.concern.brought_on)},
                {"source", T(ctx, "source_" + std::string(domain::Code(k.concern.source)))},
                {"stage", T(ctx, "case_stage_" + stage)},
                {"stage_colour", CaseStageColour(k.stage)},
                {"stage_code", stage}});
          }
        }
        c["cases"] = cases;
        c["has_cases"] = !cases.empty();
        c["may_raise"] = domain::MayAccessCase(ctx.actor.user, domain::CaseAction::kRaise, l,
                                               services_.clock.Today());
        // Referrals to the LA's ALN panels (issue 6).
        if (auto referrals = app::LearnerReferrals(services_, ctx.actor, l.id)) {
          mstch::array rows;
          for (const auto& line : *referrals) {
            const auto& r = line.referral;
            rows.push_back(mstch::map{
                {"href", "/panel-referrals/" + std::to_string(r.id.value())},
                {"text", T(ctx, "panel_case_" + std::string(domain::Code(r.type)))},
                {"date", FormatDate(ctx, r.referred_on)},
                {"status", T(ctx, "panel_referral_" + std::string(domain::Code(r.state)))}});
          }
          c["referrals"] = rows;
          c["has_referrals"] = !rows.empty();
        }
        {
          const auto role = ctx.actor.user.role;
          c["may_refer"] = role == domain::Role::kLaAdministrator ||
                           role == domain::Role::kLaOfficer ||
                           (role == domain::Role::kAlnco &&
                            domain::MayAccessLearner(ctx.actor.user, domain::LearnerAction::kUpdate,
                                                     l, services_.clock.Today()));
        }
        // Sessions delivered against the plan's ALP and the school's provision map (issue 7).
        {
          mstch::array short_lines;
          const auto lines = app::LearnerDeliveryLines(services_, ctx.actor, l.id);
          for (const auto& line : lines)
            if (line.total.Shortfall() > 0)
              short_lines.push_back(
                  mstch::map{{"title", line.title},
                             {"text", Fill(ctx, "delivery_short_of",
                                           {{"delivered", std::to_string(line.total.delivered)},
                                            {"promised", std::to_string(line.total.promised)}})}});
          c["has_delivery"] = !lines.empty();
          c["delivery_short"] = short_lines;
          c["has_delivery_short"] = !short_lines.empty();
        }
        // Contacts with the family (issue 7).
        if (auto contacts = app::CountFamilyContacts(services_, ctx.actor, l.id)) {
          c["show_contacts"] = true;
          c["contacts_text"] = contacts->last ? Fill(ctx, "learner_contacts_summary",
                                                     {{"count", std::to_string(contacts->contacts)},
                                                      {"date", FormatDate(ctx, *contacts->last)}})
                                              : T(ctx, "family_contacts_none");
          c["contacts_overdue"] = contacts->overdue > 0;
          c["contacts_overdue_text"] = Fill(ctx, "family_contacts_overdue_warning",
                                            {{"count", std::to_string(contacts->overdue)}});
        }
        // Plans, One Page Profiles and the legacy SEN record (issue 5).
        if (auto plans = app::ListLearnerPlans(services_, ctx.actor, l.id)) {
          mstch::array rows;
          bool open_plan = false;
          for (const auto& p : plans->plans) {
            const std::string status(domain::Code(p.Status()));
            open_plan = open_plan || p.Status() != domain::IdpStatus::kCeased;
            std::string body;
            if (p.body != domain::DecidingBody::kLocalAuthority && p.setting &&
                record->settings.count(*p.setting)) {
              body = record->settings.at(*p.setting).name;
            } else if (record->local_authorities.count(p.maintaining_la)) {
              const auto& la = record->local_authorities.at(p.maintaining_la);
              body = ctx.lang == Lang::kCy ? la.name_cy : la.name_en;
            }
            rows.push_back(mstch::map{
                {"href", "/idps/" + std::to_string(p.id.value())},
                {"text", T(ctx, "idp_title")},
                {"detail", Fill(ctx, "idp_maintained_by_" + std::string(domain::Code(p.body)),
                                {{"body", body}})},
                {"status", T(ctx, "idp_status_" + status)},
                {"status_code", status}});
          }
          for (const auto& p : plans->profiles) {
            rows.push_back(mstch::map{
                {"href", "/profiles/" + std::to_string(p.id.value())},
                {"text", T(ctx, "profile_title")},
                {"detail", T(ctx, "support_level_" + std::string(domain::Code(p.level)))},
                {"status", T(ctx, p.closed ? "profile_closed" : "profile_open")},
                {"status_code", std::string(p.closed ? "closed" : "open")}});
          }
          c["plans"] = rows;
          c["has_plans"] = !rows.empty();
          c["may_start_plan"] = plans->may_start_plan && !open_plan;
          c["may_add_profile"] = plans->may_edit_profiles && !open_plan;
          c["may_see_legacy"] = domain::MayAccessPlan(
              ctx.actor.user, domain::PlanAction::kViewDraft, l, services_.clock.Today());
          if (plans->legacy && plans->legacy->status != domain::LegacySenStatus::kNone) {
            c["legacy_status"] = Fill(
                ctx, "legacy_summary",
                {{"status",
                  T(ctx, "legacy_status_" + std::string(domain::Code(plans->legacy->status)))}});
          }
        }
        auto la_name = [&](domain::LocalAuthorityId id) {
          auto it = record->local_authorities.find(id);
          if (it == record->local_authorities.end()) return std::string();
          return ctx.lang == Lang::kCy ? it->second.name_cy : it->second.name_en;
        };
        int yg = domain::YearGroupOn(l.date_of_birth, record->today);
        mstch::array details{
            Row(T(ctx, "field_legal_name"), l.legal_first_name + " " + l.legal_last_name),
            Row(T(ctx, "field_preferred_name"),
                l.preferred_name.empty() ? T(ctx, "none") : l.preferred_name),
            Row(T(ctx, "field_dob"), FormatDate(ctx, l.date_of_birth)),
            Row(T(ctx, "field_upn"),
                l.upn.str() + (l.upn.temporary() ? " (" + T(ctx, "upn_temporary") + ")" : "")),
            Row(T(ctx, "field_year_group"), year_group_name(ctx, yg)),
            Row(T(ctx, "field_compulsory_school_age"),
                yes_no(ctx, domain::OfCompulsorySchoolAge(l.date_of_birth, record->today))),
            Row(T(ctx, "field_home_language"), l.home_language),
            Row(T(ctx, "field_letter_language"),
                T(ctx, "language_" + std::string(domain::Code(l.letter_language)))),
            Row(T(ctx, "field_welsh_medium"), yes_no(ctx, l.welsh_medium)),
            Row(T(ctx, "field_local_authority"), la_name(l.local_authority))};
        c["details"] = details;
        mstch::array flags;
        if (l.looked_after)
          flags.push_back(mstch::map{
              {"text", T(ctx, "flag_looked_after") +
                           (l.looked_after_by ? " (" + la_name(*l.looked_after_by) + ")" : "")},
              {"colour", std::string("govuk-tag--purple")}});
        if (l.electively_home_educated)
          flags.push_back(mstch::map{{"text", T(ctx, "flag_ehe")},
                                     {"colour", std::string("govuk-tag--yellow")}});
        if (l.DuallyRegisteredOn(record->today))
          flags.push_back(mstch::map{{"text", T(ctx, "flag_dual")},
                                     {"colour", std::string("govuk-tag--orange")}});
        if (l.welsh_medium)
          flags.push_back(mstch::map{{"text", T(ctx, "flag_welsh_medium")},
                                     {"colour", std::string("govuk-tag--green")}});
        for (const auto& b : record->referrals)
          flags.push_back(mstch::map{{"text", T(ctx, "flag_referred") + " " +
                                                  (ctx.lang == Lang::kCy ? b.name_cy : b.name_en)},
                                     {"colour", std::string("govuk-tag--blue")}});
        c["flags"] = flags;
        c["has_flags"] = !flags.empty();
        mstch::array regs;
        for (const auto& r : l.registrations) {
          auto it = record->settings.find(r.setting);
          std::string end_href = "/learners/" + std::to_string(l.id.value()) + "/registrations/" +
                                 std::to_string(regs.size()) + "/end";
          regs.push_back(mstch::map{
              {"end_href", end_href},
              {"setting", it == record->settings.end() ? std::string("?") : it->second.name},
              {"start", FormatDate(ctx, r.start)},
              {"end", r.end ? FormatDate(ctx, *r.end) : T(ctx, "registration_open")},
              {"status", T(ctx, r.ActiveOn(record->today)
                                    ? "registration_current"
                                    : (r.start > record->today ? "registration_future"
                                                               : "registration_ended"))}});
        }
        c["registrations"] = regs;
        c["has_registrations"] = !regs.empty();
        mstch::array family;
        for (const auto& link : l.family) {
          auto it = record->family.find(link.member);
          if (it == record->family.end()) continue;
          const auto& m = it->second;
          mstch::array rows{
              Row(T(ctx, "field_relationship"), T(ctx, "relationship_" + link.relationship)),
              Row(T(ctx, "field_parental_responsibility"),
                  yes_no(ctx, link.parental_responsibility))};
          if (!m.phone.empty()) rows.push_back(Row(T(ctx, "field_phone"), m.phone));
          if (!m.email.empty()) rows.push_back(Row(T(ctx, "field_email"), m.email));
          if (!m.address.empty()) rows.push_back(Row(T(ctx, "field_address"), m.address));
          rows.push_back(
              Row(T(ctx, "field_preferred_language"),
                  T(ctx, "language_" + std::string(domain::Code(m.preferred_language)))));
          family.push_back(mstch::map{{"name", m.full_name}, {"rows", rows}});
        }
        c["family"] = family;
        c["has_family"] = !family.empty();
        Render(ctx, "learner", c);
      });

  auto edit_form = [this, learner_form](Ctx& ctx, long long id, const domain::LearnerInput& in,
                                        int version, const domain::Error* error, int status,
                                        mstch::array conflict_rows = {}) {
    auto v = Values(in, nullptr);
    v["version"] = std::to_string(version);
    v["has_conflict"] = !conflict_rows.empty();
    v["conflict_rows"] = conflict_rows;
    v["registration_setting"] = std::string();
    learner_form(ctx, "learner_edit_title", "/learners/" + std::to_string(id) + "/edit", v, error,
                 false, status);
  };

  Route(
      server, "GET", "/learners/{id}/edit", Access::kSignedIn, false, [this, edit_form](Ctx& ctx) {
        auto id = ctx.PathId(1);
        auto record = RecordForUpdate(ctx, id);
        if (!record) return;
        edit_form(ctx, id, app::InputFrom(record->learner), record->learner.version, nullptr, 200);
      });

  Route(
      server, "POST", "/learners/{id}/edit", Access::kSignedIn, false, [this, edit_form](Ctx& ctx) {
        auto id = ctx.PathId(1);
        auto in = LearnerInputFrom(ctx);
        int version = static_cast<int>(domain::ParseWholeNumber(ctx.Param("version")).value_or(-1));
        auto s = app::UpdateLearner(services_, ctx.actor, domain::LearnerId{id}, version, in);
        if (!s) {
          if (s.error().code == domain::ErrorCode::kInvalidArgument)
            return edit_form(ctx, id, in, version, &s.error(), 422);
          if (s.error().code == domain::ErrorCode::kConflict) {
            // Show what the other person saved beside what this person typed, and take the
            // current version, so that saving again is a deliberate choice to keep theirs.
            auto current = app::ViewLearner(services_, ctx.actor, domain::LearnerId{id});
            if (!current) return Fail(ctx, current.error());
            auto stored = app::InputFrom(current->learner);
            mstch::array rows;
            auto differs = [&](const std::string& label_id, const std::string& mine,
                               const std::string& theirs) {
              if (mine != theirs)
                rows.push_back(mstch::map{{"key", T(ctx, label_id)},
                                          {"value", theirs.empty() ? T(ctx, "none") : theirs}});
            };
            differs("field_legal_first_name", in.legal_first_name, stored.legal_first_name);
            differs("field_legal_last_name", in.legal_last_name, stored.legal_last_name);
            differs("field_preferred_name", in.preferred_name, stored.preferred_name);
            differs("field_dob", in.dob_day + "/" + in.dob_month + "/" + in.dob_year,
                    stored.dob_day + "/" + stored.dob_month + "/" + stored.dob_year);
            differs("field_upn", in.upn, stored.upn);
            differs("field_home_language", in.home_language, stored.home_language);
            differs("field_letter_language", in.letter_language, stored.letter_language);
            differs("field_welsh_medium", T(ctx, in.welsh_medium ? "yes" : "no"),
                    T(ctx, stored.welsh_medium ? "yes" : "no"));
            differs("field_looked_after", T(ctx, in.looked_after ? "yes" : "no"),
                    T(ctx, stored.looked_after ? "yes" : "no"));
            differs("field_ehe", T(ctx, in.electively_home_educated ? "yes" : "no"),
                    T(ctx, stored.electively_home_educated ? "yes" : "no"));
            if (rows.empty())
              rows.push_back(
                  mstch::map{{"key", T(ctx, "learner_details")}, {"value", T(ctx, "none")}});
            Error conflict = Error::Conflict("learner_error_conflict",
                                             {{"legal_first_name", "learner_error_conflict"}});
            return edit_form(ctx, id, in, current->learner.version, &conflict, 409, rows);
          }
          return Fail(ctx, s.error());
        }
        Redirect(ctx, "/learners/" + std::to_string(id) + "?saved=1");
      });

  auto registration_form = [this](Ctx& ctx, long long id, const app::RegistrationInput& reg,
                                  const domain::Error* error, int status) {
    auto c = Base(ctx, "registration_new_title");
    c["action"] = "/learners/" + std::to_string(id) + "/registrations/new";
    c["back"] = "/learners/" + std::to_string(id);
    domain::LearnerInput none;
    c["v"] = Values(none, &reg);
    c["setting_options"] = SettingOptions(ctx, reg.setting);
    if (error)
      AddErrors(ctx, c, *error, {"registration_setting", "registration_start", "registration_end"});
    Render(ctx, "registration_form", c, status);
  };

  Route(server, "GET", "/learners/{id}/registrations/new", Access::kSignedIn, false,
        [this, registration_form](Ctx& ctx) {
          auto id = ctx.PathId(1);
          auto record = RecordForUpdate(ctx, id);
          if (!record) return;
          registration_form(ctx, id, {}, nullptr, 200);
        });

  Route(server, "POST", "/learners/{id}/registrations/new", Access::kSignedIn, false,
        [this, registration_form](Ctx& ctx) {
          auto id = ctx.PathId(1);
          auto reg = RegistrationInputFrom(ctx);
          auto s = app::AddRegistration(services_, ctx.actor, domain::LearnerId{id}, reg);
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument ||
                s.error().code == domain::ErrorCode::kConflict)
              return registration_form(ctx, id, reg, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/learners/" + std::to_string(id) + "?saved=1");
        });

  auto end_form = [this](Ctx& ctx, long long id, int index, const std::string& setting_name,
                         const app::RegistrationInput& reg, const domain::Error* error,
                         int status) {
    auto c = Base(ctx, "registration_end_title");
    c["action"] =
        "/learners/" + std::to_string(id) + "/registrations/" + std::to_string(index) + "/end";
    c["back"] = "/learners/" + std::to_string(id);
    c["setting"] = setting_name;
    domain::LearnerInput none;
    c["v"] = Values(none, &reg);
    if (error) AddErrors(ctx, c, *error, {"registration_end"});
    Render(ctx, "registration_end", c, status);
  };

  // The setting name of registration `index` of a learner the actor may update, or the error.
  auto registration_setting = [this](Ctx& ctx, long long id,
                                     int index) -> std::optional<std::string> {
    auto record = RecordForUpdate(ctx, id);
    if (!record) return std::nullopt;
    if (index < 0 || index >= static_cast<int>(record->learner.registrations.size())) {
      ErrorPage(ctx, 404, "registration_error_not_found");
      return std::nullopt;
    }
    auto it = record->settings.find(
        record->learner.registrations[static_cast<std::size_t>(index)].setting);
    return it == record->settings.end() ? std::string() : it->second.name;
  };

  Route(server, "GET", "/learners/{id}/registrations/{index}/end", Access::kSignedIn, false,
        [end_form, registration_setting](Ctx& ctx) {
          auto id = ctx.PathId(1);
          int index = RegistrationIndex(ctx.Path(2));
          auto name = registration_setting(ctx, id, index);
          if (!name) return;
          end_form(ctx, id, index, *name, {}, nullptr, 200);
        });

  Route(server, "POST", "/learners/{id}/registrations/{index}/end", Access::kSignedIn, false,
        [this, end_form](Ctx& ctx) {
          auto id = ctx.PathId(1);
          int index = RegistrationIndex(ctx.Path(2));
          auto reg = RegistrationInputFrom(ctx);
          auto s = app::EndRegistration(services_, ctx.actor, domain::LearnerId{id}, index,
                                        reg.end_day, reg.end_month, reg.end_year);
          if (!s) {
            if (s.error().code != domain::ErrorCode::kInvalidArgument) return Fail(ctx, s.error());
            return end_form(ctx, id, index, ctx.Param("setting_name"), reg, &s.error(), 422);
          }
          // A school that ends its own registration may no longer see the learner.
          bool still_visible = app::CheckLearnerAccess(services_, ctx.actor, domain::LearnerId{id},
                                                       domain::LearnerAction::kView)
                                   .has_value();
          Redirect(ctx, still_visible ? "/learners/" + std::to_string(id) + "?saved=1"
                                      : std::string("/learners?ended=1"));
        });

  auto family_form = [this](Ctx& ctx, long long id, const domain::FamilyMemberInput& in,
                            const domain::Error* error, int status) {
    auto c = Base(ctx, "family_new_title");
    c["action"] = "/learners/" + std::to_string(id) + "/family/new";
    c["back"] = "/learners/" + std::to_string(id);
    c["v"] = mstch::map{{"full_name", in.full_name},
                        {"phone", in.phone},
                        {"email", in.email},
                        {"address", in.address},
                        {"pr", in.parental_responsibility},
                        {"lang_en", in.preferred_language == "en"},
                        {"lang_cy", in.preferred_language == "cy"}};
    mstch::array rels{mstch::map{
        {"value", std::string()}, {"label", T(ctx, "choose_relationship")}, {"selected", false}}};
    for (const auto& r : domain::FamilyRelationships())
      rels.push_back(mstch::map{{"value", r},
                                {"label", T(ctx, "relationship_" + r)},
                                {"selected", r == in.relationship}});
    c["relationship_options"] = rels;
    if (error)
      AddErrors(ctx, c, *error,
                {"full_name", "relationship", "parental_responsibility", "phone", "email",
                 "address", "preferred_language"});
    Render(ctx, "family_form", c, status);
  };

  Route(server, "GET", "/learners/{id}/family/new", Access::kSignedIn, false,
        [this, family_form](Ctx& ctx) {
          auto id = ctx.PathId(1);
          auto record = RecordForUpdate(ctx, id);
          if (!record) return;
          family_form(ctx, id, {}, nullptr, 200);
        });

  Route(server, "POST", "/learners/{id}/family/new", Access::kSignedIn, false,
        [this, family_form](Ctx& ctx) {
          auto id = ctx.PathId(1);
          domain::FamilyMemberInput in;
          in.full_name = ctx.Param("full_name");
          in.relationship = ctx.Param("relationship");
          in.parental_responsibility = ctx.Param("parental_responsibility") == "yes";
          in.phone = ctx.Param("phone");
          in.email = ctx.Param("email");
          in.address = ctx.Param("address");
          in.preferred_language = ctx.Param("preferred_language");
          auto s = app::AddFamilyMember(services_, ctx.actor, domain::LearnerId{id}, in);
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return family_form(ctx, id, in, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/learners/" + std::to_string(id) + "?saved=1");
        });

  Route(server, "GET", "/settings", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto settings = app::ListSettings(services_, ctx.actor);
    if (!settings) return Fail(ctx, settings.error());
    auto c = Base(ctx, "settings_title");
    mstch::array rows;
    for (const auto& s : *settings) {
      rows.push_back(
          mstch::map{{"href", "/settings/" + std::to_string(s.id.value())},
                     {"name", s.name},
                     {"number", s.establishment_number},
                     {"type", T(ctx, "setting_type_" + std::string(domain::Code(s.type)))},
                     {"medium", T(ctx, "medium_" + std::string(domain::Code(s.language_medium)))}});
    }
    c["rows"] = rows;
    Render(ctx, "settings", c);
  });

  Route(server, "GET", "/settings/{id}", Access::kSignedIn, false,
        [this, year_group_name](Ctx& ctx) {
          auto view = app::ViewSetting(services_, ctx.actor, domain::SettingId{ctx.PathId(1)});
          if (!view) return Fail(ctx, view.error());
          const auto& s = view->setting;
          auto c = Base(ctx, "setting_title");
          c["title"] = s.name;
          c["name"] = s.name;
          mstch::array details{
              Row(T(ctx, "field_establishment_number"),
                  std::to_string(view->local_authority.la_number) + "/" + s.establishment_number),
              Row(T(ctx, "field_setting_type"),
                  T(ctx, "setting_type_" + std::string(domain::Code(s.type)))),
              Row(T(ctx, "field_language_medium"),
                  T(ctx, "medium_" + std::string(domain::Code(s.language_medium)))),
              Row(T(ctx, "field_local_authority"), ctx.lang == Lang::kCy
                                                       ? view->local_authority.name_cy
                                                       : view->local_authority.name_en)};
          c["details"] = details;
          mstch::array bases;
          for (const auto& b : s.resource_bases)
            bases.push_back(mstch::map{
                {"name", b.name}, {"need", b.area_of_need}, {"places", std::to_string(b.places)}});
          c["bases"] = bases;
          c["has_bases"] = !bases.empty();
          mstch::array counts;
          for (const auto& [yg, n] : view->learners_by_year_group)
            counts.push_back(
                mstch::map{{"year_group", year_group_name(ctx, yg)}, {"count", std::to_string(n)}});
          c["counts"] = counts;
          c["total"] = std::to_string(view->learners_total);
          c["learners_href"] = "/learners?setting=" + std::to_string(s.id.value());
          c["show_learners_link"] = domain::MaySeeLearnerNames(ctx.actor.user.role);
          c["id"] = std::to_string(s.id.value());
          c["show_due_link"] = domain::MaySeeSettingDueList(ctx.actor.user, s);
          // The school's provision map, ALN register and delivery (issue 7).
          c["show_provision_links"] =
              domain::MayAccessProvision(ctx.actor.user, domain::ProvisionAction::kViewCounts, s);
          c["show_delivery_link"] =
              domain::MayAccessProvision(ctx.actor.user, domain::ProvisionAction::kView, s);
          Render(ctx, "setting", c);
        });

  Route(server, "GET", "/admin/users", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto users = app::ListUsers(services_, ctx.actor);
    if (!users) return Fail(ctx, users.error());
    auto c = Base(ctx, "users_title");
    mstch::array rows;
    for (const auto& u : *users) {
      rows.push_back(mstch::map{
          {"username", u.username},
          {"name", u.display_name},
          {"role", T(ctx, "role_" + std::string(domain::Code(u.role)))},
          {"disabled", u.disabled},
          {"disable_action", "/admin/users/" + std::to_string(u.id.value()) + "/disable"},
          {"self", u.id == ctx.actor.user.id}});
    }
    c["rows"] = rows;
    if (ctx.Param("added") == "1") c["banner"] = T(ctx, "user_added");
    if (ctx.Param("disabled") == "1") c["banner"] = T(ctx, "user_disabled");
    Render(ctx, "users", c);
  });

  auto user_form = [this](Ctx& ctx, mstch::map values, const domain::Error* error, int status) {
    auto c = Base(ctx, "user_new_title");
    std::string role = boost::get<std::string>(values["role"]);
    mstch::array roles;
    for (auto r : domain::AllRoles()) {
      std::string code(domain::Code(r));
      roles.push_back(mstch::map{
          {"value", code}, {"label", T(ctx, "role_" + code)}, {"checked", code == role}});
    }
    c["role_options"] = roles;
    c["setting_options"] = SettingOptions(ctx, boost::get<std::string>(values["setting"]));
    c["v"] = values;
    if (error)
      AddErrors(ctx, c, *error,
                {"username", "display_name", "role", "settings", "password", "family_member",
                 "learner", "health_board"});
    Render(ctx, "user_form", c, status);
  };

  Route(server, "GET", "/admin/users/new", Access::kSignedIn, false, [this, user_form](Ctx& ctx) {
    if (!domain::MayAdminister(ctx.actor.user, domain::AdminAction::kManageUsers,
                               ctx.actor.user.local_authority))
      return ErrorPage(ctx, 403, "forbidden");
    user_form(ctx,
              mstch::map{{"username", std::string()},
                         {"display_name", std::string()},
                         {"role", std::string()},
                         {"setting", std::string()}},
              nullptr, 200);
  });

  Route(server, "POST", "/admin/users/new", Access::kSignedIn, false, [this, user_form](Ctx& ctx) {
    if (!domain::MayAdminister(ctx.actor.user, domain::AdminAction::kManageUsers,
                               ctx.actor.user.local_authority))
      return ErrorPage(ctx, 403, "forbidden");
    domain::User user;
    user.username = ctx.Param("username");
    user.display_name = ctx.Param("display_name");
    auto role = domain::RoleFromCode(ctx.Param("role"));
    user.local_authority = ctx.actor.user.local_authority;
    if (auto id = domain::ParsePositiveId(ctx.Param("setting")); id && *id > 0)
      user.settings.push_back(domain::SettingId{*id});
    mstch::map values{{"username", user.username},
                      {"display_name", user.display_name},
                      {"role", ctx.Param("role")},
                      {"setting", ctx.Param("setting")}};
    bool cli_only =
        role && (*role == domain::Role::kParent || *role == domain::Role::kYoungPerson ||
                 *role == domain::Role::kHealthBoardOfficer);
    if (!role || cli_only) {
      // Report the role together with every other problem of the form.
      user.role = domain::Role::kLaOfficer;
      Error e = Error::InvalidArgument("user_error_summary", {});
      if (auto s = domain::CheckUserScope(user); !s) e.fields = s.error().fields;
      if (auto s = app::CheckPassword(ctx.Param("password")); !s)
        e.fields.insert(s.error().fields.begin(), s.error().fields.end());
      e.fields["role"] = cli_only ? "role_error_cli_only" : "role_error_missing";
      return user_form(ctx, values, &e, 422);
    }
    user.role = *role;
    auto id = app::AddUser(services_, ctx.actor, user, ctx.Param("password"));
    if (!id) {
      if (id.error().code == domain::ErrorCode::kInvalidArgument ||
          id.error().code == domain::ErrorCode::kConflict) {
        Error e = id.error();
        if (e.code == domain::ErrorCode::kConflict)
          e.fields = {{"username", "username_error_taken"}};
        return user_form(ctx, values, &e, 422);
      }
      return Fail(ctx, id.error());
    }
    Redirect(ctx, "/admin/users?added=1");
  });

  Route(server, "POST", "/admin/users/{id}/disable", Access::kSignedIn, false, [this](Ctx& ctx) {
    if (!domain::MayAdminister(ctx.actor.user, domain::AdminAction::kManageUsers,
                               ctx.actor.user.local_authority))
      return ErrorPage(ctx, 403, "forbidden");
    std::optional<domain::User> target;
    {
      auto uow = services_.store.Begin(app::TxMode::kRead);
      if (!uow) return Fail(ctx, uow.error());
      target = (*uow)->Users().Get(domain::UserId{ctx.PathId(1)});
    }
    if (!target) return ErrorPage(ctx, 404, "user_error_not_found");
    if (target->id == ctx.actor.user.id) return ErrorPage(ctx, 409, "user_error_disable_self");
    auto s = app::DisableUser(services_, ctx.actor, target->username);
    if (!s) return Fail(ctx, s.error());
    Redirect(ctx, "/admin/users?disabled=1");
  });

  Route(server, "GET", "/admin/audit", Access::kSignedIn, false, [this](Ctx& ctx) {
    app::AuditSearch search;
    search.learner = ctx.Param("learner");
    search.username = ctx.Param("username");
    search.page = static_cast<int>(domain::ParsePositiveId(ctx.Param("page")).value_or(1));
    auto c = Base(ctx, "audit_title");
    c["learner"] = search.learner;
    c["username"] = search.username;
    auto results = app::SearchAudit(services_, ctx.actor, search);
    if (!results) {
      if (results.error().code != domain::ErrorCode::kInvalidArgument)
        return Fail(ctx, results.error());
      AddErrors(ctx, c, results.error(), {"learner"});
      return Render(ctx, "audit", c, 422);
    }
    mstch::array rows;
    for (const auto& e : results->items) {
      rows.push_back(
          mstch::map{{"at", domain::FormatTimestamp(e.at)},
                     {"username", e.username},
                     {"role", T(ctx, "role_" + std::string(domain::Code(e.role)))},
                     {"action", T(ctx, "audit_action_" + std::string(domain::Code(e.action)))},
                     {"learner", e.learner ? std::to_string(e.learner->value()) : std::string()},
                     {"learner_href", e.learner ? "/learners/" + std::to_string(e.learner->value())
                                                : std::string()},
                     {"route", e.route},
                     {"request_id", e.request_id},
                     {"detail", e.detail}});
    }
    c["rows"] = rows;
    c["has_rows"] = !rows.empty();
    c["total"] = std::to_string(results->total);
    c["has_pages"] = results->page_count > 1;
    if (results->page > 1)
      c["prev_href"] =
          "/admin/audit?learner=" + httplib::detail::encode_query_param(search.learner) +
          "&username=" + httplib::detail::encode_query_param(search.username) +
          "&page=" + std::to_string(results->page - 1);
    if (results->page < results->page_count)
      c["next_href"] =
          "/admin/audit?learner=" + httplib::detail::encode_query_param(search.learner) +
          "&username=" + httplib::detail::encode_query_param(search.username) +
          "&page=" + std::to_string(results->page + 1);
    Render(ctx, "audit", c);
  });
}

}  // namespace cynnal::http
