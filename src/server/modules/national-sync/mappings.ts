/** The mapping tables (data/national-sync/mappings.json), read once. */
import fs from 'node:fs';
import type { PortalMappings } from '../../../core/national-sync/mappings.ts';

let cached: PortalMappings | undefined;
export function portalMappings(): PortalMappings {
  if (!cached) {
    const raw = JSON.parse(fs.readFileSync(new URL('../../../../data/national-sync/mappings.json', import.meta.url), 'utf8')) as PortalMappings;
    cached = { procedures: raw.procedures ?? {}, units: raw.units ?? {}, fields: raw.fields ?? {}, statuses: raw.statuses ?? {} };
  }
  return cached;
}
