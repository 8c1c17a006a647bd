/**
 * /phan-anh: a citizen (or anyone leaving a name and a contact) sends feedback or a question (POST /api/feedback),
 * sees similar published questions while writing, and — logged in — follows their own items (GET
 * /api/feedback/mine): status, deadline, the answer, and "reopen" when not satisfied. The sender may choose the
 * commune it is for (the communes' People's Committees from GET /api/org-units); left out, a dossier code decides, or
 * the one-stop desk sorts it (docs/feedback.md).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { errorText, firstIssueText } from '../data/errors.ts';
import { formatDateTime } from '../format.ts';
import '../i18n/feedback.ts';
import { useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { SimilarQuestions } from './SimilarQuestions.tsx';
import type { OrgUnitInfo } from '../../contract/reference.ts';
import type { Feedback } from './types.ts';
import './feedback.css';

const MINE = ['feedback', 'mine'] as const;

export function FeedbackPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('feedback.send.title'));
  const { session } = useSession();
  const loggedIn = !!session?.authenticated;
  const [params] = useSearchParams();
  const [kind, setKind] = useState<'feedback' | 'question'>(params.get('loai') === 'cau-hoi' ? 'question' : 'feedback');
  const [title, setTitle] = useState(params.get('tieu-de') ?? '');
  const [content, setContent] = useState('');
  const [senderName, setSenderName] = useState('');
  const [contact, setContact] = useState('');
  const [dossierCode, setDossierCode] = useState('');
  const [unitId, setUnitId] = useState('');
  const communes = useQuery({
    queryKey: ['reference', 'org-units', 'ubnd_xa'],
    queryFn: ({ signal }) => api<OrgUnitInfo[]>('/api/org-units?kind=ubnd_xa', { signal }),
    staleTime: 3_600_000,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<Feedback | null>(null);
  const client = useQueryClient();
  const send = useMutation({
    mutationFn: () =>
      api<Feedback>('/api/feedback', {
        method: 'POST',
        body: {
          kind,
          title: title.trim(),
          content: content.trim(),
          ...(senderName.trim() ? { senderName: senderName.trim() } : {}),
          ...(contact.trim() ? { contact: contact.trim() } : {}),
          ...(dossierCode.trim() ? { dossierCode: dossierCode.trim() } : {}),
          ...(unitId ? { unitId } : {}),
        },
      }),
    onSuccess: (r) => {
      setSent(r);
      setTitle('');
      setContent('');
      setProblem(null);
      void client.invalidateQueries({ queryKey: MINE });
    },
    onError: (err) => setProblem(firstIssueText(err, t('error.generic'))),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(null);
    const missing = !title.trim()
      ? t('feedback.send.subject')
      : !content.trim()
        ? t('feedback.send.content')
        : !loggedIn && !senderName.trim()
          ? t('feedback.send.name')
          : !loggedIn && !contact.trim()
            ? t('feedback.send.contact')
            : null;
    if (missing) return setProblem(t('feedback.send.required', { field: missing.toLocaleLowerCase() }));
    send.mutate();
  };

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('feedback.send.title')}
      </h1>
      <p>{t('feedback.send.intro')}</p>
      {sent && (
        <p className="note" role="status" data-testid="feedback-sent">
          {t('feedback.send.sent', { due: formatDateTime(sent.dueAt) })}
        </p>
      )}
      <form onSubmit={submit} noValidate className="feedback-form">
        {problem && (
          <p className="error-box" role="alert">
            {problem}
          </p>
        )}
        <fieldset className="form-group">
          <legend>{t('feedback.send.kind')}</legend>
          <div className="radios">
            {(['feedback', 'question'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
                {t(k === 'feedback' ? 'feedback.send.kindFeedback' : 'feedback.send.kindQuestion')}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-group">
          <label htmlFor="fb-title">{t('feedback.send.subject')}</label>
          <input id="fb-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
        </div>
        <SimilarQuestions text={title} />
        <div className="form-group">
          <label htmlFor="fb-content">{t('feedback.send.content')}</label>
          <textarea id="fb-content" rows={5} value={content} maxLength={5000} onChange={(e) => setContent(e.target.value)} />
        </div>
        {!loggedIn && (
          <>
            <p className="hint">{t('feedback.send.anonymousHint')}</p>
            <div className="form-group">
              <label htmlFor="fb-name">{t('feedback.send.name')}</label>
              <input id="fb-name" value={senderName} maxLength={100} autoComplete="name" onChange={(e) => setSenderName(e.target.value)} />
            </div>
            <div className="form-group">
              <label htmlFor="fb-contact">{t('feedback.send.contact')}</label>
              <input id="fb-contact" value={contact} maxLength={120} autoComplete="email" onChange={(e) => setContact(e.target.value)} />
            </div>
          </>
        )}
        {(communes.data?.length ?? 0) > 0 && (
          <div className="form-group">
            <label htmlFor="fb-unit">{t('feedback.send.unit')}</label>
            <select id="fb-unit" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              <option value="">{t('feedback.send.unitNone')}</option>
              {communes.data?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-group">
          <label htmlFor="fb-dossier">{t('feedback.send.dossierCode')}</label>
          <input id="fb-dossier" value={dossierCode} maxLength={40} autoComplete="off" onChange={(e) => setDossierCode(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {send.isPending ? t('feedback.send.sending') : t('feedback.send.submit')}
        </button>
      </form>
      {loggedIn && <MyFeedback />}
    </>
  );
}

function MyFeedback() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: MINE, queryFn: ({ signal }) => api<{ items: Feedback[] }>('/api/feedback/mine', { signal }) });
  const reopen = useMutation({
    mutationFn: (id: string) => api<Feedback>(`/api/feedback/${id}/reopen`, { method: 'POST' }),
    onSettled: () => void client.invalidateQueries({ queryKey: MINE }),
  });
  return (
    <section aria-labelledby="fb-mine" className="feedback-mine">
      <h2 id="fb-mine">{t('feedback.mine.title')}</h2>
      {mine.error && <p className="error-box">{errorText(mine.error, t('error.generic'))}</p>}
      {reopen.error && (
        <p className="error-box" role="alert">
          {errorText(reopen.error, t('error.generic'))}
        </p>
      )}
      {mine.data && mine.data.items.length === 0 && <p>{t('feedback.mine.none')}</p>}
      <ul className="cards">
        {mine.data?.items.map((f) => (
          <li key={f.id} className="card" data-testid="my-feedback">
            <h3>{f.title}</h3>
            <p>
              <strong>{t(`feedback.status.${f.status}`)}</strong>
              {f.reopened && ` · ${t('feedback.mine.reopened')}`}
              {f.dueAt && ` · ${t('feedback.mine.due')}: ${formatDateTime(f.dueAt)}`}
            </p>
            <p className="muted">{f.content}</p>
            {f.answer && f.status !== 'received' && (
              <p>
                <strong>{t('feedback.mine.answer')}:</strong> {f.answer}
              </p>
            )}
            {f.status === 'refused' && f.refusalReason && (
              <p>
                <strong>{t('feedback.mine.refusal')}:</strong> {f.refusalReason}
              </p>
            )}
            {f.status === 'asked_more' && f.askMoreText && (
              <p>
                <strong>{t('feedback.mine.askMore')}:</strong> {f.askMoreText}
              </p>
            )}
            {f.status !== 'received' && (
              <button type="button" className="button button-secondary" disabled={reopen.isPending} onClick={() => reopen.mutate(f.id)}>
                {t('feedback.mine.reopen')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
