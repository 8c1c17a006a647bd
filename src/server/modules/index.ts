/** Every domain module, in registration order. Each is `(app, ctx) => Promise<void>`. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import eidStandin from '../standins/eid/index.ts';
import bankStandin from '../standins/bank/index.ts';
import adminRoutes from './admin/routes.ts';
import catalogueRoutes from './catalogue/routes.ts';
import documentRoutes from './documents/routes.ts';
import dossierRoutes from './dossiers/routes.ts';
import identityRoutes from './identity/routes.ts';
import metricsRoutes from './metrics/routes.ts';
import notificationRoutes from './notifications/routes.ts';
import officialRoutes from './officials/routes.ts';
import paymentRoutes from './payments/routes.ts';
import receptionRoutes from './reception/routes.ts';
import referenceRoutes from './reference/routes.ts';
import resultRoutes from './results/routes.ts';
import systemRoutes from './system/routes.ts';
import workflowRoutes from './workflow/routes.ts';

export type ModuleRegistration = (app: FastifyInstance, ctx: AppContext) => Promise<void>;

export const modules: ModuleRegistration[] = [systemRoutes, referenceRoutes, catalogueRoutes, eidStandin, identityRoutes, officialRoutes, documentRoutes, dossierRoutes, receptionRoutes, workflowRoutes, resultRoutes, notificationRoutes, adminRoutes, metricsRoutes, paymentRoutes, bankStandin];
