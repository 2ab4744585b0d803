// Helpers for the two-replica test (server-replicas.test.ts): the API of a running `lanyard server` over loopback
// (one session cookie per server), its /readyz, the workspace file for the sync-engine world (Okta directory +
// one SCIM app, a poll every 5 s), what the SCIM fake was asked to do per person, and the journal and runs read
// straight from the shared PostgreSQL database.
import pg from 'pg';
import type { ScimFake } from '../fakes/scim/server';
import type { World } from '../unit/sync-engine/kit';
import type { RunningServer } from './server-command-kit';

export interface RpcResult<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

const cookies = new WeakMap<RunningServer, string>();

/** POST /api/rpc/METHOD as the admin who signed in with the server's one-time token (exchanged once). */
export const rpc = async <T = unknown>(
  s: RunningServer,
  method: string,
  input: unknown,
  timeoutMs = 30_000,
): Promise<RpcResult<T>> => {
  let cookie = cookies.get(s);
  if (!cookie) {
    const r = await fetch(`${s.origin}/?token=${s.token}`, { redirect: 'manual' });
    cookie = String(r.headers.get('set-cookie')).split(';')[0]!;
    cookies.set(s, cookie);
  }
  const res = await fetch(`${s.origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: s.origin },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return (await res.json()) as RpcResult<T>;
};

/** The value of a call that must succeed. */
export const call = async <T = unknown>(s: RunningServer, method: string, input: unknown): Promise<T> => {
  const r = await rpc<T>(s, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
};

export interface Readiness {
  ready: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

export const readyz = async (s: RunningServer): Promise<Readiness> =>
  (await fetch(`${s.origin}/readyz`, { signal: AbortSignal.timeout(10_000) })).json() as Promise<Readiness>;

export const runsScheduler = async (s: RunningServer): Promise<boolean> =>
  (await readyz(s)).checks.find((c) => c.name === 'scheduler')?.detail === 'this process runs the scheduler';

/**
 * The workspace file: the world's Okta directory, its SCIM app ("acme": Everyone are members, Engineering are
 * engineers), a poll every 5 s, `paused: false` written out (the explicit start: applying begins without a
 * review), and guardrails wide enough that no leaver's deactivation is held for an admin. JSON is YAML.
 */
export const workspaceFile = (w: World): string =>
  JSON.stringify({
    directory: {
      kind: 'okta',
      name: 'Acme Okta',
      baseUrl: w.okta.url,
      auth: { type: 'token', token: 'env:OKTA_TOKEN' },
    },
    apps: [
      {
        id: 'acme',
        name: 'Acme',
        kind: 'scim',
        baseUrl: w.scim.url,
        auth: { type: 'bearer', token: 'env:SCIM_TOKEN' },
      },
    ],
    rules: [
      { app: 'acme', groups: ['Everyone'], role: 'member' },
      { app: 'acme', groups: ['Engineering'], role: 'engineer', priority: 1 },
    ],
    guardrails: {
      maxDeprovisionsPerRun: 1000,
      maxDeprovisionPercent: 100,
      maxDeprovisionsPerWindow: 100_000,
      maxDeprovisionPercentPerWindow: 100,
      suspiciousDropPercent: 100,
    },
    schedule: { pollSeconds: 5, fullSyncMinutes: 60, paused: false },
  });

/** What a SCIM write asked for: a create, a deactivation, a reactivation, or something else (role, profile). */
export type ScimWrite = 'create' | 'deactivate' | 'reactivate' | 'other';

const activeIn = (method: string, body: unknown): boolean | undefined => {
  const b = body as { active?: unknown; Operations?: { op?: string; path?: string; value?: unknown }[] };
  if (!b || typeof b !== 'object') return undefined;
  if (method === 'PUT') return typeof b.active === 'boolean' ? b.active : undefined;
  for (const op of b.Operations ?? []) {
    if (String(op.op).toLowerCase() === 'remove') continue;
    if (op.path?.toLowerCase() === 'active' && typeof op.value === 'boolean') return op.value;
    const v = op.value as { active?: unknown } | undefined;
    if (!op.path && v && typeof v.active === 'boolean') return v.active;
  }
  return undefined;
};

/**
 * Every write the SCIM fake received about a user, by that user's userName: creates (POST /Users, named in the
 * body) and PATCH/PUT/DELETE /Users/ID (named through the fake's store: ids are never reused).
 */
export const scimWrites = (scim: ScimFake): Map<string, ScimWrite[]> => {
  const nameOf = new Map([...scim.store.users.values()].map((u) => [String(u.id), String(u.userName)]));
  const out = new Map<string, ScimWrite[]>();
  const add = (name: string, w: ScimWrite): void => {
    const key = name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), w]);
  };
  for (const r of scim.requests) {
    if (r.method === 'POST' && r.path === '/Users') {
      add(String((r.body as { userName?: unknown } | undefined)?.userName), 'create');
      continue;
    }
    const m = /^\/Users\/([^/]+)$/.exec(r.path);
    if (!m || !['PATCH', 'PUT', 'DELETE'].includes(r.method)) continue;
    const name = nameOf.get(decodeURIComponent(m[1]!)) ?? `id:${m[1]}`;
    if (r.method === 'DELETE') {
      add(name, 'deactivate');
      continue;
    }
    const active = activeIn(r.method, r.body);
    add(name, active === false ? 'deactivate' : active === true ? 'reactivate' : 'other');
  }
  return out;
};

export interface JournalRow {
  id: number;
  run_id: number;
  person_id: string | null;
  kind: string;
  status: string;
}

export interface RunRow {
  id: number;
  kind: string;
  trigger: string;
  status: string;
  error: string | null;
}

/** Reads the shared database as the test's superuser (the journal and runs tables, as the replicas wrote them). */
export const databaseReader = (config: pg.ClientConfig) => {
  const client = new pg.Client(config);
  client.on('error', () => undefined); // the cluster stops at the end of the file
  const connected = client.connect();
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => {
    await connected;
    return (await client.query<R>(sql, params)).rows;
  };
  return {
    query,
    ops: () =>
      query<JournalRow>('SELECT id, run_id, person_id, kind, status FROM plan_ops ORDER BY id').then((rows) =>
        rows.map((r) => ({ ...r, id: Number(r.id), run_id: Number(r.run_id) })),
      ),
    runs: () =>
      query<RunRow>('SELECT id, kind, trigger, status, error FROM runs ORDER BY id').then((rows) =>
        rows.map((r) => ({ ...r, id: Number(r.id) })),
      ),
    close: () => client.end(),
  };
};
