/**
 * The submission journey for one draft: one question group per page → documents → contact → check your
 * answers → submit. Every change is saved to the server (debounced), so a closed tab or another device
 * loses nothing. Validation runs with the same engine as the server.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { ProcedureCase } from '../../core/catalogue/schema.ts';
import { feeQuantities, quoteFees } from '../../core/fees/quote.ts';
import { FeeQuoteTable } from '../payments/FeeQuoteTable.tsx';
import { isFieldVisible, validateForm, visiblePages } from '../../core/forms/index.ts';
import { localDay } from '../../core/time/local.ts';
import { api, ApiError } from '../api/client.ts';
import type { ProcedureDetail, StoreItem } from '../api/types.ts';
import { formatDate, formatMoney } from '../format.ts';
import { acceptsStoreDocuments } from '../store/fit.ts';
import { StorePicker } from '../store/StorePicker.tsx';
import { useStoreSource } from '../store/useStoreSource.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { ErrorSummary, type ShownError } from './ErrorSummary.tsx';
import { displayValue, Field } from './fields.tsx';
import { uploadFile } from './upload.ts';

interface Draft {
  id: string;
  procedureCode: string;
  caseCode: string;
  values: Record<string, unknown>;
  prefilledFields: string[];
  /** Each component is a file the citizen uploaded or a document taken from their personal store. */
  documents: DraftDocument[];
  meta: { contactPhone?: string; contactEmail?: string; resultDelivery?: 'online' | 'counter' | 'post' };
  revision: number;
  status: string;
  dossierId: string | null;
  expiresAt: string;
  expiresSoon: boolean;
}

interface DraftDocument {
  requirementCode: string;
  uploadId?: string;
  storeDocumentId?: string;
}

const sameDocument = (a: DraftDocument, b: DraftDocument) =>
  a.requirementCode === b.requirementCode && a.uploadId === b.uploadId && a.storeDocumentId === b.storeDocumentId;

const fetchMyStore = () => api<{ items: StoreItem[] }>('/api/my/store').then((r) => r.items);

interface UploadedFile {
  id: string;
  name: string;
  size: number;
}

const vnToday = () => localDay(new Date());

