// The contract of the provision store (schools' provision maps, one a setting and academic year,
// and the sessions delivered against IDPs' ALP and the maps), run against each adapter.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/repositories.h"
#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "domain/aln_determination.h"
#include "domain/idp.h"
#include "domain/organisation.h"
#include "domain/provision.h"

namespace cynnal::storage {
namespace {

using app::DeliveryQuery;
using app::TxMode;
using app::UnitOfWork;
using domain::DeliveryRecord;
using domain::ErrorCode;
using domain::MissedReason;
using domain::Provision;
using domain::ProvisionLearner;
using domain::ProvisionMap;
using domain::ProvisionMapReview;

using contract::D;
using contract::Ids;
using contract::kAdapters;
using contract::Lines;
using contract::Must;
using contract::T;
using contract::Text;

// ---------------------------------------------------------------------------------------------
// Describing a record, one field a line, so that two records compare field by field without
// going through the codec the SQLite store writes them with

std::string Describe(const ProvisionMap& m) {
  Lines l;
  l.Add("id", m.id);
  l.Add("version", m.version);
  l.Add("local_authority", m.local_authority);
  l.Add("setting", m.setting);
  l.Add("academic_year", m.academic_year);
  l.Count("provisions.size", m.provisions.size());
  for (std::size_t i = 0; i < m.provisions.size(); ++i) {
    const Provision& p = m.provisions[i];
    std::string at = "provisions[" + std::to_string(i) + "]";
    l.Add(at + ".key", p.key);
    l.Add(at + ".name", p.name);
    l.Add(at + ".level", p.level);
    l.Add(at + ".area", p.area);
    l.Add(at + ".staff", p.staff);
    l.Add(at + ".staff_hours_tenths", p.staff_hours_tenths);
    l.Add(at + ".group_size", p.group_size);
    l.Add(at + ".sessions", p.sessions);
    l.Add(at + ".minutes", p.minutes);
    l.Add(at + ".per", p.per);
    l.Add(at + ".cost_per_term_pounds", p.cost_per_term_pounds);
    l.Count(at + ".learners.size", p.learners.size());
    for (std::size_t j = 0; j < p.learners.size(); ++j) {
      const ProvisionLearner& pl = p.learners[j];
      std::string in = at + ".learners[" + std::to_string(j) + "]";
      l.Add(in + ".learner", pl.learner);
      l.Add(in + ".joined_on", pl.joined_on);
      l.Add(in + ".left_on", pl.left_on);
      l.Add(in + ".entry_measure", pl.entry_measure);
      l.Add(in + ".exit_measure", pl.exit_measure);
    }
    l.Add(at + ".impact", p.impact);
  }
  l.Add("next_key", m.next_key);
  l.Add("rolled_from", m.rolled_from);
  l.Present("review", m.review.has_value());
  if (m.review) {
    l.Add("review.reviewed_on", m.review->reviewed_on);
    l.Add("review.by", m.review->by);
    l.Add("review.summary", m.review->summary);
  }
  return l.str();
}

std::string Describe(const DeliveryRecord& d) {
  Lines l;
  l.Add("id", d.id);
  l.Add("local_authority", d.local_authority);
  l.Add("learner", d.learner);
  l.Add("setting", d.setting);
  l.Add("idp", d.idp);
  l.Add("element", d.element);
  l.Add("map", d.map);
  l.Add("provision", d.provision);
  l.Add("on", d.on);
  l.Add("delivered", d.delivered);
  l.Add("missed", d.missed);
  l.Add("reason", d.reason);
  l.Add("note", d.note);
  l.Add("by", d.by);
  l.Add("at", d.at);
  return l.str();
}

// ---------------------------------------------------------------------------------------------
// The rows maps and deliveries refer to

struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::SettingId school, second, third;  // Gwynedd's, in ascending order of id
  domain::SettingId conwy_school;
  domain::LearnerId learner1, learner2, learner3, learner4;  // learner4 is Conwy's
  domain::UserId alnco, teacher, conwy_alnco;
  domain::IdpId idp;  // learner1's
};

Places AddPlaces(UnitOfWork& uow) {
  contract::Seeder seed(uow);
  Places p;
  p.la1 = seed.gwynedd();
  p.la2 = seed.conwy();
  p.school = seed.AddSetting(p.la1, "Ysgol Bro Ŵyn", "2001", domain::SettingType::kPrimary);
  p.second = seed.AddSetting(p.la1, "Ysgol y Garnedd", "2002", domain::SettingType::kPrimary);
  p.third = seed.AddSetting(p.la1, "Ysgol Glan y Môr", "4001", domain::SettingType::kSecondary);
  p.conwy_school =
      seed.AddSetting(p.la2, "Ysgol Aberconwy", "4002", domain::SettingType::kSecondary);
  p.learner1 = seed.AddLearner(p.la1, "Siân", "Prŷs", "2016-03-04", 1);
  p.learner2 = seed.AddLearner(p.la1, "Gŵyn", "Jones", "2015-05-06", 2);
  p.learner3 = seed.AddLearner(p.la1, "Elis", "Owen", "2017-09-10", 3);
  p.learner4 = seed.AddLearner(p.la2, "Elin", "Hughes", "2014-07-08", 4);
  p.alnco = seed.AddUser(p.la1, "cydlynydd", domain::Role::kAlnco);
  p.teacher = seed.AddUser(p.la1, "athro", domain::Role::kTeacher);
  p.conwy_alnco = seed.AddUser(p.la2, "cydlynydd-conwy", domain::Role::kAlnco);

  domain::Idp idp;
  idp.local_authority = p.la1;
  idp.learner = p.learner1;
  idp.body = domain::DecidingBody::kSchool;
  idp.maintaining_la = p.la1;
  idp.setting = p.school;
  p.idp = Must(uow.Plans().Add(idp));
  return p;
}

// A map just started: no provisions, nothing optional.
ProvisionMap MakeMap(domain::LocalAuthorityId la, domain::SettingId setting, int year) {
  ProvisionMap m;
  m.local_authority = la;
  m.setting = setting;
  m.academic_year = year;
  return m;
}

ProvisionLearner Place(domain::LearnerId learner, const char* joined_on,
                       std::optional<const char*> left_on, std::string entry_measure,
                       std::string exit_measure) {
  ProvisionLearner l;
  l.learner = learner;
  l.joined_on = D(joined_on);
  if (left_on) l.left_on = D(*left_on);
  l.entry_measure = std::move(entry_measure);
  l.exit_measure = std::move(exit_measure);
  return l;
}

// A reviewed map with every field set: a provision at every level, for every area of need and
// every period, learners who left (with both measures) and who did not, keys that skip removed
// provisions, and a last provision with its optional parts empty.
ProvisionMap FullMap(const Places& p, int year, std::optional<domain::ProvisionMapId> rolled_from) {
  ProvisionMap m = MakeMap(p.la1, p.school, year);
  const auto& levels = domain::AllProvisionLevels();
  const auto& areas = domain::AllAreasOfNeed();
  const auto& periods = domain::AllProvisionPeriods();
  int key = 1;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    Provision v;
    v.key = key;
    v.name = "Darllen Gyda'n Gilydd " + std::to_string(i) + " — \"ELSA\"";
    v.level = levels[i % levels.size()];
    v.area = areas[i % areas.size()];
    v.staff = "Cynorthwyydd addysgu " + std::to_string(i);
    v.staff_hours_tenths = 25 + static_cast<int>(i);
    v.group_size = 4 + static_cast<int>(i);
    v.sessions = 3 + static_cast<int>(i);
    v.minutes = 20 + 5 * static_cast<int>(i);
    v.per = periods[i];
    v.cost_per_term_pounds = 1250 + static_cast<int>(i);
    v.impact = "Oed darllen wedi codi 8 mis ar gyfartaledd " + std::to_string(i);
    m.provisions.push_back(v);
    key += key == 3 ? 2 : 1;  // key 4 was removed
  }
  m.provisions[0].learners = {
      Place(p.learner1, "2024-09-09", "2025-02-14", "Oed darllen 6b 2m", "Oed darllen 7b 1m"),
      Place(p.learner2, "2024-09-16", std::nullopt, "Boxall 34", ""),
      Place(p.learner1, "2025-04-22", std::nullopt, "Oed darllen 7b 3m", ""),
  };
  m.provisions[3].learners = {
      Place(p.learner3, "2024-10-01", "2024-12-20", "Sgôr 12/40", "Sgôr 31/40"),
  };
  Provision bare;
  bare.key = key + 2;  // keys between were removed
  bare.name = "Ymyrraeth newydd";
  bare.level = domain::ProvisionLevel::kUniversal;
  m.provisions.push_back(bare);
  m.next_key = bare.key + 1;
  m.rolled_from = rolled_from;
  m.review = ProvisionMapReview{D("2025-07-14"), p.alnco,
                                "Gweithiodd ELSA yn dda;\nnewid y grŵp darllen — \"llai\""};
  m.version = 4;  // ignored: a new map is stored as version 0
  return m;
}

