#include "app/panels.h"

#include <algorithm>
#include <set>

#include "app/calendars.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "domain/timescale.h"

namespace cynnal::app {
namespace {

using domain::Date;
using domain::Error;
using domain::PanelAction;
using domain::ReferralAction;

Error Invalid(const char* title, FormFields fields) {
  return Error::InvalidArgument(title, std::move(fields));
}

// The actor's age-of-learner test for choosing a panel: whole years on `on`.
int AgeOn(Date birth, Date on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  while (years > 0 && domain::Anniversary(birth, years) > on) --years;
  return std::max(years, 0);
}

Result<domain::Panel> LoadPanel(UnitOfWork& tx, const Actor& actor, domain::PanelId id,
                                PanelAction action) {
  auto panel = tx.Panels().GetPanel(id);
  if (!panel || !domain::MayAccessPanel(actor.user, PanelAction::kView, *panel))
    return Error::NotFound("panel_error_not_found");
  if (!domain::MayAccessPanel(actor.user, action, *panel)) return Error::Forbidden("forbidden");
  return *panel;
}

struct LoadedMeeting {
  domain::Panel panel;
  domain::PanelMeeting meeting;
};

Result<LoadedMeeting> LoadMeeting(UnitOfWork& tx, const Actor& actor, domain::PanelMeetingId id,
                                  PanelAction action) {
  auto meeting = tx.Panels().GetMeeting(id);
  if (!meeting) return Error::NotFound("panel_error_meeting_not_found");
  auto panel = LoadPanel(tx, actor, meeting->panel, action);
  if (!panel) {
    if (panel.error().code == domain::ErrorCode::kNotFound)
      return Error::NotFound("panel_error_meeting_not_found");
    return panel.error();
  }
  return LoadedMeeting{*panel, *meeting};
}

Status AuditPanel(UnitOfWork& tx, Services& services, const Actor& actor,
                  domain::AuditAction action, const std::string& detail) {
  return tx.Audit().Append(AuditFor(actor, action, std::nullopt, services.clock.Now(), detail));
}

Status AuditReferral(UnitOfWork& tx, Services& services, const Actor& actor,
                     domain::AuditAction action, const domain::Learner& learner,
                     const domain::PanelReferral& referral, const std::string& step) {
  return tx.Audit().Append(
      AuditFor(actor, action, learner, services.clock.Now(),
               "panel referral id=" + std::to_string(referral.id.value()) + " " + step));
}

// What the lists show for referrals, built with caches so that a long agenda reads each learner,
// setting and clock once.
class LineBuilder {
 public:
  LineBuilder(UnitOfWork& tx, Date today) : tx_(tx), today_(today) {}

  ReferralLine Line(const domain::PanelReferral& referral) {
    ReferralLine line;
    line.referral = referral;
    if (auto learner = tx_.Learners().Get(referral.learner))
      line.learner_name = learner->DisplayName();
    if (referral.setting) line.setting_name = SettingName(*referral.setting);
    if (referral.clock) {
      if (auto clock = tx_.Clocks().Get(*referral.clock)) {
        auto summaries = SummariseClocks(tx_, {*clock}, today_);
        if (!summaries.empty()) {
          line.clock = summaries.front();
          if (line.clock->forecast) {
            line.due = line.clock->forecast->due;
          } else if (clock->due_when_stopped) {
            line.due = clock->due_when_stopped;
          } else {
            line.due = line.clock->statutory_due;
          }
        }
      }
    }
    return line;
  }

  std::string SettingName(domain::SettingId id) {
    auto it = settings_.find(id);
    if (it != settings_.end()) return it->second;
    auto setting = tx_.Settings().Get(id);
    return settings_[id] = setting ? setting->name : std::string();
  }

 private:
  UnitOfWork& tx_;
  Date today_;
  std::map<domain::SettingId, std::string> settings_;
};

// Deadline order: the earliest due date first, those without a clock last, then by referral date.
bool ByDeadline(const ReferralLine& a, const ReferralLine& b) {
  if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
  if (a.due && *a.due != *b.due) return *a.due < *b.due;
  if (a.referral.referred_on != b.referral.referred_on)
    return a.referral.referred_on < b.referral.referred_on;
  return a.referral.id < b.referral.id;
}

std::vector<ReferralLine> AwaitingLines(UnitOfWork& tx, const domain::Panel& panel, Date today) {
  ReferralQuery query;
  query.local_authority = panel.local_authority;
  query.panel = panel.id;
  query.state = domain::ReferralState::kAwaiting;
  LineBuilder builder(tx, today);
  std::vector<ReferralLine> lines;
  for (const auto& referral : tx.Panels().ListReferrals(query))
    lines.push_back(builder.Line(referral));
  std::sort(lines.begin(), lines.end(), ByDeadline);
  return lines;
}

std::map<domain::UserId, std::string> MemberAccounts(UnitOfWork& tx, const domain::Panel& panel) {
  std::map<domain::UserId, std::string> people;
  for (const auto& member : panel.members) {
    if (!member.user) continue;
    if (auto user = tx.Users().Get(*member.user)) people[*member.user] = user->username;
  }
  return people;
}

std::map<domain::SettingId, std::string> LaSettings(UnitOfWork& tx, domain::LocalAuthorityId la) {
  std::map<domain::SettingId, std::string> names;
  for (const auto& setting : tx.Settings().ListByLocalAuthority(la))
    names[setting.id] = setting.name;
  return names;
}

// The due date of a held meeting's minutes, on the LA's working days.
std::optional<Date> MinutesDue(UnitOfWork& tx, const domain::PanelMeeting& meeting) {
  if (!meeting.minutes_clock) return std::nullopt;
  if (meeting.minutes_clock->due_when_stopped) return meeting.minutes_clock->due_when_stopped;
  auto calendar = CalendarFor(tx, nullptr, meeting.local_authority);
  if (!calendar) return std::nullopt;
  auto due = domain::DueDate(*domain::FindTimescale("panel-minutes"), meeting.minutes_clock->count,
                             meeting.minutes_clock->started_on, *calendar);
  if (!due) return std::nullopt;
  return *due;
}

std::optional<domain::HolidayAgreement> ReadAgreement(const Form& form, FormFields& fields) {
  const std::string officer = FormText(form, "lead_officer");
  const std::string reason = FormText(form, "agreement_reason");
  auto agreed_on = FormDate(form, "agreed_on", fields);
  if (officer.empty() && reason.empty() && !agreed_on) return std::nullopt;
  domain::HolidayAgreement agreement;
  agreement.lead_officer = officer;
  agreement.reason = reason;
  if (agreed_on) {
    agreement.agreed_on = *agreed_on;
  } else {
    fields.emplace("agreed_on", "idp_error_date_missing");
  }
  return agreement;
}

// Hours a week typed as "12" or "12.5": tenths of an hour, or -1 when not a number like that.
int ParseTenths(const std::string& text) {
  if (text.empty()) return 0;
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string tenth = dot == std::string::npos ? "0" : text.substr(dot + 1);
  auto w = domain::ParseWholeNumber(whole);
  auto t = domain::ParseWholeNumber(tenth);
  if (!w || !t || tenth.size() != 1 || *w > 1000) return -1;
  return static_cast<int>(*w * 10 + *t);
}

// Writes one meeting step: loads the meeting (kRun or kConfigure), runs `body`, saves the
// meeting (and whatever `body` saved) and audits it.
Status RunMeetingStep(Services& services, const Actor& actor, domain::PanelMeetingId id,
                      PanelAction action,
                      const std::function<Result<std::string>(UnitOfWork&, LoadedMeeting&)>& body) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadMeeting(tx, actor, id, action);
  if (!loaded) return loaded.error();
  auto detail = body(tx, *loaded);
  if (!detail) return detail.error();
  if (auto ok = tx.Panels().UpdateMeeting(loaded->meeting); !ok) return ok;
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kUpdate,
                           "panel meeting id=" + std::to_string(id.value()) + " " + *detail);
      !ok)
    return ok;
  return tx.Commit();
}

