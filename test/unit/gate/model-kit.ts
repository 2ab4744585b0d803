// The world of the gate's model-based test (model.test.ts), all on loopback: the Okta fake as the directory, a SCIM
// app ("acme", behind a small crash proxy) with a protected break-glass account, a manual app ("badge"), a real core
// on a temp data dir with a clock the test moves, small guardrails, and observers that record, at the moment each
// write reaches the SCIM fake, what the write did and to whom. Faults are injected through the fakes' own switches
// (the Okta fake's FaultSwitch, the SCIM fake's failWhen / rateLimitNext); crash points through the proxy, which can
// let a write reach the app and never answer it (or swallow it), so the core can be "killed" (closed) mid-run and
// reopened on the same data folder, exactly as a SIGKILL leaves it.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../electron/app/clock';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { appConfigSchema, ruleSchema } from '../../../shared/config/workspace';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { startScimFake, type ScimFake } from '../../fakes/scim/server';
import { ScimFailure, URN } from '../../fakes/scim/store';
import { FAST_HTTP, OKTA_TOKEN, SCIM_TOKEN, worldEnv } from '../sync-engine/kit';

export const GUARDRAILS = {
  maxDeprovisionsPerRun: 3,
  windowMinutes: 60,
  maxDeprovisionsPerWindow: 5,
  maxDeprovisionPercent: 100,
  maxDeprovisionPercentPerWindow: 100,
  suspiciousDropPercent: 30,
};
/** Acme's own window limit, below the workspace's: the per-app limit is exercised too. */
export const ACME_WINDOW_LIMIT = 4;
export const BREAK_GLASS = 'breakglass@example.com';
/** Person 1's account is protected too: a protected account that IS someone's (it must survive their leaving). */
export const PROTECTED = [BREAK_GLASS, 'user1@example.com'];
/** The SCIM group in Acme that Engineering's members get. */
export const ENG_GROUP = 'eng';
export const MODEL_GROUPS = ['Everyone', 'Engineering', 'Leads', 'Office'] as const;
export type ModelGroup = (typeof MODEL_GROUPS)[number];

// ---------------------------------------------------------------------------------------------------------------
// A controllable clock: constant during a step, moved by the test between steps.

export const modelClock = (start = Date.parse('2026-12-01T09:00:00.000Z')) => {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number): void {
      t += ms;
    },
    get ms(): number {
      return t;
    },
  } satisfies Clock & { advance(ms: number): void; ms: number };
};
export type ModelClock = ReturnType<typeof modelClock>;

// ---------------------------------------------------------------------------------------------------------------
// The crash proxy in front of the SCIM fake.

export interface CrashPlan {
  /** The n-th write (POST/PUT/PATCH/DELETE) from now on is the crash point (1-based). */
  nth: number;
  /** true: the write reaches the app and is applied, its answer never comes; false: it never reaches the app. */
  applied: boolean;
}

