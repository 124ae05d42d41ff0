#include "interchange/calendar_files.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace cynnal::interchange {
namespace {

using domain::CalendarEntry;
using domain::CalendarEntryKind;
using domain::Date;

Date Iso(const std::string& text) { return *domain::ParseIsoDate(text); }

std::vector<std::string> IsoAll(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  out.reserve(dates.size());
  for (const Date& date : dates) out.push_back(domain::FormatIsoDate(date));
  return out;
}

// An entry as text, so that a failed comparison shows what differs.
std::string Describe(const CalendarEntry& entry) {
  std::string label;
  for (char c : entry.label) {
    if (c == '\n') {
      label += "\\n";
    } else if (c == '\r') {
      label += "\\r";
    } else if (c == '\t') {
      label += "\\t";
    } else {
      label += c;
    }
  }
  return std::string(domain::Code(entry.kind)) + " " + domain::FormatIsoDate(entry.start) + ".." +
         domain::FormatIsoDate(entry.end) + " [" + label + "]";
}

void ExpectEntries(const std::vector<CalendarEntry>& actual,
                   const std::vector<CalendarEntry>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    EXPECT_EQ(Describe(actual[i]), Describe(expected[i])) << "entry " << i;
    EXPECT_EQ(actual[i], expected[i]) << "entry " << i;
  }
}

// Every message id the parsers may answer with: garbage must end in one of these.
constexpr std::string_view kKnownMessages[] = {
    "csv_error_empty",
    "csv_error_header",
    "csv_error_columns",
    "csv_error_kind",
    "csv_error_date",
    "csv_error_end_before_start",
    "ics_error_malformed",
    "ics_error_no_events",
    "ics_error_no_start",
    "ics_error_date",
    "ics_error_end_before_start",
    "bank_holidays_error_json",
    "bank_holidays_error_date",
    "bank_holidays_error_empty",
};

template <typename T>
void ExpectFailure(const domain::Result<T>& result, const std::string& message,
                   const std::string& line) {
  ASSERT_FALSE(result.has_value()) << "expected " << message;
  EXPECT_EQ(result.error().code, domain::ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message, message);
  if (line.empty()) {
    EXPECT_EQ(result.error().fields.count("line"), 0u);
  } else {
    ASSERT_EQ(result.error().fields.count("line"), 1u);
    EXPECT_EQ(result.error().fields.at("line"), line);
  }
}

template <typename T>
void ExpectValueOrKnownError(const domain::Result<T>& result) {
  if (result.has_value()) return;
  EXPECT_EQ(result.error().code, domain::ErrorCode::kInvalidArgument);
  EXPECT_NE(std::find(std::begin(kKnownMessages), std::end(kKnownMessages), result.error().message),
            std::end(kKnownMessages))
      << result.error().message;
}

// A deterministic stream of pseudo-random numbers (a 64-bit LCG), so failures can be replayed.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  std::uint32_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33);
  }

 private:
  std::uint64_t state_;
};

// Labels built from the characters that make quoting and escaping hard.
std::string TrickyLabel(Lcg& random) {
  static constexpr std::string_view kPieces[] = {"a",  "Z", " ", ",", "\"", "\n", ";",  ":",
                                                 "\\", "ŵ", "ŷ", "â", "Ll", "'",  "\t", "x"};
  std::string label;
  const std::uint32_t size = random.Next() % 12;
  for (std::uint32_t i = 0; i < size; ++i) label += kPieces[random.Next() % std::size(kPieces)];
  return label;
}

std::vector<CalendarEntry> Sample() {
  return {
      {CalendarEntryKind::kTerm, Iso("2025-09-01"), Iso("2025-12-19"), "autumn"},
      {CalendarEntryKind::kHalfTerm, Iso("2025-10-27"), Iso("2025-10-31"), "Hanner tymor"},
      {CalendarEntryKind::kInset, Iso("2025-09-01"), Iso("2025-09-01"), "INSET: training, day 1"},
      {CalendarEntryKind::kClosure, Iso("2026-02-03"), Iso("2026-02-03"),
       "Ysgol ar gau \"eira\" (snow)"},
      {CalendarEntryKind::kBankHoliday, Iso("2025-12-25"), Iso("2025-12-25"), "Dydd Nadolig"},
      {CalendarEntryKind::kBankHoliday, Iso("2025-12-26"), Iso("2025-12-26"), ""},
      {CalendarEntryKind::kClosure, Iso("2026-03-02"), Iso("2026-03-02"),
       "Gŵyl Ddewi, a chôr y plant; dŷ'r ŵyl\nail linell"},
  };
}

