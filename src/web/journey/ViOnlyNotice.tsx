/**
 * In the English interface, says when a procedure's own content (its cases, documents, form questions) is only in
 * Vietnamese in the catalogue, instead of mixing languages without a word (issue 18, point 14).
 */
import { useTranslation } from 'react-i18next';
import type { FormField, ProcedureDefinition } from '../../core/catalogue/schema.ts';

const fieldLacksEnglish = (f: FormField): boolean => !f.labelEn || (f.options ?? []).some((o) => !o.labelEn) || (f.fields ?? []).some(fieldLacksEnglish);

/** Some text of the procedure that a person meets has no English in the catalogue. */
export function hasVietnameseOnly(d: Pick<ProcedureDefinition, 'cases'>): boolean {
  return d.cases.some(
    (c) => !c.nameEn || c.documents.some((x) => !x.nameEn) || (c.form?.pages ?? []).some((p) => !p.titleEn || p.fields.some(fieldLacksEnglish)),
  );
}

export function ViOnlyNotice({ definition }: { definition: Pick<ProcedureDefinition, 'cases'> }) {
  const { t, i18n } = useTranslation();
  if (i18n.language !== 'en' || !hasVietnameseOnly(definition)) return null;
  return (
    <p className="note" data-testid="vi-only-notice">
      {t('portal.english.viOnly')}
    </p>
  );
}
