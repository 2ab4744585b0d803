// People's cells for open hand tasks: the People matrix and person panel say "to do by hand" for a person whose
// account in a manual app someone still has to create, change or revoke — not "Access" for a badge nobody issued
// yet. The cell is also `pending` (a change not yet in the app), so "pending only" and the app filter find it.
// Overlays a copy of the (cached) people list; the cached list itself is never changed.
import type { Store } from '../store/store';
import type { PeopleList, PersonAppCell } from '../../shared/api/methods-people';
import { createIssuedTasks } from './issued-tasks';

export const createOpenTaskCells = (store: Store) => {
  const issued = createIssuedTasks(store);
  // A case's manual-app task not yet decided: to do by hand (or about to be issued by the case's run).
  const caseTasks = () =>
    store
      .q()
      .selectFrom('offboarding_tasks as t')
      .innerJoin('offboarding_cases as c', 'c.id', 't.case_id')
      .select(['c.person_id', 't.app_id'])
      .where('c.status', '=', 'open')
      .where('t.kind', '=', 'manual')
      .where('t.app_id', 'is not', null)
      .where('t.status', 'not in', ['done', 'skipped', 'verified', 'flagged'])
      .execute();

  /** App ids with an open hand task, by person id. */
  const open = async (): Promise<Map<string, Set<string>>> => {
    const out = new Map<string, Set<string>>();
    const add = (personId: string | null, appId: string | null): void => {
      if (!personId || !appId) return;
      let apps = out.get(personId);
      if (!apps) out.set(personId, (apps = new Set()));
      apps.add(appId);
    };
    for (const t of (await issued.list(() => null)).open) add(t.personId, t.appId);
    for (const r of await caseTasks()) add(r.person_id, r.app_id);
    return out;
  };

  const mark = (cells: PersonAppCell[], apps: Set<string>): PersonAppCell[] => {
    const out = cells.map((c) => (apps.has(c.appId) ? { ...c, pending: true, byHand: true } : c));
    for (const appId of apps)
      if (!cells.some((c) => c.appId === appId))
        out.push({ appId, active: false, role: null, pending: true, byHand: true });
    return out.sort((a, b) => (a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : 0));
  };

  return {
    async list(list: PeopleList): Promise<PeopleList> {
      const tasks = await open();
      if (!tasks.size) return list;
      return {
        ...list,
        people: list.people.map((p) => {
          const apps = tasks.get(p.id);
          return apps ? { ...p, accounts: mark(p.accounts, apps) } : p;
        }),
      };
    },
  };
};
