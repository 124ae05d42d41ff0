#include "app/calendars.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "domain/access_policy.h"
#include "domain/bank_holidays.h"
#include "domain/text.h"

namespace cynnal::app {
namespace {

using domain::CalendarAction;
using domain::CalendarEntry;
using domain::CalendarEntryKind;
using domain::Date;
using domain::Error;

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

// The academic year named in `text`, or the one containing `today` when it is empty.
Result<int> YearFrom(const std::string& text, Date today) {
  if (domain::Trim(text).empty()) return domain::AcademicYearOf(today);
  auto year = domain::ParseWholeNumber(domain::Trim(text));
  if (!year || *year < kFirstYear || *year > kLastYear) {
    return Error::InvalidArgument("calendar_error_year", {{"year", "calendar_error_year"}});
  }
  return static_cast<int>(*year);
}

bool InYear(Date date, int academic_year) {
  return !(date < domain::AcademicYearStart(academic_year)) &&
         !(domain::AcademicYearEnd(academic_year) < date);
}

Status Save(UnitOfWork& uow) { return uow.Commit(); }

// The setting whose calendar the actor may view or edit, or the error to show.
Result<domain::Setting> SettingFor(UnitOfWork& tx, const Actor& actor, domain::SettingId id,
                                   CalendarAction action) {
  auto setting = tx.Settings().Get(id);
  if (!setting) return Error::NotFound("setting_error_not_found");
  if (!domain::MayAccessSettingCalendar(actor.user, action, *setting))
    return Error::Forbidden("forbidden");
  return *setting;
}

// A date typed into three boxes: nullopt when all are blank; the error id otherwise.
struct ParsedDate {
  std::optional<Date> date;
  bool blank = true;
};
ParsedDate ParseParts(const DateParts& parts) {
  ParsedDate parsed;
  parsed.blank = domain::Trim(parts.day).empty() && domain::Trim(parts.month).empty() &&
                 domain::Trim(parts.year).empty();
  if (!parsed.blank) parsed.date = domain::DateFromParts(parts.day, parts.month, parts.year);
  return parsed;
}

domain::TermName TermNameFor(Date start) {
  const unsigned m = static_cast<unsigned>(start.month());
  if (m >= 9) return domain::TermName::kAutumn;
  if (m <= 3) return domain::TermName::kSpring;
  return domain::TermName::kSummer;
}

// The terms of each academic year in a file's term and half_term rows, each term named by the
// month it starts in and each half-term placed in the term that holds it; every year checked.
Result<std::map<int, domain::TermDates>> TermDatesFrom(const std::vector<CalendarEntry>& entries,
                                                       domain::LocalAuthorityId la) {
  std::map<int, domain::TermDates> years;
  for (const CalendarEntry& e : entries) {
    if (e.kind != CalendarEntryKind::kTerm) continue;
    const int year = domain::AcademicYearOf(e.start);
    auto& dates = years[year];
    dates.local_authority = la;
    dates.academic_year = year;
    dates.terms.push_back({TermNameFor(e.start), e.start, e.end, std::nullopt, std::nullopt});
  }
  for (const CalendarEntry& e : entries) {
    if (e.kind != CalendarEntryKind::kHalfTerm) continue;
    auto it = years.find(domain::AcademicYearOf(e.start));
    domain::Term* home = nullptr;
    if (it != years.end()) {
      for (auto& term : it->second.terms) {
        if (term.start < e.start && e.end < term.end) home = &term;
      }
    }
    if (home == nullptr || home->half_term_start) {
      return Error::InvalidArgument("term_error_import_half_term",
                                    {{"date", domain::FormatIsoDate(e.start)}});
    }
    home->half_term_start = e.start;
    home->half_term_end = e.end;
  }
  for (auto& [year, dates] : years) {
    if (auto checked = domain::CheckTermDates(dates); !checked) {
      Error error = checked.error();
      error.message = "term_error_import_invalid";
      error.fields.emplace("year", domain::AcademicYearLabel(year));
      return error;
    }
  }
  return years;
}

}  // namespace

CalendarSources SourcesFor(UnitOfWork& uow, const domain::Setting* setting,
                           domain::LocalAuthorityId local_authority) {
  CalendarSources sources;
  const auto la = setting ? setting->local_authority : local_authority;
  // The setting's own terms replace its LA's for the years they cover.
  std::map<int, domain::TermDates> years;
  for (auto& year : uow.Calendars().ListTermDates(la)) years[year.academic_year] = year;
  if (setting) {
    for (auto& own : uow.Calendars().ListSettingTermDates(setting->id))
      years[own.academic_year] = own;
  }
  for (const auto& [year, dates] : years) {
    auto rows = domain::EntriesOf(dates);
    sources.entries.insert(sources.entries.end(), rows.begin(), rows.end());
  }
  if (setting) {
    for (const auto& day : uow.Calendars().ListSettingDays(setting->id)) {
      sources.entries.push_back({day.kind, day.date, day.date, day.label});
    }
  }
  sources.bank_holidays =
      domain::WithImported(domain::ShippedBankHolidays(), uow.Calendars().ImportedBankHolidays());
  return sources;
}

Result<domain::SchoolCalendar> CalendarFor(UnitOfWork& uow, const domain::Setting* setting,
                                           domain::LocalAuthorityId local_authority) {
  auto sources = SourcesFor(uow, setting, local_authority);
  return domain::SchoolCalendar::Build(sources.entries, sources.bank_holidays);
}

Result<SchoolYearView> ViewSchoolYear(Services& services, const Actor& actor, domain::SettingId id,
                                      const std::string& year) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = SettingFor(tx, actor, id, CalendarAction::kView);
  if (!setting) return setting.error();
  SchoolYearView view;
  view.today = services.clock.Today();
  auto academic_year = YearFrom(year, view.today);
  if (!academic_year) return academic_year.error();
  view.setting = *setting;
  view.academic_year = *academic_year;
  for (auto& own : tx.Calendars().ListSettingTermDates(id)) {
    if (own.academic_year == view.academic_year) {
      view.term_dates = own;
      view.own_terms = true;
    }
  }
  if (!view.term_dates)
    view.term_dates = tx.Calendars().GetTermDates(setting->local_authority, view.academic_year);
  for (auto& day : tx.Calendars().ListSettingDays(id)) {
    if (InYear(day.date, view.academic_year)) view.days.push_back(day);
  }
  auto calendar = CalendarFor(tx, &*setting, setting->local_authority);
  if (!calendar) return calendar.error();
  view.calendar = std::move(*calendar);
  if (view.term_dates) {
    const Date before = domain::AddDays(domain::AcademicYearStart(view.academic_year), -1);
    auto n = view.calendar.SchoolDaysBetween(before, domain::AcademicYearEnd(view.academic_year));
    if (!n) {
      // The calendar knows terms only up to the last term entered.
      n = view.calendar.SchoolDaysBetween(before, *view.calendar.terms_known_until());
    }
    view.school_days = n ? *n : 0;
  }
  view.may_edit = domain::MayAccessSettingCalendar(actor.user, CalendarAction::kEdit, *setting);
  return view;
}

