// The contract of the specialist store (an LA's resource bases, learning support centres, special
// schools and PRU with their placements, and its specialist equipment), run against each adapter.
// Also the co-ordination a school's provision map carries, which the provision store keeps.

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/repositories.h"
#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "domain/aln_determination.h"
#include "domain/organisation.h"
#include "domain/panel.h"
#include "domain/provision.h"
#include "domain/specialist_places.h"

namespace cynnal::storage {
namespace {

using app::TxMode;
using app::UnitOfWork;
using domain::EquipmentOwner;
using domain::ErrorCode;
using domain::PlacementState;
using domain::SpecialistEquipment;
using domain::SpecialistKind;
using domain::SpecialistPlacement;
using domain::SpecialistProvision;

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

std::string Describe(const SpecialistProvision& p) {
  Lines l;
  l.Add("id", p.id);
  l.Add("version", p.version);
  l.Add("local_authority", p.local_authority);
  l.Add("setting", p.setting);
  l.Add("kind", p.kind);
  l.Add("name", p.name);
  l.Add("area", p.area);
  l.Add("min_age", p.min_age);
  l.Add("max_age", p.max_age);
  l.Add("capacity", p.capacity);
  l.Count("placements.size", p.placements.size());
  for (std::size_t i = 0; i < p.placements.size(); ++i) {
    const SpecialistPlacement& x = p.placements[i];
    std::string at = "placements[" + std::to_string(i) + "]";
    l.Add(at + ".key", x.key);
    l.Add(at + ".learner", x.learner);
    l.Add(at + ".state", x.state);
    l.Add(at + ".waiting_since", x.waiting_since);
    l.Add(at + ".referral", x.referral);
    l.Add(at + ".starts_on", x.starts_on);
    l.Add(at + ".planned_leave_on", x.planned_leave_on);
    l.Add(at + ".ended_on", x.ended_on);
    l.Add(at + ".note", x.note);
  }
  l.Add("next_key", p.next_key);
  return l.str();
}

std::string Describe(const SpecialistEquipment& e) {
  Lines l;
  l.Add("id", e.id);
  l.Add("version", e.version);
  l.Add("local_authority", e.local_authority);
  l.Add("description", e.description);
  l.Add("owner", e.owner);
  l.Add("setting", e.setting);
  l.Add("learner", e.learner);
  l.Add("cost_pounds", e.cost_pounds);
  l.Add("bought_on", e.bought_on);
  l.Add("returned_on", e.returned_on);
  l.Add("note", e.note);
  return l.str();
}

// The parts of a provision map this suite is about: which map it is and its co-ordination.
std::string DescribeCoordination(const domain::ProvisionMap& m) {
  Lines l;
  l.Add("id", m.id);
  l.Add("version", m.version);
  l.Add("setting", m.setting);
  l.Add("academic_year", m.academic_year);
  l.Add("coordination.alnco_name", m.coordination.alnco_name);
  l.Add("coordination.hours_per_week_tenths", m.coordination.hours_per_week_tenths);
  l.Add("coordination.qualification", m.coordination.qualification);
  l.Add("coordination.training", m.coordination.training);
  l.Add("coordination.governor_name", m.coordination.governor_name);
  return l.str();
}

// ---------------------------------------------------------------------------------------------
// The rows provisions and equipment refer to

struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::SettingId school, special, pru;  // Gwynedd's
  domain::SettingId conwy_school;
  domain::LearnerId learner1, learner2, learner3, learner4, learner5;  // learner5 is Conwy's
  domain::UserId officer;
  domain::PanelReferralId referral;  // learner1's, to Gwynedd's primary panel
};

Places AddPlaces(UnitOfWork& uow) {
  contract::Seeder seed(uow);
  Places p;
  p.la1 = seed.gwynedd();
  p.la2 = seed.conwy();
  p.school = seed.AddSetting(p.la1, "Ysgol Bro Ŵyn", "2001", domain::SettingType::kPrimary);
  p.special = seed.AddSetting(p.la1, "Ysgol Hafod Lon", "7001", domain::SettingType::kSpecial);
  p.pru = seed.AddSetting(p.la1, "Canolfan Cynnydd", "1101", domain::SettingType::kPru);
  p.conwy_school =
      seed.AddSetting(p.la2, "Ysgol Aberconwy", "4002", domain::SettingType::kSecondary);
  p.learner1 = seed.AddLearner(p.la1, "Siân", "Prŷs", "2016-03-04", 1);
  p.learner2 = seed.AddLearner(p.la1, "Gŵyn", "Jones", "2015-05-06", 2);
  p.learner3 = seed.AddLearner(p.la1, "Elis", "Owen", "2017-09-10", 3);
  p.learner4 = seed.AddLearner(p.la1, "Nia", "Roberts", "2014-01-02", 4);
  p.learner5 = seed.AddLearner(p.la2, "Elin", "Hughes", "2014-07-08", 5);
  p.officer = seed.AddUser(p.la1, "swyddog", domain::Role::kLaOfficer);

  domain::Panel panel;
  panel.local_authority = p.la1;
  panel.name_en = "Primary ALN panel";
  panel.name_cy = "Panel ADY cynradd";
  panel.min_age = 3;
  panel.max_age = 11;
  domain::PanelId panel_id = Must(uow.Panels().AddPanel(panel));
  domain::PanelReferral r;
  r.local_authority = p.la1;
  r.panel = panel_id;
  r.learner = p.learner1;
  r.type = domain::PanelCaseType::kSpecialistPlacement;
  r.summary = "Lle yn y ganolfan adnoddau";
  r.referred_on = D("2024-02-01");
  r.referred_by = p.officer;
  r.referred_at = T("2024-02-01T10:00:00Z");
  p.referral = Must(uow.Panels().AddReferral(r));
  return p;
}

// A provision just set up: no area of need, no one on its lists.
SpecialistProvision MakeProvision(domain::LocalAuthorityId la, domain::SettingId setting,
                                  SpecialistKind kind, std::string name) {
  SpecialistProvision p;
  p.local_authority = la;
  p.setting = setting;
  p.kind = kind;
  p.name = std::move(name);
  p.min_age = 3;
  p.max_age = 11;
  p.capacity = 0;
  return p;
}

SpecialistPlacement Placement(int key, domain::LearnerId learner, PlacementState state,
                              const char* waiting_since, std::optional<const char*> starts_on = {},
                              std::optional<const char*> planned_leave_on = {},
                              std::optional<const char*> ended_on = {}) {
  SpecialistPlacement x;
  x.key = key;
  x.learner = learner;
  x.state = state;
  x.waiting_since = D(waiting_since);
  if (starts_on) x.starts_on = D(*starts_on);
  if (planned_leave_on) x.planned_leave_on = D(*planned_leave_on);
  if (ended_on) x.ended_on = D(*ended_on);
  return x;
}

// A resource base with every field set: an area of need, a placement in every state (with and
// without a panel referral, a planned leave date and a note), the same learner twice (left, then
// waiting again), and keys that skip a removed placement.
SpecialistProvision FullProvision(const Places& p) {
  SpecialistProvision v = MakeProvision(p.la1, p.school, SpecialistKind::kResourceBase,
                                        "Canolfan Adnoddau Bro Ŵyn — \"Cyfathrebu\"");
  v.area = domain::AreaOfNeed::kCommunicationInteraction;
  v.min_age = 4;
  v.max_age = 11;
  v.capacity = 8;
  v.placements = {
      Placement(1, p.learner2, PlacementState::kLeft, "2023-05-02", "2023-09-04", "2024-07-19",
                "2024-02-09"),
      Placement(2, p.learner1, PlacementState::kPlaced, "2024-02-15", "2024-04-15", "2027-07-16"),
      Placement(3, p.learner3, PlacementState::kPlaced, "2024-03-01", "2024-09-02"),
      Placement(5, p.learner4, PlacementState::kWithdrawn, "2024-01-10", std::nullopt, std::nullopt,
                "2024-03-22"),
      Placement(6, p.learner2, PlacementState::kWaiting, "2024-06-03"),
      Placement(7, p.learner5, PlacementState::kWaiting, "2024-06-10"),  // moving in from Conwy
  };
  v.placements[1].referral = p.referral;
  v.placements[1].note = "Panel 7 Mawrth: lle llawn amser";
  v.placements[0].note = "Symud i Ysgol Hafod Lon";
  v.placements[3].note = "Y teulu wedi symud";
  v.next_key = 8;
  v.version = 4;  // ignored: a new provision is stored as version 0
  return v;
}

// Equipment with every field set: the school's, at the school, for a learner, returned.
SpecialistEquipment FullEquipment(const Places& p) {
  SpecialistEquipment e;
  e.local_authority = p.la1;
  e.description = "Teclyn codi nenfwd — \"Likorall\"";
  e.owner = EquipmentOwner::kSchool;
  e.setting = p.school;
  e.learner = p.learner1;
  e.cost_pounds = 4575;
  e.bought_on = D("2024-01-15");
  e.returned_on = D("2024-07-19");
  e.note = "Gwasanaeth blynyddol ym mis Medi";
  e.version = 3;  // ignored: new equipment is stored as version 0
  return e;
}

// Equipment with only what it must have: the LA's, nowhere in particular, for no one.
SpecialistEquipment MakeEquipment(domain::LocalAuthorityId la, std::string description,
                                  const char* bought_on) {
  SpecialistEquipment e;
  e.local_authority = la;
  e.description = std::move(description);
  e.owner = EquipmentOwner::kLocalAuthority;
  e.bought_on = D(bought_on);
  return e;
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class SpecialistStoreContract : public contract::SeededStoreFixture<Places, AddPlaces> {
 protected:
  std::optional<SpecialistProvision> GetProvision(domain::SpecialistProvisionId id) {
    return Read([&](UnitOfWork& uow) { return uow.Specialist().GetProvision(id); });
  }
  std::vector<SpecialistProvision> ListProvisions(domain::LocalAuthorityId la) {
    return Read([&](UnitOfWork& uow) { return uow.Specialist().ListProvisions(la); });
  }
  std::optional<SpecialistEquipment> GetEquipment(domain::EquipmentId id) {
    return Read([&](UnitOfWork& uow) { return uow.Specialist().GetEquipment(id); });
  }
  std::vector<SpecialistEquipment> ListEquipment(domain::LocalAuthorityId la) {
    return Read([&](UnitOfWork& uow) { return uow.Specialist().ListEquipment(la); });
  }

  // Adds each record and returns it as stored: with its new id, at version 0.
  SpecialistProvision AddProvision(SpecialistProvision provision) {
    provision.id =
        Write([&](UnitOfWork& uow) { return Must(uow.Specialist().AddProvision(provision)); });
    provision.version = 0;
    return provision;
  }
  SpecialistEquipment AddEquipment(SpecialistEquipment item) {
    item.id = Write([&](UnitOfWork& uow) { return Must(uow.Specialist().AddEquipment(item)); });
    item.version = 0;
    return item;
  }
  // Updates each record and returns it as stored: at the next version.
  SpecialistProvision UpdateProvision(SpecialistProvision provision) {
    Write([&](UnitOfWork& uow) { Must(uow.Specialist().UpdateProvision(provision)); });
    ++provision.version;
    return provision;
  }
  SpecialistEquipment UpdateEquipment(SpecialistEquipment item) {
    Write([&](UnitOfWork& uow) { Must(uow.Specialist().UpdateEquipment(item)); });
    ++item.version;
    return item;
  }

  // Tries an update in a unit of work that is then committed; returns what the store said.
  domain::Status TryUpdateProvision(const SpecialistProvision& provision) {
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Specialist().UpdateProvision(provision);
    Must(uow->Commit());
    return status;
  }
  domain::Status TryUpdateEquipment(const SpecialistEquipment& item) {
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Specialist().UpdateEquipment(item);
    Must(uow->Commit());
    return status;
  }
};

// ---------------------------------------------------------------------------------------------
// Provisions

TEST_P(SpecialistStoreContract, AProvisionWithEveryFieldSetRoundTripsThroughEveryRead) {
  SpecialistProvision full = AddProvision(FullProvision(p_));
  EXPECT_TRUE(full.id.valid());
  SpecialistProvision bare = AddProvision(
      MakeProvision(p_.la1, p_.special, SpecialistKind::kSpecialSchool, "Ysgol Hafod Lon"));
  EXPECT_NE(full.id, bare.id);

  auto got = GetProvision(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));
  auto listed = ListProvisions(p_.la1);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(bare));

