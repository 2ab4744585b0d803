// Access review campaigns (issue #13): start (snapshot + reviewers), decide, sheets, carry out through the gate,
// close with the ledger's signed head, report, exceptions, and what is due for the tray.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { CoreContext } from '../app/context';
import { LanyardError } from '../app/errors';
import type {
  AccessExceptionView,
  ReviewCampaignView,
  ReviewCloseResult,
  ReviewsStatus,
} from '../../shared/api/methods-reviews';
import type { ReviewerSource, ReviewPeopleFilter } from '../../shared/config/reviews-schema';
import type { SyncService } from '../sync/engine/sync-service';
import { createCampaignsRepo, type CampaignRow } from './campaigns-repo';
import { carryOut } from './carry-out';
import { createDecisions } from './decisions';
import { createRecurringReviews } from './recurring';
import { takeSnapshot } from './snapshot';
import { createViews } from './views';
import { createWorkspaceReviewsRepo } from './workspace-reviews-repo';

export interface StartInput {
  name: string;
  dueAt: string;
  apps?: string[] | undefined;
  people?: ReviewPeopleFilter | undefined;
  assign: ReviewerSource[];
  reviewers?: Record<string, string> | undefined;
  fallback: string;
  definitionId?: string;
  period?: string;
}

const DAY = 86_400_000;

/** A date means the end of that day (UTC); a date-time is taken as given. */
export const parseDue = (due: string): string => {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(due) ? `${due}T23:59:59.000Z` : due;
  const t = Date.parse(iso);
  if (Number.isNaN(t))
    throw new LanyardError('bad_input', `dueAt: "${due}" is not a date (expected e.g. 2027-03-31)`, {
      path: 'dueAt',
    });
  return new Date(t).toISOString();
};

