#include "interchange/calendar_files.h"

#include <libical/ical.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

namespace cynnal::interchange {
namespace {

using domain::CalendarEntry;
using domain::CalendarEntryKind;
using domain::Date;
using domain::Error;
using domain::Result;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr int kSecondsPerDay = 86400;
// The years domain::ParseIsoDate accepts; iCalendar dates outside them are refused the same way.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;
// The longest offending text copied into an error field.
constexpr std::size_t kMaxFieldText = 40;

Error LineError(std::string message, int line) {
  return Error::InvalidArgument(std::move(message), {{"line", std::to_string(line)}});
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsSpace(char c) { return IsBlank(c) || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view StripBom(std::string_view text) {
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  return text;
}

bool ContainsIgnoringCase(std::string_view text, std::string_view needle) {
  return AsciiLower(text).find(AsciiLower(needle)) != std::string::npos;
}

// At most kMaxFieldText bytes of `text`, cut on a UTF-8 character boundary.
std::string Clip(std::string_view text) {
  if (text.size() <= kMaxFieldText) return std::string(text);
  std::size_t size = kMaxFieldText;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) --size;
  return std::string(text.substr(0, size));
}

// Every day of the given inclusive ranges, sorted and without repeats. Overlapping ranges are
// merged first, so the work is proportional to the number of distinct days.
std::vector<Date> DaysOf(std::vector<std::pair<Date, Date>> ranges) {
  using std::chrono::sys_days;
  std::sort(ranges.begin(), ranges.end(),
            [](const auto& a, const auto& b) { return sys_days{a.first} < sys_days{b.first}; });
  std::vector<Date> days;
  bool have_last = false;
  sys_days last{};
  for (const auto& [start, end] : ranges) {
    sys_days day{start};
    if (have_last && day <= last) day = last + std::chrono::days{1};
    for (; day <= sys_days{end}; day += std::chrono::days{1}) {
      days.emplace_back(day);
      last = day;
      have_last = true;
    }
  }
  return days;
}

// Reads RFC 4180 records one at a time, counting physical lines. Fields are trimmed of spaces
// and tabs outside quotes; a line holding nothing but blanks is skipped.
class CsvReader {
 public:
  enum class Status { kRecord, kEnd, kBadQuoting };

  explicit CsvReader(std::string_view text) : text_(StripBom(text)) {}

  // Reads the next non-blank record into `fields`. kBadQuoting: a quote is never closed, or
  // something other than a comma or the line end follows a closing quote.
  Status Next(std::vector<std::string>& fields) {
    while (pos_ < text_.size()) {
      record_line_ = line_;
      fields.clear();
      bool quoted = false;
      while (true) {
        while (pos_ < text_.size() && IsBlank(text_[pos_])) ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '"') {
          quoted = true;
          std::string value;
          if (!ReadQuoted(value)) return Status::kBadQuoting;
          fields.push_back(std::move(value));
          while (pos_ < text_.size() && IsBlank(text_[pos_])) ++pos_;
          if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
            continue;
          }
          if (!AtLineEnd()) return Status::kBadQuoting;
        } else {
          const std::size_t begin = pos_;
          while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) ++pos_;
          fields.emplace_back(TrimBlanks(text_.substr(begin, pos_ - begin)));
          if (pos_ < text_.size() && text_[pos_] == ',') {
            ++pos_;
            continue;
          }
        }
        SkipLineEnd();
        break;
      }
      if (!quoted && fields.size() == 1 && fields[0].empty()) continue;  // a blank line
      return Status::kRecord;
    }
    return Status::kEnd;
  }

  // The physical line (1-based) on which the last record began.
  int record_line() const { return record_line_; }

 private:
  bool AtLineEnd() const {
    return pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r';
  }

  void SkipLineEnd() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
  }

  // At an opening quote: reads up to and past the closing quote. False if there is none.
  bool ReadQuoted(std::string& value) {
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          value += '"';
          ++pos_;
          continue;
        }
        return true;
      }
      if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
      value += c;
    }
    return false;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int record_line_ = 1;
};

bool IsHeader(const std::vector<std::string>& fields) {
  static constexpr std::string_view kNames[] = {"kind", "start", "end", "label"};
  if (fields.size() != std::size(kNames)) return false;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (AsciiLower(TrimBlanks(fields[i])) != kNames[i]) return false;
  }
  return true;
}

bool LabelNeedsQuotes(std::string_view label) {
  if (label.find_first_of(",\"\n\r") != std::string_view::npos) return true;
  return !label.empty() && (IsBlank(label.front()) || IsBlank(label.back()));
}

