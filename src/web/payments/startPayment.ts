/** Starts an online payment with an idempotency key per attempt, then sends the browser to the gateway. */
import { api } from '../api/client.ts';
import type { IntentView } from './types.ts';

export async function startOnlinePayment(dossierId: string, idempotencyKey: string, gateway: 'vnpay' | 'paygov' = 'vnpay'): Promise<void> {
  const intent = await api<IntentView>(`/api/dossiers/${dossierId}/payments`, { method: 'POST', body: { idempotencyKey, gateway } });
  if (!intent.paymentUrl) throw new Error('no payment url');
  window.location.assign(intent.paymentUrl);
}

export const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
