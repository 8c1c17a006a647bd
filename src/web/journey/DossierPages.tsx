import QRCode from 'qrcode';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { foldVietnamese } from '../../core/catalogue/search.ts';
import { localDay } from '../../core/time/local.ts';
import { api, ApiError } from '../api/client.ts';
import type { CitizenDossierResult, SupplementRequest } from '../api/types.ts';
import { formatDate, formatDateTime, formatDay } from '../format.ts';
import { loginHref, useSession } from '../session.tsx';
import { vnClock } from '../staff/format.ts';
import { usePageTitle } from '../usePageTitle.ts';
import { ErrorSummary, type ShownError } from './ErrorSummary.tsx';
import { uploadFile } from './upload.ts';
import { RatingForm } from '../metrics/RatingForm.tsx';
import { PaymentPanel } from '../payments/PaymentPanel.tsx';

interface TimelineEntry {
  at: string;
  label: string;
  statusName: string | null;
  note?: string;
}
interface DossierDetail {
  id: string;
  code: string;
  procedureCode: string;
  caseCode: string;
  procedureName: string;
  status: { code: number; name: string };
  submittedAt: string;
  dueAt: string | null;
  documents: { id: string; name: string; requirementCode: string }[];
  timeline: TimelineEntry[];
  canWithdraw: boolean;
  /** Present while the dossier waits for the documents an official asked for (status 5). */
  supplementRequest?: SupplementRequest | null;
  /** The components of the version and case the dossier was received under. */
  requirements: { code: string; name: string; required: boolean; providedByForm: boolean }[];
  /** The electronic result, once issued (signed and published into the citizen's store). */
  result?: CitizenDossierResult | null;
}

/** "09:45 ngày 16/03/2026" in Vietnam time. */
const dueText = (iso: string) => `${vnClock(iso)} ngày ${formatDate(iso)}`;

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

function useQr(text: string | null) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (text) QRCode.toDataURL(text, { margin: 1, width: 180 }).then(setSrc, () => setSrc(null));
  }, [text]);
  return src;
}

