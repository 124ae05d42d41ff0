// The contract of the plan store (IDPs, One Page Profiles with their photos, legacy SEN records,
// and the plan or profile a clock times), run against each adapter.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "domain/idp.h"
#include "domain/legacy_sen.h"
#include "domain/one_page_profile.h"
#include "domain/statutory_clock.h"
#include "storage/plan_codec.h"

namespace cynnal::storage {
namespace {

using app::ProfilePhoto;
using app::TxMode;
using app::UnitOfWork;
using domain::ErrorCode;
using domain::Idp;
using domain::LegacySenRecord;
using domain::OnePageProfile;

using contract::D;
using contract::Ids;
using contract::kAdapters;
using contract::Lines;
using contract::Must;
using contract::T;
using contract::Text;

// ---------------------------------------------------------------------------------------------
// Describing a record, one field a line, so that two records compare field by field without
// going through the codec the SQLite store writes them with

void DescribeProfileContent(Lines& l, const std::string& at, const domain::ProfileContent& p) {
  l.Add(at + ".admired", p.admired);
  l.Add(at + ".important", p.important);
  l.Add(at + ".support", p.support);
  l.Add(at + ".written_with", p.written_with);
  l.Add(at + ".photo", p.photo);
}

void DescribeContent(Lines& l, const std::string& at, const domain::IdpContent& c) {
  l.Add(at + ".about.coordinator", c.about.coordinator);
  l.Add(at + ".about.coordinator_role", c.about.coordinator_role);
  l.Add(at + ".about.coordinator_contact", c.about.coordinator_contact);
  l.Add(at + ".about.communication", c.about.communication);
  DescribeProfileContent(l, at + ".profile", c.profile);
  l.Add(at + ".needs.areas", c.needs.areas);
  l.Add(at + ".needs.types", c.needs.types);
  l.Add(at + ".needs.description", c.needs.description);
  l.Count(at + ".elements.size", c.elements.size());
  for (std::size_t i = 0; i < c.elements.size(); ++i) {
    const domain::AlpElement& e = c.elements[i];
    std::string el = at + ".elements[" + std::to_string(i) + "]";
    l.Add(el + ".key", e.key);
    l.Add(el + ".outcome", e.outcome);
    l.Add(el + ".measure", e.measure);
    l.Add(el + ".outcome_by", e.outcome_by);
    l.Add(el + ".provision", e.provision);
    l.Add(el + ".minutes", e.minutes);
    l.Add(el + ".sessions", e.sessions);
    l.Add(el + ".per", e.per);
    l.Add(el + ".group", e.group);
    l.Add(el + ".in_welsh", e.in_welsh);
    l.Add(el + ".provider", e.provider);
    l.Add(el + ".provider_name", e.provider_name);
    l.Add(el + ".starts_on", e.starts_on);
    l.Add(el + ".review_on", e.review_on);
    l.Add(el + ".ends", e.ends);
    l.Add(el + ".rationale", e.rationale);
  }
  l.Add(at + ".place.setting", c.place.setting);
  l.Add(at + ".place.other", c.place.other);
  l.Add(at + ".place.reasons", c.place.reasons);
  l.Count(at + ".information.size", c.information.size());
  for (std::size_t i = 0; i < c.information.size(); ++i) {
    std::string item = at + ".information[" + std::to_string(i) + "]";
    l.Add(item + ".title", c.information[i].title);
    l.Add(item + ".from", c.information[i].from);
    l.Add(item + ".dated", c.information[i].dated);
  }
  l.Count(at + ".key_events.size", c.key_events.size());
  for (std::size_t i = 0; i < c.key_events.size(); ++i) {
    std::string event = at + ".key_events[" + std::to_string(i) + "]";
    l.Add(event + ".on", c.key_events[i].on);
    l.Add(event + ".what", c.key_events[i].what);
  }
  l.Add(at + ".transition.transition", c.transition.transition);
  l.Add(at + ".transition.transport", c.transition.transport);
  l.Add(at + ".next_key", c.next_key);
}

std::string Describe(const Idp& idp) {
  Lines l;
  l.Add("id", idp.id);
  l.Add("version", idp.version);
  l.Add("local_authority", idp.local_authority);
  l.Add("learner", idp.learner);
  l.Add("aln_case", idp.aln_case);
  l.Add("body", idp.body);
  l.Add("maintaining_la", idp.maintaining_la);
  l.Add("setting", idp.setting);
  l.Present("draft", idp.draft.has_value());
  if (idp.draft) DescribeContent(l, "draft", *idp.draft);
  l.Add("revisions", idp.revisions);
  l.Count("versions.size", idp.versions.size());
  for (std::size_t i = 0; i < idp.versions.size(); ++i) {
    const domain::IdpVersion& v = idp.versions[i];
    std::string at = "versions[" + std::to_string(i) + "]";
    l.Add(at + ".number", v.number);
    DescribeContent(l, at + ".content", v.content);
    l.Add(at + ".body", v.body);
    l.Add(at + ".local_authority", v.local_authority);
    l.Add(at + ".setting", v.setting);
    l.Add(at + ".method", v.method);
    l.Add(at + ".sent_on", v.sent_on);
    l.Add(at + ".given_on", v.given_on);
    l.Add(at + ".change_summary", v.change_summary);
    l.Count(at + ".flags.size", v.flags.size());
    for (std::size_t f = 0; f < v.flags.size(); ++f) {
      std::string flag = at + ".flags[" + std::to_string(f) + "]";
      l.Add(flag + ".section", v.flags[f].section);
      l.Add(flag + ".element", v.flags[f].element);
      l.Add(flag + ".check", v.flags[f].check);
      l.Add(flag + ".source", v.flags[f].source);
    }
    l.Add(at + ".override_reasons", v.override_reasons);
    l.Add(at + ".by", v.by);
    l.Add(at + ".at", v.at);
  }
  l.Count("requests.size", idp.requests.size());
  for (std::size_t i = 0; i < idp.requests.size(); ++i) {
    const domain::ReviewRequest& r = idp.requests[i];
    std::string at = "requests[" + std::to_string(i) + "]";
    l.Add(at + ".by", r.by);
    l.Add(at + ".name", r.name);
    l.Add(at + ".requested_on", r.requested_on);
    l.Add(at + ".reasons", r.reasons);
    l.Add(at + ".state", r.state);
    l.Add(at + ".answer", r.answer);
    l.Add(at + ".answered_on", r.answered_on);
    l.Add(at + ".recorded_by", r.recorded_by);
    l.Add(at + ".at", r.at);
  }
  l.Count("reviews.size", idp.reviews.size());
  for (std::size_t i = 0; i < idp.reviews.size(); ++i) {
    const domain::Review& r = idp.reviews[i];
    std::string at = "reviews[" + std::to_string(i) + "]";
    l.Add(at + ".held_on", r.held_on);
    l.Add(at + ".trigger", r.trigger);
    l.Add(at + ".request", r.request);
    l.Count(at + ".invitees.size", r.invitees.size());
    for (std::size_t n = 0; n < r.invitees.size(); ++n) {
      std::string inv = at + ".invitees[" + std::to_string(n) + "]";
      l.Add(inv + ".kind", r.invitees[n].kind);
      l.Add(inv + ".name", r.invitees[n].name);
      l.Add(inv + ".attended", r.invitees[n].attended);
    }
    l.Add(at + ".learner_views", r.learner_views);
    l.Add(at + ".family_views", r.family_views);
    l.Count(at + ".progress.size", r.progress.size());
    for (std::size_t n = 0; n < r.progress.size(); ++n) {
      std::string pr = at + ".progress[" + std::to_string(n) + "]";
      l.Add(pr + ".element", r.progress[n].element);
      l.Add(pr + ".rating", r.progress[n].rating);
      l.Add(pr + ".note", r.progress[n].note);
    }
    l.Add(at + ".decision", r.decision);
    l.Add(at + ".reasons", r.reasons);
    l.Add(at + ".version_reviewed", r.version_reviewed);
    l.Add(at + ".notice_given_on", r.notice_given_on);
    l.Add(at + ".by", r.by);
    l.Add(at + ".at", r.at);
  }
  l.Count("moves.size", idp.moves.size());
  for (std::size_t i = 0; i < idp.moves.size(); ++i) {
    const domain::PlanMove& m = idp.moves[i];
    std::string at = "moves[" + std::to_string(i) + "]";
    l.Add(at + ".kind", m.kind);
    l.Add(at + ".on", m.on);
    l.Add(at + ".from_body", m.from_body);
    l.Add(at + ".from_local_authority", m.from_local_authority);
    l.Add(at + ".from_setting", m.from_setting);
    l.Add(at + ".to_body", m.to_body);
    l.Add(at + ".to_local_authority", m.to_local_authority);
    l.Add(at + ".to_setting", m.to_setting);
    l.Add(at + ".entitlement_until", m.entitlement_until);
    l.Add(at + ".note", m.note);
    l.Add(at + ".by", m.by);
    l.Add(at + ".at", m.at);
  }
  l.Present("cessation", idp.cessation.has_value());
  if (idp.cessation) {
    const domain::Cessation& c = *idp.cessation;
    l.Add("cessation.decided_on", c.decided_on);
    l.Add("cessation.reasons", c.reasons);
    l.Add("cessation.method", c.method);
    l.Add("cessation.sent_on", c.sent_on);
    l.Add("cessation.given_on", c.given_on);
    l.Add("cessation.language", c.language);
    l.Add("cessation.reconsider_by", c.reconsider_by);
    l.Add("cessation.appeal_by", c.appeal_by);
    l.Add("cessation.by", c.by);
    l.Add("cessation.at", c.at);
  }
  l.Add("pep_reference", idp.pep_reference);
  l.Add("pep_dated", idp.pep_dated);
  l.Add("entitlement_until", idp.entitlement_until);
  l.Add("review_clock", idp.review_clock);
  l.Count("timeline.size", idp.timeline.size());
  for (std::size_t i = 0; i < idp.timeline.size(); ++i) {
    const domain::IdpEvent& e = idp.timeline[i];
    std::string at = "timeline[" + std::to_string(i) + "]";
    l.Add(at + ".kind", e.kind);
    l.Add(at + ".on", e.on);
    l.Add(at + ".by", e.by);
    l.Add(at + ".at", e.at);
    l.Add(at + ".detail", e.detail);
  }
  return l.str();
}

std::string Describe(const OnePageProfile& p) {
  Lines l;
  l.Add("id", p.id);
  l.Add("version", p.version);
  l.Add("local_authority", p.local_authority);
  l.Add("learner", p.learner);
  l.Add("setting", p.setting);
  l.Add("level", p.level);
  DescribeProfileContent(l, "content", p.content);
  l.Add("written_on", p.written_on);
  l.Add("reviewed_on", p.reviewed_on);
  l.Add("closed", p.closed);
  l.Add("review_clock", p.review_clock);
  l.Add("by", p.by);
  l.Add("at", p.at);
  return l.str();
}

std::string Describe(const LegacySenRecord& r) {
  Lines l;
  l.Add("id", r.id);
  l.Add("version", r.version);
  l.Add("local_authority", r.local_authority);
  l.Add("learner", r.learner);
  l.Add("status", r.status);
  l.Add("since", r.since);
  l.Add("statement_dated", r.statement_dated);
  l.Add("last_annual_review_on", r.last_annual_review_on);
  l.Add("outcome", r.outcome);
  l.Add("converted_on", r.converted_on);
  l.Add("note", r.note);
  return l.str();
}

// ---------------------------------------------------------------------------------------------
// The rows a plan refers to

struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::SettingId school, fei;
  domain::LearnerId learner1, learner2, learner3;
  domain::UserId alnco, officer;
  domain::AlnCaseId aln_case;
};

Places AddPlaces(UnitOfWork& uow) {
  contract::Seeder seed(uow);
  Places p;
  p.la1 = seed.gwynedd();
  p.la2 = seed.conwy();
  p.school = seed.AddSetting(p.la1, "Ysgol Bro Ŵyn", "2001", domain::SettingType::kPrimary);
  p.fei = seed.AddSetting(p.la1, "Coleg Menai", "4001", domain::SettingType::kFei);
  p.learner1 = seed.AddLearner(p.la1, "Siân", "Prŷs", "2008-03-04", 1);
  p.learner2 = seed.AddLearner(p.la1, "Gŵyn", "Jones", "2015-05-06", 2);
  p.learner3 = seed.AddLearner(p.la2, "Elin", "Hughes", "2014-07-08", 3);
  p.alnco = seed.AddUser(p.la1, "alnco", domain::Role::kAlnco);
  p.officer = seed.AddUser(p.la1, "swyddog", domain::Role::kLaOfficer);
  p.aln_case = Must(uow.Cases().Add(
      contract::MakeCase(p.la1, p.learner1, p.school, domain::DecidingBody::kSchool)));
  return p;
}

domain::StatutoryClock MakeClock(const Places& p, domain::LearnerId learner, const char* timescale,
                                 std::optional<domain::IdpId> idp,
                                 std::optional<domain::OnePageProfileId> profile) {
  domain::StatutoryClock clock;
  clock.local_authority = p.la1;
  clock.learner = learner;
  clock.timescale = timescale;
  clock.count = 12;
  clock.start_event = domain::ClockEvent::kPlanGiven;
  clock.started_on = D("2024-01-15");
  clock.reference = "Adolygu CDU — Siân";
  clock.started_by = p.alnco;
  clock.started_at = T("2024-01-15T10:00:00Z");
  clock.idp = idp;
  clock.profile = profile;
  return clock;
}

// An element of ALP with every field set; `variant` varies each value.
domain::AlpElement FullElement(int key, int variant) {
  domain::AlpElement e;
  e.key = key;
  e.outcome = "Bydd Siân yn darllen llyfr lefel " + std::to_string(8 + variant) + " yn annibynnol";
  e.measure = "Asesiad darllen — \"Salford\"\n\\ tymhorol";
  e.outcome_by = D(variant == 1 ? "2024-07-19" : "2025-07-18");
  e.provision = "Ymyrraeth ddarllen un-i-un (Read Write Inc.)";
  e.minutes = 20 + variant;
  e.sessions = 2 + variant;
  e.per = variant == 1 ? domain::ProvisionPeriod::kWeek : domain::ProvisionPeriod::kHalfTerm;
  e.group = variant == 1 ? domain::GroupSize::kOneToOne : domain::GroupSize::kSmallGroup;
  e.in_welsh = variant == 1 ? domain::Answer::kYes : domain::Answer::kNo;
  e.provider = variant == 1 ? domain::ProviderKind::kSchool : domain::ProviderKind::kNhsBody;
  e.provider_name = variant == 1 ? "Ysgol Bro Ŵyn" : "Therapi iaith a lleferydd BIPBC";
  e.starts_on = D(variant == 1 ? "2024-01-22" : "2024-02-05");
  e.review_on = D(variant == 1 ? "2024-12-13" : "2025-01-31");
  e.ends = variant != 1;
  e.rationale = "Mae'r asesiad yn dangos bwlch o 3 blynedd — ŵyr ŷd";
  return e;
}

// The content of a plan with every section written; `variant` varies each value.
domain::IdpContent FullContent(const Places& p, std::optional<domain::PhotoId> photo, int variant) {
  const std::string v = " (" + std::to_string(variant) + ")";
  domain::IdpContent c;
  c.about = {"Mrs Gwenllïan Roberts" + v, "Cydlynydd ADY", "01286 000000 / cadd@ysgol.cymru",
             "E-bost yn Gymraeg; mae Mam yn hoffi galwad ffôn ar ôl 3pm" + v};
  c.profile = {"Mae hi'n garedig ac yn ddoniol" + v, "Ei chi, Mot, a nofio",
               "Rhoi amser iddi feddwl; cyfarwyddiadau un ar y tro", "Siân, ei mam a Mrs Roberts",
               photo};
  c.needs.areas = {domain::AreaOfNeed::kCognitionLearning, domain::AreaOfNeed::kSensoryPhysical};
  c.needs.types = {"dyslexia", "hearing_impairment"};
  c.needs.description = "Anawsterau darllen a nam ar y clyw" + v;
  c.elements = {FullElement(1, 1), FullElement(2, 2)};
  c.place = {p.school, "Coleg Elidyr" + v, "Agosaf at y cartref; dysgu drwy'r Gymraeg"};
  c.information = {{"Adroddiad seicolegydd addysg", "Dr Owen", D("2023-11-02")},
                   {"Barn y teulu" + v, "Mam — Gwenllïan", std::nullopt}};
  c.key_events = {{D("2023-09-22"), "Pryder wedi'i godi"}, {D("2023-11-10"), "Penderfyniad ADY"}};
  c.transition = {"Ymweliadau ychwanegol â'r ysgol uwchradd" + v, "Tacsi gyda hebryngwr"};
  c.next_key = 3;
  return c;
}

// A plan with every field set, optional parts and lists included.
Idp FullIdp(const Places& p, domain::PhotoId photo, domain::ClockId review_clock) {
  Idp idp;
  idp.local_authority = p.la1;
  idp.learner = p.learner1;
  idp.aln_case = p.aln_case;
  idp.body = domain::DecidingBody::kFei;
  idp.maintaining_la = p.la1;
  idp.setting = p.fei;
  idp.draft = FullContent(p, photo, 3);
  idp.revisions = {{"about", 2}, {"profile", 1}, {"element:1", 3}, {"element:2", 1}};

  domain::IdpVersion first;
  first.number = 1;
  first.content = FullContent(p, std::nullopt, 1);
  first.body = domain::DecidingBody::kSchool;
  first.local_authority = p.la1;
  first.setting = p.school;
  first.method = domain::NoticeMethod::kPost;
  first.sent_on = D("2024-01-12");
  first.given_on = D("2024-01-16");
  first.flags = {{domain::IdpSection::kProvision, 2, "alp_frequency", "Code 23.37"},
                 {domain::IdpSection::kPlace, 0, "place", "IDP form 2D"}};
  first.override_reasons = "Bydd y therapydd yn cadarnhau'r amlder — \"ar frys\"";
  first.by = p.alnco;
  first.at = T("2024-01-12T14:30:00Z");

  domain::IdpVersion second;
  second.number = 2;
  second.content = FullContent(p, photo, 2);
  second.body = domain::DecidingBody::kLocalAuthority;
  second.local_authority = p.la1;
  second.method = domain::NoticeMethod::kHand;
  second.sent_on = D("2024-10-07");
  second.given_on = D("2024-10-07");
  second.change_summary = "Ychwanegu therapi iaith; newid yr amlder";
  second.flags = {{domain::IdpSection::kNeeds, 0, "needs_area", "Act s.10(1)(a)"}};
  second.override_reasons = "Adroddiad ar y ffordd";
  second.by = p.officer;
  second.at = T("2024-10-07T09:05:59Z");
  idp.versions = {first, second};

  domain::ReviewRequest request;
  request.by = domain::RequesterKind::kParent;
  request.name = "Gwenllïan Prŷs";
  request.requested_on = D("2024-05-01");
  request.reasons = "Mae Siân wedi colli ei chlyw yn y glust chwith";
  request.state = domain::RequestState::kReviewed;
  request.answer = "Adolygiad wedi'i drefnu";
  request.answered_on = D("2024-05-03");
  request.recorded_by = p.alnco;
  request.at = T("2024-05-01T11:11:11Z");
  idp.requests = {request};

  domain::Review review;
  review.held_on = D("2024-06-10");
  review.trigger = domain::ReviewTrigger::kRequest;
  review.request = 1;
  review.invitees = {{domain::InviteeKind::kLearner, "Siân", true},
                     {domain::InviteeKind::kFamily, "Gwenllïan Prŷs", true},
                     {domain::InviteeKind::kAgency, "Therapi iaith a lleferydd BIPBC", false}};
  review.learner_views = "Rwy'n hoffi'r grŵp darllen";
  review.family_views = "Mae hi'n fwy hyderus";
  review.progress = {{1, domain::ProgressRating::kGood, "Wedi codi 2 lefel"},
                     {2, domain::ProgressRating::kNotYet, ""}};
  review.decision = domain::ReviewDecision::kRevise;
  review.reasons = "Angen therapi iaith";
  review.version_reviewed = 1;
  review.notice_given_on = D("2024-06-12");
  review.by = p.alnco;
  review.at = T("2024-06-10T16:00:00Z");
  idp.reviews = {review};

  domain::PlanMove to_fei;
  to_fei.kind = domain::MoveKind::kFei;
  to_fei.on = D("2024-09-02");
  to_fei.from_body = domain::DecidingBody::kLocalAuthority;
  to_fei.from_local_authority = p.la1;
  to_fei.from_setting = p.school;
  to_fei.to_body = domain::DecidingBody::kFei;
  to_fei.to_local_authority = p.la1;
  to_fei.to_setting = p.fei;
  to_fei.entitlement_until = D("2026-07-31");
  to_fei.note = "Symud i'r coleg";
  to_fei.by = p.officer;
  to_fei.at = T("2024-09-02T08:00:00Z");
  domain::PlanMove to_la;
  to_la.kind = domain::MoveKind::kNewLocalAuthority;
  to_la.on = D("2024-09-01");
  to_la.from_body = domain::DecidingBody::kLocalAuthority;
  to_la.from_local_authority = p.la2;
  to_la.to_body = domain::DecidingBody::kLocalAuthority;
  to_la.to_local_authority = p.la1;
  to_la.by = p.officer;
  to_la.at = T("2024-09-01T07:59:59Z");
  idp.moves = {to_la, to_fei};

  domain::Cessation cessation;
  cessation.decided_on = D("2025-03-03");
  cessation.reasons = "Nid oes angen y ddarpariaeth mwyach";
  cessation.method = domain::NoticeMethod::kEmail;
  cessation.sent_on = D("2025-03-04");
  cessation.given_on = D("2025-03-04");
  cessation.language = domain::LetterLanguage::kWelsh;
  cessation.reconsider_by = D("2025-04-01");
  cessation.by = p.officer;
  cessation.at = T("2025-03-04T12:00:00Z");
  idp.cessation = cessation;

  idp.pep_reference = "CAP-2024/0193";
  idp.pep_dated = D("2024-02-20");
  idp.entitlement_until = D("2026-07-31");
  idp.review_clock = review_clock;
  idp.timeline = {
      {domain::IdpEventKind::kStarted, D("2023-11-20"), p.alnco, T("2023-11-20T09:00:00Z"), ""},
      {domain::IdpEventKind::kFinalised, D("2024-01-12"), p.alnco, T("2024-01-12T14:30:00Z"), "1"},
      {domain::IdpEventKind::kPepLinked, D("2024-02-20"), p.officer, T("2024-02-20T10:10:10Z"),
       "CAP-2024/0193 — ŵyr ŷd"},
      {domain::IdpEventKind::kMoved, D("2024-09-02"), p.officer, T("2024-09-02T08:00:00Z"), "fei"},
      {domain::IdpEventKind::kCeased, D("2025-03-03"), p.officer, T("2025-03-04T12:00:00Z"), ""},
  };
  idp.version = 7;  // ignored: a new plan is stored as version 0
  return idp;
}

// A plan just started: no draft sections written, no version, every list empty.
Idp MinimalIdp(domain::LearnerId learner, domain::LocalAuthorityId la) {
  Idp idp;
  idp.local_authority = la;
  idp.learner = learner;
  idp.body = domain::DecidingBody::kLocalAuthority;
  idp.maintaining_la = la;
  return idp;
}

OnePageProfile MakeProfile(const Places& p, domain::LearnerId learner,
                           domain::LocalAuthorityId la) {
  OnePageProfile profile;
  profile.local_authority = la;
  profile.learner = learner;
  profile.level = domain::SupportLevel::kUniversal;
  profile.content = {"Mae'n gwneud i bawb chwerthin", "Pêl-droed", "Seibiant byr", "", {}};
  profile.written_on = D("2024-09-10");
  profile.by = p.alnco;
  profile.at = T("2024-09-10T13:00:00Z");
  return profile;
}

LegacySenRecord MakeLegacy(domain::LearnerId learner, domain::LocalAuthorityId la) {
  LegacySenRecord r;
  r.local_authority = la;
  r.learner = learner;
  r.status = domain::LegacySenStatus::kSchoolActionPlus;
  r.since = D("2019-10-01");
  return r;
}

ProfilePhoto MakePhoto(domain::LearnerId learner, domain::UserId by, std::string content_type,
                       std::string bytes) {
  ProfilePhoto photo;
  photo.learner = learner;
  photo.content_type = std::move(content_type);
  photo.bytes = std::move(bytes);
  photo.uploaded_by = by;
  photo.uploaded_at = T("2024-09-10T12:34:56Z");
  return photo;
}

// A PNG signature, every byte value 0..255, runs of NULs in the middle and a NUL at each end.
std::string ImageBytes() {
  std::string bytes(1, '\0');
  bytes += std::string("\x89PNG\r\n\x1a\n", 8);
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(5, '\0') + std::string("IEND\0\xff\xd9", 7) + std::string(3, '\0');
  for (int i = 255; i >= 0; --i) bytes.push_back(static_cast<char>(i));
  bytes.push_back('\0');
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class PlanStoreContract : public contract::SeededStoreFixture<Places, AddPlaces> {
 protected:
  std::optional<Idp> GetIdp(domain::IdpId id) {
    return Read([&](UnitOfWork& uow) { return uow.Plans().Get(id); });
  }
  std::optional<OnePageProfile> GetProfile(domain::OnePageProfileId id) {
    return Read([&](UnitOfWork& uow) { return uow.Plans().GetProfile(id); });
  }
  std::optional<LegacySenRecord> GetLegacy(domain::LearnerId learner) {
    return Read([&](UnitOfWork& uow) { return uow.Plans().GetLegacyForLearner(learner); });
  }

  // Adds `idp` and returns it as stored: with its new id, at version 0.
  Idp AddIdp(Idp idp) {
    idp.id = Write([&](UnitOfWork& uow) { return Must(uow.Plans().Add(idp)); });
    idp.version = 0;
    return idp;
  }
  OnePageProfile AddProfile(OnePageProfile profile) {
    profile.id = Write([&](UnitOfWork& uow) { return Must(uow.Plans().AddProfile(profile)); });
    profile.version = 0;
    return profile;
  }
  LegacySenRecord AddLegacy(LegacySenRecord record) {
    record.id = Write([&](UnitOfWork& uow) { return Must(uow.Plans().PutLegacy(record)); });
    record.version = 0;
    return record;
  }
};

// ---------------------------------------------------------------------------------------------
// IDPs

TEST_P(PlanStoreContract, AnIdpWithEveryFieldSetRoundTripsExactly) {
  auto refs = Write([&](UnitOfWork& uow) {
    auto photo = Must(uow.Plans().AddPhoto(
        MakePhoto(p_.learner1, p_.alnco, "image/png", std::string("\x89PNG", 4))));
    auto clock = Must(
        uow.Clocks().Add(MakeClock(p_, p_.learner1, "idp-review", std::nullopt, std::nullopt)));
    return std::make_pair(photo, clock);
  });
  Idp full = AddIdp(FullIdp(p_, refs.first, refs.second));
  EXPECT_TRUE(full.id.valid());

  auto got = GetIdp(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));
  EXPECT_EQ(EncodeIdp(*got), EncodeIdp(full));

  // What a caseworker sees first on the plan's page.
  EXPECT_EQ(got->id, full.id);
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->learner, p_.learner1);
  EXPECT_EQ(got->aln_case, std::optional<domain::AlnCaseId>(p_.aln_case));
  EXPECT_EQ(got->Status(), domain::IdpStatus::kCeased);
  ASSERT_TRUE(got->draft);
  EXPECT_EQ(got->draft->profile.photo, std::optional<domain::PhotoId>(refs.first));
  ASSERT_EQ(got->draft->elements.size(), 2u);
  EXPECT_EQ(got->draft->elements[1].per, domain::ProvisionPeriod::kHalfTerm);
  EXPECT_EQ(got->draft->elements[1].provider, domain::ProviderKind::kNhsBody);
  EXPECT_EQ(got->draft->elements[0].outcome_by, D("2024-07-19"));
  EXPECT_EQ(got->Revision("element:1"), 3);
  ASSERT_EQ(got->versions.size(), 2u);
  EXPECT_EQ(got->Current()->number, 2);
  EXPECT_EQ(got->versions[0].flags, full.versions[0].flags);
  EXPECT_EQ(got->versions[0].override_reasons, full.versions[0].override_reasons);
  ASSERT_EQ(got->reviews.size(), 1u);
  EXPECT_EQ(got->reviews[0].invitees, full.reviews[0].invitees);
  ASSERT_EQ(got->moves.size(), 2u);
  EXPECT_EQ(got->moves[1].entitlement_until, D("2026-07-31"));
  ASSERT_TRUE(got->cessation);
  EXPECT_EQ(got->cessation->reconsider_by, D("2025-04-01"));
  EXPECT_FALSE(got->cessation->appeal_by);
  EXPECT_EQ(got->pep_reference, "CAP-2024/0193");
  EXPECT_EQ(got->review_clock, std::optional<domain::ClockId>(refs.second));
  EXPECT_EQ(got->timeline[2].detail, "CAP-2024/0193 — ŵyr ŷd");

