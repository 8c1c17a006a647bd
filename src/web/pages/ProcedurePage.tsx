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
import { nameOf, optionalName } from '../journey/labels.ts';
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
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { session } = useSession();
  // The server gives the name, guide and legal basis in the interface language where the catalogue has them.
  const query = useQuery(catalogueQueries.procedure(code, lang));
  const data = query.data;
  const error = query.error ? errorText(query.error, t('error.generic')) : null;
  const heading = usePageTitle(data?.content.name);

  if (error)
    return (
      <div className="error-box" role="alert">
        <h1>{t('procedure.notFound')}</h1>
        <p>{error}</p>
      </div>
    );
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const d = data.definition;
  const content = data.content;
  // Vietnamese text in the English interface is marked lang="vi" for screen readers (issue 18 item 7).
  const vi = (textLang: 'vi' | 'en') => (lang === 'en' && textLang === 'vi' ? 'vi' : undefined);
  const viUnless = (english: string | undefined) => vi(english ? 'en' : 'vi');
  const guideLang = vi(content.textLang);
  return (
    <article className="procedure">
      <p className="muted">
        <span lang={vi(content.fieldName.lang)}>{content.fieldName.text}</span> · {t('procedure.code')}: {d.code}
      </p>
      <h1 ref={heading} tabIndex={-1} lang={guideLang}>
        {content.name}
      </h1>
      <ViOnlyNotice definition={d} />
      <p>
        <LevelBadge level={d.level} />
        {d.onlineOnly && <span className="badge">{t('procedure.onlineOnly')}</span>}
      </p>
      <p className="lead" lang={guideLang}>
        {content.guide.summary}
      </p>
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
        <p lang={guideLang}>{content.guide.whoNeedsIt}</p>
        {content.guide.conditions && (
          <p className="note" lang={guideLang}>
            {content.guide.conditions}
          </p>
        )}
      </section>
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">{t('procedure.steps')}</h2>
        <ol className="steps" lang={guideLang}>
          {content.guide.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="cases-h">
        <h2 id="cases-h">{t('procedure.cases')}</h2>
        {d.cases.map((c) => (
          <div className="case" key={c.code}>
            <h3 lang={viUnless(c.nameEn)}>{nameOf(c, lang)}</h3>
            <dl className="facts">
              <div>
                <dt>{t('procedure.timeLimit')}</dt>
                <dd>
                  {formatTimeLimit(c.timeLimit, lang)}
                  {c.timeLimit.note && (
                    <>
                      {' — '}
                      <span lang={viUnless(c.timeLimit.noteEn)}>{lang === 'en' && c.timeLimit.noteEn ? c.timeLimit.noteEn : c.timeLimit.note}</span>
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('procedure.result')}</dt>
                <dd lang={viUnless(c.result.nameEn)}>{nameOf(c.result, lang)}</dd>
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
                    <td>
                      {viUnless(doc.nameEn) ? (
                        // Vietnamese only: the name marked lang="vi", the English "(optional)" after it.
                        <>
                          <span lang="vi">{doc.name}</span>
                          {!doc.required && ` (${t('procedure.optional')})`}
                        </>
                      ) : doc.required ? (
                        nameOf(doc, lang)
                      ) : (
                        optionalName(nameOf(doc, lang), `(${t('procedure.optional')})`)
                      )}
                    </td>
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
                    <span lang={viUnless(f.nameEn)}>{nameOf(f, lang)}</span>: <strong>{feeText(f, t)}</strong>
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
          {content.legalBasis.map((l) => (
            <li key={l.number}>
              <span lang={vi('vi')}>{l.number}</span>: <span lang={vi(l.title.lang)}>{l.title.text}</span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
