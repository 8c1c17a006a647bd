import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProcedureCard } from '../components/ProcedureCard.tsx';
import { SearchForm } from '../components/SearchForm.tsx';
import { errorText } from '../data/errors.ts';
import { catalogueQueries } from '../data/queries.ts';
import { usePageTitle } from '../usePageTitle.ts';

export function SearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('linhVuc') ?? '';
  const level = params.get('mucDo') ?? '';
  const heading = usePageTitle(t('search.title'));
  const fields = useQuery(catalogueQueries.fields()).data ?? [];
  const search = useQuery(catalogueQueries.search({ pageSize: 50, q, field, level, lang: i18n.language === 'en' ? 'en' : 'vi' }));
  const result = search.data;
  const error = search.error ? errorText(search.error, t('error.generic')) : null;

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('search.title')}
      </h1>
      <SearchForm key={q} initial={q} />
      <div className="filters">
        <div className="field">
          <label htmlFor="filter-field">{t('search.field')}</label>
          <select id="filter-field" value={field} onChange={(e) => setFilter('linhVuc', e.target.value)}>
            <option value="">{t('search.allFields')}</option>
            {fields.map((f) => (
              <option key={f.code} value={f.code}>
                {f.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-level">{t('search.level')}</label>
          <select id="filter-level" value={level} onChange={(e) => setFilter('mucDo', e.target.value)}>
            <option value="">{t('search.allLevels')}</option>
            <option value="toan_trinh">{t('level.toan_trinh')}</option>
            <option value="mot_phan">{t('level.mot_phan')}</option>
          </select>
        </div>
      </div>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      <p className="result-count" role="status" aria-live="polite">
        {result ? t('search.count', { count: result.total }) : error ? '' : t('common.loading')}
      </p>
      {result && result.items.length > 0 && (
        <ul className="cards" aria-label={t('search.results')}>
          {result.items.map((p) => (
            <ProcedureCard key={p.code} p={p} />
          ))}
        </ul>
      )}
    </>
  );
}
