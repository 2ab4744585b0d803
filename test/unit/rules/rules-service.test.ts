// The Access rules API against a real store seeded like a directory pull and an accounts read: the impact preview
// of proposed rules is exactly who gains, changes or loses access (checked against a brute-force count over the
// seeded people), and saving validates, stores and audits the rules without applying anything.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLanyard, type Lanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { createKeychainStore } from '../../../electron/secrets/keychain';
import { createDirectorySnapshotRepo } from '../../../electron/store/directory-snapshot-repo';
import { createAccountsRepo } from '../../../electron/store/accounts-repo';
import type { DirectoryPerson, PersonStatus } from '../../../electron/directory/types';
import { appConfigSchema, type RuleConfig } from '../../../shared/config/workspace';
import type { RulesPreview, RulesSaveResult } from '../../../shared/api/methods-rules';
import type { AppAccount } from '../../../shared/api/methods-apps';
import type { ApiResult } from '../../../shared/api/result';
import { makeTempDir, removeDir } from '../../helpers/temp-dir';

const PEOPLE = 40;
const STATUSES: PersonStatus[] = ['active', 'active', 'active', 'suspended'];
const pid = (i: number) => `00u${String(i).padStart(4, '0')}`;
const email = (i: number) => `user${i}@acme.test`;
const inEngineering = (i: number) => i % 2 === 1;
const inSales = (i: number) => i % 2 === 0;
const statusOf = (i: number): PersonStatus => STATUSES[i % STATUSES.length]!;
/** Every third person already has an active account in the SCIM app. */
const hasAccount = (i: number) => i % 3 === 0;

const person = (i: number): DirectoryPerson => ({
  id: pid(i),
  login: email(i),
  email: email(i),
  givenName: `Given${i}`,
  familyName: `Family${i}`,
  displayName: `Person ${i}`,
  department: null,
  title: null,
  manager: null,
  employeeNumber: null,
  status: statusOf(i),
  vendorStatus: statusOf(i).toUpperCase(),
  statusChangedAt: '2026-11-01T09:00:00.000Z',
  attributes: {},
});

const account = (i: number): AppAccount => ({
  remoteId: `R${i}`,
  userName: email(i),
  emails: [email(i)],
  externalId: pid(i),
  active: true,
  role: null,
  groups: [],
  displayName: `Person ${i}`,
});

let core: Lanyard;
let dataDir: string;
const call = <T>(method: string, input: unknown) =>
  dispatch(core.handlers, method, input, { actor: 'test' }, createLogger(memorySink())) as Promise<
    ApiResult<T>
  >;
