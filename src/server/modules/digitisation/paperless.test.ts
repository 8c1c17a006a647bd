/**
 * Paperless days and online-only procedures (issue 16 item 6) and the digitisation guard's report (item 3), through
 * the API on the real database: a configured paperless Thursday refuses paper intake at the counter with a Vietnamese
 * message and offers assisted online submission (the citizen's dossier, channel 2); an exception with a reason is
 * accepted and appears in the day's report; Friday accepts paper. Access and bad-input tests of the new routes.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso, isWorkingDay } from '../../../core/calendar/holidays.ts';
import { fromLocal } from '../../../core/deadlines/deadlines.ts';
import { isoWeekday } from '../../../core/digitisation/paperless.ts';
import { setClockTo } from '../../clock.ts';
import { DEMO_ELDER_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient, testDatabaseKind } from '../../testing/harness.ts';
import { loadCalendar } from '../reference/index.ts';

const COUNTER = 'dni.phurieng.ttpvhcc';
const BASIS = 'Công văn 9321/UBND-VP ngày 08/7/2024 của UBND tỉnh';

describe(`paperless days, online-only procedures and the digitisation report on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let counter: TestClient;
  let admin: TestClient;
  let thursday: string;
  let friday: string;
  const anonymous = () => new TestClient(b.t.app);

  beforeAll(async () => {
    b = await startBackOffice();
    counter = await b.staff('tiepnhan.phurieng');
    admin = await b.staff('quantri.phurieng');
    // A Thursday and the Friday after it, both working days, ahead of the back office's day.
    const cal = await loadCalendar(b.t.ctx.db);
    thursday = b.day;
    while (!(isoWeekday(thursday) === 4 && isWorkingDay(thursday, cal.days) && isWorkingDay(addDaysIso(thursday, 1), cal.days)))
      thursday = addDaysIso(thursday, 1);
    friday = addDaysIso(thursday, 1);
    // The citizen of the assisted online submission has an account (first e-ID login done earlier).
    await b.t.ctx.db.query(
      `INSERT INTO citizens (id_number, full_name, issuer, sub, claims) VALUES ($1, 'Trần Thị Mai', 'https://vneid.test', $2, '{}') ON CONFLICT (id_number) DO NOTHING`,
      [DEMO_MOTHER_ID, crypto.randomUUID()],
    );
  });
  afterAll(async () => b?.close());

  const on = (day: string, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    setClockTo(fromLocal(day, h * 60 + m), { frozen: true });
  };
  const scan = async (name: string) => (await counter.upload('/api/uploads', name, 'application/pdf', PDF_BYTES)).json().id as string;

  /** A complete counter intake of "chứng thực bản sao từ bản chính" (2.000907) for the person. */
  async function intakeBody(idNumber: string) {
    const check = (await counter.post('/api/staff/intake/identity-check', { idNumber })).json();
    const prefill = await counter.post('/api/staff/intake/prefill', { procedureCode: '2.000907', caseCode: 'giay', idNumber, checkToken: check.checkToken });
    expect(prefill.statusCode, prefill.body).toBe(200);
    const p = prefill.json();
    return {
      idempotencyKey: `paperless-${crypto.randomUUID()}`,
      channel: 1,
      procedureCode: '2.000907',
      procedureVersion: p.procedureVersion,
      caseCode: 'giay',
      identity: { idNumber, checkToken: check.checkToken },
      contact: { phone: '0912345678' },
      values: { ...p.values, tenGiayTo: 'Sổ hộ khẩu', soTrang: 2, soBan: 1 },
      seal: p.seal,
      resultDelivery: 'counter',
      documents: [
        { requirementCode: 'BC', uploadId: await scan('ban-chinh.pdf') },
        { requirementCode: 'BS', uploadId: await scan('ban-sao.pdf') },
      ],
    };
  }

  it('an administrator sets a paperless Thursday with its legal basis; a future rule does not change today', async () => {
    on(thursday, '07:30');
    const res = await admin.post('/api/admin/paperless-rules', { unitId: COUNTER, kind: 'weekday', weekday: 4, effectiveFrom: thursday, legalBasis: BASIS });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ unitId: COUNTER, kind: 'weekday', weekday: 4, effectiveFrom: thursday, legalBasis: BASIS, revokedAt: null });
    // Online only for 2.000908 — but only from next month: today's intake of it is not affected.
    const future = await admin.post('/api/admin/paperless-rules', {
      unitId: COUNTER,
      kind: 'online_only',
      procedureCode: '2.000908',
      effectiveFrom: addDaysIso(thursday, 30),
      legalBasis: 'Quyết định 123/QĐ-UBND',
    });
    expect(future.statusCode, future.body).toBe(201);
    const list = (await admin.get(`/api/admin/paperless-rules?unitId=${COUNTER}`)).json();
    expect(list.items.map((r: { kind: string }) => r.kind)).toEqual(['weekday', 'online_only']);
    const today = (await anonymous().get(`/api/public/paperless-today?unitId=${COUNTER}`)).json();
    expect(today).toMatchObject({ day: thursday, paperless: true, legalBasis: [BASIS], onlineOnly: [] });
    expect(today.message).toMatch(/^Hôm nay \(Thứ Năm\) .* không tiếp nhận hồ sơ giấy/);
  });

  it('on the paperless Thursday the counter refuses paper with a Vietnamese message and offers assisted online submission', async () => {
    on(thursday, '09:00');
    const body = await intakeBody(DEMO_MOTHER_ID);
    const refused = await counter.post('/api/staff/intake', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'PAPER_INTAKE_REFUSED',
      message: `Thứ Năm hằng tuần là ngày không tiếp nhận hồ sơ giấy (${BASIS}). Cán bộ sẽ hỗ trợ ông/bà nộp hồ sơ trực tuyến ngay tại quầy.`,
      details: { assistedOnline: true, legalBasis: BASIS },
    });
    expect((await b.t.ctx.db.query('SELECT 1 FROM dossiers WHERE intake ->> $1 = $2', ['idempotencyKey', body.idempotencyKey])).rowCount).toBe(0);

    // Assisted online submission at the counter: the citizen's dossier, channel online, the official recorded.
    const assisted = await counter.post('/api/staff/intake', { ...body, assistedOnline: true });
    expect(assisted.statusCode, assisted.body).toBe(201);
    const d = assisted.json();
    const detail = (await counter.get(`/api/staff/dossiers/${d.id}`)).json();
    expect(detail).toMatchObject({ channel: 2, status: { code: 2 }, intake: { assistedOnline: true, assistedBy: { name: 'Lê Thị Hoa' } } });
    const owner = (
      await b.t.ctx.db.query<{ id_number: string }>('SELECT c.id_number FROM dossiers d JOIN citizens c ON c.id = d.owner_citizen_id WHERE d.id = $1', [d.id])
    ).rows[0];
    expect(owner.id_number).toBe(DEMO_MOTHER_ID);
    // A retried request returns the same dossier.
    const again = await counter.post('/api/staff/intake', { ...body, assistedOnline: true });
    expect(again.json()).toMatchObject({ id: d.id, created: false });

    // A person without an account cannot have an online dossier made for them: a clear message.
    const elder = await intakeBody(DEMO_ELDER_ID);
    const noAccount = await counter.post('/api/staff/intake', { ...elder, assistedOnline: true });
    expect(noAccount.statusCode).toBe(409);
    expect(noAccount.json().error.code).toBe('CITIZEN_ACCOUNT_REQUIRED');
    expect(noAccount.json().error.message).toContain('VNeID');
  });

  it('accepts paper by exception with a reason, and the day’s report lists it', async () => {
    on(thursday, '10:00');
    const body = await intakeBody(DEMO_ELDER_ID);
    const bad = await counter.post('/api/staff/intake', { ...body, paperlessException: { reasonCode: 'elderly_without_support', reason: 'x' } });
    expect(bad.statusCode).toBe(400);
    const res = await counter.post('/api/staff/intake', {
      ...body,
      paperlessException: { reasonCode: 'elderly_without_support', reason: 'Người cao tuổi không có thiết bị, không có người hỗ trợ' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect((await counter.get(`/api/staff/dossiers/${d.id}`)).json()).toMatchObject({ channel: 1 });

    const report = await counter.get(`/api/staff/paperless/report?day=${thursday}`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({
      unitId: COUNTER,
      day: thursday,
      paperless: true,
      legalBasis: [BASIS],
      received: { counter: 1, online: 1, post: 0, assistedOnline: 1 },
      exceptions: [
        {
          dossierId: d.id,
          dossierCode: d.code,
          procedureCode: '2.000907',
          reasonCode: 'elderly_without_support',
          reasonName: 'Người cao tuổi, người khuyết tật không có người hỗ trợ',
          reason: 'Người cao tuổi không có thiết bị, không có người hỗ trợ',
          officialName: 'Lê Thị Hoa',
        },
      ],
    });
  });

  it('on Friday the counter accepts paper; a revoked rule stops applying', async () => {
    on(friday, '09:00');
    const friday1 = await counter.post('/api/staff/intake', await intakeBody(DEMO_ELDER_ID));
    expect(friday1.statusCode, friday1.body).toBe(201);
    expect((await anonymous().get(`/api/public/paperless-today?unitId=${COUNTER}`)).json()).toMatchObject({ paperless: false });
    expect((await counter.get(`/api/staff/paperless/report?day=${friday}`)).json()).toMatchObject({ paperless: false, exceptions: [] });

    on(addDaysIso(thursday, 7), '09:00');
    const rule = (await admin.get(`/api/admin/paperless-rules?unitId=${COUNTER}`)).json().items.find((r: { kind: string }) => r.kind === 'weekday');
    expect((await anonymous().get(`/api/public/paperless-today?unitId=${COUNTER}`)).json().paperless).toBe(true);
    const revoked = await admin.post(`/api/admin/paperless-rules/${rule.id}/revoke`, {});
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await anonymous().get(`/api/public/paperless-today?unitId=${COUNTER}`)).json().paperless).toBe(false);
  });

  it('the digitisation report lists a counter dossier whose component has no file, and the guard refuses to forward it', async () => {
    on(friday, '11:00');
    const d = (await counter.post('/api/staff/intake', await intakeBody(DEMO_ELDER_ID))).json();
    // A component recorded without its file (as imported from an older system, or a scan that never arrived).
    await b.t.ctx.db.query(
      `INSERT INTO dossier_documents (id, dossier_id, requirement_code, name, source, digitised) VALUES ($1, $2, 'BS', 'Bản sao cần chứng thực (giấy)', 'scan', false)`,
      [crypto.randomUUID(), d.id],
    );
    const report = (await counter.get(`/api/staff/reports/digitisation-risk?day=${friday}`)).json();
    const unit = report.units.find((u: { unitId: string }) => u.unitId === COUNTER);
    const row = unit.dossiers.find((x: { id: string }) => x.id === d.id);
    expect(row.risks).toEqual([{ code: 'COMPONENT_WITHOUT_FILE', message: expect.stringContaining('Bản sao cần chứng thực (giấy)') }]);
    const specialist = await b.staff('chuyenvien.vanphong');
    const forward = await specialist.post(`/api/staff/dossiers/${d.id}/forward`, {});
    expect(forward.statusCode).toBe(409);
    expect(forward.json().error.code).toBe('DIGITISATION_GUARD');
    expect(forward.json().error.message).toMatch(
      /^Chưa thể hoàn thành bước này vì hồ sơ sẽ bị trừ điểm số hóa: Thành phần hồ sơ nhận trực tiếp chưa có tệp điện tử/,
    );
    // Another commune's official does not see it.
    const other = (await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/reports/digitisation-risk?day=${friday}`)).json();
    expect(JSON.stringify(other)).not.toContain(d.id);
  });

  it('an online-only procedure is refused on paper while in force (also by post)', async () => {
    on(friday, '10:00');
    const created = await admin.post('/api/admin/paperless-rules', {
      unitId: COUNTER,
      kind: 'online_only',
      procedureCode: '2.000907',
      effectiveFrom: friday,
      effectiveTo: addDaysIso(friday, 3),
      legalBasis: 'Quyết định 456/QĐ-UBND',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = await intakeBody(DEMO_ELDER_ID);
    const refused = await counter.post('/api/staff/intake', { ...body, channel: 3, waybill: 'EMS123456' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^Thủ tục này chỉ tiếp nhận hồ sơ trực tuyến \(Quyết định 456\/QĐ-UBND\)/);
    const today = (await anonymous().get(`/api/public/paperless-today?unitId=${COUNTER}`)).json();
    expect(today.onlineOnly).toEqual([expect.objectContaining({ procedureCode: '2.000907', legalBasis: 'Quyết định 456/QĐ-UBND' })]);
    expect(today.onlineOnly[0].procedureName).toMatch(/chứng thực/i);
  });

  describe('access', () => {
    const rule = () => ({ unitId: COUNTER, kind: 'date', day: addDaysIso(friday, 10), effectiveFrom: friday, legalBasis: BASIS });
    it('rules: the unit administrator and the system administrator write; others are refused', async () => {
      expect((await anonymous().post('/api/admin/paperless-rules', rule())).statusCode).toBe(401);
      expect((await b.citizen.post('/api/admin/paperless-rules', rule())).statusCode).toBe(403);
      expect((await counter.post('/api/admin/paperless-rules', rule())).statusCode).toBe(403);
      expect((await (await b.staff('lanhdao.phurieng')).post('/api/admin/paperless-rules', rule())).statusCode).toBe(403);
      expect((await (await b.staff('giamsat.dongnai')).post('/api/admin/paperless-rules', rule())).statusCode).toBe(403);
      // The wrong unit: Phú Riềng's administrator for Xuân Thành's counter.
      const wrongUnit = await admin.post('/api/admin/paperless-rules', { ...rule(), unitId: 'dni.xuanthanh.ttpvhcc' });
      expect(wrongUnit.statusCode).toBe(403);
      expect(wrongUnit.json().error.code).toBe('OUT_OF_SCOPE');
      expect((await (await b.staff('quantri')).post('/api/admin/paperless-rules', { ...rule(), unitId: 'dni.xuanthanh.ttpvhcc' })).statusCode).toBe(201);
      const xt = (await (await b.staff('quantri')).get('/api/admin/paperless-rules?unitId=dni.xuanthanh.ttpvhcc')).json().items[0];
      expect((await admin.post(`/api/admin/paperless-rules/${xt.id}/revoke`, {})).statusCode).toBe(403);
      expect((await counter.get('/api/admin/paperless-rules')).statusCode).toBe(403);
      expect((await anonymous().get('/api/admin/paperless-rules')).statusCode).toBe(401);
    });

    it('reports: officials of the unit only', async () => {
      for (const url of ['/api/staff/paperless/report', '/api/staff/reports/digitisation-risk']) {
        expect((await anonymous().get(`${url}?unitId=${COUNTER}`)).statusCode).toBe(401);
        expect((await b.citizen.get(`${url}?unitId=${COUNTER}`)).statusCode).toBe(403);
        expect((await (await b.staff('tiepnhan.xuanthanh')).get(`${url}?unitId=${COUNTER}`)).statusCode).toBe(403);
        expect((await counter.get(`${url}?unitId=${COUNTER}`)).statusCode).toBe(200);
      }
    });
  });

  describe('bad input: a clear Vietnamese 4xx, never a 500', () => {
    const base = () => ({ unitId: COUNTER, kind: 'weekday', weekday: 2, effectiveFrom: friday, legalBasis: BASIS });
    it.each([
      ['a weekday of the wrong type', { weekday: 'Thứ Năm' }],
      ['a weekday out of range', { weekday: 9 }],
      ['a day that does not exist', { kind: 'date', weekday: undefined, day: '2026-02-30' }],
      ['an end before the start', { effectiveTo: '2000-01-01' }],
      ['a NUL byte', { legalBasis: 'Công văn\u0000 9321' }],
      ['a huge string', { legalBasis: 'x'.repeat(100_000) }],
      ['a missing legal basis', { legalBasis: '  ' }],
      ['an unknown procedure', { kind: 'online_only', weekday: undefined, procedureCode: 'KHONG-CO' }],
      ['an unknown field', { extra: 1 }],
    ])('rule with %s', async (_what, patch) => {
      const res = await admin.post('/api/admin/paperless-rules', { ...base(), ...patch });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    });

    it.each([
      ['/api/staff/paperless/report?day=2026-13-45'],
      ['/api/staff/reports/digitisation-risk?day=%00'],
      [`/api/staff/paperless/report?unitId=${'x'.repeat(5000)}`],
      ['/api/public/paperless-today'],
      ['/api/public/paperless-today?unitId=khong-co'],
    ])('query %s', async (url) => {
      const client = url.startsWith('/api/public') ? anonymous() : counter;
      const res = await client.get(url);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    });

    it('an exception reason of the wrong kind or with a NUL byte', async () => {
      on(friday, '14:00');
      const body = await intakeBody(DEMO_ELDER_ID);
      for (const paperlessException of [
        { reasonCode: 'khong-co', reason: 'Lý do hợp lệ dài' },
        { reasonCode: 'other', reason: 'Lý do\u0000 có NUL' },
        'text',
      ]) {
        const res = await counter.post('/api/staff/intake', { ...body, paperlessException });
        expect(res.statusCode).toBe(400);
      }
    });
  });
});