Result<std::int64_t> AddSettingDay(Services& services, const Actor& actor, domain::SettingId id,
                                   const SettingDayInput& input) {
  std::map<std::string, std::string> fields;
  auto date = ParseParts(input.date);
  if (date.blank) {
    fields.emplace("day_date", "calendar_error_day_date_missing");
  } else if (!date.date) {
    fields.emplace("day_date", "calendar_error_day_date_invalid");
  }
  auto kind = domain::CalendarEntryKindFromCode(input.kind);
  if (!kind || (*kind != CalendarEntryKind::kInset && *kind != CalendarEntryKind::kClosure)) {
    fields.emplace("kind", "calendar_error_day_kind");
  }
  const std::string label = domain::Trim(input.label);
  if (label.size() > 100) fields.emplace("label", "calendar_error_label_long");

  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = SettingFor(tx, actor, id, CalendarAction::kEdit);
  if (!setting) return setting.error();
  if (date.date) {
    if (domain::IsWeekend(*date.date)) {
      fields.emplace("day_date", "calendar_error_day_weekend");
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("calendar_error_title", std::move(fields));
  domain::SettingDay day{0, id, *date.date, *kind, label};
  auto added = tx.Calendars().AddSettingDay(day);
  if (!added) return added.error();
  auto now = services.clock.Now();
  if (auto ok = tx.Audit().Append(AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt, now,
                                           "setting_day add setting=" + std::to_string(id.value()) +
                                               " " + domain::FormatIsoDate(*date.date) + " " +
                                               std::string(domain::Code(*kind))));
      !ok)
    return ok.error();
  if (auto ok = Save(tx); !ok) return ok.error();
  return *added;
}

Status RemoveSettingDay(Services& services, const Actor& actor, domain::SettingId id,
                        std::int64_t day) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = SettingFor(tx, actor, id, CalendarAction::kEdit);
  if (!setting) return setting.error();
  if (auto ok = tx.Calendars().RemoveSettingDay(id, day); !ok) return ok;
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt, services.clock.Now(),
                   "setting_day remove setting=" + std::to_string(id.value()) +
                       " day=" + std::to_string(day)));
      !ok)
    return ok;
  return Save(tx);
}

