-- A setting's own term dates (an FEI, or a school that sets its own), which replace its LA's for
-- the academic years they cover.
CREATE TABLE setting_terms (
  setting_id BIGINT NOT NULL REFERENCES settings (id),
  academic_year INTEGER NOT NULL,
  name TEXT NOT NULL CHECK (name IN ('autumn', 'spring', 'summer')),
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  half_term_start DATE,
  half_term_end DATE,
  PRIMARY KEY (setting_id, academic_year, name)
);
