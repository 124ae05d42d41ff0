#include "app/settings_and_admin.h"

#include <charconv>

#include "domain/access_policy.h"
#include "domain/text.h"

namespace cynnal::app {
namespace {
using domain::Error;

}  // namespace

Result<std::vector<domain::Setting>> ListSettings(Services& services, const Actor& actor) {
  if (!domain::MayListSettings(actor.user.role)) return Error::Forbidden("forbidden");
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  std::vector<domain::Setting> out;
  for (auto& s : (*uow)->Settings().ListByLocalAuthority(actor.user.local_authority)) {
    if (domain::MayAccessSetting(actor.user, domain::SettingAction::kView, s)) out.push_back(s);
  }
  return out;
}

Result<SettingView> ViewSetting(Services& services, const Actor& actor, domain::SettingId id) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto setting = tx.Settings().Get(id);
  if (!setting) return Error::NotFound("setting_error_not_found");
  if (!domain::MayAccessSetting(actor.user, domain::SettingAction::kViewCounts, *setting))
    return Error::Forbidden("forbidden");
  SettingView view;
  view.setting = *setting;
  view.today = services.clock.Today();
  if (auto la = tx.LocalAuthorities().Get(setting->local_authority)) view.local_authority = *la;
  view.learners_by_year_group = tx.Settings().CountLearnersByYearGroup(id, view.today);
  for (auto& [yg, n] : view.learners_by_year_group) view.learners_total += n;
  return view;
}

Result<HomeSummary> Summarise(Services& services, const Actor& actor) {
  HomeSummary summary;
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto today = services.clock.Today();
  if (domain::MaySeeLearnerNames(actor.user.role)) {
    LearnerQuery query;
    query.scope = domain::ViewScopeFor(actor.user, today);
    query.limit = 1;
    if (!query.scope.Empty()) summary.learners_visible = tx.Learners().Search(query).total;
  }
  if (domain::MayListSettings(actor.user.role)) {
    for (auto& s : tx.Settings().ListByLocalAuthority(actor.user.local_authority)) {
      if (domain::MayAccessSetting(actor.user, domain::SettingAction::kView, s))
        summary.settings_visible += 1;
    }
  }
  return summary;
}

Result<std::vector<domain::User>> ListUsers(Services& services, const Actor& actor) {
  if (!domain::MayAdminister(actor.user, domain::AdminAction::kManageUsers,
                             actor.user.local_authority))
    return Error::Forbidden("forbidden");
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  return (*uow)->Users().ListByLocalAuthority(actor.user.local_authority);
}

Result<AuditResults> SearchAudit(Services& services, const Actor& actor,
                                 const AuditSearch& search) {
  if (!domain::MayAdminister(actor.user, domain::AdminAction::kSearchAudit,
                             actor.user.local_authority))
    return Error::Forbidden("forbidden");
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  AuditQuery query;
  query.local_authority = actor.user.local_authority;
  query.username = search.username;
  std::string learner = domain::Trim(search.learner);
  if (!learner.empty()) {
    if (auto id = domain::ParsePositiveId(learner)) {
      if (!tx.Learners().Get(domain::LearnerId{*id}))
        return Error::InvalidArgument("audit_error_learner", {{"learner", "audit_error_learner"}});
      query.learner = domain::LearnerId{*id};
    } else if (auto found = tx.Learners().FindByUpn(learner)) {
      query.learner = found->id;
    } else {
      auto upn = domain::Upn::Parse(learner);
      if (upn) {
        if (auto f = tx.Learners().FindByUpn(upn->str())) query.learner = f->id;
      }
      if (!query.learner)
        return Error::InvalidArgument("audit_error_learner", {{"learner", "audit_error_learner"}});
    }
  }
  AuditResults results;
  results.page = std::clamp(search.page, 1, 1'000'000);
  query.limit = 50;
  query.offset = (results.page - 1) * query.limit;
  auto page = tx.Audit().Search(query);
  results.items = std::move(page.items);
  results.total = page.total;
  results.page_count = std::max(1, (page.total + query.limit - 1) / query.limit);
  return results;
}

}  // namespace cynnal::app
