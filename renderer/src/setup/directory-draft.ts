// The directory connection's form model (the setup's step 1 and Settings → Directory): one flat draft of strings
// for every IdP, filled from the saved connection when there is one, turned back into the workspace's
// DirectoryConfig (secret fields as references) and the write-only secret that goes with a test or a save. What the
// form does not show (tuning, Graph or token URLs, Okta scopes, an env: reference) is kept from the saved
// connection, so editing one field never drops what the workspace file set.
import type { MethodInput } from '../../../shared/api/contract';
import type { DirectorySecretField } from '../../../shared/api/methods-setup';
import type { DirectoryConfig, DirectoryKind } from '../../../shared/config/workspace';

export interface DirectoryDraft {
  kind: DirectoryKind;
  name: string;
  baseUrl: string;
  tenantId: string;
  adminEmail: string;
  customer: string;
  authType: string;
  clientId: string;
  keyId: string;
  certificateThumbprint: string;
  secretName: string;
}

type DirectoryInput = MethodInput<'directory.save'>['directory'];

export interface IdpOption {
  kind: DirectoryKind;
  label: string;
  help: string;
  authTypes: { type: string; label: string }[];
}

export const IDPS: IdpOption[] = [
  {
    kind: 'okta',
    label: 'Okta',
    help: 'An API token (SSWS) or an OAuth service app with a private key.',
    authTypes: [
      { type: 'token', label: 'API token (SSWS)' },
      { type: 'oauth', label: 'OAuth service app (private key JWT)' },
    ],
  },
  {
    kind: 'entra',
    label: 'Microsoft Entra ID',
    help: 'An app registration with Microsoft Graph read permissions.',
    authTypes: [
      { type: 'client-secret', label: 'Client secret' },
      { type: 'certificate', label: 'Certificate (private key)' },
    ],
  },
  {
    kind: 'google',
    label: 'Google Workspace',
    help: 'A service account with domain-wide delegation, acting as an admin.',
    authTypes: [{ type: 'service-account', label: 'Service account key (JSON)' }],
  },
  {
    kind: 'auth0',
    label: 'Auth0',
    help: 'A machine-to-machine application allowed to read users and roles.',
    authTypes: [{ type: 'client-credentials', label: 'Client credentials' }],
  },
];

/** The one secret each auth type needs: which field holds it, what to call it, and whether it is multi-line. */
export const secretFieldOf = (
  authType: string,
): { field: DirectorySecretField; label: string; multiline: boolean } => {
  switch (authType) {
    case 'token':
      return { field: 'token', label: 'API token', multiline: false };
    case 'oauth':
    case 'certificate':
      return { field: 'privateKey', label: 'Private key (PEM)', multiline: true };
    case 'service-account':
      return { field: 'key', label: 'Service account key (JSON)', multiline: true };
    default:
      return { field: 'clientSecret', label: 'Client secret', multiline: false };
  }
};