Status CheckSettingCalendarAccess(Services& services, const Actor& actor, domain::SettingId id,
                                  CalendarAction action) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto setting = SettingFor(**uow, actor, id, action);
  if (!setting) return setting.error();
  return domain::Ok();
}

Result<SettingImport> ImportSettingCalendar(Services& services, const Actor& actor,
                                            domain::SettingId id,
                                            const std::vector<CalendarEntry>& entries) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = SettingFor(tx, actor, id, CalendarAction::kEdit);
  if (!setting) return setting.error();
  auto years = TermDatesFrom(entries, setting->local_authority);
  if (!years) return years.error();
  SettingImport result;
  for (auto& [year, dates] : *years) {
    if (auto ok = tx.Calendars().PutSettingTermDates(id, dates); !ok) return ok.error();
    result.term_years.push_back(year);
  }
  std::set<std::string> taken;
  for (const auto& day : tx.Calendars().ListSettingDays(id))
    taken.insert(domain::FormatIsoDate(day.date));
  for (const CalendarEntry& e : entries) {
    if (e.kind != CalendarEntryKind::kInset && e.kind != CalendarEntryKind::kClosure) continue;
    if (domain::DaysBetween(e.start, e.end) > 366) {
      return Error::InvalidArgument("calendar_error_import_range");
    }
    for (Date d = e.start; !(e.end < d); d = domain::AddDays(d, 1)) {
      if (domain::IsWeekend(d)) continue;
      if (!taken.insert(domain::FormatIsoDate(d)).second) continue;
      std::string label = domain::Trim(e.label).substr(0, 100);
      auto ok = tx.Calendars().AddSettingDay({0, id, d, e.kind, label});
      if (!ok) return ok.error();
      ++result.days_added;
    }
  }
  if (result.days_added == 0 && result.term_years.empty())
    return Error::InvalidArgument("calendar_error_import_no_days");
  std::string detail = "setting_calendar import setting=" + std::to_string(id.value()) +
                       " days=" + std::to_string(result.days_added) + " term_years=";
  for (int y : result.term_years) detail += std::to_string(y) + ",";
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt, services.clock.Now(), detail));
      !ok)
    return ok.error();
  if (auto ok = Save(tx); !ok) return ok.error();
  return result;
}

Status RemoveSettingTermDates(Services& services, const Actor& actor, domain::SettingId id,
                              int academic_year) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = SettingFor(tx, actor, id, CalendarAction::kEdit);
  if (!setting) return setting.error();
  if (auto ok = tx.Calendars().RemoveSettingTermDates(id, academic_year); !ok) return ok;
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt, services.clock.Now(),
                   "setting_terms remove setting=" + std::to_string(id.value()) + " " +
                       std::to_string(academic_year)));
      !ok)
    return ok;
  return Save(tx);
}

