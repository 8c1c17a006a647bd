-- Administration: the log of every administrative change (units, officials and their roles, the working calendar,
-- working hours, the procedure catalogue), written in the same transaction as the change and hash-chained:
--   hash(n) = SHA-256( hash(n-1) + "\n" + canonicalJson(entry n) ),  hash(0) = 64 zeros.
CREATE TABLE admin_changes (
  id             bigint PRIMARY KEY,
  at             timestamptz NOT NULL,
  -- The official who made the change; NULL for the command line (actor_username 'cli').
  actor_id       text,
  actor_username text NOT NULL,
  entity_kind    text NOT NULL CHECK (entity_kind IN ('org_unit', 'official', 'membership', 'calendar_day', 'working_time', 'procedure')),
  entity_id      text NOT NULL,
  action         text NOT NULL,
  -- The org units the change concerns: unit administrators and supervisors read the changes of their units.
  unit_ids       text[] NOT NULL DEFAULT '{}',
  before         jsonb,
  after          jsonb,
  reason         text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL UNIQUE
);
CREATE INDEX admin_changes_entity_idx ON admin_changes (entity_kind, entity_id, id);
CREATE INDEX admin_changes_actor_idx ON admin_changes (actor_username, id);
CREATE INDEX admin_changes_at_idx ON admin_changes (at);
CREATE INDEX admin_changes_units_idx ON admin_changes USING gin (unit_ids);

-- The head of the chain. Every append locks this row, so appends are serialised across servers.
CREATE TABLE admin_changes_head (
  id   boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO admin_changes_head (id, seq, hash) VALUES (true, 0, repeat('0', 64));

-- The log is append-only.
CREATE FUNCTION admin_changes_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'admin_changes is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER admin_changes_append_only BEFORE UPDATE OR DELETE ON admin_changes
  FOR EACH ROW EXECUTE FUNCTION admin_changes_append_only();

-- A TOTP secret waiting for its first code: it becomes officials.totp_secret only once a code from it verifies.
CREATE TABLE official_totp_enrolments (
  official_id uuid PRIMARY KEY REFERENCES officials (id),
  secret      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
