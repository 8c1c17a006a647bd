/**
 * Counter and postal intake (tiếp nhận trực tiếp, qua bưu chính công ích): the receiving officer checks the
 * person's identity against the population database (the check is recorded on the dossier), fills the same e-form
 * as online (prefilled from the database), scans each paper component (uploaded, marked digitised, with who
 * converted it and when), and receives the dossier in one transaction: dossier code, appointment date from the
 * deadline engine, status 2, register number, Mẫu 01 ready to print. A retried request (same idempotency key)
 * returns the same dossier. Reception is province-wide: the dossier is routed to the competent agency of the
 * procedure, by default the one of the applicant's commune of residence.
 */
import crypto from 'node:crypto';
import type { ExceptionReason } from '../../../core/digitisation/paperless.ts';
import { Channel } from '../../../core/dossiers/status.ts';
import { answersState, checkPrefill, normaliseValues, validateForm } from '../../../core/forms/index.ts';
import { feeQuantities, quoteFees } from '../../../core/fees/quote.ts';
import type { PopulationRecord } from '../../adapters/population.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { catalogueCache, getVersion } from '../catalogue/index.ts';
import {
  caseRules,
  communes,
  createDossier,
  recordSubjects,
  reserveDossierCode,
  EMAIL,
  PHONE,
  prefillForPerson,
  resolveUploads,
  sealSecret,
  transition,
  vnToday,
} from '../dossiers/index.ts';
import { cachedCalendar } from '../reference/index.ts';
import { routeUnits, unitsWithRole, type OrgTree, type Staff } from '../officials/index.ts';
import { listStore, storeMismatch } from '../results/index.ts';
import { type PaperDecision, paperIntakeDecision, recordPaperlessException } from '../digitisation/index.ts';

const CHECK_VALID_MS = 4 * 3_600_000;

const checkKey = (ctx: AppContext) => `${ctx.config.cookieSecret}:identity-check`;
const mac = (ctx: AppContext, idNumber: string, officialId: string, at: number) =>
  crypto.createHmac('sha256', checkKey(ctx)).update(`${idNumber}|${officialId}|${at}`).digest('base64url');

/** The receiving officer's counters; anyone else is refused. */
export function counterUnits(staff: Staff): string[] {
  const units = unitsWithRole(staff, 'reception');
  if (units.length === 0) throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận của Bộ phận một cửa được thực hiện thao tác này.', 403);
  return units;
}

const addressText = (a: PopulationRecord['thuongTru']) => [a.chiTiet, a.tenPhuongXa, a.tenTinhThanh].filter(Boolean).join(', ');

/**
 * Identity check at the counter: the person as recorded in the population database, and a token proving that
 * this officer checked this number now (valid 4 hours), recorded on the dossier at intake.
 */
export async function identityCheck(ctx: AppContext, staff: Staff, idNumber: string) {
  const units = counterUnits(staff);
  const person = await ctx.population.findByIdNumber(idNumber, {
    actorKind: 'official',
    actorId: staff.actor.id,
    actorUnit: units[0],
    purpose: 'counter-identity-check',
  });
  if (!person) {
    throw new AppError(
      'PERSON_NOT_FOUND',
      'Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư. Vui lòng kiểm tra lại số trên thẻ căn cước.',
      404,
    );
  }
  const checkedAt = now().getTime();
  return {
    person: {
      idNumber: person.soDinhDanh,
      fullName: person.hoTen,
      birthDate: person.ngaySinh,
      gender: person.gioiTinh,
      nationality: person.quocTich,
      permanentAddress: addressText(person.thuongTru),
      residenceCommuneCode: person.thuongTru.maPhuongXa,
      phone: person.soDienThoai ?? null,
      email: person.email ?? null,
    },
    checkedAt: new Date(checkedAt).toISOString(),
    checkToken: `${checkedAt}.${mac(ctx, person.soDinhDanh, staff.actor.id, checkedAt)}`,
  };
}

