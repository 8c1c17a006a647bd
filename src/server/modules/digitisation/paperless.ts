/**
 * Paperless days and online-only procedures (rules: src/core/digitisation/paperless.ts): the rules of a unit from
 * the database, the counter's decision for a paper intake (used by reception's intake in its transaction), the
 * exception record, today's rule for the portal and the counter screen, and the day's report.
 */
import crypto from 'node:crypto';
import {
  dayRule,
  EXCEPTION_REASONS,
  type ExceptionReason,
  isoWeekday,
  type PaperlessRule,
  paperIntake,
  ruleProblems,
  WEEKDAY_NAMES,
} from '../../../core/digitisation/paperless.ts';
import type { PaperlessRuleBody } from '../../../contract/digitisation.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';

interface RuleRow {
  id: string;
  unit_id: string;
  kind: PaperlessRule['kind'];
  weekday: number | null;
  day: string | null;
  procedure_code: string | null;
  effective_from: string;
  effective_to: string | null;
  legal_basis: string;
  note: string | null;
  revoked_at: Date | null;
  procedure_name?: string | null;
}

const COLUMNS = `r.id, r.unit_id, r.kind, r.weekday, to_char(r.day, 'YYYY-MM-DD') AS day, r.procedure_code,
  to_char(r.effective_from, 'YYYY-MM-DD') AS effective_from, to_char(r.effective_to, 'YYYY-MM-DD') AS effective_to,
  r.legal_basis, r.note, r.revoked_at,
  (SELECT v.definition ->> 'name' FROM procedure_versions v WHERE v.procedure_code = r.procedure_code AND v.status = 'active') AS procedure_name`;

const toRule = (r: RuleRow): PaperlessRule => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  weekday: r.weekday,
  day: r.day,
  procedureCode: r.procedure_code,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  legalBasis: r.legal_basis,
});

const view = (r: RuleRow) => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  weekday: r.weekday,
  day: r.day,
  procedureCode: r.procedure_code,
  procedureName: r.procedure_name ?? null,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  legalBasis: r.legal_basis,
  note: r.note,
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
});

/** The unit's rules in force (not revoked), with the procedure names. */
async function activeRules(db: Queryable, unitId: string): Promise<RuleRow[]> {
  return (
    await db.query<RuleRow>(`SELECT ${COLUMNS} FROM paperless_rules r WHERE r.unit_id = $1 AND r.revoked_at IS NULL ORDER BY r.effective_from, r.created_at`, [
      unitId,
    ])
  ).rows;
}

export async function listRules(db: Queryable, units: 'all' | Set<string>, unitId?: string) {
  const rows = (
    await db.query<RuleRow>(
      `SELECT ${COLUMNS} FROM paperless_rules r WHERE ($1::text IS NULL OR r.unit_id = $1) ORDER BY r.unit_id, r.effective_from, r.created_at LIMIT 1000`,
      [unitId ?? null],
    )
  ).rows;
  return rows.filter((r) => units === 'all' || units.has(r.unit_id)).map(view);
}

export async function createRule(db: Queryable, by: string, body: PaperlessRuleBody) {
  const problems = ruleProblems({ ...body, weekday: body.weekday ?? null, day: body.day ?? null, procedureCode: body.procedureCode ?? null });
  if (body.kind === 'online_only' && body.procedureCode) {
    const p = await db.query('SELECT 1 FROM procedures WHERE code = $1', [body.procedureCode]);
    if (p.rowCount === 0) problems.push('Không tìm thấy thủ tục trong danh mục.');
  }
  if (problems.length > 0) throw new AppError('PAPERLESS_RULE_INVALID', problems.join(' '), 422, { problems });
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO paperless_rules (id, unit_id, kind, weekday, day, procedure_code, effective_from, effective_to, legal_basis, note, created_by)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7::date, $8::date, $9, $10, $11)`,
    [
      id,
      body.unitId,
      body.kind,
      body.kind === 'weekday' ? body.weekday : null,
      body.kind === 'date' ? body.day : null,
      body.kind === 'online_only' ? body.procedureCode : null,
      body.effectiveFrom,
      body.effectiveTo ?? null,
      body.legalBasis,
      body.note ?? null,
      by,
    ],
  );
  return view((await db.query<RuleRow>(`SELECT ${COLUMNS} FROM paperless_rules r WHERE r.id = $1`, [id])).rows[0]);
}

export async function ruleUnit(db: Queryable, id: string): Promise<string> {
  const r = (await db.query<{ unit_id: string }>('SELECT unit_id FROM paperless_rules WHERE id = $1', [id])).rows[0];
  if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy quy định.', 404);
  return r.unit_id;
}

/** Revoking keeps the row (past days' reports name their rule). Revoking twice answers the same. */
export async function revokeRule(db: Queryable, id: string) {
  await db.query('UPDATE paperless_rules SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return view((await db.query<RuleRow>(`SELECT ${COLUMNS} FROM paperless_rules r WHERE r.id = $1`, [id])).rows[0]);
}

export interface PaperDecision {
  allowed: boolean;
  /** Refused because the procedure is online-only (every channel of paper), not because of the day. */
  onlineOnly?: boolean;
  message?: string;
  ruleId?: string;
  legalBasis?: string;
}

/** Whether the counter of `unitId` may take a paper dossier of this procedure on `day`. */
export async function paperIntakeDecision(db: Queryable, unitId: string, day: string, procedureCode: string): Promise<PaperDecision> {
  const d = paperIntake((await activeRules(db, unitId)).map(toRule), unitId, day, procedureCode);
  if (d.allowed) return { allowed: true };
  return { allowed: false, onlineOnly: d.rule!.kind === 'online_only', message: d.message, ruleId: d.rule!.id, legalBasis: d.rule!.legalBasis };
}

/** The exception, written in the intake's transaction. */
export async function recordPaperlessException(
  tx: Queryable,
  e: {
    unitId: string;
    day: string;
    ruleId: string;
    dossierId: string;
    procedureCode: string;
    reasonCode: ExceptionReason;
    reason: string;
    official: { id: string; name: string };
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO paperless_exceptions (id, unit_id, day, rule_id, dossier_id, procedure_code, reason_code, reason, official_id, official_name)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10)`,
    [crypto.randomUUID(), e.unitId, e.day, e.ruleId, e.dossierId, e.procedureCode, e.reasonCode, e.reason, e.official.id, e.official.name],
  );
}

