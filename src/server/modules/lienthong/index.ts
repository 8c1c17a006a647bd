/**
 * The liên thông module's public entry (linked procedures across agencies; docs/integrations.md "Liên thông"):
 * bundle types as data, the bundle created with its member dossiers when the parent procedure is submitted,
 * hand-offs to other agencies through adapters with their evidence, escalations, the citizen's and the public views.
 */
export { default as lienthongRoutes } from './routes.ts';
export { lienthongSubscriber } from './bundles.ts';
export { escalateOverdue, escalationJob, HANDOFF_TOPIC, handoffHandlers } from './handoffs.ts';
export { agencyUrls } from './adapters.ts';
export { bundleTypes } from './types.ts';
