// The contract every store adapter keeps, run against each of them. A new adapter (PostgreSQL)
// joins by adding one factory to kAdapters.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "storage/memory/memory_store.h"
#include "storage/migration.h"
#include "storage/sqlite/sqlite_store.h"

namespace cynnal::storage {
namespace {

using app::TxMode;
using app::UnitOfWork;
using domain::ErrorCode;

// ---------------------------------------------------------------------------------------------
// Helpers

using contract::Adapter;
using contract::D;
using contract::kAdapters;
using contract::MakeLearner;
using contract::MakeUpn;
using contract::MakeUser;
using contract::Must;
using contract::T;
using contract::TempDir;

std::string Describe(const domain::Learner& l) {
  std::ostringstream out;
  out << "id=" << l.id.value() << " la=" << l.local_authority.value()
      << " first=" << l.legal_first_name << " last=" << l.legal_last_name
      << " preferred=" << l.preferred_name << " dob=" << domain::FormatIsoDate(l.date_of_birth)
      << " upn=" << l.upn.str() << " home=" << l.home_language
      << " letters=" << domain::Code(l.letter_language) << " welsh_medium=" << l.welsh_medium
      << " looked_after=" << l.looked_after
      << " by=" << (l.looked_after_by ? l.looked_after_by->value() : 0)
      << " ehe=" << l.electively_home_educated << " version=" << l.version;
  for (const auto& r : l.registrations) {
    out << " reg(" << r.setting.value() << "," << domain::FormatIsoDate(r.start) << ","
        << (r.end ? domain::FormatIsoDate(*r.end) : "open") << ")";
  }
  for (const auto& f : l.family)
    out << " family(" << f.member.value() << "," << f.relationship << ","
        << f.parental_responsibility << ")";
  for (const auto& h : l.health_board_referrals) out << " board(" << h.value() << ")";
  return out.str();
}

std::string Describe(const domain::Setting& s) {
  std::ostringstream out;
  out << "id=" << s.id.value() << " la=" << s.local_authority.value() << " name=" << s.name
      << " est=" << s.establishment_number << " type=" << domain::Code(s.type)
      << " medium=" << domain::Code(s.language_medium);
  for (const auto& b : s.resource_bases)
    out << " base(" << b.name << "," << b.area_of_need << "," << b.places << ")";
  return out.str();
}

std::string Describe(const domain::User& u) {
  std::ostringstream out;
  out << "id=" << u.id.value() << " username=" << u.username << " display=" << u.display_name
      << " role=" << domain::Code(u.role) << " la=" << u.local_authority.value() << " settings=";
  for (auto s : u.settings) out << s.value() << ",";
  out << " family=" << (u.family_member ? u.family_member->value() : 0)
      << " learner=" << (u.learner ? u.learner->value() : 0)
      << " board=" << (u.health_board ? u.health_board->value() : 0)
      << " language=" << domain::Code(u.language) << " hash=" << u.password_hash
      << " disabled=" << u.disabled << " failed=" << u.failed_sign_ins
      << " locked=" << (u.locked_until ? domain::FormatTimestamp(*u.locked_until) : "no");
  return out.str();
}

std::string Describe(const domain::FamilyMember& m) {
  std::ostringstream out;
  out << "id=" << m.id.value() << " la=" << m.local_authority.value() << " name=" << m.full_name
      << " phone=" << m.phone << " email=" << m.email << " address=" << m.address
      << " language=" << domain::Code(m.preferred_language);
  return out.str();
}

std::string Describe(const app::Session& s) {
  return s.token_digest + " user=" + std::to_string(s.user.value()) + " csrf=" + s.csrf_token +
         " created=" + domain::FormatTimestamp(s.created_at) +
         " seen=" + domain::FormatTimestamp(s.last_seen_at);
}

std::string Describe(const domain::AuditEvent& e) {
  std::ostringstream out;
  out << "id=" << e.id.value() << " la=" << e.local_authority.value()
      << " at=" << domain::FormatTimestamp(e.at) << " user=" << (e.user ? e.user->value() : 0)
      << " username=" << e.username << " role=" << domain::Code(e.role)
      << " action=" << domain::Code(e.action) << " learner=" << (e.learner ? e.learner->value() : 0)
      << " route=" << e.route << " request=" << e.request_id << " detail=" << e.detail;
  return out.str();
}

template <typename T>
std::vector<std::string> DescribeAll(const std::vector<T>& rows) {
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(Describe(row));
  return out;
}

std::vector<std::int64_t> Ids(const std::vector<domain::Learner>& learners) {
  std::vector<std::int64_t> out;
  for (const auto& l : learners) out.push_back(l.id.value());
  return out;
}

// The order of search results: last name, first name (ASCII letters case folded), then id.
std::string Fold(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool SearchOrder(const domain::Learner& a, const domain::Learner& b) {
  auto key = [](const domain::Learner& l) {
    return std::make_tuple(Fold(l.legal_last_name), Fold(l.legal_first_name), l.id.value());
  };
  return key(a) < key(b);
}

domain::LocalAuthority MakeLa(int number, std::string en, std::string cy) {
  domain::LocalAuthority la;
  la.la_number = number;
  la.name_en = std::move(en);
  la.name_cy = std::move(cy);
  return la;
}

domain::Setting MakeSetting(domain::LocalAuthorityId la, std::string name, std::string number) {
  domain::Setting s;
  s.local_authority = la;
  s.name = std::move(name);
  s.establishment_number = std::move(number);
  return s;
}

domain::FamilyMember MakeMember(domain::LocalAuthorityId la, std::string name) {
  domain::FamilyMember m;
  m.local_authority = la;
  m.full_name = std::move(name);
  m.phone = "01248 000000";
  return m;
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class StoreContract : public contract::StoreFixture {};

// ---------------------------------------------------------------------------------------------
// Local authorities, health boards, settings, families

TEST_P(StoreContract, LocalAuthoritiesRoundTripAndListInLaNumberOrder) {
  auto added = Write([](UnitOfWork& uow) {
    auto a = Must(uow.LocalAuthorities().Add(MakeLa(662, "Conwy", "Conwy")));
    auto b = Must(uow.LocalAuthorities().Add(MakeLa(660, "Isle of Anglesey", "Ynys Môn")));
    return std::make_pair(a, b);
  });
  domain::LocalAuthorityId conwy = added.first, mon = added.second;
  Read([&](UnitOfWork& uow) {
    auto got = uow.LocalAuthorities().Get(mon);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, mon);
    EXPECT_EQ(got->name_en, "Isle of Anglesey");
    EXPECT_EQ(got->name_cy, "Ynys Môn");
    EXPECT_EQ(got->la_number, 660);
    EXPECT_FALSE(uow.LocalAuthorities().Get(domain::LocalAuthorityId{999}));
    auto all = uow.LocalAuthorities().List();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, mon);
    EXPECT_EQ(all[1].id, conwy);
  });
}

TEST_P(StoreContract, LaNumberIsUnique) {
  Write(
      [](UnitOfWork& uow) { Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd"))); });
  auto uow = Begin(TxMode::kWrite);
  auto again = uow->LocalAuthorities().Add(MakeLa(661, "Other", "Arall"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "local_authority_error_duplicate");
  EXPECT_EQ(again.error().fields.at("la_number"), "local_authority_error_duplicate");
}

TEST_P(StoreContract, HealthBoardsRoundTripAndListByName) {
  auto added = Write([](UnitOfWork& uow) {
    auto a = Must(uow.LocalAuthorities().AddHealthBoard(
        {{}, "Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"}));
    auto b = Must(uow.LocalAuthorities().AddHealthBoard(
        {{}, "Betsi Cadwaladr University Health Board", "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"}));
    return std::make_pair(a, b);
  });
  domain::HealthBoardId hywel = added.first, betsi = added.second;
  Read([&](UnitOfWork& uow) {
    auto got = uow.LocalAuthorities().GetHealthBoard(hywel);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, hywel);
    EXPECT_EQ(got->name_en, "Hywel Dda University Health Board");
    EXPECT_EQ(got->name_cy, "Bwrdd Iechyd Prifysgol Hywel Dda");
    EXPECT_FALSE(uow.LocalAuthorities().GetHealthBoard(domain::HealthBoardId{999}));
    auto all = uow.LocalAuthorities().ListHealthBoards();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].id, betsi);
    EXPECT_EQ(all[1].id, hywel);
  });
}

TEST_P(StoreContract, SettingsRoundTripEveryFieldAndListByNameWithinTheirLa) {
  domain::Setting ysgol;
  auto ids = Write([&](UnitOfWork& uow) {
    auto la = Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
    auto other = Must(uow.LocalAuthorities().Add(MakeLa(662, "Conwy", "Conwy")));
    ysgol = MakeSetting(la, "Ysgol Gymraeg Bro Ŵyn", "2001");
    ysgol.type = domain::SettingType::kAllThrough;
    ysgol.language_medium = domain::LanguageMedium::kWelsh;
    ysgol.resource_bases = {{"Canolfan Ŷd", "cyfathrebu a rhyngweithio", 12},
                            {"Sensory base", "sensory and physical", 8}};
    ysgol.id = Must(uow.Settings().Add(ysgol));
    auto alpha = Must(uow.Settings().Add(MakeSetting(la, "alpha primary", "2002")));
    auto beta = Must(uow.Settings().Add(MakeSetting(la, "Beta Special", "2003")));
    Must(uow.Settings().Add(MakeSetting(other, "Another LA's school", "2001")));
    return std::vector<domain::SettingId>{alpha, beta, ysgol.id};
  });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Settings().Get(ysgol.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(ysgol));
    EXPECT_FALSE(uow.Settings().Get(domain::SettingId{999}));
    std::vector<domain::SettingId> listed;
    for (const auto& s : uow.Settings().ListByLocalAuthority(ysgol.local_authority))
      listed.push_back(s.id);
    EXPECT_EQ(listed, ids);  // alpha, Beta, Ysgol: by name, letters case folded
    auto with_bases = uow.Settings().ListByLocalAuthority(ysgol.local_authority).back();
    EXPECT_EQ(Describe(with_bases), Describe(ysgol));
  });
}

