// What a caseworker or a family notices about ALN cases: raising a concern, who decides and why,
// the two-step test through its check-answers page, notices in English and Welsh with or without
// an appeal date, referral to the LA, the LA sending a direct approach back, reconsideration,
// disagreement resolution and appeals, the decision clocks that each step starts and stops, the
// errors that leave a case untouched, and who may see what.
//
// The fixture's today is Friday 20 November 2026. LA 680's autumn term 2026 runs Tue 1 Sep - Fri
// 18 Dec (half-term 26-30 Oct); spring 2027 starts Mon 4 Jan, an INSET day at Ysgol Gymraeg Bryn
// Derw. New Year's Day 2027 is a Friday bank holiday.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/aln_responsibility.h"
#include "html_text.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

using nlohmann::json;

const char* const kBrynDerw = "Ysgol Gymraeg Bryn Derw";
const char* const kLa = "Cynnal Vale Council";

// Whether a page links to `path`.
bool Links(const std::string& html, const std::string& path) {
  return Decoded(html).find("href=\"" + path + "\"") != std::string::npos;
}

// The value of the hidden input `name` of a page; "" when there is none.
std::string HiddenValue(const std::string& html, const std::string& name) {
  const std::string open = "name=\"" + name + "\" value=\"";
  const auto start = html.find(open);
  if (start == std::string::npos) return "";
  const auto end = html.find('"', start + open.size());
  return Decoded(html.substr(start + open.size(), end - start - open.size()));
}

// The hidden inputs of the first form of a page after `action` (csrf_token left out).
httplib::Params HiddenInputs(const std::string& html, const std::string& action) {
  httplib::Params out;
  const auto form = html.find("action=\"" + action + "\"");
  if (form == std::string::npos) return out;
  const std::string end_form = "</form>";
  const auto end = html.find(end_form, form);
  const std::string body = html.substr(form, end - form);
  const std::string open = "<input type=\"hidden\" name=\"";
  for (auto at = body.find(open); at != std::string::npos; at = body.find(open, at + 1)) {
    const auto name_end = body.find('"', at + open.size());
    const std::string name = Decoded(body.substr(at + open.size(), name_end - at - open.size()));
    const std::string value_open = "value=\"";
    const auto value_at = body.find(value_open, name_end) + value_open.size();
    const auto value_end = body.find('"', value_at);
    if (name != "csrf_token")
      out.emplace(name, Decoded(body.substr(value_at, value_end - value_at)));
  }
  return out;
}

// Field -> code of an RFC 9457 problem's errors.
std::map<std::string, std::string> ProblemCodes(const std::string& body) {
  std::map<std::string, std::string> out;
  auto j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("errors")) return out;
  for (const auto& e : j["errors"])
    out[e["field"].get<std::string>()] = e["code"].get<std::string>();
  return out;
}

std::string ProblemCode(const std::string& body) {
  auto j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("code")) return "";
  return j["code"].get<std::string>();
}

// "2026-11-02" as the three fields of a date input named `field`.
void AddDate(httplib::Params& params, const std::string& field, const std::string& iso) {
  params.emplace(field + "-day", std::to_string(std::stoi(iso.substr(8, 2))));
  params.emplace(field + "-month", std::to_string(std::stoi(iso.substr(5, 2))));
  params.emplace(field + "-year", iso.substr(0, 4));
}

// The text of a PDF as `pdftotext -layout` gives it, white space squeezed.
std::string PdfText(const std::string& pdf) {
  char name[] = "/tmp/cynnal-notice-XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) return "";
  close(fd);
  {
    std::ofstream out(name, std::ios::binary);
    out << pdf;
  }
  std::string text;
  const std::string command = std::string("pdftotext -layout ") + name + " - 2>/dev/null";
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
    pclose(pipe);
  }
  std::remove(name);
  return Squeezed(text);
}

// The answers of a decision with ALN found (test 1 (a) and test 2 "yes").
httplib::Params AlnAnswers(const std::string& decided_on, const std::string& version,
                           int ta_hours = 5) {
  httplib::Params p{
      {"greater_difficulty", "yes"},
      {"greater_difficulty_evidence",
       "Reading age two years below chronological age after two terms of targeted support"},
      {"disability", "no"},
      {"evidence", "standardised_assessment"},
      {"evidence", "teacher_assessment"},
      {"progress", "slower_than_peers"},
      {"progress", "gap_not_closing"},
      {"language_only", "no"},
      {"calls_for_alp", "yes"},
      {"alp", "Structured literacy programme, three 30-minute sessions a week"},
      {"areas", "cognition_learning"},
      {"types", "dyslexia"},
      {"ta_hours", std::to_string(ta_hours)},
      {"summary", ""},
      {"version", version}};
  AddDate(p, "decided_on", decided_on);
  return p;
}

// The answers of a decision that finds no ALN (both questions of test 1 "no").
httplib::Params NoAlnAnswers(const std::string& decided_on, const std::string& version) {
  httplib::Params p{
      {"greater_difficulty", "no"},  {"disability", "no"}, {"evidence", "teacher_assessment"},
      {"evidence", "parents_views"}, {"ta_hours", ""},     {"version", version}};
  AddDate(p, "decided_on", decided_on);
  return p;
}

json AlnAnswersJson(const std::string& decided_on, int version, int ta_hours = 5) {
  return {{"greater_difficulty", "yes"},
          {"greater_difficulty_evidence", "Reading age two years below chronological age"},
          {"disability", "no"},
          {"evidence", {"standardised_assessment", "teacher_assessment"}},
          {"progress", {"slower_than_peers"}},
          {"language_only", "no"},
          {"calls_for_alp", "yes"},
          {"alp", "Structured literacy programme, three 30-minute sessions a week"},
          {"areas", {"cognition_learning"}},
          {"types", {"dyslexia"}},
          {"principles", json::array()},
          {"ta_hours", ta_hours},
          {"decided_on", decided_on},
          {"version", version}};
}

json NoAlnAnswersJson(const std::string& decided_on, int version) {
  return {{"greater_difficulty", "no"},
          {"disability", "no"},
          {"evidence", {"teacher_assessment", "parents_views"}},
          {"decided_on", decided_on},
          {"version", version}};
}

class CasePages : public WebFixture {
 protected:
  domain::Date Today() { return clock_.Today(); }

  static domain::Date Iso(const std::string& iso) { return *domain::ParseIsoDate(iso); }

  // Pupils of the ALNCo's school for whom the school decides: on its roll alone since before
  // September 2026, of compulsory school age, not looked after; `n` skips the first ones.
  domain::Learner SchoolPupil(const Session& alnco, std::size_t n = 0) {
    const domain::SettingId bryn = alnco.user.settings.front();
    const domain::Date september = Iso("2026-09-01");
    std::size_t seen = 0;
    for (const auto& l : AllLearners()) {
      if (l.looked_after || l.electively_home_educated || l.registrations.size() != 1) continue;
      const auto& r = l.registrations.front();
      if (r.setting != bryn || !r.ActiveOn(Today()) || september < r.start) continue;
      if (september < domain::CompulsorySchoolAgeStarts(l.date_of_birth)) continue;
      if (domain::IsYoungPerson(l, Today())) continue;
      if (!domain::MayAccessLearner(alnco.user, domain::LearnerAction::kUpdate, l, Today()))
        continue;
      if (seen++ == n) return l;
    }
    ADD_FAILURE() << "no pupil number " << n << " at the ALNCo's school";
    return {};
  }

  // The demo's looked-after child on the roll of the ALNCo's school since before November 2026.
  domain::Learner LookedAfterPupil(const Session& alnco) {
    const domain::SettingId bryn = alnco.user.settings.front();
    for (const auto& l : AllLearners()) {
      if (!l.looked_after) continue;
      for (const auto& r : l.registrations)
        if (r.setting == bryn && r.ActiveOn(Today()) && !(Iso("2026-11-02") < r.start)) return l;
    }
    ADD_FAILURE() << "the demo has no looked-after child at the ALNCo's school";
    return {};
  }

