/**
 * Catalogue writes with their change-log entry: the catalogue's create and new-version routes call
 * `writeVersionLogged` instead of `writeVersion`, inside the same transaction. Definitions are immutable rows of
 * procedure_versions, so the log records which versions were active before and after (with the SHA-256 of each
 * definition's canonical JSON), not the definitions themselves.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../../../core/canonical-json.ts';
import type { ProcedureDefinition } from '../../../core/catalogue/schema.ts';
import type { Queryable } from '../../db/database.ts';
import { type ProcedureVersion, writeVersion } from '../catalogue/index.ts';
import { recordChange, type ChangeActor } from './changes.ts';

interface VersionSummary {
  version: number;
  status: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  name: string;
  definitionSha256: string;
}

const sha256 = (def: unknown) => crypto.createHash('sha256').update(canonicalJson(def)).digest('hex');

/** The active version of a procedure, or a given version. */
async function versionSummary(tx: Queryable, code: string, version?: number): Promise<VersionSummary | null> {
  const r = (
    await tx.query<{ version: number; status: string; effective_from: string; effective_to: string | null; definition: ProcedureDefinition }>(
      `SELECT version, status, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to, definition
       FROM procedure_versions WHERE procedure_code = $1 AND ${version === undefined ? "status = 'active'" : 'version = $2'}`,
      version === undefined ? [code] : [code, version],
    )
  ).rows[0];
  return r
    ? {
        version: r.version,
        status: r.status,
        effectiveFrom: r.effective_from,
        effectiveTo: r.effective_to,
        name: r.definition.name,
        definitionSha256: sha256(r.definition),
      }
    : null;
}

export async function writeVersionLogged(
  tx: Queryable,
  def: ProcedureDefinition,
  actor: { id: string; username: string },
  opts: { mustExist?: boolean; mustNotExist?: boolean } = {},
): Promise<ProcedureVersion> {
  // Lock the procedure before reading its active version, as writeVersion does, so the "before" cannot go stale.
  await tx.query('SELECT code FROM procedures WHERE code = $1 FOR UPDATE', [def.code]);
  const activeBefore = await versionSummary(tx, def.code);
  const written = await writeVersion(tx, def, actor.username, opts);
  const previous = activeBefore ? await versionSummary(tx, def.code, activeBefore.version) : null;
  const changeActor: ChangeActor = { id: actor.id, username: actor.username };
  await recordChange(tx, changeActor, {
    entityKind: 'procedure',
    entityId: def.code,
    action: opts.mustNotExist ? 'create' : 'new_version',
    before: { active: activeBefore },
    after: {
      active: {
        version: written.version,
        status: written.status,
        effectiveFrom: written.effectiveFrom,
        effectiveTo: written.effectiveTo,
        name: written.definition.name,
        definitionSha256: sha256(written.definition),
      },
      previous,
    },
  });
  return written;
}
