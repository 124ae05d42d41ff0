#include "app/family_contacts.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "app/demo_data.h"
#include "app/learners.h"
#include "app/provision.h"
#include "domain/school_calendar.h"
#include "platform/system_clock.h"
#include "storage/memory/memory_store.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::ErrorCode;

class PlainHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    return "plain$" + std::string(password);
  }
  bool Verify(std::string_view encoded_hash, std::string_view password) const override {
    return encoded_hash == Hash(password);
  }
};

class CountingTokens final : public TokenSource {
 public:
  std::string NewToken() override { return "token" + std::to_string(++next_); }
  std::string Digest(std::string_view token) const override {
    return "digest$" + std::string(token);
  }

 private:
  int next_ = 0;
};

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// A Tuesday in the spring term. The demo's contacts at Bryn Derw fall in the weeks before it: three
// held by the school about Mali and Tomos ap Rhys and a home visit about another pupil, and a
// letter from the LA to Mali's family.
const Date kToday = Ymd(2026, 3, 10);

class FamilyContactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto summary = SeedDemoData(store_, hasher_, kToday);
    ASSERT_TRUE(summary.has_value()) << (summary ? "" : summary.error().message);
    alnco_ = As("alnco");
    teacher_ = As("teacher");
    governor_ = As("governor");
    officer_ = As("la.officer");
    ASSERT_EQ(alnco_.user.settings.size(), 1u);
    school_ = alnco_.user.settings.front();
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    LearnerQuery query;
    query.scope.settings = {school_};
    query.scope.on = kToday;
    query.text = "ap Rhys";
    for (const auto& l : (*uow)->Learners().Search(query).items)
      if (l.legal_first_name == "Mali") mali_ = l;
    ASSERT_TRUE(mali_.has_value());
  }

  Actor As(const std::string& username) {
    Actor actor;
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    if (!uow) return actor;
    auto user = (*uow)->Users().FindByUsername(username);
    EXPECT_TRUE(user.has_value()) << username;
    if (user) actor.user = *user;
    actor.route = "TEST";
    return actor;
  }

  Form ContactForm(const std::string& summary) const {
    Form form;
    form.values = {{"on", domain::FormatIsoDate(domain::AddDays(kToday, -1))},
                   {"family_member", std::to_string(mali_->family.front().member.value())},
                   {"method", "phone"},
                   {"purpose", "progress"},
                   {"started_by", "school"},
                   {"language", "cy"},
                   {"summary", summary},
                   {"follow_up_by", domain::FormatIsoDate(domain::AddDays(kToday, 5))}};
    return form;
  }

  storage::MemoryStore store_;
  PlainHasher hasher_;
  CountingTokens tokens_;
  platform::FixedClock clock_{domain::Timestamp{std::chrono::sys_days{kToday}} +
                              std::chrono::hours{10}};
  Services services_{store_, clock_, hasher_, tokens_};
  Actor alnco_, teacher_, governor_, officer_;
  domain::SettingId school_;
  std::optional<domain::Learner> mali_;
};

TEST_F(FamilyContactsTest, TheSchoolsFiguresAreTheLasFiguresForItAndTheLasLetterCountsForTheLa) {
  auto school = ViewSchoolLiaison(services_, alnco_, school_, 0);
  ASSERT_TRUE(school.has_value()) << school.error().message;
  EXPECT_EQ(school->summary.contacts, 4);
  EXPECT_EQ(school->summary.learners_contacted, 3);
  EXPECT_EQ(school->summary.follow_ups_overdue, 1);  // the meeting about Mali's progress
  EXPECT_EQ(school->summary.follow_ups_due, 1);      // Tomos's call
  EXPECT_EQ(school->lines.size(), 4u);
  ASSERT_EQ(school->follow_ups.size(), 2u);
  EXPECT_EQ(school->follow_ups[0].follow_up, domain::FollowUpState::kOverdue);
  EXPECT_LT(*school->follow_ups[0].contact.follow_up_by,
            *school->follow_ups[1].contact.follow_up_by);
  for (const auto& row : school->not_contacted) EXPECT_NE(row.learner, mali_->id);

  auto oversight = ViewLaOversight(services_, officer_);
  ASSERT_TRUE(oversight.has_value()) << oversight.error().message;
  int schools = 0;
  for (const auto& row : oversight->schools) {
    schools += row.liaison.contacts;
    if (row.setting.id != school_) continue;
    EXPECT_EQ(row.liaison.contacts, school->summary.contacts);
    EXPECT_EQ(row.counts.total, school->register_total);
    EXPECT_EQ(row.register_contacted,
              school->register_total - static_cast<int>(school->not_contacted.size()));
  }
  EXPECT_EQ(oversight->la.liaison.contacts, schools + 1);  // the LA's own letter
}

