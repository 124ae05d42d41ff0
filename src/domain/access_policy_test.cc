#include "domain/access_policy.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cynnal::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date D(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

// The world of these tests: the user works in LA 1; LA 2 is another LA. Setting 10 is the
// user's own setting and 11 another setting in LA 1; setting 20 is in LA 2. Family member 100 is
// the user (as a parent) and 101 another parent; learner 42 is the user (as a young person);
// health board 7 is the user's board.
constexpr LocalAuthorityId kOwnLa{1};
constexpr LocalAuthorityId kOtherLa{2};
constexpr SettingId kOwnSetting{10};
constexpr SettingId kOtherSetting{11};
constexpr SettingId kOtherLaSetting{20};
constexpr FamilyMemberId kOwnFamilyMember{100};
constexpr FamilyMemberId kOtherFamilyMember{101};
constexpr LearnerId kSelf{42};
constexpr HealthBoardId kOwnBoard{7};
constexpr HealthBoardId kOtherBoard{8};
constexpr Date kToday{year{2025}, month{11}, day{3}};

// A user of `role` carrying just the scope its role uses.
User UserWithRole(Role role) {
  User user;
  user.id = UserId{1};
  user.username = "user";
  user.display_name = "User";
  user.role = role;
  user.local_authority = kOwnLa;
  switch (role) {
    case Role::kAlnco:
    case Role::kTeacher:
    case Role::kGovernor:
      user.settings = {kOwnSetting};
      break;
    case Role::kParent:
      user.family_member = kOwnFamilyMember;
      break;
    case Role::kYoungPerson:
      user.learner = kSelf;
      break;
    case Role::kHealthBoardOfficer:
      user.health_board = kOwnBoard;
      break;
    default:
      break;
  }
  return user;
}

enum class Relation {
  kAtOwnSetting,        // in LA 1, registered at the user's setting today
  kAtOtherSetting,      // in LA 1, registered at another setting of LA 1
  kOwnChild,            // the user's child (with parental responsibility), at another setting
  kOtherChild,          // someone else's child, at another setting
  kSelf,                // the user themself, at another setting
  kReferredToOwnBoard,  // referred to the user's health board, at another setting
  kOtherLa,             // a learner of another LA, at a setting there
  kLookedAfterByOwnLa,  // a learner of another LA, looked after by the user's LA
};

std::string_view Name(Relation relation) {
  switch (relation) {
    case Relation::kAtOwnSetting:
      return "at own setting";
    case Relation::kAtOtherSetting:
      return "at other setting";
    case Relation::kOwnChild:
      return "own child";
    case Relation::kOtherChild:
      return "other child";
    case Relation::kSelf:
      return "self";
    case Relation::kReferredToOwnBoard:
      return "referred to own board";
    case Relation::kOtherLa:
      return "other LA";
    case Relation::kLookedAfterByOwnLa:
      return "looked after by own LA";
  }
  return "?";
}

Learner LearnerWith(Relation relation) {
  Learner learner;
  learner.id = LearnerId{50};
  learner.local_authority = kOwnLa;
  learner.legal_first_name = "Dewi";
  learner.legal_last_name = "Evans";
  learner.date_of_birth = D(2015, 5, 5);
  learner.registrations = {{kOtherSetting, D(2019, 9, 1), std::nullopt}};
  learner.family = {{kOtherFamilyMember, "mother", true}};
  learner.health_board_referrals = {kOtherBoard};
  switch (relation) {
    case Relation::kAtOwnSetting:
      learner.registrations = {{kOwnSetting, D(2019, 9, 1), std::nullopt}};
      break;
    case Relation::kAtOtherSetting:
    case Relation::kOtherChild:
      break;
    case Relation::kOwnChild:
      learner.family.push_back({kOwnFamilyMember, "father", true});
      break;
    case Relation::kSelf:
      learner.id = kSelf;
      break;
    case Relation::kReferredToOwnBoard:
      learner.health_board_referrals.push_back(kOwnBoard);
      break;
    case Relation::kOtherLa:
      learner.local_authority = kOtherLa;
      learner.registrations = {{kOtherLaSetting, D(2019, 9, 1), std::nullopt}};
      break;
    case Relation::kLookedAfterByOwnLa:
      learner.local_authority = kOtherLa;
      learner.registrations = {{kOtherLaSetting, D(2019, 9, 1), std::nullopt}};
      learner.looked_after = true;
      learner.looked_after_by = kOwnLa;
      break;
  }
  return learner;
}

struct Allowed {
  bool view, create, update, exportable;
};
constexpr Allowed kAll{true, true, true, true};
constexpr Allowed kViewOnly{true, false, false, false};
constexpr Allowed kNone{false, false, false, false};

struct Row {
  Role role;
  Relation relation;
  Allowed allowed;
};

