import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { startTestApp, testDatabaseKind, type TestApp } from '../../testing/harness.ts';
import { feedbackIndicators } from './service.ts';

async function insert(db: Database, at: Record<string, string>, votes: ('like' | 'dislike')[] = []) {
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO feedback (id, kind, channel, sender_name, contact, title, content, status, received_at, refused_at, answered_at, published_at)
     VALUES ($1, 'feedback', 'portal', 'Người gửi', '0900000000', 't', 'c', $2, $3, $4, $5, $6)`,
    [id, at.status, at.received, at.refused ?? null, at.answered ?? null, at.published ?? null],
  );
  for (const v of votes) await db.query('INSERT INTO feedback_votes (feedback_id, citizen_id, vote) VALUES ($1, $2, $3)', [id, crypto.randomUUID(), v]);
}

describe(`766 indicators 5.2–5.3 from stored PAKN on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(async () => t?.close());

  it('a refusal after 3 working days is late in 5.2; more dislikes than likes is unsatisfied in 5.3', async () => {
    const db = t.ctx.db;
    // Monday 2 Nov 2026, 09:00 in Vietnam; refusal is due within 2 working days.
    await insert(db, { status: 'refused', received: '2026-11-02T09:00:00+07:00', refused: '2026-11-05T09:00:00+07:00' }); // late
    await insert(db, { status: 'refused', received: '2026-11-02T09:00:00+07:00', refused: '2026-11-03T09:00:00+07:00' }); // on time
    await insert(
      db,
      { status: 'published', received: '2026-11-02T09:00:00+07:00', answered: '2026-11-04T09:00:00+07:00', published: '2026-11-05T09:00:00+07:00' },
      ['dislike', 'dislike', 'like'],
    ); // on time, unsatisfied
    const r = await feedbackIndicators(
      db,
      { start: new Date('2026-11-01T00:00:00+07:00'), end: new Date('2026-12-01T00:00:00+07:00') },
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(r['5.2']).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(r['5.3']).toEqual({ numerator: 1, denominator: 3, percent: 33.33 });
    const none = await feedbackIndicators(db, { start: new Date('2025-01-01'), end: new Date('2025-02-01') }, new Date('2026-12-01T00:00:00Z'));
    expect(none['5.2'].percent).toBeNull();
  });
});
