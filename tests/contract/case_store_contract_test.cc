// The contract of the ALN case store (cases, their documents, each LA's decision settings, and
// the case a clock times), run against each adapter.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "app/ports/unit_of_work.h"
#include "contract/contract_helpers.h"
#include "storage/memory/memory_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace cynnal::storage {
namespace {

using app::CaseDocument;
using app::TxMode;
using app::UnitOfWork;
using domain::AlnCase;
using domain::ErrorCode;

// ---------------------------------------------------------------------------------------------
// Helpers

using contract::Adapter;
using contract::D;
using contract::kAdapters;
using contract::Lines;
using contract::MakeLearner;
using contract::MakeUpn;
using contract::MakeUser;
using contract::Must;
using contract::T;
using contract::TempDir;
using contract::Text;

// ---------------------------------------------------------------------------------------------
// Describing a case, one field a line, so that two cases compare field by field

void DescribeResponsibility(Lines& l, const std::string& at, const domain::Responsibility& r) {
  l.Add(at + ".body", r.body);
  l.Add(at + ".local_authority", r.local_authority);
  l.Add(at + ".setting", r.setting);
  l.Add(at + ".reason", r.reason);
}

std::string Describe(const AlnCase& c) {
  Lines l;
  l.Add("id", c.id);
  l.Add("version", c.version);
  l.Add("local_authority", c.local_authority);
  l.Add("learner", c.learner);
  l.Add("concern.source", c.concern.source);
  l.Add("concern.raised_by", c.concern.raised_by);
  l.Add("concern.brought_on", c.concern.brought_on);
  l.Add("concern.to_la", c.concern.to_la);
  l.Add("concern.description", c.concern.description);
  l.Add("concern.consent", c.concern.consent);
  l.Add("concern.consent_on", c.concern.consent_on);
  DescribeResponsibility(l, "responsibility", c.responsibility);
  l.Add("stage", c.stage);
  l.Add("referral", std::string(c.referral ? "set" : "(none)"));
  if (c.referral) {
    l.Add("referral.ground", c.referral->ground);
    l.Add("referral.evidence", c.referral->evidence);
    l.Add("referral.need_apparent_on", c.referral->need_apparent_on);
    l.Add("referral.referred_on", c.referral->referred_on);
  }
  l.Add("sent_back_reasons", c.sent_back_reasons);
  l.Add("exception", std::string(c.exception ? "set" : "(none)"));
  if (c.exception) {
    l.Add("exception.kind", c.exception->kind);
    l.Add("exception.reasons", c.exception->reasons);
    l.Add("exception.on", c.exception->on);
    l.Add("exception.previous_decision_on", c.exception->previous_decision_on);
  }
  l.Add("decisions.size", static_cast<int>(c.decisions.size()));
  for (std::size_t i = 0; i < c.decisions.size(); ++i) {
    const domain::AlnDecision& d = c.decisions[i];
    std::string at = "decisions[" + std::to_string(i) + "]";
    l.Add(at + ".kind", d.kind);
    DescribeResponsibility(l, at + ".body", d.body);
    l.Add(at + ".decided_on", d.decided_on);
    l.Add(at + ".test.greater_difficulty", d.test.greater_difficulty);
    l.Add(at + ".test.greater_difficulty_evidence", d.test.greater_difficulty_evidence);
    l.Add(at + ".test.disability", d.test.disability);
    l.Add(at + ".test.disability_evidence", d.test.disability_evidence);
    l.Add(at + ".test.evidence", d.test.evidence);
    l.Add(at + ".test.progress", d.test.progress);
    l.Add(at + ".test.language_only", d.test.language_only);
    l.Add(at + ".test.calls_for_alp", d.test.calls_for_alp);
    l.Add(at + ".test.alp", d.test.alp);
    l.Add(at + ".test.areas", d.test.areas);
    std::string types;
    for (const auto& t : d.test.types) types += t + ",";
    l.Add(at + ".test.types", types);
    l.Add(at + ".has_aln", d.has_aln);
    l.Add(at + ".reasons", d.reasons);
    l.Add(at + ".assessment", std::string(d.assessment ? "set" : "(none)"));
    if (d.assessment) {
      l.Add(at + ".assessment.low_incidence", d.assessment->low_incidence);
      l.Add(at + ".assessment.regular_external_advice", d.assessment->regular_external_advice);
      l.Add(at + ".assessment.individual_equipment", d.assessment->individual_equipment);
      l.Add(at + ".assessment.specialist_placement", d.assessment->specialist_placement);
      l.Add(at + ".assessment.ta_hours_per_week", d.assessment->ta_hours_per_week);
    }
    l.Add(at + ".maintainer",
          d.maintainer ? std::string(domain::Code(*d.maintainer)) : std::string("(none)"));
    l.Add(at + ".maintainer_reasons", d.maintainer_reasons);
    l.Add(at + ".summary", d.summary);
    l.Add(at + ".by", d.by);
    l.Add(at + ".at", d.at);
  }
  l.Add("notices.size", static_cast<int>(c.notices.size()));
  for (std::size_t i = 0; i < c.notices.size(); ++i) {
    const domain::DecisionNotice& n = c.notices[i];
    std::string at = "notices[" + std::to_string(i) + "]";
    l.Add(at + ".decision", n.decision);
    l.Add(at + ".kind", n.kind);
    l.Add(at + ".method", n.method);
    l.Add(at + ".sent_on", n.sent_on);
    l.Add(at + ".given_on", n.given_on);
    l.Add(at + ".language", n.language);
    l.Add(at + ".appeal_by", n.appeal_by);
    l.Add(at + ".by", n.by);
    l.Add(at + ".at", n.at);
  }
  l.Add("reconsideration", std::string(c.reconsideration ? "set" : "(none)"));
  if (c.reconsideration) {
    l.Add("reconsideration.requested_on", c.reconsideration->requested_on);
    l.Add("reconsideration.requested_by", c.reconsideration->requested_by);
    l.Add("reconsideration.grounds", c.reconsideration->grounds);
  }
  l.Add("disagreements.size", static_cast<int>(c.disagreements.size()));
  for (std::size_t i = 0; i < c.disagreements.size(); ++i) {
    const domain::DisagreementResolution& r = c.disagreements[i];
    std::string at = "disagreements[" + std::to_string(i) + "]";
    l.Add(at + ".started_on", r.started_on);
    l.Add(at + ".in_time", r.in_time);
    l.Add(at + ".ended_on", r.ended_on);
    l.Add(at + ".outcome", r.outcome);
  }
  l.Add("appeal", std::string(c.appeal ? "set" : "(none)"));
  if (c.appeal) {
    const domain::TribunalAppeal& a = *c.appeal;
    l.Add("appeal.lodged_on", a.lodged_on);
    l.Add("appeal.late", a.late);
    l.Add("appeal.hearing_on", a.hearing_on);
    l.Add("appeal.outcome", a.outcome);
    l.Add("appeal.decided_on", a.decided_on);
    l.Add("appeal.orders.size", static_cast<int>(a.orders.size()));
    for (std::size_t i = 0; i < a.orders.size(); ++i) {
      const domain::TribunalOrder& o = a.orders[i];
      std::string at = "appeal.orders[" + std::to_string(i) + "]";
      l.Add(at + ".description", o.description);
      l.Add(at + ".made_on", o.made_on);
      l.Add(at + ".comply_by", o.comply_by);
      l.Add(at + ".complied_on", o.complied_on);
      l.Add(at + ".clock", o.clock);
    }
  }
  l.Add("duty_clock", c.duty_clock);
  l.Add("timeline.size", static_cast<int>(c.timeline.size()));
  for (std::size_t i = 0; i < c.timeline.size(); ++i) {
    const domain::CaseEvent& e = c.timeline[i];
    std::string at = "timeline[" + std::to_string(i) + "]";
    l.Add(at + ".kind", e.kind);
    l.Add(at + ".on", e.on);
    l.Add(at + ".by", e.by);
    l.Add(at + ".at", e.at);
    l.Add(at + ".detail", e.detail);
  }
  return l.str();
}

std::vector<std::int64_t> Ids(const std::vector<AlnCase>& cases) {
  std::vector<std::int64_t> out;
  for (const auto& c : cases) out.push_back(c.id.value());
  return out;
}

std::string Describe(const CaseDocument& d) {
  Lines l;
  l.Add("id", d.id);
  l.Add("aln_case", d.aln_case);
  l.Add("filename", d.filename);
  l.Add("content_type", d.content_type);
  l.Add("size", static_cast<int>(d.size));
  l.Add("uploaded_by", d.uploaded_by);
  l.Add("uploaded_at", d.uploaded_at);
  return l.str();
}

// ---------------------------------------------------------------------------------------------
// The rows a case refers to

domain::LocalAuthority MakeLa(int number, std::string en, std::string cy) {
  domain::LocalAuthority la;
  la.la_number = number;
  la.name_en = std::move(en);
  la.name_cy = std::move(cy);
  return la;
}

domain::Setting MakeSetting(domain::LocalAuthorityId la, std::string name, std::string number,
                            domain::SettingType type) {
  domain::Setting s;
  s.local_authority = la;
  s.name = std::move(name);
  s.establishment_number = std::move(number);
  s.type = type;
  return s;
}

struct Places {
  domain::LocalAuthorityId la1, la2;
  domain::SettingId school, fei;
  domain::LearnerId learner1, learner2, learner3;
  domain::UserId alnco, officer;
};

Places AddPlaces(UnitOfWork& uow) {
  Places p;
  p.la1 = Must(uow.LocalAuthorities().Add(MakeLa(661, "Gwynedd", "Gwynedd")));
  p.la2 = Must(uow.LocalAuthorities().Add(MakeLa(662, "Conwy", "Conwy")));
  p.school = Must(uow.Settings().Add(
      MakeSetting(p.la1, "Ysgol Bro Ŵyn", "2001", domain::SettingType::kPrimary)));
  p.fei = Must(
      uow.Settings().Add(MakeSetting(p.la1, "Coleg Menai", "4001", domain::SettingType::kFei)));
  p.learner1 = Must(
      uow.Learners().Add(MakeLearner(p.la1, "Siân", "Prŷs", D("2016-03-04"), MakeUpn(661, 1))));
  p.learner2 = Must(
      uow.Learners().Add(MakeLearner(p.la1, "Gŵyn", "Jones", D("2015-05-06"), MakeUpn(661, 2))));
  p.learner3 = Must(
      uow.Learners().Add(MakeLearner(p.la2, "Elin", "Hughes", D("2014-07-08"), MakeUpn(662, 3))));
  p.alnco = Must(uow.Users().Add(MakeUser(p.la1, "alnco", domain::Role::kAlnco)));
  p.officer = Must(uow.Users().Add(MakeUser(p.la1, "swyddog", domain::Role::kLaOfficer)));
  return p;
}

domain::StatutoryClock MakeClock(const Places& p, domain::LearnerId learner,
                                 std::optional<domain::AlnCaseId> aln_case) {
  domain::StatutoryClock clock;
  clock.local_authority = p.la1;
  clock.learner = learner;
  clock.calendar_setting = p.school;
  clock.timescale = "school-decision";
  clock.count = 35;
  clock.start_event = domain::ClockEvent::kConcernRaised;
  clock.started_on = D("2025-10-01");
  clock.reference = "Achos ALN — Siân";
  clock.started_by = p.alnco;
  clock.started_at = T("2025-10-01T10:00:00Z");
  clock.aln_case = aln_case;
  return clock;
}

// A case with no optional part set and every list empty.
AlnCase MinimalCase(const Places& p, domain::LearnerId learner) {
  AlnCase c;
  c.local_authority = p.la1;
  c.learner = learner;
  c.concern.source = domain::ConcernSource::kTeacher;
  c.concern.raised_by = "Mr Evans";
  c.concern.brought_on = D("2025-09-22");
  c.concern.description = "Reading well behind the class";
  c.responsibility.body = domain::DecidingBody::kLocalAuthority;
  c.responsibility.local_authority = p.la1;
  c.responsibility.reason = domain::ResponsibilityReason::kHomeEducated;
  c.stage = domain::CaseStage::kAwaitingDecision;
  return c;
}

// A case with every field set, optional parts and lists included.
AlnCase FullCase(const Places& p, domain::ClockId duty_clock, domain::ClockId order_clock) {
  AlnCase c;
  c.local_authority = p.la1;
  c.learner = p.learner1;
  c.concern.source = domain::ConcernSource::kLearner;
  c.concern.raised_by = "Siân ap Dafydd";
  c.concern.brought_on = D("2025-09-15");
  c.concern.to_la = true;
  c.concern.description = "Mae Siân yn cael trafferth darllen — \"llythrennau'n symud\"\n\\ ŵyr ŷd";
  c.concern.consent = domain::Answer::kYes;
  c.concern.consent_on = D("2025-09-16");
  c.responsibility = {domain::DecidingBody::kLocalAuthority, p.la1, p.school,
                      domain::ResponsibilityReason::kReconsideration};
  c.stage = domain::CaseStage::kAppeal;
  c.referral = domain::Referral{domain::ReferralGround::kB, "Adroddiad seicolegydd addysg",
                                D("2025-10-20"), D("2025-10-27")};
  c.sent_back_reasons = "Mae'r ysgol yn gallu penderfynu";
  c.exception = domain::DutyException{domain::DutyExceptionKind::kNoMaterialChange,
                                      "Dim newid ers y penderfyniad diwethaf", D("2025-10-02"),
                                      D("2024-06-30")};

  domain::AlnDecision initial;
  initial.kind = domain::DecisionKind::kInitial;
  initial.body = {domain::DecidingBody::kSchool, p.la1, p.school,
                  domain::ResponsibilityReason::kMaintainedSchool};
  initial.decided_on = D("2025-11-03");
  initial.test.greater_difficulty = domain::Answer::kYes;
  initial.test.greater_difficulty_evidence = "Oedran darllen 6 yn 9 oed";
  initial.test.disability = domain::Answer::kNo;
  initial.test.disability_evidence = "Dim anabledd";
  for (auto kind : domain::AllEvidenceKinds()) initial.test.evidence.insert(kind);
  initial.test.progress = {domain::ProgressIndicator::kSlowerThanPeers,
                           domain::ProgressIndicator::kGapNotClosing};
  initial.test.language_only = domain::Answer::kNo;
  initial.test.calls_for_alp = domain::Answer::kYes;
  initial.test.alp = "Ymyrraeth ddarllen un-i-un, 3 awr yr wythnos";
  initial.test.areas = {domain::AreaOfNeed::kCognitionLearning,
                        domain::AreaOfNeed::kCommunicationInteraction};
  initial.test.types = {"dyslexia", "dyspraxia", "speech_language_communication"};
  initial.has_aln = true;
  initial.reasons = {"test_reason_greater_difficulty", "test_reason_calls_for_alp"};
  initial.assessment = domain::MaintainerAssessment{true, false, true, false, 12};
  initial.maintainer = domain::Maintainer::kSchool;
  initial.maintainer_reasons = {"principle_low_incidence", "principle_individual_equipment"};
  initial.summary = "Penderfyniad yr ysgol";
  initial.by = p.alnco;
  initial.at = T("2025-11-03T15:20:00Z");

  domain::AlnDecision again;
  again.kind = domain::DecisionKind::kReconsideration;
  again.body = {domain::DecidingBody::kLocalAuthority, p.la1, p.school,
                domain::ResponsibilityReason::kReconsideration};
  again.decided_on = D("2026-01-12");
  again.test.greater_difficulty = domain::Answer::kNo;
  again.test.disability = domain::Answer::kYes;
  again.test.disability_evidence = "Nam ar y clyw";
  again.test.evidence = {domain::EvidenceKind::kProfessionalReports,
                         domain::EvidenceKind::kParentsViews};
  again.test.progress = {domain::ProgressIndicator::kBelowPreviousRate};
  again.test.language_only = domain::Answer::kUnanswered;
  again.test.calls_for_alp = domain::Answer::kNo;
  again.test.areas = {domain::AreaOfNeed::kSensoryPhysical};
  again.test.types = {"hearing_impairment"};
  again.has_aln = false;
  again.reasons = {"test_reason_no_alp"};
  again.summary = "";
  again.by = p.officer;
  again.at = T("2026-01-12T09:01:02Z");
  c.decisions = {initial, again};

  c.notices = {
      {0, domain::NoticeKind::kIdp, domain::NoticeMethod::kPost, D("2025-11-04"), D("2025-11-06"),
       domain::LetterLanguage::kWelsh, std::nullopt, p.alnco, T("2025-11-04T08:00:00Z")},
      {1, domain::NoticeKind::kNoIdp, domain::NoticeMethod::kEmail, D("2026-01-13"),
       D("2026-01-13"), domain::LetterLanguage::kEnglish, D("2026-03-10"), p.officer,
       T("2026-01-13T16:45:59Z")},
  };
  c.reconsideration = domain::ReconsiderationRequest{
      D("2025-11-20"), "Mam — Gwenllïan", "Nid yw'r ysgol wedi ystyried yr adroddiad clyw"};
  c.disagreements = {
      {D("2026-01-20"), true, D("2026-02-17"), "Dim cytundeb — SNAP Cymru"},
      {D("2026-03-01"), false, std::nullopt, ""},
  };
  domain::TribunalAppeal appeal;
  appeal.lodged_on = D("2026-03-05");
  appeal.late = true;
  appeal.hearing_on = D("2026-06-01");
  appeal.outcome = domain::AppealOutcome::kPartlyUpheld;
  appeal.decided_on = D("2026-06-15");
  appeal.orders = {
      {"Paratoi CDU o fewn 7 wythnos", D("2026-06-15"), D("2026-08-03"), D("2026-07-20"),
       order_clock},
      {"Ailasesu'r clyw", D("2026-06-15"), D("2026-09-01"), std::nullopt, std::nullopt},
  };
  c.appeal = appeal;
  c.duty_clock = duty_clock;
  c.timeline = {
      {domain::CaseEventKind::kConcernRaised, D("2025-09-15"), p.alnco, T("2025-09-15T09:00:00Z"),
       "Siân ŵyr ŷd"},
      {domain::CaseEventKind::kDecided, D("2025-11-03"), p.alnco, T("2025-11-03T15:20:00Z"),
       "has_aln"},
      {domain::CaseEventKind::kReconsiderationRequested, D("2025-11-20"), p.officer,
       T("2025-11-20T11:11:11Z"), "Gofynnodd Gwenllïan — \"ailystyried\""},
      {domain::CaseEventKind::kAppealLodged, D("2026-03-05"), p.officer, T("2026-03-05T10:00:00Z"),
       ""},
  };
  c.version = 5;  // ignored: a new case is stored as version 0
  return c;
}

// ---------------------------------------------------------------------------------------------
// The adapters under test

class CaseStoreContract : public contract::StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    if (!Ready()) return;
    Write([&](UnitOfWork& uow) { p_ = AddPlaces(uow); });
  }

  std::optional<AlnCase> GetCase(domain::AlnCaseId id) {
    return Read([&](UnitOfWork& uow) { return uow.Cases().Get(id); });
  }

  // Adds `c` and returns it as stored: with its new id, at version 0.
  AlnCase AddCase(AlnCase c) {
    c.id = Write([&](UnitOfWork& uow) { return Must(uow.Cases().Add(c)); });
    c.version = 0;
    return c;
  }

  Places p_;
};

