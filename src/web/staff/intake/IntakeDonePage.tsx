/**
 * Đã tiếp nhận hồ sơ (/can-bo/tiep-nhan/da-tiep-nhan/:id): after a counter intake, the dossier code, the appointment,
 * where the dossier went next, and the receipt to print (Mẫu 01, PDF) for the applicant.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePageTitle } from '../../usePageTitle.ts';
import { LoadError, Loading, When } from '../bits.tsx';
import { channelName, errorMessage } from '../format.ts';
import { staffQueries } from '../queries.ts';

export function IntakeDonePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery(staffQueries.dossier(id));
  const d = query.data;
  const error = query.error ? errorMessage(query.error, t('error.generic')) : null;
  const heading = usePageTitle(t('staff.intakeDone.title'));
  if (error) return <LoadError message={error} />;
  if (!d) return <Loading />;
  const current = d.tasks.find((x) => x.current);
  return (
    <section>
      <div className="panel-success">
        <h1 ref={heading} tabIndex={-1}>
          {t('staff.intakeDone.title')}
        </h1>
        <p>{t('staff.intakeDone.code')}</p>
        <p className="dossier-code" data-testid="dossier-code">
          {d.code}
        </p>
      </div>
      <dl className="summary-list">
        <div>
          <dt>{t('staff.intakeDone.applicant')}</dt>
          <dd>
            {d.applicant.fullName}
            {d.applicant.idNumber ? ` (${d.applicant.idNumber})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('staff.intakeDone.procedure')}</dt>
          <dd>
            {d.procedureName}
            <br />
            {d.caseName}
          </dd>
        </div>
        <div>
          <dt>{t('staff.intakeDone.channel')}</dt>
          <dd>{channelName(t, d.channel)}</dd>
        </div>
        <div>
          <dt>{t('staff.intakeDone.appointment')}</dt>
          <dd data-testid="appointment">
            <When at={d.dueAt} />
          </dd>
        </div>
        {d.register && (
          <div>
            <dt>{t('staff.dossier.register')}</dt>
            <dd>{t('staff.dossier.registerValue', { book: d.register.book ?? '', number: d.register.number })}</dd>
          </div>
        )}
        {current && (
          <div>
            <dt>{t('staff.intakeDone.next')}</dt>
            <dd>
              {current.stepName} – {current.unitName}
              {current.assigneeName ? ` – ${current.assigneeName}` : ''}
            </dd>
          </div>
        )}
      </dl>
      <p className="print-receipt">
        <a className="button button-primary button-large" href={`/api/staff/dossiers/${d.id}/mau-01.pdf`} target="_blank" rel="noopener">
          {t('staff.intakeDone.print')}
          <span className="visually-hidden"> {t('staff.common.opensNewTab')}</span>
        </a>
      </p>
      <p className="button-row">
        <Link to={`/can-bo/ho-so/${d.id}`}>{t('staff.intakeDone.open')}</Link>
        <Link to="/can-bo/tiep-nhan/tai-quay">{t('staff.intakeDone.another')}</Link>
      </p>
    </section>
  );
}
