/**
 * Admin command line: `npm run motcua -- <command> [options]`.
 * Uses the same configuration as the server (DATA_DIR, DATABASE_URL).
 */
import { FEEDBACK_MAILBOX_HELP, runFeedbackMailboxCommand } from './modules/feedback/index.ts';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openConfiguredDatabase } from './bootstrap.ts';
import { migrate } from './db/migrate.ts';
import { seedDemo } from './seed/demo.ts';
import { prefillForPerson, verifyActionLog } from './modules/dossiers/index.ts';
import { importCatalogue, readCatalogueFiles } from './modules/catalogue/index.ts';
import { ProcedureDefinition } from '../core/catalogue/schema.ts';
import fs from 'node:fs';
import { dueDate, formatVn, type DeadlineUnit } from '../core/deadlines/deadlines.ts';
import { loadCalendar } from './modules/reference/index.ts';
import { CREATE_USER_USAGE, planCreateUser, runCreateUser, userFacingError } from './modules/admin/index.ts';
import path from 'node:path';
import { renderSpecimen } from './modules/results/index.ts';
import { INDEX766_HELP, runIndex766 } from './modules/metrics/index.ts';
import { IMPORT_DOSSIERS_HELP, runImportDossiers } from './modules/national-sync/index.ts';
import { IMPORT_QA_HELP, runImportQa } from './modules/national-sync/index.ts';
import { RECONCILE_HELP, runReconcileCommand } from './modules/payments/index.ts';
import { RECOGNISE_HELP, runRecogniseCommand } from './modules/recognition/index.ts';
import { copyFiles, openFileStore } from './files/open-store.ts';
import { backup, BackupError, restore } from './backup/backup.ts';
import { LocalDiskFileStore } from './files/store.ts';

type Command = (args: string[]) => Promise<number>;

