/**
 * Starting a draft (with autofill) and checking a draft before submission: the e-form validated by the same
 * engine the browser runs, prefilled values compared with what the server filled, required documents present
 * and owned by the citizen, contact details, the fee quote frozen on the dossier.
 */
import crypto from 'node:crypto';
import { localDay } from '../../../core/time/local.ts';
import { now } from '../../clock.ts';
import { answersState, checkPrefill, normaliseValues, resolvePrefill, sealPrefill, type SyncHmac, validateForm } from '../../../core/forms/index.ts';
import { caseRuleInForce, inferCase } from '../../../core/catalogue/case-inference.ts';
import { populationRolesFor } from '../../../core/procedures/prefill-roles/index.ts';
import { feeQuantities, quoteFees } from '../../../core/fees/quote.ts';
import { checkExemptionClaims, EXEMPTION_PROOF_PREFIX, type ExemptionProof } from '../../../core/fees/exemptions.ts';
import type { FormDefinition } from '../../../core/catalogue/schema.ts';
import type { LookupContext, PopulationRecord } from '../../adapters/population.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import type { CitizenActor } from '../../http/actor.ts';
import { AppError } from '../../http/errors.ts';
import { catalogueCache, getVersion } from '../catalogue/index.ts';
import { listStore, storeMismatch } from '../results/index.ts';
import { insertDraft, type AttachedUpload, type DraftRow } from './drafts.ts';
import type { CheckedSubmission } from './submission.ts';
import { receivingUnit } from './submission.ts';

/** Today in Vietnam on the business clock (yyyy-mm-dd). */
export const vnToday = () => localDay(now());

const sealKeys = new Map<string, SyncHmac>();
/**
 * HMAC key of prefill seals (kept server-side with each draft); derived from the cookie secret. node:crypto's
 * synchronous HMAC-SHA256 with that key (the same MACs as WebCrypto's with the secret string, without a thread-pool
 * hop per field: WebCrypto's verify was a quarter of a submission's CPU, issue 17), one per secret.
 */
