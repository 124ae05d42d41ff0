// What a caseworker notices about statutory clocks and school calendars: the due list and its
// order, due dates that follow a school's INSET days, the errors on the clock, waiver, term-date
// and calendar forms, calendar pages in English and Welsh, calendar files in and out, imported
// bank holidays, local timescales and the audit trail.
//
// The fixture's today is Friday 20 November 2026. The demo's LA 680 terms follow the all-Wales
// pattern; for 2026/27: autumn Tue 1 Sep - Fri 18 Dec 2026 (half-term 26-30 Oct), spring Mon 4 Jan
// 2027 - ... Ysgol Gymraeg Bryn Derw has INSET days on the first day of the autumn and spring terms
// (1 Sep 2026, 4 Jan 2027) and the last day of summer; other schools have none. No bank holiday
// falls in the autumn term 2026 (31 Aug is before it; 25 and 28 Dec 2026 and 1 Jan 2027 are in the
// Christmas holiday).
#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "web_fixture.h"

namespace cynnal::testing {
namespace {

using nlohmann::json;

// "2026-10-20" -> "20 October 2026", as the English pages write dates.
std::string LongDate(const std::string& iso) {
  static const char* kMonths[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
  const int year = std::stoi(iso.substr(0, 4));
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::to_string(year);
}

// HTML as a reader sees it: the entities the templates write for "/", "'", '"' and "&" decoded.
std::string Decoded(std::string html) {
  for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
           {"&#x2F;", "/"}, {"&#39;", "'"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
    for (auto at = html.find(entity); at != std::string::npos; at = html.find(entity, at + 1))
      html.replace(at, entity.size(), text);
  }
  return html;
}

// The text of an HTML fragment without its tags, trimmed.
std::string TextOf(const std::string& html) {
  std::string text = Decoded(std::regex_replace(html, std::regex("<[^>]+>"), ""));
  const auto first = text.find_first_not_of(" \n\t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \n\t") - first + 1);
}

// The message shown beside a form field (GOV.UK: <p id="FIELD-error">), without the hidden
// "Error:" prefix; "" when the field shows none.
std::string FieldError(const std::string& html, const std::string& field) {
  std::smatch m;
  const std::regex re("<p id=\"" + field +
                      "-error\" class=\"govuk-error-message\">([\\s\\S]*?)</p>");
  if (!std::regex_search(html, m, re)) return "";
  std::string text = TextOf(m[1]);
  const std::string prefix = "Error:";
  if (text.rfind(prefix, 0) == 0) text = TextOf(text.substr(prefix.size()));
  return text;
}

// One row of a due list page.
struct DueRow {
  std::string status;  // data-status: "overdue", "at_risk", "on_track", "waived", ...
  long long clock_id = 0;
  std::string tag;   // the status tag's text
  std::string rule;  // the rule and source under the date
  std::string html;
};

std::vector<DueRow> DueRows(const std::string& html) {
  std::vector<DueRow> rows;
  const std::regex row_re(
      "<tr class=\"govuk-table__row\" data-status=\"([a-z_]+)\">([\\s\\S]*?)</tr>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), row_re);
       it != std::sregex_iterator(); ++it) {
    DueRow row;
    row.status = (*it)[1];
    row.html = (*it)[2];
    std::smatch m;
    if (std::regex_search(row.html, m, std::regex("href=\"/clocks/([0-9]+)\"")))
      row.clock_id = std::stoll(m[1]);
    if (std::regex_search(row.html, m, std::regex("<strong class=\"govuk-tag[^\"]*\">([^<]*)<")))
      row.tag = m[1];
    if (std::regex_search(row.html, m,
                          std::regex("<span class=\"govuk-body-s app-rule\">([^<]*)<")))
      row.rule = m[1];
    rows.push_back(row);
  }
  return rows;
}

std::optional<DueRow> RowFor(const std::vector<DueRow>& rows, long long clock_id) {
  for (const auto& r : rows)
    if (r.clock_id == clock_id) return r;
  return std::nullopt;
}

// The day type a school calendar page gives a date (its cell's data-type), or "".
std::string DayTypeOn(const std::string& html, const std::string& iso) {
  std::smatch m;
  if (std::regex_search(html, m, std::regex("data-date=\"" + iso + "\" data-type=\"([a-z_]+)\"")))
    return m[1];
  return "";
}

// Field -> message of an RFC 9457 problem's errors.
std::map<std::string, std::string> ProblemErrors(const std::string& body) {
  std::map<std::string, std::string> out;
  auto j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("errors")) return out;
  for (const auto& e : j["errors"])
    out[e["field"].get<std::string>()] = e["message"].get<std::string>();
  return out;
}

class ClockPages : public WebFixture {
 protected:
  domain::Date Today() { return clock_.Today(); }

  // A learner registered at `setting` today whom `s` may update.
  domain::Learner LearnerAt(const Session& s, domain::SettingId setting) {
    for (const auto& l : AllLearners()) {
      const bool here = std::any_of(l.registrations.begin(), l.registrations.end(), [&](auto& r) {
        return r.setting == setting && r.ActiveOn(Today());
      });
      if (here && domain::MayAccessLearner(s.user, domain::LearnerAction::kUpdate, l, Today()))
        return l;
    }
    ADD_FAILURE() << s.user.username << " may update no learner at setting " << setting.value();
    return {};
  }

  // A learner of the officer's LA at a school other than Bryn Derw (so the ALNCo may not see
  // them), with the setting they are registered at today.
  std::pair<domain::Learner, domain::SettingId> LearnerElsewhere(const Session& officer,
                                                                 const Session& alnco) {
    const domain::SettingId bryn = alnco.user.settings.front();
    for (const auto& l : AllLearners()) {
      if (l.local_authority != officer.user.local_authority) continue;
      if (domain::MayAccessLearner(alnco.user, domain::LearnerAction::kView, l, Today())) continue;
      if (!domain::MayAccessLearner(officer.user, domain::LearnerAction::kUpdate, l, Today()))
        continue;
      for (const auto& r : l.registrations) {
        if (r.setting == bryn || !r.ActiveOn(Today())) continue;
        auto uow = store_.Begin(app::TxMode::kRead);
        auto setting = (*uow)->Settings().Get(r.setting);
        if (setting && setting->local_authority == officer.user.local_authority)
          return {l, r.setting};
      }
    }
    ADD_FAILURE() << "no learner at another school of the LA";
    return {};
  }

