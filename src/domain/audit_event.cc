#include "domain/audit_event.h"

#include <array>
#include <utility>

namespace cynnal::domain {
namespace {
constexpr std::array<std::pair<AuditAction, std::string_view>, 8> kActions{{
    {AuditAction::kView, "view"},
    {AuditAction::kCreate, "create"},
    {AuditAction::kUpdate, "update"},
    {AuditAction::kExport, "export"},
    {AuditAction::kSignIn, "sign_in"},
    {AuditAction::kSignInFailed, "sign_in_failed"},
    {AuditAction::kSignOut, "sign_out"},
    {AuditAction::kAdmin, "admin"},
}};
}  // namespace

std::string_view Code(AuditAction action) {
  for (auto& [a, c] : kActions)
    if (a == action) return c;
  return "view";
}

std::optional<AuditAction> AuditActionFromCode(std::string_view code) {
  for (auto& [a, c] : kActions)
    if (c == code) return a;
  return std::nullopt;
}

}  // namespace cynnal::domain