Result<domain::PanelReferral> ReferralOnMeeting(UnitOfWork& tx, const LoadedMeeting& loaded,
                                                domain::PanelReferralId referral) {
  auto found = tx.Panels().GetReferral(referral);
  if (!found || found->panel != loaded.panel.id)
    return Error::NotFound("panel_error_referral_not_found");
  return *found;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Result<PanelsView> ListPanels(Services& services, const Actor& actor) {
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  PanelsView view;
  for (auto& panel : (*uow)->Panels().ListPanels(actor.user.local_authority)) {
    if (!domain::MayAccessPanel(actor.user, PanelAction::kView, panel)) continue;
    view.may_configure =
        view.may_configure || domain::MayAccessPanel(actor.user, PanelAction::kConfigure, panel);
    view.panels.push_back(std::move(panel));
  }
  const auto role = actor.user.role;
  const bool la_officer =
      role == domain::Role::kLaAdministrator || role == domain::Role::kLaOfficer;
  view.may_configure = view.may_configure || la_officer;
  view.may_refer = la_officer;
  if (!view.may_configure && view.panels.empty()) return Error::Forbidden("forbidden");
  return view;
}

Result<domain::PanelId> SavePanel(Services& services, const Actor& actor,
                                  std::optional<domain::PanelId> id, const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  domain::Panel panel;
  if (id) {
    auto loaded = LoadPanel(tx, actor, *id, PanelAction::kConfigure);
    if (!loaded) return loaded.error();
    panel = *loaded;
    if (FormText(form, "version") != std::to_string(panel.version))
      return Error::Conflict("panel_error_conflict");
  } else {
    panel.local_authority = actor.user.local_authority;
    if (!domain::MayAccessPanel(actor.user, PanelAction::kConfigure, panel))
      return Error::Forbidden("forbidden");
  }
  FormFields fields;
  panel.name_en = FormText(form, "name_en");
  panel.name_cy = FormText(form, "name_cy");
  auto age = [&](const char* name) {
    const std::string text = FormText(form, name);
    if (text.empty()) {
      fields.emplace(name, "panel_error_age");
      return 0;
    }
    return FormNumber(form, name, fields);
  };
  panel.min_age = age("min_age");
  panel.max_age = age("max_age");
  if (auto ok = MergeFields(domain::CheckPanel(panel), fields); !ok) return ok.error();
  if (!fields.empty()) return Error::InvalidArgument("panel_error_title", std::move(fields));
  domain::PanelId saved = panel.id;
  if (id) {
    if (auto ok = tx.Panels().UpdatePanel(panel); !ok) return ok.error();
  } else {
    auto added = tx.Panels().AddPanel(panel);
    if (!added) return added.error();
    saved = *added;
  }
  if (auto ok =
          AuditPanel(tx, services, actor, domain::AuditAction::kAdmin,
                     "panel id=" + std::to_string(saved.value()) + (id ? " changed" : " added"));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return saved;
}

Result<int> AddPanelMember(Services& services, const Actor& actor, domain::PanelId id,
                           const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto panel = LoadPanel(tx, actor, id, PanelAction::kConfigure);
  if (!panel) return panel.error();
  FormFields fields;
  domain::PanelMember member;
  member.name = FormText(form, "name");
  auto role = FormCode<domain::PanelRole>(form, "role", domain::PanelRoleFromCode, fields);
  if (!role && !fields.contains("role")) fields.emplace("role", "panel_error_role");
  if (role) member.role = *role;
  const std::string username = FormText(form, "username");
  if (!username.empty()) {
    auto user = tx.Users().FindByUsername(username);
    if (!user || user->local_authority != actor.user.local_authority) {
      fields.emplace("username", "panel_error_username");
    } else {
      member.user = user->id;
    }
  }
  const std::string setting = FormText(form, "setting");
  if (!setting.empty()) {
    auto setting_id = domain::ParsePositiveId(setting);
    auto found = setting_id ? tx.Settings().Get(domain::SettingId{*setting_id}) : std::nullopt;
    if (!found || found->local_authority != actor.user.local_authority) {
      fields.emplace("member_setting", "panel_error_member_setting");
    } else {
      member.setting = found->id;
      member.organisation = found->name;
    }
  }
  if (member.role != domain::PanelRole::kSchoolRepresentative) member.setting.reset();
  if (!FormText(form, "organisation").empty()) member.organisation = FormText(form, "organisation");
  member.email = FormText(form, "email");
  auto key = domain::AddMember(*panel, member);
  if (!key) {
    if (auto ok = MergeFields(Result<void>(domain::Fail(key.error())), fields); !ok)
      return ok.error();
  }
  if (!fields.empty()) return Error::InvalidArgument("panel_error_title", std::move(fields));
  if (auto ok = tx.Panels().UpdatePanel(*panel); !ok) return ok.error();
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kAdmin,
                           "panel id=" + std::to_string(id.value()) + " member added key=" +
                               std::to_string(*key) + " role=" + std::string(Code(member.role)));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *key;
}

Status SetPanelMemberActive(Services& services, const Actor& actor, domain::PanelId id, int key,
                            bool active) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto panel = LoadPanel(tx, actor, id, PanelAction::kConfigure);
  if (!panel) return panel.error();
  auto it = std::find_if(panel->members.begin(), panel->members.end(),
                         [&](const auto& m) { return m.key == key; });
  if (it == panel->members.end()) return Error::NotFound("panel_error_member_unknown");
  it->active = active;
  if (auto ok = tx.Panels().UpdatePanel(*panel); !ok) return ok;
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kAdmin,
                           "panel id=" + std::to_string(id.value()) + " member key=" +
                               std::to_string(key) + (active ? " active" : " stood down"));
      !ok)
    return ok;
  return tx.Commit();
}

