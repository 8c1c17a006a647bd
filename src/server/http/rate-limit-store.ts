/**
 * A store for @fastify/rate-limit in the database (table rate_limit_hits), so that every server behind the load
 * balancer counts a client's requests together. One statement per request: an upsert that starts a new window when
 * the old one has expired and otherwise adds one hit, atomically (row lock of the upsert).
 */
import type { Queryable } from '../db/database.ts';

type Incr = (err: Error | null, result?: { current: number; ttl: number }) => void;

/** Removes expired windows now and then (one request in this many). */
const SWEEP_EVERY = 500;

/** The store class @fastify/rate-limit instantiates (`store: databaseRateLimitStore(db)`). */
export function databaseRateLimitStore(db: Queryable) {
  return class DatabaseRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = '',
    ) {}

    /** @fastify/rate-limit passes the route's window in milliseconds (its typings omit it). */
    incr(key: string, cb: Incr, timeWindow = 60_000): void {
      hit(db, `${this.prefix}${key}`, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }

    /** One key space per route: the merged route options carry `routeInfo` (the route's method and URL) at run time. */
    child(routeOptions: object): DatabaseRateLimitStore {
      const info = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `${[info.method ?? ''].flat().join(',')} ${info.url ?? ''}|`);
    }
  };
}

let calls = 0;

/** Counts one hit of `key` in its current window of `windowMs`; returns the hits so far and the window's remaining time. */
export async function hit(db: Queryable, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const { rows } = await db.query<{ hits: number; ttl: string | number }>(
    `INSERT INTO rate_limit_hits AS h (key, hits, expires_at) VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN h.expires_at <= now() THEN 1 ELSE h.hits + 1 END,
         expires_at = CASE WHEN h.expires_at <= now() THEN EXCLUDED.expires_at ELSE h.expires_at END
     RETURNING hits, GREATEST(0, ceil(extract(epoch FROM expires_at - now()) * 1000))::bigint AS ttl`,
    [key, windowMs],
  );
  if (++calls % SWEEP_EVERY === 0) await db.query('DELETE FROM rate_limit_hits WHERE expires_at < now()');
  return { current: Number(rows[0].hits), ttl: Number(rows[0].ttl) };
}