const ok = async <T>(method: string, input: unknown): Promise<T> => {
  const r = await call<T>(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
};

const salesRule: RuleConfig = { app: 'hr', groups: ['Sales'] };
const engRule: RuleConfig = { app: 'hr', groups: ['Engineering'] };

beforeEach(async () => {
  dataDir = makeTempDir('rules');
  core = createLanyard({
    dataDir,
    secrets: createKeychainStore(`Lanyard-test-${randomUUID()}`),
    log: createLogger(memorySink()),
    env: {},
  });
  const { repos } = core.context;
  await repos.workspace.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: 'https://acme.okta.com',
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  const memberships: [string, string][] = [];
  for (let i = 0; i < PEOPLE; i++) memberships.push([inEngineering(i) ? 'g-eng' : 'g-sales', pid(i)]);
  await core.context.store.tx(() =>
    createDirectorySnapshotRepo(core.context.store).replaceAll(
      {
        people: Array.from({ length: PEOPLE }, (_, i) => person(i)),
        groups: [
          { id: 'g-eng', name: 'Engineering', description: null },
          { id: 'g-sales', name: 'Sales', description: null },
        ],
        memberships,
        cursor: null,
        requests: 1,
      },
      '2026-11-28T10:00:00.000Z',
    ),
  );
  await repos.workspace.setApps([
    appConfigSchema.parse({
      id: 'hr',
      name: 'Acme HR',
      kind: 'scim',
      preset: 'generic',
      baseUrl: 'https://hr.example.com/scim/v2',
      auth: { type: 'bearer', token: 'env:HR_TOKEN' },
    }),
  ]);
  const accounts: AppAccount[] = [];
  for (let i = 0; i < PEOPLE; i++) if (hasAccount(i)) accounts.push(account(i));
  await createAccountsRepo(core.context.store).replaceSnapshot('hr', accounts, '2026-11-28T10:05:00.000Z');
  await repos.workspace.setRules([salesRule]);
});
afterEach(() => {
  core.close();
  removeDir(dataDir);
});

const range = Array.from({ length: PEOPLE }, (_, i) => i);

describe('rules.preview', () => {
  it('counts exactly the people a rule change would add and remove, with reasons', async () => {
    const preview = await ok<RulesPreview>('rules.preview', { rules: [engRule] });
    // Brute force: who should have an account after vs before, against who has one now.
    const shouldAfter = (i: number) => inEngineering(i) && statusOf(i) === 'active';
    const shouldBefore = (i: number) => inSales(i) && statusOf(i) === 'active';
    const adds = range.filter((i) => shouldAfter(i) && !hasAccount(i) && !shouldBefore(i));
    const removes = range.filter((i) => hasAccount(i) && !shouldAfter(i) && shouldBefore(i));
    expect(preview.counts.adds).toBe(adds.length);
    expect(preview.counts.removes).toBe(removes.length);
    expect(
      preview.ops
        .filter((o) => o.kind === 'create')
        .map((o) => o.target)
        .sort(),
    ).toEqual(adds.map(email).sort());
    expect(preview.apps).toEqual([
      expect.objectContaining({ appId: 'hr', appName: 'Acme HR', counts: preview.counts }),
    ]);
    expect(preview.ops.every((o) => o.reason.length > 0)).toBe(true);
    expect(preview.people).toBe(PEOPLE);
    // The creates the current rule still has pending for Sales people are no longer planned.
    const pendingSales = range.filter((i) => shouldBefore(i) && !hasAccount(i));
    expect(preview.dropped.filter((o) => o.kind === 'create')).toHaveLength(pendingSales.length);
  });

  it('shows no impact for the rules as they are', async () => {
    const preview = await ok<RulesPreview>('rules.preview', { rules: [salesRule] });
    expect(preview.counts).toEqual({ adds: 0, changes: 0, removes: 0 });
    expect(preview.ops).toEqual([]);
  });

  it('refuses a rule for an app that does not exist, naming it', async () => {
    const r = await call('rules.preview', { rules: [salesRule, { app: 'nope', groups: ['Sales'] }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_input');
      expect(r.error.path).toBe('rules.1.app');
    }
  });
});

describe('rules.save', () => {
  it('stores the rules and audits the change, but applies nothing', async () => {
    const saved = await ok<RulesSaveResult>('rules.save', { rules: [salesRule, engRule] });
    expect(saved).toEqual({ rules: 2, changed: true });
    expect(await core.context.repos.workspace.listRules()).toEqual([salesRule, engRule]);
    const { db } = core.context;
    const events = db
      .prepare<[], { action: string; actor: string }>(
        "SELECT action, actor FROM audit_events WHERE action = 'rules.changed'",
      )
      .all();
    expect(events).toEqual([{ action: 'rules.changed', actor: 'test' }]);
    const ops = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM plan_ops').get()!;
    const runs = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM runs').get()!;
    expect([ops.n, runs.n]).toEqual([0, 0]);
    const accounts = await createAccountsRepo(core.context.store).list('hr');
    expect(accounts).toHaveLength(range.filter(hasAccount).length);
  });

  it('refuses an unknown app and keeps the stored rules', async () => {
    const r = await call('rules.save', { rules: [{ app: 'ghost', groups: ['Sales'] }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('no app with id "ghost"');
    expect(await core.context.repos.workspace.listRules()).toEqual([salesRule]);
  });

  it('refuses a rule that says nothing about who it matches', async () => {
    const r = await call('rules.save', { rules: [{ app: 'hr', role: 'admin' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad_input');
  });

  it('does not audit a save that changes nothing', async () => {
    expect(await ok<RulesSaveResult>('rules.save', { rules: [salesRule] })).toEqual({
      rules: 1,
      changed: false,
    });
  });
});
