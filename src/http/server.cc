#include "http/server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/text.h"
#include "http/error_response.h"

namespace cynnal::http {
namespace {

constexpr const char* kSessionCookie = "cynnal_session";
constexpr const char* kLangCookie = "cynnal_lang";
constexpr const char* kAnonCsrfCookie = "cynnal_csrf";

std::string NextRequestId() {
  static std::atomic<unsigned long long> counter{0};
  static const unsigned long long start =
      static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count());
  char buf[32];
  std::snprintf(buf, sizeof buf, "%06llx-%llu", (start >> 8) & 0xffffff, ++counter);
  return buf;
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    auto b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

std::string ToRegex(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, close - i - 1);
      out += name == "lang" ? "(en|cy)" : "(\\d{1,18})";
      i = close;
    } else if (pattern[i] == '.') {
      out += "\\.";
    } else {
      out += pattern[i];
    }
  }
  return out;
}

// The language of a request before its session is known: the switch's cookie, else the
// browser's first choice.
Lang RequestLanguage(const httplib::Request& req) {
  std::string cookie = CookieValue(req, kLangCookie);
  if (!cookie.empty()) return cookie == "cy" ? Lang::kCy : Lang::kEn;
  return req.get_header_value("Accept-Language").rfind("cy", 0) == 0 ? Lang::kCy : Lang::kEn;
}

// The page language of a signed-in user's own choice.
Lang LangOf(const domain::User& user) {
  return user.language == domain::LetterLanguage::kWelsh ? Lang::kCy : Lang::kEn;
}

bool SafeMethod(const std::string& m) { return m == "GET" || m == "HEAD"; }

}  // namespace

std::string Ctx::Param(const std::string& name) const {
  if (req.has_param(name)) return req.get_param_value(name);
  // A multipart form (a file upload) carries its other fields as parts without a file name.
  if (req.is_multipart_form_data() && req.has_file(name)) {
    const auto file = req.get_file_value(name);
    if (file.filename.empty()) return file.content;
  }
  return "";
}

std::string Ctx::Path(std::size_t index) const {
  if (index < req.matches.size()) return req.matches[index].str();
  return "";
}

long long Ctx::PathId(std::size_t index) const {
  return domain::ParsePositiveId(Path(index)).value_or(0);
}

WebApp::WebApp(app::Services services, std::shared_ptr<const Catalog> catalog,
               std::shared_ptr<const Templates> templates, ServerConfig config)
    : services_(services),
      catalog_(std::move(catalog)),
      templates_(std::move(templates)),
      config_(std::move(config)) {
  std::ifstream in(config_.root + "/web/openapi.json", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  openapi_ = ss.str();
}

void WebApp::Route(httplib::Server& server, const std::string& method, const std::string& pattern,
                   Access access, bool api, Handler handler) {
  routes_.push_back({method, pattern, api});
  auto wrapped = [this, method, access, api, handler](const httplib::Request& req,
                                                      httplib::Response& res) {
    Ctx ctx(req, res);
    ctx.api = api;
    ctx.request_id = NextRequestId();
    res.set_header("X-Request-Id", ctx.request_id);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                   "frame-ancestors 'none'; form-action 'self'");
    ctx.lang = RequestLanguage(req);
    try {
      std::string token = CookieValue(req, kSessionCookie);
      if (!token.empty()) {
        auto session = app::ResumeSession(services_, config_.sessions, token);
        if (session) {
          ctx.session = *session;
          ctx.session_token = token;
          ctx.lang = LangOf(session->user);
        } else if (session.error().code == domain::ErrorCode::kUnavailable) {
          Fail(ctx, session.error());
          return;
        } else if (access == Access::kSignedIn && !api) {
          // The session has ended (idle, too old, signed out elsewhere): say so on sign-in.
          res.set_header("Set-Cookie",
                         std::string(kSessionCookie) + "=; Path=/; HttpOnly; Max-Age=0");
          Redirect(ctx, "/sign-in?expired=1&next=" + httplib::detail::encode_query_param(req.path));
          return;
        }
      }
      if (ctx.session) ctx.actor.user = ctx.session->user;
      ctx.actor.route = method + " " + req.path;
      ctx.actor.request_id = ctx.request_id;
      if (access == Access::kSignedIn && !ctx.signed_in()) {
        if (api) {
          Problem(ctx, 401, "sign_in_required");
        } else {
          std::string next = req.path;
          Redirect(ctx, "/sign-in?next=" + httplib::detail::encode_query_param(next));
        }
        return;
      }
      if (!SafeMethod(method) && access != Access::kPublicNoCsrf && !CheckCsrf(ctx)) {
        if (api) {
          Problem(ctx, 403, "csrf_error");
        } else {
          ErrorPage(ctx, 403, "csrf_error");
        }
        return;
      }
      handler(ctx);
    } catch (const std::exception& e) {
      spdlog::error("request {} {} {} failed: {}", ctx.request_id, method, req.path, e.what());
      if (api) {
        Problem(ctx, 500, "error_internal");
      } else {
        ErrorPage(ctx, 500, "error_internal");
      }
    }
  };
  std::string regex = ToRegex(pattern);
  if (method == "GET")
    server.Get(regex, wrapped);
  else if (method == "POST")
    server.Post(regex, wrapped);
  else if (method == "PUT")
    server.Put(regex, wrapped);
  else if (method == "PATCH")
    server.Patch(regex, wrapped);
  else if (method == "DELETE")
    server.Delete(regex, wrapped);
}

