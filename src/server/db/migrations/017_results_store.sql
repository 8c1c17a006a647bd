-- Electronic results (kết quả điện tử), signed with the issuing unit's certificate and verifiable by QR; the
-- personal document store (kho dữ liệu điện tử của tổ chức, cá nhân) where results and digitised components land
-- and from which later dossiers take them; time-limited share links; the signing keys of the development CA.

-- Signing credentials: the development certificate authority and one PKCS#12 per signing unit, created on first
-- use and shared by every server process (the first insert wins). Production units use their own PKCS#12 files.
CREATE TABLE signing_credentials (
  subject_id      text PRIMARY KEY,           -- 'ca' or an org unit id
  certificate_pem text NOT NULL,
  private_key_pem text,                       -- the CA's key (to issue unit certificates); null for units
  p12             bytea,                      -- a unit's key and chain
  common_name     text NOT NULL,
  not_after       timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Running numbers of results (số, ký hiệu), per issuing unit, year and result code.
CREATE TABLE result_counters (
  unit_id     text NOT NULL,
  year        integer NOT NULL,
  result_code text NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (unit_id, year, result_code)
);

CREATE TABLE results (
  id              uuid PRIMARY KEY,          -- the QR target /verify/<id>
  dossier_id      uuid REFERENCES dossiers (id),
  kind            text NOT NULL CHECK (kind IN ('result', 'certified_copy', 'specimen')),
  result_code     text NOT NULL,             -- mã kết quả (MaGiayToKetQua = MaKetQuaChinh of the procedure)
  document_type   text,                      -- matches document requirements of later dossiers
  title           text NOT NULL,
  number          text NOT NULL,             -- số, ký hiệu
  issuing_unit_id text NOT NULL REFERENCES org_units (id),
  signer_name     text NOT NULL,
  signer_title    text,
  certificate_cn  text NOT NULL,
  signed_at       timestamptz NOT NULL,
  owner_id_number text NOT NULL,
  owner_name      text NOT NULL,
  sha256          text NOT NULL REFERENCES stored_files (sha256),
  size            bigint NOT NULL,
  valid_from      date NOT NULL,
  valid_to        date,
  scope           text,
  -- Issued once the clerk publishes it; a signed result not yet published is withdrawn if the dossier goes back.
  published_at    timestamptz,
  status          text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'replaced', 'cancelled')),
  replaced_by     uuid REFERENCES results (id),
  status_reason   text,
  status_at       timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX results_dossier_idx ON results (dossier_id);
CREATE INDEX results_sha_idx ON results (sha256);
CREATE INDEX results_owner_idx ON results (owner_id_number);

ALTER TABLE dossiers ADD COLUMN result_id uuid REFERENCES results (id);

-- The personal document store: each entry belongs to one person (or organisation) by identification number.
CREATE TABLE store_documents (
  id                 uuid PRIMARY KEY,
  owner_id_number    text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('result', 'certified_copy', 'digitised')),
  title              text NOT NULL,
  document_type      text,
  result_code        text,
  sha256             text NOT NULL REFERENCES stored_files (sha256),
  mime               text NOT NULL,
  size               bigint NOT NULL,
  result_id          uuid REFERENCES results (id),
  source_dossier_id  uuid REFERENCES dossiers (id),
  source_document_id uuid,
  issued_at          timestamptz NOT NULL,
  valid_to           date,
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id_number, source_document_id),
  UNIQUE (owner_id_number, result_id)
);
CREATE INDEX store_documents_owner_idx ON store_documents (owner_id_number, issued_at DESC);

-- A dossier component taken from the store (DuocLayTuKhoDMQG) points at its store entry.
ALTER TABLE dossier_documents ADD COLUMN store_document_id uuid REFERENCES store_documents (id);

-- Time-limited links to one stored document, by the SHA-256 of a random token.
CREATE TABLE store_shares (
  token_hash        text PRIMARY KEY,
  store_document_id uuid NOT NULL REFERENCES store_documents (id),
  owner_id_number   text NOT NULL,
  expires_at        timestamptz NOT NULL,
  revoked_at        timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX store_shares_document_idx ON store_shares (store_document_id);
