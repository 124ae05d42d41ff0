// The authorisation matrix: every route, for every role, against learners and settings inside and
// outside the role's scope. A route that is not in this table fails the first test, so every new
// route must join the matrix.
#include <algorithm>
#include <map>
#include <set>

#include "domain/aln_case.h"
#include "domain/idp.h"
#include "domain/one_page_profile.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

using domain::LearnerAction;

enum class Kind {
  kPublic,         // anyone, signed in or not
  kSelf,           // any signed-in user, about themselves
  kLearnerList,    // lists only learners in the user's view scope; governors 403
  kLearnerView,    // one learner: MayAccessLearner(kView)
  kLearnerUpdate,  // one learner: MayAccessLearner(kUpdate)
  kRegistration,   // as kLearnerUpdate, and MayChangeRegistrationAt the registration's setting
  kLearnerCreate,  // MayCreateLearners(role)
  kSettingList,    // MayListSettings(role), only settings the user may see
  kSettingView,    // one setting: MayAccessSetting
  kAdmin,          // LA administrator of the user's own LA
  kCalendarView,   // one setting's calendar: MayAccessSettingCalendar(kView)
  kCalendarEdit,   // one setting's own days: MayAccessSettingCalendar(kEdit)
  kTermDatesView,  // the LA's term dates, bank holidays, timescales: MayAccessTermDates(kView)
  kTermDatesEdit,  // changing them: MayAccessTermDates(kEdit)
  kClockView,      // one clock: MayAccessLearner(kView) on its learner
  kClockUpdate,    // stopping or waiving a clock: MayAccessLearner(kUpdate) on its learner
  kDueList,        // due lists: only clocks on learners the user may see; others 403
  kConcernRaise,   // raising a concern: MayAccessCase(kRaise) on the learner
  kCaseStatus,     // one case's status: MayAccessCase(kViewStatus)
  kCaseDetail,     // its notices and documents: MayAccessCase(kView)
  kCaseDocument,   // adding a document: kCaseDetail and an LA role or ALNCo
  kCaseBody,       // triage, referral, exception, decision: acts for the body responsible
  kCaseNotice,     // giving the notice: acts for the body that decided
  kCaseLa,         // reconsideration, disagreement, appeal: the LA's officers
  kDecisionSettingsView,  // MayActForLa on the user's own LA
  kDecisionSettingsEdit,  // its LA administrator
  kPlanView,              // a plan in force and its versions: MayAccessPlan(kView) on its learner
  kPlanCessation,         // the cessation notice: kPlanView; 404 while the plan has not ceased
  kPlanDraft,             // 2B and 2C of the draft: MayAccessPlan(kViewDraft); 409 without a draft
  kPlanBody,              // writing, finalising, reviewing, ceasing: kViewDraft && MayActForBody
  kPlanMove,              // moves and PEP links: kViewDraft && (MayActForBody || MayActForLa)
  kPlanRequest,           // asking for a review: the maintainer, or MayAccessPlan(kRequestReview)
  kPlanStart,             // starting a plan: MayAccessPlan(kEdit); then the form, then the body
  kLearnerPlanDraft,      // one learner's legacy SEN record: MayAccessPlan(kViewDraft)
  kLearnerPlanEdit,       // new One Page Profiles, legacy records: MayAccessPlan(kEdit)
  kProfileView,           // one One Page Profile: MayAccessPlan(kView) on its learner
  kProfileEdit,           // reviewing or closing it: MayAccessPlan(kEdit) on its learner
  kPhoto,                 // a profile's photo: MayAccessPlan(kView) on its learner
  kLegacyTransition,      // the LA's legacy SEN transition report: MayActForLa on the user's own LA
};

