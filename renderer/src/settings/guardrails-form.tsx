// Guardrails: how many destructive changes Lanyard makes before the rest wait for review — per run, and over a
// rolling window that counts every source (sync runs, offboarding cases, approvals) — and when a directory read
// looks suspicious.
import { useId, type FormEvent } from 'react';
import type { Guardrails } from '../../../shared/domain/settings';
import { Field } from '../components/field';
import { SectionForm } from './section-form';
import { saveStatus, useSectionDraft } from './use-section-draft';

const keys = [
  'maxDeprovisionsPerRun',
  'maxDeprovisionPercent',
  'windowMinutes',
  'maxDeprovisionsPerWindow',
  'maxDeprovisionPercentPerWindow',
  'suspiciousDropPercent',
] as const;

export const GuardrailsForm = ({ current }: { current: Guardrails | undefined }) => {
  const form = useSectionDraft('guardrails', current);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = form.parse(keys);
    if (values) form.save.mutate({ guardrails: values }, { onSuccess: form.clear });
  };

  const status = saveStatus(
    form.save,
    'Guardrails',
    form.formError(keys),
    keys.some((k) => form.error(k)),
  );
  const windowHelpId = useId();
  const minutes = form.text('windowMinutes').trim();
  const span = /^[1-9]\d*$/.test(minutes)
    ? ` — the last ${minutes === '1' ? 'minute' : `${minutes} minutes`} —`
    : '';
  return (
    <SectionForm
      id="guardrails"
      title="Guardrails"
      description="Lanyard holds destructive changes for review when they would go beyond these limits, so a wrong rule or a bad directory read cannot remove access in bulk."
      loading={!current}
      dirty={form.dirty}
      saving={form.save.isPending}
      status={status}
      onSubmit={submit}
    >
      <div className="field-wide guardrails-note">
        <p>
          <strong>What counts as destructive:</strong> deactivating or deleting an account, lowering a role,
          removing someone from a group or team, and suspending a person or ending their sessions in the
          identity provider — whatever proposed it: a sync run, an offboarding case or an approval.
        </p>
        <p>
          <strong>What does not count:</strong> an offboard you start yourself for one named person
          (Offboarding → Offboard someone). It runs at once and is still recorded in the audit ledger. Apps
          can set lower limits of their own.
        </p>
      </div>
      <fieldset className="field-wide guardrails-group">
        <legend>In one run</legend>
        <div className="field-grid">
          <Field
            label="Max deprovisions per run"
            help="Destructive changes in one run, all apps together; beyond it, the run’s destructive changes wait for review."
            type="number"
            inputMode="numeric"
            min={0}
            max={100000}
            step={1}
            value={form.text('maxDeprovisionsPerRun')}
            onChange={(e) => form.change('maxDeprovisionsPerRun', e.target.value)}
            error={form.error('maxDeprovisionsPerRun')}
          />
          <Field
            label="Max deprovision %"
            help="Share of one app’s active accounts a single run may take access from."
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            suffix="%"
            value={form.text('maxDeprovisionPercent')}
            onChange={(e) => form.change('maxDeprovisionPercent', e.target.value)}
            error={form.error('maxDeprovisionPercent')}
          />
        </div>
      </fieldset>
      <fieldset className="field-wide guardrails-group" aria-describedby={windowHelpId}>
        <legend>Over a rolling window</legend>
        <p id={windowHelpId} className="field-help guardrails-group-help">
          Counts every destructive change executed within the window{span} from every source together, so many
          small runs, cases and approvals cannot add up to a bulk removal unnoticed.
        </p>
        <div className="field-grid">
          <Field
            label="Window length"
            help="How far back the two limits beside it count (1 minute to 1 week)."
            type="number"
            inputMode="numeric"
            min={1}
            max={10080}
            step={1}
            suffix="minutes"
            value={form.text('windowMinutes')}
            onChange={(e) => form.change('windowMinutes', e.target.value)}
            error={form.error('windowMinutes')}
          />
          <Field
            label="Max deprovisions per window"
            help="Destructive changes executed within the window, all apps together, before further ones wait for review."
            type="number"
            inputMode="numeric"
            min={0}
            max={1000000}
            step={1}
            value={form.text('maxDeprovisionsPerWindow')}
            onChange={(e) => form.change('maxDeprovisionsPerWindow', e.target.value)}
            error={form.error('maxDeprovisionsPerWindow')}
          />
          <Field
            label="Max deprovision % per window"
            help="Share of one app’s active accounts that may lose access within the window."
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            suffix="%"
            value={form.text('maxDeprovisionPercentPerWindow')}
            onChange={(e) => form.change('maxDeprovisionPercentPerWindow', e.target.value)}
            error={form.error('maxDeprovisionPercentPerWindow')}
          />
        </div>
      </fieldset>
      <fieldset className="field-wide guardrails-group">
        <legend>Directory reads</legend>
        <div className="field-grid">
          <Field
            label="Suspicious directory drop %"
            help="A directory read that loses more than this share of people is treated as suspect."
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            suffix="%"
            value={form.text('suspiciousDropPercent')}
            onChange={(e) => form.change('suspiciousDropPercent', e.target.value)}
            error={form.error('suspiciousDropPercent')}
          />
        </div>
      </fieldset>
    </SectionForm>
  );
};
