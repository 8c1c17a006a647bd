import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProcedureSummary } from '../api/types.ts';
import { formatTimeLimit } from '../format.ts';

export function LevelBadge({ level }: { level: 'toan_trinh' | 'mot_phan' }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${level}`}>{t(`level.${level}`)}</span>;
}

/** "Miễn phí", "Miễn phí nếu đúng hạn" (the one free case's condition), "Miễn phí trong một số trường hợp", "Có thu phí". */
function feeText(p: ProcedureSummary, t: (key: string, o?: Record<string, string>) => string, lang: string): string {
  if (!p.hasFee) return t('procedure.free');
  if (p.freeWhen && lang !== 'en') return t('portal.fee.freeWhen', { condition: p.freeWhen });
  if (p.freeInSomeCases) return t('portal.fee.freeInSomeCases');
  return t('procedure.hasFee');
}

export function ProcedureCard({ p }: { p: ProcedureSummary }) {
  const { t, i18n } = useTranslation();
  // In the English interface, a name the catalogue has only in Vietnamese is marked so for screen readers.
  const english = i18n.language === 'en';
  return (
    <li className="card">
      <h3 className="card-title">
        <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`} lang={english && p.nameLang === 'vi' ? 'vi' : undefined}>
          {p.name}
        </Link>
      </h3>
      <p className="card-meta">
        <LevelBadge level={p.level} /> <span lang={english ? 'vi' : undefined}>{p.field.name}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('procedure.timeLimit')}</dt>
          <dd>{formatTimeLimit(p.timeLimit, i18n.language === 'en' ? 'en' : 'vi')}</dd>
        </div>
        <div>
          <dt>{t('procedure.fee')}</dt>
          <dd>{feeText(p, t, i18n.language)}</dd>
        </div>
      </dl>
    </li>
  );
}
