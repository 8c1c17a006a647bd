import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { ProcedureDetail } from '../api/types.ts';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

/** Procedure page → choose the case (trường hợp) → a draft prefilled by the server. */
export function StartPage() {
  const { code = '' } = useParams();
  const { session } = useSession();
  const navigate = useNavigate();
  const [proc, setProc] = useState<ProcedureDetail | null>(null);
  const [caseCode, setCaseCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = usePageTitle('Chọn trường hợp');
  useEffect(() => {
    api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`).then((p) => {
      setProc(p);
      const online = p.definition.cases.filter((c) => c.form);
      if (online.length === 1) setCaseCode(online[0].code);
    }, (e: unknown) => setError(e instanceof ApiError ? e.message : 'Không tải được thủ tục.'));
  }, [code]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!caseCode) return setError('Vui lòng chọn trường hợp của bạn.');
    setBusy(true);
    try {
      const draft = await api<{ id: string }>('/api/drafts', { method: 'POST', body: { procedureCode: code, caseCode } });
      void navigate(`/ho-so-nhap/${draft.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Không tạo được hồ sơ.');
      setBusy(false);
    }
  };

  if (session && !session.authenticated) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>Đăng nhập để nộp hồ sơ</h1>
        <p>Bạn cần đăng nhập bằng tài khoản định danh điện tử (VNeID) để thông tin được điền sẵn và hồ sơ được lưu lại.</p>
        <a className="button button-primary" href={loginHref(`/nop-ho-so/${encodeURIComponent(code)}`)}>Đăng nhập bằng VNeID</a>
      </section>
    );
  }
  if (!proc) return error ? <div className="error-box" role="alert">{error}</div> : <p role="status">Đang tải…</p>;
  const cases = proc.definition.cases.filter((c) => c.form);
  return (
    <section>
      <p className="muted">{proc.definition.name}</p>
      <h1 ref={heading} tabIndex={-1}>Chọn trường hợp của bạn</h1>
      <ErrorSummary errors={error ? [{ path: 'caseCode', message: error }] : []} />
      <form onSubmit={start}>
        <fieldset className="form-group">
          <legend>Bạn đang thực hiện trường hợp nào?</legend>
          <div className="radios">
            {cases.map((c, i) => (
              <label key={c.code}>
                <input type="radio" name="caseCode" id={i === 0 ? 'f-caseCode' : undefined} value={c.code} checked={caseCode === c.code} onChange={() => setCaseCode(c.code)} /> {c.name}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={busy}>Bắt đầu</button>
      </form>
    </section>
  );
}
