/** The feedback/complaints (PAKN) module's public entry (docs/feedback.md). */
export { default as feedbackRoutes } from './routes.ts';
export { factsOf, feedbackRules, votesOf } from './service.ts';
