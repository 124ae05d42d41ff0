// The contract of the panel store (ALN panels with their members, their meetings, the referrals
// brought to them with their papers, and the learners a panel member may see), run against each
// adapter.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "domain/aln_case.h"
#include "domain/idp.h"
#include "domain/panel.h"
#include "domain/statutory_clock.h"

namespace cynnal::storage {
namespace {

using app::PanelPaper;
using app::ReferralQuery;
using app::TxMode;
using app::UnitOfWork;
using domain::ErrorCode;
using domain::Panel;
using domain::PanelMeeting;
using domain::PanelReferral;

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

std::string Describe(const Panel& p) {
  Lines l;
  l.Add("id", p.id);
  l.Add("version", p.version);
  l.Add("local_authority", p.local_authority);
  l.Add("name_en", p.name_en);
  l.Add("name_cy", p.name_cy);
  l.Add("min_age", p.min_age);
  l.Add("max_age", p.max_age);
  l.Count("members.size", p.members.size());
  for (std::size_t i = 0; i < p.members.size(); ++i) {
    const domain::PanelMember& m = p.members[i];
    std::string at = "members[" + std::to_string(i) + "]";
    l.Add(at + ".key", m.key);
    l.Add(at + ".name", m.name);
    l.Add(at + ".role", m.role);
    l.Add(at + ".user", m.user);
    l.Add(at + ".setting", m.setting);
    l.Add(at + ".organisation", m.organisation);
    l.Add(at + ".email", m.email);
    l.Add(at + ".active", m.active);
  }
  l.Add("next_member_key", p.next_member_key);
  return l.str();
}

void DescribeDecision(Lines& l, const std::string& at, const domain::PanelDecision& d) {
  l.Add(at + ".outcome", d.outcome);
  l.Add(at + ".agreed", d.agreed);
  l.Add(at + ".reasons", d.reasons);
  l.Add(at + ".placement", d.placement);
  l.Add(at + ".setting", d.setting);
  l.Add(at + ".hours_per_week_tenths", d.hours_per_week_tenths);
  l.Add(at + ".places", d.places);
  l.Add(at + ".annual_cost_pounds", d.annual_cost_pounds);
  l.Add(at + ".present", d.present);
  l.Add(at + ".decided_on", d.decided_on);
  l.Add(at + ".by", d.by);
  l.Add(at + ".at", d.at);
}

void DescribeClock(Lines& l, const std::string& at, const domain::StatutoryClock& c) {
  l.Add(at + ".id", c.id);
  l.Add(at + ".local_authority", c.local_authority);
  l.Add(at + ".learner", c.learner);
  l.Add(at + ".calendar_setting", c.calendar_setting);
  l.Add(at + ".timescale", c.timescale);
  l.Add(at + ".count", c.count);
  l.Add(at + ".start_event", c.start_event);
  l.Add(at + ".started_on", c.started_on);
  l.Add(at + ".reference", c.reference);
  l.Add(at + ".started_by", c.started_by);
  l.Add(at + ".started_at", c.started_at);
  l.Add(at + ".stopped_on", c.stopped_on);
  l.Add(at + ".due_when_stopped", c.due_when_stopped);
  l.Add(at + ".stop_note", c.stop_note);
  l.Present(at + ".waiver", c.waiver.has_value());
  if (c.waiver) {
    l.Add(at + ".waiver.reason", c.waiver->reason);
    l.Add(at + ".waiver.details", c.waiver->details);
    l.Add(at + ".waiver.by", c.waiver->by);
    l.Add(at + ".waiver.at", c.waiver->at);
    l.Add(at + ".waiver.new_target", c.waiver->new_target);
  }
  l.Add(at + ".aln_case", c.aln_case);
  l.Add(at + ".idp", c.idp);
  l.Add(at + ".profile", c.profile);
}

std::string Describe(const PanelMeeting& m) {
  Lines l;
  l.Add("id", m.id);
  l.Add("version", m.version);
  l.Add("panel", m.panel);
  l.Add("local_authority", m.local_authority);
  l.Add("date", m.date);
  l.Add("time", m.time);
  l.Add("location", m.location);
  l.Add("state", m.state);
  l.Present("holiday_agreement", m.holiday_agreement.has_value());
  if (m.holiday_agreement) {
    l.Add("holiday_agreement.lead_officer", m.holiday_agreement->lead_officer);
    l.Add("holiday_agreement.agreed_on", m.holiday_agreement->agreed_on);
    l.Add("holiday_agreement.reason", m.holiday_agreement->reason);
  }
  l.Count("changes.size", m.changes.size());
  for (std::size_t i = 0; i < m.changes.size(); ++i) {
    const domain::MeetingChange& c = m.changes[i];
    std::string at = "changes[" + std::to_string(i) + "]";
    l.Add(at + ".from", c.from);
    l.Add(at + ".to", c.to);
    l.Add(at + ".reason", c.reason);
    l.Add(at + ".by", c.by);
    l.Add(at + ".at", c.at);
  }
  l.Add("present", m.present);
  l.Count("attendance.size", m.attendance.size());
  for (std::size_t i = 0; i < m.attendance.size(); ++i) {
    const domain::AttendanceEvent& a = m.attendance[i];
    std::string at = "attendance[" + std::to_string(i) + "]";
    l.Add(at + ".member", a.member);
    l.Add(at + ".present", a.present);
    l.Add(at + ".time", a.time);
    l.Add(at + ".at", a.at);
  }
  l.Count("items.size", m.items.size());
  for (std::size_t i = 0; i < m.items.size(); ++i) {
    const domain::AgendaItem& item = m.items[i];
    std::string at = "items[" + std::to_string(i) + "]";
    l.Add(at + ".referral", item.referral);
    l.Count(at + ".excused.size", item.excused.size());
    for (std::size_t e = 0; e < item.excused.size(); ++e) {
      std::string ex = at + ".excused[" + std::to_string(e) + "]";
      l.Add(ex + ".member", item.excused[e].member);
      l.Add(ex + ".detected", item.excused[e].detected);
      l.Add(ex + ".reason", item.excused[e].reason);
    }
    l.Present(at + ".decision", item.decision.has_value());
    if (item.decision) DescribeDecision(l, at + ".decision", *item.decision);
  }
  l.Add("other_business", m.other_business);
  l.Present("minutes_clock", m.minutes_clock.has_value());
  if (m.minutes_clock) DescribeClock(l, "minutes_clock", *m.minutes_clock);
  l.Present("minutes", m.minutes.has_value());
  if (m.minutes) {
    l.Add("minutes.distributed_on", m.minutes->distributed_on);
    l.Add("minutes.recipients", m.minutes->recipients);
    l.Add("minutes.by", m.minutes->by);
    l.Add("minutes.at", m.minutes->at);
  }
  return l.str();
}

std::string Describe(const PanelReferral& r) {
  Lines l;
  l.Add("id", r.id);
  l.Add("version", r.version);
  l.Add("local_authority", r.local_authority);
  l.Add("panel", r.panel);
  l.Add("learner", r.learner);
  l.Add("aln_case", r.aln_case);
  l.Add("idp", r.idp);
  l.Add("setting", r.setting);
  l.Add("type", r.type);
  l.Add("area", r.area);
  l.Add("summary", r.summary);
  l.Add("clock", r.clock);
  l.Add("referred_on", r.referred_on);
  l.Add("referred_by", r.referred_by);
  l.Add("referred_at", r.referred_at);
  l.Add("state", r.state);
  l.Add("meeting", r.meeting);
  l.Count("decisions.size", r.decisions.size());
  for (std::size_t i = 0; i < r.decisions.size(); ++i)
    DescribeDecision(l, "decisions[" + std::to_string(i) + "]", r.decisions[i]);
  l.Add("withdrawn_reason", r.withdrawn_reason);
  return l.str();
}

// The learners' ids, in the order given.
std::vector<std::int64_t> LearnerIds(const std::vector<domain::LearnerId>& learners) {
  std::vector<std::int64_t> out;
  for (const auto& learner : learners) out.push_back(learner.value());
  return out;
}

// ---------------------------------------------------------------------------------------------
// The rows panels refer to

struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::SettingId school, resource_base;
  domain::LearnerId learner1, learner2, learner3, learner4;  // learner4 is Conwy's
  domain::UserId chair, psychologist, head, officer, stood_down, outsider;
  domain::AlnCaseId aln_case;
  domain::IdpId idp;
  domain::ClockId clock;
};

Places AddPlaces(UnitOfWork& uow) {
  contract::Seeder seed(uow);
  Places p;
  p.la1 = seed.gwynedd();
  p.la2 = seed.conwy();
  p.school = seed.AddSetting(p.la1, "Ysgol Bro Ŵyn", "2001", domain::SettingType::kPrimary);
  p.resource_base =
      seed.AddSetting(p.la1, "Ysgol y Garnedd", "2002", domain::SettingType::kPrimary);
  p.learner1 = seed.AddLearner(p.la1, "Siân", "Prŷs", "2016-03-04", 1);
  p.learner2 = seed.AddLearner(p.la1, "Gŵyn", "Jones", "2015-05-06", 2);
  p.learner3 = seed.AddLearner(p.la1, "Elis", "Owen", "2017-09-10", 3);
  p.learner4 = seed.AddLearner(p.la2, "Elin", "Hughes", "2014-07-08", 4);
  p.chair = seed.AddUser(p.la1, "cadeirydd", domain::Role::kPanelMember);
  p.psychologist = seed.AddUser(p.la1, "seicolegydd", domain::Role::kPanelMember);
  p.head = seed.AddUser(p.la1, "pennaeth", domain::Role::kAlnco);
  p.officer = seed.AddUser(p.la1, "swyddog", domain::Role::kLaOfficer);
  p.stood_down = seed.AddUser(p.la1, "cynaelod", domain::Role::kPanelMember);
  p.outsider = seed.AddUser(p.la1, "athro", domain::Role::kTeacher);
  p.aln_case = Must(uow.Cases().Add(
      contract::MakeCase(p.la1, p.learner1, p.school, domain::DecidingBody::kLocalAuthority)));

  domain::Idp idp;
  idp.local_authority = p.la1;
  idp.learner = p.learner1;
  idp.aln_case = p.aln_case;
  idp.body = domain::DecidingBody::kLocalAuthority;
  idp.maintaining_la = p.la1;
  p.idp = Must(uow.Plans().Add(idp));

  domain::StatutoryClock clock;
  clock.local_authority = p.la1;
  clock.learner = p.learner1;
  clock.timescale = "la-decision";
  clock.count = 12;
  clock.start_event = domain::ClockEvent::kReferralReceived;
  clock.started_on = D("2024-02-01");
  clock.reference = "Cyfeirio i'r panel — Siân";
  clock.started_by = p.officer;
  clock.started_at = T("2024-02-01T10:00:00Z");
  clock.aln_case = p.aln_case;
  p.clock = Must(uow.Clocks().Add(clock));
  return p;
}

// A panel with only what a new panel needs: names, ages, no members.
Panel MakePanel(domain::LocalAuthorityId la, std::string name, int min_age, int max_age) {
  Panel panel;
  panel.local_authority = la;
  panel.name_en = name + " panel";
  panel.name_cy = "Panel " + name;
  panel.min_age = min_age;
  panel.max_age = max_age;
  return panel;
}

domain::PanelMember Member(int key, std::string name, domain::PanelRole role,
                           std::optional<domain::UserId> user = std::nullopt) {
  domain::PanelMember m;
  m.key = key;
  m.name = std::move(name);
  m.role = role;
  m.user = user;
  return m;
}

// A panel with every field set: a member of every role, members with and without an account or
// a school, one stood down, and keys that skip a removed one.
Panel FullPanel(const Places& p) {
  Panel panel = MakePanel(p.la1, "Primary ALN", 3, 11);
  panel.name_en = "Primary ALN panel — \"Gwynedd\"";
  panel.name_cy = "Panel ADY cynradd — ŵyr ŷd\n\\ Gwynedd";
  int key = 1;
  for (domain::PanelRole role : domain::AllPanelRoles()) {
    domain::PanelMember m = Member(key, "Aelod " + std::to_string(key), role);
    m.organisation = "Cyngor Gwynedd";
    m.email = "aelod" + std::to_string(key) + "@gwynedd.llyw.cymru";
    panel.members.push_back(m);
    key += key == 3 ? 2 : 1;  // key 4 was removed
  }
  panel.members[0].user = p.chair;
  panel.members[0].name = "Mrs Gwenllïan Roberts";
  panel.members[2].user = p.psychologist;
  for (auto& m : panel.members) {
    if (m.role == domain::PanelRole::kSchoolRepresentative) {
      m.user = p.head;
      m.setting = p.school;
      m.organisation = "Ysgol Bro Ŵyn";
    }
    if (m.role == domain::PanelRole::kParentalRepresentative) {
      m.organisation = "SNAP Cymru";
      m.email = "";
    }
  }
  domain::PanelMember gone =
      Member(key, "Mr Dafydd Jones", domain::PanelRole::kInclusionOfficer, p.stood_down);
  gone.setting = p.resource_base;
  gone.organisation = "";
  gone.active = false;
  panel.members.push_back(gone);
  panel.next_member_key = key + 3;
  panel.version = 5;  // ignored: a new panel is stored as version 0
  return panel;
}

// A meeting just scheduled: nothing recorded yet.
PanelMeeting MakeMeeting(const Panel& panel, const char* date) {
  PanelMeeting m;
  m.panel = panel.id;
  m.local_authority = panel.local_authority;
  m.date = D(date);
  return m;
}

// A decision with every field set; `variant` varies each value.
domain::PanelDecision FullDecision(const Places& p, int variant) {
  domain::PanelDecision d;
  d.outcome = variant == 1 ? domain::PanelOutcome::kAgreed : domain::PanelOutcome::kDeferred;
  d.agreed = variant == 1 ? "Lle yn y ganolfan adnoddau — \"rhan amser\"" : "";
  d.reasons = "Mae'r adroddiad yn dangos angen clir\n\\ ŵyr ŷd " + std::to_string(variant);
  d.placement = variant == 1 ? domain::Placement::kResourceBase : domain::Placement::kNone;
  if (variant == 1) d.setting = p.resource_base;
  d.hours_per_week_tenths = 125 + variant;
  d.places = variant;
  d.annual_cost_pounds = 18250 + variant;
  d.present = variant == 1 ? std::vector<int>{1, 3, 5, 8} : std::vector<int>{2, 3, 5};
  d.decided_on = D(variant == 1 ? "2024-03-07" : "2024-02-22");
  d.by = variant == 1 ? p.chair : p.officer;
  d.at = T(variant == 1 ? "2024-03-07T11:45:10Z" : "2024-02-22T15:00:00Z");
  return d;
}

// A held meeting with every field set, deciding `agreed` and deferring `deferred`.
PanelMeeting FullMeeting(const Places& p, const Panel& panel, domain::PanelReferralId agreed,
                         domain::PanelReferralId deferred) {
  PanelMeeting m = MakeMeeting(panel, "2024-03-07");
  m.time = "16:30";
  m.location = "Siambr Hywel Dda, Caernarfon — ystafell \"B\"";
  m.state = domain::MeetingState::kHeld;
  m.holiday_agreement = domain::HolidayAgreement{"Mrs Gwenllïan Roberts", D("2024-02-28"),
                                                 "Cwrdd â'r amserlen statudol — ŵyr ŷd"};
  m.changes = {
      {D("2024-03-05"), D("2024-03-06"), "Y cadeirydd yn sâl", p.officer,
       T("2024-03-01T09:00:00Z")},
      {D("2024-03-06"), D("2024-03-07"), "Dim ystafell", p.chair, T("2024-03-04T12:30:59Z")},
  };
  m.present = {1, 3, 5, 8};
  m.attendance = {
      {1, true, "16:25", T("2024-03-07T16:25:00Z")},
      {2, true, "", T("2024-03-07T16:26:00Z")},
      {2, false, "17:10", T("2024-03-07T17:10:00Z")},
      {3, true, "16:30", T("2024-03-07T16:30:00Z")},
  };
  domain::AgendaItem first;
  first.referral = agreed;
  first.excused = {{6, true, ""}, {7, false, "Mae'n adnabod y teulu — \"cymydog\""}};
  first.decision = FullDecision(p, 1);
  domain::AgendaItem second;
  second.referral = deferred;
  second.decision = FullDecision(p, 2);
  m.items = {first, second};
  m.other_business = "Patrymau lleoli'r tymor\nDyddiad nesaf: 21 Mawrth";
  domain::StatutoryClock clock;
  clock.local_authority = panel.local_authority;
  clock.timescale = "panel-minutes";
  clock.count = 10;
  clock.start_event = domain::ClockEvent::kMeetingHeld;
  clock.started_on = D("2024-03-07");
  clock.started_by = p.chair;
  clock.started_at = T("2024-03-07T17:30:00Z");
  clock.stopped_on = D("2024-03-14");
  clock.due_when_stopped = D("2024-03-21");
  m.minutes_clock = clock;
  m.minutes = domain::MinutesDistribution{
      D("2024-03-14"),
      {"Mrs Gwenllïan Roberts <aelod1@gwynedd.llyw.cymru>", "SNAP Cymru", "Ysgol Bro Ŵyn"},
      p.officer,
      T("2024-03-14T08:15:00Z")};
  m.version = 3;  // ignored: a new meeting is stored as version 0
  return m;
}

// A referral just made: no decision, nothing optional.
PanelReferral MakeReferral(const Places& p, const Panel& panel, domain::LearnerId learner,
                           const char* referred_on) {
  PanelReferral r;
  r.local_authority = panel.local_authority;
  r.panel = panel.id;
  r.learner = learner;
  r.type = domain::PanelCaseType::kSupportAndSetting;
  r.summary = "Lefel y gefnogaeth a'r math o leoliad";
  r.referred_on = D(referred_on);
  r.referred_by = p.officer;
  r.referred_at = T("2024-02-01T10:00:00Z");
  return r;
}

PanelPaper MakePaper(domain::PanelReferralId referral, domain::UserId by, std::string filename,
                     std::string content_type, std::string bytes) {
  PanelPaper paper;
  paper.referral = referral;
  paper.filename = std::move(filename);
  paper.content_type = std::move(content_type);
  paper.bytes = std::move(bytes);
  paper.size = 999;  // ignored: the store counts the bytes
  paper.uploaded_by = by;
  paper.uploaded_at = T("2024-02-02T09:30:00Z");
  return paper;
}

// A PDF header, every byte value 0..255, runs of NULs in the middle and a NUL at each end.
std::string PaperBytes() {
  std::string bytes(1, '\0');
  bytes += std::string("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15);
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(6, '\0') + std::string("%%EOF\0\n", 7) + std::string(2, '\0');
  for (int i = 255; i >= 0; --i) bytes.push_back(static_cast<char>(i));
  bytes.push_back('\0');
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class PanelStoreContract : public contract::SeededStoreFixture<Places, AddPlaces> {
 protected:
  std::optional<Panel> GetPanel(domain::PanelId id) {
    return Read([&](UnitOfWork& uow) { return uow.Panels().GetPanel(id); });
  }
  std::optional<PanelMeeting> GetMeeting(domain::PanelMeetingId id) {
    return Read([&](UnitOfWork& uow) { return uow.Panels().GetMeeting(id); });
  }
  std::optional<PanelReferral> GetReferral(domain::PanelReferralId id) {
    return Read([&](UnitOfWork& uow) { return uow.Panels().GetReferral(id); });
  }
  std::vector<PanelMeeting> ListMeetings(domain::PanelId panel, const char* from, const char* to) {
    return Read([&](UnitOfWork& uow) { return uow.Panels().ListMeetings(panel, D(from), D(to)); });
  }
  std::vector<PanelReferral> ListReferrals(const ReferralQuery& query) {
    return Read([&](UnitOfWork& uow) { return uow.Panels().ListReferrals(query); });
  }
  // The learners a user may see as a panel member, in ascending order of id.
  std::vector<std::int64_t> AgendaLearners(domain::UserId user) {
    auto ids =
        LearnerIds(Read([&](UnitOfWork& uow) { return uow.Panels().AgendaLearnersFor(user); }));
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Adds each record and returns it as stored: with its new id, at version 0.
  Panel AddPanel(Panel panel) {
    panel.id = Write([&](UnitOfWork& uow) { return Must(uow.Panels().AddPanel(panel)); });
    panel.version = 0;
    return panel;
  }
  PanelMeeting AddMeeting(PanelMeeting meeting) {
    meeting.id = Write([&](UnitOfWork& uow) { return Must(uow.Panels().AddMeeting(meeting)); });
    meeting.version = 0;
    return meeting;
  }
  PanelReferral AddReferral(PanelReferral referral) {
    referral.id = Write([&](UnitOfWork& uow) { return Must(uow.Panels().AddReferral(referral)); });
    referral.version = 0;
    return referral;
  }
  // Updates each record and returns it as stored: at the next version.
  PanelMeeting UpdateMeeting(PanelMeeting meeting) {
    Write([&](UnitOfWork& uow) { Must(uow.Panels().UpdateMeeting(meeting)); });
    ++meeting.version;
    return meeting;
  }
  PanelReferral UpdateReferral(PanelReferral referral) {
    Write([&](UnitOfWork& uow) { Must(uow.Panels().UpdateReferral(referral)); });
    ++referral.version;
    return referral;
  }
  Panel UpdatePanel(Panel panel) {
    Write([&](UnitOfWork& uow) { Must(uow.Panels().UpdatePanel(panel)); });
    ++panel.version;
    return panel;
  }

  // Lists `referral` on `meeting` (both as stored) and returns the meeting as stored.
  PanelMeeting List(PanelMeeting meeting, PanelReferral& referral) {
    meeting.items.push_back({referral.id, {}, std::nullopt});
    meeting = UpdateMeeting(meeting);
    referral.state = domain::ReferralState::kListed;
    referral.meeting = meeting.id;
    referral = UpdateReferral(referral);
    return meeting;
  }
};

// ---------------------------------------------------------------------------------------------
// Panels

TEST_P(PanelStoreContract, APanelWithEveryFieldSetRoundTripsExactly) {
  Panel full = AddPanel(FullPanel(p_));
  EXPECT_TRUE(full.id.valid());

  auto got = GetPanel(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));

  // What an officer sees first on the panel's page.
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->local_authority, p_.la1);
  ASSERT_EQ(got->members.size(), domain::AllPanelRoles().size() + 1);
  for (std::size_t i = 0; i < domain::AllPanelRoles().size(); ++i)
    EXPECT_EQ(got->members[i].role, domain::AllPanelRoles()[i]);
  EXPECT_EQ(got->members[3].key, 5);
  EXPECT_FALSE(got->members.back().active);
  EXPECT_EQ(got->members.back().setting, std::optional<domain::SettingId>(p_.resource_base));
  EXPECT_EQ(got->next_member_key, full.next_member_key);
  ASSERT_TRUE(got->MemberFor(p_.chair));
  EXPECT_EQ(got->MemberFor(p_.chair)->name, "Mrs Gwenllïan Roberts");
  EXPECT_FALSE(got->MemberFor(p_.stood_down));

  Panel bare = AddPanel(MakePanel(p_.la1, "Secondary", 11, 16));
  auto got_bare = GetPanel(bare.id);
  ASSERT_TRUE(got_bare);
  EXPECT_EQ(Describe(*got_bare), Describe(bare));
  EXPECT_TRUE(got_bare->members.empty());
  EXPECT_EQ(got_bare->next_member_key, 1);
  EXPECT_FALSE(GetPanel(domain::PanelId{999}));

  auto listed = Read([&](UnitOfWork& uow) { return uow.Panels().ListPanels(p_.la1); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(bare));
}

TEST_P(PanelStoreContract, ListPanelsGivesOnlyThatLasPanelsByMinimumAgeThenId) {
  Panel secondary = AddPanel(MakePanel(p_.la1, "Secondary", 11, 16));
  Panel conwy = AddPanel(MakePanel(p_.la2, "Conwy", 3, 11));
  Panel primary = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel post16 = AddPanel(MakePanel(p_.la1, "Post-16", 16, 25));
  Panel secondary_west = AddPanel(MakePanel(p_.la1, "Secondary west", 11, 16));
  Panel early_years = AddPanel(MakePanel(p_.la1, "Early years", 0, 3));
  // An update does not move a panel down the list.
  secondary.name_en = "Secondary panel (renamed)";
  secondary = UpdatePanel(secondary);

  Read([&](UnitOfWork& uow) {
    auto gwynedd = uow.Panels().ListPanels(p_.la1);
    EXPECT_EQ(Ids(gwynedd), (std::vector<std::int64_t>{
                                early_years.id.value(), primary.id.value(), secondary.id.value(),
                                secondary_west.id.value(), post16.id.value()}));
    ASSERT_EQ(gwynedd.size(), 5u);
    EXPECT_EQ(Describe(gwynedd[2]), Describe(secondary));
    EXPECT_EQ(Ids(uow.Panels().ListPanels(p_.la2)), (std::vector<std::int64_t>{conwy.id.value()}));
    EXPECT_TRUE(uow.Panels().ListPanels(domain::LocalAuthorityId{999}).empty());
  });
}

TEST_P(PanelStoreContract, UpdatePanelWithTheStoredVersionReplacesItAndBumpsTheVersion) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel changed = panel;
  changed.name_cy = "Panel cynradd ŵyr ŷd";
  changed.max_age = 12;
  changed.members = {
      Member(1, "Mrs Roberts", domain::PanelRole::kChair, p_.chair),
      Member(2, "Dr Owen", domain::PanelRole::kEducationalPsychologist, p_.psychologist)};
  changed.next_member_key = 3;
  changed = UpdatePanel(changed);
  EXPECT_EQ(changed.version, 1);
  auto got = GetPanel(panel.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(changed));

  // A member stands down; another joins with a school; the phase changes.
  changed.members[1].active = false;
  domain::PanelMember head =
      Member(3, "Mr Hughes", domain::PanelRole::kSchoolRepresentative, p_.head);
  head.setting = p_.school;
  changed.members.push_back(head);
  changed.next_member_key = 4;
  changed.min_age = 4;
  changed = UpdatePanel(changed);
  got = GetPanel(panel.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Describe(*got), Describe(changed));
}

TEST_P(PanelStoreContract, UpdatePanelWithAStaleVersionIsAConflictAndLeavesItUnchanged) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel first_edit = panel;
  first_edit.name_en = "First edit";
  first_edit = UpdatePanel(first_edit);

  for (int version : {0, 2}) {
    SCOPED_TRACE("version " + std::to_string(version));
    Panel stale = panel;
    stale.version = version;
    stale.name_en = "Second edit";
    stale.members = {Member(1, "Someone else's member", domain::PanelRole::kChair, p_.chair)};
    stale.next_member_key = 2;
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Panels().UpdatePanel(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "panel_error_conflict");
    Must(uow->Commit());
    uow.reset();
    auto got = GetPanel(panel.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(first_edit));
  }
}

TEST_P(PanelStoreContract, UpdateOfAnUnknownPanelIsNotFound) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel ghost = panel;
  ghost.id = domain::PanelId{999};
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Panels().UpdatePanel(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(uow->Panels().GetPanel(ghost.id));
}

// ---------------------------------------------------------------------------------------------
// Meetings

TEST_P(PanelStoreContract, AMeetingWithEveryFieldSetRoundTripsExactly) {
  Panel panel = AddPanel(FullPanel(p_));
  PanelReferral agreed = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  PanelReferral deferred = AddReferral(MakeReferral(p_, panel, p_.learner2, "2024-02-02"));
  PanelMeeting full = AddMeeting(FullMeeting(p_, panel, agreed.id, deferred.id));
  EXPECT_TRUE(full.id.valid());

  auto got = GetMeeting(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));

