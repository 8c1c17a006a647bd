-- Life-event suggestions as notifications (issue 15 part 4; docs/notifications.md): only for a citizen who opted in
-- on their profile, and at most one notification per (citizen, suggestion, period) — the row below is written by the
-- notify.life-events job in the transaction that queues the notification, so a rerun or a second server queues
-- nothing twice.
CREATE TABLE notification_opt_ins (
  citizen_id uuid NOT NULL,
  topic      text NOT NULL CHECK (topic IN ('life_events')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, topic)
);

CREATE TABLE life_event_notices (
  citizen_id     uuid NOT NULL,
  -- The suggestion: its rule and subject (the child, the document …), stable from one evaluation to the next.
  suggestion_key text NOT NULL,
  -- The period it is told once in: the occurrence's due day (a 14th birthday, a certificate's expiry …).
  period         text NOT NULL,
  event_id       text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, suggestion_key, period)
);