// A record of sessions against the IDP's element 3 (or, when `map` is given, its provision 2).
DeliveryRecord MakeDelivery(const Places& p, domain::LearnerId learner, domain::SettingId setting,
                            const char* on,
                            std::optional<domain::ProvisionMapId> map = std::nullopt) {
  DeliveryRecord d;
  d.local_authority = learner == p.learner4 ? p.la2 : p.la1;
  d.learner = learner;
  d.setting = setting;
  if (map) {
    d.map = map;
    d.provision = 2;
  } else {
    d.idp = p.idp;
    d.element = 3;
  }
  d.on = D(on);
  d.delivered = 1;
  d.by = learner == p.learner4 ? p.conwy_alnco : p.alnco;
  d.at = T("2024-03-08T15:30:00Z");
  return d;
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class ProvisionStoreContract : public contract::SeededStoreFixture<Places, AddPlaces> {
 protected:
  std::optional<ProvisionMap> GetMap(domain::ProvisionMapId id) {
    return Read([&](UnitOfWork& uow) { return uow.Provision().GetMap(id); });
  }
  std::optional<ProvisionMap> FindMap(domain::SettingId setting, int year) {
    return Read([&](UnitOfWork& uow) { return uow.Provision().FindMap(setting, year); });
  }
  std::vector<ProvisionMap> ListMaps(domain::SettingId setting) {
    return Read([&](UnitOfWork& uow) { return uow.Provision().ListMaps(setting); });
  }
  std::vector<ProvisionMap> ListMapsForYear(domain::LocalAuthorityId la, int year) {
    return Read([&](UnitOfWork& uow) { return uow.Provision().ListMapsForYear(la, year); });
  }
  std::optional<DeliveryRecord> GetDelivery(domain::DeliveryRecordId id) {
    return Read([&](UnitOfWork& uow) { return uow.Provision().GetDelivery(id); });
  }
  std::vector<DeliveryRecord> ListDeliveries(std::optional<domain::LearnerId> learner,
                                             std::optional<domain::SettingId> setting,
                                             const char* from, const char* through) {
    DeliveryQuery query{learner, setting, D(from), D(through)};
    return Read([&](UnitOfWork& uow) { return uow.Provision().ListDeliveries(query); });
  }
  // Every record of every learner and setting over the years any test uses.
  std::vector<DeliveryRecord> AllDeliveries() {
    return ListDeliveries(std::nullopt, std::nullopt, "2000-01-01", "2099-12-31");
  }

  // Adds each record and returns it as stored: with its new id (and, for a map, at version 0).
  ProvisionMap AddMap(ProvisionMap map) {
    map.id = Write([&](UnitOfWork& uow) { return Must(uow.Provision().AddMap(map)); });
    map.version = 0;
    return map;
  }
  DeliveryRecord AddDelivery(DeliveryRecord record) {
    record.id = Write([&](UnitOfWork& uow) { return Must(uow.Provision().AddDelivery(record)); });
    return record;
  }
  // Updates a map and returns it as stored: at the next version.
  ProvisionMap UpdateMap(ProvisionMap map) {
    Write([&](UnitOfWork& uow) { Must(uow.Provision().UpdateMap(map)); });
    ++map.version;
    return map;
  }

  // Tries an update in a unit of work that is then committed; returns what the store said.
  domain::Status TryUpdateMap(const ProvisionMap& map) {
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Provision().UpdateMap(map);
    Must(uow->Commit());
    return status;
  }
};

// ---------------------------------------------------------------------------------------------
// Maps

TEST_P(ProvisionStoreContract, AMapWithEveryFieldSetRoundTripsThroughEveryRead) {
  ProvisionMap previous = AddMap(MakeMap(p_.la1, p_.school, 2023));
  ProvisionMap full = AddMap(FullMap(p_, 2024, previous.id));
  EXPECT_TRUE(full.id.valid());
  ProvisionMap other = AddMap(MakeMap(p_.la1, p_.second, 2024));

  auto got = GetMap(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));
  auto found = FindMap(p_.school, 2024);
  ASSERT_TRUE(found);
  EXPECT_EQ(Describe(*found), Describe(full));
  auto listed = ListMaps(p_.school);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(previous));
  auto for_year = ListMapsForYear(p_.la1, 2024);
  ASSERT_EQ(for_year.size(), 2u);
  EXPECT_EQ(Describe(for_year[0]), Describe(full));
  EXPECT_EQ(Describe(for_year[1]), Describe(other));

  // What the ALNCo sees first on the map's page.
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->rolled_from, std::optional<domain::ProvisionMapId>(previous.id));
  ASSERT_TRUE(got->review);
  EXPECT_EQ(got->review->reviewed_on, D("2025-07-14"));
  EXPECT_EQ(got->review->by, p_.alnco);
  ASSERT_EQ(got->provisions.size(), domain::AllProvisionPeriods().size() + 1);
  for (std::size_t i = 0; i < domain::AllProvisionPeriods().size(); ++i) {
    EXPECT_EQ(got->provisions[i].per, domain::AllProvisionPeriods()[i]);
    EXPECT_TRUE(got->provisions[i].area);
  }
  EXPECT_EQ(got->provisions[3].key, 5);
  const Provision* first = got->Find(1);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->learners.size(), 3u);
  EXPECT_EQ(first->learners[0].left_on, std::optional<domain::Date>(D("2025-02-14")));
  EXPECT_EQ(first->learners[0].exit_measure, "Oed darllen 7b 1m");
  EXPECT_FALSE(first->learners[1].left_on);
  EXPECT_EQ(first->Learner(p_.learner1)->joined_on, D("2025-04-22"));
  const Provision& bare = got->provisions.back();
  EXPECT_FALSE(bare.area);
  EXPECT_FALSE(bare.per);
  EXPECT_TRUE(bare.learners.empty());
  EXPECT_EQ(bare.impact, "");
  EXPECT_EQ(got->next_key, bare.key + 1);

  // A new map has its optional parts empty.
  auto got_previous = GetMap(previous.id);
  ASSERT_TRUE(got_previous);
  EXPECT_EQ(Describe(*got_previous), Describe(previous));
  EXPECT_TRUE(got_previous->provisions.empty());
  EXPECT_EQ(got_previous->next_key, 1);
  EXPECT_FALSE(got_previous->rolled_from);
  EXPECT_FALSE(got_previous->review);
  EXPECT_FALSE(GetMap(domain::ProvisionMapId{999}));
}