  // What the chair sees first on the meeting's page.
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->state, domain::MeetingState::kHeld);
  ASSERT_TRUE(got->holiday_agreement);
  EXPECT_EQ(got->holiday_agreement->agreed_on, D("2024-02-28"));
  ASSERT_EQ(got->changes.size(), 2u);
  EXPECT_EQ(got->changes[1].to, std::optional<domain::Date>(D("2024-03-07")));
  EXPECT_EQ(got->present, (std::vector<int>{1, 3, 5, 8}));
  ASSERT_EQ(got->attendance.size(), 4u);
  EXPECT_FALSE(got->attendance[2].present);
  EXPECT_EQ(got->attendance[1].time, "");
  ASSERT_EQ(got->items.size(), 2u);
  ASSERT_EQ(got->items[0].excused.size(), 2u);
  EXPECT_TRUE(got->items[0].excused[0].detected);
  EXPECT_FALSE(got->items[0].excused[1].detected);
  ASSERT_TRUE(got->items[0].decision);
  EXPECT_EQ(got->items[0].decision->setting, std::optional<domain::SettingId>(p_.resource_base));
  EXPECT_EQ(got->items[0].decision->annual_cost_pounds, 18251);
  ASSERT_TRUE(got->items[1].decision);
  EXPECT_EQ(got->items[1].decision->outcome, domain::PanelOutcome::kDeferred);
  EXPECT_FALSE(got->items[1].decision->setting);
  ASSERT_TRUE(got->minutes_clock);
  EXPECT_EQ(got->minutes_clock->stopped_on, std::optional<domain::Date>(D("2024-03-14")));
  EXPECT_EQ(got->minutes_clock->due_when_stopped, std::optional<domain::Date>(D("2024-03-21")));
  EXPECT_EQ(domain::MinutesState(*got), domain::ClockState::kMet);
  ASSERT_TRUE(got->minutes);
  EXPECT_EQ(got->minutes->recipients, full.minutes->recipients);

  // A meeting moved and then cancelled: the cancellation has no new date.
  PanelMeeting cancelled = MakeMeeting(panel, "2024-03-21");
  cancelled.state = domain::MeetingState::kCancelled;
  cancelled.changes = {
      {D("2024-03-19"), D("2024-03-21"), "Gwrthdaro â'r arholiadau", p_.officer,
       T("2024-03-11T10:00:00Z")},
      {D("2024-03-21"), std::nullopt, "Dim eitemau ar yr agenda", p_.chair,
       T("2024-03-15T16:00:00Z")},
  };
  cancelled = AddMeeting(cancelled);
  auto got_cancelled = GetMeeting(cancelled.id);
  ASSERT_TRUE(got_cancelled);
  EXPECT_EQ(Describe(*got_cancelled), Describe(cancelled));
  ASSERT_EQ(got_cancelled->changes.size(), 2u);
  EXPECT_FALSE(got_cancelled->changes[1].to);

  auto listed = ListMeetings(panel.id, "2024-03-07", "2024-03-21");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(cancelled));
}

