#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/calendars.h"
#include "app/clocks.h"
#include "app/services.h"
#include "domain/aln_case.h"
#include "domain/family.h"
#include "domain/learner.h"
#include "domain/organisation.h"
#include "domain/panel.h"

namespace cynnal::app {

// Supporting documents: at most this many bytes each, of these types.
inline constexpr std::size_t kMaxDocumentBytes = 5 * 1024 * 1024;
// The content type to store for an uploaded file, or empty when Cynnal does not accept it: PDF,
// Word (.doc, .docx), OpenDocument text, plain UTF-8 text, JPEG or PNG, judged by the file name's
// extension and confirmed by the first bytes (a renamed program is refused).
std::string AcceptedDocumentType(const std::string& filename, const std::string& bytes);

struct UploadedFile {
  std::string filename;
  std::string content_type;
  std::string bytes;
  bool Empty() const { return filename.empty() && bytes.empty(); }
};

// Checks an uploaded document (not empty, at most kMaxDocumentBytes, an accepted type by name and
// content) and returns it with a safe file name and its content type; "document_error_*" on
// `field` otherwise.
Result<CaseDocument> CheckUpload(const UploadedFile& file, const std::string& field);

// What the "raise a concern" form offers for a learner: who would decide today, and whether the
// learner is a young person (who is asked for consent).
struct ConcernFormView {
  domain::Learner learner;
  domain::Responsibility responsibility;
  std::map<domain::SettingId, domain::Setting> settings;
  std::map<domain::LocalAuthorityId, domain::LocalAuthority> authorities;
  bool young_person = false;
  domain::Date today;
};
Result<ConcernFormView> ConcernForm(Services& services, const Actor& actor,
                                    domain::LearnerId learner);

struct RaiseConcernInput {
  std::string source;  // a ConcernSource code
  std::string raised_by;
  DateParts brought_on;
  std::string brought_to;  // "school" or "la"
  std::string description;
  std::string consent;  // "yes" or "no" (young people only)
  DateParts consent_on;
  UploadedFile document;  // optional
};
// Opens an ALN case for the learner and starts the deciding body's clock (issue 3): 35 school days
// on the school's calendar, 35 term-time days for an FEI, 12 weeks for the LA (also while the LA
// considers a direct approach). Nothing is stored when anything is wrong. Audited as "create".
Result<domain::AlnCaseId> RaiseConcern(Services& services, const Actor& actor,
                                       domain::LearnerId learner, const RaiseConcernInput& input);

// A case with what its page shows and what the actor may do next.
struct CaseView {
  domain::AlnCase aln_case;
  domain::Learner learner;
  std::map<domain::SettingId, domain::Setting> settings;
  std::map<domain::LocalAuthorityId, domain::LocalAuthority> authorities;
  std::map<domain::UserId, std::string> people;
  std::vector<ClockSummary> clocks;
  std::vector<CaseDocument> documents;
  domain::LaDecisionSettings decision_settings;  // of the LA that decides (or reconsiders)
  bool young_person = false;
  bool may_view_detail = false;  // the test, notices and documents
  bool may_act = false;          // acts for the body now responsible
  bool may_act_la = false;       // acts for the LA (reconsideration, disagreement, appeal)
  domain::Date today;
};
// kNotFound, or kForbidden unless MayAccessCase(kViewStatus). Audited as "view".
Result<CaseView> ViewCase(Services& services, const Actor& actor, domain::AlnCaseId id);

// A learner's cases (status only), latest first.
Result<std::vector<domain::AlnCase>> LearnerCases(Services& services, const Actor& actor,
                                                  domain::LearnerId learner);

// Each step names the case version the actor saw; a stale one is kConflict ("case_error_conflict").
struct TriageInput {
  std::string choice;  // "take_on" or "send_back"
  std::string reasons;
  DateParts on;
  std::string version;
};
// The LA takes on a direct approach (its clock runs on) or sends it back to the school (the LA's
// clock stops; the school's 35 school days start on the day it is sent back).
Status Triage(Services& services, const Actor& actor, domain::AlnCaseId id,
              const TriageInput& input);

struct ReferralInput {
  std::string ground;  // "a", "b" or "c"
  std::string evidence;
  DateParts need_apparent_on;
  DateParts referred_on;
  std::string version;
};
// The school refers the case to the LA: the school's clock stops, a referral clock (the LA's local
// guideline, 20 school days from when the need became apparent) is recorded as met or missed, and
// the LA's 12 weeks start on the day of the referral.
Status ReferToLa(Services& services, const Actor& actor, domain::AlnCaseId id,
                 const ReferralInput& input);

struct ExceptionInput {
  std::string kind;  // a DutyExceptionKind code
  std::string reasons;
  DateParts on;
  DateParts previous_decision_on;
  std::string version;
};
// Records an exception to the duty to decide (Act s.11(3)), closing the case and its clock.
Status RecordDutyException(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const ExceptionInput& input);

// The two-step test and the maintainer assessment as typed into the decision form.
struct DecisionInput {
  std::string greater_difficulty, greater_difficulty_evidence;
  std::string disability, disability_evidence;
  std::vector<std::string> evidence, progress;
  std::string language_only;
  std::string calls_for_alp, alp;
  std::vector<std::string> areas, types;
  bool low_incidence = false, regular_external_advice = false, individual_equipment = false,
       specialist_placement = false;
  std::string ta_hours;
  DateParts decided_on;
  std::string summary;
  std::string version;
};
// What recording the decision would record, for the check-answers page.
struct DecisionPreview {
  domain::AlnDecision decision;
  domain::LaDecisionSettings settings;
};
// Checks the decision without storing it. Only the body responsible may decide.
Result<DecisionPreview> PreviewDecision(Services& services, const Actor& actor,
                                        domain::AlnCaseId id, const DecisionInput& input);
// Records it (same checks); the case then awaits its notice.
Status RecordAlnDecision(Services& services, const Actor& actor, domain::AlnCaseId id,
                         const DecisionInput& input);

struct NoticeInput {
  std::string method;  // "email", "post" or "hand"
  DateParts sent_on;
  std::string language;  // "en" or "cy"; empty for the family's language
  std::string version;
};
// Records that the notice of the latest decision was given: the decision clock stops on the day it
// is given (for a posted notice, the LA's post days later), and for an LA or FEI decision the
// appeal date is worked out from that day.
Status GiveNotice(Services& services, const Actor& actor, domain::AlnCaseId id,
                  const NoticeInput& input);

// Everything a notice document says. `notice` is absent for a draft of a decision awaiting its
// notice (dated today, given today).
struct NoticeDocumentData {
  domain::AlnCase aln_case;
  domain::Learner learner;
  domain::AlnDecision decision;
  domain::DecisionNotice notice;
  bool draft = false;
  std::string body_name_en, body_name_cy;  // the school, FEI or LA that decided
  std::string la_name_en, la_name_cy;      // the LA (information and advice, reconsideration)
  std::string issued_by;                   // who recorded the decision
  std::vector<std::string> recipients;     // parents with parental responsibility, or the YP
  domain::LaDecisionSettings settings;
  bool young_person = false;
  // The LA's ALN panel's latest settled decision on the case, on or before the notice's decision,
  // when the LA decided (the notice gives it with the panel's reasons).
  std::optional<domain::PanelDecision> panel_decision;
};
// The notice `number` (1 = first) of the case, or the draft of the awaiting one when `number` is
// 0. kView access needed. Audited as "export".
Result<NoticeDocumentData> NoticeDocument(Services& services, const Actor& actor,
                                          domain::AlnCaseId id, int number);

struct ReconsiderationInput {
  std::string requested_by;
  std::string grounds;
  DateParts requested_on;
  std::string version;
};
// The LA records a request to reconsider a school's decision; its 7 weeks start that day.
Status RequestLaReconsideration(Services& services, const Actor& actor, domain::AlnCaseId id,
                                const ReconsiderationInput& input);

struct DisagreementInput {
  DateParts started_on;
  DateParts ended_on;
  std::string outcome;
  std::string version;
};
// Disagreement resolution started (the appeal date moves 8 weeks later when it starts in time) ...
Status StartDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                   const DisagreementInput& input);
// ... and ended, with its outcome.
Status EndDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                 const DisagreementInput& input);

