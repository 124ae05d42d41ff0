#include "domain/school_calendar.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>

#include "domain/bank_holidays.h"
#include "domain/code_table.h"

namespace cynnal::domain {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr CodeTable<CalendarEntryKind, 5> kEntryKinds = {{
    {CalendarEntryKind::kTerm, "term"},
    {CalendarEntryKind::kHalfTerm, "half_term"},
    {CalendarEntryKind::kInset, "inset"},
    {CalendarEntryKind::kClosure, "closure"},
    {CalendarEntryKind::kBankHoliday, "bank_holiday"},
}};

constexpr CodeTable<TermName, 3> kTermNames = {{
    {TermName::kAutumn, "autumn"},
    {TermName::kSpring, "spring"},
    {TermName::kSummer, "summer"},
}};

int Days(Date date) { return static_cast<int>(sys_days{date}.time_since_epoch().count()); }

Date FromDays(int n) { return Date{sys_days{days{n}}}; }

Error Unknown(std::string_view message, Date boundary) {
  return Error::InvalidArgument(std::string(message), {{"date", FormatIsoDate(boundary)}});
}

}  // namespace

std::string_view Code(CalendarEntryKind kind) { return CodeIn(kEntryKinds, kind); }

std::optional<CalendarEntryKind> CalendarEntryKindFromCode(std::string_view code) {
  return FromCodeIn(kEntryKinds, code);
}

std::string_view Code(TermName name) { return CodeIn(kTermNames, name); }

std::optional<TermName> TermNameFromCode(std::string_view code) {
  return FromCodeIn(kTermNames, code);
}

const std::vector<TermName>& AllTermNames() {
  static const std::vector<TermName> all = AllIn(kTermNames);
  return all;
}

std::string_view Code(DayType type) {
  switch (type) {
    case DayType::kSchoolDay:
      return "school_day";
    case DayType::kWeekend:
      return "weekend";
    case DayType::kHoliday:
      return "holiday";
    case DayType::kHalfTerm:
      return "half_term";
    case DayType::kBankHoliday:
      return "bank_holiday";
    case DayType::kInset:
      return "inset";
    case DayType::kClosure:
      return "closure";
  }
  return "holiday";
}

int AcademicYearOf(Date date) {
  const int y = static_cast<int>(date.year());
  return static_cast<unsigned>(date.month()) >= 9 ? y : y - 1;
}

Date AcademicYearStart(int academic_year) {
  return Date{std::chrono::year{academic_year}, std::chrono::September, std::chrono::day{1}};
}

Date AcademicYearEnd(int academic_year) {
  return Date{std::chrono::year{academic_year + 1}, std::chrono::August, std::chrono::day{31}};
}

