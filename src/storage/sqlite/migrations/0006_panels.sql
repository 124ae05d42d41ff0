-- ALN panels, their meetings and referrals, each kept whole as a JSON record with the fields
-- lists search on as columns (as ALN cases are; ADR 0003). Two side tables make "which learners
-- may this panel member see" one indexed query: the accounts of each panel's members, and
-- the referrals on each meeting's agenda.
CREATE TABLE panels (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  min_age INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX panels_by_la ON panels (local_authority_id, min_age);

CREATE TABLE panel_member_users (
  panel_id INTEGER NOT NULL REFERENCES panels (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  active INTEGER NOT NULL,
  PRIMARY KEY (panel_id, user_id)
);
CREATE INDEX panel_member_users_by_user ON panel_member_users (user_id);

-- A member's school, for the foreign key (members without an account have no row above).
CREATE TABLE panel_member_settings (
  panel_id INTEGER NOT NULL REFERENCES panels (id),
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  PRIMARY KEY (panel_id, setting_id)
);

CREATE TABLE panel_meetings (
  id INTEGER PRIMARY KEY,
  panel_id INTEGER NOT NULL REFERENCES panels (id),
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  date TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'held', 'cancelled')),
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX panel_meetings_by_panel ON panel_meetings (panel_id, date);
-- One meeting a day per panel, leaving out cancelled ones.
CREATE UNIQUE INDEX panel_meetings_one_a_day ON panel_meetings (panel_id, date)
  WHERE state <> 'cancelled';

CREATE TABLE panel_referrals (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  panel_id INTEGER NOT NULL REFERENCES panels (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  aln_case_id INTEGER REFERENCES aln_cases (id),
  idp_id INTEGER REFERENCES idps (id),
  setting_id INTEGER REFERENCES settings (id),
  clock_id INTEGER REFERENCES clocks (id),
  meeting_id INTEGER REFERENCES panel_meetings (id),
  referred_by INTEGER NOT NULL REFERENCES users (id),
  state TEXT NOT NULL CHECK (state IN ('awaiting', 'listed', 'decided', 'withdrawn')),
  referred_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX panel_referrals_by_la ON panel_referrals (local_authority_id, state, referred_on);
CREATE INDEX panel_referrals_by_learner ON panel_referrals (learner_id);
CREATE INDEX panel_referrals_by_meeting ON panel_referrals (meeting_id);

CREATE TABLE panel_agenda_items (
  meeting_id INTEGER NOT NULL REFERENCES panel_meetings (id),
  referral_id INTEGER NOT NULL REFERENCES panel_referrals (id),
  PRIMARY KEY (meeting_id, referral_id)
);

CREATE TABLE panel_papers (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES panel_referrals (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE INDEX panel_papers_by_referral ON panel_papers (referral_id);
