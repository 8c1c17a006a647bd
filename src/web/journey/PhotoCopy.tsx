/**
 * "Chụp ảnh giấy tờ" in the journey (issue 16 item 2): the citizen photographs a paper (the phone's camera through
 * `capture`, or a chosen photo); the upload is attached to the component at once as a photo copy and recognised in
 * the background; the recognised fields are then shown one at a time to be checked (uncertain ones highlighted) and
 * the confirmed values fill the e-form fields they map to (src/core/recognition/self-digitisation.ts). A value the
 * citizen changes keeps the recognised original on the server, and the official sees the change.
 *
 * The personal store page (/kho-du-lieu) uses the same component outside a journey: `endpoint` is then
 * /api/my/store/photo-copies (the photo copy is also kept in the store), nothing is attached or filled, and
 * `resumeId` reopens the field-by-field check of a photo copy already taken.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoCopyView } from '../../contract/self-digitisation.ts';
import { formValuesFrom } from '../../core/recognition/self-digitisation.ts';
import type { RecognisableType } from '../../core/recognition/templates.ts';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import '../i18n/selfdigit.ts';
import { uploadFile } from './upload.ts';

interface Props {
  requirementCode: string;
  name: string;
  type: RecognisableType;
  /** The procedure whose form the confirmed values fill (its mapping in src/core/recognition/form-fills.ts). */
  procedureCode?: string;
  /** The e-form's field keys and labels (what the confirmed values may fill). */
  formFields?: { key: string; label: string }[];
  /** Where the photo copy is created: the journey's /api/photo-copies (default) or the store's. */
  endpoint?: string;
  /** Reopen the check of this photo copy (already uploaded): no file input, recognition polled at once. */
  resumeId?: string;
  onAttached?: (upload: { id: string; name: string; size: number }) => void;
  onCreated?: (photo: PhotoCopyView) => void;
  onFill?: (values: Record<string, string>) => void;
  onConfirmed?: (photo: PhotoCopyView) => void;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; fraction: number }
  | { kind: 'recognising'; id: string }
  | { kind: 'confirming'; photo: PhotoCopyView; index: number; values: Record<string, string> }
  | { kind: 'done'; photo: PhotoCopyView; filled: string[] }
  | { kind: 'failed'; message: string };

