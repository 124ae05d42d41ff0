#include "domain/learner.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "domain/text.h"

namespace cynnal::domain {
namespace {

bool Overlap(const Registration& a, const Registration& b) {
  auto a_end =
      a.end.value_or(Date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}});
  auto b_end =
      b.end.value_or(Date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}});
  return a.start <= b_end && b.start <= a_end;
}

constexpr std::size_t kMaxNameLength = 100;

}  // namespace

std::string_view Code(LetterLanguage language) {
  return language == LetterLanguage::kWelsh ? "cy" : "en";
}

std::optional<LetterLanguage> LetterLanguageFromCode(std::string_view code) {
  if (code == "cy") return LetterLanguage::kWelsh;
  if (code == "en") return LetterLanguage::kEnglish;
  return std::nullopt;
}

bool Registration::ActiveOn(Date date) const { return start <= date && (!end || date <= *end); }

std::string Learner::DisplayName() const {
  return (preferred_name.empty() ? legal_first_name : preferred_name) + " " + legal_last_name;
}

std::vector<Registration> Learner::RegistrationsOn(Date date) const {
  std::vector<Registration> out;
  for (const auto& r : registrations)
    if (r.ActiveOn(date)) out.push_back(r);
  return out;
}

bool Learner::DuallyRegisteredOn(Date date) const {
  std::set<SettingId> settings;
  for (const auto& r : registrations)
    if (r.ActiveOn(date)) settings.insert(r.setting);
  return settings.size() >= 2;
}

Date SchoolYearStart(Date date) {
  using namespace std::chrono;
  auto y = date.month() >= September ? date.year() : date.year() - years{1};
  return Date{y, September, day{1}};
}

int YearGroupOn(Date date_of_birth, Date on) {
  int cohort = static_cast<int>(SchoolYearStart(date_of_birth).year());
  int current = static_cast<int>(SchoolYearStart(on).year());
  // A child born in school year C starts Reception in the school year starting C + 5 (age 4-5).
  return current - cohort - 5;
}

Date CompulsorySchoolAgeStarts(Date date_of_birth) {
  using namespace std::chrono;
  Date fifth = Anniversary(date_of_birth, 5);
  for (Date candidate :
       {Date{fifth.year(), January, day{1}}, Date{fifth.year(), April, day{1}},
        Date{fifth.year(), September, day{1}}, Date{fifth.year() + years{1}, January, day{1}}}) {
    if (candidate > fifth) return candidate;
  }
  return fifth;  // unreachable: 1 January of the next year is always after the birthday
}

Date CompulsorySchoolAgeEnds(Date date_of_birth) {
  using namespace std::chrono;
  Date sixteenth = Anniversary(date_of_birth, 16);
  auto june_year = SchoolYearStart(sixteenth).year() + years{1};
  return Date{sys_days{year_month_weekday_last{june_year, June, weekday_last{Friday}}}};
}

bool OfCompulsorySchoolAge(Date date_of_birth, Date on) {
  return CompulsorySchoolAgeStarts(date_of_birth) <= on &&
         on <= CompulsorySchoolAgeEnds(date_of_birth);
}

Status ApplyLearnerInput(const LearnerInput& input, Date today, Learner& learner) {
  std::map<std::string, std::string> fields;
  auto name = [&](const std::string& field, const std::string& value, bool required,
                  std::string& out) {
    std::string v = Trim(value);
    if (required && v.empty()) {
      fields[field] = field + "_error_missing";
    } else if (v.size() > kMaxNameLength) {
      fields[field] = "name_error_too_long";
    } else {
      out = v;
    }
  };
  std::string first, last, preferred, home;
  name("legal_first_name", input.legal_first_name, true, first);
  name("legal_last_name", input.legal_last_name, true, last);
  name("preferred_name", input.preferred_name, false, preferred);
  name("home_language", input.home_language, true, home);

  std::optional<Date> dob;
  if (Trim(input.dob_day).empty() && Trim(input.dob_month).empty() &&
      Trim(input.dob_year).empty()) {
    fields["dob"] = "dob_error_missing";
  } else if (!(dob = DateFromParts(input.dob_day, input.dob_month, input.dob_year))) {
    fields["dob"] = "dob_error_invalid";
  } else if (*dob > today) {
    fields["dob"] = "dob_error_future";
  } else if (YearGroupOn(*dob, today) > 20) {
    fields["dob"] = "dob_error_too_old";
  }

  auto upn = Upn::Parse(input.upn);
  if (!upn) fields["upn"] = upn.error().message;

  auto letters = LetterLanguageFromCode(Trim(input.letter_language));
  if (!letters) fields["letter_language"] = "letter_language_error_missing";

  std::optional<LocalAuthorityId> looked_after_by;
  if (input.looked_after) {
    if (auto id = ParsePositiveId(Trim(input.looked_after_by))) {
      looked_after_by = LocalAuthorityId{*id};
    } else {
      fields["looked_after_by"] = "looked_after_by_error_missing";
    }
  }

  if (!fields.empty()) return Error::InvalidArgument("learner_error_summary", std::move(fields));

  learner.legal_first_name = first;
  learner.legal_last_name = last;
  learner.preferred_name = preferred == first ? "" : preferred;
  learner.date_of_birth = *dob;
  learner.upn = *upn;
  learner.home_language = home;
  learner.letter_language = *letters;
  learner.welsh_medium = input.welsh_medium;
  learner.looked_after = input.looked_after;
  learner.looked_after_by = looked_after_by;
  learner.electively_home_educated = input.electively_home_educated;
  return Ok();
}

Status CheckRegistration(const Learner& learner, const Registration& registration) {
  if (registration.end && *registration.end < registration.start) {
    return Error::InvalidArgument("registration_error_summary",
                                  {{"end", "registration_error_end_before_start"}});
  }
  if (registration.start < learner.date_of_birth) {
    return Error::InvalidArgument("registration_error_summary",
                                  {{"start", "registration_error_before_birth"}});
  }
  for (const auto& existing : learner.registrations) {
    if (existing.setting == registration.setting && Overlap(existing, registration)) {
      return Error::Conflict("registration_error_summary",
                             {{"start", "registration_error_overlap"}});
    }
  }
  return Ok();
}

}  // namespace cynnal::domain
