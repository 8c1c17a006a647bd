/**
 * The restore drill: a demo installation with history (dossiers, hash-chained logs, payments) and files → backup →
 * changes → restore: every dossier, log hash, payment and file is as at the backup. Then the same backup into a new,
 * empty database. Prints the counts and times.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database.ts';
import { LocalDiskFileStore, sha256Hex } from '../files/store.ts';
import { verifyActionLog } from '../modules/dossiers/index.ts';
import { seedDemoHistory } from '../seed/demo-history.ts';
import { openTestDatabase, startTestApp, testDatabaseKind, type TestApp } from '../testing/harness.ts';
import { backup, BackupError, readVerifiedBackup, restore } from './backup.ts';

const DRILL_TABLES = ['dossiers', 'dossier_actions', 'payment_intents', 'payment_ledger', 'receipts', 'stored_files', 'officials', 'metric_daily'];

/** Each table's rows, as one digest and a count (order-independent). */
async function fingerprint(db: Queryable): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const t of DRILL_TABLES) {
    const r = await db.query<{ rows: number; digest: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(to_jsonb(t)::text, E'\\n' ORDER BY to_jsonb(t)::text)) AS digest FROM ${t} t`,
    );
    out[t] = { rows: r.rows[0].rows, digest: r.rows[0].digest ?? '' };
  }
  return out;
}

describe(`backup and restore drill on ${testDatabaseKind}`, () => {
  let t: TestApp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
  const out = path.join(tmp, 'backup-1');
  const fileHashes: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    await seedDemoHistory(t.ctx.db, { from: '2026-01-05', today: '2026-02-27', scale: 0.3 });
    for (let i = 0; i < 5; i++) fileHashes.push((await t.ctx.files.put(crypto.randomBytes(3000 + i))).sha256);
    // Paid fees on a few dossiers: an intent and its ledger entries (a bigserial: the sequence must come back too).
    const some = (await t.ctx.db.query<{ id: string }>('SELECT id FROM dossiers ORDER BY code LIMIT 5')).rows;
    for (const [i, d] of some.entries()) {
      const intent = crypto.randomUUID();
      await t.ctx.db.query(
        `INSERT INTO payment_intents (id, dossier_id, idempotency_key, gateway, reference, amount, state, purpose, created_by_kind, created_by, created_at, expires_at, paid_at, updated_at)
         VALUES ($1, $2, $3, 'vnpay', $4, $5, 'paid', 'submission', 'citizen', 'c', now(), now() + interval '15 minutes', now(), now())`,
        [intent, d.id, `drill-${i}`, `REF${i}`, 50_000 + i * 1000],
      );
      for (const [entry, from, to] of [
        ['created', null, 'created'],
        ['paid', 'created', 'paid'],
      ])
        await t.ctx.db.query(
          "INSERT INTO payment_ledger (intent_id, dossier_id, entry, from_state, to_state, amount, source, at) VALUES ($1, $2, $3, $4, $5, $6, 'ipn', now())",
          [intent, d.id, entry, from, to, 50_000 + i * 1000],
        );
    }
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('backup → change → restore gives back every dossier, log hash, payment and file', async () => {
    const before = await fingerprint(t.ctx.db);
    expect(before.dossiers.rows).toBeGreaterThan(20);
    expect(before.dossier_actions.rows).toBeGreaterThan(before.dossiers.rows);
    expect(before.payment_intents.rows).toBe(5);
    expect(before.payment_ledger.rows).toBe(10);

    const made = await backup(t.ctx.db, t.ctx.files, out);
    expect(made.files.map((f) => f.sha256)).toEqual(expect.arrayContaining(fileHashes));
    expect(made.tables.find((x) => x.name === 'dossiers')?.rows).toBe(before.dossiers.rows);
    expect(fs.existsSync(path.join(out, 'manifest.json'))).toBe(true);
    await expect(backup(t.ctx.db, t.ctx.files, out)).rejects.toThrow(BackupError);

    // Changes after the backup: a dossier edited, a log entry removed, payments gone, a new file.
    const [victim] = (await t.ctx.db.query<{ id: string }>('SELECT id FROM dossiers ORDER BY code LIMIT 1')).rows;
    await t.ctx.db.query("UPDATE dossiers SET summary = 'đã bị sửa' WHERE id = $1", [victim.id]);
    await t.ctx.db.query('DELETE FROM dossier_actions WHERE dossier_id = $1 AND seq = 1', [victim.id]);
    await t.ctx.db.query("UPDATE payment_intents SET state = 'refunded' WHERE idempotency_key = 'drill-0'");
    await t.ctx.db.query(
      "INSERT INTO payment_ledger (intent_id, dossier_id, entry, from_state, to_state, amount, source, at) SELECT id, dossier_id, 'refunded', 'paid', 'refunded', amount, 'refund_api', now() FROM payment_intents WHERE idempotency_key = 'drill-0'",
    );
    await t.ctx.files.put(Buffer.from('tệp mới sau khi sao lưu'));
    expect(await fingerprint(t.ctx.db)).not.toEqual(before);

    await expect(restore(t.ctx.db, t.ctx.files, out)).rejects.toThrow(/đã có dữ liệu.*--force/);
    const restored = await restore(t.ctx.db, t.ctx.files, out, { force: true });
    expect(await fingerprint(t.ctx.db)).toEqual(before);
    expect((await verifyActionLog(t.ctx.db)).problems).toEqual([]);
    for (const h of fileHashes) expect(sha256Hex(await t.ctx.files.get(h))).toBe(h);
    const total = made.tables.reduce((n, x) => n + x.rows, 0);
    console.log(
      `restore drill (${testDatabaseKind}): ${before.dossiers.rows} dossiers, ${before.dossier_actions.rows} log entries, ` +
        `${before.payment_intents.rows} payment intents, ${made.files.length} files, ${total} rows in ${made.tables.length} tables; ` +
        `backup ${made.ms} ms, restore ${restored.ms} ms`,
    );
  }, 300_000);

  it('restores into a new empty database and file store without --force; refuses a damaged backup', async () => {
    const { db, drop } = await openTestDatabase();
    const store = new LocalDiskFileStore(path.join(tmp, 'files-2'));
    try {
      const r = await restore(db, store, out);
      expect(await fingerprint(db)).toEqual(await fingerprint(t.ctx.db));
      expect(r.files).toBeGreaterThanOrEqual(fileHashes.length);
      for (const h of fileHashes) expect(await store.has(h)).toBe(true);
      // The ledger's sequence came back: the next entry gets a new id, above every restored one.
      const next = await db.query<{ id: number; max: number }>(
        "INSERT INTO payment_ledger (intent_id, dossier_id, entry, to_state, amount, source, at) SELECT id, dossier_id, 'failed', 'failed', amount, 'ipn', now() FROM payment_intents LIMIT 1 RETURNING id, (SELECT max(id) FROM payment_ledger) AS max",
      );
      expect(next.rows[0].id).toBeGreaterThan(next.rows[0].max);
    } finally {
      await drop();
    }
    const dossiersFile = path.join(out, 'tables', 'dossiers.jsonl');
    fs.appendFileSync(dossiersFile, '{"id": "forged"}\n');
    expect(() => readVerifiedBackup(out)).toThrow(/bảng dossiers.*mã băm không khớp/);
  }, 300_000);
});
