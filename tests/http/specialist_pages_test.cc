// What an LA officer, an ALNCo, a governor and others notice about the LA's specialist places,
// specialist equipment, the ALNCo's annual report to governors, the co-ordination of ALN on a
// school's map, the LA's oversight of its schools and its review of a school's arrangements: a full
// learning support centre that refuses a place until one is freed, its waiting list longest first,
// new places and equipment refused for what is wrong with them, learners' names only for those who
// may see them, a report in English and Welsh that names no learner, and the LA's figures matching
// the school's own pages.
//
// The fixture's today is Friday 20 November 2026, in the autumn term of the 2026/27 school year.
// The demo's Oakfield Learning Support Centre (at Oakfield Primary School) is full, 8 of 8, with
// two learners of Castle View waiting (for 41 and 19 days) and two of its placed learners planned
// to leave this year; the other bases have free places. The LA's equipment is a radio aid system
// at Cynnal High and a standing frame owned by Maes Glas. Ysgol Gymraeg Bryn Derw is the school of
// the "alnco", "teacher" and "governor" accounts; it has no specialist places of its own.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/authentication.h"
#include "domain/provision.h"
#include "domain/specialist_places.h"
#include "html_text.h"
#include "web_fixture.h"

namespace cynnal::testing {
namespace {

const char* const kBrynDerw = "Ysgol Gymraeg Bryn Derw";
const char* const kOakfield = "Oakfield Primary School";
const char* const kOakfieldLsc = "Oakfield Learning Support Centre";

// The text of a PDF as `pdftotext -layout` gives it, white space squeezed.
std::string PdfText(const std::string& pdf) {
  char name[] = "/tmp/cynnal-governors-XXXXXX";
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

class SpecialistPages : public WebFixture {
 protected:
  std::string Today() { return domain::FormatIsoDate(clock_.Today()); }

  std::vector<domain::SpecialistProvision> Provisions(domain::LocalAuthorityId la) {
    auto uow = store_.Begin(app::TxMode::kRead);
    return (*uow)->Specialist().ListProvisions(la);
  }

  domain::SpecialistProvision Provision(domain::LocalAuthorityId la, const std::string& name) {
    for (auto& p : Provisions(la))
      if (p.name == name) return p;
    ADD_FAILURE() << "no specialist provision " << name;
    return {};
  }

  std::optional<domain::SpecialistEquipment> EquipmentDescribed(domain::LocalAuthorityId la,
                                                                const std::string& description) {
    auto uow = store_.Begin(app::TxMode::kRead);
    for (auto& e : (*uow)->Specialist().ListEquipment(la))
      if (e.description == description) return e;
    return std::nullopt;
  }

  domain::Learner LearnerById(domain::LearnerId id) {
    auto uow = store_.Begin(app::TxMode::kRead);
    auto l = (*uow)->Learners().Get(id);
    if (!l) ADD_FAILURE() << "no learner " << id.value();
    return l.value_or(domain::Learner{});
  }

  // A user of the demo's main LA added for the test, at `setting`.
  Session AddStaff(const std::string& username, domain::Role role, domain::SettingId setting) {
    domain::User u;
    u.username = username;
    u.display_name = username;
    u.role = role;
    u.local_authority = SignIn("la.admin").user.local_authority;
    u.settings = {setting};
    app::Actor cli;
    cli.operator_cli = true;
    auto id = app::AddUser(services_, cli, u, "long-enough-password");
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message);
    return SignIn(username, "long-enough-password");
  }

  static std::string PlacePath(const domain::SpecialistProvision& p) {
    return "/specialist-places/" + Id(p.id.value());
  }

  // The register's names and UPNs as the ALNCo's register page lists them.
  std::set<std::string> RegisterSecrets(const Session& alnco, domain::SettingId school) {
    std::set<std::string> secrets;
    const std::string page = Page(alnco, "/settings/" + Id(school.value()) + "/aln-register");
    for (const auto& cells : TableRows(page, "register-table")) {
      EXPECT_GE(cells.size(), 2u);
      if (cells.size() < 2) continue;
      EXPECT_FALSE(cells[0].empty());
      EXPECT_FALSE(cells[1].empty()) << cells[0];
      secrets.insert(cells[0]);
      secrets.insert(cells[1]);
    }
    return secrets;
  }

  // {on the register, on roll} as the register page's summary says.
  std::pair<long long, long long> RegisterSummary(const Session& s, domain::SettingId school) {
    const std::string page = Page(s, "/settings/" + Id(school.value()) + "/aln-register");
    const auto numbers = Numbers(TextOf(Element(page, "register-summary", "</p>")));
    EXPECT_EQ(numbers.size(), 2u) << TextOf(Element(page, "register-summary", "</p>"));
    if (numbers.size() < 2) return {0, 0};
    return {numbers[0], numbers[1]};
  }
};

// ---- A learning support centre at capacity ----

TEST_F(SpecialistPages, AFullCentreKeepsItsWaitingListUntilAPlaceIsFreed) {
  Session officer = SignIn("la.officer");
  const domain::Date today = clock_.Today();
  const auto lsc = Provision(officer.user.local_authority, kOakfieldLsc);
  ASSERT_GT(lsc.id.value(), 0);
  const std::string base = PlacePath(lsc);

  // The list: Oakfield's centre is full; the other bases have free places.
  std::string page = Page(officer, "/specialist-places");
  const auto rows = Rows(Element(page, "specialist-table", "</table>"));
  bool found = false;
  int listed = 0;
  for (const auto& row : rows) {
    const auto cells = Cells(row);
    if (!Has(Decoded(row), "href=\"/specialist-places/")) continue;  // the total row
    ++listed;
    ASSERT_GE(cells.size(), 6u);
    if (Has(cells[0], kOakfieldLsc)) {
      found = true;
      EXPECT_TRUE(Has(row, "govuk-tag")) << row;
      EXPECT_EQ(cells[2], "8");
      EXPECT_EQ(cells[3], "8 Full");
      EXPECT_EQ(cells[4], "2");
      EXPECT_EQ(cells[5], "2");
    } else {
      EXPECT_FALSE(Has(cells[3], "Full")) << cells[0] << " has free places";
    }
  }
  EXPECT_TRUE(found) << "the list shows " << kOakfieldLsc;
  EXPECT_EQ(listed, 5) << "the demo's five specialist provisions";
  EXPECT_TRUE(Links(page, base));

  // Its page: placed 8 of 8, two waiting longest first, two planned to leave.
  page = Page(officer, base);
  EXPECT_EQ(TextOf(Element(page, "place-counts", "</dl>")),
            "Places 8 Placed 8 Full Free places 0 Waiting 2 Planned to leave this year 2");
  EXPECT_TRUE(Has(page, "id=\"full-tag\""));
  const auto waiting = domain::WaitingList(lsc);
  ASSERT_EQ(waiting.size(), 2u);
  const auto waiting_rows = TableRows(page, "waiting-list");
  ASSERT_EQ(waiting_rows.size(), 2u);
  const int days[] = {41, 19};
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& cells = waiting_rows[i];
    ASSERT_GE(cells.size(), 5u);
    EXPECT_EQ(cells[0], Id(static_cast<long long>(i + 1)));
    EXPECT_EQ(cells[1], LearnerById(waiting[i].learner).DisplayName());
    EXPECT_EQ(cells[2], Written(domain::AddDays(today, -days[i])));
    EXPECT_EQ(cells[3], Id(days[i])) << "days waiting";
  }
  EXPECT_EQ(waiting_rows[0][4], "Panel agreed an LSC place; parents visited the centre.");
  auto placed_rows = TableRows(page, "placed-list");
  ASSERT_EQ(placed_rows.size(), 8u);
  int leaving = 0;
  for (const auto& cells : placed_rows) {
    ASSERT_GE(cells.size(), 3u);
    if (!cells[2].empty()) ++leaving;
  }
  EXPECT_EQ(leaving, 2) << "two placed learners have a planned leaving date";

