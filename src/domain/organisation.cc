#include "domain/organisation.h"

#include <array>
#include <utility>

namespace cynnal::domain {
namespace {

constexpr std::array<std::pair<SettingType, std::string_view>, 9> kSettingTypes{{
    {SettingType::kNursery, "nursery"},
    {SettingType::kPrimary, "primary"},
    {SettingType::kSecondary, "secondary"},
    {SettingType::kAllThrough, "all_through"},
    {SettingType::kSpecial, "special"},
    {SettingType::kPru, "pru"},
    {SettingType::kFei, "fei"},
    {SettingType::kIndependent, "independent"},
    {SettingType::kNonMaintained, "non_maintained"},
}};

constexpr std::array<std::pair<LanguageMedium, std::string_view>, 4> kMedia{{
    {LanguageMedium::kEnglish, "english"},
    {LanguageMedium::kWelsh, "welsh"},
    {LanguageMedium::kDualStream, "dual_stream"},
    {LanguageMedium::kBilingual, "bilingual"},
}};

}  // namespace

bool IsMaintainedSchool(SettingType type) {
  switch (type) {
    case SettingType::kPrimary:
    case SettingType::kSecondary:
    case SettingType::kAllThrough:
    case SettingType::kSpecial:
    case SettingType::kPru:
      return true;
    default:
      return false;
  }
}

std::string_view Code(SettingType type) {
  for (auto& [t, code] : kSettingTypes)
    if (t == type) return code;
  return "primary";
}

std::string_view Code(LanguageMedium medium) {
  for (auto& [m, code] : kMedia)
    if (m == medium) return code;
  return "english";
}

std::optional<SettingType> SettingTypeFromCode(std::string_view code) {
  for (auto& [t, c] : kSettingTypes)
    if (c == code) return t;
  return std::nullopt;
}

std::optional<LanguageMedium> LanguageMediumFromCode(std::string_view code) {
  for (auto& [m, c] : kMedia)
    if (c == code) return m;
  return std::nullopt;
}

const std::vector<SettingType>& AllSettingTypes() {
  static const std::vector<SettingType> all = [] {
    std::vector<SettingType> v;
    for (auto& [t, c] : kSettingTypes) v.push_back(t);
    return v;
  }();
  return all;
}

const std::vector<LanguageMedium>& AllLanguageMedia() {
  static const std::vector<LanguageMedium> all = [] {
    std::vector<LanguageMedium> v;
    for (auto& [m, c] : kMedia) v.push_back(m);
    return v;
  }();
  return all;
}

}  // namespace cynnal::domain
