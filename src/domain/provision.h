#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/aln_determination.h"
#include "domain/aln_responsibility.h"
#include "domain/date.h"
#include "domain/idp.h"
#include "domain/ids.h"
#include "domain/legacy_sen.h"
#include "domain/one_page_profile.h"
#include "domain/result.h"
#include "domain/school_calendar.h"

namespace cynnal::domain {

// A school's provision map (REFERENCE section 7): what the school provides from its own budget
// for learners with ALN and others who need support, at four levels, reviewed every year with the
// previous year's map kept.

// The levels of a provision map (catalogue ids "provision_level_<code>").
enum class ProvisionLevel {
  kUniversal,      // quality first teaching, for every learner
  kUniversalPlus,  // adjustments within the classroom for some learners
  kTargeted,       // time-limited interventions for small groups or individuals
  kSpecialist,     // specialist teaching or support, usually for learners with an IDP
};
std::string_view Code(ProvisionLevel level);
std::optional<ProvisionLevel> ProvisionLevelFromCode(std::string_view code);
const std::vector<ProvisionLevel>& AllProvisionLevels();

// A learner receiving a provision, with the measures taken when they started and finished.
struct ProvisionLearner {
  LearnerId learner;
  Date joined_on;
  std::optional<Date> left_on;
  std::string entry_measure;  // "Reading age 6y 2m", "Boxall 34"
  std::string exit_measure;
};

// One provision on the map.
struct Provision {
  int key = 0;  // unique within the map, kept when the map is rolled over; 0 until added
  std::string name;
  ProvisionLevel level = ProvisionLevel::kTargeted;
  std::optional<AreaOfNeed> area;
  std::string staff;           // who delivers it ("Teaching assistant", "ALNCo")
  int staff_hours_tenths = 0;  // staff hours a week, in tenths (25 = 2.5 hours)
  int group_size = 0;          // learners in a group (0: whole class or not given)
  // How often a learner receives it, as an IDP's element of ALP says it (0 sessions: not given).
  int sessions = 0;
  int minutes = 0;
  std::optional<ProvisionPeriod> per;
  int cost_per_term_pounds = 0;
  std::vector<ProvisionLearner> learners;  // in the order they joined
  std::string impact;                      // the year's evaluation

  // The learner's latest entry (current or ended), if any.
  const ProvisionLearner* Learner(LearnerId learner) const;
  // Learners who have not left by `on`.
  int CurrentLearners(Date on) const;
};

// The ALNCo's qualification (catalogue ids "alnco_qualification_<code>"; Regs reg 27 asks for
// the ALNCo to hold or be working towards the prescribed qualification).
enum class AlncoQualification { kNone, kStudying, kQualified };
std::string_view Code(AlncoQualification qualification);
std::optional<AlncoQualification> AlncoQualificationFromCode(std::string_view code);
const std::vector<AlncoQualification>& AllAlncoQualifications();

// How the school co-ordinates ALN in the year (REFERENCE section 7): the ALNCo's time, training and
// qualification, and the named ALN governor, as the annual report to governors gives them.
struct AlnCoordination {
  std::string alnco_name;
  int hours_per_week_tenths = 0;  // time set aside for the ALNCo role
  AlncoQualification qualification = AlncoQualification::kNone;
  std::string training;       // the ALNCo's and staff's ALN training this year
  std::string governor_name;  // the named ALN governor
};
// Fields "alnco_name" and "governor_name" (at most 200 characters), "alnco_hours" (0 to 50 hours
// a week), "training" (at most kMaxProvisionText). Message "provision_error_coordination_title".
Result<void> CheckCoordination(const AlnCoordination& coordination);

// The yearly review that closes a map.
struct ProvisionMapReview {
  Date reviewed_on;
  UserId by;
  std::string summary;  // what worked, what changes next year
};

// A school's map for one academic year.
struct ProvisionMap {
  ProvisionMapId id;
  LocalAuthorityId local_authority;
  SettingId setting;
  int academic_year = 0;  // by start year: 2025 is 2025/26
  std::vector<Provision> provisions;
  int next_key = 1;
  std::optional<ProvisionMapId> rolled_from;  // the previous year's map
  std::optional<ProvisionMapReview> review;   // set when the year was reviewed and rolled over
  AlnCoordination coordination;               // carried into next year's map, training cleared
  int version = 0;

