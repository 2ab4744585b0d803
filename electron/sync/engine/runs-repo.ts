// The runs table: one row per sync run (poll, full reconciliation, manual, review approval) with its status and
// stats. A run still `running` when a new one starts under the run lock belonged to a process that died: it is
// marked `interrupted` (its ops are finished by the next run from the journal).
import type { Db } from '../../store/database';
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

export const createRunsRepo = (db: Db) => {
  const insert = db.prepare(
    `INSERT INTO runs (kind, trigger, status, started_at) VALUES (@kind, @trigger, 'running', @at)`,
  );
  const finish = db.prepare(
    `UPDATE runs SET status = @status, finished_at = @at, stats = @stats, error = @error WHERE id = @id`,
  );
  const byId = db.prepare<[number], RunRow>('SELECT * FROM runs WHERE id = ?');
  const list = db.prepare<[number], RunRow>('SELECT * FROM runs ORDER BY id DESC LIMIT ?');
  const interrupt = db.prepare<[string, string]>(
    `UPDATE runs SET status = 'interrupted', finished_at = ?, error = ? WHERE status = 'running'`,
  );
  const lastOf = db.prepare<[string], { started_at: string }>(
    `SELECT started_at FROM runs WHERE kind = ? ORDER BY id DESC LIMIT 1`,
  );

  return {
    start(kind: RunKind, trigger: string, at: string): number {
      return Number(insert.run({ kind, trigger, at }).lastInsertRowid);
    },
    finish(id: number, status: RunStatus, stats: RunStats | null, error: string | null, at: string): RunView {
      finish.run({ id, status, at, stats: JSON.stringify(stats ?? {}), error });
      return toView(byId.get(id)!);
    },
    get(id: number): RunView | null {
      const r = byId.get(id);
      return r ? toView(r) : null;
    },
    list(limit = 50): RunView[] {
      return list.all(limit).map(toView);
    },
    /** Call only while holding the run lock: no other process can be running one. */
    interruptStale(at: string): number {
      return interrupt.run(
        at,
        'the process running it stopped before it finished; the next run completed its ops',
      ).changes;
    },
    /** When the last run of this kind started (the scheduler's memory across restarts). */
    lastStarted(kind: RunKind): string | null {
      return lastOf.get(kind)?.started_at ?? null;
    },
  };
};

export type RunsRepo = ReturnType<typeof createRunsRepo>;
