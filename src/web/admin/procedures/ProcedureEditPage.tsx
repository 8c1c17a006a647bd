/**
 * Editing a procedure (/can-bo/quan-tri/thu-tuc/:code/sua): the whole definition is edited and saved as a NEW
 * version (PUT /api/admin/procedures/:code); the version in force is never changed. Before saving, the page lists
 * what changed and asks for confirmation; the server's validation issues are shown against their fields.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ProcedureDefinition } from '../../../core/catalogue/schema.ts';
import { api } from '../../api/client.ts';
import { PAGE_ROLES } from '../access.ts';
import { diffValues, type DiffRow } from '../diff.ts';
import { DiffTable } from '../DiffTable.tsx';
import { ListEditor } from '../ListEditor.tsx';
import type { ProcedureVersion } from '../types.ts';
import {
  AdminPage,
  CheckboxField,
  errorsFromApi,
  fieldPath,
  formatDay,
  LoadError,
  Loading,
  QueryError,
  SelectField,
  TextField,
  useAdmin,
  usePathLabel,
  vnToday,
  type ShownError,
} from '../ui.tsx';
import { CaseEditor } from './CaseEditor.tsx';
import { checkFormText, formToText } from './form-check.ts';
import { adminQueries, adminReferenceQueries } from '../queries.ts';
import { keys } from '../../data/keys.ts';

export function ProcedureEditPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  return (
    <AdminPage title={t('admin.editor.title', { code })} roles={PAGE_ROLES.procedures} wide>
      <Editor code={code} />
    </AdminPage>
  );
}

function Editor({ code }: { code: string }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(adminQueries.versions(code));
  const kinds = useQuery(adminReferenceQueries.orgUnits());
  const current = data ? (data.find((v) => v.status === 'active') ?? data[data.length - 1]) : undefined;
  if (error) return <QueryError error={error} />;
  if (!data) return <Loading />;
  if (!current) return <LoadError message={t('admin.procedure.notFound', { code })} />;
  const unitKinds = [
    ...new Set([...(kinds.data ?? []).map((u) => u.kind), ...current.definition.cases.flatMap((c) => c.workflow.map((s) => s.unitKind))]),
  ].sort();
  const nextVersion = Math.max(...data.map((v) => v.version)) + 1;
  return <EditorForm key={current.version} current={current} nextVersion={nextVersion} unitKinds={unitKinds} />;
}

function EditorForm({ current, nextVersion, unitKinds }: { current: ProcedureVersion; nextVersion: number; unitKinds: string[] }) {
  const { t } = useTranslation();
  const { setErrors, announce } = useAdmin();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const pathLabel = usePathLabel();
  const today = vnToday();
  const [def, setDef] = useState<ProcedureDefinition>(() => {
    const copy = structuredClone(current.definition);
    // A new version takes effect today (the version in force ends then), unless it was already set later.
    if (copy.effectiveFrom < today) copy.effectiveFrom = today;
    return copy;
  });
  const [formTexts, setFormTexts] = useState<string[]>(() => current.definition.cases.map((c) => formToText(c.form)));
  const [review, setReview] = useState<{ rows: DiffRow[]; candidate: ProcedureDefinition } | null>(null);
  const [busy, setBusy] = useState(false);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const reviewButton = useRef<HTMLButtonElement>(null);
  const backFromReview = useRef(false);
  useEffect(() => {
    if (review) reviewHeading.current?.focus();
    else if (backFromReview.current) {
      backFromReview.current = false;
      reviewButton.current?.focus();
    }
  }, [review]);

  const edit = (next: ProcedureDefinition) => {
    setDef(next);
    setReview(null);
  };
  const set = <K extends keyof ProcedureDefinition>(key: K, v: ProcedureDefinition[K] | undefined) => {
    const next = { ...def };
    if (v === undefined) delete next[key];
    else next[key] = v;
    edit(next);
  };

  function prepare() {
    const problems: ShownError[] = [];
    const cases = def.cases.map((c, i) => {
      const checked = checkFormText(formTexts[i], t);
      for (const message of checked.problems)
        problems.push({ path: fieldPath('cases', i, 'form'), message: `${t('admin.item.cases', { n: i + 1 })} › ${message}` });
      const { form: _old, ...rest } = c;
      return checked.form ? { ...rest, form: checked.form } : rest;
    });
    if (problems.length) {
      setErrors(problems);
      return;
    }
    const candidate = { ...def, cases } as ProcedureDefinition;
    const rows = diffValues(current.definition, candidate, t);
    if (rows.length === 0) {
      setErrors([{ path: 'review', message: t('admin.editor.nothingChanged') }]);
      return;
    }
    setErrors([]);
    setReview({ rows, candidate });
  }

  async function save() {
    if (!review) return;
    setBusy(true);
    try {
      const saved = await api<ProcedureVersion>(`/api/admin/procedures/${encodeURIComponent(current.code)}`, { method: 'PUT', body: review.candidate });
      // The new version shows on the procedure's page, in the administration's lists and in the public catalogue.
      await Promise.all([qc.invalidateQueries({ queryKey: keys.admin.all }), qc.invalidateQueries({ queryKey: keys.catalogue.all })]);
      navigate(`/can-bo/quan-tri/thu-tuc/${encodeURIComponent(current.code)}`, {
        state: { flash: t('admin.editor.saved', { n: saved.version, name: saved.definition.name }) },
      });
    } catch (err) {
      setReview(null);
      setErrors(errorsFromApi(err, { fallbackPath: 'name', label: pathLabel, generic: t('error.generic') }));
      announce(t('admin.editor.notSaved'));
    } finally {
      setBusy(false);
    }
  }

  const levelOptions = useMemo(() => (['toan_trinh', 'mot_phan'] as const).map((l) => ({ value: l, label: t(`admin.enum.${l}`) })), [t]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        prepare();
      }}
      noValidate
      className="admin-editor"
    >
      <p className="panel-info">{t('admin.editor.explain', { version: current.version, from: formatDay(current.effectiveFrom) })}</p>
      <p className="muted">
        <Link to={`/can-bo/quan-tri/thu-tuc/${encodeURIComponent(current.code)}`}>{t('admin.editor.backToVersions')}</Link>
      </p>

      <section aria-labelledby="general-heading" className="admin-section">
        <h2 id="general-heading">{t('admin.editor.general')}</h2>
        <TextField path="name" label={t('admin.editor.name')} value={def.name} onChange={(v) => set('name', v)} />
        <div className="admin-grid">
          <SelectField
            path="level"
            label={t('admin.field.level')}
            value={def.level}
            onChange={(v) => set('level', v as ProcedureDefinition['level'])}
            options={levelOptions}
          />
          <TextField
            path="effectiveFrom"
            type="date"
            label={t('admin.field.effectiveFrom')}
            hint={t('admin.editor.effectiveFromHint')}
            value={def.effectiveFrom}
            onChange={(v) => set('effectiveFrom', v)}
          />
          <TextField
            path="effectiveTo"
            type="date"
            label={t('admin.field.effectiveTo')}
            optional
            value={def.effectiveTo ?? ''}
            onChange={(v) => set('effectiveTo', v === '' ? undefined : v)}
          />
        </div>
        <CheckboxField
          path="onlineOnly"
          label={t('admin.field.onlineOnly')}
          hint={t('admin.editor.onlineOnlyHint')}
          checked={def.onlineOnly}
          onChange={(v) => set('onlineOnly', v)}
        />
        <ListEditor<ProcedureDefinition['legalBasis'][number]>
          path="legalBasis"
          legend={t('admin.field.legalBasis')}
          items={def.legalBasis}
          onChange={(v) => set('legalBasis', v)}
          itemName={(b, i) => t('admin.editor.basisN', { n: i + 1, name: b.number || '…' })}
          make={() => ({ number: '', title: '' })}
          firstField="number"
          addLabel={t('admin.editor.addBasis')}
          render={(b, _i, update, ip) => (
            <>
              <TextField path={fieldPath(ip, 'number')} label={t('admin.field.number')} value={b.number} onChange={(v) => update({ ...b, number: v })} />
              <TextField path={fieldPath(ip, 'title')} label={t('admin.field.basisTitle')} value={b.title} onChange={(v) => update({ ...b, title: v })} />
            </>
          )}
        />
      </section>

      {def.cases.map((c, i) => (
        <CaseEditor
          key={c.code}
          index={i}
          value={c}
          unitKinds={unitKinds}
          onChange={(next) => edit({ ...def, cases: def.cases.map((x, j) => (j === i ? next : x)) })}
          formText={formTexts[i]}
          onFormText={(text) => {
            setFormTexts(formTexts.map((x, j) => (j === i ? text : x)));
            setReview(null);
          }}
        />
      ))}

      {!review && (
        <div className="button-row admin-editor-actions">
          <button type="submit" className="button" ref={reviewButton} id="f-review">
            {t('admin.editor.review')}
          </button>
          <Link to={`/can-bo/quan-tri/thu-tuc/${encodeURIComponent(current.code)}`}>{t('admin.common.cancel')}</Link>
        </div>
      )}
      {review && (
        <section className="confirm-box admin-review" aria-labelledby="review-heading" data-testid="procedure-review">
          <h2 id="review-heading" ref={reviewHeading} tabIndex={-1}>
            {t('admin.editor.reviewTitle', { count: review.rows.length })}
          </h2>
          <p>{t('admin.editor.reviewLead', { next: nextVersion, version: current.version })}</p>
          <DiffTable rows={review.rows} caption={t('admin.editor.reviewTitle', { count: review.rows.length })} testId="procedure-diff" />
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => void save()} disabled={busy}>
              {t('admin.editor.confirmSave')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                backFromReview.current = true;
                setReview(null);
              }}
              disabled={busy}
            >
              {t('admin.editor.backToEdit')}
            </button>
          </div>
        </section>
      )}
    </form>
  );
}
