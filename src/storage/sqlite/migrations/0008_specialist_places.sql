-- Specialist provisions (resource bases, LSCs, special schools, the PRU) with their placements,
-- and specialist equipment, each kept whole as a JSON record (ADR 0003) with the columns lists
-- search on.
CREATE TABLE specialist_provisions (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  kind TEXT NOT NULL CHECK (kind IN ('resource_base', 'lsc', 'special_school', 'pru')),
  name TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX specialist_provisions_by_la ON specialist_provisions (local_authority_id, kind);

-- The learners on each provision's lists, for the foreign key.
CREATE TABLE specialist_placements (
  provision_id INTEGER NOT NULL REFERENCES specialist_provisions (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  PRIMARY KEY (provision_id, learner_id)
);
CREATE INDEX specialist_placements_by_learner ON specialist_placements (learner_id);

CREATE TABLE specialist_equipment (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  setting_id INTEGER REFERENCES settings (id),
  learner_id INTEGER REFERENCES learners (id),
  bought_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX specialist_equipment_by_la ON specialist_equipment (local_authority_id, bought_on);

-- The LA's reviews of schools' arrangements (ALN Code 7.10), one per school and school year.
CREATE TABLE school_reviews (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  academic_year INTEGER NOT NULL,
  reviewed_by INTEGER NOT NULL REFERENCES users (id),
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL,
  UNIQUE (setting_id, academic_year)
);
CREATE INDEX school_reviews_by_la ON school_reviews (local_authority_id, academic_year);
