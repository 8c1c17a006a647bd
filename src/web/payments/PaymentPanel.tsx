/**
 * The payment block of the citizen's dossier page: the frozen quote with the online reduction (or the exemption),
 * the amount due and the pay button (one idempotency key per attempt: a double click never opens two payments), the
 * receipts to download and any refund.
 */
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../data/errors.ts';
import { paymentQueries } from '../data/queries.ts';
import { formatMoney } from '../format.ts';
import { FeeQuoteTable } from './FeeQuoteTable.tsx';
import { newKey, startOnlinePayment } from './startPayment.ts';
import '../i18n/payments.ts';

export function PaymentPanel({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const query = useQuery(paymentQueries.dossier(dossierId));
  const [payError, setPayError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string>(newKey());
  const p = query.data;
  const error = payError ?? (query.error ? errorText(query.error, t('payments.panel.loadError')) : null);
  if (error && !p)
    return (
      <div className="error-box" role="alert">
        {error}
      </div>
    );
  // Nothing to say when nothing is charged, unless a fee was waived by an exemption (then the quote shows it).
  const exempted = !!p?.feeQuote?.lines.some((l) => l.exempted);
  if (!p || (p.feeTotal === 0 && p.amountDue === 0 && p.receipts.length === 0 && !exempted)) return null;
  const last = p.intents[0];
  const pay = async (gateway: 'vnpay' | 'paygov') => {
    setBusy(true);
    setPayError(null);
    try {
      // The browser leaves for the gateway; coming back (/thanh-toan/:id) reads the payment afresh.
      await startOnlinePayment(dossierId, key.current, gateway);
    } catch (e) {
      key.current = newKey();
      setBusy(false);
      setPayError(errorText(e, t('payments.panel.loadError')));
    }
  };
  return (
    <section className="payment-panel" aria-labelledby="payment-title" data-testid="payment-panel">
      <h2 id="payment-title">{t('payments.panel.title')}</h2>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {p.feeQuote && <FeeQuoteTable quote={p.feeQuote} />}
      {exempted && (
        <p className="panel-info" data-testid="payment-exempted">
          {t('payments.panel.exempted')}
        </p>
      )}
      {p.paymentState === 'paid' && (
        <p className="panel-info" data-testid="payment-state">
          {t('payments.panel.paid')}
        </p>
      )}
      {p.paymentState === 'refund_pending' && (
        <p className="panel-info" data-testid="payment-state">
          {t('payments.panel.refundPending')}
        </p>
      )}
      {p.paymentState === 'refunded' && (
        <p className="panel-info" data-testid="payment-state">
          {t('payments.panel.refunded')}
        </p>
      )}
      {p.amountDue > 0 && (
        <div>
          {p.paymentState === 'requested' && <p className="panel-info">{t('payments.panel.requested')}</p>}
          <p>
            <strong data-testid="amount-due">{t('payments.panel.due', { amount: formatMoney(p.amountDue) })}</strong>
          </p>
          {last?.state === 'failed' && <p role="status">{t('payments.panel.lastFailed')}</p>}
          {last?.state === 'expired' && <p role="status">{t('payments.panel.lastExpired')}</p>}
          <p className="muted">{t('payments.panel.gatewayNote')}</p>
          <div className="payment-choices">
            <button type="button" className="button" onClick={() => void pay('vnpay')} disabled={busy} aria-busy={busy}>
              {busy ? t('payments.panel.paying') : t('payments.panel.pay', { amount: formatMoney(p.amountDue) })}
            </button>
            {p.gateways.includes('paygov') && (
              <button type="button" className="button button-secondary" onClick={() => void pay('paygov')} disabled={busy} aria-busy={busy}>
                {busy ? t('payments.panel.paying') : t('payments.panel.payPaygov')}
              </button>
            )}
          </div>
          {p.gateways.includes('paygov') && <p className="muted">{t('payments.panel.paygovNote')}</p>}
        </div>
      )}
      {p.receipts.length > 0 && (
        <>
          <h3>{t('payments.panel.receipts')}</h3>
          <ul>
            {p.receipts.map((r) => (
              <li key={r.id}>
                {t('payments.panel.receipt', { number: r.number, amount: formatMoney(r.net) })} (
                {t(`payments.panel.methods.${r.method}`, { defaultValue: r.method })}) –{' '}
                <a href={`/api/receipts/${r.id}/pdf`} target="_blank" rel="noopener">
                  {t('payments.panel.download', { number: r.number })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.refunds.length > 0 && (
        <ul>
          {p.refunds.map((r) => (
            <li key={r.id}>
              {t('payments.panel.refund', { amount: formatMoney(r.amount), state: t(`payments.panel.refundStates.${r.state}`, { defaultValue: r.state }) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
