/**
 * Every back-office action, each paired with its permission test (as OpenCRVS pairs actions with scopes): the right
 * role in the right unit can do it; a wrong role, the same role in another unit and a citizen are refused, and a
 * refused attempt changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../testing/harness.ts';
import { PDF_BYTES, startBackOffice, type BackOffice } from '../../testing/back-office.ts';

type Stage = 'new' | 'specialist' | 'leader' | 'clerk' | 'issued' | 'supplement' | 'payment';

interface Case {
  action: string;
  stage: Stage;
  right: string;
  wrongRole: string;
  otherUnit: string;
  body?: (b: BackOffice, user: string) => Promise<Record<string, unknown>>;
  expectStatus: number;
}

const scan = async (b: BackOffice, user: string) => {
  const up = (await (await b.staff(user)).upload('/api/uploads', 'scan.pdf', 'application/pdf', PDF_BYTES)).json();
  return { documents: [{ requirementCode: 'GCS', uploadId: up.id }] };
};
const reason = (text: string) => async () => ({ reason: text });

const CASES: Case[] = [
  { action: 'accept', stage: 'new', right: 'tiepnhan.phurieng', wrongRole: 'chuyenvien.vhxh', otherUnit: 'tiepnhan.xuanthanh', expectStatus: 2 },
  {
    action: 'request-completion',
    stage: 'new',
    right: 'tiepnhan.phurieng',
    wrongRole: 'lanhdao.phurieng',
    otherUnit: 'tiepnhan.xuanthanh',
    body: reason('Ảnh giấy chứng sinh bị mờ'),
    expectStatus: 1,
  },
  {
    action: 'refuse',
    stage: 'new',
    right: 'tiepnhan.phurieng',
    wrongRole: 'vanthu.phurieng',
    otherUnit: 'tiepnhan.xuanthanh',
    body: reason('Không thuộc thẩm quyền của xã'),
    expectStatus: 3,
  },
  { action: 'forward', stage: 'specialist', right: '$specialist', wrongRole: 'vanthu.phurieng', otherUnit: 'chuyenvien.xuanthanh', expectStatus: 4 },
  {
    action: 'send-back',
    stage: 'leader',
    right: 'lanhdao.phurieng',
    wrongRole: 'tiepnhan.phurieng',
    otherUnit: 'lanhdao.xuanthanh',
    body: reason('Sai tên người cha, đề nghị sửa'),
    expectStatus: 4,
  },
  {
    action: 'request-supplement',
    stage: 'specialist',
    right: '$specialist',
    wrongRole: 'vanthu.phurieng',
    otherUnit: 'chuyenvien.xuanthanh',
    body: reason('Thiếu bản rõ nét giấy chứng sinh'),
    expectStatus: 5,
  },
  {
    action: 'provide-supplement',
    stage: 'supplement',
    right: 'tiepnhan.phurieng',
    wrongRole: 'chuyenvien.vanphong',
    otherUnit: 'tiepnhan.xuanthanh',
    body: scan,
    expectStatus: 4,
  },
  {
    action: 'request-payment',
    stage: 'specialist',
    right: 'tiepnhan.phurieng',
    wrongRole: 'vanthu.phurieng',
    otherUnit: 'tiepnhan.xuanthanh',
    body: async () => ({ amount: 8000 }),
    expectStatus: 6,
  },
  {
    action: 'record-payment',
    stage: 'payment',
    right: 'tiepnhan.phurieng',
    wrongRole: 'lanhdao.phurieng',
    otherUnit: 'tiepnhan.xuanthanh',
    body: async () => ({ payment: { amount: 8000, method: 'card' } }),
    expectStatus: 4,
  },
  {
    action: 'reschedule',
    stage: 'specialist',
    right: 'lanhdao.phurieng',
    wrongRole: 'vanthu.phurieng',
    otherUnit: 'lanhdao.xuanthanh',
    body: async (b) => ({ reason: 'Cần xác minh nơi sinh', newDueAt: b.instant('17:30', 3).toISOString() }),
    expectStatus: 2,
  },
  {
    action: 'stop',
    stage: 'specialist',
    right: 'lanhdao.phurieng',
    wrongRole: 'chuyenvien.vanphong',
    otherUnit: 'lanhdao.xuanthanh',
    body: reason('Người dân đã đăng ký tại nơi khác'),
    expectStatus: 8,
  },
  {
    action: 'withdraw',
    stage: 'specialist',
    right: 'tiepnhan.phurieng',
    wrongRole: 'lanhdao.phurieng',
    otherUnit: 'tiepnhan.xuanthanh',
    // At the counter, with the scan of the citizen's written request (the digitisation guard requires it).
    body: async (b, user) => ({ reason: 'Công dân có đơn xin rút hồ sơ', documents: (await scan(b, user)).documents }),
    expectStatus: 7,
  },
  { action: 'issue-result', stage: 'clerk', right: 'vanthu.phurieng', wrongRole: 'chuyenvien.vanphong', otherUnit: 'vanthu.xuanthanh', expectStatus: 9 },
  {
    action: 'return-result',
    stage: 'issued',
    right: 'tiepnhan.phurieng',
    wrongRole: 'vanthu.phurieng',
    otherUnit: 'tiepnhan.xuanthanh',
    body: async () => ({ delivery: { method: 'electronic' } }),
    expectStatus: 10,
  },
  {
    action: 'reassign',
    stage: 'specialist',
    right: 'lanhdao.phurieng',
    wrongRole: 'chuyenvien.vanphong',
    otherUnit: 'lanhdao.xuanthanh',
    body: async (b) => ({ assigneeId: await specialistId(b, 'chuyenvien2.vhxh') }),
    expectStatus: 2,
  },
];

let ids: Map<string, string> | null = null;
async function specialistId(b: BackOffice, username: string): Promise<string> {
  ids ??= new Map((await b.t.ctx.db.query<{ id: string; username: string }>('SELECT id, username FROM officials')).rows.map((r) => [r.username, r.id]));
  return ids.get(username)!;
}

describe(`permissions of every back-office action on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  beforeAll(async () => {
    b = await startBackOffice();
  });
  afterAll(async () => b?.close());

  const act = async (user: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    (await b.staff(user)).post(`/api/staff/dossiers/${id}/${action}`, body);
  const current = async (id: string) => (await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers/${id}`)).json();
  const assignee = async (id: string) => {
    const d = await current(id);
    const name = d.tasks.find((t: { current: boolean }) => t.current)?.assigneeName;
    return name === 'Nguyễn Văn An' ? 'chuyenvien2.vhxh' : 'chuyenvien.vhxh';
  };

  async function dossierAt(stage: Stage): Promise<string> {
    b.at('08:00');
    const { id } = await b.submitBirthRegistration();
    if (stage === 'new') return id;
    expect((await act('tiepnhan.phurieng', id, 'accept')).statusCode).toBe(200);
    if (stage === 'specialist') return id;
    if (stage === 'supplement') {
      expect((await act(await assignee(id), id, 'request-supplement', { reason: 'Thiếu giấy chứng sinh rõ nét' })).statusCode).toBe(200);
      return id;
    }
    if (stage === 'payment') {
      expect((await act('tiepnhan.phurieng', id, 'request-payment', { amount: 8000 })).statusCode).toBe(200);
      return id;
    }
    expect((await act(await assignee(id), id, 'forward')).statusCode).toBe(200);
    if (stage === 'leader') return id;
    expect((await act('lanhdao.phurieng', id, 'forward')).statusCode).toBe(200);
    if (stage === 'clerk') return id;
    expect((await act('vanthu.phurieng', id, 'issue-result')).statusCode).toBe(200);
    return id;
  }

  for (const c of CASES) {
    it(`${c.action}: the right role in the right unit can; a wrong role, another unit and a citizen cannot`, async () => {
      const id = await dossierAt(c.stage);
      const right = c.right === '$specialist' ? await assignee(id) : c.right;
      const before = await current(id);

      const wrong = await act(c.wrongRole, id, c.action, c.body ? await c.body(b, c.wrongRole) : {});
      expect([403, 409], `${c.wrongRole}: ${wrong.body}`).toContain(wrong.statusCode);
      const other = await act(c.otherUnit, id, c.action, c.body ? await c.body(b, c.otherUnit) : {});
      expect(other.statusCode, `${c.otherUnit}: ${other.body}`).toBe(404);
      const citizen = await b.citizen.post(`/api/staff/dossiers/${id}/${c.action}`, c.body ? await c.body(b, right) : {});
      expect(citizen.statusCode).toBe(403);
      const after = await current(id);
      expect(after.log.length, 'a refused attempt changes nothing').toBe(before.log.length);
      expect(after.status).toEqual(before.status);

      const ok = await act(right, id, c.action, c.body ? await c.body(b, right) : {});
      expect(ok.statusCode, `${right}: ${ok.body}`).toBe(200);
      expect(ok.json().status).toBe(c.expectStatus);
    });
  }

  it('counter intake: a receiving officer can; a specialist, another counter and a citizen cannot', async () => {
    const body = { idNumber: '070090012345' };
    expect((await (await b.staff('chuyenvien.vhxh')).post('/api/staff/intake/identity-check', body)).statusCode).toBe(403);
    expect((await b.citizen.post('/api/staff/intake/identity-check', body)).statusCode).toBe(403);
    expect((await (await b.staff('tiepnhan.phurieng')).post('/api/staff/intake/identity-check', body)).statusCode).toBe(200);
    const other = await (await b.staff('tiepnhan.xuanthanh')).post('/api/staff/intake', {
      idempotencyKey: 'perm-test-0001',
      channel: 1,
      receivingUnitId: 'dni.phurieng.ttpvhcc',
      procedureCode: '1.001193',
      procedureVersion: 1,
      caseCode: 'dung-han',
      identity: { idNumber: '070090012345', checkToken: '0.invalid-token' },
      values: {},
      seal: 'x',
      documents: [],
      resultDelivery: 'counter',
    });
    expect(other.statusCode).toBe(403);
  });

  it('reading: the inbox and a dossier are for officials; another unit does not see the dossier', async () => {
    const id = await dossierAt('specialist');
    expect((await b.citizen.get('/api/staff/inbox')).statusCode).toBe(403);
    expect((await b.citizen.get(`/api/staff/dossiers/${id}`)).statusCode).toBe(403);
    expect((await (await b.staff('tiepnhan.xuanthanh')).get(`/api/staff/dossiers/${id}`)).statusCode).toBe(404);
    expect((await (await b.staff('chuyenvien.vhxh')).get(`/api/staff/dossiers/${id}`)).statusCode).toBe(200);
    const supervisor = (await (await b.staff('giamsat.dongnai')).get(`/api/staff/dossiers/${id}`)).json();
    expect(supervisor.actions).toEqual([]);
  });
});
