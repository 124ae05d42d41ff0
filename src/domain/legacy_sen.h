#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/result.h"

namespace cynnal::domain {

// A learner's status under the SEN system that the ALN system replaced (REFERENCE section 8):
// School Action "A", School Action Plus "P", a statement "S", none "N".
enum class LegacySenStatus { kNone, kSchoolAction, kSchoolActionPlus, kStatement };
std::string_view Code(LegacySenStatus status);  // "N", "A", "P", "S"
std::optional<LegacySenStatus> LegacySenStatusFromCode(std::string_view code);
const std::vector<LegacySenStatus>& AllLegacySenStatuses();

// How a legacy record was converted: a notice that the learner has ALN and an IDP, or a notice
// that they have no ALN (catalogue ids "conversion_<code>").
enum class ConversionOutcome { kIdpNotice, kNoIdpNotice };
std::string_view Code(ConversionOutcome outcome);  // "idp_notice", "no_idp_notice"
std::optional<ConversionOutcome> ConversionOutcomeFromCode(std::string_view code);

// REFERENCE section 8: the ALN system began on 1 September 2021 ...
inline constexpr Date kAlnSystemStarts{std::chrono::year{2021}, std::chrono::month{9},
                                       std::chrono::day{1}};
// ... and every legacy record was to be converted by the end of August 2025.
inline constexpr Date kTransitionEnds{std::chrono::year{2025}, std::chrono::month{8},
                                      std::chrono::day{31}};

// One learner's legacy SEN record and its conversion.
struct LegacySenRecord {
  LegacySenRecordId id;
  LocalAuthorityId local_authority;
  LearnerId learner;
  LegacySenStatus status = LegacySenStatus::kSchoolAction;
  Date since;                                 // when the status began
  std::optional<Date> statement_dated;        // a statement: the date of the statement
  std::optional<Date> last_annual_review_on;  // a statement: its latest annual review
  std::optional<ConversionOutcome> outcome;
  std::optional<Date> converted_on;  // the date of the IDP or no-IDP notice
  std::string note;
  int version = 0;

  // The cohort a conversion belongs to: the learner's year group on the conversion date (-1
  // nursery ... 13), or nullopt while not converted.
  std::optional<int> Cohort(const Learner& learner) const;
  // Converted after the end of the transition (31 August 2025).
  bool ConvertedLate() const { return converted_on && *converted_on > kTransitionEnds; }
};

// Checks a record as typed: a status other than "none" needs its start date (not in the future,
// not before the learner's birth); a statement's date only for a statement; a conversion needs
// both its outcome and its date, on or after 1 September 2021 and after the status began, not in
// the future. Every problem at once, keyed by form field.
Result<void> CheckLegacyRecord(const LegacySenRecord& record, const Learner& learner, Date today);

// One row of the transition report: a legacy status and a cohort (year group at conversion;
// nullopt for records not yet converted), with counts of each outcome.
struct TransitionRow {
  LegacySenStatus status = LegacySenStatus::kSchoolAction;
  std::optional<int> cohort;
  int idp_notices = 0;
  int no_idp_notices = 0;
  int not_converted = 0;
  int late = 0;  // converted after 31 August 2025
};
// Counts `records` (with each learner's date of birth in `dates_of_birth`) by status and cohort,
// ordered by status (A, P, S), then cohort with "not converted" last. Records with status "none"
// are left out.
std::vector<TransitionRow> TransitionReport(const std::vector<LegacySenRecord>& records,
                                            const std::map<LearnerId, Date>& dates_of_birth);

}  // namespace cynnal::domain
