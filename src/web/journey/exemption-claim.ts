/**
 * The fee exemptions of a case and the one a draft claims (with its proving documents): what the draft page needs
 * before the exemption section (FeeExemptionSection.tsx, loaded on demand) shows.
 */
import type { FeeExemption, ProcedureCase } from '../../core/catalogue/schema.ts';
import { proofCode } from '../../core/fees/exemptions.ts';
import type { DraftDocument } from './types.ts';

/** The exemptions of a case's fee lines, each once. */
export function caseExemptions(kase: ProcedureCase): FeeExemption[] {
  const seen = new Map<string, FeeExemption>();
  for (const e of kase.fees.flatMap((l) => l.exemptions)) if (!seen.has(e.code)) seen.set(e.code, e);
  return [...seen.values()];
}

/** The exemption claimed in the draft (one at a time) and its proving documents. */
export function claimOf(kase: ProcedureCase, claimed: string[] | undefined, documents: DraftDocument[]) {
  const exemption = caseExemptions(kase).find((e) => e.code === claimed?.[0]);
  const proofs = exemption ? documents.filter((d) => d.requirementCode === proofCode(exemption.code)) : [];
  return { exemption, proofs };
}