export function ConfirmationPage() {
  const { id = '' } = useParams();
  const [d, setD] = useState<DossierDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = usePageTitle('Đã nộp hồ sơ');
  useEffect(() => {
    api<DossierDetail>(`/api/my/dossiers/${id}`).then(setD, (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không tải được hồ sơ.'));
  }, [id]);
  const lookupUrl = d ? `${window.location.origin}/tra-cuu?ma=${encodeURIComponent(d.code)}` : null;
  const qr = useQr(lookupUrl);
  if (error) return <div className="error-box" role="alert">{error}</div>;
  if (!d) return <p role="status">Đang tải…</p>;
  return (
    <section>
      <div className="panel-success">
        <h1 ref={heading} tabIndex={-1}>Đã nộp hồ sơ thành công</h1>
        <p>Mã hồ sơ của bạn</p>
        <p className="dossier-code" data-testid="dossier-code">{d.code}</p>
      </div>
      <p>Hồ sơ "{d.procedureName}" đã được gửi lúc {formatDateTime(d.submittedAt)}. Chúng tôi đã gửi thư xác nhận tới địa chỉ thư điện tử của bạn (nếu có).</p>
      <h2>Điều gì xảy ra tiếp theo?</h2>
      <ol>
        <li>Bộ phận một cửa kiểm tra hồ sơ và thông báo tiếp nhận, kèm ngày hẹn trả kết quả.</li>
        <li>Nếu cần bổ sung, bạn sẽ nhận được thông báo và có thể bổ sung trực tuyến.</li>
        <li>Kết quả điện tử được gửi vào kho dữ liệu cá nhân của bạn.</li>
      </ol>
      {qr && (
        <figure className="qr">
          <img src={qr} alt={`Mã QR tra cứu hồ sơ ${d.code}`} width={180} height={180} />
          <figcaption>Quét mã QR để tra cứu tình trạng hồ sơ (cần 4 số cuối số điện thoại hoặc số định danh).</figcaption>
        </figure>
      )}
      <p><Link to={`/ho-so-cua-toi/${d.id}`}>Xem tiến trình hồ sơ</Link> · <Link to="/ho-so-cua-toi">Hồ sơ của tôi</Link></p>
    </section>
  );
}

export function MyDossiersPage() {
  const { session } = useSession();
  const heading = usePageTitle('Hồ sơ của tôi');
  const [items, setItems] = useState<{ id: string; code: string; procedureName: string; status: { name: string }; submittedAt: string }[] | null>(null);
  const [drafts, setDrafts] = useState<{ id: string; procedureCode: string; updatedAt: string; expiresAt: string; expiresSoon: boolean }[]>([]);
  useEffect(() => {
    if (!session?.authenticated) return;
    api<{ items: typeof items & object }>('/api/my/dossiers').then((r) => setItems(r.items), () => setItems([]));
    api<{ items: typeof drafts }>('/api/drafts').then((r) => setDrafts(r.items), () => setDrafts([]));
  }, [session]);
  if (session && !session.authenticated) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>Hồ sơ của tôi</h1>
        <p><a href={loginHref('/ho-so-cua-toi')}>Đăng nhập</a> để xem hồ sơ của bạn.</p>
      </section>
    );
  }
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>Hồ sơ của tôi</h1>
      {drafts.length > 0 && (
        <>
          <h2>Hồ sơ đang soạn (nháp)</h2>
          <ul className="cards" aria-label="Hồ sơ nháp">
            {drafts.map((d) => (
              <li key={d.id} className="card">
                <Link to={`/ho-so-nhap/${d.id}`}>Tiếp tục hồ sơ nháp thủ tục {d.procedureCode}</Link>
                <p className="muted">Lưu lần cuối {formatDateTime(d.updatedAt)} · hết hạn {formatDate(d.expiresAt)}{d.expiresSoon ? ' (sắp hết hạn)' : ''}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Hồ sơ đã nộp</h2>
      {items === null ? <p role="status">Đang tải…</p> : items.length === 0 ? <p>Bạn chưa nộp hồ sơ nào.</p> : (
        <ul className="cards" aria-label="Hồ sơ đã nộp">
          {items.map((d) => (
            <li key={d.id} className="card">
              <Link to={`/ho-so-cua-toi/${d.id}`}>{d.procedureName}</Link>
              <p className="muted">Mã {d.code} · {d.status.name} · nộp {formatDateTime(d.submittedAt)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function DossierDetailPage() {
  const { id = '' } = useParams();
  const [d, setD] = useState<DossierDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const announceRef = useRef<HTMLParagraphElement>(null);
  const heading = usePageTitle(d ? `Hồ sơ ${d.code}` : 'Hồ sơ');
  const load = () => api<DossierDetail>(`/api/my/dossiers/${id}`).then(setD, (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không tải được hồ sơ.'));
  useEffect(() => {
    void load();
  }, [id]);
  const withdraw = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api(`/api/my/dossiers/${id}/withdrawal`, { method: 'POST', body: { reason } });
      setFormError(null);
      await load();
    } catch (err) {
      setFormError(err instanceof ApiError ? ((err.details as { issues?: { message: string }[] })?.issues?.[0]?.message ?? err.message) : 'Không gửi được yêu cầu.');
    }
  };
  const supplied = async (result: { dueAt: string | null }) => {
    await load();
    setAnnouncement(`Đã gửi giấy tờ bổ sung. Hồ sơ tiếp tục được xử lý${result.dueAt ? `; hẹn trả kết quả mới: ${dueText(result.dueAt)}` : ''}.`);
    requestAnimationFrame(() => announceRef.current?.focus());
  };
  if (error) return <div className="error-box" role="alert">{error}</div>;
  if (!d) return <p role="status">Đang tải…</p>;
  return (
    <section>
      <p className="muted">{d.procedureName}</p>
      <h1 ref={heading} tabIndex={-1}>Hồ sơ {d.code}</h1>
      <p role="status" className={announcement ? 'panel-info' : undefined} tabIndex={-1} ref={announceRef}>{announcement}</p>
      <dl className="facts">
        <div><dt>Trạng thái</dt><dd data-testid="citizen-status">{d.status.name}</dd></div>
        <div><dt>Ngày nộp</dt><dd>{formatDateTime(d.submittedAt)}</dd></div>
        {d.dueAt && <div><dt>Hẹn trả kết quả</dt><dd data-testid="citizen-due">{dueText(d.dueAt)}</dd></div>}
      </dl>
      <PaymentPanel dossierId={d.id} />
      {d.result && <ResultPanel dossierId={d.id} result={d.result} />}
      {(d.status.code === 9 || d.status.code === 10) && <RatingForm dossierId={d.id} />}
      {d.supplementRequest && <SupplementForm d={d} request={d.supplementRequest} onDone={(r) => void supplied(r)} />}
      <h2>Tiến trình</h2>
      <Timeline items={d.timeline} />
      {d.canWithdraw && (
        <form onSubmit={withdraw} className="withdraw" noValidate>
          <h2>Rút hồ sơ</h2>
          <div className={`form-group${formError ? ' has-error' : ''}`}>
            <label htmlFor="f-reason">Lý do rút hồ sơ</label>
            {formError && <p className="field-error" id="f-reason-error" role="alert">{formError}</p>}
            <textarea id="f-reason" rows={3} value={reason} aria-describedby={formError ? 'f-reason-error' : undefined} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button button-secondary">Gửi yêu cầu rút hồ sơ</button>
        </form>
      )}
    </section>
  );
}

const RESULT_STATUS: Record<CitizenDossierResult['status'], { icon: string; text: string }> = {
  valid: { icon: '✓', text: 'Còn hiệu lực' },
  cancelled: { icon: '⚠', text: 'Đã thu hồi – không còn giá trị sử dụng' },
  replaced: { icon: '⚠', text: 'Đã được thay thế – không còn giá trị sử dụng' },
};

/** The issued electronic result: what it is, its number and validity, the signed PDF and its public verification page. */
function ResultPanel({ dossierId, result }: { dossierId: string; result: CitizenDossierResult }) {
  const expired = result.status === 'valid' && !!result.validTo && result.validTo < localDay(new Date());
  const status = expired ? { icon: '⏱', text: 'Hết hiệu lực' } : RESULT_STATUS[result.status];
  const state = expired ? 'expired' : result.status;
  return (
    <section className="result-panel" aria-labelledby="result-title" data-testid="citizen-result">
      <h2 id="result-title">Kết quả giải quyết</h2>
      <p className="result-title">{result.title}</p>
      <dl className="summary-list">
        <div><dt>Số, ký hiệu</dt><dd data-testid="result-number">{result.number}</dd></div>
        {result.issuedAt && <div><dt>Ngày phát hành</dt><dd><time dateTime={result.issuedAt}>{formatDate(result.issuedAt)}</time></dd></div>}
        <div><dt>Hiệu lực</dt><dd>{result.validTo ? `Đến hết ngày ${formatDay(result.validTo)}` : 'Không thời hạn'}</dd></div>
        <div><dt>Tình trạng</dt><dd><span className={`store-state store-state-${state}`}><span aria-hidden="true">{status.icon}</span> {status.text}</span></dd></div>
      </dl>
      <p className="muted">Kết quả điện tử có chữ ký số của cơ quan giải quyết, có giá trị pháp lý như bản giấy, và đã được lưu vào <Link to="/kho-du-lieu">kho dữ liệu của bạn</Link>.</p>
      <div className="button-row">
        <a className="button button-primary" href={`/api/my/dossiers/${dossierId}/result.pdf`} download>Tải kết quả (PDF có chữ ký số)</a>
        <Link className="button button-secondary" to={result.verifyPath}>Xác minh<span className="visually-hidden"> kết quả {result.number}</span></Link>
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
  const requirements = d.requirements.filter((x) => !x.providedByForm);
  const [rows, setRows] = useState<SupplementRow[]>(() =>
    (request.items.length ? request.items : [{ name: '', reason: '' }]).map((it) => ({ asked: it.name, requirementCode: guessRequirement(it.name, requirements), file: null })),
  );
  const [progress, setProgress] = useState<Record<number, number>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [busy, setBusy] = useState(false);

  const change = (i: number, patch: Partial<SupplementRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const onFile = async (i: number, input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setErrors((es) => es.filter((e) => e.path !== `sup-file-${i}`));
    setProgress((p) => ({ ...p, [i]: 0 }));
    try {
      const up = await uploadFile(file, (f) => setProgress((p) => ({ ...p, [i]: f })));
      change(i, { file: { uploadId: up.id, name: up.name } });
    } catch (e) {
      setErrors([{ path: `sup-file-${i}`, message: e instanceof ApiError ? e.message : 'Tải tệp lên không thành công.' }]);
    } finally {
      setProgress(({ [i]: _, ...rest }) => rest);
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const problems: ShownError[] = [];
    rows.forEach((r, i) => {
      if (r.file && !r.requirementCode) problems.push({ path: `sup-req-${i}`, message: `Chọn thành phần hồ sơ cho tệp ${r.file.name}.` });
    });
    if (!rows.some((r) => r.file)) problems.push({ path: 'sup-file-0', message: 'Vui lòng đính kèm ít nhất một giấy tờ bổ sung.' });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const documents = rows.filter((r) => r.file).map((r) => ({ requirementCode: r.requirementCode, uploadId: r.file!.uploadId }));
      const result = await api<{ status: number; dueAt: string | null }>(`/api/my/dossiers/${d.id}/supplement`, { method: 'POST', body: { documents, ...(note.trim() ? { note: note.trim() } : {}) } });
      onDone(result);
    } catch (err) {
      setErrors([{ path: 'sup-send', message: err instanceof ApiError ? ((err.details as { issues?: { message: string }[] } | undefined)?.issues?.[0]?.message ?? err.message) : 'Không gửi được giấy tờ bổ sung. Vui lòng thử lại.' }]);
    } finally {
      setBusy(false);
    }
  };
  const err = (path: string) => errors.find((x) => x.path === path)?.message;

  return (
    <section className="supplement-request" aria-labelledby="supplement-title">
      <h2 id="supplement-title">Cơ quan yêu cầu bổ sung hồ sơ</h2>
      {request.requestedAt && <p className="muted">Yêu cầu lúc {dueText(request.requestedAt)}. Thời gian chờ bổ sung không tính vào thời hạn giải quyết.</p>}
      <p><strong>Lý do:</strong> <span data-testid="supplement-reason">{request.reason}</span></p>
      {request.items.length > 0 && (
        <>
          <p>Giấy tờ cần bổ sung:</p>
          <ul>{request.items.map((it, i) => <li key={i}><strong>{it.name}</strong>{it.reason ? `: ${it.reason}` : ''}</li>)}</ul>
        </>
      )}
      <form onSubmit={(e) => void send(e)} noValidate>
        <ErrorSummary errors={errors} />
        {rows.map((r, i) => (
          <fieldset key={i} className="form-group document-row">
            <legend>{r.asked ? `Giấy tờ bổ sung: ${r.asked}` : `Giấy tờ bổ sung thứ ${i + 1}`}</legend>
            <div className={err(`sup-req-${i}`) ? 'has-error' : undefined}>
              <label htmlFor={`f-sup-req-${i}`}>Thuộc thành phần hồ sơ</label>
              {err(`sup-req-${i}`) && <p className="field-error" id={`f-sup-req-${i}-error`}>{err(`sup-req-${i}`)}</p>}
              <select id={`f-sup-req-${i}`} value={r.requirementCode} aria-describedby={err(`sup-req-${i}`) ? `f-sup-req-${i}-error` : undefined} onChange={(e) => change(i, { requirementCode: e.target.value })}>
                <option value="">– Chọn –</option>
                {requirements.map((q) => <option key={q.code} value={q.code}>{q.name}</option>)}
              </select>
            </div>
            {r.file && <p className="doc-ok">✓ Đã tải lên: {r.file.name}</p>}
            <div className={err(`sup-file-${i}`) ? 'has-error' : undefined}>
              <label htmlFor={`f-sup-file-${i}`}>{r.file ? 'Chọn tệp khác' : 'Chọn tệp'} (PDF, JPEG, PNG){r.asked ? ` cho: ${r.asked}` : ''}</label>
              {err(`sup-file-${i}`) && <p className="field-error" id={`f-sup-file-${i}-error`}>{err(`sup-file-${i}`)}</p>}
              <input id={`f-sup-file-${i}`} type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby={err(`sup-file-${i}`) ? `f-sup-file-${i}-error` : undefined}
                onChange={(e) => void onFile(i, e.currentTarget)} />
              {progress[i] !== undefined && <progress max={1} value={progress[i]} aria-label={`Đang tải lên giấy tờ bổ sung thứ ${i + 1}`} />}
            </div>
          </fieldset>
        ))}
        <p>
          <button type="button" className="button button-secondary" onClick={() => setRows((rs) => [...rs, { asked: '', requirementCode: '', file: null }])}>Thêm giấy tờ khác</button>
        </p>
        <div className="form-group">
          <label htmlFor="f-sup-note">Ghi chú cho cơ quan (không bắt buộc)</label>
          <textarea id="f-sup-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {err('sup-send') && <p id="f-sup-send" className="field-error">{err('sup-send')}</p>}
        <button type="submit" className="button button-primary" disabled={busy || Object.keys(progress).length > 0}>{busy ? 'Đang gửi…' : 'Gửi giấy tờ bổ sung'}</button>
      </form>
    </section>
  );
}

export function LookupPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [last4, setLast4] = useState('');
  const [result, setResult] = useState<{ code: string; procedureName: string; status: { name: string }; dueAt: string | null; timeline: TimelineEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = usePageTitle('Tra cứu hồ sơ');
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      setResult(await api(`/api/public/dossiers/lookup?code=${encodeURIComponent(code.trim())}&last4=${encodeURIComponent(last4.trim())}`));
    } catch (err) {
      setError(err instanceof ApiError ? ((err.details as { issues?: { message: string }[] })?.issues?.[0]?.message ?? err.message) : 'Không tra cứu được.');
    }
  };
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>Tra cứu tình trạng hồ sơ</h1>
      <form onSubmit={search} noValidate>
        <div className="form-group">
          <label htmlFor="f-code">Mã hồ sơ</label>
          <input id="f-code" type="text" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </div>
        <div className="form-group">
          <label htmlFor="f-last4">4 số cuối số điện thoại hoặc số định danh của người nộp</label>
          <input id="f-last4" type="text" inputMode="numeric" maxLength={4} value={last4} onChange={(e) => setLast4(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit" className="button">Tra cứu</button>
      </form>
      {error && <div className="error-box" role="alert">{error}</div>}
      {result && (
        <div className="lookup-result" aria-live="polite">
          <h2>{result.procedureName}</h2>
          <dl className="facts">
            <div><dt>Mã hồ sơ</dt><dd>{result.code}</dd></div>
            <div><dt>Trạng thái</dt><dd data-testid="lookup-status">{result.status.name}</dd></div>
            {result.dueAt && <div><dt>Ngày hẹn trả</dt><dd>{formatDate(result.dueAt)}</dd></div>}
          </dl>
          <Timeline items={result.timeline} />
        </div>
      )}
    </section>
  );
}
