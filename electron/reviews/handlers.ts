// The reviews.* API handlers over the review service. Decisions made through the API are recorded as coming from
// the command line when the caller is the CLI, else from the UI; sheets come in through reviews.importSheet.
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import { LanyardError } from '../app/errors';
import type { reviewsMethods } from '../../shared/api/methods-reviews';
import type { EventMap } from '../../shared/api/events';
import type { SyncService } from '../sync/engine/sync-service';
import type { SyncEngine } from '../sync/engine/handlers';
import { createReviewService } from './service';
import { buildReport, reportCsv, reportHtml, sheetHtml } from './report';
import { importSheet } from './sheet-import';
import { sheetCsv } from './sheet-csv';

export type ReviewHandlers = Pick<Handlers, keyof typeof reviewsMethods>;

/**
 * With `scheduler` (the sync engine), recurring reviews due in the workspace start after each scheduled run — only
 * in the process that owns the scheduler.
 */
export const createReviewHandlers = (
  ctx: CoreContext,
  sync: SyncService,
  scheduler?: Pick<SyncEngine, 'addScheduledDuty'>,
): ReviewHandlers => {
  const s = createReviewService(ctx, sync);
  /** Tells every window and the tray that a review changed (only when something did). */
  const changed = (campaignId: number | null, change: EventMap['reviews.changed']['change']): void =>
    ctx.events.emit('reviews.changed', { campaignId, change });
  scheduler?.addScheduledDuty(async () => {
    for (const id of await s.startDue('scheduler')) changed(id, 'started');
  });
  const reviewerItems = async (campaignId: number, reviewer: string) =>
    (await s.views.items(campaignId)).filter((i) => i.reviewer.toLowerCase() === reviewer.toLowerCase());
  return {
    'reviews.list': async (input) => {
      const campaigns = [];
      for (const c of await s.repo.campaigns())
        if (input.status === 'all' || c.status === input.status) campaigns.push(await s.views.summary(c));
      return { campaigns, status: await s.status() };
    },
    'reviews.status': () => s.status(),
    'reviews.get': async (input) => s.views.campaign(await s.need(input.campaignId)),
    'reviews.items': async (input) => {
      await s.need(input.campaignId);
      const q = input.search?.toLowerCase();
      const all = (await s.views.items(input.campaignId)).filter(
        (i) =>
          (!input.reviewer || i.reviewer.toLowerCase() === input.reviewer.toLowerCase()) &&
          (!input.appId || i.appId === input.appId) &&
          (!input.kind || i.kind === input.kind) &&
          (!input.state ||
            (input.state === 'open'
              ? !i.decision
              : input.state === 'decided'
                ? !!i.decision
                : i.decision?.decision === input.state)) &&
          (!q ||
            [i.person, i.userName, i.email, i.appName, i.role, i.grantedBy].some((v) =>
              v?.toLowerCase().includes(q),
            )),
      );
      return { items: all.slice(input.offset, input.offset + input.limit), total: all.length };
    },
    'reviews.start': async (input, call) => {
      const c = await s.start(input, call.actor);
      changed(c.id, 'started');
      return c;
    },
    'reviews.decide': async (input, call) => {
      const r = await s.decisions.record(input.campaignId, input.decisions, {
        actor: call.actor,
        source: call.actor === 'cli' ? 'cli' : 'ui',
        ...(input.forReviewer ? { forReviewer: input.forReviewer } : {}),
      });
      if (r.recorded > 0) changed(input.campaignId, 'decided');
      const ids = new Set(input.decisions.map((d) => d.itemId));
      return {
        recorded: r.recorded,
        unchanged: r.unchanged,
        items: (await s.views.items(input.campaignId)).filter((i) => ids.has(i.id)),
      };
    },
    'reviews.exportSheet': async (input) => {
      const c = await s.need(input.campaignId);
      const items = await reviewerItems(c.id, input.reviewer);
      if (!items.length)
        throw new LanyardError('not_found', `${input.reviewer} has no items in campaign ${c.id}.`, {
          hint: 'See the reviewers with `lanyard reviews show ID`.',
        });
      const base = `access-review-${c.id}-${input.reviewer.replace(/[^a-z0-9.-]+/gi, '_')}`;
      if (input.format === 'html')
        return {
          format: 'html',
          fileName: `${base}.html`,
          content: sheetHtml(c, input.reviewer, items, input),
          reviewer: input.reviewer,
          rows: items.length,
        };
      const rows = [];
      for (const i of items) rows.push((await s.repo.item(i.id))!);
      const byId = new Map(items.map((i) => [i.id, i]));
      const content = sheetCsv(c.sheet_key, c.id, input.reviewer, rows, (row) => {
        const d = byId.get(row.id)?.decision;
        return d
          ? { decision: d.decision, role: d.role, reassignTo: d.reassignTo, comment: d.comment }
          : null;
      });
      return {
        format: 'csv',
        fileName: `${base}.csv`,
        content,
        reviewer: input.reviewer,
        rows: items.length,
      };
    },
    'reviews.importSheet': async (input, call) => {
      const r = await importSheet(ctx, s.repo, s.decisions, input.csv, {
        actor: call.actor,
        dryRun: input.dryRun,
      });
      if (!input.dryRun && r.ok && r.recorded > 0) changed(r.campaignId, 'decided');
      return r;
    },
    'reviews.apply': async (input, call) => {
      const r = await s.apply(input.campaignId, call.actor);
      changed(input.campaignId, 'applied');
      return r;
    },
    'reviews.close': async (input, call) => {
      const r = await s.close(input.campaignId, call.actor);
      changed(input.campaignId, 'closed');
      return r;
    },
    'reviews.report': async (input) => {
      const c = await s.need(input.campaignId);
      const report = await buildReport(c, s.views, await s.exceptions(), ctx.clock.now().toISOString(), () =>
        ctx.audit.evidenceAnchor(),
      );
      const base = `access-review-${c.id}-report`;
      if (input.format === 'csv')
        return { format: 'csv', fileName: `${base}.csv`, content: reportCsv(report) };
      if (input.format === 'html')
        return { format: 'html', fileName: `${base}.html`, content: reportHtml(report, input) };
      return { format: 'json', fileName: `${base}.json`, content: JSON.stringify(report, null, 2) };
    },
    'reviews.exceptions': (input) => s.exceptions(input.appId),
    'reviews.removeException': async (input, call) => {
      const removed = await s.removeException(input.appId, input.person, call.actor);
      if (removed) changed(null, 'exception-removed');
      return { removed };
    },
  };
};
