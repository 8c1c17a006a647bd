/**
 * The registry of result templates and the renderer: `renderResultPdf(data)` picks the template named by
 * `data.template` (the catalogue's `result.template`), or the template serving `data.resultCode` when the catalogue
 * names none (or one not written), or the generic template; draws the header with the TT 01/2023 QR (validity and
 * scope included), the template's body and signature, the verification line, and the specimen watermark if asked.
 * The bytes are ready for PAdES signing (src/server/modules/results/signing/pades.ts).
 */
import { refuseBlanks, watchBlanks } from './completeness.ts';
import { addMonths, withPlaceNames } from './values.ts';
import { checkResultData, drawResultHeader, finishResult, resolveValidity, resultQrPayload, startResult, type ResolvedValidity } from './layout.ts';
import { birthTemplate } from './templates/birth.ts';
import { certificationTemplate, electronicCopyTemplate } from './templates/certification.ts';
import { genericTemplate } from './templates/generic.ts';
import { maritalStatusTemplate } from './templates/marital-status.ts';
import { marriageTemplate } from './templates/marriage.ts';
import { residenceTemplate } from './templates/residence.ts';
import type { ResultSubject, ResultTemplate } from './templates/template.ts';
import type { ResultData } from './types.ts';

export type { ResultSubject, ResultTemplate } from './templates/template.ts';

/** Every template, by key. Add a module under templates/ and list it here (see docs/results.md). */
export const RESULT_TEMPLATES: Readonly<Record<string, ResultTemplate>> = Object.freeze(
  Object.fromEntries(
    [birthTemplate, marriageTemplate, maritalStatusTemplate, certificationTemplate, electronicCopyTemplate, residenceTemplate, genericTemplate].map((t) => [
      t.key,
      t,
    ]),
  ),
);

export const GENERIC_TEMPLATE_KEY = genericTemplate.key;

const byResultCode = new Map<string, ResultTemplate>(Object.values(RESULT_TEMPLATES).flatMap((t) => t.resultCodes.map((c) => [c, t] as const)));

/** The template for a result: by its key, else by its result code, else the generic one. */
export function resolveTemplate(result: { template?: string | null; resultCode?: string | null }): ResultTemplate {
  const key = result.template?.trim();
  if (key && Object.hasOwn(RESULT_TEMPLATES, key)) return RESULT_TEMPLATES[key];
  const code = result.resultCode?.trim();
  return (code && byResultCode.get(code)) || genericTemplate;
}

/** The template key for a catalogue case's result ({ code, template? }): what to pass as ResultData.template. */
export function templateKeyFor(result: { code: string; template?: string }): string {
  return resolveTemplate({ template: result.template, resultCode: result.code }).key;
}

/** Whom the result is about: the template's subject (the child, the couple, the deceased), else its owner. */
export function resultSubject(data: ResultData, template: ResultTemplate = resolveTemplate(data)): ResultSubject {
  return template.subject?.(data) ?? { label: 'Người được cấp', name: data.owner.name, idNumber: data.owner.idNumber };
}

/** Validity (validTo from the template's legal period when the caller gives none) and scope of a result. */
export function resultValidity(data: ResultData, template: ResultTemplate = resolveTemplate(data)): ResolvedValidity {
  const validTo = data.validTo ?? (template.validityMonths ? addMonths(data.validFrom, template.validityMonths) : undefined);
  return resolveValidity(data.validFrom, validTo, data.scope ?? template.defaultScope?.(data));
}

/** `keepBlanks`: only for an administrator's specimen, which nobody is issued: what the citizen types stays dotted. */
export interface RenderOptions {
  keepBlanks?: boolean;
}

/**
 * Renders the electronic result as an A4 PDF, ready to be signed. A result is complete or not issued: when a field
 * the template prints cannot be filled from the dossier, it throws `ResultIncompleteError` naming the blank fields.
 */
export async function renderResultPdf(input: ResultData, options: RenderOptions = {}): Promise<Uint8Array> {
  checkResultData(input);
  const data: ResultData = { ...input, values: withPlaceNames(input.values, input.places ?? {}) };
  const template = resolveTemplate(data);
  const validity = resultValidity(data, template);
  const w = await startResult(data);
  await drawResultHeader(w, data, resultQrPayload(data, validity));
  const blanks = watchBlanks(w);
  template.body(w, data, validity);
  if (!options.keepBlanks) refuseBlanks(blanks);
  return finishResult(w, data);
}
