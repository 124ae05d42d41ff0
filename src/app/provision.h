#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/forms.h"
#include "app/services.h"
#include "domain/family_contact.h"
#include "domain/organisation.h"
#include "domain/provision.h"

namespace cynnal::app {

// ---------------------------------------------------------------------------------------------
// Provision maps (MayAccessProvision; audited as "view" when read with names, "update" when
// changed).

// A learner as the map's forms offer them: those registered at the school today.
struct LearnerOption {
  domain::LearnerId id;
  std::string name;
  int year_group = 0;
};

// Totals of one level of the map.
struct LevelTotal {
  int provisions = 0;
  int learners = 0;            // receiving a provision of this level today (a learner once each)
  int staff_hours_tenths = 0;  // a week
  int cost_per_term_pounds = 0;
};

struct ProvisionMapView {
  domain::Setting setting;
  int academic_year = 0;
  std::optional<domain::ProvisionMap> map;         // none yet for that year
  std::vector<int> years;                          // the years with a map, latest first
  bool names_shown = false;                        // false for a governor: counts only
  bool may_edit = false;                           // and the map is not yet reviewed
  bool may_roll_over = false;                      // may edit, and next year has no map yet
  bool may_start = false;                          // no map for the year and may edit
  std::map<domain::LearnerId, std::string> names;  // learners on the map (names_shown only)
  std::map<domain::ProvisionLevel, LevelTotal> totals;
  LevelTotal total;
  // Learners receiving each provision today, by key.
  std::map<int, int> current;
  domain::Date today;
};
// `academic_year` 0: the current one. kNotFound for a setting the actor may not see.
Result<ProvisionMapView> ViewProvisionMap(Services& services, const Actor& actor,
                                          domain::SettingId setting, int academic_year);

// The same, for the setting and year of map `id`.
Result<ProvisionMapView> ViewProvisionMapById(Services& services, const Actor& actor,
                                              domain::ProvisionMapId id);

// Starts an empty map for the setting and year (the current one when 0).
Result<domain::ProvisionMapId> StartProvisionMap(Services& services, const Actor& actor,
                                                 domain::SettingId setting, int academic_year);

// One provision with its learners, their measures and the sessions they were given.
struct ProvisionDetailView {
  domain::Setting setting;
  domain::ProvisionMap map;
  domain::Provision provision;
  bool names_shown = false;
  bool may_edit = false;
  std::map<domain::LearnerId, std::string> names;
  int current_learners = 0;            // receiving it today (shown to everyone)
  std::vector<LearnerOption> options;  // learners who could join (may_edit only)
  // Sessions delivered to each learner this year against what the provision promises.
  std::map<domain::LearnerId, domain::DeliveryTotal> delivery;
  domain::Date today;
};
Result<ProvisionDetailView> ViewProvision(Services& services, const Actor& actor,
                                          domain::ProvisionMapId map, int key);

// Adds a provision (key 0) or changes one ("name", "level", "area", "staff", "staff_hours" as
// hours with one decimal place, "group_size", "sessions", "minutes", "per", "cost_per_term",
// "impact"; "version" the map's version as seen, if given). Returns its key.
Result<int> SaveProvisionItem(Services& services, const Actor& actor, domain::ProvisionMapId map,
                              int key, const Form& form);
Status RemoveProvisionItem(Services& services, const Actor& actor, domain::ProvisionMapId map,
                           int key);
// "learner" (an id from the options), "joined_on", "entry_measure".
Status AddProvisionLearner(Services& services, const Actor& actor, domain::ProvisionMapId map,
                           int key, const Form& form);
// "left_on", "exit_measure".
Status EndProvisionLearner(Services& services, const Actor& actor, domain::ProvisionMapId map,
                           int key, domain::LearnerId learner, const Form& form);
// Reviews the map ("reviewed_on", "summary") and starts next year's from it
// (domain::ReviewAndRollOver, carrying the learners still registered at the school on the first
// day of the new year). Returns the new map.
Result<domain::ProvisionMapId> RollOverProvisionMap(Services& services, const Actor& actor,
                                                    domain::ProvisionMapId map, const Form& form);

// Records how the school co-ordinates ALN this year ("alnco_name", "alnco_hours" as hours with
// one decimal place, "qualification", "training", "governor_name").
Status SaveCoordination(Services& services, const Actor& actor, domain::ProvisionMapId map,
                        const Form& form);

// ---------------------------------------------------------------------------------------------
// Delivered against promised.

// What was promised to one learner under one element of ALP or one provision, and what was given
// in this academic year (domain::PeriodFor, domain::PromisedSessions).
struct DeliveryLine {
  domain::LearnerId learner;
  domain::SettingId setting;  // where it is given
  std::optional<domain::IdpId> idp;
  int element = 0;
  std::optional<domain::ProvisionMapId> map;
  int provision = 0;
  std::string target;  // "alp-<idp>-<key>" or "provision-<map>-<key>", as the form sends it
  std::string title;   // the element's provision, or the provision's name
  int sessions = 0;
  int minutes = 0;
  domain::ProvisionPeriod per = domain::ProvisionPeriod::kWeek;
  domain::MeasuredPeriod period;
  domain::DeliveryTotal total;
  bool unknown_calendar = false;  // the school's terms are not entered: nothing can be promised
};

struct LearnerDeliveryView {
  domain::Learner learner;
  std::vector<DeliveryLine> lines;              // plan elements first, then provisions
  std::vector<domain::DeliveryRecord> records;  // this academic year, latest first
  std::map<domain::SettingId, std::string> settings;
  std::map<domain::UserId, std::string> recorders;
  bool may_record = false;
  domain::Date today;
};
// Whoever may see the learner sees what was delivered to them; audited as "view".
Result<LearnerDeliveryView> ViewLearnerDelivery(Services& services, const Actor& actor,
                                                domain::LearnerId learner);
// The same lines without the records, for the learner's record page: empty when the actor may not
// see the learner. Not audited (the record page is).
std::vector<DeliveryLine> LearnerDeliveryLines(Services& services, const Actor& actor,
                                               domain::LearnerId learner);

// Records sessions ("target" as a line's, "on", "delivered", "missed", "reason", "note"); the
// actor must be allowed to record at the line's setting.
Result<domain::DeliveryRecordId> RecordDelivery(Services& services, const Actor& actor,
                                                domain::LearnerId learner, const Form& form);
// Removes a record made in error (whoever may record at its setting).
Status RemoveDelivery(Services& services, const Actor& actor, domain::DeliveryRecordId id);

// The learner a record is about, for whoever may see that learner (kNotFound otherwise).
Result<domain::LearnerId> DeliveryLearner(Services& services, const Actor& actor,
                                          domain::DeliveryRecordId id);

// A school's delivery: every line of its current learners that falls short, and totals.
struct SchoolDeliveryView {
  domain::Setting setting;
  bool names_shown = false;
  std::vector<DeliveryLine> short_lines;  // names_shown only; largest shortfall first
  std::map<domain::LearnerId, std::string> names;
  int lines = 0;           // promises measured
  int learners_short = 0;  // learners with at least one shortfall
  domain::DeliveryTotal total;
  domain::Date today;
};
Result<SchoolDeliveryView> ViewSchoolDelivery(Services& services, const Actor& actor,
                                              domain::SettingId setting);

// ---------------------------------------------------------------------------------------------
// The ALN register.

struct RegisterRow {
  domain::LearnerId learner;
  std::string name;
  std::string upn;
  int year_group = 0;
  domain::RegisterCategory category = domain::RegisterCategory::kUniversal;
  domain::RegisterFacts facts;
  std::vector<std::string> provisions;  // names of the map's provisions they receive
};

struct RegisterCounts;
// The register of a setting on `today`, with its counts (for use cases reading in `tx`; no access
// check).
std::vector<RegisterRow> RegisterRows(UnitOfWork& tx, domain::SettingId id, domain::Date today,
                                      RegisterCounts& counts);

struct RegisterCounts {
  int total = 0;
  int roll = 0;  // learners registered today
  std::map<domain::RegisterCategory, int> by_category;
  std::map<int, int> by_year_group;
  std::map<domain::AreaOfNeed, int> by_area;  // a learner counts in each of their areas
};

struct AlnRegisterView {
  domain::Setting setting;
  bool names_shown = false;
  bool may_export = false;
  std::vector<RegisterRow> rows;  // names_shown only; by category, then name
  RegisterCounts counts;
  domain::Date today;
};
// Audited as "view" (with names) or not at all (counts).
Result<AlnRegisterView> ViewAlnRegister(Services& services, const Actor& actor,
                                        domain::SettingId setting);
// The same for a download: with names for those who may export them (audited as "export"),
// counts only for the others who may see counts.
Result<AlnRegisterView> ExportAlnRegister(Services& services, const Actor& actor,
                                          domain::SettingId setting);

// ---------------------------------------------------------------------------------------------
// The LA's oversight of its schools' ALN arrangements (LA administrators and officers): each
// school's identification rate, provision by level, staff hours and spend against its roll, with
// the LA's figures beside them, and how each school co-ordinates ALN.

struct SchoolOversight {
  domain::Setting setting;
  RegisterCounts counts;  // roll and register
  int idps_school = 0;
  int idps_la = 0;
  bool has_map = false;
  std::map<domain::ProvisionLevel, LevelTotal> levels;
  LevelTotal total;
  domain::AlnCoordination coordination;
  // Contacts with families the school held this school year, and how many learners on its
  // register had a contact (by the school or the LA).
  domain::LiaisonSummary liaison;
  int register_contacted = 0;