  // What the officer sees first on the provision's page.
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->kind, SpecialistKind::kResourceBase);
  EXPECT_EQ(got->area,
            std::optional<domain::AreaOfNeed>(domain::AreaOfNeed::kCommunicationInteraction));
  EXPECT_EQ(got->capacity, 8);
  ASSERT_EQ(got->placements.size(), 6u);
  EXPECT_EQ(got->placements[0].state, PlacementState::kLeft);
  EXPECT_EQ(got->placements[1].state, PlacementState::kPlaced);
  EXPECT_EQ(got->placements[3].state, PlacementState::kWithdrawn);
  EXPECT_EQ(got->placements[4].state, PlacementState::kWaiting);
  const SpecialistPlacement* sian_placement = got->Placement(2);
  ASSERT_TRUE(sian_placement);
  EXPECT_EQ(sian_placement->referral, std::optional<domain::PanelReferralId>(p_.referral));
  EXPECT_EQ(sian_placement->planned_leave_on, std::optional<domain::Date>(D("2027-07-16")));
  EXPECT_FALSE(got->Placement(4));
  EXPECT_EQ(got->next_key, 8);
  const domain::PlaceCounts counts = domain::CountPlaces(*got, D("2025-03-03"));
  EXPECT_EQ(counts.placed, 2);
  EXPECT_EQ(counts.waiting, 2);

  // A new provision has its optional parts empty.
  auto got_bare = GetProvision(bare.id);
  ASSERT_TRUE(got_bare);
  EXPECT_EQ(Describe(*got_bare), Describe(bare));
  EXPECT_FALSE(got_bare->area);
  EXPECT_TRUE(got_bare->placements.empty());
  EXPECT_EQ(got_bare->next_key, 1);
  EXPECT_FALSE(GetProvision(domain::SpecialistProvisionId{999}));
}

