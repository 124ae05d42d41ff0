// What an LA officer, a panel member and a teacher notice about the LA's ALN panels: a meeting
// added on a school day (or in the holiday with the lead officer's agreement), a referral listed on
// its agenda with the learner's school representative excused from it, attendance and the quorum
// it makes, a decision refused without an educational psychologist and recorded once one returns,
// the meeting closed and its minutes as PDFs in English and Welsh, the minutes sent on time or
// late, who may run a meeting and see its learners, the monitoring page with its charts and CSV,
// and the forms that refuse incomplete answers.
//
// The fixture's today is Friday 20 November 2026 (autumn term 2026 of LA 680 runs Tue 1 Sep - Fri
// 18 Dec). The demo's 3-11 panel (members: 1 Gwen Davies, chair; 2 Dr Aled Hughes, acting chair;
// 3 Dr Helen Price, educational psychologist and the "panel.member" account; 4 Rhian Jenkins,
// inclusion officer; 5 Eleri Prosser, representative of Ysgol Gymraeg Bryn Derw; 6 SNAP Cymru;
// 7 administrator; 8 LAC co-ordinator) meets fortnightly on Wednesdays. Its latest meeting held
// agreed a resource base place at Bryn Derw; its next meeting has one referral listed; a managed
// move of a Bryn Derw pupil waits to be listed. The panel's minutes are due on the third working
// day after a meeting (the LA's default).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "html_text.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

const char* const kBrynDerw = "Ysgol Gymraeg Bryn Derw";

// Member keys on the demo's 3-11 panel.
constexpr int kChair = 1;
constexpr int kPsychologist = 3;
constexpr int kInclusionOfficer = 4;
constexpr int kSchoolRepresentative = 5;

// "2026-11-02" as the three fields of a date input named `field`.
void AddDate(httplib::Params& params, const std::string& field, const std::string& iso) {
  params.emplace(field + "-day", std::to_string(std::stoi(iso.substr(8, 2))));
  params.emplace(field + "-month", std::to_string(std::stoi(iso.substr(5, 2))));
  params.emplace(field + "-year", iso.substr(0, 4));
}

