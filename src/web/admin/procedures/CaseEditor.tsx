/**
 * Structured editing of one procedure case (trường hợp): time limit, documents, fees, the internal workflow, the
 * result, and the e-form as JSON checked by the form engine.
 */
import { useTranslation } from 'react-i18next';
import type {
  DocumentRequirement,
  FeeExemption,
  FeeLine,
  OnlineReduction,
  OnlineTimeLimit,
  ProcedureCase,
  WorkflowStep,
} from '../../../core/catalogue/schema.ts';
import { STEP_ROLES } from '../../../core/workflow/roles.ts';
import { stepKind } from '../../../core/workflow/steps.ts';
import { formatMoney, vnToday } from '../../format.ts';
import { ListEditor } from '../ListEditor.tsx';
import { CheckboxField, fieldPath, NumberField, SelectField, TextAreaField, TextField, useAdmin } from '../ui.tsx';
import { checkFormText } from './form-check.ts';

const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'months'] as const;
const FEE_UNITS = ['dossier', 'copy', 'page', 'case', 'document'] as const;
const QUOTA_UNITS = ['working_hours', 'working_days'] as const;

/** `undefined` removes the key, so the definition stays as the schema reads it. */
function withKey<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const next = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

const text = (v: string | undefined) => v ?? '';
const orUndefined = (v: string) => (v === '' ? undefined : v);