TEST_P(SpecialistStoreContract, EveryKindAndAreaOfNeedRoundTrips) {
  std::vector<SpecialistProvision> added;
  for (SpecialistKind kind : domain::AllSpecialistKinds()) {
    for (domain::AreaOfNeed area : domain::AllAreasOfNeed()) {
      SpecialistProvision v = MakeProvision(
          p_.la1, p_.special, kind,
          "Darpariaeth " + std::string(domain::Code(kind)) + " " + std::string(domain::Code(area)));
      v.area = area;
      added.push_back(AddProvision(v));
    }
  }
  for (const SpecialistProvision& want : added) {
    SCOPED_TRACE(want.name);
    auto got = GetProvision(want.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(want));
  }
  EXPECT_EQ(ListProvisions(p_.la1).size(), added.size());
}

TEST_P(SpecialistStoreContract, UpdateProvisionWithTheStoredVersionReplacesItAndBumpsTheVersion) {
  SpecialistProvision v = AddProvision(
      MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, "Canolfan Adnoddau"));
  SpecialistProvision full = FullProvision(p_);
  full.id = v.id;
  full.version = 0;
  full = UpdateProvision(full);
  EXPECT_EQ(full.version, 1);
  auto got = GetProvision(v.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(full));

  // Gŵyn is placed, Siân leaves, Conwy's learner is withdrawn and Nia is added again; the base
  // becomes a learning support centre at the special school, with its area of need dropped.
  SpecialistPlacement* gwyn = full.Placement(6);
  gwyn->state = PlacementState::kPlaced;
  gwyn->starts_on = D("2024-09-02");
  SpecialistPlacement* sian = full.Placement(2);
  sian->state = PlacementState::kLeft;
  sian->ended_on = D("2024-12-20");
  full.Placement(7)->state = PlacementState::kWithdrawn;
  full.Placement(7)->ended_on = D("2024-11-01");
  full.placements.push_back(Placement(8, p_.learner4, PlacementState::kWaiting, "2024-11-04"));
  full.next_key = 9;
  full.kind = SpecialistKind::kLearningSupportCentre;
  full.setting = p_.special;
  full.name = "Canolfan Dysgu Hafod";
  full.area.reset();
  full.capacity = 12;
  full = UpdateProvision(full);
  got = GetProvision(v.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Describe(*got), Describe(full));
  auto listed = ListProvisions(p_.la1);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));

  // Placements removed from the lists go (the store keeps what it is given).
  full.placements.erase(full.placements.begin());
  full = UpdateProvision(full);
  got = GetProvision(v.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));
}

