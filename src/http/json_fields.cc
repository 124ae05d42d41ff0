#include "http/json_fields.h"

namespace cynnal::http {

using nlohmann::json;

app::DateParts JsonDate(const json& body, const char* key,
                        std::map<std::string, std::string>& errors) {
  if (!body.contains(key) || body[key].is_null()) return {};
  if (!body[key].is_string()) {
    errors[key] = "api_error_expected_date";
    return {};
  }
  auto d = domain::ParseIsoDate(body[key].get<std::string>());
  if (!d) {
    errors[key] = "api_error_expected_date";
    return {};
  }
  return {std::to_string(static_cast<unsigned>(d->day())),
          std::to_string(static_cast<unsigned>(d->month())),
          std::to_string(static_cast<int>(d->year()))};
}

std::string JsonString(const json& body, const char* key,
                       std::map<std::string, std::string>& errors) {
  if (!body.contains(key) || body[key].is_null()) return "";
  if (!body[key].is_string()) {
    errors[key] = "api_error_expected_string";
    return "";
  }
  return body[key].get<std::string>();
}

std::vector<std::string> JsonStrings(const json& body, const char* key,
                                     std::map<std::string, std::string>& errors) {
  std::vector<std::string> out;
  if (!body.contains(key) || body[key].is_null()) return out;
  if (!body[key].is_array()) {
    errors[key] = "api_error_expected_strings";
    return out;
  }
  for (const auto& item : body[key]) {
    if (!item.is_string()) {
      errors[key] = "api_error_expected_strings";
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::string JsonInteger(const json& body, const char* key,
                        std::map<std::string, std::string>& errors) {
  if (!body.contains(key) || body[key].is_null()) return "";
  if (!body[key].is_number_integer()) {
    errors[key] = "api_error_expected_integer";
    return "";
  }
  return std::to_string(body[key].get<long long>());
}

}  // namespace cynnal::http
