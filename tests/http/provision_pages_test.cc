// What an ALNCo, a teacher, a governor and an API client notice about a school's provision map, the
// sessions delivered against what was promised, and the ALN register: a provision added through
// its form (and refused when its name is blank or its hours are not hours), learners joining and
// leaving it with their measures, the year reviewed and rolled over once only, a shortfall warned
// of and closed by recording sessions, a governor who sees numbers and never a name, the register
// as a spreadsheet and as CSV, the pages in Welsh, and the JSON API.
//
// The fixture's today is Friday 20 November 2026, in the autumn term of the 2026/27 school year.
// The demo's Ysgol Gymraeg Bryn Derw (the school of the "alnco", "teacher" and "governor" accounts)
// has last year's (2025/26) provision map, reviewed and rolled over to this year's, with its
// catch-up reading group, nurture group and speech and language programme. The teacher records
// sessions each week on its last school day, up to last week: Mali ap Rhys's IDP promises reading
// sessions three times a week and two a week are recorded, so she is short.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/calendars.h"
#include "domain/provision.h"
#include "html_text.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

const char* const kBrynDerw = "Ysgol Gymraeg Bryn Derw";
const char* const kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// XML text as a reader sees it.
std::string XmlDecoded(std::string xml) {
  for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (auto at = xml.find(entity); at != std::string::npos; at = xml.find(entity, at + 1))
      xml.replace(at, entity.size(), text);
  }
  return xml;
}

// The contents of every <t> element in `xml`, joined.
std::string TextRuns(const std::string& xml) {
  std::string out;
  auto at = xml.find("<t");
  while (at != std::string::npos) {
    const char after = at + 2 < xml.size() ? xml[at + 2] : '\0';
    if (after != '>' && after != ' ') {
      at = xml.find("<t", at + 2);
      continue;
    }
    const auto start = xml.find('>', at) + 1;
    const auto end = xml.find("</t>", start);
    if (end == std::string::npos) break;
    out += XmlDecoded(xml.substr(start, end - start));
    at = xml.find("<t", end);
  }
  return out;
}

// An XLSX workbook as `unzip` reads it: the members asked for, from a temporary file.
class Workbook {
 public:
  explicit Workbook(const std::string& bytes) {
    char name[] = "/tmp/cynnal-register-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) return;
    close(fd);
    path_ = name;
    std::ofstream out(path_, std::ios::binary);
    out << bytes;
  }
  ~Workbook() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // The member's text ("" when there is no such member); every member when `member` is "".
  std::string Member(const std::string& member) const {
    std::string text;
    if (path_.empty()) return text;
    const std::string command =
        "unzip -p " + path_ + (member.empty() ? "" : " " + member) + " 2>/dev/null";
    if (FILE* pipe = popen(command.c_str(), "r")) {
      char buffer[4096];
      std::size_t n = 0;
      while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
      pclose(pipe);
    }
    return text;
  }

  // The workbook's shared strings, by index.
  std::vector<std::string> SharedStrings() const {
    std::vector<std::string> strings;
    const std::string xml = Member("xl/sharedStrings.xml");
    auto at = xml.find("<si>");
    while (at != std::string::npos) {
      const auto end = xml.find("</si>", at);
      if (end == std::string::npos) break;
      strings.push_back(TextRuns(xml.substr(at, end - at)));
      at = xml.find("<si>", end);
    }
    return strings;
  }

  // The rows of worksheet `n` (from 1) as the spreadsheet shows them, by row number: the text of
  // each cell, shared strings looked up.
  std::map<int, std::vector<std::string>> Sheet(int n) const {
    const std::vector<std::string> shared = SharedStrings();
    const std::string xml = Member("xl/worksheets/sheet" + std::to_string(n) + ".xml");
    std::map<int, std::vector<std::string>> rows;
    auto at = xml.find("<c ");
    while (at != std::string::npos) {
      const auto open_end = xml.find('>', at);
      const std::string open = xml.substr(at, open_end - at);
      const auto ref_at = open.find("r=\"");
      std::string ref = open.substr(ref_at + 3, open.find('"', ref_at + 3) - ref_at - 3);
      std::size_t column = 0;
      std::size_t i = 0;
      for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i)
        column = column * 26 + static_cast<std::size_t>(ref[i] - 'A' + 1);
      const int row = std::stoi(ref.substr(i));
      std::string value;
      if (open.back() != '/') {
        const auto close = xml.find("</c>", open_end);
        const std::string inner = xml.substr(open_end + 1, close - open_end - 1);
        const auto v = inner.find("<v>");
        if (Has(open, "t=\"s\"") && v != std::string::npos) {
          const auto index = std::stoul(inner.substr(v + 3, inner.find("</v>") - v - 3));
          value = index < shared.size() ? shared[index] : "";
        } else if (Has(open, "t=\"inlineStr\"")) {
          value = TextRuns(inner);
        } else if (v != std::string::npos) {
          value = XmlDecoded(inner.substr(v + 3, inner.find("</v>") - v - 3));
        }
      }
      auto& cells = rows[row];
      if (cells.size() < column) cells.resize(column);
      cells[column - 1] = value;
      at = xml.find("<c ", open_end);
    }
    return rows;
  }

 private:
  std::string path_;
};

// One learner on the register, as the ALNCo's register page lists them.
struct RegisterEntry {
  long long id = 0;
  std::string name;
  std::string upn;
  std::string provisions;  // "Provision this year"
};

class ProvisionPages : public WebFixture {
 protected:
  static domain::Date Iso(const std::string& iso) { return *domain::ParseIsoDate(iso); }

  // The ALNCo's school: Bryn Derw.
  domain::SettingId BrynDerw(const Session& alnco) {
    if (alnco.user.settings.empty()) {
      ADD_FAILURE() << "the ALNCo has no school";
      return {};
    }
    const domain::SettingId id = alnco.user.settings.front();
    auto uow = store_.Begin(app::TxMode::kRead);
    auto setting = (*uow)->Settings().Get(id);
    EXPECT_TRUE(setting && setting->name == kBrynDerw) << "the ALNCo's school is Bryn Derw";
    return id;
  }
  static std::string SettingPath(domain::SettingId id) { return "/settings/" + Id(id.value()); }
  static std::string MapPage(domain::SettingId id, int year) {
    return SettingPath(id) + "/provision-map?year=" + Id(year);
  }
  static std::string ProvisionPath(long long map, int key) {
    return "/provision-maps/" + Id(map) + "/provisions/" + Id(key);
  }

  // The school's map for `year` as stored (an empty map with id 0 when there is none).
  domain::ProvisionMap StoredMap(domain::SettingId setting, int year) {
    auto uow = store_.Begin(app::TxMode::kRead);
    return (*uow)->Provision().FindMap(setting, year).value_or(domain::ProvisionMap{});
  }

  // The key of the provision named `name` on `map` (0 when there is none).
  static int KeyOf(const domain::ProvisionMap& map, const std::string& name) {
    for (const auto& p : map.provisions)
      if (p.name == name) return p.key;
    return 0;
  }

  domain::Learner StoredLearner(long long id) {
    auto uow = store_.Begin(app::TxMode::kRead);
    auto l = (*uow)->Learners().Get(domain::LearnerId{id});
    if (!l) ADD_FAILURE() << "no learner " << id;
    return l.value_or(domain::Learner{});
  }

