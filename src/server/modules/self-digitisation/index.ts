/** Self-digitisation by the citizen, confirmed against the original at the counter (issue 16 item 2). */
export { selfDigitisationRoutes } from './routes.ts';
export { confirmingUnit, photoCopySubscriber } from './service.ts';
