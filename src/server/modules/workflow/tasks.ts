/**
 * Workflow tasks: one row per step a dossier passes through. Opening a task resolves the step's unit, assigns it to
 * the least loaded official of that unit with the step's role (or to a preferred one, e.g. whoever did the step
 * before when a dossier is sent back), and sets its due time from the step's quota, never after the dossier's due
 * time. Callers hold the dossier row lock.
 */
import crypto from 'node:crypto';
import type { WorkflowStep } from '../../../core/catalogue/schema.ts';
import { stepDue, type WorkCalendar } from '../../../core/deadlines/deadlines.ts';
import type { StepRole } from '../../../core/workflow/roles.ts';
import { stepKind, type StepKind } from '../../../core/workflow/steps.ts';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { stepUnit, type OrgTree } from './org.ts';

export interface TaskRow {
  id: string;
  dossier_id: string;
  seq: number;
  step_index: number;
  step_key: string;
  step_name: string;
  role: StepRole;
  unit_id: string;
  assignee_id: string | null;
  assigned_by: string | null;
  started_at: Date;
  due_at: Date;
  completed_at: Date | null;
  completed_by: string | null;
  outcome: string | null;
  note: string | null;
}

export interface DossierRoute {
  id: string;
  receivingUnitId: string;
  competentUnitId: string | null;
  dueAt: Date | null;
}

/** The units of every step of the workflow, for the dossier's unit set. */
export function routeUnits(tree: OrgTree, steps: readonly WorkflowStep[], d: Omit<DossierRoute, 'id' | 'dueAt'>): string[] {
  const units = new Set([d.receivingUnitId, ...(d.competentUnitId ? [d.competentUnitId] : [])]);
  for (const s of steps) {
    const u = stepUnit(tree, s, d);
    if (u) units.add(u.id);
  }
  return [...units];
}

/** The least loaded active official with the role in the unit (open tasks), ties by username; null when none. */
export async function leastLoaded(tx: Queryable, unitId: string, role: string): Promise<string | null> {
  const { rows } = await tx.query<{ id: string }>(
    `SELECT o.id FROM official_memberships m JOIN officials o ON o.id = m.official_id AND o.active
      WHERE m.unit_id = $1 AND m.role = $2
      ORDER BY (SELECT count(*) FROM dossier_tasks t WHERE t.assignee_id = o.id AND t.completed_at IS NULL), o.username
      LIMIT 1`,
    [unitId, role],
  );
  return rows[0]?.id ?? null;
}

async function isMember(tx: Queryable, officialId: string, unitId: string, role: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM official_memberships m JOIN officials o ON o.id = m.official_id AND o.active WHERE m.official_id = $1 AND m.unit_id = $2 AND m.role = $3', [
    officialId, unitId, role,
  ]);
  return rows.length > 0;
}

export interface OpenTaskInput {
  tree: OrgTree;
  calendar: WorkCalendar;
  steps: readonly WorkflowStep[];
  stepIndex: number;
  at: Date;
  /** Assign to this official when they still hold the role in the unit (sent back, or the counter officer who receives). */
  preferAssignee?: string | null;
  /** Completed at once (the reception step of a dossier accepted now). */
  completed?: { at: Date; by: string; outcome: string };
  startedAt?: Date;
}

export async function openTask(tx: Queryable, d: DossierRoute, input: OpenTaskInput): Promise<TaskRow & { kind: StepKind; unitName: string }> {
  const step = input.steps[input.stepIndex];
  if (!step) throw new AppError('WORKFLOW_INVALID', 'Quy trình của thủ tục không có bước tiếp theo. Vui lòng báo quản trị danh mục.', 409);
  const unit = stepUnit(input.tree, step, d);
  if (!unit) {
    throw new AppError('WORKFLOW_UNIT_MISSING', `Không xác định được đơn vị thực hiện bước "${step.name}" (loại đơn vị ${step.unitKind}). Vui lòng báo quản trị hệ thống.`, 409);
  }
  const startedAt = input.startedAt ?? input.at;
  const kind = stepKind(input.steps.length, input.stepIndex);
  let due = stepDue(startedAt, step.quota, input.calendar);
  // No step has more time than the dossier; returning the result waits for the appointment the citizen was given.
  if (d.dueAt && ((due > d.dueAt && startedAt < d.dueAt) || (kind === 'return' && due < d.dueAt))) due = d.dueAt;
  let assignee: string | null = null;
  let assignedBy = 'auto';
  if (input.preferAssignee && (await isMember(tx, input.preferAssignee, unit.id, step.role))) {
    assignee = input.preferAssignee;
    assignedBy = input.completed ? input.preferAssignee : 'previous';
  } else {
    assignee = await leastLoaded(tx, unit.id, step.role);
  }
  const seq = ((await tx.query<{ n: number }>('SELECT COALESCE(max(seq), 0)::int AS n FROM dossier_tasks WHERE dossier_id = $1', [d.id])).rows[0]?.n ?? 0) + 1;
  const id = crypto.randomUUID();
  const { rows } = await tx.query<TaskRow>(
    `INSERT INTO dossier_tasks (id, dossier_id, seq, step_index, step_key, step_name, role, unit_id, assignee_id, assigned_by, started_at, due_at, completed_at, completed_by, outcome)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
    [
      id, d.id, seq, input.stepIndex, step.key, step.name, step.role, unit.id, assignee, assignedBy, startedAt, due,
      input.completed?.at ?? null, input.completed?.by ?? null, input.completed?.outcome ?? null,
    ],
  );
  if (!input.completed) await tx.query('UPDATE dossiers SET current_task_id = $2 WHERE id = $1', [d.id, id]);
  return { ...rows[0], kind, unitName: unit.name };
}

export async function closeTask(tx: Queryable, taskId: string, at: Date, by: string | null, outcome: string, note?: string): Promise<void> {
  await tx.query('UPDATE dossier_tasks SET completed_at = $2, completed_by = $3, outcome = $4, note = COALESCE($5, note) WHERE id = $1 AND completed_at IS NULL', [
    taskId, at, by, outcome, note ?? null,
  ]);
}

export async function loadTask(tx: Queryable, taskId: string | null): Promise<TaskRow | null> {
  if (!taskId) return null;
  return (await tx.query<TaskRow>('SELECT * FROM dossier_tasks WHERE id = $1', [taskId])).rows[0] ?? null;
}

export async function officialName(tx: Queryable, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await tx.query<{ full_name: string }>('SELECT full_name FROM officials WHERE id = $1', [id])).rows[0]?.full_name ?? null;
}