struct AppealInput {
  DateParts lodged_on;
  std::string version;
};
Status LodgeTribunalAppeal(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const AppealInput& input);

struct AppealOutcomeInput {
  std::string outcome;   // an AppealOutcome code
  DateParts hearing_on;  // optional
  DateParts decided_on;
  std::string version;
};
Status RecordTribunalOutcome(Services& services, const Actor& actor, domain::AlnCaseId id,
                             const AppealOutcomeInput& input);

struct OrderInput {
  std::string description;
  DateParts made_on;
  DateParts comply_by;
  std::string version;
};
// Adds an order and starts its clock (due on the compliance date).
Status AddTribunalOrder(Services& services, const Actor& actor, domain::AlnCaseId id,
                        const OrderInput& input);
// Records compliance with order `number` (1 = first) and stops its clock.
Status CompleteTribunalOrder(Services& services, const Actor& actor, domain::AlnCaseId id,
                             int number, const DateParts& complied_on, const std::string& version);

// The disagreement page's one form: ends the disagreement resolution under way, or starts one.
Status RecordDisagreementResolution(Services& services, const Actor& actor, domain::AlnCaseId id,
                                    const DisagreementInput& input);

// The appeal page's one form, by where the appeal stands: lodges it; records the tribunal's
// decision; records compliance with the first outstanding order when `complied_on` is given; or
// adds an order. Each part is checked as its own step is.
struct AppealStepInput {
  DateParts lodged_on;
  AppealOutcomeInput outcome;
  OrderInput order;
  DateParts complied_on;
  std::string version;
};
Status RecordAppealStep(Services& services, const Actor& actor, domain::AlnCaseId id,
                        const AppealStepInput& input);

// Closes the case after a successful appeal once no order is outstanding.
Status CloseTribunalAppeal(Services& services, const Actor& actor, domain::AlnCaseId id,
                           const DateParts& closed_on, const std::string& version);

// Adds a supporting document (kView access and a professional role: LA roles and ALNCos).
Status AddCaseDocument(Services& services, const Actor& actor, domain::AlnCaseId id,
                       const UploadedFile& file);
// A document with its bytes, for download by whoever may see the case in full. Audited as
// "export".
Result<CaseDocument> GetCaseDocument(Services& services, const Actor& actor, domain::AlnCaseId id,
                                     domain::CaseDocumentId document);

// The actor's LA's decision settings (LA administrators edit; LA officers view).
struct DecisionSettingsView {
  domain::LaDecisionSettings settings;
  bool may_edit = false;
};
Result<DecisionSettingsView> ViewDecisionSettings(Services& services, const Actor& actor);
struct DecisionSettingsInput {
  std::string ta_hours_threshold, post_working_days, service_phone, service_email;
};
Status SaveDecisionSettings(Services& services, const Actor& actor,
                            const DecisionSettingsInput& input);

}  // namespace cynnal::app
