/** Quản trị (/can-bo/quan-tri): the administration pages this official may use, and an explanation for anyone else. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useStaff } from '../staff/StaffSession.tsx';
import { ADMIN_ROLES } from './access.ts';
import { adminNav } from './nav.ts';
import { AdminPage } from './ui.tsx';

export function AdminHomePage() {
  const { t } = useTranslation();
  const { hasRole } = useStaff();
  const pages = adminNav.filter((n) => hasRole(...n.roles));
  return (
    <AdminPage title={t('admin.home.title')} roles={ADMIN_ROLES} lead={t('admin.home.lead')}>
      <ul className="admin-home">
        {pages.map((n) => (
          <li key={n.to}>
            <Link to={n.to}>{t(n.label)}</Link>
            <p className="hint">{t(`${n.label}Hint`)}</p>
          </li>
        ))}
      </ul>
    </AdminPage>
  );
}
