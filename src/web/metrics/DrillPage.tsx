/**
 * Hồ sơ của một chỉ số (/can-bo/chi-so/ho-so?unit&from&to&indicator&part…): the dossiers behind a figure of the
 * index, 50 per page, each linking to its dossier page, with why it counts.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { nationalStatusName, type NationalStatus } from '../../core/dossiers/status.ts';
import type { DrillPage as Drill } from '../api/metrics-types.ts';
import { formatDay } from '../format.ts';
import { LoadError, Loading, When } from '../staff/bits.tsx';
import { channelName } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { formatCount } from './period.ts';
import { qs } from '../data/keys.ts';
import { metricsQueries, shown } from './queries.ts';
import './metrics.css';

const LIMIT = 50;

export function DrillPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const indicator = get('indicator');
  const part = get('part') === 'denominator' ? 'denominator' : 'numerator';
  const offset = Math.max(0, Number(get('offset')) || 0);
  const base = { unit: get('unit'), from: get('from'), to: get('to'), procedure: get('procedure'), official: get('official') };
  const title = t('metrics.drill.title', { code: indicator, part: t(`metrics.table.${part}`) });
  const heading = usePageTitle(title);
  const page = shown(
    useQuery({ ...metricsQueries.drill<Drill>({ ...base, indicator, part, offset, limit: LIMIT }), enabled: !!indicator }),
    t('error.generic'),
  );
  const here = (o: number) => `/can-bo/chi-so/ho-so?${qs({ ...base, indicator, part, offset: o || null })}`;
  const status = (code: number) => nationalStatusName[code as NationalStatus]?.[i18n.language === 'en' ? 'en' : 'vi'] ?? String(code);
  return (
    <section className="metrics-page">
      <p>
        <Link to={`/can-bo/chi-so?${qs(base)}`} className="back-link">
          {t('metrics.drill.back')}
        </Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('metrics.drill.lead', { from: formatDay(base.from), to: formatDay(base.to) })}</p>
      {indicator === '5.4' && part === 'numerator' && <p className="note">{t('metrics.drill.note54')}</p>}
      {indicator === '2.2' && <p className="note">{t('metrics.drill.note22')}</p>}
      {page.error && <LoadError message={page.error} />}
      {!page.data ? (
        !page.error && <Loading />
      ) : (
        <>
          <p className="result-count" role="status" data-testid="drill-total" data-value={page.data.total}>
            {t('metrics.drill.count', { count: page.data.total, n: formatCount(i18n.language, page.data.total) })}
          </p>
          <div className="metrics-scroll" tabIndex={0} role="region" aria-labelledby="m-drill-caption">
            <table className="table metrics-table" data-testid="drill-table">
              <caption id="m-drill-caption" className="visually-hidden">
                {title}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('metrics.drill.code')}</th>
                  <th scope="col">{t('metrics.drill.procedure')}</th>
                  <th scope="col">{t('metrics.drill.channel')}</th>
                  <th scope="col">{t('metrics.drill.status')}</th>
                  <th scope="col">{t('metrics.drill.received')}</th>
                  <th scope="col">{t('metrics.drill.due')}</th>
                  <th scope="col">{t('metrics.drill.finished')}</th>
                  <th scope="col">{t('metrics.drill.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {page.data.rows.map((r) => (
                  <tr key={r.dossierId}>
                    <th scope="row">
                      <Link to={`/can-bo/ho-so/${r.dossierId}`}>{r.code}</Link>
                    </th>
                    <td>
                      {r.procedureName} <span className="muted">({r.procedureCode})</span>
                    </td>
                    <td>{channelName(t, r.channel)}</td>
                    <td>{status(r.status)}</td>
                    <td>
                      <When at={r.receivedAt} />
                    </td>
                    <td>
                      <When at={r.dueAt} />
                    </td>
                    <td>
                      <When at={r.finishedAt} />
                    </td>
                    <td>{t(`metrics.reason.${r.reason}`, { defaultValue: r.reason })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {(offset > 0 || offset + LIMIT < page.data.total) && (
            <nav aria-label={t('staff.common.pagination')} className="pagination">
              {offset > 0 && <Link to={here(Math.max(0, offset - LIMIT))}>{t('staff.common.previous')}</Link>}
              <span>{t('metrics.drill.range', { a: offset + 1, b: Math.min(offset + LIMIT, page.data.total), n: page.data.total })}</span>
              {offset + LIMIT < page.data.total && <Link to={here(offset + LIMIT)}>{t('staff.common.next')}</Link>}
            </nav>
          )}
        </>
      )}
    </section>
  );
}
