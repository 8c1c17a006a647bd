/** An unknown address under /can-bo/quan-tri. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../usePageTitle.ts';

export function AdminNotFoundPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('admin.notFound.title'));
  return (
    <section className="admin-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.notFound.title')}
      </h1>
      <p>
        <Link to="/can-bo/quan-tri">{t('admin.notFound.back')}</Link>
      </p>
    </section>
  );
}