TEST_P(SpecialistStoreContract, UpdateProvisionWithAStaleVersionIsAConflictAndLeavesItUnchanged) {
  SpecialistProvision v = AddProvision(
      MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, "Canolfan Adnoddau"));
  SpecialistProvision first_edit = v;
  first_edit.placements = FullProvision(p_).placements;
  first_edit.next_key = 8;
  first_edit.capacity = 8;
  first_edit = UpdateProvision(first_edit);

  for (int version : {0, 2}) {
    SCOPED_TRACE("version " + std::to_string(version));
    SpecialistProvision stale = v;
    stale.version = version;
    stale.capacity = 1;
    stale.placements = {Placement(1, p_.learner3, PlacementState::kWaiting, "2024-05-01")};
    stale.next_key = 2;
    auto status = TryUpdateProvision(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "specialist_error_conflict");
    auto got = GetProvision(v.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(first_edit));
  }
}

TEST_P(SpecialistStoreContract, UpdateOfAnUnknownProvisionOrEquipmentIsNotFound) {
  SpecialistProvision v = AddProvision(
      MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, "Canolfan Adnoddau"));
  SpecialistEquipment e = AddEquipment(MakeEquipment(p_.la1, "Cadair olwyn", "2024-01-15"));

  SpecialistProvision ghost = v;
  ghost.id = domain::SpecialistProvisionId{999};
  ghost.name = "Ysbryd";
  auto status = TryUpdateProvision(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(status.error().message, "specialist_error_not_found");
  EXPECT_FALSE(GetProvision(ghost.id));
  EXPECT_EQ(Ids(ListProvisions(p_.la1)), (std::vector<std::int64_t>{v.id.value()}));

  SpecialistEquipment ghost_item = e;
  ghost_item.id = domain::EquipmentId{999};
  status = TryUpdateEquipment(ghost_item);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(status.error().message, "equipment_error_not_found");
  EXPECT_FALSE(GetEquipment(ghost_item.id));
  EXPECT_EQ(Ids(ListEquipment(p_.la1)), (std::vector<std::int64_t>{e.id.value()}));
}

