/**
 * One procedure (/can-bo/quan-tri/thu-tuc/:code): the version in force and every version with who wrote it, when,
 * its effective dates, and what it changed from the one before.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime, formatTimeLimit } from '../../format.ts';
import { PAGE_ROLES } from '../access.ts';
import { diffValues } from '../diff.ts';
import { DiffTable } from '../DiffTable.tsx';
import { AdminPage, formatDay, LoadError, Loading, QueryError } from '../ui.tsx';
import { adminQueries } from '../queries.ts';

export function ProcedurePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  return (
    <AdminPage title={t('admin.procedure.title', { code })} roles={PAGE_ROLES.procedures}>
      <ProcedureVersions code={code} />
    </AdminPage>
  );
}

function ProcedureVersions({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery(adminQueries.versions(code));
  if (error) return <QueryError error={error} />;
  if (!data) return <Loading />;
  if (data.length === 0) return <LoadError message={t('admin.procedure.notFound', { code })} />;
  const current = data.find((v) => v.status === 'active') ?? data[data.length - 1];
  const d = current.definition;
  const newestFirst = [...data].reverse();
  return (
    <>
      <p className="admin-subtitle" data-testid="procedure-name">
        {d.name}
      </p>
      <dl className="facts admin-facts">
        <div>
          <dt>{t('admin.field.field')}</dt>
          <dd>{d.field.name}</dd>
        </div>
        <div>
          <dt>{t('admin.field.level')}</dt>
          <dd>{t(`admin.enum.${d.level}`)}</dd>
        </div>
        <div>
          <dt>{t('admin.procedure.currentVersion')}</dt>
          <dd data-testid="current-version">{current.version}</dd>
        </div>
        <div>
          <dt>{t('admin.field.effectiveFrom')}</dt>
          <dd>{formatDay(current.effectiveFrom)}</dd>
        </div>
        <div>
          <dt>{t('admin.procedure.cases')}</dt>
          <dd>{d.cases.map((c) => `${c.name} (${formatTimeLimit(c.timeLimit, i18n.language === 'en' ? 'en' : 'vi')})`).join('; ')}</dd>
        </div>
      </dl>
      <p>
        <Link className="button" to="sua">
          {t('admin.procedure.edit')}
        </Link>
      </p>
      <h2 id="versions-heading">{t('admin.procedure.versions')}</h2>
      <table className="table admin-table" aria-labelledby="versions-heading" data-testid="versions">
        <thead>
          <tr>
            <th scope="col">{t('admin.procedure.col.version')}</th>
            <th scope="col">{t('admin.procedure.col.status')}</th>
            <th scope="col">{t('admin.procedure.col.effective')}</th>
            <th scope="col">{t('admin.procedure.col.by')}</th>
            <th scope="col">{t('admin.procedure.col.at')}</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((v) => (
            <tr key={v.version} data-testid={`version-${v.version}`}>
              <td data-label={t('admin.procedure.col.version')}>{t('admin.procedure.versionN', { n: v.version })}</td>
              <td data-label={t('admin.procedure.col.status')}>{t(`admin.enum.${v.status}`)}</td>
              <td data-label={t('admin.procedure.col.effective')}>
                {v.effectiveTo
                  ? t('admin.procedure.fromTo', { from: formatDay(v.effectiveFrom), to: formatDay(v.effectiveTo) })
                  : t('admin.procedure.from', { from: formatDay(v.effectiveFrom) })}
              </td>
              <td data-label={t('admin.procedure.col.by')}>{v.createdBy}</td>
              <td data-label={t('admin.procedure.col.at')}>
                <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('admin.procedure.changesByVersion')}</h2>
      {newestFirst
        .filter((v) => v.version > data[0].version)
        .map((v) => {
          const previous = data.find((p) => p.version === v.version - 1) ?? data[data.indexOf(v) - 1];
          const rows = diffValues(previous.definition, v.definition, t);
          return (
            <details key={v.version} className="admin-details">
              <summary>{t('admin.procedure.changesOf', { n: v.version, prev: previous.version, count: rows.length })}</summary>
              <DiffTable rows={rows} caption={t('admin.procedure.changesOf', { n: v.version, prev: previous.version, count: rows.length })} />
            </details>
          );
        })}
      {data.length === 1 && <p className="muted">{t('admin.procedure.onlyOne')}</p>}
    </>
  );
}
