/** Where the contract sits: it imports only zod and src/core; the server never imports the web app. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The modules a file imports or re-exports from, resolved to paths under src (packages as they are named). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) =>
    m[1].startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), m[1])) : m[1],
  );
}

describe('the contract’s place', () => {
  it('imports only zod, src/core and itself', () => {
    const contract = files(path.join(SRC, 'contract'));
    expect(contract.length).toBeGreaterThan(10);
    const wrong = contract.flatMap((f) =>
      importsOf(f)
        .filter((i) => i !== 'zod' && !i.startsWith('core/') && !i.startsWith('contract/'))
        .map((i) => `${path.relative(SRC, f)} → ${i}`),
    );
    expect(wrong).toEqual([]);
  });

  it('is what the server imports instead of the web app', () => {
    const server = files(path.join(SRC, 'server'));
    const wrong = server.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith('web/'))
        .map((i) => `${path.relative(SRC, f)} → ${i}`),
    );
    expect(wrong).toEqual([]);
    expect(server.some((f) => importsOf(f).some((i) => i.startsWith('contract/')))).toBe(true);
  });
});
