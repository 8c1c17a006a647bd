/**
 * Drill-down: the dossiers behind a figure (numerator or denominator of a dossier-based indicator), paged, from
 * the fact rows — the same conditions the counters count, so the list's total equals the figure.
 * (5.4's numerator subtracts overdue dossiers and dossiers with a dislike or a PAKN separately; its list is the
 * dossiers that are neither, which can exceed the numerator when a dossier is both.)
 */
import type { DrillPage, DrillRow } from '../../../contract/metrics.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { PAKN_IN_PERIOD, scopeWhere, type Scope } from './query.ts';

const RECEIVED = 'f.received_day BETWEEN $2::date AND $3::date';
const PROGRESS_DEN = 'f.received_day <= $3::date AND (f.finished_day IS NULL OR f.finished_day >= $2::date)';
const PROGRESS_NUM = `${PROGRESS_DEN} AND ((f.finished_day <= $3::date AND f.final_on_time) OR f.progress_end_day IS NULL OR f.progress_end_day > $3::date)`;
const UNHAPPY = "f.rated_day BETWEEN $2::date AND $3::date AND f.rating = 'dissatisfied'";

const CONDITIONS: Record<string, { numerator: string; denominator: string }> = {
  '1.4': { numerator: `${RECEIVED} AND f.synced`, denominator: RECEIVED },
  '2.1': { numerator: PROGRESS_NUM, denominator: PROGRESS_DEN },
  '2.2': {
    numerator: 'f.completed AND f.finished_day BETWEEN $2::date AND $3::date',
    denominator: 'f.completed AND f.finished_day BETWEEN $2::date AND $3::date',
  },
  '3.3': { numerator: `${RECEIVED} AND f.online`, denominator: RECEIVED },
  '3.4': { numerator: `${RECEIVED} AND f.fully_online`, denominator: `${RECEIVED} AND f.eligible` },
  '3.6': { numerator: `${RECEIVED} AND f.fee_bearing AND f.synced AND f.paid_online > 0`, denominator: `${RECEIVED} AND f.fee_bearing` },
  '4.1': { numerator: `${RECEIVED} AND f.electronic_result`, denominator: `${RECEIVED} AND f.paper_required` },
  '4.2': { numerator: `${RECEIVED} AND f.digitised`, denominator: RECEIVED },
  '4.3': { numerator: `${RECEIVED} AND f.reused`, denominator: RECEIVED },
  '4.4': { numerator: `${RECEIVED} AND f.from_store`, denominator: RECEIVED },
  '4.5b': { numerator: `${RECEIVED} AND f.population`, denominator: RECEIVED },
  '5.4': { numerator: `${PROGRESS_NUM} AND NOT (f.rated_day IS NOT NULL AND ${UNHAPPY}) AND NOT ${PAKN_IN_PERIOD('f')}`, denominator: PROGRESS_DEN },
};

function reasonOf(
  indicator: string,
  part: 'numerator' | 'denominator',
  r: { final_on_time: boolean | null; finished: boolean; in_time_open: boolean; paid_online: number; rating: string | null },
): string {
  switch (indicator) {
    case '2.1':
    case '5.4':
      if (r.rating === 'dissatisfied' && indicator === '5.4' && part === 'denominator') return 'dissatisfied';
      if (r.finished) return r.final_on_time ? 'on_time' : 'overdue';
      return r.in_time_open ? 'in_progress_on_time' : 'in_progress_overdue';
    case '1.4':
      return part === 'numerator' ? 'synced' : 'received';
    case '2.2':
      return 'completed';
    case '3.3':
      return part === 'numerator' ? 'online' : 'received';
    case '3.4':
      return part === 'numerator' ? 'fully_online' : 'eligible';
    case '3.6':
      return part === 'numerator' ? (r.paid_online === 1 ? 'paid_online_national' : 'paid_online_province') : 'fee_bearing';
    case '4.1':
      return part === 'numerator' ? 'electronic_result' : 'paper_result_required';
    case '4.2':
      return part === 'numerator' ? 'digitised' : 'received';
    case '4.3':
      return part === 'numerator' ? 'reused' : 'received';
    case '4.4':
      return part === 'numerator' ? 'from_personal_store' : 'received';
    case '4.5b':
      return part === 'numerator' ? 'population_data' : 'received';
    default:
      return part;
  }
}

export async function drill(
  db: Queryable,
  scope: Scope,
  from: string,
  to: string,
  indicator: string,
  part: 'numerator' | 'denominator',
  offset: number,
  limit: number,
): Promise<DrillPage> {
  const cond = CONDITIONS[indicator];
  if (!cond) throw new AppError('NOT_DRILLABLE', `Chỉ tiêu ${indicator} không tính từ hồ sơ nên không có danh sách hồ sơ.`, 400, undefined, { indicator });
  const { where, params } = scopeWhere(scope, from, to, cond[part], 'f.');
  const total = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM metric_facts f WHERE ${where}`, params)).rows[0].n);
  const { rows } = await db.query<{
    dossier_id: string;
    code: string;
    procedure_code: string;
    procedure_name: string;
    channel: number;
    status: number;
    received_at: Date;
    due_at: Date | null;
    finished_at: Date | null;
    final_on_time: boolean | null;
    finished: boolean;
    in_time_open: boolean;
    paid_online: number;
    rating: string | null;
  }>(
    `SELECT f.dossier_id, d.code, f.procedure_code, d.procedure_name, f.channel, d.status, f.received_at, f.due_at, f.finished_at, f.final_on_time,
            (f.finished_day IS NOT NULL AND f.finished_day <= $3::date) AS finished,
            (f.progress_end_day IS NULL OR f.progress_end_day > $3::date) AS in_time_open, f.paid_online, f.rating
       FROM metric_facts f JOIN dossiers d ON d.id = f.dossier_id
      WHERE ${where} ORDER BY f.received_at DESC, f.dossier_id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const iso = (x: Date | null) => (x ? new Date(x).toISOString() : null);
  const out: DrillRow[] = rows.map((r) => ({
    dossierId: r.dossier_id,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    channel: Number(r.channel) as 1 | 2 | 3,
    status: Number(r.status),
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    finishedAt: r.finished ? iso(r.finished_at) : null,
    reason: reasonOf(indicator, part, { ...r, paid_online: Number(r.paid_online) }),
  }));
  return { indicator, part, total, rows: out };
}