TEST_P(ProvisionStoreContract, UpdateMapWithTheStoredVersionReplacesItAndBumpsTheVersion) {
  ProvisionMap previous = AddMap(MakeMap(p_.la1, p_.school, 2023));
  ProvisionMap map = AddMap(MakeMap(p_.la1, p_.school, 2024));
  ProvisionMap full = FullMap(p_, 2024, previous.id);
  full.id = map.id;
  full.version = 0;
  full = UpdateMap(full);
  EXPECT_EQ(full.version, 1);
  auto got = GetMap(map.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(full));

  // A learner leaves; a provision is removed; the review is taken back.
  full.provisions[0].learners[1].left_on = D("2025-03-28");
  full.provisions[0].learners[1].exit_measure = "Boxall 52";
  full.provisions.pop_back();
  full.review.reset();
  full.rolled_from.reset();
  full = UpdateMap(full);
  got = GetMap(map.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Describe(*got), Describe(full));
  auto found = FindMap(p_.school, 2024);
  ASSERT_TRUE(found);
  EXPECT_EQ(Describe(*found), Describe(full));
}

TEST_P(ProvisionStoreContract, UpdateMapWithAStaleVersionIsAConflictAndLeavesItUnchanged) {
  ProvisionMap map = AddMap(MakeMap(p_.la1, p_.school, 2024));
  ProvisionMap first_edit = map;
  first_edit.provisions = FullMap(p_, 2024, std::nullopt).provisions;
  first_edit.next_key = 20;
  first_edit = UpdateMap(first_edit);

  for (int version : {0, 2}) {
    SCOPED_TRACE("version " + std::to_string(version));
    ProvisionMap stale = map;
    stale.version = version;
    stale.next_key = 99;
    stale.review = ProvisionMapReview{D("2025-07-01"), p_.teacher, "Someone else's review"};
    auto status = TryUpdateMap(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "provision_error_conflict");
    auto got = GetMap(map.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(first_edit));
  }
}

