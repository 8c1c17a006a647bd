/**
 * The assistant module's public entry (docs/assistant.md): its routes, and the Generator interface an operator
 * may implement to phrase answers with a language model.
 */
export { default as assistantRoutes } from './routes.ts';
export { type GenerationInput, type Generator, OpenAiCompatibleGenerator } from './generator.ts';
export { default as lifeEventRoutes, lifeEventNoticeJob, queueLifeEventNotices, suggestionsFor } from './life-events.ts';
