#include "app/provision.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/calendars.h"
#include "app/demo_data.h"
#include "app/learners.h"
#include "domain/access_policy.h"
#include "domain/provision.h"
#include "domain/school_calendar.h"
#include "platform/system_clock.h"
#include "storage/memory/memory_store.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::ErrorCode;

class FakeHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    return "fake$" + std::string(password);
  }
  bool Verify(std::string_view encoded_hash, std::string_view password) const override {
    return encoded_hash == Hash(password);
  }
};

class FakeTokens final : public TokenSource {
 public:
  std::string NewToken() override { return "token" + std::to_string(++next_); }
  std::string Digest(std::string_view token) const override {
    return "digest$" + std::string(token);
  }

 private:
  int next_ = 0;
};

Date Ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

domain::Timestamp At(Date date) {
  return domain::Timestamp{std::chrono::sys_days{date}} + std::chrono::hours{10};
}

// A Tuesday in the spring term: the demo has this year's map (rolled over from last year's) and
// the weekly sessions recorded since September.
const Date kSeedDay = Ymd(2026, 3, 10);

class ProvisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto summary = SeedDemoData(store_, hasher_, kSeedDay);
    ASSERT_TRUE(summary.has_value()) << (summary ? "" : summary.error().message);
    alnco_ = As("alnco");
    teacher_ = As("teacher");
    governor_ = As("governor");
    officer_ = As("la.officer");
    ASSERT_EQ(alnco_.user.settings.size(), 1u);
    school_ = alnco_.user.settings.front();
    la_ = alnco_.user.local_authority;
    year_ = domain::AcademicYearOf(kSeedDay);
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    LearnerQuery query;
    query.scope.local_authority = la_;
    query.scope.on = kSeedDay;
    query.text = "Mali";
    // Mali ap Rhys, of the demo's parent: an IDP the school maintains, in Bryn Derw's groups.
    for (const auto& l : (*uow)->Learners().Search(query).items)
      if (l.legal_first_name == "Mali" && l.legal_last_name == "ap Rhys") mali_ = l.id;
    ASSERT_TRUE(mali_.has_value());
  }

  Actor As(const std::string& username) {
    Actor actor;
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    if (!uow) return actor;
    auto user = (*uow)->Users().FindByUsername(username);
    EXPECT_TRUE(user.has_value()) << username;
    if (!user) return actor;
    actor.user = *user;
    actor.route = "TEST";
    actor.request_id = "provision-test";
    return actor;
  }

  // A teacher at another primary school of the same LA, stored as a user.
  Actor TeacherElsewhere() {
    {
      auto uow = store_.Begin(TxMode::kWrite);
      EXPECT_TRUE(uow.has_value());
      if (!uow) return {};
      std::optional<domain::SettingId> other;
      for (const auto& s : (*uow)->Settings().ListByLocalAuthority(la_))
        if (s.id != school_ && !other) other = s.id;
      EXPECT_TRUE(other.has_value());
      domain::User user = teacher_.user;
      user.id = domain::UserId{};
      user.username = "teacher.elsewhere";
      user.display_name = "Teacher Elsewhere";
      user.settings = {*other};
      auto added = (*uow)->Users().Add(user);
      EXPECT_TRUE(added.has_value());
      EXPECT_TRUE((*uow)->Commit());
    }
    return As("teacher.elsewhere");
  }

  // Learners registered at Bryn Derw on `on`.
  std::vector<domain::Learner> PupilsOn(Date on) {
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    if (!uow) return {};
    LearnerQuery query;
    query.scope.settings = {school_};
    query.scope.on = on;
    query.limit = 1000;
    return (*uow)->Learners().Search(query).items;
  }

  std::optional<domain::ProvisionMap> MapFor(int academic_year) {
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    if (!uow) return std::nullopt;
    return (*uow)->Provision().FindMap(school_, academic_year);
  }

  domain::Learner LearnerById(domain::LearnerId id) {
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    auto learner = (*uow)->Learners().Get(id);
    EXPECT_TRUE(learner.has_value());
    return learner ? *learner : domain::Learner{};
  }

  // Ends the learner's registration at Bryn Derw on `on`, as the LA officer.
  void EndRegistrationAtSchool(domain::LearnerId id, Date on) {
    const domain::Learner learner = LearnerById(id);
    int index = -1;
    for (std::size_t i = 0; i < learner.registrations.size(); ++i)
      if (learner.registrations[i].setting == school_ && !learner.registrations[i].end)
        index = static_cast<int>(i);
    ASSERT_GE(index, 0);
    const auto ymd = std::chrono::year_month_day{on};
    auto ended = EndRegistration(services_, officer_, id, index,
                                 std::to_string(static_cast<unsigned>(ymd.day())),
                                 std::to_string(static_cast<unsigned>(ymd.month())),
                                 std::to_string(static_cast<int>(ymd.year())));
    ASSERT_TRUE(ended.has_value()) << ended.error().message;
  }

  // Rows of action "export" in the LA's audit written by `username`.
  int ExportRows(const std::string& username) {
    auto uow = store_.Begin(TxMode::kRead);
    EXPECT_TRUE(uow.has_value());
    if (!uow) return 0;
    AuditQuery query;
    query.local_authority = la_;
    query.username = username;
    query.limit = 100;
    int rows = 0;
    for (;;) {
      AuditPage page = (*uow)->Audit().Search(query);
      for (const auto& e : page.items)
        if (e.action == domain::AuditAction::kExport &&
            e.detail.find("aln register") != std::string::npos)
          ++rows;
      query.offset += query.limit;
      if (page.items.empty() || query.offset >= page.total) break;
    }
    return rows;
  }

  static Form DeliveryForm(const std::string& target, Date on, int delivered) {
    Form form;
    form.values = {{"target", target},
                   {"on", domain::FormatIsoDate(on)},
                   {"delivered", std::to_string(delivered)},
                   {"missed", "0"}};
    return form;
  }

  const DeliveryLine* ReadingLine(const std::vector<DeliveryLine>& lines, domain::IdpId plan,
                                  int element) {
    for (const auto& l : lines)
      if (l.idp == plan && l.element == element) return &l;
    return nullptr;
  }

  storage::MemoryStore store_;
  FakeHasher hasher_;
  FakeTokens tokens_;
  platform::FixedClock clock_{At(kSeedDay)};
  Services services_{store_, clock_, hasher_, tokens_};
  Actor alnco_, teacher_, governor_, officer_;
  domain::SettingId school_;
  domain::LocalAuthorityId la_;
  int year_ = 0;
  std::optional<domain::LearnerId> mali_;
};

