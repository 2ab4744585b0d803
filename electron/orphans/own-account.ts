// The account Lanyard itself signs in to an app as — the GitHub token's own login (GET /user), the SCIM basic-auth
// user — which an admin must never remove by mistake: removing it locks Lanyard out of the app. A SCIM bearer token
// or an OAuth client names no account, and a manual app has no sign-in, so those have none to protect.
// GitHub answers are kept for ten minutes per app config (a failure for one minute): the orphan list asks on every
// page load. A read only; "could not tell" is reported as such, never taken for "none".
import type { AppConnector } from '../apps/types';
import type { GithubConnector } from '../apps/github/connector';
import { asUser } from '../apps/github/wire';
import type { AppConfig } from '../sync/types';

export type OwnAccount = { names: string[] } | { unknown: string };

const KEEP_MS = 10 * 60_000;
const KEEP_FAILURE_MS = 60_000;

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const createOwnAccounts = (
  connectorFor: (app: AppConfig) => Promise<AppConnector>,
  now: () => number,
) => {
  const cache = new Map<string, { key: string; at: number; value: OwnAccount }>();

  const githubLogin = async (app: AppConfig): Promise<OwnAccount> => {
    try {
      const c = (await connectorFor(app)) as GithubConnector;
      const res = await c.transport.request<unknown>({ path: 'user', action: 'read the token’s user' });
      const me = asUser(res.body);
      return me ? { names: [me.login] } : { unknown: 'GitHub answered GET /user without a login' };
    } catch (err) {
      return { unknown: `GitHub did not say which account the token belongs to: ${errorText(err)}` };
    }
  };

  return {
    /** Names (userName, login or email) of the account Lanyard signs in as; `wait` bounds how long to ask. */
    async of(app: AppConfig, wait?: number): Promise<OwnAccount> {
      if (app.kind === 'scim') return { names: app.auth.type === 'basic' ? [app.auth.username] : [] };
      if (app.kind !== 'github') return { names: [] };
      const key = JSON.stringify(app);
      const hit = cache.get(app.id);
      if (hit?.key === key && now() - hit.at < ('names' in hit.value ? KEEP_MS : KEEP_FAILURE_MS))
        return hit.value;
      const asking = githubLogin(app).then((value) => {
        cache.set(app.id, { key, at: now(), value });
        return value;
      });
      if (wait === undefined) return asking;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<OwnAccount>((resolve) => {
        timer = setTimeout(() => resolve({ unknown: 'GitHub did not answer GET /user in time' }), wait);
      });
      try {
        return await Promise.race([asking, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
};

export type OwnAccounts = ReturnType<typeof createOwnAccounts>;

/** Whether an account is one of these names (userName or any email, case-insensitively). */
export const isOwn = (own: OwnAccount, account: { userName: string; emails: readonly string[] }): boolean =>
  'names' in own &&
  own.names.some((n) =>
    [account.userName, ...account.emails].some((k) => k.toLowerCase() === n.trim().toLowerCase()),
  );