std::string AcademicYearLabel(int academic_year) {
  const int next = (academic_year + 1) % 100;
  return std::to_string(academic_year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

Result<void> CheckTermDates(const TermDates& dates) {
  std::map<std::string, std::string> fields;
  const Date year_start = AcademicYearStart(dates.academic_year);
  const Date year_end = AcademicYearEnd(dates.academic_year);
  std::set<TermName> seen;
  for (const Term& term : dates.terms) {
    const std::string code(Code(term.name));
    if (!seen.insert(term.name).second) {
      fields.emplace(code + "_start", "term_error_duplicate");
      continue;
    }
    if (term.end < term.start) {
      fields.emplace(code + "_end", "term_error_end_before_start");
      continue;
    }
    if (term.start < year_start || term.end > year_end) {
      fields.emplace(term.start < year_start ? code + "_start" : code + "_end",
                     "term_error_outside_year");
      continue;
    }
    if (term.half_term_start.has_value() != term.half_term_end.has_value()) {
      fields.emplace(term.half_term_start ? code + "_half_term_end" : code + "_half_term_start",
                     "term_error_half_term_incomplete");
    } else if (term.half_term_start) {
      if (*term.half_term_end < *term.half_term_start) {
        fields.emplace(code + "_half_term_end", "term_error_half_term_end_before_start");
      } else if (*term.half_term_start <= term.start || *term.half_term_end >= term.end) {
        fields.emplace(code + "_half_term_start", "term_error_half_term_outside_term");
      }
    }
  }
  // Overlaps, reported on the later term (in the order autumn, spring, summer).
  for (std::size_t i = 0; i < dates.terms.size(); ++i) {
    for (std::size_t j = 0; j < dates.terms.size(); ++j) {
      const Term& a = dates.terms[i];
      const Term& b = dates.terms[j];
      if (i == j || a.name >= b.name || a.end < a.start || b.end < b.start) continue;
      if (a.start <= b.end && b.start <= a.end) {
        fields.emplace(std::string(Code(b.name)) + "_start", "term_error_overlap");
      } else if (b.start < a.start) {
        fields.emplace(std::string(Code(b.name)) + "_start", "term_error_order");
      }
    }
  }
  if (!fields.empty()) return Fail(Error::InvalidArgument("term_error_title", std::move(fields)));
  return {};
}

std::vector<CalendarEntry> EntriesOf(const TermDates& dates) {
  std::vector<CalendarEntry> entries;
  for (const Term& term : dates.terms) {
    entries.push_back(
        {CalendarEntryKind::kTerm, term.start, term.end, std::string(Code(term.name))});
    if (term.half_term_start && term.half_term_end) {
      entries.push_back({CalendarEntryKind::kHalfTerm, *term.half_term_start, *term.half_term_end,
                         std::string(Code(term.name))});
    }
  }
  return entries;
}

Result<SchoolCalendar> SchoolCalendar::Build(const std::vector<CalendarEntry>& entries,
                                             const std::vector<Date>& bank_holidays) {
  SchoolCalendar calendar;
  std::set<int> holiday_days;
  std::set<int> holiday_years;
  for (Date d : bank_holidays) {
    holiday_days.insert(Days(d));
    holiday_years.insert(static_cast<int>(d.year()));
  }
  std::optional<int> term_from, term_until;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const CalendarEntry& e = entries[i];
    if (e.end < e.start) {
      return Fail(Error::InvalidArgument("calendar_error_end_before_start",
                                         {{"line", std::to_string(i + 1)}}));
    }
    if (e.kind == CalendarEntryKind::kBankHoliday) {
      for (int d = Days(e.start); d <= Days(e.end); ++d) {
        holiday_days.insert(d);
        holiday_years.insert(static_cast<int>(FromDays(d).year()));
      }
    }
    if (e.kind == CalendarEntryKind::kTerm) {
      const int from = Days(AcademicYearStart(AcademicYearOf(e.start)));
      term_from = term_from ? std::min(*term_from, from) : from;
      term_until = term_until ? std::max(*term_until, Days(e.end)) : Days(e.end);
    }
  }

  std::optional<int> lo, hi;
  auto widen = [&](int from, int until) {
    lo = lo ? std::min(*lo, from) : from;
    hi = hi ? std::max(*hi, until) : until;
  };
  if (term_from) widen(*term_from, *term_until);
  std::optional<int> work_from, work_until;
  if (!holiday_years.empty()) {
    const int first_year = *holiday_years.begin();
    const int last_year = *holiday_years.rbegin();
    work_from =
        Days(Date{std::chrono::year{first_year}, std::chrono::January, std::chrono::day{1}});
    work_until =
        Days(Date{std::chrono::year{last_year}, std::chrono::December, std::chrono::day{31}});
    widen(*work_from, *work_until);
  }
  if (!lo) return calendar;

  calendar.lo_days_ = *lo;
  calendar.size_ = *hi - *lo + 1;
  const int n = calendar.size_;
  if (term_from) {
    calendar.has_terms_ = true;
    calendar.terms_from_ = *term_from - *lo;
    calendar.terms_until_ = *term_until - *lo;
  }
  if (work_from) {
    calendar.working_from_ = *work_from - *lo;
    calendar.working_until_ = *work_until - *lo;
  }

  // Paint rows onto the days: term first, then the rows that take days out of term.
  std::vector<bool> in_term(n, false);
  std::vector<DayType> covered(n, DayType::kSchoolDay);
  std::vector<bool> is_covered(n, false);
  auto clamp_range = [&](const CalendarEntry& e, auto&& paint) {
    const int from = std::max(Days(e.start), *lo) - *lo;
    const int until = std::min(Days(e.end), *hi) - *lo;
    for (int i = from; i <= until; ++i) paint(i);
  };
  for (const CalendarEntry& e : entries) {
    switch (e.kind) {
      case CalendarEntryKind::kTerm:
        clamp_range(e, [&](int i) { in_term[i] = true; });
        break;
      case CalendarEntryKind::kBankHoliday:
        break;
      case CalendarEntryKind::kHalfTerm:
      case CalendarEntryKind::kInset:
      case CalendarEntryKind::kClosure: {
        const DayType type = e.kind == CalendarEntryKind::kHalfTerm ? DayType::kHalfTerm
                             : e.kind == CalendarEntryKind::kInset  ? DayType::kInset
                                                                    : DayType::kClosure;
        clamp_range(e, [&](int i) {
          // INSET and closure days say more about a day than a half-term row.
          if (!is_covered[i] || covered[i] == DayType::kHalfTerm) covered[i] = type;
          is_covered[i] = true;
        });
        break;
      }
    }
  }

  calendar.types_.resize(n);
  calendar.dates_.reserve(n);
  for (auto& p : calendar.prefix_) p.assign(n, 0);
  std::int32_t counts[3] = {0, 0, 0};
  for (int i = 0; i < n; ++i) {
    const int day_number = *lo + i;
    const Date date = FromDays(day_number);
    const bool weekend = IsWeekend(date);
    const bool bank_holiday = holiday_days.count(day_number) > 0;
    DayType type = DayType::kHoliday;
    if (weekend) {
      type = DayType::kWeekend;
    } else if (bank_holiday) {
      type = DayType::kBankHoliday;
    } else if (is_covered[i]) {
      type = covered[i];
    } else if (in_term[i]) {
      type = DayType::kSchoolDay;
    }
    calendar.types_[i] = type;
    calendar.dates_.push_back(date);
    const bool term_time = in_term[i] && !is_covered[i] && !bank_holiday;
    const bool series[3] = {type == DayType::kSchoolDay, term_time, !weekend && !bank_holiday};
    for (int s = 0; s < 3; ++s) {
      if (series[s]) {
        ++counts[s];
        calendar.days_[s].push_back(i);
      }
      calendar.prefix_[s][i] = counts[s];
    }
  }
  return calendar;
}

int SchoolCalendar::IndexOf(Date date) const { return Days(date) - lo_days_; }

Date SchoolCalendar::DateAt(int index) const {
  // A table lookup: converting a day number to a civil date costs more than the rest of a query.
  if (index >= 0 && index < size_) return dates_[static_cast<std::size_t>(index)];
  return FromDays(lo_days_ + index);
}

int SchoolCalendar::Prefix(Series series, int index) const {
  if (index < 0) return 0;
  return prefix_[static_cast<int>(series)][index];
}

DayType SchoolCalendar::TypeOf(Date date) const {
  const int i = IndexOf(date);
  if (i < 0 || i >= size_) return IsWeekend(date) ? DayType::kWeekend : DayType::kHoliday;
  return types_[i];
}

bool SchoolCalendar::IsWorkingDay(Date date) const {
  const int i = IndexOf(date);
  if (i < 0 || i >= size_) return !IsWeekend(date);
  return !IsWeekend(date) && types_[i] != DayType::kBankHoliday;
}

std::optional<Date> SchoolCalendar::terms_known_from() const {
  if (!has_terms_) return std::nullopt;
  return DateAt(terms_from_);
}

std::optional<Date> SchoolCalendar::terms_known_until() const {
  if (!has_terms_) return std::nullopt;
  return DateAt(terms_until_);
}

Result<Date> SchoolCalendar::NthAfter(Series series, Date after, int n) const {
  return NthAfterIndex(series, IndexOf(after), n);
}

Result<Date> SchoolCalendar::NthAfterIndex(Series series, int i, int n) const {
  const bool working = series == Series::kWorking;
  if (working ? working_until_ < working_from_ : !has_terms_) {
    return Fail(Error::InvalidArgument(working ? "calendar_error_no_bank_holidays"
                                               : "calendar_error_no_terms"));
  }
  const int from = working ? working_from_ : terms_from_;
  const int until = working ? working_until_ : terms_until_;
  if (i < from - 1) return Fail(Unknown("calendar_error_before", DateAt(from)));
  if (i > until) return Fail(Unknown("calendar_error_ends", DateAt(until)));
  if (n < 1) return Fail(Error::InvalidArgument("calendar_error_count"));
  const auto& list = days_[static_cast<int>(series)];
  const std::int64_t target = static_cast<std::int64_t>(Prefix(series, i)) + n;
  if (target > static_cast<std::int64_t>(list.size()) || list[target - 1] > until) {
    return Fail(Unknown("calendar_error_ends", DateAt(until)));
  }
  return DateAt(list[target - 1]);
}

Result<Date> SchoolCalendar::NthSchoolDayAfter(Date after, int n) const {
  return NthAfter(Series::kSchool, after, n);
}

Result<Date> SchoolCalendar::NthTermTimeDayAfter(Date after, int n) const {
  return NthAfter(Series::kTermTime, after, n);
}

Result<Date> SchoolCalendar::NthWorkingDayAfter(Date after, int n) const {
  return NthAfter(Series::kWorking, after, n);
}

Result<Date> SchoolCalendar::FirstWorkingDayOnOrAfter(Date date) const {
  return NthAfterIndex(Series::kWorking, IndexOf(date) - 1, 1);
}

Result<Date> SchoolCalendar::FirstWorkingDayOnOrAfterDaysLater(Date start, int days) const {
  return NthAfterIndex(Series::kWorking, IndexOf(start) + days - 1, 1);
}

Result<int> SchoolCalendar::SchoolDaysBetween(Date from, Date through) const {
  if (through <= from) return 0;
  if (!has_terms_) return Fail(Error::InvalidArgument("calendar_error_no_terms"));
  const int a = std::max(IndexOf(from), terms_from_ - 1);
  const int b = IndexOf(through);
  if (b > terms_until_) return Fail(Unknown("calendar_error_ends", DateAt(terms_until_)));
  if (b < terms_from_) return 0;
  return Prefix(Series::kSchool, b) - Prefix(Series::kSchool, a);
}

Result<int> SchoolCalendar::WorkingDaysBetween(Date from, Date through) const {
  if (through <= from) return 0;
  if (working_until_ < working_from_) {
    return Fail(Error::InvalidArgument("calendar_error_no_bank_holidays"));
  }
  const int a = IndexOf(from);
  const int b = IndexOf(through);
  if (a < working_from_ - 1) return Fail(Unknown("calendar_error_before", DateAt(working_from_)));
  if (b > working_until_) return Fail(Unknown("calendar_error_ends", DateAt(working_until_)));
  return Prefix(Series::kWorking, b) - Prefix(Series::kWorking, a);
}

}  // namespace cynnal::domain
