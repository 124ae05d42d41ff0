#include "domain/legacy_sen.h"

#include <algorithm>
#include <tuple>

#include "domain/code_table.h"

namespace cynnal::domain {
namespace {

constexpr CodeTable<LegacySenStatus, 4> kStatuses = {{
    {LegacySenStatus::kNone, "N"},
    {LegacySenStatus::kSchoolAction, "A"},
    {LegacySenStatus::kSchoolActionPlus, "P"},
    {LegacySenStatus::kStatement, "S"},
}};

constexpr CodeTable<ConversionOutcome, 2> kOutcomes = {{
    {ConversionOutcome::kIdpNotice, "idp_notice"},
    {ConversionOutcome::kNoIdpNotice, "no_idp_notice"},
}};

}  // namespace

std::string_view Code(LegacySenStatus status) { return CodeIn(kStatuses, status); }
std::optional<LegacySenStatus> LegacySenStatusFromCode(std::string_view code) {
  return FromCodeIn(kStatuses, code);
}
const std::vector<LegacySenStatus>& AllLegacySenStatuses() {
  static const std::vector<LegacySenStatus> all = AllIn(kStatuses);
  return all;
}
std::string_view Code(ConversionOutcome outcome) { return CodeIn(kOutcomes, outcome); }
std::optional<ConversionOutcome> ConversionOutcomeFromCode(std::string_view code) {
  return FromCodeIn(kOutcomes, code);
}

std::optional<int> LegacySenRecord::Cohort(const Learner& learner) const {
  if (!converted_on) return std::nullopt;
  return YearGroupOn(learner.date_of_birth, *converted_on);
}

Result<void> CheckLegacyRecord(const LegacySenRecord& r, const Learner& learner, Date today) {
  std::map<std::string, std::string> fields;
  if (r.status != LegacySenStatus::kNone) {
    if (today < r.since) {
      fields.emplace("since", "idp_error_date_future");
    } else if (r.since < learner.date_of_birth) {
      fields.emplace("since", "legacy_error_before_birth");
    }
  }
  if (r.status != LegacySenStatus::kStatement) {
    if (r.statement_dated) fields.emplace("statement_dated", "legacy_error_not_statement");
    if (r.last_annual_review_on) {
      fields.emplace("last_annual_review_on", "legacy_error_not_statement");
    }
  } else {
    if (r.statement_dated && today < *r.statement_dated) {
      fields.emplace("statement_dated", "idp_error_date_future");
    }
    if (r.last_annual_review_on && r.statement_dated &&
        *r.last_annual_review_on < *r.statement_dated) {
      fields.emplace("last_annual_review_on", "legacy_error_review_before_statement");
    }
  }
  if (r.outcome.has_value() != r.converted_on.has_value()) {
    fields.emplace(r.outcome ? "converted_on" : "outcome", "legacy_error_conversion_incomplete");
  }
  if (r.converted_on) {
    if (r.status == LegacySenStatus::kNone) {
      fields.emplace("outcome", "legacy_error_nothing_to_convert");
    } else if (today < *r.converted_on) {
      fields.emplace("converted_on", "idp_error_date_future");
    } else if (*r.converted_on < kAlnSystemStarts) {
      // REFERENCE section 8: no learner moved to the ALN system before 1 September 2021.
      fields.emplace("converted_on", "legacy_error_before_aln_system");
    } else if (*r.converted_on < r.since) {
      fields.emplace("converted_on", "legacy_error_before_status");
    }
  }
  if (r.note.size() > 2000) fields.emplace("note", "idp_error_too_long");
  if (!fields.empty()) {
    return Fail(Error::InvalidArgument("legacy_error_title", std::move(fields)));
  }
  return {};
}

std::vector<TransitionRow> TransitionReport(const std::vector<LegacySenRecord>& records,
                                            const std::map<LearnerId, Date>& dates_of_birth) {
  std::vector<TransitionRow> rows;
  auto row_for = [&](LegacySenStatus status, std::optional<int> cohort) -> TransitionRow& {
    for (auto& row : rows)
      if (row.status == status && row.cohort == cohort) return row;
    rows.push_back({status, cohort});
    return rows.back();
  };
  for (const LegacySenRecord& r : records) {
    if (r.status == LegacySenStatus::kNone) continue;
    std::optional<int> cohort;
    if (r.converted_on) {
      auto dob = dates_of_birth.find(r.learner);
      if (dob == dates_of_birth.end()) continue;
      cohort = YearGroupOn(dob->second, *r.converted_on);
    }
    TransitionRow& row = row_for(r.status, cohort);
    if (!r.outcome) {
      ++row.not_converted;
    } else if (*r.outcome == ConversionOutcome::kIdpNotice) {
      ++row.idp_notices;
    } else {
      ++row.no_idp_notices;
    }
    if (r.ConvertedLate()) ++row.late;
  }
  std::sort(rows.begin(), rows.end(), [](const TransitionRow& a, const TransitionRow& b) {
    // A, P, S; cohorts in order with "not converted" (nullopt) last.
    auto key = [](const TransitionRow& r) {
      return std::make_tuple(static_cast<int>(r.status), !r.cohort.has_value(),
                             r.cohort.value_or(0));
    };
    return key(a) < key(b);
  });
  return rows;
}

}  // namespace cynnal::domain
