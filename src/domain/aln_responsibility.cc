#include "domain/aln_responsibility.h"

#include <algorithm>

#include "domain/code_table.h"

namespace cynnal::domain {
namespace {

constexpr CodeTable<DecidingBody, 3> kBodies = {{
    {DecidingBody::kSchool, "school"},
    {DecidingBody::kFei, "fei"},
    {DecidingBody::kLocalAuthority, "la"},
}};

constexpr CodeTable<ResponsibilityReason, 12> kReasons = {{
    {ResponsibilityReason::kMaintainedSchool, "maintained_school"},
    {ResponsibilityReason::kFeiStudent, "fei_student"},
    {ResponsibilityReason::kLookedAfter, "looked_after"},
    {ResponsibilityReason::kDuallyRegistered, "dually_registered"},
    {ResponsibilityReason::kUnderSchoolAgeNotMaintained, "under_school_age"},
    {ResponsibilityReason::kHomeEducated, "home_educated"},
    {ResponsibilityReason::kOtherThanAtSchool, "other_than_at_school"},
    {ResponsibilityReason::kNonMaintainedSchool, "non_maintained_school"},
    {ResponsibilityReason::kReferredBySchool, "referred_by_school"},
    {ResponsibilityReason::kTakenOnByLa, "taken_on_by_la"},
    {ResponsibilityReason::kSentBackToSchool, "sent_back_to_school"},
    {ResponsibilityReason::kReconsideration, "reconsideration"},
}};

constexpr CodeTable<ReferralGround, 3> kGrounds = {{
    {ReferralGround::kA, "a"},
    {ReferralGround::kB, "b"},
    {ReferralGround::kC, "c"},
}};

Responsibility ByLa(LocalAuthorityId la, ResponsibilityReason reason) {
  return {DecidingBody::kLocalAuthority, la, std::nullopt, reason};
}

}  // namespace

std::string_view Code(DecidingBody body) { return CodeIn(kBodies, body); }
std::optional<DecidingBody> DecidingBodyFromCode(std::string_view code) {
  return FromCodeIn(kBodies, code);
}
std::string_view Code(ResponsibilityReason reason) { return CodeIn(kReasons, reason); }
std::optional<ResponsibilityReason> ResponsibilityReasonFromCode(std::string_view code) {
  return FromCodeIn(kReasons, code);
}
std::string_view Code(ReferralGround ground) { return CodeIn(kGrounds, ground); }
std::optional<ReferralGround> ReferralGroundFromCode(std::string_view code) {
  return FromCodeIn(kGrounds, code);
}
const std::vector<ReferralGround>& AllReferralGrounds() {
  static const std::vector<ReferralGround> all = AllIn(kGrounds);
  return all;
}

bool IsYoungPerson(const Learner& learner, Date on) {
  return on > CompulsorySchoolAgeEnds(learner.date_of_birth);
}

Responsibility WhoDecides(const Learner& learner, const std::vector<Setting>& settings, Date on) {
  using R = ResponsibilityReason;
  const LocalAuthorityId home = learner.local_authority;
  // REFERENCE section 2: the LA that looks after the child decides (the IDP forms part of the
  // Personal Education Plan); a school must refer a looked-after child rather than decide.
  if (learner.looked_after) return ByLa(learner.looked_after_by.value_or(home), R::kLookedAfter);
  if (learner.electively_home_educated) return ByLa(home, R::kHomeEducated);
  // A school must refer a dually registered pupil to the LA.
  if (learner.DuallyRegisteredOn(on)) return ByLa(home, R::kDuallyRegistered);
  std::vector<const Setting*> current;
  for (const auto& registration : learner.RegistrationsOn(on)) {
    auto it = std::find_if(settings.begin(), settings.end(),
                           [&](const Setting& s) { return s.id == registration.setting; });
    if (it != settings.end()) current.push_back(&*it);
  }
  const bool under_age = on < CompulsorySchoolAgeStarts(learner.date_of_birth);
  if (current.empty())
    return ByLa(home, under_age ? R::kUnderSchoolAgeNotMaintained : R::kOtherThanAtSchool);
  const Setting& setting = *current.front();
  if (setting.type == SettingType::kFei)
    return {DecidingBody::kFei, setting.local_authority, setting.id, R::kFeiStudent};
  // A pupil at a PRU is educated other than at school: the LA decides.
  if (setting.type == SettingType::kPru) return ByLa(home, R::kOtherThanAtSchool);
  if (IsMaintainedSchool(setting.type))
    return {DecidingBody::kSchool, setting.local_authority, setting.id, R::kMaintainedSchool};
  return ByLa(home, under_age ? R::kUnderSchoolAgeNotMaintained : R::kNonMaintainedSchool);
}

}  // namespace cynnal::domain