export function DraftPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [proc, setProc] = useState<ProcedureDetail | null>(null);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'error'>('saved');
  const [files, setFiles] = useState<Record<string, UploadedFile>>({});
  const [progress, setProgress] = useState<Record<string, number>>({});
  const [submitting, setSubmitting] = useState(false);
  const pending = useRef<Partial<Draft> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const revision = useRef(0);
  /** Errors to show on the step being opened (the server's refusal of a document, shown where it can be fixed). */
  const carriedErrors = useRef<ShownError[] | null>(null);
  const store = useStoreSource(fetchMyStore, 'Không tải được kho dữ liệu. Vui lòng thử lại.');
  const storedTitle = (storeDocumentId: string) => store.items?.find((x) => x.id === storeDocumentId)?.title;

  useEffect(() => {
    api<Draft>(`/api/drafts/${id}`).then(async (d) => {
      if (d.status === 'submitted' && d.dossierId) return void navigate(`/ho-so/xac-nhan/${d.dossierId}`, { replace: true });
      revision.current = d.revision;
      setDraft(d);
      setProc(await api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(d.procedureCode)}`));
    }, (e: unknown) => setLoadError(e instanceof ApiError ? e.message : 'Không tải được hồ sơ nháp.'));
  }, [id, navigate]);

  const flush = useCallback(async () => {
    if (!pending.current) return;
    const patch = pending.current;
    pending.current = null;
    setSaveState('saving');
    try {
      const saved = await api<Draft>(`/api/drafts/${id}`, { method: 'PUT', body: { revision: revision.current, values: patch.values, documents: patch.documents, meta: patch.meta } });
      revision.current = saved.revision;
      setSaveState('saved');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DRAFT_CONFLICT') {
        const latest = (e.details as { draft: Draft }).draft;
        revision.current = latest.revision;
        setDraft(latest);
        setSaveState('saved');
        setErrors([{ path: 'draft', message: e.message }]);
      } else setSaveState('error');
    }
  }, [id]);

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => {
      if (!d) return d;
      const next = { ...d, ...patch };
      pending.current = { values: next.values, documents: next.documents, meta: next.meta };
      return next;
    });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 500);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
    void flush();
  }, [flush]);

  const kase: ProcedureCase | undefined = proc?.definition.cases.find((c) => c.code === draft?.caseCode);
  const form = kase?.form;
  const pages = useMemo(() => (form && draft ? visiblePages(form, draft.values) : []), [form, draft]);
  const steps = useMemo(() => [...pages.map((p) => ({ key: p.key, title: p.title })), { key: 'giay-to', title: 'Giấy tờ kèm theo' }, { key: 'lien-he', title: 'Liên hệ và nhận kết quả' }, { key: 'kiem-tra', title: 'Kiểm tra thông tin' }], [pages]);
  const stepIndex = Math.min(Number(params.get('buoc') ?? 0) || 0, Math.max(0, steps.length - 1));
  const step = steps[stepIndex];
  const heading = usePageTitle(step?.title);
  useEffect(() => {
    setErrors(carriedErrors.current ?? []);
    carriedErrors.current = null;
    heading.current?.focus();
  }, [stepIndex, heading]);
  // Documents taken from the store are shown by their titles.
  const { load: loadStore } = store;
  const usesStore = draft?.documents.some((x) => x.storeDocumentId) ?? false;
  useEffect(() => {
    if (usesStore) loadStore();
  }, [usesStore, loadStore]);

  if (loadError) return <div className="error-box" role="alert">{loadError}</div>;
  if (!draft || !proc || !kase || !form || !step) return <p role="status">Đang tải hồ sơ…</p>;

  const goTo = (i: number) => setParams({ buoc: String(i) });
  const next = async () => {
    const page = form.pages.find((p) => p.key === step.key);
    if (page) {
      const r = validateForm(form, draft.values, { today: vnToday() }, page.key);
      if (!r.valid) return setErrors(r.errors);
    }
    if (step.key === 'giay-to') {
      const missing = kase.documents.filter((d) => d.required && !d.providedByForm && !draft.documents.some((x) => x.requirementCode === d.code));
      if (missing.length) return setErrors(missing.map((d) => ({ path: `doc-${d.code}`, message: `Thiếu giấy tờ: ${d.name}` })));
    }
    await flush();
    goTo(stepIndex + 1);
  };

  const onFile = async (requirementCode: string, file: File | undefined) => {
    if (!file) return;
    setErrors([]);
    setProgress((p) => ({ ...p, [requirementCode]: 0 }));
    try {
      const up = await uploadFile(file, (f) => setProgress((p) => ({ ...p, [requirementCode]: f })));
      setFiles((fs) => ({ ...fs, [up.id]: { id: up.id, name: up.name, size: up.size } }));
      update({ documents: [...draft.documents, { requirementCode, uploadId: up.id }] });
    } catch (e) {
      setErrors([{ path: `doc-${requirementCode}`, message: e instanceof ApiError ? e.message : 'Tải tệp lên không thành công.' }]);
    } finally {
      setProgress((p) => {
        const { [requirementCode]: _, ...rest } = p;
        return rest;
      });
    }
  };

  const submit = async () => {
    setSubmitting(true);
    setErrors([]);
    await flush();
    const keyName = `motcua.submit.${draft.id}`;
    const idempotencyKey = sessionStorage.getItem(keyName) ?? crypto.randomUUID().replace(/-/g, '');
    sessionStorage.setItem(keyName, idempotencyKey);
    try {
      const d = await api<{ id: string; code: string }>('/api/dossiers', { method: 'POST', body: { draftId: draft.id, idempotencyKey } });
      void navigate(`/ho-so/xac-nhan/${d.id}`);
    } catch (e) {
      setSubmitting(false);
      const details = e instanceof ApiError ? (e.details as { errors?: ShownError[] } | undefined) : undefined;
      // A refused component ("documents.<code>") is shown on the documents step, next to its requirement.
      const shown = (details?.errors ?? []).map((x) => (x.path.startsWith('documents.') ? { path: `doc-${x.path.slice('documents.'.length)}`, message: x.message } : x));
      const documentsStep = steps.findIndex((x) => x.key === 'giay-to');
      if (shown.length && shown.every((x) => x.path.startsWith('doc-')) && documentsStep >= 0) {
        carriedErrors.current = shown;
        goTo(documentsStep);
        return;
      }
      setErrors(shown.length ? shown : [{ path: 'submit', message: e instanceof ApiError ? e.message : 'Nộp hồ sơ không thành công. Vui lòng thử lại.' }]);
    }
  };

  const quote = quoteFees({ lines: kase.fees, channel: 'online', date: vnToday(), ...feeQuantities(form.pages.flatMap((p) => p.fields.map((f) => f.key)), draft.values) });
  const page = form.pages.find((p) => p.key === step.key);

  return (
    <section className="journey">
      <p className="muted">{proc.definition.name} · Bước {stepIndex + 1}/{steps.length}</p>
      {stepIndex > 0 && <button type="button" className="link-button back-link" onClick={() => goTo(stepIndex - 1)}>‹ Quay lại</button>}
      <h1 ref={heading} tabIndex={-1}>{step.title}</h1>
      {draft.expiresSoon && <p className="note">Hồ sơ nháp sẽ hết hạn ngày {formatDate(draft.expiresAt)}. Hãy hoàn thành và nộp trước ngày này.</p>}
      <ErrorSummary errors={errors} />
      <p className="save-state" role="status">{saveState === 'saving' ? 'Đang lưu…' : saveState === 'error' ? 'Chưa lưu được – kiểm tra kết nối mạng' : 'Đã lưu nháp'}</p>

      {page && (
        <form onSubmit={(e) => { e.preventDefault(); void next(); }} noValidate>
          {page.fields.filter((f) => visibleField(form, f.key, draft.values)).map((f) => (
            <Field
              key={f.key}
              field={f}
              value={draft.values[f.key]}
              prefilled={draft.prefilledFields.includes(f.key)}
              error={errors.find((e) => e.path === f.key)?.message}
              onChange={(v) => update({ values: { ...draft.values, [f.key]: v } })}
            />
          ))}
          <button type="submit" className="button">Tiếp tục</button>
        </form>
      )}

      {step.key === 'giay-to' && (
        <div>
          <p>Tải lên bản chụp hoặc bản quét (PDF, JPEG, PNG; tối đa 10 MB mỗi tệp).</p>
          {kase.documents.filter((d) => !d.providedByForm).map((d) => {
            const attached = draft.documents.filter((x) => x.requirementCode === d.code);
            const inputId = `f-doc-${d.code}`;
            return (
              <div key={d.code} className={`document-row${errors.some((e) => e.path === `doc-${d.code}`) ? ' has-error' : ''}`}>
                <h2 className="document-name">{d.name}{!d.required && <span className="muted"> (nếu có)</span>}</h2>
                <p className={attached.length ? 'doc-ok' : 'doc-missing'}>{attached.length ? '✓ Đã có' : d.required ? 'Còn thiếu' : 'Chưa có'}</p>
                <ul className="attached-documents">
                  {attached.map((a) => {
                    const label = a.storeDocumentId ? `Lấy từ kho dữ liệu: ${storedTitle(a.storeDocumentId) ?? 'giấy tờ trong kho dữ liệu'}` : (a.uploadId && files[a.uploadId]?.name) || 'Tệp đã tải lên';
                    return (
                      <li key={a.uploadId ?? a.storeDocumentId}>
                        {label}{' '}
                        <button type="button" className="link-button" onClick={() => update({ documents: draft.documents.filter((x) => !sameDocument(x, a)) })}>
                          Gỡ bỏ<span className="visually-hidden"> {label}</span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
                {errors.filter((e) => e.path === `doc-${d.code}`).map((e) => <p key={e.message} className="field-error">{e.message}</p>)}
                <label htmlFor={inputId}>Chọn tệp cho: {d.name}</label>
                <input id={inputId} type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => void onFile(d.code, e.target.files?.[0])} />
                {progress[d.code] !== undefined && <progress max={1} value={progress[d.code]} aria-label={`Đang tải lên ${d.name}`} />}
                {acceptsStoreDocuments(d) && (
                  <StorePicker
                    requirement={d}
                    source={store}
                    openLabel="Lấy từ kho dữ liệu"
                    chosen={attached.flatMap((a) => (a.storeDocumentId ? [a.storeDocumentId] : []))}
                    onChoose={(doc) => {
                      setErrors((es) => es.filter((x) => x.path !== `doc-${d.code}`));
                      update({ documents: [...draft.documents, { requirementCode: d.code, storeDocumentId: doc.id }] });
                    }}
                  />
                )}
              </div>
            );
          })}
          <button type="button" className="button" onClick={() => void next()}>Tiếp tục</button>
        </div>
      )}

      {step.key === 'lien-he' && (
        <form onSubmit={(e) => { e.preventDefault(); void next(); }} noValidate>
          <div className="form-group">
            <label htmlFor="f-contactPhone">Số điện thoại di động</label>
            <p className="hint">Để nhận thông báo và tra cứu hồ sơ (4 số cuối).</p>
            <input id="f-contactPhone" type="tel" autoComplete="tel" value={draft.meta.contactPhone ?? ''} onChange={(e) => update({ meta: { ...draft.meta, contactPhone: e.target.value } })} />
          </div>
          <div className="form-group">
            <label htmlFor="f-contactEmail">Thư điện tử (không bắt buộc)</label>
            <input id="f-contactEmail" type="email" autoComplete="email" value={draft.meta.contactEmail ?? ''} onChange={(e) => update({ meta: { ...draft.meta, contactEmail: e.target.value } })} />
          </div>
          <fieldset className="form-group">
            <legend>Bạn muốn nhận kết quả thế nào?</legend>
            <div className="radios">
              {([['online', 'Bản điện tử vào kho dữ liệu cá nhân'], ['counter', 'Nhận bản giấy tại Trung tâm Phục vụ hành chính công'], ['post', 'Qua bưu chính công ích']] as const).map(([v, label]) => (
                <label key={v}><input type="radio" name="resultDelivery" checked={(draft.meta.resultDelivery ?? 'online') === v} onChange={() => update({ meta: { ...draft.meta, resultDelivery: v } })} /> {label}</label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button">Tiếp tục</button>
        </form>
      )}

      {step.key === 'kiem-tra' && (
        <div>
          {pages.map((p, i) => (
            <section key={p.key} aria-labelledby={`sum-${p.key}`}>
              <h2 id={`sum-${p.key}`}>{p.title}</h2>
              <dl className="summary-list">
                {p.fields.filter((f) => visibleField(form, f.key, draft.values)).map((f) => (
                  <div key={f.key}>
                    <dt>{f.label}</dt>
                    <dd>{displayValue(f, draft.values[f.key])}</dd>
                    <dd><button type="button" className="link-button" onClick={() => goTo(i)}>Thay đổi<span className="visually-hidden"> {f.label}</span></button></dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <h2>Giấy tờ kèm theo</h2>
          <dl className="summary-list">
            {kase.documents.filter((d) => !d.providedByForm).map((d) => {
              const attached = draft.documents.filter((x) => x.requirementCode === d.code);
              return (
                <div key={d.code}>
                  <dt>{d.name}</dt>
                  <dd>
                    {attached.length === 0 ? 'Chưa có' : (
                      <ul className="plain-list">
                        {attached.map((a) => (
                          <li key={a.uploadId ?? a.storeDocumentId}>
                            {a.storeDocumentId ? `Lấy từ kho dữ liệu: ${storedTitle(a.storeDocumentId) ?? 'giấy tờ trong kho dữ liệu'}` : `Tải lên: ${(a.uploadId && files[a.uploadId]?.name) || 'tệp đã tải lên'}`}
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                  <dd><button type="button" className="link-button" onClick={() => goTo(steps.findIndex((x) => x.key === 'giay-to'))}>Thay đổi<span className="visually-hidden"> {d.name}</span></button></dd>
                </div>
              );
            })}
          </dl>
          <h2>Phí, lệ phí</h2>
          <p>{quote.total === 0 ? 'Miễn phí' : `${formatMoney(quote.total)} (đã áp dụng mức giảm khi nộp trực tuyến)`}</p>
          {quote.lines.some((l) => l.gross > 0) && <FeeQuoteTable quote={quote} id="review-fee-quote" />}
          <button type="button" className="button button-primary" disabled={submitting} onClick={() => void submit()}>{submitting ? 'Đang nộp…' : 'Nộp hồ sơ'}</button>
        </div>
      )}
    </section>
  );
}

function visibleField(form: NonNullable<ProcedureCase['form']>, key: string, values: Record<string, unknown>): boolean {
  return isFieldVisible(form, values, key);
}