Result<PanelView> ViewPanel(Services& services, const Actor& actor, domain::PanelId id,
                            int academic_year) {
  PanelView view;
  view.today = services.clock.Today();
  view.academic_year = academic_year > 0 ? academic_year : domain::AcademicYearOf(view.today);
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto panel = LoadPanel(tx, actor, id, PanelAction::kView);
  if (!panel) return panel.error();
  view.panel = *panel;
  view.may_configure = domain::MayAccessPanel(actor.user, PanelAction::kConfigure, *panel);
  view.may_run = domain::MayAccessPanel(actor.user, PanelAction::kRun, *panel);
  view.may_monitor = domain::MayAccessPanel(actor.user, PanelAction::kMonitor, *panel);
  view.meetings = tx.Panels().ListMeetings(id, domain::AcademicYearStart(view.academic_year),
                                           domain::AcademicYearEnd(view.academic_year));
  for (const auto& meeting : view.meetings)
    if (auto due = MinutesDue(tx, meeting)) view.minutes_due[meeting.id] = *due;
  if (view.may_configure) view.awaiting = AwaitingLines(tx, *panel, view.today);
  view.people = MemberAccounts(tx, *panel);
  view.settings = LaSettings(tx, panel->local_authority);
  return view;
}

// ---------------------------------------------------------------------------------------------

Result<int> GeneratePanelSchedule(Services& services, const Actor& actor, domain::PanelId id,
                                  const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto panel = LoadPanel(tx, actor, id, PanelAction::kConfigure);
  if (!panel) return panel.error();
  FormFields fields;
  auto first = FormDate(form, "first", fields, true);
  auto last = FormDate(form, "last", fields, true);
  if (first && last && *last < *first) fields.emplace("last", "panel_error_last_before_first");
  if (first && last && domain::DaysBetween(*first, *last) > 366)
    fields.emplace("last", "panel_error_schedule_long");
  if (!fields.empty())
    return Error::InvalidArgument("panel_error_schedule_title", std::move(fields));
  auto calendar = CalendarFor(tx, nullptr, panel->local_authority);
  if (!calendar) return calendar.error();
  auto dates = domain::FortnightlySchedule(*first, *last, *calendar);
  if (!dates) {
    return Error::InvalidArgument("panel_error_schedule_title",
                                  {{"last", "panel_error_schedule_calendar"}});
  }
  std::set<Date> taken;
  for (const auto& m : tx.Panels().ListMeetings(id, *first, *last))
    if (m.state != domain::MeetingState::kCancelled) taken.insert(m.date);
  int added = 0;
  for (Date date : *dates) {
    if (taken.contains(date)) continue;
    domain::PanelMeeting meeting;
    meeting.panel = id;
    meeting.local_authority = panel->local_authority;
    meeting.date = date;
    meeting.time = FormText(form, "time");
    meeting.location = FormText(form, "location");
    auto added_id = tx.Panels().AddMeeting(meeting);
    if (!added_id) return added_id.error();
    ++added;
  }
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kAdmin,
                           "panel id=" + std::to_string(id.value()) + " schedule " +
                               domain::FormatIsoDate(*first) + ".." + domain::FormatIsoDate(*last) +
                               " meetings=" + std::to_string(added));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return added;
}

Result<domain::PanelMeetingId> AddPanelMeeting(Services& services, const Actor& actor,
                                               domain::PanelId id, const Form& form) {
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto panel = LoadPanel(tx, actor, id, PanelAction::kConfigure);
  if (!panel) return panel.error();
  FormFields fields;
  auto date = FormDate(form, "date", fields, true);
  auto agreement = ReadAgreement(form, fields);
  if (date && *date < services.clock.Today()) fields.emplace("date", "panel_error_past");
  if (!fields.empty())
    return Error::InvalidArgument("panel_error_meeting_title", std::move(fields));
  auto calendar = CalendarFor(tx, nullptr, panel->local_authority);
  if (!calendar) return calendar.error();
  if (auto ok = domain::CheckMeetingDate(*date, agreement, *calendar); !ok) return ok.error();
  domain::PanelMeeting meeting;
  meeting.panel = id;
  meeting.local_authority = panel->local_authority;
  meeting.date = *date;
  meeting.time = FormText(form, "time");
  meeting.location = FormText(form, "location");
  if (calendar->TypeOf(*date) != domain::DayType::kSchoolDay) meeting.holiday_agreement = agreement;
  auto added = tx.Panels().AddMeeting(meeting);
  if (!added) return added.error();
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kAdmin,
                           "panel meeting id=" + std::to_string(added->value()) + " added " +
                               domain::FormatIsoDate(*date) +
                               (meeting.holiday_agreement ? " holiday agreed" : ""));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *added;
}

