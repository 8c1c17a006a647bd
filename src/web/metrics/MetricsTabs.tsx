/** The sub-navigation of the metrics pages. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStaff } from '../staff/StaffSession.tsx';
import { MANAGE_ROLES } from './access.ts';

export function MetricsTabs({ current }: { current: 'dashboard' | 'targets' | 'campaigns' | 'manage' }) {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const tabs = [
    { key: 'dashboard', to: '/can-bo/chi-so', label: t('metrics.tabs.dashboard') },
    { key: 'targets', to: '/can-bo/chi-so/muc-tieu', label: t('metrics.tabs.targets') },
    { key: 'campaigns', to: '/can-bo/chi-so/chien-dich', label: t('metrics.tabs.campaigns') },
    ...(hasRole(...MANAGE_ROLES) ? [{ key: 'manage', to: '/can-bo/chi-so/quan-ly', label: t('metrics.tabs.manage') }] : []),
  ];
  return (
    <nav aria-label={t('metrics.tabs.label')} className="tabs metrics-tabs">
      {tabs.map((x) => (
        <Link key={x.key} to={x.to} className="tab" aria-current={x.key === current ? 'page' : undefined}>
          {x.label}
        </Link>
      ))}
    </nav>
  );
}
