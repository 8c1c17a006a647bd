/**
 * Specimens for administrators checking a result template (`npm run motcua -- specimen --procedure <code>`): the
 * procedure's result rendered exactly as a real one — its template, the e-form answers of a demo resident filled
 * from the population database, a number, the QR code — marked as a specimen on every page, and signed like a real
 * one with the issuing unit's certificate. Nothing is recorded: a specimen is not a result.
 */
import crypto from 'node:crypto';
import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { countSourcePages, formLabels, renderCertifiedCopy, renderResultPdf, type ResultData } from '../../results/index.ts';
import { AppError } from '../../http/errors.ts';
import { StandinPopulationAdapter } from '../../standins/population/adapter.ts';
import { DEMO_BRIDE_ID, DEMO_ELDER_ID, DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { DocumentWriter, PAGE_A4 } from '../../pdf/document.ts';
import { catalogueCache } from '../catalogue/service.ts';
import { prefillForPerson } from '../dossiers/submission-checks.ts';
import { signPdf } from '../signing/pades.ts';
import { orgTree } from '../workflow/org.ts';
import { placeName } from './issue.ts';
import { createSignerProvider } from './signers.ts';

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

export async function renderSpecimen(db: Database, config: AppConfig, procedureCode: string, at = new Date()): Promise<Uint8Array> {
  const version = await catalogueCache(db).get(procedureCode);
  const kase = version.definition.cases[0];
  const tree = await orgTree(db);
  const installation = (await db.query<{ default_unit: string }>('SELECT default_unit FROM installation')).rows[0];
  const counter = installation ? tree.units.get(installation.default_unit) : undefined;
  const unit = counter ? tree.byKind(version.definition.competentUnitKind, counter.adminUnitCode) ?? counter : undefined;
  if (!unit) throw new AppError('UNIT_NOT_CONFIGURED', 'Chưa cấu hình đơn vị tiếp nhận mặc định của hệ thống.', 409);
  const parent = unit.parentId ? tree.units.get(unit.parentId) : undefined;
  const idNumber = demoPerson(version.definition.name);
  const population = new StandinPopulationAdapter(db);
  const person = await population.findByIdNumber(idNumber, { actorKind: 'system', actorId: 'specimen', purpose: `specimen:${procedureCode}` });
  const claims = person ? { HoVaTen: person.hoTen, SoDinhDanh: person.soDinhDanh, NgayThangNamSinh: person.ngaySinh.replace(/-/g, '') } : {};
  const values = kase.form
    ? (await prefillForPerson({ population, config }, kase.form, idNumber, { actorKind: 'system', actorId: 'specimen', purpose: `specimen:${procedureCode}` }, claims)).values
    : {};
  const { place, province } = await placeName(db, unit.adminUnitCode);
  const data: ResultData = {
    template: kase.result.template ?? 'generic',
    resultCode: kase.result.code,
    title: kase.result.name,
    number: `0/${at.getUTCFullYear()}/MAU`,
    issuedAt: at,
    place,
    agency: { name: unit.name, ...(parent ? { parentName: parent.name } : {}), ...(unit.agencyCode ? { code: unit.agencyCode } : {}) },
    signer: { name: 'Người ký mẫu', title: 'Lãnh đạo' },
    owner: { name: person?.hoTen ?? 'Người nhận mẫu', idNumber },
    dossier: { code: `${unit.agencyCode ?? 'MAU'}-000000-0000`, procedureCode: version.code, procedureName: version.definition.name },
    values,
    ...formLabels(kase.form),
    validFrom: new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10),
    ...(kase.result.scope ? { scope: kase.result.scope } : {}),
    verifyUrl: `${config.publicUrl}/verify/${crypto.randomUUID()}`,
    specimen: true,
  };
  const original = { bytes: await sampleOriginal(), mime: 'application/pdf' as const };
  const pdf = kase.result.template === 'ban-sao-dien-tu' ? await renderCertifiedCopy(original, { ...data, pages: await countSourcePages(original) }) : await renderResultPdf(data);
  const { signer, commonName } = await createSignerProvider(config, db).forUnit({ id: unit.id, name: unit.name, locality: place, province });
  return signPdf(pdf, signer, { reason: `Bản mẫu ${kase.result.name} (không có giá trị pháp lý)`, location: [place, province].filter(Boolean).join(', '), name: commonName, signingTime: at });
}