TEST_P(SpecialistStoreContract, ListProvisionsGivesOnlyTheLasByKindThenNameThenId) {
  // Added out of order, so that ids follow neither kind nor name.
  SpecialistProvision pru =
      AddProvision(MakeProvision(p_.la1, p_.pru, SpecialistKind::kPru, "Canolfan Cynnydd"));
  SpecialistProvision special_b = AddProvision(
      MakeProvision(p_.la1, p_.special, SpecialistKind::kSpecialSchool, "Ysgol Hafod Lon"));
  SpecialistProvision lsc = AddProvision(
      MakeProvision(p_.la1, p_.school, SpecialistKind::kLearningSupportCentre, "Canolfan Dysgu"));
  SpecialistProvision base_z =
      AddProvision(MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, "Uned Clywed"));
  SpecialistProvision conwy = AddProvision(MakeProvision(
      p_.la2, p_.conwy_school, SpecialistKind::kResourceBase, "Canolfan Adnoddau Aberconwy"));
  SpecialistProvision base_a = AddProvision(
      MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, "Canolfan Adnoddau"));
  SpecialistProvision special_a = AddProvision(
      MakeProvision(p_.la1, p_.special, SpecialistKind::kSpecialSchool, "Ysgol Hafod Lon"));
  SpecialistProvision base_m = AddProvision(
      MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, "Canolfan Awtistiaeth"));

  using Want = std::vector<std::int64_t>;
  auto listed = ListProvisions(p_.la1);
  // Resource bases by name; the LSC; two special schools of one name, by id; the PRU.
  EXPECT_EQ(Ids(listed),
            (Want{base_a.id.value(), base_m.id.value(), base_z.id.value(), lsc.id.value(),
                  special_b.id.value(), special_a.id.value(), pru.id.value()}));
  ASSERT_EQ(listed.size(), 7u);
  EXPECT_EQ(Describe(listed[0]), Describe(base_a));
  EXPECT_EQ(Describe(listed[6]), Describe(pru));
  EXPECT_EQ(Ids(ListProvisions(p_.la2)), (Want{conwy.id.value()}));
  EXPECT_TRUE(ListProvisions(domain::LocalAuthorityId{999}).empty());

  // A rename moves a provision within its kind; a change of kind moves it to the other kind's.
  base_z.name = "Canolfan Adnoddau Bach";
  base_z = UpdateProvision(base_z);
  pru.kind = SpecialistKind::kResourceBase;
  pru = UpdateProvision(pru);
  EXPECT_EQ(Ids(ListProvisions(p_.la1)),
            (Want{base_a.id.value(), base_z.id.value(), base_m.id.value(), pru.id.value(),
                  lsc.id.value(), special_b.id.value(), special_a.id.value()}));
}

// Names are ordered as their bytes are, the same in every store: capitals before small letters,
// and Welsh letters with accents after the plain ones.
TEST_P(SpecialistStoreContract, ListProvisionsOrdersNamesTheSameWayInEveryStore) {
  const std::vector<std::string> names = {"ysgol",    "Ysgol",    "Ŵyn",  "Wyn",
                                          "Canolfan", "canolfan", "Âber", "Aber"};
  for (const std::string& name : names)
    AddProvision(MakeProvision(p_.la1, p_.school, SpecialistKind::kResourceBase, name));
  std::vector<std::string> listed;
  for (const auto& v : ListProvisions(p_.la1)) listed.push_back(v.name);
  EXPECT_EQ(listed, (std::vector<std::string>{"Aber", "Canolfan", "Wyn", "Ysgol", "canolfan",
                                              "ysgol", "Âber", "Ŵyn"}));
}

TEST_P(SpecialistStoreContract, AProvisionNamingAnythingMissingIsRefusedAndNothingIsStored) {
  std::vector<std::pair<std::string, SpecialistProvision>> cases;
  auto add = [&](std::string what, auto change) {
    SpecialistProvision v = FullProvision(p_);
    change(v);
    cases.emplace_back(std::move(what), v);
  };
  add("setting", [](SpecialistProvision& v) { v.setting = domain::SettingId{999}; });
  add("local_authority",
      [](SpecialistProvision& v) { v.local_authority = domain::LocalAuthorityId{999}; });
  add("a waiting learner",
      [](SpecialistProvision& v) { v.placements[4].learner = domain::LearnerId{999}; });
  add("a placed learner",
      [](SpecialistProvision& v) { v.placements[1].learner = domain::LearnerId{999}; });
  add("a learner who left",
      [](SpecialistProvision& v) { v.placements[0].learner = domain::LearnerId{999}; });
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, v] : cases) {
      SCOPED_TRACE(what);
      auto refused = uow->Specialist().AddProvision(v);
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
      EXPECT_EQ(refused.error().message, "store_error_missing_reference");
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(ListProvisions(p_.la1).empty());
  EXPECT_TRUE(ListProvisions(domain::LocalAuthorityId{999}).empty());
  EXPECT_FALSE(GetProvision(domain::SpecialistProvisionId{1}));

  // An update cannot point a provision anywhere missing either.
  SpecialistProvision kept = AddProvision(FullProvision(p_));
  EXPECT_EQ(Ids(ListProvisions(p_.la1)), (std::vector<std::int64_t>{kept.id.value()}));
  for (auto [what, v] : cases) {
    SCOPED_TRACE("update " + what);
    v.id = kept.id;
    v.version = kept.version;
    auto status = TryUpdateProvision(v);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kInternal);
    EXPECT_EQ(status.error().message, "store_error_missing_reference");
  }
  auto got = GetProvision(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
  EXPECT_EQ(Ids(ListProvisions(p_.la1)), (std::vector<std::int64_t>{kept.id.value()}));
  EXPECT_TRUE(ListProvisions(domain::LocalAuthorityId{999}).empty());

  // And the provision can still be updated once what it names exists.
  kept.capacity = 9;
  kept = UpdateProvision(kept);
  EXPECT_EQ(kept.version, 1);
}

// ---------------------------------------------------------------------------------------------
// Equipment