TEST_F(ProvisionTest, TheAlncoSeesTheMapWithNamesAndTheGovernorCountsOnly) {
  auto view = ViewProvisionMap(services_, alnco_, school_, 0);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->academic_year, year_);
  ASSERT_TRUE(view->map.has_value());
  const domain::ProvisionMap& map = *view->map;
  EXPECT_EQ(map.academic_year, year_);
  EXPECT_TRUE(view->names_shown);
  EXPECT_TRUE(view->may_edit);
  EXPECT_TRUE(view->may_roll_over);

  // A provision at every level, and totals that add up to the provisions' own figures.
  std::map<domain::ProvisionLevel, LevelTotal> expected;
  LevelTotal all;
  std::set<domain::LearnerId> current;
  for (const auto& p : map.provisions) {
    auto& t = expected[p.level];
    ++t.provisions;
    t.staff_hours_tenths += p.staff_hours_tenths;
    t.cost_per_term_pounds += p.cost_per_term_pounds;
    ++all.provisions;
    all.staff_hours_tenths += p.staff_hours_tenths;
    all.cost_per_term_pounds += p.cost_per_term_pounds;
    for (const auto& l : p.learners)
      if (l.joined_on <= kSeedDay && (!l.left_on || *l.left_on > kSeedDay))
        current.insert(l.learner);
  }
  for (auto level : domain::AllProvisionLevels()) {
    SCOPED_TRACE(std::string(domain::Code(level)));
    ASSERT_TRUE(expected.contains(level)) << "no provision at this level";
    ASSERT_TRUE(view->totals.contains(level));
    EXPECT_EQ(view->totals.at(level).provisions, expected[level].provisions);
    EXPECT_EQ(view->totals.at(level).staff_hours_tenths, expected[level].staff_hours_tenths);
    EXPECT_EQ(view->totals.at(level).cost_per_term_pounds, expected[level].cost_per_term_pounds);
  }
  EXPECT_EQ(view->total.provisions, all.provisions);
  EXPECT_EQ(view->total.staff_hours_tenths, all.staff_hours_tenths);
  EXPECT_EQ(view->total.cost_per_term_pounds, all.cost_per_term_pounds);
  EXPECT_GT(all.staff_hours_tenths, 0);
  EXPECT_GT(all.cost_per_term_pounds, 0);
  int level_hours = 0, level_costs = 0, level_provisions = 0;
  for (const auto& [level, t] : view->totals) {
    level_hours += t.staff_hours_tenths;
    level_costs += t.cost_per_term_pounds;
    level_provisions += t.provisions;
  }
  EXPECT_EQ(level_hours, view->total.staff_hours_tenths);
  EXPECT_EQ(level_costs, view->total.cost_per_term_pounds);
  EXPECT_EQ(level_provisions, view->total.provisions);
  EXPECT_EQ(view->total.learners, static_cast<int>(current.size()));
  ASSERT_FALSE(current.empty());

  // Names of the learners on the map.
  for (domain::LearnerId id : current) {
    ASSERT_TRUE(view->names.contains(id)) << id.value();
    EXPECT_EQ(view->names.at(id), LearnerById(id).DisplayName());
  }
  EXPECT_TRUE(view->names.contains(*mali_));

  // Last year's map was reviewed when it was rolled over: kept, but no longer changed.
  auto last = ViewProvisionMap(services_, alnco_, school_, year_ - 1);
  ASSERT_TRUE(last.has_value()) << last.error().message;
  ASSERT_TRUE(last->map.has_value());
  EXPECT_TRUE(last->map->review.has_value());
  EXPECT_FALSE(last->may_edit);
  EXPECT_FALSE(last->may_roll_over);
  EXPECT_EQ(view->map->rolled_from, last->map->id);
  EXPECT_NE(std::find(view->years.begin(), view->years.end(), year_ - 1), view->years.end());

  // The governor sees the same map as counts, without a name.
  auto governor = ViewProvisionMap(services_, governor_, school_, 0);
  ASSERT_TRUE(governor.has_value()) << governor.error().message;
  ASSERT_TRUE(governor->map.has_value());
  EXPECT_FALSE(governor->names_shown);
  EXPECT_TRUE(governor->names.empty());
  EXPECT_FALSE(governor->may_edit);
  EXPECT_EQ(governor->total.provisions, view->total.provisions);
  EXPECT_EQ(governor->total.learners, view->total.learners);
  EXPECT_EQ(governor->current, view->current);

  // A teacher of another school may not see Bryn Derw's map.
  auto elsewhere = ViewProvisionMap(services_, TeacherElsewhere(), school_, 0);
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);
}

