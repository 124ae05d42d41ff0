#pragma once

#include "app/ports/secrets.h"

namespace cynnal::platform {

// argon2id (libsodium crypto_pwhash_str_alg) with the interactive limits, or, for tests only,
// the minimum limits (fast but still a real argon2id hash).
class SodiumPasswordHasher final : public app::PasswordHasher {
 public:
  enum class Strength { kInteractive, kMinimumForTests };
  explicit SodiumPasswordHasher(Strength strength = Strength::kInteractive);
  std::string Hash(std::string_view password) const override;
  bool Verify(std::string_view encoded_hash, std::string_view password) const override;

 private:
  unsigned long long ops_;
  std::size_t mem_;
};

// Tokens from libsodium's CSPRNG; digests with BLAKE2b (crypto_generichash).
class SodiumTokenSource final : public app::TokenSource {
 public:
  SodiumTokenSource();
  std::string NewToken() override;
  std::string Digest(std::string_view token) const override;
};

}  // namespace cynnal::platform
