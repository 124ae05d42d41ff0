#include "app/clocks.h"

#include <algorithm>
#include <set>

#include "domain/access_policy.h"
#include "domain/text.h"

namespace cynnal::app {
namespace {

using domain::Error;
using domain::LearnerAction;

constexpr int kDefaultDueDays = 20;

Result<domain::Learner> LearnerFor(UnitOfWork& tx, const Actor& actor, domain::LearnerId id,
                                   LearnerAction action, domain::Date today) {
  auto learner = tx.Learners().Get(id);
  if (!learner) return Error::NotFound("learner_error_not_found");
  if (!domain::MayAccessLearner(actor.user, action, *learner, today))
    return Error::Forbidden("forbidden");
  return *learner;
}

// A clock and its learner, when the actor may do `action` to that learner.
struct ClockAndLearner {
  domain::StatutoryClock clock;
  domain::Learner learner;
};
Result<ClockAndLearner> ClockFor(UnitOfWork& tx, const Actor& actor, domain::ClockId id,
                                 LearnerAction action, domain::Date today) {
  auto clock = tx.Clocks().Get(id);
  if (!clock) return Error::NotFound("clock_error_not_found");
  auto learner = LearnerFor(tx, actor, clock->learner, action, today);
  if (!learner) return learner.error();
  return ClockAndLearner{std::move(*clock), std::move(*learner)};
}

// Compiled calendars of one request, by setting (0: the LA's working days only).
class CalendarCache {
 public:
  explicit CalendarCache(UnitOfWork& tx) : tx_(tx) {}

  Result<const domain::SchoolCalendar*> For(const domain::StatutoryClock& clock) {
    const std::int64_t key = clock.calendar_setting ? clock.calendar_setting->value() : 0;
    auto it = calendars_.find(key);
    if (it == calendars_.end()) {
      std::optional<domain::Setting> setting;
      if (clock.calendar_setting) setting = tx_.Settings().Get(*clock.calendar_setting);
      auto built = CalendarFor(tx_, setting ? &*setting : nullptr, clock.local_authority);
      if (!built) return built.error();
      it = calendars_.emplace(key, std::move(*built)).first;
    }
    return &it->second;
  }

 private:
  UnitOfWork& tx_;
  std::map<std::int64_t, domain::SchoolCalendar> calendars_;
};

ClockSummary Summarise(const domain::StatutoryClock& clock, CalendarCache& calendars,
                       domain::Date today) {
  ClockSummary summary;
  summary.clock = clock;
  summary.state = domain::StateOf(clock);
  summary.timescale = domain::FindTimescale(clock.timescale);
  if (summary.timescale == nullptr) {
    summary.problem = "clock_error_timescale";
    return summary;
  }
  auto calendar = calendars.For(clock);
  if (!calendar) {
    summary.problem = calendar.error().message;
    return summary;
  }
  auto due = domain::DueDate(*summary.timescale, clock.count, clock.started_on, **calendar);
  if (due) {
    summary.statutory_due = *due;
  } else if (!clock.waiver) {
    summary.problem = due.error().message;
    if (auto it = due.error().fields.find("date"); it != due.error().fields.end())
      summary.problem_date = it->second;
  }
  if (clock.stopped_on) return summary;
  if (summary.problem.empty()) {
    auto forecast = domain::Forecast(clock, *summary.timescale, **calendar, today);
    if (forecast) {
      summary.forecast = *forecast;
    } else {
      summary.problem = forecast.error().message;
      if (auto it = forecast.error().fields.find("date"); it != forecast.error().fields.end())
        summary.problem_date = it->second;
    }
  }
  return summary;
}

std::optional<domain::Date> ParseDate(const DateParts& parts, const std::string& field,
                                      std::map<std::string, std::string>& fields,
                                      const std::string& missing, const std::string& invalid) {
  if (parts.Empty()) {
    fields.emplace(field, missing);
    return std::nullopt;
  }
  auto date = domain::DateFromParts(parts.day, parts.month, parts.year);
  if (!date) fields.emplace(field, invalid);
  return date;
}

Status AuditClock(UnitOfWork& tx, const Actor& actor, domain::AuditAction action,
                  const domain::Learner& learner, domain::Timestamp at, const std::string& what) {
  return tx.Audit().Append(AuditFor(actor, action, learner, at, what));
}

}  // namespace

Result<ClockFormView> ClockForm(Services& services, const Actor& actor,
                                domain::LearnerId learner_id) {
  ClockFormView view;
  view.today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, LearnerAction::kUpdate, view.today);
  if (!learner) return learner.error();
  view.learner = *learner;
  std::set<std::int64_t> seen;
  // Current registrations first, then the rest, each setting once.
  for (bool current : {true, false}) {
    for (const auto& r : view.learner.registrations) {
      if (r.ActiveOn(view.today) != current || !seen.insert(r.setting.value()).second) continue;
      if (auto s = tx.Settings().Get(r.setting)) view.settings.push_back(*s);
    }
  }
  return view;
}

