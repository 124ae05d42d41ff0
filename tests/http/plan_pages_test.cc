// What a caseworker, a family and a young person notice about individual development plans: a
// school plan written section by section through its task list, held back by quality checks until
// they are met or overridden with reasons, finalised, reviewed a year later, revised and compared
// with the version before; an earlier review asked for by a parent and answered; a plan ceased
// with notice of the right to ask the LA to reconsider; a plan moving with the learner to a new
// school and to a further education institution; two people saving the same section; the plan and
// its One Page Profile as PDFs in English and Welsh; One Page Profiles for learners without a
// plan; legacy SEN records and the LA's report of their move to the ALN system.
//
// The fixture's today is Friday 20 November 2026 (autumn term). The demo gives Mali ap Rhys (the
// "parent" account's daughter, Year 5 at Ysgol Gymraeg Bryn Derw) a school plan in force with one
// element of provision by the school and one by an NHS body, and a draft started from a case for
// another pupil of the school.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "domain/aln_responsibility.h"
#include "domain/learner.h"
#include "html_text.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

using nlohmann::json;

const char* const kBrynDerw = "Ysgol Gymraeg Bryn Derw";
const char* const kNantYWern = "Ysgol Gymraeg Nant y Wern";
const char* const kCastleView = "Castle View Primary School";
const char* const kCynnalHigh = "Cynnal Vale High School";
const char* const kColeg = "Coleg Cynnal";

// The text of each row of a table.
std::vector<std::string> RowTexts(const std::string& table) {
  std::vector<std::string> out;
  for (const auto& row : Rows(table)) out.push_back(TextOf("<" + row));
  return out;
}

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
  const auto form = Decoded(html).find("action=\"" + action + "\"");
  if (form == std::string::npos) return out;
  const std::string page = Decoded(html);
  const auto end = page.find("</form>", form);
  const std::string body = page.substr(form, end - form);
  const std::string open = "<input type=\"hidden\" name=\"";
  for (auto at = body.find(open); at != std::string::npos; at = body.find(open, at + 1)) {
    const auto name_end = body.find('"', at + open.size());
    const std::string name = body.substr(at + open.size(), name_end - at - open.size());
    const std::string value_open = "value=\"";
    const auto value_at = body.find(value_open, name_end) + value_open.size();
    const auto value_end = body.find('"', value_at);
    if (name != "csrf_token") out.emplace(name, body.substr(value_at, value_end - value_at));
  }
  return out;
}

// How many times `needle` occurs in `haystack`.
int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// "2026-11-02" as the three fields of a date input named `field`.
void AddDate(httplib::Params& params, const std::string& field, const std::string& iso) {
  params.emplace(field + "-day", std::to_string(std::stoi(iso.substr(8, 2))));
  params.emplace(field + "-month", std::to_string(std::stoi(iso.substr(5, 2))));
  params.emplace(field + "-year", iso.substr(0, 4));
}

// The output of a shell command run on a PDF written to a temporary file.
std::string RunOnPdf(const std::string& pdf, const std::string& command_before_file,
                     const std::string& after_file) {
  char name[] = "/tmp/cynnal-plan-XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) return "";
  close(fd);
  {
    std::ofstream out(name, std::ios::binary);
    out << pdf;
  }
  std::string text;
  const std::string command = command_before_file + " " + name + " " + after_file;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
    pclose(pipe);
  }
  std::remove(name);
  return text;
}

// The text of a PDF as `pdftotext -layout` gives it, white space squeezed.
std::string PdfText(const std::string& pdf) {
  return Squeezed(RunOnPdf(pdf, "pdftotext -layout", "- 2>/dev/null"));
}

// The number of pages pdfinfo reports ("" when it cannot read the file).
std::string PdfPages(const std::string& pdf) {
  const std::string info = RunOnPdf(pdf, "pdfinfo", "2>/dev/null");
  const auto at = info.find("Pages:");
  if (at == std::string::npos) return "";
  return Squeezed(info.substr(at + 6, info.find('\n', at) - at - 6));
}

// A paragraph of about `length` characters in the learner's words.
std::string LongText(const std::string& start, std::size_t length) {
  const std::string sentence =
      " I like it when people tell me what is going to happen next and give me time to think"
      " before I answer.";
  std::string text = start;
  while (text.size() + sentence.size() <= length) text += sentence;
  return text;
}

class PlanPages : public WebFixture {
 protected:
  domain::Date Today() { return clock_.Today(); }
  static domain::Date Iso(const std::string& iso) { return *domain::ParseIsoDate(iso); }
  static std::string Id(long long value) { return std::to_string(value); }
  static std::string PlanPath(long long id) { return "/idps/" + Id(id); }

  // Moves the fixture's clock to 10:00 UTC on `iso`.
  void SetToday(const std::string& iso) {
    clock_.Set(domain::Timestamp{std::chrono::sys_days{Iso(iso)}} + std::chrono::hours{10});
  }

