#pragma once

#include <vector>

#include "domain/date.h"

namespace cynnal::domain {

// The first and last years for which Cynnal ships the bank holidays of England and Wales.
inline constexpr int kFirstShippedBankHolidayYear = 2018;
inline constexpr int kLastShippedBankHolidayYear = 2030;

// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
Date EasterSunday(int year);

// The bank holidays of England and Wales in `year`, in date order: New Year's Day, Good Friday,
// Easter Monday, the early May, spring and summer bank holidays, Christmas Day and Boxing Day,
// with substitute days when these fall at a weekend (Banking and Financial Dealings Act 1971
// s.1 and Sch.1, and the royal proclamations that move or add days: 8 May 2020, 2 and 3 June and
// 19 September 2022, 8 May 2023; REFERENCE section 9). Valid for any year; the proclaimed
// changes are known up to kLastShippedBankHolidayYear.
std::vector<Date> EnglandAndWalesBankHolidays(int year);

// Every bank holiday of England and Wales from kFirstShippedBankHolidayYear to
// kLastShippedBankHolidayYear, in date order: the list Cynnal ships until one is imported.
const std::vector<Date>& ShippedBankHolidays();

// The bank holidays in force: `base` with every year that `imported` holds replaced by the
// imported dates of that year (an imported GOV.UK file is the newer word on its years). Sorted.
std::vector<Date> WithImported(const std::vector<Date>& base, const std::vector<Date>& imported);

}  // namespace cynnal::domain
