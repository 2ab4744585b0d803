// The repositories of offboarding cases, access reviews and orphan decisions on the async store, on both engines:
// the same rows, order and answers on SQLite and PostgreSQL — including the SQL written per engine (the ledger's
// JSON fields for the evidence, review op keys in a JSON array, the exceptions' null-safe "role differs" upsert)
// and the case + tasks transaction rolling back as a whole.
import { describe, expect, it } from 'vitest';
import { openStoreLedger } from '../../electron/audit/store-ledger';
import { createCasesRepo, type NewTask } from '../../electron/offboarding/cases-repo';
import { createCaseViews } from '../../electron/offboarding/case-views';
import { buildEvidence } from '../../electron/offboarding/evidence';
import { withOffboardingHolds } from '../../electron/offboarding/plan-overrides';
import { createOrphanDecisionsRepo, type OrphanDecision } from '../../electron/orphans/decisions-repo';
import { createOrphanRemovalCheck } from '../../electron/orphans/removal-stands';
import { createCampaignsRepo } from '../../electron/reviews/campaigns-repo';
import { createReviewOpCheck } from '../../electron/reviews/standing-ops';
import { createWorkspaceReviewsRepo, exceptionsForPlan } from '../../electron/reviews/workspace-reviews-repo';
import type { AccountsRepo } from '../../electron/store/accounts-repo';
import type { Store } from '../../electron/store/store';
import type { SyncPerson } from '../../electron/sync/types';
import { ENGINES, storeFactory } from '../helpers/store-engines';
import { steppingClock } from '../unit/audit/harness';

const newCase = (personId: string, openedAt = '2027-01-01T10:00:00.000Z') => ({
  personId,
  trigger: 'manual' as const,
  openedAt,
  openedBy: 'admin',
  personLabel: `${personId}@example.com`,
  reason: 'offboarded by admin',
  keyStatus: 'suspended',
  keyChangedAt: openedAt,
  killSessions: true,
});

const task = (title: string, over: Partial<NewTask> = {}): NewTask => ({
  appId: null,
  kind: 'checklist',
  title,
  status: 'todo',
  opId: null,
  opKey: null,
  detail: {},
  ...over,
});

const person = (id: string, status: SyncPerson['status'], statusChangedAt: string | null): SyncPerson => ({
  id,
  login: id,
  email: `${id}@example.com`,
  status,
  statusChangedAt,
  groups: [],
});

const newCampaign = (period: string | null) => ({
  name: 'Q1',
  definitionId: period ? 'soc2' : null,
  period,
  scope: { apps: ['acme'], people: null },
  assign: ['owner' as const],
  reviewers: {},
  fallback: 'it@example.com',
  dueAt: '2027-03-31T23:59:59.000Z',
  startedAt: '2027-01-02T09:00:00.000Z',
  startedBy: 'admin',
  sheetKey: 'k'.repeat(64),
  warnings: ['one'],
});

const draft = (remoteId: string, reviewer: string) => ({
  kind: 'account' as const,
  appId: 'acme',
  appName: 'Acme',
  appKind: 'scim' as const,
  personId: 'p1',
  person: 'p1@example.com',
  displayName: 'P One',
  personStatus: 'active',
  remoteId,
  userName: remoteId,
  email: null,
  active: true,
  role: 'member',
  groups: ['eng'],
  grantedBy: 'rule 1',
  ruleIndex: 0,
  lastActivity: null,
  reviewer,
  reviewerBasis: 'owner' as const,
});

/** An account lookup that answers like the accounts repository for one active account. */
const accountsWith = (role: string | null, personId: string | null): Pick<AccountsRepo, 'get'> =>
  ({
    get: async (appId: string, remoteId: string) =>
      remoteId === 'gone' ? null : { appId, remoteId, active: true, role, personId },
  }) as unknown as Pick<AccountsRepo, 'get'>;

