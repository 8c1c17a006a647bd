/**
 * The counter's answer when paper is refused today (paperless day, online-only procedure; issue 16 item 6): the
 * Vietnamese message with its legal basis, then "help submit online" (the dossier becomes the citizen's online
 * dossier, the official recorded as helping) or, by exception, the paper dossier with a reason (reported).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureCase } from '../../../core/catalogue/schema.ts';
import { OnlineAdvantage } from '../../components/OnlineAdvantage.tsx';

export type PaperlessChoice =
  | { assistedOnline: true }
  | { paperlessException: { reasonCode: 'elderly_without_support' | 'no_device' | 'system_outage' | 'originals_required' | 'other'; reason: string } };

const REASONS = ['elderly_without_support', 'no_device', 'system_outage', 'originals_required', 'other'] as const;

export function PaperRefusal({
  message,
  submitting,
  submit,
  kase,
}: {
  message: string;
  submitting: boolean;
  submit: (c: PaperlessChoice) => void;
  /** The case being received: what submitting online gives (shorter time, lower fee) is said with the offer. */
  kase?: ProcedureCase;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reasonCode, setReasonCode] = useState<(typeof REASONS)[number] | ''>('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const takeException = () => {
    if (!reasonCode || reason.trim().length < 5) {
      setError(t('paperless.exceptionErr'));
      return;
    }
    setError(null);
    submit({ paperlessException: { reasonCode, reason: reason.trim() } });
  };
  return (
    <section className="paper-refusal" aria-labelledby={`${id}-h`} data-testid="paper-refusal">
      <div className="error-box" role="alert">
        <h2 id={`${id}-h`}>{t('paperless.refusedTitle')}</h2>
        <p>{message}</p>
      </div>
      <p>{t('paperless.assistedHint')}</p>
      {kase && <OnlineAdvantage kase={kase} />}
      <p>
        <button type="button" className="button button-primary" disabled={submitting} onClick={() => submit({ assistedOnline: true })}>
          {t('paperless.assisted')}
        </button>
      </p>
      <details>
        <summary>{t('paperless.exceptionTitle')}</summary>
        <div className={`form-group${error ? ' has-error' : ''}`}>
          {error && (
            <p className="field-error" id={`${id}-err`}>
              {error}
            </p>
          )}
          <label htmlFor={`${id}-code`}>{t('paperless.exceptionReason')}</label>
          <select id={`${id}-code`} value={reasonCode} onChange={(e) => setReasonCode(e.currentTarget.value as (typeof REASONS)[number])}>
            <option value="">—</option>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`paperless.reasons.${r}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-text`}>{t('paperless.exceptionText')}</label>
          <textarea
            id={`${id}-text`}
            value={reason}
            maxLength={1000}
            aria-describedby={error ? `${id}-err` : undefined}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </div>
        <button type="button" className="button" disabled={submitting} onClick={takeException}>
          {t('paperless.exceptionSubmit')}
        </button>
      </details>
    </section>
  );
}
