#include "domain/upn.h"

#include <cctype>
#include <string>

namespace cynnal::domain {
namespace {

// REFERENCE section 9: the check alphabet omits I, O and S.
constexpr std::string_view kCheckAlphabet = "ABCDEFGHJKLMNPQRTUVWXYZ";

std::string Normalise(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct Check {
  std::string message_id;  // empty when valid
  std::string detail;
};

Check Examine(const std::string& upn) {
  if (upn.empty()) return {"upn_error_missing", "no UPN given"};
  if (upn.size() != 13) {
    return {"upn_error_length", "a UPN has 13 characters; this has " + std::to_string(upn.size())};
  }
  if (kCheckAlphabet.find(upn[0]) == std::string_view::npos) {
    return {"upn_error_first", "the first character must be a check letter (A-Z, not I, O or S)"};
  }
  for (std::size_t i = 1; i < 12; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(upn[i]))) {
      return {"upn_error_digits", "characters 2 to 12 must be digits; character " +
                                      std::to_string(i + 1) + " is '" + std::string(1, upn[i]) +
                                      "'"};
    }
  }
  if (!std::isdigit(static_cast<unsigned char>(upn[12])) &&
      kCheckAlphabet.find(upn[12]) == std::string_view::npos) {
    return {"upn_error_last",
            "the last character must be a digit, or a letter (not I, O or S) for a temporary UPN"};
  }
  auto expected = UpnCheckLetter(std::string_view(upn).substr(1));
  if (!expected || *expected != upn[0]) {
    return {"upn_error_check", "the check letter should be '" + std::string(1, *expected) +
                                   "', not '" + std::string(1, upn[0]) + "'"};
  }
  return {};
}

}  // namespace

std::optional<char> UpnCheckLetter(std::string_view rest) {
  if (rest.size() != 12) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    int position = static_cast<int>(i) + 2;
    char c = rest[i];
    int value = 0;
    if (std::isdigit(static_cast<unsigned char>(c))) {
      value = c - '0';
    } else if (position == 13 && kCheckAlphabet.find(c) != std::string_view::npos) {
      value = static_cast<int>(kCheckAlphabet.find(c));
    } else {
      return std::nullopt;
    }
    sum += value * position;
  }
  return kCheckAlphabet[static_cast<std::size_t>(sum % 23)];
}

Result<Upn> Upn::Parse(std::string_view text) {
  std::string upn = Normalise(text);
  Check check = Examine(upn);
  if (!check.message_id.empty()) {
    return Error::InvalidArgument(check.message_id, {{"upn", check.message_id}});
  }
  return Upn(std::move(upn));
}

std::optional<std::string> UpnSearchPrefix(std::string_view term) {
  if (term.empty() || term.size() > 13) return std::nullopt;
  bool digit = false;
  std::string upper;
  for (char c : term) {
    bool is_digit = c >= '0' && c <= '9';
    bool is_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!is_digit && !is_letter) return std::nullopt;
    digit = digit || is_digit;
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!digit) return std::nullopt;
  return upper;
}

std::string UpnProblem(std::string_view text) { return Examine(Normalise(text)).detail; }

bool Upn::temporary() const { return !std::isdigit(static_cast<unsigned char>(text_[12])); }

int Upn::LaNumber() const { return std::stoi(text_.substr(1, 3)); }

}  // namespace cynnal::domain
