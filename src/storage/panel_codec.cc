#include "storage/panel_codec.h"

#include "storage/codec_support.h"

namespace cynnal::storage {
namespace {

using domain::Date;
using nlohmann::json;
using namespace codec;

template <typename IdT>
IdT Id(const json& j, const char* key) {
  return IdT{j.at(key).get<std::int64_t>()};
}

json Keys(const std::vector<int>& keys) { return json(keys); }
std::vector<int> ToKeys(const json& j) { return j.get<std::vector<int>>(); }

json EncodeMember(const domain::PanelMember& m) {
  return {{"key", m.key},      {"name", m.name},          {"role", domain::Code(m.role)},
          {"user", I(m.user)}, {"setting", I(m.setting)}, {"organisation", m.organisation},
          {"email", m.email},  {"active", m.active}};
}
domain::PanelMember DecodeMember(const json& j) {
  domain::PanelMember m;
  m.key = j.at("key").get<int>();
  m.name = S(j, "name");
  m.role = ToEnum<domain::PanelRole>(j.at("role"), domain::PanelRoleFromCode);
  m.user = ToOptionalId<domain::UserId>(j, "user");
  m.setting = ToOptionalId<domain::SettingId>(j, "setting");
  m.organisation = S(j, "organisation");
  m.email = S(j, "email");
  m.active = j.at("active").get<bool>();
  return m;
}

json EncodePanelBody(const domain::Panel& p) {
  json members = json::array();
  for (const auto& m : p.members) members.push_back(EncodeMember(m));
  return {{"local_authority", p.local_authority.value()},
          {"name_en", p.name_en},
          {"name_cy", p.name_cy},
          {"min_age", p.min_age},
          {"max_age", p.max_age},
          {"members", members},
          {"next_member_key", p.next_member_key}};
}
domain::Panel DecodePanelBody(const json& j) {
  domain::Panel p;
  p.local_authority = Id<domain::LocalAuthorityId>(j, "local_authority");
  p.name_en = S(j, "name_en");
  p.name_cy = S(j, "name_cy");
  p.min_age = j.at("min_age").get<int>();
  p.max_age = j.at("max_age").get<int>();
  for (const auto& m : j.at("members")) p.members.push_back(DecodeMember(m));
  p.next_member_key = j.at("next_member_key").get<int>();
  return p;
}

json EncodeDecision(const domain::PanelDecision& d) {
  return {{"outcome", domain::Code(d.outcome)},
          {"agreed", d.agreed},
          {"reasons", d.reasons},
          {"placement", domain::Code(d.placement)},
          {"setting", I(d.setting)},
          {"hours_per_week_tenths", d.hours_per_week_tenths},
          {"places", d.places},
          {"annual_cost_pounds", d.annual_cost_pounds},
          {"present", Keys(d.present)},
          {"decided_on", D(d.decided_on)},
          {"by", d.by.value()},
          {"at", T(d.at)}};
}
domain::PanelDecision DecodeDecision(const json& j) {
  domain::PanelDecision d;
  d.outcome = ToEnum<domain::PanelOutcome>(j.at("outcome"), domain::PanelOutcomeFromCode);
  d.agreed = S(j, "agreed");
  d.reasons = S(j, "reasons");
  d.placement = ToEnum<domain::Placement>(j.at("placement"), domain::PlacementFromCode);
  d.setting = ToOptionalId<domain::SettingId>(j, "setting");
  d.hours_per_week_tenths = j.at("hours_per_week_tenths").get<int>();
  d.places = j.at("places").get<int>();
  d.annual_cost_pounds = j.at("annual_cost_pounds").get<int>();
  d.present = ToKeys(j.at("present"));
  d.decided_on = ToDate(j.at("decided_on"));
  d.by = U(j, "by");
  d.at = ToTimestamp(j.at("at"));
  return d;
}

json EncodeMinutesClock(const domain::StatutoryClock& c) {
  return {{"timescale", c.timescale},
          {"count", c.count},
          {"started_on", D(c.started_on)},
          {"started_by", c.started_by.value()},
          {"started_at", T(c.started_at)},
          {"stopped_on", D(c.stopped_on)},
          {"due_when_stopped", D(c.due_when_stopped)}};
}
domain::StatutoryClock DecodeMinutesClock(const json& j, domain::LocalAuthorityId la) {
  domain::StatutoryClock c;
  c.local_authority = la;
  c.timescale = S(j, "timescale");
  c.count = j.at("count").get<int>();
  c.start_event = domain::ClockEvent::kMeetingHeld;
  c.started_on = ToDate(j.at("started_on"));
  c.started_by = U(j, "started_by");
  c.started_at = ToTimestamp(j.at("started_at"));
  c.stopped_on = ToOptionalDate(j, "stopped_on");
  c.due_when_stopped = ToOptionalDate(j, "due_when_stopped");
  return c;
}

json EncodeMeetingBody(const domain::PanelMeeting& m) {
  json j = {{"panel", m.panel.value()},   {"local_authority", m.local_authority.value()},
            {"date", D(m.date)},          {"time", m.time},
            {"location", m.location},     {"state", domain::Code(m.state)},
            {"present", Keys(m.present)}, {"other_business", m.other_business}};
  j["holiday_agreement"] = m.holiday_agreement
                               ? json{{"lead_officer", m.holiday_agreement->lead_officer},
                                      {"agreed_on", D(m.holiday_agreement->agreed_on)},
                                      {"reason", m.holiday_agreement->reason}}
                               : json(nullptr);
  json changes = json::array();
  for (const auto& c : m.changes)
    changes.push_back({{"from", D(c.from)},
                       {"to", D(c.to)},
                       {"reason", c.reason},
                       {"by", c.by.value()},
                       {"at", T(c.at)}});
  j["changes"] = changes;
  json attendance = json::array();
  for (const auto& a : m.attendance)
    attendance.push_back(
        {{"member", a.member}, {"present", a.present}, {"time", a.time}, {"at", T(a.at)}});
  j["attendance"] = attendance;
  json items = json::array();
  for (const auto& item : m.items) {
    json excused = json::array();
    for (const auto& e : item.excused)
      excused.push_back({{"member", e.member}, {"detected", e.detected}, {"reason", e.reason}});
    items.push_back({{"referral", item.referral.value()},
                     {"excused", excused},
                     {"decision", item.decision ? EncodeDecision(*item.decision) : json(nullptr)}});
  }
  j["items"] = items;
  j["minutes_clock"] = m.minutes_clock ? EncodeMinutesClock(*m.minutes_clock) : json(nullptr);
  j["minutes"] = m.minutes ? json{{"distributed_on", D(m.minutes->distributed_on)},
                                  {"recipients", m.minutes->recipients},
                                  {"by", m.minutes->by.value()},
                                  {"at", T(m.minutes->at)}}
                           : json(nullptr);
  return j;
}
domain::PanelMeeting DecodeMeetingBody(const json& j) {
  domain::PanelMeeting m;
  m.panel = Id<domain::PanelId>(j, "panel");
  m.local_authority = Id<domain::LocalAuthorityId>(j, "local_authority");
  m.date = ToDate(j.at("date"));
  m.time = S(j, "time");
  m.location = S(j, "location");
  m.state = ToEnum<domain::MeetingState>(j.at("state"), domain::MeetingStateFromCode);
  m.present = ToKeys(j.at("present"));
  m.other_business = S(j, "other_business");
  if (const json& h = j.at("holiday_agreement"); !h.is_null())
    m.holiday_agreement = {S(h, "lead_officer"), ToDate(h.at("agreed_on")), S(h, "reason")};
  for (const auto& c : j.at("changes"))
    m.changes.push_back({ToDate(c.at("from")), ToOptionalDate(c, "to"), S(c, "reason"), U(c, "by"),
                         ToTimestamp(c.at("at"))});
  for (const auto& a : j.at("attendance"))
    m.attendance.push_back({a.at("member").get<int>(), a.at("present").get<bool>(), S(a, "time"),
                            ToTimestamp(a.at("at"))});
  for (const auto& i : j.at("items")) {
    domain::AgendaItem item;
    item.referral = Id<domain::PanelReferralId>(i, "referral");
    for (const auto& e : i.at("excused"))
      item.excused.push_back(
          {e.at("member").get<int>(), e.at("detected").get<bool>(), S(e, "reason")});
    if (!i.at("decision").is_null()) item.decision = DecodeDecision(i.at("decision"));
    m.items.push_back(std::move(item));
  }
  if (const json& c = j.at("minutes_clock"); !c.is_null())
    m.minutes_clock = DecodeMinutesClock(c, m.local_authority);
  if (const json& d = j.at("minutes"); !d.is_null())
    m.minutes = domain::MinutesDistribution{ToDate(d.at("distributed_on")),
                                            d.at("recipients").get<std::vector<std::string>>(),
                                            U(d, "by"), ToTimestamp(d.at("at"))};
  return m;
}

json EncodeReferralBody(const domain::PanelReferral& r) {
  json decisions = json::array();
  for (const auto& d : r.decisions) decisions.push_back(EncodeDecision(d));
  return {{"local_authority", r.local_authority.value()},
          {"panel", r.panel.value()},
          {"learner", r.learner.value()},
          {"aln_case", I(r.aln_case)},
          {"idp", I(r.idp)},
          {"setting", I(r.setting)},
          {"type", domain::Code(r.type)},
          {"area", C(r.area)},
          {"summary", r.summary},
          {"clock", I(r.clock)},
          {"referred_on", D(r.referred_on)},
          {"referred_by", r.referred_by.value()},
          {"referred_at", T(r.referred_at)},
          {"state", domain::Code(r.state)},
          {"meeting", I(r.meeting)},
          {"decisions", decisions},
          {"withdrawn_reason", r.withdrawn_reason}};
}
domain::PanelReferral DecodeReferralBody(const json& j) {
  domain::PanelReferral r;
  r.local_authority = Id<domain::LocalAuthorityId>(j, "local_authority");
  r.panel = Id<domain::PanelId>(j, "panel");
  r.learner = Id<domain::LearnerId>(j, "learner");
  r.aln_case = ToOptionalId<domain::AlnCaseId>(j, "aln_case");
  r.idp = ToOptionalId<domain::IdpId>(j, "idp");
  r.setting = ToOptionalId<domain::SettingId>(j, "setting");
  r.type = ToEnum<domain::PanelCaseType>(j.at("type"), domain::PanelCaseTypeFromCode);
  r.area = ToOptionalEnum<domain::AreaOfNeed>(j, "area", domain::AreaOfNeedFromCode);
  r.summary = S(j, "summary");
  r.clock = ToOptionalId<domain::ClockId>(j, "clock");
  r.referred_on = ToDate(j.at("referred_on"));
  r.referred_by = U(j, "referred_by");
  r.referred_at = ToTimestamp(j.at("referred_at"));
  r.state = ToEnum<domain::ReferralState>(j.at("state"), domain::ReferralStateFromCode);
  r.meeting = ToOptionalId<domain::PanelMeetingId>(j, "meeting");
  for (const auto& d : j.at("decisions")) r.decisions.push_back(DecodeDecision(d));
  r.withdrawn_reason = S(j, "withdrawn_reason");
  return r;
}

}  // namespace

std::string EncodePanel(const domain::Panel& panel) { return EncodePanelBody(panel).dump(); }
domain::Result<domain::Panel> DecodePanel(const std::string& record) {
  return DecodeRecord<domain::Panel>(record, "ALN panel", DecodePanelBody);
}
std::string EncodeMeeting(const domain::PanelMeeting& meeting) {
  return EncodeMeetingBody(meeting).dump();
}
domain::Result<domain::PanelMeeting> DecodeMeeting(const std::string& record) {
  return DecodeRecord<domain::PanelMeeting>(record, "panel meeting", DecodeMeetingBody);
}
std::string EncodeReferral(const domain::PanelReferral& referral) {
  return EncodeReferralBody(referral).dump();
}
domain::Result<domain::PanelReferral> DecodeReferral(const std::string& record) {
  return DecodeRecord<domain::PanelReferral>(record, "panel referral", DecodeReferralBody);
}

}  // namespace cynnal::storage
