// Every message a page or an error can show exists in English and in Welsh.
#include "http/catalog.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "domain/aln_case.h"
#include "domain/audit_event.h"
#include "domain/family.h"
#include "domain/organisation.h"
#include "domain/panel.h"
#include "domain/timescale.h"
#include "domain/user.h"

namespace cynnal::http {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::shared_ptr<const Catalog> Load() {
  auto catalog = Catalog::Load(CYNNAL_DEFAULT_ROOT);
  EXPECT_TRUE(catalog.has_value()) << catalog.error().message;
  return *catalog;
}

// Message ids the code builds from a prefix and a code.
std::set<std::string> DynamicIds() {
  std::set<std::string> ids;
  for (auto r : domain::AllRoles()) {
    ids.insert("role_" + std::string(domain::Code(r)));
    ids.insert("home_help_" + std::string(domain::Code(r)));
  }
  for (auto t : domain::AllSettingTypes())
    ids.insert("setting_type_" + std::string(domain::Code(t)));
  for (auto m : domain::AllLanguageMedia()) ids.insert("medium_" + std::string(domain::Code(m)));
  for (auto r : domain::AllPanelRoles()) ids.insert("panel_role_" + std::string(domain::Code(r)));
  for (auto r : {domain::PanelRole::kChair, domain::PanelRole::kEducationalPsychologist,
                 domain::PanelRole::kInclusionOfficer})
    ids.insert("panel_missing_" + std::string(domain::Code(r)));
  for (auto t : domain::AllPanelCaseTypes())
    ids.insert("panel_case_" + std::string(domain::Code(t)));
  for (auto o : domain::AllPanelOutcomes())
    ids.insert("panel_outcome_" + std::string(domain::Code(o)));
  for (auto p : domain::AllPlacements()) ids.insert("placement_" + std::string(domain::Code(p)));
  for (auto s : {domain::MeetingState::kScheduled, domain::MeetingState::kHeld,
                 domain::MeetingState::kCancelled})
    ids.insert("panel_meeting_" + std::string(domain::Code(s)));
  for (auto s : {domain::ReferralState::kAwaiting, domain::ReferralState::kListed,
                 domain::ReferralState::kDecided, domain::ReferralState::kWithdrawn})
    ids.insert("panel_referral_" + std::string(domain::Code(s)));
  for (auto s : {domain::ClockState::kRunning, domain::ClockState::kMet,
                 domain::ClockState::kMissed, domain::ClockState::kWaived})
    ids.insert("panel_minutes_due_" + std::string(domain::Code(s)));
  for (const auto& r : domain::FamilyRelationships()) ids.insert("relationship_" + r);
  for (auto a : {domain::AuditAction::kView, domain::AuditAction::kCreate,
                 domain::AuditAction::kUpdate, domain::AuditAction::kExport,
                 domain::AuditAction::kSignIn, domain::AuditAction::kSignInFailed,
                 domain::AuditAction::kSignOut, domain::AuditAction::kAdmin})
    ids.insert("audit_action_" + std::string(domain::Code(a)));
  for (int m = 1; m <= 12; ++m) ids.insert("month_" + std::to_string(m));
  ids.insert("language_en");
  ids.insert("language_cy");
  // ALN cases (issue 4): every code shown to users through a built message id.
  auto add = [&](const std::string& prefix, const auto& values) {
    for (auto v : values) ids.insert(prefix + std::string(domain::Code(v)));
  };
  add("source_", domain::AllConcernSources());
  add("exception_", domain::AllDutyExceptionKinds());
  add("exception_hint_", domain::AllDutyExceptionKinds());
  add("referral_ground_", domain::AllReferralGrounds());
  add("evidence_", domain::AllEvidenceKinds());
  add("progress_", domain::AllProgressIndicators());
  add("area_", domain::AllAreasOfNeed());
  add("notice_method_", domain::AllNoticeMethods());
  add("appeal_outcome_", domain::AllAppealOutcomes());
  for (const auto& t : domain::TypesOfNeed()) ids.insert("need_" + std::string(t.code));
  for (int i = 0; i <= static_cast<int>(domain::ResponsibilityReason::kReconsideration); ++i)
    ids.insert("responsibility_" +
               std::string(domain::Code(static_cast<domain::ResponsibilityReason>(i))));
  for (int i = 0; i <= static_cast<int>(domain::CaseStage::kClosed); ++i) {
    const std::string code(domain::Code(static_cast<domain::CaseStage>(i)));
    ids.insert("case_stage_" + code);
    ids.insert("case_stage_text_" + code);
  }
  for (int i = 0; i <= static_cast<int>(domain::CaseEventKind::kPanelDecided); ++i)
    ids.insert("case_event_" + std::string(domain::Code(static_cast<domain::CaseEventKind>(i))));
  for (auto k : {domain::NoticeKind::kIdp, domain::NoticeKind::kNoIdp})
    ids.insert("notice_kind_" + std::string(domain::Code(k)));
  for (auto k : {domain::Maintainer::kSchool, domain::Maintainer::kLocalAuthority})
    ids.insert("maintainer_" + std::string(domain::Code(k)));
  for (const char* reason :
       {"test_reason_difficulty", "test_reason_disability", "test_reason_no_difficulty",
        "test_reason_language_only", "test_reason_calls_for_alp", "test_reason_no_alp",
        "test_reason_difficulty_likely", "test_reason_disability_likely", "principle_low_incidence",
        "principle_regular_external_advice", "principle_individual_equipment", "principle_ta_hours",
        "principle_specialist_placement", "principle_la_responsible"})
    ids.insert(reason);
  for (const char* done : {"raised", "triage", "referred", "exception", "decided", "notice",
                           "reconsideration", "disagreement", "appeal", "document", "closed"})
    ids.insert(std::string("case_done_") + done);
  for (const auto& t : domain::TimescaleCatalogue()) ids.insert(t.MessageStem() + "_name");
  for (const char* status : {"completed", "not_started", "cannot_start", "not_needed"})
    ids.insert(std::string("task_status_") + status);
  return ids;
}

TEST(WelshCoverage, EveryEnglishMessageHasItsWelsh) {
  auto catalog = Load();
  ASSERT_TRUE(catalog);
  std::vector<std::string> missing;
  for (const auto& [id, text] : catalog->english().messages) {
    auto it = catalog->welsh().messages.find(id);
    if (it == catalog->welsh().messages.end() || it->second.empty()) missing.push_back(id);
  }
  EXPECT_TRUE(missing.empty()) << "messages without Welsh: " << ::testing::PrintToString(missing);
  std::vector<std::string> extra;
  for (const auto& [id, text] : catalog->welsh().messages)
    if (!catalog->english().messages.count(id)) extra.push_back(id);
  EXPECT_TRUE(extra.empty()) << "Welsh messages with no English: "
                             << ::testing::PrintToString(extra);
  EXPECT_GT(catalog->english().messages.size(), 200u);
}

TEST(WelshCoverage, EveryTemplateStringIsInTheCatalogue) {
  auto catalog = Load();
  ASSERT_TRUE(catalog);
  std::regex key(R"(\{\{[#^/]?t\.([a-z0-9_]+)\}\})");
  std::vector<std::string> missing;
  int seen = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(CYNNAL_DEFAULT_ROOT) / "web" / "templates")) {
    if (entry.path().extension() != ".mustache") continue;
    std::string text = Read(entry.path());
    for (std::sregex_iterator it(text.begin(), text.end(), key), end; it != end; ++it) {
      ++seen;
      if (!catalog->Has((*it)[1]))
        missing.push_back(entry.path().filename().string() + ": " + (*it)[1].str());
    }
  }
  EXPECT_GT(seen, 100);
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

