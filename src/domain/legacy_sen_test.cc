#include "domain/legacy_sen.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/wales_calendar_for_tests.h"

namespace cynnal::domain {
namespace {

using testing::Iso;
using Fields = std::map<std::string, std::string>;

constexpr const char* kToday = "2026-06-30";

Learner BornOn(const char* date_of_birth, std::int64_t id = 100) {
  Learner learner;
  learner.id = LearnerId{id};
  learner.local_authority = LocalAuthorityId{1};
  learner.legal_first_name = "Eira";
  learner.legal_last_name = "Morgan";
  learner.date_of_birth = Iso(date_of_birth);
  return learner;
}

// A statement made in Year 1, converted to an IDP in the first year of the ALN system.
LegacySenRecord Statement() {
  LegacySenRecord r;
  r.id = LegacySenRecordId{1};
  r.local_authority = LocalAuthorityId{1};
  r.learner = LearnerId{100};
  r.status = LegacySenStatus::kStatement;
  r.since = Iso("2016-05-01");
  r.statement_dated = Iso("2016-06-20");
  r.last_annual_review_on = Iso("2021-06-14");
  r.outcome = ConversionOutcome::kIdpNotice;
  r.converted_on = Iso("2022-01-10");
  return r;
}

// Each problem is shown against the field to correct.
TEST(LegacySenTest, CheckLegacyRecordRefusesWhatCannotHaveHappened) {
  struct Case {
    const char* why;
    std::function<void(LegacySenRecord&)> edit;
    Fields fields;  // empty: accepted
  };
  auto not_converted = [](LegacySenRecord& r) {
    r.outcome.reset();
    r.converted_on.reset();
  };
  const std::vector<Case> cases = {
      {"a statement converted to an IDP", [](LegacySenRecord&) {}, {}},
      {"converted on the first day of the ALN system",
       [](LegacySenRecord& r) { r.converted_on = Iso("2021-09-01"); },
       {}},
      {"converted the day before the ALN system began",
       [](LegacySenRecord& r) { r.converted_on = Iso("2021-08-31"); },
       {{"converted_on", "legacy_error_before_aln_system"}}},
      {"an outcome without its date",
       [](LegacySenRecord& r) { r.converted_on.reset(); },
       {{"converted_on", "legacy_error_conversion_incomplete"}}},
      {"a date without its outcome",
       [](LegacySenRecord& r) { r.outcome.reset(); },
       {{"outcome", "legacy_error_conversion_incomplete"}}},
      {"School Action Plus, not yet converted",
       [&](LegacySenRecord& r) {
         r.status = LegacySenStatus::kSchoolActionPlus;
         r.statement_dated.reset();
         r.last_annual_review_on.reset();
         not_converted(r);
       },
       {}},
      {"a statement date on School Action",
       [](LegacySenRecord& r) {
         r.status = LegacySenStatus::kSchoolAction;
         r.last_annual_review_on.reset();
       },
       {{"statement_dated", "legacy_error_not_statement"}}},
      {"a status beginning tomorrow",
       [&](LegacySenRecord& r) {
         r.since = Iso("2026-07-01");
         not_converted(r);
       },
       {{"since", "idp_error_date_future"}}},
      {"a status beginning before birth",
       [](LegacySenRecord& r) { r.since = Iso("2012-01-01"); },
       {{"since", "legacy_error_before_birth"}}},
      {"a statement dated tomorrow",
       [](LegacySenRecord& r) {
         r.statement_dated = Iso("2026-07-01");
         r.last_annual_review_on.reset();
       },
       {{"statement_dated", "idp_error_date_future"}}},
      {"an annual review before the statement",
       [](LegacySenRecord& r) { r.last_annual_review_on = Iso("2016-06-19"); },
       {{"last_annual_review_on", "legacy_error_review_before_statement"}}},
      {"converted tomorrow",
       [](LegacySenRecord& r) { r.converted_on = Iso("2026-07-01"); },
       {{"converted_on", "idp_error_date_future"}}},
      {"converted before the status began",
       [](LegacySenRecord& r) { r.since = Iso("2022-02-01"); },
       {{"converted_on", "legacy_error_before_status"}}},
      {"a conversion with no legacy status",
       [](LegacySenRecord& r) {
         r.status = LegacySenStatus::kNone;
         r.statement_dated.reset();
         r.last_annual_review_on.reset();
       },
       {{"outcome", "legacy_error_nothing_to_convert"}}},
  };
  const Learner learner = BornOn("2012-03-10");
  for (const Case& c : cases) {
    LegacySenRecord record = Statement();
    c.edit(record);
    auto checked = CheckLegacyRecord(record, learner, Iso(kToday));
    if (c.fields.empty()) {
      EXPECT_TRUE(checked.has_value()) << c.why << ": " << checked.error().message;
      continue;
    }
    ASSERT_FALSE(checked.has_value()) << c.why;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument) << c.why;
    EXPECT_EQ(checked.error().fields, c.fields) << c.why;
  }
}

// REFERENCE section 9 (YearGroupOn): the cohort is the year group on the day of conversion.
TEST(LegacySenTest, CohortIsTheYearGroupOnTheConversionDate) {
  struct Case {
    const char* born;
    const char* converted_on;  // "" not converted
    std::optional<int> cohort;
  };
  const std::vector<Case> cases = {
      {"2010-10-01", "2022-01-10", 6},  // the oldest of the 2021/22 Year 6
      {"2010-08-31", "2022-01-10", 7},  // the youngest of the 2021/22 Year 7
      {"2010-10-01", "2022-08-31", 6},  // the last day of that school year
      {"2010-10-01", "2022-09-01", 7},  // moved up a year
      {"2017-03-10", "2021-09-01", 0},  // reception
      {"2010-10-01", "", std::nullopt},
  };
  for (const Case& c : cases) {
    LegacySenRecord record = Statement();
    if (*c.converted_on) {
      record.converted_on = Iso(c.converted_on);
    } else {
      record.outcome.reset();
      record.converted_on.reset();
    }
    EXPECT_EQ(record.Cohort(BornOn(c.born)), c.cohort)
        << "born " << c.born << ", converted " << c.converted_on;
  }
}

// REFERENCE section 8: every legacy record was to be converted by 31 August 2025.
TEST(LegacySenTest, ConvertedLateOnlyAfterTheEndOfAugust2025) {
  LegacySenRecord record = Statement();
  record.converted_on = Iso("2025-08-31");
  EXPECT_FALSE(record.ConvertedLate());
  record.converted_on = Iso("2025-09-01");
  EXPECT_TRUE(record.ConvertedLate());
  record.converted_on.reset();
  record.outcome.reset();
  EXPECT_FALSE(record.ConvertedLate());
}

LegacySenRecord Record(std::int64_t learner, LegacySenStatus status,
                       std::optional<ConversionOutcome> outcome = std::nullopt,
                       const char* converted_on = "") {
  LegacySenRecord r;
  r.id = LegacySenRecordId{learner};
  r.local_authority = LocalAuthorityId{1};
  r.learner = LearnerId{learner};
  r.status = status;
  r.since = Iso("2018-09-03");
  r.outcome = outcome;
  if (*converted_on) r.converted_on = Iso(converted_on);
  return r;
}

std::string Describe(const TransitionRow& row) {
  return std::string(Code(row.status)) + " " +
         (row.cohort ? std::to_string(*row.cohort) : std::string("-")) +
         ": idp=" + std::to_string(row.idp_notices) +
         " no_idp=" + std::to_string(row.no_idp_notices) +
         " not_converted=" + std::to_string(row.not_converted) +
         " late=" + std::to_string(row.late);
}

// The report the LA sends on the transition to the ALN system.
TEST(TransitionReportTest, CountsByStatusThenCohortWithNotConvertedLast) {
  using S = LegacySenStatus;
  using O = ConversionOutcome;
  const std::vector<LegacySenRecord> records = {
      Record(6, S::kSchoolActionPlus),
      Record(1, S::kStatement, O::kIdpNotice, "2022-01-10"),
      Record(4, S::kSchoolActionPlus, O::kIdpNotice, "2025-09-15"),
      Record(3, S::kSchoolAction),
      Record(8, S::kNone),
      Record(2, S::kSchoolAction, O::kNoIdpNotice, "2023-03-01"),
      Record(9, S::kStatement, O::kNoIdpNotice, "2025-11-03"),
      Record(5, S::kSchoolActionPlus, O::kIdpNotice, "2024-05-01"),
      Record(7, S::kSchoolAction, O::kIdpNotice, "2023-02-01"),
  };
  const std::map<LearnerId, Date> born = {
      {LearnerId{1}, Iso("2010-10-01")}, {LearnerId{2}, Iso("2015-01-05")},
      {LearnerId{3}, Iso("2015-02-01")}, {LearnerId{4}, Iso("2012-04-01")},
      {LearnerId{5}, Iso("2011-11-20")}, {LearnerId{6}, Iso("2012-06-01")},
      {LearnerId{7}, Iso("2014-09-30")}, {LearnerId{8}, Iso("2013-01-01")},
      {LearnerId{9}, Iso("2010-12-01")},
  };
  std::vector<std::string> rows;
  for (const TransitionRow& row : TransitionReport(records, born)) rows.push_back(Describe(row));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "A 3: idp=1 no_idp=1 not_converted=0 late=0",
                      "A -: idp=0 no_idp=0 not_converted=1 late=0",
                      "P 7: idp=1 no_idp=0 not_converted=0 late=0",
                      "P 9: idp=1 no_idp=0 not_converted=0 late=1",
                      "P -: idp=0 no_idp=0 not_converted=1 late=0",
                      "S 6: idp=1 no_idp=0 not_converted=0 late=0",
                      "S 10: idp=0 no_idp=1 not_converted=0 late=1",
                  }));
}

TEST(TransitionReportTest, NothingToReportWithoutLegacyRecords) {
  EXPECT_TRUE(TransitionReport({Record(8, LegacySenStatus::kNone)}, {}).empty());
  EXPECT_TRUE(TransitionReport({}, {}).empty());
}

}  // namespace
}  // namespace cynnal::domain
