/**
 * Electronic results end to end on the real app: signed at the leader's approval with the issuing unit's
 * certificate (pdfsig reports the signature valid; one changed byte makes both pdfsig and the verification API
 * report it invalid), published by the clerk into the owner's store, verifiable through its QR code, reused by a
 * later dossier; the certified electronic copy from the original; who may reach whose documents.
 */
import crypto from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQrPayload } from '../../../core/documents/qr-payload.ts';
import { DEMO_ELDER_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { testDatabaseKind, TestClient } from '../../testing/harness.ts';
import { decodeQrFromPdf, tinyPdf } from '../../testing/pdf.ts';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-results-'));
function pdfsig(bytes: Buffer, name: string): string {
  if (spawnSync('pdfsig', ['-v']).error) throw new Error('pdfsig is missing: install poppler-utils (apt-get install -y poppler-utils)');
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe(`electronic results and the personal store on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let birth: { id: string; code: string };
  let resultPdf: Buffer;
  let resultId: string;

  const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) => {
    const r = await (await b.staff(user)).post(`/api/staff/dossiers/${id}/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    return r.json();
  };
  const assignee = async (id: string) => {
    const d = (await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers/${id}`)).json();
    const t = d.tasks.find((x: { current: boolean }) => x.current);
    return (
      { 'Nguyễn Thị Thu Trang': 'chuyenvien.vhxh', 'Nguyễn Văn An': 'chuyenvien2.vhxh', 'Trần Minh Đức': 'chuyenvien.vanphong' } as Record<string, string>
    )[t.assigneeName];
  };

  beforeAll(async () => {
    b = await startBackOffice();
    b.at('08:00');
    birth = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', birth.id, 'accept');
    b.at('09:00');
    await act(await assignee(birth.id), birth.id, 'forward');
  });
  afterAll(async () => b?.close());

  it("signs the result at the leader's approval and publishes it into the owner's store at issue", async () => {
    b.at('10:00');
    const approved = await act('lanhdao.phurieng', birth.id, 'forward');
    expect(approved.status).toBe(4);
    let staffView = (await (await b.staff('vanthu.phurieng')).get(`/api/staff/dossiers/${birth.id}`)).json();
    expect(staffView.result).toMatchObject({
      status: 'valid',
      signerName: 'Võ Minh Tâm',
      publishedAt: null,
      number: expect.stringMatching(/^\d+\/\d{4}\/HT-KS$/),
    });
    resultId = staffView.result.id;
    expect((await b.t.app.inject({ method: 'GET', url: `/api/public/results/${resultId}` })).json().state).toBe('not_issued');
    expect((await b.citizen.get('/api/my/store')).json().items.map((x: { kind: string }) => x.kind)).not.toContain('result');

    b.at('10:30');
    await act('vanthu.phurieng', birth.id, 'issue-result');
    staffView = (await (await b.staff('vanthu.phurieng')).get(`/api/staff/dossiers/${birth.id}`)).json();
    expect(staffView.result.publishedAt).toBeTruthy();
    const store = (await b.citizen.get('/api/my/store')).json().items as {
      id: string;
      kind: string;
      documentType: string;
      resultCode: string;
      resultId: string;
      title: string;
    }[];
    const extract = store.find((x) => x.kind === 'result');
    expect(extract).toMatchObject({ documentType: 'giay-khai-sinh', resultCode: 'KQ.HT.KS', resultId });
    // The accepted component (the birth certificate uploaded online) is in the store too.
    expect(store.some((x) => x.kind === 'digitised' && x.documentType === 'giay-chung-sinh')).toBe(true);
    const mine = (await b.citizen.get(`/api/my/dossiers/${birth.id}`)).json();
    expect(mine.result).toMatchObject({ id: resultId, verifyPath: `/verify/${resultId}` });
  });

  it('is a PDF whose PAdES signature pdfsig reports valid, with its QR code pointing at the verification', async () => {
    const res = await b.citizen.get(`/api/my/dossiers/${birth.id}/result.pdf`);
    expect(res.statusCode).toBe(200);
    resultPdf = res.rawPayload;
    const out = pdfsig(resultPdf, 'result.pdf');
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Ủy ban nhân dân xã Phú Riềng');
    const file = path.join(dir, 'result.pdf');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('TRẦN THỊ MAI');
    expect(text).toContain('NGUYỄN MINH KHANG');
    // The parents' coded addresses print with the names issuing loaded from the administrative units.
    expect(text).toMatch(/Nơi cư trú: [^:]*, Xã Phú Riềng, Tỉnh Đồng Nai/);
    const qr = decodeQrPayload(decodeQrFromPdf(file) ?? '');
    expect(qr).toMatchObject({
      maHoSo: birth.code,
      maTTHC: '1.001193',
      maDinhDanh: DEMO_MOTHER_ID,
      hieuLuc: expect.any(String),
      url: `${b.t.config.publicUrl}/verify/${resultId}`,
    });
    const pub = (await b.t.app.inject({ method: 'GET', url: new URL(qr.url).pathname.replace('/verify/', '/api/public/results/') })).json();
    expect(pub).toMatchObject({ state: 'valid', number: expect.any(String), issuingUnit: 'Ủy ban nhân dân xã Phú Riềng', owner: { idNumber: '********2346' } });
    // The extract is about the child, requested by the mother: the verification names each as what they are.
    expect(pub.subject).toMatchObject({ label: 'Người được đăng ký khai sinh' });
    expect(pub.subject.name).toMatch(/^N/);
    expect(pub.subject.name).not.toBe(pub.owner.name);
    expect(pub.owner.name).toMatch(/^T/);
  });

  it('verifies an uploaded file: the original is valid; one changed byte makes pdfsig and the API report it invalid', async () => {
    const anyone = new TestClient(b.t.app);
    const ok = (await anyone.upload('/api/public/verify', 'ket-qua.pdf', 'application/pdf', resultPdf)).json();
    expect(ok).toMatchObject({ verdict: 'valid', signatureValid: true, registered: { id: resultId } });
    const tampered = Buffer.from(resultPdf);
    const at = tampered.indexOf('stream') + 40;
    tampered[at] ^= 0x01;
    expect(pdfsig(tampered, 'tampered.pdf')).not.toContain('Signature is Valid');
    const bad = (await anyone.upload('/api/public/verify', 'ket-qua.pdf', 'application/pdf', tampered)).json();
    expect(bad).toMatchObject({ verdict: 'signature_invalid', signatureValid: false, registered: null });
    expect((await anyone.upload('/api/public/verify', 'x.png', 'image/png', Buffer.from('not a pdf'))).statusCode).toBe(415);
  });

  it('a second dossier takes the extract from the store; the component is marked reused and taken from the store', async () => {
    const child = (await b.t.ctx.population.childrenOf(DEMO_MOTHER_ID, { actorKind: 'system', actorId: 'test', purpose: 'test' }))[0];
    const extract = (await b.citizen.get('/api/my/store')).json().items.find((x: { kind: string }) => x.kind === 'result');
    const draft = (await b.citizen.post('/api/drafts', { procedureCode: '1.004194', caseCode: 'con-duoi-6' })).json();
    const values = {
      ...draft.values,
      hoTenNguoiNop: 'Trần Thị Mai',
      soDinhDanhNguoiNop: DEMO_MOTHER_ID,
      ngaySinhNguoiNop: '1995-08-20',
      hoTenTre: child.hoTen,
      soDinhDanhTre: child.soDinhDanh,
    };
    const saved = (
      await b.citizen.put(`/api/drafts/${draft.id}`, { revision: draft.revision, values, documents: [{ requirementCode: 'GKS', storeDocumentId: extract.id }] })
    ).json();
    const res = await b.citizen.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    const staffView = (await (await b.staff('tiepnhan.phurieng')).get(`/api/staff/dossiers/${res.json().id}`)).json();
    expect(staffView.documents).toMatchObject([{ requirementCode: 'GKS', source: 'store', reused: true, fromStore: true }]);
    // The file is the signed extract itself.
    const file = await (await b.staff('tiepnhan.phurieng')).get(`/api/staff/dossiers/${res.json().id}/documents/${staffView.documents[0].id}`);
    expect(crypto.createHash('sha256').update(file.rawPayload).digest('hex')).toBe(crypto.createHash('sha256').update(resultPdf).digest('hex'));
  });

  it("keeps one citizen out of another's store: no listing, no download, no reuse; an expired share link is refused", async () => {
    const extract = (await b.citizen.get('/api/my/store')).json().items.find((x: { kind: string }) => x.kind === 'result');
    const other = new TestClient(b.t.app);
    await other.loginAs(b.t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_ELDER_ID,
      fullName: 'Hoàng Văn Tư',
      loginAt: new Date().toISOString(),
    });
    expect((await other.get('/api/my/store')).json().items.map((x: { id: string }) => x.id)).not.toContain(extract.id);
    expect((await other.get(`/api/my/store/${extract.id}/file`)).statusCode).toBe(404);
    expect((await other.post(`/api/my/store/${extract.id}/shares`, { hours: 1 })).statusCode).toBe(404);
    expect((await other.get(`/api/my/dossiers/${birth.id}/result.pdf`)).statusCode).toBe(404);
    const draft = (await other.post('/api/drafts', { procedureCode: '1.004194', caseCode: 'con-duoi-6' })).json();
    const saved = (
      await other.put(`/api/drafts/${draft.id}`, {
        revision: draft.revision,
        values: { ...draft.values, hoTenTre: 'X', soDinhDanhTre: '075226012347' },
        documents: [{ requirementCode: 'GKS', storeDocumentId: extract.id }],
      })
    ).json();
    const reuse = await other.post('/api/dossiers', { draftId: saved.id, idempotencyKey: crypto.randomUUID() });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().error.details.errors.map((e: { code: string }) => e.code)).toContain('STORE_DOCUMENT_INVALID');

    b.at('11:00');
    const share = (await b.citizen.post(`/api/my/store/${extract.id}/shares`, { hours: 1 })).json();
    const tokenPath = new URL(share.url).pathname;
    const opened = await new TestClient(b.t.app).get(tokenPath);
    expect(opened.statusCode).toBe(200);
    expect(opened.rawPayload.equals(resultPdf)).toBe(true);
    b.at('13:30');
    const expired = await new TestClient(b.t.app).get(tokenPath);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('SHARE_EXPIRED');
    expect((await new TestClient(b.t.app).get('/api/shared/AAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
  });

  it('cancels a signed result that is sent back before issue; the cancelled result stays visible with its reason', async () => {
    b.at('08:00');
    const d = await b.submitBirthRegistration();
    await act('tiepnhan.phurieng', d.id, 'accept');
    await act(await assignee(d.id), d.id, 'forward');
    await act('lanhdao.phurieng', d.id, 'forward');
    const signed = (await (await b.staff('vanthu.phurieng')).get(`/api/staff/dossiers/${d.id}`)).json().result;
    await act('vanthu.phurieng', d.id, 'send-back', { reason: 'Sai chính tả tên người mẹ trên bản dự thảo' });
    const pub = (await b.t.app.inject({ method: 'GET', url: `/api/public/results/${signed.id}` })).json();
    expect(pub).toMatchObject({ state: 'cancelled', statusReason: expect.stringContaining('Sai chính tả') });
    await act('lanhdao.phurieng', d.id, 'forward');
    const resigned = (await (await b.staff('vanthu.phurieng')).get(`/api/staff/dossiers/${d.id}`)).json().result;
    expect(resigned.id).not.toBe(signed.id);
    expect(resigned.status).toBe('valid');
  });

  it('certifies an electronic copy of an original scanned at the counter; it lands in the store and serves a later dossier', async () => {
    b.at('08:00');
    const counter = await b.staff('tiepnhan.phurieng');
    const check = (await counter.post('/api/staff/intake/identity-check', { idNumber: DEMO_ELDER_ID })).json();
    const prefill = (
      await counter.post('/api/staff/intake/prefill', {
        procedureCode: '2.002233',
        caseCode: 'mac-dinh',
        idNumber: DEMO_ELDER_ID,
        checkToken: check.checkToken,
      })
    ).json();
    const scan = (await counter.upload('/api/uploads', 'hop-dong-thue-nha.pdf', 'application/pdf', tinyPdf('hop dong thue nha'))).json();
    const intake = await counter.post('/api/staff/intake', {
      idempotencyKey: 'certified-copy-0001',
      channel: 1,
      procedureCode: '2.002233',
      procedureVersion: prefill.procedureVersion,
      caseCode: 'mac-dinh',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: check.checkToken },
      seal: prefill.seal,
      resultDelivery: 'online',
      values: { ...prefill.values, loaiGiayTo: 'giay-to-cho-o-hop-phap', tenGiayTo: 'Hợp đồng thuê nhà', soTrang: 1 },
      documents: [{ requirementCode: 'BC', uploadId: scan.id }],
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const id = intake.json().id;
    await act('chuyenvien.vanphong', id, 'forward');
    await act('lanhdao.phurieng', id, 'forward');
    await act('vanthu.phurieng', id, 'issue-result');
    const copyRes = await counter.get(`/api/staff/dossiers/${id}/result.pdf`);
    expect(pdfsig(copyRes.rawPayload, 'copy.pdf')).toContain('Signature is Valid');
    expect(execFileSync('pdftotext', [path.join(dir, 'copy.pdf'), '-'], { encoding: 'utf8' })).toMatch(/Chứng thực bản sao đúng với bản chính/);

    // At the counter again, with the citizen present: their store offers the certified copy for a residence registration.
    const check2 = (await counter.post('/api/staff/intake/identity-check', { idNumber: DEMO_ELDER_ID })).json();
    const store = (await counter.post('/api/staff/intake/store', { idNumber: DEMO_ELDER_ID, checkToken: check2.checkToken })).json().items as {
      id: string;
      kind: string;
      documentType: string;
    }[];
    const copy = store.find((x) => x.kind === 'certified_copy');
    expect(copy?.documentType).toBe('giay-to-cho-o-hop-phap');
    // The scanned original joined the store too, marked as converted from paper.
    expect(store.some((x) => x.kind === 'digitised' && x.documentType === 'ban-chinh-giay-to')).toBe(true);
    const prefill2 = (
      await counter.post('/api/staff/intake/prefill', {
        procedureCode: '1.004194',
        caseCode: 'cho-o-hop-phap',
        idNumber: DEMO_ELDER_ID,
        checkToken: check2.checkToken,
      })
    ).json();
    const address = { province: '75', commune: '25252', detail: 'Số 12, ấp Phú Bình' };
    const second = await counter.post('/api/staff/intake', {
      idempotencyKey: 'reuse-copy-0001',
      channel: 1,
      procedureCode: '1.004194',
      procedureVersion: prefill2.procedureVersion,
      caseCode: 'cho-o-hop-phap',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: check2.checkToken },
      seal: prefill2.seal,
      resultDelivery: 'counter',
      values: { ...prefill2.values, noiThuongTruMoi: prefill2.values.noiCuTru ?? address, quanHeChuHo: 'Chủ hộ' },
      documents: [{ requirementCode: 'CMCO', storeDocumentId: copy!.id }],
    });
    expect(second.statusCode, second.body).toBe(201);
    const view = (await counter.get(`/api/staff/dossiers/${second.json().id}`)).json();
    expect(view.documents).toMatchObject([{ requirementCode: 'CMCO', source: 'store', reused: true, fromStore: true }]);
    // Only the officer who checked this person's identity may open their store.
    expect(
      (await (await b.staff('tiepnhan.xuanthanh')).post('/api/staff/intake/store', { idNumber: DEMO_ELDER_ID, checkToken: check2.checkToken })).statusCode,
    ).toBe(400);
    expect(
      (await (await b.staff('chuyenvien.vhxh')).post('/api/staff/intake/store', { idNumber: DEMO_ELDER_ID, checkToken: check2.checkToken })).statusCode,
    ).toBe(403);
  });
});