TEST(CalendarCsvTest, ReadsRowsWithQuotedLabelsBlankLinesAndCrlf) {
  const std::string text =
      "\xEF\xBB\xBF  Kind, Start ,END,label  \r\n"
      "term,2025-09-01,2025-12-19,Autumn term\r\n"
      "\r\n"
      "half_term , 2025-10-27 , 2025-10-31 ,\"Half term, autumn\"\r\n"
      "   \n"
      "closure,2026-02-03,2026-02-03,\"Ysgol ar gau \"\"eira\"\" (ŵ ŷ)\"\n"
      "bank_holiday,2025-12-25,2025-12-25,\n";
  const auto entries = ParseCalendarCsv(text);
  ASSERT_TRUE(entries.has_value()) << entries.error().message;
  const std::vector<CalendarEntry> expected = {
      {CalendarEntryKind::kTerm, Iso("2025-09-01"), Iso("2025-12-19"), "Autumn term"},
      {CalendarEntryKind::kHalfTerm, Iso("2025-10-27"), Iso("2025-10-31"), "Half term, autumn"},
      {CalendarEntryKind::kClosure, Iso("2026-02-03"), Iso("2026-02-03"),
       "Ysgol ar gau \"eira\" (ŵ ŷ)"},
      {CalendarEntryKind::kBankHoliday, Iso("2025-12-25"), Iso("2025-12-25"), ""},
  };
  ExpectEntries(*entries, expected);
}

TEST(CalendarCsvTest, AHeaderAloneIsAnEmptyCalendar) {
  const auto entries = ParseCalendarCsv("kind,start,end,label");
  ASSERT_TRUE(entries.has_value());
  EXPECT_TRUE(entries->empty());
}

TEST(CalendarCsvTest, KindsAreReadIgnoringCase) {
  const auto entries =
      ParseCalendarCsv("kind,start,end,label\nBank_Holiday,2026-05-04,2026-05-04,x\n");
  ASSERT_TRUE(entries.has_value());
  EXPECT_EQ((*entries)[0].kind, CalendarEntryKind::kBankHoliday);
}

TEST(CalendarCsvTest, AQuotedLabelMaySpanLines) {
  const auto entries =
      ParseCalendarCsv("kind,start,end,label\ninset,2025-09-01,2025-09-01,\"one\ntwo\"\n");
  ASSERT_TRUE(entries.has_value());
  EXPECT_EQ((*entries)[0].label, "one\ntwo");
}

TEST(CalendarCsvTest, AnEmptyFileHasNoHeader) {
  for (const std::string text : {"", "\n\n", "\xEF\xBB\xBF", "  \r\n\t\n"}) {
    SCOPED_TRACE(text);
    ExpectFailure(ParseCalendarCsv(text), "csv_error_empty", "");
  }
}

