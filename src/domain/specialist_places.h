#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/aln_determination.h"
#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"

namespace cynnal::domain {

// Specialist places an LA commissions (issue 7; Code 12.43-12.44 counts a special school or LSC
// place among the reasons an LA maintains a plan): resource bases and learning support centres
// attached to mainstream schools, special schools and the pupil referral unit, with their
// capacity, who is placed, who is waiting and who is planned to leave; and specialist equipment.

// Catalogue ids "specialist_kind_<code>".
enum class SpecialistKind { kResourceBase, kLearningSupportCentre, kSpecialSchool, kPru };
std::string_view Code(SpecialistKind kind);
std::optional<SpecialistKind> SpecialistKindFromCode(std::string_view code);
const std::vector<SpecialistKind>& AllSpecialistKinds();

// Catalogue ids "placement_state_<code>".
enum class PlacementState { kWaiting, kPlaced, kLeft, kWithdrawn };
std::string_view Code(PlacementState state);
std::optional<PlacementState> PlacementStateFromCode(std::string_view code);

// One learner's place, or wait for one, at a specialist provision.
struct SpecialistPlacement {
  int key = 0;  // unique within the provision and never reused; 0 until added
  LearnerId learner;
  PlacementState state = PlacementState::kWaiting;
  Date waiting_since;                       // when the place was asked for (a panel's decision)
  std::optional<PanelReferralId> referral;  // the panel referral that agreed it, if any
  std::optional<Date> starts_on;            // placed: the first day
  std::optional<Date> planned_leave_on;     // placed: when they are expected to leave
  std::optional<Date> ended_on;             // left or withdrawn
  std::string note;

  // Holds a place on `on`: placed (or since left), started by then and not yet ended.
  bool HoldsPlaceOn(Date on) const;
};

// A resource base, LSC, special school or PRU with its commissioned places.
struct SpecialistProvision {
  SpecialistProvisionId id;
  LocalAuthorityId local_authority;
  SettingId setting;  // the school it is part of, or the special school or PRU itself
  SpecialistKind kind = SpecialistKind::kResourceBase;
  std::string name;
  std::optional<AreaOfNeed> area;
  int min_age = 3;
  int max_age = 11;
  int capacity = 0;                             // commissioned places
  std::vector<SpecialistPlacement> placements;  // in the order added
  int next_key = 1;
  int version = 0;

  const SpecialistPlacement* Placement(int key) const;
  SpecialistPlacement* Placement(int key);
};

// Checks a provision as typed: "name" required (at most 200 characters), "capacity" 0 to 500,
// ages 2 to 25 with "max_age" not below "min_age". Message "specialist_error_title".
Result<void> CheckSpecialistProvision(const SpecialistProvision& provision);

// How a provision stands on a day.
struct PlaceCounts {
  int capacity = 0;
  int placed = 0;   // holding a place on the day
  int waiting = 0;  // waiting for a place
  int leaving = 0;  // placed, planned to leave by the end of the school year
  int Free() const { return capacity > placed ? capacity - placed : 0; }
  bool AtCapacity() const { return placed >= capacity; }
};
// Counts on `on`; "leaving" counts planned leave dates from `on` to 31 August of its school year.
PlaceCounts CountPlaces(const SpecialistProvision& provision, Date on);

// The waiting list: waiting placements, longest wait first (then by key).
std::vector<SpecialistPlacement> WaitingList(const SpecialistProvision& provision);

// Adds a learner to the waiting list (kConflict "specialist_error_already" when the learner is
// already waiting or placed there). Returns the placement's key.
Result<int> AddToWaitingList(SpecialistProvision& provision, LearnerId learner, Date since,
                             std::optional<PanelReferralId> referral, const std::string& note);

// Gives a waiting learner a place from `starts_on` (not before they were added), planned to leave
// on `planned_leave_on` if given (after the start). Refused with kConflict "specialist_error_full"
// when every place is held on `starts_on`, or on a later day when another learner's place begins
// (the learner stays on the waiting list), or
// "specialist_error_state" when the placement is not waiting. Fields "starts_on",
// "planned_leave_on".
Result<void> Place(SpecialistProvision& provision, int key, Date starts_on,
                   std::optional<Date> planned_leave_on);

// Ends a place (left) or a wait (withdrawn) on `on`, not before it began; kConflict
// "specialist_error_state" when already ended. Field "ended_on".
Result<void> EndPlacement(SpecialistProvision& provision, int key, Date on,
                          const std::string& note);

// ---------------------------------------------------------------------------------------------
// Specialist equipment (Code 12.43: individual equipment is a reason for an LA to maintain a
// plan): who owns it, what it cost and the learner it was bought for.

enum class EquipmentOwner { kSchool, kLocalAuthority };  // catalogue ids "owner_<code>"
std::string_view Code(EquipmentOwner owner);
std::optional<EquipmentOwner> EquipmentOwnerFromCode(std::string_view code);

struct SpecialistEquipment {
  EquipmentId id;
  LocalAuthorityId local_authority;
  std::string description;
  EquipmentOwner owner = EquipmentOwner::kLocalAuthority;
  std::optional<SettingId> setting;  // where it is (and the owner, for a school's)
  std::optional<LearnerId> learner;  // who it was bought for
  int cost_pounds = 0;
  Date bought_on;
  std::optional<Date> returned_on;  // back with its owner, no longer in use
  std::string note;
  int version = 0;
};

// Checks equipment as typed: "description" required (at most 200 characters), "cost" 0 to
// £100,000, "bought_on" not in the future, a school's equipment names its "setting", "returned_on"
// not before "bought_on". Message "equipment_error_title".
Result<void> CheckEquipment(const SpecialistEquipment& equipment, Date today);

}  // namespace cynnal::domain
