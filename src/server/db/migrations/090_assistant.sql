-- The citizens' assistant (docs/assistant.md): the phrasing table and curated answers administrators edit (the
-- defaults of data/assistant/ are read from the files), and the question log kept for tuning — without the asker
-- and with personal data removed from the question.

CREATE TABLE assistant_phrasings (
  id              bigserial PRIMARY KEY,
  phrase          text NOT NULL CHECK (length(phrase) BETWEEN 2 AND 200),
  procedure_code  text NOT NULL,
  case_code       text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assistant_phrasings_phrase_idx ON assistant_phrasings (lower(phrase), procedure_code);

CREATE TABLE assistant_answers (
  id              bigserial PRIMARY KEY,
  question        text NOT NULL CHECK (length(question) BETWEEN 2 AND 500),
  answer          text NOT NULL CHECK (length(answer) BETWEEN 2 AND 5000),
  procedure_code  text,
  created_by      text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assistant_log (
  id              uuid PRIMARY KEY,
  asked_at        timestamptz NOT NULL DEFAULT now(),
  question        text NOT NULL,            -- personal data removed (src/core/assistant/redact.ts)
  intent          text NOT NULL,
  confident       boolean NOT NULL,
  procedure_codes text[] NOT NULL DEFAULT '{}',
  source_codes    text[] NOT NULL DEFAULT '{}',
  duration_ms     integer NOT NULL,
  helpful         boolean,                  -- thumbs up / down
  chosen_link     text,                     -- the link the asker followed, if reported
  feedback_at     timestamptz
);
CREATE INDEX assistant_log_asked_idx ON assistant_log (asked_at DESC);
