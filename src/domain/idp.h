#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/aln_case.h"
#include "domain/aln_determination.h"
#include "domain/aln_responsibility.h"
#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/organisation.h"
#include "domain/result.h"
#include "domain/statutory_clock.h"

namespace cynnal::domain {

// The One Page Profile ("About me", IDP form section 1; REFERENCE sections 5 and 7), in the
// learner's words. The same content sits in an IDP and in a profile for a learner without one.
struct ProfileContent {
  std::string admired;       // what people like and admire about me
  std::string important;     // what is important to me
  std::string support;       // how best to support me
  std::string written_with;  // who helped the learner write it ("my mum and Mrs Jones")
  std::optional<PhotoId> photo;
  bool Empty() const { return admired.empty() && important.empty() && support.empty(); }
};

// The sections of the IDP form (Code ch.23, Annex A; REFERENCE section 5), in the order of the
// task list that builds a plan (catalogue ids "idp_section_<code>").
enum class IdpSection {
  kAbout,        // 1: administrative information and contact details
  kProfile,      // 1: the One Page Profile
  kNeeds,        // 2A: description of ALN
  kProvision,    // 2B: each element of ALP
  kNhs,          // 2C: ALP to be secured by an NHS body
  kPlace,        // 2D: the school or institution named (LA plans)
  kInformation,  // 3: record of information used
  kTimeline,     // 3: timeline of key events
  kTransition,   // 3: transition and transport arrangements
};
std::string_view Code(IdpSection section);
std::optional<IdpSection> IdpSectionFromCode(std::string_view code);
const std::vector<IdpSection>& AllIdpSections();

// Section 1: who co-ordinates the plan and how the family prefers to be contacted.
struct IdpAbout {
  std::string coordinator;       // the person who co-ordinates the plan
  std::string coordinator_role;  // "ALNCo", "Inclusion officer"
  std::string coordinator_contact;
  std::string communication;  // how the learner and family like to be contacted, and languages
};

// Section 2A.
struct AlnDescription {
  std::set<AreaOfNeed> areas;
  std::set<std::string> types;  // TypeOfNeed codes
  std::string description;
};

// How often a session of ALP happens (catalogue ids "period_<code>").
enum class ProvisionPeriod { kDay, kWeek, kFortnight, kHalfTerm, kTerm, kYear };
std::string_view Code(ProvisionPeriod period);
std::optional<ProvisionPeriod> ProvisionPeriodFromCode(std::string_view code);
const std::vector<ProvisionPeriod>& AllProvisionPeriods();

// Who is with the learner when the ALP is given (catalogue ids "group_<code>").
enum class GroupSize { kOneToOne, kPaired, kSmallGroup };
std::string_view Code(GroupSize group);
std::optional<GroupSize> GroupSizeFromCode(std::string_view code);
const std::vector<GroupSize>& AllGroupSizes();

// The kind of organisation that provides an element of ALP (catalogue ids "provider_<code>").
enum class ProviderKind { kSchool, kFei, kLocalAuthority, kNhsBody, kOtherAgency };
std::string_view Code(ProviderKind provider);
std::optional<ProviderKind> ProviderKindFromCode(std::string_view code);
const std::vector<ProviderKind>& AllProviderKinds();

// Section 2B (and 2C when an NHS body provides it): one element of ALP with the outcome it serves.
struct AlpElement {
  int key = 0;  // stable within a plan across its versions; 0 until added
  // The outcome (Code 23.20: specific, measurable, achievable, relevant and time-bound).
  std::string outcome;
  std::string measure;  // how progress towards it will be measured
  std::optional<Date> outcome_by;
  // The provision, detailed, specific and quantified (Code 23.37).
  std::string provision;  // what
  int minutes = 0;        // how much: minutes a session (0: not given)
  int sessions = 0;       // how often: sessions a period (0: not given)
  std::optional<ProvisionPeriod> per;
  std::optional<GroupSize> group;
  Answer in_welsh = Answer::kUnanswered;  // whether it is delivered in Welsh
  std::optional<ProviderKind> provider;
  std::string provider_name;  // the organisation or service ("Speech and language therapy")
  std::optional<Date> starts_on;
  std::optional<Date> review_on;  // the review date, or the end date when `ends`
  bool ends = false;
  std::string rationale;  // why this provision (Code 23.41-23.42)

