#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/organisation.h"

namespace cynnal::domain {

// The body with the duty to decide whether a learner has ALN (REFERENCE section 2).
enum class DecidingBody { kSchool, kFei, kLocalAuthority };
std::string_view Code(DecidingBody body);  // "school", "fei", "la"
std::optional<DecidingBody> DecidingBodyFromCode(std::string_view code);

// Why that body decides. Each is shown to users (catalogue ids "responsibility_<code>").
enum class ResponsibilityReason {
  kMaintainedSchool,             // the default: the maintained school the learner attends
  kFeiStudent,                   // an FEI decides for its students
  kLookedAfter,                  // the LA that looks after the child
  kDuallyRegistered,             // registered at two or more schools
  kUnderSchoolAgeNotMaintained,  // under compulsory school age, not at a maintained school
  kHomeEducated,                 // electively home educated
  kOtherThanAtSchool,            // educated other than at school (no school, or a PRU)
  kNonMaintainedSchool,          // at an independent or non-maintained school
  kReferredBySchool,             // the school referred the case (Code 12.39)
  kTakenOnByLa,                  // a direct approach the LA chose to decide itself
  kSentBackToSchool,             // a direct approach the LA sent back to the school
  kReconsideration,              // the LA reconsiders the school's decision (Act s.27)
};
std::string_view Code(ResponsibilityReason reason);
std::optional<ResponsibilityReason> ResponsibilityReasonFromCode(std::string_view code);

// Who decides, for which LA or setting, and why.
struct Responsibility {
  DecidingBody body = DecidingBody::kSchool;
  LocalAuthorityId local_authority;  // the LA: the deciding LA, or the school's maintaining LA
  // The school or FEI that decides; when the LA decides after a referral or a request to
  // reconsider, the school the case came from. Not set when the LA decides by circumstance.
  std::optional<SettingId> setting;
  ResponsibilityReason reason = ResponsibilityReason::kMaintainedSchool;
};

// REFERENCE section 2: who decides for `learner` on `on`, from their circumstances that day.
// `settings` are the learner's settings (any order; those without an active registration on `on`
// are ignored). In order: a looked-after child -> the LA that looks after them; electively home
// educated -> the LA; dually registered -> the LA; registered at an FEI -> the FEI; at a maintained
// school other than a PRU -> that school; at a PRU -> the LA (educated other than at school); at
// an independent or non-maintained setting -> the LA (under compulsory school age: not at a
// maintained school); at no setting -> the LA. Detention is not recorded in Cynnal.
Responsibility WhoDecides(const Learner& learner, const std::vector<Setting>& settings, Date on);

// The grounds on which a school may refer a case to the LA (Code 12.39): the learner has ALN
// (a) that may call for ALP it would not be reasonable for the school to secure; (b) the extent or
// nature of which it cannot adequately determine; (c) for which it cannot adequately determine the
// ALP.
enum class ReferralGround { kA, kB, kC };
std::string_view Code(ReferralGround ground);  // "a", "b", "c"
std::optional<ReferralGround> ReferralGroundFromCode(std::string_view code);
const std::vector<ReferralGround>& AllReferralGrounds();

// A learner is a young person once past compulsory school age (REFERENCE section 9), and then
// decides for themselves: consents, receives notices.
bool IsYoungPerson(const Learner& learner, Date on);

}  // namespace cynnal::domain
