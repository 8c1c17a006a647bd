/**
 * Dependency rules of MotCua (docs/adr/0006-module-boundaries.md, docs/architecture.md "Dependency rules").
 * `npm run lint:deps` checks src/ against them; scripts/boundaries.test.ts shows on a fixture tree that each rule bites.
 *
 * Layers: src/core (pure domain rules, isomorphic) ← src/contract (request/response schemas: core + zod) ← src/server
 * and src/web, which never import each other. Inside src/server, each folder of src/server/modules is a module whose
 * public entry is its index.ts: nothing outside the module imports its other files, and modules do not depend on
 * each other in a circle.
 *
 * Test files (*.test.ts, *.test.tsx) are not checked: they sit on top of the graph (nothing imports them), may reach a
 * module's internal files and drive several modules at once, and in src/core may use Node built-ins. The test
 * fixtures of src/core (src/core/**\/test-*.ts) may use Node built-ins too.
 */

/** Test files and the test fixtures beside them. */
const TESTS = '\\.test\\.tsx?$';
const CORE_TEST_SUPPORT = '^src/core/.+/test-[^/]+\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core holds the domain rules shared by server and browser: it imports nothing from src/server, src/web or src/contract.',
      from: { path: '^src/core/' },
      to: { path: '^src/(server|web|contract)/' },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'src/core runs in the browser too: no Node built-in modules (node:crypto, node:fs, …) outside its tests. Use WebCrypto / TextEncoder.',
      from: { path: '^src/core/', pathNot: CORE_TEST_SUPPORT },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-only-core-and-zod',
      severity: 'error',
      comment: 'src/contract (the schemas server and browser share) imports only src/core, itself and zod.',
      from: { path: '^src/contract/' },
      to: { pathNot: ['^src/(contract|core)/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      comment: 'The server never imports the web app: shared types live in src/contract or src/core.',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment: 'The web app never imports the server: shared types live in src/contract or src/core.',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'module-entry-only',
      severity: 'error',
      comment: 'Another module is used only through its public entry, src/server/modules/<module>/index.ts.',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'module-entry-only',
      severity: 'error',
      comment: 'Outside src/server/modules, a module is used only through its public entry, src/server/modules/<module>/index.ts.',
      from: { path: '^src/', pathNot: '^src/server/modules/[^/]+/' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: '^src/server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'Modules depend on each other in one direction only: no module reaches itself through others.',
      scope: 'folder',
      from: { path: '^src/server/modules/[^/]+$' },
      to: { path: '^src/server/modules/[^/]+$', circular: true },
    },
    {
      name: 'no-runtime-cycles',
      severity: 'error',
      comment:
        'No file reaches itself through imports that exist at run time: in an ES module cycle one file can read a binding of another before it is initialised. Cycles through type-only imports are erased by the compiler and allowed.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (an unresolved one would escape the other rules).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: TESTS },
    // Packages keep their node_modules/<name> path even where node_modules is a link (git worktrees).
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
