/**
 * The server process as operators run it: started as a child process (as e2e/global-setup.ts does), then stopped
 * with SIGTERM while its background jobs run and a request is in flight; it must close cleanly and exit with code 0
 * within a few seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './testing/net.ts';

const root = path.resolve(import.meta.dirname, '../..');
// Starting takes 15–25 s on an idle machine (tsx, PGlite, migrations), several times that on a loaded one.
const STARTUP_MS = 150_000;
const TEST_MS = STARTUP_MS + 30_000;

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string; output: () => string; dataDir: string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-main-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      SEED_DEMO: '0',
      WEB_DIST: path.join(dataDir, 'no-web'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not answer within ${STARTUP_MS / 1000} s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, baseUrl, output: () => out, dataDir };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('server process', () => {
  const started: { child: ChildProcess; dataDir: string }[] = [];
  afterAll(() => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      fs.rmSync(s.dataDir, { recursive: true, force: true });
    }
  });

  it(
    'stops on SIGTERM: answers the request in flight, stops its background jobs, exits 0 within a few seconds',
    async () => {
      const server = await startServer({ METRICS_TICK_MS: '200' });
      started.push(server);
      // Let the jobs run a few times (outbox every second, metrics every 200 ms, drafts and payments once at start).
      await new Promise((r) => setTimeout(r, 1500));
      // A request in flight: its JSON body arrives in two parts, the second after the signal.
      const setCookie = (await fetch(`${server.baseUrl}/api/health`)).headers.get('set-cookie') ?? '';
      const csrf = /motcua_csrf=([^;]+)/.exec(setCookie)?.[1] ?? '';
      expect(csrf).not.toBe('');
      const body = JSON.stringify({ username: 'khong.co', password: 'sai-mat-khau' });
      const { port } = new URL(server.baseUrl);
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/staff/login',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), cookie: `motcua_csrf=${csrf}`, 'x-csrf-token': csrf },
      });
      const answered = new Promise<{ status: number; at: number }>((resolve, reject) => {
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, at: Date.now() }));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 300));
      const t0 = Date.now();
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      req.end(body.slice(10));
      const response = await answered;
      const { code, signal } = await exited(server.child);
      const ms = Date.now() - t0;
      expect({ code, signal }, server.output()).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(5000);
      expect(response.at).toBeGreaterThan(t0 + 400);
      expect(response.status).toBe(401);
      const log = server.output();
      expect(log).toContain('"signal":"SIGTERM"');
      expect(log).toContain('shutting down');
      expect(log).not.toContain('background job failed');
      expect(log).not.toContain('still running when the shutdown wait ran out');
      // Once closed, nothing answers.
      await expect(fetch(`${server.baseUrl}/api/health`)).rejects.toThrow();
    },
    TEST_MS,
  );

  it(
    'with WORKERS=0 runs no background job and stops the same way',
    async () => {
      const server = await startServer({ WORKERS: '0' });
      started.push(server);
      server.child.kill('SIGINT');
      const { code } = await exited(server.child);
      expect(code, server.output()).toBe(0);
      expect(server.output()).toContain('WORKERS=0: background jobs do not run in this process');
    },
    TEST_MS,
  );
});
