// The run history as admins read it (runs.history, runs.get): the list leaves out polls that found nothing to do
// — a poll every minute would bury the runs that changed something — and says how many it left out; one run in full
// joins the run row, its journaled ops and the ledger events recorded with the run's id. Reads only.
// A poll "found nothing to do" when it finished ok with no op, no error, no app in trouble and a directory read that
// did not look wrong: anything else is shown.
import type { CoreContext } from '../../app/context';
import type { Handlers } from '../../app/handlers';
import type { Store } from '../../store/store';
import type { runsMethods } from '../../../shared/api/methods-runs';
import type { RunView } from '../../../shared/api/methods-sync';
import type { SyncService } from './sync-service';
import type {
  RunDetail,
  RunHistoryPage,
  RunLedgerEvent,
  RunOpDetail,
} from '../../../shared/api/methods-runs';
import { LanyardError } from '../../app/errors';
import { opView, parsedObject, type Journal, type JournalOp } from './journal';
import type { RunsRepo } from './runs-repo';
import { createOpLabeller } from '../op-label';
import type { AppConfig } from '../types';

interface EventRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  app_id: string | null;
  result: string;
  op: number | null;
}

/** A poll that found nothing to do, from its row (stats are JSON text, read here rather than by each engine). */
const isEmptyPoll = (r: { kind: string; status: string; error: string | null; stats: string }): boolean => {
  if (r.kind !== 'poll' || r.status !== 'ok' || r.error !== null) return false;
  const stats = parsedObject(r.stats);
  if (!stats || stats.planned !== 0) return false;
  const directory = stats.directory as { suspicious?: unknown } | null | undefined;
  if (directory?.suspicious) return false;
  const apps = (stats.apps ?? {}) as Record<string, { status?: unknown; detail?: unknown } | null>;
  // An app in trouble: a status other than ok, or any detail (a missing status is no trouble).
  return Object.values(apps).every((a) => (a?.status ?? 'ok') === 'ok' && (a?.detail ?? null) === null);
};

/** Rows read per step while looking for the runs to show. */
const PAGE = 500;

/** The op an event is about: its id in `before` (applied, failed, superseded) or `after` (held, approved, skipped). */
const opOf = (before: string | null, after: string | null): number | null => {
  const b = parsedObject(before)?.op;
  if (b !== undefined && b !== null) return typeof b === 'number' ? b : null;
  const a = parsedObject(after)?.op;
  return typeof a === 'number' ? a : null;
};

/** "sync.run by Ana Admin" → "Ana Admin"; the scheduler's own runs say so. */
const whoFrom = (trigger: string, firstActor: string | null): string => {
  const by = / by (.+)$/.exec(trigger);
  if (by) return by[1]!;
  if (trigger === 'schedule') return 'the scheduler';
  return firstActor ?? trigger;
};

export const createRunDetail = (
  store: Store,
  runs: RunsRepo,
  journal: Pick<Journal, 'ofRun' | 'get'>,
  apps: () => Promise<readonly AppConfig[]>,
) => {
  /** The newest `limit` runs that are not empty polls, and how many empty polls lie among the rows scanned. */
  const shown = async (limit: number): Promise<{ ids: number[]; hidden: number }> => {
    const ids: number[] = [];
    const hiddenIds: number[] = [];
    let before: number | null = null;
    for (;;) {
      const rows = await store
        .q()
        .selectFrom('runs')
        .select(['id', 'kind', 'status', 'error', 'stats'])
        .$if(before !== null, (q) => q.where('id', '<', before!))
        .orderBy('id', 'desc')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        if (ids.length === limit) break;
        if (isEmptyPoll(r)) hiddenIds.push(r.id);
        else ids.push(r.id);
      }
      if (ids.length === limit || rows.length < PAGE) break;
      before = rows[rows.length - 1]!.id;
    }
    // A full page covers the time back to its oldest run; a short one covers the whole history.
    const since = ids.length === limit ? ids[ids.length - 1]! : 0;
    return { ids, hidden: hiddenIds.filter((id) => id >= since).length };
  };

  const toEvent = (r: EventRow): RunLedgerEvent => ({
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    appId: r.app_id,
    result: r.result,
  });

  return {
    async history(limit = 50, showEmptyPolls = false): Promise<RunHistoryPage> {
      if (showEmptyPolls) return { runs: await runs.list(limit), hiddenPolls: 0 };
      const { ids, hidden } = await shown(limit);
      const list: RunView[] = [];
      for (const id of ids) {
        const run = await runs.get(id);
        if (run) list.push(run);
      }
      return { runs: list, hiddenPolls: hidden };
    },

    async get(id: number): Promise<RunDetail> {
      const run = await runs.get(id);
      if (!run) {
        throw new LanyardError('not_found', `There is no run #${id}.`, {
          hint: 'Pick a run from the run history on the Sync page.',
        });
      }
      const rows: EventRow[] = (
        await store
          .q()
          .selectFrom('audit_events')
          .select(['seq', 'at', 'actor', 'action', 'app_id', 'result', 'before', 'after'])
          .where('run_id', '=', id)
          .orderBy('seq')
          .execute()
      ).map(({ before, after, ...r }) => ({ ...r, op: opOf(before, after) }));
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
      const own = await journal.ofRun(id);
      const moved: JournalOp[] = [];
      for (const opId of byOp.keys()) {
        if (own.some((o) => o.id === opId)) continue;
        const op = await journal.get(opId);
        if (op) moved.push(op);
      }
      const workspaceApps = await apps();
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
  const detail = createRunDetail(ctx.store, sync.deps.runs, sync.deps.journal, () =>
    ctx.repos.workspace.listApps(),
  );
  return {
    'runs.history': (input) => detail.history(input.limit, input.showEmptyPolls),
    'runs.get': (input) => detail.get(input.id),
  };
};