// Bytes with every value 0..255, a run of NULs in the middle and a NUL at each end.
std::string EveryByte() {
  std::string bytes(1, '\0');
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string(4, '\0') + std::string("PDF\0mid", 7) + std::string(3, '\0');
  for (int i = 255; i >= 0; --i) bytes.push_back(static_cast<char>(i));
  bytes.push_back('\0');
  return bytes;
}

// One mebibyte of varied bytes, NULs included.
std::string OneMegabyte() {
  std::string bytes(1 << 20, '\0');
  std::uint32_t x = 2463534242u;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    bytes[i] = (i % 1000 == 0) ? '\0' : static_cast<char>(x & 0xff);
  }
  return bytes;
}

CaseDocument MakeDocument(domain::AlnCaseId aln_case, domain::UserId by, std::string filename,
                          std::string content_type, std::string bytes, const char* at) {
  CaseDocument d;
  d.aln_case = aln_case;
  d.filename = std::move(filename);
  d.content_type = std::move(content_type);
  d.size = static_cast<std::int64_t>(bytes.size());
  d.uploaded_by = by;
  d.uploaded_at = T(at);
  d.bytes = std::move(bytes);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Cases

TEST_P(CaseStoreContract, ACaseWithEveryFieldSetRoundTripsExactly) {
  auto clocks = Write([&](UnitOfWork& uow) {
    auto duty = Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, std::nullopt)));
    auto order = Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, std::nullopt)));
    return std::make_pair(duty, order);
  });
  AlnCase full = AddCase(FullCase(p_, clocks.first, clocks.second));
  EXPECT_EQ(full.timeline[0].detail, "Siân ŵyr ŷd");
  auto got = GetCase(full.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(full));
  auto listed = Read([&](UnitOfWork& uow) { return uow.Cases().ListForLearner(p_.learner1); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(Describe(listed[0]), Describe(full));
}

TEST_P(CaseStoreContract, AMinimalCaseRoundTripsWithItsOptionalPartsEmpty) {
  AlnCase minimal = AddCase(MinimalCase(p_, p_.learner2));
  auto got = GetCase(minimal.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(minimal));
  EXPECT_FALSE(got->concern.consent_on);
  EXPECT_EQ(got->concern.consent, domain::Answer::kUnanswered);
  EXPECT_FALSE(got->responsibility.setting);
  EXPECT_FALSE(got->referral);
  EXPECT_TRUE(got->sent_back_reasons.empty());
  EXPECT_FALSE(got->exception);
  EXPECT_TRUE(got->decisions.empty());
  EXPECT_TRUE(got->notices.empty());
  EXPECT_FALSE(got->reconsideration);
  EXPECT_TRUE(got->disagreements.empty());
  EXPECT_FALSE(got->appeal);
  EXPECT_FALSE(got->duty_clock);
  EXPECT_TRUE(got->timeline.empty());
}

TEST_P(CaseStoreContract, AddGivesEachCaseAFreshIdAtVersionZero) {
  AlnCase first = MinimalCase(p_, p_.learner1);
  first.version = 3;
  AlnCase second = MinimalCase(p_, p_.learner2);
  second.id = domain::AlnCaseId{77};
  auto ids = Write([&](UnitOfWork& uow) {
    return std::make_pair(Must(uow.Cases().Add(first)), Must(uow.Cases().Add(second)));
  });
  EXPECT_NE(ids.first, ids.second);
  EXPECT_NE(ids.second, domain::AlnCaseId{77});
  auto a = GetCase(ids.first);
  auto b = GetCase(ids.second);
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_EQ(a->id, ids.first);
  EXPECT_EQ(a->version, 0);
  EXPECT_EQ(a->learner, p_.learner1);
  EXPECT_EQ(b->id, ids.second);
  EXPECT_EQ(b->version, 0);
  EXPECT_EQ(b->learner, p_.learner2);
  EXPECT_FALSE(GetCase(domain::AlnCaseId{999}));
}

TEST_P(CaseStoreContract, UpdateWithTheStoredVersionReplacesTheCaseAndBumpsTheVersion) {
  AlnCase c = AddCase(MinimalCase(p_, p_.learner1));
  AlnCase changed = c;
  changed.stage = domain::CaseStage::kNoticeGiven;
  changed.responsibility = {domain::DecidingBody::kSchool, p_.la1, p_.school,
                            domain::ResponsibilityReason::kSentBackToSchool};
  changed.sent_back_reasons = "Yn ôl i'r ysgol";
  changed.concern.brought_on = D("2025-09-23");
  changed.timeline.push_back({domain::CaseEventKind::kSentBack, D("2025-09-25"), p_.officer,
                              T("2025-09-25T12:00:00Z"), "Siân ŵyr ŷd"});
  Write([&](UnitOfWork& uow) { Must(uow.Cases().Update(changed)); });
  changed.version = 1;
  auto got = GetCase(c.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(changed));

  changed.timeline.clear();
  changed.stage = domain::CaseStage::kClosed;
  Write([&](UnitOfWork& uow) { Must(uow.Cases().Update(changed)); });
  changed.version = 2;
  got = GetCase(c.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(Describe(*got), Describe(changed));
}

TEST_P(CaseStoreContract, UpdateWithAStaleVersionIsAConflictAndLeavesTheCaseUnchanged) {
  AlnCase c = AddCase(MinimalCase(p_, p_.learner1));
  AlnCase first_edit = c;
  first_edit.concern.description = "First edit";
  Write([&](UnitOfWork& uow) { Must(uow.Cases().Update(first_edit)); });
  first_edit.version = 1;

  for (int version : {0, 2}) {
    SCOPED_TRACE("version " + std::to_string(version));
    AlnCase stale = c;
    stale.version = version;
    stale.concern.description = "Second edit";
    stale.stage = domain::CaseStage::kClosed;
    auto uow = Begin(TxMode::kWrite);
    auto status = uow->Cases().Update(stale);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().message, "case_error_conflict");
    Must(uow->Commit());
    uow.reset();
    auto got = GetCase(c.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(Describe(*got), Describe(first_edit));
  }
}

TEST_P(CaseStoreContract, UpdateOfAnUnknownCaseIsNotFound) {
  AlnCase c = AddCase(MinimalCase(p_, p_.learner1));
  AlnCase ghost = c;
  ghost.id = domain::AlnCaseId{999};
  auto uow = Begin(TxMode::kWrite);
  auto status = uow->Cases().Update(ghost);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(uow->Cases().Get(ghost.id));
}

TEST_P(CaseStoreContract, ListForLearnerGivesOnlyThatLearnersCasesLatestFirst) {
  AlnCase a1 = AddCase(MinimalCase(p_, p_.learner1));
  AlnCase b1 = AddCase(MinimalCase(p_, p_.learner2));
  AlnCase a2 = AddCase(MinimalCase(p_, p_.learner1));
  AlnCase a3 = AddCase(MinimalCase(p_, p_.learner1));
  a1.concern.description = "Updated after the others were added";
  Write([&](UnitOfWork& uow) { Must(uow.Cases().Update(a1)); });
  a1.version = 1;
  Read([&](UnitOfWork& uow) {
    auto mine = uow.Cases().ListForLearner(p_.learner1);
    EXPECT_EQ(Ids(mine), (std::vector<std::int64_t>{a3.id.value(), a2.id.value(), a1.id.value()}));
    ASSERT_EQ(mine.size(), 3u);
    EXPECT_EQ(Describe(mine[2]), Describe(a1));
    EXPECT_EQ(Ids(uow.Cases().ListForLearner(p_.learner2)),
              (std::vector<std::int64_t>{b1.id.value()}));
    EXPECT_TRUE(uow.Cases().ListForLearner(p_.learner3).empty());
    EXPECT_TRUE(uow.Cases().ListForLearner(domain::LearnerId{999}).empty());
  });
}

TEST_P(CaseStoreContract, ACaseForAMissingLearnerOrLaIsRefusedAndNothingIsStored) {
  auto uow = Begin(TxMode::kWrite);
  AlnCase no_learner = MinimalCase(p_, domain::LearnerId{999});
  auto refused = uow->Cases().Add(no_learner);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  AlnCase no_la = MinimalCase(p_, p_.learner1);
  no_la.local_authority = domain::LocalAuthorityId{999};
  refused = uow->Cases().Add(no_la);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) {
    EXPECT_TRUE(r.Cases().ListForLearner(domain::LearnerId{999}).empty());
    EXPECT_TRUE(r.Cases().ListForLearner(p_.learner1).empty());
    EXPECT_FALSE(r.Cases().Get(domain::AlnCaseId{1}));
  });
  AlnCase kept = AddCase(MinimalCase(p_, p_.learner1));
  EXPECT_EQ(Ids(Read([&](UnitOfWork& r) { return r.Cases().ListForLearner(p_.learner1); })),
            (std::vector<std::int64_t>{kept.id.value()}));
}

