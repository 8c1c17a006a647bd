/**
 * Where the gateway sends the browser back (/thanh-toan/:id). The return link proves nothing, so this page polls
 * the payment's state as the server knows it (settled only by the bank's signed IPN or a re-query); after a while
 * without an answer it asks the server to re-query the gateway once.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { afterCitizenChange } from '../data/invalidate.ts';
import { keys } from '../data/keys.ts';
import { formatMoney } from '../format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { newKey, startOnlinePayment } from './startPayment.ts';
import type { IntentStatusView } from './types.ts';
import '../i18n/payments.ts';

const POLL_MS = 1500;
const REQUERY_AFTER_POLLS = 6;
const GIVE_UP_POLLS = 40;

const isOpen = (i: IntentStatusView | undefined) => !!i && (i.state === 'pending' || i.state === 'created');

export function PaymentResultPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [retryError, setRetryError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const retryKey = useRef(newKey());
  const polls = useRef(0);
  const heading = usePageTitle(t('payments.result.title'));
  const invalid = id === 'khong-hop-le';
  // The payment as the server knows it, asked again every 1.5 s while it is open; once, after a few answers
  // without news, the server is asked to re-query the gateway first.
  const query = useQuery({
    queryKey: keys.payments.intent(id),
    queryFn: async ({ signal }) => {
      if (polls.current === REQUERY_AFTER_POLLS)
        await api(`/api/payments/${encodeURIComponent(id)}/requery`, { method: 'POST', signal }).catch(() => undefined);
      const intent = await api<IntentStatusView>(`/api/payments/${encodeURIComponent(id)}`, { signal });
      polls.current += 1;
      // Settled: what the citizen's dossier pages show of it is out of date.
      if (!isOpen(intent)) void afterCitizenChange(qc, intent.dossierId);
      return intent;
    },
    enabled: !invalid,
    staleTime: 0,
    refetchInterval: (q) => (isOpen(q.state.data) && polls.current < GIVE_UP_POLLS ? POLL_MS : false),
    refetchOnWindowFocus: false,
  });
  const intent = query.data ?? null;
  const error = retryError ?? (query.error ? errorText(query.error, t('payments.panel.loadError')) : null);

  const retry = async () => {
    if (!intent) return;
    setBusy(true);
    try {
      await startOnlinePayment(intent.dossierId, retryKey.current, intent.gateway === 'paygov' ? 'paygov' : 'vnpay');
    } catch (e) {
      retryKey.current = newKey();
      setBusy(false);
      setRetryError(errorText(e, t('payments.panel.loadError')));
    }
  };

  const open = intent && (intent.state === 'pending' || intent.state === 'created');
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('payments.result.title')}
      </h1>
      {invalid && (
        <div className="error-box" role="alert">
          {t('payments.result.invalid')}
        </div>
      )}
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {!invalid && !intent && !error && <p role="status">{t('payments.result.checking')}</p>}
      {intent && (
        <div role="status" aria-live="polite" data-testid="payment-result" data-state={intent.state}>
          {open && (
            <>
              <h2>{t('payments.result.checking')}</h2>
              <p className="muted">{polls.current >= GIVE_UP_POLLS ? t('payments.result.stillPending') : t('payments.result.checkingNote')}</p>
            </>
          )}
          {(intent.state === 'paid' || intent.state === 'refunded') && (
            <>
              <h2>{t('payments.result.paid')}</h2>
              <p>{t('payments.result.paidLead', { amount: formatMoney(intent.amount), code: intent.dossierCode })}</p>
              {intent.receipt && (
                <p>
                  <a className="button" href={`/api/receipts/${intent.receipt.id}/pdf`} target="_blank" rel="noopener" data-testid="receipt-link">
                    {t('payments.panel.download', { number: intent.receipt.number })}
                  </a>
                </p>
              )}
            </>
          )}
          {(intent.state === 'failed' || intent.state === 'expired') && (
            <>
              <h2>{t(intent.state === 'failed' ? 'payments.result.failed' : 'payments.result.expired')}</h2>
              <p>{t(intent.state === 'failed' ? 'payments.result.failedLead' : 'payments.result.expiredLead')}</p>
              <button type="button" className="button" onClick={() => void retry()} disabled={busy} aria-busy={busy}>
                {t('payments.result.retry')}
              </button>
            </>
          )}
          <dl className="summary-list">
            <div>
              <dt>{t('payments.result.reference')}</dt>
              <dd>{intent.reference}</dd>
            </div>
            <div>
              <dt>{t('payments.result.amount')}</dt>
              <dd>{formatMoney(intent.amount)}</dd>
            </div>
          </dl>
          <p>
            <Link to={`/ho-so-cua-toi/${intent.dossierId}`}>{t('payments.result.back', { code: intent.dossierCode })}</Link>
          </p>
        </div>
      )}
    </section>
  );
}
