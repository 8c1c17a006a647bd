-- A citizen's phone number and e-mail address confirmed with a one-time code (docs/notifications.md, "Citizens
-- control it"). A confirmed contact is where the citizen's notifications go, before the one typed on a form.
CREATE TABLE citizen_contacts (
  citizen_id   uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('phone', 'email')),
  -- E.164 for a phone (libphonenumber-js), the address with its domain in lower case for an e-mail.
  value        text NOT NULL,
  confirmed_at timestamptz NOT NULL,
  PRIMARY KEY (citizen_id, kind)
);

-- One-time codes sent to confirm a contact: only a keyed hash of the code is kept; a few attempts, a short life.
-- The code itself leaves through the notification outbox (event_type 'contact_confirmation').
CREATE TABLE contact_confirmations (
  id          uuid PRIMARY KEY,
  citizen_id  uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('phone', 'email')),
  value       text NOT NULL,
  code_hash   text NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  expires_at  timestamptz NOT NULL,
  consumed_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_confirmations_citizen_idx ON contact_confirmations (citizen_id, created_at);