void AppendCsvLabel(std::string& out, std::string_view label) {
  if (!LabelNeedsQuotes(label)) {
    out += label;
    return;
  }
  out += '"';
  for (char c : label) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

struct IcalComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using IcalComponentPtr = std::unique_ptr<icalcomponent, IcalComponentFree>;

struct IcalBufferFree {
  void operator()(char* buffer) const { icalmemory_free_buffer(buffer); }
};

// libical may be built to abort on its own errors; bad input must come back as an Error instead.
// The flag is process-wide, so it is set once (thread-safe static initialisation).
void UseNonFatalIcalErrors() {
  [[maybe_unused]] static const bool non_fatal = [] {
    icalerror_set_errors_are_fatal(0);
    return true;
  }();
}

icaltimetype IcalDate(Date date) {
  icaltimetype time = icaltime_null_date();
  time.year = static_cast<int>(date.year());
  time.month = static_cast<int>(static_cast<unsigned>(date.month()));
  time.day = static_cast<int>(static_cast<unsigned>(date.day()));
  return time;
}

std::optional<Date> DateOf(const icaltimetype& time) {
  if (time.year < kFirstYear || time.year > kLastYear || time.month < 1 || time.month > 12 ||
      time.day < 1 || time.day > 31) {
    return std::nullopt;
  }
  const Date date{std::chrono::year{time.year},
                  std::chrono::month{static_cast<unsigned>(time.month)},
                  std::chrono::day{static_cast<unsigned>(time.day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::int64_t SecondOfDay(const icaltimetype& time) {
  if (time.is_date) return 0;
  return std::int64_t{time.hour} * 3600 + std::int64_t{time.minute} * 60 + time.second;
}

// `start` plus `days`, if that is still within the years dates may have.
std::optional<Date> AddDaysWithin(Date start, std::int64_t days) {
  if (days < 0 || days > std::int64_t{kLastYear - kFirstYear + 1} * 366) return std::nullopt;
  const Date end = domain::AddDays(start, static_cast<int>(days));
  if (static_cast<int>(end.year()) > kLastYear) return std::nullopt;
  return end;
}

// What a line scan of an iCalendar text tells before libical reads it.
struct IcsOutline {
  // The physical line (1-based) of each BEGIN:VEVENT directly inside a top-level VCALENDAR, in
  // order: the events libical returns from the same text, so that errors can name a line.
  std::vector<int> event_lines;
  // An END line with nothing open. libical would warn on stderr and read on; it is refused
  // before that, as it never occurs in a whole file.
  bool stray_end = false;
};

// Follows BEGIN and END lines as libical does: any END closes the innermost open component.
IcsOutline OutlineOf(std::string_view text) {
  IcsOutline outline;
  std::vector<std::string> open;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (line.empty() || IsBlank(line.front())) continue;  // a folded continuation
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    const std::string lower = AsciiLower(line);
    if (lower.rfind("begin:", 0) == 0) {
      std::string name = lower.substr(6);
      if (name == "vevent" && open.size() == 1 && open.front() == "vcalendar") {
        outline.event_lines.push_back(line_number);
      }
      open.push_back(std::move(name));
    } else if (lower.rfind("end:", 0) == 0) {
      if (open.empty()) {
        outline.stray_end = true;
        break;
      }
      open.pop_back();
    }
  }
  return outline;
}

CalendarEntryKind KindOf(icalcomponent* event, CalendarEntryKind default_kind) {
  for (icalproperty* property = icalcomponent_get_first_property(event, ICAL_CATEGORIES_PROPERTY);
       property != nullptr;
       property = icalcomponent_get_next_property(event, ICAL_CATEGORIES_PROPERTY)) {
    const char* value = icalproperty_get_categories(property);
    if (value == nullptr) continue;
    std::string_view rest = value;
    while (true) {
      const std::size_t comma = rest.find(',');
      const auto kind =
          domain::CalendarEntryKindFromCode(AsciiLower(TrimBlanks(rest.substr(0, comma))));
      if (kind) return *kind;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return default_kind;
}

// One VEVENT as an entry; errors carry no line (the caller adds it).
Result<CalendarEntry> EntryOf(icalcomponent* event, CalendarEntryKind default_kind) {
  icalproperty* start_property = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
  if (start_property == nullptr) return Error::InvalidArgument("ics_error_no_start");
  const icaltimetype start_time = icalproperty_get_dtstart(start_property);
  if (icaltime_is_null_time(start_time)) return Error::InvalidArgument("ics_error_no_start");
  const auto start = DateOf(start_time);
  if (!start) return Error::InvalidArgument("ics_error_date");

  Date end = *start;
  icalproperty* end_property = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY);
  icalproperty* duration_property = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY);
  if (end_property != nullptr) {
    const icaltimetype end_time = icalproperty_get_dtend(end_property);
    const auto end_date = DateOf(end_time);
    if (!end_date) return Error::InvalidArgument("ics_error_date");
    const int days = domain::DaysBetween(*start, *end_date);
    if (days < 0) return Error::InvalidArgument("ics_error_end_before_start");
    // RFC 5545 3.6.1: DTEND is exclusive, so a DATE end (or a midnight one) is the day after.
    const bool exclusive = end_time.is_date || SecondOfDay(end_time) == 0;
    end = (exclusive && days > 0) ? domain::AddDays(*end_date, -1) : *end_date;
  } else if (duration_property != nullptr) {
    const icaldurationtype duration = icalproperty_get_duration(duration_property);
    std::int64_t seconds = std::int64_t{duration.weeks} * 7 * kSecondsPerDay +
                           std::int64_t{duration.days} * kSecondsPerDay +
                           std::int64_t{duration.hours} * 3600 +
                           std::int64_t{duration.minutes} * 60 + std::int64_t{duration.seconds};
    if (duration.is_neg || icaldurationtype_is_bad_duration(duration)) seconds = 0;
    if (seconds > 0) {
      const std::int64_t until = SecondOfDay(start_time) + seconds;  // from start's midnight
      std::int64_t days = until / kSecondsPerDay;
      if (until % kSecondsPerDay == 0) --days;  // ends at midnight: that day is not included
      const auto last = AddDaysWithin(*start, days);
      if (!last) return Error::InvalidArgument("ics_error_date");
      end = *last;
    }
  }

  std::string label;
  if (icalproperty* summary = icalcomponent_get_first_property(event, ICAL_SUMMARY_PROPERTY)) {
    // libical drops trailing blanks; leading ones go too, so that a label reads the same.
    if (const char* text = icalproperty_get_summary(summary)) label = TrimBlanks(text);
  }
  return CalendarEntry{KindOf(event, default_kind), *start, end, std::move(label)};
}

}  // namespace

Result<std::vector<CalendarEntry>> ParseCalendarCsv(std::string_view text) {
  CsvReader reader(text);
  std::vector<std::string> fields;
  switch (reader.Next(fields)) {
    case CsvReader::Status::kEnd:
      return Error::InvalidArgument("csv_error_empty");
    case CsvReader::Status::kBadQuoting:
      return LineError("csv_error_header", reader.record_line());
    case CsvReader::Status::kRecord:
      if (!IsHeader(fields)) return LineError("csv_error_header", reader.record_line());
      break;
  }

  std::vector<CalendarEntry> entries;
  while (true) {
    const CsvReader::Status status = reader.Next(fields);
    if (status == CsvReader::Status::kEnd) break;
    const int line = reader.record_line();
    if (status == CsvReader::Status::kBadQuoting || fields.size() != 4) {
      return LineError("csv_error_columns", line);
    }
    const auto kind = domain::CalendarEntryKindFromCode(AsciiLower(TrimBlanks(fields[0])));
    if (!kind) return LineError("csv_error_kind", line);
    const auto start = domain::ParseIsoDate(TrimBlanks(fields[1]));
    const auto end = domain::ParseIsoDate(TrimBlanks(fields[2]));
    if (!start || !end) return LineError("csv_error_date", line);
    if (domain::DaysBetween(*start, *end) < 0) {
      return LineError("csv_error_end_before_start", line);
    }
    entries.push_back({*kind, *start, *end, std::move(fields[3])});
  }
  return entries;
}

std::string FormatCalendarCsv(const std::vector<CalendarEntry>& entries) {
  std::string out = "kind,start,end,label\n";
  for (const CalendarEntry& entry : entries) {
    out += domain::Code(entry.kind);
    out += ',';
    out += domain::FormatIsoDate(entry.start);
    out += ',';
    out += domain::FormatIsoDate(entry.end);
    out += ',';
    AppendCsvLabel(out, entry.label);
    out += '\n';
  }
  return out;
}

Result<std::vector<CalendarEntry>> ParseCalendarIcs(std::string_view text,
                                                    CalendarEntryKind default_kind) {
  UseNonFatalIcalErrors();
  text = StripBom(text);
  // libical reads a C string: a NUL byte would silently cut the file short.
  if (text.find('\0') != std::string_view::npos)
    return Error::InvalidArgument("ics_error_malformed");
  const IcsOutline outline = OutlineOf(text);
  if (outline.stray_end) return Error::InvalidArgument("ics_error_malformed");
  const std::string copy(text);
  const IcalComponentPtr root(icalparser_parse_string(copy.c_str()));
  if (root == nullptr) return Error::InvalidArgument("ics_error_malformed");

  // Several top-level calendars come back wrapped in an XROOT.
  std::vector<icalcomponent*> calendars;
  const icalcomponent_kind root_kind = icalcomponent_isa(root.get());
  if (root_kind == ICAL_VCALENDAR_COMPONENT) {
    calendars.push_back(root.get());
  } else if (root_kind == ICAL_XROOT_COMPONENT) {
    for (icalcomponent* child =
             icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT);
         child != nullptr;
         child = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT)) {
      calendars.push_back(child);
    }
  }
  if (calendars.empty()) return Error::InvalidArgument("ics_error_malformed");

  std::vector<icalcomponent*> events;
  for (icalcomponent* calendar : calendars) {
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
         event != nullptr;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
      events.push_back(event);
    }
  }
  if (events.empty()) return Error::InvalidArgument("ics_error_no_events");

  const std::vector<int>& lines = outline.event_lines;
  std::vector<CalendarEntry> entries;
  entries.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto entry = EntryOf(events[i], default_kind);
    if (!entry) {
      Error error = entry.error();
      if (lines.size() == events.size()) error.fields["line"] = std::to_string(lines[i]);
      return error;
    }
    entries.push_back(std::move(entry).value());
  }
  return entries;
}

