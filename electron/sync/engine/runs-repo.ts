// The runs table: one row per sync run (poll, full reconciliation, manual, review approval) with its status and
// stats. A run still `running` when a new one starts under the run lock belonged to a process that died: it is
// marked `interrupted` (its ops are finished by the next run from the journal).
import type { Store } from '../../store/store';
import type { RunKind, RunStats, RunStatus, RunView } from '../../../shared/api/methods-sync';
import { runTitle } from './stats';

interface RunRow {
  id: number;
  kind: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  stats: string;
  error: string | null;
}

const toView = (r: RunRow): RunView => {
  const stats = JSON.parse(r.stats) as Partial<RunStats>;
  const view = {
    id: r.id,
    kind: r.kind as RunKind,
    trigger: r.trigger,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    stats: 'durationMs' in stats ? (stats as RunStats) : null,
    error: r.error,
  };
  return { ...view, title: runTitle(view) };
};

export const createRunsRepo = (store: Store) => {
  const byId = async (id: number): Promise<RunView | null> => {
    const r = await store.q().selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toView(r) : null;
  };
  return {
    async start(kind: RunKind, trigger: string, at: string): Promise<number> {
      const r = await store
        .q()
        .insertInto('runs')
        .values({ kind, trigger, status: 'running', started_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(r.id);
    },
    async finish(
      id: number,
      status: RunStatus,
      stats: RunStats | null,
      error: string | null,
      at: string,
    ): Promise<RunView> {
      await store
        .q()
        .updateTable('runs')
        .set({ status, finished_at: at, stats: JSON.stringify(stats ?? {}), error })
        .where('id', '=', id)
        .execute();
      return (await byId(id))!;
    },
    get: byId,
    async list(limit = 50): Promise<RunView[]> {
      const rows = await store
        .q()
        .selectFrom('runs')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toView);
    },
    /** Call only while holding the run lock: no other process can be running one. */
    async interruptStale(at: string): Promise<number> {
      const r = await store
        .q()
        .updateTable('runs')
        .set({
          status: 'interrupted',
          finished_at: at,
          error: 'the process running it stopped before it finished; the next run completed its ops',
        })
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** When the last run of this kind started (the scheduler's memory across restarts). */
    async lastStarted(kind: RunKind): Promise<string | null> {
      const r = await store
        .q()
        .selectFrom('runs')
        .select('started_at')
        .where('kind', '=', kind)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r?.started_at ?? null;
    },
  };
};

export type RunsRepo = ReturnType<typeof createRunsRepo>;
