#include "app/demo_data.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/learner.h"
#include "domain/upn.h"
#include "storage/memory/memory_store.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::SettingType;

class FakeHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    return "fake$" + std::string(password);
  }
  bool Verify(std::string_view encoded_hash, std::string_view password) const override {
    return encoded_hash == Hash(password);
  }
};

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

const Date kToday = Ymd(2026, 3, 10);

// Everything the store holds, read back through the ports.
struct World {
  std::vector<domain::LocalAuthority> las;
  std::map<domain::SettingId, domain::Setting> settings;
  std::map<domain::LearnerId, domain::Learner> learners;
  std::map<domain::FamilyMemberId, domain::FamilyMember> family;
  std::map<std::string, domain::User> users;
  std::vector<domain::HealthBoard> boards;
  int learner_count = 0;

  const domain::LocalAuthority& La(int number) const {
    return *std::find_if(las.begin(), las.end(),
                         [&](const auto& la) { return la.la_number == number; });
  }
  std::vector<domain::Setting> SettingsOf(int la_number) const {
    std::vector<domain::Setting> out;
    for (const auto& [id, s] : settings)
      if (s.local_authority == La(la_number).id) out.push_back(s);
    return out;
  }
  // How many learners the user may view on `today`.
  int InScope(const std::string& username, Date today) const {
    domain::LearnerScope scope = domain::ViewScopeFor(users.at(username), today);
    return static_cast<int>(std::count_if(learners.begin(), learners.end(),
                                          [&](const auto& l) { return scope.Matches(l.second); }));
  }
};

World Read(Store& store, Date today) {
  World world;
  auto uow = store.Begin(TxMode::kRead);
  EXPECT_TRUE(uow.has_value());
  if (!uow) return world;
  UnitOfWork& work = **uow;
  world.las = work.LocalAuthorities().List();
  world.boards = work.LocalAuthorities().ListHealthBoards();
  world.learner_count = work.Learners().Count();
  for (const auto& la : world.las) {
    for (const auto& s : work.Settings().ListByLocalAuthority(la.id)) world.settings[s.id] = s;
    for (auto u : work.Users().ListByLocalAuthority(la.id)) {
      // As the app does when a panel member signs in (app/authentication.cc).
      if (u.role == domain::Role::kPanelMember)
        u.panel_learners = work.Panels().AgendaLearnersFor(u.id);
      world.users[u.username] = u;
    }
    LearnerQuery query;
    query.scope.local_authority = la.id;
    query.scope.on = today;
    query.limit = 100;
    for (;;) {
      LearnerPage page = work.Learners().Search(query);
      for (const auto& l : page.items) world.learners[l.id] = l;
      query.offset += query.limit;
      if (page.items.empty() || query.offset >= page.total) break;
    }
  }
  for (const auto& [id, learner] : world.learners)
    for (const auto& link : learner.family)
      if (auto member = work.Families().Get(link.member)) world.family[link.member] = *member;
  return world;
}

World Seeded(storage::MemoryStore& store, Date today = kToday, unsigned seed = 2026) {
  FakeHasher hasher;
  auto summary = SeedDemoData(store, hasher, today, seed);
  EXPECT_TRUE(summary.has_value()) << (summary ? "" : summary.error().message);
  return Read(store, today);
}

