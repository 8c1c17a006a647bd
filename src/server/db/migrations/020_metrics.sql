-- Service-quality index (QĐ 766) and plan targets: one fact row per received dossier (the flags the indicators
-- need), daily counters per day × unit × procedure × official kept incrementally from the action log, the
-- consumer's watermark, satisfaction ratings, plan targets and campaigns.

CREATE TABLE metric_facts (
  dossier_id          uuid PRIMARY KEY,
  unit_id             text NOT NULL,
  procedure_code      text NOT NULL,
  official_id         text NOT NULL DEFAULT '',        -- '' = no official yet
  channel             smallint NOT NULL,
  status              smallint NOT NULL,
  received_at         timestamptz NOT NULL,
  received_day        date NOT NULL,
  due_at              timestamptz,
  finished_at         timestamptz,
  finished_day        date,
  completed           boolean NOT NULL DEFAULT false,  -- finished with a result (9/10)
  final_on_time       boolean,                         -- judged at the end of processing
  progress_end_at     timestamptz,                     -- E = min(end of processing, overdueAt); NULL = never
  progress_end_day    date,
  synced              boolean NOT NULL DEFAULT false,
  online              boolean NOT NULL DEFAULT false,  -- 3.3 (channel 2 with the electronic result where required)
  online_any          boolean NOT NULL DEFAULT false,  -- channel 2
  eligible            boolean NOT NULL DEFAULT false,
  fully_online        boolean NOT NULL DEFAULT false,
  fee_bearing         boolean NOT NULL DEFAULT false,
  paid_online         smallint NOT NULL DEFAULT 0,
  paper_required      boolean NOT NULL DEFAULT false,
  electronic_result   boolean NOT NULL DEFAULT false,
  digitised           boolean NOT NULL DEFAULT false,
  reused              boolean NOT NULL DEFAULT false,
  from_store          boolean NOT NULL DEFAULT false,
  population          boolean NOT NULL DEFAULT false,
  rating              text,
  rated_at            timestamptz,
  rated_day           date,
  login_to_submit_ms  bigint,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX metric_facts_unit_received_idx ON metric_facts (unit_id, received_day);
CREATE INDEX metric_facts_unit_finished_idx ON metric_facts (unit_id, finished_day);
CREATE INDEX metric_facts_unit_rated_idx ON metric_facts (unit_id, rated_day) WHERE rated_day IS NOT NULL;

-- Daily counters: what each fact contributes on the day of its receipt (received_*), of its end of processing
-- (finished_*, completed_*), of its E (progress_end) and of its rating (rated_*). Sums over days answer every
-- period; cumulative sums give the dossiers in progress at any period end.
CREATE TABLE metric_daily (
  day                    date NOT NULL,
  unit_id                text NOT NULL,
  procedure_code         text NOT NULL,
  official_id            text NOT NULL,
  received               integer NOT NULL DEFAULT 0,
  synced                 integer NOT NULL DEFAULT 0,
  online                 integer NOT NULL DEFAULT 0,
  online_any             integer NOT NULL DEFAULT 0,
  eligible               integer NOT NULL DEFAULT 0,
  eligible_fully_online  integer NOT NULL DEFAULT 0,
  fee_bearing            integer NOT NULL DEFAULT 0,
  fee_synced             integer NOT NULL DEFAULT 0,
  paid_online            integer NOT NULL DEFAULT 0,
  paper_required         integer NOT NULL DEFAULT 0,
  electronic_result      integer NOT NULL DEFAULT 0,
  digitised              integer NOT NULL DEFAULT 0,
  reused                 integer NOT NULL DEFAULT 0,
  from_store             integer NOT NULL DEFAULT 0,
  population             integer NOT NULL DEFAULT 0,
  login_count            integer NOT NULL DEFAULT 0,
  login_ms               bigint NOT NULL DEFAULT 0,
  finished               integer NOT NULL DEFAULT 0,
  finished_on_time       integer NOT NULL DEFAULT 0,
  completed              integer NOT NULL DEFAULT 0,
  completed_ms           bigint NOT NULL DEFAULT 0,
  completed_online       integer NOT NULL DEFAULT 0,
  completed_online_ms    bigint NOT NULL DEFAULT 0,
  completed_counter      integer NOT NULL DEFAULT 0,
  completed_counter_ms   bigint NOT NULL DEFAULT 0,
  progress_end           integer NOT NULL DEFAULT 0,
  rated                  integer NOT NULL DEFAULT 0,
  satisfied              integer NOT NULL DEFAULT 0,
  unhappy                integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, unit_id, procedure_code, official_id)
);
CREATE INDEX metric_daily_unit_day_idx ON metric_daily (unit_id, day);
CREATE INDEX metric_daily_procedure_idx ON metric_daily (procedure_code, day);
CREATE INDEX metric_daily_official_idx ON metric_daily (official_id, day);

