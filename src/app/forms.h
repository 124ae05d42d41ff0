#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/result.h"
#include "domain/text.h"

namespace cynnal::app {

// A form as typed (a page's fields or an API body): single values, and lists for checkboxes.
// Dates are read from "<name>-day", "<name>-month" and "<name>-year", or from "<name>" as
// YYYY-MM-DD (the API).
struct Form {
  std::map<std::string, std::string> values;
  std::map<std::string, std::vector<std::string>> lists;
  std::string Value(const std::string& name) const;
  bool Has(const std::string& name) const;
  // The values of a checkbox list (empty when none was ticked).
  std::vector<std::string> List(const std::string& name) const;
};

// Per-field messages gathered while reading a form, keyed by field name.
using FormFields = std::map<std::string, std::string>;

// The date typed in `name`, or nullopt when it is blank ("idp_error_date_missing" on the field if
// it is required) or not a real date ("idp_error_date_invalid").
std::optional<domain::Date> FormDate(const Form& form, const std::string& name, FormFields& fields,
                                     bool required = false);
// The whole number typed (0 when blank); "idp_error_number" unless 0 to 100,000.
int FormNumber(const Form& form, const std::string& name, FormFields& fields);
// The trimmed text of a field.
std::string FormText(const Form& form, const std::string& name);
// The enum value whose code was chosen (nullopt when blank; "idp_error_choice" when unknown).
template <typename E, typename Parse>
std::optional<E> FormCode(const Form& form, const std::string& name, Parse parse,
                          FormFields& fields) {
  const std::string code = FormText(form, name);
  if (code.empty()) return std::nullopt;
  auto value = parse(code);
  if (!value) fields.emplace(name, "idp_error_choice");
  return value;
}
// Keeps the first message per field of a domain step that failed with kInvalidArgument, or passes
// on any other refusal as it is.
domain::Status MergeFields(const domain::Result<void>& step, FormFields& fields);

}  // namespace cynnal::app
