/**
 * The one-stop forms of a dossier (Mẫu 01–06) and the register (Mẫu 07), built from the dossier, its units and its
 * action log, and rendered by the pure renderers of src/server/paper-forms. Each form exists once the event it records
 * has happened: 01 received, 02 completion or supplement requested, 03 refused, 04 new appointment, 05 stopped or
 * withdrawn, 06 received (the control sheet grows with every handover).
 */
import { formatTimeLimit } from '../../../core/catalogue/time-limit.ts';
import { nationalStatusName, type NationalStatus } from '../../../core/dossiers/status.ts';
import { localDayRange, toLocal } from '../../../core/time/local.ts';
import { applicableTimeLimit } from '../../../core/deadlines/online-time-limit.ts';
import { now } from '../../clock.ts';
import type { Queryable } from '../../db/database.ts';
import {
  renderMau01Pdf,
  renderMau02Pdf,
  renderMau03Pdf,
  renderMau04Pdf,
  renderMau05Pdf,
  renderMau06Pdf,
  renderMau07Pdf,
  renderMau07Xlsx,
  type AgencyInfo,
  type ApplicantInfo,
  type DossierRef,
  type OfficialInfo,
  type RegisterData,
} from '../../paper-forms/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { getVersion } from '../catalogue/index.ts';
import type { OrgTree } from '../officials/index.ts';
import { controlSheetRows } from './queries.ts';

