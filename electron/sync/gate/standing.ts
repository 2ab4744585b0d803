// Ops no plan ever contains — an admin's or a reviewer's decision is their reason — and whether that decision still
// stands: an access review's own op (an orphan's revoke, a role change; reviews/standing-ops.ts) or an admin's
// removal of an orphan (orphans/removal-stands.ts). The gate's re-plan on approval and a sync run's sweep of open
// ops both ask here, so a held op of either kind is kept exactly while its decision stands. Reads only.
import type { AccountsRepo } from '../../store/accounts-repo';
import { createOrphanRemovalCheck } from '../../orphans/removal-stands';
import { createReviewOpCheck } from '../../reviews/standing-ops';
import type { Store } from '../../store/store';
import type { JournalOp } from '../engine/journal';

export const createStandingCheck = (store: Store, accounts: Pick<AccountsRepo, 'get'>) => {
  const reviewDecisionStands = createReviewOpCheck(store, accounts);
  const orphanRemovalStands = createOrphanRemovalCheck(store, accounts);
  return async (op: JournalOp): Promise<boolean> =>
    (op.source === 'access-review' && (await reviewDecisionStands(op))) ||
    (op.source === 'orphan-removal' && (await orphanRemovalStands(op)));
};
