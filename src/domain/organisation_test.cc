#include "domain/organisation.h"

#include <gtest/gtest.h>

#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace cynnal::domain {
namespace {

// Codes are stored in the database and used in URLs and message ids: they must not change.
TEST(SettingTypeTest, EveryTypeHasAStableCodeThatRoundTrips) {
  const std::vector<std::pair<SettingType, std::string_view>> expected = {
      {SettingType::kNursery, "nursery"},
      {SettingType::kPrimary, "primary"},
      {SettingType::kSecondary, "secondary"},
      {SettingType::kAllThrough, "all_through"},
      {SettingType::kSpecial, "special"},
      {SettingType::kPru, "pru"},
      {SettingType::kFei, "fei"},
      {SettingType::kIndependent, "independent"},
      {SettingType::kNonMaintained, "non_maintained"},
  };
  ASSERT_EQ(AllSettingTypes().size(), expected.size());
  for (const auto& [type, code] : expected) {
    EXPECT_EQ(Code(type), code);
    EXPECT_EQ(SettingTypeFromCode(code), type) << code;
  }
  std::set<std::string_view> codes;
  for (SettingType type : AllSettingTypes()) {
    EXPECT_EQ(SettingTypeFromCode(Code(type)), type) << Code(type);
    codes.insert(Code(type));
  }
  EXPECT_EQ(codes.size(), AllSettingTypes().size());
}

TEST(SettingTypeTest, UnknownCodesAreNotSettingTypes) {
  EXPECT_FALSE(SettingTypeFromCode("").has_value());
  EXPECT_FALSE(SettingTypeFromCode("Primary").has_value());
  EXPECT_FALSE(SettingTypeFromCode("all-through").has_value());
  EXPECT_FALSE(SettingTypeFromCode("school").has_value());
}

TEST(LanguageMediumTest, EveryMediumHasAStableCodeThatRoundTrips) {
  const std::vector<std::pair<LanguageMedium, std::string_view>> expected = {
      {LanguageMedium::kEnglish, "english"},
      {LanguageMedium::kWelsh, "welsh"},
      {LanguageMedium::kDualStream, "dual_stream"},
      {LanguageMedium::kBilingual, "bilingual"},
  };
  ASSERT_EQ(AllLanguageMedia().size(), expected.size());
  for (const auto& [medium, code] : expected) {
    EXPECT_EQ(Code(medium), code);
    EXPECT_EQ(LanguageMediumFromCode(code), medium) << code;
  }
  std::set<std::string_view> codes;
  for (LanguageMedium medium : AllLanguageMedia()) {
    EXPECT_EQ(LanguageMediumFromCode(Code(medium)), medium) << Code(medium);
    codes.insert(Code(medium));
  }
  EXPECT_EQ(codes.size(), AllLanguageMedia().size());
}

TEST(LanguageMediumTest, UnknownCodesAreNotMedia) {
  EXPECT_FALSE(LanguageMediumFromCode("").has_value());
  EXPECT_FALSE(LanguageMediumFromCode("cy").has_value());
  EXPECT_FALSE(LanguageMediumFromCode("Welsh").has_value());
  EXPECT_FALSE(LanguageMediumFromCode("dual-stream").has_value());
}

// REFERENCE section 2: a maintained school decides for its own pupils; the LA decides for a child
// at a non-maintained or independent setting, and an FEI decides for its own students.
TEST(IsMaintainedSchoolTest, SchoolsTheLaMaintainsDecideForThemselves) {
  EXPECT_TRUE(IsMaintainedSchool(SettingType::kPrimary));
  EXPECT_TRUE(IsMaintainedSchool(SettingType::kSecondary));
  EXPECT_TRUE(IsMaintainedSchool(SettingType::kAllThrough));
  EXPECT_TRUE(IsMaintainedSchool(SettingType::kSpecial));
  EXPECT_TRUE(IsMaintainedSchool(SettingType::kPru));
  EXPECT_FALSE(IsMaintainedSchool(SettingType::kFei));
  EXPECT_FALSE(IsMaintainedSchool(SettingType::kIndependent));
  EXPECT_FALSE(IsMaintainedSchool(SettingType::kNonMaintained));
}

}  // namespace
}  // namespace cynnal::domain