Status MovePanelMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id,
                        const Form& form) {
  return RunMeetingStep(services, actor, id, PanelAction::kConfigure,
                        [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
                          FormFields fields;
                          auto date = FormDate(form, "date", fields, true);
                          auto agreement = ReadAgreement(form, fields);
                          if (date && *date < services.clock.Today())
                            fields.emplace("date", "panel_error_past");
                          if (FormText(form, "reason").empty())
                            fields.emplace("reason", "panel_error_reasons");
                          if (!fields.empty())
                            return Error::InvalidArgument("panel_error_change_title", fields);
                          auto calendar = CalendarFor(tx, nullptr, loaded.meeting.local_authority);
                          if (!calendar) return calendar.error();
                          const Date from = loaded.meeting.date;
                          if (auto ok = domain::MoveMeeting(loaded.meeting, *date, agreement,
                                                            FormText(form, "reason"), *calendar,
                                                            actor.user.id, services.clock.Now());
                              !ok)
                            return ok.error();
                          return "moved " + domain::FormatIsoDate(from) + " to " +
                                 domain::FormatIsoDate(*date);
                        });
}

Status CancelPanelMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id,
                          const Form& form) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kConfigure,
      [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
        if (auto ok = domain::CancelMeeting(loaded.meeting, FormText(form, "reason"), actor.user.id,
                                            services.clock.Now());
            !ok)
          return ok.error();
        // The agenda's referrals wait to be listed again.
        for (const auto& item : loaded.meeting.items) {
          auto referral = tx.Panels().GetReferral(item.referral);
          if (!referral || referral->state != domain::ReferralState::kListed) continue;
          referral->state = domain::ReferralState::kAwaiting;
          referral->meeting.reset();
          if (auto ok = tx.Panels().UpdateReferral(*referral); !ok) return ok.error();
        }
        return std::string("cancelled");
      });
}

// ---------------------------------------------------------------------------------------------

Result<ReferralFormView> ReferralForm(Services& services, const Actor& actor,
                                      domain::LearnerId learner_id) {
  ReferralFormView view;
  view.today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = tx.Learners().Get(learner_id);
  if (!learner ||
      !domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, view.today))
    return Error::NotFound("learner_error_not_found");
  view.learner = *learner;
  for (auto& panel : tx.Panels().ListPanels(learner->local_authority)) {
    if (!domain::MayAccessReferral(actor.user, ReferralAction::kRefer, panel, false, *learner,
                                   view.today))
      continue;
    const int age = AgeOn(learner->date_of_birth, view.today);
    if (!view.suggested && age >= panel.min_age && age < panel.max_age) view.suggested = panel.id;
    view.panels.push_back(std::move(panel));
  }
  if (view.panels.empty()) return Error::Forbidden("forbidden");
  view.cases = tx.Cases().ListForLearner(learner_id);
  view.plans = tx.Plans().ListForLearner(learner_id);
  for (const auto& r : learner->registrations)
    if (auto s = tx.Settings().Get(r.setting)) view.settings.push_back(*s);
  return view;
}

Result<domain::PanelReferralId> ReferToPanel(Services& services, const Actor& actor,
                                             domain::LearnerId learner_id, const Form& form) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = tx.Learners().Get(learner_id);
  if (!learner ||
      !domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, today))
    return Error::NotFound("learner_error_not_found");
  // Only those who may refer to one of the LA's panels get as far as the form's fields.
  const auto panels = tx.Panels().ListPanels(learner->local_authority);
  if (std::none_of(panels.begin(), panels.end(), [&](const domain::Panel& p) {
        return domain::MayAccessReferral(actor.user, ReferralAction::kRefer, p, false, *learner,
                                         today);
      }))
    return Error::Forbidden("forbidden");
  FormFields fields;
  domain::PanelReferral referral;
  referral.local_authority = learner->local_authority;
  referral.learner = learner_id;
  std::optional<domain::Panel> panel;
  if (auto panel_id = domain::ParsePositiveId(FormText(form, "panel"))) {
    panel = tx.Panels().GetPanel(domain::PanelId{*panel_id});
    if (panel && panel->local_authority != learner->local_authority) panel.reset();
  }
  if (!panel) {
    fields.emplace("panel", "panel_error_choose_panel");
  } else {
    if (!domain::MayAccessReferral(actor.user, ReferralAction::kRefer, *panel, false, *learner,
                                   today))
      return Error::Forbidden("forbidden");
    referral.panel = panel->id;
  }
  auto type = FormCode<domain::PanelCaseType>(form, "type", domain::PanelCaseTypeFromCode, fields);
  if (!type && !fields.contains("type")) fields.emplace("type", "panel_error_type");
  if (type) referral.type = *type;
  referral.area = FormCode<domain::AreaOfNeed>(form, "area", domain::AreaOfNeedFromCode, fields);
  referral.summary = FormText(form, "summary");
  if (auto case_id = domain::ParsePositiveId(FormText(form, "aln_case"))) {
    auto found = tx.Cases().Get(domain::AlnCaseId{*case_id});
    if (!found || found->learner != learner_id) {
      fields.emplace("aln_case", "idp_error_choice");
    } else {
      referral.aln_case = found->id;
      if (found->duty_clock) referral.clock = found->duty_clock;
    }
  }
  if (auto idp_id = domain::ParsePositiveId(FormText(form, "idp"))) {
    auto found = tx.Plans().Get(domain::IdpId{*idp_id});
    if (!found || found->learner != learner_id) {
      fields.emplace("idp", "idp_error_choice");
    } else {
      referral.idp = found->id;
      if (!referral.clock && found->review_clock) referral.clock = found->review_clock;
    }
  }
  if (auto setting_id = domain::ParsePositiveId(FormText(form, "setting"))) {
    auto found = tx.Settings().Get(domain::SettingId{*setting_id});
    if (!found) {
      fields.emplace("setting", "idp_error_choice");
    } else {
      referral.setting = found->id;
    }
  } else {
    // The school the learner is registered at today, if any: the school whose representative
    // would have an interest.
    for (const auto& r : learner->registrations)
      if (r.ActiveOn(today)) referral.setting = r.setting;
  }
  auto referred_on = FormDate(form, "referred_on", fields);
  referral.referred_on = referred_on.value_or(today);
  referral.referred_by = actor.user.id;
  referral.referred_at = services.clock.Now();
  if (auto ok = MergeFields(domain::CheckNewReferral(referral, today), fields); !ok)
    return ok.error();
  if (!fields.empty())
    return Error::InvalidArgument("panel_error_referral_title", std::move(fields));
  auto id = tx.Panels().AddReferral(referral);
  if (!id) return id.error();
  referral.id = *id;
  if (auto ok = AuditReferral(tx, services, actor, domain::AuditAction::kCreate, *learner, referral,
                              "referred type=" + std::string(Code(referral.type)));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *id;
}

