#pragma once

#include <string>
#include <vector>

#include "app/ports/secrets.h"
#include "app/ports/unit_of_work.h"
#include "domain/date.h"
#include "domain/result.h"
#include "domain/user.h"

namespace cynnal::app {

// A sign-in of the demo data set, as listed for a newcomer (README, `cynnal demo`).
struct DemoAccount {
  std::string username;
  domain::Role role;
  std::string password;
  std::string description_en;  // who the account is and what it sees, in English
};

// The demo sign-ins: one per role in the main demo LA (Cynnal Vale Council), plus
// "other.la.officer" in the neighbouring LA. All use the password "cynnal-demo". The list lives
// for the whole program.
const std::vector<DemoAccount>& DemoAccounts();

// How many records SeedDemoData stored, across both demo LAs.
struct DemoSummary {
  int settings = 0;
  int learners = 0;
  int family_members = 0;
  int users = 0;
};

// Creates the entirely fictional demo data set through the ports, in one write unit of work that
// is committed whole or not at all: two LAs (LA numbers 680 and 661 with invented names), a health
// board, 13 settings, about 300 learners with their families, and a user for each DemoAccount
// (passwords hashed with `hasher`). kConflict ("demo_error_not_empty") if the store already holds
// any learner, or an LA with one of the demo LA numbers; kUnavailable if the store is; otherwise
// any error a repository returns. The same `seed` and `today` give the same data. `today` is the
// date in Wales: dates of birth, year groups and registrations are relative to it.
domain::Result<DemoSummary> SeedDemoData(Store& store, const PasswordHasher& hasher,
                                         domain::Date today, unsigned seed = 2026);

}  // namespace cynnal::app
