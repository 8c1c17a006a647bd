/**
 * The workflow module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as workflowRoutes } from './routes.ts';
export { performStaffAction } from './staff-actions.ts';
export {
  indexAllPending,
  indexDossiers,
  indexMissing,
  indexPending,
  SEARCH_INDEX_TOPIC,
  searchBackfillJob,
  searchIndexConsumer,
  searchIndexJob,
} from './search-index.ts';
