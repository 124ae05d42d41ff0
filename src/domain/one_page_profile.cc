#include "domain/one_page_profile.h"

#include "domain/code_table.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

constexpr CodeTable<SupportLevel, 2> kLevels = {{
    {SupportLevel::kUniversal, "universal"},
    {SupportLevel::kTargeted, "targeted"},
}};

}  // namespace

std::string_view Code(SupportLevel level) { return CodeIn(kLevels, level); }
std::optional<SupportLevel> SupportLevelFromCode(std::string_view code) {
  return FromCodeIn(kLevels, code);
}
const std::vector<SupportLevel>& AllSupportLevels() {
  static const std::vector<SupportLevel> all = AllIn(kLevels);
  return all;
}

Date OnePageProfile::ReviewYearStartsOn() const {
  return reviewed_on.empty() ? written_on : reviewed_on.back();
}

Result<void> CheckProfile(const ProfileContent& content, Date written_on, Date today) {
  std::map<std::string, std::string> fields;
  auto check = [&](const std::string& text, const char* field) {
    if (text.size() > kMaxPlanText) fields.emplace(field, "idp_error_too_long");
  };
  check(content.admired, "admired");
  check(content.important, "important");
  check(content.support, "support");
  check(content.written_with, "written_with");
  if (Trim(content.admired).empty() && Trim(content.important).empty() &&
      Trim(content.support).empty()) {
    fields.emplace("admired", "profile_error_empty");
  }
  if (today < written_on) fields.emplace("written_on", "idp_error_date_future");
  if (!fields.empty()) {
    return Fail(Error::InvalidArgument("idp_error_title", std::move(fields)));
  }
  return {};
}

Result<void> ReviewProfile(OnePageProfile& profile, const ProfileContent& content, Date on,
                           Date today) {
  if (profile.closed) return Fail(Error::Conflict("profile_error_closed"));
  if (today < on) {
    return Fail(
        Error::InvalidArgument("idp_error_title", {{"reviewed_on", "idp_error_date_future"}}));
  }
  if (auto ok = CheckProfile(content, on, today); !ok) return ok;
  if (on < profile.ReviewYearStartsOn()) {
    return Fail(Error::InvalidArgument("idp_error_title",
                                       {{"reviewed_on", "profile_error_review_too_early"},
                                        {"date", FormatIsoDate(profile.ReviewYearStartsOn())}}));
  }
  profile.content = content;
  profile.reviewed_on.push_back(on);
  return {};
}

}  // namespace cynnal::domain
