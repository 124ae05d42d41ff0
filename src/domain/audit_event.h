#pragma once

#include <optional>
#include <string>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/user.h"

namespace cynnal::domain {

// What was done to a learner's data (or to the system) that the audit records.
enum class AuditAction {
  kView,
  kCreate,
  kUpdate,
  kExport,
  kSignIn,
  kSignInFailed,
  kSignOut,
  kAdmin
};
std::string_view Code(AuditAction action);  // "view", "create", ...
std::optional<AuditAction> AuditActionFromCode(std::string_view code);

// One row of the audit trail. Appended in the same transaction as the change it records.
struct AuditEvent {
  AuditEventId id;
  LocalAuthorityId local_authority;
  Timestamp at;  // UTC
  std::optional<UserId> user;
  std::string username;
  Role role = Role::kTeacher;
  AuditAction action = AuditAction::kView;
  std::optional<LearnerId> learner;
  // The learner's own LA when it differs from `local_authority` (the actor's): both LAs' audit
  // searches find the row.
  std::optional<LocalAuthorityId> learner_local_authority;
  std::string route;       // "GET /learners/12"
  std::string request_id;  // matches the server log line
  std::string detail;      // what changed, in field names; never another learner's data
};

}  // namespace cynnal::domain
