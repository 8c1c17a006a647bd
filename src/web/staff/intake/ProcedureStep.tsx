/**
 * Step 2 of a counter intake: how the dossier arrives (at the counter, or by post with its waybill), which
 * procedure (searched without diacritics) and which case. Continuing loads the case's e-form prefilled for the
 * person from the population database.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import type { IntakePrefill } from '../../api/types.ts';
import { catalogueQueries } from '../../data/queries.ts';
import { ErrorSummary, type ShownError } from '../../journey/ErrorSummary.tsx';
import type { StepProps } from './state.ts';

export function ProcedureStep({ state, update, errors, setErrors, next }: StepProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  // The search is asked 250 ms after the last keystroke, not on every one.
  const [searched, setSearched] = useState(query);
  useEffect(() => {
    const timer = setTimeout(() => setSearched(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const list = useQuery(catalogueQueries.search({ pageSize: 100, q: searched })).data?.items ?? null;
  const detail = useQuery({ ...catalogueQueries.procedure(state.procedureCode), enabled: !!state.procedureCode }).data ?? null;
  // A procedure with one case: that case is chosen.
  useEffect(() => {
    if (detail && detail.code === state.procedureCode && detail.definition.cases.length === 1 && !state.caseCode)
      update({ caseCode: detail.definition.cases[0].code });
  }, [detail, state.procedureCode, state.caseCode, update]);

  const options = list ?? [];
  const selectedMissing = state.procedureCode && !options.some((p) => p.code === state.procedureCode);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: ShownError[] = [];
    if (state.channel === 3 && state.waybill.trim().length < 4) problems.push({ path: 'waybill', message: t('staff.intake.procedure.waybillRequired') });
    if (!state.procedureCode) problems.push({ path: 'procedure', message: t('staff.intake.procedure.procedureRequired') });
    else if (!state.caseCode) problems.push({ path: 'case', message: t('staff.intake.procedure.caseRequired') });
    setErrors(problems);
    if (problems.length) return;
    const identity = state.identity!;
    if (state.prefill && state.prefill.procedureCode === state.procedureCode && state.prefill.caseCode === state.caseCode) return next();
    setBusy(true);
    try {
      const prefill = await api<IntakePrefill>('/api/staff/intake/prefill', {
        method: 'POST',
        body: { procedureCode: state.procedureCode, caseCode: state.caseCode, idNumber: identity.person.idNumber, checkToken: identity.checkToken },
      });
      update({ prefill, values: prefill.values, scans: {}, stored: {} });
      next();
    } catch (err) {
      setErrors([{ path: 'procedure', message: err instanceof ApiError ? err.message : t('error.generic') }]);
    } finally {
      setBusy(false);
    }
  };
  const err = (path: string) => errors.find((x) => x.path === path)?.message;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={errors} />
      <fieldset className="form-group">
        <legend>{t('staff.intake.procedure.channel')}</legend>
        <div className="radios">
          <label>
            <input type="radio" name="channel" id="f-channel" checked={state.channel === 1} onChange={() => update({ channel: 1 })} />{' '}
            {t('staff.intake.procedure.inPerson')}
          </label>
          <label>
            <input
              type="radio"
              name="channel"
              checked={state.channel === 3}
              onChange={() => update({ channel: 3, resultDelivery: state.resultDelivery === 'counter' ? 'post' : state.resultDelivery })}
            />{' '}
            {t('staff.intake.procedure.byPost')}
          </label>
        </div>
      </fieldset>
      {state.channel === 3 && (
        <div className={`form-group${err('waybill') ? ' has-error' : ''}`}>
          <label htmlFor="f-waybill">{t('staff.intake.procedure.waybill')}</label>
          {err('waybill') && (
            <p className="field-error" id="f-waybill-error">
              {err('waybill')}
            </p>
          )}
          <input
            id="f-waybill"
            type="text"
            autoComplete="off"
            value={state.waybill}
            aria-describedby={err('waybill') ? 'f-waybill-error' : undefined}
            onChange={(e) => update({ waybill: e.target.value })}
          />
        </div>
      )}
      <div className={`form-group${err('procedure') ? ' has-error' : ''}`}>
        <label htmlFor="f-procedureSearch">{t('staff.intake.procedure.search')}</label>
        <p className="hint" id="f-procedureSearch-hint">
          {t('staff.intake.procedure.searchHint')}
        </p>
        <input
          id="f-procedureSearch"
          type="search"
          autoComplete="off"
          value={query}
          aria-describedby="f-procedureSearch-hint"
          aria-controls="f-procedure"
          onChange={(e) => setQuery(e.target.value)}
        />
        <p role="status" className="muted">
          {list === null ? t('common.loading') : t('staff.intake.procedure.matches', { count: options.length })}
        </p>
        <label htmlFor="f-procedure">{t('staff.intake.procedure.procedure')}</label>
        {err('procedure') && (
          <p className="field-error" id="f-procedure-error">
            {err('procedure')}
          </p>
        )}
        <select
          id="f-procedure"
          value={state.procedureCode}
          aria-describedby={err('procedure') ? 'f-procedure-error' : undefined}
          onChange={(e) => update({ procedureCode: e.target.value, caseCode: '' })}
        >
          <option value="">{t('staff.intake.procedure.choose')}</option>
          {selectedMissing && detail && (
            <option value={state.procedureCode}>
              {state.procedureCode} – {detail.definition.name}
            </option>
          )}
          {options.map((p) => (
            <option key={p.code} value={p.code}>
              {p.code} – {p.name}
            </option>
          ))}
        </select>
      </div>
      {detail && detail.code === state.procedureCode && (
        <fieldset className={`form-group${err('case') ? ' has-error' : ''}`}>
          <legend>{t('staff.intake.procedure.case')}</legend>
          {err('case') && <p className="field-error">{err('case')}</p>}
          <div className="radios">
            {detail.definition.cases.map((c, i) => (
              <label key={c.code}>
                <input
                  type="radio"
                  name="case"
                  id={i === 0 ? 'f-case' : undefined}
                  checked={state.caseCode === c.code}
                  onChange={() => update({ caseCode: c.code })}
                />{' '}
                {c.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('common.loading') : t('staff.common.continue')}
      </button>
    </form>
  );
}