TEST_P(PanelStoreContract, ANewMeetingRoundTripsWithItsOptionalPartsEmpty) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  PanelReferral referral = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  PanelMeeting meeting = MakeMeeting(panel, "2024-04-18");
  meeting.items = {{referral.id, {}, std::nullopt}};
  meeting = AddMeeting(meeting);
  auto got = GetMeeting(meeting.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(meeting));
  EXPECT_EQ(got->state, domain::MeetingState::kScheduled);
  EXPECT_EQ(got->time, "");
  EXPECT_EQ(got->location, "");
  EXPECT_FALSE(got->holiday_agreement);
  EXPECT_TRUE(got->changes.empty());
  EXPECT_TRUE(got->present.empty());
  EXPECT_TRUE(got->attendance.empty());
  ASSERT_EQ(got->items.size(), 1u);
  EXPECT_TRUE(got->items[0].excused.empty());
  EXPECT_FALSE(got->items[0].decision);
  EXPECT_FALSE(got->minutes_clock);
  EXPECT_FALSE(got->minutes);
  EXPECT_FALSE(GetMeeting(domain::PanelMeetingId{999}));
}

TEST_P(PanelStoreContract, UpdateMeetingWithTheStoredVersionReplacesItAndBumpsTheVersion) {
  Panel panel = AddPanel(FullPanel(p_));
  PanelReferral agreed = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  PanelReferral deferred = AddReferral(MakeReferral(p_, panel, p_.learner2, "2024-02-02"));
  PanelMeeting meeting = AddMeeting(MakeMeeting(panel, "2024-03-07"));
  PanelMeeting held = FullMeeting(p_, panel, agreed.id, deferred.id);
  held.id = meeting.id;
  held.version = 0;
  held = UpdateMeeting(held);
  auto got = GetMeeting(meeting.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(held));

  PanelMeeting stale = meeting;  // still at version 0
  stale.location = "Someone else's edit";
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Panels().UpdateMeeting(stale);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "panel_error_conflict");
  PanelMeeting ghost = held;
  ghost.id = domain::PanelMeetingId{999};
  ghost.date = D("2024-05-02");
  status = uow->Panels().UpdateMeeting(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  Must(uow->Commit());
  uow.reset();
  got = GetMeeting(meeting.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(held));
}

