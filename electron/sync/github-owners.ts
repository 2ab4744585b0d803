// What Lanyard remembers about GitHub accounts between reads: which directory person each one belongs to. GitHub
// keeps no field of ours on an org member, and two things make a member's keys change under Lanyard's feet:
// - a login renamed on GitHub (the directory attribute still holds the old one): the member keeps its numeric id,
//   so the person linked to that id at the last read is still its owner;
// - an invitation accepted: the pending `invitation:<id>` disappears and a member appears. An invitation to a login
//   becomes the member with that login; an invitation by email becomes, by elimination, the one new member nobody
//   claims — only when exactly one remembered email invitation vanished and exactly one such member appeared in the
//   same read, otherwise nothing is guessed (the member stays an orphan for an admin to link). An invitation that
//   expired is still read (as a failed invitation, inactive), and one whose invitee has a new pending invitation is
//   not counted as accepted, so neither is ever matched to a newcomer by elimination.
// The owner is carried as the account's externalId, which GitHub never reports: correlation links by it first and
// its identity guard keeps the account from being handed to someone else by login. Accounts stored before members
// were keyed by id (remoteId = login) are matched by login once, on the first read after the upgrade.
// Pure: given the stored accounts (with the person each was linked to) and the fresh read.
import { invitationIdOf, isLogin, isUserId } from '../apps/github/wire';
import type { AppAccount } from '../apps/types';

export interface KnownAccount extends AppAccount {
  /** The person the account was linked to at the last read (or by the op that created it). */
  personId: string | null;
}

/** remoteId → person id, by the correlation's rule. */
export type Linker = (accounts: readonly AppAccount[]) => Map<string, string>;

const ownerOf = (a: KnownAccount): string | null => a.personId ?? a.externalId;
const isMember = (a: AppAccount): boolean => invitationIdOf(a.remoteId) === null;
const lower = (s: string): string => s.toLowerCase();

export const rememberGithubOwners = (
  previous: readonly KnownAccount[],
  fresh: readonly AppAccount[],
  link: Linker,
): { accounts: AppAccount[]; links: Map<string, string> } => {
  const before = new Map(previous.map((a) => [a.remoteId, a]));
  // Rows from before ids: remoteId is the login.
  const legacy = new Map<string, KnownAccount>();
  for (const a of previous) if (isMember(a) && !isUserId(a.remoteId)) legacy.set(lower(a.remoteId), a);
  const known = (a: AppAccount): KnownAccount | undefined =>
    before.get(a.remoteId) ?? (isMember(a) ? legacy.get(lower(a.userName)) : undefined);

  const withOwner = (a: AppAccount, owner: string | null): AppAccount =>
    a.externalId || !owner ? a : { ...a, externalId: owner };
  const accounts = fresh.map((a) => {
    const k = known(a);
    return withOwner(a, k ? ownerOf(k) : null);
  });
  let links = link(accounts);

  const present = new Set(fresh.map((a) => a.remoteId));
  // An invitee with a pending invitation in this read was invited again: the vanished one was not accepted (it
  // expired, and the connector leaves out a failed invitation sent again). One that expired and was not sent again
  // is still read, as a failed invitation (inactive), so it is present: never taken for accepted either.
  const invitees = new Set(fresh.filter((a) => !isMember(a) && a.active).map((a) => lower(a.userName)));
  const accepted = previous.filter(
    (a) =>
      !isMember(a) &&
      a.active &&
      !present.has(a.remoteId) &&
      !invitees.has(lower(a.userName)) &&
      ownerOf(a) !== null,
  );
  if (!accepted.length) return { accounts, links };
  const newcomers = new Map(
    accounts
      .map((a, i) => [a, i] as const)
      .filter(([a]) => isMember(a) && !a.externalId && !known(a) && !links.has(a.remoteId))
      .map(([a, i]) => [lower(a.userName), i]),
  );
  let changed = false;
  const assign = (i: number, owner: string): void => {
    accounts[i] = { ...accounts[i]!, externalId: owner };
    changed = true;
  };
  const byEmail: KnownAccount[] = [];
  for (const inv of accepted) {
    // An invitation to a GitHub user names their login; one by email names only the address.
    if (isLogin(inv.userName)) {
      const i = newcomers.get(lower(inv.userName));
      if (i !== undefined) {
        assign(i, ownerOf(inv)!);
        newcomers.delete(lower(inv.userName));
      }
    } else byEmail.push(inv);
  }
  if (byEmail.length === 1 && newcomers.size === 1)
    assign([...newcomers.values()][0]!, ownerOf(byEmail[0]!)!);
  if (changed) links = link(accounts);
  return { accounts, links };
};
