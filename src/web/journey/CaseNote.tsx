/**
 * The draft's case (trường hợp), where the procedure has more than one: named on the first step with why it was
 * chosen (the data decided, src/core/catalogue/case-inference.ts) and a link to change it; on every step when the
 * answers now decide another case (e.g. the child's date of birth was corrected to more than 60 days ago).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { inferCase } from '../../core/catalogue/case-inference.ts';
import type { ProcedureDetail } from '../api/types.ts';
import { vnToday } from '../format.ts';
import { nameOf, useFormLanguage } from './labels.ts';

export function CaseNote({
  procedure,
  caseCode,
  values,
  first,
}: {
  procedure: ProcedureDetail;
  caseCode: string;
  values: Record<string, unknown>;
  first: boolean;
}) {
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const cases = procedure.definition.cases.filter((c) => c.form);
  if (cases.length < 2) return null;
  const current = cases.find((c) => c.code === caseCode);
  const inferred = inferCase(procedure.definition, values, vnToday());
  const change = `/nop-ho-so/${encodeURIComponent(procedure.code)}?chon=1`;
  const other = inferred && inferred.caseCode !== caseCode ? cases.find((c) => c.code === inferred.caseCode) : undefined;
  if (other)
    return (
      <div className="note" role="note" data-testid="case-note">
        <p>{t('journey.case.mismatch', { days: inferred?.days, name: nameOf(other, lang) })}</p>
        <Link to={change}>{t('journey.case.change')}</Link>
      </div>
    );
  if (!first || !current) return null;
  return (
    <p className="note" data-testid="case-note">
      {t('journey.case.current', { name: nameOf(current, lang) })} {inferred ? `${t('journey.case.inferred', { days: inferred.days })} ` : ''}
      <Link to={change}>{t('journey.case.change')}</Link>
    </p>
  );
}
