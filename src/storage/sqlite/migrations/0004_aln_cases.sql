-- ALN cases (docs/adr/0003-aln-case-record.md): the fields lists and dashboards search on are
-- columns; the rest of the case (concern, test, decisions, notices, appeal, timeline) is one JSON
-- record, read and written whole.
CREATE TABLE aln_cases (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  stage TEXT NOT NULL,
  deciding_body TEXT NOT NULL CHECK (deciding_body IN ('school', 'fei', 'la')),
  deciding_local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  deciding_setting_id INTEGER REFERENCES settings (id),
  brought_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX aln_cases_by_learner ON aln_cases (learner_id);
CREATE INDEX aln_cases_by_deciding_la ON aln_cases (deciding_local_authority_id, stage);

CREATE TABLE case_documents (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES aln_cases (id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users (id),
  uploaded_at TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE INDEX case_documents_by_case ON case_documents (case_id);

CREATE TABLE la_decision_settings (
  local_authority_id INTEGER PRIMARY KEY REFERENCES local_authorities (id),
  ta_hours_threshold INTEGER NOT NULL,
  post_working_days INTEGER NOT NULL,
  service_phone TEXT NOT NULL DEFAULT '',
  service_email TEXT NOT NULL DEFAULT ''
);

ALTER TABLE clocks ADD COLUMN aln_case_id INTEGER REFERENCES aln_cases (id);
