#include "domain/one_page_profile.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;

constexpr const char* kToday = "2026-06-30";

ProfileContent AboutMe() {
  ProfileContent c;
  c.admired = "I am kind and I make people laugh";
  c.important = "My dog Mabli and my nain";
  c.support = "Show me what to do, then let me try";
  c.written_with = "Mam and Mrs Jones";
  return c;
}

// A targeted-support profile written in September 2025 and reviewed once, in March 2026.
OnePageProfile Profile() {
  OnePageProfile p;
  p.id = OnePageProfileId{7};
  p.local_authority = LocalAuthorityId{1};
  p.learner = LearnerId{100};
  p.setting = SettingId{10};
  p.level = SupportLevel::kTargeted;
  p.content = AboutMe();
  p.written_on = Iso("2025-09-15");
  p.reviewed_on = {Iso("2026-03-02")};
  return p;
}

TEST(OnePageProfileTest, CheckProfileRefusesAnEmptyProfileOrOneWrittenTomorrow) {
  struct Case {
    const char* why;
    std::function<void(ProfileContent&)> edit;
    const char* written_on;
    Fields fields;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {"all three parts written", [](ProfileContent&) {}, kToday, {}},
      {"only what is important written",
       [](ProfileContent& c) {
         c.admired.clear();
         c.support.clear();
       },
       "2025-09-15",
       {}},
      {"nothing written",
       [](ProfileContent& c) { c = {}; },
       "2025-09-15",
       {{"admired", "profile_error_empty"}}},
      {"only spaces and who helped",
       [](ProfileContent& c) {
         c.admired = " ";
         c.important = "\t";
         c.support = "  ";
       },
       "2025-09-15",
       {{"admired", "profile_error_empty"}}},
      {"written tomorrow",
       [](ProfileContent&) {},
       "2026-07-01",
       {{"written_on", "idp_error_date_future"}}},
      {"a part over the limit",
       [](ProfileContent& c) { c.support = std::string(kMaxPlanText + 1, 'a'); },
       kToday,
       {{"support", "idp_error_too_long"}}},
  };
  for (const Case& c : cases) {
    ProfileContent content = AboutMe();
    c.edit(content);
    auto checked = CheckProfile(content, Iso(c.written_on), Iso(kToday));
    if (c.fields.empty()) {
      EXPECT_TRUE(checked.has_value()) << c.why << ": " << checked.error().message;
      continue;
    }
    ASSERT_FALSE(checked.has_value()) << c.why;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument) << c.why;
    EXPECT_EQ(checked.error().fields, c.fields) << c.why;
  }
}

TEST(OnePageProfileTest, AReviewBeforeTheLastOneIsRefused) {
  OnePageProfile profile = Profile();
  ProfileContent updated = AboutMe();
  updated.important = "Football on Saturdays";
  auto refused = ReviewProfile(profile, updated, Iso("2026-02-27"), Iso(kToday));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().fields,
            (Fields{{"reviewed_on", "profile_error_review_too_early"}, {"date", "2026-03-02"}}));
  EXPECT_EQ(profile.reviewed_on, std::vector<Date>{Iso("2026-03-02")});
  EXPECT_EQ(profile.content.important, "My dog Mabli and my nain");
}

TEST(OnePageProfileTest, AFirstReviewBeforeTheProfileWasWrittenIsRefused) {
  OnePageProfile profile = Profile();
  profile.reviewed_on.clear();
  auto refused = ReviewProfile(profile, AboutMe(), Iso("2025-09-12"), Iso(kToday));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at("reviewed_on"), "profile_error_review_too_early");
  EXPECT_EQ(refused.error().fields.at("date"), "2025-09-15");
  EXPECT_TRUE(profile.reviewed_on.empty());
}

TEST(OnePageProfileTest, AClosedProfileIsNotReviewed) {
  OnePageProfile profile = Profile();
  profile.closed = true;
  auto refused = ReviewProfile(profile, AboutMe(), Iso("2026-06-29"), Iso(kToday));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message, "profile_error_closed");
  EXPECT_EQ(profile.reviewed_on.size(), 1u);
}

TEST(OnePageProfileTest, AReviewInTheFutureIsRefused) {
  OnePageProfile profile = Profile();
  auto refused = ReviewProfile(profile, AboutMe(), Iso("2026-07-01"), Iso(kToday));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(profile.reviewed_on.size(), 1u);
  EXPECT_EQ(profile.ReviewYearStartsOn(), Iso("2026-03-02"));
}

// The review page's date input is "reviewed_on" (as for a review before the last one), so the
// error for a date in the future must be keyed by it for the error summary to link to the input.
TEST(OnePageProfileTest, AReviewDatedTomorrowIsShownAgainstTheReviewDate) {
  OnePageProfile profile = Profile();
  auto refused = ReviewProfile(profile, AboutMe(), Iso("2026-07-01"), Iso(kToday));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields, (Fields{{"reviewed_on", "idp_error_date_future"}}));
}

// The `opp-review` clock: the review year runs from the latest review.
TEST(OnePageProfileTest, AReviewRestartsTheReviewYear) {
  OnePageProfile profile = Profile();
  profile.reviewed_on.clear();
  EXPECT_EQ(profile.ReviewYearStartsOn(), Iso("2025-09-15"));

  ProfileContent updated = AboutMe();
  updated.important = "Football on Saturdays";
  ASSERT_TRUE(ReviewProfile(profile, updated, Iso("2026-03-02"), Iso(kToday)).has_value());
  EXPECT_EQ(profile.ReviewYearStartsOn(), Iso("2026-03-02"));
  ASSERT_TRUE(ReviewProfile(profile, updated, Iso("2026-06-29"), Iso(kToday)).has_value());
  EXPECT_EQ(profile.reviewed_on, (std::vector<Date>{Iso("2026-03-02"), Iso("2026-06-29")}));
  EXPECT_EQ(profile.ReviewYearStartsOn(), Iso("2026-06-29"));
  EXPECT_EQ(profile.content.important, "Football on Saturdays");
}

}  // namespace
}  // namespace cynnal::domain
