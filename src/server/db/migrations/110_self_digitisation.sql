-- Self-digitisation (issue 16 item 2): a citizen photographs a paper; the photo is a photo copy (not a certified
-- copy), recognised in the background (table recognitions, migration 075: no foreign key, it is created later in
-- the order) and its fields confirmed one by one by the citizen. A value the citizen changed keeps the recognised
-- original. At the counter the official compares the photo with the original paper and confirms it, which stamps the
-- NĐ 137/2024 conversion mark, signs it with the unit's certificate and makes the component digitised (766 4.2) and
-- reusable from the citizen's store (4.3).
CREATE TABLE photo_copies (
  id               uuid PRIMARY KEY,
  owner_citizen_id uuid NOT NULL,
  upload_id        uuid NOT NULL UNIQUE REFERENCES uploads (id),
  document_type    text NOT NULL,
  recognition_id   uuid NOT NULL,
  -- [{name, label, value, source, confidence, original?: {value, source, confidence}}], once the citizen confirmed.
  confirmed_fields jsonb,
  confirmed_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX photo_copies_owner_idx ON photo_copies (owner_citizen_id, created_at DESC);

-- A dossier component that is a citizen's photo copy: not digitised until an official confirmed it against the original.
ALTER TABLE dossier_documents ADD COLUMN photo_copy boolean NOT NULL DEFAULT false;

-- The official's comparison with the original (the audited action): who, where, when, the photo and the marked,
-- signed file that replaced it on the dossier.
CREATE TABLE original_confirmations (
  dossier_document_id uuid PRIMARY KEY REFERENCES dossier_documents (id),
  dossier_id          uuid NOT NULL REFERENCES dossiers (id),
  official_id         uuid NOT NULL REFERENCES officials (id),
  official_name       text NOT NULL,
  unit_id             text NOT NULL REFERENCES org_units (id),
  photo_sha256        text NOT NULL REFERENCES stored_files (sha256),
  marked_sha256       text NOT NULL REFERENCES stored_files (sha256),
  certificate_cn      text NOT NULL,
  store_document_id   uuid REFERENCES store_documents (id),
  confirmed_at        timestamptz NOT NULL
);
CREATE INDEX original_confirmations_dossier_idx ON original_confirmations (dossier_id);
