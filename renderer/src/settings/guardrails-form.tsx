// Guardrails: how many deprovisions one run may do before they are held for review.
import type { FormEvent } from 'react';
import type { Guardrails } from '../../../shared/domain/settings';
import { Field } from '../components/field';
import { SectionForm } from './section-form';
import { saveStatus, useSectionDraft } from './use-section-draft';

const keys = ['maxDeprovisionsPerRun', 'maxDeprovisionPercent', 'suspiciousDropPercent'] as const;

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
  return (
    <SectionForm
      id="guardrails"
      title="Guardrails"
      description="Lanyard holds a run’s deprovisions for review when it would remove more accounts than these limits allow."
      loading={!current}
      dirty={form.dirty}
      saving={form.save.isPending}
      status={status}
      onSubmit={submit}
    >
      <Field
        label="Max deprovisions per run"
        help="Accounts removed or deactivated in one run before the rest wait for review."
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
        help="Share of an app’s accounts one run may remove."
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
    </SectionForm>
  );
};
