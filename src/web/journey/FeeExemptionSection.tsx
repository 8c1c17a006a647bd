/**
 * Miễn phí, lệ phí: the part of the draft's documents step shown when the case's fees have exemptions
 * (core/fees/exemptions.ts) — the proof of an exemption is one more document. The citizen says which exemption
 * applies, if any ("no" is the default, so nothing changes for everyone else), and attaches the proving document (an
 * upload, or a document of the type the exemption asks for from their personal store); the quote shows the fee
 * falling to 0 once the proof is attached. What is sent is what the server checks at submission: the claim in
 * `meta.feeExemptions`, the proof as a component filed under `MIEN-PHI:<exemption code>`.
 */
import { useTranslation } from 'react-i18next';
import type { FeeExemption, ProcedureCase } from '../../core/catalogue/schema.ts';
import { proofCode } from '../../core/fees/exemptions.ts';
import type { Quote } from '../../core/fees/quote.ts';
import { FeeQuoteTable } from '../payments/FeeQuoteTable.tsx';
import { acceptsStoreDocuments } from '../store/fit.ts';
import { StorePicker, type StoreSource } from '../store/StorePicker.tsx';
import type { ShownError } from './ErrorSummary.tsx';
import { caseExemptions, claimOf } from './exemption-claim.ts';
import { nameOf, useFormLanguage } from './labels.ts';
import type { DraftDocument } from './types.ts';
import { UploadControl } from './UploadControl.tsx';

interface Props {
  kase: ProcedureCase;
  claimed: string[] | undefined;
  documents: DraftDocument[];
  quote: Quote;
  errors: ShownError[];
  store: StoreSource;
  progress: Record<string, number>;
  describe: (d: DraftDocument) => string;
  onClaim: (exemptionCode: string | null) => void;
  onFile: (requirementCode: string, file: File | undefined) => void;
  onStoreDocument: (requirementCode: string, storeDocumentId: string) => void;
  onRemove: (d: DraftDocument) => void;
}

export function FeeExemptionSection({ kase, claimed, documents, quote, errors, store, progress, describe, onClaim, onFile, onStoreDocument, onRemove }: Props) {
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const exemptions = caseExemptions(kase);
  const { exemption, proofs } = claimOf(kase, claimed, documents);
  const proof = exemption ? proofCode(exemption.code) : '';
  const proofErrors = errors.filter((e) => e.path === `doc-${proof}`);
  const claimError = errors.find((e) => e.path === 'feeExemption');
  return (
    <section className="fee-exemption" aria-labelledby="fee-exemption-title">
      <h2 id="fee-exemption-title">{t('journey.steps.fees')}</h2>
      <p>{t('journey.fees.lead')}</p>
      <fieldset className={`form-group${claimError ? ' has-error' : ''}`}>
        <legend>{t('journey.fees.question')}</legend>
        {claimError && (
          <p className="field-error" id="f-feeExemption-error">
            {claimError.message}
          </p>
        )}
        <div className="radios">
          <label>
            <input type="radio" name="feeExemption" id="f-feeExemption" checked={!exemption} onChange={() => onClaim(null)} /> {t('journey.fees.none')}
          </label>
          {exemptions.map((e) => (
            <label key={e.code}>
              <input type="radio" name="feeExemption" value={e.code} checked={exemption?.code === e.code} onChange={() => onClaim(e.code)} /> {nameOf(e, lang)}
            </label>
          ))}
        </div>
      </fieldset>

      {exemption && (
        <div className={`document-row${proofErrors.length ? ' has-error' : ''}`} data-testid="exemption-proof">
          <h3 className="document-name">{t('journey.fees.proof', { name: nameOf(exemption, lang) })}</h3>
          <p className="hint">{t('journey.fees.proofHint')}</p>
          <p className={proofs.length ? 'doc-ok' : 'doc-missing'}>{proofs.length ? t('journey.documents.present') : t('journey.documents.missing')}</p>
          <ul className="attached-documents">
            {proofs.map((a) => (
              <li key={a.uploadId ?? a.storeDocumentId}>
                {describe(a)}{' '}
                <button type="button" className="link-button" onClick={() => onRemove(a)}>
                  {t('journey.documents.remove')}
                  <span className="visually-hidden"> {describe(a)}</span>
                </button>
              </li>
            ))}
          </ul>
          {proofErrors.map((e) => (
            <p key={e.message} className="field-error">
              {e.message}
            </p>
          ))}
          <UploadControl
            id={`f-doc-${proof}`}
            name={t('journey.fees.proof', { name: nameOf(exemption, lang) })}
            progress={progress[proof]}
            onFile={(file) => onFile(proof, file)}
          />
          {acceptsStoreDocuments({ code: proof, name: exemption.name, documentType: exemption.requiredDocumentType }) && (
            <StorePicker
              requirement={{ code: proof, name: nameOf(exemption, lang), documentType: exemption.requiredDocumentType }}
              source={store}
              openLabel={t('journey.documents.storeOpen')}
              chosen={proofs.flatMap((a) => (a.storeDocumentId ? [a.storeDocumentId] : []))}
              onChoose={(doc) => onStoreDocument(proof, doc.id)}
            />
          )}
        </div>
      )}

      <h3>{t('journey.fees.quote')}</h3>
      <FeeQuoteTable quote={quote} id="exemption-fee-quote" />
      {exemption &&
        (proofs.length ? (
          <p className="panel-info" role="status">
            {t('journey.fees.quoteExempted')}
          </p>
        ) : (
          <p className="note" role="status">
            {t('journey.fees.quotePending')}
          </p>
        ))}
    </section>
  );
}
