// Protections a family or a council would expect: schools act only on their own registrations,
// contact details stay within the family, every look is traceable by the learner's own LA, and
// requests from elsewhere cannot steer a signed-in browser.
#include "app/learners.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

class Safeguards : public WebFixture {
 protected:
  // A learner of the ALNCo's LA registered at a school that is not the ALNCo's.
  domain::Learner AtAnotherSchool(const Session& alnco) {
    for (const auto& l : AllLearners()) {
      if (l.local_authority != alnco.user.local_authority || l.registrations.empty()) continue;
      bool theirs = false;
      for (const auto& r : l.registrations)
        for (auto s : alnco.user.settings) theirs = theirs || r.setting == s;
      if (!theirs) return l;
    }
    ADD_FAILURE() << "no learner at another school";
    return {};
  }
};

TEST_F(Safeguards, AnAlncoCannotEnrolTheirPupilAtAnotherSchoolOrEndAnotherSchoolsRegistration) {
  Session alnco = SignIn("alnco");
  domain::Learner own = UpdatableBy(alnco);
  domain::Learner other = AtAnotherSchool(alnco);
  auto res =
      PostForm(alnco, "/learners/" + std::to_string(own.id.value()) + "/registrations/new",
               {{"registration_setting", std::to_string(other.registrations[0].setting.value())},
                {"registration_start-day", "1"},
                {"registration_start-month", "1"},
                {"registration_start-year", "2027"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("Select a school or setting in your local authority"),
            std::string::npos);
  // A dually registered learner: the ALNCo's school and another; the other is not theirs to end.
  Session officer = SignIn("la.officer");
  std::string record = "/learners/" + std::to_string(own.id.value());
  ASSERT_EQ(
      PostForm(officer, record + "/registrations/new",
               {{"registration_setting", std::to_string(other.registrations[0].setting.value())},
                {"registration_start-day", "1"},
                {"registration_start-month", "1"},
                {"registration_start-year", "2027"}})
          ->status,
      303);
  int index = static_cast<int>(own.registrations.size());
  auto end = PostForm(alnco, record + "/registrations/" + std::to_string(index) + "/end",
                      {{"registration_end-day", "2"},
                       {"registration_end-month", "1"},
                       {"registration_end-year", "2027"}});
  EXPECT_EQ(end->status, 403);
  auto uow = store_.Begin(app::TxMode::kRead);
  EXPECT_FALSE((*uow)->Learners().Get(own.id)->registrations[static_cast<std::size_t>(index)].end);
}

TEST_F(Safeguards, AParentSeesTheirOwnContactDetailsButNotAnotherAdults) {
  Session parent = SignIn("parent");
  domain::Learner child;
  for (const auto& l : AllLearners())
    if (domain::MayAccessLearner(parent.user, domain::LearnerAction::kView, l, clock_.Today()))
      child = l;
  ASSERT_TRUE(child.id.valid());
  std::vector<domain::FamilyMember> adults;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    std::vector<domain::FamilyMemberId> ids;
    for (const auto& f : child.family) ids.push_back(f.member);
    adults = (*uow)->Families().GetMany(ids);
  }
  ASSERT_GE(adults.size(), 2u) << "the demo parent's children have two adults";
  auto page = Get(parent, "/learners/" + std::to_string(child.id.value()));
  ASSERT_EQ(page->status, 200);
  for (const auto& adult : adults) {
    EXPECT_NE(page->body.find(adult.full_name), std::string::npos);
    bool own = adult.id == *parent.user.family_member;
    if (!adult.phone.empty()) {
      EXPECT_EQ(page->body.find(adult.phone) != std::string::npos, own) << adult.full_name;
    }
  }
  Session teacher = SignIn("teacher");
  auto staff_view = Get(teacher, "/learners/" + std::to_string(child.id.value()));
  for (const auto& adult : adults)
    if (!adult.phone.empty()) {
      EXPECT_NE(staff_view->body.find(adult.phone), std::string::npos);
    }
}

TEST_F(Safeguards, EveryLearnerInAListIsAuditedAndTheirOwnLaSeesLooksFromAnotherLa) {
  Session officer = SignIn("la.officer");
  auto list = Get(officer, "/learners?q=a");
  ASSERT_EQ(list->status, 200);
  domain::Learner shown = UpdatableBy(officer);
  // A learner of the neighbouring LA whom this LA looks after.
  domain::Learner placed;
  for (const auto& l : AllLearners())
    if (l.local_authority != officer.user.local_authority && l.looked_after) placed = l;
  ASSERT_TRUE(placed.id.valid());
  Get(officer, "/learners/" + std::to_string(placed.id.value()));
  auto uow = store_.Begin(app::TxMode::kRead);
  app::AuditQuery q;
  q.local_authority = placed.local_authority;
  q.learner = placed.id;
  auto rows = (*uow)->Audit().Search(q);
  ASSERT_GE(rows.total, 1) << "the neighbouring LA finds the look at its learner";
  EXPECT_EQ(rows.items[0].username, "la.officer");
  app::AuditQuery listed;
  listed.local_authority = officer.user.local_authority;
  listed.username = "la.officer";
  listed.limit = 1000;
  int list_rows = 0;
  for (const auto& e : (*uow)->Audit().Search(listed).items)
    if (e.detail.find("search: a") != std::string::npos) ++list_rows;
  EXPECT_EQ(list_rows, 25) << "one row per learner on the first page";
}

TEST_F(Safeguards, RedirectsStayOnThisSiteWhateverIsHiddenInNext) {
  auto client = Client();
  for (std::string next :
       {"/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example"}) {
    auto res = client.Get("/language/cy?next=" + next);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Location"), "/") << next;
  }
}

TEST_F(Safeguards, TheApiTakesOnlyJsonSoAnotherSiteCannotSignABrowserIn) {
  auto client = Client();
  auto res = client.Post("/api/v1/session", R"({"username":"alnco","password":"cynnal-demo"})",
                         "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
  EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
}

TEST_F(Safeguards, AnUnknownLookingAfterLaIsAFieldErrorNotAFault) {
  Session officer = SignIn("la.officer");
  domain::Learner learner = UpdatableBy(officer);
  auto input = app::InputFrom(learner);
  nlohmann::json body{{"legal_first_name", input.legal_first_name},
                      {"legal_last_name", input.legal_last_name},
                      {"date_of_birth", domain::FormatIsoDate(learner.date_of_birth)},
                      {"upn", input.upn},
                      {"home_language", input.home_language},
                      {"letter_language", input.letter_language},
                      {"looked_after", true},
                      {"looked_after_by", 99999},
                      {"version", learner.version}};
  auto res =
      Send(officer, "PUT", "/api/v1/learners/" + std::to_string(learner.id.value()), body.dump());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_NE(res->body.find("looked_after_by_error_unknown"), std::string::npos);
}

TEST_F(Safeguards, ErrorPagesFollowTheChosenLanguageAndSummaryLinksReachTheFirstInput) {
  auto client = Client();
  auto welsh = client.Get("/no-such-page", {{"Cookie", "cynnal_lang=cy"}});
  ASSERT_TRUE(welsh);
  EXPECT_EQ(welsh->status, 404);
  EXPECT_NE(welsh->body.find("<html lang=\"cy\""), std::string::npos);
  EXPECT_EQ(welsh->body.find("Page not found"), std::string::npos);
  Session alnco = SignIn("alnco");
  auto form = PostForm(alnco, "/learners/new", {{"legal_first_name", "Nia"}});
  EXPECT_NE(form->body.find("href=\"#dob-day\""), std::string::npos);
  EXPECT_NE(form->body.find("aria-describedby=\"legal_last_name-error\""), std::string::npos);
}

TEST_F(Safeguards, AnEndedSessionSendsThePersonToSignInWithAReason) {
  Session s = SignIn("teacher");
  clock_.Advance(std::chrono::hours{13});
  auto res = Get(s, "/learners");
  ASSERT_EQ(res->status, 303);
  std::string location = res->get_header_value("Location");
  EXPECT_EQ(location.rfind("/sign-in?expired=1", 0), 0u) << location;
  auto client = Client();
  auto page = client.Get(location);
  EXPECT_NE(page->body.find("You were signed out because your session ended"), std::string::npos);
}

}  // namespace
}  // namespace cynnal::testing
