/**
 * The back office frame (/can-bo/…): its own header with the official's name and a menu filtered by their roles,
 * the language switch, and the login page for anyone not logged in as an official.
 */
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { adminNav } from '../admin/nav.ts';
import { errorText } from '../data/errors.ts';
import { setLanguage } from '../i18n/english.ts';
import { LazyArea } from '../lazy.tsx';
import { metricsNav } from '../metrics/nav.ts';
import { LoadError } from './bits.tsx';
import { StaffLoginPage } from './LoginPage.tsx';
import { staffNav } from './nav.ts';
import { StaffSessionProvider, useStaff } from './StaffSession.tsx';

export function StaffShell() {
  return (
    <StaffSessionProvider>
      <StaffFrame />
    </StaffSessionProvider>
  );
}

function StaffFrame() {
  const { t, i18n } = useTranslation();
  const { user, error, logout, hasRole } = useStaff();
  const location = useLocation();
  const nav = [...staffNav, ...metricsNav, ...adminNav].filter((item) => item.roles.length === 0 || hasRole(...item.roles));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header staff-header">
        <div className="container header-row">
          <Link to="/can-bo" className="brand">
            {t('staff.app')}
          </Link>
          <nav aria-label={t('staff.nav.label')} className="header-nav">
            {user &&
              nav.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.to === '/can-bo'}>
                  {t(item.label)}
                </NavLink>
              ))}
            {user && (
              <span className="user-name" data-testid="staff-name">
                {user.fullName}
              </span>
            )}
            {user && (
              <button type="button" className="link-button" onClick={() => void logout()}>
                {t('nav.logout')}
              </button>
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => void setLanguage(i18n.language === 'vi' ? 'en' : 'vi').catch(() => undefined)}
              lang={i18n.language === 'vi' ? 'en' : 'vi'}
            >
              {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
            </button>
          </nav>
        </div>
      </header>
      <main id="main" className="container staff-main" tabIndex={-1}>
        {user === undefined ? (
          error ? (
            <LoadError message={errorText(error, t('error.generic'))} />
          ) : (
            <p role="status">{t('common.loading')}</p>
          )
        ) : user === null ? (
          <StaffLoginPage key={location.pathname} />
        ) : (
          <LazyArea>
            <Outlet />
          </LazyArea>
        )}
      </main>
      <footer className="site-footer">
        <div className="container">{t('staff.footer')}</div>
      </footer>
    </>
  );
}