  const Provision* Find(int key) const;
  Provision* Find(int key);
};

// Limits of the provision form.
inline constexpr std::size_t kMaxProvisionText = 2000;

// Checks a provision as typed. Fields: "name" (required, at most 200 characters), "staff" (at most
// 200), "staff_hours" (0 to 100 hours a week), "group_size" (0 to 60), "sessions" (0 to 50,
// with "per" when given), "minutes" (0 to 600), "cost_per_term" (0 to £1,000,000), "impact"
// (at most kMaxProvisionText). Message "provision_error_title".
Result<void> CheckProvision(const Provision& provision);

// Adds the provision (key 0; it gets the map's next key) or replaces the one with its key,
// keeping its learners. Returns the key. kNotFound "provision_error_not_found" for an unknown
// key; kConflict "provision_error_reviewed" once the map has been reviewed.
Result<int> SaveProvision(ProvisionMap& map, Provision provision);

// Removes a provision no learner has received; kConflict "provision_error_has_learners" if one
// has (end their places instead, so the record stays).
Result<void> RemoveProvision(ProvisionMap& map, int key);

// Adds a learner on `joined_on` (within the map's year) with their entry measure. kConflict
// "provision_error_already_receiving" when they receive it and have not left.
Result<void> AddLearnerToProvision(ProvisionMap& map, int key, LearnerId learner, Date joined_on,
                                   const std::string& entry_measure);

// Ends a learner's place on `left_on` (not before they joined) with their exit measure.
Result<void> EndLearnerProvision(ProvisionMap& map, int key, LearnerId learner, Date left_on,
                                 const std::string& exit_measure);

// Records the provision's impact this year (at most kMaxProvisionText characters).
Result<void> RecordImpact(ProvisionMap& map, int key, const std::string& impact);

// Reviews `previous` (sets its review) and returns the next year's map: its co-ordination (without
// the year's training) and the same provisions with
// the same keys, their impact cleared, carrying the learners who had not left and are in
// `still_at_school` (joined on 1 September of the new year, their exit measure from the last year,
// if taken, as their entry measure). Refused: kConflict "provision_error_reviewed" when
// `previous` was already rolled over; kInvalidArgument "provision_error_review_title" with field
// "summary" when the summary is empty, "reviewed_on" when the date is before the map's year began.
Result<ProvisionMap> ReviewAndRollOver(ProvisionMap& previous, const ProvisionMapReview& review,
                                       const std::set<LearnerId>& still_at_school);

// ---------------------------------------------------------------------------------------------
// Delivered against promised (issue 7): sessions recorded against an IDP's element of ALP or a
// provision on the map.

// Why promised sessions did not happen (catalogue ids "missed_<code>").
enum class MissedReason { kNone, kLearnerAbsent, kStaffAbsent, kTimetable, kOther };
std::string_view Code(MissedReason reason);
std::optional<MissedReason> MissedReasonFromCode(std::string_view code);
const std::vector<MissedReason>& AllMissedReasons();

// Sessions given to one learner on one day, against one element of ALP or one provision.
struct DeliveryRecord {
  DeliveryRecordId id;
  LocalAuthorityId local_authority;  // the learner's LA
  LearnerId learner;
  SettingId setting;  // where it was delivered
  // Exactly one of: an element of ALP in a plan, or a provision on a map.
  std::optional<IdpId> idp;
  int element = 0;
  std::optional<ProvisionMapId> map;
  int provision = 0;
  Date on;
  int delivered = 0;  // sessions given
  int missed = 0;     // sessions that should have happened and did not
  MissedReason reason = MissedReason::kNone;
  std::string note;
  UserId by;
  Timestamp at{};
};

// Checks a record as typed: "on" not in the future; "delivered" and "missed" 0 to 20 and not both
// 0; a "reason" when sessions were missed; "note" at most 500 characters. Message
// "delivery_error_title".
Result<void> CheckDelivery(const DeliveryRecord& record, Date today);

// How many sessions were promised from `from` through `through` (both inclusive) at `sessions`
// a `per`, counting complete periods of the calendar's school days only, so that a learner is not
// short for a period that is not over. A period is owed once its last school day has passed (is on
// or before `through`), and only if it has a school day on or after `from`, so a period already
// under way when the provision starts is owed in full (a plan starting on a Wednesday owes that
// week's sessions):
//   day: each school day; week: each Monday-to-Sunday week with a school day; fortnight: each
//   second such week, counted from `from`; half term: each run of school days, runs split by a
//   break of more than 7 days; term: the same, split by a break of more than 14 days; year: each
//   academic year.
// 0 when `through` < `from`. Days outside the calendar's terms are not school days.
int PromisedSessions(int sessions, ProvisionPeriod per, Date from, Date through,
                     const SchoolCalendar& calendar);

// Delivery against a promise over a period.
struct DeliveryTotal {
  int promised = 0;
  int delivered = 0;
  int missed = 0;  // recorded as missed, with reasons

