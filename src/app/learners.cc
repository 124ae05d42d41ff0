#include "app/learners.h"

#include <algorithm>
#include <charconv>
#include <functional>

#include "domain/access_policy.h"
#include "domain/text.h"

namespace cynnal::app {
namespace {

using domain::AuditAction;
using domain::Error;
using domain::LearnerAction;

bool Blank(const std::string& a, const std::string& b, const std::string& c) {
  auto blank = [](const std::string& s) { return s.find_first_not_of(' ') == std::string::npos; };
  return blank(a) && blank(b) && blank(c);
}

// Parses a registration; field errors go into `fields` under "registration_*" names.
std::optional<domain::Registration> ParseRegistration(UnitOfWork& tx, const Actor& actor,
                                                      const RegistrationInput& input,
                                                      std::map<std::string, std::string>& fields) {
  domain::Registration r;
  auto setting_id = domain::ParsePositiveId(input.setting);
  std::optional<domain::Setting> setting;
  if (setting_id) setting = tx.Settings().Get(domain::SettingId{*setting_id});
  if (!setting || !domain::MayChangeRegistrationAt(actor.user, *setting))
    fields["registration_setting"] = "registration_error_setting";
  if (setting) r.setting = setting->id;
  auto start = domain::DateFromParts(input.start_day, input.start_month, input.start_year);
  if (Blank(input.start_day, input.start_month, input.start_year)) {
    fields["registration_start"] = "registration_error_start_missing";
  } else if (!start) {
    fields["registration_start"] = "registration_error_start_invalid";
  } else {
    r.start = *start;
  }
  if (!Blank(input.end_day, input.end_month, input.end_year)) {
    auto end = domain::DateFromParts(input.end_day, input.end_month, input.end_year);
    if (!end) {
      fields["registration_end"] = "registration_error_end_invalid";
    } else {
      r.end = *end;
    }
  }
  if (fields.count("registration_setting") || fields.count("registration_start") ||
      fields.count("registration_end"))
    return std::nullopt;
  return r;
}

void Rename(std::map<std::string, std::string>& fields,
            const std::map<std::string, std::string>& from) {
  for (const auto& [k, v] : from) {
    if (k == "start")
      fields["registration_start"] = v;
    else if (k == "end")
      fields["registration_end"] = v;
    else
      fields[k] = v;
  }
}

// Builds and checks a new learner inside `tx`. Every field error is reported together.
Result<domain::Learner> BuildNewLearner(UnitOfWork& tx, Services& services, const Actor& actor,
                                        const domain::LearnerInput& input,
                                        const RegistrationInput& registration) {
  if (!domain::MayCreateLearners(actor.user.role)) return Error::Forbidden("forbidden");
  domain::Date today = services.clock.Today();
  domain::Learner learner;
  learner.local_authority = actor.user.local_authority;
  std::map<std::string, std::string> fields;
  if (auto s = domain::ApplyLearnerInput(input, today, learner); !s) fields = s.error().fields;
  auto reg = ParseRegistration(tx, actor, registration, fields);
  if (reg && !fields.count("dob")) {
    if (auto s = domain::CheckRegistration(learner, *reg); !s) Rename(fields, s.error().fields);
  }
  if (!fields.count("upn")) {
    if (tx.Learners().FindByUpn(learner.upn.str())) fields["upn"] = "upn_error_duplicate";
  }
  if (learner.looked_after_by && !tx.LocalAuthorities().Get(*learner.looked_after_by))
    fields["looked_after_by"] = "looked_after_by_error_unknown";
  if (!fields.empty()) return Error::InvalidArgument("learner_error_summary", std::move(fields));
  learner.registrations.push_back(*reg);
  if (!domain::MayAccessLearner(actor.user, LearnerAction::kCreate, learner, today)) {
    return Error::InvalidArgument("learner_error_summary",
                                  {{"registration_setting", "registration_error_not_yours"}});
  }
  return learner;
}

// Loads a learner the actor may act on, or the error to show.
Result<domain::Learner> LoadFor(UnitOfWork& tx, const Actor& actor, domain::LearnerId id,
                                LearnerAction action, domain::Date today) {
  auto learner = tx.Learners().Get(id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessLearner(actor.user, action, *learner, today))
    return Error::Forbidden("forbidden");
  return *learner;
}

std::string ChangedFields(const domain::Learner& a, const domain::Learner& b) {
  std::vector<std::string> changed;
  if (a.legal_first_name != b.legal_first_name) changed.push_back("legal_first_name");
  if (a.legal_last_name != b.legal_last_name) changed.push_back("legal_last_name");
  if (a.preferred_name != b.preferred_name) changed.push_back("preferred_name");
  if (a.date_of_birth != b.date_of_birth) changed.push_back("date_of_birth");
  if (!(a.upn == b.upn)) changed.push_back("upn");
  if (a.home_language != b.home_language) changed.push_back("home_language");
  if (a.letter_language != b.letter_language) changed.push_back("letter_language");
  if (a.welsh_medium != b.welsh_medium) changed.push_back("welsh_medium");
  if (a.looked_after != b.looked_after || a.looked_after_by != b.looked_after_by)
    changed.push_back("looked_after");
  if (a.electively_home_educated != b.electively_home_educated)
    changed.push_back("electively_home_educated");
  std::string out = "changed:";
  for (const auto& c : changed) out += " " + c;
  return changed.empty() ? "no change" : out;
}

}  // namespace

Result<LearnerList> ListLearners(Services& services, const Actor& actor,
                                 const LearnerListRequest& request) {
  if (!domain::MaySeeLearnerNames(actor.user.role)) return Error::Forbidden("forbidden");
  LearnerList list;
  list.today = services.clock.Today();
  LearnerQuery query;
  query.scope = domain::ViewScopeFor(actor.user, list.today);
  query.text = request.text.substr(0, 100);
  if (auto id = domain::ParsePositiveId(request.setting)) query.setting = domain::SettingId{*id};
  if (!request.year_group.empty()) {
    int yg = 0;
    auto [ptr, ec] = std::from_chars(request.year_group.data(),
                                     request.year_group.data() + request.year_group.size(), yg);
    if (ec == std::errc() && ptr == request.year_group.data() + request.year_group.size())
      query.year_group = yg;
  }
  int page_size = std::clamp(request.page_size, 1, 100);
  list.page = std::clamp(request.page, 1, 1'000'000);
  query.limit = page_size;
  query.offset = (list.page - 1) * page_size;

  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  LearnerPage page;
  if (!query.scope.Empty()) page = tx.Learners().Search(query);
  // The store applies the scope; the policy is checked again on every row as a second guard.
  std::erase_if(page.items, [&](const domain::Learner& l) {
    return !domain::MayAccessLearner(actor.user, LearnerAction::kView, l, list.today);
  });
  list.items = std::move(page.items);
  list.total = page.total;
  list.page_count = std::max(1, (page.total + page_size - 1) / page_size);
  if (domain::MayListSettings(actor.user.role)) {
    for (auto& s : tx.Settings().ListByLocalAuthority(actor.user.local_authority)) {
      if (domain::MayAccessSetting(actor.user, domain::SettingAction::kView, s))
        list.settings.emplace(s.id, s);
    }
  }
  for (const auto& l : list.items) {
    for (const auto& r : l.registrations) {
      if (!list.settings.count(r.setting)) {
        if (auto s = tx.Settings().Get(r.setting)) list.settings.emplace(s->id, *s);
      }
    }
  }
  // Each learner shown is a look at their data: one row each, naming the search that found them.
  std::string detail = "in a list of " + std::to_string(list.total);
  if (!query.text.empty()) detail += "; search: " + query.text;
  auto now = services.clock.Now();
  for (const auto& l : list.items) {
    if (auto s = tx.Audit().Append(AuditFor(actor, AuditAction::kView, l, now, detail)); !s)
      return s.error();
  }
  if (list.items.empty()) {
    if (auto s = tx.Audit().Append(
            AuditFor(actor, AuditAction::kView, std::nullopt, now, "list: none shown"));
        !s)
      return s.error();
  }
  if (auto s = tx.Commit(); !s) return s.error();
  return list;
}

Result<LearnerRecord> ViewLearner(Services& services, const Actor& actor, domain::LearnerId id) {
  LearnerRecord record;
  record.today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LoadFor(tx, actor, id, LearnerAction::kView, record.today);
  if (!learner) return learner.error();
  record.learner = *learner;
  record.may_update =
      domain::MayAccessLearner(actor.user, LearnerAction::kUpdate, record.learner, record.today);
  for (const auto& r : record.learner.registrations) {
    if (auto s = tx.Settings().Get(r.setting)) record.settings.emplace(s->id, *s);
  }
  std::vector<domain::FamilyMemberId> ids;
  for (const auto& f : record.learner.family) ids.push_back(f.member);
  for (auto& m : tx.Families().GetMany(ids)) {
    if (!domain::MaySeeFamilyContact(actor.user, m.id)) {
      m.phone.clear();
      m.email.clear();
      m.address.clear();
    }
    record.family.emplace(m.id, m);
  }
  auto add_la = [&](domain::LocalAuthorityId la_id) {
    if (!record.local_authorities.count(la_id)) {
      if (auto la = tx.LocalAuthorities().Get(la_id)) record.local_authorities.emplace(la_id, *la);
    }
  };
  add_la(record.learner.local_authority);
  if (record.learner.looked_after_by) add_la(*record.learner.looked_after_by);
  for (auto board : record.learner.health_board_referrals) {
    if (auto b = tx.LocalAuthorities().GetHealthBoard(board)) record.referrals.push_back(*b);
  }
  if (auto s = tx.Audit().Append(
          AuditFor(actor, AuditAction::kView, record.learner, services.clock.Now()));
      !s)
    return s.error();
  if (auto s = tx.Commit(); !s) return s.error();
  return record;
}

Result<domain::Learner> CheckNewLearner(Services& services, const Actor& actor,
                                        const domain::LearnerInput& input,
                                        const RegistrationInput& registration) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  return BuildNewLearner(**uow, services, actor, input, registration);
}

