#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cynnal::domain {

// A civil date with no time zone (a date of birth, a registration start).
using Date = std::chrono::year_month_day;
// A point in time, UTC, to the second.
using Timestamp = std::chrono::sys_seconds;

// Parses "YYYY-MM-DD"; nullopt unless it is a real calendar date between years 1900 and 2200.
std::optional<Date> ParseIsoDate(std::string_view text);
// Builds a date from day, month and year fields as typed into a GOV.UK date input; nullopt if
// any part is missing, not a number, or the date does not exist (31 April, 29 Feb 2025).
std::optional<Date> DateFromParts(std::string_view day, std::string_view month,
                                  std::string_view year);
// "YYYY-MM-DD".
std::string FormatIsoDate(Date date);
// "YYYY-MM-DDThh:mm:ssZ".
std::string FormatTimestamp(Timestamp at);
// Parses FormatTimestamp's output; nullopt otherwise.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

// The date in Wales (Europe/London: GMT, or BST from 01:00 UTC on the last Sunday of March to
// 01:00 UTC on the last Sunday of October) at the given instant.
Date DateInWales(Timestamp at);

// Saturday or Sunday.
bool IsWeekend(Date date);

// Whole days from a to b (negative when b is before a).
int DaysBetween(Date a, Date b);
Date AddDays(Date date, int days);

// The date a person born on `birth` reaches `years` of age: the anniversary, with 29 February
// taken as 1 March in a common year (Family Law Reform Act 1969 s.9 reading).
Date Anniversary(Date birth, int years);

}  // namespace cynnal::domain
