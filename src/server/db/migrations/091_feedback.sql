-- Feedback, complaints and questions (phản ánh, kiến nghị — PAKN; docs/feedback.md): received on the portal (a
-- logged-in citizen, or anyone who leaves a name and a contact) or at the counter, classified and assigned to a
-- unit, answered / refused / sent back for more information against working-day deadlines
-- (src/core/feedback/deadlines.ts), published after moderation, liked or disliked, reopened.

CREATE TABLE feedback (
  id                 uuid PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('feedback', 'question')),
  channel            text NOT NULL CHECK (channel IN ('portal', 'counter')),
  citizen_id         text,                       -- the logged-in sender; null for an anonymous or counter sender
  sender_name        text NOT NULL,
  contact            text NOT NULL,
  title              text NOT NULL,
  content            text NOT NULL,
  dossier_code       text,
  category           text,
  unit_id            text,
  assignee_id        text,
  status             text NOT NULL DEFAULT 'received'
                     CHECK (status IN ('received', 'asked_more', 'refused', 'answered', 'published')),
  received_at        timestamptz NOT NULL,       -- receipt, or the latest reopening (the clock restarts)
  received_by        text,                       -- the official who recorded a counter receipt
  asked_more_at      timestamptz,
  ask_more_text      text,
  refused_at         timestamptz,
  refusal_reason     text,
  answered_at        timestamptz,
  answer             text,
  published_at       timestamptz,
  published_question text,
  published_answer   text,
  published_search   text,                       -- diacritic-free question + answer for the public search
  reopened           boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_status_idx ON feedback (status, received_at);
CREATE INDEX feedback_citizen_idx ON feedback (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX feedback_published_idx ON feedback (published_at DESC) WHERE published_at IS NOT NULL;

CREATE TABLE feedback_votes (
  feedback_id  uuid NOT NULL REFERENCES feedback (id),
  citizen_id   text NOT NULL,
  vote         text NOT NULL CHECK (vote IN ('like', 'dislike')),
  voted_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (feedback_id, citizen_id)
);
