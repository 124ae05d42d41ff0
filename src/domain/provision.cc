#include "domain/provision.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include "domain/code_table.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

using Fields = std::map<std::string, std::string>;

constexpr CodeTable<ProvisionLevel, 4> kLevels = {{
    {ProvisionLevel::kUniversal, "universal"},
    {ProvisionLevel::kUniversalPlus, "universal_plus"},
    {ProvisionLevel::kTargeted, "targeted"},
    {ProvisionLevel::kSpecialist, "specialist"},
}};

constexpr CodeTable<AlncoQualification, 3> kQualifications = {{
    {AlncoQualification::kNone, "none"},
    {AlncoQualification::kStudying, "studying"},
    {AlncoQualification::kQualified, "qualified"},
}};

constexpr CodeTable<Expectation, 6> kExpectations = {{
    {Expectation::kDifferentiatedTeaching, "differentiated_teaching"},
    {Expectation::kTargetedIntervention, "targeted_intervention"},
    {Expectation::kProgressMonitoring, "progress_monitoring"},
    {Expectation::kInvolvingSpecialists, "involving_specialists"},
    {Expectation::kReviewingInterventions, "reviewing_interventions"},
    {Expectation::kInvolvingLearnersParents, "involving_learners_parents"},
}};

constexpr CodeTable<ExpectationRating, 4> kRatings = {{
    {ExpectationRating::kNotAssessed, "not_assessed"},
    {ExpectationRating::kMet, "met"},
    {ExpectationRating::kPartlyMet, "partly_met"},
    {ExpectationRating::kNotMet, "not_met"},
}};

constexpr CodeTable<MissedReason, 5> kMissedReasons = {{
    {MissedReason::kNone, "none"},
    {MissedReason::kLearnerAbsent, "learner_absent"},
    {MissedReason::kStaffAbsent, "staff_absent"},
    {MissedReason::kTimetable, "timetable"},
    {MissedReason::kOther, "other"},
}};

constexpr CodeTable<RegisterCategory, 7> kCategories = {{
    {RegisterCategory::kIdpLocalAuthority, "idp_la"},
    {RegisterCategory::kIdpSchool, "idp_school"},
    {RegisterCategory::kStatement, "statement"},
    {RegisterCategory::kSchoolActionPlus, "school_action_plus"},
    {RegisterCategory::kSchoolAction, "school_action"},
    {RegisterCategory::kTargeted, "targeted"},
    {RegisterCategory::kUniversal, "universal"},
}};

bool InYear(const ProvisionMap& map, Date date) {
  return date >= AcademicYearStart(map.academic_year) && date <= AcademicYearEnd(map.academic_year);
}

Result<Provision*> Editable(ProvisionMap& map, int key) {
  if (map.review) return Fail(Error::Conflict("provision_error_reviewed"));
  Provision* provision = map.Find(key);
  if (!provision) return Fail(Error::NotFound("provision_error_not_found"));
  return provision;
}

ProvisionLearner* Current(Provision& provision, LearnerId learner) {
  for (auto it = provision.learners.rbegin(); it != provision.learners.rend(); ++it)
    if (it->learner == learner && !it->left_on) return &*it;
  return nullptr;
}

std::chrono::sys_days Days(Date date) { return std::chrono::sys_days{date}; }

// Monday of the week holding `date`.
std::chrono::sys_days WeekStart(Date date) {
  const auto days = Days(date);
  const unsigned from_monday = (std::chrono::weekday{days}.c_encoding() + 6) % 7;
  return days - std::chrono::days{from_monday};
}

}  // namespace