export const createReviewService = (ctx: CoreContext, sync: SyncService) => {
  const repo = createCampaignsRepo(ctx.store);
  const ws = createWorkspaceReviewsRepo(ctx.store);
  const views = createViews(ctx.store, repo, () => ctx.clock.now());
  const decisions = createDecisions(ctx, repo);
  const need = async (id: number): Promise<CampaignRow> => {
    const c = await repo.campaign(id);
    if (!c)
      throw new LanyardError('not_found', `No access review campaign ${id}.`, {
        hint: 'See `lanyard reviews list`.',
      });
    return c;
  };

  const exceptions = async (appId?: string): Promise<AccessExceptionView[]> => {
    const apps = new Map((await ctx.repos.workspace.listApps()).map((a) => [a.id, a.name]));
    // The person an exception names (by id, email or login); the first by id when several match.
    const personOf = async (ref: string): Promise<string | null> =>
      (
        await ctx.store
          .q()
          .selectFrom('people')
          .select('id')
          .where((eb) =>
            eb.or([
              eb('id', '=', ref),
              eb(sql`lower(email)`, '=', sql`lower(${ref})`),
              eb(sql`lower(login)`, '=', sql`lower(${ref})`),
            ]),
          )
          .orderBy('id')
          .limit(1)
          .executeTakeFirst()
      )?.id ?? null;
    const out: AccessExceptionView[] = [];
    for (const e of await ws.exceptions()) {
      if (appId && e.app !== appId) continue;
      out.push({
        appId: e.app,
        appName: apps.get(e.app) ?? null,
        person: e.person,
        personId: await personOf(e.person),
        role: e.role ?? null,
        campaignId: e.campaign ?? null,
        comment: e.comment ?? null,
        by: e.by ?? null,
        at: e.at ?? null,
      });
    }
    return out;
  };

  const status = async (): Promise<ReviewsStatus> => {
    const now = ctx.clock.now().getTime();
    const open = (await repo.campaigns()).filter((c) => c.status === 'open');
    const overdue = open.filter((c) => Date.parse(c.due_at) < now).length;
    const dueSoon = open.filter(
      (c) => Date.parse(c.due_at) >= now && Date.parse(c.due_at) < now + 7 * DAY,
    ).length;
    const definitionsDue = await recurring.due();
    const message = overdue
      ? `${overdue} review${overdue === 1 ? '' : 's'} overdue`
      : dueSoon
        ? `${dueSoon} review${dueSoon === 1 ? '' : 's'} due within a week`
        : definitionsDue.length
          ? `${definitionsDue.length} recurring review${definitionsDue.length === 1 ? '' : 's'} due to start`
          : null;
    return { open: open.length, overdue, dueSoon, definitionsDue, message };
  };

  /** Starts a campaign: its id, or null when its definition's period already has one (started once, ever). */
  const begin = async (input: StartInput, actor: string): Promise<number | null> => {
    const all = await ctx.repos.workspace.listApps();
    const unknown = (input.apps ?? []).filter((id) => !all.some((a) => a.id === id));
    if (unknown.length)
      throw new LanyardError(
        'bad_input',
        `apps: no app with id ${unknown.map((u) => `"${u}"`).join(', ')} in the workspace`,
        { path: 'apps' },
      );
    const apps = input.apps ? all.filter((a) => input.apps!.includes(a.id)) : all;
    if (!apps.length) throw new LanyardError('bad_input', 'The workspace has no apps to review.');
    const dueAt = parseDue(input.dueAt);
    const { items, warnings } = await takeSnapshot(ctx, {
      apps,
      people: input.people ?? null,
      assign: input.assign,
      reviewers: input.reviewers ?? {},
      fallback: input.fallback,
    });
    const at = ctx.clock.now().toISOString();
    const period = input.definitionId && input.period ? [input.definitionId, input.period] : null;
    const id = await ctx.store.tx(async (): Promise<number | null> => {
      // Under the write lock: a second process (or a restart) that found the period free a moment ago stops here.
      if (period && (await repo.byPeriod(period[0]!, period[1]!)) !== null) return null;
      const id = await repo.insert(
        {
          name: input.name,
          definitionId: input.definitionId ?? null,
          period: input.period ?? null,
          scope: { apps: apps.map((a) => a.id), people: input.people ?? null },
          assign: input.assign,
          reviewers: input.reviewers ?? {},
          fallback: input.fallback,
          dueAt,
          startedAt: at,
          startedBy: actor,
          sheetKey: randomBytes(32).toString('hex'),
          warnings,
        },
        items,
      );
      await ctx.audit.append({
        actor,
        action: 'review.started',
        after: {
          campaign: id,
          name: input.name,
          apps: apps.map((a) => a.id),
          items: items.length,
          dueAt,
          definition: input.definitionId ?? null,
          period: input.period ?? null,
        },
        result: `ok: ${items.length} items`,
      });
      return id;
    });
    if (id === null) return null;
    ctx.events.emit('workspace.changed', { summary: `access review ${id} started` });
    return id;
  };

  const recurring = createRecurringReviews({
    definitions: () => ws.definitions(),
    started: async (definitionId, period) => (await repo.byPeriod(definitionId, period)) !== null,
    start: begin,
    now: () => ctx.clock.now(),
    log: ctx.log.child('reviews'),
  });

  const start = async (input: StartInput, actor: string): Promise<ReviewCampaignView> =>
    views.campaign(await need((await begin(input, actor))!));

  return {
    repo,
    ws,
    views,
    decisions,
    need,
    start,
    /** The scheduler's duty: start the recurring reviews whose period has no campaign yet. */
    startDue: (actor: string): Promise<number[]> => recurring.startDue(actor),
    status,
    exceptions,
    apply: async (campaignId: number, actor: string) => {
      const c = await need(campaignId);
      if (c.status !== 'open') throw new LanyardError('conflict', `Campaign ${campaignId} is closed.`);
      return carryOut(ctx, sync, repo, views, ws, campaignId, actor);
    },
    async close(campaignId: number, actor: string): Promise<ReviewCloseResult> {
      const c = await need(campaignId);
      if (c.status !== 'open')
        throw new LanyardError('conflict', `Campaign ${campaignId} is already closed.`);
      const applied = await carryOut(ctx, sync, repo, views, ws, campaignId, actor);
      const counts = (await views.summary(c)).counts;
      await ctx.audit.append({
        actor,
        action: 'review.closed',
        after: { campaign: campaignId, ...counts },
        result: `ok: ${counts.decided} of ${counts.items} decided, ${counts.carriedOut} changes carried out`,
      });
      // The signed head after the closing event: it covers every decision and op of the campaign.
      const { anchor, note } = await ctx.audit.evidenceAnchor();
      await repo.close(
        campaignId,
        ctx.clock.now().toISOString(),
        actor,
        anchor ? JSON.stringify(anchor) : null,
        note,
      );
      return {
        ...applied,
        campaign: await views.campaign(await need(campaignId)),
        ledgerAnchor: anchor,
        ledgerAnchorNote: note,
      };
    },
    removeException(appId: string, person: string, actor: string): Promise<boolean> {
      return ctx.store.tx(async () => {
        if (!(await ws.removeException(appId, person))) return false;
        await ctx.audit.append({
          actor,
          action: 'review.exception.removed',
          app: appId,
          after: { person },
          result: `ok: the rules may grant ${person} access to ${appId} again`,
        });
        return true;
      });
    },
  };
};

export type ReviewService = ReturnType<typeof createReviewService>;