  // Another setting of the main LA than Bryn Derw.
  domain::SettingId OtherSetting(const Session& officer, domain::SettingId bryn) {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (const auto& s : (*uow)->Settings().ListByLocalAuthority(officer.user.local_authority))
      if (s.id != bryn) return s.id;
    ADD_FAILURE() << "the LA has only one setting";
    return {};
  }

  httplib::Result StartClock(const Session& s, const domain::Learner& learner, json body) {
    return Send(s, "POST", "/api/v1/learners/" + std::to_string(learner.id.value()) + "/clocks",
                body.dump());
  }

  // Starts a clock through the API and answers its JSON (with "id").
  json Started(const Session& s, const domain::Learner& learner, const std::string& timescale,
               const std::string& started_on, domain::SettingId calendar) {
    auto res = StartClock(s, learner,
                          {{"timescale", timescale},
                           {"start_event", "concern_raised"},
                           {"started_on", started_on},
                           {"calendar_setting_id", calendar.value()},
                           {"reference", "Concern from the class teacher"}});
    if (!res || res->status != 201) {
      ADD_FAILURE() << "starting " << timescale << " from " << started_on << ": "
                    << (res ? std::to_string(res->status) + " " + res->body : "no response");
      return json::object({{"id", 0}});
    }
    return json::parse(res->body);
  }

  json ClockJson(const Session& s, long long id) {
    auto res = Get(s, "/api/v1/clocks/" + std::to_string(id));
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET clock " << id << ": " << (res ? res->body : "no response");
      return json::object();
    }
    return json::parse(res->body);
  }

  json DueJson(const Session& s, const std::string& query) {
    auto res = Get(s, "/api/v1/due" + query);
    if (!res || res->status != 200) {
      ADD_FAILURE() << "GET due: " << (res ? std::to_string(res->status) + res->body : "none");
      return json::object({{"items", json::array()}});
    }
    return json::parse(res->body);
  }

  httplib::Result Upload(const Session& s, const std::string& path, const std::string& filename,
                         const std::string& content, const std::string& type) {
    auto client = Client();
    httplib::MultipartFormDataItems items{{"file", content, filename, type},
                                          {"csrf_token", s.csrf, "", ""}};
    return client.Post(path.c_str(), {{"Cookie", s.cookie}}, items);
  }

  static httplib::Params DateParams(const std::string& field, int day, int month, int year) {
    return {{field + "-day", std::to_string(day)},
            {field + "-month", std::to_string(month)},
            {field + "-year", std::to_string(year)}};
  }

  static void Add(httplib::Params& params, const httplib::Params& more) {
    for (const auto& p : more) params.emplace(p);
  }
};

TEST_F(ClockPages, AlncoDueListShowsOverdueBeforeAtRiskWithTagsAndTheRuleBesideTheDate) {
  Session alnco = SignIn("alnco");
  auto page = Get(alnco, "/due");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  auto rows = DueRows(page->body);
  auto first_with = [&](const std::string& status) {
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].status == status) return static_cast<int>(i);
    return -1;
  };
  const int overdue = first_with("overdue");
  const int at_risk = first_with("at_risk");
  ASSERT_GE(overdue, 0) << "the demo's overdue school decision is listed";
  ASSERT_GE(at_risk, 0) << "the demo's at-risk school decision is listed";
  EXPECT_LT(overdue, at_risk) << "overdue clocks come first";
  EXPECT_EQ(rows[overdue].tag, "Overdue");
  EXPECT_EQ(rows[at_risk].tag, "At risk");
  EXPECT_NE(rows[overdue].html.find("govuk-tag--red"), std::string::npos);
  // Beside the date: "35 school days after <the day the concern was raised> (Code 12.12)".
  for (int i : {overdue, at_risk}) {
    json clock = ClockJson(alnco, rows[i].clock_id);
    EXPECT_EQ(rows[i].rule, "35 school days after " +
                                LongDate(clock["started_on"].get<std::string>()) + " (Code 12.12)");
    // The due date shown is the clock's forecast due date.
    EXPECT_NE(rows[i].html.find(LongDate(clock["forecast"]["due"].get<std::string>()) + "<br>"),
              std::string::npos);
  }
}

TEST_F(ClockPages, AlncoDueListLeavesOutLearnersOfOtherSchoolsThatTheLaListShows) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  auto [learner, setting] = LearnerElsewhere(officer, alnco);
  ASSERT_TRUE(learner.id.valid());
  json clock = Started(officer, learner, "school-decision", "2026-11-02", setting);
  const long long id = clock["id"].get<long long>();
  ASSERT_GT(id, 0);

  auto la_rows = DueRows(Get(officer, "/due?days=366")->body);
  EXPECT_TRUE(RowFor(la_rows, id).has_value()) << "the LA's list has every school's clocks";
  auto school = Get(alnco, "/due?days=366");
  ASSERT_EQ(school->status, 200);
  auto school_rows = DueRows(school->body);
  EXPECT_FALSE(school_rows.empty());
  EXPECT_FALSE(RowFor(school_rows, id).has_value())
      << "another school's learner is not on the list";
  EXPECT_EQ(school->body.find(learner.DisplayName()), std::string::npos);
  const json school_list = DueJson(alnco, "?days=366");
  for (const auto& item : school_list["items"]) EXPECT_NE(item["id"].get<long long>(), id);
}

TEST_F(ClockPages, LaOfficerDueListIncludesTheWaivedClockAndAnotherLaSeesNoneOfThem) {
  Session officer = SignIn("la.officer");
  auto page = Get(officer, "/due");
  ASSERT_EQ(page->status, 200);
  auto rows = DueRows(page->body);
  auto waived =
      std::find_if(rows.begin(), rows.end(), [](const DueRow& r) { return r.status == "waived"; });
  ASSERT_NE(waived, rows.end()) << "the demo's waived LA decision is on the LA's list";
  EXPECT_EQ(waived->tag, "Waived");
  EXPECT_NE(
      std::find_if(rows.begin(), rows.end(), [](const DueRow& r) { return r.status == "overdue"; }),
      rows.end());

  std::set<long long> la_clocks, la_learners;
  const json la_list = DueJson(officer, "?days=366");
  for (const auto& item : la_list["items"]) {
    la_clocks.insert(item["id"].get<long long>());
    la_learners.insert(item["learner"]["id"].get<long long>());
  }
  ASSERT_GE(la_clocks.size(), 4u);

  Session other = SignIn("other.la.officer");
  auto other_page = Get(other, "/due?days=366");
  ASSERT_EQ(other_page->status, 200);
  for (const auto& row : DueRows(other_page->body)) EXPECT_EQ(la_clocks.count(row.clock_id), 0u);
  const json other_list = DueJson(other, "?days=366");
  for (const auto& item : other_list["items"]) {
    EXPECT_EQ(la_clocks.count(item["id"].get<long long>()), 0u);
    EXPECT_EQ(la_learners.count(item["learner"]["id"].get<long long>()), 0u);
  }
}

