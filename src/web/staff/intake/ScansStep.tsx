/**
 * Step 4 of a counter intake: the paper components scanned, one upload per document requirement (PDF, JPEG or
 * PNG), with upload progress; required components are marked and checked before continuing.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { ErrorSummary, type ShownError } from '../../journey/ErrorSummary.tsx';
import { uploadFile } from '../../journey/upload.ts';
import { fileSize } from '../format.ts';
import type { StepProps } from './state.ts';

export function ScansStep({ state, update, errors, setErrors, next }: StepProps) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Record<string, number>>({});
  const requirements = state.prefill!.documents.filter((d) => !d.providedByForm);

  const onFile = async (code: string, input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setErrors(errors.filter((e) => e.path !== `doc-${code}`));
    setProgress((p) => ({ ...p, [code]: 0 }));
    try {
      const up = await uploadFile(file, (f) => setProgress((p) => ({ ...p, [code]: f })));
      update((s) => ({ scans: { ...s.scans, [code]: [...(s.scans[code] ?? []), { uploadId: up.id, name: up.name, size: up.size }] } }));
      input.value = '';
    } catch (err) {
      setErrors([{ path: `doc-${code}`, message: err instanceof ApiError ? err.message : t('error.generic') }]);
    } finally {
      setProgress(({ [code]: _, ...rest }) => rest);
    }
  };
  const remove = (code: string, uploadId: string) => update({ scans: { ...state.scans, [code]: (state.scans[code] ?? []).filter((s) => s.uploadId !== uploadId) } });

  const submit = () => {
    const missing: ShownError[] = requirements
      .filter((d) => d.required && !(state.scans[d.code]?.length))
      .map((d) => ({ path: `doc-${d.code}`, message: t('staff.intake.scans.missing', { name: d.name }) }));
    setErrors(missing);
    if (missing.length === 0 && Object.keys(progress).length === 0) next();
  };

  return (
    <div>
      <ErrorSummary errors={errors} />
      <p>{t('staff.intake.scans.lead')}</p>
      {requirements.map((d) => {
        const files = state.scans[d.code] ?? [];
        const error = errors.find((e) => e.path === `doc-${d.code}`)?.message;
        const inputId = `f-doc-${d.code}`;
        return (
          <div key={d.code} className={`document-row${error ? ' has-error' : ''}`}>
            <h2 className="document-name">
              {d.name}{' '}
              <span className={d.required ? 'required-mark' : 'muted'}>({d.required ? t('staff.intake.scans.required') : t('staff.intake.scans.optional')})</span>
            </h2>
            <p className="muted">{t('staff.intake.scans.copies', { originals: d.originals, copies: d.copies })}</p>
            <p className={files.length ? 'doc-ok' : d.required ? 'doc-missing' : 'muted'}>
              {files.length ? t('staff.intake.scans.done', { count: files.length }) : d.required ? t('staff.intake.scans.notYet') : t('staff.intake.scans.none')}
            </p>
            {files.length > 0 && (
              <ul>
                {files.map((f) => (
                  <li key={f.uploadId}>
                    {f.name} ({fileSize(f.size)}){' '}
                    <button type="button" className="link-button" onClick={() => remove(d.code, f.uploadId)}>
                      {t('staff.intake.scans.remove')}<span className="visually-hidden"> {f.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {error && <p className="field-error" id={`${inputId}-error`}>{error}</p>}
            <label htmlFor={inputId}>{t('staff.intake.scans.choose', { name: d.name })}</label>
            <input id={inputId} type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby={error ? `${inputId}-error` : undefined}
              onChange={(e) => void onFile(d.code, e.currentTarget)} />
            {progress[d.code] !== undefined && <progress max={1} value={progress[d.code]} aria-label={t('staff.intake.scans.uploading', { name: d.name })} />}
          </div>
        );
      })}
      <button type="button" className="button" onClick={submit}>{t('staff.common.continue')}</button>
    </div>
  );
}
