#pragma once

#include <memory>

#include "app/ports/repositories.h"

namespace cynnal::app {

// One transaction over every repository. Nothing is kept unless Commit() succeeds; destroying
// an uncommitted unit of work rolls it back.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual LocalAuthorityRepository& LocalAuthorities() = 0;
  virtual SettingRepository& Settings() = 0;
  virtual LearnerRepository& Learners() = 0;
  virtual FamilyRepository& Families() = 0;
  virtual UserRepository& Users() = 0;
  virtual SessionRepository& Sessions() = 0;
  virtual AuditLog& Audit() = 0;
  virtual CalendarRepository& Calendars() = 0;
  virtual ClockRepository& Clocks() = 0;
  virtual CaseRepository& Cases() = 0;
  virtual PlanRepository& Plans() = 0;
  virtual PanelRepository& Panels() = 0;
  virtual ProvisionRepository& Provision() = 0;
  virtual SpecialistRepository& Specialist() = 0;
  virtual FamilyContactRepository& FamilyContacts() = 0;
  virtual Status Commit() = 0;
};

enum class TxMode { kRead, kWrite };

// Where Cynnal's data lives (memory, SQLite, PostgreSQL).
class Store {
 public:
  virtual ~Store() = default;
  // kUnavailable if the store cannot be reached or is busy past its timeout.
  virtual Result<std::unique_ptr<UnitOfWork>> Begin(TxMode mode) = 0;
};

}  // namespace cynnal::app