Result<domain::LearnerId> CreateLearner(Services& services, const Actor& actor,
                                        const domain::LearnerInput& input,
                                        const RegistrationInput& registration) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = BuildNewLearner(tx, services, actor, input, registration);
  if (!learner) return learner.error();
  auto id = tx.Learners().Add(*learner);
  if (!id) return id.error();
  learner->id = *id;
  if (auto s =
          tx.Audit().Append(AuditFor(actor, AuditAction::kCreate, *learner, services.clock.Now()));
      !s)
    return s.error();
  if (auto s = tx.Commit(); !s) return s.error();
  return *id;
}

namespace {

// What a change to a learner's record says happened, for the audit row.
using Change = std::function<Result<std::string>(UnitOfWork& tx, domain::Learner& learner)>;

// Loads a learner the actor may update, applies `change`, and stores the learner and an "update"
// audit row in one unit of work; nothing is kept if any step fails.
Status ChangeLearner(Services& services, const Actor& actor, domain::LearnerId id,
                     const Change& change) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LoadFor(tx, actor, id, LearnerAction::kUpdate, services.clock.Today());
  if (!learner) return learner.error();
  auto detail = change(tx, *learner);
  if (!detail) return detail.error();
  if (auto s = tx.Learners().Update(*learner); !s) return s;
  if (auto s = tx.Audit().Append(
          AuditFor(actor, AuditAction::kUpdate, *learner, services.clock.Now(), *detail));
      !s)
    return s;
  return tx.Commit();
}

}  // namespace

