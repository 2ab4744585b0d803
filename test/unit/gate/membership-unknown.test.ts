// Membership known or unknown, through the real core and gate: the Okta fake as the directory and an independent
// SCIM server (scimmy) behind a proxy that hides group membership the way real servers do.
// - Members shown nowhere: Lanyard adds each membership once (its journal says it added it), never again on later
//   polls, and removes a membership it added when the person leaves the rule's group — but never one it did not
//   add. The plan says why: "membership not readable: removals rely on Lanyard's own record".
// - Members left out of listings only: Lanyard reads each group, so it knows the real members and removes
//   someone an admin added by hand who no rule wants there.
// - A group that cannot be read at all: the app sits the run out, with zero writes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appConfigSchema, ruleSchema } from '../../../shared/config/workspace';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { startScimmyServer, type ScimmyServer } from '../../fakes/scim/scimmy-server';
import { startScimProxy, withoutMembers, type ProxyHooks, type ScimProxy } from '../apps/scim-proxy';
import { OKTA_TOKEN, SCIM_TOKEN, openTestCore, type TestCore, storeRows } from '../sync-engine/kit';

let scimmy: ScimmyServer;
beforeAll(async () => {
  scimmy = await startScimmyServer(SCIM_TOKEN);
});
afterAll(async () => {
  await scimmy?.close();
});

let okta: OktaFake | null = null;
let proxy: ScimProxy | null = null;
let tc: TestCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await okta?.close();
  okta = null;
  await proxy?.close();
  proxy = null;
});

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let world = 0;

/**
 * Six people (all in Everyone; 0–2 in Engineering), an app group "Eng Team N" in scimmy, and the rules: everyone
 * gets an account, Engineering also gets the app group. Logins and the group are unique per test (scimmy is shared).
 */
const start = async (hooks: ProxyHooks) => {
  const n = ++world;
  okta = await startOktaFake({ apiTokens: [OKTA_TOKEN] });
  proxy = await startScimProxy(scimmy.url, hooks);
  const everyone = okta.state.addGroup('Everyone').id;
  const engineering = okta.state.addGroup('Engineering').id;
  const people: string[] = [];
  for (let i = 0; i < 6; i++) {
    const u = okta.state.addUser({
      login: `w${n}p${i}@acme.io`,
      email: `w${n}p${i}@acme.io`,
      firstName: `P${i}`,
      lastName: `World${n}`,
    });
    people.push(u.id);
    okta.state.addMember(everyone, u.id, true);
    if (i < 3) okta.state.addMember(engineering, u.id, true);
  }
  okta.state.logs.length = 0;
  const groupName = `Eng Team ${n}`;
  const created = await fetch(`${scimmy.url}/Groups`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: groupName,
    }),
  });
  const groupId = ((await created.json()) as { id: string }).id;

  tc = openTestCore();
  await tc.core.ready; // on PostgreSQL the schema is checked or migrated in the background
  const ws = tc.core.context.repos.workspace;
  await ws.setDirectory({
    kind: 'okta',
    name: 'Acme Okta',
    baseUrl: okta.url,
    auth: { type: 'token', token: 'env:OKTA_TOKEN' },
  });
  await ws.setApps([
    appConfigSchema.parse({
      id: 'acme',
      name: 'Acme',
      kind: 'scim',
      baseUrl: proxy.url,
      auth: { type: 'bearer', token: 'env:SCIM_TOKEN' },
    }),
  ]);
  await ws.setRules([
    ruleSchema.parse({ app: 'acme', groups: ['Everyone'] }),
    ruleSchema.parse({ app: 'acme', groups: ['Engineering'], appGroups: [groupName] }),
  ]);

  const t = tc;
  const o = okta;
  const p = proxy;
  /** The app's account id of person i, as the app has it. */
  const accountOf = (i: number): string => {
    const login = `w${n}p${i}@acme.io`;
    const u = [...scimmy.users.values()].find((x) => String(x.userName).toLowerCase() === login);
    if (!u) throw new Error(`no account for ${login}`);
    return u.id;
  };
  const membersInApp = (): string[] =>
    ((scimmy.groups.get(groupId)?.members as { value: string }[] | undefined) ?? [])
      .map((m) => m.value)
      .sort();
  const groupOps = () =>
    storeRows<{ run_id: number; kind: string; status: string; result: string | null }>(
      t.core,
      `SELECT run_id, kind, status, result FROM plan_ops
         WHERE app_id = 'acme' AND kind IN ('add-to-group', 'remove-from-group') ORDER BY id`,
    );
  const groupWrites = (): number =>
    p.requests.filter((r) => WRITES.has(r.method) && r.path.startsWith('/Groups')).length;
  return {
    t,
    okta: o,
    proxy: p,
    people,
    engineering,
    groupId,
    accountOf,
    membersInApp,
    groupOps,
    groupWrites,
  };
};

