// `lanyard tasks`, `tasks done` and `tasks undo` in-process against a world's data folder: the inbox from a shell,
// with the same Done (note in the ledger) and Undo as the Tasks page, and bad input refused with exit 2.
import { afterEach, describe, expect, it } from 'vitest';
import { worldEnv, type World } from '../sync-engine/kit';
import { runInProcess } from '../cli/run-cli';
import { startOffboardingWorld } from '../../integration/offboarding-kit';

let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('lanyard tasks', () => {
  it('lists a new hire’s badge, marks it done with a note, undoes it, and refuses an unknown task', async () => {
    const { w, t } = await startOffboardingWorld();
    world = w;
    w.okta.state.addMember(w.groupIds.get('Office')!, w.people[1]!);
    await t.call('sync.run', {});
    const dataDir = t.core.context.dataDir;
    t.close();
    const env = { ...worldEnv(), LANYARD_LOG_LEVEL: 'error' };
    const cli = (...args: string[]) => runInProcess(['--data-dir', dataDir, ...args], { env });

    const list = await cli('tasks');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^1 task\(s\) to do by hand:/);
    const id = /(op:\d+) {2}Create an account for user1@example\.com in Office badge/.exec(list.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await cli('tasks', '--app', 'acme')).stdout).toMatch(/^Nothing to do by hand\./);

    const done = await cli('tasks', 'done', id!, '--note', 'badge #7 issued');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Done: Create an account.*can be undone until the next sync run/);
    const after = await cli('tasks', '--json');
    const value = (
      JSON.parse(after.stdout) as { value: { open: unknown[]; recentlyDone: { note: string }[] } }
    ).value;
    expect(value.open).toEqual([]);
    expect(value.recentlyDone[0]!.note).toBe('badge #7 issued');
    const audit = await cli('audit', 'list', '--action', 'task.completed', '--json');
    expect(audit.stdout).toContain('badge #7 issued');

    const undone = await cli('tasks', 'undo', id!);
    expect(undone.code).toBe(0);
    expect(undone.stdout).toMatch(/Undone: .* is to do again\./);
    expect((await cli('tasks')).stdout).toContain(id!);

    const unknown = await cli('tasks', 'done', 'op:999999');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no task "op:999999"/);
    const malformed = await cli('tasks', 'undo', 'twelve');
    expect(malformed.code).toBe(2);
  });
});