// The text of a PDF as `pdftotext -layout` gives it, white space squeezed.
std::string PdfText(const std::string& pdf) {
  char name[] = "/tmp/cynnal-minutes-XXXXXX";
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

// How many times `needle` occurs in `haystack`.
int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// Whether a page links to `path`.
bool Links(const std::string& html, const std::string& path) {
  return Decoded(html).find("href=\"" + path + "\"") != std::string::npos;
}

// The text of an agenda item's card on a meeting page ("" when it is not on the agenda).
std::string ItemCard(const std::string& html, long long referral) {
  const auto start = html.find("id=\"item-" + std::to_string(referral) + "\"");
  if (start == std::string::npos) return "";
  auto end = html.find("class=\"govuk-summary-card\"", start);
  if (end == std::string::npos) end = html.find("id=\"agenda\"", start);
  return TextOf(html.substr(start, end == std::string::npos ? std::string::npos : end - start));
}

// The text of the row of a table that links to `path` ("" when there is none).
std::string RowLinking(const std::string& page, const std::string& path) {
  const std::string html = Decoded(page);
  const auto link = html.find("href=\"" + path + "\"");
  if (link == std::string::npos) return "";
  const auto start = html.rfind("<tr", link);
  const auto end = html.find("</tr>", link);
  return TextOf(html.substr(start, end - start));
}

// The lines of a CSV body (CRLF line ends).
std::vector<std::string> CsvLines(const std::string& body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

class PanelPages : public WebFixture {
 protected:
  static domain::Date Iso(const std::string& iso) { return *domain::ParseIsoDate(iso); }
  static std::string Id(long long value) { return std::to_string(value); }
  static std::string MeetingPath(long long id) { return "/panel-meetings/" + Id(id); }

  // Moves the fixture's clock to 10:00 UTC on `iso`.
  void SetToday(const std::string& iso) {
    clock_.Set(domain::Timestamp{std::chrono::sys_days{Iso(iso)}} + std::chrono::hours{10});
  }

  // The demo's panel for ages 3 to 11.
  domain::Panel PrimaryPanel() {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& la : (*uow)->LocalAuthorities().List())
      for (const auto& p : (*uow)->Panels().ListPanels(la.id))
        if (p.min_age == 3 && p.max_age == 11) return p;
    ADD_FAILURE() << "the demo has no panel for ages 3 to 11";
    return {};
  }
  std::string PanelPath() { return "/panels/" + Id(PrimaryPanel().id.value()); }

  // The panel's referrals in `state`.
  std::vector<domain::PanelReferral> Referrals(domain::ReferralState state) {
    const domain::Panel panel = PrimaryPanel();
    auto uow = store_.Begin(app::TxMode::kRead);
    app::ReferralQuery q;
    q.local_authority = panel.local_authority;
    q.panel = panel.id;
    q.state = state;
    return (*uow)->Panels().ListReferrals(q);
  }

  // The demo's only referral waiting to be listed (the managed move).
  domain::PanelReferral AwaitingReferral() {
    const auto awaiting = Referrals(domain::ReferralState::kAwaiting);
    if (awaiting.size() != 1u) {
      ADD_FAILURE() << "the demo has " << awaiting.size() << " referrals awaiting, not 1";
      return {};
    }
    return awaiting.front();
  }

  domain::PanelReferral StoredReferral(long long id) {
    auto uow = store_.Begin(app::TxMode::kRead);
    auto r = (*uow)->Panels().GetReferral(domain::PanelReferralId{id});
    if (!r) ADD_FAILURE() << "no referral " << id;
    return r.value_or(domain::PanelReferral{});
  }

  domain::Learner LearnerOf(const domain::PanelReferral& referral) {
    auto uow = store_.Begin(app::TxMode::kRead);
    auto l = (*uow)->Learners().Get(referral.learner);
    if (!l) ADD_FAILURE() << "no learner " << referral.learner.value();
    return l.value_or(domain::Learner{});
  }

  std::string SettingName(domain::SettingId id) {
    auto uow = store_.Begin(app::TxMode::kRead);
    auto s = (*uow)->Settings().Get(id);
    return s ? s->name : "";
  }

  // The demo's next meeting after today (the one with a referral already listed).
  domain::PanelMeeting NextDemoMeeting() {
    const domain::Panel panel = PrimaryPanel();
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& m : (*uow)->Panels().ListMeetings(panel.id, domain::AddDays(clock_.Today(), 1),
                                                       domain::AddDays(clock_.Today(), 60)))
      if (!m.items.empty()) return m;
    ADD_FAILURE() << "the demo has no meeting after today with an agenda";
    return {};
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

  int Status(const httplib::Result& res) { return res ? res->status : 0; }

  // Posts a form and answers where the 303 leads ("" and a failure otherwise).
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

  // Posts a form that must be refused with `status`; answers the page.
  std::string PostRefused(const Session& s, const std::string& path, httplib::Params params,
                          int status) {
    auto res = PostForm(s, path, std::move(params));
    if (!res) {
      ADD_FAILURE() << "POST " << path << ": no response";
      return "";
    }
    EXPECT_EQ(res->status, status) << "POST " << path << "\n"
                                   << TextOf(Element(res->body, "main-content", "</main>"));
    return res->body;
  }

  // The text of a PDF the user downloads.
  std::string Pdf(const Session& s, const std::string& path) {
    auto res = Get(s, path);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET " << path << ": "
                    << (res ? std::to_string(res->status) + "\n" +
                                  TextOf(Element(res->body, "main-content", "</main>"))
                            : "no response");
      return "";
    }
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf") << path;
    EXPECT_EQ(res->body.rfind("%PDF", 0), 0u) << path;
    return PdfText(res->body);
  }

  // Adds a meeting of the 3-11 panel on `iso` through its form; answers its id (0 on failure).
  long long AddMeeting(const Session& s, const std::string& iso, httplib::Params extra = {}) {
    httplib::Params p{{"time", "09:30"}, {"location", "Civic Centre, Committee Room 2"}};
    AddDate(p, "date", iso);
    for (const auto& kv : extra) p.insert(kv);
    const std::string to = PostStep(s, PanelPath() + "/meetings", p);
    const std::string prefix = "/panel-meetings/";
    if (to.rfind(prefix, 0) != 0) return 0;
    EXPECT_NE(to.find("?done=meeting_added"), std::string::npos) << to;
    return std::stoll(to.substr(prefix.size()));
  }

  void ListOnAgenda(const Session& s, long long meeting, long long referral) {
    EXPECT_EQ(PostStep(s, MeetingPath(meeting) + "/agenda", {{"referral", Id(referral)}}),
              MeetingPath(meeting) + "?done=listed#agenda");
  }

  void Attend(const Session& s, long long meeting, int member, bool present) {
    EXPECT_EQ(PostStep(s, MeetingPath(meeting) + "/attendance",
                       {{"member", Id(member)}, {"present", present ? "yes" : "no"}}),
              MeetingPath(meeting) + "?done=attendance#attendance")
        << "member " << member << (present ? " arrives" : " leaves");
  }

  static std::string DecisionPath(long long meeting, long long referral) {
    return MeetingPath(meeting) + "/items/" + Id(referral) + "/decision";
  }

  static httplib::Params AgreedDecision() {
    return {{"outcome", "agreed"},
            {"agreed", "A managed move to Ysgol Nant y Wern with five hours a week of support."},
            {"placement", "mainstream_support"},
            {"setting", ""},
            {"hours_per_week", "5"},
            {"places", ""},
            {"annual_cost", ""},
            {"reasons", "Both schools and the family agree a fresh start will help."}};
  }

  // A meeting today (Friday 20 November 2026) with the awaiting referral listed, the chair, the
  // psychologist and the inclusion officer present, the referral agreed and the meeting closed.
  // Answers the meeting's id and sets `referral` to the referral decided.
  long long HoldMeetingToday(const Session& officer, long long* referral) {
    SetToday("2026-11-20");
    const long long rid = AwaitingReferral().id.value();
    const long long mid = AddMeeting(officer, "2026-11-20");
    if (mid == 0 || rid == 0) return 0;
    ListOnAgenda(officer, mid, rid);
    for (int member : {kChair, kPsychologist, kInclusionOfficer})
      Attend(officer, mid, member, true);
    EXPECT_EQ(PostStep(officer, DecisionPath(mid, rid), AgreedDecision()),
              MeetingPath(mid) + "?done=decided#agenda");
    EXPECT_EQ(PostStep(officer, MeetingPath(mid) + "/close", {}),
              MeetingPath(mid) + "?done=closed");
    if (referral) *referral = rid;
    return mid;
  }

  // Records the minutes sent on `iso` to the chair.
  void SendMinutes(const Session& s, long long meeting, const std::string& iso) {
    httplib::Params p{{"recipients", Id(kChair)}};
    AddDate(p, "distributed_on", iso);
    EXPECT_EQ(PostStep(s, MeetingPath(meeting) + "/minutes", p),
              MeetingPath(meeting) + "?done=minutes");
  }
};

