// API handlers of the app connectors (issue #4): apps.* methods of shared/api/methods-apps.ts.
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { appMethods } from '../../shared/api/methods-apps';
import { createAppService, type AppServiceOptions } from './app-service';

export const createAppHandlers = (
  ctx: CoreContext,
  opts: AppServiceOptions = {},
): Pick<Handlers, keyof typeof appMethods> => {
  const apps = createAppService(ctx, opts);
  return {
    'apps.test': (input) => apps.test(input.appId),
    'apps.accounts': (input) => apps.accounts(input.appId),
    'apps.probe': (input) => apps.probe(input.appId, input.write),
    'apps.confirmManual': (input) => apps.confirmManual(input),
  };
};
