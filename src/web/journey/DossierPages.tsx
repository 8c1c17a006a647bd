/**
 * The citizen's pages about submitted dossiers: the confirmation after submitting, "my dossiers", one dossier (its
 * state, the fee and any exemption, the result, a supplement asked for, the timeline, withdrawal) and the public
 * lookup by code. Data through TanStack Query (journey/queries.ts); every change the citizen makes here invalidates
 * the dossier (data/invalidate.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { foldVietnamese } from '../../core/catalogue/search.ts';
import { EXEMPTION_PROOF_PREFIX } from '../../core/fees/exemptions.ts';
import { api } from '../api/client.ts';
import type { CitizenDossierResult, SupplementRequest } from '../api/types.ts';
import { errorText, firstIssueText } from '../data/errors.ts';
import { afterCitizenChange } from '../data/invalidate.ts';
import { keys } from '../data/keys.ts';
import { catalogueQueries } from '../data/queries.ts';
import { formatDate, formatDateTime, formatDay, vnClockOf, vnToday } from '../format.ts';
import '../i18n/journey.ts';
import { lazyNamed, LazyPanel } from '../lazy.tsx';
import { DossierMessages } from '../notifications/DossierMessages.tsx';
import { PaymentPanel } from '../payments/PaymentPanel.tsx';
import { loginHref, useSession } from '../session.tsx';
import { statusName } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { ErrorSummary, type ShownError } from './ErrorSummary.tsx';
import { AnswerValue } from './fields.tsx';
import { dossierProcedureName, labelOf, nameOf, titleOf, useFormLanguage } from './labels.ts';
import { journeyQueries } from './queries.ts';
import type { DossierDetail, TimelineEntry } from './types.ts';
import { uploadFile } from './upload.ts';
import { UploadControl } from './UploadControl.tsx';
import { PrintIcon } from '../components/icons.tsx';

// Parts that only some dossiers show, loaded on demand (issue 18, light first load): the link to an inter-agency
// bundle, the declaration's remote signing, the rating of a finished dossier.
const BundleLink = lazyNamed(() => import('../lienthong/BundlePages.tsx'), 'BundleLink');
const DeclarationSigning = lazyNamed(() => import('./DeclarationSigning.tsx'), 'DeclarationSigning');
const RatingForm = lazyNamed(() => import('../metrics/RatingForm.tsx'), 'RatingForm');

/** A status in the interface language (the API sends the Vietnamese name; English from the national status table). */
function useStatusName() {
  const { i18n } = useTranslation();
  return (status: { code?: number; name: string }) =>
    status.code === undefined ? status.name : statusName(i18n.language, { code: status.code, name: status.name });
}

/** "09:45 ngày 16/03/2026" / "09:45 on 16/03/2026" in Vietnam time. */
function useDueText() {
  const { t } = useTranslation();
  return (iso: string) => t('journey.dossier.at', { time: vnClockOf(iso), date: formatDate(iso) });
}

function Timeline({ items }: { items: TimelineEntry[] }) {
  return (
    <ol className="timeline">
      {items.map((t, i) => (
        <li key={i}>
          <time dateTime={t.at}>{formatDateTime(t.at)}</time> — <strong>{t.label}</strong>
          {t.statusName && <span className="muted"> ({t.statusName})</span>}
          {t.note && <p>{t.note}</p>}
        </li>
      ))}
    </ol>
  );
}

/** A QR code of a text, drawn in the browser once per text. */
function useQr(text: string | null) {
  return useQuery({
    queryKey: keys.qr(text ?? ''),
    // The QR code library loads on demand, the first time a code is drawn.
    queryFn: () => import('qrcode').then((m) => m.default.toDataURL(text!, { margin: 1, width: 180 })),
    enabled: !!text,
    staleTime: Infinity,
    retry: false,
  }).data;
}

/** A dossier's procedure name in the interface language (`dossierProcedureName`), marked Vietnamese where it stays so. */
function ProcedureNameText({ d }: { d: { procedureName: string; procedureNameEn: string | null } }) {
  const name = dossierProcedureName(d, useFormLanguage());
  return <span lang={name.lang}>{name.text}</span>;
}

