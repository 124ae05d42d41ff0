#include "platform/system_clock.h"

#include <chrono>

namespace cynnal::platform {

domain::Timestamp SystemClock::Now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

domain::Timestamp FixedClock::Now() const {
  return domain::Timestamp{std::chrono::seconds{now_.load()}};
}

}  // namespace cynnal::platform
