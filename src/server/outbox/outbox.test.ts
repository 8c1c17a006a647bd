import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../adapters/mail.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { startCaptureServer, type CaptureServer } from '../standins/mail/capture-server.ts';
import { openTestDatabase, testDatabaseKind } from '../testing/harness.ts';
import { enqueue, OutboxWorker } from './outbox.ts';

describe(`outbox on ${testDatabaseKind}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  let smtp: CaptureServer;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await migrate(db);
    smtp = await startCaptureServer(db);
  });
  afterAll(async () => {
    await smtp.close();
    await drop();
  });

  it('delivers a mail over real SMTP once, and ignores a duplicate enqueue', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'MotCua <no-reply@motcua.local>');
    await db.transaction(async (tx) => {
      await enqueue(tx, 'mail', 'mail:test:1', { to: 'a@example.vn', subject: 'Xác nhận nộp hồ sơ', text: 'Mã hồ sơ 000.52.25.H21-250801-0001' });
      await enqueue(tx, 'mail', 'mail:test:1', { to: 'a@example.vn', subject: 'trùng', text: 'trùng' });
    });
    const worker = new OutboxWorker(db, {
      mail: async (m) => mailer.send({ ...(m.payload as { to: string; subject: string; text: string }), messageId: `<outbox-${m.id}@motcua.local>` }),
    });
    expect(await worker.drain()).toBe(1);
    expect(await worker.drain()).toBe(0);
    mailer.close();
    const { rows } = await db.query<{ subject: string; body_text: string; rcpt_to: string[] }>('SELECT subject, body_text, rcpt_to FROM standin_mailbox');
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe('Xác nhận nộp hồ sơ');
    expect(rows[0].body_text).toContain('000.52.25.H21-250801-0001');
    expect(rows[0].rcpt_to).toEqual(['a@example.vn']);
  });

  it('retries with backoff after a failure and marks the message dead after the last attempt', async () => {
    await db.transaction((tx) => enqueue(tx, 'flaky', 'flaky:1', { n: 1 }));
    let calls = 0;
    const worker = new OutboxWorker(
      db,
      {
        flaky: async () => {
          calls++;
          throw new Error('SMTP 451 tạm thời lỗi');
        },
      },
      { maxAttempts: 2, backoff: () => 0 },
    );
    await worker.runOnce();
    let row = (
      await db.query<{ status: string; attempts: number; last_error: string }>("SELECT status, attempts, last_error FROM outbox WHERE dedupe_key = 'flaky:1'")
    ).rows[0];
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('451');
    await worker.runOnce();
    row = (
      await db.query<{ status: string; attempts: number; last_error: string }>("SELECT status, attempts, last_error FROM outbox WHERE dedupe_key = 'flaky:1'")
    ).rows[0];
    expect(row).toMatchObject({ status: 'dead', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('lets two workers share a batch without delivering a message twice', async () => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueue(tx, 'count', `count:${i}`, { i });
    });
    const seen: number[] = [];
    const handler = async (m: { payload: Record<string, unknown> }) => {
      seen.push(m.payload.i as number);
    };
    const a = new OutboxWorker(db, { count: handler }, { batchSize: 4 });
    const b = new OutboxWorker(db, { count: handler }, { batchSize: 4 });
    await Promise.all([a.drain(), b.drain()]);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
