/**
 * Browser-test setup: builds the web app, starts the real server (embedded PGlite in a fresh
 * DATA_DIR, demo data seeded) on a free port, and hands its URL to the tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../src/server/testing/net.ts';

const root = path.resolve(import.meta.dirname, '..');
let server: ChildProcess | undefined;
let dataDir: string | undefined;

export default async function setup(project: TestProject) {
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    throw new Error('Browser tests need Debian chromium: apt-get install -y chromium (bash .ci/run does this).');
  }
  // Each run builds into its own folder so that two runs on one machine do not overwrite each other's app.
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-web-'));
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WEB_DIST: webDist },
  });
  if (build.status !== 0) throw new Error('vite build failed');

  const port = await freePort();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  const baseUrl = `http://localhost:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      WEB_DIST: webDist,
      MOTCUA_CONTRACT_CHECKS: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 240_000; // the first start builds the demo history; a loaded machine needs longer
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('server did not become healthy within 240 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDist, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
