/**
 * The applicant signs the dossier's declaration remotely (issue 16 item 7), on the dossier page, for the procedures
 * that need the applicant's own signature (certification of a signature or of a contract): MotCua finds the
 * citizen's personal certificate at the remote-signing service and the service sends a one-time code; the citizen
 * types it and the declaration is signed (PAdES) without the private key ever leaving the service. Once signed the
 * page says "Đã ký" with who and when, and offers the signed PDF.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclarationOtpSent, DeclarationSigned, DeclarationStatus } from '../../contract/results.ts';
import { api } from '../api/client.ts';
import { apiQuery } from '../data/query.ts';
import { errorText, firstIssueText } from '../data/errors.ts';
import { formatDate, formatDateTime } from '../format.ts';
import '../i18n/journey.ts';

const statusKey = (id: string) => ['citizen', 'dossiers', id, 'declaration'] as const;

export function DeclarationSigning({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const titleId = useId();
  const base = `/api/my/dossiers/${encodeURIComponent(dossierId)}/declaration`;
  const status = useQuery(apiQuery<DeclarationStatus>(statusKey(dossierId), base));
  const [otp, setOtp] = useState('');
  const [credential, setCredential] = useState<DeclarationOtpSent | null>(null);
  const otpRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const sendOtp = useMutation({
    mutationFn: () => api<DeclarationOtpSent>(`${base}/otp`, { method: 'POST', body: {} }),
    onSuccess: (r) => {
      setCredential(r);
      setOtp('');
      requestAnimationFrame(() => otpRef.current?.focus());
    },
  });
  const sign = useMutation({
    mutationFn: () => api<DeclarationSigned>(`${base}/signature`, { method: 'POST', body: { otp: otp.trim() } }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: statusKey(dossierId) });
      requestAnimationFrame(() => doneRef.current?.focus());
    },
  });
  const s = status.data;
  if (!s?.signable) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    sign.mutate();
  };
  const signError = sign.error ? firstIssueText(sign.error, t('journey.declaration.signError')) : null;
  return (
    <section className="declaration-signing" aria-labelledby={titleId} data-testid="declaration-signing">
      <h2 id={titleId}>{t('journey.declaration.title')}</h2>
      {s.signed ? (
        <>
          <p className="panel-info" tabIndex={-1} ref={doneRef} data-testid="declaration-signed">
            <span aria-hidden="true">✓ </span>
            {t('journey.declaration.signed', { name: s.signed.signerName, at: formatDateTime(s.signed.signedAt) })}
          </p>
          <a className="button button-secondary" href={`${base}.pdf`} download>
            {t('journey.declaration.download')}
          </a>
        </>
      ) : (
        <>
          <p>{t('journey.declaration.intro')}</p>
          {!credential ? (
            <>
              {sendOtp.error && (
                <p className="error-box" role="alert">
                  {errorText(sendOtp.error, t('journey.declaration.otpError'))}
                </p>
              )}
              <button type="button" className="button button-primary" disabled={sendOtp.isPending} onClick={() => sendOtp.mutate()}>
                {t('journey.declaration.start')}
              </button>
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <fieldset>
                <legend>{t('journey.declaration.credential')}</legend>
                <div className="radio">
                  <input type="radio" id={`${titleId}-cred`} name="credential" value={credential.credentialId} checked readOnly />
                  <label htmlFor={`${titleId}-cred`}>
                    {t('journey.declaration.credentialText', {
                      name: credential.signerName,
                      issuer: credential.issuer,
                      validTo: formatDate(credential.validTo),
                    })}
                  </label>
                </div>
              </fieldset>
              <p role="status">{t('journey.declaration.otpSent')}</p>
              <div className={`form-group${signError ? ' has-error' : ''}`}>
                <label htmlFor={`${titleId}-otp`}>{t('journey.declaration.otp')}</label>
                {signError && (
                  <p className="field-error" id={`${titleId}-otp-error`} role="alert">
                    {signError}
                  </p>
                )}
                <input
                  id={`${titleId}-otp`}
                  ref={otpRef}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  value={otp}
                  aria-describedby={signError ? `${titleId}-otp-error` : undefined}
                  onChange={(e) => setOtp(e.target.value)}
                />
              </div>
              <div className="button-row">
                <button type="submit" className="button button-primary" disabled={sign.isPending}>
                  {t('journey.declaration.sign')}
                </button>
                <button type="button" className="button button-secondary" disabled={sendOtp.isPending} onClick={() => sendOtp.mutate()}>
                  {t('journey.declaration.resend')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
