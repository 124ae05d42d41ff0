#include "http/error_response.h"

namespace cynnal::http {

int HttpStatus(domain::ErrorCode code) {
  switch (code) {
    case domain::ErrorCode::kInvalidArgument:
      return 422;
    case domain::ErrorCode::kNotFound:
      return 404;
    case domain::ErrorCode::kForbidden:
      return 403;
    case domain::ErrorCode::kConflict:
      return 409;
    case domain::ErrorCode::kUnavailable:
      return 503;
    case domain::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace cynnal::http
