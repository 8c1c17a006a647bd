import { describe, expect, it } from 'vitest';
import { fromLocal, workCalendar } from '../deadlines/deadlines.ts';
import type { StepRole } from './roles.ts';
import { classifyStep, stepKind, urgency, workflowProblems } from './steps.ts';

const cal = workCalendar(new Map());
const step = (key: string, role: StepRole, amount = 1) => ({ key, name: key, role, unitKind: 'x', quota: { amount, unit: 'working_hours' as const } });

describe('workflow steps', () => {
  it('names each step by its place: receive, handle, issue (before last), return (last)', () => {
    expect([0, 1, 2, 3, 4].map((i) => stepKind(5, i))).toEqual(['receive', 'handle', 'handle', 'issue', 'return']);
    expect([0, 1, 2].map((i) => stepKind(3, i))).toEqual(['receive', 'issue', 'return']);
  });

  it('checks a workflow: counter first and last, departments between, unique keys, positive quotas', () => {
    expect(workflowProblems([step('a', 'reception'), step('b', 'specialist'), step('c', 'leader'), step('d', 'clerk'), step('e', 'reception')])).toEqual([]);
    expect(workflowProblems([step('a', 'specialist'), step('b', 'reception')])).toHaveLength(2);
    expect(workflowProblems([step('a', 'reception'), step('a', 'reception'), step('c', 'specialist', 0), step('d', 'reception')]).join(' ')).toMatch(
      /trùng.*giữa quy trình.*lớn hơn 0/s,
    );
  });

  it('judges a step: before on an earlier day, on time by its due time, over after it', () => {
    const due = fromLocal('2026-03-10', 17 * 60);
    expect(classifyStep({ dueAt: due, completedAt: fromLocal('2026-03-09', 16 * 60) }, due)).toBe('before');
    expect(classifyStep({ dueAt: due, completedAt: fromLocal('2026-03-10', 16 * 60) }, due)).toBe('on_time');
    expect(classifyStep({ dueAt: due, completedAt: due }, due)).toBe('on_time');
    expect(classifyStep({ dueAt: due, completedAt: fromLocal('2026-03-10', 17 * 60 + 1) }, due)).toBe('overdue');
    expect(classifyStep({ dueAt: due }, fromLocal('2026-03-10', 9 * 60))).toBe('in_progress');
    expect(classifyStep({ dueAt: due }, fromLocal('2026-03-11', 9 * 60))).toBe('overdue');
  });

  it('marks a task due soon in its last quarter of working time (at least an hour), overdue after', () => {
    // Tuesday 10 March 2026: 08:00 → 16:00 is 6 working hours (lunch 11:30–13:30).
    const start = fromLocal('2026-03-10', 8 * 60);
    const due = fromLocal('2026-03-10', 16 * 60);
    expect(urgency(fromLocal('2026-03-10', 9 * 60), start, due, cal)).toBe('in_time');
    expect(urgency(fromLocal('2026-03-10', 14 * 60 + 40), start, due, cal)).toBe('due_soon');
    expect(urgency(fromLocal('2026-03-10', 16 * 60 + 1), start, due, cal)).toBe('overdue');
  });
});