  // Learners on the register per 1,000 on roll (0 with no roll).
  int RatePerThousand() const;
  // Staff hours a week per 100 on roll, in tenths.
  int HoursPerHundredTenths() const;
  // Spend a term per learner on roll, in whole pounds.
  int CostPerPupil() const;
};
struct LaOversightView {
  std::vector<SchoolOversight> schools;  // maintained schools and settings of the LA, by name
  SchoolOversight la;                    // the LA's totals (its setting unset)
  int academic_year = 0;
  domain::Date today;
};
Result<LaOversightView> ViewLaOversight(Services& services, const Actor& actor);

// ---------------------------------------------------------------------------------------------
// The ALNCo's annual report to the governing body (REFERENCE section 7), drafted from the data:
// no learner is named anywhere in it, so whoever may see the school's counts may have it.

struct GovernorsReport {
  ProvisionMapView map;  // the year's map with its totals and co-ordination; no names
  RegisterCounts register_counts;
  SchoolDeliveryView delivery;  // totals only
  int idps_school = 0;          // plans in force for learners on roll, by who maintains them
  int idps_la = 0;
  int reviews_held = 0;  // reviews of those plans held in the year
};
// `academic_year` 0: the current one. Audited as "export".
Result<GovernorsReport> GovernorsAnnualReport(Services& services, const Actor& actor,
                                              domain::SettingId setting, int academic_year);

// ---------------------------------------------------------------------------------------------
// The LA's review of a school's arrangements against the six expectations of ALN Code 7.10, with
// the school's figures beside it as evidence. The school (its ALNCo, teachers and governors) sees
// the LA's findings; LA administrators and officers record them.

struct ArrangementsReviewView {
  GovernorsReport data;  // the school's figures for the year; no learner named
  std::optional<domain::SchoolReview> review;
  std::string reviewer;
  bool may_edit = false;
};
// `academic_year` 0: the current one.
Result<ArrangementsReviewView> ViewArrangementsReview(Services& services, const Actor& actor,
                                                      domain::SettingId setting, int academic_year);
// Records or changes the year's review ("reviewed_on", "rating_<code>" and "evidence_<code>" for
// each expectation, "summary", "actions"; "version" as seen).
Status SaveArrangementsReview(Services& services, const Actor& actor, domain::SettingId setting,
                              int academic_year, const Form& form);

}  // namespace cynnal::app