bool WebApp::CheckCsrf(Ctx& ctx) {
  std::string given = ctx.api ? ctx.req.get_header_value("X-CSRF-Token") : ctx.Param("csrf_token");
  if (given.empty()) return false;
  if (ctx.session) return given == ctx.session->session.csrf_token;
  // Before sign-in: the double-submit cookie set with the sign-in form.
  std::string cookie = CookieValue(ctx.req, kAnonCsrfCookie);
  return !cookie.empty() && cookie == given;
}

std::string WebApp::FormatDate(const Ctx& ctx, domain::Date date) const {
  return FormatDateIn(ctx.lang, date);
}

std::string WebApp::FormatDateIn(Lang lang, domain::Date date) const {
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         catalog_->Get(lang, "month_" + std::to_string(static_cast<unsigned>(date.month()))) + " " +
         std::to_string(static_cast<int>(date.year()));
}

mstch::map WebApp::Base(Ctx& ctx, const std::string& title_id) {
  mstch::map c;
  c["lang"] = std::string(Code(ctx.lang));
  c["title"] = T(ctx, title_id);
  bool cy = ctx.lang == Lang::kCy;
  std::string next = ctx.req.path;
  if (!ctx.req.params.empty() && ctx.req.method == "GET") {
    std::string query;
    for (const auto& [k, v] : ctx.req.params) {
      query += (query.empty() ? "?" : "&") + httplib::detail::encode_query_param(k) + "=" +
               httplib::detail::encode_query_param(v);
    }
    next += query;
  }
  c["switch_href"] = std::string(cy ? "/language/en" : "/language/cy") +
                     "?next=" + httplib::detail::encode_query_param(next);
  c["switch_lang"] = std::string(cy ? "en" : "cy");
  c["switch_label"] = std::string(cy ? "English" : "Cymraeg");
  c["current_lang_label"] = std::string(cy ? "Cymraeg" : "English");
  c["signed_in"] = ctx.signed_in();
  if (ctx.session) {
    const auto& user = ctx.session->user;
    c["csrf_token"] = ctx.session->session.csrf_token;
    c["user_name"] = user.display_name;
    c["user_role"] = T(ctx, "role_" + std::string(domain::Code(user.role)));
    mstch::array nav;
    auto item = [&](const std::string& href, const std::string& id) {
      bool active = ctx.req.path == href || (href != "/" && ctx.req.path.rfind(href, 0) == 0);
      nav.push_back(mstch::map{{"href", href}, {"label", T(ctx, id)}, {"active", active}});
    };
    item("/", "nav_home");
    if (domain::MaySeeLearnerNames(user.role)) item("/learners", "nav_learners");
    if (domain::MayListSettings(user.role)) item("/settings", "nav_settings");
    if (user.role == domain::Role::kLaAdministrator || user.role == domain::Role::kLaOfficer ||
        user.role == domain::Role::kAlnco)
      item("/due", "nav_due");
    if (domain::MayAccessTermDates(user, domain::CalendarAction::kView, user.local_authority))
      item("/term-dates", "nav_calendars");
    if (domain::MayActForLa(user, user.local_authority))
      item("/legacy-transition", "nav_transition");
    if (domain::MayActForLa(user, user.local_authority) || user.role == domain::Role::kPanelMember)
      item("/panels", "nav_panels");
    if (domain::MayAccessSpecialist(user, domain::SpecialistAction::kView, user.local_authority,
                                    std::nullopt))
      item("/specialist-places", "nav_specialist");
    if (domain::MayActForLa(user, user.local_authority))
      item("/provision-oversight", "nav_oversight");
    if (user.role == domain::Role::kLaAdministrator) {
      item("/admin/users", "nav_users");
      item("/admin/audit", "nav_audit");
    }
    c["nav"] = nav;
  }
  return c;
}

