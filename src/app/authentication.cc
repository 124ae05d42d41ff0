#include "app/authentication.h"

#include <functional>

#include "domain/access_policy.h"

namespace cynnal::app {
namespace {

using domain::AuditAction;
using domain::Error;

constexpr std::size_t kMinPasswordLength = 10;
constexpr std::size_t kMaxPasswordLength = 256;

Status MayAdministerUser(const Actor& actor, const domain::User& target) {
  if (actor.operator_cli) return domain::Ok();
  if (!domain::MayAdminister(actor.user, domain::AdminAction::kManageUsers, target.local_authority))
    return Error::Forbidden("forbidden");
  return domain::Ok();
}

}  // namespace

Status CheckPassword(const std::string& password) {
  if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength) {
    return Error::InvalidArgument("password_error_length", {{"password", "password_error_length"}});
  }
  return domain::Ok();
}

Result<SignedIn> SignIn(Services& services, const SessionPolicy& policy,
                        const std::string& username, const std::string& password,
                        const std::string& route, const std::string& request_id) {
  auto credentials_error = Error::InvalidArgument("sign_in_error_credentials",
                                                  {{"username", "sign_in_error_credentials"}});
  if (username.empty() || password.empty() || username.size() > 64 ||
      password.size() > kMaxPasswordLength) {
    return credentials_error;
  }
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto found = tx.Users().FindByUsername(username);
  // Check a real hash even for unknown users, so that timing does not reveal which usernames
  // exist.
  if (!found) {
    static const std::string dummy = services.hasher.Hash("not-a-password-of-anyone");
    services.hasher.Verify(dummy, password);
    return credentials_error;
  }
  domain::User user = *found;
  auto now = services.clock.Now();
  Actor actor{user, route, request_id};
  if (user.locked_until && *user.locked_until > now) {
    (void)tx.Audit().Append(
        AuditFor(actor, AuditAction::kSignInFailed, std::nullopt, now, "locked"));
    (void)tx.Commit();
    // The same answer as a wrong password, so that locking tells nobody the username exists.
    return credentials_error;
  }
  bool good = !user.disabled && services.hasher.Verify(user.password_hash, password);
  if (!good) {
    user.failed_sign_ins += 1;
    std::string detail = "failed attempt " + std::to_string(user.failed_sign_ins);
    if (user.failed_sign_ins >= policy.max_failed_sign_ins) {
      user.locked_until = now + policy.lockout;
      user.failed_sign_ins = 0;
      detail += "; locked";
    }
    if (auto s = tx.Users().Update(user); !s) return s.error();
    if (auto s = tx.Audit().Append(
            AuditFor(actor, AuditAction::kSignInFailed, std::nullopt, now, detail));
        !s)
      return s.error();
    if (auto s = tx.Commit(); !s) return s.error();
    return credentials_error;
  }
  user.failed_sign_ins = 0;
  user.locked_until.reset();
  if (auto s = tx.Users().Update(user); !s) return s.error();
  (void)tx.Sessions().RemoveExpired(now - policy.idle_timeout, now - policy.absolute_timeout);
  SignedIn result;
  result.token = services.tokens.NewToken();
  result.session.token_digest = services.tokens.Digest(result.token);
  result.session.user = user.id;
  result.session.csrf_token = services.tokens.NewToken();
  result.session.created_at = now;
  result.session.last_seen_at = now;
  result.user = user;
  if (auto s = tx.Sessions().Add(result.session); !s) return s.error();
  if (auto s = tx.Audit().Append(AuditFor(actor, AuditAction::kSignIn, std::nullopt, now)); !s)
    return s.error();
  if (auto s = tx.Commit(); !s) return s.error();
  return result;
}

Result<ActiveSession> ResumeSession(Services& services, const SessionPolicy& policy,
                                    const std::string& token) {
  if (token.size() != 64) return Error::NotFound("session_expired");
  std::string digest = services.tokens.Digest(token);
  auto now = services.clock.Now();
  std::optional<Session> session;
  std::optional<domain::User> user;
  {
    auto uow = Begin(services, TxMode::kRead);
    if (!uow) return uow.error();
    session = (*uow)->Sessions().Find(digest);
    if (session) user = (*uow)->Users().Get(session->user);
    if (user && user->role == domain::Role::kPanelMember)
      user->panel_learners = (*uow)->Panels().AgendaLearnersFor(user->id);
  }
  if (!session || !user || user->disabled || now - session->last_seen_at > policy.idle_timeout ||
      now - session->created_at > policy.absolute_timeout) {
    return Error::NotFound("session_expired");
  }
  if (now - session->last_seen_at >= policy.touch_interval) {
    auto uow = Begin(services, TxMode::kWrite);
    if (!uow) return uow.error();
    if (auto s = (*uow)->Sessions().Touch(digest, now); !s) return s.error();
    if (auto s = (*uow)->Commit(); !s) return s.error();
    session->last_seen_at = now;
  }
  return ActiveSession{*session, *user};
}

