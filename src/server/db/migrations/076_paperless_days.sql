-- Paperless days and online-only procedures (issue 16 item 6): local decisions, kept as data per unit with their
-- legal basis and effective dates (src/core/digitisation/paperless.ts decides from them).
CREATE TABLE paperless_rules (
  id              uuid PRIMARY KEY,
  unit_id         text NOT NULL REFERENCES org_units (id),
  kind            text NOT NULL CHECK (kind IN ('weekday', 'date', 'online_only')),
  weekday         smallint CHECK (weekday BETWEEN 1 AND 7),
  day             date,
  procedure_code  text,
  effective_from  date NOT NULL,
  effective_to    date,
  legal_basis     text NOT NULL,
  note            text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- Ended early instead of deleted, so that past days' reports keep their rule.
  revoked_at      timestamptz,
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK ((kind = 'weekday') = (weekday IS NOT NULL)),
  CHECK ((kind = 'date') = (day IS NOT NULL)),
  CHECK ((kind = 'online_only') = (procedure_code IS NOT NULL))
);
CREATE INDEX paperless_rules_unit_idx ON paperless_rules (unit_id, effective_from);

-- Paper taken on a paperless day (or for an online-only procedure) by exception: the reason is required and the
-- day's report lists it. Written in the transaction of the intake.
CREATE TABLE paperless_exceptions (
  id              uuid PRIMARY KEY,
  unit_id         text NOT NULL REFERENCES org_units (id),
  day             date NOT NULL,
  rule_id         uuid NOT NULL REFERENCES paperless_rules (id),
  dossier_id      uuid NOT NULL REFERENCES dossiers (id),
  procedure_code  text NOT NULL,
  reason_code     text NOT NULL,
  reason          text NOT NULL,
  official_id     text NOT NULL,
  official_name   text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX paperless_exceptions_day_idx ON paperless_exceptions (unit_id, day);
