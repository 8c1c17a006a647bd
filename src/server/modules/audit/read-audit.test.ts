/**
 * The audit trail of reads of personal data (issue 17, item 6): an official reading a dossier or checking a person
 * leaves who, which dossier or person, and why; the system administrator and supervisors read the trail, nobody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOffice } from '../../testing/back-office.ts';
import { TestClient, testDatabaseKind } from '../../testing/harness.ts';

describe(`the personal-data read trail on ${testDatabaseKind}`, () => {
  let b: BackOffice;
  let dossier: { id: string; code: string };
  beforeAll(async () => {
    b = await startBackOffice();
    dossier = await b.submitBirthRegistration();
  }, 240_000);
  afterAll(async () => b?.close());

  const trail = async (query: string) => {
    const res = await (await b.staff('quantri')).get(`/api/admin/personal-data-reads?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().reads as { actor: { kind: string; name: string | null }; subject: { kind: string; id: string }; purpose: string; route: string }[];
  };

  it("records an official's read of a dossier with who, which dossier and why; a refused read leaves nothing", async () => {
    const reception = await b.staff('tiepnhan.phurieng');
    expect((await reception.get(`/api/staff/dossiers/${dossier.id}`)).statusCode).toBe(200);
    const reads = await trail(`subjectKind=dossier&subjectId=${dossier.id}`);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      actor: { kind: 'official' },
      subject: { kind: 'dossier', id: dossier.id },
      route: 'GET /api/staff/dossiers/:id',
      purpose: expect.stringMatching(/hồ sơ/),
    });
    expect(reads[0].actor.name).toBeTruthy();
    // Another commune's official is refused: no read happened, none is recorded.
    const other = await b.staff('tiepnhan.xuanthanh');
    expect((await other.get(`/api/staff/dossiers/${dossier.id}`)).statusCode).not.toBe(200);
    expect(await trail(`subjectKind=dossier&subjectId=${dossier.id}`)).toHaveLength(1);
  });

  it('lets the supervisor read the trail and refuses other officials, citizens and anonymous callers', async () => {
    expect((await (await b.staff('giamsat.dongnai')).get('/api/admin/personal-data-reads')).statusCode).toBe(200);
    for (const username of ['tiepnhan.phurieng', 'quantri.phurieng', 'lanhdao.phurieng']) {
      const res = await (await b.staff(username)).get('/api/admin/personal-data-reads');
      expect(res.statusCode, username).toBe(403);
      expect(res.json().error.message).toMatch(/nhật ký truy cập/);
    }
    expect((await b.citizen.get('/api/admin/personal-data-reads')).statusCode).toBe(403);
    expect((await new TestClient(b.t.app).get('/api/admin/personal-data-reads')).statusCode).toBe(401);
  });

  it('refuses malformed filters with 400 in Vietnamese', async () => {
    const admin = await b.staff('quantri');
    for (const q of ['limit=abc', 'limit=100000', 'subjectKind=everything', `subjectId=${'x'.repeat(5000)}`, 'from=yesterday', 'subjectId=a%00b']) {
      const res = await admin.get(`/api/admin/personal-data-reads?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.message).toMatch(/không hợp lệ/);
    }
  });
});
