/**
 * The submission journey for one draft: one question group per page → documents (with the fee exemption and its
 * proof, when the case's fees have exemptions) → contact → check your answers → submit. Every change is saved to the server (debounced), so a
 * closed tab or another device loses nothing. Validation runs with the same engine as the server; every message is
 * said in the interface language (problems.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import type { FormField, ProcedureCase } from '../../core/catalogue/schema.ts';
import { EXEMPTION_PROOF_PREFIX, proofCode } from '../../core/fees/exemptions.ts';
import { feeQuantities, quoteFees } from '../../core/fees/quote.ts';
import { isFieldVisible, validateForm, visiblePages } from '../../core/forms/index.ts';
import { api, ApiError } from '../api/client.ts';
import type { ProcedureDetail } from '../api/types.ts';
import { errorText } from '../data/errors.ts';
import { keys } from '../data/keys.ts';
import { catalogueQueries, storeQueries } from '../data/queries.ts';
import { formatDate, formatMoney, vnToday } from '../format.ts';
import '../i18n/journey.ts';
import { acceptsStoreDocuments } from '../store/fit.ts';
import { useStoreSource } from '../store/useStoreSource.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { DuplicateWarning, useDraftDuplicates } from './DuplicateWarning.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { caseExemptions, claimOf } from './exemption-claim.ts';
import { CaseNote } from './CaseNote.tsx';
import { AnswerValue, Field } from './fields.tsx';
import { labelOf, nameOf, optionalName, procedureNameLang, procedureNameOf, titleOf, useFormLanguage } from './labels.ts';
import { browserProblem, formProblem, serverProblem, shown, type Problem } from './problems.ts';
import { journeyQueries } from './queries.ts';
import type { Draft, DraftDocument, SubmissionProblem } from './types.ts';
import { uploadFile } from './upload.ts';
import { recognitionTypeFor } from '../../core/recognition/document-types.ts';
import type { PhotoCopyView } from '../../contract/self-digitisation.ts';
import type { StoreItem } from '../api/types.ts';
import { formatFileSize, UploadControl } from './UploadControl.tsx';
import { ViOnlyNotice } from './ViOnlyNotice.tsx';
import { lazyNamed, LazyPanel } from '../lazy.tsx';

// Panels that only some procedures or steps show, loaded on demand (issue 18, light first load): a paper's photo read
// into the form, the personal document store's picker, the fee exemption, the fee table of the review.
const PhotoCopy = lazyNamed(() => import('./PhotoCopy.tsx'), 'PhotoCopy');
const StorePicker = lazyNamed(() => import('../store/StorePicker.tsx'), 'StorePicker');
const FeeExemptionSection = lazyNamed(() => import('./FeeExemptionSection.tsx'), 'FeeExemptionSection');
const OnlineAdvantage = lazyNamed(() => import('../components/OnlineAdvantage.tsx'), 'OnlineAdvantage');
const FeeQuoteTable = lazyNamed(() => import('../payments/FeeQuoteTable.tsx'), 'FeeQuoteTable');

const sameDocument = (a: DraftDocument, b: DraftDocument) =>
  a.requirementCode === b.requirementCode && a.uploadId === b.uploadId && a.storeDocumentId === b.storeDocumentId;

interface UploadedFile {
  id: string;
  name: string;
  size: number;
}

/** Loads the draft and its procedure, then hands them to the journey (which keeps the draft as it is typed). */
export function DraftPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const draft = useQuery(journeyQueries.draft(id));
  const procedure = useQuery({ ...catalogueQueries.procedure(draft.data?.procedureCode ?? ''), enabled: !!draft.data });
  if (draft.data?.status === 'submitted' && draft.data.dossierId) return <Navigate to={`/ho-so/xac-nhan/${draft.data.dossierId}`} replace />;
  const error = draft.error ?? procedure.error;
  if (error)
    return (
      <div className="error-box" role="alert">
        {errorText(error, t('journey.draft.loadError'))}
      </div>
    );
  if (!draft.data || !procedure.data) return <p role="status">{t('journey.draft.loading')}</p>;
  return <DraftJourney key={id} initial={draft.data} proc={procedure.data} />;
}