TEST(CalendarCsvTest, EachMistakeNamesItsLine) {
  struct Case {
    const char* why;
    std::string text;
    const char* message;
    const char* line;
  };
  const std::string header = "kind,start,end,label\n";
  const std::vector<Case> cases = {
      {"wrong header", "kind,start,end\nterm,2025-09-01,2025-12-19,x\n", "csv_error_header", "1"},
      {"header after blank lines", "\n\nlabel,kind,start,end\n", "csv_error_header", "3"},
      {"rows without a header", "term,2025-09-01,2025-12-19,x\n", "csv_error_header", "1"},
      {"unterminated quote in header", "\"kind,start,end,label\n", "csv_error_header", "1"},
      {"three fields", header + "term,2025-09-01,2025-12-19\n", "csv_error_columns", "2"},
      {"five fields", header + "term,2025-09-01,2025-12-19,a,b\n", "csv_error_columns", "2"},
      {"unquoted comma in label", header + "inset,2025-09-01,2025-09-01,Training, day 1\n",
       "csv_error_columns", "2"},
      {"unterminated quote",
       header + "term,2025-09-01,2025-12-19,x\ninset,2025-09-01,2025-09-01,\"a\n",
       "csv_error_columns", "3"},
      {"text after a closing quote", header + "inset,2025-09-01,2025-09-01,\"a\"b\n",
       "csv_error_columns", "2"},
      {"unknown kind", header + "holiday,2025-09-01,2025-09-01,x\n", "csv_error_kind", "2"},
      {"empty kind", header + ",2025-09-01,2025-09-01,x\n", "csv_error_kind", "2"},
      {"UK date order", header + "term,01/09/2025,2025-12-19,x\n", "csv_error_date", "2"},
      {"no such day", header + "term,2025-09-01,2026-02-30,x\n", "csv_error_date", "2"},
      {"empty end", header + "term,2025-09-01,,x\n", "csv_error_date", "2"},
      {"end before start", header + "term,2025-12-19,2025-09-01,x\n", "csv_error_end_before_start",
       "2"},
      {"lines counted past a quoted line break and blank lines",
       header +
           "inset,2025-09-01,2025-09-01,\"one\r\ntwo\"\r\n\r\nterm,2025-13-01,2025-12-19,x\r\n",
       "csv_error_date", "5"},
      {"the first mistake wins",
       header + "term,bad,2025-12-19,x\nholiday,2025-09-01,2025-09-01,x\n", "csv_error_date", "2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    ExpectFailure(ParseCalendarCsv(c.text), c.message, c.line);
  }
}

TEST(CalendarCsvTest, FormatsOneLinePerEntryQuotingOnlyWhenNeeded) {
  const std::vector<CalendarEntry> entries = {
      {CalendarEntryKind::kTerm, Iso("2025-09-01"), Iso("2025-12-19"), "Tymor yr hydref"},
      {CalendarEntryKind::kInset, Iso("2025-09-01"), Iso("2025-09-01"), "Training, day 1"},
      {CalendarEntryKind::kClosure, Iso("2026-02-03"), Iso("2026-02-03"), "Say \"snow\""},
      {CalendarEntryKind::kBankHoliday, Iso("2025-12-25"), Iso("2025-12-25"), ""},
      {CalendarEntryKind::kHalfTerm, Iso("2025-10-27"), Iso("2025-10-31"), "two\nlines"},
  };
  EXPECT_EQ(FormatCalendarCsv(entries),
            "kind,start,end,label\n"
            "term,2025-09-01,2025-12-19,Tymor yr hydref\n"
            "inset,2025-09-01,2025-09-01,\"Training, day 1\"\n"
            "closure,2026-02-03,2026-02-03,\"Say \"\"snow\"\"\"\n"
            "bank_holiday,2025-12-25,2025-12-25,\n"
            "half_term,2025-10-27,2025-10-31,\"two\nlines\"\n");
  EXPECT_EQ(FormatCalendarCsv({}), "kind,start,end,label\n");
}

TEST(CalendarCsvTest, ReadingWhatWasWrittenGivesTheSameEntries) {
  const auto back = ParseCalendarCsv(FormatCalendarCsv(Sample()));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ExpectEntries(*back, Sample());
}

TEST(CalendarCsvTest, RoundTripHoldsForTrickyLabels) {
  Lcg random(20251225);
  std::vector<CalendarEntry> entries;
  for (int i = 0; i < 300; ++i) {
    const Date start = domain::AddDays(Iso("2025-09-01"), static_cast<int>(random.Next() % 400));
    entries.push_back({static_cast<CalendarEntryKind>(random.Next() % 5), start,
                       domain::AddDays(start, static_cast<int>(random.Next() % 30)),
                       TrickyLabel(random)});
  }
  entries.push_back({CalendarEntryKind::kInset, Iso("2026-01-05"), Iso("2026-01-05"), "  edge \r"});
  const auto back = ParseCalendarCsv(FormatCalendarCsv(entries));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ExpectEntries(*back, entries);
}

TEST(CalendarCsvTest, GarbageAndTruncatedFilesFailCleanly) {
  const std::string good = FormatCalendarCsv(Sample());
  for (std::size_t size = 0; size <= good.size(); ++size) {
    ExpectValueOrKnownError(ParseCalendarCsv(good.substr(0, size)));
  }
  Lcg random(7);
  for (int i = 0; i < 300; ++i) {
    std::string text = i % 2 == 0 ? "kind,start,end,label\n" : "";
    const std::uint32_t size = random.Next() % 200;
    for (std::uint32_t j = 0; j < size; ++j) {
      // Quotes, separators, line ends, digits, a byte-order mark, an invalid byte and a NUL.
      static constexpr std::string_view kBytes("\",\r\n -0123456789abtz\xEF\xBB\xBF\xFF\0", 25);
      text += kBytes[random.Next() % kBytes.size()];
    }
    ExpectValueOrKnownError(ParseCalendarCsv(text));
  }
  ExpectValueOrKnownError(ParseCalendarCsv(std::string(100000, '"')));
  ExpectValueOrKnownError(ParseCalendarCsv(std::string(100000, ',')));
}

TEST(CalendarIcsTest, WritesOneAllDayEventPerEntry) {
  const std::vector<CalendarEntry> entries = {
      {CalendarEntryKind::kTerm, Iso("2025-09-01"), Iso("2025-12-19"), "Tymor yr hydref"},
      {CalendarEntryKind::kBankHoliday, Iso("2025-12-31"), Iso("2025-12-31"), "Nos Galan"},
  };
  const std::string ics = FormatCalendarIcs(entries, "Ysgol Gymraeg Cynnal");
  for (const char* line : {
           "BEGIN:VCALENDAR\r\n",
           "VERSION:2.0\r\n",
           "PRODID:-//Cynnal//Calendar//EN\r\n",
           "X-WR-CALNAME:Ysgol Gymraeg Cynnal\r\n",
           "UID:term-2025-09-01-1@cynnal\r\n",
           "DTSTAMP:19700101T000000Z\r\n",
           "DTSTART;VALUE=DATE:20250901\r\n",
           "DTEND;VALUE=DATE:20251220\r\n",
           "SUMMARY:Tymor yr hydref\r\n",
           "CATEGORIES:term\r\n",
           "UID:bank_holiday-2025-12-31-2@cynnal\r\n",
           "DTSTART;VALUE=DATE:20251231\r\n",
           "DTEND;VALUE=DATE:20260101\r\n",
           "CATEGORIES:bank_holiday\r\n",
           "END:VCALENDAR\r\n",
       }) {
    EXPECT_NE(ics.find(line), std::string::npos) << line;
  }
  EXPECT_EQ(FormatCalendarIcs(entries, "Ysgol Gymraeg Cynnal"), ics) << "output is deterministic";
}

TEST(CalendarIcsTest, AnEndBeforeTheStartIsWrittenAsOneDay) {
  const std::string ics = FormatCalendarIcs(
      {{CalendarEntryKind::kInset, Iso("2026-01-05"), Iso("2026-01-02"), "typo"}}, "Cynnal");
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20260105\r\nDTEND;VALUE=DATE:20260106\r\n"),
            std::string::npos)
      << ics;
}