/** An admin adds someone to the group in the app by hand (not through Lanyard). */
const addByHand = (groupId: string, remoteId: string): void => {
  const g = scimmy.groups.get(groupId)!;
  g.members = [...((g.members as { value: string }[] | undefined) ?? []), { value: remoteId }];
};

const changed = (result: string | null): string[] =>
  result ? ((JSON.parse(result) as { changed?: string[] }).changed ?? []) : [];

describe('membership the app does not show (members and User.groups left out everywhere)', () => {
  it('adds each membership once across 5 polls, and removes one Lanyard added when the person leaves the group', async () => {
    const w = await start({ rewrite: withoutMembers({ everywhere: true, userGroups: false }) });
    const eng = () => [0, 1, 2].map(w.accountOf).sort();

    for (let poll = 1; poll <= 5; poll++) {
      const r = await w.t.call('sync.run', {});
      expect(r.failed).toEqual([]);
    }
    expect(w.membersInApp()).toEqual(eng());
    // One add op, done, naming each member once — not one add per poll.
    const adds = (await w.groupOps()).filter((o) => o.kind === 'add-to-group');
    expect(adds.map((o) => o.status)).toEqual(['done']);
    expect(changed(adds[0]!.result).sort()).toEqual(eng());
    expect(w.groupWrites()).toBe(1);

    // The plan says membership cannot be read, and what removals rely on.
    const dry = await w.t.call('sync.plan', {});
    expect(dry.warnings).toContainEqual(
      expect.stringContaining("membership not readable: removals rely on Lanyard's own record"),
    );
    expect(dry.ops.filter((o) => o.kind === 'add-to-group' || o.kind === 'remove-from-group')).toEqual([]);
    // So does the app's health (Apps page, tray).
    const status = await w.t.call('apps.status', {});
    const app = status.find((a) => a.health !== 'ok')!;
    expect(app.health).toBe('degraded');
    expect(app.healthDetail).toMatch(/membership not readable: removals rely on Lanyard's own record/);

    // An admin adds person 4 by hand: not Lanyard's to remove, as Lanyard cannot see it.
    const byHand = w.accountOf(4);
    addByHand(w.groupId, byHand);
    // Person 0 leaves Engineering: the membership Lanyard added is removed.
    w.okta.state.removeMember(w.engineering, w.people[0]!);
    const leave = await w.t.call('sync.run', {});
    expect(leave.failed).toEqual([]);
    expect(leave.held).toEqual([]);
    const removes = (await w.groupOps()).filter((o) => o.kind === 'remove-from-group');
    expect(removes.map((o) => [o.status, changed(o.result)])).toEqual([['done', [w.accountOf(0)]]]);
    expect(w.membersInApp()).toEqual([w.accountOf(1), w.accountOf(2), byHand].sort());

    // Later polls neither remove again nor add person 0 back.
    await w.t.call('sync.run', {});
    await w.t.call('sync.run', {});
    expect(await w.groupOps()).toHaveLength(2);
    expect(w.groupWrites()).toBe(2);
  });
});

describe('members left out of group listings only', () => {
  it('reads each group, adds once, and removes a member an admin added by hand', async () => {
    const w = await start({ rewrite: withoutMembers({ everywhere: false, userGroups: false }) });
    for (let poll = 1; poll <= 3; poll++) await w.t.call('sync.run', {});
    expect((await w.groupOps()).map((o) => o.kind)).toEqual(['add-to-group']);
    expect(w.proxy.requests.some((r) => r.path === `/Groups/${w.groupId}` && r.method === 'GET')).toBe(true);

    const dry = await w.t.call('sync.plan', {});
    expect(dry.warnings.some((x) => x.includes('membership not readable'))).toBe(false);

    addByHand(w.groupId, w.accountOf(4));
    const r = await w.t.call('sync.run', {});
    expect(r.failed).toEqual([]);
    expect((await w.groupOps()).map((o) => [o.kind, o.status])).toEqual([
      ['add-to-group', 'done'],
      ['remove-from-group', 'done'],
    ]);
    expect(w.membersInApp()).toEqual([0, 1, 2].map(w.accountOf).sort());
  });
});

describe('a group whose members cannot be read', () => {
  it('keeps the app out of the run: no account and no group is written', async () => {
    const w = await start({
      rewrite: withoutMembers({ everywhere: false, userGroups: false }),
      answer: (req) =>
        req.method === 'GET' && /^\/Groups\/[^/]+$/.test(req.path)
          ? { status: 500, body: { detail: 'members unavailable' } }
          : null,
    });
    const r = await w.t.call('sync.run', {});
    expect(r.skippedApps.map((s) => s.appId)).toEqual(['acme']);
    expect(r.skippedApps[0]!.reason).toMatch(/could not read/);
    expect(w.proxy.requests.filter((q) => WRITES.has(q.method))).toEqual([]);
    expect(r.run.status).toBe('partial');
  });
});