// access_policy.h (issue 2): who may see and change which learner.
//   LA administrator, LA officer: every learner of their LA and those their LA looks after;
//   panel member: only the learners on their panel's agendas (issue 6; none here, see
//   PanelMemberSeesOnlyTheLearnersOnTheirAgendas); ALNCo: learners at their settings today, to
//   view, add and update (and export, which the policy grants with update); teacher: view learners
//   at their setting; governor: no individual learner; parent: view their children; young person:
//   view themself; health board officer: view learners referred to their board.
const std::vector<Row>& Table() {
  using R = Relation;
  static const std::vector<Row> rows = {
      {Role::kLaAdministrator, R::kAtOwnSetting, kAll},
      {Role::kLaAdministrator, R::kAtOtherSetting, kAll},
      {Role::kLaAdministrator, R::kOwnChild, kAll},
      {Role::kLaAdministrator, R::kOtherChild, kAll},
      {Role::kLaAdministrator, R::kSelf, kAll},
      {Role::kLaAdministrator, R::kReferredToOwnBoard, kAll},
      {Role::kLaAdministrator, R::kOtherLa, kNone},
      {Role::kLaAdministrator, R::kLookedAfterByOwnLa, kAll},

      {Role::kLaOfficer, R::kAtOwnSetting, kAll},
      {Role::kLaOfficer, R::kAtOtherSetting, kAll},
      {Role::kLaOfficer, R::kOwnChild, kAll},
      {Role::kLaOfficer, R::kOtherChild, kAll},
      {Role::kLaOfficer, R::kSelf, kAll},
      {Role::kLaOfficer, R::kReferredToOwnBoard, kAll},
      {Role::kLaOfficer, R::kOtherLa, kNone},
      {Role::kLaOfficer, R::kLookedAfterByOwnLa, kAll},

      {Role::kPanelMember, R::kAtOwnSetting, kNone},
      {Role::kPanelMember, R::kAtOtherSetting, kNone},
      {Role::kPanelMember, R::kOwnChild, kNone},
      {Role::kPanelMember, R::kOtherChild, kNone},
      {Role::kPanelMember, R::kSelf, kNone},
      {Role::kPanelMember, R::kReferredToOwnBoard, kNone},
      {Role::kPanelMember, R::kOtherLa, kNone},
      {Role::kPanelMember, R::kLookedAfterByOwnLa, kNone},

      {Role::kAlnco, R::kAtOwnSetting, kAll},
      {Role::kAlnco, R::kAtOtherSetting, kNone},
      {Role::kAlnco, R::kOwnChild, kNone},
      {Role::kAlnco, R::kOtherChild, kNone},
      {Role::kAlnco, R::kSelf, kNone},
      {Role::kAlnco, R::kReferredToOwnBoard, kNone},
      {Role::kAlnco, R::kOtherLa, kNone},
      {Role::kAlnco, R::kLookedAfterByOwnLa, kNone},

      {Role::kTeacher, R::kAtOwnSetting, kViewOnly},
      {Role::kTeacher, R::kAtOtherSetting, kNone},
      {Role::kTeacher, R::kOwnChild, kNone},
      {Role::kTeacher, R::kOtherChild, kNone},
      {Role::kTeacher, R::kSelf, kNone},
      {Role::kTeacher, R::kReferredToOwnBoard, kNone},
      {Role::kTeacher, R::kOtherLa, kNone},
      {Role::kTeacher, R::kLookedAfterByOwnLa, kNone},

      {Role::kGovernor, R::kAtOwnSetting, kNone},
      {Role::kGovernor, R::kAtOtherSetting, kNone},
      {Role::kGovernor, R::kOwnChild, kNone},
      {Role::kGovernor, R::kOtherChild, kNone},
      {Role::kGovernor, R::kSelf, kNone},
      {Role::kGovernor, R::kReferredToOwnBoard, kNone},
      {Role::kGovernor, R::kOtherLa, kNone},
      {Role::kGovernor, R::kLookedAfterByOwnLa, kNone},

      {Role::kParent, R::kAtOwnSetting, kNone},
      {Role::kParent, R::kAtOtherSetting, kNone},
      {Role::kParent, R::kOwnChild, kViewOnly},
      {Role::kParent, R::kOtherChild, kNone},
      {Role::kParent, R::kSelf, kNone},
      {Role::kParent, R::kReferredToOwnBoard, kNone},
      {Role::kParent, R::kOtherLa, kNone},
      {Role::kParent, R::kLookedAfterByOwnLa, kNone},

      {Role::kYoungPerson, R::kAtOwnSetting, kNone},
      {Role::kYoungPerson, R::kAtOtherSetting, kNone},
      {Role::kYoungPerson, R::kOwnChild, kNone},
      {Role::kYoungPerson, R::kOtherChild, kNone},
      {Role::kYoungPerson, R::kSelf, kViewOnly},
      {Role::kYoungPerson, R::kReferredToOwnBoard, kNone},
      {Role::kYoungPerson, R::kOtherLa, kNone},
      {Role::kYoungPerson, R::kLookedAfterByOwnLa, kNone},

      {Role::kHealthBoardOfficer, R::kAtOwnSetting, kNone},
      {Role::kHealthBoardOfficer, R::kAtOtherSetting, kNone},
      {Role::kHealthBoardOfficer, R::kOwnChild, kNone},
      {Role::kHealthBoardOfficer, R::kOtherChild, kNone},
      {Role::kHealthBoardOfficer, R::kSelf, kNone},
      {Role::kHealthBoardOfficer, R::kReferredToOwnBoard, kViewOnly},
      {Role::kHealthBoardOfficer, R::kOtherLa, kNone},
      {Role::kHealthBoardOfficer, R::kLookedAfterByOwnLa, kNone},
  };
  return rows;
}

void ExpectAllowed(const User& user, const Learner& learner, Allowed allowed, Date today) {
  EXPECT_EQ(MayAccessLearner(user, LearnerAction::kView, learner, today), allowed.view) << "view";
  EXPECT_EQ(MayAccessLearner(user, LearnerAction::kCreate, learner, today), allowed.create)
      << "create";
  EXPECT_EQ(MayAccessLearner(user, LearnerAction::kUpdate, learner, today), allowed.update)
      << "update";
  EXPECT_EQ(MayAccessLearner(user, LearnerAction::kExport, learner, today), allowed.exportable)
      << "export";
}

TEST(MayAccessLearnerTest, EachRoleSeesAndChangesOnlyTheLearnersItsWorkNeeds) {
  for (const auto& row : Table()) {
    SCOPED_TRACE(std::string(Code(row.role)) + ", " + std::string(Name(row.relation)));
    ExpectAllowed(UserWithRole(row.role), LearnerWith(row.relation), row.allowed, kToday);
  }
}

TEST(MayAccessLearnerTest, TheTableCoversEveryRoleAndRelation) {
  EXPECT_EQ(Table().size(), AllRoles().size() * 8);
  for (Role role : AllRoles()) {
    int rows = 0;
    for (const auto& row : Table()) rows += row.role == role;
    EXPECT_EQ(rows, 8) << Code(role);
  }
}

