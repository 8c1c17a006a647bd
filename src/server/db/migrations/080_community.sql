-- Community digital teams (Tổ công nghệ số cộng đồng) and household coverage (docs/community.md).

-- The helper role (community_helper) joins the one role list (src/core/workflow/roles.ts).
ALTER TABLE official_memberships DROP CONSTRAINT IF EXISTS official_memberships_role_check;
ALTER TABLE official_memberships ADD CONSTRAINT official_memberships_role_check
  CHECK (role IN ('reception', 'specialist', 'leader', 'clerk', 'unit_admin', 'supervisor', 'system_admin', 'catalogue_admin', 'community_helper'));

-- Villages and residential groups (thôn, ấp, tổ dân phố, khu phố) under a commune: data, read from the residence
-- addresses when households are imported, or entered by the commune.
CREATE TABLE community_areas (
  id           text PRIMARY KEY,
  commune_code text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('thon', 'ap', 'to_dan_pho', 'khu_pho', 'ban', 'khac')),
  name         text NOT NULL,
  UNIQUE (commune_code, name)
);

-- Which areas a helper serves (a helper may serve several; an area may have several helpers).
CREATE TABLE community_helper_areas (
  official_id uuid NOT NULL,
  area_id     text NOT NULL REFERENCES community_areas (id),
  PRIMARY KEY (official_id, area_id)
);

-- The household register, imported from the population database (head and members).
CREATE TABLE community_households (
  household_no text PRIMARY KEY,
  area_id      text NOT NULL REFERENCES community_areas (id),
  address      text NOT NULL,
  head_id      text,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_households_area_idx ON community_households (area_id, address);

CREATE TABLE community_household_members (
  id_number    text PRIMARY KEY,
  household_no text NOT NULL REFERENCES community_households (household_no),
  full_name    text NOT NULL,
  birth_date   date NOT NULL,
  relation     text NOT NULL DEFAULT '',
  phone        text
);
CREATE INDEX community_household_members_hh_idx ON community_household_members (household_no);

-- Evidence of a person's digital skills: e-ID login and online submission (from an online dossier, recorded by the
-- domain-event subscriber), or ticked on a helper's visit checklist.
CREATE TABLE community_evidence (
  id          bigserial PRIMARY KEY,
  id_number   text NOT NULL,
  skill       text NOT NULL CHECK (skill IN ('eid_login', 'online_submission', 'online_payment', 'digital_signature')),
  source      text NOT NULL CHECK (source IN ('online_dossier', 'visit_checklist')),
  dossier_id  uuid,
  visit_id    uuid,
  recorded_by text,
  at          timestamptz NOT NULL,
  UNIQUE NULLS NOT DISTINCT (id_number, skill, source, dossier_id, visit_id)
);
CREATE INDEX community_evidence_person_idx ON community_evidence (id_number);

-- A helper's visit to a household, logged from the phone, possibly long after (poor connection): the client's
-- idempotency key makes a retried upload a no-op.
CREATE TABLE community_visits (
  id              uuid PRIMARY KEY,
  official_id     uuid NOT NULL,
  client_key      text NOT NULL,
  household_no    text NOT NULL REFERENCES community_households (household_no),
  visited_at      timestamptz NOT NULL,
  outcome         text NOT NULL CHECK (outcome IN ('done', 'needs_device', 'not_home', 'refused')),
  checklist       jsonb NOT NULL DEFAULT '[]',
  note            text,
  received_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (official_id, client_key)
);
CREATE INDEX community_visits_household_idx ON community_visits (household_no, visited_at);

-- Assisted sessions: a helper starts one; the resident logs in with their own e-ID on the helper's device; the
-- resident's session then carries assistedBy. The token is kept only as a hash.
CREATE TABLE community_assisted_sessions (
  id           uuid PRIMARY KEY,
  official_id  uuid NOT NULL,
  helper_name  text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  status       text NOT NULL CHECK (status IN ('pending', 'claimed', 'expired')),
  citizen_id   uuid,
  id_number    text,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  claimed_at   timestamptz
);

-- Representation (ủy quyền / đại diện): the resident's consent for a helper to submit on their behalf.
CREATE TABLE community_representations (
  id             uuid PRIMARY KEY,
  official_id    uuid NOT NULL,
  helper_name    text NOT NULL,
  id_number      text NOT NULL,
  resident_name  text NOT NULL,
  basis          text NOT NULL CHECK (basis IN ('otp', 'document')),
  procedure_codes text[] NOT NULL,
  status         text NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
  otp_hash       text,
  otp_attempts   integer NOT NULL DEFAULT 0,
  otp_expires_at timestamptz,
  phone_masked   text,
  document_upload_id uuid,
  document_sha256 text,
  created_at     timestamptz NOT NULL,
  confirmed_at   timestamptz,
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  revoked_by     text
);
CREATE INDEX community_representations_person_idx ON community_representations (id_number);

-- Dossiers a helper assisted (mode assisted: the resident's own session) or submitted on behalf (mode on_behalf,
-- under a representation). Written in the dossier's submission transaction.
CREATE TABLE community_assisted_dossiers (
  dossier_id        uuid PRIMARY KEY REFERENCES dossiers (id),
  official_id       uuid NOT NULL,
  mode              text NOT NULL CHECK (mode IN ('assisted', 'on_behalf')),
  session_id        uuid,
  representation_id uuid REFERENCES community_representations (id),
  client_key        text,
  at                timestamptz NOT NULL,
  UNIQUE (official_id, client_key)
);
CREATE INDEX community_assisted_dossiers_official_idx ON community_assisted_dossiers (official_id, at DESC);