TEST_P(ProvisionStoreContract, UpdateOfAnUnknownMapIsNotFound) {
  ProvisionMap map = AddMap(MakeMap(p_.la1, p_.school, 2024));
  ProvisionMap ghost = map;
  ghost.id = domain::ProvisionMapId{999};
  ghost.academic_year = 2030;
  auto status = TryUpdateMap(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(GetMap(ghost.id));
  EXPECT_FALSE(FindMap(p_.school, 2030));
  EXPECT_EQ(Ids(ListMaps(p_.school)), (std::vector<std::int64_t>{map.id.value()}));
}

TEST_P(ProvisionStoreContract, ASecondMapForTheSameSettingAndYearIsAConflictOnTheYear) {
  ProvisionMap first = MakeMap(p_.la1, p_.school, 2024);
  first.provisions = {FullMap(p_, 2024, std::nullopt).provisions[0]};
  first.next_key = 2;
  first = AddMap(first);
  {
    auto uow = Begin(TxMode::kWrite);
    ProvisionMap again = MakeMap(p_.la1, p_.school, 2024);
    again.next_key = 7;
    auto refused = uow->Provision().AddMap(again);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().message, "provision_error_map_exists");
    EXPECT_EQ(refused.error().fields.count("academic_year"), 1u);
    Must(uow->Commit());
  }
  EXPECT_EQ(Ids(ListMaps(p_.school)), (std::vector<std::int64_t>{first.id.value()}));
  auto got = FindMap(p_.school, 2024);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(first));

  // Another year of the same school, and the same year of another school or LA, are fine.
  ProvisionMap next_year = AddMap(MakeMap(p_.la1, p_.school, 2025));
  ProvisionMap other_school = AddMap(MakeMap(p_.la1, p_.second, 2024));
  ProvisionMap conwy = AddMap(MakeMap(p_.la2, p_.conwy_school, 2024));
  EXPECT_EQ(Ids(ListMaps(p_.school)),
            (std::vector<std::int64_t>{next_year.id.value(), first.id.value()}));
  EXPECT_EQ(Ids(ListMapsForYear(p_.la1, 2024)),
            (std::vector<std::int64_t>{first.id.value(), other_school.id.value()}));
  EXPECT_EQ(Ids(ListMapsForYear(p_.la2, 2024)), (std::vector<std::int64_t>{conwy.id.value()}));
}

TEST_P(ProvisionStoreContract, UpdateMovingAMapOntoAYearAnotherMapHoldsIsTheSameConflict) {
  ProvisionMap last_year = AddMap(MakeMap(p_.la1, p_.school, 2023));
  ProvisionMap this_year = AddMap(MakeMap(p_.la1, p_.school, 2024));
  ProvisionMap other_school = AddMap(MakeMap(p_.la1, p_.second, 2024));

  ProvisionMap onto_year = last_year;
  onto_year.academic_year = 2024;
  ProvisionMap onto_setting = other_school;
  onto_setting.setting = p_.school;
  for (const auto& [what, moved] :
       {std::pair{"another year", onto_year}, std::pair{"another setting", onto_setting}}) {
    SCOPED_TRACE(what);
    auto status = TryUpdateMap(moved);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "provision_error_map_exists");
    EXPECT_EQ(status.error().fields.count("academic_year"), 1u);
  }
  for (const ProvisionMap& kept : {last_year, this_year, other_school}) {
    auto got = GetMap(kept.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(kept));
  }
  auto found = FindMap(p_.school, 2024);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, this_year.id);

  // A year no other map holds is free.
  onto_year.academic_year = 2022;
  onto_year = UpdateMap(onto_year);
  EXPECT_EQ(onto_year.version, 1);
  EXPECT_EQ(Ids(ListMaps(p_.school)),
            (std::vector<std::int64_t>{this_year.id.value(), last_year.id.value()}));
  EXPECT_FALSE(FindMap(p_.school, 2023));
  auto moved = FindMap(p_.school, 2022);
  ASSERT_TRUE(moved);
  EXPECT_EQ(Describe(*moved), Describe(onto_year));
}

TEST_P(ProvisionStoreContract, ListMapsGivesTheSettingsMapsLatestYearFirst) {
  ProvisionMap y2023 = AddMap(MakeMap(p_.la1, p_.school, 2023));
  ProvisionMap y2025 = AddMap(MakeMap(p_.la1, p_.school, 2025));
  ProvisionMap other = AddMap(MakeMap(p_.la1, p_.second, 2024));
  ProvisionMap y2021 = AddMap(MakeMap(p_.la1, p_.school, 2021));
  ProvisionMap y2024 = AddMap(MakeMap(p_.la1, p_.school, 2024));
  // An update does not move a map down the list.
  y2023.next_key = 3;
  y2023 = UpdateMap(y2023);

  auto listed = ListMaps(p_.school);
  EXPECT_EQ(Ids(listed), (std::vector<std::int64_t>{y2025.id.value(), y2024.id.value(),
                                                    y2023.id.value(), y2021.id.value()}));
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(Describe(listed[2]), Describe(y2023));
  EXPECT_EQ(Ids(ListMaps(p_.second)), (std::vector<std::int64_t>{other.id.value()}));
  EXPECT_TRUE(ListMaps(p_.third).empty());
  EXPECT_TRUE(ListMaps(domain::SettingId{999}).empty());
}

TEST_P(ProvisionStoreContract, ListMapsForYearGivesOnlyThatLasMapsOfThatYearBySetting) {
  // Added out of the order of their settings.
  ProvisionMap third = AddMap(MakeMap(p_.la1, p_.third, 2024));
  ProvisionMap school = AddMap(MakeMap(p_.la1, p_.school, 2024));
  ProvisionMap conwy = AddMap(MakeMap(p_.la2, p_.conwy_school, 2024));
  ProvisionMap school_last_year = AddMap(MakeMap(p_.la1, p_.school, 2023));
  ProvisionMap second = AddMap(MakeMap(p_.la1, p_.second, 2024));
  ProvisionMap second_next_year = AddMap(MakeMap(p_.la1, p_.second, 2025));

  EXPECT_EQ(Ids(ListMapsForYear(p_.la1, 2024)),
            (std::vector<std::int64_t>{school.id.value(), second.id.value(), third.id.value()}));
  EXPECT_EQ(Ids(ListMapsForYear(p_.la1, 2023)),
            (std::vector<std::int64_t>{school_last_year.id.value()}));
  EXPECT_EQ(Ids(ListMapsForYear(p_.la1, 2025)),
            (std::vector<std::int64_t>{second_next_year.id.value()}));
  EXPECT_EQ(Ids(ListMapsForYear(p_.la2, 2024)), (std::vector<std::int64_t>{conwy.id.value()}));
  EXPECT_TRUE(ListMapsForYear(p_.la2, 2023).empty());
  EXPECT_TRUE(ListMapsForYear(p_.la1, 2026).empty());
  EXPECT_TRUE(ListMapsForYear(domain::LocalAuthorityId{999}, 2024).empty());

  // FindMap of a year with no map for that setting finds nothing.
  EXPECT_FALSE(FindMap(p_.school, 2025));
  EXPECT_FALSE(FindMap(p_.third, 2023));
  EXPECT_FALSE(FindMap(p_.conwy_school, 2025));
  EXPECT_FALSE(FindMap(domain::SettingId{999}, 2024));
  auto found = FindMap(p_.second, 2025);
  ASSERT_TRUE(found);
  EXPECT_EQ(Describe(*found), Describe(second_next_year));
}

