/**
 * The leader's personal signature in "Phê duyệt và ký số" (issue 16 item 7): when the leader's personal certificate
 * is configured at the remote-signing service, they ask for a one-time code and type it before confirming; after the
 * approval signs the result with the unit's certificate, the leader's signature is added beside it
 * (addPersonalSignature below). Without a configured certificate the confirmation says the unit's signature alone.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclarationOtpSent, PersonalSignatureAdded, PersonalSigning } from '../../../contract/results.ts';
import { api } from '../../api/client.ts';
import { apiQuery } from '../../data/query.ts';
import { formatDate } from '../../format.ts';
import { errorMessage } from '../format.ts';

export const personalSigningQuery = () => apiQuery<PersonalSigning>(['staff', 'personal-signing'], '/api/staff/personal-signing');

export function PersonalSignature({ otp, onOtp }: { otp: string; onOtp: (otp: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const configured = useQuery(personalSigningQuery()).data?.configured;
  const send = useMutation({ mutationFn: () => api<DeclarationOtpSent>('/api/staff/personal-signing/otp', { method: 'POST', body: {} }) });
  if (configured === undefined) return null;
  if (!configured)
    return (
      <p className="note" data-testid="personal-signature">
        {t('staff.personalSign.notConfigured')}
      </p>
    );
  const c = send.data;
  return (
    <fieldset className="personal-signature" data-testid="personal-signature">
      <legend>{t('staff.personalSign.title')}</legend>
      <p>{t('staff.personalSign.lead')}</p>
      {send.error && (
        <p className="error-box" role="alert">
          {errorMessage(send.error, t('staff.personalSign.otpError'))}
        </p>
      )}
      {c && <p role="status">{t('staff.personalSign.sent', { name: c.signerName, issuer: c.issuer, validTo: formatDate(c.validTo) })}</p>}
      <button type="button" className="button button-secondary" disabled={send.isPending} onClick={() => send.mutate()}>
        {c ? t('staff.personalSign.resend') : t('staff.personalSign.getOtp')}
      </button>
      {c && (
        <div className="form-group">
          <label htmlFor={`${id}-otp`}>{t('staff.personalSign.otp')}</label>
          <input id={`${id}-otp`} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={otp} onChange={(e) => onOtp(e.target.value.trim())} />
        </div>
      )}
    </fieldset>
  );
}

/** After the approval: the leader's signature beside the unit's; the sentence for the announcement either way. */
export async function addPersonalSignature(dossierId: string, otp: string, t: (k: string, o?: Record<string, unknown>) => string): Promise<string> {
  try {
    const r = await api<PersonalSignatureAdded>(`/api/staff/dossiers/${encodeURIComponent(dossierId)}/result/personal-signature`, {
      method: 'POST',
      body: { otp },
    });
    return t('staff.personalSign.added', { name: r.signerName });
  } catch (e) {
    return t('staff.personalSign.failed', { error: errorMessage(e, t('error.generic')) });
  }
}
