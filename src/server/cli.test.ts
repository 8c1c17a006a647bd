import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './cli.ts';
import { openDatabase } from './db/database.ts';
import { verifyChanges } from './modules/admin/changes.ts';
import { authenticate } from './modules/officials/service.ts';

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
    expect(await run(['due-date', '--from', '2026-02-12T10:00:00+07:00', '--amount', '3', '--unit', 'working-days'])).toEqual({
      code: 0,
      out: '2026-02-24T17:30:00+07:00',
    });
    expect((await run(['due-date', '--from', '2026-03-09T15:01:00+07:00', '--amount', '0', '--unit', 'working-days', '--same-day-rule'])).out).toBe(
      '2026-03-10T17:30:00+07:00',
    );
    expect((await run(['due-date', '--from', '2026-03-09T14:00:00+07:00', '--amount', '0', '--unit', 'working-days', '--same-day-rule'])).out).toBe(
      '2026-03-09T17:30:00+07:00',
    );
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

  it('create-user creates an official with roles at a unit, logged as the cli, with a password given or generated once', async () => {
    expect((await run(['migrate'])).code).toBe(0);
    const open = () => openDatabase({ dataDir: path.join(dir, 'pglite') });
    let db = await open();
    await db.query("INSERT INTO admin_units (code, name, type, level) VALUES ('75', 'Tỉnh Đồng Nai', 'Tỉnh', 'province') ON CONFLICT DO NOTHING");
    await db.query("INSERT INTO org_units (id, name, kind, admin_unit_code) VALUES ('dni.ubnd', 'Ủy ban nhân dân tỉnh Đồng Nai', 'ubnd_tinh', '75')");
    await db.close();

    const args = ['create-user', '--username', 'quantri.moi', '--full-name', 'Nguyễn Quản Trị', '--unit', 'dni.ubnd'];
    const badRole = await run([...args, '--role', 'sep']);
    expect(badRole.code).toBe(2);
    expect(badRole.out).toContain('--role');
    expect(badRole.out).toContain('Vai trò phải là một trong');
    expect((await run(['create-user', '--username', 'x'])).code).toBe(2);

    const created = await run([...args, '--role', 'system_admin', '--role', 'catalogue_admin']);
    expect(created.code, created.out).toBe(0);
    expect(created.out).toContain('Đã tạo tài khoản quantri.moi');
    const generated = /Mật khẩu \(chỉ hiển thị lần này\): (\S+)/.exec(created.out)![1];
    expect(generated).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await run([...args, '--role', 'system_admin'])).out).toContain('đã được sử dụng');

    process.env.MOTCUA_PASSWORD = 'TuBien@2025x';
    try {
      const fromEnv = await run(['create-user', '--username', 'tiepnhan.moi', '--full-name', 'Lê Tiếp Nhận', '--unit', 'dni.ubnd', '--role', 'reception']);
      expect(fromEnv.code, fromEnv.out).toBe(0);
      expect(fromEnv.out).not.toContain('Mật khẩu');
      expect(
        (await run(['create-user', '--username', 'khongdonvi', '--full-name', 'Không Đơn Vị', '--unit', 'khong.co', '--role', 'reception'])).out,
      ).toContain('không tồn tại');
      expect(
        (
          await run([
            'create-user',
            '--username',
            'matkhauyeu',
            '--full-name',
            'Mật Khẩu Yếu',
            '--unit',
            'dni.ubnd',
            '--role',
            'reception',
            '--password',
            'ngan',
          ])
        ).code,
      ).toBe(1);
    } finally {
      delete process.env.MOTCUA_PASSWORD;
    }

    db = await open();
    try {
      expect((await authenticate(db, { username: 'quantri.moi', password: generated })).roles.sort()).toEqual(['catalogue_admin', 'system_admin']);
      expect((await authenticate(db, { username: 'tiepnhan.moi', password: 'TuBien@2025x' })).memberships).toEqual([{ unitId: 'dni.ubnd', role: 'reception' }]);
      const { rows } = await db.query<{ actor_id: string | null; actor_username: string; entity_kind: string; action: string; after: { username: string } }>(
        'SELECT actor_id, actor_username, entity_kind, action, after FROM admin_changes ORDER BY id',
      );
      expect(rows.map((r) => [r.actor_id, r.actor_username, r.entity_kind, r.action, r.after.username])).toEqual([
        [null, 'cli', 'official', 'create', 'quantri.moi'],
        [null, 'cli', 'official', 'create', 'tiepnhan.moi'],
      ]);
      expect(JSON.stringify(rows)).not.toContain(generated);
      expect((await verifyChanges(db)).problems).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("specimen renders a procedure's result with demo data, marked as a specimen and signed (pdfsig: valid)", async () => {
    const { spawnSync, execFileSync } = await import('node:child_process');
    if (spawnSync('pdfsig', ['-v']).error) throw new Error('pdfsig is missing: install poppler-utils (apt-get install -y poppler-utils)');
    expect((await run(['seed'])).code).toBe(0);
    expect((await run(['specimen', '--procedure', '1.001193'])).code).toBe(2);
    for (const code of ['1.001193', '2.002233']) {
      const out = path.join(dir, `specimen-${code}.pdf`);
      const r = await run(['specimen', '--procedure', code, '--out', out]);
      expect(r.code, r.out).toBe(0);
      const sig = spawnSync('pdfsig', [out], { encoding: 'utf8' });
      expect(`${sig.stdout}${sig.stderr}`).toContain('Signature is Valid');
      const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('BẢN MẪU');
    }
    const unknown = await run(['specimen', '--procedure', '9.999999', '--out', path.join(dir, 'x.pdf')]).catch((e: Error) => ({ code: 1, out: e.message }));
    expect(unknown.out).toContain('9.999999');
  });
});
