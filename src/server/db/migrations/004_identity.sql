-- Identity: the built-in national e-ID (VNeID) stand-in, a real OpenID Connect provider mounted at /eid,
-- and MotCua as relying party (login transactions, citizens known from e-ID logins).

-- Stand-in provider: its signing keys (private JWK set), generated at first start and shared by every
-- server process. One row; the first process to insert wins, the others read it.
CREATE TABLE standin_eid_keys (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  jwks       jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Stand-in provider: storage of oidc-provider models (sessions, interactions, grants, codes, tokens)
-- so that several server processes can serve one login.
CREATE TABLE standin_oidc_store (
  model       text NOT NULL,
  id          text NOT NULL,
  payload     jsonb NOT NULL,
  grant_id    text,
  uid         text,
  user_code   text,
  expires_at  timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX standin_oidc_store_grant_idx ON standin_oidc_store (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX standin_oidc_store_uid_idx ON standin_oidc_store (model, uid) WHERE uid IS NOT NULL;
CREATE INDEX standin_oidc_store_user_code_idx ON standin_oidc_store (model, user_code) WHERE user_code IS NOT NULL;
CREATE INDEX standin_oidc_store_expires_idx ON standin_oidc_store (expires_at);

-- Stand-in provider: the e-ID account of a synthetic resident (a resident of standin_residents; no foreign
-- key, so the population stand-in can be regenerated). `sub` is the stable subject identifier, never the
-- id number; `tech_id` plays the DVCQG "TechID". Created at the resident's first login.
CREATE TABLE standin_eid_accounts (
  id_number  text PRIMARY KEY,
  sub        uuid NOT NULL UNIQUE,
  tech_id    uuid NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Stand-in provider: failed password attempts per id number (5 failures lock the number for 15 minutes).
CREATE TABLE standin_eid_login_failures (
  id_number    text PRIMARY KEY,
  failures     integer NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);

-- Relying party: one login attempt between /auth/login and /auth/callback. Keyed by the OAuth `state`,
-- bound to the browser by the SHA-256 of an HttpOnly cookie, single use, valid 10 minutes.
CREATE TABLE oidc_transactions (
  state         text PRIMARY KEY,
  binding_hash  text NOT NULL,
  code_verifier text NOT NULL,
  nonce         text NOT NULL,
  return_to     text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  consumed_at   timestamptz
);
CREATE INDEX oidc_transactions_expires_idx ON oidc_transactions (expires_at);

-- Citizens known to MotCua: created at their first e-ID login, refreshed at every login.
CREATE TABLE citizens (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_number      text NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{12}$'),
  full_name      text NOT NULL,
  birth_date     date,
  -- The identity provider and its subject identifier for this citizen (OIDC `iss` + `sub`).
  issuer         text NOT NULL,
  sub            text NOT NULL,
  -- The last identity claims received (ID token, completed by userinfo when needed).
  claims         jsonb NOT NULL,
  first_login_at timestamptz NOT NULL DEFAULT now(),
  last_login_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizens_subject_idx ON citizens (issuer, sub);
