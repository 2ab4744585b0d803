// A hand task's Done is the outcome of the op that issued it: the manual-task op (status `done` = issued) keeps
// who marked it done, when, the note and the account as it was, in its journaled result (`confirmed`); an Undo
// moves that to `reopened`. With the ledger event in the same transaction, the journal and the ledger agree on
// every Done and Undo, and the inbox reads open tasks straight from the journal.
import type { Store } from '../store/store';
import type { Recorded } from './manual-outcome';

export interface Confirmation {
  at: string;
  by: string;
  note: string;
  /** What the Done recorded in the accounts table (null: no account changed). */
  recorded: Recorded | null;
  /** The newest sync run when it was done: any later run has planned against it (ids, not clocks, say "later"). */
  lastRun?: number;
}

interface TaskResult {
  confirmed?: Confirmation;
  reopened?: { at: string; by: string }[];
}

export const confirmationOf = (result: string | null): Confirmation | null =>
  result ? ((JSON.parse(result) as TaskResult).confirmed ?? null) : null;

export const createTaskJournal = (store: Store) => {
  const read = async (opId: number): Promise<string | null> =>
    (await store.q().selectFrom('plan_ops').select('result').where('id', '=', opId).executeTakeFirst())
      ?.result ?? null;
  const update = async (opId: number, at: string, change: (r: TaskResult) => TaskResult): Promise<void> => {
    const result = await read(opId);
    const current = result ? (JSON.parse(result) as TaskResult) : {};
    await store
      .q()
      .updateTable('plan_ops')
      .set({ result: JSON.stringify(change(current)), updated_at: at })
      .where('id', '=', opId)
      .execute();
  };
  return {
    confirmation: async (opId: number): Promise<Confirmation | null> => confirmationOf(await read(opId)),
    /** Call inside the caller's store.tx (with its ledger event). */
    async confirm(opId: number, c: Confirmation): Promise<void> {
      await update(opId, c.at, (r) => ({ ...r, confirmed: c }));
    },
    async reopen(opId: number, at: string, by: string): Promise<void> {
      await update(opId, at, ({ confirmed: _c, ...r }) => ({
        ...r,
        reopened: [...(r.reopened ?? []), { at, by }],
      }));
    },
  };
};

export type TaskJournal = ReturnType<typeof createTaskJournal>;
