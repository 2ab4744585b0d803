// What the gate counts as destructive and how it recognises an op again: which role changes are demotions (by the
// well-known role names apps use), which op kinds remove access or count as deprovisions (manual tasks included),
// and the idempotency key — stable for the same situation (the journal recognises a replanned op after a crash)
// and distinct for any other app, person, kind or target.
import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { destructiveWeight, isDeprovision, isDestructive, makeOp, opKey } from '../../../electron/sync/ops';
import { isDemotion, roleRank } from '../../../electron/sync/roles';
import type { ManualTask, OpPayload } from '../../../electron/sync/types';

describe('role ranks: well-known role names, matched whole, case and surrounding spaces ignored', () => {
  it.each([
    // owner level
    ['owner', 5],
    ['Owner', 5],
    ['super-admin', 5],
    ['super_admin', 5],
    ['Super Admin', 5],
    ['superadmin', 5],
    ['primary-owner', 5],
    ['primary_owner', 5],
    ['primaryowner', 5],
    ['org-owner', 5],
    ['org owner', 5],
    ['orgowner', 5],
    // admin level
    ['admin', 4],
    [' Admin ', 4],
    ['administrator', 4],
    ['org-admin', 4],
    ['org_admin', 4],
    ['orgadmin', 4],
    ['workspace-admin', 4],
    ['Workspace Admin', 4],
    ['workspaceadmin', 4],
    ['site-admin', 4],
    ['site_admin', 4],
    ['siteadmin', 4],
    // maintainers and managers
    ['maintainer', 3],
    ['manager', 3],
    ['billing-manager', 3],
    ['billing_manager', 3],
    ['billingmanager', 3],
    ['editor', 3],
    // members
    ['member', 2],
    ['user', 2],
    ['write', 2],
    // read-only access
    ['viewer', 1],
    ['read', 1],
    ['readonly', 1],
    ['read-only', 1],
    ['Read Only', 1],
    ['read_only', 1],
    ['outside collaborator', 1],
    ['outside_collaborator', 1],
    ['outside-collaborator', 1],
    ['outsidecollaborator', 1],
    ['guest', 1],
  ])('%j ranks %i', (role, rank) => {
    expect(roleRank(role)).toBe(rank);
  });

  it.each([
    // a known word inside a longer role name does not rank it (neither at the end …)
    'co-owner',
    'sysadmin',
    'project-manager',
    'power-user',
    'proofreader',
    // … nor at the start)
    'owner-delegate',
    'admin-requests',
    'manager-assistant',
    'user-provisioner',
    'readwrite',
    // separators other than - _ and space
    'super.admin',
    'primary.owner',
    'org/owner',
    'org.admin',
    'site.admin',
    'read+only',
    'billing.manager',
    'outside.collaborator',
    'workspace.admin',
    // no role
    '',
    '   ',
    null,
    undefined,
  ])('%j has no rank', (role) => {
    expect(roleRank(role)).toBeNull();
  });
});

describe('which role changes are demotions', () => {
  it.each([
    ['admin', 'member'],
    ['owner', 'admin'],
    ['Owner', 'member'],
    ['maintainer', 'member'],
    ['member', 'viewer'],
    ['member', 'outside collaborator'],
    ['editor', 'read-only'],
    // away from admin level is always a demotion, to an unknown role or to no role at all
    ['admin', 'billing-team'],
    ['owner', 'custom-role'],
    ['admin', null],
    ['site-admin', ''],
  ])('%j → %j is a demotion', (from, to) => {
    expect(isDemotion(from, to)).toBe(true);
  });

  it.each([
    // promotions
    ['member', 'admin'],
    ['admin', 'owner'],
    ['viewer', 'member'],
    ['maintainer', 'org-owner'],
    // the same rank, however it is spelled
    ['admin', 'admin'],
    ['ADMIN', 'admin'],
    ['admin', 'administrator'],
    ['org-admin', 'Site Admin'],
    ['owner', 'super-admin'],
    ['member', 'engineer'],
    ['viewer', 'guest'],
    // below admin level, an unknown role on either side is not judged
    ['member', 'designer'],
    ['maintainer', null],
    ['engineer', 'billing-team'],
    ['designer', 'viewer'],
    ['custom', 'custom'],
    // no previous role: nothing is lost
    [null, 'member'],
    [undefined, 'viewer'],
    ['', 'viewer'],
  ])('%j → %j is not a demotion', (from, to) => {
    expect(isDemotion(from, to)).toBe(false);
  });
});

const task = (action: ManualTask['action']): ManualTask => ({
  appId: 'badge',
  action,
  title: `${action} ana`,
  instructions: 'do it',
  target: 'ana',
  assignee: null,
});
const manual = (action: ManualTask['action']): OpPayload => ({
  kind: 'manual-task',
  action,
  task: task(action),
  remoteId: 'b1',
  spec: null,
  role: action === 'updated' ? 'viewer' : null,
});
const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    personId: `p${i}`,
    remoteId: `r${i}`,
    userName: `u${i}`,
    reason: 'left Engineering',
  }));

