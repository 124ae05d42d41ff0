#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace cynnal::domain {

// A fixed table of an enum's values and their stable codes (the strings used in storage, URLs
// and catalogue message ids).
template <typename E, std::size_t N>
using CodeTable = std::array<std::pair<E, std::string_view>, N>;

// The code of `value`; the first code if the table lacks it.
template <typename E, std::size_t N>
std::string_view CodeIn(const CodeTable<E, N>& table, E value) {
  for (const auto& [v, code] : table)
    if (v == value) return code;
  return table[0].second;
}

// The value whose code is `code`, if any.
template <typename E, std::size_t N>
std::optional<E> FromCodeIn(const CodeTable<E, N>& table, std::string_view code) {
  for (const auto& [v, c] : table)
    if (c == code) return v;
  return std::nullopt;
}

// Every value, in table order.
template <typename E, std::size_t N>
std::vector<E> AllIn(const CodeTable<E, N>& table) {
  std::vector<E> all;
  for (const auto& entry : table) all.push_back(entry.first);
  return all;
}

}  // namespace cynnal::domain
