-- Foundation: extensions, sessions, administrative units, organisation units, calendar.
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE sessions (
  id_hash    text PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('citizen', 'official')),
  subject    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Provinces and communes of the 2025 two-level local government (National Statistics Office codes).
CREATE TABLE admin_units (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  type        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'commune')),
  parent_code text REFERENCES admin_units (code),
  effective_from date NOT NULL DEFAULT DATE '2025-07-01',
  effective_to   date
);
CREATE INDEX admin_units_parent_idx ON admin_units (parent_code);

-- Agencies and their departments (UBND, Trung tâm Phục vụ hành chính công, phòng, công an xã …).
CREATE TABLE org_units (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  short_name      text,
  kind            text NOT NULL,
  admin_unit_code text NOT NULL REFERENCES admin_units (code),
  parent_id       text REFERENCES org_units (id),
  -- Mã định danh cơ quan (TT 10/2016/TT-BTTTT style), the prefix of dossier codes.
  agency_code     text,
  address         text,
  phone           text,
  email           text,
  effective_from  date NOT NULL DEFAULT DATE '2025-07-01',
  effective_to    date,
  succeeded_by    text REFERENCES org_units (id)
);
CREATE INDEX org_units_admin_idx ON org_units (admin_unit_code);

-- The installation: which province it serves (reception is province-wide).
CREATE TABLE installation (
  id             boolean PRIMARY KEY DEFAULT true CHECK (id),
  province_code  text NOT NULL REFERENCES admin_units (code),
  name           text NOT NULL,
  default_unit   text REFERENCES org_units (id),
  settings       jsonb NOT NULL DEFAULT '{}'
);

-- Non-working days and make-up working days, generated from data/holidays.json rules and editable.
CREATE TABLE calendar_days (
  day     date PRIMARY KEY,
  kind    text NOT NULL CHECK (kind IN ('holiday', 'compensatory_day_off', 'makeup_working_day')),
  name    text NOT NULL,
  source  text NOT NULL DEFAULT 'rule'
);