TEST_F(ProvisionTest, RollingOverCarriesTheLearnersStillAtSchoolAndClosesTheYear) {
  auto this_year = MapFor(year_);
  ASSERT_TRUE(this_year.has_value());
  ASSERT_FALSE(MapFor(year_ + 1).has_value());

  // Before the review: one learner's place ends today, and another learner leaves the school at
  // the end of the summer term.
  std::optional<std::pair<int, domain::LearnerId>> place_ended;
  std::optional<domain::LearnerId> school_leaver;
  for (const auto& p : this_year->provisions)
    for (const auto& l : p.learners) {
      if (l.left_on || l.learner == *mali_) continue;
      if (!school_leaver)
        school_leaver = l.learner;
      else if (!place_ended && l.learner != *school_leaver)
        place_ended = std::make_pair(p.key, l.learner);
    }
  ASSERT_TRUE(school_leaver && place_ended);
  Form end;
  end.values = {{"left_on", domain::FormatIsoDate(kSeedDay)},
                {"exit_measure", "Reading age 8y 0m"}};
  auto ended = EndProvisionLearner(services_, alnco_, this_year->id, place_ended->first,
                                   place_ended->second, end);
  ASSERT_TRUE(ended.has_value()) << ended.error().message;
  const Date first_day = domain::AcademicYearStart(year_ + 1);
  EndRegistrationAtSchool(*school_leaver, domain::AddDays(first_day, -1));

  // The expected carry, worked out from the map and the learners' registrations.
  this_year = MapFor(year_);
  ASSERT_TRUE(this_year.has_value());
  std::map<int, std::set<domain::LearnerId>> expected;
  for (const auto& p : this_year->provisions) {
    auto& carried = expected[p.key];
    for (const auto& l : p.learners) {
      if (l.left_on) continue;
      const domain::Learner learner = LearnerById(l.learner);
      const bool registered = std::any_of(
          learner.registrations.begin(), learner.registrations.end(),
          [&](const domain::Registration& r) {
            return r.setting == school_ && r.start <= first_day && (!r.end || *r.end >= first_day);
          });
      if (registered) carried.insert(l.learner);
    }
  }
  EXPECT_FALSE(expected[place_ended->first].contains(place_ended->second));

  Form review;
  review.values = {{"reviewed_on", domain::FormatIsoDate(kSeedDay)},
                   {"summary", "Catch-up reading continues; the nurture group doubles."}};
  auto next_id = RollOverProvisionMap(services_, alnco_, this_year->id, review);
  ASSERT_TRUE(next_id.has_value()) << next_id.error().message;

  auto next = MapFor(year_ + 1);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->id, *next_id);
  EXPECT_EQ(next->academic_year, year_ + 1);
  EXPECT_EQ(next->rolled_from, this_year->id);
  EXPECT_FALSE(next->review.has_value());
  std::set<int> old_keys, new_keys;
  for (const auto& p : this_year->provisions) old_keys.insert(p.key);
  for (const auto& p : next->provisions) new_keys.insert(p.key);
  EXPECT_EQ(new_keys, old_keys);
  int carried_total = 0;
  for (const auto& p : next->provisions) {
    SCOPED_TRACE(p.name);
    std::set<domain::LearnerId> carried;
    for (const auto& l : p.learners) {
      carried.insert(l.learner);
      EXPECT_EQ(l.joined_on, first_day);
      EXPECT_FALSE(l.left_on.has_value());
    }
    EXPECT_EQ(carried, expected[p.key]);
    EXPECT_FALSE(carried.contains(*school_leaver));
    carried_total += static_cast<int>(carried.size());
  }
  EXPECT_GT(carried_total, 0);

  // This year's map is now reviewed and closed.
  auto closed = ViewProvisionMap(services_, alnco_, school_, year_);
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  ASSERT_TRUE(closed->map.has_value());
  ASSERT_TRUE(closed->map->review.has_value());
  EXPECT_EQ(closed->map->review->reviewed_on, kSeedDay);
  EXPECT_EQ(closed->map->review->by, alnco_.user.id);
  EXPECT_FALSE(closed->may_edit);
  EXPECT_FALSE(closed->may_roll_over);

  Form item;
  item.values = {{"name", "Lego therapy"},
                 {"level", std::string(domain::Code(domain::ProvisionLevel::kTargeted))}};
  auto saved = SaveProvisionItem(services_, alnco_, this_year->id, 0, item);
  ASSERT_FALSE(saved.has_value());
  EXPECT_EQ(saved.error().code, ErrorCode::kConflict);
  EXPECT_EQ(saved.error().message, "provision_error_reviewed");
  // ... while next year's takes the same provision.
  auto saved_next = SaveProvisionItem(services_, alnco_, *next_id, 0, item);
  EXPECT_TRUE(saved_next.has_value()) << saved_next.error().message;

  auto again = RollOverProvisionMap(services_, alnco_, this_year->id, review);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "provision_error_reviewed");
}

