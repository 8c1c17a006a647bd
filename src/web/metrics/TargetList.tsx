/** Plan targets of a unit (and of its officials) with a progress bar each. */
import { useTranslation } from 'react-i18next';
import type { TargetProgress } from '../api/metrics-types.ts';
import { formatDay } from '../format.ts';
import { TargetBar } from './bits.tsx';
import { formatCount } from './period.ts';
import { targetUnit } from './targets.ts';

export function TargetList({ targets, officialNames, idPrefix }: { targets: TargetProgress[]; officialNames?: Map<string, string>; idPrefix: string }) {
  const { t, i18n } = useTranslation();
  if (!targets.length) return <p className="note">{t('metrics.targets.none')}</p>;
  return (
    <ul className="metrics-targets">
      {targets.map((p) => {
        const who = p.officialId ? (p.officialName ?? officialNames?.get(p.officialId) ?? p.officialId) : null;
        return (
          <li key={p.id} data-metric={p.metric} data-official={p.officialId ?? ''}>
            <TargetBar
              id={`${idPrefix}-${p.id}`}
              label={who ? `${who}: ${t(`metrics.metric.${p.metric}`)}` : t(`metrics.metric.${p.metric}`)}
              actual={p.actual}
              target={p.value}
              comparison={p.comparison}
              unit={targetUnit(p.metric)}
              met={p.met}
            />
            <p className="muted metrics-target-meta">
              {p.numerator !== null && p.denominator !== null && (
                <>{t('metrics.targets.counts', { n: formatCount(i18n.language, p.numerator), d: formatCount(i18n.language, p.denominator) })} · </>
              )}
              {t('metrics.targets.effective', {
                from: formatDay(p.effectiveFrom),
                to: p.effectiveTo ? formatDay(p.effectiveTo) : t('metrics.targets.openEnded'),
              })}
              {p.basis && <> · {p.basis}</>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
