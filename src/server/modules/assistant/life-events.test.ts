/**
 * Life-event suggestions over the citizen's own records (the population stand-in and the document store): a
 * citizen whose child turns 14 next month sees the identity-card suggestion with the reason; a change of the rule's
 * age with a future effective date changes nothing today and applies from its day; only the asker's own records.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifeEventRules } from '../../../core/life-events/suggest.ts';
import { resetClock, setClockTo } from '../../clock.ts';
import { DEMO_GROOM_ID, DEMO_MOTHER_ID } from '../../standins/population/demo-residents.ts';
import { startTestApp, TestClient, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { putInStore } from '../results/index.ts';
import { renderSpecimen } from '../recognition/specimens.ts';
import { lifeEventRules, suggestionsFor } from './life-events.ts';

const addYears = (day: string, n: number) => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const vn = (day: string) => day.split('-').reverse().join('/');

describe(`life-event suggestions from the citizen's own records, on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let mother: TestClient;
  let child: { name: string; birthDate: string };
  let today: string;
  beforeAll(async () => {
    t = await startTestApp(); // the demo data: catalogue, population stand-in
    const kids = await t.ctx.population.childrenOf(DEMO_MOTHER_ID, { actorKind: 'system', actorId: 'test', purpose: 'test' });
    expect(kids.length).toBeGreaterThan(0);
    child = { name: kids[0].hoTen, birthDate: kids[0].ngaySinh };
    // Three weeks before the child's 14th birthday ("next month").
    today = addDays(addYears(child.birthDate, 14), -21);
    setClockTo(new Date(`${today}T10:00:00+07:00`), { frozen: true });
    mother = new TestClient(t.app);
    await mother.loginAs(t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: DEMO_MOTHER_ID, fullName: 'Trần Thị Mai' });
  }, 300_000);
  afterAll(async () => {
    resetClock();
    await t?.close();
  });

  it('shows the identity-card suggestion for the child turning 14 next month, with the reason', async () => {
    const r = await mother.get('/api/my/suggestions');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().today).toBe(today);
    const card = r.json().items.find((s: { ruleId: string }) => s.ruleId === 'child-identity-card');
    expect(card).toBeDefined();
    expect(card.title).toBe(`Làm thẻ căn cước cho ${child.name}`);
    expect(card.reason).toContain(`${child.name} sẽ đủ 14 tuổi vào ngày ${vn(addYears(child.birthDate, 14))}`);
    expect(card.reason).toContain('Luật Căn cước 2023');
    // another citizen's records give no such suggestion
    const groom = new TestClient(t.app);
    await groom.loginAs(t.ctx.db, 'citizen', { citizenId: crypto.randomUUID(), idNumber: DEMO_GROOM_ID, fullName: 'Người khác' });
    const theirs = (await groom.get('/api/my/suggestions')).json().items as { ruleId: string; reason: string }[];
    expect(theirs.some((s) => s.reason.includes(child.name))).toBe(false);
  });

  it('a rule change with a future effective date changes nothing today, and applies from its day', async () => {
    const rules = lifeEventRules();
    const changed: LifeEventRules = {
      rules: rules.rules.map((r) =>
        r.id === 'child-identity-card'
          ? { ...r, versions: [...r.versions, { ...r.versions[0], effectiveFrom: addDays(today, 1), ages: [15] } as (typeof r.versions)[number]] }
          : r,
      ),
    };
    expect(await suggestionsFor(t.ctx, DEMO_MOTHER_ID, today, changed)).toEqual(await suggestionsFor(t.ctx, DEMO_MOTHER_ID, today, rules));
    const tomorrow = await suggestionsFor(t.ctx, DEMO_MOTHER_ID, addDays(today, 1), changed);
    expect(tomorrow.some((s) => s.ruleId === 'child-identity-card')).toBe(false);
  });

  it('never counts a photo copy from the store (bản chụp tự số hoá — chưa đối chiếu bản gốc) as a valid paper', async () => {
    // A rule over a paper the citizen can photograph into her store: "X cấp ngày … có giá trị 1 tháng, sắp hết hạn".
    const rules: LifeEventRules = {
      rules: [
        {
          id: 'residence-confirmation-expiring',
          versions: [
            {
              effectiveFrom: '2016-01-01',
              kind: 'document_expiring',
              documentType: 'xac-nhan-cu-tru',
              validityMonths: 1,
              warnDays: 60,
              procedureCode: '1.004194',
              basis: 'Quy tắc thử nghiệm',
            },
          ],
        },
      ],
    };
    const up = await mother.upload('/api/uploads', 'xac-nhan-cu-tru.png', 'image/png', (await renderSpecimen('residence-confirmation', 7)).png);
    expect(up.statusCode, up.body).toBe(201);
    const photo = await mother.post('/api/my/store/photo-copies', { uploadId: up.json().id, type: 'residence-confirmation' });
    expect(photo.statusCode, photo.body).toBe(202);
    // Its own, unchecked photo: no suggestion claims it is a paper issued that day and valid for a month.
    expect(await suggestionsFor(t.ctx, DEMO_MOTHER_ID, today, rules)).toEqual([]);
    // A confirmed photo copy is still not checked against the original: still not counted.
    await t.ctx.db.query("UPDATE photo_copies SET confirmed_fields = '[]', confirmed_at = now() WHERE id = $1", [photo.json().id]);
    expect(await suggestionsFor(t.ctx, DEMO_MOTHER_ID, today, rules)).toEqual([]);
    // A digitised (signed, checked against the original) paper of the same type is.
    const file = (await t.ctx.db.query<{ sha256: string }>('SELECT sha256 FROM store_documents WHERE photo_copy_id = $1', [photo.json().id])).rows[0];
    await putInStore(t.ctx.db, {
      ownerIdNumber: DEMO_MOTHER_ID,
      kind: 'digitised',
      title: 'Giấy xác nhận thông tin về cư trú',
      documentType: 'xac-nhan-cu-tru',
      sha256: file.sha256,
      mime: 'application/pdf',
      size: 10,
      issuedAt: new Date(`${today}T09:00:00+07:00`),
      sourceDossierId: null,
      sourceDocumentId: null,
    });
    const items = await suggestionsFor(t.ctx, DEMO_MOTHER_ID, today, rules);
    expect(items.map((s) => s.title)).toEqual(['Giấy xác nhận thông tin về cư trú sắp hết hạn']);
  });

  it('is for a logged-in citizen only', async () => {
    expect((await new TestClient(t.app).get('/api/my/suggestions')).statusCode).toBe(401);
    const clerk = new TestClient(t.app);
    await clerk.loginAs(t.ctx.db, 'official', { userId: 'c1', username: 'vanthu', fullName: 'Văn thư', roles: ['clerk'], unitIds: [] });
    expect((await clerk.get('/api/my/suggestions')).statusCode).toBe(403);
  });
});