TEST_F(ProvisionTest, MalisReadingSessionsFallShortAndRecordingThemClosesTheGap) {
  // Mali's plan in force and its reading element, and what it promised, from the store.
  std::optional<domain::Idp> plan;
  domain::AlpElement reading;
  domain::SchoolCalendar calendar;
  std::vector<domain::DeliveryRecord> records;
  {
    auto uow = store_.Begin(TxMode::kRead);
    ASSERT_TRUE(uow.has_value());
    for (const auto& idp : (*uow)->Plans().ListForLearner(*mali_))
      if (idp.Status() == domain::IdpStatus::kInForce && idp.Current()) plan = idp;
    ASSERT_TRUE(plan.has_value());
    ASSERT_FALSE(plan->Current()->content.elements.empty());
    reading = plan->Current()->content.elements.front();
    auto setting = (*uow)->Settings().Get(school_);
    ASSERT_TRUE(setting.has_value());
    auto compiled = CalendarFor(**uow, &*setting, setting->local_authority);
    ASSERT_TRUE(compiled.has_value()) << compiled.error().message;
    calendar = *compiled;
    DeliveryQuery query;
    query.learner = *mali_;
    query.from = domain::AcademicYearStart(year_);
    query.through = kSeedDay;
    records = (*uow)->Provision().ListDeliveries(query);
  }
  ASSERT_EQ(reading.sessions, 3);
  ASSERT_EQ(reading.per, domain::ProvisionPeriod::kWeek);
  ASSERT_FALSE(reading.ends);
  Date from = domain::AcademicYearStart(year_);
  if (reading.starts_on) from = std::max(from, *reading.starts_on);
  from = std::max(from, plan->Current()->given_on);
  const int promised =
      domain::PromisedSessions(3, domain::ProvisionPeriod::kWeek, from, kSeedDay, calendar);
  int delivered = 0;
  for (const auto& r : records)
    if (r.idp == plan->id && r.element == reading.key && r.on >= from) delivered += r.delivered;
  ASSERT_GT(promised, delivered);

  auto lines = LearnerDeliveryLines(services_, alnco_, *mali_);
  const DeliveryLine* line = ReadingLine(lines, plan->id, reading.key);
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->setting, school_);
  EXPECT_FALSE(line->unknown_calendar);
  EXPECT_EQ(line->total.promised, promised);
  EXPECT_EQ(line->total.delivered, delivered);
  EXPECT_EQ(line->total.Shortfall(), promised - delivered);
  const std::string target = line->target;

  // The ALNCo records two sessions today and the teacher one more.
  auto recorded = RecordDelivery(services_, alnco_, *mali_, DeliveryForm(target, kSeedDay, 2));
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  auto by_teacher = RecordDelivery(services_, teacher_, *mali_, DeliveryForm(target, kSeedDay, 1));
  ASSERT_TRUE(by_teacher.has_value()) << by_teacher.error().message;
  lines = LearnerDeliveryLines(services_, alnco_, *mali_);
  line = ReadingLine(lines, plan->id, reading.key);
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->total.delivered, delivered + 3);
  EXPECT_EQ(line->total.promised, promised);
  EXPECT_EQ(line->total.Shortfall(), std::max(0, promised - delivered - 3));

  // Refused: a target that is not one of Mali's lines, a date still to come, a teacher of another
  // school and the governor.
  auto unknown =
      RecordDelivery(services_, alnco_, *mali_, DeliveryForm("alp-999999-1", kSeedDay, 1));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(unknown.error().fields.contains("target"));

  auto future = RecordDelivery(services_, alnco_, *mali_,
                               DeliveryForm(target, domain::AddDays(kSeedDay, 1), 1));
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(future.error().fields.contains("on"));

  auto elsewhere =
      RecordDelivery(services_, TeacherElsewhere(), *mali_, DeliveryForm(target, kSeedDay, 1));
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);

  auto governor = RecordDelivery(services_, governor_, *mali_, DeliveryForm(target, kSeedDay, 1));
  ASSERT_FALSE(governor.has_value());
  EXPECT_EQ(governor.error().code, ErrorCode::kForbidden);

  // None of the refusals was recorded.
  lines = LearnerDeliveryLines(services_, alnco_, *mali_);
  line = ReadingLine(lines, plan->id, reading.key);
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->total.delivered, delivered + 3);
}

