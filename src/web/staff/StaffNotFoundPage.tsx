import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../usePageTitle.ts';

/** An unknown address under /can-bo. */
export function StaffNotFoundPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('staff.notFound.title'));
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('staff.notFound.title')}
      </h1>
      <p>
        <Link to="/can-bo">{t('staff.notFound.back')}</Link>
      </p>
    </section>
  );
}