/** The unit by its id, or the public-administration centre (one-stop counter) of a commune by the commune's code. */
async function resolveCounter(db: Queryable, unit: string): Promise<{ id: string; name: string }> {
  const u = (
    await db.query<{ id: string; name: string }>(
      "SELECT id, name FROM org_units WHERE id = $1 UNION ALL (SELECT id, name FROM org_units WHERE admin_unit_code = $1 AND kind = 'ttpvhcc' ORDER BY id LIMIT 1) LIMIT 1",
      [unit],
    )
  ).rows[0];
  if (!u) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn vị.', 404);
  return u;
}

/** Today's rule at a unit (its id, or a commune's code for its counter), for the portal, procedure pages and the counter screen. */
export async function todayRule(db: Queryable, unit: string, day: string) {
  const { id: unitId, name } = await resolveCounter(db, unit);
  const rows = await activeRules(db, unitId);
  const names = new Map(rows.map((r) => [r.id, r.procedure_name ?? r.procedure_code ?? '']));
  const today = dayRule(rows.map(toRule), unitId, day);
  const weekday = WEEKDAY_NAMES[isoWeekday(day)];
  return {
    unitId,
    unitName: name,
    day,
    paperless: today.paperless,
    message: today.paperless
      ? `Hôm nay (${weekday}) ${name} không tiếp nhận hồ sơ giấy: cán bộ một cửa hỗ trợ người dân nộp hồ sơ trực tuyến ngay tại quầy.`
      : `Hôm nay (${weekday}) ${name} tiếp nhận hồ sơ trực tuyến và hồ sơ giấy (trừ các thủ tục chỉ tiếp nhận trực tuyến).`,
    legalBasis: today.paperlessBecause.map((r) => r.legalBasis),
    onlineOnly: today.onlineOnly.map((r) => ({
      procedureCode: r.procedureCode!,
      procedureName: names.get(r.id) || r.procedureCode!,
      legalBasis: r.legalBasis,
      effectiveTo: r.effectiveTo ?? null,
    })),
  };
}

/** The day's report of a unit: the rule, dossiers received by channel (assisted online apart), the exceptions. */
export async function paperlessDayReport(db: Queryable, unitId: string, day: string) {
  const rule = await todayRule(db, unitId, day);
  const counts = (
    await db.query<{ counter: number; online: number; post: number; assisted: number }>(
      `SELECT count(*) FILTER (WHERE channel = 1)::int AS counter, count(*) FILTER (WHERE channel = 2)::int AS online,
              count(*) FILTER (WHERE channel = 3)::int AS post,
              count(*) FILTER (WHERE channel = 2 AND (intake ->> 'assistedOnline')::boolean)::int AS assisted
         FROM dossiers
        WHERE receiving_unit_id = $1 AND (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $2::date`,
      [unitId, day],
    )
  ).rows[0];
  const exceptions = (
    await db.query<{
      dossier_id: string;
      code: string;
      procedure_code: string;
      reason_code: ExceptionReason;
      reason: string;
      official_name: string;
      created_at: Date;
    }>(
      `SELECT e.dossier_id, d.code, e.procedure_code, e.reason_code, e.reason, e.official_name, e.created_at
         FROM paperless_exceptions e JOIN dossiers d ON d.id = e.dossier_id
        WHERE e.unit_id = $1 AND e.day = $2::date ORDER BY e.created_at`,
      [unitId, day],
    )
  ).rows;
  return {
    unitId,
    unitName: rule.unitName,
    day,
    paperless: rule.paperless,
    legalBasis: rule.legalBasis,
    received: { counter: counts.counter, online: counts.online, post: counts.post, assistedOnline: counts.assisted },
    exceptions: exceptions.map((x) => ({
      dossierId: x.dossier_id,
      dossierCode: x.code,
      procedureCode: x.procedure_code,
      reasonCode: x.reason_code,
      reasonName: EXCEPTION_REASONS[x.reason_code] ?? x.reason_code,
      reason: x.reason,
      officialName: x.official_name,
      at: new Date(x.created_at).toISOString(),
    })),
  };
}
