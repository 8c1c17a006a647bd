import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { errorText } from '../data/errors.ts';
import { catalogueQueries } from '../data/queries.ts';
import '../i18n/journey.ts';
import { loginHref, useSession } from '../session.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { nameOf, procedureNameLang, procedureNameOf, useFormLanguage } from './labels.ts';
import { ViOnlyNotice } from './ViOnlyNotice.tsx';

/**
 * Procedure page → a draft prefilled by the server. The case (trường hợp) is chosen by the server where it can be
 * (issue 18, fewer steps): a procedure with one online case, or one whose data decides (birth registration: the
 * child's date of birth → on time or late, `caseInference` in the catalogue). The choice page shows only when nothing
 * decides, for a link naming a case (?truong-hop=), or when the citizen asks to change the case (?chon=1).
 */
export function StartPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const lang = useFormLanguage();
  const { session } = useSession();
  const navigate = useNavigate();
  const procedure = useQuery(catalogueQueries.procedure(code));
  const [chosen, setChosen] = useState('');
  // ?truong-hop=<case code>: a link (e.g. from the assistant) that opens one case directly.
  const [search] = useSearchParams();
  const asked = search.get('truong-hop') ?? '';
  const [problem, setProblem] = useState<string | null>(null);
  const [choose, setChoose] = useState(search.get('chon') === '1');
  const heading = usePageTitle(t('journey.start.title'));
  const create = useMutation({
    mutationFn: (caseCode: string | undefined) =>
      api<{ id: string }>('/api/drafts', { method: 'POST', body: caseCode ? { procedureCode: code, caseCode } : { procedureCode: code } }),
    // Replace: going back from the draft returns to the procedure page, not to a page that would start another draft.
    onSuccess: (draft) => void navigate(`/ho-so-nhap/${draft.id}`, { replace: true }),
    onError: (err) => {
      setChoose(true);
      // Nothing decided the case: the citizen chooses, without an error.
      if (!(err instanceof ApiError && err.code === 'CASE_REQUIRED')) setProblem(errorText(err, t('journey.start.createError')));
    },
  });
  const authenticated = !!session?.authenticated;
  const definition = procedure.data?.definition;
  const decides = !!definition && (definition.cases.filter((c) => c.form).length === 1 || (definition.caseInference?.length ?? 0) > 0);
  const auto = authenticated && decides && !choose && !asked;
  const started = useRef(false);
  useEffect(() => {
    if (!auto || started.current) return;
    started.current = true;
    create.mutate(undefined);
  }, [auto, create]);

  const cases = procedure.data?.definition.cases.filter((c) => c.form) ?? [];
  // A procedure with one online case needs no choice.
  const caseCode = chosen || (cases.some((c) => c.code === asked) ? asked : '') || (cases.length === 1 ? cases[0].code : '');
  const start = (e: FormEvent) => {
    e.preventDefault();
    if (!caseCode) return setProblem(t('journey.start.chooseCase'));
    setProblem(null);
    create.mutate(caseCode);
  };

  // A link to the e-form reached before signing in goes straight on to the e-ID (issue 18, fewer steps); the page
  // below shows only for the moment the browser leaves, with the same link should it not.
  const loginTo = loginHref(`/nop-ho-so/${encodeURIComponent(code)}${asked ? `?truong-hop=${encodeURIComponent(asked)}` : ''}`);
  const anonymous = !!session && !session.authenticated;
  useEffect(() => {
    if (anonymous) window.location.replace(loginTo);
  }, [anonymous, loginTo]);

  if (anonymous) {
    return (
      <section>
        <h1 ref={heading} tabIndex={-1}>
          {t('journey.start.loginTitle')}
        </h1>
        <p>{t('journey.start.loginLead')}</p>
        <a className="button button-primary" href={loginTo}>
          {t('journey.start.loginButton')}
        </a>
      </section>
    );
  }
  if (procedure.error)
    return (
      <div className="error-box" role="alert">
        {errorText(procedure.error, t('journey.start.loadError'))}
      </div>
    );
  if (!procedure.data) return <p role="status">{t('common.loading')}</p>;
  if (auto && !create.isError)
    return (
      <section>
        <p className="muted" lang={procedureNameLang(procedure.data.definition, lang)}>
          {procedureNameOf(procedure.data.definition, lang)}
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {t('journey.start.preparing')}
        </h1>
        <p role="status">{t('journey.start.preparingLead')}</p>
      </section>
    );
  return (
    <section>
      <p className="muted" lang={procedureNameLang(procedure.data.definition, lang)}>
        {procedureNameOf(procedure.data.definition, lang)}
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('journey.start.heading')}
      </h1>
      <ViOnlyNotice definition={procedure.data.definition} />
      <ErrorSummary errors={problem ? [{ path: 'caseCode', message: problem }] : []} />
      <form onSubmit={start}>
        <fieldset className="form-group">
          <legend>{t('journey.start.question')}</legend>
          <div className="radios">
            {cases.map((c, i) => (
              <label key={c.code}>
                <input
                  type="radio"
                  name="caseCode"
                  id={i === 0 ? 'f-caseCode' : undefined}
                  value={c.code}
                  checked={caseCode === c.code}
                  onChange={() => setChosen(c.code)}
                />{' '}
                {nameOf(c, lang)}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="button button-primary" disabled={create.isPending || create.isSuccess}>
          {t('journey.start.begin')}
        </button>
      </form>
    </section>
  );
}
