// The tasks.* API handlers over the task inbox service (electron/tasks/tasks-service.ts).
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { OffboardingService } from '../offboarding/case-service';
import type { SyncService } from '../sync/engine/sync-service';
import type { tasksMethods } from '../../shared/api/methods-tasks';
import { createTasksService } from './tasks-service';

export const createTaskHandlers = (
  ctx: CoreContext,
  sync: SyncService,
  offboarding: OffboardingService,
): Pick<Handlers, keyof typeof tasksMethods> => {
  const tasks = createTasksService(ctx, sync, offboarding);
  return {
    'tasks.list': async (input) => tasks.list(input.appId),
    'tasks.done': (input, call) => tasks.done(input.id, input.note, call.actor),
    'tasks.undo': (input, call) => tasks.undo(input.id, call.actor),
  };
};
