#include "domain/text.h"

#include <charconv>

namespace cynnal::domain {

std::string Trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return "";
  auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::optional<long long> ParseWholeNumber(std::string_view text) {
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<long long> ParsePositiveId(std::string_view text) {
  auto value = ParseWholeNumber(text);
  if (!value || *value == 0) return std::nullopt;
  return value;
}

}  // namespace cynnal::domain
