// GitHub failures as admin-readable errors. GitHub's error body ({message, documentation_url, errors?}) and the HTTP
// layer's failure kind become one sentence naming the org and what to do. A 403 that is a permission problem
// ("Must have admin rights to Organization.") is told apart from a rate limit by the HTTP layer (no retry-after,
// remaining > 0, no "rate limit" in the message) and gets a hint about token scopes, not a retry.
import { LanyardError } from '../../app/errors';
import { HttpError, type HttpFailureKind } from '../../http/errors';

export type GithubFailureKind = HttpFailureKind | 'malformed' | 'paging' | 'no-such-user';

export class GithubAppError extends LanyardError {
  readonly appId: string;
  readonly kind: GithubFailureKind;
  readonly status: number | undefined;
  /** GitHub's own message, e.g. "Must have admin rights to Organization." */
  readonly githubMessage: string | undefined;
  /** Worth retrying on a later run (rate limits, timeouts, 5xx); false for auth, permission and validation errors. */
  readonly retryable: boolean;

  constructor(init: {
    appId: string;
    kind: GithubFailureKind;
    message: string;
    hint?: string;
    status?: number;
    githubMessage?: string;
    cause?: unknown;
  }) {
    super('upstream', init.message, { ...(init.hint ? { hint: init.hint } : {}), cause: init.cause });
    this.name = 'GithubAppError';
    this.appId = init.appId;
    this.kind = init.kind;
    this.status = init.status;
    this.githubMessage = init.githubMessage;
    this.retryable =
      init.kind === 'timeout' ||
      init.kind === 'network' ||
      init.kind === 'rate-limited' ||
      (init.status !== undefined && init.status >= 500);
  }
}

export interface AppLabel {
  id: string;
  name: string;
  org: string;
}

/** GitHub's message plus, for 422, each `errors[]` entry as "field: code (message)". */
export const readGithubError = (body: unknown): { message?: string; fields: string[] } => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { fields: [] };
  const b = body as Record<string, unknown>;
  const fields: string[] = [];
  for (const e of Array.isArray(b.errors) ? b.errors : []) {
    if (typeof e === 'string') fields.push(e);
    else if (e && typeof e === 'object') {
      const x = e as Record<string, unknown>;
      const where = [x.resource, x.field].filter((v) => typeof v === 'string').join('.');
      const what = [x.code, x.message].filter((v) => typeof v === 'string' && v !== 'custom').join(': ');
      fields.push([where, what].filter(Boolean).join(' ') || JSON.stringify(x).slice(0, 120));
    }
  }
  return {
    ...(typeof b.message === 'string' ? { message: b.message.slice(0, 300) } : {}),
    fields: fields.slice(0, 10),
  };
};

/** The scopes a token needs for the org operations Lanyard does, in both of GitHub's token kinds. */
export const SCOPE_HINT =
  'The token needs the admin:org scope (classic token) or the organization permission "Members: Read and write" (fine-grained token), and its owner must be an owner of the organization.';

/** Turns whatever a GitHub call threw into a GithubAppError (LanyardErrors that are not HTTP failures pass through). */
export const toGithubError = (err: unknown, app: AppLabel, action: string): unknown => {
  if (err instanceof GithubAppError || !(err instanceof HttpError)) return err;
  const { status, kind } = err;
  const gh = readGithubError(err.body);
  const said = gh.message ? ` — GitHub says: "${gh.message}"` : '';
  const base = {
    appId: app.id,
    kind: kind as GithubFailureKind,
    cause: err,
    ...(status === undefined ? {} : { status }),
    ...(gh.message ? { githubMessage: gh.message } : {}),
  };
  const settings = `Apps → ${app.name}`;
  const who = `GitHub (${app.org})`;
  if (kind === 'rate-limited')
    return new GithubAppError({
      ...base,
      message: `${who} kept rate-limiting Lanyard (${status ?? 429}) when trying to ${action}${said}.`,
      hint: 'GitHub limits how fast invitations and membership changes can be made; the next run continues where this one stopped.',
    });
  if (kind === 'status') {
    if (status === 401)
      return new GithubAppError({
        ...base,
        message: `${who} rejected the token (401) when trying to ${action}${said}.`,
        hint: `Re-enter the token in ${settings}, or check it has not expired or been revoked.`,
      });
    if (status === 403) {
      const sso = /SAML|SSO/i.test(gh.message ?? '');
      return new GithubAppError({
        ...base,
        message: `${who} refused to ${action} (403)${said}.`,
        hint: sso
          ? `Authorize the token for SAML single sign-on in the ${app.org} organization (GitHub → Settings → Tokens → Configure SSO).`
          : SCOPE_HINT,
      });
    }
    if (status === 404)
      return new GithubAppError({
        ...base,
        message: `${who} has no such resource (404) when trying to ${action}${said}.`,
        hint: `Check the organization name "${app.org}" and the base URL in ${settings}. GitHub also answers 404 when the token may not see the organization.`,
      });
    if (status === 422) {
      const fields = gh.fields.length ? `: ${gh.fields.join('; ')}` : '';
      return new GithubAppError({
        ...base,
        message: `${who} rejected the request to ${action} (422 ${gh.message ?? 'Validation Failed'})${fields}.`,
        hint: 'GitHub also answers 422 after too many invitations in 24 hours (50, or 500 for older or paid organizations).',
      });
    }
    if (status !== undefined && status >= 500)
      return new GithubAppError({
        ...base,
        message: `${who} had a server error (${status}) when trying to ${action}${said}.`,
        hint: 'Usually temporary; it will be retried on the next run.',
      });
    return new GithubAppError({
      ...base,
      message: `${who} answered ${status} when trying to ${action}${said}.`,
    });
  }
  if (kind === 'bad-content-type')
    return new GithubAppError({
      ...base,
      message: `${who} did not answer with JSON when trying to ${action}: ${err.message}`,
      hint: `Check the base URL in ${settings}: it must point at the REST API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).`,
    });
  if (kind === 'bad-json')
    return new GithubAppError({
      ...base,
      message: `${who} sent malformed JSON when trying to ${action}.`,
      hint: 'Nothing was changed in Lanyard; try again later.',
    });
  if (kind === 'too-large')
    return new GithubAppError({
      ...base,
      message: `${who} sent a response larger than Lanyard accepts when trying to ${action}.`,
    });
  if (kind === 'insecure-url') return err;
  return new GithubAppError({
    ...base,
    message: `${who} could not be reached to ${action}: ${err.message}`,
    ...(err.hint ? { hint: err.hint } : {}),
  });
};

export const malformed = (app: AppLabel, action: string, what: string): GithubAppError =>
  new GithubAppError({
    appId: app.id,
    kind: 'malformed',
    message: `GitHub (${app.org}) sent a malformed response when trying to ${action}: ${what}.`,
    hint: 'Nothing was changed in Lanyard. Check the base URL; if it persists, report it with the log.',
  });