  // Learners registered at `setting` today.
  std::vector<domain::Learner> LearnersAt(domain::SettingId setting) {
    std::vector<domain::Learner> out;
    for (const auto& l : AllLearners())
      for (const auto& r : l.RegistrationsOn(clock_.Today()))
        if (r.setting == setting) {
          out.push_back(l);
          break;
        }
    return out;
  }

  // What Mali's plan in force promises first: the reading element the teacher records against.
  struct Promise {
    domain::IdpId idp;
    domain::AlpElement element;
    domain::Date from;     // measured from: this school year, or later if the plan starts later
    domain::Date through;  // today, or the element's end
    std::string title;     // as the pages name it
    std::string target;    // as the record form sends it
  };
  std::optional<Promise> PromiseTo(const domain::Learner& learner) {
    auto uow = store_.Begin(app::TxMode::kRead);
    const domain::Date today = clock_.Today();
    for (const auto& idp : (*uow)->Plans().ListForLearner(learner.id)) {
      if (idp.Status() != domain::IdpStatus::kInForce || !idp.Current() ||
          idp.Current()->content.elements.empty())
        continue;
      const domain::IdpVersion& version = *idp.Current();
      const domain::AlpElement& e = version.content.elements.front();
      Promise p;
      p.idp = idp.id;
      p.element = e;
      domain::Date starts = version.given_on;
      if (e.starts_on && *e.starts_on > starts) starts = *e.starts_on;
      p.from = std::max(starts, domain::AcademicYearStart(domain::AcademicYearOf(today)));
      p.through = e.ends && e.review_on && *e.review_on < today ? *e.review_on : today;
      p.title = e.provision.empty() ? e.outcome : e.provision;
      p.target = "alp-" + Id(idp.id.value()) + "-" + Id(e.key);
      return p;
    }
    return std::nullopt;
  }

  // The school's calendar (its LA's terms and its own days).
  domain::SchoolCalendar Calendar(domain::SettingId id) {
    auto uow = store_.Begin(app::TxMode::kRead);
    auto setting = (*uow)->Settings().Get(id);
    EXPECT_TRUE(setting.has_value());
    auto calendar = app::CalendarFor(**uow, &*setting, setting->local_authority);
    EXPECT_TRUE(calendar.has_value());
    return calendar ? *calendar : domain::SchoolCalendar{};
  }

  // Sessions promised at `sessions` a week, by a day-by-day walk: each Monday-to-Sunday week with
  // a school day on or after `from` whose last school day is on or before `through`.
  static int PromisedWeekly(int sessions, domain::Date from, domain::Date through,
                            const domain::SchoolCalendar& calendar) {
    domain::Date monday = from;
    while (std::chrono::weekday{std::chrono::sys_days{monday}} != std::chrono::Monday)
      monday = domain::AddDays(monday, -1);
    int weeks = 0;
    for (; monday <= through; monday = domain::AddDays(monday, 7)) {
      std::optional<domain::Date> last;
      bool from_on = false;
      for (int i = 0; i < 7; ++i) {
        const domain::Date day = domain::AddDays(monday, i);
        if (calendar.TypeOf(day) != domain::DayType::kSchoolDay) continue;
        last = day;
        from_on = from_on || day >= from;
      }
      if (last && from_on && *last <= through) ++weeks;
    }
    return weeks * sessions;
  }

  // The sessions recorded as given against the promise.
  int Delivered(const domain::Learner& learner, const Promise& p) {
    auto uow = store_.Begin(app::TxMode::kRead);
    app::DeliveryQuery q;
    q.learner = learner.id;
    q.from = p.from;
    q.through = p.through;
    int total = 0;
    for (const auto& r : (*uow)->Provision().ListDeliveries(q))
      if (r.idp == p.idp && r.element == p.element.key) total += r.delivered;
    return total;
  }

  // The learners on the register as the ALNCo's register page lists them.
  std::vector<RegisterEntry> Register(const Session& alnco, domain::SettingId setting) {
    std::vector<RegisterEntry> entries;
    const std::string page = Page(alnco, SettingPath(setting) + "/aln-register");
    for (const auto& row : Rows(Element(page, "register-table", "</table>"))) {
      RegisterEntry e;
      const std::string html = Decoded(row);
      const std::string href = "href=\"/learners/";
      const auto at = html.find(href);
      if (at != std::string::npos) e.id = std::stoll(html.substr(at + href.size()));
      const auto cells = Cells(row);
      if (cells.size() >= 6) {
        e.name = cells[0];
        e.upn = cells[1];
        e.provisions = cells[5];
      }
      entries.push_back(e);
    }
    return entries;
  }

  // The ids offered by the add-a-learner form of a provision.
  std::vector<long long> LearnerOptions(const Session& s, long long map, int key) {
    std::vector<long long> ids;
    const std::string page = Page(s, ProvisionPath(map, key) + "/learners");
    const std::string marker = "<option value=\"";
    for (auto at = page.find(marker); at != std::string::npos; at = page.find(marker, at + 1)) {
      const auto start = at + marker.size();
      const std::string value = page.substr(start, page.find('"', start) - start);
      if (!value.empty()) ids.push_back(std::stoll(value));
    }
    return ids;
  }

  // Adds a provision through its form; answers its key (0 on failure).
  int AddProvision(const Session& s, long long map, httplib::Params params) {
    const std::string to = PostStep(s, "/provision-maps/" + Id(map) + "/provisions/new", params);
    const std::string prefix = "/provision-maps/" + Id(map) + "/provisions/";
    if (to.rfind(prefix, 0) != 0) return 0;
    EXPECT_NE(to.find("?done=added"), std::string::npos) << to;
    return std::stoi(to.substr(prefix.size()));
  }

  static httplib::Params LegoTherapy() {
    return {{"name", "Lego therapy (Therapi Lego)"},
            {"level", "targeted"},
            {"area", "communication_interaction"},
            {"staff", "Teaching assistant"},
            {"staff_hours", "1.5"},
            {"group_size", "3"},
            {"sessions", "1"},
            {"per", "week"},
            {"minutes", "40"},
            {"cost_per_term", "180"},
            {"impact", ""}};
  }

  // Adds `learner` to a provision on `joined` with an entry measure.
  void Join(const Session& s, long long map, int key, long long learner, const std::string& joined,
            const std::string& entry) {
    httplib::Params p{{"learner", Id(learner)}, {"entry_measure", entry}};
    AddDate(p, "joined_on", joined);
    EXPECT_EQ(PostStep(s, ProvisionPath(map, key) + "/learners", p),
              ProvisionPath(map, key) + "?done=learner_added");
  }
};

// ---- A provision from its form to its learners ----

