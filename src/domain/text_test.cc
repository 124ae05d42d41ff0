#include "domain/text.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cynnal::domain