function DraftJourney({ initial, proc }: { initial: Draft; proc: ProcedureDetail }) {
  const id = initial.id;
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [photoFills, setPhotoFills] = useState<typeof import('./photo-fills.ts') | null>(null);
  useEffect(() => {
    void import('./photo-fills.ts').then(setPhotoFills);
  }, []);
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'error'>('saved');
  const [files, setFiles] = useState<Record<string, UploadedFile>>({});
  const [progress, setProgress] = useState<Record<string, number>>({});
  /** Uploads that are the citizen's photo copies (self-digitisation), shown as such. */
  const [photos, setPhotos] = useState<Record<string, true>>({});
  const pending = useRef<Pick<Draft, 'values' | 'documents' | 'meta'> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const revision = useRef(initial.revision);
  /** Problems to show on the step being opened (the server's refusal, shown where it can be fixed). */
  const carried = useRef<Problem[] | null>(null);
  const store = useStoreSource(storeQueries.mine(), t('journey.documents.storeError'));
  /** Per component, the form fields a photo copy taken from the store filled (self-digitisation). */
  const [storeFilled, setStoreFilled] = useState<Record<string, string>>({});
  const storedTitle = (storeDocumentId: string) => store.items?.find((x) => x.id === storeDocumentId)?.title;
  const describe = (a: DraftDocument) =>
    a.storeDocumentId
      ? t('journey.documents.fromStore', { title: storedTitle(a.storeDocumentId) ?? t('journey.documents.storeDocument') })
      : `${(a.uploadId && files[a.uploadId]?.name) || t('journey.documents.uploadedFile')}${a.uploadId && photos[a.uploadId] ? ` (${t('selfdigit.photoCopy')})` : ''}`;

  const save = useMutation({
    mutationFn: (patch: Pick<Draft, 'values' | 'documents' | 'meta'>) =>
      api<Draft>(`/api/drafts/${id}`, { method: 'PUT', body: { revision: revision.current, ...patch } }),
    onSuccess: (saved) => {
      revision.current = saved.revision;
      qc.setQueryData(keys.citizen.draft(id), saved);
    },
  });
  const { mutateAsync: saveAsync } = save;
  const flush = useCallback(async () => {
    if (!pending.current) return;
    const patch = pending.current;
    pending.current = null;
    setSaveState('saving');
    try {
      await saveAsync(patch);
      setSaveState('saved');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DRAFT_CONFLICT') {
        // Changed elsewhere (another tab or device): show the latest version and say why.
        const latest = (e.details as { draft: Draft }).draft;
        revision.current = latest.revision;
        setDraft(latest);
        setSaveState('saved');
        const message = e.message;
        setProblems([browserProblem('draft', () => message)]);
      } else setSaveState('error');
    }
  }, [saveAsync]);

  /** Merges values into the latest draft (a recognition answer may arrive after other changes). */
  const setDraftValues = (values: Record<string, unknown>) => {
    setDraft((d) => {
      const next = { ...d, values: { ...d.values, ...values } };
      pending.current = { values: next.values, documents: next.documents, meta: next.meta };
      return next;
    });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 500);
  };
  const update = (patch: Partial<Draft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      pending.current = { values: next.values, documents: next.documents, meta: next.meta };
      return next;
    });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 500);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      void flush();
    },
    [flush],
  );

  const kase: ProcedureCase | undefined = proc.definition.cases.find((c) => c.code === draft.caseCode);
  const form = kase?.form;
  const hasExemptions = kase ? caseExemptions(kase).length > 0 : false;
  const pages = useMemo(() => (form ? visiblePages(form, draft.values) : []), [form, draft.values]);
  const steps = useMemo(
    () => [
      ...pages.map((p) => ({ key: p.key, title: titleOf(p, lang) })),
      { key: 'giay-to', title: t('journey.steps.documents') },
      { key: 'lien-he', title: t('journey.steps.contact') },
      { key: 'kiem-tra', title: t('journey.steps.review') },
    ],
    [pages, lang, t],
  );
  const stepIndex = Math.min(Number(params.get('buoc') ?? 0) || 0, Math.max(0, steps.length - 1));
  const step = steps[stepIndex];
  const heading = usePageTitle(step?.title);
  useEffect(() => {
    setProblems(carried.current ?? []);
    carried.current = null;
    heading.current?.focus();
  }, [stepIndex, heading]);
  // Documents taken from the store are shown by their titles.
  const { load: loadStore } = store;
  const usesStore = draft.documents.some((x) => x.storeDocumentId);
  useEffect(() => {
    if (usesStore) loadStore();
  }, [usesStore, loadStore]);

  const stepOf = (key: string) => steps.findIndex((x) => x.key === key);
  const goTo = (i: number) => setParams({ buoc: String(i) });
  const duplicates = useDraftDuplicates(draft.id, flush, step?.key === 'kiem-tra');
  const submit = useMutationSubmit(
    id,
    draft.id,
    flush,
    () => (duplicates.data?.length ?? 0) > 0,
    (d) => void navigate(`/ho-so/xac-nhan/${d.id}`),
    (e) => {
      if (!form || !kase) return;
      const details = e instanceof ApiError ? (e.details as { errors?: SubmissionProblem[] } | undefined) : undefined;
      const found = (details?.errors ?? []).map((p) => serverProblem(p, form, kase));
      // A refused document (or exemption proof) is shown on the documents step, next to it.
      if (found.length > 0 && found.every((p) => p.path.startsWith('doc-') || p.path === 'feeExemption')) {
        carried.current = found;
        goTo(stepOf('giay-to'));
        return;
      }
      const message = errorText(e, '');
      setProblems(found.length ? found : [browserProblem('submit', (tt) => message || tt('journey.draft.submitError'))]);
    },
  );

  if (!kase || !form || !step)
    return (
      <div className="error-box" role="alert">
        {t('journey.draft.loadError')}
      </div>
    );

  const errors = shown(problems, t, lang);
  const claim = claimOf(kase, draft.meta.feeExemptions, draft.documents);

  const next = async () => {
    const page = form.pages.find((p) => p.key === step.key);
    if (page) {
      const r = validateForm(form, draft.values, { today: vnToday() }, page.key);
      if (!r.valid) return setProblems(r.errors.map((e) => formProblem(form, e)));
    }
    if (step.key === 'giay-to') {
      const missing = kase.documents.filter((d) => d.required && !d.providedByForm && !draft.documents.some((x) => x.requirementCode === d.code));
      const found = missing.map((d) => browserProblem(`doc-${d.code}`, (tt, l) => tt('journey.documents.required', { name: nameOf(d, l) })));
      const exemption = claim.exemption;
      if (exemption && claim.proofs.length === 0)
        found.push(browserProblem(`doc-${proofCode(exemption.code)}`, (tt, l) => tt('journey.fees.proofRequired', { name: nameOf(exemption, l) })));
      if (found.length) return setProblems(found);
    }
    await flush();
    goTo(stepIndex + 1);
  };

  const onFile = async (requirementCode: string, file: File | undefined) => {
    if (!file) return;
    setProblems([]);
    setProgress((p) => ({ ...p, [requirementCode]: 0 }));
    try {
      const up = await uploadFile(file, (f) => setProgress((p) => ({ ...p, [requirementCode]: f })));
      setFiles((fs) => ({ ...fs, [up.id]: { id: up.id, name: up.name, size: up.size } }));
      update({ documents: [...draft.documents, { requirementCode, uploadId: up.id }] });
    } catch (e) {
      const message = errorText(e, '');
      setProblems([browserProblem(`doc-${requirementCode}`, (tt) => message || tt('journey.documents.uploadError'))]);
    } finally {
      setProgress((p) => {
        const { [requirementCode]: _, ...rest } = p;
        return rest;
      });
    }
  };
  /** Self-digitisation: the components a paper photo can fill this page's fields from (or every recognisable one). */
  const photoComponents = (pageFieldKeys: string[] | null) =>
    kase.documents.flatMap((d) => {
      const type = recognitionTypeFor(d.documentType);
      if (!type || d.providedByForm) return [];
      // Until the fill table has loaded (just after the page), a form page offers no photo; it appears a moment later.
      if (pageFieldKeys && !photoFills?.mappedFormKeys(type, draft.procedureCode).some((k) => pageFieldKeys.includes(k))) return [];
      return [{ d, type }];
    });
  const formFields = form.pages.flatMap((p) => p.fields.map((f) => ({ key: f.key, label: labelOf(f, lang) })));
  const photoCopy = (d: (typeof kase.documents)[number], type: NonNullable<ReturnType<typeof recognitionTypeFor>>) => (
    <LazyPanel key={`photo-${d.code}`}>
      <PhotoCopy
        requirementCode={d.code}
        name={nameOf(d, lang)}
        type={type}
        procedureCode={draft.procedureCode}
        formFields={formFields}
        onAttached={(up) => {
          setFiles((fs) => ({ ...fs, [up.id]: up }));
          setPhotos((ps) => ({ ...ps, [up.id]: true }));
          setProblems((ps) => ps.filter((x) => x.path !== `doc-${d.code}`));
          update({ documents: [...draft.documents, { requirementCode: d.code, uploadId: up.id }] });
        }}
        onFill={(values) => setDraftValues(values)}
      />
    </LazyPanel>
  );
  const addStored = (requirementCode: string, storeDocumentId: string) => {
    setProblems((ps) => ps.filter((x) => x.path !== `doc-${requirementCode}`));
    update({ documents: [...draft.documents, { requirementCode, storeDocumentId }] });
  };
  /**
   * On a form page: a paper already in the store attaches to the component; a photo copy the citizen photographed
   * from the store (self-digitisation) also fills the form with the values she confirmed there.
   */
  const takeStoredPaper = async (d: (typeof kase.documents)[number], type: NonNullable<ReturnType<typeof recognitionTypeFor>>, doc: StoreItem) => {
    addStored(d.code, doc.id);
    if (doc.kind !== 'photo_copy' || !doc.photoCopy) return;
    try {
      const photo = await api<PhotoCopyView>(`/api/photo-copies/${doc.photoCopy.id}`);
      const { formValuesFrom } = await import('./photo-fills.ts');
      const fill = formValuesFrom(
        type,
        photo.confirmed ?? [],
        formFields.map((f) => f.key),
        draft.procedureCode,
      );
      setDraftValues(fill);
      const labels = Object.keys(fill).map((k) => formFields.find((f) => f.key === k)?.label ?? k);
      setStoreFilled((s) => ({ ...s, [d.code]: labels.join(', ') }));
    } catch {
      /* attached all the same; the values are typed by hand */
    }
  };
  const storedPaper = (d: (typeof kase.documents)[number], type: NonNullable<ReturnType<typeof recognitionTypeFor>>) =>
    acceptsStoreDocuments(d) && (
      <div key={`stored-${d.code}`} className="photo-copy-store">
        <LazyPanel quiet>
          <StorePicker
            requirement={{ ...d, name: nameOf(d, lang) }}
            source={store}
            openLabel={t('journey.documents.storeOpen')}
            chosen={draft.documents.flatMap((a) => (a.requirementCode === d.code && a.storeDocumentId ? [a.storeDocumentId] : []))}
            onChoose={(doc) => void takeStoredPaper(d, type, doc)}
          />
        </LazyPanel>
        {storeFilled[d.code] && (
          <p role="status" className="doc-ok" data-testid={`store-filled-${d.code}`}>
            {t('selfdigit.filled', { fields: storeFilled[d.code] })}
          </p>
        )}
      </div>
    );
  const removeDocument = (a: DraftDocument) => update({ documents: draft.documents.filter((x) => !sameDocument(x, a)) });
  /** One exemption at a time: choosing another (or none) drops the earlier claim's proofs. */
  const claimExemption = (code: string | null) => {
    setProblems([]);
    update({
      meta: { ...draft.meta, feeExemptions: code ? [code] : [] },
      documents: draft.documents.filter(
        (d) => !d.requirementCode.startsWith(EXEMPTION_PROOF_PREFIX) || (code !== null && d.requirementCode === proofCode(code)),
      ),
    });
  };

  const exempted = claim.exemption && claim.proofs.length > 0 ? [claim.exemption.code] : [];
  const quote = quoteFees({
    lines: kase.fees,
    channel: 'online',
    date: vnToday(),
    exemptions: exempted,
    ...feeQuantities(
      form.pages.flatMap((p) => p.fields.map((f) => f.key)),
      draft.values,
    ),
  });
  // The review's summary: documents attached (each file or store document once) and required ones still missing.
  const listedDocuments = kase.documents.filter((d) => !d.providedByForm);
  const attachedCount = draft.documents.filter((x) => listedDocuments.some((d) => d.code === x.requirementCode)).length;
  const missingRequired = listedDocuments.filter((d) => d.required && !draft.documents.some((x) => x.requirementCode === d.code));
  const hasDuplicates = (duplicates.data?.length ?? 0) > 0;
  const reviewSummary = (
    <dl className="summary-list review-summary" data-testid="review-summary">
      <div>
        <dt>{t('journey.steps.documents')}</dt>
        <dd>
          {t('portal.review.documentsAttached', { count: attachedCount })}
          {missingRequired.length > 0 && <>; {t('portal.review.documentsMissing', { count: missingRequired.length })}</>}
        </dd>
      </div>
      <div>
        <dt>{t('journey.review.fees')}</dt>
        <dd>{quote.total === 0 ? t('journey.review.free') : formatMoney(quote.total)}</dd>
      </div>
    </dl>
  );
  const page = form.pages.find((p) => p.key === step.key);
  const visibleFields = page ? page.fields.filter((f) => isFieldVisible(form, draft.values, f.key)) : [];
  // Prefilled national data: one note for the page (not one per field), and read-only where the catalogue locks it
  // (a prefilled field without a policy is locked, as the form engine reads it).
  const isLocked = (f: FormField) => draft.prefilledFields.includes(f.key) && (f.prefillPolicy ?? 'locked') === 'locked';
  const prefillNote = {
    id: `prefill-${step.key}`,
    any: visibleFields.some((f) => draft.prefilledFields.includes(f.key)),
    locked: visibleFields.some(isLocked),
  };
  const errorAt = (path: string) => errors.find((e) => e.path === path)?.message;

  return (
    <section className="journey">
      <p className="muted">
        <span lang={procedureNameLang(proc.definition, lang)}>{procedureNameOf(proc.definition, lang)}</span> ·{' '}
        {t('journey.draft.stepOf', { n: stepIndex + 1, total: steps.length })}
      </p>
      {stepIndex > 0 && (
        <button type="button" className="link-button back-link" onClick={() => goTo(stepIndex - 1)}>
          {t('journey.draft.back')}
        </button>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {step.title}
      </h1>
      <CaseNote procedure={proc} caseCode={draft.caseCode} values={draft.values} first={stepIndex === 0} />
      <ViOnlyNotice definition={proc.definition} />
      {draft.expiresSoon && <p className="note">{t('journey.draft.expiresSoon', { date: formatDate(draft.expiresAt) })}</p>}
      <ErrorSummary errors={errors} />
      <HowTo step={page ? 'form' : step.key === 'giay-to' ? 'documents' : step.key === 'lien-he' ? 'contact' : 'review'} />
      <p className="save-state" role="status">
        {saveState === 'saving' ? t('journey.draft.saving') : saveState === 'error' ? t('journey.draft.saveError') : t('journey.draft.saved')}
      </p>

      {page && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void next();
          }}
          noValidate
        >
          {photoComponents(page.fields.map((f) => f.key)).flatMap(({ d, type }) => [photoCopy(d, type), storedPaper(d, type)])}
          {prefillNote.any && (
            <div className="prefill-notice" id={prefillNote.id} data-testid="prefill-notice">
              <p className="prefill-notice-title">{t('journey.field.prefilled')}</p>
              {prefillNote.locked && <p>{t('portal.prefill.lockedHow')}</p>}
            </div>
          )}
          {visibleFields.map((f) => (
            <Field
              key={f.key}
              field={f}
              value={draft.values[f.key]}
              prefilled={draft.prefilledFields.includes(f.key)}
              locked={isLocked(f)}
              groupNoteId={prefillNote.id}
              error={errorAt(f.key)}
              onChange={(v) => update({ values: { ...draft.values, [f.key]: v } })}
            />
          ))}
          <button type="submit" className="button">
            {t('journey.draft.continue')}
          </button>
        </form>
      )}

      {step.key === 'giay-to' && (
        <div>
          <p>{t('journey.documents.lead')}</p>
          {kase.documents
            .filter((d) => !d.providedByForm)
            .map((d) => {
              const attached = draft.documents.filter((x) => x.requirementCode === d.code);
              const inputId = `f-doc-${d.code}`;
              const name = nameOf(d, lang);
              return (
                <div key={d.code} className={`document-row${errors.some((e) => e.path === `doc-${d.code}`) ? ' has-error' : ''}`}>
                  <h2 className="document-name">{d.required ? name : optionalName(name, t('journey.documents.ifAny'))}</h2>
                  <p className={attached.length ? 'doc-ok' : d.required ? 'doc-missing' : 'doc-optional'}>
                    {attached.length ? t('journey.documents.present') : d.required ? t('journey.documents.missing') : t('portal.documents.optional')}
                  </p>
                  <ul className="attached-documents">
                    {attached.map((a) => (
                      <li key={a.uploadId ?? a.storeDocumentId}>
                        {describe(a)}
                        {a.uploadId && files[a.uploadId] && <span className="file-size"> ({formatFileSize(files[a.uploadId]!.size, lang)})</span>}{' '}
                        <button type="button" className="link-button" onClick={() => removeDocument(a)}>
                          {t('journey.documents.remove')}
                          <span className="visually-hidden"> {describe(a)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  {errors
                    .filter((e) => e.path === `doc-${d.code}`)
                    .map((e) => (
                      <p key={e.message} className="field-error">
                        {e.message}
                      </p>
                    ))}
                  <UploadControl id={inputId} name={name} progress={progress[d.code]} onFile={(file) => void onFile(d.code, file)} />
                  {(() => {
                    const type = recognitionTypeFor(d.documentType);
                    return type ? photoCopy(d, type) : null;
                  })()}
                  {acceptsStoreDocuments(d) && (
                    <LazyPanel quiet>
                      <StorePicker
                        requirement={{ ...d, name }}
                        source={store}
                        openLabel={t('journey.documents.storeOpen')}
                        chosen={attached.flatMap((a) => (a.storeDocumentId ? [a.storeDocumentId] : []))}
                        onChoose={(doc) => addStored(d.code, doc.id)}
                      />
                    </LazyPanel>
                  )}
                </div>
              );
            })}
          {hasExemptions && (
            <LazyPanel>
              <FeeExemptionSection
                kase={kase}
                claimed={draft.meta.feeExemptions}
                documents={draft.documents}
                quote={quote}
                errors={errors}
                store={store}
                progress={progress}
                describe={describe}
                onClaim={claimExemption}
                onFile={(code, file) => void onFile(code, file)}
                onStoreDocument={addStored}
                onRemove={removeDocument}
              />
            </LazyPanel>
          )}
          <button type="button" className="button" onClick={() => void next()}>
            {t('journey.draft.continue')}
          </button>
        </div>
      )}

      {step.key === 'lien-he' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void next();
          }}
          noValidate
        >
          <div className={`form-group${errorAt('contactPhone') ? ' has-error' : ''}`}>
            <label htmlFor="f-contactPhone">{t('journey.contact.phone')}</label>
            <p className="hint">{t('journey.contact.phoneHint')}</p>
            {errorAt('contactPhone') && <p className="field-error">{errorAt('contactPhone')}</p>}
            <input
              id="f-contactPhone"
              type="tel"
              autoComplete="tel"
              value={draft.meta.contactPhone ?? ''}
              onChange={(e) => update({ meta: { ...draft.meta, contactPhone: e.target.value } })}
            />
          </div>
          <div className={`form-group${errorAt('contactEmail') ? ' has-error' : ''}`}>
            <label htmlFor="f-contactEmail">{t('journey.contact.email')}</label>
            {errorAt('contactEmail') && <p className="field-error">{errorAt('contactEmail')}</p>}
            <input
              id="f-contactEmail"
              type="email"
              autoComplete="email"
              value={draft.meta.contactEmail ?? ''}
              onChange={(e) => update({ meta: { ...draft.meta, contactEmail: e.target.value } })}
            />
          </div>
          <fieldset className="form-group">
            <legend>{t('journey.contact.delivery')}</legend>
            <div className="radios">
              {(['online', 'counter', 'post'] as const).map((v) => (
                <label key={v}>
                  <input
                    type="radio"
                    name="resultDelivery"
                    checked={(draft.meta.resultDelivery ?? 'online') === v}
                    onChange={() => update({ meta: { ...draft.meta, resultDelivery: v } })}
                  />{' '}
                  {t(`journey.contact.deliveryOptions.${v}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button">
            {t('journey.draft.continue')}
          </button>
        </form>
      )}

      {step.key === 'kiem-tra' && (
        <div>
          {/*
           * The first screen (issue 18): a short summary and "Nộp hồ sơ" come first; the answers follow, one folded
           * group per page, each opened on demand (docs/portal.md, "Review page"). When a dossier for the same subject
           * exists, its warning is what must be read before the button, and the summary follows the button.
           */}
          {!hasDuplicates && reviewSummary}
          <DuplicateWarning items={duplicates.data ?? []} />
          <button type="button" className="button button-primary" disabled={submit.isPending} onClick={() => submit.mutate()}>
            {submit.isPending ? t('journey.draft.submitting') : t('journey.draft.submit')}
          </button>
          {hasDuplicates && reviewSummary}
          <h2>{t('portal.review.details')}</h2>
          {pages.map((p, i) => (
            <details
              key={p.key}
              className="review-group"
              data-testid={`review-${p.key}`}
              // A group with a problem (the server's refusal) opens by itself.
              open={p.fields.some((f) => errors.some((e) => e.path === f.key || e.path.startsWith(`${f.key}.`) || e.path.startsWith(`${f.key}[`))) || undefined}
            >
              <summary id={`sum-${p.key}`}>
                {titleOf(p, lang)}{' '}
                <span className="muted">
                  ({t('portal.review.fieldsCount', { count: p.fields.filter((f) => isFieldVisible(form, draft.values, f.key)).length })})
                </span>
              </summary>
              <dl className="summary-list">
                {p.fields
                  .filter((f) => isFieldVisible(form, draft.values, f.key))
                  .map((f) => (
                    <div key={f.key}>
                      <dt>{labelOf(f, lang)}</dt>
                      <dd>
                        <AnswerValue field={f} value={draft.values[f.key]} lng={lang} />
                      </dd>
                      <dd>
                        <button type="button" className="link-button" onClick={() => goTo(i)}>
                          {t('journey.draft.change')}
                          <span className="visually-hidden"> {labelOf(f, lang)}</span>
                        </button>
                      </dd>
                    </div>
                  ))}
              </dl>
            </details>
          ))}
          <details className="review-group" data-testid="review-documents" open={missingRequired.length > 0 || undefined}>
            <summary>
              {t('journey.steps.documents')} <span className="muted">({t('portal.review.documentsAttached', { count: attachedCount })})</span>
            </summary>
            <dl className="summary-list">
              {kase.documents
                .filter((d) => !d.providedByForm)
                .map((d) => {
                  const attached = draft.documents.filter((x) => x.requirementCode === d.code);
                  return (
                    <div key={d.code}>
                      <dt>{nameOf(d, lang)}</dt>
                      <dd>
                        {attached.length === 0 ? (
                          d.required ? (
                            t('journey.documents.missing')
                          ) : (
                            t('portal.documents.optional')
                          )
                        ) : (
                          <ul className="plain-list">
                            {attached.map((a) => (
                              <li key={a.uploadId ?? a.storeDocumentId}>
                                {a.storeDocumentId ? describe(a) : t('journey.documents.uploaded', { name: describe(a) })}
                              </li>
                            ))}
                          </ul>
                        )}
                      </dd>
                      <dd>
                        <button type="button" className="link-button" onClick={() => goTo(stepOf('giay-to'))}>
                          {t('journey.draft.change')}
                          <span className="visually-hidden"> {nameOf(d, lang)}</span>
                        </button>
                      </dd>
                    </div>
                  );
                })}
            </dl>
          </details>
          <h3>{t('journey.review.fees')}</h3>
          {claim.exemption && (
            <dl className="summary-list" data-testid="review-exemption">
              <div>
                <dt>{t('journey.fees.claimed', { name: nameOf(claim.exemption, lang) })}</dt>
                <dd>{claim.proofs.map((a) => t('journey.fees.claimedProof', { document: describe(a) })).join('; ') || t('journey.documents.missing')}</dd>
                <dd>
                  <button type="button" className="link-button" onClick={() => goTo(stepOf('giay-to'))}>
                    {t('journey.draft.change')}
                    <span className="visually-hidden"> {t('journey.steps.fees')}</span>
                  </button>
                </dd>
              </div>
            </dl>
          )}
          <p>{quote.total === 0 ? t('journey.review.free') : t('journey.review.total', { amount: formatMoney(quote.total) })}</p>
          {quote.lines.some((l) => l.gross > 0) && (
            <LazyPanel>
              <FeeQuoteTable quote={quote} id="review-fee-quote" />
            </LazyPanel>
          )}
          <LazyPanel quiet>
            <OnlineAdvantage kase={kase} />
          </LazyPanel>
        </div>
      )}
    </section>
  );
}

/** A short "how to" for the step, folded so that it does not push the form down (issue 18, point 14). */
function HowTo({ step }: { step: 'form' | 'documents' | 'contact' | 'review' }) {
  const { t } = useTranslation();
  return (
    <details className="how-to" data-testid="how-to">
      <summary>{t('portal.howTo.title')}</summary>
      <p>{t(`portal.howTo.${step}`)}</p>
    </details>
  );
}

/**
 * Submits the draft: saves what is pending first, then POST /api/dossiers with one idempotency key per draft (kept
 * in the tab), so a retry after a lost answer returns the same dossier instead of a second one, and the interface
 * language (the dossier's notifications are sent in it).
 */
function useMutationSubmit(
  id: string,
  draftId: string,
  flush: () => Promise<void>,
  duplicateWarningSeen: () => boolean,
  onSubmitted: (d: { id: string }) => void,
  onRefused: (e: Error) => void,
) {
  const qc = useQueryClient();
  const locale = useFormLanguage();
  return useMutation({
    mutationFn: async () => {
      await flush();
      const keyName = `motcua.submit.${draftId}`;
      const idempotencyKey = sessionStorage.getItem(keyName) ?? crypto.randomUUID().replace(/-/g, '');
      sessionStorage.setItem(keyName, idempotencyKey);
      return api<{ id: string; code: string }>('/api/dossiers', {
        method: 'POST',
        body: { draftId, idempotencyKey, duplicateWarningSeen: duplicateWarningSeen(), locale },
      });
    },
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: keys.citizen.dossiers() });
      void qc.invalidateQueries({ queryKey: keys.citizen.drafts() });
      qc.removeQueries({ queryKey: keys.citizen.draft(id) });
      onSubmitted(d);
    },
    onError: onRefused,
  });
}