TEST_F(ProvisionPages, AnAlncoAddsAProvisionAndALearnerAndEndsTheirPlace) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const int year = ThisYear();

  // This year's map: rolled over from last year's, or started now.
  std::string page = Page(alnco, MapPage(school, year));
  if (Has(page, "id=\"no-map\"")) {
    EXPECT_EQ(PostStep(alnco, SettingPath(school) + "/provision-map/start", {{"year", Id(year)}}),
              MapPage(school, year) + "&done=started");
    page = Page(alnco, MapPage(school, year));
  }
  const long long map = StoredMap(school, year).id.value();
  ASSERT_GT(map, 0);
  EXPECT_NE(TextOf(Element(page, "main-content", "</h1>")).find(domain::AcademicYearLabel(year)),
            std::string::npos);
  ASSERT_TRUE(Links(page, "/provision-maps/" + Id(map) + "/provisions/new")) << TextOf(page);
  EXPECT_TRUE(Links(page, "/provision-maps/" + Id(map) + "/roll-over"));
  const std::size_t provisions_before = StoredMap(school, year).provisions.size();

  // A blank name and hours with two decimal places: refused, with what was typed kept.
  const std::string form = "/provision-maps/" + Id(map) + "/provisions/new";
  EXPECT_EQ(Status(Get(alnco, form)), 200);
  httplib::Params bad = LegoTherapy();
  bad.erase("name");
  bad.emplace("name", "  ");
  bad.erase("staff_hours");
  bad.emplace("staff_hours", "2.55");
  page = PostRefused(alnco, form, bad, 422);
  const std::string summary = ErrorSummary(page);
  EXPECT_NE(summary.find("There is a problem"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Enter the provision's name"), std::string::npos) << summary;
  EXPECT_NE(summary.find("Enter hours as a number with at most one decimal place"),
            std::string::npos)
      << summary;
  EXPECT_EQ(FieldError(page, "name"), "Enter the provision's name");
  EXPECT_NE(FieldError(page, "staff_hours").find("at most one decimal place"), std::string::npos)
      << FieldError(page, "staff_hours");
  EXPECT_TRUE(Has(page, "name=\"staff_hours\" type=\"text\" value=\"2.55\"")) << "hours kept";
  EXPECT_TRUE(Has(page, "name=\"staff\" type=\"text\" value=\"Teaching assistant\""))
      << "staff kept";
  EXPECT_TRUE(Has(page, "name=\"minutes\" type=\"text\" value=\"40\"")) << "minutes kept";
  EXPECT_TRUE(Has(page, "value=\"targeted\" checked")) << "level kept";
  EXPECT_EQ(StoredMap(school, year).provisions.size(), provisions_before) << "nothing added";

  // Added.
  const int key = AddProvision(alnco, map, LegoTherapy());
  ASSERT_GT(key, 0);
  const std::string path = ProvisionPath(map, key);
  page = Page(alnco, path + "?done=added");
  EXPECT_NE(TextOf(page).find("The provision has been added."), std::string::npos);
  EXPECT_NE(TextOf(Element(page, "main-content", "</h1>")).find("Lego therapy (Therapi Lego)"),
            std::string::npos);
  std::string text = TextOf(page);
  EXPECT_NE(text.find("Targeted"), std::string::npos) << text;
  EXPECT_NE(text.find("Staff hours a week 1.5"), std::string::npos) << text;
  EXPECT_NE(text.find("How often 40 minutes, once each week"), std::string::npos) << text;
  EXPECT_EQ(TextOf(Element(page, "learner-count", "</dd>")), "0");
  EXPECT_NE(text.find("No learners have received this provision this year."), std::string::npos);
  EXPECT_TRUE(Links(page, path + "/edit"));
  EXPECT_TRUE(Links(page, path + "/learners"));
  // The map lists it at its level.
  page = Page(alnco, MapPage(school, year));
  EXPECT_TRUE(Links(page, path)) << "the map links to the new provision";
  EXPECT_NE(TextOf(Element(page, "level-targeted", "</table>")).find("Lego therapy"),
            std::string::npos);

  // A learner of the school joins with an entry measure.
  const std::vector<long long> options = LearnerOptions(alnco, map, key);
  ASSERT_FALSE(options.empty()) << "the form offers the school's learners";
  for (const auto& l : LearnersAt(school)) {
    EXPECT_NE(std::find(options.begin(), options.end(), l.id.value()), options.end())
        << l.DisplayName() << " is at the school and is offered";
  }
  const domain::Learner joiner = StoredLearner(options.front());
  Join(alnco, map, key, joiner.id.value(), "2026-11-02", "Social communication score 12");
  page = Page(alnco, path + "?done=learner_added");
  EXPECT_NE(TextOf(page).find("The learner has been added."), std::string::npos);
  EXPECT_EQ(TextOf(Element(page, "learner-count", "</dd>")), "1");
  auto rows = TableRows(page, "learners");
  ASSERT_EQ(rows.size(), 1u) << TextOf(page);
  EXPECT_EQ(rows[0][0], joiner.DisplayName());
  EXPECT_EQ(rows[0][1], "2 November 2026");
  EXPECT_EQ(rows[0][2], "Social communication score 12");
  EXPECT_EQ(rows[0][3], "") << "not finished";
  const std::string end = path + "/learners/" + Id(joiner.id.value()) + "/end";
  EXPECT_TRUE(Links(page, end));
  // Joining twice is refused.
  httplib::Params again{{"learner", Id(joiner.id.value())}, {"entry_measure", ""}};
  AddDate(again, "joined_on", "2026-11-03");
  page = PostRefused(alnco, path + "/learners", again, 409);
  EXPECT_NE(TextOf(page).find("The learner already receives this provision"), std::string::npos);

  // Their place ends with an exit measure.
  page = Page(alnco, end);
  EXPECT_NE(TextOf(page).find(joiner.DisplayName()), std::string::npos);
  httplib::Params ended{{"exit_measure", "Social communication score 19"}};
  AddDate(ended, "left_on", "2026-11-19");
  EXPECT_EQ(PostStep(alnco, end, ended), path + "?done=learner_ended");
  page = Page(alnco, path + "?done=learner_ended");
  EXPECT_NE(TextOf(page).find("The learner's place has ended."), std::string::npos);
  EXPECT_EQ(TextOf(Element(page, "learner-count", "</dd>")), "0");
  rows = TableRows(page, "learners");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], joiner.DisplayName());
  EXPECT_EQ(rows[0][2], "Social communication score 12");
  EXPECT_EQ(rows[0][3], "19 November 2026");
  EXPECT_EQ(rows[0][4], "Social communication score 19");
  EXPECT_FALSE(Links(page, end)) << "a place ended cannot be ended again";

  // Last year's map was reviewed: it is kept as it was.
  const domain::ProvisionMap last = StoredMap(school, year - 1);
  ASSERT_GT(last.id.value(), 0);
  ASSERT_TRUE(last.review.has_value());
  ASSERT_FALSE(last.provisions.empty());
  page = Page(alnco, MapPage(school, year - 1));
  EXPECT_NE(TextOf(Element(page, "review", "</div>")).find("Reviewed on"), std::string::npos);
  EXPECT_FALSE(Has(page, "id=\"add-provision\""));
  EXPECT_FALSE(Has(page, "id=\"roll-over\""));
  EXPECT_FALSE(Links(page, "/provision-maps/" + Id(last.id.value()) + "/provisions/new"));
  for (const auto& p : last.provisions) {
    const std::string old = ProvisionPath(last.id.value(), p.key);
    EXPECT_TRUE(Links(page, old)) << p.name;
    const std::string provision = Page(alnco, old);
    EXPECT_FALSE(Has(provision, "id=\"edit-provision\"")) << p.name;
    EXPECT_FALSE(Has(provision, "id=\"add-learner\"")) << p.name;
    EXPECT_FALSE(Has(Decoded(provision), "/end\"")) << p.name << ": no place can be ended";
    EXPECT_FALSE(Has(Decoded(provision), old + "/remove")) << p.name;
  }
  const int old_key = last.provisions.front().key;
  for (const std::string& refused : {"/provision-maps/" + Id(last.id.value()) + "/provisions/new",
                                     ProvisionPath(last.id.value(), old_key) + "/edit",
                                     ProvisionPath(last.id.value(), old_key) + "/learners"}) {
    auto get = Get(alnco, refused);
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 403) << refused;
    EXPECT_NE(TextOf(get->body).find("has been reviewed and is kept as it was"), std::string::npos)
        << refused << ": " << TextOf(Element(get->body, "main-content", "</main>"));
  }
  auto post =
      PostForm(alnco, "/provision-maps/" + Id(last.id.value()) + "/provisions/new", LegoTherapy());
  ASSERT_TRUE(post);
  EXPECT_TRUE(post->status == 403 || post->status == 409) << post->status;
  EXPECT_NE(TextOf(post->body).find("has been reviewed and is kept as it was"), std::string::npos)
      << TextOf(Element(post->body, "main-content", "</main>"));
  httplib::Params late{{"learner", Id(joiner.id.value())}, {"entry_measure", ""}};
  AddDate(late, "joined_on", "2026-03-02");
  post = PostForm(alnco, ProvisionPath(last.id.value(), old_key) + "/learners", late);
  ASSERT_TRUE(post);
  EXPECT_TRUE(post->status == 403 || post->status == 409) << post->status;
  const domain::ProvisionMap after = StoredMap(school, year - 1);
  EXPECT_EQ(after.provisions.size(), last.provisions.size()) << "nothing added to last year's";
  EXPECT_EQ(after.version, last.version) << "last year's map unchanged";
}

