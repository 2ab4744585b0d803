// Schedule: how often the cheap incremental poll and the full reconciliation run, and a pause switch.
import { useState, type FormEvent } from 'react';
import type { Schedule } from '../../../shared/domain/settings';
import { CheckboxField, Field } from '../components/field';
import { SectionForm } from './section-form';
import { saveStatus, useSectionDraft } from './use-section-draft';

const keys = ['pollSeconds', 'fullSyncMinutes'] as const;

export const ScheduleForm = ({ current }: { current: Schedule | undefined }) => {
  const form = useSectionDraft('schedule', current);
  const [paused, setPaused] = useState<boolean | undefined>(undefined);
  const pausedValue = paused ?? current?.paused ?? false;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = form.parse(keys);
    if (!values) return;
    form.save.mutate(
      { schedule: { ...values, paused: pausedValue } },
      {
        onSuccess: () => {
          form.clear();
          setPaused(undefined);
        },
      },
    );
  };

  const status = saveStatus(
    form.save,
    'Schedule',
    form.formError(keys),
    keys.some((k) => form.error(k)),
  );
  return (
    <SectionForm
      id="schedule"
      title="Schedule"
      description="Lanyard polls your directory for changes often and reconciles everything less often."
      loading={!current}
      dirty={form.dirty || paused !== undefined}
      saving={form.save.isPending}
      status={status}
      onSubmit={submit}
    >
      <Field
        label="Poll every"
        help="Incremental check for directory changes (5 seconds to 1 day)."
        type="number"
        inputMode="numeric"
        min={5}
        max={86400}
        step={1}
        suffix="seconds"
        value={form.text('pollSeconds')}
        onChange={(e) => form.change('pollSeconds', e.target.value)}
        error={form.error('pollSeconds')}
      />
      <Field
        label="Full sync every"
        help="Complete reconciliation of every app (1 minute to 1 week)."
        type="number"
        inputMode="numeric"
        min={1}
        max={10080}
        step={1}
        suffix="minutes"
        value={form.text('fullSyncMinutes')}
        onChange={(e) => form.change('fullSyncMinutes', e.target.value)}
        error={form.error('fullSyncMinutes')}
      />
      <CheckboxField
        label="Pause automatic syncing"
        help="Nothing runs on the schedule until you resume; you can still sync by hand."
        checked={pausedValue}
        onChange={(e) => {
          setPaused(e.target.checked);
          form.markTouched();
        }}
        className="field-wide"
      />
    </SectionForm>
  );
};
