// "Your name in the audit log": what the admin's actions in this window are recorded under. Empty means the OS
// account's full name (or its username), which the core reads itself; the line below the field says who the
// core records right now (audit.actor), so the admin sees the effect of saving at once.
import { useState, type FormEvent } from 'react';
import type { Operator } from '../../../../shared/domain/settings';
import { useRpcMutation, useRpcQuery } from '../../api/queries';
import { Field } from '../../components/field';
import { SectionForm } from '../../settings/section-form';
import { saveStatus } from '../../settings/use-section-draft';

export const YourNameSection = ({ current }: { current: Operator | undefined }) => {
  const save = useRpcMutation('settings.set', ['settings.get', 'audit.actor']);
  const actor = useRpcQuery('audit.actor', {});
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? current?.name ?? '';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ operator: { name: value.trim() } }, { onSuccess: () => setDraft(null) });
  };
  const fieldError = save.error?.fieldErrors().get('operator.name');
  const formError =
    save.error && !fieldError
      ? `${save.error.message}${save.error.hint ? ` ${save.error.hint}` : ''}`
      : undefined;

  return (
    <SectionForm
      id="your-name"
      title="Your name"
      description="Who the audit log and the offboarding evidence say did what you do here."
      loading={!current}
      dirty={draft !== null && draft !== (current?.name ?? '')}
      saving={save.isPending}
      status={saveStatus(save, 'Your name', formError, fieldError !== undefined)}
      onSubmit={submit}
    >
      <Field
        label="Your name in the audit log"
        help={
          actor.data ? (
            <>
              Recorded now as <strong data-testid="audit-actor">{actor.data.actor}</strong>. Leave empty to
              use your computer account’s name.
            </>
          ) : (
            'Leave empty to use your computer account’s name.'
          )
        }
        value={value}
        maxLength={100}
        autoComplete="name"
        error={fieldError}
        onChange={(e) => {
          setDraft(e.target.value);
          if (save.isSuccess || save.isError) save.reset();
        }}
        className="field-wide"
      />
    </SectionForm>
  );
};
