/**
 * `npm run motcua -- import-dossiers --format dvcqg --file <file.json> --unit <unit id>`: loads a commune's history
 * from its previous system, in the national sync shape (src/core/national-sync/import-row.ts), so that it keeps its
 * history and its 766 figures. Idempotent by MaHoSo (a code already held is skipped); every row is checked first and
 * the invalid ones are reported with the reason — then nothing is written (all or nothing). The dossiers are history
 * (like the demo history): rows written directly with their action log, no domain events, their 766 facts derived in
 * the same transaction; the portal already holds them, so they count as synced.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { type ImportedDossier, readImportRow } from '../../../core/national-sync/import-row.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { type ActionEntry, chainedActionRow, GENESIS_HASH } from '../dossiers/index.ts';
import { applyFacts } from '../metrics/index.ts';
import { indexDossiers } from '../workflow/index.ts';

export const IMPORT_SOURCE = 'dvcqg-import';

export const IMPORT_DOSSIERS_HELP =
  'Nhập lịch sử hồ sơ theo khuôn dạng đồng bộ Cổng DVCQG. --format dvcqg --file <tệp.json> --unit <mã đơn vị tiếp nhận> (tệp: mảng hồ sơ hoặc {"data": [...]}); không ghi gì nếu có dòng lỗi';

export interface ImportReport {
  rows: number;
  imported: number;
  skipped: number;
  invalid: { row: number; code: string | null; problems: string[] }[];
}

interface UnitRow {
  id: string;
  agency_code: string | null;
  admin_unit_code: string;
}

export async function importDossiers(db: Database, unitId: string, rows: unknown[]): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    const unit = (await tx.query<UnitRow>('SELECT id, agency_code, admin_unit_code FROM org_units WHERE id = $1', [unitId])).rows[0];
    if (!unit) throw new ImportError(`Không có đơn vị ${unitId}.`);
    const procs = new Map(
      (
        await tx.query<{ procedure_code: string; version: number; name: string; case_code: string | null }>(
          `SELECT procedure_code, version, definition ->> 'name' AS name, definition -> 'cases' -> 0 ->> 'code' AS case_code
             FROM procedure_versions WHERE status = 'active'`,
        )
      ).rows.map((p) => [p.procedure_code, p]),
    );
    const competent = (
      await tx.query<{ id: string }>("SELECT id FROM org_units WHERE admin_unit_code = $1 AND kind = 'ubnd_xa' AND effective_to IS NULL LIMIT 1", [
        unit.admin_unit_code,
      ])
    ).rows[0]?.id;
    const report: ImportReport = { rows: rows.length, imported: 0, skipped: 0, invalid: [] };
    const valid: ImportedDossier[] = [];
    const seen = new Set<string>();
    rows.forEach((raw, i) => {
      const code = typeof (raw as { MaHoSo?: unknown })?.MaHoSo === 'string' ? (raw as { MaHoSo: string }).MaHoSo : null;
      const r = readImportRow(raw);
      if (!r.ok) return report.invalid.push({ row: i + 1, code, problems: r.problems });
      const problems: string[] = [];
      if (!procs.has(r.value.procedureCode)) problems.push(`MaTTHC: thủ tục ${r.value.procedureCode} không có trong danh mục đang áp dụng`);
      if (seen.has(r.value.code)) problems.push('MaHoSo: trùng với một dòng trước trong tệp');
      seen.add(r.value.code);
      if (problems.length) return report.invalid.push({ row: i + 1, code, problems });
      valid.push(r.value);
    });
    if (report.invalid.length > 0) return report; // all or nothing
    const held = new Set(
      (await tx.query<{ code: string }>('SELECT code FROM dossiers WHERE code = ANY($1::text[])', [valid.map((v) => v.code)])).rows.map((r) => r.code),
    );
    const dossiers: Record<string, unknown>[] = [];
    const actions: Record<string, unknown>[] = [];
    for (const v of valid) {
      if (held.has(v.code)) {
        report.skipped++;
        continue;
      }
      const p = procs.get(v.procedureCode)!;
      const id = crypto.randomUUID();
      dossiers.push({
        id,
        code: v.code,
        procedure_code: p.procedure_code,
        procedure_version: p.version,
        case_code: p.case_code ?? '',
        procedure_name: p.name,
        status: v.status,
        channel: v.channel,
        payment_state: v.feeTotal > 0 ? 'paid' : 'none',
        delivery_state: v.status === 10 ? 'delivered' : 'none',
        sync_state: 'synced',
        applicant_kind: 'citizen',
        applicant: { fullName: v.applicantName, idNumber: v.applicantIdNumber },
        applicant_id_number: v.applicantIdNumber,
        applicant_name: v.applicantName,
        result_delivery: v.electronicResult ? 'online' : 'counter',
        summary: v.summary ?? `${p.name} — ${v.applicantName}`,
        form_values: {},
        receiving_unit_id: unit.id,
        competent_unit_id: competent ?? unit.id,
        submitted_at: v.submittedAt.toISOString(),
        received_at: v.receivedAt.toISOString(),
        due_at: v.dueAt.toISOString(),
        original_due_at: v.dueAt.toISOString(),
        finished_at: v.finishedAt?.toISOString() ?? null,
        returned_at: v.returnedAt?.toISOString() ?? null,
        fee_total: v.feeTotal,
        paid_online_via: v.paidOnlineVia,
        supplement_requests: v.supplements.length,
        unit_ids: [...new Set([unit.id, competent ?? unit.id])],
        imported: { source: IMPORT_SOURCE, electronicResult: v.electronicResult },
        created_at: v.submittedAt.toISOString(),
        updated_at: (v.returnedAt ?? v.finishedAt ?? v.receivedAt).toISOString(),
      });
      actions.push(...history(id, v));
    }
    await insertRows(tx, 'dossiers', dossiers);
    // No events for an import: the worklist's search row directly (workflow/search-index.ts).
    await indexDossiers(
      tx,
      dossiers.map((d) => String(d.id)),
    );
    await insertRows(tx, 'dossier_actions', actions);
    if (dossiers.length) {
      await tx.query("SELECT 1 FROM metric_state WHERE id = 'counters' FOR UPDATE");
      await applyFacts(
        tx,
        dossiers.map((d) => d.id as string),
      );
    }
    report.imported = dossiers.length;
    return report;
  });
}

/** The action log the national record implies: submitted, received, supplements, the end of processing, the return. */
function history(id: string, v: ImportedDossier): Record<string, unknown>[] {
  const system = { actorKind: 'system', actorId: IMPORT_SOURCE, actorName: 'Nhập lịch sử (Cổng DVCQG)', actorRole: 'system' };
  const steps: { at: Date; action: string; from: number | null; to: number | null; data?: Record<string, unknown> }[] = [
    { at: v.submittedAt, action: 'submitted', from: null, to: 1 },
    { at: new Date(Math.max(v.receivedAt.getTime(), v.submittedAt.getTime())), action: 'received', from: 1, to: 2, data: { dueAt: v.dueAt.toISOString() } },
  ];
  let s = 2;
  for (const x of v.supplements) {
    steps.push({ at: x.requestedAt, action: 'supplement_requested', from: s, to: 5, data: { stage: 'processing' } });
    s = 5;
    if (x.suppliedAt) {
      steps.push({ at: x.suppliedAt, action: 'supplement_provided', from: 5, to: 4 });
      s = 4;
    }
  }
  const end: Record<number, string> = { 7: 'withdrawal_requested', 8: 'stopped', 9: 'result_issued', 10: 'result_issued' };
  if (v.finishedAt && end[v.status]) steps.push({ at: v.finishedAt, action: end[v.status], from: s, to: v.status === 10 ? 9 : v.status });
  if (v.status === 10 && v.returnedAt) steps.push({ at: v.returnedAt, action: 'result_returned', from: 9, to: 10 });
  let prev = GENESIS_HASH;
  return steps.map((step, k) => {
    const entry: ActionEntry = {
      dossierId: id,
      seq: k + 1,
      at: step.at.toISOString(),
      ...system,
      action: step.action,
      fromStatus: step.from,
      toStatus: step.to,
      data: step.data ?? {},
      attachments: [],
    };
    const { hash, row } = chainedActionRow(prev, entry);
    prev = hash;
    return row;
  });
}

