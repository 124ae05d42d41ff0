#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace cynnal::domain {

// A Unique Pupil Number (REFERENCE section 9): 13 characters, a check letter, the LA number (3
// digits), the establishment number (4), the last two digits of the year allocated and a 3-digit
// serial; a temporary UPN ends in a letter. Holds only valid, upper-case UPNs.
class Upn {
 public:
  // Accepts surrounding spaces and lower case. On failure, the error's message is a message id
  // from the catalogues ("upn_error_*") and its `fields["upn"]` the same id; `detail` says which
  // character is wrong in English for the CLI.
  static Result<Upn> Parse(std::string_view text);

  const std::string& str() const { return text_; }
  bool temporary() const;
  // The LA number encoded in characters 2-4 (Welsh LAs are 660-681).
  int LaNumber() const;
  friend bool operator==(const Upn&, const Upn&) = default;

 private:
  explicit Upn(std::string text) : text_(std::move(text)) {}
  std::string text_;
};

// The check letter for characters 2-13 of a UPN: the sum of each character's value times its
// position (2..13), a letter in position 13 counting as its index in ABCDEFGHJKLMNPQRTUVWXYZ,
// mod 23, mapped to that alphabet. nullopt if `rest` is not 12 such characters.
std::optional<char> UpnCheckLetter(std::string_view rest);

// The upper-case start of a UPN that a search term stands for: 1 to 13 letters and digits with
// at least one digit (a check letter alone says nothing). nullopt for other terms.
std::optional<std::string> UpnSearchPrefix(std::string_view term);

// Why a UPN is not valid, in plain English for the command line; empty if it is valid.
std::string UpnProblem(std::string_view text);

}  // namespace cynnal::domain