  // Giving the place to the first waiting learner is refused while every place is taken.
  const domain::SpecialistPlacement first = waiting[0];
  const std::string first_name = LearnerById(first.learner).DisplayName();
  httplib::Params place;
  AddDate(place, "starts_on", Today());
  std::string refused =
      PostRefused(officer, base + "/placements/" + Id(first.key) + "/place", place, 409);
  EXPECT_TRUE(Has(ErrorSummary(refused), "Every place is taken")) << ErrorSummary(refused);
  EXPECT_EQ(domain::WaitingList(Provision(officer.user.local_authority, kOakfieldLsc)).size(), 2u);

  // Ending one placed learner's place today frees a place.
  const domain::SpecialistPlacement* leaver = nullptr;
  for (const auto& x : lsc.placements)
    if (x.HoldsPlaceOn(today)) {
      leaver = &x;
      break;
    }
  ASSERT_NE(leaver, nullptr);
  const std::string leaver_name = LearnerById(leaver->learner).DisplayName();
  httplib::Params end{{"note", "Moved to a mainstream class."}};
  AddDate(end, "ended_on", Today());
  EXPECT_EQ(PostStep(officer, base + "/placements/" + Id(leaver->key) + "/end", end),
            base + "?done=ended");
  page = Page(officer, base + "?done=ended");
  EXPECT_TRUE(Has(TextOf(page), "The place has ended."));
  EXPECT_EQ(TextOf(Element(page, "place-counts", "</dl>")),
            "Places 8 Placed 7 Free places 1 Waiting 2 Planned to leave this year " +
                std::string(leaver->planned_leave_on ? "1" : "2"));
  EXPECT_FALSE(Has(page, "id=\"full-tag\""));

  // Now the place can be given from today: the learner moves from waiting to placed.
  EXPECT_EQ(PostStep(officer, base + "/placements/" + Id(first.key) + "/place", place),
            base + "?done=placed");
  page = Page(officer, base);
  EXPECT_EQ(TextOf(Element(page, "place-counts", "</dl>")).substr(0, 23),
            "Places 8 Placed 8 Full ");
  const auto now_waiting = TableRows(page, "waiting-list");
  ASSERT_EQ(now_waiting.size(), 1u);
  EXPECT_EQ(now_waiting[0][1], LearnerById(waiting[1].learner).DisplayName());
  EXPECT_EQ(now_waiting[0][0], "1") << "the second learner is now first";
  placed_rows = TableRows(page, "placed-list");
  ASSERT_EQ(placed_rows.size(), 8u);
  bool placed_now = false, leaver_still = false;
  for (const auto& cells : placed_rows) {
    if (cells[0] == first_name) {
      placed_now = true;
      EXPECT_EQ(cells[1], Written(today));
    }
    leaver_still = leaver_still || cells[0] == leaver_name;
  }
  EXPECT_TRUE(placed_now) << first_name << " holds a place";
  EXPECT_FALSE(leaver_still) << leaver_name << " no longer holds a place";
  EXPECT_TRUE(Has(TextOf(page), leaver_name + ": Left " + Written(today)));

