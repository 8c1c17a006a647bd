import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICIAL_PASSWORD } from '../officials/index.ts';
import { DEMO_FATHER_ID, DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Duplicate {
  dossierId: string | null;
  code: string | null;
  own: boolean;
  status: number;
  statusName: string;
}
interface QueueItem {
  id: string;
  code: string;
  possibleDuplicates: { id: string; code: string }[];
  duplicateAcknowledged: boolean;
}

describe(`possible duplicate dossiers on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let mai: TestClient;
  let hung: TestClient;
  let vinh: TestClient;
  let officer: TestClient;
  let otherUnit: TestClient;

  const citizen = async (idNumber: string, fullName: string) => {
    const c = new TestClient(t.app);
    await c.loginAs(t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber, fullName, loginAt: new Date().toISOString() });
    return c;
  };
  const official = async (username: string) => {
    const c = new TestClient(t.app);
    expect((await c.post('/api/staff/login', { username, password: DEMO_OFFICIAL_PASSWORD })).statusCode).toBe(200);
    return c;
  };

  /** A complete birth-registration draft of the newborn of the demo family, started by `client`. */
  async function readyDraft(client: TestClient, relation: 'me' | 'cha') {
    const draft = (await client.post('/api/drafts', { procedureCode: '1.001193', caseCode: 'dung-han' })).json();
    const upload = (await client.upload('/api/uploads', 'gcs.pdf', 'application/pdf', pdf)).json();
    const saved = await client.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { ...draft.values, noiSinhTre: 'Trạm Y tế xã Phú Riềng', quanHeVoiTre: relation },
      documents: [{ requirementCode: 'GCS', uploadId: upload.id }],
    });
    expect(saved.statusCode).toBe(200);
    return saved.json() as { id: string };
  }
  /** The groom's marital-status certificate (the person certified is himself). */
  async function vinhDraft() {
    const draft = (await vinh.post('/api/drafts', { procedureCode: '1.004873', caseCode: 'mac-dinh' })).json();
    const saved = await vinh.put(`/api/drafts/${draft.id}`, {
      revision: draft.revision,
      values: { tinhTrangHonNhan: 'Chưa kết hôn', ngaySinhNguoiNop: '1996-05-12', ...draft.values, mucDichSuDung: 'Kết hôn' },
    });
    expect(saved.statusCode).toBe(200);
    return saved.json() as { id: string };
  }
  const duplicatesOf = async (client: TestClient, draftId: string) => {
    const res = await client.get(`/api/drafts/${draftId}/duplicates`);
    expect(res.statusCode).toBe(200);
    return res.json().items as Duplicate[];
  };
  const submit = async (client: TestClient, draftId: string, duplicateWarningSeen?: boolean) => {
    const res = await client.post('/api/dossiers', { draftId, idempotencyKey: crypto.randomUUID(), ...(duplicateWarningSeen ? { duplicateWarningSeen } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string };
  };
  const queue = async () => (await officer.get('/api/staff/reception/queue')).json().items as QueueItem[];

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    mai = await citizen(DEMO_MOTHER_ID, 'Trần Thị Mai');
    hung = await citizen(DEMO_FATHER_ID, 'Nguyễn Văn Hùng');
    vinh = await citizen(DEMO_GROOM_ID, 'Lê Quang Vinh');
    officer = await official('tiepnhan.phurieng');
    otherUnit = await official('tiepnhan.xuanthanh');
  });
  afterAll(async () => t?.close());

  let first: { id: string; code: string };
  let second: { id: string; code: string };

  it('nothing stands in the way of the first registration of the child', async () => {
    const draft = await readyDraft(mai, 'me');
    expect(await duplicatesOf(mai, draft.id)).toEqual([]);
    first = await submit(mai, draft.id);
    expect((await queue()).find((x) => x.id === first.id)).toMatchObject({ possibleDuplicates: [], duplicateAcknowledged: false });
  });

  it('the mother starting the same child again is warned, with a link to her own dossier', async () => {
    const draft = await readyDraft(mai, 'me');
    const found = await duplicatesOf(mai, draft.id);
    expect(found).toEqual([expect.objectContaining({ dossierId: first.id, code: first.code, own: true, status: 1, statusName: 'Mới đăng ký' })]);
    // Forced through: the dossier is received, flagged for the officer with a link to the first.
    second = await submit(mai, draft.id, true);
    const items = await queue();
    expect(items.find((x) => x.id === second.id)).toMatchObject({ possibleDuplicates: [{ id: first.id, code: first.code }], duplicateAcknowledged: true });
    // The first one is not flagged by the later one.
    expect(items.find((x) => x.id === first.id)?.possibleDuplicates).toEqual([]);
    const warned = await t.ctx.db.query<{ warned_of: string[] }>('SELECT warned_of FROM dossier_duplicate_warnings WHERE dossier_id = $1', [second.id]);
    expect(warned.rows[0].warned_of).toEqual([first.id]);
  });

  it('the father registering the same child sees that a dossier exists, without its code or link', async () => {
    const draft = await readyDraft(hung, 'cha');
    const found = await duplicatesOf(hung, draft.id);
    expect(found.length).toBe(2);
    for (const d of found) expect(d).toMatchObject({ dossierId: null, code: null, own: false, status: 1 });
  });

  it('a refused duplicate no longer stands in the way, and refusing the first lifts the flag from the second', async () => {
    const third = await submit(mai, (await readyDraft(mai, 'me')).id);
    // Submitted without having seen the warning (an older page): flagged all the same, not marked as acknowledged.
    expect((await queue()).find((x) => x.id === third.id)).toMatchObject({
      possibleDuplicates: [
        { id: first.id, code: first.code },
        { id: second.id, code: second.code },
      ],
      duplicateAcknowledged: false,
    });
    const refused = await officer.post(`/api/staff/dossiers/${third.id}/refuse`, { reason: `Hồ sơ trùng với hồ sơ ${first.code} đã nộp trước.` });
    expect(refused.statusCode).toBe(200);
    const refusedFirst = await officer.post(`/api/staff/dossiers/${first.id}/refuse`, { reason: 'Nộp lại bằng hồ sơ sau.' });
    expect(refusedFirst.statusCode).toBe(200);
    expect((await queue()).find((x) => x.id === second.id)?.possibleDuplicates).toEqual([]);
    const draft = await readyDraft(mai, 'me');
    expect((await duplicatesOf(mai, draft.id)).map((d) => d.dossierId)).toEqual([second.id]);
  });

  it('a warning seen when nothing stands in the way records nothing', async () => {
    const d = await submit(vinh, (await vinhDraft()).id, true);
    expect((await t.ctx.db.query('SELECT 1 FROM dossier_duplicate_warnings WHERE dossier_id = $1', [d.id])).rowCount).toBe(0);
  });

  it('access: only the draft’s owner; anonymous, staff and another citizen are refused', async () => {
    const draft = await readyDraft(mai, 'me');
    expect((await new TestClient(t.app).get(`/api/drafts/${draft.id}/duplicates`)).statusCode).toBe(401);
    expect((await vinh.get(`/api/drafts/${draft.id}/duplicates`)).statusCode).toBe(404);
    expect([401, 403]).toContain((await officer.get(`/api/drafts/${draft.id}/duplicates`)).statusCode);
    // The officer of another unit does not see the flagged dossier in the queue at all.
    expect((await otherUnit.get('/api/staff/reception/queue')).json().items.some((x: QueueItem) => x.id === second.id)).toBe(false);
  });

  it('bad input: malformed ids, NUL bytes and huge acknowledgements get a clear 4xx in Vietnamese', async () => {
    for (const id of ['abc', 'x'.repeat(5000), '00000000-0000-0000-0000-00000000000%00']) {
      const res = await mai.get(`/api/drafts/${encodeURIComponent(id)}/duplicates`);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const draft = await readyDraft(mai, 'me');
    for (const duplicateWarningSeen of ['yes', 1, ['\u0000'], 'x'.repeat(100_000)]) {
      const res = await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID(), duplicateWarningSeen });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵệềếểễộồốổỗơờớợởỡưừứựửữđ]/i);
    }
    // The notification language is Vietnamese or English, nothing else.
    for (const locale of ['fr', 'EN', 1, 'vi\u0000', 'x'.repeat(100_000)]) {
      const res = await mai.post('/api/dossiers', { draftId: draft.id, idempotencyKey: crypto.randomUUID(), locale });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/[ạảãàáâầấậẩẫăằắặẳẵệềếểễộồốổỗơờớợởỡưừứựửữđ]/i);
    }
  });
});