// ---- A meeting from its agenda to its minutes ----

TEST_F(PanelPages, AnOfficerRunsAMeetingFromAgendaToMinutesSentLate) {
  SetToday("2026-11-20");  // a Friday in term: a school day
  Session officer = SignIn("la.officer");
  const domain::PanelReferral awaiting = AwaitingReferral();
  ASSERT_TRUE(awaiting.id.valid());
  const long long rid = awaiting.id.value();
  const domain::Learner learner = LearnerOf(awaiting);
  const std::string name = learner.DisplayName();
  ASSERT_FALSE(name.empty());
  ASSERT_TRUE(awaiting.setting.has_value());
  ASSERT_EQ(SettingName(*awaiting.setting), kBrynDerw)
      << "the managed move is of a Bryn Derw pupil";

  // The panel's page lists the referral waiting to be listed.
  std::string page = Page(officer, PanelPath());
  EXPECT_TRUE(Links(page, "/panel-referrals/" + Id(rid))) << TextOf(page);
  EXPECT_NE(RowLinking(page, "/panel-referrals/" + Id(rid)).find(name), std::string::npos);

  // A meeting today, and the referral on its agenda.
  const long long mid = AddMeeting(officer, "2026-11-20");
  ASSERT_GT(mid, 0);
  page = Page(officer, MeetingPath(mid) + "?done=meeting_added");
  EXPECT_NE(page.find("<option value=\"" + Id(rid) + "\">"), std::string::npos)
      << "the agenda form offers the awaiting referral";
  ListOnAgenda(officer, mid, rid);
  EXPECT_EQ(StoredReferral(rid).state, domain::ReferralState::kListed);

  // The school's representative is excused from the item at once; no one is present yet.
  page = Page(officer, MeetingPath(mid));
  std::string card = ItemCard(page, rid);
  EXPECT_NE(card.find(name), std::string::npos) << card;
  EXPECT_NE(card.find("Eleri Prosser"), std::string::npos) << card;
  EXPECT_NE(card.find("excused as the representative of the learner's school"), std::string::npos)
      << card;
  EXPECT_EQ(TextOf(Element(page, "quorum", "</div>")).rfind("Not quorate", 0), 0u)
      << TextOf(Element(page, "quorum", "</div>"));

  // The chair, the psychologist and the inclusion officer arrive: quorate.
  for (int member : {kChair, kPsychologist, kInclusionOfficer}) Attend(officer, mid, member, true);
  page = Page(officer, MeetingPath(mid));
  const std::string quorum = TextOf(Element(page, "quorum", "</div>"));
  EXPECT_EQ(quorum.rfind("Quorate", 0), 0u) << quorum;
  EXPECT_EQ(quorum.find("Not quorate"), std::string::npos) << quorum;
  card = ItemCard(page, rid);
  EXPECT_NE(card.find("excused as the representative of the learner's school"), std::string::npos);
  EXPECT_EQ(card.find("Not quorate"), std::string::npos) << card;
  EXPECT_EQ(Status(Get(officer, DecisionPath(mid, rid))), 200);

  // The psychologist leaves: the panel cannot decide.
  Attend(officer, mid, kPsychologist, false);
  page = Page(officer, MeetingPath(mid));
  EXPECT_NE(TextOf(Element(page, "quorum", "</div>")).find("an educational psychologist"),
            std::string::npos)
      << TextOf(Element(page, "quorum", "</div>"));
  const std::string refused =
      TextOf(Element(PostRefused(officer, DecisionPath(mid, rid), AgreedDecision(), 409),
                     "main-content", "</main>"));
  EXPECT_NE(refused.find("not quorate"), std::string::npos) << refused;
  EXPECT_NE(refused.find("an educational psychologist"), std::string::npos)
      << "the refusal names the missing role: " << refused;
  EXPECT_EQ(refused.find("{missing}"), std::string::npos) << refused;
  EXPECT_EQ(StoredReferral(rid).state, domain::ReferralState::kListed) << "nothing decided";

  // The psychologist returns and the decision is recorded.
  Attend(officer, mid, kPsychologist, true);
  EXPECT_EQ(PostStep(officer, DecisionPath(mid, rid), AgreedDecision()),
            MeetingPath(mid) + "?done=decided#agenda");
  page = Page(officer, MeetingPath(mid) + "?done=decided");
  card = ItemCard(page, rid);
  EXPECT_NE(card.find("Agreed"), std::string::npos) << card;
  EXPECT_NE(card.find("Both schools and the family agree a fresh start will help."),
            std::string::npos)
      << card;
  EXPECT_EQ(StoredReferral(rid).state, domain::ReferralState::kDecided);

  // Closed: held, with its minutes due on the third working day (Wednesday 25 November).
  EXPECT_EQ(PostStep(officer, MeetingPath(mid) + "/close", {}), MeetingPath(mid) + "?done=closed");
  page = Page(officer, MeetingPath(mid) + "?done=closed");
  EXPECT_EQ(TextOf(Element(page, "meeting-state", "</dd>")), "Held");
  const std::string due = TextOf(Element(page, "minutes-due", "</dd>"));
  EXPECT_NE(due.find("Due by"), std::string::npos) << due;
  EXPECT_NE(due.find("25 November 2026"), std::string::npos) << due;
  EXPECT_TRUE(Links(page, MeetingPath(mid) + "/minutes.pdf?lang=en"));
  EXPECT_TRUE(Links(page, MeetingPath(mid) + "/minutes.pdf?lang=cy"));

  // The minutes in English and Welsh.
  const std::string english = Pdf(officer, MeetingPath(mid) + "/minutes.pdf?lang=en");
  EXPECT_NE(english.find(name), std::string::npos) << english;
  EXPECT_NE(english.find("Agreed"), std::string::npos) << english;
  EXPECT_NE(english.find("Eleri Prosser"), std::string::npos) << english;
  EXPECT_NE(english.find("excused as the representative of the learner's school"),
            std::string::npos)
      << english;
  const auto took_part = english.find("Took part in the decision:");
  ASSERT_NE(took_part, std::string::npos) << english;
  const std::string took =
      english.substr(took_part, english.find("These minutes", took_part) - took_part);
  EXPECT_NE(took.find("Dr Helen Price"), std::string::npos) << took;
  EXPECT_EQ(took.find("Eleri Prosser"), std::string::npos) << "excused: " << took;
  const std::string welsh = Pdf(officer, MeetingPath(mid) + "/minutes.pdf?lang=cy");
  EXPECT_NE(welsh.find(name), std::string::npos) << welsh;
  EXPECT_NE(welsh.find("Cytunwyd"), std::string::npos) << welsh;
  EXPECT_NE(welsh.find("wedi'i esgusodi"), std::string::npos) << welsh;
  EXPECT_EQ(welsh.find("excused as the representative"), std::string::npos) << welsh;

  // Sent on the fourth working day (Thursday 26 November): late.
  SetToday("2026-11-26");
  officer = SignIn("la.officer");  // the session of a week ago has expired
  EXPECT_EQ(Status(Get(officer, MeetingPath(mid) + "/minutes")), 200);
  SendMinutes(officer, mid, "2026-11-26");
  page = Page(officer, MeetingPath(mid) + "?done=minutes");
  const std::string late = TextOf(Element(page, "minutes-due", "</dd>"));
  EXPECT_EQ(late.rfind("Late", 0), 0u) << late;
  EXPECT_NE(late.find("25 November 2026"), std::string::npos) << late;
  const std::string sent = TextOf(Element(page, "minutes-sent", "</dd>"));
  EXPECT_NE(sent.find("26 November 2026"), std::string::npos) << sent;
  EXPECT_NE(sent.find("Gwen Davies"), std::string::npos) << sent;
  EXPECT_NE(RowLinking(Page(officer, PanelPath()), MeetingPath(mid)).find("Late"),
            std::string::npos)
      << "the panel's list of meetings shows the minutes late too";
}

