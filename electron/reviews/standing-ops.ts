// Whether an access review's own op (a revoke of an orphan or of an account no rule manages, a role change) still
// holds when the gate re-plans it: the fresh plan never contains such ops — the reason is the reviewer's decision,
// not the rules — so the gate asks here instead. It holds while the item's current decision is still the one the op
// carries out and the account it names still exists as it was (active for a revoke; another role for a change).
// A departed person's account is left to the plan: if they are back in the directory, the revoke is superseded.
// Reads only.
import type { Db } from '../store/database';
import type { AccountsRepo } from '../store/accounts-repo';
import type { OpPayload } from '../sync/types';

interface Row {
  kind: string;
  app_id: string;
  remote_id: string;
  decision: string;
  role: string | null;
}

export const createReviewOpCheck = (db: Db, accounts: Pick<AccountsRepo, 'get'>) => {
  const byKey = db.prepare<[string], Row>(
    `SELECT i.kind, i.app_id, i.remote_id, d.decision, d.role
       FROM review_items i JOIN review_decisions d ON d.id = i.decision_id, json_each(i.op_keys) k
      WHERE k.value = ?`,
  );
  return async (op: { key: string; kind: string; payload: OpPayload }): Promise<boolean> => {
    for (const r of byKey.all(op.key)) {
      if (r.kind === 'departed') continue;
      const account = await accounts.get(r.app_id, r.remote_id);
      if (!account?.active) continue;
      if (
        r.decision === 'revoke'
          ? op.kind !== 'set-role'
          : r.decision === 'change-role' &&
            op.payload.kind === 'set-role' &&
            op.payload.role === r.role &&
            account.role !== r.role
      )
        return true;
    }
    return false;
  };
};