TEST_P(StoreContract, EstablishmentNumberIsUniqueWithinAnLa) {
  auto la = Write([](UnitOfWork& uow) {
    auto la = Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
    Must(uow.Settings().Add(MakeSetting(la, "Ysgol A", "2001")));
    return la;
  });
  auto uow = Begin(TxMode::kWrite);
  auto again = uow->Settings().Add(MakeSetting(la, "Ysgol B", "2001"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "establishment_error_duplicate");
  EXPECT_EQ(again.error().fields.at("establishment_number"), "establishment_error_duplicate");
  EXPECT_EQ(uow->Settings().ListByLocalAuthority(la).size(), 1u);
}

TEST_P(StoreContract, FamilyMembersRoundTripAndGetManyKeepsTheOrderAsked) {
  domain::FamilyMember mam;
  auto added = Write([&](UnitOfWork& uow) {
    auto la = Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
    mam.local_authority = la;
    mam.full_name = "Gwenllïan ap Siôn Ŵyn";
    mam.phone = "01286 679000";
    mam.email = "gwen@example.cymru";
    mam.address = "Tŷ Bach, Stryd Fawr, Caernarfon";
    mam.preferred_language = domain::LetterLanguage::kWelsh;
    mam.id = Must(uow.Families().Add(mam));
    auto other = Must(uow.Families().Add(MakeMember(la, "Tad")));
    return std::make_pair(mam.id, other);
  });
  domain::FamilyMemberId first = added.first, second = added.second;
  Read([&](UnitOfWork& uow) {
    auto got = uow.Families().Get(first);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(mam));
    EXPECT_FALSE(uow.Families().Get(domain::FamilyMemberId{999}));
    auto many = uow.Families().GetMany({second, domain::FamilyMemberId{999}, first});
    ASSERT_EQ(many.size(), 2u);
    EXPECT_EQ(many[0].id, second);
    EXPECT_EQ(many[1].id, first);
  });
}

// ---------------------------------------------------------------------------------------------
// Learners

// The places a learner may refer to.
struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::HealthBoardId h1, h2;
  domain::SettingId s1, s2, s3;
  domain::FamilyMemberId f1, f2, f3;
};

Places AddPlaces(UnitOfWork& uow) {
  Places p;
  p.la1 = Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
  p.la2 = Must(uow.LocalAuthorities().Add(MakeLa(662, "Conwy", "Conwy")));
  p.h1 = Must(uow.LocalAuthorities().AddHealthBoard({{}, "Betsi Cadwaladr", "Betsi Cadwaladr"}));
  p.h2 = Must(uow.LocalAuthorities().AddHealthBoard({{}, "Hywel Dda", "Hywel Dda"}));
  p.s1 = Must(uow.Settings().Add(MakeSetting(p.la1, "Ysgol Bro Ŵyn", "2001")));
  p.s2 = Must(uow.Settings().Add(MakeSetting(p.la1, "Ysgol y Moelwyn", "4001")));
  p.s3 = Must(uow.Settings().Add(MakeSetting(p.la2, "Ysgol Aberconwy", "4002")));
  p.f1 = Must(uow.Families().Add(MakeMember(p.la1, "Mam Un")));
  p.f2 = Must(uow.Families().Add(MakeMember(p.la1, "Tad Dau")));
  p.f3 = Must(uow.Families().Add(MakeMember(p.la2, "Nain Tri")));
  return p;
}

// A learner with every field set, at the given places.
domain::Learner FullLearner(const Places& p, int serial) {
  domain::Learner l =
      MakeLearner(p.la1, "Gŵyn", "Prŷs-Jâms", D("2014-02-28"), MakeUpn(661, serial));
  l.preferred_name = "Gwyn";
  l.home_language = "Cymraeg";
  l.letter_language = domain::LetterLanguage::kWelsh;
  l.welsh_medium = true;
  l.looked_after = true;
  l.looked_after_by = p.la2;
  l.electively_home_educated = true;
  l.registrations = {{p.s2, D("2018-09-01"), D("2021-07-20")},
                     {p.s1, D("2021-09-01"), std::nullopt}};
  l.family = {{p.f2, "father", false}, {p.f1, "mother", true}};
  l.health_board_referrals = {p.h2, p.h1};
  return l;
}

TEST_P(StoreContract, LearnerRoundTripsEveryField) {
  domain::Learner learner;
  Write([&](UnitOfWork& uow) {
    Places p = AddPlaces(uow);
    learner = FullLearner(p, 1);
    learner.version = 7;  // ignored: a new learner is stored as version 0
    learner.id = Must(uow.Learners().Add(learner));
    learner.version = 0;
  });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Learners().Get(learner.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(learner));
    auto by_upn = uow.Learners().FindByUpn(learner.upn.str());
    ASSERT_TRUE(by_upn);
    EXPECT_EQ(Describe(*by_upn), Describe(learner));
    EXPECT_FALSE(uow.Learners().FindByUpn(MakeUpn(661, 2).str()));
    EXPECT_FALSE(uow.Learners().Get(domain::LearnerId{999}));
    EXPECT_EQ(uow.Learners().Count(), 1);
  });
}

TEST_P(StoreContract, UpnIsUniqueOnAdd) {
  Places p;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    Must(
        uow.Learners().Add(MakeLearner(p.la1, "Elin", "Hughes", D("2015-01-01"), MakeUpn(661, 1))));
  });
  auto uow = Begin(TxMode::kWrite);
  auto again =
      uow->Learners().Add(MakeLearner(p.la2, "Other", "Person", D("2016-01-01"), MakeUpn(661, 1)));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "upn_error_duplicate");
  EXPECT_EQ(again.error().fields.at("upn"), "upn_error_duplicate");
  Must(uow->Commit());
  uow.reset();
  EXPECT_EQ(Read([](UnitOfWork& r) { return r.Learners().Count(); }), 1);
}

TEST_P(StoreContract, UpnIsUniqueOnUpdateAndTheStoredRecordIsUnchanged) {
  domain::Learner a, b;
  Write([&](UnitOfWork& uow) {
    Places p = AddPlaces(uow);
    a = MakeLearner(p.la1, "Elin", "Hughes", D("2015-01-01"), MakeUpn(661, 1));
    a.id = Must(uow.Learners().Add(a));
    b = FullLearner(p, 2);
    b.id = Must(uow.Learners().Add(b));
  });
  domain::Learner changed = b;
  changed.upn = a.upn;
  changed.legal_first_name = "Changed";
  changed.registrations.clear();
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Learners().Update(changed);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "upn_error_duplicate");
  EXPECT_EQ(status.error().fields.at("upn"), "upn_error_duplicate");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) { EXPECT_EQ(Describe(*r.Learners().Get(b.id)), Describe(b)); });
}

TEST_P(StoreContract, UpdateReplacesTheLearnerAndItsListsAndBumpsTheVersion) {
  domain::Learner learner;
  Places p;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    learner = FullLearner(p, 1);
    learner.id = Must(uow.Learners().Add(learner));
  });
  domain::Learner changed = learner;
  changed.legal_first_name = "Dafydd";
  changed.legal_last_name = "ap Siôn";
  changed.preferred_name = "";
  changed.date_of_birth = D("2013-09-01");
  changed.upn = MakeUpn(662, 5);
  changed.home_language = "Polski";
  changed.letter_language = domain::LetterLanguage::kEnglish;
  changed.welsh_medium = false;
  changed.looked_after = false;
  changed.looked_after_by = std::nullopt;
  changed.electively_home_educated = false;
  changed.local_authority = p.la2;
  changed.registrations = {{p.s3, D("2022-09-01"), std::nullopt}};
  changed.family = {{p.f3, "grandparent", true}};
  changed.health_board_referrals = {};
  Write([&](UnitOfWork& uow) { Must(uow.Learners().Update(changed)); });
  changed.version = 1;
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(Describe(*uow.Learners().Get(learner.id)), Describe(changed));
  });

  changed.home_language = "English";
  Write([&](UnitOfWork& uow) { Must(uow.Learners().Update(changed)); });
  changed.version = 2;
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(Describe(*uow.Learners().Get(learner.id)), Describe(changed));
  });
}

TEST_P(StoreContract, StaleVersionIsAConflictAndLeavesTheStoredRecordUnchanged) {
  domain::Learner learner;
  Write([&](UnitOfWork& uow) {
    Places p = AddPlaces(uow);
    learner = FullLearner(p, 1);
    learner.id = Must(uow.Learners().Add(learner));
  });
  domain::Learner first_edit = learner;
  first_edit.legal_first_name = "First";
  Write([&](UnitOfWork& uow) { Must(uow.Learners().Update(first_edit)); });
  first_edit.version = 1;

  domain::Learner stale_edit = learner;  // still version 0
  stale_edit.legal_first_name = "Second";
  stale_edit.registrations.clear();
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Learners().Update(stale_edit);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "learner_error_stale");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) {
    EXPECT_EQ(Describe(*r.Learners().Get(learner.id)), Describe(first_edit));
  });
}

