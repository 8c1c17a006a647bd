import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';

export function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">{t('app.name')}</Link>
          <nav aria-label={t('nav.home')}>
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
        <Outlet />
      </main>
      <footer className="site-footer"><div className="container">{t('app.footer')}</div></footer>
    </>
  );
}
