// The sync engine's store code on both engines: the journal's queries (open ops by key, the rolling window, what
// Lanyard created, when it deactivated — JSON read in code, not with SQLite's json functions), the gate's journaling
// step with its ledger events in one transaction (all or nothing), the runs table and the run history that hides
// empty polls, quarantine, safe start and the record of memberships Lanyard added — the same answers on SQLite
// and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { openStoreLedger } from '../../electron/audit/store-ledger';
import type { Store } from '../../electron/store/store';
import { createJournal, type NewOp } from '../../electron/sync/engine/journal';
import { createMembershipRecords } from '../../electron/sync/engine/membership-record';
import { createQuarantine, QUARANTINE_PREFIX } from '../../electron/sync/engine/quarantine';
import { reconcile } from '../../electron/sync/engine/reconcile';
import { createRunDetail } from '../../electron/sync/engine/run-detail';
import { createRunsRepo } from '../../electron/sync/engine/runs-repo';
import { createSafeStart } from '../../electron/sync/gate/safe-start';
import { makeOp } from '../../electron/sync/ops';
import type { OpPayload, PlanOp } from '../../electron/sync/types';
import type { RunStats } from '../../shared/api/methods-sync';
import { ENGINES, storeFactory } from '../helpers/store-engines';
import { steppingClock } from '../unit/audit/harness';

const T0 = Date.parse('2027-01-01T09:00:00.000Z');

const deactivate = (remoteId: string, appId = 'acme'): PlanOp =>
  makeOp({
    appId,
    personId: `p-${remoteId}`,
    target: `${remoteId}@acme.io`,
    reason: `deactivate ${remoteId}@acme.io: suspended in the directory`,
    payload: { kind: 'deactivate', remoteId, userName: `${remoteId}@acme.io`, deleteAfterDays: null },
    keyParts: [remoteId],
  });
const create = (name: string): PlanOp =>
  makeOp({
    appId: 'acme',
    personId: `p-${name}`,
    target: `${name}@acme.io`,
    reason: `create ${name}@acme.io: in Everyone`,
    payload: { kind: 'create', spec: { userName: `${name}@acme.io`, active: true } as never },
    keyParts: [name],
  });
