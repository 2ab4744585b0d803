// Plain-data builders for the pure sync core's tests, and a tiny pure applier that does to an accounts list what
// the apply step would do to the apps, so a test can replan over the result.
import { appConfigSchema, type AppConfig, type RuleConfig } from '../../../shared/config/workspace';
import {
  PROFILE_FIELDS,
  type PlanInput,
  type PlanOp,
  type SyncAccount,
  type SyncPerson,
} from '../../../electron/sync/types';

export const NOW = new Date('2026-11-28T15:30:00Z');

let seq = 0;
export const person = (name: string, over: Partial<SyncPerson> = {}): SyncPerson => ({
  id: over.id ?? `00u${name}`,
  login: `${name}@acme.io`,
  email: `${name}@acme.io`,
  status: 'active',
  statusChangedAt: null,
  givenName: name[0]!.toUpperCase() + name.slice(1),
  familyName: 'Doe',
  displayName: `${name[0]!.toUpperCase() + name.slice(1)} Doe`,
  department: 'Engineering',
  title: null,
  employeeNumber: null,
  attributes: {},
  groups: ['Everyone'],
  ...over,
});

export const app = (input: Record<string, unknown>): AppConfig => appConfigSchema.parse(input);
export const slack = (over: Record<string, unknown> = {}): AppConfig =>
  app({
    id: 'slack',
    name: 'Slack',
    kind: 'scim',
    baseUrl: 'https://slack.test/scim/v2',
    auth: { type: 'bearer', token: 'env:T' },
    ...over,
  });
export const github = (over: Record<string, unknown> = {}): AppConfig =>
  app({
    id: 'github',
    name: 'GitHub',
    kind: 'github',
    org: 'acme',
    auth: { type: 'bearer', token: 'env:G' },
    ...over,
  });
export const badge = (over: Record<string, unknown> = {}): AppConfig =>
  app({ id: 'badge', name: 'Office badge', kind: 'manual', ...over });

/** The account a SCIM app would hold for the person after a create by Lanyard. */
export const accountOf = (p: SyncPerson, over: Partial<SyncAccount> = {}): SyncAccount => ({
  remoteId: `r-${++seq}`,
  userName: p.login,
  emails: p.email ? [p.email] : [],
  externalId: p.id,
  active: true,
  role: null,
  groups: [],
  displayName: p.displayName ?? null,
  ...over,
});

export const input = (
  over: Partial<PlanInput> & Pick<PlanInput, 'people' | 'apps' | 'rules'>,
): PlanInput => ({
  accounts: {},
  now: NOW,
  timeZone: 'UTC',
  ...over,
});

export type Rules = RuleConfig[];

/** Applies ops to the accounts lists as the apps would (manual tasks as if an admin did and confirmed them). */
export const applyOps = (inp: PlanInput, ops: readonly PlanOp[]): Record<string, SyncAccount[]> => {
  const out: Record<string, SyncAccount[]> = {};
  for (const a of inp.apps)
    out[a.id] = (inp.accounts[a.id] ?? []).map((x) => ({ ...x, groups: [...x.groups] }));
  const find = (appId: string, remoteId: string | null, personId: string | null): SyncAccount => {
    const hit = out[appId]!.find((a) => (remoteId ? a.remoteId === remoteId : a.externalId === personId));
    if (!hit) throw new Error(`no account ${remoteId ?? personId} in ${appId}`);
    return hit;
  };
  const create = (
    appId: string,
    spec: NonNullable<Extract<PlanOp['payload'], { kind: 'create' }>['spec']>,
    remoteId: string,
  ) => {
    const attributes: SyncAccount['attributes'] = {};
    for (const f of PROFILE_FIELDS) attributes[f] = spec[f] ?? null;
    out[appId]!.push({
      remoteId,
      userName: spec.userName,
      emails: spec.email ? [spec.email] : [],
      externalId: spec.externalId,
      active: true,
      role: spec.role ?? null,
      groups: [],
      displayName: spec.displayName,
      attributes,
    });
  };
  for (const op of ops) {
    const p = op.payload;
    const list = out[op.appId]!;
    switch (p.kind) {
      case 'create':
        create(op.appId, p.spec, `r-${++seq}`);
        break;
      case 'update': {
        const a = find(op.appId, p.remoteId, null);
        const c = p.changes;
        if (c.userName !== undefined) a.userName = c.userName;
        if (c.externalId !== undefined) a.externalId = c.externalId;
        if (c.email !== undefined) a.emails = c.email ? [c.email] : [];
        if (c.displayName !== undefined) a.displayName = c.displayName;
        for (const f of PROFILE_FIELDS)
          if (c[f] !== undefined) a.attributes = { ...a.attributes, [f]: c[f] ?? null };
        break;
      }
      case 'set-role':
        find(op.appId, p.remoteId, null).role = p.role;
        break;
      case 'add-to-group':
        for (const m of p.members) find(op.appId, m.remoteId, m.personId).groups.push(p.groupId);
        break;
      case 'remove-from-group':
        for (const m of p.members) {
          const a = find(op.appId, m.remoteId, m.personId);
          a.groups = a.groups.filter((g) => g.toLowerCase() !== p.groupId.toLowerCase());
        }
        break;
      case 'deactivate':
        Object.assign(find(op.appId, p.remoteId, null), { active: false, deactivatedAt: NOW.toISOString() });
        break;
      case 'reactivate':
        Object.assign(find(op.appId, p.remoteId, null), { active: true, deactivatedAt: null });
        break;
      case 'delete':
        list.splice(list.indexOf(find(op.appId, p.remoteId, null)), 1);
        break;
      case 'manual-task':
        if (p.action === 'created') create(op.appId, p.spec!, p.spec!.userName);
        else if (p.action === 'deactivated')
          Object.assign(find(op.appId, p.remoteId, null), { active: false });
        else if (p.action === 'reactivated') find(op.appId, p.remoteId, null).active = true;
        else if (p.action === 'deleted') list.splice(list.indexOf(find(op.appId, p.remoteId, null)), 1);
        else if (p.action === 'updated') find(op.appId, p.remoteId, null).role = p.role;
        break;
    }
  }
  return out;
};