TEST_F(PanelPages, MinutesSentOnTheThirdWorkingDayAreOnTime) {
  Session officer = SignIn("la.officer");
  long long rid = 0;
  const long long mid = HoldMeetingToday(officer, &rid);
  ASSERT_GT(mid, 0);

  SetToday("2026-11-25");  // Wednesday: the third working day after the meeting
  officer = SignIn("la.officer");
  SendMinutes(officer, mid, "2026-11-25");
  const std::string page = Page(officer, MeetingPath(mid) + "?done=minutes");
  const std::string due = TextOf(Element(page, "minutes-due", "</dd>"));
  EXPECT_NE(due.find("Sent on time"), std::string::npos) << due;
  EXPECT_EQ(due.find("Late"), std::string::npos) << due;
  EXPECT_NE(TextOf(Element(page, "minutes-sent", "</dd>")).find("25 November 2026"),
            std::string::npos);
  EXPECT_NE(RowLinking(Page(officer, PanelPath()), MeetingPath(mid)).find("Sent on time"),
            std::string::npos);
}

// ---- The schedule ----

TEST_F(PanelPages, AMeetingOnASaturdayNeedsTheLeadOfficersAgreement) {
  Session officer = SignIn("la.officer");
  httplib::Params p{{"time", "10:00"}, {"location", "Civic Centre"}};
  AddDate(p, "date", "2026-11-21");  // Saturday
  const std::string page = PostRefused(officer, PanelPath() + "/meetings", p, 422);
  EXPECT_NE(ErrorSummary(page).find("not a school day"), std::string::npos) << ErrorSummary(page);
  EXPECT_NE(FieldError(page, "date").find("not a school day"), std::string::npos)
      << FieldError(page, "date");
  {
    const domain::PanelId panel = PrimaryPanel().id;
    auto uow = store_.Begin(app::TxMode::kRead);
    EXPECT_TRUE((*uow)->Panels().ListMeetings(panel, Iso("2026-11-21"), Iso("2026-11-21")).empty())
        << "no meeting added";
  }

  httplib::Params agreed{{"lead_officer", "Gwen Davies"},
                         {"agreement_reason", "To decide the nursery places within 12 weeks."}};
  AddDate(agreed, "agreed_on", "2026-11-20");
  const long long mid = AddMeeting(officer, "2026-11-21", agreed);
  ASSERT_GT(mid, 0);
  const std::string row = RowLinking(Page(officer, PanelPath()), MeetingPath(mid));
  EXPECT_NE(row.find("Holiday meeting"), std::string::npos) << row;
  const std::string meeting = TextOf(Page(officer, MeetingPath(mid)));
  EXPECT_NE(meeting.find("Holiday meeting"), std::string::npos);
  EXPECT_NE(meeting.find("Gwen Davies"), std::string::npos);
}