  // The first demo case at `stage`, as the LA officer sees it.
  json DemoCase(const std::string& stage) {
    Session officer = SignIn("la.officer");
    for (long long id = 1; id <= 10; ++id) {
      auto res = Get(officer, "/api/v1/cases/" + std::to_string(id));
      if (!res || res->status != 200) continue;
      json k = json::parse(res->body);
      if (k["stage"] == stage) return k;
    }
    ADD_FAILURE() << "the demo has no case at stage " << stage;
    return json::object({{"id", 0}, {"version", 0}});
  }

  static std::string CasePath(long long id) { return "/cases/" + std::to_string(id); }
  static std::string ApiPath(long long id) { return "/api/v1/cases/" + std::to_string(id); }

  json CaseJson(const Session& s, long long id) {
    auto res = Get(s, ApiPath(id));
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET case " << id << ": "
                    << (res ? std::to_string(res->status) + " " + res->body : "no response");
      return json::object();
    }
    return json::parse(res->body);
  }

  std::string CasePage(const Session& s, long long id, const std::string& query = "") {
    auto res = Get(s, CasePath(id) + query);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET case page " << id << ": "
                    << (res ? std::to_string(res->status) : "no response");
      return "";
    }
    return res->body;
  }

  // The version a step page offers in its hidden input.
  std::string PageVersion(const Session& s, long long id, const std::string& step) {
    auto res = Get(s, CasePath(id) + "/" + step);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << step << " page of case " << id << ": "
                    << (res ? std::to_string(res->status) : "no response");
      return "";
    }
    return HiddenValue(res->body, "version");
  }

  // Posts a step's form and answers where the 303 leads ("" and a failure otherwise).
  std::string PostStep(const Session& s, const std::string& path, httplib::Params params) {
    auto res = PostForm(s, path, std::move(params));
    if (!res) {
      ADD_FAILURE() << "POST " << path << ": no response";
      return "";
    }
    if (res->status != 303) {
      ADD_FAILURE() << "POST " << path << ": " << res->status << "\n"
                    << TextOf(Element(res->body, "main-content", "</main>"));
      return "";
    }
    return res->get_header_value("Location");
  }

  // Raises a concern through the page; answers the new case's id.
  long long RaiseOnPage(const Session& s, const domain::Learner& learner,
                        const std::string& brought_on, const std::string& brought_to = "school") {
    httplib::Params p{{"source", "teacher"},
                      {"raised_by", "Mr Dafydd Owen, class teacher"},
                      {"brought_to", brought_to},
                      {"description", "Finds reading and spelling much harder than classmates"}};
    AddDate(p, "brought_on", brought_on);
    const std::string to =
        PostStep(s, "/learners/" + std::to_string(learner.id.value()) + "/concerns", p);
    if (to.rfind("/cases/", 0) != 0) return 0;
    EXPECT_NE(to.find("?done=raised"), std::string::npos) << to;
    return std::stoll(to.substr(7));
  }

  // Raises a concern through the API; answers the new case.
  json RaiseByApi(const Session& s, const domain::Learner& learner, const std::string& brought_on,
                  const std::string& brought_to = "school") {
    auto res =
        Send(s, "POST", "/api/v1/learners/" + std::to_string(learner.id.value()) + "/cases",
             json{{"source", "parent"},
                  {"raised_by", "Mrs Eleri Morgan, mother"},
                  {"brought_on", brought_on},
                  {"brought_to", brought_to},
                  {"description", "Upset before literacy lessons; falling behind in reading"}}
                 .dump());
    if (!res || res->status != 201) {
      ADD_FAILURE() << "raising a concern: "
                    << (res ? std::to_string(res->status) + " " + res->body : "no response");
      return json::object({{"id", 0}, {"version", 0}});
    }
    return json::parse(res->body);
  }

  // Posts a step to the API; answers the body (the case, or a problem).
  json ApiStep(const Session& s, long long id, const std::string& step, const json& body,
               int expected = 200) {
    auto res = Send(s, "POST", ApiPath(id) + "/" + step, body.dump());
    if (!res) {
      ADD_FAILURE() << "POST " << step << ": no response";
      return json::object();
    }
    EXPECT_EQ(res->status, expected) << step << ": " << res->body;
    auto j = json::parse(res->body, nullptr, false);
    return j.is_discarded() ? json::object() : j;
  }

  // The two-step test through the pages: the answers, the check-answers page (which must say
  // `outcome` and save nothing), then the confirmation.
  void DecideOnPages(const Session& s, long long id, const httplib::Params& answers,
                     const std::string& outcome) {
    const json before = CaseJson(s, id);
    auto check = PostForm(s, CasePath(id) + "/decision", answers);
    ASSERT_TRUE(check);
    ASSERT_EQ(check->status, 200) << TextOf(check->body);
    EXPECT_EQ(TextOf(Element(check->body, "decision-outcome", "</div>")),
              "From your answers, " + outcome);
    EXPECT_EQ(CaseJson(s, id), before) << "the check-answers page saves nothing";
    const auto hidden = HiddenInputs(check->body, CasePath(id) + "/decision/confirm");
    ASSERT_FALSE(hidden.empty());
    EXPECT_EQ(PostStep(s, CasePath(id) + "/decision/confirm", hidden),
              CasePath(id) + "?done=decided");
  }

  // The case's clock with `timescale` (the latest, when there are several).
  static json ClockOf(const json& k, const std::string& timescale) {
    json found;
    for (const auto& c : k["clocks"])
      if (c["timescale"] == timescale) found = c;
    if (found.is_null()) ADD_FAILURE() << "no " << timescale << " clock on " << k.dump();
    return found.is_null() ? json::object() : found;
  }

  // The clocks table's row whose timescale is `name`: its text and its data-status.
  static std::pair<std::string, std::string> ClockRow(const std::string& page,
                                                      const std::string& name) {
    for (const auto& row : Rows(Element(page, "case-clocks", "</table>"))) {
      const std::string text = TextOf("<" + row);
      if (text.find(name) == std::string::npos) continue;
      const auto at = row.find("data-status=\"") + 13;
      return {text, row.substr(at, row.find('"', at) - at)};
    }
    ADD_FAILURE() << "no clock row for " << name;
    return {};
  }

  // The notices table's rows, as text.
  static std::vector<std::string> NoticeRows(const std::string& page) {
    std::vector<std::string> out;
    for (const auto& row : Rows(Element(page, "case-notices", "</table>")))
      out.push_back(TextOf("<" + row));
    return out;
  }

  std::string Pdf(const Session& s, const std::string& path) {
    auto res = Get(s, path);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << path << ": "
                    << (res ? std::to_string(res->status) : "no response");
      return "";
    }
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(res->body.rfind("%PDF", 0), 0u);
    return PdfText(res->body);
  }

  httplib::Result Upload(const Session& s, const std::string& path,
                         httplib::MultipartFormDataItems items) {
    auto client = Client();
    items.push_back({"csrf_token", s.csrf, "", ""});
    return client.Post(path.c_str(), {{"Cookie", s.cookie}}, items);
  }
};

// ---- The routes of a case ----