TEST_P(ProvisionStoreContract, AMapForAMissingSettingLaOrPreviousMapIsRefusedAndNothingIsStored) {
  std::vector<std::pair<std::string, ProvisionMap>> cases;
  auto add = [&](std::string what, auto change) {
    ProvisionMap m = MakeMap(p_.la1, p_.school, 2024);
    change(m);
    cases.emplace_back(std::move(what), m);
  };
  add("setting", [](ProvisionMap& m) { m.setting = domain::SettingId{999}; });
  add("local_authority",
      [](ProvisionMap& m) { m.local_authority = domain::LocalAuthorityId{999}; });
  add("rolled_from", [](ProvisionMap& m) { m.rolled_from = domain::ProvisionMapId{999}; });
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, map] : cases) {
      SCOPED_TRACE(what);
      auto refused = uow->Provision().AddMap(map);
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
      EXPECT_EQ(refused.error().message, "store_error_missing_reference");
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(ListMaps(p_.school).empty());
  EXPECT_TRUE(ListMaps(domain::SettingId{999}).empty());
  EXPECT_TRUE(ListMapsForYear(p_.la1, 2024).empty());
  EXPECT_TRUE(ListMapsForYear(domain::LocalAuthorityId{999}, 2024).empty());
  EXPECT_FALSE(FindMap(p_.school, 2024));
  EXPECT_FALSE(GetMap(domain::ProvisionMapId{1}));

  // The year is still free for the school, and an update cannot point the map anywhere missing.
  ProvisionMap kept = AddMap(MakeMap(p_.la1, p_.school, 2024));
  EXPECT_EQ(Ids(ListMaps(p_.school)), (std::vector<std::int64_t>{kept.id.value()}));
  for (auto [what, map] : cases) {
    SCOPED_TRACE("update " + what);
    map.id = kept.id;
    map.version = kept.version;
    auto status = TryUpdateMap(map);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kInternal);
    EXPECT_EQ(status.error().message, "store_error_missing_reference");
  }
  auto got = GetMap(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
}

// ---------------------------------------------------------------------------------------------
// Deliveries

TEST_P(ProvisionStoreContract, ADeliveryOfEitherKindWithEveryFieldSetRoundTrips) {
  ProvisionMap map = AddMap(FullMap(p_, 2023, std::nullopt));
  // Against an element of the IDP's ALP: sessions missed, with a reason.
  DeliveryRecord against_idp = MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05");
  against_idp.delivered = 2;
  against_idp.missed = 1;
  against_idp.reason = MissedReason::kStaffAbsent;
  against_idp.note = "Mrs Jones yn sâl — \"un sesiwn\" wedi'i cholli";
  against_idp.at = T("2024-03-05T16:45:59Z");
  // Against a provision on the map, at another school, by another user: nothing missed.
  DeliveryRecord against_map = MakeDelivery(p_, p_.learner2, p_.second, "2024-03-06", map.id);
  against_map.provision = 5;
  against_map.delivered = 3;
  against_map.by = p_.teacher;
  against_map.at = T("2024-03-07T08:00:01Z");
  against_idp = AddDelivery(against_idp);
  against_map = AddDelivery(against_map);
  EXPECT_TRUE(against_idp.id.valid());
  EXPECT_NE(against_idp.id, against_map.id);

  for (const DeliveryRecord* want : {&against_idp, &against_map}) {
    auto got = GetDelivery(want->id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(*want));
  }
  auto got = GetDelivery(against_idp.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->idp, std::optional<domain::IdpId>(p_.idp));
  EXPECT_EQ(got->element, 3);
  EXPECT_FALSE(got->map);
  got = GetDelivery(against_map.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->idp);
  EXPECT_EQ(got->map, std::optional<domain::ProvisionMapId>(map.id));
  EXPECT_EQ(got->provision, 5);
  EXPECT_EQ(got->reason, MissedReason::kNone);
  EXPECT_FALSE(GetDelivery(domain::DeliveryRecordId{999}));

  auto listed = ListDeliveries(std::nullopt, std::nullopt, "2024-03-05", "2024-03-06");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(Describe(listed[0]), Describe(against_idp));
  EXPECT_EQ(Describe(listed[1]), Describe(against_map));

  // Every reason for a missed session is kept.
  std::vector<DeliveryRecord> by_reason;
  for (MissedReason reason : domain::AllMissedReasons()) {
    DeliveryRecord d = MakeDelivery(p_, p_.learner3, p_.third, "2024-04-15");
    d.reason = reason;
    d.missed = reason == MissedReason::kNone ? 0 : 1;
    by_reason.push_back(AddDelivery(d));
  }
  auto reasons = ListDeliveries(p_.learner3, std::nullopt, "2024-04-15", "2024-04-15");
  ASSERT_EQ(reasons.size(), by_reason.size());
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    EXPECT_EQ(Describe(reasons[i]), Describe(by_reason[i]));
  }
}

