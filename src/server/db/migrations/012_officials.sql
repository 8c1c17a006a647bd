-- Officials (cán bộ, công chức) of the back office: accounts, unit memberships with roles, login security.
CREATE TABLE officials (
  id               uuid PRIMARY KEY,
  username         text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  full_name        text NOT NULL,
  title            text,
  email            text,
  phone            text,
  password_hash    text NOT NULL,
  totp_secret      text,
  active           boolean NOT NULL DEFAULT true,
  failed_attempts  integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_login_at    timestamptz
);

-- One row per (official, unit, role): an official may be a specialist in one department and a receiving
-- officer at the centre.
CREATE TABLE official_memberships (
  official_id uuid NOT NULL REFERENCES officials (id),
  unit_id     text NOT NULL REFERENCES org_units (id),
  role        text NOT NULL CHECK (role IN ('reception', 'specialist', 'leader', 'clerk', 'unit_admin', 'supervisor', 'system_admin', 'catalogue_admin')),
  PRIMARY KEY (official_id, unit_id, role)
);
CREATE INDEX official_memberships_unit_idx ON official_memberships (unit_id, role);

CREATE TABLE official_login_events (
  id          bigserial PRIMARY KEY,
  official_id uuid,
  username    text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  outcome     text NOT NULL,
  ip          text
);
