/**
 * Catalogue words in the interface language: the catalogue is Vietnamese and may give English names (labelEn,
 * titleEn, nameEn …); the English interface uses them where present, else the Vietnamese.
 */
import { useTranslation } from 'react-i18next';
import type { FormLanguage } from '../../core/forms/messages.ts';

/** The interface language as the form engine's messages know it. */
export function useFormLanguage(): FormLanguage {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

export const labelOf = (x: { label: string; labelEn?: string }, lang: FormLanguage) => (lang === 'en' && x.labelEn ? x.labelEn : x.label);
export const hintOf = (x: { hint?: string; hintEn?: string }, lang: FormLanguage) => (lang === 'en' && x.hintEn ? x.hintEn : x.hint);
export const titleOf = (x: { title: string; titleEn?: string }, lang: FormLanguage) => (lang === 'en' && x.titleEn ? x.titleEn : x.title);
/** The procedure's name: its English name (`en.name`) in the English interface where the catalogue has one. */
export const procedureNameOf = (d: { name: string; en?: { name: string } }, lang: FormLanguage) => (lang === 'en' && d.en ? d.en.name : d.name);
/** lang="vi" for a procedure name shown in Vietnamese in the English interface (screen readers). */
export const procedureNameLang = (d: { en?: { name: string } }, lang: FormLanguage) => (lang === 'en' && !d.en ? 'vi' : undefined);
/**
 * A dossier's procedure name: the catalogue's English name of its version in the English interface where there is
 * one, else the Vietnamese name the dossier was submitted under (then `lang` is "vi", for screen readers).
 */
export function dossierProcedureName(d: { procedureName: string; procedureNameEn: string | null }, lang: FormLanguage): { text: string; lang?: 'vi' } {
  if (lang !== 'en') return { text: d.procedureName };
  return d.procedureNameEn ? { text: d.procedureNameEn } : { text: d.procedureName, lang: 'vi' };
}
export const nameOf = (x: { name: string; nameEn?: string }, lang: FormLanguage) => (lang === 'en' && x.nameEn ? x.nameEn : x.name);

/** "Tờ khai (nếu làm thay)" + "(nếu có)" → "Tờ khai (nếu làm thay, nếu có)": never two parentheses in a row. */
export function optionalName(name: string, ifAny: string): string {
  const inner = ifAny.replace(/^\(|\)$/g, '');
  return name.endsWith(')') ? `${name.slice(0, -1)}, ${inner})` : `${name} ${ifAny}`;
}