std::string_view Code(ProvisionLevel level) { return CodeIn(kLevels, level); }
std::optional<ProvisionLevel> ProvisionLevelFromCode(std::string_view code) {
  return FromCodeIn(kLevels, code);
}
const std::vector<ProvisionLevel>& AllProvisionLevels() {
  static const auto all = AllIn(kLevels);
  return all;
}
std::string_view Code(AlncoQualification qualification) {
  return CodeIn(kQualifications, qualification);
}
std::optional<AlncoQualification> AlncoQualificationFromCode(std::string_view code) {
  return FromCodeIn(kQualifications, code);
}
const std::vector<AlncoQualification>& AllAlncoQualifications() {
  static const auto all = AllIn(kQualifications);
  return all;
}
std::string_view Code(MissedReason reason) { return CodeIn(kMissedReasons, reason); }
std::optional<MissedReason> MissedReasonFromCode(std::string_view code) {
  return FromCodeIn(kMissedReasons, code);
}
const std::vector<MissedReason>& AllMissedReasons() {
  static const auto all = AllIn(kMissedReasons);
  return all;
}
std::string_view Code(RegisterCategory category) { return CodeIn(kCategories, category); }
std::optional<RegisterCategory> RegisterCategoryFromCode(std::string_view code) {
  return FromCodeIn(kCategories, code);
}
const std::vector<RegisterCategory>& AllRegisterCategories() {
  static const auto all = AllIn(kCategories);
  return all;
}

const ProvisionLearner* Provision::Learner(LearnerId learner) const {
  for (auto it = learners.rbegin(); it != learners.rend(); ++it)
    if (it->learner == learner) return &*it;
  return nullptr;
}

int Provision::CurrentLearners(Date on) const {
  int n = 0;
  for (const auto& l : learners)
    if (l.joined_on <= on && (!l.left_on || *l.left_on > on)) ++n;
  return n;
}

const Provision* ProvisionMap::Find(int key) const {
  for (const auto& p : provisions)
    if (p.key == key) return &p;
  return nullptr;
}

Provision* ProvisionMap::Find(int key) {
  for (auto& p : provisions)
    if (p.key == key) return &p;
  return nullptr;
}

Result<void> CheckProvision(const Provision& provision) {
  Fields fields;
  const std::string name = Trim(provision.name);
  if (name.empty())
    fields.emplace("name", "provision_error_name");
  else if (CharacterCount(name) > 200)
    fields.emplace("name", "provision_error_name_long");
  if (CharacterCount(provision.staff) > 200) fields.emplace("staff", "provision_error_staff_long");
  if (provision.staff_hours_tenths < 0 || provision.staff_hours_tenths > 1000)
    fields.emplace("staff_hours", "provision_error_staff_hours");
  if (provision.group_size < 0 || provision.group_size > 60)
    fields.emplace("group_size", "provision_error_group_size");
  if (provision.sessions < 0 || provision.sessions > 50)
    fields.emplace("sessions", "provision_error_sessions");
  else if (provision.sessions > 0 && !provision.per)
    fields.emplace("per", "provision_error_per");
  if (provision.minutes < 0 || provision.minutes > 600)
    fields.emplace("minutes", "provision_error_minutes");
  if (provision.cost_per_term_pounds < 0 || provision.cost_per_term_pounds > 1'000'000)
    fields.emplace("cost_per_term", "provision_error_cost");
  if (CharacterCount(provision.impact) > kMaxProvisionText)
    fields.emplace("impact", "provision_error_impact_long");
  if (!fields.empty()) return Invalid("provision_error_title", std::move(fields));
  return {};
}

Result<void> CheckCoordination(const AlnCoordination& c) {
  Fields fields;
  if (CharacterCount(c.alnco_name) > 200) fields.emplace("alnco_name", "provision_error_name_long");
  if (CharacterCount(c.governor_name) > 200)
    fields.emplace("governor_name", "provision_error_name_long");
  if (c.hours_per_week_tenths < 0 || c.hours_per_week_tenths > 500)
    fields.emplace("alnco_hours", "provision_error_alnco_hours");
  if (CharacterCount(c.training) > kMaxProvisionText)
    fields.emplace("training", "provision_error_impact_long");
  if (!fields.empty()) return Invalid("provision_error_coordination_title", std::move(fields));
  return {};
}