  bool ByNhs() const { return provider == ProviderKind::kNhsBody; }
};

// Section 2D: the school or institution named in an LA's plan (Act s.14).
struct NamedPlace {
  std::optional<SettingId> setting;  // a setting Cynnal knows
  std::string other;                 // or one it does not ("Coleg Elidyr")
  std::string reasons;
  bool Empty() const { return !setting && other.empty() && reasons.empty(); }
};

// Section 3: a report, assessment or view the plan drew on.
struct InformationUsed {
  std::string title;
  std::string from;  // who wrote or gave it
  std::optional<Date> dated;
};

// Section 3: one key event (the case's steps are filled in when the plan is started).
struct KeyEvent {
  Date on;
  std::string what;
};

// Section 3.
struct Transition {
  std::string transition;
  std::string transport;
  bool Empty() const { return transition.empty() && transport.empty(); }
};

// Everything the plan says: one draft, or one finalised version.
struct IdpContent {
  IdpAbout about;
  ProfileContent profile;
  AlnDescription needs;
  std::vector<AlpElement> elements;  // 2B and 2C, in the order added
  NamedPlace place;
  std::vector<InformationUsed> information;
  std::vector<KeyEvent> key_events;  // in date order
  Transition transition;
  int next_key = 1;

  const AlpElement* Element(int key) const;
};

// Checks one section as typed: texts at most kMaxPlanText characters, an element with at least its
// outcome or its provision written ("outcome"), an element's numbers in
// range (minutes 0-600, sessions 0-100) and its review or end date not before its start date,
// a key event's description, an item of information's title. Every problem at once, keyed by
// form field. Quality (what a complete plan needs) is CheckQuality's, not this.
inline constexpr std::size_t kMaxPlanText = 10000;
Result<void> CheckSection(const IdpContent& content, IdpSection section);
Result<void> CheckElement(const AlpElement& element);

// A shortfall in the plan's quality, with the rule it falls short of (catalogue ids
// "idp_flag_<check>").
struct QualityFlag {
  IdpSection section = IdpSection::kProvision;
  int element = 0;     // the element's key for 2B and 2C; 0 otherwise
  std::string check;   // "alp_frequency"
  std::string source;  // "Code 23.37"
  friend bool operator==(const QualityFlag&, const QualityFlag&) = default;
};
// The checks, in task-list order (an element's in the order of its fields):
//   profile: all three parts of the profile written (IDP form section 1);
//   needs: a description and at least one area of need (Act s.10(1)(a));
//   provision: at least one element of ALP (Act s.10(1)(b));
//   each element: the outcome written (Code 23.20), with a measure (23.20) and a date (23.20);
//     the provision described (23.37), how much (23.37), how often (23.37), the group size (23.37),
//     who provides it (23.37); whether it is delivered in Welsh answered (Act s.10, form 2B); its
//     start date and its review or end date (23.41); the rationale (23.42);
//   place (an LA's plan): the school or institution named, or why none is (form 2D).
// The paragraphs are those REFERENCE section 5 gives for each element of the standard form.
std::vector<QualityFlag> CheckQuality(const IdpContent& content, DecidingBody maintainer);

// One finalised version of the plan, as given to the family.
struct IdpVersion {
  int number = 1;
  IdpContent content;
  DecidingBody body = DecidingBody::kSchool;  // who maintained it when it was given
  LocalAuthorityId local_authority;
  std::optional<SettingId> setting;
  NoticeMethod method = NoticeMethod::kEmail;
  Date sent_on;
  Date given_on;               // GivenOn(method, sent_on, ...): starts the review period (Act s.23)
  std::string change_summary;  // what changed and why (a revised plan)
  // Flags that remained when it was finalised, and the officer's reasons for going ahead.
  std::vector<QualityFlag> flags;
  std::string override_reasons;
  UserId by;
  Timestamp at{};
};

// One difference between two versions (or a version and the draft).
enum class ChangeKind { kText, kDate, kCode, kNumber, kAdded, kRemoved };
struct IdpChange {
  IdpSection section = IdpSection::kAbout;
  int element = 0;    // the element's key, for 2B and 2C
  std::string field;  // "provision", "minutes", ... ("element" for kAdded and kRemoved)
  ChangeKind kind = ChangeKind::kText;
  std::string code_prefix;    // for kCode: the catalogue prefix of the values ("period_")
  std::string before, after;  // texts; ISO dates; codes; numbers as text
};
// The differences from `before` to `after`, section by section in task-list order; elements are
// matched by key (added, removed, or changed field by field).
std::vector<IdpChange> Diff(const IdpContent& before, const IdpContent& after);

// Who asks for an earlier review (Act s.23; catalogue ids "requester_<code>").
enum class RequesterKind { kChild, kParent, kYoungPerson, kNhsBody };
std::string_view Code(RequesterKind kind);
std::optional<RequesterKind> RequesterKindFromCode(std::string_view code);
const std::vector<RequesterKind>& AllRequesterKinds();

enum class RequestState { kPending, kAccepted, kUnnecessary, kReviewed };
std::string_view Code(RequestState state);
std::optional<RequestState> RequestStateFromCode(std::string_view code);

// A request for an earlier review. The body reviews the plan, or records why a review is
// unnecessary (Act s.23).
struct ReviewRequest {
  RequesterKind by = RequesterKind::kParent;
  std::string name;
  Date requested_on;
  std::string reasons;
  RequestState state = RequestState::kPending;
  std::string answer;  // why a review is unnecessary
  std::optional<Date> answered_on;
  UserId recorded_by;
  Timestamp at{};
};

// Why a review meeting was held (catalogue ids "review_trigger_<code>").
enum class ReviewTrigger { kAnnual, kRequest, kSignificantChange };
std::string_view Code(ReviewTrigger trigger);
std::optional<ReviewTrigger> ReviewTriggerFromCode(std::string_view code);
const std::vector<ReviewTrigger>& AllReviewTriggers();

// Who is invited to a person-centred review (catalogue ids "invitee_<code>").
enum class InviteeKind { kLearner, kFamily, kSchool, kLocalAuthority, kAgency, kOther };
std::string_view Code(InviteeKind kind);
std::optional<InviteeKind> InviteeKindFromCode(std::string_view code);
const std::vector<InviteeKind>& AllInviteeKinds();

struct Invitee {
  InviteeKind kind = InviteeKind::kOther;
  std::string name;
  bool attended = false;
  friend bool operator==(const Invitee&, const Invitee&) = default;
};

// Progress towards one outcome at a review (catalogue ids "progress_rating_<code>").
enum class ProgressRating { kNotYet, kSome, kGood, kAchieved };
std::string_view Code(ProgressRating rating);
std::optional<ProgressRating> ProgressRatingFromCode(std::string_view code);
const std::vector<ProgressRating>& AllProgressRatings();

struct OutcomeProgress {
  int element = 0;
  ProgressRating rating = ProgressRating::kNotYet;
  std::string note;
};

// What a review decides (catalogue ids "review_decision_<code>").
enum class ReviewDecision { kNoChange, kRevise, kCease };
std::string_view Code(ReviewDecision decision);
std::optional<ReviewDecision> ReviewDecisionFromCode(std::string_view code);
const std::vector<ReviewDecision>& AllReviewDecisions();

// A person-centred review meeting (Act s.23; Code ch.23; REFERENCE section 5).
struct Review {
  Date held_on;
  ReviewTrigger trigger = ReviewTrigger::kAnnual;
  int request = 0;  // kRequest: the request reviewed (1 = first)
  std::vector<Invitee> invitees;
  std::string learner_views;
  std::string family_views;
  std::vector<OutcomeProgress> progress;  // one per element of the version reviewed
  ReviewDecision decision = ReviewDecision::kNoChange;
  std::string reasons;
  int version_reviewed = 0;
  // kNoChange: when the notice that the plan will not be revised was given; a new review period
  // runs from it (Act s.23).
  std::optional<Date> notice_given_on;
  UserId by;
  Timestamp at{};
};

// The invitees a review must have: the learner; their family (a child's parents; not for a young
// person, who decides for themselves); the body that maintains the plan; and every agency named as
// providing ALP in the version reviewed (NHS bodies and other agencies, by the name the plan
// gives). `family` are the names of the parents with parental responsibility. A school's or an
// FEI's plan lists the institution as kSchool.
std::vector<Invitee> RequiredInvitees(const IdpContent& content, const std::string& learner_name,
                                      const std::vector<std::string>& family, bool young_person,
                                      DecidingBody maintainer, const std::string& maintainer_name);

// The decision to cease the plan and its notice. A school's decision can be reconsidered by the
// LA on a request made within 4 weeks (Regs reg 12); an LA's or FEI's can be appealed to the
// tribunal (Act s.70).
struct Cessation {
  Date decided_on;
  std::string reasons;
  NoticeMethod method = NoticeMethod::kEmail;
  Date sent_on;
  Date given_on;
  LetterLanguage language = LetterLanguage::kEnglish;
  std::optional<Date> reconsider_by;  // school decisions
  std::optional<Date> appeal_by;      // LA and FEI decisions
  UserId by;
  Timestamp at{};
};

// How the plan moved with the learner (catalogue ids "move_<code>").
enum class MoveKind {
  kNewSchool,         // to another maintained school, which maintains it
  kDualRegistration,  // registered at two schools: the LA maintains it
  kFei,               // to an FEI after compulsory school age
  kNewLocalAuthority  // an LA's plan, to the LA the learner moved to
};
std::string_view Code(MoveKind kind);
std::optional<MoveKind> MoveKindFromCode(std::string_view code);
const std::vector<MoveKind>& AllMoveKinds();

struct PlanMove {
  MoveKind kind = MoveKind::kNewSchool;
  Date on;
  DecidingBody from_body = DecidingBody::kSchool;
  LocalAuthorityId from_local_authority;
  std::optional<SettingId> from_setting;
  DecidingBody to_body = DecidingBody::kSchool;
  LocalAuthorityId to_local_authority;
  std::optional<SettingId> to_setting;
  // kFei: the end of the young person's entitlement to further education or training, at most
  // 2 years after the move (REFERENCE section 5, post-16).
  std::optional<Date> entitlement_until;
  std::string note;
  UserId by;
  Timestamp at{};
};

// The steps in a plan's life (catalogue ids "idp_event_<code>").
enum class IdpEventKind {
  kStarted,
  kFinalised,
  kReviewRequested,
  kRequestAnswered,
  kReviewed,
  kRevisionStarted,
  kMoved,
  kPepLinked,
  kCeased,
};
std::string_view Code(IdpEventKind kind);
std::optional<IdpEventKind> IdpEventKindFromCode(std::string_view code);

struct IdpEvent {
  IdpEventKind kind = IdpEventKind::kStarted;
  Date on;
  UserId by;
  Timestamp at{};
  std::string detail;  // a code, a version number or a short note
};

enum class IdpStatus { kDraft, kInForce, kCeased };
std::string_view Code(IdpStatus status);  // catalogue ids "idp_status_<code>"

// An individual development plan (Act s.10), school, FEI or LA maintained, with its draft, every
// finalised version, reviews, moves and cessation.
struct Idp {
  IdpId id;
  LocalAuthorityId local_authority;  // the learner's LA
  LearnerId learner;
  std::optional<AlnCaseId> aln_case;  // the case whose decision called for it
  // Who maintains it now.
  DecidingBody body = DecidingBody::kSchool;
  LocalAuthorityId maintaining_la;
  std::optional<SettingId> setting;  // the school or FEI (school and FEI plans)
  // The plan being written or revised, and the revision of each of its parts (a section code,
  // or "element:<key>") for edits that name the revision they saw.
  std::optional<IdpContent> draft;
  std::map<std::string, int> revisions;
  std::vector<IdpVersion> versions;
  std::vector<ReviewRequest> requests;
  std::vector<Review> reviews;
  std::vector<PlanMove> moves;
  std::optional<Cessation> cessation;
  // A looked-after child's Personal Education Plan, which the IDP links to.
  std::string pep_reference;
  std::optional<Date> pep_dated;
  std::optional<Date> entitlement_until;  // post-16 (see PlanMove)
  std::optional<ClockId> review_clock;
  std::vector<IdpEvent> timeline;
  // Incremented on every update; an update naming an older version is a conflict.
  int version = 0;

