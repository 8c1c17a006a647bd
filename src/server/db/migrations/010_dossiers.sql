-- Dossiers (hồ sơ), their documents, drafts, the hash-chained action log, stored files and the outbox.

-- Content-addressed file store metadata: one row per distinct content (SHA-256).
CREATE TABLE stored_files (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size       bigint NOT NULL CHECK (size >= 0),
  mime       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An upload: who put which content under which name. Access is checked on uploads, never on raw hashes.
CREATE TABLE uploads (
  id            uuid PRIMARY KEY,
  owner_kind    text NOT NULL CHECK (owner_kind IN ('citizen', 'official', 'system')),
  owner_id      text NOT NULL,
  sha256        text NOT NULL REFERENCES stored_files (sha256),
  original_name text NOT NULL,
  mime          text NOT NULL,
  size          bigint NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_owner_idx ON uploads (owner_kind, owner_id, created_at DESC);

-- Per receiving unit and day running numbers for dossier codes (…-YYMMDD-XXXX).
CREATE TABLE dossier_code_counters (
  agency_code text NOT NULL,
  day         text NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (agency_code, day)
);

CREATE TABLE drafts (
  id                uuid PRIMARY KEY,
  owner_citizen_id  uuid NOT NULL,
  procedure_code    text NOT NULL,
  procedure_version integer NOT NULL,
  case_code         text NOT NULL,
  form_values       jsonb NOT NULL DEFAULT '{}',
  prefill           jsonb NOT NULL DEFAULT '{}',
  documents         jsonb NOT NULL DEFAULT '[]',
  -- Submission details outside the e-form: contact, receiving unit, how the result is returned.
  meta              jsonb NOT NULL DEFAULT '{}',
  current_step      text,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'submitted', 'expired', 'deleted')),
  dossier_id        uuid,
  revision          integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  expires_at        timestamptz NOT NULL
);
CREATE INDEX drafts_owner_idx ON drafts (owner_citizen_id, status, updated_at DESC);
CREATE INDEX drafts_expiry_idx ON drafts (expires_at) WHERE status = 'open';

CREATE TABLE dossiers (
  id                   uuid PRIMARY KEY,
  code                 text NOT NULL UNIQUE,
  procedure_code       text NOT NULL,
  procedure_version    integer NOT NULL,
  case_code            text NOT NULL,
  procedure_name       text NOT NULL,
  -- Four independent state axes; status is the national TrangThaiHoSo code 1–10.
  status               smallint NOT NULL CHECK (status BETWEEN 1 AND 10),
  sub_state            text,
  payment_state        text NOT NULL DEFAULT 'none',
  delivery_state       text NOT NULL DEFAULT 'none',
  sync_state           text NOT NULL DEFAULT 'pending',
  channel              smallint NOT NULL CHECK (channel IN (1, 2, 3)),
  applicant_kind       text NOT NULL DEFAULT 'citizen',
  owner_citizen_id     uuid,
  applicant            jsonb NOT NULL,
  applicant_id_number  text,
  applicant_name       text NOT NULL,
  applicant_phone      text,
  applicant_email      text,
  result_delivery      text NOT NULL DEFAULT 'online' CHECK (result_delivery IN ('online', 'counter', 'post')),
  summary              text NOT NULL,
  form_values          jsonb NOT NULL,
  prefill_provenance   jsonb NOT NULL DEFAULT '{}',
  receiving_unit_id    text NOT NULL,
  competent_unit_id    text,
  handling_unit_id     text,
  submitted_at         timestamptz NOT NULL,
  received_at          timestamptz,
  due_at               timestamptz,
  original_due_at      timestamptz,
  finished_at          timestamptz,
  returned_at          timestamptz,
  refused_at           timestamptz,
  login_at             timestamptz,
  login_to_submit_ms   bigint,
  idempotency_key      text,
  fee_quote            jsonb,
  fee_total            integer NOT NULL DEFAULT 0,
  vneid_authenticated  boolean NOT NULL DEFAULT false,
  population_db_used   boolean NOT NULL DEFAULT false,
  draft_id             uuid,
  row_version          integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX dossiers_idempotency_idx ON dossiers (owner_citizen_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX dossiers_owner_idx ON dossiers (owner_citizen_id, submitted_at DESC);
CREATE INDEX dossiers_status_unit_idx ON dossiers (receiving_unit_id, status, submitted_at);

CREATE TABLE dossier_documents (
  id                uuid PRIMARY KEY,
  dossier_id        uuid NOT NULL REFERENCES dossiers (id),
  requirement_code  text NOT NULL,
  upload_id         uuid REFERENCES uploads (id),
  sha256            text REFERENCES stored_files (sha256),
  name              text NOT NULL,
  mime              text,
  size              bigint,
  -- 766 flags: digitised (DuocSoHoa), reused (DuocTaiSuDung), taken from the personal store (DuocLayTuKhoDMQG).
  digitised         boolean NOT NULL DEFAULT true,
  reused            boolean NOT NULL DEFAULT false,
  from_store        boolean NOT NULL DEFAULT false,
  source            text NOT NULL CHECK (source IN ('upload', 'store', 'scan', 'supplement')),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_documents_dossier_idx ON dossier_documents (dossier_id);

-- The action log: every change to a dossier, appended in the same transaction as the change, hash-chained
-- per dossier (hash = SHA-256 of the previous hash and the canonical JSON of the entry).
CREATE TABLE dossier_actions (
  id           bigserial PRIMARY KEY,
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  seq          integer NOT NULL,
  at           timestamptz NOT NULL,
  actor_kind   text NOT NULL CHECK (actor_kind IN ('citizen', 'official', 'system', 'public')),
  actor_id     text NOT NULL,
  actor_name   text NOT NULL,
  actor_role   text NOT NULL,
  action       text NOT NULL,
  from_status  smallint,
  to_status    smallint,
  data         jsonb NOT NULL DEFAULT '{}',
  attachments  jsonb NOT NULL DEFAULT '[]',
  prev_hash    text NOT NULL,
  hash         text NOT NULL,
  UNIQUE (dossier_id, seq)
);

-- Everything that leaves the system (mail, national-portal sync, hand-offs) goes through the outbox,
-- written in the same transaction as the change and delivered by a worker (FOR UPDATE SKIP LOCKED).
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  topic           text NOT NULL,
  dedupe_key      text NOT NULL UNIQUE,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at) WHERE status = 'pending';
