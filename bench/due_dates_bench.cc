// Due dates per second: the prefix-count engine (domain::DueDate) against a plain day-by-day walk
// (domain::DueDateByWalk), on the all-Wales term dates for 2025/26 to 2027/28 with INSET days.
//
//   cmake --preset release && cmake --build build/release --target due_dates_bench
//   build/release/due_dates_bench

#include <benchmark/benchmark.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "domain/bank_holidays.h"
#include "domain/school_calendar.h"
#include "domain/timescale.h"

namespace {

using cynnal::domain::CalendarEntry;
using cynnal::domain::CalendarEntryKind;
using cynnal::domain::Date;
using cynnal::domain::ParseIsoDate;
using cynnal::domain::SchoolCalendar;
using cynnal::domain::Timescale;

std::vector<CalendarEntry> ThreeYears() {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  std::vector<CalendarEntry> entries;
  for (int y = 2025; y <= 2027; ++y) {
    // The 2025/26 all-Wales pattern, repeated a year on each time.
    auto add = [&](CalendarEntryKind kind, int start_year, unsigned m1, unsigned d1, unsigned m2,
                   unsigned d2) {
      const int yy = start_year + (y - 2025);
      entries.push_back({kind, Date{year{yy}, month{m1}, day{d1}},
                         Date{year{m2 < m1 ? yy + 1 : yy}, month{m2}, day{d2}}, ""});
    };
    add(CalendarEntryKind::kTerm, 2025, 9, 1, 12, 19);
    add(CalendarEntryKind::kHalfTerm, 2025, 10, 27, 10, 31);
    add(CalendarEntryKind::kInset, 2025, 9, 1, 9, 1);
    add(CalendarEntryKind::kTerm, 2026, 1, 5, 3, 27);
    add(CalendarEntryKind::kHalfTerm, 2026, 2, 16, 2, 20);
    add(CalendarEntryKind::kInset, 2026, 1, 5, 1, 5);
    add(CalendarEntryKind::kTerm, 2026, 4, 13, 7, 20);
    add(CalendarEntryKind::kHalfTerm, 2026, 5, 25, 5, 29);
  }
  return entries;
}

// Start dates spread over the first two academic years, so every answer is inside the calendar.
std::vector<Date> Starts() {
  std::mt19937 random(42);
  std::uniform_int_distribution<int> offset(0, 600);
  const auto first = std::chrono::sys_days{*ParseIsoDate("2025-09-01")};
  std::vector<Date> starts;
  for (int i = 0; i < 4096; ++i) starts.push_back(Date{first + std::chrono::days{offset(random)}});
  return starts;
}

void BM_DueDateEngine(benchmark::State& state) {
  const auto entries = ThreeYears();
  const auto calendar = SchoolCalendar::Build(entries, cynnal::domain::ShippedBankHolidays());
  const auto starts = Starts();
  const Timescale& t = cynnal::domain::TimescaleCatalogue()[state.range(0)];
  std::size_t i = 0;
  for (auto _ : state) {
    auto due = cynnal::domain::DueDate(t, t.count, starts[i++ & 4095], *calendar);
    benchmark::DoNotOptimize(due);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(t.code));
}

void BM_DueDateWalk(benchmark::State& state) {
  const auto entries = ThreeYears();
  const auto& holidays = cynnal::domain::ShippedBankHolidays();
  const auto starts = Starts();
  const Timescale& t = cynnal::domain::TimescaleCatalogue()[state.range(0)];
  std::size_t i = 0;
  for (auto _ : state) {
    auto due = cynnal::domain::DueDateByWalk(t, t.count, starts[i++ & 4095], entries, holidays);
    benchmark::DoNotOptimize(due);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(t.code));
}

// Every timescale of the catalogue in turn: the mix a due list computes.
void BM_DueDateEngineAllTimescales(benchmark::State& state) {
  const auto entries = ThreeYears();
  const auto calendar = SchoolCalendar::Build(entries, cynnal::domain::ShippedBankHolidays());
  const auto starts = Starts();
  const auto& catalogue = cynnal::domain::TimescaleCatalogue();
  std::size_t i = 0;
  for (auto _ : state) {
    const Timescale& t = catalogue[i % catalogue.size()];
    auto due = cynnal::domain::DueDate(t, t.count, starts[i++ & 4095], *calendar);
    benchmark::DoNotOptimize(due);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_DueDateWalkAllTimescales(benchmark::State& state) {
  const auto entries = ThreeYears();
  const auto& holidays = cynnal::domain::ShippedBankHolidays();
  const auto starts = Starts();
  const auto& catalogue = cynnal::domain::TimescaleCatalogue();
  std::size_t i = 0;
  for (auto _ : state) {
    const Timescale& t = catalogue[i % catalogue.size()];
    auto due = cynnal::domain::DueDateByWalk(t, t.count, starts[i++ & 4095], entries, holidays);
    benchmark::DoNotOptimize(due);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_BuildCalendar(benchmark::State& state) {
  const auto entries = ThreeYears();
  for (auto _ : state) {
    auto calendar = SchoolCalendar::Build(entries, cynnal::domain::ShippedBankHolidays());
    benchmark::DoNotOptimize(calendar);
  }
}

// 0: school-decision (35 school days), 3: la-decision (12 weeks), 9: panel-minutes (3 working
// days).
BENCHMARK(BM_DueDateEngine)->Arg(0)->Arg(3)->Arg(9);
BENCHMARK(BM_DueDateWalk)->Arg(0)->Arg(3)->Arg(9);
BENCHMARK(BM_DueDateEngineAllTimescales);
BENCHMARK(BM_DueDateWalkAllTimescales);
BENCHMARK(BM_BuildCalendar);

}  // namespace

BENCHMARK_MAIN();