  IdpStatus Status() const;
  const IdpVersion* Current() const;  // the latest finalised version, if any
  // The day the current review period began: the latest of the current version's given date and
  // a later notice of no revision.
  std::optional<Date> ReviewPeriodStartsOn() const;
  int Revision(std::string_view part) const;  // 0 when never saved
};

// Part names for Idp::revisions.
std::string SectionPart(IdpSection section);
std::string ElementPart(int key);

// Starts a plan for `learner`, maintained by `body` (`setting` for a school or FEI), with
// `key_events` (the case's steps) in its timeline section. Refused when a school or FEI plan
// names no setting; the caller checks that the case is the learner's.
Result<Idp> StartPlan(const Learner& learner, DecidingBody body, LocalAuthorityId maintaining_la,
                      std::optional<SettingId> setting, std::optional<AlnCaseId> aln_case,
                      std::vector<KeyEvent> key_events, const StepContext& step);

// Saves one section of the draft from `edited` (its other sections are ignored), when the
// section's revision is still `seen_revision`; kConflict ("idp_error_section_conflict") when
// someone saved it first. Not for kProvision and kNhs (see SaveElement). Fails when there is no
// draft or the section does not check.
Result<void> SaveSection(Idp& idp, IdpSection section, const IdpContent& edited, int seen_revision,
                         const StepContext& step);
// Adds (key 0) or replaces an element of ALP, under the same rule for its revision; returns its
// key.
Result<int> SaveElement(Idp& idp, AlpElement element, int seen_revision, const StepContext& step);
Result<void> RemoveElement(Idp& idp, int key, int seen_revision, const StepContext& step);

struct FinaliseInput {
  NoticeMethod method = NoticeMethod::kEmail;
  Date sent_on;
  Date given_on;                 // GivenOn(method, sent_on, ...)
  std::string change_summary;    // required for a revised plan
  std::string override_reasons;  // required while quality flags remain
};
// Finalises the draft as the next version and gives it to the family. Refused while quality flags
// remain unless an officer records why ("override_reasons"); a revised plan needs a summary of
// what changed. Returns the version number.
Result<int> Finalise(Idp& idp, const FinaliseInput& input, const StepContext& step);

// Opens a draft from the current version to revise it (no-op if a draft is open).
Result<void> StartRevision(Idp& idp, const StepContext& step);

// Records a request for an earlier review; returns its number (1 = first).
Result<int> RequestReview(Idp& idp, ReviewRequest request, const StepContext& step);
// The body agrees to review, or records why a review is unnecessary ("answer" required).
Result<void> AnswerRequest(Idp& idp, int number, bool review, const std::string& answer, Date on,
                           const StepContext& step);

// Records a review meeting of the plan in force. Checked: held on a day not in the future and not
// before the current version was given; every required invitee invited (field "invitees"); who
// attended; the progress of each outcome of the version reviewed ("progress_<key>"); the reasons
// for the decision; a request named by a kRequest review (then marked reviewed); and, for no
// change, the date its notice was given. A decision to revise opens a draft; to cease, leaves the
// plan in force until Cease records the notice.
Result<void> RecordReview(Idp& idp, Review review, const std::vector<Invitee>& required,
                          const StepContext& step);

// Ceases the plan in force (from a review deciding so, or when the learner no longer needs it).
// `cessation.given_on`, `reconsider_by` and `appeal_by` must already be worked out (see
// CeaseRightFor).
Result<void> Cease(Idp& idp, Cessation cessation, const StepContext& step);
// The right a cessation notice gives: reconsideration by the LA for a school's plan (Regs reg 12,
// "cease-reconsideration-request"); an appeal to the tribunal for an LA's or FEI's plan.
bool CeaseIsReconsidered(DecidingBody body);

// Moves the plan with the learner. Checked: the plan is in force or a draft (not ceased); the
// date is not in the future and not before the plan started;
//   kNewSchool: `to` is a maintained school (not a PRU or FEI) where the learner is registered on
//     `on`; a school's plan is then maintained by it; an LA's stays with the LA of that school;
//   kDualRegistration: the learner is dually registered on `on`; the learner's LA maintains it;
//   kFei: `to` is an FEI, the learner is past compulsory school age on `on`, and
//     `entitlement_until` is after `on` and at most 2 years later; the FEI maintains it;
//   kNewLocalAuthority: an LA's plan, to `to_la` (a different LA).
Result<void> Move(Idp& idp, PlanMove move, const Learner& learner, const std::optional<Setting>& to,
                  const StepContext& step);

// Links a looked-after child's plan to their Personal Education Plan.
Result<void> LinkPep(Idp& idp, const Learner& learner, const std::string& reference, Date dated,
                     const StepContext& step);

}  // namespace cynnal::domain
