#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"
#include "domain/upn.h"

namespace cynnal::domain {

enum class LetterLanguage { kEnglish, kWelsh };
std::string_view Code(LetterLanguage language);  // "en" or "cy"
std::optional<LetterLanguage> LetterLanguageFromCode(std::string_view code);

// A learner's registration at a setting, from `start` to `end` inclusive (open if no end).
struct Registration {
  SettingId setting;
  Date start;
  std::optional<Date> end;

  bool ActiveOn(Date date) const;
  // True once the registration has ended: it has an end date before `date`.
  bool EndedBefore(Date date) const { return end && *end < date; }
};

// A parent or carer linked to a learner, and whether they hold parental responsibility.
struct FamilyLink {
  FamilyMemberId member;
  std::string relationship;  // "mother", "father", "carer", ... (a catalogue code)
  bool parental_responsibility = true;
};

// A child or young person known to the LA.
struct Learner {
  LearnerId id;
  LocalAuthorityId local_authority;
  std::string legal_first_name;
  std::string legal_last_name;
  std::string preferred_name;  // empty when the learner uses their legal first name
  Date date_of_birth;
  Upn upn = *Upn::Parse("B801200005001");
  std::string home_language;  // "English", "Cymraeg", "Polski", ... as the family says it
  LetterLanguage letter_language = LetterLanguage::kEnglish;
  bool welsh_medium = false;
  bool looked_after = false;
  std::optional<LocalAuthorityId> looked_after_by;
  bool electively_home_educated = false;
  std::vector<Registration> registrations;
  std::vector<FamilyLink> family;
  std::vector<HealthBoardId> health_board_referrals;
  // Incremented on every update; an update naming an older version is a conflict.
  int version = 0;

  // "Preferred Last" when a preferred name is set, else "First Last".
  std::string DisplayName() const;
  // Registrations active on `date`.
  std::vector<Registration> RegistrationsOn(Date date) const;
  // Dual registration: two or more registrations at different settings overlap on `date`.
  bool DuallyRegisteredOn(Date date) const;
};

// Year groups as used in Welsh schools, numbered from the cohort: -1 nursery, 0 reception,
// 1..13 Years 1 to 13. Values below -1 are "below nursery age", above 13 "beyond Year 13".
// REFERENCE section 9: the school year runs 1 September to 31 August, and children born between
// 1 September and 31 August form one cohort.
int YearGroupOn(Date date_of_birth, Date on);

// The first day of the school year (1 September) containing `date`.
Date SchoolYearStart(Date date);

// REFERENCE section 9: compulsory school age begins the term after the fifth birthday (the first
// of 1 September, 1 January or 1 April strictly after it) ...
Date CompulsorySchoolAgeStarts(Date date_of_birth);
// ... and ends on the last Friday of June of the school year in which the learner turns 16.
Date CompulsorySchoolAgeEnds(Date date_of_birth);
bool OfCompulsorySchoolAge(Date date_of_birth, Date on);

// What a person enters when adding or editing a learner, before it is checked.
struct LearnerInput {
  std::string legal_first_name;
  std::string legal_last_name;
  std::string preferred_name;
  std::string dob_day, dob_month, dob_year;
  std::string upn;
  std::string home_language;
  std::string letter_language;  // "en" or "cy"
  bool welsh_medium = false;
  bool looked_after = false;
  std::string looked_after_by;  // LA id as text, when looked after
  bool electively_home_educated = false;
};

// Checks the input and fills the learner's own fields (not registrations or family). Every
// problem is returned at once in `fields`, keyed by the form field name, as catalogue message
// ids. `today` is the date in Wales, for the "date of birth in the future" check.
Status ApplyLearnerInput(const LearnerInput& input, Date today, Learner& learner);

// Checks a new registration against the learner's existing ones: the end may not be before the
// start, and the learner may not have two registrations at the same setting that overlap.
Status CheckRegistration(const Learner& learner, const Registration& registration);

}  // namespace cynnal::domain
