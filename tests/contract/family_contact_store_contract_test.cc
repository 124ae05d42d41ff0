// The contract of the family contact store (each learner's contacts with their family, kept for
// family liaison), run against each adapter.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/repositories.h"
#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "domain/family.h"
#include "domain/family_contact.h"
#include "domain/learner.h"

namespace cynnal::storage {
namespace {

using app::ContactQuery;
using app::TxMode;
using app::UnitOfWork;
using domain::ContactMethod;
using domain::ContactPurpose;
using domain::ContactStarter;
using domain::ErrorCode;
using domain::FamilyContact;
using domain::LetterLanguage;

using contract::D;
using contract::Ids;
using contract::kAdapters;
using contract::Lines;
using contract::Must;
using contract::T;
using contract::Text;

// ---------------------------------------------------------------------------------------------
// Describing a contact, one field a line, so that two contacts compare field by field without
// going through the codec the SQLite store writes them with

std::string Describe(const FamilyContact& c) {
  Lines l;
  l.Add("id", c.id);
  l.Add("local_authority", c.local_authority);
  l.Add("learner", c.learner);
  l.Add("setting", c.setting);
  l.Add("family_member", c.family_member);
  l.Add("with_name", c.with_name);
  l.Add("on", c.on);
  l.Add("method", c.method);
  l.Add("purpose", c.purpose);
  l.Add("started_by", c.started_by);
  l.Add("language", c.language);
  l.Add("summary", c.summary);
  l.Add("actions", c.actions);
  l.Add("follow_up_by", c.follow_up_by);
  l.Add("followed_up_on", c.followed_up_on);
  l.Add("by", c.by);
  l.Add("at", c.at);
  l.Add("version", c.version);
  return l.str();
}

// ---------------------------------------------------------------------------------------------
// The rows contacts refer to

struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::SettingId school, second;  // Gwynedd's
  domain::SettingId conwy_school;
  domain::LearnerId learner1, learner2, learner3;  // learner3 is Conwy's
  domain::FamilyMemberId mam, tad;                 // learner1's mother and father
  domain::FamilyMemberId conwy_mam;                // learner3's mother
  domain::UserId alnco, officer, conwy_alnco;
};

domain::FamilyMember MakeMember(domain::LocalAuthorityId la, std::string name) {
  domain::FamilyMember m;
  m.local_authority = la;
  m.full_name = std::move(name);
  m.phone = "01286 555 0101";
  m.preferred_language = LetterLanguage::kWelsh;
  return m;
}

Places AddPlaces(UnitOfWork& uow) {
  contract::Seeder seed(uow);
  Places p;
  p.la1 = seed.gwynedd();
  p.la2 = seed.conwy();
  p.school = seed.AddSetting(p.la1, "Ysgol Bro Ŵyn", "2001", domain::SettingType::kPrimary);
  p.second = seed.AddSetting(p.la1, "Ysgol y Garnedd", "2002", domain::SettingType::kPrimary);
  p.conwy_school =
      seed.AddSetting(p.la2, "Ysgol Aberconwy", "4002", domain::SettingType::kSecondary);
  p.learner1 = seed.AddLearner(p.la1, "Siân", "Prŷs", "2016-03-04", 1);
  p.learner2 = seed.AddLearner(p.la1, "Gŵyn", "Jones", "2015-05-06", 2);
  p.learner3 = seed.AddLearner(p.la2, "Elin", "Hughes", "2014-07-08", 3);
  p.mam = Must(uow.Families().Add(MakeMember(p.la1, "Gwenllïan Prŷs")));
  p.tad = Must(uow.Families().Add(MakeMember(p.la1, "Dafydd Prŷs")));
  p.conwy_mam = Must(uow.Families().Add(MakeMember(p.la2, "Ceri Hughes")));
  p.alnco = seed.AddUser(p.la1, "cydlynydd", domain::Role::kAlnco);
  p.officer = seed.AddUser(p.la1, "swyddog", domain::Role::kLaOfficer);
  p.conwy_alnco = seed.AddUser(p.la2, "cydlynydd-conwy", domain::Role::kAlnco);
  return p;
}

// A call from learner1's school to their mother on `on`: nothing agreed, no follow-up.
FamilyContact MakeContact(const Places& p, const char* on) {
  FamilyContact c;
  c.local_authority = p.la1;
  c.learner = p.learner1;
  c.setting = p.school;
  c.family_member = p.mam;
  c.on = D(on);
  c.summary = "Sut mae Siân yn setlo";
  c.by = p.alnco;
  c.at = T("2025-10-20T15:30:00Z");
  return c;
}

// A contact with every field set: a home visit in Welsh, started by the family, with quotes, line
// breaks and Welsh letters in its text, and a follow-up agreed and made.
FamilyContact FullContact(const Places& p) {
  FamilyContact c = MakeContact(p, "2025-10-14");
  c.family_member = p.tad;
  c.method = ContactMethod::kHomeVisit;
  c.purpose = ContactPurpose::kTransition;
  c.started_by = ContactStarter::kFamily;
  c.language = LetterLanguage::kWelsh;
  c.summary =
      "Trafodwyd symud i'r ysgol uwchradd — \"pryderus\" am y bws;\n\tŵyr ŷd â ê î ô û ï \\ "
      "'dyfynodau'";
  c.actions = "Yr ALNCo i drefnu ymweliad â Ysgol Glan y Môr;\nY teulu i ffonio'r swyddfa";
  c.follow_up_by = D("2025-10-24");
  c.followed_up_on = D("2025-10-23");
  c.at = T("2025-10-14T17:05:09Z");
  c.version = 3;  // ignored: a new contact is stored as version 0
  return c;
}

// A contact by the LA's officer with someone who is not a linked parent or carer: no setting, no
// family member, no follow-up.
FamilyContact WithSomeoneElse(const Places& p, const char* on) {
  FamilyContact c = MakeContact(p, on);
  c.setting.reset();
  c.family_member.reset();
  c.with_name = "Mr Ifan Prŷs (taid) — \"eiriolwr\"";
  c.method = ContactMethod::kLetter;
  c.purpose = ContactPurpose::kDecision;
  c.started_by = ContactStarter::kLocalAuthority;
  c.by = p.officer;
  return c;
}

// Every contact held on any date a test uses.
ContactQuery AllDates() {
  return ContactQuery{std::nullopt, std::nullopt, std::nullopt, D("2000-01-01"), D("2099-12-31")};
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class FamilyContactStoreContract : public contract::SeededStoreFixture<Places, AddPlaces> {
 protected:
  std::optional<FamilyContact> GetContact(domain::FamilyContactId id) {
    return Read([&](UnitOfWork& uow) { return uow.FamilyContacts().GetContact(id); });
  }
  std::vector<FamilyContact> ListContacts(const ContactQuery& query) {
    return Read([&](UnitOfWork& uow) { return uow.FamilyContacts().ListContacts(query); });
  }
  std::vector<FamilyContact> AllContacts() { return ListContacts(AllDates()); }

  // Adds a contact and returns it as stored: with its new id, at version 0.
  FamilyContact AddContact(FamilyContact contact) {
    contact.id =
        Write([&](UnitOfWork& uow) { return Must(uow.FamilyContacts().AddContact(contact)); });
    contact.version = 0;
    return contact;
  }
  // Updates a contact and returns it as stored: at the next version.
  FamilyContact UpdateContact(FamilyContact contact) {
    Write([&](UnitOfWork& uow) { Must(uow.FamilyContacts().UpdateContact(contact)); });
    ++contact.version;
    return contact;
  }

  // Tries an update in a unit of work that is then committed; returns what the store said.
  domain::Status TryUpdateContact(const FamilyContact& contact) {
    return Write([&](UnitOfWork& uow) { return uow.FamilyContacts().UpdateContact(contact); });
  }
  domain::Status TryRemoveContact(domain::FamilyContactId id) {
    return Write([&](UnitOfWork& uow) { return uow.FamilyContacts().RemoveContact(id); });
  }
};

// ---------------------------------------------------------------------------------------------
// Round trips

TEST_P(FamilyContactStoreContract, AContactWithEveryFieldSetRoundTripsThroughEveryRead) {
  FamilyContact full = AddContact(FullContact(p_));
  EXPECT_TRUE(full.id.valid());
  FamilyContact someone_else = AddContact(WithSomeoneElse(p_, "2025-10-01"));
  FamilyContact bare = AddContact(MakeContact(p_, "2025-09-15"));

  for (const FamilyContact* want : {&full, &someone_else, &bare}) {
    SCOPED_TRACE(Text(want->id));
    auto got = GetContact(want->id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(*want));
  }

  auto got = GetContact(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->setting, std::optional<domain::SettingId>(p_.school));
  EXPECT_EQ(got->family_member, std::optional<domain::FamilyMemberId>(p_.tad));
  EXPECT_EQ(got->follow_up_by, std::optional<domain::Date>(D("2025-10-24")));
  EXPECT_EQ(got->followed_up_on, std::optional<domain::Date>(D("2025-10-23")));
  EXPECT_EQ(got->summary, FullContact(p_).summary);
  EXPECT_EQ(got->summary.size(), FullContact(p_).summary.size());
  EXPECT_EQ(got->actions, FullContact(p_).actions);
  EXPECT_EQ(got->language, LetterLanguage::kWelsh);

  got = GetContact(someone_else.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->setting);
  EXPECT_FALSE(got->family_member);
  EXPECT_EQ(got->with_name, "Mr Ifan Prŷs (taid) — \"eiriolwr\"");
  EXPECT_FALSE(got->follow_up_by);
  EXPECT_FALSE(got->followed_up_on);
  EXPECT_EQ(got->actions, "");

  EXPECT_FALSE(GetContact(domain::FamilyContactId{999}));

  auto listed = AllContacts();
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(someone_else));
  EXPECT_EQ(Describe(listed[2]), Describe(bare));
}

TEST_P(FamilyContactStoreContract, EveryMethodPurposeStarterAndLanguageRoundTrips) {
  const auto& methods = domain::AllContactMethods();
  const auto& purposes = domain::AllContactPurposes();
  const auto& starters = domain::AllContactStarters();
  const std::vector<LetterLanguage> languages = {LetterLanguage::kEnglish, LetterLanguage::kWelsh};
  const std::size_t n = std::max({methods.size(), purposes.size(), starters.size()});
  std::vector<FamilyContact> added;
  for (std::size_t i = 0; i < n; ++i) {
    FamilyContact c = MakeContact(p_, "2025-10-01");
    c.method = methods[i % methods.size()];
    c.purpose = purposes[i % purposes.size()];
    c.started_by = starters[i % starters.size()];
    c.language = languages[i % languages.size()];
    added.push_back(AddContact(c));
  }
  for (const FamilyContact& want : added) {
    SCOPED_TRACE(Text(want.method) + Text(want.purpose) + Text(want.started_by) +
                 Text(want.language));
    auto got = GetContact(want.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(want));
  }
}

// ---------------------------------------------------------------------------------------------
// The version rule

TEST_P(FamilyContactStoreContract, UpdateWithTheStoredVersionReplacesItAndBumpsTheVersion) {
  FamilyContact kept = AddContact(MakeContact(p_, "2025-10-20"));
  FamilyContact other = AddContact(MakeContact(p_, "2025-10-21"));

  FamilyContact changed = kept;
  changed.follow_up_by = D("2025-10-31");
  changed.actions = "Anfon copi o'r CDU at y teulu";
  changed = UpdateContact(changed);
  EXPECT_EQ(changed.version, 1);
  auto got = GetContact(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(changed));

  // An update may move every field, and clear the optional ones.
  FamilyContact moved = WithSomeoneElse(p_, "2025-10-22");
  moved.id = changed.id;
  moved.version = changed.version;
  moved.learner = p_.learner2;
  moved.language = LetterLanguage::kWelsh;
  moved = UpdateContact(moved);
  EXPECT_EQ(moved.version, 2);
  got = GetContact(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(moved));
  EXPECT_FALSE(got->setting);
  EXPECT_FALSE(got->family_member);
  EXPECT_FALSE(got->follow_up_by);

  // The other contact is untouched.
  got = GetContact(other.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(other));
}

TEST_P(FamilyContactStoreContract, UpdateWithAStaleVersionIsAConflictAndLeavesItUnchanged) {
  FamilyContact kept = AddContact(MakeContact(p_, "2025-10-20"));
  FamilyContact first = kept;
  first.follow_up_by = D("2025-10-31");
  first = UpdateContact(first);

  for (int version : {0, 2, 7}) {
    SCOPED_TRACE(version);
    FamilyContact stale = kept;
    stale.summary = "Newid gan rywun arall";
    stale.version = version;
    auto status = TryUpdateContact(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "family_contact_error_conflict");
  }
  auto got = GetContact(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(first));
  EXPECT_EQ(got->version, 1);
}

TEST_P(FamilyContactStoreContract, UpdateOfAnUnknownContactIsNotFound) {
  FamilyContact unknown = MakeContact(p_, "2025-10-20");
  unknown.id = domain::FamilyContactId{999};
  auto status = TryUpdateContact(unknown);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(status.error().message, "family_contact_error_not_found");
  EXPECT_TRUE(AllContacts().empty());
}

// ---------------------------------------------------------------------------------------------
// Missing references

TEST_P(FamilyContactStoreContract, AContactNamingAnythingMissingIsRefusedAndNothingIsStored) {
  std::vector<std::pair<std::string, FamilyContact>> cases;
  auto add = [&](std::string what, auto change) {
    FamilyContact c = FullContact(p_);
    change(c);
    cases.emplace_back(std::move(what), c);
  };
  add("local_authority",
      [](FamilyContact& c) { c.local_authority = domain::LocalAuthorityId{999}; });
  add("learner", [](FamilyContact& c) { c.learner = domain::LearnerId{999}; });
  add("setting", [](FamilyContact& c) { c.setting = domain::SettingId{999}; });
  add("family_member", [](FamilyContact& c) { c.family_member = domain::FamilyMemberId{999}; });
  add("by", [](FamilyContact& c) { c.by = domain::UserId{999}; });
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, contact] : cases) {
      SCOPED_TRACE(what);
      auto refused = uow->FamilyContacts().AddContact(contact);
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
      EXPECT_EQ(refused.error().message, "store_error_missing_reference");
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(AllContacts().empty());
  EXPECT_TRUE(ListContacts({domain::LocalAuthorityId{999}, std::nullopt, std::nullopt,
                            D("2000-01-01"), D("2099-12-31")})
                  .empty());
  EXPECT_TRUE(ListContacts({std::nullopt, domain::LearnerId{999}, std::nullopt, D("2000-01-01"),
                            D("2099-12-31")})
                  .empty());
  EXPECT_FALSE(GetContact(domain::FamilyContactId{1}));

  // An update cannot point a contact anywhere missing either.
  FamilyContact kept = AddContact(FullContact(p_));
  EXPECT_EQ(Ids(AllContacts()), (std::vector<std::int64_t>{kept.id.value()}));
  for (const auto& [what, refused] : cases) {
    SCOPED_TRACE("update " + what);
    FamilyContact contact = refused;
    contact.id = kept.id;
    contact.version = kept.version;
    auto status = TryUpdateContact(contact);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kInternal);
    EXPECT_EQ(status.error().message, "store_error_missing_reference");
  }
  auto got = GetContact(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));

  // And the contact can still be updated once what it names exists.
  kept.summary = "Wedi'i gywiro";
  kept = UpdateContact(kept);
  EXPECT_EQ(kept.version, 1);
}

