/** The inputs of the action forms: reason, supplement items, new appointment, payment, delivery, assignee, scans. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { StaffDossier } from '../../api/types.ts';
import { uploadFile } from '../../journey/upload.ts';
import { vnDateTime } from '../format.ts';
import type { ActionValues, Item } from './actionFields.ts';

export interface InputProps {
  v: ActionValues;
  /** Merges a change; a function receives the latest values (for changes made after an await). */
  set: (patch: Partial<ActionValues> | ((v: ActionValues) => Partial<ActionValues>)) => void;
  err: (path: string) => string | undefined;
}

/** A labelled control with its hint and error, described by both. */
function Group({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const by = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children(by)}
    </div>
  );
}

export function ReasonInput({ v, set, err, optional = false, label }: InputProps & { optional?: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Group id="f-reason" label={optional ? `${label} ${t('staff.common.optional')}` : label} hint={t('staff.action.reasonHint')} error={err('reason')}>
      {(by) => (
        <textarea
          id="f-reason"
          rows={3}
          value={v.reason}
          aria-describedby={by}
          aria-invalid={err('reason') ? true : undefined}
          onChange={(e) => set({ reason: e.target.value })}
        />
      )}
    </Group>
  );
}

export function TextInput({
  id,
  field,
  label,
  hint,
  v,
  set,
  err,
}: InputProps & {
  id: string;
  field: 'note' | 'resultNumber' | 'receiptNumber' | 'waybill' | 'receiverName' | 'receiverIdNumber';
  label: string;
  hint?: string;
}) {
  const multiline = field === 'note';
  return (
    <Group id={`f-${id}`} label={label} hint={hint} error={err(id)}>
      {(by) =>
        multiline ? (
          <textarea id={`f-${id}`} rows={2} value={v[field]} aria-describedby={by} onChange={(e) => set({ [field]: e.target.value })} />
        ) : (
          <input
            id={`f-${id}`}
            type="text"
            autoComplete="off"
            value={v[field]}
            aria-describedby={by}
            aria-invalid={err(id) ? true : undefined}
            inputMode={field === 'receiverIdNumber' ? 'numeric' : undefined}
            onChange={(e) => set({ [field]: e.target.value })}
          />
        )
      }
    </Group>
  );
}

export function ItemsInput({ v, set, err, required }: InputProps & { required: boolean }) {
  const { t } = useTranslation();
  const change = (i: number, patch: Partial<Item>) => set({ items: v.items.map((it, j) => (j === i ? { ...it, ...patch } : it)) });
  return (
    <fieldset className="form-group items">
      <legend>{required ? t('staff.action.items') : `${t('staff.action.items')} ${t('staff.common.optional')}`}</legend>
      <p className="hint">{t('staff.action.itemsHint')}</p>
      {v.items.map((it, i) => {
        const nameId = i === 0 ? 'items' : `items-${i}-name`;
        const reasonId = `items-${i}-reason`;
        return (
          <div key={i} className="item-row" role="group" aria-label={t('staff.action.itemN', { n: i + 1 })}>
            <Group id={`f-${nameId}`} label={t('staff.action.itemName', { n: i + 1 })} error={err(nameId)}>
              {(by) => <input id={`f-${nameId}`} type="text" value={it.name} aria-describedby={by} onChange={(e) => change(i, { name: e.target.value })} />}
            </Group>
            <Group id={`f-${reasonId}`} label={t('staff.action.itemReason', { n: i + 1 })} error={err(reasonId)}>
              {(by) => (
                <input id={`f-${reasonId}`} type="text" value={it.reason} aria-describedby={by} onChange={(e) => change(i, { reason: e.target.value })} />
              )}
            </Group>
            <button type="button" className="link-button" onClick={() => set({ items: v.items.filter((_, j) => j !== i) })}>
              {t('staff.action.removeItem', { n: i + 1 })}
            </button>
          </div>
        );
      })}
      {err('items-add') && <p className="field-error">{err('items-add')}</p>}
      <button type="button" id="f-items-add" className="button button-secondary" onClick={() => set({ items: [...v.items, { name: '', reason: '' }] })}>
        {t('staff.action.addItem')}
      </button>
    </fieldset>
  );
}

export function NewDueInput({ v, set, err, d }: InputProps & { d: StaffDossier }) {
  const { t } = useTranslation();
  return (
    <Group
      id="f-newDueAt"
      label={t('staff.action.newDueAt')}
      hint={t('staff.action.newDueHint', { current: vnDateTime(t, d.dueAt) || '—' })}
      error={err('newDueAt')}
    >
      {(by) => <input id="f-newDueAt" type="datetime-local" value={v.newDueAt} aria-describedby={by} onChange={(e) => set({ newDueAt: e.target.value })} />}
    </Group>
  );
}

export function AssigneeInput({ v, set, err, d }: InputProps & { d: StaffDossier }) {
  const { t } = useTranslation();
  const current = d.tasks.find((x) => x.current);
  return (
    <Group
      id="f-assigneeId"
      label={t('staff.action.assignee')}
      hint={current?.assigneeName ? t('staff.action.assigneeNow', { name: current.assigneeName }) : undefined}
      error={err('assigneeId')}
    >
      {(by) => (
        <select id="f-assigneeId" value={v.assigneeId} aria-describedby={by} onChange={(e) => set({ assigneeId: e.target.value })}>
          <option value="">{t('staff.action.chooseAssignee')}</option>
          {d.reassignCandidates.map((c) => (
            <option key={c.id} value={c.id} disabled={c.id === current?.assigneeId}>
              {c.fullName}
            </option>
          ))}
        </select>
      )}
    </Group>
  );
}

