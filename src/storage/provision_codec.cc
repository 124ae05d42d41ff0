#include "storage/provision_codec.h"

#include "storage/codec_support.h"

namespace cynnal::storage {
namespace {

using domain::Date;
using nlohmann::json;
using namespace codec;

json EncodeLearner(const domain::ProvisionLearner& l) {
  return {{"learner", l.learner.value()},
          {"joined_on", D(l.joined_on)},
          {"left_on", D(l.left_on)},
          {"entry_measure", l.entry_measure},
          {"exit_measure", l.exit_measure}};
}
domain::ProvisionLearner DecodeLearner(const json& j) {
  domain::ProvisionLearner l;
  l.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  l.joined_on = ToDate(j.at("joined_on"));
  l.left_on = ToOptionalDate(j, "left_on");
  l.entry_measure = S(j, "entry_measure");
  l.exit_measure = S(j, "exit_measure");
  return l;
}

json EncodeProvision(const domain::Provision& p) {
  json learners = json::array();
  for (const auto& l : p.learners) learners.push_back(EncodeLearner(l));
  return {{"key", p.key},
          {"name", p.name},
          {"level", domain::Code(p.level)},
          {"area", C(p.area)},
          {"staff", p.staff},
          {"staff_hours_tenths", p.staff_hours_tenths},
          {"group_size", p.group_size},
          {"sessions", p.sessions},
          {"minutes", p.minutes},
          {"per", C(p.per)},
          {"cost_per_term_pounds", p.cost_per_term_pounds},
          {"learners", learners},
          {"impact", p.impact}};
}
domain::Provision DecodeProvision(const json& j) {
  domain::Provision p;
  p.key = j.at("key").get<int>();
  p.name = S(j, "name");
  p.level = ToEnum<domain::ProvisionLevel>(j.at("level"), domain::ProvisionLevelFromCode);
  p.area = ToOptionalEnum<domain::AreaOfNeed>(j, "area", domain::AreaOfNeedFromCode);
  p.staff = S(j, "staff");
  p.staff_hours_tenths = j.at("staff_hours_tenths").get<int>();
  p.group_size = j.at("group_size").get<int>();
  p.sessions = j.at("sessions").get<int>();
  p.minutes = j.at("minutes").get<int>();
  p.per = ToOptionalEnum<domain::ProvisionPeriod>(j, "per", domain::ProvisionPeriodFromCode);
  p.cost_per_term_pounds = j.at("cost_per_term_pounds").get<int>();
  for (const auto& l : j.at("learners")) p.learners.push_back(DecodeLearner(l));
  p.impact = S(j, "impact");
  return p;
}

json EncodeMap(const domain::ProvisionMap& m) {
  json provisions = json::array();
  for (const auto& p : m.provisions) provisions.push_back(EncodeProvision(p));
  json review = nullptr;
  if (m.review)
    review = {{"reviewed_on", D(m.review->reviewed_on)},
              {"by", m.review->by.value()},
              {"summary", m.review->summary}};
  return {{"local_authority", m.local_authority.value()},
          {"setting", m.setting.value()},
          {"academic_year", m.academic_year},
          {"provisions", provisions},
          {"next_key", m.next_key},
          {"rolled_from", I(m.rolled_from)},
          {"review", review},
          {"coordination",
           {{"alnco_name", m.coordination.alnco_name},
            {"hours_per_week_tenths", m.coordination.hours_per_week_tenths},
            {"qualification", domain::Code(m.coordination.qualification)},
            {"training", m.coordination.training},
            {"governor_name", m.coordination.governor_name}}}};
}
domain::ProvisionMap DecodeMap(const json& j) {
  domain::ProvisionMap m;
  m.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  m.setting = domain::SettingId{j.at("setting").get<std::int64_t>()};
  m.academic_year = j.at("academic_year").get<int>();
  for (const auto& p : j.at("provisions")) m.provisions.push_back(DecodeProvision(p));
  m.next_key = j.at("next_key").get<int>();
  m.rolled_from = ToOptionalId<domain::ProvisionMapId>(j, "rolled_from");
  if (const auto& r = j.at("review"); !r.is_null())
    m.review = domain::ProvisionMapReview{ToDate(r.at("reviewed_on")), U(r, "by"), S(r, "summary")};
  if (j.contains("coordination")) {
    const auto& c = j.at("coordination");
    m.coordination.alnco_name = S(c, "alnco_name");
    m.coordination.hours_per_week_tenths = c.at("hours_per_week_tenths").get<int>();
    m.coordination.qualification = ToEnum<domain::AlncoQualification>(
        c.at("qualification"), domain::AlncoQualificationFromCode);
    m.coordination.training = S(c, "training");
    m.coordination.governor_name = S(c, "governor_name");
  }
  return m;
}

json EncodePlacement(const domain::SpecialistPlacement& p) {
  return {{"key", p.key},
          {"learner", p.learner.value()},
          {"state", domain::Code(p.state)},
          {"waiting_since", D(p.waiting_since)},
          {"referral", I(p.referral)},
          {"starts_on", D(p.starts_on)},
          {"planned_leave_on", D(p.planned_leave_on)},
          {"ended_on", D(p.ended_on)},
          {"note", p.note}};
}
domain::SpecialistPlacement DecodePlacement(const json& j) {
  domain::SpecialistPlacement p;
  p.key = j.at("key").get<int>();
  p.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  p.state = ToEnum<domain::PlacementState>(j.at("state"), domain::PlacementStateFromCode);
  p.waiting_since = ToDate(j.at("waiting_since"));
  p.referral = ToOptionalId<domain::PanelReferralId>(j, "referral");
  p.starts_on = ToOptionalDate(j, "starts_on");
  p.planned_leave_on = ToOptionalDate(j, "planned_leave_on");
  p.ended_on = ToOptionalDate(j, "ended_on");
  p.note = S(j, "note");
  return p;
}

json EncodeSpecialist(const domain::SpecialistProvision& p) {
  json placements = json::array();
  for (const auto& x : p.placements) placements.push_back(EncodePlacement(x));
  return {{"local_authority", p.local_authority.value()},
          {"setting", p.setting.value()},
          {"kind", domain::Code(p.kind)},
          {"name", p.name},
          {"area", C(p.area)},
          {"min_age", p.min_age},
          {"max_age", p.max_age},
          {"capacity", p.capacity},
          {"placements", placements},
          {"next_key", p.next_key}};
}
domain::SpecialistProvision DecodeSpecialist(const json& j) {
  domain::SpecialistProvision p;
  p.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  p.setting = domain::SettingId{j.at("setting").get<std::int64_t>()};
  p.kind = ToEnum<domain::SpecialistKind>(j.at("kind"), domain::SpecialistKindFromCode);
  p.name = S(j, "name");
  p.area = ToOptionalEnum<domain::AreaOfNeed>(j, "area", domain::AreaOfNeedFromCode);
  p.min_age = j.at("min_age").get<int>();
  p.max_age = j.at("max_age").get<int>();
  p.capacity = j.at("capacity").get<int>();
  for (const auto& x : j.at("placements")) p.placements.push_back(DecodePlacement(x));
  p.next_key = j.at("next_key").get<int>();
  return p;
}

json EncodeItem(const domain::SpecialistEquipment& e) {
  return {{"local_authority", e.local_authority.value()},
          {"description", e.description},
          {"owner", domain::Code(e.owner)},
          {"setting", I(e.setting)},
          {"learner", I(e.learner)},
          {"cost_pounds", e.cost_pounds},
          {"bought_on", D(e.bought_on)},
          {"returned_on", D(e.returned_on)},
          {"note", e.note}};
}
domain::SpecialistEquipment DecodeItem(const json& j) {
  domain::SpecialistEquipment e;
  e.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  e.description = S(j, "description");
  e.owner = ToEnum<domain::EquipmentOwner>(j.at("owner"), domain::EquipmentOwnerFromCode);
  e.setting = ToOptionalId<domain::SettingId>(j, "setting");
  e.learner = ToOptionalId<domain::LearnerId>(j, "learner");
  e.cost_pounds = j.at("cost_pounds").get<int>();
  e.bought_on = ToDate(j.at("bought_on"));
  e.returned_on = ToOptionalDate(j, "returned_on");
  e.note = S(j, "note");
  return e;
}

json EncodeReview(const domain::SchoolReview& r) {
  json findings = json::array();
  for (const auto& f : r.findings)
    findings.push_back({{"expectation", domain::Code(f.expectation)},
                        {"rating", domain::Code(f.rating)},
                        {"evidence", f.evidence}});
  return {{"local_authority", r.local_authority.value()},
          {"setting", r.setting.value()},
          {"academic_year", r.academic_year},
          {"reviewed_on", D(r.reviewed_on)},
          {"by", r.by.value()},
          {"findings", findings},
          {"summary", r.summary},
          {"actions", r.actions}};
}
domain::SchoolReview DecodeReview(const json& j) {
  domain::SchoolReview r;
  r.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  r.setting = domain::SettingId{j.at("setting").get<std::int64_t>()};
  r.academic_year = j.at("academic_year").get<int>();
  r.reviewed_on = ToDate(j.at("reviewed_on"));
  r.by = U(j, "by");
  for (const auto& f : j.at("findings"))
    r.findings.push_back(
        {ToEnum<domain::Expectation>(f.at("expectation"), domain::ExpectationFromCode),
         ToEnum<domain::ExpectationRating>(f.at("rating"), domain::ExpectationRatingFromCode),
         S(f, "evidence")});
  r.summary = S(j, "summary");
  r.actions = S(j, "actions");
  return r;
}

json EncodeContact(const domain::FamilyContact& c) {
  return {{"local_authority", c.local_authority.value()},
          {"learner", c.learner.value()},
          {"setting", I(c.setting)},
          {"family_member", I(c.family_member)},
          {"with_name", c.with_name},
          {"on", D(c.on)},
          {"method", domain::Code(c.method)},
          {"purpose", domain::Code(c.purpose)},
          {"started_by", domain::Code(c.started_by)},
          {"language", domain::Code(c.language)},
          {"summary", c.summary},
          {"actions", c.actions},
          {"follow_up_by", D(c.follow_up_by)},
          {"followed_up_on", D(c.followed_up_on)},
          {"by", c.by.value()},
          {"at", T(c.at)}};
}
domain::FamilyContact DecodeContact(const json& j) {
  domain::FamilyContact c;
  c.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  c.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  c.setting = ToOptionalId<domain::SettingId>(j, "setting");
  c.family_member = ToOptionalId<domain::FamilyMemberId>(j, "family_member");
  c.with_name = S(j, "with_name");
  c.on = ToDate(j.at("on"));
  c.method = ToEnum<domain::ContactMethod>(j.at("method"), domain::ContactMethodFromCode);
  c.purpose = ToEnum<domain::ContactPurpose>(j.at("purpose"), domain::ContactPurposeFromCode);
  c.started_by = ToEnum<domain::ContactStarter>(j.at("started_by"), domain::ContactStarterFromCode);
  c.language = ToEnum<domain::LetterLanguage>(j.at("language"), domain::LetterLanguageFromCode);
  c.summary = S(j, "summary");
  c.actions = S(j, "actions");
  c.follow_up_by = ToOptionalDate(j, "follow_up_by");
  c.followed_up_on = ToOptionalDate(j, "followed_up_on");
  c.by = U(j, "by");
  c.at = ToTimestamp(j.at("at"));
  return c;
}

}  // namespace

std::string EncodeProvisionMap(const domain::ProvisionMap& map) { return EncodeMap(map).dump(); }
domain::Result<domain::ProvisionMap> DecodeProvisionMap(const std::string& record) {
  return DecodeRecord<domain::ProvisionMap>(record, "provision map", DecodeMap);
}

std::string EncodeSpecialistProvision(const domain::SpecialistProvision& provision) {
  return EncodeSpecialist(provision).dump();
}
domain::Result<domain::SpecialistProvision> DecodeSpecialistProvision(const std::string& record) {
  return DecodeRecord<domain::SpecialistProvision>(record, "specialist provision",
                                                   DecodeSpecialist);
}
std::string EncodeEquipment(const domain::SpecialistEquipment& item) {
  return EncodeItem(item).dump();
}
domain::Result<domain::SpecialistEquipment> DecodeEquipment(const std::string& record) {
  return DecodeRecord<domain::SpecialistEquipment>(record, "specialist equipment", DecodeItem);
}

std::string EncodeSchoolReview(const domain::SchoolReview& review) {
  return EncodeReview(review).dump();
}
domain::Result<domain::SchoolReview> DecodeSchoolReview(const std::string& record) {
  return DecodeRecord<domain::SchoolReview>(record, "school review", DecodeReview);
}

std::string EncodeFamilyContact(const domain::FamilyContact& contact) {
  return EncodeContact(contact).dump();
}
domain::Result<domain::FamilyContact> DecodeFamilyContact(const std::string& record) {
  return DecodeRecord<domain::FamilyContact>(record, "family contact", DecodeContact);
}

}  // namespace cynnal::storage
