/**
 * Public verification of electronic results, for anyone (a bank, another agency, the holder), without logging in:
 *
 * - /verify/:id — the target of the QR code printed on every result: its state in words, icon and colour (valid,
 *   expired, revoked, replaced, not issued), and the facts of the register (title, number, issuing agency, signer,
 *   times, validity, scope, masked holder, dossier code, SHA-256). A revoked result stays visible with its reason
 *   (NĐ 45/2020).
 * - /verify — a PDF uploaded and checked: the digital signature verified cryptographically (who signed, when, whether
 *   the signature covers the whole file), and the file's hash compared with the register.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, csrfToken } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { publicQueries } from '../data/queries.ts';
import type { PublicResult, PublicResultState, VerifyFileResponse, VerifyVerdict } from '../api/types.ts';
import { formatDate, formatDay } from '../format.ts';
import { vnClock } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import '../i18n/verify.ts';

type Tone = 'ok' | 'warn' | 'bad';
const STATE_TONE: Record<PublicResultState, Tone> = { valid: 'ok', expired: 'warn', not_issued: 'warn', cancelled: 'bad', replaced: 'bad' };
const TONE_ICON: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✗' };

function useAt() {
  const { t } = useTranslation();
  return (iso: string | null | undefined) => (iso ? t('verify.at', { time: vnClock(iso), date: formatDate(iso) }) : '');
}

/** The state of a result in large words, with an icon and a colour, and why when it no longer counts. */
function ResultState({ r }: { r: PublicResult }) {
  const { t } = useTranslation();
  const at = useAt();
  const tone = STATE_TONE[r.state];
  return (
    <div className={`verdict verdict-${tone}`} data-testid="verify-state">
      <p className="verdict-title">
        <span className="verdict-icon" aria-hidden="true">
          {TONE_ICON[tone]}
        </span>
        <span className="visually-hidden">{t('verify.statusLabel')}: </span>
        <span data-testid="verify-state-name">{t(`verify.state.${r.state}`)}</span>
      </p>
      <p>{t(`verify.stateText.${r.state}`, { unit: r.issuingUnit, date: formatDay(r.validTo) })}</p>
      {r.statusReason && (
        <p>
          <strong>{t('verify.statusReason')}:</strong> <span data-testid="verify-reason">{r.statusReason}</span>
        </p>
      )}
      {r.statusAt && r.state !== 'valid' && (
        <p>
          <strong>{t('verify.statusAt')}:</strong> <time dateTime={r.statusAt}>{at(r.statusAt)}</time>
        </p>
      )}
      {r.replacedBy && (
        <p>
          <Link to={`/verify/${r.replacedBy}`}>{t('verify.replacedBy')}</Link>
        </p>
      )}
    </div>
  );
}

