/**
 * Detection of prefilled values changed by the client (as FormSG does for MyInfo). The server keeps, with the
 * draft, the canonical JSON of every prefilled value; at submission each submitted value is compared with it.
 * A changed field whose policy is "locked" is refused; with "declared" it is accepted and marked as declared by
 * the citizen rather than taken from the national database.
 */
import { canonicalJson } from '../canonical-json.ts';
import type { FormDefinition } from '../catalogue/schema.ts';
import type { Provenance } from './prefill.ts';
import type { FieldError } from './validate.ts';
import { allFields } from './validate.ts';

export interface PrefillCheck {
  errors: FieldError[];
  /** Per prefilled field: where the value came from, or that the citizen changed (declared) it. */
  provenance: Record<string, { source: string; declaredByCitizen: boolean }>;
}

export function checkPrefill(def: FormDefinition, submitted: Record<string, unknown>, prefilled: Record<string, Provenance>): PrefillCheck {
  const errors: FieldError[] = [];
  const provenance: PrefillCheck['provenance'] = {};
  const fields = new Map(allFields(def).map((f) => [f.key, f]));
  for (const [key, p] of Object.entries(prefilled)) {
    const field = fields.get(key);
    if (!field || !(key in submitted)) continue;
    const changed = canonicalJson(submitted[key]) !== canonicalJson(p.value);
    if (changed && (field.prefillPolicy ?? 'locked') === 'locked') {
      errors.push({
        path: key,
        code: 'PREFILL_TAMPERED',
        message: `${field.label}: thông tin lấy từ Cơ sở dữ liệu quốc gia không được sửa. Nếu thông tin sai, vui lòng liên hệ cơ quan quản lý dữ liệu dân cư.`,
      });
    }
    provenance[key] = { source: p.source, declaredByCitizen: changed };
  }
  return { errors, provenance };
}
