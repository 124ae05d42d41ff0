#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/calendars.h"
#include "app/forms.h"
#include "domain/date.h"

namespace cynnal::http {

// Reading the fields of a JSON request body. Each returns the field's value ("" or empty when it
// is absent or null) and records a wrong type in `errors` under the field's name, as a message id.

// An ISO date ("2026-03-02") as the parts of a date input.
app::DateParts JsonDate(const nlohmann::json& body, const char* key,
                        std::map<std::string, std::string>& errors);
std::string JsonString(const nlohmann::json& body, const char* key,
                       std::map<std::string, std::string>& errors);
// An array of strings.
std::vector<std::string> JsonStrings(const nlohmann::json& body, const char* key,
                                     std::map<std::string, std::string>& errors);
// A whole number, as text (a version, a count).
std::string JsonInteger(const nlohmann::json& body, const char* key,
                        std::map<std::string, std::string>& errors);

inline nlohmann::json JsonIso(domain::Date d) { return domain::FormatIsoDate(d); }
inline nlohmann::json JsonIsoOrNull(const std::optional<domain::Date>& d) {
  return d ? JsonIso(*d) : nlohmann::json(nullptr);
}

// A JSON object's members as a form: strings as they are, integers as digits, booleans as "yes"
// or "", null as "", arrays of strings as lists. Anything else puts "api_error_expected_string"
// (or "api_error_expected_strings") on the member's name; false when any did.
bool JsonToForm(const nlohmann::json& body, app::Form& form,
                std::map<std::string, std::string>& errors);

}  // namespace cynnal::http
