-- Notifications (docs/notifications.md): rules switched per province, saved template versions, the citizens'
-- channel choices, ONE notification outbox written in the transaction of the dossier event, delivery receipts,
-- refused receipts, provider tokens and rate windows; and the Zalo ZNS and SMS gateway stand-ins.

-- A province's decision on a notification rule (for one procedure or all), from a date. Mandatory notices cannot
-- be switched off (checked when saved and again when applied).
CREATE TABLE notification_switches (
  id             bigserial PRIMARY KEY,
  province_code  text NOT NULL,
  event_type     text NOT NULL,
  procedure_code text,
  enabled        boolean NOT NULL,
  effective_from date NOT NULL,
  effective_to   date,
  note           text,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to > effective_from)
);
CREATE INDEX notification_switches_idx ON notification_switches (province_code, event_type);

-- Saved template versions; version 1 of each template is the baseline in src/core/notifications/templates.ts.
CREATE TABLE notification_templates (
  code       text NOT NULL,
  channel    text NOT NULL CHECK (channel IN ('zns', 'sms', 'email', 'inapp')),
  locale     text NOT NULL CHECK (locale IN ('vi', 'en')),
  version    integer NOT NULL CHECK (version >= 2),
  subject    text NOT NULL DEFAULT '',
  body       text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (code, channel, locale, version)
);

-- The Zalo template id (approved by Zalo) of each template code, per official account.
CREATE TABLE notification_zns_templates (
  oa_id          text NOT NULL,
  template_code  text NOT NULL,
  zns_template_id text NOT NULL,
  PRIMARY KEY (oa_id, template_code)
);

-- A citizen's opt-out of a channel for non-mandatory messages.
CREATE TABLE notification_preferences (
  citizen_id uuid NOT NULL,
  channel    text NOT NULL CHECK (channel IN ('zns', 'email')),
  opted_out  boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (citizen_id, channel)
);

-- The notification outbox: one row per (event, channel, recipient), written in the event's transaction.
CREATE TABLE notifications (
  id               bigserial PRIMARY KEY,
  dedupe_key       text NOT NULL UNIQUE,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  dossier_id       uuid,
  dossier_code     text,
  unit_id          text,
  citizen_id       uuid,
  channel          text NOT NULL CHECK (channel IN ('zns', 'sms', 'email', 'inapp')),
  recipient        text NOT NULL,
  locale           text NOT NULL DEFAULT 'vi',
  template_code    text NOT NULL,
  template_version integer NOT NULL,
  subject          text NOT NULL DEFAULT '',
  body             text NOT NULL,
  params           jsonb NOT NULL DEFAULT '{}',
  mandatory        boolean NOT NULL DEFAULT false,
  status           text NOT NULL CHECK (status IN ('queued', 'sending', 'accepted', 'delivered', 'failed_temporary', 'failed_permanent', 'suppressed')),
  reason           text,
  provider         text,
  provider_msg_id  text,
  fallback_of      bigint REFERENCES notifications (id),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  accepted_at      timestamptz,
  delivered_at     timestamptz,
  failed_at        timestamptz
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status IN ('queued', 'sending', 'failed_temporary');
CREATE INDEX notifications_receipt_wait_idx ON notifications (next_attempt_at) WHERE status = 'accepted' AND channel = 'zns';
CREATE UNIQUE INDEX notifications_provider_msg_idx ON notifications (provider, provider_msg_id) WHERE provider_msg_id IS NOT NULL;
CREATE INDEX notifications_dossier_idx ON notifications (dossier_id, id);
CREATE INDEX notifications_inbox_idx ON notifications (recipient, id) WHERE channel = 'inapp';
CREATE INDEX notifications_failed_idx ON notifications (unit_id, id) WHERE status = 'failed_permanent';

-- Delivery receipts, each kept once (a duplicate webhook changes nothing); applied = matched to its notification.
-- A receipt that comes before the send's answer waits here until the answer brings the provider message id.
CREATE TABLE notification_receipts (
  provider        text NOT NULL,
  provider_msg_id text NOT NULL,
  delivered       boolean NOT NULL,
  at              timestamptz NOT NULL,
  detail          text,
  applied         boolean NOT NULL DEFAULT false,
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, provider_msg_id)
);

-- Receipts refused (bad signature, unknown message id, malformed): the log administrators read.
CREATE TABLE notification_receipt_rejections (
  id          bigserial PRIMARY KEY,
  provider    text NOT NULL,
  reason      text NOT NULL,
  body        text NOT NULL,
  remote      text,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- OAuth tokens of a provider account (the Zalo OA): the refresh token rotates on every use, stored atomically.
CREATE TABLE provider_tokens (
  provider           text NOT NULL,
  account            text NOT NULL,
  access_token       text NOT NULL,
  refresh_token      text NOT NULL,
  access_expires_at  timestamptz NOT NULL,
  rotated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, account)
);

-- Sends per provider per second, shared by every server process (the providers' rate limits).
CREATE TABLE provider_rate_windows (
  provider     text NOT NULL,
  window_start timestamptz NOT NULL,
  used         integer NOT NULL,
  PRIMARY KEY (provider, window_start)
);

-- Stand-ins (development and tests): what the Zalo ZNS and SMS gateway stand-ins received.
CREATE TABLE standin_zns_messages (
  id            bigserial PRIMARY KEY,
  msg_id        text NOT NULL UNIQUE,
  tracking_id   text UNIQUE,
  phone         text NOT NULL,
  template_id   text NOT NULL,
  template_data jsonb NOT NULL,
  outcome       text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now()
);
-- Configured failures of the Zalo stand-in per phone: not a Zalo user, template rejected, no or late receipt.
CREATE TABLE standin_zns_behaviours (
  phone     text PRIMARY KEY,
  behaviour text NOT NULL CHECK (behaviour IN ('not_zalo_user', 'template_rejected', 'no_receipt', 'delayed_receipt'))
);
CREATE TABLE standin_zns_oauth (
  app_id        text PRIMARY KEY,
  refresh_token text NOT NULL,
  access_token  text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE standin_sms_messages (
  id          bigserial PRIMARY KEY,
  sms_id      text NOT NULL UNIQUE,
  request_id  text UNIQUE,
  phone       text NOT NULL,
  content     text NOT NULL,
  brandname   text NOT NULL,
  is_unicode  boolean NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
