/** The fee quote as a table: each line's rate, the online reduction and what is paid, with the total. */
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format.ts';
import type { QuoteView } from './types.ts';
import './payments.css';
import '../i18n/payments.ts';

export function FeeQuoteTable({ quote, id = 'fee-quote' }: { quote: QuoteView; id?: string }) {
  const { t } = useTranslation();
  if (quote.total === 0 && quote.lines.every((l) => l.net === 0 && !l.exempted && l.gross === 0)) return <p>{t('payments.quote.free')}</p>;
  const reduction = quote.lines.reduce((n, l) => n + l.reduction, 0);
  const gross = quote.lines.reduce((n, l) => n + l.gross, 0);
  return (
    <div>
      <div className="fee-quote-wrap" role="region" aria-label={t('payments.quote.caption')} tabIndex={0}>
        <table className="table fee-quote" data-testid={id}>
          <caption className="visually-hidden">{t('payments.quote.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payments.quote.item')}</th>
              <th scope="col" className="num">
                {t('payments.quote.gross')}
              </th>
              <th scope="col" className="num">
                {t('payments.quote.reduction')}
              </th>
              <th scope="col" className="num">
                {t('payments.quote.net')}
              </th>
            </tr>
          </thead>
          <tbody>
            {quote.lines.map((l) => (
              <tr key={l.code}>
                <th scope="row">
                  {l.name} <span className="muted">({t(`payments.quote.${l.kind === 'phi' ? 'phi' : 'le_phi'}`)})</span>
                </th>
                <td className="num">{formatMoney(l.gross)}</td>
                <td className="num" data-testid="quote-reduction">
                  {l.exempted ? t('payments.quote.exempted') : l.reduction ? `− ${formatMoney(l.reduction)}` : formatMoney(0)}
                </td>
                <td className="num">{formatMoney(l.net)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('payments.quote.total')}</th>
              <td className="num">{formatMoney(gross)}</td>
              <td className="num">{reduction ? `− ${formatMoney(reduction)}` : formatMoney(0)}</td>
              <td className="num" data-testid="quote-total">
                <strong>{formatMoney(quote.total)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {reduction > 0 && <p className="panel-info">{t('payments.quote.saved', { amount: formatMoney(reduction) })}</p>}
    </div>
  );
}