export function CaseEditor({
  value,
  onChange,
  index,
  formText,
  onFormText,
  unitKinds,
}: {
  value: ProcedureCase;
  onChange: (c: ProcedureCase) => void;
  index: number;
  formText: string;
  onFormText: (text: string) => void;
  unitKinds: string[];
}) {
  const { t } = useTranslation();
  const base = fieldPath('cases', index);
  const p = (...parts: (string | number)[]) => fieldPath(base, ...parts);
  const set = <K extends keyof ProcedureCase>(key: K, v: ProcedureCase[K] | undefined) => onChange(withKey(value, key, v));
  const tl = value.timeLimit;
  const setTl = <K extends keyof ProcedureCase['timeLimit']>(key: K, v: ProcedureCase['timeLimit'][K] | undefined) => set('timeLimit', withKey(tl, key, v));

  return (
    <section className="admin-case" aria-labelledby={`${base}-heading`} id={`f-${base}`} tabIndex={-1}>
      <h2 id={`${base}-heading`}>{t('admin.editor.caseHeading', { n: index + 1, name: value.name })}</h2>
      <p className="muted">{t('admin.editor.caseCode', { code: value.code })}</p>
      <TextField path={p('name')} label={t('admin.editor.caseName')} value={value.name} onChange={(v) => set('name', v)} />

      <h3>{t('admin.editor.timeLimit')}</h3>
      <div className="admin-grid">
        <NumberField path={p('timeLimit', 'amount')} label={t('admin.editor.amount')} value={tl.amount} onChange={(v) => setTl('amount', v as number)} />
        <SelectField
          path={p('timeLimit', 'unit')}
          label={t('admin.editor.unit')}
          value={tl.unit}
          onChange={(v) => setTl('unit', v as ProcedureCase['timeLimit']['unit'])}
          options={TIME_UNITS.map((u) => ({ value: u, label: t(`admin.enum.${u}`) }))}
        />
      </div>
      <CheckboxField
        path={p('timeLimit', 'sameDayRule')}
        label={t('admin.editor.sameDayRule')}
        hint={t('admin.editor.sameDayRuleHint')}
        checked={tl.sameDayRule}
        onChange={(v) => setTl('sameDayRule', v)}
      />
      <TextField
        path={p('timeLimit', 'note')}
        label={t('admin.editor.timeLimitNote')}
        optional
        value={text(tl.note)}
        onChange={(v) => setTl('note', orUndefined(v))}
      />
      <ListEditor<OnlineTimeLimit>
        path={p('onlineTimeLimits')}
        level="nested"
        legend={t('admin.editor.onlineTimeLimits')}
        hint={<p className="hint">{t('admin.editor.onlineTimeLimitsHint')}</p>}
        items={value.onlineTimeLimits ?? []}
        onChange={(v) => set('onlineTimeLimits', v.length ? v : undefined)}
        itemName={(_, i) => t('admin.editor.onlineTimeLimitN', { n: i + 1 })}
        make={() => ({ amount: Math.max(0, tl.amount - 1), effectiveFrom: vnToday(), basis: '' })}
        firstField="amount"
        addLabel={t('admin.editor.addOnlineTimeLimit')}
        render={(r, _i, up, rp) => (
          <>
            <div className="admin-grid">
              <NumberField
                path={fieldPath(rp, 'amount')}
                label={t('admin.editor.onlineAmount', { unit: t(`admin.enum.${tl.unit}`) })}
                min={0}
                value={r.amount}
                onChange={(v) => up({ ...r, amount: v as number })}
              />
              <PeriodFields value={r} update={up} path={rp} />
            </div>
            <TextField path={fieldPath(rp, 'basis')} label={t('admin.field.basis')} value={r.basis} onChange={(v) => up({ ...r, basis: v })} />
          </>
        )}
      />

      <h3>{t('admin.editor.documents')}</h3>
      <ListEditor<DocumentRequirement>
        path={p('documents')}
        legend={t('admin.editor.documentsLegend')}
        items={value.documents}
        onChange={(v) => set('documents', v)}
        itemName={(d, i) => t('admin.editor.documentN', { n: i + 1, name: d.name || d.code || '…' })}
        make={() => ({ code: '', name: '', originals: 1, copies: 0, required: true, satisfiedByResultCodes: [], providedByForm: false })}
        firstField="code"
        addLabel={t('admin.editor.addDocument')}
        render={(d, _i, update, ip) => (
          <>
            <div className="admin-grid">
              <TextField path={fieldPath(ip, 'code')} label={t('admin.field.code')} value={d.code} onChange={(v) => update({ ...d, code: v })} />
              <TextField
                path={fieldPath(ip, 'documentType')}
                label={t('admin.field.documentType')}
                optional
                value={text(d.documentType)}
                onChange={(v) => update(withKey(d, 'documentType', orUndefined(v)))}
              />
            </div>
            <TextField path={fieldPath(ip, 'name')} label={t('admin.field.name')} value={d.name} onChange={(v) => update({ ...d, name: v })} />
            <div className="admin-grid">
              <NumberField
                path={fieldPath(ip, 'originals')}
                label={t('admin.field.originals')}
                value={d.originals}
                onChange={(v) => update({ ...d, originals: v as number })}
              />
              <NumberField
                path={fieldPath(ip, 'copies')}
                label={t('admin.field.copies')}
                value={d.copies}
                onChange={(v) => update({ ...d, copies: v as number })}
              />
            </div>
            <CheckboxField
              path={fieldPath(ip, 'required')}
              label={t('admin.field.required')}
              checked={d.required}
              onChange={(v) => update({ ...d, required: v })}
            />
            <CheckboxField
              path={fieldPath(ip, 'providedByForm')}
              label={t('admin.field.providedByForm')}
              hint={t('admin.editor.providedByFormHint')}
              checked={d.providedByForm}
              onChange={(v) => update({ ...d, providedByForm: v })}
            />
          </>
        )}
      />

      <h3>{t('admin.editor.fees')}</h3>
      <ListEditor<FeeLine>
        path={p('fees')}
        legend={t('admin.editor.feesLegend')}
        hint={t('admin.editor.feesHint')}
        items={value.fees}
        onChange={(v) => set('fees', v)}
        itemName={(f, i) => t('admin.editor.feeN', { n: i + 1, name: f.name || f.code || '…' })}
        make={() => ({ kind: 'le_phi', code: '', name: '', amount: 0, unit: 'dossier', tiers: [], onlineReductions: [], exemptions: [] })}
        firstField="code"
        addLabel={t('admin.editor.addFee')}
        render={(f, _i, update, ip) => <FeeEditor fee={f} update={update} path={ip} />}
      />

      <h3>{t('admin.editor.workflow')}</h3>
      <datalist id={`${base}-unit-kinds`}>
        {unitKinds.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <ListEditor<WorkflowStep>
        path={p('workflow')}
        legend={t('admin.editor.workflowLegend')}
        hint={<p className="hint">{t('admin.editor.workflowHint')}</p>}
        items={value.workflow}
        onChange={(v) => set('workflow', v)}
        itemName={(s, i) =>
          t('admin.editor.stepN', { n: i + 1, name: s.name || s.key || '…', kind: t(`admin.stepKind.${stepKind(value.workflow.length, i)}`) })
        }
        make={() => ({ key: '', name: '', role: 'specialist', unitKind: '', quota: { amount: 1, unit: 'working_days' } })}
        shortName={(s) => `«${s.name || s.key || '…'}»`}
        firstField="key"
        movable
        addLabel={t('admin.editor.addStep')}
        render={(s, _i, update, ip) => (
          <>
            <div className="admin-grid">
              <TextField path={fieldPath(ip, 'key')} label={t('admin.field.key')} value={s.key} onChange={(v) => update({ ...s, key: v })} spellCheck={false} />
              <TextField path={fieldPath(ip, 'name')} label={t('admin.editor.stepName')} value={s.name} onChange={(v) => update({ ...s, name: v })} />
              <SelectField
                path={fieldPath(ip, 'role')}
                label={t('admin.field.role')}
                value={s.role}
                onChange={(v) => update({ ...s, role: v as WorkflowStep['role'] })}
                options={STEP_ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
              />
              <TextField
                path={fieldPath(ip, 'unitKind')}
                label={t('admin.field.unitKind')}
                hint={t('admin.editor.unitKindHint')}
                value={s.unitKind}
                onChange={(v) => update({ ...s, unitKind: v })}
                list={`${base}-unit-kinds`}
                spellCheck={false}
              />
              <NumberField
                path={fieldPath(ip, 'quota', 'amount')}
                label={t('admin.editor.quotaAmount')}
                step="any"
                value={s.quota.amount}
                onChange={(v) => update({ ...s, quota: { ...s.quota, amount: v as number } })}
              />
              <SelectField
                path={fieldPath(ip, 'quota', 'unit')}
                label={t('admin.editor.quotaUnit')}
                value={s.quota.unit}
                onChange={(v) => update({ ...s, quota: { ...s.quota, unit: v as WorkflowStep['quota']['unit'] } })}
                options={QUOTA_UNITS.map((u) => ({ value: u, label: t(`admin.enum.${u}`) }))}
              />
            </div>
          </>
        )}
      />

      <h3>{t('admin.editor.result')}</h3>
      <div className="admin-grid">
        <TextField
          path={p('result', 'name')}
          label={t('admin.editor.resultName')}
          value={value.result.name}
          onChange={(v) => set('result', { ...value.result, name: v })}
        />
        <TextField
          path={p('result', 'code')}
          label={t('admin.editor.resultCode')}
          value={value.result.code}
          onChange={(v) => set('result', { ...value.result, code: v })}
          spellCheck={false}
        />
        <TextField
          path={p('result', 'template')}
          label={t('admin.editor.resultTemplate')}
          optional
          value={text(value.result.template)}
          onChange={(v) => set('result', withKey(value.result, 'template', orUndefined(v)))}
        />
      </div>

      <h3>{t('admin.editor.form')}</h3>
      <FormJsonEditor path={p('form')} value={formText} onChange={onFormText} />
    </section>
  );
}

function FeeEditor({ fee: f, update, path: ip }: { fee: FeeLine; update: (f: FeeLine) => void; path: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="admin-grid">
        <SelectField
          path={fieldPath(ip, 'kind')}
          label={t('admin.field.feeKind')}
          value={f.kind}
          onChange={(v) => update({ ...f, kind: v as FeeLine['kind'] })}
          options={(['phi', 'le_phi'] as const).map((k) => ({ value: k, label: t(`admin.enum.${k}`) }))}
        />
        <TextField path={fieldPath(ip, 'code')} label={t('admin.field.code')} value={f.code} onChange={(v) => update({ ...f, code: v })} />
      </div>
      <TextField path={fieldPath(ip, 'name')} label={t('admin.field.name')} value={f.name} onChange={(v) => update({ ...f, name: v })} />
      <div className="admin-grid">
        <NumberField
          path={fieldPath(ip, 'amount')}
          label={t('admin.editor.feeAmount')}
          hint={f.amount !== undefined ? formatMoney(f.amount) : undefined}
          value={f.amount}
          onChange={(v) => update({ ...f, amount: v as number })}
        />
        <SelectField
          path={fieldPath(ip, 'unit')}
          label={t('admin.editor.feeUnit')}
          value={f.unit}
          onChange={(v) => update({ ...f, unit: v as FeeLine['unit'] })}
          options={FEE_UNITS.map((u) => ({ value: u, label: t(`admin.enum.${u}`) }))}
        />
        <NumberField
          path={fieldPath(ip, 'maxPerCopy')}
          label={t('admin.field.maxPerCopy')}
          optional
          value={f.maxPerCopy}
          onChange={(v) => update(withKey(f, 'maxPerCopy', v))}
        />
      </div>
      <TextField
        path={fieldPath(ip, 'basis')}
        label={t('admin.field.basis')}
        optional
        value={text(f.basis)}
        onChange={(v) => update(withKey(f, 'basis', orUndefined(v)))}
      />
      <ListEditor<FeeLine['tiers'][number]>
        path={fieldPath(ip, 'tiers')}
        level="nested"
        legend={t('admin.editor.tiers')}
        hint={<p className="hint">{t('admin.editor.tiersHint')}</p>}
        items={f.tiers}
        onChange={(v) => update({ ...f, tiers: v })}
        itemName={(_, i) => t('admin.editor.tierN', { n: i + 1 })}
        make={() => ({ fromUnit: 2, amount: 0 })}
        firstField="fromUnit"
        addLabel={t('admin.editor.addTier')}
        render={(x, _i, up, tp) => (
          <div className="admin-grid">
            <NumberField
              path={fieldPath(tp, 'fromUnit')}
              label={t('admin.field.fromUnit')}
              min={1}
              value={x.fromUnit}
              onChange={(v) => up({ ...x, fromUnit: v as number })}
            />
            <NumberField
              path={fieldPath(tp, 'amount')}
              label={t('admin.editor.feeAmount')}
              value={x.amount}
              onChange={(v) => up({ ...x, amount: v as number })}
            />
          </div>
        )}
      />
      <ListEditor<OnlineReduction>
        path={fieldPath(ip, 'onlineReductions')}
        level="nested"
        legend={t('admin.editor.reductions')}
        items={f.onlineReductions}
        onChange={(v) => update({ ...f, onlineReductions: v })}
        itemName={(_, i) => t('admin.editor.reductionN', { n: i + 1 })}
        make={() => ({ percent: 50, effectiveFrom: vnToday(), basis: '' })}
        firstField="mode"
        addLabel={t('admin.editor.addReduction')}
        render={(r, _i, up, rp) => <ReductionEditor r={r} update={up} path={rp} />}
      />
      <ListEditor<FeeExemption>
        path={fieldPath(ip, 'exemptions')}
        level="nested"
        legend={t('admin.editor.exemptions')}
        items={f.exemptions}
        onChange={(v) => update({ ...f, exemptions: v })}
        itemName={(x, i) => t('admin.editor.exemptionN', { n: i + 1, name: x.name || x.code || '…' })}
        make={() => ({ code: '', name: '', requiredDocumentType: '' })}
        firstField="code"
        addLabel={t('admin.editor.addExemption')}
        render={(x, _i, up, xp) => (
          <div className="admin-grid">
            <TextField path={fieldPath(xp, 'code')} label={t('admin.field.code')} value={x.code} onChange={(v) => up({ ...x, code: v })} />
            <TextField path={fieldPath(xp, 'name')} label={t('admin.field.name')} value={x.name} onChange={(v) => up({ ...x, name: v })} />
            <TextField
              path={fieldPath(xp, 'requiredDocumentType')}
              label={t('admin.field.requiredDocumentType')}
              value={x.requiredDocumentType}
              onChange={(v) => up({ ...x, requiredDocumentType: v })}
            />
          </div>
        )}
      />
    </>
  );
}

function ReductionEditor({ r, update, path: rp }: { r: OnlineReduction; update: (r: OnlineReduction) => void; path: string }) {
  const { t } = useTranslation();
  const mode = r.amount !== undefined ? 'amount' : 'percent';
  const setMode = (m: string) => {
    const { percent: _p, amount: _a, ...rest } = r;
    update(m === 'amount' ? { ...rest, amount: r.percent !== undefined ? 0 : (r.amount ?? 0) } : { ...rest, percent: r.percent ?? 50 });
  };
  return (
    <>
      <div className="admin-grid">
        <SelectField
          path={fieldPath(rp, 'mode')}
          label={t('admin.editor.reductionMode')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'percent', label: t('admin.editor.byPercent') },
            { value: 'amount', label: t('admin.editor.byAmount') },
          ]}
        />
        {mode === 'percent' ? (
          <NumberField
            path={fieldPath(rp, 'percent')}
            label={t('admin.field.percent')}
            step="any"
            value={r.percent}
            onChange={(v) => update({ ...r, percent: v })}
          />
        ) : (
          <NumberField
            path={fieldPath(rp, 'amount')}
            label={t('admin.editor.reductionAmount')}
            value={r.amount}
            onChange={(v) => update({ ...r, amount: v })}
          />
        )}
        <PeriodFields value={r} update={update} path={rp} />
      </div>
      <TextField path={fieldPath(rp, 'basis')} label={t('admin.field.basis')} value={r.basis} onChange={(v) => update({ ...r, basis: v })} />
    </>
  );
}

