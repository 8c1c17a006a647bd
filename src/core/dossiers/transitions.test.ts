import { describe, expect, it } from 'vitest';
import { ACTION_RULES, actionOfEvent, checkTransition, DOSSIER_ACTIONS, DOSSIER_EVENTS, targetStatus, type Role } from './transitions.ts';

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
  it('never leaves a terminal status except returning an issued result (a rating or a late payment keeps the status)', () => {
    const roles: Role[] = ['reception', 'specialist', 'leader', 'clerk', 'applicant', 'system'];
    for (const terminal of [3, 7, 8, 10]) {
      for (const action of DOSSIER_ACTIONS) {
        for (const role of roles) {
          const r = checkTransition(state(terminal), action, role, 'lý do');
          if (action === 'rate' && terminal === 10) expect(r.ok && r.to).toBe(role === 'applicant' || role === 'reception' ? 10 : false);
          else if (action === 'record_payment') expect(r.ok && r.to).toBe(role === 'system' || role === 'reception' ? terminal : false);
          else expect(r.ok, `${terminal} ${action} ${role}`).toBe(false);
        }
      }
    }
    expect(checkTransition(state(9), 'return_result', 'reception')).toEqual({ ok: true, to: 10, form: undefined });
    // A rating after the end records an opinion; it does not change the status.
    expect(checkTransition(state(10), 'rate', 'applicant')).toEqual({ ok: true, to: 10, form: undefined });
  });
  it('resumes a dossier waiting for payment (6 → 4) and records an earlier payment without a status change', () => {
    expect(checkTransition(state(6), 'record_payment', 'system')).toEqual({ ok: true, to: 4, form: undefined });
    expect(checkTransition(state(2), 'record_payment', 'system')).toEqual({ ok: true, to: 2, form: undefined });
    expect(checkTransition(state(9), 'record_payment', 'system')).toEqual({ ok: true, to: 9, form: undefined });
    expect(targetStatus('record_payment', 1)).toBe(1);
  });
  it('the citizen withdraws and supplements under the same names as the counter does for them', () => {
    expect(checkTransition(state(4), 'withdraw', 'applicant', 'Không còn nhu cầu')).toEqual({ ok: true, to: 7, form: undefined });
    expect(checkTransition(state(4), 'withdraw', 'reception', 'Đơn rút hồ sơ')).toEqual({ ok: true, to: 7, form: undefined });
    expect(checkTransition(state(5), 'provide_supplement', 'applicant')).toEqual({ ok: true, to: 4, form: undefined });
    expect(checkTransition(state(5), 'provide_supplement', 'reception')).toEqual({ ok: true, to: 4, form: undefined });
  });
  it('gives every action exactly one event, and every event exactly one action', () => {
    const events = DOSSIER_ACTIONS.map((a) => ACTION_RULES[a].event);
    expect(new Set(events).size).toBe(DOSSIER_ACTIONS.length);
    expect([...events].sort()).toEqual([...DOSSIER_EVENTS].sort());
    for (const a of DOSSIER_ACTIONS) expect(actionOfEvent[ACTION_RULES[a].event]).toBe(a);
  });
  it('only submit starts from nothing, and every other action names the statuses it starts from', () => {
    for (const a of DOSSIER_ACTIONS) expect(ACTION_RULES[a].from.length === 0, a).toBe(a === 'submit');
  });
});