TEST_F(CasePages, SchoolDecidesAlnThroughCheckAnswersAndGivesTheNoticeByEmail) {
  Session alnco = SignIn("alnco");
  const domain::Learner pupil = SchoolPupil(alnco);
  ASSERT_TRUE(pupil.id.valid());

  auto form = Get(alnco, "/learners/" + std::to_string(pupil.id.value()) + "/concerns/new");
  ASSERT_EQ(form->status, 200);
  EXPECT_NE(
      TextOf(form->body)
          .find(std::string("Today ") + kBrynDerw + " would decide whether the learner has ALN."),
      std::string::npos);

  const long long id = RaiseOnPage(alnco, pupil, "2026-11-02");
  ASSERT_GT(id, 0);
  std::string page = CasePage(alnco, id, "?done=raised");
  EXPECT_EQ(TextOf(Element(page, "case-stage", "</strong>")), "Waiting for a decision");
  EXPECT_NE(TextOf(page).find("Concern raised and the decision clock started"), std::string::npos);
  const std::string who = TextOf(Element(page, "case-who", "</dl>"));
  EXPECT_NE(who.find(kBrynDerw), std::string::npos) << who;
  EXPECT_NE(who.find("The learner attends a maintained school, whose governing body decides."),
            std::string::npos)
      << who;
  // 35 school days after Mon 2 Nov 2026: the 35th is Tue 5 Jan 2027 (4 Jan is an INSET day).
  auto [running, running_status] = ClockRow(page, "School decides whether the learner has ALN");
  EXPECT_NE(running.find("5 January 2027"), std::string::npos) << running;
  EXPECT_NE(running.find("35 school days after 2 November 2026 (Code 12.12)"), std::string::npos)
      << running;
  EXPECT_EQ(running_status, "on_track");
  EXPECT_TRUE(Links(page, CasePath(id) + "/decision"));

  json k = CaseJson(alnco, id);
  EXPECT_EQ(k["responsibility"]["body"], "school");
  EXPECT_EQ(k["responsibility"]["reason"], "maintained_school");
  EXPECT_EQ(k["responsibility"]["setting_id"], alnco.user.settings.front().value());
  ASSERT_EQ(k["clocks"].size(), 1u);
  EXPECT_EQ(k["clocks"][0]["timescale"], "school-decision");
  EXPECT_EQ(k["clocks"][0]["started_on"], "2026-11-02");
  EXPECT_EQ(k["clocks"][0]["due"], "2027-01-05");

  const std::string version = PageVersion(alnco, id, "decision");
  EXPECT_EQ(version, std::to_string(k["version"].get<int>()));
  DecideOnPages(alnco, id, AlnAnswers("2026-11-16", version),
                pupil.DisplayName() + " has additional learning needs.");
  k = CaseJson(alnco, id);
  EXPECT_EQ(k["stage"], "awaiting_notice");
  ASSERT_EQ(k["decisions"].size(), 1u);
  EXPECT_TRUE(k["decisions"][0]["has_aln"].get<bool>());
  EXPECT_EQ(k["decisions"][0]["maintainer"], "school");
  EXPECT_EQ(k["decisions"][0]["body"]["body"], "school");

  httplib::Params notice{
      {"method", "email"}, {"language", "en"}, {"version", PageVersion(alnco, id, "notice")}};
  AddDate(notice, "sent_on", "2026-11-18");
  EXPECT_EQ(PostStep(alnco, CasePath(id) + "/notice", notice), CasePath(id) + "?done=notice");

  page = CasePage(alnco, id);
  EXPECT_EQ(TextOf(Element(page, "case-stage", "</strong>")), "Notice given");
  auto [met, met_status] = ClockRow(page, "School decides whether the learner has ALN");
  EXPECT_EQ(met_status, "met") << met;
  const auto notices = NoticeRows(page);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].find("IDP notice (has ALN)"), std::string::npos) << notices[0];
  EXPECT_NE(notices[0].find("18 November 2026 (By email)"), std::string::npos) << notices[0];
  EXPECT_NE(notices[0].find("No tribunal appeal: the family may ask the local authority to "
                            "reconsider"),
            std::string::npos)
      << notices[0];
  const std::string table = Decoded(Element(page, "case-notices", "</table>"));
  EXPECT_NE(table.find("href=\"" + CasePath(id) + "/notices/1.pdf?lang=en\""), std::string::npos);
  EXPECT_NE(table.find("href=\"" + CasePath(id) + "/notices/1.pdf?lang=cy\""), std::string::npos);

  k = CaseJson(alnco, id);
  ASSERT_EQ(k["notices"].size(), 1u);
  EXPECT_EQ(k["notices"][0]["kind"], "idp");
  EXPECT_EQ(k["notices"][0]["given_on"], "2026-11-18");
  EXPECT_TRUE(k["notices"][0]["appeal_by"].is_null()) << "no tribunal appeal against a school";
  const json clock = ClockOf(k, "school-decision");
  EXPECT_EQ(clock["state"], "met");
  EXPECT_EQ(clock["stopped_on"], "2026-11-18");
  EXPECT_EQ(clock["due"], "2027-01-05");
  auto clock_page = Get(alnco, "/clocks/" + std::to_string(clock["id"].get<long long>()));
  ASSERT_EQ(clock_page->status, 200);
  EXPECT_NE(TextOf(clock_page->body).find("18 November 2026"), std::string::npos);

  const std::string english = Pdf(alnco, CasePath(id) + "/notices/1.pdf?lang=en");
  EXPECT_NE(english.find("has additional learning needs"), std::string::npos) << english;
  EXPECT_NE(english.find("Asking the local authority to reconsider"), std::string::npos);
  EXPECT_EQ(english.find("Your right of appeal"), std::string::npos);
  const std::string welsh = Pdf(alnco, CasePath(id) + "/notices/1.pdf?lang=cy");
  EXPECT_NE(welsh.find("anghenion dysgu ychwanegol"), std::string::npos) << welsh;
}

TEST_F(CasePages, SchoolDecidesNoAlnAndAPostedNoticeIsGivenTwoWorkingDaysLater) {
  Session alnco = SignIn("alnco");
  const domain::Learner pupil = SchoolPupil(alnco, 1);
  json k = RaiseByApi(alnco, pupil, "2026-10-05");
  const long long id = k["id"].get<long long>();
  ASSERT_GT(id, 0);
  k = ApiStep(alnco, id, "decision", NoAlnAnswersJson("2026-11-12", k["version"].get<int>()));
  EXPECT_EQ(k["stage"], "awaiting_notice");
  ASSERT_EQ(k["decisions"].size(), 1u);
  EXPECT_FALSE(k["decisions"][0]["has_aln"].get<bool>());
  EXPECT_TRUE(k["decisions"][0]["maintainer"].is_null());

  // Posted on Friday 13 November 2026: given on Tuesday 17 November, two working days later.
  httplib::Params notice{
      {"method", "post"}, {"language", "en"}, {"version", PageVersion(alnco, id, "notice")}};
  AddDate(notice, "sent_on", "2026-11-13");
  EXPECT_EQ(PostStep(alnco, CasePath(id) + "/notice", notice), CasePath(id) + "?done=notice");
  k = CaseJson(alnco, id);
  ASSERT_EQ(k["notices"].size(), 1u);
  EXPECT_EQ(k["notices"][0]["kind"], "no_idp");
  EXPECT_EQ(k["notices"][0]["sent_on"], "2026-11-13");
  EXPECT_EQ(k["notices"][0]["given_on"], "2026-11-17");
  EXPECT_TRUE(k["notices"][0]["appeal_by"].is_null());
  const json clock = ClockOf(k, "school-decision");
  EXPECT_EQ(clock["state"], "met");
  EXPECT_EQ(clock["stopped_on"], "2026-11-17") << "the clock stops when the notice is given";
  const auto rows = NoticeRows(CasePage(alnco, id));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].find("No-IDP notice (no ALN)"), std::string::npos) << rows[0];
  EXPECT_NE(rows[0].find("17 November 2026 (By post)"), std::string::npos) << rows[0];

  const std::string english = Pdf(alnco, CasePath(id) + "/notices/1.pdf?lang=en");
  EXPECT_NE(english.find(pupil.DisplayName() + " does not have additional learning needs"),
            std::string::npos)
      << english;
  EXPECT_NE(english.find(std::string("you can ask ") + kLa + " to reconsider it"),
            std::string::npos)
      << english;
  EXPECT_EQ(english.find("Your right of appeal"), std::string::npos);
  const std::string welsh = Pdf(alnco, CasePath(id) + "/notices/1.pdf?lang=cy");
  EXPECT_NE(welsh.find("nid oes gan " + pupil.DisplayName() + " anghenion dysgu ychwanegol"),
            std::string::npos)
      << welsh;
  EXPECT_NE(welsh.find("ailystyried"), std::string::npos);
}

