// The Add / Edit app form as plain data: what the admin typed (all text) over the stored config, and the app
// config built from it for apps.save. Validation is the server's (the same schema as the workspace file); this
// only shapes the data and keeps fields the form does not show (timeouts, page size, …) from an existing app.
import type { AppConfig } from '../../../../shared/config/workspace';
import type { MethodInput } from '../../../../shared/api/contract';
import { protectedEntries } from './protected-entries';

export type AppKind = AppConfig['kind'];
export type ScimAuthType = 'bearer' | 'basic' | 'oauth-client-credentials';
export type DeprovisionChoice = 'deactivate' | 'delete' | 'later';

export interface AppDraft {
  kind: AppKind;
  id: string;
  name: string;
  preset: string;
  baseUrl: string;
  authType: ScimAuthType;
  username: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  org: string;
  usernameAttribute: string;
  assignee: string;
  instructions: string;
  deprovision: DeprovisionChoice;
  deleteAfterDays: string;
  review: 'auto' | 'required';
  requestsPerMinute: string;
  writesPerMinute: string;
  /** Accounts Lanyard never changes, one userName (GitHub: login) or email per line. */
  protectedAccounts: string;
  maxDeprovisionsPerRun: string;
  maxDeprovisionsPerWindow: string;
  /** The keychain entry a typed credential goes to. */
  secretName: string;
  /** The stored reference when the app already has one (keychain:NAME or env:VAR). */
  storedRef: string | null;
}

export type SaveInput = MethodInput<'apps.save'>;

export const GITHUB_API = 'https://api.github.com';

/** "Jira Cloud" → "jira-cloud": a valid app id proposal while the admin has not typed one. */
export const slugify = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);

export const defaultSecretName = (id: string, kind: AppKind): string =>
  id ? `${id}-${kind === 'github' ? 'token' : 'scim'}` : '';

export const emptyDraft = (): AppDraft => ({
  kind: 'scim',
  id: '',
  name: '',
  preset: 'generic',
  baseUrl: '',
  authType: 'bearer',
  username: '',
  tokenUrl: '',
  clientId: '',
  scope: '',
  org: '',
  usernameAttribute: 'githubUsername',
  assignee: '',
  instructions: '',
  deprovision: 'deactivate',
  deleteAfterDays: '30',
  review: 'auto',
  requestsPerMinute: '',
  writesPerMinute: '',
  protectedAccounts: '',
  maxDeprovisionsPerRun: '',
  maxDeprovisionsPerWindow: '',
  secretName: '',
  storedRef: null,
});

/** The reference the app's credential field holds now. */
export const credentialRef = (app: AppConfig): string | null => {
  if (app.kind === 'manual') return null;
  if (app.kind === 'github') return app.auth.token;
  const a = app.auth;
  return a.type === 'bearer' ? a.token : a.type === 'basic' ? a.password : a.clientSecret;
};

export const draftFromApp = (app: AppConfig): AppDraft => {
  const d = emptyDraft();
  const ref = credentialRef(app);
  const dep = app.deprovision;
  const base: AppDraft = {
    ...d,
    kind: app.kind,
    id: app.id,
    name: app.name,
    deprovision: typeof dep === 'string' ? dep : 'later',
    deleteAfterDays: typeof dep === 'string' ? d.deleteAfterDays : String(dep.deactivateThenDeleteAfterDays),
    review: app.review,
    protectedAccounts: (app.protected ?? []).join('\n'),
    maxDeprovisionsPerRun: app.limits?.maxDeprovisionsPerRun?.toString() ?? '',
    maxDeprovisionsPerWindow: app.limits?.maxDeprovisionsPerWindow?.toString() ?? '',
    storedRef: ref,
    secretName: ref?.startsWith('keychain:')
      ? ref.slice('keychain:'.length)
      : defaultSecretName(app.id, app.kind),
  };
  if (app.kind === 'manual')
    return { ...base, assignee: app.assignee ?? '', instructions: app.instructions ?? '' };
  const rate = {
    requestsPerMinute: app.rateLimit?.requestsPerMinute?.toString() ?? '',
    writesPerMinute: app.rateLimit?.writesPerMinute?.toString() ?? '',
  };
  if (app.kind === 'github')
    return { ...base, ...rate, org: app.org, baseUrl: app.baseUrl, usernameAttribute: app.usernameAttribute };
  const a = app.auth;
  return {
    ...base,
    ...rate,
    preset: app.preset,
    baseUrl: app.baseUrl,
    authType: a.type,
    username: a.type === 'basic' ? a.username : '',
    tokenUrl: a.type === 'oauth-client-credentials' ? a.tokenUrl : '',
    clientId: a.type === 'oauth-client-credentials' ? a.clientId : '',
    scope: a.type === 'oauth-client-credentials' ? (a.scope ?? '') : '',
  };
};