TEST_F(ClockPages, ApiDueListCountsMatchItsItemsAndOverdueComeFirst) {
  Session officer = SignIn("la.officer");
  json list = DueJson(officer, "?days=366");
  EXPECT_EQ(list["days"], 366);
  EXPECT_EQ(list["today"], "2026-11-20");
  std::map<std::string, int> seen;
  bool past_overdue = false;
  std::map<std::string, int> standalone;  // the demo's clocks of no ALN case, plan or profile
  for (const auto& item : list["items"]) {
    ASSERT_TRUE(item["forecast"].is_object()) << item.dump();
    const std::string status = item["forecast"]["status"];
    const std::string key = item["state"] == "waived" ? "waived" : status;
    ++seen[key];
    if (item["aln_case_id"].is_null() && item["idp_id"].is_null() && item["profile_id"].is_null())
      ++standalone[key];
    if (status != "overdue") past_overdue = true;
    EXPECT_FALSE(past_overdue && status == "overdue") << "an overdue clock after another kind";
    EXPECT_EQ(item["stopped_on"], nullptr) << "stopped clocks are not due";
  }
  EXPECT_EQ(list["counts"]["overdue"], seen["overdue"]);
  EXPECT_EQ(list["counts"]["at_risk"], seen["at_risk"]);
  EXPECT_EQ(list["counts"]["on_track"], seen["on_track"]);
  EXPECT_EQ(list["counts"]["waived"], seen["waived"]);
  // The demo's own clocks: one of each of overdue, at risk, on track and waived; the met clock is
  // done. Its ALN cases add the clocks of the cases still waiting for a decision or a notice.
  EXPECT_EQ(standalone["overdue"], 1);
  EXPECT_EQ(standalone["at_risk"], 1);
  EXPECT_EQ(standalone["on_track"], 1);
  EXPECT_EQ(standalone["waived"], 1);
  int case_clocks = 0;
  for (const auto& item : list["items"]) case_clocks += item["aln_case_id"].is_null() ? 0 : 1;
  EXPECT_EQ(case_clocks, 3) << "the cases awaiting a decision, a notice and the LA's triage";
  int plan_clocks = 0;
  for (const auto& item : list["items"]) {
    plan_clocks += item["idp_id"].is_null() && item["profile_id"].is_null() ? 0 : 1;
  }
  EXPECT_EQ(plan_clocks, 3) << "the reviews of the two plans in force and of the One Page Profile";
  ASSERT_FALSE(list["items"].empty());
  EXPECT_EQ(list["items"][0]["forecast"]["status"], "overdue");
}

