/**
 * /goi-y: "Gợi ý cho bạn" — procedures suggested from the logged-in citizen's own records (GET /api/my/suggestions):
 * each with its reason, the day to act by, the legal basis and a link into the e-form (docs/feedback.md).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { LifeEventSuggestions } from '../../contract/life-events.ts';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { formatDay } from '../format.ts';
import '../i18n/assistant.ts';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';

type Suggestions = z.infer<typeof LifeEventSuggestions>;

export function SuggestionsPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('assistant.suggestions.title'));
  const { session } = useSession();
  const loggedIn = !!session?.authenticated;
  const q = useQuery({
    queryKey: ['my', 'suggestions'],
    queryFn: ({ signal }) => api<Suggestions>('/api/my/suggestions', { signal }),
    enabled: loggedIn,
  });
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('assistant.suggestions.title')}
      </h1>
      <p>{t('assistant.suggestions.intro')}</p>
      {!loggedIn && (
        <p>
          <a href={loginHref('/goi-y')}>{t('assistant.suggestions.login')}</a>
        </p>
      )}
      {q.error && <p className="error-box">{errorText(q.error, t('error.generic'))}</p>}
      {q.data && q.data.items.length === 0 && <p>{t('assistant.suggestions.none')}</p>}
      <ul className="cards">
        {q.data?.items.map((s) => (
          <li key={`${s.ruleId}:${s.title}`} className="card" data-testid="suggestion">
            <h2>{s.title}</h2>
            <p>{s.reason}</p>
            <p>
              <strong>{t('assistant.suggestions.dueBy')}:</strong> {formatDay(s.dueBy)}
            </p>
            {s.href && <Link to={s.href}>{t('assistant.suggestions.start', { title: s.title })}</Link>}
          </li>
        ))}
      </ul>
    </>
  );
}
