// `cynnal due`: what an LA officer sees when working out a due date on the command line from a
// calendar CSV. Expected dates are worked out by hand from REFERENCE section 3 ("How Cynnal
// counts": the start date X is never counted) and the 2025/26 all-Wales calendar of section 9.
#include "main/due_command.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace cynnal::main {
namespace {

// The 2025/26 all-Wales term dates (REFERENCE section 9), no INSET days.
constexpr const char* kWales2025 =
    "kind,start,end,label\n"
    "term,2025-09-01,2025-12-19,autumn\n"
    "half_term,2025-10-27,2025-10-31,autumn\n"
    "term,2026-01-05,2026-03-27,spring\n"
    "half_term,2026-02-16,2026-02-20,spring\n"
    "term,2026-04-13,2026-07-20,summer\n"
    "half_term,2026-05-25,2026-05-29,summer\n";

// A file with the given text, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    char name[] = "/tmp/cynnal-due-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) {
      ADD_FAILURE() << "cannot create a temporary file";
      return;
    }
    path_ = name;
    const ssize_t written = write(fd, text.data(), text.size());
    EXPECT_EQ(written, static_cast<ssize_t>(text.size()));
    close(fd);
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome RunDue(DueOptions options) {
  options.root = CYNNAL_DEFAULT_ROOT;
  std::ostringstream out, err;
  Outcome o;
  o.code = DueDate(options, out, err);
  o.out = out.str();
  o.err = err.str();
  return o;
}

Outcome Due(const std::string& timescale, const std::string& from,
            const std::string& terms_path = "", const std::string& bank_holidays_path = "") {
  DueOptions options;
  options.timescale = timescale;
  options.from = from;
  options.terms = terms_path;
  options.bank_holidays = bank_holidays_path;
  return RunDue(options);
}

// A refusal: exit 1, nothing on standard output, exactly one line "cynnal: ..." on standard
// error.
void ExpectOneLineRefusal(const Outcome& o) {
  EXPECT_EQ(o.code, 1);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
  EXPECT_FALSE(o.err.empty() || o.err.back() != '\n') << o.err;
  EXPECT_EQ(o.err.rfind("cynnal: ", 0), 0u) << o.err;
}

TEST(DueCommand, SchoolDecisionCountsSchoolDaysAndSkipsHalfTerm) {
  TempFile terms(kWales2025);
  // X = Friday 10 October 2025. School days after it: 13-17 Oct (1-5), 20-24 Oct (6-10),
  // half-term 27-31 Oct, 3-7 Nov (11-15), 10-14 Nov (16-20), 17-21 Nov (21-25), 24-28 Nov (26-30),
  // 1-5 Dec (31-35): Friday 5 December 2025.
  auto o = Due("school-decision", "2025-10-10", terms.path());
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2025-12-05\n");
  EXPECT_EQ(o.err, "");
}

TEST(DueCommand, SchoolDecisionRunsOverTheChristmasHoliday) {
  TempFile terms(kWales2025);
  // X = Monday 1 December 2025: 2-5 Dec (1-4), 8-12 Dec (5-9), 15-19 Dec (10-14); the holiday to
  // Sun 4 Jan (25, 26 Dec and 1 Jan are in it); 5-9 Jan (15-19), 12-16 (20-24), 19-23 (25-29),
  // 26-30 Jan (30-34), Monday 2 February 2026 (35).
  auto o = Due("school-decision", "2025-12-01", terms.path());
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2026-02-02\n");
}

TEST(DueCommand, AnInsetDayInTheFileIsNotASchoolDay) {
  // As from 10 October 2025 above (due Fri 5 Dec), with an INSET day on Friday 14 November: one
  // school day fewer, so the 35th is the next school day, Monday 8 December 2025.
  TempFile terms(std::string(kWales2025) + "inset,2025-11-14,2025-11-14,INSET day\n");
  auto o = Due("school-decision", "2025-10-10", terms.path());
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2025-12-08\n");
}

TEST(DueCommand, FeiDecisionCountsDaysOfTermTimeWeekendsIncluded) {
  TempFile terms(kWales2025);
  // Term-time days are every day in a term not in a half-term or a bank holiday, weekends too.
  // X = Friday 10 October 2025: 11-26 Oct (1-16), half-term 27-31 Oct, then 1 Nov is the 17th,
  // so 19 November 2025 is the 35th.
  auto o = Due("fei-decision", "2025-10-10", terms.path());
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2025-11-19\n");
}

