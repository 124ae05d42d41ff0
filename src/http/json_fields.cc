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

bool JsonToForm(const nlohmann::json& body, app::Form& form,
                std::map<std::string, std::string>& errors) {
  for (const auto& [key, value] : body.items()) {
    if (value.is_string()) {
      form.values[key] = value.get<std::string>();
    } else if (value.is_number_integer()) {
      form.values[key] = std::to_string(value.get<long long>());
    } else if (value.is_boolean()) {
      form.values[key] = value.get<bool>() ? "yes" : "";
    } else if (value.is_null()) {
      form.values[key] = "";
    } else if (value.is_array()) {
      auto& list = form.lists[key];
      for (const auto& item : value) {
        if (!item.is_string()) {
          errors.emplace(key, "api_error_expected_strings");
          break;
        }
        list.push_back(item.get<std::string>());
      }
    } else {
      errors.emplace(key, "api_error_expected_string");
    }
  }
  return errors.empty();
}

}  // namespace cynnal::http