export function sealSecret(ctx: Pick<AppContext, 'config'>): SyncHmac {
  const secret = `${ctx.config.cookieSecret}:prefill-seal`;
  let hit = sealKeys.get(secret);
  if (!hit) {
    if (Buffer.byteLength(secret) < 16) throw new Error('The prefill seal secret must be at least 16 bytes');
    const key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
    hit = {
      hmacSha256: (text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest(),
      hmacSha256Base64Url: (text) => crypto.createHmac('sha256', key).update(text, 'utf8').digest('base64url'),
    };
    sealKeys.set(secret, hit);
  }
  return hit;
}

let communeIndex: Promise<Map<string, string>> | null = null;
/** commune code → province code, for address validation (the 2025 units never change at run time). */
export function communes(db: Database): Promise<Map<string, string>> {
  communeIndex ??= db
    .query<{ code: string; parent_code: string }>("SELECT code, parent_code FROM admin_units WHERE level = 'commune'")
    .then((r) => new Map(r.rows.map((x) => [x.code, x.parent_code])))
    .catch((err: unknown) => {
      communeIndex = null;
      throw err;
    });
  return communeIndex;
}

/**
 * The e-form's prefilled values for a person: their e-ID claims and the population database (the person, the
 * spouse, the children, the household; every lookup logged with its purpose), with provenance and the seal.
 */
export async function prefillForPerson(
  ctx: Pick<AppContext, 'population' | 'config'>,
  form: FormDefinition,
  idNumber: string,
  lookup: LookupContext,
  claims: Record<string, unknown>,
): Promise<{ values: Record<string, unknown>; provenance: Record<string, unknown>; seal: string; self: PopulationRecord | null }> {
  const self = await ctx.population.findByIdNumber(idNumber, lookup);
  const spouse = self?.voChong ? await ctx.population.findByIdNumber(self.voChong.soDinhDanh, lookup) : null;
  const children = self ? await ctx.population.childrenOf(idNumber, lookup) : [];
  const household = self ? await ctx.population.householdOf(idNumber, lookup) : null;
  const population = populationRolesFor(form, { self, spouse, children, household, today: vnToday() });
  const { values, provenance } = resolvePrefill(form, { eid: claims, population });
  const seal = await sealPrefill(values, provenance, sealSecret(ctx), { formId: form.id });
  return { values, provenance, seal, self };
}

/**
 * A new draft, prefilled. Without a case the server chooses (issue 18, fewer steps): the procedure's one online case,
 * or the case the prefilled data decides by the catalogue's rule in force (birth registration: the child's date of
 * birth → on time or late, src/core/catalogue/case-inference.ts); when nothing decides, CASE_REQUIRED (the citizen
 * chooses).
 */
export async function startDraft(ctx: AppContext, citizen: CitizenActor, procedureCode: string, caseCode?: string): Promise<DraftRow> {
  const v = await catalogueCache(ctx.db).get(procedureCode);
  const online = v.definition.cases.filter((x) => x.form);
  const rule = caseCode === undefined && online.length > 1 ? caseRuleInForce(v.definition.caseInference, vnToday()) : null;
  if (caseCode === undefined && online.length > 1 && !rule) throw new AppError('CASE_REQUIRED', 'Vui lòng chọn trường hợp của thủ tục.', 422);
  // With a rule, prefill first with the form of the rule's first case (the deciding field is on every case's form).
  let c =
    caseCode === undefined ? (rule ? online.find((x) => x.code === rule.bands[0]?.caseCode) : online[0]) : v.definition.cases.find((x) => x.code === caseCode);
  if (!c) throw new AppError('CASE_NOT_FOUND', 'Không tìm thấy trường hợp đã chọn của thủ tục.', 404);
  if (!c.form) throw new AppError('NO_EFORM', 'Thủ tục này chưa có biểu mẫu điện tử để nộp trực tuyến.', 422);

  const claims = (await ctx.db.query<{ claims: Record<string, unknown> }>('SELECT claims FROM citizens WHERE id = $1', [citizen.id])).rows[0]?.claims ?? {
    HoVaTen: citizen.fullName,
    SoDinhDanh: citizen.idNumber,
  };
  const lookup = { actorKind: 'citizen' as const, actorId: citizen.idNumber, purpose: `autofill:${procedureCode}` };
  let filled = await prefillForPerson(ctx, c.form, citizen.idNumber, lookup, claims);
  if (rule) {
    const inferred = inferCase(v.definition, filled.values, vnToday());
    if (!inferred) throw new AppError('CASE_REQUIRED', 'Vui lòng chọn trường hợp của thủ tục.', 422);
    const decided = online.find((x) => x.code === inferred.caseCode);
    if (decided?.form && decided !== c) {
      const sameForm = decided.form.id === c.form.id && decided.form.version === c.form.version;
      c = decided;
      if (!sameForm && decided.form) filled = await prefillForPerson(ctx, decided.form, citizen.idNumber, lookup, claims);
    }
  }
  const { values, provenance, seal, self } = filled;
  const unit = await receivingUnit(ctx.db);
  return insertDraft(
    ctx.db,
    citizen,
    {
      procedureCode,
      procedureVersion: v.version,
      caseCode: c.code,
      values,
      prefill: { provenance, seal, populationDbUsed: self !== null } as DraftRow['prefill'],
      meta: {
        receivingUnitId: unit.id,
        contactPhone: self?.soDienThoai ?? (claims.SoDienThoai as string | undefined),
        contactEmail: self?.email ?? (claims.Email as string | undefined),
        resultDelivery: 'online',
      },
    },
    ctx.config.draftTtlDays,
  );
}

export const PHONE = /^0(3|5|7|8|9)\d{8}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** A component that is one of the citizen's uploads. */
const uploadedComponent = (requirementCode: string, u: AttachedUpload): CheckedSubmission['documents'][number] => ({
  requirementCode,
  uploadId: u.id,
  sha256: u.sha256,
  name: u.original_name,
  mime: u.mime,
  size: Number(u.size),
  photoCopy: u.photo_copy,
});
export async function checkSubmission(ctx: AppContext, citizen: CitizenActor, draft: DraftRow): Promise<CheckedSubmission> {
  const version = await getVersion(ctx.db, draft.procedure_code, draft.procedure_version);
  const c = version.definition.cases.find((x) => x.code === draft.case_code);
  if (!c?.form) throw new AppError('NO_EFORM', 'Thủ tục này chưa có biểu mẫu điện tử để nộp trực tuyến.', 422);

  const communeMap = await communes(ctx.db);
  // The answers' state, built once for the validation, the prefill check and the normal form (issue 17).
  const answers = answersState(c.form, draft.form_values ?? {});
  const problems = [
    ...validateForm(c.form, answers, { today: vnToday(), communeInProvince: (commune, province) => communeMap.get(commune) === province }).errors,
  ];
  // A draft without a seal (made before seals existed) is refused with PREFILL_SEAL_INVALID: start a new draft.
  const prefill = await checkPrefill(c.form, answers, draft.prefill?.seal ?? '', sealSecret(ctx));
  problems.push(...prefill.errors);

  // Documents: every required component that is not the e-form itself needs an upload of the citizen's own.
  const attached = draft.documents ?? [];
  const uploadIds = [...new Set(attached.flatMap((d) => (d.uploadId ? [d.uploadId] : [])))];
  const uploads =
    draft.attached_uploads ??
    (uploadIds.length
      ? (
          await ctx.db.query<AttachedUpload>(
            `SELECT u.id, u.sha256, u.original_name, u.mime, u.size, EXISTS (SELECT 1 FROM photo_copies p WHERE p.upload_id = u.id) AS photo_copy
             FROM uploads u WHERE u.id = ANY($1::uuid[]) AND u.owner_kind = 'citizen' AND u.owner_id = $2`,
            [uploadIds, citizen.id],
          )
        ).rows
      : []);
  const byId = new Map(uploads.map((u) => [u.id, u]));
  // The citizen's personal store is read only when a component comes from it (one round trip fewer otherwise, issue 17).
  const stored = new Map((attached.some((a) => a.storeDocumentId) ? await listStore(ctx.db, citizen.idNumber) : []).map((s) => [s.id, s]));
  const documents: CheckedSubmission['documents'] = [];
  // Proofs of a fee exemption are attached as `MIEN-PHI:<exemption code>` (core/fees/exemptions.ts).
  const exemptionProofs: ExemptionProof[] = [];
  for (const a of attached) {
    if (a.requirementCode.startsWith(EXEMPTION_PROOF_PREFIX)) {
      const exemptionCode = a.requirementCode.slice(EXEMPTION_PROOF_PREFIX.length);
      const s = a.storeDocumentId ? stored.get(a.storeDocumentId) : undefined;
      const u = a.uploadId ? byId.get(a.uploadId) : undefined;
      if (s) {
        exemptionProofs.push({ exemptionCode, documentType: s.documentType });
        documents.push({ requirementCode: a.requirementCode, storeDocumentId: s.id, sha256: s.sha256, name: s.title, mime: s.mime, size: s.size });
      } else if (u) {
        exemptionProofs.push({ exemptionCode });
        documents.push(uploadedComponent(a.requirementCode, u));
      } else {
        problems.push({
          path: `documents.${a.requirementCode}`,
          code: 'DOCUMENT_INVALID',
          message: 'Giấy tờ chứng minh miễn phí, lệ phí không hợp lệ hoặc không phải của bạn. Vui lòng tải lên lại.',
        });
      }
      continue;
    }
    const req = c.documents.find((d) => d.code === a.requirementCode);
    if (a.storeDocumentId) {
      // A document of the citizen's own store, fit for this component (document type or result code), still valid.
      const s = stored.get(a.storeDocumentId);
      const why = !req || !s ? 'Giấy tờ trong kho dữ liệu không hợp lệ hoặc không phải của bạn.' : storeMismatch(s, req, vnToday());
      if (why || !s) {
        problems.push({ path: `documents.${a.requirementCode}`, code: 'STORE_DOCUMENT_INVALID', message: why ?? 'Giấy tờ trong kho dữ liệu không hợp lệ.' });
        continue;
      }
      documents.push({ requirementCode: a.requirementCode, storeDocumentId: s.id, sha256: s.sha256, name: s.title, mime: s.mime, size: s.size });
      continue;
    }
    const u = a.uploadId ? byId.get(a.uploadId) : undefined;
    if (!u || !req) {
      problems.push({
        path: `documents.${a.requirementCode}`,
        code: 'DOCUMENT_INVALID',
        message: 'Tệp đính kèm không hợp lệ hoặc không thuộc hồ sơ này. Vui lòng tải lên lại.',
      });
      continue;
    }
    documents.push(uploadedComponent(a.requirementCode, u));
  }
  for (const req of c.documents) {
    if (!req.required || req.providedByForm) continue;
    if (!documents.some((d) => d.requirementCode === req.code)) {
      problems.push({ path: `documents.${req.code}`, code: 'DOCUMENT_MISSING', message: `Thiếu giấy tờ: ${req.name}.` });
    }
  }

  const phone = draft.meta?.contactPhone?.replace(/[\s.-]/g, '').replace(/^\+?84/, '0');
  const email = draft.meta?.contactEmail?.trim();
  if (phone && !PHONE.test(phone)) problems.push({ path: 'meta.contactPhone', code: 'phone', message: 'Số điện thoại liên hệ không hợp lệ.' });
  if (email && !EMAIL.test(email)) problems.push({ path: 'meta.contactEmail', code: 'email', message: 'Địa chỉ thư điện tử liên hệ không hợp lệ.' });

  const exemptions = checkExemptionClaims(c.fees, draft.meta?.feeExemptions ?? [], exemptionProofs);
  problems.push(...exemptions.problems);

  if (problems.length > 0) {
    throw new AppError('SUBMISSION_INVALID', `Hồ sơ chưa thể nộp: còn ${problems.length} nội dung cần sửa.`, 422, { errors: problems });
  }

  const normalised = normaliseValues(c.form, answers);
  const quote = quoteFees({
    lines: c.fees,
    channel: 'online',
    date: vnToday(),
    exemptions: exemptions.granted,
    ...feeQuantities(
      c.form.pages.flatMap((p) => p.fields.map((f) => f.key)),
      normalised,
    ),
  });
  const unit = await receivingUnit(ctx.db, draft.meta?.receivingUnitId);

  return {
    procedureName: version.definition.name,
    values: normalised,
    provenance: prefill.provenance,
    summary: `${version.definition.name} – ${citizen.fullName}`.slice(0, 1000),
    applicant: { fullName: citizen.fullName, idNumber: citizen.idNumber, phone, email },
    documents,
    feeTotal: quote.total,
    feeQuote: quote,
    populationDbUsed: Boolean((draft.prefill as { populationDbUsed?: boolean })?.populationDbUsed),
    competentUnitId: unit.unitsByKind[version.definition.competentUnitKind] ?? null,
  };
}
