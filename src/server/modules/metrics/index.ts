/**
 * The metrics module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as metricsRoutes } from './routes.ts';
export { INDEX766_HELP, runIndex766 } from './cli-command.ts';
export { applyFacts, catchUp, rebuildCountersFromFacts } from './counters.ts';
export { freshen, indexReport, resolveUnit } from './report.ts';
export { FACT_COLUMNS, factRow, loadProcedures, type DossierFacts, type FactRow } from './facts.ts';
export { seedMetricsDemo } from './seed.ts';
export { counterTickJob } from './ticker.ts';
