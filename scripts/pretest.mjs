#!/usr/bin/env node
/**
 * `npm test`'s first step (npm runs "pretest" before "test"): the tools the tests need besides npm packages.
 * - chromium (Debian's, at /usr/bin/chromium or CHROMIUM_PATH) for the browser tests;
 * - poppler-utils (pdfsig, pdftotext, pdftoppm, pdfinfo) for the PDF and signature tests.
 * Missing tools are installed with apt-get when running as root on Debian/Ubuntu; otherwise the step stops with one
 * line naming what to install. No test is skipped for a missing tool: the tests call them unconditionally.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const has = (cmd) => spawnSync(cmd, ['-v'], { stdio: 'ignore' }).error === undefined;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const missing = () => {
  const packages = [];
  if (!fs.existsSync(chromium)) packages.push('chromium');
  if (!['pdfsig', 'pdftotext', 'pdftoppm', 'pdfinfo'].every(has)) packages.push('poppler-utils');
  return packages;
};

let packages = missing();
if (packages.length > 0 && process.getuid?.() === 0 && has('apt-get')) {
  console.log(`pretest: installing ${packages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  if (!run(['update', '-qq']) || !run(['install', '-y', '-qq', ...packages])) process.exit(1);
  packages = missing();
}
if (packages.length > 0) {
  console.error(
    `pretest: the tests need ${packages.join(' and ')}: install with "sudo apt-get install -y ${packages.join(' ')}"${packages.includes('chromium') ? ' (or set CHROMIUM_PATH to a Chromium binary)' : ''}, then run npm test again.`,
  );
  process.exit(1);
}
