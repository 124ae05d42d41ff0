#pragma once

#include <chrono>
#include <string>

#include "app/services.h"

namespace cynnal::app {

// Session and sign-in rules.
struct SessionPolicy {
  std::chrono::seconds idle_timeout{30 * 60};           // signed out after 30 minutes idle
  std::chrono::seconds absolute_timeout{12 * 60 * 60};  // and 12 hours after signing in
  std::chrono::seconds touch_interval{60};              // last-seen is written at most this often
  int max_failed_sign_ins = 5;                          // then the account is locked ...
  std::chrono::seconds lockout{15 * 60};                // ... for this long
};

struct SignedIn {
  std::string token;  // the cookie value; only its digest is stored
  Session session;
  domain::User user;
};

// Checks the password and opens a session. Unknown user, wrong password, disabled account and
// locked account all answer kInvalidArgument "sign_in_error_credentials" (whose text says that
// 5 wrong attempts lock the account for 15 minutes), so the page never tells which usernames
// exist. Audits success and failure of known users.
Result<SignedIn> SignIn(Services& services, const SessionPolicy& policy,
                        const std::string& username, const std::string& password,
                        const std::string& route, const std::string& request_id);

struct ActiveSession {
  Session session;
  domain::User user;
};

// The session and its user for a cookie token, or kNotFound if there is none, it has expired,
// or the user is disabled. Refreshes last-seen at most once per touch_interval.
Result<ActiveSession> ResumeSession(Services& services, const SessionPolicy& policy,
                                    const std::string& token);

// Ends the session (and audits it). Unknown tokens are ignored.
Status SignOut(Services& services, const Actor& actor, const std::string& token);

// Remembers the user's choice of English or Welsh.
Status SetLanguage(Services& services, const Actor& actor, domain::LetterLanguage language);

// kInvalidArgument ("password_error_length" on field "password") unless the password has 10 to
// 256 characters.
Status CheckPassword(const std::string& password);

// Adds a user with a password (CLI and admin page). kInvalidArgument for a bad scope or a
// password under 10 characters; kConflict for a taken username.
Result<domain::UserId> AddUser(Services& services, const Actor& actor, domain::User user,
                               const std::string& password);
// Sets a new password, clears the lock-out and ends the user's sessions.
Status ResetPassword(Services& services, const Actor& actor, const std::string& username,
                     const std::string& password);
// Disables the account and ends its sessions.
Status DisableUser(Services& services, const Actor& actor, const std::string& username);

}  // namespace cynnal::app
