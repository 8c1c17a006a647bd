import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ChatLauncher } from '../assistant/ChatLauncher.tsx';
import { LazyArea } from '../lazy.tsx';
import { loginHref, useSession } from '../session.tsx';

export function Layout() {
  const { t, i18n } = useTranslation();
  const { session, logout } = useSession();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.label')} className="header-nav">
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
              onClick={() => void i18n.changeLanguage(i18n.language === 'vi' ? 'en' : 'vi')}
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
          <nav aria-label={t('nav.footerLinks')} className="footer-nav">
            <Link to="/verify">{t('nav.verify')}</Link>
            <Link to="/phan-anh">{t('nav.feedback')}</Link>
            <Link to="/hoi-dap">{t('nav.qa')}</Link>
            <Link to="/goi-y">{t('nav.suggestions')}</Link>
            <Link to="/chi-so-phuc-vu">{t('metrics.nav.public')}</Link>
          </nav>
          <p className="footer-text">{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