Result<TermDatesView> ViewTermDates(Services& services, const Actor& actor,
                                    const std::string& year) {
  const auto la_id = actor.user.local_authority;
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kView, la_id))
    return Error::Forbidden("forbidden");
  auto academic_year = YearFrom(year, services.clock.Today());
  if (!academic_year) return academic_year.error();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  TermDatesView view;
  if (auto la = tx.LocalAuthorities().Get(la_id)) view.local_authority = *la;
  view.academic_year = *academic_year;
  view.term_dates = tx.Calendars().GetTermDates(la_id, view.academic_year);
  for (const auto& dates : tx.Calendars().ListTermDates(la_id))
    view.years.push_back(dates.academic_year);
  view.may_edit = domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, la_id);
  return view;
}

Status SaveTermDates(Services& services, const Actor& actor, const TermDatesInput& input) {
  const auto la_id = actor.user.local_authority;
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, la_id))
    return Error::Forbidden("forbidden");
  auto year = domain::ParseWholeNumber(domain::Trim(input.academic_year));
  if (!year || *year < kFirstYear || *year > kLastYear) {
    return Error::InvalidArgument("calendar_error_year", {{"year", "calendar_error_year"}});
  }
  std::map<std::string, std::string> fields;
  domain::TermDates dates;
  dates.local_authority = la_id;
  dates.academic_year = static_cast<int>(*year);
  for (int i = 0; i < 3; ++i) {
    const auto name = domain::AllTermNames()[i];
    const std::string code(domain::Code(name));
    const TermInput& in = input.terms[i];
    auto start = ParseParts(in.start);
    auto end = ParseParts(in.end);
    auto half_start = ParseParts(in.half_term_start);
    auto half_end = ParseParts(in.half_term_end);
    if (start.blank && end.blank && half_start.blank && half_end.blank) continue;
    bool ok = true;
    auto need = [&](const ParsedDate& parsed, const std::string& field, bool required) {
      if (parsed.blank) {
        if (required) {
          fields.emplace(field, "term_error_date_missing");
          ok = false;
        }
      } else if (!parsed.date) {
        fields.emplace(field, "term_error_date_invalid");
        ok = false;
      }
    };
    need(start, code + "_start", true);
    need(end, code + "_end", true);
    need(half_start, code + "_half_term_start", false);
    need(half_end, code + "_half_term_end", false);
    if (!ok) continue;
    dates.terms.push_back({name, *start.date, *end.date, half_start.date, half_end.date});
  }
  if (dates.terms.empty() && fields.empty()) {
    fields.emplace("autumn_start", "term_error_none");
  }
  if (!dates.terms.empty()) {
    if (auto checked = domain::CheckTermDates(dates); !checked) {
      for (const auto& [field, message] : checked.error().fields) fields.emplace(field, message);
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("term_error_title", std::move(fields));
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (auto ok = tx.Calendars().PutTermDates(dates); !ok) return ok;
  if (auto ok = tx.Audit().Append(AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt,
                                           services.clock.Now(),
                                           "term_dates save " + std::to_string(*year)));
      !ok)
    return ok;
  return Save(tx);
}

Result<std::vector<int>> ImportTermDates(Services& services, const Actor& actor,
                                         const std::vector<CalendarEntry>& entries) {
  const auto la_id = actor.user.local_authority;
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, la_id))
    return Error::Forbidden("forbidden");
  auto years = TermDatesFrom(entries, la_id);
  if (!years) return years.error();
  if (years->empty()) return Error::InvalidArgument("term_error_import_no_terms");
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  std::vector<int> saved;
  for (auto& [year, dates] : *years) {
    if (auto ok = tx.Calendars().PutTermDates(dates); !ok) return ok.error();
    saved.push_back(year);
  }
  std::string detail = "term_dates import";
  for (int y : saved) detail += " " + std::to_string(y);
  if (auto ok = tx.Audit().Append(
          AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt, services.clock.Now(), detail));
      !ok)
    return ok.error();
  if (auto ok = Save(tx); !ok) return ok.error();
  return saved;
}

Result<std::vector<CalendarEntry>> TermDateEntries(Services& services, const Actor& actor,
                                                   const std::string& year) {
  auto view = ViewTermDates(services, actor, year);
  if (!view) return view.error();
  if (!view->term_dates) return Error::NotFound("term_error_year_missing");
  return domain::EntriesOf(*view->term_dates);
}

