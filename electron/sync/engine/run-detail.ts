// The run history as admins read it (runs.history, runs.get): the list leaves out polls that found nothing to do
// — a poll every minute would bury the runs that changed something — and says how many it left out; one run in full
// joins the run row, its journaled ops and the ledger events recorded with the run's id. Reads only.
// A poll "found nothing to do" when it finished ok with no op, no error, no app in trouble and a directory read that
// did not look wrong: anything else is shown.
import type { CoreContext } from '../../app/context';
import type { Handlers } from '../../app/handlers';
import type { Db } from '../../store/database';
import type { runsMethods } from '../../../shared/api/methods-runs';
import type { SyncService } from './sync-service';
import type {
  RunDetail,
  RunHistoryPage,
  RunLedgerEvent,
  RunOpDetail,
} from '../../../shared/api/methods-runs';
import { LanyardError } from '../../app/errors';
import type { Journal } from './journal';
import { opView } from './journal';
import type { RunsRepo } from './runs-repo';
import { createOpLabeller } from '../op-label';
import type { AppConfig } from '../types';

const EMPTY_POLL = `(kind = 'poll' AND status = 'ok' AND error IS NULL
  AND coalesce(json_extract(stats, '$.planned'), -1) = 0
  AND coalesce(json_extract(stats, '$.directory.suspicious'), 0) = 0
  AND NOT EXISTS (SELECT 1 FROM json_each(stats, '$.apps') j
    WHERE json_extract(j.value, '$.status') != 'ok' OR json_extract(j.value, '$.detail') IS NOT NULL))`;

interface EventRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  app_id: string | null;
  result: string;
  op: number | null;
}

/** "sync.run by Ana Admin" → "Ana Admin"; the scheduler's own runs say so. */
const whoFrom = (trigger: string, firstActor: string | null): string => {
  const by = / by (.+)$/.exec(trigger);
  if (by) return by[1]!;
  if (trigger === 'schedule') return 'the scheduler';
  return firstActor ?? trigger;
};

export const createRunDetail = (
  db: Db,
  runs: RunsRepo,
  journal: Pick<Journal, 'ofRun' | 'get'>,
  apps: () => readonly AppConfig[],
) => {
  const shownIds = db.prepare<[number], { id: number }>(
    `SELECT id FROM runs WHERE NOT ${EMPTY_POLL} ORDER BY id DESC LIMIT ?`,
  );
  const hiddenSince = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM runs WHERE id >= ? AND ${EMPTY_POLL}`,
  );
  // Op events carry the op's id in `before` (applied, failed, superseded) or `after` (held, approved, skipped).
  const events = db.prepare<[number], EventRow>(
    `SELECT seq, at, actor, action, app_id, result,
       coalesce(json_extract(before, '$.op'), json_extract(after, '$.op')) AS op
     FROM audit_events WHERE run_id = ? ORDER BY seq`,
  );

  const toEvent = (r: EventRow): RunLedgerEvent => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    appId: r.app_id,
    result: r.result,
  });

  return {
    history(limit = 50, showEmptyPolls = false): RunHistoryPage {
      if (showEmptyPolls) return { runs: runs.list(limit), hiddenPolls: 0 };
      const ids = shownIds.all(limit).map((r) => r.id);
      const list = ids.flatMap((id) => {
        const run = runs.get(id);
        return run ? [run] : [];
      });
      // A full page covers the time back to its oldest run; a short one covers the whole history.
      const since = ids.length === limit ? ids[ids.length - 1]! : 0;
      return { runs: list, hiddenPolls: hiddenSince.get(since)!.n };
    },

    get(id: number): RunDetail {
      const run = runs.get(id);
      if (!run) {
        throw new LanyardError('not_found', `There is no run #${id}.`, {
          hint: 'Pick a run from the run history on the Sync page.',
        });
      }
      const rows = events.all(id);
      const byOp = new Map<number, RunLedgerEvent[]>();
      const loose: RunLedgerEvent[] = [];
      for (const r of rows) {
        if (typeof r.op !== 'number') {
          loose.push(toEvent(r));
          continue;
        }
        let list = byOp.get(r.op);
        if (!list) byOp.set(r.op, (list = []));
        list.push(toEvent(r));
      }
      // An op re-held or retried by a later run has moved to it in the journal; this run's events still name it.
      const own = journal.ofRun(id);
      const moved = [...byOp.keys()]
        .filter((opId) => !own.some((o) => o.id === opId))
        .flatMap((opId) => journal.get(opId) ?? []);
      const workspaceApps = apps();
      const label = createOpLabeller(workspaceApps);
      const ops: RunOpDetail[] = [...own, ...moved]
        .sort((a, b) => a.id - b.id)
        .map((op) => ({ ...opView(op, label), ledger: byOp.get(op.id) ?? [] }));
      const appIds = new Set([...ops.map((o) => o.appId), ...Object.keys(run.stats?.apps ?? {})]);
      return {
        run,
        who: whoFrom(run.trigger, rows[0]?.actor ?? null),
        ops,
        events: loose,
        appNames: Object.fromEntries(
          [...appIds].map((a) => [a, workspaceApps.find((x) => x.id === a)?.name ?? a]),
        ),
      };
    },
  };
};

export const createRunsHandlers = (
  ctx: CoreContext,
  sync: SyncService,
): Pick<Handlers, keyof typeof runsMethods> => {
  const detail = createRunDetail(ctx.db, sync.deps.runs, sync.deps.journal, () =>
    ctx.repos.workspace.listApps(),
  );
  return {
    'runs.history': async (input) => detail.history(input.limit, input.showEmptyPolls),
    'runs.get': async (input) => detail.get(input.id),
  };
};
