import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PortalToday } from '../components/PaperlessToday.tsx';
import { SearchForm } from '../components/SearchForm.tsx';
import { catalogueQueries } from '../data/queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

const POPULAR: { q: string; key: string }[] = [
  { q: 'khai sinh', key: 'birth' },
  { q: 'kết hôn', key: 'marriage' },
  { q: 'chứng thực bản sao', key: 'copy' },
  { q: 'thường trú', key: 'residence' },
  { q: 'xác nhận tình trạng hôn nhân', key: 'single' },
  { q: 'mai táng', key: 'funeral' },
];

export function HomePage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('home.title'));
  // Without the fields the page still works (search, popular procedures): a failure shows nothing.
  const fields = useQuery(catalogueQueries.fields()).data ?? [];
  return (
    <>
      <section className="hero">
        <h1 ref={heading} tabIndex={-1}>
          {t('home.title')}
        </h1>
        <p className="lead">{t('home.lead')}</p>
        <SearchForm big />
      </section>
      <PortalToday />
      <section aria-labelledby="popular-h">
        <h2 id="popular-h">{t('home.popular')}</h2>
        <ul className="chips">
          {POPULAR.map((p) => (
            <li key={p.key}>
              <Link className="chip" to={`/thu-tuc?q=${encodeURIComponent(p.q)}`}>
                {t(`home.popularItems.${p.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {fields.length > 0 && (
        <section aria-labelledby="fields-h">
          <h2 id="fields-h">{t('home.byField')}</h2>
          <ul className="field-list field-rows">
            {fields.map((f) => (
              <li key={f.code}>
                <Link to={`/thu-tuc?linhVuc=${encodeURIComponent(f.code)}`}>{f.name}</Link>{' '}
                <span className="muted">({t('home.procedureCount', { count: f.count })})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
