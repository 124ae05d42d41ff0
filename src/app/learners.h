#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/services.h"
#include "domain/family.h"
#include "domain/learner.h"

namespace cynnal::app {

struct LearnerListRequest {
  std::string text;
  std::string setting;     // setting id as text, or empty for all
  std::string year_group;  // year group number as text, or empty for all
  int page = 1;            // from 1
  int page_size = 25;
};

struct LearnerList {
  std::vector<domain::Learner> items;
  int total = 0;
  int page = 1;
  int page_count = 1;
  domain::Date today;
  std::map<domain::SettingId, domain::Setting> settings;  // for names in the table and filter
};

// The learners the actor may see, filtered and paged. kForbidden for roles that never see names
// (governors). Audited as a "view" row for each learner shown, naming the search.
Result<LearnerList> ListLearners(Services& services, const Actor& actor,
                                 const LearnerListRequest& request);

// A learner with what the record page shows beside it.
struct LearnerRecord {
  domain::Learner learner;
  domain::Date today;
  std::map<domain::SettingId, domain::Setting> settings;
  std::map<domain::FamilyMemberId, domain::FamilyMember> family;
  std::map<domain::LocalAuthorityId, domain::LocalAuthority> local_authorities;
  std::vector<domain::HealthBoard> referrals;
  bool may_update = false;
};

// One learner's record; kNotFound if there is no such learner, kForbidden if the actor may not
// see it. Audited as "view".
Result<LearnerRecord> ViewLearner(Services& services, const Actor& actor, domain::LearnerId id);

// The first registration of a new learner, as typed into the form.
struct RegistrationInput {
  std::string setting;  // setting id as text
  std::string start_day, start_month, start_year;
  std::string end_day, end_month, end_year;  // all empty for an open registration
};

// Checks a new learner without saving anything: the learner as it would be stored, or every
// field error at once (learner fields and registration fields together).
Result<domain::Learner> CheckNewLearner(Services& services, const Actor& actor,
                                        const domain::LearnerInput& input,
                                        const RegistrationInput& registration);
// Checks and stores a new learner with its first registration; audited as "create".
Result<domain::LearnerId> CreateLearner(Services& services, const Actor& actor,
                                        const domain::LearnerInput& input,
                                        const RegistrationInput& registration);
// Changes a learner's own details. `version` is the one the editor started from: kConflict if
// someone else saved since. Audited as "update" with the names of the changed fields.
Status UpdateLearner(Services& services, const Actor& actor, domain::LearnerId id, int version,
                     const domain::LearnerInput& input);
// Adds a registration (setting and dates); audited as "update".
Status AddRegistration(Services& services, const Actor& actor, domain::LearnerId id,
                       const RegistrationInput& input);
// Sets the end date of the learner's registration number `index` (from 0, in the order the
// record lists them): the learner has left that setting. The end may not be before the start.
// Audited as "update".
Status EndRegistration(Services& services, const Actor& actor, domain::LearnerId id, int index,
                       const std::string& day, const std::string& month, const std::string& year);
// Adds a parent or carer and links them to the learner; audited as "update".
Status AddFamilyMember(Services& services, const Actor& actor, domain::LearnerId id,
                       const domain::FamilyMemberInput& input);

// Ok if the learner exists and the actor may do `action` to it; kNotFound or kForbidden otherwise.
// Lets a handler refuse before it looks at what was sent.
Status CheckLearnerAccess(Services& services, const Actor& actor, domain::LearnerId id,
                          domain::LearnerAction action);

// The form values for editing a learner, from the stored learner.
domain::LearnerInput InputFrom(const domain::Learner& learner);

}  // namespace cynnal::app
