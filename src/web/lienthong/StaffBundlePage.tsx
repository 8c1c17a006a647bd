/**
 * Liên thông in the back office (/can-bo/lien-thong?code=…): the queue "quá hạn liên thông" of the official's units,
 * a search by the bundle's code, the parent's or any member's code, and for each member its hand-offs with their
 * evidence: the form that records the receiving agency's answer (the manual adapter, or an answer received out of
 * band: accepted with its reference and result, or rejected with the reason), and the resend of a rejected hand-off.
 * The server checks every request again (docs/integrations.md, "Liên thông").
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { nationalStatusName, type NationalStatus } from '../../core/dossiers/status.ts';
import type { BundleList, BundleView, HandoffEvidence } from '../../contract/lienthong.ts';
import { api } from '../api/client.ts';
import { apiQuery } from '../data/query.ts';
import { LoadError, Loading, When } from '../staff/bits.tsx';
import { errorMessage, vnDateTime } from '../staff/format.ts';
import '../i18n/lienthong.ts';
import { escalationsQuery } from './EscalationInboxNotice.tsx';
import { usePageTitle } from '../usePageTitle.ts';

type Bundle = z.infer<typeof BundleView>;
type Member = Bundle['members'][number];
type Handoff = Member['handoffs'][number];

const bundleKey = (code: string) => ['staff', 'lienthong', 'bundle', code] as const;

/** The queue "quá hạn liên thông": hand-offs of the official's units with no answer in time. */
export function EscalationQueue() {
  const { t } = useTranslation();
  const q = useQuery(escalationsQuery());
  if (q.error) return <LoadError message={errorMessage(q.error, t('lienthong.loadError'))} />;
  if (!q.data) return <Loading />;
  return (
    <section aria-labelledby="lt-escalations" data-testid="lienthong-escalations">
      <h2 id="lt-escalations">{t('lienthong.staff.escalations')}</h2>
      {q.data.items.length === 0 ? (
        <p>{t('lienthong.staff.escalationsNone')}</p>
      ) : (
        <ul>
          {q.data.items.map((e) => (
            <li key={e.id} data-handoff={e.handoffId}>
              {t('lienthong.staff.escalationItem', { member: e.memberName, agency: e.agencyName, code: e.dossierCode, due: vnDateTime(t, e.answerDueAt) })}{' '}
              <Link to={`/can-bo/lien-thong?code=${encodeURIComponent(e.bundleCode)}`}>{t('lienthong.staff.openBundle', { code: e.bundleCode })}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Evidence({ handoff }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    ...apiQuery<z.infer<typeof HandoffEvidence>>(['staff', 'lienthong', 'handoff', handoff.id], `/api/staff/lienthong/handoffs/${handoff.id}`),
    enabled: open,
  });
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('lienthong.staff.evidence', { n: handoff.attempt })}</summary>
      {q.error && <LoadError message={errorMessage(q.error, t('lienthong.loadError'))} />}
      {q.data && (
        <p data-testid={`evidence-${handoff.id}`}>
          {t('lienthong.staff.evidenceFacts', {
            sent: q.data.sentAt ? vnDateTime(t, q.data.sentAt) : '—',
            answered: q.data.answeredAt ? vnDateTime(t, q.data.answeredAt) : '—',
            status: q.data.httpStatus ?? '—',
            req: q.data.requestSha256.slice(0, 16),
            res: q.data.responseSha256?.slice(0, 16) ?? '—',
            by: q.data.recordedBy ?? '—',
          })}
        </p>
      )}
    </details>
  );
}

function AnswerForm({ member, handoff, onDone }: { member: Member; handoff: Handoff; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [decision, setDecision] = useState<'accepted' | 'rejected'>('accepted');
  const [reference, setReference] = useState('');
  const [resultNumber, setResultNumber] = useState('');
  const [resultTitle, setResultTitle] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api(`/api/staff/lienthong/handoffs/${handoff.id}/answer`, { method: 'POST', body }),
    onSuccess: () => onDone(t('lienthong.staff.saved')),
    onError: (err) => setProblem(errorMessage(err, t('lienthong.staff.actionError'))),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (decision === 'accepted' && !reference.trim()) return setProblem(t('lienthong.staff.referenceRequired'));
    if (decision === 'rejected' && !reason.trim()) return setProblem(t('lienthong.staff.reasonRequired'));
    setProblem(null);
    const body: Record<string, string> =
      decision === 'accepted'
        ? {
            decision,
            reference: reference.trim(),
            ...(resultNumber.trim() ? { resultNumber: resultNumber.trim() } : {}),
            ...(resultTitle.trim() ? { resultTitle: resultTitle.trim() } : {}),
          }
        : { decision, reason: reason.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) };
    save.mutate(body);
  };
  return (
    <form onSubmit={submit} noValidate className="lienthong-answer" aria-labelledby={`${id}-h`}>
      <h5 id={`${id}-h`}>{t('lienthong.staff.record', { agency: member.agency.name, n: handoff.attempt })}</h5>
      {problem && (
        <p className="field-error" role="alert" id={`${id}-err`}>
          {problem}
        </p>
      )}
      <fieldset>
        <legend>{t('lienthong.staff.decision')}</legend>
        {(['accepted', 'rejected'] as const).map((d) => (
          <label key={d} className="radio">
            <input type="radio" name={`${id}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} /> {t(`lienthong.staff.${d}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-group">
        <label htmlFor={`${id}-ref`}>{t('lienthong.staff.referenceLabel')}</label>
        <input id={`${id}-ref`} value={reference} maxLength={100} onChange={(e) => setReference(e.target.value)} />
      </div>
      {decision === 'accepted' ? (
        <>
          <div className="form-group">
            <label htmlFor={`${id}-num`}>{t('lienthong.staff.resultNumber')}</label>
            <input id={`${id}-num`} value={resultNumber} maxLength={100} onChange={(e) => setResultNumber(e.target.value)} />
          </div>
          <div className="form-group">
            <label htmlFor={`${id}-title`}>{t('lienthong.staff.resultTitle')}</label>
            <input id={`${id}-title`} value={resultTitle} maxLength={300} onChange={(e) => setResultTitle(e.target.value)} />
          </div>
        </>
      ) : (
        <div className="form-group">
          <label htmlFor={`${id}-reason`}>{t('lienthong.staff.reasonLabel')}</label>
          <textarea id={`${id}-reason`} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <button type="submit" className="button" disabled={save.isPending} aria-busy={save.isPending}>
        {t('lienthong.staff.save')}
      </button>
    </form>
  );
}

function MemberCard({ bundle, member, onDone }: { bundle: Bundle; member: Member; onDone: (ok: boolean, text: string) => void }) {
  const { t, i18n } = useTranslation();
  const status = nationalStatusName[member.status as NationalStatus]?.[i18n.language === 'en' ? 'en' : 'vi'] ?? String(member.status);
  const last = member.handoffs.at(-1);
  const resend = useMutation({
    mutationFn: () => api(`/api/staff/lienthong/bundles/${bundle.id}/members/${member.key}/resend`, { method: 'POST', body: {} }),
    onSuccess: () => onDone(true, t('lienthong.staff.resent', { name: member.name })),
    onError: (err) => onDone(false, errorMessage(err, t('lienthong.staff.actionError'))),
  });
  return (
    <li data-testid={`staff-member-${member.key}`} data-state={member.state}>
      <h4>{member.name}</h4>
      <dl className="facts">
        <div>
          <dt>{t('lienthong.agency')}</dt>
          <dd>{member.agency.name}</dd>
        </div>
        <div>
          <dt>{t('lienthong.staff.adapter')}</dt>
          <dd>{t(`lienthong.staff.adapters.${member.adapter}`, { defaultValue: member.adapter })}</dd>
        </div>
        <div>
          <dt>{t('lienthong.memberCode')}</dt>
          <dd>{member.dossierCode}</dd>
        </div>
        <div>
          <dt>{t('lienthong.progress')}</dt>
          <dd data-testid={`staff-member-${member.key}-state`}>{t(`lienthong.memberState.${member.state}`)}</dd>
        </div>
        <div>
          <dt>{t('lienthong.status')}</dt>
          <dd>{status}</dd>
        </div>
        {member.result?.number && (
          <div>
            <dt>{t('lienthong.result')}</dt>
            <dd>{member.result.number}</dd>
          </div>
        )}
      </dl>
      {member.handoffs.length > 0 && (
        <>
          <h5>{t('lienthong.handoffs')}</h5>
          <ol>
            {member.handoffs.map((h) => (
              <li key={h.id} data-testid={`handoff-${h.id}`}>
                {t('lienthong.attempt', { n: h.attempt, state: t(`lienthong.handoffState.${h.state}`) })}
                {h.reference && <> — {t('lienthong.staff.reference', { reference: h.reference })}</>}
                {h.reason && <> — {t('lienthong.reason', { reason: h.reason })}</>}
                {h.state === 'requested' && (
                  <>
                    {' — '}
                    {t('lienthong.staff.answerDue')}
                    <When at={h.answerDueAt} />
                  </>
                )}
                {h.escalated && h.state === 'requested' && <strong className="badge badge-danger"> {t('lienthong.staff.escalatedMark')}</strong>}
                <Evidence handoff={h} />
              </li>
            ))}
          </ol>
        </>
      )}
      {last?.state === 'requested' && <AnswerForm member={member} handoff={last} onDone={(text) => onDone(true, text)} />}
      {member.state === 'rejected' && (
        <button type="button" className="button" disabled={resend.isPending} aria-busy={resend.isPending} onClick={() => resend.mutate()}>
          {t('lienthong.staff.resend', { name: member.name })}
        </button>
      )}
    </li>
  );
}

export function StaffBundlePage() {
  const { t } = useTranslation();
  const heading = usePageTitle(t('lienthong.staff.title'));
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  const [text, setText] = useState(code);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const found = useQuery({
    ...apiQuery<z.infer<typeof BundleList>>(bundleKey(code), `/api/staff/lienthong/bundles?code=${encodeURIComponent(code)}`),
    enabled: code.length >= 10,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    setParams(text.trim() ? { code: text.trim() } : {});
  };
  const done = (ok: boolean, message: string) => {
    setNotice({ ok, text: message });
    void qc.invalidateQueries({ queryKey: ['staff', 'lienthong'] });
  };
  const bundle = found.data?.items[0];
  return (
    <section className="lienthong-staff">
      <h1 ref={heading} tabIndex={-1}>
        {t('lienthong.staff.title')}
      </h1>
      <p>{t('lienthong.staff.lead')}</p>
      <EscalationQueue />
      <form onSubmit={search} className="search-form" role="search">
        <label htmlFor="lt-code">{t('lienthong.staff.code')}</label>
        <input id="lt-code" value={text} maxLength={60} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button">
          {t('lienthong.staff.find')}
        </button>
      </form>
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'notice' : 'error-box'} data-testid="lienthong-notice">
          {notice.text}
        </p>
      )}
      {found.error && <LoadError message={errorMessage(found.error, t('lienthong.loadError'))} />}
      {code && found.isLoading && <Loading />}
      {found.data && !bundle && <p role="status">{t('lienthong.staff.notFound', { code })}</p>}
      {bundle && (
        <div data-testid="staff-bundle">
          <h2>{bundle.typeName}</h2>
          <dl className="facts">
            <div>
              <dt>{t('lienthong.bundleCode')}</dt>
              <dd>{bundle.bundleCode}</dd>
            </div>
            <div>
              <dt>{t('lienthong.parentCode')}</dt>
              <dd>
                <Link to={`/can-bo/ho-so/${bundle.parent.dossierId}`}>{bundle.parent.code}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('lienthong.progress')}</dt>
              <dd data-testid="staff-bundle-state">{t(`lienthong.bundleState.${bundle.state}`)}</dd>
            </div>
          </dl>
          <h3>{t('lienthong.members')}</h3>
          <ol className="bundle-members">
            {bundle.members.map((m) => (
              <MemberCard key={m.key} bundle={bundle} member={m} onDone={done} />
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
