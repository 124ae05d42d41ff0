#include "storage/case_codec.h"

#include "storage/codec_support.h"

namespace cynnal::storage {
namespace {

using domain::Date;
using nlohmann::json;
using namespace codec;

json EncodeResponsibility(const domain::Responsibility& r) {
  return {{"body", domain::Code(r.body)},
          {"local_authority", r.local_authority.value()},
          {"setting", I(r.setting)},
          {"reason", domain::Code(r.reason)}};
}
domain::Responsibility DecodeResponsibility(const json& j) {
  domain::Responsibility r;
  r.body = ToEnum<domain::DecidingBody>(j.at("body"), domain::DecidingBodyFromCode);
  r.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  r.setting = ToOptionalId<domain::SettingId>(j, "setting");
  r.reason =
      ToEnum<domain::ResponsibilityReason>(j.at("reason"), domain::ResponsibilityReasonFromCode);
  return r;
}

json EncodeTest(const domain::TwoStepTest& t) {
  return {{"greater_difficulty", domain::Code(t.greater_difficulty)},
          {"greater_difficulty_evidence", t.greater_difficulty_evidence},
          {"disability", domain::Code(t.disability)},
          {"disability_evidence", t.disability_evidence},
          {"evidence", Codes(t.evidence)},
          {"progress", Codes(t.progress)},
          {"language_only", domain::Code(t.language_only)},
          {"calls_for_alp", domain::Code(t.calls_for_alp)},
          {"alp", t.alp},
          {"areas", Codes(t.areas)},
          {"types", t.types}};
}
domain::TwoStepTest DecodeTest(const json& j) {
  domain::TwoStepTest t;
  t.greater_difficulty = domain::AnswerFromCode(j.at("greater_difficulty").get<std::string>());
  t.greater_difficulty_evidence = j.at("greater_difficulty_evidence").get<std::string>();
  t.disability = domain::AnswerFromCode(j.at("disability").get<std::string>());
  t.disability_evidence = j.at("disability_evidence").get<std::string>();
  t.evidence = ToSet<domain::EvidenceKind>(j.at("evidence"), domain::EvidenceKindFromCode);
  t.progress =
      ToSet<domain::ProgressIndicator>(j.at("progress"), domain::ProgressIndicatorFromCode);
  t.language_only = domain::AnswerFromCode(j.at("language_only").get<std::string>());
  t.calls_for_alp = domain::AnswerFromCode(j.at("calls_for_alp").get<std::string>());
  t.alp = j.at("alp").get<std::string>();
  t.areas = ToSet<domain::AreaOfNeed>(j.at("areas"), domain::AreaOfNeedFromCode);
  t.types = j.at("types").get<std::set<std::string>>();
  return t;
}

json EncodeDecision(const domain::AlnDecision& d) {
  json j = {{"kind", domain::Code(d.kind)},
            {"body", EncodeResponsibility(d.body)},
            {"decided_on", D(d.decided_on)},
            {"test", EncodeTest(d.test)},
            {"has_aln", d.has_aln},
            {"reasons", d.reasons},
            {"maintainer", d.maintainer ? json(domain::Code(*d.maintainer)) : json(nullptr)},
            {"maintainer_reasons", d.maintainer_reasons},
            {"summary", d.summary},
            {"by", d.by.value()},
            {"at", T(d.at)}};
  if (d.assessment) {
    const auto& a = *d.assessment;
    j["assessment"] = {{"low_incidence", a.low_incidence},
                       {"regular_external_advice", a.regular_external_advice},
                       {"individual_equipment", a.individual_equipment},
                       {"specialist_placement", a.specialist_placement},
                       {"ta_hours_per_week", a.ta_hours_per_week}};
  }
  return j;
}
domain::AlnDecision DecodeDecision(const json& j) {
  domain::AlnDecision d;
  d.kind = ToEnum<domain::DecisionKind>(j.at("kind"), domain::DecisionKindFromCode);
  d.body = DecodeResponsibility(j.at("body"));
  d.decided_on = ToDate(j.at("decided_on"));
  d.test = DecodeTest(j.at("test"));
  d.has_aln = j.at("has_aln").get<bool>();
  d.reasons = j.at("reasons").get<std::vector<std::string>>();
  if (!j.at("maintainer").is_null())
    d.maintainer = ToEnum<domain::Maintainer>(j.at("maintainer"), domain::MaintainerFromCode);
  d.maintainer_reasons = j.at("maintainer_reasons").get<std::vector<std::string>>();
  d.summary = j.at("summary").get<std::string>();
  d.by = domain::UserId{j.at("by").get<std::int64_t>()};
  d.at = ToTimestamp(j.at("at"));
  if (j.contains("assessment")) {
    const json& a = j.at("assessment");
    d.assessment = domain::MaintainerAssessment{
        a.at("low_incidence").get<bool>(), a.at("regular_external_advice").get<bool>(),
        a.at("individual_equipment").get<bool>(), a.at("specialist_placement").get<bool>(),
        a.at("ta_hours_per_week").get<int>()};
  }
  return d;
}

json EncodeNotice(const domain::DecisionNotice& n) {
  return {{"decision", n.decision},
          {"kind", domain::Code(n.kind)},
          {"method", domain::Code(n.method)},
          {"sent_on", D(n.sent_on)},
          {"given_on", D(n.given_on)},
          {"language", domain::Code(n.language)},
          {"appeal_by", D(n.appeal_by)},
          {"by", n.by.value()},
          {"at", T(n.at)}};
}
domain::DecisionNotice DecodeNotice(const json& j) {
  domain::DecisionNotice n;
  n.decision = j.at("decision").get<int>();
  n.kind = ToEnum<domain::NoticeKind>(j.at("kind"), domain::NoticeKindFromCode);
  n.method = ToEnum<domain::NoticeMethod>(j.at("method"), domain::NoticeMethodFromCode);
  n.sent_on = ToDate(j.at("sent_on"));
  n.given_on = ToDate(j.at("given_on"));
  n.language = ToEnum<domain::LetterLanguage>(j.at("language"), domain::LetterLanguageFromCode);
  n.appeal_by = ToOptionalDate(j, "appeal_by");
  n.by = domain::UserId{j.at("by").get<std::int64_t>()};
  n.at = ToTimestamp(j.at("at"));
  return n;
}

json EncodeAppeal(const domain::TribunalAppeal& a) {
  json orders = json::array();
  for (const auto& o : a.orders) {
    orders.push_back({{"description", o.description},
                      {"made_on", D(o.made_on)},
                      {"comply_by", D(o.comply_by)},
                      {"complied_on", D(o.complied_on)},
                      {"clock", I(o.clock)}});
  }
  return {{"lodged_on", D(a.lodged_on)},   {"late", a.late},
          {"hearing_on", D(a.hearing_on)}, {"outcome", domain::Code(a.outcome)},
          {"decided_on", D(a.decided_on)}, {"orders", orders}};
}
domain::TribunalAppeal DecodeAppeal(const json& j) {
  domain::TribunalAppeal a;
  a.lodged_on = ToDate(j.at("lodged_on"));
  a.late = j.at("late").get<bool>();
  a.hearing_on = ToOptionalDate(j, "hearing_on");
  a.outcome = ToEnum<domain::AppealOutcome>(j.at("outcome"), domain::AppealOutcomeFromCode);
  a.decided_on = ToOptionalDate(j, "decided_on");
  for (const auto& o : j.at("orders")) {
    domain::TribunalOrder order;
    order.description = o.at("description").get<std::string>();
    order.made_on = ToDate(o.at("made_on"));
    order.comply_by = ToDate(o.at("comply_by"));
    order.complied_on = ToOptionalDate(o, "complied_on");
    order.clock = ToOptionalId<domain::ClockId>(o, "clock");
    a.orders.push_back(order);
  }
  return a;
}

json EncodeBody(const domain::AlnCase& c) {
  json j;
  j["local_authority"] = c.local_authority.value();
  j["learner"] = c.learner.value();
  j["concern"] = {
      {"source", domain::Code(c.concern.source)}, {"raised_by", c.concern.raised_by},
      {"brought_on", D(c.concern.brought_on)},    {"to_la", c.concern.to_la},
      {"description", c.concern.description},     {"consent", domain::Code(c.concern.consent)},
      {"consent_on", D(c.concern.consent_on)}};
  j["responsibility"] = EncodeResponsibility(c.responsibility);
  j["stage"] = domain::Code(c.stage);
  if (c.referral) {
    j["referral"] = {{"ground", domain::Code(c.referral->ground)},
                     {"evidence", c.referral->evidence},
                     {"need_apparent_on", D(c.referral->need_apparent_on)},
                     {"referred_on", D(c.referral->referred_on)}};
  }
  j["sent_back_reasons"] = c.sent_back_reasons;
  if (c.exception) {
    j["exception"] = {{"kind", domain::Code(c.exception->kind)},
                      {"reasons", c.exception->reasons},
                      {"on", D(c.exception->on)},
                      {"previous_decision_on", D(c.exception->previous_decision_on)}};
  }
  j["decisions"] = json::array();
  for (const auto& d : c.decisions) j["decisions"].push_back(EncodeDecision(d));
  j["notices"] = json::array();
  for (const auto& n : c.notices) j["notices"].push_back(EncodeNotice(n));
  if (c.reconsideration) {
    j["reconsideration"] = {{"requested_on", D(c.reconsideration->requested_on)},
                            {"requested_by", c.reconsideration->requested_by},
                            {"grounds", c.reconsideration->grounds}};
  }
  j["disagreements"] = json::array();
  for (const auto& r : c.disagreements) {
    j["disagreements"].push_back({{"started_on", D(r.started_on)},
                                  {"in_time", r.in_time},
                                  {"ended_on", D(r.ended_on)},
                                  {"outcome", r.outcome}});
  }
  if (c.appeal) j["appeal"] = EncodeAppeal(*c.appeal);
  j["duty_clock"] = I(c.duty_clock);
  j["timeline"] = json::array();
  for (const auto& e : c.timeline) {
    j["timeline"].push_back({{"kind", domain::Code(e.kind)},
                             {"on", D(e.on)},
                             {"by", e.by.value()},
                             {"at", T(e.at)},
                             {"detail", e.detail}});
  }
  return j;
}

domain::AlnCase DecodeBody(const json& j) {
  domain::AlnCase c;
  c.local_authority = domain::LocalAuthorityId{j.at("local_authority").get<std::int64_t>()};
  c.learner = domain::LearnerId{j.at("learner").get<std::int64_t>()};
  const json& concern = j.at("concern");
  c.concern.source =
      ToEnum<domain::ConcernSource>(concern.at("source"), domain::ConcernSourceFromCode);
  c.concern.raised_by = concern.at("raised_by").get<std::string>();
  c.concern.brought_on = ToDate(concern.at("brought_on"));
  c.concern.to_la = concern.at("to_la").get<bool>();
  c.concern.description = concern.at("description").get<std::string>();
  c.concern.consent = domain::AnswerFromCode(concern.at("consent").get<std::string>());
  c.concern.consent_on = ToOptionalDate(concern, "consent_on");
  c.responsibility = DecodeResponsibility(j.at("responsibility"));
  c.stage = ToEnum<domain::CaseStage>(j.at("stage"), domain::CaseStageFromCode);
  if (j.contains("referral")) {
    const json& r = j.at("referral");
    c.referral = domain::Referral{
        ToEnum<domain::ReferralGround>(r.at("ground"), domain::ReferralGroundFromCode),
        r.at("evidence").get<std::string>(), ToDate(r.at("need_apparent_on")),
        ToDate(r.at("referred_on"))};
  }
  c.sent_back_reasons = j.at("sent_back_reasons").get<std::string>();
  if (j.contains("exception")) {
    const json& e = j.at("exception");
    c.exception = domain::DutyException{
        ToEnum<domain::DutyExceptionKind>(e.at("kind"), domain::DutyExceptionKindFromCode),
        e.at("reasons").get<std::string>(), ToDate(e.at("on")),
        ToOptionalDate(e, "previous_decision_on")};
  }
  for (const auto& d : j.at("decisions")) c.decisions.push_back(DecodeDecision(d));
  for (const auto& n : j.at("notices")) c.notices.push_back(DecodeNotice(n));
  if (j.contains("reconsideration")) {
    const json& r = j.at("reconsideration");
    c.reconsideration = domain::ReconsiderationRequest{ToDate(r.at("requested_on")),
                                                       r.at("requested_by").get<std::string>(),
                                                       r.at("grounds").get<std::string>()};
  }
  for (const auto& r : j.at("disagreements")) {
    c.disagreements.push_back({ToDate(r.at("started_on")), r.at("in_time").get<bool>(),
                               ToOptionalDate(r, "ended_on"), r.at("outcome").get<std::string>()});
  }
  if (j.contains("appeal")) c.appeal = DecodeAppeal(j.at("appeal"));
  c.duty_clock = ToOptionalId<domain::ClockId>(j, "duty_clock");
  for (const auto& e : j.at("timeline")) {
    c.timeline.push_back(
        {ToEnum<domain::CaseEventKind>(e.at("kind"), domain::CaseEventKindFromCode),
         ToDate(e.at("on")), domain::UserId{e.at("by").get<std::int64_t>()},
         ToTimestamp(e.at("at")), e.at("detail").get<std::string>()});
  }
  return c;
}

}  // namespace

std::string EncodeCase(const domain::AlnCase& aln_case) { return EncodeBody(aln_case).dump(); }

domain::Result<domain::AlnCase> DecodeCase(const std::string& record) {
  return DecodeRecord<domain::AlnCase>(record, "ALN case", DecodeBody);
}

}  // namespace cynnal::storage
