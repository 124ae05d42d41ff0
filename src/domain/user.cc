#include "domain/user.h"

#include <array>
#include <utility>

namespace cynnal::domain {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 9> kRoles{{
    {Role::kLaAdministrator, "la_admin"},
    {Role::kLaOfficer, "la_officer"},
    {Role::kPanelMember, "panel_member"},
    {Role::kAlnco, "alnco"},
    {Role::kTeacher, "teacher"},
    {Role::kGovernor, "governor"},
    {Role::kParent, "parent"},
    {Role::kYoungPerson, "young_person"},
    {Role::kHealthBoardOfficer, "health_officer"},
}};
}  // namespace

std::string_view Code(Role role) {
  for (auto& [r, c] : kRoles)
    if (r == role) return c;
  return "teacher";
}

std::optional<Role> RoleFromCode(std::string_view code) {
  for (auto& [r, c] : kRoles)
    if (c == code) return r;
  return std::nullopt;
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> all = [] {
    std::vector<Role> v;
    for (auto& [r, c] : kRoles) v.push_back(r);
    return v;
  }();
  return all;
}

Status CheckUserScope(const User& user) {
  std::map<std::string, std::string> fields;
  std::string name = user.username;
  if (name.size() < 3 || name.size() > 64 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-@") != std::string::npos)
    fields["username"] = "username_error_invalid";
  if (user.display_name.find_first_not_of(" \t\r\n") == std::string::npos)
    fields["display_name"] = "display_name_error_missing";
  if (!user.local_authority.valid()) fields["local_authority"] = "local_authority_error_missing";
  switch (user.role) {
    case Role::kAlnco:
    case Role::kTeacher:
    case Role::kGovernor:
      if (user.settings.empty()) fields["settings"] = "user_settings_error_missing";
      break;
    case Role::kParent:
      if (!user.family_member) fields["family_member"] = "user_family_error_missing";
      break;
    case Role::kYoungPerson:
      if (!user.learner) fields["learner"] = "user_learner_error_missing";
      break;
    case Role::kHealthBoardOfficer:
      if (!user.health_board) fields["health_board"] = "user_board_error_missing";
      break;
    default:
      break;
  }
  if (!fields.empty()) return Error::InvalidArgument("user_error_summary", std::move(fields));
  return Ok();
}

}  // namespace cynnal::domain
