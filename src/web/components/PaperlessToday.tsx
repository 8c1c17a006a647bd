/**
 * Today's rule at a one-stop counter (issue 16 item 6): whether paper dossiers are taken today, with the legal
 * basis, and the procedures taken online only. On the counter screen, the counter intake page and the portal.
 */
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { TodayRule } from '../../contract/digitisation.ts';
import { apiQuery } from '../data/query.ts';

type Today = z.infer<typeof TodayRule>;

export function PaperlessToday({ unit, compact = false }: { unit: string; compact?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const q = useQuery({
    ...apiQuery<Today>(['public', 'paperless-today', unit], `/api/public/paperless-today?unitId=${encodeURIComponent(unit)}`),
    enabled: !!unit,
  });
  const d = q.data;
  if (!d || (!d.paperless && d.onlineOnly.length === 0 && compact)) return null;
  return (
    <section className={`paperless-today${d.paperless ? ' is-paperless' : ''}`} aria-labelledby={id} data-testid="paperless-today">
      <h2 id={id}>{t('paperless.title')}</h2>
      <p>{d.message}</p>
      {d.legalBasis.length > 0 && <p className="paperless-basis">{t('paperless.basis', { basis: d.legalBasis.join('; ') })}</p>}
      {d.onlineOnly.length > 0 && (
        <>
          <h3>{t('paperless.onlineOnly')}</h3>
          <ul>
            {d.onlineOnly.map((p) => (
              <li key={p.procedureCode}>
                <Link to={`/thu-tuc/${encodeURIComponent(p.procedureCode)}`}>{p.procedureName}</Link> <span>({p.legalBasis})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