const trimmed = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
/** Numbers the admin typed; anything else goes to the server as text so its error names the field. */
const numberOrText = (s: string): number | string | undefined => {
  const t = trimmed(s);
  if (t === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
};

/**
 * The app config for apps.save. `typedCredential`: a value was typed, so the credential will point at
 * keychain:secretName (the server sets it too); otherwise the stored reference is kept.
 */
export const buildSaveInput = (
  d: AppDraft,
  existing: AppConfig | null,
  typedCredential: string,
): SaveInput => {
  const ref =
    typedCredential || !d.storedRef || d.storedRef.startsWith('keychain:')
      ? `keychain:${d.secretName.trim()}`
      : d.storedRef;
  // Fields this form does not show (timeouts, page size, rate-limit burst, …) survive an edit.
  const kept: Record<string, unknown> =
    existing && existing.kind === d.kind ? { ...(existing as Record<string, unknown>) } : {};
  delete kept.auth;
  delete kept.rateLimit;
  delete kept.protected;
  delete kept.limits;
  const rateLimit = {
    ...(existing && existing.kind !== 'manual' ? existing.rateLimit : {}),
    requestsPerMinute: numberOrText(d.requestsPerMinute),
    writesPerMinute: numberOrText(d.writesPerMinute),
  };
  const hasRate = Object.values(rateLimit).some((v) => v !== undefined);
  const limits = {
    maxDeprovisionsPerRun: numberOrText(d.maxDeprovisionsPerRun),
    maxDeprovisionsPerWindow: numberOrText(d.maxDeprovisionsPerWindow),
  };
  const hasLimits = Object.values(limits).some((v) => v !== undefined);
  const protectedList = protectedEntries(d.protectedAccounts);
  const common = {
    ...kept,
    id: d.id.trim(),
    name: d.name.trim(),
    kind: d.kind,
    deprovision:
      d.deprovision === 'later'
        ? { deactivateThenDeleteAfterDays: numberOrText(d.deleteAfterDays) ?? '' }
        : d.deprovision,
    review: d.review,
    ...(hasLimits ? { limits } : {}),
    ...(protectedList.length ? { protected: protectedList } : {}),
  };
  let app: Record<string, unknown>;
  if (d.kind === 'manual') {
    app = { ...common, assignee: trimmed(d.assignee), instructions: trimmed(d.instructions) };
  } else if (d.kind === 'github') {
    app = {
      ...common,
      org: d.org.trim(),
      baseUrl: trimmed(d.baseUrl) ?? GITHUB_API,
      usernameAttribute: trimmed(d.usernameAttribute),
      auth: { type: 'bearer', token: ref },
      ...(hasRate ? { rateLimit } : {}),
    };
  } else {
    const previousAuth = existing?.kind === 'scim' && existing.auth.type === d.authType ? existing.auth : {};
    const auth =
      d.authType === 'bearer'
        ? { type: 'bearer', token: ref }
        : d.authType === 'basic'
          ? { type: 'basic', username: d.username.trim(), password: ref }
          : {
              ...previousAuth,
              type: 'oauth-client-credentials',
              tokenUrl: d.tokenUrl.trim(),
              clientId: d.clientId.trim(),
              clientSecret: ref,
              scope: trimmed(d.scope),
            };
    app = {
      ...common,
      preset: d.preset,
      baseUrl: d.baseUrl.trim(),
      auth,
      ...(hasRate ? { rateLimit } : {}),
    };
  }
  // JSON drops the undefined optionals, as the server would never see them.
  const clean = JSON.parse(JSON.stringify(app)) as SaveInput['app'];
  const secretName = d.secretName.trim();
  return typedCredential && d.kind !== 'manual'
    ? { app: clean, secret: { name: secretName, value: typedCredential } }
    : { app: clean };
};

/** The label of the one credential field, by kind and auth type. */
export const credentialLabel = (d: AppDraft): string => {
  if (d.kind === 'github') return 'Access token';
  if (d.authType === 'basic') return 'Password';
  if (d.authType === 'oauth-client-credentials') return 'Client secret';
  return 'Bearer token';
};

/** Where the server's error path for the credential lands, by auth type. */
export const credentialPath = (d: AppDraft): string =>
  d.kind === 'scim' && d.authType === 'basic'
    ? 'app.auth.password'
    : d.kind === 'scim' && d.authType === 'oauth-client-credentials'
      ? 'app.auth.clientSecret'
      : 'app.auth.token';
