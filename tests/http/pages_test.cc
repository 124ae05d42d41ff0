// What a person notices when using Cynnal's pages and API: sign-in, language, learner forms with
// their errors, audit rows, and the answers to bad requests.
#include <regex>

#include "app/authentication.h"
#include "app/learners.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

std::string CsrfFrom(const std::string& html) {
  std::smatch m;
  std::regex re("name=\"csrf_token\" value=\"([0-9a-f]+)\"");
  if (std::regex_search(html, m, re)) return m[1];
  return "";
}

class Pages : public WebFixture {
 protected:
  // A valid new learner at the ALNCo's first setting, registered from 1 September 2026.
  httplib::Params NewLearner(const Session& s, const std::string& upn) {
    return {{"legal_first_name", "Gwenllian"},
            {"legal_last_name", "ap Dafydd"},
            {"dob-day", "14"},
            {"dob-month", "3"},
            {"dob-year", "2019"},
            {"upn", upn},
            {"home_language", "Cymraeg"},
            {"letter_language", "cy"},
            {"welsh_medium", "yes"},
            {"registration_setting", std::to_string(s.user.settings.front().value())},
            {"registration_start-day", "1"},
            {"registration_start-month", "9"},
            {"registration_start-year", "2026"}};
  }
  // A UPN no demo learner holds, valid for its check letter.
  std::string FreshUpn() {
    std::string rest = "680999926001";
    return std::string(1, *domain::UpnCheckLetter(rest)) + rest;
  }
};

