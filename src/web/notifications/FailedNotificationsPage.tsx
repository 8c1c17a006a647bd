/**
 * /can-bo/thong-bao-loi — notifications to citizens of the official's units that could not be delivered (dead
 * letters), with the reason and the attempts, and a button to send one again (issue 14, item 7). For the counter
 * (reception) and leaders; reads GET /api/backoffice/notifications/failed, resends with POST …/:id/resend.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { apiQuery } from '../data/query.ts';
import { formatDateTime } from '../format.ts';
import '../i18n/notifications.ts';
import { usePageTitle } from '../usePageTitle.ts';
import type { FailedItem } from './types.ts';

const failedKey = ['staff', 'notifications', 'failed'] as const;

export function FailedNotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const heading = usePageTitle(t('notifications.failed.title'));
  const query = useQuery(apiQuery<{ items: FailedItem[] }>(failedKey, '/api/backoffice/notifications/failed?limit=200'));
  const [announcement, setAnnouncement] = useState('');
  const resend = useMutation({
    mutationFn: (n: FailedItem) => api(`/api/backoffice/notifications/${n.id}/resend`, { method: 'POST' }),
    onSuccess: async (_r, n) => {
      setAnnouncement(t('notifications.failed.resent', { code: n.dossierCode ?? '' }));
      await qc.invalidateQueries({ queryKey: failedKey });
    },
  });
  const items = query.data?.items ?? [];
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('notifications.failed.title')}
      </h1>
      <p>{t('notifications.failed.lead')}</p>
      <p role="status" className={announcement ? 'panel-info' : undefined}>
        {announcement}
      </p>
      {(query.error || resend.error) && (
        <div className="error-box" role="alert">
          {errorText(query.error ?? resend.error, t('notifications.failed.loadError'))}
        </div>
      )}
      {query.data && items.length === 0 && <p>{t('notifications.failed.none')}</p>}
      {items.length > 0 && (
        <table className="table responsive-table" aria-label={t('notifications.failed.title')} data-testid="failed-notifications">
          <thead>
            <tr>
              <th scope="col">{t('notifications.failed.dossier')}</th>
              <th scope="col">{t('notifications.failed.channel')}</th>
              <th scope="col">{t('notifications.failed.recipient')}</th>
              <th scope="col">{t('notifications.failed.reason')}</th>
              <th scope="col">{t('notifications.failed.attempts')}</th>
              <th scope="col">{t('notifications.failed.failedAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('notifications.failed.resend')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.id}>
                <td data-label={t('notifications.failed.dossier')}>
                  {n.dossierId ? <Link to={`/can-bo/ho-so/${n.dossierId}`}>{n.dossierCode}</Link> : n.dossierCode}
                </td>
                <td data-label={t('notifications.failed.channel')}>{t(`notifications.channel.${n.channel}`)}</td>
                <td data-label={t('notifications.failed.recipient')}>{n.recipient}</td>
                <td data-label={t('notifications.failed.reason')}>{n.reason}</td>
                <td data-label={t('notifications.failed.attempts')}>{n.attempts}</td>
                <td data-label={t('notifications.failed.failedAt')}>{n.failedAt ? formatDateTime(n.failedAt) : ''}</td>
                <td>
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={resend.isPending}
                    aria-label={t('notifications.failed.resendLabel', { channel: t(`notifications.channel.${n.channel}`), code: n.dossierCode ?? '' })}
                    onClick={() => resend.mutate(n)}
                  >
                    {t('notifications.failed.resend')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
