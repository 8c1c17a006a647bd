/**
 * Incremental counters of the 766 index. A consumer reads the action log past its watermark, re-derives the facts
 * of every dossier touched, and applies the difference between the new and the stored fact to the daily counters —
 * in one transaction holding the consumer's row lock, so two consumers (two server processes, or a request and
 * the background tick) never apply the same change twice. Re-deriving from the source makes a repeated run a
 * no-op (difference 0), so the consumer is idempotent.
 *
 * Action ids come from a sequence and a transaction may commit after a later one: ids skipped over are kept as
 * "gaps" and looked at again on the next runs (for a few minutes — an id still missing then was rolled back).
 */
import type { Database, Queryable } from '../../db/database.ts';
import {
  contributions,
  deriveFacts,
  FACT_COLUMNS,
  factRow,
  loadProcedures,
  MEASURES,
  PROCEDURE_MEASURES,
  type FactRow,
  type Measure,
  type ProcedureInfo,
} from './facts.ts';

const BATCH = 2000;
const GAP_TTL_MS = 5 * 60_000;

type Key = string;
type Delta = Partial<Record<Measure, number>>;

function addInto(map: Map<Key, Delta>, key: Key, delta: Delta, sign: 1 | -1) {
  const row = map.get(key) ?? {};
  for (const [m, n] of Object.entries(delta) as [Measure, number][]) row[m] = (row[m] ?? 0) + sign * n;
  map.set(key, row);
}

/** Applies new facts for the given dossiers: counters get (new − old) contributions; fact rows are replaced. */
export async function applyFacts(tx: Queryable, dossierIds: string[], procedures?: Map<string, ProcedureInfo>): Promise<number> {
  if (dossierIds.length === 0) return 0;
  const procs = procedures ?? (await loadProcedures(tx));
  const next = await deriveFacts(tx, { ids: dossierIds }, procs);
  const old = (
    await tx.query<FactRow>(
      `SELECT ${FACT_COLUMNS.join(', ')}, to_char(received_day, 'YYYY-MM-DD') AS received_day, to_char(finished_day, 'YYYY-MM-DD') AS finished_day,
      to_char(progress_end_day, 'YYYY-MM-DD') AS progress_end_day, to_char(rated_day, 'YYYY-MM-DD') AS rated_day FROM metric_facts WHERE dossier_id = ANY($1::uuid[]) FOR UPDATE`,
      [dossierIds],
    )
  ).rows;
  const daily = new Map<Key, Delta>();
  const unitDaily = new Map<Key, Delta>();
  const procDaily = new Map<Key, Delta>();
  const account = (f: FactRow, sign: 1 | -1) => {
    for (const [day, delta] of contributions(f)) {
      addInto(daily, JSON.stringify([day, f.unit_id, f.procedure_code, f.official_id]), delta, sign);
      addInto(unitDaily, JSON.stringify([f.unit_id, day]), delta, sign);
      const p: Delta = {};
      for (const m of PROCEDURE_MEASURES) if (delta[m]) p[m] = delta[m];
      if (Object.keys(p).length) addInto(procDaily, JSON.stringify([f.unit_id, day, f.procedure_code]), p, sign);
    }
  };
  for (const f of old) account(normaliseStored(f), -1);
  const rows: FactRow[] = [];
  for (const f of next.values()) {
    const row = factRow(f, procs);
    rows.push(row);
    account(row, 1);
  }
  await upsertCounters(tx, 'metric_daily', ['day', 'unit_id', 'procedure_code', 'official_id'], daily, MEASURES);
  await upsertCounters(tx, 'metric_unit_daily', ['unit_id', 'day'], unitDaily, MEASURES);
  await upsertCounters(tx, 'metric_procedure_daily', ['unit_id', 'day', 'procedure_code'], procDaily, PROCEDURE_MEASURES);
  if (rows.length) {
    const cols = FACT_COLUMNS.join(', ');
    await tx.query(
      `INSERT INTO metric_facts (${cols}, updated_at) SELECT ${cols}, now() FROM json_populate_recordset(NULL::metric_facts, $1::json)
       ON CONFLICT (dossier_id) DO UPDATE SET ${FACT_COLUMNS.filter((c) => c !== 'dossier_id')
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(', ')}, updated_at = now()`,
      [JSON.stringify(rows)],
    );
  }
  // A dossier whose receipt disappeared (not possible today) loses its fact.
  const gone = old.filter((f) => !next.has(f.dossier_id)).map((f) => f.dossier_id);
  if (gone.length) await tx.query('DELETE FROM metric_facts WHERE dossier_id = ANY($1::uuid[])', [gone]);
  return rows.length;
}