TEST_F(ProvisionTest, TheSchoolsDeliveryListsShortfallsLargestFirstAndCountsForTheGovernor) {
  auto view = ViewSchoolDelivery(services_, alnco_, school_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_TRUE(view->names_shown);
  ASSERT_FALSE(view->short_lines.empty());

  std::set<domain::LearnerId> short_learners;
  for (const auto& line : view->short_lines) {
    EXPECT_GT(line.total.Shortfall(), 0) << line.title;
    EXPECT_EQ(line.setting, school_);
    short_learners.insert(line.learner);
    EXPECT_TRUE(view->names.contains(line.learner)) << line.learner.value();
  }
  EXPECT_EQ(view->learners_short, static_cast<int>(short_learners.size()));
  EXPECT_TRUE(short_learners.contains(*mali_));
  for (std::size_t i = 1; i < view->short_lines.size(); ++i) {
    EXPECT_GE(view->short_lines[i - 1].total.Shortfall(), view->short_lines[i].total.Shortfall())
        << "line " << i;
  }

  // The same figures, learner by learner, from each learner's own lines at the school.
  int lines = 0, promised = 0;
  std::set<domain::LearnerId> expected_short;
  for (const auto& learner : PupilsOn(kSeedDay))
    for (const auto& line : LearnerDeliveryLines(services_, alnco_, learner.id)) {
      if (line.setting != school_) continue;
      ++lines;
      promised += line.total.promised;
      if (line.total.Shortfall() > 0) expected_short.insert(learner.id);
    }
  EXPECT_EQ(view->lines, lines);
  EXPECT_EQ(view->total.promised, promised);
  EXPECT_EQ(short_learners, expected_short);

  // The governor: the totals, no line and no name.
  auto governor = ViewSchoolDelivery(services_, governor_, school_);
  ASSERT_TRUE(governor.has_value()) << governor.error().message;
  EXPECT_FALSE(governor->names_shown);
  EXPECT_TRUE(governor->short_lines.empty());
  EXPECT_TRUE(governor->names.empty());
  EXPECT_EQ(governor->lines, view->lines);
  EXPECT_EQ(governor->learners_short, view->learners_short);
  EXPECT_EQ(governor->total.promised, view->total.promised);
  EXPECT_EQ(governor->total.delivered, view->total.delivered);
  EXPECT_EQ(governor->total.missed, view->total.missed);
  EXPECT_GT(governor->total.promised, 0);
}

TEST_F(ProvisionTest, TheRegisterIsDrawnFromEachLearnersFactsAndExportedOnlyByThoseWhoMay) {
  auto view = ViewAlnRegister(services_, alnco_, school_);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_TRUE(view->names_shown);
  EXPECT_TRUE(view->may_export);
  ASSERT_FALSE(view->rows.empty());
  EXPECT_EQ(view->counts.total, static_cast<int>(view->rows.size()));
  EXPECT_EQ(view->counts.roll, static_cast<int>(PupilsOn(kSeedDay).size()));
  std::map<domain::RegisterCategory, int> by_category;
  bool mali_listed = false;
  for (const auto& row : view->rows) {
    SCOPED_TRACE(row.name);
    auto category = domain::RegisterCategoryOf(row.facts);
    ASSERT_TRUE(category.has_value());
    EXPECT_EQ(row.category, *category);
    ++by_category[row.category];
    if (row.learner == *mali_) {
      mali_listed = true;
      EXPECT_EQ(row.category, domain::RegisterCategory::kIdpSchool);
    }
  }
  EXPECT_TRUE(mali_listed);
  EXPECT_EQ(view->counts.by_category, by_category);
  for (std::size_t i = 1; i < view->rows.size(); ++i) {
    EXPECT_LE(view->rows[i - 1].category, view->rows[i].category) << "row " << i;
  }

  // The governor: the same counts, no row.
  auto governor = ViewAlnRegister(services_, governor_, school_);
  ASSERT_TRUE(governor.has_value()) << governor.error().message;
  EXPECT_FALSE(governor->names_shown);
  EXPECT_FALSE(governor->may_export);
  EXPECT_TRUE(governor->rows.empty());
  EXPECT_EQ(governor->counts.total, view->counts.total);
  EXPECT_EQ(governor->counts.roll, view->counts.roll);
  EXPECT_EQ(governor->counts.by_category, view->counts.by_category);
  EXPECT_EQ(governor->counts.by_year_group, view->counts.by_year_group);
  EXPECT_EQ(governor->counts.by_area, view->counts.by_area);

  // A teacher views the register with names but may not export them: the download is counts.
  auto teacher_view = ViewAlnRegister(services_, teacher_, school_);
  ASSERT_TRUE(teacher_view.has_value()) << teacher_view.error().message;
  EXPECT_TRUE(teacher_view->names_shown);
  EXPECT_FALSE(teacher_view->may_export);
  EXPECT_EQ(teacher_view->rows.size(), view->rows.size());
  auto teacher_export = ExportAlnRegister(services_, teacher_, school_);
  ASSERT_TRUE(teacher_export.has_value()) << teacher_export.error().message;
  EXPECT_FALSE(teacher_export->names_shown);
  EXPECT_TRUE(teacher_export->rows.empty());
  EXPECT_EQ(teacher_export->counts.total, view->counts.total);
  EXPECT_EQ(teacher_export->counts.by_category, view->counts.by_category);
  EXPECT_EQ(ExportRows("teacher"), 0);

  // The ALNCo exports names, and the export is audited.
  ASSERT_EQ(ExportRows("alnco"), 0);
  auto exported = ExportAlnRegister(services_, alnco_, school_);
  ASSERT_TRUE(exported.has_value()) << exported.error().message;
  EXPECT_TRUE(exported->names_shown);
  EXPECT_EQ(exported->rows.size(), view->rows.size());
  EXPECT_EQ(ExportRows("alnco"), 1);

  // A teacher of another school sees nothing of it.
  auto elsewhere = ViewAlnRegister(services_, TeacherElsewhere(), school_);
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().code, ErrorCode::kForbidden);
}

