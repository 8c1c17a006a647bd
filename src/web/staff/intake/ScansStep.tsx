/**
 * Step 4 of a counter intake: the paper components scanned, one upload per document requirement (PDF, JPEG or
 * PNG), with upload progress — or, instead of paper, a document taken from the citizen's personal store (their
 * earlier results and digitised documents that fit the requirement; the identity check's token opens the store).
 * Required components are marked and checked before continuing.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { StoreItem } from '../../api/types.ts';
import { keys } from '../../data/keys.ts';
import { ErrorSummary, type ShownError } from '../../journey/ErrorSummary.tsx';
import { uploadFile } from '../../journey/upload.ts';
import { acceptsStoreDocuments } from '../../store/fit.ts';
import { StorePicker } from '../../store/StorePicker.tsx';
import { useStoreSource } from '../../store/useStoreSource.ts';
import { fileSize } from '../format.ts';
import type { StepProps } from './state.ts';

export function ScansStep({ state, update, errors, setErrors, next }: StepProps) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Record<string, number>>({});
  const requirements = state.prefill!.documents.filter((d) => !d.providedByForm);
  const identity = state.identity!;
  const store = useStoreSource(
    {
      queryKey: keys.staff.citizenStore(identity.person.idNumber),
      queryFn: ({ signal }) =>
        api<{ items: StoreItem[] }>('/api/staff/intake/store', {
          method: 'POST',
          body: { idNumber: identity.person.idNumber, checkToken: identity.checkToken },
          signal,
        }),
    },
    t('staff.intake.scans.storeError'),
  );

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
  const remove = (code: string, uploadId: string) =>
    update({ scans: { ...state.scans, [code]: (state.scans[code] ?? []).filter((s) => s.uploadId !== uploadId) } });
  const removeStored = (code: string, storeDocumentId: string) =>
    update({ stored: { ...state.stored, [code]: (state.stored[code] ?? []).filter((s) => s.storeDocumentId !== storeDocumentId) } });
  const choose = (code: string, doc: StoreItem) => {
    setErrors(errors.filter((e) => e.path !== `doc-${code}`));
    update((s) => ({ stored: { ...s.stored, [code]: [...(s.stored[code] ?? []), { storeDocumentId: doc.id, title: doc.title }] } }));
  };

  const submit = () => {
    const missing: ShownError[] = requirements
      .filter((d) => d.required && !state.scans[d.code]?.length && !state.stored[d.code]?.length)
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
        const stored = state.stored[d.code] ?? [];
        const error = errors.find((e) => e.path === `doc-${d.code}`)?.message;
        const inputId = `f-doc-${d.code}`;
        return (
          <div key={d.code} className={`document-row${error ? ' has-error' : ''}`}>
            <h2 className="document-name">
              {d.name}{' '}
              <span className={d.required ? 'required-mark' : 'muted'}>
                ({d.required ? t('staff.intake.scans.required') : t('staff.intake.scans.optional')})
              </span>
            </h2>
            <p className="muted">{t('staff.intake.scans.copies', { originals: d.originals, copies: d.copies })}</p>
            <p className={files.length || stored.length ? 'doc-ok' : d.required ? 'doc-missing' : 'muted'}>
              {files.length || stored.length
                ? [
                    files.length ? t('staff.intake.scans.done', { count: files.length }) : '',
                    stored.length ? t('staff.intake.scans.storeDone', { count: stored.length }) : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : d.required
                  ? t('staff.intake.scans.notYet')
                  : t('staff.intake.scans.none')}
            </p>
            {stored.length > 0 && (
              <ul>
                {stored.map((s) => (
                  <li key={s.storeDocumentId}>
                    {t('staff.intake.scans.fromStore', { title: s.title })}{' '}
                    <button type="button" className="link-button" onClick={() => removeStored(d.code, s.storeDocumentId)}>
                      {t('staff.intake.scans.remove')}
                      <span className="visually-hidden"> {s.title}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {files.length > 0 && (
              <ul>
                {files.map((f) => (
                  <li key={f.uploadId}>
                    {f.name} ({fileSize(f.size)}){' '}
                    <button type="button" className="link-button" onClick={() => remove(d.code, f.uploadId)}>
                      {t('staff.intake.scans.remove')}
                      <span className="visually-hidden"> {f.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {error && (
              <p className="field-error" id={`${inputId}-error`}>
                {error}
              </p>
            )}
            <label htmlFor={inputId}>{t('staff.intake.scans.choose', { name: d.name })}</label>
            <input
              id={inputId}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={error ? `${inputId}-error` : undefined}
              onChange={(e) => void onFile(d.code, e.currentTarget)}
            />
            {progress[d.code] !== undefined && <progress max={1} value={progress[d.code]} aria-label={t('staff.intake.scans.uploading', { name: d.name })} />}
            {acceptsStoreDocuments(d) && (
              <StorePicker
                requirement={d}
                source={store}
                openLabel={t('store.picker.openStaff')}
                chosen={stored.map((s) => s.storeDocumentId)}
                onChoose={(doc) => choose(d.code, doc)}
              />
            )}
          </div>
        );
      })}
      <button type="button" className="button" onClick={submit}>
        {t('staff.common.continue')}
      </button>
    </div>
  );
}