TEST(MayAccessLearnerTest, ADisabledUserSeesNothing) {
  for (const auto& row : Table()) {
    SCOPED_TRACE(std::string(Code(row.role)) + ", " + std::string(Name(row.relation)));
    User user = UserWithRole(row.role);
    user.disabled = true;
    ExpectAllowed(user, LearnerWith(row.relation), kNone, kToday);
    EXPECT_TRUE(ViewScopeFor(user, kToday).Empty());
  }
}

TEST(MayAccessLearnerTest, ScopeFieldsOfAnotherRoleGiveNothing) {
  // A user record may carry left-over fields from an earlier role; only the role's own count.
  for (Role role : AllRoles()) {
    User user = UserWithRole(role);
    user.settings = {kOwnSetting};
    user.family_member = kOwnFamilyMember;
    user.learner = kSelf;
    user.health_board = kOwnBoard;
    for (const auto& row : Table()) {
      if (row.role != role) continue;
      SCOPED_TRACE(std::string(Code(row.role)) + ", " + std::string(Name(row.relation)));
      ExpectAllowed(user, LearnerWith(row.relation), row.allowed, kToday);
    }
  }
}

// access_policy.h: ALNCos and teachers see learners registered at their setting on `today`.
// access_policy.h: a school sees a learner from the day a registration there is recorded (so that
// it can plan a transition) until the registration ends.
TEST(MayAccessLearnerTest, ARegistrationCountsUntilItEnds) {
  struct Case {
    std::string_view what;
    Registration registration;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {"ended yesterday", {kOwnSetting, D(2019, 9, 1), D(2025, 11, 2)}, false},
      {"ends today", {kOwnSetting, D(2019, 9, 1), D(2025, 11, 3)}, true},
      {"starts today", {kOwnSetting, D(2025, 11, 3), std::nullopt}, true},
      {"starts tomorrow", {kOwnSetting, D(2025, 11, 4), std::nullopt}, true},
      {"starts next September", {kOwnSetting, D(2026, 9, 1), std::nullopt}, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Learner learner = LearnerWith(Relation::kAtOtherSetting);
    learner.registrations = {c.registration};
    ExpectAllowed(UserWithRole(Role::kAlnco), learner, c.allowed ? kAll : kNone, kToday);
    ExpectAllowed(UserWithRole(Role::kTeacher), learner, c.allowed ? kViewOnly : kNone, kToday);
  }
}

TEST(MayAccessLearnerTest, AnAlncoOfSeveralSettingsSeesLearnersAtEach) {
  User alnco = UserWithRole(Role::kAlnco);
  alnco.settings = {kOwnSetting, kOtherSetting};
  EXPECT_TRUE(MayAccessLearner(alnco, LearnerAction::kUpdate,
                               LearnerWith(Relation::kAtOtherSetting), kToday));
  EXPECT_FALSE(
      MayAccessLearner(alnco, LearnerAction::kView, LearnerWith(Relation::kOtherLa), kToday));
}

TEST(MayAccessLearnerTest, ADuallyRegisteredLearnerIsSeenFromBothSettings) {
  Learner learner = LearnerWith(Relation::kAtOtherSetting);
  learner.registrations.push_back({kOwnSetting, D(2025, 9, 1), std::nullopt});
  ASSERT_TRUE(learner.DuallyRegisteredOn(kToday));
  User here = UserWithRole(Role::kTeacher);
  User there = UserWithRole(Role::kTeacher);
  there.settings = {kOtherSetting};
  EXPECT_TRUE(MayAccessLearner(here, LearnerAction::kView, learner, kToday));
  EXPECT_TRUE(MayAccessLearner(there, LearnerAction::kView, learner, kToday));
}

TEST(MayAccessLearnerTest, AGovernorNeverSeesALearnerEvenAtTheirOwnSetting) {
  User governor = UserWithRole(Role::kGovernor);
  governor.settings = {kOwnSetting, kOtherSetting};
  Learner learner = LearnerWith(Relation::kAtOwnSetting);
  learner.looked_after = true;
  learner.looked_after_by = kOwnLa;
  ExpectAllowed(governor, learner, kNone, kToday);
  EXPECT_TRUE(ViewScopeFor(governor, kToday).Empty());
  EXPECT_FALSE(MaySeeLearnerNames(Role::kGovernor));
  // ... but may see the setting itself (for counts).
  Setting setting;
  setting.id = kOwnSetting;
  setting.local_authority = kOwnLa;
  EXPECT_TRUE(MayAccessSetting(governor, SettingAction::kViewCounts, setting));
}

TEST(MayAccessLearnerTest, AParentWithoutParentalResponsibilitySeesNothing) {
  Learner learner = LearnerWith(Relation::kOtherChild);
  learner.family.push_back({kOwnFamilyMember, "father", false});
  ExpectAllowed(UserWithRole(Role::kParent), learner, kNone, kToday);
}

TEST(MayAccessLearnerTest, TheLaThatLookedAfterALearnerLosesSightWhenCareEnds) {
  Learner learner = LearnerWith(Relation::kLookedAfterByOwnLa);
  learner.looked_after = false;
  ExpectAllowed(UserWithRole(Role::kLaOfficer), learner, kNone, kToday);
}

TEST(MayAccessLearnerTest, AnotherLasStaffSeeNoneOfThisLasLearners) {
  User other = UserWithRole(Role::kLaAdministrator);
  other.local_authority = kOtherLa;
  ExpectAllowed(other, LearnerWith(Relation::kAtOwnSetting), kNone, kToday);
  ExpectAllowed(other, LearnerWith(Relation::kOtherLa), kAll, kToday);
  // The other LA still sees its own learner whom LA 1 looks after.
  ExpectAllowed(other, LearnerWith(Relation::kLookedAfterByOwnLa), kAll, kToday);
}

TEST(MayAccessLearnerTest, PanelMemberSeesOnlyTheLearnersOnTheirAgendas) {
  User member = UserWithRole(Role::kPanelMember);
  Learner listed = LearnerWith(Relation::kAtOwnSetting);
  Learner other = LearnerWith(Relation::kAtOtherSetting);
  other.id = LearnerId{listed.id.value() + 1};
  member.panel_learners = {listed.id};
  ExpectAllowed(member, listed, kViewOnly, kToday);
  ExpectAllowed(member, other, kNone, kToday);
  EXPECT_TRUE(ViewScopeFor(member, kToday).Matches(listed));
  EXPECT_FALSE(ViewScopeFor(member, kToday).Matches(other));
  // An agenda of another LA's panel would still be shown: the store lists only the panels the
  // member sits on, which are their LA's.
  member.panel_learners.clear();
  EXPECT_TRUE(ViewScopeFor(member, kToday).Empty());
}

TEST(MayAccessLearnerTest, AHealthBoardOfficerSeesReferralsFromAnyLa) {
  Learner learner = LearnerWith(Relation::kOtherLa);
  learner.health_board_referrals = {kOwnBoard};
  ExpectAllowed(UserWithRole(Role::kHealthBoardOfficer), learner, kViewOnly, kToday);
}

Setting SettingAt(SettingId id, LocalAuthorityId local_authority) {
  Setting setting;
  setting.id = id;
  setting.local_authority = local_authority;
  setting.name = "Ysgol";
  return setting;
}

TEST(MayAccessSettingTest, LaStaffSeeTheirLasSettingsAndSchoolStaffTheirOwn) {
  const Setting own = SettingAt(kOwnSetting, kOwnLa);
  const Setting other = SettingAt(kOtherSetting, kOwnLa);
  const Setting elsewhere = SettingAt(kOtherLaSetting, kOtherLa);
  struct Case {
    Role role;
    bool own, other, elsewhere;
  };
  const std::vector<Case> cases = {
      {Role::kLaAdministrator, true, true, false},
      {Role::kLaOfficer, true, true, false},
      {Role::kPanelMember, true, true, false},
      {Role::kAlnco, true, false, false},
      {Role::kTeacher, true, false, false},
      {Role::kGovernor, true, false, false},
      {Role::kParent, false, false, false},
      {Role::kYoungPerson, false, false, false},
      {Role::kHealthBoardOfficer, false, false, false},
  };
  ASSERT_EQ(cases.size(), AllRoles().size());
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(Code(c.role)));
    User user = UserWithRole(c.role);
    user.settings = {kOwnSetting};  // left over for roles that do not use it: must not count
    for (auto action : {SettingAction::kView, SettingAction::kViewCounts}) {
      EXPECT_EQ(MayAccessSetting(user, action, own), c.own);
      EXPECT_EQ(MayAccessSetting(user, action, other), c.other);
      EXPECT_EQ(MayAccessSetting(user, action, elsewhere), c.elsewhere);
    }
    EXPECT_EQ(MayListSettings(c.role), c.own);
    user.disabled = true;
    EXPECT_FALSE(MayAccessSetting(user, SettingAction::kView, own));
  }
}

