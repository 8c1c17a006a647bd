import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { now, resetClock, setClockTo, systemNow } from './clock.ts';

describe('the two clocks', () => {
  afterEach(() => resetClock());

  it('moves business time (now) when set, never the machine time (systemNow)', () => {
    const ahead = new Date(Date.now() + 10 * 86_400_000);
    setClockTo(ahead);
    expect(Math.abs(now().getTime() - ahead.getTime())).toBeLessThan(1000);
    expect(Math.abs(systemNow().getTime() - Date.now())).toBeLessThan(1000);
    setClockTo(new Date('2026-03-09T01:00:00Z'), { frozen: true });
    expect(now().toISOString()).toBe('2026-03-09T01:00:00.000Z');
    expect(systemNow().getFullYear()).not.toBe(0);
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1000);
  });
});

/**
 * Server code says which clock it means: `now()` (business) or `systemNow()` (real), never a bare `new Date()`.
 * Files of other owners that still have one, with what they should become; delete an entry once fixed (the test fails
 * on an entry with nothing left to excuse).
 */
const ALLOWED = new Map<string, string>([]);

const root = path.resolve(import.meta.dirname, '../..');
const BARE = /new Date\(\s*\)/;

function serverFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return serverFiles(rel);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [rel] : [];
  });
}

const bareDates = (file: string) =>
  fs
    .readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (BARE.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));

describe('one clock per purpose', () => {
  const files = serverFiles('src/server');

  it('has no bare new Date() in server code outside the allow-list', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => !ALLOWED.has(f)).flatMap(bareDates)).toEqual([]);
  });

  it('keeps the allow-list honest', () => {
    expect(
      [...ALLOWED.keys()].filter((f) => !fs.existsSync(path.join(root, f)) || bareDates(f).length === 0),
      'remove these entries',
    ).toEqual([]);
  });
});