  domain::SettingId SettingNamed(const std::string& name) {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& la : (*uow)->LocalAuthorities().List())
      for (const auto& s : (*uow)->Settings().ListByLocalAuthority(la.id))
        if (s.name == name) return s.id;
    ADD_FAILURE() << "the demo has no setting named " << name;
    return {};
  }
  static std::string SettingParam(domain::SettingId id) { return Id(id.value()); }

  domain::Learner LearnerNamed(const std::string& first, const std::string& last) {
    for (const auto& l : AllLearners())
      if (l.legal_first_name == first && l.legal_last_name == last) return l;
    ADD_FAILURE() << "the demo has no learner named " << first << " " << last;
    return {};
  }

  std::vector<domain::Idp> StoredPlans(domain::LearnerId learner) {
    auto uow = store_.Begin(app::TxMode::kRead);
    return (*uow)->Plans().ListForLearner(learner);
  }

  // Pupils of the ALNCo's school, on its roll alone, of compulsory school age, not looked after,
  // with no plan and no legacy record, in year groups `from` to `to`; `n` skips the first ones.
  domain::Learner PupilWithoutPlan(const Session& alnco, int from, int to, std::size_t n = 0) {
    const domain::SettingId bryn = alnco.user.settings.front();
    std::size_t seen = 0;
    for (const auto& l : AllLearners()) {
      if (l.looked_after || l.electively_home_educated || l.registrations.size() != 1) continue;
      const auto& r = l.registrations.front();
      if (r.setting != bryn || !r.ActiveOn(Today())) continue;
      const int year = domain::YearGroupOn(l.date_of_birth, Today());
      if (year < from || year > to) continue;
      if (!domain::MayAccessLearner(alnco.user, domain::LearnerAction::kUpdate, l, Today()))
        continue;
      if (!StoredPlans(l.id).empty()) continue;
      {
        auto uow = store_.Begin(app::TxMode::kRead);
        if ((*uow)->Plans().GetLegacyForLearner(l.id)) continue;
      }
      if (seen++ == n) return l;
    }
    ADD_FAILURE() << "no pupil number " << n << " without a plan in years " << from << "-" << to;
    return {};
  }

  // The demo's plan with `status` ("draft", "in_force"), as the ALNCo sees it.
  long long DemoPlan(const Session& alnco, const std::string& status) {
    for (long long id = 1; id <= 10; ++id) {
      auto res = Get(alnco, "/api/v1/idps/" + Id(id));
      if (!res || res->status != 200) continue;
      json p = json::parse(res->body);
      if (p["status"] == status && p["body"] == "school") return id;
    }
    ADD_FAILURE() << "the demo has no school plan that is " << status;
    return 0;
  }

  // The id of the learner's only plan, as `s` sees it through the API.
  long long PlanOf(const Session& s, const domain::Learner& learner) {
    auto res = Get(s, "/api/v1/learners/" + Id(learner.id.value()) + "/idps");
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET plans of " << learner.DisplayName() << ": "
                    << (res ? std::to_string(res->status) + " " + res->body : "no response");
      return 0;
    }
    json items = json::parse(res->body)["items"];
    if (items.size() != 1u) {
      ADD_FAILURE() << learner.DisplayName() << " has " << items.size() << " plans: " << res->body;
      return 0;
    }
    return items[0]["id"].get<long long>();
  }

  json PlanJson(const Session& s, long long id) {
    auto res = Get(s, "/api/v1/idps/" + Id(id));
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET plan " << id << ": "
                    << (res ? std::to_string(res->status) + " " + res->body : "no response");
      return json::object();
    }
    return json::parse(res->body);
  }

  // A page that must answer 200.
  std::string Page(const Session& s, const std::string& path) {
    auto res = Get(s, path);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << path << ": "
                    << (res ? std::to_string(res->status) + "\n" +
                                  TextOf(Element(res->body, "main-content", "</main>"))
                            : "no response");
      return "";
    }
    return res->body;
  }

  // Posts a form as a browser sends it: every form of the plan pages is multipart/form-data (a
  // long answer is over the HTTP library's 8 KB limit for URL-encoded forms); URL-encoded when
  // `multipart` is false, for the forms of other pages.
  httplib::Result Submit(const Session& s, const std::string& path, httplib::Params params,
                         bool multipart) {
    if (!multipart) return PostForm(s, path, std::move(params));
    httplib::MultipartFormDataItems items;
    for (const auto& [name, value] : params) items.push_back({name, value, "", ""});
    items.push_back({"csrf_token", s.csrf, "", ""});
    auto client = Client();
    return client.Post(path, {{"Cookie", s.cookie}}, items);
  }

  // Posts a form and answers where the 303 leads ("" and a failure otherwise).
  std::string PostStep(const Session& s, const std::string& path, httplib::Params params,
                       bool multipart = true) {
    auto res = Submit(s, path, std::move(params), multipart);
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

  // Posts a form that must be refused with `status`; answers the page.
  std::string PostRefused(const Session& s, const std::string& path, httplib::Params params,
                          int status, bool multipart = true) {
    auto res = Submit(s, path, std::move(params), multipart);
    if (!res) {
      ADD_FAILURE() << "POST " << path << ": no response";
      return "";
    }
    EXPECT_EQ(res->status, status) << "POST " << path << "\n"
                                   << TextOf(Element(res->body, "main-content", "</main>"));
    return res->body;
  }

  // Posts a form with extra headers, as the page's script does (FormData, with X-Autosave).
  httplib::Result PostWithHeaders(const Session& s, const std::string& path, httplib::Params params,
                                  httplib::Headers headers) {
    httplib::MultipartFormDataItems items;
    for (const auto& [name, value] : params) items.push_back({name, value, "", ""});
    items.push_back({"csrf_token", s.csrf, "", ""});
    headers.emplace("Cookie", s.cookie);
    auto client = Client();
    return client.Post(path, headers, items);
  }

  // The hidden "version" a step's page offers.
  std::string StepVersion(const Session& s, long long id, const std::string& step) {
    return HiddenValue(Page(s, PlanPath(id) + "/" + step), "version");
  }

  // The hidden "revision" a section's or an element's page offers.
  std::string PageRevision(const Session& s, const std::string& path) {
    return HiddenValue(Page(s, path), "revision");
  }

  // Saves one section through its page, with the revision the page offers.
  void SaveSection(const Session& s, long long id, const std::string& section,
                   httplib::Params params) {
    const std::string path = PlanPath(id) + "/sections/" + section;
    params.emplace("revision", PageRevision(s, path));
    EXPECT_EQ(PostStep(s, path, std::move(params)), PlanPath(id) + "?done=section_saved")
        << section;
  }

  static httplib::Params AboutAnswers(const std::string& communication) {
    return {{"coordinator", "Mrs Eleri Prosser"},
            {"coordinator_role", "ALNCo"},
            {"coordinator_contact", "01234 567890, alnco@brynderw.example"},
            {"communication", communication}};
  }

  static httplib::Params ProfileAnswers(const std::string& admired, const std::string& important,
                                        const std::string& support) {
    return {{"admired", admired},
            {"important", important},
            {"support", support},
            {"written_with", "Mam and Mrs Prosser"}};
  }

  // Every section of the task list written through its page (2B is added element by element).
  void WriteEverySection(const Session& s, long long id) {
    SaveSection(s, id, "about", AboutAnswers("Letters in Welsh; Dad prefers a text message."));
    SaveSection(s, id, "profile",
                ProfileAnswers("Kind, patient with younger children and brilliant at Lego.",
                               "My gran, my cat Smwt and knowing the plan for the day.",
                               "Show me a picture timetable and let me use my reading ruler."));
    httplib::Params needs{{"areas", "cognition_learning"},
                          {"types", "dyslexia"},
                          {"description",
                           "Significant difficulty decoding and spelling; reading age about two "
                           "years below chronological age; strong spoken vocabulary."}};
    SaveSection(s, id, "needs", needs);
    httplib::Params information{{"title_1", "Educational psychologist's report"},
                                {"from_1", "Dr Gareth Hughes"}};
    AddDate(information, "dated_1", "2026-10-05");
    SaveSection(s, id, "information", information);
    httplib::Params timeline{{"what_1", "Concern raised by the class teacher"}};
    AddDate(timeline, "on_1", "2026-09-21");
    SaveSection(s, id, "timeline", timeline);
    SaveSection(s, id, "transition",
                {{"transition", "Meets next year's teacher three times in the summer term."},
                 {"transport", "Walks to school with a parent."}});
  }

  // An element of provision by the school; `complete` false leaves out how much and why.
  static httplib::Params ElementAnswers(bool complete) {
    httplib::Params p{
        {"outcome", "Read a Year 3 level text aloud with 95% accuracy"},
        {"measure", "Running record each half term"},
        {"provision", "Structured phonics programme with a trained teaching assistant"},
        {"sessions", "3"},
        {"per", "week"},
        {"group", "small_group"},
        {"in_welsh", "yes"},
        {"provider", "school"},
        {"provider_name", kBrynDerw},
        {"minutes", complete ? "30" : ""},
        {"rationale", complete ? "Phonics screening shows decoding is the gap; small-"
                                 "group work has helped before."
                               : ""}};
    AddDate(p, "outcome_by", "2027-07-16");
    AddDate(p, "starts_on", "2026-11-23");
    AddDate(p, "review_on", "2027-07-16");
    return p;
  }

  // Finalises the draft through its page; answers where the form leads.
  std::string Finalise(const Session& s, long long id, const std::string& sent_on,
                       const std::string& change_summary = "",
                       const std::string& override_reasons = "") {
    httplib::Params p{{"method", "email"}, {"version", StepVersion(s, id, "finalise")}};
    AddDate(p, "sent_on", sent_on);
    if (!change_summary.empty()) p.emplace("change_summary", change_summary);
    if (!override_reasons.empty()) p.emplace("override_reasons", override_reasons);
    return PostStep(s, PlanPath(id) + "/finalise", p);
  }

  // Starts a plan through the learner's page: answers its id.
  long long StartPlan(const Session& s, const domain::Learner& learner, const std::string& body,
                      const std::string& setting) {
    const std::string learner_path = "/learners/" + Id(learner.id.value());
    EXPECT_TRUE(Links(Page(s, learner_path), learner_path + "/idps/new"));
    EXPECT_EQ(Get(s, learner_path + "/idps/new")->status, 200);
    const std::string to =
        PostStep(s, learner_path + "/idps", {{"body", body}, {"setting", setting}});
    if (to.rfind("/idps/", 0) != 0) return 0;
    EXPECT_NE(to.find("?done=started"), std::string::npos) << to;
    return std::stoll(to.substr(6));
  }

  // Registers the learner at `setting` from `start`, as the LA officer.
  void Register(const domain::Learner& learner, domain::SettingId setting,
                const std::string& start) {
    Session officer = SignIn("la.officer");
    httplib::Params p{{"registration_setting", SettingParam(setting)}};
    AddDate(p, "registration_start", start);
    EXPECT_EQ(PostStep(officer, "/learners/" + Id(learner.id.value()) + "/registrations/new", p),
              "/learners/" + Id(learner.id.value()) + "?saved=1");
  }

  // The task list's row for `section`, as text ("Details and contacts Completed").
  static std::string Task(const std::string& page, const std::string& section) {
    const std::string list = Element(page, "plan-tasks", "</ul>");
    std::size_t at = list.find("<li");
    while (at != std::string::npos) {
      const auto next = list.find("<li", at + 3);
      const std::string text =
          TextOf(list.substr(at, next == std::string::npos ? next : next - at));
      if (text.rfind(section, 0) == 0) return text;
      at = next;
    }
    return "";
  }

  // The answers of an annual review with everyone required invited and the learner present.
  httplib::Params ReviewAnswers(const Session& s, long long id, const std::string& held_on,
                                const std::string& decision) {
    const std::string page = Page(s, PlanPath(id) + "/reviews");
    httplib::Params p{{"trigger", "annual"},
                      {"learner_views", "I can read my reading book to Mam now."},
                      {"family_views", "Reading at home is much calmer."},
                      {"decision", decision},
                      {"reasons", "Good progress in reading; spelling now needs the focus."},
                      {"version", HiddenValue(page, "version")}};
    AddDate(p, "held_on", held_on);
    const int required = Count(page, "name=\"invited_");
    EXPECT_GE(required, 3) << "the learner, the family and the school are invited";
    for (int n = 1; n <= required; ++n) p.emplace("invited_" + Id(n), "yes");
    p.emplace("attended_1", "yes");
    const json plan = PlanJson(s, id);
    for (const auto& e : plan["versions"].back()["content"]["elements"]) {
      const std::string key = Id(e["key"].get<long long>());
      p.emplace("rating_" + key, "good");
      p.emplace("note_" + key, "Running record accuracy up from 82% to 93%.");
    }
    return p;
  }

  std::string Pdf(const Session& s, const std::string& path, std::string* bytes = nullptr) {
    auto res = Get(s, path);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << path << ": "
                    << (res ? std::to_string(res->status) : "no response");
      return "";
    }
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf") << path;
    EXPECT_EQ(res->body.rfind("%PDF", 0), 0u) << path;
    if (bytes) *bytes = res->body;
    return PdfText(res->body);
  }

  std::string Cy(const std::string& id) { return catalog_->Get(http::Lang::kCy, id); }
};

