/**
 * Admin command line: `npm run motcua -- <command> [options]`.
 * Uses the same configuration as the server (DATA_DIR, DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openConfiguredDatabase } from './bootstrap.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './seed/demo.ts';
import { verifyActionLog } from './modules/dossiers/action-log.ts';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { help: string; run: Command }> = {
  migrate: {
    help: 'Áp dụng các migration còn thiếu vào cơ sở dữ liệu.',
    run: async () => {
      const db = await openConfiguredDatabase(loadConfig());
      try {
        const applied = await migrate(db);
        console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
        return 0;
      } finally {
        await db.close();
      }
    },
  },
  seed: {
    help: 'Nạp bộ dữ liệu mẫu (đơn vị hành chính, cơ quan, lịch, danh mục thủ tục, dân cư mẫu).',
    run: async () => {
      const db = await openConfiguredDatabase(loadConfig());
      try {
        await migrate(db);
        await seedDemo(db);
        console.log('Đã nạp dữ liệu mẫu.');
        return 0;
      } finally {
        await db.close();
      }
    },
  },
  'verify-log': {
    help: 'Kiểm tra chuỗi băm của nhật ký xử lý hồ sơ. [--dossier <id>] [--json]',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { dossier: { type: 'string' }, json: { type: 'boolean' } } });
      const db = await openConfiguredDatabase(loadConfig());
      try {
        const r = await verifyActionLog(db, { dossierId: values.dossier });
        if (values.json) console.log(JSON.stringify(r, null, 2));
        else if (r.problems.length === 0) console.log(`Nhật ký toàn vẹn: ${r.entries} bản ghi của ${r.dossiers} hồ sơ.`);
        else {
          console.log(`PHÁT HIỆN SAI LỆCH: ${r.problems.length} vấn đề trong ${r.entries} bản ghi của ${r.dossiers} hồ sơ.`);
          for (const p of r.problems) console.log(`  hồ sơ ${p.dossierId}, bản ghi ${p.seq}: ${p.problem}`);
        }
        return r.problems.length === 0 ? 0 : 1;
      } finally {
        await db.close();
      }
    },
  },
};

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name ? commands[name] : undefined;
  if (!cmd) {
    console.log('Cách dùng: npm run motcua -- <lệnh> [tuỳ chọn]\n');
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(18)} ${c.help}`);
    return name ? 2 : 0;
  }
  return cmd.run(rest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
