/**
 * "Similar questions": while a citizen writes a question, the published answers that match its words (GET /api/qa,
 * without diacritics) are shown, so the answer may be found before asking. Announced politely to screen readers.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { searchWords } from './group.ts';
import type { Qa } from './types.ts';

export function SimilarQuestions({ text }: { text: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(searchWords(text)), 400);
    return () => clearTimeout(timer);
  }, [text]);
  const found = useQuery({
    queryKey: ['qa', 'similar', q],
    queryFn: ({ signal }) => api<{ items: Qa[] }>(`/api/qa?q=${encodeURIComponent(q)}`, { signal }),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  const items = q ? (found.data?.items ?? []).slice(0, 5) : [];
  return (
    <section aria-live="polite" aria-label={t('feedback.send.similar')} className="similar-questions">
      {items.length > 0 && (
        <>
          <h2>{t('feedback.send.similar')}</h2>
          <p>{t('feedback.send.similarHint')}</p>
          <ul data-testid="similar-questions">
            {items.map((x) => (
              <li key={x.id}>
                <Link to={`/hoi-dap?q=${encodeURIComponent(q)}#qa-${x.id}`}>{x.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
