#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <mstch/mstch.hpp>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/aln_cases.h"
#include "app/authentication.h"
#include "app/clocks.h"
#include "app/learners.h"
#include "app/panels.h"
#include "app/plans.h"
#include "app/provision.h"
#include "app/services.h"
#include "app/specialist_places.h"
#include "domain/timescale.h"
#include "http/catalog.h"
#include "http/templates.h"

namespace cynnal::http {

struct ServerConfig {
  std::string root;  // holds web/templates, web/assets/dist and po/
  app::SessionPolicy sessions;
  bool secure_cookies = false;           // set the Secure attribute (behind TLS)
  std::size_t max_body_bytes = 6 << 20;  // room for a 5 MB supporting document
};

// A route as registered, for the authorisation matrix test.
struct RouteInfo {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // "/learners/{id}"
  bool api = false;
};

// Everything one request handler needs: the request, the response, the signed-in user (if any)
// and helpers that render pages and errors in the user's language.
struct Ctx {
  Ctx(const httplib::Request& request, httplib::Response& response) : req(request), res(response) {}
  const httplib::Request& req;
  httplib::Response& res;
  Lang lang = Lang::kEn;
  std::string request_id;
  std::optional<app::ActiveSession> session;
  std::string session_token;
  app::Actor actor;
  bool api = false;

  bool signed_in() const { return session.has_value(); }
  // A form, query or multipart (non-file) value; "" if none.
  std::string Param(const std::string& name) const;
  std::string Path(std::size_t index) const;  // regex capture
  long long PathId(std::size_t index) const;  // regex capture as an id; 0 if it is not one
};

// The Cynnal web application: pages, JSON API, sessions, CSRF, audit of every request that
// touches a learner's data. Installs its routes on an httplib::Server.
class WebApp {
 public:
  WebApp(app::Services services, std::shared_ptr<const Catalog> catalog,
         std::shared_ptr<const Templates> templates, ServerConfig config);
  // Registers every route, the static assets, limits and the error handlers.
  void Install(httplib::Server& server);
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  friend class Pages;
  friend class Api;
  using Handler = std::function<void(Ctx&)>;
  // kPublicNoCsrf: the API sign-in, which has no session yet and takes only a JSON body (a form
  // on another site cannot send one without a CORS preflight, which is never granted).
  enum class Access { kPublic, kPublicNoCsrf, kSignedIn };
  void Route(httplib::Server& server, const std::string& method, const std::string& pattern,
             Access access, bool api, Handler handler);

  // Page helpers.
  mstch::map Base(Ctx& ctx, const std::string& title_id);
  void Render(Ctx& ctx, const std::string& page, mstch::map context, int status = 200);
  // An error page; `fields` fill the message's {placeholders} (Message).
  void ErrorPage(Ctx& ctx, int status, const std::string& message_id,
                 const std::map<std::string, std::string>& fields = {});
  void Fail(Ctx& ctx, const domain::Error& error);
  void Redirect(Ctx& ctx, const std::string& to);
  bool CheckCsrf(Ctx& ctx);
  std::string T(const Ctx& ctx, const std::string& id) const { return catalog_->Get(ctx.lang, id); }
  std::string FormatDate(const Ctx& ctx, domain::Date date) const;
  // "Nursery", "Reception", "Year 3", ... (REFERENCE section 9).
  std::string YearGroupName(const Ctx& ctx, int year_group) const;
  // Error summary and per-field messages from an InvalidArgument error.
  void AddErrors(Ctx& ctx, mstch::map& context, const domain::Error& error,
                 const std::vector<std::string>& field_order);
  // Whether an error field carries a value for the message's {placeholders} ("date", "line",
  // "year" holding a value rather than a message id) instead of a message for a form field.
  bool IsMessageParameter(const std::string& key, const std::string& value) const;
  // The text of message `id` in `lang` with its {placeholders} filled from `fields` (dates
  // written out in words on pages, ISO in the API).
  std::string Message(const Ctx& ctx, Lang lang, const std::string& id,
                      const std::map<std::string, std::string>& fields) const;
  // API helpers.
  void Json(Ctx& ctx, int status, const std::string& body);
  void Problem(Ctx& ctx, int status, const std::string& message_id,
               const std::map<std::string, std::string>& fields = {});