// ---------------------------------------------------------------------------------------------
// Removing

TEST_P(FamilyContactStoreContract, RemoveContactRemovesOneAndASecondRemoveIsNotFound) {
  FamilyContact kept = AddContact(MakeContact(p_, "2025-10-20"));
  FamilyContact gone = AddContact(FullContact(p_));
  FamilyContact later = AddContact(MakeContact(p_, "2025-10-21"));

  Write([&](UnitOfWork& uow) { Must(uow.FamilyContacts().RemoveContact(gone.id)); });
  EXPECT_FALSE(GetContact(gone.id));
  EXPECT_EQ(Ids(AllContacts()), (std::vector<std::int64_t>{later.id.value(), kept.id.value()}));
  auto got = GetContact(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));

  for (const domain::FamilyContactId& id : {gone.id, domain::FamilyContactId{999}}) {
    SCOPED_TRACE(Text(id));
    auto status = TryRemoveContact(id);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(status.error().message, "family_contact_error_not_found");
  }
  EXPECT_EQ(Ids(AllContacts()), (std::vector<std::int64_t>{later.id.value(), kept.id.value()}));

  // A removed contact cannot be updated back into being.
  auto status = TryUpdateContact(gone);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(GetContact(gone.id));
}

// ---------------------------------------------------------------------------------------------
// Listing

