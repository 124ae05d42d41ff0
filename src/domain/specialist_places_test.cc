#include "domain/specialist_places.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/provision.h"
#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;

// The world of these tests: Blaenau Gwent's resource base at Ysgol Cwm (ages 3-11), and the
// learners waiting for, holding or leaving its places. Dates are in 2025/26 unless a case says.
constexpr LocalAuthorityId kBlaenauGwent{1};
constexpr SettingId kYsgolCwm{10};
constexpr SpecialistProvisionId kCwmBase{5};
constexpr PanelReferralId kReferral{40};
constexpr LearnerId kCerys{100};
constexpr LearnerId kDylan{101};
constexpr LearnerId kElin{102};
constexpr LearnerId kGethin{103};
constexpr LearnerId kHana{104};

template <typename T>
::testing::AssertionResult Succeeded(const Result<T>& result) {
  if (result.has_value()) return ::testing::AssertionSuccess();
  ::testing::AssertionResult failure = ::testing::AssertionFailure() << result.error().message;
  for (const auto& [field, message] : result.error().fields)
    failure << " " << field << "=" << message;
  return failure;
}

template <typename T>
::testing::AssertionResult Refused(const Result<T>& result, ErrorCode code,
                                   const std::string& message, const Fields& fields = {}) {
  if (result.has_value()) return ::testing::AssertionFailure() << "succeeded";
  const Error& error = result.error();
  if (error.code != code || error.message != message || error.fields != fields) {
    ::testing::AssertionResult failure = ::testing::AssertionFailure()
                                         << "refused with " << error.message << " (code "
                                         << static_cast<int>(error.code) << ")";
    for (const auto& [field, text] : error.fields) failure << " " << field << "=" << text;
    return failure;
  }
  return ::testing::AssertionSuccess();
}

