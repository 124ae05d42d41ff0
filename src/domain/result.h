#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cynnal::domain {

// The kinds of expected failure. Only http/error_response maps these to HTTP statuses.
enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kForbidden,
  kConflict,
  kUnavailable,
  kInternal,
};

// An expected failure: a code, a message for a caseworker or administrator (a message id from
// the PO catalogues where it is shown to users), and per-field messages keyed by field name.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::map<std::string, std::string> fields;

  static Error InvalidArgument(std::string message,
                               std::map<std::string, std::string> fields = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error Forbidden(std::string message) {
    return {ErrorCode::kForbidden, std::move(message), {}};
  }
  static Error Conflict(std::string message, std::map<std::string, std::string> fields = {}) {
    return {ErrorCode::kConflict, std::move(message), std::move(fields)};
  }
  static Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
  }
};

// Wraps an Error so that Result<T> can be built from it unambiguously (as std::unexpected).
struct Unexpected {
  Error error;
};
inline Unexpected Fail(Error error) { return Unexpected{std::move(error)}; }
// Bad input: the form's title message and a message per field.
inline Unexpected Invalid(std::string message, std::map<std::string, std::string> fields) {
  return Fail(Error::InvalidArgument(std::move(message), std::move(fields)));
}

// A value or an Error, with the member names of std::expected (has_value, value, error).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Unexpected failure)
      : state_(std::in_place_index<1>, std::move(failure.error)) {}          // NOLINT
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Unexpected failure) : error_(std::move(failure.error)) {}  // NOLINT
  Result(Error error) : error_(std::move(error)) {}                 // NOLINT

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;
inline Status Ok() { return {}; }

}  // namespace cynnal::domain
