#include "domain/aln_determination.h"

#include <map>

#include "domain/code_table.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

constexpr CodeTable<EvidenceKind, 9> kEvidence = {{
    {EvidenceKind::kStandardisedAssessment, "standardised_assessment"},
    {EvidenceKind::kTeacherAssessment, "teacher_assessment"},
    {EvidenceKind::kDiagnosticTests, "diagnostic_tests"},
    {EvidenceKind::kBehaviourLogs, "behaviour_logs"},
    {EvidenceKind::kTransitionInformation, "transition_information"},
    {EvidenceKind::kProfessionalReports, "professional_reports"},
    {EvidenceKind::kEarlierConcerns, "earlier_concerns"},
    {EvidenceKind::kParentsViews, "parents_views"},
    {EvidenceKind::kLearnersViews, "learners_views"},
}};

constexpr CodeTable<ProgressIndicator, 3> kProgress = {{
    {ProgressIndicator::kSlowerThanPeers, "slower_than_peers"},
    {ProgressIndicator::kBelowPreviousRate, "below_previous_rate"},
    {ProgressIndicator::kGapNotClosing, "gap_not_closing"},
}};

constexpr CodeTable<AreaOfNeed, 4> kAreas = {{
    {AreaOfNeed::kCommunicationInteraction, "communication_interaction"},
    {AreaOfNeed::kCognitionLearning, "cognition_learning"},
    {AreaOfNeed::kBehaviourEmotionalSocial, "behaviour_emotional_social"},
    {AreaOfNeed::kSensoryPhysical, "sensory_physical"},
}};

constexpr CodeTable<Maintainer, 2> kMaintainers = {{
    {Maintainer::kSchool, "school"},
    {Maintainer::kLocalAuthority, "la"},
}};

bool Blank(const std::string& text) { return Trim(text).empty(); }

}  // namespace

std::string_view Code(Answer answer) {
  switch (answer) {
    case Answer::kYes:
      return "yes";
    case Answer::kNo:
      return "no";
    case Answer::kUnanswered:
      break;
  }
  return "";
}
Answer AnswerFromCode(std::string_view code) {
  if (code == "yes") return Answer::kYes;
  if (code == "no") return Answer::kNo;
  return Answer::kUnanswered;
}

std::string_view Code(EvidenceKind kind) { return CodeIn(kEvidence, kind); }
std::string_view Code(ProgressIndicator indicator) { return CodeIn(kProgress, indicator); }
std::string_view Code(AreaOfNeed area) { return CodeIn(kAreas, area); }
std::optional<EvidenceKind> EvidenceKindFromCode(std::string_view code) {
  return FromCodeIn(kEvidence, code);
}
std::optional<ProgressIndicator> ProgressIndicatorFromCode(std::string_view code) {
  return FromCodeIn(kProgress, code);
}
std::optional<AreaOfNeed> AreaOfNeedFromCode(std::string_view code) {
  return FromCodeIn(kAreas, code);
}
const std::vector<EvidenceKind>& AllEvidenceKinds() {
  static const std::vector<EvidenceKind> all = AllIn(kEvidence);
  return all;
}
const std::vector<ProgressIndicator>& AllProgressIndicators() {
  static const std::vector<ProgressIndicator> all = AllIn(kProgress);
  return all;
}
const std::vector<AreaOfNeed>& AllAreasOfNeed() {
  static const std::vector<AreaOfNeed> all = AllIn(kAreas);
  return all;
}

const std::vector<TypeOfNeed>& TypesOfNeed() {
  using A = AreaOfNeed;
  // REFERENCE section 1: the 15 types StatsWales reports, in its order.
  static const std::vector<TypeOfNeed> all = {
      {"moderate_learning", A::kCognitionLearning},
      {"general_learning", A::kCognitionLearning},
      {"severe_learning", A::kCognitionLearning},
      {"profound_multiple_learning", A::kCognitionLearning},
      {"dyslexia", A::kCognitionLearning},
      {"dyscalculia", A::kCognitionLearning},
      {"dyspraxia", A::kSensoryPhysical},
      {"adhd", A::kBehaviourEmotionalSocial},
      {"autistic_spectrum", A::kCommunicationInteraction},
      {"physical_medical", A::kSensoryPhysical},
      {"hearing_impairment", A::kSensoryPhysical},
      {"visual_impairment", A::kSensoryPhysical},
      {"multi_sensory_impairment", A::kSensoryPhysical},
      {"speech_language_communication", A::kCommunicationInteraction},
      {"behavioural_emotional_social", A::kBehaviourEmotionalSocial},
  };
  return all;
}
const TypeOfNeed* FindTypeOfNeed(std::string_view code) {
  for (const auto& type : TypesOfNeed())
    if (type.code == code) return &type;
  return nullptr;
}