// ---- A school plan from start to its second version ----

TEST_F(PlanPages, AlncoWritesASchoolPlanThroughTheTaskListThenReviewsAndRevisesItAYearLater) {
  Session alnco = SignIn("alnco");
  const domain::Learner pupil = PupilWithoutPlan(alnco, 1, 3);
  ASSERT_TRUE(pupil.id.valid());
  const long long id = StartPlan(alnco, pupil, "school", SettingParam(alnco.user.settings.front()));
  ASSERT_GT(id, 0);

  std::string page = Page(alnco, PlanPath(id) + "?done=started");
  EXPECT_EQ(TextOf(Element(page, "plan-status", "</strong>")), "Being written");
  EXPECT_EQ(TextOf(Element(page, "plan-maintainer", "</p>")),
            std::string("Maintained by the school: ") + kBrynDerw);
  EXPECT_EQ(Task(page, "Details and contacts"), "Details and contacts Not yet started");
  EXPECT_EQ(Task(page, "Provision by an NHS body"), "Provision by an NHS body Not needed");
  EXPECT_EQ(Task(page, "School or institution named"), "School or institution named Not needed");
  EXPECT_NE(TextOf(Element(page, "plan-flag-count", "</p>")).find("quality checks are not met"),
            std::string::npos);
  EXPECT_TRUE(Links(page, PlanPath(id) + "/sections/about"));
  EXPECT_TRUE(Links(page, PlanPath(id) + "/finalise"));

  WriteEverySection(alnco, id);
  page = Page(alnco, PlanPath(id));
  for (const char* section :
       {"Details and contacts", "One Page Profile (About me)",
        "Description of additional learning needs", "Record of information used",
        "Timeline of key events", "Transition and transport"}) {
    EXPECT_EQ(Task(page, section), std::string(section) + " Completed");
  }
  EXPECT_EQ(Task(page, "Additional learning provision"),
            "Additional learning provision 1 to check Not yet started");

  // An element that does not say how much or why: flagged with the Code's paragraphs.
  httplib::Params element = ElementAnswers(false);
  element.emplace("revision", PageRevision(alnco, PlanPath(id) + "/elements/new"));
  EXPECT_EQ(PostStep(alnco, PlanPath(id) + "/elements", element),
            PlanPath(id) + "?done=element_saved");
  json plan = PlanJson(alnco, id);
  ASSERT_EQ(plan["draft"]["elements"].size(), 1u);
  const long long key = plan["draft"]["elements"][0]["key"].get<long long>();
  const std::string element_path = PlanPath(id) + "/elements/" + Id(key);
  const std::string element_flags =
      TextOf(Element(Page(alnco, element_path), "section-flags", "</div>"));
  EXPECT_NE(element_flags.find(
                "The provision does not say how much (minutes each session). (Code 23.37)"),
            std::string::npos)
      << element_flags;
  EXPECT_NE(element_flags.find("The plan does not say why this provision is needed. (Code 23.42)"),
            std::string::npos)
      << element_flags;
  page = Page(alnco, PlanPath(id));
  EXPECT_EQ(Task(page, "Additional learning provision"),
            "Additional learning provision 2 to check Incomplete");

  // Finalising is held back until the checks are met or overridden with reasons.
  const std::string finalise_page = TextOf(Page(alnco, PlanPath(id) + "/finalise"));
  EXPECT_NE(finalise_page.find("2 quality checks are not met."), std::string::npos)
      << finalise_page;
  EXPECT_NE(finalise_page.find("Additional learning provision: Read a Year 3 level text aloud with "
                               "95% accuracy – The provision does not say how much (minutes each "
                               "session). (Code 23.37)"),
            std::string::npos)
      << finalise_page;
  httplib::Params early{{"method", "email"}, {"version", StepVersion(alnco, id, "finalise")}};
  AddDate(early, "sent_on", "2026-11-20");
  const std::string refused = PostRefused(alnco, PlanPath(id) + "/finalise", early, 422);
  EXPECT_EQ(FieldError(refused, "override_reasons"),
            "Quality checks are not met. Correct the plan, or record why it is given as it is.");
  EXPECT_EQ(PlanJson(alnco, id)["status"], "draft");
  EXPECT_TRUE(PlanJson(alnco, id)["versions"].empty());

  // Corrected: every check met, the plan is finalised and given.
  element = ElementAnswers(true);
  element.emplace("revision", PageRevision(alnco, element_path));
  EXPECT_EQ(PostStep(alnco, element_path, element), PlanPath(id) + "?done=element_saved");
  page = Page(alnco, PlanPath(id));
  EXPECT_EQ(TextOf(Element(page, "plan-flag-count", "</p>")),
            "Every quality check is met: the plan can be finalised.");
  EXPECT_EQ(Task(page, "Additional learning provision"), "Additional learning provision Completed");
  EXPECT_NE(TextOf(Page(alnco, PlanPath(id) + "/finalise")).find("Every quality check is met."),
            std::string::npos);
  EXPECT_EQ(Finalise(alnco, id, "2026-11-20"), PlanPath(id) + "?done=finalised");

  page = Page(alnco, PlanPath(id) + "?done=finalised");
  EXPECT_EQ(TextOf(Element(page, "plan-status", "</strong>")), "In force");
  EXPECT_EQ(TextOf(Element(page, "plan-review-due", "</p>")),
            "The plan must be reviewed by 19 November 2027 (12 months from 20 November 2026, Act "
            "s.23).");
  EXPECT_TRUE(Element(page, "plan-tasks", "</ul>").empty()) << "no draft once it is given";
  auto versions = RowTexts(Element(page, "plan-versions", "</table>"));
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_NE(versions[0].find("20 November 2026 (By email)"), std::string::npos) << versions[0];
  EXPECT_NE(versions[0].find("The first plan"), std::string::npos) << versions[0];
  EXPECT_NE(TextOf(Element(page, "plan-timeline", "</ol>")).find("Version 1 finalised and given"),
            std::string::npos);
  plan = PlanJson(alnco, id);
  EXPECT_EQ(plan["status"], "in_force");
  ASSERT_EQ(plan["versions"].size(), 1u);
  EXPECT_TRUE(plan["versions"][0]["flags"].empty());
  EXPECT_EQ(plan["review_period_starts_on"], "2026-11-20");

  // A year on: the annual review decides to revise the plan.
  SetToday("2027-11-12");
  alnco = SignIn("alnco");
  EXPECT_EQ(
      PostStep(alnco, PlanPath(id) + "/reviews", ReviewAnswers(alnco, id, "2027-11-10", "revise")),
      PlanPath(id) + "?done=reviewed");
  page = Page(alnco, PlanPath(id));
  const std::string reviews = TextOf(Element(page, "plan-reviews", "</dl>"));
  EXPECT_NE(reviews.find("10 November 2027"), std::string::npos) << reviews;
  EXPECT_NE(reviews.find("Revise the plan"), std::string::npos) << reviews;
  EXPECT_FALSE(Element(page, "plan-tasks", "</ul>").empty()) << "the revision's task list";
  EXPECT_EQ(PlanJson(alnco, id)["status"], "in_force") << "version 1 stays in force meanwhile";
  EXPECT_EQ(Task(page, "Transition and transport"), "Transition and transport Completed");

  const std::string old_transition = "Meets next year's teacher three times in the summer term.";
  const std::string new_transition =
      "Moves to Ysgol Gyfun Cwm Cynnal in September 2028: six visits with the ALNCo in the summer "
      "term and a transition book with photos.";
  SaveSection(alnco, id, "transition",
              {{"transition", new_transition}, {"transport", "Walks to school with a parent."}});

  // A revised plan says what changed.
  httplib::Params no_summary{{"method", "email"}, {"version", StepVersion(alnco, id, "finalise")}};
  AddDate(no_summary, "sent_on", "2027-11-12");
  EXPECT_EQ(
      FieldError(PostRefused(alnco, PlanPath(id) + "/finalise", no_summary, 422), "change_summary"),
      "Say what changed in this version and why.");
  EXPECT_EQ(Finalise(alnco, id, "2027-11-12", "Transition to secondary school planned"),
            PlanPath(id) + "?done=finalised");

  page = Page(alnco, PlanPath(id));
  versions = RowTexts(Element(page, "plan-versions", "</table>"));
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_NE(versions[1].find("12 November 2027 (By email)"), std::string::npos) << versions[1];
  EXPECT_NE(versions[1].find("Transition to secondary school planned"), std::string::npos)
      << versions[1];
  EXPECT_TRUE(Links(page, PlanPath(id) + "/compare?from=1&to=2"));
  EXPECT_EQ(TextOf(Element(page, "plan-review-due", "</p>")),
            "The plan must be reviewed by 11 November 2028 (12 months from 12 November 2027, Act "
            "s.23).");

  const std::string compare = Page(alnco, PlanPath(id) + "/compare?from=1&to=2");
  const auto changes = Rows(Element(compare, "plan-changes", "</table>"));
  ASSERT_EQ(changes.size(), 1u) << TextOf(compare);
  EXPECT_EQ(changes[0].rfind(" data-field=\"transition\"", 0), 0u) << changes[0];
  const std::string change = TextOf("<" + changes[0]);
  EXPECT_EQ(change, "Transition and transport Transition arrangements " + old_transition + " " +
                        new_transition);
  EXPECT_NE(Decoded(changes[0]).find("<del>" + old_transition + "</del>"), std::string::npos);
  EXPECT_NE(Decoded(changes[0]).find("<ins>" + new_transition + "</ins>"), std::string::npos);
}

