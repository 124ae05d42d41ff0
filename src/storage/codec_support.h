#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"

// Shared by the JSON records of the stores (case_codec, plan_codec): dates as ISO text, instants
// as FormatTimestamp text, optional ids as numbers or null, enums by their codes.
namespace cynnal::storage::codec {

using domain::Date;
using nlohmann::json;

// A record that does not decode: caught at the edge of each Decode function.
struct BadRecord : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline json D(Date date) { return domain::FormatIsoDate(date); }
inline json D(const std::optional<Date>& date) { return date ? D(*date) : json(nullptr); }
inline json T(domain::Timestamp at) { return domain::FormatTimestamp(at); }
template <typename IdT>
inline json I(const std::optional<IdT>& id) {
  return id ? json(id->value()) : json(nullptr);
}

inline Date ToDate(const json& j) {
  auto date = domain::ParseIsoDate(j.get<std::string>());
  if (!date) throw BadRecord("a date");
  return *date;
}
inline std::optional<Date> ToOptionalDate(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return ToDate(j.at(key));
}
inline domain::Timestamp ToTimestamp(const json& j) {
  auto at = domain::ParseTimestamp(j.get<std::string>());
  if (!at) throw BadRecord("a timestamp");
  return *at;
}
template <typename IdT>
std::optional<IdT> ToOptionalId(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return IdT{j.at(key).get<std::int64_t>()};
}
template <typename E, typename Parse>
E ToEnum(const json& j, Parse parse) {
  auto value = parse(j.get<std::string>());
  if (!value) throw BadRecord("a code");
  return *value;
}
template <typename E>
json Codes(const std::set<E>& values) {
  json out = json::array();
  for (E v : values) out.push_back(std::string(domain::Code(v)));
  return out;
}
template <typename E, typename Parse>
std::set<E> ToSet(const json& j, Parse parse) {
  std::set<E> out;
  for (const auto& v : j) out.insert(ToEnum<E>(v, parse));
  return out;
}

template <typename E>
json C(const std::optional<E>& value) {
  return value ? json(std::string(domain::Code(*value))) : json(nullptr);
}
template <typename E, typename Parse>
std::optional<E> ToOptionalEnum(const json& j, const char* key, Parse parse) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  return ToEnum<E>(j.at(key), parse);
}
inline std::string S(const json& j, const char* key) { return j.at(key).get<std::string>(); }
inline domain::UserId U(const json& j, const char* key) {
  return domain::UserId{j.at(key).get<std::int64_t>()};
}

// Parses a stored record with `decode`; kInternal naming `what` when it is not one Cynnal wrote.
template <typename T, typename Decode>
domain::Result<T> DecodeRecord(const std::string& record, const char* what, Decode decode) {
  try {
    return decode(json::parse(record));
  } catch (const json::exception& e) {
    return domain::Error::Internal(std::string("A stored ") + what +
                                   " could not be read: " + e.what());
  } catch (const BadRecord& e) {
    return domain::Error::Internal(std::string("A stored ") + what + " holds an unknown value in " +
                                   e.what() + ".");
  }
}

}  // namespace cynnal::storage::codec