Result<domain::ClockId> StartClock(Services& services, const Actor& actor,
                                   domain::LearnerId learner_id, const StartClockInput& input) {
  const domain::Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, LearnerAction::kUpdate, today);
  if (!learner) return learner.error();

  std::map<std::string, std::string> fields;
  domain::StatutoryClock clock;
  clock.local_authority = learner->local_authority;
  clock.learner = learner->id;
  const domain::Timescale* timescale = domain::FindTimescale(input.timescale);
  // A clock whose date someone else sets starts with the step that sets it (a tribunal order).
  if (timescale != nullptr && timescale->count_per_clock) timescale = nullptr;
  if (timescale == nullptr) {
    fields.emplace("timescale", "clock_error_timescale");
  } else {
    clock.timescale = std::string(timescale->code);
    clock.count =
        domain::CountFor(*timescale, tx.Calendars().GetLocalTimescales(learner->local_authority));
  }
  auto event = domain::ClockEventFromCode(input.start_event);
  if (!event) fields.emplace("start_event", "clock_error_event");
  if (event) clock.start_event = *event;
  auto started = ParseDate(input.started_on, "started_on", fields, "clock_error_start_missing",
                           "clock_error_start_invalid");
  if (started) clock.started_on = *started;
  clock.reference = domain::Trim(input.reference);
  if (timescale != nullptr && domain::NeedsSchoolCalendar(*timescale)) {
    auto id = domain::ParsePositiveId(input.calendar_setting);
    std::optional<domain::Setting> setting;
    if (id) setting = tx.Settings().Get(domain::SettingId{*id});
    // The school responsible: one the learner is or was registered at.
    const bool registered =
        setting && std::any_of(learner->registrations.begin(), learner->registrations.end(),
                               [&](const auto& r) { return r.setting == setting->id; });
    if (!registered) {
      fields.emplace("calendar_setting", "clock_error_setting_required");
    } else {
      clock.calendar_setting = setting->id;
    }
  }
  if (fields.empty()) {
    if (auto checked = domain::CheckNewClock(clock, today); !checked) {
      for (const auto& [field, message] : checked.error().fields) fields.emplace(field, message);
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("clock_error_title", std::move(fields));
  // The due date must be computable now: otherwise the calendar needs term dates first.
  CalendarCache calendars(tx);
  auto calendar = calendars.For(clock);
  if (!calendar) return calendar.error();
  if (auto due = domain::DueDate(*timescale, clock.count, clock.started_on, **calendar); !due) {
    Error error = due.error();
    std::string date = error.fields.count("date") ? error.fields.at("date") : "";
    error.fields.clear();
    error.fields.emplace("started_on", error.message);
    if (!date.empty()) error.fields.emplace("date", date);
    return error;
  }
  clock.started_by = actor.user.id;
  clock.started_at = services.clock.Now();
  auto id = tx.Clocks().Add(clock);
  if (!id) return id.error();
  if (auto ok = AuditClock(tx, actor, domain::AuditAction::kUpdate, *learner, clock.started_at,
                           "clock start " + clock.timescale + " id=" + std::to_string(id->value()));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return *id;
}

Result<domain::ClockId> StartClockIn(UnitOfWork& tx, domain::StatutoryClock clock,
                                     const std::string& field) {
  const domain::Timescale* timescale = domain::FindTimescale(clock.timescale);
  if (timescale == nullptr) return Error::Internal("clock_error_timescale");
  CalendarCache calendars(tx);
  auto calendar = calendars.For(clock);
  if (!calendar) return calendar.error();
  if (auto due = domain::DueDate(*timescale, clock.count, clock.started_on, **calendar); !due) {
    Error error = due.error();
    error.fields.emplace(field, error.message);
    return error;
  }
  return tx.Clocks().Add(clock);
}

Status StopClockIn(UnitOfWork& tx, domain::ClockId id, domain::Date on, const std::string& note,
                   domain::Date today) {
  auto clock = tx.Clocks().Get(id);
  if (!clock) return Error::NotFound("clock_error_not_found");
  if (clock->stopped_on) return domain::Ok();
  CalendarCache calendars(tx);
  auto summary = Summarise(*clock, calendars, today);
  clock->stopped_on = on;
  clock->stop_note = note;
  clock->due_when_stopped = clock->waiver ? std::optional<domain::Date>(clock->waiver->new_target)
                                          : summary.statutory_due;
  return tx.Clocks().Update(*clock);
}

std::vector<ClockSummary> SummariseClocks(UnitOfWork& tx,
                                          const std::vector<domain::StatutoryClock>& clocks,
                                          domain::Date today) {
  CalendarCache calendars(tx);
  std::vector<ClockSummary> out;
  for (const auto& clock : clocks) out.push_back(Summarise(clock, calendars, today));
  return out;
}

Result<ClockView> ViewClock(Services& services, const Actor& actor, domain::ClockId id) {
  ClockView view;
  view.today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto found = ClockFor(tx, actor, id, LearnerAction::kView, view.today);
  if (!found) return found.error();
  const auto* clock = &found->clock;
  view.learner = found->learner;
  view.may_update =
      domain::MayAccessLearner(actor.user, LearnerAction::kUpdate, view.learner, view.today);
  CalendarCache calendars(tx);
  view.summary = Summarise(*clock, calendars, view.today);
  if (clock->calendar_setting) view.calendar_setting = tx.Settings().Get(*clock->calendar_setting);
  for (auto user_id :
       {std::optional<domain::UserId>(clock->started_by),
        clock->waiver ? std::optional<domain::UserId>(clock->waiver->by) : std::nullopt}) {
    if (!user_id) continue;
    if (auto user = tx.Users().Get(*user_id)) view.people[*user_id] = user->display_name;
  }
  if (auto ok = AuditClock(tx, actor, domain::AuditAction::kView, view.learner,
                           services.clock.Now(), "clock id=" + std::to_string(id.value()));
      !ok)
    return ok.error();
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return view;
}

Status StopClock(Services& services, const Actor& actor, domain::ClockId id,
                 const DateParts& done_on, const std::string& note) {
  const domain::Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto found = ClockFor(tx, actor, id, LearnerAction::kUpdate, today);
  if (!found) return found.error();
  auto* clock = &found->clock;
  const auto* learner = &found->learner;
  // A case's clock stops with the case's step (the notice, the order complied with).
  if (clock->aln_case && !clock->stopped_on) return Error::Conflict("clock_error_case_step");
  if ((clock->idp || clock->profile) && !clock->stopped_on) {
    return Error::Conflict("clock_error_plan_step");
  }
  std::map<std::string, std::string> fields;
  auto date = ParseDate(done_on, "stopped_on", fields, "clock_error_stop_missing",
                        "clock_error_stop_invalid");
  const std::string trimmed = domain::Trim(note);
  if (trimmed.size() > 2000) fields.emplace("note", "clock_error_note_long");
  if (date) {
    if (auto checked = domain::CheckStop(*clock, *date, today); !checked) {
      if (checked.error().code == domain::ErrorCode::kConflict) return checked;
      for (const auto& [field, message] : checked.error().fields) fields.emplace(field, message);
    }
  }
  if (!fields.empty()) return Error::InvalidArgument("clock_error_title", std::move(fields));
  CalendarCache calendars(tx);
  auto summary = Summarise(*clock, calendars, today);
  clock->stopped_on = *date;
  clock->stop_note = trimmed;
  // Measured against the statutory due date, or the waiver's target.
  if (clock->waiver) {
    clock->due_when_stopped = clock->waiver->new_target;
  } else {
    clock->due_when_stopped = summary.statutory_due;
  }
  if (auto ok = tx.Clocks().Update(*clock); !ok) return ok;
  if (auto ok = AuditClock(tx, actor, domain::AuditAction::kUpdate, *learner, services.clock.Now(),
                           "clock stop id=" + std::to_string(id.value()));
      !ok)
    return ok;
  return tx.Commit();
}

Status WaiveClock(Services& services, const Actor& actor, domain::ClockId id,
                  const WaiverInput& input) {
  const domain::Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto found = ClockFor(tx, actor, id, LearnerAction::kUpdate, today);
  if (!found) return found.error();
  auto* clock = &found->clock;
  const auto* learner = &found->learner;
  std::map<std::string, std::string> fields;
  domain::Waiver waiver;
  auto reason = domain::WaiverReasonFromCode(input.reason);
  if (!reason) fields.emplace("reason", "clock_error_waiver_reason");
  if (reason) waiver.reason = *reason;
  waiver.details = domain::Trim(input.details);
  auto target = ParseDate(input.new_target, "new_target", fields, "clock_error_target_missing",
                          "clock_error_target_invalid");
  waiver.by = actor.user.id;
  waiver.at = services.clock.Now();
  if (target) waiver.new_target = *target;
  if (reason && target) {
    if (auto checked = domain::CheckWaiver(*clock, waiver, today); !checked) {
      if (checked.error().code == domain::ErrorCode::kConflict) return checked;
      for (const auto& [field, message] : checked.error().fields) fields.emplace(field, message);
    }
  } else if (reason && *reason == domain::WaiverReason::kOther && waiver.details.empty()) {
    fields.emplace("details", "clock_error_waiver_details");
  }
  if (!fields.empty()) return Error::InvalidArgument("clock_error_title", std::move(fields));
  clock->waiver = waiver;
  if (auto ok = tx.Clocks().Update(*clock); !ok) return ok;
  if (auto ok = AuditClock(tx, actor, domain::AuditAction::kUpdate, *learner, waiver.at,
                           "clock waive id=" + std::to_string(id.value()) +
                               " reason=" + std::string(domain::Code(waiver.reason)));
      !ok)
    return ok;
  return tx.Commit();
}

Result<std::vector<ClockSummary>> LearnerClocks(Services& services, const Actor& actor,
                                                domain::LearnerId learner_id) {
  const domain::Date today = services.clock.Today();
  auto uow = Begin(services, TxMode::kRead);
  if (!uow) return uow.error();
  auto& tx = **uow;
  auto learner = LearnerFor(tx, actor, learner_id, LearnerAction::kView, today);
  if (!learner) return learner.error();
  CalendarCache calendars(tx);
  std::vector<ClockSummary> out;
  for (const auto& clock : tx.Clocks().ListForLearner(learner_id))
    out.push_back(Summarise(clock, calendars, today));
  return out;
}

Result<DueList> ListDue(Services& services, const Actor& actor, const DueListRequest& request) {
  DueList list;
  list.today = services.clock.Today();
  if (!domain::Trim(request.days).empty()) {
    auto days = domain::ParseWholeNumber(domain::Trim(request.days));
    if (!days || *days < 1 || *days > 366) {
      return Error::InvalidArgument("due_error_days", {{"days", "due_error_days"}});
    }
    list.days = static_cast<int>(*days);
  } else {
    list.days = kDefaultDueDays;
  }
  auto uow = Begin(services, TxMode::kWrite);
  if (!uow) return uow.error();
  auto& tx = **uow;
  const auto la_id = actor.user.local_authority;
  list.whole_la = domain::MaySeeLaDueList(actor.user, la_id);
  for (auto& s : tx.Settings().ListByLocalAuthority(la_id)) {
    if (domain::MaySeeSettingDueList(actor.user, s)) list.settings.push_back(s);
  }
  if (!domain::Trim(request.setting).empty()) {
    auto id = domain::ParsePositiveId(domain::Trim(request.setting));
    if (!id) return Error::NotFound("setting_error_not_found");
    auto setting = tx.Settings().Get(domain::SettingId{*id});
    if (!setting) return Error::NotFound("setting_error_not_found");
    if (!domain::MaySeeSettingDueList(actor.user, *setting)) return Error::Forbidden("forbidden");
    list.setting = *setting;
  } else if (!list.whole_la) {
    // A school's own list when it may see just one.
    if (list.settings.size() == 1) {
      list.setting = list.settings.front();
    } else if (list.settings.empty()) {
      return Error::Forbidden("forbidden");
    }
  }
  const domain::Date horizon = domain::AddDays(list.today, list.days);
  CalendarCache calendars(tx);
  std::map<std::int64_t, std::optional<domain::Learner>> learners;
  const auto la_for_list = list.setting ? list.setting->local_authority : la_id;
  for (const auto& clock : tx.Clocks().ListOpen(la_for_list)) {
    auto& learner = learners[clock.learner.value()];
    if (!learner) learner = tx.Learners().Get(clock.learner);
    if (!learner ||
        !domain::MayAccessLearner(actor.user, LearnerAction::kView, *learner, list.today))
      continue;
    if (list.setting) {
      const bool here =
          clock.calendar_setting == list.setting->id ||
          std::any_of(learner->registrations.begin(), learner->registrations.end(),
                      [&](const auto& r) {
                        return r.setting == list.setting->id && r.ActiveOn(list.today);
                      });
      if (!here) continue;
    } else if (!list.whole_la && std::none_of(list.settings.begin(), list.settings.end(),
                                              [&](const domain::Setting& s) {
                                                return clock.calendar_setting == s.id;
                                              })) {
      continue;
    }
    DueItem item{Summarise(clock, calendars, list.today), *learner};
    const auto& f = item.summary.forecast;
    const bool include = item.summary.state == domain::ClockState::kWaived || !f ||
                         f->status == domain::ForecastStatus::kOverdue || !(horizon < f->due);
    if (!include) continue;
    if (item.summary.state == domain::ClockState::kWaived) {
      ++list.waived;
    } else if (f && f->status == domain::ForecastStatus::kOverdue) {
      ++list.overdue;
    } else if (f && f->status == domain::ForecastStatus::kAtRisk) {
      ++list.at_risk;
    } else if (f) {
      ++list.on_track;
    }
    list.items.push_back(std::move(item));
  }
  // Overdue (statutory date passed) and waived first, then by due date; no forecast last.
  auto rank = [](const DueItem& item) {
    const auto& f = item.summary.forecast;
    if (!f) return 3;
    if (f->status == domain::ForecastStatus::kOverdue) return 0;
    if (item.summary.state == domain::ClockState::kWaived) return 1;
    return 2;
  };
  std::stable_sort(list.items.begin(), list.items.end(), [&](const DueItem& a, const DueItem& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (a.summary.forecast && b.summary.forecast &&
        a.summary.forecast->due != b.summary.forecast->due)
      return a.summary.forecast->due < b.summary.forecast->due;
    return a.summary.clock.id < b.summary.clock.id;
  });
  const domain::Timestamp now = services.clock.Now();
  std::set<std::int64_t> audited;
  for (const auto& item : list.items) {
    if (!audited.insert(item.learner.id.value()).second) continue;
    if (auto ok = AuditClock(tx, actor, domain::AuditAction::kView, item.learner, now, "due list");
        !ok)
      return ok.error();
  }
  if (auto ok = tx.Commit(); !ok) return ok.error();
  return list;
}

}  // namespace cynnal::app
