/**
 * Every message sent about one dossier, on each channel, with its delivery state (issue 14, item 6): shown on the
 * citizen's dossier page under the timeline. Reads GET /api/my/notifications?dossierId=…
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../data/errors.ts';
import { apiQuery } from '../data/query.ts';
import { formatDateTime } from '../format.ts';
import '../i18n/notifications.ts';
import type { NotificationItem } from './types.ts';

export const dossierMessagesKey = (dossierId: string) => ['citizen', 'notifications', dossierId] as const;

/** The state of one message in words, with when it happened and why it was not sent. */
export function useStateText() {
  const { t } = useTranslation();
  return (n: Pick<NotificationItem, 'status' | 'reason' | 'deliveredAt' | 'acceptedAt' | 'failedAt'>) => {
    const base = t(`notifications.status.${n.status}`);
    const when = n.deliveredAt ?? n.acceptedAt ?? n.failedAt;
    const reason = n.status === 'suppressed' && (n.reason === 'switched_off' || n.reason === 'opted_out') ? t(`notifications.reason.${n.reason}`) : null;
    return [base, reason, when && n.status !== 'suppressed' ? formatDateTime(when) : null].filter(Boolean).join(' · ');
  };
}

export function DossierMessages({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const stateText = useStateText();
  const query = useQuery({
    ...apiQuery<{ items: NotificationItem[] }>(dossierMessagesKey(dossierId), `/api/my/notifications?dossierId=${encodeURIComponent(dossierId)}&limit=200`),
    refetchInterval: 15_000,
  });
  const items = query.data?.items ?? [];
  return (
    <section aria-labelledby="messages-title" className="dossier-messages">
      <h2 id="messages-title">{t('notifications.messages.title')}</h2>
      <p className="muted">{t('notifications.messages.lead')}</p>
      {query.error && (
        <div className="error-box" role="alert">
          {errorText(query.error, t('notifications.messages.loadError'))}
        </div>
      )}
      {query.data && items.length === 0 && <p>{t('notifications.messages.none')}</p>}
      {items.length > 0 && (
        <ol className="timeline" data-testid="dossier-messages">
          {[...items].reverse().map((n) => (
            <li key={n.id} data-channel={n.channel} data-status={n.status}>
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time> — <strong>{t(`notifications.channel.${n.channel}`)}</strong>
              {n.fallbackOf !== null && <span className="muted"> ({t('notifications.messages.fallback')})</span>}
              <p>
                {n.subject && <span className="message-subject">{n.subject}: </span>}
                {n.body.length > 300 ? `${n.body.slice(0, 300)}…` : n.body}
              </p>
              <p className="muted">
                {t('notifications.messages.state')}: <span className="message-state">{stateText(n)}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
