#include "domain/specialist_places.h"

#include <algorithm>
#include <map>

#include "domain/code_table.h"
#include "domain/school_calendar.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

using Fields = std::map<std::string, std::string>;

constexpr CodeTable<SpecialistKind, 4> kKinds = {{
    {SpecialistKind::kResourceBase, "resource_base"},
    {SpecialistKind::kLearningSupportCentre, "lsc"},
    {SpecialistKind::kSpecialSchool, "special_school"},
    {SpecialistKind::kPru, "pru"},
}};

constexpr CodeTable<PlacementState, 4> kStates = {{
    {PlacementState::kWaiting, "waiting"},
    {PlacementState::kPlaced, "placed"},
    {PlacementState::kLeft, "left"},
    {PlacementState::kWithdrawn, "withdrawn"},
}};

constexpr CodeTable<EquipmentOwner, 2> kOwners = {{
    {EquipmentOwner::kSchool, "school"},
    {EquipmentOwner::kLocalAuthority, "la"},
}};

}  // namespace

std::string_view Code(SpecialistKind kind) { return CodeIn(kKinds, kind); }
std::optional<SpecialistKind> SpecialistKindFromCode(std::string_view code) {
  return FromCodeIn(kKinds, code);
}
const std::vector<SpecialistKind>& AllSpecialistKinds() {
  static const auto all = AllIn(kKinds);
  return all;
}
std::string_view Code(PlacementState state) { return CodeIn(kStates, state); }
std::optional<PlacementState> PlacementStateFromCode(std::string_view code) {
  return FromCodeIn(kStates, code);
}
std::string_view Code(EquipmentOwner owner) { return CodeIn(kOwners, owner); }
std::optional<EquipmentOwner> EquipmentOwnerFromCode(std::string_view code) {
  return FromCodeIn(kOwners, code);
}

bool SpecialistPlacement::HoldsPlaceOn(Date on) const {
  // A learner who has left held the place until the day they left.
  return (state == PlacementState::kPlaced || state == PlacementState::kLeft) && starts_on &&
         *starts_on <= on && (!ended_on || *ended_on > on);
}

const SpecialistPlacement* SpecialistProvision::Placement(int key) const {
  for (const auto& p : placements)
    if (p.key == key) return &p;
  return nullptr;
}

SpecialistPlacement* SpecialistProvision::Placement(int key) {
  for (auto& p : placements)
    if (p.key == key) return &p;
  return nullptr;
}

Result<void> CheckSpecialistProvision(const SpecialistProvision& provision) {
  Fields fields;
  const std::string name = Trim(provision.name);
  if (name.empty())
    fields.emplace("name", "specialist_error_name");
  else if (CharacterCount(name) > 200)
    fields.emplace("name", "specialist_error_name_long");
  if (provision.capacity < 0 || provision.capacity > 500)
    fields.emplace("capacity", "specialist_error_capacity");
  if (provision.min_age < 2 || provision.min_age > 25)
    fields.emplace("min_age", "specialist_error_age");
  if (provision.max_age < 2 || provision.max_age > 25)
    fields.emplace("max_age", "specialist_error_age");
  else if (provision.max_age < provision.min_age)
    fields.emplace("max_age", "specialist_error_ages_order");
  if (!fields.empty()) return Invalid("specialist_error_title", std::move(fields));
  return {};
}

PlaceCounts CountPlaces(const SpecialistProvision& provision, Date on) {
  PlaceCounts counts;
  counts.capacity = provision.capacity;
  const Date year_end = AcademicYearEnd(AcademicYearOf(on));
  for (const auto& p : provision.placements) {
    if (p.state == PlacementState::kWaiting) ++counts.waiting;
    if (!p.HoldsPlaceOn(on)) continue;
    ++counts.placed;
    if (p.planned_leave_on && *p.planned_leave_on >= on && *p.planned_leave_on <= year_end)
      ++counts.leaving;
  }
  return counts;
}

std::vector<SpecialistPlacement> WaitingList(const SpecialistProvision& provision) {
  std::vector<SpecialistPlacement> out;
  for (const auto& p : provision.placements)
    if (p.state == PlacementState::kWaiting) out.push_back(p);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.waiting_since < b.waiting_since; });
  return out;
}

