/**
 * The conversation with the assistant (POST /api/assistant/ask), used by the /tro-ly page and the chat panel:
 * each answer shows its sources and its links into the portal (the e-form at the right case, the dossier), a
 * "not sure" mark when the assistant is not, and thumbs up/down. New answers are announced to screen readers.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import '../i18n/assistant.ts';
import './assistant.css';

interface Answer {
  questionId: string;
  answer: string;
  sources: { kind: 'procedure' | 'qa' | 'dossier'; code: string; title: string }[];
  procedures: { code: string; name: string }[];
  links: { label: string; href: string }[];
  confident: boolean;
  intent: string;
}

interface Turn {
  question: string;
  answer: Answer;
  feedback?: boolean;
}

const sendFeedback = (questionId: string, body: { helpful?: boolean; chosenLink?: string }) =>
  api('/api/assistant/feedback', { method: 'POST', body: { questionId, ...body } }).catch(() => undefined);

export function AssistantChat({ compact = false, onNavigate }: { compact?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [question, setQuestion] = useState('');
  const [turns, setTurns] = useState<Turn[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ask = useMutation({
    mutationFn: (q: string) => api<Answer>('/api/assistant/ask', { method: 'POST', body: { question: q } }),
    onSuccess: (answer, q) => {
      setTurns((ts) => [...ts, { question: q, answer }]);
      setQuestion('');
      setProblem(null);
    },
    onError: (err) => setProblem(errorText(err, t('assistant.error'))),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = question.trim();
    if (!q) return input.current?.focus();
    ask.mutate(q);
  };
  const rate = (i: number, helpful: boolean) => {
    setTurns((ts) => ts.map((x, j) => (j === i ? { ...x, feedback: helpful } : x)));
    void sendFeedback(turns[i].answer.questionId, { helpful });
  };
  const examples = t('assistant.exampleList', { returnObjects: true }) as string[];

  return (
    <div className={`assistant${compact ? ' assistant-compact' : ''}`}>
      <section aria-label={t('assistant.conversation')} className="assistant-log" aria-live="polite" aria-busy={ask.isPending}>
        {turns.length === 0 && (
          <div className="assistant-examples">
            <p>{t('assistant.examples')}</p>
            <ul className="chips">
              {examples.map((q) => (
                <li key={q}>
                  <button type="button" className="chip chip-button" onClick={() => ask.mutate(q)}>
                    {q}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {turns.map((turn, i) => (
          <article key={turn.answer.questionId} className="assistant-turn" data-testid="assistant-answer">
            <p className="assistant-question">
              <span className="visually-hidden">{t('assistant.you')}: </span>
              {turn.question}
            </p>
            <div className={`assistant-answer${turn.answer.confident ? '' : ' assistant-unsure'}`}>
              <h3 className="visually-hidden">{t('assistant.bot')}</h3>
              {!turn.answer.confident && <p className="assistant-flag">{t('assistant.notSure')}</p>}
              <div className="assistant-text">{turn.answer.answer}</div>
              {turn.answer.links.length > 0 && (
                <ul className="assistant-links">
                  {turn.answer.links.map((l) => (
                    <li key={l.href}>
                      {!l.href.startsWith('/') || l.href.startsWith('/auth/') ? (
                        <a href={l.href}>{l.label}</a>
                      ) : (
                        <Link
                          to={l.href}
                          onClick={() => {
                            void sendFeedback(turn.answer.questionId, { chosenLink: l.href });
                            onNavigate?.();
                          }}
                        >
                          {l.label}
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {turn.answer.sources.length > 0 && (
                <p className="assistant-sources">
                  {t('assistant.sources')}:{' '}
                  {turn.answer.sources.map((s, k) => (
                    <span key={`${s.kind}:${s.code}`}>
                      {k > 0 && '; '}
                      {t(`assistant.sourceKind.${s.kind}`)} {s.code} — {s.title}
                    </span>
                  ))}
                </p>
              )}
              {turn.feedback === undefined ? (
                <fieldset className="assistant-feedback">
                  <legend>{t('assistant.helpful')}</legend>
                  <button type="button" className="link-button" onClick={() => rate(i, true)}>
                    👍 {t('assistant.yes')}
                  </button>
                  <button type="button" className="link-button" onClick={() => rate(i, false)}>
                    👎 {t('assistant.no')}
                  </button>
                </fieldset>
              ) : (
                <p className="assistant-thanks">{t('assistant.thanks')}</p>
              )}
            </div>
          </article>
        ))}
        {ask.isPending && <p role="status">{t('assistant.asking')}</p>}
      </section>
      <form onSubmit={submit} className="search assistant-form" noValidate>
        <label htmlFor={`${id}-q`}>{t('assistant.label')}</label>
        {problem && (
          <p className="error-message" id={`${id}-err`} role="alert">
            {problem}
          </p>
        )}
        <div className="search-row">
          <input
            ref={input}
            id={`${id}-q`}
            name="question"
            value={question}
            maxLength={500}
            autoComplete="off"
            placeholder={t('assistant.placeholder')}
            aria-describedby={problem ? `${id}-err` : undefined}
            onChange={(e) => setQuestion(e.target.value)}
          />
          <button type="submit" className="button" disabled={ask.isPending}>
            {t('assistant.ask')}
          </button>
        </div>
      </form>
    </div>
  );
}