/** Opens the configured database, applies pending migrations, runs fn, and closes it. */
async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase(loadConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

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
    run: () =>
      withDatabase(async (db) => {
        await seedDemo(db);
        console.log('Đã nạp dữ liệu mẫu.');
        return 0;
      }),
  },
  'import-catalogue': {
    help: 'Nhập thủ tục từ tệp JSON hoặc thư mục tệp JSON; thủ tục đã có được tạo phiên bản mới nếu nội dung thay đổi.',
    run: async (args) => {
      const target = args[0];
      if (!target) {
        console.error('Cần đường dẫn tới tệp hoặc thư mục JSON.');
        return 2;
      }
      let defs: ProcedureDefinition[];
      if (fs.statSync(target).isDirectory()) defs = readCatalogueFiles(path.resolve(target));
      else {
        const parsed = ProcedureDefinition.safeParse(JSON.parse(fs.readFileSync(target, 'utf8')));
        if (!parsed.success) {
          console.error(`Tệp không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          return 1;
        }
        defs = [parsed.data];
      }
      return withDatabase(async (db) => {
        const r = await importCatalogue(db, defs, 'cli');
        console.log(`Đã nhập: ${r.created} thủ tục mới, ${r.updated} phiên bản mới, ${r.unchanged} không đổi.`);
        return 0;
      });
    },
  },
  'due-date': {
    help: 'Tính hạn giải quyết theo lịch ngày nghỉ của hệ thống. --from <ISO có múi giờ> --amount <n> --unit <working-days|working-hours|calendar-days|months> [--same-day-rule]',
    run: async (args) => {
      const { values } = parseArgs({
        args,
        options: { from: { type: 'string' }, amount: { type: 'string' }, unit: { type: 'string' }, 'same-day-rule': { type: 'boolean' } },
      });
      const units: Record<string, DeadlineUnit> = {
        'working-days': 'working_days',
        'working-hours': 'working_hours',
        'calendar-days': 'calendar_days',
        months: 'months',
      };
      const from = values.from ? new Date(values.from) : null;
      const amount = Number(values.amount);
      const unit = values.unit ? units[values.unit] : undefined;
      if (!from || Number.isNaN(from.getTime()) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(values.from ?? '') || !Number.isInteger(amount) || amount < 0 || !unit) {
        console.error(
          'Cần --from (ISO 8601 có múi giờ, ví dụ 2026-02-12T10:00:00+07:00), --amount (số nguyên ≥ 0) và --unit (working-days, working-hours, calendar-days, months).',
        );
        return 2;
      }
      return withDatabase(async (db) => {
        const calendar = await loadCalendar(db);
        console.log(formatVn(dueDate({ from, amount, unit, sameDayRule: values['same-day-rule'] ?? false }, calendar)));
        return 0;
      });
    },
  },
  'create-user': {
    help: 'Tạo tài khoản cán bộ. --username <u> --full-name <họ và tên> --unit <mã đơn vị> --role <vai trò> [--role …] [--password <p>] (không có --password: lấy MOTCUA_PASSWORD, hoặc sinh mật khẩu mạnh và in ra một lần)',
    run: async (args) => {
      const plan = planCreateUser(args);
      if ('problems' in plan) {
        for (const p of plan.problems) console.error(p);
        console.error(CREATE_USER_USAGE);
        return 2;
      }
      return withDatabase(async (db) => {
        try {
          const o = await runCreateUser(db, plan);
          console.log(`Đã tạo tài khoản ${o.username} (${o.id}): ${o.memberships.map((m) => `${m.role} tại ${m.unitId}`).join(', ')}.`);
          if (plan.passwordGenerated) console.log(`Mật khẩu (chỉ hiển thị lần này): ${plan.password}`);
          return 0;
        } catch (err) {
          const message = userFacingError(err);
          if (!message) throw err;
          console.error(message);
          return 1;
        }
      });
    },
  },
  specimen: {
    help: 'Dựng bản mẫu kết quả của một thủ tục (dữ liệu mẫu, dấu "BẢN MẪU", ký số như thật). --procedure <mã thủ tục> --out <tệp.pdf>',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { procedure: { type: 'string' }, out: { type: 'string' } } });
      if (!values.procedure || !values.out) {
        console.error('Cần --procedure (mã thủ tục, ví dụ 1.001193) và --out (tệp PDF sẽ ghi).');
        return 2;
      }
      const config = loadConfig();
      return withDatabase(async (db) => {
        const pdf = await renderSpecimen(db, config, values.procedure!, prefillForPerson);
        fs.writeFileSync(values.out!, pdf);
        console.log(`Đã ghi bản mẫu kết quả của thủ tục ${values.procedure} vào ${values.out} (${pdf.length} byte, đã ký số).`);
        return 0;
      });
    },
  },
  index766: {
    help: INDEX766_HELP,
    run: (args) => runIndex766(args, withDatabase),
  },
  'import-dossiers': {
    help: IMPORT_DOSSIERS_HELP,
    run: (args) => runImportDossiers(args, withDatabase),
  },
  'import-qa': {
    help: IMPORT_QA_HELP,
    run: (args) => runImportQa(args, loadConfig().publicUrl, withDatabase),
  },
  'feedback-mailbox': {
    help: FEEDBACK_MAILBOX_HELP,
    run: (args) => runFeedbackMailboxCommand(args, withDatabase),
  },
  reconcile: {
    help: RECONCILE_HELP,
    run: (args) => runReconcileCommand(args, withDatabase),
  },
  recognise: {
    help: RECOGNISE_HELP,
    run: runRecogniseCommand,
  },
  backup: {
    help: 'Sao lưu toàn bộ cơ sở dữ liệu (PGlite hoặc PostgreSQL) và kho tệp vào một thư mục mới, kèm manifest mã băm. --out <thư mục>',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
      if (!values.out) {
        console.error('Cần --out (thư mục mới hoặc trống để ghi bản sao lưu).');
        return 2;
      }
      const config = loadConfig();
      return withDatabase(async (db) => {
        try {
          const m = await backup(db, openFileStore(config), path.resolve(values.out!));
          const rows = m.tables.reduce((n, t) => n + t.rows, 0);
          console.log(`Đã sao lưu ${rows} dòng của ${m.tables.length} bảng và ${m.files.length} tệp vào ${values.out} trong ${m.ms} ms.`);
          return 0;
        } catch (err) {
          if (!(err instanceof BackupError)) throw err;
          console.error(err.message);
          return 1;
        }
      });
    },
  },
  restore: {
    help: 'Khôi phục từ một bản sao lưu (kiểm tra mã băm trước); từ chối ghi đè cơ sở dữ liệu đã có dữ liệu trừ khi có --force. Dừng máy chủ trước. --from <thư mục> [--force]',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { from: { type: 'string' }, force: { type: 'boolean' } } });
      if (!values.from) {
        console.error('Cần --from (thư mục bản sao lưu).');
        return 2;
      }
      const config = loadConfig();
      const db = await openConfiguredDatabase(config);
      try {
        const r = await restore(db, openFileStore(config), path.resolve(values.from), { force: values.force ?? false });
        console.log(`Đã khôi phục ${r.rows} dòng của ${r.tables} bảng và ${r.files} tệp trong ${r.ms} ms.`);
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(err.message);
        return 1;
      } finally {
        await db.close();
      }
    },
  },
  'migrate-files': {
    help: 'Chép mọi tệp từ ổ đĩa (DATA_DIR/files) sang kho đối tượng S3 đã cấu hình (S3_BUCKET…); chạy lại an toàn. [--from <thư mục tệp>]',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { from: { type: 'string' } } });
      const config = loadConfig();
      if (!config.s3) {
        console.error('Chưa cấu hình kho S3: đặt S3_BUCKET (và S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) rồi chạy lại.');
        return 2;
      }
      const from = new LocalDiskFileStore(path.resolve(values.from ?? path.join(config.dataDir, 'files')));
      const to = openFileStore(config);
      const t0 = Date.now();
      const r = await copyFiles(from, to, (c, s) => console.log(`  … đã chép ${c}, đã có sẵn ${s}`));
      console.log(`Đã chép ${r.copied} tệp sang S3 (${r.skipped} tệp đã có sẵn) trong ${Date.now() - t0} ms.`);
      return 0;
    },
  },
  'verify-log': {
    help: 'Kiểm tra chuỗi băm của nhật ký xử lý hồ sơ. [--dossier <id>] [--json]',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { dossier: { type: 'string' }, json: { type: 'boolean' } } });
      return withDatabase(async (db) => {
        const r = await verifyActionLog(db, { dossierId: values.dossier });
        if (values.json) console.log(JSON.stringify(r, null, 2));
        else if (r.problems.length === 0) console.log(`Nhật ký toàn vẹn: ${r.entries} bản ghi của ${r.dossiers} hồ sơ.`);
        else {
          console.log(`PHÁT HIỆN SAI LỆCH: ${r.problems.length} vấn đề trong ${r.entries} bản ghi của ${r.dossiers} hồ sơ.`);
          for (const p of r.problems) console.log(`  hồ sơ ${p.dossierId}, bản ghi ${p.seq}: ${p.problem}`);
        }
        return r.problems.length === 0 ? 0 : 1;
      });
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
