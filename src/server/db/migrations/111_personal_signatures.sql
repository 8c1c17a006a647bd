-- Signatures made with a personal certificate (issue 16 item 7): the applicant's signature on a dossier's declaration
-- and a leader's personal signature beside the unit's on a result, both through the remote-signing service. The
-- targets page counts the adults (15+) of a unit's population who have signed at least once (the plans' "người dân
-- trưởng thành sử dụng chữ ký số cá nhân", Kim Long: over 50%).
CREATE TABLE personal_signatures (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('declaration', 'result')),
  -- The signer: a citizen by identity number, or an official.
  id_number     text,
  official_id   uuid REFERENCES officials (id),
  signer_name   text NOT NULL,
  credential_id text NOT NULL,
  dossier_id    uuid NOT NULL REFERENCES dossiers (id),
  result_id     uuid,
  signed_at     timestamptz NOT NULL,
  CHECK (id_number IS NOT NULL OR official_id IS NOT NULL)
);
CREATE INDEX personal_signatures_person_idx ON personal_signatures (id_number, signed_at);
CREATE INDEX personal_signatures_dossier_idx ON personal_signatures (dossier_id);

-- Declarations signed before this table existed (migration 105).
INSERT INTO personal_signatures (kind, id_number, signer_name, credential_id, dossier_id, signed_at)
SELECT 'declaration', d.applicant_id_number, s.signer_name, s.credential_id, s.dossier_id, s.signed_at
  FROM dossier_signed_declarations s JOIN dossiers d ON d.id = s.dossier_id
 WHERE d.applicant_id_number IS NOT NULL;

-- A leader's personal certificate at the remote-signing service: configured per official (their identity at the
-- service). Without it, the leader's approval signs with the unit's certificate alone.
CREATE TABLE official_personal_credentials (
  official_id      uuid PRIMARY KEY REFERENCES officials (id),
  provider_user_id text NOT NULL,
  configured_at    timestamptz NOT NULL DEFAULT now()
);