  auto listed = Read([&](UnitOfWork& uow) { return uow.Plans().ListForLearner(p_.learner1); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
}

TEST_P(PlanStoreContract, ANewIdpRoundTripsWithItsOptionalPartsEmpty) {
  Idp minimal = AddIdp(MinimalIdp(p_.learner2, p_.la1));
  auto got = GetIdp(minimal.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(minimal));
  EXPECT_FALSE(got->aln_case);
  EXPECT_FALSE(got->setting);
  EXPECT_FALSE(got->draft);
  EXPECT_TRUE(got->revisions.empty());
  EXPECT_TRUE(got->versions.empty());
  EXPECT_TRUE(got->requests.empty());
  EXPECT_TRUE(got->reviews.empty());
  EXPECT_TRUE(got->moves.empty());
  EXPECT_FALSE(got->cessation);
  EXPECT_FALSE(got->pep_dated);
  EXPECT_FALSE(got->entitlement_until);
  EXPECT_FALSE(got->review_clock);
  EXPECT_TRUE(got->timeline.empty());
  EXPECT_FALSE(GetIdp(domain::IdpId{999}));
}

TEST_P(PlanStoreContract, UpdateWithTheStoredVersionReplacesTheIdpAndBumpsTheVersion) {
  Idp idp = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  Idp changed = idp;
  changed.body = domain::DecidingBody::kSchool;
  changed.setting = p_.school;
  changed.draft = FullContent(p_, std::nullopt, 1);
  changed.revisions = {{"needs", 1}};
  changed.timeline.push_back({domain::IdpEventKind::kStarted, D("2024-01-02"), p_.alnco,
                              T("2024-01-02T09:00:00Z"), "Siân ŵyr ŷd"});
  Write([&](UnitOfWork& uow) { Must(uow.Plans().Update(changed)); });
  changed.version = 1;
  auto got = GetIdp(idp.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(changed));

  changed.draft.reset();
  changed.revisions.clear();
  changed.pep_reference = "CAP-1";
  Write([&](UnitOfWork& uow) { Must(uow.Plans().Update(changed)); });
  changed.version = 2;
  got = GetIdp(idp.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Describe(*got), Describe(changed));
}

TEST_P(PlanStoreContract, UpdateOfAnIdpWithAStaleVersionIsAConflictAndLeavesItUnchanged) {
  Idp idp = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  Idp first_edit = idp;
  first_edit.pep_reference = "First edit";
  Write([&](UnitOfWork& uow) { Must(uow.Plans().Update(first_edit)); });
  first_edit.version = 1;

  for (int version : {0, 2}) {
    SCOPED_TRACE("version " + std::to_string(version));
    Idp stale = idp;
    stale.version = version;
    stale.pep_reference = "Second edit";
    stale.draft = FullContent(p_, std::nullopt, 2);
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Plans().Update(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "idp_error_conflict");
    Must(uow->Commit());
    uow.reset();
    auto got = GetIdp(idp.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(first_edit));
  }
}

TEST_P(PlanStoreContract, UpdateOfAnUnknownIdpIsNotFound) {
  Idp idp = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  Idp ghost = idp;
  ghost.id = domain::IdpId{999};
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Plans().Update(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(uow->Plans().Get(ghost.id));
}

TEST_P(PlanStoreContract, ListForLearnerGivesOnlyThatLearnersIdpsLatestFirst) {
  Idp a1 = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  Idp b1 = AddIdp(MinimalIdp(p_.learner2, p_.la1));
  Idp a2 = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  Idp a3 = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  a1.pep_reference = "Updated after the others were added";
  Write([&](UnitOfWork& uow) { Must(uow.Plans().Update(a1)); });
  a1.version = 1;
  Read([&](UnitOfWork& uow) {
    auto mine = uow.Plans().ListForLearner(p_.learner1);
    EXPECT_EQ(Ids(mine), (std::vector<std::int64_t>{a3.id.value(), a2.id.value(), a1.id.value()}));
    ASSERT_EQ(mine.size(), 3u);
    EXPECT_EQ(Describe(mine[2]), Describe(a1));
    EXPECT_EQ(Ids(uow.Plans().ListForLearner(p_.learner2)),
              (std::vector<std::int64_t>{b1.id.value()}));
    EXPECT_TRUE(uow.Plans().ListForLearner(p_.learner3).empty());
    EXPECT_TRUE(uow.Plans().ListForLearner(domain::LearnerId{999}).empty());
  });
}

TEST_P(PlanStoreContract, AnIdpForAMissingLearnerOrCaseIsRefusedAndNothingIsStored) {
  auto uow = Begin(TxMode::kWrite);
  auto refused = uow->Plans().Add(MinimalIdp(domain::LearnerId{999}, p_.la1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  Idp no_case = MinimalIdp(p_.learner1, p_.la1);
  no_case.aln_case = domain::AlnCaseId{999};
  refused = uow->Plans().Add(no_case);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) {
    EXPECT_TRUE(r.Plans().ListForLearner(domain::LearnerId{999}).empty());
    EXPECT_TRUE(r.Plans().ListForLearner(p_.learner1).empty());
    EXPECT_FALSE(r.Plans().Get(domain::IdpId{1}));
  });
  Idp kept = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  EXPECT_EQ(Ids(Read([&](UnitOfWork& r) { return r.Plans().ListForLearner(p_.learner1); })),
            (std::vector<std::int64_t>{kept.id.value()}));
}

// ---------------------------------------------------------------------------------------------
// One Page Profiles and their photos

TEST_P(PlanStoreContract, AProfileRoundTripsAndALearnersProfilesListLatestFirst) {
  auto ids = Write([&](UnitOfWork& uow) {
    auto photo = Must(uow.Plans().AddPhoto(
        MakePhoto(p_.learner2, p_.alnco, "image/jpeg", std::string("\xff\xd8\xff", 3))));
    auto clock = Must(
        uow.Clocks().Add(MakeClock(p_, p_.learner2, "opp-review", std::nullopt, std::nullopt)));
    return std::make_pair(photo, clock);
  });
  OnePageProfile full = MakeProfile(p_, p_.learner2, p_.la1);
  full.setting = p_.school;
  full.level = domain::SupportLevel::kTargeted;
  full.content = {"Mae Gŵyn yn helpu pawb — \"bob amser\"", "Ei nain a'i feic",
                  "Gweledol; amserlen ar y ddesg\n\\ ŵyr ŷd", "Gŵyn a Mr Evans", ids.first};
  full.written_on = D("2023-09-15");
  full.reviewed_on = {D("2024-09-12"), D("2025-09-11")};
  full.closed = true;
  full.review_clock = ids.second;
  full.version = 4;  // ignored: a new profile is stored as version 0
  full = AddProfile(full);
  OnePageProfile other = AddProfile(MakeProfile(p_, p_.learner3, p_.la2));
  OnePageProfile latest = AddProfile(MakeProfile(p_, p_.learner2, p_.la1));

  auto got = GetProfile(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->level, domain::SupportLevel::kTargeted);
  EXPECT_EQ(got->content.support, "Gweledol; amserlen ar y ddesg\n\\ ŵyr ŷd");
  EXPECT_EQ(got->content.photo, std::optional<domain::PhotoId>(ids.first));
  EXPECT_EQ(got->reviewed_on, (std::vector<domain::Date>{D("2024-09-12"), D("2025-09-11")}));
  EXPECT_TRUE(got->closed);
  EXPECT_EQ(got->setting, std::optional<domain::SettingId>(p_.school));

  auto bare = GetProfile(latest.id);
  ASSERT_TRUE(bare);
  EXPECT_EQ(Describe(*bare), Describe(latest));
  EXPECT_FALSE(bare->setting);
  EXPECT_FALSE(bare->content.photo);
  EXPECT_TRUE(bare->reviewed_on.empty());
  EXPECT_FALSE(bare->closed);
  EXPECT_FALSE(bare->review_clock);

  Read([&](UnitOfWork& uow) {
    auto mine = uow.Plans().ListProfilesForLearner(p_.learner2);
    EXPECT_EQ(Ids(mine), (std::vector<std::int64_t>{latest.id.value(), full.id.value()}));
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(Describe(mine[1]), Describe(full));
    EXPECT_EQ(Ids(uow.Plans().ListProfilesForLearner(p_.learner3)),
              (std::vector<std::int64_t>{other.id.value()}));
    EXPECT_TRUE(uow.Plans().ListProfilesForLearner(p_.learner1).empty());
    EXPECT_FALSE(uow.Plans().GetProfile(domain::OnePageProfileId{999}));
  });
}

TEST_P(PlanStoreContract, AProfileUpdateNeedsTheStoredVersion) {
  OnePageProfile profile = AddProfile(MakeProfile(p_, p_.learner1, p_.la1));
  OnePageProfile reviewed = profile;
  reviewed.reviewed_on.push_back(D("2025-09-09"));
  reviewed.content.important = "Nofio a'i chi";
  reviewed.setting = p_.school;
  Write([&](UnitOfWork& uow) { Must(uow.Plans().UpdateProfile(reviewed)); });
  reviewed.version = 1;
  auto got = GetProfile(profile.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(reviewed));

  OnePageProfile stale = profile;  // still at version 0
  stale.closed = true;
  stale.content.important = "Someone else's edit";
  {
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Plans().UpdateProfile(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "profile_error_conflict");
    OnePageProfile ghost = reviewed;
    ghost.id = domain::OnePageProfileId{999};
    status = uow->Plans().UpdateProfile(ghost);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
    Must(uow->Commit());
  }
  got = GetProfile(profile.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(reviewed));
}

TEST_P(PlanStoreContract, AProfileOrPhotoForAMissingLearnerIsRefused) {
  auto uow = Begin(TxMode::kWrite);
  auto profile = uow->Plans().AddProfile(MakeProfile(p_, domain::LearnerId{999}, p_.la1));
  ASSERT_FALSE(profile);
  EXPECT_EQ(profile.error().code, ErrorCode::kInternal);
  EXPECT_EQ(profile.error().message, "store_error_missing_reference");
  auto photo =
      uow->Plans().AddPhoto(MakePhoto(domain::LearnerId{999}, p_.alnco, "image/png", "\x89PNG"));
  ASSERT_FALSE(photo);
  EXPECT_EQ(photo.error().code, ErrorCode::kInternal);
  EXPECT_EQ(photo.error().message, "store_error_missing_reference");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) {
    EXPECT_TRUE(r.Plans().ListProfilesForLearner(domain::LearnerId{999}).empty());
    EXPECT_FALSE(r.Plans().GetPhoto(domain::PhotoId{1}));
  });
}

TEST_P(PlanStoreContract, APhotoRoundTripsItsBytesExactly) {
  std::vector<ProfilePhoto> photos = {
      MakePhoto(p_.learner1, p_.alnco, "image/png", ImageBytes()),
      MakePhoto(p_.learner2, p_.officer, "image/jpeg", std::string("\xff\xd8\0\0\xff\xd9\0", 7)),
  };
  Write([&](UnitOfWork& uow) {
    for (auto& photo : photos) photo.id = Must(uow.Plans().AddPhoto(photo));
  });
  EXPECT_NE(photos[0].id, photos[1].id);
  EXPECT_EQ(photos[0].bytes.size(), 1u + 8 + 256 + 5 + 7 + 3 + 256 + 1);
  Read([&](UnitOfWork& uow) {
    for (const auto& want : photos) {
      SCOPED_TRACE(want.content_type);
      auto got = uow.Plans().GetPhoto(want.id);
      ASSERT_TRUE(got);
      EXPECT_EQ(got->id, want.id);
      EXPECT_EQ(got->learner, want.learner);
      EXPECT_EQ(got->content_type, want.content_type);
      EXPECT_EQ(got->uploaded_by, want.uploaded_by);
      EXPECT_EQ(got->uploaded_at, want.uploaded_at);
      EXPECT_EQ(got->bytes.size(), want.bytes.size());
      EXPECT_TRUE(got->bytes == want.bytes) << "the bytes differ";
    }
    EXPECT_FALSE(uow.Plans().GetPhoto(domain::PhotoId{999}));
  });
}

// ---------------------------------------------------------------------------------------------
// Legacy SEN records

TEST_P(PlanStoreContract, ALegacyRecordRoundTripsAndALearnerHasAtMostOne) {
  LegacySenRecord statement = MakeLegacy(p_.learner1, p_.la1);
  statement.status = domain::LegacySenStatus::kStatement;
  statement.since = D("2016-02-01");
  statement.statement_dated = D("2016-06-30");
  statement.last_annual_review_on = D("2021-06-14");
  statement.outcome = domain::ConversionOutcome::kIdpNotice;
  statement.converted_on = D("2022-01-10");
  statement.note = "Datganiad — trosi i CDU ŵyr ŷd";
  statement.version = 3;  // ignored: a new record is stored as version 0
  statement = AddLegacy(statement);
  EXPECT_TRUE(statement.id.valid());

  auto got = GetLegacy(p_.learner1);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(statement));
  EXPECT_EQ(got->status, domain::LegacySenStatus::kStatement);
  EXPECT_EQ(got->outcome, domain::ConversionOutcome::kIdpNotice);
  EXPECT_EQ(got->converted_on, D("2022-01-10"));
  EXPECT_FALSE(GetLegacy(p_.learner2));

