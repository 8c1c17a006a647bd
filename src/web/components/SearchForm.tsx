import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function SearchForm({ initial = '', big = false }: { initial?: string; big?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate(`/thu-tuc?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className={big ? 'search search-big' : 'search'} onSubmit={submit}>
      <label htmlFor="search-q">{t('search.label')}</label>
      <div className="search-row">
        <input id="search-q" name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('search.placeholder')} autoComplete="off" />
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </div>
    </form>
  );
}