TEST(CalendarAccessTest, SchoolsSetTheirOwnDaysAndOnlyTheLaAdministratorSetsTermDates) {
  const Setting own = SettingAt(kOwnSetting, kOwnLa);
  const Setting other = SettingAt(kOtherSetting, kOwnLa);
  const Setting elsewhere = SettingAt(kOtherLaSetting, kOtherLa);
  struct Case {
    Role role;
    bool view_own, edit_own, edit_other, view_terms, edit_terms, la_due, own_due, other_due;
  };
  const std::vector<Case> cases = {
      {Role::kLaAdministrator, true, true, true, true, true, true, true, true},
      {Role::kLaOfficer, true, false, false, true, false, true, true, true},
      {Role::kPanelMember, true, false, false, true, false, false, false, false},
      {Role::kAlnco, true, true, false, true, false, false, true, false},
      {Role::kTeacher, true, false, false, true, false, false, false, false},
      {Role::kGovernor, true, false, false, true, false, false, false, false},
      {Role::kParent, false, false, false, false, false, false, false, false},
      {Role::kYoungPerson, false, false, false, false, false, false, false, false},
      {Role::kHealthBoardOfficer, false, false, false, false, false, false, false, false},
  };
  ASSERT_EQ(cases.size(), AllRoles().size());
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(Code(c.role)));
    User user = UserWithRole(c.role);
    EXPECT_EQ(MayAccessSettingCalendar(user, CalendarAction::kView, own), c.view_own);
    EXPECT_EQ(MayAccessSettingCalendar(user, CalendarAction::kEdit, own), c.edit_own);
    EXPECT_EQ(MayAccessSettingCalendar(user, CalendarAction::kEdit, other), c.edit_other);
    EXPECT_FALSE(MayAccessSettingCalendar(user, CalendarAction::kView, elsewhere));
    EXPECT_EQ(MayAccessTermDates(user, CalendarAction::kView, kOwnLa), c.view_terms);
    EXPECT_EQ(MayAccessTermDates(user, CalendarAction::kEdit, kOwnLa), c.edit_terms);
    EXPECT_FALSE(MayAccessTermDates(user, CalendarAction::kView, kOtherLa));
    EXPECT_EQ(MaySeeLaDueList(user, kOwnLa), c.la_due);
    EXPECT_FALSE(MaySeeLaDueList(user, kOtherLa));
    EXPECT_EQ(MaySeeSettingDueList(user, own), c.own_due);
    EXPECT_EQ(MaySeeSettingDueList(user, other), c.other_due);
    EXPECT_FALSE(MaySeeSettingDueList(user, elsewhere));
    user.disabled = true;
    EXPECT_FALSE(MayAccessSettingCalendar(user, CalendarAction::kView, own));
    EXPECT_FALSE(MayAccessTermDates(user, CalendarAction::kView, kOwnLa));
    EXPECT_FALSE(MaySeeSettingDueList(user, own));
  }
}

