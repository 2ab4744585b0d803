// Offboarding: whether leaving people also lose their identity-provider sessions, and the manual checklist every
// offboarding case carries (laptop, files, …). Edited as a draft over the saved settings, saved with settings.set.
import { useState, type FormEvent } from 'react';
import type { OffboardingSettings } from '../../../shared/domain/settings';
import { useRpcMutation } from '../api/queries';
import { CheckboxField } from '../components/field';
import { ChecklistEditor } from './checklist-editor';
import { SectionForm } from './section-form';
import { saveStatus } from './use-section-draft';

const ITEM_PATH = /^offboarding\.checklist\.(\d+)$/;

export const OffboardingSection = ({ current }: { current: OffboardingSettings | undefined }) => {
  const save = useRpcMutation('settings.set', ['settings.get']);
  const [draft, setDraft] = useState<Partial<OffboardingSettings>>({});
  const killSessions = draft.killSessions ?? current?.killSessions ?? false;
  const checklist = draft.checklist ?? current?.checklist ?? [];

  const edit = (patch: Partial<OffboardingSettings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (save.isSuccess || save.isError) save.reset(); // an old "Saved" or error would mislead after an edit
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({ offboarding: { killSessions, checklist } }, { onSuccess: () => setDraft({}) });
  };

  const itemErrors = new Map<number, string>();
  for (const [path, message] of save.error?.fieldErrors() ?? []) {
    const match = ITEM_PATH.exec(path);
    if (match) itemErrors.set(Number(match[1]), message);
  }
  const formError = save.error
    ? itemErrors.size
      ? undefined
      : `${save.error.message}${save.error.hint ? ` ${save.error.hint}` : ''}`
    : undefined;

  return (
    <SectionForm
      id="offboarding"
      title="Offboarding"
      description="What happens besides removing app access when someone leaves: signing them out everywhere, and the steps a person has to do by hand."
      loading={!current}
      dirty={Object.keys(draft).length > 0}
      saving={save.isPending}
      status={saveStatus(save, 'Offboarding', formError, itemErrors.size > 0)}
      onSubmit={submit}
    >
      <CheckboxField
        label="Also end their identity-provider sessions"
        help="Signs the person out of every app at once, not only when their accounts are removed."
        checked={killSessions}
        onChange={(e) => edit({ killSessions: e.target.checked })}
        className="field-wide"
      />
      <ChecklistEditor
        items={checklist}
        onChange={(items) => edit({ checklist: items })}
        itemErrors={itemErrors}
      />
    </SectionForm>
  );
};
