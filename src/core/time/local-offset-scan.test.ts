/**
 * Local time only through core: no hand-made UTC+7 arithmetic in src/server or src/web (their tests aside, which may
 * state instants in local time). Use src/core/time/local.ts (localDay, localYear, localParts, fromLocal,
 * localDayRange, formatVn, localCompact…), or add a tested helper there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/** Hand-made offsets, in the shapes they were written here before. */
const PATTERNS: { name: string; re: RegExp }[] = [
  { name: '7 hours in ms', re: /\b7\s*\*\s*3_?600_?000\b/ },
  { name: '7 hours in seconds', re: /\b7\s*\*\s*3_?600\b/ },
  { name: '7 * 60 * 60', re: /\b7\s*\*\s*60\s*\*\s*60\b/ },
  { name: '25 200 000 ms', re: /\b25_?200_?000\b/ },
  { name: '420 minutes', re: /\b420\s*\*\s*60_?000\b/ },
  { name: "SQL interval '7 hours'", re: /interval\s*'7\s*hours?'/i },
  { name: 'an hour field moved by 7', re: /getUTCHours\(\)\s*[-+]\s*7\b|Date\.UTC\([^)]*[-+]\s*7\s*,/ },
  { name: 'an interpolated +07:00 suffix', re: /\}[T0-9:.]*\+07:00/ },
];

/**
 * Files still allowed to hold hand-made offsets, with the reason. The lead's files (transition path, issue 12): he
 * replaces these sites with core helpers; then delete the entry (the test fails on an entry that no longer matches,
 * so the list only shrinks).
 */
const ALLOWED = new Map<string, string>([]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** `file:line: text (pattern)` for every hand-made offset in the files. */
function findings(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const p of PATTERNS) if (p.re.test(line)) found.push(`${file}:${i + 1}: ${line.trim()} (${p.name})`);
    });
  }
  return found;
}

describe('local time only through core', () => {
  const files = [...sourceFiles('src/server'), ...sourceFiles('src/web')];

  it('finds no hand-made UTC+7 arithmetic in src/server and src/web outside the allow-list', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(findings(files.filter((f) => !ALLOWED.has(f)))).toEqual([]);
  });

  it('keeps the allow-list honest: every entry still holds what it excuses', () => {
    const stale = [...ALLOWED.keys()].filter((f) => !fs.existsSync(path.join(root, f)) || findings([f]).length === 0);
    expect(stale, 'remove these entries from ALLOWED').toEqual([]);
  });

  it('recognises each shape it looks for', () => {
    const samples = [
      'const v = new Date(d.getTime() + 7 * 3_600_000);',
      'new Date(Date.now() + 7 * 3600_000)',
      'const OFFSET = 7 * 3600;',
      'const OFFSET = 7 * 60 * 60 * 1000;',
      'at + 25_200_000',
      'x + 420 * 60_000',
      "d.received_at >= ($2::date - interval '7 hours')",
      'new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 7, +m[5], +m[6]))',
      'const h = d.getUTCHours() + 7;',
      '[ids, `${today}T00:00:00+07:00`]',
    ];
    for (const s of samples)
      expect(
        PATTERNS.some((p) => p.re.test(s)),
        s,
      ).toBe(true);
    // …and leaves alone what is not an offset: minutes of the working day, a documented example.
    for (const s of ['const open = 7 * 60 + 30;', "console.error('ví dụ 2026-01-05T00:00:00+07:00')", 'const week = 7 * 86_400_000;']) {
      expect(
        PATTERNS.some((p) => p.re.test(s)),
        s,
      ).toBe(false);
    }
  });
});
