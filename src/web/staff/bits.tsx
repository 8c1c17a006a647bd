/** Small back-office building blocks: urgency and step-result badges (text + icon + colour), due times, loading and errors. */
import { useTranslation } from 'react-i18next';
import type { StepTimeliness, Urgency } from '../api/types.ts';
import { vnDateTime } from './format.ts';

const URGENCY_ICON: Record<Urgency | 'paused', string> = { overdue: '⚠', due_soon: '⏰', in_time: '✓', paused: '⏸' };

/** How urgent a task or dossier is, never by colour alone: an icon, the words, and the colour. */
export function UrgencyBadge({ urgency, paused = false }: { urgency: Urgency | null; paused?: boolean }) {
  const { t } = useTranslation();
  const kind = paused ? 'paused' : urgency;
  if (!kind) return null;
  return (
    <span className={`urgency urgency-${kind}`}>
      <span aria-hidden="true" className="urgency-icon">
        {URGENCY_ICON[kind]}
      </span>{' '}
      {t(`staff.urgency.${kind}`)}
    </span>
  );
}

const RESULT_ICON: Record<StepTimeliness, string> = { before: '✓', on_time: '✓', overdue: '⚠', in_progress: '…' };

export function StepResult({ timeliness }: { timeliness: StepTimeliness }) {
  const { t } = useTranslation();
  return (
    <span className={`step-result step-result-${timeliness}`}>
      <span aria-hidden="true">{RESULT_ICON[timeliness]}</span> {t(`staff.timeliness.${timeliness}`)}
    </span>
  );
}

/** An instant in Vietnam time inside a <time> element. */
export function When({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation();
  if (!at) return <>—</>;
  return <time dateTime={at}>{vnDateTime(t, at)}</time>;
}

export function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}

export function LoadError({ message }: { message: string }) {
  return (
    <div className="error-box" role="alert">
      {message}
    </div>
  );
}
