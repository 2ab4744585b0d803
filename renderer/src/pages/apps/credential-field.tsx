// The app's credential, write-only: which keychain entry it lives in, whether that entry is set (from
// secrets.list, never the value), and a password input (name "credential") that is uncontrolled on purpose: React
// never holds what is typed in state or writes it into a `value` attribute; the form reads it once on save and clears it.
import type { SecretStatus } from '../../../../shared/domain/secrets';
import { Field } from '../../components/field';
import { StatusBadge } from '../../components/status-badge';
import { credentialLabel, credentialPath, type AppDraft } from './app-draft';
import { errorAt } from './apps-format';

interface Props {
  draft: AppDraft;
  secrets: SecretStatus[] | undefined;
  errors: Map<string, string>;
  onSecretName: (name: string) => void;
}

/** The reference the credential will use if nothing new is typed. */
export const effectiveRef = (d: AppDraft): string =>
  d.storedRef && !d.storedRef.startsWith('keychain:') ? d.storedRef : `keychain:${d.secretName.trim()}`;

export const CredentialField = ({ draft, secrets, errors, onSecretName }: Props) => {
  const ref = effectiveRef(draft);
  const status = secrets?.find((s) => s.ref === ref);
  const isSet = status?.set ?? false;
  const fromEnv = ref.startsWith('env:');
  const fromFile = ref.startsWith('file:');
  const label = credentialLabel(draft);

  return (
    <fieldset className="apps-credential field-wide" aria-describedby="apps-credential-note">
      <legend>
        Credential{' '}
        {secrets ? (
          <StatusBadge tone={isSet ? 'ok' : 'degraded'} label={isSet ? 'Set' : 'Not set'} />
        ) : (
          <span className="skeleton skeleton-badge" aria-hidden="true" />
        )}
      </legend>
      <p id="apps-credential-note" className="field-help">
        {fromEnv
          ? `Read from the environment variable ${ref.slice(4)}${isSet ? '' : ', which is not set for this Lanyard'}. Type a value below to keep it in the OS keychain instead.`
          : fromFile
            ? `Read from the file ${ref.slice(5)} at every use${isSet ? '' : ', which Lanyard cannot read now'}. Type a value below to keep it in the OS keychain instead.`
            : isSet
              ? `Stored in the OS keychain as “${draft.secretName.trim()}”. It is never shown again; leave the field empty to keep it.`
              : 'Goes straight to the OS keychain; Lanyard stores only its name and never shows it again.'}
      </p>
      <div className="field-grid">
        <Field
          label="Keychain entry"
          help={
            <>
              The name it is stored under, e.g. <code className="nowrap">slack-scim</code>.
            </>
          }
          value={draft.secretName}
          onChange={(e) => onSecretName(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={64}
          error={errorAt(errors, 'secret.name')}
        />
        <Field
          label={label}
          type="password"
          name="credential"
          autoComplete="new-password"
          placeholder={
            isSet || fromEnv || fromFile ? 'Leave empty to keep it' : `Paste the ${label.toLowerCase()}`
          }
          help="Write-only: stored in the OS keychain and never displayed."
          error={errorAt(errors, 'secret.value', 'secret', credentialPath(draft))}
        />
      </div>
    </fieldset>
  );
};
