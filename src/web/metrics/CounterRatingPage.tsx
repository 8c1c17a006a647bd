/**
 * Đánh giá tại quầy (/can-bo/danh-gia/:id): the counter-tablet variant of the rating form, opened from the staff
 * dossier page when the result is handed over; the citizen chooses on the tablet, large and simple.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../staff/bits.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { RatingForm } from './RatingForm.tsx';
import { staffQueries } from '../staff/queries.ts';
import { shown } from './queries.ts';

export function CounterRatingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const d = shown(useQuery(staffQueries.dossier(id)), t('error.generic'));
  const heading = usePageTitle(t('metrics.rating.counterTitle'));
  return (
    <section className="rating-counter-page">
      <p>
        <Link to={`/can-bo/ho-so/${encodeURIComponent(id)}`} className="back-link">
          {t('metrics.rating.backToDossier')}
        </Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('metrics.rating.counterTitle')}
      </h1>
      {d.error && <LoadError message={d.error} />}
      {!d.data ? (
        !d.error && <Loading />
      ) : (
        <>
          <p className="lead">{t('metrics.rating.counterLead', { code: d.data.code, procedure: d.data.procedureName })}</p>
          <RatingForm dossierId={id} mode="counter" />
        </>
      )}
    </section>
  );
}