// ---- Review and roll over ----

TEST_F(ProvisionPages, ReviewingTheYearRollsTheMapOverOnceWithTheLearnersWhoCarryOn) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const int year = ThisYear();
  const domain::ProvisionMap before = StoredMap(school, year);
  ASSERT_GT(before.id.value(), 0);
  ASSERT_FALSE(before.review.has_value());
  ASSERT_EQ(StoredMap(school, year + 1).id.value(), 0) << "no map for next year yet";
  const long long map = before.id.value();

  // One learner of the catch-up reading group finishes today: they do not carry on.
  const int reading = KeyOf(before, "Catch-up reading (Dal i Fyny)");
  ASSERT_GT(reading, 0);
  std::vector<domain::LearnerId> group;
  for (const auto& l : before.Find(reading)->learners)
    if (!l.left_on) group.push_back(l.learner);
  ASSERT_GE(group.size(), 2u) << "the demo carried at least two readers into this year";
  const domain::Learner finished = StoredLearner(group.front().value());
  httplib::Params ended{{"exit_measure", "Reading age 8y 1m"}};
  AddDate(ended, "left_on", "2026-11-20");
  EXPECT_EQ(
      PostStep(alnco, ProvisionPath(map, reading) + "/learners/" + Id(finished.id.value()) + "/end",
               ended),
      ProvisionPath(map, reading) + "?done=learner_ended");

  // Who should carry on: on a provision today, not finished, and still at the school next year.
  const domain::ProvisionMap reviewed = StoredMap(school, year);
  const domain::Date next_start = domain::AcademicYearStart(year + 1);
  std::map<int, std::set<std::string>> carried;  // names by provision
  std::map<int, std::set<std::string>> dropped;
  for (const auto& p : reviewed.provisions)
    for (const auto& place : p.learners) {
      const domain::Learner l = StoredLearner(place.learner.value());
      bool stays = false;
      for (const auto& r : l.RegistrationsOn(next_start)) stays = stays || r.setting == school;
      (!place.left_on && stays ? carried : dropped)[p.key].insert(l.DisplayName());
    }
  EXPECT_TRUE(dropped[reading].count(finished.DisplayName()));

  // Without a summary the review is refused.
  const std::string roll = "/provision-maps/" + Id(map) + "/roll-over";
  std::string page = Page(alnco, MapPage(school, year));
  EXPECT_TRUE(Links(page, roll));
  EXPECT_EQ(Status(Get(alnco, roll)), 200);
  httplib::Params blank{{"summary", " "}};
  AddDate(blank, "reviewed_on", "2026-11-20");
  page = PostRefused(alnco, roll, blank, 422);
  EXPECT_NE(ErrorSummary(page).find("Write what the review found"), std::string::npos)
      << ErrorSummary(page);
  EXPECT_EQ(FieldError(page, "summary"), "Write what the review found");
  // Nor can it be dated tomorrow.
  httplib::Params tomorrow{{"summary", "Too soon."}};
  AddDate(tomorrow, "reviewed_on", domain::FormatIsoDate(domain::AddDays(clock_.Today(), 1)));
  page = PostRefused(alnco, roll, tomorrow, 422);
  EXPECT_EQ(FieldError(page, "reviewed_on"), "The date cannot be in the future");
  EXPECT_TRUE(Has(page, ">Too soon.</textarea>")) << "the summary is kept";
  EXPECT_EQ(StoredMap(school, year + 1).id.value(), 0) << "no map started";
  EXPECT_FALSE(StoredMap(school, year).review.has_value());

  // Reviewed and rolled over.
  const std::string found =
      "Catch-up reading continues; the nurture group moves to the mornings. Agreed with the ALN "
      "governor.";
  httplib::Params review{{"summary", found}};
  AddDate(review, "reviewed_on", "2026-11-20");
  EXPECT_EQ(PostStep(alnco, roll, review), MapPage(school, year + 1) + "&done=rolled_over");
  const domain::ProvisionMap next = StoredMap(school, year + 1);
  ASSERT_GT(next.id.value(), 0);
  page = Page(alnco, MapPage(school, year + 1) + "&done=rolled_over");
  EXPECT_NE(TextOf(page).find("The map has been reviewed and next year's map started."),
            std::string::npos);
  EXPECT_NE(
      TextOf(Element(page, "main-content", "</h1>")).find(domain::AcademicYearLabel(year + 1)),
      std::string::npos);
  EXPECT_TRUE(Has(page, "id=\"add-provision\"")) << "next year's map can be changed";
  for (const auto& p : reviewed.provisions) {
    EXPECT_NE(TextOf(page).find(p.name), std::string::npos) << p.name << " is on next year's map";
    ASSERT_TRUE(Links(page, ProvisionPath(next.id.value(), p.key))) << p.name;
    const std::string provision = Page(alnco, ProvisionPath(next.id.value(), p.key));
    std::set<std::string> listed;
    for (const auto& row : TableRows(provision, "learners")) {
      ASSERT_GE(row.size(), 4u);
      listed.insert(row[0]);
      EXPECT_EQ(row[1], "1 September " + Id(year + 1)) << p.name << " " << row[0];
      EXPECT_EQ(row[3], "") << p.name << " " << row[0] << " carries on";
    }
    EXPECT_EQ(listed, carried[p.key]) << p.name;
    for (const auto& name : dropped[p.key])
      if (!carried[p.key].count(name)) {
        EXPECT_EQ(listed.count(name), 0u) << name << " finished " << p.name;
      }
    EXPECT_EQ(TextOf(Element(provision, "learner-count", "</dd>")), "0")
        << p.name << ": no one receives next year's provision before next year begins";
  }
  EXPECT_FALSE(carried[reading].empty()) << "the other readers carry on";

  // This year's map shows its review and is kept as it was.
  page = Page(alnco, MapPage(school, year));
  const std::string shown = TextOf(Element(page, "review", "</div>"));
  EXPECT_NE(shown.find("Reviewed on 20 November 2026"), std::string::npos) << shown;
  EXPECT_NE(shown.find(found), std::string::npos) << shown;
  EXPECT_TRUE(Links(page, MapPage(school, year + 1))) << "it links to next year's";
  EXPECT_FALSE(Has(page, "id=\"add-provision\""));
  EXPECT_FALSE(Has(page, "id=\"roll-over\""));

  // Twice is refused, and no third map appears.
  auto get = Get(alnco, roll);
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 403);
  EXPECT_NE(TextOf(get->body).find("has been reviewed and is kept as it was"), std::string::npos)
      << TextOf(Element(get->body, "main-content", "</main>"));
  auto post = PostForm(alnco, roll, review);
  ASSERT_TRUE(post);
  EXPECT_TRUE(post->status == 403 || post->status == 409) << post->status;
  EXPECT_NE(TextOf(post->body).find("has been reviewed and is kept as it was"), std::string::npos)
      << TextOf(Element(post->body, "main-content", "</main>"));
  EXPECT_EQ(StoredMap(school, year + 2).id.value(), 0);
  EXPECT_EQ(StoredMap(school, year + 1).id, next.id);
  EXPECT_EQ(StoredMap(school, year).review->summary, found) << "the first review stands";
}