TEST(CalendarIcsTest, EscapesTextAndFoldsLongLines) {
  const std::string label =
      "Gŵyl Ddewi, a chôr; y plant \\ yn canu yn y neuadd fawr drwy'r dydd a'r nos, yn llawen iawn";
  const std::string ics = FormatCalendarIcs(
      {{CalendarEntryKind::kClosure, Iso("2026-03-02"), Iso("2026-03-02"), label}}, "");
  EXPECT_NE(ics.find("SUMMARY:Gŵyl Ddewi\\, a chôr\\; y plant \\\\ yn"), std::string::npos) << ics;
  EXPECT_EQ(ics.find("X-WR-CALNAME"), std::string::npos);
  std::size_t begin = 0;
  while (begin < ics.size()) {
    const std::size_t end = ics.find("\r\n", begin);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - begin, 75u) << ics.substr(begin, end - begin);
    begin = end + 2;
  }
}

TEST(CalendarIcsTest, ReadingWhatWasWrittenGivesTheSameEntries) {
  const auto back =
      ParseCalendarIcs(FormatCalendarIcs(Sample(), "Cynnal"), CalendarEntryKind::kClosure);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ExpectEntries(*back, Sample());
}

TEST(CalendarIcsTest, RoundTripHoldsForTrickyLabels) {
  Lcg random(1282);
  std::vector<CalendarEntry> entries;
  for (int i = 0; i < 200; ++i) {
    const Date start = domain::AddDays(Iso("2025-09-01"), static_cast<int>(random.Next() % 400));
    std::string label = TrickyLabel(random);
    for (int j = 0; j < 8; ++j) label += "Llanfairpwllgwyngyll ŵ ŷ ";  // long enough to fold
    entries.push_back({static_cast<CalendarEntryKind>(random.Next() % 5), start,
                       domain::AddDays(start, static_cast<int>(random.Next() % 30)), label});
  }
  const auto back = ParseCalendarIcs(FormatCalendarIcs(entries, "Prawf, \"test\"; \\ ŵ\nail"),
                                     CalendarEntryKind::kTerm);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  // iCalendar text cannot keep blanks at the ends of a label.
  for (CalendarEntry& entry : entries) {
    const std::size_t first = entry.label.find_first_not_of(" \t");
    const std::size_t last = entry.label.find_last_not_of(" \t");
    entry.label = first == std::string::npos ? "" : entry.label.substr(first, last - first + 1);
  }
  ExpectEntries(*back, entries);
}

// In the style of www.gov.uk/bank-holidays/england-and-wales.ics.
constexpr char kGovUkIcs[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "METHOD:PUBLISH\r\n"
    "PRODID:-//uk.gov/GOVUK calendars//EN\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "BEGIN:VEVENT\r\n"
    "DTEND;VALUE=DATE:20261226\r\n"
    "DTSTART;VALUE=DATE:20261225\r\n"
    "SUMMARY:Christmas Day\r\n"
    "UID:ca6af7456b0088abad9a69f9f620f5ac-42@gov.uk\r\n"
    "SEQUENCE:0\r\n"
    "DTSTAMP:20250901T103000Z\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "DTEND;VALUE=DATE:20261229\r\n"
    "DTSTART;VALUE=DATE:20261228\r\n"
    "SUMMARY:Boxing Day (substitute day)\r\n"
    "UID:ca6af7456b0088abad9a69f9f620f5ac-43@gov.uk\r\n"
    "SEQUENCE:0\r\n"
    "DTSTAMP:20250901T103000Z\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(CalendarIcsTest, ReadsTheGovUkBankHolidayFeed) {
  const auto entries = ParseCalendarIcs(kGovUkIcs, CalendarEntryKind::kBankHoliday);
  ASSERT_TRUE(entries.has_value()) << entries.error().message;
  const std::vector<CalendarEntry> expected = {
      {CalendarEntryKind::kBankHoliday, Iso("2026-12-25"), Iso("2026-12-25"), "Christmas Day"},
      {CalendarEntryKind::kBankHoliday, Iso("2026-12-28"), Iso("2026-12-28"),
       "Boxing Day (substitute day)"},
  };
  ExpectEntries(*entries, expected);
}

