// Add or edit an app: the kind (SCIM, GitHub, manual), its connection, a write-only credential, its policies and
// its guardrails (protected accounts, removal limits).
// The server validates (the workspace file's schema) and its errors appear next to the field they name.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AppConfig } from '../../../../shared/config/workspace';
import type { ScimPresetView } from '../../../../shared/api/methods-workspace';
import type { SecretStatus } from '../../../../shared/domain/secrets';
import { useRpcMutation } from '../../api/queries';
import { Field } from '../../components/field';
import {
  buildSaveInput,
  defaultSecretName,
  draftFromApp,
  emptyDraft,
  slugify,
  type AppDraft,
  type AppKind,
} from './app-draft';
import { errorAt, kindLabel, serverFieldErrors } from './apps-format';
import { CredentialField } from './credential-field';
import { SelectField } from './form-controls';
import { GuardrailFields } from './guardrail-fields';
import { GithubFields, ManualFields, RateLimitFields, ScimFields } from './kind-fields';

interface Props {
  existing: AppConfig | null;
  presets: ScimPresetView[];
  secrets: SecretStatus[] | undefined;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

const KINDS: { kind: AppKind; help: string }[] = [
  { kind: 'scim', help: 'Apps with a SCIM 2.0 API: Slack, Atlassian, Zoom, 1Password, …' },
  { kind: 'github', help: 'Members, invitations and teams of one organization.' },
  { kind: 'manual', help: 'No API: Lanyard gives an admin a checklist task instead.' },
];

/** Where the server reports a problem with each draft field, when that is not `app.<field>`. */
const ERROR_PATH: Partial<Record<keyof AppDraft, string>> = {
  deleteAfterDays: 'app.deprovision',
  authType: 'app.auth',
  username: 'app.auth.username',
  tokenUrl: 'app.auth.tokenUrl',
  clientId: 'app.auth.clientId',
  scope: 'app.auth.scope',
  secretName: 'secret.name',
  requestsPerMinute: 'app.rateLimit.requestsPerMinute',
  writesPerMinute: 'app.rateLimit.writesPerMinute',
  protectedAccounts: 'app.protected',
  maxDeprovisionsPerRun: 'app.limits.maxDeprovisionsPerRun',
  maxDeprovisionsPerWindow: 'app.limits.maxDeprovisionsPerWindow',
};

const withoutPaths = (errors: Map<string, string>, paths: string[]): Map<string, string> =>
  new Map(
    [...errors].filter(
      ([k]) => !paths.some((p) => k === p || k.startsWith(`${p}.`) || k.startsWith(`${p}[`)),
    ),
  );

export const AppForm = ({ existing, presets, secrets, onSaved, onCancel }: Props) => {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<AppDraft>(() => (existing ? draftFromApp(existing) : emptyDraft()));
  const [touched, setTouched] = useState({ id: existing !== null, secretName: existing !== null });
  const save = useRpcMutation('apps.save', ['workspace.get', 'apps.status', 'secrets.list']);
  // A field's error goes away once the admin changes that field (until the next save answers).
  const [edited, setEdited] = useState<{ after: unknown; paths: string[] }>({ after: null, paths: [] });
  const editedPaths = edited.after === save.error ? edited.paths : [];
  const errors = withoutPaths(serverFieldErrors(save.error), editedPaths);
  const editing = existing !== null;

  useEffect(() => heading.current?.focus(), []);

  const set = (patch: Partial<AppDraft>) => {
    if (save.error) {
      const paths = Object.keys(patch).map((k) => ERROR_PATH[k as keyof AppDraft] ?? `app.${k}`);
      setEdited({ after: save.error, paths: [...editedPaths, ...paths] });
    }
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (!touched.secretName && (patch.id !== undefined || patch.kind !== undefined))
        next.secretName = defaultSecretName(next.id, next.kind);
      return next;
    });
    if (save.isSuccess) save.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const form = event.currentTarget;
    const credentialInput = form.elements.namedItem('credential');
    const typed = credentialInput instanceof HTMLInputElement ? credentialInput.value : '';
    save.mutate(buildSaveInput(draft, existing, typed), {
      onSuccess: (result) => {
        if (credentialInput instanceof HTMLInputElement) credentialInput.value = '';
        onSaved(result.app.id);
      },
    });
  };

  const cancelOnEscape = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement)) {
      event.preventDefault();
      onCancel();
    }
  };

  // Field errors speak for themselves; an error that names no field is said here in full.
  const namesFields = serverFieldErrors(save.error).size > 0;
  const statusText = save.isPending
    ? 'Saving…'
    : !save.error
      ? ''
      : !namesFields
        ? `App not saved: ${save.error.message}${save.error.hint ? ` ${save.error.hint}` : ''}`
        : errors.size
          ? 'App not saved: fix the highlighted fields.'
          : '';

  return (
    <section className="card apps-form" aria-labelledby={titleId}>
      <div className="card-header">
        <div>
          <h2 id={titleId} ref={heading} tabIndex={-1}>
            {editing ? `Edit ${existing.name}` : 'Add an app'}
          </h2>
          <p className="card-description">
            {editing
              ? 'Changes apply from the next sync. The id stays the same, so rules and history still match.'
              : 'Connect an app Lanyard should keep in step with your directory. You can test it right after saving.'}
          </p>
        </div>
      </div>
      <form onSubmit={submit} onKeyDown={cancelOnEscape} noValidate aria-labelledby={titleId}>
        <fieldset className="apps-kinds" disabled={editing}>
          <legend>Kind</legend>
          {KINDS.map(({ kind, help }) => (
            <label key={kind} className="apps-kind">
              <input
                type="radio"
                name="kind"
                value={kind}
                checked={draft.kind === kind}
                onChange={() => set({ kind })}
              />
              <span className="apps-kind-text">
                <span className="apps-kind-name">{kindLabel(kind)}</span>
                <span className="apps-kind-help">{help}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <div className="field-grid">
          <Field
            label="Name"
            help="As your team calls it, e.g. Slack."
            value={draft.name}
            onChange={(e) => {
              const name = e.target.value;
              set(touched.id ? { name } : { name, id: slugify(name) });
            }}
            error={errorAt(errors, 'app.name')}
          />
          <Field
            label="App id"
            help={
              editing
                ? 'Rules, the CLI and the audit log use it, so it cannot change.'
                : 'Lowercase letters, digits and “-”; used by rules and the CLI.'
            }
            value={draft.id}
            readOnly={editing}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(e) => {
              setTouched((t) => ({ ...t, id: true }));
              set({ id: e.target.value });
            }}
            error={errorAt(errors, 'app.id')}
          />
        </div>

        <h3 className="apps-form-section">Connection</h3>
        <div className="field-grid">
          {draft.kind === 'scim' ? (
            <ScimFields draft={draft} set={set} errors={errors} presets={presets} />
          ) : draft.kind === 'github' ? (
            <GithubFields draft={draft} set={set} errors={errors} />
          ) : (
            <ManualFields draft={draft} set={set} errors={errors} />
          )}
          {draft.kind !== 'manual' ? (
            <CredentialField
              draft={draft}
              secrets={secrets}
              errors={errors}
              onSecretName={(secretName) => {
                setTouched((t) => ({ ...t, secretName: true }));
                set({ secretName });
              }}
            />
          ) : null}
        </div>

        <h3 className="apps-form-section">Policies</h3>
        <div className="field-grid">
          <SelectField
            label="When someone leaves"
            help="What Lanyard does to their account in this app."
            value={draft.deprovision}
            onChange={(e) => set({ deprovision: e.target.value as AppDraft['deprovision'] })}
            error={errors.get('app.deprovision')}
          >
            <option value="deactivate">Deactivate the account</option>
            <option value="delete">Delete the account</option>
            <option value="later">Deactivate, then delete after some days</option>
          </SelectField>
          {draft.deprovision === 'later' ? (
            <Field
              label="Delete after"
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              step={1}
              suffix="days"
              value={draft.deleteAfterDays}
              onChange={(e) => set({ deleteAfterDays: e.target.value })}
              error={errorAt(errors, 'app.deprovision.deactivateThenDeleteAfterDays')}
            />
          ) : null}
          <SelectField
            label="Review"
            help="Whether removals wait for an admin to approve them."
            value={draft.review}
            onChange={(e) => set({ review: e.target.value as AppDraft['review'] })}
            error={errorAt(errors, 'app.review')}
          >
            <option value="auto">Automatic: revoke at once</option>
            <option value="required">Hold removals for an admin’s review</option>
          </SelectField>
          {draft.kind !== 'manual' ? <RateLimitFields draft={draft} set={set} errors={errors} /> : null}
        </div>

        <h3 className="apps-form-section">Guardrails</h3>
        <div className="field-grid">
          <GuardrailFields draft={draft} set={set} errors={errors} />
        </div>

        <div className="form-footer">
          <p
            className={`form-status form-status-${save.error ? 'error' : 'neutral'}`}
            role="status"
            aria-live="polite"
          >
            {statusText}
          </p>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button" aria-disabled={save.isPending || undefined}>
            {save.isPending ? 'Saving…' : editing ? 'Save changes' : 'Save app'}
          </button>
        </div>
      </form>
    </section>
  );
};