-- The same counters rolled up per day × unit: the dashboard without a procedure or official filter reads these.
CREATE TABLE metric_unit_daily (LIKE metric_daily INCLUDING DEFAULTS);
ALTER TABLE metric_unit_daily DROP COLUMN procedure_code, DROP COLUMN official_id;
ALTER TABLE metric_unit_daily ADD PRIMARY KEY (unit_id, day);

-- Per day × unit × procedure: presence of online / synced-fee / paid-online / population dossiers (3.2, 3.5, 4.5a).
CREATE TABLE metric_procedure_daily (
  day            date NOT NULL,
  unit_id        text NOT NULL,
  procedure_code text NOT NULL,
  received       integer NOT NULL DEFAULT 0,
  online_any     integer NOT NULL DEFAULT 0,
  fee_synced     integer NOT NULL DEFAULT 0,
  paid_online    integer NOT NULL DEFAULT 0,
  population     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, day, procedure_code)
);

-- The action-log consumer: the last action id applied, and ids skipped over (a transaction not yet committed
-- when the consumer passed) to look at again.
CREATE TABLE metric_state (
  id         text PRIMARY KEY,
  watermark  bigint NOT NULL DEFAULT 0,
  gaps       jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO metric_state (id) VALUES ('counters');

-- Satisfaction ratings (Rất hài lòng / Hài lòng / Không hài lòng), one per dossier, online or on the counter tablet.
CREATE TABLE dossier_ratings (
  dossier_id  uuid PRIMARY KEY REFERENCES dossiers (id),
  rating      text NOT NULL CHECK (rating IN ('very_satisfied', 'satisfied', 'dissatisfied')),
  comment     text,
  channel     text NOT NULL CHECK (channel IN ('online', 'counter')),
  rated_by    text NOT NULL,
  rated_at    timestamptz NOT NULL
);
-- The officials who handled the dossier, to whom the rating attaches.
CREATE TABLE dossier_rating_officials (
  dossier_id  uuid NOT NULL REFERENCES dossier_ratings (dossier_id),
  official_id uuid NOT NULL REFERENCES officials (id),
  PRIMARY KEY (dossier_id, official_id)
);
CREATE INDEX dossier_rating_officials_official_idx ON dossier_rating_officials (official_id);

-- Plan targets (kế hoạch): a goal for a unit (or one official) with an effective period.
CREATE TABLE metric_targets (
  id             uuid PRIMARY KEY,
  unit_id        text NOT NULL REFERENCES org_units (id),
  official_id    uuid REFERENCES officials (id),
  metric         text NOT NULL,
  value          numeric NOT NULL,
  comparison     text NOT NULL CHECK (comparison IN ('at_least', 'at_most')),
  effective_from date NOT NULL,
  effective_to   date,
  basis          text NOT NULL DEFAULT '',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX metric_targets_unit_idx ON metric_targets (unit_id, effective_from);

CREATE TABLE metric_campaigns (
  id         uuid PRIMARY KEY,
  unit_id    text NOT NULL REFERENCES org_units (id),
  name       text NOT NULL,
  from_day   date NOT NULL,
  to_day     date NOT NULL CHECK (to_day >= from_day),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
