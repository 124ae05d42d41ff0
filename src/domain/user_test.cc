#include "domain/user.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace cynnal::domain {
namespace {

TEST(RoleTest, EveryRoleHasAStableCodeThatRoundTrips) {
  const std::map<Role, std::string_view> expected{
      {Role::kLaAdministrator, "la_admin"},
      {Role::kLaOfficer, "la_officer"},
      {Role::kPanelMember, "panel_member"},
      {Role::kAlnco, "alnco"},
      {Role::kTeacher, "teacher"},
      {Role::kGovernor, "governor"},
      {Role::kParent, "parent"},
      {Role::kYoungPerson, "young_person"},
      {Role::kHealthBoardOfficer, "health_officer"},
  };
  ASSERT_EQ(AllRoles().size(), expected.size());
  std::set<std::string_view> codes;
  for (Role role : AllRoles()) {
    ASSERT_EQ(expected.count(role), 1u);
    EXPECT_EQ(Code(role), expected.at(role));
    EXPECT_EQ(RoleFromCode(Code(role)), role) << Code(role);
    codes.insert(Code(role));
  }
  EXPECT_EQ(codes.size(), AllRoles().size());
}

TEST(RoleTest, UnknownCodesAreNotRoles) {
  EXPECT_FALSE(RoleFromCode("").has_value());
  EXPECT_FALSE(RoleFromCode("admin").has_value());
  EXPECT_FALSE(RoleFromCode("ALNCO").has_value());
  EXPECT_FALSE(RoleFromCode("role_teacher").has_value());
}

// A user of `role` with the common fields valid and no scope fields.
User Bare(Role role) {
  User user;
  user.username = "a.jones";
  user.display_name = "Alun Jones";
  user.role = role;
  user.local_authority = LocalAuthorityId{1};
  return user;
}

// The same user with the scope field its role needs.
User Scoped(Role role) {
  User user = Bare(role);
  switch (role) {
    case Role::kAlnco:
    case Role::kTeacher:
    case Role::kGovernor:
      user.settings = {SettingId{10}};
      break;
    case Role::kParent:
      user.family_member = FamilyMemberId{100};
      break;
    case Role::kYoungPerson:
      user.learner = LearnerId{42};
      break;
    case Role::kHealthBoardOfficer:
      user.health_board = HealthBoardId{7};
      break;
    default:
      break;
  }
  return user;
}

TEST(CheckUserScopeTest, EachRoleNeedsItsOwnScope) {
  struct Case {
    Role role;
    std::string field;  // empty: the role needs no scope beyond its LA
    std::string message_id;
  };
  const std::vector<Case> cases = {
      {Role::kLaAdministrator, "", ""},
      {Role::kLaOfficer, "", ""},
      {Role::kPanelMember, "", ""},
      {Role::kAlnco, "settings", "user_settings_error_missing"},
      {Role::kTeacher, "settings", "user_settings_error_missing"},
      {Role::kGovernor, "settings", "user_settings_error_missing"},
      {Role::kParent, "family_member", "user_family_error_missing"},
      {Role::kYoungPerson, "learner", "user_learner_error_missing"},
      {Role::kHealthBoardOfficer, "health_board", "user_board_error_missing"},
  };
  ASSERT_EQ(cases.size(), AllRoles().size());
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(Code(c.role)));
    Status bare = CheckUserScope(Bare(c.role));
    if (c.field.empty()) {
      EXPECT_TRUE(bare.has_value());
    } else {
      ASSERT_FALSE(bare.has_value());
      EXPECT_EQ(bare.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(bare.error().message, "user_error_summary");
      const std::map<std::string, std::string> expected{{c.field, c.message_id}};
      EXPECT_EQ(bare.error().fields, expected);
    }
    Status scoped = CheckUserScope(Scoped(c.role));
    EXPECT_TRUE(scoped.has_value()) << (scoped ? "" : scoped.error().message);
  }
}

TEST(CheckUserScopeTest, AnotherRolesScopeDoesNotStandInForYourOwn) {
  User parent = Bare(Role::kParent);
  parent.settings = {SettingId{10}};
  parent.learner = LearnerId{42};
  ASSERT_FALSE(CheckUserScope(parent).has_value());
  EXPECT_EQ(CheckUserScope(parent).error().fields.count("family_member"), 1u);

  User alnco = Bare(Role::kAlnco);
  alnco.family_member = FamilyMemberId{100};
  ASSERT_FALSE(CheckUserScope(alnco).has_value());
  EXPECT_EQ(CheckUserScope(alnco).error().fields.count("settings"), 1u);
}

TEST(CheckUserScopeTest, EveryUserNeedsAnLa) {
  for (Role role : AllRoles()) {
    User user = Scoped(role);
    user.local_authority = LocalAuthorityId{};
    Status status = CheckUserScope(user);
    ASSERT_FALSE(status.has_value()) << Code(role);
    const std::map<std::string, std::string> expected{
        {"local_authority", "local_authority_error_missing"}};
    EXPECT_EQ(status.error().fields, expected) << Code(role);
  }
}

TEST(CheckUserScopeTest, UsernamesAreShortLowerCaseAndWithoutSpaces) {
  struct Case {
    std::string username;
    bool valid;
  };
  const std::vector<Case> cases = {
      {"abc", true},
      {"a.jones", true},
      {"a_jones-2", true},
      {"a.jones@ysgol.cymru", true},
      {std::string(64, 'a'), true},
      {"", false},
      {"ab", false},
      {std::string(65, 'a'), false},
      {"A.Jones", false},
      {"a jones", false},
      {"a/jones", false},
      {"siân", false},
  };
  for (const auto& c : cases) {
    User user = Scoped(Role::kTeacher);
    user.username = c.username;
    Status status = CheckUserScope(user);
    EXPECT_EQ(status.has_value(), c.valid) << "'" << c.username << "'";
    if (!c.valid && !status.has_value()) {
      const std::map<std::string, std::string> expected{{"username", "username_error_invalid"}};
      EXPECT_EQ(status.error().fields, expected) << "'" << c.username << "'";
    }
  }
}

TEST(CheckUserScopeTest, ANameOfOnlySpacesIsMissing) {
  User user = Scoped(Role::kLaOfficer);
  user.display_name = "   ";
  Status status = CheckUserScope(user);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().fields.at("display_name"), "display_name_error_missing");
}

TEST(CheckUserScopeTest, ReportsEveryProblemAtOnce) {
  User user;
  user.role = Role::kHealthBoardOfficer;
  Status status = CheckUserScope(user);
  ASSERT_FALSE(status.has_value());
  const std::map<std::string, std::string> expected{
      {"username", "username_error_invalid"},
      {"display_name", "display_name_error_missing"},
      {"local_authority", "local_authority_error_missing"},
      {"health_board", "user_board_error_missing"},
  };
  EXPECT_EQ(status.error().fields, expected);
}

}  // namespace
}  // namespace cynnal::domain
