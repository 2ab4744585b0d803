// API handlers of the directory connectors (issue #3): directory.* methods of shared/api/methods-directory.ts.
// directory.check (issue #16) tests a connection the admin is editing before anything of it is saved.
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import type { directoryMethods } from '../../shared/api/methods-directory';
import { createDirectoryService } from './directory-service';
import { readDirectoryDraft, requireDraftSecrets } from './draft';

export const createDirectoryHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof directoryMethods> => {
  const service = createDirectoryService(ctx);
  return {
    'directory.test': () => service.test(),
    'directory.check': async (input) => {
      const draft = readDirectoryDraft(input);
      await requireDraftSecrets(draft, (ref) => ctx.resolver.isSet(ref));
      return service.check(draft.directory, draft.overrides);
    },
    'directory.pull': (input) => service.pull(input),
  };
};
