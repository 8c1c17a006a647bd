/**
 * Backup and restore of a whole installation, the same on the embedded database (PGlite) and on PostgreSQL:
 * `npm run motcua -- backup --out <dir>` and `restore --from <dir> [--force]`.
 *
 * A backup is a folder:
 * - `tables/<table>.jsonl`: every row of every table of the schema, one JSON object a line (`to_jsonb`, so every
 *   type round-trips exactly through PostgreSQL's own text forms; the values are never parsed in JavaScript);
 * - `files/<aa>/<bb>/<sha256>`: every file of the file store (disk or S3), named by its hash;
 * - `manifest.json`: the format, the migrations applied, each table's row count and SHA-256 of its file, each
 *   sequence's position, each file's size, written last (a folder without a manifest is an unfinished backup).
 * All tables are read in one REPEATABLE READ, read-only transaction: one consistent snapshot while the server runs.
 * Files are content-addressed and never change, so copying them after the snapshot misses nothing the snapshot
 * references (a file is stored before the row naming it commits).
 *
 * A restore checks every hash first, migrates the target to the backup's migrations (it must run the same version of
 * MotCua), refuses a target that holds data unless forced, then in one transaction (triggers and foreign keys off
 * with session_replication_role = replica, hence a superuser or the database owner with that right) empties every
 * table, loads the rows, and sets the sequences. Files are put into the configured store (idempotent).
 *
 * For PostgreSQL in production this is the logical, portable backup (and the drill); point-in-time recovery comes
 * from pgBackRest and WAL archiving (docs/operations.md).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Queryable } from '../db/database.ts';
import { listMigrations, migrate } from '../db/migrate.ts';
import { type FileStore, isSha256, sha256Hex } from '../files/store.ts';
import { systemNow } from '../clock.ts';

export const BACKUP_FORMAT = 'motcua-backup/1';
const PAGE = 2000;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  engine: Database['kind'];
  migrations: string[];
  tables: { name: string; rows: number; sha256: string }[];
  sequences: { name: string; lastValue: number; isCalled: boolean }[];
  files: { sha256: string; size: number }[];
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Tables of the current schema (partitions come with their parent), by name. */
async function tablesOf(q: Queryable): Promise<string[]> {
  const r = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  return r.rows.map((x) => x.name);
}

async function sequencesOf(q: Queryable): Promise<string[]> {
  const r = await q.query<{ name: string }>(
    "SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S' ORDER BY c.relname",
  );
  return r.rows.map((x) => x.name);
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new BackupError(`unexpected table name: ${name}`);
  return `"${name}"`;
};

/** Writes a backup of the database and the file store into `outDir` (absent or empty). */
export async function backup(db: Database, files: FileStore, outDir: string): Promise<BackupManifest & { ms: number }> {
  const t0 = Date.now();
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new BackupError(`Thư mục ${outDir} không trống: hãy chọn một thư mục mới.`);
  fs.mkdirSync(path.join(outDir, 'tables'), { recursive: true });
  const snapshot = await db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const migrations = (await tx.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    const tables: BackupManifest['tables'] = [];
    for (const name of await tablesOf(tx)) {
      if (name === 'schema_migrations') continue;
      const file = path.join(outDir, 'tables', `${name}.jsonl`);
      const out = fs.openSync(file, 'w');
      const hash = crypto.createHash('sha256');
      let rows = 0;
      try {
        await tx.query(`DECLARE motcua_backup NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS j FROM ${ident(name)} t`);
        for (;;) {
          const page = await tx.query<{ j: string }>(`FETCH ${PAGE} FROM motcua_backup`);
          if (page.rows.length === 0) break;
          const chunk = page.rows.map((r) => `${r.j}\n`).join('');
          fs.writeSync(out, chunk);
          hash.update(chunk);
          rows += page.rows.length;
        }
        await tx.query('CLOSE motcua_backup');
        fs.fsyncSync(out);
      } finally {
        fs.closeSync(out);
      }
      tables.push({ name, rows, sha256: hash.digest('hex') });
    }
    const sequences: BackupManifest['sequences'] = [];
    for (const name of await sequencesOf(tx)) {
      const s = (await tx.query<{ last_value: number; is_called: boolean }>(`SELECT last_value, is_called FROM ${ident(name)}`)).rows[0];
      sequences.push({ name, lastValue: Number(s.last_value), isCalled: s.is_called });
    }
    return { migrations, tables, sequences };
  });
  const stored: BackupManifest['files'] = [];
  for await (const sha256 of files.list()) {
    const bytes = await files.get(sha256); // checked against its hash by the store
    const target = path.join(outDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    stored.push({ sha256, size: bytes.length });
  }
  stored.sort((a, b) => a.sha256.localeCompare(b.sha256));
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: systemNow().toISOString(),
    engine: db.kind,
    ...snapshot,
    files: stored,
  };
  // The manifest last: its presence says the backup is complete.
  const tmp = path.join(outDir, 'manifest.json.tmp');
  fs.writeFileSync(tmp, JSON.stringify(manifest, null, 1));
  fs.renameSync(tmp, path.join(outDir, 'manifest.json'));
  return { ...manifest, ms: Date.now() - t0 };
}

