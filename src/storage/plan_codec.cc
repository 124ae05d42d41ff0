#include "storage/plan_codec.h"

#include "storage/codec_support.h"

namespace cynnal::storage {
namespace {

using domain::Date;
using nlohmann::json;
using namespace codec;

json EncodeProfileContent(const domain::ProfileContent& p) {
  return {{"admired", p.admired},
          {"important", p.important},
          {"support", p.support},
          {"written_with", p.written_with},
          {"photo", I(p.photo)}};
}
domain::ProfileContent DecodeProfileContent(const json& j) {
  return {S(j, "admired"), S(j, "important"), S(j, "support"), S(j, "written_with"),
          ToOptionalId<domain::PhotoId>(j, "photo")};
}

json EncodeElement(const domain::AlpElement& e) {
  return {{"key", e.key},
          {"outcome", e.outcome},
          {"measure", e.measure},
          {"outcome_by", D(e.outcome_by)},
          {"provision", e.provision},
          {"minutes", e.minutes},
          {"sessions", e.sessions},
          {"per", C(e.per)},
          {"group", C(e.group)},
          {"in_welsh", domain::Code(e.in_welsh)},
          {"provider", C(e.provider)},
          {"provider_name", e.provider_name},
          {"starts_on", D(e.starts_on)},
          {"review_on", D(e.review_on)},
          {"ends", e.ends},
          {"rationale", e.rationale}};
}
domain::AlpElement DecodeElement(const json& j) {
  domain::AlpElement e;
  e.key = j.at("key").get<int>();
  e.outcome = S(j, "outcome");
  e.measure = S(j, "measure");
  e.outcome_by = ToOptionalDate(j, "outcome_by");
  e.provision = S(j, "provision");
  e.minutes = j.at("minutes").get<int>();
  e.sessions = j.at("sessions").get<int>();
  e.per = ToOptionalEnum<domain::ProvisionPeriod>(j, "per", domain::ProvisionPeriodFromCode);
  e.group = ToOptionalEnum<domain::GroupSize>(j, "group", domain::GroupSizeFromCode);
  e.in_welsh = domain::AnswerFromCode(S(j, "in_welsh"));
  e.provider = ToOptionalEnum<domain::ProviderKind>(j, "provider", domain::ProviderKindFromCode);
  e.provider_name = S(j, "provider_name");
  e.starts_on = ToOptionalDate(j, "starts_on");
  e.review_on = ToOptionalDate(j, "review_on");
  e.ends = j.at("ends").get<bool>();
  e.rationale = S(j, "rationale");
  return e;
}

json EncodeContent(const domain::IdpContent& c) {
  json elements = json::array();
  for (const auto& e : c.elements) elements.push_back(EncodeElement(e));
  json information = json::array();
  for (const auto& i : c.information) {
    information.push_back({{"title", i.title}, {"from", i.from}, {"dated", D(i.dated)}});
  }
  json events = json::array();
  for (const auto& e : c.key_events) events.push_back({{"on", D(e.on)}, {"what", e.what}});
  json types = json::array();
  for (const auto& t : c.needs.types) types.push_back(t);
  return {
      {"about",
       {{"coordinator", c.about.coordinator},
        {"coordinator_role", c.about.coordinator_role},
        {"coordinator_contact", c.about.coordinator_contact},
        {"communication", c.about.communication}}},
      {"profile", EncodeProfileContent(c.profile)},
      {"needs",
       {{"areas", Codes(c.needs.areas)}, {"types", types}, {"description", c.needs.description}}},
      {"elements", elements},
      {"place",
       {{"setting", I(c.place.setting)}, {"other", c.place.other}, {"reasons", c.place.reasons}}},
      {"information", information},
      {"key_events", events},
      {"transition",
       {{"transition", c.transition.transition}, {"transport", c.transition.transport}}},
      {"next_key", c.next_key}};
}
domain::IdpContent DecodeContent(const json& j) {
  domain::IdpContent c;
  const json& a = j.at("about");
  c.about = {S(a, "coordinator"), S(a, "coordinator_role"), S(a, "coordinator_contact"),
             S(a, "communication")};
  c.profile = DecodeProfileContent(j.at("profile"));
  const json& n = j.at("needs");
  c.needs.areas = ToSet<domain::AreaOfNeed>(n.at("areas"), domain::AreaOfNeedFromCode);
  for (const auto& t : n.at("types")) c.needs.types.insert(t.get<std::string>());
  c.needs.description = S(n, "description");
  for (const auto& e : j.at("elements")) c.elements.push_back(DecodeElement(e));
  const json& p = j.at("place");
  c.place = {ToOptionalId<domain::SettingId>(p, "setting"), S(p, "other"), S(p, "reasons")};
  for (const auto& i : j.at("information")) {
    c.information.push_back({S(i, "title"), S(i, "from"), ToOptionalDate(i, "dated")});
  }
  for (const auto& e : j.at("key_events"))
    c.key_events.push_back({ToDate(e.at("on")), S(e, "what")});
  const json& t = j.at("transition");
  c.transition = {S(t, "transition"), S(t, "transport")};
  c.next_key = j.at("next_key").get<int>();
  return c;
}

json EncodeFlags(const std::vector<domain::QualityFlag>& flags) {
  json out = json::array();
  for (const auto& f : flags) {
    out.push_back({{"section", domain::Code(f.section)},
                   {"element", f.element},
                   {"check", f.check},
                   {"source", f.source}});
  }
  return out;
}
std::vector<domain::QualityFlag> DecodeFlags(const json& j) {
  std::vector<domain::QualityFlag> out;
  for (const auto& f : j) {
    out.push_back({ToEnum<domain::IdpSection>(f.at("section"), domain::IdpSectionFromCode),
                   f.at("element").get<int>(), S(f, "check"), S(f, "source")});
  }
  return out;
}

json EncodeVersion(const domain::IdpVersion& v) {
  return {{"number", v.number},
          {"content", EncodeContent(v.content)},
          {"body", domain::Code(v.body)},
          {"local_authority", v.local_authority.value()},
          {"setting", I(v.setting)},
          {"method", domain::Code(v.method)},
          {"sent_on", D(v.sent_on)},
          {"given_on", D(v.given_on)},
          {"change_summary", v.change_summary},
          {"flags", EncodeFlags(v.flags)},
          {"override_reasons", v.override_reasons},
          {"by", v.by.value()},
          {"at", T(v.at)}};
}
domain::IdpVersion DecodeVersion(const json& j) {
  domain::IdpVersion v;
  v.number = j.at("number").get<int>();
  v.content = DecodeContent(j.at("content"));
  v.body = ToEnum<domain::DecidingBody>(j.at("body"), domain::DecidingBodyFromCode);
  v.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  v.setting = ToOptionalId<domain::SettingId>(j, "setting");
  v.method = ToEnum<domain::NoticeMethod>(j.at("method"), domain::NoticeMethodFromCode);
  v.sent_on = ToDate(j.at("sent_on"));
  v.given_on = ToDate(j.at("given_on"));
  v.change_summary = S(j, "change_summary");
  v.flags = DecodeFlags(j.at("flags"));
  v.override_reasons = S(j, "override_reasons");
  v.by = U(j, "by");
  v.at = ToTimestamp(j.at("at"));
  return v;
}

json EncodeReview(const domain::Review& r) {
  json invitees = json::array();
  for (const auto& i : r.invitees) {
    invitees.push_back(
        {{"kind", domain::Code(i.kind)}, {"name", i.name}, {"attended", i.attended}});
  }
  json progress = json::array();
  for (const auto& p : r.progress) {
    progress.push_back(
        {{"element", p.element}, {"rating", domain::Code(p.rating)}, {"note", p.note}});
  }
  return {{"held_on", D(r.held_on)},
          {"trigger", domain::Code(r.trigger)},
          {"request", r.request},
          {"invitees", invitees},
          {"learner_views", r.learner_views},
          {"family_views", r.family_views},
          {"progress", progress},
          {"decision", domain::Code(r.decision)},
          {"reasons", r.reasons},
          {"version_reviewed", r.version_reviewed},
          {"notice_given_on", D(r.notice_given_on)},
          {"by", r.by.value()},
          {"at", T(r.at)}};
}
domain::Review DecodeReview(const json& j) {
  domain::Review r;
  r.held_on = ToDate(j.at("held_on"));
  r.trigger = ToEnum<domain::ReviewTrigger>(j.at("trigger"), domain::ReviewTriggerFromCode);
  r.request = j.at("request").get<int>();
  for (const auto& i : j.at("invitees")) {
    r.invitees.push_back({ToEnum<domain::InviteeKind>(i.at("kind"), domain::InviteeKindFromCode),
                          S(i, "name"), i.at("attended").get<bool>()});
  }
  r.learner_views = S(j, "learner_views");
  r.family_views = S(j, "family_views");
  for (const auto& p : j.at("progress")) {
    r.progress.push_back(
        {p.at("element").get<int>(),
         ToEnum<domain::ProgressRating>(p.at("rating"), domain::ProgressRatingFromCode),
         S(p, "note")});
  }
  r.decision = ToEnum<domain::ReviewDecision>(j.at("decision"), domain::ReviewDecisionFromCode);
  r.reasons = S(j, "reasons");
  r.version_reviewed = j.at("version_reviewed").get<int>();
  r.notice_given_on = ToOptionalDate(j, "notice_given_on");
  r.by = U(j, "by");
  r.at = ToTimestamp(j.at("at"));
  return r;
}

json EncodeIdpBody(const domain::Idp& idp) {
  json revisions = json::object();
  for (const auto& [part, n] : idp.revisions) revisions[part] = n;
  json versions = json::array();
  for (const auto& v : idp.versions) versions.push_back(EncodeVersion(v));
  json requests = json::array();
  for (const auto& r : idp.requests) {
    requests.push_back({{"by", domain::Code(r.by)},
                        {"name", r.name},
                        {"requested_on", D(r.requested_on)},
                        {"reasons", r.reasons},
                        {"state", domain::Code(r.state)},
                        {"answer", r.answer},
                        {"answered_on", D(r.answered_on)},
                        {"recorded_by", r.recorded_by.value()},
                        {"at", T(r.at)}});
  }
  json reviews = json::array();
  for (const auto& r : idp.reviews) reviews.push_back(EncodeReview(r));
  json moves = json::array();
  for (const auto& m : idp.moves) {
    moves.push_back({{"kind", domain::Code(m.kind)},
                     {"on", D(m.on)},
                     {"from_body", domain::Code(m.from_body)},
                     {"from_local_authority", m.from_local_authority.value()},
                     {"from_setting", I(m.from_setting)},
                     {"to_body", domain::Code(m.to_body)},
                     {"to_local_authority", m.to_local_authority.value()},
                     {"to_setting", I(m.to_setting)},
                     {"entitlement_until", D(m.entitlement_until)},
                     {"note", m.note},
                     {"by", m.by.value()},
                     {"at", T(m.at)}});
  }
  json timeline = json::array();
  for (const auto& e : idp.timeline) {
    timeline.push_back({{"kind", domain::Code(e.kind)},
                        {"on", D(e.on)},
                        {"by", e.by.value()},
                        {"at", T(e.at)},
                        {"detail", e.detail}});
  }
  json j = {{"local_authority", idp.local_authority.value()},
            {"learner", idp.learner.value()},
            {"aln_case", I(idp.aln_case)},
            {"body", domain::Code(idp.body)},
            {"maintaining_la", idp.maintaining_la.value()},
            {"setting", I(idp.setting)},
            {"draft", idp.draft ? EncodeContent(*idp.draft) : json(nullptr)},
            {"revisions", revisions},
            {"versions", versions},
            {"requests", requests},
            {"reviews", reviews},
            {"moves", moves},
            {"pep_reference", idp.pep_reference},
            {"pep_dated", D(idp.pep_dated)},
            {"entitlement_until", D(idp.entitlement_until)},
            {"review_clock", I(idp.review_clock)},
            {"timeline", timeline}};
  if (idp.cessation) {
    const auto& c = *idp.cessation;
    j["cessation"] = {{"decided_on", D(c.decided_on)},
                      {"reasons", c.reasons},
                      {"method", domain::Code(c.method)},
                      {"sent_on", D(c.sent_on)},
                      {"given_on", D(c.given_on)},
                      {"language", domain::Code(c.language)},
                      {"reconsider_by", D(c.reconsider_by)},
                      {"appeal_by", D(c.appeal_by)},
                      {"by", c.by.value()},
                      {"at", T(c.at)}};
  }
  return j;
}

domain::Idp DecodeIdpBody(const json& j) {
  domain::Idp idp;
  idp.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  idp.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  idp.aln_case = ToOptionalId<domain::AlnCaseId>(j, "aln_case");
  idp.body = ToEnum<domain::DecidingBody>(j.at("body"), domain::DecidingBodyFromCode);
  idp.maintaining_la = domain::LocalAuthorityId{j.at("maintaining_la").get<std::int64_t>()};
  idp.setting = ToOptionalId<domain::SettingId>(j, "setting");
  if (!j.at("draft").is_null()) idp.draft = DecodeContent(j.at("draft"));
  for (const auto& [part, n] : j.at("revisions").items()) idp.revisions[part] = n.get<int>();
  for (const auto& v : j.at("versions")) idp.versions.push_back(DecodeVersion(v));
  for (const auto& r : j.at("requests")) {
    domain::ReviewRequest q;
    q.by = ToEnum<domain::RequesterKind>(r.at("by"), domain::RequesterKindFromCode);
    q.name = S(r, "name");
    q.requested_on = ToDate(r.at("requested_on"));
    q.reasons = S(r, "reasons");
    q.state = ToEnum<domain::RequestState>(r.at("state"), domain::RequestStateFromCode);
    q.answer = S(r, "answer");
    q.answered_on = ToOptionalDate(r, "answered_on");
    q.recorded_by = U(r, "recorded_by");
    q.at = ToTimestamp(r.at("at"));
    idp.requests.push_back(std::move(q));
  }
  for (const auto& r : j.at("reviews")) idp.reviews.push_back(DecodeReview(r));
  for (const auto& m : j.at("moves")) {
    domain::PlanMove move;
    move.kind = ToEnum<domain::MoveKind>(m.at("kind"), domain::MoveKindFromCode);
    move.on = ToDate(m.at("on"));
    move.from_body = ToEnum<domain::DecidingBody>(m.at("from_body"), domain::DecidingBodyFromCode);
    move.from_local_authority =
        domain::LocalAuthorityId{m.at("from_local_authority").get<std::int64_t>()};
    move.from_setting = ToOptionalId<domain::SettingId>(m, "from_setting");
    move.to_body = ToEnum<domain::DecidingBody>(m.at("to_body"), domain::DecidingBodyFromCode);
    move.to_local_authority =
        domain::LocalAuthorityId{m.at("to_local_authority").get<std::int64_t>()};
    move.to_setting = ToOptionalId<domain::SettingId>(m, "to_setting");
    move.entitlement_until = ToOptionalDate(m, "entitlement_until");
    move.note = S(m, "note");
    move.by = U(m, "by");
    move.at = ToTimestamp(m.at("at"));
    idp.moves.push_back(std::move(move));
  }
  if (j.contains("cessation")) {
    const json& c = j.at("cessation");
    domain::Cessation cessation;
    cessation.decided_on = ToDate(c.at("decided_on"));
    cessation.reasons = S(c, "reasons");
    cessation.method = ToEnum<domain::NoticeMethod>(c.at("method"), domain::NoticeMethodFromCode);
    cessation.sent_on = ToDate(c.at("sent_on"));
    cessation.given_on = ToDate(c.at("given_on"));
    cessation.language =
        ToEnum<domain::LetterLanguage>(c.at("language"), domain::LetterLanguageFromCode);
    cessation.reconsider_by = ToOptionalDate(c, "reconsider_by");
    cessation.appeal_by = ToOptionalDate(c, "appeal_by");
    cessation.by = U(c, "by");
    cessation.at = ToTimestamp(c.at("at"));
    idp.cessation = std::move(cessation);
  }
  idp.pep_reference = S(j, "pep_reference");
  idp.pep_dated = ToOptionalDate(j, "pep_dated");
  idp.entitlement_until = ToOptionalDate(j, "entitlement_until");
  idp.review_clock = ToOptionalId<domain::ClockId>(j, "review_clock");
  for (const auto& e : j.at("timeline")) {
    idp.timeline.push_back(
        {ToEnum<domain::IdpEventKind>(e.at("kind"), domain::IdpEventKindFromCode),
         ToDate(e.at("on")), U(e, "by"), ToTimestamp(e.at("at")), S(e, "detail")});
  }
  return idp;
}

json EncodeProfileBody(const domain::OnePageProfile& p) {
  json reviewed = json::array();
  for (Date d : p.reviewed_on) reviewed.push_back(D(d));
  return {{"local_authority", p.local_authority.value()},
          {"learner", p.learner.value()},
          {"setting", I(p.setting)},
          {"level", domain::Code(p.level)},
          {"content", EncodeProfileContent(p.content)},
          {"written_on", D(p.written_on)},
          {"reviewed_on", reviewed},
          {"closed", p.closed},
          {"review_clock", I(p.review_clock)},
          {"by", p.by.value()},
          {"at", T(p.at)}};
}
domain::OnePageProfile DecodeProfileBody(const json& j) {
  domain::OnePageProfile p;
  p.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  p.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  p.setting = ToOptionalId<domain::SettingId>(j, "setting");
  p.level = ToEnum<domain::SupportLevel>(j.at("level"), domain::SupportLevelFromCode);
  p.content = DecodeProfileContent(j.at("content"));
  p.written_on = ToDate(j.at("written_on"));
  for (const auto& d : j.at("reviewed_on")) p.reviewed_on.push_back(ToDate(d));
  p.closed = j.at("closed").get<bool>();
  p.review_clock = ToOptionalId<domain::ClockId>(j, "review_clock");
  p.by = U(j, "by");
  p.at = ToTimestamp(j.at("at"));
  return p;
}

json EncodeLegacyBody(const domain::LegacySenRecord& r) {
  return {{"local_authority", r.local_authority.value()},
          {"learner", r.learner.value()},
          {"status", domain::Code(r.status)},
          {"since", D(r.since)},
          {"statement_dated", D(r.statement_dated)},
          {"last_annual_review_on", D(r.last_annual_review_on)},
          {"outcome", C(r.outcome)},
          {"converted_on", D(r.converted_on)},
          {"note", r.note}};
}
domain::LegacySenRecord DecodeLegacyBody(const json& j) {
  domain::LegacySenRecord r;
  r.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  r.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  r.status = ToEnum<domain::LegacySenStatus>(j.at("status"), domain::LegacySenStatusFromCode);
  r.since = ToDate(j.at("since"));
  r.statement_dated = ToOptionalDate(j, "statement_dated");
  r.last_annual_review_on = ToOptionalDate(j, "last_annual_review_on");
  r.outcome =
      ToOptionalEnum<domain::ConversionOutcome>(j, "outcome", domain::ConversionOutcomeFromCode);
  r.converted_on = ToOptionalDate(j, "converted_on");
  r.note = S(j, "note");
  return r;
}

}  // namespace

std::string EncodeIdp(const domain::Idp& idp) { return EncodeIdpBody(idp).dump(); }
domain::Result<domain::Idp> DecodeIdp(const std::string& record) {
  return DecodeRecord<domain::Idp>(record, "IDP", DecodeIdpBody);
}
std::string EncodeProfile(const domain::OnePageProfile& profile) {
  return EncodeProfileBody(profile).dump();
}
domain::Result<domain::OnePageProfile> DecodeProfile(const std::string& record) {
  return DecodeRecord<domain::OnePageProfile>(record, "One Page Profile", DecodeProfileBody);
}
std::string EncodeLegacy(const domain::LegacySenRecord& record) {
  return EncodeLegacyBody(record).dump();
}
domain::Result<domain::LegacySenRecord> DecodeLegacy(const std::string& record) {
  return DecodeRecord<domain::LegacySenRecord>(record, "legacy SEN record", DecodeLegacyBody);
}

}  // namespace cynnal::storage
