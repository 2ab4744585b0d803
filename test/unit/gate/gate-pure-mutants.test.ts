// The gate's small decisions at their edges: which failures quarantine an app (an app out of seats or licences
// must still get its leavers revoked; a broken path to the app must count), whether a re-read app shows what an
// op interrupted by a crash intended (never "done" on a guess), and safe start (nothing is applied before the
// first plan is reviewed, and the first review is kept once).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import { HttpError, type HttpErrorInit } from '../../../electron/http/errors';
import type { StoredAccount } from '../../../electron/store/accounts-repo';
import { closeDatabase, openDatabase } from '../../../electron/store/database';
import type { JournalOp } from '../../../electron/sync/engine/journal';
import { classifyFailure } from '../../../electron/sync/gate/failure';
import { applyingDetail, createSafeStart } from '../../../electron/sync/gate/safe-start';
import { createSqliteStore } from '../../../electron/store/store';
import { intendedStateShown } from '../../../electron/sync/gate/verify-state';
import type { OpPayload } from '../../../electron/sync/types';

const http = (over: Partial<HttpErrorInit>): HttpError =>
  new HttpError({
    kind: 'status',
    connector: 'Slack',
    method: 'POST',
    url: 'https://api.slack.test/scim/v2/Users',
    message: 'failed',
    ...over,
  });

describe('which failures quarantine an app', () => {
  it.each([
    ['a 402 saying there are no seats left', http({ status: 402, excerpt: 'No seats left on this plan' })],
    ['a 403 saying one seat is missing', http({ status: 403, excerpt: 'Seat limit reached' })],
    ['a 403 naming licences (plural, British)', http({ status: 403, excerpt: 'All licences are assigned' })],
    ['a 403 naming a license (singular)', http({ status: 403, excerpt: 'No free license for this user' })],
    ['a 403 whose message says it', http({ status: 403, message: 'out of seats' })],
    ['a 403 whose body says it', http({ status: 403, body: { error: 'subscription limit exceeded' } })],
    [
      'a 403 out of seats behind a wrapping error',
      new LanyardError('upstream', 'create failed', {
        cause: http({ status: 403, excerpt: 'seats exhausted' }),
      }),
    ],
    [
      'a 409 four wrappers deep',
      [1, 2, 3, 4].reduce<unknown>(
        (cause, i) => new LanyardError('upstream', `step ${i} failed`, { cause }),
        http({ status: 409 }),
      ),
    ],
    ['an invalid request the core refused', new LanyardError('bad_input', 'userName is required')],
    ['an account the app no longer has', new LanyardError('not_found', 'no such account')],
    ['an account that already exists', new LanyardError('conflict', 'already exists')],
    ['a 410 Gone', http({ status: 410 })],
    ['a 413 (one oversized request)', http({ status: 413 })],
  ])('%s is the app refusing one op (never quarantines)', (_, err) => {
    expect(classifyFailure(err)).toBe('rejection');
  });

  it.each([
    ['a 402 that names no seats or licences', http({ status: 402, excerpt: 'Payment required' })],
    ['a 429 "API quota exceeded" (rate limiting)', http({ status: 429, excerpt: 'API quota exceeded' })],
    ['a 500 mentioning the billing service', http({ status: 500, excerpt: 'billing service unavailable' })],
    ['a 503 "no available backends"', http({ status: 503, excerpt: 'no available backends' })],
    [
      'an HTML 404 page (a wrong base URL)',
      http({ kind: 'bad-content-type', status: 404, excerpt: '<html>Not Found</html>' }),
    ],
    ['a malformed JSON answer to a 400', http({ kind: 'bad-json', status: 400, excerpt: '{"detail":' })],
    ['a 409 five wrappers deep (not looked for that far)', deep(5, http({ status: 409 }))],
    ['an upstream core error', new LanyardError('upstream', 'Slack: 502')],
    ['a core error that is not about this op', new LanyardError('internal', 'database busy')],
    ['a library error carrying a conflict-like code', Object.assign(new Error('x'), { code: 'conflict' })],
    ['a thrown string', 'socket hang up'],
    ['nothing', undefined],
  ])('%s says the app or the path to it is unwell', (_, err) => {
    expect(classifyFailure(err)).toBe('transport');
  });

  it('follows a cyclic cause chain only a few steps (it cannot hang the gate)', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyFailure(a)).toBe('transport');
  });
});