// ---- Requests for an earlier review ----

TEST_F(PlanPages, AParentAsksForAnEarlierReviewAndTheAlncoAnswersIt) {
  Session alnco = SignIn("alnco");
  Session parent = SignIn("parent");
  const domain::Learner mali = LearnerNamed("Mali", "ap Rhys");
  const long long id = PlanOf(alnco, mali);
  ASSERT_GT(id, 0);
  ASSERT_EQ(PlanJson(alnco, id)["status"], "in_force");

  // The school is revising the plan: the family sees the plan in force, not the draft.
  const std::string revise = Page(alnco, PlanPath(id));
  httplib::Params hidden = HiddenInputs(revise, PlanPath(id) + "/revise");
  ASSERT_FALSE(hidden.empty()) << "the plan's page offers to revise it";
  EXPECT_EQ(PostStep(alnco, PlanPath(id) + "/revise", hidden),
            PlanPath(id) + "?done=revision_started");
  const std::string draft_text = "Draft only: ring Mam on Tuesdays.";
  SaveSection(alnco, id, "about", AboutAnswers(draft_text));

  std::string page = Page(parent, PlanPath(id));
  EXPECT_EQ(TextOf(Element(page, "plan-status", "</strong>")), Cy("idp_status_in_force"));
  EXPECT_TRUE(Element(page, "plan-tasks", "</ul>").empty());
  EXPECT_EQ(page.find("Draft only"), std::string::npos);
  EXPECT_TRUE(PlanJson(parent, id)["draft"].is_null());
  EXPECT_EQ(Get(parent, PlanPath(id) + "/versions/0.pdf?lang=cy")->status, 403);
  EXPECT_EQ(Get(parent, PlanPath(id) + "/sections/about")->status, 403);
  EXPECT_TRUE(Links(page, PlanPath(id) + "/versions/1.pdf?lang=cy"));
  ASSERT_TRUE(Links(page, PlanPath(id) + "/review-requests"));

  const std::string reasons =
      "Mali has become anxious about reading aloud since the new term and the therapy visits "
      "have stopped.";
  EXPECT_EQ(
      PostStep(parent, PlanPath(id) + "/review-requests",
               {{"reasons", reasons}, {"version", StepVersion(parent, id, "review-requests")}}),
      PlanPath(id) + "?done=review_requested");

  page = Page(alnco, PlanPath(id));
  std::string requests = TextOf(Element(page, "plan-requests", "</dl>"));
  EXPECT_NE(requests.find("Request 1, 20 November 2026"), std::string::npos) << requests;
  EXPECT_NE(requests.find("A parent: Elin ap Rhys"), std::string::npos) << requests;
  EXPECT_NE(requests.find(reasons), std::string::npos) << requests;
  EXPECT_NE(requests.find("Waiting for an answer"), std::string::npos) << requests;
  ASSERT_TRUE(Links(page, PlanPath(id) + "/review-requests/1/answer"));

  // "Not needed" must say why.
  const std::string answer_path = PlanPath(id) + "/review-requests/1/answer";
  httplib::Params unnecessary{{"answer", "unnecessary"},
                              {"reasons", ""},
                              {"version", StepVersion(alnco, id, "review-requests/1/answer")}};
  AddDate(unnecessary, "answered_on", "2026-11-20");
  EXPECT_EQ(FieldError(PostRefused(alnco, answer_path, unnecessary, 422), "reasons"),
            "Give the reasons a review is not needed.");
  const std::string why_not =
      "The annual review is already booked for 8 January 2027; the therapy visits restart in "
      "December.";
  unnecessary.erase("reasons");
  unnecessary.emplace("reasons", why_not);
  EXPECT_EQ(PostStep(alnco, answer_path, unnecessary), PlanPath(id) + "?done=request_answered");

  page = Page(alnco, PlanPath(id));
  requests = TextOf(Element(page, "plan-requests", "</dl>"));
  EXPECT_NE(requests.find("A review was not needed"), std::string::npos) << requests;
  EXPECT_NE(requests.find(why_not), std::string::npos) << requests;
  EXPECT_FALSE(Links(page, answer_path));
  std::string timeline = TextOf(Element(page, "plan-timeline", "</ol>"));
  EXPECT_NE(timeline.find("20 November 2026 : Earlier review requested"), std::string::npos)
      << timeline;
  EXPECT_NE(timeline.find("20 November 2026 : Request for a review answered"), std::string::npos)
      << timeline;

  // The family reads the answer, in Welsh.
  page = Page(parent, PlanPath(id));
  requests = TextOf(Element(page, "plan-requests", "</dl>"));
  EXPECT_NE(requests.find(Cy("request_state_unnecessary")), std::string::npos) << requests;
  EXPECT_NE(requests.find(why_not), std::string::npos) << requests;
  timeline = TextOf(Element(page, "plan-timeline", "</ol>"));
  EXPECT_NE(timeline.find(Cy("idp_event_review_requested")), std::string::npos) << timeline;
  EXPECT_NE(timeline.find(Cy("idp_event_request_answered")), std::string::npos) << timeline;

  // Asked again a week later, the school agrees to review.
  SetToday("2026-11-27");
  parent = SignIn("parent");
  alnco = SignIn("alnco");
  EXPECT_EQ(PostStep(parent, PlanPath(id) + "/review-requests",
                     {{"reasons", "The anxiety is worse: Mali will not go into school."},
                      {"version", StepVersion(parent, id, "review-requests")}}),
            PlanPath(id) + "?done=review_requested");
  httplib::Params review{{"answer", "review"},
                         {"reasons", "We will meet on 4 December."},
                         {"version", StepVersion(alnco, id, "review-requests/2/answer")}};
  AddDate(review, "answered_on", "2026-11-27");
  EXPECT_EQ(PostStep(alnco, PlanPath(id) + "/review-requests/2/answer", review),
            PlanPath(id) + "?done=request_answered");
  requests = TextOf(Element(Page(alnco, PlanPath(id)), "plan-requests", "</dl>"));
  EXPECT_NE(requests.find("Request 2, 27 November 2026"), std::string::npos) << requests;
  EXPECT_NE(requests.find("A review will be held"), std::string::npos) << requests;
  json plan = PlanJson(alnco, id);
  ASSERT_EQ(plan["review_requests"].size(), 2u);
  EXPECT_EQ(plan["review_requests"][0]["state"], "unnecessary");
  EXPECT_EQ(plan["review_requests"][1]["state"], "accepted");
  EXPECT_EQ(plan["review_requests"][1]["by"], "parent");
}

