#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access_policy.h"
#include "domain/aln_case.h"
#include "domain/audit_event.h"
#include "domain/family.h"
#include "domain/family_contact.h"
#include "domain/idp.h"
#include "domain/learner.h"
#include "domain/legacy_sen.h"
#include "domain/one_page_profile.h"
#include "domain/organisation.h"
#include "domain/panel.h"
#include "domain/provision.h"
#include "domain/result.h"
#include "domain/school_calendar.h"
#include "domain/specialist_places.h"
#include "domain/statutory_clock.h"
#include "domain/timescale.h"
#include "domain/user.h"

namespace cynnal::app {

using domain::Result;
using domain::Status;

class LocalAuthorityRepository {
 public:
  virtual ~LocalAuthorityRepository() = default;
  virtual Result<domain::LocalAuthorityId> Add(const domain::LocalAuthority& la) = 0;
  virtual std::optional<domain::LocalAuthority> Get(domain::LocalAuthorityId id) = 0;
  // All LAs ordered by LA number.
  virtual std::vector<domain::LocalAuthority> List() = 0;
  virtual Result<domain::HealthBoardId> AddHealthBoard(const domain::HealthBoard& board) = 0;
  virtual std::optional<domain::HealthBoard> GetHealthBoard(domain::HealthBoardId id) = 0;
  virtual std::vector<domain::HealthBoard> ListHealthBoards() = 0;
};

class SettingRepository {
 public:
  virtual ~SettingRepository() = default;
  // kConflict if the establishment number is already used in that LA.
  virtual Result<domain::SettingId> Add(const domain::Setting& setting) = 0;
  virtual std::optional<domain::Setting> Get(domain::SettingId id) = 0;
  // Settings of an LA ordered by name.
  virtual std::vector<domain::Setting> ListByLocalAuthority(domain::LocalAuthorityId la) = 0;
  // Number of learners registered at the setting on `on`, by year group.
  virtual std::map<int, int> CountLearnersByYearGroup(domain::SettingId id, domain::Date on) = 0;
};

struct LearnerQuery {
  domain::LearnerScope scope;
  std::string text;  // part of a legal or preferred name, or a whole or partial UPN
  std::optional<domain::SettingId> setting;  // registered there on scope.on
  std::optional<int> year_group;             // on scope.on
  int offset = 0;
  int limit = 25;
};

struct LearnerPage {
  std::vector<domain::Learner> items;  // ordered by last name, then first name, then id
  int total = 0;                       // matching learners across all pages
};

class LearnerRepository {
 public:
  virtual ~LearnerRepository() = default;
  // Stores the learner with registrations, family links and referrals; kConflict if the UPN is
  // already held by another learner.
  virtual Result<domain::LearnerId> Add(const domain::Learner& learner) = 0;
  // Replaces the stored learner whose id and version match; kConflict if the version is stale or
  // the UPN belongs to another learner. The stored version becomes learner.version + 1.
  virtual Status Update(const domain::Learner& learner) = 0;
  virtual std::optional<domain::Learner> Get(domain::LearnerId id) = 0;
  virtual std::optional<domain::Learner> FindByUpn(const std::string& upn) = 0;
  virtual LearnerPage Search(const LearnerQuery& query) = 0;
  virtual int Count() = 0;
};

class FamilyRepository {
 public:
  virtual ~FamilyRepository() = default;
  virtual Result<domain::FamilyMemberId> Add(const domain::FamilyMember& member) = 0;
  virtual std::optional<domain::FamilyMember> Get(domain::FamilyMemberId id) = 0;
  virtual std::vector<domain::FamilyMember> GetMany(
      const std::vector<domain::FamilyMemberId>& ids) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // kConflict if the username is taken.
  virtual Result<domain::UserId> Add(const domain::User& user) = 0;
  virtual Status Update(const domain::User& user) = 0;
  virtual std::optional<domain::User> Get(domain::UserId id) = 0;
  virtual std::optional<domain::User> FindByUsername(const std::string& username) = 0;
  // Users of an LA ordered by username.
  virtual std::vector<domain::User> ListByLocalAuthority(domain::LocalAuthorityId la) = 0;
};

// A signed-in session, found by the digest of its cookie token.
struct Session {
  std::string token_digest;
  domain::UserId user;
  std::string csrf_token;
  domain::Timestamp created_at;
  domain::Timestamp last_seen_at;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status Add(const Session& session) = 0;
  virtual std::optional<Session> Find(const std::string& token_digest) = 0;
  virtual Status Touch(const std::string& token_digest, domain::Timestamp at) = 0;
  virtual Status Remove(const std::string& token_digest) = 0;
  virtual Status RemoveForUser(domain::UserId user) = 0;
  // Removes sessions last seen before `idle_before` or created before `created_before`.
  virtual Status RemoveExpired(domain::Timestamp idle_before, domain::Timestamp created_before) = 0;
};

struct AuditQuery {
  domain::LocalAuthorityId local_authority;
  std::optional<domain::LearnerId> learner;
  std::string username;  // exact
  int offset = 0;
  int limit = 50;
};

struct AuditPage {
  std::vector<domain::AuditEvent> items;  // newest first
  int total = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual Status Append(const domain::AuditEvent& event) = 0;
  virtual AuditPage Search(const AuditQuery& query) = 0;
};

// Term dates, schools' own days, bank holidays and the LA's local timescales.
class CalendarRepository {
 public:
  virtual ~CalendarRepository() = default;
  // The LA's terms for one academic year (by start year), if entered.
  virtual std::optional<domain::TermDates> GetTermDates(domain::LocalAuthorityId la,
                                                        int academic_year) = 0;
  // Every year the LA has entered, oldest first.
  virtual std::vector<domain::TermDates> ListTermDates(domain::LocalAuthorityId la) = 0;
  // Replaces the terms of dates.academic_year for dates.local_authority.
  virtual Status PutTermDates(const domain::TermDates& dates) = 0;
  // A setting's own term dates (an FEI, or a school that sets its own), which replace its LA's
  // for the years they cover. `dates.local_authority` is ignored and read back as the setting's.
  virtual std::vector<domain::TermDates> ListSettingTermDates(domain::SettingId setting) = 0;
  // Replaces the setting's own terms of dates.academic_year.
  virtual Status PutSettingTermDates(domain::SettingId setting, const domain::TermDates& dates) = 0;
  // Removes the setting's own terms of one year (its LA's apply again); kNotFound if none.
  virtual Status RemoveSettingTermDates(domain::SettingId setting, int academic_year) = 0;
  // kConflict if the setting already has a day on that date.
  virtual Result<std::int64_t> AddSettingDay(const domain::SettingDay& day) = 0;
  // kNotFound unless the setting has a day with that id.
  virtual Status RemoveSettingDay(domain::SettingId setting, std::int64_t id) = 0;
  // The setting's INSET and closure days in date order.
  virtual std::vector<domain::SettingDay> ListSettingDays(domain::SettingId setting) = 0;
  // Bank holidays imported from a file, in date order (empty: none imported).
  virtual std::vector<domain::Date> ImportedBankHolidays() = 0;
  // Replaces the imported bank holidays of every year that `dates` holds.
  virtual Status PutImportedBankHolidays(const std::vector<domain::Date>& dates) = 0;
  // The LA's local timescale values (the defaults until set).
  virtual domain::LocalTimescales GetLocalTimescales(domain::LocalAuthorityId la) = 0;
  virtual Status PutLocalTimescales(domain::LocalAuthorityId la,
                                    const domain::LocalTimescales& values) = 0;
};

// Statutory clocks on learners' cases.
class ClockRepository {
 public:
  virtual ~ClockRepository() = default;
  virtual Result<domain::ClockId> Add(const domain::StatutoryClock& clock) = 0;
  // Replaces the stored clock with the same id; kNotFound if there is none.
  virtual Status Update(const domain::StatutoryClock& clock) = 0;
  virtual std::optional<domain::StatutoryClock> Get(domain::ClockId id) = 0;
  // A learner's clocks, latest start first.
  virtual std::vector<domain::StatutoryClock> ListForLearner(domain::LearnerId learner) = 0;
  // The clocks of an LA that have not been stopped (running or waived), by start date.
  virtual std::vector<domain::StatutoryClock> ListOpen(domain::LocalAuthorityId la) = 0;
};

// A supporting document attached to an ALN case (a report, a letter, a form).
struct CaseDocument {
  domain::CaseDocumentId id;
  domain::AlnCaseId aln_case;
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;  // bytes
  domain::UserId uploaded_by;
  domain::Timestamp uploaded_at{};
  std::string bytes;  // filled by GetDocument only
};

// ALN cases, their documents and each LA's decision settings.
class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  virtual Result<domain::AlnCaseId> Add(const domain::AlnCase& aln_case) = 0;
  // Stores the case when `aln_case.version` equals the stored version, which then goes up by
  // one; kConflict ("case_error_conflict") when someone else changed it first.
  virtual Status Update(const domain::AlnCase& aln_case) = 0;
  virtual std::optional<domain::AlnCase> Get(domain::AlnCaseId id) = 0;
  // A learner's cases, latest first.
  virtual std::vector<domain::AlnCase> ListForLearner(domain::LearnerId learner) = 0;
  virtual Result<domain::CaseDocumentId> AddDocument(const CaseDocument& document) = 0;
  // One document with its bytes.
  virtual std::optional<CaseDocument> GetDocument(domain::CaseDocumentId id) = 0;
  // A case's documents without their bytes, oldest first.
  virtual std::vector<CaseDocument> ListDocuments(domain::AlnCaseId aln_case) = 0;
  // The LA's settings, or the defaults when it has saved none.
  virtual domain::LaDecisionSettings GetDecisionSettings(domain::LocalAuthorityId la) = 0;
  virtual Status PutDecisionSettings(domain::LocalAuthorityId la,
                                     const domain::LaDecisionSettings& settings) = 0;
};