namespace {

struct LoadedReferral {
  domain::PanelReferral referral;
  domain::Panel panel;
  domain::Learner learner;
};

bool OnAgenda(const domain::PanelReferral& referral) {
  return referral.meeting.has_value() || !referral.decisions.empty();
}

Result<LoadedReferral> LoadReferral(UnitOfWork& tx, const Actor& actor, domain::PanelReferralId id,
                                    ReferralAction action, Date today) {
  auto referral = tx.Panels().GetReferral(id);
  if (!referral) return Error::NotFound("panel_error_referral_not_found");
  auto panel = tx.Panels().GetPanel(referral->panel);
  auto learner = tx.Learners().Get(referral->learner);
  if (!panel || !learner ||
      !domain::MayAccessReferral(actor.user, ReferralAction::kView, *panel, OnAgenda(*referral),
                                 *learner, today))
    return Error::NotFound("panel_error_referral_not_found");
  if (!domain::MayAccessReferral(actor.user, action, *panel, OnAgenda(*referral), *learner, today))
    return Error::Forbidden("forbidden");
  return LoadedReferral{*referral, *panel, *learner};
}

}  // namespace

Result<ReferralView> ViewReferral(Services& services, const Actor& actor,
                                  domain::PanelReferralId id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadReferral(tx, actor, id, ReferralAction::kView, today);
  if (!loaded) return loaded.error();
  ReferralView view;
  LineBuilder builder(tx, today);
  view.line = builder.Line(loaded->referral);
  view.panel = loaded->panel;
  if (loaded->referral.meeting) view.meeting = tx.Panels().GetMeeting(*loaded->referral.meeting);
  view.papers = tx.Panels().ListPapers(id);
  view.people = MemberAccounts(tx, loaded->panel);
  if (auto user = tx.Users().Get(loaded->referral.referred_by))
    view.people[user->id] = user->display_name;
  view.may_refer = domain::MayAccessReferral(actor.user, ReferralAction::kRefer, loaded->panel,
                                             OnAgenda(loaded->referral), loaded->learner, today);
  if (auto ok = AuditReferral(tx, services, actor, domain::AuditAction::kView, loaded->learner,
                              loaded->referral, "viewed");
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Result<domain::PanelPaperId> AddReferralPaper(Services& services, const Actor& actor,
                                              domain::PanelReferralId id,
                                              const UploadedFile& file) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadReferral(tx, actor, id, ReferralAction::kRefer, today);
  if (!loaded) return loaded.error();
  if (loaded->referral.state == domain::ReferralState::kDecided ||
      loaded->referral.state == domain::ReferralState::kWithdrawn)
    return Error::Conflict("panel_error_referral_closed");
  auto checked = CheckUpload(file, "paper");
  if (!checked) return checked.error();
  PanelPaper paper;
  paper.referral = id;
  paper.filename = checked->filename;
  paper.content_type = checked->content_type;
  paper.bytes = checked->bytes;
  paper.uploaded_by = actor.user.id;
  paper.uploaded_at = services.clock.Now();
  auto added = tx.Panels().AddPaper(paper);
  if (!added) return added.error();
  if (auto ok = AuditReferral(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner,
                              loaded->referral, "paper added");
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *added;
}

Result<PanelPaper> GetReferralPaper(Services& services, const Actor& actor,
                                    domain::PanelReferralId id, domain::PanelPaperId paper_id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadReferral(tx, actor, id, ReferralAction::kView, today);
  if (!loaded) return loaded.error();
  auto paper = tx.Panels().GetPaper(paper_id);
  if (!paper || paper->referral != id) return Error::NotFound("document_error_not_found");
  if (auto ok = AuditReferral(tx, services, actor, domain::AuditAction::kExport, loaded->learner,
                              loaded->referral, "paper id=" + std::to_string(paper_id.value()));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *paper;
}

Status WithdrawReferral(Services& services, const Actor& actor, domain::PanelReferralId id,
                        const Form& form) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadReferral(tx, actor, id, ReferralAction::kRefer, today);
  if (!loaded) return loaded.error();
  if (auto ok = domain::Withdraw(loaded->referral, FormText(form, "withdrawn_reason")); !ok)
    return ok;
  if (auto ok = tx.Panels().UpdateReferral(loaded->referral); !ok) return ok;
  if (auto ok = AuditReferral(tx, services, actor, domain::AuditAction::kUpdate, loaded->learner,
                              loaded->referral, "withdrawn");
      !ok)
    return ok;
  return tx.Commit();
}

Result<std::vector<ReferralLine>> LearnerReferrals(Services& services, const Actor& actor,
                                                   domain::LearnerId learner_id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = tx.Learners().Get(learner_id);
  if (!learner ||
      !domain::MayAccessLearner(actor.user, domain::LearnerAction::kView, *learner, today))
    return Error::NotFound("learner_error_not_found");
  ReferralQuery query;
  query.local_authority = learner->local_authority;
  query.learner = learner_id;
  LineBuilder builder(tx, today);
  std::map<domain::PanelId, std::optional<domain::Panel>> panels;
  std::vector<ReferralLine> lines;
  for (const auto& referral : tx.Panels().ListReferrals(query)) {
    auto& panel = panels[referral.panel];
    if (!panel) panel = tx.Panels().GetPanel(referral.panel);
    if (!panel || !domain::MayAccessReferral(actor.user, ReferralAction::kView, *panel,
                                             OnAgenda(referral), *learner, today))
      continue;
    lines.push_back(builder.Line(referral));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

namespace {

MeetingView BuildMeetingView(UnitOfWork& tx, const Actor& actor, const LoadedMeeting& loaded,
                             Date today) {
  MeetingView view;
  view.today = today;
  view.panel = loaded.panel;
  view.meeting = loaded.meeting;
  view.may_configure = domain::MayAccessPanel(actor.user, PanelAction::kConfigure, loaded.panel);
  view.may_run = domain::MayAccessPanel(actor.user, PanelAction::kRun, loaded.panel);
  view.quorum = domain::QuorumOf(loaded.panel, loaded.meeting.present);
  LineBuilder builder(tx, today);
  for (const auto& item : loaded.meeting.items) {
    auto referral = tx.Panels().GetReferral(item.referral);
    if (!referral) continue;
    AgendaLine line{builder.Line(*referral), item,
                    domain::QuorumFor(loaded.panel, loaded.meeting, item)};
    view.agenda.push_back(std::move(line));
  }
  std::stable_sort(
      view.agenda.begin(), view.agenda.end(),
      [](const AgendaLine& a, const AgendaLine& b) { return ByDeadline(a.line, b.line); });
  if (view.may_configure && loaded.meeting.state == domain::MeetingState::kScheduled)
    view.awaiting = AwaitingLines(tx, loaded.panel, today);
  view.people = MemberAccounts(tx, loaded.panel);
  view.settings = LaSettings(tx, loaded.panel.local_authority);
  view.minutes_due = MinutesDue(tx, loaded.meeting);
  view.minutes_state = domain::MinutesState(loaded.meeting);
  return view;
}

}  // namespace

Result<MeetingView> ViewMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadMeeting(tx, actor, id, PanelAction::kView);
  if (!loaded) return loaded.error();
  auto view = BuildMeetingView(tx, actor, *loaded, today);
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kView,
                           "panel meeting id=" + std::to_string(id.value()));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Status ListReferralOnAgenda(Services& services, const Actor& actor, domain::PanelMeetingId id,
                            const Form& form) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kConfigure,
      [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
        auto referral_id = domain::ParsePositiveId(FormText(form, "referral"));
        if (!referral_id)
          return Error::InvalidArgument("panel_error_list_title",
                                        {{"referral", "panel_error_choose_referral"}});
        auto referral = ReferralOnMeeting(tx, loaded, domain::PanelReferralId{*referral_id});
        if (!referral) return referral.error();
        if (auto ok = domain::ListOnAgenda(loaded.meeting, loaded.panel, *referral,
                                           services.clock.Today());
            !ok)
          return ok.error();
        if (auto ok = tx.Panels().UpdateReferral(*referral); !ok) return ok.error();
        return "listed referral id=" + std::to_string(*referral_id);
      });
}

Status UnlistReferral(Services& services, const Actor& actor, domain::PanelMeetingId id,
                      domain::PanelReferralId referral_id) {
  return RunMeetingStep(services, actor, id, PanelAction::kConfigure,
                        [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
                          auto referral = ReferralOnMeeting(tx, loaded, referral_id);
                          if (!referral) return referral.error();
                          if (auto ok = domain::Unlist(loaded.meeting, *referral); !ok)
                            return ok.error();
                          if (auto ok = tx.Panels().UpdateReferral(*referral); !ok)
                            return ok.error();
                          return "unlisted referral id=" + std::to_string(referral_id.value());
                        });
}

Status RecordPanelAttendance(Services& services, const Actor& actor, domain::PanelMeetingId id,
                             const Form& form) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kRun,
      [&](UnitOfWork&, LoadedMeeting& loaded) -> Result<std::string> {
        FormFields fields;
        const int member = FormNumber(form, "member", fields);
        const std::string present = FormText(form, "present");
        if (present != "yes" && present != "no") fields.emplace("present", "panel_error_present");
        if (!fields.empty()) return Error::InvalidArgument("panel_error_attendance_title", fields);
        if (auto ok = domain::RecordAttendance(loaded.meeting, loaded.panel, member,
                                               present == "yes", FormText(form, "time"),
                                               services.clock.Today(), services.clock.Now());
            !ok)
          return ok.error();
        return "attendance member=" + std::to_string(member) + " present=" + present;
      });
}