// ---- Ceasing a plan ----

TEST_F(PlanPages, ASchoolCeasesAPlanWithNoticeOfFourWeeksToAskTheLaToReconsider) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = LearnerNamed("Mali", "ap Rhys");
  const long long id = PlanOf(alnco, mali);
  ASSERT_GT(id, 0);
  const std::string form = TextOf(Page(alnco, PlanPath(id) + "/cease"));
  EXPECT_NE(form.find("4 weeks to ask the local authority to reconsider (Regs reg 12)"),
            std::string::npos)
      << form;

  httplib::Params p{
      {"reasons", ""}, {"method", "email"}, {"version", StepVersion(alnco, id, "cease")}};
  AddDate(p, "decided_on", "2026-11-19");
  AddDate(p, "sent_on", "2026-11-20");
  EXPECT_EQ(FieldError(PostRefused(alnco, PlanPath(id) + "/cease", p, 422), "reasons"),
            "Say why the plan is no longer needed.");
  const std::string reasons =
      "Mali now reads at the level expected for her age and no longer needs additional learning "
      "provision; universal support in class meets her needs.";
  p.erase("reasons");
  p.emplace("reasons", reasons);
  EXPECT_EQ(PostStep(alnco, PlanPath(id) + "/cease", p), PlanPath(id) + "?done=ceased");

  // Given by email on Friday 20 November: 4 weeks beginning the next day end on 18 December.
  const std::string page = Page(alnco, PlanPath(id) + "?done=ceased");
  EXPECT_EQ(TextOf(Element(page, "plan-status", "</strong>")), "Ceased");
  const std::string other = TextOf(Element(page, "plan-other", "</dl>"));
  EXPECT_NE(other.find(reasons), std::string::npos) << other;
  EXPECT_NE(other.find("The family may ask the local authority to reconsider by 18 December 2026."),
            std::string::npos)
      << other;
  EXPECT_TRUE(Links(page, PlanPath(id) + "/cessation.pdf?lang=en"));
  EXPECT_TRUE(Links(page, PlanPath(id) + "/cessation.pdf?lang=cy"));
  EXPECT_FALSE(Links(page, PlanPath(id) + "/reviews"));
  EXPECT_TRUE(Element(page, "plan-review-due", "</p>").empty());
  EXPECT_NE(TextOf(Element(page, "plan-timeline", "</ol>")).find("Plan ceased"), std::string::npos);
  const json plan = PlanJson(alnco, id);
  EXPECT_EQ(plan["status"], "ceased");
  EXPECT_EQ(plan["cessation"]["reconsider_by"], "2026-12-18");
  EXPECT_TRUE(plan["cessation"]["appeal_by"].is_null()) << "no tribunal appeal against a school";
  EXPECT_EQ(Get(alnco, PlanPath(id) + "/cease")->status, 403);

  const std::string english = Pdf(alnco, PlanPath(id) + "/cessation.pdf?lang=en");
  EXPECT_NE(english.find(reasons), std::string::npos) << english;
  EXPECT_NE(english.find("Your request must reach it by 18 December 2026 (4 weeks, Regs reg 12)"),
            std::string::npos)
      << english;
  const std::string welsh = Pdf(alnco, PlanPath(id) + "/cessation.pdf?lang=cy");
  EXPECT_NE(welsh.find(reasons), std::string::npos) << welsh;
  EXPECT_NE(welsh.find("18 Rhagfyr 2026"), std::string::npos) << welsh;
  EXPECT_NE(welsh.find("ailystyried"), std::string::npos) << welsh;

  // The family reads the same notice.
  Session parent = SignIn("parent");
  EXPECT_NE(Pdf(parent, PlanPath(id) + "/cessation.pdf?lang=cy").find("18 Rhagfyr 2026"),
            std::string::npos);
}

// ---- The plan moves with the learner ----