TEST_P(PanelStoreContract, ListMeetingsIsInclusiveAtBothEndsByDateAndOnlyThatPanels) {
  Panel primary = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel secondary = AddPanel(MakePanel(p_.la1, "Secondary", 11, 16));
  PanelMeeting last = AddMeeting(MakeMeeting(primary, "2024-03-19"));
  PanelMeeting after = AddMeeting(MakeMeeting(primary, "2024-03-20"));
  PanelMeeting middle = AddMeeting(MakeMeeting(primary, "2024-03-12"));
  PanelMeeting first = AddMeeting(MakeMeeting(primary, "2024-03-05"));
  PanelMeeting before = AddMeeting(MakeMeeting(primary, "2024-03-04"));
  PanelMeeting other_panel = AddMeeting(MakeMeeting(secondary, "2024-03-12"));
  PanelMeeting middle_cancelled = MakeMeeting(primary, "2024-03-12");
  middle_cancelled.state = domain::MeetingState::kCancelled;
  middle_cancelled = AddMeeting(middle_cancelled);
  // An update does not move a meeting within its date.
  middle.location = "Neuadd y Dref";
  middle = UpdateMeeting(middle);

  auto listed = ListMeetings(primary.id, "2024-03-05", "2024-03-19");
  EXPECT_EQ(Ids(listed), (std::vector<std::int64_t>{first.id.value(), middle.id.value(),
                                                    middle_cancelled.id.value(), last.id.value()}));
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(Describe(listed[1]), Describe(middle));
  EXPECT_EQ(Ids(ListMeetings(primary.id, "2024-03-12", "2024-03-12")),
            (std::vector<std::int64_t>{middle.id.value(), middle_cancelled.id.value()}));
  EXPECT_EQ(
      Ids(ListMeetings(primary.id, "2024-01-01", "2024-12-31")),
      (std::vector<std::int64_t>{before.id.value(), first.id.value(), middle.id.value(),
                                 middle_cancelled.id.value(), last.id.value(), after.id.value()}));
  EXPECT_EQ(Ids(ListMeetings(secondary.id, "2024-03-05", "2024-03-19")),
            (std::vector<std::int64_t>{other_panel.id.value()}));
  EXPECT_TRUE(ListMeetings(primary.id, "2024-03-06", "2024-03-11").empty());
  EXPECT_TRUE(ListMeetings(domain::PanelId{999}, "2024-01-01", "2024-12-31").empty());
}

