#include <charconv>
#include <nlohmann/json.hpp>

#include "app/learners.h"
#include "app/settings_and_admin.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using nlohmann::json;

json DateJson(domain::Date d) { return domain::FormatIsoDate(d); }

json LearnerJson(const domain::Learner& l, domain::Date today) {
  json regs = json::array();
  for (const auto& r : l.registrations) {
    regs.push_back({{"setting_id", r.setting.value()},
                    {"start", DateJson(r.start)},
                    {"end", r.end ? json(DateJson(*r.end)) : json(nullptr)},
                    {"current", r.ActiveOn(today)}});
  }
  json family = json::array();
  for (const auto& f : l.family) {
    family.push_back({{"family_member_id", f.member.value()},
                      {"relationship", f.relationship},
                      {"parental_responsibility", f.parental_responsibility}});
  }
  return {{"id", l.id.value()},
          {"version", l.version},
          {"legal_first_name", l.legal_first_name},
          {"legal_last_name", l.legal_last_name},
          {"preferred_name", l.preferred_name},
          {"display_name", l.DisplayName()},
          {"date_of_birth", DateJson(l.date_of_birth)},
          {"upn", l.upn.str()},
          {"year_group", domain::YearGroupOn(l.date_of_birth, today)},
          {"compulsory_school_age", domain::OfCompulsorySchoolAge(l.date_of_birth, today)},
          {"home_language", l.home_language},
          {"letter_language", std::string(domain::Code(l.letter_language))},
          {"welsh_medium", l.welsh_medium},
          {"looked_after", l.looked_after},
          {"looked_after_by", l.looked_after_by ? json(l.looked_after_by->value()) : json(nullptr)},
          {"electively_home_educated", l.electively_home_educated},
          {"dually_registered", l.DuallyRegisteredOn(today)},
          {"registrations", regs},
          {"family", family}};
}

json SettingJson(const domain::Setting& s) {
  json bases = json::array();
  for (const auto& b : s.resource_bases)
    bases.push_back({{"name", b.name}, {"area_of_need", b.area_of_need}, {"places", b.places}});
  return {{"id", s.id.value()},
          {"name", s.name},
          {"establishment_number", s.establishment_number},
          {"type", std::string(domain::Code(s.type))},
          {"language_medium", std::string(domain::Code(s.language_medium))},
          {"resource_bases", bases}};
}

// Reads the JSON learner fields into form-shaped input; wrong types become field errors.
void ReadLearnerJson(const json& body, domain::LearnerInput& in, app::RegistrationInput* reg,
                     std::map<std::string, std::string>& type_errors) {
  auto str = [&](const char* key, std::string& out) {
    if (!body.contains(key) || body[key].is_null()) return;
    if (body[key].is_string())
      out = body[key].get<std::string>();
    else
      type_errors[key] = "api_error_expected_string";
  };
  auto boolean = [&](const char* key, bool& out) {
    if (!body.contains(key) || body[key].is_null()) return;
    if (body[key].is_boolean())
      out = body[key].get<bool>();
    else
      type_errors[key] = "api_error_expected_boolean";
  };
  auto date = [&](const json& obj, const char* key, const char* field, std::string& d,
                  std::string& m, std::string& y) {
    if (!obj.contains(key) || obj[key].is_null()) return;
    if (!obj[key].is_string()) {
      type_errors[field] = "api_error_expected_date";
      return;
    }
    auto parsed = domain::ParseIsoDate(obj[key].get<std::string>());
    if (!parsed) {
      type_errors[field] = "api_error_expected_date";
      return;
    }
    d = std::to_string(static_cast<unsigned>(parsed->day()));
    m = std::to_string(static_cast<unsigned>(parsed->month()));
    y = std::to_string(static_cast<int>(parsed->year()));
  };
  str("legal_first_name", in.legal_first_name);
  str("legal_last_name", in.legal_last_name);
  str("preferred_name", in.preferred_name);
  date(body, "date_of_birth", "dob", in.dob_day, in.dob_month, in.dob_year);
  str("upn", in.upn);
  str("home_language", in.home_language);
  str("letter_language", in.letter_language);
  boolean("welsh_medium", in.welsh_medium);
  boolean("looked_after", in.looked_after);
  boolean("electively_home_educated", in.electively_home_educated);
  if (body.contains("looked_after_by") && !body["looked_after_by"].is_null()) {
    if (body["looked_after_by"].is_number_integer())
      in.looked_after_by = std::to_string(body["looked_after_by"].get<long long>());
    else
      type_errors["looked_after_by"] = "api_error_expected_integer";
  }
  if (reg) {
    if (!body.contains("registration") || !body["registration"].is_object()) {
      type_errors["registration_setting"] = "registration_error_setting";
      return;
    }
    const json& r = body["registration"];
    if (r.contains("setting_id") && r["setting_id"].is_number_integer())
      reg->setting = std::to_string(r["setting_id"].get<long long>());
    date(r, "start", "registration_start", reg->start_day, reg->start_month, reg->start_year);
    date(r, "end", "registration_end", reg->end_day, reg->end_month, reg->end_year);
  }
}

}  // namespace