Status DeclarePanelInterest(Services& services, const Actor& actor, domain::PanelMeetingId id,
                            domain::PanelReferralId referral, const Form& form) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kRun,
      [&](UnitOfWork&, LoadedMeeting& loaded) -> Result<std::string> {
        FormFields fields;
        const int member = FormNumber(form, "member", fields);
        if (!fields.empty()) return Error::InvalidArgument("panel_error_interest_title", fields);
        if (auto ok = domain::DeclareInterest(loaded.meeting, loaded.panel, referral, member,
                                              FormText(form, "reason"));
            !ok)
          return ok.error();
        return "interest member=" + std::to_string(member) +
               " referral id=" + std::to_string(referral.value());
      });
}

Status DecidePanelItem(Services& services, const Actor& actor, domain::PanelMeetingId id,
                       domain::PanelReferralId referral_id, const Form& form) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kRun,
      [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
        auto referral = ReferralOnMeeting(tx, loaded, referral_id);
        if (!referral) return referral.error();
        FormFields fields;
        domain::PanelDecision decision;
        auto outcome =
            FormCode<domain::PanelOutcome>(form, "outcome", domain::PanelOutcomeFromCode, fields);
        if (!outcome && !fields.contains("outcome"))
          fields.emplace("outcome", "panel_error_outcome");
        if (outcome) decision.outcome = *outcome;
        decision.agreed = FormText(form, "agreed");
        decision.reasons = FormText(form, "reasons");
        if (auto placement =
                FormCode<domain::Placement>(form, "placement", domain::PlacementFromCode, fields))
          decision.placement = *placement;
        if (auto setting = domain::ParsePositiveId(FormText(form, "setting"))) {
          auto found = tx.Settings().Get(domain::SettingId{*setting});
          if (!found) {
            fields.emplace("setting", "idp_error_choice");
          } else {
            decision.setting = found->id;
          }
        }
        decision.hours_per_week_tenths = ParseTenths(FormText(form, "hours_per_week"));
        if (decision.hours_per_week_tenths < 0)
          fields.emplace("hours_per_week", "panel_error_hours");
        decision.places = FormNumber(form, "places", fields);
        // Up to GBP 1,000,000 (CheckPanelDecision), more than FormNumber's general limit.
        if (const std::string cost = FormText(form, "annual_cost"); !cost.empty()) {
          auto pounds = domain::ParseWholeNumber(cost);
          if (!pounds || *pounds > 1'000'000) {
            fields.emplace("annual_cost", "panel_error_cost");
          } else {
            decision.annual_cost_pounds = static_cast<int>(*pounds);
          }
        }
        if (auto ok = MergeFields(domain::CheckPanelDecision(decision), fields); !ok)
          return ok.error();
        if (!fields.empty()) return Error::InvalidArgument("panel_error_decision_title", fields);
        decision.by = actor.user.id;
        decision.at = services.clock.Now();
        std::optional<int> recorder;
        if (const auto* member = loaded.panel.MemberFor(actor.user.id)) recorder = member->key;
        if (auto ok = domain::DecideItem(loaded.meeting, loaded.panel, *referral, decision,
                                         recorder, services.clock.Today());
            !ok)
          return ok.error();
        if (auto ok = tx.Panels().UpdateReferral(*referral); !ok) return ok.error();
        // The decision flows back to the case it came from.
        if (referral->aln_case) {
          if (auto aln_case = tx.Cases().Get(*referral->aln_case)) {
            domain::NotePanelDecision(
                *aln_case, Code(decision.outcome), loaded.meeting.date,
                {actor.user.id, services.clock.Now(), services.clock.Today()});
            if (auto ok = tx.Cases().Update(*aln_case); !ok) return ok.error();
          }
        }
        if (auto learner = tx.Learners().Get(referral->learner)) {
          if (auto ok = AuditReferral(tx, services, actor, domain::AuditAction::kUpdate, *learner,
                                      *referral,
                                      "decided outcome=" + std::string(Code(decision.outcome)));
              !ok)
            return ok.error();
        }
        return "decided referral id=" + std::to_string(referral_id.value());
      });
}

