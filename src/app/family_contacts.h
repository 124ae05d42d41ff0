#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/forms.h"
#include "app/provision.h"
#include "app/services.h"
#include "domain/family_contact.h"

namespace cynnal::app {

// Family liaison contacts (domain/family_contact.h; who may do what:
// domain::MayAccessFamilyContacts). Viewing a learner's contacts is audited as "view", changes
// as "create" or "update".

// One contact as pages show it.
struct ContactLine {
  domain::FamilyContact contact;
  std::string learner_name;
  std::string with;          // the family member's name, or the name typed
  std::string relationship;  // the family member's relationship code ("" for someone else)
  std::string recorded_by;   // the user's name
  std::string setting_name;  // the school that held it; empty when the LA did
  domain::FollowUpState follow_up = domain::FollowUpState::kNone;
  bool may_remove = false;
  bool may_follow_up = false;
};

// A linked parent or carer offered on the form.
struct FamilyOption {
  domain::FamilyMemberId id;
  std::string name;
  std::string relationship;                                            // a catalogue code
  domain::LetterLanguage language = domain::LetterLanguage::kEnglish;  // their chosen language
};

struct LearnerContactsView {
  domain::Learner learner;
  std::vector<ContactLine> lines;  // every contact, latest first
  std::vector<FamilyOption> family;
  bool may_record = false;
  int overdue = 0;  // follow-ups past their date
  domain::Date today;
};
Result<LearnerContactsView> ViewFamilyContacts(Services& services, const Actor& actor,
                                               domain::LearnerId learner);

// How many contacts a learner's record holds, for the learner's page (which records its own
// view): nullopt when the actor may not see them.
struct ContactCounts {
  int contacts = 0;
  std::optional<domain::Date> last;
  int overdue = 0;
};
std::optional<ContactCounts> CountFamilyContacts(Services& services, const Actor& actor,
                                                 domain::LearnerId learner);

// Records a contact ("on", "family_member" (an id, or "other" with "with_name"), "method",
// "purpose", "started_by", "language", "summary", "actions", "follow_up_by"). A school's staff
// record it for their school where the learner is registered; the LA's officers for the LA.
Result<domain::FamilyContactId> RecordFamilyContact(Services& services, const Actor& actor,
                                                    domain::LearnerId learner, const Form& form);

// One contact, for its page; audited as "view".
Result<ContactLine> ViewFamilyContact(Services& services, const Actor& actor,
                                      domain::FamilyContactId id);
// Records that the agreed follow-up was made ("followed_up_on", and "version" as shown).
Status RecordContactFollowUp(Services& services, const Actor& actor, domain::FamilyContactId id,
                             const Form& form);
// Removes a contact recorded in error ("version" as shown); the audit keeps who and when.
Status RemoveFamilyContact(Services& services, const Actor& actor, domain::FamilyContactId id,
                           const Form& form);

// A school's family liaison for one school year: whoever may see the school's provision with
// names (domain::ProvisionAction::kView); governors never.
struct SchoolLiaisonView {
  domain::Setting setting;
  int academic_year = 0;
  domain::LiaisonSummary summary;  // contacts the school held that year
  std::vector<ContactLine> lines;  // those contacts about learners the actor sees, latest first
  std::vector<ContactLine> follow_ups;     // due or overdue now, earliest date first
  std::vector<RegisterRow> not_contacted;  // on today's ALN register, no contact this year
  int register_total = 0;
  domain::Date today;
};
// `academic_year` 0: the current one.
Result<SchoolLiaisonView> ViewSchoolLiaison(Services& services, const Actor& actor,
                                            domain::SettingId setting, int academic_year);

}  // namespace cynnal::app