TEST(MayAdministerTest, OnlyAnLaAdministratorAdministersTheirOwnLa) {
  for (Role role : AllRoles()) {
    for (auto action : {AdminAction::kManageUsers, AdminAction::kSearchAudit}) {
      User user = UserWithRole(role);
      EXPECT_EQ(MayAdminister(user, action, kOwnLa), role == Role::kLaAdministrator) << Code(role);
      EXPECT_FALSE(MayAdminister(user, action, kOtherLa)) << Code(role);
      user.disabled = true;
      EXPECT_FALSE(MayAdminister(user, action, kOwnLa)) << Code(role);
    }
  }
}

enum class SettingRelation {
  kOwn,      // in LA 1, a setting the user is attached to (for school roles)
  kSameLa,   // in LA 1, a setting the user is not attached to
  kOtherLa,  // in LA 2
};

std::string_view Name(SettingRelation relation) {
  switch (relation) {
    case SettingRelation::kOwn:
      return "own setting";
    case SettingRelation::kSameLa:
      return "other setting of own LA";
    case SettingRelation::kOtherLa:
      return "setting of other LA";
  }
  return "?";
}

Setting SettingWith(SettingRelation relation) {
  switch (relation) {
    case SettingRelation::kOwn:
      return SettingAt(kOwnSetting, kOwnLa);
    case SettingRelation::kSameLa:
      return SettingAt(kOtherSetting, kOwnLa);
    case SettingRelation::kOtherLa:
      return SettingAt(kOtherLaSetting, kOtherLa);
  }
  return SettingAt(kOwnSetting, kOwnLa);
}

struct ProvisionAllowed {
  bool view_counts, view, edit, record_delivery, exportable;
};
constexpr ProvisionAllowed kProvisionAll{true, true, true, true, true};
// A teacher: sees the map and register with names and records the sessions they give.
constexpr ProvisionAllowed kProvisionTeacher{true, true, false, true, false};
// A governor: counts only.
constexpr ProvisionAllowed kProvisionCounts{true, false, false, false, false};
constexpr ProvisionAllowed kProvisionNone{false, false, false, false, false};

struct ProvisionRow {
  Role role;
  SettingRelation relation;
  ProvisionAllowed allowed;
};

// access_policy.h (issue 7): a school's provision map, delivery and ALN register.
//   kViewCounts: LA administrators and officers of the setting's LA; its ALNCos, teachers and
//     governors; kView and kRecordDelivery: the same but governors; kEdit and kExport: LA
//     administrators and officers, the setting's ALNCos. Panel members, parents, young people and
//     health board officers never.
const std::vector<ProvisionRow>& ProvisionTable() {
  using S = SettingRelation;
  static const std::vector<ProvisionRow> rows = {
      {Role::kLaAdministrator, S::kOwn, kProvisionAll},
      {Role::kLaAdministrator, S::kSameLa, kProvisionAll},
      {Role::kLaAdministrator, S::kOtherLa, kProvisionNone},

      {Role::kLaOfficer, S::kOwn, kProvisionAll},
      {Role::kLaOfficer, S::kSameLa, kProvisionAll},
      {Role::kLaOfficer, S::kOtherLa, kProvisionNone},

      {Role::kPanelMember, S::kOwn, kProvisionNone},
      {Role::kPanelMember, S::kSameLa, kProvisionNone},
      {Role::kPanelMember, S::kOtherLa, kProvisionNone},

      {Role::kAlnco, S::kOwn, kProvisionAll},
      {Role::kAlnco, S::kSameLa, kProvisionNone},
      {Role::kAlnco, S::kOtherLa, kProvisionNone},

      {Role::kTeacher, S::kOwn, kProvisionTeacher},
      {Role::kTeacher, S::kSameLa, kProvisionNone},
      {Role::kTeacher, S::kOtherLa, kProvisionNone},

      {Role::kGovernor, S::kOwn, kProvisionCounts},
      {Role::kGovernor, S::kSameLa, kProvisionNone},
      {Role::kGovernor, S::kOtherLa, kProvisionNone},

      {Role::kParent, S::kOwn, kProvisionNone},
      {Role::kParent, S::kSameLa, kProvisionNone},
      {Role::kParent, S::kOtherLa, kProvisionNone},

      {Role::kYoungPerson, S::kOwn, kProvisionNone},
      {Role::kYoungPerson, S::kSameLa, kProvisionNone},
      {Role::kYoungPerson, S::kOtherLa, kProvisionNone},

      {Role::kHealthBoardOfficer, S::kOwn, kProvisionNone},
      {Role::kHealthBoardOfficer, S::kSameLa, kProvisionNone},
      {Role::kHealthBoardOfficer, S::kOtherLa, kProvisionNone},
  };
  return rows;
}

void ExpectProvisionAllowed(const User& user, const Setting& setting, ProvisionAllowed allowed) {
  EXPECT_EQ(MayAccessProvision(user, ProvisionAction::kViewCounts, setting), allowed.view_counts)
      << "view counts";
  EXPECT_EQ(MayAccessProvision(user, ProvisionAction::kView, setting), allowed.view) << "view";
  EXPECT_EQ(MayAccessProvision(user, ProvisionAction::kEdit, setting), allowed.edit) << "edit";
  EXPECT_EQ(MayAccessProvision(user, ProvisionAction::kRecordDelivery, setting),
            allowed.record_delivery)
      << "record delivery";
  EXPECT_EQ(MayAccessProvision(user, ProvisionAction::kExport, setting), allowed.exportable)
      << "export";
}

TEST(MayAccessProvisionTest, EachRoleSeesAndKeepsOnlyTheMapsAndRegistersItsWorkNeeds) {
  for (const auto& row : ProvisionTable()) {
    SCOPED_TRACE(std::string(Code(row.role)) + ", " + std::string(Name(row.relation)));
    ExpectProvisionAllowed(UserWithRole(row.role), SettingWith(row.relation), row.allowed);
  }
}

TEST(MayAccessProvisionTest, TheTableCoversEveryRoleAndSetting) {
  EXPECT_EQ(ProvisionTable().size(), AllRoles().size() * 3);
  for (Role role : AllRoles()) {
    int rows = 0;
    for (const auto& row : ProvisionTable()) rows += row.role == role;
    EXPECT_EQ(rows, 3) << Code(role);
  }
}

