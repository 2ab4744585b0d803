// Whether an orphan's removal, proposed by an admin (electron/orphans/service.ts), still holds when the gate
// re-plans it or a sync run sweeps the app's open ops: no plan ever contains it — the admin's decision is its
// reason — so the gate asks here. It holds while the decision is still "remove" for this op, and the account still
// exists as it was: active, and still nobody's (linked to a person since, it is the plan's business again).
// Reads only.
import type { AccountsRepo } from '../store/accounts-repo';
import type { Store } from '../store/store';
import { createOrphanDecisionsRepo } from './decisions-repo';

export const createOrphanRemovalCheck = (store: Store, accounts: Pick<AccountsRepo, 'get'>) => {
  const decisions = createOrphanDecisionsRepo(store);
  return async (op: { key: string; appId: string }): Promise<boolean> => {
    const d = await decisions.removalByKey(op.key);
    if (!d || d.appId !== op.appId) return false;
    const account = await accounts.get(d.appId, d.remoteId);
    return account !== null && account.active && account.personId === null;
  };
};
