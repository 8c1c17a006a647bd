/**
 * In the English interface, says when a procedure's own content (name, guide, cases, documents, form questions) is
 * only in Vietnamese in the catalogue, instead of mixing languages without a word (issue 18, points 7 and 14): all of
 * it (no English at all), or some of it (src/core/catalogue/english.ts, `englishCoverage`).
 */
import { useTranslation } from 'react-i18next';
import { englishCoverage } from '../../core/catalogue/english.ts';
import type { ProcedureDefinition } from '../../core/catalogue/schema.ts';

export function ViOnlyNotice({ definition }: { definition: ProcedureDefinition }) {
  const { t, i18n } = useTranslation();
  if (i18n.language !== 'en') return null;
  const coverage = englishCoverage(definition);
  if (coverage === 'full') return null;
  return (
    <p className="note" data-testid="vi-only-notice">
      {t(coverage === 'none' ? 'portal.english.viOnlyAll' : 'portal.english.viOnly')}
    </p>
  );
}
