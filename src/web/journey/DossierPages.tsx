import QRCode from 'qrcode';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';

interface TimelineEntry {
  at: string;
  label: string;
  statusName: string | null;
  note?: string;
}
interface DossierDetail {
  id: string;
  code: string;
  procedureName: string;
  status: { code: number; name: string };
  submittedAt: string;
  dueAt: string | null;
  documents: { id: string; name: string; requirementCode: string }[];
  timeline: TimelineEntry[];
  canWithdraw: boolean;
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
  if (error) return <div className="error-box" role="alert">{error}</div>;
  if (!d) return <p role="status">Đang tải…</p>;
  return (
    <section>
      <p className="muted">{d.procedureName}</p>
      <h1 ref={heading} tabIndex={-1}>Hồ sơ {d.code}</h1>
      <dl className="facts">
        <div><dt>Trạng thái</dt><dd>{d.status.name}</dd></div>
        <div><dt>Ngày nộp</dt><dd>{formatDateTime(d.submittedAt)}</dd></div>
        {d.dueAt && <div><dt>Ngày hẹn trả</dt><dd>{formatDate(d.dueAt)}</dd></div>}
      </dl>
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