  LegacySenRecord second = MakeLegacy(p_.learner1, p_.la1);
  second.status = domain::LegacySenStatus::kSchoolAction;
  {
    auto uow = Begin(TxMode::kWrite);
    auto refused = uow->Plans().PutLegacy(second);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().message, "legacy_error_exists");
    Must(uow->Commit());
  }
  got = GetLegacy(p_.learner1);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(statement));
}

TEST_P(PlanStoreContract, ALegacyUpdateNeedsTheStoredVersion) {
  LegacySenRecord record = AddLegacy(MakeLegacy(p_.learner1, p_.la1));
  LegacySenRecord converted = record;
  converted.outcome = domain::ConversionOutcome::kNoIdpNotice;
  converted.converted_on = D("2023-03-01");
  converted.note = "Dim ADY";
  auto id = Write([&](UnitOfWork& uow) { return Must(uow.Plans().PutLegacy(converted)); });
  EXPECT_EQ(id, record.id);
  converted.version = 1;
  auto got = GetLegacy(p_.learner1);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(converted));

  LegacySenRecord stale = record;  // still at version 0
  stale.status = domain::LegacySenStatus::kNone;
  stale.note = "Someone else's edit";
  {
    auto uow = Begin(TxMode::kWrite);
    auto refused = uow->Plans().PutLegacy(stale);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().message, "legacy_error_conflict");
    LegacySenRecord ghost = converted;
    ghost.id = domain::LegacySenRecordId{999};
    refused = uow->Plans().PutLegacy(ghost);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kNotFound);
    Must(uow->Commit());
  }
  got = GetLegacy(p_.learner1);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(converted));
}

