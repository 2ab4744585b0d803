// Issue #14's two-replica test: two `lanyard server` processes on one real PostgreSQL database, the Okta and SCIM
// fakes in this process, a scheduled poll every 5 s. Over two minutes the directory changes every few seconds
// (joiners, leavers, moves into and out of Engineering, rehires, and once a manual run through the standby), and
// in the middle the scheduler's holder is SIGKILLed while a scheduled run is in flight against a slowed SCIM app
// with its ops journaled. Then:
// - the other replica takes the scheduler over within takeoverBoundMs (default heartbeat and retry: `lanyard
//   server` exposes neither), and the killed run ends `interrupted`, its ops completed by the survivor;
// - the app holds exactly the accounts the directory calls for, each once, with the right state and role;
// - no person was created twice, nor deactivated or reactivated more often than they left or came back;
// - every op the journal records as done has exactly one op.applied ledger event, none open or held;
// - the ledger verifies, with a gap-free sequence.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { takeoverBoundMs, DEFAULT_HEARTBEAT_MS } from '../../electron/store/pg/scheduler-lock';
import { DEFAULT_SCHEDULER_RETRY_MS } from '../../electron/app/create-lanyard';
import type { AuditEvent, AuditExportText, AuditVerifyResult } from '../../shared/api/methods-audit';
import type { RunView } from '../../shared/api/methods-sync';
import { stopChildren } from '../helpers/processes';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDirForTest } from '../helpers/temp-dir';
import { scimUsers, startWorld, worldEnv, type World } from '../unit/sync-engine/kit';
import { eventually, sealKeyEnv, startServer, type RunningServer } from './server-command-kit';
import {
  call,
  databaseReader,
  readyz,
  rpc,
  runsScheduler,
  scimWrites,
  workspaceFile,
} from './server-replicas-kit';

let pg: TestPostgres;
let world: World | null = null;
let servers: RunningServer[] = [];
beforeAll(() => {
  pg = startPostgres();
});
afterEach(async (ctx) => {
  await stopChildren();
  // On failure, what each replica logged (JSON lines) and what the app was asked, for the report.
  if (ctx.task.result?.state === 'fail' && process.env.LANYARD_TEST_DEBUG_DIR) {
    const out = process.env.LANYARD_TEST_DEBUG_DIR;
    servers.forEach((s, i) =>
      fs.writeFileSync(path.join(out, `replica-${i + 1}.log`), s.proc.stdout() + s.proc.stderr()),
    );
    if (world)
      fs.writeFileSync(
        path.join(out, 'scim-requests.log'),
        world.scim.requests
          .map((r) => `${r.method} ${r.path} ${r.status} ${JSON.stringify(r.body ?? null)}`)
          .join('\n'),
      );
  }
  servers = [];
  await world?.close();
  world = null;
});
afterAll(() => pg?.stop());

