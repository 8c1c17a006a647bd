/** On the staff dossier page, once the result is issued or returned: the counter officer opens the rating tablet view. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffDossier } from '../api/types.ts';
import { useStaff } from '../staff/StaffSession.tsx';
import { COUNTER_RATING_ROLES } from './access.ts';
import '../i18n/metrics.ts';

export function CounterRatingLink({ d }: { d: StaffDossier }) {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  if (!(d.status.code === 9 || d.status.code === 10) || !hasRole(...COUNTER_RATING_ROLES)) return null;
  return (
    <p className="rating-link">
      <Link className="button button-secondary" to={`/can-bo/danh-gia/${encodeURIComponent(d.id)}`} data-testid="counter-rating-link">
        {t('metrics.rating.openCounter')}
      </Link>
    </p>
  );
}