const addRunAndOp = async (store: Store, key: string): Promise<number> => {
  const run = await store
    .q()
    .insertInto('runs')
    .values({ kind: 'manual', trigger: 'test', status: 'ok', started_at: '2027-01-01T10:00:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const op = await store
    .q()
    .insertInto('plan_ops')
    .values({
      run_id: run.id,
      app_id: 'acme',
      person_id: 'p1',
      kind: 'deactivate',
      status: 'done',
      reason: 'leaver',
      idempotency_key: key,
      created_at: '2027-01-01T10:00:00.000Z',
      updated_at: '2027-01-01T10:01:00.000Z',
      done_at: '2027-01-01T10:01:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return op.id;
};

describe.each(ENGINES)('case, review and orphan repositories on %s', (engine) => {
  const open = storeFactory(engine);

  it('writes a case with its tasks, lists them in a total order, and closes it once', async () => {
    const { store } = await open('cases');
    const repo = createCasesRepo(store);
    const id = await store.tx(async () => {
      const caseId = await repo.insertCase(newCase('p1'));
      await repo.insertTask(caseId, 1, task('second'));
      await repo.insertTask(caseId, 0, task('first'));
      await repo.insertTask(caseId, 1, task('third'));
      return caseId;
    });
    const tasks = await repo.tasks(id);
    expect(tasks.map((t) => [t.title, t.position])).toEqual([
      ['first', 0],
      ['second', 1],
      ['third', 1],
    ]);
    expect(await repo.getCase(id)).toMatchObject({ id, status: 'open', kill_sessions: 1, trigger: 'manual' });
    expect((await repo.openCaseFor('p1'))?.id).toBe(id);
    expect(await repo.openCaseFor('nobody')).toBeNull();

    // A note is kept when a later change gives none; a reopen clears it.
    const t = tasks[0]!;
    await repo.setTask(t.id, 'done', { at: '2027-01-02T00:00:00.000Z', by: 'ana', note: 'done by hand' });
    await repo.setTask(t.id, 'done', { at: '2027-01-03T00:00:00.000Z', by: 'ana' });
    expect(await repo.task(t.id)).toMatchObject({
      note: 'done by hand',
      done_at: '2027-01-03T00:00:00.000Z',
    });
    await repo.reopenTask(t.id, 'todo');
    expect(await repo.task(t.id)).toMatchObject({ status: 'todo', note: null, done_at: null, done_by: null });
    await repo.setVerification(t.id, 'inactive', '2027-01-04T00:00:00.000Z');
    expect((await repo.task(t.id))?.verification).toBe('inactive');

    // One open case per person (unique index), and the case with its tasks is written whole or not at all.
    await expect(
      store.tx(async () => {
        const again = await repo.insertCase(newCase('p2'));
        await repo.insertTask(again, 0, task('orphaned'));
        await repo.insertCase(newCase('p1'));
      }),
    ).rejects.toThrow();
    expect(await repo.openCaseFor('p2')).toBeNull();
    expect((await repo.listCases()).map((c) => c.id)).toEqual([id]);

    expect(await repo.close(id, 'closed', '2027-01-05T00:00:00.000Z', 'all done')).toBe(true);
    expect(await repo.close(id, 'cancelled', '2027-01-06T00:00:00.000Z', null)).toBe(false);
    const later = await repo.insertCase(newCase('p1', '2027-02-01T00:00:00.000Z'));
    expect((await repo.lastCaseFor('p1'))?.id).toBe(later);
    expect((await repo.listCases('closed')).map((c) => c.id)).toEqual([id]);
    expect((await repo.listCases()).map((c) => c.id)).toEqual([later, id]);
  });

  it('holds an offboarded person out of scope with the status their latest case was opened on', async () => {
    const { store } = await open('holds');
    const repo = createCasesRepo(store);
    const closed = await repo.insertCase(newCase('p1', '2027-01-01T10:00:00.000Z'));
    await repo.close(closed, 'closed', '2027-01-02T00:00:00.000Z', null);
    await repo.insertCase(newCase('p2', '2027-01-01T10:00:00.000Z'));
    const cancelled = await repo.insertCase(newCase('p3', '2027-01-01T10:00:00.000Z'));
    await repo.close(cancelled, 'cancelled', '2027-01-02T00:00:00.000Z', 'rehired');
    const people = [
      person('p1', 'active', '2026-12-01T00:00:00.000Z'), // still active in the IdP: held
      person('p2', 'active', '2027-01-05T00:00:00.000Z'), // active again after the case opened: rehired
      person('p3', 'active', null), // the case was cancelled: not held
      person('p4', 'active', null), // never offboarded
    ];
    const held = await withOffboardingHolds(store, people);
    expect(held.map((p) => [p.id, p.status, p.statusChangedAt])).toEqual([
      ['p1', 'suspended', '2027-01-01T10:00:00.000Z'],
      ['p2', 'active', '2027-01-05T00:00:00.000Z'],
      ['p3', 'active', null],
      ['p4', 'active', null],
    ]);
  });

  it('reads a task’s ledger facts (JSON fields) for the evidence and its latest op by key', async () => {
    const { store } = await open('evidence');
    const ledger = await openStoreLedger(store, steppingClock());
    const repo = createCasesRepo(store);
    await store.q().insertInto('apps').values({ id: 'acme', name: 'Acme', kind: 'scim' }).execute();
    const opId = await addRunAndOp(store, 'key-1');
    const caseId = await repo.insertCase(newCase('p1'));
    const manual = await repo.insertTask(caseId, 0, task('Return the laptop'));
    const auto = await repo.insertTask(caseId, 1, {
      ...task('Deactivate in Acme'),
      appId: 'acme',
      kind: 'app',
      status: 'pending',
      opKey: 'key-1',
    });
    await ledger.append({ actor: 'admin', action: 'offboarding.case.opened', case: caseId, result: 'ok' });
    await ledger.append({
      actor: 'ana',
      action: 'offboarding.task.completed',
      case: caseId,
      after: { task: manual, title: 'Return the laptop', note: 'handed in' },
      result: 'ok',
    });
    await ledger.append({
      actor: 'bob',
      action: 'op.approved',
      app: 'acme',
      before: { op: opId },
      result: 'approved',
    });
    await ledger.append({ actor: 'x', action: 'op.applied', after: { op: opId + 1000 }, result: 'ok' });
    await repo.setTask(manual, 'done', { at: '2027-01-01T11:00:00.000Z', by: 'ana', note: 'handed in' });

    const views = createCaseViews(store, repo, async (id) =>
      id === 'acme' ? ({ id: 'acme', name: 'Acme', kind: 'scim' } as never) : null,
    );
    expect((await views.latestOp({ op_key: 'key-1', op_id: null }))?.id).toBe(opId);
    const row = (await repo.getCase(caseId))!;
    const view = await views.caseView(row);
    expect(view.tasks.map((t) => [t.id, t.status, t.opId])).toEqual([
      [manual, 'done', null],
      [auto, 'done', opId],
    ]);
    const evidence = await buildEvidence(store, row, view, '2027-01-09T00:00:00.000Z', {
      anchor: null,
      note: 'test',
    });
    expect(evidence.items.map((i) => [i.task, i.note, i.approvedBy, i.auditSeqs])).toEqual([
      ['Return the laptop', 'handed in', null, [2]],
      ['Deactivate in Acme', null, 'bob', [3]],
    ]);
    expect(evidence.auditSeqs).toEqual([1, 2, 3]);
  });

  it('keeps one campaign per period, its items and decisions in order, and finds a review op by its key', async () => {
    const { store } = await open('reviews');
    const repo = createCampaignsRepo(store);
    const id = await repo.insert(newCampaign('2027-Q1'), [draft('u2', 'b@example.com'), draft('u1', 'a@x')]);
    await expect(repo.insert(newCampaign('2027-Q1'), [])).rejects.toThrow();
    expect(await repo.byPeriod('soc2', '2027-Q1')).toBe(id);
    expect(await repo.byPeriod('soc2', '2027-Q2')).toBeNull();
    const items = await repo.items(id);
    expect(items.map((i) => [i.remote_id, i.active, JSON.parse(i.groups)])).toEqual([
      ['u2', 1, ['eng']],
      ['u1', 1, ['eng']],
    ]);
    const decide = (itemId: number, decision: 'keep' | 'revoke' | 'change-role', seq: number) =>
      repo.addDecision({
        itemId,
        campaignId: id,
        decision,
        role: decision === 'change-role' ? 'admin' : null,
        reassignTo: null,
        comment: null,
        decidedBy: 'ana',
        forReviewer: 'b@example.com',
        source: 'ui',
        decidedAt: '2027-01-03T00:00:00.000Z',
        auditSeq: seq,
      });
    const [first, second] = items;
    const d1 = await decide(first!.id, 'keep', 1);
    const d2 = await decide(first!.id, 'revoke', 2);
    const d3 = await decide(second!.id, 'change-role', 3);
    await repo.setDecision(first!.id, d2);
    await repo.setDecision(second!.id, d3);
    expect((await repo.decisions(id)).map((d) => d.id)).toEqual([d1, d2, d3]);
    await repo.setOpKeys(first!.id, ['rev-key', 'other']);
    await repo.setOpKeys(second!.id, ['role-key']);

    const stands = createReviewOpCheck(store, accountsWith('member', 'p1'));
    const payload = { kind: 'deactivate', remoteId: 'u2', userName: 'u2', deleteAfterDays: null } as const;
    expect(await stands({ key: 'rev-key', kind: 'deactivate', payload })).toBe(true);
    expect(await stands({ key: 'nothing', kind: 'deactivate', payload })).toBe(false);
    const setRole = { kind: 'set-role', remoteId: 'u1', role: 'admin', previous: 'member' } as const;
    expect(await stands({ key: 'role-key', kind: 'set-role', payload: setRole })).toBe(true);
    expect(
      await createReviewOpCheck(
        store,
        accountsWith('admin', 'p1'),
      )({
        key: 'role-key',
        kind: 'set-role',
        payload: setRole,
      }),
    ).toBe(false); // the role is already set

    await repo.reassign(first!.id, 'c@example.com');
    expect(await repo.item(first!.id)).toMatchObject({ reviewer: 'c@example.com', decision_id: null });
    expect(await stands({ key: 'rev-key', kind: 'deactivate', payload })).toBe(false);
    expect(await repo.close(id, '2027-02-01T00:00:00.000Z', 'ana', null, 'note')).toBe(true);
    expect(await repo.close(id, '2027-02-02T00:00:00.000Z', 'ana', null, 'note')).toBe(false);
    expect((await repo.campaign(id))?.status).toBe('closed');
  });

  it('replaces an exception only when the role differs, person matched case-insensitively', async () => {
    const { store } = await open('exceptions');
    const ws = createWorkspaceReviewsRepo(store);
    const base = { app: 'acme', person: 'Ana@Example.com', campaign: 1, by: 'bob', at: '2027-01-01' };
    expect(await ws.addException(base)).toBe(true); // a revoke (no role)
    expect(await ws.addException({ ...base, person: 'ana@example.com', comment: 'again' })).toBe(false);
    expect(await ws.addException({ ...base, person: 'ana@example.com', role: 'viewer' })).toBe(true);
    expect(await ws.addException({ ...base, role: 'viewer' })).toBe(false);
    expect(await ws.addException({ ...base, app: 'beta', person: 'zed' })).toBe(true);
    expect(await ws.addException({ ...base, app: 'beta', person: 'abe' })).toBe(true);
    expect((await ws.exceptions()).map((e) => [e.app, e.person, e.role ?? null])).toEqual([
      ['acme', 'Ana@Example.com', 'viewer'],
      ['beta', 'zed', null],
      ['beta', 'abe', null],
    ]);
    expect(await exceptionsForPlan(store)).toEqual(
      new Map<string, Map<string, string | null>>([
        ['acme', new Map([['ana@example.com', 'viewer']])],
        [
          'beta',
          new Map([
            ['zed', null],
            ['abe', null],
          ]),
        ],
      ]),
    );
    expect(await ws.removeException('acme', 'ANA@example.COM')).toBe(true);
    expect(await ws.removeException('acme', 'ana@example.com')).toBe(false);
    await store.tx(() => ws.setExceptions([{ app: 'acme', person: 'x' }]));
    expect(await ws.exceptions()).toEqual([{ app: 'acme', person: 'x' }]);
  });

  it('records one orphan decision per account, lists them in order and finds a removal by its key', async () => {
    const { store } = await open('orphans');
    const repo = createOrphanDecisionsRepo(store);
    const decision = (remoteId: string, userName: string, over: Partial<OrphanDecision> = {}) => ({
      appId: 'acme',
      remoteId,
      userName,
      kind: 'ignored' as const,
      personId: null,
      reason: 'contractor',
      opKey: null,
      by: 'ana',
      at: '2027-01-01T00:00:00.000Z',
      ...over,
    });
    await repo.put(decision('r2', 'bob'));
    await repo.put(decision('r1', 'Alice'));
    await repo.put(decision('r3', 'carl', { kind: 'removal', opKey: 'orphan-key', reason: null }));
    await repo.put(decision('r2', 'bob', { kind: 'service', reason: 'service account', by: 'eve' }));
    expect((await repo.list()).map((d) => [d.userName, d.kind, d.by])).toEqual([
      ['Alice', 'ignored', 'ana'],
      ['bob', 'service', 'eve'],
      ['carl', 'removal', 'ana'],
    ]);
    expect((await repo.removalByKey('orphan-key'))?.remoteId).toBe('r3');
    expect(await repo.removalByKey('other')).toBeNull();
    const stands = createOrphanRemovalCheck(store, accountsWith(null, null));
    expect(await stands({ key: 'orphan-key', appId: 'acme' })).toBe(true);
    expect(await stands({ key: 'orphan-key', appId: 'beta' })).toBe(false);
    expect(
      await createOrphanRemovalCheck(store, accountsWith(null, 'p1'))({ key: 'orphan-key', appId: 'acme' }),
    ).toBe(false); // linked to a person since
    expect(await repo.remove('acme', 'r1')).toBe(true);
    expect(await repo.remove('acme', 'r1')).toBe(false);
    expect(await repo.get('acme', 'r1')).toBeNull();
  });
});