  // Adding a learner to the waiting list by UPN.
  const std::string waiting_path = base + "/waiting";
  auto waiting_form = [&](const std::string& upn) {
    httplib::Params p{{"upn", upn}, {"note", "Agreed at panel."}};
    AddDate(p, "waiting_since", Today());
    return p;
  };
  refused = PostRefused(officer, waiting_path, waiting_form("Z999999999999"), 422);
  EXPECT_EQ(FieldError(refused, "upn"), "No learner of your LA has that UPN");
  refused = PostRefused(officer, waiting_path, waiting_form(""), 422);
  EXPECT_EQ(FieldError(refused, "upn"), "Enter the learner's UPN");
  const domain::Learner second = LearnerById(waiting[1].learner);
  refused = PostRefused(officer, waiting_path, waiting_form(second.upn.str()), 409);
  EXPECT_TRUE(Has(ErrorSummary(refused), "already waiting for or holding a place here"))
      << ErrorSummary(refused);
  // A learner of the LA on no list here joins at the end.
  std::set<domain::LearnerId> on_lists;
  for (const auto& x : Provision(officer.user.local_authority, kOakfieldLsc).placements)
    on_lists.insert(x.learner);
  std::optional<domain::Learner> newcomer;
  for (const auto& l : AllLearners())
    if (l.local_authority == officer.user.local_authority && !on_lists.contains(l.id) &&
        !l.RegistrationsOn(today).empty()) {
      newcomer = l;
      break;
    }
  ASSERT_TRUE(newcomer.has_value());
  EXPECT_EQ(PostStep(officer, waiting_path, waiting_form(newcomer->upn.str())),
            base + "?done=waiting");
  const auto last_rows = TableRows(Page(officer, base), "waiting-list");
  ASSERT_EQ(last_rows.size(), 2u);
  EXPECT_EQ(last_rows[1][1], newcomer->DisplayName());
  EXPECT_EQ(last_rows[1][3], "0");
}

// ---- A new specialist provision ----

TEST_F(SpecialistPages, AnOfficerAddsAResourceBaseAndChangesIt) {
  Session officer = SignIn("la.officer");
  const domain::Setting school = SettingNamed(kBrynDerw);
  EXPECT_TRUE(Has(Page(officer, "/specialist-places"), "href=\"/specialist-places/new\""));
  EXPECT_EQ(Status(officer, "/specialist-places/new"), 200);
  httplib::Params good{{"setting", Id(school.id.value())},
                       {"kind", "resource_base"},
                       {"name", "Bryn Derw Welsh-medium hearing base"},
                       {"area", "sensory_physical"},
                       {"min_age", "4"},
                       {"max_age", "11"},
                       {"capacity", "6"}};
  auto with = [&](const std::string& field, const std::string& value) {
    httplib::Params p;
    for (const auto& [k, v] : good)
      if (k != field) p.emplace(k, v);
    p.emplace(field, value);
    return p;
  };
  std::string refused = PostRefused(officer, "/specialist-places/new", with("name", "  "), 422);
  EXPECT_EQ(FieldError(refused, "name"), "Enter the name");
  refused = PostRefused(officer, "/specialist-places/new", with("capacity", "501"), 422);
  EXPECT_EQ(FieldError(refused, "capacity"), "Places must be between 0 and 500");
  refused = PostRefused(officer, "/specialist-places/new", with("max_age", "3"), 422);
  EXPECT_EQ(FieldError(refused, "max_age"), "The oldest age must not be below the youngest");
  EXPECT_EQ(Provisions(officer.user.local_authority).size(), 5u) << "nothing added";

  const std::string to = PostStep(officer, "/specialist-places/new", good);
  ASSERT_EQ(to.rfind("/specialist-places/", 0), 0u) << to;
  EXPECT_TRUE(Has(to, "?done=added")) << to;
  const std::string base = to.substr(0, to.find('?'));
  std::string page = Page(officer, to);
  EXPECT_TRUE(Has(TextOf(page), "The specialist places have been added."));
  EXPECT_TRUE(Has(TextOf(page), "Bryn Derw Welsh-medium hearing base"));
  EXPECT_TRUE(Has(TextOf(page), std::string("Resource base · ") + kBrynDerw));
  EXPECT_EQ(TextOf(Element(page, "place-counts", "</dl>")),
            "Places 6 Placed 0 Free places 6 Waiting 0 Planned to leave this year 0");
  EXPECT_TRUE(
      Has(TextOf(Page(officer, "/specialist-places")), "Bryn Derw Welsh-medium hearing base"));

  // Changing it: the form shows what is stored, and a bad change is refused.
  page = Page(officer, base + "/edit");
  EXPECT_TRUE(Has(Decoded(page), "value=\"Bryn Derw Welsh-medium hearing base\""));
  refused = PostRefused(officer, base + "/edit", with("capacity", "501"), 422);
  EXPECT_EQ(FieldError(refused, "capacity"), "Places must be between 0 and 500");
  httplib::Params changed = with("capacity", "10");
  changed.erase("name");
  changed.emplace("name", "Bryn Derw hearing resource base");
  EXPECT_EQ(PostStep(officer, base + "/edit", changed), base + "?done=saved");
  page = Page(officer, base);
  EXPECT_TRUE(Has(TextOf(page), "Bryn Derw hearing resource base"));
  EXPECT_EQ(TextOf(Element(page, "place-counts", "</dl>")),
            "Places 10 Placed 0 Free places 10 Waiting 0 Planned to leave this year 0");
  // A stale version is refused.
  httplib::Params stale = changed;
  stale.emplace("version", "999");
  refused = PostRefused(officer, base + "/edit", stale, 409);
  EXPECT_TRUE(Has(ErrorSummary(refused), "Someone else changed this")) << ErrorSummary(refused);

  // An ALNCo may not add or change places.
  Session alnco = SignIn("alnco");
  EXPECT_FALSE(Has(Page(alnco, "/specialist-places"), "href=\"/specialist-places/new\""));
  EXPECT_EQ(Status(alnco, "/specialist-places/new"), 403);
  auto res = PostForm(alnco, "/specialist-places/new", good);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(Status(alnco, base + "/edit"), 403) << "the ALNCo sees their school's base";
  EXPECT_EQ(Provisions(officer.user.local_authority).size(), 6u);
}

// ---- Specialist equipment ----

TEST_F(SpecialistPages, EquipmentIsAddedByTheLaAndBySchoolsForTheirOwn) {
  Session officer = SignIn("la.officer");
  const domain::Setting school = SettingNamed(kBrynDerw);
  const std::string sid = Id(school.id.value());
  std::string page = Page(officer, "/equipment");
  EXPECT_TRUE(Has(TextOf(page), "Radio aid system (hearing)"));
  EXPECT_TRUE(Has(TextOf(page), "Standing frame"));
  EXPECT_TRUE(Has(TextOf(page), "Total cost: £4250")) << TextOf(page);

  httplib::Params good{{"description", "Sloping writing desk"},
                       {"owner", "la"},
                       {"setting", sid},
                       {"upn", ""},
                       {"cost", "300"},
                       {"note", "Lent to the school."}};
  AddDate(good, "bought_on", "2026-10-05");
  auto with = [&](const std::string& field, const std::string& value) {
    httplib::Params p;
    for (const auto& [k, v] : good)
      if (k != field) p.emplace(k, v);
    p.emplace(field, value);
    return p;
  };
  std::string refused = PostRefused(officer, "/equipment/new", with("description", ""), 422);
  EXPECT_EQ(FieldError(refused, "description"), "Enter what it is");
  httplib::Params no_school = with("setting", "");
  no_school.erase("owner");
  no_school.emplace("owner", "school");
  refused = PostRefused(officer, "/equipment/new", no_school, 422);
  EXPECT_EQ(FieldError(refused, "setting"), "Choose the school that owns it");
  httplib::Params early = good;
  AddDate(early, "returned_on", "2026-09-01");
  refused = PostRefused(officer, "/equipment/new", early, 422);
  EXPECT_EQ(FieldError(refused, "returned_on"),
            "The return date must be on or after the date it was bought");
  EXPECT_FALSE(EquipmentDescribed(officer.user.local_authority, "Sloping writing desk"));

  EXPECT_EQ(PostStep(officer, "/equipment/new", good), "/equipment?done=equipment_saved");
  page = Page(officer, "/equipment?done=equipment_saved");
  EXPECT_TRUE(Has(TextOf(page), "The equipment has been saved."));
  bool listed = false;
  for (const auto& cells : TableRows(page, "equipment-table"))
    if (!cells.empty() && cells[0] == "Sloping writing desk") {
      listed = true;
      ASSERT_GE(cells.size(), 6u);
      EXPECT_EQ(cells[1], "The LA");
      EXPECT_EQ(cells[2], kBrynDerw);
      EXPECT_EQ(cells[4], "£300");
      EXPECT_EQ(cells[5], "5 October 2026");
    }
  EXPECT_TRUE(listed);
  EXPECT_TRUE(Has(TextOf(page), "Total cost: £4550")) << "300 more than the demo's 4250";
  const auto desk = EquipmentDescribed(officer.user.local_authority, "Sloping writing desk");
  ASSERT_TRUE(desk.has_value());

  // The ALNCo of Bryn Derw: the LA's desk at their school, not to change; their own to add.
  Session alnco = SignIn("alnco");
  page = Page(alnco, "/equipment");
  EXPECT_TRUE(Has(TextOf(page), "Sloping writing desk"));
  EXPECT_FALSE(Has(TextOf(page), "Radio aid system")) << "another school's equipment";
  EXPECT_FALSE(Has(TextOf(page), "Standing frame")) << "another school's equipment";
  EXPECT_TRUE(Has(TextOf(page), "Total cost: £300"));
  EXPECT_FALSE(Links(page, "/equipment/" + Id(desk->id.value()) + "/edit"));
  EXPECT_TRUE(Links(page, "/equipment/new"));
  EXPECT_EQ(Status(alnco, "/equipment/" + Id(desk->id.value()) + "/edit"), 403);
  auto res = PostForm(alnco, "/equipment/" + Id(desk->id.value()) + "/edit",
                      with("description", "Renamed by the school"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_FALSE(EquipmentDescribed(officer.user.local_authority, "Renamed by the school"));

  EXPECT_EQ(Status(alnco, "/equipment/new"), 200);
  httplib::Params as_la = good;
  as_la.erase("description");
  as_la.emplace("description", "Writing slope bought by the LA");
  res = PostForm(alnco, "/equipment/new", as_la);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << "an ALNCo adds only their school's own equipment";
  EXPECT_FALSE(EquipmentDescribed(officer.user.local_authority, "Writing slope bought by the LA"));
  httplib::Params own{{"description", "Wobble cushion"},
                      {"owner", "school"},
                      {"setting", sid},
                      {"upn", ""},
                      {"cost", "25"},
                      {"note", ""}};
  AddDate(own, "bought_on", "2026-11-02");
  EXPECT_EQ(PostStep(alnco, "/equipment/new", own), "/equipment?done=equipment_saved");
  const auto cushion = EquipmentDescribed(officer.user.local_authority, "Wobble cushion");
  ASSERT_TRUE(cushion.has_value());
  page = Page(alnco, "/equipment");
  EXPECT_TRUE(Links(page, "/equipment/" + Id(cushion->id.value()) + "/edit"));
  EXPECT_TRUE(Has(TextOf(page), "Total cost: £325"));
  page = Page(alnco, "/equipment/" + Id(cushion->id.value()) + "/edit");
  EXPECT_TRUE(Has(Decoded(page), "value=\"Wobble cushion\""));
  httplib::Params changed = own;
  changed.erase("cost");
  changed.emplace("cost", "30");
  changed.emplace("version", Id(cushion->version));
  EXPECT_EQ(PostStep(alnco, "/equipment/" + Id(cushion->id.value()) + "/edit", changed),
            "/equipment?done=equipment_saved");
  EXPECT_TRUE(Has(TextOf(Page(alnco, "/equipment")), "Total cost: £330"));
  // The ALNCo may not make their school's equipment the LA's.
  httplib::Params to_la = changed;
  to_la.erase("owner");
  to_la.erase("version");
  to_la.emplace("owner", "la");
  res = PostForm(alnco, "/equipment/" + Id(cushion->id.value()) + "/edit", to_la);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  // The LA sees every item, the school's too.
  page = Page(officer, "/equipment");
  EXPECT_TRUE(Has(TextOf(page), "Wobble cushion"));
  EXPECT_TRUE(Has(TextOf(page), "Total cost: £4580"));

  // The standing frame belongs to Maes Glas: not the Bryn Derw ALNCo's to see.
  const auto frame = EquipmentDescribed(officer.user.local_authority, "Standing frame");
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(Status(alnco, "/equipment/" + Id(frame->id.value()) + "/edit"), 404);
}

// ---- Who sees what ----

TEST_F(SpecialistPages, LearnersAreNamedOnlyToThoseWhoMaySeeThem) {
  Session officer = SignIn("la.officer");
  const auto lsc = Provision(officer.user.local_authority, kOakfieldLsc);
  ASSERT_GT(lsc.id.value(), 0);
  const std::string base = PlacePath(lsc);
  std::set<std::string> names;  // of everyone on the centre's lists
  std::set<std::string> upns;
  for (const auto& x : lsc.placements) {
    const auto l = LearnerById(x.learner);
    names.insert(l.DisplayName());
    upns.insert(l.upn.str());
  }
  ASSERT_EQ(lsc.placements.size(), 10u) << "eight placed and two waiting";
  const std::string officer_page = Page(officer, base);
  for (const auto& name : names) EXPECT_TRUE(Has(officer_page, name)) << name;

  // There is no governor of Oakfield in the demo; Bryn Derw's governor sees their own school's
  // places (none) and no learner.
  Session governor = SignIn("governor");
  std::string page = Page(governor, "/specialist-places");
  EXPECT_TRUE(Has(TextOf(page), "No specialist places have been added yet."));
  EXPECT_FALSE(Has(page, kOakfieldLsc));
  auto res = Get(governor, base);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_FALSE(Has(res->body, kOakfieldLsc));
  for (const auto& name : names) EXPECT_FALSE(Has(res->body, name)) << "leak: " << name;
  EXPECT_TRUE(
      Has(TextOf(Page(governor, "/equipment")), "No specialist equipment has been recorded."));

  // A governor of Oakfield (added here) sees the centre with every learner as "A learner".
  const domain::Setting oakfield = SettingNamed(kOakfield);
  Session oak_governor = AddStaff("oakfield.governor", domain::Role::kGovernor, oakfield.id);
  page = Page(oak_governor, "/specialist-places");
  EXPECT_TRUE(Has(page, kOakfieldLsc));
  page = Page(oak_governor, base);
  EXPECT_EQ(TextOf(Element(page, "place-counts", "</dl>")),
            "Places 8 Placed 8 Full Free places 0 Waiting 2 Planned to leave this year 2");
  for (const auto& cells : TableRows(page, "waiting-list")) EXPECT_EQ(cells[1], "A learner");
  for (const auto& cells : TableRows(page, "placed-list")) EXPECT_EQ(cells[0], "A learner");
  EXPECT_FALSE(Links(page, base + "/waiting"));
  for (const auto& name : names) EXPECT_FALSE(Has(page, name)) << "leak: " << name;
  for (const auto& upn : upns) EXPECT_FALSE(Has(page, upn)) << "leak: " << upn;
  EXPECT_EQ(Status(oak_governor, base + "/waiting"), 403);

  // The ALNCo of Bryn Derw sees neither Oakfield's centre nor its learners.
  Session alnco = SignIn("alnco");
  page = Page(alnco, "/specialist-places");
  EXPECT_FALSE(Has(page, kOakfieldLsc));
  res = Get(alnco, base);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  for (const auto& name : names) EXPECT_FALSE(Has(res->body, name)) << "leak: " << name;

  // An ALNCo of Oakfield (added here) sees their own pupils by name and Castle View's waiting
  // learners as "A learner".
  Session oak_alnco = AddStaff("oakfield.alnco", domain::Role::kAlnco, oakfield.id);
  page = Page(oak_alnco, base);
  const auto waiting_rows = TableRows(page, "waiting-list");
  ASSERT_EQ(waiting_rows.size(), 2u);
  for (const auto& cells : waiting_rows) EXPECT_EQ(cells[1], "A learner");
  std::set<std::string> pupils;  // Oakfield's own, named to its ALNCo
  for (const auto& x : lsc.placements)
    if (x.state == domain::PlacementState::kPlaced)
      pupils.insert(LearnerById(x.learner).DisplayName());
  for (const auto& x : domain::WaitingList(lsc)) {
    const auto l = LearnerById(x.learner);
    if (!pupils.contains(l.DisplayName())) {
      EXPECT_FALSE(Has(page, l.DisplayName())) << "leak: " << l.DisplayName();
    }
    EXPECT_FALSE(Has(page, l.upn.str())) << "leak: " << l.upn.str();
  }
  int named = 0;
  for (const auto& cells : TableRows(page, "placed-list")) named += cells[0] != "A learner";
  EXPECT_EQ(named, 8) << "Oakfield's own pupils are named to its ALNCo";
  EXPECT_EQ(Status(oak_alnco, base + "/edit"), 403);

  // Families and health officers have no specialist pages at all.
  for (const std::string username : {"parent", "young.person", "health.officer"}) {
    Session s = SignIn(username);
    for (const std::string& path :
         std::vector<std::string>{"/specialist-places", "/equipment", base}) {
      res = Get(s, path);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, path == base ? 404 : 403) << username << " " << path;
      for (const auto& name : names) EXPECT_FALSE(Has(res->body, name)) << "leak: " << name;
    }
  }
}

// ---- The ALNCo's annual report to governors ----

TEST_F(SpecialistPages, TheGovernorsReportIsInEnglishAndWelshAndNamesNoLearner) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = alnco.user.settings.front();
  ASSERT_EQ(school.value(), 2) << "Bryn Derw is the demo's second setting";
  const std::set<std::string> secrets = RegisterSecrets(alnco, school);
  ASSERT_GE(secrets.size(), 4u) << "the demo's register has learners";
  Session governor = SignIn("governor");
  const auto [total, roll] = RegisterSummary(governor, school);
  EXPECT_EQ(std::make_pair(total, roll), RegisterSummary(alnco, school));
  ASSERT_GT(roll, 0);

  // The map links both.
  const std::string map_page = Page(governor, "/settings/2/provision-map?year=" + Id(ThisYear()));
  EXPECT_TRUE(
      Links(map_page, "/settings/2/governors-report.pdf?year=" + Id(ThisYear()) + "&lang=en"));
  EXPECT_TRUE(
      Links(map_page, "/settings/2/governors-report.pdf?year=" + Id(ThisYear()) + "&lang=cy"));

  const auto en = Download(governor, "/settings/2/governors-report.pdf?lang=en");
  EXPECT_EQ(en.get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(en.body.rfind("%PDF", 0), 0u);
  const std::string en_text = PdfText(en.body);
  ASSERT_FALSE(en_text.empty()) << "pdftotext reads the report";
  for (const std::string heading :
       {"The ALN register", "The provision map", "Sessions delivered", "Co-ordination of ALN"})
    EXPECT_TRUE(Has(en_text, heading)) << heading << "\n" << en_text;
  EXPECT_TRUE(Has(en_text, Id(total) + " of " + Id(roll) + " learners on roll are on the register"))
      << en_text;
  EXPECT_TRUE(Has(en_text, kBrynDerw));

  const auto cy = Download(governor, "/settings/2/governors-report.pdf?lang=cy");
  EXPECT_EQ(cy.get_header_value("Content-Type"), "application/pdf");
  const std::string cy_text = PdfText(cy.body);
  ASSERT_FALSE(cy_text.empty());
  for (const std::string heading :
       {"Y gofrestr ADY", "Y map darpariaeth", "Sesiynau a ddarparwyd"}) {
    EXPECT_TRUE(Has(cy_text, heading)) << heading << "\n" << cy_text;
  }
  EXPECT_FALSE(Has(cy_text, "The ALN register")) << "the Welsh report is in Welsh";
  EXPECT_TRUE(Has(cy_text, "Mae " + Id(total) + " o")) << cy_text;
  EXPECT_TRUE(Has(cy_text, Id(roll) + " dysgwr")) << cy_text;

  for (const auto& secret : secrets) {
    EXPECT_FALSE(Has(en_text, secret)) << "leak in the English report: " << secret;
    EXPECT_FALSE(Has(cy_text, secret)) << "leak in the Welsh report: " << secret;
  }

  // Nobody outside the school's counts has it.
  for (const std::string username : {"parent", "health.officer", "other.la.officer"}) {
    Session s = SignIn(username);
    EXPECT_EQ(Status(s, "/settings/2/governors-report.pdf?lang=en"), 403) << username;
  }
}

// ---- Co-ordination of ALN on this year's map ----

TEST_F(SpecialistPages, TheAlncoRecordsHowAlnIsCoordinatedThisYear) {
  Session alnco = SignIn("alnco");
  const domain::SettingId school = alnco.user.settings.front();
  const int year = ThisYear();
  domain::ProvisionMap map;
  {
    auto uow = store_.Begin(app::TxMode::kRead);
    map = (*uow)->Provision().FindMap(school, year).value_or(domain::ProvisionMap{});
  }
  ASSERT_GT(map.id.value(), 0) << "the demo rolled Bryn Derw's map over to this year";
  const std::string map_page =
      "/settings/" + Id(school.value()) + "/provision-map?year=" + Id(year);
  const std::string path = "/provision-maps/" + Id(map.id.value()) + "/coordination";
  EXPECT_TRUE(Links(Page(alnco, map_page), path));
  EXPECT_EQ(Status(alnco, path), 200);

  httplib::Params form{{"alnco_name", "Eleri Prosser"},
                       {"alnco_hours", "55"},
                       {"qualification", "studying"},
                       {"training", "Autism awareness for all staff, 4 September 2026."},
                       {"governor_name", "Margaret Lloyd"},
                       {"version", Id(map.version)}};
  const std::string refused = PostRefused(alnco, path, form, 422);
  EXPECT_EQ(FieldError(refused, "alnco_hours"), "Hours must be between 0 and 50 a week");
  form.erase("alnco_hours");
  form.emplace("alnco_hours", "5.5");
  EXPECT_EQ(PostStep(alnco, path, form), map_page + "&done=coordination_saved");

  const std::string page = Page(alnco, map_page + "&done=coordination_saved");
  EXPECT_TRUE(Has(TextOf(page), "The co-ordination of ALN has been saved."));
  const std::string text = TextOf(page);
  for (const std::string shown :
       {"ALNCo Eleri Prosser", "ALNCo's time for the role, hours a week 5.5",
        "ALNCo's qualification Working towards it",
        "ALN training this year Autism awareness for all staff, 4 September 2026.",
        "Named ALN governor Margaret Lloyd"})
    EXPECT_TRUE(Has(text, shown)) << shown;

  // The governor's report carries them.
  Session governor = SignIn("governor");
  const std::string pdf = PdfText(
      Download(governor, "/settings/" + Id(school.value()) + "/governors-report.pdf?lang=en").body);
  for (const std::string shown : {"Eleri Prosser", "5.5", "Working towards it",
                                  "Autism awareness for all staff", "Margaret Lloyd"})
    EXPECT_TRUE(Has(pdf, shown)) << shown << "\n" << pdf;

  // A teacher and the governor may not change it.
  for (const std::string username : {"teacher", "governor"}) {
    Session s = SignIn(username);
    EXPECT_EQ(Status(s, path), 403) << username;
    auto res = PostForm(s, path, form);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << username;
  }
}

// ---- The LA's oversight of its schools ----

TEST_F(SpecialistPages, TheLaSeesEachSchoolsFiguresBesideItsOwn) {
  Session officer = SignIn("la.officer");
  const domain::Setting school = SettingNamed(kBrynDerw);
  const auto [total, roll] = RegisterSummary(officer, school.id);
  ASSERT_GT(roll, 0);
  const long long per_thousand = total * 1000 / roll;
  const std::string rate = Id(per_thousand / 10) + "." + Id(per_thousand % 10) + "%";

  const std::string page = Page(officer, "/provision-oversight");
  const auto rows = TableRows(page, "oversight-table");
  ASSERT_GE(rows.size(), 3u);
  bool found = false;
  for (const auto& cells : rows)
    if (!cells.empty() && Has(cells[0], kBrynDerw)) {
      found = true;
      ASSERT_GE(cells.size(), 4u);
      EXPECT_EQ(cells[1], Id(roll)) << "roll";
      EXPECT_EQ(cells[2], Id(total)) << "on the register";
      EXPECT_EQ(cells[3], rate) << "rate";
    }
  EXPECT_TRUE(found);
  EXPECT_TRUE(Has(page, "id=\"la-row\""));
  EXPECT_EQ(rows.back().front(), "All schools of the LA");
  EXPECT_TRUE(Links(page, "/provision-oversight.csv"));

  const auto csv = Download(officer, "/provision-oversight.csv");
  EXPECT_EQ(csv.get_header_value("Content-Type").rfind("text/csv", 0), 0u);
  const auto lines = CsvLines(csv.body);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].rfind("school,roll,on_register,per_1000,", 0), 0u) << lines[0];
  EXPECT_EQ(lines.size(), rows.size() + 1) << "a header, a line per school and the LA";
  EXPECT_EQ(CsvFields(lines.back()).front(), "LA");
  bool in_csv = false;
  for (const auto& line : lines) {
    const auto fields = CsvFields(line);
    if (fields.front() != kBrynDerw) continue;
    in_csv = true;
    ASSERT_GE(fields.size(), 4u);
    EXPECT_EQ(fields[1], Id(roll));
    EXPECT_EQ(fields[2], Id(total));
    EXPECT_EQ(fields[3], Id(per_thousand));
  }
  EXPECT_TRUE(in_csv);

