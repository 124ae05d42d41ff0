#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/forms.h"
#include "app/services.h"
#include "domain/specialist_places.h"

namespace cynnal::app {

// Specialist places and equipment (domain::MayAccessSpecialist; changes audited as "update",
// lists naming learners as "view").

// One provision as the LA's list shows it.
struct SpecialistLine {
  domain::SpecialistProvision provision;
  std::string setting_name;
  domain::PlaceCounts counts;
};

struct SpecialistPlacesView {
  std::vector<SpecialistLine> lines;  // those the actor may see, by kind then name
  bool may_manage = false;
  domain::PlaceCounts total;
  domain::Date today;
};
Result<SpecialistPlacesView> ListSpecialistPlaces(Services& services, const Actor& actor);

struct SpecialistProvisionView {
  SpecialistLine line;
  std::vector<domain::SpecialistPlacement> placed;   // holding a place today, by start date
  std::vector<domain::SpecialistPlacement> waiting;  // longest wait first
  std::vector<domain::SpecialistPlacement> past;     // left or withdrawn, latest first
  // Names of the learners the actor may see; others are shown as "a learner".
  std::map<domain::LearnerId, std::string> names;
  bool may_manage = false;
  domain::Date today;
};
Result<SpecialistProvisionView> ViewSpecialistProvision(Services& services, const Actor& actor,
                                                        domain::SpecialistProvisionId id);

// Adds ("setting", "kind", "name", "area", "min_age", "max_age", "capacity") or, with `id`,
// changes a provision of the actor's LA.
Result<domain::SpecialistProvisionId> SaveSpecialistProvision(
    Services& services, const Actor& actor, std::optional<domain::SpecialistProvisionId> id,
    const Form& form);
// Puts a learner on the waiting list ("upn", "waiting_since", "note"). Returns the key.
Result<int> AddToSpecialistWaitingList(Services& services, const Actor& actor,
                                       domain::SpecialistProvisionId id, const Form& form);
// Gives a waiting learner the place ("starts_on", "planned_leave_on").
Status PlaceSpecialistLearner(Services& services, const Actor& actor,
                              domain::SpecialistProvisionId id, int key, const Form& form);
// Ends a place or a wait ("ended_on", "note").
Status EndSpecialistPlacement(Services& services, const Actor& actor,
                              domain::SpecialistProvisionId id, int key, const Form& form);

struct EquipmentLine {
  domain::SpecialistEquipment item;
  std::string setting_name;
  std::string learner_name;  // empty when none, or the actor may not see the learner
  bool may_manage = false;
};
struct EquipmentView {
  std::vector<EquipmentLine> lines;  // those the actor may see, latest bought first
  bool may_add = false;
  int total_cost_pounds = 0;
};
Result<EquipmentView> ListSpecialistEquipment(Services& services, const Actor& actor);
// Adds ("description", "owner", "setting", "upn" of the learner it was bought for, "cost",
// "bought_on", "returned_on", "note") or, with `id`, changes an item.
Result<domain::EquipmentId> SaveSpecialistEquipment(Services& services, const Actor& actor,
                                                    std::optional<domain::EquipmentId> id,
                                                    const Form& form);
Result<EquipmentLine> ViewSpecialistEquipment(Services& services, const Actor& actor,
                                              domain::EquipmentId id);

}  // namespace cynnal::app
