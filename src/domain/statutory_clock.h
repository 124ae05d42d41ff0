#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/result.h"
#include "domain/school_calendar.h"
#include "domain/timescale.h"

namespace cynnal::domain {

using ClockId = Id<struct ClockTag>;

// The event that starts a clock (REFERENCE section 3).
enum class ClockEvent {
  kConcernRaised,     // the possibility of ALN brought to the body's attention
  kReferralReceived,  // a referral to the LA or an NHS body received
  kRequestMade,       // a request (reconsideration, earlier review) made
  kNoticeGiven,       // a decision notice given (starts an appeal period)
  kConsentGiven,      // a young person's consent given
  kPlanGiven,         // an IDP (or revised IDP) given: starts the review period
  kMeetingHeld,       // a panel meeting held: starts the minutes period
};
std::string_view Code(ClockEvent event);  // "concern_raised", ...
std::optional<ClockEvent> ClockEventFromCode(std::string_view code);
const std::vector<ClockEvent>& AllClockEvents();

// Why a deadline was waived: "impractical due to circumstances beyond its control" (Regs regs
// 10(4), 11(3)), in the kinds councils record, plus free text.
enum class WaiverReason {
  kFamilyUnavailable,    // the child, parent or young person could not take part in time
  kAwaitingAnotherBody,  // information awaited from an NHS body or another agency
  kLearnerAbsent,        // the learner absent for a long period
  kExceptionalClosure,   // the school or service closed by an emergency
  kOther,
};
std::string_view Code(WaiverReason reason);
std::optional<WaiverReason> WaiverReasonFromCode(std::string_view code);
const std::vector<WaiverReason>& AllWaiverReasons();

// A waived deadline. It lifts the deadline, not the duty to act promptly: the clock keeps a
// target date set by the officer and stays on overdue lists until it is stopped (REFERENCE
// section 3, "Exceptions").
struct Waiver {
  WaiverReason reason = WaiverReason::kOther;
  std::string details;
  UserId by;
  Timestamp at{};
  Date new_target;
};

// A statutory clock on a learner's case: a timescale running from a start event until it is
// stopped by the duty being done.
struct StatutoryClock {
  ClockId id;
  LocalAuthorityId local_authority;
  LearnerId learner;
  // The school (or FEI) whose calendar counts school or term-time days: the one responsible when
  // the clock started (REFERENCE section 3). Not set for clocks counted in weeks or working days.
  std::optional<SettingId> calendar_setting;
  std::string timescale;  // a code from TimescaleCatalogue()
  int count = 0;          // the count in force when the clock started
  ClockEvent start_event = ClockEvent::kConcernRaised;
  Date started_on;
  std::string reference;  // free text: what the clock is for ("Referral from Dr Jones")
  UserId started_by;
  Timestamp started_at{};
  // Set when the duty is done: the date it was done and the due date it was measured against.
  std::optional<Date> stopped_on;
  std::optional<Date> due_when_stopped;
  std::string stop_note;
  std::optional<Waiver> waiver;
  std::optional<AlnCaseId> aln_case;        // the ALN case whose duty it times, if any
  std::optional<IdpId> idp;                 // the IDP whose review it times, if any
  std::optional<OnePageProfileId> profile;  // the One Page Profile whose review it times
};

// running: not stopped and not waived; met: stopped on or before its due date; missed: stopped
// after it; waived: its deadline waived (whether or not it has since been stopped).
enum class ClockState { kRunning, kMet, kMissed, kWaived };
std::string_view Code(ClockState state);
ClockState StateOf(const StatutoryClock& clock);

// How a running clock stands today.
enum class ForecastStatus { kOnTrack, kAtRisk, kOverdue };
std::string_view Code(ForecastStatus status);  // "on_track", "at_risk", "overdue"

struct ClockForecast {
  Date due;                  // the statutory due date (or a waiver's target date)
  int period_days = 0;       // the length of the period in its counting days (see below)
  int days_left = 0;         // counting days after today up to the due date; negative if overdue
  bool school_days = false;  // true: counted in school days; false: in working days
  ForecastStatus status = ForecastStatus::kOnTrack;
};

// The forecast for a clock that has not been stopped, on `today`: school days left for a clock
// on a school's calendar, working days otherwise. At risk when fewer than 20% of the period's
// days, or fewer than 5 school (or working) days, remain; overdue once today is after the due date
// (REFERENCE section 3; the forecast rule). A waived clock is forecast against its target
// date. Fails when the calendar does not reach the due date.
Result<ClockForecast> Forecast(const StatutoryClock& clock, const Timescale& timescale,
                               const SchoolCalendar& calendar, Date today);

// Checks the fields of a new clock: a known timescale, a start date not after today, and a
// calendar setting exactly when the timescale counts school or term-time days.
Result<void> CheckNewClock(const StatutoryClock& clock, Date today);
// Checks stopping a running clock: a date not before its start and not after today.
Result<void> CheckStop(const StatutoryClock& clock, Date stopped_on, Date today);
// Checks a waiver: a running clock, details for "other", a target date after today's date and
// after the start.
Result<void> CheckWaiver(const StatutoryClock& clock, const Waiver& waiver, Date today);

}  // namespace cynnal::domain