TEST_P(StoreContract, UpdateOfAnUnknownLearnerIsNotFound) {
  domain::Learner learner;
  Write([&](UnitOfWork& uow) { learner = FullLearner(AddPlaces(uow), 1); });
  learner.id = domain::LearnerId{999};
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Learners().Update(learner);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, AFailedWriteLeavesNothingOfItselfBehind) {
  Places p;
  Write([&](UnitOfWork& uow) { p = AddPlaces(uow); });
  auto uow = Begin(TxMode::kWrite);
  auto kept = Must(
      uow->Learners().Add(MakeLearner(p.la1, "Kept", "Learner", D("2015-01-01"), MakeUpn(661, 1))));

  domain::Learner twice = FullLearner(p, 2);
  twice.family.push_back({p.f1, "carer", false});  // the same parent linked twice
  auto duplicate_link = uow->Learners().Add(twice);
  ASSERT_FALSE(duplicate_link);
  EXPECT_EQ(duplicate_link.error().code, ErrorCode::kConflict);
  EXPECT_EQ(duplicate_link.error().message, "family_error_duplicate");

  domain::Learner nowhere = FullLearner(p, 3);
  nowhere.registrations.push_back({domain::SettingId{999}, D("2022-09-01"), std::nullopt});
  auto missing_setting = uow->Learners().Add(nowhere);
  ASSERT_FALSE(missing_setting);
  EXPECT_EQ(missing_setting.error().code, ErrorCode::kInternal);
  EXPECT_EQ(missing_setting.error().message, "store_error_missing_reference");

  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) {
    EXPECT_EQ(r.Learners().Count(), 1);
    EXPECT_TRUE(r.Learners().Get(kept));
    EXPECT_FALSE(r.Learners().FindByUpn(MakeUpn(661, 2).str()));
    EXPECT_FALSE(r.Learners().FindByUpn(MakeUpn(661, 3).str()));
  });
}

TEST_P(StoreContract, ReferencesToMissingRowsAreRefused) {
  Places p;
  Write([&](UnitOfWork& uow) { p = AddPlaces(uow); });
  auto uow = Begin(TxMode::kWrite);
  auto expect_refused = [](const auto& result) {
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInternal);
    EXPECT_EQ(result.error().message, "store_error_missing_reference");
  };
  domain::LocalAuthorityId nowhere{999};
  expect_refused(uow->Settings().Add(MakeSetting(nowhere, "Ysgol", "9999")));
  expect_refused(uow->Families().Add(MakeMember(nowhere, "Neb")));
  expect_refused(
      uow->Learners().Add(MakeLearner(nowhere, "A", "B", D("2015-01-01"), MakeUpn(661, 1))));
  domain::Learner learner = MakeLearner(p.la1, "A", "B", D("2015-01-01"), MakeUpn(661, 2));
  learner.health_board_referrals = {domain::HealthBoardId{999}};
  expect_refused(uow->Learners().Add(learner));
  learner.health_board_referrals.clear();
  learner.family = {{domain::FamilyMemberId{999}, "mother", true}};
  expect_refused(uow->Learners().Add(learner));
  domain::User user = MakeUser(p.la1, "ghost", domain::Role::kTeacher);
  user.settings = {domain::SettingId{999}};
  expect_refused(uow->Users().Add(user));
  expect_refused(uow->Sessions().Add({"digest", domain::UserId{999}, "csrf",
                                      T("2024-01-01T00:00:00Z"), T("2024-01-01T00:00:00Z")}));
  domain::AuditEvent event;
  event.local_authority = nowhere;
  expect_refused(uow->Audit().Append(event));
}

TEST_P(StoreContract, AUnitOfWorkDroppedWithoutCommitLeavesNothingBehind) {
  Places p;
  Write([&](UnitOfWork& uow) { p = AddPlaces(uow); });
  {
    auto uow = Begin(TxMode::kWrite);
    auto la = Must(uow->LocalAuthorities().Add(MakeLa(663, "Denbighshire", "Sir Ddinbych")));
    auto id = Must(uow->Learners().Add(FullLearner(p, 1)));
    auto user = Must(uow->Users().Add(MakeUser(la, "dropped", domain::Role::kLaOfficer)));
    Must(uow->Sessions().Add(
        {"digest", user, "csrf", T("2024-01-01T00:00:00Z"), T("2024-01-01T00:00:00Z")}));
    domain::AuditEvent event;
    event.local_authority = la;
    event.at = T("2024-01-01T00:00:00Z");
    Must(uow->Audit().Append(event));
    EXPECT_TRUE(uow->Learners().Get(id));  // visible inside its own unit of work
  }
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(uow.Learners().Count(), 0);
    EXPECT_EQ(uow.LocalAuthorities().List().size(), 2u);
    EXPECT_FALSE(uow.Users().FindByUsername("dropped"));
    EXPECT_FALSE(uow.Sessions().Find("digest"));
    EXPECT_EQ(uow.Audit().Search({domain::LocalAuthorityId{3}, {}, "", 0, 50}).total, 0);
  });
}

TEST_P(StoreContract, AReadUnitOfWorkRefusesWrites) {
  {
    auto uow = Begin(TxMode::kRead);
    auto added = uow->LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd"));
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, ErrorCode::kInternal);
    Must(uow->Commit());
  }
  EXPECT_TRUE(Read([](UnitOfWork& uow) { return uow.LocalAuthorities().List(); }).empty());
}

