// The connection fields of each kind of app: SCIM (preset picker with the vendor's notes and sources, base URL,
// auth type), GitHub (organization, API URL, which directory attribute holds the login), manual (assignee,
// instructions), and the optional rate limit of API apps.
import type { ScimPresetView } from '../../../../shared/api/methods-workspace';
import { Field } from '../../components/field';
import { GITHUB_API, type AppDraft, type ScimAuthType } from './app-draft';
import { errorAt } from './apps-format';
import { SelectField, TextAreaField } from './form-controls';

interface Props {
  draft: AppDraft;
  set: (patch: Partial<AppDraft>) => void;
  errors: Map<string, string>;
}

const PresetNotes = ({ preset }: { preset: ScimPresetView }) => (
  <aside className="apps-preset-notes field-wide" aria-label={`What to know about ${preset.name}`}>
    <h4>What to know about {preset.name}</h4>
    <ul>
      {preset.notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
    {preset.unconfirmed.length ? (
      <p className="muted">
        Not confirmed in the vendor’s documentation: {preset.unconfirmed.join('; ')}. Run the probe after
        saving to check them for your tenant.
      </p>
    ) : null}
    <p className="apps-sources">
      Sources:{' '}
      {preset.sources.map((s, i) => (
        <span key={s}>
          {i > 0 ? ', ' : ''}
          <a href={s} target="_blank" rel="noreferrer noopener">
            {new URL(s).hostname}
          </a>
        </span>
      ))}
    </p>
  </aside>
);

export const ScimFields = ({ draft, set, errors, presets }: Props & { presets: ScimPresetView[] }) => {
  const preset = presets.find((p) => p.id === draft.preset);
  const choosePreset = (id: string) => {
    const next = presets.find((p) => p.id === id);
    // The template replaces the URL only while the admin has not typed their own.
    const untouched = draft.baseUrl.trim() === '' || draft.baseUrl === preset?.baseUrlTemplate;
    set({ preset: id, ...(next && untouched ? { baseUrl: next.baseUrlTemplate } : {}) });
  };
  return (
    <>
      <SelectField
        label="Preset"
        help="What Lanyard assumes about this vendor until a probe says otherwise."
        value={draft.preset}
        onChange={(e) => choosePreset(e.target.value)}
        error={errorAt(errors, 'app.preset')}
      >
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
        {preset ? null : <option value={draft.preset}>{draft.preset} (unknown preset)</option>}
      </SelectField>
      <Field
        label="Base URL"
        help={
          preset?.baseUrlTemplate.includes('{')
            ? 'Replace the part in braces with your own value.'
            : 'The SCIM endpoint, ending before /Users.'
        }
        type="url"
        inputMode="url"
        spellCheck={false}
        autoCapitalize="off"
        placeholder={preset?.baseUrlTemplate}
        value={draft.baseUrl}
        onChange={(e) => set({ baseUrl: e.target.value })}
        error={errorAt(errors, 'app.baseUrl')}
      />
      {preset ? <PresetNotes preset={preset} /> : null}
      <SelectField
        label="Authentication"
        value={draft.authType}
        onChange={(e) => set({ authType: e.target.value as ScimAuthType })}
        error={errorAt(errors, 'app.auth.type')}
      >
        <option value="bearer">Bearer token</option>
        <option value="basic">User name and password</option>
        <option value="oauth-client-credentials">OAuth client credentials</option>
      </SelectField>
      {draft.authType === 'basic' ? (
        <Field
          label="User name"
          autoComplete="off"
          value={draft.username}
          onChange={(e) => set({ username: e.target.value })}
          error={errorAt(errors, 'app.auth.username')}
        />
      ) : null}
      {draft.authType === 'oauth-client-credentials' ? (
        <>
          <Field
            label="Token URL"
            type="url"
            spellCheck={false}
            value={draft.tokenUrl}
            onChange={(e) => set({ tokenUrl: e.target.value })}
            error={errorAt(errors, 'app.auth.tokenUrl')}
          />
          <Field
            label="Client ID"
            autoComplete="off"
            spellCheck={false}
            value={draft.clientId}
            onChange={(e) => set({ clientId: e.target.value })}
            error={errorAt(errors, 'app.auth.clientId')}
          />
          <Field
            label="Scope"
            help="Optional; space-separated."
            spellCheck={false}
            value={draft.scope}
            onChange={(e) => set({ scope: e.target.value })}
            error={errorAt(errors, 'app.auth.scope')}
          />
        </>
      ) : null}
    </>
  );
};

export const GithubFields = ({ draft, set, errors }: Props) => (
  <>
    <Field
      label="Organization"
      help="The login of the GitHub organization, e.g. acme."
      spellCheck={false}
      autoCapitalize="off"
      value={draft.org}
      onChange={(e) => set({ org: e.target.value })}
      error={errorAt(errors, 'app.org')}
    />
    <Field
      label="Username attribute"
      help="The directory attribute that holds each person’s GitHub login."
      spellCheck={false}
      autoCapitalize="off"
      value={draft.usernameAttribute}
      onChange={(e) => set({ usernameAttribute: e.target.value })}
      error={errorAt(errors, 'app.usernameAttribute')}
    />
    <Field
      label="API URL"
      help={`Leave empty for ${GITHUB_API}; set it for GitHub Enterprise Server.`}
      type="url"
      spellCheck={false}
      placeholder={GITHUB_API}
      value={draft.baseUrl}
      onChange={(e) => set({ baseUrl: e.target.value })}
      error={errorAt(errors, 'app.baseUrl')}
    />
  </>
);

export const ManualFields = ({ draft, set, errors }: Props) => (
  <>
    <Field
      label="Assignee"
      help="Who does the checklist tasks: a person or a team."
      value={draft.assignee}
      onChange={(e) => set({ assignee: e.target.value })}
      error={errorAt(errors, 'app.assignee')}
    />
    <TextAreaField
      label="Instructions"
      help="Shown on every task, e.g. where the admin console is."
      className="field-wide"
      rows={3}
      value={draft.instructions}
      onChange={(e) => set({ instructions: e.target.value })}
      error={errorAt(errors, 'app.instructions')}
    />
  </>
);

export const RateLimitFields = ({ draft, set, errors }: Props) => (
  <>
    <Field
      label="Requests per minute"
      help="Optional cap on all calls; empty uses the vendor default."
      type="number"
      inputMode="numeric"
      min={1}
      step={1}
      value={draft.requestsPerMinute}
      onChange={(e) => set({ requestsPerMinute: e.target.value })}
      error={errorAt(errors, 'app.rateLimit.requestsPerMinute')}
    />
    <Field
      label="Writes per minute"
      help="Optional cap on creates, updates and removals."
      type="number"
      inputMode="numeric"
      min={1}
      step={1}
      value={draft.writesPerMinute}
      onChange={(e) => set({ writesPerMinute: e.target.value })}
      error={errorAt(errors, 'app.rateLimit.writesPerMinute')}
    />
  </>
);