std::string FormatCalendarIcs(const std::vector<CalendarEntry>& entries,
                              std::string_view calendar_name) {
  UseNonFatalIcalErrors();
  const IcalComponentPtr calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Cynnal//Calendar//EN"));
  if (!calendar_name.empty()) {
    const std::string name(calendar_name);
    icalproperty* property = icalproperty_new_x(name.c_str());
    icalproperty_set_x_name(property, "X-WR-CALNAME");
    icalcomponent_add_property(calendar.get(), property);
  }
  // A fixed DTSTAMP keeps the output a pure function of the entries.
  const icaltimetype stamp = icaltime_from_string("19700101T000000Z");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const CalendarEntry& entry = entries[i];
    const std::string code(domain::Code(entry.kind));
    const std::string uid =
        code + "-" + domain::FormatIsoDate(entry.start) + "-" + std::to_string(i + 1) + "@cynnal";
    const Date last = domain::DaysBetween(entry.start, entry.end) < 0 ? entry.start : entry.end;
    icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(event, icalproperty_new_dtstart(IcalDate(entry.start)));
    icalcomponent_add_property(event, icalproperty_new_dtend(IcalDate(domain::AddDays(last, 1))));
    // libical cannot read back an empty SUMMARY, so an empty label is left out.
    if (!entry.label.empty()) {
      icalcomponent_add_property(event, icalproperty_new_summary(entry.label.c_str()));
    }
    icalcomponent_add_property(event, icalproperty_new_categories(code.c_str()));
    icalcomponent_add_component(calendar.get(), event);  // the calendar owns the event
  }
  const std::unique_ptr<char, IcalBufferFree> text(icalcomponent_as_ical_string_r(calendar.get()));
  return text ? std::string(text.get()) : std::string();
}