const t0 = Date.now();
/** Progress on stderr, with seconds since the file started (the test runs for minutes). */
const note = (what: string): void => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${what}`);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `p`, failing after `ms` (a replica that never starts must not use up the test's whole timeout). */
const within = async <T>(what: string, ms: number, p: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

/** Polls an async check every 250 ms until it is true, failing after `ms`. */
const until = async (what: string, ms: number, check: () => Promise<boolean>): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(250);
  }
};

/** Directory changes every few seconds for two minutes; the kill comes after change KILL_AFTER. */
const STEP_MS = 4_000;
const KILL_AFTER = 14;
const INITIAL_PEOPLE = 16;
/** Joiners of the burst the killed run is creating when its process dies. */
const BURST = 6;
/** How long the slowed SCIM app holds each /Users request (list, lookup, create) while the kill is set up. */
const SLOW_MS = 700;

const OPEN = `status IN ('planned','approved','running')`;

describe('two lanyard server replicas on one PostgreSQL database', () => {
  it('execute every op exactly once over two minutes of directory changes, across a SIGKILL of the scheduler holder', async () => {
    const w = (world = await startWorld(INITIAL_PEOPLE, { github: false }));
    const okta = w.okta.state;
    const group = (name: string): string => w.groupIds.get(name)!;
    const dbName = await pg.createDatabase('replicas');
    // The socket folder as ?host=, with a host name in the authority: parseDatabaseUrl (WHATWG URL) refuses a user
    // with an empty host (postgres://USER@/DB?host=…, the form pg.url() gives), which libpq and pg accept.
    const url = pg.url(dbName).replace('@/', '@localhost/');
    const reader = databaseReader(pg.config(dbName));
    const dir = tempDirForTest('server-replicas');
    const env = { ...worldEnv(), ...sealKeyEnv(dir), LANYARD_DATA_DIR: dir };
    const args = ['--database', url, '--listen', '127.0.0.1:0'];

    // Two replicas; the first migrates the empty database, so the second starts once the first listens.
    const first = await within('the first replica to listen', 60_000, startServer(args, env));
    const second = await within('the second replica to listen', 60_000, startServer(args, env));
    servers = [first, second];
    note('both replicas listen');
    for (const s of servers) expect((await readyz(s)).ready).toBe(true);
    const holders = [];
    for (const s of servers) if (await runsScheduler(s)) holders.push(s);
    expect(holders).toHaveLength(1);
    let holder: RunningServer = holders[0]!;
    let standby: RunningServer = holder === first ? second : first;

    // The workspace through the standby's API (the holder reads it from the database); `paused: false` in the file
    // starts applying. A manual run through the holder applies the first plan now and re-arms its scheduler.
    const applied = await rpc(standby, 'config.apply', { yaml: workspaceFile(w) });
    expect(applied, JSON.stringify(applied.error)).toMatchObject({ ok: true });
    note('workspace applied');
    const initial = await call<{ run: RunView }>(holder, 'sync.run', {});
    expect(initial.run.status).toBe('ok');
    expect(scimUsers(w)).toHaveLength(INITIAL_PEOPLE);

    // --- two minutes of directory changes ---------------------------------------------------------------------
    const ids = new Map<string, string>(w.people.map((id, i) => [`user${i}@example.com`, id]));
    const leaves = new Map<string, number>();
    const rehires = new Map<string, number>();
    const bump = (m: Map<string, number>, login: string): void => void m.set(login, (m.get(login) ?? 0) + 1);
    const id = (login: string): string => ids.get(login)!;
    const join = (login: string, engineer = false): void => {
      const u = okta.addUser({
        login,
        email: login,
        firstName: 'New',
        lastName: login.split('@')[0]!,
      });
      ids.set(login, u.id);
      okta.addMember(group('Everyone'), u.id);
      if (engineer) okta.addMember(group('Engineering'), u.id);
    };
    const leave = (login: string): void => {
      okta.setStatus(id(login), 'DEPROVISIONED');
      bump(leaves, login);
    };
    const rehire = (login: string): void => {
      okta.setStatus(id(login), 'ACTIVE');
      bump(rehires, login);
    };
    const toEng = (login: string): void => okta.addMember(group('Engineering'), id(login));
    const fromEng = (login: string): void => okta.removeMember(group('Engineering'), id(login));
    const standbyRuns: string[] = [];
    /** A manual run through the standby: it runs, or is refused because a scheduled run holds the run lock. */
    const manualOnStandby = async (): Promise<void> => {
      const r = await rpc<{ run: RunView }>(standby, 'sync.now', {}, 60_000);
      note(`manual run through the standby: ${JSON.stringify(r.ok ? r.value!.run.status : r.error)}`);
      if (r.ok) standbyRuns.push(r.value!.run.status);
      else {
        expect(r.error?.code).toBe('conflict');
        standbyRuns.push('refused: another replica was running');
      }
    };

    const before: (() => void | Promise<void>)[] = [
      () => join('joiner1@example.com'),
      () => leave('user1@example.com'),
      () => toEng('user2@example.com'),
      () => join('joiner2@example.com', true),
      () => leave('user4@example.com'),
      () => fromEng('user3@example.com'),
      () => join('joiner3@example.com'),
      () => rehire('user1@example.com'),
      () => leave('joiner1@example.com'),
      () => toEng('user5@example.com'),
      () => join('joiner4@example.com'),
      () => leave('user7@example.com'),
      async () => {
        toEng('user8@example.com');
        await manualOnStandby();
      },
      () => join('joiner5@example.com'),
    ];
    const after: (() => void | Promise<void>)[] = [
      () => rehire('user4@example.com'),
      () => join('joiner6@example.com'),
      () => fromEng('user2@example.com'),
      () => leave('user11@example.com'),
      () => rehire('joiner1@example.com'),
      () => join('joiner7@example.com'),
      async () => {
        leave('user2@example.com');
        await manualOnStandby();
      },
      () => toEng('joiner7@example.com'),
      () => leave('user1@example.com'),
      () => join('joiner8@example.com'),
      () => rehire('user7@example.com'),
      () => fromEng('user6@example.com'),
      () => leave('user13@example.com'),
      () => join('joiner9@example.com'),
      () => toEng('user14@example.com'),
    ];
    expect(before).toHaveLength(KILL_AFTER);
    note('initial run done');
    const started = Date.now();
    for (const [i, change] of before.entries()) {
      note(`change ${i + 1}`);
      await change();
      await sleep(STEP_MS);
    }

    // --- the kill: a scheduled run in flight against a slow app, its ops journaled ----------------------------
    note(`change ${KILL_AFTER + 1}: a burst of ${BURST} joiners against a slow app`);
    w.scim.set({ slowMs: SLOW_MS, slowPath: /\/Users$/ });
    const burst = Array.from({ length: BURST }, (_, k) => `burst${k + 1}@example.com`);
    for (const [k, login] of burst.entries()) join(login, k % 2 === 0);
    const creates = (): number =>
      w.scim.requests.filter(
        (r) =>
          r.method === 'POST' &&
          r.path === '/Users' &&
          // The body is recorded once the (slowed) request is answered.
          burst.includes(String((r.body as { userName?: string } | undefined)?.userName)),
      ).length;
    let inFlight: { id: number; done: number; open: number } | undefined;
    await until('a scheduled run with some burst creates done and more journaled', 90_000, async () => {
      const rows = await reader.query<{ id: string; done: string; open: string }>(
        `SELECT r.id, COUNT(*) FILTER (WHERE o.status = 'done') AS done,
                COUNT(*) FILTER (WHERE o.${OPEN}) AS open
           FROM runs r JOIN plan_ops o ON o.run_id = r.id
          WHERE r.status = 'running' AND r.trigger = 'schedule' AND o.kind = 'create'
          GROUP BY r.id`,
      );
      const r = rows[0];
      inFlight = r && { id: Number(r.id), done: Number(r.done), open: Number(r.open) };
      return !!inFlight && inFlight.done >= 2 && inFlight.open >= 2 && creates() >= 2;
    });
    expect(await runsScheduler(holder)).toBe(true);
    const killedRun = inFlight!.id;
    const killedAt = Date.now();
    const requestsAtKill = w.scim.requests.length;
    note(`SIGKILL the scheduler holder during run ${killedRun} (${JSON.stringify(inFlight)})`);
    holder.proc.child.kill('SIGKILL');
    expect(await holder.proc.exited).toBe('SIGKILL');
    const survivor = standby;
    const createsAtKill = creates();
    // What the dead process left journaled: its run's ops not yet done (planned, or running mid-request).
    const leftOpen = (await reader.ops()).filter(
      (o) => o.run_id === killedRun && ['planned', 'approved', 'running'].includes(o.status),
    );
    note(`left open by the dead process: ${JSON.stringify(leftOpen.map((o) => [o.id, o.kind, o.status]))}`);
    expect(leftOpen.length).toBeGreaterThanOrEqual(1);
    expect((await reader.runs()).find((r) => r.id === killedRun)?.status).toBe('running');

    // The survivor takes the scheduler over within the bound (measured from the kill, by its own log line).
    const bound = takeoverBoundMs(DEFAULT_HEARTBEAT_MS, DEFAULT_SCHEDULER_RETRY_MS);
    const margin = 2_000;
    const tookOver = () => survivor.lines().find((l) => l.msg.startsWith('took over the scheduler'));
    await eventually('the standby to take the scheduler over', bound + margin + 5_000, () => !!tookOver());
    const takeoverMs = Date.parse(tookOver()!.time) - killedAt;
    note(`took over ${takeoverMs} ms after the kill`);
    expect(takeoverMs).toBeLessThanOrEqual(bound + margin);
    expect(await runsScheduler(survivor)).toBe(true);
    holder = survivor;
    standby = survivor; // the only replica left serves the manual runs too
    // Requests the dead process had sent are held SLOW_MS from their arrival; the survivor's first read of the app
    // arrives later and is held as long, so it sees them answered. Then the app is fast again.
    await until('the survivor to read the app', 30_000, async () =>
      w.scim.requests.slice(requestsAtKill).some((r) => r.method === 'GET' && r.path === '/Users'),
    );
    w.scim.set({ slowMs: 0 });

    for (const [i, change] of after.entries()) {
      note(`change ${KILL_AFTER + 2 + i}`);
      await change();
      await sleep(STEP_MS);
    }
    const changesMs = Date.now() - started;
    const lastChangeAt = new Date(Date.now() - STEP_MS).toISOString();

    note('changes done');
    // --- settle: a run that started after the last change has finished, and nothing is open -----------------
    await until('a finished run after the last change, with no open op', 90_000, async () => {
      const runs = await call<RunView[]>(survivor, 'runs.list', { limit: 200 });
      const open = await reader.query<{ n: string }>(`SELECT COUNT(*) AS n FROM plan_ops WHERE ${OPEN}`);
      return (
        runs.some((r) => r.startedAt > lastChangeAt && r.status !== 'running') &&
        runs.every((r) => r.status !== 'running') &&
        Number(open[0]!.n) === 0
      );
    });

    note('settled');
    // --- the killed run: interrupted, its ops finished by the survivor ---------------------------------------
    const runs = await call<RunView[]>(survivor, 'runs.list', { limit: 200 });
    const killed = runs.find((r) => r.id === killedRun)!;
    expect(killed).toMatchObject({ status: 'interrupted', trigger: 'schedule' });
    expect(killed.error).toContain('the process running it stopped before it finished');
    expect(runs.filter((r) => r.status === 'interrupted').map((r) => r.id)).toEqual([killedRun]);
    expect(runs.filter((r) => r.status === 'failed')).toEqual([]);
    expect(runs.some((r) => r.id > killedRun && r.trigger === 'schedule' && r.status === 'ok')).toBe(true);

    // --- the app: exactly what the directory calls for, each account once ------------------------------------
    const users = scimUsers(w);
    const everyone = okta.members.get(group('Everyone'))!;
    const engineers = okta.members.get(group('Engineering'))!;
    const expected = [...okta.users.values()].filter((u) => everyone.has(u.id));
    expect(new Set(users.map((u) => u.userName.toLowerCase())).size).toBe(users.length);
    expect(users.map((u) => u.userName.toLowerCase()).sort()).toEqual(
      expected.map((u) => String(u.profile.login).toLowerCase()).sort(),
    );
    for (const person of expected) {
      const u = users.find((x) => x.userName.toLowerCase() === String(person.profile.login).toLowerCase())!;
      const active = person.status === 'ACTIVE';
      expect({ who: u.userName, externalId: u.externalId, active: u.active !== false }).toEqual({
        who: u.userName,
        externalId: person.id,
        active,
      });
      if (active)
        expect({ who: u.userName, role: u.roles?.[0]?.value }).toEqual({
          who: u.userName,
          role: engineers.has(person.id) ? 'engineer' : 'member',
        });
    }

    // --- what the app was asked: each person created once, deactivated once per leave, reactivated per rehire -
    const writes = scimWrites(w.scim);
    const problems: string[] = [];
    for (const person of expected) {
      const login = String(person.profile.login).toLowerCase();
      const mine = writes.get(login) ?? [];
      const n = (k: string) => mine.filter((x) => x === k).length;
      const want = { create: 1, deactivate: leaves.get(login) ?? 0, reactivate: rehires.get(login) ?? 0 };
      const got = { create: n('create'), deactivate: n('deactivate'), reactivate: n('reactivate') };
      if (JSON.stringify(got) !== JSON.stringify(want))
        problems.push(`${login}: sent ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
    expect(problems).toEqual([]);
    expect([...writes.keys()].filter((k) => k.startsWith('id:'))).toEqual([]);
    // The burst: the killed run had created some; the survivor created the rest, none twice.
    expect(createsAtKill).toBeGreaterThanOrEqual(2);
    expect(creates()).toBe(BURST);

    // --- journal and ledger: every done op has exactly one op.applied; nothing open, held or failed ----------
    const ops = await reader.ops();
    expect(ops.filter((o) => !['done', 'superseded'].includes(o.status))).toEqual([]);
    const exported = await call<AuditExportText>(survivor, 'audit.export', { format: 'json', limit: 10_000 });
    expect(exported.truncated).toBe(false);
    const events = JSON.parse(exported.text) as AuditEvent[];
    const opOf = (e: AuditEvent): number | undefined => {
      const pick = (v: unknown) => (v && typeof v === 'object' ? (v as { op?: unknown }).op : undefined);
      const op = pick(e.before) ?? pick(e.after);
      return typeof op === 'number' ? op : undefined;
    };
    const appliedPerOp = new Map<number, number>();
    for (const e of events)
      if (e.action === 'op.applied') {
        const op = opOf(e);
        expect(op, JSON.stringify(e)).toBeTypeOf('number');
        appliedPerOp.set(op!, (appliedPerOp.get(op!) ?? 0) + 1);
      }
    const done = ops.filter((o) => o.status === 'done' && o.kind !== 'idp-suspend');
    expect(done.length).toBeGreaterThan(INITIAL_PEOPLE);
    expect(
      done.filter((o) => appliedPerOp.get(o.id) !== 1).map((o) => [o.id, o.kind, appliedPerOp.get(o.id)]),
    ).toEqual([]);
    const doneIds = new Set(done.map((o) => o.id));
    expect([...appliedPerOp.keys()].filter((op) => !doneIds.has(op))).toEqual([]);
    // The creates of the killed run: each applied once, some by the dead process, the rest after the takeover.
    const burstOps = ops.filter((o) => o.kind === 'create' && burst.some((b) => ids.get(b) === o.person_id));
    expect(burstOps).toHaveLength(BURST);
    expect(burstOps.filter((o) => o.status !== 'done')).toEqual([]);
    // The ops the dead process left open were finished after the takeover, by the survivor's runs: each op.applied
    // of theirs names a later run (executed then, or confirmed by re-reading the app when the request had gone
    // through); those it finished itself name the killed run.
    const appliedRun = new Map(
      events.filter((e) => e.action === 'op.applied').map((e) => [opOf(e)!, e.run ?? 0] as const),
    );
    for (const o of leftOpen)
      expect({ op: o.id, run: appliedRun.get(o.id)! > killedRun }).toEqual({ op: o.id, run: true });
    const finishedBeforeKill = burstOps.filter((o) => !leftOpen.some((l) => l.id === o.id));
    expect(finishedBeforeKill.length).toBeGreaterThanOrEqual(2);
    for (const o of finishedBeforeKill) expect(appliedRun.get(o.id)).toBe(killedRun);

    // --- the ledger verifies, its sequence without gaps --------------------------------------------------------
    const verified = await call<AuditVerifyResult>(survivor, 'audit.verify', {});
    expect(verified).toMatchObject({ ok: true, count: events.length });
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(events.map((_, i) => i + 1));

    console.info(
      `two replicas: changes over ${Math.round(changesMs / 1000)} s, takeover ${takeoverMs} ms after the kill ` +
        `(bound ${bound} ms), ${ops.length} ops journaled, ${events.length} ledger events, ${runs.length} runs; ` +
        `manual runs through the standby: ${standbyRuns.join(', ')}; the ops left open by the kill ended: ` +
        JSON.stringify(
          leftOpen.map((o) => [
            o.status,
            events.find((e) => e.action === 'op.applied' && opOf(e) === o.id)?.result,
          ]),
        ),
    );
    await reader.close();
  }, 300_000);
});
