#pragma once

#include "domain/result.h"

namespace cynnal::http {

// The one place an ErrorCode becomes an HTTP status.
int HttpStatus(domain::ErrorCode code);

}  // namespace cynnal::http