TEST_P(SpecialistStoreContract, EquipmentWithEveryFieldSetRoundTripsThroughEveryRead) {
  SpecialistEquipment full = AddEquipment(FullEquipment(p_));
  EXPECT_TRUE(full.id.valid());
  SpecialistEquipment bare = AddEquipment(MakeEquipment(p_.la1, "Cadair olwyn", "2023-06-01"));
  SpecialistEquipment la_owned = FullEquipment(p_);
  la_owned.owner = EquipmentOwner::kLocalAuthority;
  la_owned.setting = p_.special;
  la_owned.learner = p_.learner3;
  la_owned.returned_on.reset();
  la_owned.bought_on = D("2023-11-20");
  la_owned.cost_pounds = 0;
  la_owned = AddEquipment(la_owned);

  for (const SpecialistEquipment* want : {&full, &bare, &la_owned}) {
    SCOPED_TRACE(want->description);
    auto got = GetEquipment(want->id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(*want));
  }
  auto got = GetEquipment(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->owner, EquipmentOwner::kSchool);
  EXPECT_EQ(got->setting, std::optional<domain::SettingId>(p_.school));
  EXPECT_EQ(got->learner, std::optional<domain::LearnerId>(p_.learner1));
  EXPECT_EQ(got->returned_on, std::optional<domain::Date>(D("2024-07-19")));
  got = GetEquipment(bare.id);
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->setting);
  EXPECT_FALSE(got->learner);
  EXPECT_FALSE(got->returned_on);
  EXPECT_EQ(got->note, "");
  EXPECT_FALSE(GetEquipment(domain::EquipmentId{999}));

  auto listed = ListEquipment(p_.la1);
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(la_owned));
  EXPECT_EQ(Describe(listed[2]), Describe(bare));
}

TEST_P(SpecialistStoreContract, ListEquipmentGivesOnlyTheLasLatestBoughtFirstThenById) {
  // Added out of date order, so that ids do not follow dates.
  SpecialistEquipment middle_a = AddEquipment(MakeEquipment(p_.la1, "Bwrdd", "2024-03-04"));
  SpecialistEquipment oldest = AddEquipment(MakeEquipment(p_.la1, "Cadair", "2022-12-31"));
  SpecialistEquipment latest = AddEquipment(MakeEquipment(p_.la1, "Hoist", "2024-09-02"));
  SpecialistEquipment conwy = AddEquipment(MakeEquipment(p_.la2, "Cadair Conwy", "2024-05-01"));
  SpecialistEquipment middle_b = AddEquipment(MakeEquipment(p_.la1, "Amserydd", "2024-03-04"));
  SpecialistEquipment new_year = AddEquipment(MakeEquipment(p_.la1, "Gliniadur", "2023-01-01"));

  using Want = std::vector<std::int64_t>;
  EXPECT_EQ(Ids(ListEquipment(p_.la1)),
            (Want{latest.id.value(), middle_a.id.value(), middle_b.id.value(), new_year.id.value(),
                  oldest.id.value()}));
  EXPECT_EQ(Ids(ListEquipment(p_.la2)), (Want{conwy.id.value()}));
  EXPECT_TRUE(ListEquipment(domain::LocalAuthorityId{999}).empty());

  // A corrected purchase date moves the item; returning it does not.
  oldest.bought_on = D("2024-10-01");
  oldest = UpdateEquipment(oldest);
  latest.returned_on = D("2024-12-20");
  latest = UpdateEquipment(latest);
  auto listed = ListEquipment(p_.la1);
  EXPECT_EQ(Ids(listed), (Want{oldest.id.value(), latest.id.value(), middle_a.id.value(),
                               middle_b.id.value(), new_year.id.value()}));
  ASSERT_EQ(listed.size(), 5u);
  EXPECT_EQ(Describe(listed[0]), Describe(oldest));
  EXPECT_EQ(Describe(listed[1]), Describe(latest));
}

TEST_P(SpecialistStoreContract, UpdateEquipmentFollowsTheVersionRule) {
  SpecialistEquipment e = AddEquipment(MakeEquipment(p_.la1, "Cadair olwyn", "2024-01-15"));
  SpecialistEquipment full = FullEquipment(p_);
  full.id = e.id;
  full.version = 0;
  full = UpdateEquipment(full);
  EXPECT_EQ(full.version, 1);
  auto got = GetEquipment(e.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));

  for (int version : {0, 2}) {
    SCOPED_TRACE("version " + std::to_string(version));
    SpecialistEquipment stale = e;
    stale.version = version;
    stale.description = "Someone else's change";
    auto status = TryUpdateEquipment(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "specialist_error_conflict");
    got = GetEquipment(e.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(full));
  }

  // Clearing the optional parts.
  full.setting.reset();
  full.learner.reset();
  full.returned_on.reset();
  full.owner = EquipmentOwner::kLocalAuthority;
  full.note = "";
  full = UpdateEquipment(full);
  got = GetEquipment(e.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Describe(*got), Describe(full));
}