async function insertRows(tx: Queryable, table: 'dossiers' | 'dossier_actions', rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  for (let i = 0; i < rows.length; i += 1000)
    await tx.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM json_populate_recordset(NULL::${table}, $1::json)`, [
      JSON.stringify(rows.slice(i, i + 1000)),
    ]);
}

export class ImportError extends Error {}

export async function runImportDossiers(
  args: string[],
  withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>,
  out: (line: string) => void = console.log,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string' }, file: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.format !== 'dvcqg' || !values.file || !values.unit) {
    console.error('Cần --format dvcqg, --file <tệp.json> và --unit <mã đơn vị tiếp nhận, ví dụ dni.phurieng.ttpvhcc>.');
    return 2;
  }
  let rows: unknown;
  try {
    rows = JSON.parse(fs.readFileSync(values.file, 'utf8'));
  } catch (err) {
    console.error(`Không đọc được tệp ${values.file}: ${(err as Error).message}`);
    return 2;
  }
  const list = Array.isArray(rows) ? rows : Array.isArray((rows as { data?: unknown })?.data) ? (rows as { data: unknown[] }).data : null;
  if (!list) {
    console.error('Tệp phải là một mảng hồ sơ, hoặc {"data": [...]}.');
    return 2;
  }
  return withDatabase(async (db) => {
    try {
      const r = await importDossiers(db, values.unit!, list);
      if (values.json) out(JSON.stringify(r, null, 2));
      else if (r.invalid.length) {
        out(`KHÔNG NHẬP: ${r.invalid.length}/${r.rows} dòng không hợp lệ (không hồ sơ nào được ghi):`);
        for (const x of r.invalid) out(`  dòng ${x.row}${x.code ? ` (${x.code})` : ''}: ${x.problems.join('; ')}`);
      } else out(`Đã nhập ${r.imported} hồ sơ, bỏ qua ${r.skipped} hồ sơ đã có (theo MaHoSo), tổng ${r.rows} dòng.`);
      return r.invalid.length ? 1 : 0;
    } catch (err) {
      if (err instanceof ImportError) {
        console.error(err.message);
        return 2;
      }
      throw err;
    }
  });
}
