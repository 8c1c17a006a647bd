/**
 * `npm run db:types`: migrates a fresh in-memory PGlite and writes src/server/db/schema.generated.ts (the `DB`
 * interface of Kysely) from its schema. Run it after adding a migration; schema-types.test.ts fails until you do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from '../src/server/db/schema-types.ts';

const text = await generateSchemaTypes();
const before = fs.existsSync(SCHEMA_TYPES_FILE) ? fs.readFileSync(SCHEMA_TYPES_FILE, 'utf8') : '';
if (before === text) {
  console.log(`${path.relative(process.cwd(), SCHEMA_TYPES_FILE)} is up to date.`);
} else {
  fs.writeFileSync(SCHEMA_TYPES_FILE, text);
  console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_TYPES_FILE)}.`);
}