TEST_F(Pages, SignInFormSignsInAndWrongPasswordShowsErrorSummary) {
  auto client = Client();
  auto form = client.Get("/sign-in");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200);
  std::string csrf = CsrfFrom(form->body);
  ASSERT_FALSE(csrf.empty());
  std::string cookie = form->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto bad = client.Post(
      "/sign-in", {{"Cookie", cookie}},
      httplib::Params{{"csrf_token", csrf}, {"username", "alnco"}, {"password", "wrong"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(bad->body.find("Enter a correct username and password"), std::string::npos);
  auto good = client.Post(
      "/sign-in", {{"Cookie", cookie}},
      httplib::Params{{"csrf_token", csrf}, {"username", "alnco"}, {"password", "cynnal-demo"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 303);
  EXPECT_NE(good->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(good->get_header_value("Set-Cookie").find("SameSite"), std::string::npos);
}

TEST_F(Pages, SignInWithoutItsFormTokenIsRefusedWithTryAgainPage) {
  auto client = Client();
  auto res =
      client.Post("/sign-in", httplib::Params{{"username", "alnco"}, {"password", "cynnal-demo"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(res->body.find("try again"), std::string::npos);
}

TEST_F(Pages, StaleCsrfTokenOnAFormGets403AndSavesNothing) {
  Session s = SignIn("alnco");
  auto client = Client();
  auto params = NewLearner(s, FreshUpn());
  params.emplace("csrf_token", "0000");
  auto res = client.Post("/learners/new/confirm", {{"Cookie", s.cookie}}, params);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(res->body.find("Your form expired"), std::string::npos);
  auto uow = store_.Begin(app::TxMode::kRead);
  EXPECT_FALSE((*uow)->Learners().FindByUpn(FreshUpn()).has_value());
}

TEST_F(Pages, AccountLocksAfterFiveWrongPasswords) {
  auto client = Client();
  for (int i = 0; i < 5; ++i) {
    auto res = client.Post("/api/v1/session", R"({"username":"teacher","password":"nope"})",
                           "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422);
  }
  auto res = client.Post("/api/v1/session", R"({"username":"teacher","password":"cynnal-demo"})",
                         "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << "the right password does not open a locked account";
  EXPECT_NE(res->body.find("sign_in_error_credentials"), std::string::npos);
  clock_.Advance(std::chrono::minutes{16});
  res = client.Post("/api/v1/session", R"({"username":"teacher","password":"cynnal-demo"})",
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
}

TEST_F(Pages, SessionEndsAfterIdleTimeAndAfterSignOut) {
  Session s = SignIn("la.officer");
  EXPECT_EQ(Get(s, "/learners")->status, 200);
  clock_.Advance(std::chrono::minutes{31});
  auto res = Get(s, "/learners");
  EXPECT_EQ(res->status, 303);
  Session t = SignIn("la.officer");
  EXPECT_EQ(PostForm(t, "/sign-out", {})->status, 303);
  EXPECT_EQ(Get(t, "/learners")->status, 303);
}

TEST_F(Pages, AlncoAddsLearnerThroughCheckAnswersAndTheAdditionIsAudited) {
  Session s = SignIn("alnco");
  std::string upn = FreshUpn();
  auto check = PostForm(s, "/learners/new", NewLearner(s, upn));
  ASSERT_TRUE(check);
  EXPECT_EQ(check->status, 200);
  EXPECT_NE(check->body.find("Check the learner"), std::string::npos);
  EXPECT_NE(check->body.find(upn), std::string::npos);
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    EXPECT_FALSE((*uow)->Learners().FindByUpn(upn).has_value())
        << "nothing is saved before confirming";
  }
  auto saved = PostForm(s, "/learners/new/confirm", NewLearner(s, upn));
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 303);
  std::string location = saved->get_header_value("Location");
  auto page = Get(s, location);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Gwenllian ap Dafydd"), std::string::npos);
  EXPECT_NE(page->body.find("Learner added"), std::string::npos);
  auto uow = store_.Begin(app::TxMode::kRead);
  auto learner = (*uow)->Learners().FindByUpn(upn);
  ASSERT_TRUE(learner);
  app::AuditQuery q;
  q.local_authority = s.user.local_authority;
  q.learner = learner->id;
  auto audit = (*uow)->Audit().Search(q);
  ASSERT_EQ(audit.total, 2);  // the addition, then the view of the record
  EXPECT_EQ(audit.items[1].action, domain::AuditAction::kCreate);
  EXPECT_EQ(audit.items[0].action, domain::AuditAction::kView);
  EXPECT_EQ(audit.items[0].username, "alnco");
  EXPECT_FALSE(audit.items[0].request_id.empty());
  EXPECT_EQ(audit.items[0].request_id, page->get_header_value("X-Request-Id"));
}

TEST_F(Pages, BadLearnerInputShowsEveryProblemBesideItsFieldAndSavesNothing) {
  Session s = SignIn("alnco");
  auto params = NewLearner(s, "B801200005002");  // wrong check letter
  params.erase("legal_first_name");
  params.erase("dob-year");
  params.emplace("dob-year", "2031");  // the future
  params.erase("registration_start-year");
  params.emplace("registration_start-year", "2026");
  params.emplace("registration_end-day", "1");
  params.emplace("registration_end-month", "1");
  params.emplace("registration_end-year", "2026");  // before the start
  auto before = AuditCount();
  auto res = PostForm(s, "/learners/new", params);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(res->body.find("Enter the learner&#39;s legal first name"), std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("check letter does not match"), std::string::npos);
  EXPECT_NE(res->body.find("Date of birth must be today or in the past"), std::string::npos);
  EXPECT_NE(res->body.find("href=\"#upn\""), std::string::npos);
  EXPECT_NE(res->body.find("id=\"upn-error\""), std::string::npos);
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(Pages, RegistrationEndingBeforeItStartsIsRefused) {
  Session s = SignIn("alnco");
  auto params = NewLearner(s, FreshUpn());
  params.emplace("registration_end-day", "1");
  params.emplace("registration_end-month", "1");
  params.emplace("registration_end-year", "2026");
  auto res = PostForm(s, "/learners/new/confirm", params);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("End date must be the same as or after the start date"),
            std::string::npos);
  auto uow = store_.Begin(app::TxMode::kRead);
  EXPECT_FALSE((*uow)->Learners().FindByUpn(FreshUpn()).has_value());
}

TEST_F(Pages, DuplicateUpnIsAFieldError) {
  Session s = SignIn("alnco");
  auto learners = AllLearners();
  auto res = PostForm(s, "/learners/new", NewLearner(s, learners.front().upn.str()));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("Another learner already has this UPN"), std::string::npos);
}

TEST_F(Pages, TwoEditorsCannotSilentlyOverwriteEachOther) {
  Session a = SignIn("la.officer");
  Session b = SignIn("la.admin");
  auto learner = UpdatableBy(a);
  auto input = app::InputFrom(learner);
  auto form = [&](const std::string& preferred) {
    return httplib::Params{
        {"legal_first_name", input.legal_first_name},
        {"legal_last_name", input.legal_last_name},
        {"preferred_name", preferred},
        {"dob-day", input.dob_day},
        {"dob-month", input.dob_month},
        {"dob-year", input.dob_year},
        {"upn", input.upn},
        {"home_language", input.home_language},
        {"letter_language", input.letter_language},
        {"welsh_medium", input.welsh_medium ? "yes" : ""},
        {"looked_after", input.looked_after ? "yes" : ""},
        {"looked_after_by", input.looked_after_by},
        {"electively_home_educated", input.electively_home_educated ? "yes" : ""},
        {"version", std::to_string(learner.version)}};
  };
  std::string path = "/learners/" + std::to_string(learner.id.value()) + "/edit";
  EXPECT_EQ(PostForm(a, path, form("Gwen"))->status, 303);
  auto second = PostForm(b, path, form("Wendy"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 409) << second->body.substr(second->body.find("<main"), 600);
  EXPECT_NE(second->body.find("Someone else changed"), std::string::npos);
  EXPECT_NE(second->body.find("Wendy"), std::string::npos) << "the second editor keeps their text";
  EXPECT_NE(second->body.find("id=\"conflict\""), std::string::npos);
  EXPECT_NE(second->body.find("Gwen"), std::string::npos) << "and sees what the first saved";
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    EXPECT_EQ((*uow)->Learners().Get(learner.id)->preferred_name, "Gwen");
  }
  // Saving again from the conflict page is a deliberate choice: it keeps the second text.
  auto again = form("Wendy");
  again.erase("version");
  again.emplace("version", std::to_string(learner.version + 1));
  EXPECT_EQ(PostForm(b, path, again)->status, 303);
  auto uow = store_.Begin(app::TxMode::kRead);
  EXPECT_EQ((*uow)->Learners().Get(learner.id)->preferred_name, "Wendy");
}

TEST_F(Pages, LanguageSwitchShowsWelshAndIsRememberedForTheUser) {
  Session s = SignIn("alnco");
  auto learner = AllLearners();
  std::string path;
  for (auto& l : learner)
    if (domain::MayAccessLearner(s.user, domain::LearnerAction::kView, l, clock_.Today()))
      path = "/learners/" + std::to_string(l.id.value());
  ASSERT_FALSE(path.empty());
  auto english = Get(s, path);
  EXPECT_NE(english->body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(english->body.find("Date of birth"), std::string::npos);
  auto sw = Get(s, "/language/cy?next=" + httplib::detail::encode_query_param(path));
  EXPECT_EQ(sw->status, 303);
  EXPECT_EQ(sw->get_header_value("Location"), path);
  Session again = SignIn("alnco");  // a new session of the same user
  auto welsh = Get(again, path);
  EXPECT_NE(welsh->body.find("<html lang=\"cy\""), std::string::npos);
  EXPECT_NE(welsh->body.find(catalog_->Get(http::Lang::kCy, "field_dob")), std::string::npos);
  EXPECT_EQ(welsh->body.find(">Date of birth<"), std::string::npos);
}

TEST_F(Pages, EndingARegistrationRecordsTheLeavingDateAndRefusesAnEndBeforeTheStart) {
  Session s = SignIn("la.officer");
  domain::Learner learner = UpdatableBy(s);
  ASSERT_FALSE(learner.registrations.empty());
  std::string path = "/learners/" + std::to_string(learner.id.value()) + "/registrations/0/end";
  auto record = Get(s, "/learners/" + std::to_string(learner.id.value()));
  // The record links to the form (mustache writes "/" as &#x2F;).
  EXPECT_NE(record->body.find("&#x2F;learners&#x2F;" + std::to_string(learner.id.value()) +
                              "&#x2F;registrations&#x2F;0&#x2F;end"),
            std::string::npos);
  EXPECT_EQ(Get(s, path)->status, 200);
  auto bad = PostForm(s, path,
                      {{"registration_end-day", "1"},
                       {"registration_end-month", "1"},
                       {"registration_end-year", "1990"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("End date must be the same as or after the start date"),
            std::string::npos);
  auto good = PostForm(s, path,
                       {{"registration_end-day", "20"},
                        {"registration_end-month", "11"},
                        {"registration_end-year", "2026"}});
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 303);
  auto uow = store_.Begin(app::TxMode::kRead);
  auto stored = (*uow)->Learners().Get(learner.id);
  ASSERT_TRUE(stored->registrations[0].end.has_value());
  EXPECT_EQ(domain::FormatIsoDate(*stored->registrations[0].end), "2026-11-20");
}

TEST_F(Pages, AnAlncoSeesALearnerJoiningTheirSchoolNextTermButNotOneWhoLeft) {
  Session s = SignIn("alnco");
  Session officer = SignIn("la.officer");
  // A learner of another school, given a registration at the ALNCo's school from January.
  domain::Learner joining;
  for (const auto& l : AllLearners()) {
    if (l.local_authority == officer.user.local_authority &&
        !domain::MayAccessLearner(s.user, domain::LearnerAction::kView, l, clock_.Today()) &&
        domain::YearGroupOn(l.date_of_birth, clock_.Today()) == 3) {
      joining = l;
      break;
    }
  }
  ASSERT_TRUE(joining.id.valid());
  std::string record = "/learners/" + std::to_string(joining.id.value());
  EXPECT_EQ(Get(s, record)->status, 403);
  auto added = PostForm(officer, record + "/registrations/new",
                        {{"registration_setting", std::to_string(s.user.settings.front().value())},
                         {"registration_start-day", "5"},
                         {"registration_start-month", "1"},
                         {"registration_start-year", "2027"}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303) << added->body;
  EXPECT_EQ(Get(s, record)->status, 200) << "transition: the school prepares before the start";
  int index = static_cast<int>(joining.registrations.size());
  EXPECT_EQ(PostForm(officer, record + "/registrations/" + std::to_string(index) + "/end",
                     {{"registration_end-day", "31"},
                      {"registration_end-month", "3"},
                      {"registration_end-year", "2027"}})
                ->status,
            303);
  clock_.Advance(std::chrono::hours{24 * 140});  // into April 2027, after the end
  Session later = SignIn("alnco");
  EXPECT_EQ(Get(later, record)->status, 403);
}

TEST_F(Pages, AnAdministratorAddsAndDisablesUsersAndADisabledUserIsSignedOut) {
  Session admin = SignIn("la.admin");
  Session teacher = SignIn("teacher");
  EXPECT_EQ(Get(teacher, "/learners")->status, 200);
  auto added = PostForm(admin, "/admin/users/new",
                        {{"username", "new.alnco"},
                         {"display_name", "Nia Bevan"},
                         {"role", "alnco"},
                         {"setting", std::to_string(teacher.user.settings.front().value())},
                         {"password", "a-long-password"}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 303) << added->body;
  Session fresh = SignIn("new.alnco", "a-long-password");
  EXPECT_EQ(Get(fresh, "/learners")->status, 200);
  auto taken = PostForm(admin, "/admin/users/new",
                        {{"username", "new.alnco"},
                         {"display_name", "Someone Else"},
                         {"role", "teacher"},
                         {"setting", std::to_string(teacher.user.settings.front().value())},
                         {"password", "a-long-password"}});
  EXPECT_EQ(taken->status, 422);
  EXPECT_NE(taken->body.find("This username is taken"), std::string::npos);
  auto disabled =
      PostForm(admin, "/admin/users/" + std::to_string(teacher.user.id.value()) + "/disable", {});
  EXPECT_EQ(disabled->status, 303);
  EXPECT_EQ(Get(teacher, "/learners")->status, 303) << "the disabled user's session has ended";
  auto client = Client();
  auto again = client.Post("/api/v1/session", R"({"username":"teacher","password":"cynnal-demo"})",
                           "application/json");
  EXPECT_EQ(again->status, 422);
}

TEST_F(Pages, ResettingAPasswordOnTheCommandLineEndsSessionsAndUnlocks) {
  Session before = SignIn("governor");
  app::Actor cli;
  cli.operator_cli = true;
  cli.user.username = "cli";
  EXPECT_FALSE(app::ResetPassword(services_, cli, "governor", "short").has_value());
  ASSERT_TRUE(app::ResetPassword(services_, cli, "governor", "a-new-long-password").has_value());
  EXPECT_EQ(Get(before, "/")->status, 303);
  SignIn("governor", "a-new-long-password");
  auto client = Client();
  auto old = client.Post("/api/v1/session", R"({"username":"governor","password":"cynnal-demo"})",
                         "application/json");
  EXPECT_EQ(old->status, 422);
}

TEST_F(Pages, LanguageSwitchNeverRedirectsOffSite) {
  auto client = Client();
  auto res = client.Get("/language/cy?next=//evil.example/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Location"), "/");
}

TEST_F(Pages, GovernorSeesCountsButNoNames) {
  Session s = SignIn("governor");
  auto home = Get(s, "/");
  EXPECT_EQ(home->status, 200);
  auto setting = Get(s, "/settings/" + std::to_string(s.user.settings.front().value()));
  EXPECT_EQ(setting->status, 200);
  EXPECT_NE(setting->body.find("year-group-counts"), std::string::npos);
  for (const auto& l : AllLearners()) {
    EXPECT_EQ(setting->body.find(l.upn.str()), std::string::npos);
    EXPECT_EQ(home->body.find(l.upn.str()), std::string::npos);
  }
  EXPECT_EQ(Get(s, "/learners")->status, 403);
}

TEST_F(Pages, AuditSearchFindsViewsByLearnerAndByUser) {
  Session officer = SignIn("la.officer");
  auto learner = UpdatableBy(officer);
  Get(officer, "/learners/" + std::to_string(learner.id.value()));
  Session admin = SignIn("la.admin");
  auto by_learner = Get(admin, "/admin/audit?learner=" + learner.upn.str());
  EXPECT_EQ(by_learner->status, 200);
  EXPECT_NE(by_learner->body.find("la.officer"), std::string::npos);
  auto by_user = Get(admin, "/admin/audit?username=la.officer");
  // mustache escapes "/" as &#x2F;
  EXPECT_NE(by_user->body.find("GET &#x2F;learners&#x2F;" + std::to_string(learner.id.value())),
            std::string::npos);
  auto unknown = Get(admin, "/admin/audit?learner=nobody");
  EXPECT_EQ(unknown->status, 422);
  EXPECT_NE(unknown->body.find("govuk-error-summary"), std::string::npos);
}

TEST_F(Pages, LearnerListSearchesByNameAndUpnAndPages) {
  Session s = SignIn("la.officer");
  auto learner = UpdatableBy(s);
  auto by_upn = Get(s, "/learners?q=" + learner.upn.str());
  EXPECT_NE(by_upn->body.find(learner.DisplayName()), std::string::npos);
  EXPECT_NE(by_upn->body.find(" 1</p>"), std::string::npos);
  auto first = Get(s, "/learners");
  EXPECT_NE(first->body.find("govuk-pagination"), std::string::npos);
  auto second = Get(s, "/learners?page=2");
  EXPECT_EQ(second->status, 200);
  EXPECT_NE(first->body, second->body);
}

TEST_F(Pages, ApiAnswersProblemJsonForBadInput) {
  Session s = SignIn("la.officer");
  auto malformed = Send(s, "POST", "/api/v1/learners", "{not json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 400);
  EXPECT_EQ(malformed->get_header_value("Content-Type"), "application/problem+json");
  auto body = nlohmann::json::parse(malformed->body);
  EXPECT_EQ(body["status"], 400);
  EXPECT_EQ(body["code"], "api_error_malformed_json");

  nlohmann::json learner{{"legal_first_name", "Rhys"},
                         {"legal_last_name", "Evans"},
                         {"date_of_birth", "2018-02-30"},
                         {"upn", "B801200005001x"},
                         {"home_language", "English"},
                         {"letter_language", "en"},
                         {"registration", {{"setting_id", 1}, {"start", "2026-09-01"}}}};
  auto invalid = Send(s, "POST", "/api/v1/learners", learner.dump());
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 422);
  auto problem = nlohmann::json::parse(invalid->body);
  std::set<std::string> fields;
  for (auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.count("dob")) << invalid->body;

  auto client = Client();
  std::string huge(200 * 1024, 'x');
  auto too_large = client.Post("/api/v1/learners", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}},
                               huge, "application/json");
  ASSERT_TRUE(too_large);
  EXPECT_EQ(too_large->status, 413);

  auto no_csrf = client.Post("/api/v1/learners", {{"Cookie", s.cookie}}, "{}", "application/json");
  EXPECT_EQ(no_csrf->status, 403);
}

TEST_F(Pages, ApiCreatesAndUpdatesLearnersWithVersions) {
  Session s = SignIn("la.officer");
  long long setting = 0;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    setting = (*uow)->Settings().ListByLocalAuthority(s.user.local_authority).front().id.value();
  }
  nlohmann::json learner{{"legal_first_name", "Llŷr"},
                         {"legal_last_name", "Ŵyn"},
                         {"date_of_birth", "2017-05-04"},
                         {"upn", FreshUpn()},
                         {"home_language", "Cymraeg"},
                         {"letter_language", "cy"},
                         {"welsh_medium", true},
                         {"registration", {{"setting_id", setting}, {"start", "2026-09-01"}}}};
  auto created = Send(s, "POST", "/api/v1/learners", learner.dump());
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto body = nlohmann::json::parse(created->body);
  EXPECT_EQ(body["display_name"], "Llŷr Ŵyn");
  std::string path = "/api/v1/learners/" + std::to_string(body["id"].get<long long>());
  learner["preferred_name"] = "Ll";
  learner["version"] = body["version"];
  auto updated = Send(s, "PUT", path, learner.dump());
  ASSERT_EQ(updated->status, 200) << updated->body;
  auto stale = Send(s, "PUT", path, learner.dump());
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(nlohmann::json::parse(stale->body)["code"], "learner_error_conflict");
}

TEST_F(Pages, UnknownPagesAndLearnersAnswer404) {
  Session s = SignIn("la.officer");
  EXPECT_EQ(Get(s, "/no-such-page")->status, 404);
  EXPECT_EQ(Get(s, "/learners/999999")->status, 404);
  EXPECT_EQ(Get(s, "/learners/0")->status, 404);
  EXPECT_EQ(Get(s, "/learners/0/edit")->status, 404);
  EXPECT_EQ(Get(s, "/learners/99999999999999999999")->status, 404);
  EXPECT_EQ(Get(s, "/settings/0")->status, 404);
  EXPECT_EQ(Get(s, "/api/v1/learners/999999")->status, 404);
}

TEST_F(Pages, OpenApiDocumentListsEveryApiRoute) {
  auto client = Client();
  auto res = client.Get("/api/v1/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  auto doc = nlohmann::json::parse(res->body);
  for (const auto& r : web_->routes()) {
    if (!r.api) continue;
    std::string method = r.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    EXPECT_TRUE(doc["paths"].contains(r.pattern) && doc["paths"][r.pattern].contains(method))
        << r.method << " " << r.pattern << " is not in openapi.json";
  }
}

TEST_F(Pages, AssetsAreServedWithTheirTypes) {
  auto client = Client();
  auto css = client.Get("/assets/cynnal.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_NE(css->get_header_value("Content-Type").find("text/css"), std::string::npos);
  EXPECT_EQ(css->body.find("GDS Transport"), std::string::npos);
}

}  // namespace
}  // namespace cynnal::testing
