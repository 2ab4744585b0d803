// The fields of a directory connection: the IdP, where it is, how Lanyard signs in, and the credential — a
// write-only input (uncontrolled: React never holds the value) next to the stored reference's status, which is all
// the UI ever learns about a stored secret.
import type { RefObject } from 'react';
import type { SecretStatus } from '../../../shared/domain/secrets';
import { Field } from '../components/field';
import { StatusBadge } from '../components/status-badge';
import { IDPS, secretFieldOf, type DirectoryDraft } from './directory-draft';
import { SecretInput, lowerFirst } from './setup-parts';

interface Props {
  draft: DirectoryDraft;
  set: (patch: Partial<DirectoryDraft>) => void;
  chooseKind: (kind: DirectoryDraft['kind']) => void;
  onSecretNameTyped: () => void;
  err: (key: keyof DirectoryDraft | 'secret') => string | undefined;
  secretRef: RefObject<(HTMLInputElement & HTMLTextAreaElement) | null>;
  /** The reference the saved connection uses for this credential, and its keychain status; null: none yet. */
  stored: { ref: string; status: SecretStatus | undefined } | null;
}

export const DirectoryFields = ({
  draft,
  set,
  chooseKind,
  onSecretNameTyped,
  err,
  secretRef,
  stored,
}: Props) => {
  const idp = IDPS.find((i) => i.kind === draft.kind)!;
  const secretField = secretFieldOf(draft.authType);
  const storedSet = stored?.status?.set === true;
  return (
    <>
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
        {stored ? (
          <p className="directory-stored">
            In use: <code>{stored.ref}</code>{' '}
            {stored.ref.startsWith('env:') ? (
              <span>(environment variable) </span>
            ) : stored.ref.startsWith('file:') ? (
              <span>(file) </span>
            ) : (
              <span>(OS keychain) </span>
            )}
            <StatusBadge tone={storedSet ? 'ok' : 'degraded'} label={storedSet ? 'Set' : 'Not set'} />
          </p>
        ) : null}
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
              onSecretNameTyped();
              set({ secretName: e.target.value });
            }}
            error={err('secretName')}
          />
          <SecretInput
            ref={secretRef}
            label={storedSet ? `New ${lowerFirst(secretField.label)}` : secretField.label}
            multiline={secretField.multiline}
            help={
              storedSet
                ? 'Write-only. Leave empty to keep the one in use. To rotate it, paste the new one: it replaces the stored one only once the connection test passes with it.'
                : undefined
            }
            error={err('secret')}
          />
        </div>
      </fieldset>
    </>
  );
};