TEST_P(StoreContract, WritesAfterCommitAreRefused) {
  auto uow = Begin(TxMode::kWrite);
  Must(uow->LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
  Must(uow->Commit());
  EXPECT_FALSE(uow->LocalAuthorities().Add(MakeLa(662, "Conwy", "Conwy")));
  EXPECT_FALSE(uow->Commit());
  EXPECT_EQ(uow->LocalAuthorities().List().size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Learner search

// About sixty learners across two LAs, three settings, three parents and two health boards,
// with registrations active, ended and future around kOn.
constexpr const char* kOn = "2024-10-01";

struct World {
  Places places;
  std::vector<domain::Learner> learners;  // as stored
};

World BuildWorld(UnitOfWork& uow) {
  World world;
  Places& p = world.places;
  p = AddPlaces(uow);
  const std::vector<std::string> firsts = {"Aled",   "bethan", "Cerys", "Dafydd", "Elin", "ffion",
                                           "Gethin", "Huw",    "Iolo",  "Siân",   "Ŵyn",  "Ŷr"};
  const std::vector<std::string> lasts = {"Jones",  "ap Rhys", "Williams", "de Silva", "Prŷs",
                                          "Hughes", "jones",   "Âb Owen",  "Evans",    "Llŵyd"};
  const std::vector<domain::Registration> patterns[] = {
      {{p.s1, D("2023-09-01"), std::nullopt}},     // active
      {{p.s2, D("2022-09-01"), D("2024-07-20")}},  // ended
      {{p.s3, D("2024-11-01"), std::nullopt}},     // future
      {{p.s1, D("2021-09-01"), D(kOn)}},           // ends on kOn
      {{p.s2, D(kOn), std::nullopt}},              // starts on kOn
      {{p.s1, D("2020-09-01"), std::nullopt}, {p.s3, D("2024-01-08"), std::nullopt}},     // dual
      {{p.s2, D("2019-09-01"), D("2024-07-20")}, {p.s3, D("2024-09-02"), std::nullopt}},  // moved
      {},                                                                                 // none
  };
  for (int i = 0; i < 60; ++i) {
    domain::Learner l = MakeLearner(
        i % 3 == 0 ? p.la2 : p.la1, firsts[static_cast<std::size_t>(i * 7) % firsts.size()],
        lasts[static_cast<std::size_t>(i * 3) % lasts.size()],
        domain::AddDays(D("2008-03-15"), i * 83), MakeUpn(i % 3 == 0 ? 662 : 661, i + 1));
    if (i % 4 == 1) l.preferred_name = "Pref" + std::to_string(i);
    if (i % 7 == 0) {
      l.looked_after = true;
      l.looked_after_by = i % 2 == 0 ? p.la1 : p.la2;
    }
    l.registrations = patterns[i % 8];
    if (i % 5 == 0) l.family.push_back({p.f1, "mother", true});
    if (i % 5 == 1) l.family.push_back({p.f1, "mother", false});
    if (i % 6 == 2) l.family.push_back({p.f2, "father", true});
    if (i % 9 == 3) l.family.push_back({p.f3, "grandparent", true});
    if (i % 4 == 0) l.health_board_referrals.push_back(p.h1);
    if (i % 10 == 5) l.health_board_referrals.push_back(p.h2);
    l.id = Must(uow.Learners().Add(l));
    world.learners.push_back(l);
  }
  return world;
}

// What a search must return: the learners passing `keep`, in search order.
std::vector<std::int64_t> Expected(const World& world,
                                   const std::function<bool(const domain::Learner&)>& keep) {
  std::vector<domain::Learner> hits;
  for (const auto& l : world.learners)
    if (keep(l)) hits.push_back(l);
  std::sort(hits.begin(), hits.end(), SearchOrder);
  return Ids(hits);
}

class SearchContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    if (!Ready()) return;
    world_ = Write([](UnitOfWork& uow) { return BuildWorld(uow); });
  }

  app::LearnerPage Search(const app::LearnerQuery& query) {
    return Read([&](UnitOfWork& uow) { return uow.Learners().Search(query); });
  }

  // Every learner the query finds, fetched in one large page.
  std::vector<std::int64_t> Found(app::LearnerQuery query) {
    query.offset = 0;
    query.limit = 1000;
    auto page = Search(query);
    EXPECT_EQ(page.total, static_cast<int>(page.items.size()));
    return Ids(page.items);
  }

  World world_;
};

TEST_P(SearchContract, ScopesFindExactlyTheLearnersTheyMatch) {
  const Places& p = world_.places;
  std::vector<domain::LearnerScope> scopes;
  for (const char* on : {kOn, "2024-07-20", "2024-07-21", "2024-11-01", "2025-09-01"}) {
    auto scope = [&] {
      domain::LearnerScope s;
      s.on = D(on);
      return s;
    };
    domain::LearnerScope s = scope();
    s.local_authority = p.la1;
    scopes.push_back(s);
    s = scope();
    s.local_authority = p.la2;
    scopes.push_back(s);
    s = scope();
    s.settings = {p.s1};
    scopes.push_back(s);
    s = scope();
    s.settings = {p.s2, p.s3};
    scopes.push_back(s);
    s = scope();
    s.family_member = p.f1;
    scopes.push_back(s);
    s = scope();
    s.learner = world_.learners[17].id;
    scopes.push_back(s);
    s = scope();
    s.health_board = p.h1;
    scopes.push_back(s);
    s = scope();
    s.settings = {p.s1};
    s.family_member = p.f2;
    s.health_board = p.h2;
    scopes.push_back(s);
    s = scope();
    s.local_authority = p.la2;
    s.settings = {p.s2};
    s.learner = world_.learners[1].id;
    scopes.push_back(s);
  }
  for (const auto& scope : scopes) {
    app::LearnerQuery query;
    query.scope = scope;
    auto expected = Expected(world_, [&](const domain::Learner& l) { return scope.Matches(l); });
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(Found(query), expected) << "scope on " << domain::FormatIsoDate(scope.on);
  }
}

TEST_P(SearchContract, AnEmptyScopeFindsNobody) {
  app::LearnerQuery query;
  query.scope.on = D(kOn);
  auto page = Search(query);
  EXPECT_TRUE(page.items.empty());
  EXPECT_EQ(page.total, 0);
}

TEST_P(SearchContract, SettingAndYearGroupFiltersAgreeWithTheDomain) {
  const Places& p = world_.places;
  for (const char* on : {kOn, "2024-08-31", "2025-09-01"}) {
    domain::LearnerScope scope;
    scope.on = D(on);
    scope.local_authority = p.la1;
    for (auto setting : {p.s1, p.s2, p.s3}) {
      app::LearnerQuery query;
      query.scope = scope;
      query.setting = setting;
      auto expected = Expected(world_, [&](const domain::Learner& l) {
        if (!scope.Matches(l)) return false;
        for (const auto& r : l.registrations)
          if (r.setting == setting && r.ActiveOn(scope.on)) return true;
        return false;
      });
      EXPECT_EQ(Found(query), expected) << on << " setting " << setting.value();
    }
    int groups_with_learners = 0;
    for (int year_group = -3; year_group <= 18; ++year_group) {
      app::LearnerQuery query;
      query.scope = scope;
      query.year_group = year_group;
      auto expected = Expected(world_, [&](const domain::Learner& l) {
        return scope.Matches(l) && domain::YearGroupOn(l.date_of_birth, scope.on) == year_group;
      });
      groups_with_learners += expected.empty() ? 0 : 1;
      EXPECT_EQ(Found(query), expected) << on << " year group " << year_group;
      query.setting = p.s1;
      auto expected_at_s1 = Expected(world_, [&](const domain::Learner& l) {
        bool at_s1 =
            std::any_of(l.registrations.begin(), l.registrations.end(),
                        [&](const auto& r) { return r.setting == p.s1 && r.ActiveOn(scope.on); });
        return scope.Matches(l) && at_s1 &&
               domain::YearGroupOn(l.date_of_birth, scope.on) == year_group;
      });
      EXPECT_EQ(Found(query), expected_at_s1) << on << " year group " << year_group << " at s1";
    }
    EXPECT_GT(groups_with_learners, 8);
  }
}

TEST_P(SearchContract, PagesWalkTheWholeResultInOrder) {
  app::LearnerQuery query;
  query.scope.on = D(kOn);
  query.scope.local_authority = world_.places.la1;
  auto all = Found(query);
  ASSERT_GT(all.size(), 20u);
  std::vector<std::int64_t> walked;
  for (int offset = 0; offset < static_cast<int>(all.size()); offset += 7) {
    query.offset = offset;
    query.limit = 7;
    auto page = Search(query);
    EXPECT_EQ(page.total, static_cast<int>(all.size()));
    EXPECT_LE(page.items.size(), 7u);
    for (auto id : Ids(page.items)) walked.push_back(id);
  }
  EXPECT_EQ(walked, all);

  query.offset = static_cast<int>(all.size()) + 5;
  auto beyond = Search(query);
  EXPECT_TRUE(beyond.items.empty());
  EXPECT_EQ(beyond.total, static_cast<int>(all.size()));

  query.offset = 0;
  query.limit = 0;
  auto none = Search(query);
  EXPECT_TRUE(none.items.empty());
  EXPECT_EQ(none.total, static_cast<int>(all.size()));
}

TEST_P(SearchContract, CountsLearnersByYearGroupAtASetting) {
  const Places& p = world_.places;
  for (const char* on : {kOn, "2024-07-20", "2025-09-01"}) {
    for (auto setting : {p.s1, p.s2, p.s3}) {
      std::map<int, int> expected;
      for (const auto& l : world_.learners) {
        bool there =
            std::any_of(l.registrations.begin(), l.registrations.end(),
                        [&](const auto& r) { return r.setting == setting && r.ActiveOn(D(on)); });
        if (there) ++expected[domain::YearGroupOn(l.date_of_birth, D(on))];
      }
      auto counted = Read(
          [&](UnitOfWork& uow) { return uow.Settings().CountLearnersByYearGroup(setting, D(on)); });
      EXPECT_EQ(counted, expected) << on << " setting " << setting.value();
    }
  }
  EXPECT_TRUE(Read([](UnitOfWork& uow) {
                return uow.Settings().CountLearnersByYearGroup(domain::SettingId{999}, D(kOn));
              }).empty());
}

TEST_P(StoreContract, TextSearchFindsPartsOfNamesAndTheStartOfAUpn) {
  Places p;
  std::vector<domain::Learner> learners;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    learners = {MakeLearner(p.la1, "Dafydd", "Prŷs", D("2014-01-01"), MakeUpn(661, 1)),
                MakeLearner(p.la1, "Gwenllian", "ap Rhys", D("2014-01-01"), MakeUpn(661, 2)),
                MakeLearner(p.la1, "Siân", "Llŵyd", D("2014-01-01"), MakeUpn(661, 3)),
                MakeLearner(p.la1, "Bethan", "Jones", D("2014-01-01"), MakeUpn(661, 4)),
                MakeLearner(p.la2, "Dafydd", "Outside", D("2014-01-01"), MakeUpn(662, 5))};
    learners[1].preferred_name = "Gwen";
    learners[3].preferred_name = "Beth";
    for (auto& l : learners) l.id = Must(uow.Learners().Add(l));
  });
  auto find = [&](const std::string& text) {
    app::LearnerQuery query;
    query.scope.on = D(kOn);
    query.scope.local_authority = p.la1;
    query.text = text;
    auto page = Read([&](UnitOfWork& uow) { return uow.Learners().Search(query); });
    EXPECT_EQ(page.total, static_cast<int>(page.items.size()));
    std::vector<std::string> names;
    for (const auto& l : page.items) names.push_back(l.legal_first_name);
    return names;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(find("dafy"), Names{"Dafydd"});  // the LA2 Dafydd is outside the scope
  EXPECT_EQ(find("RHYS"), Names{"Gwenllian"});
  EXPECT_EQ(find("gwen"), Names{"Gwenllian"});
  EXPECT_EQ(find("Gwen ap"), Names{"Gwenllian"});  // preferred name then last name
  EXPECT_EQ(find("beth jo"), Names{"Bethan"});
  EXPECT_EQ(find("ŷs"), Names{"Dafydd"});
  EXPECT_EQ(find("siân LLŵyd"), Names{"Siân"});
  EXPECT_EQ(find("  dafydd  "), Names{"Dafydd"});
  EXPECT_EQ(find("zzz"), Names{});
  EXPECT_EQ(find("%"), Names{});
  EXPECT_EQ(find("_"), Names{});
  EXPECT_EQ(find(learners[2].upn.str()), Names{"Siân"});
  std::string lower = learners[2].upn.str();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return static_cast<char>(std::tolower(c)); });
  EXPECT_EQ(find(lower), Names{"Siân"});
  std::string prefix = learners[0].upn.str().substr(0, 4);
  Names expected;
  for (const auto& l : learners)
    if (l.local_authority == p.la1 && l.upn.str().rfind(prefix, 0) == 0)
      expected.push_back(l.legal_first_name);
  std::sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
    auto last = [&](const std::string& first) {
      for (const auto& l : learners)
        if (l.legal_first_name == first && l.local_authority == p.la1)
          return Fold(l.legal_last_name);
      return std::string();
    };
    return last(a) < last(b);
  });
  EXPECT_EQ(find(prefix), expected);
  EXPECT_EQ(find("66112"), Names{});  // a UPN is matched from its start only
}

// ---------------------------------------------------------------------------------------------
// Users and sessions

