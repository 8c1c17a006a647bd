/**
 * Whole MotCua server processes (src/server/main.ts, with their background jobs) for multi-process tests: started
 * on a free port, waited for until `/api/ready` answers, and killed at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from './net.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export interface ServerProcess {
  name: string;
  url: string;
  proc: ChildProcess;
}

/** A PostgreSQL URL whose connections use `schema` (then public), as the test harness's schemas are. */
export function schemaDatabaseUrl(url: string, schema: string): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema},public`)}`;
}

/** Starts `src/server/main.ts` with `env` over the test defaults (no demo seed, warnings only) and waits until ready. */
export async function startServerProcess(name: string, env: Record<string, string>, readyWithinMs = 240_000): Promise<ServerProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    cwd: root,
    env: { ...process.env, SEED_DEMO: '0', LOG_LEVEL: 'warn', NODE_ENV: 'test', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyWithinMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/ready`)).ok) return { name, url, proc };
    } catch {
      /* starting */
    }
    if (proc.exitCode !== null) throw new Error(`server ${name} exited with ${proc.exitCode}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  proc.kill('SIGKILL');
  throw new Error(`server ${name} did not become ready within ${readyWithinMs / 1000} s`);
}

/** SIGKILL to every process still running. */
export function killAll(procs: readonly ChildProcess[]): void {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}

/** Resolves once `proc` has exited (at once if it already has). */
export function exited(proc: ChildProcess): Promise<void> {
  return new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
}

/** Polls `check` until it is true, failing with `what` after `withinMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, withinMs = 90_000, everyMs = 250): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
