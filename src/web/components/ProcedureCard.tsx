import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProcedureSummary } from '../api/types.ts';
import { formatTimeLimit } from '../format.ts';

export function LevelBadge({ level }: { level: 'toan_trinh' | 'mot_phan' }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${level}`}>{t(`level.${level}`)}</span>;
}

export function ProcedureCard({ p }: { p: ProcedureSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="card">
      <h3 className="card-title">
        <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{p.name}</Link>
      </h3>
      <p className="card-meta">
        <LevelBadge level={p.level} /> <span>{p.field.name}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('procedure.timeLimit')}</dt>
          <dd>{formatTimeLimit(p.timeLimit, i18n.language === 'en' ? 'en' : 'vi')}</dd>
        </div>
        <div>
          <dt>{t('procedure.fee')}</dt>
          <dd>{p.hasFee ? t('procedure.hasFee') : t('procedure.free')}</dd>
        </div>
      </dl>
    </li>
  );
}
