// API handlers of the app connectors (issue #4): apps.* methods of shared/api/methods-apps.ts.
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { appMethods } from '../../shared/api/methods-apps';

export const createAppHandlers = (_ctx: CoreContext): Pick<Handlers, keyof typeof appMethods> => ({});
