#include "domain/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cynnal::domain {
namespace {

TEST(TrimTest, RemovesSpacesTabsAndLineBreaksAtBothEndsOnly) {
  EXPECT_EQ(Trim("  Siân Ŵyn \t\r\n"), "Siân Ŵyn");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim("a  b"), "a  b");
}

TEST(ParsePositiveIdTest, AcceptsOnlyPositiveWholeNumbers) {
  EXPECT_EQ(ParsePositiveId("42"), 42);
  for (auto bad : {"", "0", "-3", "+3", " 3", "3 ", "3a", "12abc", "99999999999999999999"})
    EXPECT_FALSE(ParsePositiveId(bad).has_value()) << "'" << bad << "'";
}

TEST(ParseWholeNumberTest, AcceptsZeroButNothingThatIsNotDigits) {
  EXPECT_EQ(ParseWholeNumber("0"), 0);
  EXPECT_EQ(ParseWholeNumber("17"), 17);
  for (auto bad : {"", "-1", " 1", "1.5", "x"})
    EXPECT_FALSE(ParseWholeNumber(bad).has_value()) << "'" << bad << "'";
}

TEST(CharacterCountTest, CountsCharactersNotBytes) {
  struct Row {
    const char* name;
    std::string text;
    std::size_t characters;
  };
  const std::vector<Row> rows = {
      {"plain ASCII", "Cynnal", 6},
      {"Welsh letters of two bytes each", "ŵŷ", 2},
      {"a Welsh word", "Siân", 4},
      {"empty", "", 0},
      {"a four-byte emoji", "\xF0\x9F\x98\x80", 1},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(CharacterCount(row.text), row.characters);
  }
}

TEST(IsValidUtf8Test, AcceptsWelshAndRejectsBrokenSequences) {
  struct Row {
    const char* name;
    std::string text;
    bool valid;
  };
  const std::vector<Row> rows = {
      {"plain ASCII", "Adroddiad y seicolegydd", true},
      {"Welsh letters", "Siân, ŵyr, tŷ, gwẅr", true},
      {"empty", "", true},
      {"a four-byte emoji", "\xF0\x9F\x98\x80", true},
      {"a lone continuation byte",
       "a\x80"
       "b",
       false},
      {"a truncated sequence", "\xC5", false},
      {"an overlong slash", "\xC0\xAF", false},
      {"a surrogate", "\xED\xA0\x80", false},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80", false},
      {"a Latin-1 byte", "caf\xE9", false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(IsValidUtf8(row.text), row.valid);
  }
}

}  // namespace
}  // namespace cynnal::domain