Result<int> SaveProvision(ProvisionMap& map, Provision provision) {
  if (map.review) return Fail(Error::Conflict("provision_error_reviewed"));
  if (auto ok = CheckProvision(provision); !ok) return Fail(ok.error());
  provision.name = Trim(provision.name);
  provision.staff = Trim(provision.staff);
  provision.impact = Trim(provision.impact);
  if (provision.sessions == 0) provision.per.reset();
  if (provision.key == 0) {
    provision.key = map.next_key++;
    provision.learners.clear();
    map.provisions.push_back(std::move(provision));
    return map.provisions.back().key;
  }
  Provision* stored = map.Find(provision.key);
  if (!stored) return Fail(Error::NotFound("provision_error_not_found"));
  provision.learners = std::move(stored->learners);
  *stored = std::move(provision);
  return stored->key;
}

Result<void> RemoveProvision(ProvisionMap& map, int key) {
  auto provision = Editable(map, key);
  if (!provision) return Fail(provision.error());
  if (!(*provision)->learners.empty()) return Fail(Error::Conflict("provision_error_has_learners"));
  std::erase_if(map.provisions, [key](const Provision& p) { return p.key == key; });
  return {};
}

Result<void> AddLearnerToProvision(ProvisionMap& map, int key, LearnerId learner, Date joined_on,
                                   const std::string& entry_measure) {
  auto provision = Editable(map, key);
  if (!provision) return Fail(provision.error());
  Fields fields;
  if (!InYear(map, joined_on)) fields.emplace("joined_on", "provision_error_outside_year");
  if (CharacterCount(entry_measure) > 500)
    fields.emplace("entry_measure", "provision_error_measure");
  if (!fields.empty()) return Invalid("provision_error_learner_title", std::move(fields));
  if (Current(**provision, learner))
    return Fail(Error::Conflict("provision_error_already_receiving"));
  (*provision)->learners.push_back({learner, joined_on, std::nullopt, Trim(entry_measure), ""});
  return {};
}

Result<void> EndLearnerProvision(ProvisionMap& map, int key, LearnerId learner, Date left_on,
                                 const std::string& exit_measure) {
  auto provision = Editable(map, key);
  if (!provision) return Fail(provision.error());
  ProvisionLearner* place = Current(**provision, learner);
  if (!place) return Fail(Error::NotFound("provision_error_not_receiving"));
  Fields fields;
  if (left_on < place->joined_on)
    fields.emplace("left_on", "provision_error_left_before_joined");
  else if (!InYear(map, left_on))
    fields.emplace("left_on", "provision_error_outside_year");
  if (CharacterCount(exit_measure) > 500) fields.emplace("exit_measure", "provision_error_measure");
  if (!fields.empty()) return Invalid("provision_error_learner_title", std::move(fields));
  place->left_on = left_on;
  place->exit_measure = Trim(exit_measure);
  return {};
}

Result<void> RecordImpact(ProvisionMap& map, int key, const std::string& impact) {
  auto provision = Editable(map, key);
  if (!provision) return Fail(provision.error());
  if (CharacterCount(impact) > kMaxProvisionText)
    return Invalid("provision_error_title", {{"impact", "provision_error_impact_long"}});
  (*provision)->impact = Trim(impact);
  return {};
}

Result<ProvisionMap> ReviewAndRollOver(ProvisionMap& previous, const ProvisionMapReview& review,
                                       const std::set<LearnerId>& still_at_school) {
  if (previous.review) return Fail(Error::Conflict("provision_error_reviewed"));
  Fields fields;
  if (Trim(review.summary).empty())
    fields.emplace("summary", "provision_error_summary");
  else if (CharacterCount(review.summary) > kMaxProvisionText)
    fields.emplace("summary", "provision_error_impact_long");
  if (review.reviewed_on < AcademicYearStart(previous.academic_year))
    fields.emplace("reviewed_on", "provision_error_review_early");
  if (!fields.empty()) return Invalid("provision_error_review_title", std::move(fields));

  ProvisionMap next;
  next.local_authority = previous.local_authority;
  next.setting = previous.setting;
  next.academic_year = previous.academic_year + 1;
  next.next_key = previous.next_key;
  next.rolled_from = previous.id;
  next.coordination = previous.coordination;
  next.coordination.training.clear();
  const Date first_day = AcademicYearStart(next.academic_year);
  for (const auto& p : previous.provisions) {
    Provision copy = p;
    copy.impact.clear();
    copy.learners.clear();
    for (const auto& l : p.learners) {
      if (l.left_on || !still_at_school.contains(l.learner)) continue;
      const std::string& measure = l.exit_measure.empty() ? l.entry_measure : l.exit_measure;
      copy.learners.push_back({l.learner, first_day, std::nullopt, measure, ""});
    }
    next.provisions.push_back(std::move(copy));
  }
  previous.review = review;
  previous.review->summary = Trim(review.summary);
  return next;
}