// ---------------------------------------------------------------------------------------------
// Documents

TEST_P(CaseStoreContract, DocumentsRoundTripTheirBytesExactlyAndListOldestFirstWithoutBytes) {
  AlnCase c = AddCase(MinimalCase(p_, p_.learner1));
  AlnCase other = AddCase(MinimalCase(p_, p_.learner2));
  std::vector<CaseDocument> docs = {
      MakeDocument(c.id, p_.alnco, "Adroddiad Siân — ŵyr ŷd.pdf", "application/pdf", EveryByte(),
                   "2025-10-01T09:15:30Z"),
      MakeDocument(c.id, p_.officer, "Llythyr gan Gwenllïan.docx",
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   OneMegabyte(), "2025-10-02T23:59:59Z"),
      MakeDocument(c.id, p_.alnco, "nodyn.txt", "text/plain; charset=utf-8",
                   std::string("a\0b\0\0c", 6), "2025-10-03T00:00:00Z"),
  };
  CaseDocument elsewhere = MakeDocument(other.id, p_.alnco, "arall.pdf", "application/pdf",
                                        "%PDF-1.7", "2025-10-01T12:00:00Z");
  Write([&](UnitOfWork& uow) {
    docs[0].id = Must(uow.Cases().AddDocument(docs[0]));
    elsewhere.id = Must(uow.Cases().AddDocument(elsewhere));
    docs[1].id = Must(uow.Cases().AddDocument(docs[1]));
    docs[2].id = Must(uow.Cases().AddDocument(docs[2]));
  });
  EXPECT_EQ(docs[0].bytes.size(), 256u * 2 + 4 + 7 + 3 + 2);
  EXPECT_EQ(docs[1].bytes.size(), 1u << 20);
  Read([&](UnitOfWork& uow) {
    for (const auto& want : docs) {
      SCOPED_TRACE(want.filename);
      auto got = uow.Cases().GetDocument(want.id);
      ASSERT_TRUE(got);
      EXPECT_EQ(Describe(*got), Describe(want));
      EXPECT_EQ(got->size, static_cast<std::int64_t>(want.bytes.size()));
      EXPECT_EQ(got->bytes.size(), want.bytes.size());
      EXPECT_TRUE(got->bytes == want.bytes) << "the bytes differ";
    }
    auto listed = uow.Cases().ListDocuments(c.id);
    ASSERT_EQ(listed.size(), 3u);
    for (std::size_t i = 0; i < listed.size(); ++i) {
      SCOPED_TRACE(docs[i].filename);
      EXPECT_EQ(Describe(listed[i]), Describe(docs[i]));
      EXPECT_EQ(listed[i].size, static_cast<std::int64_t>(docs[i].bytes.size()));
      EXPECT_TRUE(listed[i].bytes.empty());
    }
    auto theirs = uow.Cases().ListDocuments(other.id);
    ASSERT_EQ(theirs.size(), 1u);
    EXPECT_EQ(theirs[0].id, elsewhere.id);
    EXPECT_TRUE(uow.Cases().ListDocuments(domain::AlnCaseId{999}).empty());
    EXPECT_FALSE(uow.Cases().GetDocument(domain::CaseDocumentId{999}));
  });
}