// ---- Delivered against promised ----

TEST_F(ProvisionPages, MalisReadingFallsShortUntilTheTeacherRecordsMoreSessions) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const domain::Learner mali = Mali();
  ASSERT_TRUE(mali.id.valid());
  const std::string name = mali.DisplayName();
  const auto promise = PromiseTo(mali);
  ASSERT_TRUE(promise.has_value()) << "Mali has an IDP in force with an element of ALP";
  ASSERT_EQ(promise->element.sessions, 3) << "three reading sessions";
  ASSERT_EQ(promise->element.per, domain::ProvisionPeriod::kWeek) << "a week";
  ASSERT_LE(promise->from, promise->through);
  const int promised = PromisedWeekly(3, promise->from, promise->through, Calendar(school));
  const int delivered = Delivered(mali, *promise);
  ASSERT_GT(delivered, 0) << "the demo records her sessions";
  ASSERT_GT(promised, delivered) << "and leaves her short";
  const std::string id = Id(mali.id.value());
  const std::string title = promise->title;

  // Her record warns of the shortfall.
  std::string page = Page(alnco, "/learners/" + id);
  EXPECT_NE(TextOf(Element(page, "delivery", "</ul>"))
                .find("Fewer sessions have been delivered than were promised"),
            std::string::npos)
      << TextOf(Element(page, "delivery", "</ul>"));
  const std::string shortfalls = TextOf(Element(page, "delivery-shortfalls", "</ul>"));
  EXPECT_NE(
      shortfalls.find(title + ": " + Id(delivered) + " of " + Id(promised) + " sessions delivered"),
      std::string::npos)
      << shortfalls << "\nexpected " << delivered << " of " << promised;
  EXPECT_TRUE(Links(page, "/learners/" + id + "/delivery"));

  // The delivery page: promised, delivered and how short.
  auto line = [&](const std::string& html) {
    for (const auto& row : TableRows(html, "delivery-lines"))
      if (row.size() >= 6 && row[0].rfind(title, 0) == 0) return row;
    ADD_FAILURE() << "no line for " << title << " in " << TextOf(html);
    return std::vector<std::string>(6);
  };
  page = Page(alnco, "/learners/" + id + "/delivery");
  auto row = line(page);
  EXPECT_NE(row[0].find("IDP"), std::string::npos) << row[0];
  EXPECT_NE(row[0].find(kBrynDerw), std::string::npos) << row[0];
  EXPECT_EQ(row[3], Id(promised));
  EXPECT_EQ(row[4], Id(delivered));
  EXPECT_EQ(row[5], Id(promised - delivered) + " short");
  EXPECT_TRUE(Has(page, "govuk-tag--red"));
  EXPECT_TRUE(Links(page, "/learners/" + id + "/delivery/new"));

  // The school's page lists her shortfall.
  auto school_row = [&](const std::string& html) {
    for (const auto& r : TableRows(html, "shortfall-table"))
      if (r.size() >= 5 && r[0] == name && r[1].rfind(title, 0) == 0) return r;
    ADD_FAILURE() << "no shortfall of " << name << " in " << TextOf(html);
    return std::vector<std::string>(5);
  };
  page = Page(alnco, SettingPath(school) + "/delivery");
  auto listed = school_row(page);
  EXPECT_EQ(listed[2], Id(promised));
  EXPECT_EQ(listed[3], Id(delivered));
  EXPECT_EQ(listed[4], Id(promised - delivered));
  EXPECT_TRUE(Links(page, "/learners/" + id + "/delivery"));
  const std::string short_before = TextOf(Element(page, "learners-short", "</dd>"));

  // The teacher records sessions: not tomorrow, and not missed ones without a reason.
  Session teacher = SignIn("teacher");
  const std::string record = "/learners/" + id + "/delivery/new";
  page = Page(teacher, record);
  EXPECT_TRUE(Has(page, "value=\"" + promise->target + "\"")) << "the form offers the reading";
  httplib::Params future{{"target", promise->target}, {"delivered", "1"}, {"missed", "0"}};
  AddDate(future, "on", domain::FormatIsoDate(domain::AddDays(clock_.Today(), 1)));
  page = PostRefused(teacher, record, future, 422);
  EXPECT_NE(ErrorSummary(page).find("The date cannot be in the future"), std::string::npos)
      << ErrorSummary(page);
  EXPECT_EQ(FieldError(page, "on"), "The date cannot be in the future");
  EXPECT_TRUE(Has(page, "value=\"" + promise->target + "\" checked")) << "the choice is kept";
  httplib::Params no_reason{{"target", promise->target}, {"delivered", "1"}, {"missed", "1"}};
  AddDate(no_reason, "on", domain::FormatIsoDate(clock_.Today()));
  page = PostRefused(teacher, record, no_reason, 422);
  EXPECT_NE(ErrorSummary(page).find("Choose why sessions were missed"), std::string::npos)
      << ErrorSummary(page);
  EXPECT_EQ(FieldError(page, "reason"), "Choose why sessions were missed");
  httplib::Params nothing{{"target", promise->target}, {"delivered", "0"}, {"missed", "0"}};
  AddDate(nothing, "on", domain::FormatIsoDate(clock_.Today()));
  page = PostRefused(teacher, record, nothing, 422);
  EXPECT_NE(ErrorSummary(page).find("Enter the sessions delivered or missed"), std::string::npos)
      << ErrorSummary(page);
  httplib::Params last_year{{"target", promise->target}, {"delivered", "1"}, {"missed", "0"}};
  AddDate(last_year, "on",
          domain::FormatIsoDate(domain::AddDays(
              domain::AcademicYearStart(domain::AcademicYearOf(clock_.Today())), -1)));
  page = PostRefused(teacher, record, last_year, 422);
  EXPECT_EQ(FieldError(page, "on"), "Record sessions of this school year only");
  EXPECT_EQ(Delivered(mali, *promise), delivered) << "nothing recorded";

  // Three sessions today, and one missed with its reason.
  httplib::Params given{{"target", promise->target},
                        {"delivered", "3"},
                        {"missed", "1"},
                        {"reason", "learner_absent"},
                        {"note", "Catch-up sessions after the school trip"}};
  AddDate(given, "on", domain::FormatIsoDate(clock_.Today()));
  EXPECT_EQ(PostStep(teacher, record, given), "/learners/" + id + "/delivery?done=recorded");
  EXPECT_EQ(Delivered(mali, *promise), delivered + 3);
  page = Page(teacher, "/learners/" + id + "/delivery?done=recorded");
  EXPECT_NE(TextOf(page).find("The sessions have been recorded."), std::string::npos);
  row = line(page);
  EXPECT_EQ(row[3], Id(promised)) << "the promise is unchanged";
  EXPECT_EQ(row[4], Id(delivered + 3));
  const int still_short = promised - delivered - 3;
  EXPECT_EQ(row[5], still_short > 0 ? Id(still_short) + " short" : "On track");
  const std::string records = TextOf(Element(page, "records", "</table>"));
  EXPECT_NE(records.find("20 November 2026 " + title +
                         " 3 1 (Learner absent) Catch-up sessions after the school trip " +
                         teacher.user.display_name),
            std::string::npos)
      << records;

  page = Page(alnco, "/learners/" + id);
  EXPECT_NE(TextOf(Element(page, "delivery-shortfalls", "</ul>"))
                .find(title + ": " + Id(delivered + 3) + " of " + Id(promised)),
            std::string::npos)
      << TextOf(Element(page, "delivery-shortfalls", "</ul>"));
  page = Page(alnco, SettingPath(school) + "/delivery");
  if (still_short > 0) {
    listed = school_row(page);
    EXPECT_EQ(listed[3], Id(delivered + 3));
    EXPECT_EQ(listed[4], Id(still_short));
  }
  EXPECT_EQ(TextOf(Element(page, "learners-short", "</dd>")).empty(), short_before.empty());
}