TEST_P(PanelStoreContract, ASecondMeetingOfAPanelOnTheSameDateIsRefusedUnlessOneIsCancelled) {
  Panel primary = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel secondary = AddPanel(MakePanel(p_.la1, "Secondary", 11, 16));
  PanelMeeting first = AddMeeting(MakeMeeting(primary, "2024-03-05"));
  {
    auto uow = Begin(TxMode::kWrite);
    PanelMeeting again = MakeMeeting(primary, "2024-03-05");
    again.location = "Another room";
    auto refused = uow->Panels().AddMeeting(again);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_EQ(refused.error().message, "panel_error_meeting_exists");
    // As every other "already taken" refusal: the error names the form field it concerns.
    EXPECT_EQ(refused.error().fields,
              (std::map<std::string, std::string>{{"date", "panel_error_meeting_exists"}}));
    Must(uow->Commit());
  }
  EXPECT_EQ(Ids(ListMeetings(primary.id, "2024-03-05", "2024-03-05")),
            (std::vector<std::int64_t>{first.id.value()}));

  // Another panel may meet that day; a cancelled meeting may share the day.
  PanelMeeting other_panel = AddMeeting(MakeMeeting(secondary, "2024-03-05"));
  PanelMeeting cancelled = MakeMeeting(primary, "2024-03-05");
  cancelled.state = domain::MeetingState::kCancelled;
  cancelled = AddMeeting(cancelled);
  EXPECT_EQ(Ids(ListMeetings(primary.id, "2024-03-05", "2024-03-05")),
            (std::vector<std::int64_t>{first.id.value(), cancelled.id.value()}));
  EXPECT_EQ(Ids(ListMeetings(secondary.id, "2024-03-05", "2024-03-05")),
            (std::vector<std::int64_t>{other_panel.id.value()}));

  // Once the first is cancelled, another meeting may be set that day.
  first.state = domain::MeetingState::kCancelled;
  first.changes.push_back(
      {D("2024-03-05"), std::nullopt, "Dim cworwm", p_.officer, T("2024-03-01T09:00:00Z")});
  first = UpdateMeeting(first);
  PanelMeeting replacement = AddMeeting(MakeMeeting(primary, "2024-03-05"));
  EXPECT_EQ(
      Ids(ListMeetings(primary.id, "2024-03-05", "2024-03-05")),
      (std::vector<std::int64_t>{first.id.value(), cancelled.id.value(), replacement.id.value()}));
}

TEST_P(PanelStoreContract, MovingOrReinstatingAMeetingOntoATakenDateIsRefused) {
  Panel primary = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel secondary = AddPanel(MakePanel(p_.la1, "Secondary", 11, 16));
  PanelMeeting taken = AddMeeting(MakeMeeting(primary, "2024-03-05"));
  PanelMeeting later = AddMeeting(MakeMeeting(primary, "2024-03-12"));
  PanelMeeting cancelled = MakeMeeting(primary, "2024-03-05");
  cancelled.state = domain::MeetingState::kCancelled;
  cancelled = AddMeeting(cancelled);

  auto expect_refused = [&](const PanelMeeting& meeting, const PanelMeeting& stored) {
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Panels().UpdateMeeting(meeting);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "panel_error_meeting_exists");
    EXPECT_EQ(status.error().fields,
              (std::map<std::string, std::string>{{"date", "panel_error_meeting_exists"}}));
    Must(uow->Commit());
    uow.reset();
    auto got = GetMeeting(stored.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(stored));
  };
  {
    SCOPED_TRACE("moved onto the date");
    PanelMeeting moved = later;
    moved.date = D("2024-03-05");
    moved.changes.push_back(
        {D("2024-03-12"), D("2024-03-05"), "Yn gynt", p_.officer, T("2024-03-01T09:00:00Z")});
    expect_refused(moved, later);
  }
  {
    SCOPED_TRACE("reinstated on the date");
    PanelMeeting reinstated = cancelled;
    reinstated.state = domain::MeetingState::kScheduled;
    expect_refused(reinstated, cancelled);
  }

  // Saving a meeting on its own date, or moving it where another panel meets, is fine.
  taken.location = "Ystafell 2";
  taken = UpdateMeeting(taken);
  AddMeeting(MakeMeeting(secondary, "2024-03-19"));
  later.date = D("2024-03-19");
  later = UpdateMeeting(later);
  EXPECT_EQ(Ids(ListMeetings(primary.id, "2024-03-01", "2024-03-31")),
            (std::vector<std::int64_t>{taken.id.value(), cancelled.id.value(), later.id.value()}));
}

// ---------------------------------------------------------------------------------------------
// Referrals

TEST_P(PanelStoreContract, AReferralWithEveryFieldSetRoundTripsExactly) {
  Panel panel = AddPanel(FullPanel(p_));
  PanelMeeting meeting = AddMeeting(MakeMeeting(panel, "2024-03-21"));
  PanelReferral full = MakeReferral(p_, panel, p_.learner1, "2024-02-01");
  full.aln_case = p_.aln_case;
  full.idp = p_.idp;
  full.setting = p_.school;
  full.type = domain::PanelCaseType::kSpecialistPlacement;
  full.area = domain::AreaOfNeed::kCommunicationInteraction;
  full.summary = "Lle yn y ganolfan adnoddau — \"ASD\"\n\\ ŵyr ŷd";
  full.clock = p_.clock;
  full.referred_at = T("2024-02-01T10:11:12Z");
  full.state = domain::ReferralState::kListed;
  full.meeting = meeting.id;
  full.decisions = {FullDecision(p_, 2), FullDecision(p_, 1)};
  full.withdrawn_reason = "Nid yw'n cael ei dynnu'n ôl — ond mae'r maes wedi'i lenwi";
  full.version = 6;  // ignored: a new referral is stored as version 0
  full = AddReferral(full);
  EXPECT_TRUE(full.id.valid());

  auto got = GetReferral(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));

  // What an officer sees first on the referral's page.
  EXPECT_EQ(got->version, 0);
  EXPECT_EQ(got->aln_case, std::optional<domain::AlnCaseId>(p_.aln_case));
  EXPECT_EQ(got->idp, std::optional<domain::IdpId>(p_.idp));
  EXPECT_EQ(got->clock, std::optional<domain::ClockId>(p_.clock));
  EXPECT_EQ(got->meeting, std::optional<domain::PanelMeetingId>(meeting.id));
  EXPECT_EQ(got->area,
            std::optional<domain::AreaOfNeed>(domain::AreaOfNeed::kCommunicationInteraction));
  ASSERT_EQ(got->decisions.size(), 2u);
  ASSERT_TRUE(got->LastDecision());
  EXPECT_EQ(got->LastDecision()->outcome, domain::PanelOutcome::kAgreed);
  EXPECT_EQ(got->decisions[0].outcome, domain::PanelOutcome::kDeferred);

  PanelReferral bare = AddReferral(MakeReferral(p_, panel, p_.learner2, "2024-02-05"));
  auto got_bare = GetReferral(bare.id);
  ASSERT_TRUE(got_bare);
  EXPECT_EQ(Describe(*got_bare), Describe(bare));
  EXPECT_FALSE(got_bare->aln_case);
  EXPECT_FALSE(got_bare->idp);
  EXPECT_FALSE(got_bare->setting);
  EXPECT_FALSE(got_bare->area);
  EXPECT_FALSE(got_bare->clock);
  EXPECT_FALSE(got_bare->meeting);
  EXPECT_TRUE(got_bare->decisions.empty());
  EXPECT_FALSE(GetReferral(domain::PanelReferralId{999}));

  auto listed = ListReferrals({p_.la1, panel.id, std::nullopt, std::nullopt, std::nullopt});
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
  EXPECT_EQ(Describe(listed[1]), Describe(bare));
}

