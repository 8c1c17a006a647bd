/**
 * A generic hash chain over canonical JSON entries:
 *   hash(n) = SHA-256( hash(n-1) + "\n" + canonicalJson(entry n) ),  hash(0) = 64 zeros
 * so editing, deleting or reordering an entry breaks every later hash.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../../../core/canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export function chainHash(prevHash: string, entry: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(entry)}`)
    .digest('hex');
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  entry: unknown;
}

export type ChainProblemKind = 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

export interface ChainProblem {
  seq: number;
  problem: ChainProblemKind;
}

/** Checks links that continue the chain after `from` (its last sequence number and hash). */
export function verifyLinks(
  links: readonly ChainLink[],
  from: { seq: number; hash: string },
): { problems: ChainProblem[]; last: { seq: number; hash: string } } {
  const problems: ChainProblem[] = [];
  let last = from;
  for (const l of links) {
    if (l.seq !== last.seq + 1) problems.push({ seq: l.seq, problem: 'sequence_gap' });
    if (l.prevHash !== last.hash) problems.push({ seq: l.seq, problem: 'prev_hash_mismatch' });
    if (chainHash(l.prevHash, l.entry) !== l.hash) problems.push({ seq: l.seq, problem: 'hash_mismatch' });
    last = { seq: l.seq, hash: l.hash };
  }
  return { problems, last };
}