TEST_P(ProvisionStoreContract, ListDeliveriesFiltersByLearnerSettingAndInclusiveDatesByDateThenId) {
  ProvisionMap map = AddMap(MakeMap(p_.la1, p_.second, 2023));
  ProvisionMap conwy_map = AddMap(MakeMap(p_.la2, p_.conwy_school, 2023));
  // Added out of date order, so that ids do not follow dates.
  DeliveryRecord after = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-09"));
  DeliveryRecord through = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-08"));
  DeliveryRecord middle2 =
      AddDelivery(MakeDelivery(p_, p_.learner2, p_.second, "2024-03-06", map.id));
  DeliveryRecord from = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-04"));
  DeliveryRecord before = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-03"));
  DeliveryRecord middle1 = AddDelivery(MakeDelivery(p_, p_.learner1, p_.second, "2024-03-06"));
  DeliveryRecord middle3 = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-06"));
  DeliveryRecord conwy =
      AddDelivery(MakeDelivery(p_, p_.learner4, p_.conwy_school, "2024-03-05", conwy_map.id));
  DeliveryRecord other_year = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2023-03-06"));

  using Want = std::vector<std::int64_t>;
  // Everything in the range: the first and last days in, a day either side out.
  auto all = ListDeliveries(std::nullopt, std::nullopt, "2024-03-04", "2024-03-08");
  EXPECT_EQ(Ids(all), (Want{from.id.value(), conwy.id.value(), middle2.id.value(),
                            middle1.id.value(), middle3.id.value(), through.id.value()}));
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(Describe(all[0]), Describe(from));
  EXPECT_EQ(Describe(all[5]), Describe(through));

  // One learner.
  EXPECT_EQ(Ids(ListDeliveries(p_.learner1, std::nullopt, "2024-03-04", "2024-03-08")),
            (Want{from.id.value(), middle1.id.value(), middle3.id.value(), through.id.value()}));
  EXPECT_EQ(Ids(ListDeliveries(p_.learner2, std::nullopt, "2024-03-04", "2024-03-08")),
            (Want{middle2.id.value()}));
  // One setting.
  EXPECT_EQ(Ids(ListDeliveries(std::nullopt, p_.second, "2024-03-04", "2024-03-08")),
            (Want{middle2.id.value(), middle1.id.value()}));
  EXPECT_EQ(Ids(ListDeliveries(std::nullopt, p_.conwy_school, "2024-03-04", "2024-03-08")),
            (Want{conwy.id.value()}));
  // Both.
  EXPECT_EQ(Ids(ListDeliveries(p_.learner1, p_.second, "2024-03-04", "2024-03-08")),
            (Want{middle1.id.value()}));
  EXPECT_TRUE(ListDeliveries(p_.learner2, p_.school, "2024-03-04", "2024-03-08").empty());
  // One day; a day with nothing; a range ending before it starts.
  EXPECT_EQ(Ids(ListDeliveries(std::nullopt, std::nullopt, "2024-03-06", "2024-03-06")),
            (Want{middle2.id.value(), middle1.id.value(), middle3.id.value()}));
  EXPECT_EQ(Ids(ListDeliveries(p_.learner1, std::nullopt, "2024-03-09", "2024-03-09")),
            (Want{after.id.value()}));
  EXPECT_TRUE(ListDeliveries(std::nullopt, std::nullopt, "2024-03-07", "2024-03-07").empty());
  EXPECT_TRUE(ListDeliveries(std::nullopt, std::nullopt, "2024-03-08", "2024-03-04").empty());
  // The days either side.
  EXPECT_EQ(Ids(ListDeliveries(std::nullopt, std::nullopt, "2024-03-01", "2024-03-03")),
            (Want{before.id.value()}));
  EXPECT_EQ(Ids(ListDeliveries(std::nullopt, std::nullopt, "2024-03-09", "2024-03-31")),
            (Want{after.id.value()}));
  // Unknown learner or setting.
  EXPECT_TRUE(
      ListDeliveries(domain::LearnerId{999}, std::nullopt, "2000-01-01", "2099-12-31").empty());
  EXPECT_TRUE(
      ListDeliveries(std::nullopt, domain::SettingId{999}, "2000-01-01", "2099-12-31").empty());
  // Across a year's end.
  EXPECT_EQ(Ids(ListDeliveries(p_.learner1, p_.school, "2023-01-01", "2024-03-04")),
            (Want{other_year.id.value(), before.id.value(), from.id.value()}));
}

TEST_P(ProvisionStoreContract, RemoveDeliveryRemovesOneAndASecondRemoveIsNotFound) {
  DeliveryRecord kept = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05"));
  DeliveryRecord gone = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05"));
  DeliveryRecord later = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-06"));

  Write([&](UnitOfWork& uow) { Must(uow.Provision().RemoveDelivery(gone.id)); });
  EXPECT_FALSE(GetDelivery(gone.id));
  EXPECT_EQ(Ids(AllDeliveries()), (std::vector<std::int64_t>{kept.id.value(), later.id.value()}));
  auto got = GetDelivery(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));

  {
    auto uow = Begin(TxMode::kWrite);
    for (domain::DeliveryRecordId id : {gone.id, domain::DeliveryRecordId{999}}) {
      SCOPED_TRACE(Text(id));
      auto status = uow->Provision().RemoveDelivery(id);
      ASSERT_FALSE(status);
      EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
      EXPECT_EQ(status.error().message, "delivery_error_not_found");
    }
    Must(uow->Commit());
  }
  EXPECT_FALSE(GetDelivery(gone.id));
  EXPECT_EQ(Ids(AllDeliveries()), (std::vector<std::int64_t>{kept.id.value(), later.id.value()}));
}

