/**
 * The shorter time limit of online dossiers (issue 16 item 6; rules in src/core/deadlines/online-time-limit.ts): the
 * demo catalogue's Đăng ký tạm trú (1.004199, 3 working days) has 2 working days for online dossiers. An online
 * dossier accepted at 09:00 is due at 17:30 two working days later, a walk-in dossier received at the same time three;
 * the acceptance's log entry names the rule, and the procedure's public page carries it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcedureDefinition } from '../../../core/catalogue/schema.ts';
import { DEMO_ELDER_ID } from '../../standins/population/demo-residents.ts';
import { DEMO_MOTHER_ID, PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient, testDatabaseKind } from '../../testing/harness.ts';

const TAM_TRU = '1.004199';

describe(`shorter time limit for online dossiers on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  beforeAll(async () => {
    b = await startBackOffice();
  }, 120_000);
  afterAll(async () => b?.close());

  it('counts an online dossier under the online time limit and a counter dossier under the case’s own', async () => {
    b.at('09:00');
    // Online: the citizen (signed in with the e-ID, whose claims carry her date of birth) submits; the counter accepts at 09:00.
    const citizenId = crypto.randomUUID();
    await b.t.ctx.db.query(
      "INSERT INTO citizens (id, id_number, full_name, birth_date, issuer, sub, claims) VALUES ($1::uuid, $2, 'Trần Thị Mai', '1995-04-12', 'test', $1::text, $3)",
      [citizenId, DEMO_MOTHER_ID, JSON.stringify({ HoVaTen: 'Trần Thị Mai', SoDinhDanh: DEMO_MOTHER_ID, NgayThangNamSinh: '19950412' })],
    );
    const citizen = new TestClient(b.t.app);
    await citizen.loginAs(b.t.ctx.db, 'citizen', { citizenId, idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai', loginAt: new Date().toISOString() });
    const draft = (await citizen.post('/api/drafts', { procedureCode: TAM_TRU, caseCode: 'mac-dinh' })).json();
    const upload = (await citizen.upload('/api/uploads', 'cho-o-hop-phap.pdf', 'application/pdf', PDF_BYTES)).json();
    const saved = await citizen.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, noiTamTru: draft.values.noiCuTru, thoiHanDen: '2028-12-31' },
      documents: [{ requirementCode: 'CMCO', uploadId: upload.id }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await citizen.post('/api/dossiers', { draftId: saved.json().id, idempotencyKey: crypto.randomUUID() });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const online = submitted.json() as { id: string };
    const counter = await b.staff('tiepnhan.phurieng');
    const accepted = await counter.post(`/api/staff/dossiers/${online.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(new Date(accepted.json().dueAt).getTime()).toBe(b.instant('17:30', 2).getTime());
    const detail = (await counter.get(`/api/staff/dossiers/${online.id}`)).json();
    expect(detail.channel).toBe(2);
    expect(detail.log.find((e: { action: string }) => e.action === 'received').data.timeLimit).toMatchObject({
      amount: 2,
      unit: 'working_days',
      online: { normalAmount: 3, effectiveFrom: '2025-07-01' },
    });

    // At the counter (channel 1), received at the same minute: the case's 3 working days.
    const check = (await counter.post('/api/staff/intake/identity-check', { idNumber: DEMO_ELDER_ID })).json();
    const prefill = await counter.post('/api/staff/intake/prefill', {
      procedureCode: TAM_TRU,
      caseCode: 'mac-dinh',
      idNumber: DEMO_ELDER_ID,
      checkToken: check.checkToken,
    });
    expect(prefill.statusCode, prefill.body).toBe(200);
    const scan = (await counter.upload('/api/uploads', 'cho-o.pdf', 'application/pdf', PDF_BYTES)).json().id as string;
    const walkIn = await counter.post('/api/staff/intake', {
      idempotencyKey: 'online-time-limit-counter-1',
      channel: 1,
      procedureCode: TAM_TRU,
      procedureVersion: prefill.json().procedureVersion,
      caseCode: 'mac-dinh',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: check.checkToken },
      contact: { phone: '0912345678' },
      values: { ...prefill.json().values, noiTamTru: prefill.json().values.noiCuTru, thoiHanDen: '2028-12-31' },
      seal: prefill.json().seal,
      resultDelivery: 'counter',
      documents: [{ requirementCode: 'CMCO', uploadId: scan }],
    });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const paper = (await counter.get(`/api/staff/dossiers/${walkIn.json().id}`)).json();
    expect(paper.channel).toBe(1);
    expect(new Date(paper.dueAt).getTime()).toBe(b.instant('17:30', 3).getTime());
    expect(paper.log.find((e: { action: string }) => e.action === 'received').data.timeLimit).toBeUndefined();
  });

  it('publishes the online time limit with the procedure, and refuses at import one that is not shorter', async () => {
    const page = await b.citizen.get(`/api/procedures/${TAM_TRU}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().definition.cases[0].onlineTimeLimits).toEqual([expect.objectContaining({ amount: 2, effectiveFrom: '2025-07-01' })]);
    const file = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../../data/catalogue/procedures/${TAM_TRU}.json`), 'utf8'));
    expect(ProcedureDefinition.safeParse(file).success).toBe(true);
    file.cases[0].onlineTimeLimits[0].amount = 3;
    const bad = ProcedureDefinition.safeParse(file);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toContain('Thời hạn giải quyết khi nộp trực tuyến (3) phải ngắn hơn thời hạn của trường hợp (3).');
  });
});
