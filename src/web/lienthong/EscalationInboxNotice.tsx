/**
 * Liên thông in the official's inbox: how many hand-offs of the official's units wait past their answer time
 * ("quá hạn liên thông", GET /api/staff/lienthong/escalations), with a link to the back-office liên thông page.
 * Small on purpose: the inbox loads it at once, the liên thông page itself loads on demand.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { EscalationList } from '../../contract/lienthong.ts';
import { apiQuery } from '../data/query.ts';
import '../i18n/lienthong.ts';

export const escalationsQuery = () => apiQuery<z.infer<typeof EscalationList>>(['staff', 'lienthong', 'escalations'], '/api/staff/lienthong/escalations');

export function EscalationInboxNotice() {
  const { t } = useTranslation();
  const q = useQuery(escalationsQuery());
  const n = q.data?.items.length ?? 0;
  if (n === 0) return null;
  return (
    <div className="notice" role="status" data-testid="lienthong-inbox-notice">
      <p>
        <strong>{t('lienthong.staff.inboxNotice', { count: n })}</strong> <Link to="/can-bo/lien-thong">{t('lienthong.staff.inboxLink')}</Link>
      </p>
    </div>
  );
}
