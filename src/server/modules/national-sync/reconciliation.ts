/**
 * Reconciliation with the national portal, per unit and month: received locally vs acknowledged by the portal (the
 * 766 facts' units and receipt days, so the figures are those of indicator 1.4), what waits or failed and why, the
 * resend of a dossier's parked messages, and the Excel export.
 */
import ExcelJS from 'exceljs';
import type { Reconciliation, SyncProblem } from '../../../contract/national-sync.ts';
import { localWallClock } from '../../../core/time/local.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { freshen, indexReport, type resolveUnit } from '../metrics/index.ts';
import { loadSnapshot } from './snapshot.ts';
import { nationalSyncSubscriber } from './subscriber.ts';

type Resolved = Awaited<ReturnType<typeof resolveUnit>>;

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export async function reconciliation(db: Database, resolved: Resolved, month: string): Promise<Reconciliation> {
  const { from, to } = monthRange(month);
  await freshen(db);
  const counts = (
    await db.query<{ received: number; acknowledged: number; pending: number; failed: number }>(
      `SELECT count(*)::int AS received, count(*) FILTER (WHERE d.sync_state = 'synced')::int AS acknowledged,
              count(*) FILTER (WHERE d.sync_state = 'pending')::int AS pending, count(*) FILTER (WHERE d.sync_state = 'failed')::int AS failed
         FROM metric_facts f JOIN dossiers d ON d.id = f.dossier_id
        WHERE f.unit_id = ANY($1::text[]) AND f.received_day BETWEEN $2::date AND $3::date`,
      [resolved.unitIds, from, to],
    )
  ).rows[0];
  const problems = (
    await db.query<{
      id: string;
      code: string;
      procedure_code: string;
      procedure_name: string;
      received_at: Date;
      sync_state: string;
      error: string | null;
      attempts: number | null;
      waiting: number;
      parked: number;
      next_attempt_at: Date | null;
    }>(
      `SELECT d.id, d.code, d.procedure_code, d.procedure_name, d.received_at, d.sync_state,
              COALESCE((SELECT m.last_error FROM national_sync_messages m WHERE m.dossier_id = d.id AND m.state = 'parked' ORDER BY m.id LIMIT 1), s.last_error) AS error,
              (SELECT max(m.attempts) FROM national_sync_messages m WHERE m.dossier_id = d.id AND m.state IN ('pending', 'parked')) AS attempts,
              (SELECT count(*)::int FROM national_sync_messages m WHERE m.dossier_id = d.id AND m.state = 'pending') AS waiting,
              (SELECT count(*)::int FROM national_sync_messages m WHERE m.dossier_id = d.id AND m.state = 'parked') AS parked,
              s.next_attempt_at
         FROM metric_facts f JOIN dossiers d ON d.id = f.dossier_id LEFT JOIN national_sync_dossiers s ON s.dossier_id = d.id
        WHERE f.unit_id = ANY($1::text[]) AND f.received_day BETWEEN $2::date AND $3::date AND d.sync_state <> 'synced'
        ORDER BY (d.sync_state = 'failed') DESC, d.received_at
        LIMIT 500`,
      [resolved.unitIds, from, to],
    )
  ).rows;
  const report = await indexReport(db, resolved, from, to);
  const i14 = report.indicators.find((i) => i.code === '1.4');
  return {
    unit: { code: resolved.unit.code, name: resolved.unit.name },
    month,
    from,
    to,
    ...counts,
    indicator: { code: '1.4', ratio: i14?.ratio ?? null, points: i14?.points ?? null, maxPoints: i14?.maxPoints ?? 6 },
    problems: problems.map(
      (p): SyncProblem => ({
        dossierId: p.id,
        code: p.code,
        procedureCode: p.procedure_code,
        procedureName: p.procedure_name,
        receivedAt: p.received_at.toISOString(),
        syncState: p.sync_state === 'failed' ? 'failed' : 'pending',
        error: p.error,
        attempts: Number(p.attempts ?? 0),
        waiting: p.waiting,
        parked: p.parked,
        nextAttemptAt: p.next_attempt_at?.toISOString() ?? null,
      }),
    ),
  };
}