Status SignOut(Services& services, const Actor& actor, const std::string& token) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (auto s = tx.Sessions().Remove(services.tokens.Digest(token)); !s) return s;
  if (auto s = tx.Audit().Append(
          AuditFor(actor, AuditAction::kSignOut, std::nullopt, services.clock.Now()));
      !s)
    return s;
  return tx.Commit();
}

Status SetLanguage(Services& services, const Actor& actor, domain::LetterLanguage language) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto user = tx.Users().Get(actor.user.id);
  if (!user) return Error::NotFound("user_error_not_found");
  if (user->language == language) return domain::Ok();
  user->language = language;
  if (auto s = tx.Users().Update(*user); !s) return s;
  return tx.Commit();
}

Result<domain::UserId> AddUser(Services& services, const Actor& actor, domain::User user,
                               const std::string& password) {
  if (auto s = MayAdministerUser(actor, user); !s) return s.error();
  auto scope = domain::CheckUserScope(user);
  auto pw = CheckPassword(password);
  if (!scope || !pw) {
    std::map<std::string, std::string> fields;
    if (!scope) fields = scope.error().fields;
    if (!pw) fields.insert(pw.error().fields.begin(), pw.error().fields.end());
    return Error::InvalidArgument("user_error_summary", std::move(fields));
  }
  user.password_hash = services.hasher.Hash(password);
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  if (!tx.LocalAuthorities().Get(user.local_authority))
    return Error::InvalidArgument("user_error_summary",
                                  {{"local_authority", "local_authority_error_missing"}});
  for (auto setting_id : user.settings) {
    auto setting = tx.Settings().Get(setting_id);
    if (!setting || setting->local_authority != user.local_authority)
      return Error::InvalidArgument("user_error_summary",
                                    {{"settings", "user_settings_error_missing"}});
  }
  auto id = tx.Users().Add(user);
  if (!id) return id.error();
  Actor audited = actor;
  if (actor.operator_cli) audited.user.local_authority = user.local_authority;
  if (auto s = tx.Audit().Append(AuditFor(
          audited, AuditAction::kAdmin, std::nullopt, services.clock.Now(),
          "user added: " + user.username + " (" + std::string(domain::Code(user.role)) + ")"));
      !s)
    return s.error();
  if (auto s = tx.Commit(); !s) return s.error();
  return *id;
}

namespace {
Status ChangeUser(Services& services, const Actor& actor, const std::string& username,
                  const std::string& detail, const std::function<void(domain::User&)>& change) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto user = tx.Users().FindByUsername(username);
  if (!user) return Error::NotFound("user_error_not_found");
  if (auto s = MayAdministerUser(actor, *user); !s) return s;
  change(*user);
  if (auto s = tx.Users().Update(*user); !s) return s;
  if (auto s = tx.Sessions().RemoveForUser(user->id); !s) return s;
  Actor audited = actor;
  if (actor.operator_cli) audited.user.local_authority = user->local_authority;
  if (auto s = tx.Audit().Append(AuditFor(audited, AuditAction::kAdmin, std::nullopt,
                                          services.clock.Now(), detail + ": " + username));
      !s)
    return s;
  return tx.Commit();
}
}  // namespace

Status ResetPassword(Services& services, const Actor& actor, const std::string& username,
                     const std::string& password) {
  if (auto s = CheckPassword(password); !s) return s;
  std::string hash = services.hasher.Hash(password);
  return ChangeUser(services, actor, username, "password reset", [&](domain::User& user) {
    user.password_hash = hash;
    user.failed_sign_ins = 0;
    user.locked_until.reset();
  });
}

Status DisableUser(Services& services, const Actor& actor, const std::string& username) {
  return ChangeUser(services, actor, username, "user disabled",
                    [](domain::User& user) { user.disabled = true; });
}

}  // namespace cynnal::app
