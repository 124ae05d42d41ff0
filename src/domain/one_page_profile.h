#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/aln_case.h"
#include "domain/date.h"
#include "domain/idp.h"
#include "domain/ids.h"
#include "domain/result.h"
#include "domain/statutory_clock.h"

namespace cynnal::domain {

// The level of support a learner without an IDP receives (REFERENCE section 7; catalogue ids
// "support_level_<code>").
enum class SupportLevel { kUniversal, kTargeted };
std::string_view Code(SupportLevel level);
std::optional<SupportLevel> SupportLevelFromCode(std::string_view code);
const std::vector<SupportLevel>& AllSupportLevels();

// A One Page Profile for a learner with universal or targeted support and no IDP, reviewed at
// least every year (school ALN policy; the `opp-review` clock).
struct OnePageProfile {
  OnePageProfileId id;
  LocalAuthorityId local_authority;  // the learner's LA
  LearnerId learner;
  std::optional<SettingId> setting;  // the school that keeps it
  SupportLevel level = SupportLevel::kUniversal;
  ProfileContent content;
  Date written_on;
  std::vector<Date> reviewed_on;  // each review, oldest first
  bool closed = false;            // replaced by an IDP's profile, or no longer needed
  std::optional<ClockId> review_clock;
  UserId by;
  Timestamp at{};
  int version = 0;

  // The day the current review year began: the latest review, else the day it was written.
  Date ReviewYearStartsOn() const;
};

// Checks a profile as typed: each part at most kMaxPlanText characters and at least one written;
// written on a day not in the future. Fields "admired", "important", "support", "written_on".
Result<void> CheckProfile(const ProfileContent& content, Date written_on, Date today);

// Records a review on `on` (not before the last one, not in the future: field "reviewed_on"; the
// profile not closed; the parts checked as CheckProfile does).
Result<void> ReviewProfile(OnePageProfile& profile, const ProfileContent& content, Date on,
                           Date today);

}  // namespace cynnal::domain
