/**
 * Hồ sơ (/can-bo/ho-so/:id): one dossier for the official — summary, applicant, answers, documents, the workflow
 * with each step's result, pauses, the forms to print, the action log — and the panel of the actions this
 * official may take now. After an action the dossier is reloaded and the outcome announced (aria-live).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { StaffActionResult, StaffDossier } from '../../api/types.ts';
import { usePageTitle } from '../../usePageTitle.ts';
import { LoadError, Loading } from '../bits.tsx';
import { errorMessage, statusName, vnDateTime } from '../format.ts';
import { ActionLog } from './ActionLog.tsx';
import { ActionPanel } from './ActionPanel.tsx';
import { Answers } from './Answers.tsx';
import { Documents } from './Documents.tsx';
import { FormsList } from './FormsList.tsx';
import { ResultBlock } from './ResultBlock.tsx';
import { StaffPaymentBlock } from '../../payments/StaffPaymentBlock.tsx';
import { CounterRatingLink } from '../../metrics/CounterRatingLink.tsx';
import { Applicant, Summary } from './Summary.tsx';
import { Workflow } from './Workflow.tsx';

export function DossierPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [d, setD] = useState<StaffDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const announceRef = useRef<HTMLDivElement>(null);
  const heading = usePageTitle(d ? t('staff.dossier.title', { code: d.code }) : t('staff.dossier.loading'));

  const load = useCallback(async () => {
    try {
      const next = await api<StaffDossier>(`/api/staff/dossiers/${encodeURIComponent(id)}`);
      setD(next);
      setError(null);
      return next;
    } catch (e) {
      setError(errorMessage(e, t('error.generic')));
      return null;
    }
  }, [id, t]);
  useEffect(() => {
    setD(null);
    setAnnouncement('');
    void load();
  }, [load]);

  const done = async (result: StaffActionResult, actionName: string) => {
    const fresh = await load();
    const status = fresh ? statusName(i18n.language, fresh.status) : '';
    const next = result.task
      ? t('staff.dossier.doneNext', { step: result.task.stepName, who: result.task.assigneeName ? ` – ${result.task.assigneeName}` : '', due: vnDateTime(t, result.task.dueAt) })
      : '';
    setAnnouncement(`${t('staff.dossier.done', { action: actionName, status })}${next ? ` ${next}` : ''}`);
    requestAnimationFrame(() => announceRef.current?.focus());
  };

  if (error && !d) return <LoadError message={error} />;
  return (
    <article className="dossier-page">
      <div role="status" aria-live="polite" className={announcement ? 'announce panel-info' : 'announce'} tabIndex={-1} ref={announceRef} data-testid="announcement">
        {announcement}
      </div>
      {!d ? (
        <Loading />
      ) : (
        <>
          <p className="muted">{d.procedureName}</p>
          <h1 ref={heading} tabIndex={-1}>{t('staff.dossier.title', { code: d.code })}</h1>
          {error && <LoadError message={error} />}
          <div className="dossier-layout">
            <div className="dossier-main">
              <Summary d={d} />
              <ResultBlock d={d} />
              <StaffPaymentBlock dossierId={d.id} refreshKey={d} />
              <CounterRatingLink d={d} />
            </div>
            <div className="dossier-side">
              <ActionPanel d={d} onDone={(r, name) => void done(r, name)} />
              <FormsList d={d} />
            </div>
            <div className="dossier-details">
              <Applicant d={d} />
              <Answers d={d} />
              <Documents d={d} />
              <Workflow d={d} />
              <ActionLog d={d} />
            </div>
          </div>
        </>
      )}
    </article>
  );
}
