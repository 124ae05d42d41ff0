#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/services.h"
#include "domain/organisation.h"

namespace cynnal::app {

// The settings the actor may see, ordered by name; kForbidden for roles that see none.
Result<std::vector<domain::Setting>> ListSettings(Services& services, const Actor& actor);

struct SettingView {
  domain::Setting setting;
  domain::LocalAuthority local_authority;
  std::map<int, int> learners_by_year_group;  // registered today
  int learners_total = 0;
  domain::Date today;
};

// One setting with its counts of learners by year group (no names: governors see this page).
Result<SettingView> ViewSetting(Services& services, const Actor& actor, domain::SettingId id);

// What the home page shows for a role: counts only.
struct HomeSummary {
  int learners_visible = 0;  // learners the actor may see (0 for governors)
  int settings_visible = 0;
};
Result<HomeSummary> Summarise(Services& services, const Actor& actor);

// The users of the administrator's LA.
Result<std::vector<domain::User>> ListUsers(Services& services, const Actor& actor);

struct AuditSearch {
  std::string learner;   // learner id or UPN
  std::string username;  // exact
  int page = 1;
};
struct AuditResults {
  std::vector<domain::AuditEvent> items;
  int total = 0;
  int page = 1;
  int page_count = 1;
};
// Audit rows of the administrator's LA, newest first, by learner and/or user.
Result<AuditResults> SearchAudit(Services& services, const Actor& actor, const AuditSearch& search);

}  // namespace cynnal::app
