/** The e-form typed as JSON: parsed, then checked by the form engine the citizen's journey runs (docs/forms.md). */
import type { TFunction } from 'i18next';
import type { FormDefinition } from '../../../core/catalogue/schema.ts';
import { checkFormDefinition } from '../../../core/forms/definition-schema.ts';

export interface FormCheck {
  /** Empty text: the case has no e-form. */
  form: FormDefinition | undefined;
  problems: string[];
  summary: string;
}

function countFields(fields: { fields?: unknown[] }[]): number {
  return fields.reduce((n, f) => n + 1 + (Array.isArray(f.fields) ? countFields(f.fields as { fields?: unknown[] }[]) : 0), 0);
}

export function checkFormText(text: string, t: TFunction): FormCheck {
  if (text.trim() === '') return { form: undefined, problems: [], summary: t('admin.editor.formNone') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { form: undefined, problems: [t('admin.editor.formNotJson', { message: (err as Error).message })], summary: '' };
  }
  const problems = checkFormDefinition(parsed);
  if (problems.length) return { form: undefined, problems: problems.map((p) => t('admin.editor.formProblem', { problem: p })), summary: '' };
  const form = parsed as FormDefinition;
  const fields = form.pages.reduce((n, p) => n + countFields(p.fields as { fields?: unknown[] }[]), 0);
  return { form, problems: [], summary: t('admin.editor.formValid', { pages: form.pages.length, fields }) };
}

/** The JSON text shown in the editor for a case's e-form. */
export const formToText = (form: FormDefinition | undefined) => (form ? JSON.stringify(form, null, 2) : '');