TEST_F(CasePages, SchoolRefersOnEachGroundAndTheLaDecidesOnItsOwnClock) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  struct Row {
    std::string ground, need_apparent_on, referred_on;
    std::string school_state;                  // the school's 35 days, due Mon 9 Nov 2026
    std::string referral_state, referral_due;  // 20 school days from need_apparent_on
    std::string la_due;                        // 12 weeks from referred_on
  };
  const std::vector<Row> rows{
      // 20 school days after Thu 1 Oct (half-term 26-30 Oct): Thu 5 Nov.
      {"a", "2026-10-01", "2026-10-20", "met", "met", "2026-11-05", "2027-01-12"},
      // 20 school days after Tue 15 Sep: Tue 13 Oct; referred five weeks late, after the school's
      // own 35 days had run out too.
      {"b", "2026-09-15", "2026-11-16", "missed", "missed", "2026-10-13", "2027-02-08"},
      // Apparent and referred the same day: 20 school days after Mon 2 Nov is Mon 30 Nov.
      {"c", "2026-11-02", "2026-11-02", "met", "met", "2026-11-30", "2027-01-25"},
  };
  std::size_t n = 0;
  for (const auto& row : rows) {
    SCOPED_TRACE("ground " + row.ground);
    const domain::Learner pupil = SchoolPupil(alnco, n++);
    json k = RaiseByApi(alnco, pupil, "2026-09-14");
    const long long id = k["id"].get<long long>();
    ASSERT_GT(id, 0);
    EXPECT_EQ(ClockOf(k, "school-decision")["due"], "2026-11-09");
    httplib::Params p{{"ground", row.ground},
                      {"evidence", "Educational psychologist's report; provision mapping"},
                      {"version", PageVersion(alnco, id, "referral")}};
    AddDate(p, "need_apparent_on", row.need_apparent_on);
    AddDate(p, "referred_on", row.referred_on);
    EXPECT_EQ(PostStep(alnco, CasePath(id) + "/referral", p), CasePath(id) + "?done=referred");

    k = CaseJson(officer, id);
    EXPECT_EQ(k["stage"], "awaiting_decision");
    EXPECT_EQ(k["responsibility"]["body"], "la");
    EXPECT_EQ(k["responsibility"]["reason"], "referred_by_school");
    EXPECT_EQ(k["referral"]["ground"], row.ground);
    const json school = ClockOf(k, "school-decision");
    EXPECT_EQ(school["stopped_on"], row.referred_on);
    EXPECT_EQ(school["state"], row.school_state);
    const json referral = ClockOf(k, "school-referral");
    EXPECT_EQ(referral["started_on"], row.need_apparent_on);
    EXPECT_EQ(referral["stopped_on"], row.referred_on);
    EXPECT_EQ(referral["due"], row.referral_due);
    EXPECT_EQ(referral["state"], row.referral_state);
    const json la = ClockOf(k, "la-decision");
    EXPECT_EQ(la["started_on"], row.referred_on);
    EXPECT_TRUE(la["stopped_on"].is_null());
    EXPECT_EQ(la["state"], "running");
    EXPECT_EQ(la["due"], row.la_due);

    const std::string page = CasePage(officer, id);
    const std::string who = TextOf(Element(page, "case-who", "</dl>"));
    EXPECT_NE(who.find(kLa), std::string::npos) << who;
    EXPECT_NE(who.find("The school referred the case to the local authority, which now decides."),
              std::string::npos)
        << who;
    EXPECT_TRUE(Links(page, CasePath(id) + "/decision")) << "the LA now decides";
    EXPECT_FALSE(Links(CasePage(alnco, id), CasePath(id) + "/decision"))
        << "the school no longer decides";
    auto [text, status] = ClockRow(page, "School refers the case to the LA");
    EXPECT_EQ(status, row.referral_state) << text;
  }
}

TEST_F(CasePages, LaDecidesForALookedAfterChildAndItsNoticeCarriesTheAppealDate) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  const domain::Learner child = LookedAfterPupil(alnco);
  ASSERT_TRUE(child.id.valid());

  auto form = Get(alnco, "/learners/" + std::to_string(child.id.value()) + "/concerns/new");
  ASSERT_EQ(form->status, 200);
  EXPECT_NE(TextOf(form->body)
                .find(std::string("Today ") + kLa +
                      " would decide whether the learner has ALN. The learner is "
                      "looked after"),
            std::string::npos);
  const long long id = RaiseOnPage(alnco, child, "2026-11-02");
  ASSERT_GT(id, 0);
  json k = CaseJson(officer, id);
  EXPECT_EQ(k["stage"], "awaiting_decision");
  EXPECT_EQ(k["responsibility"]["body"], "la");
  EXPECT_EQ(k["responsibility"]["reason"], "looked_after");
  const json la_clock = ClockOf(k, "la-decision");
  EXPECT_EQ(la_clock["started_on"], "2026-11-02");
  EXPECT_EQ(la_clock["due"], "2027-01-25") << "12 weeks from Mon 2 Nov 2026";
  std::string page = CasePage(alnco, id);
  const std::string who = TextOf(Element(page, "case-who", "</dl>"));
  EXPECT_NE(who.find(kLa), std::string::npos) << who;
  EXPECT_NE(who.find("The learner is looked after: the local authority that looks after them "
                     "decides."),
            std::string::npos)
      << who;
  EXPECT_FALSE(Links(page, CasePath(id) + "/decision")) << "the ALNCo is not offered the decision";

  // The ALNCo cannot record the decision, on the pages or through the API.
  const json before = CaseJson(officer, id);
  const auto answers = AlnAnswers("2026-11-05", std::to_string(before["version"].get<int>()));
  EXPECT_EQ(PostForm(alnco, CasePath(id) + "/decision", answers)->status, 403);
  EXPECT_EQ(PostForm(alnco, CasePath(id) + "/decision/confirm", answers)->status, 403);
  const json refused = ApiStep(alnco, id, "decision",
                               AlnAnswersJson("2026-11-05", before["version"].get<int>()), 403);
  EXPECT_EQ(refused["code"], "case_error_not_responsible");
  EXPECT_EQ(CaseJson(officer, id), before);

  // The LA officer can; the LA maintains the IDP whatever the assessment says.
  EXPECT_TRUE(Links(CasePage(officer, id), CasePath(id) + "/decision"));
  DecideOnPages(officer, id, answers, child.DisplayName() + " has additional learning needs.");
  k = CaseJson(officer, id);
  ASSERT_EQ(k["decisions"].size(), 1u);
  EXPECT_EQ(k["decisions"][0]["body"]["body"], "la");
  EXPECT_EQ(k["decisions"][0]["maintainer"], "la") << "5 TA hours and no principle met";
  EXPECT_EQ(k["decisions"][0]["maintainer_reasons"], json::array({"principle_la_responsible"}));

  // Emailed on Fri 6 Nov 2026: 56 days later is Fri 1 Jan 2027, a bank holiday, so the appeal
  // must reach the tribunal by Mon 4 Jan 2027.
  k = ApiStep(officer, id, "notice",
              {{"method", "email"},
               {"sent_on", "2026-11-06"},
               {"language", "en"},
               {"version", k["version"]}});
  ASSERT_EQ(k["notices"].size(), 1u);
  EXPECT_EQ(k["notices"][0]["given_on"], "2026-11-06");
  EXPECT_EQ(k["notices"][0]["appeal_by"], "2027-01-04");
  EXPECT_EQ(ClockOf(k, "la-decision")["state"], "met");
  EXPECT_EQ(ClockOf(k, "la-decision")["stopped_on"], "2026-11-06");
  const auto rows = NoticeRows(CasePage(officer, id));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].find("4 January 2027"), std::string::npos) << rows[0];

  const std::string english = Pdf(officer, CasePath(id) + "/notices/1.pdf?lang=en");
  EXPECT_NE(english.find("Your right of appeal"), std::string::npos) << english;
  EXPECT_NE(english.find("Education Tribunal for Wales"), std::string::npos);
  EXPECT_NE(english.find("Your appeal must reach the tribunal by"), std::string::npos);
  EXPECT_NE(english.find("4 January 2027"), std::string::npos) << english;
  EXPECT_NE(english.find(std::string(kLa) + " will prepare and maintain"), std::string::npos);
  EXPECT_EQ(english.find("Asking the local authority to reconsider"), std::string::npos);
  const std::string welsh = Pdf(officer, CasePath(id) + "/notices/1.pdf?lang=cy");
  EXPECT_NE(welsh.find("Eich hawl i apelio"), std::string::npos) << welsh;
  EXPECT_NE(welsh.find("gyrraedd y tribiwnlys erbyn"), std::string::npos) << welsh;
  EXPECT_NE(welsh.find("4 Ionawr 2027"), std::string::npos) << welsh;
  EXPECT_EQ(welsh.find("January"), std::string::npos) << welsh;
}

