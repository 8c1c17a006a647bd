/**
 * "Nộp trực tuyến: giải quyết trong N ngày làm việc, lệ phí X đ": what a case gives online dossiers where the
 * catalogue defines it (issue 16 item 6) — the shorter time limit in force today (src/core/deadlines/online-time-limit.ts)
 * and the lower fee (the online reductions of its fee lines, quoted for one dossier). Nothing when neither applies.
 * On the procedure page, the journey's review step and the counter's intake page (paperless days).
 */
import { useTranslation } from 'react-i18next';
import type { ProcedureCase } from '../../core/catalogue/schema.ts';
import { formatTimeLimit } from '../../core/catalogue/time-limit.ts';
import { applicableTimeLimit } from '../../core/deadlines/online-time-limit.ts';
import { quoteFees } from '../../core/fees/quote.ts';
import { formatMoney, vnToday } from '../format.ts';

/** The online time limit and fee of a case on a day, when they differ from the counter's. */
export function onlineAdvantage(kase: ProcedureCase, day: string) {
  const time = applicableTimeLimit(kase, 2, day);
  const quote = (channel: 'online' | 'counter') => quoteFees({ lines: kase.fees, channel, date: day }).total;
  const online = quote('online');
  const counter = quote('counter');
  return { time: time.online ? time : null, fee: online < counter ? { online, counter } : null };
}

export function OnlineAdvantage({ kase, day = vnToday() }: { kase: ProcedureCase; day?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const a = onlineAdvantage(kase, day);
  if (!a.time && !a.fee) return null;
  const time = formatTimeLimit(a.time ?? kase.timeLimit, lang);
  return (
    <p className="online-advantage" data-testid="online-advantage">
      <strong>{t('procedure.onlineAdvantage', { time })}</strong>
      {a.time && ` ${t('procedure.onlineAdvantageInstead', { time: formatTimeLimit(kase.timeLimit, lang) })}`}
      {a.fee && `; ${t('procedure.onlineAdvantageFee', { online: formatMoney(a.fee.online), counter: formatMoney(a.fee.counter) })}`}
      {a.time?.online && <span className="muted"> ({a.time.online.basis})</span>}
    </p>
  );
}
