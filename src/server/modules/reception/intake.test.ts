import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind, type TestClient } from '../../testing/harness.ts';
import { DEMO_ELDER_ID, DEMO_XUANTHANH_ID } from '../../standins/population/demo-residents.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';

describe(`counter and postal intake on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let counter: TestClient;
  beforeAll(async () => {
    b = await startBackOffice();
    counter = await b.staff('tiepnhan.phurieng');
  });
  afterAll(async () => b?.close());

  const scan = async (name: string) => (await counter.upload('/api/uploads', name, 'application/pdf', PDF_BYTES)).json().id as string;
  async function prepare(idNumber: string, procedureCode: string, caseCode: string) {
    const check = await counter.post('/api/staff/intake/identity-check', { idNumber });
    expect(check.statusCode, check.body).toBe(200);
    const prefill = await counter.post('/api/staff/intake/prefill', { procedureCode, caseCode, idNumber, checkToken: check.json().checkToken });
    expect(prefill.statusCode, prefill.body).toBe(200);
    return { check: check.json(), prefill: prefill.json() };
  }

  it('checks identity against the population database (logged), prefills the e-form, takes scans and receives the walk-in dossier', async () => {
    b.at('09:00');
    const { check, prefill } = await prepare(DEMO_ELDER_ID, '2.000907', 'giay');
    expect(check.person).toMatchObject({ idNumber: DEMO_ELDER_ID, fullName: 'Hoàng Văn Tư' });
    const logged = await b.t.ctx.db.query("SELECT 1 FROM population_lookups WHERE purpose = 'counter-identity-check' AND subject_id_number = $1", [
      DEMO_ELDER_ID,
    ]);
    expect(logged.rows.length).toBeGreaterThan(0);
    expect(prefill.values).toMatchObject({ hoTenNguoiNop: 'Hoàng Văn Tư', soDinhDanhNguoiNop: DEMO_ELDER_ID });

    const values = { ...prefill.values, tenGiayTo: 'Sổ hộ khẩu', soTrang: 4, soBan: 2 };
    const base = {
      idempotencyKey: 'counter-intake-0001',
      channel: 1,
      procedureCode: '2.000907',
      procedureVersion: prefill.procedureVersion,
      caseCode: 'giay',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: check.checkToken },
      contact: { phone: '0912345678' },
      values,
      seal: prefill.seal,
      resultDelivery: 'counter',
    };
    const bc = await scan('ban-chinh.pdf');
    const missing = await counter.post('/api/staff/intake', { ...base, documents: [{ requirementCode: 'BC', uploadId: bc }] });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.errors.map((e: { code: string }) => e.code)).toContain('DOCUMENT_MISSING');

    const bs = await scan('ban-sao.pdf');
    const body = {
      ...base,
      documents: [
        { requirementCode: 'BC', uploadId: bc },
        { requirementCode: 'BS', uploadId: bs },
      ],
    };
    const res = await counter.post('/api/staff/intake', body);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({ status: 2, created: true, task: { unitId: 'dni.phurieng.vanphong' } });
    expect(d.code).toMatch(/^000\.01\.52\.H19-\d{6}-\d{4}$/);
    // A retried request (lost answer, double click) returns the same dossier.
    const again = await counter.post('/api/staff/intake', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: d.id, code: d.code, created: false });

    const detail = (await counter.get(`/api/staff/dossiers/${d.id}`)).json();
    expect(detail).toMatchObject({
      channel: 1,
      status: { code: 2 },
      intake: { identityCheck: { idNumber: DEMO_ELDER_ID, matched: true } },
      flags: { populationDbUsed: true },
    });
    expect(detail.documents.map((x: { source: string; digitised: boolean }) => [x.source, x.digitised])).toEqual([
      ['scan', true],
      ['scan', true],
    ]);
    expect(detail.feeTotal).toBe(2 * (2000 + 2000 + 1000 + 1000));
    expect(detail.log[0]).toMatchObject({
      action: 'submitted',
      actorName: 'Lê Thị Hoa',
      data: { channel: 1, conversion: { fromPaper: true, by: 'Lê Thị Hoa' } },
    });
    expect((await counter.get(`/api/staff/dossiers/${d.id}/mau-01.pdf`)).statusCode).toBe(200);
  });

  it('receives by post with the waybill number (channel 3)', async () => {
    b.at('09:30');
    const { check, prefill } = await prepare(DEMO_ELDER_ID, '2.000908', 'mac-dinh');
    const body = {
      idempotencyKey: 'postal-intake-0001',
      channel: 3,
      procedureCode: '2.000908',
      procedureVersion: prefill.procedureVersion,
      caseCode: 'mac-dinh',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: check.checkToken },
      values: { ...prefill.values, tenGiayTo: 'Giấy khai sinh', soBan: 1 },
      seal: prefill.seal,
      documents: [],
      resultDelivery: 'post',
    };
    const noWaybill = await counter.post('/api/staff/intake', body);
    expect(noWaybill.json().error.code).toBe('WAYBILL_REQUIRED');
    const res = await counter.post('/api/staff/intake', { ...body, waybill: 'EE123456789VN' });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await counter.get(`/api/staff/dossiers/${res.json().id}`)).json();
    expect(detail).toMatchObject({ channel: 3, resultDelivery: 'post', intake: { waybill: 'EE123456789VN' } });
  });

  it('routes a resident of another commune to the competent agency of their commune (reception is province-wide)', async () => {
    b.at('10:00');
    const { check, prefill } = await prepare(DEMO_XUANTHANH_ID, '1.004873', 'mac-dinh');
    const res = await counter.post('/api/staff/intake', {
      idempotencyKey: 'cross-commune-0001',
      channel: 1,
      procedureCode: '1.004873',
      procedureVersion: prefill.procedureVersion,
      caseCode: 'mac-dinh',
      identity: { idNumber: DEMO_XUANTHANH_ID, checkToken: check.checkToken },
      values: { ...prefill.values, mucDichSuDung: 'Đăng ký kết hôn' },
      seal: prefill.seal,
      documents: [],
      resultDelivery: 'counter',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().task).toMatchObject({ unitId: 'dni.xuanthanh.vhxh', assigneeName: 'Mai Văn Phúc' });
    const detail = (await counter.get(`/api/staff/dossiers/${res.json().id}`)).json();
    expect(detail.competentUnit.id).toBe('dni.xuanthanh.ubnd');
    const inbox = (await (await b.staff('chuyenvien.xuanthanh')).get('/api/staff/inbox')).json();
    expect(inbox.items.map((x: { dossierId: string }) => x.dossierId)).toContain(res.json().id);
  });

  it('refuses an intake whose identity was not checked by this officer', async () => {
    const { prefill } = await prepare(DEMO_ELDER_ID, '2.000908', 'mac-dinh');
    const forged = await counter.post('/api/staff/intake', {
      idempotencyKey: 'forged-check-0001',
      channel: 1,
      procedureCode: '2.000908',
      procedureVersion: prefill.procedureVersion,
      caseCode: 'mac-dinh',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: `${Date.now()}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` },
      values: prefill.values,
      seal: prefill.seal,
      documents: [],
      resultDelivery: 'counter',
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('IDENTITY_CHECK_REQUIRED');
    // A changed value that came from the population database is refused, and the message says where it came from.
    const { check } = await prepare(DEMO_ELDER_ID, '2.000908', 'mac-dinh');
    const tampered = await counter.post('/api/staff/intake', {
      idempotencyKey: 'tampered-0001',
      channel: 1,
      procedureCode: '2.000908',
      procedureVersion: prefill.procedureVersion,
      caseCode: 'mac-dinh',
      identity: { idNumber: DEMO_ELDER_ID, checkToken: check.checkToken },
      values: { ...prefill.values, hoTenNguoiNop: 'Người Khác', tenGiayTo: 'Giấy khai sinh', soBan: 1 },
      seal: prefill.seal,
      documents: [],
      resultDelivery: 'counter',
    });
    expect(tampered.statusCode).toBe(422);
    const messages = tampered
      .json()
      .error.details.errors.map((e: { message: string }) => e.message)
      .join(' ');
    expect(messages).toContain('Cơ sở dữ liệu quốc gia về dân cư');
    expect(messages).not.toContain('VNeID');
    const unknown = await counter.post('/api/staff/intake/identity-check', { idNumber: '079999999999' });
    expect(unknown.statusCode).toBe(404);
  });
});