TEST_F(CasePages, LaSendsADirectApproachBackAndTheSchoolsClockStartsThatDay) {
  Session officer = SignIn("la.officer");
  Session alnco = SignIn("alnco");
  json k = DemoCase("awaiting_triage");
  const long long id = k["id"].get<long long>();
  ASSERT_GT(id, 0);
  EXPECT_EQ(k["concern"]["brought_to"], "la");
  const json la_before = ClockOf(k, "la-decision");
  EXPECT_TRUE(la_before["stopped_on"].is_null());
  EXPECT_TRUE(Links(CasePage(officer, id), CasePath(id) + "/triage"));

  httplib::Params p{{"choice", "send_back"},
                    {"reasons", "The school is best placed to decide; its ALNCo knows the pupil."},
                    {"version", PageVersion(officer, id, "triage")}};
  AddDate(p, "on", "2026-11-17");
  EXPECT_EQ(PostStep(officer, CasePath(id) + "/triage", p), CasePath(id) + "?done=triage");

  k = CaseJson(alnco, id);
  EXPECT_EQ(k["stage"], "awaiting_decision");
  EXPECT_EQ(k["responsibility"]["body"], "school");
  EXPECT_EQ(k["responsibility"]["reason"], "sent_back_to_school");
  EXPECT_EQ(k["responsibility"]["setting_id"], alnco.user.settings.front().value());
  const json la = ClockOf(k, "la-decision");
  EXPECT_EQ(la["stopped_on"], "2026-11-17");
  EXPECT_EQ(la["state"], "met");
  // 35 school days at Bryn Derw after Tue 17 Nov 2026 (4 Jan an INSET day): Wed 20 Jan 2027.
  const json school = ClockOf(k, "school-decision");
  EXPECT_EQ(school["started_on"], "2026-11-17");
  EXPECT_EQ(school["state"], "running");
  EXPECT_EQ(school["due"], "2027-01-20");

  const std::string page = CasePage(alnco, id);
  const std::string who = TextOf(Element(page, "case-who", "</dl>"));
  EXPECT_NE(who.find(kBrynDerw), std::string::npos) << who;
  EXPECT_NE(who.find("its ALNCo knows the pupil"), std::string::npos) << who;
  EXPECT_TRUE(Links(page, CasePath(id) + "/decision"));

  k = ApiStep(alnco, id, "decision", NoAlnAnswersJson("2026-11-19", k["version"].get<int>()));
  ASSERT_EQ(k["decisions"].size(), 1u);
  EXPECT_EQ(k["decisions"][0]["body"]["body"], "school");
  EXPECT_EQ(k["stage"], "awaiting_notice");
}

TEST_F(CasePages, LaReconsidersASchoolsNoAlnDecisionAndFindsAln) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  const domain::Learner pupil = SchoolPupil(alnco, 2);
  json k = RaiseByApi(alnco, pupil, "2026-09-14");
  const long long id = k["id"].get<long long>();
  ASSERT_GT(id, 0);
  DecideOnPages(alnco, id, NoAlnAnswers("2026-10-01", PageVersion(alnco, id, "decision")),
                pupil.DisplayName() + " does not have additional learning needs.");
  k = ApiStep(alnco, id, "notice",
              {{"method", "email"},
               {"sent_on", "2026-10-02"},
               {"version", CaseJson(alnco, id)["version"]}});
  EXPECT_TRUE(k["notices"][0]["appeal_by"].is_null());
  EXPECT_EQ(ApiStep(officer, id, "appeal", {{"lodged_on", "2026-10-05"}, {"version", k["version"]}},
                    409)["code"],
            "appeal_error_school_decision");

  EXPECT_FALSE(Links(CasePage(alnco, id), CasePath(id) + "/reconsideration"));
  EXPECT_TRUE(Links(CasePage(officer, id), CasePath(id) + "/reconsideration"));
  httplib::Params p{
      {"requested_by", "Mrs Eleri Morgan, mother"},
      {"grounds", "The school did not consider the educational psychologist's report"},
      {"version", PageVersion(officer, id, "reconsideration")}};
  AddDate(p, "requested_on", "2026-10-12");
  EXPECT_EQ(PostStep(officer, CasePath(id) + "/reconsideration", p),
            CasePath(id) + "?done=reconsideration");

  k = CaseJson(officer, id);
  EXPECT_EQ(k["stage"], "reconsideration");
  EXPECT_EQ(k["responsibility"]["body"], "la");
  EXPECT_EQ(k["responsibility"]["reason"], "reconsideration");
  // 7 weeks from Mon 12 Oct 2026: Mon 30 Nov.
  const json clock = ClockOf(k, "la-reconsideration");
  EXPECT_EQ(clock["started_on"], "2026-10-12");
  EXPECT_EQ(clock["due"], "2026-11-30");
  EXPECT_EQ(clock["state"], "running");
  std::string page = CasePage(officer, id);
  EXPECT_EQ(TextOf(Element(page, "case-stage", "</strong>")), "Being reconsidered");

  EXPECT_EQ(ApiStep(alnco, id, "decision", AlnAnswersJson("2026-11-16", k["version"].get<int>()),
                    403)["code"],
            "case_error_not_responsible")
      << "the school no longer decides";
  const json early =
      ApiStep(officer, id, "decision", AlnAnswersJson("2026-10-09", k["version"].get<int>()), 422);
  EXPECT_EQ(ProblemCodes(early.dump()).count("decided_on"), 1u)
      << "a decision on reconsideration cannot come before the request: " << early.dump();
  EXPECT_EQ(CaseJson(officer, id), k);
  k = ApiStep(officer, id, "decision", AlnAnswersJson("2026-11-16", k["version"].get<int>()));
  ASSERT_EQ(k["decisions"].size(), 2u);
  EXPECT_EQ(k["decisions"][1]["kind"], "reconsideration");
  EXPECT_TRUE(k["decisions"][1]["has_aln"].get<bool>());
  EXPECT_EQ(k["decisions"][1]["body"]["body"], "la");
  EXPECT_EQ(k["stage"], "awaiting_notice");

  httplib::Params notice{
      {"method", "email"}, {"language", "en"}, {"version", PageVersion(officer, id, "notice")}};
  AddDate(notice, "sent_on", "2026-11-17");
  EXPECT_EQ(PostStep(officer, CasePath(id) + "/notice", notice), CasePath(id) + "?done=notice");
  k = CaseJson(officer, id);
  ASSERT_EQ(k["notices"].size(), 2u);
  EXPECT_EQ(k["notices"][1]["kind"], "idp");
  EXPECT_EQ(k["notices"][1]["appeal_by"], "2027-01-12") << "56 days after Tue 17 Nov 2026";
  EXPECT_EQ(ClockOf(k, "la-reconsideration")["stopped_on"], "2026-11-17");
  EXPECT_EQ(ClockOf(k, "la-reconsideration")["state"], "met");
  page = CasePage(officer, id);
  const auto rows = NoticeRows(page);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].find("No tribunal appeal"), std::string::npos) << rows[0];
  EXPECT_NE(rows[1].find("12 January 2027"), std::string::npos) << rows[1];
  EXPECT_NE(TextOf(page).find("The local authority's decision on reconsideration"),
            std::string::npos);

  const std::string english = Pdf(officer, CasePath(id) + "/notices/2.pdf?lang=en");
  EXPECT_NE(english.find(std::string(kLa) + " has reconsidered the school"), std::string::npos)
      << english;
  EXPECT_NE(english.find("Your right of appeal"), std::string::npos);
  EXPECT_NE(english.find("12 January 2027"), std::string::npos);
}

