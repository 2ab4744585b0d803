// Honest reconcile: an op left `running` by a crash is done only when the re-read app shows its intended state.
import { describe, expect, it } from 'vitest';
import type { JournalOp } from '../../../electron/sync/engine/journal';
import { intendedStateShown } from '../../../electron/sync/gate/verify-state';
import type { StoredAccount } from '../../../electron/store/accounts-repo';
import type { OpPayload } from '../../../electron/sync/types';

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

describe('whether the re-read app shows what an interrupted op intended', () => {
  it('a deactivation: shown when the account is inactive or gone, not while it is active', () => {
    const p: OpPayload = {
      kind: 'deactivate',
      remoteId: 'r1',
      userName: 'ana@acme.io',
      deleteAfterDays: null,
    };
    expect(intendedStateShown(op(p), read([acct({ active: false })]))).toBe('shown');
    expect(intendedStateShown(op(p), read([]))).toBe('shown');
    expect(intendedStateShown(op(p), read([acct({ active: true })]))).toBe('not-shown');
    expect(intendedStateShown(op(p), read(null))).toBe('unknown');
  });

  it('a create: shown when the person has an account (or the userName exists), not otherwise', () => {
    const p: OpPayload = {
      kind: 'create',
      spec: {
        externalId: 'p1',
        userName: 'Ana@acme.io',
        email: null,
        givenName: null,
        familyName: null,
        displayName: null,
      },
    };
    expect(intendedStateShown(op(p), read([acct({})]))).toBe('shown');
    expect(intendedStateShown(op(p), read([acct({ personId: null })]))).toBe('shown');
    expect(intendedStateShown(op(p), read([acct({ personId: 'p2', userName: 'bo@acme.io' })]))).toBe(
      'not-shown',
    );
  });

  it('a role change, a reactivation and a delete are checked on the account itself', () => {
    const role: OpPayload = { kind: 'set-role', remoteId: 'r1', role: 'admin', previous: 'member' };
    expect(intendedStateShown(op(role), read([acct({ role: 'Admin' })]))).toBe('shown');
    expect(intendedStateShown(op(role), read([acct({ role: 'member' })]))).toBe('not-shown');
    const re: OpPayload = { kind: 'reactivate', remoteId: 'r1' };
    expect(intendedStateShown(op(re), read([acct({ active: true })]))).toBe('shown');
    expect(intendedStateShown(op(re), read([acct({ active: false })]))).toBe('not-shown');
    const del: OpPayload = { kind: 'delete', remoteId: 'r1', userName: 'ana@acme.io' };
    expect(intendedStateShown(op(del), read([acct({})]))).toBe('not-shown');
    expect(intendedStateShown(op(del), read([]))).toBe('shown');
  });

  it('group changes: every member must show the membership (added) or its absence (removed)', () => {
    const members = [
      { personId: 'p1', remoteId: 'r1', userName: 'ana', reason: 'x' },
      { personId: 'p2', remoteId: 'r2', userName: 'bo', reason: 'x' },
    ];
    const add: OpPayload = { kind: 'add-to-group', groupId: 'G1', groupName: 'eng', members };
    const both = [acct({ groups: ['g1'] }), acct({ remoteId: 'r2', personId: 'p2', groups: ['G1'] })];
    expect(intendedStateShown(op(add, null), read(both))).toBe('shown');
    const one = [acct({ groups: ['g1'] }), acct({ remoteId: 'r2', personId: 'p2', groups: [] })];
    expect(intendedStateShown(op(add, null), read(one))).toBe('not-shown');
    const remove: OpPayload = { kind: 'remove-from-group', groupId: 'G1', groupName: 'eng', members };
    expect(intendedStateShown(op(remove, null), read(one))).toBe('not-shown');
    // Nobody shows any membership: the app may not report them — nothing is proven, the op is retried.
    expect(intendedStateShown(op(remove, null), read([]))).toBe('unknown');
    const gone = [
      acct({ groups: [] }),
      acct({ remoteId: 'r2', personId: 'p2', groups: [] }),
      acct({ remoteId: 'r3', personId: 'p3', groups: ['g1'] }),
    ];
    expect(intendedStateShown(op(remove, null), read(gone))).toBe('shown');
  });

  it('the kill switch: a suspend is shown by the directory status; ending sessions cannot be read back', () => {
    const s: OpPayload = { kind: 'idp-suspend' };
    expect(intendedStateShown(op(s), read(null, 'suspended'))).toBe('shown');
    expect(intendedStateShown(op(s), read(null, 'active'))).toBe('not-shown');
    expect(intendedStateShown(op(s), read(null, null))).toBe('unknown');
    expect(intendedStateShown(op({ kind: 'idp-revoke-sessions' }), read(null, 'suspended'))).toBe('unknown');
  });
});