Result<std::vector<Date>> ParseGovUkBankHolidays(std::string_view json) {
  const Error shape = Error::InvalidArgument("bank_holidays_error_json");
  try {
    const nlohmann::json document =
        nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded() || !document.is_object()) return shape;
    const auto division = document.find("england-and-wales");
    if (division == document.end() || !division->is_object()) return shape;
    const auto events = division->find("events");
    if (events == division->end() || !events->is_array()) return shape;

    std::vector<Date> dates;
    for (const nlohmann::json& event : *events) {
      if (!event.is_object()) return shape;
      const auto date = event.find("date");
      if (date == event.end()) return shape;
      const std::string text = date->is_string() ? date->get<std::string>() : date->dump();
      const auto parsed = date->is_string() ? domain::ParseIsoDate(text) : std::nullopt;
      if (!parsed) {
        return Error::InvalidArgument("bank_holidays_error_date", {{"date", Clip(text)}});
      }
      dates.push_back(*parsed);
    }
    if (dates.empty()) return Error::InvalidArgument("bank_holidays_error_empty");
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
  } catch (const nlohmann::json::exception&) {
    return shape;
  }
}

Result<std::vector<Date>> ParseBankHolidayFile(std::string_view text) {
  std::string_view body = StripBom(text);
  while (!body.empty() && IsSpace(body.front())) body.remove_prefix(1);
  if (!body.empty() && body.front() == '{') return ParseGovUkBankHolidays(text);

  Result<std::vector<CalendarEntry>> entries =
      ContainsIgnoringCase(text, "BEGIN:VCALENDAR")
          ? ParseCalendarIcs(text, CalendarEntryKind::kBankHoliday)
          : ParseCalendarCsv(text);
  if (!entries) return entries.error();
  std::vector<std::pair<Date, Date>> ranges;
  for (const CalendarEntry& entry : *entries) {
    if (entry.kind == CalendarEntryKind::kBankHoliday) ranges.emplace_back(entry.start, entry.end);
  }
  std::vector<Date> days = DaysOf(std::move(ranges));
  if (days.empty()) return Error::InvalidArgument("bank_holidays_error_empty");
  return days;
}

}  // namespace cynnal::interchange