TEST_F(ClockPages, AnInsetDayAddedWhileAClockRunsMovesItsDueDateOneSchoolDayLater) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  const domain::SettingId bryn = alnco.user.settings.front();
  domain::Learner learner = LearnerAt(alnco, bryn);
  ASSERT_TRUE(learner.id.valid());
  // Concern raised Monday 2 November 2026 (not counted). School days at Bryn Derw after it:
  // Tue 3 - Fri 6 Nov (1-4), 9-13 Nov (5-9), 16-20 (10-14), 23-27 (15-19), 30 Nov - 4 Dec (20-24),
  // 7-11 Dec (25-29), 14-18 Dec (30-34); Christmas holiday; Mon 4 Jan 2027 is Bryn Derw's INSET
  // day, so the 35th school day is Tue 5 Jan 2027.
  json clock = Started(alnco, learner, "school-decision", "2026-11-02", bryn);
  const long long id = clock["id"].get<long long>();
  ASSERT_GT(id, 0);
  EXPECT_EQ(clock["statutory_due"], "2027-01-05");
  EXPECT_EQ(clock["forecast"]["due"], "2027-01-05");
  // After Fri 20 Nov: 23-27 Nov (5), 30 Nov - 4 Dec (5), 7-11 Dec (5), 14-18 Dec (5), 5 Jan (1).
  EXPECT_EQ(clock["forecast"]["days_left"], 21);
  EXPECT_EQ(clock["forecast"]["status"], "on_track");

  // The same start at another school of the LA, which has no INSET day on 4 January: the 35th
  // school day is Mon 4 Jan 2027.
  auto [elsewhere, other_setting] = LearnerElsewhere(officer, alnco);
  json control = Started(officer, elsewhere, "school-decision", "2026-11-02", other_setting);
  EXPECT_EQ(control["forecast"]["due"], "2027-01-04");

  // The ALNCo adds an INSET day on Friday 4 December 2026, a school day inside the period.
  auto added = PostForm(alnco, "/settings/" + std::to_string(bryn.value()) + "/calendar/days",
                        {{"day_date-day", "4"},
                         {"day_date-month", "12"},
                         {"day_date-year", "2026"},
                         {"kind", "inset"},
                         {"label", "Hyfforddiant staff / Staff training"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303) << added->body;

  // One school day fewer before Christmas: 14-18 Dec ends on the 33rd, so 5 Jan is the 34th and
  // Wed 6 Jan 2027 the 35th. Days left: 23-27 Nov (5), 30 Nov - 3 Dec (4), 7-11 (5), 14-18 (5),
  // 5-6 Jan (2) = 21.
  json moved = ClockJson(alnco, id);
  EXPECT_EQ(moved["statutory_due"], "2027-01-06");
  EXPECT_EQ(moved["forecast"]["due"], "2027-01-06");
  EXPECT_EQ(moved["forecast"]["days_left"], 21);
  EXPECT_EQ(ClockJson(officer, control["id"].get<long long>())["forecast"]["due"], "2027-01-04")
      << "another school's calendar is not changed by Bryn Derw's INSET day";
}

TEST_F(ClockPages, StartingAClockWithoutTimescaleOrDateGivesAnErrorOnEachField) {
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  domain::Learner learner = LearnerAt(alnco, bryn);
  const std::string clocks = "/api/v1/learners/" + std::to_string(learner.id.value()) + "/clocks";
  const auto clocks_before = json::parse(Get(alnco, clocks)->body)["items"].size();
  auto res = StartClock(alnco, learner,
                        {{"start_event", "concern_raised"}, {"calendar_setting_id", bryn.value()}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  auto errors = ProblemErrors(res->body);
  EXPECT_EQ(errors["timescale"], "Select a timescale");
  EXPECT_EQ(errors["started_on"], "Enter the start date");

  // The same on the page: each message beside its field.
  auto page = PostForm(
      alnco, "/learners/" + std::to_string(learner.id.value()) + "/clocks",
      {{"start_event", "concern_raised"}, {"calendar_setting", std::to_string(bryn.value())}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 422);
  EXPECT_NE(page->body.find("govuk-error-summary"), std::string::npos);
  EXPECT_EQ(FieldError(page->body, "timescale"), "Select a timescale");
  EXPECT_EQ(FieldError(page->body, "started_on"), "Enter the start date");
  EXPECT_EQ(json::parse(Get(alnco, clocks)->body)["items"].size(), clocks_before)
      << "no clock was started";
}

TEST_F(ClockPages, AStartDateInTheFutureIsRefused) {
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  domain::Learner learner = LearnerAt(alnco, bryn);
  // Monday 23 November 2026 is after today (Friday 20 November).
  auto res = StartClock(alnco, learner,
                        {{"timescale", "school-decision"},
                         {"start_event", "concern_raised"},
                         {"started_on", "2026-11-23"},
                         {"calendar_setting_id", bryn.value()}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(ProblemErrors(res->body)["started_on"], "The start date must be today or in the past");
  // Today itself is allowed.
  auto today = StartClock(alnco, learner,
                          {{"timescale", "school-decision"},
                           {"start_event", "concern_raised"},
                           {"started_on", "2026-11-20"},
                           {"calendar_setting_id", bryn.value()}});
  EXPECT_EQ(today->status, 201) << today->body;
}

TEST_F(ClockPages, ASchoolDayTimescaleWithoutTheSchoolWhoseCalendarCountsIsRefused) {
  Session alnco = SignIn("alnco");
  domain::Learner learner = LearnerAt(alnco, alnco.user.settings.front());
  auto res = StartClock(alnco, learner,
                        {{"timescale", "school-decision"},
                         {"start_event", "concern_raised"},
                         {"started_on", "2026-11-02"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  auto errors = ProblemErrors(res->body);
  EXPECT_NE(errors["calendar_setting"].find("Select the school whose calendar counts the school"),
            std::string::npos)
      << res->body;
}

// The demo has term dates up to the summer term 2028, which ends on Thursday 20 July 2028 (the
// all-Wales pattern: 20 July, or the Friday before when it is a weekend). Today is moved to Monday
// 10 July 2028 so that a concern raised on Monday 3 July 2028 is in the past; its 35th school day
// would be in the autumn of 2028, for which no terms exist.
class ClockPagesIn2028 : public ClockPages {
 protected:
  void MoveTodayTo10July2028() {
    using namespace std::chrono;
    const sys_days from{domain::Date{year{2026}, November, day{20}}};
    const sys_days to{domain::Date{year{2028}, July, day{10}}};
    clock_.Advance(to - from);
    ASSERT_EQ(domain::FormatIsoDate(clock_.Today()), "2028-07-10");
  }
};

TEST_F(ClockPagesIn2028, AStartWhoseDueDateIsPastTheLastTermIsRefusedNamingTheCalendarEnd) {
  Session before = SignIn("alnco");
  const domain::SettingId bryn = before.user.settings.front();
  Session officer_before = SignIn("la.officer");
  domain::Learner learner = LearnerAt(officer_before, bryn);
  MoveTodayTo10July2028();
  Session officer = SignIn("la.officer");
  httplib::Params form{{"timescale", "school-decision"},
                       {"start_event", "concern_raised"},
                       {"calendar_setting", std::to_string(bryn.value())}};
  Add(form, DateParams("started_on", 3, 7, 2028));
  auto page =
      PostForm(officer, "/learners/" + std::to_string(learner.id.value()) + "/clocks", form);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 422);
  const std::string message = FieldError(page->body, "started_on");
  EXPECT_NE(message.find("The calendar ends on 20 July 2028"), std::string::npos) << message;
  EXPECT_NE(page->body.find("href=\"#started_on-day\""), std::string::npos);
  auto clocks = Get(officer, "/api/v1/learners/" + std::to_string(learner.id.value()) + "/clocks");
  const json clocks_after = json::parse(clocks->body);
  for (const auto& c : clocks_after["items"])
    EXPECT_NE(c["started_on"], "2028-07-03") << "no clock was started";
}

TEST_F(ClockPagesIn2028, ApiRefusesAStartPastTheLastTermWithAMessageNamingTheCalendarEnd) {
  Session before = SignIn("alnco");
  const domain::SettingId bryn = before.user.settings.front();
  Session officer_before = SignIn("la.officer");
  domain::Learner learner = LearnerAt(officer_before, bryn);
  MoveTodayTo10July2028();
  Session officer = SignIn("la.officer");
  auto res = StartClock(officer, learner,
                        {{"timescale", "school-decision"},
                         {"start_event", "concern_raised"},
                         {"started_on", "2028-07-03"},
                         {"calendar_setting_id", bryn.value()}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string message = ProblemErrors(res->body)["started_on"];
  EXPECT_TRUE(message.find("20 July 2028") != std::string::npos ||
              message.find("2028-07-20") != std::string::npos)
      << "the message names the day the calendar ends: " << res->body;
  EXPECT_EQ(message.find("{date}"), std::string::npos) << "no unfilled placeholder: " << message;
}

TEST_F(ClockPages, AWaiverForOtherCircumstancesNeedsDetails) {
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  json clock = Started(alnco, LearnerAt(alnco, bryn), "school-decision", "2026-11-02", bryn);
  const std::string path = "/clocks/" + std::to_string(clock["id"].get<long long>());
  httplib::Params form{{"reason", "other"}, {"details", ""}};
  Add(form, DateParams("new_target", 15, 1, 2027));
  auto res = PostForm(alnco, path + "/waive", form);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(FieldError(res->body, "details"), "Describe the circumstances beyond your control");
  EXPECT_EQ(ClockJson(alnco, clock["id"].get<long long>())["waiver"], nullptr);
}

TEST_F(ClockPages, AWaivedClockShowsItsNewTargetAndStaysOnTheLaListWhateverTheDays) {
  Session alnco = SignIn("alnco");
  Session officer = SignIn("la.officer");
  const domain::SettingId bryn = alnco.user.settings.front();
  // Started 2 November 2026: due Tuesday 5 January 2027 (see the INSET test above), so not due
  // within the next day.
  json clock = Started(alnco, LearnerAt(alnco, bryn), "school-decision", "2026-11-02", bryn);
  const long long id = clock["id"].get<long long>();
  const std::string path = "/clocks/" + std::to_string(id);
  EXPECT_FALSE(RowFor(DueRows(Get(officer, "/due?days=1")->body), id).has_value());

  httplib::Params form{{"reason", "awaiting_another_body"},
                       {"details", "Waiting for the educational psychologist's report"}};
  Add(form, DateParams("new_target", 15, 1, 2027));
  auto res = PostForm(officer, path + "/waive", form);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), path + "?waived=1");

  auto page = Get(officer, path);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"clock-status\">Waived<"), std::string::npos);
  EXPECT_NE(page->body.find(">15 January 2027<"), std::string::npos) << "the new target date";
  EXPECT_NE(page->body.find("educational psychologist"), std::string::npos);

  auto row = RowFor(DueRows(Get(officer, "/due?days=1")->body), id);
  ASSERT_TRUE(row.has_value()) << "a waived clock stays on the list until it is done";
  EXPECT_EQ(row->tag, "Waived");
  EXPECT_NE(TextOf(row->html).find("Target 15 January 2027 (statutory due date"), std::string::npos)
      << "the list shows the new target and that the statutory date was waived: "
      << TextOf(row->html);
  json api = ClockJson(officer, id);
  EXPECT_EQ(api["state"], "waived");
  EXPECT_EQ(api["waiver"]["new_target"], "2027-01-15");
}

TEST_F(ClockPages, StoppingBeforeTheStartIsRefused) {
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  json clock = Started(alnco, LearnerAt(alnco, bryn), "school-decision", "2026-11-02", bryn);
  const std::string path = "/clocks/" + std::to_string(clock["id"].get<long long>());
  httplib::Params form{{"note", "IDP given"}};
  Add(form, DateParams("stopped_on", 30, 10, 2026));
  auto res = PostForm(alnco, path + "/stop", form);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(FieldError(res->body, "stopped_on"),
            "The date it was done cannot be before the clock started");
  EXPECT_EQ(ClockJson(alnco, clock["id"].get<long long>())["stopped_on"], nullptr);
}

TEST_F(ClockPages, StoppingTodayShowsMetOrMissedAgainstTheDueDate) {
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  domain::Learner learner = LearnerAt(alnco, bryn);
  // Started Tue 1 Sep 2026 (Bryn Derw's INSET day; the start is never counted): Wed 2 - Fri 4 Sep
  // (1-3), then five weeks of five school days to Fri 9 Oct (4-28), 12-16 Oct (29-33), Mon 19 Oct
  // (34), Tue 20 Oct 2026 (35). Overdue today by the school days after 20 Oct up to 20 Nov:
  // 21-23 Oct (3), half-term, 2-6 Nov (5), 9-13 (5), 16-20 (5) = 18.
  json late = Started(alnco, learner, "school-decision", "2026-09-01", bryn);
  EXPECT_EQ(late["forecast"]["due"], "2026-10-20");
  EXPECT_EQ(late["forecast"]["status"], "overdue");
  EXPECT_EQ(late["forecast"]["days_left"], -18);
  // Started 2 Nov 2026: due Tue 5 Jan 2027, still to come.
  json early = Started(alnco, learner, "school-decision", "2026-11-02", bryn);
  EXPECT_EQ(early["forecast"]["due"], "2027-01-05");

  for (const json* c : {&late, &early}) {
    const std::string path = "/clocks/" + std::to_string((*c)["id"].get<long long>());
    httplib::Params form{{"note", "Decision and IDP given"}};
    Add(form, DateParams("stopped_on", 20, 11, 2026));
    auto res = PostForm(alnco, path + "/stop", form);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 303) << res->body;
  }
  auto missed = Get(alnco, "/clocks/" + std::to_string(late["id"].get<long long>()));
  EXPECT_NE(missed->body.find("id=\"clock-status\">Missed<"), std::string::npos);
  auto met = Get(alnco, "/clocks/" + std::to_string(early["id"].get<long long>()));
  EXPECT_NE(met->body.find("id=\"clock-status\">Met<"), std::string::npos);
  json late_after = ClockJson(alnco, late["id"].get<long long>());
  EXPECT_EQ(late_after["state"], "missed");
  EXPECT_EQ(late_after["stopped_on"], "2026-11-20");
  EXPECT_EQ(ClockJson(alnco, early["id"].get<long long>())["state"], "met");
  // Done clocks leave the due list.
  const json due_after = DueJson(alnco, "?days=366");
  for (const auto& item : due_after["items"]) {
    EXPECT_NE(item["id"], late["id"]);
    EXPECT_NE(item["id"], early["id"]);
  }
}

class ClockPagesTermDates : public ClockPages {
 protected:
  // A form for academic year 2030/31 with the given terms (day, month, year of start and end).
  struct Term {
    int sd, sm, sy, ed, em, ey;
  };
  httplib::Params Form(std::optional<Term> autumn, std::optional<Term> spring,
                       std::optional<Term> summer) {
    httplib::Params p{{"year", "2030"}};
    auto term = [&](const std::string& code, const std::optional<Term>& t) {
      if (!t) return;
      Add(p, DateParams(code + "_start", t->sd, t->sm, t->sy));
      Add(p, DateParams(code + "_end", t->ed, t->em, t->ey));
    };
    term("autumn", autumn);
    term("spring", spring);
    term("summer", summer);
    return p;
  }
};

TEST_F(ClockPagesTermDates, AnEndBeforeTheStartIsAnErrorOnTheEnd) {
  Session admin = SignIn("la.admin");
  auto res = PostForm(admin, "/term-dates", Form(Term{20, 12, 2030, 2, 9, 2030}, {}, {}));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(FieldError(res->body, "autumn_end"),
            "The last day of the term must be after its first day");
  EXPECT_EQ(FieldError(res->body, "autumn_start"), "");
}

TEST_F(ClockPagesTermDates, OverlappingTermsAreAnErrorOnTheLaterTerm) {
  Session admin = SignIn("la.admin");
  auto res = PostForm(admin, "/term-dates",
                      Form(Term{2, 9, 2030, 20, 12, 2030}, Term{10, 12, 2030, 4, 4, 2031}, {}));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(FieldError(res->body, "spring_start"), "The term overlaps an earlier term");
  EXPECT_EQ(FieldError(res->body, "autumn_start"), "");
}

TEST_F(ClockPagesTermDates, ATermOutsideItsAcademicYearIsAnError) {
  Session admin = SignIn("la.admin");
  // 2030/31 ends on 31 August 2031.
  auto res = PostForm(admin, "/term-dates", Form({}, {}, Term{22, 4, 2031, 5, 9, 2031}));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(FieldError(res->body, "summer_end"),
            "The term must fall within the academic year, 1 September to 31 August");
  auto saved = json::parse(Get(admin, "/api/v1/term-dates?year=2030")->body);
  EXPECT_TRUE(saved["terms"].empty()) << "nothing saved";
}

TEST_F(ClockPagesTermDates, AValidYearIsSavedAndShown) {
  Session admin = SignIn("la.admin");
  auto form = Form(Term{2, 9, 2030, 20, 12, 2030}, Term{6, 1, 2031, 4, 4, 2031},
                   Term{22, 4, 2031, 18, 7, 2031});
  Add(form, DateParams("autumn_half_term_start", 28, 10, 2030));
  Add(form, DateParams("autumn_half_term_end", 1, 11, 2030));
  auto res = PostForm(admin, "/term-dates", form);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  auto page = Get(admin, "/term-dates?year=2030");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(Decoded(page->body).find("Term dates 2030/31"), std::string::npos);
  for (const char* shown :
       {">2 September 2030<", ">20 December 2030<", ">6 January 2031<", ">4 April 2031<",
        ">22 April 2031<", ">18 July 2031<", "28 October 2030 – 1 November 2030"})
    EXPECT_NE(page->body.find(shown), std::string::npos) << shown;
}

TEST_F(ClockPagesTermDates, OnlyTheLaAdministratorMaySaveTermDates) {
  for (const char* who : {"la.officer", "alnco"}) {
    Session s = SignIn(who);
    auto res = PostForm(s, "/term-dates", Form(Term{2, 9, 2030, 20, 12, 2030}, {}, {}));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << who;
  }
  Session admin = SignIn("la.admin");
  auto saved = json::parse(Get(admin, "/api/v1/term-dates?year=2030")->body);
  EXPECT_TRUE(saved["terms"].empty());
}

TEST_F(ClockPages, SchoolCalendarMarksEachKindOfDayAndCountsTheSchoolDays) {
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  auto page = Get(alnco, "/settings/" + std::to_string(bryn.value()) + "/calendar?year=2025");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(DayTypeOn(page->body, "2025-12-25"), "bank_holiday");
  EXPECT_EQ(DayTypeOn(page->body, "2025-10-28"), "half_term");
  EXPECT_EQ(DayTypeOn(page->body, "2025-09-01"), "inset");  // first day of autumn
  EXPECT_EQ(DayTypeOn(page->body, "2026-01-05"), "inset");  // first day of spring
  EXPECT_EQ(DayTypeOn(page->body, "2026-07-20"), "inset");  // last day of summer
  EXPECT_EQ(DayTypeOn(page->body, "2025-10-24"), "school_day");
  EXPECT_EQ(DayTypeOn(page->body, "2025-12-22"), "holiday");
  EXPECT_EQ(DayTypeOn(page->body, "2025-12-20"), "weekend");
  EXPECT_EQ(DayTypeOn(page->body, "2026-05-04"), "bank_holiday");  // in the summer term
  // School days in 2025/26 (REFERENCE section 9):
  //  autumn 1 Sep - 19 Dec 2025: 16 weeks = 80 weekdays - half-term 5 - INSET 1 = 74;
  //  spring 5 Jan - 27 Mar 2026: 12 weeks = 60 - half-term 5 - INSET 1 = 54;
  //  summer 13 Apr - 20 Jul 2026: 14 weeks + Mon 20 Jul = 71 - half-term 5 (with the 25 May bank
  //  holiday) - 4 May bank holiday - INSET 1 = 64.
  // 74 + 54 + 64 = 192 at Bryn Derw; 195 at a school without INSET days.
  EXPECT_NE(page->body.find("School days in this academic year: <strong>192</strong>"),
            std::string::npos);
  Session officer = SignIn("la.officer");
  auto other = Get(officer, "/settings/" + std::to_string(OtherSetting(officer, bryn).value()) +
                                "/calendar?year=2025");
  ASSERT_EQ(other->status, 200);
  EXPECT_NE(other->body.find("School days in this academic year: <strong>195</strong>"),
            std::string::npos);
  EXPECT_EQ(DayTypeOn(other->body, "2025-09-01"), "school_day");
}

TEST_F(ClockPages, SchoolCalendarInWelsh) {
  Session alnco = SignIn("alnco");
  const std::string path =
      "/settings/" + std::to_string(alnco.user.settings.front().value()) + "/calendar?year=2025";
  auto english = Get(alnco, path);
  EXPECT_NE(english->body.find("School days in this academic year:"), std::string::npos);
  auto sw = Get(alnco, "/language/cy?next=" + httplib::detail::encode_query_param(path));
  ASSERT_EQ(sw->status, 303);
  auto welsh = Get(alnco, path);
  ASSERT_EQ(welsh->status, 200);
  EXPECT_NE(welsh->body.find("<html lang=\"cy\""), std::string::npos);
  EXPECT_NE(welsh->body.find("Diwrnodau ysgol yn y flwyddyn academaidd hon: <strong>192</strong>"),
            std::string::npos);
  EXPECT_EQ(welsh->body.find("School days in this academic year:"), std::string::npos);
  // The hidden text of each day: the INSET day, the bank holiday and the half-term in Welsh.
  EXPECT_NE(welsh->body.find("<span class=\"govuk-visually-hidden\"> Diwrnod HMS</span>"),
            std::string::npos);
  EXPECT_NE(welsh->body.find("<span class=\"govuk-visually-hidden\"> Gŵyl banc</span>"),
            std::string::npos);
  EXPECT_NE(welsh->body.find("<span class=\"govuk-visually-hidden\"> Hanner tymor</span>"),
            std::string::npos);
  EXPECT_EQ(welsh->body.find("<span class=\"govuk-visually-hidden\"> INSET day</span>"),
            std::string::npos);
}

TEST_F(ClockPages, AnInsetDayAtAWeekendIsRefusedWithTheErrorBesideTheDate) {
  Session alnco = SignIn("alnco");
  const std::string setting = std::to_string(alnco.user.settings.front().value());
  // Saturday 5 December 2026.
  auto res = PostForm(alnco, "/settings/" + setting + "/calendar/days",
                      {{"day_date-day", "5"},
                       {"day_date-month", "12"},
                       {"day_date-year", "2026"},
                       {"kind", "inset"},
                       {"label", "Training"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_NE(res->body.find("The date is at a weekend. Choose a weekday."), std::string::npos);
  EXPECT_EQ(FieldError(res->body, "day_date"), "The date is at a weekend. Choose a weekday.")
      << "the message stands beside the date it is about";
  EXPECT_NE(res->body.find("href=\"#day_date-day\""), std::string::npos)
      << "the error summary links to the date's day box";
}

TEST_F(ClockPages, SchoolCalendarDownloadsAsCsvAndICalendarWithTermsAndInsetDays) {
  Session alnco = SignIn("alnco");
  const std::string base = "/settings/" + std::to_string(alnco.user.settings.front().value());
  auto csv = Get(alnco, base + "/calendar.csv?year=2025");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv->body.rfind("kind,start,end,label\n", 0), 0u);
  for (const char* row :
       {"term,2025-09-01,2025-12-19,autumn\n", "half_term,2025-10-27,2025-10-31,autumn\n",
        "term,2026-01-05,2026-03-27,spring\n", "term,2026-04-13,2026-07-20,summer\n",
        "inset,2025-09-01,2025-09-01,Diwrnod HMS / INSET day\n",
        "inset,2026-07-20,2026-07-20,Diwrnod HMS / INSET day\n",
        "bank_holiday,2025-12-25,2025-12-25,"})
    EXPECT_NE(csv->body.find(row), std::string::npos) << row;
  EXPECT_EQ(csv->body.find("2026-09-01"), std::string::npos) << "only the year asked for";

  auto ics = Get(alnco, base + "/calendar.ics?year=2025");
  ASSERT_EQ(ics->status, 200);
  EXPECT_EQ(ics->get_header_value("Content-Type").rfind("text/calendar", 0), 0u);
  EXPECT_NE(ics->body.find("BEGIN:VCALENDAR"), std::string::npos);
  for (const char* line :
       {"DTSTART;VALUE=DATE:20250901", "DTEND;VALUE=DATE:20251220", "CATEGORIES:term",
        "CATEGORIES:inset", "DTSTART;VALUE=DATE:20260720", "DTEND;VALUE=DATE:20260721"})
    EXPECT_NE(ics->body.find(line), std::string::npos) << line;
}

TEST_F(ClockPages, TermDatesImportedFromCsvAreSavedAndDownloadTheSame) {
  Session admin = SignIn("la.admin");
  const std::string file =
      "kind,start,end,label\n"
      "term,2029-09-03,2029-12-21,autumn\n"
      "half_term,2029-10-29,2029-11-02,autumn\n"
      "term,2030-01-07,2030-04-12,spring\n"
      "half_term,2030-02-18,2030-02-22,spring\n"
      "term,2030-04-29,2030-07-19,summer\n"
      "half_term,2030-05-27,2030-05-31,summer\n";
  auto res = Upload(admin, "/term-dates/import", "terms-2029.csv", file, "text/csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  auto page = Get(admin, res->get_header_value("Location"));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("Term dates imported"), std::string::npos);
  EXPECT_NE(page->body.find(">3 September 2029<"), std::string::npos);
  EXPECT_NE(page->body.find("18 February 2030 – 22 February 2030"), std::string::npos);
  auto back = Get(admin, "/term-dates.csv?year=2029");
  ASSERT_EQ(back->status, 200);
  EXPECT_EQ(back->body, file) << "the download gives back the file imported";
}

TEST_F(ClockPages, AnFeiImportsItsOwnTermDatesAndItsTermTimeFollowsThemNotTheLas) {
  Session admin = SignIn("la.admin");
  std::optional<domain::Setting> college;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (auto& setting : (*uow)->Settings().ListByLocalAuthority(admin.user.local_authority))
      if (setting.type == domain::SettingType::kFei) college = setting;
  }
  ASSERT_TRUE(college.has_value()) << "the demo has a further education college";
  const std::string base = "/settings/" + std::to_string(college->id.value()) + "/calendar";
  auto day_type = [&](const std::string& iso) {
    auto calendar = json::parse(Get(admin, "/api/v1" + base + "?year=2026")->body);
    for (const auto& day : calendar["days"])
      if (day["date"] == iso) return day["type"].get<std::string>();
    return std::string("missing");
  };
  // The LA's autumn term 2026 begins on Tuesday 1 September (demo data); the college's own
  // begins a week later, on Tuesday 8 September, and has no half-term.
  EXPECT_EQ(day_type("2026-09-02"), "school_day");
  const std::string file =
      "kind,start,end,label\n"
      "term,2026-09-08,2026-12-18,Autumn\n"
      "term,2027-01-05,2027-03-19,Spring\n"
      "term,2027-04-06,2027-06-25,Summer\n";
  auto res = Upload(admin, base + "/import", "college-terms.csv", file, "text/csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  auto page = Get(admin, res->get_header_value("Location"));
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"term-source\""), std::string::npos);
  EXPECT_NE(TextOf(page->body).find("sets its own term dates"), std::string::npos);
  EXPECT_EQ(day_type("2026-09-02"), "holiday") << "before the college's own term";
  EXPECT_EQ(day_type("2026-09-08"), "school_day");
  EXPECT_EQ(day_type("2026-10-27"), "school_day") << "the college has no half-term";
  EXPECT_EQ(day_type("2027-07-05"), "holiday") << "after the college's summer term";

  // Back to the LA's dates.
  auto removed = PostForm(admin, base + "/terms/2026/remove", {});
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->status, 303);
  EXPECT_EQ(day_type("2026-09-02"), "school_day");
  EXPECT_EQ(day_type("2026-10-27"), "half_term");
}

TEST_F(ClockPages, AMalformedTermDatesCsvIsRefusedNamingTheLine) {
  Session admin = SignIn("la.admin");
  const std::string file =
      "kind,start,end,label\n"
      "term,2029-09-03,2029-12-21,autumn\n"
      "term,2030-01-07,2030-04-31,spring\n";  // 31 April
  auto res = Upload(admin, "/term-dates/import", "terms.csv", file, "text/csv");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  const std::string message = FieldError(res->body, "file");
  EXPECT_EQ(message.rfind("Line 3:", 0), 0u) << message;
  EXPECT_NE(message.find("YYYY-MM-DD"), std::string::npos) << message;
  auto saved = json::parse(Get(admin, "/api/v1/term-dates?year=2029")->body);
  EXPECT_TRUE(saved["terms"].empty()) << "nothing saved";
}

TEST_F(ClockPages, ImportedBankHolidaysAreListedAsImported) {
  Session admin = SignIn("la.admin");
  // England and Wales 2031 under the 1971 Act: Easter Sunday is 13 April.
  const std::string file = R"({"england-and-wales": {"division": "england-and-wales", "events": [
    {"title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true},
    {"title": "Good Friday", "date": "2031-04-11", "notes": "", "bunting": false},
    {"title": "Easter Monday", "date": "2031-04-14", "notes": "", "bunting": true},
    {"title": "Early May bank holiday", "date": "2031-05-05", "notes": "", "bunting": true},
    {"title": "Spring bank holiday", "date": "2031-05-26", "notes": "", "bunting": true},
    {"title": "Summer bank holiday", "date": "2031-08-25", "notes": "", "bunting": true},
    {"title": "Christmas Day", "date": "2031-12-25", "notes": "", "bunting": true},
    {"title": "Boxing Day", "date": "2031-12-26", "notes": "", "bunting": true}]},
    "scotland": {"division": "scotland", "events": [
    {"title": "2nd January", "date": "2031-01-02", "notes": "", "bunting": true}]}})";
  auto res = Upload(admin, "/bank-holidays/import", "bank-holidays.json", file, "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  auto page = Get(admin, "/bank-holidays");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(
      page->body.find("2031 <strong class=\"govuk-tag govuk-tag--blue\">Imported</strong></h2>"),
      std::string::npos);
  EXPECT_NE(page->body.find("<h2 class=\"govuk-heading-s\">2030</h2>"), std::string::npos)
      << "a shipped year is not marked imported";
  for (const char* day : {"<li>11 April 2031</li>", "<li>26 December 2031</li>"})
    EXPECT_NE(page->body.find(day), std::string::npos) << day;
  EXPECT_EQ(page->body.find("2 January 2031"), std::string::npos) << "Scotland's are left out";
}

TEST_F(ClockPages, TheLaSetsItsSchoolReferralTimescaleAndNewClocksCountIt) {
  Session admin = SignIn("la.admin");
  Session alnco = SignIn("alnco");
  const domain::SettingId bryn = alnco.user.settings.front();
  domain::Learner learner = LearnerAt(alnco, bryn);
  // Before: the default 20 school days after Mon 2 Nov 2026: 3-6 Nov (1-4), 9-13 (5-9), 16-20
  // (10-14), 23-27 (15-19), Mon 30 Nov (20).
  json before = Started(alnco, learner, "school-referral", "2026-11-02", bryn);
  EXPECT_EQ(before["count"], 20);
  EXPECT_EQ(before["forecast"]["due"], "2026-11-30");

  auto zero = PostForm(admin, "/timescales",
                       {{"school_referral_school_days", "0"}, {"panel_minutes_working_days", "3"}});
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->status, 422);
  EXPECT_EQ(FieldError(zero->body, "school_referral_school_days"),
            "Enter a whole number from 1 to 200");
  EXPECT_EQ(FieldError(zero->body, "panel_minutes_working_days"), "");

  auto fifteen =
      PostForm(admin, "/timescales",
               {{"school_referral_school_days", "15"}, {"panel_minutes_working_days", "3"}});
  ASSERT_TRUE(fifteen);
  ASSERT_EQ(fifteen->status, 303) << fifteen->body;
  auto page = Get(admin, "/timescales");
  EXPECT_NE(page->body.find("15 school days after the start date"), std::string::npos);

  // After: the 15th school day after 2 Nov 2026 is Mon 23 Nov 2026.
  json after = Started(alnco, learner, "school-referral", "2026-11-02", bryn);
  EXPECT_EQ(after["count"], 15);
  EXPECT_EQ(after["forecast"]["due"], "2026-11-23");
  EXPECT_EQ(after["rule"], "15 school days after 2 November 2026");
  EXPECT_EQ(ClockJson(alnco, before["id"].get<long long>())["forecast"]["due"], "2026-11-30")
      << "a clock already running keeps the count it started with";
}

TEST_F(ClockPages, ViewingAClockIsAuditedAgainstItsLearner) {
  Session alnco = SignIn("alnco");
  Session admin = SignIn("la.admin");
  json list = DueJson(alnco, "?days=366");
  ASSERT_FALSE(list["items"].empty());
  const long long clock_id = list["items"][0]["id"].get<long long>();
  const long long learner_id = list["items"][0]["learner"]["id"].get<long long>();
  const std::string route = "GET /clocks/" + std::to_string(clock_id);
  auto rows_for_view = [&] {
    auto res = Get(admin, "/api/v1/audit?learner=" + std::to_string(learner_id));
    EXPECT_EQ(res->status, 200);
    std::vector<json> found;
    const json audit = json::parse(res->body);
    for (const auto& item : audit["items"]) {
      EXPECT_EQ(item["learner_id"], learner_id) << "the filter keeps to the learner";
      if (item["route"] == route) found.push_back(item);
    }
    return found;
  };
  EXPECT_TRUE(rows_for_view().empty());
  auto page = Get(alnco, "/clocks/" + std::to_string(clock_id));
  ASSERT_EQ(page->status, 200);
  auto rows = rows_for_view();
  ASSERT_FALSE(rows.empty()) << "the view of the clock is in the audit trail";
  EXPECT_EQ(rows[0]["username"], "alnco");
  EXPECT_EQ(rows[0]["action"], "view");
  EXPECT_EQ(rows[0]["learner_id"], learner_id);
  EXPECT_EQ(rows[0]["request_id"], page->get_header_value("X-Request-Id"));
}

}  // namespace
}  // namespace cynnal::testing
