/**
 * The documents module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as documentRoutes } from './routes.ts';
export { findOwnUpload } from './routes.ts';
