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

  it('is for a logged-in citizen only', async () => {
    expect((await new TestClient(t.app).get('/api/my/suggestions')).statusCode).toBe(401);
    const clerk = new TestClient(t.app);
    await clerk.loginAs(t.ctx.db, 'official', { userId: 'c1', username: 'vanthu', fullName: 'Văn thư', roles: ['clerk'], unitIds: [] });
    expect((await clerk.get('/api/my/suggestions')).statusCode).toBe(403);
  });
});