  // The record of a learner the signed-in user may update, or nullopt after answering with the
  // error page (not found, or forbidden).
  std::optional<app::LearnerRecord> RecordForUpdate(Ctx& ctx, long long id);
  // <select> options of the settings the user may see, "Choose a school or setting" first, with
  // `chosen` (a setting id as text) selected.
  mstch::array SettingOptions(Ctx& ctx, const std::string& chosen);

  // Reads a JSON object body, or answers 415 / 400 and returns false.
  bool ParseJsonObject(Ctx& ctx, nlohmann::json& body);
  // A GOV.UK date input's context: id, label, hint and error, and the typed day, month and year.
  mstch::map DateInput(Ctx& ctx, const std::string& id, const std::string& label_id,
                       const std::string& hint_id, const mstch::map& errors, const std::string& day,
                       const std::string& month, const std::string& year);
  // "35 school days after 3 March 2026": a timescale's counting rule in words, from `start` (or
  // "the start date" when there is none).
  std::string RuleText(const Ctx& ctx, const domain::Timescale& timescale, int count,
                       std::optional<domain::Date> start) const;
  // The catalogue text of `id` with each {key} replaced by its value.
  std::string Fill(const Ctx& ctx, const std::string& id,
                   const std::map<std::string, std::string>& values) const;
  // A clock as a table row: clock_id, timescale, due, rule (with its source), days_left, status,
  // status_code and tag_colour.
  mstch::map ClockRow(const Ctx& ctx, const app::ClockSummary& summary) const;
  // Fields of the generic form partial (partials/form_fields.mustache); texts already translated,
  // and each field's error taken from `errors` (AddErrors' per-field map).
  struct Choice {
    std::string value;
    std::string text;
    std::string hint;
  };
  mstch::map ChoiceField(bool multiple, const std::string& name, const std::string& label,
                         const std::string& hint, const std::vector<Choice>& choices,
                         const std::vector<std::string>& chosen, const mstch::map& errors) const;
  // A GOV.UK select (a drop-down list) of `choices`, for lists too long for radios.
  mstch::map SelectField(const std::string& name, const std::string& label, const std::string& hint,
                         const std::vector<Choice>& choices, const std::string& chosen,
                         const mstch::map& errors) const;
  mstch::map TextField(bool textarea, const std::string& name, const std::string& label,
                       const std::string& hint, const std::string& value, const mstch::map& errors,
                       const std::string& width = "") const;
  mstch::map DateField(Ctx& ctx, const std::string& name, const std::string& label_id,
                       const std::string& hint_id, const mstch::map& errors);
  // A date input holding `stored` (blank when there is none) when the form is first shown, and
  // the day, month and year as posted when it is shown again after a refusal.
  mstch::map DateField(Ctx& ctx, const std::string& name, const std::string& label_id,
                       const std::string& hint_id, const mstch::map& errors,
                       std::optional<domain::Date> stored, bool posted);
  // A field's value on a form: as posted when the form is shown again after a refusal, as stored
  // when it is first shown. Use: `const FieldValues value{ctx, posted}; value("name", stored)`.
  struct FieldValues {
    const Ctx& ctx;
    bool posted;
    std::string operator()(const std::string& name, const std::string& stored) const {
      return posted ? ctx.Param(name) : stored;
    }
  };
  mstch::map FileField(const std::string& name, const std::string& label, const std::string& hint,
                       const mstch::map& errors) const;
  mstch::map HeadingField(const std::string& text, const std::string& hint) const;
  // Every value of a form or query field (checkboxes send one per ticked box).
  static std::vector<std::string> Params(const Ctx& ctx, const std::string& name);
  // A GOV.UK date input's day, month and year as posted.
  static app::DateParts DateParam(const Ctx& ctx, const std::string& field);
  // The notice of a decision as a PDF in `lang` (documents/pdf), or the renderer's error.
  domain::Result<std::string> NoticePdf(Lang lang, const app::NoticeDocumentData& data) const;
  // The plan (version `data.number`, or the draft) laid out like the IDP form, its One Page
  // Profile on one page, and the notice that a plan ceases, as PDFs in `lang`.
  domain::Result<std::string> PlanPdf(Lang lang, const app::PlanDocumentData& data) const;
  domain::Result<std::string> ProfilePdf(Lang lang, const std::string& learner_name,
                                         const domain::ProfileContent& profile,
                                         const std::string& setting_name, domain::Date dated) const;
  domain::Result<std::string> CessationPdf(Lang lang, const app::PlanView& view) const;
  // The minutes of a held panel meeting as a PDF in `lang`: attendance, apologies, each item with
  // the members excused from it and the decision, and the distribution.
  domain::Result<std::string> PanelMinutesPdf(Lang lang, const app::MeetingView& view) const;
  // The ALNCo's annual report to governors, in `lang`; it names no learner.
  domain::Result<std::string> GovernorsReportPdf(Lang lang,
                                                 const app::GovernorsReport& report) const;
  // A posted form (fields, checkboxes and multipart text parts) for the plan use cases.
  static app::PlanForm FormOf(const Ctx& ctx);
  // Reads a JSON object body into a form; answers 422 with `title_id` when a field is not text,
  // a number or a list of those (and returns false).
  bool ReadJsonForm(Ctx& ctx, app::Form& form, const std::string& title_id);

