/**
 * Catalogue storage: procedures with immutable versions, each in force from its effective date. Creating or editing
 * a procedure writes a new version: effective today or earlier, it is active at once and closes the previous one
 * (effective_to, status retired); effective later, it is scheduled (status 'draft') and takes over on its date
 * (activateDueVersions). A version in use is never rewritten (a trigger refuses it). Current versions are cached per
 * process and reloaded when a version is added or changes status.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../../core/canonical-json.ts';
import { ProcedureDefinition, type ProcedureCase } from '../../../core/catalogue/schema.ts';
import type { ContentLanguage } from '../../../core/catalogue/english.ts';
import { ProcedureIndex } from '../../../core/catalogue/search.ts';
import { checkFormDefinition } from '../../../core/forms/definition-schema.ts';
import { procedureRoleProblems } from '../../../core/procedures/prefill-roles/index.ts';
import { localDay } from '../../../core/time/local.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { now } from '../../clock.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { caseCanBeFree, freeCondition } from '../../../core/fees/free.ts';

const CATALOGUE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/catalogue/procedures');

export interface ProcedureVersion {
  code: string;
  version: number;
  status: 'active' | 'draft' | 'retired';
  effectiveFrom: string;
  effectiveTo: string | null;
  definition: ProcedureDefinition;
  createdAt: string;
  createdBy: string;
}

interface VersionRow {
  procedure_code: string;
  version: number;
  status: ProcedureVersion['status'];
  effective_from: Date | string;
  effective_to: Date | string | null;
  definition: ProcedureDefinition;
  created_at: Date;
  created_by: string;
}

const day = (d: Date | string | null) =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function toVersion(r: VersionRow): ProcedureVersion {
  return {
    code: r.procedure_code,
    version: r.version,
    status: r.status,
    effectiveFrom: day(r.effective_from)!,
    effectiveTo: day(r.effective_to),
    definition: r.definition,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
  };
}

export function readCatalogueFiles(dir = CATALOGUE_DIR): ProcedureDefinition[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = ProcedureDefinition.safeParse(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const roles = definitionProblems(parsed.data);
      if (roles.length) throw new Error(`${f}: ${roles.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      return parsed.data;
    });
}

/**
 * The e-forms checked by the engine with zod (conditions, references, each field type's validation object) and their
 * population roles: the browser compiles forms without these checks (issue 18), so they are made here, where a
 * definition enters the catalogue.
 */
export function definitionProblems(def: ProcedureDefinition): { path: string; message: string }[] {
  const forms = def.cases.flatMap((c, i) =>
    c.form ? checkFormDefinition(c.form).map((message) => ({ path: `cases.${i}.form`, message: `trường hợp "${c.code}": ${message}` })) : [],
  );
  return [...forms, ...procedureRoleProblems(def)];
}

/** Today in Vietnam (yyyy-mm-dd) by the business clock. */
const vnToday = () => localDay(now());

/**
 * Writes a new version of a procedure (creating the procedure if needed). In force today or earlier: active now,
 * the previous one retired. In force later: scheduled, activated on its date.
 */
export async function writeVersion(
  tx: Queryable,
  def: ProcedureDefinition,
  actor: string,
  opts: { mustExist?: boolean; mustNotExist?: boolean } = {},
): Promise<ProcedureVersion> {
  // The e-forms' population bindings must use roles that will be filled: the basic ones or those of the deriver
  // the form names (src/core/procedures/prefill-roles).
  const roleProblems = definitionProblems(def);
  if (roleProblems.length) {
    throw new AppError('VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.', 400, {
      where: 'body',
      issues: roleProblems.map((p) => ({ ...p, code: 'custom' })),
    });
  }
  const exists = (await tx.query<{ code: string }>('SELECT code FROM procedures WHERE code = $1 FOR UPDATE', [def.code])).rows[0];
  if (opts.mustExist && !exists) throw notFound(`Không tìm thấy thủ tục mã ${def.code}.`);
  if (opts.mustNotExist && exists)
    throw new AppError('PROCEDURE_EXISTS', `Thủ tục mã ${def.code} đã có; hãy tạo phiên bản mới bằng chức năng sửa.`, 409, undefined, { code: def.code });
  if (!exists) await tx.query('INSERT INTO procedures (code) VALUES ($1)', [def.code]);
  const last = (await tx.query<{ version: number }>('SELECT max(version) AS version FROM procedure_versions WHERE procedure_code = $1', [def.code])).rows[0];
  const version = (last?.version ?? 0) + 1;
  const scheduled = def.effectiveFrom > vnToday();
  if (!scheduled) {
    await tx.query(
      "UPDATE procedure_versions SET status = 'retired', effective_to = GREATEST(effective_from, $2::date) WHERE procedure_code = $1 AND status = 'active'",
      [def.code, def.effectiveFrom],
    );
  }
  const { rows } = await tx.query<VersionRow>(
    `INSERT INTO procedure_versions (procedure_code, version, status, effective_from, effective_to, definition, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING procedure_code, version, status, effective_from, effective_to, definition, created_at, created_by`,
    [def.code, version, scheduled ? 'draft' : 'active', def.effectiveFrom, def.effectiveTo ?? null, def, actor],
  );
  return toVersion(rows[0]);
}