TEST_P(CaseStoreContract, ADocumentForAMissingCaseIsRefused) {
  auto uow = Begin(TxMode::kWrite);
  auto refused =
      uow->Cases().AddDocument(MakeDocument(domain::AlnCaseId{999}, p_.alnco, "ysbryd.pdf",
                                            "application/pdf", "%PDF", "2025-10-01T09:00:00Z"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().message, "store_error_missing_reference");
  Must(uow->Commit());
  uow.reset();
  Read([&](UnitOfWork& r) {
    EXPECT_TRUE(r.Cases().ListDocuments(domain::AlnCaseId{999}).empty());
    EXPECT_FALSE(r.Cases().GetDocument(domain::CaseDocumentId{1}));
  });
}

// ---------------------------------------------------------------------------------------------
// Decision settings

TEST_P(CaseStoreContract, DecisionSettingsDefaultUntilSavedAndASecondSaveReplacesTheFirst) {
  auto expect_defaults = [](const domain::LaDecisionSettings& s) {
    EXPECT_EQ(s.ta_hours_threshold, 25);
    EXPECT_EQ(s.post_working_days, 2);
    EXPECT_EQ(s.service_phone, "");
    EXPECT_EQ(s.service_email, "");
  };
  Read([&](UnitOfWork& uow) {
    expect_defaults(uow.Cases().GetDecisionSettings(p_.la1));
    expect_defaults(uow.Cases().GetDecisionSettings(p_.la2));
  });

  Write([&](UnitOfWork& uow) {
    Must(uow.Cases().PutDecisionSettings(
        p_.la1, {30, 3, "01286 679000", "anghenion.dysgu@gwynedd.llyw.cymru"}));
  });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Cases().GetDecisionSettings(p_.la1);
    EXPECT_EQ(got.ta_hours_threshold, 30);
    EXPECT_EQ(got.post_working_days, 3);
    EXPECT_EQ(got.service_phone, "01286 679000");
    EXPECT_EQ(got.service_email, "anghenion.dysgu@gwynedd.llyw.cymru");
    expect_defaults(uow.Cases().GetDecisionSettings(p_.la2));
  });

  Write([&](UnitOfWork& uow) { Must(uow.Cases().PutDecisionSettings(p_.la1, {1, 0, "", ""})); });
  Read([&](UnitOfWork& uow) {
    auto got = uow.Cases().GetDecisionSettings(p_.la1);
    EXPECT_EQ(got.ta_hours_threshold, 1);
    EXPECT_EQ(got.post_working_days, 0);
    EXPECT_EQ(got.service_phone, "");
    EXPECT_EQ(got.service_email, "");
    expect_defaults(uow.Cases().GetDecisionSettings(p_.la2));
  });
}

