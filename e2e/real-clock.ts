/**
 * Runs before every browser-test file: the server's business clock back to the real time, running. Files that set
 * it (working days, deadlines) leave it where their last step needed it; the next file must not inherit that day
 * (a birth registered "10 days ago" would be judged late on a clock moved months ahead).
 */
import { beforeAll, inject } from 'vitest';
import { setClock } from './backoffice.ts';

beforeAll(async () => {
  await setClock(inject('baseUrl'), new Date().toISOString(), false);
});
