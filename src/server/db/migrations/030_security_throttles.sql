-- Login throttling and request rate limits kept in the database, so that every server behind the load balancer
-- counts the same attempts (issue 17: the per-process memory store let a client spread its attempts over servers).

-- Failed staff logins by key: 'user:<username>' for usernames without an account (so an unknown username locks
-- exactly like a known one and the answer does not reveal which exist) and 'client:<ip>' for the per-client limit.
-- Known accounts keep their counter on officials (failed_attempts, locked_until), shown to administrators.
CREATE TABLE auth_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- The hits of @fastify/rate-limit per route and client, in one window each (see src/server/http/rate-limit-store.ts).
CREATE TABLE rate_limit_hits (
  key        text PRIMARY KEY,
  hits       integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_expires_idx ON rate_limit_hits (expires_at);

-- TOTP codes are single-use: the time step of the last code accepted; a code of that step or an earlier one is refused.
ALTER TABLE officials ADD COLUMN totp_last_step bigint;
