// A hand task's Done is the outcome of the op that issued it: the manual-task op (status `done` = issued) keeps
// who marked it done, when, the note and the account as it was, in its journaled result (`confirmed`); an Undo
// moves that to `reopened`. With the ledger event in the same transaction, the journal and the ledger agree on
// every Done and Undo, and the inbox reads open tasks straight from the journal.
import type { Db } from '../store/database';
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

export const createTaskJournal = (db: Db) => {
  const read = db.prepare<[number], { result: string | null }>('SELECT result FROM plan_ops WHERE id = ?');
  const write = db.prepare<[string, string, number]>(
    'UPDATE plan_ops SET result = ?, updated_at = ? WHERE id = ?',
  );
  const update = (opId: number, at: string, change: (r: TaskResult) => TaskResult): void => {
    const row = read.get(opId);
    const current = row?.result ? (JSON.parse(row.result) as TaskResult) : {};
    write.run(JSON.stringify(change(current)), at, opId);
  };
  return {
    confirmation: (opId: number): Confirmation | null => confirmationOf(read.get(opId)?.result ?? null),
    confirm(opId: number, c: Confirmation): void {
      update(opId, c.at, (r) => ({ ...r, confirmed: c }));
    },
    reopen(opId: number, at: string, by: string): void {
      update(opId, at, ({ confirmed: _c, ...r }) => ({
        ...r,
        reopened: [...(r.reopened ?? []), { at, by }],
      }));
    },
  };
};

export type TaskJournal = ReturnType<typeof createTaskJournal>;
