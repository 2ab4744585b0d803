// test() for Google Workspace: can Lanyard sign in as the service account, which delegated scopes are missing,
// and can the impersonated admin actually list users and groups. Reports problems; never throws for them.
import { errorText } from '../../app/errors';
import { HttpError } from '../../http';
import type { CheckResult } from '../types';
import { GOOGLE_SCOPES, shortScope, type GoogleTokens } from './auth';
import { googleReason } from './errors';

export interface GoogleCheckDeps {
  connector: string;
  adminEmail: string;
  customer: string;
  tokens: GoogleTokens;
  /** One GET with a token for exactly `scope`. */
  probe(scope: string, path: string, query: Record<string, string | number>, what: string): Promise<unknown>;
  explain(err: unknown, what: string, scope: string): unknown;
}

// Read scopes are required; the kill switch's are a warning (reading the directory works without them).
const NEEDS: [scope: string, purpose: string, required: boolean][] = [
  [GOOGLE_SCOPES.userRead, 'read users', true],
  [GOOGLE_SCOPES.groupRead, 'read groups and their members', true],
  [GOOGLE_SCOPES.user, 'suspend users (kill switch)', false],
  [GOOGLE_SCOPES.userSecurity, 'sign users out of their sessions (kill switch)', false],
];

/** The same words a failed run uses for this error. */
const describe = errorText;

export const checkGoogle = async (d: GoogleCheckDeps): Promise<CheckResult> => {
  const details: string[] = [];
  const missing: string[] = [];
  let key;
  try {
    key = await d.tokens.key();
  } catch (err) {
    return { ok: false, details: [describe(err)], missing };
  }
  details.push(
    `Service account ${key.clientEmail}${key.clientId ? ` (client ID ${key.clientId})` : ''}, impersonating ${d.adminEmail}`,
  );

  let fatal = false;
  const delegated = new Set<string>();
  let requiredMissing = false;
  for (const [scope, purpose, required] of NEEDS) {
    try {
      await d.tokens.forScopes([scope]).get();
      delegated.add(scope);
    } catch (raw) {
      const err = d.explain(raw, `get a token for ${shortScope(scope)}`, scope);
      if (googleReason(err) === 'unauthorized_client') {
        missing.push(shortScope(scope));
        if (required) requiredMissing = true;
        details.push(
          `${required ? '' : 'Warning: '}Missing ${shortScope(scope)} in domain-wide delegation for the service account's client ID${key.clientId ? ` ${key.clientId}` : ''}: Lanyard cannot ${purpose}.`,
        );
        continue;
      }
      // Anything else (bad key, unknown admin, unreachable) fails every scope the same way: say it once.
      details.push(describe(err));
      fatal = true;
      break;
    }
  }

  const probes: [scope: string, path: string, query: Record<string, string | number>, what: string][] = [
    [GOOGLE_SCOPES.userRead, 'users', { customer: d.customer, maxResults: 1 }, 'list users'],
    [GOOGLE_SCOPES.groupRead, 'groups', { customer: d.customer, maxResults: 1 }, 'list groups'],
  ];
  for (const [scope, path, query, what] of fatal ? [] : probes) {
    if (!delegated.has(scope)) continue;
    try {
      await d.probe(scope, path, query, `${what} (permission check)`);
      details.push(`Can ${what} (customer ${d.customer}).`);
    } catch (err) {
      if (err instanceof HttpError && err.status === 403) {
        missing.push(shortScope(scope));
        requiredMissing = true;
        details.push(
          `Google refused to ${what} (403): the service account lacks ${shortScope(scope)} in domain-wide delegation, or ${d.adminEmail} is not an admin allowed to ${what}.`,
        );
      } else {
        details.push(describe(err));
        fatal = true;
      }
    }
  }
  return { ok: !fatal && !requiredMissing, details, missing: [...new Set(missing)] };
};
