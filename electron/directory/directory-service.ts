// The directory service (issue #3): builds the connector from the stored config, runs a full or incremental read,
// and stores the result in ONE transaction — or nothing at all. A failed read leaves the previous snapshot and
// cursor untouched (only the directory's health records the failure). A full read that lost more people than
// settings.guardrails.suspiciousDropPercent is held back as suspicious unless the caller accepts the drop.
import { performance } from 'node:perf_hooks';
import { LanyardError, errorText } from '../app/errors';
import type { CoreContext } from '../app/context';
import { createDirectorySnapshotRepo, emptyStatusCounts } from '../store/directory-snapshot-repo';
import type { DirectoryPullResult, DirectoryTestResult } from '../../shared/api/methods-directory';
import type { DirectoryConfig } from '../../shared/config/workspace';
import { createDirectoryConnector, type ConnectorFactory } from './connector-factory';
import type { ChangeSet, ConnectorDeps, DirectoryConnector } from './types';

export interface DirectoryServiceDeps {
  connectorFactory?: ConnectorFactory;
  /** HttpClient overrides for every connector (tests shorten backoff and timeouts here). */
  http?: ConnectorDeps['http'];
}

export interface PullOptions {
  acceptDrop?: boolean;
  full?: boolean;
}

/** True when `count` is more than `percent`% below `previous`. */
export const isSuspiciousDrop = (previous: number | null, count: number, percent: number): boolean =>
  previous !== null && previous > 0 && count < previous * (1 - percent / 100);

