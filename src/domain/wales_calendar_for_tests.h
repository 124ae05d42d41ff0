#pragma once

// For the domain tests: the all-Wales term dates of 2025/26 (REFERENCE section 9).

#include <string>

#include "domain/date.h"
#include "domain/school_calendar.h"

namespace cynnal::domain::testing {

inline Date Iso(const std::string& text) { return *ParseIsoDate(text); }

// Autumn 1 Sep-19 Dec 2025 (half-term 27-31 Oct), spring 5 Jan-27 Mar 2026 (16-20 Feb), summer
// 13 Apr-20 Jul 2026 (25-29 May).
inline TermDates Wales2025TermDates() {
  TermDates dates;
  dates.academic_year = 2025;
  dates.terms = {
      {TermName::kAutumn, Iso("2025-09-01"), Iso("2025-12-19"), Iso("2025-10-27"),
       Iso("2025-10-31")},
      {TermName::kSpring, Iso("2026-01-05"), Iso("2026-03-27"), Iso("2026-02-16"),
       Iso("2026-02-20")},
      {TermName::kSummer, Iso("2026-04-13"), Iso("2026-07-20"), Iso("2026-05-25"),
       Iso("2026-05-29")},
  };
  return dates;
}

}  // namespace cynnal::domain::testing