// A photo for a One Page Profile (JPEG or PNG).
struct ProfilePhoto {
  domain::PhotoId id;
  domain::LearnerId learner;
  std::string content_type;
  std::string bytes;
  domain::UserId uploaded_by;
  domain::Timestamp uploaded_at{};
};

// Individual development plans, One Page Profiles with their photos, and legacy SEN records.
class PlanRepository {
 public:
  virtual ~PlanRepository() = default;
  virtual Result<domain::IdpId> Add(const domain::Idp& idp) = 0;
  // Stores the plan when `idp.version` equals the stored version, which then goes up by one;
  // kConflict ("idp_error_conflict") when someone else changed it first.
  virtual Status Update(const domain::Idp& idp) = 0;
  virtual std::optional<domain::Idp> Get(domain::IdpId id) = 0;
  // A learner's plans, latest first.
  virtual std::vector<domain::Idp> ListForLearner(domain::LearnerId learner) = 0;

  virtual Result<domain::OnePageProfileId> AddProfile(const domain::OnePageProfile& profile) = 0;
  // As Update, with "profile_error_conflict".
  virtual Status UpdateProfile(const domain::OnePageProfile& profile) = 0;
  virtual std::optional<domain::OnePageProfile> GetProfile(domain::OnePageProfileId id) = 0;
  // A learner's profiles, latest first.
  virtual std::vector<domain::OnePageProfile> ListProfilesForLearner(domain::LearnerId learner) = 0;