std::string Repeat(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// The resource base with no one on its lists.
SpecialistProvision CwmBase(int capacity) {
  SpecialistProvision p;
  p.id = kCwmBase;
  p.local_authority = kBlaenauGwent;
  p.setting = kYsgolCwm;
  p.kind = SpecialistKind::kResourceBase;
  p.name = "Canolfan Adnoddau Cwm";
  p.area = AreaOfNeed::kCommunicationInteraction;
  p.min_age = 3;
  p.max_age = 11;
  p.capacity = capacity;
  return p;
}

// A placement as it would stand after its history, written out by hand so that the counting rules
// are tested apart from the operations that make placements.
SpecialistPlacement Placement(int key, LearnerId learner, PlacementState state,
                              const char* waiting_since, std::optional<const char*> starts_on = {},
                              std::optional<const char*> planned_leave_on = {},
                              std::optional<const char*> ended_on = {}) {
  SpecialistPlacement p;
  p.key = key;
  p.learner = learner;
  p.state = state;
  p.waiting_since = Iso(waiting_since);
  if (starts_on) p.starts_on = Iso(*starts_on);
  if (planned_leave_on) p.planned_leave_on = Iso(*planned_leave_on);
  if (ended_on) p.ended_on = Iso(*ended_on);
  return p;
}

// Adds a learner to the waiting list, failing the test if refused; returns the key.
int Wait(SpecialistProvision& provision, LearnerId learner, const char* since) {
  auto key = AddToWaitingList(provision, learner, Iso(since), std::nullopt, "");
  EXPECT_TRUE(Succeeded(key));
  return key.has_value() ? *key : 0;
}

std::vector<int> Keys(const std::vector<SpecialistPlacement>& placements) {
  std::vector<int> keys;
  for (const auto& p : placements) keys.push_back(p.key);
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Checking a provision as typed

TEST(SpecialistProvisionCheck, AcceptsAProvisionAtTheEdgesOfEachLimit) {
  struct Case {
    const char* why;
    std::function<void(SpecialistProvision&)> change;
  };
  const std::vector<Case> cases = {
      {"as it is", [](SpecialistProvision&) {}},
      {"a name of 200 Welsh letters", [](SpecialistProvision& p) { p.name = Repeat("ŵ", 200); }},
      {"a name of 200 letters with spaces around",
       [](SpecialistProvision& p) { p.name = "  " + Repeat("a", 200) + "  "; }},
      {"no places commissioned yet", [](SpecialistProvision& p) { p.capacity = 0; }},
      {"500 places", [](SpecialistProvision& p) { p.capacity = 500; }},
      {"ages 2 to 25",
       [](SpecialistProvision& p) {
         p.min_age = 2;
         p.max_age = 25;
       }},
      {"one age only",
       [](SpecialistProvision& p) {
         p.min_age = 7;
         p.max_age = 7;
       }},
      {"no area of need", [](SpecialistProvision& p) { p.area.reset(); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision p = CwmBase(8);
    c.change(p);
    EXPECT_TRUE(Succeeded(CheckSpecialistProvision(p)));
  }
}

TEST(SpecialistProvisionCheck, RefusesEachFieldInError) {
  struct Case {
    const char* why;
    std::function<void(SpecialistProvision&)> change;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"no name", [](SpecialistProvision& p) { p.name = ""; }, {{"name", "specialist_error_name"}}},
      {"a name of spaces",
       [](SpecialistProvision& p) { p.name = "   \t "; },
       {{"name", "specialist_error_name"}}},
      {"a name of 201 letters",
       [](SpecialistProvision& p) { p.name = Repeat("ŷ", 201); },
       {{"name", "specialist_error_name_long"}}},
      {"fewer than no places",
       [](SpecialistProvision& p) { p.capacity = -1; },
       {{"capacity", "specialist_error_capacity"}}},
      {"501 places",
       [](SpecialistProvision& p) { p.capacity = 501; },
       {{"capacity", "specialist_error_capacity"}}},
      {"from age 1",
       [](SpecialistProvision& p) { p.min_age = 1; },
       {{"min_age", "specialist_error_age"}}},
      {"to age 26",
       [](SpecialistProvision& p) { p.max_age = 26; },
       {{"max_age", "specialist_error_age"}}},
      {"to age 1",
       [](SpecialistProvision& p) {
         p.min_age = 2;
         p.max_age = 1;
       },
       {{"max_age", "specialist_error_age"}}},
      {"both ages over 25",
       [](SpecialistProvision& p) {
         p.min_age = 26;
         p.max_age = 30;
       },
       {{"min_age", "specialist_error_age"}, {"max_age", "specialist_error_age"}}},
      {"the oldest age below the youngest",
       [](SpecialistProvision& p) {
         p.min_age = 11;
         p.max_age = 10;
       },
       {{"max_age", "specialist_error_ages_order"}}},
      {"everything at once",
       [](SpecialistProvision& p) {
         p.name = "";
         p.capacity = 600;
         p.min_age = 16;
         p.max_age = 5;
       },
       {{"name", "specialist_error_name"},
        {"capacity", "specialist_error_capacity"},
        {"max_age", "specialist_error_ages_order"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision p = CwmBase(8);
    c.change(p);
    EXPECT_TRUE(Refused(CheckSpecialistProvision(p), ErrorCode::kInvalidArgument,
                        "specialist_error_title", c.fields));
  }
}

// ---------------------------------------------------------------------------------------------
// Counting places on a day

TEST(SpecialistPlaceCounts, APlaceIsHeldFromTheFirstDayUntilTheDayTheLearnerLeaves) {
  struct Case {
    const char* why;
    SpecialistPlacement placement;
    const char* on;
    int placed;
    int waiting;
  };
  const std::vector<Case> cases = {
      {"waiting", Placement(1, kCerys, PlacementState::kWaiting, "2025-06-01"), "2025-09-10", 0, 1},
      {"placed, the day before the first day",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-06-01", "2025-09-01"), "2025-08-31", 0,
       0},
      {"placed, on the first day",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-06-01", "2025-09-01"), "2025-09-01", 1,
       0},
      {"placed, a year on",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-06-01", "2025-09-01"), "2026-09-01", 1,
       0},
      {"placed, after a planned leave date but not yet left",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-06-01", "2025-09-01", "2026-07-17"),
       "2026-07-20", 1, 0},
      {"left, the day before the day they left",
       Placement(1, kCerys, PlacementState::kLeft, "2025-06-01", "2025-09-01", std::nullopt,
                 "2026-01-12"),
       "2026-01-11", 1, 0},
      {"left, on the day they left",
       Placement(1, kCerys, PlacementState::kLeft, "2025-06-01", "2025-09-01", std::nullopt,
                 "2026-01-12"),
       "2026-01-12", 0, 0},
      {"left, after",
       Placement(1, kCerys, PlacementState::kLeft, "2025-06-01", "2025-09-01", std::nullopt,
                 "2026-01-12"),
       "2026-03-02", 0, 0},
      {"withdrawn from the waiting list",
       Placement(1, kCerys, PlacementState::kWithdrawn, "2025-06-01", std::nullopt, std::nullopt,
                 "2025-07-01"),
       "2025-06-15", 0, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(1);
    base.placements = {c.placement};
    base.next_key = 2;
    PlaceCounts counts = CountPlaces(base, Iso(c.on));
    EXPECT_EQ(counts.capacity, 1);
    EXPECT_EQ(counts.placed, c.placed);
    EXPECT_EQ(counts.waiting, c.waiting);
    EXPECT_EQ(counts.Free(), 1 - c.placed);
    EXPECT_EQ(counts.AtCapacity(), c.placed == 1);
  }
}

TEST(SpecialistPlaceCounts, CountsEveryoneOnTheListsTogether) {
  SpecialistProvision base = CwmBase(3);
  base.placements = {
      Placement(1, kCerys, PlacementState::kPlaced, "2025-03-01", "2025-04-22", "2026-07-17"),
      Placement(2, kDylan, PlacementState::kPlaced, "2025-05-01", "2025-09-01"),
      Placement(3, kElin, PlacementState::kWaiting, "2025-06-01"),
      Placement(4, kGethin, PlacementState::kWaiting, "2025-07-01"),
      Placement(5, kHana, PlacementState::kWithdrawn, "2025-02-01", std::nullopt, std::nullopt,
                "2025-05-01"),
  };
  base.next_key = 6;
  PlaceCounts counts = CountPlaces(base, Iso("2025-10-06"));
  EXPECT_EQ(counts.capacity, 3);
  EXPECT_EQ(counts.placed, 2);
  EXPECT_EQ(counts.waiting, 2);
  EXPECT_EQ(counts.leaving, 1);
  EXPECT_EQ(counts.Free(), 1);
  EXPECT_FALSE(counts.AtCapacity());

  // Over capacity (the LA cut the places): none free, not a negative number.
  base.capacity = 1;
  counts = CountPlaces(base, Iso("2025-10-06"));
  EXPECT_EQ(counts.Free(), 0);
  EXPECT_TRUE(counts.AtCapacity());
}

// "Leaving" counts planned leave dates from the day counted to 31 August of its school year.
TEST(SpecialistPlaceCounts, LeavingCountsPlannedLeaveDatesToTheEndOfTheSchoolYear) {
  struct Case {
    const char* on;
    std::optional<const char*> planned_leave_on;
    int leaving;
  };
  const std::vector<Case> cases = {
      {"2026-03-02", "2026-07-17", 1},  // the end of the summer term
      {"2026-03-02", "2026-08-31", 1},  // the last day of the school year
      {"2026-03-02", "2026-09-01", 0},  // the first day of the next
      {"2026-03-02", "2027-07-16", 0},  // a year later
      {"2026-03-02", "2026-03-02", 1},  // the day counted
      {"2026-03-02", "2026-03-01", 0},  // the day before, and not yet recorded as left
      {"2026-03-02", std::nullopt, 0},  // no planned leave date
      {"2025-09-01", "2026-08-31", 1},  // the first day of the year counted
      {"2026-08-31", "2026-08-31", 1},  // the last day of the year counted
      {"2026-08-31", "2026-09-01", 0},  //
      {"2026-09-01", "2026-09-01", 1},  // the first day of the next year
      {"2026-09-01", "2027-08-31", 1},  //
      {"2026-09-01", "2027-09-01", 0},  //
      {"2026-09-01", "2026-08-31", 0},  // a day before the next year began
      {"2025-12-31", "2026-01-01", 1},  // the calendar year's end is not the school year's
      {"2025-08-31", "2025-09-01", 0},  // counted before the placement began
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("on ") + c.on + ", planned to leave " +
                 (c.planned_leave_on ? *c.planned_leave_on : "(none)"));
    SpecialistProvision base = CwmBase(2);
    base.placements = {
        Placement(1, kCerys, PlacementState::kPlaced, "2025-03-01", "2025-09-01",
                  c.planned_leave_on),
        Placement(2, kDylan, PlacementState::kWaiting, "2025-03-01"),
    };
    base.next_key = 3;
    EXPECT_EQ(CountPlaces(base, Iso(c.on)).leaving, c.leaving);
  }
}

TEST(SpecialistPlaceCounts, LeavingCountsOnlyLearnersHoldingAPlace) {
  // Dylan was planned to leave in July but left at Christmas; Elin is still there.
  SpecialistProvision base = CwmBase(4);
  base.placements = {
      Placement(1, kDylan, PlacementState::kLeft, "2025-03-01", "2025-09-01", "2026-07-17",
                "2025-12-19"),
      Placement(2, kElin, PlacementState::kPlaced, "2025-03-01", "2025-09-01", "2026-07-17"),
  };
  base.next_key = 3;
  PlaceCounts counts = CountPlaces(base, Iso("2026-03-02"));
  EXPECT_EQ(counts.placed, 1);
  EXPECT_EQ(counts.leaving, 1);
}

// ---------------------------------------------------------------------------------------------
// The waiting list

TEST(SpecialistWaitingList, LongestWaitFirstThenInTheOrderAdded) {
  struct Case {
    const char* why;
    std::vector<const char*> added_since;  // in the order added: keys 1, 2, ...
    std::vector<int> keys;
  };
  const std::vector<Case> cases = {
      {"no one", {}, {}},
      {"one learner", {"2025-05-01"}, {1}},
      {"added in the order they waited", {"2025-03-01", "2025-04-01", "2025-05-01"}, {1, 2, 3}},
      {"added latest first", {"2025-05-01", "2025-04-01", "2025-03-01"}, {3, 2, 1}},
      {"waiting since the same days",
       {"2025-04-01", "2025-03-01", "2025-04-01", "2025-03-01"},
       {2, 4, 1, 3}},
      {"across a year's end", {"2026-01-05", "2025-12-19", "2024-12-31"}, {3, 2, 1}},
  };
  const LearnerId learners[] = {kCerys, kDylan, kElin, kGethin, kHana};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(2);
    for (std::size_t i = 0; i < c.added_since.size(); ++i)
      Wait(base, learners[i], c.added_since[i]);
    EXPECT_EQ(Keys(WaitingList(base)), c.keys);
  }
}

TEST(SpecialistWaitingList, LeavesOutLearnersPlacedLeftOrWithdrawn) {
  SpecialistProvision base = CwmBase(2);
  base.placements = {
      Placement(1, kCerys, PlacementState::kPlaced, "2025-01-10", "2025-04-22"),
      Placement(2, kDylan, PlacementState::kWaiting, "2025-05-01"),
      Placement(3, kElin, PlacementState::kWithdrawn, "2025-01-01", std::nullopt, std::nullopt,
                "2025-02-01"),
      Placement(4, kGethin, PlacementState::kLeft, "2024-06-01", "2024-09-02", std::nullopt,
                "2025-03-28"),
      Placement(5, kHana, PlacementState::kWaiting, "2025-02-03"),
  };
  base.next_key = 6;
  auto list = WaitingList(base);
  EXPECT_EQ(Keys(list), (std::vector<int>{5, 2}));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].learner, kHana);
  EXPECT_EQ(list[1].learner, kDylan);
}

// ---------------------------------------------------------------------------------------------
// Adding to the waiting list

TEST(SpecialistWaitingList, AddingKeepsWhatWasGivenUnderTheNextKey) {
  SpecialistProvision base = CwmBase(2);
  base.next_key = 7;  // keys 1-6 were used by placements since removed
  auto key = AddToWaitingList(base, kCerys, Iso("2025-11-12"), kReferral,
                              "  Panel agreed a place — ŵyr ŷd  ");
  ASSERT_TRUE(Succeeded(key));
  EXPECT_EQ(*key, 7);
  EXPECT_EQ(base.next_key, 8);
  ASSERT_EQ(base.placements.size(), 1u);
  const SpecialistPlacement& p = base.placements[0];
  EXPECT_EQ(p.key, 7);
  EXPECT_EQ(p.learner, kCerys);
  EXPECT_EQ(p.state, PlacementState::kWaiting);
  EXPECT_EQ(p.waiting_since, Iso("2025-11-12"));
  EXPECT_EQ(p.referral, std::optional<PanelReferralId>(kReferral));
  EXPECT_FALSE(p.starts_on.has_value());
  EXPECT_FALSE(p.planned_leave_on.has_value());
  EXPECT_FALSE(p.ended_on.has_value());
  EXPECT_EQ(p.note, "Panel agreed a place — ŵyr ŷd");

  auto second = AddToWaitingList(base, kDylan, Iso("2025-11-13"), std::nullopt, "");
  ASSERT_TRUE(Succeeded(second));
  EXPECT_EQ(*second, 8);
  EXPECT_FALSE(base.Placement(8)->referral.has_value());
  EXPECT_EQ(CountPlaces(base, Iso("2025-11-13")).waiting, 2);
}

TEST(SpecialistWaitingList, RefusesALearnerAlreadyWaitingOrPlacedButNotOneWhoLeft) {
  struct Case {
    const char* why;
    SpecialistPlacement earlier;  // Cerys's earlier entry on the lists
    bool refused;
  };
  const std::vector<Case> cases = {
      {"waiting", Placement(1, kCerys, PlacementState::kWaiting, "2025-05-01"), true},
      {"placed", Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01"), true},
      {"placed, not yet started",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2026-04-13"), true},
      {"placed, past a planned leave date",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01", "2025-12-19"),
       true},
      {"left",
       Placement(1, kCerys, PlacementState::kLeft, "2025-05-01", "2025-09-01", std::nullopt,
                 "2025-12-19"),
       false},
      {"withdrawn",
       Placement(1, kCerys, PlacementState::kWithdrawn, "2025-05-01", std::nullopt, std::nullopt,
                 "2025-06-01"),
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(2);
    base.placements = {c.earlier, Placement(2, kDylan, PlacementState::kWaiting, "2025-05-02")};
    base.next_key = 3;
    auto added = AddToWaitingList(base, kCerys, Iso("2026-01-05"), kReferral, "Again");
    if (c.refused) {
      EXPECT_TRUE(Refused(added, ErrorCode::kConflict, "specialist_error_already"));
      EXPECT_EQ(base.placements.size(), 2u);
      EXPECT_EQ(base.next_key, 3);
      EXPECT_EQ(base.placements[0].state, c.earlier.state);
    } else {
      ASSERT_TRUE(Succeeded(added));
      EXPECT_EQ(*added, 3);
      ASSERT_EQ(base.placements.size(), 3u);
      EXPECT_EQ(base.placements[0].state, c.earlier.state);  // the old entry is kept
      EXPECT_EQ(base.placements[2].state, PlacementState::kWaiting);
      EXPECT_EQ(Keys(WaitingList(base)), (std::vector<int>{2, 3}));
    }
    // Another learner may always be added.
    EXPECT_TRUE(Succeeded(AddToWaitingList(base, kElin, Iso("2026-01-05"), std::nullopt, "")));
  }
}

TEST(SpecialistWaitingList, RefusesANoteOver500Characters) {
  SpecialistProvision base = CwmBase(2);
  EXPECT_TRUE(
      Succeeded(AddToWaitingList(base, kCerys, Iso("2025-05-01"), std::nullopt, Repeat("ŵ", 500))));
  EXPECT_TRUE(
      Refused(AddToWaitingList(base, kDylan, Iso("2025-05-01"), std::nullopt, Repeat("ŵ", 501)),
              ErrorCode::kInvalidArgument, "specialist_error_title",
              {{"note", "specialist_error_note_long"}}));
  EXPECT_EQ(base.placements.size(), 1u);
  EXPECT_EQ(base.next_key, 2);
}

// ---------------------------------------------------------------------------------------------
// Giving a place

TEST(SpecialistPlace, GivesAWaitingLearnerAPlaceFromTheStartDate) {
  SpecialistProvision base = CwmBase(2);
  const int cerys = Wait(base, kCerys, "2025-06-01");
  const int dylan = Wait(base, kDylan, "2025-07-01");
  ASSERT_TRUE(Succeeded(Place(base, cerys, Iso("2025-09-01"), Iso("2026-07-17"))));
  ASSERT_TRUE(Succeeded(Place(base, dylan, Iso("2025-09-08"), std::nullopt)));

  const SpecialistPlacement& p = *base.Placement(cerys);
  EXPECT_EQ(p.state, PlacementState::kPlaced);
  EXPECT_EQ(p.starts_on, std::optional<Date>(Iso("2025-09-01")));
  EXPECT_EQ(p.planned_leave_on, std::optional<Date>(Iso("2026-07-17")));
  EXPECT_FALSE(p.ended_on.has_value());
  EXPECT_EQ(p.waiting_since, Iso("2025-06-01"));
  EXPECT_FALSE(base.Placement(dylan)->planned_leave_on.has_value());
  EXPECT_TRUE(WaitingList(base).empty());

  PlaceCounts counts = CountPlaces(base, Iso("2025-09-08"));
  EXPECT_EQ(counts.placed, 2);
  EXPECT_EQ(counts.waiting, 0);
  EXPECT_EQ(counts.leaving, 1);
  EXPECT_TRUE(counts.AtCapacity());
  EXPECT_EQ(CountPlaces(base, Iso("2025-09-05")).placed, 1);  // before Dylan starts
}

TEST(SpecialistPlace, RefusedWhenEveryPlaceIsHeldOnTheStartDateOrLaterAndTheLearnerStaysWaiting) {
  struct Case {
    const char* why;
    int capacity;
    const char* starts_on;  // for Elin, waiting since 2025-06-01
    bool full;
  };
  // Cerys holds a place from 1 September 2025; Dylan from 13 April 2026.
  const std::vector<Case> cases = {
      {"no places commissioned", 0, "2025-07-01", true},
      {"one place, before Cerys starts: her place would be booked twice", 1, "2025-08-31", true},
      {"one place, the day Cerys starts", 1, "2025-09-01", true},
      {"one place, later", 1, "2026-01-05", true},
      {"two places, before Dylan starts: his place would be booked twice", 2, "2026-04-12", true},
      {"two places, before Dylan starts, with a third place", 3, "2026-04-12", false},
      {"two places, the day Dylan starts", 2, "2026-04-13", true},
      {"three places", 3, "2026-04-13", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(c.capacity);
    base.placements = {
        Placement(1, kCerys, PlacementState::kPlaced, "2025-03-01", "2025-09-01"),
        Placement(2, kDylan, PlacementState::kPlaced, "2025-03-01", "2026-04-13"),
        Placement(3, kElin, PlacementState::kWaiting, "2025-06-01"),
    };
    base.next_key = 4;
    auto placed = Place(base, 3, Iso(c.starts_on), std::nullopt);
    if (c.full) {
      EXPECT_TRUE(Refused(placed, ErrorCode::kConflict, "specialist_error_full"));
      const SpecialistPlacement& elin = *base.Placement(3);
      EXPECT_EQ(elin.state, PlacementState::kWaiting);
      EXPECT_FALSE(elin.starts_on.has_value());
      EXPECT_EQ(Keys(WaitingList(base)), (std::vector<int>{3}));
    } else {
      EXPECT_TRUE(Succeeded(placed));
      EXPECT_EQ(base.Placement(3)->state, PlacementState::kPlaced);
    }
  }
}

TEST(SpecialistPlace, RefusesAStartBeforeTheWaitAndALeaveNotAfterTheStart) {
  struct Case {
    const char* why;
    const char* starts_on;  // waiting since 2025-06-02
    std::optional<const char*> planned_leave_on;
    Fields fields;  // none: accepted
  };
  const std::vector<Case> cases = {
      {"starting the day the wait began", "2025-06-02", std::nullopt, {}},
      {"starting the day before the wait began",
       "2025-06-01",
       std::nullopt,
       {{"starts_on", "specialist_error_before_wait"}}},
      {"starting a year before",
       "2024-06-02",
       std::nullopt,
       {{"starts_on", "specialist_error_before_wait"}}},
      {"leaving the day after starting", "2025-09-01", "2025-09-02", {}},
      {"leaving the day of starting",
       "2025-09-01",
       "2025-09-01",
       {{"planned_leave_on", "specialist_error_leave_order"}}},
      {"leaving before starting",
       "2025-09-01",
       "2025-07-18",
       {{"planned_leave_on", "specialist_error_leave_order"}}},
      {"both",
       "2025-06-01",
       "2025-05-01",
       {{"starts_on", "specialist_error_before_wait"},
        {"planned_leave_on", "specialist_error_leave_order"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(2);
    const int key = Wait(base, kCerys, "2025-06-02");
    std::optional<Date> leave;
    if (c.planned_leave_on) leave = Iso(*c.planned_leave_on);
    auto placed = Place(base, key, Iso(c.starts_on), leave);
    if (c.fields.empty()) {
      EXPECT_TRUE(Succeeded(placed));
      continue;
    }
    EXPECT_TRUE(
        Refused(placed, ErrorCode::kInvalidArgument, "specialist_error_place_title", c.fields));
    EXPECT_EQ(base.Placement(key)->state, PlacementState::kWaiting);
    EXPECT_FALSE(base.Placement(key)->starts_on.has_value());
    EXPECT_FALSE(base.Placement(key)->planned_leave_on.has_value());
  }
}

TEST(SpecialistPlace, RefusesAPlacementThatIsNotWaiting) {
  struct Case {
    const char* why;
    SpecialistPlacement placement;
  };
  const std::vector<Case> cases = {
      {"placed", Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01")},
      {"left", Placement(1, kCerys, PlacementState::kLeft, "2025-05-01", "2025-09-01", std::nullopt,
                         "2025-12-19")},
      {"withdrawn", Placement(1, kCerys, PlacementState::kWithdrawn, "2025-05-01", std::nullopt,
                              std::nullopt, "2025-06-01")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(5);
    base.placements = {c.placement};
    base.next_key = 2;
    EXPECT_TRUE(Refused(Place(base, 1, Iso("2026-01-05"), Iso("2026-07-17")), ErrorCode::kConflict,
                        "specialist_error_state"));
    const SpecialistPlacement& p = *base.Placement(1);
    EXPECT_EQ(p.state, c.placement.state);
    EXPECT_EQ(p.starts_on, c.placement.starts_on);
    EXPECT_EQ(p.planned_leave_on, c.placement.planned_leave_on);
    EXPECT_EQ(p.ended_on, c.placement.ended_on);
  }
  SpecialistProvision base = CwmBase(5);
  EXPECT_TRUE(Refused(Place(base, 9, Iso("2026-01-05"), std::nullopt), ErrorCode::kNotFound,
                      "specialist_error_placement_not_found"));
}

// Cerys holds the only place until she leaves on 12 January 2026: Dylan, waiting since October,
// can have it from that day, and not before.
TEST(SpecialistPlace, APlaceFreedByALeaverCanBeGivenFromTheDayTheyLeaveButNotBefore) {
  struct Case {
    const char* starts_on;
    bool full;
  };
  const std::vector<Case> cases = {
      {"2025-10-01", true},   // the day Dylan's wait began
      {"2025-12-19", true},   // the end of the autumn term
      {"2026-01-11", true},   // the day before Cerys leaves
      {"2026-01-12", false},  // the day she leaves
      {"2026-01-13", false},  //
      {"2026-04-13", false},  // after Easter
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("Dylan starting ") + c.starts_on);
    SpecialistProvision base = CwmBase(1);
    const int cerys = Wait(base, kCerys, "2025-06-02");
    ASSERT_TRUE(Succeeded(Place(base, cerys, Iso("2025-09-01"), std::nullopt)));
    const int dylan = Wait(base, kDylan, "2025-10-01");
    ASSERT_TRUE(Succeeded(EndPlacement(base, cerys, Iso("2026-01-12"), "Moved to Ysgol Bryn")));

    auto placed = Place(base, dylan, Iso(c.starts_on), std::nullopt);
    if (c.full) {
      EXPECT_TRUE(Refused(placed, ErrorCode::kConflict, "specialist_error_full"));
      EXPECT_EQ(base.Placement(dylan)->state, PlacementState::kWaiting);
    } else {
      EXPECT_TRUE(Succeeded(placed));
      EXPECT_EQ(base.Placement(dylan)->state, PlacementState::kPlaced);
    }
    // Never more learners in the base than its one place, on any day.
    for (const char* day : {"2025-09-01", "2025-12-19", "2026-01-11", "2026-01-12", "2026-04-13"}) {
      SCOPED_TRACE(std::string("on ") + day);
      EXPECT_LE(CountPlaces(base, Iso(day)).placed, 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Ending a place or a wait

TEST(SpecialistEndPlacement, APlacedLearnerLeavesAndAWaitingOneIsWithdrawn) {
  struct Case {
    const char* why;
    SpecialistPlacement placement;
    const char* on;
    PlacementState after;
  };
  const std::vector<Case> cases = {
      {"placed, leaving later",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01", "2026-07-17"),
       "2026-01-12", PlacementState::kLeft},
      {"placed, leaving on the first day",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01"), "2025-09-01",
       PlacementState::kLeft},
      {"waiting, withdrawn later", Placement(1, kCerys, PlacementState::kWaiting, "2025-05-01"),
       "2025-07-18", PlacementState::kWithdrawn},
      {"waiting, withdrawn the day it began",
       Placement(1, kCerys, PlacementState::kWaiting, "2025-05-01"), "2025-05-01",
       PlacementState::kWithdrawn},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(2);
    base.placements = {c.placement};
    base.placements[0].note = "Panel agreed";
    base.next_key = 2;
    ASSERT_TRUE(Succeeded(EndPlacement(base, 1, Iso(c.on), "  Moved to Ysgol Bryn  ")));
    const SpecialistPlacement& p = *base.Placement(1);
    EXPECT_EQ(p.state, c.after);
    EXPECT_EQ(p.ended_on, std::optional<Date>(Iso(c.on)));
    EXPECT_EQ(p.note, "Moved to Ysgol Bryn");
    EXPECT_EQ(p.starts_on, c.placement.starts_on);
    EXPECT_EQ(p.planned_leave_on, c.placement.planned_leave_on);
    EXPECT_TRUE(WaitingList(base).empty());
    EXPECT_EQ(CountPlaces(base, Iso("2026-03-02")).placed, 0);
  }

  // With no note, the note is kept.
  SpecialistProvision base = CwmBase(2);
  const int key = Wait(base, kCerys, "2025-05-01");
  base.Placement(key)->note = "Panel agreed";
  ASSERT_TRUE(Succeeded(EndPlacement(base, key, Iso("2025-06-01"), "   ")));
  EXPECT_EQ(base.Placement(key)->note, "Panel agreed");
}

TEST(SpecialistEndPlacement, RefusesAnEndBeforeItBeganAndASecondEnd) {
  struct Case {
    const char* why;
    SpecialistPlacement placement;
    const char* on;
    ErrorCode code;
    std::string message;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"placed, the day before the first day",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01"),
       "2025-08-31",
       ErrorCode::kInvalidArgument,
       "specialist_error_place_title",
       {{"ended_on", "specialist_error_end_order"}}},
      {"placed, on a day it was only waiting",
       Placement(1, kCerys, PlacementState::kPlaced, "2025-05-01", "2025-09-01"),
       "2025-06-01",
       ErrorCode::kInvalidArgument,
       "specialist_error_place_title",
       {{"ended_on", "specialist_error_end_order"}}},
      {"waiting, the day before the wait began",
       Placement(1, kCerys, PlacementState::kWaiting, "2025-05-01"),
       "2025-04-30",
       ErrorCode::kInvalidArgument,
       "specialist_error_place_title",
       {{"ended_on", "specialist_error_end_order"}}},
      {"already left",
       Placement(1, kCerys, PlacementState::kLeft, "2025-05-01", "2025-09-01", std::nullopt,
                 "2025-12-19"),
       "2026-01-12",
       ErrorCode::kConflict,
       "specialist_error_state",
       {}},
      {"already withdrawn",
       Placement(1, kCerys, PlacementState::kWithdrawn, "2025-05-01", std::nullopt, std::nullopt,
                 "2025-06-01"),
       "2025-07-01",
       ErrorCode::kConflict,
       "specialist_error_state",
       {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistProvision base = CwmBase(2);
    base.placements = {c.placement};
    base.next_key = 2;
    EXPECT_TRUE(Refused(EndPlacement(base, 1, Iso(c.on), "Note"), c.code, c.message, c.fields));
    const SpecialistPlacement& p = *base.Placement(1);
    EXPECT_EQ(p.state, c.placement.state);
    EXPECT_EQ(p.ended_on, c.placement.ended_on);
    EXPECT_EQ(p.note, "");
  }

  // Ending the same place twice through the operations: the first end stands.
  SpecialistProvision base = CwmBase(2);
  const int key = Wait(base, kCerys, "2025-05-01");
  ASSERT_TRUE(Succeeded(Place(base, key, Iso("2025-09-01"), std::nullopt)));
  ASSERT_TRUE(Succeeded(EndPlacement(base, key, Iso("2026-01-12"), "First")));
  EXPECT_TRUE(Refused(EndPlacement(base, key, Iso("2026-02-02"), "Second"), ErrorCode::kConflict,
                      "specialist_error_state"));
  EXPECT_EQ(base.Placement(key)->state, PlacementState::kLeft);
  EXPECT_EQ(base.Placement(key)->ended_on, std::optional<Date>(Iso("2026-01-12")));
  EXPECT_EQ(base.Placement(key)->note, "First");
  EXPECT_TRUE(Refused(EndPlacement(base, 99, Iso("2026-02-02"), ""), ErrorCode::kNotFound,
                      "specialist_error_placement_not_found"));
}

// ---------------------------------------------------------------------------------------------
// Specialist equipment

SpecialistEquipment Hoist() {
  SpecialistEquipment e;
  e.local_authority = kBlaenauGwent;
  e.description = "Ceiling hoist";
  e.owner = EquipmentOwner::kLocalAuthority;
  e.learner = kCerys;
  e.cost_pounds = 4500;
  e.bought_on = Iso("2025-10-06");
  return e;
}

const Date kToday = Iso("2026-03-02");

TEST(SpecialistEquipmentCheck, AcceptsEquipmentAtTheEdgesOfEachLimit) {
  struct Case {
    const char* why;
    std::function<void(SpecialistEquipment&)> change;
  };
  const std::vector<Case> cases = {
      {"as it is", [](SpecialistEquipment&) {}},
      {"a description of 200 Welsh letters",
       [](SpecialistEquipment& e) { e.description = Repeat("ŵ", 200); }},
      {"free", [](SpecialistEquipment& e) { e.cost_pounds = 0; }},
      {"£100,000", [](SpecialistEquipment& e) { e.cost_pounds = 100'000; }},
      {"bought today", [](SpecialistEquipment& e) { e.bought_on = kToday; }},
      {"the school's, at the school",
       [](SpecialistEquipment& e) {
         e.owner = EquipmentOwner::kSchool;
         e.setting = kYsgolCwm;
       }},
      {"the LA's, at no school and for no learner",
       [](SpecialistEquipment& e) { e.learner.reset(); }},
      {"returned the day it was bought",
       [](SpecialistEquipment& e) { e.returned_on = e.bought_on; }},
      {"a note of 500 letters", [](SpecialistEquipment& e) { e.note = Repeat("ŷ", 500); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistEquipment e = Hoist();
    c.change(e);
    EXPECT_TRUE(Succeeded(CheckEquipment(e, kToday)));
  }
}

TEST(SpecialistEquipmentCheck, RefusesEachFieldInError) {
  struct Case {
    const char* why;
    std::function<void(SpecialistEquipment&)> change;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"no description",
       [](SpecialistEquipment& e) { e.description = ""; },
       {{"description", "equipment_error_description"}}},
      {"a description of spaces",
       [](SpecialistEquipment& e) { e.description = "  "; },
       {{"description", "equipment_error_description"}}},
      {"a description of 201 letters",
       [](SpecialistEquipment& e) { e.description = Repeat("ŵ", 201); },
       {{"description", "equipment_error_description_long"}}},
      {"a negative cost",
       [](SpecialistEquipment& e) { e.cost_pounds = -1; },
       {{"cost", "equipment_error_cost"}}},
      {"over £100,000",
       [](SpecialistEquipment& e) { e.cost_pounds = 100'001; },
       {{"cost", "equipment_error_cost"}}},
      {"bought tomorrow",
       [](SpecialistEquipment& e) { e.bought_on = Iso("2026-03-03"); },
       {{"bought_on", "equipment_error_future"}}},
      {"the school's, at no school",
       [](SpecialistEquipment& e) { e.owner = EquipmentOwner::kSchool; },
       {{"setting", "equipment_error_school"}}},
      {"returned the day before it was bought",
       [](SpecialistEquipment& e) { e.returned_on = Iso("2025-10-05"); },
       {{"returned_on", "equipment_error_returned_order"}}},
      {"a note of 501 letters",
       [](SpecialistEquipment& e) { e.note = Repeat("ŷ", 501); },
       {{"note", "equipment_error_note_long"}}},
      {"everything at once",
       [](SpecialistEquipment& e) {
         e.description = "";
         e.cost_pounds = -5;
         e.bought_on = Iso("2027-01-01");
         e.owner = EquipmentOwner::kSchool;
         e.returned_on = Iso("2026-12-31");
         e.note = Repeat("a", 501);
       },
       {{"description", "equipment_error_description"},
        {"cost", "equipment_error_cost"},
        {"bought_on", "equipment_error_future"},
        {"setting", "equipment_error_school"},
        {"returned_on", "equipment_error_returned_order"},
        {"note", "equipment_error_note_long"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    SpecialistEquipment e = Hoist();
    c.change(e);
    EXPECT_TRUE(Refused(CheckEquipment(e, kToday), ErrorCode::kInvalidArgument,
                        "equipment_error_title", c.fields));
  }
}

// ---------------------------------------------------------------------------------------------
// The ALNCo's co-ordination on a school's provision map

AlnCoordination CwmCoordination() {
  AlnCoordination c;
  c.alnco_name = "Mrs Gwenllïan Prŷs";
  c.hours_per_week_tenths = 75;
  c.qualification = AlncoQualification::kStudying;
  c.training = "ELSA training for two teaching assistants; Talk Boost";
  c.governor_name = "Mr Dafydd Ŵyn";
  return c;
}

TEST(ProvisionCoordination, CheckCoordinationAcceptsTheEdgesOfEachLimit) {
  struct Case {
    const char* why;
    std::function<void(AlnCoordination&)> change;
  };
  const std::vector<Case> cases = {
      {"as it is", [](AlnCoordination&) {}},
      {"nothing given", [](AlnCoordination& c) { c = AlnCoordination{}; }},
      {"names of 200 Welsh letters",
       [](AlnCoordination& c) {
         c.alnco_name = Repeat("ŵ", 200);
         c.governor_name = Repeat("ŷ", 200);
       }},
      {"no time set aside", [](AlnCoordination& c) { c.hours_per_week_tenths = 0; }},
      {"50 hours a week", [](AlnCoordination& c) { c.hours_per_week_tenths = 500; }},
      {"training of 2000 letters",
       [](AlnCoordination& c) { c.training = Repeat("â", static_cast<int>(kMaxProvisionText)); }},
      {"qualified", [](AlnCoordination& c) { c.qualification = AlncoQualification::kQualified; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    AlnCoordination coordination = CwmCoordination();
    c.change(coordination);
    EXPECT_TRUE(Succeeded(CheckCoordination(coordination)));
  }
}

TEST(ProvisionCoordination, CheckCoordinationRefusesEachFieldInError) {
  struct Case {
    const char* why;
    std::function<void(AlnCoordination&)> change;
    Fields fields;
  };
  const std::vector<Case> cases = {
      {"an ALNCo's name of 201 letters",
       [](AlnCoordination& c) { c.alnco_name = Repeat("ŵ", 201); },
       {{"alnco_name", "provision_error_name_long"}}},
      {"a governor's name of 201 letters",
       [](AlnCoordination& c) { c.governor_name = Repeat("ŷ", 201); },
       {{"governor_name", "provision_error_name_long"}}},
      {"negative hours",
       [](AlnCoordination& c) { c.hours_per_week_tenths = -1; },
       {{"alnco_hours", "provision_error_alnco_hours"}}},
      {"50.1 hours a week",
       [](AlnCoordination& c) { c.hours_per_week_tenths = 501; },
       {{"alnco_hours", "provision_error_alnco_hours"}}},
      {"training of 2001 letters",
       [](AlnCoordination& c) {
         c.training = Repeat("â", static_cast<int>(kMaxProvisionText) + 1);
       },
       {{"training", "provision_error_impact_long"}}},
      {"everything at once",
       [](AlnCoordination& c) {
         c.alnco_name = Repeat("a", 201);
         c.governor_name = Repeat("b", 201);
         c.hours_per_week_tenths = 1000;
         c.training = Repeat("c", 2001);
       },
       {{"alnco_name", "provision_error_name_long"},
        {"governor_name", "provision_error_name_long"},
        {"alnco_hours", "provision_error_alnco_hours"},
        {"training", "provision_error_impact_long"}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    AlnCoordination coordination = CwmCoordination();
    c.change(coordination);
    EXPECT_TRUE(Refused(CheckCoordination(coordination), ErrorCode::kInvalidArgument,
                        "provision_error_coordination_title", c.fields));
  }
}

TEST(ProvisionCoordination, RollingOverCarriesTheCoordinationWithTheYearsTrainingCleared) {
  ProvisionMap previous;
  previous.id = ProvisionMapId{7};
  previous.local_authority = kBlaenauGwent;
  previous.setting = kYsgolCwm;
  previous.academic_year = 2025;
  Provision reading;
  reading.key = 1;
  reading.name = "Reading catch-up";
  reading.level = ProvisionLevel::kTargeted;
  reading.learners = {{kCerys, Iso("2025-09-08"), std::nullopt, "RA 6y 2m", ""}};
  previous.provisions = {reading};
  previous.next_key = 2;
  previous.coordination = CwmCoordination();

  auto next = ReviewAndRollOver(previous, {Iso("2026-07-15"), UserId{31}, "Keep reading"},
                                std::set<LearnerId>{kCerys});
  ASSERT_TRUE(Succeeded(next));
  EXPECT_EQ(next->academic_year, 2026);
  EXPECT_EQ(next->coordination.alnco_name, "Mrs Gwenllïan Prŷs");
  EXPECT_EQ(next->coordination.hours_per_week_tenths, 75);
  EXPECT_EQ(next->coordination.qualification, AlncoQualification::kStudying);
  EXPECT_EQ(next->coordination.governor_name, "Mr Dafydd Ŵyn");
  EXPECT_EQ(next->coordination.training, "");

  // The reviewed year keeps its record of the training.
  EXPECT_EQ(previous.coordination.training,
            "ELSA training for two teaching assistants; Talk Boost");
  EXPECT_EQ(previous.coordination.alnco_name, "Mrs Gwenllïan Prŷs");

  // A map with no co-ordination recorded rolls over to one with none.
  ProvisionMap bare;
  bare.id = ProvisionMapId{8};
  bare.local_authority = kBlaenauGwent;
  bare.setting = kYsgolCwm;
  bare.academic_year = 2025;
  auto bare_next = ReviewAndRollOver(bare, {Iso("2026-07-15"), UserId{31}, "Nothing"}, {});
  ASSERT_TRUE(Succeeded(bare_next));
  EXPECT_EQ(bare_next->coordination.alnco_name, "");
  EXPECT_EQ(bare_next->coordination.hours_per_week_tenths, 0);
  EXPECT_EQ(bare_next->coordination.qualification, AlncoQualification::kNone);
  EXPECT_EQ(bare_next->coordination.governor_name, "");
}

}  // namespace
}  // namespace cynnal::domain
