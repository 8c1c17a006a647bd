import { describe, expect, it } from 'vitest';
import { OFFICIAL_ROLES, STEP_ROLES, type OfficialRole } from '../../../core/workflow/roles.ts';
import {
  assertAllowed,
  assertCanCloseUnit,
  assertCanCreateOfficial,
  assertCanCreateUnit,
  assertCanManageOfficial,
  assertCanSetMemberships,
  assertCanUpdateUnit,
  changeVisibility,
  PERMISSIONS,
  unitScope,
  type AdminAccess,
} from './permissions.ts';

/** An official holding `roles`, each at unit A whose subtree is A, A.1, A.2. */
function access(roles: OfficialRole[], id = 'me'): AdminAccess {
  const scoped = roles.filter((r) => r === 'unit_admin' || r === 'supervisor');
  return {
    official: { id, username: id, fullName: id },
    roles: new Set(roles),
    reach: new Map(scoped.map((r) => [r, new Set(['A', 'A.1', 'A.2'])])),
    below: new Map(scoped.map((r) => [r, new Set(['A.1', 'A.2'])])),
  };
}

const code = (fn: () => void) => {
  try {
    fn();
    return 'OK';
  } catch (err) {
    return (err as { code?: string; status?: number }).code;
  }
};

describe('administration permissions', () => {
  it('lists only known roles, with a Vietnamese refusal for every action', () => {
    for (const rule of Object.values(PERMISSIONS)) {
      for (const r of [...rule.anywhere, ...rule.ownUnits, ...Object.keys(rule.kindsOnly ?? {})]) expect(OFFICIAL_ROLES).toContain(r);
      expect(rule.refusal).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
    }
  });

  it('refuses every action to roles with no administration duty', () => {
    for (const role of STEP_ROLES) {
      for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[])
        expect(code(() => assertAllowed(access([role]), action))).toBe('FORBIDDEN');
    }
  });

  it('gives the system administrator the whole installation', () => {
    const sys = access(['system_admin']);
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(code(() => assertAllowed(sys, action))).toBe('OK');
    expect(unitScope(sys, 'units.update')).toBe('all');
    expect(changeVisibility(sys)).toBe('all');
    expect(code(() => assertCanCreateUnit(sys, null))).toBe('OK');
    expect(code(() => assertCanSetMemberships(sys, { id: 'other', memberships: [] }, [{ unitId: 'Z', role: 'system_admin' }]))).toBe('OK');
  });

  it('keeps a unit administrator inside their subtree, structural changes strictly below', () => {
    const ua = access(['unit_admin']);
    expect(code(() => assertCanCreateUnit(ua, 'A'))).toBe('OK');
    expect(code(() => assertCanCreateUnit(ua, 'B'))).toBe('OUT_OF_SCOPE');
    expect(code(() => assertCanCreateUnit(ua, null))).toBe('FORBIDDEN');
    expect(code(() => assertCanUpdateUnit(ua, 'A'))).toBe('OK');
    expect(code(() => assertCanUpdateUnit(ua, 'A', 'A.1'))).toBe('OUT_OF_SCOPE');
    expect(code(() => assertCanUpdateUnit(ua, 'A.2', 'A.1'))).toBe('OK');
    expect(code(() => assertCanUpdateUnit(ua, 'A.2', 'B'))).toBe('OUT_OF_SCOPE');
    expect(code(() => assertCanUpdateUnit(ua, 'A.2', null))).toBe('FORBIDDEN');
    expect(code(() => assertCanCloseUnit(ua, 'A', null))).toBe('OUT_OF_SCOPE');
    expect(code(() => assertCanCloseUnit(ua, 'A.1', 'A.2'))).toBe('OK');
    expect(code(() => assertCanCloseUnit(ua, 'A.1', 'B'))).toBe('OUT_OF_SCOPE');
  });

  it('lets a unit administrator grant only non-reserved roles in their units, on accounts wholly inside them', () => {
    const ua = access(['unit_admin']);
    expect(code(() => assertCanCreateOfficial(ua, [{ unitId: 'A.1', role: 'unit_admin' }]))).toBe('OK');
    expect(code(() => assertCanCreateOfficial(ua, [{ unitId: 'A.1', role: 'catalogue_admin' }]))).toBe('RESERVED_ROLE');
    expect(
      code(() =>
        assertCanCreateOfficial(ua, [
          { unitId: 'A.1', role: 'reception' },
          { unitId: 'B', role: 'reception' },
        ]),
      ),
    ).toBe('OUT_OF_SCOPE');
    const inside = { id: 'x', memberships: [{ unitId: 'A.1', role: 'specialist' as const }] };
    expect(code(() => assertCanManageOfficial(ua, inside))).toBe('OK');
    expect(code(() => assertCanManageOfficial(ua, { id: 'x', memberships: [...inside.memberships, { unitId: 'B', role: 'leader' }] }))).toBe('OUT_OF_SCOPE');
    expect(code(() => assertCanManageOfficial(ua, { id: 'x', memberships: [{ unitId: 'A', role: 'system_admin' }] }))).toBe('RESERVED_ROLE');
    expect(code(() => assertCanManageOfficial(ua, { id: 'x', memberships: [] }))).toBe('OUT_OF_SCOPE');
    expect(code(() => assertCanSetMemberships(ua, inside, [{ unitId: 'A.2', role: 'system_admin' }]))).toBe('RESERVED_ROLE');
    expect(code(() => assertCanSetMemberships(ua, inside, [{ unitId: 'A.2', role: 'leader' }]))).toBe('OK');
    const self = { id: 'me', memberships: [{ unitId: 'A', role: 'unit_admin' as const }] };
    expect(code(() => assertCanSetMemberships(ua, self, [{ unitId: 'A', role: 'leader' }]))).toBe('SELF_CHANGE_FORBIDDEN');
    expect(code(() => assertCanManageOfficial(ua, self, { selfAllowed: true }))).toBe('OK');
  });

  it('keeps a supervisor read-only, and a catalogue administrator to the catalogue', () => {
    const sup = access(['supervisor']);
    expect(unitScope(sup, 'officials.read')).toEqual(new Set(['A', 'A.1', 'A.2']));
    for (const action of [
      'units.create',
      'units.update',
      'units.close',
      'officials.create',
      'officials.manage',
      'officials.memberships',
      'calendar.write',
      'working_time.write',
      'procedures.write',
      'changes.verify',
    ] as const) {
      expect(
        code(() => assertAllowed(sup, action)),
        action,
      ).toBe('FORBIDDEN');
    }
    expect(changeVisibility(sup)).toEqual({
      everywhere: ['calendar_day', 'working_time', 'procedure'],
      inUnits: ['org_unit', 'official', 'membership'],
      units: ['A', 'A.1', 'A.2'],
    });
    const cat = access(['catalogue_admin']);
    expect(code(() => assertAllowed(cat, 'procedures.write'))).toBe('OK');
    expect(code(() => assertAllowed(cat, 'units.read'))).toBe('FORBIDDEN');
    expect(changeVisibility(cat)).toEqual({ everywhere: ['procedure'], inUnits: ['org_unit', 'official', 'membership'], units: [] });
  });
});
