/**
 * Guard rail: a dossier's status is written, and a dossier inserted, only by the transition module (transition.ts);
 * an action-log entry is appended only there. Bulk loaders of history (the demo history) are the documented exception.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(import.meta.dirname, '../..');
const ONE_PATH = 'modules/dossiers/transition.ts';
const BULK_HISTORY = new Set(['seed/demo-history.ts']);

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

describe('one way to change a dossier', () => {
  it('writes the status of a dossier only in the transition module', () => {
    expect(offenders(/UPDATE\s+dossiers\s+(?:\w+\s+)?SET\b[^;`]*?\bstatus\s*=/i)).toEqual([]);
  });
  it('inserts dossiers only in the transition module', () => {
    expect(offenders(/INSERT\s+INTO\s+dossiers\s*\(/i)).toEqual([]);
  });
  it('appends to the action log only in the transition module', () => {
    expect(offenders(/\bappendAction\s*\(|INSERT\s+INTO\s+dossier_actions\b/i).filter((f) => f !== 'modules/dossiers/action-log.ts')).toEqual([]);
  });
  it('finds the statements it guards in the transition module itself (the patterns are not blind)', () => {
    const src = fs.readFileSync(path.join(SERVER, ONE_PATH), 'utf8');
    expect(src).toMatch(/UPDATE dossiers SET status = /);
    expect(src).toMatch(/INSERT INTO dossiers \(/);
    expect(src).toMatch(/appendAction\(/);
  });
});