describe('what is destructive, what is a deprovision, and how much it counts', () => {
  const cases: [string, OpPayload, { destructive: boolean; deprovision: boolean; weight: number }][] = [
    [
      'deactivate',
      { kind: 'deactivate', remoteId: 'r1', userName: 'ana', deleteAfterDays: null },
      { destructive: true, deprovision: true, weight: 1 },
    ],
    [
      'delete',
      { kind: 'delete', remoteId: 'r1', userName: 'ana' },
      { destructive: true, deprovision: true, weight: 1 },
    ],
    [
      'a manual deactivation task',
      manual('deactivated'),
      { destructive: true, deprovision: true, weight: 1 },
    ],
    ['a manual deletion task', manual('deleted'), { destructive: true, deprovision: true, weight: 1 }],
    [
      'a manual removal from a group',
      manual('remove-from-group'),
      { destructive: true, deprovision: false, weight: 1 },
    ],
    ['a manual create task', manual('created'), { destructive: false, deprovision: false, weight: 0 }],
    ['a manual update task', manual('updated'), { destructive: false, deprovision: false, weight: 0 }],
    [
      'a manual reactivation task',
      manual('reactivated'),
      { destructive: false, deprovision: false, weight: 0 },
    ],
    [
      'a manual add to a group',
      manual('add-to-group'),
      { destructive: false, deprovision: false, weight: 0 },
    ],
    ['the IdP suspend', { kind: 'idp-suspend' }, { destructive: true, deprovision: false, weight: 1 }],
    [
      'ending IdP sessions',
      { kind: 'idp-revoke-sessions' },
      { destructive: true, deprovision: false, weight: 1 },
    ],
    [
      'a demotion',
      { kind: 'set-role', remoteId: 'r1', role: 'member', previous: 'admin' },
      { destructive: true, deprovision: false, weight: 1 },
    ],
    [
      'a promotion',
      { kind: 'set-role', remoteId: 'r1', role: 'admin', previous: 'member' },
      { destructive: false, deprovision: false, weight: 0 },
    ],
    [
      'a first role',
      { kind: 'set-role', remoteId: 'r1', role: 'member', previous: null },
      { destructive: false, deprovision: false, weight: 0 },
    ],
    [
      'a removal of 5 people from a team',
      { kind: 'remove-from-group', groupId: 'g', groupName: 'eng', members: members(5) },
      { destructive: true, deprovision: false, weight: 5 },
    ],
    [
      'a removal with no member listed (still one change)',
      { kind: 'remove-from-group', groupId: 'g', groupName: 'eng', members: [] },
      { destructive: true, deprovision: false, weight: 1 },
    ],
    [
      'an add to a team',
      { kind: 'add-to-group', groupId: 'g', groupName: 'eng', members: members(5) },
      { destructive: false, deprovision: false, weight: 0 },
    ],
    [
      'a reactivation',
      { kind: 'reactivate', remoteId: 'r1' },
      { destructive: false, deprovision: false, weight: 0 },
    ],
    [
      'a profile update',
      { kind: 'update', remoteId: 'r1', changes: { displayName: 'Ana B' } },
      { destructive: false, deprovision: false, weight: 0 },
    ],
    [
      'a create',
      {
        kind: 'create',
        spec: {
          externalId: 'p1',
          userName: 'ana',
          email: null,
          givenName: null,
          familyName: null,
          displayName: null,
        },
      },
      { destructive: false, deprovision: false, weight: 0 },
    ],
  ];

  it.each(cases)('%s', (_, payload, expected) => {
    expect({
      destructive: isDestructive(payload),
      deprovision: isDeprovision(payload),
      weight: destructiveWeight(payload),
    }).toEqual(expected);
    // makeOp marks the op the same way (the gate reads these flags)
    const op = makeOp({ appId: 'acme', personId: 'p1', target: 'ana', reason: 'r', payload, keyParts: [] });
    expect({ destructive: op.destructive, deprovision: op.deprovision }).toEqual({
      destructive: expected.destructive,
      deprovision: expected.deprovision,
    });
  });
});

describe('plan ops as built', () => {
  const payload: OpPayload = {
    kind: 'deactivate',
    remoteId: 'r1',
    userName: 'ana@acme.io',
    deleteAfterDays: 30,
  };
  const draft = {
    appId: 'slack',
    personId: 'p1',
    target: 'ana@acme.io',
    reason: 'left',
    payload,
    keyParts: ['r1'],
  };

  it('carry what they are about, planned and not held', () => {
    expect(makeOp(draft)).toEqual({
      appId: 'slack',
      personId: 'p1',
      kind: 'deactivate',
      target: 'ana@acme.io',
      reason: 'left',
      payload,
      destructive: true,
      deprovision: true,
      key: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      status: 'planned',
      heldReason: null,
    });
  });

  it('have a key that is the same for the same situation, whatever the run, reason or wording', () => {
    const a = makeOp(draft);
    const b = makeOp({ ...draft, reason: 'suspended since 14:02', target: 'Ana' });
    expect(b.key).toBe(a.key);
    // The key is stored in the journal (a UNIQUE column): its scheme must not change between versions, or an op
    // interrupted by a crash would not be recognised after an upgrade.
    const expected = hash('sha256', JSON.stringify(['slack', 'p1', 'deactivate', 'r1']), 'base64url').slice(
      0,
      22,
    );
    expect(a.key).toBe(expected);
    expect(opKey(['slack', 'p1', 'deactivate', 'r1'])).toBe(expected);
  });

  it('have a key that differs for another app, person, kind or target', () => {
    const keys = [
      makeOp(draft).key,
      makeOp({ ...draft, appId: 'github' }).key,
      makeOp({ ...draft, personId: 'p2' }).key,
      makeOp({ ...draft, personId: null }).key,
      makeOp({ ...draft, payload: { kind: 'delete', remoteId: 'r1', userName: 'ana@acme.io' } }).key,
      makeOp({ ...draft, keyParts: ['r2'] }).key,
      makeOp({ ...draft, keyParts: [] }).key,
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('key 128 bits of content as 22 URL-safe characters', () => {
    const k = opKey(['slack', 'p1', 'deactivate']);
    expect(k).toHaveLength(22);
    expect(Buffer.from(k, 'base64url')).toHaveLength(16);
    expect(opKey(['slack', 'p1', 'deactivate'])).toBe(k);
    expect(opKey(['slack', 'p1', 'delete'])).not.toBe(k);
  });
});