TEST_P(FamilyContactStoreContract, ListContactsFiltersByLearnerSettingAndLaWithInclusiveDates) {
  // learner1 at the school, learner1 with the LA (no setting), learner2 at the second school,
  // learner3 in Conwy; over September and October 2025.
  FamilyContact a = AddContact(MakeContact(p_, "2025-09-01"));
  FamilyContact b = AddContact(WithSomeoneElse(p_, "2025-09-15"));
  FamilyContact c = MakeContact(p_, "2025-10-01");
  c.learner = p_.learner2;
  c.setting = p_.second;
  c.family_member.reset();
  c.with_name = "Mrs Jones";
  c = AddContact(c);
  FamilyContact d = MakeContact(p_, "2025-10-31");
  FamilyContact e = MakeContact(p_, "2025-10-15");
  e.local_authority = p_.la2;
  e.learner = p_.learner3;
  e.setting = p_.conwy_school;
  e.family_member = p_.conwy_mam;
  e.by = p_.conwy_alnco;
  d = AddContact(d);
  e = AddContact(e);

  using V = std::vector<std::int64_t>;
  const auto id = [](const FamilyContact& x) { return x.id.value(); };
  const domain::Date from = D("2025-09-01");
  const domain::Date through = D("2025-10-31");
  struct Case {
    const char* what;
    ContactQuery query;
    V want;
  };
  const std::vector<Case> cases = {
      {"everything",
       {std::nullopt, std::nullopt, std::nullopt, from, through},
       V{id(d), id(e), id(c), id(b), id(a)}},
      {"Gwynedd's",
       {p_.la1, std::nullopt, std::nullopt, from, through},
       V{id(d), id(c), id(b), id(a)}},
      {"Conwy's", {p_.la2, std::nullopt, std::nullopt, from, through}, V{id(e)}},
      {"learner1's",
       {std::nullopt, p_.learner1, std::nullopt, from, through},
       V{id(d), id(b), id(a)}},
      {"learner2's", {std::nullopt, p_.learner2, std::nullopt, from, through}, V{id(c)}},
      {"the school's (not the LA's own)",
       {std::nullopt, std::nullopt, p_.school, from, through},
       V{id(d), id(a)}},
      {"the second school's", {std::nullopt, std::nullopt, p_.second, from, through}, V{id(c)}},
      {"learner1's at the school",
       {std::nullopt, p_.learner1, p_.school, from, through},
       V{id(d), id(a)}},
      {"learner1's at the second school",
       {std::nullopt, p_.learner1, p_.second, from, through},
       V{}},
      {"learner3's in Gwynedd", {p_.la1, p_.learner3, std::nullopt, from, through}, V{}},
      {"from the first contact's day through the last's",
       {std::nullopt, std::nullopt, std::nullopt, D("2025-09-01"), D("2025-10-31")},
       V{id(d), id(e), id(c), id(b), id(a)}},
      {"from the day after the first through the day before the last",
       {std::nullopt, std::nullopt, std::nullopt, D("2025-09-02"), D("2025-10-30")},
       V{id(e), id(c), id(b)}},
      {"one day",
       {std::nullopt, std::nullopt, std::nullopt, D("2025-10-01"), D("2025-10-01")},
       V{id(c)}},
      {"a day with none",
       {std::nullopt, std::nullopt, std::nullopt, D("2025-10-02"), D("2025-10-02")},
       V{}},
      {"a period ending before it starts",
       {std::nullopt, std::nullopt, std::nullopt, D("2025-10-31"), D("2025-09-01")},
       V{}},
      {"an unknown setting",
       {std::nullopt, std::nullopt, domain::SettingId{999}, from, through},
       V{}},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.what);
    EXPECT_EQ(Ids(ListContacts(k.query)), k.want);
  }
}

