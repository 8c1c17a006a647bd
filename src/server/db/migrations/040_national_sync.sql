-- National public-service portal (Cổng DVCQG) sync: the sync outbox, each dossier's sync state and the portal
-- session, plus the tables of the portal stand-in (src/server/standins/dvcqg). See docs/integrations.md.

-- One message per domain event, written in the transaction of the change by an in-transaction dossier subscriber.
--   kind 'dossier'  = DongBoHoSoMC (the whole dossier, create or update); a newer one supersedes an unsent older one
--   kind 'progress' = CapNhatTienDoHoSoMC (one processing step); every one is sent, in order
CREATE TABLE national_sync_messages (
  id              bigserial PRIMARY KEY,
  dossier_id      uuid NOT NULL REFERENCES dossiers (id),
  kind            text NOT NULL CHECK (kind IN ('dossier', 'progress')),
  -- The domain event the message comes from (`<dossierId>:<seq>`) and its position in the dossier's log.
  event_id        text NOT NULL,
  seq             integer NOT NULL,
  -- The portal's code of the unit the message is sent for (madonvi of the envelope).
  madonvi         text NOT NULL,
  payload         jsonb NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'superseded', 'parked')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  -- For a dossier message: whether the portal took it as a create or an update (after "đã tồn tại").
  sent_as         text CHECK (sent_as IN ('create', 'update')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  acked_at        timestamptz,
  UNIQUE (event_id, kind)
);
CREATE INDEX national_sync_messages_pending_idx ON national_sync_messages (dossier_id, id) WHERE state IN ('pending', 'parked');
CREATE INDEX national_sync_messages_dossier_idx ON national_sync_messages (dossier_id, id);

-- Each dossier's sync state: the worker claims a dossier (lease, FOR UPDATE SKIP LOCKED) and sends its messages in order.
CREATE TABLE national_sync_dossiers (
  dossier_id      uuid PRIMARY KEY REFERENCES dossiers (id),
  -- Whether the portal holds the dossier (a dossier message was acknowledged).
  on_portal       boolean NOT NULL DEFAULT false,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  last_error_at   timestamptz,
  acked_at        timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX national_sync_dossiers_due_idx ON national_sync_dossiers (next_attempt_at);

-- The portal session (login with the destination-code header), reused by every process until the portal expires it.
CREATE TABLE national_sync_sessions (
  target      text PRIMARY KEY,
  session     text NOT NULL,
  obtained_at timestamptz NOT NULL DEFAULT now()
);

-- The portal stand-in: what it received, its sessions, its fault switches and a log of every call.
CREATE TABLE standin_dvcqg_dossiers (
  ma_ho_so    text PRIMARY KEY,
  madonvi     text NOT NULL,
  data        jsonb NOT NULL,
  versions    integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE standin_dvcqg_progress (
  id          bigserial PRIMARY KEY,
  ma_ho_so    text NOT NULL REFERENCES standin_dvcqg_dossiers (ma_ho_so),
  -- SHA-256 of the step's canonical JSON: the same step received twice is stored once.
  digest      text NOT NULL UNIQUE,
  data        jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX standin_dvcqg_progress_dossier_idx ON standin_dvcqg_progress (ma_ho_so, id);
CREATE TABLE standin_dvcqg_sessions (
  session    text PRIMARY KEY,
  username   text NOT NULL,
  dstcode    text NOT NULL,
  expired    boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Faults on demand: the next `remaining` calls (of a service, or any) answer so.
CREATE TABLE standin_dvcqg_faults (
  id        bigserial PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('server_error', 'slow', 'expire_session', 'exists')),
  service   text,
  remaining integer NOT NULL CHECK (remaining >= 0),
  delay_ms  integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE standin_dvcqg_calls (
  id         bigserial PRIMARY KEY,
  service    text NOT NULL,
  ma_ho_so   text,
  http_status integer NOT NULL,
  error_code integer,
  message    text,
  at         timestamptz NOT NULL DEFAULT now()
);