TEST(DueCommand, LaDecisionLandingOnChristmasDayMovesToTheNextWorkingDay) {
  // X = Thursday 2 October 2025; X + 12 weeks (84 days) = Thursday 25 December 2025, a bank
  // holiday, as is Friday 26 December; then the weekend: Monday 29 December 2025 (Regs reg 2(4)).
  auto o = Due("la-decision", "2025-10-02");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2025-12-29\n");
  // The same with the school calendar given: weeks do not depend on term dates.
  TempFile terms(kWales2025);
  EXPECT_EQ(Due("la-decision", "2025-10-02", terms.path()).out, "2025-12-29\n");
}

TEST(DueCommand, LegacySenWeeksAreNotMoved) {
  // X = Thursday 13 November 2025; X + 6 weeks = Thursday 25 December 2025, left as it is.
  auto o = Due("sen-assessment-decision", "2025-11-13");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2025-12-25\n");
}

TEST(DueCommand, TribunalAppealIsTheFirstWorkingDayOnOrAfterEightWeeks) {
  // X = Friday 6 February 2026; X + 56 days = Friday 3 April 2026, Good Friday; Easter Monday 6
  // April is a bank holiday too, so Tuesday 7 April 2026.
  auto easter = Due("tribunal-appeal", "2026-02-06");
  EXPECT_EQ(easter.code, 0) << easter.err;
  EXPECT_EQ(easter.out, "2026-04-07\n");
  // X = Monday 15 September 2025; X + 56 days = Monday 10 November 2025, a working day: that day.
  EXPECT_EQ(Due("tribunal-appeal", "2025-09-15").out, "2025-11-10\n");
}

TEST(DueCommand, IdpReviewIsTheDayBeforeTheSameDateTwelveMonthsLater) {
  // 29 February 2024 -> 28 February 2025 (no 29th) -> the day before: 27 February 2025.
  auto leap = Due("idp-review", "2024-02-29");
  EXPECT_EQ(leap.code, 0) << leap.err;
  EXPECT_EQ(leap.out, "2025-02-27\n");
  // 16 March 2025 -> 16 March 2026 -> 15 March 2026, a Sunday, not moved.
  EXPECT_EQ(Due("idp-review", "2025-03-16").out, "2026-03-15\n");
}

TEST(DueCommand, PanelMinutesCountWorkingDaysOverChristmas) {
  // X = Tuesday 23 December 2025: Wed 24 (1); 25 and 26 Dec bank holidays; the weekend; Mon 29
  // (2), Tuesday 30 December 2025 (3).
  auto o = Due("panel-minutes", "2025-12-23");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out, "2025-12-30\n");
}

TEST(DueCommand, ABankHolidaysFileAddsYearsBeyondTheShippedList) {
  // Cynnal ships bank holidays to 2030. X = Friday 17 January 2031; X + 12 weeks = Friday 11
  // April 2031, Good Friday (Easter Sunday 2031 is 13 April); Monday 14 April is Easter Monday:
  // Tuesday 15 April 2031.
  TempFile holidays(R"({"england-and-wales": {"division": "england-and-wales", "events": [
      {"title": "New Year's Day", "date": "2031-01-01", "notes": "", "bunting": true},
      {"title": "Good Friday", "date": "2031-04-11", "notes": "", "bunting": false},
      {"title": "Easter Monday", "date": "2031-04-14", "notes": "", "bunting": true},
      {"title": "Christmas Day", "date": "2031-12-25", "notes": "", "bunting": true}]}})");
  auto with_file = Due("la-decision", "2031-01-17", "", holidays.path());
  EXPECT_EQ(with_file.code, 0) << with_file.err;
  EXPECT_EQ(with_file.out, "2031-04-15\n");
  // Without it, working days are known only to the end of 2030.
  auto without = Due("la-decision", "2031-01-17");
  ExpectOneLineRefusal(without);
  EXPECT_NE(without.err.find("2030-12-31"), std::string::npos) << without.err;
}