TEST_P(ProvisionStoreContract, ADeliveryNamingAnythingMissingIsRefusedAndNothingIsStored) {
  ProvisionMap map = AddMap(MakeMap(p_.la1, p_.school, 2023));
  std::vector<std::pair<std::string, DeliveryRecord>> cases;
  auto add = [&](std::string what, std::optional<domain::ProvisionMapId> on_map, auto change) {
    DeliveryRecord d = MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05", on_map);
    change(d);
    cases.emplace_back(std::move(what), d);
  };
  add("learner", std::nullopt, [](DeliveryRecord& d) { d.learner = domain::LearnerId{999}; });
  add("setting", std::nullopt, [](DeliveryRecord& d) { d.setting = domain::SettingId{999}; });
  add("by", std::nullopt, [](DeliveryRecord& d) { d.by = domain::UserId{999}; });
  add("idp", std::nullopt, [](DeliveryRecord& d) { d.idp = domain::IdpId{999}; });
  add("map", map.id, [](DeliveryRecord& d) { d.map = domain::ProvisionMapId{999}; });
  add("local_authority", std::nullopt,
      [](DeliveryRecord& d) { d.local_authority = domain::LocalAuthorityId{999}; });
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, record] : cases) {
      SCOPED_TRACE(what);
      auto refused = uow->Provision().AddDelivery(record);
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
      EXPECT_EQ(refused.error().message, "store_error_missing_reference");
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(AllDeliveries().empty());
  EXPECT_TRUE(
      ListDeliveries(domain::LearnerId{999}, std::nullopt, "2000-01-01", "2099-12-31").empty());
  EXPECT_TRUE(
      ListDeliveries(std::nullopt, domain::SettingId{999}, "2000-01-01", "2099-12-31").empty());
  EXPECT_FALSE(GetDelivery(domain::DeliveryRecordId{1}));

  DeliveryRecord kept = AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05"));
  EXPECT_EQ(Ids(AllDeliveries()), (std::vector<std::int64_t>{kept.id.value()}));
}

// A record counts against exactly one promise (DeliveryRecord): one naming neither an element of
// ALP nor a provision, or both, would be counted against nothing or twice.
TEST_P(ProvisionStoreContract, ADeliveryNamingNeitherOrBothTargetsIsRefusedAndNothingIsStored) {
  ProvisionMap map = AddMap(MakeMap(p_.la1, p_.school, 2023));
  DeliveryRecord neither = MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05");
  neither.idp.reset();
  DeliveryRecord both = MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05", map.id);
  both.idp = p_.idp;
  both.element = 3;
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, record] : {std::pair{"neither", neither}, std::pair{"both", both}}) {
      SCOPED_TRACE(what);
      auto refused = uow->Provision().AddDelivery(record);
      EXPECT_FALSE(refused);
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(AllDeliveries().empty());
}

// ---------------------------------------------------------------------------------------------
// Text

TEST_P(ProvisionStoreContract, WelshTextAndQuotesRoundTripExactly) {
  const std::string name = "Grŵp sgwrsio \"Siarad\" — ŵ ŷ â ê î ô û ï; 'dyfynodau' a \\ slaes";
  const std::string staff = "Cynorthwyydd â'r \"Dystysgrif\" — Mrs Pŷr";
  const std::string entry = "Sgôr iaith: \"isel\" — ŵyr ŷd â";
  const std::string exit = "Sgôr iaith: 'canolig'\n— ŵyr ŷd â";
  const std::string impact = "Ŵyth o'r deg wedi gwella; \"llawer\" mwy hyderus — â ŵ ŷ";
  const std::string summary = "Adolygiad: 'da iawn' — ŵ ŷ â \"diolch\"\n\tyr ail linell";
  const std::string note = "Roedd Siân yn \"absennol\" — aeth â'i mam i'r ysbyty; ŵ ŷ â";

  ProvisionMap map = MakeMap(p_.la1, p_.school, 2024);
  Provision provision;
  provision.name = name;
  provision.staff = staff;
  provision.key = 1;
  provision.learners = {Place(p_.learner1, "2024-09-09", "2025-03-01", entry, exit)};
  provision.impact = impact;
  map.provisions = {provision};
  map.next_key = 2;
  map.review = ProvisionMapReview{D("2025-07-10"), p_.alnco, summary};
  map = AddMap(map);
  DeliveryRecord record = MakeDelivery(p_, p_.learner1, p_.school, "2024-10-02", map.id);
  record.missed = 1;
  record.reason = MissedReason::kOther;
  record.note = note;
  record = AddDelivery(record);

  auto got = GetMap(map.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(map));
  ASSERT_EQ(got->provisions.size(), 1u);
  EXPECT_EQ(got->provisions[0].name, name);
  EXPECT_EQ(got->provisions[0].staff, staff);
  ASSERT_EQ(got->provisions[0].learners.size(), 1u);
  EXPECT_EQ(got->provisions[0].learners[0].entry_measure, entry);
  EXPECT_EQ(got->provisions[0].learners[0].exit_measure, exit);
  EXPECT_EQ(got->provisions[0].impact, impact);
  ASSERT_TRUE(got->review);
  EXPECT_EQ(got->review->summary, summary);
  auto got_record = GetDelivery(record.id);
  ASSERT_TRUE(got_record);
  EXPECT_EQ(got_record->note, note);
  EXPECT_EQ(got_record->note.size(), note.size());

  // And again after an update rewrites the map.
  map.provisions[0].name += " (ŵ)";
  map = UpdateMap(map);
  got = GetMap(map.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(map));
  EXPECT_EQ(got->provisions[0].name, name + " (ŵ)");
}

// ---------------------------------------------------------------------------------------------
// Units of work