/** The identity check this receiving officer made for this number, still valid; else IDENTITY_CHECK_REQUIRED. */
export function verifyIdentityCheck(ctx: AppContext, staff: Staff, idNumber: string, token: string): Date {
  counterUnits(staff);
  const [at, sig] = token.split('.');
  const ms = Number(at);
  const expected = Number.isFinite(ms) ? mac(ctx, idNumber, staff.actor.id, ms) : '';
  const ok = !!sig && sig.length === expected.length && crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
  if (!ok || now().getTime() - ms > CHECK_VALID_MS || ms > now().getTime() + 60_000) {
    throw new AppError('IDENTITY_CHECK_REQUIRED', 'Vui lòng kiểm tra lại danh tính người nộp với Cơ sở dữ liệu quốc gia về dân cư trước khi tiếp nhận.', 400);
  }
  return new Date(ms);
}

/**
 * At the counter there is no e-ID login: the identity verified against the population database stands in for the
 * e-ID claims (same attribute names: HoVaTen, SoDinhDanh, NgayThangNamSinh yyyyMMdd).
 */
const identityClaims = (p: PopulationRecord) => ({ HoVaTen: p.hoTen, SoDinhDanh: p.soDinhDanh, NgayThangNamSinh: p.ngaySinh.replace(/-/g, '') });

/** The case's e-form prefilled for the person at the counter (same engine and seal as online). */
export async function intakePrefill(ctx: AppContext, staff: Staff, input: { procedureCode: string; caseCode: string; idNumber: string; checkToken: string }) {
  const units = counterUnits(staff);
  verifyIdentityCheck(ctx, staff, input.idNumber, input.checkToken);
  const v = await catalogueCache(ctx.db).get(input.procedureCode);
  const kase = v.definition.cases.find((c) => c.code === input.caseCode);
  if (!kase) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp đã chọn của thủ tục.', 404);
  if (!kase.form) throw new AppError('NO_EFORM', 'Thủ tục này chưa có biểu mẫu điện tử.', 422);
  const lookup = { actorKind: 'official' as const, actorId: staff.actor.id, actorUnit: units[0], purpose: `counter-autofill:${input.procedureCode}` };
  const person = await ctx.population.findByIdNumber(input.idNumber, lookup);
  if (!person) throw new AppError('PERSON_NOT_FOUND', 'Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư.', 404);
  const { values, provenance, seal } = await prefillForPerson(ctx, kase.form, input.idNumber, lookup, identityClaims(person));
  return {
    procedureCode: v.code,
    procedureVersion: v.version,
    procedureName: v.definition.name,
    caseCode: kase.code,
    form: kase.form,
    documents: kase.documents,
    values,
    prefilledFields: Object.keys(provenance),
    seal,
  };
}

export interface IntakeInput {
  idempotencyKey: string;
  channel: 1 | 3;
  receivingUnitId?: string;
  procedureCode: string;
  procedureVersion: number;
  caseCode: string;
  identity: { idNumber: string; checkToken: string };
  contact: { phone?: string; email?: string };
  values: Record<string, unknown>;
  seal: string;
  /** Each component: a scan uploaded by the officer, or a document taken from the citizen's store (with them present). */
  documents: { requirementCode: string; uploadId?: string; storeDocumentId?: string }[];
  resultDelivery: 'counter' | 'post' | 'online';
  competentUnitId?: string;
  waybill?: string;
  note?: string;
  /** Assisted online submission at the counter: channel 2, the citizen's dossier, the official recorded as assistedBy. */
  assistedOnline?: boolean;
  /** Paper taken anyway on a paperless day or for an online-only procedure, with the reason. */
  paperlessException?: { reasonCode: ExceptionReason; reason: string };
}

