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
import { kysely, type DB, type Selectable } from '../../db/kysely.ts';
import { AppError } from '../../http/errors.ts';
import { type OrgTree, stepUnit } from '../officials/index.ts';

export type TaskRow = Selectable<DB['dossier_tasks']>;

export interface DossierRoute {
  id: string;
  receivingUnitId: string;
  competentUnitId: string | null;
  dueAt: Date | null;
}

/** The least loaded active official with the role in the unit (open tasks), ties by username; null when none. */
/** The active officials holding the role in the unit. */
function activeMembers(tx: Queryable, unitId: string, role: StepRole) {
  return kysely(tx)
    .selectFrom('official_memberships as m')
    .innerJoin('officials as o', (join) => join.onRef('o.id', '=', 'm.official_id').on('o.active', '=', true))
    .where('m.unit_id', '=', unitId)
    .where('m.role', '=', role);
}

export async function leastLoaded(tx: Queryable, unitId: string, role: StepRole): Promise<string | null> {
  const row = await activeMembers(tx, unitId, role)
    .select('o.id')
    .orderBy((eb) =>
      eb.selectFrom('dossier_tasks as t').select(eb.fn.countAll().as('n')).whereRef('t.assignee_id', '=', 'o.id').where('t.completed_at', 'is', null),
    )
    .orderBy('o.username')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function isMember(tx: Queryable, officialId: string, unitId: string, role: StepRole): Promise<boolean> {
  return (await activeMembers(tx, unitId, role).select('o.id').where('m.official_id', '=', officialId).executeTakeFirst()) !== undefined;
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
    throw new AppError(
      'WORKFLOW_UNIT_MISSING',
      `Không xác định được đơn vị thực hiện bước "${step.name}" (loại đơn vị ${step.unitKind}). Vui lòng báo quản trị hệ thống.`,
      409,
    );
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
  const db = kysely(tx);
  const { last } = await db
    .selectFrom('dossier_tasks')
    .select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('last'))
    .where('dossier_id', '=', d.id)
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  const row = await db
    .insertInto('dossier_tasks')
    .values({
      id,
      dossier_id: d.id,
      seq: last + 1,
      step_index: input.stepIndex,
      step_key: step.key,
      step_name: step.name,
      role: step.role,
      unit_id: unit.id,
      assignee_id: assignee,
      assigned_by: assignedBy,
      started_at: startedAt,
      due_at: due,
      completed_at: input.completed?.at ?? null,
      completed_by: input.completed?.by ?? null,
      outcome: input.completed?.outcome ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!input.completed) await db.updateTable('dossiers').set({ current_task_id: id }).where('id', '=', d.id).execute();
  return { ...row, kind, unitName: unit.name };
}

export async function closeTask(tx: Queryable, taskId: string, at: Date, by: string | null, outcome: string, note?: string): Promise<void> {
  await kysely(tx)
    .updateTable('dossier_tasks')
    .set({ completed_at: at, completed_by: by, outcome, ...(note != null && { note }) })
    .where('id', '=', taskId)
    .where('completed_at', 'is', null)
    .execute();
}

export async function loadTask(tx: Queryable, taskId: string | null): Promise<TaskRow | null> {
  if (!taskId) return null;
  return (await kysely(tx).selectFrom('dossier_tasks').selectAll().where('id', '=', taskId).executeTakeFirst()) ?? null;
}

export async function officialName(tx: Queryable, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await kysely(tx).selectFrom('officials').select('full_name').where('id', '=', id).executeTakeFirst())?.full_name ?? null;
}
