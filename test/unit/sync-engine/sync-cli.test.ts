// `lanyard sync [--dry-run] [--app ID]`, `lanyard review list|approve|skip` and `lanyard runs` through the CLI's
// main(), with --json and exit codes (1 when something failed or waits for review).
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-cli';
import { configure, openTestCore, scimUsers, startWorld, worldEnv, type World } from './kit';
import { tempDirForTest } from '../../helpers/temp-dir';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const env = { ...worldEnv(), LANYARD_LOG_LEVEL: 'error' };
const json = <T>(r: { stdout: string }): T => (JSON.parse(r.stdout) as { value: T }).value;

const setUp = async (n: number) => {
  world = await startWorld(n, { github: false });
  const dataDir = tempDirForTest('sync-cli');
  const tc = openTestCore(dataDir);
  await configure(tc.core, world);
  tc.close();
  const cli = (...args: string[]) => runInProcess([...args, '--data-dir', dataDir], { env });
  return { w: world, cli };
};

describe('lanyard sync', () => {
  it('--dry-run prints the plan with reasons and sends nothing to apps', async () => {
    const { w, cli } = await setUp(10);
    const r = await cli('sync', '--dry-run', '--json');
    expect(r.code).toBe(0);
    const plan = json<{ ops: { appId: string; kind: string; reason: string }[] }>(r);
    expect(plan.ops.filter((o) => o.appId === 'acme' && o.kind === 'create')).toHaveLength(10);
    expect(plan.ops[0]!.reason).toMatch(
      /^create user0@example.com in Acme as engineer: in Engineering \(rule 2\)/,
    );
    expect(scimUsers(w)).toHaveLength(0);
    expect(w.scim.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);

    const human = await cli('sync', '--dry-run');
    expect(human.stdout).toMatch(/Nothing was sent to any app/);
  });

  it('applies, then exits 1 while deprovisions wait for review; review approve applies them; runs lists the history', async () => {
    const { w, cli } = await setUp(30);
    const first = await cli('sync', '--json', '--app', 'acme');
    expect(first.code).toBe(0);
    expect(json<{ run: { status: string } }>(first).run.status).toBe('ok');
    expect(scimUsers(w)).toHaveLength(30);

    for (let i = 0; i < 12; i++) w.okta.state.setStatus(w.people[i]!, 'SUSPENDED');
    const held = await cli('sync');
    expect(held.code).toBe(1);
    expect(held.stdout).toMatch(/Waiting for review/);

    const list = await cli('review', 'list', '--json');
    const queue = json<{ total: number; apps: { ops: { id: number }[] }[] }>(list);
    expect(queue.total).toBe(12);
    const ids = queue.apps[0]!.ops.map((o) => String(o.id));

    expect((await cli('review', 'skip', ids[0]!)).code).toBe(2); // --reason is required
    expect((await cli('review', 'skip', ids[0]!, '--reason', 'on leave')).code).toBe(0);
    const approve = await cli('review', 'approve', ...ids.slice(1), '--json');
    expect(approve.code).toBe(0);
    expect(scimUsers(w).filter((u) => u.active === false)).toHaveLength(11);

    const runs = await cli('runs', '--json');
    const history = json<{ kind: string; trigger: string; status: string }[]>(runs);
    // (Offboarding cases opened for the leavers may record runs of their own; only ours are checked.)
    const ours = history.filter((r) => /^(sync\.run|review\.approve)/.test(r.trigger));
    expect(ours.map((r) => r.kind)).toEqual(['review', 'manual', 'manual']);
    expect((await cli('runs')).stdout).toMatch(/Approval run #\d+ succeeded: 11 applied \(\d+ ms\)/);
  });
});