TEST_F(CasePages, AppealAfterDisagreementResolutionEndsWithAnOrderCompliedWith) {
  Session officer = SignIn("la.officer");
  Session alnco = SignIn("alnco");
  const domain::Learner pupil = SchoolPupil(alnco, 3);
  json k = RaiseByApi(officer, pupil, "2026-10-01", "la");
  const long long id = k["id"].get<long long>();
  ASSERT_GT(id, 0);
  EXPECT_EQ(k["stage"], "awaiting_triage");
  k = ApiStep(officer, id, "triage",
              {{"choice", "take_on"}, {"on", "2026-10-02"}, {"version", k["version"]}});
  EXPECT_EQ(k["responsibility"]["reason"], "taken_on_by_la");
  k = ApiStep(officer, id, "decision", AlnAnswersJson("2026-10-05", k["version"].get<int>()));
  k = ApiStep(officer, id, "notice",
              {{"method", "hand"}, {"sent_on", "2026-10-06"}, {"version", k["version"]}});
  ASSERT_EQ(k["notices"].size(), 1u);
  EXPECT_EQ(k["notices"][0]["appeal_by"], "2026-12-01") << "56 days after Tue 6 Oct 2026";

  // Disagreement resolution starts within the 8 weeks: the family has 16.
  k = ApiStep(officer, id, "disagreement",
              {{"started_on", "2026-11-10"}, {"version", k["version"]}});
  ASSERT_EQ(k["disagreements"].size(), 1u);
  EXPECT_TRUE(k["disagreements"][0]["in_time"].get<bool>());
  EXPECT_EQ(k["notices"][0]["appeal_by"], "2027-01-26") << "112 days after Tue 6 Oct 2026";
  std::string page = CasePage(officer, id);
  EXPECT_NE(TextOf(page).find("Yes: the family has 8 more weeks to appeal"), std::string::npos);
  EXPECT_NE(NoticeRows(page).at(0).find("26 January 2027"), std::string::npos);
  k = ApiStep(officer, id, "disagreement/end",
              {{"ended_on", "2026-11-12"}, {"outcome", "Not resolved"}, {"version", k["version"]}});

  httplib::Params lodged{{"version", PageVersion(officer, id, "appeal")}};
  AddDate(lodged, "lodged_on", "2026-11-16");
  EXPECT_EQ(PostStep(officer, CasePath(id) + "/appeal", lodged), CasePath(id) + "?done=appeal");
  k = CaseJson(officer, id);
  EXPECT_EQ(k["stage"], "appeal");
  EXPECT_FALSE(k["appeal"]["late"].get<bool>());

  httplib::Params outcome{{"outcome", "upheld"}, {"version", PageVersion(officer, id, "appeal")}};
  AddDate(outcome, "hearing_on", "2026-11-17");
  AddDate(outcome, "decided_on", "2026-11-18");
  EXPECT_EQ(PostStep(officer, CasePath(id) + "/appeal", outcome), CasePath(id) + "?done=appeal");
  k = CaseJson(officer, id);
  EXPECT_EQ(k["appeal"]["outcome"], "upheld");
  EXPECT_EQ(k["stage"], "appeal");

  k = ApiStep(officer, id, "appeal/orders",
              {{"description", "Amend section 2 of the IDP to add speech and language therapy"},
               {"made_on", "2026-11-18"},
               {"comply_by", "2026-12-16"},
               {"version", k["version"]}});
  const json order_clock = ClockOf(k, "tribunal-order");
  EXPECT_EQ(order_clock["started_on"], "2026-11-18");
  EXPECT_EQ(order_clock["due"], "2026-12-16");
  EXPECT_EQ(order_clock["state"], "running");
  page = CasePage(officer, id);
  const std::string appeal = TextOf(Element(page, "case-appeal", "</dl>"));
  EXPECT_NE(appeal.find("Comply by 16 December 2026"), std::string::npos) << appeal;
  EXPECT_NE(appeal.find("Not yet complied with"), std::string::npos) << appeal;
  EXPECT_FALSE(Links(page, CasePath(id) + "/appeal/close")) << "an order is outstanding";

  httplib::Params complied{{"version", PageVersion(officer, id, "appeal")}};
  AddDate(complied, "complied_on", "2026-11-19");
  EXPECT_EQ(PostStep(officer, CasePath(id) + "/appeal", complied), CasePath(id) + "?done=appeal");
  k = CaseJson(officer, id);
  EXPECT_EQ(k["stage"], "closed");
  EXPECT_EQ(k["appeal"]["orders"][0]["complied_on"], "2026-11-19");
  EXPECT_EQ(ClockOf(k, "tribunal-order")["state"], "met");
  EXPECT_EQ(ClockOf(k, "tribunal-order")["stopped_on"], "2026-11-19");
  page = CasePage(officer, id);
  EXPECT_EQ(TextOf(Element(page, "case-stage", "</strong>")), "Closed");
  EXPECT_NE(TextOf(Element(page, "case-appeal", "</dl>")).find("Complied with on 19 November 2026"),
            std::string::npos);
}

TEST_F(CasePages, TheLasTaHoursThresholdDecidesWhetherASchoolMustReferOnGroundA) {
  Session alnco = SignIn("alnco");
  Session admin = SignIn("la.admin");
  const domain::Learner pupil = SchoolPupil(alnco);
  json k = RaiseByApi(alnco, pupil, "2026-11-02");
  const long long id = k["id"].get<long long>();
  ASSERT_GT(id, 0);
  const auto answers = AlnAnswers("2026-11-16", std::to_string(k["version"].get<int>()), 20);

  // At the default 25 hours, 20 hours of TA support a week is for the school to secure.
  auto check = PostForm(alnco, CasePath(id) + "/decision", answers);
  ASSERT_EQ(check->status, 200);
  EXPECT_NE(TextOf(check->body).find("The school (or college) prepares and maintains the IDP"),
            std::string::npos);

  EXPECT_EQ(PostForm(SignIn("la.officer"), "/decision-settings",
                     {{"ta_hours_threshold", "20"}, {"post_working_days", "2"}})
                ->status,
            403)
      << "an LA officer may not change the settings";
  auto saved = PostForm(admin, "/decision-settings",
                        {{"ta_hours_threshold", "20"},
                         {"post_working_days", "2"},
                         {"service_phone", "01632 960 123"},
                         {"service_email", "aln@cynnalvale.gov.wales"}});
  ASSERT_EQ(saved->status, 303) << TextOf(saved->body);
  EXPECT_NE(TextOf(Get(alnco, CasePath(id) + "/decision")->body)
                .find("counts at 20 hours a week or more"),
            std::string::npos);

  const json before = CaseJson(alnco, id);
  for (const char* path : {"/decision", "/decision/confirm"}) {
    auto refused = PostForm(alnco, CasePath(id) + path, answers);
    ASSERT_EQ(refused->status, 422) << path;
    const std::string summary = ErrorSummary(refused->body);
    EXPECT_NE(summary.find("Refer the case to the local authority on ground (a) instead."),
              std::string::npos)
        << path << ": " << summary.substr(0, 400);
  }
  const json problem = ApiStep(alnco, id, "decision",
                               AlnAnswersJson("2026-11-16", before["version"].get<int>(), 20), 422);
  EXPECT_EQ(ProblemCodes(problem.dump())["assessment"], "maintainer_error_refer");
  EXPECT_EQ(CaseJson(alnco, id), before) << "nothing is recorded";

  // Below the threshold again (19 hours), the school records its decision.
  k = ApiStep(alnco, id, "decision",
              AlnAnswersJson("2026-11-16", before["version"].get<int>(), 19));
  EXPECT_EQ(k["stage"], "awaiting_notice");
  EXPECT_EQ(k["decisions"][0]["maintainer"], "school");
}

// ---- Bad input leaves the case as it was ----