/** The effective period of a dated rule: from a day, optionally to a day (exclusive, as everywhere in the catalogue). */
function PeriodFields<T extends { effectiveFrom: string; effectiveTo?: string }>({
  value: r,
  update,
  path,
}: {
  value: T;
  update: (r: T) => void;
  path: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        path={fieldPath(path, 'effectiveFrom')}
        type="date"
        label={t('admin.field.effectiveFrom')}
        value={r.effectiveFrom}
        onChange={(v) => update({ ...r, effectiveFrom: v })}
      />
      <TextField
        path={fieldPath(path, 'effectiveTo')}
        type="date"
        label={t('admin.field.effectiveTo')}
        optional
        value={text(r.effectiveTo)}
        onChange={(v) => update(withKey(r, 'effectiveTo', orUndefined(v)))}
      />
    </>
  );
}

/** The e-form as JSON, with a check by the form engine (docs/forms.md). */
function FormJsonEditor({ path, value, onChange }: { path: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const { announce, errors, setErrors } = useAdmin();
  function check() {
    const result = checkFormText(value, t);
    const others = errors.filter((e) => e.path !== path);
    if (result.problems.length) {
      setErrors([...others, ...result.problems.map((message) => ({ path, message }))]);
    } else {
      setErrors(others);
      announce(result.summary);
    }
  }
  return (
    <>
      <TextAreaField
        path={path}
        label={t('admin.editor.formJson')}
        hint={t('admin.editor.formJsonHint')}
        optional
        value={value}
        onChange={onChange}
        rows={14}
        code
      />
      <button type="button" className="button button-secondary" onClick={check}>
        {t('admin.editor.checkForm')}
      </button>
    </>
  );
}
