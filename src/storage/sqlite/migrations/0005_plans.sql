-- Individual development plans, One Page Profiles and legacy SEN records, each kept whole as a
-- JSON record with the fields lists search on as columns (as ALN cases are; ADR 0003).
CREATE TABLE idps (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  aln_case_id INTEGER REFERENCES aln_cases (id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_force', 'ceased')),
  body TEXT NOT NULL CHECK (body IN ('school', 'fei', 'la')),
  maintaining_local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  setting_id INTEGER REFERENCES settings (id),
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX idps_by_learner ON idps (learner_id);
CREATE INDEX idps_by_maintainer ON idps (maintaining_local_authority_id, status);
CREATE INDEX idps_by_setting ON idps (setting_id, status);

CREATE TABLE one_page_profiles (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  setting_id INTEGER REFERENCES settings (id),
  closed INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX one_page_profiles_by_learner ON one_page_profiles (learner_id);

CREATE TABLE profile_photos (
  id INTEGER PRIMARY KEY,
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  content_type TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL,
  bytes BLOB NOT NULL
);

CREATE TABLE legacy_sen_records (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL UNIQUE REFERENCES learners (id),
  status TEXT NOT NULL CHECK (status IN ('N', 'A', 'P', 'S')),
  outcome TEXT,
  converted_on TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX legacy_sen_records_by_la ON legacy_sen_records (local_authority_id);

ALTER TABLE clocks ADD COLUMN idp_id INTEGER REFERENCES idps (id);
ALTER TABLE clocks ADD COLUMN profile_id INTEGER REFERENCES one_page_profiles (id);