  for (const std::string username : {"alnco", "teacher", "governor", "panel.member"}) {
    Session s = SignIn(username);
    EXPECT_EQ(Status(s, "/provision-oversight"), 403) << username;
    EXPECT_EQ(Status(s, "/provision-oversight.csv"), 403) << username;
  }
}

// ---- The LA's review of a school's arrangements (Code 7.10) ----

TEST_F(SpecialistPages, TheLaReviewsASchoolsArrangementsAndTheSchoolReadsIt) {
  Session officer = SignIn("la.officer");
  const std::string view = "/settings/2/arrangements-review";
  const std::string edit = view + "/edit";
  std::string page = Page(officer, view);
  EXPECT_TRUE(Has(page, "id=\"not-reviewed\""));
  EXPECT_TRUE(Has(page, "id=\"edit-review\""));
  EXPECT_EQ(TableRows(page, "expectations").size(), 6u) << "the six expectations";
  EXPECT_EQ(Status(officer, edit), 200);

  const std::vector<std::pair<std::string, std::string>> findings{
      {"differentiated_teaching", "met"}, {"targeted_intervention", "partly_met"},
      {"progress_monitoring", "not_met"}, {"involving_specialists", "not_assessed"},
      {"reviewing_interventions", "met"}, {"involving_learners_parents", "met"}};
  auto form = [&](bool with_evidence, const std::string& summary) {
    httplib::Params p{{"summary", summary}, {"actions", "Record sessions weekly."}};
    AddDate(p, "reviewed_on", Today());
    for (const auto& [code, rating] : findings) {
      p.emplace("rating_" + code, rating);
      p.emplace("evidence_" + code, with_evidence && rating != "not_assessed"
                                        ? "Seen on the visit: " + code
                                        : std::string());
    }
    return p;
  };
  std::string refused = PostRefused(officer, edit, form(false, ""), 422);
  EXPECT_EQ(FieldError(refused, "evidence_differentiated_teaching"),
            "Give the evidence for this finding");
  EXPECT_EQ(FieldError(refused, "evidence_progress_monitoring"),
            "Give the evidence for this finding");
  EXPECT_EQ(FieldError(refused, "evidence_involving_specialists"), "")
      << "Not assessed needs no evidence";
  EXPECT_EQ(FieldError(refused, "summary"), "Write a summary of the review");
  refused = PostRefused(officer, edit, form(true, ""), 422);
  EXPECT_EQ(FieldError(refused, "summary"), "Write a summary of the review");
  EXPECT_EQ(FieldError(refused, "evidence_differentiated_teaching"), "");

  EXPECT_EQ(PostStep(officer, edit, form(true, "Strong universal provision.")),
            view + "?year=" + Id(ThisYear()) + "&done=reviewed");
  page = Page(officer, view);
  EXPECT_EQ(TextOf(Element(page, "reviewed", "</p>")),
            "Reviewed on " + Written(clock_.Today()) + " by Gareth Bowen.");
  const std::string table = Element(page, "expectations", "</table>");
  EXPECT_TRUE(Has(table, "govuk-tag--green\">Met</strong>"));
  EXPECT_TRUE(Has(table, "govuk-tag--yellow\">Partly met</strong>"));
  EXPECT_TRUE(Has(table, "govuk-tag--red\">Not met</strong>"));
  EXPECT_TRUE(Has(table, "govuk-tag--grey\">Not assessed</strong>"));
  const auto rows = TableRows(page, "expectations");
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0][0], "Differentiated teaching");
  EXPECT_EQ(rows[0].back(), "Met Seen on the visit: differentiated_teaching");
  EXPECT_EQ(rows[2].back(), "Not met Seen on the visit: progress_monitoring");
  EXPECT_TRUE(Has(TextOf(page), "Strong universal provision."));
  EXPECT_TRUE(Has(TextOf(page), "Record sessions weekly."));

  // The school reads it and may not change it.
  for (const std::string username : {"alnco", "governor"}) {
    Session s = SignIn(username);
    const std::string theirs = Page(s, view);
    EXPECT_EQ(TextOf(Element(theirs, "expectations", "</table>")), TextOf(table)) << username;
    EXPECT_EQ(TextOf(Element(theirs, "reviewed", "</p>")),
              TextOf(Element(page, "reviewed", "</p>")));
    EXPECT_FALSE(Has(theirs, "id=\"edit-review\"")) << username;
    EXPECT_EQ(Status(s, edit), 403) << username;
    auto res = PostForm(s, edit, form(true, "Changed by the school."));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << username;
  }
  for (const std::string username : {"parent", "other.la.officer"}) {
    Session s = SignIn(username);
    EXPECT_EQ(Status(s, view), 403) << username;
  }

  // The officer changes it: the form carries the version seen; a stale one is refused.
  page = Page(officer, edit);
  EXPECT_TRUE(Has(page, "Strong universal provision."));
  const std::string marker = "name=\"version\" value=\"";
  const auto at = page.find(marker);
  ASSERT_NE(at, std::string::npos) << "the form carries the review's version";
  const std::string version =
      page.substr(at + marker.size(), page.find('"', at + marker.size()) - at - marker.size());
  httplib::Params change = form(true, "Strong universal provision; monitoring to improve.");
  change.emplace("version", version);
  EXPECT_EQ(PostStep(officer, edit, change), view + "?year=" + Id(ThisYear()) + "&done=reviewed");
  EXPECT_TRUE(Has(TextOf(Page(officer, view)), "monitoring to improve."));
  refused = PostRefused(officer, edit, change, 409);
  EXPECT_TRUE(Has(ErrorSummary(refused), "Someone else changed this review"))
      << ErrorSummary(refused);
}

}  // namespace
}  // namespace cynnal::testing