export const DOSSIER_FORMS = ['mau-01', 'mau-02', 'mau-03', 'mau-04', 'mau-05', 'mau-06'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

/** The forms addressed to the applicant (the others are internal). */
export const APPLICANT_FORMS: ReadonlySet<DossierForm> = new Set(['mau-01', 'mau-02', 'mau-03', 'mau-04', 'mau-05']);

/** The log events each form records; the latest one is printed. */
const FORM_EVENTS: Record<DossierForm, string[]> = {
  'mau-01': ['received'],
  'mau-02': ['completion_requested', 'supplement_requested'],
  'mau-03': ['refused'],
  'mau-04': ['rescheduled'],
  'mau-05': ['stopped', 'withdrawal_requested'],
  'mau-06': ['received'],
};

interface DossierRow {
  id: string;
  code: string;
  procedure_code: string;
  procedure_version: number;
  case_code: string;
  procedure_name: string;
  status: number;
  channel: 1 | 2 | 3;
  applicant: { address?: unknown };
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  receiving_unit_id: string;
  competent_unit_id: string | null;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  original_due_at: Date | null;
  fee_total: number;
  result_delivery: 'online' | 'counter' | 'post';
  register_book: number | null;
  register_no: number | null;
  payment_state: string;
}

interface LogRow {
  seq: number;
  at: Date;
  actor_id: string;
  actor_name: string;
  actor_kind: string;
  action: string;
  data: Record<string, unknown>;
}

/** Where a unit's documents are dated: its commune or province name without "Xã", "Phường", "Tỉnh" … */
async function placeOf(db: Queryable, unit: { adminUnitCode: string }): Promise<string> {
  const r = (await db.query<{ name: string; type: string }>('SELECT name, type FROM admin_units WHERE code = $1', [unit.adminUnitCode])).rows[0];
  if (!r) return '';
  const prefix = r.name.toLowerCase().startsWith(r.type.toLowerCase()) ? r.type.length : 0;
  return r.name.slice(prefix).trim() || r.name;
}

function agencyOf(tree: OrgTree, unitId: string | null): AgencyInfo & { adminUnitCode: string } {
  const u = unitId ? tree.units.get(unitId) : undefined;
  if (!u) throw notFound('Không tìm thấy đơn vị của hồ sơ.');
  const parent = u.parentId ? tree.units.get(u.parentId) : undefined;
  return { name: u.name, ...(parent ? { parentName: parent.name } : {}), ...(u.agencyCode ? { code: u.agencyCode } : {}), adminUnitCode: u.adminUnitCode };
}

const addressText = (a: unknown): string | undefined => {
  if (typeof a === 'string') return a;
  if (a && typeof a === 'object') {
    const x = a as Record<string, unknown>;
    const parts = [x.chiTiet, x.tenPhuongXa, x.tenTinhThanh].filter((p): p is string => typeof p === 'string' && p !== '');
    return parts.length ? parts.join(', ') : undefined;
  }
  return undefined;
};

async function officialInfo(db: Queryable, id: string, name: string, fallbackTitle: string): Promise<OfficialInfo> {
  const title = /^[0-9a-f-]{36}$/i.test(id)
    ? (await db.query<{ title: string | null }>('SELECT title FROM officials WHERE id = $1', [id])).rows[0]?.title
    : null;
  return { name, title: title ?? fallbackTitle };
}

async function load(db: Queryable, dossierId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound('Không tìm thấy hồ sơ.');
  const d = (await db.query<DossierRow>('SELECT * FROM dossiers WHERE id = $1', [dossierId])).rows[0];
  if (!d) throw notFound('Không tìm thấy hồ sơ.');
  const log = (
    await db.query<LogRow>('SELECT seq, at, actor_id, actor_name, actor_kind, action, data FROM dossier_actions WHERE dossier_id = $1 ORDER BY seq', [
      dossierId,
    ])
  ).rows;
  return { d, log };
}

/** Renders one form of a dossier as PDF bytes; 404 when the event it records has not happened. */
export async function renderDossierForm(db: Queryable, tree: OrgTree, dossierId: string, form: DossierForm, publicUrl: string): Promise<Uint8Array> {
  const { d, log } = await load(db, dossierId);
  const event = [...log].reverse().find((e) => FORM_EVENTS[form].includes(e.action));
  if (!event || (!d.received_at && ['mau-01', 'mau-04', 'mau-06'].includes(form))) {
    throw new AppError('FORM_NOT_AVAILABLE', 'Hồ sơ chưa có văn bản này (sự việc tương ứng chưa xảy ra).', 404);
  }
  const version = await getVersion(db, d.procedure_code, d.procedure_version);
  const kase = version.definition.cases.find((c) => c.code === d.case_code);
  const counter = agencyOf(tree, d.receiving_unit_id);
  const competent = d.competent_unit_id ? agencyOf(tree, d.competent_unit_id) : counter;
  const dossier: DossierRef = {
    code: d.code,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    caseName: kase?.name,
    submittedAt: new Date(d.submitted_at),
    ...(d.received_at ? { receivedAt: new Date(d.received_at) } : {}),
  };
  const applicant: ApplicantInfo = {
    name: d.applicant_name,
    idNumber: d.applicant_id_number,
    address: addressText(d.applicant.address),
    ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
    ...(d.applicant_email ? { email: d.applicant_email } : {}),
  };
  const at = new Date(event.at);
  const reason = typeof event.data.reason === 'string' ? event.data.reason : '';
  const issueFor = async (agency: { adminUnitCode: string }) => ({ issuedAt: at, place: await placeOf(db, agency), publicUrl });
  const base = async (agency: AgencyInfo & { adminUnitCode: string }) => ({ agency, issue: await issueFor(agency), dossier, applicant });

  switch (form) {
    case 'mau-01': {
      const docs = (await db.query<{ requirement_code: string }>('SELECT requirement_code FROM dossier_documents WHERE dossier_id = $1', [d.id])).rows;
      return renderMau01Pdf({
        agency: counter,
        dossier: { ...dossier, receivedAt: new Date(d.received_at!) },
        applicant,
        dueAt: new Date((event.data.dueAt as string | undefined) ?? d.original_due_at ?? d.due_at!),
        documents: (kase?.documents ?? []).map((r) => ({
          name: r.name,
          originals: r.originals,
          copies: r.copies,
          submitted: r.providedByForm || docs.some((x) => x.requirement_code === r.code),
        })),
        // An online dossier under a shorter online time limit (src/core/deadlines/online-time-limit.ts) prints that one.
        timeLimit: kase ? formatTimeLimit(applicableTimeLimit(kase, d.channel, toLocal(new Date(d.submitted_at)).day)).toLowerCase() : '',
        resultDelivery: d.result_delivery,
        feeTotal: d.fee_total,
        issue: { publicUrl, issuedAt: at },
        channel: d.channel,
        register: d.register_no && d.register_book ? { book: d.register_book, number: d.register_no } : null,
        receivedBy: event.actor_name,
      });
    }
    case 'mau-02': {
      const items = (event.data.items as { name: string; reason: string }[] | undefined) ?? [];
      const stage = event.action === 'supplement_requested' ? 'processing' : 'reception';
      return renderMau02Pdf({
        ...(await base(counter)),
        stage,
        ...(stage === 'processing' ? { processingAgencyName: competent.name } : {}),
        items: items.length ? items.map((i) => ({ content: i.name, reason: i.reason })) : [{ content: 'Hồ sơ', reason }],
        ...(items.length && reason ? { note: reason } : {}),
        official: await officialInfo(db, event.actor_id, event.actor_name, stage === 'processing' ? 'Chuyên viên thụ lý hồ sơ' : 'Công chức tiếp nhận hồ sơ'),
        contact: counter,
      });
    }
    case 'mau-03':
      return renderMau03Pdf({
        ...(await base(counter)),
        reasons: [{ reason }],
        official: await officialInfo(db, event.actor_id, event.actor_name, 'Công chức tiếp nhận hồ sơ'),
      });
    case 'mau-04':
      return renderMau04Pdf({
        ...(await base(competent)),
        dossier: { ...dossier, receivedAt: new Date(d.received_at!) },
        originalDueAt: new Date(event.data.dueBefore as string),
        newDueAt: new Date(event.data.dueAfter as string),
        reason,
        signer: await officialInfo(db, event.actor_id, event.actor_name, 'Lãnh đạo'),
        recipients: [`${applicant.honorific ?? 'Ông/Bà'} ${applicant.name}`, counter.name, 'Lưu: VT'],
      });
    case 'mau-05': {
      const byApplicant = event.action === 'withdrawal_requested';
      return renderMau05Pdf({
        ...(await base(competent)),
        initiator: byApplicant ? 'applicant' : 'agency',
        ...(byApplicant ? { requestedAt: at } : {}),
        reason,
        decidedBy: byApplicant
          ? await officialInfo(db, event.actor_id, event.actor_kind === 'official' ? event.actor_name : counter.name, 'Công chức tiếp nhận hồ sơ')
          : await officialInfo(db, event.actor_id, event.actor_name, 'Lãnh đạo'),
        ...(d.payment_state === 'paid' ? { feesNote: 'Phí, lệ phí đã nộp được hoàn trả theo quy định.' } : {}),
      });
    }
    case 'mau-06': {
      const unitName = (id: string) => tree.units.get(id)?.name ?? id;
      const rows = await controlSheetRows(db, unitName, d.id);
      return renderMau06Pdf({
        ...(await base(counter)),
        dossier: { ...dossier, receivedAt: new Date(d.received_at!) },
        dueAt: new Date(d.due_at!),
        rows: rows.map((r) => ({
          fromUnit: r.fromUnit,
          toUnit: r.toUnit ?? `${applicant.name} (người nhận kết quả)`,
          handedOverAt: new Date(r.handedAt),
          receivedAt: new Date(r.receivedAt),
          handedOverBy: r.handedBy,
          receivedBy: r.receivedBy,
          result: r.result,
          stepName: r.stepName,
          dueAt: r.stepDueAt ? new Date(r.stepDueAt) : null,
          ...(r.reason ? { notes: [`Lý do trả lại: ${r.reason}`] } : {}),
        })),
      });
    }
  }
}

/** The register rows of the dossiers a counter received in a period (local days, inclusive). */
export async function loadRegister(
  db: Queryable,
  tree: OrgTree,
  unitId: string,
  period: { from: string; to: string },
  publicUrl: string,
): Promise<RegisterData> {
  const unit = agencyOf(tree, unitId);
  if (!unit.code) throw new AppError('UNIT_WITHOUT_CODE', 'Đơn vị chưa có mã định danh nên chưa lập được sổ theo dõi.', 409);
  const days = localDayRange(period.from, period.to);
  const { rows } = await db.query<
    DossierRow & {
      transferred_at: Date | null;
      issued_at: Date | null;
      returned_at: Date | null;
      delivery: { receiverName?: string; method?: string; waybill?: string } | null;
      intake: { waybill?: string } | null;
    }
  >(
    `SELECT d.*,
            (SELECT min(a.at) FROM dossier_actions a WHERE a.dossier_id = d.id AND a.action IN ('received', 'forwarded')) AS transferred_at,
            (SELECT max(a.at) FROM dossier_actions a WHERE a.dossier_id = d.id AND a.action = 'result_issued') AS issued_at
       FROM dossiers d
      WHERE d.receiving_unit_id = $1 AND d.received_at >= $2 AND d.received_at < $3
      ORDER BY d.register_book, d.register_no, d.received_at`,
    [unitId, days.start, days.end],
  );
  const books = [...new Set(rows.map((r) => r.register_book).filter((b): b is number => b !== null))];
  return {
    agency: { ...unit, code: unit.code },
    issue: { issuedAt: now(), place: await placeOf(db, unit), publicUrl },
    period,
    ...(books.length ? { bookNumber: books.join(', ') } : {}),
    rows: rows.map((r) => ({
      dossierCode: r.code,
      procedureName: r.procedure_name,
      sets: 1,
      applicantName: r.applicant_name,
      applicantAddress: addressText(r.applicant.address),
      ...(r.applicant_phone ? { applicantPhone: r.applicant_phone } : {}),
      handlingAgency: (r.competent_unit_id && tree.units.get(r.competent_unit_id)?.name) || unit.name,
      receivedAt: new Date(r.received_at!),
      dueAt: r.due_at ? new Date(r.due_at) : null,
      transferredAt: r.transferred_at ? new Date(r.transferred_at) : null,
      resultReceivedAt: r.issued_at ? new Date(r.issued_at) : null,
      returnedAt: r.returned_at ? new Date(r.returned_at) : null,
      resultTakenBy:
        r.delivery?.receiverName ?? (r.delivery?.method === 'electronic' ? 'Nhận bản điện tử' : r.delivery?.waybill ? `Bưu chính ${r.delivery.waybill}` : null),
      channel: r.channel,
      status: r.status as NationalStatus,
      ...(r.intake?.waybill ? { note: `Vận đơn ${r.intake.waybill}; ${nationalStatusName[r.status as NationalStatus].vi}` } : {}),
    })),
  };
}

export async function renderRegister(
  db: Queryable,
  tree: OrgTree,
  unitId: string,
  period: { from: string; to: string },
  publicUrl: string,
  format: 'pdf' | 'xlsx',
): Promise<Uint8Array> {
  const data = await loadRegister(db, tree, unitId, period, publicUrl);
  return format === 'pdf' ? renderMau07Pdf(data) : renderMau07Xlsx(data);
}