TEST(MayAccessProvisionTest, ADisabledUserMayDoNothing) {
  for (const auto& row : ProvisionTable()) {
    SCOPED_TRACE(std::string(Code(row.role)) + ", " + std::string(Name(row.relation)));
    User user = UserWithRole(row.role);
    user.disabled = true;
    ExpectProvisionAllowed(user, SettingWith(row.relation), kProvisionNone);
  }
}

TEST(MayAccessProvisionTest, SettingsLeftOverFromAnotherRoleGiveNothing) {
  for (const auto& row : ProvisionTable()) {
    SCOPED_TRACE(std::string(Code(row.role)) + ", " + std::string(Name(row.relation)));
    User user = UserWithRole(row.role);
    user.settings = {kOwnSetting};
    user.family_member = kOwnFamilyMember;
    user.learner = kSelf;
    user.health_board = kOwnBoard;
    ExpectProvisionAllowed(user, SettingWith(row.relation), row.allowed);
  }
}

TEST(MayAccessProvisionTest, AnAlncoOfSeveralSettingsKeepsTheMapOfEach) {
  User alnco = UserWithRole(Role::kAlnco);
  alnco.settings = {kOwnSetting, kOtherSetting};
  ExpectProvisionAllowed(alnco, SettingWith(SettingRelation::kOwn), kProvisionAll);
  ExpectProvisionAllowed(alnco, SettingWith(SettingRelation::kSameLa), kProvisionAll);
  ExpectProvisionAllowed(alnco, SettingWith(SettingRelation::kOtherLa), kProvisionNone);
}

struct LiaisonAllowed {
  bool view, record, remove;
};
constexpr LiaisonAllowed kLiaisonAll{true, true, true};
// A teacher who did not record the contact: sees and records, but does not remove.
constexpr LiaisonAllowed kLiaisonKeep{true, true, false};
constexpr LiaisonAllowed kLiaisonNone{false, false, false};

User Disabled(User user) {
  user.disabled = true;
  return user;
}

User OfOtherLa(User user) {
  user.local_authority = kOtherLa;
  return user;
}

// A panel member with the learner of LearnerWith on their panel's agenda, who may view them.
User WithLearnerOnAgenda(User user) {
  user.panel_learners = {LearnerWith(Relation::kAtOwnSetting).id};
  return user;
}

struct LiaisonRow {
  const char* who;
  User user;
  Relation relation;  // the learner's to the user
  bool recorded_it;
  LiaisonAllowed allowed;
};

// access_policy.h (issue 7): family liaison contacts.
//   kView, kRecord: LA administrators and officers, ALNCos and teachers who may view the learner;
//   never governors, panel members, health board officers, parents or young people;
//   kRemove: LA administrators and officers, ALNCos who may update the learner, and whoever
//   recorded the contact while they may still record.
const std::vector<LiaisonRow>& LiaisonTable() {
  using R = Relation;
  static const std::vector<LiaisonRow> rows = {
      {"LA administrator", UserWithRole(Role::kLaAdministrator), R::kAtOwnSetting, false,
       kLiaisonAll},
      {"LA administrator, a learner at any school of the LA", UserWithRole(Role::kLaAdministrator),
       R::kAtOtherSetting, false, kLiaisonAll},
      {"LA administrator, a learner the LA looks after", UserWithRole(Role::kLaAdministrator),
       R::kLookedAfterByOwnLa, false, kLiaisonAll},
      {"LA administrator, another LA's learner", UserWithRole(Role::kLaAdministrator), R::kOtherLa,
       false, kLiaisonNone},
      {"LA officer", UserWithRole(Role::kLaOfficer), R::kAtOtherSetting, false, kLiaisonAll},
      {"LA officer, a learner the LA looks after", UserWithRole(Role::kLaOfficer),
       R::kLookedAfterByOwnLa, false, kLiaisonAll},
      {"LA officer, another LA's learner", UserWithRole(Role::kLaOfficer), R::kOtherLa, false,
       kLiaisonNone},
      {"another LA's officer", OfOtherLa(UserWithRole(Role::kLaOfficer)), R::kAtOwnSetting, false,
       kLiaisonNone},
      {"another LA's officer who recorded it", OfOtherLa(UserWithRole(Role::kLaOfficer)),
       R::kAtOwnSetting, true, kLiaisonNone},
      {"another LA's administrator", OfOtherLa(UserWithRole(Role::kLaAdministrator)),
       R::kAtOwnSetting, false, kLiaisonNone},
      {"panel member with the learner on their agenda",
       WithLearnerOnAgenda(UserWithRole(Role::kPanelMember)), R::kAtOwnSetting, false,
       kLiaisonNone},
      {"panel member with the learner on their agenda who recorded it",
       WithLearnerOnAgenda(UserWithRole(Role::kPanelMember)), R::kAtOwnSetting, true, kLiaisonNone},
      {"ALNCo at the learner's school", UserWithRole(Role::kAlnco), R::kAtOwnSetting, false,
       kLiaisonAll},
      {"ALNCo at another school", UserWithRole(Role::kAlnco), R::kAtOtherSetting, false,
       kLiaisonNone},
      {"ALNCo at another school who recorded it", UserWithRole(Role::kAlnco), R::kAtOtherSetting,
       true, kLiaisonNone},
      {"teacher at the learner's school", UserWithRole(Role::kTeacher), R::kAtOwnSetting, false,
       kLiaisonKeep},
      {"teacher at the learner's school who recorded it", UserWithRole(Role::kTeacher),
       R::kAtOwnSetting, true, kLiaisonAll},
      {"teacher at another school", UserWithRole(Role::kTeacher), R::kAtOtherSetting, false,
       kLiaisonNone},
      {"teacher at another school who recorded it", UserWithRole(Role::kTeacher),
       R::kAtOtherSetting, true, kLiaisonNone},
      {"governor at the learner's school", UserWithRole(Role::kGovernor), R::kAtOwnSetting, false,
       kLiaisonNone},
      {"governor at the learner's school who recorded it", UserWithRole(Role::kGovernor),
       R::kAtOwnSetting, true, kLiaisonNone},
      {"parent of the learner", UserWithRole(Role::kParent), R::kOwnChild, false, kLiaisonNone},
      {"parent of the learner who recorded it", UserWithRole(Role::kParent), R::kOwnChild, true,
       kLiaisonNone},
      {"young person, their own", UserWithRole(Role::kYoungPerson), R::kSelf, false, kLiaisonNone},
      {"health board officer, a learner referred to their board",
       UserWithRole(Role::kHealthBoardOfficer), R::kReferredToOwnBoard, false, kLiaisonNone},
      {"disabled LA administrator", Disabled(UserWithRole(Role::kLaAdministrator)),
       R::kAtOwnSetting, false, kLiaisonNone},
      {"disabled ALNCo at the learner's school", Disabled(UserWithRole(Role::kAlnco)),
       R::kAtOwnSetting, false, kLiaisonNone},
      {"disabled teacher at the learner's school who recorded it",
       Disabled(UserWithRole(Role::kTeacher)), R::kAtOwnSetting, true, kLiaisonNone},
  };
  return rows;
}

