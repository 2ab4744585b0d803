// The journal and the gate's journaling step (reconcile) on a real SQLite file and the real audit ledger, without
// any app: every op is written before a request, an open op is found again by its key (held stays held, approved
// runs, a kill-switch step waits out its backoff), an op left running by a crash is done only when the re-read
// app shows it, what the fresh plan no longer names is resolved with the reason, and each of these is in the
// ledger. The journal's own queries (the rolling window, what Lanyard created, when it deactivated) are the
// numbers the guardrails and deprovision modes decide with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStoreLedger } from '../../../electron/audit/store-ledger';
import type { StoredAccount } from '../../../electron/store/accounts-repo';
import { closeDatabase, openDatabase, type Db } from '../../../electron/store/database';
import { createSqliteStore } from '../../../electron/store/store';
import { createJournal, opView, type NewOp } from '../../../electron/sync/engine/journal';
import { reconcile, SUPERSEDED_STALE, type ReconcileArgs } from '../../../electron/sync/engine/reconcile';
import { createRunsRepo } from '../../../electron/sync/engine/runs-repo';
import { makeOp } from '../../../electron/sync/ops';
import type { OpPayload, PlanOp } from '../../../electron/sync/types';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const dbs: { db: Db; dir: string }[] = [];
afterEach(() => {
  for (const { db, dir } of dbs.splice(0)) {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A data dir with a journal, the ledger and a clock the test moves. */
const world = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-journal-'));
  const db = openDatabase(dir);
  dbs.push({ db, dir });
  let t = T0;
  const clock = { now: () => new Date(t) };
  const now = (): string => clock.now().toISOString();
  const store = createSqliteStore(db);
  const journal = createJournal(store, now);
  const audit = await openStoreLedger(store, clock);
  const runs = createRunsRepo(store);
  const run = (): Promise<number> => runs.start('manual', 'test', now());
  const events = async (action?: string) =>
    (await audit.list(action ? { action: action as never } : {}, { limit: 500 })).events.reverse();
  return {
    store,
    journal,
    audit,
    run,
    now,
    events,
    advance: (ms: number) => {
      t += ms;
    },
  };
};
type World = Awaited<ReturnType<typeof world>>;

const deactivate = (remoteId: string, personId = `p-${remoteId}`): PlanOp =>
  makeOp({
    appId: 'acme',
    personId,
    target: `${remoteId}@acme.io`,
    reason: `deactivate ${remoteId}@acme.io in Acme: suspended in the directory`,
    payload: { kind: 'deactivate', remoteId, userName: `${remoteId}@acme.io`, deleteAfterDays: null },
    keyParts: [remoteId],
  });
const create = (name: string): PlanOp =>
  makeOp({
    appId: 'acme',
    personId: `p-${name}`,
    target: `${name}@acme.io`,
    reason: `create ${name}@acme.io in Acme: in Everyone`,
    payload: { kind: 'create', spec: { userName: `${name}@acme.io`, active: true } as never },
    keyParts: [name],
  });
const held = (op: PlanOp, why = 'held: Acme requires review'): PlanOp => ({
  ...op,
  status: 'held',
  heldReason: why,
});
const asNew = (op: PlanOp, runId: number, over: Partial<NewOp> = {}): NewOp => ({
  runId,
  appId: op.appId,
  personId: op.personId,
  kind: op.kind,
  target: op.target,
  status: op.status === 'held' ? 'held' : 'planned',
  reason: op.reason,
  heldReason: op.heldReason,
  payload: op.payload,
  key: op.key,
  source: 'sync',
  destructive: op.destructive,
  weight: op.destructive ? 1 : 0,
  ...over,
});
const account = (remoteId: string, over: Partial<StoredAccount> = {}): StoredAccount =>
  ({
    appId: 'acme',
    remoteId,
    userName: `${remoteId}@acme.io`,
    active: true,
    role: null,
    groups: [],
    personId: `p-${remoteId}`,
    seenAt: new Date(T0).toISOString(),
    ...over,
  }) as StoredAccount;

const recon = (w: World, over: Partial<ReconcileArgs> & { runId: number }) =>
  reconcile({
    store: w.store,
    journal: w.journal,
    audit: w.audit,
    actor: 'scheduler',
    ops: [],
    source: 'sync',
    appIds: [],
    readState: async () => ({ accounts: null, personStatus: null }),
    now: w.now(),
    ...over,
  });
const ids = (m: Map<string, { id: number }[]>, app = 'acme') => (m.get(app) ?? []).map((o) => o.id);

describe('the journal', () => {
  it('keeps every field of an op as written, and finds it by key only while it is open', async () => {
    const w = await world();
    const runId = await w.run();
    const op = held(deactivate('r1'));
    const row = await w.journal.insert(asNew(op, runId, { caseId: null, source: 'approval' }));
    expect(row).toMatchObject({
      runId,
      appId: 'acme',
      personId: 'p-r1',
      kind: 'deactivate',
      target: 'r1@acme.io',
      status: 'held',
      reason: op.reason,
      heldReason: 'held: Acme requires review',
      error: null,
      attempts: 0,
      createdAt: w.now(),
      updatedAt: w.now(),
      doneAt: null,
      source: 'approval',
      destructive: true,
      weight: 1,
      caseId: null,
      startedAt: null,
      nextAttemptAt: null,
      key: op.key,
      payload: op.payload,
      result: null,
    });
    // The public view leaves out what may be large or internal.
    expect(Object.keys(opView(row)).sort()).toEqual(
      [
        'id',
        'runId',
        'appId',
        'personId',
        'kind',
        'target',
        'status',
        'reason',
        'heldReason',
        'error',
        'attempts',
        'createdAt',
        'updatedAt',
        'doneAt',
        'source',
        'destructive',
      ].sort(),
    );
    expect((await w.journal.openByKey(op.key))?.id).toBe(row.id);
    expect((await w.journal.held()).map((o) => o.id)).toEqual([row.id]);
    expect(await w.journal.heldCount()).toBe(1);
    w.advance(1000);
    await w.journal.finish(row.id, 'skipped', undefined, 'skipped by ana: not now');
    expect(await w.journal.openByKey(op.key)).toBeNull();
    expect(await w.journal.heldCount()).toBe(0);
    expect(await w.journal.get(row.id)).toMatchObject({ status: 'skipped', result: null, doneAt: null });
    expect(await w.journal.get(9999)).toBeNull();
    // The latest row with a key, open or not.
    expect((await w.journal.latestByKey(op.key))?.id).toBe(row.id);
    expect(await w.journal.latestByKey('no-such-key')).toBeNull();
  });

  it('counts a start as an attempt, stamps when the first request went out, and records the outcome', async () => {
    const w = await world();
    const runId = await w.run();
    const row = await w.journal.insert(asNew(deactivate('r1'), runId));
    const later = await w.run();
    w.advance(60_000);
    await w.journal.start(row.id, later);
    const started = (await w.journal.get(row.id))!;
    expect(started).toMatchObject({ status: 'running', attempts: 1, runId: later, startedAt: w.now() });
    w.advance(5_000);
    await w.journal.finish(row.id, 'done', { remoteId: 'r1' }, null);
    expect(await w.journal.get(row.id)).toMatchObject({
      status: 'done',
      result: { remoteId: 'r1' },
      error: null,
      doneAt: w.now(),
      updatedAt: w.now(),
    });
    // A failure has no done time.
    const other = await w.journal.insert(asNew(deactivate('r2'), runId));
    await w.journal.start(other.id, runId);
    await w.journal.finish(other.id, 'failed', null, 'Acme: 500');
    expect(await w.journal.get(other.id)).toMatchObject({
      status: 'failed',
      doneAt: null,
      error: 'Acme: 500',
    });
    expect(await w.journal.failures(other.key)).toBe(1);
    expect(await w.journal.failures(row.key)).toBe(0);
  });

  it('sends a failed kill-switch step back to planned with its retry time and the error', async () => {
    const w = await world();
    const runId = await w.run();
    const row = await w.journal.insert(asNew(deactivate('r1'), runId));
    await w.journal.start(row.id, runId);
    w.advance(1_000);
    await w.journal.retryLater(row.id, 'attempt 1 failed', '2026-12-01T09:01:01.000Z');
    expect(await w.journal.get(row.id)).toMatchObject({
      status: 'planned',
      error: 'attempt 1 failed',
      nextAttemptAt: '2026-12-01T09:01:01.000Z',
      updatedAt: w.now(),
      attempts: 1,
    });
    // The next start clears the retry time.
    await w.journal.start(row.id, runId);
    expect(await w.journal.get(row.id)).toMatchObject({
      status: 'running',
      attempts: 2,
      nextAttemptAt: null,
    });
  });

  it('changes status keeping the held reason and run unless new ones are given', async () => {
    const w = await world();
    const runId = await w.run();
    const row = await w.journal.insert(asNew(held(deactivate('r1')), runId));
    const later = await w.run();
    await w.journal.setStatus(row.id, 'approved');
    expect(await w.journal.get(row.id)).toMatchObject({
      status: 'approved',
      heldReason: 'held: Acme requires review',
      runId,
      error: null,
    });
    await w.journal.setStatus(row.id, 'held', { heldReason: 'held: quarantined', runId: later, error: 'x' });
    expect(await w.journal.get(row.id)).toMatchObject({
      status: 'held',
      heldReason: 'held: quarantined',
      runId: later,
      error: 'x',
    });
  });

  it('lists an app’s open ops and an open kind in order, and a run’s ops', async () => {
    const w = await world();
    const r1 = await w.run();
    const a = await w.journal.insert(asNew(deactivate('r1'), r1));
    const b = await w.journal.insert(asNew(create('bo'), r1));
    expect([a.destructive, b.destructive]).toEqual([true, false]);
    const other = await w.journal.insert(asNew({ ...deactivate('r3'), appId: 'slack' }, r1));
    const done = await w.journal.insert(asNew(deactivate('r4'), r1));
    await w.journal.finish(done.id, 'done', {}, null);
    expect((await w.journal.openForApp('acme')).map((o) => o.id)).toEqual([a.id, b.id]);
    expect((await w.journal.openOfKind('deactivate')).map((o) => o.id)).toEqual([a.id, other.id]);
    expect((await w.journal.ofRun(r1)).map((o) => o.id)).toEqual([a.id, b.id, other.id, done.id]);
    expect(await w.journal.ofRun(r1 + 1)).toEqual([]);
  });

  it('sums the destructive weight started in the window, per app and in total', async () => {
    const w = await world();
    const runId = await w.run();
    const start = async (op: PlanOp, weight: number) => {
      const row = await w.journal.insert(asNew(op, runId, { weight }));
      await w.journal.start(row.id, runId);
      return row;
    };
    await start(deactivate('old'), 1);
    w.advance(60_000);
    const since = w.now();
    await start(deactivate('r1'), 1);
    await start({ ...deactivate('r2'), appId: 'slack' }, 3);
    await start(create('bo'), 0);
    // Weight 0 (an explicit offboard) and ops never started do not count.
    await w.journal.insert(asNew(deactivate('r5'), runId, { weight: 1 }));
    expect(await w.journal.windowUse(since)).toEqual({ total: 4, perApp: { acme: 1, slack: 3 } });
    expect(await w.journal.windowUse(new Date(T0).toISOString())).toEqual({
      total: 5,
      perApp: { acme: 2, slack: 3 },
    });
    expect(await w.journal.windowUse('2027-01-01T00:00:00.000Z')).toEqual({ total: 0, perApp: {} });
  });

  it('knows which accounts Lanyard created itself (not adopted), and when it last deactivated one', async () => {
    const w = await world();
    const runId = await w.run();
    const made = await w.journal.insert(asNew(create('bo'), runId));
    await w.journal.finish(made.id, 'done', { remoteId: 'r-bo' }, null);
    const adopted = await w.journal.insert(asNew(create('cy'), runId));
    await w.journal.finish(adopted.id, 'done', { remoteId: 'r-cy', adopted: true }, null);
    const failed = await w.journal.insert(asNew(create('di'), runId));
    await w.journal.finish(failed.id, 'failed', { remoteId: 'r-di' }, 'x');
    expect(await w.journal.createdByLanyard('acme', 'r-bo')).toBe(true);
    expect(await w.journal.createdByLanyard('slack', 'r-bo')).toBe(false);
    expect(await w.journal.createdByLanyard('acme', 'r-cy')).toBe(false);
    expect(await w.journal.createdByLanyard('acme', 'r-di')).toBe(false);

    expect(await w.journal.deactivatedAt('acme', 'r1')).toBeNull();
    const first = await w.journal.insert(asNew(deactivate('r1'), runId));
    await w.journal.finish(first.id, 'done', {}, null);
    const firstAt = w.now();
    w.advance(86_400_000);
    const second = await w.journal.insert(asNew(deactivate('r1'), runId));
    await w.journal.finish(second.id, 'done', {}, null);
    expect(await w.journal.deactivatedAt('acme', 'r1')).toBe(w.now());
    expect(await w.journal.deactivatedAt('acme', 'r1')).not.toBe(firstAt);
    expect(await w.journal.deactivatedAt('slack', 'r1')).toBeNull();
  });

  it('says a manual task was issued once one with its key is done', async () => {
    const w = await world();
    const runId = await w.run();
    const row = await w.journal.insert(asNew(create('bo'), runId));
    expect(await w.journal.issued(row.key)).toBe(false);
    await w.journal.finish(row.id, 'done', {}, null);
    expect(await w.journal.issued(row.key)).toBe(true);
  });
});

describe('the gate’s journaling step', () => {
  it('inserts a batch in one go: planned ops to execute, held ones audited at once, a key only once', async () => {
    const w = await world();
    const runId = await w.run();
    const a = deactivate('r1');
    const b = held(deactivate('r2'), 'held: 2 destructive changes exceed the limit of 1 per run');
    const c = create('bo');
    const r = await recon(w, { runId, ops: [a, b, c, a], caseOf: (op) => (op.key === a.key ? 7 : null) });
    expect(r.inserted).toBe(3);
    expect(r.newlyHeld).toBe(1);
    expect(r.resolved).toBe(0);
    const rows = await w.journal.ofRun(runId);
    expect(rows.map((o) => [o.target, o.status, o.weight, o.caseId, o.source])).toEqual([
      ['r1@acme.io', 'planned', 1, 7, 'sync'],
      ['r2@acme.io', 'held', 1, null, 'sync'],
      ['bo@acme.io', 'planned', 0, null, 'sync'],
    ]);
    expect(ids(r.execute)).toEqual([rows[0]!.id, rows[2]!.id]);
    expect(r.held.map((o) => o.id)).toEqual([rows[1]!.id]);
    const audit = await w.events('op.held');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'scheduler',
      app: 'acme',
      person: 'p-r2',
      run: runId,
      case: null,
      after: { op: rows[1]!.id, kind: 'deactivate', target: 'r2@acme.io', reason: b.reason, source: 'sync' },
      result: 'held: 2 destructive changes exceed the limit of 1 per run',
    });
  });

  it('journals an explicit offboard with no weight against the bulk limits, and its case', async () => {
    const w = await world();
    const runId = await w.run();
    await recon(w, {
      runId,
      ops: [deactivate('r1'), held(deactivate('r2'))],
      source: 'explicit-offboard',
      caseOf: () => 3,
    });
    const rows = await w.journal.ofRun(runId);
    expect(rows.map((o) => [o.weight, o.caseId, o.source])).toEqual([
      [0, 3, 'explicit-offboard'],
      [0, 3, 'explicit-offboard'],
    ]);
    expect((await w.events('op.held'))[0]).toMatchObject({ case: 3, result: 'held: Acme requires review' });
  });

  it('keeps a held op held (only an admin ends it) and executes an approved one, without new rows', async () => {
    const w = await world();
    const r1 = await w.run();
    const h = deactivate('r1');
    const ap = deactivate('r2');
    const hRow = await w.journal.insert(asNew(held(h), r1));
    const apRow = await w.journal.insert(asNew(held(ap), r1));
    await w.journal.setStatus(apRow.id, 'approved');
    const r2 = await w.run();
    const r = await recon(w, { runId: r2, ops: [h, ap] });
    expect(r.inserted).toBe(0);
    expect(r.newlyHeld).toBe(0);
    expect(r.held.map((o) => o.id)).toEqual([hRow.id]);
    expect(ids(r.execute)).toEqual([apRow.id]);
    expect((await w.journal.get(hRow.id))!.status).toBe('held');
    expect(await w.events('op.held')).toEqual([]);
  });

  it('executes an approved op even when the guard would hold it now (the approval was the review)', async () => {
    const w = await world();
    const r1 = await w.run();
    const op = deactivate('r1');
    const row = await w.journal.insert(asNew(held(op), r1));
    await w.journal.setStatus(row.id, 'approved');
    const r = await recon(w, { runId: await w.run(), ops: [held(op, 'held: over the window')] });
    expect(ids(r.execute)).toEqual([row.id]);
    expect(r.newlyHeld).toBe(0);
    expect((await w.journal.get(row.id))!.status).toBe('approved');
    expect(await w.events('op.held')).toEqual([]);
  });

  it('holds an open planned op the guard now holds, with the new reason, audited', async () => {
    const w = await world();
    const r1 = await w.run();
    const op = deactivate('r1');
    const row = await w.journal.insert(asNew(op, r1));
    const r2 = await w.run();
    const r = await recon(w, { runId: r2, ops: [held(op, 'held: over the window')] });
    expect(r.newlyHeld).toBe(1);
    expect(r.execute.size).toBe(0);
    expect(await w.journal.get(row.id)).toMatchObject({
      status: 'held',
      heldReason: 'held: over the window',
      runId: r2,
    });
    expect(r.held.map((o) => [o.id, o.status])).toEqual([[row.id, 'held']]);
    expect(await w.events('op.held')).toMatchObject([{ run: r2, result: 'held: over the window' }]);
  });

  it('lets an open planned op wait until its retry time, then executes it', async () => {
    const w = await world();
    const r1 = await w.run();
    const op = deactivate('r1');
    const row = await w.journal.insert(asNew(op, r1));
    await w.journal.start(row.id, r1);
    await w.journal.retryLater(row.id, 'attempt 1 failed', new Date(T0 + 60_000).toISOString());
    expect((await recon(w, { runId: await w.run(), ops: [op] })).execute.size).toBe(0);
    w.advance(59_999);
    expect((await recon(w, { runId: await w.run(), ops: [op] })).execute.size).toBe(0);
    w.advance(1);
    expect(ids((await recon(w, { runId: await w.run(), ops: [op] })).execute)).toEqual([row.id]);
  });

  it('does not issue a manual task twice while it waits for an admin', async () => {
    const w = await world();
    const r1 = await w.run();
    const task = makeOp({
      appId: 'badge',
      personId: 'p1',
      target: 'ana@acme.io',
      reason: 'give ana a badge',
      payload: {
        kind: 'manual-task',
        action: 'created',
        task: {
          appId: 'badge',
          action: 'created',
          title: 'Badge',
          instructions: '',
          target: null,
          assignee: null,
        },
        remoteId: null,
        spec: null,
        role: null,
      },
      keyParts: ['ana'],
    });
    const first = await recon(w, { runId: r1, ops: [task] });
    expect(first.inserted).toBe(1);
    await w.journal.finish(ids(first.execute, 'badge')[0]!, 'done', { task: {} }, null);
    const again = await recon(w, { runId: await w.run(), ops: [task] });
    expect(again.inserted).toBe(0);
    expect(again.execute.size).toBe(0);
    // Another op with a key that is done is planned again (the situation recurred).
    const dep = deactivate('r1');
    const d = await w.journal.insert(asNew(dep, r1));
    await w.journal.finish(d.id, 'done', {}, null);
    expect((await recon(w, { runId: await w.run(), ops: [dep] })).inserted).toBe(1);
  });

  it('finishes an op left running by a crash only when the re-read app shows it, and retries it otherwise', async () => {
    const w = await world();
    const r1 = await w.run();
    const shown = deactivate('r1');
    const notShown = deactivate('r2');
    const unknown = deactivate('r3');
    const rows = [];
    for (const op of [shown, notShown, unknown]) {
      const row = await w.journal.insert(asNew(op, r1, { caseId: null }));
      await w.journal.start(row.id, r1);
      rows.push(row);
    }
    const r2 = await w.run();
    const r = await recon(w, {
      runId: r2,
      ops: [shown, notShown, unknown],
      appIds: ['acme'],
      readState: async (op) =>
        op.target === 'r3@acme.io'
          ? { accounts: null, personStatus: null }
          : { accounts: [account('r1', { active: false }), account('r2')], personStatus: null },
    });
    expect(r.resolved).toBe(1);
    expect(await w.journal.get(rows[0]!.id)).toMatchObject({ status: 'done', result: { recovered: true } });
    expect(ids(r.execute)).toEqual([rows[1]!.id, rows[2]!.id]);
    expect(await w.events('op.applied')).toMatchObject([
      {
        app: 'acme',
        person: 'p-r1',
        run: r2,
        after: { op: rows[0]!.id, kind: 'deactivate', target: 'r1@acme.io' },
        result: 'ok (confirmed by re-reading after an interrupted run: the change had gone through)',
      },
    ]);
  });

  it('records a kill-switch suspend recovered after a crash as the suspend it was, with its case', async () => {
    const w = await world();
    const r1 = await w.run();
    const suspend = makeOp({
      appId: '_idp',
      personId: 'p1',
      target: 'ana@acme.io',
      reason: 'suspend ana',
      payload: { kind: 'idp-suspend' },
      keyParts: [4],
    });
    const row = await w.journal.insert(asNew(suspend, r1, { caseId: 4 }));
    await w.journal.start(row.id, r1);
    const r = await recon(w, {
      runId: await w.run(),
      ops: [suspend],
      readState: async () => ({ accounts: null, personStatus: 'suspended' }),
    });
    expect(r.resolved).toBe(1);
    expect(await w.events()).toMatchObject([
      {
        action: 'offboarding.idp.suspend',
        case: 4,
        person: 'p1',
        result: expect.stringMatching(/^ok \(confirmed/),
      },
    ]);
  });

  it('resolves open ops of a fully read app that the fresh plan no longer names', async () => {
    const w = await world();
    const r1 = await w.run();
    const still = deactivate('r0');
    const gone = {
      held: await w.journal.insert(asNew(held(deactivate('r1')), r1, { caseId: 5 })),
      planned: await w.journal.insert(asNew(deactivate('r2'), r1)),
      approved: await w.journal.insert(asNew(deactivate('r3'), r1)),
      runningShown: await w.journal.insert(asNew(deactivate('r4'), r1)),
      runningNot: await w.journal.insert(asNew(deactivate('r5'), r1)),
    };
    await w.journal.setStatus(gone.approved.id, 'approved');
    await w.journal.start(gone.runningShown.id, r1);
    await w.journal.start(gone.runningNot.id, r1);
    // Another app's open op is not this run's to resolve.
    const slack = await w.journal.insert(asNew({ ...deactivate('r9'), appId: 'slack' }, r1));
    const r2 = await w.run();
    const r = await recon(w, {
      runId: r2,
      ops: [still],
      appIds: ['acme'],
      readState: async () => ({
        accounts: [account('r4', { active: false }), account('r5')],
        personStatus: null,
      }),
    });
    expect(r.resolved).toBe(5);
    expect(r.inserted).toBe(1);
    const status = async (id: number) => {
      const o = (await w.journal.get(id))!;
      return [o.status, o.error];
    };
    expect(SUPERSEDED_STALE).toBe(
      'superseded: the current directory and app state no longer call for it (re-planned before executing)',
    );
    expect(await status(gone.held.id)).toEqual(['superseded', SUPERSEDED_STALE]);
    expect(await status(gone.planned.id)).toEqual(['superseded', SUPERSEDED_STALE]);
    expect(await status(gone.approved.id)).toEqual(['superseded', SUPERSEDED_STALE]);
    expect(await w.journal.get(gone.runningShown.id)).toMatchObject({
      status: 'done',
      result: { recovered: true },
    });
    expect(await status(gone.runningNot.id)).toEqual([
      'failed',
      'interrupted: the run stopped during this request, and the re-read app does not show the change; the current plan no longer calls for it, so it is not retried',
    ]);
    expect((await w.journal.get(slack.id))!.status).toBe('planned');
    expect(await w.events('op.superseded')).toMatchObject([
      {
        app: 'acme',
        person: 'p-r1',
        run: r2,
        case: 5,
        before: { op: gone.held.id, kind: 'deactivate', target: 'r1@acme.io', status: 'held' },
        result: SUPERSEDED_STALE,
      },
      { before: { op: gone.planned.id, status: 'planned' }, case: null },
      { before: { op: gone.approved.id, status: 'approved' } },
    ]);
    expect(await w.events('op.failed')).toMatchObject([
      {
        app: 'acme',
        person: 'p-r5',
        run: r2,
        after: { op: gone.runningNot.id, kind: 'deactivate', target: 'r5@acme.io' },
        result: expect.stringMatching(/^failed: interrupted: the run stopped during this request/),
      },
    ]);
    expect(await w.events('op.applied')).toMatchObject([{ after: { op: gone.runningShown.id } }]);
  });

  it('writes nothing when the batch cannot be journaled whole (one transaction with its ledger events)', async () => {
    const w = await world();
    const r1 = await w.run();
    // The second op cannot be stored (its payload is not JSON): the first, already inserted and audited as held,
    // is rolled back with its ledger event.
    const broken = deactivate('r2');
    const bad = { ...broken, payload: { ...broken.payload, deleteAfterDays: 1n } as unknown as OpPayload };
    await expect(recon(w, { runId: r1, ops: [held(deactivate('r1')), bad] })).rejects.toThrow(/BigInt/);
    expect(await w.journal.ofRun(r1)).toEqual([]);
    expect(await w.events()).toEqual([]);
  });
});
