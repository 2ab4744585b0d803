// API handlers of the People page (issue #7): people.* methods of shared/api/methods-people.ts, read straight
// from the stored directory snapshot and app accounts (no connector is called: the page must open offline).
import type { CoreContext } from '../app/context';
import type { Handlers } from '../app/handlers';
import { LanyardError } from '../app/errors';
import type { peopleMethods } from '../../shared/api/methods-people';
import { createPeopleReadRepo } from '../store/people-read-repo';
import { createOpenTaskCells } from '../tasks/open-task-cells';

export const createPeopleHandlers = (ctx: CoreContext): Pick<Handlers, keyof typeof peopleMethods> => {
  const repo = createPeopleReadRepo(ctx.store);
  const handTasks = createOpenTaskCells(ctx.store);
  return {
    'people.list': async () => handTasks.list(await repo.list()),
    'people.get': async ({ id }) => {
      const person = await repo.get(id);
      if (!person) {
        throw new LanyardError('not_found', `No one in the directory has the id "${id}".`, {
          hint: 'They may have been removed from the identity provider; pull the directory again to refresh the list.',
        });
      }
      return person;
    },
  };
};
