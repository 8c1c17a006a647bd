-- The audit trail of reads of personal data (NĐ 13/2023 on personal data protection; TCVN 11930:2017 level 3 asks
-- for logs of access to information): who read which dossier or person, through which route, and why.
-- Beside the write log (dossier_log, admin_changes); written before the answer leaves the server.
CREATE TABLE personal_data_reads (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_kind   text NOT NULL CHECK (actor_kind IN ('official', 'citizen', 'anonymous')),
  actor_id     text,
  actor_name   text,
  subject_kind text NOT NULL CHECK (subject_kind IN ('dossier', 'person', 'official', 'register', 'shared_document')),
  subject_id   text NOT NULL,
  purpose      text NOT NULL,
  route        text NOT NULL,
  ip           text
);
CREATE INDEX personal_data_reads_subject_idx ON personal_data_reads (subject_kind, subject_id, at DESC);
CREATE INDEX personal_data_reads_actor_idx ON personal_data_reads (actor_id, at DESC);
CREATE INDEX personal_data_reads_at_idx ON personal_data_reads (at DESC);