// ---------------------------------------------------------------------------------------------
// The case a clock times

TEST_P(CaseStoreContract, AClockKeepsTheCaseItTimesAndOneWithoutStaysWithout) {
  AlnCase c = AddCase(MinimalCase(p_, p_.learner1));
  auto ids = Write([&](UnitOfWork& uow) {
    auto with = Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, c.id)));
    auto without = Must(uow.Clocks().Add(MakeClock(p_, p_.learner1, std::nullopt)));
    return std::make_pair(with, without);
  });
  Read([&](UnitOfWork& uow) {
    auto with = uow.Clocks().Get(ids.first);
    auto without = uow.Clocks().Get(ids.second);
    ASSERT_TRUE(with);
    ASSERT_TRUE(without);
    EXPECT_EQ(with->aln_case, std::optional<domain::AlnCaseId>(c.id));
    EXPECT_FALSE(without->aln_case);
    auto listed = uow.Clocks().ListForLearner(p_.learner1);
    ASSERT_EQ(listed.size(), 2u);
    for (const auto& clock : listed) {
      if (clock.id == ids.first) {
        EXPECT_EQ(clock.aln_case, std::optional<domain::AlnCaseId>(c.id));
      } else {
        EXPECT_FALSE(clock.aln_case);
      }
    }
    auto open = uow.Clocks().ListOpen(p_.la1);
    ASSERT_EQ(open.size(), 2u);
    for (const auto& clock : open) {
      if (clock.id == ids.first) {
        EXPECT_EQ(clock.aln_case, std::optional<domain::AlnCaseId>(c.id));
      } else {
        EXPECT_FALSE(clock.aln_case);
      }
    }
  });

  Write([&](UnitOfWork& uow) {
    for (auto id : {ids.first, ids.second}) {
      auto clock = *uow.Clocks().Get(id);
      clock.stopped_on = D("2025-11-01");
      clock.due_when_stopped = D("2025-11-20");
      Must(uow.Clocks().Update(clock));
    }
  });
  Read([&](UnitOfWork& uow) {
    EXPECT_EQ(uow.Clocks().Get(ids.first)->aln_case, std::optional<domain::AlnCaseId>(c.id));
    EXPECT_FALSE(uow.Clocks().Get(ids.second)->aln_case);
  });
}

