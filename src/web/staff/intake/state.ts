/** The state of one counter intake, carried from step to step, and where each server error belongs. */
import type { IdentityCheckResult, IntakePrefill } from '../../api/types.ts';
import type { ShownError } from '../../journey/ErrorSummary.tsx';

export interface Scan {
  uploadId: string;
  name: string;
  size: number;
}

/** A document of the citizen's personal store used instead of a scan. */
export interface StoredPick {
  storeDocumentId: string;
  title: string;
}

export interface IntakeState {
  identity: IdentityCheckResult | null;
  /** 1 in person at the counter, 3 by post. */
  channel: 1 | 3;
  waybill: string;
  procedureCode: string;
  caseCode: string;
  prefill: IntakePrefill | null;
  values: Record<string, unknown>;
  /** Scans by document requirement code. */
  scans: Record<string, Scan[]>;
  /** Documents taken from the citizen's store, by document requirement code. */
  stored: Record<string, StoredPick[]>;
  phone: string;
  email: string;
  resultDelivery: 'counter' | 'post' | 'online';
  note: string;
}

export const emptyIntake = (): IntakeState => ({
  identity: null,
  channel: 1,
  waybill: '',
  procedureCode: '',
  caseCode: '',
  prefill: null,
  values: {},
  scans: {},
  stored: {},
  phone: '',
  email: '',
  resultDelivery: 'counter',
  note: '',
});

export const STEPS = ['identity', 'procedure', 'form', 'scans', 'contact', 'review'] as const;
export type StepKey = (typeof STEPS)[number];

export interface StepProps {
  state: IntakeState;
  /** Merges a change into the state; a function receives the latest state (for changes made after an await). */
  update: (patch: Partial<IntakeState> | ((s: IntakeState) => Partial<IntakeState>)) => void;
  errors: ShownError[];
  setErrors: (errors: ShownError[]) => void;
  next: () => void;
}

/**
 * A server error path (INTAKE_INVALID details.errors[].path) as the id suffix of the field it is about
 * (ErrorSummary links to `#f-<suffix>`), and the step that shows that field.
 */
export function placeError(path: string, formKeys: readonly string[]): { path: string; step: StepKey } {
  if (path.startsWith('documents.')) return { path: `doc-${path.slice('documents.'.length)}`, step: 'scans' };
  if (path === 'contact.phone') return { path: 'contactPhone', step: 'contact' };
  if (path === 'contact.email') return { path: 'contactEmail', step: 'contact' };
  if (path === 'waybill') return { path: 'waybill', step: 'procedure' };
  const root = path.split(/[.[]/)[0];
  if (root && formKeys.includes(root)) return { path, step: 'form' };
  return { path: 'submit', step: 'review' };
}

/** The components of the intake as the API takes them: scans and documents taken from the store. */
export const intakeDocuments = (
  s: Pick<IntakeState, 'scans' | 'stored'>,
): ({ requirementCode: string; uploadId: string } | { requirementCode: string; storeDocumentId: string })[] => [
  ...Object.entries(s.scans).flatMap(([requirementCode, scans]) => scans.map((x) => ({ requirementCode, uploadId: x.uploadId }))),
  ...Object.entries(s.stored).flatMap(([requirementCode, picks]) => picks.map((x) => ({ requirementCode, storeDocumentId: x.storeDocumentId }))),
];

/** The keys of every field of the form (top level), to recognise the paths of form errors. */
export const formKeys = (prefill: IntakePrefill | null): string[] => prefill?.form.pages.flatMap((p) => p.fields.map((f) => f.key)) ?? [];
