/**
 * Tiếp nhận hồ sơ tại quầy (/can-bo/tiep-nhan/tai-quay): a walk-in or postal dossier received step by step —
 * identity checked against the population database, channel / procedure / case, the prefilled e-form, the scans,
 * contact and delivery, then a check of everything and the receipt. One idempotency key per attempt, so pressing
 * "receive" again after a lost answer returns the same dossier instead of a second one.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { feeQuantities, quoteFees } from '../../../core/fees/quote.ts';
import { normaliseValues } from '../../../core/forms/index.ts';
import { api, ApiError } from '../../api/client.ts';
import type { IntakeResult } from '../../api/types.ts';
import { keys } from '../../data/keys.ts';
import { catalogueQueries } from '../../data/queries.ts';
import type { ShownError } from '../../journey/ErrorSummary.tsx';
import { usePageTitle } from '../../usePageTitle.ts';
import { PaperlessToday } from '../../components/PaperlessToday.tsx';
import { useStaff } from '../StaffSession.tsx';
import { PaperRefusal, type PaperlessChoice } from './PaperRefusal.tsx';
import { newIdempotencyKey, vnTodayIso } from '../format.ts';
import { ContactStep } from './ContactStep.tsx';
import { FormStep } from './FormStep.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { ProcedureStep } from './ProcedureStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { ScansStep } from './ScansStep.tsx';
import { emptyIntake, formKeys, intakeDocuments, placeError, STEPS, type IntakeState, type StepKey } from './state.ts';

/** The furthest step the state allows (a reloaded or hand-edited URL cannot skip the identity check). */
function reachable(s: IntakeState): number {
  if (!s.identity) return 0;
  if (!s.prefill || s.prefill.procedureCode !== s.procedureCode || s.prefill.caseCode !== s.caseCode) return 1;
  return STEPS.length - 1;
}