const group = (kind: 'add-to-group' | 'remove-from-group', groupId: string, n: number): PlanOp =>
  makeOp({
    appId: 'acme',
    personId: null,
    target: groupId,
    reason: `${kind} ${groupId}`,
    payload: { kind, groupId, groupName: groupId, members: [] } as OpPayload,
    keyParts: [kind, groupId, n],
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
const stats = (over: Partial<RunStats> = {}): RunStats => ({
  durationMs: 1,
  opsByKind: {},
  planned: 0,
  applied: 0,
  failed: 0,
  held: 0,
  skipped: 0,
  directory: { mode: 'delta', people: 0, requests: 1, suspicious: false },
  apps: { acme: { status: 'ok', detail: null } as never },
  ...over,
});

describe.each(ENGINES)('the sync engine’s store code on %s', (engine) => {
  const open = storeFactory(engine);

  const world = async (label: string) => {
    const { store } = await open(label);
    let t = T0;
    const now = (): string => new Date(t).toISOString();
    const journal = createJournal(store, now);
    const runs = createRunsRepo(store);
    await store.q().insertInto('apps').values({ id: 'acme', name: 'Acme', kind: 'scim' }).execute();
    return {
      store,
      journal,
      runs,
      now,
      run: () => runs.start('manual', 'test', now()),
      advance: (ms: number) => {
        t += ms;
      },
    };
  };
  const events = async (store: Store) =>
    store.q().selectFrom('audit_events').select(['action', 'run_id', 'after']).orderBy('seq').execute();

  it('writes, finds and changes journal ops, and answers the guardrails’ and deprovision modes’ questions', async () => {
    const w = await world('journal');
    const runId = await w.run();
    const held = await w.journal.insert(
      asNew({ ...deactivate('r1'), status: 'held', heldReason: 'held: review' }, runId, { caseId: 4 }),
    );
    expect(held).toMatchObject({
      runId,
      status: 'held',
      heldReason: 'held: review',
      attempts: 0,
      destructive: true,
      weight: 1,
      caseId: 4,
      createdAt: w.now(),
      payload: deactivate('r1').payload,
      result: null,
    });
    expect((await w.journal.openByKey(held.key))?.id).toBe(held.id);
    expect(await w.journal.heldCount()).toBe(1);
    await w.journal.setStatus(held.id, 'approved');
    expect(await w.journal.get(held.id)).toMatchObject({
      status: 'approved',
      heldReason: 'held: review',
      runId,
    });

    // The rolling window counts weight whose first request went out since then, per app.
    const a = await w.journal.insert(asNew(deactivate('r2'), runId));
    const b = await w.journal.insert(asNew(deactivate('r3', 'slack'), runId, { weight: 3 }));
    w.advance(60_000);
    const since = w.now();
    await w.journal.start(a.id, runId);
    await w.journal.start(b.id, runId);
    expect(await w.journal.windowUse(since)).toEqual({ total: 4, perApp: { acme: 1, slack: 3 } });
    expect(await w.journal.get(a.id)).toMatchObject({ status: 'running', attempts: 1, startedAt: since });
    await w.journal.retryLater(a.id, 'attempt 1 failed', '2027-01-01T10:00:00.000Z');
    expect(await w.journal.get(a.id)).toMatchObject({
      status: 'planned',
      nextAttemptAt: '2027-01-01T10:00:00.000Z',
    });
    await w.journal.finish(b.id, 'failed', null, 'Slack: 500');
    expect(await w.journal.failures(b.key)).toBe(1);
    expect(await w.journal.get(b.id)).toMatchObject({ status: 'failed', doneAt: null });

    // What Lanyard created itself (not adopted), and when it last deactivated an account.
    const made = await w.journal.insert(asNew(create('bo'), runId));
    await w.journal.finish(made.id, 'done', { remoteId: 'r-bo', adopted: false }, null);
    const adopted = await w.journal.insert(asNew(create('cy'), runId));
    await w.journal.finish(adopted.id, 'done', { remoteId: 'r-cy', adopted: true }, null);
    expect(await w.journal.createdByLanyard('acme', 'r-bo')).toBe(true);
    expect(await w.journal.createdByLanyard('acme', 'r-cy')).toBe(false);
    expect(await w.journal.createdByLanyard('acme', 'r-b')).toBe(false);
    expect(await w.journal.issued(made.key)).toBe(true);
    const first = await w.journal.insert(asNew(deactivate('r9'), runId));
    await w.journal.finish(first.id, 'done', {}, null);
    w.advance(86_400_000);
    const second = await w.journal.insert(asNew(deactivate('r9'), runId));
    await w.journal.finish(second.id, 'done', {}, null);
    expect(await w.journal.deactivatedAt('acme', 'r9')).toBe(w.now());
    expect(await w.journal.deactivatedAt('acme', 'r')).toBeNull();

    expect((await w.journal.openForApp('acme')).map((o) => o.id)).toEqual([held.id, a.id]);
    expect((await w.journal.openOfKind('deactivate')).map((o) => o.id)).toEqual([held.id, a.id]);
    expect((await w.journal.ofRun(runId)).map((o) => o.id)).toEqual([
      held.id,
      a.id,
      b.id,
      made.id,
      adopted.id,
      first.id,
      second.id,
    ]);
    expect((await w.journal.latestByKey(deactivate('r9').key))?.id).toBe(second.id);
  });

  it('journals a guarded batch with its ledger events in one transaction, or nothing at all', async () => {
    const w = await world('reconcile');
    const audit = await openStoreLedger(w.store, steppingClock());
    const args = (runId: number, ops: PlanOp[]) => ({
      store: w.store,
      journal: w.journal,
      audit,
      actor: 'scheduler',
      runId,
      ops,
      source: 'sync' as const,
      appIds: ['acme'],
      readState: async () => ({ accounts: null, personStatus: null }),
      now: w.now(),
    });
    const r1 = await w.run();
    const kept = await w.journal.insert(asNew(deactivate('r0'), r1));
    const r = await reconcile(
      args(r1, [
        deactivate('r1'),
        { ...deactivate('r2'), status: 'held', heldReason: 'held: over the limit' },
      ]),
    );
    expect([r.inserted, r.newlyHeld, r.resolved]).toEqual([2, 1, 1]);
    expect((await w.journal.get(kept.id))?.status).toBe('superseded');
    expect((await events(w.store)).map((e) => e.action)).toEqual(['op.held', 'op.superseded']);

    // The second op cannot be stored: the first, inserted and audited as held, is rolled back with its event.
    const r2 = await w.run();
    const broken = deactivate('r4');
    const bad = { ...broken, payload: { ...broken.payload, deleteAfterDays: 1n } as unknown as OpPayload };
    await expect(
      reconcile(args(r2, [{ ...deactivate('r3'), status: 'held', heldReason: 'held' }, bad])),
    ).rejects.toThrow(/BigInt/);
    expect(await w.journal.ofRun(r2)).toEqual([]);
    expect(await events(w.store)).toHaveLength(2);
  });

  it('keeps runs, marks a stale one interrupted, and hides empty polls from the history', async () => {
    const w = await world('runs');
    const manual = await w.run();
    await w.runs.finish(manual, 'ok', stats({ planned: 2, applied: 2 }), null, w.now());
    for (let i = 0; i < 5; i++)
      await w.runs.finish(await w.runs.start('poll', 'schedule', w.now()), 'ok', stats(), null, w.now());
    const troubled = await w.runs.start('poll', 'schedule', w.now());
    await w.runs.finish(
      troubled,
      'ok',
      stats({ apps: { acme: { status: 'skipped', detail: 'could not read' } as never } }),
      null,
      w.now(),
    );
    const suspicious = await w.runs.start('poll', 'schedule', w.now());
    await w.runs.finish(
      suspicious,
      'ok',
      stats({ directory: { mode: 'delta', people: 0, requests: 1, suspicious: true } }),
      null,
      w.now(),
    );
    const stale = await w.runs.start('full', 'schedule', '2027-01-01T09:30:00.000Z');
    expect(await w.runs.interruptStale(w.now())).toBe(1);
    expect(await w.runs.get(stale)).toMatchObject({ status: 'interrupted', stats: null });
    expect(await w.runs.lastStarted('full')).toBe('2027-01-01T09:30:00.000Z');
    expect(await w.runs.lastStarted('review')).toBeNull();
    expect((await w.runs.list(2)).map((r) => r.id)).toEqual([stale, suspicious]);

    const detail = createRunDetail(w.store, w.runs, w.journal, async () => []);
    const page = await detail.history(50);
    expect(page.runs.map((r) => r.id)).toEqual([stale, suspicious, troubled, manual]);
    expect(page.hiddenPolls).toBe(5);
    const short = await detail.history(2);
    expect([short.runs.map((r) => r.id), short.hiddenPolls]).toEqual([[stale, suspicious], 0]);
    const full = await detail.history(3, true);
    expect(full.runs.map((r) => r.id)).toEqual([stale, suspicious, troubled]);
  });

  it('groups a run’s ledger events by the op they name', async () => {
    const w = await world('detail');
    const audit = await openStoreLedger(w.store, steppingClock());
    const runId = await w.run();
    const op = await w.journal.insert(asNew(deactivate('r1'), runId));
    await audit.append({ actor: 'ana', action: 'op.held', run: runId, after: { op: op.id }, result: 'held' });
    await audit.append({
      actor: 'ana',
      action: 'op.applied',
      run: runId,
      before: { op: op.id },
      result: 'ok',
    });
    await audit.append({ actor: 'ana', action: 'sync.note', run: runId, result: 'ok' });
    const detail = await createRunDetail(w.store, w.runs, w.journal, async () => []).get(runId);
    expect(detail.ops.map((o) => [o.id, o.ledger.map((e) => e.action)])).toEqual([
      [op.id, ['op.held', 'op.applied']],
    ]);
    expect(detail.events.map((e) => e.action)).toEqual(['sync.note']);
    expect(detail.who).toBe('ana');
  });

  it('quarantines an app and resumes it, releasing only the ops its quarantine held', async () => {
    const w = await world('quarantine');
    const q = createQuarantine(w.store, w.now);
    const runId = await w.run();
    const mine = await w.journal.insert(
      asNew({ ...create('bo'), status: 'held', heldReason: `${QUARANTINE_PREFIX}: 5 failures` }, runId),
    );
    const other = await w.journal.insert(
      asNew({ ...create('cy'), status: 'held', heldReason: 'held: Acme requires review' }, runId),
    );
    expect(await q.degrade('acme', 'could not read')).toBe(true);
    expect(await q.degrade('acme', 'could not read')).toBe(false);
    expect(await q.recover('acme')).toBe(true);
    await q.quarantine('acme', '5 failures');
    expect(await q.reason('acme')).toBe('5 failures');
    expect(await q.degrade('acme', 'x')).toBe(false);
    expect(await q.resume('acme')).toBe(1);
    expect(await q.reason('acme')).toBeNull();
    expect(await w.journal.get(mine.id)).toMatchObject({ status: 'planned', heldReason: null });
    expect((await w.journal.get(other.id))?.status).toBe('held');
  });

  it('records the first review once, and Lanyard’s own group memberships in the order they were done', async () => {
    const w = await world('start');
    const s = createSafeStart(w.store);
    expect(await s.state(false)).toBe('awaiting-first-review');
    expect(await s.markReviewed('2027-01-01T10:00:00Z', 'ana')).toBe(true);
    expect(await s.markReviewed('2027-01-02T10:00:00Z', 'bo')).toBe(false);
    expect(await s.reviewed()).toEqual({ at: '2027-01-01T10:00:00Z', by: 'ana' });
    expect(await s.state(false)).toBe('on');

    const runId = await w.run();
    const done = async (op: PlanOp, changed: string[]) => {
      const row = await w.journal.insert(asNew(op, runId));
      await w.journal.finish(row.id, 'done', { groupId: op.target, changed }, null);
      w.advance(1000);
    };
    await done(group('add-to-group', 'Eng', 1), ['u1', 'u2']);
    await done(group('add-to-group', 'ops', 2), ['u3']);
    await done(group('remove-from-group', 'ENG', 3), ['u1']);
    const record = await createMembershipRecords(w.store).of('acme');
    expect([...record].map(([g, ids]) => [g, [...ids]])).toEqual([
      ['eng', ['u2']],
      ['ops', ['u3']],
    ]);
    expect((await createMembershipRecords(w.store).of('slack')).size).toBe(0);
  });
});
