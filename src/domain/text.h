#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cynnal::domain {

// `text` without leading and trailing spaces, tabs and line breaks.
std::string Trim(std::string_view text);

// The whole number (0 or more) `text` spells: digits only, no sign or spaces; nullopt otherwise
// or if it is too large.
std::optional<long long> ParseWholeNumber(std::string_view text);

// The positive whole number `text` spells (digits only, no sign or spaces); nullopt otherwise,
// or if it is zero or too large. For ids typed into forms and URLs.
std::optional<long long> ParsePositiveId(std::string_view text);

// How many characters (Unicode code points) UTF-8 `text` holds: its bytes less the continuation
// bytes. Limits on typed text count characters, so Welsh's ŵ and ŷ count once.
std::size_t CharacterCount(std::string_view text);

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Whether a trimmed email address looks like one: something before an "@", a dot after it, no
// spaces, at most 254 characters. Not a proof that it is delivered.
bool LooksLikeEmail(std::string_view email);

}  // namespace cynnal::domain