TEST_P(PanelStoreContract, UpdateReferralNeedsTheStoredVersion) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  PanelMeeting meeting = AddMeeting(MakeMeeting(panel, "2024-03-21"));
  PanelReferral referral = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  PanelReferral listed = referral;
  listed.state = domain::ReferralState::kListed;
  listed.meeting = meeting.id;
  listed.clock = p_.clock;
  listed = UpdateReferral(listed);
  auto got = GetReferral(referral.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(Describe(*got), Describe(listed));

  PanelReferral decided = listed;
  decided.state = domain::ReferralState::kDecided;
  decided.decisions.push_back(FullDecision(p_, 1));
  decided = UpdateReferral(decided);
  got = GetReferral(referral.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(Describe(*got), Describe(decided));

  PanelReferral stale = listed;  // at version 1
  stale.state = domain::ReferralState::kWithdrawn;
  stale.withdrawn_reason = "Someone else's edit";
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Panels().UpdateReferral(stale);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().message, "panel_error_conflict");
  PanelReferral ghost = decided;
  ghost.id = domain::PanelReferralId{999};
  status = uow->Panels().UpdateReferral(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  Must(uow->Commit());
  uow.reset();
  got = GetReferral(referral.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(decided));
}

TEST_P(PanelStoreContract, ListReferralsFiltersByPanelStateLearnerAndMeetingOldestFirst) {
  Panel primary = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel secondary = AddPanel(MakePanel(p_.la1, "Secondary", 11, 16));
  Panel conwy = AddPanel(MakePanel(p_.la2, "Conwy", 3, 11));
  PanelMeeting march = AddMeeting(MakeMeeting(primary, "2024-03-07"));
  PanelMeeting april = AddMeeting(MakeMeeting(primary, "2024-04-18"));

  // Added out of date order; a and b share a date.
  PanelReferral c = AddReferral(MakeReferral(p_, primary, p_.learner2, "2024-02-20"));
  PanelReferral a = AddReferral(MakeReferral(p_, primary, p_.learner1, "2024-02-01"));
  PanelReferral e = AddReferral(MakeReferral(p_, secondary, p_.learner1, "2024-03-01"));
  PanelReferral b = AddReferral(MakeReferral(p_, primary, p_.learner3, "2024-02-01"));
  PanelReferral d = AddReferral(MakeReferral(p_, primary, p_.learner1, "2024-01-15"));
  PanelReferral z = AddReferral(MakeReferral(p_, conwy, p_.learner4, "2024-01-01"));
  march = List(march, a);
  march = List(march, c);
  april = List(april, b);
  d.state = domain::ReferralState::kWithdrawn;
  d.withdrawn_reason = "Symud o'r ardal";
  d = UpdateReferral(d);

  using Want = std::vector<std::int64_t>;
  auto ids = [&](ReferralQuery q) { return Ids(ListReferrals(q)); };
  ReferralQuery gwynedd{p_.la1, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(ids(gwynedd),
            (Want{d.id.value(), a.id.value(), b.id.value(), c.id.value(), e.id.value()}));
  auto all = ListReferrals(gwynedd);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(Describe(all[0]), Describe(d));
  EXPECT_EQ(Describe(all[1]), Describe(a));

  ReferralQuery q = gwynedd;
  q.panel = primary.id;
  EXPECT_EQ(ids(q), (Want{d.id.value(), a.id.value(), b.id.value(), c.id.value()}));
  q.panel = secondary.id;
  EXPECT_EQ(ids(q), (Want{e.id.value()}));

  q = gwynedd;
  q.state = domain::ReferralState::kListed;
  EXPECT_EQ(ids(q), (Want{a.id.value(), b.id.value(), c.id.value()}));
  q.state = domain::ReferralState::kAwaiting;
  EXPECT_EQ(ids(q), (Want{e.id.value()}));
  q.state = domain::ReferralState::kWithdrawn;
  EXPECT_EQ(ids(q), (Want{d.id.value()}));
  q.state = domain::ReferralState::kDecided;
  EXPECT_TRUE(ids(q).empty());

  q = gwynedd;
  q.learner = p_.learner1;
  EXPECT_EQ(ids(q), (Want{d.id.value(), a.id.value(), e.id.value()}));
  q.panel = primary.id;
  EXPECT_EQ(ids(q), (Want{d.id.value(), a.id.value()}));
  q.state = domain::ReferralState::kListed;
  EXPECT_EQ(ids(q), (Want{a.id.value()}));

  q = gwynedd;
  q.meeting = march.id;
  EXPECT_EQ(ids(q), (Want{a.id.value(), c.id.value()}));
  q.meeting = april.id;
  EXPECT_EQ(ids(q), (Want{b.id.value()}));
  q.learner = p_.learner1;
  EXPECT_TRUE(ids(q).empty());

  // The LA bounds every query.
  EXPECT_EQ(ids({p_.la2, std::nullopt, std::nullopt, std::nullopt, std::nullopt}),
            (Want{z.id.value()}));
  EXPECT_TRUE(ids({p_.la2, primary.id, std::nullopt, std::nullopt, std::nullopt}).empty());
  EXPECT_TRUE(ids({p_.la2, std::nullopt, std::nullopt, p_.learner1, std::nullopt}).empty());
  EXPECT_TRUE(
      ids({domain::LocalAuthorityId{999}, std::nullopt, std::nullopt, std::nullopt, std::nullopt})
          .empty());
}

// ---------------------------------------------------------------------------------------------
// References. Each refusal is asserted only as a failure: the stores need not agree on its code.

TEST_P(PanelStoreContract, AMemberLinkedToAMissingUserOrSettingIsRefusedAndNothingIsStored) {
  Panel kept = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  Panel no_user = MakePanel(p_.la1, "Secondary", 11, 16);
  no_user.members = {Member(1, "Mr Neb", domain::PanelRole::kChair, domain::UserId{999})};
  Panel no_setting = MakePanel(p_.la1, "Secondary", 11, 16);
  no_setting.members = {Member(1, "Mrs Neb", domain::PanelRole::kSchoolRepresentative)};
  no_setting.members[0].setting = domain::SettingId{999};
  Panel no_la = MakePanel(domain::LocalAuthorityId{999}, "Nowhere", 3, 11);
  {
    auto uow = Begin(TxMode::kWrite);
    for (const Panel* panel : {&no_user, &no_setting, &no_la}) {
      SCOPED_TRACE(panel->members.empty() ? "no LA" : panel->members[0].name);
      auto refused = uow->Panels().AddPanel(*panel);
      EXPECT_FALSE(refused);
      Panel update = *panel;
      update.id = kept.id;
      update.local_authority = kept.local_authority;
      if (panel == &no_la) continue;
      auto status = uow->Panels().UpdatePanel(update);
      EXPECT_FALSE(status);
    }
    Must(uow->Commit());
  }
  Read([&](UnitOfWork& uow) {
    auto panels = uow.Panels().ListPanels(p_.la1);
    ASSERT_EQ(panels.size(), 1u);
    EXPECT_EQ(Describe(panels[0]), Describe(kept));
    EXPECT_TRUE(uow.Panels().ListPanels(domain::LocalAuthorityId{999}).empty());
    EXPECT_FALSE(uow.Panels().GetPanel(domain::PanelId{kept.id.value() + 1}));
    EXPECT_TRUE(uow.Panels().AgendaLearnersFor(domain::UserId{999}).empty());
  });
}

TEST_P(PanelStoreContract, AMeetingOfAMissingPanelIsRefusedAndNothingIsStored) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  PanelMeeting orphan = MakeMeeting(panel, "2024-03-05");
  orphan.panel = domain::PanelId{999};
  {
    auto uow = Begin(TxMode::kWrite);
    auto refused = uow->Panels().AddMeeting(orphan);
    EXPECT_FALSE(refused);
    Must(uow->Commit());
  }
  EXPECT_TRUE(ListMeetings(domain::PanelId{999}, "2024-01-01", "2024-12-31").empty());
  EXPECT_TRUE(ListMeetings(panel.id, "2024-01-01", "2024-12-31").empty());
  EXPECT_FALSE(GetMeeting(domain::PanelMeetingId{1}));
  // The date is still free for the panel.
  PanelMeeting kept = AddMeeting(MakeMeeting(panel, "2024-03-05"));
  EXPECT_EQ(Ids(ListMeetings(panel.id, "2024-01-01", "2024-12-31")),
            (std::vector<std::int64_t>{kept.id.value()}));
}

TEST_P(PanelStoreContract, AnItemNamingAMissingReferralIsRefusedAndNothingIsStored) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  PanelReferral referral = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  PanelMeeting kept = AddMeeting(MakeMeeting(panel, "2024-03-12"));
  PanelMeeting with_ghost = MakeMeeting(panel, "2024-03-05");
  with_ghost.items = {{referral.id, {}, std::nullopt},
                      {domain::PanelReferralId{999}, {}, std::nullopt}};
  {
    auto uow = Begin(TxMode::kWrite);
    auto refused = uow->Panels().AddMeeting(with_ghost);
    EXPECT_FALSE(refused);
    PanelMeeting update = kept;
    update.items = with_ghost.items;
    auto status = uow->Panels().UpdateMeeting(update);
    EXPECT_FALSE(status);
    Must(uow->Commit());
  }
  EXPECT_EQ(Ids(ListMeetings(panel.id, "2024-01-01", "2024-12-31")),
            (std::vector<std::int64_t>{kept.id.value()}));
  auto got = GetMeeting(kept.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(kept));
  // Nothing of the refused agendas is left for a member to see.
  panel.members = {Member(1, "Mrs Roberts", domain::PanelRole::kChair, p_.chair)};
  panel.next_member_key = 2;
  panel = UpdatePanel(panel);
  EXPECT_TRUE(AgendaLearners(p_.chair).empty());
}

