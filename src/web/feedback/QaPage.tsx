/**
 * /hoi-dap: the published questions and answers (GET /api/qa), searched without diacritics, grouped by field and
 * then by procedure; a logged-in citizen likes or dislikes an answer (POST /api/qa/:id/vote); a link to ask.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { formatDate } from '../format.ts';
import '../i18n/feedback.ts';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { groupQa } from './group.ts';
import type { Qa } from './types.ts';
import './feedback.css';

export function QaPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('feedback.qa.title'));
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const client = useQueryClient();
  const found = useQuery({
    queryKey: ['qa', 'search', q],
    queryFn: ({ signal }) => api<{ items: Qa[] }>(`/api/qa?q=${encodeURIComponent(q)}`, { signal }),
  });
  const vote = useMutation({
    mutationFn: (v: { id: string; vote: 'like' | 'dislike' }) => api<Qa>(`/api/qa/${v.id}/vote`, { method: 'POST', body: { vote: v.vote } }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['qa'] }),
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  const items = found.data?.items ?? [];
  const groups = groupQa(items, t('feedback.qa.otherField'), t('feedback.qa.general'));
  const general = t('feedback.qa.general');
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('feedback.qa.title')}
      </h1>
      <p>{t('feedback.qa.intro')}</p>
      <form onSubmit={search} className="search" role="search">
        <label htmlFor="qa-q">{t('feedback.qa.search')}</label>
        <div className="search-row">
          <input id="qa-q" type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} autoComplete="off" />
          <button type="submit" className="button">
            {t('feedback.qa.searchButton')}
          </button>
        </div>
      </form>
      <p>
        <Link to={`/phan-anh?loai=cau-hoi${q ? `&tieu-de=${encodeURIComponent(q)}` : ''}`}>{t('feedback.qa.ask')}</Link>
      </p>
      {!session?.authenticated && (
        <p className="hint">
          <a href={loginHref(`/hoi-dap${q ? `?q=${encodeURIComponent(q)}` : ''}`)}>{t('feedback.qa.loginToVote')}</a>
        </p>
      )}
      {found.error && <p className="error-box">{errorText(found.error, t('error.generic'))}</p>}
      {vote.error && (
        <p className="error-box" role="alert">
          {t('feedback.qa.voteError')}
        </p>
      )}
      <p className="result-count" role="status">
        {found.data ? (items.length === 0 ? t('feedback.qa.none') : t('feedback.qa.count', { count: items.length })) : ''}
      </p>
      {groups.map((g, gi) => (
        <section key={g.field} className="qa-group" aria-labelledby={`qa-f-${gi}`}>
          <h2 id={`qa-f-${gi}`}>{g.field}</h2>
          {g.procedures.map((p) => (
            <section key={p.code} aria-label={`${g.field} – ${p.code === general ? general : t('feedback.qa.procedure', { code: p.code })}`}>
              <h3>
                {p.code === general ? general : <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{t('feedback.qa.procedure', { code: p.code })}</Link>}
              </h3>
              {p.items.map((x) => (
                <article key={x.id} id={`qa-${x.id}`} className="qa-item" data-testid="qa-item">
                  <h4>{x.title}</h4>
                  <p className="muted">{formatDate(x.publishedAt)}</p>
                  <p>
                    <strong>{t('feedback.qa.question')}:</strong> {x.question}
                  </p>
                  <p>
                    <strong>{t('feedback.qa.answer')}:</strong> {x.answer}
                  </p>
                  {session?.authenticated && (
                    <div className="qa-votes">
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={vote.isPending}
                        onClick={() => vote.mutate({ id: x.id, vote: 'like' })}
                      >
                        👍 {t('feedback.qa.like', { count: x.likes })}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={vote.isPending}
                        onClick={() => vote.mutate({ id: x.id, vote: 'dislike' })}
                      >
                        👎 {t('feedback.qa.dislike', { count: x.dislikes })}
                      </button>
                    </div>
                  )}
                </article>
              ))}
            </section>
          ))}
        </section>
      ))}
    </>
  );
}