Status ClosePanelMeeting(Services& services, const Actor& actor, domain::PanelMeetingId id) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kRun,
      [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
        const int count = tx.Calendars()
                              .GetLocalTimescales(loaded.meeting.local_authority)
                              .panel_minutes_working_days;
        if (auto ok = domain::CloseMeeting(loaded.meeting, count, actor.user.id,
                                           services.clock.Now(), services.clock.Today());
            !ok)
          return ok.error();
        return std::string("closed");
      });
}

Status DistributePanelMinutes(Services& services, const Actor& actor, domain::PanelMeetingId id,
                              const Form& form) {
  return RunMeetingStep(
      services, actor, id, PanelAction::kRun,
      [&](UnitOfWork& tx, LoadedMeeting& loaded) -> Result<std::string> {
        FormFields fields;
        auto on = FormDate(form, "distributed_on", fields, true);
        std::vector<std::string> recipients;
        for (const auto& key : form.List("recipients")) {
          auto number = domain::ParsePositiveId(key);
          const auto* member = number ? loaded.panel.Member(static_cast<int>(*number)) : nullptr;
          if (!member) {
            fields.emplace("recipients", "panel_error_member_unknown");
            continue;
          }
          recipients.push_back(member->email.empty() ? member->name
                                                     : member->name + " <" + member->email + ">");
        }
        std::string others = form.Value("other_recipients");
        for (std::size_t start = 0; start <= others.size();) {
          const auto end = others.find('\n', start);
          const std::string line = domain::Trim(
              others.substr(start, end == std::string::npos ? std::string::npos : end - start));
          if (!line.empty()) recipients.push_back(line);
          if (end == std::string::npos) break;
          start = end + 1;
        }
        if (!fields.empty()) return Error::InvalidArgument("panel_error_minutes_title", fields);
        auto due = MinutesDue(tx, loaded.meeting);
        if (!due) return Error::Conflict("panel_error_not_held");
        if (auto ok =
                domain::DistributeMinutes(loaded.meeting, *on, recipients, *due, actor.user.id,
                                          services.clock.Now(), services.clock.Today());
            !ok)
          return ok.error();
        return "minutes distributed " + domain::FormatIsoDate(*on) +
               " recipients=" + std::to_string(recipients.size());
      });
}

Result<MeetingView> PanelMinutes(Services& services, const Actor& actor,
                                 domain::PanelMeetingId id) {
  const Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto loaded = LoadMeeting(tx, actor, id, PanelAction::kView);
  if (!loaded) return loaded.error();
  if (loaded->meeting.state != domain::MeetingState::kHeld)
    return Error::Conflict("panel_error_not_held");
  auto view = BuildMeetingView(tx, actor, *loaded, today);
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kExport,
                           "panel minutes meeting id=" + std::to_string(id.value()));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

