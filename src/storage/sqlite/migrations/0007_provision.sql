-- Schools' provision maps, one per setting and academic year, each kept whole as a JSON record
-- (as ALN cases are; ADR 0003), and the sessions delivered against IDPs' ALP and the maps.
CREATE TABLE provision_maps (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  academic_year INTEGER NOT NULL,
  rolled_from_id INTEGER REFERENCES provision_maps (id),
  version INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL,
  UNIQUE (setting_id, academic_year)
);
CREATE INDEX provision_maps_by_la ON provision_maps (local_authority_id, academic_year);

-- One row per learner, day and element or provision recorded; exactly one target.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  local_authority_id INTEGER NOT NULL REFERENCES local_authorities (id),
  learner_id INTEGER NOT NULL REFERENCES learners (id),
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  idp_id INTEGER REFERENCES idps (id),
  element_key INTEGER NOT NULL,
  map_id INTEGER REFERENCES provision_maps (id),
  provision_key INTEGER NOT NULL,
  day TEXT NOT NULL,
  delivered INTEGER NOT NULL CHECK (delivered >= 0),
  missed INTEGER NOT NULL CHECK (missed >= 0),
  reason TEXT NOT NULL,
  note TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id),
  recorded_at TEXT NOT NULL,
  CHECK ((idp_id IS NULL) <> (map_id IS NULL))
);
CREATE INDEX deliveries_by_learner ON deliveries (learner_id, day);
CREATE INDEX deliveries_by_setting ON deliveries (setting_id, day);