export const startCrashProxy = async (upstream: string) => {
  const up = new URL(upstream);
  let plan: CrashPlan | null = null;
  let writes = 0;
  let dead = false;
  const held = new Set<Socket>();
  let onHang: (() => void) | null = null;
  let hung = false;

  const server = http.createServer((req, res) => {
    if (dead) {
      req.socket.destroy();
      return;
    }
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    let crash = false;
    if (isWrite && plan && ++writes === plan.nth) crash = true;
    if (crash && !plan!.applied) {
      // Swallowed: the request never reaches the app; the caller waits until the "process" is gone.
      dead = true;
      hung = true;
      held.add(req.socket);
      req.resume();
      onHang?.();
      return;
    }
    const fwd = http.request(
      {
        host: up.hostname,
        port: up.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: up.host },
      },
      (upRes) => {
        if (crash) {
          // Applied by the app; the answer is lost with the process.
          dead = true;
          hung = true;
          held.add(req.socket);
          upRes.resume();
          onHang?.();
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    fwd.on('error', () => req.socket.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** The proxy's base URL (same path as the upstream SCIM base). */
    url: `http://127.0.0.1:${port}${up.pathname}`,
    arm(p: CrashPlan): Promise<void> {
      plan = p;
      writes = 0;
      hung = false;
      return new Promise<void>((resolve) => (onHang = resolve));
    },
    get hung(): boolean {
      return hung;
    },
    /** The crash: cut the held connections (the dead process's sockets); new requests are still refused. */
    cut(): void {
      for (const s of held) s.destroy();
      held.clear();
    },
    /** After the crash, once the dead core is gone: serve normally again. */
    revive(): void {
      for (const s of held) s.destroy();
      held.clear();
      plan = null;
      dead = false;
      hung = false;
      onHang = null;
    },
    /** Stop refusing (used when the run finished before the crash point). */
    disarm(): void {
      plan = null;
      onHang = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of held) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
export type CrashProxy = Awaited<ReturnType<typeof startCrashProxy>>;

// ---------------------------------------------------------------------------------------------------------------
// Observing the SCIM fake: every write as it reaches the app, with the account as it was at that moment.

interface ScimUserLike {
  id: string;
  userName: string;
  externalId?: string;
  active?: boolean;
  emails?: { value: string }[];
}

export interface ObservedWrite {
  step: number;
  method: string;
  path: string;
  body: unknown;
  /** The SCIM fake's record (its status is filled in once answered). */
  rec: { status: number };
  /** The user the write is about, as it was before the write (null: a create, a group, or unknown id). */
  user: { id: string; userName: string; externalId: string | null; active: boolean; emails: string[] } | null;
  /** Ids of users this write adds to or removes from a group (PATCH /Groups). */
  memberIds: string[];
  /** Ids of users this write removes from a group, with the group's displayName. */
  removed: { group: string; ids: string[] } | null;
  /** What a /Users write does to access. */
  effect: 'deprovision' | 'create' | 'other';
  /** The fault injected instead of serving it (then it was not applied). */
  injected: string | null;
}

export type ScimFaultPlan =
  { kind: '5xx'; left: number } | { kind: 'seats403' } | { kind: 'seats400' } | { kind: 'reject-deactivate' };

const isWriteMethod = (m: string): boolean => m === 'POST' || m === 'PUT' || m === 'PATCH' || m === 'DELETE';

const deactivates = (method: string, body: unknown): boolean => {
  if (method === 'DELETE') return true;
  const b = body as { active?: unknown; Operations?: { op?: string; path?: string; value?: unknown }[] };
  if (method === 'PUT') return b?.active === false;
  if (method === 'PATCH')
    return (b?.Operations ?? []).some(
      (o) =>
        (String(o.path ?? '').toLowerCase() === 'active' && o.value === false) ||
        (!o.path && (o.value as { active?: unknown } | undefined)?.active === false),
    );
  return false;
};

/** The externalId a /Users write sets, or null. */
export const externalIdSet = (method: string, body: unknown): string | null => {
  if (method === 'PUT') {
    const v = (body as { externalId?: unknown } | undefined)?.externalId;
    return typeof v === 'string' ? v : null;
  }
  if (method !== 'PATCH') return null;
  for (const o of (body as { Operations?: { path?: string; value?: unknown }[] })?.Operations ?? []) {
    if (String(o.path ?? '').toLowerCase() === 'externalid' && typeof o.value === 'string') return o.value;
    const v = (o.value as { externalId?: unknown } | undefined)?.externalId;
    if (!o.path && typeof v === 'string') return v;
  }
  return null;
};

const removedMemberIds = (body: unknown): string[] =>
  ((body as { Operations?: { op?: string; path?: string }[] })?.Operations ?? [])
    .filter((o) => String(o.op).toLowerCase() === 'remove')
    .map((o) => /members\[value eq "([^"]+)"\]/.exec(String(o.path ?? ''))?.[1])
    .filter((x): x is string => !!x);

const groupMemberIds = (body: unknown): string[] => {
  const ops = (body as { Operations?: { path?: string; value?: unknown }[] })?.Operations ?? [];
  const ids: string[] = [];
  for (const o of ops) {
    const path = String(o.path ?? '');
    const m = /members\[value eq "([^"]+)"\]/.exec(path);
    if (m) ids.push(m[1]!);
    const v = o.value;
    const list = Array.isArray(v) ? v : (v as { members?: unknown[] } | undefined)?.members;
    if (Array.isArray(list))
      for (const x of list)
        if (x && typeof (x as { value?: unknown }).value === 'string')
          ids.push((x as { value: string }).value);
  }
  return ids;
};

export const observeScim = (fake: ScimFake) => {
  const writes: ObservedWrite[] = [];
  let step = 0;
  let fault: ScimFaultPlan | null = null;
  fake.set({
    failWhen: (method, path) => {
      if (!isWriteMethod(method)) return null;
      // The fake records the request (with its parsed body) before routing it; the newest unanswered one is this.
      const rec = [...fake.requests].reverse().find((r) => r.status === 0 && r.method === method) as
        (ScimFake['requests'][number] & { status: number }) | undefined;
      const body = rec?.body;
      const m = /^\/Users\/([^/]+)$/.exec(path);
      const g = /^\/Groups\/([^/]+)$/.exec(path);
      const u = m
        ? (fake.store.users.get(decodeURIComponent(m[1]!)) as unknown as ScimUserLike | undefined)
        : undefined;
      const w: ObservedWrite = {
        step,
        method,
        path,
        body,
        rec: rec ?? { status: -1 },
        user: u
          ? {
              id: u.id,
              userName: u.userName,
              externalId: u.externalId ?? null,
              active: u.active !== false,
              emails: (u.emails ?? []).map((e) => e.value),
            }
          : null,
        memberIds: g ? groupMemberIds(body) : [],
        removed:
          g && method === 'PATCH'
            ? {
                group: String(fake.store.groups.get(decodeURIComponent(g[1]!))?.displayName ?? ''),
                ids: removedMemberIds(body),
              }
            : null,
        effect:
          m && deactivates(method, body)
            ? 'deprovision'
            : method === 'POST' && path === '/Users'
              ? 'create'
              : 'other',
        injected: null,
      };
      writes.push(w);
      if (!fault) return null;
      if (fault.kind === '5xx') {
        if (fault.left <= 0) return null;
        fault.left--;
        w.injected = '503';
        return 503;
      }
      if ((fault.kind === 'seats403' || fault.kind === 'seats400') && w.effect === 'create') {
        w.injected = fault.kind;
        if (fault.kind === 'seats403')
          throw new ScimFailure(
            403,
            undefined,
            'No available seats: your plan is out of seats (license limit)',
          );
        throw new ScimFailure(400, 'invalidValue', 'license limit reached: no available seats on this plan');
      }
      if (fault.kind === 'reject-deactivate' && w.effect === 'deprovision') {
        w.injected = 'reject-deactivate';
        throw new ScimFailure(400, 'mutability', 'this user cannot be deactivated right now');
      }
      return null;
    },
  });
  return {
    writes,
    setStep(n: number): void {
      step = n;
    },
    setFault(f: ScimFaultPlan | null): void {
      fault = f;
    },
    /** Writes of this step that the app applied (2xx). */
    applied(n: number): ObservedWrite[] {
      return writes.filter((w) => w.step === n && !w.injected && w.rec.status >= 200 && w.rec.status < 300);
    },
  };
};
export type ScimObserver = ReturnType<typeof observeScim>;

// ---------------------------------------------------------------------------------------------------------------
// The world.

export interface ModelPerson {
  id: string;
  /** Changes when the login is freed for someone else (see the model's reuseLogin). */
  login: string;
  index: number;
}

export interface ModelWorld {
  okta: OktaFake;
  scim: ScimFake;
  proxy: CrashProxy;
  observer: ScimObserver;
  groupIds: Map<ModelGroup, string>;
  people: ModelPerson[];
  close(): Promise<void>;
}

export const addPerson = (
  w: Pick<ModelWorld, 'okta' | 'groupIds' | 'people'>,
  login: string,
  groups: readonly ModelGroup[],
  name = login,
  /** false while seeding (before the first full read); a joiner's memberships are in the System Log. */
  logged = true,
): ModelPerson => {
  const u = w.okta.state.addUser({
    login,
    email: login,
    firstName: 'F',
    lastName: name,
  });
  for (const g of groups) w.okta.state.addMember(w.groupIds.get(g)!, u.id, !logged);
  const p = { id: u.id, login, index: w.people.length };
  w.people.push(p);
  return p;
};

/** Person i: Everyone; Engineering when i % 3 == 0; Leads when i % 7 == 0; Office when i % 4 == 0. */
export const startModelWorld = async (n: number): Promise<ModelWorld> => {
  const okta = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
  const scim = await startScimFake({ token: SCIM_TOKEN });
  const proxy = await startCrashProxy(scim.url);
  const groupIds = new Map(MODEL_GROUPS.map((g) => [g, okta.state.addGroup(g).id]));
  const w = { okta, groupIds, people: [] as ModelPerson[] };
  for (let i = 0; i < n; i++) {
    const groups: ModelGroup[] = ['Everyone'];
    if (i % 3 === 0) groups.push('Engineering');
    if (i % 7 === 0) groups.push('Leads');
    if (i % 4 === 0) groups.push('Office');
    addPerson(w, `user${i}@example.com`, groups, undefined, false);
  }
  okta.state.logs.length = 0;
  // The break-glass admin: made by hand in the app, nobody's in the directory, matched by no rule.
  scim.store.createUser({
    schemas: [URN.user],
    userName: BREAK_GLASS,
    active: true,
    roles: [{ value: 'admin' }],
  });
  // The app's "eng" group (Engineering's members get it), with the break-glass admin in it: a protected member
  // Lanyard must never remove, whatever the rule says.
  const breakGlass = [...scim.store.users.values()].find((u) => u.userName === BREAK_GLASS)!;
  scim.store.createGroup({
    schemas: [URN.group],
    displayName: ENG_GROUP,
    members: [{ value: breakGlass.id }],
  });
  const observer = observeScim(scim);
  return {
    ...w,
    scim,
    proxy,
    observer,
    async close() {
      await proxy.close();
      await okta.close();
      await scim.close();
    },
  };
};

// ---------------------------------------------------------------------------------------------------------------
// The core.

export interface ModelCore {
  core: Lanyard;
  dataDir: string;
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>>;
  close(): void;
}

export const openModelCore = (dataDir: string, clock: Clock): ModelCore => {
  const log = createLogger(memorySink());
  const core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log,
    env: worldEnv(),
    sync: { http: FAST_HTTP },
    clock,
  });
  return {
    core,
    dataDir,
    async call(method, input) {
      const r = await dispatch(core.handlers, method, input, { actor: 'admin@acme.io' }, log);
      if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), r.error);
      return r.value as MethodOutput<typeof method>;
    },
    close: () => core.close(),
  };
};

export const configureModel = async (core: Lanyard, w: ModelWorld): Promise<void> => {
  await core.ready; // on PostgreSQL the schema is checked or migrated in the background
  const ws = core.context.repos.workspace;
  await ws.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: w.okta.url,
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  await ws.setApps(
    [
      {
        id: 'acme',
        name: 'Acme',
        kind: 'scim',
        baseUrl: w.proxy.url,
        auth: { type: 'bearer', token: 'env:SCIM_TOKEN' },
        protected: PROTECTED,
        limits: { maxDeprovisionsPerWindow: ACME_WINDOW_LIMIT },
      },
      { id: 'badge', name: 'Office badge', kind: 'manual' },
    ].map((a) => appConfigSchema.parse(a)),
  );
  await ws.setRules(
    [
      { app: 'acme', groups: ['Everyone'], role: 'member' },
      { app: 'acme', groups: ['Engineering'], role: 'engineer', priority: 1 },
      { app: 'acme', groups: ['Leads'], role: 'admin', priority: 2 },
      { app: 'acme', groups: ['Engineering'], appGroups: [ENG_GROUP] },
      { app: 'badge', groups: ['Office'] },
    ].map((r) => ruleSchema.parse(r)),
  );
  const settings = await core.context.repos.settings.get();
  await core.context.repos.settings.put({
    ...settings,
    guardrails: { ...settings.guardrails, ...GUARDRAILS },
    offboarding: { ...settings.offboarding, killSessions: true },
  });
};

// ---------------------------------------------------------------------------------------------------------------
// Reading the core's store (SQLite, synchronously, between steps).

export interface OpRow {
  id: number;
  run_id: number;
  app_id: string;
  person_id: string | null;
  kind: string;
  target: string;
  status: string;
  source: string;
  weight: number;
  attempts: number;
  started_at: string | null;
}

export const opRows = (core: Lanyard): OpRow[] =>
  core.context.db
    .prepare(
      'SELECT id, run_id, app_id, person_id, kind, target, status, source, weight, attempts, started_at FROM plan_ops ORDER BY id',
    )
    .all() as OpRow[];

export interface LedgerRow {
  seq: number;
  action: string;
  before: string | null;
  after: string | null;
  result: string;
}

export const ledgerRows = (core: Lanyard): LedgerRow[] =>
  core.context.db
    .prepare('SELECT seq, action, before, after, result FROM audit_events ORDER BY seq')
    .all() as LedgerRow[];

export const caseCount = (core: Lanyard): number =>
  (core.context.db.prepare('SELECT count(*) AS n FROM offboarding_cases').get() as { n: number }).n;

/** The op id a ledger event names (op.applied names it in `before`, the kill switch and recoveries in `after`). */
export const opIdOf = (e: LedgerRow): number | null => {
  for (const text of [e.before, e.after]) {
    if (!text) continue;
    try {
      const v = JSON.parse(text) as { op?: unknown };
      if (typeof v?.op === 'number') return v.op;
    } catch {
      /* not JSON */
    }
  }
  return null;
};
