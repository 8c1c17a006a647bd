import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { FeeLine } from '../../core/catalogue/schema.ts';
import { LevelBadge } from '../components/ProcedureCard.tsx';
import { errorText } from '../data/errors.ts';
import { catalogueQueries } from '../data/queries.ts';
import { formatDate, formatMoney, formatTimeLimit } from '../format.ts';
import { OnlineAdvantage } from '../components/OnlineAdvantage.tsx';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { PortalToday } from '../components/PaperlessToday.tsx';
import { optionalName } from '../journey/labels.ts';
import { ViOnlyNotice } from '../journey/ViOnlyNotice.tsx';

function feeText(f: FeeLine, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (f.amount === 0) return t('procedure.free');
  const per = f.unit === 'dossier' ? '' : ` / ${t(`feeUnit.${f.unit}`)}`;
  let s = `${formatMoney(f.amount)}${per}`;
  for (const tier of f.tiers) s += `; ${t('procedure.fromUnit', { n: tier.fromUnit })}: ${formatMoney(tier.amount)}`;
  if (f.maxPerCopy) s += `; ${t('procedure.maxPerCopy', { amount: formatMoney(f.maxPerCopy) })}`;
  return s;
}

export function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const query = useQuery(catalogueQueries.procedure(code));
  const data = query.data;
  const error = query.error ? errorText(query.error, t('error.generic')) : null;
  const heading = usePageTitle(data?.definition.name);

  if (error)
    return (
      <div className="error-box" role="alert">
        <h1>{t('procedure.notFound')}</h1>
        <p>{error}</p>
      </div>
    );
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const d = data.definition;
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <article className="procedure">
      <p className="muted">
        {d.field.name} · {t('procedure.code')}: {d.code}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {d.name}
      </h1>
      <ViOnlyNotice definition={d} />
      <p>
        <LevelBadge level={d.level} />
        {d.onlineOnly && <span className="badge">{t('procedure.onlineOnly')}</span>}
      </p>
      <p className="lead">{d.guide.summary}</p>
      <PortalToday procedureCode={d.code} />
      {d.cases.some((c) => c.form) && (
        <p className="apply-box">
          {session && !session.authenticated ? (
            // Not signed in: straight to the e-ID, which brings the citizen back to the e-form (issue 18, fewer steps).
            <a className="button button-primary" href={loginHref(`/nop-ho-so/${encodeURIComponent(d.code)}`)}>
              {t('procedure.apply')}
            </a>
          ) : (
            <Link className="button button-primary" to={`/nop-ho-so/${encodeURIComponent(d.code)}`}>
              {t('procedure.apply')}
            </Link>
          )}
        </p>
      )}
      <section aria-labelledby="who-h">
        <h2 id="who-h">{t('procedure.who')}</h2>
        <p>{d.guide.whoNeedsIt}</p>
        {d.guide.conditions && <p className="note">{d.guide.conditions}</p>}
      </section>
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">{t('procedure.steps')}</h2>
        <ol className="steps">
          {d.guide.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="cases-h">
        <h2 id="cases-h">{t('procedure.cases')}</h2>
        {d.cases.map((c) => (
          <div className="case" key={c.code}>
            <h3>{c.name}</h3>
            <dl className="facts">
              <div>
                <dt>{t('procedure.timeLimit')}</dt>
                <dd>
                  {formatTimeLimit(c.timeLimit, lang)}
                  {c.timeLimit.note ? ` — ${c.timeLimit.note}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('procedure.result')}</dt>
                <dd>{c.result.name}</dd>
              </div>
            </dl>
            <OnlineAdvantage kase={c} />
            <h4>{t('procedure.documents')}</h4>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('procedure.document')}</th>
                  <th scope="col">{t('procedure.originals')}</th>
                  <th scope="col">{t('procedure.copies')}</th>
                </tr>
              </thead>
              <tbody>
                {c.documents.map((doc) => (
                  <tr key={doc.code}>
                    <td>{doc.required ? doc.name : optionalName(doc.name, `(${t('procedure.optional')})`)}</td>
                    <td>{doc.originals}</td>
                    <td>{doc.copies}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h4>{t('procedure.fees')}</h4>
            {c.fees.length === 0 ? (
              <p>{t('procedure.free')}</p>
            ) : (
              <ul>
                {c.fees.map((f) => (
                  <li key={f.code}>
                    {f.name}: <strong>{feeText(f, t)}</strong>
                    {f.onlineReductions.map((r, i) => (
                      <span key={i} className="online-reduction">
                        {' '}
                        —{' '}
                        {t('procedure.onlineReduction', {
                          value: r.percent !== undefined ? `${r.percent}%` : formatMoney(r.amount ?? 0),
                          from: formatDate(r.effectiveFrom),
                        })}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="legal-h">
        <h2 id="legal-h">{t('procedure.legalBasis')}</h2>
        <ul>
          {d.legalBasis.map((l) => (
            <li key={l.number}>
              {l.number}: {l.title}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
