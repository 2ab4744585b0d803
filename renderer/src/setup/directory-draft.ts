// The directory step's form model: one flat draft of strings for every IdP, turned into the workspace's
// DirectoryConfig (secret fields as keychain references) and the write-only secret that goes with the save.
import type { MethodInput } from '../../../shared/api/contract';
import type { DirectorySecretField } from '../../../shared/api/methods-setup';
import type { DirectoryKind } from '../../../shared/config/workspace';

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

/** Where the server reports a problem with each draft field. */
export const errorPathOf = (key: keyof DirectoryDraft | 'secret'): string => {
  if (key === 'secretName') return 'secrets[0].name';
  if (key === 'secret') return 'secrets[0].value';
  if (key === 'authType') return 'directory.auth.type';
  if (['clientId', 'keyId', 'certificateThumbprint'].includes(key)) return `directory.auth.${key}`;
  return `directory.${key}`;
};

const opt = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);

export const buildDirectorySave = (d: DirectoryDraft, secret: string): MethodInput<'directory.save'> => {
  const { field } = secretFieldOf(d.authType);
  const ref = `keychain:${d.secretName.trim()}`;
  const name = d.name.trim();
  const clientId = d.clientId.trim();
  const directory = ((): MethodInput<'directory.save'>['directory'] => {
    switch (d.kind) {
      case 'okta':
        return {
          kind: 'okta',
          name,
          baseUrl: d.baseUrl.trim(),
          auth:
            d.authType === 'oauth'
              ? { type: 'oauth', clientId, keyId: opt(d.keyId), privateKey: ref }
              : { type: 'token', token: ref },
        };
      case 'entra':
        return {
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
        };
      case 'google':
        return {
          kind: 'google',
          name,
          adminEmail: d.adminEmail.trim(),
          customer: opt(d.customer),
          auth: { type: 'service-account', key: ref },
        };
      case 'auth0':
        return {
          kind: 'auth0',
          name,
          baseUrl: d.baseUrl.trim(),
          auth: { type: 'client-credentials', clientId, clientSecret: ref },
        };
    }
  })();
  return secret
    ? { directory, secrets: [{ field, name: d.secretName.trim(), value: secret }] }
    : { directory };
};