std::string OneEvent(const std::string& lines) {
  return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//EN\nBEGIN:VEVENT\nUID:1@test\n" + lines +
         "END:VEVENT\nEND:VCALENDAR\n";
}

TEST(CalendarIcsTest, TheEndComesFromDtendOrDuration) {
  struct Case {
    const char* why;
    std::string lines;
    const char* start;
    const char* end;
  };
  const std::vector<Case> cases = {
      {"no DTEND is one day", "DTSTART;VALUE=DATE:20260504\n", "2026-05-04", "2026-05-04"},
      {"a DATE DTEND is exclusive", "DTSTART;VALUE=DATE:20260525\nDTEND;VALUE=DATE:20260530\n",
       "2026-05-25", "2026-05-29"},
      {"DTEND equal to DTSTART is one day",
       "DTSTART;VALUE=DATE:20260525\nDTEND;VALUE=DATE:20260525\n", "2026-05-25", "2026-05-25"},
      {"a plain 8-digit DTSTART is a date", "DTSTART:20260504\n", "2026-05-04", "2026-05-04"},
      {"a timed DTSTART counts as its date", "DTSTART:20260504T090000\n", "2026-05-04",
       "2026-05-04"},
      {"a UTC time counts as its date", "DTSTART:20260504T233000Z\n", "2026-05-04", "2026-05-04"},
      {"a zoned time counts as its date",
       "DTSTART;TZID=Europe/London:20260504T090000\nDTEND;TZID=Europe/London:20260506T150000\n",
       "2026-05-04", "2026-05-06"},
      {"a timed DTEND at midnight excludes that day",
       "DTSTART:20260504T090000\nDTEND:20260506T000000\n", "2026-05-04", "2026-05-05"},
      {"a DURATION in days", "DTSTART;VALUE=DATE:20260525\nDURATION:P3D\n", "2026-05-25",
       "2026-05-27"},
      {"a DURATION in weeks", "DTSTART;VALUE=DATE:20260525\nDURATION:P1W\n", "2026-05-25",
       "2026-05-31"},
      {"a short timed DURATION", "DTSTART:20260504T090000\nDURATION:PT2H\n", "2026-05-04",
       "2026-05-04"},
      {"a timed DURATION past midnight", "DTSTART:20260504T220000\nDURATION:PT3H\n", "2026-05-04",
       "2026-05-05"},
      {"a timed DURATION to midnight", "DTSTART:20260504T220000\nDURATION:PT2H\n", "2026-05-04",
       "2026-05-04"},
      {"a negative DURATION is one day", "DTSTART;VALUE=DATE:20260525\nDURATION:-P3D\n",
       "2026-05-25", "2026-05-25"},
      {"an unreadable DTEND is ignored", "DTSTART;VALUE=DATE:20260525\nDTEND:soon\n", "2026-05-25",
       "2026-05-25"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    const auto entries = ParseCalendarIcs(OneEvent(c.lines), CalendarEntryKind::kInset);
    ASSERT_TRUE(entries.has_value()) << entries.error().message;
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ(domain::FormatIsoDate((*entries)[0].start), c.start);
    EXPECT_EQ(domain::FormatIsoDate((*entries)[0].end), c.end);
  }
}

TEST(CalendarIcsTest, TheKindComesFromAKnownCategory) {
  struct Case {
    const char* categories;
    CalendarEntryKind kind;
  };
  const std::vector<Case> cases = {
      {"", CalendarEntryKind::kClosure},
      {"CATEGORIES:inset\n", CalendarEntryKind::kInset},
      {"CATEGORIES:Half_Term\n", CalendarEntryKind::kHalfTerm},
      {"CATEGORIES:Holidays\n", CalendarEntryKind::kClosure},
      {"CATEGORIES:Holidays,bank_holiday\n", CalendarEntryKind::kBankHoliday},
      {"CATEGORIES:Work\nCATEGORIES:term\n", CalendarEntryKind::kTerm},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.categories);
    const auto entries =
        ParseCalendarIcs(OneEvent(std::string("DTSTART;VALUE=DATE:20260504\n") + c.categories),
                         CalendarEntryKind::kClosure);
    ASSERT_TRUE(entries.has_value()) << entries.error().message;
    EXPECT_EQ((*entries)[0].kind, c.kind);
  }
}

