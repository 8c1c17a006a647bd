/**
 * The payment side of a dossier in the back office: the frozen quote (with the online reduction), the payment
 * state, every attempt (online or at the counter), the receipts to download and the refunds. Counter payments are
 * recorded with the "record payment" action, which writes to the same ledger and issues the receipt.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { afterStaffAction } from '../data/invalidate.ts';
import { paymentQueries } from '../data/queries.ts';
import { formatDateTime, formatMoney } from '../format.ts';
import { FeeQuoteTable } from './FeeQuoteTable.tsx';
import '../i18n/payments.ts';

/** The block is refreshed with the dossier: a staff action invalidates this dossier's payment query (data/invalidate.ts). */
export function StaffPaymentBlock({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  // Without the payment view the dossier page still works: the block is simply not shown.
  const p = useQuery(paymentQueries.dossier(dossierId)).data;
  const payOut = useMutation({
    mutationFn: (refundId: string) => api(`/api/payments/refunds/${encodeURIComponent(refundId)}/paid-out`, { method: 'POST' }),
    onSuccess: () => afterStaffAction(qc, dossierId),
  });
  const error = payOut.error ? errorText(payOut.error, t('payments.panel.loadError')) : null;
  if (!p || (p.feeTotal === 0 && p.intents.length === 0)) return null;
  return (
    <section className="payment-panel" aria-labelledby="staff-payment-title" data-testid="staff-payment">
      <h2 id="staff-payment-title">{t('payments.panel.title')}</h2>
      {p.feeQuote && <FeeQuoteTable quote={p.feeQuote} id="staff-fee-quote" />}
      <p>
        {t(`payments.staff.state.${p.paymentState}`, { defaultValue: p.paymentState })}
        {p.amountDue > 0 ? ` – ${t('payments.panel.due', { amount: formatMoney(p.amountDue) })}` : ''}
      </p>
      {p.intents.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{t('payments.staff.attempts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.result.reference')}</th>
              <th scope="col">{t('payments.staff.channel')}</th>
              <th scope="col">{t('payments.result.amount')}</th>
              <th scope="col">{t('payments.staff.stateCol')}</th>
              <th scope="col">{t('payments.staff.time')}</th>
            </tr>
          </thead>
          <tbody>
            {p.intents.map((i) => (
              <tr key={i.id}>
                <td>{i.reference}</td>
                <td>{t(`payments.panel.methods.${i.gateway === 'counter' ? (i.method ?? 'cash') : i.gateway}`, { defaultValue: i.gateway })}</td>
                <td>{formatMoney(i.amount)}</td>
                <td>{t(`payments.staff.intent.${i.state}`, { defaultValue: i.state })}</td>
                <td>{formatDateTime(i.paidAt ?? i.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.receipts.length > 0 && (
        <ul>
          {p.receipts.map((r) => (
            <li key={r.id}>
              <a href={`/api/receipts/${r.id}/pdf`} target="_blank" rel="noopener">
                {t('payments.panel.download', { number: r.number })}
              </a>{' '}
              – {formatMoney(r.net)}
            </li>
          ))}
        </ul>
      )}
      {p.refunds.map((r) => (
        <p key={r.id}>
          {t('payments.panel.refund', { amount: formatMoney(r.amount), state: t(`payments.panel.refundStates.${r.state}`, { defaultValue: r.state }) })}
          {r.state === 'at_counter' && (
            <>
              {' '}
              <button type="button" className="button button-secondary" onClick={() => payOut.mutate(r.id)} disabled={payOut.isPending}>
                {t('payments.staff.payOut', { amount: formatMoney(r.amount) })}
              </button>
            </>
          )}
        </p>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
