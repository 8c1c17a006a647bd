/**
 * What a write changes, said once: after each kind of action, the queries whose answers it may have changed are
 * marked stale (the ones on screen are fetched again at once, the others when next shown).
 */
import type { QueryClient } from '@tanstack/react-query';
import { keys } from './keys.ts';

/** An official's action on a dossier (accept, forward, request a supplement, pay at the counter …). */
export function afterStaffAction(qc: QueryClient, dossierId: string): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.staff.dossier(dossierId) }),
    qc.invalidateQueries({ queryKey: keys.staff.inbox() }),
    qc.invalidateQueries({ queryKey: keys.staff.queue() }),
    qc.invalidateQueries({ queryKey: keys.staff.search() }),
    qc.invalidateQueries({ queryKey: keys.payments.dossier(dossierId) }),
  ]).then(() => undefined);
}

/** A citizen's change to a submitted dossier (upload of a supplement, withdrawal, payment, rating). */
export function afterCitizenChange(qc: QueryClient, dossierId: string): Promise<void> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.citizen.dossier(dossierId) }),
    qc.invalidateQueries({ queryKey: keys.citizen.dossiers(), exact: true }),
    qc.invalidateQueries({ queryKey: keys.payments.dossier(dossierId) }),
  ]).then(() => undefined);
}
