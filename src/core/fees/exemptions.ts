/**
 * Fee exemptions (miễn phí, lệ phí: poor households, people with disabilities, families with revolutionary merit …)
 * are granted only with their proving document. A claim names the exemption code; its proof is a document
 * attached to the dossier under the requirement code `MIEN-PHI:<code>`, of the document type the fee line asks
 * for when it comes from the personal document store (an upload is checked by the official at reception).
 */
import type { FeeLine } from '../catalogue/schema.ts';

export const EXEMPTION_PROOF_PREFIX = 'MIEN-PHI:';
export const proofCode = (exemptionCode: string) => `${EXEMPTION_PROOF_PREFIX}${exemptionCode}`;

export interface ExemptionProof {
  /** The exemption code this document proves. */
  exemptionCode: string;
  /** Document type of a store document; undefined for an upload. */
  documentType?: string | null;
}

export interface ExemptionCheck {
  granted: string[];
  problems: { path: string; code: string; message: string }[];
}

export function checkExemptionClaims(lines: readonly FeeLine[], claimed: readonly string[], proofs: readonly ExemptionProof[]): ExemptionCheck {
  const out: ExemptionCheck = { granted: [], problems: [] };
  for (const code of [...new Set(claimed)]) {
    const def = lines.flatMap((l) => l.exemptions).find((e) => e.code === code);
    if (!def) {
      out.problems.push({
        path: `meta.feeExemptions.${code}`,
        code: 'EXEMPTION_UNKNOWN',
        message: 'Trường hợp miễn phí, lệ phí đã chọn không áp dụng cho thủ tục này.',
      });
      continue;
    }
    const proof = proofs.find(
      (p) => p.exemptionCode === code && (p.documentType === undefined || p.documentType === null || p.documentType === def.requiredDocumentType),
    );
    if (!proof) {
      out.problems.push({
        path: `documents.${proofCode(code)}`,
        code: 'EXEMPTION_PROOF_MISSING',
        message: `Thiếu giấy tờ chứng minh được miễn phí, lệ phí: ${def.name}.`,
      });
      continue;
    }
    out.granted.push(code);
  }
  return out;
}
