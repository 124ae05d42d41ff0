#include "domain/family.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cynnal::domain {
namespace {

FamilyMemberInput ValidInput() {
  FamilyMemberInput input;
  input.full_name = "  Siân Williams ";
  input.relationship = "mother";
  input.parental_responsibility = true;
  input.phone = " 01639 000000 ";
  input.email = "sian@example.org";
  input.address = "1 Stryd Fawr, Castell-nedd";
  input.preferred_language = "cy";
  return input;
}

FamilyMember ExistingMember() {
  FamilyMember member;
  member.id = FamilyMemberId{5};
  member.local_authority = LocalAuthorityId{2};
  member.full_name = "Old Name";
  member.phone = "01234";
  member.email = "old@example.org";
  member.address = "Old address";
  member.preferred_language = LetterLanguage::kEnglish;
  return member;
}

FamilyLink ExistingLink() { return FamilyLink{FamilyMemberId{5}, "carer", false}; }

void ExpectUnchanged(const FamilyMember& member, const FamilyLink& link) {
  const FamilyMember before = ExistingMember();
  EXPECT_EQ(member.id, before.id);
  EXPECT_EQ(member.local_authority, before.local_authority);
  EXPECT_EQ(member.full_name, before.full_name);
  EXPECT_EQ(member.phone, before.phone);
  EXPECT_EQ(member.email, before.email);
  EXPECT_EQ(member.address, before.address);
  EXPECT_EQ(member.preferred_language, before.preferred_language);
  EXPECT_EQ(link.member, ExistingLink().member);
  EXPECT_EQ(link.relationship, ExistingLink().relationship);
  EXPECT_EQ(link.parental_responsibility, ExistingLink().parental_responsibility);
}

TEST(ApplyFamilyMemberInputTest, FillsTheMemberAndTheLinkFromValidInput) {
  FamilyMember member = ExistingMember();
  FamilyLink link = ExistingLink();
  Status status = ApplyFamilyMemberInput(ValidInput(), member, link);
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(member.full_name, "Siân Williams");
  EXPECT_EQ(member.phone, "01639 000000");
  EXPECT_EQ(member.email, "sian@example.org");
  EXPECT_EQ(member.address, "1 Stryd Fawr, Castell-nedd");
  EXPECT_EQ(member.preferred_language, LetterLanguage::kWelsh);
  EXPECT_EQ(link.relationship, "mother");
  EXPECT_TRUE(link.parental_responsibility);
  // Ids are not the form's to change.
  EXPECT_EQ(member.id, FamilyMemberId{5});
  EXPECT_EQ(member.local_authority, LocalAuthorityId{2});
  EXPECT_EQ(link.member, FamilyMemberId{5});
}

TEST(ApplyFamilyMemberInputTest, RecordsAParentWithoutParentalResponsibility) {
  FamilyMemberInput input = ValidInput();
  input.relationship = "father";
  input.parental_responsibility = false;
  FamilyMember member;
  FamilyLink link{FamilyMemberId{5}, "", true};
  ASSERT_TRUE(ApplyFamilyMemberInput(input, member, link).has_value());
  EXPECT_EQ(link.relationship, "father");
  EXPECT_FALSE(link.parental_responsibility);
}

TEST(ApplyFamilyMemberInputTest, AcceptsEveryRelationshipOfferedOnTheForm) {
  ASSERT_FALSE(FamilyRelationships().empty());
  for (const auto& relationship : FamilyRelationships()) {
    FamilyMemberInput input = ValidInput();
    input.relationship = relationship;
    FamilyMember member;
    FamilyLink link;
    EXPECT_TRUE(ApplyFamilyMemberInput(input, member, link).has_value()) << relationship;
    EXPECT_EQ(link.relationship, relationship);
  }
}

TEST(ApplyFamilyMemberInputTest, OneWayOfContactIsEnough) {
  struct Case {
    std::string_view what;
    std::string phone, email, address;
  };
  const std::vector<Case> cases = {
      {"phone only", "07700 900000", "", ""},
      {"email only", "", "rhiant@example.cymru", ""},
      {"address only", "", "", "2 Heol y Bont"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    FamilyMemberInput input = ValidInput();
    input.phone = c.phone;
    input.email = c.email;
    input.address = c.address;
    FamilyMember member;
    FamilyLink link;
    Status status = ApplyFamilyMemberInput(input, member, link);
    EXPECT_TRUE(status.has_value());
  }
}

TEST(ApplyFamilyMemberInputTest, AcceptsValuesAtTheirLengthLimits) {
  FamilyMemberInput input = ValidInput();
  input.full_name = std::string(200, 'a');
  input.phone = std::string(40, '0');
  input.address = std::string(500, 'a');
  FamilyMember member;
  FamilyLink link;
  EXPECT_TRUE(ApplyFamilyMemberInput(input, member, link).has_value());
}

TEST(ApplyFamilyMemberInputTest, EachBadInputIsReportedAgainstItsField) {
  struct Case {
    std::string_view what;
    std::function<void(FamilyMemberInput&)> change;
    std::string field;
    std::string message_id;
  };
  const std::vector<Case> cases = {
      {"no name", [](auto& i) { i.full_name = ""; }, "full_name", "full_name_error_missing"},
      {"blank name", [](auto& i) { i.full_name = "  "; }, "full_name", "full_name_error_missing"},
      {"name too long", [](auto& i) { i.full_name = std::string(201, 'a'); }, "full_name",
       "name_error_too_long"},
      {"no relationship", [](auto& i) { i.relationship = ""; }, "relationship",
       "relationship_error_missing"},
      {"unknown relationship", [](auto& i) { i.relationship = "uncle"; }, "relationship",
       "relationship_error_missing"},
      {"no language", [](auto& i) { i.preferred_language = ""; }, "preferred_language",
       "letter_language_error_missing"},
      {"unknown language", [](auto& i) { i.preferred_language = "pl"; }, "preferred_language",
       "letter_language_error_missing"},
      {"no way of contact",
       [](auto& i) {
         i.phone = " ";
         i.email = "";
         i.address = "";
       },
       "phone", "contact_error_missing"},
      {"email without @", [](auto& i) { i.email = "sian.example.org"; }, "email",
       "email_error_invalid"},
      {"email starting with @", [](auto& i) { i.email = "@example.org"; }, "email",
       "email_error_invalid"},
      {"email without a dot in the domain", [](auto& i) { i.email = "sian@example"; }, "email",
       "email_error_invalid"},
      {"email with a space", [](auto& i) { i.email = "sian w@example.org"; }, "email",
       "email_error_invalid"},
      {"email too long", [](auto& i) { i.email = std::string(250, 'a') + "@example.org"; }, "email",
       "email_error_invalid"},
      {"phone too long", [](auto& i) { i.phone = std::string(41, '0'); }, "phone",
       "phone_error_invalid"},
      {"address too long", [](auto& i) { i.address = std::string(501, 'a'); }, "address",
       "address_error_too_long"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    FamilyMemberInput input = ValidInput();
    c.change(input);
    FamilyMember member = ExistingMember();
    FamilyLink link = ExistingLink();
    Status status = ApplyFamilyMemberInput(input, member, link);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().message, "family_error_summary");
    const std::map<std::string, std::string> expected{{c.field, c.message_id}};
    EXPECT_EQ(status.error().fields, expected);
    ExpectUnchanged(member, link);
  }
}

TEST(ApplyFamilyMemberInputTest, ReportsEveryProblemAtOnce) {
  FamilyMemberInput input;
  input.email = "";
  FamilyMember member = ExistingMember();
  FamilyLink link = ExistingLink();
  Status status = ApplyFamilyMemberInput(input, member, link);
  ASSERT_FALSE(status.has_value());
  const std::map<std::string, std::string> expected{
      {"full_name", "full_name_error_missing"},
      {"relationship", "relationship_error_missing"},
      {"preferred_language", "letter_language_error_missing"},
      {"phone", "contact_error_missing"},
  };
  EXPECT_EQ(status.error().fields, expected);
  ExpectUnchanged(member, link);
}

TEST(FamilyRelationshipsTest, OffersTheUsualRelationshipsOnce) {
  const auto& all = FamilyRelationships();
  for (std::string_view expected : {"mother", "father", "carer", "foster_carer", "other"}) {
    EXPECT_EQ(std::count(all.begin(), all.end(), expected), 1) << expected;
  }
  std::vector<std::string> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

}  // namespace
}  // namespace cynnal::domain
