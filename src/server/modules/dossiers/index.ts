/**
 * The dossiers module's public entry: what the rest of the server may use (other files of this folder are
 * internal; see docs/adr/0006-module-boundaries.md).
 */
export { default as dossierRoutes } from './routes.ts';
export { appendAction, chainedActionRow, GENESIS_HASH, hashEntry, verifyActionLog, type ActionEntry } from './action-log.ts';
export { assignDossierCode, drawNumberDuring, reserveDossierCode, reserveDossierCodeDuring } from './codes.ts';
export { resolveUploads, type CaseRules, type DossierPatch, type DossierRow } from './effects.ts';
export { DOSSIER_EVENT_TOPIC, eventRouter, type EventConsumer } from './events.ts';
export { draftExpiryJob, expireDrafts } from './drafts.ts';
export { possibleDuplicates, recordSubjects, type PossibleDuplicate } from './duplicates.ts';
export { actionLabel, lookupSecretMatches } from './public-view.ts';
export { loadTask, type TaskRow } from './tasks.ts';
export { requestWithdrawal, supplyOnline } from './queries.ts';
export { communes, EMAIL, PHONE, prefillForPerson, sealSecret, vnToday } from './submission-checks.ts';
export {
  authView,
  caseRules,
  createDossier,
  prepareTransition,
  runTransition,
  transition,
  type CreatedDossier,
  type DossierSubscriber,
  type NewDocument,
  type NewDossier,
  type TransitionActor,
  type TransitionEnv,
  type TransitionResult,
} from './transition.ts';
export type { TransitionInput } from './transition-input.ts';
// Community helpers (modules/community): a submission on a resident's behalf under a representation.
export { submitDossier, type OnBehalf } from './submission.ts';
export { checkSubmission, startDraft } from './submission-checks.ts';
export { updateDraft } from './drafts.ts';
export { digitisationRiskReport, type RiskReportRow } from './digitisation-guard.ts';
