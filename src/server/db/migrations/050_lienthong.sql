-- Linked procedures (liên thông, NĐ 63/2024): bundles, their member dossiers, hand-offs to other agencies with their
-- evidence, escalations when an agency does not answer in time, and the switch of local bundle types.
-- See docs/integrations.md "Liên thông".

CREATE TABLE lienthong_settings (
  bundle_code text PRIMARY KEY,
  enabled     boolean NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text
);

CREATE TABLE lienthong_bundles (
  id                  uuid PRIMARY KEY,
  type_code           text NOT NULL,
  type_version        integer NOT NULL,
  type_name           text NOT NULL,
  -- The bundle's own code (mã hồ sơ liên thông), beside the parent's and each member's dossier code.
  bundle_code         text NOT NULL UNIQUE,
  parent_dossier_id   uuid NOT NULL UNIQUE REFERENCES dossiers (id),
  parent_code         text NOT NULL,
  owner_citizen_id    uuid,
  applicant_id_number text NOT NULL,
  receiving_unit_id   text NOT NULL,
  state               text NOT NULL CHECK (state IN ('open', 'partially_done', 'done', 'failed')),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX lienthong_bundles_owner_idx ON lienthong_bundles (owner_citizen_id, created_at DESC);
CREATE INDEX lienthong_bundles_applicant_idx ON lienthong_bundles (applicant_id_number);

CREATE TABLE lienthong_members (
  bundle_id      uuid NOT NULL REFERENCES lienthong_bundles (id),
  member_key     text NOT NULL,
  position       integer NOT NULL,
  name           text NOT NULL,
  procedure_code text NOT NULL,
  agency_code    text NOT NULL,
  agency_name    text NOT NULL,
  adapter        text NOT NULL CHECK (adapter IN ('local', 'cutru', 'bhxh', 'manual')),
  depends_on     text[] NOT NULL DEFAULT '{}',
  dossier_id     uuid NOT NULL REFERENCES dossiers (id),
  dossier_code   text NOT NULL,
  state          text NOT NULL CHECK (state IN ('waiting', 'processing', 'handed_off', 'accepted', 'rejected', 'done', 'failed')),
  member_values  jsonb NOT NULL,
  result         jsonb,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (bundle_id, member_key)
);
CREATE INDEX lienthong_members_dossier_idx ON lienthong_members (dossier_id);
CREATE INDEX lienthong_members_code_idx ON lienthong_members (dossier_code);

CREATE TABLE lienthong_handoffs (
  id              uuid PRIMARY KEY,
  bundle_id       uuid NOT NULL,
  member_key      text NOT NULL,
  attempt         integer NOT NULL,
  adapter         text NOT NULL,
  state           text NOT NULL CHECK (state IN ('requested', 'accepted', 'rejected')),
  request         jsonb NOT NULL,
  request_sha256  text NOT NULL,
  requested_at    timestamptz NOT NULL,
  sent_at         timestamptz,
  http_status     integer,
  response        jsonb,
  response_sha256 text,
  answered_at     timestamptz,
  answer_due_at   timestamptz NOT NULL,
  reference       text,
  reason          text,
  recorded_by     text,
  escalated_at    timestamptz,
  UNIQUE (bundle_id, member_key, attempt),
  FOREIGN KEY (bundle_id, member_key) REFERENCES lienthong_members (bundle_id, member_key)
);
CREATE INDEX lienthong_handoffs_open_idx ON lienthong_handoffs (answer_due_at) WHERE state = 'requested' AND escalated_at IS NULL;

-- "Quá hạn liên thông": an agency did not answer a hand-off in time; the receiving unit's officials see it.
CREATE TABLE lienthong_escalations (
  id          uuid PRIMARY KEY,
  handoff_id  uuid NOT NULL UNIQUE REFERENCES lienthong_handoffs (id),
  bundle_id   uuid NOT NULL REFERENCES lienthong_bundles (id),
  member_key  text NOT NULL,
  unit_id     text NOT NULL,
  raised_at   timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE INDEX lienthong_escalations_unit_idx ON lienthong_escalations (unit_id) WHERE resolved_at IS NULL;

-- The receiving agencies' stand-ins (src/server/standins/cutru, bhxh): what they received and answered, and the
-- switch that makes them reject the next request (tests and demos).
CREATE TABLE standin_agency_requests (
  agency          text NOT NULL,
  idempotency_key text NOT NULL,
  request         jsonb NOT NULL,
  response        jsonb NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency, idempotency_key)
);
CREATE TABLE standin_agency_controls (
  agency       text PRIMARY KEY,
  reject_next  integer NOT NULL DEFAULT 0,
  reason       text,
  silent_next  integer NOT NULL DEFAULT 0
);
