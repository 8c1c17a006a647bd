/**
 * The catalogue module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as catalogueRoutes } from './routes.ts';
export {
  catalogueCache,
  getVersion,
  importCatalogue,
  listVersions,
  readCatalogueFiles,
  seedCatalogue,
  writeVersion,
  type ProcedureVersion,
} from './service.ts';
