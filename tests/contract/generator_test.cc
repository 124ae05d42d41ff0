// The synthetic data generator (app/generator.h), run against every store adapter: what an
// operator and the people signing in to a generated data set would notice.

#include "app/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/authentication.h"
#include "app/learners.h"
#include "app/services.h"
#include "contract/contract_helpers.h"
#include "domain/aln_case.h"
#include "domain/learner.h"
#include "domain/organisation.h"
#include "domain/upn.h"
#include "domain/user.h"
#include "platform/sodium_secrets.h"
#include "platform/system_clock.h"
#include "storage/memory/memory_store.h"
#include "support/postgres_scratch.h"

namespace cynnal::app {
namespace {

namespace contract = storage::contract;
using contract::Adapter;
using contract::D;
using contract::kAdapters;
using contract::StoreUnderTest;
using domain::Date;
using domain::SettingType;

const Date kToday = D("2026-03-10");

GeneratorOptions Options(int learners, int las, std::uint64_t seed) {
  GeneratorOptions options;
  options.learners = learners;
  options.local_authorities = las;
  options.seed = seed;
  options.today = kToday;
  options.learners_per_unit_of_work = 250;
  return options;
}

// Everything generated, read back through the ports.
struct World {
  std::vector<domain::LocalAuthority> las;
  std::map<domain::SettingId, domain::Setting> settings;
  std::vector<domain::User> users;
  std::vector<domain::Learner> learners;  // by UPN
  std::map<domain::LearnerId, std::vector<domain::AlnCase>> cases;
  int idps = 0;
  int profiles = 0;
  int legacy = 0;
  int panels = 0;
  int meetings = 0;
};

World Read(Store& store) {
  World world;
  auto uow = store.Begin(TxMode::kRead);
  EXPECT_TRUE(uow.has_value());
  if (!uow) return world;
  UnitOfWork& tx = **uow;
  world.las = tx.LocalAuthorities().List();
  std::set<domain::LearnerId> seen;
  for (const auto& la : world.las) {
    for (const auto& s : tx.Settings().ListByLocalAuthority(la.id)) world.settings[s.id] = s;
    for (const auto& u : tx.Users().ListByLocalAuthority(la.id)) world.users.push_back(u);
    world.legacy += static_cast<int>(tx.Plans().ListLegacy(la.id).size());
    for (const auto& panel : tx.Panels().ListPanels(la.id)) {
      ++world.panels;
      world.meetings += static_cast<int>(
          tx.Panels().ListMeetings(panel.id, D("2000-01-01"), D("2100-01-01")).size());
    }
    LearnerQuery query;
    query.scope.local_authority = la.id;
    query.scope.on = kToday;
    query.limit = 100;
    for (;;) {
      LearnerPage page = tx.Learners().Search(query);
      for (const auto& l : page.items) {
        if (seen.insert(l.id).second) world.learners.push_back(l);
      }
      query.offset += query.limit;
      if (page.items.empty() || query.offset >= page.total) break;
    }
  }
  std::sort(world.learners.begin(), world.learners.end(),
            [](const auto& a, const auto& b) { return a.upn.str() < b.upn.str(); });
  for (const auto& l : world.learners) {
    auto cases = tx.Cases().ListForLearner(l.id);
    if (!cases.empty()) world.cases[l.id] = std::move(cases);
    world.idps += static_cast<int>(tx.Plans().ListForLearner(l.id).size());
    world.profiles += static_cast<int>(tx.Plans().ListProfilesForLearner(l.id).size());
  }
  return world;
}

// A text that changes if any learner's name, UPN or date of birth, or any case's stage, does.
std::string Digest(const World& world) {
  std::string out;
  for (const auto& la : world.las) out += std::to_string(la.la_number) + " " + la.name_en + "\n";
  for (const auto& [id, s] : world.settings) out += s.establishment_number + " " + s.name + "\n";
  for (const auto& l : world.learners) {
    out += l.upn.str() + "|" + l.legal_first_name + "|" + l.preferred_name + "|" +
           l.legal_last_name + "|" + domain::FormatIsoDate(l.date_of_birth);
    if (auto it = world.cases.find(l.id); it != world.cases.end()) {
      for (const auto& c : it->second) out += "|" + std::string(domain::Code(c.stage));
    }
    out += "\n";
  }
  return out;
}

// Year groups a setting of each type teaches (-1 nursery, 0 Reception, 1..13; an FEI takes
// students aged 16 to 19; Welsh primaries have nursery classes).
bool Fits(SettingType type, int year_group) {
  switch (type) {
    case SettingType::kNursery:
      return year_group == -1;
    case SettingType::kPrimary:
      return year_group >= -1 && year_group <= 6;
    case SettingType::kSecondary:
      return year_group >= 7 && year_group <= 13;
    case SettingType::kAllThrough:
      return year_group >= -1 && year_group <= 13;
    case SettingType::kSpecial:
      return year_group >= -1 && year_group <= 14;
    case SettingType::kPru:
      return year_group >= 1 && year_group <= 11;
    case SettingType::kFei:
      return year_group >= 12 && year_group <= 15;
    case SettingType::kIndependent:
    case SettingType::kNonMaintained:
      return year_group >= -1 && year_group <= 13;
  }
  return false;
}

class GeneratorTest : public ::testing::TestWithParam<Adapter> {
 protected:
  void SetUp() override {
    first_ = GetParam().make();
    if (!first_) {
      if (cynnal::testing::PostgresRequired()) FAIL() << cynnal::testing::kNoPostgres;
      GTEST_SKIP() << cynnal::testing::kNoPostgres;
    }
  }