/**
 * Puts into force the scheduled versions whose date has come: per procedure, the latest one due becomes active,
 * the version in force is retired on that date, and earlier scheduled ones it supersedes are retired unused.
 * Safe to run from several processes at once (the procedure row is locked).
 */
export async function activateDueVersions(db: Database, today = vnToday()): Promise<number> {
  const due = (
    await db.query<{ procedure_code: string }>("SELECT DISTINCT procedure_code FROM procedure_versions WHERE status = 'draft' AND effective_from <= $1::date", [
      today,
    ])
  ).rows;
  let activated = 0;
  for (const { procedure_code: code } of due) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT code FROM procedures WHERE code = $1 FOR UPDATE', [code]);
      const next = (
        await tx.query<{ version: number; effective_from: string }>(
          `SELECT version, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM procedure_versions
          WHERE procedure_code = $1 AND status = 'draft' AND effective_from <= $2::date ORDER BY effective_from DESC, version DESC LIMIT 1`,
          [code, today],
        )
      ).rows[0];
      if (!next) return;
      await tx.query(
        `UPDATE procedure_versions SET status = 'retired', effective_to = GREATEST(effective_from, $3::date)
          WHERE procedure_code = $1 AND version <> $2 AND (status = 'active' OR (status = 'draft' AND effective_from <= $3::date))`,
        [code, next.version, next.effective_from],
      );
      await tx.query("UPDATE procedure_versions SET status = 'active' WHERE procedure_code = $1 AND version = $2", [code, next.version]);
      activated++;
    });
  }
  return activated;
}

export async function importCatalogue(
  db: Database,
  defs: ProcedureDefinition[],
  actor: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const result = { created: 0, updated: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    for (const def of defs) {
      // Compared with the newest version (in force or scheduled), so importing the same files twice adds nothing.
      const current = (
        await tx.query<{ definition: ProcedureDefinition }>(
          'SELECT definition FROM procedure_versions WHERE procedure_code = $1 ORDER BY version DESC LIMIT 1',
          [def.code],
        )
      ).rows[0];
      if (current && canonicalJson(current.definition) === canonicalJson(def)) {
        result.unchanged++;
        continue;
      }
      await writeVersion(tx, def, actor);
      if (current) result.updated++;
      else result.created++;
    }
  });
  return result;
}

export async function seedCatalogue(db: Database): Promise<void> {
  const n = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM procedures')).rows[0].n;
  if (n > 0) return;
  await importCatalogue(db, readCatalogueFiles(), 'seed');
}

export interface ProcedureSummary {
  code: string;
  /** In the language asked for when the procedure has it (its `en`), else Vietnamese; `nameLang` says which. */
  name: string;
  nameLang: ContentLanguage;
  field: { code: string; name: string };
  level: ProcedureDefinition['level'];
  competentLevel: ProcedureDefinition['competentLevel'];
  competentUnitKind: string;
  onlineOnly: boolean;
  timeLimit: ProcedureCase['timeLimit'];
  hasFee: boolean;
  freeInSomeCases: boolean;
  freeWhen: string | null;
  caseCount: number;
  version: number;
}

export function summarise(v: ProcedureVersion, lang: ContentLanguage = 'vi'): ProcedureSummary {
  const d = v.definition;
  const free = d.cases.filter((c) => caseCanBeFree(c));
  const english = lang === 'en' ? d.en : undefined;
  return {
    code: d.code,
    name: english ? english.name : d.name,
    nameLang: english ? 'en' : 'vi',
    field: d.field,
    level: d.level,
    competentLevel: d.competentLevel,
    competentUnitKind: d.competentUnitKind,
    onlineOnly: d.onlineOnly,
    timeLimit: d.cases[0].timeLimit,
    hasFee: d.cases.some((c) => c.fees.some((f) => f.amount > 0)),
    freeInSomeCases: free.length > 0,
    freeWhen: freeCondition(
      d.name,
      free.map((c) => c.name),
    ),
    caseCount: d.cases.length,
    version: v.version,
  };
}

