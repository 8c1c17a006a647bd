/**
 * Linked procedures (liên thông) for the citizen: the bundle page (each member dossier with its agency, its own
 * status and deadline, its hand-offs and its result) and the public lookup by the bundle's code or any member's code.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { nationalStatusName, type NationalStatus } from '../../core/dossiers/status.ts';
import type { BundleList, BundleView } from '../../contract/lienthong.ts';
import { api } from '../api/client.ts';
import { errorText, firstIssueText } from '../data/errors.ts';
import { formatDate, formatDateTime } from '../format.ts';
import '../i18n/lienthong.ts';
import { usePageTitle } from '../usePageTitle.ts';

type Bundle = z.infer<typeof BundleView>;

function BundleDetails({ bundle }: { bundle: Bundle }) {
  const { t, i18n } = useTranslation();
  const status = (code: number) => nationalStatusName[code as NationalStatus]?.[i18n.language === 'en' ? 'en' : 'vi'] ?? String(code);
  const nameOf = (key: string) => bundle.members.find((m) => m.key === key)?.name ?? key;
  return (
    <div data-testid="bundle">
      <h2>{bundle.typeName}</h2>
      <dl className="facts">
        <div>
          <dt>{t('lienthong.bundleCode')}</dt>
          <dd data-testid="bundle-code">{bundle.bundleCode}</dd>
        </div>
        <div>
          <dt>{t('lienthong.parentCode')}</dt>
          <dd>{bundle.parent.code}</dd>
        </div>
        <div>
          <dt>{t('lienthong.progress')}</dt>
          <dd data-testid="bundle-state">{t(`lienthong.bundleState.${bundle.state}`)}</dd>
        </div>
      </dl>
      <h3>{t('lienthong.members')}</h3>
      <ol className="bundle-members">
        {bundle.members.map((m) => (
          <li key={m.key} data-testid={`member-${m.key}`} data-state={m.state}>
            <h4>{m.name}</h4>
            <dl className="facts">
              <div>
                <dt>{t('lienthong.agency')}</dt>
                <dd>{m.agency.name}</dd>
              </div>
              <div>
                <dt>{t('lienthong.memberCode')}</dt>
                <dd>{m.dossierCode}</dd>
              </div>
              <div>
                <dt>{t('lienthong.progress')}</dt>
                <dd data-testid={`member-${m.key}-state`}>{t(`lienthong.memberState.${m.state}`)}</dd>
              </div>
              <div>
                <dt>{t('lienthong.status')}</dt>
                <dd data-testid={`member-${m.key}-status`}>{status(m.status)}</dd>
              </div>
              {m.dueAt && (
                <div>
                  <dt>{t('lienthong.due')}</dt>
                  <dd>{formatDate(m.dueAt)}</dd>
                </div>
              )}
              {m.result?.number && (
                <div>
                  <dt>{t('lienthong.result')}</dt>
                  <dd data-testid={`member-${m.key}-result`}>{m.result.number}</dd>
                </div>
              )}
            </dl>
            {m.state === 'waiting' && m.dependsOn.length > 0 && <p>{t('lienthong.waitsFor', { names: m.dependsOn.map(nameOf).join(', ') })}</p>}
            {m.handoffs.length > 0 && (
              <>
                <h5>{t('lienthong.handoffs')}</h5>
                <ul data-testid={`member-${m.key}-handoffs`}>
                  {m.handoffs.map((h) => (
                    <li key={h.id}>
                      {t('lienthong.attempt', { n: h.attempt, state: t(`lienthong.handoffState.${h.state}`) })} —{' '}
                      {formatDateTime(h.answeredAt ?? h.requestedAt)}
                      {h.reason && <> · {t('lienthong.reason', { reason: h.reason })}</>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function BundlePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const heading = usePageTitle(t('lienthong.title'));
  const query = useQuery({ queryKey: ['lienthong', 'bundle', id], queryFn: () => api<Bundle>(`/api/lienthong/bundles/${encodeURIComponent(id)}`) });
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('lienthong.title')}
      </h1>
      {query.error ? (
        <div className="error-box" role="alert">
          {errorText(query.error, t('lienthong.loadError'))}
        </div>
      ) : query.data ? (
        <BundleDetails bundle={query.data} />
      ) : (
        <p role="status">{t('lienthong.loading')}</p>
      )}
    </section>
  );
}

/** A link to the bundle a dossier belongs to (on the confirmation page), when it is the parent of one. */
export function BundleLink({ dossierCode }: { dossierCode: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['lienthong', 'mine'], queryFn: () => api<z.infer<typeof BundleList>>('/api/lienthong/bundles') });
  const bundle = query.data?.items.find((b) => b.parent.code === dossierCode);
  if (!bundle) return null;
  return (
    <p>
      <Link to={`/lien-thong/${bundle.id}`} data-testid="bundle-link">
        {t('lienthong.open', { code: bundle.bundleCode })}
      </Link>
    </p>
  );
}

export function BundleLookupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [last4, setLast4] = useState('');
  const [asked, setAsked] = useState<{ code: string; last4: string } | null>(null);
  const heading = usePageTitle(t('lienthong.lookup.title'));
  const lookup = useQuery({
    queryKey: ['lienthong', 'lookup', asked?.code, asked?.last4],
    queryFn: () => api<Bundle>(`/api/public/lienthong/lookup?code=${encodeURIComponent(asked!.code)}&last4=${encodeURIComponent(asked!.last4)}`),
    enabled: asked !== null,
    retry: false,
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ code: code.trim(), last4: last4.trim() });
  };
  const error = asked && lookup.error ? firstIssueText(lookup.error, t('lienthong.lookup.error')) : null;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('lienthong.lookup.heading')}
      </h1>
      <p>{t('lienthong.lookup.lead')}</p>
      <form onSubmit={search} noValidate>
        <div className="form-group">
          <label htmlFor="lt-code">{t('lienthong.lookup.code')}</label>
          <input id="lt-code" type="text" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </div>
        <div className="form-group">
          <label htmlFor="lt-last4">{t('lienthong.lookup.last4')}</label>
          <input id="lt-last4" type="text" inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit" className="button">
          {t('lienthong.lookup.submit')}
        </button>
      </form>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {asked && lookup.data && (
        <div aria-live="polite">
          <BundleDetails bundle={lookup.data} />
        </div>
      )}
    </section>
  );
}