TEST_F(CasePages, DecisionWithoutEvidenceShowsEachFieldsErrorAndRecordsNothing) {
  Session alnco = SignIn("alnco");
  const json demo = DemoCase("awaiting_decision");
  const long long id = demo["id"].get<long long>();
  ASSERT_GT(id, 0);
  const json before = CaseJson(alnco, id);
  httplib::Params answers{{"greater_difficulty", "yes"},
                          {"greater_difficulty_evidence", "  "},
                          {"disability", "no"},
                          {"language_only", "no"},
                          {"calls_for_alp", "yes"},
                          {"alp", "Small-group literacy support"},
                          {"areas", "cognition_learning"},
                          {"version", std::to_string(before["version"].get<int>())}};
  AddDate(answers, "decided_on", "2026-11-19");
  for (const char* path : {"/decision", "/decision/confirm"}) {
    SCOPED_TRACE(path);
    auto page = PostForm(alnco, CasePath(id) + path, answers);
    ASSERT_EQ(page->status, 422);
    EXPECT_NE(ErrorSummary(page->body), "");
    EXPECT_EQ(FieldError(page->body, "greater_difficulty_evidence"),
              "Describe the evidence that the learner has significantly greater difficulty in "
              "learning");
    EXPECT_EQ(FieldError(page->body, "evidence"),
              "Choose at least one source of evidence the decision relies on");
    EXPECT_EQ(HiddenValue(page->body, "version"), std::to_string(before["version"].get<int>()));
  }
  json body = AlnAnswersJson("2026-11-19", before["version"].get<int>());
  body["greater_difficulty_evidence"] = "";
  body["evidence"] = json::array();
  const json problem = ApiStep(alnco, id, "decision", body, 422);
  const auto codes = ProblemCodes(problem.dump());
  EXPECT_EQ(codes.count("greater_difficulty_evidence"), 1u) << problem.dump();
  EXPECT_EQ(codes.count("evidence"), 1u) << problem.dump();
  EXPECT_EQ(CaseJson(alnco, id), before) << "version, stage, clocks and timeline unchanged";
}

TEST_F(CasePages, WrongBodyUndecidedNoticeAndStaleVersionAreRefusedAndChangeNothing) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  const json demo = DemoCase("awaiting_decision");
  const long long id = demo["id"].get<long long>();
  ASSERT_GT(id, 0);
  const json before = CaseJson(alnco, id);
  const int version = before["version"].get<int>();

  // The LA is not responsible for a school's decision.
  EXPECT_EQ(ApiStep(officer, id, "decision", AlnAnswersJson("2026-11-19", version), 403)["code"],
            "case_error_not_responsible");
  auto page = PostForm(officer, CasePath(id) + "/decision/confirm",
                       AlnAnswers("2026-11-19", std::to_string(version)));
  EXPECT_EQ(page->status, 403);
  // No notice before a decision.
  const json notice =
      ApiStep(alnco, id, "notice",
              {{"method", "email"}, {"sent_on", "2026-11-19"}, {"version", version}}, 409);
  EXPECT_EQ(notice["code"], "case_error_notice_before_decision");
  httplib::Params notice_form{{"method", "email"}, {"version", std::to_string(version)}};
  AddDate(notice_form, "sent_on", "2026-11-19");
  EXPECT_EQ(PostForm(alnco, CasePath(id) + "/notice", notice_form)->status, 409);
  // A page opened before someone else's change.
  const json stale =
      ApiStep(alnco, id, "decision", NoAlnAnswersJson("2026-11-19", version - 1), 409);
  EXPECT_EQ(stale["code"], "case_error_conflict");
  auto stale_page = PostForm(alnco, CasePath(id) + "/decision/confirm",
                             NoAlnAnswers("2026-11-19", std::to_string(version + 1)));
  EXPECT_EQ(stale_page->status, 409);
  EXPECT_NE(TextOf(stale_page->body).find("Someone else changed this case"), std::string::npos);
  EXPECT_EQ(CaseJson(alnco, id), before);
}

TEST_F(CasePages, ConcernDatedInTheFutureOrBeforeBirthOrForAnUnknownLearnerOpensNoCase) {
  Session alnco = SignIn("alnco");
  const domain::Learner pupil = SchoolPupil(alnco);
  const std::string learner_path = "/learners/" + std::to_string(pupil.id.value());
  auto cases = [&] { return json::parse(Get(alnco, "/api/v1" + learner_path + "/cases")->body); };
  auto clocks = [&] { return json::parse(Get(alnco, "/api/v1" + learner_path + "/clocks")->body); };
  const json cases_before = cases();
  const json clocks_before = clocks();

  const std::string born = domain::FormatIsoDate(domain::AddDays(pupil.date_of_birth, -1));
  for (const auto& [date, message] : std::vector<std::pair<std::string, std::string>>{
           {"2026-11-23", "The date must be today or in the past"},
           {born, "The date cannot be before the learner was born"}}) {
    SCOPED_TRACE(date);
    httplib::Params p{{"source", "teacher"},
                      {"raised_by", "Mr Dafydd Owen"},
                      {"brought_to", "school"},
                      {"description", "Struggles with reading"}};
    AddDate(p, "brought_on", date);
    auto page = PostForm(alnco, learner_path + "/concerns", p);
    ASSERT_EQ(page->status, 422);
    EXPECT_NE(ErrorSummary(page->body), "");
    EXPECT_EQ(FieldError(page->body, "brought_on"), message);
    auto api = Send(alnco, "POST", "/api/v1" + learner_path + "/cases",
                    json{{"source", "teacher"},
                         {"raised_by", "Mr Dafydd Owen"},
                         {"brought_on", date},
                         {"brought_to", "school"},
                         {"description", "Struggles with reading"}}
                        .dump());
    ASSERT_EQ(api->status, 422);
    EXPECT_EQ(ProblemCodes(api->body).count("brought_on"), 1u) << api->body;
  }
  httplib::Params p{{"source", "teacher"},
                    {"raised_by", "Mr Dafydd Owen"},
                    {"brought_to", "school"},
                    {"description", "Struggles with reading"}};
  AddDate(p, "brought_on", "2026-11-02");
  EXPECT_EQ(PostForm(alnco, "/learners/987654321/concerns", p)->status, 404);
  auto api = Send(alnco, "POST", "/api/v1/learners/987654321/cases",
                  json{{"source", "teacher"},
                       {"raised_by", "Mr Dafydd Owen"},
                       {"brought_on", "2026-11-02"},
                       {"brought_to", "school"},
                       {"description", "Struggles with reading"}}
                      .dump());
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(cases(), cases_before) << "no case was opened";
  EXPECT_EQ(clocks(), clocks_before) << "no clock was started";
}

TEST_F(CasePages, ReferralDatedBeforeTheConcernIsRefusedAndStartsNoClock) {
  Session alnco = SignIn("alnco");
  const json demo = DemoCase("awaiting_decision");
  const long long id = demo["id"].get<long long>();
  ASSERT_GT(id, 0);
  const json before = CaseJson(alnco, id);
  const std::string brought_on = before["concern"]["brought_on"];
  const domain::Date brought = Iso(brought_on);
  httplib::Params p{{"ground", "b"},
                    {"evidence", "Assessment results we cannot interpret"},
                    {"version", std::to_string(before["version"].get<int>())}};
  AddDate(p, "need_apparent_on", domain::FormatIsoDate(domain::AddDays(brought, -10)));
  AddDate(p, "referred_on", domain::FormatIsoDate(domain::AddDays(brought, -3)));
  auto page = PostForm(alnco, CasePath(id) + "/referral", p);
  ASSERT_EQ(page->status, 422);
  EXPECT_NE(ErrorSummary(page->body), "");
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  const std::string written = std::to_string(static_cast<unsigned>(brought.day())) + " " +
                              kMonths[static_cast<unsigned>(brought.month()) - 1] + " " +
                              std::to_string(static_cast<int>(brought.year()));
  EXPECT_EQ(
      FieldError(page->body, "referred_on"),
      "The date cannot be before " + written + ", when the concern was raised or the step began");
  const json problem = ApiStep(alnco, id, "referral",
                               {{"ground", "b"},
                                {"evidence", "Assessment results we cannot interpret"},
                                {"need_apparent_on", "2026-10-01"},
                                {"referred_on", "2026-10-02"},
                                {"version", before["version"]}},
                               422);
  EXPECT_EQ(ProblemCodes(problem.dump())["referred_on"], "case_error_before_concern");
  EXPECT_EQ(CaseJson(alnco, id), before) << "no referral, and no referral or LA clock";
}

