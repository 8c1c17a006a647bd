/**
 * Hồ sơ (/can-bo/ho-so/:id): one dossier for the official — summary, applicant, answers, documents, the workflow
 * with each step's result, pauses, the forms to print, the action log — and the panel of the actions this
 * official may take now. After an action, `afterStaffAction` invalidates the dossier, the inbox, the reception queue
 * and the dossier's payment (data/invalidate.ts); the dossier is fetched again and the outcome announced (aria-live).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { StaffActionResult, StaffDossier } from '../../api/types.ts';
import { afterStaffAction } from '../../data/invalidate.ts';
import { keys } from '../../data/keys.ts';
import { usePageTitle } from '../../usePageTitle.ts';
import { LoadError, Loading } from '../bits.tsx';
import { errorMessage, statusName, vnDateTime } from '../format.ts';
import { staffQueries } from '../queries.ts';
import { ActionLog } from './ActionLog.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { Answers } from './Answers.tsx';
import { Documents } from './Documents.tsx';
import { PhotoCopies } from './PhotoCopies.tsx';
import { FormsList } from './FormsList.tsx';
import { ResultBlock } from './ResultBlock.tsx';
import { StaffPaymentBlock } from '../../payments/StaffPaymentBlock.tsx';
import { CounterRatingLink } from '../../metrics/CounterRatingLink.tsx';
import { Applicant, Summary } from './Summary.tsx';
import { Workflow } from './Workflow.tsx';

export function DossierPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  // ?trung=<code>: opened from the reception queue's "possible duplicate" flag to refuse it (Mẫu 03) as a duplicate.
  const duplicateOf = useSearchParams()[0].get('trung')?.slice(0, 64) ?? null;
  const qc = useQueryClient();
  const query = useQuery(staffQueries.dossier(id));
  const d = query.data ?? null;
  const error = query.error ? errorMessage(query.error, t('error.generic')) : null;
  // The announcement belongs to the dossier it was made on.
  const [announcement, setAnnouncement] = useState({ id, text: '' });
  const announceRef = useRef<HTMLDivElement>(null);
  const heading = usePageTitle(d ? t('staff.dossier.title', { code: d.code }) : t('staff.dossier.loading'));

  /** Called by the action panel after an action succeeded: fresh data everywhere, then the outcome in words. */
  const done = async (result: StaffActionResult, actionName: string, note?: string) => {
    await afterStaffAction(qc, id);
    const fresh = qc.getQueryData<StaffDossier>(keys.staff.dossier(id));
    const status = fresh ? statusName(i18n.language, fresh.status) : '';
    const next = result.task
      ? t('staff.dossier.doneNext', {
          step: result.task.stepName,
          who: result.task.assigneeName ? ` – ${result.task.assigneeName}` : '',
          due: vnDateTime(t, result.task.dueAt),
        })
      : '';
    setAnnouncement({ id, text: `${t('staff.dossier.done', { action: actionName, status })}${next ? ` ${next}` : ''}${note ? ` ${note}` : ''}` });
    requestAnimationFrame(() => announceRef.current?.focus());
  };
  const said = announcement.id === id ? announcement.text : '';

  if (error && !d) return <LoadError message={error} />;
  return (
    <article className="dossier-page">
      <div role="status" aria-live="polite" className={said ? 'announce panel-info' : 'announce'} tabIndex={-1} ref={announceRef} data-testid="announcement">
        {said}
      </div>
      {!d ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{d.procedureName}</p>
          <h1 ref={heading} tabIndex={-1}>
            {t('staff.dossier.title', { code: d.code })}
          </h1>
          {error && <LoadError message={error} />}
          <div className="dossier-layout">
            <div className="dossier-main">
              <Summary d={d} />
              <ResultBlock d={d} />
              <StaffPaymentBlock dossierId={d.id} />
              <CounterRatingLink d={d} />
            </div>
            <div className="dossier-side">
              <ActionPanel
                d={d}
                onDone={(r, name, note) => void done(r, name, note)}
                preset={duplicateOf ? { action: 'refuse', reason: t('staff.queue.duplicateReason', { code: duplicateOf }) } : undefined}
              />
              <FormsList d={d} />
            </div>
            <div className="dossier-details">
              <Applicant d={d} />
              <Answers d={d} />
              <Documents d={d} />
              <PhotoCopies dossierId={d.id} onChanged={() => void qc.invalidateQueries({ queryKey: keys.staff.dossier(d.id) })} />
              <Workflow d={d} />
              <ActionLog d={d} />
            </div>
          </div>
        </>
      )}
    </article>
  );
}
