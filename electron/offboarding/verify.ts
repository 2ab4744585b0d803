// The verify step: once every automated app task is done (or skipped), re-read each account BY ITS ID and prove
// it is inactive or gone ("not found" is reported as such). Absence from a listing is never taken as proof: a
// server that pages badly can leave an active account out of a list. An app that answered "done" but still shows
// the account active is flagged — on the app task and on the verify task — and the case stays open until an admin
// acts. An app that cannot be read by id leaves the task unverified, saying why. Audited per app.
import { redact } from '../log/logger';
import type { EngineDeps } from '../sync/engine/engine-deps';
import { parseDetail, type CasesRepo, type TaskRow } from './cases-repo';
import type { CaseViews } from './case-views';

export type VerifyOutcome = 'verified' | 'flagged' | 'waiting' | 'nothing';

export const verifyCase = async (
  engine: EngineDeps,
  repo: CasesRepo,
  views: CaseViews,
  caseId: number,
  personId: string,
  actor: string,
): Promise<VerifyOutcome> => {
  const { ctx } = engine;
  const tasks = await repo.tasks(caseId);
  const verifyTask = tasks.find((t) => t.kind === 'verify');
  if (!verifyTask || verifyTask.status === 'skipped') return 'nothing';
  const appTasks = tasks.filter((t) => t.kind === 'app');
  const seen = new Map<number, Awaited<ReturnType<CaseViews['taskView']>>>();
  for (const t of appTasks) seen.set(t.id, await views.taskView(t));
  const statuses = new Map([...seen].map(([id, v]) => [id, v.status]));
  if (appTasks.some((t) => !['done', 'skipped', 'verified', 'flagged'].includes(statuses.get(t.id)!)))
    return 'waiting';

  const toCheck = appTasks.filter((t) => statuses.get(t.id) !== 'skipped');
  const byApp = new Map<string, TaskRow[]>();
  for (const t of toCheck) {
    let list = byApp.get(t.app_id!);
    if (!list) byApp.set(t.app_id!, (list = []));
    list.push(t);
  }
  let flagged = 0;
  let unreadable = 0;
  await Promise.all(
    [...byApp].map(async ([appId, list]) => {
      const app = await ctx.repos.workspace.getApp(appId);
      // remoteId → active (true / false), or null when the app answers "not found" for that id.
      let accounts: Map<string, boolean | null> | null = null;
      let error: string | null = null;
      try {
        if (!app) throw new Error(`the app "${appId}" is no longer configured`);
        const connector = await engine.connectorFor(app);
        if (!connector.getAccount)
          throw new Error(`${app.name} cannot be read one account at a time, and a listing proves nothing`);
        accounts = new Map();
        for (const t of list) {
          const id = parseDetail(t).remoteId ?? '';
          const a = await connector.getAccount(id);
          accounts.set(id, a ? a.active : null);
        }
      } catch (err) {
        error = redact((err as Error).message ?? String(err));
      }
      const at = engine.now();
      await ctx.store.tx(async () => {
        for (const t of list) {
          const remoteId = parseDetail(t).remoteId ?? '';
          let result: string;
          let status: 'verified' | 'flagged' | null;
          if (!accounts) {
            result = `could not re-read the app: ${error}`;
            status = null;
            unreadable++;
          } else if (accounts.get(remoteId) === null) {
            result = 'not found: the app answers "not found" for the account id (it is gone)';
            status = 'verified';
          } else if (accounts.get(remoteId) === false) {
            result = 'inactive: the app shows the account deactivated';
            status = 'verified';
          } else {
            result = 'still active: the app reported success but still shows the account active';
            status = 'flagged';
            flagged++;
          }
          await repo.setVerification(t.id, result, at);
          // Verifying records its own result and time (verified_at) and never re-stamps the revocation: an auto
          // task's done time is its op's, kept as it was (the view reads it from the op only while 'done').
          if (status) await repo.setTask(t.id, status, { at: seen.get(t.id)!.doneAt, by: t.done_by });
          await ctx.audit.append({
            actor,
            action: 'offboarding.verified',
            app: appId,
            person: personId,
            case: caseId,
            after: { task: t.id, remoteId },
            result:
              status === 'verified'
                ? `ok: ${result}`
                : status === 'flagged'
                  ? `flagged: ${result}`
                  : `failed: ${result}`,
          });
        }
      });
    }),
  );
  const at = engine.now();
  if (flagged) {
    await repo.setTask(verifyTask.id, 'flagged', {
      at: null,
      by: null,
      note: `${flagged} account(s) still active after revocation`,
    });
    return 'flagged';
  }
  if (unreadable) return 'waiting';
  await repo.setTask(verifyTask.id, 'done', {
    at,
    by: actor,
    note: `${toCheck.length} app account(s) proven inactive or gone`,
  });
  return 'verified';
};