function deep(n: number, inner: unknown): unknown {
  let e = inner;
  for (let i = 0; i < n; i++) e = new LanyardError('upstream', `step ${i} failed`, { cause: e });
  return e;
}

const op = (payload: OpPayload, personId: string | null = 'p1'): JournalOp =>
  ({
    id: 1,
    appId: 'acme',
    personId,
    kind: payload.kind,
    payload,
    status: 'running',
  }) as unknown as JournalOp;
const acct = (over: Partial<StoredAccount>): StoredAccount => ({
  appId: 'acme',
  remoteId: 'r1',
  userName: 'ana@acme.io',
  externalId: 'p1',
  emails: ['ana@acme.io'],
  displayName: 'Ana',
  active: true,
  role: 'member',
  groups: [],
  personId: 'p1',
  seenAt: '2026-12-01T00:00:00Z',
  ...over,
});
const read = (accounts: StoredAccount[] | null, personStatus: string | null = null) => ({
  accounts,
  personStatus,
});
const shown = (payload: OpPayload, accounts: StoredAccount[] | null, personId: string | null = 'p1') =>
  intendedStateShown(op(payload, personId), read(accounts));

describe('whether a re-read app shows what an interrupted op intended', () => {
  it('a suspend is not shown while the person is active or staged in the directory', () => {
    const s: OpPayload = { kind: 'idp-suspend' };
    expect(intendedStateShown(op(s), read(null, 'staged'))).toBe('not-shown');
    expect(intendedStateShown(op(s), read(null, 'deprovisioned'))).toBe('shown');
  });

  it('ending sessions and manual tasks are never taken as done, even with the app re-read', () => {
    expect(shown({ kind: 'idp-revoke-sessions' }, [acct({ active: false })])).toBe('unknown');
    const task: OpPayload = {
      kind: 'manual-task',
      action: 'deactivated',
      task: {
        appId: 'acme',
        action: 'deactivated',
        title: 'Deactivate ana',
        instructions: 'do it',
        target: 'ana@acme.io',
        assignee: null,
      },
      remoteId: 'r1',
      spec: null,
      role: null,
    };
    expect(shown(task, [acct({ active: false })])).toBe('unknown');
    expect(shown(task, [])).toBe('unknown');
  });

  const create = (userName: string): OpPayload => ({
    kind: 'create',
    spec: { externalId: 'p1', userName, email: null, givenName: null, familyName: null, displayName: null },
  });

  it('a create is shown by any one account of the person among many', () => {
    const others = [acct({ remoteId: 'r0', personId: 'p9', userName: 'zoe@acme.io' })];
    expect(shown(create('ana@acme.io'), [...others, acct({})])).toBe('shown');
  });

  it('a create is shown by the account linked to the person even under another userName', () => {
    expect(shown(create('ana@acme.io'), [acct({ userName: 'ana.b@acme.io' })])).toBe('shown');
  });

  it('a create with no person is shown only by its userName, not by an unlinked account', () => {
    const unlinked = [acct({ personId: null, userName: 'bo@acme.io' })];
    expect(shown(create('ana@acme.io'), unlinked, null)).toBe('not-shown');
    expect(shown(create('BO@acme.io'), unlinked, null)).toBe('shown');
  });

  it('a reactivation or a role change is not shown when the account is gone or has no role', () => {
    expect(shown({ kind: 'reactivate', remoteId: 'r1' }, [])).toBe('not-shown');
    const role: OpPayload = { kind: 'set-role', remoteId: 'r1', role: 'admin', previous: 'member' };
    expect(shown(role, [])).toBe('not-shown');
    expect(shown(role, [acct({ role: null })])).toBe('not-shown');
  });

  it('an update is shown only when the account shows every field it reads back', () => {
    const update = (changes: Record<string, unknown>): OpPayload => ({
      kind: 'update',
      remoteId: 'r1',
      changes,
    });
    const a = acct({ userName: 'ana@acme.io', role: 'member', displayName: 'Ana' });
    expect(shown(update({ userName: 'ana@acme.io', role: 'member', displayName: 'Ana' }), [a])).toBe('shown');
    expect(shown(update({ userName: 'ana.b@acme.io' }), [a])).toBe('not-shown');
    expect(shown(update({ role: 'admin' }), [a])).toBe('not-shown');
    expect(shown(update({ displayName: 'Ana B' }), [a])).toBe('not-shown');
    // a cleared display name and profile fields the app does not report are not held against it
    expect(shown(update({ displayName: null }), [a])).toBe('shown');
    expect(shown(update({ givenName: 'Ana', familyName: 'Bell' }), [a])).toBe('shown');
    expect(shown(update({ userName: 'ana@acme.io' }), [acct({ remoteId: 'r2' })])).toBe('not-shown');
  });

  const members = [
    { personId: 'p1', remoteId: null, userName: 'ana', reason: 'x' },
    { personId: 'p2', remoteId: 'r2', userName: 'bo', reason: 'x' },
  ];
  const group = (kind: 'add-to-group' | 'remove-from-group'): OpPayload => ({
    kind,
    groupId: 'G1',
    groupName: 'eng',
    members,
  });

  it('a group add is shown when every member, found by id or by person, is in that very group', () => {
    const both = [
      acct({ remoteId: 'r1', groups: ['g1'] }),
      acct({ remoteId: 'r2', personId: 'p2', groups: ['G1'] }),
    ];
    expect(shown(group('add-to-group'), both, null)).toBe('shown');
    // p1 has no remote id and no account of p1 is there
    expect(shown(group('add-to-group'), [both[1]!], null)).toBe('not-shown');
    // p1's account is in another group only
    const other = [acct({ remoteId: 'r1', groups: ['G2'] }), both[1]!];
    expect(shown(group('add-to-group'), other, null)).toBe('not-shown');
    // an account of someone else is not p1's
    const someoneElse = [acct({ remoteId: 'r1', personId: 'p3', groups: ['G1'] }), both[1]!];
    expect(shown(group('add-to-group'), someoneElse, null)).toBe('not-shown');
  });

  it('a group removal is shown when no member is left in that group (other groups and gone accounts are fine)', () => {
    const left = [
      acct({ remoteId: 'r1', groups: ['G2'] }),
      acct({ remoteId: 'r2', personId: 'p2', groups: [] }),
    ];
    expect(shown(group('remove-from-group'), left, null)).toBe('shown');
    expect(shown(group('remove-from-group'), [left[0]!], null)).toBe('shown');
    const still = [acct({ remoteId: 'r1', groups: ['g1'] }), left[1]!];
    expect(shown(group('remove-from-group'), still, null)).toBe('not-shown');
  });
});

