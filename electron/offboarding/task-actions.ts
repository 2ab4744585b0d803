// An admin's decisions on tasks: approve held tasks (the engine's review queue applies their ops at once), skip
// open tasks with a reason, mark manual / checklist tasks done (a manual app's account is then recorded as
// deactivated or deleted, as `apps confirm` would, and the task's op keeps the Done: electron/tasks/task-journal.ts)
// and undo such a Done while the case is open. Each decision is audited with the case; each touched case is then
// settled (verified, maybe closed) — a closed case is final, so its Dones can no longer be undone.
import { LanyardError } from '../app/errors';
import { recordOutcome, restoreOutcome } from '../tasks/manual-outcome';
import { createTaskJournal } from '../tasks/task-journal';
import type { HandTaskAction } from '../../shared/api/methods-tasks';
import type { CoreContext } from '../app/context';
import type { EngineDeps } from '../sync/engine/engine-deps';
import type { Review } from '../sync/engine/review';
import type { OffboardingCaseView } from '../../shared/api/methods-offboarding';
import { parseDetail, type CaseRow, type CasesRepo, type TaskRow } from './cases-repo';
import type { CaseViews, LatestOp } from './case-views';
import { FINISHED } from './task-status';

export interface TaskActionDeps {
  ctx: CoreContext;
  engine: EngineDeps;
  repo: CasesRepo;
  views: CaseViews;
  review: Review;
  settleCase(caseId: number, actor: string): Promise<void>;
  needCase(caseId: number): Promise<CaseRow>;
}

export interface Selection {
  taskIds?: number[] | undefined;
  caseId?: number | undefined;
}