bool WebApp::ParseJsonObject(Ctx& ctx, json& body) {
  // Only JSON: a form on another site can send text/plain but not application/json without a
  // CORS preflight, which Cynnal never grants.
  if (ctx.req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    Problem(ctx, 415, "api_error_content_type");
    return false;
  }
  try {
    body = json::parse(ctx.req.body);
  } catch (const json::parse_error&) {
    Problem(ctx, 400, "api_error_malformed_json");
    return false;
  }
  if (!body.is_object()) {
    Problem(ctx, 400, "api_error_expected_object");
    return false;
  }
  return true;
}

void WebApp::InstallApi(httplib::Server& server) {
  auto parse_body = [this](Ctx& ctx, json& body) { return ParseJsonObject(ctx, body); };

  Route(server, "GET", "/api/v1/openapi.json", Access::kPublic, true, [this](Ctx& ctx) {
    ctx.res.set_header("Cache-Control", "public, max-age=300");
    Json(ctx, 200, openapi_);
  });

  Route(server, "POST", "/api/v1/session", Access::kPublicNoCsrf, true,
        [this, parse_body](Ctx& ctx) {
          json body;
          if (!parse_body(ctx, body)) return;
          if (!body.contains("username") || !body["username"].is_string() ||
              !body.contains("password") || !body["password"].is_string())
            return Problem(ctx, 422, "sign_in_error_credentials",
                           {{"username", "sign_in_error_credentials"}});
          auto signed_in = app::SignIn(
              services_, config_.sessions, body["username"].get<std::string>(),
              body["password"].get<std::string>(), "POST /api/v1/session", ctx.request_id);
          if (!signed_in) return Fail(ctx, signed_in.error());
          std::string cookie =
              "cynnal_session=" + signed_in->token + "; Path=/; HttpOnly; SameSite=Lax";
          if (config_.secure_cookies) cookie += "; Secure";
          ctx.res.set_header("Set-Cookie", cookie);
          Json(ctx, 201,
               json{{"csrf_token", signed_in->session.csrf_token},
                    {"user",
                     {{"username", signed_in->user.username},
                      {"display_name", signed_in->user.display_name},
                      {"role", std::string(domain::Code(signed_in->user.role))}}}}
                   .dump());
        });

  Route(server, "DELETE", "/api/v1/session", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto s = app::SignOut(services_, ctx.actor, ctx.session_token);
    if (!s) return Fail(ctx, s.error());
    ctx.res.status = 204;
  });

  Route(server, "GET", "/api/v1/learners", Access::kSignedIn, true, [this](Ctx& ctx) {
    app::LearnerListRequest request;
    request.text = ctx.Param("q");
    request.setting = ctx.Param("setting");
    request.year_group = ctx.Param("year_group");
    request.page = static_cast<int>(domain::ParsePositiveId(ctx.Param("page")).value_or(1));
    request.page_size =
        static_cast<int>(domain::ParsePositiveId(ctx.Param("page_size")).value_or(25));
    auto list = app::ListLearners(services_, ctx.actor, request);
    if (!list) return Fail(ctx, list.error());
    json items = json::array();
    for (const auto& l : list->items) items.push_back(LearnerJson(l, list->today));
    Json(ctx, 200,
         json{{"items", items},
              {"total", list->total},
              {"page", list->page},
              {"page_count", list->page_count}}
             .dump());
  });

  Route(server, "POST", "/api/v1/learners", Access::kSignedIn, true, [this, parse_body](Ctx& ctx) {
    if (!domain::MayCreateLearners(ctx.actor.user.role)) return Problem(ctx, 403, "forbidden");
    json body;
    if (!parse_body(ctx, body)) return;
    domain::LearnerInput in;
    app::RegistrationInput reg;
    std::map<std::string, std::string> type_errors;
    ReadLearnerJson(body, in, &reg, type_errors);
    if (!type_errors.empty()) return Problem(ctx, 422, "learner_error_summary", type_errors);
    auto id = app::CreateLearner(services_, ctx.actor, in, reg);
    if (!id) return Fail(ctx, id.error());
    auto record = app::ViewLearner(services_, ctx.actor, *id);
    if (!record) return Fail(ctx, record.error());
    ctx.res.set_header("Location", "/api/v1/learners/" + std::to_string(id->value()));
    Json(ctx, 201, LearnerJson(record->learner, record->today).dump());
  });

  Route(server, "GET", "/api/v1/learners/{id}", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto record = app::ViewLearner(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
    if (!record) return Fail(ctx, record.error());
    Json(ctx, 200, LearnerJson(record->learner, record->today).dump());
  });

  Route(server, "PUT", "/api/v1/learners/{id}", Access::kSignedIn, true,
        [this, parse_body](Ctx& ctx) {
          domain::LearnerId id{ctx.PathId(1)};
          if (auto s =
                  app::CheckLearnerAccess(services_, ctx.actor, id, domain::LearnerAction::kUpdate);
              !s)
            return Fail(ctx, s.error());
          json body;
          if (!parse_body(ctx, body)) return;
          if (!body.contains("version") || !body["version"].is_number_integer())
            return Problem(ctx, 422, "learner_error_summary",
                           {{"version", "api_error_version_missing"}});
          domain::LearnerInput in;
          std::map<std::string, std::string> type_errors;
          ReadLearnerJson(body, in, nullptr, type_errors);
          if (!type_errors.empty()) return Problem(ctx, 422, "learner_error_summary", type_errors);
          auto s = app::UpdateLearner(services_, ctx.actor, id, body["version"].get<int>(), in);
          if (!s) return Fail(ctx, s.error());
          auto record = app::ViewLearner(services_, ctx.actor, id);
          if (!record) return Fail(ctx, record.error());
          Json(ctx, 200, LearnerJson(record->learner, record->today).dump());
        });

  Route(server, "GET", "/api/v1/settings", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto settings = app::ListSettings(services_, ctx.actor);
    if (!settings) return Fail(ctx, settings.error());
    json items = json::array();
    for (const auto& s : *settings) items.push_back(SettingJson(s));
    Json(ctx, 200, json{{"items", items}}.dump());
  });

  Route(server, "GET", "/api/v1/settings/{id}", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto view = app::ViewSetting(services_, ctx.actor, domain::SettingId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    json counts = json::object();
    for (const auto& [yg, n] : view->learners_by_year_group) counts[std::to_string(yg)] = n;
    json out = SettingJson(view->setting);
    out["learners_by_year_group"] = counts;
    out["learners_total"] = view->learners_total;
    Json(ctx, 200, out.dump());
  });

  Route(server, "GET", "/api/v1/audit", Access::kSignedIn, true, [this](Ctx& ctx) {
    app::AuditSearch search;
    search.learner = ctx.Param("learner");
    search.username = ctx.Param("username");
    search.page = static_cast<int>(domain::ParsePositiveId(ctx.Param("page")).value_or(1));
    auto results = app::SearchAudit(services_, ctx.actor, search);
    if (!results) return Fail(ctx, results.error());
    json items = json::array();
    for (const auto& e : results->items) {
      items.push_back({{"at", domain::FormatTimestamp(e.at)},
                       {"username", e.username},
                       {"role", std::string(domain::Code(e.role))},
                       {"action", std::string(domain::Code(e.action))},
                       {"learner_id", e.learner ? json(e.learner->value()) : json(nullptr)},
                       {"route", e.route},
                       {"request_id", e.request_id},
                       {"detail", e.detail}});
    }
    Json(ctx, 200,
         json{{"items", items},
              {"total", results->total},
              {"page", results->page},
              {"page_count", results->page_count}}
             .dump());
  });
}

}  // namespace cynnal::http
