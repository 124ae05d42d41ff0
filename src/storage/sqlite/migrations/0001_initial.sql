-- Cynnal's first schema. Dates are ISO text "YYYY-MM-DD", timestamps "YYYY-MM-DDThh:mm:ssZ" (UTC),
-- enums their domain Code() strings, booleans 0 or 1. Child rows keep a position so that a
-- record's lists read back in the order they were stored. schema_migrations is made by the
-- migrator itself.

CREATE TABLE local_authorities (
  id INTEGER PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_cy TEXT NOT NULL,
  la_number INTEGER NOT NULL UNIQUE
);

CREATE TABLE health_boards (
  id INTEGER PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_cy TEXT NOT NULL
);

CREATE TABLE settings (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  name TEXT NOT NULL,
  establishment_number TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('nursery', 'primary', 'secondary', 'all_through', 'special',
                                     'pru', 'fei', 'independent', 'non_maintained')),
  language_medium TEXT NOT NULL
    CHECK (language_medium IN ('english', 'welsh', 'dual_stream', 'bilingual')),
  UNIQUE (local_authority_id, establishment_number)
);
CREATE INDEX settings_by_la_name ON settings (local_authority_id, name COLLATE NOCASE);

CREATE TABLE resource_bases (
  setting_id INTEGER NOT NULL REFERENCES settings (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  area_of_need TEXT NOT NULL,
  places INTEGER NOT NULL,
  PRIMARY KEY (setting_id, position)
) WITHOUT ROWID;

CREATE TABLE learners (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  legal_first_name TEXT NOT NULL,
  legal_last_name TEXT NOT NULL,
  preferred_name TEXT NOT NULL DEFAULT '',
  date_of_birth TEXT NOT NULL,
  upn TEXT NOT NULL UNIQUE,
  home_language TEXT NOT NULL,
  letter_language TEXT NOT NULL CHECK (letter_language IN ('en', 'cy')),
  welsh_medium INTEGER NOT NULL CHECK (welsh_medium IN (0, 1)),
  looked_after INTEGER NOT NULL CHECK (looked_after IN (0, 1)),
  looked_after_by INTEGER REFERENCES local_authorities (id),
  electively_home_educated INTEGER NOT NULL CHECK (electively_home_educated IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0)
);
-- Search results are ordered by last name, first name, id (ASCII case folded).
CREATE INDEX learners_by_name
  ON learners (legal_last_name COLLATE NOCASE, legal_first_name COLLATE NOCASE, id);
CREATE INDEX learners_by_la_name
  ON learners (local_authority_id, legal_last_name COLLATE NOCASE, legal_first_name COLLATE NOCASE);
CREATE INDEX learners_by_looked_after_by ON learners (looked_after_by)
  WHERE looked_after_by IS NOT NULL;
CREATE INDEX learners_by_date_of_birth ON learners (date_of_birth);

CREATE TABLE registrations (
  learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  PRIMARY KEY (learner_id, position)
) WITHOUT ROWID;
-- Who is registered at a setting on a date.
CREATE INDEX registrations_by_setting ON registrations (setting_id, start_date, end_date);

CREATE TABLE family_members (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  full_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  preferred_language TEXT NOT NULL CHECK (preferred_language IN ('en', 'cy'))
);

CREATE TABLE learner_family (
  learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  family_member_id INTEGER NOT NULL REFERENCES family_members (id),
  position INTEGER NOT NULL,
  relationship TEXT NOT NULL,
  parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
  PRIMARY KEY (learner_id, family_member_id)
) WITHOUT ROWID;
-- A parent's children.
CREATE INDEX learner_family_by_member ON learner_family (family_member_id, learner_id);

CREATE TABLE learner_health_referrals (
  learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
  health_board_id INTEGER NOT NULL REFERENCES health_boards (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (learner_id, health_board_id)
) WITHOUT ROWID;
-- The learners referred to a board.
CREATE INDEX learner_health_referrals_by_board
  ON learner_health_referrals (health_board_id, learner_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('la_admin', 'la_officer', 'panel_member', 'alnco', 'teacher',
                                     'governor', 'parent', 'young_person', 'health_officer')),
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  family_member_id INTEGER REFERENCES family_members (id),
  learner_id INTEGER REFERENCES learners (id),
  health_board_id INTEGER REFERENCES health_boards (id),
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  failed_sign_ins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
);
CREATE INDEX users_by_la ON users (local_authority_id, username);

CREATE TABLE user_settings (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (user_id, setting_id)
) WITHOUT ROWID;

-- Found by the digest of the cookie token: the primary key is that index.
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);
CREATE INDEX sessions_by_created ON sessions (created_at);

-- The audit trail. user_id and learner_id carry no foreign key: the trail must outlive the
-- records it mentions. Rows are never changed or removed.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('la_admin', 'la_officer', 'panel_member', 'alnco', 'teacher',
                                     'governor', 'parent', 'young_person', 'health_officer')),
  action TEXT NOT NULL CHECK (action IN ('view', 'create', 'update', 'export', 'sign_in',
                                         'sign_in_failed', 'sign_out', 'admin')),
  learner_id INTEGER,
  -- The learner's own LA when it is not the actor's (a looked-after child placed in another LA,
  -- a learner referred to a health board), so that both LAs find the row.
  learner_local_authority_id INTEGER,
  route TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_by_la_at ON audit_events (local_authority_id, at);
CREATE INDEX audit_by_la_learner_at ON audit_events (local_authority_id, learner_id, at);
CREATE INDEX audit_by_username_at ON audit_events (username, at);
CREATE INDEX audit_by_learner_la_learner_at ON audit_events (learner_local_authority_id, learner_id, at);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
