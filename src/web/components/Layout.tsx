import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ChatLauncher } from '../assistant/ChatLauncher.tsx';
import { referenceQueries } from '../data/queries.ts';
import { setLanguage } from '../i18n/english.ts';
import { LazyArea } from '../lazy.tsx';
import { loginHref, useSession } from '../session.tsx';

/**
 * The citizen portal's frame. On phones (≤ 600 px) the header is one row: the commune's identity and a "Menu"
 * button that opens the links (a disclosure: aria-expanded, Escape closes and gives the focus back to the button);
 * wider screens show the links. Every page ends with the unit's contact and hotline (issue 18, points 2 and 14).
 */
export function Layout() {
  const { t, i18n } = useTranslation();
  const { session, logout } = useSession();
  const location = useLocation();
  const here = location.pathname + location.search;
  const installation = useQuery(referenceQueries.installation()).data;
  const portal = installation?.portal;
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  // A followed link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the location is the trigger
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header citizen-header">
        <div className="container header-row">
          <Link to="/" className="brand" data-testid="portal-identity">
            <span className="brand-emblem" aria-hidden="true">
              ★
            </span>
            <span className="brand-text">
              <span className="brand-unit">{portal?.communeName ?? portal?.unitName ?? t('portal.identity')}</span>
              <span className="brand-sub">
                <span className="brand-service">{t('portal.identity')}</span>
                {installation && <span className="brand-province">{installation.provinceName}</span>}
              </span>
            </span>
          </Link>
          <button ref={menuButton} type="button" className="menu-button" aria-expanded={menuOpen} aria-controls={menuId} onClick={() => setMenuOpen((o) => !o)}>
            <span className="menu-icon" aria-hidden="true" />
            {t('portal.menu')}
          </button>
          <nav id={menuId} aria-label={t('nav.label')} className={`header-nav${menuOpen ? ' open' : ''}`}>
            <Link to="/thu-tuc">{t('nav.procedures')}</Link>
            <Link to="/tra-cuu">{t('nav.lookup')}</Link>
            <Link to="/tro-ly">{t('nav.assistant')}</Link>
            {session?.authenticated ? (
              <>
                <Link to="/ho-so-cua-toi">{t('nav.myDossiers')}</Link>
                <Link to="/kho-du-lieu">{t('nav.myStore')}</Link>
                <Link to="/tai-khoan">{t('notifications.nav.profile')}</Link>
                <span className="user-name" data-testid="user-name">
                  {session.user?.fullName}
                </span>
                <button type="button" className="link-button" onClick={() => void logout()}>
                  {t('nav.logout')}
                </button>
              </>
            ) : (
              <a href={loginHref(here)}>{t('nav.login')}</a>
            )}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setMenuOpen(false);
                void setLanguage(i18n.language === 'vi' ? 'en' : 'vi').catch(() => undefined);
              }}
              lang={i18n.language === 'vi' ? 'en' : 'vi'}
            >
              {i18n.language === 'vi' ? 'English' : 'Tiếng Việt'}
            </button>
          </nav>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <LazyArea>
          <Outlet />
        </LazyArea>
      </main>
      <ChatLauncher />
      <footer className="site-footer">
        <div className="container">
          {portal && (
            <section className="help-contact" aria-labelledby="help-contact-title" data-testid="help-contact">
              <h2 id="help-contact-title">{t('portal.help.title')}</h2>
              {portal.hotline && (
                <p>
                  {t('portal.help.hotline')}{' '}
                  <a href={`tel:${portal.hotline.replace(/[^\d+]/g, '')}`} className="help-phone">
                    {portal.hotline}
                  </a>
                </p>
              )}
              <p>
                {installation?.defaultUnitName ?? portal.unitName}
                {portal.address ? ` – ${portal.address}` : ''}
                {portal.phone && portal.phone !== portal.hotline ? ` – ${t('portal.help.phone')} ${portal.phone}` : ''}
                {portal.email ? ` – ${portal.email}` : ''}
              </p>
            </section>
          )}
          <nav aria-label={t('nav.footerLinks')}>
            <ul className="footer-nav">
              <li>
                <Link to="/verify">{t('nav.verify')}</Link>
              </li>
              <li>
                <Link to="/phan-anh">{t('nav.feedback')}</Link>
              </li>
              <li>
                <Link to="/hoi-dap">{t('nav.qa')}</Link>
              </li>
              <li>
                <Link to="/goi-y">{t('nav.suggestions')}</Link>
              </li>
              <li>
                <Link to="/chi-so-phuc-vu">{t('metrics.nav.public')}</Link>
              </li>
            </ul>
          </nav>
          <p className="footer-text">{installation?.name ?? t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
