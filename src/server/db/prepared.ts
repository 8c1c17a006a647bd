/**
 * Named prepared statements for the hot statements (PostgreSQL server only; issue 17).
 *
 * A statement sent without a name is parsed, analysed and planned by PostgreSQL every time. Under bench/submit that
 * planning was most of the database's CPU for the submission's larger statements (pg_stat_statements: 0.45 ms to plan
 * the national-sync snapshot read against 0.21 ms to run it; 0.40 ms against 0.06 ms for the notification read). A
 * statement sent with a name is parsed once per connection, and after five runs PostgreSQL keeps a generic plan when
 * it is no worse than the custom ones (plan_cache_mode auto), so repeated statements skip the planner.
 *
 * Which statements get a name: a text with parameters that this process has sent `threshold` times (so one-off
 * statements — migrations, scripts, ad-hoc reports — stay unnamed and leave nothing behind on the connections), up to
 * `max` names per process (each connection prepares a name the first time it runs it).
 *
 * A migration that changes a table's columns while a server holds a prepared `SELECT *` of it makes PostgreSQL answer
 * "cached plan must not change result type" (SQLSTATE 0A000). `retire` then gives every text a new name (a new
 * generation), so the next run re-prepares; the statement that met it is retried once by the caller when it ran
 * outside a transaction.
 */
import crypto from 'node:crypto';

export interface NamedQuery {
  name?: string;
  text: string;
  values: unknown[];
}

export class PreparedStatements {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly threshold = 3,
    private readonly max = 400,
  ) {}

  /** The query config to send: named when the text is hot enough, else unnamed. */
  config(text: string, values: unknown[]): NamedQuery {
    if (values.length === 0) return { text, values }; // may be several statements (a script): never named
    const known = this.names.get(text);
    if (known) return { name: known, text, values };
    if (this.names.size >= this.max) return { text, values };
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < this.threshold) {
      if (this.seen.size >= 10_000) this.seen.clear(); // texts that vary per call (e.g. a row count) do not pile up
      this.seen.set(text, count);
      return { text, values };
    }
    this.seen.delete(text);
    const name = `motcua_${this.generation}_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return { name, text, values };
  }

  /** After a "cached plan must not change result type": every text gets a new name (re-prepared when next run). */
  retire(): void {
    this.generation++;
    this.names.clear();
    this.seen.clear();
  }

  get size(): number {
    return this.names.size;
  }
}

/** PostgreSQL's answer when a prepared statement's result columns changed under it (a migration ran). */
export function isStalePlan(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}