void ExpectLiaisonAllowed(const User& user, const Learner& learner, bool recorded_it,
                          LiaisonAllowed allowed) {
  EXPECT_EQ(MayAccessFamilyContacts(user, LiaisonAction::kView, learner, kToday, recorded_it),
            allowed.view)
      << "view";
  EXPECT_EQ(MayAccessFamilyContacts(user, LiaisonAction::kRecord, learner, kToday, recorded_it),
            allowed.record)
      << "record";
  EXPECT_EQ(MayAccessFamilyContacts(user, LiaisonAction::kRemove, learner, kToday, recorded_it),
            allowed.remove)
      << "remove";
}

TEST(MayAccessFamilyContactsTest,
     OnlyTheProfessionalsWorkingWithTheLearnerSeeTheirFamilysContacts) {
  for (const auto& row : LiaisonTable()) {
    SCOPED_TRACE(std::string(row.who) + ", " + std::string(Name(row.relation)) +
                 (row.recorded_it ? ", recorded it" : ""));
    ExpectLiaisonAllowed(row.user, LearnerWith(row.relation), row.recorded_it, row.allowed);
  }
}

TEST(MayAccessFamilyContactsTest, TheTableCoversEveryRole) {
  for (Role role : AllRoles()) {
    int rows = 0;
    for (const auto& row : LiaisonTable()) rows += row.user.role == role;
    EXPECT_GE(rows, 1) << Code(role);
  }
}

TEST(MayAccessFamilyContactsTest, TheDefaultIsThatTheUserDidNotRecordIt) {
  const Learner learner = LearnerWith(Relation::kAtOwnSetting);
  const User teacher = UserWithRole(Role::kTeacher);
  EXPECT_FALSE(MayAccessFamilyContacts(teacher, LiaisonAction::kRemove, learner, kToday));
  EXPECT_TRUE(
      MayAccessFamilyContacts(UserWithRole(Role::kAlnco), LiaisonAction::kRemove, learner, kToday));
}