TEST_P(PlanStoreContract, ListLegacyGivesOnlyThatLasRecordsById) {
  LegacySenRecord a = AddLegacy(MakeLegacy(p_.learner2, p_.la1));
  LegacySenRecord c = AddLegacy(MakeLegacy(p_.learner3, p_.la2));
  LegacySenRecord b = AddLegacy(MakeLegacy(p_.learner1, p_.la1));
  Read([&](UnitOfWork& uow) {
    auto gwynedd = uow.Plans().ListLegacy(p_.la1);
    EXPECT_EQ(Ids(gwynedd), (std::vector<std::int64_t>{a.id.value(), b.id.value()}));
    ASSERT_EQ(gwynedd.size(), 2u);
    EXPECT_EQ(Describe(gwynedd[0]), Describe(a));
    EXPECT_EQ(Describe(gwynedd[1]), Describe(b));
    EXPECT_EQ(Ids(uow.Plans().ListLegacy(p_.la2)), (std::vector<std::int64_t>{c.id.value()}));
    EXPECT_TRUE(uow.Plans().ListLegacy(domain::LocalAuthorityId{999}).empty());
  });
}

// ---------------------------------------------------------------------------------------------
// The plan or profile a clock times

TEST_P(PlanStoreContract, AClockKeepsThePlanAndProfileItTimes) {
  Idp idp = AddIdp(MinimalIdp(p_.learner1, p_.la1));
  OnePageProfile profile = AddProfile(MakeProfile(p_, p_.learner1, p_.la1));
  auto ids = Write([&](UnitOfWork& uow) {
    auto for_idp =
        Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, "idp-review", idp.id, std::nullopt)));
    auto for_profile =
        Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, "opp-review", std::nullopt, profile.id)));
    auto for_both =
        Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, "idp-review", idp.id, profile.id)));
    return std::vector<domain::ClockId>{for_idp, for_profile, for_both};
  });
  auto expect = [&](const domain::StatutoryClock& clock, std::optional<domain::IdpId> want_idp,
                    std::optional<domain::OnePageProfileId> want_profile) {
    EXPECT_EQ(clock.idp, want_idp);
    EXPECT_EQ(clock.profile, want_profile);
    EXPECT_FALSE(clock.aln_case);
  };
  Read([&](UnitOfWork& uow) {
    auto for_idp = uow.Clocks().Get(ids[0]);
    auto for_profile = uow.Clocks().Get(ids[1]);
    auto for_both = uow.Clocks().Get(ids[2]);
    ASSERT_TRUE(for_idp);
    ASSERT_TRUE(for_profile);
    ASSERT_TRUE(for_both);
    expect(*for_idp, idp.id, std::nullopt);
    expect(*for_profile, std::nullopt, profile.id);
    expect(*for_both, idp.id, profile.id);
    auto open = uow.Clocks().ListOpen(p_.la1);
    ASSERT_EQ(open.size(), 3u);
    for (const auto& clock : open) {
      if (clock.id == ids[1]) {
        expect(clock, std::nullopt, profile.id);
      } else {
        EXPECT_EQ(clock.idp, std::optional<domain::IdpId>(idp.id));
      }
    }
  });

  // A plan given to a learner who had a profile: the clock moves from the profile to the plan.
  Write([&](UnitOfWork& uow) {
    auto clock = *uow.Clocks().Get(ids[1]);
    clock.profile.reset();
    clock.idp = idp.id;
    Must(uow.Clocks().Update(clock));
  });
  Read([&](UnitOfWork& uow) {
    auto clock = uow.Clocks().Get(ids[1]);
    ASSERT_TRUE(clock);
    expect(*clock, idp.id, std::nullopt);
    auto listed = uow.Clocks().ListForLearner(p_.learner1);
    ASSERT_EQ(listed.size(), 3u);
    for (const auto& c : listed) EXPECT_EQ(c.idp, std::optional<domain::IdpId>(idp.id));
  });
}

