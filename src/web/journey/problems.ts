/**
 * Problems shown in the journey's error summary, said in the interface language at the moment they are shown (a
 * language switch re-renders them): each keeps what it needs to be said again, not a sentence fixed in one language.
 *
 * - the form engine's own problems (browser or server) carry a message key and parameters (core/forms/messages.ts);
 * - the server's other submission problems (SUBMISSION_INVALID details.errors) carry a stable code and a path: in
 *   Vietnamese the server's own words are shown, in English the sentence for the code, naming the requirement,
 *   the exemption or the field the path points at;
 * - the browser's own checks say their sentence through i18next.
 */
import type { TFunction } from 'i18next';
import type { FormDefinition, ProcedureCase } from '../../core/catalogue/schema.ts';
import { EXEMPTION_PROOF_PREFIX } from '../../core/fees/exemptions.ts';
import { labelForMessage, localiseFieldError, type FormLanguage, type FormMessageKey } from '../../core/forms/messages.ts';
import type { ShownError } from './ErrorSummary.tsx';
import { nameOf } from './labels.ts';
import type { SubmissionProblem } from './types.ts';
import './form-messages-english.ts';

export interface Problem {
  /** Where it is shown: the id of the control without its `f-` prefix (ErrorSummary links to it). */
  path: string;
  say: (t: TFunction, lang: FormLanguage) => string;
}

/** The problems as the error summary shows them, in the current language. */
export const shown = (problems: Problem[], t: TFunction, lang: FormLanguage): ShownError[] => problems.map((p) => ({ path: p.path, message: p.say(t, lang) }));

/** A problem the browser found, said by an i18next key. */
export const browserProblem = (path: string, say: (t: TFunction, lang: FormLanguage) => string): Problem => ({ path, say });

/** A problem of the form engine (validateForm in the browser, or the server's answer with its message key). */
export const formProblem = (
  form: FormDefinition,
  e: { path: string; message: string; messageKey?: string; params?: Record<string, string | number> },
  path = e.path,
): Problem => ({
  path,
  say: (_t, lang) => localiseFieldError(form, { message: e.message, messageKey: e.messageKey as FormMessageKey | undefined, params: e.params }, lang),
});

/** Where the journey shows a server problem: documents next to their requirement, exemption proofs on the fees step. */
export function shownPath(p: SubmissionProblem): string {
  if (p.path.startsWith('documents.')) return `doc-${p.path.slice('documents.'.length)}`;
  if (p.path.startsWith('meta.feeExemptions')) return 'feeExemption';
  if (p.path === 'meta.contactPhone') return 'contactPhone';
  if (p.path === 'meta.contactEmail') return 'contactEmail';
  return p.path;
}

/** A problem from the server's refusal of a submission. */
export function serverProblem(p: SubmissionProblem, form: FormDefinition, kase: ProcedureCase): Problem {
  const path = shownPath(p);
  if (p.messageKey) return formProblem(form, p, path);
  return {
    path,
    say: (t, lang) => {
      if (lang === 'vi' || !p.code) return p.message;
      const item = p.path.startsWith('documents.') ? p.path.slice('documents.'.length) : '';
      const key = `journey.problems.${p.code}`;
      switch (p.code) {
        case 'DOCUMENT_MISSING': {
          const req = kase.documents.find((d) => d.code === item);
          return t(key, { name: req ? nameOf(req, lang) : item });
        }
        case 'EXEMPTION_PROOF_MISSING': {
          const code = item.startsWith(EXEMPTION_PROOF_PREFIX) ? item.slice(EXEMPTION_PROOF_PREFIX.length) : item;
          const exemption = kase.fees.flatMap((l) => l.exemptions).find((x) => x.code === code);
          return t(key, { name: exemption ? nameOf(exemption, lang) : code });
        }
        case 'PREFILL_TAMPERED':
          return t(key, { label: labelForMessage(form, { field: p.path.replace(/\[\d+\]/g, '') }, lang) ?? p.path });
        default:
          return t(key, { defaultValue: p.message });
      }
    },
  };
}