// access_policy.h: a school keeps a learner's family contacts while the learner is registered
// there, and the one who recorded a contact may remove it only while they may still record.
TEST(MayAccessFamilyContactsTest, ASchoolsRightsEndWithTheLearnersRegistration) {
  struct Case {
    std::string_view what;
    Registration registration;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {"ended yesterday", {kOwnSetting, D(2019, 9, 1), D(2025, 11, 2)}, false},
      {"ends today", {kOwnSetting, D(2019, 9, 1), D(2025, 11, 3)}, true},
      {"starts next September", {kOwnSetting, D(2026, 9, 1), std::nullopt}, true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Learner learner = LearnerWith(Relation::kAtOtherSetting);
    learner.registrations = {c.registration};
    ExpectLiaisonAllowed(UserWithRole(Role::kAlnco), learner, false,
                         c.allowed ? kLiaisonAll : kLiaisonNone);
    ExpectLiaisonAllowed(UserWithRole(Role::kTeacher), learner, false,
                         c.allowed ? kLiaisonKeep : kLiaisonNone);
    ExpectLiaisonAllowed(UserWithRole(Role::kTeacher), learner, true,
                         c.allowed ? kLiaisonAll : kLiaisonNone);
    ExpectLiaisonAllowed(UserWithRole(Role::kLaOfficer), learner, false, kLiaisonAll);
  }
}

TEST(RoleAbilitiesTest, MatchWhatEachRoleIsFor) {
  struct Case {
    Role role;
    bool see_names, list_settings, create_learners;
  };
  const std::vector<Case> cases = {
      {Role::kLaAdministrator, true, true, true},
      {Role::kLaOfficer, true, true, true},
      {Role::kPanelMember, true, true, false},
      {Role::kAlnco, true, true, true},
      {Role::kTeacher, true, true, false},
      {Role::kGovernor, false, true, false},
      {Role::kParent, true, false, false},
      {Role::kYoungPerson, true, false, false},
      {Role::kHealthBoardOfficer, true, false, false},
  };
  ASSERT_EQ(cases.size(), AllRoles().size());
  for (const auto& c : cases) {
    EXPECT_EQ(MaySeeLearnerNames(c.role), c.see_names) << Code(c.role);
    EXPECT_EQ(MayListSettings(c.role), c.list_settings) << Code(c.role);
    EXPECT_EQ(MayCreateLearners(c.role), c.create_learners) << Code(c.role);
  }
}

TEST(LearnerScopeTest, AnEmptyScopeMatchesNobody) {
  LearnerScope scope;
  scope.on = kToday;
  ASSERT_TRUE(scope.Empty());
  for (const auto& row : Table()) EXPECT_FALSE(scope.Matches(LearnerWith(row.relation)));
  Learner unsaved;  // id 0, LA 0
  EXPECT_FALSE(scope.Matches(unsaved));
}

// Generators for the consistency property: small id ranges so that matches are common.
rc::Gen<std::optional<Date>> GenEnd() {
  return rc::gen::map(rc::gen::inRange(-3, 4), [](int offset) -> std::optional<Date> {
    if (offset == 3) return std::nullopt;
    return AddDays(kToday, offset);
  });
}

Learner GenLearner() {
  Learner learner;
  learner.id = LearnerId{*rc::gen::inRange<std::int64_t>(40, 45)};
  learner.local_authority = LocalAuthorityId{*rc::gen::inRange<std::int64_t>(1, 4)};
  learner.date_of_birth = D(2015, 5, 5);
  learner.looked_after = *rc::gen::arbitrary<bool>();
  if (*rc::gen::arbitrary<bool>()) {
    learner.looked_after_by = LocalAuthorityId{*rc::gen::inRange<std::int64_t>(1, 4)};
  }
  const int registrations = *rc::gen::inRange(0, 4);
  for (int i = 0; i < registrations; ++i) {
    const Date start = AddDays(kToday, *rc::gen::inRange(-3, 3));
    learner.registrations.push_back(
        {SettingId{*rc::gen::inRange<std::int64_t>(10, 14)}, start, *GenEnd()});
  }
  const int family = *rc::gen::inRange(0, 3);
  for (int i = 0; i < family; ++i) {
    learner.family.push_back({FamilyMemberId{*rc::gen::inRange<std::int64_t>(100, 104)}, "parent",
                              *rc::gen::arbitrary<bool>()});
  }
  const int referrals = *rc::gen::inRange(0, 3);
  for (int i = 0; i < referrals; ++i) {
    learner.health_board_referrals.push_back(HealthBoardId{*rc::gen::inRange<std::int64_t>(7, 10)});
  }
  return learner;
}

User GenUser() {
  User user;
  user.role = *rc::gen::elementOf(AllRoles());
  user.local_authority = LocalAuthorityId{*rc::gen::inRange<std::int64_t>(1, 4)};
  const int settings = *rc::gen::inRange(0, 3);
  for (int i = 0; i < settings; ++i) {
    user.settings.push_back(SettingId{*rc::gen::inRange<std::int64_t>(10, 14)});
  }
  if (*rc::gen::arbitrary<bool>()) {
    user.family_member = FamilyMemberId{*rc::gen::inRange<std::int64_t>(100, 104)};
  }
  if (*rc::gen::arbitrary<bool>())
    user.learner = LearnerId{*rc::gen::inRange<std::int64_t>(40, 45)};
  if (*rc::gen::arbitrary<bool>())
    user.panel_learners = {LearnerId{*rc::gen::inRange<std::int64_t>(40, 45)}};
  if (*rc::gen::arbitrary<bool>()) {
    user.health_board = HealthBoardId{*rc::gen::inRange<std::int64_t>(7, 10)};
  }
  user.disabled = *rc::gen::weightedElement<bool>({{1, true}, {4, false}});
  return user;
}

// A reading of access_policy.h written out independently of access_policy.cc.
bool ExpectedView(const User& user, const Learner& learner) {
  if (user.disabled) return false;
  switch (user.role) {
    case Role::kLaAdministrator:
    case Role::kLaOfficer:
      return learner.local_authority == user.local_authority ||
             (learner.looked_after && learner.looked_after_by == user.local_authority);
    case Role::kPanelMember:
      return std::find(user.panel_learners.begin(), user.panel_learners.end(), learner.id) !=
             user.panel_learners.end();
    case Role::kAlnco:
    case Role::kTeacher:
      for (const auto& r : learner.registrations) {
        // Current, or starting later (transition); not once ended.
        if (r.end && *r.end < kToday) continue;
        for (SettingId s : user.settings)
          if (s == r.setting) return true;
      }
      return false;
    case Role::kGovernor:
      return false;
    case Role::kParent:
      for (const auto& f : learner.family)
        if (f.member == user.family_member && f.parental_responsibility) return true;
      return false;
    case Role::kYoungPerson:
      return user.learner == learner.id;
    case Role::kHealthBoardOfficer:
      for (HealthBoardId b : learner.health_board_referrals)
        if (b == user.health_board) return true;
      return false;
  }
  return false;
}

constexpr int kLearnersPerUser = 50;

// access_policy.h: the store's query (ViewScopeFor) is the same rule as MayAccessLearner(kView),
// and nobody may change or export a learner they cannot see.
TEST(AccessPolicyPropertyTest, TheStoreScopeAgreesWithMayAccessLearner) {
  EXPECT_TRUE(rc::check("ViewScopeFor(user).Matches(l) == MayAccessLearner(user, kView, l)", [] {
    const User user = GenUser();
    const LearnerScope scope = ViewScopeFor(user, kToday);
    RC_ASSERT(scope.on == kToday);
    for (int i = 0; i < kLearnersPerUser; ++i) {
      const Learner learner = GenLearner();
      const bool view = MayAccessLearner(user, LearnerAction::kView, learner, kToday);
      RC_ASSERT(scope.Matches(learner) == view);
      if (scope.Empty()) RC_ASSERT(!view);
      for (auto action : {LearnerAction::kCreate, LearnerAction::kUpdate, LearnerAction::kExport}) {
        if (MayAccessLearner(user, action, learner, kToday)) {
          RC_ASSERT(view);
          RC_ASSERT(MayCreateLearners(user.role));
        }
      }
    }
  }));
}

TEST(AccessPolicyPropertyTest, ViewingFollowsTheWrittenRule) {
  EXPECT_TRUE(rc::check("MayAccessLearner(kView) follows access_policy.h", [] {
    const User user = GenUser();
    for (int i = 0; i < kLearnersPerUser; ++i) {
      const Learner learner = GenLearner();
      RC_ASSERT(MayAccessLearner(user, LearnerAction::kView, learner, kToday) ==
                ExpectedView(user, learner));
    }
  }));
}

}  // namespace
}  // namespace cynnal::domain
