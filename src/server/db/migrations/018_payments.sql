-- Fees and online payment (phí, lệ phí): payment intents (one per attempt, GOV.UK Pay style state machine), the
-- append-only payment ledger, every gateway callback received (accepted or rejected), electronic receipts
-- (biên lai điện tử) numbered per unit and year, refunds, reconciliation runs, and the bank stand-in's own book.

-- How the dossier was paid, for QĐ 766 indicator 3.6 (DuocThanhToanTrucTuyen): NULL/0 not online,
-- 1 = on the national portal (DVCQG payment platform), 2 = via the province's own gateway.
ALTER TABLE dossiers ADD COLUMN paid_online_via smallint CHECK (paid_online_via IN (0, 1, 2));
-- Amount requested by the official (status 6); NULL = the frozen fee_total.
ALTER TABLE dossiers ADD COLUMN payment_due integer CHECK (payment_due >= 0);

CREATE TABLE payment_intents (
  id               uuid PRIMARY KEY,
  dossier_id       uuid NOT NULL REFERENCES dossiers (id),
  -- The client's key for this attempt: a retry of the same request returns the same intent.
  idempotency_key  text NOT NULL UNIQUE,
  -- Reference sent to the gateway (vnp_TxnRef / MaThamChieu), unique per gateway.
  gateway          text NOT NULL CHECK (gateway IN ('vnpay', 'paygov', 'counter')),
  reference        text NOT NULL,
  amount           integer NOT NULL CHECK (amount > 0),
  state            text NOT NULL CHECK (state IN ('created', 'pending', 'paid', 'failed', 'expired', 'refunded')),
  purpose          text NOT NULL CHECK (purpose IN ('submission', 'financial_obligation')),
  method           text,                           -- counter: cash | card
  created_by_kind  text NOT NULL CHECK (created_by_kind IN ('citizen', 'official', 'system')),
  created_by       text NOT NULL,
  gateway_transaction_no text,
  bank_code        text,
  failure_code     text,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  paid_at          timestamptz,
  updated_at       timestamptz NOT NULL,
  UNIQUE (gateway, reference)
);
CREATE INDEX payment_intents_dossier_idx ON payment_intents (dossier_id);
CREATE INDEX payment_intents_open_idx ON payment_intents (expires_at) WHERE state IN ('created', 'pending');
-- At most one open (created or pending) intent per dossier: a second attempt waits for the first to end.
CREATE UNIQUE INDEX payment_intents_one_open_idx ON payment_intents (dossier_id) WHERE state IN ('created', 'pending');

-- Every transition of every intent; never updated or deleted.
CREATE TABLE payment_ledger (
  id           bigserial PRIMARY KEY,
  intent_id    uuid NOT NULL REFERENCES payment_intents (id),
  dossier_id   uuid NOT NULL REFERENCES dossiers (id),
  entry        text NOT NULL CHECK (entry IN ('created', 'pending', 'paid', 'failed', 'expired', 'refund_requested', 'refunded', 'refund_failed')),
  from_state   text,
  to_state     text NOT NULL,
  amount       integer NOT NULL,
  source       text NOT NULL,                      -- citizen | official | ipn | requery | sweep | refund_api
  detail       jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL
);
CREATE INDEX payment_ledger_intent_idx ON payment_ledger (intent_id, id);
-- Money is received once per intent: a second 'paid' entry for the same intent is impossible.
CREATE UNIQUE INDEX payment_ledger_one_paid_idx ON payment_ledger (intent_id) WHERE entry = 'paid';
CREATE UNIQUE INDEX payment_ledger_one_refund_idx ON payment_ledger (intent_id) WHERE entry = 'refunded';

CREATE FUNCTION payment_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment_ledger is append-only';
END;
$$;
CREATE TRIGGER payment_ledger_no_change BEFORE UPDATE OR DELETE ON payment_ledger
  FOR EACH ROW EXECUTE FUNCTION payment_ledger_append_only();

-- Every callback or return received from a gateway, with what was decided; rejected ones change nothing else.
CREATE TABLE gateway_events (
  id           bigserial PRIMARY KEY,
  gateway      text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('ipn', 'return', 'requery', 'refund')),
  reference    text,
  intent_id    uuid,
  outcome      text NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'ignored')),
  reason       text,
  response_code text,
  params       jsonb NOT NULL,
  remote_ip    text,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gateway_events_reference_idx ON gateway_events (reference);

CREATE TABLE receipt_counters (
  unit_id    text NOT NULL,
  year       integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (unit_id, year)
);

-- Biên lai điện tử: one per paid intent.
CREATE TABLE receipts (
  id          uuid PRIMARY KEY,
  intent_id   uuid NOT NULL UNIQUE REFERENCES payment_intents (id),
  dossier_id  uuid NOT NULL REFERENCES dossiers (id),
  unit_id     text NOT NULL,
  year        integer NOT NULL,
  seq         integer NOT NULL,
  number      text NOT NULL,
  payer_name  text NOT NULL,
  payer_id_number text,
  lines       jsonb NOT NULL,
  gross       integer NOT NULL,
  reduction   integer NOT NULL,
  net         integer NOT NULL,
  method      text NOT NULL,
  paid_online_via smallint NOT NULL,
  issued_at   timestamptz NOT NULL,
  UNIQUE (unit_id, year, seq)
);
CREATE INDEX receipts_dossier_idx ON receipts (dossier_id);

CREATE TABLE payment_refunds (
  id          uuid PRIMARY KEY,
  intent_id   uuid NOT NULL UNIQUE REFERENCES payment_intents (id),
  dossier_id  uuid NOT NULL REFERENCES dossiers (id),
  amount      integer NOT NULL CHECK (amount > 0),
  reason      text NOT NULL,
  state       text NOT NULL CHECK (state IN ('requested', 'done', 'failed', 'at_counter')),
  gateway_refund_no text,
  requested_at timestamptz NOT NULL,
  done_at     timestamptz
);

CREATE TABLE reconciliation_runs (
  id          uuid PRIMARY KEY,
  gateway     text NOT NULL,
  statement_sha256 text NOT NULL,
  period_from timestamptz,
  period_to   timestamptz,
  matched     integer NOT NULL,
  missing     integer NOT NULL,
  mismatched  integer NOT NULL,
  report      jsonb NOT NULL,
  run_by      text NOT NULL,
  run_at      timestamptz NOT NULL
);

-- The bank stand-in's own book (a separate system in real life): what the simulated gateway knows.
CREATE TABLE bank_standin_transactions (
  txn_ref        text PRIMARY KEY,
  terminal       text NOT NULL,
  amount         bigint NOT NULL,            -- in the VNPay unit: đồng × 100
  order_info     text NOT NULL,
  return_url     text NOT NULL,
  expires_at     timestamptz,
  status         text NOT NULL CHECK (status IN ('pending', 'success', 'declined', 'refunded')),
  transaction_no text,
  bank_code      text,
  pay_date       timestamptz,
  refund_amount  bigint,
  ipn_attempts   integer NOT NULL DEFAULT 0,
  ipn_done       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);
