import { describe, expect, it } from 'vitest';
import { feedbackReach, mayHandle, mayModerate, maySee } from './access.ts';

// province P (top level) > commune C > its offices C1, C2; another commune D > D1.
const children: Record<string, string[]> = { P: ['C', 'D'], C: ['C1', 'C2'], D: ['D1'] };
const subtree = (id: string): Set<string> => new Set([id, ...(children[id] ?? []).flatMap((c) => [...subtree(c)])]);
const parents: Record<string, string> = { C: 'P', D: 'P', C1: 'C', C2: 'C', D1: 'D' };
const tree = { subtree, isTopLevel: (id: string) => id === 'P', parentOf: (id: string) => parents[id] ?? null };
const reach = (...m: [string, string][]) =>
  feedbackReach(
    m.map(([unitId, role]) => ({ unitId, role })),
    tree,
  );

describe('PAKN access by unit and role', () => {
  it('a clerk or specialist handles only their own unit; no triage, no publication', () => {
    const r = reach(['C1', 'clerk']);
    expect([mayHandle(r, 'C1'), mayHandle(r, 'C2'), mayHandle(r, 'D1'), mayHandle(r, null)]).toEqual([true, false, false, false]);
    expect(mayModerate(r, 'C1')).toBe(false);
    expect(r.homeUnit).toBe('C1');
  });
  it('a leader handles every unit below theirs; a receptionist triages the unassigned', () => {
    const l = reach(['C', 'leader']);
    expect(['C', 'C1', 'C2', 'D1'].map((u) => mayHandle(l, u))).toEqual([true, true, true, false]);
    const rec = reach(['C2', 'reception'], ['C1', 'specialist']);
    expect([mayHandle(rec, null), rec.homeUnit]).toEqual([true, 'C2']);
    // …and the items addressed to the commune their desk belongs to, not its other offices nor another commune.
    expect(['C', 'C1', 'D', 'P'].map((u) => mayHandle(reach(['C2', 'reception']), u))).toEqual([true, false, false, false]);
  });
  it('the system administrator handles every unit but does not publish', () => {
    const a = reach(['P', 'system_admin']);
    expect([mayHandle(a, 'D1'), mayHandle(a, null), mayModerate(a, 'D1'), mayModerate(a, null)]).toEqual([true, true, false, false]);
  });
  it('a moderator publishes in their subtree only, handles nothing, and sees items once answered', () => {
    const m = reach(['C', 'feedback_moderator']);
    expect(['C', 'C1', 'D1'].map((u) => mayModerate(m, u))).toEqual([true, true, false]);
    expect([mayHandle(m, 'C1'), mayModerate(m, null), m.homeUnit]).toEqual([false, false, null]);
    expect(maySee(m, { unitId: 'C1', status: 'received' })).toBe(false);
    expect(maySee(m, { unitId: 'C1', status: 'answered' })).toBe(true);
    expect(maySee(m, { unitId: 'D1', status: 'answered' })).toBe(false);
    expect(mayModerate(reach(['P', 'feedback_moderator']), null)).toBe(true);
  });
  it('unit administrators and supervisors have no PAKN reach', () => {
    for (const role of ['unit_admin', 'supervisor', 'catalogue_admin', 'community_helper']) {
      const r = reach(['C', role]);
      expect([mayHandle(r, 'C'), mayHandle(r, null), mayModerate(r, 'C')]).toEqual([false, false, false]);
    }
  });
});
