#pragma once

#include <atomic>

#include "app/ports/clock.h"

namespace cynnal::platform {

// The machine's clock.
class SystemClock final : public app::Clock {
 public:
  domain::Timestamp Now() const override;
};

// A clock that stays where it is set; for tests and demos.
class FixedClock final : public app::Clock {
 public:
  explicit FixedClock(domain::Timestamp now) : now_(now.time_since_epoch().count()) {}
  domain::Timestamp Now() const override;
  void Set(domain::Timestamp now) { now_ = now.time_since_epoch().count(); }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace cynnal::platform
