-- Back office: the internal workflow (quy trình nội bộ) of each dossier as tasks, one per workflow step it passes
-- through; clock pauses (supplement, financial obligation); counter and postal intake; the register (Sổ theo dõi
-- hồ sơ); what the worklist and the search need to answer fast at millions of dossiers.

ALTER TABLE dossiers
  ADD COLUMN current_task_id     uuid,
  ADD COLUMN supplement_requests smallint NOT NULL DEFAULT 0,
  ADD COLUMN reschedules         smallint NOT NULL DEFAULT 0,
  -- Set while the clock is paused (supplement requested, financial obligation); the pause rows hold the history.
  ADD COLUMN paused_since        timestamptz,
  -- Every org unit the dossier belongs to or has passed through (receiving, competent, each step's unit):
  -- an official sees a dossier when one of their units is in this set.
  ADD COLUMN unit_ids            text[] NOT NULL DEFAULT '{}',
  -- Counter or postal intake: the receiving official, the identity check against the population database,
  -- the waybill number of a postal dossier.
  ADD COLUMN intake              jsonb,
  -- How the result was returned: in person (receiver identity), by post (waybill), electronically.
  ADD COLUMN delivery            jsonb,
  -- Sổ theo dõi hồ sơ: book (year) and running number within the receiving unit.
  ADD COLUMN register_book       integer,
  ADD COLUMN register_no         integer,
  -- The applicant's name folded (lower case, no diacritics) for search.
  ADD COLUMN applicant_search    text;

UPDATE dossiers SET unit_ids = array_remove(ARRAY[receiving_unit_id, competent_unit_id], NULL) WHERE unit_ids = '{}';

CREATE INDEX dossiers_unit_ids_idx ON dossiers USING gin (unit_ids);
CREATE INDEX dossiers_applicant_id_idx ON dossiers (applicant_id_number);
CREATE INDEX dossiers_applicant_search_idx ON dossiers USING gin (applicant_search gin_trgm_ops);
CREATE INDEX dossiers_received_idx ON dossiers (receiving_unit_id, received_at) WHERE received_at IS NOT NULL;

-- One task per workflow step instance. The open task of a dossier (completed_at IS NULL) is where it is now.
CREATE TABLE dossier_tasks (
  id           uuid PRIMARY KEY,
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  seq          integer NOT NULL,
  step_index   integer NOT NULL,
  step_key     text NOT NULL,
  step_name    text NOT NULL,
  role         text NOT NULL CHECK (role IN ('reception', 'specialist', 'leader', 'clerk')),
  unit_id      text NOT NULL REFERENCES org_units (id),
  assignee_id  uuid REFERENCES officials (id),
  -- 'auto' (least loaded) or the id of the official who assigned it by hand.
  assigned_by  text,
  started_at   timestamptz NOT NULL,
  due_at       timestamptz NOT NULL,
  completed_at timestamptz,
  completed_by uuid REFERENCES officials (id),
  -- forwarded, sent_back, result_issued, result_returned, refused, stopped, withdrawn …
  outcome      text,
  note         text,
  UNIQUE (dossier_id, seq)
);
CREATE INDEX dossier_tasks_inbox_idx ON dossier_tasks (assignee_id, due_at) WHERE completed_at IS NULL;
CREATE INDEX dossier_tasks_pool_idx ON dossier_tasks (unit_id, role, due_at) WHERE completed_at IS NULL;

-- Clock pauses: supplement requested during processing until supplied; financial obligation until paid.
CREATE TABLE dossier_pauses (
  id          bigserial PRIMARY KEY,
  dossier_id  uuid NOT NULL REFERENCES dossiers (id),
  kind        text NOT NULL CHECK (kind IN ('supplement', 'financial_obligation')),
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  reason      text NOT NULL,
  due_before  timestamptz,
  due_after   timestamptz
);
CREATE INDEX dossier_pauses_dossier_idx ON dossier_pauses (dossier_id, started_at);

-- Running numbers of the register (Sổ theo dõi hồ sơ), per receiving unit and year.
CREATE TABLE register_counters (
  unit_id    text NOT NULL,
  book       integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (unit_id, book)
);

-- Counter intake requests by idempotency key (a retried intake returns the same dossier).
CREATE UNIQUE INDEX dossiers_intake_key_idx ON dossiers ((intake ->> 'officialId'), (intake ->> 'idempotencyKey')) WHERE intake IS NOT NULL;
