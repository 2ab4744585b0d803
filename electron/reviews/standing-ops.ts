// Whether an access review's own op (a revoke of an orphan or of an account no rule manages, a role change) still
// holds when the gate re-plans it: the fresh plan never contains such ops — the reason is the reviewer's decision,
// not the rules — so the gate asks here instead. It holds while the item's current decision is still the one the op
// carries out and the account it names still exists as it was (active for a revoke; another role for a change).
// A departed person's account is left to the plan: if they are back in the directory, the revoke is superseded.
// Reads only.
import { sql } from 'kysely';
import type { AccountsRepo } from '../store/accounts-repo';
import type { Store } from '../store/store';
import type { OpPayload } from '../sync/types';

interface Row {
  kind: string;
  app_id: string;
  remote_id: string;
  decision: string;
  role: string | null;
}

export const createReviewOpCheck = (store: Store, accounts: Pick<AccountsRepo, 'get'>) => {
  // The items whose op_keys (a JSON array of strings) hold the key: json_each on SQLite, jsonb_array_elements_text
  // on PostgreSQL.
  const keys =
    store.engine === 'postgres'
      ? sql`jsonb_array_elements_text(i.op_keys::jsonb) AS k(value)`
      : sql`json_each(i.op_keys) k`;
  const byKey = async (key: string): Promise<Row[]> =>
    (
      await sql<Row>`
        SELECT i.kind, i.app_id, i.remote_id, d.decision, d.role
          FROM review_items i JOIN review_decisions d ON d.id = i.decision_id, ${keys}
         WHERE k.value = ${key}
         ORDER BY i.id`.execute(store.q())
    ).rows;
  return async (op: { key: string; kind: string; payload: OpPayload }): Promise<boolean> => {
    for (const r of await byKey(op.key)) {
      if (r.kind === 'departed') continue;
      const account = await accounts.get(r.app_id, r.remote_id);
      if (!account?.active) continue;
      if (r.decision === 'revoke' && op.kind !== 'set-role') return true;
      if (
        r.decision === 'change-role' &&
        op.payload.kind === 'set-role' &&
        op.payload.role === r.role &&
        account.role !== r.role
      )
        return true;
    }
    return false;
  };
};