// ---- A governor sees numbers only ----

TEST_F(ProvisionPages, AGovernorSeesCountsAndNeverALearnersNameOrUpn) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const int year = ThisYear();
  const domain::ProvisionMap map = StoredMap(school, year);
  ASSERT_GT(map.id.value(), 0);

  // What the ALNCo sees: the register's names and UPNs, and every learner at the school.
  const std::vector<RegisterEntry> entries = Register(alnco, school);
  ASSERT_GE(entries.size(), 3u) << "the demo's register has learners";
  std::set<std::string> secrets;
  for (const auto& e : entries) {
    EXPECT_FALSE(e.name.empty());
    EXPECT_FALSE(e.upn.empty()) << e.name;
    secrets.insert(e.name);
    secrets.insert(e.upn);
  }
  for (const auto& l : LearnersAt(school)) {
    secrets.insert(l.DisplayName());
    secrets.insert(l.upn.str());
  }
  const std::string alnco_register = Page(alnco, SettingPath(school) + "/aln-register");
  const std::string alnco_map = Page(alnco, MapPage(school, year));
  const std::string alnco_delivery = Page(alnco, SettingPath(school) + "/delivery");

  Session governor = SignIn("governor");
  ASSERT_EQ(governor.user.role, domain::Role::kGovernor);
  std::map<std::string, std::string> seen;  // what the governor got, by path

  // The map: the same numbers, no names.
  std::string page = Page(governor, MapPage(school, year));
  seen[MapPage(school, year)] = page;
  EXPECT_EQ(TextOf(Element(page, "totals-table", "</table>")),
            TextOf(Element(alnco_map, "totals-table", "</table>")));
  EXPECT_FALSE(Has(page, "id=\"add-provision\""));
  EXPECT_FALSE(Links(page, SettingPath(school) + "/delivery"));
  for (const auto& p : map.provisions) {
    EXPECT_NE(TextOf(page).find(p.name), std::string::npos) << p.name;
    const std::string path = ProvisionPath(map.id.value(), p.key);
    const std::string provision = Page(governor, path);
    seen[path] = provision;
    EXPECT_FALSE(Has(provision, "id=\"learners\"")) << "no list of learners on " << p.name;
    EXPECT_FALSE(Has(provision, "id=\"edit-provision\""));
    // How many receive it, as the map counts them for the ALNCo.
    const std::string alnco_provision = Page(alnco, path);
    EXPECT_EQ(TextOf(Element(provision, "learner-count", "</dd>")),
              TextOf(Element(alnco_provision, "learner-count", "</dd>")))
        << "the governor sees how many receive " << p.name;
  }

  // The register: the same counts, no names.
  page = Page(governor, SettingPath(school) + "/aln-register");
  seen[SettingPath(school) + "/aln-register"] = page;
  EXPECT_EQ(TextOf(Element(page, "register-summary", "</p>")),
            TextOf(Element(alnco_register, "register-summary", "</p>")));
  for (const std::string table : {"by-category", "by-year", "by-area"}) {
    EXPECT_EQ(TextOf(Element(page, table, "</table>")),
              TextOf(Element(alnco_register, table, "</table>")))
        << table;
  }
  EXPECT_NE(TextOf(page).find("Governors see the register as numbers only, never names."),
            std::string::npos);
  EXPECT_FALSE(Has(page, "id=\"register-table\""));

  // The downloads: counts.
  auto csv = Download(governor, SettingPath(school) + "/aln-register.csv");
  seen["csv"] = csv.body;
  const auto lines = CsvLines(csv.body);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "Measure,Learners");
  EXPECT_NE(csv.body.find("On the ALN register," + Id(static_cast<long long>(entries.size()))),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.get_header_value("Content-Disposition").find("counts"), std::string::npos)
      << csv.get_header_value("Content-Disposition");
  auto xlsx = Download(governor, SettingPath(school) + "/aln-register.xlsx");
  EXPECT_EQ(xlsx.get_header_value("Content-Type"), kXlsxType);
  {
    Workbook book(xlsx.body);
    const std::string everything = XmlDecoded(book.Member(""));
    ASSERT_FALSE(everything.empty()) << "unzip reads the workbook";
    seen["xlsx"] = everything;
    const auto counts = book.Sheet(1);
    ASSERT_FALSE(counts.empty());
    EXPECT_EQ(counts.at(1), (std::vector<std::string>{"Measure", "Learners"}));
    EXPECT_TRUE(book.Member("xl/worksheets/sheet2.xml").empty()) << "one sheet: the counts";
  }

  // The API: counts, learners null.
  auto api = Send(governor, "GET", "/api/v1/settings/" + Id(school.value()) + "/aln-register", "");
  ASSERT_TRUE(api);
  ASSERT_EQ(api->status, 200) << api->body;
  seen["api register"] = api->body;
  auto body = nlohmann::json::parse(api->body);
  EXPECT_TRUE(body["learners"].is_null());
  EXPECT_EQ(body["total"].get<int>(), static_cast<int>(entries.size()));
  api = Send(governor, "GET", "/api/v1/settings/" + Id(school.value()) + "/provision-map", "");
  ASSERT_TRUE(api);
  ASSERT_EQ(api->status, 200) << api->body;
  seen["api map"] = api->body;
  body = nlohmann::json::parse(api->body);
  ASSERT_TRUE(body["map"].is_object());
  for (const auto& p : body["map"]["provisions"]) EXPECT_TRUE(p["learners"].is_null()) << p;

  // The school's delivery: totals only.
  page = Page(governor, SettingPath(school) + "/delivery");
  seen[SettingPath(school) + "/delivery"] = page;
  EXPECT_EQ(TextOf(Element(page, "delivery-totals", "</dl>")),
            TextOf(Element(alnco_delivery, "delivery-totals", "</dl>")));
  EXPECT_FALSE(Has(page, "id=\"shortfall-table\""));

  for (const auto& [path, got] : seen) {
    const std::string text = Decoded(got);
    for (const auto& secret : secrets) {
      EXPECT_EQ(text.find(secret), std::string::npos)
          << "leak: the governor sees " << secret << " in " << path;
    }
  }

  // A learner's sessions and the form to record them are refused.
  const domain::Learner mali = Mali();
  for (const std::string& path : {"/learners/" + Id(mali.id.value()) + "/delivery",
                                  "/learners/" + Id(mali.id.value()) + "/delivery/new"}) {
    auto res = Get(governor, path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << path;
    EXPECT_EQ(res->body.find(mali.DisplayName()), std::string::npos) << path;
  }
  const auto promise = PromiseTo(mali);
  ASSERT_TRUE(promise.has_value());
  const int recorded = Delivered(mali, *promise);
  httplib::Params given{{"target", promise->target}, {"delivered", "1"}, {"missed", "0"}};
  AddDate(given, "on", domain::FormatIsoDate(clock_.Today()));
  auto res = PostForm(governor, "/learners/" + Id(mali.id.value()) + "/delivery/new", given);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(Delivered(mali, *promise), recorded) << "nothing recorded";
  for (const std::string& path : {SettingPath(school) + "/provision-map/start",
                                  "/provision-maps/" + Id(map.id.value()) + "/provisions/new"}) {
    res = PostForm(governor, path, LegoTherapy());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << path;
  }
}

