-- Local SMTP capture server (development and tests): every message it receives over SMTP.
CREATE TABLE standin_mailbox (
  id          bigserial PRIMARY KEY,
  message_id  text,
  mail_from   text NOT NULL,
  rcpt_to     text[] NOT NULL,
  subject     text NOT NULL,
  body_text   text NOT NULL,
  raw         text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX standin_mailbox_message_id_idx ON standin_mailbox (message_id) WHERE message_id IS NOT NULL;