TEST_P(FamilyContactStoreContract, ListContactsGivesTheLatestDayFirstThenTheLatestAdded) {
  // Added out of date order, three on one day.
  std::vector<FamilyContact> added;
  for (const char* on :
       {"2025-10-08", "2025-09-10", "2025-10-08", "2025-11-03", "2025-10-08", "2025-09-09"}) {
    added.push_back(AddContact(MakeContact(p_, on)));
  }
  const auto id = [&](std::size_t i) { return added[i].id.value(); };
  EXPECT_EQ(Ids(AllContacts()),
            (std::vector<std::int64_t>{id(3), id(4), id(2), id(0), id(1), id(5)}));
  EXPECT_EQ(Ids(ListContacts({p_.la1, p_.learner1, p_.school, D("2025-10-08"), D("2025-10-08")})),
            (std::vector<std::int64_t>{id(4), id(2), id(0)}));

  // An update that moves a contact's date moves it in the list; its id keeps its place on a day.
  FamilyContact moved = added[0];
  moved.on = D("2025-11-03");
  UpdateContact(moved);
  EXPECT_EQ(Ids(AllContacts()),
            (std::vector<std::int64_t>{id(3), id(0), id(4), id(2), id(1), id(5)}));
}

// ---------------------------------------------------------------------------------------------
// Units of work

