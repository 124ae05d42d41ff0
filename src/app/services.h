#pragma once

#include <optional>
#include <string>

#include "app/ports/clock.h"
#include "app/ports/secrets.h"
#include "app/ports/unit_of_work.h"
#include "domain/audit_event.h"
#include "domain/learner.h"
#include "domain/user.h"

namespace cynnal::app {

// What every use case needs from outside the domain.
struct Services {
  Store& store;
  const Clock& clock;
  const PasswordHasher& hasher;
  TokenSource& tokens;
};

// Who is acting and through which request; every audit row carries these.
struct Actor {
  domain::User user;
  std::string route;       // "GET /learners/12"
  std::string request_id;  // as in the server log
  // True for the command line run by the machine's operator: administration is allowed without
  // a signed-in administrator; audit rows name "cli".
  bool operator_cli = false;
};

// An audit row for `actor` doing `action` now, about `learner` if given.
domain::AuditEvent AuditFor(const Actor& actor, domain::AuditAction action,
                            std::optional<domain::LearnerId> learner, domain::Timestamp at,
                            std::string detail = {});

// The same, about `learner`, recording the learner's own LA when it is not the actor's.
domain::AuditEvent AuditFor(const Actor& actor, domain::AuditAction action,
                            const domain::Learner& learner, domain::Timestamp at,
                            std::string detail = {});

// Begins a unit of work, or the store's kUnavailable error.
Result<std::unique_ptr<UnitOfWork>> Begin(Services& services, TxMode mode);

}  // namespace cynnal::app