  virtual Result<domain::PhotoId> AddPhoto(const ProfilePhoto& photo) = 0;
  virtual std::optional<ProfilePhoto> GetPhoto(domain::PhotoId id) = 0;

  // Adds a learner's legacy SEN record (kConflict "legacy_error_exists" when the learner has one)
  // or, when `record.id` is set, replaces it under the same version rule as Update
  // ("legacy_error_conflict").
  virtual Result<domain::LegacySenRecordId> PutLegacy(const domain::LegacySenRecord& record) = 0;
  virtual std::optional<domain::LegacySenRecord> GetLegacyForLearner(domain::LearnerId learner) = 0;
  // The legacy records of an LA's learners, by id.
  virtual std::vector<domain::LegacySenRecord> ListLegacy(domain::LocalAuthorityId la) = 0;
};

// A paper for a panel referral (a report, an application form).
struct PanelPaper {
  domain::PanelPaperId id;
  domain::PanelReferralId referral;
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;  // bytes
  domain::UserId uploaded_by;
  domain::Timestamp uploaded_at{};
  std::string bytes;  // filled by GetPaper only
};

// Referrals of an LA, filtered; every filter optional.
struct ReferralQuery {
  domain::LocalAuthorityId local_authority;
  std::optional<domain::PanelId> panel;
  std::optional<domain::ReferralState> state;
  std::optional<domain::LearnerId> learner;
  std::optional<domain::PanelMeetingId> meeting;
};