Result<int> AddToWaitingList(SpecialistProvision& provision, LearnerId learner, Date since,
                             std::optional<PanelReferralId> referral, const std::string& note) {
  for (const auto& p : provision.placements)
    if (p.learner == learner &&
        (p.state == PlacementState::kWaiting || p.state == PlacementState::kPlaced))
      return Fail(Error::Conflict("specialist_error_already"));
  if (CharacterCount(note) > 500)
    return Invalid("specialist_error_title", {{"note", "specialist_error_note_long"}});
  SpecialistPlacement p;
  p.key = provision.next_key++;
  p.learner = learner;
  p.waiting_since = since;
  p.referral = referral;
  p.note = Trim(note);
  provision.placements.push_back(std::move(p));
  return provision.placements.back().key;
}

Result<void> Place(SpecialistProvision& provision, int key, Date starts_on,
                   std::optional<Date> planned_leave_on) {
  SpecialistPlacement* p = provision.Placement(key);
  if (!p) return Fail(Error::NotFound("specialist_error_placement_not_found"));
  if (p->state != PlacementState::kWaiting) return Fail(Error::Conflict("specialist_error_state"));
  Fields fields;
  if (starts_on < p->waiting_since) fields.emplace("starts_on", "specialist_error_before_wait");
  if (planned_leave_on && *planned_leave_on <= starts_on)
    fields.emplace("planned_leave_on", "specialist_error_leave_order");
  if (!fields.empty()) return Invalid("specialist_error_place_title", std::move(fields));
  // Full on the start date, or on any later day another learner's place begins.
  std::vector<Date> days{starts_on};
  for (const auto& other : provision.placements)
    if (other.state == PlacementState::kPlaced && other.starts_on && *other.starts_on > starts_on)
      days.push_back(*other.starts_on);
  for (Date day : days)
    if (CountPlaces(provision, day).AtCapacity())
      return Fail(Error::Conflict("specialist_error_full"));
  p->state = PlacementState::kPlaced;
  p->starts_on = starts_on;
  p->planned_leave_on = planned_leave_on;
  return {};
}

Result<void> EndPlacement(SpecialistProvision& provision, int key, Date on,
                          const std::string& note) {
  SpecialistPlacement* p = provision.Placement(key);
  if (!p) return Fail(Error::NotFound("specialist_error_placement_not_found"));
  if (p->state != PlacementState::kWaiting && p->state != PlacementState::kPlaced)
    return Fail(Error::Conflict("specialist_error_state"));
  const Date began = p->state == PlacementState::kPlaced ? *p->starts_on : p->waiting_since;
  if (on < began)
    return Invalid("specialist_error_place_title", {{"ended_on", "specialist_error_end_order"}});
  if (CharacterCount(note) > 500)
    return Invalid("specialist_error_place_title", {{"note", "specialist_error_note_long"}});
  p->state =
      p->state == PlacementState::kPlaced ? PlacementState::kLeft : PlacementState::kWithdrawn;
  p->ended_on = on;
  if (!Trim(note).empty()) p->note = Trim(note);
  return {};
}

Result<void> CheckEquipment(const SpecialistEquipment& equipment, Date today) {
  Fields fields;
  const std::string description = Trim(equipment.description);
  if (description.empty())
    fields.emplace("description", "equipment_error_description");
  else if (CharacterCount(description) > 200)
    fields.emplace("description", "equipment_error_description_long");
  if (equipment.cost_pounds < 0 || equipment.cost_pounds > 100'000)
    fields.emplace("cost", "equipment_error_cost");
  if (equipment.bought_on > today) fields.emplace("bought_on", "equipment_error_future");
  if (equipment.owner == EquipmentOwner::kSchool && !equipment.setting)
    fields.emplace("setting", "equipment_error_school");
  if (equipment.returned_on && *equipment.returned_on < equipment.bought_on)
    fields.emplace("returned_on", "equipment_error_returned_order");
  if (CharacterCount(equipment.note) > 500) fields.emplace("note", "equipment_error_note_long");
  if (!fields.empty()) return Invalid("equipment_error_title", std::move(fields));
  return {};
}

}  // namespace cynnal::domain
