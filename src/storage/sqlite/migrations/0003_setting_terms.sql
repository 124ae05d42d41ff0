-- A setting's own term dates (an FEI, or a school that sets its own), which replace its LA's for
-- the academic years they cover.
CREATE TABLE setting_terms (
  setting_id INTEGER NOT NULL REFERENCES settings (id),
  academic_year INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (name IN ('autumn', 'spring', 'summer')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  half_term_start TEXT,
  half_term_end TEXT,
  PRIMARY KEY (setting_id, academic_year, name)
) WITHOUT ROWID;
