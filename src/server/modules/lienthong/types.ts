/**
 * The bundle types of the installation: the files of data/lienthong/ (one per bundle type version), validated by
 * src/core/lienthong/bundle-types.ts, and the switch of local bundle types (lienthong_settings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBundleType, type BundleType } from '../../../core/lienthong/bundle-types.ts';
import type { Queryable } from '../../db/database.ts';

const BUNDLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/lienthong');

let loaded: BundleType[] | null = null;

/** Every bundle type version of data/lienthong/ (read once). */
export function bundleTypes(): readonly BundleType[] {
  if (!loaded)
    loaded = fs
      .readdirSync(BUNDLE_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => {
        try {
          return parseBundleType(JSON.parse(fs.readFileSync(path.join(BUNDLE_DIR, f), 'utf8')));
        } catch (err) {
          throw new Error(`data/lienthong/${f}: ${(err as Error).message}`);
        }
      });
  return loaded;
}

/** Whether a bundle type is switched on: national bundles always; local ones by their setting, else their default. */
export async function bundleEnabled(db: Queryable, type: BundleType): Promise<boolean> {
  if (type.scope === 'national') return true;
  const { rows } = await db.query<{ enabled: boolean }>('SELECT enabled FROM lienthong_settings WHERE bundle_code = $1', [type.code]);
  return rows[0]?.enabled ?? type.enabledByDefault;
}

export async function setBundleEnabled(db: Queryable, code: string, enabled: boolean, by: string): Promise<void> {
  await db.query(
    `INSERT INTO lienthong_settings (bundle_code, enabled, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (bundle_code) DO UPDATE SET enabled = $2, updated_by = $3, updated_at = now()`,
    [code, enabled, by],
  );
}