TEST_P(StoreContract, UsersRoundTripEveryFieldWithTheirSettings) {
  std::vector<domain::User> users;
  Places p;
  domain::LearnerId learner;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    learner = Must(uow.Learners().Add(FullLearner(p, 1)));
    domain::User alnco = MakeUser(p.la1, "mererid.wyn", domain::Role::kAlnco);
    alnco.display_name = "Mererid Ŵyn-Prŷs";
    alnco.settings = {p.s2, p.s1};
    alnco.language = domain::LetterLanguage::kWelsh;
    alnco.disabled = true;
    alnco.failed_sign_ins = 3;
    alnco.locked_until = T("2024-10-01T09:15:00Z");
    domain::User parent = MakeUser(p.la1, "parent@example.cymru", domain::Role::kParent);
    parent.family_member = p.f1;
    domain::User young = MakeUser(p.la1, "young.person", domain::Role::kYoungPerson);
    young.learner = learner;
    domain::User health = MakeUser(p.la2, "health", domain::Role::kHealthBoardOfficer);
    health.health_board = p.h2;
    users = {alnco, parent, young, health};
    for (auto& u : users) u.id = Must(uow.Users().Add(u));
  });
  Read([&](UnitOfWork& uow) {
    for (const auto& u : users) {
      auto got = uow.Users().Get(u.id);
      ASSERT_TRUE(got);
      EXPECT_EQ(Describe(*got), Describe(u));
      auto by_name = uow.Users().FindByUsername(u.username);
      ASSERT_TRUE(by_name);
      EXPECT_EQ(Describe(*by_name), Describe(u));
    }
    EXPECT_FALSE(uow.Users().Get(domain::UserId{999}));
    EXPECT_FALSE(uow.Users().FindByUsername("nobody"));
    EXPECT_FALSE(uow.Users().FindByUsername("MERERID.WYN"));
    std::vector<std::string> names;
    for (const auto& u : uow.Users().ListByLocalAuthority(p.la1)) names.push_back(u.username);
    EXPECT_EQ(names,
              (std::vector<std::string>{"mererid.wyn", "parent@example.cymru", "young.person"}));
    EXPECT_EQ(DescribeAll(uow.Users().ListByLocalAuthority(p.la2)),
              DescribeAll(std::vector{users[3]}));
  });
}

TEST_P(StoreContract, UsernameIsUniqueOnAddAndUpdate) {
  domain::User alice, bob;
  Write([&](UnitOfWork& uow) {
    Places p = AddPlaces(uow);
    alice = MakeUser(p.la1, "alice", domain::Role::kLaOfficer);
    alice.id = Must(uow.Users().Add(alice));
    bob = MakeUser(p.la1, "bob", domain::Role::kTeacher);
    bob.settings = {p.s1};
    bob.id = Must(uow.Users().Add(bob));
  });
  auto uow = Begin(TxMode::kWrite);
  auto taken = uow->Users().Add(MakeUser(alice.local_authority, "alice", domain::Role::kGovernor));
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  EXPECT_EQ(taken.error().message, "username_error_taken");
  EXPECT_EQ(taken.error().fields.at("username"), "username_error_taken");

  domain::User renamed = bob;
  renamed.username = "alice";
  renamed.settings.clear();
  auto status = uow->Users().Update(renamed);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "username_error_taken");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) { EXPECT_EQ(Describe(*r.Users().Get(bob.id)), Describe(bob)); });
}

TEST_P(StoreContract, UserUpdateReplacesEveryFieldAndSettings) {
  domain::User user;
  Places p;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    user = MakeUser(p.la1, "teacher", domain::Role::kTeacher);
    user.settings = {p.s1, p.s2};
    user.id = Must(uow.Users().Add(user));
  });
  user.username = "alnco";
  user.display_name = "Siôn Ŷ";
  user.role = domain::Role::kAlnco;
  user.settings = {p.s2};
  user.language = domain::LetterLanguage::kWelsh;
  user.password_hash = "new-hash";
  user.failed_sign_ins = 5;
  user.locked_until = T("2025-01-01T00:00:00Z");
  Write([&](UnitOfWork& uow) { Must(uow.Users().Update(user)); });
  Read([&](UnitOfWork& uow) { EXPECT_EQ(Describe(*uow.Users().Get(user.id)), Describe(user)); });
  user.locked_until = std::nullopt;
  user.failed_sign_ins = 0;
  user.disabled = true;
  Write([&](UnitOfWork& uow) { Must(uow.Users().Update(user)); });
  Read([&](UnitOfWork& uow) { EXPECT_EQ(Describe(*uow.Users().Get(user.id)), Describe(user)); });

  domain::User unknown = user;
  unknown.id = domain::UserId{999};
  unknown.username = "unknown";
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Users().Update(unknown);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, SessionsAreFoundTouchedRemovedAndExpired) {
  domain::UserId ann, ben;
  Write([&](UnitOfWork& uow) {
    Places p = AddPlaces(uow);
    ann = Must(uow.Users().Add(MakeUser(p.la1, "ann", domain::Role::kLaOfficer)));
    ben = Must(uow.Users().Add(MakeUser(p.la1, "ben", domain::Role::kLaOfficer)));
  });
  app::Session s1{"digest-1", ann, "csrf-1", T("2024-10-01T10:00:00Z"), T("2024-10-01T10:00:00Z")};
  app::Session s2{"digest-2", ann, "csrf-2", T("2024-10-01T08:00:00Z"), T("2024-10-01T11:50:00Z")};
  app::Session s3{"digest-3", ann, "csrf-3", T("2024-10-01T11:00:00Z"), T("2024-10-01T11:55:00Z")};
  app::Session s4{"digest-4", ben, "csrf-4", T("2024-10-01T10:00:00Z"), T("2024-10-01T11:00:00Z")};
  Write([&](UnitOfWork& uow) {
    for (const auto& s : {s1, s2, s3, s4}) Must(uow.Sessions().Add(s));
  });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Sessions().Find("digest-1");
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(s1));
    EXPECT_FALSE(uow.Sessions().Find("digest-0"));
  });
  {
    auto uow = Begin(TxMode::kWrite);
    auto again = uow->Sessions().Add(s1);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    auto touch_unknown = uow->Sessions().Touch("digest-0", T("2024-10-01T12:00:00Z"));
    ASSERT_FALSE(touch_unknown);
    EXPECT_EQ(touch_unknown.error().code, ErrorCode::kNotFound);
    Must(uow->Sessions().Touch("digest-1", T("2024-10-01T12:00:00Z")));
    Must(uow->Commit());
  }
  s1.last_seen_at = T("2024-10-01T12:00:00Z");
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(Describe(*uow.Sessions().Find("digest-1")), Describe(s1));
  });

  // Idle since before 11:30 (s4), or created before 09:00 (s2), ends a session.
  Write([&](UnitOfWork& uow) {
    Must(uow.Sessions().RemoveExpired(T("2024-10-01T11:30:00Z"), T("2024-10-01T09:00:00Z")));
  });
  Read([&](UnitOfWork& uow) {
    EXPECT_TRUE(uow.Sessions().Find("digest-1"));
    EXPECT_FALSE(uow.Sessions().Find("digest-2"));
    EXPECT_TRUE(uow.Sessions().Find("digest-3"));
    EXPECT_FALSE(uow.Sessions().Find("digest-4"));
  });
  Write([&](UnitOfWork& uow) {
    Must(uow.Sessions().Remove("digest-3"));
    Must(uow.Sessions().Remove("digest-0"));  // removing what is not there is fine
    Must(uow.Sessions().Add(s4));
  });
  Read([&](UnitOfWork& uow) {
    EXPECT_FALSE(uow.Sessions().Find("digest-3"));
    EXPECT_TRUE(uow.Sessions().Find("digest-1"));
  });
  Write([&](UnitOfWork& uow) { Must(uow.Sessions().RemoveForUser(ann)); });
  Read([&](UnitOfWork& uow) {
    EXPECT_FALSE(uow.Sessions().Find("digest-1"));
    EXPECT_TRUE(uow.Sessions().Find("digest-4"));
  });
}

// ---------------------------------------------------------------------------------------------
// Audit