TEST_F(ProvisionTest, ALearnerWhoLeavesIsOffTheRegisterAndTheSchoolsDelivery) {
  auto register_before = ViewAlnRegister(services_, alnco_, school_);
  auto delivery_before = ViewSchoolDelivery(services_, alnco_, school_);
  ASSERT_TRUE(register_before.has_value() && delivery_before.has_value());
  auto listed = [&](const AlnRegisterView& v) {
    return std::any_of(v.rows.begin(), v.rows.end(),
                       [&](const RegisterRow& r) { return r.learner == *mali_; });
  };
  auto short_here = [&](const SchoolDeliveryView& v) {
    return std::any_of(v.short_lines.begin(), v.short_lines.end(),
                       [&](const DeliveryLine& l) { return l.learner == *mali_; });
  };
  ASSERT_TRUE(listed(*register_before));
  ASSERT_TRUE(short_here(*delivery_before));

  EndRegistrationAtSchool(*mali_, domain::AddDays(kSeedDay, -1));

  auto register_after = ViewAlnRegister(services_, alnco_, school_);
  auto delivery_after = ViewSchoolDelivery(services_, alnco_, school_);
  ASSERT_TRUE(register_after.has_value() && delivery_after.has_value());
  EXPECT_FALSE(listed(*register_after));
  EXPECT_EQ(register_after->counts.total, register_before->counts.total - 1);
  EXPECT_EQ(register_after->counts.roll, register_before->counts.roll - 1);
  EXPECT_FALSE(short_here(*delivery_after));
  EXPECT_EQ(delivery_after->learners_short, delivery_before->learners_short - 1);
  EXPECT_LT(delivery_after->lines, delivery_before->lines);

  // The governor's counts drop too.
  auto governor = ViewAlnRegister(services_, governor_, school_);
  ASSERT_TRUE(governor.has_value());
  EXPECT_EQ(governor->counts.total, register_after->counts.total);
}

}  // namespace
}  // namespace cynnal::app