TEST(CalendarIcsTest, ReadsEveryCalendarInTheFile) {
  const std::string two =
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nSUMMARY:A\nEND:VEVENT\n"
      "END:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260102\nSUMMARY:B\n"
      "END:VEVENT\nEND:VCALENDAR\n";
  const auto entries = ParseCalendarIcs(two, CalendarEntryKind::kBankHoliday);
  ASSERT_TRUE(entries.has_value()) << entries.error().message;
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].label, "A");
  EXPECT_EQ((*entries)[1].label, "B");
}

TEST(CalendarIcsTest, EachMistakeIsNamed) {
  struct Case {
    const char* why;
    std::string text;
    const char* message;
    const char* line;
  };
  const std::string second_event_without_start =
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n"
      "BEGIN:VEVENT\nSUMMARY:No start\nEND:VEVENT\nEND:VCALENDAR\n";
  const std::vector<Case> cases = {
      {"empty", "", "ics_error_malformed", ""},
      {"plain text", "Christmas Day, 25 December", "ics_error_malformed", ""},
      {"a CSV", "kind,start,end,label\nterm,2025-09-01,2025-12-19,x\n", "ics_error_malformed", ""},
      {"an event without a calendar", "BEGIN:VEVENT\nDTSTART:20261225\nEND:VEVENT\n",
       "ics_error_malformed", ""},
      {"cut short", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\n",
       "ics_error_malformed", ""},
      {"a NUL byte", std::string("BEGIN:VCALENDAR\n\0END:VCALENDAR\n", 31), "ics_error_malformed",
       ""},
      {"an END with nothing open",
       "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261225\nEND:VEVENT\nEND:VCALENDAR\nEND:"
       "VCALENDAR\n",
       "ics_error_malformed", ""},
      {"an END for the wrong component",
       "BEGIN:VCALENDAR\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20261225\nEND:VEVENT\nEND:VCALENDAR\n",
       "ics_error_malformed", ""},
      {"no events", "BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n", "ics_error_no_events", ""},
      {"only a to-do", "BEGIN:VCALENDAR\nBEGIN:VTODO\nDTSTART:20261225\nEND:VTODO\nEND:VCALENDAR\n",
       "ics_error_no_events", ""},
      {"no DTSTART", second_event_without_start, "ics_error_no_start", "6"},
      {"an unreadable DTSTART", OneEvent("DTSTART:Christmas\n"), "ics_error_no_start", "4"},
      {"a year out of range", OneEvent("DTSTART;VALUE=DATE:18991231\n"), "ics_error_date", "4"},
      {"a DURATION out of range", OneEvent("DTSTART;VALUE=DATE:20260101\nDURATION:P99999W\n"),
       "ics_error_date", "4"},
      {"DTEND before DTSTART", OneEvent("DTSTART;VALUE=DATE:20261225\nDTEND;VALUE=DATE:20261201\n"),
       "ics_error_end_before_start", "4"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    ExpectFailure(ParseCalendarIcs(c.text, CalendarEntryKind::kBankHoliday), c.message, c.line);
  }
}

TEST(CalendarIcsTest, GarbageAndTruncatedFilesFailCleanly) {
  const std::string good = FormatCalendarIcs(Sample(), "Cynnal");
  for (std::size_t size = 0; size <= good.size(); size += 3) {
    ExpectValueOrKnownError(ParseCalendarIcs(good.substr(0, size), CalendarEntryKind::kTerm));
  }
  Lcg random(99);
  static constexpr std::string_view kPieces[] = {"BEGIN:VCALENDAR\n",
                                                 "END:VCALENDAR\n",
                                                 "BEGIN:VEVENT\n",
                                                 "END:VEVENT\n",
                                                 "DTSTART;VALUE=DATE:20260101\n",
                                                 "DTEND:2026\n",
                                                 "DURATION:P\n",
                                                 "CATEGORIES:,,,\n",
                                                 "SUMMARY:\\\n",
                                                 " folded\n",
                                                 ";;;:::\n",
                                                 "BEGIN:\n",
                                                 "END:\n",
                                                 "\r\n",
                                                 "\xFF\xFE"};
  for (int i = 0; i < 300; ++i) {
    std::string text;
    const std::uint32_t size = random.Next() % 20;
    for (std::uint32_t j = 0; j < size; ++j) text += kPieces[random.Next() % std::size(kPieces)];
    ExpectValueOrKnownError(ParseCalendarIcs(text, CalendarEntryKind::kTerm));
  }
}

// In the shape of www.gov.uk/bank-holidays.json, out of order and with a repeat.
constexpr char kGovUkJson[] = R"({
  "england-and-wales": {
    "division": "england-and-wales",
    "events": [
      {"title": "Christmas Day", "date": "2026-12-25", "notes": "", "bunting": true},
      {"title": "Boxing Day", "date": "2026-12-28", "notes": "Substitute day", "bunting": true},
      {"title": "New Year’s Day", "date": "2026-01-01", "notes": "", "bunting": true},
      {"title": "Christmas Day", "date": "2026-12-25", "notes": "", "bunting": true}
    ]
  },
  "scotland": {
    "division": "scotland",
    "events": [
      {"title": "2nd January", "date": "2026-01-02", "notes": "", "bunting": true},
      {"title": "St Andrew’s Day", "date": "2026-11-30", "notes": "", "bunting": true}
    ]
  },
  "northern-ireland": {
    "division": "northern-ireland",
    "events": [{"title": "St Patrick’s Day", "date": "2026-03-17", "notes": "", "bunting": true}]
  }
})";