// ---------------------------------------------------------------------------------------------
// Units of work

TEST_P(CaseStoreContract, CaseWritesDroppedWithoutCommitLeaveNothingBehind) {
  AlnCase kept = AddCase(MinimalCase(p_, p_.learner2));
  {
    auto uow = Begin(TxMode::kWrite);
    auto id = Must(uow->Cases().Add(MinimalCase(p_, p_.learner1)));
    auto doc = Must(uow->Cases().AddDocument(MakeDocument(
        id, p_.alnco, "dros dro.pdf", "application/pdf", EveryByte(), "2025-10-01T09:00:00Z")));
    auto kept_doc = Must(uow->Cases().AddDocument(MakeDocument(
        kept.id, p_.alnco, "hefyd.pdf", "application/pdf", "%PDF", "2025-10-01T09:00:00Z")));
    AlnCase changed = kept;
    changed.stage = domain::CaseStage::kClosed;
    Must(uow->Cases().Update(changed));
    Must(uow->Cases().PutDecisionSettings(p_.la1, {40, 5, "01286 000000", "a@b.cymru"}));
    EXPECT_TRUE(uow->Cases().Get(id));  // visible inside its own unit of work
    EXPECT_TRUE(uow->Cases().GetDocument(doc));
    EXPECT_TRUE(uow->Cases().GetDocument(kept_doc));
  }
  Read([&](UnitOfWork& uow) {
    EXPECT_TRUE(uow.Cases().ListForLearner(p_.learner1).empty());
    EXPECT_TRUE(uow.Cases().ListDocuments(kept.id).empty());
    EXPECT_FALSE(uow.Cases().GetDocument(domain::CaseDocumentId{1}));
    EXPECT_FALSE(uow.Cases().GetDocument(domain::CaseDocumentId{2}));
    auto got = uow.Cases().Get(kept.id);
    EXPECT_TRUE(got.has_value());
    if (got) {
      EXPECT_EQ(Describe(*got), Describe(kept));
    }
    EXPECT_EQ(uow.Cases().GetDecisionSettings(p_.la1).ta_hours_threshold, 25);
  });
}

INSTANTIATE_TEST_SUITE_P(Stores, CaseStoreContract, ::testing::ValuesIn(kAdapters),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cynnal::storage