describe('safe start', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const open = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lanyard-safe-start-'));
    dirs.push(dir);
    return { dir, db: openDatabase(dir) };
  };

  it('applies nothing until the first plan is reviewed, keeps the first review, and remembers it', async () => {
    const { dir, db } = open();
    const s = createSafeStart(createSqliteStore(db));
    expect(await s.reviewed()).toBeNull();
    expect(await s.state(false)).toBe('awaiting-first-review');
    expect(await s.state(true)).toBe('paused');

    expect(await s.markReviewed('2026-12-01T10:00:00Z', 'ana@acme.io')).toBe(true);
    expect(await s.reviewed()).toEqual({ at: '2026-12-01T10:00:00Z', by: 'ana@acme.io' });
    expect(await s.state(false)).toBe('on');
    expect(await s.state(true)).toBe('paused');

    expect(await s.markReviewed('2026-12-02T10:00:00Z', 'bo@acme.io')).toBe(false);
    expect(await s.reviewed()).toEqual({ at: '2026-12-01T10:00:00Z', by: 'ana@acme.io' });
    // kept in the settings table under `first-review`
    const row = db.prepare("SELECT value FROM settings WHERE key = 'first-review'").get() as {
      value: string;
    };
    expect(JSON.parse(row.value)).toEqual({ at: '2026-12-01T10:00:00Z', by: 'ana@acme.io' });
    closeDatabase(db);

    const again = openDatabase(dir);
    expect(await createSafeStart(createSqliteStore(again)).state(false)).toBe('on');
    closeDatabase(again);
  });

  it('tells the admin what waits, and nothing once applying is on', () => {
    expect(applyingDetail('awaiting-first-review')).toBe(
      'Review the first plan to start: Lanyard reads and plans on schedule but changes nothing in any app until you apply a plan on the Sync page (or run `lanyard sync`).',
    );
    expect(applyingDetail('paused')).toBe(
      'Syncing is paused: nothing is read or applied on schedule until you resume it.',
    );
    expect(applyingDetail('on')).toBeNull();
  });
});