export function ConfirmationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const query = useQuery(journeyQueries.dossier(id));
  const d = query.data;
  const heading = usePageTitle(t('journey.confirmation.title'));
  const qr = useQr(d ? `${window.location.origin}/tra-cuu?ma=${encodeURIComponent(d.code)}` : null);
  if (query.error)
    return (
      <div className="error-box" role="alert">
        {errorText(query.error, t('journey.dossier.loadError'))}
      </div>
    );
  if (!d) return <p role="status">{t('common.loading')}</p>;
  return (
    <section>
      <div className="panel-success">
        <h1 ref={heading} tabIndex={-1}>
          {t('journey.confirmation.heading')}
        </h1>
        <p>{t('journey.confirmation.codeLabel')}</p>
        <p className="dossier-code" data-testid="dossier-code">
          {d.code}
        </p>
      </div>
      <p>{t('journey.confirmation.sent', { name: dossierProcedureName(d, lang).text, at: formatDateTime(d.submittedAt) })}</p>
      <LazyPanel quiet>
        <DeclarationSigning dossierId={d.id} />
      </LazyPanel>
      <h2>{t('journey.confirmation.next')}</h2>
      <ol>
        <li>{t('journey.confirmation.step1')}</li>
        <li>{t('journey.confirmation.step2')}</li>
        <li>{t('journey.confirmation.step3')}</li>
      </ol>
      {qr && (
        <figure className="qr">
          <img src={qr} alt={t('journey.confirmation.qrAlt', { code: d.code })} width={180} height={180} />
          <figcaption>{t('journey.confirmation.qrCaption')}</figcaption>
        </figure>
      )}
      <p className="no-print">
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          <PrintIcon /> {t('portal.receipt.print')}
        </button>
      </p>
      <LazyPanel quiet>
        <BundleLink dossierCode={d.code} />
      </LazyPanel>
      <p>
        <Link to={`/ho-so-cua-toi/${d.id}`}>{t('journey.confirmation.progress')}</Link> · <Link to="/ho-so-cua-toi">{t('journey.confirmation.mine')}</Link>
      </p>
    </section>
  );
}

