/**
 * The dependency rules bite (.dependency-cruiser.cjs, docs/adr/0006-module-boundaries.md): dependency-cruiser runs
 * with the project's own configuration on a small tree with one wrong-direction import per rule, and reports exactly
 * those, no more (the imports the rules allow are in the tree too); and the real tree passes.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

async function violations(baseDir: string): Promise<{ rule: string; from: string; to: string }[]> {
  const options: ICruiseOptions = { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir };
  const result = (await cruise(['src'], options)).output as ICruiseResult;
  return result.summary.violations
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
    .sort((a, b) => `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`));
}

/** The fixture tree: path → source. Each wrong import is named in a comment; every other import is allowed. */
const TREE: Record<string, string> = {
  // src/core: pure and isomorphic.
  'src/core/rules.ts': `
    import { createHash } from 'node:crypto'; // WRONG: a Node built-in in core
    import { query } from '../server/db.ts'; // WRONG: core → server
    export const rule = () => [createHash, query];`,
  'src/core/rules.test.ts': `
    import fs from 'node:fs'; // allowed: core tests run in Node
    import { rule } from './rules.ts';
    export const t = [fs, rule];`,
  // src/contract: core and zod only.
  'src/contract/dossier.ts': `
    import { z } from 'zod'; // allowed
    import { rule } from '../core/rules.ts'; // allowed
    import { query } from '../server/db.ts'; // WRONG: contract → server
    export const Dossier = z.object({}); export const x = [rule, query];`,
  // src/server and src/web never import each other.
  'src/server/db.ts': `export const query = () => 1;`,
  'src/server/page.ts': `
    import { App } from '../web/app.ts'; // WRONG: server → web
    import { Dossier } from '../contract/dossier.ts'; // allowed
    export const page = [App, Dossier];`,
  'src/web/app.ts': `
    import { query } from '../server/db.ts'; // WRONG: web → server
    import { Dossier } from '../contract/dossier.ts'; // allowed
    export const App = [query, Dossier];`,
  // Modules: one way in (index.ts), no cycles.
  'src/server/modules/index.ts': `
    import { bRoutes } from './b/index.ts'; // allowed: the registration uses the entry
    export const modules = [bRoutes];`,
  'src/server/modules/b/index.ts': `export { bRoutes } from './routes.ts';`,
  'src/server/modules/b/routes.ts': `import { helper } from './internal.ts'; export const bRoutes = helper;`,
  'src/server/modules/b/internal.ts': `export const helper = () => 2;`,
  'src/server/modules/a/service.ts': `
    import { helper } from '../b/internal.ts'; // WRONG: another module's internal file
    import { bRoutes } from '../b/index.ts'; // allowed: its entry
    export const a = [helper, bRoutes];`,
  'src/server/modules/a/service.test.ts': `
    import { helper } from '../b/internal.ts'; // allowed: tests may reach internals
    export const t = helper;`,
  'src/server/app.ts': `
    import { helper } from './modules/b/internal.ts'; // WRONG: outside the modules, too
    import { modules } from './modules/index.ts';
    export const app = [helper, modules];`,
  // d → e → d through their entries, though no file reaches itself: a module cycle.
  'src/server/modules/d/index.ts': `export { d } from './x.ts';`,
  'src/server/modules/d/x.ts': `import { e } from '../e/index.ts'; export const d = e;`,
  'src/server/modules/e/index.ts': `export { e } from './z.ts';`,
  'src/server/modules/e/z.ts': `export const e = 3;`,
  'src/server/modules/e/y.ts': `import { d } from '../d/index.ts'; export const y = d;`,
  // Files that import each other at run time (WRONG), and through types only (allowed).
  'src/server/modules/f/one.ts': `import { two } from './two.ts'; export const one = () => two;`,
  'src/server/modules/f/two.ts': `import { one } from './one.ts'; export const two = () => one;`,
  'src/server/modules/g/one.ts': `import type { Two } from './two.ts'; export interface One { two?: Two }`,
  'src/server/modules/g/two.ts': `import type { One } from './one.ts'; export interface Two { one?: One }`,
  // An import that resolves to nothing would escape every rule.
  'src/server/broken.ts': `import { gone } from './gone.ts'; export const b = gone;`, // WRONG: unresolvable
};

describe('the dependency rules', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-boundaries-'));
    for (const [file, source] of Object.entries(TREE)) {
      fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), `${source.trim()}\n`);
    }
    // zod resolves as it does in the project.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('report each wrong-direction import of the fixture tree as an error, and nothing else', async () => {
    // The type-only cycle of g is allowed; the module cycle d ↔ e is not a file cycle; f's cycle is reported once.
    expect(await violations(dir)).toEqual([
      { rule: 'contract-only-core-and-zod', from: 'src/contract/dossier.ts', to: 'src/server/db.ts' },
      { rule: 'core-is-pure', from: 'src/core/rules.ts', to: 'src/server/db.ts' },
      { rule: 'core-no-node-builtins', from: 'src/core/rules.ts', to: 'crypto' },
      { rule: 'module-entry-only', from: 'src/server/app.ts', to: 'src/server/modules/b/internal.ts' },
      { rule: 'module-entry-only', from: 'src/server/modules/a/service.ts', to: 'src/server/modules/b/internal.ts' },
      { rule: 'no-module-cycles', from: 'src/server/modules/d', to: 'src/server/modules/e' },
      { rule: 'no-module-cycles', from: 'src/server/modules/e', to: 'src/server/modules/d' },
      { rule: 'no-runtime-cycles', from: 'src/server/modules/f/one.ts', to: 'src/server/modules/f/two.ts' },
      { rule: 'not-to-unresolvable', from: 'src/server/broken.ts', to: './gone.ts' },
      { rule: 'server-not-web', from: 'src/server/page.ts', to: 'src/web/app.ts' },
      { rule: 'web-not-server', from: 'src/web/app.ts', to: 'src/server/db.ts' },
    ]);
    expect(config.forbidden?.every((r) => r.severity === 'error')).toBe(true);
  });

  it('pass on the real tree', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });
});
