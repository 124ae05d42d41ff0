-- School calendars and statutory clocks. Dates are ISO text as in 0001.

-- An LA's terms for one academic year (named by the year it starts in).
CREATE TABLE terms (
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  academic_year INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (name IN ('autumn', 'spring', 'summer')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  half_term_start TEXT,
  half_term_end TEXT,
  PRIMARY KEY (local_authority_id, academic_year, name)
) WITHOUT ROWID;

-- A school's own INSET and closure days.
CREATE TABLE setting_days (
  id INTEGER PRIMARY KEY,
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('inset', 'closure')),
  label TEXT NOT NULL DEFAULT '',
  UNIQUE (setting_id, day)
);

-- Bank holidays imported from a file; years not here use the shipped list.
CREATE TABLE imported_bank_holidays (
  day TEXT PRIMARY KEY
) WITHOUT ROWID;

-- An LA's values for the local guidelines (absent: the defaults).
CREATE TABLE local_timescales (
  local_authority_id INTEGER PRIMARY KEY REFERENCES local_authorities (id),
  school_referral_school_days INTEGER NOT NULL CHECK (school_referral_school_days BETWEEN 1 AND 200),
  panel_minutes_working_days INTEGER NOT NULL CHECK (panel_minutes_working_days BETWEEN 1 AND 200)
);

CREATE TABLE clocks (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  calendar_setting_id INTEGER REFERENCES settings (id),
  timescale TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 1),
  start_event TEXT NOT NULL,
  started_on TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  started_by INTEGER NOT NULL REFERENCES users (id),
  started_at TEXT NOT NULL,
  stopped_on TEXT,
  due_when_stopped TEXT,
  stop_note TEXT NOT NULL DEFAULT '',
  waiver_reason TEXT,
  waiver_details TEXT,
  waiver_by INTEGER REFERENCES users (id),
  waiver_at TEXT,
  waiver_new_target TEXT
);
CREATE INDEX clocks_by_learner ON clocks (learner_id, started_on);
-- The due lists read the clocks of an LA that are not stopped.
CREATE INDEX clocks_open_by_la ON clocks (local_authority_id, started_on) WHERE stopped_on IS NULL;