export const createTaskActions = (d: TaskActionDeps) => {
  const { ctx, repo, views } = d;
  const taskJournal = createTaskJournal(ctx.store);

  const select = async (sel: Selection): Promise<TaskRow[]> => {
    if (sel.caseId !== undefined) {
      const c = await d.needCase(sel.caseId);
      if (c.status !== 'open')
        throw new LanyardError('conflict', `Case ${c.id} is ${c.status}: nothing to change.`);
      return repo.tasks(c.id);
    }
    const out: TaskRow[] = [];
    for (const id of sel.taskIds ?? []) {
      const t = await repo.task(id);
      if (!t)
        throw new LanyardError('not_found', `There is no offboarding task ${id}.`, {
          hint: 'See the tasks with `lanyard offboarding list`.',
        });
      if ((await d.needCase(t.case_id)).status !== 'open')
        throw new LanyardError('conflict', `Task ${id} belongs to a case that is no longer open.`);
      out.push(t);
    }
    return out;
  };

  const settleAll = async (caseIds: Iterable<number>, actor: string): Promise<OffboardingCaseView[]> => {
    const out: OffboardingCaseView[] = [];
    for (const id of new Set(caseIds)) {
      await d.settleCase(id, actor);
      out.push(await views.caseView(await d.needCase(id)));
    }
    return out;
  };

  return {
    async approve(sel: Selection, actor: string): Promise<OffboardingCaseView[]> {
      const tasks = await select(sel);
      const held: { t: TaskRow; op: LatestOp | null }[] = [];
      for (const t of tasks) {
        const op = await views.latestOp(t);
        if (t.status !== 'skipped' && op?.status === 'held') held.push({ t, op });
      }
      if (!held.length) {
        throw new LanyardError('conflict', 'None of these tasks is waiting for review.', {
          hint: 'Manual tasks are marked done with completeManual; failed ones can be skipped with a reason.',
        });
      }
      for (const { t, op } of held) {
        await ctx.audit.append({
          actor,
          action: 'offboarding.task.approved',
          app: t.app_id,
          case: t.case_id,
          after: { task: t.id, op: op!.id },
          result: 'approved',
        });
      }
      await d.review.approve(
        held.map((x) => x.op!.id),
        actor,
      );
      return settleAll(
        held.map((x) => x.t.case_id),
        actor,
      );
    },

    async skip(sel: Selection, reason: string, actor: string): Promise<OffboardingCaseView[]> {
      const open: TaskRow[] = [];
      for (const t of await select(sel)) if (!FINISHED.has((await views.taskView(t)).status)) open.push(t);
      if (!open.length) throw new LanyardError('conflict', 'Every one of these tasks is already finished.');
      const held: number[] = [];
      for (const t of open) {
        const op = await views.latestOp(t);
        if (op?.status === 'held') held.push(op.id);
      }
      if (held.length) await d.review.skip(held, `offboarding: ${reason}`, actor);
      const at = d.engine.now();
      await ctx.store.tx(async () => {
        for (const t of open) {
          const op = await views.latestOp(t);
          if (op && (op.status === 'planned' || op.status === 'approved'))
            await d.engine.journal.finish(op.id, 'skipped', null, `skipped by ${actor}: ${reason}`);
          await repo.setTask(t.id, 'skipped', { at, by: actor, note: `skipped: ${reason}` });
          await ctx.audit.append({
            actor,
            action: 'offboarding.task.skipped',
            app: t.app_id,
            case: t.case_id,
            after: { task: t.id, title: t.title },
            result: `skipped: ${reason}`,
          });
        }
      });
      return settleAll(
        open.map((t) => t.case_id),
        actor,
      );
    },

    async completeManual(taskId: number, note: string, actor: string): Promise<OffboardingCaseView> {
      const [t] = await select({ taskIds: [taskId] });
      if (t!.kind !== 'manual' && t!.kind !== 'checklist') {
        throw new LanyardError(
          'bad_input',
          `Task ${taskId} is automated (${t!.kind}); only manual and checklist tasks are marked done by hand.`,
        );
      }
      const status = (await views.taskView(t!)).status;
      if (FINISHED.has(status)) throw new LanyardError('conflict', `Task ${taskId} is already ${status}.`);
      if (status === 'review')
        throw new LanyardError('conflict', `Task ${taskId} waits for review: approve it first.`);
      const detail = parseDetail(t!);
      const at = d.engine.now();
      const c = await d.needCase(t!.case_id);
      await ctx.store.tx(async () => {
        if (t!.kind === 'manual' && t!.app_id && detail.remoteId) {
          // The admin did it by hand: record what the app now holds, as `apps confirm` does.
          const recorded = await recordOutcome(
            d.engine.accounts,
            {
              appId: t!.app_id,
              personId: c.person_id,
              action: detail.opKind === 'manual:deleted' ? 'deleted' : 'deactivated',
              remoteId: detail.remoteId,
              spec: null,
              role: null,
            },
            at,
          );
          const op = await views.latestOp(t!);
          if (op?.kind === 'manual-task') await taskJournal.confirm(op.id, { at, by: actor, note, recorded });
        }
        await repo.setTask(t!.id, 'done', { at, by: actor, ...(note ? { note } : {}) });
        await ctx.audit.append({
          actor,
          action: 'offboarding.task.completed',
          app: t!.app_id,
          person: c.person_id,
          case: c.id,
          after: { task: t!.id, title: t!.title, note },
          result: 'ok',
        });
      });
      const [view] = await settleAll([c.id], actor);
      return view!;
    },

    /** Undo of a Done by hand while the case is open: the account as it was, the task back to do, audited. */
    async reopenManual(taskId: number, actor: string): Promise<OffboardingCaseView> {
      const t = await repo.task(taskId);
      if (!t) throw new LanyardError('not_found', `There is no offboarding task ${taskId}.`);
      const c = await d.needCase(t.case_id);
      if (c.status !== 'open')
        throw new LanyardError(
          'conflict',
          `Case ${c.id} is ${c.status}: its tasks can no longer be undone.`,
          {
            hint: 'A closed case is the record of the offboarding; open a new one if access came back.',
          },
        );
      if ((t.kind !== 'manual' && t.kind !== 'checklist') || t.status !== 'done')
        throw new LanyardError('conflict', `Task ${taskId} was not marked done by hand: nothing to undo.`);
      const at = d.engine.now();
      const op = t.kind === 'manual' ? await views.latestOp(t) : null;
      const confirmed = op?.kind === 'manual-task' ? await taskJournal.confirmation(op.id) : null;
      await ctx.store.tx(async () => {
        if (confirmed?.recorded && t.app_id)
          await restoreOutcome(d.engine.accounts, t.app_id, confirmed.recorded);
        if (confirmed) await taskJournal.reopen(op!.id, at, actor);
        // Checklist steps were inserted as to-do; a manual app's task follows its (issued) op again.
        await repo.reopenTask(t.id, t.kind === 'checklist' ? 'todo' : 'pending');
        await ctx.audit.append({
          actor,
          action: 'offboarding.task.reopened',
          app: t.app_id,
          person: c.person_id,
          case: c.id,
          before: { task: t.id, title: t.title, note: t.note, doneBy: t.done_by, doneAt: t.done_at },
          after: { task: t.id, title: t.title },
          result: 'reopened',
        });
      });
      const [view] = await settleAll([c.id], actor);
      return view!;
    },
  };
};

/** The manual action an offboarding task's op kind stands for ("manual:deleted" → deleted). */
export const caseTaskAction = (opKind: string | undefined): HandTaskAction =>
  opKind === 'manual:deleted' ? 'deleted' : opKind?.startsWith('manual:') ? 'deactivated' : 'checklist';