// ---- Who may do what ----

TEST_F(PanelPages, APanelMemberSeesTheirPanelAndItsAgendaButCannotRunAMeeting) {
  Session member = SignIn("panel.member");
  const domain::PanelMeeting next = NextDemoMeeting();
  ASSERT_FALSE(next.items.empty());
  const long long mid = next.id.value();
  const domain::PanelReferral listed = StoredReferral(next.items.front().referral.value());
  const domain::Learner on_agenda = LearnerOf(listed);
  const domain::Learner not_listed = LearnerOf(AwaitingReferral());
  ASSERT_TRUE(on_agenda.id.valid());
  ASSERT_TRUE(not_listed.id.valid());

  EXPECT_EQ(Status(Get(member, "/panels")), 200);
  EXPECT_EQ(Status(Get(member, PanelPath())), 200);
  const std::string page = Page(member, MeetingPath(mid));
  EXPECT_NE(TextOf(page).find(on_agenda.DisplayName()), std::string::npos);

  EXPECT_EQ(Status(PostForm(member, MeetingPath(mid) + "/attendance",
                            {{"member", Id(kPsychologist)}, {"present", "yes"}})),
            403);
  EXPECT_EQ(Status(PostForm(member, DecisionPath(mid, listed.id.value()), AgreedDecision())), 403);
  EXPECT_EQ(Status(PostForm(member, MeetingPath(mid) + "/close", {})), 403);
  EXPECT_EQ(Status(Get(member, "/panel-monitoring")), 403);
  EXPECT_EQ(Status(Get(member, "/panel-monitoring.csv?table=resources")), 403);

  const int hidden = Status(Get(member, "/learners/" + Id(not_listed.id.value())));
  EXPECT_TRUE(hidden == 403 || hidden == 404) << hidden;
  const std::string learner_page = Page(member, "/learners/" + Id(on_agenda.id.value()));
  EXPECT_NE(TextOf(learner_page).find(on_agenda.DisplayName()), std::string::npos);

  // Nothing changed.
  auto uow = store_.Begin(app::TxMode::kRead);
  auto stored = (*uow)->Panels().GetMeeting(next.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(stored->present.empty());
  EXPECT_EQ(stored->state, domain::MeetingState::kScheduled);
}

// ---- Monitoring ----

TEST_F(PanelPages, MonitoringShowsChartsAndTheDemoDecisionAndGivesCsv) {
  Session officer = SignIn("la.officer");
  const std::string page = Page(officer, "/panel-monitoring");
  EXPECT_GE(Count(page, "<svg"), 3) << "inline charts";
  EXPECT_EQ(TextOf(Element(page, "decision-count", "</p>")), "Decisions in the period: 1");
  EXPECT_NE(TextOf(page).find("Resource base or learning support centre place"), std::string::npos);
  const std::string resources = TextOf(Element(page, "resources", "</table>"));
  EXPECT_NE(resources.find(kBrynDerw), std::string::npos) << resources;

  auto res = Get(officer, "/panel-monitoring.csv?table=resources");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/csv", 0), 0u)
      << res->get_header_value("Content-Type");
  const std::vector<std::string> lines = CsvLines(res->body);
  ASSERT_GE(lines.size(), 2u) << res->body;
  EXPECT_EQ(lines[0], "school,roll,hours_per_week,places,annual_cost_pounds,agreed_decisions");
  bool bryn = false;
  for (const auto& line : lines) {
    if (line.rfind(std::string(kBrynDerw) + ",", 0) != 0) continue;
    bryn = true;
    EXPECT_NE(line.find(",10,1,18500,1"), std::string::npos) << line;
  }
  EXPECT_TRUE(bryn) << res->body;

  Session teacher = SignIn("teacher");
  EXPECT_EQ(Status(Get(teacher, "/panel-monitoring")), 403);
  EXPECT_EQ(Status(Get(teacher, "/panel-monitoring.csv?table=resources")), 403);
}

// ---- Incomplete answers ----

TEST_F(PanelPages, ADecisionWithoutReasonsAndAReferralWithoutASummaryAreRefused) {
  SetToday("2026-11-20");
  Session officer = SignIn("la.officer");
  const domain::PanelReferral awaiting = AwaitingReferral();
  const long long rid = awaiting.id.value();
  const long long mid = AddMeeting(officer, "2026-11-20");
  ASSERT_GT(mid, 0);
  ListOnAgenda(officer, mid, rid);
  for (int member : {kChair, kPsychologist, kInclusionOfficer}) Attend(officer, mid, member, true);

  httplib::Params no_reasons = AgreedDecision();
  no_reasons.erase("reasons");
  no_reasons.emplace("reasons", "  ");
  std::string page = PostRefused(officer, DecisionPath(mid, rid), no_reasons, 422);
  EXPECT_NE(ErrorSummary(page).find("There is a problem"), std::string::npos) << ErrorSummary(page);
  EXPECT_NE(ErrorSummary(page).find("Enter the reasons."), std::string::npos) << ErrorSummary(page);
  EXPECT_EQ(FieldError(page, "reasons"), "Enter the reasons.");
  EXPECT_EQ(StoredReferral(rid).state, domain::ReferralState::kListed) << "nothing decided";
  EXPECT_EQ(ItemCard(Page(officer, MeetingPath(mid)), rid).find("Agreed"), std::string::npos);

  const domain::Learner learner = LearnerOf(awaiting);
  const std::string path = "/learners/" + Id(learner.id.value()) + "/panel-referrals";
  EXPECT_EQ(Status(Get(officer, path)), 200);
  const std::size_t before = Referrals(domain::ReferralState::kAwaiting).size();
  page = PostRefused(officer, path,
                     {{"panel", Id(PrimaryPanel().id.value())},
                      {"type", "support_and_setting"},
                      {"area", ""},
                      {"summary", ""}},
                     422);
  EXPECT_NE(ErrorSummary(page).find("Enter what the panel is asked to decide."), std::string::npos)
      << ErrorSummary(page);
  EXPECT_EQ(FieldError(page, "summary"), "Enter what the panel is asked to decide.");
  EXPECT_EQ(Referrals(domain::ReferralState::kAwaiting).size(), before) << "no referral added";
}

}  // namespace
}  // namespace cynnal::testing