export const defaultSecretName = (kind: DirectoryKind, authType: string): string =>
  `${kind}-${secretFieldOf(authType).field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const emptyDirectoryDraft = (kind: DirectoryKind = 'okta'): DirectoryDraft => {
  const authType = IDPS.find((i) => i.kind === kind)!.authTypes[0]!.type;
  return {
    kind,
    name: `${IDPS.find((i) => i.kind === kind)!.label}`,
    baseUrl: '',
    tenantId: '',
    adminEmail: '',
    customer: '',
    authType,
    clientId: '',
    keyId: '',
    certificateThumbprint: '',
    secretName: defaultSecretName(kind, authType),
  };
};

/** The secret reference a saved connection uses (keychain:NAME, env:VAR or file:/path). */
export const secretRefOf = (d: DirectoryConfig): string => {
  const auth = d.auth as Record<string, unknown>;
  return String(auth[secretFieldOf(d.auth.type).field] ?? '');
};

/** The form filled with a saved connection; a keychain reference gives the entry's name. */
export const draftFromDirectory = (d: DirectoryConfig): DirectoryDraft => {
  const auth = d.auth as Record<string, string | undefined>;
  const ref = secretRefOf(d);
  return {
    ...emptyDirectoryDraft(d.kind),
    name: d.name,
    baseUrl: d.kind === 'okta' || d.kind === 'auth0' ? d.baseUrl : '',
    tenantId: d.kind === 'entra' ? d.tenantId : '',
    adminEmail: d.kind === 'google' ? d.adminEmail : '',
    customer: d.kind === 'google' ? (d.customer ?? '') : '',
    authType: d.auth.type,
    clientId: auth.clientId ?? '',
    keyId: auth.keyId ?? '',
    certificateThumbprint: auth.certificateThumbprint ?? '',
    secretName: ref.startsWith('keychain:')
      ? ref.slice('keychain:'.length)
      : defaultSecretName(d.kind, d.auth.type),
  };
};

/** Where the server reports a problem with each draft field. */
export const errorPathOf = (key: keyof DirectoryDraft | 'secret'): string => {
  if (key === 'secretName') return 'secrets[0].name';
  if (key === 'secret') return 'secrets[0].value';
  if (key === 'authType') return 'directory.auth.type';
  if (['clientId', 'keyId', 'certificateThumbprint'].includes(key)) return `directory.auth.${key}`;
  return `directory.${key}`;
};

const opt = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);

/**
 * The connection to test or save. `saved`: the stored connection, whose fields the form does not show are kept
 * (same IdP and sign-in); its env: or file: reference too, unless a new secret is typed (which goes to the keychain).
 */
export const buildDirectorySave = (
  d: DirectoryDraft,
  secret: string,
  saved: DirectoryConfig | null = null,
): MethodInput<'directory.save'> => {
  const { field } = secretFieldOf(d.authType);
  const same = saved && saved.kind === d.kind ? saved : null;
  const sameAuth = same && same.auth.type === d.authType ? same : null;
  const savedRef = sameAuth ? secretRefOf(sameAuth) : '';
  const outside = savedRef.startsWith('env:') || savedRef.startsWith('file:');
  const ref = !secret && outside ? savedRef : `keychain:${d.secretName.trim()}`;
  const name = d.name.trim();
  const clientId = d.clientId.trim();
  // Tuning and URLs the form does not edit, and (same sign-in) auth extras such as Okta scopes.
  const { kind: _k, name: _n, auth: _a, ...kept } = (same ?? {}) as Record<string, unknown>;
  const { type: _t, ...keptAuth } = (sameAuth?.auth ?? {}) as Record<string, unknown>;
  const directory = ((): DirectoryInput => {
    switch (d.kind) {
      case 'okta':
        return {
          ...kept,
          kind: 'okta',
          name,
          baseUrl: d.baseUrl.trim(),
          auth:
            d.authType === 'oauth'
              ? { ...keptAuth, type: 'oauth', clientId, keyId: opt(d.keyId), privateKey: ref }
              : { type: 'token', token: ref },
        } as DirectoryInput;
      case 'entra':
        return {
          ...kept,
          kind: 'entra',
          name,
          tenantId: d.tenantId.trim(),
          auth:
            d.authType === 'certificate'
              ? {
                  type: 'certificate',
                  clientId,
                  privateKey: ref,
                  certificateThumbprint: d.certificateThumbprint.trim(),
                }
              : { type: 'client-secret', clientId, clientSecret: ref },
        } as DirectoryInput;
      case 'google':
        return {
          ...kept,
          kind: 'google',
          name,
          adminEmail: d.adminEmail.trim(),
          customer: opt(d.customer),
          auth: { type: 'service-account', key: ref },
        } as DirectoryInput;
      case 'auth0':
        return {
          ...kept,
          kind: 'auth0',
          name,
          baseUrl: d.baseUrl.trim(),
          auth: { type: 'client-credentials', clientId, clientSecret: ref },
        } as DirectoryInput;
    }
  })();
  return secret
    ? { directory, secrets: [{ field, name: d.secretName.trim(), value: secret }] }
    : { directory };
};