TEST_F(CasePages, ADocumentOfTheWrongTypeIsRefusedOnTheCaseAndOnTheConcernForm) {
  Session alnco = SignIn("alnco");
  const json demo = DemoCase("awaiting_decision");
  const long long id = demo["id"].get<long long>();
  ASSERT_GT(id, 0);
  const json before = CaseJson(alnco, id);
  auto refused =
      Upload(alnco, CasePath(id) + "/documents",
             {{"document", "MZ binary content", "report.exe", "application/octet-stream"}});
  ASSERT_EQ(refused->status, 422);
  EXPECT_NE(TextOf(refused->body)
                .find("The file must be a PDF, Word, OpenDocument, text, JPEG or PNG file"),
            std::string::npos);
  EXPECT_EQ(CaseJson(alnco, id), before);

  const domain::Learner pupil = SchoolPupil(alnco, 1);
  const std::string learner_path = "/learners/" + std::to_string(pupil.id.value());
  const json cases_before = json::parse(Get(alnco, "/api/v1" + learner_path + "/cases")->body);
  auto concern = Upload(alnco, learner_path + "/concerns",
                        {{"source", "teacher", "", ""},
                         {"raised_by", "Mr Dafydd Owen", "", ""},
                         {"brought_on-day", "2", "", ""},
                         {"brought_on-month", "11", "", ""},
                         {"brought_on-year", "2026", "", ""},
                         {"brought_to", "school", "", ""},
                         {"description", "Struggles with reading", "", ""},
                         {"document", "#!/bin/sh\n", "notes.sh", "text/x-shellscript"}});
  ASSERT_EQ(concern->status, 422);
  EXPECT_EQ(FieldError(concern->body, "document"),
            "The file must be a PDF, Word, OpenDocument, text, JPEG or PNG file");
  EXPECT_EQ(json::parse(Get(alnco, "/api/v1" + learner_path + "/cases")->body), cases_before);

  // A PDF is accepted and listed.
  auto accepted = Upload(alnco, CasePath(id) + "/documents",
                         {{"document", "%PDF-1.4\n%%EOF\n", "ep-report.pdf", "application/pdf"}});
  ASSERT_EQ(accepted->status, 303);
  EXPECT_NE(Element(CasePage(alnco, id), "case-documents", "</ul>").find("ep-report.pdf"),
            std::string::npos);
}

// ---- Who sees what ----

TEST_F(CasePages, ATeacherSeesTheStatusButNotTheDescriptionOrTheTest) {
  Session teacher = SignIn("teacher");
  Session alnco = SignIn("alnco");
  const json demo = DemoCase("awaiting_notice");
  const long long id = demo["id"].get<long long>();
  ASSERT_GT(id, 0);
  const std::string description = demo["concern"]["description"];
  const std::string evidence = demo["decisions"][0]["test"]["greater_difficulty_evidence"];
  ASSERT_FALSE(evidence.empty());

  const std::string page = CasePage(teacher, id);
  EXPECT_EQ(TextOf(Element(page, "case-stage", "</strong>")), "Notice due");
  const std::string text = TextOf(page);
  EXPECT_EQ(text.find(description), std::string::npos);
  EXPECT_EQ(text.find(evidence), std::string::npos);
  EXPECT_EQ(text.find("Structured literacy programme"), std::string::npos);
  const json k = CaseJson(teacher, id);
  EXPECT_EQ(k["stage"], "awaiting_notice");
  EXPECT_FALSE(k["concern"].contains("description"));
  EXPECT_FALSE(k.contains("decisions"));
  EXPECT_EQ(Get(teacher, CasePath(id) + "/notices/0.pdf?lang=en")->status, 403);
  EXPECT_EQ(Get(teacher, CasePath(id) + "/decision")->status, 403);

  const std::string full = TextOf(CasePage(alnco, id));
  EXPECT_NE(full.find(description), std::string::npos) << "the ALNCo sees the detail";
  EXPECT_NE(full.find(evidence), std::string::npos);
}

TEST_F(CasePages, AParentSeesTheirChildsCaseAndNoticeButNotOthers) {
  Session alnco = SignIn("alnco");
  Session parent = SignIn("parent");
  ASSERT_TRUE(parent.user.family_member.has_value());
  domain::Learner child;
  for (const auto& l : AllLearners())
    for (const auto& link : l.family)
      if (link.member == *parent.user.family_member && l.legal_first_name == "Mali") child = l;
  ASSERT_TRUE(child.id.valid()) << "the demo parent's daughter Mali";

  json k = RaiseByApi(alnco, child, "2026-10-05");
  const long long id = k["id"].get<long long>();
  ASSERT_GT(id, 0);
  k = ApiStep(alnco, id, "decision", NoAlnAnswersJson("2026-11-12", k["version"].get<int>()));
  k = ApiStep(alnco, id, "notice",
              {{"method", "email"}, {"sent_on", "2026-11-13"}, {"version", k["version"]}});
  ASSERT_EQ(k["notices"].size(), 1u);
  EXPECT_EQ(k["notices"][0]["language"], "cy") << "the family's language";

  const std::string page = CasePage(parent, id);
  EXPECT_EQ(TextOf(Element(page, "case-stage", "</strong>")), "Hysbysiad wedi'i roi");
  EXPECT_NE(
      Decoded(Element(page, "case-notices", "</table>")).find(CasePath(id) + "/notices/1.pdf"),
      std::string::npos);
  const std::string notice = Pdf(parent, CasePath(id) + "/notices/1.pdf");
  EXPECT_NE(notice.find("nid oes gan " + child.DisplayName() + " anghenion dysgu ychwanegol"),
            std::string::npos)
      << notice;
  EXPECT_EQ(CaseJson(parent, id)["stage"], "notice_given");
  EXPECT_EQ(ApiStep(parent, id, "reconsideration",
                    {{"requested_by", "Elin ap Rhys"},
                     {"grounds", "We disagree"},
                     {"requested_on", "2026-11-19"},
                     {"version", k["version"]}},
                    403)["code"],
            "case_error_not_la")
      << "the LA records the request";

  // A demo case about a learner who is not the parent's child.
  std::set<long long> children;
  for (const auto& l : AllLearners())
    for (const auto& link : l.family)
      if (link.member == *parent.user.family_member) children.insert(l.id.value());
  Session officer = SignIn("la.officer");
  long long other = 0;
  for (long long n = 1; n <= 4 && other == 0; ++n) {
    const json demo = CaseJson(officer, n);
    if (demo.contains("learner_id") && children.count(demo["learner_id"].get<long long>()) == 0)
      other = n;
  }
  ASSERT_GT(other, 0);
  EXPECT_EQ(Get(parent, CasePath(other))->status, 403);
  EXPECT_EQ(Get(parent, CasePath(other) + "/notices/1.pdf")->status, 403);
}

TEST_F(CasePages, AGovernorAndAnotherLasOfficerCannotOpenTheCaseOrItsNotice) {
  const json demo = DemoCase("notice_given");
  const long long id = demo["id"].get<long long>();
  ASSERT_GT(id, 0);
  for (const char* username : {"governor", "other.la.officer"}) {
    SCOPED_TRACE(username);
    Session s = SignIn(username);
    auto page = Get(s, CasePath(id));
    EXPECT_EQ(page->status, 403);
    EXPECT_NE(TextOf(page->body).find("You do not have access"), std::string::npos);
    auto api = Get(s, ApiPath(id));
    EXPECT_EQ(api->status, 403);
    EXPECT_EQ(ProblemCode(api->body), "forbidden");
    EXPECT_EQ(Get(s, CasePath(id) + "/notices/1.pdf?lang=en")->status, 403);
    EXPECT_EQ(
        Get(s, "/api/v1/learners/" + std::to_string(demo["learner_id"].get<long long>()) + "/cases")
            ->status,
        403);
  }
}

}  // namespace
}  // namespace cynnal::testing