TEST_P(ProvisionStoreContract, ProvisionWritesDroppedWithoutCommitLeaveNothingBehind) {
  ProvisionMap kept = AddMap(FullMap(p_, 2023, std::nullopt));
  DeliveryRecord kept_record =
      AddDelivery(MakeDelivery(p_, p_.learner1, p_.school, "2024-03-05", kept.id));
  {
    auto uow = Begin(TxMode::kWrite);
    auto map = Must(uow->Provision().AddMap(MakeMap(p_.la1, p_.school, 2024)));
    ProvisionMap changed = kept;
    changed.provisions.pop_back();
    changed.review.reset();
    changed.next_key = 50;
    Must(uow->Provision().UpdateMap(changed));
    auto record =
        Must(uow->Provision().AddDelivery(MakeDelivery(p_, p_.learner2, p_.second, "2024-03-06")));
    auto on_new_map = Must(
        uow->Provision().AddDelivery(MakeDelivery(p_, p_.learner3, p_.school, "2024-10-01", map)));
    Must(uow->Provision().RemoveDelivery(kept_record.id));
    // Visible inside its own unit of work.
    EXPECT_TRUE(uow->Provision().GetMap(map));
    EXPECT_TRUE(uow->Provision().FindMap(p_.school, 2024));
    auto inside = uow->Provision().GetMap(kept.id);
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->next_key, 50);
    EXPECT_TRUE(uow->Provision().GetDelivery(record));
    EXPECT_TRUE(uow->Provision().GetDelivery(on_new_map));
    EXPECT_FALSE(uow->Provision().GetDelivery(kept_record.id));
  }
  EXPECT_EQ(Ids(ListMaps(p_.school)), (std::vector<std::int64_t>{kept.id.value()}));
  EXPECT_FALSE(FindMap(p_.school, 2024));
  EXPECT_TRUE(ListMapsForYear(p_.la1, 2024).empty());
  auto got = GetMap(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
  EXPECT_EQ(Ids(AllDeliveries()), (std::vector<std::int64_t>{kept_record.id.value()}));
  auto got_record = GetDelivery(kept_record.id);
  ASSERT_TRUE(got_record);
  EXPECT_EQ(Describe(*got_record), Describe(kept_record));
}

domain::SchoolReview MakeReview(domain::LocalAuthorityId la, domain::SettingId setting, int year,
                                domain::UserId by) {
  domain::SchoolReview r;
  r.local_authority = la;
  r.setting = setting;
  r.academic_year = year;
  r.reviewed_on = D("2026-10-05");
  r.by = by;
  for (auto e : domain::AllExpectations())
    r.findings.push_back({e, domain::ExpectationRating::kPartlyMet,
                          "Gwelwyd: \"" + std::string(domain::Code(e)) + "\" – ŵ ŷ"});
  r.findings.front().rating = domain::ExpectationRating::kMet;
  r.findings.back().rating = domain::ExpectationRating::kNotAssessed;
  r.summary = "Trefniadau cadarn; more work on reviewing interventions.";
  r.actions = "The ALNCo to record impact for each provision by Easter.";
  return r;
}

std::string Describe(const domain::SchoolReview& r) {
  std::string out = std::to_string(r.local_authority.value()) + "|" +
                    std::to_string(r.setting.value()) + "|" + std::to_string(r.academic_year) +
                    "|" + domain::FormatIsoDate(r.reviewed_on) + "|" +
                    std::to_string(r.by.value()) + "|" + r.summary + "|" + r.actions + "|v" +
                    std::to_string(r.version);
  for (const auto& f : r.findings)
    out += "|" + std::string(domain::Code(f.expectation)) + "=" +
           std::string(domain::Code(f.rating)) + ":" + f.evidence;
  return out;
}

TEST_P(ProvisionStoreContract, ASchoolReviewRoundTripsOnePerSchoolAndYearUnderTheVersionRule) {
  domain::SchoolReview review = MakeReview(p_.la1, p_.school, 2026, p_.alnco);
  review.id = Write([&](UnitOfWork& uow) { return Must(uow.Provision().AddReview(review)); });
  {
    auto uow = Begin(TxMode::kRead);
    auto got = uow->Provision().FindReview(p_.school, 2026);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->id, review.id);
    EXPECT_EQ(Describe(*got), Describe(review));
    EXPECT_FALSE(uow->Provision().FindReview(p_.school, 2025));
  }
  {
    auto uow = Begin(TxMode::kWrite);
    auto refused = uow->Provision().AddReview(MakeReview(p_.la1, p_.school, 2026, p_.teacher));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().message, "review_error_exists");
    EXPECT_EQ(refused.error().fields.count("academic_year"), 1u);
  }
  domain::SchoolReview changed = review;
  changed.summary = "Changed after the follow-up visit.";
  Write([&](UnitOfWork& uow) { Must(uow.Provision().UpdateReview(changed)); });
  {
    auto uow = Begin(TxMode::kWrite);
    auto stale = uow->Provision().UpdateReview(review);  // version 0 again
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    EXPECT_EQ(stale.error().message, "review_error_conflict");
  }
  domain::SchoolReview other = MakeReview(p_.la1, p_.second, 2026, p_.alnco);
  other.id = Write([&](UnitOfWork& uow) { return Must(uow.Provision().AddReview(other)); });
  Write([&](UnitOfWork& uow) {
    Must(uow.Provision().AddReview(MakeReview(p_.la1, p_.school, 2025, p_.alnco)));
    Must(uow.Provision().AddReview(MakeReview(p_.la2, p_.conwy_school, 2026, p_.conwy_alnco)));
  });
  auto uow = Begin(TxMode::kRead);
  auto got = uow->Provision().FindReview(p_.school, 2026);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->summary, "Changed after the follow-up visit.");
  EXPECT_EQ(got->version, 1);
  std::vector<std::int64_t> ids;
  for (const auto& r : uow->Provision().ListReviews(p_.la1, 2026)) ids.push_back(r.id.value());
  EXPECT_EQ(ids, (std::vector<std::int64_t>{review.id.value(), other.id.value()}));
}

TEST_P(ProvisionStoreContract, AReviewOfAMissingSchoolOrByAMissingUserIsRefusedAndNothingIsStored) {
  for (auto bad : {MakeReview(p_.la1, domain::SettingId{9999}, 2026, p_.alnco),
                   MakeReview(p_.la1, p_.school, 2026, domain::UserId{9999})}) {
    auto uow = Begin(TxMode::kWrite);
    EXPECT_FALSE(uow->Provision().AddReview(bad));
  }
  auto uow = Begin(TxMode::kRead);
  EXPECT_TRUE(uow->Provision().ListReviews(p_.la1, 2026).empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, ProvisionStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::storage