export function PaymentInput({ v, set, err, withReceipt }: InputProps & { withReceipt: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Group id="f-payment" label={t('staff.action.amount')} error={err('payment')}>
        {(by) => (
          <input
            id="f-payment"
            type="text"
            inputMode="numeric"
            value={v.amount}
            aria-describedby={by}
            onChange={(e) => set({ amount: e.target.value.replace(/\D/g, '') })}
          />
        )}
      </Group>
      <fieldset className="form-group">
        <legend>{t('staff.action.method')}</legend>
        <div className="radios">
          <label>
            <input type="radio" id="f-paymentMethod" name="method" checked={v.method === 'cash'} onChange={() => set({ method: 'cash' })} />{' '}
            {t('staff.action.cash')}
          </label>
          <label>
            <input type="radio" name="method" checked={v.method === 'card'} onChange={() => set({ method: 'card' })} /> {t('staff.action.card')}
          </label>
        </div>
      </fieldset>
      {withReceipt && (
        <TextInput
          id="receiptNumber"
          field="receiptNumber"
          label={`${t('staff.action.receiptNumber')} ${t('staff.common.optional')}`}
          v={v}
          set={set}
          err={err}
        />
      )}
    </>
  );
}

export function DeliveryInput({ v, set, err, d }: InputProps & { d: StaffDossier }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="form-group">
        <legend>{t('staff.action.deliveryMethod')}</legend>
        <div className="radios">
          {(['in_person', 'post', 'electronic'] as const).map((m, i) => (
            <label key={m}>
              <input
                type="radio"
                id={i === 0 ? 'f-delivery' : undefined}
                name="deliveryMethod"
                checked={v.deliveryMethod === m}
                onChange={() => set({ deliveryMethod: m })}
              />{' '}
              {t(`staff.action.delivery.${m}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {v.deliveryMethod === 'in_person' && (
        <>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => set({ receiverName: d.applicant.fullName, receiverIdNumber: d.applicant.idNumber ?? '' })}
          >
            {t('staff.action.receiverIsApplicant')}
          </button>
          <TextInput id="receiverName" field="receiverName" label={t('staff.action.receiverName')} v={v} set={set} err={err} />
          <TextInput
            id="receiverIdNumber"
            field="receiverIdNumber"
            label={t('staff.action.receiverIdNumber')}
            hint={t('staff.action.receiverIdHint')}
            v={v}
            set={set}
            err={err}
          />
        </>
      )}
      {v.deliveryMethod === 'post' && <TextInput id="waybill" field="waybill" label={t('staff.action.waybill')} v={v} set={set} err={err} />}
    </>
  );
}

/** The component code under which the scan of a citizen's written withdrawal request is recorded. */
export const WITHDRAWAL_REQUEST = 'DON-RUT-HS';

/** Scans of the documents the citizen brought to the counter as the supplement: one upload per component. */
export function ScansInput({ v, set, err, d, legend, only }: InputProps & { d: StaffDossier; legend?: string; only?: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [uploadError, setUploadError] = useState<string | null>(null);
  const requirements = only ?? d.requirements.filter((r) => !r.providedByForm);
  const onFile = async (code: string, input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setUploadError(null);
    setProgress((p) => ({ ...p, [code]: 0 }));
    try {
      const up = await uploadFile(file, (f) => setProgress((p) => ({ ...p, [code]: f })));
      set((cur) => ({ scans: [...cur.scans, { requirementCode: code, uploadId: up.id, name: up.name }] }));
      input.value = '';
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.message : t('error.generic'));
    } finally {
      setProgress(({ [code]: _, ...rest }) => rest);
    }
  };
  return (
    <fieldset className={`form-group${err('scans') ? ' has-error' : ''}`}>
      <legend>{legend ?? t('staff.action.scans')}</legend>
      {err('scans') && <p className="field-error">{err('scans')}</p>}
      {uploadError && (
        <p className="field-error" role="alert">
          {uploadError}
        </p>
      )}
      {requirements.map((r, i) => {
        const files = v.scans.filter((s) => s.requirementCode === r.code);
        const id = i === 0 ? 'f-scans' : `f-scan-${r.code}`;
        return (
          <div key={r.code} className="document-row">
            <label htmlFor={id}>{t('staff.intake.scans.choose', { name: r.name })}</label>
            {files.length > 0 && (
              <ul>
                {files.map((f) => (
                  <li key={f.uploadId}>
                    {f.name}{' '}
                    <button type="button" className="link-button" onClick={() => set({ scans: v.scans.filter((s) => s.uploadId !== f.uploadId) })}>
                      {t('staff.intake.scans.remove')}
                      <span className="visually-hidden"> {f.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <input id={id} type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => void onFile(r.code, e.currentTarget)} />
            {progress[r.code] !== undefined && <progress max={1} value={progress[r.code]} aria-label={t('staff.intake.scans.uploading', { name: r.name })} />}
          </div>
        );
      })}
    </fieldset>
  );
}
