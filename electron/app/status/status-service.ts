// status.summary: reads what the one status computation needs (status-summary.ts) — recent runs and the last
// full syncs, the scheduler (sync.status), Lanyard's own parts (app.info), the directory's and the apps' health, the
// ops held for an admin, the open offboarding cases and the task inbox (tasks.list) — and hands it over. Only reads:
// nothing here writes.
import type { Handlers, CallContext } from '../handlers';
import type { CoreContext } from '../context';
import type { StatusSummary } from '../../../shared/api/methods-status';
import { createDirectorySnapshotRepo } from '../../store/directory-snapshot-repo';
import { createRunsRepo } from '../../sync/engine/runs-repo';
import { summarizeStatus } from './status-summary';

/** Enough runs to see a streak of failures at the default one-minute poll. */
const RECENT_RUNS = 50;

type Reads = Pick<
  Handlers,
  'app.info' | 'sync.status' | 'apps.status' | 'review.list' | 'offboarding.list' | 'runs.list' | 'tasks.list'
>;

export const createStatusService = (ctx: CoreContext, handlers: () => Reads) => {
  const directoryState = createDirectorySnapshotRepo(ctx.store);
  const runs = createRunsRepo(ctx.store);
  /** The newest full sync that finished (any outcome), or the newest that finished ok. */
  const lastFullId = async (okOnly: boolean): Promise<{ id: number } | undefined> =>
    ctx.store
      .q()
      .selectFrom('runs')
      .select('id')
      .where('kind', '=', 'full')
      .where('status', okOnly ? '=' : '<>', okOnly ? 'ok' : 'running')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  const byId = async (row: { id: number } | undefined) => (row ? runs.get(row.id) : null);

  const summary = async (call: CallContext): Promise<StatusSummary> => {
    const h = handlers();
    const [info, scheduler, apps, review, offboarding, recent, tasks] = await Promise.all([
      h['app.info']({}, call),
      h['sync.status']({}, call),
      h['apps.status']({}, call),
      h['review.list']({}, call),
      h['offboarding.list']({ status: 'open' }, call),
      h['runs.list']({ limit: RECENT_RUNS }, call),
      h['tasks.list']({}, call),
    ]);
    const config = await ctx.repos.workspace.getDirectory();
    const read = config ? await directoryState.state() : null;
    const names = new Map((await ctx.repos.workspace.listApps()).map((a) => [a.id, a.name]));
    return summarizeStatus({
      now: ctx.clock.now(),
      runs: recent,
      lastOkFull: await byId(await lastFullId(true)),
      lastFull: await byId(await lastFullId(false)),
      scheduler,
      schedulerOwner: info.schedulerOwner,
      components: info.health,
      directory: config
        ? {
            name: config.name,
            health: read?.health ?? 'unknown',
            detail: read?.healthDetail ?? null,
            lastReadAt: read?.lastReadAt ?? null,
          }
        : null,
      apps: apps.map((a) => ({
        id: a.id,
        name: names.get(a.id) ?? a.id,
        health: a.health,
        detail: a.healthDetail,
      })),
      held: review.apps.flatMap((g) => g.ops),
      // The task inbox: manual apps' account changes and offboarding checklist steps, each once.
      manualTasks: tasks.open.length,
      openCases: offboarding.cases.length,
    });
  };

  return { summary };
};
