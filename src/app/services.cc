#include "app/services.h"

namespace cynnal::app {

domain::AuditEvent AuditFor(const Actor& actor, domain::AuditAction action,
                            std::optional<domain::LearnerId> learner, domain::Timestamp at,
                            std::string detail) {
  domain::AuditEvent event;
  event.local_authority = actor.user.local_authority;
  event.at = at;
  if (actor.user.id.valid()) event.user = actor.user.id;
  event.username = actor.user.username;
  event.role = actor.user.role;
  event.action = action;
  event.learner = learner;
  event.route = actor.route;
  event.request_id = actor.request_id;
  event.detail = std::move(detail);
  return event;
}

domain::AuditEvent AuditFor(const Actor& actor, domain::AuditAction action,
                            const domain::Learner& learner, domain::Timestamp at,
                            std::string detail) {
  auto event = AuditFor(actor, action, learner.id, at, std::move(detail));
  if (learner.local_authority != event.local_authority)
    event.learner_local_authority = learner.local_authority;
  return event;
}

Result<std::unique_ptr<UnitOfWork>> Begin(Services& services, TxMode mode) {
  return services.store.Begin(mode);
}

}  // namespace cynnal::app