export function CounterIntakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const [state, setState] = useState<IntakeState>(emptyIntake);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  // Paper refused today (paperless day, online-only procedure): the message, then assisted online or an exception.
  const [refusal, setRefusal] = useState<string | null>(null);
  const counterUnit = useStaff().user?.memberships.find((m) => m.role === 'reception')?.unitId ?? '';

  const index = Math.min(Math.max(0, Number(params.get('buoc') ?? 1) - 1 || 0), reachable(state));
  const step = STEPS[index];
  const title = t(`staff.intake.steps.${step}`);
  const heading = usePageTitle(`${t('staff.intake.title')}: ${title}`);
  useEffect(() => {
    // The error summary takes the focus when a step opens with errors (after a refused receipt).
    if (!document.querySelector('.error-summary')) heading.current?.focus();
  }, [index, heading]);

  const update = useCallback((patch: Partial<IntakeState> | ((s: IntakeState) => Partial<IntakeState>)) => {
    setState((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }));
  }, []);
  const goTo = useCallback(
    (key: StepKey, keepErrors = false) => {
      if (!keepErrors) setErrors([]);
      setParams({ buoc: String(STEPS.indexOf(key) + 1) });
    },
    [setParams],
  );
  const next = () => goTo(STEPS[Math.min(index + 1, STEPS.length - 1)]);

  // The fee shown at review: without the procedure (not loaded, or failed) no fee line is shown.
  const procedure = useQuery({ ...catalogueQueries.procedure(state.prefill?.procedureCode ?? ''), enabled: !!state.prefill }).data;
  const kase = procedure?.definition.cases.find((c) => c.code === state.prefill?.caseCode);
  const feeTotal = useMemo(() => {
    if (!kase || !state.prefill) return null;
    return quoteFees({ lines: kase.fees, channel: 'counter', date: vnTodayIso(), ...feeQuantities(formKeys(state.prefill), state.values) }).total;
  }, [kase, state.prefill, state.values]);

  const submit = async (choice?: PaperlessChoice) => {
    const prefill = state.prefill!;
    const identity = state.identity!;
    setSubmitting(true);
    setErrors([]);
    try {
      const result = await api<IntakeResult>('/api/staff/intake', {
        method: 'POST',
        body: {
          idempotencyKey: idempotencyKey.current,
          channel: state.channel,
          procedureCode: prefill.procedureCode,
          procedureVersion: prefill.procedureVersion,
          caseCode: prefill.caseCode,
          identity: { idNumber: identity.person.idNumber, checkToken: identity.checkToken },
          contact: { ...(state.phone.trim() ? { phone: state.phone.trim() } : {}), ...(state.email.trim() ? { email: state.email.trim() } : {}) },
          values: normaliseValues(prefill.form, state.values),
          seal: prefill.seal,
          documents: intakeDocuments(state),
          resultDelivery: state.resultDelivery,
          ...(state.channel === 3 ? { waybill: state.waybill.trim() } : {}),
          ...(state.note.trim() ? { note: state.note.trim() } : {}),
          ...(choice ?? {}),
        },
      });
      void qc.invalidateQueries({ queryKey: keys.staff.inbox() });
      void qc.invalidateQueries({ queryKey: keys.staff.search() });
      navigate(`/can-bo/tiep-nhan/da-tiep-nhan/${result.id}`, { replace: true });
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError && err.code === 'INTAKE_INVALID') {
        const placed = ((err.details as { errors?: { path: string; message: string }[] } | undefined)?.errors ?? []).map((e) => ({
          ...placeError(e.path, formKeys(prefill)),
          message: e.message,
        }));
        const first = STEPS.find((s) => placed.some((p) => p.step === s)) ?? 'review';
        setErrors(placed.filter((p) => p.step === first).map(({ path, message }) => ({ path, message })));
        if (first !== 'review') goTo(first, true);
      } else if (err instanceof ApiError && err.code === 'IDENTITY_CHECK_REQUIRED') {
        update({ identity: null });
        setErrors([{ path: 'idNumber', message: err.message }]);
        goTo('identity', true);
      } else if (err instanceof ApiError && err.code === 'PAPER_INTAKE_REFUSED') {
        setRefusal(err.message);
      } else if (err instanceof ApiError && err.code === 'WAYBILL_REQUIRED') {
        setErrors([{ path: 'waybill', message: err.message }]);
        goTo('procedure', true);
      } else {
        setErrors([{ path: 'submit', message: err instanceof ApiError ? err.message : t('error.generic') }]);
      }
    }
  };

  const props = { state, update, errors, setErrors, next };
  return (
    <section className="intake">
      <p className="muted">
        {t('staff.intake.title')} · {t('staff.intake.stepOf', { n: index + 1, total: STEPS.length })}
      </p>
      <ol className="step-indicator" aria-label={t('staff.intake.progress')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === index ? 'step' : undefined} className={i < index ? 'done' : i === index ? 'current' : ''}>
            {i < index ? (
              <button type="button" className="link-button" onClick={() => goTo(s)}>
                {t(`staff.intake.steps.${s}`)}
              </button>
            ) : (
              <span>{t(`staff.intake.steps.${s}`)}</span>
            )}
          </li>
        ))}
      </ol>
      {index > 0 && (
        <button type="button" className="link-button back-link" onClick={() => goTo(STEPS[index - 1])}>
          ‹ {t('staff.common.back')}
        </button>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {state.identity && step !== 'identity' && (
        <p className="applicant-strip">{t('staff.intake.applicantStrip', { name: state.identity.person.fullName, id: state.identity.person.idNumber })}</p>
      )}
      {step === 'identity' && counterUnit && <PaperlessToday unit={counterUnit} compact />}
      {step === 'review' && refusal && <PaperRefusal message={refusal} submitting={submitting} submit={(c) => void submit(c)} kase={kase} />}
      {step === 'identity' && <IdentityStep {...props} />}
      {step === 'procedure' && <ProcedureStep {...props} />}
      {step === 'form' && <FormStep {...props} />}
      {step === 'scans' && <ScansStep {...props} />}
      {step === 'contact' && <ContactStep {...props} />}
      {step === 'review' && (
        <ReviewStep
          {...props}
          goTo={goTo}
          submitting={submitting}
          submit={() => void submit()}
          procedureName={state.prefill!.procedureName}
          caseName={kase?.name ?? state.prefill!.caseCode}
          feeTotal={feeTotal}
        />
      )}
    </section>
  );
}