/** What the register says about a result. */
function ResultFacts({ r }: { r: PublicResult }) {
  const { t, i18n } = useTranslation();
  const at = useAt();
  return (
    <>
      <dl className="summary-list verify-facts">
        <div>
          <dt>{t('verify.docTitle')}</dt>
          <dd data-testid="verify-title">{r.title}</dd>
        </div>
        <div>
          <dt>{t('verify.number')}</dt>
          <dd data-testid="verify-number">{r.number}</dd>
        </div>
        <div>
          <dt>{t('verify.issuingUnit')}</dt>
          <dd>{r.issuingUnit}</dd>
        </div>
        <div>
          <dt>{t('verify.signer')}</dt>
          <dd>
            {r.signer.name}
            {r.signer.title ? ` – ${r.signer.title}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('verify.certificate')}</dt>
          <dd>{r.signer.certificate}</dd>
        </div>
        <div>
          <dt>{t('verify.signedAt')}</dt>
          <dd>
            <time dateTime={r.signedAt}>{at(r.signedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('verify.issuedAt')}</dt>
          <dd>{r.issuedAt ? <time dateTime={r.issuedAt}>{at(r.issuedAt)}</time> : t('verify.notIssued')}</dd>
        </div>
        <div>
          <dt>{t('verify.validity')}</dt>
          <dd>
            {r.validTo
              ? t('verify.validFromTo', { from: formatDay(r.validFrom), to: formatDay(r.validTo) })
              : t('verify.validFrom', { from: formatDay(r.validFrom) })}
          </dd>
        </div>
        {r.scope && (
          <div>
            <dt>{t('verify.scope')}</dt>
            <dd>{r.scope}</dd>
          </div>
        )}
        <div>
          <dt>{i18n.language.startsWith('en') ? t('verify.subject') : r.subject.label}</dt>
          <dd>
            {r.subject.name}
            {r.subject.idNumber && ` (${t('verify.ownerId').toLocaleLowerCase()}: ${r.subject.idNumber})`}
          </dd>
        </div>
        <div>
          <dt>{t('verify.owner')}</dt>
          <dd>
            {r.owner.name} ({t('verify.ownerId').toLocaleLowerCase()}: {r.owner.idNumber})
          </dd>
        </div>
        {r.dossierCode && (
          <div>
            <dt>{t('verify.dossierCode')}</dt>
            <dd>{r.dossierCode}</dd>
          </div>
        )}
        {r.procedureName && (
          <div>
            <dt>{t('verify.procedure')}</dt>
            <dd>{r.procedureName}</dd>
          </div>
        )}
        <div>
          <dt>{t('verify.sha256')}</dt>
          <dd>
            <code className="hash">{r.sha256}</code>
          </dd>
        </div>
      </dl>
      <p className="muted">{t('verify.maskedNote')}</p>
    </>
  );
}

export function VerifyResultPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery(publicQueries.result(id));
  const r = query.data ?? null;
  const e = query.error;
  const error = e ? (e instanceof ApiError && e.status === 404 ? t('verify.notFound') : errorText(e, t('error.generic'))) : null;
  const heading = usePageTitle(r ? `${t('verify.title')}: ${r.number}` : t('verify.title'));
  return (
    <section className="verify-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('verify.title')}
      </h1>
      <p className="lead">{t('verify.lead')}</p>
      {error ? (
        <div className="verdict verdict-bad" role="alert">
          <p className="verdict-title">
            <span className="verdict-icon" aria-hidden="true">
              ✗
            </span>{' '}
            {error}
          </p>
        </div>
      ) : !r ? (
        <p role="status">{t('verify.loading')}</p>
      ) : (
        <>
          <ResultState r={r} />
          <h2>{t('verify.facts')}</h2>
          <ResultFacts r={r} />
        </>
      )}
      <p>
        {t('verify.checkFile')} <Link to="/verify">{t('verify.checkFileLink')}</Link>.
      </p>
    </section>
  );
}

const VERDICT_TONE: Record<VerifyVerdict | 'unsigned', Tone> = { ...STATE_TONE, signature_invalid: 'bad', unsigned: 'bad', not_registered: 'warn' };

export function VerifyFilePage() {
  const { t } = useTranslation();
  const at = useAt();
  const heading = usePageTitle(t('verify.file.title'));
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  // A multipart upload (api() sends JSON): the same fetch, as a mutation.
  const verify = useMutation({
    mutationFn: async (f: File) => {
      const form = new FormData();
      form.append('file', f);
      const res = await fetch('/api/public/verify', {
        method: 'POST',
        body: form,
        headers: { accept: 'application/json', 'x-csrf-token': csrfToken() },
        credentials: 'same-origin',
      });
      const body = (await res.json().catch(() => null)) as (VerifyFileResponse & { error?: { code: string; message: string } }) | null;
      if (!res.ok || !body) throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? t('error.generic'));
      return { name: f.name, r: body };
    },
  });
  const checked = verify.data ?? null;
  const busy = verify.isPending;
  const failure = verify.error;
  const error = missingFile
    ? t('verify.file.required')
    : failure
      ? failure instanceof ApiError && failure.code === 'NOT_A_PDF'
        ? t('verify.file.notPdf')
        : errorText(failure, t('error.generic'))
      : null;
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (checked) resultHeading.current?.focus();
  }, [checked]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissingFile(!file);
    if (file) verify.mutate(file);
  };

  const r = checked?.r;
  const verdict: VerifyVerdict | 'unsigned' | null = r ? (r.verdict === 'signature_invalid' && r.signatures.length === 0 ? 'unsigned' : r.verdict) : null;
  const tone = verdict ? VERDICT_TONE[verdict] : 'ok';
  const yesNo = (v: boolean) => (v ? t('verify.file.yes') : t('verify.file.no'));
  return (
    <section className="verify-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('verify.file.title')}
      </h1>
      <p className="lead">{t('verify.file.lead')}</p>
      <form onSubmit={submit} noValidate className="verify-form">
        <div className={`form-group${error ? ' has-error' : ''}`}>
          <label htmlFor="f-file">{t('verify.file.label')}</label>
          <p className="hint" id="f-file-hint">
            {t('verify.file.hint')}
          </p>
          {error && (
            <p className="field-error" id="f-file-error" role="alert">
              {error}
            </p>
          )}
          <input
            id="f-file"
            type="file"
            accept="application/pdf,.pdf"
            aria-describedby={`f-file-hint${error ? ' f-file-error' : ''}`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setMissingFile(false);
              if (verify.isError) verify.reset();
            }}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('verify.file.checking') : t('verify.file.submit')}
        </button>
      </form>
      <div aria-live="polite">{busy && <p>{t('verify.file.checking')}</p>}</div>
      {checked && r && verdict && (
        <section aria-labelledby="verify-result-title" className="verify-result">
          <h2 id="verify-result-title" ref={resultHeading} tabIndex={-1}>
            {t('verify.file.result', { name: checked.name })}
          </h2>
          <div className={`verdict verdict-${tone}`} data-testid="verify-verdict">
            <p className="verdict-title">
              <span className="verdict-icon" aria-hidden="true">
                {TONE_ICON[tone]}
              </span>{' '}
              {t(`verify.file.verdict.${verdict}`)}
            </p>
            {verdict === 'signature_invalid' || verdict === 'unsigned' || verdict === 'not_registered' ? (
              <p>{t(`verify.file.verdictText.${verdict}`)}</p>
            ) : (
              r.registered && (
                <>
                  <p>{t('verify.file.verdictText.registered', { number: r.registered.number })}</p>
                  <p>{t(`verify.stateText.${r.registered.state}`, { unit: r.registered.issuingUnit, date: formatDay(r.registered.validTo) })}</p>
                  {r.registered.statusReason && (
                    <p>
                      <strong>{t('verify.statusReason')}:</strong> {r.registered.statusReason}
                    </p>
                  )}
                </>
              )
            )}
          </div>

          <h3>{t('verify.file.signatures')}</h3>
          {r.signatures.length === 0 ? (
            <p>{t('verify.file.verdictText.unsigned')}</p>
          ) : (
            <ol className="signature-list">
              {r.signatures.map((s, i) => (
                <li key={i} data-testid="signature">
                  <p className={s.valid ? 'doc-ok' : 'doc-missing'}>
                    <span className="visually-hidden">{t('verify.file.signatureN', { n: i + 1 })}: </span>
                    {s.valid ? t('verify.file.sigValid') : t('verify.file.sigInvalid')}
                  </p>
                  <dl className="summary-list verify-facts">
                    <div>
                      <dt>{t('verify.file.signerName')}</dt>
                      <dd>{s.signerName ?? t('verify.file.unknown')}</dd>
                    </div>
                    <div>
                      <dt>{t('verify.file.signingTime')}</dt>
                      <dd>{s.signingTime ? <time dateTime={s.signingTime}>{at(s.signingTime)}</time> : t('verify.file.unknown')}</dd>
                    </div>
                    <div>
                      <dt>{t('verify.file.chainTrusted')}</dt>
                      <dd>{yesNo(s.chainTrusted)}</dd>
                    </div>
                    <div>
                      <dt>{t('verify.file.coversWholeFile')}</dt>
                      <dd>{yesNo(s.coversWholeFile)}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ol>
          )}

          <h3>{t('verify.file.register')}</h3>
          {r.registered ? (
            <>
              <ResultFacts r={r.registered} />
              <p>
                <Link to={`/verify/${r.registered.id}`}>{t('verify.file.openRecord')}</Link>
              </p>
            </>
          ) : (
            <p>{t('verify.file.notRegistered')}</p>
          )}
          <h3>{t('verify.file.fileHash')}</h3>
          <p>
            <code className="hash">{r.sha256}</code>
          </p>
        </section>
      )}
    </section>
  );
}
