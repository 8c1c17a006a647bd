/**
 * A back-office action by an official: the staff action API's entry into the one transition path
 * (src/server/modules/dossiers/transition.ts). The path decides permission (the official's memberships, the dossier's
 * step), applies the rules and the effects and records the event. What a counter payment writes to the payment
 * ledger (an intent born paid, its receipt) is done here first, in the same transaction, and recorded with the entry.
 */
import type { StaffActionInput } from '../../../contract/dossier-actions.ts';
import { now } from '../../clock.ts';
import type { AppContext } from '../../context.ts';
import { prepareTransition, transition, type TransitionResult } from '../dossiers/index.ts';
import type { Staff } from '../officials/index.ts';
import { recordCounterPaymentInTx } from '../payments/index.ts';

export async function performStaffAction(ctx: AppContext, staff: Staff, dossierId: string, input: StaffActionInput): Promise<TransitionResult> {
  const env = await prepareTransition(ctx, dossierId, input.action);
  return ctx.db.transaction(async (tx) => {
    if (input.action !== 'record_payment') return transition(tx, env, dossierId, input, { kind: 'official', staff });
    // The permission and the rule are checked by the transition before anything it does is kept: the ledger write
    // below rolls back with it when the official may not record the payment now.
    const p = input.payment;
    const counter = await recordCounterPaymentInTx(tx, {
      dossierId,
      amount: p.amount,
      method: p.method,
      receiptNumber: p.receiptNumber,
      officialId: staff.actor.id,
      at: now(),
    });
    return transition(tx, env, dossierId, input, { kind: 'official', staff }, { record: { paymentIntentId: counter.intentId, receipt: counter.receipt } });
  });
}
