// Protected accounts: the accounts an app's `protected` list names (break-glass admins, service accounts, bots),
// which Lanyard never changes. The planner plans nothing for them and the apply gate refuses any op on one, so
// both ask the same question through this one matcher. An entry matches the account's userName (GitHub: login) or
// any of its emails, case-insensitively. Pure; one Set lookup per name, so 10k accounts cost next to nothing.
import type { AppConfig } from '../../shared/config/workspace';
import { IDP_APP_ID } from './guard';
import { accountIdsOf } from './ops';
import type { PlanOp } from './types';

export interface ProtectableAccount {
  userName: string;
  emails?: readonly string[] | undefined;
}

export type ProtectedMatcher = (account: ProtectableAccount) => boolean;

const NEVER: ProtectedMatcher = () => false;

const key = (name: string): string => name.trim().toLowerCase();

/** Whether an account is on the app's protected list; an app without a list protects nothing. */
export const protectedMatcher = (app: Pick<AppConfig, 'protected'>): ProtectedMatcher => {
  const list = app.protected;
  if (!list?.length) return NEVER;
  const names = new Set(list.map(key));
  return (account) => {
    if (names.has(key(account.userName))) return true;
    for (const email of account.emails ?? []) if (names.has(key(email))) return true;
    return false;
  };
};

/** Whether the app protects any account at all (lets hot loops skip the check). */
export const hasProtectedAccounts = (app: Pick<AppConfig, 'protected'>): boolean =>
  (app.protected?.length ?? 0) > 0;

/** A protected account the plan left alone, and what Lanyard would otherwise have done to it. */
export interface ProtectedAccount {
  appId: string;
  /** The account's id in the app; null when the account does not exist yet (its create was not planned). */
  remoteId: string | null;
  userName: string;
  /** The directory person the account belongs to; null when no person claims it. */
  personId: string | null;
  /** "protected in the workspace: left alone; Lanyard would otherwise deactivate ana@acme.io in Slack: …". */
  reason: string;
}

const PROTECTED = 'protected in the workspace';

/** Why a protected account got no op: what the plan would otherwise have done, in the ops' own words. */
export const leftAloneReason = (would: readonly string[]): string =>
  would.length
    ? `${PROTECTED}: left alone; Lanyard would otherwise ${would.join('; and ')}`
    : `${PROTECTED}: left alone; nothing about it would change now`;

/** Why an account a rule grants was not created: its name is on the protected list. */
export const notCreatedReason = (createReason: string): string =>
  `${PROTECTED}: not created; Lanyard would otherwise ${createReason}`;

/** A protected account no directory person claims (it would be an orphan: reported, never changed). */
export const unlinkedReason = (orphanReason: string): string =>
  `${PROTECTED}: left alone; not linked to anyone (${orphanReason})`;

/** A protected account in an app without access rules, where Lanyard plans nothing anyway. */
export const unmanagedReason = (appName: string): string =>
  `${PROTECTED}: left alone; ${appName} has no access rules, so Lanyard changes nothing there yet`;

/**
 * The gate's second line: the protected account an op would touch — by the accounts it names (looked up by remote
 * id) or by the names in its payload — or null. The kill switch (the IdP's, not an app's) is never refused here.
 */
export const protectedTargetOf = (
  op: PlanOp,
  isProtected: ProtectedMatcher | undefined,
  account: (appId: string, remoteId: string) => { userName: string; emails: string[] } | null,
): string | null => {
  if (!isProtected || op.appId === IDP_APP_ID) return null;
  const p = op.payload;
  for (const id of accountIdsOf(p)) {
    const a = account(op.appId, id);
    if (a && isProtected(a)) return a.userName;
  }
  const names: string[] = [];
  if (p.kind === 'deactivate' || p.kind === 'delete') names.push(p.userName);
  else if (p.kind === 'create') names.push(p.spec.userName, ...(p.spec.email ? [p.spec.email] : []));
  else if (p.kind === 'add-to-group' || p.kind === 'remove-from-group')
    names.push(...p.members.map((m) => m.userName));
  else if (p.kind === 'manual-task' && p.spec) names.push(p.spec.userName);
  names.push(op.target);
  for (const n of names) if (n && isProtected({ userName: n })) return n;
  return null;
};