Result<void> CheckDelivery(const DeliveryRecord& record, Date today) {
  Fields fields;
  if (record.on > today) fields.emplace("on", "delivery_error_future");
  if (record.delivered < 0 || record.delivered > 20)
    fields.emplace("delivered", "delivery_error_count");
  if (record.missed < 0 || record.missed > 20) fields.emplace("missed", "delivery_error_count");
  if (record.delivered == 0 && record.missed == 0 && !fields.contains("delivered"))
    fields.emplace("delivered", "delivery_error_none");
  if (record.missed > 0 && record.reason == MissedReason::kNone)
    fields.emplace("reason", "delivery_error_reason");
  if (CharacterCount(record.note) > 500) fields.emplace("note", "delivery_error_note_long");
  if (record.idp.has_value() == record.map.has_value())
    fields.emplace("target", "delivery_error_target");
  if (!fields.empty()) return Invalid("delivery_error_title", std::move(fields));
  return {};
}

int PromisedSessions(int sessions, ProvisionPeriod per, Date from, Date through,
                     const SchoolCalendar& calendar) {
  if (sessions <= 0 || through < from) return 0;
  const auto first = Days(from);
  const auto last = Days(through);
  const auto is_school = [&](std::chrono::sys_days d) {
    return calendar.TypeOf(Date{d}) == DayType::kSchoolDay;
  };
  switch (per) {
    case ProvisionPeriod::kDay: {
      int n = 0;
      for (auto d = first; d <= last; d += std::chrono::days{1})
        if (is_school(d)) ++n;
      return n * sessions;
    }
    case ProvisionPeriod::kWeek:
    case ProvisionPeriod::kFortnight: {
      // Weeks from the one holding `from` whose last school day has passed by `through`.
      int weeks = 0;
      for (auto monday = WeekStart(from); monday <= last; monday += std::chrono::days{7}) {
        std::optional<std::chrono::sys_days> last_school;
        for (int i = 0; i < 7; ++i)
          if (const auto d = monday + std::chrono::days{i}; is_school(d)) last_school = d;
        if (last_school && *last_school >= first && *last_school <= last) ++weeks;
      }
      return (per == ProvisionPeriod::kWeek ? weeks : weeks / 2) * sessions;
    }
    case ProvisionPeriod::kHalfTerm:
    case ProvisionPeriod::kTerm: {
      // Runs of school days split by breaks longer than `gap` days; a run counts once its last
      // school day has passed, found by looking ahead past `through` for the next school day.
      const int gap = per == ProvisionPeriod::kHalfTerm ? 7 : 14;
      int runs = 0;
      std::optional<std::chrono::sys_days> previous;
      for (auto d = first; d <= last; d += std::chrono::days{1}) {
        if (!is_school(d)) continue;
        if (previous && (d - *previous).count() > gap) ++runs;
        previous = d;
      }
      if (previous) {
        bool open = false;  // the run holding `previous` carries on after `through`
        for (auto d = last + std::chrono::days{1}; d <= *previous + std::chrono::days{gap};
             d += std::chrono::days{1})
          if (is_school(d)) {
            open = true;
            break;
          }
        if (!open) ++runs;
      }
      return runs * sessions;
    }
    case ProvisionPeriod::kYear: {
      int years = 0;
      for (int y = AcademicYearOf(from); y <= AcademicYearOf(through); ++y) {
        // The year's last school day, if the calendar knows one.
        std::optional<std::chrono::sys_days> last_school;
        for (auto d = Days(AcademicYearEnd(y)); d >= Days(AcademicYearStart(y));
             d -= std::chrono::days{1})
          if (is_school(d)) {
            last_school = d;
            break;
          }
        if (last_school && *last_school <= last && *last_school >= first) ++years;
      }
      return years * sessions;
    }
  }
  return 0;
}