TEST_F(FamilyContactsTest, EachContactBelongsToWhoeverHeldIt) {
  auto by_school = RecordFamilyContact(services_, alnco_, mali_->id, ContactForm("School call"));
  ASSERT_TRUE(by_school.has_value()) << by_school.error().message;
  auto by_la = RecordFamilyContact(services_, officer_, mali_->id, ContactForm("LA call"));
  ASSERT_TRUE(by_la.has_value()) << by_la.error().message;
  std::optional<domain::FamilyContact> school, la;
  {
    // The memory store holds one unit of work at a time: this one ends before the next call.
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    school = (*uow)->FamilyContacts().GetContact(*by_school);
    la = (*uow)->FamilyContacts().GetContact(*by_la);
  }
  ASSERT_TRUE(school && la);
  EXPECT_EQ(school->setting, std::optional<domain::SettingId>(school_));
  EXPECT_EQ(la->setting, std::nullopt);
  EXPECT_EQ(school->by, alnco_.user.id);
  EXPECT_EQ(la->language, domain::LetterLanguage::kWelsh);

  auto view = ViewFamilyContacts(services_, teacher_, mali_->id);
  ASSERT_TRUE(view.has_value());
  ASSERT_GE(view->lines.size(), 2u);
  // Both were held yesterday; the later one is listed first.
  EXPECT_EQ(view->lines[0].contact.id, *by_la);
  EXPECT_EQ(view->lines[0].setting_name, "");
  EXPECT_EQ(view->lines[1].contact.id, *by_school);
  EXPECT_FALSE(view->lines[0].may_remove);  // a teacher, and not theirs
  EXPECT_TRUE(view->lines[0].may_follow_up);
}

TEST_F(FamilyContactsTest, WhoMayDoWhat) {
  EXPECT_EQ(ViewSchoolLiaison(services_, governor_, school_, 0).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(ViewFamilyContacts(services_, governor_, mali_->id).error().code,
            ErrorCode::kForbidden);
  EXPECT_FALSE(CountFamilyContacts(services_, governor_, mali_->id).has_value());
  EXPECT_EQ(RecordFamilyContact(services_, governor_, mali_->id, ContactForm("x")).error().code,
            ErrorCode::kForbidden);

  auto mine = RecordFamilyContact(services_, teacher_, mali_->id, ContactForm("Teacher call"));
  ASSERT_TRUE(mine.has_value()) << mine.error().message;
  auto alncos = RecordFamilyContact(services_, alnco_, mali_->id, ContactForm("ALNCo call"));
  ASSERT_TRUE(alncos.has_value());
  Form version;
  version.values = {{"version", "0"}};
  EXPECT_EQ(RemoveFamilyContact(services_, teacher_, *alncos, version).error().code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(RemoveFamilyContact(services_, teacher_, *mine, version).has_value());
  EXPECT_EQ(ViewFamilyContact(services_, teacher_, *mine).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(RemoveFamilyContact(services_, alnco_, *alncos, version).has_value());
}

TEST_F(FamilyContactsTest, AFollowUpIsRecordedOnceAndOnlyOnTheVersionShown) {
  auto id = RecordFamilyContact(services_, alnco_, mali_->id, ContactForm("Call"));
  ASSERT_TRUE(id.has_value());
  Form stale;
  stale.values = {{"version", "3"}, {"followed_up_on", domain::FormatIsoDate(kToday)}};
  EXPECT_EQ(RecordContactFollowUp(services_, alnco_, *id, stale).error().code,
            ErrorCode::kConflict);
  Form form;
  form.values = {{"version", "0"}, {"followed_up_on", domain::FormatIsoDate(kToday)}};
  ASSERT_TRUE(RecordContactFollowUp(services_, alnco_, *id, form).has_value());
  auto line = ViewFamilyContact(services_, alnco_, *id);
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->follow_up, domain::FollowUpState::kDone);
  EXPECT_FALSE(line->may_follow_up);
  form.values["version"] = "1";
  auto again = RecordContactFollowUp(services_, alnco_, *id, form);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().message, "family_contact_error_followed_up");
}

TEST_F(FamilyContactsTest, EveryProblemWithAContactIsListedAtOnce) {
  Form form;
  form.values = {{"family_member", "other"}, {"follow_up_by", "2026-01-01"}};
  auto refused = RecordFamilyContact(services_, alnco_, mali_->id, form);
  ASSERT_FALSE(refused.has_value());
  const auto& fields = refused.error().fields;
  for (const char* field :
       {"on", "with_name", "method", "purpose", "started_by", "language", "summary"})
    EXPECT_TRUE(fields.contains(field)) << field;
  // Without a date, the follow-up cannot yet be before it.
  EXPECT_FALSE(fields.contains("follow_up_by"));
  Form unknown = ContactForm("Call");
  unknown.values["family_member"] = "999999";
  auto not_family = RecordFamilyContact(services_, alnco_, mali_->id, unknown);
  ASSERT_FALSE(not_family.has_value());
  EXPECT_EQ(not_family.error().fields.at("family_member"), "family_contact_error_member");
}

}  // namespace
}  // namespace cynnal::app