/** The competent agency: the one chosen, else the procedure's kind in the applicant's commune, else the counter's. */
function competentUnit(tree: OrgTree, kind: string, chosen: string | undefined, residenceCommune: string | undefined, receivingUnitId: string): string {
  if (chosen) {
    const u = tree.units.get(chosen);
    if (!u || u.kind !== kind) throw new AppError('COMPETENT_UNIT_INVALID', 'Cơ quan có thẩm quyền được chọn không giải quyết thủ tục này.', 422);
    return u.id;
  }
  const home = residenceCommune ? tree.byKind(kind, residenceCommune) : undefined;
  if (home) return home.id;
  const counter = tree.units.get(receivingUnitId)!;
  const local = tree.byKind(kind, counter.adminUnitCode);
  if (!local) throw new AppError('COMPETENT_UNIT_INVALID', 'Không xác định được cơ quan có thẩm quyền giải quyết. Vui lòng chọn cơ quan.', 422);
  return local.id;
}

export async function counterIntake(ctx: AppContext, staff: Staff, input: IntakeInput) {
  const units = counterUnits(staff);
  const receivingUnitId = input.receivingUnitId ?? units[0];
  if (!units.includes(receivingUnitId)) throw new AppError('FORBIDDEN', 'Bạn không phải cán bộ tiếp nhận của đơn vị này.', 403);
  const existing = await findIntake(ctx, staff, input.idempotencyKey);
  if (existing) return { ...existing, created: false };

  const checkedAt = verifyIdentityCheck(ctx, staff, input.identity.idNumber, input.identity.checkToken);
  if (input.channel === Channel.POST && !input.waybill) throw new AppError('WAYBILL_REQUIRED', 'Hồ sơ nhận qua bưu chính: vui lòng nhập số vận đơn.', 400);
  // Paperless days and online-only procedures (issue 16 item 6): paper is refused, assisted online submission offered;
  // an exception needs a reason and is reported. The post is refused only for an online-only procedure.
  const assisted = input.assistedOnline === true;
  const today = vnToday();
  const paper: PaperDecision = assisted ? { allowed: true } : await paperIntakeDecision(ctx.db, receivingUnitId, today, input.procedureCode);
  const paperRefused = !paper.allowed && (input.channel === Channel.IN_PERSON || paper.onlineOnly === true);
  if (paperRefused && !input.paperlessException) {
    throw new AppError('PAPER_INTAKE_REFUSED', paper.message!, 409, { assistedOnline: true, legalBasis: paper.legalBasis });
  }
  const version = await getVersion(ctx.db, input.procedureCode, input.procedureVersion);
  const kase = version.definition.cases.find((c) => c.code === input.caseCode);
  if (!kase?.form) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp hoặc biểu mẫu của thủ tục.', 404);
  const person = await ctx.population.findByIdNumber(input.identity.idNumber, {
    actorKind: 'official',
    actorId: staff.actor.id,
    actorUnit: receivingUnitId,
    purpose: `counter-intake:${input.procedureCode}`,
  });
  if (!person) throw new AppError('PERSON_NOT_FOUND', 'Không tìm thấy số định danh này trong Cơ sở dữ liệu quốc gia về dân cư.', 404);

  // The same checks as online: the e-form, the prefilled values, every required component (scanned here).
  const communeMap = await communes(ctx.db);
  const answers = answersState(kase.form, input.values);
  const problems = [...validateForm(kase.form, answers, { today: vnToday(), communeInProvince: (c, p) => communeMap.get(c) === p }).errors];
  // The identity fields were filled from the person's record in the population database (no e-ID login here).
  const prefill = await checkPrefill(kase.form, answers, input.seal, sealSecret(ctx), { sourceNames: { eid: 'Cơ sở dữ liệu quốc gia về dân cư' } });
  problems.push(...prefill.errors);
  for (const req of kase.documents) {
    if (req.required && !req.providedByForm && !input.documents.some((d) => d.requirementCode === req.code)) {
      problems.push({ path: `documents.${req.code}`, code: 'DOCUMENT_MISSING', message: `Chưa quét giấy tờ: ${req.name}.` });
    }
  }
  const stored = new Map((await listStore(ctx.db, person.soDinhDanh)).map((x) => [x.id, x]));
  for (const d of input.documents) {
    const req = kase.documents.find((r) => r.code === d.requirementCode);
    if (!req) {
      problems.push({ path: `documents.${d.requirementCode}`, code: 'DOCUMENT_INVALID', message: 'Thành phần hồ sơ không thuộc trường hợp này.' });
    } else if (d.storeDocumentId) {
      const doc = stored.get(d.storeDocumentId);
      const why = doc ? storeMismatch(doc, req, vnToday()) : 'Giấy tờ không có trong kho dữ liệu của người nộp.';
      if (why) problems.push({ path: `documents.${d.requirementCode}`, code: 'STORE_DOCUMENT_INVALID', message: why });
    }
  }
  const phone = input.contact.phone?.replace(/[\s.-]/g, '').replace(/^\+?84/, '0') || undefined;
  const email = input.contact.email?.trim() || undefined;
  if (phone && !PHONE.test(phone)) problems.push({ path: 'contact.phone', code: 'phone', message: 'Số điện thoại liên hệ không hợp lệ.' });
  if (email && !EMAIL.test(email)) problems.push({ path: 'contact.email', code: 'email', message: 'Địa chỉ thư điện tử liên hệ không hợp lệ.' });
  if (problems.length > 0)
    throw new AppError('INTAKE_INVALID', `Hồ sơ chưa thể tiếp nhận: còn ${problems.length} nội dung cần sửa.`, 422, { errors: problems });

  const tree = staff.tree;
  const competentUnitId = competentUnit(tree, version.definition.competentUnitKind, input.competentUnitId, person.thuongTru.maPhuongXa, receivingUnitId);
  const values = normaliseValues(kase.form, answers);
  const quote = quoteFees({
    lines: kase.fees,
    channel: assisted ? 'online' : 'counter',
    date: vnToday(),
    ...feeQuantities(
      kase.form.pages.flatMap((p) => p.fields.map((f) => f.key)),
      values,
    ),
  });
  const rules = await caseRules(ctx.db, { procedure_code: input.procedureCode, procedure_version: input.procedureVersion, case_code: input.caseCode });
  const calendar = await cachedCalendar(ctx.db);
  const unitIds = routeUnits(tree, kase.workflow, { receivingUnitId, competentUnitId });
  const counter = tree.units.get(receivingUnitId)!;
  const id = crypto.randomUUID();
  const at = now();
  const ownerCitizenId = (await ctx.db.query<{ id: string }>('SELECT id FROM citizens WHERE id_number = $1', [person.soDinhDanh])).rows[0]?.id ?? null;
  if (assisted && !ownerCitizenId) {
    throw new AppError(
      'CITIZEN_ACCOUNT_REQUIRED',
      'Công dân chưa có tài khoản trên Cổng dịch vụ công. Vui lòng hướng dẫn công dân đăng nhập bằng tài khoản định danh điện tử (VNeID) trên thiết bị tại quầy, sau đó thực hiện lại.',
      409,
    );
  }
  const channel = assisted ? Channel.ONLINE : input.channel;
  const intake = {
    officialId: staff.actor.id,
    officialName: staff.actor.fullName,
    idempotencyKey: input.idempotencyKey,
    channel,
    ...(assisted ? { assistedOnline: true, assistedBy: { id: staff.actor.id, name: staff.actor.fullName } } : {}),
    ...(paperRefused ? { paperlessException: input.paperlessException } : {}),
    identityCheck: { idNumber: person.soDinhDanh, checkedAt: checkedAt.toISOString(), source: 'CSDLQG về dân cư', matched: true },
    ...(input.waybill ? { waybill: input.waybill } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  const applicant = { fullName: person.hoTen, idNumber: person.soDinhDanh, phone, email, address: addressText(person.thuongTru) };

  const env = { ctx, tree, calendar, rules };
  // The code is drawn before the transaction, as for online submission (issue 17): the counter's day row is locked for
  // this one statement, not while the intake's transaction (acceptance, task, subscribers) runs.
  const code = await reserveDossierCode(ctx.db, counter.agencyCode!, at);
  try {
    return await ctx.db.transaction(async (tx) => {
      const scans = await resolveUploads(
        tx,
        input.documents.flatMap((d) => (d.uploadId ? [{ requirementCode: d.requirementCode, uploadId: d.uploadId }] : [])),
        { kind: 'official', id: staff.actor.id },
      );
      const reused = input.documents.flatMap((d) => {
        const doc = d.storeDocumentId ? stored.get(d.storeDocumentId) : undefined;
        return doc
          ? [
              {
                requirementCode: d.requirementCode,
                storeDocumentId: doc.id,
                sha256: doc.sha256,
                name: doc.title,
                mime: doc.mime,
                size: Number(doc.size),
                source: 'store' as const,
              },
            ]
          : [];
      });
      const created = await createDossier(tx, ctx, {
        id,
        code,
        procedureCode: input.procedureCode,
        procedureVersion: input.procedureVersion,
        caseCode: input.caseCode,
        procedureName: version.definition.name,
        channel,
        subState: 'counter_intake',
        ownerCitizenId,
        applicant,
        resultDelivery: input.resultDelivery,
        summary: `${version.definition.name} – ${person.hoTen}`.slice(0, 1000),
        values,
        provenance: prefill.provenance,
        receivingUnitId,
        agencyCode: counter.agencyCode!,
        competentUnitId,
        unitIds,
        submittedAt: at,
        feeQuote: quote,
        feeTotal: quote.total,
        vneidAuthenticated: false,
        populationDbUsed: true,
        intake,
        documents: [...scans.map((x) => ({ ...x, source: 'scan' as const })), ...reused],
        submittedBy: { kind: 'official', id: staff.actor.id, name: staff.actor.fullName, role: 'reception' },
        log: {
          channel,
          ...(assisted ? { assistedBy: { id: staff.actor.id, name: staff.actor.fullName } } : {}),
          ...(paperRefused ? { paperlessException: input.paperlessException } : {}),
          onBehalfOf: person.hoTen,
          procedureCode: input.procedureCode,
          procedureVersion: input.procedureVersion,
          caseCode: input.caseCode,
          receivingUnitId,
          identityCheck: intake.identityCheck,
          ...(input.waybill ? { waybill: input.waybill } : {}),
          // Paper → data message (NĐ 137/2024 Art. 4): converted from paper, when, by whom, which agency.
          conversion: { fromPaper: true, at: at.toISOString(), by: staff.actor.fullName, agency: counter.name },
        },
      });
      if (!created) throw new DuplicateIntake();
      await recordSubjects(tx, id, input.procedureCode, values, person.soDinhDanh);
      if (paperRefused && input.paperlessException && paper.ruleId) {
        await recordPaperlessException(tx, {
          unitId: receivingUnitId,
          day: today,
          ruleId: paper.ruleId,
          dossierId: id,
          procedureCode: input.procedureCode,
          reasonCode: input.paperlessException.reasonCode,
          reason: input.paperlessException.reason,
          official: { id: staff.actor.id, name: staff.actor.fullName },
        });
      }
      const accepted = await transition(tx, env, id, { action: 'accept' }, { kind: 'official', staff });
      return { id, code: created.code, status: accepted.status, dueAt: accepted.dueAt, task: accepted.task, created: true };
    });
  } catch (err) {
    if (!(err instanceof DuplicateIntake)) throw err;
    const winner = await findIntake(ctx, staff, input.idempotencyKey);
    if (!winner) throw err;
    return { ...winner, created: false };
  }
}

class DuplicateIntake extends Error {}

async function findIntake(ctx: AppContext, staff: Staff, key: string) {
  const r = (
    await ctx.db.query<{ id: string; code: string; status: number; due_at: Date | null }>(
      "SELECT id, code, status, due_at FROM dossiers WHERE intake ->> 'officialId' = $1 AND intake ->> 'idempotencyKey' = $2",
      [staff.actor.id, key],
    )
  ).rows[0];
  return r ? { id: r.id, code: r.code, status: r.status, dueAt: r.due_at ? new Date(r.due_at).toISOString() : null, task: null } : null;
}