TEST_P(StoreContract, AuditSearchIsNewestFirstWithinOneLaByLearnerOrUsername) {
  Places p;
  domain::LearnerId l1, l2;
  std::vector<domain::AuditEvent> events;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    l1 = Must(uow.Learners().Add(FullLearner(p, 1)));
    l2 = Must(
        uow.Learners().Add(MakeLearner(p.la1, "Elin", "Hughes", D("2015-01-01"), MakeUpn(661, 2))));
    auto user = Must(uow.Users().Add(MakeUser(p.la1, "alice", domain::Role::kLaOfficer)));
    auto event = [&](int n, domain::LocalAuthorityId la, const char* at, const char* username,
                     std::optional<domain::LearnerId> learner, domain::AuditAction action) {
      domain::AuditEvent e;
      e.local_authority = la;
      e.at = T(at);
      e.username = username;
      if (std::string(username) == "alice") e.user = user;
      e.role = domain::Role::kLaOfficer;
      e.action = action;
      e.learner = learner;
      e.route = "GET /learners/" + std::to_string(learner ? learner->value() : 0);
      e.request_id = "req-" + std::to_string(n);
      e.detail = "legal_first_name, upn — Siân Ŵyn";
      return e;
    };
    using A = domain::AuditAction;
    events = {
        event(0, p.la1, "2024-10-01T09:00:00Z", "alice", l1, A::kView),
        event(1, p.la1, "2024-10-01T09:05:00Z", "bob", l1, A::kUpdate),
        event(2, p.la1, "2024-10-01T09:05:00Z", "alice", l2, A::kCreate),  // same second as 1
        event(3, p.la1, "2024-10-02T08:00:00Z", "alice", std::nullopt, A::kSignIn),
        event(4, p.la2, "2024-10-02T09:00:00Z", "alice", l1, A::kExport),  // another LA
        event(5, p.la1, "2024-09-30T23:59:59Z", "carol", l2, A::kSignInFailed),
    };
    for (auto& e : events) {
      Must(uow.Audit().Append(e));
    }
  });
  auto search = [&](domain::LocalAuthorityId la, std::optional<domain::LearnerId> learner,
                    std::string username, int offset = 0, int limit = 50) {
    auto page = Read([&](UnitOfWork& uow) {
      return uow.Audit().Search({la, learner, std::move(username), offset, limit});
    });
    std::vector<std::string> ids;
    for (const auto& e : page.items) ids.push_back(e.request_id);
    return std::make_pair(ids, page.total);
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(search(p.la1, {}, ""),
            std::make_pair(Ids{"req-3", "req-2", "req-1", "req-0", "req-5"}, 5));
  EXPECT_EQ(search(p.la1, l1, ""), std::make_pair(Ids{"req-1", "req-0"}, 2));
  EXPECT_EQ(search(p.la1, {}, "alice"), std::make_pair(Ids{"req-3", "req-2", "req-0"}, 3));
  EXPECT_EQ(search(p.la1, l2, "alice"), std::make_pair(Ids{"req-2"}, 1));
  EXPECT_EQ(search(p.la2, {}, "alice"), std::make_pair(Ids{"req-4"}, 1));
  EXPECT_EQ(search(p.la2, l2, ""), std::make_pair(Ids{}, 0));
  EXPECT_EQ(search(p.la1, {}, "ALICE"), std::make_pair(Ids{}, 0));
  EXPECT_EQ(search(p.la1, {}, "", 1, 2), std::make_pair(Ids{"req-2", "req-1"}, 5));
  EXPECT_EQ(search(p.la1, {}, "", 4, 2), std::make_pair(Ids{"req-5"}, 5));
  EXPECT_EQ(search(p.la1, {}, "", 9, 2), std::make_pair(Ids{}, 5));

  auto page = Read([&](UnitOfWork& uow) {
    return uow.Audit().Search({p.la1, l2, "alice", 0, 50});
  });
  ASSERT_EQ(page.items.size(), 1u);
  domain::AuditEvent expected = events[2];
  expected.id = page.items[0].id;
  EXPECT_TRUE(expected.id.valid());
  EXPECT_EQ(Describe(page.items[0]), Describe(expected));
  auto sign_in = Read([&](UnitOfWork& uow) {
    return uow.Audit().Search({p.la1, {}, "carol", 0, 50});
  });
  ASSERT_EQ(sign_in.items.size(), 1u);
  EXPECT_FALSE(sign_in.items[0].user);
}

domain::TermDates Year2025(domain::LocalAuthorityId la) {
  domain::TermDates dates;
  dates.local_authority = la;
  dates.academic_year = 2025;
  dates.terms = {
      {domain::TermName::kAutumn, D("2025-09-01"), D("2025-12-19"), D("2025-10-27"),
       D("2025-10-31")},
      {domain::TermName::kSpring, D("2026-01-05"), D("2026-03-27"), std::nullopt, std::nullopt},
      {domain::TermName::kSummer, D("2026-04-13"), D("2026-07-20"), D("2026-05-25"),
       D("2026-05-29")},
  };
  return dates;
}

TEST_P(StoreContract, TermDatesAreKeptPerLaAndYearAndReplacedWhole) {
  Places p;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    Must(uow.Calendars().PutTermDates(Year2025(p.la1)));
    auto next = Year2025(p.la1);
    next.academic_year = 2026;
    next.terms = {
        {domain::TermName::kAutumn, D("2026-09-01"), D("2026-12-18"), std::nullopt, std::nullopt}};
    Must(uow.Calendars().PutTermDates(next));
  });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Calendars().GetTermDates(p.la1, 2025);
    EXPECT_TRUE(got.has_value());
    if (!got) return 0;
    EXPECT_EQ(got->terms, Year2025(p.la1).terms);
    EXPECT_FALSE(uow.Calendars().GetTermDates(p.la2, 2025).has_value());
    EXPECT_FALSE(uow.Calendars().GetTermDates(p.la1, 2024).has_value());
    auto all = uow.Calendars().ListTermDates(p.la1);
    EXPECT_EQ(all.size(), 2u);
    if (all.size() == 2) {
      EXPECT_EQ(all[0].academic_year, 2025);
      EXPECT_EQ(all[1].terms.size(), 1u);
    }
    return 0;
  });
  // Saving a year again replaces its terms: a term left out is gone.
  Write([&](UnitOfWork& uow) {
    auto fewer = Year2025(p.la1);
    fewer.terms.pop_back();
    Must(uow.Calendars().PutTermDates(fewer));
  });
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(uow.Calendars().GetTermDates(p.la1, 2025)->terms.size(), 2u);
    return 0;
  });
}

TEST_P(StoreContract, ASettingsOwnTermDatesAreKeptApartFromItsLas) {
  Places p;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    Must(uow.Calendars().PutTermDates(Year2025(p.la1)));
    auto own = Year2025(p.la1);
    own.terms = {
        {domain::TermName::kAutumn, D("2025-09-08"), D("2025-12-12"), std::nullopt, std::nullopt}};
    Must(uow.Calendars().PutSettingTermDates(p.s1, own));
  });
  Read([&](UnitOfWork& uow) {
    auto own = uow.Calendars().ListSettingTermDates(p.s1);
    EXPECT_EQ(own.size(), 1u);
    if (own.size() == 1) {
      EXPECT_EQ(own[0].academic_year, 2025);
      EXPECT_EQ(own[0].local_authority, p.la1);
      EXPECT_EQ(own[0].terms.size(), 1u);
      if (!own[0].terms.empty()) {
        EXPECT_EQ(domain::FormatIsoDate(own[0].terms[0].start), "2025-09-08");
      }
    }
    EXPECT_TRUE(uow.Calendars().ListSettingTermDates(p.s2).empty());
    // The LA's own terms are untouched.
    EXPECT_EQ(uow.Calendars().GetTermDates(p.la1, 2025)->terms.size(), 3u);
    return 0;
  });
  auto uow = Begin(TxMode::kWrite);
  auto missing = uow->Calendars().RemoveSettingTermDates(p.s2, 2025);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  Must(uow->Calendars().RemoveSettingTermDates(p.s1, 2025));
  EXPECT_TRUE(uow->Calendars().ListSettingTermDates(p.s1).empty());
}

TEST_P(StoreContract, SettingDaysAreOnePerDateAndRemovableOnlyFromTheirSetting) {
  Places p;
  std::int64_t inset = 0;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    inset = Must(uow.Calendars().AddSettingDay(
        {0, p.s1, D("2025-11-03"), domain::CalendarEntryKind::kInset, "Hyfforddiant ŵyl"}));
    Must(uow.Calendars().AddSettingDay(
        {0, p.s1, D("2025-09-01"), domain::CalendarEntryKind::kClosure, "Flood"}));
    Must(uow.Calendars().AddSettingDay(
        {0, p.s2, D("2025-11-03"), domain::CalendarEntryKind::kInset, ""}));
  });
  auto uow = Begin(TxMode::kWrite);
  auto taken = uow->Calendars().AddSettingDay(
      {0, p.s1, D("2025-11-03"), domain::CalendarEntryKind::kClosure, "again"});
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, ErrorCode::kConflict);
  auto wrong_setting = uow->Calendars().RemoveSettingDay(p.s2, inset);
  ASSERT_FALSE(wrong_setting);
  EXPECT_EQ(wrong_setting.error().code, ErrorCode::kNotFound);
  auto days = uow->Calendars().ListSettingDays(p.s1);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(domain::FormatIsoDate(days[0].date), "2025-09-01");
  EXPECT_EQ(days[0].kind, domain::CalendarEntryKind::kClosure);
  EXPECT_EQ(days[1].label, "Hyfforddiant ŵyl");
  Must(uow->Calendars().RemoveSettingDay(p.s1, inset));
  EXPECT_EQ(uow->Calendars().ListSettingDays(p.s1).size(), 1u);
  EXPECT_EQ(uow->Calendars().ListSettingDays(p.s2).size(), 1u);
}

TEST_P(StoreContract, ImportedBankHolidaysReplaceOnlyTheYearsImported) {
  Write([&](UnitOfWork& uow) {
    Must(uow.Calendars().PutImportedBankHolidays({D("2031-01-01"), D("2031-04-11")}));
    Must(uow.Calendars().PutImportedBankHolidays({D("2032-01-01")}));
    Must(uow.Calendars().PutImportedBankHolidays({D("2031-12-25")}));
  });
  auto got = Read([&](UnitOfWork& uow) { return uow.Calendars().ImportedBankHolidays(); });
  std::vector<std::string> iso;
  for (auto d : got) iso.push_back(domain::FormatIsoDate(d));
  EXPECT_EQ(iso, (std::vector<std::string>{"2031-12-25", "2032-01-01"}));
}

TEST_P(StoreContract, LocalTimescalesDefaultUntilSet) {
  Places p;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    Must(uow.Calendars().PutLocalTimescales(p.la1, {15, 5}));
    Must(uow.Calendars().PutLocalTimescales(p.la1, {16, 4}));
  });
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(uow.Calendars().GetLocalTimescales(p.la1).school_referral_school_days, 16);
    EXPECT_EQ(uow.Calendars().GetLocalTimescales(p.la1).panel_minutes_working_days, 4);
    EXPECT_EQ(uow.Calendars().GetLocalTimescales(p.la2).school_referral_school_days, 20);
    return 0;
  });
}