Status UpdateLearner(Services& services, const Actor& actor, domain::LearnerId id, int version,
                     const domain::LearnerInput& input) {
  return ChangeLearner(
      services, actor, id, [&](UnitOfWork& tx, domain::Learner& learner) -> Result<std::string> {
        domain::Learner before = learner;
        if (auto s = domain::ApplyLearnerInput(input, services.clock.Today(), learner); !s)
          return s.error();
        if (learner.looked_after_by && !tx.LocalAuthorities().Get(*learner.looked_after_by)) {
          return Error::InvalidArgument("learner_error_summary",
                                        {{"looked_after_by", "looked_after_by_error_unknown"}});
        }
        if (auto other = tx.Learners().FindByUpn(learner.upn.str()); other && other->id != id)
          return Error::InvalidArgument("learner_error_summary", {{"upn", "upn_error_duplicate"}});
        if (before.version != version) return Error::Conflict("learner_error_conflict");
        return ChangedFields(before, learner);
      });
}

Status AddRegistration(Services& services, const Actor& actor, domain::LearnerId id,
                       const RegistrationInput& input) {
  return ChangeLearner(
      services, actor, id, [&](UnitOfWork& tx, domain::Learner& learner) -> Result<std::string> {
        std::map<std::string, std::string> fields;
        auto reg = ParseRegistration(tx, actor, input, fields);
        if (reg) {
          if (auto s = domain::CheckRegistration(learner, *reg); !s)
            Rename(fields, s.error().fields);
        }
        if (!fields.empty())
          return Error::InvalidArgument("registration_error_summary", std::move(fields));
        learner.registrations.push_back(*reg);
        return std::string("registration added");
      });
}