/** Reads a backup's manifest and checks every table file and every stored file against its hash. */
export function readVerifiedBackup(fromDir: string): BackupManifest {
  const manifestFile = path.join(fromDir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${fromDir} không phải một bản sao lưu hoàn chỉnh (không có manifest.json).`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`Định dạng sao lưu không hỗ trợ: ${String(manifest.format)}.`);
  for (const t of manifest.tables) {
    ident(t.name);
    const actual = sha256Hex(fs.readFileSync(path.join(fromDir, 'tables', `${t.name}.jsonl`)));
    if (actual !== t.sha256) throw new BackupError(`Tệp dữ liệu của bảng ${t.name} đã bị thay đổi hoặc hỏng (mã băm không khớp).`);
  }
  for (const f of manifest.files) {
    if (!isSha256(f.sha256)) throw new BackupError(`Tên tệp không hợp lệ trong manifest: ${f.sha256}`);
    const bytes = fs.readFileSync(path.join(fromDir, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256));
    if (sha256Hex(bytes) !== f.sha256 || bytes.length !== f.size) throw new BackupError(`Tệp ${f.sha256} trong bản sao lưu đã bị hỏng (mã băm không khớp).`);
  }
  return manifest;
}

/** Tables the migrations themselves fill (one row of state): they do not make a database "hold data". */
function tablesFilledByMigrations(): Set<string> {
  const out = new Set(['schema_migrations']);
  for (const m of listMigrations()) for (const match of m.sql.matchAll(/^INSERT INTO ([a-z_][a-z0-9_]*)/gm)) out.add(match[1]);
  return out;
}

/** Tables of the database that hold rows (other than what the migrations put there). */
export async function tablesHoldingData(db: Queryable): Promise<string[]> {
  const skip = tablesFilledByMigrations();
  const out: string[] = [];
  for (const name of await tablesOf(db)) {
    if (skip.has(name)) continue;
    if ((await db.query(`SELECT 1 FROM ${ident(name)} LIMIT 1`)).rows.length > 0) out.push(name);
  }
  return out;
}

/** Restores a backup into the database and the file store. */
export async function restore(
  db: Database,
  files: FileStore,
  fromDir: string,
  opts: { force?: boolean } = {},
): Promise<{ tables: number; rows: number; files: number; ms: number }> {
  const t0 = Date.now();
  const manifest = readVerifiedBackup(fromDir);
  await migrate(db);
  const applied = (await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
  if (applied.join(',') !== manifest.migrations.join(',')) {
    throw new BackupError(
      `Bản sao lưu được tạo bởi phiên bản MotCua có các migration ${manifest.migrations.at(-1) ?? '(không có)'}, cơ sở dữ liệu đích có ${applied.at(-1) ?? '(không có)'}: hãy khôi phục bằng đúng phiên bản đã sao lưu.`,
    );
  }
  if (!opts.force) {
    const holding = await tablesHoldingData(db);
    if (holding.length > 0)
      throw new BackupError(
        `Cơ sở dữ liệu đích đã có dữ liệu (bảng ${holding.slice(0, 5).join(', ')}${holding.length > 5 ? '…' : ''}): không khôi phục đè. Dùng --force để xoá dữ liệu hiện có và khôi phục.`,
      );
  }
  // Files first: once the rows naming them are back, the files are there.
  for (const f of manifest.files) {
    if (await files.has(f.sha256)) continue;
    const stored = await files.put(fs.readFileSync(path.join(fromDir, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256)));
    if (stored.sha256 !== f.sha256) throw new BackupError(`Tệp ${f.sha256} không khớp khi khôi phục.`);
  }
  let rows = 0;
  await db.transaction(async (tx) => {
    await tx.query('SET LOCAL session_replication_role = replica');
    const present = new Set(await tablesOf(tx));
    const missing = manifest.tables.filter((t) => !present.has(t.name));
    if (missing.length > 0) throw new BackupError(`Bảng không có trong cơ sở dữ liệu đích: ${missing.map((t) => t.name).join(', ')}.`);
    const emptied = [...present].filter((t) => t !== 'schema_migrations');
    if (emptied.length > 0) await tx.query(`TRUNCATE ${emptied.map(ident).join(', ')}`);
    for (const t of manifest.tables) {
      const cols = (
        await tx.query<{ name: string }>(
          `SELECT a.attname AS name FROM pg_attribute a
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum`,
          [ident(t.name)],
        )
      ).rows.map((c) => `"${c.name}"`);
      const list = cols.join(', ');
      const lines = fs.readFileSync(path.join(fromDir, 'tables', `${t.name}.jsonl`), 'utf8').split('\n');
      if (lines.at(-1) === '') lines.pop();
      for (let i = 0; i < lines.length; i += PAGE) {
        const batch = `[${lines.slice(i, i + PAGE).join(',')}]`;
        await tx.query(
          `INSERT INTO ${ident(t.name)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM jsonb_populate_recordset(NULL::${ident(t.name)}, $1::jsonb)`,
          [batch],
        );
      }
      rows += lines.length;
    }
    for (const s of manifest.sequences) await tx.query('SELECT setval($1::regclass, $2, $3)', [ident(s.name), s.lastValue, s.isCalled]);
  });
  return { tables: manifest.tables.length, rows, files: manifest.files.length, ms: Date.now() - t0 };
}
