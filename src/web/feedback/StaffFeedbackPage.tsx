/**
 * /can-bo/phan-anh: the officials' PAKN screen (GET /api/staff/feedback). Each item opens into three forms: classify
 * (field, procedure, unit — a new unit is a transfer — and assignee), handle (answer, refuse, ask for more), and,
 * once answered, publish — for the unit's moderator only (`may.publish`; the answering officials no longer publish):
 * the moderation proposal (names to initials, phone, e-mail and identity numbers removed) is prefilled, edited, and
 * published; the server refuses anything with personal data left. Each item says what the official may do (`may`).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { errorText, firstIssueText } from '../data/errors.ts';
import { formatDateTime } from '../format.ts';
import '../i18n/feedback.ts';
import { usePageTitle } from '../usePageTitle.ts';
import type { StaffFeedback } from './types.ts';
import './feedback.css';

const KEY = ['staff', 'feedback'] as const;
const STATUSES = ['received', 'asked_more', 'refused', 'answered', 'published'] as const;

export function StaffFeedbackPage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('feedback.staff.title'));
  const [status, setStatus] = useState('received');
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api<{ items: StaffFeedback[] }>('/api/staff/feedback', { signal }) });
  const items = (list.data?.items ?? []).filter((f) => !status || f.status === status);
  return (
    <section className="staff-feedback">
      <h1 ref={heading} tabIndex={-1}>
        {t('feedback.staff.title')}
      </h1>
      <div className="form-group">
        <label htmlFor="sf-status">{t('feedback.staff.filter')}</label>
        <select
          id="sf-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value);
            setOpen(null);
          }}
        >
          <option value="">{t('feedback.staff.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`feedback.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.error && <p className="error-box">{errorText(list.error, t('error.generic'))}</p>}
      {list.data && items.length === 0 && <p>{t('feedback.staff.none')}</p>}
      <ul className="cards">
        {items.map((f) => (
          <li key={f.id} className="card" data-testid="staff-feedback">
            <h2>{f.title}</h2>
            <p>
              <strong>{t(`feedback.status.${f.status}`)}</strong> · {t(`feedback.staff.channel.${f.channel}`)} · {t('feedback.staff.received')}:{' '}
              {formatDateTime(f.receivedAt)}
              {f.dueAt && ` · ${t('feedback.staff.due')}: ${formatDateTime(f.dueAt)}`}
            </p>
            <p>
              {t('feedback.staff.sender')}: {f.senderName} ({f.contact})
            </p>
            <p>{f.content}</p>
            <button type="button" className="button button-secondary" aria-expanded={open === f.id} onClick={() => setOpen(open === f.id ? null : f.id)}>
              {t('feedback.staff.open')}: {f.title}
            </button>
            {open === f.id && <FeedbackForms item={f} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function useStaffAction<B>(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<StaffFeedback>(path, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

function Outcome({ m }: { m: { error: unknown; isSuccess: boolean } }) {
  const { t } = useTranslation();
  if (m.error)
    return (
      <p className="error-box" role="alert">
        {firstIssueText(m.error, t('error.generic'))}
      </p>
    );
  return m.isSuccess ? <p role="status">{t('feedback.staff.done')}</p> : null;
}

function FeedbackForms({ item }: { item: StaffFeedback }) {
  const { t } = useTranslation();
  const id = useId();
  const [category, setCategory] = useState(item.category ?? '');
  const [procedureCode, setProcedureCode] = useState(item.procedureCode ?? '');
  const [unitId, setUnitId] = useState(item.unitId ?? '');
  const [assigneeId, setAssigneeId] = useState(item.assigneeId ?? '');
  const [action, setAction] = useState<'answer' | 'refuse' | 'askMore'>('answer');
  const [text, setText] = useState('');
  const [question, setQuestion] = useState(item.proposal.question);
  const [answer, setAnswer] = useState(item.proposal.answer ?? '');
  const classify = useStaffAction<Record<string, string>>(`/api/staff/feedback/${item.id}/classify`);
  const act = useStaffAction<{ action: string; text: string }>(`/api/staff/feedback/${item.id}/action`);
  const publish = useStaffAction<{ question: string; answer: string }>(`/api/staff/feedback/${item.id}/publish`);
  const opt = (k: string, v: string) => (v.trim() ? { [k]: v.trim() } : {});
  const onClassify = (e: FormEvent) => {
    e.preventDefault();
    classify.mutate({ category: category.trim(), ...opt('procedureCode', procedureCode), ...opt('unitId', unitId), ...opt('assigneeId', assigneeId) });
  };
  return (
    <div className="feedback-forms">
      {item.status === 'received' && item.may.handle && (
        <>
          <form onSubmit={onClassify} noValidate aria-labelledby={`${id}-c`}>
            <h3 id={`${id}-c`}>{t('feedback.staff.classify')}</h3>
            {(
              [
                ['category', category, setCategory],
                ['procedureCode', procedureCode, setProcedureCode],
                ['unitId', unitId, setUnitId],
                ['assigneeId', assigneeId, setAssigneeId],
              ] as const
            ).map(([k, v, set]) => (
              <div className="form-group" key={k}>
                <label htmlFor={`${id}-${k}`}>{t(`feedback.staff.${k}`)}</label>
                <input id={`${id}-${k}`} value={v} maxLength={100} onChange={(e) => set(e.target.value)} autoComplete="off" />
              </div>
            ))}
            <Outcome m={classify} />
            <button type="submit" className="button" disabled={classify.isPending}>
              {t('feedback.staff.save')}
            </button>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              act.mutate({ action, text: text.trim() });
            }}
            noValidate
            aria-labelledby={`${id}-h`}
          >
            <h3 id={`${id}-h`}>{t('feedback.staff.handle')}</h3>
            <fieldset className="form-group">
              <legend>{t('feedback.staff.action')}</legend>
              <div className="radios">
                {(['answer', 'refuse', 'askMore'] as const).map((a) => (
                  <label key={a}>
                    <input type="radio" name={`${id}-action`} checked={action === a} onChange={() => setAction(a)} /> {t(`feedback.staff.actions.${a}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="form-group">
              <label htmlFor={`${id}-text`}>{t('feedback.staff.text')}</label>
              <textarea id={`${id}-text`} rows={4} value={text} maxLength={5000} onChange={(e) => setText(e.target.value)} />
            </div>
            <Outcome m={act} />
            <button type="submit" className="button button-primary" disabled={act.isPending}>
              {t('feedback.staff.do')}
            </button>
          </form>
        </>
      )}
      {item.status === 'answered' && !item.may.publish && <p className="hint">{t('feedback.staff.awaitingModerator')}</p>}
      {item.status === 'answered' && item.may.publish && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            publish.mutate({ question: question.trim(), answer: answer.trim() });
          }}
          noValidate
          aria-labelledby={`${id}-p`}
        >
          <h3 id={`${id}-p`}>{t('feedback.staff.publish')}</h3>
          <p className="hint">{t('feedback.staff.publishHint')}</p>
          <div className="form-group">
            <label htmlFor={`${id}-pq`}>{t('feedback.staff.publicQuestion')}</label>
            <textarea id={`${id}-pq`} rows={4} value={question} maxLength={5000} onChange={(e) => setQuestion(e.target.value)} />
          </div>
          <div className="form-group">
            <label htmlFor={`${id}-pa`}>{t('feedback.staff.publicAnswer')}</label>
            <textarea id={`${id}-pa`} rows={4} value={answer} maxLength={10000} onChange={(e) => setAnswer(e.target.value)} />
          </div>
          <Outcome m={publish} />
          <button type="submit" className="button button-primary" disabled={publish.isPending}>
            {t('feedback.staff.publishButton')}
          </button>
        </form>
      )}
    </div>
  );
}
