// Honest reconcile: an op left `running` by a crash (its request may or may not have reached the app) is marked
// done only when the app, re-read at the start of this run, actually shows the intended state. Pure: it is given
// what was re-read. 'unknown' when the app was not re-read (then the op is retried, never assumed done).
import type { StoredAccount } from '../../store/accounts-repo';
import type { JournalOp } from '../engine/journal';

export type Shown = 'shown' | 'not-shown' | 'unknown';

export interface ReadState {
  /** The app's accounts as re-read this run (null: not re-read). */
  accounts: readonly StoredAccount[] | null;
  /** The person's status in the directory snapshot (for the kill switch), when known. */
  personStatus: string | null;
}

export const intendedStateShown = (op: JournalOp, read: ReadState): Shown => {
  const p = op.payload;
  if (p.kind === 'idp-suspend') {
    if (read.personStatus === null) return 'unknown';
    return read.personStatus === 'active' || read.personStatus === 'staged' ? 'not-shown' : 'shown';
  }
  // Ending sessions leaves nothing to read back: it is re-sent (it is idempotent).
  if (p.kind === 'idp-revoke-sessions') return 'unknown';
  // A manual task is issued, not sent: issuing it again is harmless.
  if (p.kind === 'manual-task') return 'unknown';
  if (!read.accounts) return 'unknown';
  const byId = new Map(read.accounts.map((a) => [a.remoteId, a]));
  const yes = (b: boolean): Shown => (b ? 'shown' : 'not-shown');
  switch (p.kind) {
    case 'create': {
      const u = p.spec.userName.toLowerCase();
      return yes(
        read.accounts.some(
          (a) => (op.personId !== null && a.personId === op.personId) || a.userName.toLowerCase() === u,
        ),
      );
    }
    case 'deactivate': {
      const a = byId.get(p.remoteId);
      return yes(!a || !a.active);
    }
    case 'delete':
      return yes(!byId.has(p.remoteId));
    case 'reactivate':
      return yes(byId.get(p.remoteId)?.active === true);
    case 'set-role':
      return yes(byId.get(p.remoteId)?.role?.toLowerCase() === p.role.toLowerCase());
    case 'update': {
      const a = byId.get(p.remoteId);
      if (!a) return 'not-shown';
      const c = p.changes;
      if (c.userName !== undefined && a.userName !== c.userName) return 'not-shown';
      if (c.role !== undefined && a.role !== c.role) return 'not-shown';
      if (c.displayName !== undefined && c.displayName !== null && a.displayName !== c.displayName)
        return 'not-shown';
      // Profile attributes are not all read back by every app: the fields it does report must match.
      return 'shown';
    }
    case 'add-to-group':
    case 'remove-from-group': {
      // An app whose accounts show no group memberships at all may simply not report them (membership unknown):
      // nothing can be proven from it, so the op is retried (group changes are idempotent).
      if (!read.accounts.some((a) => a.groups.length > 0)) return 'unknown';
      const add = p.kind === 'add-to-group';
      const gid = p.groupId.toLowerCase();
      for (const m of p.members) {
        const a = m.remoteId ? byId.get(m.remoteId) : read.accounts.find((x) => x.personId === m.personId);
        if (!a) {
          if (add) return 'not-shown';
          continue;
        }
        const has = a.groups.some((g) => g.toLowerCase() === gid);
        if (has !== add) return 'not-shown';
      }
      return 'shown';
    }
  }
};
