import { describe, expect, it } from 'vitest';
import { checkTransition, TRANSITIONS, type ActionCode, type Role } from './transitions.ts';

const state = (status: number, supplementRequests = 0, reschedules = 0) => ({ status: status as 1, supplementRequests, reschedules });

describe('dossier transitions', () => {
  it('accepts an online dossier at the counter (1 → 2, Mẫu 01)', () => {
    expect(checkTransition(state(1), 'accept', 'reception')).toEqual({ ok: true, to: 2, form: 'mau-01' });
  });
  it('refusing needs a reason (Mẫu 03, → 3)', () => {
    expect(checkTransition(state(1), 'refuse', 'reception', '  ')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(checkTransition(state(1), 'refuse', 'reception', 'Không thuộc thẩm quyền')).toEqual({ ok: true, to: 3, form: 'mau-03' });
  });
  it('allows one supplement request during processing, not a second', () => {
    expect(checkTransition(state(4), 'request_supplement', 'specialist', 'Thiếu giấy chứng sinh')).toEqual({ ok: true, to: 5, form: 'mau-02' });
    expect(checkTransition(state(4, 1), 'request_supplement', 'specialist', 'Thiếu nữa')).toMatchObject({ ok: false, code: 'SUPPLEMENT_ONCE' });
  });
  it('allows one new appointment (Mẫu 04), keeping the status', () => {
    expect(checkTransition(state(4), 'reschedule', 'leader', 'Cần xác minh')).toEqual({ ok: true, to: 4, form: 'mau-04' });
    expect(checkTransition(state(4, 0, 1), 'reschedule', 'leader', 'Lần hai')).toMatchObject({ ok: false, code: 'RESCHEDULE_ONCE' });
  });
  it('refuses skipping steps and wrong roles with clear Vietnamese messages', () => {
    const skip = checkTransition(state(2), 'issue_result', 'clerk');
    expect(skip).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(!skip.ok && skip.message).toContain('Được tiếp nhận');
    expect(checkTransition(state(4), 'stop', 'specialist', 'x')).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    expect(checkTransition(state(4), 'issue_result', 'applicant')).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });
  it('never leaves a terminal status except returning an issued result', () => {
    const roles: Role[] = ['reception', 'specialist', 'leader', 'clerk', 'applicant', 'system'];
    for (const terminal of [3, 7, 8, 10]) {
      for (const action of Object.keys(TRANSITIONS) as ActionCode[]) {
        for (const role of roles) expect(checkTransition(state(terminal), action, role, 'lý do').ok, `${terminal} ${action} ${role}`).toBe(false);
      }
    }
    expect(checkTransition(state(9), 'return_result', 'reception')).toEqual({ ok: true, to: 10, form: undefined });
  });
});