/**
 * Sends a dossier again: its parked messages wait again from the first attempt. A dossier with no message at all
 * (history loaded before the sync existed) gets a dossier message built now. Returns how many messages wait.
 */
export async function resend(db: Database, dossierId: string, links: { publicUrl: string; secret: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const requeued = (
      await tx.query<{ id: number }>(
        "UPDATE national_sync_messages SET state = 'pending', attempts = 0, last_error = NULL WHERE dossier_id = $1 AND state = 'parked' RETURNING id",
        [dossierId],
      )
    ).rows.length;
    const any = (await tx.query('SELECT 1 FROM national_sync_messages WHERE dossier_id = $1 LIMIT 1', [dossierId])).rows.length > 0;
    let created = 0;
    if (!any) created = await enqueueWholeDossier(tx, dossierId, links);
    await tx.query(
      `INSERT INTO national_sync_dossiers (dossier_id) VALUES ($1)
       ON CONFLICT (dossier_id) DO UPDATE SET next_attempt_at = now(), last_error = NULL, updated_at = now()`,
      [dossierId],
    );
    await tx.query("UPDATE dossiers SET sync_state = 'pending' WHERE id = $1", [dossierId]);
    return requeued + created;
  });
}

async function enqueueWholeDossier(tx: Queryable, dossierId: string, links: { publicUrl: string; secret: string }): Promise<number> {
  const snap = await loadSnapshot(tx, dossierId, links);
  const status = snap.status as 1;
  // The dossier as it stands, through the same subscriber as a submission (one dossier message).
  await nationalSyncSubscriber(links)(
    tx,
    {
      id: `${dossierId}:resend:${Date.now()}`,
      type: 'submitted',
      action: 'submit',
      version: 1,
      dossierId,
      code: snap.code,
      seq: 0,
      at: snap.submittedAt.toISOString(),
      actor: { kind: 'system', id: 'national-sync', name: 'Đồng bộ Cổng DVCQG', role: 'system' },
      status: { before: null, after: status },
      procedure: { code: snap.procedure.code, version: 0, caseCode: '' },
      channel: snap.channel,
      receivingUnitId: snap.receivingUnit.id,
      competentUnitId: null,
      dueAt: snap.dueAt?.toISOString() ?? null,
      data: {},
      logHash: '',
    },
    null,
  );
  return 1;
}

export async function reconciliationWorkbook(r: Reconciliation): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'MotCua';
  const sum = wb.addWorksheet('Tổng hợp');
  sum.addRows([
    ['Đối soát đồng bộ Cổng Dịch vụ công quốc gia'],
    ['Đơn vị', `${r.unit.name} (${r.unit.code})`],
    ['Tháng', r.month],
    ['Hồ sơ tiếp nhận', r.received],
    ['Đã đồng bộ đầy đủ (Cổng xác nhận)', r.acknowledged],
    ['Đang chờ gửi', r.pending],
    ['Gửi lỗi', r.failed],
    ['Chỉ số 1.4 (%)', r.indicator.ratio ?? '—'],
    ['Điểm dự kiến 1.4', r.indicator.points === null ? '—' : `${r.indicator.points}/${r.indicator.maxPoints}`],
  ]);
  sum.getColumn(1).width = 38;
  sum.getColumn(2).width = 48;
  const ws = wb.addWorksheet('Hồ sơ chưa đồng bộ');
  ws.columns = [
    { header: 'Mã hồ sơ', key: 'code', width: 30 },
    { header: 'Thủ tục', key: 'procedure', width: 40 },
    { header: 'Ngày tiếp nhận', key: 'received', width: 20, style: { numFmt: 'dd/mm/yyyy hh:mm' } },
    { header: 'Tình trạng', key: 'state', width: 14 },
    { header: 'Số lần gửi', key: 'attempts', width: 10 },
    { header: 'Lỗi', key: 'error', width: 80 },
  ];
  for (const p of r.problems)
    ws.addRow({
      code: p.code,
      procedure: `${p.procedureCode} ${p.procedureName}`,
      received: localWallClock(new Date(p.receivedAt)),
      state: p.syncState === 'failed' ? 'Gửi lỗi' : 'Đang chờ',
      attempts: p.attempts,
      error: p.error ?? '',
    });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
