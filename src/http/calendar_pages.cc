#include <chrono>
#include <set>

#include "app/calendars.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/server.h"
#include "interchange/calendar_files.h"

namespace cynnal::http {
namespace {

using domain::Date;

constexpr std::size_t kMaxImportBytes = 512 * 1024;

std::string Year(const Ctx& ctx) { return domain::Trim(ctx.Param("year")); }

// The uploaded file "file": its text, or "" when none was sent.
std::string UploadedFile(const Ctx& ctx) {
  if (!ctx.req.is_multipart_form_data() || !ctx.req.has_file("file")) return "";
  return ctx.req.get_file_value("file").content;
}

bool LooksLikeIcs(const std::string& text) {
  return text.find("BEGIN:VCALENDAR") != std::string::npos;
}

// Calendar rows from an uploaded CSV or iCalendar file (kind from CATEGORIES, else `fallback`).
domain::Result<std::vector<domain::CalendarEntry>> ParseUpload(const std::string& text,
                                                               domain::CalendarEntryKind fallback) {
  if (text.empty()) return domain::Error::InvalidArgument("import_error_no_file");
  if (text.size() > kMaxImportBytes) return domain::Error::InvalidArgument("import_error_too_big");
  if (LooksLikeIcs(text)) return interchange::ParseCalendarIcs(text, fallback);
  return interchange::ParseCalendarCsv(text);
}

std::string YearHref(const std::string& base, int year) {
  return base + (base.find('?') == std::string::npos ? "?" : "&") + "year=" + std::to_string(year);
}

}  // namespace

std::string WebApp::Fill(const Ctx& ctx, const std::string& id,
                         const std::map<std::string, std::string>& values) const {
  return FillIn(ctx.lang, id, values);
}

std::string WebApp::FillIn(Lang lang, const std::string& id,
                           const std::map<std::string, std::string>& values) const {
  std::string text = catalog_->Get(lang, id);
  for (const auto& [key, value] : values) {
    const std::string placeholder = "{" + key + "}";
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

std::string WebApp::RuleText(const Ctx& ctx, const domain::Timescale& timescale, int count,
                             std::optional<Date> start) const {
  std::string id = "rule_" + std::string(domain::Code(timescale.rule));
  if (timescale.count_per_clock && !start) return T(ctx, "rule_set_per_clock");
  if (timescale.rule == domain::CountingRule::kNthDayAfter) {
    id += "_" + std::string(domain::Code(timescale.unit));
  }
  return Fill(ctx, id,
              {{"count", std::to_string(count)},
               {"start", start ? FormatDate(ctx, *start) : T(ctx, "rule_the_start_date")}});
}

mstch::map WebApp::DateInput(Ctx& ctx, const std::string& id, const std::string& label_id,
                             const std::string& hint_id, const mstch::map& errors,
                             const std::string& day, const std::string& month,
                             const std::string& year) {
  mstch::map m{{"id", id},
               {"label", T(ctx, label_id)},
               {"hint", T(ctx, hint_id)},
               {"day", day},
               {"month", month},
               {"year", year},
               {"error", std::string()}};
  if (auto it = errors.find(id); it != errors.end()) m["error"] = it->second;
  return m;
}

void WebApp::InstallCalendarPages(httplib::Server& server) {
  // An import's error as one message on the file field, with the line or year it names.
  auto import_error = [this](const Ctx& ctx, const domain::Error& error) {
    std::string text = T(ctx, error.message);
    for (const auto& [key, value] : error.fields) {
      if (key == "line") {
        text = Fill(ctx, "import_error_line", {{"line", value}}) + " " + text;
      } else if (key != "file") {
        text += " (" + value + ")";
      }
    }
    domain::Error out = error;
    out.fields = {{"file", text}};
    return out;
  };

  // The type of each day as a key, in the order of the key on the page.
  const std::vector<domain::DayType> key_types{
      domain::DayType::kSchoolDay,   domain::DayType::kHalfTerm, domain::DayType::kHoliday,
      domain::DayType::kBankHoliday, domain::DayType::kInset,    domain::DayType::kClosure,
      domain::DayType::kWeekend};

  auto year_nav = [this](Ctx& ctx, mstch::map& c, const std::string& base, int year) {
    c["prev_href"] = YearHref(base, year - 1);
    c["next_href"] = YearHref(base, year + 1);
    c["prev_label"] = domain::AcademicYearLabel(year - 1);
    c["next_label"] = domain::AcademicYearLabel(year + 1);
    c["year"] = std::to_string(year);
    c["year_label"] = domain::AcademicYearLabel(year);
    (void)ctx;
  };

  auto school_calendar = [this, key_types, year_nav](
                             Ctx& ctx, domain::SettingId id, const std::string& year,
                             const domain::Error* error, const app::SettingDayInput* input,
                             int status) {
    auto view = app::ViewSchoolYear(services_, ctx.actor, id, year);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "calendar_title");
    c["title"] = T(ctx, "calendar_title") + " " + domain::AcademicYearLabel(view->academic_year) +
                 " – " + view->setting.name;
    const std::string sid = std::to_string(id.value());
    c["setting_id"] = sid;
    c["setting_name"] = view->setting.name;
    year_nav(ctx, c, "/settings/" + sid + "/calendar", view->academic_year);
    c["has_terms"] = view->term_dates.has_value();
    c["school_days"] = std::to_string(view->school_days);
    c["may_edit"] = view->may_edit;
    if (ctx.Param("added") == "1") c["banner"] = T(ctx, "calendar_day_added");
    if (ctx.Param("removed") == "1") c["banner"] = T(ctx, "calendar_day_removed");
    if (auto n = ctx.Param("imported"); !n.empty()) {
      const std::string years = ctx.Param("terms").empty() ? "0" : ctx.Param("terms");
      c["banner"] = Fill(ctx, "calendar_days_imported", {{"count", n}, {"years", years}});
    }
    if (ctx.Param("terms_removed") == "1") c["banner"] = T(ctx, "calendar_own_terms_removed");
    c["own_terms"] = view->own_terms;
    c["remove_terms_action"] =
        "/settings/" + sid + "/calendar/terms/" + std::to_string(view->academic_year) + "/remove";

    mstch::array key;
    for (auto type : key_types) {
      const std::string code(domain::Code(type));
      key.push_back(mstch::map{{"type", code},
                               {"abbr", T(ctx, "day_abbr_" + code)},
                               {"label", T(ctx, "day_type_" + code)}});
    }
    c["key"] = key;
    mstch::array weekdays;
    for (int d = 1; d <= 7; ++d) {
      weekdays.push_back(mstch::map{{"short", T(ctx, "weekday_short_" + std::to_string(d))},
                                    {"long", T(ctx, "weekday_" + std::to_string(d))}});
    }
    namespace chrono = std::chrono;
    mstch::array month_tables;
    chrono::year_month ym{chrono::year{view->academic_year}, chrono::September};
    for (int m = 0; m < 12; ++m, ym += chrono::months{1}) {
      mstch::array weeks;
      mstch::array week;
      const Date first{ym / chrono::day{1}};
      const unsigned lead = chrono::weekday{chrono::sys_days{first}}.iso_encoding() - 1;
      for (unsigned i = 0; i < lead; ++i) week.push_back(mstch::map{{"blank", true}});
      const unsigned last =
          static_cast<unsigned>(chrono::year_month_day_last{ym / chrono::last}.day());
      for (unsigned d = 1; d <= last; ++d) {
        const Date date{ym / chrono::day{d}};
        const std::string type(domain::Code(view->calendar.TypeOf(date)));
        week.push_back(mstch::map{
            {"blank", false},
            {"number", std::to_string(d)},
            {"iso", domain::FormatIsoDate(date)},
            {"type", type},
            {"abbr", type == "school_day" || type == "weekend" ? std::string()
                                                               : T(ctx, "day_abbr_" + type)},
            {"label", T(ctx, "day_type_" + type)}});
        if (week.size() == 7) {
          weeks.push_back(mstch::map{{"days", week}});
          week.clear();
        }
      }
      if (!week.empty()) {
        while (week.size() < 7) week.push_back(mstch::map{{"blank", true}});
        weeks.push_back(mstch::map{{"days", week}});
      }
      month_tables.push_back(mstch::map{
          {"caption", T(ctx, "month_" + std::to_string(static_cast<unsigned>(ym.month()))) + " " +
                          std::to_string(static_cast<int>(ym.year()))},
          {"weekdays", weekdays},
          {"weeks", weeks}});
    }
    c["months"] = month_tables;

    mstch::array own;
    const std::string csrf = ctx.session ? ctx.session->session.csrf_token : std::string();
    for (const auto& d : view->days) {
      own.push_back(mstch::map{
          {"date", FormatDate(ctx, d.date)},
          {"kind", T(ctx, "day_type_" + std::string(domain::Code(d.kind)))},
          {"label", d.label},
          {"may_edit", view->may_edit},
          {"csrf_token", csrf},
          {"remove_action", "/settings/" + sid + "/calendar/days/" + std::to_string(d.id) +
                                "/remove?year=" + std::to_string(view->academic_year)}});
    }
    c["days"] = own;
    c["has_days"] = !own.empty();
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error, {"day_date", "kind", "label"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    const app::SettingDayInput none;
    const auto& in = input ? *input : none;
    c["date_input"] = DateInput(ctx, "day_date", "field_day_date", "hint_date", errors, in.date.day,
                                in.date.month, in.date.year);
    c["kind_inset"] = in.kind.empty() || in.kind == "inset";
    c["kind_closure"] = in.kind == "closure";
    c["label_value"] = in.label;
    Render(ctx, "school_calendar", c, status);
  };

  Route(server, "GET", "/settings/{id}/calendar", Access::kSignedIn, false,
        [school_calendar](Ctx& ctx) {
          school_calendar(ctx, domain::SettingId{ctx.PathId(1)}, Year(ctx), nullptr, nullptr, 200);
        });

  Route(
      server, "POST", "/settings/{id}/calendar/days", Access::kSignedIn, false,
      [this, school_calendar](Ctx& ctx) {
        const domain::SettingId id{ctx.PathId(1)};
        app::SettingDayInput in;
        in.date = {ctx.Param("day_date-day"), ctx.Param("day_date-month"),
                   ctx.Param("day_date-year")};
        in.kind = ctx.Param("kind");
        in.label = ctx.Param("label");
        auto added = app::AddSettingDay(services_, ctx.actor, id, in);
        if (!added) {
          const auto code = added.error().code;
          if (code == domain::ErrorCode::kInvalidArgument || code == domain::ErrorCode::kConflict) {
            domain::Error error = added.error();
            if (code == domain::ErrorCode::kConflict) error.fields = {{"day_date", error.message}};
            return school_calendar(ctx, id, Year(ctx), &error, &in, 422);
          }
          return Fail(ctx, added.error());
        }
        auto date = domain::DateFromParts(in.date.day, in.date.month, in.date.year);
        Redirect(ctx, "/settings/" + std::to_string(id.value()) + "/calendar?year=" +
                          std::to_string(domain::AcademicYearOf(*date)) + "&added=1");
      });

  Route(server, "POST", "/settings/{id}/calendar/days/{day}/remove", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          const domain::SettingId id{ctx.PathId(1)};
          auto s = app::RemoveSettingDay(services_, ctx.actor, id, ctx.PathId(2));
          if (!s) return Fail(ctx, s.error());
          std::string year = Year(ctx);
          Redirect(ctx, "/settings/" + std::to_string(id.value()) + "/calendar?" +
                            (year.empty() ? "" : "year=" + year + "&") + "removed=1");
        });

  Route(server, "POST", "/settings/{id}/calendar/terms/{year}/remove", Access::kSignedIn, false,
        [this](Ctx& ctx) {
          const domain::SettingId id{ctx.PathId(1)};
          const long long year = ctx.PathId(2);
          if (year < 2000 || year > 2100) return ErrorPage(ctx, 404, "term_error_year_missing");
          auto s = app::RemoveSettingTermDates(services_, ctx.actor, id, static_cast<int>(year));
          if (!s) return Fail(ctx, s.error());
          Redirect(ctx, "/settings/" + std::to_string(id.value()) +
                            "/calendar?year=" + std::to_string(year) + "&terms_removed=1");
        });

  Route(server, "POST", "/settings/{id}/calendar/import", Access::kSignedIn, false,
        [this, school_calendar, import_error](Ctx& ctx) {
          const domain::SettingId id{ctx.PathId(1)};
          if (auto ok = app::CheckSettingCalendarAccess(services_, ctx.actor, id,
                                                        domain::CalendarAction::kEdit);
              !ok)
            return Fail(ctx, ok.error());
          auto entries = ParseUpload(UploadedFile(ctx), domain::CalendarEntryKind::kInset);
          auto added = entries ? app::ImportSettingCalendar(services_, ctx.actor, id, *entries)
                               : domain::Result<app::SettingImport>(entries.error());
          if (!added) {
            if (added.error().code != domain::ErrorCode::kInvalidArgument)
              return Fail(ctx, added.error());
            domain::Error error = import_error(ctx, added.error());
            return school_calendar(ctx, id, "", &error, nullptr, 422);
          }
          std::string to = "/settings/" + std::to_string(id.value()) +
                           "/calendar?imported=" + std::to_string(added->days_added) +
                           "&terms=" + std::to_string(added->term_years.size());
          if (!added->term_years.empty())
            to += "&year=" + std::to_string(added->term_years.front());
          Redirect(ctx, to);
        });

  auto export_entries = [this](Ctx& ctx,
                               const domain::Result<std::vector<domain::CalendarEntry>>& rows,
                               const std::string& name, bool ics) {
    if (!rows) return Fail(ctx, rows.error());
    ctx.res.set_header("Content-Disposition",
                       "attachment; filename=\"" + name + (ics ? ".ics\"" : ".csv\""));
    if (ics) {
      ctx.res.set_content(interchange::FormatCalendarIcs(*rows, name),
                          "text/calendar; charset=utf-8");
    } else {
      ctx.res.set_content(interchange::FormatCalendarCsv(*rows), "text/csv; charset=utf-8");
    }
  };

  for (const bool ics : {true, false}) {
    const std::string ext = ics ? ".ics" : ".csv";
    Route(server, "GET", "/settings/{id}/calendar" + ext, Access::kSignedIn, false,
          [this, export_entries, ics](Ctx& ctx) {
            const domain::SettingId id{ctx.PathId(1)};
            auto rows = app::SchoolYearEntries(services_, ctx.actor, id, Year(ctx));
            export_entries(ctx, rows,
                           "school-" + std::to_string(id.value()) + "-" +
                               (Year(ctx).empty() ? "calendar" : Year(ctx)),
                           ics);
          });
    Route(server, "GET", "/term-dates" + ext, Access::kSignedIn, false,
          [this, export_entries, ics](Ctx& ctx) {
            auto rows = app::TermDateEntries(services_, ctx.actor, Year(ctx));
            export_entries(ctx, rows, "term-dates-" + (Year(ctx).empty() ? "current" : Year(ctx)),
                           ics);
          });
  }

  auto term_dates = [this, year_nav](Ctx& ctx, const std::string& year, const domain::Error* error,
                                     const app::TermDatesInput* input, int status) {
    auto view = app::ViewTermDates(services_, ctx.actor, year);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "term_dates_title");
    c["title"] = T(ctx, "term_dates_title") + " " + domain::AcademicYearLabel(view->academic_year);
    c["la_name"] =
        ctx.lang == Lang::kCy ? view->local_authority.name_cy : view->local_authority.name_en;
    year_nav(ctx, c, "/term-dates", view->academic_year);
    c["may_edit"] = view->may_edit;
    if (ctx.Param("saved") == "1") c["banner"] = T(ctx, "term_dates_saved");
    if (ctx.Param("imported") == "1") c["banner"] = T(ctx, "term_dates_imported");
    mstch::array terms;
    if (view->term_dates) {
      for (const auto& t : view->term_dates->terms) {
        terms.push_back(mstch::map{{"name", T(ctx, "term_" + std::string(domain::Code(t.name)))},
                                   {"start", FormatDate(ctx, t.start)},
                                   {"end", FormatDate(ctx, t.end)},
                                   {"half_term", t.half_term_start && t.half_term_end
                                                     ? FormatDate(ctx, *t.half_term_start) + " – " +
                                                           FormatDate(ctx, *t.half_term_end)
                                                     : T(ctx, "none")}});
      }
    }
    c["terms"] = terms;
    c["has_terms"] = !terms.empty();
    mstch::map errors;
    if (error) {
      std::vector<std::string> order;
      for (auto name : domain::AllTermNames()) {
        const std::string code(domain::Code(name));
        for (const char* part : {"_start", "_end", "_half_term_start", "_half_term_end"})
          order.push_back(code + part);
      }
      AddErrors(ctx, c, *error, order);
      errors = boost::get<mstch::map>(c["errors"]);
    }
    // The form shows what was typed, else the stored dates.
    mstch::array forms;
    for (int i = 0; i < 3; ++i) {
      const auto name = domain::AllTermNames()[static_cast<std::size_t>(i)];
      const std::string code(domain::Code(name));
      app::TermInput shown;
      if (input) {
        shown = input->terms[i];
      } else if (view->term_dates) {
        for (const auto& t : view->term_dates->terms) {
          if (t.name != name) continue;
          auto parts = [](Date d) {
            return app::DateParts{std::to_string(static_cast<unsigned>(d.day())),
                                  std::to_string(static_cast<unsigned>(d.month())),
                                  std::to_string(static_cast<int>(d.year()))};
          };
          shown.start = parts(t.start);
          shown.end = parts(t.end);
          if (t.half_term_start) shown.half_term_start = parts(*t.half_term_start);
          if (t.half_term_end) shown.half_term_end = parts(*t.half_term_end);
        }
      }
      auto input_for = [&](const char* suffix, const char* label, const app::DateParts& p) {
        return DateInput(ctx, code + suffix, label, "hint_date", errors, p.day, p.month, p.year);
      };
      forms.push_back(mstch::map{
          {"name", T(ctx, "term_" + code)},
          {"start", input_for("_start", "field_term_start", shown.start)},
          {"end", input_for("_end", "field_term_end", shown.end)},
          {"half_start",
           input_for("_half_term_start", "field_half_term_start", shown.half_term_start)},
          {"half_end", input_for("_half_term_end", "field_half_term_end", shown.half_term_end)}});
    }
    c["term_forms"] = forms;
    Render(ctx, "term_dates", c, status);
  };

  Route(server, "GET", "/term-dates", Access::kSignedIn, false,
        [term_dates](Ctx& ctx) { term_dates(ctx, Year(ctx), nullptr, nullptr, 200); });

  Route(server, "POST", "/term-dates", Access::kSignedIn, false, [this, term_dates](Ctx& ctx) {
    app::TermDatesInput in;
    in.academic_year = Year(ctx);
    for (int i = 0; i < 3; ++i) {
      const std::string code(domain::Code(domain::AllTermNames()[static_cast<std::size_t>(i)]));
      auto parts = [&](const std::string& field) {
        return app::DateParts{ctx.Param(field + "-day"), ctx.Param(field + "-month"),
                              ctx.Param(field + "-year")};
      };
      in.terms[i] = {parts(code + "_start"), parts(code + "_end"), parts(code + "_half_term_start"),
                     parts(code + "_half_term_end")};
    }
    auto s = app::SaveTermDates(services_, ctx.actor, in);
    if (!s) {
      if (s.error().code == domain::ErrorCode::kInvalidArgument)
        return term_dates(ctx, in.academic_year, &s.error(), &in, 422);
      return Fail(ctx, s.error());
    }
    Redirect(ctx, "/term-dates?year=" + in.academic_year + "&saved=1");
  });

  Route(server, "POST", "/term-dates/import", Access::kSignedIn, false,
        [this, term_dates, import_error](Ctx& ctx) {
          if (!domain::MayAccessTermDates(ctx.actor.user, domain::CalendarAction::kEdit,
                                          ctx.actor.user.local_authority))
            return ErrorPage(ctx, 403, "forbidden");
          auto entries = ParseUpload(UploadedFile(ctx), domain::CalendarEntryKind::kTerm);
          auto saved = entries ? app::ImportTermDates(services_, ctx.actor, *entries)
                               : domain::Result<std::vector<int>>(entries.error());
          if (!saved) {
            if (saved.error().code != domain::ErrorCode::kInvalidArgument)
              return Fail(ctx, saved.error());
            domain::Error error = import_error(ctx, saved.error());
            return term_dates(ctx, "", &error, nullptr, 422);
          }
          Redirect(ctx, "/term-dates?year=" + std::to_string(saved->front()) + "&imported=1");
        });

  auto bank_holidays = [this](Ctx& ctx, const domain::Error* error, int status) {
    auto view = app::ViewBankHolidays(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "bank_holidays_title");
    c["may_edit"] = view->may_edit;
    if (auto n = ctx.Param("imported"); !n.empty())
      c["banner"] = Fill(ctx, "bank_holidays_imported_banner", {{"count", n}});
    std::map<int, mstch::array> by_year;
    for (Date d : view->dates) by_year[static_cast<int>(d.year())].push_back(FormatDate(ctx, d));
    mstch::array years;
    for (auto it = by_year.rbegin(); it != by_year.rend(); ++it) {
      const bool imported = std::find(view->imported_years.begin(), view->imported_years.end(),
                                      it->first) != view->imported_years.end();
      years.push_back(mstch::map{
          {"year", std::to_string(it->first)}, {"imported", imported}, {"dates", it->second}});
    }
    c["years"] = years;
    if (error) AddErrors(ctx, c, *error, {"file"});
    Render(ctx, "bank_holidays", c, status);
  };

  Route(server, "GET", "/bank-holidays", Access::kSignedIn, false,
        [bank_holidays](Ctx& ctx) { bank_holidays(ctx, nullptr, 200); });

  Route(server, "POST", "/bank-holidays/import", Access::kSignedIn, false,
        [this, bank_holidays, import_error](Ctx& ctx) {
          if (!domain::MayAccessTermDates(ctx.actor.user, domain::CalendarAction::kEdit,
                                          ctx.actor.user.local_authority))
            return ErrorPage(ctx, 403, "forbidden");
          std::string text = UploadedFile(ctx);
          domain::Result<std::vector<Date>> dates =
              text.empty() ? domain::Result<std::vector<Date>>(
                                 domain::Error::InvalidArgument("import_error_no_file"))
              : text.size() > kMaxImportBytes
                  ? domain::Result<std::vector<Date>>(
                        domain::Error::InvalidArgument("import_error_too_big"))
                  : interchange::ParseBankHolidayFile(text);
          domain::Result<int> count = dates ? app::ImportBankHolidays(services_, ctx.actor, *dates)
                                            : domain::Result<int>(dates.error());
          if (!count) {
            if (count.error().code != domain::ErrorCode::kInvalidArgument)
              return Fail(ctx, count.error());
            domain::Error error = import_error(ctx, count.error());
            bank_holidays(ctx, &error, 422);
            return;
          }
          Redirect(ctx, "/bank-holidays?imported=" + std::to_string(*count));
        });

  auto timescales = [this](Ctx& ctx, const domain::Error* error, const std::string* referral,
                           const std::string* minutes, int status) {
    auto view = app::ViewTimescales(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "timescales_title");
    c["may_edit"] = view->may_edit;
    if (ctx.Param("saved") == "1") c["banner"] = T(ctx, "timescales_saved");
    c["may_see_decision_settings"] =
        domain::MayActForLa(ctx.actor.user, ctx.actor.user.local_authority);
    mstch::array rows;
    for (const auto& t : domain::TimescaleCatalogue()) {
      const int count = domain::CountFor(t, view->local);
      rows.push_back(
          mstch::map{{"code", std::string(t.code)},
                     {"name", T(ctx, t.MessageStem() + "_name")},
                     {"rule", RuleText(ctx, t, count, std::nullopt)},
                     {"source", std::string(t.source)},
                     {"kind", T(ctx, t.statutory ? "timescale_statutory" : "timescale_local")}});
    }
    c["timescales"] = rows;
    c["referral"] = referral ? *referral : std::to_string(view->local.school_referral_school_days);
    c["minutes"] = minutes ? *minutes : std::to_string(view->local.panel_minutes_working_days);
    if (error)
      AddErrors(ctx, c, *error, {"school_referral_school_days", "panel_minutes_working_days"});
    Render(ctx, "timescales", c, status);
  };

  Route(server, "GET", "/timescales", Access::kSignedIn, false,
        [timescales](Ctx& ctx) { timescales(ctx, nullptr, nullptr, nullptr, 200); });

  Route(server, "POST", "/timescales", Access::kSignedIn, false, [this, timescales](Ctx& ctx) {
    const std::string referral = ctx.Param("school_referral_school_days");
    const std::string minutes = ctx.Param("panel_minutes_working_days");
    auto s = app::SaveLocalTimescales(services_, ctx.actor, referral, minutes);
    if (!s) {
      if (s.error().code == domain::ErrorCode::kInvalidArgument)
        return timescales(ctx, &s.error(), &referral, &minutes, 422);
      return Fail(ctx, s.error());
    }
    Redirect(ctx, "/timescales?saved=1");
  });
}

}  // namespace cynnal::http
