import type { ProcedureDefinition } from '../../core/catalogue/schema.ts';

export interface ProcedureSummary {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: 'toan_trinh' | 'mot_phan';
  competentLevel: 'tinh' | 'xa';
  competentUnitKind: string;
  onlineOnly: boolean;
  timeLimit: { amount: number; unit: string; sameDayRule?: boolean; note?: string };
  hasFee: boolean;
  caseCount: number;
  version: number;
}

export interface ProcedureDetail {
  code: string;
  version: number;
  effectiveFrom: string;
  definition: ProcedureDefinition;
}

export interface SessionInfo {
  authenticated: boolean;
  kind?: 'citizen' | 'official';
  user?: { fullName: string; idNumber?: string };
}
