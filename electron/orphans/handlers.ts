// The orphans.* API handlers over the orphan service (electron/orphans/service.ts) and the gate proposal of a
// removal (remove.ts). Every change is recorded under the caller's name (the admin's, for the UI).
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { orphansMethods } from '../../shared/api/methods-orphans';
import type { SyncService } from '../sync/engine/sync-service';
import { removeOrphan } from './remove';
import { createOrphanService } from './service';

export const createOrphanHandlers = (
  ctx: CoreContext,
  sync: SyncService,
): Pick<Handlers, keyof typeof orphansMethods> => {
  const s = createOrphanService(ctx, sync);
  return {
    'orphans.list': (input) => s.list(input.appId),
    'orphans.ignore': (input, call) => s.ignore(input.appId, input.remoteId, input.reason, call.actor),
    'orphans.unignore': (input, call) => s.unignore(input.appId, input.remoteId, call.actor),
    'orphans.markService': (input, call) => s.markService(input.appId, input.remoteId, call.actor),
    'orphans.link': async (input, call) => s.link(input.appId, input.remoteId, input.personId, call.actor),
    'orphans.remove': (input, call) => removeOrphan(ctx, sync, s, input.appId, input.remoteId, call.actor),
  };
};
