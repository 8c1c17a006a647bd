/**
 * Trang làm việc (/can-bo): officials with open tasks go straight to their inbox; the others (supervisors, an empty
 * inbox) see their workload in figures and the way to each part of the back office they may use.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { STEP_ROLES } from '../../core/workflow/roles.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { LoadError, Loading } from './bits.tsx';
import { errorMessage } from './format.ts';
import { staffNav } from './nav.ts';
import { staffQueries } from './queries.ts';
import { useStaff } from './StaffSession.tsx';

/** Roles that hold workflow steps, hence an inbox. */
export const TASK_ROLES: readonly string[] = STEP_ROLES;

export function StaffHomePage() {
  const { t } = useTranslation();
  const { user, hasRole } = useStaff();
  const heading = usePageTitle(t('staff.home.title'));
  const handlesTasks = hasRole(...TASK_ROLES);
  const receives = hasRole('reception');
  const inbox = useQuery({ ...staffQueries.inbox({ filter: 'all', page: 1, pageSize: 1 }), enabled: handlesTasks });
  // The queue's size is a shortcut only: without it the page shows the rest.
  const queueQuery = useQuery({ ...staffQueries.queue(), enabled: receives });
  const counts = inbox.data?.counts ?? null;
  const queue = queueQuery.data ? queueQuery.data.items.length : null;
  const error = inbox.error ? errorMessage(inbox.error, t('error.generic')) : null;

  const navigate = useNavigate();
  const hasTasks = !!counts && counts.all > 0;
  // Straight to the inbox, unless the official has meanwhile asked for another page: a click on a page loaded on
  // demand keeps this one on screen while its code loads (a transition), and the address already says where to go.
  useEffect(() => {
    if (hasTasks && window.location.pathname.replace(/\/$/, '') === '/can-bo') navigate('/can-bo/ho-so-can-xu-ly', { replace: true });
  }, [hasTasks, navigate]);
  if (hasTasks) return null;
  const links = staffNav.filter((n) => n.to !== '/can-bo' && (n.roles.length === 0 || hasRole(...n.roles)));
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.home.title')}
      </h1>
      <p className="lead">{t('staff.home.greeting', { name: user?.fullName ?? '' })}</p>
      <p>{user?.roles.map((r) => t(`staff.role.${r.code}`, { defaultValue: r.name })).join(', ')}</p>
      {error && <LoadError message={error} />}
      {handlesTasks && !counts && !error && <Loading />}
      {(counts || queue !== null) && (
        <ul className="stat-cards" aria-label={t('staff.home.workload')}>
          {counts && (
            <>
              <li className="stat-card">
                <Link to="/can-bo/ho-so-can-xu-ly">
                  <span className="stat-number">{counts.all}</span> {t('staff.home.tasks')}
                </Link>
              </li>
              <li className="stat-card">
                <Link to="/can-bo/ho-so-can-xu-ly?loc=sap-den-han">
                  <span className="stat-number">{counts.due_soon}</span> {t('staff.home.dueSoon')}
                </Link>
              </li>
              <li className="stat-card">
                <Link to="/can-bo/ho-so-can-xu-ly?loc=qua-han">
                  <span className="stat-number">{counts.overdue}</span> {t('staff.home.overdue')}
                </Link>
              </li>
            </>
          )}
          {queue !== null && (
            <li className="stat-card">
              <Link to="/can-bo/tiep-nhan">
                <span className="stat-number">{queue}</span> {t('staff.home.queue')}
              </Link>
            </li>
          )}
        </ul>
      )}
      <h2>{t('staff.home.shortcuts')}</h2>
      <ul className="field-list">
        {links.map((n) => (
          <li key={n.to}>
            <Link to={n.to}>{t(n.label)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
