#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"
#include "domain/school_calendar.h"

// Reading and writing calendars as files: the calendar CSV, iCalendar (RFC 5545) and the GOV.UK
// bank-holidays JSON. Every parser fails with kInvalidArgument whose message is a catalogue id
// (po/en.po) and whose fields carry "line" (1-based) where a line is to blame.
namespace cynnal::interchange {

// The calendar CSV: a header line `kind,start,end,label`, then one row per line; kind is a
// domain::Code(CalendarEntryKind) ("term", "half_term", "inset", "closure", "bank_holiday"),
// start and end are YYYY-MM-DD (inclusive), label is free text (RFC 4180 quoting: a field in
// double quotes may hold commas, line breaks and doubled quotes). Blank lines and a UTF-8
// byte-order mark are ignored; CRLF and LF line ends are both accepted; spaces and tabs around a
// field (outside its quotes) are dropped; the header and kinds are matched ignoring ASCII case.
// Returns the rows in file order (a header alone gives none). Fails on the first mistake, with
// fields["line"] the physical line (1-based) on which the offending row starts:
// "csv_error_empty" (no header; no line), "csv_error_header", "csv_error_columns" (not exactly
// four fields, or a quote never closed or followed by more text), "csv_error_kind",
// "csv_error_date" (start or end not a real YYYY-MM-DD date), "csv_error_end_before_start".
domain::Result<std::vector<domain::CalendarEntry>> ParseCalendarCsv(std::string_view text);
// The header and one row per entry, each line ending "\n"; a label is quoted only when it holds
// a comma, quote, line break or leading or trailing space, so ParseCalendarCsv gives `entries`
// back exactly.
std::string FormatCalendarCsv(const std::vector<domain::CalendarEntry>& entries);

// iCalendar (RFC 5545), read and written with libical.
//
// Reading: every VEVENT directly inside every VCALENDAR, in file order. DTSTART is the first day
// (a timed DTSTART counts as the date written, whatever its time zone); DTEND is exclusive when
// it is a DATE or a midnight time (RFC 5545 3.6.1), so DTEND;VALUE=DATE:20261226 after
// DTSTART;VALUE=DATE:20261225 is one day; without DTEND a DURATION gives the end, and without
// either the event is one day. The kind is the first CATEGORIES value that is a kind code
// (ignoring ASCII case), else `default_kind`; the label is SUMMARY without leading or trailing
// spaces and tabs, or "" without one. RRULE is not expanded. Fails with "ics_error_malformed" (no
// VCALENDAR, or not a complete iCalendar), "ics_error_no_events", or for one event (fields["line"]
// the line of its BEGIN:VEVENT, where that can be told) "ics_error_no_start" (no readable DTSTART),
// "ics_error_date" (a date outside the years 1900 to 2200) or "ics_error_end_before_start".
domain::Result<std::vector<domain::CalendarEntry>> ParseCalendarIcs(
    std::string_view text, domain::CalendarEntryKind default_kind);
// A VCALENDAR (VERSION 2.0, PRODID -//Cynnal//Calendar//EN, X-WR-CALNAME `calendar_name`
// unless empty) with one all-day VEVENT per entry: UID "<kind>-<start>-<n>@cynnal" (n counting
// from 1), DTSTAMP 19700101T000000Z so that the output depends on the entries alone,
// DTSTART;VALUE=DATE the start, DTEND;VALUE=DATE the day after the end (an end before the start
// is written as a one-day event), SUMMARY the label (left out when empty), CATEGORIES the kind
// code. CRLF line ends, escaped and folded by libical. ParseCalendarIcs gives `entries` back,
// except that a label loses carriage returns and leading and trailing spaces and tabs.
std::string FormatCalendarIcs(const std::vector<domain::CalendarEntry>& entries,
                              std::string_view calendar_name);

// The bank holidays of England and Wales from the GOV.UK JSON (www.gov.uk/bank-holidays.json:
// {"england-and-wales": {"events": [{"date": "YYYY-MM-DD", ...}]}}; other divisions are
// ignored), in date order without repeats. Fails with "bank_holidays_error_json" (not JSON, or
// not that shape), "bank_holidays_error_date" (fields["date"] the offending text, at most 40
// bytes) or "bank_holidays_error_empty" (no events).
domain::Result<std::vector<domain::Date>> ParseGovUkBankHolidays(std::string_view json);

// Bank holidays, in date order without repeats, from any of: the GOV.UK JSON (the first
// character other than a byte-order mark or white space is '{'), an iCalendar file (the text
// contains BEGIN:VCALENDAR; its events read with default kind bank_holiday, so every event
// without another kind's CATEGORIES), or the calendar CSV (its bank_holiday rows). Every day of a
// multi-day holiday is listed. Fails with the chosen parser's error, or
// "bank_holidays_error_empty" when the file holds no bank holiday.
domain::Result<std::vector<domain::Date>> ParseBankHolidayFile(std::string_view text);

}  // namespace cynnal::interchange