const std::map<std::string, Kind>& Matrix() {
  static const std::map<std::string, Kind> m{
      {"GET /healthz", Kind::kPublic},
      {"GET /sign-in", Kind::kPublic},
      {"POST /sign-in", Kind::kPublic},
      {"GET /language/{lang}", Kind::kPublic},
      {"GET /api/v1/openapi.json", Kind::kPublic},
      {"POST /api/v1/session", Kind::kPublic},
      {"GET /", Kind::kSelf},
      {"POST /sign-out", Kind::kSelf},
      {"DELETE /api/v1/session", Kind::kSelf},
      {"GET /learners", Kind::kLearnerList},
      {"GET /api/v1/learners", Kind::kLearnerList},
      {"GET /learners/{id}", Kind::kLearnerView},
      {"GET /api/v1/learners/{id}", Kind::kLearnerView},
      {"GET /learners/{id}/edit", Kind::kLearnerUpdate},
      {"POST /learners/{id}/edit", Kind::kLearnerUpdate},
      {"GET /learners/{id}/registrations/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/registrations/new", Kind::kLearnerUpdate},
      {"GET /learners/{id}/family/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/family/new", Kind::kLearnerUpdate},
      {"PUT /api/v1/learners/{id}", Kind::kLearnerUpdate},
      {"GET /learners/{id}/registrations/{index}/end", Kind::kLearnerUpdate},
      {"POST /learners/{id}/registrations/{index}/end", Kind::kRegistration},
      {"GET /learners/new", Kind::kLearnerCreate},
      {"POST /learners/new", Kind::kLearnerCreate},
      {"POST /learners/new/confirm", Kind::kLearnerCreate},
      {"POST /api/v1/learners", Kind::kLearnerCreate},
      {"GET /settings", Kind::kSettingList},
      {"GET /api/v1/settings", Kind::kSettingList},
      {"GET /settings/{id}", Kind::kSettingView},
      {"GET /api/v1/settings/{id}", Kind::kSettingView},
      {"GET /admin/users", Kind::kAdmin},
      {"GET /admin/users/new", Kind::kAdmin},
      {"POST /admin/users/new", Kind::kAdmin},
      {"POST /admin/users/{id}/disable", Kind::kAdmin},
      {"GET /admin/audit", Kind::kAdmin},
      {"GET /api/v1/audit", Kind::kAdmin},
      {"GET /settings/{id}/calendar", Kind::kCalendarView},
      {"GET /settings/{id}/calendar.ics", Kind::kCalendarView},
      {"GET /settings/{id}/calendar.csv", Kind::kCalendarView},
      {"GET /api/v1/settings/{id}/calendar", Kind::kCalendarView},
      {"POST /settings/{id}/calendar/days", Kind::kCalendarEdit},
      {"POST /settings/{id}/calendar/days/{day}/remove", Kind::kCalendarEdit},
      {"POST /settings/{id}/calendar/import", Kind::kCalendarEdit},
      {"POST /settings/{id}/calendar/terms/{year}/remove", Kind::kCalendarEdit},
      {"GET /term-dates", Kind::kTermDatesView},
      {"GET /term-dates.ics", Kind::kTermDatesView},
      {"GET /term-dates.csv", Kind::kTermDatesView},
      {"GET /api/v1/term-dates", Kind::kTermDatesView},
      {"GET /bank-holidays", Kind::kTermDatesView},
      {"GET /timescales", Kind::kTermDatesView},
      {"GET /api/v1/timescales", Kind::kTermDatesView},
      {"POST /term-dates", Kind::kTermDatesEdit},
      {"POST /term-dates/import", Kind::kTermDatesEdit},
      {"POST /bank-holidays/import", Kind::kTermDatesEdit},
      {"POST /timescales", Kind::kTermDatesEdit},
      {"GET /learners/{id}/clocks/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/clocks", Kind::kLearnerUpdate},
      {"POST /api/v1/learners/{id}/clocks", Kind::kLearnerUpdate},
      {"GET /api/v1/learners/{id}/clocks", Kind::kLearnerView},
      {"GET /clocks/{id}", Kind::kClockView},
      {"GET /api/v1/clocks/{id}", Kind::kClockView},
      {"POST /clocks/{id}/stop", Kind::kClockUpdate},
      {"GET /clocks/{id}/waive", Kind::kClockUpdate},
      {"POST /clocks/{id}/waive", Kind::kClockUpdate},
      {"POST /api/v1/clocks/{id}/stop", Kind::kClockUpdate},
      {"POST /api/v1/clocks/{id}/waive", Kind::kClockUpdate},
      {"GET /due", Kind::kDueList},
      {"GET /api/v1/due", Kind::kDueList},
      {"GET /learners/{id}/concerns/new", Kind::kConcernRaise},
      {"POST /learners/{id}/concerns", Kind::kConcernRaise},
      {"POST /api/v1/learners/{id}/cases", Kind::kConcernRaise},
      {"GET /api/v1/learners/{id}/cases", Kind::kLearnerView},
      {"GET /cases/{id}", Kind::kCaseStatus},
      {"GET /api/v1/cases/{id}", Kind::kCaseStatus},
      {"GET /cases/{id}/notices/{n}.pdf", Kind::kCaseDetail},
      {"GET /cases/{id}/documents/{doc}", Kind::kCaseDetail},
      {"POST /cases/{id}/documents", Kind::kCaseDocument},
      {"GET /cases/{id}/triage", Kind::kCaseBody},
      {"POST /cases/{id}/triage", Kind::kCaseBody},
      {"GET /cases/{id}/referral", Kind::kCaseBody},
      {"POST /cases/{id}/referral", Kind::kCaseBody},
      {"GET /cases/{id}/exception", Kind::kCaseBody},
      {"POST /cases/{id}/exception", Kind::kCaseBody},
      {"GET /cases/{id}/decision", Kind::kCaseBody},
      {"POST /cases/{id}/decision", Kind::kCaseBody},
      {"POST /cases/{id}/decision/change", Kind::kCaseBody},
      {"POST /cases/{id}/decision/confirm", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/triage", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/referral", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/exception", Kind::kCaseBody},
      {"POST /api/v1/cases/{id}/decision", Kind::kCaseBody},
      {"GET /cases/{id}/notice", Kind::kCaseNotice},
      {"POST /cases/{id}/notice", Kind::kCaseNotice},
      {"POST /api/v1/cases/{id}/notice", Kind::kCaseNotice},
      {"GET /cases/{id}/reconsideration", Kind::kCaseLa},
      {"POST /cases/{id}/reconsideration", Kind::kCaseLa},
      {"GET /cases/{id}/disagreement", Kind::kCaseLa},
      {"POST /cases/{id}/disagreement", Kind::kCaseLa},
      {"GET /cases/{id}/appeal", Kind::kCaseLa},
      {"POST /cases/{id}/appeal", Kind::kCaseLa},
      {"GET /cases/{id}/appeal/close", Kind::kCaseLa},
      {"POST /cases/{id}/appeal/close", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/reconsideration", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/disagreement", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/disagreement/end", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/outcome", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/orders", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/orders/{n}/complied", Kind::kCaseLa},
      {"POST /api/v1/cases/{id}/appeal/close", Kind::kCaseLa},
      {"GET /decision-settings", Kind::kDecisionSettingsView},
      {"POST /decision-settings", Kind::kDecisionSettingsEdit},
      {"GET /api/v1/learners/{id}/idps", Kind::kLearnerView},
      {"GET /learners/{id}/idps/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/idps", Kind::kPlanStart},
      {"POST /api/v1/learners/{id}/idps", Kind::kPlanStart},
      {"GET /idps/{id}", Kind::kPlanView},
      {"GET /api/v1/idps/{id}", Kind::kPlanView},
      {"GET /idps/{id}/versions/{n}.pdf", Kind::kPlanView},
      {"GET /idps/{id}/profile.pdf", Kind::kPlanView},
      {"GET /idps/{id}/compare", Kind::kPlanView},
      {"GET /idps/{id}/cessation.pdf", Kind::kPlanCessation},
      {"GET /idps/{id}/sections/provision", Kind::kPlanDraft},
      {"GET /idps/{id}/sections/nhs", Kind::kPlanDraft},
      {"GET /idps/{id}/sections/about", Kind::kPlanBody},
      {"POST /idps/{id}/sections/about", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/about", Kind::kPlanBody},
      {"GET /idps/{id}/sections/profile", Kind::kPlanBody},
      {"POST /idps/{id}/sections/profile", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/profile", Kind::kPlanBody},
      {"GET /idps/{id}/sections/needs", Kind::kPlanBody},
      {"POST /idps/{id}/sections/needs", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/needs", Kind::kPlanBody},
      {"GET /idps/{id}/sections/place", Kind::kPlanBody},
      {"POST /idps/{id}/sections/place", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/place", Kind::kPlanBody},
      {"GET /idps/{id}/sections/information", Kind::kPlanBody},
      {"POST /idps/{id}/sections/information", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/information", Kind::kPlanBody},
      {"GET /idps/{id}/sections/timeline", Kind::kPlanBody},
      {"POST /idps/{id}/sections/timeline", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/timeline", Kind::kPlanBody},
      {"GET /idps/{id}/sections/transition", Kind::kPlanBody},
      {"POST /idps/{id}/sections/transition", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/sections/transition", Kind::kPlanBody},
      {"GET /idps/{id}/elements/new", Kind::kPlanBody},
      {"POST /idps/{id}/elements", Kind::kPlanBody},
      {"GET /idps/{id}/elements/{key}", Kind::kPlanBody},
      {"POST /idps/{id}/elements/{key}", Kind::kPlanBody},
      {"POST /idps/{id}/elements/{key}/remove", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/elements", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/elements/{key}", Kind::kPlanBody},
      {"GET /idps/{id}/finalise", Kind::kPlanBody},
      {"POST /idps/{id}/finalise", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/finalise", Kind::kPlanBody},
      {"POST /idps/{id}/revise", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/revise", Kind::kPlanBody},
      {"GET /idps/{id}/review-requests/{n}/answer", Kind::kPlanBody},
      {"POST /idps/{id}/review-requests/{n}/answer", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/review-requests/{n}/answer", Kind::kPlanBody},
      {"GET /idps/{id}/reviews", Kind::kPlanBody},
      {"POST /idps/{id}/reviews", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/reviews", Kind::kPlanBody},
      {"GET /idps/{id}/cease", Kind::kPlanBody},
      {"POST /idps/{id}/cease", Kind::kPlanBody},
      {"POST /api/v1/idps/{id}/cease", Kind::kPlanBody},
      {"GET /idps/{id}/move", Kind::kPlanMove},
      {"POST /idps/{id}/move", Kind::kPlanMove},
      {"POST /api/v1/idps/{id}/move", Kind::kPlanMove},
      {"GET /idps/{id}/pep", Kind::kPlanMove},
      {"POST /idps/{id}/pep", Kind::kPlanMove},
      {"POST /api/v1/idps/{id}/pep", Kind::kPlanMove},
      {"GET /idps/{id}/review-requests", Kind::kPlanRequest},
      {"POST /idps/{id}/review-requests", Kind::kPlanRequest},
      {"POST /api/v1/idps/{id}/review-requests", Kind::kPlanRequest},
      {"GET /photos/{id}", Kind::kPhoto},
      {"GET /learners/{id}/profiles/new", Kind::kLearnerUpdate},
      {"POST /learners/{id}/profiles", Kind::kLearnerPlanEdit},
      {"GET /profiles/{id}", Kind::kProfileView},
      {"GET /profiles/{id}.pdf", Kind::kProfileView},
      {"POST /profiles/{id}/review", Kind::kProfileEdit},
      {"POST /profiles/{id}/close", Kind::kProfileEdit},
      {"GET /learners/{id}/legacy", Kind::kLearnerPlanDraft},
      {"POST /learners/{id}/legacy", Kind::kLearnerPlanEdit},
      {"GET /legacy-transition", Kind::kLegacyTransition},
  };
  return m;
}

const std::vector<std::string> kUsers{
    "la.admin", "la.officer", "panel.member", "alnco",          "teacher",
    "governor", "parent",     "young.person", "health.officer", "other.la.officer"};

std::string Fill(const std::string& pattern, long long id) {
  std::string out = pattern;
  auto pos = out.find("{id}");
  if (pos != std::string::npos) out.replace(pos, 4, std::to_string(id));
  pos = out.find("{index}");
  if (pos != std::string::npos) out.replace(pos, 7, "0");
  pos = out.find("{day}");  // no such day: the access check comes first
  if (pos != std::string::npos) out.replace(pos, 5, "999999");
  pos = out.find("{year}");  // a year with no such record
  if (pos != std::string::npos) out.replace(pos, 6, "2099");
  pos = out.find("{lang}");
  if (pos != std::string::npos) out.replace(pos, 6, "cy");
  pos = out.find("{n}");  // the first notice or order, where there is one
  if (pos != std::string::npos) out.replace(pos, 3, "1");
  pos = out.find("{doc}");  // no such document: the access check comes first
  if (pos != std::string::npos) out.replace(pos, 5, "999999");
  pos = out.find("{key}");  // the first element of ALP, where the draft has one
  if (pos != std::string::npos) out.replace(pos, 5, "1");
  return out;
}

bool IsApi(const std::string& pattern) { return pattern.rfind("/api/", 0) == 0; }

class AuthorisationMatrix : public WebFixture {
 protected:
  // Sends the route's request as `s` (or anonymously when `s` is null) with an empty form or
  // JSON object: enough to reach the access check, never enough to change data.
  httplib::Result Call(const Session* s, const http::RouteInfo& r, const std::string& path) {
    auto client = Client();
    httplib::Headers headers;
    if (s) {
      headers.emplace("Cookie", s->cookie);
      headers.emplace("X-CSRF-Token", s->csrf);
    }
    if (r.method == "GET") return client.Get(path, headers);
    if (r.method == "DELETE") return client.Delete(path, headers);
    if (IsApi(r.pattern)) {
      if (r.method == "PUT") return client.Put(path, headers, "{}", "application/json");
      return client.Post(path, headers, "{}", "application/json");
    }
    httplib::Params params;
    if (s) params.emplace("csrf_token", s->csrf);
    return client.Post(path, headers, params);
  }

  static bool Allowed(int status) {
    return status != 401 && status != 403 && status != 404 && status < 500;
  }
};

TEST_F(AuthorisationMatrix, EveryRouteIsInTheMatrix) {
  std::vector<std::string> missing;
  for (const auto& r : web_->routes()) {
    if (!Matrix().count(r.method + " " + r.pattern)) missing.push_back(r.method + " " + r.pattern);
  }
  EXPECT_TRUE(missing.empty()) << "routes missing from the authorisation matrix: "
                               << ::testing::PrintToString(missing);
  EXPECT_GE(web_->routes().size(), Matrix().size());
}

TEST_F(AuthorisationMatrix, SignedOutVisitorsReachOnlyPublicRoutes) {
  auto learners = AllLearners();
  ASSERT_FALSE(learners.empty());
  for (const auto& r : web_->routes()) {
    if (Matrix().at(r.method + " " + r.pattern) == Kind::kPublic) continue;
    std::string path = Fill(r.pattern, learners.front().id.value());
    auto res = Call(nullptr, r, path);
    ASSERT_TRUE(res) << path;
    if (r.api) {
      EXPECT_EQ(res->status, 401) << r.method << " " << path;
    } else if (r.method == "GET") {
      EXPECT_EQ(res->status, 303) << r.method << " " << path;
      EXPECT_EQ(res->get_header_value("Location").rfind("/sign-in", 0), 0u) << path;
    } else {
      EXPECT_TRUE(res->status == 303 || res->status == 403)
          << r.method << " " << path << " " << res->status;
    }
    EXPECT_EQ(res->body.find(learners.front().upn.str()), std::string::npos) << path;
  }
}

TEST_F(AuthorisationMatrix, EveryRoleSeesOnlyWhatItMay) {
  auto learners = AllLearners();
  auto today = clock_.Today();
  std::vector<domain::Setting> settings;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (auto& la : (*uow)->LocalAuthorities().List())
      for (auto& s : (*uow)->Settings().ListByLocalAuthority(la.id)) settings.push_back(s);
  }
  // A user the LA administrator may disable, and one of another LA that it may not.
  domain::UserId disposable;
  {
    domain::User u;
    u.username = "disposable.teacher";
    u.display_name = "Disposable Teacher";
    u.role = domain::Role::kTeacher;
    u.local_authority = SignIn("la.admin").user.local_authority;
    for (const auto& setting : settings)
      if (setting.local_authority == u.local_authority && u.settings.empty())
        u.settings.push_back(setting.id);
    app::Actor cli;
    cli.operator_cli = true;
    auto id = app::AddUser(services_, cli, u, "long-enough-password");
    ASSERT_TRUE(id.has_value()) << id.error().message;
    disposable = *id;
  }
  domain::UserId other_la_user;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    other_la_user = (*uow)->Users().FindByUsername("other.la.officer")->id;
  }

  // Every clock of the demo, with its learner.
  std::vector<std::pair<domain::StatutoryClock, domain::Learner>> clocks;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 50; ++id) {
      auto clock = (*uow)->Clocks().Get(domain::ClockId{id});
      if (!clock) continue;
      clocks.emplace_back(*clock, *(*uow)->Learners().Get(clock->learner));
    }
  }
  ASSERT_GE(clocks.size(), 4u);

  // Every ALN case of the demo, with its learner.
  std::vector<std::pair<domain::AlnCase, domain::Learner>> cases;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 50; ++id) {
      auto found = (*uow)->Cases().Get(domain::AlnCaseId{id});
      if (!found) continue;
      cases.emplace_back(*found, *(*uow)->Learners().Get(found->learner));
    }
  }
  ASSERT_GE(cases.size(), 4u);
  // Whether `user` may take a step of `kind` on the case (the rules of src/app/aln_cases.cc).
  auto may_step = [&](const domain::User& user, Kind kind, const domain::AlnCase& c,
                      const domain::Learner& learner) {
    if (kind == Kind::kCaseStatus) return true;
    if (!domain::MayAccessCase(user, domain::CaseAction::kView, learner, today)) return false;
    const auto& r = c.responsibility;
    switch (kind) {
      case Kind::kCaseBody:
        return c.stage == domain::CaseStage::kAwaitingTriage
                   ? domain::MayActForLa(user, r.local_authority)
                   : domain::MayActForBody(user, r.body, r.local_authority, r.setting);
      case Kind::kCaseNotice: {
        const auto& body = c.decisions.empty() ? r : c.decisions.back().body;
        return domain::MayActForBody(user, body.body, body.local_authority, body.setting);
      }
      case Kind::kCaseLa:
        return domain::MayActForLa(user, r.local_authority) ||
               domain::MayActForLa(user, c.local_authority);
      case Kind::kCaseDocument:
        return user.role == domain::Role::kLaAdministrator ||
               user.role == domain::Role::kLaOfficer || user.role == domain::Role::kAlnco;
      default:
        return true;
    }
  };

  // Every IDP, One Page Profile and profile photo of the demo, with its learner.
  std::vector<std::pair<domain::Idp, domain::Learner>> plans;
  std::vector<std::pair<domain::OnePageProfile, domain::Learner>> profiles;
  std::vector<std::pair<app::ProfilePhoto, domain::Learner>> photos;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (long long id = 1; id <= 50; ++id) {
      if (auto idp = (*uow)->Plans().Get(domain::IdpId{id}))
        plans.emplace_back(*idp, *(*uow)->Learners().Get(idp->learner));
      if (auto profile = (*uow)->Plans().GetProfile(domain::OnePageProfileId{id}))
        profiles.emplace_back(*profile, *(*uow)->Learners().Get(profile->learner));
      if (auto photo = (*uow)->Plans().GetPhoto(domain::PhotoId{id}))
        photos.emplace_back(*photo, *(*uow)->Learners().Get(photo->learner));
    }
  }
  ASSERT_GE(plans.size(), 3u);
  ASSERT_TRUE(std::any_of(plans.begin(), plans.end(), [](const auto& p) {
    return p.first.Status() == domain::IdpStatus::kDraft;
  }));
  ASSERT_GE(profiles.size(), 1u);
  ASSERT_GE(photos.size(), 1u);
  // Text of the plan that only those who may see it may read: its profile's first part.
  auto plan_text = [](const domain::Idp& idp) {
    if (!idp.versions.empty()) return idp.versions.back().content.profile.admired;
    return idp.draft ? idp.draft->profile.admired : std::string();
  };
  // Whether `user` may reach route `r` of `kind` on the plan: the rules of src/app/plans.cc, and
  // the state each form page of src/http/plan_pages.cc checks before it offers the step.
  auto may_plan = [&](const domain::User& user, Kind kind, const http::RouteInfo& r,
                      const domain::Idp& idp, const domain::Learner& learner) {
    using domain::PlanAction;
    const bool page = r.method == "GET";
    const auto ends_with = [&](std::string_view suffix) {
      return r.pattern.size() >= suffix.size() &&
             r.pattern.compare(r.pattern.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    const bool view = domain::MayAccessPlan(user, PlanAction::kView, learner, today);
    const bool draft = domain::MayAccessPlan(user, PlanAction::kViewDraft, learner, today);
    const bool maintainer =
        draft && domain::MayActForBody(user, idp.body, idp.maintaining_la, idp.setting);
    const bool in_force = idp.Status() == domain::IdpStatus::kInForce;
    switch (kind) {
      case Kind::kPlanView:
      case Kind::kPlanCessation:
        return view;
      case Kind::kPlanDraft:
        return draft;
      case Kind::kPlanBody:
        // The finalise page needs a draft, the review and cessation pages a plan in force (403
        // otherwise). A POST checks only the right: the state comes after the plan's version,
        // which an empty form lacks (409).
        if (page && ends_with("/finalise")) return maintainer && idp.draft.has_value();
        if (page && (ends_with("/reviews") || ends_with("/cease"))) return maintainer && in_force;
        return maintainer;
      case Kind::kPlanMove: {
        // The body that maintains the plan, or an officer of the learner's LA; the pages are
        // not offered once the plan has ceased.
        const bool mover =
            draft && (domain::MayActForBody(user, idp.body, idp.maintaining_la, idp.setting) ||
                      domain::MayActForLa(user, idp.local_authority));
        return page ? mover && idp.Status() != domain::IdpStatus::kCeased : mover;
      }
      case Kind::kPlanRequest: {
        // The page is offered only for a plan in force; a POST is refused only for want of the
        // right (the state comes after the version).
        const bool requester =
            maintainer || domain::MayAccessPlan(user, PlanAction::kRequestReview, learner, today);
        return page ? in_force && requester : requester;
      }
      default:
        return false;
    }
  };

  int checked = 0;
  for (const auto& username : kUsers) {
    Session s = SignIn(username);
    const domain::User& user = s.user;
    // Learners inside and outside this user's scope, for view and for update.
    std::vector<const domain::Learner*> samples;
    auto pick = [&](auto predicate) {
      for (const auto& l : learners)
        if (predicate(l)) {
          samples.push_back(&l);
          return;
        }
    };
    pick([&](const domain::Learner& l) {
      return domain::MayAccessLearner(user, LearnerAction::kUpdate, l, today);
    });
    pick([&](const domain::Learner& l) {
      return domain::MayAccessLearner(user, LearnerAction::kView, l, today) &&
             !domain::MayAccessLearner(user, LearnerAction::kUpdate, l, today);
    });
    pick([&](const domain::Learner& l) {
      return !domain::MayAccessLearner(user, LearnerAction::kView, l, today) &&
             l.local_authority == user.local_authority;
    });
    pick([&](const domain::Learner& l) {
      return !domain::MayAccessLearner(user, LearnerAction::kView, l, today) &&
             l.local_authority != user.local_authority;
    });
    ASSERT_GE(samples.size(), 2u) << username;
    // For the plan routes on a learner: the samples, and every learner with a plan or profile.
    std::vector<const domain::Learner*> plan_learners = samples;
    auto add_learner = [&](const domain::Learner& l) {
      for (const auto* p : plan_learners)
        if (p->id == l.id) return;
      plan_learners.push_back(&l);
    };
    for (const auto& [idp, l] : plans) add_learner(l);
    for (const auto& [profile, l] : profiles) add_learner(l);

    for (const auto& r : web_->routes()) {
      Kind kind = Matrix().at(r.method + " " + r.pattern);
      if (kind == Kind::kPublic || kind == Kind::kSelf) continue;
      if (kind == Kind::kLearnerView || kind == Kind::kLearnerUpdate ||
          kind == Kind::kRegistration) {
        for (const auto* l : samples) {
          auto action = kind == Kind::kLearnerView ? LearnerAction::kView : LearnerAction::kUpdate;
          bool may = domain::MayAccessLearner(user, action, *l, today);
          if (kind == Kind::kRegistration && may && !l->registrations.empty()) {
            for (const auto& setting : settings)
              if (setting.id == l->registrations[0].setting)
                may = domain::MayChangeRegistrationAt(user, setting);
          }
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          bool no_such_registration =
              r.pattern.find("{index}") != std::string::npos && l->registrations.empty();
          if (may && no_such_registration) {
            EXPECT_EQ(res->status, 404) << username << " " << r.pattern;
          } else if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value();
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            EXPECT_EQ(res->body.find(l->legal_last_name + "\""), std::string::npos)
                << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kSettingView) {
        for (const auto& setting : settings) {
          bool may = domain::MayAccessSetting(user, domain::SettingAction::kView, setting);
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_EQ(res->status, 200)
                << username << " " << r.pattern << " setting " << setting.name;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.pattern << " setting " << setting.name;
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kCalendarView || kind == Kind::kCalendarEdit) {
        for (const auto& setting : settings) {
          const bool may = domain::MayAccessSettingCalendar(user,
                                                            kind == Kind::kCalendarView
                                                                ? domain::CalendarAction::kView
                                                                : domain::CalendarAction::kEdit,
                                                            setting);
          auto res = Call(&s, r, Fill(r.pattern, setting.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            // Removing a day or year that does not exist is a 404 once access is granted.
            const bool removal = r.pattern.find("/remove") != std::string::npos;
            EXPECT_TRUE(removal ? res->status == 404 : Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " " << setting.name << " -> "
                << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " " << setting.name;
            EXPECT_EQ(res->body.find(setting.name), std::string::npos)
                << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kTermDatesView || kind == Kind::kTermDatesEdit) {
        const bool may =
            domain::MayAccessTermDates(user,
                                       kind == Kind::kTermDatesView ? domain::CalendarAction::kView
                                                                    : domain::CalendarAction::kEdit,
                                       user.local_authority);
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          EXPECT_TRUE(Allowed(res->status))
              << username << " " << r.method << " " << r.pattern << " -> " << res->status;
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kClockView || kind == Kind::kClockUpdate) {
        for (const auto& [clock, learner] : clocks) {
          const bool may = domain::MayAccessLearner(
              user, kind == Kind::kClockView ? LearnerAction::kView : LearnerAction::kUpdate,
              learner, today);
          auto res = Call(&s, r, Fill(r.pattern, clock.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_TRUE(Allowed(res->status) || res->status == 409)
                << username << " " << r.method << " " << r.pattern << " clock " << clock.id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " clock " << clock.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            // Someone who may see the learner but not change the clock may see the name.
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kConcernRaise) {
        for (const auto* l : samples) {
          const bool may = domain::MayAccessCase(user, domain::CaseAction::kRaise, *l, today);
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kCaseStatus || kind == Kind::kCaseDetail ||
                 kind == Kind::kCaseDocument || kind == Kind::kCaseBody ||
                 kind == Kind::kCaseNotice || kind == Kind::kCaseLa) {
        for (const auto& [c, learner] : cases) {
          bool may =
              domain::MayAccessCase(user,
                                    kind == Kind::kCaseStatus ? domain::CaseAction::kViewStatus
                                                              : domain::CaseAction::kView,
                                    learner, today) &&
              may_step(user, kind, c, learner);
          auto res = Call(&s, r, Fill(r.pattern, c.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            // A notice, order or document the case does not have is a 404 once access is granted;
            // a step out of turn or on an empty form is a 409 or 422.
            const bool optional_item = r.pattern.find("{n}") != std::string::npos ||
                                       r.pattern.find("{doc}") != std::string::npos;
            EXPECT_TRUE(Allowed(res->status) || (optional_item && res->status == 404))
                << username << " " << r.method << " " << r.pattern << " case " << c.id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " case " << c.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
            EXPECT_EQ(res->body.find(c.concern.description), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kPlanView || kind == Kind::kPlanCessation ||
                 kind == Kind::kPlanDraft || kind == Kind::kPlanBody || kind == Kind::kPlanMove ||
                 kind == Kind::kPlanRequest) {
        for (const auto& [idp, learner] : plans) {
          const bool may = may_plan(user, kind, r, idp, learner);
          auto res = Call(&s, r, Fill(r.pattern, idp.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may && kind == Kind::kPlanCessation) {
            EXPECT_EQ(res->status, idp.cessation ? 200 : 404)
                << username << " " << r.pattern << " plan " << idp.id.value();
          } else if (may && kind == Kind::kPlanDraft) {
            EXPECT_EQ(res->status, idp.draft ? 200 : 409)
                << username << " " << r.pattern << " plan " << idp.id.value();
          } else if (may) {
            // A version, element or document the plan lacks is a 404 once access is granted (a
            // family does not see a draft, so a plan never given has no profile or versions for
            // them); a step out of turn or on an empty form is a 409 or 422.
            const bool optional_item = r.pattern.find("{n}") != std::string::npos ||
                                       r.pattern.find("{key}") != std::string::npos ||
                                       r.pattern.find("/profile.pdf") != std::string::npos ||
                                       r.pattern.find("/compare") != std::string::npos;
            EXPECT_TRUE(Allowed(res->status) || (optional_item && res->status == 404))
                << username << " " << r.method << " " << r.pattern << " plan " << idp.id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " plan " << idp.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
            if (!plan_text(idp).empty()) {
              EXPECT_EQ(res->body.find(plan_text(idp)), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kProfileView || kind == Kind::kProfileEdit) {
        for (const auto& [profile, learner] : profiles) {
          const bool may = domain::MayAccessPlan(
              user,
              kind == Kind::kProfileView ? domain::PlanAction::kView : domain::PlanAction::kEdit,
              learner, today);
          auto res = Call(&s, r, Fill(r.pattern, profile.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            // An empty review or closing form names no version: a 409.
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " profile "
                << profile.id.value() << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern
                                        << " profile " << profile.id.value();
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) {
              EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
            EXPECT_EQ(res->body.find(profile.content.admired), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kPhoto) {
        for (const auto& [photo, learner] : photos) {
          const bool may = domain::MayAccessPlan(user, domain::PlanAction::kView, learner, today);
          auto res = Call(&s, r, Fill(r.pattern, photo.id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_EQ(res->status, 200) << username << " " << r.pattern << " " << photo.id.value();
            EXPECT_EQ(res->body, photo.bytes) << username << " " << r.pattern;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.pattern << " " << photo.id.value();
            EXPECT_EQ(res->body.find(photo.bytes), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            EXPECT_EQ(res->body.find(learner.upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kPlanStart || kind == Kind::kLearnerPlanDraft ||
                 kind == Kind::kLearnerPlanEdit) {
        for (const auto* l : plan_learners) {
          // StartIdp checks MayAccessPlan(kEdit), then that the learner has no plan (409), then
          // the form (422), and only then MayActForBody for the body the form names: an empty
          // form never reaches that last check (every user with kEdit acts for some body: the
          // LA's officers for the LA, an ALNCo for their school).
          const bool may =
              domain::MayAccessPlan(user,
                                    kind == Kind::kLearnerPlanDraft ? domain::PlanAction::kViewDraft
                                                                    : domain::PlanAction::kEdit,
                                    *l, today);
          auto res = Call(&s, r, Fill(r.pattern, l->id.value()));
          ASSERT_TRUE(res);
          ++checked;
          if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value()
                << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403)
                << username << " " << r.method << " " << r.pattern << " learner " << l->id.value();
            EXPECT_EQ(res->body.find(l->upn.str()), std::string::npos)
                << "leak: " << username << " " << r.pattern;
            if (!domain::MayAccessLearner(user, LearnerAction::kView, *l, today)) {
              EXPECT_EQ(res->body.find(l->DisplayName()), std::string::npos)
                  << "leak: " << username << " " << r.pattern;
            }
          }
        }
      } else if (kind == Kind::kDecisionSettingsView || kind == Kind::kDecisionSettingsEdit ||
                 kind == Kind::kLegacyTransition) {
        const bool may =
            domain::MayActForLa(user, user.local_authority) &&
            (kind != Kind::kDecisionSettingsEdit || user.role == domain::Role::kLaAdministrator);
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (may) {
          EXPECT_TRUE(Allowed(res->status))
              << username << " " << r.method << " " << r.pattern << " -> " << res->status;
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kDueList) {
        const bool may = domain::MaySeeLaDueList(user, user.local_authority) ||
                         std::any_of(settings.begin(), settings.end(), [&](const auto& setting) {
                           return domain::MaySeeSettingDueList(user, setting);
                         });
        auto res = Call(&s, r, r.pattern + "?days=366");
        ASSERT_TRUE(res);
        ++checked;
        if (!may) {
          EXPECT_EQ(res->status, 403) << username << " " << r.pattern;
          continue;
        }
        EXPECT_EQ(res->status, 200) << username << " " << r.pattern;
        for (const auto& [clock, learner] : clocks) {
          if (domain::MayAccessLearner(user, LearnerAction::kView, learner, today)) continue;
          EXPECT_EQ(res->body.find(learner.DisplayName()), std::string::npos)
              << "leak: " << username << " sees " << learner.DisplayName() << " in " << r.pattern;
        }
      } else if (kind == Kind::kLearnerCreate) {
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (domain::MayCreateLearners(user.role)) {
          EXPECT_TRUE(Allowed(res->status))
              << username << " " << r.method << " " << r.pattern << " -> " << res->status;
        } else {
          EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
        }
      } else if (kind == Kind::kAdmin) {
        bool admin = user.role == domain::Role::kLaAdministrator;
        std::vector<domain::UserId> targets{disposable, other_la_user};
        for (auto target : targets) {
          if (r.pattern.find("{id}") == std::string::npos && target != disposable) continue;
          auto res = Call(&s, r, Fill(r.pattern, target.value()));
          ASSERT_TRUE(res);
          ++checked;
          bool may = admin && (r.pattern.find("{id}") == std::string::npos || target == disposable);
          if (may) {
            EXPECT_TRUE(Allowed(res->status))
                << username << " " << r.method << " " << r.pattern << " -> " << res->status;
          } else {
            EXPECT_EQ(res->status, 403) << username << " " << r.method << " " << r.pattern;
          }
        }
      } else if (kind == Kind::kSettingList) {
        auto res = Call(&s, r, r.pattern);
        ASSERT_TRUE(res);
        ++checked;
        if (!domain::MayListSettings(user.role)) {
          EXPECT_EQ(res->status, 403) << username << " " << r.pattern;
          continue;
        }
        EXPECT_EQ(res->status, 200) << username << " " << r.pattern;
        for (const auto& setting : settings) {
          bool may = domain::MayAccessSetting(user, domain::SettingAction::kView, setting);
          bool shown = res->body.find(setting.name) != std::string::npos;
          EXPECT_EQ(shown, may) << username << " " << r.pattern << " setting " << setting.name;
        }
      } else if (kind == Kind::kLearnerList) {
        std::set<long long> expected;
        for (const auto& l : learners)
          if (domain::MayAccessLearner(user, LearnerAction::kView, l, today))
            expected.insert(l.id.value());
        if (!domain::MaySeeLearnerNames(user.role)) {
          auto res = Call(&s, r, r.pattern);
          ASSERT_TRUE(res);
          EXPECT_EQ(res->status, 403) << username << " " << r.pattern;
          continue;
        }
        if (r.api) {
          std::set<long long> seen;
          for (int page = 1; page <= 50; ++page) {
            auto res = Call(&s, r, r.pattern + "?page_size=100&page=" + std::to_string(page));
            ASSERT_TRUE(res);
            ASSERT_EQ(res->status, 200) << username;
            auto body = nlohmann::json::parse(res->body);
            for (auto& item : body["items"]) seen.insert(item["id"].get<long long>());
            if (page >= body["page_count"].get<int>()) break;
          }
          ++checked;
          EXPECT_EQ(seen, expected) << username << " sees the wrong learners in " << r.pattern;
        } else {
          auto res = Call(&s, r, r.pattern);
          ASSERT_TRUE(res);
          ++checked;
          EXPECT_EQ(res->status, 200) << username;
          EXPECT_NE(res->body.find("id=\"result-count\""), std::string::npos);
          EXPECT_NE(res->body.find(" " + std::to_string(expected.size()) + "</p>"),
                    std::string::npos)
              << username << " should see " << expected.size() << " learners";
          for (const auto& l : learners) {
            if (expected.count(l.id.value())) continue;
            EXPECT_EQ(res->body.find(l.upn.str()), std::string::npos)
                << "leak: " << username << " sees " << l.upn.str();
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 300);
}

}  // namespace
}  // namespace cynnal::testing