  int Shortfall() const { return promised > delivered ? promised - delivered : 0; }
  // Delivered as a whole percentage of promised (100 when nothing was promised).
  int PercentDelivered() const;
};

// The period a promise is measured over: from the later of `starts_on` (if any) and the start of
// `today`'s academic year, through the earlier of `ends_on` (if any) and `today`.
struct MeasuredPeriod {
  Date from;
  Date through;
};
MeasuredPeriod PeriodFor(std::optional<Date> starts_on, std::optional<Date> ends_on, Date today);

// ---------------------------------------------------------------------------------------------
// The ALN register (REFERENCE section 7): each learner at a school with an IDP, a legacy SEN
// status, a One Page Profile or targeted support.

// A learner's place on the register, most significant first (catalogue ids "register_<code>").
enum class RegisterCategory {
  kIdpLocalAuthority,  // an IDP the LA maintains
  kIdpSchool,          // an IDP the school (or FEI) maintains
  kStatement,          // legacy SEN: a statement (S)
  kSchoolActionPlus,   // legacy SEN: School Action Plus (P)
  kSchoolAction,       // legacy SEN: School Action (A)
  kTargeted,           // targeted or specialist support: a One Page Profile or a provision
  kUniversal,          // a One Page Profile with universal support
};
std::string_view Code(RegisterCategory category);
std::optional<RegisterCategory> RegisterCategoryFromCode(std::string_view code);
const std::vector<RegisterCategory>& AllRegisterCategories();

// What the register is drawn from, for one learner.
struct RegisterFacts {
  std::optional<DecidingBody> idp_in_force;  // who maintains the learner's plan in force
  LegacySenStatus legacy = LegacySenStatus::kNone;
  bool legacy_converted = false;                    // the legacy record has its outcome
  std::optional<SupportLevel> profile;              // an open One Page Profile's level
  std::optional<ProvisionLevel> highest_provision;  // the highest level they receive on the map
  std::set<AreaOfNeed> areas;                       // from the plan in force and provisions
  std::set<std::string> types;                      // TypeOfNeed codes from the plan
};

// The learner's category, or nothing when they are not on the register. An IDP comes first; then
// a legacy status not yet converted; then targeted support (a targeted profile, or a targeted or
// specialist provision); then a universal One Page Profile or universal plus provision.
std::optional<RegisterCategory> RegisterCategoryOf(const RegisterFacts& facts);

// ---------------------------------------------------------------------------------------------
// The LA's review of a school's arrangements (ALN Code 7.10; REFERENCE section 7): how far the
// school meets each of the six expectations, with the evidence.

// The six expectations, in the Code's order (catalogue ids "expectation_<code>").
enum class Expectation {
  kDifferentiatedTeaching,    // differentiated teaching for all learners
  kTargetedIntervention,      // targeted intervention where it is needed
  kProgressMonitoring,        // monitoring learners' progress
  kInvolvingSpecialists,      // involving specialists
  kReviewingInterventions,    // reviewing interventions and the skills of staff
  kInvolvingLearnersParents,  // involving children, young people and parents at every stage
};
std::string_view Code(Expectation expectation);
std::optional<Expectation> ExpectationFromCode(std::string_view code);
const std::vector<Expectation>& AllExpectations();

// Catalogue ids "rating_<code>".
enum class ExpectationRating { kNotAssessed, kMet, kPartlyMet, kNotMet };
std::string_view Code(ExpectationRating rating);
std::optional<ExpectationRating> ExpectationRatingFromCode(std::string_view code);
const std::vector<ExpectationRating>& AllExpectationRatings();

struct ExpectationFinding {
  Expectation expectation = Expectation::kDifferentiatedTeaching;
  ExpectationRating rating = ExpectationRating::kNotAssessed;
  std::string evidence;
};

struct SchoolReview {
  SchoolReviewId id;
  LocalAuthorityId local_authority;
  SettingId setting;
  int academic_year = 0;
  Date reviewed_on;
  UserId by;
  std::vector<ExpectationFinding> findings;  // one per expectation, in the Code's order
  std::string summary;
  std::string actions;  // what the school and the LA agreed to do
  int version = 0;

  const ExpectationFinding* Finding(Expectation expectation) const;
};

// Checks a review as typed: "reviewed_on" not in the future and within or after the review's
// school year; one finding per expectation; a rated finding needs its evidence (field
// "evidence_<code>"); evidence, "summary" (required) and "actions" at most kMaxProvisionText
// characters. Message "review_error_title".
Result<void> CheckSchoolReview(const SchoolReview& review, Date today);

}  // namespace cynnal::domain