// ---- The register as a spreadsheet and as CSV ----

TEST_F(ProvisionPages, TheRegisterDownloadsWithNamesAndWithoutFormulas) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const int year = ThisYear();
  const long long map = StoredMap(school, year).id.value();
  ASSERT_GT(map, 0);

  // A provision whose name a spreadsheet would run, given to a learner not yet on the register.
  httplib::Params formula = LegoTherapy();
  formula.erase("name");
  formula.emplace("name", "=SUM(A1)");
  const int key = AddProvision(alnco, map, formula);
  ASSERT_GT(key, 0);
  std::vector<RegisterEntry> entries = Register(alnco, school);
  std::set<long long> listed;
  for (const auto& e : entries) listed.insert(e.id);
  long long newcomer = 0;
  for (long long id : LearnerOptions(alnco, map, key))
    if (!listed.count(id)) {
      newcomer = id;
      break;
    }
  ASSERT_GT(newcomer, 0) << "a learner of the school is not on the register";
  Join(alnco, map, key, newcomer, "2026-11-09", "");
  const domain::Learner learner = StoredLearner(newcomer);

  entries = Register(alnco, school);
  ASSERT_GE(entries.size(), 4u);
  bool on_register = false;
  for (const auto& e : entries)
    if (e.id == newcomer) {
      on_register = true;
      EXPECT_EQ(e.provisions, "=SUM(A1)") << e.name;
    }
  EXPECT_TRUE(on_register) << learner.DisplayName() << " joins the register with the provision";

  // The spreadsheet: the learners' sheet first, with its header, names and UPNs.
  auto xlsx = Download(alnco, SettingPath(school) + "/aln-register.xlsx");
  EXPECT_EQ(xlsx.get_header_value("Content-Type"), kXlsxType);
  EXPECT_EQ(xlsx.get_header_value("Content-Disposition"),
            "attachment; filename=\"aln-register-" + Id(school.value()) + ".xlsx\"");
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip archive";
  {
    Workbook book(xlsx.body);
    const std::string strings = XmlDecoded(book.Member("xl/sharedStrings.xml"));
    ASSERT_FALSE(strings.empty()) << "unzip reads xl/sharedStrings.xml";
    const std::string sheet = book.Member("xl/worksheets/sheet1.xml");
    ASSERT_FALSE(sheet.empty()) << "unzip reads xl/worksheets/sheet1.xml";
    EXPECT_FALSE(Has(sheet, "<f>") || Has(sheet, "<f ")) << "no formula in the sheet";
    const auto rows = book.Sheet(1);
    ASSERT_TRUE(rows.count(1));
    EXPECT_EQ(rows.at(1), (std::vector<std::string>{"Name", "UPN", "Year group", "Support",
                                                    "Areas and types of need", "Types of need",
                                                    "Provision this year"}));
    EXPECT_EQ(rows.size(), entries.size() + 1) << "a row for each learner on the register";
    for (const auto& e : entries) {
      EXPECT_NE(strings.find(e.name), std::string::npos) << e.name;
      EXPECT_NE(strings.find(e.upn), std::string::npos) << e.upn;
      bool found = false;
      for (const auto& [n, cells] : rows)
        if (n > 1 && cells.size() >= 2 && cells[0] == e.name && cells[1] == e.upn) {
          found = true;
          if (e.id == newcomer) {
            ASSERT_EQ(cells.size(), 7u);
            EXPECT_EQ(cells[6], "=SUM(A1)") << "written as text";
          }
        }
      EXPECT_TRUE(found) << e.name << " " << e.upn << " on a row of the sheet";
    }
    EXPECT_NE(book.Member("xl/workbook.xml").find("name=\"Counts\""), std::string::npos);
  }

  // CSV: the same learners, the formula made harmless.
  auto csv = Download(alnco, SettingPath(school) + "/aln-register.csv");
  EXPECT_EQ(csv.get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.get_header_value("Content-Disposition"),
            "attachment; filename=\"aln-register-" + Id(school.value()) + ".csv\"");
  const auto lines = CsvLines(csv.body);
  ASSERT_EQ(lines.size(), entries.size() + 1) << csv.body;
  EXPECT_EQ(
      lines[0],
      "Name,UPN,Year group,Support,Areas and types of need,Types of need,Provision this year");
  for (const auto& e : entries) {
    bool found = false;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto fields = CsvFields(lines[i]);
      if (fields.size() != 7u || fields[0] != e.name) continue;
      found = true;
      EXPECT_EQ(fields[1], e.upn);
      if (e.id == newcomer) {
        EXPECT_EQ(fields[6], "'=SUM(A1)") << lines[i];
      }
    }
    EXPECT_TRUE(found) << e.name << " in the CSV";
  }
  EXPECT_EQ(csv.body.find(",=SUM"), std::string::npos) << "no cell starts with =";
}

// ---- Welsh ----

TEST_F(ProvisionPages, TheMapAndTheRegisterInWelsh) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const int year = ThisYear();
  const std::string map = MapPage(school, year);
  const std::string last = MapPage(school, year - 1);
  const std::string reg = SettingPath(school) + "/aln-register";
  EXPECT_NE(TextOf(Element(Page(alnco, map), "main-content", "</h1>")).find("Provision map"),
            std::string::npos);

  auto sw = Get(alnco, "/language/cy?next=" + httplib::detail::encode_query_param(map));
  ASSERT_TRUE(sw);
  ASSERT_EQ(sw->status, 303);
  std::string page = Page(alnco, map);
  EXPECT_TRUE(Has(page, "<html lang=\"cy\""));
  std::string heading = TextOf(Element(page, "main-content", "</h1>"));
  EXPECT_NE(heading.find("Map darpariaeth " + domain::AcademicYearLabel(year)), std::string::npos)
      << heading;
  EXPECT_EQ(heading.find("Provision map"), std::string::npos) << heading;
  EXPECT_NE(TextOf(page).find(catalog_->Get(http::Lang::kCy, "provision_level_targeted")),
            std::string::npos);
  EXPECT_EQ(TextOf(page).find("Totals by level"), std::string::npos);

  page = Page(alnco, last);
  const std::string review = TextOf(Element(page, "review", "</div>"));
  EXPECT_NE(review.find(TextOf(catalog_->Get(http::Lang::kCy, "provision_reviewed_on"))),
            std::string::npos)
      << review;
  EXPECT_EQ(review.find("Reviewed on"), std::string::npos) << review;

  page = Page(alnco, reg);
  heading = TextOf(Element(page, "main-content", "</h1>"));
  EXPECT_NE(heading.find("Cofrestr ADY"), std::string::npos) << heading;
  EXPECT_EQ(heading.find("ALN register"), std::string::npos) << heading;
  EXPECT_NE(TextOf(Element(page, "register-summary", "</p>")), "");
  EXPECT_EQ(TextOf(page).find("learners on roll are on the register"), std::string::npos);
}

