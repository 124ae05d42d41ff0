#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/ids.h"

namespace cynnal::domain {

// A local authority in Wales (REFERENCE section 9: LA numbers 660-681).
struct LocalAuthority {
  LocalAuthorityId id;
  std::string name_en;
  std::string name_cy;
  int la_number = 0;
};

// A local health board, to which learners may be referred (Act s.20).
struct HealthBoard {
  HealthBoardId id;
  std::string name_en;
  std::string name_cy;
};

enum class SettingType {
  kNursery,
  kPrimary,
  kSecondary,
  kAllThrough,
  kSpecial,
  kPru,
  kFei,
  kIndependent,
  kNonMaintained,
};

enum class LanguageMedium { kEnglish, kWelsh, kDualStream, kBilingual };

// A learning support centre or resource base attached to a setting, with its commissioned places.
struct ResourceBase {
  std::string name;
  std::string area_of_need;
  int places = 0;
};

// A school or other setting where learners are registered.
struct Setting {
  SettingId id;
  LocalAuthorityId local_authority;
  std::string name;
  // Four digits, unique within the LA (the DfE number is LA number + this).
  std::string establishment_number;
  SettingType type = SettingType::kPrimary;
  LanguageMedium language_medium = LanguageMedium::kEnglish;
  std::vector<ResourceBase> resource_bases;
};

// Whether the setting is a maintained school for the purpose of who decides (REFERENCE section 2).
bool IsMaintainedSchool(SettingType type);

// Stable codes used in storage, URLs and catalogue message ids ("primary", "welsh", ...).
std::string_view Code(SettingType type);
std::string_view Code(LanguageMedium medium);
std::optional<SettingType> SettingTypeFromCode(std::string_view code);
std::optional<LanguageMedium> LanguageMediumFromCode(std::string_view code);
const std::vector<SettingType>& AllSettingTypes();
const std::vector<LanguageMedium>& AllLanguageMedia();

}  // namespace cynnal::domain