Result<TestOutcome> Evaluate(const TwoStepTest& test) {
  std::map<std::string, std::string> fields;
  if (test.greater_difficulty == Answer::kUnanswered)
    fields.emplace("greater_difficulty", "test_error_difficulty_missing");
  if (test.greater_difficulty == Answer::kYes && Blank(test.greater_difficulty_evidence))
    fields.emplace("greater_difficulty_evidence", "test_error_difficulty_evidence");
  if (test.disability == Answer::kUnanswered)
    fields.emplace("disability", "test_error_disability_missing");
  if (test.disability == Answer::kYes && Blank(test.disability_evidence))
    fields.emplace("disability_evidence", "test_error_disability_evidence");
  if (test.evidence.empty()) fields.emplace("evidence", "test_error_evidence_missing");

  TestOutcome outcome;
  const bool difficulty = test.greater_difficulty == Answer::kYes;
  const bool disability = test.disability == Answer::kYes;
  if (difficulty) outcome.reasons.push_back("test_reason_difficulty");
  if (disability) outcome.reasons.push_back("test_reason_disability");
  if (test.greater_difficulty == Answer::kNo && test.disability == Answer::kNo)
    outcome.reasons.push_back("test_reason_no_difficulty");

  if (difficulty || disability) {
    if (test.language_only == Answer::kUnanswered) {
      fields.emplace("language_only", "test_error_language_missing");
    } else if (test.language_only == Answer::kYes) {
      // Act s.2: not a learning difficulty solely because the language of teaching differs from
      // the language used at home.
      outcome.reasons.push_back("test_reason_language_only");
    } else {
      outcome.learning_difficulty = true;
    }
  }
  if (outcome.learning_difficulty) {
    if (test.calls_for_alp == Answer::kUnanswered) {
      fields.emplace("calls_for_alp", "test_error_alp_missing");
    } else if (test.calls_for_alp == Answer::kYes) {
      if (Blank(test.alp)) fields.emplace("alp", "test_error_alp_description");
      if (test.areas.empty()) fields.emplace("areas", "test_error_areas_missing");
      outcome.has_aln = true;
      outcome.reasons.push_back("test_reason_calls_for_alp");
    } else {
      outcome.reasons.push_back("test_reason_no_alp");
    }
  }
  for (const auto& type : test.types) {
    if (FindTypeOfNeed(type) == nullptr) fields.emplace("types", "test_error_type_unknown");
  }
  if (!fields.empty()) return Error::InvalidArgument("test_error_title", std::move(fields));
  return outcome;
}

std::string_view Code(Maintainer maintainer) { return CodeIn(kMaintainers, maintainer); }
std::optional<Maintainer> MaintainerFromCode(std::string_view code) {
  return FromCodeIn(kMaintainers, code);
}

MaintainerOutcome MaintainerFor(const MaintainerAssessment& assessment, int ta_hours_threshold) {
  MaintainerOutcome outcome;
  // Code 12.43-12.44: the principles an LA publishes for when it maintains the IDP.
  if (assessment.low_incidence) outcome.reasons.push_back("principle_low_incidence");
  if (assessment.regular_external_advice)
    outcome.reasons.push_back("principle_regular_external_advice");
  if (assessment.individual_equipment) outcome.reasons.push_back("principle_individual_equipment");
  if (assessment.ta_hours_per_week >= ta_hours_threshold)
    outcome.reasons.push_back("principle_ta_hours");
  if (assessment.specialist_placement) outcome.reasons.push_back("principle_specialist_placement");
  outcome.maintainer = outcome.reasons.empty() ? Maintainer::kSchool : Maintainer::kLocalAuthority;
  return outcome;
}

Result<int> ParseTaHours(std::string_view text) {
  const std::string trimmed = Trim(text);
  if (trimmed.empty()) return 0;
  auto hours = ParseWholeNumber(trimmed);
  if (!hours || *hours < 0 || *hours > 100)
    return Error::InvalidArgument("maintainer_error_ta_hours",
                                  {{"ta_hours", "maintainer_error_ta_hours"}});
  return static_cast<int>(*hours);
}

}  // namespace cynnal::domain
