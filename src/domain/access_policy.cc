#include "domain/access_policy.h"

#include <algorithm>

namespace cynnal::domain {
namespace {

bool Contains(const std::vector<SettingId>& settings, SettingId id) {
  return std::find(settings.begin(), settings.end(), id) != settings.end();
}

bool IsLaRole(Role role) {
  return role == Role::kLaAdministrator || role == Role::kLaOfficer || role == Role::kPanelMember;
}

}  // namespace

bool LearnerScope::Matches(const Learner& l) const {
  if (local_authority && (l.local_authority == *local_authority ||
                          (l.looked_after && l.looked_after_by == local_authority)))
    return true;
  if (!settings.empty()) {
    for (const auto& r : l.registrations)
      if (!r.EndedBefore(on) && Contains(settings, r.setting)) return true;
  }
  if (family_member) {
    for (const auto& f : l.family)
      if (f.member == *family_member && f.parental_responsibility) return true;
  }
  if (learner && l.id == *learner) return true;
  if (std::find(learners.begin(), learners.end(), l.id) != learners.end()) return true;
  if (health_board && std::find(l.health_board_referrals.begin(), l.health_board_referrals.end(),
                                *health_board) != l.health_board_referrals.end())
    return true;
  return false;
}

LearnerScope ViewScopeFor(const User& user, Date today) {
  LearnerScope scope;
  scope.on = today;
  if (user.disabled) return scope;
  switch (user.role) {
    case Role::kLaAdministrator:
    case Role::kLaOfficer:
      scope.local_authority = user.local_authority;
      break;
    case Role::kPanelMember:
      scope.learners = user.panel_learners;
      break;
    case Role::kAlnco:
    case Role::kTeacher:
      scope.settings = user.settings;
      break;
    case Role::kGovernor:
      break;
    case Role::kParent:
      scope.family_member = user.family_member;
      break;
    case Role::kYoungPerson:
      scope.learner = user.learner;
      break;
    case Role::kHealthBoardOfficer:
      scope.health_board = user.health_board;
      break;
  }
  return scope;
}

bool MayAccessLearner(const User& user, LearnerAction action, const Learner& learner, Date today) {
  if (user.disabled) return false;
  bool in_scope = ViewScopeFor(user, today).Matches(learner);
  switch (action) {
    case LearnerAction::kView:
      return in_scope;
    case LearnerAction::kExport:
    case LearnerAction::kCreate:
    case LearnerAction::kUpdate:
      return in_scope && MayCreateLearners(user.role);
  }
  return false;
}

bool MayAccessSetting(const User& user, SettingAction action, const Setting& setting) {
  (void)action;
  if (user.disabled) return false;
  if (IsLaRole(user.role)) return setting.local_authority == user.local_authority;
  switch (user.role) {
    case Role::kAlnco:
    case Role::kTeacher:
    case Role::kGovernor:
      return Contains(user.settings, setting.id);
    default:
      return false;
  }
}

bool MayAccessProvision(const User& user, ProvisionAction action, const Setting& setting) {
  if (!MayAccessSetting(user, SettingAction::kView, setting)) return false;
  const bool la = user.role == Role::kLaAdministrator || user.role == Role::kLaOfficer;
  switch (action) {
    case ProvisionAction::kViewCounts:
      return la || user.role == Role::kAlnco || user.role == Role::kTeacher ||
             user.role == Role::kGovernor;
    case ProvisionAction::kView:
    case ProvisionAction::kRecordDelivery:
      return la || user.role == Role::kAlnco || user.role == Role::kTeacher;
    case ProvisionAction::kEdit:
    case ProvisionAction::kExport:
      return la || user.role == Role::kAlnco;
  }
  return false;
}

bool MayAccessFamilyContacts(const User& user, LiaisonAction action, const Learner& learner,
                             Date today, bool recorded_it) {
  const bool la = user.role == Role::kLaAdministrator || user.role == Role::kLaOfficer;
  if (!la && user.role != Role::kAlnco && user.role != Role::kTeacher) return false;
  if (!MayAccessLearner(user, LearnerAction::kView, learner, today)) return false;
  if (action != LiaisonAction::kRemove) return true;
  return la || recorded_it || MayAccessLearner(user, LearnerAction::kUpdate, learner, today);
}

bool MayAccessSpecialist(const User& user, SpecialistAction action,
                         LocalAuthorityId local_authority, std::optional<SettingId> setting,
                         bool school_owned) {
  if (user.disabled || user.local_authority != local_authority) return false;
  const bool la = user.role == Role::kLaAdministrator || user.role == Role::kLaOfficer;
  if (la) return true;
  const bool at_setting = setting && Contains(user.settings, *setting);
  if (action == SpecialistAction::kManage)
    return school_owned && at_setting && user.role == Role::kAlnco;
  if (user.role == Role::kPanelMember) return true;
  return at_setting &&
         (user.role == Role::kAlnco || user.role == Role::kTeacher || user.role == Role::kGovernor);
}

bool MayAccessSettingCalendar(const User& user, CalendarAction action, const Setting& setting) {
  if (!MayAccessSetting(user, SettingAction::kView, setting)) return false;
  if (action == CalendarAction::kView) return true;
  if (user.role == Role::kLaAdministrator) return true;
  return user.role == Role::kAlnco && Contains(user.settings, setting.id);
}

bool MayAccessTermDates(const User& user, CalendarAction action, LocalAuthorityId local_authority) {
  if (user.disabled || user.local_authority != local_authority) return false;
  if (action == CalendarAction::kEdit) return user.role == Role::kLaAdministrator;
  return IsLaRole(user.role) || user.role == Role::kAlnco || user.role == Role::kTeacher ||
         user.role == Role::kGovernor;
}

bool MaySeeLaDueList(const User& user, LocalAuthorityId local_authority) {
  if (user.disabled || user.local_authority != local_authority) return false;
  return user.role == Role::kLaAdministrator || user.role == Role::kLaOfficer;
}

bool MaySeeSettingDueList(const User& user, const Setting& setting) {
  if (MaySeeLaDueList(user, setting.local_authority)) return true;
  return !user.disabled && user.role == Role::kAlnco && Contains(user.settings, setting.id);
}

bool MayAccessCase(const User& user, CaseAction action, const Learner& learner, Date today) {
  if (!MayAccessLearner(user, LearnerAction::kView, learner, today)) return false;
  switch (action) {
    case CaseAction::kViewStatus:
      return true;
    case CaseAction::kView:
      return user.role != Role::kTeacher && user.role != Role::kHealthBoardOfficer;
    case CaseAction::kRaise:
      return IsLaRole(user.role) ? user.role != Role::kPanelMember
                                 : user.role == Role::kAlnco || user.role == Role::kTeacher ||
                                       user.role == Role::kHealthBoardOfficer;
  }
  return false;
}

bool MayAccessPlan(const User& user, PlanAction action, const Learner& learner, Date today) {
  if (!MayAccessLearner(user, LearnerAction::kView, learner, today)) return false;
  switch (action) {
    case PlanAction::kView:
      return true;
    case PlanAction::kViewDraft:
      return IsLaRole(user.role) || user.role == Role::kAlnco || user.role == Role::kTeacher;
    case PlanAction::kRequestReview:
      return user.role == Role::kParent || user.role == Role::kYoungPerson ||
             user.role == Role::kHealthBoardOfficer;
    case PlanAction::kEdit:
      return MayAccessLearner(user, LearnerAction::kUpdate, learner, today);
  }
  return false;
}

bool MayAccessPanel(const User& user, PanelAction action, const Panel& panel) {
  if (user.disabled || user.local_authority != panel.local_authority) return false;
  if (user.role == Role::kLaAdministrator || user.role == Role::kLaOfficer) return true;
  if (user.role != Role::kPanelMember) return false;
  const PanelMember* member = panel.MemberFor(user.id);
  if (!member) return false;
  switch (action) {
    case PanelAction::kView:
      return true;
    case PanelAction::kConfigure:
      return false;
    case PanelAction::kRun:
      return member->role == PanelRole::kChair || member->role == PanelRole::kActingChair ||
             member->role == PanelRole::kAdministrator;
    case PanelAction::kMonitor:
      return member->role == PanelRole::kChair || member->role == PanelRole::kActingChair;
  }
  return false;
}

bool MayAccessReferral(const User& user, ReferralAction action, const Panel& panel, bool on_agenda,
                       const Learner& learner, Date today) {
  if (user.disabled || user.local_authority != panel.local_authority) return false;
  switch (user.role) {
    case Role::kLaAdministrator:
    case Role::kLaOfficer:
      return true;
    case Role::kPanelMember:
      return action == ReferralAction::kView && on_agenda && panel.MemberFor(user.id) != nullptr;
    case Role::kAlnco:
      return MayAccessLearner(user, LearnerAction::kUpdate, learner, today);
    default:
      return false;
  }
}

bool MayActForBody(const User& user, DecidingBody body, LocalAuthorityId local_authority,
                   std::optional<SettingId> setting) {
  if (user.disabled) return false;
  if (body == DecidingBody::kLocalAuthority) return MayActForLa(user, local_authority);
  return user.role == Role::kAlnco && setting && Contains(user.settings, *setting);
}

bool MayActForLa(const User& user, LocalAuthorityId local_authority) {
  return MaySeeLaDueList(user, local_authority);
}

bool MayChangeRegistrationAt(const User& user, const Setting& setting) {
  if (user.disabled) return false;
  switch (user.role) {
    case Role::kLaAdministrator:
    case Role::kLaOfficer:
      return setting.local_authority == user.local_authority;
    case Role::kAlnco:
      return Contains(user.settings, setting.id);
    default:
      return false;
  }
}

bool MaySeeFamilyContact(const User& user, FamilyMemberId member) {
  if (user.disabled) return false;
  switch (user.role) {
    case Role::kParent:
      return user.family_member == member;
    case Role::kYoungPerson:
    case Role::kGovernor:
      return false;
    default:
      return true;
  }
}

bool MayAdminister(const User& user, AdminAction action, LocalAuthorityId local_authority) {
  (void)action;
  return !user.disabled && user.role == Role::kLaAdministrator &&
         user.local_authority == local_authority;
}

bool MaySeeLearnerNames(Role role) { return role != Role::kGovernor; }

bool MayListSettings(Role role) {
  return IsLaRole(role) || role == Role::kAlnco || role == Role::kTeacher ||
         role == Role::kGovernor;
}

bool MayCreateLearners(Role role) {
  return role == Role::kLaAdministrator || role == Role::kLaOfficer || role == Role::kAlnco;
}

}  // namespace cynnal::domain
