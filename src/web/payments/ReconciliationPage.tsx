/**
 * Finance view (/can-bo/doi-soat): reconcile the payment ledger with a gateway statement (CSV), or with the national
 * payment platform's bills (PayGov, fetched by the server). Lists the missing and mismatched transactions first, then
 * the count of matched ones.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { formatMoney } from '../format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import './payments.css';
import '../i18n/payments.ts';

interface Run {
  statementRows: number;
  parseErrors: { line: number; message: string }[];
  report: {
    matched: { reference: string; amount: number; dossierCode: string }[];
    missing: { reference: string; side: 'statement' | 'ledger'; amount: number; dossierCode?: string; note: string }[];
    mismatched: { reference: string; ledgerAmount: number; statementAmount: number; dossierCode: string; note: string }[];
  };
}

export function ReconciliationPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('payments.reconcile.title'));
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const reconcile = useMutation({
    mutationFn: async (f: File) => api<Run>('/api/payments/reconciliation', { method: 'POST', body: { statement: await f.text() } }),
  });
  const paygov = useMutation({
    mutationFn: async () => api<Run>('/api/payments/reconciliation/paygov', { method: 'POST', body: {} }),
    onSuccess: () => reconcile.reset(),
  });
  const run = reconcile.data ?? paygov.data ?? null;
  const busy = reconcile.isPending || paygov.isPending;
  const error = missingFile ? t('payments.reconcile.fileRequired') : reconcile.error ? errorText(reconcile.error, t('payments.panel.loadError')) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingFile(!file);
    if (file) {
      paygov.reset();
      reconcile.mutate(file);
    }
  };
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('payments.reconcile.title')}
      </h1>
      <p>{t('payments.reconcile.lead')}</p>
      <form onSubmit={submit} noValidate>
        <div className={`form-group${error ? ' has-error' : ''}`}>
          <label htmlFor="f-statement">{t('payments.reconcile.file')}</label>
          {error && (
            <p className="field-error" id="f-statement-error" role="alert">
              {error}
            </p>
          )}
          <input
            id="f-statement"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={error ? 'f-statement-error' : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t('payments.reconcile.run')}
        </button>
      </form>
      <h2>{t('payments.reconcile.paygovTitle')}</h2>
      <p>{t('payments.reconcile.paygovLead')}</p>
      {paygov.error && (
        <p className="field-error" role="alert">
          {errorText(paygov.error, t('payments.panel.loadError'))}
        </p>
      )}
      <button type="button" className="button button-secondary" disabled={busy} aria-busy={paygov.isPending} onClick={() => paygov.mutate()}>
        {t('payments.reconcile.paygovRun')}
      </button>
      {run && (
        <div role="status" data-testid="reconcile-report">
          <h2>
            {t('payments.reconcile.summary', {
              rows: run.statementRows,
              matched: run.report.matched.length,
              missing: run.report.missing.length,
              mismatched: run.report.mismatched.length,
            })}
          </h2>
          {run.report.missing.length > 0 && (
            <table className="table">
              <caption>{t('payments.reconcile.missing')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.result.reference')}</th>
                  <th scope="col">{t('payments.result.amount')}</th>
                  <th scope="col">{t('payments.reconcile.dossier')}</th>
                  <th scope="col">{t('payments.reconcile.note')}</th>
                </tr>
              </thead>
              <tbody>
                {run.report.missing.map((m) => (
                  <tr key={m.reference}>
                    <td>{m.reference}</td>
                    <td>{formatMoney(m.amount)}</td>
                    <td>{m.dossierCode ?? '—'}</td>
                    <td>{m.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {run.report.mismatched.length > 0 && (
            <table className="table">
              <caption>{t('payments.reconcile.mismatched')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('payments.result.reference')}</th>
                  <th scope="col">{t('payments.reconcile.dossier')}</th>
                  <th scope="col">{t('payments.reconcile.note')}</th>
                </tr>
              </thead>
              <tbody>
                {run.report.mismatched.map((m) => (
                  <tr key={m.reference}>
                    <td>{m.reference}</td>
                    <td>{m.dossierCode}</td>
                    <td>{m.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {run.parseErrors.length > 0 && (
            <ul>
              {run.parseErrors.map((e) => (
                <li key={e.line}>{t('payments.reconcile.lineError', { line: e.line, message: e.message })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
