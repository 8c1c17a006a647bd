-- PAKN received by e-mail (docs/feedback.md): the units' feedback addresses. A message to one of them, delivered to
-- MotCua's SMTP receiver (FEEDBACK_SMTP_PORT), becomes a feedback item of channel 'email' for that unit, stored once
-- under external_id 'email:<Message-ID>' (the unique index of 092_feedback_sources.sql).
CREATE TABLE feedback_mailboxes (
  address    text PRIMARY KEY CHECK (address = lower(address)),
  unit_id    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
