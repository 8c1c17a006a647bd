import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { openTestDatabase, testDatabaseKind } from '../../testing/harness.ts';
import { appendAction, verifyActionLog } from './action-log.ts';

async function insertDossier(db: Database, code: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.query(
    `INSERT INTO dossiers (id, code, procedure_code, procedure_version, case_code, procedure_name, status, channel, applicant, applicant_name, summary, form_values, receiving_unit_id, submitted_at)
     VALUES ($1, $2, 'P', 1, 'C', 'Thủ tục thử', 1, 2, '{}', 'Nguyễn Văn A', 'thử', '{}', 'U', now())`,
    [id, code],
  );
  return id;
}

describe(`action log hash chain on ${testDatabaseKind}`, () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await migrate(db);
  });
  afterAll(async () => drop());

  const actor = { actorKind: 'official' as const, actorId: 'u1', actorName: 'Trần Thị Bình', actorRole: 'reception' };

  it('chains entries and verifies a clean log', async () => {
    const a = await insertDossier(db, 'A-1');
    const b = await insertDossier(db, 'B-1');
    for (const [id, n] of [
      [a, 4],
      [b, 3],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await db.transaction((tx) =>
          appendAction(tx, id, { ...actor, action: `step-${i}`, fromStatus: i, toStatus: i + 1, data: { ghiChu: 'Hồ sơ đầy đủ', i } }),
        );
      }
    }
    const result = await verifyActionLog(db, { pageSize: 2 });
    expect(result).toMatchObject({ entries: 7, problems: [] });
    expect(result.dossiers).toBe(2);
  });

  it('detects an edited entry, and the break stays pinned to that entry', async () => {
    const id = await insertDossier(db, 'C-1');
    for (let i = 0; i < 3; i++) await db.transaction((tx) => appendAction(tx, id, { ...actor, action: `a${i}` }));
    await db.query(`UPDATE dossier_actions SET data = '{"forged": true}' WHERE dossier_id = $1 AND seq = 2`, [id]);
    const r = await verifyActionLog(db, { dossierId: id });
    expect(r.problems).toEqual([{ dossierId: id, seq: 2, problem: 'hash_mismatch' }]);
  });

  it('detects a deleted entry', async () => {
    const id = await insertDossier(db, 'D-1');
    for (let i = 0; i < 3; i++) await db.transaction((tx) => appendAction(tx, id, { ...actor, action: `a${i}` }));
    await db.query('DELETE FROM dossier_actions WHERE dossier_id = $1 AND seq = 2', [id]);
    const r = await verifyActionLog(db, { dossierId: id });
    expect(r.problems.map((p) => p.problem).sort()).toEqual(['prev_hash_mismatch', 'sequence_gap']);
  });

  it('reports a dossier that has no log entry at all', async () => {
    const id = await insertDossier(db, 'E-1');
    const one = await verifyActionLog(db, { dossierId: id });
    expect(one).toEqual({ dossiers: 1, entries: 0, problems: [{ dossierId: id, seq: 0, problem: 'no_entries' }] });
    const all = await verifyActionLog(db);
    expect(all.problems).toContainEqual({ dossierId: id, seq: 0, problem: 'no_entries' });
  });
});

describe(`dossier codes on ${testDatabaseKind}`, () => {
  it('formats codes in SQL exactly as the core formatter does, past 9,999 too', async () => {
    const { formatDossierCode } = await import('../../../core/dossiers/code.ts');
    const { assignDossierCode } = await import('./codes.ts');
    const { db, drop } = await openTestDatabase();
    try {
      await migrate(db);
      const at = new Date('2026-11-23T03:00:00Z');
      const id = await insertDossier(db, 'X-1');
      expect(await db.transaction((tx) => assignDossierCode(tx, id, '000.01.52.H19', at))).toBe(formatDossierCode('000.01.52.H19', at, 1));
      await db.query('UPDATE dossier_code_counters SET last_value = 12344');
      const id2 = await insertDossier(db, 'X-2');
      expect(await db.transaction((tx) => assignDossierCode(tx, id2, '000.01.52.H19', at))).toBe(formatDossierCode('000.01.52.H19', at, 12345));
    } finally {
      await drop();
    }
  });

  it('draws codes before a transaction: one counter per unit and Vietnam day, shared with the in-transaction path, each number once', async () => {
    const { formatDossierCode } = await import('../../../core/dossiers/code.ts');
    const { assignDossierCode, reserveDossierCode } = await import('./codes.ts');
    const { db, drop } = await openTestDatabase();
    try {
      await migrate(db);
      const at = new Date('2026-11-23T16:59:00Z'); // 23:59 in Vietnam
      const nextDay = new Date('2026-11-23T17:00:00Z'); // 00:00 the next day in Vietnam
      const unit = '000.01.52.H19';
      expect(await reserveDossierCode(db, unit, at)).toBe(formatDossierCode(unit, at, 1));
      expect(await reserveDossierCode(db, unit, nextDay)).toBe(formatDossierCode(unit, nextDay, 1));
      expect(await reserveDossierCode(db, '000.02.52.H19', at)).toBe(formatDossierCode('000.02.52.H19', at, 1));
      // The in-transaction path continues the same counter.
      const id = await insertDossier(db, 'X-3');
      expect(await db.transaction((tx) => assignDossierCode(tx, id, unit, at))).toBe(formatDossierCode(unit, at, 2));
      // A number drawn and then not used (the submission failed) is not given again: a gap, never a duplicate.
      const lost = await reserveDossierCode(db, unit, at);
      expect(lost).toBe(formatDossierCode(unit, at, 3));
      await expect(
        db.transaction(async (tx) => {
          await tx.query('UPDATE dossiers SET code = $1 WHERE id = $2', [lost, id]);
          throw new Error('the submission fails after drawing its number');
        }),
      ).rejects.toThrow();
      const drawn = await Promise.all(Array.from({ length: 20 }, () => reserveDossierCode(db, unit, at)));
      expect(new Set(drawn).size).toBe(20);
      expect(drawn.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 4));
      await expect(reserveDossierCode(db, 'not-a-unit', at)).rejects.toThrow(/Invalid agency code/);
    } finally {
      await drop();
    }
  });
});
