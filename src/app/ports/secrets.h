#pragma once

#include <string>
#include <string_view>

namespace cynnal::app {

// Hashes and checks passwords (argon2id in production).
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  // An encoded hash that carries its own salt and parameters.
  virtual std::string Hash(std::string_view password) const = 0;
  virtual bool Verify(std::string_view encoded_hash, std::string_view password) const = 0;
};

// Unguessable tokens for session cookies and CSRF.
class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // 32 random bytes as 64 lower-case hex digits.
  virtual std::string NewToken() = 0;
  // A one-way digest of a token, stored instead of the token itself (hex).
  virtual std::string Digest(std::string_view token) const = 0;
};

}  // namespace cynnal::app