Result<std::vector<CalendarEntry>> SchoolYearEntries(Services& services, const Actor& actor,
                                                     domain::SettingId setting,
                                                     const std::string& year) {
  auto view = ViewSchoolYear(services, actor, setting, year);
  if (!view) return view.error();
  if (!view->term_dates) return Error::NotFound("term_error_year_missing");
  auto entries = domain::EntriesOf(*view->term_dates);
  for (const auto& day : view->days) entries.push_back({day.kind, day.date, day.date, day.label});
  for (Date d : domain::ShippedBankHolidays()) {
    if (InYear(d, view->academic_year) &&
        view->calendar.TypeOf(d) == domain::DayType::kBankHoliday) {
      entries.push_back({CalendarEntryKind::kBankHoliday, d, d, ""});
    }
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.start < b.start; });
  return entries;
}

Result<BankHolidaysView> ViewBankHolidays(Services& services, const Actor& actor) {
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kView, actor.user.local_authority))
    return Error::Forbidden("forbidden");
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  BankHolidaysView view;
  auto imported = (*uow)->Calendars().ImportedBankHolidays();
  std::set<int> years;
  for (Date d : imported) years.insert(static_cast<int>(d.year()));
  view.imported_years.assign(years.begin(), years.end());
  view.dates = domain::WithImported(domain::ShippedBankHolidays(), imported);
  view.may_edit =
      domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, actor.user.local_authority);
  return view;
}

Result<int> ImportBankHolidays(Services& services, const Actor& actor,
                               const std::vector<Date>& dates) {
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, actor.user.local_authority))
    return Error::Forbidden("forbidden");
  if (dates.empty()) return Error::InvalidArgument("bank_holidays_error_empty");
  for (Date d : dates) {
    if (static_cast<int>(d.year()) < kFirstYear || static_cast<int>(d.year()) > kLastYear) {
      return Error::InvalidArgument("bank_holidays_error_year",
                                    {{"date", domain::FormatIsoDate(d)}});
    }
  }
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (auto ok = tx.Calendars().PutImportedBankHolidays(dates); !ok) return ok.error();
  if (auto ok = tx.Audit().Append(AuditFor(actor, domain::AuditAction::kAdmin, std::nullopt,
                                           services.clock.Now(),
                                           "bank_holidays import " + std::to_string(dates.size())));
      !ok)
    return ok.error();
  if (auto ok = Save(tx); !ok) return ok.error();
  return static_cast<int>(dates.size());
}

Result<TimescalesView> ViewTimescales(Services& services, const Actor& actor) {
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kView, actor.user.local_authority))
    return Error::Forbidden("forbidden");
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  TimescalesView view;
  view.local = (*uow)->Calendars().GetLocalTimescales(actor.user.local_authority);
  view.may_edit =
      domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, actor.user.local_authority);
  return view;
}

Status SaveLocalTimescales(Services& services, const Actor& actor,
                           const std::string& school_referral_school_days,
                           const std::string& panel_minutes_working_days) {
  if (!domain::MayAccessTermDates(actor.user, CalendarAction::kEdit, actor.user.local_authority))
    return Error::Forbidden("forbidden");
  auto referral = domain::ParseWholeNumber(domain::Trim(school_referral_school_days));
  auto minutes = domain::ParseWholeNumber(domain::Trim(panel_minutes_working_days));
  domain::LocalTimescales local;
  local.school_referral_school_days = referral ? static_cast<int>(*referral) : 0;
  local.panel_minutes_working_days = minutes ? static_cast<int>(*minutes) : 0;
  if (auto ok = domain::CheckLocalTimescales(local); !ok) return ok;
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (auto ok = tx.Calendars().PutLocalTimescales(actor.user.local_authority, local); !ok)
    return ok;
  if (auto ok = tx.Audit().Append(AuditFor(
          actor, domain::AuditAction::kAdmin, std::nullopt, services.clock.Now(),
          "local_timescales school_referral=" + std::to_string(local.school_referral_school_days) +
              " panel_minutes=" + std::to_string(local.panel_minutes_working_days)));
      !ok)
    return ok;
  return Save(tx);
}

}  // namespace cynnal::app
