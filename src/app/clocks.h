#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/calendars.h"
#include "app/services.h"
#include "domain/learner.h"
#include "domain/statutory_clock.h"

namespace cynnal::app {

// A clock with what a page shows beside it: its timescale, its state, and its forecast (or why
// there is none: the message id of the calendar's error and the date it names).
struct ClockSummary {
  domain::StatutoryClock clock;
  const domain::Timescale* timescale = nullptr;
  domain::ClockState state = domain::ClockState::kRunning;
  std::optional<domain::ClockForecast> forecast;  // for clocks not yet stopped
  std::optional<domain::Date> statutory_due;      // the due date before any waiver
  std::string problem;                            // a message id when there is no forecast
  std::string problem_date;
};

// What the "start a clock" form offers for a learner.
struct ClockFormView {
  domain::Learner learner;
  std::vector<domain::Setting> settings;  // the learner's settings, current first
  domain::Date today;
};
Result<ClockFormView> ClockForm(Services& services, const Actor& actor, domain::LearnerId learner);

struct StartClockInput {
  std::string timescale;    // a catalogue code
  std::string start_event;  // a ClockEvent code
  DateParts started_on;
  std::string calendar_setting;  // setting id as text (school and term-time day clocks)
  std::string reference;
};
// Starts a clock on the learner (an actor who may update the learner); the count is the
// timescale's, or the LA's local value for a local guideline. Audited as "update".
Result<domain::ClockId> StartClock(Services& services, const Actor& actor,
                                   domain::LearnerId learner, const StartClockInput& input);

// One clock with its learner; kNotFound / kForbidden as for the learner. Audited as "view".
struct ClockView {
  ClockSummary summary;
  domain::Learner learner;
  std::optional<domain::Setting> calendar_setting;
  std::map<domain::UserId, std::string> people;  // display names of who started and waived
  bool may_update = false;
  domain::Date today;
};
Result<ClockView> ViewClock(Services& services, const Actor& actor, domain::ClockId id);

// Stops a running (or waived) clock: the duty was done on `done_on`. Audited as "update".
Status StopClock(Services& services, const Actor& actor, domain::ClockId id,
                 const DateParts& done_on, const std::string& note);

struct WaiverInput {
  std::string reason;  // a WaiverReason code
  std::string details;
  DateParts new_target;
};
// Records that the deadline cannot be met for reasons beyond the body's control (Regs regs
// 10(4), 11(3)), with a new target date. Audited as "update".
Status WaiveClock(Services& services, const Actor& actor, domain::ClockId id,
                  const WaiverInput& input);

// A learner's clocks, latest first, with forecasts.
Result<std::vector<ClockSummary>> LearnerClocks(Services& services, const Actor& actor,
                                                domain::LearnerId learner);

// Clocks due within `days` days (or overdue, or waived and not yet done) for one setting (the
// clocks on learners registered there today, or counted on its calendar) or for the actor's
// whole LA. Overdue and waived first, then by due date. Clocks whose due date cannot be worked
// out (term dates missing) are listed too, with the problem.
struct DueListRequest {
  std::string setting;  // setting id as text, or empty for the LA
  std::string days;     // 1 to 366; empty for 20
};
struct DueItem {
  ClockSummary summary;
  domain::Learner learner;
};
struct DueList {
  std::vector<DueItem> items;
  int days = 20;
  std::optional<domain::Setting> setting;
  std::vector<domain::Setting> settings;  // the settings whose lists the actor may see
  bool whole_la = false;                  // the actor may see the LA's list
  domain::Date today;
  int overdue = 0, at_risk = 0, on_track = 0, waived = 0;
};
Result<DueList> ListDue(Services& services, const Actor& actor, const DueListRequest& request);

// For use cases that start and stop clocks as part of a larger step (an ALN case), inside their
// own unit of work; neither writes an audit row (the step does).
//
// Adds `clock` (its id ignored) once its due date can be worked out; otherwise the calendar's
// error, its message also put on `field`.
Result<domain::ClockId> StartClockIn(UnitOfWork& tx, domain::StatutoryClock clock,
                                     const std::string& field);
// Stops a running clock on `on` (which may be after today: a posted notice is given when it
// arrives), measured against its statutory due date or its waiver's target. A clock already
// stopped is left as it is.
Status StopClockIn(UnitOfWork& tx, domain::ClockId id, domain::Date on, const std::string& note,
                   domain::Date today);
// Summaries of the given clocks (for a case page), latest first.
std::vector<ClockSummary> SummariseClocks(UnitOfWork& tx,
                                          const std::vector<domain::StatutoryClock>& clocks,
                                          domain::Date today);

}  // namespace cynnal::app