function normaliseStored(f: FactRow): FactRow {
  return { ...f, login_to_submit_ms: f.login_to_submit_ms === null ? null : Number(f.login_to_submit_ms), paid_online: Number(f.paid_online) };
}

async function upsertCounters(tx: Queryable, table: string, keys: string[], deltas: Map<Key, Delta>, measures: readonly string[]) {
  const rows: Record<string, unknown>[] = [];
  for (const [k, delta] of deltas) {
    if (!Object.values(delta).some((n) => n !== 0)) continue;
    const parts = JSON.parse(k) as string[];
    const row: Record<string, unknown> = {};
    keys.forEach((key, i) => (row[key] = parts[i]));
    for (const m of measures) row[m] = (delta as Record<string, number>)[m] ?? 0;
    rows.push(row);
  }
  if (rows.length === 0) return;
  const cols = [...keys, ...measures];
  await tx.query(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${table}.${m} + EXCLUDED.${m}`).join(', ')}`,
    [JSON.stringify(rows)],
  );
}

export interface CatchUpResult {
  actions: number;
  dossiers: number;
  watermark: number;
}

/** Brings the counters up to date with the action log. Safe to call from any number of processes at once. */
export async function catchUp(db: Database, opts: { maxBatches?: number } = {}): Promise<CatchUpResult> {
  let total = { actions: 0, dossiers: 0, watermark: 0 };
  let procedures: Map<string, ProcedureInfo> | undefined;
  for (let i = 0; i < (opts.maxBatches ?? 1000); i++) {
    const r = await db.transaction(async (tx) => {
      const state = (
        await tx.query<{ watermark: string; gaps: { id: number; seenAt: number }[] }>(
          "SELECT watermark, gaps FROM metric_state WHERE id = 'counters' FOR UPDATE",
        )
      ).rows[0];
      const watermark = Number(state.watermark);
      const gaps = state.gaps ?? [];
      const gapIds = gaps.map((g) => g.id);
      const { rows } = await tx.query<{ id: string; dossier_id: string }>(
        'SELECT id, dossier_id FROM dossier_actions WHERE id > $1 OR id = ANY($2::bigint[]) ORDER BY id LIMIT $3',
        [watermark, gapIds, BATCH],
      );
      if (rows.length === 0 && gaps.length === 0) return { actions: 0, dossiers: 0, watermark, more: false };
      const seen = new Set(rows.map((r) => Number(r.id)));
      const fresh = rows.map((r) => Number(r.id)).filter((id) => id > watermark);
      const max = fresh.length ? Math.max(...fresh) : watermark;
      const now = Date.now();
      const nextGaps = gaps.filter((g) => !seen.has(g.id) && now - g.seenAt < GAP_TTL_MS);
      for (let id = watermark + 1; id < max && nextGaps.length < 10_000; id++) if (!seen.has(id)) nextGaps.push({ id, seenAt: now });
      const ids = [...new Set(rows.map((r) => r.dossier_id))];
      procedures ??= await loadProcedures(tx);
      const dossiers = await applyFacts(tx, ids, procedures);
      await tx.query("UPDATE metric_state SET watermark = $1, gaps = $2::jsonb, updated_at = now() WHERE id = 'counters'", [max, JSON.stringify(nextGaps)]);
      return { actions: rows.length, dossiers, watermark: max, more: fresh.length === BATCH };
    });
    total = { actions: total.actions + r.actions, dossiers: total.dossiers + r.dossiers, watermark: r.watermark };
    if (!r.more) break;
  }
  return total;
}

