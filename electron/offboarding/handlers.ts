// The offboarding.* API handlers over the offboarding service, and `settleAfter`: the methods that pull the
// directory (and so may open or cancel cases in the background) resolve only once that work is done, so a
// one-shot CLI command never closes the core under it.
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { SyncService } from '../sync/engine/sync-service';
import type { offboardingMethods } from '../../shared/api/methods-offboarding';
import { createOffboardingService, type OffboardingService } from './case-service';
import { buildEvidence } from './evidence';
import { evidenceHtml } from './evidence-html';

export interface Offboarding {
  handlers: Pick<Handlers, keyof typeof offboardingMethods>;
  service: OffboardingService;
}

export const createOffboarding = (ctx: CoreContext, sync: SyncService): Offboarding => {
  const service = createOffboardingService(ctx, sync);
  const handlers: Offboarding['handlers'] = {
    'offboarding.preview': (input) => service.preview(input.person, input.killSessions),
    'offboarding.start': (input, call) => service.start(input.person, input.killSessions, call.actor),
    'offboarding.list': (input) => service.list(input.status === 'all' ? undefined : input.status),
    'offboarding.get': (input) => service.get(input.caseId),
    'offboarding.approve': (input, call) => service.approve(input, call.actor),
    'offboarding.skip': (input, call) => service.skip(input, input.reason, call.actor),
    'offboarding.completeManual': (input, call) =>
      service.completeManual(input.taskId, input.note, call.actor),
    'offboarding.verify': (input, call) => service.verify(input.caseId, call.actor),
    'offboarding.evidence': async (input) => {
      const view = await service.get(input.caseId);
      const evidence = await buildEvidence(
        ctx.store,
        (await service.repo.getCase(input.caseId))!,
        view,
        ctx.clock.now().toISOString(),
        await ctx.audit.evidenceAnchor(),
      );
      const base = `offboarding-case-${input.caseId}`;
      return input.format === 'html'
        ? {
            format: 'html',
            fileName: `${base}.html`,
            content: evidenceHtml(evidence, { timeZone: input.timeZone, locale: input.locale }),
          }
        : { format: 'json', fileName: `${base}.json`, content: JSON.stringify(evidence, null, 2) };
    },
  };
  return { handlers, service };
};

type Settling = 'sync.run' | 'sync.now' | 'directory.pull';

/** Wraps the directory-pulling handlers so they resolve after the offboarding work they caused. */
export const settleAfter = (handlers: Handlers, settled: () => Promise<void>): Pick<Handlers, Settling> => {
  const wrap = <K extends Settling>(k: K): Handlers[K] =>
    (async (input: Parameters<Handlers[K]>[0], call: Parameters<Handlers[K]>[1]) => {
      const out = await (handlers[k] as (i: unknown, c: unknown) => Promise<unknown>)(input, call);
      await settled();
      return out;
    }) as Handlers[K];
  return {
    'sync.run': wrap('sync.run'),
    'sync.now': wrap('sync.now'),
    'directory.pull': wrap('directory.pull'),
  };
};