TEST(DueCommand, ListPrintsEveryTimescaleWithItsSource) {
  DueOptions options;
  options.list = true;
  auto o = RunDue(options);
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.err, "");
  std::vector<std::string> lines;
  std::istringstream in(o.out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // REFERENCE section 3, one line each: code, count and unit, source.
  const std::vector<std::vector<std::string>> expected{
      {"school-decision", "35 school days", "Code 12.12"},
      {"school-referral", "20 school days", "LA ALN guidance"},
      {"fei-decision", "35 ", "Code 16.16"},
      {"la-decision", "12 weeks", "Code 11.17"},
      {"la-reconsideration", "7 weeks", "Code 11.17; Act s.27"},
      {"nhs-response", "6 weeks", "Regs reg 11"},
      {"cease-reconsideration-request", "4 weeks", "Regs reg 12"},
      {"tribunal-appeal", "8 weeks", "ETW Regs reg 10"},
      {"idp-review", "12 ", "Act s.23"},
      {"opp-review", "12 ", "School ALN policy"},
      {"panel-minutes", "3 working days", "LA panel terms of reference"},
      {"sen-assessment-decision", "6 weeks", "SEN Code 2004"},
      {"tribunal-order", "set by the tribunal's order", "ETW order"},
  };
  EXPECT_EQ(lines.size(), expected.size()) << o.out;
  for (const auto& want : expected) {
    auto line = std::find_if(lines.begin(), lines.end(),
                             [&](const std::string& l) { return l.rfind(want[0] + "\t", 0) == 0; });
    ASSERT_NE(line, lines.end()) << want[0] << " is listed";
    std::vector<std::string> fields;
    std::istringstream cells(*line);
    for (std::string cell; std::getline(cells, cell, '\t');) fields.push_back(cell);
    ASSERT_EQ(fields.size(), 3u) << *line;
    EXPECT_EQ(fields[1].rfind(want[1], 0), 0u) << *line;
    EXPECT_EQ(fields[2].rfind(want[2], 0), 0u) << *line;
  }
}

TEST(DueCommand, AnUnknownTimescaleIsRefusedOnOneLine) {
  TempFile terms(kWales2025);
  auto o = Due("school-decisions", "2025-10-10", terms.path());
  ExpectOneLineRefusal(o);
  EXPECT_NE(o.err.find("school-decisions"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("--list"), std::string::npos) << o.err;
}

TEST(DueCommand, AFromThatIsNotADateIsRefusedOnOneLine) {
  TempFile terms(kWales2025);
  for (const char* from : {"2025-02-30", "10/10/2025", "yesterday"}) {
    auto o = Due("school-decision", from, terms.path());
    ExpectOneLineRefusal(o);
    EXPECT_NE(o.err.find(from), std::string::npos) << o.err;
    EXPECT_NE(o.err.find("YYYY-MM-DD"), std::string::npos) << o.err;
  }
}

TEST(DueCommand, AMalformedCsvIsRefusedNamingItsLine) {
  // A bad date on line 3.
  TempFile bad_date(
      "kind,start,end,label\n"
      "term,2025-09-01,2025-12-19,autumn\n"
      "term,2026-01-05,2026-02-30,spring\n");
  auto o = Due("school-decision", "2025-10-10", bad_date.path());
  ExpectOneLineRefusal(o);
  EXPECT_NE(o.err.find("line 3"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("YYYY-MM-DD"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(bad_date.path()), std::string::npos) << o.err;

  // A label in quotes runs over two lines, so the unknown kind is on line 4 (the third row).
  TempFile bad_kind(
      "kind,start,end,label\n"
      "term,2025-09-01,2025-12-19,\"Autumn\n"
      "Tymor yr hydref\"\n"
      "holiday,2025-10-27,2025-10-31,half term\n");
  auto kind = Due("school-decision", "2025-10-10", bad_kind.path());
  ExpectOneLineRefusal(kind);
  EXPECT_NE(kind.err.find("line 4"), std::string::npos) << kind.err;
  EXPECT_NE(kind.err.find("half_term"), std::string::npos) << "it says which kinds there are";
}

TEST(DueCommand, ACalendarThatEndsBeforeTheDueDateIsRefusedNamingItsEnd) {
  // Only the autumn term: from Monday 1 December 2025 there are 14 school days to Friday 19
  // December, not 35.
  TempFile autumn(
      "kind,start,end,label\n"
      "term,2025-09-01,2025-12-19,autumn\n"
      "half_term,2025-10-27,2025-10-31,autumn\n");
  auto o = Due("school-decision", "2025-12-01", autumn.path());
  ExpectOneLineRefusal(o);
  EXPECT_NE(o.err.find("2025-12-19"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("{date}"), std::string::npos) << o.err;
}

TEST(DueCommand, ASchoolDayTimescaleWithoutTermsIsRefused) {
  auto o = Due("school-decision", "2025-10-10");
  ExpectOneLineRefusal(o);
  EXPECT_NE(o.err.find("--terms"), std::string::npos) << o.err;
}

}  // namespace
}  // namespace cynnal::main
