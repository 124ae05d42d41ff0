#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/aln_cases.h"
#include "app/clocks.h"
#include "app/forms.h"
#include "app/services.h"
#include "domain/idp.h"
#include "domain/legacy_sen.h"
#include "domain/one_page_profile.h"

namespace cynnal::app {

// Plan pages read their fields through the shared form reader.
using PlanForm = Form;

// Profile photos: JPEG or PNG, at most this many bytes.
inline constexpr std::size_t kMaxPhotoBytes = 2 * 1024 * 1024;

// Reads one section of the plan form into `content` (the other sections untouched); every problem
// at once in the error's fields. For kInformation and kTimeline the rows are numbered from 1
// ("title_1", "from_1", "dated_1"; "on_1", "what_1") and rows left wholly blank are dropped.
Result<void> ReadSection(const PlanForm& form, domain::IdpSection section,
                         domain::IdpContent& content);
// Reads an element of ALP ("outcome", "measure", "outcome_by", "provision", "minutes",
// "sessions", "per", "group", "in_welsh", "provider", "provider_name", "starts_on", "review_on",
// "ends", "rationale").
Result<domain::AlpElement> ReadElement(const PlanForm& form);

// What a task list row shows for one section.
enum class TaskStatus { kNotStarted, kIncomplete, kCompleted, kNotNeeded };
std::string_view Code(TaskStatus status);  // "not_started", "incomplete", "completed", ...
// A section with nothing written is not started (even when the plan needs it); one written with
// quality flags is incomplete; otherwise completed. 2D is not needed in a school's or FEI's plan,
// 2C when no NHS body provides ALP.
TaskStatus StatusOf(const domain::IdpContent& content, domain::IdpSection section,
                    const std::vector<domain::QualityFlag>& flags, domain::DecidingBody body);

// A plan with what its pages show and what the actor may do.
struct PlanView {
  domain::Idp idp;
  domain::Learner learner;
  std::map<domain::SettingId, domain::Setting> settings;  // the plan's, the learner's, named
  std::map<domain::LocalAuthorityId, domain::LocalAuthority> authorities;  // every LA
  std::map<domain::UserId, std::string> people;
  std::vector<ClockSummary> clocks;
  std::vector<domain::QualityFlag> flags;          // of the draft
  std::string maintainer_name;                     // the school, FEI or LA that maintains it
  std::vector<std::string> family;                 // parents with parental responsibility
  std::vector<domain::Invitee> required_invitees;  // for a review of the version in force
  domain::LaDecisionSettings decision_settings;    // of the maintaining LA
  bool young_person = false;
  bool may_view_draft = false;      // the draft and reviews (professionals)
  bool may_edit = false;            // acts for the maintaining body
  bool may_request_review = false;  // a parent, young person or NHS body asking for themselves
  domain::Date today;
};
// kNotFound, or kForbidden unless MayAccessPlan(kView). A family sees the versions given to
// them, not the draft. Audited as "view".
Result<PlanView> ViewPlan(Services& services, const Actor& actor, domain::IdpId id);

// What a learner's record lists: plans, One Page Profiles and the legacy SEN record.
struct LearnerPlans {
  std::vector<domain::Idp> plans;
  std::vector<domain::OnePageProfile> profiles;
  std::optional<domain::LegacySenRecord> legacy;  // for those who may see drafts
  bool may_start_plan = false;  // an ALNCo or LA officer who may update the learner
  bool may_edit_profiles = false;
};
Result<LearnerPlans> ListLearnerPlans(Services& services, const Actor& actor,
                                      domain::LearnerId learner);

struct StartPlanInput {
  std::string aln_case;  // a case id whose decision found ALN; or empty, with:
  std::string body;      // "school", "fei" or "la" (a plan converted from a statement, say)
  std::string setting;   // the school or FEI that maintains it
};
// Starts the plan called for by the case's latest decision (ALN found; maintained by the school,
// FEI or LA the decision named), or one the actor's body maintains. Only whoever may update the
// learner starts one (MayAccessPlan(kEdit)), and only for a body they act for. Refused when the
// learner has a plan that has not ceased. The timeline section starts with the case's steps,
// described by `describe` (in the plan's language). Audited as "create".
Result<domain::IdpId> StartIdp(Services& services, const Actor& actor, domain::LearnerId learner,
                               const StartPlanInput& input,
                               const std::function<std::string(domain::CaseEventKind)>& describe);

// Saves one section of the draft. `revision` is the section's revision the actor saw: a stale one
// is kConflict "idp_error_section_conflict" (someone saved it first; nothing is saved). Only the
// maintaining body writes. Audited as "update".
Status SaveIdpSection(Services& services, const Actor& actor, domain::IdpId id,
                      domain::IdpSection section, const PlanForm& form,
                      const std::string& revision);
// Adds (key 0) or replaces an element of ALP, the same way; returns its key.
Result<int> SaveIdpElement(Services& services, const Actor& actor, domain::IdpId id, int key,
                           const PlanForm& form, const std::string& revision);
Status RemoveIdpElement(Services& services, const Actor& actor, domain::IdpId id, int key,
                        const std::string& revision);
// Saves a photo for the draft's profile (replacing any) or removes it (empty file).
Status SaveIdpPhoto(Services& services, const Actor& actor, domain::IdpId id,
                    const UploadedFile& photo, const std::string& revision);

// Finalises the draft and gives the plan ("method", "sent_on", "change_summary",
// "override_reasons", "version"): the plan's review clock (`idp-review`, Act s.23) restarts from
// the day it is given (a posted plan: the LA's post days later).
Result<int> FinaliseIdp(Services& services, const Actor& actor, domain::IdpId id,
                        const PlanForm& form);
// Opens a draft from the plan in force ("version").
Status StartIdpRevision(Services& services, const Actor& actor, domain::IdpId id,
                        const PlanForm& form);

// A request for an earlier review ("reasons", "requested_on", "version"; from the maintaining
// body also "by" (a RequesterKind code) and "name"). A parent, young person or health board
// officer asks for themselves, as themselves. Returns the request's number.
Result<int> RequestIdpReview(Services& services, const Actor& actor, domain::IdpId id,
                             const PlanForm& form);
// The maintaining body's answer ("answer": "review" or "unnecessary"; "reasons"; "answered_on";
// "version").
Status AnswerIdpReviewRequest(Services& services, const Actor& actor, domain::IdpId id, int number,
                              const PlanForm& form);

// A review meeting: "held_on", "trigger", "request", the required invitees ("invited_<n>" and
// "attended_<n>" for n = 1.. in RequiredInvitees' order, all of whom must be invited) and up to
// five more ("extra_name_<n>", "extra_kind_<n>", "extra_attended_<n>"), "learner_views",
// "family_views", for each outcome "rating_<key>" and "note_<key>", "decision", "reasons",
// "notice_given_on" (no change), "version". No change restarts the review clock from the notice;
// revise opens a draft; cease leaves the plan in force until it is ceased with notice.
Status RecordIdpReview(Services& services, const Actor& actor, domain::IdpId id,
                       const PlanForm& form);

// Ceases the plan: "decided_on", "reasons", "method", "sent_on", "language", "version". The notice
// gives the date by which the family may ask the LA to reconsider (a school's plan, Regs reg 12:
// 4 weeks) or appeal to the tribunal (an LA's or FEI's). The review clock stops.
Status CeaseIdp(Services& services, const Actor& actor, domain::IdpId id, const PlanForm& form);

// Moves the plan with the learner: "kind", "to_setting", "to_la", "moved_on",
// "entitlement_until", "note", "version". The body that maintains the plan, or the LA of the
// learner, records it; the review clock carries on.
Status MoveIdp(Services& services, const Actor& actor, domain::IdpId id, const PlanForm& form);
// Links a looked-after child's plan to their PEP: "pep_reference", "pep_dated", "version".
Status LinkIdpPep(Services& services, const Actor& actor, domain::IdpId id, const PlanForm& form);

// Everything the plan's PDF says: version `number` (1 = first), or the draft when 0.
struct PlanDocumentData {
  PlanView view;
  domain::IdpContent content;
  int number = 0;  // 0: the draft
  std::optional<domain::IdpVersion> version;
};
// kView for a version, kViewDraft for the draft. Audited as "export".
Result<PlanDocumentData> IdpDocument(Services& services, const Actor& actor, domain::IdpId id,
                                     int number);

// What changed from version `from` to version `to` (0 = the draft).
struct PlanComparison {
  PlanView view;
  int from = 0, to = 0;
  std::vector<domain::IdpChange> changes;
};
Result<PlanComparison> CompareIdpVersions(Services& services, const Actor& actor, domain::IdpId id,
                                          int from, int to);

// The cessation notice of a ceased plan. Audited as "export".
Result<PlanView> CessationNotice(Services& services, const Actor& actor, domain::IdpId id);

// A photo of a profile (the plan's or a One Page Profile's) the actor may see.
Result<ProfilePhoto> GetProfilePhoto(Services& services, const Actor& actor, domain::PhotoId id);

// One Page Profiles for learners without an IDP.
struct ProfileView {
  domain::OnePageProfile profile;
  domain::Learner learner;
  std::optional<domain::Setting> setting;
  std::vector<ClockSummary> clocks;
  bool may_edit = false;
  domain::Date today;
};
// "level", "admired", "important", "support", "written_with", "written_on", "setting" and an
// optional photo. Refused while the learner has a plan in force (its profile is in the plan).
// Starts the profile's `opp-review` clock from the day it is written.
Result<domain::OnePageProfileId> CreateProfile(Services& services, const Actor& actor,
                                               domain::LearnerId learner, const PlanForm& form,
                                               const UploadedFile& photo);
Result<ProfileView> ViewProfile(Services& services, const Actor& actor,
                                domain::OnePageProfileId id);
// Records a review ("reviewed_on", the parts, "level", "version", optional photo): the clock
// stops and a new year's starts.
Status ReviewOnePageProfile(Services& services, const Actor& actor, domain::OnePageProfileId id,
                            const PlanForm& form, const UploadedFile& photo);
// Closes a profile no longer needed ("version"); its clock stops.
Status CloseProfile(Services& services, const Actor& actor, domain::OnePageProfileId id,
                    const PlanForm& form);

// Legacy SEN records.
struct LegacyView {
  domain::Learner learner;
  std::optional<domain::LegacySenRecord> record;
  bool may_edit = false;
  domain::Date today;
};
Result<LegacyView> ViewLegacy(Services& services, const Actor& actor, domain::LearnerId learner);
// "status", "since", "statement_dated", "last_annual_review_on", "outcome", "converted_on",
// "note", "version" (empty for a new record).
Status SaveLegacy(Services& services, const Actor& actor, domain::LearnerId learner,
                  const PlanForm& form);
// The LA's transition report (LA administrators and officers).
struct TransitionReportView {
  std::vector<domain::TransitionRow> rows;
  int total = 0;
};
Result<TransitionReportView> LegacyTransitionReport(Services& services, const Actor& actor);

}  // namespace cynnal::app