TEST_P(SpecialistStoreContract, EquipmentNamingAnythingMissingIsRefusedAndNothingIsStored) {
  std::vector<std::pair<std::string, SpecialistEquipment>> cases;
  auto add = [&](std::string what, auto change) {
    SpecialistEquipment e = FullEquipment(p_);
    change(e);
    cases.emplace_back(std::move(what), e);
  };
  add("local_authority",
      [](SpecialistEquipment& e) { e.local_authority = domain::LocalAuthorityId{999}; });
  add("setting", [](SpecialistEquipment& e) { e.setting = domain::SettingId{999}; });
  add("learner", [](SpecialistEquipment& e) { e.learner = domain::LearnerId{999}; });
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, e] : cases) {
      SCOPED_TRACE(what);
      auto refused = uow->Specialist().AddEquipment(e);
      ASSERT_FALSE(refused);
      EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
      EXPECT_EQ(refused.error().message, "store_error_missing_reference");
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(ListEquipment(p_.la1).empty());
  EXPECT_TRUE(ListEquipment(domain::LocalAuthorityId{999}).empty());
  EXPECT_FALSE(GetEquipment(domain::EquipmentId{1}));

  SpecialistEquipment kept = AddEquipment(FullEquipment(p_));
  for (auto [what, e] : cases) {
    SCOPED_TRACE("update " + what);
    e.id = kept.id;
    e.version = kept.version;
    auto status = TryUpdateEquipment(e);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kInternal);
    EXPECT_EQ(status.error().message, "store_error_missing_reference");
  }
  auto got = GetEquipment(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
  EXPECT_EQ(Ids(ListEquipment(p_.la1)), (std::vector<std::int64_t>{kept.id.value()}));
}

// ---------------------------------------------------------------------------------------------
// Text

TEST_P(SpecialistStoreContract, WelshTextAndQuotesRoundTripExactly) {
  const std::string name = "Canolfan \"Seren\" — ŵ ŷ â ê î ô û ï; 'dyfynodau' a \\ slaes";
  const std::string note = "Cytunodd y panel — \"lle llawn amser\"\n\tâ'r teulu; ŵyr ŷd";
  const std::string description = "Cyfrifiadur â llais — 'Ŵyl' \"Ŷd\" \\ ôl";
  const std::string equipment_note = "Yn ôl gyda'r ysgol — ŵ ŷ\n\"dychwelwyd\"";

  SpecialistProvision v =
      MakeProvision(p_.la1, p_.school, SpecialistKind::kLearningSupportCentre, name);
  v.placements = {Placement(1, p_.learner1, PlacementState::kWaiting, "2024-05-01")};
  v.placements[0].note = note;
  v.next_key = 2;
  v = AddProvision(v);
  SpecialistEquipment e = MakeEquipment(p_.la1, description, "2024-02-01");
  e.note = equipment_note;
  e = AddEquipment(e);

  auto got = GetProvision(v.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(v));
  EXPECT_EQ(got->name, name);
  ASSERT_EQ(got->placements.size(), 1u);
  EXPECT_EQ(got->placements[0].note, note);
  auto listed = ListProvisions(p_.la1);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name, name);
  auto got_item = GetEquipment(e.id);
  ASSERT_TRUE(got_item);
  EXPECT_EQ(got_item->description, description);
  EXPECT_EQ(got_item->note, equipment_note);
  EXPECT_EQ(got_item->note.size(), equipment_note.size());

  // And again after an update rewrites them.
  v.name += " (ŵ)";
  v.placements[0].note += " ŷ";
  v = UpdateProvision(v);
  e.description += " — â";
  e = UpdateEquipment(e);
  got = GetProvision(v.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(v));
  EXPECT_EQ(got->name, name + " (ŵ)");
  got_item = GetEquipment(e.id);
  ASSERT_TRUE(got_item);
  EXPECT_EQ(Describe(*got_item), Describe(e));
}

// ---------------------------------------------------------------------------------------------
// Units of work

TEST_P(SpecialistStoreContract, SpecialistWritesDroppedWithoutCommitLeaveNothingBehind) {
  SpecialistProvision kept = AddProvision(FullProvision(p_));
  SpecialistEquipment kept_item = AddEquipment(FullEquipment(p_));
  {
    auto uow = Begin(TxMode::kWrite);
    auto added = Must(uow->Specialist().AddProvision(
        MakeProvision(p_.la1, p_.pru, SpecialistKind::kPru, "Canolfan Cynnydd")));
    SpecialistProvision changed = kept;
    changed.placements.pop_back();
    changed.capacity = 1;
    changed.next_key = 50;
    Must(uow->Specialist().UpdateProvision(changed));
    auto added_item =
        Must(uow->Specialist().AddEquipment(MakeEquipment(p_.la1, "Cadair", "2024-05-01")));
    SpecialistEquipment changed_item = kept_item;
    changed_item.returned_on.reset();
    changed_item.cost_pounds = 1;
    Must(uow->Specialist().UpdateEquipment(changed_item));
    // Visible inside its own unit of work.
    EXPECT_TRUE(uow->Specialist().GetProvision(added));
    auto inside = uow->Specialist().GetProvision(kept.id);
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->next_key, 50);
    EXPECT_EQ(inside->version, 1);
    EXPECT_EQ(uow->Specialist().ListProvisions(p_.la1).size(), 2u);
    EXPECT_TRUE(uow->Specialist().GetEquipment(added_item));
    EXPECT_EQ(uow->Specialist().ListEquipment(p_.la1).size(), 2u);
  }
  EXPECT_EQ(Ids(ListProvisions(p_.la1)), (std::vector<std::int64_t>{kept.id.value()}));
  auto got = GetProvision(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
  EXPECT_EQ(Ids(ListEquipment(p_.la1)), (std::vector<std::int64_t>{kept_item.id.value()}));
  auto got_item = GetEquipment(kept_item.id);
  ASSERT_TRUE(got_item);
  EXPECT_EQ(Describe(*got_item), Describe(kept_item));

  // The same ids and versions are free to use afterwards.
  kept.capacity = 3;
  kept = UpdateProvision(kept);
  EXPECT_EQ(kept.version, 1);
}