// ---- The JSON API ----

TEST_F(ProvisionPages, TheApiGivesTheMapAndRecordsSessions) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = BrynDerw(alnco);
  const int year = ThisYear();
  const domain::ProvisionMap map = StoredMap(school, year);
  const std::string sid = Id(school.value());

  auto res = Send(alnco, "GET", "/api/v1/settings/" + sid + "/provision-map", "");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  auto body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["setting_id"].get<long long>(), school.value());
  EXPECT_EQ(body["academic_year"].get<int>(), year);
  EXPECT_NE(std::find(body["years"].begin(), body["years"].end(), year - 1), body["years"].end());
  ASSERT_TRUE(body["map"].is_object());
  EXPECT_EQ(body["map"]["id"].get<long long>(), map.id.value());
  EXPECT_EQ(body["map"]["rolled_from"].get<long long>(), StoredMap(school, year - 1).id.value());
  EXPECT_TRUE(body["map"]["review"].is_null());
  ASSERT_EQ(body["map"]["provisions"].size(), map.provisions.size());
  for (std::size_t i = 0; i < map.provisions.size(); ++i) {
    const auto& p = map.provisions[i];
    const auto& j = body["map"]["provisions"][i];
    EXPECT_EQ(j["key"].get<int>(), p.key);
    EXPECT_EQ(j["name"].get<std::string>(), p.name);
    EXPECT_EQ(j["level"].get<std::string>(), domain::Code(p.level));
    ASSERT_TRUE(j["learners"].is_array()) << p.name;
    EXPECT_EQ(j["learners"].size(), p.learners.size()) << p.name;
    for (const auto& l : j["learners"]) {
      EXPECT_EQ(l["name"].get<std::string>(),
                StoredLearner(l["learner_id"].get<long long>()).DisplayName());
    }
  }
  // Last year's, reviewed.
  res = Send(alnco, "GET", "/api/v1/settings/" + sid + "/provision-map?year=" + Id(year - 1), "");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  body = nlohmann::json::parse(res->body);
  ASSERT_TRUE(body["map"].is_object());
  EXPECT_TRUE(body["map"]["review"].is_object());
  EXPECT_FALSE(body["map"]["review"]["summary"].get<std::string>().empty());

  // Sessions recorded through the API.
  const domain::Learner mali = Mali();
  const auto promise = PromiseTo(mali);
  ASSERT_TRUE(promise.has_value());
  const std::string path = "/api/v1/learners/" + Id(mali.id.value());
  auto total = [&](const nlohmann::json& answer) -> nlohmann::json {
    for (const auto& line : answer["lines"])
      if (line["target"] == promise->target) return line["total"];
    ADD_FAILURE() << "no line " << promise->target << " in " << answer.dump();
    return nlohmann::json::object();
  };
  Session teacher = SignIn("teacher");
  res = Send(teacher, "GET", path + "/delivery", "");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto before = total(nlohmann::json::parse(res->body));
  const int delivered = before["delivered"].get<int>();
  EXPECT_EQ(delivered, Delivered(mali, *promise));
  EXPECT_GT(before["shortfall"].get<int>(), 0);
  const std::string today = domain::FormatIsoDate(clock_.Today());
  res = Send(teacher, "POST", path + "/deliveries",
             nlohmann::json{{"target", promise->target},
                            {"on", today},
                            {"delivered", 2},
                            {"missed", 1},
                            {"reason", "staff_absent"}}
                 .dump());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const auto after = total(nlohmann::json::parse(res->body));
  EXPECT_EQ(after["delivered"].get<int>(), delivered + 2);
  EXPECT_EQ(after["missed"].get<int>(), before["missed"].get<int>() + 1);
  EXPECT_EQ(after["promised"].get<int>(), before["promised"].get<int>());
  EXPECT_EQ(after["shortfall"].get<int>(), std::max(0, before["shortfall"].get<int>() - 2));
  EXPECT_EQ(Delivered(mali, *promise), delivered + 2);
  EXPECT_EQ(nlohmann::json::parse(res->body)["records"][0]["on"].get<std::string>(), today)
      << "latest first";

  // Bad input: problem+json with the fields, nothing recorded.
  auto refused = [&](const nlohmann::json& sent, const std::string& field) {
    auto answer = Send(teacher, "POST", path + "/deliveries", sent.dump());
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 422) << sent.dump() << " -> " << answer->body;
    EXPECT_EQ(answer->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u);
    auto problem = nlohmann::json::parse(answer->body, nullptr, false);
    ASSERT_TRUE(problem.is_object()) << answer->body;
    EXPECT_EQ(problem["status"].get<int>(), 422);
    bool named = false;
    for (const auto& e : problem["errors"]) named = named || e["field"] == field;
    EXPECT_TRUE(named) << field << " in " << answer->body;
  };
  refused({{"target", promise->target},
           {"on", domain::FormatIsoDate(domain::AddDays(clock_.Today(), 7))},
           {"delivered", 1}},
          "on");
  refused({{"target", promise->target}, {"on", today}, {"delivered", 1}, {"missed", 2}}, "reason");
  refused({{"target", "alp-999999-1"}, {"on", today}, {"delivered", 1}}, "target");
  refused({{"target", promise->target}, {"on", today}, {"delivered", 21}}, "delivered");
  refused({{"target", promise->target}, {"on", "20 November"}, {"delivered", 1}}, "on");
  EXPECT_EQ(Delivered(mali, *promise), delivered + 2) << "nothing more recorded";

  // Those who may not record, or may not see the school.
  const nlohmann::json valid{{"target", promise->target}, {"on", today}, {"delivered", 1}};
  for (const std::string user : {"governor", "parent", "health.officer", "other.la.officer"}) {
    Session s = SignIn(user);
    auto answer = Send(s, "POST", path + "/deliveries", valid.dump());
    ASSERT_TRUE(answer);
    EXPECT_TRUE(answer->status == 403 || answer->status == 404) << user << " " << answer->status;
    EXPECT_EQ(answer->get_header_value("Content-Type").rfind("application/problem+json", 0), 0u)
        << user;
  }
  for (const std::string user : {"parent", "health.officer", "other.la.officer", "panel.member"}) {
    Session s = SignIn(user);
    for (const std::string route : {"/provision-map", "/aln-register"}) {
      auto answer = Send(s, "GET", "/api/v1/settings/" + sid + route, "");
      ASSERT_TRUE(answer);
      EXPECT_TRUE(answer->status == 403 || answer->status == 404)
          << user << " " << route << " " << answer->status;
      EXPECT_EQ(answer->body.find(mali.DisplayName()), std::string::npos) << user << " " << route;
    }
  }
  Session governor = SignIn("governor");
  res = Send(governor, "GET", path + "/delivery", "");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(Delivered(mali, *promise), delivered + 2) << "none of them recorded anything";
}

}  // namespace
}  // namespace cynnal::testing
