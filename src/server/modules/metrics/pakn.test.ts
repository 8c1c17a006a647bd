import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { indexReport } from './report.ts';

describe(`766 dashboard 5.2–5.3 read from stored PAKN on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(async () => t?.close());

  it('shows "no data" without PAKN, and counts a late refusal (5.2) and a disliked answer (5.3) once there are some', async () => {
    const db = t.ctx.db;
    const resolved = { unit: { id: 'U', code: 'U', name: 'Xã thử', kind: 'commune', parentId: null }, unitIds: ['U'] };
    const before = await indexReport(db, resolved, '2026-11-01', '2026-11-30');
    expect(before.indicators.find((i) => i.code === '5.2')).toMatchObject({ noData: true });

    const add = async (status: string, received: string, refused: string | null, answered: string | null, votes: string[]) => {
      const id = crypto.randomUUID();
      await db.query(
        `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, status, received_at, refused_at, answered_at, published_at)
         VALUES ($1, 'feedback', 'portal', 'N', '0900000000', 't', 'c', $2, $3, $4, $5, $5)`,
        [id, status, received, refused, answered],
      );
      for (const v of votes) await db.query('INSERT INTO feedback_votes (feedback_id, citizen_id, vote) VALUES ($1, $2, $3)', [id, crypto.randomUUID(), v]);
    };
    await add('refused', '2026-11-02T09:00:00+07:00', '2026-11-05T09:00:00+07:00', null, []); // refused after 3 working days: late
    await add('published', '2026-11-02T09:00:00+07:00', null, '2026-11-04T09:00:00+07:00', ['dislike', 'dislike', 'like']); // on time, unsatisfied
    const r = await indexReport(db, resolved, '2026-11-01', '2026-11-30');
    const i52 = r.indicators.find((i) => i.code === '5.2');
    const i53 = r.indicators.find((i) => i.code === '5.3');
    expect(i52).toMatchObject({ noData: false, numerator: 1, denominator: 2 });
    expect(i53).toMatchObject({ noData: false, numerator: 0, denominator: 2 });
  });
});