// ---------------------------------------------------------------------------------------------
// A provision map's co-ordination (kept by the provision store)

TEST_P(SpecialistStoreContract, AProvisionMapsCoordinationRoundTrips) {
  domain::ProvisionMap map;
  map.local_authority = p_.la1;
  map.setting = p_.school;
  map.academic_year = 2024;
  map.coordination.alnco_name = "Mrs Gwenllïan Prŷs — \"ALNCo\"";
  map.coordination.hours_per_week_tenths = 75;
  map.coordination.qualification = domain::AlncoQualification::kStudying;
  map.coordination.training = "ELSA i ddau gynorthwyydd;\nTalk Boost — 'Siarad' ŵ ŷ";
  map.coordination.governor_name = "Mr Dafydd Ŵyn";
  map.id = Write([&](UnitOfWork& uow) { return Must(uow.Provision().AddMap(map)); });
  map.version = 0;
  domain::ProvisionMap bare;
  bare.local_authority = p_.la1;
  bare.setting = p_.school;
  bare.academic_year = 2023;
  bare.id = Write([&](UnitOfWork& uow) { return Must(uow.Provision().AddMap(bare)); });

  auto got = Read([&](UnitOfWork& uow) { return uow.Provision().GetMap(map.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(DescribeCoordination(*got), DescribeCoordination(map));
  auto found = Read([&](UnitOfWork& uow) { return uow.Provision().FindMap(p_.school, 2024); });
  ASSERT_TRUE(found);
  EXPECT_EQ(DescribeCoordination(*found), DescribeCoordination(map));
  auto listed = Read([&](UnitOfWork& uow) { return uow.Provision().ListMaps(p_.school); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(DescribeCoordination(listed[0]), DescribeCoordination(map));
  EXPECT_EQ(DescribeCoordination(listed[1]), DescribeCoordination(bare));
  auto for_year =
      Read([&](UnitOfWork& uow) { return uow.Provision().ListMapsForYear(p_.la1, 2024); });
  ASSERT_EQ(for_year.size(), 1u);
  EXPECT_EQ(DescribeCoordination(for_year[0]), DescribeCoordination(map));

  // A map with none recorded reads back with none.
  auto got_bare = Read([&](UnitOfWork& uow) { return uow.Provision().GetMap(bare.id); });
  ASSERT_TRUE(got_bare);
  EXPECT_EQ(got_bare->coordination.alnco_name, "");
  EXPECT_EQ(got_bare->coordination.hours_per_week_tenths, 0);
  EXPECT_EQ(got_bare->coordination.qualification, domain::AlncoQualification::kNone);
  EXPECT_EQ(got_bare->coordination.training, "");
  EXPECT_EQ(got_bare->coordination.governor_name, "");

  // Every qualification is kept, and an update replaces the co-ordination.
  for (domain::AlncoQualification q : domain::AllAlncoQualifications()) {
    SCOPED_TRACE(std::string(domain::Code(q)));
    map.coordination.qualification = q;
    map.coordination.hours_per_week_tenths += 1;
    map.coordination.governor_name = "Llywodraethwr " + std::string(domain::Code(q));
    Write([&](UnitOfWork& uow) { Must(uow.Provision().UpdateMap(map)); });
    ++map.version;
    got = Read([&](UnitOfWork& uow) { return uow.Provision().GetMap(map.id); });
    ASSERT_TRUE(got);
    EXPECT_EQ(DescribeCoordination(*got), DescribeCoordination(map));
  }
  map.coordination = {};
  Write([&](UnitOfWork& uow) { Must(uow.Provision().UpdateMap(map)); });
  ++map.version;
  got = Read([&](UnitOfWork& uow) { return uow.Provision().GetMap(map.id); });
  ASSERT_TRUE(got);
  EXPECT_EQ(DescribeCoordination(*got), DescribeCoordination(map));
}

INSTANTIATE_TEST_SUITE_P(Stores, SpecialistStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::storage