// ALN panels, their meetings, referrals and papers. Panels, meetings and referrals are read and
// written whole under the same version rule as cases: Update* stores the record when its version
// equals the stored one, which then goes up by one, and fails with kConflict
// ("panel_error_conflict") when someone else changed it first.
class PanelRepository {
 public:
  virtual ~PanelRepository() = default;
  virtual Result<domain::PanelId> AddPanel(const domain::Panel& panel) = 0;
  virtual Status UpdatePanel(const domain::Panel& panel) = 0;
  virtual std::optional<domain::Panel> GetPanel(domain::PanelId id) = 0;
  // An LA's panels, by minimum age then id.
  virtual std::vector<domain::Panel> ListPanels(domain::LocalAuthorityId la) = 0;

  // kConflict ("panel_error_meeting_exists") if the panel already has a meeting on that date
  // that is not cancelled.
  virtual Result<domain::PanelMeetingId> AddMeeting(const domain::PanelMeeting& meeting) = 0;
  // As UpdatePanel; also kConflict ("panel_error_meeting_exists") as AddMeeting.
  virtual Status UpdateMeeting(const domain::PanelMeeting& meeting) = 0;
  virtual std::optional<domain::PanelMeeting> GetMeeting(domain::PanelMeetingId id) = 0;
  // A panel's meetings dated from `from` to `to` inclusive, by date then id.
  virtual std::vector<domain::PanelMeeting> ListMeetings(domain::PanelId panel, domain::Date from,
                                                         domain::Date to) = 0;

  virtual Result<domain::PanelReferralId> AddReferral(const domain::PanelReferral& referral) = 0;
  virtual Status UpdateReferral(const domain::PanelReferral& referral) = 0;
  virtual std::optional<domain::PanelReferral> GetReferral(domain::PanelReferralId id) = 0;
  // The matching referrals, oldest referral date first, then id.
  virtual std::vector<domain::PanelReferral> ListReferrals(const ReferralQuery& query) = 0;
  // The learners with a referral on (or decided at) a meeting of a panel the user stands on as an
  // active member: what a panel member may see.
  virtual std::vector<domain::LearnerId> AgendaLearnersFor(domain::UserId user) = 0;

  virtual Result<domain::PanelPaperId> AddPaper(const PanelPaper& paper) = 0;
  // One paper with its bytes.
  virtual std::optional<PanelPaper> GetPaper(domain::PanelPaperId id) = 0;
  // A referral's papers without their bytes, oldest first.
  virtual std::vector<PanelPaper> ListPapers(domain::PanelReferralId referral) = 0;
};

// Sessions recorded, filtered; every filter optional but the dates.
struct DeliveryQuery {
  std::optional<domain::LearnerId> learner;
  std::optional<domain::SettingId> setting;
  domain::Date from;     // inclusive
  domain::Date through;  // inclusive
};

// Schools' provision maps and the sessions delivered against IDPs' ALP and the maps. Maps are
// read and written whole under the version rule of cases: UpdateMap stores the map when its
// version equals the stored one, which then goes up by one, and fails with kConflict
// ("provision_error_conflict") when someone else changed it first.
class ProvisionRepository {
 public:
  virtual ~ProvisionRepository() = default;
  // kConflict ("provision_error_map_exists") if the setting already has a map for that year.
  virtual Result<domain::ProvisionMapId> AddMap(const domain::ProvisionMap& map) = 0;
  virtual Status UpdateMap(const domain::ProvisionMap& map) = 0;
  virtual std::optional<domain::ProvisionMap> GetMap(domain::ProvisionMapId id) = 0;
  virtual std::optional<domain::ProvisionMap> FindMap(domain::SettingId setting,
                                                      int academic_year) = 0;
  // A setting's maps, latest year first.
  virtual std::vector<domain::ProvisionMap> ListMaps(domain::SettingId setting) = 0;
  // The maps of an LA's settings for one year, by setting id.
  virtual std::vector<domain::ProvisionMap> ListMapsForYear(domain::LocalAuthorityId la,
                                                            int academic_year) = 0;