/** The current catalogue of one process, reloaded when another process (or this one) changes it. */
export class CatalogueCache {
  private revision = '';
  private versions: ProcedureVersion[] = [];
  private index = new ProcedureIndex<{ name: string; keywords: string[]; text: string; v: ProcedureVersion }>([]);

  constructor(private readonly db: Database) {}

  private async refresh(): Promise<void> {
    // A new version adds a row and a status change stamps status_changed_at: together a revision shared by all
    // processes. A scheduled version whose day has come is put into force first.
    const today = vnToday();
    const read = () =>
      this.db.query<{ rev: string | null; due: boolean | null }>(
        "SELECT max(id)::text || '@' || max(status_changed_at)::text AS rev, bool_or(status = 'draft' AND effective_from <= $1::date) AS due FROM procedure_versions",
        [today],
      );
    let head = (await read()).rows[0];
    if (head?.due) {
      await activateDueVersions(this.db, today);
      head = (await read()).rows[0];
    }
    const rev = head?.rev ?? '';
    if (rev === this.revision && this.versions.length > 0) return;
    const { rows } = await this.db.query<VersionRow>(
      "SELECT procedure_code, version, status, effective_from, effective_to, definition, created_at, created_by FROM procedure_versions WHERE status = 'active' ORDER BY procedure_code",
    );
    this.versions = rows.map(toVersion);
    this.index = new ProcedureIndex(
      this.versions.map((v) => ({
        name: v.definition.name,
        keywords: v.definition.keywords,
        text: [v.definition.guide.summary, v.definition.field.name, ...v.definition.cases.map((c) => c.name)].join(' '),
        v,
      })),
    );
    this.revision = rev;
  }

  async all(): Promise<ProcedureVersion[]> {
    await this.refresh();
    return this.versions;
  }

  async search(q: string | undefined): Promise<ProcedureVersion[]> {
    await this.refresh();
    if (!q?.trim()) return [...this.versions].sort((a, b) => a.definition.name.localeCompare(b.definition.name, 'vi'));
    // A procedure code (or its beginning, e.g. "1.0011") finds the procedures with that code first.
    const code = q.trim().toUpperCase();
    const byCode = /\d/.test(code) && /^[0-9A-Z.\-_]+$/.test(code) ? this.versions.filter((v) => v.code.toUpperCase().startsWith(code)) : [];
    const byText = this.index.search(q).map((r) => r.item.v);
    return [...byCode, ...byText.filter((v) => !byCode.includes(v))];
  }

  async get(code: string): Promise<ProcedureVersion> {
    await this.refresh();
    const v = this.versions.find((x) => x.code === code);
    if (!v) throw notFound(`Không tìm thấy thủ tục mã "${code}".`);
    return v;
  }
}

const versionCaches = new WeakMap<Queryable, Map<string, ProcedureVersion>>();

/**
 * A specific version (dossiers keep the version they were received under). Definitions are immutable, so they
 * are cached for good (only the status/effective_to of a retired version may differ, which callers do not use).
 * The cache is `db`'s; `readVia` reads a version not yet in it (a transaction of the caller's, so that it does not
 * wait for a second connection of the pool while holding one).
 */
export async function getVersion(db: Queryable, code: string, version: number, readVia: Queryable = db): Promise<ProcedureVersion> {
  let versionCache = versionCaches.get(db);
  if (!versionCache) versionCaches.set(db, (versionCache = new Map()));
  const key = `${code}@${version}`;
  const cached = versionCache.get(key);
  if (cached) return cached;
  const r = (
    await readVia.query<VersionRow>(
      'SELECT procedure_code, version, status, effective_from, effective_to, definition, created_at, created_by FROM procedure_versions WHERE procedure_code = $1 AND version = $2',
      [code, version],
    )
  ).rows[0];
  if (!r) throw notFound(`Không tìm thấy phiên bản ${version} của thủ tục ${code}.`);
  const v = toVersion(r);
  if (versionCache.size > 5000) versionCache.clear();
  versionCache.set(key, v);
  return v;
}

export async function listVersions(db: Queryable, code: string): Promise<ProcedureVersion[]> {
  const { rows } = await db.query<VersionRow>(
    'SELECT procedure_code, version, status, effective_from, effective_to, definition, created_at, created_by FROM procedure_versions WHERE procedure_code = $1 ORDER BY version',
    [code],
  );
  if (rows.length === 0) throw notFound(`Không tìm thấy thủ tục mã "${code}".`);
  return rows.map(toVersion);
}

const caches = new WeakMap<Database, CatalogueCache>();
/** One catalogue cache per database handle, shared by the modules of a process. */
export function catalogueCache(db: Database): CatalogueCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new CatalogueCache(db)));
  return c;
}
