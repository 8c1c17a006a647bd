-- The subject of a dossier (the child, the couple, the deceased, the person certified) as keys, for duplicate
-- detection (src/core/dossiers/duplicates.ts): written with the dossier, in the same transaction. A dossier whose
-- procedure has no duplicate rule, or whose form does not name the subject, has no row.
CREATE TABLE dossier_subjects (
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  subject_key  text NOT NULL,
  PRIMARY KEY (dossier_id, subject_key)
);
CREATE INDEX dossier_subjects_key_idx ON dossier_subjects (subject_key);

-- Dossiers the citizen was shown as possible duplicates before submitting, and submitted anyway.
CREATE TABLE dossier_duplicate_warnings (
  dossier_id    uuid PRIMARY KEY REFERENCES dossiers (id),
  warned_of     uuid[] NOT NULL,
  acknowledged_at timestamptz NOT NULL
);
