// test() for Auth0: can Lanyard get a Management API token, which scopes does it lack (as Auth0 names them in
// 403 insufficient_scope, or as absent from the token's granted scopes), and how many users it can see.
import { errorText } from '../../app/errors';
import type { CheckResult } from '../types';
import { missingScopes } from './errors';
import type { Auth0Get } from './read-users';

export interface Auth0CheckDeps {
  connector: string;
  clientId: string;
  audience: string;
  token(): Promise<string>;
  grantedScopes(): string[] | undefined;
  get: Auth0Get;
}

/**
 * Scopes the kill switch needs; Auth0 only tells us about them through the token's granted list. Missing ones are
 * a warning, not a failed check: reading the directory works without them, and delete:sessions exists only on
 * Enterprise plans, so most tenants could never pass.
 */
const KILL_SWITCH: [scope: string, warning: string][] = [
  ['update:users', 'the kill switch cannot block users'],
  ['delete:refresh_tokens', 'the kill switch cannot delete refresh tokens'],
  [
    'delete:sessions',
    'ending sessions is an Enterprise-plan feature, so the kill switch will only block the user and revoke refresh tokens',
  ],
];

/** The same words a failed run uses for this error. */
const describe = errorText;

export const checkAuth0 = async (d: Auth0CheckDeps): Promise<CheckResult> => {
  const details: string[] = [];
  const missing: string[] = [];
  try {
    await d.token();
  } catch (err) {
    return { ok: false, details: [describe(err)], missing };
  }
  const granted = d.grantedScopes();
  details.push(
    `Authenticated as application ${d.clientId} for ${d.audience}${granted ? `; granted scopes: ${granted.join(' ') || '(none)'}` : ''}`,
  );

  let fatal = false;
  const probe = async <T>(
    path: string,
    query: Record<string, string | number>,
    what: string,
    ok: (body: T) => string,
  ): Promise<T | undefined> => {
    try {
      const body = await d.get<T>(path, query, `${what} (permission check)`);
      details.push(ok(body));
      return body;
    } catch (err) {
      const scopes = missingScopes(err);
      if (scopes.length) {
        missing.push(...scopes);
        details.push(`Missing scope ${scopes.join(' or ')}: Lanyard cannot ${what}.`);
      } else {
        details.push(describe(err));
        fatal = true;
      }
      return undefined;
    }
  };
  await probe<{ total?: number }>(
    'users',
    { per_page: 1, page: 0, include_totals: 'true', search_engine: 'v3' },
    'read users',
    (b) => `Can read users (${b.total ?? '?'} in the tenant).`,
  );
  const roles = await probe<{ roles?: { id: string; name: string }[]; total?: number }>(
    'roles',
    { per_page: 1, page: 0, include_totals: 'true' },
    'read roles',
    (b) => `Can read roles (${b.total ?? '?'}); they become Lanyard groups.`,
  );
  const first = roles?.roles?.[0];
  if (first)
    await probe(
      `roles/${encodeURIComponent(first.id)}/users`,
      { take: 1 },
      'read role members',
      () => 'Can read role members.',
    );

  const required = missing.length;
  for (const [scope, warning] of granted ? KILL_SWITCH : []) {
    if (granted!.includes(scope)) continue;
    missing.push(scope);
    details.push(`Warning: missing scope ${scope}: ${warning}.`);
  }
  return { ok: !fatal && required === 0, details, missing: [...new Set(missing)] };
};
