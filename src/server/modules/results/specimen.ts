/**
 * Specimens for administrators checking a result template (`npm run motcua -- specimen --procedure <code>`): the
 * procedure's result rendered exactly as a real one — its template, the e-form answers of a demo resident filled
 * from the population database, a number, the QR code — marked as a specimen on every page, and signed like a real
 * one with the issuing unit's certificate. Nothing is recorded: a specimen is not a result.
 */
import crypto from 'node:crypto';
import type { FormDefinition } from '../../../core/catalogue/schema.ts';
import { localDay, localYear } from '../../../core/time/local.ts';
import type { LookupContext } from '../../adapters/population.ts';
import { now } from '../../clock.ts';
import type { AppConfig } from '../../config.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { countSourcePages, formLabels, placeCodes, renderCertifiedCopy, renderResultPdf, type ResultData } from './render/index.ts';
import { AppError } from '../../http/errors.ts';
import { StandinPopulationAdapter } from '../../standins/population/adapter.ts';
import { DEMO_BRIDE_ID, DEMO_ELDER_ID, DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { DocumentWriter, PAGE_A4 } from '../../pdf/document.ts';
import { catalogueCache } from '../catalogue/index.ts';
import { signPdf } from './signing/pades.ts';
import { orgTree } from '../officials/index.ts';
import { placeName, placeNames } from './issue.ts';
import { createSignerProvider } from './signing/signers.ts';

/**
 * How the specimen fills the e-form for the demo resident: the online submission's prefill (the dossiers module's
 * prefillForPerson), passed in by the caller, since the dossiers module depends on this one (the store) and not the
 * other way round.
 */
export type SpecimenPrefill = (
  ctx: Pick<AppContext, 'population' | 'config'>,
  form: FormDefinition,
  idNumber: string,
  lookup: LookupContext,
  claims: Record<string, unknown>,
) => Promise<{ values: Record<string, unknown> }>;

/** The demo resident whose data best shows a procedure's result. */
function demoPerson(procedureName: string): string {
  const n = procedureName.toLowerCase();
  if (n.includes('khai sinh')) return DEMO_MOTHER_ID;
  if (n.includes('kết hôn')) return DEMO_GROOM_ID;
  if (n.includes('hôn nhân')) return DEMO_BRIDE_ID;
  return DEMO_ELDER_ID;
}

/** A one-page stand-in for the scanned original of a certified copy. */
async function sampleOriginal(): Promise<Uint8Array> {
  const w = await DocumentWriter.create(PAGE_A4, { title: 'Bản chính mẫu' });
  w.text('GIẤY TỜ GỐC (BẢN MẪU)', { bold: true, size: 14, align: 'center', gap: 12 });
  w.text('Trang này thay cho bản quét của bản chính khi dựng bản mẫu chứng thực bản sao điện tử.', { size: 11 });
  return w.save();
}

export async function renderSpecimen(db: Database, config: AppConfig, procedureCode: string, prefill: SpecimenPrefill, at = now()): Promise<Uint8Array> {
  const version = await catalogueCache(db).get(procedureCode);
  const kase = version.definition.cases[0];
  const tree = await orgTree(db);
  const installation = (await db.query<{ default_unit: string }>('SELECT default_unit FROM installation')).rows[0];
  const counter = installation ? tree.units.get(installation.default_unit) : undefined;
  const unit = counter ? (tree.byKind(version.definition.competentUnitKind, counter.adminUnitCode) ?? counter) : undefined;
  if (!unit) throw new AppError('UNIT_NOT_CONFIGURED', 'Chưa cấu hình đơn vị tiếp nhận mặc định của hệ thống.', 409);
  const parent = unit.parentId ? tree.units.get(unit.parentId) : undefined;
  const idNumber = demoPerson(version.definition.name);
  const population = new StandinPopulationAdapter(db);
  const person = await population.findByIdNumber(idNumber, { actorKind: 'system', actorId: 'specimen', purpose: `specimen:${procedureCode}` });
  const claims = person ? { HoVaTen: person.hoTen, SoDinhDanh: person.soDinhDanh, NgayThangNamSinh: person.ngaySinh.replace(/-/g, '') } : {};
  const values = kase.form
    ? (await prefill({ population, config }, kase.form, idNumber, { actorKind: 'system', actorId: 'specimen', purpose: `specimen:${procedureCode}` }, claims))
        .values
    : {};
  const { place, province } = await placeName(db, unit.adminUnitCode);
  const data: ResultData = {
    template: kase.result.template ?? 'generic',
    resultCode: kase.result.code,
    title: kase.result.name,
    number: `0/${localYear(at)}/MAU`,
    issuedAt: at,
    place,
    agency: { name: unit.name, ...(parent ? { parentName: parent.name } : {}), ...(unit.agencyCode ? { code: unit.agencyCode } : {}) },
    signer: { name: 'Người ký mẫu', title: 'Lãnh đạo' },
    owner: { name: person?.hoTen ?? 'Người nhận mẫu', idNumber },
    dossier: { code: `${unit.agencyCode ?? 'MAU'}-000000-0000`, procedureCode: version.code, procedureName: version.definition.name },
    values,
    places: await placeNames(db, placeCodes(values)),
    ...formLabels(kase.form),
    validFrom: localDay(at),
    ...(kase.result.scope ? { scope: kase.result.scope } : {}),
    verifyUrl: `${config.publicUrl}/verify/${crypto.randomUUID()}`,
    specimen: true,
  };
  const original = { bytes: await sampleOriginal(), mime: 'application/pdf' as const };
  const pdf =
    kase.result.template === 'ban-sao-dien-tu'
      ? await renderCertifiedCopy(original, { ...data, pages: await countSourcePages(original) }, { keepBlanks: true })
      : await renderResultPdf(data, { keepBlanks: true });
  const { signer, commonName } = await createSignerProvider(config, db).forUnit({ id: unit.id, name: unit.name, locality: place, province });
  return signPdf(pdf, signer, {
    reason: `Bản mẫu ${kase.result.name} (không có giá trị pháp lý)`,
    location: [place, province].filter(Boolean).join(', '),
    name: commonName,
    signingTime: at,
  });
}