void WebApp::Render(Ctx& ctx, const std::string& page, mstch::map context, int status) {
  context["content"] = templates_->Render(ctx.lang, page, context);
  ctx.res.status = status;
  ctx.res.set_content(templates_->Render(ctx.lang, "layout", context), "text/html; charset=utf-8");
}

void WebApp::ErrorPage(Ctx& ctx, int status, const std::string& message_id,
                       const std::map<std::string, std::string>& fields) {
  std::string title = status == 413                                 ? "error_too_large_title"
                      : status == 400                               ? "error_bad_request_title"
                      : status == 403 && message_id == "csrf_error" ? "csrf_title"
                      : status == 403                               ? "error_forbidden_title"
                      : status == 404                               ? "error_not_found_title"
                      : status == 409                               ? "error_conflict_title"
                      : status == 503                               ? "error_unavailable_title"
                                                                    : "error_internal_title";
  auto c = Base(ctx, title);
  c["message"] = message_id == "forbidden" ? T(ctx, "error_forbidden")
                                           : Message(ctx, ctx.lang, message_id, fields);
  c["request_id"] = ctx.request_id;
  Render(ctx, "error", c, status);
}

void WebApp::Fail(Ctx& ctx, const domain::Error& error) {
  int status = HttpStatus(error.code);
  if (status >= 500) spdlog::warn("request {}: {}", ctx.request_id, error.message);
  if (ctx.api) {
    Problem(ctx, status, error.message, error.fields);
  } else {
    ErrorPage(ctx, status, error.message, error.fields);
  }
}

void WebApp::Redirect(Ctx& ctx, const std::string& to) {
  ctx.res.status = 303;
  ctx.res.set_header("Location", to);
}