export const createDirectoryService = (ctx: CoreContext, deps: DirectoryServiceDeps = {}) => {
  const repo = createDirectorySnapshotRepo(ctx.store);
  const log = ctx.log.child('directory');
  const factory = deps.connectorFactory ?? createDirectoryConnector;
  // One pull at a time per process: a second caller waits for the first, then reads from its cursor.
  let queue: Promise<unknown> = Promise.resolve();

  const configured = async (): Promise<DirectoryConfig> => {
    const config = await ctx.repos.workspace.getDirectory();
    if (!config) {
      throw new LanyardError('not_found', 'No directory is configured.', {
        hint: 'Connect one in Settings → Directory, or add a `directory:` section to the workspace file and apply it.',
      });
    }
    return config;
  };

  /** `overrides`: secrets typed with a connection under test, used instead of the keychain for those refs. */
  const connect = (
    config: DirectoryConfig,
    overrides?: ReadonlyMap<string, string>,
    http: ConnectorDeps['http'] = deps.http,
  ): Promise<DirectoryConnector> =>
    factory(config, {
      resolveSecret: async (ref) =>
        overrides?.get(ref) ?? ctx.resolver.resolve(ref, `directory (${config.name})`),
      log: log.child(config.kind),
      ...(http ? { http } : {}),
      now: () => ctx.clock.now(),
    });

  const pullOnce = async (opts: PullOptions): Promise<DirectoryPullResult> => {
    const config = await configured();
    const started = performance.now();
    const state = await repo.state();
    const connector = await connect(config);
    let changeSet: ChangeSet;
    try {
      if (opts.full || !state?.cursor) {
        const snapshot = await connector.readAll();
        changeSet = {
          mode: 'full',
          snapshot,
          reason: opts.full ? 'requested' : 'no previous read',
          requests: snapshot.requests,
        };
      } else {
        changeSet = await connector.readChanges(state.cursor);
      }
    } catch (err) {
      const detail = (err as Error).message;
      await repo.setHealth('error', detail);
      ctx.events.emit('health.changed', { component: 'directory', status: 'error', detail });
      log.warn('directory read failed; the previous snapshot is kept', { error: detail });
      throw err;
    }

    const at = ctx.clock.now().toISOString();
    const previousCount = state?.lastGoodCount ?? null;
    const base = { name: config.name, kind: config.kind, previousCount, requests: changeSet.requests, at };
    let result: DirectoryPullResult;
    if (changeSet.mode === 'full') {
      const { snapshot } = changeSet;
      const byStatus = emptyStatusCounts();
      for (const p of snapshot.people) byStatus[p.status]++;
      const count = snapshot.people.length;
      const percent = (await ctx.repos.settings.get()).guardrails.suspiciousDropPercent;
      const suspicious = isSuspiciousDrop(previousCount, count, percent);
      const read = {
        ...base,
        mode: 'full' as const,
        reason: changeSet.reason,
        people: count,
        byStatus,
        groups: snapshot.groups.length,
        memberships: snapshot.memberships.length,
        changes: null,
      };
      if (suspicious && !opts.acceptDrop) {
        const drop = Math.round((1 - count / previousCount!) * 100);
        const detail = `The directory returned ${count} people, ${drop}% fewer than the ${previousCount} of the last good read (limit ${percent}%). Nothing was stored.`;
        await repo.setHealth('degraded', detail);
        ctx.events.emit('health.changed', { component: 'directory', status: 'degraded', detail });
        result = {
          ...read,
          stored: false,
          suspicious: true,
          suspiciousDetail: detail,
          newlyDeleted: null,
          durationMs: Math.round(performance.now() - started),
        };
      } else {
        const deletedBefore = (await repo.counts()).byStatus.deleted;
        let newlyDeleted = 0;
        await ctx.store.tx(async () => {
          await repo.replaceAll(snapshot, at);
          newlyDeleted = (await repo.counts()).byStatus.deleted - deletedBefore;
          await repo.recordRead({
            cursor: snapshot.cursor,
            at,
            goodCount: count,
            health: 'ok',
            detail: null,
          });
        });
        const detail = suspicious ? `A drop from ${previousCount} to ${count} people was accepted.` : null;
        result = {
          ...read,
          stored: true,
          suspicious,
          suspiciousDetail: detail,
          newlyDeleted,
          durationMs: Math.round(performance.now() - started),
        };
      }
    } else {
      const { changes } = changeSet;
      const counts = await ctx.store.tx(async () => {
        await repo.applyChanges(changes, at);
        const c = await repo.counts();
        await repo.recordRead({
          cursor: changeSet.cursor,
          at,
          goodCount: c.people - c.byStatus.deleted,
          health: 'ok',
          detail: null,
        });
        return c;
      });
      result = {
        ...base,
        mode: 'delta',
        reason: null,
        stored: true,
        suspicious: false,
        suspiciousDetail: null,
        people: counts.people,
        byStatus: counts.byStatus,
        groups: counts.groups,
        memberships: counts.memberships,
        changes: changes.length,
        newlyDeleted: null,
        durationMs: Math.round(performance.now() - started),
      };
    }
    if (state?.health !== 'ok' && result.stored)
      ctx.events.emit('health.changed', { component: 'directory', status: 'ok', detail: 'directory read' });
    ctx.events.emit('directory.pulled', result);
    log.info('directory pulled', {
      mode: result.mode,
      stored: result.stored,
      people: result.people,
      requests: result.requests,
    });
    return result;
  };

  /** The credentials and permissions check of a connection; a failure is reported in words, never thrown. */
  const check = async (
    config: DirectoryConfig,
    overrides?: ReadonlyMap<string, string>,
  ): Promise<DirectoryTestResult> => {
    try {
      // An admin is waiting for the answer: one retry, not the scheduler's patient backoff.
      const result = await (await connect(config, overrides, { maxRetries: 1, ...deps.http })).test();
      return { name: config.name, kind: config.kind, ...result };
    } catch (err) {
      return { name: config.name, kind: config.kind, ok: false, details: [errorText(err)], missing: [] };
    }
  };

  return {
    /** Tests the saved connection. */
    test: async (): Promise<DirectoryTestResult> => check(await configured()),
    /** Tests a connection that is not saved (or not yet): nothing is stored, read into the snapshot or audited. */
    check,
    pull(opts: PullOptions = {}): Promise<DirectoryPullResult> {
      const run = queue.then(() => pullOnce(opts));
      queue = run.catch(() => undefined);
      return run;
    },
    /** The connector for the configured directory (the offboarding kill switch uses suspend/revokeSessions). */
    connector: async (): Promise<DirectoryConnector> => connect(await configured()),
    snapshot: repo,
  };
};

export type DirectoryService = ReturnType<typeof createDirectoryService>;
