-- Recognition requests (issue 16): an upload recognised in the background so the request answers at once. One row per
-- owner, upload and requested type (a repeated request returns the same row); claimed by workers with
-- FOR UPDATE SKIP LOCKED and a lease, so several server processes share the work and a crashed worker's claim expires.
CREATE TABLE recognitions (
  id             uuid PRIMARY KEY,
  owner_kind     text NOT NULL CHECK (owner_kind IN ('citizen', 'official', 'system')),
  owner_id       text NOT NULL,
  upload_id      uuid NOT NULL REFERENCES uploads (id),
  requested_type text NOT NULL DEFAULT '',
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts       integer NOT NULL DEFAULT 0,
  lease_until    timestamptz,
  result         jsonb,
  error          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  UNIQUE (owner_kind, owner_id, upload_id, requested_type)
);
CREATE INDEX recognitions_pending_idx ON recognitions (created_at) WHERE status = 'pending';
