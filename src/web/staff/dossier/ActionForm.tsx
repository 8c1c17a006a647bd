/**
 * The inline form of one action: the fields the action needs, checked here, then a confirmation naming the action
 * and the dossier, then the request. The server's refusal is shown with its Vietnamese message, next to the field
 * it is about when it names one.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { actionSlug } from '../../../contract/dossier-actions.ts';
import type { StaffAction } from '../../../core/workflow/permissions.ts';
import type { StaffActionResult, StaffDossier } from '../../api/types.ts';
import { ErrorSummary, type ShownError } from '../../journey/ErrorSummary.tsx';
import { errorMessage } from '../format.ts';
import {
  AssigneeInput,
  DeliveryInput,
  ItemsInput,
  NewDueInput,
  PaymentInput,
  ReasonInput,
  ScansInput,
  TextInput,
  WITHDRAWAL_REQUEST,
} from './ActionInputs.tsx';
import { addPersonalSignature, PersonalSignature } from './PersonalSignature.tsx';
import { ACTION_FIELDS, actionBody, actionInput, checkAction, initialValues, serverPath, type ActionValues } from './actionFields.ts';

interface Props {
  d: StaffDossier;
  action: { code: StaffAction; name: string };
  actionName: string;
  /** `note`: what the leader's approval signed with (the unit's certificate, and the leader's own when added). */
  onDone: (result: StaffActionResult, note?: string) => void;
  onCancel: () => void;
  /** The reason written in advance (the official may change it). */
  initialReason?: string;
  /** The action signs the result (the leader's approval): the document is shown before, and said in the confirmation. */
  signs?: boolean;
}

export function ActionForm({ d, action, actionName, onDone, onCancel, initialReason, signs = false }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<ActionValues>(() => ({ ...initialValues(d, action.code), ...(initialReason ? { reason: initialReason } : {}) }));
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [personalOtp, setPersonalOtp] = useState('');
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const fields = ACTION_FIELDS[action.code];
  const set = (patch: Partial<ActionValues> | ((cur: ActionValues) => Partial<ActionValues>)) => {
    setConfirming(false);
    setV((cur) => ({ ...cur, ...(typeof patch === 'function' ? patch(cur) : patch) }));
  };
  const err = (path: string) => errors.find((e) => e.path === path)?.message;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const review = (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const problems = checkAction(t, d, action.code, v);
    setErrors(problems);
    if (problems.length === 0) setConfirming(true);
  };

  const send = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await api<StaffActionResult>(`/api/staff/dossiers/${d.id}/${actionSlug(action.code)}`, {
        method: 'POST',
        body: actionBody(actionInput(action.code, v)),
      });
      // The leader's personal signature beside the unit's, once the approval has signed the result.
      const note = !signs ? undefined : /^\d{6}$/.test(personalOtp) ? await addPersonalSignature(d.id, personalOtp, t) : t('staff.personalSign.unitOnly');
      onDone(result, note);
    } catch (e) {
      setConfirming(false);
      if (e instanceof ApiError) {
        const issues = (e.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
        const placed = issues.map((i) => ({ path: serverPath(i.path), message: i.message })).filter((i): i is ShownError => i.path !== null);
        const byCode = serverPath(e.code);
        if (placed.length) {
          setErrors(placed);
          if (placed.length < issues.length) setFailure(e.message);
        } else if (byCode) setErrors([{ path: byCode, message: e.message }]);
        else {
          setErrors([]);
          setFailure(errorMessage(e, t('error.generic')));
        }
      } else setFailure(t('error.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="action-form" onSubmit={review} noValidate aria-labelledby="action-form-title">
      <h3 id="action-form-title">{actionName}</h3>
      <ErrorSummary errors={errors} />
      {failure && (
        <div className="error-box" role="alert" tabIndex={-1} ref={failureRef}>
          {failure}
        </div>
      )}
      {signs && (
        <div className="sign-preview" data-testid="sign-preview">
          <p>{t('staff.action.signPreviewLead')}</p>
          <a className="button button-secondary" href={`/api/staff/dossiers/${d.id}/result-preview.pdf`} target="_blank" rel="noopener">
            {t('staff.action.signPreview')}
            <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
          </a>
        </div>
      )}
      {fields.length === 0 && !signs && <p>{t(`staff.action.describe.${action.code}`)}</p>}
      {fields.includes('reason') && (
        <ReasonInput v={v} set={set} err={err} label={t(`staff.action.reasonLabel.${action.code}`, { defaultValue: t('staff.action.reason') })} />
      )}
      {fields.includes('reasonOptional') && <ReasonInput v={v} set={set} err={err} optional label={t('staff.action.reason')} />}
      {fields.includes('items') && <ItemsInput v={v} set={set} err={err} required={false} />}
      {fields.includes('itemsRequired') && <ItemsInput v={v} set={set} err={err} required />}
      {fields.includes('newDueAt') && <NewDueInput v={v} set={set} err={err} d={d} />}
      {fields.includes('assignee') && <AssigneeInput v={v} set={set} err={err} d={d} />}
      {fields.includes('paymentRequest') && <PaymentInput v={v} set={set} err={err} withReceipt={false} />}
      {fields.includes('payment') && <PaymentInput v={v} set={set} err={err} withReceipt />}
      {fields.includes('delivery') && <DeliveryInput v={v} set={set} err={err} d={d} />}
      {fields.includes('scans') && <ScansInput v={v} set={set} err={err} d={d} />}
      {fields.includes('withdrawalScan') && (
        <ScansInput
          v={v}
          set={set}
          err={err}
          d={d}
          legend={t('staff.action.withdrawalScan')}
          only={[{ code: WITHDRAWAL_REQUEST, name: t('staff.action.withdrawalRequest') }]}
        />
      )}
      {fields.includes('resultNumber') && (
        <TextInput id="resultNumber" field="resultNumber" label={`${t('staff.action.resultNumber')} ${t('staff.common.optional')}`} v={v} set={set} err={err} />
      )}
      {fields.includes('note') && (
        <TextInput id="note" field="note" label={`${t('staff.action.note')} ${t('staff.common.optional')}`} v={v} set={set} err={err} />
      )}
      {!confirming ? (
        <div className="button-row">
          <button type="submit" className="button">
            {t('staff.common.continue')}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('staff.common.cancel')}
          </button>
        </div>
      ) : (
        <div className="confirm-box" role="group" aria-labelledby="action-confirm-title">
          <h4 id="action-confirm-title" ref={confirmRef} tabIndex={-1}>
            {t('staff.action.confirmTitle', { action: actionName, code: d.code })}
          </h4>
          <p>
            {signs ? (/^\d{6}$/.test(personalOtp) ? t('staff.personalSign.confirmBoth') : t('staff.action.signConfirmText')) : t('staff.action.confirmText')}
          </p>
          {signs && <PersonalSignature otp={personalOtp} onOtp={setPersonalOtp} />}
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void send()}>
              {busy ? t('staff.action.sending') : t('staff.action.confirm')}
            </button>
            <button type="button" className="button button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('staff.action.backToForm')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
