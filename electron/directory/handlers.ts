// API handlers of the directory connectors (issue #3): directory.* methods of shared/api/methods-directory.ts.
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { directoryMethods } from '../../shared/api/methods-directory';
import { createDirectoryService } from './directory-service';

export const createDirectoryHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof directoryMethods> => {
  const service = createDirectoryService(ctx);
  return {
    'directory.test': () => service.test(),
    'directory.pull': (input) => service.pull(input),
  };
};