TEST(WelshCoverage, EveryMessageIdInTheCodeIsInTheCatalogue) {
  auto catalog = Load();
  ASSERT_TRUE(catalog);
  // Literal ids in T(ctx, "...") calls, in page and problem helpers, and error ids.
  std::regex literal(
      R"re("([a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:error|title)(?:_[a-z0-9_]+)?|[a-z0-9_]+_error_[a-z0-9_]+)")re");
  std::regex t_call(R"re((?:T|Fill)\(ctx, "([a-z0-9_]+)"[,)]|\b(?:t|fill)\("([a-z0-9_]+)"[,)])re");
  std::vector<std::string> missing;
  for (const auto& dir : {"src/domain", "src/app", "src/http", "src/storage"}) {
    for (const auto& entry :
         fs::recursive_directory_iterator(fs::path(CYNNAL_DEFAULT_ROOT) / dir)) {
      auto name = entry.path().filename().string();
      if (entry.path().extension() != ".cc" || name.find("_test") != std::string::npos) continue;
      std::string text = Read(entry.path());
      for (const auto* re : {&literal, &t_call}) {
        for (std::sregex_iterator it(text.begin(), text.end(), *re), end; it != end; ++it) {
          std::string id = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
          if (!catalog->Has(id)) missing.push_back(name + ": " + id);
        }
      }
    }
  }
  for (const auto& id : DynamicIds())
    if (!catalog->Has(id)) missing.push_back("built id: " + id);
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

TEST(PoParser, ReadsContinuationLinesEscapesAndSkipsTheHeader) {
  auto po = ParsePo(
      "msgid \"\"\nmsgstr \"\"\n\"Language: cy\\n\"\n\n# comment\nmsgid \"a\"\nmsgstr \"Un "
      "\"\n\"\\\"dau\\\"\"\n");
  ASSERT_TRUE(po.has_value()) << po.error().message;
  EXPECT_EQ(po->messages.size(), 1u);
  EXPECT_EQ(po->messages.at("a"), "Un \"dau\"");
}

TEST(PoParser, NamesTheLineOfASyntaxError) {
  auto po = ParsePo("msgid \"a\"\nmsgstr \"b\"\n\nnonsense\n");
  ASSERT_FALSE(po.has_value());
  EXPECT_NE(po.error().message.find("line 4"), std::string::npos);
}

}  // namespace
}  // namespace cynnal::http
