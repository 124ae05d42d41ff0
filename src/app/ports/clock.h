#pragma once

#include "domain/date.h"

namespace cynnal::app {

// Where "now" comes from. The system adapter reads the real clock; tests set it.
class Clock {
 public:
  virtual ~Clock() = default;
  // The current instant, UTC.
  virtual domain::Timestamp Now() const = 0;
  // Today's date in Wales.
  domain::Date Today() const { return domain::DateInWales(Now()); }
};

}  // namespace cynnal::app
