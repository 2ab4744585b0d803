// The run history an admin reads (runs.history, runs.get) on a real core and the fakes: polls that found nothing
// to do are left out and counted, while a poll that did something or hit a problem stays; one run in full names
// who started it, its per-app counts and every op with its outcome, reason and the ledger events that record it.
import { describe, expect, it } from 'vitest';
import type { RunStats } from '../../../shared/api/methods-sync';
import { worldPerTest } from '../sync-engine/kit';

const setup = worldPerTest();

const emptyStats = (apps: RunStats['apps'] = {}): RunStats => ({
  durationMs: 40,
  opsByKind: {},
  planned: 0,
  applied: 0,
  failed: 0,
  held: 0,
  skipped: 0,
  directory: { mode: 'delta', people: 0, requests: 1, suspicious: false },
  apps,
});

describe('run history', () => {
  it('hides polls that found nothing to do, counts them, and shows them on request', async () => {
    const { t } = await setup(6, { github: false });
    const runs = t.core.sync.service.deps.runs;
    const at = new Date().toISOString();
    const manual = (await t.call('sync.run', {})).run.id;
    // What the scheduler writes for a quiet minute, thirty times; then one poll whose app could not be read.
    for (let i = 0; i < 30; i++)
      await runs.finish(await runs.start('poll', 'schedule', at), 'ok', emptyStats(), null, at);
    const troubled = await runs.start('poll', 'schedule', at);
    await runs.finish(
      troubled,
      'ok',
      emptyStats({
        acme: {
          status: 'skipped',
          detail: 'could not read accounts: 401',
          applied: 0,
          failed: 0,
          held: 0,
          skipped: 0,
          requests: 1,
          timeToRevoke: null,
        },
      }),
      null,
      at,
    );

    const page = await t.call('runs.history', {});
    expect(page.runs.map((r) => r.id)).toEqual([troubled, manual]);
    expect(page.hiddenPolls).toBe(30);
    const all = await t.call('runs.history', { showEmptyPolls: true, limit: 100 });
    expect([all.runs.length, all.hiddenPolls]).toEqual([32, 0]);
    // A short page counts only what it hides within its own span.
    const one = await t.call('runs.history', { limit: 1 });
    expect([one.runs.map((r) => r.id), one.hiddenPolls]).toEqual([[troubled], 0]);
  });

  it('opens one run with who started it, its counts, and every op with its outcome and ledger events', async () => {
    const { t } = await setup(6, { github: false });
    const r = await t.call('sync.run', {});
    const detail = await t.call('runs.get', { id: r.run.id });
    expect(detail.who).toBe('test');
    expect(detail.run.stats?.apps.acme?.applied).toBe(6);
    expect(detail.appNames).toMatchObject({ acme: 'Acme' });
    const creates = detail.ops.filter((o) => o.appId === 'acme' && o.kind === 'create');
    expect(creates).toHaveLength(6);
    for (const op of creates) {
      expect(op.status).toBe('done');
      expect(op.reason).toMatch(/rule/);
      expect(op.ledger.map((e) => e.action)).toEqual(['op.applied']);
    }
    const ledger = await t.call('audit.list', { action: 'op.applied', app: 'acme', limit: 50 });
    expect(new Set(creates.map((o) => o.ledger[0]!.seq))).toEqual(
      new Set(ledger.events.filter((e) => e.run === r.run.id).map((e) => e.seq)),
    );
    await expect(t.call('runs.get', { id: 9999 })).rejects.toThrow('There is no run #9999.');
  });
});
