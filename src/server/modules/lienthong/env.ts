/** What the transition path needs, read inside the caller's transaction (the embedded database has one connection). */
import type { BundleMember } from '../../../core/lienthong/bundle-types.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { caseRules, type TransitionEnv } from '../dossiers/index.ts';
import { orgTree } from '../officials/index.ts';
import { loadCalendar } from '../reference/index.ts';

/** The bundle's own actor in the action log. */
export const LIENTHONG_ACTOR = { kind: 'system', id: 'lienthong', name: 'Phần mềm liên thông (MotCua)', role: 'system' } as const;

/**
 * The environment of a transition: a member handed to another agency has no workflow here, only its time limit; a
 * local member and the parent follow their procedure's case.
 */
export async function envIn(
  tx: Queryable,
  ctx: AppContext,
  d: { procedure_code: string; procedure_version: number; case_code: string },
  member?: BundleMember,
): Promise<TransitionEnv> {
  const rules = member && member.adapter !== 'local' ? { steps: [], timeLimit: { ...member.timeLimit, sameDayRule: false } } : await caseRules(tx, d);
  return { ctx, tree: await orgTree(tx), calendar: await loadCalendar(tx), rules };
}
