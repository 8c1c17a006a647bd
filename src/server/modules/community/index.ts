/**
 * The community module's public entry (docs/community.md): community digital teams (assisted sessions, representation,
 * visits) and household coverage. Other files of this folder are internal (docs/adr/0006-module-boundaries.md).
 */
export { default as communityRoutes } from './routes.ts';
export { ASSIST_COOKIE, claimAssistedSession, residentCitizenId } from './assisted.ts';
export { communitySubscriber } from './subscriber.ts';
export { importHouseholds } from './register.ts';
export { DEMO_HELPER_AREAS, seedCommunityDemo } from './demo.ts';
