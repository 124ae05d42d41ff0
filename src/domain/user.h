#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"

namespace cynnal::domain {

enum class Role {
  kLaAdministrator,
  kLaOfficer,
  kPanelMember,
  kAlnco,
  kTeacher,
  kGovernor,
  kParent,
  kYoungPerson,
  kHealthBoardOfficer,
};

std::string_view Code(Role role);  // "la_admin", "la_officer", ... (catalogue ids "role_<code>")
std::optional<Role> RoleFromCode(std::string_view code);
const std::vector<Role>& AllRoles();

// A person who signs in. Which of the scope fields matter depends on the role: settings for an
// ALNCo, teacher or governor; family_member for a parent or carer; learner for a young person;
// health_board for a health board officer.
struct User {
  UserId id;
  std::string username;
  std::string display_name;
  Role role = Role::kTeacher;
  LocalAuthorityId local_authority;
  std::vector<SettingId> settings;
  std::optional<FamilyMemberId> family_member;
  std::optional<LearnerId> learner;
  std::optional<HealthBoardId> health_board;
  // A panel member's view: the learners on the agendas of the panels they sit on. Not stored with
  // the user; filled in from the panels whenever the user is loaded for a request.
  std::vector<LearnerId> panel_learners;
  LetterLanguage language = LetterLanguage::kEnglish;
  std::string password_hash;  // argon2id, libsodium's encoded string
  bool disabled = false;
  int failed_sign_ins = 0;
  std::optional<Timestamp> locked_until;
};

// Checks that a user's scope fields fit its role (an ALNCo needs a setting, a parent a family
// member, ...); fields keyed by form field name.
Status CheckUserScope(const User& user);

}  // namespace cynnal::domain
