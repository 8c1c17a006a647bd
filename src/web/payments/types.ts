/** Shapes of the payment API answers: the types of src/contract/payments.ts, under the names the pages import. */
export type { DossierPaymentView, IntentStatusView, IntentView, QuoteLineView, QuoteView, ReconciliationRunView } from '../../contract/payments.ts';
