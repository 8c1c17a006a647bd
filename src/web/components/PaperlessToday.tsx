/**
 * Today's rule at a one-stop counter (issue 16 item 6): whether paper dossiers are taken today, with the legal
 * basis, and the procedures taken online only. On the counter screen, the counter intake page and the portal.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { TodayRule } from '../../contract/digitisation.ts';
import { apiQuery } from '../data/query.ts';
import { keys } from '../data/keys.ts';
import { referenceQueries } from '../data/queries.ts';

type Today = z.infer<typeof TodayRule>;

/**
 * `procedureCode` (a procedure's page): whether that procedure is taken online only at this unit today, said first.
 */
export function PaperlessToday({ unit, compact = false, procedureCode }: { unit: string; compact?: boolean; procedureCode?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const q = useQuery({
    ...apiQuery<Today>(['public', 'paperless-today', unit], `/api/public/paperless-today?unitId=${encodeURIComponent(unit)}`),
    enabled: !!unit,
  });
  const d = q.data;
  if (!d || (!d.paperless && d.onlineOnly.length === 0 && compact)) return null;
  const thisOne = procedureCode ? d.onlineOnly.find((p) => p.procedureCode === procedureCode) : undefined;
  return (
    <section className={`paperless-today${d.paperless ? ' is-paperless' : ''}`} aria-labelledby={id} data-testid="paperless-today">
      <h2 id={id}>{t('paperless.title')}</h2>
      {thisOne && (
        <p className="panel-info" data-testid="procedure-online-only">
          <strong>{t('paperless.thisOnlineOnly', { unit: d.unitName })}</strong> {t('paperless.basis', { basis: thisOne.legalBasis })}
        </p>
      )}
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

const COMMUNE_KEY = 'motcua.commune';

/**
 * The portal's view of today's rule (home page, procedure pages): the citizen picks their commune (remembered on this
 * device) and sees whether its one-stop counter takes paper today and which procedures it takes online only.
 */
export function PortalToday({ procedureCode }: { procedureCode?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const installation = useQuery({ ...apiQuery<{ provinceCode: string }>(keys.reference.installation, '/api/installation'), staleTime: 60 * 60_000 });
  const province = installation.data?.provinceCode ?? '';
  const communes = useQuery({ ...referenceQueries.adminUnits(province), enabled: !!province }).data ?? [];
  const [commune, setCommune] = useState(() => {
    try {
      return window.localStorage.getItem(COMMUNE_KEY) ?? '';
    } catch {
      return '';
    }
  });
  if (communes.length === 0) return null;
  const choose = (code: string) => {
    setCommune(code);
    try {
      if (code) window.localStorage.setItem(COMMUNE_KEY, code);
      else window.localStorage.removeItem(COMMUNE_KEY);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  };
  return (
    <div className="portal-today" data-testid="portal-today">
      <div className="form-group">
        <label htmlFor={id}>{t('paperless.commune')}</label>
        <select id={id} value={commune} onChange={(e) => choose(e.target.value)}>
          <option value="">{t('paperless.communeNone')}</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {commune && <PaperlessToday unit={commune} procedureCode={procedureCode} />}
    </div>
  );
}