  // A fresh, empty store of the adapter under test.
  std::unique_ptr<StoreUnderTest> Fresh() {
    if (first_) return std::move(first_);
    return GetParam().make();
  }

  GeneratorCounts MustGenerate(Store& store, const GeneratorOptions& options,
                               const GeneratorProgressFn& progress = {}) {
    auto counts = Generate(store, hasher_, options, progress);
    EXPECT_TRUE(counts.has_value()) << (counts ? "" : counts.error().message);
    return counts ? *counts : GeneratorCounts{};
  }

  platform::SodiumPasswordHasher hasher_{
      platform::SodiumPasswordHasher::Strength::kMinimumForTests};
  std::unique_ptr<StoreUnderTest> first_;
};

TEST_P(GeneratorTest, TheSameSeedGivesTheSameDataAndAnotherSeedOtherData) {
  auto first = Fresh();
  auto second = Fresh();
  MustGenerate(*first->store, Options(250, 2, 42));
  MustGenerate(*second->store, Options(250, 2, 42));
  const std::string digest = Digest(Read(*first->store));
  EXPECT_EQ(digest, Digest(Read(*second->store)));
  EXPECT_NE(digest.find("|"), std::string::npos);
  // The same data whatever the store; other data for another seed.
  storage::MemoryStore same, other;
  MustGenerate(same, Options(250, 2, 42));
  MustGenerate(other, Options(250, 2, 43));
  EXPECT_EQ(digest, Digest(Read(same)));
  EXPECT_NE(digest, Digest(Read(other)));
}

TEST_P(GeneratorTest, HoldsExactlyTheLearnersAndLocalAuthoritiesAskedFor) {
  auto under_test = Fresh();
  std::vector<GeneratorProgress> reports;
  const GeneratorCounts counts =
      MustGenerate(*under_test->store, Options(500, 3, 7),
                   [&](const GeneratorProgress& p) { reports.push_back(p); });
  const World world = Read(*under_test->store);

  EXPECT_EQ(counts.learners, 500);
  EXPECT_EQ(counts.local_authorities, 3);
  ASSERT_EQ(world.las.size(), 3U);
  EXPECT_EQ(world.learners.size(), 500U);
  EXPECT_EQ(static_cast<int>(world.settings.size()), counts.settings);
  EXPECT_EQ(static_cast<int>(world.users.size()), counts.users);
  EXPECT_EQ(world.panels, counts.panels);
  EXPECT_EQ(world.meetings, counts.meetings);
  // Wales's own LAs, by number, first.
  EXPECT_EQ(world.las[0].la_number, 660);
  EXPECT_EQ(world.las[0].name_cy, "Cyngor Sir Ynys Môn");
  EXPECT_EQ(world.las[2].la_number, 662);

  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.back().learners_done, 500);
  EXPECT_EQ(reports.back().learners_total, 500);
  EXPECT_EQ(reports.back().local_authorities_done, 3);
  for (std::size_t i = 1; i < reports.size(); ++i) {
    EXPECT_GE(reports[i].learners_done, reports[i - 1].learners_done);
  }
}

TEST_P(GeneratorTest, EverySettingUserAndLearnerBelongsToAGeneratedLocalAuthority) {
  auto under_test = Fresh();
  MustGenerate(*under_test->store, Options(600, 3, 11));
  const World world = Read(*under_test->store);
  std::set<domain::LocalAuthorityId> las;
  for (const auto& la : world.las) las.insert(la.id);

  std::map<domain::LocalAuthorityId, int> learners_by_la;
  for (const auto& l : world.learners) {
    ASSERT_TRUE(las.count(l.local_authority)) << l.upn.str();
    ++learners_by_la[l.local_authority];
    ASSERT_FALSE(l.registrations.empty()) << l.upn.str();
    for (const auto& r : l.registrations) {
      const auto it = world.settings.find(r.setting);
      ASSERT_NE(it, world.settings.end()) << l.upn.str();
      EXPECT_EQ(it->second.local_authority, l.local_authority) << l.upn.str();
      if (r.ActiveOn(kToday)) {
        EXPECT_TRUE(Fits(it->second.type, domain::YearGroupOn(l.date_of_birth, kToday)))
            << l.upn.str() << " born " << domain::FormatIsoDate(l.date_of_birth) << " at "
            << it->second.name;
      }
    }
    EXPECT_FALSE(l.family.empty()) << l.upn.str();
  }
  EXPECT_EQ(learners_by_la.size(), 3U);
  for (const auto& [id, s] : world.settings) {
    EXPECT_TRUE(las.count(s.local_authority)) << s.name;
  }
  std::set<std::string> usernames;
  std::set<domain::Role> roles;
  for (const auto& u : world.users) {
    EXPECT_TRUE(las.count(u.local_authority)) << u.username;
    EXPECT_TRUE(usernames.insert(u.username).second) << u.username;
    EXPECT_TRUE(domain::CheckUserScope(u).has_value()) << u.username;
    roles.insert(u.role);
    for (const auto& s : u.settings) {
      ASSERT_TRUE(world.settings.count(s)) << u.username;
      EXPECT_EQ(world.settings.at(s).local_authority, u.local_authority) << u.username;
    }
  }
  for (auto role :
       {domain::Role::kLaAdministrator, domain::Role::kLaOfficer, domain::Role::kPanelMember,
        domain::Role::kAlnco, domain::Role::kTeacher, domain::Role::kGovernor,
        domain::Role::kParent, domain::Role::kHealthBoardOfficer}) {
    EXPECT_TRUE(roles.count(role)) << domain::Code(role);
  }
}

TEST_P(GeneratorTest, UpnsAreValidAndUniqueAcrossTheDataSet) {
  auto under_test = Fresh();
  MustGenerate(*under_test->store, Options(800, 4, 5));
  const World world = Read(*under_test->store);
  std::set<std::string> upns;
  std::map<domain::LocalAuthorityId, int> numbers;
  for (const auto& la : world.las) numbers[la.id] = la.la_number;
  for (const auto& l : world.learners) {
    EXPECT_EQ(domain::UpnProblem(l.upn.str()), "") << l.upn.str();
    EXPECT_EQ(l.upn.LaNumber(), numbers[l.local_authority]) << l.upn.str();
    EXPECT_TRUE(upns.insert(l.upn.str()).second) << l.upn.str() << " twice";
  }
  EXPECT_EQ(upns.size(), 800U);
}

TEST_P(GeneratorTest, AModestDataSetHasCasesAtEveryStageAndEveryKindOfRecord) {
  auto under_test = Fresh();
  const GeneratorCounts counts = MustGenerate(*under_test->store, Options(1000, 3, 3));
  const World world = Read(*under_test->store);

  std::set<domain::CaseStage> stages;
  int cases = 0;
  for (const auto& [learner, list] : world.cases) {
    for (const auto& c : list) {
      stages.insert(c.stage);
      ++cases;
    }
  }
  for (auto stage : {domain::CaseStage::kAwaitingTriage, domain::CaseStage::kAwaitingDecision,
                     domain::CaseStage::kAwaitingNotice, domain::CaseStage::kNoticeGiven,
                     domain::CaseStage::kReconsideration, domain::CaseStage::kAppeal,
                     domain::CaseStage::kClosed}) {
    EXPECT_TRUE(stages.count(stage)) << domain::Code(stage);
  }
  EXPECT_EQ(cases, counts.cases);
  EXPECT_EQ(world.idps, counts.idps);
  EXPECT_EQ(world.profiles, counts.profiles);
  EXPECT_EQ(world.legacy, counts.legacy_records);
  EXPECT_GT(counts.idps, 0);
  EXPECT_GT(counts.profiles, 0);
  EXPECT_GT(counts.legacy_records, 0);
  EXPECT_GT(counts.clocks, 0);
  EXPECT_GT(counts.referrals, 0);
  EXPECT_GT(counts.provision_maps, 0);
  EXPECT_GT(counts.deliveries, 0);
  EXPECT_GT(counts.family_contacts, 0);
  EXPECT_GE(counts.audit_events, 2 * counts.cases);
  // About a fifth of learners have ALN or SEN records.
  EXPECT_GE(counts.learners_with_records * 100, 15 * counts.learners);
  EXPECT_LE(counts.learners_with_records * 100, 28 * counts.learners);

  // Names look Welsh and English, and vary.
  std::set<std::string> first_names;
  bool diacritic = false;
  for (const auto& l : world.learners) {
    first_names.insert(l.legal_first_name);
    for (const char* accent : {"â", "ê", "î", "ô", "û", "ŵ", "ŷ", "ï"}) {
      if ((l.legal_first_name + l.legal_last_name).find(accent) != std::string::npos)
        diacritic = true;
    }
  }
  EXPECT_GT(first_names.size(), 100U);
  EXPECT_TRUE(diacritic);
}

TEST_P(GeneratorTest, AGeneratedAlncoSignsInAndSeesTheirSchool) {
  auto under_test = Fresh();
  MustGenerate(*under_test->store, Options(400, 1, 9));
  const World world = Read(*under_test->store);
  std::map<domain::SettingId, int> on_roll;
  for (const auto& l : world.learners) {
    for (const auto& r : l.registrations) {
      if (r.ActiveOn(kToday)) ++on_roll[r.setting];
    }
  }
  const auto alnco = std::find_if(world.users.begin(), world.users.end(), [&](const auto& u) {
    return u.role == domain::Role::kAlnco && on_roll[u.settings.front()] > 0;
  });
  ASSERT_NE(alnco, world.users.end());
  EXPECT_EQ(alnco->username.rfind("alnco.660.", 0), 0U) << alnco->username;

  platform::FixedClock clock(
      domain::Timestamp{std::chrono::sys_days{kToday} + std::chrono::hours{10}});
  platform::SodiumTokenSource tokens;
  Services services{*under_test->store, clock, hasher_, tokens};
  auto signed_in =
      SignIn(services, SessionPolicy{}, alnco->username, "cynnal-generated", "POST /sign-in", "t");
  ASSERT_TRUE(signed_in.has_value()) << signed_in.error().message;

  Actor actor;
  actor.user = signed_in->user;
  actor.route = "GET /learners";
  actor.request_id = "t";
  LearnerListRequest request;
  request.setting = std::to_string(alnco->settings.front().value());
  auto list = ListLearners(services, actor, request);
  ASSERT_TRUE(list.has_value()) << list.error().message;
  EXPECT_EQ(list->total, on_roll[alnco->settings.front()]);
  for (const auto& l : list->items) {
    const bool here = std::any_of(l.registrations.begin(), l.registrations.end(), [&](auto& r) {
      return r.setting == alnco->settings.front() && r.ActiveOn(kToday);
    });
    EXPECT_TRUE(here) << l.upn.str();
  }
}

TEST_P(GeneratorTest, RefusesBadOptionsAndAStoreThatHoldsData) {
  auto message = [](const GeneratorOptions& options) {
    auto ok = CheckGeneratorOptions(options);
    EXPECT_FALSE(ok.has_value());
    return ok ? std::string() : ok.error().message;
  };
  EXPECT_NE(message(Options(2, 3, 1)).find("--learners (2) must be at least --las (3)"),
            std::string::npos);
  EXPECT_NE(message(Options(500, 100, 1)).find("--las must be at most 99"), std::string::npos);
  EXPECT_NE(message(Options(5, 0, 1)).find("--las must be at least 1"), std::string::npos);
  EXPECT_NE(message(Options(-5, 1, 1)).find("--learners must not be negative"), std::string::npos);
  EXPECT_TRUE(CheckGeneratorOptions(Options(1, 1, 1)).has_value());

  auto under_test = Fresh();
  MustGenerate(*under_test->store, Options(20, 1, 1));
  auto again = Generate(*under_test->store, hasher_, Options(20, 1, 1));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, domain::ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("already holds data"), std::string::npos);
  const World world = Read(*under_test->store);
  EXPECT_EQ(world.las.size(), 1U);
  EXPECT_EQ(world.learners.size(), 20U);

  auto refused = Generate(*Fresh()->store, hasher_, Options(3, 5, 1));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, domain::ErrorCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Generator, GeneratorTest, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::app
