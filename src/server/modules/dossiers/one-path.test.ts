/**
 * Guard rail: a dossier's status is written, and a dossier inserted, only by the transition module (transition.ts);
 * an action-log entry is appended only there. Bulk loaders of history (the demo history) are the documented exception.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(import.meta.dirname, '../..');
const ONE_PATH = 'modules/dossiers/transition.ts';
const BULK_HISTORY = new Set(['seed/demo-history.ts', 'modules/national-sync/import.ts']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const offenders = (pattern: RegExp) =>
  sources(SERVER)
    .map((f) => path.relative(SERVER, f))
    .filter((f) => f !== ONE_PATH && !BULK_HISTORY.has(f) && pattern.test(fs.readFileSync(path.join(SERVER, f), 'utf8')));

/** In SQL text, through the typed query builder (src/server/db/kysely.ts) or its shapes kept (src/server/db/insert-shapes.ts). */
const WRITES_STATUS = [
  /UPDATE\s+dossiers\s+(?:\w+\s+)?SET\b[^;`]*?\bstatus\s*=/i,
  /updateTable\(\s*['"]dossiers(?:\s+as\s+\w+)?['"]\s*\)[\s\S]{0,400}?\.set\(\s*\{[^}]*?\bstatus\b/,
];
const INSERTS_DOSSIER = [/INSERT\s+INTO\s+dossiers\s*\(/i, /insertInto\(\s*['"]dossiers['"]\s*\)/, /insertWrite\(\s*['"]dossiers['"]/];
const APPENDS_LOG = [
  /\bappendAction\s*\(/,
  /INSERT\s+INTO\s+dossier_actions\b/i,
  /insertInto\(\s*['"]dossier_actions['"]\s*\)/,
  /insertWrite\(\s*['"]dossier_actions['"]/,
];
const any = (patterns: RegExp[]) => ({ test: (text: string) => patterns.some((p) => p.test(text)) }) as RegExp;

describe('one way to change a dossier', () => {
  it('writes the status of a dossier only in the transition module', () => {
    expect(offenders(any(WRITES_STATUS))).toEqual([]);
  });
  it('inserts dossiers only in the transition module', () => {
    expect(offenders(any(INSERTS_DOSSIER))).toEqual([]);
  });
  it('appends to the action log only in the transition module', () => {
    expect(offenders(any(APPENDS_LOG)).filter((f) => f !== 'modules/dossiers/action-log.ts')).toEqual([]);
  });
  it('finds the statements it guards in the transition module itself (the patterns are not blind)', () => {
    const src = fs.readFileSync(path.join(SERVER, ONE_PATH), 'utf8');
    expect(WRITES_STATUS[1].test(src)).toBe(true);
    expect(INSERTS_DOSSIER[1].test(src) && INSERTS_DOSSIER[2].test(src)).toBe(true);
    expect(APPENDS_LOG[0].test(src) && APPENDS_LOG[3].test(src)).toBe(true);
    expect(APPENDS_LOG[2].test(fs.readFileSync(path.join(SERVER, 'modules/dossiers/action-log.ts'), 'utf8'))).toBe(true);
    expect(WRITES_STATUS[0].test("await tx.query('UPDATE dossiers SET sub_state = $2, status = $3 WHERE id = $1')")).toBe(true);
    expect(WRITES_STATUS[0].test("await tx.query('UPDATE dossiers SET current_task_id = $2 WHERE id = $1')")).toBe(false);
  });
});
