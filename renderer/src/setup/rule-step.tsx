// Step 3: a suggested first rule: the directory's largest group gets the app just added. The admin can pick
// another group (or app) before saving it with rules.save; rules already stored are kept.
import { useMemo, useState, type FormEvent } from 'react';
import { useRpcMutation, useRpcQuery } from '../api/queries';
import { SelectField } from '../pages/apps/form-controls';
import { ErrorNote, errorsOf } from './setup-parts';

interface Props {
  appId: string | null;
  onSaved: () => void;
  saved: boolean;
}

export const RuleStep = ({ appId, onSaved, saved }: Props) => {
  const people = useRpcQuery('people.list', {});
  const workspace = useRpcQuery('workspace.get', {});
  const save = useRpcMutation('rules.save', ['workspace.get', 'setup.status']);

  // Groups by size, counting people who are active or staged (the ones a rule would give access to).
  const groups = useMemo(() => {
    const size = new Map<string, number>();
    for (const p of people.data?.people ?? [])
      if (p.status === 'active' || p.status === 'staged')
        for (const g of p.groups) size.set(g, (size.get(g) ?? 0) + 1);
    return (people.data?.groups ?? [])
      .map((g) => ({ name: g.name, size: size.get(g.id) ?? 0 }))
      .sort((a, b) => b.size - a.size || a.name.localeCompare(b.name));
  }, [people.data]);

  const [group, setGroup] = useState<string | null>(null);
  const [app, setApp] = useState<string | null>(null);
  const chosenGroup = group ?? groups[0]?.name ?? '';
  const apps = workspace.data?.apps ?? [];
  const chosenApp = app ?? appId ?? apps[0]?.id ?? '';
  const errors = errorsOf(save.error);
  const index = workspace.data?.rules.length ?? 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending || !workspace.data) return;
    save.mutate(
      { rules: [...workspace.data.rules, { app: chosenApp, groups: [chosenGroup] }] },
      { onSuccess: onSaved },
    );
  };

  if (!people.data || !workspace.data) return <p className="setup-loading">Loading groups…</p>;
  if (!groups.length)
    return <p>The directory has no groups yet; add rules later on the Access rules page.</p>;

  return (
    <form onSubmit={submit} noValidate aria-label="First rule" className="setup-step-body">
      <p className="setup-sentence">
        Everyone in <strong>{chosenGroup}</strong> gets an account in{' '}
        <strong>{apps.find((a) => a.id === chosenApp)?.name ?? chosenApp}</strong>.
      </p>
      <div className="field-grid">
        <SelectField
          label="Group"
          help="Suggested: the largest group."
          value={chosenGroup}
          onChange={(e) => setGroup(e.target.value)}
          error={errors.get(`rules[${index}].groups[0]`) ?? errors.get(`rules[${index}].groups`)}
        >
          {groups.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name} ({g.size.toLocaleString('en-US')} people)
            </option>
          ))}
        </SelectField>
        <SelectField
          label="App"
          value={chosenApp}
          onChange={(e) => setApp(e.target.value)}
          error={errors.get(`rules[${index}].app`)}
        >
          {apps.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-footer">
        <ErrorNote error={save.error} fieldErrors={errors.size > 0} what="Rule not saved" />
        {saved && !save.isPending ? <p className="form-status form-status-neutral">Rule saved.</p> : null}
        <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
          {save.isPending ? 'Saving…' : saved ? 'Save another rule' : 'Save rule'}
        </button>
      </div>
    </form>
  );
};
