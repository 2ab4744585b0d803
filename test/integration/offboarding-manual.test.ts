// Manual offboards (urgent terminations the directory has not caught up with), the kill switch, verification that
// catches an app that lies, a rehire before approval, and the CLI's refusals — against the fakes on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from '../helpers/test-database';
import type { World } from '../unit/sync-engine/kit';
import { worldEnv } from '../unit/sync-engine/kit';
import { runInProcess } from '../unit/cli/run-cli';
import { scimUser, startOffboardingWorld, type OffboardingCore } from './offboarding-kit';

let world: World | null = null;
let tc: OffboardingCore | null = null;
afterEach(async () => {
  tc?.close();
  tc = null;
  await world?.close();
  world = null;
});

const start = async () => {
  const r = await startOffboardingWorld();
  world = r.w;
  tc = r.t;
  return r;
};

describe('a manual offboard', () => {
  it('of someone still active, with the kill switch: suspends, ends sessions and revokes every account, all audited', async () => {
    const { w, t } = await start();
    const person = w.people[0]!;
    const preview = await t.call('offboarding.preview', { person: 'user0@example.com', killSessions: true });
    expect(preview.tasks.map((x) => x.kind)).toEqual([
      'idp-suspend',
      'idp-revoke-sessions',
      'app',
      'app',
      'manual',
      'verify',
    ]);
    expect(preview.tasks.find((x) => x.appId === 'github')!.heldReason).toMatch(/GitHub requires review/);
    expect(w.okta.killSwitch.suspended).toEqual([]); // a preview changes nothing

    const c = await t.call('offboarding.start', {
      person: 'user0@example.com',
      killSessions: true,
      confirm: true,
    });
    expect(w.okta.killSwitch.suspended).toEqual([person]);
    expect(w.okta.killSwitch.sessionsRevoked.map((s) => s.userId)).toEqual([person]);
    expect(scimUser(w, 'user0@example.com')?.active).toBe(false);
    expect(c.tasks.find((x) => x.kind === 'idp-suspend')!.status).toBe('done');
    expect(c.tasks.find((x) => x.appId === 'github')!.status).toBe('review');

    await t.call('offboarding.approve', { caseId: c.id });
    expect(w.github!.state.roleOf('gh-user0')).toBeUndefined();
    const badge = (await t.call('offboarding.get', { caseId: c.id })).tasks.find((x) => x.appId === 'badge')!;
    const closed = await t.call('offboarding.completeManual', { taskId: badge.id, note: '' });
    expect(closed.status).toBe('closed');

    const audit = await t.call('audit.list', { limit: 500 } as never);
    const mine = (audit as { events: { action: string; case: number | null; app: string | null }[] }).events;
    const actions = mine.map((e) => e.action);
    for (const a of [
      'offboarding.case.opened',
      'offboarding.idp.suspend',
      'offboarding.idp.revokeSessions',
      'offboarding.task.approved',
      'offboarding.task.completed',
      'offboarding.verified',
      'offboarding.case.closed',
    ]) {
      expect(actions).toContain(a);
    }
    expect(mine.some((e) => e.action === 'op.applied' && e.app === 'acme')).toBe(true);
    expect(mine.some((e) => e.action === 'op.applied' && e.app === 'github')).toBe(true);

    // The next sync does not undo it, although the directory... now shows them suspended; nothing is planned.
    const after = await t.call('sync.run', {});
    expect(after.held).toEqual([]);
    expect(scimUser(w, 'user0@example.com')?.active).toBe(false);
  });

  it('is not undone by the next sync while the directory still shows the person active', async () => {
    const { w, t } = await start();
    const c = await t.call('offboarding.start', { person: 'user2@example.com', confirm: true });
    expect(c.status).toBe('closed');
    expect(scimUser(w, 'user2@example.com')?.active).toBe(false);
    const run = await t.call('sync.run', {});
    expect(run.run.stats!.opsByKind.reactivate ?? 0).toBe(0);
    expect(scimUser(w, 'user2@example.com')?.active).toBe(false);
  });

  it('flags an app that reports success but keeps the account active', async () => {
    const { w, t } = await start();
    w.scim.set({ ignoreDeactivate: true });
    const c = await t.call('offboarding.start', { person: 'user1@example.com', confirm: true });
    expect(scimUser(w, 'user1@example.com')?.active).not.toBe(false);
    const acme = c.tasks.find((x) => x.appId === 'acme')!;
    expect(acme.status).toBe('flagged');
    expect(acme.verification).toMatch(/still active/);
    expect(c.tasks.find((x) => x.kind === 'verify')!.status).toBe('flagged');
    expect(c.status).toBe('open');
  });

  it('a rehire before approval cancels the case and leaves no account deactivated', async () => {
    const { w, t } = await start();
    w.okta.state.setStatus(w.people[3]!, 'SUSPENDED');
    await t.call('sync.run', {});
    expect(scimUser(w, 'user3@example.com')?.active).toBe(false);
    const open = (await t.call('offboarding.list', { status: 'open' })).cases[0]!;
    expect(open.tasks.find((x) => x.appId === 'github')!.status).toBe('review');

    w.okta.state.setStatus(w.people[3]!, 'ACTIVE');
    await t.call('sync.run', {});
    const c = await t.call('offboarding.get', { caseId: open.id });
    expect(c.status).toBe('cancelled');
    expect(c.tasks.find((x) => x.appId === 'github')!.status).toBe('skipped');
    expect(scimUser(w, 'user3@example.com')?.active).toBe(true);
    expect(w.github!.state.roleOf('gh-user3')).toBeDefined();
    expect((await t.call('review.list', {})).total).toBe(0);
    expect((await t.call('offboarding.list', {})).pending).toBe(0);
  });
});

describe('lanyard offboard', () => {
  // Through the CLI on the core's data folder (SQLite): the CLI has no PostgreSQL mode.
  it.skipIf(TEST_ENGINE === 'postgres')(
    'refuses an unknown person, an ambiguous match and someone already offboarded (exit 2), changing nothing',
    async () => {
      const { t } = await start();
      const dataDir = t.core.context.dataDir;
      t.close();
      tc = null;
      const env = { ...worldEnv(), LANYARD_LOG_LEVEL: 'error' };
      const cli = (...args: string[]) => runInProcess(['--data-dir', dataDir, ...args], { env });

      const preview = await cli('offboard', 'user2@example.com');
      expect(preview.code).toBe(0);
      expect(preview.stdout).toMatch(/Nothing was changed/);

      const unknown = await cli('offboard', 'nobody@example.com', '--yes');
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/Nobody in the directory matches/);
      const ambiguous = await cli('offboard', 'user', '--yes');
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(/matches \d+ people/);

      const done = await cli('offboard', 'user2@example.com', '--yes');
      expect(done.code).toBe(0);
      const before = await cli('--json', 'offboarding', 'list');
      const again = await cli('offboard', 'user2@example.com', '--yes');
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already (being )?offboarded/);
      expect((await cli('--json', 'offboarding', 'list')).stdout).toBe(before.stdout);

      const html = await cli('offboarding', 'evidence', '1', '--format', 'html');
      expect(html.code).toBe(0);
      expect(html.stdout).toContain('Offboarding evidence: case 1');
    },
  );
});