export function PhotoCopy({
  requirementCode,
  name,
  type,
  procedureCode,
  formFields = [],
  endpoint = '/api/photo-copies',
  resumeId,
  onAttached,
  onCreated,
  onFill,
  onConfirmed,
}: Props) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(resumeId ? { kind: 'recognising', id: resumeId } : { kind: 'idle' });
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const inputId = `f-photo-${requirementCode}`;

  // Poll the recognition until it is done or failed.
  const recognisingId = phase.kind === 'recognising' ? phase.id : null;
  useEffect(() => {
    if (!recognisingId) return;
    let stop = false;
    // A resumed check asks at once; a fresh photo waits for the background worker first.
    let first = !!resumeId;
    const poll = async () => {
      while (!stop) {
        await new Promise((r) => setTimeout(r, first ? 0 : 1500));
        first = false;
        if (stop) return;
        try {
          const photo = await api<PhotoCopyView>(`/api/photo-copies/${recognisingId}`);
          if (photo.status === 'done') {
            if (photo.fields.length === 0) setPhase({ kind: 'failed', message: t('selfdigit.failed', { error: photo.warnings.join(' ') }) });
            else setPhase({ kind: 'confirming', photo, index: 0, values: Object.fromEntries(photo.fields.map((f) => [f.name, f.value])) });
            return;
          }
          if (photo.status === 'failed') {
            setPhase({ kind: 'failed', message: t('selfdigit.failed', { error: photo.error ?? '' }) });
            return;
          }
        } catch {
          /* a lost answer: try again */
        }
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [recognisingId, resumeId, t]);

  const confirmIndex = phase.kind === 'confirming' ? phase.index : -1;
  useEffect(() => {
    if (confirmIndex >= 0) heading.current?.focus();
  }, [confirmIndex]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setPhase({ kind: 'uploading', fraction: 0 });
    try {
      const up = await uploadFile(file, (fraction) => setPhase({ kind: 'uploading', fraction }));
      onAttached?.({ id: up.id, name: up.name, size: up.size });
      const photo = await api<PhotoCopyView>(endpoint, { method: 'POST', body: { uploadId: up.id, type } });
      onCreated?.(photo);
      setPhase({ kind: 'recognising', id: photo.id });
    } catch (e) {
      setPhase({ kind: 'idle' });
      setProblem(errorText(e, t('journey.documents.uploadError')));
    }
  };

  const finish = async (photo: PhotoCopyView, values: Record<string, string>) => {
    setProblem(null);
    try {
      const saved = await api<PhotoCopyView>(`/api/photo-copies/${photo.id}/confirmation`, {
        method: 'PUT',
        body: { fields: photo.fields.map((f) => ({ name: f.name, value: values[f.name] ?? '' })) },
      });
      const fill = formValuesFrom(
        type,
        saved.confirmed ?? [],
        formFields.map((f) => f.key),
        procedureCode,
      );
      onFill?.(fill);
      onConfirmed?.(saved);
      setPhase({ kind: 'done', photo: saved, filled: Object.keys(fill).map((k) => formFields.find((f) => f.key === k)?.label ?? k) });
    } catch (e) {
      setProblem(errorText(e, t('selfdigit.saveError')));
    }
  };

  return (
    <div className="photo-copy">
      {!resumeId && (
        <>
          <label htmlFor={inputId}>{t('selfdigit.photoLabel', { name })}</label>
          <input id={inputId} type="file" accept="image/jpeg,image/png" capture="environment" onChange={(e) => void onFile(e.target.files?.[0])} />
          <p className="hint">{t('selfdigit.photoHint')}</p>
        </>
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {phase.kind === 'uploading' && <progress max={1} value={phase.fraction} aria-label={t('selfdigit.uploading', { name })} />}
      {phase.kind === 'recognising' && (
        <p role="status" data-testid="recognising">
          {t('selfdigit.recognising')}
        </p>
      )}
      {phase.kind === 'failed' && <p role="status">{phase.message}</p>}
      {phase.kind === 'confirming' &&
        (() => {
          const { photo, index, values } = phase;
          const f = photo.fields[index];
          const last = index === photo.fields.length - 1;
          const fieldId = `f-recognised-${requirementCode}-${f.name}`;
          const changed = (values[f.name] ?? '').trim() !== f.value.trim();
          return (
            <section className="recognised-field card" aria-labelledby={`${fieldId}-h`}>
              <h3 id={`${fieldId}-h`} ref={heading} tabIndex={-1}>
                {t('selfdigit.confirmTitle', { n: index + 1, total: photo.fields.length })}
              </h3>
              <p className="hint">{t('selfdigit.confirmLead')}</p>
              <div className={`form-group${f.low ? ' low-confidence' : ''}`}>
                <label htmlFor={fieldId}>{f.label}</label>
                {f.low && (
                  <p className="warning-text" id={`${fieldId}-low`}>
                    {t('selfdigit.low')}
                  </p>
                )}
                <input
                  id={fieldId}
                  type="text"
                  value={values[f.name] ?? ''}
                  aria-describedby={f.low ? `${fieldId}-low ${fieldId}-conf` : `${fieldId}-conf`}
                  onChange={(e) => setPhase({ ...phase, values: { ...values, [f.name]: e.target.value } })}
                />
                <p className="hint" id={`${fieldId}-conf`}>
                  {t('selfdigit.confidence', { pct: Math.round(f.confidence * 100) })}
                  {changed ? ` · ${t('selfdigit.changedFrom', { value: f.value || '—' })}` : ''}
                </p>
              </div>
              <button type="button" className="button" onClick={() => (last ? void finish(photo, values) : setPhase({ ...phase, index: index + 1 }))}>
                {last ? t('selfdigit.finish') : t('selfdigit.next')}
              </button>
            </section>
          );
        })()}
      {phase.kind === 'done' && (
        <p role="status" className="doc-ok" data-testid="photo-confirmed">
          {t('selfdigit.done', { n: phase.photo.confirmed?.length ?? 0 })}
          {phase.filled.length > 0 ? ` ${t('selfdigit.filled', { fields: phase.filled.join(', ') })}` : ''}
        </p>
      )}
    </div>
  );
}
