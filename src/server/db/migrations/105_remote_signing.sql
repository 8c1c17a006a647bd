-- Remote signing (issue 16 item 7).
-- 1. The remote-signing stand-in (src/server/standins/csc): a Cloud Signature Consortium API service with its own
--    test CA. Its subscribers are the population stand-in's residents; each gets one credential (RSA key and a
--    certificate of the stand-in's CA) on first use. OTPs and signature activation data (SAD) are short-lived.
CREATE TABLE standin_csc_credentials (
  credential_id   text PRIMARY KEY,
  user_id         text NOT NULL UNIQUE,
  common_name     text NOT NULL,
  certificate_pem text NOT NULL,
  private_key_pem text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE standin_csc_otps (
  credential_id text PRIMARY KEY REFERENCES standin_csc_credentials (credential_id),
  otp           text NOT NULL,
  attempts      integer NOT NULL DEFAULT 0,
  expires_at    timestamptz NOT NULL
);

CREATE TABLE standin_csc_sads (
  sad           text PRIMARY KEY,
  credential_id text NOT NULL REFERENCES standin_csc_credentials (credential_id),
  hashes        text[] NOT NULL,
  expires_at    timestamptz NOT NULL
);

-- 2. MotCua: a dossier's declaration signed by the applicant through the remote-signing service (the signed PDF is
--    in the file store under its SHA-256). One per dossier; signing again replaces it only before the dossier is
--    decided (the service checks that).
CREATE TABLE dossier_signed_declarations (
  dossier_id     uuid PRIMARY KEY REFERENCES dossiers (id),
  sha256         text NOT NULL,
  signer_name    text NOT NULL,
  credential_id  text NOT NULL,
  signed_at      timestamptz NOT NULL DEFAULT now()
);
