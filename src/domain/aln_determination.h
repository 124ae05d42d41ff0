#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace cynnal::domain {

// An answer to one question of the test; unanswered until someone chooses.
enum class Answer { kUnanswered, kYes, kNo };
std::string_view Code(Answer answer);  // "", "yes", "no"
Answer AnswerFromCode(std::string_view code);

// The evidence a decision relies on (REFERENCE section 1, "Evidence a school uses").
enum class EvidenceKind {
  kStandardisedAssessment,
  kTeacherAssessment,
  kDiagnosticTests,
  kBehaviourLogs,
  kTransitionInformation,
  kProfessionalReports,
  kEarlierConcerns,
  kParentsViews,
  kLearnersViews,
};
// The three signs of less than expected progress (Code 20.8).
enum class ProgressIndicator { kSlowerThanPeers, kBelowPreviousRate, kGapNotClosing };
// The four areas of need (REFERENCE section 1).
enum class AreaOfNeed {
  kCommunicationInteraction,
  kCognitionLearning,
  kBehaviourEmotionalSocial,
  kSensoryPhysical,
};

// Codes (storage, forms, catalogue ids "evidence_<code>", "progress_<code>", "area_<code>").
std::string_view Code(EvidenceKind kind);
std::string_view Code(ProgressIndicator indicator);
std::string_view Code(AreaOfNeed area);
std::optional<EvidenceKind> EvidenceKindFromCode(std::string_view code);
std::optional<ProgressIndicator> ProgressIndicatorFromCode(std::string_view code);
std::optional<AreaOfNeed> AreaOfNeedFromCode(std::string_view code);
const std::vector<EvidenceKind>& AllEvidenceKinds();
const std::vector<ProgressIndicator>& AllProgressIndicators();
const std::vector<AreaOfNeed>& AllAreasOfNeed();

// A type of need as StatsWales reports them (REFERENCE section 1; the short codes are Cynnal's,
// kept as data because the PLASC codes are unconfirmed), with the area it usually belongs to.
struct TypeOfNeed {
  std::string_view code;  // "dyslexia"; catalogue id "need_<code>"
  AreaOfNeed area;
};
const std::vector<TypeOfNeed>& TypesOfNeed();
const TypeOfNeed* FindTypeOfNeed(std::string_view code);

// The two-step test as recorded (Act s.2; Code ch.20; REFERENCE section 1).
struct TwoStepTest {
  // Test 1 (a): significantly greater difficulty in learning than the majority of the same age
  // (under compulsory school age: likely to be so when of that age, without ALP).
  Answer greater_difficulty = Answer::kUnanswered;
  std::string greater_difficulty_evidence;
  // Test 1 (b): a disability that prevents or hinders using the facilities generally provided.
  Answer disability = Answer::kUnanswered;
  std::string disability_evidence;
  std::set<EvidenceKind> evidence;
  std::set<ProgressIndicator> progress;
  // The guard: is the difficulty there solely because the language of teaching differs from the
  // language used at home? If so it is not a learning difficulty (Act s.2).
  Answer language_only = Answer::kUnanswered;
  // Test 2: does the learning difficulty or disability call for ALP?
  Answer calls_for_alp = Answer::kUnanswered;
  std::string alp;  // the ALP it calls for
  std::set<AreaOfNeed> areas;
  std::set<std::string> types;  // TypeOfNeed codes
};

// What the answers mean, and why: catalogue ids in the order a reader follows them.
struct TestOutcome {
  bool learning_difficulty = false;  // test 1 met
  bool has_aln = false;              // test 1 and test 2 met
  std::vector<std::string> reasons;  // "test_reason_...": each answer that decided the outcome
};

// Checks the record and works out the outcome. Every problem at once, keyed by form field:
//   test 1 (a) and (b) must be answered; "yes" to either needs the evidence for it described;
//   any decision needs at least one source of evidence;
//   when test 1 is met, the language question must be answered, and, unless the difficulty is
//     there only because of the home language, test 2 too;
//   "yes" to test 2 needs the ALP it calls for and at least one area of need;
//   types of need must be known codes.
// The outcome: ALN exactly when (a) or (b) is "yes", the language guard is "no", and test 2 is
// "yes".
Result<TestOutcome> Evaluate(const TwoStepTest& test);

// Whether the school can reasonably secure the ALP, against the LA's published principles for an
// LA-maintained IDP (Code 12.43-12.44; REFERENCE section 2).
struct MaintainerAssessment {
  bool low_incidence = false;            // a low-incidence need needing specialism
  bool regular_external_advice = false;  // regular specialist advice beyond the school
  bool individual_equipment = false;     // equipment for this learner only, or beyond its means
  bool specialist_placement = false;     // a place at a special school or LSC
  int ta_hours_per_week = 0;             // hours of teaching-assistant support a week
};
// The LA's threshold of TA hours a week at or above which the LA maintains the IDP (Neath Port
// Talbot: 25; a per-LA setting).
inline constexpr int kDefaultTaHoursThreshold = 25;

enum class Maintainer { kSchool, kLocalAuthority };
std::string_view Code(Maintainer maintainer);  // "school", "la"
std::optional<Maintainer> MaintainerFromCode(std::string_view code);

struct MaintainerOutcome {
  Maintainer maintainer = Maintainer::kSchool;
  std::vector<std::string> reasons;  // "principle_<code>" for each principle met
};
// The LA maintains the IDP when any principle is met, TA hours counting at or above
// `ta_hours_threshold`; otherwise the school can reasonably secure the ALP.
MaintainerOutcome MaintainerFor(const MaintainerAssessment& assessment, int ta_hours_threshold);
// Hours must be whole numbers from 0 to 100 (field "ta_hours").
Result<int> ParseTaHours(std::string_view text);

}  // namespace cynnal::domain