  virtual Result<domain::DeliveryRecordId> AddDelivery(const domain::DeliveryRecord& record) = 0;
  virtual std::optional<domain::DeliveryRecord> GetDelivery(domain::DeliveryRecordId id) = 0;
  // kNotFound ("delivery_error_not_found") if there is no such record.
  virtual Status RemoveDelivery(domain::DeliveryRecordId id) = 0;
  // The matching records by date, then id.
  virtual std::vector<domain::DeliveryRecord> ListDeliveries(const DeliveryQuery& query) = 0;

  // The LA's reviews of schools' arrangements (Code 7.10), one per setting and school year:
  // kConflict ("review_error_exists") for a second; UpdateReview under the version rule
  // ("review_error_conflict").
  virtual Result<domain::SchoolReviewId> AddReview(const domain::SchoolReview& review) = 0;
  virtual Status UpdateReview(const domain::SchoolReview& review) = 0;
  virtual std::optional<domain::SchoolReview> FindReview(domain::SettingId setting,
                                                         int academic_year) = 0;
  // The LA's reviews of one school year, by setting id.
  virtual std::vector<domain::SchoolReview> ListReviews(domain::LocalAuthorityId la,
                                                        int academic_year) = 0;
};

// Specialist provisions (with their placements) and specialist equipment, read and written whole
// under the version rule of cases: Update* stores the record when its version equals the stored
// one, which then goes up by one, and fails with kConflict ("specialist_error_conflict") when
// someone else changed it first.
class SpecialistRepository {
 public:
  virtual ~SpecialistRepository() = default;
  virtual Result<domain::SpecialistProvisionId> AddProvision(
      const domain::SpecialistProvision& provision) = 0;
  virtual Status UpdateProvision(const domain::SpecialistProvision& provision) = 0;
  virtual std::optional<domain::SpecialistProvision> GetProvision(
      domain::SpecialistProvisionId id) = 0;
  // An LA's specialist provisions by kind, then name, then id.
  virtual std::vector<domain::SpecialistProvision> ListProvisions(domain::LocalAuthorityId la) = 0;

  virtual Result<domain::EquipmentId> AddEquipment(const domain::SpecialistEquipment& item) = 0;
  virtual Status UpdateEquipment(const domain::SpecialistEquipment& item) = 0;
  virtual std::optional<domain::SpecialistEquipment> GetEquipment(domain::EquipmentId id) = 0;
  // An LA's equipment, latest bought first, then id.
  virtual std::vector<domain::SpecialistEquipment> ListEquipment(domain::LocalAuthorityId la) = 0;
};

// Which contacts with families to list: those held from `from` through `through` (both
// inclusive) that match every condition given.
struct ContactQuery {
  std::optional<domain::LocalAuthorityId> local_authority;
  std::optional<domain::LearnerId> learner;
  std::optional<domain::SettingId> setting;
  domain::Date from;
  domain::Date through;
};

// Contacts with learners' families, read and written whole under the version rule of cases:
// UpdateContact stores the contact when its version equals the stored one, which then goes up by
// one, and fails with kConflict ("family_contact_error_conflict") when someone else changed it
// first. Missing references (LA, learner, setting, family member, user) are refused and nothing is
// stored.
class FamilyContactRepository {
 public:
  virtual ~FamilyContactRepository() = default;
  virtual Result<domain::FamilyContactId> AddContact(const domain::FamilyContact& contact) = 0;
  virtual Status UpdateContact(const domain::FamilyContact& contact) = 0;
  virtual std::optional<domain::FamilyContact> GetContact(domain::FamilyContactId id) = 0;
  // kNotFound ("family_contact_error_not_found") if there is no such contact.
  virtual Status RemoveContact(domain::FamilyContactId id) = 0;
  // The matching contacts, latest first (by date, then id, both descending).
  virtual std::vector<domain::FamilyContact> ListContacts(const ContactQuery& query) = 0;
};

}  // namespace cynnal::app
