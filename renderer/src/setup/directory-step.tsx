// Step 1: choose the IdP, fill in its connection, paste the credential (write-only, straight to the keychain),
// Save & Test (directory.save, then directory.test) and Pull (directory.pull), with the counts it read.
import { useRef, useState, type FormEvent } from 'react';
import type { DirectoryPullResult, DirectoryTestResult } from '../../../shared/api/methods-directory';
import { useRpcMutation } from '../api/queries';
import { Field } from '../components/field';
import { StatusBadge } from '../components/status-badge';
import {
  IDPS,
  buildDirectorySave,
  defaultSecretName,
  emptyDirectoryDraft,
  errorPathOf,
  secretFieldOf,
  type DirectoryDraft,
} from './directory-draft';
import { CheckLines, SecretInput, errorsOf, ErrorNote } from './setup-parts';

interface Props {
  onPulled: (result: DirectoryPullResult) => void;
  pulled: DirectoryPullResult | null;
}

export const DirectoryStep = ({ onPulled, pulled }: Props) => {
  const [draft, setDraft] = useState<DirectoryDraft>(() => emptyDirectoryDraft());
  const [nameTouched, setNameTouched] = useState(false);
  const secretRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const save = useRpcMutation('directory.save', ['workspace.get', 'secrets.list', 'setup.status']);
  const check = useRpcMutation('directory.test', []);
  const pull = useRpcMutation('directory.pull', ['setup.status', 'people.list']);
  const [test, setTest] = useState<DirectoryTestResult | null>(null);
  const errors = errorsOf(save.error);
  const idp = IDPS.find((i) => i.kind === draft.kind)!;
  const secretField = secretFieldOf(draft.authType);
  const err = (key: keyof DirectoryDraft | 'secret') =>
    errors.get(errorPathOf(key)) ??
    (key === 'secretName' ? errors.get(`directory.auth.${secretField.field}`) : undefined);

  const set = (patch: Partial<DirectoryDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (!nameTouched && (patch.kind || patch.authType))
        next.secretName = defaultSecretName(next.kind, next.authType);
      return next;
    });
    setTest(null);
  };

  const chooseKind = (kind: DirectoryDraft['kind']) => {
    const fresh = emptyDirectoryDraft(kind);
    set({ kind, authType: fresh.authType, name: fresh.name });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending || check.isPending) return;
    setTest(null);
    save.mutate(buildDirectorySave(draft, secretRef.current?.value ?? ''), {
      onSuccess: () => {
        if (secretRef.current) secretRef.current.value = '';
        check.mutate({}, { onSuccess: setTest });
      },
    });
  };

  const busy = save.isPending ? 'Saving…' : check.isPending ? 'Testing…' : null;
  return (
    <div className="setup-step-body">
      <form onSubmit={submit} noValidate aria-label="Directory connection">
        <fieldset className="setup-choices">
          <legend>Identity provider</legend>
          {IDPS.map((i) => (
            <label key={i.kind} className="setup-choice">
              <input
                type="radio"
                name="idp"
                value={i.kind}
                checked={draft.kind === i.kind}
                onChange={() => chooseKind(i.kind)}
              />
              <span className="setup-choice-text">
                <span className="setup-choice-name">{i.label}</span>
                <span className="setup-choice-help">{i.help}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <div className="field-grid">
          <Field
            label="Name"
            help="How Lanyard names this directory."
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            error={err('name')}
          />
          {draft.kind === 'okta' || draft.kind === 'auth0' ? (
            <Field
              label="Base URL"
              help={draft.kind === 'okta' ? 'e.g. https://acme.okta.com' : 'e.g. https://acme.eu.auth0.com'}
              value={draft.baseUrl}
              inputMode="url"
              spellCheck={false}
              autoCapitalize="off"
              onChange={(e) => set({ baseUrl: e.target.value })}
              error={err('baseUrl')}
            />
          ) : null}
          {draft.kind === 'entra' ? (
            <Field
              label="Tenant ID"
              help="Directory (tenant) ID of the app registration."
              value={draft.tenantId}
              spellCheck={false}
              onChange={(e) => set({ tenantId: e.target.value })}
              error={err('tenantId')}
            />
          ) : null}
          {draft.kind === 'google' ? (
            <>
              <Field
                label="Admin email"
                help="The admin the service account acts as (domain-wide delegation)."
                type="email"
                value={draft.adminEmail}
                onChange={(e) => set({ adminEmail: e.target.value })}
                error={err('adminEmail')}
              />
              <Field
                label="Customer ID"
                help="Optional; defaults to my_customer."
                value={draft.customer}
                onChange={(e) => set({ customer: e.target.value })}
                error={err('customer')}
              />
            </>
          ) : null}
          {idp.authTypes.length > 1 ? (
            <div className="field">
              <label htmlFor="setup-auth-type">Sign-in</label>
              <div className="field-control">
                <select
                  id="setup-auth-type"
                  className="apps-select"
                  value={draft.authType}
                  onChange={(e) => set({ authType: e.target.value })}
                >
                  {idp.authTypes.map((a) => (
                    <option key={a.type} value={a.type}>
                      {a.label}
                    </option>
                  ))}
                </select>
              </div>
              <p className="field-error">{err('authType') ?? ''}</p>
            </div>
          ) : null}
          {draft.authType !== 'token' && draft.authType !== 'service-account' ? (
            <Field
              label="Client ID"
              value={draft.clientId}
              spellCheck={false}
              onChange={(e) => set({ clientId: e.target.value })}
              error={err('clientId')}
            />
          ) : null}
          {draft.authType === 'oauth' ? (
            <Field
              label="Key ID"
              help="Optional: the kid of the key registered in Okta."
              value={draft.keyId}
              onChange={(e) => set({ keyId: e.target.value })}
              error={err('keyId')}
            />
          ) : null}
          {draft.authType === 'certificate' ? (
            <Field
              label="Certificate thumbprint"
              value={draft.certificateThumbprint}
              onChange={(e) => set({ certificateThumbprint: e.target.value })}
              error={err('certificateThumbprint')}
            />
          ) : null}
        </div>

        <fieldset className="setup-secret">
          <legend>Credential</legend>
          <p className="field-help">
            Goes straight to the OS keychain; Lanyard stores only its name and never shows it again.
          </p>
          <div className="field-grid">
            <Field
              label="Keychain entry"
              value={draft.secretName}
              spellCheck={false}
              autoComplete="off"
              maxLength={64}
              onChange={(e) => {
                setNameTouched(true);
                set({ secretName: e.target.value });
              }}
              error={err('secretName')}
            />
            <SecretInput
              ref={secretRef}
              label={secretField.label}
              multiline={secretField.multiline}
              error={err('secret') ?? errors.get('secrets[0].field')}
            />
          </div>
        </fieldset>

        <div className="form-footer">
          <ErrorNote
            error={save.error ?? check.error}
            fieldErrors={errors.size > 0}
            what="Directory not saved"
          />
          <button type="submit" className="button" aria-disabled={busy ? true : undefined}>
            {busy ?? 'Save & Test'}
          </button>
        </div>
      </form>

      {test ? (
        <section className="setup-result" aria-label="Directory test">
          <h3>
            Connection test{' '}
            <StatusBadge tone={test.ok ? 'ok' : 'error'} label={test.ok ? 'Passed' : 'Failed'} />
          </h3>
          <CheckLines details={test.details} missing={test.missing} />
          {test.ok ? (
            <div className="setup-actions">
              <button
                type="button"
                className="button"
                aria-disabled={pull.isPending || undefined}
                onClick={() => !pull.isPending && pull.mutate({}, { onSuccess: onPulled })}
              >
                {pull.isPending ? 'Reading the directory…' : pulled ? 'Pull again' : 'Pull the directory'}
              </button>
              <ErrorNote error={pull.error} fieldErrors={false} what="Pull failed" />
            </div>
          ) : null}
        </section>
      ) : null}
      {pulled ? <PullCounts result={pulled} /> : null}
    </div>
  );
};

const PullCounts = ({ result }: { result: DirectoryPullResult }) => (
  <section className="setup-result" aria-label="Directory read">
    <h3>
      Read {result.name}{' '}
      <StatusBadge tone={result.stored ? 'ok' : 'degraded'} label={result.stored ? 'Stored' : 'Not stored'} />
    </h3>
    <dl className="setup-counts">
      <div>
        <dt>People</dt>
        <dd>{result.people.toLocaleString('en-US')}</dd>
      </div>
      {Object.entries(result.byStatus)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => (
          <div key={status}>
            <dt>{status[0]!.toUpperCase() + status.slice(1)}</dt>
            <dd>{n.toLocaleString('en-US')}</dd>
          </div>
        ))}
      <div>
        <dt>Groups</dt>
        <dd>{result.groups.toLocaleString('en-US')}</dd>
      </div>
      <div>
        <dt>Memberships</dt>
        <dd>{result.memberships.toLocaleString('en-US')}</dd>
      </div>
    </dl>
    {result.suspiciousDetail ? <p className="field-error">{result.suspiciousDetail}</p> : null}
  </section>
);