TEST_F(PlanPages, APlanMovesWithTheLearnerToANewSchoolOnlyOnceTheyAreRegisteredThere) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = LearnerNamed("Mali", "ap Rhys");
  const long long id = PlanOf(alnco, mali);
  ASSERT_GT(id, 0);
  const domain::SettingId nant = SettingNamed(kNantYWern);
  const std::string move_path = PlanPath(id) + "/move";

  auto move = [&](const std::string& kind, domain::SettingId to) {
    httplib::Params p{{"kind", kind},
                      {"to_setting", SettingParam(to)},
                      {"note", "Family moved house in the half term."},
                      {"version", StepVersion(alnco, id, "move")}};
    AddDate(p, "moved_on", "2026-11-20");
    return p;
  };
  EXPECT_EQ(
      FieldError(PostRefused(alnco, move_path, move("new_school", SettingNamed(kCastleView)), 422),
                 "to_setting"),
      "Register the learner at the new school first.");
  EXPECT_EQ(
      FieldError(PostRefused(alnco, move_path, move("fei", SettingNamed(kColeg)), 422), "moved_on"),
      "A plan moves to a further education institution once the learner is past compulsory "
      "school age.");

  Register(mali, nant, "2026-11-16");
  EXPECT_EQ(PostStep(alnco, move_path, move("new_school", nant)), PlanPath(id) + "?done=moved");

  Session officer = SignIn("la.officer");
  const std::string page = Page(officer, PlanPath(id) + "?done=moved");
  EXPECT_EQ(TextOf(Element(page, "plan-maintainer", "</p>")),
            std::string("Maintained by the school: ") + kNantYWern);
  const std::string moves = TextOf(Element(page, "plan-moves", "</dl>"));
  EXPECT_NE(moves.find(std::string("20 November 2026 To a new school, which maintains it: ") +
                       kNantYWern),
            std::string::npos)
      << moves;
  EXPECT_NE(TextOf(Element(page, "plan-timeline", "</ol>")).find("Plan moved with the learner"),
            std::string::npos);
  EXPECT_EQ(TextOf(Element(page, "plan-status", "</strong>")), "In force");
  const json plan = PlanJson(officer, id);
  EXPECT_EQ(plan["body"], "school");
  EXPECT_EQ(plan["setting_id"], nant.value());
  // Bryn Derw's ALNCo no longer maintains it.
  EXPECT_EQ(Get(alnco, PlanPath(id) + "/cease")->status, 403);
}

// Mali's plan was given in January 2026: a move on the Monday she joined her new school (16
// November 2026), after the plan was given and before today, is a date the plan can move on.
TEST_F(PlanPages, ADemoPlanGivenInJanuaryMovesOnADayBeforeToday) {
  Session alnco = SignIn("alnco");
  const domain::Learner mali = LearnerNamed("Mali", "ap Rhys");
  const long long id = PlanOf(alnco, mali);
  ASSERT_GT(id, 0);
  const json plan = PlanJson(alnco, id);
  ASSERT_EQ(plan["versions"].size(), 1u);
  ASSERT_LT(plan["versions"][0]["given_on"].get<std::string>(), "2026-11-16");
  const domain::SettingId nant = SettingNamed(kNantYWern);
  Register(mali, nant, "2026-11-16");
  httplib::Params p{{"kind", "new_school"},
                    {"to_setting", SettingParam(nant)},
                    {"version", StepVersion(alnco, id, "move")}};
  AddDate(p, "moved_on", "2026-11-16");
  EXPECT_EQ(PostStep(alnco, PlanPath(id) + "/move", p), PlanPath(id) + "?done=moved");
  const std::string timeline = TextOf(Element(Page(alnco, PlanPath(id)), "plan-timeline", "</ol>"));
  EXPECT_EQ(timeline.find("20 November 2026 : Plan started"), std::string::npos)
      << "a plan given in January was not started in November: " << timeline;
}

TEST_F(PlanPages, APlanMovesToAFurtherEducationInstitutionWithAnEntitlementOfAtMostTwoYears) {
  Session officer = SignIn("la.officer");
  const domain::SettingId high = SettingNamed(kCynnalHigh);
  const domain::SettingId coleg = SettingNamed(kColeg);
  domain::Learner student;
  for (const auto& l : AllLearners()) {
    if (l.local_authority != officer.user.local_authority || l.registrations.size() != 1) continue;
    if (l.registrations[0].setting != high || !l.registrations[0].ActiveOn(Today())) continue;
    if (!(domain::CompulsorySchoolAgeEnds(l.date_of_birth) < Iso("2026-11-01"))) continue;
    if (!StoredPlans(l.id).empty()) continue;
    student = l;
    break;
  }
  ASSERT_TRUE(student.id.valid()) << "no sixth former at " << kCynnalHigh;

  // A plan the LA maintains, given with its checks overridden (converted from a statement).
  const long long id = StartPlan(officer, student, "la", "");
  ASSERT_GT(id, 0);
  const std::string override_reasons =
      "Converted from a statement: the plan carries over the statement's provision until the "
      "review in January.";
  EXPECT_EQ(Finalise(officer, id, "2026-11-20", "", override_reasons),
            PlanPath(id) + "?done=finalised");
  std::string page = Page(officer, PlanPath(id));
  auto versions = RowTexts(Element(page, "plan-versions", "</table>"));
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_NE(versions[0].find("Finalised with 4 quality checks not met: " + override_reasons),
            std::string::npos)
      << versions[0];

  Register(student, coleg, "2026-11-16");
  auto move = [&](const std::string& until) {
    httplib::Params p{{"kind", "fei"},
                      {"to_setting", SettingParam(coleg)},
                      {"version", StepVersion(officer, id, "move")}};
    AddDate(p, "moved_on", "2026-11-20");
    AddDate(p, "entitlement_until", until);
    return p;
  };
  EXPECT_EQ(FieldError(PostRefused(officer, PlanPath(id) + "/move", move("2028-11-21"), 422),
                       "entitlement_until"),
            "The entitlement ends after the move and at most 2 years later.");
  EXPECT_EQ(PlanJson(officer, id)["body"], "la") << "a refused move changes nothing";
  EXPECT_EQ(PostStep(officer, PlanPath(id) + "/move", move("2028-07-31")),
            PlanPath(id) + "?done=moved");

  page = Page(officer, PlanPath(id));
  EXPECT_EQ(TextOf(Element(page, "plan-maintainer", "</p>")),
            std::string("Maintained by the further education institution: ") + kColeg);
  const std::string moves = TextOf(Element(page, "plan-moves", "</dl>"));
  EXPECT_NE(moves.find(std::string("To a further education institution (post-16): ") + kColeg),
            std::string::npos)
      << moves;
  EXPECT_NE(moves.find("Entitled to further education or training until 31 July 2028"),
            std::string::npos)
      << moves;
  const json plan = PlanJson(officer, id);
  EXPECT_EQ(plan["body"], "fei");
  EXPECT_EQ(plan["setting_id"], coleg.value());
  EXPECT_EQ(plan["entitlement_until"], "2028-07-31");
}

// ---- Two people saving the same section ----