TEST_P(FamilyContactStoreContract, FamilyContactWritesDroppedWithoutCommitLeaveNothingBehind) {
  FamilyContact kept = AddContact(FullContact(p_));
  FamilyContact to_remove = AddContact(MakeContact(p_, "2025-09-15"));
  {
    auto uow = Begin(TxMode::kWrite);
    auto added = Must(uow->FamilyContacts().AddContact(WithSomeoneElse(p_, "2025-10-30")));
    FamilyContact changed = kept;
    changed.summary = "Heb ei gadw";
    changed.followed_up_on.reset();
    Must(uow->FamilyContacts().UpdateContact(changed));
    Must(uow->FamilyContacts().RemoveContact(to_remove.id));
    // Visible inside its own unit of work.
    EXPECT_TRUE(uow->FamilyContacts().GetContact(added));
    auto inside = uow->FamilyContacts().GetContact(kept.id);
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->summary, "Heb ei gadw");
    EXPECT_EQ(inside->version, 1);
    EXPECT_FALSE(uow->FamilyContacts().GetContact(to_remove.id));
    EXPECT_EQ(Ids(uow->FamilyContacts().ListContacts(AllDates())),
              (std::vector<std::int64_t>{added.value(), kept.id.value()}));
  }
  EXPECT_EQ(Ids(AllContacts()), (std::vector<std::int64_t>{kept.id.value(), to_remove.id.value()}));
  auto got = GetContact(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
  got = GetContact(to_remove.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(to_remove));
}

INSTANTIATE_TEST_SUITE_P(Stores, FamilyContactStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::storage