TEST(BankHolidayFileTest, ReadsEnglandAndWalesFromTheGovUkJson) {
  const auto dates = ParseGovUkBankHolidays(kGovUkJson);
  ASSERT_TRUE(dates.has_value()) << dates.error().message;
  EXPECT_EQ(IsoAll(*dates), (std::vector<std::string>{"2026-01-01", "2026-12-25", "2026-12-28"}));
}

TEST(BankHolidayFileTest, EachJsonMistakeIsNamed) {
  struct Case {
    const char* why;
    std::string json;
    const char* message;
    const char* date;  // fields["date"], or nullptr for none
  };
  const std::vector<Case> cases = {
      {"not JSON", "Christmas", "bank_holidays_error_json", nullptr},
      {"cut short", R"({"england-and-wales": {"events": [{"date": "2026-12-25"})",
       "bank_holidays_error_json", nullptr},
      {"an array", R"([{"date": "2026-12-25"}])", "bank_holidays_error_json", nullptr},
      {"only Scotland", R"({"scotland": {"events": [{"date": "2026-12-25"}]}})",
       "bank_holidays_error_json", nullptr},
      {"events not a list", R"({"england-and-wales": {"events": {"date": "2026-12-25"}}})",
       "bank_holidays_error_json", nullptr},
      {"an event without a date", R"({"england-and-wales": {"events": [{"title": "X"}]}})",
       "bank_holidays_error_json", nullptr},
      {"an event not an object", R"({"england-and-wales": {"events": ["2026-12-25"]}})",
       "bank_holidays_error_json", nullptr},
      {"a UK-order date", R"({"england-and-wales": {"events": [{"date": "25/12/2026"}]}})",
       "bank_holidays_error_date", "25/12/2026"},
      {"no such day", R"({"england-and-wales": {"events": [{"date": "2026-02-29"}]}})",
       "bank_holidays_error_date", "2026-02-29"},
      {"a number for a date", R"({"england-and-wales": {"events": [{"date": 20261225}]}})",
       "bank_holidays_error_date", "20261225"},
      {"no events", R"({"england-and-wales": {"events": []}})", "bank_holidays_error_empty",
       nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.why);
    const auto dates = ParseGovUkBankHolidays(c.json);
    ExpectFailure(dates, c.message, "");
    if (dates.has_value()) continue;
    if (c.date == nullptr) {
      EXPECT_EQ(dates.error().fields.count("date"), 0u);
    } else {
      ASSERT_EQ(dates.error().fields.count("date"), 1u);
      EXPECT_EQ(dates.error().fields.at("date"), c.date);
    }
  }
}

TEST(BankHolidayFileTest, ALongBadDateIsClippedInTheMessage) {
  const std::string json = R"({"england-and-wales": {"events": [{"date": ")" +
                           std::string(31, 'x') + "ŵŵŵŵŵŵ" + R"("}]}})";
  const auto dates = ParseGovUkBankHolidays(json);
  ASSERT_FALSE(dates.has_value());
  EXPECT_EQ(dates.error().fields.at("date"), std::string(31, 'x') + "ŵŵŵŵ");
}

TEST(BankHolidayFileTest, TellsJsonFromItsFirstCharacter) {
  const auto dates = ParseBankHolidayFile("\xEF\xBB\xBF \n\t" + std::string(kGovUkJson));
  ASSERT_TRUE(dates.has_value()) << dates.error().message;
  EXPECT_EQ(IsoAll(*dates), (std::vector<std::string>{"2026-01-01", "2026-12-25", "2026-12-28"}));
  ExpectFailure(ParseBankHolidayFile("{not json"), "bank_holidays_error_json", "");
}

