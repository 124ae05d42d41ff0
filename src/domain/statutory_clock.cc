#include "domain/statutory_clock.h"

#include "domain/code_table.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

constexpr CodeTable<ClockEvent, 7> kEvents = {{
    {ClockEvent::kConcernRaised, "concern_raised"},
    {ClockEvent::kReferralReceived, "referral_received"},
    {ClockEvent::kRequestMade, "request_made"},
    {ClockEvent::kNoticeGiven, "notice_given"},
    {ClockEvent::kConsentGiven, "consent_given"},
    {ClockEvent::kPlanGiven, "plan_given"},
    {ClockEvent::kMeetingHeld, "meeting_held"},
}};

constexpr CodeTable<WaiverReason, 5> kReasons = {{
    {WaiverReason::kFamilyUnavailable, "family_unavailable"},
    {WaiverReason::kAwaitingAnotherBody, "awaiting_another_body"},
    {WaiverReason::kLearnerAbsent, "learner_absent"},
    {WaiverReason::kExceptionalClosure, "exceptional_closure"},
    {WaiverReason::kOther, "other"},
}};

}  // namespace

std::string_view Code(ClockEvent event) { return CodeIn(kEvents, event); }
std::optional<ClockEvent> ClockEventFromCode(std::string_view code) {
  return FromCodeIn(kEvents, code);
}
const std::vector<ClockEvent>& AllClockEvents() {
  static const std::vector<ClockEvent> all = AllIn(kEvents);
  return all;
}

std::string_view Code(WaiverReason reason) { return CodeIn(kReasons, reason); }
std::optional<WaiverReason> WaiverReasonFromCode(std::string_view code) {
  return FromCodeIn(kReasons, code);
}
const std::vector<WaiverReason>& AllWaiverReasons() {
  static const std::vector<WaiverReason> all = AllIn(kReasons);
  return all;
}

std::string_view Code(ClockState state) {
  switch (state) {
    case ClockState::kRunning:
      return "running";
    case ClockState::kMet:
      return "met";
    case ClockState::kMissed:
      return "missed";
    case ClockState::kWaived:
      return "waived";
  }
  return "running";
}

ClockState StateOf(const StatutoryClock& clock) {
  if (clock.waiver) return ClockState::kWaived;
  if (!clock.stopped_on) return ClockState::kRunning;
  if (clock.due_when_stopped && *clock.due_when_stopped < *clock.stopped_on) {
    return ClockState::kMissed;
  }
  return ClockState::kMet;
}

std::string_view Code(ForecastStatus status) {
  switch (status) {
    case ForecastStatus::kOnTrack:
      return "on_track";
    case ForecastStatus::kAtRisk:
      return "at_risk";
    case ForecastStatus::kOverdue:
      return "overdue";
  }
  return "on_track";
}

Result<ClockForecast> Forecast(const StatutoryClock& clock, const Timescale& timescale,
                               const SchoolCalendar& calendar, Date today) {
  ClockForecast forecast;
  if (clock.waiver) {
    forecast.due = clock.waiver->new_target;
  } else {
    auto due = DueDate(timescale, clock.count, clock.started_on, calendar);
    if (!due) return Fail(due.error());
    forecast.due = *due;
  }
  forecast.school_days = NeedsSchoolCalendar(timescale);
  auto count_between = [&](Date from, Date through) -> Result<int> {
    return forecast.school_days ? calendar.SchoolDaysBetween(from, through)
                                : calendar.WorkingDaysBetween(from, through);
  };
  auto period = count_between(clock.started_on, forecast.due);
  forecast.period_days = period ? *period : DaysBetween(clock.started_on, forecast.due);
  if (forecast.due < today) {
    forecast.status = ForecastStatus::kOverdue;
    // Past the last known term, count overdue days in working days rather than fail.
    auto late = count_between(forecast.due, today);
    if (!late) late = calendar.WorkingDaysBetween(forecast.due, today);
    forecast.days_left = -(late ? *late : DaysBetween(forecast.due, today));
    return forecast;
  }
  auto left = count_between(today, forecast.due);
  if (!left) return Fail(left.error());
  forecast.days_left = *left;
  // At risk: less than 20% of the period, or fewer than 5 days, left.
  if (forecast.days_left * 5 < forecast.period_days || forecast.days_left < 5) {
    forecast.status = ForecastStatus::kAtRisk;
  }
  return forecast;
}

Result<void> CheckNewClock(const StatutoryClock& clock, Date today) {
  std::map<std::string, std::string> fields;
  const Timescale* timescale = FindTimescale(clock.timescale);
  if (timescale == nullptr) fields.emplace("timescale", "clock_error_timescale");
  if (today < clock.started_on) fields.emplace("started_on", "clock_error_start_future");
  if (clock.count < 1) fields.emplace("timescale", "calendar_error_count");
  if (timescale != nullptr && NeedsSchoolCalendar(*timescale) && !clock.calendar_setting) {
    fields.emplace("calendar_setting", "clock_error_setting_required");
  }
  if (clock.reference.size() > 500) fields.emplace("reference", "clock_error_reference_long");
  if (!fields.empty()) return Fail(Error::InvalidArgument("clock_error_title", std::move(fields)));
  return {};
}

Result<void> CheckStop(const StatutoryClock& clock, Date stopped_on, Date today) {
  if (clock.stopped_on) return Fail(Error::Conflict("clock_error_already_stopped"));
  std::map<std::string, std::string> fields;
  if (stopped_on < clock.started_on) fields.emplace("stopped_on", "clock_error_stop_before_start");
  if (today < stopped_on) fields.emplace("stopped_on", "clock_error_stop_future");
  if (!fields.empty()) return Fail(Error::InvalidArgument("clock_error_title", std::move(fields)));
  return {};
}

Result<void> CheckWaiver(const StatutoryClock& clock, const Waiver& waiver, Date today) {
  if (clock.stopped_on) return Fail(Error::Conflict("clock_error_already_stopped"));
  if (clock.waiver) return Fail(Error::Conflict("clock_error_already_waived"));
  std::map<std::string, std::string> fields;
  if (waiver.reason == WaiverReason::kOther && Trim(waiver.details).empty()) {
    fields.emplace("details", "clock_error_waiver_details");
  }
  if (waiver.details.size() > 2000) fields.emplace("details", "clock_error_waiver_details_long");
  if (!(today < waiver.new_target) || !(clock.started_on < waiver.new_target)) {
    fields.emplace("new_target", "clock_error_waiver_target");
  }
  if (!fields.empty()) return Fail(Error::InvalidArgument("clock_error_title", std::move(fields)));
  return {};
}

}  // namespace cynnal::domain
