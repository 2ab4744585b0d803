// The task inbox (issue #16 item 2): one list of the tasks people do by hand — from the journal (manual-task ops
// a sync run or an access review issued) and from open offboarding cases — and one Done / Undo path. A Done of a
// journal task, under the run lock so it never interleaves with a run's reads and the gate, records the account
// in the accounts table, keeps the Done in the op's journaled result and appends the ledger event (actor, note),
// all in one transaction; its Undo is allowed until the next sync run has planned against it. Case tasks are done
// and undone through the case (offboarding/task-actions.ts), so the case's progress, closing and evidence follow.
import { LanyardError } from '../app/errors';
import type { CoreContext } from '../app/context';
import type { OffboardingService } from '../offboarding/case-service';
import type { SyncService } from '../sync/engine/sync-service';
import type { HandTaskView, TasksList } from '../../shared/api/methods-tasks';
import { createCaseTasks } from './case-tasks';
import { createIssuedTasks } from './issued-tasks';
import { recordOutcome, restoreOutcome } from './manual-outcome';
import { createTaskJournal } from './task-journal';

const parseId = (id: string): { source: 'op' | 'case-task'; n: number } => {
  const [source, n] = id.split(':');
  return { source: source as 'op' | 'case-task', n: Number(n) };
};

const byTime = (a: HandTaskView, b: HandTaskView): number =>
  a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id < b.id ? -1 : 1;

export const createTasksService = (ctx: CoreContext, sync: SyncService, offboarding: OffboardingService) => {
  const engine = sync.deps;
  const journal = createTaskJournal(ctx.store);
  const issued = createIssuedTasks(ctx.store);
  const appName = async (id: string): Promise<string | null> =>
    (await ctx.repos.workspace.getApp(id))?.name ?? null;
  /** Every app's name by id, read once for a list. */
  const appNames = async (): Promise<(id: string) => string | null> => {
    const names = new Map((await ctx.repos.workspace.listApps()).map((a) => [a.id, a.name]));
    return (id) => names.get(id) ?? null;
  };
  const assigneeOf = async (id: string): Promise<string | null> => {
    const app = await ctx.repos.workspace.getApp(id);
    return app?.kind === 'manual' ? (app.assignee ?? null) : null;
  };
  const cases = createCaseTasks(offboarding, assigneeOf);

  const notFound = (id: string): LanyardError =>
    new LanyardError('not_found', `There is no task "${id}" to do by hand.`, {
      hint: 'See the open tasks on the Tasks page.',
    });

  const needIssued = async (id: string, n: number) => {
    const op = await issued.get(n);
    if (!op) throw notFound(id);
    return op;
  };

  const caseTask = async (id: string, n: number): Promise<HandTaskView> => {
    const v = await cases.get(n);
    if (!v) throw notFound(id);
    return v;
  };

  /** Every window's Tasks, People and app pages refresh (accounts and open tasks changed). */
  const changed = (v: HandTaskView): HandTaskView => {
    ctx.events.emit('tasks.changed', { id: v.id, status: v.status });
    return v;
  };

  const doneIssued = (id: string, n: number, note: string, actor: string): Promise<HandTaskView> =>
    engine.lock.exclusive(async () => {
      const op = await needIssued(id, n);
      if (op.confirmed)
        throw new LanyardError(
          'conflict',
          `“${op.payload.task.title}” was already marked done by ${op.confirmed.by} at ${op.confirmed.at}.`,
        );
      if ((await issued.shown(op)) || (await issued.moot(op)))
        throw new LanyardError('conflict', `“${op.payload.task.title}” no longer needs doing.`, {
          hint: 'The account is already recorded, or the person no longer needs it; the list is up to date now.',
        });
      const at = engine.now();
      const p = op.payload;
      await ctx.store.tx(async () => {
        const recorded = await recordOutcome(
          engine.accounts,
          {
            appId: op.appId,
            personId: op.personId,
            action: p.action,
            remoteId: p.remoteId,
            spec: p.spec,
            role: p.role,
          },
          at,
        );
        await journal.confirm(op.id, { at, by: actor, note, recorded, lastRun: await issued.lastRun() });
        await ctx.audit.append({
          actor,
          action: 'task.completed',
          app: op.appId,
          person: op.personId,
          run: op.runId,
          before: { op: op.id, account: recorded?.before ? { active: recorded.before.active } : null },
          after: { op: op.id, task: p.task.title, note },
          result: 'ok: done by hand',
        });
      });
      return issued.view(await needIssued(id, n), await appName(op.appId));
    });

  const undoIssued = (id: string, n: number, actor: string): Promise<HandTaskView> =>
    engine.lock.exclusive(async () => {
      const op = await needIssued(id, n);
      const c = op.confirmed;
      if (!c)
        throw new LanyardError('conflict', `“${op.payload.task.title}” is not marked done: nothing to undo.`);
      const next = await issued.runSince(c);
      if (next)
        throw new LanyardError(
          'conflict',
          `“${op.payload.task.title}” can no longer be undone: sync run #${next.id} (${next.started_at}) has since planned against it.`,
          {
            hint: `If the account is not there after all, record it with \`lanyard apps confirm ${op.appId} USERNAME deleted\`; the next sync issues the task again.`,
          },
        );
      const at = engine.now();
      await ctx.store.tx(async () => {
        if (c.recorded) await restoreOutcome(engine.accounts, op.appId, c.recorded);
        await journal.reopen(op.id, at, actor);
        await ctx.audit.append({
          actor,
          action: 'task.reopened',
          app: op.appId,
          person: op.personId,
          run: op.runId,
          before: { op: op.id, task: op.payload.task.title, note: c.note, doneBy: c.by, doneAt: c.at },
          after: { op: op.id, task: op.payload.task.title },
          result: 'reopened',
        });
      });
      return issued.view(await needIssued(id, n), await appName(op.appId));
    });

  return {
    async list(appId?: string): Promise<TasksList> {
      const fromJournal = await issued.list(await appNames());
      const fromCases = await cases.list();
      const keep = (t: HandTaskView): boolean => !appId || t.appId === appId;
      return {
        open: [...fromJournal.open, ...fromCases.open].filter(keep).sort(byTime),
        recentlyDone: [...fromJournal.done, ...fromCases.done]
          .filter(keep)
          .sort((a, b) => (a.doneAt! < b.doneAt! ? 1 : a.doneAt! > b.doneAt! ? -1 : 0)),
      };
    },

    async done(id: string, note: string, actor: string): Promise<HandTaskView> {
      const { source, n } = parseId(id);
      if (source === 'case-task') {
        await caseTask(id, n);
        await offboarding.completeManual(n, note, actor);
        return changed(await caseTask(id, n));
      }
      return changed(await doneIssued(id, n, note, actor));
    },

    async undo(id: string, actor: string): Promise<HandTaskView> {
      const { source, n } = parseId(id);
      if (source === 'case-task') {
        await caseTask(id, n);
        await offboarding.reopenManual(n, actor);
        return changed(await caseTask(id, n));
      }
      return changed(await undoIssued(id, n, actor));
    },
  };
};

export type TasksService = ReturnType<typeof createTasksService>;
