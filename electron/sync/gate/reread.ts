// What the gate re-reads for honest reconcile: ops left `running` by a crash are judged on their accounts re-read
// BY ID where the app can (a listing that pages badly proves nothing about one account); the rest of the app's
// state comes from this run's listing, and the person's status from the directory snapshot.
import type { AppConnector } from '../../apps/types';
import type { DirectoryService } from '../../directory/directory-service';
import type { StoredAccount } from '../../store/accounts-repo';
import { errorText } from '../engine/apply';
import type { EngineDeps } from '../engine/engine-deps';
import type { JournalOp } from '../engine/journal';
import { accountIdsOf } from '../ops';
import type { ReadState } from './verify-state';

/** Per app: remote id → the account as the app shows it now (null: "not found"), for the ops left running. */
export type RereadById = Map<string, Map<string, StoredAccount | null>>;

export const rereadRunning = async (
  deps: EngineDeps,
  appIds: readonly string[],
  connectors: Map<string, AppConnector> | undefined,
): Promise<RereadById> => {
  const out: RereadById = new Map();
  for (const appId of appIds) {
    const running = (await deps.journal.openForApp(appId)).filter((o) => o.status === 'running');
    const connector = connectors?.get(appId);
    if (!running.length || !connector?.getAccount) continue;
    const byId = new Map<string, StoredAccount | null>();
    for (const id of new Set(running.flatMap((op) => accountIdsOf(op.payload)))) {
      try {
        const a = await connector.getAccount(id);
        // Keyed by the id asked for (an op keyed by an old GitHub login is judged on that member).
        const personId = (await deps.accounts.get(appId, id))?.personId ?? null;
        byId.set(id, a ? { ...a, remoteId: id, appId, personId, seenAt: deps.now() } : null);
      } catch (err) {
        deps.log.warn('could not re-read an account by id; the op is retried', {
          app: appId,
          id,
          error: errorText(err),
        });
      }
    }
    out.set(appId, byId);
  }
  return out;
};

/** The re-read state an op left running is judged on (verify-state.ts). */
export const readStateOf =
  (deps: EngineDeps, directory: DirectoryService, read: Set<string>, byId: RereadById) =>
  async (op: JournalOp): Promise<ReadState> => {
    let accounts: StoredAccount[] | null = read.has(op.appId) ? await deps.accounts.list(op.appId) : null;
    const fresh = byId.get(op.appId);
    if (accounts && fresh?.size) {
      accounts = accounts.filter((a) => !fresh.has(a.remoteId));
      for (const a of fresh.values()) if (a) accounts.push(a);
    }
    return {
      accounts,
      personStatus: op.personId ? await directory.snapshot.personStatus(op.personId) : null,
    };
  };