TEST_P(StoreContract, ClocksRoundTripWithWaiversAndOnlyOpenOnesAreListedOpen) {
  Places p;
  domain::StatutoryClock running, waived, stopped;
  Write([&](UnitOfWork& uow) {
    p = AddPlaces(uow);
    auto learner = Must(uow.Learners().Add(FullLearner(p, 1)));
    auto user = Must(uow.Users().Add(MakeUser(p.la1, "alnco", domain::Role::kAlnco)));
    running.local_authority = p.la1;
    running.learner = learner;
    running.calendar_setting = p.s1;
    running.timescale = "school-decision";
    running.count = 35;
    running.start_event = domain::ClockEvent::kConcernRaised;
    running.started_on = D("2025-10-01");
    running.reference = "Pryder gan y rhieni — Siân";
    running.started_by = user;
    running.started_at = T("2025-10-01T10:00:00Z");
    waived = running;
    waived.calendar_setting.reset();
    waived.timescale = "la-decision";
    waived.count = 12;
    waived.started_on = D("2025-09-15");
    waived.waiver = domain::Waiver{domain::WaiverReason::kAwaitingAnotherBody, "CAMHS report", user,
                                   T("2025-11-20T09:30:00Z"), D("2026-01-30")};
    stopped = running;
    stopped.started_on = D("2025-10-10");
    stopped.stopped_on = D("2025-11-28");
    stopped.due_when_stopped = D("2025-11-27");
    stopped.stop_note = "Decision made";
    running.id = Must(uow.Clocks().Add(running));
    waived.id = Must(uow.Clocks().Add(waived));
    stopped.id = Must(uow.Clocks().Add(stopped));
  });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Clocks().Get(waived.id);
    EXPECT_TRUE(got.has_value());
    if (!got) return 0;
    EXPECT_EQ(got->timescale, "la-decision");
    EXPECT_FALSE(got->calendar_setting.has_value());
    EXPECT_EQ(got->reference, "Pryder gan y rhieni — Siân");
    EXPECT_TRUE(got->waiver.has_value());
    if (got->waiver) {
      EXPECT_EQ(got->waiver->reason, domain::WaiverReason::kAwaitingAnotherBody);
      EXPECT_EQ(got->waiver->details, "CAMHS report");
      EXPECT_EQ(domain::FormatIsoDate(got->waiver->new_target), "2026-01-30");
      EXPECT_EQ(domain::FormatTimestamp(got->waiver->at), "2025-11-20T09:30:00Z");
    }
    auto done = uow.Clocks().Get(stopped.id);
    EXPECT_EQ(domain::FormatIsoDate(*done->stopped_on), "2025-11-28");
    EXPECT_EQ(domain::FormatIsoDate(*done->due_when_stopped), "2025-11-27");
    EXPECT_EQ(done->calendar_setting, p.s1);
    std::vector<std::int64_t> open;
    for (auto& c : uow.Clocks().ListOpen(p.la1)) open.push_back(c.id.value());
    EXPECT_EQ(open, (std::vector<std::int64_t>{waived.id.value(), running.id.value()}));
    EXPECT_TRUE(uow.Clocks().ListOpen(p.la2).empty());
    std::vector<std::int64_t> mine;
    for (auto& c : uow.Clocks().ListForLearner(running.learner)) mine.push_back(c.id.value());
    EXPECT_EQ(mine, (std::vector<std::int64_t>{stopped.id.value(), running.id.value(),
                                               waived.id.value()}));
    return 0;
  });
  Write([&](UnitOfWork& uow) {
    running.stopped_on = D("2025-11-01");
    running.due_when_stopped = D("2025-11-20");
    Must(uow.Clocks().Update(running));
    domain::StatutoryClock ghost = running;
    ghost.id = domain::ClockId{999};
    auto missing = uow.Clocks().Update(ghost);
    EXPECT_FALSE(missing);
    if (!missing) {
      EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    }
  });
  auto open = Read([&](UnitOfWork& uow) { return uow.Clocks().ListOpen(p.la1); });
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, waived.id);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Stores, SearchContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// The SQL engines: what a file or server store must do beyond the contract

// One database of an engine under test: each Open() is a new store (a server restarting) on the
// same database.
struct Database {
  virtual ~Database() = default;
  virtual std::unique_ptr<app::Store> Open(int pool_size) = 0;
  virtual domain::Result<int> Migrate(app::Store& store) = 0;
  virtual int SchemaVersion(app::Store& store) = 0;
  virtual const std::vector<Migration>& Migrations() = 0;
};

struct SqliteDatabase final : Database {
  std::unique_ptr<app::Store> Open(int pool_size) override {
    return Must(SqliteStore::Open(path, pool_size));
  }
  domain::Result<int> Migrate(app::Store& store) override {
    return dynamic_cast<SqliteStore&>(store).Migrate();
  }
  int SchemaVersion(app::Store& store) override {
    return dynamic_cast<SqliteStore&>(store).SchemaVersion();
  }
  const std::vector<Migration>& Migrations() override { return sqliteMigrations(); }
  TempDir dir;
  std::string path = dir.File("cynnal.db");
};

struct PostgresDatabase final : Database {
  explicit PostgresDatabase(const std::string& server) : schema(server) {}
  std::unique_ptr<app::Store> Open(int pool_size) override {
    return Must(PostgresStore::Open(schema.url(), pool_size));
  }
  domain::Result<int> Migrate(app::Store& store) override {
    return dynamic_cast<PostgresStore&>(store).Migrate();
  }
  int SchemaVersion(app::Store& store) override {
    return dynamic_cast<PostgresStore&>(store).SchemaVersion();
  }
  const std::vector<Migration>& Migrations() override { return postgresMigrations(); }
  testing::PostgresScratch schema;
};

struct Engine {
  std::string name;
  std::function<std::unique_ptr<Database>()> make;  // null without a server
};

void PrintTo(const Engine& engine, std::ostream* out) { *out << engine.name; }

const Engine kEngines[] = {
    {"Sqlite", [] { return std::make_unique<SqliteDatabase>(); }},
    {"Postgres",
     []() -> std::unique_ptr<Database> {
       auto server = testing::PostgresServerUrl();
       if (!server) return nullptr;
       return std::make_unique<PostgresDatabase>(*server);
     }},
};

class SqlStoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam().name == "Postgres") CYNNAL_SKIP_WITHOUT_POSTGRES();
    db_ = GetParam().make();
  }

  std::unique_ptr<app::Store> OpenStore(int pool_size = 4) { return db_->Open(pool_size); }
  std::unique_ptr<app::Store> OpenMigrated(int pool_size = 4) {
    auto store = OpenStore(pool_size);
    Must(db_->Migrate(*store));
    return store;
  }

  std::unique_ptr<Database> db_;
};

TEST_P(SqlStoreTest, MigrationsApplyOnceAndRecordTheSchemaVersion) {
  auto store = OpenStore();
  EXPECT_EQ(db_->SchemaVersion(*store), 0);
  const auto& all = db_->Migrations();
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(Must(db_->Migrate(*store)), static_cast<int>(all.size()));
  EXPECT_EQ(db_->SchemaVersion(*store), all.back().version);
  EXPECT_EQ(Must(db_->Migrate(*store)), 0);
  store.reset();
  store = OpenStore();
  EXPECT_EQ(Must(db_->Migrate(*store)), 0);
  EXPECT_EQ(db_->SchemaVersion(*store), all.back().version);
}

TEST(SqlMigrations, BothEnginesHaveTheSameVersionsAndNames) {
  const auto& sqlite = sqliteMigrations();
  const auto& postgres = postgresMigrations();
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, postgres[i].version);
    EXPECT_EQ(sqlite[i].name, postgres[i].name);
  }
}

TEST_P(SqlStoreTest, TwoServersStartingAtOnceMigrateOnce) {
  auto first = OpenStore();
  auto second = OpenStore();
  domain::Result<int> a = 0, b = 0;
  std::thread one([&] { a = db_->Migrate(*first); });
  std::thread two([&] { b = db_->Migrate(*second); });
  one.join();
  two.join();
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_EQ(*a + *b, static_cast<int>(db_->Migrations().size()));
  EXPECT_EQ(db_->SchemaVersion(*first), db_->Migrations().back().version);
}

TEST_P(SqlStoreTest, DataSurvivesClosingAndReopening) {
  domain::Learner learner;
  {
    auto store = OpenMigrated();
    auto uow = Must(store->Begin(TxMode::kWrite));
    Places p = AddPlaces(*uow);
    learner = FullLearner(p, 1);
    learner.id = Must(uow->Learners().Add(learner));
    Must(uow->Commit());
  }
  auto store = OpenStore();
  auto uow = Must(store->Begin(TxMode::kRead));
  auto got = uow->Learners().Get(learner.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(learner));
}