TEST(BankHolidayFileTest, ReadsEveryDayOfEachICalendarEvent) {
  const std::string ics =
      std::string(kGovUkIcs).insert(std::string(kGovUkIcs).find("END:VCALENDAR"),
                                    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\n"
                                    "DTEND;VALUE=DATE:20261227\r\nSUMMARY:Long break\r\n"
                                    "END:VEVENT\r\n");
  const auto dates = ParseBankHolidayFile(ics);
  ASSERT_TRUE(dates.has_value()) << dates.error().message;
  EXPECT_EQ(IsoAll(*dates),
            (std::vector<std::string>{"2026-12-24", "2026-12-25", "2026-12-26", "2026-12-28"}));
}

TEST(BankHolidayFileTest, TakesOnlyBankHolidaysFromACynnalICalendar) {
  const auto dates = ParseBankHolidayFile(FormatCalendarIcs(Sample(), "Cynnal"));
  ASSERT_TRUE(dates.has_value()) << dates.error().message;
  EXPECT_EQ(IsoAll(*dates), (std::vector<std::string>{"2025-12-25", "2025-12-26"}));

  const auto none = ParseBankHolidayFile(FormatCalendarIcs(
      {{CalendarEntryKind::kTerm, Iso("2025-09-01"), Iso("2025-12-19"), "autumn"}}, "Cynnal"));
  ExpectFailure(none, "bank_holidays_error_empty", "");
  ExpectFailure(ParseBankHolidayFile("begin:vcalendar\nend:vcalendar\n"), "ics_error_no_events",
                "");
}

TEST(BankHolidayFileTest, ReadsTheBankHolidayRowsOfACalendarCsv) {
  const auto dates = ParseBankHolidayFile(
      "kind,start,end,label\n"
      "term,2025-09-01,2025-12-19,autumn\n"
      "bank_holiday,2026-04-03,2026-04-06,Easter\n"
      "inset,2025-09-01,2025-09-01,INSET\n"
      "bank_holiday,2025-12-25,2025-12-26,Christmas\n"
      "bank_holiday,2026-04-06,2026-04-06,Easter Monday\n");
  ASSERT_TRUE(dates.has_value()) << dates.error().message;
  EXPECT_EQ(IsoAll(*dates), (std::vector<std::string>{"2025-12-25", "2025-12-26", "2026-04-03",
                                                      "2026-04-04", "2026-04-05", "2026-04-06"}));
}

TEST(BankHolidayFileTest, ACsvWithoutBankHolidaysIsRefused) {
  ExpectFailure(ParseBankHolidayFile("kind,start,end,label\nterm,2025-09-01,2025-12-19,autumn\n"),
                "bank_holidays_error_empty", "");
  ExpectFailure(ParseBankHolidayFile("kind,start,end,label\n"), "bank_holidays_error_empty", "");
  ExpectFailure(ParseBankHolidayFile(""), "csv_error_empty", "");
  ExpectFailure(ParseBankHolidayFile("kind,start,end,label\nbank_holiday,2025-12-25,x,y\n"),
                "csv_error_date", "2");
}

TEST(BankHolidayFileTest, OverlappingRowsCountEachDayOnce) {
  std::string csv = "kind,start,end,label\n";
  for (int i = 0; i < 2000; ++i) csv += "bank_holiday,1900-01-01,2200-12-31,all\n";
  const auto dates = ParseBankHolidayFile(csv);
  ASSERT_TRUE(dates.has_value()) << dates.error().message;
  EXPECT_EQ(dates->size(), static_cast<std::size_t>(
                               domain::DaysBetween(Iso("1900-01-01"), Iso("2200-12-31")) + 1));
}

TEST(BankHolidayFileTest, GarbageFailsCleanly) {
  const std::string json(kGovUkJson);
  for (std::size_t size = 0; size <= json.size(); size += 7) {
    ExpectValueOrKnownError(ParseGovUkBankHolidays(json.substr(0, size)));
    ExpectValueOrKnownError(ParseBankHolidayFile(json.substr(0, size)));
  }
  ExpectValueOrKnownError(ParseBankHolidayFile(std::string(100000, '[')));
  ExpectValueOrKnownError(ParseBankHolidayFile("{" + std::string(100000, '[')));
  ExpectValueOrKnownError(ParseGovUkBankHolidays(std::string("{\"a\":\xFF}")));
  ExpectValueOrKnownError(ParseGovUkBankHolidays(std::string("{\0}", 3)));
  Lcg random(31);
  for (int i = 0; i < 300; ++i) {
    std::string text;
    const std::uint32_t size = random.Next() % 100;
    for (std::uint32_t j = 0; j < size; ++j) text += static_cast<char>(random.Next() % 256);
    ExpectValueOrKnownError(ParseBankHolidayFile(text));
    ExpectValueOrKnownError(ParseBankHolidayFile("{" + text));
    ExpectValueOrKnownError(ParseBankHolidayFile("BEGIN:VCALENDAR\n" + text));
  }
}

}  // namespace
}  // namespace cynnal::interchange