// Year groups a setting of each type teaches (REFERENCE section 9 numbering: -1 nursery,
// 0 Reception, 1..13; an FEI takes students aged 16 to 19).
bool Fits(SettingType type, int year_group) {
  switch (type) {
    case SettingType::kNursery:
      return year_group == -1;
    case SettingType::kPrimary:
      return year_group >= 0 && year_group <= 6;
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

// A text that changes if any stored demo record changes.
std::string Fingerprint(const World& world) {
  std::string out;
  for (const auto& [id, s] : world.settings)
    out += s.name + "|" + s.establishment_number + "|" + std::string(domain::Code(s.type)) + "\n";
  for (const auto& [id, l] : world.learners) {
    out += std::to_string(id.value()) + "|" + l.legal_first_name + "|" + l.preferred_name + "|" +
           l.legal_last_name + "|" + domain::FormatIsoDate(l.date_of_birth) + "|" + l.upn.str() +
           "|" + l.home_language + "|" + std::string(domain::Code(l.letter_language)) + "|" +
           std::to_string(l.looked_after) + std::to_string(l.electively_home_educated) +
           std::to_string(l.welsh_medium) + "|" + std::to_string(l.health_board_referrals.size());
    for (const auto& r : l.registrations) {
      out += "|" + world.settings.at(r.setting).establishment_number + "@" +
             domain::FormatIsoDate(r.start) + ".." + (r.end ? domain::FormatIsoDate(*r.end) : "");
    }
    for (const auto& link : l.family) {
      const auto& m = world.family.at(link.member);
      out += "|" + m.full_name + "/" + link.relationship + "/" + m.phone + "/" + m.email + "/" +
             m.address + "/" + std::to_string(link.parental_responsibility);
    }
    out += "\n";
  }
  for (const auto& [name, u] : world.users)
    out += name + "|" + u.display_name + "|" + std::string(domain::Code(u.role)) + "\n";
  return out;
}

TEST(DemoData, CreatesTheSettingsOfAWelshLaAndItsNeighbour) {
  storage::MemoryStore store;
  World world = Seeded(store);

  ASSERT_EQ(world.las.size(), 2u);
  for (const auto& la : world.las) {
    EXPECT_GE(la.la_number, 660);
    EXPECT_LE(la.la_number, 681);
    EXPECT_FALSE(la.name_en.empty());
    EXPECT_FALSE(la.name_cy.empty());
  }
  ASSERT_EQ(world.boards.size(), 1u);

  auto main = world.SettingsOf(680);
  EXPECT_GE(main.size(), 11u);
  EXPECT_LE(main.size(), 13u);
  std::map<SettingType, int> by_type;
  int welsh_primaries = 0, welsh_secondaries = 0, mixed_medium = 0, resource_places = 0;
  std::set<std::string> numbers;
  for (const auto& s : main) {
    ++by_type[s.type];
    bool welsh = s.language_medium == domain::LanguageMedium::kWelsh;
    if (welsh && s.type == SettingType::kPrimary) ++welsh_primaries;
    if (welsh && s.type == SettingType::kSecondary) ++welsh_secondaries;
    if (s.language_medium == domain::LanguageMedium::kDualStream ||
        s.language_medium == domain::LanguageMedium::kBilingual)
      ++mixed_medium;
    for (const auto& base : s.resource_bases) resource_places += base.places;
    EXPECT_EQ(s.establishment_number.size(), 4u) << s.name;
    EXPECT_TRUE(std::all_of(s.establishment_number.begin(), s.establishment_number.end(),
                            [](char c) { return c >= '0' && c <= '9'; }))
        << s.name;
    EXPECT_TRUE(numbers.insert(s.establishment_number).second) << s.name;
  }
  EXPECT_GE(by_type[SettingType::kNursery], 1);
  EXPECT_GE(by_type[SettingType::kPrimary], 3);
  EXPECT_EQ(by_type[SettingType::kSecondary], 2);
  EXPECT_GE(by_type[SettingType::kAllThrough], 1);
  EXPECT_GE(by_type[SettingType::kSpecial], 1);
  EXPECT_GE(by_type[SettingType::kPru], 1);
  EXPECT_GE(by_type[SettingType::kFei], 1);
  EXPECT_GE(welsh_primaries, 2);
  EXPECT_GE(welsh_secondaries, 1);
  EXPECT_GE(mixed_medium, 1);
  EXPECT_GT(resource_places, 0);

  EXPECT_EQ(world.SettingsOf(661).size(), 1u);
}

TEST(DemoData, EveryLearnerHasAValidUniqueUpnAndFitsTheirSettingOnAnyDay) {
  for (Date today : {Ymd(2025, 9, 1), kToday, Ymd(2026, 8, 31), Ymd(2027, 1, 4)}) {
    SCOPED_TRACE(domain::FormatIsoDate(today));
    storage::MemoryStore store;
    World world = Seeded(store, today);

    EXPECT_EQ(static_cast<int>(world.learners.size()), world.learner_count);
    int main_la = world.InScope("la.officer", today);
    EXPECT_GE(main_la, 280);
    EXPECT_LE(main_la, 320);
    EXPECT_GE(world.InScope("other.la.officer", today), 8);
    EXPECT_LE(world.InScope("other.la.officer", today), 12);

    std::set<std::string> upns;
    int temporary = 0, preferred = 0;
    std::set<std::string> languages;
    for (const auto& [id, l] : world.learners) {
      SCOPED_TRACE(l.upn.str() + " " + l.DisplayName());
      EXPECT_TRUE(domain::Upn::Parse(l.upn.str()).has_value());
      EXPECT_TRUE(upns.insert(l.upn.str()).second) << "duplicate UPN";
      int la_number = l.local_authority == world.La(680).id ? 680 : 661;
      EXPECT_EQ(l.upn.LaNumber(), la_number);
      if (l.upn.temporary()) ++temporary;
      if (!l.preferred_name.empty()) ++preferred;
      languages.insert(l.home_language);
      EXPECT_LE(l.date_of_birth, today);

      int year_group = domain::YearGroupOn(l.date_of_birth, today);
      for (const auto& r : l.registrations) {
        EXPECT_GE(r.start, l.date_of_birth);
        EXPECT_LE(r.start, today);
        if (r.end) {
          EXPECT_GE(*r.end, r.start);
        }
      }
      auto current = l.RegistrationsOn(today);
      if (l.electively_home_educated) {
        EXPECT_TRUE(current.empty());
      }
      for (const auto& r : current) {
        const auto& setting = world.settings.at(r.setting);
        EXPECT_TRUE(Fits(setting.type, year_group))
            << "Year group " << year_group << " at " << setting.name;
      }
    }
    EXPECT_GE(temporary, 1);
    EXPECT_GE(preferred, 5);
    EXPECT_TRUE(languages.count("English"));
    EXPECT_TRUE(languages.count("Cymraeg"));
    EXPECT_GE(languages.size(), 4u);

    EXPECT_GE(world.InScope("alnco", today), 20);
    EXPECT_LE(world.InScope("alnco", today), 40);
  }
}

TEST(DemoData, EachRoleSeesWhatItsWorkNeeds) {
  storage::MemoryStore store;
  World world = Seeded(store);

  int alnco = world.InScope("alnco", kToday);
  EXPECT_GE(alnco, 20);
  EXPECT_LE(alnco, 40);
  EXPECT_EQ(world.InScope("teacher", kToday), alnco);
  EXPECT_EQ(world.InScope("governor", kToday), 0);
  EXPECT_EQ(world.InScope("parent", kToday), 2);
  EXPECT_EQ(world.InScope("young.person", kToday), 1);
  EXPECT_GE(world.InScope("health.officer", kToday), 3);
  // A panel member sees only the learners on their panel's agendas (the demo lists two).
  EXPECT_EQ(world.InScope("panel.member", kToday), 2);

  const domain::User& alnco_user = world.users.at("alnco");
  ASSERT_EQ(alnco_user.settings.size(), 1u);
  const domain::Setting& school = world.settings.at(alnco_user.settings[0]);
  EXPECT_EQ(school.type, SettingType::kPrimary);
  EXPECT_EQ(school.language_medium, domain::LanguageMedium::kWelsh);
  EXPECT_EQ(world.users.at("teacher").settings, alnco_user.settings);
  EXPECT_EQ(world.users.at("governor").settings, alnco_user.settings);

  // The parent's two children are at the ALNCo's school.
  domain::LearnerScope parent = domain::ViewScopeFor(world.users.at("parent"), kToday);
  for (const auto& [id, l] : world.learners) {
    if (!parent.Matches(l)) continue;
    ASSERT_EQ(l.RegistrationsOn(kToday).size(), 1u);
    EXPECT_EQ(l.RegistrationsOn(kToday)[0].setting, school.id);
  }

  // The young person is a student of 16 or over at the FEI.
  const domain::Learner& young = world.learners.at(*world.users.at("young.person").learner);
  EXPECT_LE(domain::Anniversary(young.date_of_birth, 16), kToday);
  ASSERT_EQ(young.RegistrationsOn(kToday).size(), 1u);
  EXPECT_EQ(world.settings.at(young.RegistrationsOn(kToday)[0].setting).type, SettingType::kFei);

  // Each LA sees only its own learners, and those it looks after.
  domain::LearnerScope other = domain::ViewScopeFor(world.users.at("other.la.officer"), kToday);
  domain::LearnerScope main = domain::ViewScopeFor(world.users.at("la.officer"), kToday);
  int both = 0;
  for (const auto& [id, l] : world.learners) {
    if (other.Matches(l)) {
      EXPECT_EQ(l.local_authority, world.La(661).id);
    }
    if (other.Matches(l) && main.Matches(l)) ++both;
  }
  EXPECT_EQ(both, 1);
}

TEST(DemoData, EveryAccountSignsInWithTheDemoPassword) {
  storage::MemoryStore store;
  World world = Seeded(store);
  FakeHasher hasher;
  std::set<domain::Role> roles;
  for (const DemoAccount& account : DemoAccounts()) {
    SCOPED_TRACE(account.username);
    EXPECT_EQ(account.password, "cynnal-demo");
    EXPECT_FALSE(account.description_en.empty());
    ASSERT_TRUE(world.users.count(account.username));
    const domain::User& user = world.users.at(account.username);
    EXPECT_EQ(user.role, account.role);
    EXPECT_TRUE(hasher.Verify(user.password_hash, "cynnal-demo"));
    EXPECT_TRUE(domain::CheckUserScope(user).has_value());
    EXPECT_EQ(user.language, account.username == "parent" ? domain::LetterLanguage::kWelsh
                                                          : domain::LetterLanguage::kEnglish);
    roles.insert(account.role);
  }
  EXPECT_EQ(roles.size(), domain::AllRoles().size());
  EXPECT_EQ(world.users.size(), DemoAccounts().size());
}

TEST(DemoData, IncludesTheCasesWhereTheLaDecides) {
  storage::MemoryStore store;
  World world = Seeded(store);
  auto main_la = world.La(680).id;
  auto other_la = world.La(661).id;

  int dual = 0, looked_after = 0, looked_after_elsewhere = 0, home_educated = 0, moved = 0,
      referred = 0, welsh_letters = 0;
  for (const auto& [id, l] : world.learners) {
    if (l.DuallyRegisteredOn(kToday)) {
      ++dual;
      bool at_pru = false;
      for (const auto& r : l.RegistrationsOn(kToday))
        at_pru = at_pru || world.settings.at(r.setting).type == SettingType::kPru;
      EXPECT_TRUE(at_pru);
    }
    if (l.looked_after) {
      EXPECT_EQ(l.looked_after_by, main_la);
      ++looked_after;
      if (l.local_authority == other_la && !l.RegistrationsOn(kToday).empty())
        ++looked_after_elsewhere;
    }
    if (l.electively_home_educated && l.RegistrationsOn(kToday).empty()) ++home_educated;
    for (const auto& r : l.registrations)
      if (r.end && *r.end < kToday) ++moved;
    if (!l.health_board_referrals.empty()) ++referred;
    if (l.letter_language == domain::LetterLanguage::kWelsh) ++welsh_letters;
  }
  EXPECT_GE(dual, 3);
  EXPECT_GE(looked_after, 3);
  EXPECT_EQ(looked_after_elsewhere, 1);
  EXPECT_GE(home_educated, 2);
  EXPECT_GE(moved, 5);
  EXPECT_GE(referred, 3);
  EXPECT_GE(welsh_letters, 50);

  // Families: parents with parental responsibility, some carers without it, siblings.
  std::map<domain::FamilyMemberId, int> children;
  int without_responsibility = 0;
  for (const auto& [id, l] : world.learners) {
    bool someone_responsible = false;
    for (const auto& link : l.family) {
      ++children[link.member];
      if (link.parental_responsibility)
        someone_responsible = true;
      else
        ++without_responsibility;
    }
    if (!l.looked_after) {
      EXPECT_TRUE(someone_responsible) << l.DisplayName();
    }
    EXPECT_FALSE(l.family.empty()) << l.DisplayName();
  }
  EXPECT_GE(without_responsibility, 3);
  EXPECT_GE(
      std::count_if(children.begin(), children.end(), [](const auto& c) { return c.second >= 2; }),
      10);
  for (const auto& [id, m] : world.family) {
    EXPECT_FALSE(m.full_name.empty());
    EXPECT_TRUE(m.phone.starts_with("01632 960") || m.phone.starts_with("07700 900")) << m.phone;
    EXPECT_TRUE(m.email.empty() || m.email.ends_with("@example.org") ||
                m.email.ends_with("@example.com"))
        << m.email;
  }
}

TEST(DemoData, RefusesAStoreThatAlreadyHoldsLearnersAndChangesNothing) {
  storage::MemoryStore store;
  World before = Seeded(store);
  FakeHasher hasher;
  auto again = SeedDemoData(store, hasher, kToday);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "demo_error_not_empty");
  World after = Read(store, kToday);
  EXPECT_EQ(after.learner_count, before.learner_count);
  EXPECT_EQ(Fingerprint(after), Fingerprint(before));
}

TEST(DemoData, TheSameSeedGivesTheSameData) {
  storage::MemoryStore first, second, third;
  std::string a = Fingerprint(Seeded(first));
  std::string b = Fingerprint(Seeded(second));
  EXPECT_EQ(a, b);
  EXPECT_NE(Fingerprint(Seeded(third, kToday, 7)), a);
}

TEST(DemoData, SummaryCountsWhatWasStored) {
  storage::MemoryStore store;
  FakeHasher hasher;
  auto summary = SeedDemoData(store, hasher, kToday);
  ASSERT_TRUE(summary.has_value());
  World world = Read(store, kToday);
  EXPECT_EQ(summary->settings, static_cast<int>(world.settings.size()));
  EXPECT_EQ(summary->learners, world.learner_count);
  EXPECT_EQ(summary->family_members, static_cast<int>(world.family.size()));
  EXPECT_EQ(summary->users, static_cast<int>(world.users.size()));
}

}  // namespace
}  // namespace cynnal::app
