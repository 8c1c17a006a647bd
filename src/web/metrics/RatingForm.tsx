/**
 * Đánh giá mức độ hài lòng: the citizen rates a dossier once its result is issued or returned — Rất hài lòng /
 * Hài lòng / Không hài lòng, with an optional comment — online on their dossier page, or on the counter tablet
 * (large targets, posted by the counter officer's session with the citizen present). The rating attaches to the
 * dossier and to the officials who handled it (server side).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Rating, RatingValue } from '../api/metrics-types.ts';
import { keys } from '../data/keys.ts';
import { errorMessage } from '../staff/format.ts';
import './metrics.css';
import '../i18n/metrics.ts';

const VALUES: { value: RatingValue; mouth: string }[] = [
  { value: 'very_satisfied', mouth: 'M7 14 Q12 20 17 14 Z' },
  { value: 'satisfied', mouth: 'M8 15 Q12 18 16 15' },
  { value: 'dissatisfied', mouth: 'M8 17 Q12 13.5 16 17' },
];

/** A drawn face (no emoji font needed); decorative, the words carry the meaning. */
function Face({ mouth }: { mouth: string }) {
  return (
    <svg className="rating-icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
      <path d={mouth} fill={mouth.endsWith('Z') ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
const MAX_COMMENT = 1000;

export function RatingForm({ dossierId, mode = 'online', onDone }: { dossierId: string; mode?: 'online' | 'counter'; onDone?: (r: Rating) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // Online, the citizen's earlier rating (none: 404); at the counter every rating is a new one.
  const earlier = useQuery({
    queryKey: keys.citizen.rating(dossierId),
    queryFn: ({ signal }) =>
      api<Rating | null>(`/api/my/dossiers/${encodeURIComponent(dossierId)}/rating`, { signal }).then(
        (r) => r ?? null,
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return null;
          throw e;
        },
      ),
    enabled: mode === 'online',
  });
  const [savedAtCounter, setSavedAtCounter] = useState<Rating | null>(null);
  const existing: Rating | null | undefined = mode === 'counter' ? savedAtCounter : earlier.data;
  const [value, setValue] = useState<RatingValue | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const idp = `rating-${mode}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value) {
      setError(t('metrics.rating.errChoose'));
      return;
    }
    if (comment.length > MAX_COMMENT) {
      setError(t('metrics.rating.errComment', { max: MAX_COMMENT }));
      return;
    }
    setBusy(true);
    try {
      const path =
        mode === 'online' ? `/api/my/dossiers/${encodeURIComponent(dossierId)}/rating` : `/api/staff/dossiers/${encodeURIComponent(dossierId)}/rating`;
      const saved = await api<Rating>(path, { method: 'POST', body: { rating: value, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      if (mode === 'counter') setSavedAtCounter(saved);
      else qc.setQueryData(keys.citizen.rating(dossierId), saved);
      setError(null);
      onDone?.(saved);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      setError(errorMessage(err, t('error.generic')));
    } finally {
      setBusy(false);
    }
  };

  if (existing === undefined)
    return earlier.error ? (
      <div className="error-box" role="alert">
        {errorMessage(earlier.error, t('error.generic'))}
      </div>
    ) : null;
  if (existing) {
    return (
      <section className={`rating rating-${mode}`} aria-labelledby={`${idp}-title`}>
        <h2 id={`${idp}-title`}>{t('metrics.rating.title')}</h2>
        <div className="panel-success rating-done" tabIndex={-1} ref={doneRef} role="status" data-testid="rating-done">
          <p>{t('metrics.rating.thanks')}</p>
          <p>{t('metrics.rating.yours', { value: t(`metrics.rating.${existing.rating}`) })}</p>
          {existing.comment && <p className="muted">“{existing.comment}”</p>}
        </div>
      </section>
    );
  }
  return (
    <section className={`rating rating-${mode}`} aria-labelledby={`${idp}-title`}>
      <h2 id={`${idp}-title`}>{t('metrics.rating.title')}</h2>
      <form onSubmit={submit} noValidate data-testid="rating-form">
        {error && (
          <div className="error-box" role="alert" id={`${idp}-error`}>
            {error}
          </div>
        )}
        <fieldset className="form-group rating-choices" aria-describedby={error ? `${idp}-error` : undefined}>
          <legend>{t('metrics.rating.question')}</legend>
          {VALUES.map((v) => (
            <label key={v.value} className={`rating-choice${value === v.value ? ' rating-chosen' : ''}`}>
              <input type="radio" name={`${idp}-value`} value={v.value} checked={value === v.value} onChange={() => setValue(v.value)} />
              <Face mouth={v.mouth} /> <span>{t(`metrics.rating.${v.value}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="form-group">
          <label htmlFor={`${idp}-comment`}>{t('metrics.rating.comment')}</label>
          <p className="hint" id={`${idp}-hint`}>
            {t('metrics.rating.commentHint', { max: MAX_COMMENT })}
          </p>
          <textarea
            id={`${idp}-comment`}
            rows={3}
            maxLength={MAX_COMMENT}
            value={comment}
            aria-describedby={`${idp}-hint`}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('metrics.rating.submit')}
        </button>
      </form>
    </section>
  );
}