// ---------------------------------------------------------------------------------------------

int OutcomeCounts::AgreementRate() const {
  const int decided = agreed + not_agreed;
  return decided == 0 ? 0 : (agreed * 100 + decided / 2) / decided;
}

Result<Monitoring> PanelMonitoring(Services& services, const Actor& actor,
                                   const MonitoringRequest& request) {
  const Date today = services.clock.Today();
  if (request.to < request.from)
    return Invalid("panel_error_monitoring_title", {{"to", "panel_error_last_before_first"}});
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  Monitoring out;
  out.request = request;
  std::vector<domain::Panel> chosen;
  for (auto& panel : tx.Panels().ListPanels(actor.user.local_authority)) {
    if (!domain::MayAccessPanel(actor.user, PanelAction::kMonitor, panel)) continue;
    out.panels.push_back(panel);
    if (!request.panel || *request.panel == panel.id) chosen.push_back(panel);
  }
  if (out.panels.empty()) return Error::Forbidden("forbidden");
  if (request.panel && chosen.empty()) return Error::NotFound("panel_error_not_found");

  std::map<std::string, OutcomeCounts> by_type, by_area, by_school;
  std::map<domain::SettingId, SchoolResources> resources;
  std::map<std::pair<int, int>, MonthPlacements> months;
  for (Date d = Date{request.from.year(), request.from.month(), std::chrono::day{1}};
       d <= request.to; d = domain::AddMonthsClamped(d, 1)) {
    const std::pair<int, int> key{static_cast<int>(d.year()),
                                  static_cast<int>(static_cast<unsigned>(d.month()))};
    months[key] = MonthPlacements{key.first, key.second, {}};
  }
  LineBuilder names(tx, today);
  auto count = [](OutcomeCounts& counts, domain::PanelOutcome outcome) {
    if (outcome == domain::PanelOutcome::kAgreed) {
      ++counts.agreed;
    } else if (outcome == domain::PanelOutcome::kNotAgreed) {
      ++counts.not_agreed;
    } else {
      ++counts.deferred;
    }
  };
  for (const auto& panel : chosen) {
    ReferralQuery query;
    query.local_authority = panel.local_authority;
    query.panel = panel.id;
    for (const auto& referral : tx.Panels().ListReferrals(query)) {
      for (const auto& decision : referral.decisions) {
        if (decision.decided_on < request.from || decision.decided_on > request.to) continue;
        ++out.decisions;
        auto& type = by_type[std::string(Code(referral.type))];
        type.key = Code(referral.type);
        count(type, decision.outcome);
        const std::string area = referral.area ? std::string(Code(*referral.area)) : "none";
        by_area[area].key = area;
        count(by_area[area], decision.outcome);
        if (referral.setting) {
          auto& school = by_school[std::to_string(referral.setting->value())];
          school.key = std::to_string(referral.setting->value());
          school.label = names.SettingName(*referral.setting);
          count(school, decision.outcome);
        }
        if (decision.outcome == domain::PanelOutcome::kAgreed) {
          const auto setting = decision.setting ? decision.setting : referral.setting;
          if (setting) {
            auto& r = resources[*setting];
            r.setting = *setting;
            r.hours_tenths += decision.hours_per_week_tenths;
            r.places += decision.places;
            r.cost_pounds += decision.annual_cost_pounds;
            ++r.decisions;
          }
          const std::pair<int, int> key{
              static_cast<int>(decision.decided_on.year()),
              static_cast<int>(static_cast<unsigned>(decision.decided_on.month()))};
          if (auto it = months.find(key); it != months.end())
            ++it->second.counts[decision.placement];
        }
        // The statutory timescale: a settled decision measured against its clock.
        if (decision.outcome != domain::PanelOutcome::kAgreed &&
            decision.outcome != domain::PanelOutcome::kNotAgreed)
          continue;
        if (!referral.clock) {
          ++out.timescales_none;
          continue;
        }
        auto line = names.Line(referral);
        if (line.clock && line.clock->state == domain::ClockState::kWaived) {
          ++out.timescales_waived;
        } else if (line.due && decision.decided_on <= *line.due) {
          ++out.timescales_met;
        } else if (line.due) {
          ++out.timescales_missed;
        } else {
          ++out.timescales_none;
        }
      }
    }
    for (const auto& meeting : tx.Panels().ListMeetings(panel.id, request.from, request.to)) {
      if (meeting.state != domain::MeetingState::kHeld) continue;
      switch (domain::MinutesState(meeting)) {
        case domain::ClockState::kMet:
          ++out.minutes_met;
          break;
        case domain::ClockState::kMissed:
          ++out.minutes_missed;
          break;
        default:
          if (auto due = MinutesDue(tx, meeting); due && *due < today) {
            ++out.minutes_missed;
          } else {
            ++out.minutes_running;
          }
          break;
      }
    }
  }
  for (auto& [key, counts] : by_type) out.by_type.push_back(counts);
  for (auto& [key, counts] : by_area) out.by_area.push_back(counts);
  for (auto& [key, counts] : by_school) out.by_school.push_back(counts);
  std::sort(out.by_school.begin(), out.by_school.end(),
            [](const auto& a, const auto& b) { return a.label < b.label; });
  for (auto& [setting, r] : resources) {
    r.name = names.SettingName(setting);
    int roll = 0;
    for (const auto& [year, n] : tx.Settings().CountLearnersByYearGroup(setting, request.to))
      roll += n;
    r.roll = roll;
    out.resources.push_back(r);
  }
  std::sort(out.resources.begin(), out.resources.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  for (auto& [key, month] : months) out.placements.push_back(month);
  if (auto ok = AuditPanel(tx, services, actor, domain::AuditAction::kView,
                           "panel monitoring " + domain::FormatIsoDate(request.from) + ".." +
                               domain::FormatIsoDate(request.to));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return out;
}

}  // namespace cynnal::app