  // A form page on the generic step template: `build` fills its context (fields, caption, back
  // link, intro) from the errors found, or answers with an error page and returns false.
  using FormBuild = std::function<bool(Ctx&, mstch::map& c, const mstch::map& errors)>;
  // Handles the form's POST: where to go next, or why not.
  using FormRun = std::function<domain::Result<std::string>(Ctx&)>;
  void FormPage(Ctx& ctx, const std::string& title_id, const std::string& button_id,
                const std::string& action, const std::vector<std::string>& order,
                const FormBuild& build, const domain::Error* error, int status);
  // GET and POST of one form at `path`: bad input (422) and conflicts (409) show the form again
  // with what was typed and the messages in the order of `order`; success redirects.
  void AddForm(httplib::Server& server, const std::string& path, const std::string& title_id,
               const std::string& button_id, std::vector<std::string> order, FormBuild build,
               FormRun run);
  // The text of `id` in `lang` with each {key} replaced by its value.
  std::string FillIn(Lang lang, const std::string& id,
                     const std::map<std::string, std::string>& values) const;
  std::string FormatDateIn(Lang lang, domain::Date date) const;

  void InstallPages(httplib::Server& server);
  void InstallCasePages(httplib::Server& server);
  void InstallCaseApi(httplib::Server& server);
  void InstallPlanPages(httplib::Server& server);
  void InstallPlanApi(httplib::Server& server);
  void InstallProfilePages(httplib::Server& server);
  void InstallApi(httplib::Server& server);
  void InstallCalendarPages(httplib::Server& server);
  void InstallClockPages(httplib::Server& server);
  void InstallCalendarApi(httplib::Server& server);
  void InstallPanelPages(httplib::Server& server);
  void InstallPanelApi(httplib::Server& server);
  void InstallProvisionPages(httplib::Server& server);
  void InstallProvisionApi(httplib::Server& server);
  void InstallSpecialistPages(httplib::Server& server);
  void InstallFamilyContactPages(httplib::Server& server);

  app::Services services_;
  std::shared_ptr<const Catalog> catalog_;
  std::shared_ptr<const Templates> templates_;
  ServerConfig config_;
  std::vector<RouteInfo> routes_;
  std::string openapi_;
};

// The message id of a two-step-test reason for `learner` decided on `on`: under compulsory school
// age, test 1 asks whether the learner is likely to be within (a) or (b) (REFERENCE section 1).
std::string ReasonId(const std::string& reason, const domain::Learner& learner, domain::Date on);

// The GOV.UK tag colour of a case's stage ("blue", "orange", ...).
std::string CaseStageColour(domain::CaseStage stage);

// Configures an httplib::Server for speed and safety (STACK.md): TCP_NODELAY, a thread pool of
// `threads`, keep-alive limits, SO_REUSEADDR only. Returns false with a message if the port
// cannot be bound.
bool Listen(httplib::Server& server, const std::string& host, int port, int threads,
            std::string& error);
void Configure(httplib::Server& server, int threads);

}  // namespace cynnal::http
