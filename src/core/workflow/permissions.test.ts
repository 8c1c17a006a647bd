import { describe, expect, it } from 'vitest';
import { allowedActions, authorize, type DossierForAuth, type OfficialAuth } from './permissions.ts';

const official = (id: string, memberships: OfficialAuth['memberships'], oversight: OfficialAuth['oversight'] = {}): OfficialAuth => ({
  id,
  memberships,
  oversight,
});
const counter = official('r1', [{ unitId: 'counter', role: 'reception' }]);
const specialist = official('s1', [{ unitId: 'dept', role: 'specialist' }]);
const colleague = official('s2', [{ unitId: 'dept', role: 'specialist' }]);
const leader = official('l1', [{ unitId: 'ubnd', role: 'leader' }], { leader: new Set(['ubnd', 'dept', 'office']) });
const clerk = official('c1', [{ unitId: 'office', role: 'clerk' }]);
const stranger = official('x1', [{ unitId: 'other-counter', role: 'reception' }]);

const dossier = (status: DossierForAuth['status'], task: DossierForAuth['task'], extra: Partial<DossierForAuth> = {}): DossierForAuth => ({
  status,
  receivingUnitId: 'counter',
  competentUnitId: 'ubnd',
  unitIds: ['counter', 'ubnd', 'dept', 'office'],
  task,
  supplementRequests: 0,
  reschedules: 0,
  ...extra,
});
const atSpecialist = dossier(2, { stepIndex: 1, stepName: 'Thẩm định', kind: 'handle', role: 'specialist', unitId: 'dept', assigneeId: 's1' });
const atClerk = dossier(4, { stepIndex: 3, stepName: 'Phát hành', kind: 'issue', role: 'clerk', unitId: 'office', assigneeId: 'c1' });

describe('back-office permissions', () => {
  it('lets the counter receive, refuse or ask to complete a new dossier, and nobody else', () => {
    const fresh = dossier(1, null);
    expect(allowedActions(counter, fresh)).toEqual(expect.arrayContaining(['accept', 'refuse', 'request_completion']));
    expect(authorize(specialist, 'accept', fresh)).toMatchObject({ ok: false, status: 403 });
    expect(authorize(stranger, 'accept', fresh)).toMatchObject({ ok: false, status: 404 });
  });

  it('lets only the assignee of the open step forward it; a colleague is told it is assigned to another', () => {
    expect(authorize(specialist, 'forward', atSpecialist)).toEqual({ ok: true, role: 'specialist' });
    expect(authorize(colleague, 'forward', atSpecialist)).toMatchObject({ ok: false, status: 403, code: 'ASSIGNED_TO_ANOTHER' });
    expect(authorize(colleague, 'forward', { ...atSpecialist, task: { ...atSpecialist.task!, assigneeId: null } })).toMatchObject({ ok: true });
  });

  it('refuses skipping a step with WRONG_STEP naming where the dossier is', () => {
    const r = authorize(clerk, 'issue_result', atSpecialist);
    expect(r).toMatchObject({ ok: false, status: 409, code: 'WRONG_STEP' });
    expect(!r.ok && r.message).toContain('Thẩm định');
    expect(authorize(clerk, 'issue_result', atClerk)).toEqual({ ok: true, role: 'clerk' });
  });

  it('applies the one-stop rules: reasons, one supplement, one new appointment, nothing after the end', () => {
    expect(authorize(specialist, 'request_supplement', atSpecialist, '')).toMatchObject({ ok: false, status: 400, code: 'REASON_REQUIRED' });
    expect(authorize(specialist, 'request_supplement', { ...atSpecialist, supplementRequests: 1 }, 'lý do')).toMatchObject({
      ok: false,
      code: 'SUPPLEMENT_ONCE',
    });
    expect(authorize(leader, 'reschedule', { ...atSpecialist, reschedules: 1 }, 'lý do')).toMatchObject({ ok: false, code: 'RESCHEDULE_ONCE' });
    expect(authorize(leader, 'stop', dossier(8, null), 'lý do')).toMatchObject({ ok: false, status: 409, code: 'INVALID_TRANSITION' });
  });

  it('lets the counter or the competent agency’s specialist confirm a photo copy against the original, before the end only', () => {
    expect(authorize(counter, 'confirm_original', atSpecialist)).toEqual({ ok: true, role: 'reception' });
    const agencySpecialist = official('s3', [{ unitId: 'ubnd', role: 'specialist' }]);
    expect(authorize(agencySpecialist, 'confirm_original', atClerk)).toEqual({ ok: true, role: 'specialist' });
    // A specialist of another department on the route, the clerk, the leader: not theirs to certify.
    expect(authorize(specialist, 'confirm_original', atSpecialist)).toMatchObject({ ok: false });
    expect(authorize(clerk, 'confirm_original', atClerk)).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
    expect(authorize(leader, 'confirm_original', atSpecialist)).toMatchObject({ ok: false, status: 403 });
    expect(authorize(stranger, 'confirm_original', atSpecialist)).toMatchObject({ ok: false, status: 404 });
    expect(authorize(counter, 'confirm_original', dossier(10, null))).toMatchObject({ ok: false, status: 409, code: 'INVALID_TRANSITION' });
    expect(authorize(counter, 'confirm_original', dossier(9, null))).toEqual({ ok: true, role: 'reception' });
  });

  it('gives leaders oversight of their agency: stop, new appointment and reassignment', () => {
    expect(authorize(leader, 'stop', atSpecialist, 'lý do')).toEqual({ ok: true, role: 'leader' });
    expect(authorize(leader, 'reassign', atSpecialist)).toEqual({ ok: true, role: 'leader' });
    expect(authorize(specialist, 'reassign', atSpecialist)).toMatchObject({ ok: false, status: 403 });
  });

  it('gives a supervisor sight but no action', () => {
    const supervisor = official('g1', [{ unitId: 'province', role: 'supervisor' }], { supervisor: new Set(['province', 'counter', 'ubnd', 'dept', 'office']) });
    expect(allowedActions(supervisor, atSpecialist)).toEqual([]);
    expect(authorize(supervisor, 'forward', atSpecialist)).toMatchObject({ ok: false, status: 403 });
  });
});
