-- Payment through the national payment platform (PayGov, domain-and-law.md §5.2): the payment page address the
-- platform answers to INIT (the citizen is sent there), and the PayGov stand-in's own book (a separate system in
-- real life: what the simulated platform knows about each MaThamChieu).
ALTER TABLE payment_intents ADD COLUMN gateway_payment_url text;

CREATE TABLE paygov_standin_transactions (
  ma_tham_chieu   text PRIMARY KEY,
  ma_doi_tac      text NOT NULL,
  amount          integer NOT NULL CHECK (amount > 0),
  description     text NOT NULL,
  bill            jsonb NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'success', 'cancelled')),
  ma_giao_dich    text,
  receipt_no      text,
  paid_at         timestamptz,
  -- What the stand-in does when it confirms: normal, a tampered message, or the confirmation sent twice.
  scenario        text NOT NULL DEFAULT 'normal' CHECK (scenario IN ('normal', 'tampered', 'duplicate')),
  confirm_attempts integer NOT NULL DEFAULT 0,
  confirm_done    boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL
);