int DeliveryTotal::PercentDelivered() const {
  if (promised <= 0) return 100;
  return static_cast<int>((static_cast<long long>(delivered) * 100) / promised);
}

MeasuredPeriod PeriodFor(std::optional<Date> starts_on, std::optional<Date> ends_on, Date today) {
  Date from = AcademicYearStart(AcademicYearOf(today));
  if (starts_on && *starts_on > from) from = *starts_on;
  Date through = today;
  if (ends_on && *ends_on < through) through = *ends_on;
  return {from, through};
}

std::optional<RegisterCategory> RegisterCategoryOf(const RegisterFacts& facts) {
  if (facts.idp_in_force)
    return *facts.idp_in_force == DecidingBody::kLocalAuthority
               ? RegisterCategory::kIdpLocalAuthority
               : RegisterCategory::kIdpSchool;
  if (!facts.legacy_converted) {
    switch (facts.legacy) {
      case LegacySenStatus::kStatement:
        return RegisterCategory::kStatement;
      case LegacySenStatus::kSchoolActionPlus:
        return RegisterCategory::kSchoolActionPlus;
      case LegacySenStatus::kSchoolAction:
        return RegisterCategory::kSchoolAction;
      case LegacySenStatus::kNone:
        break;
    }
  }
  const bool targeted_provision =
      facts.highest_provision && (*facts.highest_provision == ProvisionLevel::kTargeted ||
                                  *facts.highest_provision == ProvisionLevel::kSpecialist);
  if (facts.profile == SupportLevel::kTargeted || targeted_provision)
    return RegisterCategory::kTargeted;
  if (facts.profile == SupportLevel::kUniversal ||
      facts.highest_provision == ProvisionLevel::kUniversalPlus)
    return RegisterCategory::kUniversal;
  return std::nullopt;
}

std::string_view Code(Expectation expectation) { return CodeIn(kExpectations, expectation); }
std::optional<Expectation> ExpectationFromCode(std::string_view code) {
  return FromCodeIn(kExpectations, code);
}
const std::vector<Expectation>& AllExpectations() {
  static const auto all = AllIn(kExpectations);
  return all;
}
std::string_view Code(ExpectationRating rating) { return CodeIn(kRatings, rating); }
std::optional<ExpectationRating> ExpectationRatingFromCode(std::string_view code) {
  return FromCodeIn(kRatings, code);
}
const std::vector<ExpectationRating>& AllExpectationRatings() {
  static const auto all = AllIn(kRatings);
  return all;
}

const ExpectationFinding* SchoolReview::Finding(Expectation expectation) const {
  for (const auto& f : findings)
    if (f.expectation == expectation) return &f;
  return nullptr;
}

Result<void> CheckSchoolReview(const SchoolReview& review, Date today) {
  Fields fields;
  if (review.reviewed_on > today)
    fields.emplace("reviewed_on", "review_error_future");
  else if (review.reviewed_on < AcademicYearStart(review.academic_year))
    fields.emplace("reviewed_on", "review_error_before_year");
  for (auto e : AllExpectations()) {
    const std::string field = "evidence_" + std::string(Code(e));
    const ExpectationFinding* f = review.Finding(e);
    if (!f) {
      fields.emplace("rating_" + std::string(Code(e)), "review_error_rating");
      continue;
    }
    if (f->rating != ExpectationRating::kNotAssessed && Trim(f->evidence).empty())
      fields.emplace(field, "review_error_evidence");
    else if (CharacterCount(f->evidence) > kMaxProvisionText)
      fields.emplace(field, "provision_error_impact_long");
  }
  if (Trim(review.summary).empty())
    fields.emplace("summary", "review_error_summary");
  else if (CharacterCount(review.summary) > kMaxProvisionText)
    fields.emplace("summary", "provision_error_impact_long");
  if (CharacterCount(review.actions) > kMaxProvisionText)
    fields.emplace("actions", "provision_error_impact_long");
  if (!fields.empty()) return Invalid("review_error_title", std::move(fields));
  return {};
}

}  // namespace cynnal::domain
