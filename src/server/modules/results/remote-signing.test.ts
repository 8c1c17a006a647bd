/**
 * Remote signing (issue 16 item 7) through the CSC-API stand-in (src/server/standins/csc): a citizen signs the
 * declaration of a certification-of-signature request with an OTP, the declaration PDF carries their PAdES signature
 * and pdfsig reports it valid; a leader's personal signature is added beside the unit's on a result, and pdfsig
 * reports both valid. Access and bad-input tests for the new routes; the stand-in's CSC protocol refusals.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ELDER_ID } from '../../standins/population/demo-residents.ts';
import { DEMO_MOTHER_ID, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { testDatabaseKind, TestClient } from '../../testing/harness.ts';
import { tinyPdf } from '../../testing/pdf.ts';
import { systemNow } from '../../clock.ts';
import { addPersonalSignature, sendPersonalOtp, signPdf } from './index.ts';
import { renderDeclaration } from './declaration.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-remote-sign-'));
function pdfsig(bytes: Buffer, name: string): string {
  if (spawnSync('pdfsig', ['-v']).error) throw new Error('pdfsig is missing: install poppler-utils (apt-get install -y poppler-utils)');
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

describe(`remote signing through the CSC stand-in on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let dossier: { id: string; code: string };
  let birth: { id: string; code: string };
  const otpOf = async (userId: string) =>
    (
      await b.t.ctx.db.query<{ otp: string }>(
        'SELECT o.otp FROM standin_csc_otps o JOIN standin_csc_credentials c USING (credential_id) WHERE c.user_id = $1',
        [userId],
      )
    ).rows[0]?.otp;

  beforeAll(async () => {
    b = await startBackOffice();
    const c = b.citizen;
    const draft = (await c.post('/api/drafts', { procedureCode: '2.000884', caseCode: 'mac-dinh' })).json();
    const upload = (await c.upload('/api/uploads', 'van-ban.pdf', 'application/pdf', tinyPdf('văn bản cần ký'))).json();
    const saved = await c.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, ngaySinhNguoiNop: '1990-05-12', tenVanBan: 'Giấy ủy quyền nhận lương hưu', soBan: 2 },
      documents: [{ requirementCode: 'VB', uploadId: upload.id }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await c.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID() });
    expect(res.statusCode, res.body).toBe(201);
    dossier = res.json();
    birth = await b.submitBirthRegistration();
  }, 600_000);
  afterAll(async () => b?.close());

  it('a citizen signs the declaration with an OTP; the PDF carries their PAdES signature and pdfsig reports it valid', async () => {
    const c = b.citizen;
    // The journey asks whether the declaration needs the applicant's signature and whether it is signed.
    expect((await c.get(`/api/my/dossiers/${dossier.id}/declaration`)).json()).toEqual({ signable: true, signed: null });
    expect((await c.get(`/api/my/dossiers/${birth.id}/declaration`)).json()).toEqual({ signable: false, signed: null });
    const sent = await c.post(`/api/my/dossiers/${dossier.id}/declaration/otp`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ signerName: 'Trần Thị Mai' });
    expect(sent.json().issuer).toContain('MotCua CSC CA');
    // The development route shows the signed-in citizen their own OTP (a real provider texts it).
    const dev = (await c.get('/api/dev/remote-signing/otp')).json();
    const otp = (await otpOf(DEMO_MOTHER_ID))!;
    expect(dev.otp).toBe(otp);
    expect(otp).toMatch(/^\d{6}$/);

    // A wrong OTP: a clear Vietnamese 400, nothing signed.
    const wrong = String((Number(otp) + 1) % 1_000_000).padStart(6, '0');
    const bad = await c.post(`/api/my/dossiers/${dossier.id}/declaration/signature`, { otp: wrong });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.code).toBe('REMOTE_SIGNING_OTP_INVALID');
    expect(bad.json().error.message).toContain('Mã OTP');

    const signed = await c.post(`/api/my/dossiers/${dossier.id}/declaration/signature`, { otp });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ signerName: 'Trần Thị Mai' });
    expect((await c.get(`/api/my/dossiers/${dossier.id}/declaration`)).json()).toEqual({
      signable: true,
      signed: { signerName: 'Trần Thị Mai', signedAt: signed.json().signedAt },
    });

    const pdf = await c.get(`/api/my/dossiers/${dossier.id}/declaration.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const bytes = pdf.rawPayload;
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(signed.json().sha256);
    const out = pdfsig(bytes, 'declaration.pdf');
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Trần Thị Mai');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out.match(/Signature #\d/g)).toHaveLength(1);

    // The OTP was single use; the declaration is signed once.
    const again = await c.post(`/api/my/dossiers/${dossier.id}/declaration/signature`, { otp });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DECLARATION_ALREADY_SIGNED');

    // Officials who may see the dossier get the same file.
    const staff = await (await b.staff('tiepnhan.phurieng')).get(`/api/staff/dossiers/${dossier.id}/declaration.pdf`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(Buffer.compare(staff.rawPayload, bytes)).toBe(0);

    // Tampering is detected.
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('stream') + 20;
    tampered[at] ^= 1;
    expect(pdfsig(tampered, 'tampered.pdf')).not.toContain('Signature is Valid');
  });

  it('the targets page counts the adults of the commune who have signed with a personal certificate (the register, the signing records)', async () => {
    const today = new Date(systemNow().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const leader = await b.staff('lanhdao.phurieng');
    const res = await leader.get(`/api/metrics/targets?unit=25252&from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const figure = (res.json() as { metric: string; value: number; actual: number | null; numerator: number; denominator: number; basis: string }[]).find(
      (x) => x.metric === 'adults_personal_signature_rate',
    );
    // The demo plan's target, in the manner of Kim Long's (over 50% of adults).
    expect(figure).toMatchObject({ value: 50, comparison: 'at_least' });
    expect(figure!.basis).toContain('Kim Long');
    // The register's adults (15+ today) of the commune, counted here independently of the pure rule.
    const adults = (
      await b.t.ctx.db.query<{ n: number }>(
        `SELECT count(DISTINCT m.id_number)::int AS n FROM community_household_members m
           JOIN community_households h ON h.household_no = m.household_no JOIN community_areas a ON a.id = h.area_id
          WHERE a.commune_code = '25252' AND m.birth_date <= ($1::date - interval '15 years')`,
        [today],
      )
    ).rows[0].n;
    expect(adults).toBeGreaterThan(0);
    const mother = await b.t.ctx.db.query('SELECT 1 FROM community_household_members WHERE id_number = $1', [DEMO_MOTHER_ID]);
    expect(mother.rowCount, 'the demo mother is in the commune register').toBe(1);
    // The mother signed her declaration above: one adult of the register has signed.
    expect(figure).toMatchObject({ numerator: 1, denominator: adults });
    expect(figure!.actual).toBeCloseTo((100 * 1) / adults, 2);
  });

  it("adds the leader's personal signature beside the unit's on a result: pdfsig reports two valid signatures", async () => {
    const ctx = b.t.ctx;
    const unit = await ctx.signers.forUnit({ id: 'ubnd-phurieng-test', name: 'Ủy ban nhân dân xã Phú Riềng', province: 'Đồng Nai' });
    const result = await signPdf(
      await renderDeclaration({
        id: birth.id,
        code: birth.code,
        procedure_code: '1.001193',
        procedure_name: 'Đăng ký khai sinh',
        applicant_name: 'Trần Thị Mai',
        applicant_id_number: null,
        form_values: { hoTenTre: 'Nguyễn Minh Khang' },
        submitted_at: systemNow(),
      }),
      unit.signer,
      { reason: 'Ký số kết quả', location: 'Xã Phú Riềng, tỉnh Đồng Nai', name: unit.commonName },
    );
    const leader = { userId: 'official:lanhdao.phurieng', name: 'Lãnh đạo xã Phú Riềng' };
    await sendPersonalOtp(ctx, leader.userId);
    const both = await addPersonalSignature(ctx, result, leader, (await otpOf(leader.userId))!, {
      reason: 'Lãnh đạo ký số kết quả',
      location: 'Xã Phú Riềng, tỉnh Đồng Nai',
    });
    // The unit's signed bytes are untouched: the leader's signature is an incremental update after them.
    expect(Buffer.compare(both.subarray(0, result.length), result)).toBe(0);
    const out = pdfsig(both, 'two-signatures.pdf');
    expect(out.match(/Signature #\d/g)).toHaveLength(2);
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(out).toContain('Ủy ban nhân dân xã Phú Riềng');
    const leaderName = (await ctx.db.query<{ full_name: string }>("SELECT full_name FROM officials WHERE username = 'lanhdao.phurieng'")).rows[0].full_name;
    expect(out).toContain(leaderName);
    // A wrong OTP signs nothing.
    await sendPersonalOtp(ctx, leader.userId);
    const right = (await otpOf(leader.userId))!;
    const wrongOtp = right === '000000' ? '111111' : '000000';
    await expect(addPersonalSignature(ctx, result, leader, wrongOtp, { reason: 'x', location: 'y' })).rejects.toMatchObject({
      code: 'REMOTE_SIGNING_OTP_INVALID',
    });
  });

  it("the leader's approval: with a configured personal certificate the result carries the leader's signature and the unit's; without, the unit's alone", async () => {
    const act = async (user: string, action: string) => {
      const r = await (await b.staff(user)).post(`/api/staff/dossiers/${birth.id}/${action}`, {});
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    };
    const assignee = async () => {
      const d = (await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers/${birth.id}`)).json();
      const t = d.tasks.find((x: { current: boolean }) => x.current);
      return (
        { 'Nguyễn Thị Thu Trang': 'chuyenvien.vhxh', 'Nguyễn Văn An': 'chuyenvien2.vhxh', 'Trần Minh Đức': 'chuyenvien.vanphong' } as Record<string, string>
      )[t.assigneeName];
    };
    await act('tiepnhan.phurieng', 'accept');
    await act(await assignee(), 'forward');
    const leader = await b.staff('lanhdao.phurieng');
    // Before the approval: the leader's certificate is configured; the code is sent (the stand-in's dev route shows it).
    expect((await leader.get('/api/staff/personal-signing')).json()).toEqual({ configured: true });
    const sent = await leader.post('/api/staff/personal-signing/otp', {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().signerName).toBe('Võ Minh Tâm');
    const otp = (await leader.get('/api/dev/remote-signing/staff-otp')).json().otp as string;
    expect(otp).toBe(await otpOf('official:lanhdao.phurieng'));
    // Nothing to sign yet.
    const early = await leader.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('RESULT_NOT_SIGNABLE');
    await act('lanhdao.phurieng', 'forward'); // Phê duyệt và ký số: the unit's signature, in the transaction
    const unitOnly = (await leader.get(`/api/staff/dossiers/${birth.id}/result.pdf`)).rawPayload;
    expect(pdfsig(unitOnly, 'unit-only.pdf').match(/Signature #\d/g)).toHaveLength(1);
    // Another official (not a leader of the issuing unit) cannot add a signature.
    const other = await (await b.staff('tiepnhan.phurieng')).post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp });
    expect(other.statusCode).toBe(403);
    const added = await leader.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp });
    expect(added.statusCode, added.body).toBe(200);
    const both = (await leader.get(`/api/staff/dossiers/${birth.id}/result.pdf`)).rawPayload;
    expect(crypto.createHash('sha256').update(both).digest('hex')).toBe(added.json().sha256);
    expect(Buffer.compare(both.subarray(0, unitOnly.length), unitOnly)).toBe(0);
    const out = pdfsig(both, 'approved-two-signatures.pdf');
    expect(out.match(/Signature #\d/g)).toHaveLength(2);
    expect(out.match(/Signature is Valid/g)).toHaveLength(2);
    expect(out).toContain('Võ Minh Tâm');
    expect(out).toContain('Ủy ban nhân dân xã Phú Riềng');
    // Once only; the record counts a leader's signature, not a citizen's.
    const again = await leader.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PERSONAL_SIGNATURE_EXISTS');
    const rec = (await b.t.ctx.db.query("SELECT id_number, official_id FROM personal_signatures WHERE kind = 'result' AND dossier_id = $1", [birth.id])).rows;
    expect(rec).toEqual([expect.objectContaining({ id_number: null, official_id: expect.any(String) })]);

    // A leader without a configured certificate: told clearly, the result keeps the unit's signature alone.
    const plain = await b.staff('lanhdao.xuanthanh');
    expect((await plain.get('/api/staff/personal-signing')).json()).toEqual({ configured: false });
    const refused = await plain.post('/api/staff/personal-signing/otp', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'PERSONAL_CREDENTIAL_NOT_CONFIGURED' });
    expect(refused.json().error.message).toContain('chỉ mang chữ ký số của cơ quan');
  });

  it('access: only the owning citizen signs; wrong procedure, another citizen, staff and anonymous are refused', async () => {
    const other = new TestClient(b.t.app);
    await other.loginAs(b.t.ctx.db, 'citizen', {
      citizenId: crypto.randomUUID(),
      idNumber: DEMO_ELDER_ID,
      fullName: 'Người khác',
      loginAt: systemNow().toISOString(),
    });
    for (const url of [`/api/my/dossiers/${dossier.id}/declaration/otp`, `/api/my/dossiers/${birth.id}/declaration/otp`]) {
      const r = await other.post(url, {});
      expect(r.statusCode, url).toBe(404);
    }
    expect((await other.get(`/api/my/dossiers/${dossier.id}/declaration.pdf`)).statusCode).toBe(404);
    expect((await other.get(`/api/my/dossiers/${dossier.id}/declaration`)).statusCode).toBe(404);
    // The owner, a procedure that needs no applicant signature.
    const wrongProcedure = await b.citizen.post(`/api/my/dossiers/${birth.id}/declaration/otp`, {});
    expect(wrongProcedure.statusCode).toBe(409);
    expect(wrongProcedure.json().error.code).toBe('DECLARATION_NOT_SIGNABLE');
    // Staff cannot sign in the citizen's name; an official of another unit cannot read the declaration.
    const staff = await b.staff('tiepnhan.phurieng');
    expect((await staff.post(`/api/my/dossiers/${dossier.id}/declaration/otp`, {})).statusCode).toBe(403);
    expect((await staff.get(`/api/my/dossiers/${dossier.id}/declaration`)).statusCode).toBe(403);
    expect((await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/dossiers/${dossier.id}/declaration.pdf`)).statusCode).toBe(404);
    // Citizens are not staff.
    expect((await b.citizen.get(`/api/staff/dossiers/${dossier.id}/declaration.pdf`)).statusCode).toBe(403);
    // Anonymous.
    const anon = new TestClient(b.t.app);
    expect((await anon.post(`/api/my/dossiers/${dossier.id}/declaration/otp`, {})).statusCode).toBe(401);
    expect((await anon.post(`/api/my/dossiers/${dossier.id}/declaration/signature`, { otp: '123456' })).statusCode).toBe(401);
    expect((await anon.get(`/api/my/dossiers/${dossier.id}/declaration.pdf`)).statusCode).toBe(401);
    expect((await anon.get(`/api/my/dossiers/${dossier.id}/declaration`)).statusCode).toBe(401);
    expect((await anon.get('/api/dev/remote-signing/otp')).statusCode).toBe(401);
    // The leader's personal signature: anonymous, citizens, non-leaders and another unit's officials are refused.
    expect((await anon.get('/api/staff/personal-signing')).statusCode).toBe(401);
    expect((await anon.post('/api/staff/personal-signing/otp', {})).statusCode).toBe(401);
    expect((await anon.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp: '123456' })).statusCode).toBe(401);
    expect((await anon.get('/api/dev/remote-signing/staff-otp')).statusCode).toBe(401);
    expect((await b.citizen.get('/api/staff/personal-signing')).statusCode).toBe(403);
    expect((await b.citizen.post('/api/staff/personal-signing/otp', {})).statusCode).toBe(403);
    expect((await b.citizen.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp: '123456' })).statusCode).toBe(403);
    expect((await b.citizen.get('/api/dev/remote-signing/staff-otp')).statusCode).toBe(403);
    expect((await staff.post('/api/staff/personal-signing/otp', {})).statusCode).toBe(403); // a receiving officer is no leader
    expect((await staff.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp: '123456' })).statusCode).toBe(403);
    const otherUnit = await b.staff('lanhdao.xuanthanh');
    expect((await otherUnit.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, { otp: '123456' })).statusCode).toBe(404);
  });

  it('bad input: wrong types, NUL bytes, huge strings get a Vietnamese 400, never a 500', async () => {
    const c = b.citizen;
    for (const body of [{ otp: 123456 }, { otp: '12345' }, { otp: '12\u00003456' }, { otp: '9'.repeat(100_000) }, { otp: '123456', extra: 1 }, {}]) {
      const r = await c.post(`/api/my/dossiers/${birth.id}/declaration/signature`, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.json().error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữđ]/i);
    }
    const leader = await b.staff('lanhdao.phurieng');
    for (const body of [{ otp: 123456 }, { otp: '12\u00003456' }, { otp: '9'.repeat(100_000) }, { otp: '123456', extra: 1 }, {}]) {
      const r = await leader.post(`/api/staff/dossiers/${birth.id}/result/personal-signature`, body);
      expect(r.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.json().error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêếềệểễôốồộổỗơớờợởỡưứừựửữđ]/i);
    }
    for (const id of ['khong-phai-uuid', 'a'.repeat(5000), '%00']) {
      const r = await leader.post(`/api/staff/dossiers/${encodeURIComponent(id)}/result/personal-signature`, { otp: '123456' });
      expect([404, 414], id.slice(0, 20)).toContain(r.statusCode);
    }
    for (const id of ['khong-phai-uuid', 'a'.repeat(5000), '%00']) {
      const r = await c.post(`/api/my/dossiers/${encodeURIComponent(id)}/declaration/otp`, {});
      expect(r.statusCode, id.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      const status = await c.get(`/api/my/dossiers/${encodeURIComponent(id)}/declaration`);
      expect(status.statusCode, id.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(status.statusCode).toBeLessThan(500);
    }
  });

  it('the stand-in speaks the CSC protocol: bearer token required, SAD bound to its hash and single use', async () => {
    const base = '/standins/csc/csc/v1';
    const api = (method: string, body: unknown, token = 'motcua-dev-csc-token') =>
      b.t.app.inject({
        method: 'POST',
        url: `${base}/${method}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    expect((await api('info', {})).json().methods).toContain('signatures/signHash');
    expect((await api('credentials/list', { userID: DEMO_ELDER_ID }, 'sai')).statusCode).toBe(401);
    const [cred] = (await api('credentials/list', { userID: DEMO_ELDER_ID })).json().credentialIDs;
    expect(cred).toBeTruthy();
    const info = (await api('credentials/info', { credentialID: cred, certificates: 'chain' })).json();
    expect(info.cert.certificates).toHaveLength(2);
    expect(info.authMode).toBe('explicit');
    await api('credentials/sendOTP', { credentialID: cred });
    const otp = await otpOf(DEMO_ELDER_ID);
    const hash = crypto.createHash('sha256').update('một').digest('base64');
    const other = crypto.createHash('sha256').update('hai').digest('base64');
    const { SAD } = (await api('credentials/authorize', { credentialID: cred, numSignatures: 1, hash: [hash], OTP: otp })).json();
    expect(SAD).toBeTruthy();
    // The OTP is spent.
    expect((await api('credentials/authorize', { credentialID: cred, numSignatures: 1, hash: [hash], OTP: otp })).json().error).toBe('invalid_otp');
    const signAlgo = '1.2.840.113549.1.1.11';
    expect((await api('signatures/signHash', { credentialID: cred, SAD, hash: [other], signAlgo })).statusCode).toBe(400);
    // The refused call above consumed the SAD: a SAD is used once.
    expect((await api('signatures/signHash', { credentialID: cred, SAD, hash: [hash], signAlgo })).json().error).toBe('invalid_request');
    // The signature verifies with the certificate's public key.
    await api('credentials/sendOTP', { credentialID: cred });
    const { SAD: sad3 } = (await api('credentials/authorize', { credentialID: cred, numSignatures: 1, hash: [hash], OTP: await otpOf(DEMO_ELDER_ID) })).json();
    const [sig] = (await api('signatures/signHash', { credentialID: cred, SAD: sad3, hash: [hash], signAlgo })).json().signatures;
    const cert = new crypto.X509Certificate(Buffer.from(info.cert.certificates[0], 'base64'));
    expect(crypto.verify('sha256', Buffer.from('một'), cert.publicKey, Buffer.from(sig, 'base64'))).toBe(true);
    // Malformed CSC requests are CSC errors, not 500s.
    for (const body of [{}, { credentialID: 5 }, { credentialID: cred, hash: 'x', numSignatures: 1, OTP: '1' }, { credentialID: 'x'.repeat(100_000) }]) {
      const r = await api('credentials/authorize', body);
      expect(r.statusCode).toBe(400);
    }
  });
});