/** Rebuilds all counters from the fact rows (after a bulk load, or to repair). */
export async function rebuildCountersFromFacts(db: Queryable): Promise<void> {
  const m = MEASURES;
  // The contributions of contributions() in SQL: per receipt day, end-of-processing day, E day and rating day.
  const parts = `
    SELECT received_day AS day, unit_id, procedure_code, official_id,
      1 AS received, synced::int AS synced, online::int AS online, online_any::int AS online_any, eligible::int AS eligible, fully_online::int AS eligible_fully_online,
      fee_bearing::int AS fee_bearing, (fee_bearing AND synced)::int AS fee_synced, (fee_bearing AND synced AND paid_online > 0)::int AS paid_online,
      paper_required::int AS paper_required, electronic_result::int AS electronic_result, digitised::int AS digitised, reused::int AS reused,
      from_store::int AS from_store, population::int AS population,
      (online_any AND login_to_submit_ms IS NOT NULL)::int AS login_count, CASE WHEN online_any THEN COALESCE(login_to_submit_ms, 0) ELSE 0 END AS login_ms,
      0 AS finished, 0 AS finished_on_time, 0 AS completed, 0::bigint AS completed_ms, 0 AS completed_online, 0::bigint AS completed_online_ms, 0 AS completed_counter, 0::bigint AS completed_counter_ms,
      0 AS progress_end, 0 AS rated, 0 AS satisfied, 0 AS unhappy
    FROM metric_facts
    UNION ALL
    SELECT finished_day, unit_id, procedure_code, official_id, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
      1, (final_on_time IS TRUE)::int, completed::int,
      CASE WHEN completed THEN (extract(epoch FROM finished_at - received_at) * 1000)::bigint ELSE 0 END,
      (completed AND online_any)::int, CASE WHEN completed AND online_any THEN (extract(epoch FROM finished_at - received_at) * 1000)::bigint ELSE 0 END,
      (completed AND NOT online_any)::int, CASE WHEN completed AND NOT online_any THEN (extract(epoch FROM finished_at - received_at) * 1000)::bigint ELSE 0 END,
      0, 0, 0, 0
    FROM metric_facts WHERE finished_day IS NOT NULL
    UNION ALL
    SELECT progress_end_day, unit_id, procedure_code, official_id, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0, 1, 0, 0, 0
    FROM metric_facts WHERE progress_end_day IS NOT NULL
    UNION ALL
    SELECT rated_day, unit_id, procedure_code, official_id, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0, 0, 1, (rating <> 'dissatisfied')::int, (rating = 'dissatisfied')::int
    FROM metric_facts WHERE rated_day IS NOT NULL AND rating IS NOT NULL`;
  await db.query('DELETE FROM metric_daily');
  await db.query('DELETE FROM metric_unit_daily');
  await db.query('DELETE FROM metric_procedure_daily');
  await db.query(`INSERT INTO metric_daily (day, unit_id, procedure_code, official_id, ${m.join(', ')})
    SELECT day, unit_id, procedure_code, official_id, ${m.map((c) => `sum(${c})`).join(', ')} FROM (${parts}) p GROUP BY day, unit_id, procedure_code, official_id`);
  await db.query(`INSERT INTO metric_unit_daily (unit_id, day, ${m.join(', ')})
    SELECT unit_id, day, ${m.map((c) => `sum(${c})`).join(', ')} FROM metric_daily GROUP BY unit_id, day`);
  await db.query(`INSERT INTO metric_procedure_daily (unit_id, day, procedure_code, ${PROCEDURE_MEASURES.join(', ')})
    SELECT unit_id, day, procedure_code, ${PROCEDURE_MEASURES.map((c) => `sum(${c})`).join(', ')} FROM metric_daily GROUP BY unit_id, day, procedure_code
    HAVING ${PROCEDURE_MEASURES.map((c) => `sum(${c}) <> 0`).join(' OR ')}`);
}