// ---------------------------------------------------------------------------------------------
// Units of work

TEST_P(PlanStoreContract, PlanWritesDroppedWithoutCommitLeaveNothingBehind) {
  Idp kept = AddIdp(MinimalIdp(p_.learner2, p_.la1));
  LegacySenRecord kept_legacy = AddLegacy(MakeLegacy(p_.learner2, p_.la1));
  {
    auto uow = Begin(TxMode::kWrite);
    auto id = Must(uow->Plans().Add(MinimalIdp(p_.learner1, p_.la1)));
    auto profile = Must(uow->Plans().AddProfile(MakeProfile(p_, p_.learner1, p_.la1)));
    auto photo =
        Must(uow->Plans().AddPhoto(MakePhoto(p_.learner1, p_.alnco, "image/png", ImageBytes())));
    Must(uow->Plans().PutLegacy(MakeLegacy(p_.learner1, p_.la1)));
    Idp changed = kept;
    changed.pep_reference = "Not kept";
    Must(uow->Plans().Update(changed));
    LegacySenRecord changed_legacy = kept_legacy;
    changed_legacy.note = "Not kept";
    Must(uow->Plans().PutLegacy(changed_legacy));
    EXPECT_TRUE(uow->Plans().Get(id));  // visible inside its own unit of work
    EXPECT_TRUE(uow->Plans().GetProfile(profile));
    EXPECT_TRUE(uow->Plans().GetPhoto(photo));
    EXPECT_TRUE(uow->Plans().GetLegacyForLearner(p_.learner1));
  }
  Read([&](UnitOfWork& uow) {
    EXPECT_TRUE(uow.Plans().ListForLearner(p_.learner1).empty());
    EXPECT_TRUE(uow.Plans().ListProfilesForLearner(p_.learner1).empty());
    EXPECT_FALSE(uow.Plans().GetPhoto(domain::PhotoId{1}));
    EXPECT_FALSE(uow.Plans().GetLegacyForLearner(p_.learner1));
    auto got = uow.Plans().Get(kept.id);
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_EQ(Describe(*got), Describe(kept));
    }
    auto legacy = uow.Plans().GetLegacyForLearner(p_.learner2);
    EXPECT_TRUE(legacy.has_value());
    if (legacy) {
      EXPECT_EQ(Describe(*legacy), Describe(kept_legacy));
    }
    EXPECT_EQ(Ids(uow.Plans().ListLegacy(p_.la1)),
              (std::vector<std::int64_t>{kept_legacy.id.value()}));
  });
}

INSTANTIATE_TEST_SUITE_P(Stores, PlanStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::storage