export function MyDossiersPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const status = useStatusName();
  const heading = usePageTitle(t('journey.mine.title'));
  const loggedIn = !!session?.authenticated;
  const dossiers = useQuery({ ...journeyQueries.dossiers(), enabled: loggedIn });
  const drafts = useQuery({ ...journeyQueries.drafts(), enabled: loggedIn }).data?.items ?? [];
  if (session && !session.authenticated) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>
          {t('journey.mine.title')}
        </h1>
        <p>
          <a href={loginHref('/ho-so-cua-toi')}>{t('journey.mine.login')}</a> {t('journey.mine.loginToSee')}
        </p>
      </section>
    );
  }
  const items = dossiers.data?.items;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('journey.mine.title')}
      </h1>
      {drafts.length > 0 && (
        <>
          <h2>{t('journey.mine.drafts')}</h2>
          <ul className="cards" aria-label={t('journey.mine.draftsLabel')}>
            {drafts.map((d) => (
              <li key={d.id} className="card">
                <Link to={`/ho-so-nhap/${d.id}`}>{t('journey.mine.resume', { code: d.procedureCode })}</Link>
                <p className="muted">
                  {t('journey.mine.draftFacts', { saved: formatDateTime(d.updatedAt), expires: formatDate(d.expiresAt) })}
                  {d.expiresSoon ? t('journey.mine.expiresSoon') : ''}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('journey.mine.submitted')}</h2>
      {dossiers.error ? (
        <div className="error-box" role="alert">
          {errorText(dossiers.error, t('journey.mine.loadError'))}
        </div>
      ) : !items ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('journey.mine.none')}</p>
      ) : (
        <ul className="cards" aria-label={t('journey.mine.submittedLabel')}>
          {items.map((d) => (
            <li key={d.id} className="card">
              <Link to={`/ho-so-cua-toi/${d.id}`}>
                <ProcedureNameText d={d} />
              </Link>
              <p className="muted">{t('journey.mine.facts', { code: d.code, status: status(d.status), at: formatDateTime(d.submittedAt) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DossierDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useStatusName();
  const dueText = useDueText();
  const query = useQuery(journeyQueries.dossier(id));
  const d = query.data;
  const [reason, setReason] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const announceRef = useRef<HTMLParagraphElement>(null);
  const heading = usePageTitle(d ? t('journey.dossier.title', { code: d.code }) : t('journey.dossier.titleShort'));
  const withdraw = useMutation({
    mutationFn: () => api(`/api/my/dossiers/${encodeURIComponent(id)}/withdrawal`, { method: 'POST', body: { reason } }),
    onSuccess: () => afterCitizenChange(qc, id),
  });
  const supplied = async (result: { dueAt: string | null }) => {
    await afterCitizenChange(qc, id);
    setAnnouncement(result.dueAt ? t('journey.dossier.suppliedDue', { due: dueText(result.dueAt) }) : t('journey.dossier.supplied'));
    requestAnimationFrame(() => announceRef.current?.focus());
  };
  if (query.error)
    return (
      <div className="error-box" role="alert">
        {errorText(query.error, t('journey.dossier.loadError'))}
      </div>
    );
  if (!d) return <p role="status">{t('common.loading')}</p>;
  const withdrawError = withdraw.error ? firstIssueText(withdraw.error, t('journey.dossier.withdrawError')) : null;
  return (
    <section>
      <p className="muted">
        <ProcedureNameText d={d} />
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('journey.dossier.title', { code: d.code })}
      </h1>
      <p role="status" className={announcement ? 'panel-info' : undefined} tabIndex={-1} ref={announceRef}>
        {announcement}
      </p>
      <div className="status-panel" data-testid="citizen-status-panel">
        <dl className="facts">
          <div>
            <dt>{t('journey.dossier.status')}</dt>
            <dd data-testid="citizen-status">{status(d.status)}</dd>
          </div>
          <div>
            <dt>{t('journey.dossier.submittedAt')}</dt>
            <dd>{formatDateTime(d.submittedAt)}</dd>
          </div>
          {d.dueAt && (
            <div>
              <dt>{t('journey.dossier.due')}</dt>
              <dd data-testid="citizen-due">{dueText(d.dueAt)}</dd>
            </div>
          )}
        </dl>
        {d.status.code >= 1 && d.status.code <= 10 && (
          <p className="next-step" data-testid="citizen-next-step">
            <strong>{t('portal.dossier.nextStep')}:</strong> {t(`portal.dossier.next.${d.status.code}`)}
          </p>
        )}
      </div>
      <LazyPanel quiet>
        <DeclarationSigning dossierId={d.id} />
      </LazyPanel>
      {d.supplementRequest && <SupplementForm d={d} request={d.supplementRequest} onDone={(r) => void supplied(r)} />}
      {d.result && <ResultPanel dossierId={d.id} result={d.result} />}
      <PaymentPanel dossierId={d.id} />
      {(d.status.code === 9 || d.status.code === 10) && (
        <LazyPanel>
          <RatingForm dossierId={d.id} />
        </LazyPanel>
      )}
      <Submitted d={d} />
      <Exemptions d={d} />
      <h2>{t('journey.dossier.timeline')}</h2>
      <Timeline items={d.timeline} />
      <DossierMessages dossierId={d.id} />
      {d.canWithdraw && (
        <details className="withdraw secondary-section" open={!!withdrawError}>
          <summary>{t('portal.dossier.withdrawSection')}</summary>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              withdraw.mutate();
            }}
            noValidate
          >
            <h2 className="visually-hidden">{t('journey.dossier.withdraw')}</h2>
            <div className={`form-group${withdrawError ? ' has-error' : ''}`}>
              <label htmlFor="f-reason">{t('journey.dossier.withdrawReason')}</label>
              {withdrawError && (
                <p className="field-error" id="f-reason-error" role="alert">
                  {withdrawError}
                </p>
              )}
              <textarea
                id="f-reason"
                rows={3}
                value={reason}
                aria-describedby={withdrawError ? 'f-reason-error' : undefined}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
            <button type="submit" className="button button-secondary" disabled={withdraw.isPending}>
              {t('journey.dossier.withdrawSend')}
            </button>
          </form>
        </details>
      )}
    </section>
  );
}

/**
 * What the citizen submitted: the answers of each group of the e-form (collapsed, one group per disclosure) and the
 * documents. The labels come from the procedure's catalogue entry, the answers from the dossier.
 */
function Submitted({ d }: { d: DossierDetail }) {
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const procedure = useQuery(catalogueQueries.procedure(d.procedureCode));
  const form = procedure.data?.definition.cases.find((c) => c.code === d.caseCode)?.form;
  const values = d.values ?? {};
  const pages = (form?.pages ?? [])
    .map((p) => ({ page: p, fields: p.fields.filter((f) => values[f.key] !== undefined && values[f.key] !== null && values[f.key] !== '') }))
    .filter((p) => p.fields.length > 0);
  const documents = d.documents.filter((x) => !x.requirementCode.startsWith(EXEMPTION_PROOF_PREFIX));
  const requirementName = (code: string) => d.requirements.find((r) => r.code === code)?.name;
  return (
    <section aria-labelledby="submitted-title" data-testid="citizen-submitted">
      <h2 id="submitted-title">{t('portal.dossier.submitted')}</h2>
      {pages.map(({ page, fields }) => (
        <details key={page.key} className="review-group">
          <summary>
            {titleOf(page, lang)} <span className="muted">({t('portal.review.fieldsCount', { count: fields.length })})</span>
          </summary>
          <dl className="summary-list summary-list-2">
            {fields.map((f) => (
              <div key={f.key}>
                <dt>{labelOf(f, lang)}</dt>
                <dd>
                  <AnswerValue field={f} value={values[f.key]} lng={lang} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
      <details className="review-group" open>
        <summary>
          {t('portal.dossier.submittedDocuments')} <span className="muted">({t('portal.review.fieldsCount', { count: documents.length })})</span>
        </summary>
        {documents.length === 0 ? (
          <p>{t('portal.dossier.noDocuments')}</p>
        ) : (
          <ul className="plain-list document-list">
            {documents.map((x) => (
              <li key={x.id}>
                <strong>{requirementName(x.requirementCode) ?? x.requirementCode}</strong>: {x.name}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}

/** The fee exemptions the dossier was submitted with: each proving document is filed under MIEN-PHI:<code>. */
function Exemptions({ d }: { d: DossierDetail }) {
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const proofs = d.documents.filter((x) => x.requirementCode.startsWith(EXEMPTION_PROOF_PREFIX));
  // The names come from the catalogue (the same query the journey used); the code stands in until it answers.
  const procedure = useQuery({ ...catalogueQueries.procedure(d.procedureCode), enabled: proofs.length > 0 });
  if (proofs.length === 0) return null;
  const exemptions = procedure.data?.definition.cases.find((c) => c.code === d.caseCode)?.fees.flatMap((l) => l.exemptions) ?? [];
  return (
    <section aria-labelledby="exemption-title" data-testid="citizen-exemption">
      <h2 id="exemption-title">{t('journey.dossier.exemption')}</h2>
      <ul>
        {proofs.map((p) => {
          const code = p.requirementCode.slice(EXEMPTION_PROOF_PREFIX.length);
          const exemption = exemptions.find((e) => e.code === code);
          return (
            <li key={p.id}>
              {t('journey.fees.claimed', { name: exemption ? nameOf(exemption, lang) : code })} · {t('journey.fees.claimedProof', { document: p.name })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const RESULT_ICON: Record<CitizenDossierResult['status'] | 'expired', string> = { valid: '✓', expired: '⏱', cancelled: '⚠', replaced: '⚠' };

/** The issued electronic result: what it is, its number and validity, the signed PDF and its public verification page. */
function ResultPanel({ dossierId, result }: { dossierId: string; result: CitizenDossierResult }) {
  const { t } = useTranslation();
  const expired = result.status === 'valid' && !!result.validTo && result.validTo < vnToday();
  const state = expired ? 'expired' : result.status;
  return (
    <section className="result-panel" aria-labelledby="result-title" data-testid="citizen-result">
      <h2 id="result-title">{t('journey.result.title')}</h2>
      <p className="result-title">{result.title}</p>
      <dl className="summary-list">
        <div>
          <dt>{t('journey.result.number')}</dt>
          <dd data-testid="result-number">{result.number}</dd>
        </div>
        {result.issuedAt && (
          <div>
            <dt>{t('journey.result.issuedAt')}</dt>
            <dd>
              <time dateTime={result.issuedAt}>{formatDate(result.issuedAt)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('journey.result.validity')}</dt>
          <dd>{result.validTo ? t('journey.result.validUntil', { date: formatDay(result.validTo) }) : t('journey.result.noLimit')}</dd>
        </div>
        <div>
          <dt>{t('journey.result.state')}</dt>
          <dd>
            <span className={`store-state store-state-${state}`}>
              <span aria-hidden="true">{RESULT_ICON[state]}</span> {t(`journey.result.states.${state}`)}
            </span>
          </dd>
        </div>
      </dl>
      <p className="muted">
        {t('journey.result.note')} <Link to="/kho-du-lieu">{t('journey.result.noteStore')}</Link>.
      </p>
      <div className="button-row">
        <a className="button button-primary" href={`/api/my/dossiers/${dossierId}/result.pdf`} download>
          {t('journey.result.download')}
        </a>
        <Link className="button button-secondary" to={result.verifyPath}>
          {t('journey.result.verify')}
          <span className="visually-hidden">{t('journey.result.verifyWhat', { number: result.number })}</span>
        </Link>
      </div>
    </section>
  );
}

interface SupplementRow {
  /** What the official asked for (empty for a document the citizen adds). */
  asked: string;
  requirementCode: string;
  file: { uploadId: string; name: string } | null;
}

/** The requirement whose name best matches what the official asked for, to preselect it. */
function guessRequirement(asked: string, requirements: { code: string; name: string }[]): string {
  const a = foldVietnamese(asked);
  if (!a) return '';
  return requirements.find((r) => foldVietnamese(r.name).includes(a) || a.includes(foldVietnamese(r.name)))?.code ?? '';
}

/**
 * The official's request for more documents (Mẫu 02) and the form to send them: one file per document asked for,
 * each filed under one of the procedure's document requirements. Sending resumes the processing; the due time
 * moves by exactly the working time the dossier waited.
 */
function SupplementForm({ d, request, onDone }: { d: DossierDetail; request: SupplementRequest; onDone: (r: { dueAt: string | null }) => void }) {
  const { t } = useTranslation();
  const dueText = useDueText();
  const requirements = d.requirements.filter((x) => !x.providedByForm);
  const [rows, setRows] = useState<SupplementRow[]>(() =>
    (request.items.length ? request.items : [{ name: '', reason: '' }]).map((it) => ({
      asked: it.name,
      requirementCode: guessRequirement(it.name, requirements),
      file: null,
    })),
  );
  const [progress, setProgress] = useState<Record<number, number>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ShownError[]>([]);
  const send = useMutation({
    mutationFn: (documents: { requirementCode: string; uploadId: string }[]) =>
      api<{ status: number; dueAt: string | null }>(`/api/my/dossiers/${d.id}/supplement`, {
        method: 'POST',
        body: { documents, ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    onSuccess: onDone,
    onError: (err) => setErrors([{ path: 'sup-send', message: firstIssueText(err, t('journey.supplement.sendError')) }]),
  });

  const change = (i: number, patch: Partial<SupplementRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const onFile = async (i: number, file: File) => {
    setErrors((es) => es.filter((e) => e.path !== `sup-file-${i}`));
    setProgress((p) => ({ ...p, [i]: 0 }));
    try {
      const up = await uploadFile(file, (f) => setProgress((p) => ({ ...p, [i]: f })));
      change(i, { file: { uploadId: up.id, name: up.name } });
    } catch (e) {
      setErrors([{ path: `sup-file-${i}`, message: errorText(e, t('journey.documents.uploadError')) }]);
    } finally {
      setProgress(({ [i]: _, ...rest }) => rest);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: ShownError[] = [];
    rows.forEach((r, i) => {
      if (r.file && !r.requirementCode) problems.push({ path: `sup-req-${i}`, message: t('journey.supplement.chooseRequirement', { name: r.file.name }) });
    });
    if (!rows.some((r) => r.file)) problems.push({ path: 'sup-file-0', message: t('journey.supplement.atLeastOne') });
    setErrors(problems);
    if (problems.length) return;
    send.mutate(rows.filter((r) => r.file).map((r) => ({ requirementCode: r.requirementCode, uploadId: r.file!.uploadId })));
  };
  const err = (path: string) => errors.find((x) => x.path === path)?.message;

  return (
    <section className="supplement-request" aria-labelledby="supplement-title">
      <h2 id="supplement-title">{t('journey.supplement.title')}</h2>
      {request.requestedAt && <p className="muted">{t('journey.supplement.requestedAt', { at: dueText(request.requestedAt) })}</p>}
      <p>
        <strong>{t('journey.supplement.reason')}</strong> <span data-testid="supplement-reason">{request.reason}</span>
      </p>
      {request.items.length > 0 && (
        <>
          <p>{t('journey.supplement.items')}</p>
          <ul>
            {request.items.map((it, i) => (
              <li key={i}>
                <strong>{it.name}</strong>
                {it.reason ? `: ${it.reason}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} />
        {rows.map((r, i) => (
          <fieldset key={i} className="form-group document-row">
            <legend>{r.asked ? t('journey.supplement.row', { name: r.asked }) : t('journey.supplement.rowN', { n: i + 1 })}</legend>
            <div className={err(`sup-req-${i}`) ? 'has-error' : undefined}>
              <label htmlFor={`f-sup-req-${i}`}>{t('journey.supplement.requirement')}</label>
              {err(`sup-req-${i}`) && (
                <p className="field-error" id={`f-sup-req-${i}-error`}>
                  {err(`sup-req-${i}`)}
                </p>
              )}
              <select
                id={`f-sup-req-${i}`}
                value={r.requirementCode}
                aria-describedby={err(`sup-req-${i}`) ? `f-sup-req-${i}-error` : undefined}
                onChange={(e) => change(i, { requirementCode: e.target.value })}
              >
                <option value="">{t('journey.field.choose')}</option>
                {requirements.map((q) => (
                  <option key={q.code} value={q.code}>
                    {q.name}
                  </option>
                ))}
              </select>
            </div>
            {r.file && <p className="doc-ok">{t('journey.supplement.uploaded', { name: r.file.name })}</p>}
            <div className={err(`sup-file-${i}`) ? 'has-error' : undefined}>
              {err(`sup-file-${i}`) && (
                <p className="field-error" id={`f-sup-file-${i}-error`}>
                  {err(`sup-file-${i}`)}
                </p>
              )}
              <UploadControl
                id={`f-sup-file-${i}`}
                name={r.asked || t('journey.supplement.rowN', { n: i + 1 })}
                progress={progress[i]}
                onFile={(file) => void onFile(i, file)}
              />
            </div>
          </fieldset>
        ))}
        <p>
          <button type="button" className="button button-secondary" onClick={() => setRows((rs) => [...rs, { asked: '', requirementCode: '', file: null }])}>
            {t('journey.supplement.addRow')}
          </button>
        </p>
        <div className="form-group">
          <label htmlFor="f-sup-note">{t('journey.supplement.note')}</label>
          <textarea id="f-sup-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {err('sup-send') && (
          <p id="f-sup-send" className="field-error">
            {err('sup-send')}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={send.isPending || Object.keys(progress).length > 0}>
          {send.isPending ? t('journey.supplement.sending') : t('journey.supplement.send')}
        </button>
      </form>
    </section>
  );
}

export function LookupPage() {
  const { t } = useTranslation();
  const status = useStatusName();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [last4, setLast4] = useState('');
  /** What was asked, once the form is sent: the lookup is a query keyed by it. */
  const [asked, setAsked] = useState<{ code: string; last4: string } | null>(null);
  const lookup = useQuery({ ...journeyQueries.lookup(asked?.code ?? '', asked?.last4 ?? ''), enabled: asked !== null });
  const heading = usePageTitle(t('journey.lookup.title'));
  const search = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ code: code.trim(), last4: last4.trim() });
  };
  const result = asked ? lookup.data : undefined;
  const error = asked && lookup.error ? firstIssueText(lookup.error, t('journey.lookup.error')) : null;
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('journey.lookup.heading')}
      </h1>
      <form onSubmit={search} noValidate>
        <div className="form-group">
          <label htmlFor="f-code">{t('journey.lookup.code')}</label>
          <input id="f-code" type="text" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </div>
        <div className="form-group">
          <label htmlFor="f-last4">{t('journey.lookup.last4')}</label>
          <input id="f-last4" type="text" inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit" className="button">
          {t('journey.lookup.submit')}
        </button>
      </form>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      {result && (
        <div className="lookup-result" aria-live="polite">
          <h2>
            <ProcedureNameText d={result} />
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('journey.lookup.code')}</dt>
              <dd>{result.code}</dd>
            </div>
            <div>
              <dt>{t('journey.lookup.status')}</dt>
              <dd data-testid="lookup-status">{status(result.status)}</dd>
            </div>
            {result.dueAt && (
              <div>
                <dt>{t('journey.lookup.due')}</dt>
                <dd>{formatDate(result.dueAt)}</dd>
              </div>
            )}
          </dl>
          <Timeline items={result.timeline} />
        </div>
      )}
    </section>
  );
}