void WebApp::AddErrors(Ctx& ctx, mstch::map& context, const domain::Error& error,
                       const std::vector<std::string>& field_order) {
  // The error summary links to the field's first input (GOV.UK error summary pattern): the day
  // of a date, the first radio of a group.
  auto anchor = [](const std::string& field) {
    auto ends_with = [&](std::string_view suffix) {
      return field.size() >= suffix.size() &&
             field.compare(field.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (field == "dob" || field == "new_target" || field == "day_date" || field == "date" ||
        field == "first" || field == "last" || ends_with("_start") || ends_with("_end") ||
        ends_with("_on") || field == "comply_by" || field == "outcome_by" || ends_with("_until") ||
        ends_with("_dated") || field == "since" || field.rfind("dated_", 0) == 0 ||
        field.rfind("on_", 0) == 0 || field == "on" || field == "follow_up_by")
      return "#" + field + "-day";
    if (field == "role") return "#role-" + std::string(domain::Code(domain::AllRoles().front()));
    return "#" + field;
  };
  mstch::array summary;
  mstch::map field_errors;
  auto add = [&](const std::string& field, const std::string& id) {
    if (field_errors.count(field) || IsMessageParameter(field, id)) return;
    std::string text = Message(ctx, ctx.lang, id, error.fields);
    summary.push_back(mstch::map{{"href", anchor(field)}, {"text", text}});
    field_errors[field] = text;
  };
  for (const auto& field : field_order) {
    auto it = error.fields.find(field);
    if (it != error.fields.end()) add(field, it->second);
  }
  for (const auto& [field, id] : error.fields) add(field, id);
  if (summary.empty())
    summary.push_back(mstch::map{{"href", "#main-content"},
                                 {"text", Message(ctx, ctx.lang, error.message, error.fields)}});
  context["error_summary"] = summary;
  context["has_errors"] = true;
  context["errors"] = field_errors;
  context["title"] = T(ctx, "error_prefix") + " " + boost::get<std::string>(context["title"]);
}

bool WebApp::IsMessageParameter(const std::string& key, const std::string& value) const {
  return (key == "date" || key == "line" || key == "year" || key == "items" || key == "missing") &&
         !catalog_->Has(value);
}

std::string WebApp::Message(const Ctx& ctx, Lang lang, const std::string& id,
                            const std::map<std::string, std::string>& fields) const {
  std::string text = catalog_->Get(lang, id);
  for (const auto& [key, value] : fields) {
    if (!IsMessageParameter(key, value)) continue;
    std::string shown = value;
    if (key == "missing" && !ctx.api) {
      // The roles a panel lacks for its quorum, as codes: "chair,educational_psychologist".
      shown.clear();
      for (std::size_t start = 0; start <= value.size();) {
        const auto end = value.find(',', start);
        const std::string code = value.substr(start, end == std::string::npos ? end : end - start);
        if (!shown.empty()) shown += ", ";
        shown += catalog_->Get(lang, "panel_missing_" + code);
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    if (auto date = domain::ParseIsoDate(value); date && !ctx.api) {
      Ctx shown_in(ctx.req, ctx.res);
      shown_in.lang = lang;
      shown = FormatDate(shown_in, *date);
    }
    const std::string placeholder = "{" + key + "}";
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + shown.size())) {
      text.replace(at, placeholder.size(), shown);
    }
  }
  return text;
}

void WebApp::Problem(Ctx& ctx, int status, const std::string& message_id,
                     const std::map<std::string, std::string>& fields) {
  nlohmann::json body{
      {"type", "about:blank"},    {"title", Message(ctx, Lang::kEn, message_id, fields)},
      {"status", status},         {"code", message_id},
      {"instance", ctx.req.path}, {"request_id", ctx.request_id}};
  if (ctx.lang == Lang::kCy) body["detail"] = Message(ctx, Lang::kCy, message_id, fields);
  nlohmann::json errors = nlohmann::json::array();
  nlohmann::json parameters = nlohmann::json::object();
  for (const auto& [field, id] : fields) {
    if (IsMessageParameter(field, id)) {
      parameters[field] = id;
      continue;
    }
    errors.push_back(
        {{"field", field}, {"code", id}, {"message", Message(ctx, ctx.lang, id, fields)}});
  }
  if (!errors.empty()) body["errors"] = errors;
  if (!parameters.empty()) body["parameters"] = parameters;
  ctx.res.status = status;
  ctx.res.set_content(body.dump(), "application/problem+json");
}

void WebApp::Json(Ctx& ctx, int status, const std::string& body) {
  ctx.res.status = status;
  ctx.res.set_content(body, "application/json");
}

void WebApp::Install(httplib::Server& server) {
  server.set_payload_max_length(config_.max_body_bytes);
  server.set_mount_point("/assets", config_.root + "/web/assets/dist");
  server.set_file_extension_and_mimetype_mapping("woff2", "font/woff2");
  server.set_file_extension_and_mimetype_mapping("woff", "font/woff");
  server.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  routes_.push_back({"GET", "/healthz", false});
  InstallPages(server);
  InstallApi(server);
  InstallCalendarPages(server);
  InstallClockPages(server);
  InstallCalendarApi(server);
  InstallCasePages(server);
  InstallCaseApi(server);
  InstallPlanPages(server);
  InstallPlanApi(server);
  InstallProfilePages(server);
  InstallPanelPages(server);
  InstallPanelApi(server);
  InstallProvisionPages(server);
  InstallProvisionApi(server);
  InstallSpecialistPages(server);
  InstallFamilyContactPages(server);
  // Answers only what no handler answered itself (unknown paths, bodies too large, requests the
  // HTTP parser refused); a handler's own 4xx page or problem is left as it is.
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        {
          Ctx ctx(req, res);
          ctx.lang = RequestLanguage(req);
          ctx.request_id = NextRequestId();
          // Signed in: the page keeps the person's language and navigation.
          if (std::string token = CookieValue(req, kSessionCookie); !token.empty()) {
            if (auto session = app::ResumeSession(services_, config_.sessions, token)) {
              ctx.session = *session;
              ctx.actor.user = session->user;
              ctx.lang = LangOf(session->user);
            }
          }
          ctx.api = req.path.rfind("/api/", 0) == 0;
          int status = res.status;
          std::string id = status == 413   ? "error_too_large"
                           : status == 400 ? "error_bad_request"
                                           : "error_not_found";
          if (ctx.api) {
            Problem(ctx, status, id);
          } else if (status == 413 || status == 404 || status == 400) {
            ErrorPage(ctx, status, id);
          } else {
            ErrorPage(ctx, status, "error_internal");
          }
        }
        return httplib::Server::HandlerResponse::Handled;
      }));
}

void Configure(httplib::Server& server, int threads) {
  server.set_tcp_nodelay(true);
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  server.set_keep_alive_max_count(1000);
  server.set_keep_alive_timeout(10);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
  });
}

bool Listen(httplib::Server& server, const std::string& host, int port, int threads,
            std::string& error) {
  Configure(server, threads);
  if (!server.bind_to_port(host, port)) {
    error = "cannot listen on " + host + ":" + std::to_string(port) +
            " (is another server using that port? set PORT to choose another)";
    return false;
  }
  return server.listen_after_bind();
}

}  // namespace cynnal::http
