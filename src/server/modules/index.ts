/** Every domain module, in registration order. Each is `(app, ctx) => Promise<void>`. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import eidStandin from '../standins/eid/index.ts';
import bankStandin from '../standins/bank/index.ts';
import paygovStandin from '../standins/paygov/index.ts';
import bhxhStandin from '../standins/bhxh/index.ts';
import cutruStandin from '../standins/cutru/index.ts';
import dvcqgStandin from '../standins/dvcqg/index.ts';
import smsStandin from '../standins/sms/index.ts';
import zaloStandin from '../standins/zalo/index.ts';
import cscStandin from '../standins/csc/index.ts';
import { adminRoutes, procedureAdminRoutes } from './admin/index.ts';
import { auditRoutes } from './audit/index.ts';
import { assistantRoutes } from './assistant/index.ts';
import { lifeEventRoutes } from './assistant/index.ts';
import { feedbackRoutes } from './feedback/index.ts';
import { communityRoutes } from './community/index.ts';
import { catalogueRoutes } from './catalogue/index.ts';
import { documentRoutes } from './documents/index.ts';
import { digitisationRoutes } from './digitisation/index.ts';
import { dossierRoutes } from './dossiers/index.ts';
import { identityRoutes } from './identity/index.ts';
import { lienthongRoutes } from './lienthong/index.ts';
import { metricsRoutes } from './metrics/index.ts';
import { nationalSyncRoutes } from './national-sync/index.ts';
import { nationalQaRoutes } from './national-sync/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { officialRoutes } from './officials/index.ts';
import { paymentRoutes } from './payments/index.ts';
import { receptionRoutes } from './reception/index.ts';
import { recognitionRoutes } from './recognition/index.ts';
import { referenceRoutes } from './reference/index.ts';
import { resultRoutes } from './results/index.ts';
import { selfDigitisationRoutes } from './self-digitisation/index.ts';
import { systemRoutes } from './system/index.ts';
import { workflowRoutes } from './workflow/index.ts';

export type ModuleRegistration = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

export const modules: ModuleRegistration[] = [
  // First: its onSend hook records the reads of personal data of the routes registered after it.
  auditRoutes,
  systemRoutes,
  referenceRoutes,
  catalogueRoutes,
  eidStandin,
  identityRoutes,
  officialRoutes,
  documentRoutes,
  dossierRoutes,
  receptionRoutes,
  workflowRoutes,
  resultRoutes,
  notificationRoutes,
  adminRoutes,
  procedureAdminRoutes,
  metricsRoutes,
  paymentRoutes,
  bankStandin,
  paygovStandin,
  recognitionRoutes,
  lienthongRoutes,
  cutruStandin,
  bhxhStandin,
  dvcqgStandin,
  nationalSyncRoutes,
  zaloStandin,
  smsStandin,
  assistantRoutes,
  feedbackRoutes,
  nationalQaRoutes,
  lifeEventRoutes,
  communityRoutes,
  digitisationRoutes,
  selfDigitisationRoutes,
  cscStandin,
];
