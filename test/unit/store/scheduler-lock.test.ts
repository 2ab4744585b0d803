// At most one process per data folder runs the scheduler, and a crashed owner leaves no stale lock behind.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLanyard } from '../../../electron/app/create-lanyard';
import { dispatch } from '../../../electron/app/dispatch';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { tryAcquireSchedulerLock } from '../../../electron/store/scheduler-lock';
import { createTestKeychain } from '../../helpers/keychain';
import { FIXTURES, spawnTs, stopChildren, waitForLine } from '../../helpers/processes';
import { tempDirForTest } from '../../helpers/temp-dir';

const HOLD_LOCK = path.join(FIXTURES, 'hold-scheduler-lock.ts');

afterEach(stopChildren);

describe('the scheduler lock', () => {
  it('cannot be taken while another process holds it, and is free again once that process is killed', async () => {
    const dir = tempDirForTest('lock');
    const holder = spawnTs(HOLD_LOCK, [dir]);
    expect(await waitForLine(holder, /^(locked \d+|busy)$/)).toMatch(/^locked/);

    expect(tryAcquireSchedulerLock(dir)).toBeNull();

    holder.child.kill('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');

    const lock = tryAcquireSchedulerLock(dir);
    expect(lock).not.toBeNull();
    lock!.release();
  });

  it('is held by this process until released, then another process can take it', async () => {
    const dir = tempDirForTest('lock2');
    const lock = tryAcquireSchedulerLock(dir);
    expect(lock).not.toBeNull();
    try {
      const other = spawnTs(HOLD_LOCK, [dir]);
      expect(await waitForLine(other, /^(locked \d+|busy)$/)).toBe('busy');
      expect(await other.exited).toBe(0);
    } finally {
      lock!.release();
    }
    const after = spawnTs(HOLD_LOCK, [dir]);
    expect(await waitForLine(after, /^(locked \d+|busy)$/)).toMatch(/^locked/);
  });

  it('makes only the first of two cores on one data folder the scheduler owner', async () => {
    const dir = tempDirForTest('lock-core');
    const keychain = createTestKeychain();
    const sink = memorySink();
    const first = createLanyard({
      dataDir: dir,
      secrets: keychain,
      scheduler: true,
      log: createLogger(sink),
    });
    const second = createLanyard({
      dataDir: dir,
      secrets: keychain,
      scheduler: true,
      log: createLogger(sink),
    });
    try {
      const a = await dispatch(first.handlers, 'app.info', {}, { actor: 'test' });
      const b = await dispatch(second.handlers, 'app.info', {}, { actor: 'test' });
      expect(a).toMatchObject({ ok: true, value: { schedulerOwner: true } });
      expect(b).toMatchObject({ ok: true, value: { schedulerOwner: false } });
      expect(sink.lines.some((l) => /another Lanyard process runs the scheduler/.test(l))).toBe(true);
    } finally {
      second.close();
      first.close();
      await keychain.purge();
    }
  });
});