TEST_P(SqlStoreTest, AMissingReferenceIsRefusedAndTheUnitOfWorkGoesOn) {
  auto store = OpenMigrated();
  auto uow = Must(store->Begin(TxMode::kWrite));
  auto refused = uow->Settings().Add(MakeSetting(domain::LocalAuthorityId{42}, "Ysgol", "1234"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  Must(uow->LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
  Must(uow->Commit());
  auto reader = Must(store->Begin(TxMode::kRead));
  EXPECT_EQ(reader->LocalAuthorities().List().size(), 1u);
}

TEST_P(SqlStoreTest, WritersOfTwoServersTakeTurnsAndTheVersionRuleHolds) {
  auto first = OpenMigrated();
  auto second = OpenStore();
  domain::LearnerId id;
  {
    auto uow = Must(first->Begin(TxMode::kWrite));
    Places p = AddPlaces(*uow);
    id = Must(uow->Learners().Add(FullLearner(p, 1)));
    Must(uow->Commit());
  }
  // Both read version 0; the first to commit wins, the other is told someone changed it first.
  auto a = Must(first->Begin(TxMode::kRead))->Learners().Get(id);
  auto b = Must(second->Begin(TxMode::kRead))->Learners().Get(id);
  ASSERT_TRUE(a && b);
  a->preferred_name = "Gwenllïan";
  b->preferred_name = "Siôn";
  {
    auto uow = Must(first->Begin(TxMode::kWrite));
    Must(uow->Learners().Update(*a));
    Must(uow->Commit());
  }
  auto uow = Must(second->Begin(TxMode::kWrite));
  auto stale = uow->Learners().Update(*b);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  uow.reset();
  EXPECT_EQ(Must(second->Begin(TxMode::kRead))->Learners().Get(id)->preferred_name, "Gwenllïan");
}

TEST_P(SqlStoreTest, AReaderSeesOneConsistentStateWhileAWriterWorks) {
  auto store = OpenMigrated();
  Places p;
  {
    auto uow = Must(store->Begin(TxMode::kWrite));
    p = AddPlaces(*uow);
    Must(uow->Learners().Add(FullLearner(p, 1)));
    Must(uow->Commit());
  }
  auto reader = Must(store->Begin(TxMode::kRead));
  EXPECT_EQ(reader->Learners().Count(), 1);

  auto writer = Must(store->Begin(TxMode::kWrite));
  auto added = Must(writer->Learners().Add(FullLearner(p, 2)));
  EXPECT_EQ(writer->Learners().Count(), 2);
  EXPECT_EQ(reader->Learners().Count(), 1);  // not yet committed
  EXPECT_FALSE(reader->Learners().Get(added));
  Must(writer->Commit());
  writer.reset();

  EXPECT_EQ(reader->Learners().Count(), 1);  // its snapshot holds until it ends
  EXPECT_FALSE(reader->Learners().Get(added));
  reader.reset();
  auto later = Must(store->Begin(TxMode::kRead));
  EXPECT_EQ(later->Learners().Count(), 2);
  EXPECT_TRUE(later->Learners().Get(added));
}

TEST_P(SqlStoreTest, ConcurrentWritersAndReadersAlwaysSeeWholeUnitsOfWork) {
  auto store = OpenMigrated(6);
  Places p;
  {
    auto uow = Must(store->Begin(TxMode::kWrite));
    p = AddPlaces(*uow);
    Must(uow->Commit());
  }
  constexpr int kWriters = 3;
  constexpr int kPerWriter = 15;
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        auto uow = store->Begin(TxMode::kWrite);
        if (!uow) {
          ++failures;
          continue;
        }
        // Each unit of work adds one learner and the audit event that records it.
        auto id = (*uow)->Learners().Add(FullLearner(p, 100 + w * kPerWriter + i));
        domain::AuditEvent event;
        event.local_authority = p.la1;
        event.at = T("2024-10-01T09:00:00Z");
        event.learner = id ? std::optional(id.value()) : std::nullopt;
        event.action = domain::AuditAction::kCreate;
        if (!id || !(*uow)->Audit().Append(event) || !(*uow)->Commit()) ++failures;
      }
    });
  }
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      while (writing) {
        auto uow = store->Begin(TxMode::kRead);
        if (!uow) {
          ++failures;
          continue;
        }
        int learners = (*uow)->Learners().Count();
        int events = (*uow)->Audit().Search({p.la1, {}, "", 0, 1}).total;
        if (learners != events) ++failures;
        ++reads;
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[static_cast<std::size_t>(w)].join();
  writing = false;
  for (std::size_t t = kWriters; t < threads.size(); ++t) threads[t].join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(reads, 0);
  auto uow = Must(store->Begin(TxMode::kRead));
  EXPECT_EQ(uow->Learners().Count(), kWriters * kPerWriter);
}

INSTANTIATE_TEST_SUITE_P(Engines, SqlStoreTest, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param.name; });

// ---------------------------------------------------------------------------------------------
// SQLite only

class SqliteStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> OpenStore(int pool_size = 4) {
    return Must(SqliteStore::Open(path_, pool_size));
  }

  TempDir dir_;
  std::string path_ = dir_.File("cynnal.db");
};

TEST_F(SqliteStoreTest, ForeignKeysAreEnforcedAfterReopeningAndTheJournalIsWal) {
  {
    auto store = OpenStore();
    Must(store->Migrate());
  }
  auto store = OpenStore(3);
  // Hold two connections, so that the write below runs on the third.
  auto first = Must(store->Begin(TxMode::kRead));
  auto second = Must(store->Begin(TxMode::kRead));
  EXPECT_EQ(first->Learners().Count(), 0);
  EXPECT_EQ(second->Learners().Count(), 0);
  auto uow = Must(store->Begin(TxMode::kWrite));
  auto refused = uow->Settings().Add(MakeSetting(domain::LocalAuthorityId{42}, "Ysgol", "1234"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  Must(uow->LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
  Must(uow->Commit());
  EXPECT_TRUE(std::filesystem::exists(path_ + "-wal"));
}

TEST_F(SqliteStoreTest, OpeningInAFolderThatDoesNotExistSaysWhichPath) {
  std::string path = dir_.File("missing/folder/cynnal.db");
  auto store = SqliteStore::Open(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message.find(path), std::string::npos) << store.error().message;
}

TEST_F(SqliteStoreTest, OpeningAFileThatIsNotADatabaseIsUnavailable) {
  {
    std::ofstream out(path_);
    out << "This is a letter to a parent, not a database. " << std::string(4096, 'x');
  }
  auto store = SqliteStore::Open(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message.find(path_), std::string::npos) << store.error().message;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL only

TEST(PostgresStoreTest, AServerThatCannotBeReachedIsUnavailableAndTheMessageKeepsThePasswordOut) {
  // Port 1 on this machine: nothing listens there.
  auto store = PostgresStore::Open("postgresql://cynnal:s3cret-word@127.0.0.1:1/cynnal", 1);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message.find("127.0.0.1:1/cynnal"), std::string::npos)
      << store.error().message;
  EXPECT_EQ(store.error().message.find("s3cret-word"), std::string::npos) << store.error().message;
}

TEST(PostgresStoreTest, ADatabaseThatDoesNotExistIsUnavailableWithWhatToCheck) {
  CYNNAL_SKIP_WITHOUT_POSTGRES();
  auto server = testing::PostgresServerUrl();
  std::string url = server->substr(0, server->rfind('/')) + "/no_such_database";
  auto store = PostgresStore::Open(url, 1);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(store.error().message.find("no_such_database"), std::string::npos)
      << store.error().message;
}

TEST(PostgresStoreTest, OnlyPostgresUrlsChooseIt) {
  EXPECT_TRUE(PostgresStore::IsUrl("postgresql://cynnal@db.example:5432/cynnal"));
  EXPECT_TRUE(PostgresStore::IsUrl("postgres://cynnal@db/cynnal"));
  EXPECT_FALSE(PostgresStore::IsUrl("var/cynnal.db"));
  EXPECT_FALSE(PostgresStore::IsUrl("/srv/postgresql://odd/name.db"));
  EXPECT_EQ(PostgresStore::WithoutPassword("postgresql://cynnal:pw@db:5432/cynnal?sslmode=require"),
            "postgresql://db:5432/cynnal");
  EXPECT_EQ(PostgresStore::WithoutPassword("var/cynnal.db"), "var/cynnal.db");
}

TEST(PostgresStoreTest, ADumpRestoredWithPgRestoreHoldsTheSameData) {
  CYNNAL_SKIP_WITHOUT_POSTGRES();
  auto server = testing::PostgresServerUrl();
  testing::PostgresScratch scratch(*server);
  domain::Learner learner;
  {
    auto store = Must(PostgresStore::Open(scratch.url(), 1));
    Must(store->Migrate());
    auto uow = Must(store->Begin(TxMode::kWrite));
    Places p = AddPlaces(*uow);
    learner = FullLearner(p, 1);
    learner.preferred_name = "Gwenllïan Ŵyn";
    learner.id = Must(uow->Learners().Add(learner));
    Must(uow->Commit());
  }
  TempDir dir;
  std::string dump = dir.File("cynnal.dump");
  std::string base = server->substr(0, server->rfind('/'));
  std::string restored = "restored_" + scratch.schema();
  ASSERT_EQ(std::system(("pg_dump --format=custom --schema=" + scratch.schema() +
                         " --file=" + dump + " '" + *server + "'")
                            .c_str()),
            0);
  {
    pqxx::connection admin(*server);
    pqxx::nontransaction work(admin);
    work.exec("CREATE DATABASE " + restored);
  }
  int restore = std::system(
      ("pg_restore --exit-on-error --dbname='" + base + "/" + restored + "' " + dump).c_str());
  {
    auto store = PostgresStore::Open(
        base + "/" + restored + "?options=-csearch_path%3D" + scratch.schema(), 1);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ((*store)->SchemaVersion(), postgresMigrations().back().version);
    EXPECT_EQ(Must((*store)->Migrate()), 0);
    auto uow = Must((*store)->Begin(TxMode::kRead));
    auto got = uow->Learners().Get(learner.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(learner));
  }
  pqxx::connection admin(*server);
  pqxx::nontransaction work(admin);
  work.exec("DROP DATABASE " + restored);
  EXPECT_EQ(restore, 0);
}

}  // namespace
}  // namespace cynnal::storage
