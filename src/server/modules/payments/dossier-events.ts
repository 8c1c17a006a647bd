/**
 * What the payments module does when a dossier changes (an in-transaction subscriber of the dossier events,
 * registered in src/server/bootstrap.ts): a dossier refused or stopped after it was paid gets its money back — every
 * paid intent is refunded through its gateway or at the counter, in the transaction of the refusal.
 */
import type { DossierSubscriber } from '../dossiers/index.ts';
import { refundDossierInTx } from './ledger.ts';

const DEFAULT_REASON: Partial<Record<string, string>> = { refused: 'Từ chối tiếp nhận hồ sơ', stopped: 'Dừng giải quyết hồ sơ' };

export const refundWhenDossierEnds: DossierSubscriber = async (tx, event, before) => {
  const fallback = DEFAULT_REASON[event.type];
  if (!before || !fallback || before.payment_state !== 'paid') return;
  const reason = typeof event.data.reason === 'string' ? event.data.reason : fallback;
  await refundDossierInTx(tx, event.dossierId, reason, new Date(event.at));
};
