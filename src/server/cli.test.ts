import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli.ts';

describe('admin CLI', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    try {
      return { code: await runCli(args), out: lines.join('\n') };
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
  }

  it('due-date prints the due time with +07:00 over the holiday calendar', async () => {
    expect(await run(['due-date', '--from', '2026-02-12T10:00:00+07:00', '--amount', '3', '--unit', 'working-days'])).toEqual({ code: 0, out: '2026-02-24T17:30:00+07:00' });
    expect((await run(['due-date', '--from', '2026-03-09T15:01:00+07:00', '--amount', '0', '--unit', 'working-days', '--same-day-rule'])).out).toBe('2026-03-10T17:30:00+07:00');
    expect((await run(['due-date', '--from', '2026-03-09T14:00:00+07:00', '--amount', '0', '--unit', 'working-days', '--same-day-rule'])).out).toBe('2026-03-09T17:30:00+07:00');
  });

  it('refuses bad arguments with a Vietnamese message and exit code 2', async () => {
    const r = await run(['due-date', '--from', '2026-03-09', '--amount', '1', '--unit', 'working-days']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('múi giờ');
  });

  it('verify-log reports an intact (empty) log', async () => {
    const r = await run(['verify-log']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Nhật ký toàn vẹn');
  });
});