TEST_F(PlanPages, TheSecondOfTwoSavesOfTheSameSectionIsRefusedShowingBothTexts) {
  Session first = SignIn("alnco");
  Session second = SignIn("alnco");
  const long long id = DemoPlan(first, "draft");
  ASSERT_GT(id, 0);
  const std::string path = PlanPath(id) + "/sections/about";
  EXPECT_EQ(PageRevision(first, path), "0");
  EXPECT_EQ(PageRevision(second, path), "0");

  const std::string theirs = "Phone Mam after 3pm; letters in Welsh.";
  const std::string yours = "Email both parents, in English and in Welsh.";
  httplib::Params a = AboutAnswers(theirs);
  a.emplace("revision", "0");
  EXPECT_EQ(PostStep(first, path, a), PlanPath(id) + "?done=section_saved");
  httplib::Params b = AboutAnswers(yours);
  b.emplace("revision", "0");
  const std::string conflict = PostRefused(second, path, b, 409);
  EXPECT_NE(TextOf(conflict).find("Your changes have not been saved"), std::string::npos);
  const auto rows = RowTexts(Element(conflict, "conflict-texts", "</table>"));
  ASSERT_EQ(rows.size(), 1u) << TextOf(conflict);
  EXPECT_EQ(rows[0], "How the learner and family like to be contacted, and in which language " +
                         theirs + " " + yours);
  EXPECT_EQ(HiddenValue(conflict, "revision"), "1") << "saving again replaces theirs";
  EXPECT_NE(Decoded(conflict).find(">" + yours + "</textarea>"), std::string::npos)
      << "the form keeps what the second person typed";
  json plan = PlanJson(first, id);
  EXPECT_EQ(plan["draft"]["about"]["communication"], theirs);
  EXPECT_EQ(plan["revisions"]["about"], 1);

  // The same for an element of provision.
  const long long key = plan["draft"]["elements"][0]["key"].get<long long>();
  const std::string element_path = PlanPath(id) + "/elements/" + Id(key);
  const std::string revision = PageRevision(first, element_path);
  httplib::Params e1 = ElementAnswers(true);
  e1.emplace("revision", revision);
  EXPECT_EQ(PostStep(first, element_path, e1), PlanPath(id) + "?done=element_saved");
  httplib::Params e2 = ElementAnswers(true);
  e2.erase("provision");
  e2.emplace("provision", "Daily precision teaching of spellings, 10 minutes one to one");
  e2.emplace("revision", revision);
  const auto element_rows =
      RowTexts(Element(PostRefused(second, element_path, e2, 409), "conflict-texts", "</table>"));
  ASSERT_EQ(element_rows.size(), 1u);
  EXPECT_EQ(element_rows[0],
            "The provision Structured phonics programme with a trained teaching assistant Daily "
            "precision teaching of spellings, 10 minutes one to one");
  EXPECT_EQ(PlanJson(first, id)["draft"]["elements"][0]["provision"],
            "Structured phonics programme with a trained teaching assistant");

  // Autosave: JSON for the page's script.
  httplib::Params stale = AboutAnswers("Typed while someone else saved.");
  stale.emplace("revision", "0");
  auto res = PostWithHeaders(second, path, stale, {{"X-Autosave", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos);
  EXPECT_FALSE(json::parse(res->body, nullptr, false).is_discarded()) << res->body;
  EXPECT_EQ(PlanJson(first, id)["draft"]["about"]["communication"], theirs);

  httplib::Params good = AboutAnswers(yours);
  good.emplace("revision", "1");
  res = PostWithHeaders(second, path, good, {{"X-Autosave", "1"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body, nullptr, false), json({{"revision", 2}})) << res->body;
  EXPECT_EQ(PlanJson(first, id)["draft"]["about"]["communication"], yours);
}

// The plan's texts may be up to 10,000 characters each (the error the page gives beyond that says
// so); the pages post them as a browser does, URL-encoded.
TEST_F(PlanPages, ALongDescriptionWithinTheTenThousandCharacterLimitSavesThroughItsPage) {
  Session alnco = SignIn("alnco");
  const long long id = DemoPlan(alnco, "draft");
  ASSERT_GT(id, 0);
  const std::string description =
      LongText("Significant difficulty with decoding and spelling, described at length.", 9000);
  ASSERT_LT(description.size(), 10000u);
  SaveSection(
      alnco, id, "needs",
      {{"areas", "cognition_learning"}, {"types", "dyslexia"}, {"description", description}});
  const json saved = PlanJson(alnco, id)["draft"]["needs"]["description"];
  EXPECT_TRUE(saved == description)
      << "the draft holds " << (saved.is_string() ? saved.get<std::string>().size() : 0)
      << " characters, not the " << description.size() << " typed";
  // One character over the limit is refused with the page's own message.
  const std::string path = PlanPath(id) + "/sections/needs";
  const std::string too_long = std::string(10001, 'a');
  const std::string refused = PostRefused(alnco, path,
                                          {{"areas", "cognition_learning"},
                                           {"description", too_long},
                                           {"revision", PageRevision(alnco, path)}},
                                          422);
  EXPECT_EQ(FieldError(refused, "description"), "This is too long: use at most 10,000 characters.");
}

// ---- Documents ----

TEST_F(PlanPages, ThePlanAsAPdfFollowsTheSectionsOfTheFormInEnglishAndWelsh) {
  Session alnco = SignIn("alnco");
  const long long id = PlanOf(alnco, LearnerNamed("Mali", "ap Rhys"));
  ASSERT_GT(id, 0);
  const json plan = PlanJson(alnco, id);
  ASSERT_EQ(plan["versions"].size(), 1u);
  std::string school_provision, nhs_provision;
  for (const auto& e : plan["versions"][0]["content"]["elements"]) {
    (e["provider"] == "nhs" ? nhs_provision : school_provision) = e["provision"];
  }
  ASSERT_FALSE(school_provision.empty());
  ASSERT_FALSE(nhs_provision.empty());

  const std::string english = Pdf(alnco, PlanPath(id) + "/versions/1.pdf?lang=en");
  const std::vector<std::string> english_headings = {
      "Section 1: details and profile", "Section 2A: description of additional learning needs",
      "Section 2B: additional learning provision",
      "Section 2C: additional learning provision by an NHS body",
      "Section 3: information used, key events, transition and transport"};
  std::size_t at = 0;
  for (const auto& heading : english_headings) {
    const auto found = english.find(heading, at);
    EXPECT_NE(found, std::string::npos) << heading << " (in order) missing from:\n" << english;
    if (found != std::string::npos) at = found;
  }
  EXPECT_NE(english.find(school_provision), std::string::npos) << english;
  EXPECT_NE(english.find(nhs_provision), std::string::npos) << english;
  EXPECT_EQ(english.find("Section 2D"), std::string::npos) << "2D is for an LA's plan";

  const std::string welsh = Pdf(alnco, PlanPath(id) + "/versions/1.pdf?lang=cy");
  for (const std::string heading :
       {"Adran 1: manylion a phroffil", "Adran 2A: disgrifiad o'r anghenion dysgu ychwanegol",
        "Adran 2B: darpariaeth ddysgu ychwanegol",
        "Adran 2C: darpariaeth ddysgu ychwanegol gan gorff GIG",
        "Adran 3: gwybodaeth a ddefnyddiwyd, digwyddiadau allweddol, pontio a chludiant"}) {
    EXPECT_NE(welsh.find(heading), std::string::npos) << heading << " missing from:\n" << welsh;
  }
  EXPECT_NE(welsh.find(school_provision), std::string::npos) << welsh;
  EXPECT_EQ(welsh.find("Section 1"), std::string::npos);

  // The family reads it too, but not a version that does not exist.
  Session parent = SignIn("parent");
  EXPECT_NE(Pdf(parent, PlanPath(id) + "/versions/1.pdf?lang=cy").find("Adran 2B"),
            std::string::npos);
  EXPECT_EQ(Get(parent, PlanPath(id) + "/versions/2.pdf?lang=cy")->status, 404);
}

TEST_F(PlanPages, OnePageProfilesPrintOnOnePageEvenWhenTheyAreLong) {
  Session alnco = SignIn("alnco");
  const long long id = PlanOf(alnco, LearnerNamed("Mali", "ap Rhys"));
  ASSERT_GT(id, 0);

  // The plan's profile rewritten at length and given as version 2.
  httplib::Params hidden = HiddenInputs(Page(alnco, PlanPath(id)), PlanPath(id) + "/revise");
  EXPECT_EQ(PostStep(alnco, PlanPath(id) + "/revise", hidden),
            PlanPath(id) + "?done=revision_started");
  SaveSection(alnco, id, "profile",
              ProfileAnswers(LongText("People say I am kind and funny.", 2000),
                             LongText("My family and my dog Mabon matter most.", 2000),
                             LongText("Give me time and tell me what comes next.", 2000)));
  EXPECT_EQ(Finalise(alnco, id, "2026-11-20", "Mali rewrote her profile with Mam"),
            PlanPath(id) + "?done=finalised");

  std::string bytes;
  std::string text = Pdf(alnco, PlanPath(id) + "/profile.pdf?lang=cy", &bytes);
  EXPECT_EQ(PdfPages(bytes), "1");
  for (const std::string heading : {"Beth mae pobl yn ei hoffi ac yn ei edmygu amdanaf i",
                                    "Beth sy'n bwysig i mi", "Y ffordd orau o fy nghefnogi"}) {
    EXPECT_NE(text.find(heading), std::string::npos) << heading << " missing from:\n" << text;
  }
  EXPECT_NE(text.find("My family and my dog Mabon matter most."), std::string::npos) << text;

  // A One Page Profile of a learner without a plan, as long.
  const domain::Learner pupil = PupilWithoutPlan(alnco, 1, 6);
  httplib::Params p{{"level", "targeted"},
                    {"setting", SettingParam(alnco.user.settings.front())},
                    {"admired", LongText("I am brave and always willing to try.", 2000)},
                    {"important", LongText("Swimming and my little brother.", 2000)},
                    {"support", LongText("Sit me near the front and check I understand.", 2000)},
                    {"written_with", "Dad and Mr Owen"}};
  AddDate(p, "written_on", "2026-11-16");
  const std::string to =
      PostStep(alnco, "/learners/" + Id(pupil.id.value()) + "/profiles", p, true);
  ASSERT_EQ(to.rfind("/profiles/", 0), 0u) << to;
  const std::string profile = to.substr(0, to.find('?'));
  for (const std::string lang : {"", "?lang=en", "?lang=cy"}) {
    text = Pdf(alnco, profile + ".pdf" + lang, &bytes);
    EXPECT_EQ(PdfPages(bytes), "1") << lang;
    if (lang == "?lang=cy") {
      EXPECT_NE(text.find("Y ffordd orau o fy nghefnogi"), std::string::npos) << text;
    } else {
      for (const std::string heading : {"What people like and admire about me",
                                        "What is important to me", "How best to support me"}) {
        EXPECT_NE(text.find(heading), std::string::npos) << heading << " missing from:\n" << text;
      }
    }
  }
}

// ---- One Page Profiles without a plan ----

TEST_F(PlanPages, AOnePageProfileForALearnerWithoutAPlanStartsItsReviewClock) {
  Session alnco = SignIn("alnco");
  const domain::Learner pupil = PupilWithoutPlan(alnco, 1, 6);
  ASSERT_TRUE(pupil.id.valid());
  const std::string learner_path = "/learners/" + Id(pupil.id.value());
  ASSERT_TRUE(Links(Page(alnco, learner_path), learner_path + "/profiles/new"));
  EXPECT_EQ(Get(alnco, learner_path + "/profiles/new")->status, 200);

  httplib::Params empty{{"level", "targeted"}, {"admired", ""}, {"important", ""}, {"support", ""}};
  AddDate(empty, "written_on", "2026-11-16");
  EXPECT_EQ(FieldError(PostRefused(alnco, learner_path + "/profiles", empty, 422, true), "admired"),
            "Write at least one part of the profile.");

  httplib::Params p{{"level", "targeted"},
                    {"setting", SettingParam(alnco.user.settings.front())},
                    {"admired", "Brave and always willing to try."},
                    {"important", "Swimming, my little brother."},
                    {"support", "Sit me near the front; check I have understood the task."},
                    {"written_with", "Dad and Mr Owen"}};
  AddDate(p, "written_on", "2026-11-16");
  const std::string to = PostStep(alnco, learner_path + "/profiles", p, true);
  ASSERT_EQ(to.rfind("/profiles/", 0), 0u) << to;
  EXPECT_NE(to.find("?done=created"), std::string::npos) << to;

  const std::string page = Page(alnco, to);
  const std::string text = TextOf(page);
  EXPECT_NE(text.find("The profile has been saved. Its review is due within a year."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Review due by 15 November 2027"), std::string::npos) << text;
  const std::string decoded = Decoded(page);
  const auto clock_at = decoded.find("href=\"/clocks/");
  ASSERT_NE(clock_at, std::string::npos) << "the review clock is linked";
  const std::string clock_path =
      decoded.substr(clock_at + 6, decoded.find('"', clock_at + 6) - clock_at - 6);
  EXPECT_NE(TextOf(Page(alnco, clock_path)).find("15 November 2027"), std::string::npos);

  const auto plans = RowTexts(Element(Page(alnco, learner_path), "learner-plans", "</table>"));
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0], "One Page Profile Targeted In use");

  // A learner with a plan in force has their profile in the plan.
  const domain::Learner mali = LearnerNamed("Mali", "ap Rhys");
  const std::string mali_path = "/learners/" + Id(mali.id.value());
  EXPECT_FALSE(Links(Page(alnco, mali_path), mali_path + "/profiles/new"));
  const std::string refused = PostRefused(alnco, mali_path + "/profiles", p, 409, true);
  EXPECT_NE(TextOf(refused).find(
                "The learner has an individual development plan: their profile is part of it."),
            std::string::npos)
      << TextOf(refused);
}

// ---- Legacy SEN records ----

TEST_F(PlanPages, ALegacyRecordConvertedBeforeTheAlnSystemIsRefusedAndTheLaSeesTheCounts) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  const domain::Learner pupil = PupilWithoutPlan(alnco, 6, 6);
  ASSERT_TRUE(pupil.id.valid());
  const std::string path = "/learners/" + Id(pupil.id.value()) + "/legacy";
  EXPECT_TRUE(Links(Page(alnco, "/learners/" + Id(pupil.id.value())), path));

  auto total = [&]() {
    const std::string text =
        TextOf(Element(Page(officer, "/legacy-transition"), "transition-total", "</p>"));
    return text.empty() ? -1 : std::stoi(text);
  };
  const int before = total();
  ASSERT_GE(before, 0);

  httplib::Params p{{"status", "P"}, {"outcome", "idp_notice"}, {"note", ""}, {"version", ""}};
  AddDate(p, "since", "2020-09-01");
  AddDate(p, "converted_on", "2021-06-01");
  EXPECT_EQ(FieldError(PostRefused(alnco, path, p, 422), "converted_on"),
            "No learner moved to the ALN system before 1 September 2021.");
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    EXPECT_FALSE((*uow)->Plans().GetLegacyForLearner(pupil.id).has_value());
  }
  p.erase("converted_on-day");
  p.erase("converted_on-month");
  p.erase("converted_on-year");
  AddDate(p, "converted_on", "2022-01-10");
  EXPECT_EQ(PostStep(alnco, path, p), path + "?done=saved");
  EXPECT_NE(TextOf(Page(alnco, path + "?done=saved")).find("The legacy record has been saved."),
            std::string::npos);
  EXPECT_NE(TextOf(Page(alnco, "/learners/" + Id(pupil.id.value())))
                .find("Legacy SEN status: School Action Plus (P)"),
            std::string::npos);

  EXPECT_EQ(total(), before + 1);
  // Converted in January 2022, when the pupil (Year 6 now) was in Year 1.
  const std::string report = Page(officer, "/legacy-transition");
  const auto rows = RowTexts(Element(report, "transition-report", "</table>"));
  EXPECT_NE(std::find(rows.begin(), rows.end(), "School Action Plus (P) Year 1 1 0 0 0"),
            rows.end())
      << ::testing::PrintToString(rows);
  EXPECT_EQ(Get(alnco, "/legacy-transition")->status, 403);
}

}  // namespace
}  // namespace cynnal::testing