TEST_P(PanelStoreContract, AReferralForAMissingLearnerPanelOrRecordIsRefusedAndNothingIsStored) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  std::vector<std::pair<std::string, PanelReferral>> cases;
  auto add = [&](std::string what, auto change) {
    PanelReferral r = MakeReferral(p_, panel, p_.learner1, "2024-02-01");
    change(r);
    cases.emplace_back(std::move(what), r);
  };
  add("learner", [](PanelReferral& r) { r.learner = domain::LearnerId{999}; });
  add("panel", [](PanelReferral& r) { r.panel = domain::PanelId{999}; });
  add("referred_by", [](PanelReferral& r) { r.referred_by = domain::UserId{999}; });
  add("aln_case", [](PanelReferral& r) { r.aln_case = domain::AlnCaseId{999}; });
  add("idp", [](PanelReferral& r) { r.idp = domain::IdpId{999}; });
  add("setting", [](PanelReferral& r) { r.setting = domain::SettingId{999}; });
  add("clock", [](PanelReferral& r) { r.clock = domain::ClockId{999}; });
  add("meeting", [](PanelReferral& r) { r.meeting = domain::PanelMeetingId{999}; });
  {
    auto uow = Begin(TxMode::kWrite);
    for (const auto& [what, referral] : cases) {
      SCOPED_TRACE(what);
      auto refused = uow->Panels().AddReferral(referral);
      EXPECT_FALSE(refused);
    }
    Must(uow->Commit());
  }
  EXPECT_TRUE(
      ListReferrals({p_.la1, std::nullopt, std::nullopt, std::nullopt, std::nullopt}).empty());
  EXPECT_FALSE(GetReferral(domain::PanelReferralId{1}));
  PanelReferral kept = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  EXPECT_EQ(Ids(ListReferrals({p_.la1, std::nullopt, std::nullopt, std::nullopt, std::nullopt})),
            (std::vector<std::int64_t>{kept.id.value()}));
}

// ---------------------------------------------------------------------------------------------
// What a panel member may see

TEST_P(PanelStoreContract, AgendaLearnersForGivesTheLearnersOnTheAgendasOfAnActiveMembersPanels) {
  Panel primary = MakePanel(p_.la1, "Primary", 3, 11);
  primary.members = {
      Member(1, "Mrs Roberts", domain::PanelRole::kChair, p_.chair),
      Member(2, "Dr Owen", domain::PanelRole::kEducationalPsychologist, p_.psychologist),
      Member(3, "Mr Jones", domain::PanelRole::kInclusionOfficer, p_.stood_down)};
  primary.members[2].active = false;
  primary.next_member_key = 4;
  primary = AddPanel(primary);
  Panel secondary = MakePanel(p_.la1, "Secondary", 11, 16);
  secondary.members = {
      Member(1, "Mr Hughes", domain::PanelRole::kSchoolRepresentative, p_.head),
      Member(2, "Dr Owen", domain::PanelRole::kEducationalPsychologist, p_.psychologist)};
  secondary.members[0].setting = p_.school;
  secondary.members[1].active = false;  // stood down from this panel only
  secondary.next_member_key = 3;
  secondary = AddPanel(secondary);

  PanelMeeting march = AddMeeting(MakeMeeting(primary, "2024-03-07"));
  PanelMeeting april = AddMeeting(MakeMeeting(primary, "2024-04-18"));
  PanelMeeting secondary_march = AddMeeting(MakeMeeting(secondary, "2024-03-07"));

  PanelReferral on_march = AddReferral(MakeReferral(p_, primary, p_.learner1, "2024-02-01"));
  PanelReferral on_april = AddReferral(MakeReferral(p_, primary, p_.learner2, "2024-02-02"));
  PanelReferral again = AddReferral(MakeReferral(p_, primary, p_.learner1, "2024-02-03"));
  PanelReferral waiting = AddReferral(MakeReferral(p_, primary, p_.learner3, "2024-02-04"));
  PanelReferral secondary_item =
      AddReferral(MakeReferral(p_, secondary, p_.learner3, "2024-02-05"));
  EXPECT_EQ(waiting.state, domain::ReferralState::kAwaiting);  // on no agenda

  // Before anything is listed, no member sees anyone.
  EXPECT_TRUE(AgendaLearners(p_.chair).empty());

  march = List(march, on_march);
  april = List(april, on_april);
  april = List(april, again);
  secondary_march = List(secondary_march, secondary_item);
  // A decided item stays visible.
  on_march.state = domain::ReferralState::kDecided;
  on_march.meeting.reset();
  on_march.decisions.push_back(FullDecision(p_, 1));
  on_march = UpdateReferral(on_march);
  march.items[0].decision = FullDecision(p_, 1);
  march.state = domain::MeetingState::kHeld;
  march = UpdateMeeting(march);

  using Want = std::vector<std::int64_t>;
  EXPECT_EQ(AgendaLearners(p_.chair), (Want{p_.learner1.value(), p_.learner2.value()}));
  EXPECT_EQ(AgendaLearners(p_.psychologist), (Want{p_.learner1.value(), p_.learner2.value()}));
  EXPECT_EQ(AgendaLearners(p_.head), (Want{p_.learner3.value()}));
  EXPECT_TRUE(AgendaLearners(p_.stood_down).empty());
  EXPECT_TRUE(AgendaLearners(p_.outsider).empty());
  EXPECT_TRUE(AgendaLearners(p_.officer).empty());
  EXPECT_TRUE(AgendaLearners(domain::UserId{999}).empty());

  // An item taken off the agenda is no longer seen.
  april.items.erase(april.items.begin());
  april = UpdateMeeting(april);
  EXPECT_EQ(AgendaLearners(p_.chair), (Want{p_.learner1.value()}));

  // A member who stands down sees nothing more; one who returns sees it again.
  primary.members[0].active = false;
  primary.members[2].active = true;
  primary = UpdatePanel(primary);
  EXPECT_TRUE(AgendaLearners(p_.chair).empty());
  EXPECT_EQ(AgendaLearners(p_.stood_down), (Want{p_.learner1.value()}));
  // An account unlinked from its member sees nothing more.
  primary.members[1].user.reset();
  primary = UpdatePanel(primary);
  EXPECT_TRUE(AgendaLearners(p_.psychologist).empty());
}

// ---------------------------------------------------------------------------------------------
// Papers

