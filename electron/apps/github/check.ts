// The connection check: the token is valid (GET /user), the org is reachable (GET /orgs/{org}), the token's owner
// is an owner of the org (GET /orgs/{org}/memberships/{me}), and the token may read invitations (owner-only, so it
// proves the admin:org scope / Members permission too). Reports what is missing instead of throwing.
import type { AppCheckResult } from '../types';
import { GithubAppError, SCOPE_HINT } from './errors';
import { membershipOf } from './read';
import type { GithubTransport } from './transport';
import { asUser } from './wire';

const ADMIN_SCOPE = 'admin:org';
const FINE_GRAINED_PERMISSION = 'organization permission "Members: Read and write"';

export const checkConnection = async (t: GithubTransport): Promise<AppCheckResult> => {
  const details: string[] = [];
  const missing: string[] = [];
  const org = t.app.org;
  const report = (err: unknown): AppCheckResult => {
    if (!(err instanceof GithubAppError)) throw err;
    details.push(err.message + (err.hint ? ` ${err.hint}` : ''));
    return { ok: false, details, missing };
  };

  let login: string;
  let scopes: string[] | null;
  try {
    const res = await t.request<unknown>({ path: 'user', action: 'read the token’s user' });
    const me = asUser(res.body);
    if (!me)
      return report(
        new GithubAppError({
          appId: t.app.id,
          kind: 'malformed',
          message: 'GitHub answered GET /user without a login.',
        }),
      );
    login = me.login;
    // Classic tokens list their scopes; fine-grained tokens send no such header.
    const header = res.headers.get('x-oauth-scopes');
    scopes =
      header === null
        ? null
        : header
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    details.push(
      `Authenticated as ${login}${scopes ? ` (classic token; scopes: ${scopes.join(', ') || 'none'})` : ''}.`,
    );
  } catch (err) {
    if (err instanceof GithubAppError && err.status === 401) missing.push('a valid token');
    return report(err);
  }
  if (scopes && !scopes.includes(ADMIN_SCOPE)) missing.push(`${ADMIN_SCOPE} scope`);

  try {
    await t.request({ path: `orgs/${t.org}`, action: `read the organization ${org}` });
    details.push(`Organization ${org} is reachable.`);
  } catch (err) {
    if (err instanceof GithubAppError && err.status === 404)
      missing.push(`access to the organization ${org}`);
    return report(err);
  }

  try {
    const m = await membershipOf(t, login);
    if (m?.state === 'active' && m.role === 'admin') details.push(`${login} is an owner of ${org}.`);
    else {
      details.push(
        `${login} is ${m ? `a ${m.state} ${m.role}` : 'not a member'} of ${org}; inviting and removing people needs an owner.`,
      );
      missing.push(`owner (admin) role in ${org} for ${login}`);
    }
  } catch (err) {
    return report(err);
  }

  try {
    await t.request({
      path: `orgs/${t.org}/invitations`,
      query: { per_page: 1 },
      action: 'read pending invitations',
    });
    details.push('Pending invitations are readable (the token may manage members).');
  } catch (err) {
    if (err instanceof GithubAppError && err.status === 403) {
      if (!missing.some((m) => m.startsWith(ADMIN_SCOPE)))
        missing.push(scopes ? `${ADMIN_SCOPE} scope` : FINE_GRAINED_PERMISSION);
      details.push(`${err.message} ${SCOPE_HINT}`);
      return { ok: false, details, missing };
    }
    return report(err);
  }
  return { ok: missing.length === 0, details, missing };
};