Status EndRegistration(Services& services, const Actor& actor, domain::LearnerId id, int index,
                       const std::string& day, const std::string& month, const std::string& year) {
  return ChangeLearner(
      services, actor, id, [&](UnitOfWork& tx, domain::Learner& learner) -> Result<std::string> {
        if (index < 0 || index >= static_cast<int>(learner.registrations.size()))
          return Error::NotFound("registration_error_not_found");
        auto setting =
            tx.Settings().Get(learner.registrations[static_cast<std::size_t>(index)].setting);
        if (!setting || !domain::MayChangeRegistrationAt(actor.user, *setting))
          return Error::Forbidden("forbidden");
        auto field_error = [](const char* id) {
          return Error::InvalidArgument("registration_error_summary", {{"registration_end", id}});
        };
        if (Blank(day, month, year)) return field_error("registration_error_end_missing");
        auto end = domain::DateFromParts(day, month, year);
        if (!end) return field_error("registration_error_end_invalid");
        auto& registration = learner.registrations[static_cast<std::size_t>(index)];
        if (*end < registration.start) return field_error("registration_error_end_before_start");
        registration.end = *end;
        return "registration " + std::to_string(index + 1) + " ended " +
               domain::FormatIsoDate(*end);
      });
}

Status AddFamilyMember(Services& services, const Actor& actor, domain::LearnerId id,
                       const domain::FamilyMemberInput& input) {
  return ChangeLearner(services, actor, id,
                       [&](UnitOfWork& tx, domain::Learner& learner) -> Result<std::string> {
                         domain::FamilyMember member;
                         member.local_authority = learner.local_authority;
                         domain::FamilyLink link;
                         if (auto s = domain::ApplyFamilyMemberInput(input, member, link); !s)
                           return s.error();
                         auto member_id = tx.Families().Add(member);
                         if (!member_id) return member_id.error();
                         link.member = *member_id;
                         learner.family.push_back(link);
                         return std::string("family member added");
                       });
}

Status CheckLearnerAccess(Services& services, const Actor& actor, domain::LearnerId id,
                          domain::LearnerAction action) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto learner = LoadFor(**uow, actor, id, action, services.clock.Today());
  if (!learner) return learner.error();
  return domain::Ok();
}

domain::LearnerInput InputFrom(const domain::Learner& learner) {
  domain::LearnerInput in;
  in.legal_first_name = learner.legal_first_name;
  in.legal_last_name = learner.legal_last_name;
  in.preferred_name = learner.preferred_name;
  in.dob_day = std::to_string(static_cast<unsigned>(learner.date_of_birth.day()));
  in.dob_month = std::to_string(static_cast<unsigned>(learner.date_of_birth.month()));
  in.dob_year = std::to_string(static_cast<int>(learner.date_of_birth.year()));
  in.upn = learner.upn.str();
  in.home_language = learner.home_language;
  in.letter_language = std::string(domain::Code(learner.letter_language));
  in.welsh_medium = learner.welsh_medium;
  in.looked_after = learner.looked_after;
  in.looked_after_by =
      learner.looked_after_by ? std::to_string(learner.looked_after_by->value()) : "";
  in.electively_home_educated = learner.electively_home_educated;
  return in;
}

}  // namespace cynnal::app