TEST_P(PanelStoreContract, APaperRoundTripsItsBytesExactlyAndListsWithoutThemOldestFirst) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  PanelReferral referral = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  PanelReferral other = AddReferral(MakeReferral(p_, panel, p_.learner2, "2024-02-02"));
  std::vector<PanelPaper> papers = {
      MakePaper(referral.id, p_.officer, "Adroddiad seicolegydd — ŵyr ŷd.pdf", "application/pdf",
                PaperBytes()),
      MakePaper(other.id, p_.head, "cais.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                std::string("PK\x03\x04\0\0\0\0", 8)),
      MakePaper(referral.id, p_.chair, "empty.txt", "text/plain", ""),
  };
  papers[1].uploaded_at = T("2024-02-03T10:00:00Z");
  papers[2].uploaded_at = T("2024-02-01T08:00:00Z");
  Write([&](UnitOfWork& uow) {
    for (auto& paper : papers) paper.id = Must(uow.Panels().AddPaper(paper));
  });
  for (auto& paper : papers) paper.size = static_cast<std::int64_t>(paper.bytes.size());
  EXPECT_EQ(papers[0].bytes.size(), 1u + 15 + 256 + 6 + 7 + 2 + 256 + 1);

  auto expect_same = [](const PanelPaper& got, const PanelPaper& want, bool with_bytes) {
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.referral, want.referral);
    EXPECT_EQ(got.filename, want.filename);
    EXPECT_EQ(got.content_type, want.content_type);
    EXPECT_EQ(got.size, want.size);
    EXPECT_EQ(got.uploaded_by, want.uploaded_by);
    EXPECT_EQ(got.uploaded_at, want.uploaded_at);
    if (with_bytes) {
      EXPECT_EQ(got.bytes.size(), want.bytes.size());
      EXPECT_TRUE(got.bytes == want.bytes) << "the bytes differ";
    } else {
      EXPECT_TRUE(got.bytes.empty());
    }
  };
  Read([&](UnitOfWork& uow) {
    for (const auto& want : papers) {
      SCOPED_TRACE(want.filename);
      auto got = uow.Panels().GetPaper(want.id);
      ASSERT_TRUE(got);
      expect_same(*got, want, true);
    }
    EXPECT_FALSE(uow.Panels().GetPaper(domain::PanelPaperId{999}));

    auto listed = uow.Panels().ListPapers(referral.id);
    EXPECT_EQ(Ids(listed), (std::vector<std::int64_t>{papers[0].id.value(), papers[2].id.value()}));
    ASSERT_EQ(listed.size(), 2u);
    expect_same(listed[0], papers[0], false);
    expect_same(listed[1], papers[2], false);
    EXPECT_EQ(Ids(uow.Panels().ListPapers(other.id)),
              (std::vector<std::int64_t>{papers[1].id.value()}));
    EXPECT_TRUE(uow.Panels().ListPapers(domain::PanelReferralId{999}).empty());
  });
}

TEST_P(PanelStoreContract, APaperForAMissingReferralOrUploaderIsRefusedAndNothingIsStored) {
  Panel panel = AddPanel(MakePanel(p_.la1, "Primary", 3, 11));
  PanelReferral referral = AddReferral(MakeReferral(p_, panel, p_.learner1, "2024-02-01"));
  {
    auto uow = Begin(TxMode::kWrite);
    auto refused = uow->Panels().AddPaper(MakePaper(domain::PanelReferralId{999}, p_.officer,
                                                    "a.pdf", "application/pdf", PaperBytes()));
    EXPECT_FALSE(refused);
    refused = uow->Panels().AddPaper(
        MakePaper(referral.id, domain::UserId{999}, "b.pdf", "application/pdf", PaperBytes()));
    EXPECT_FALSE(refused);
    Must(uow->Commit());
  }
  Read([&](UnitOfWork& uow) {
    EXPECT_TRUE(uow.Panels().ListPapers(domain::PanelReferralId{999}).empty());
    EXPECT_TRUE(uow.Panels().ListPapers(referral.id).empty());
    EXPECT_FALSE(uow.Panels().GetPaper(domain::PanelPaperId{1}));
  });
}

// ---------------------------------------------------------------------------------------------
// Units of work

TEST_P(PanelStoreContract, PanelWritesDroppedWithoutCommitLeaveNothingBehind) {
  Panel kept = MakePanel(p_.la1, "Primary", 3, 11);
  kept.members = {Member(1, "Mrs Roberts", domain::PanelRole::kChair, p_.chair)};
  kept.next_member_key = 2;
  kept = AddPanel(kept);
  PanelReferral kept_referral = AddReferral(MakeReferral(p_, kept, p_.learner1, "2024-02-01"));
  PanelMeeting kept_meeting = AddMeeting(MakeMeeting(kept, "2024-03-07"));
  kept_meeting = List(kept_meeting, kept_referral);
  {
    auto uow = Begin(TxMode::kWrite);
    auto panel = Must(uow->Panels().AddPanel(MakePanel(p_.la1, "Secondary", 11, 16)));
    Panel changed = kept;
    changed.name_en = "Not kept";
    changed.members.push_back(
        Member(2, "Dr Owen", domain::PanelRole::kEducationalPsychologist, p_.psychologist));
    Must(uow->Panels().UpdatePanel(changed));
    PanelReferral fresh = MakeReferral(p_, kept, p_.learner2, "2024-02-02");
    auto referral = Must(uow->Panels().AddReferral(fresh));
    PanelReferral changed_referral = kept_referral;
    changed_referral.summary = "Not kept";
    Must(uow->Panels().UpdateReferral(changed_referral));
    PanelMeeting fresh_meeting = MakeMeeting(kept, "2024-03-21");
    fresh_meeting.items = {{referral, {}, std::nullopt}};
    auto meeting = Must(uow->Panels().AddMeeting(fresh_meeting));
    PanelMeeting changed_meeting = kept_meeting;
    changed_meeting.date = D("2024-03-14");
    changed_meeting.items.clear();
    Must(uow->Panels().UpdateMeeting(changed_meeting));
    auto paper = Must(uow->Panels().AddPaper(
        MakePaper(kept_referral.id, p_.officer, "a.pdf", "application/pdf", PaperBytes())));
    // Visible inside its own unit of work.
    EXPECT_TRUE(uow->Panels().GetPanel(panel));
    EXPECT_TRUE(uow->Panels().GetReferral(referral));
    EXPECT_TRUE(uow->Panels().GetMeeting(meeting));
    EXPECT_TRUE(uow->Panels().GetPaper(paper));
    EXPECT_EQ(LearnerIds(uow->Panels().AgendaLearnersFor(p_.psychologist)),
              (std::vector<std::int64_t>{p_.learner2.value()}));
  }
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(Ids(uow.Panels().ListPanels(p_.la1)), (std::vector<std::int64_t>{kept.id.value()}));
    auto panel = uow.Panels().GetPanel(kept.id);
    EXPECT_TRUE(panel.has_value());
    if (panel) {
      EXPECT_EQ(Describe(*panel), Describe(kept));
    }
    EXPECT_EQ(Ids(uow.Panels().ListReferrals(
                  {p_.la1, std::nullopt, std::nullopt, std::nullopt, std::nullopt})),
              (std::vector<std::int64_t>{kept_referral.id.value()}));
    auto referral = uow.Panels().GetReferral(kept_referral.id);
    EXPECT_TRUE(referral.has_value());
    if (referral) {
      EXPECT_EQ(Describe(*referral), Describe(kept_referral));
    }
    EXPECT_EQ(Ids(uow.Panels().ListMeetings(kept.id, D("2024-01-01"), D("2024-12-31"))),
              (std::vector<std::int64_t>{kept_meeting.id.value()}));
    auto meeting = uow.Panels().GetMeeting(kept_meeting.id);
    EXPECT_TRUE(meeting.has_value());
    if (meeting) {
      EXPECT_EQ(Describe(*meeting), Describe(kept_meeting));
    }
    EXPECT_TRUE(uow.Panels().ListPapers(kept_referral.id).empty());
    EXPECT_FALSE(uow.Panels().GetPaper(domain::PanelPaperId{1}));
    EXPECT_EQ(LearnerIds(uow.Panels().AgendaLearnersFor(p_.chair)),
              (std::vector<std::int64_t>{p_.learner1.value()}));
    EXPECT_TRUE(uow.Panels().AgendaLearnersFor(p_.psychologist).empty());
  });
}

INSTANTIATE_TEST_SUITE_P(Stores, PanelStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::storage
