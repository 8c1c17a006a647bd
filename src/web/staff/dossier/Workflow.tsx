/**
 * The internal workflow as a progress list: every step, and for each time the dossier passed through it the unit,
 * the official, start, due and completion times and the result (before time, on time, overdue, in progress).
 * Then the pauses (supplement, financial obligation) with how they moved the due time.
 */
import { useTranslation } from 'react-i18next';
import type { StaffDossier } from '../../api/types.ts';
import { StepResult, When } from '../bits.tsx';

export function Workflow({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="workflow-title">
      <h2 id="workflow-title">{t('staff.dossier.workflow')}</h2>
      <ol className="workflow" aria-labelledby="workflow-title">
        {d.workflow.map((step) => {
          const tasks = d.tasks.filter((x) => x.stepIndex === step.index);
          const isCurrent = tasks.some((x) => x.current);
          const state = isCurrent ? 'current' : tasks.length > 0 && tasks.every((x) => x.completedAt) ? 'done' : 'todo';
          return (
            <li key={step.key} className={`workflow-step workflow-${state}`} aria-current={isCurrent ? 'step' : undefined} data-testid={`step-${step.key}`}>
              <h3 className="workflow-name">
                <span aria-hidden="true" className="workflow-mark">
                  {state === 'done' ? '✓' : state === 'current' ? '▶' : '○'}
                </span>{' '}
                {t('staff.dossier.stepN', { n: step.index + 1 })}: {step.name}
              </h3>
              <p className="muted">
                {t(`staff.role.${step.role}`, { defaultValue: step.role })}
                {isCurrent && <strong className="current-tag"> · {t('staff.dossier.currentStep')}</strong>}
              </p>
              {tasks.length === 0 && <p className="muted">{t('staff.dossier.notReached')}</p>}
              {tasks.map((task) => (
                <dl key={task.seq} className="facts task-facts">
                  <div>
                    <dt>{t('staff.dossier.unit')}</dt>
                    <dd>{task.unitName ?? task.unitId}</dd>
                  </div>
                  <div>
                    <dt>{t('staff.dossier.assignee')}</dt>
                    <dd data-testid={`assignee-${step.key}`}>{task.assigneeName ?? t('staff.dossier.unassigned')}</dd>
                  </div>
                  <div>
                    <dt>{t('staff.dossier.started')}</dt>
                    <dd>
                      <When at={task.startedAt} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t('staff.dossier.due')}</dt>
                    <dd>
                      <When at={task.dueAt} />
                    </dd>
                  </div>
                  {task.completedAt && (
                    <div>
                      <dt>{t('staff.dossier.completed')}</dt>
                      <dd>
                        <When at={task.completedAt} />
                        {task.completedByName ? ` – ${task.completedByName}` : ''}
                      </dd>
                    </div>
                  )}
                  {task.outcome && (
                    <div>
                      <dt>{t('staff.dossier.outcome')}</dt>
                      <dd>{t(`staff.outcome.${task.outcome}`, { defaultValue: task.outcome })}</dd>
                    </div>
                  )}
                  <div>
                    <dt>{t('staff.dossier.result')}</dt>
                    <dd>
                      <StepResult timeliness={task.timeliness} />
                    </dd>
                  </div>
                </dl>
              ))}
            </li>
          );
        })}
      </ol>
      {d.pauses.length > 0 && (
        <>
          <h3>{t('staff.dossier.pauses')}</h3>
          <ul className="pauses">
            {d.pauses.map((p, i) => (
              <li key={i}>
                <strong>{t(`staff.pause.${p.kind}`, { defaultValue: p.kind })}</strong>: <When at={p.startedAt} /> →{' '}
                {p.endedAt ? <When at={p.endedAt} /> : t('staff.dossier.stillPaused')}
                {p.reason && (
                  <p>
                    {t('staff.dossier.reason')}: {p.reason}
                  </p>
                )}
                {p.dueAfter && p.dueBefore && p.dueAfter !== p.dueBefore && (
                  <p>
                    {t('staff.dossier.dueMoved')} <When at={p.dueBefore} /> → <When at={p.dueAfter} />
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
