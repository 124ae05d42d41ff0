-- Contacts with learners' families (family liaison), each kept whole as a JSON record (ADR 0003)
-- with the columns lists search on and the references the database checks.
CREATE TABLE family_contacts (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  setting_id INTEGER REFERENCES settings (id),
  family_member_id INTEGER REFERENCES family_members (id),
  recorded_by INTEGER NOT NULL REFERENCES users (id),
  held_on TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL
);
CREATE INDEX family_contacts_by_learner ON family_contacts (learner_id, held_on);
CREATE INDEX family_contacts_by_setting ON family_contacts (setting_id, held_on);
CREATE INDEX family_contacts_by_la ON family_contacts (local_authority_id, held_on);
