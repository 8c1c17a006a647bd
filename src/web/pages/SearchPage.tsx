import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { ProcedureSummary } from '../api/types.ts';
import { ProcedureCard } from '../components/ProcedureCard.tsx';
import { SearchForm } from '../components/SearchForm.tsx';
import { usePageTitle } from '../usePageTitle.ts';

export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('linhVuc') ?? '';
  const level = params.get('mucDo') ?? '';
  const heading = usePageTitle(t('search.title'));
  const [result, setResult] = useState<{ total: number; items: ProcedureSummary[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<{ code: string; name: string }[]>([]);

  useEffect(() => {
    api<{ code: string; name: string }[]>('/api/procedure-fields').then(setFields, () => setFields([]));
  }, []);
  useEffect(() => {
    const ctrl = new AbortController();
    const qs = new URLSearchParams({ pageSize: '50', ...(q ? { q } : {}), ...(field ? { field } : {}), ...(level ? { level } : {}) });
    setError(null);
    setResult(null);
    api<{ total: number; items: ProcedureSummary[] }>(`/api/procedures?${qs}`, { signal: ctrl.signal }).then(setResult, (e: unknown) => {
      if ((e as Error).name !== 'AbortError') setError(e instanceof ApiError ? e.message : t('error.generic'));
    });
    return () => ctrl.abort();
  }, [q, field, level, t]);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>{t('search.title')}</h1>
      <SearchForm key={q} initial={q} />
      <div className="filters">
        <div className="field">
          <label htmlFor="filter-field">{t('search.field')}</label>
          <select id="filter-field" value={field} onChange={(e) => setFilter('linhVuc', e.target.value)}>
            <option value="">{t('search.allFields')}</option>
            {fields.map((f) => <option key={f.code} value={f.code}>{f.name}</option>)}
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
      {error && <div className="error-box" role="alert">{error}</div>}
      <p className="result-count" role="status" aria-live="polite">{result ? t('search.count', { count: result.total }) : t('common.loading')}</p>
      {result && result.items.length > 0 && (
        <ul className="cards" aria-label={t('search.results')}>
          {result.items.map((p) => <ProcedureCard key={p.code} p={p} />)}
        </ul>
      )}
    </>
  );
}
