#include "app/forms.h"

namespace cynnal::app {

std::string Form::Value(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::string() : it->second;
}

bool Form::Has(const std::string& name) const {
  return values.count(name) > 0 || lists.count(name) > 0;
}

std::vector<std::string> Form::List(const std::string& name) const {
  auto it = lists.find(name);
  if (it != lists.end()) return it->second;
  auto single = values.find(name);
  if (single != values.end() && !single->second.empty()) return {single->second};
  return {};
}

std::optional<domain::Date> FormDate(const Form& form, const std::string& name, FormFields& fields,
                                     bool required) {
  if (form.Has(name)) {
    const std::string iso = domain::Trim(form.Value(name));
    if (iso.empty()) {
      if (required) fields.emplace(name, "idp_error_date_missing");
      return std::nullopt;
    }
    auto date = domain::ParseIsoDate(iso);
    if (!date) fields.emplace(name, "idp_error_date_invalid");
    return date;
  }
  const std::string d = domain::Trim(form.Value(name + "-day"));
  const std::string m = domain::Trim(form.Value(name + "-month"));
  const std::string y = domain::Trim(form.Value(name + "-year"));
  if (d.empty() && m.empty() && y.empty()) {
    if (required) fields.emplace(name, "idp_error_date_missing");
    return std::nullopt;
  }
  auto date = domain::DateFromParts(d, m, y);
  if (!date) fields.emplace(name, "idp_error_date_invalid");
  return date;
}

int FormNumber(const Form& form, const std::string& name, FormFields& fields) {
  const std::string text = domain::Trim(form.Value(name));
  if (text.empty()) return 0;
  auto n = domain::ParseWholeNumber(text);
  if (!n || *n < 0 || *n > 100000) {
    fields.emplace(name, "idp_error_number");
    return 0;
  }
  return static_cast<int>(*n);
}

std::string FormText(const Form& form, const std::string& name) {
  return domain::Trim(form.Value(name));
}

domain::Status MergeFields(const domain::Result<void>& step, FormFields& fields) {
  if (step) return domain::Ok();
  if (step.error().code != domain::ErrorCode::kInvalidArgument) return step.error();
  for (const auto& [k, v] : step.error().fields) fields.emplace(k, v);
  return domain::Ok();
}

}  // namespace cynnal::app
