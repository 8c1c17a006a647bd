/** The feedback/complaints (PAKN) module's public entry (docs/feedback.md). */
export { default as feedbackRoutes } from './routes.ts';
export { factsOf, feedbackIndicators, feedbackRules, votesOf } from './service.ts';
export { importNationalQa, NATIONAL_QA_LISTS, type QaImportReport } from './national-import.ts';
export { feedbackFollowUpSubscriber } from './follow-up.ts';
export {
  FEEDBACK_MAILBOX_HELP,
  type FeedbackMailbox,
  receiveFeedbackMail,
  runFeedbackMailboxCommand,
  seedFeedbackMailboxes,
  startFeedbackMailbox,
} from './mailbox.ts';
