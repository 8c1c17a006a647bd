/**
 * The internal workflow (quy trình nội bộ) of a procedure case is data: ordered steps, each with its role, the kind
 * of unit that performs it and a time quota. Its shape follows the one-stop rules: the counter receives (first
 * step), departments handle, the step before last issues the result (status 9), the counter returns it (last step,
 * status 10). These pure functions name each step's kind, check a workflow, and judge a step's timeliness.
 */
import type { WorkflowStep } from '../catalogue/schema.ts';
import { toLocal, workingMinutesBetween, type Calendar as WorkCalendarLike } from '../deadlines/deadlines.ts';

export type StepKind = 'receive' | 'handle' | 'issue' | 'return';

export function stepKind(stepCount: number, index: number): StepKind {
  if (index === 0) return 'receive';
  if (index === stepCount - 1) return 'return';
  if (index === stepCount - 2) return 'issue';
  return 'handle';
}

export const stepKindName: Record<StepKind, string> = {
  receive: 'Tiếp nhận',
  handle: 'Xử lý',
  issue: 'Phát hành kết quả',
  return: 'Trả kết quả',
};

/** Problems with a workflow, in Vietnamese; empty when it can be used. */
export function workflowProblems(steps: readonly WorkflowStep[]): string[] {
  const problems: string[] = [];
  if (steps.length < 3) problems.push('Quy trình cần ít nhất 3 bước: tiếp nhận, xử lý và trả kết quả.');
  if (steps.length > 0 && steps[0].role !== 'reception') problems.push('Bước đầu tiên phải là tiếp nhận tại Bộ phận một cửa (vai trò tiếp nhận).');
  if (steps.length > 1 && steps[steps.length - 1].role !== 'reception')
    problems.push('Bước cuối cùng phải là trả kết quả tại Bộ phận một cửa (vai trò tiếp nhận).');
  const keys = new Set<string>();
  steps.forEach((s, i) => {
    if (keys.has(s.key)) problems.push(`Mã bước "${s.key}" bị trùng.`);
    keys.add(s.key);
    if (i > 0 && i < steps.length - 1 && s.role === 'reception')
      problems.push(`Bước ${i + 1} "${s.name}": các bước giữa quy trình do phòng chuyên môn, lãnh đạo hoặc văn thư thực hiện.`);
    if (!(s.quota.amount > 0)) problems.push(`Bước ${i + 1} "${s.name}": thời gian thực hiện phải lớn hơn 0.`);
  });
  return problems;
}

export type StepTimeliness = 'before' | 'on_time' | 'overdue' | 'in_progress';

export const stepTimelinessName: Record<StepTimeliness, string> = {
  before: 'Trước hạn',
  on_time: 'Đúng hạn',
  overdue: 'Quá hạn',
  in_progress: 'Đang xử lý',
};

/**
 * A step judged as the control sheet (Mẫu 06) does, with the same day-based rule as 766 indicator 2.1: over time
 * when finished after its due time; before time when finished on an earlier local day than the due day; otherwise
 * on time. An open step is "in progress" until its due time passes, then over time.
 */
export function classifyStep(step: { dueAt: Date; completedAt?: Date | null }, now: Date): StepTimeliness {
  if (!step.completedAt) return now > step.dueAt ? 'overdue' : 'in_progress';
  if (step.completedAt > step.dueAt) return 'overdue';
  return toLocal(step.completedAt).day < toLocal(step.dueAt).day ? 'before' : 'on_time';
}

export type Urgency = 'overdue' | 'due_soon' | 'in_time';

/**
 * How urgent an open task or dossier is at `now`: overdue after its due time; due soon when the working time left
 * is at most a quarter of the working time it was given (and at least one working hour); otherwise in time.
 */
export function urgency(now: Date, startedAt: Date, dueAt: Date, cal: WorkCalendarLike): Urgency {
  if (now > dueAt) return 'overdue';
  const total = workingMinutesBetween(startedAt, dueAt, cal);
  const left = workingMinutesBetween(now, dueAt, cal);
  return left <= Math.max(60, total / 4) ? 'due_soon' : 'in_time';
}
