// Contract methods for orphan accounts (issue #16 item 11): accounts in apps that match nobody in the directory,
// and what an admin does about each — ignore it (with a reason; un-ignore later), mark it as a service account
// (added to the app's protected list), link it to a person (a correlation override the planner honours), or remove
// it (a proposal through the gate, journaled, held when the guardrails say so). Merged into shared/api/contract.ts.
import { z } from 'zod';
import { method } from './define';
import type { SyncOpView } from './methods-sync';

/**
 * open: nobody decided yet; ignored: known and accepted (left out of orphan counts); service: marked as a service
 * account (protected); removing: a removal was proposed and is still open (held for review, or waiting to run).
 */
export type OrphanState = 'open' | 'ignored' | 'service' | 'removing';

export interface OrphanView {
  appId: string;
  appName: string;
  appKind: 'scim' | 'github' | 'manual';
  remoteId: string;
  userName: string;
  email: string | null;
  displayName: string | null;
  active: boolean;
  role: string | null;
  state: OrphanState;
  /** The admin's decision, when there is one: the reason (for an ignore), who and when. */
  decision: { reason: string | null; by: string; at: string } | null;
  /** The removal op in the journal (its status says whether it is held, done or failed). */
  removal: SyncOpView | null;
  /** The account Lanyard itself signs in as (the GitHub token's login, the SCIM basic-auth user): never removed. */
  own: boolean;
  /** Protected in the workspace (the app's protected list names it): Lanyard never changes it. */
  protected: boolean;
  /** What Remove would do, in the op label's words ("Deactivate in Acme", "Remove from the GitHub org"). */
  removeEffect: string;
  /** What that means for whoever uses the account ("They can no longer sign in …"), when the label says it. */
  removeConsequence: string | null;
}

export interface OrphanList {
  orphans: OrphanView[];
  /** Orphans nobody has dealt with (state open or removing): the number the Overview and People page show. */
  open: number;
  /** Ignored and service accounts: known, left out of the counts. */
  known: number;
  /** Open orphans per app id. */
  perApp: Record<string, number>;
  /** Apps whose own account (the one Lanyard signs in as) could not be told just now, with why. */
  ownUnknown: { appId: string; reason: string }[];
}

export interface OrphanRemoveResult {
  runId: number | null;
  /** The journaled op after the gate: done, failed, held for review, or a manual task. */
  op: SyncOpView | null;
  /** What happened, in one sentence for the admin. */
  message: string;
}

const appId = z.string().min(1).max(100);
const remoteId = z.string().min(1).max(500);
const account = { appId, remoteId };

export const orphansMethods = {
  'orphans.list': method<OrphanList>()({
    input: z.object({ appId: appId.optional() }).strict(),
    summary: 'Orphan accounts (nobody in the directory) with what admins decided about each, and the counts',
  }),
  'orphans.ignore': method<OrphanView>()({
    input: z.object({ ...account, reason: z.string().trim().min(1).max(1000) }).strict(),
    summary: 'Ignore an orphan account (with a reason): listed as ignored and left out of orphan counts',
    mutates: true,
  }),
  'orphans.unignore': method<OrphanView>()({
    input: z.object(account).strict(),
    summary: 'Count an ignored orphan account as an orphan again',
    mutates: true,
  }),
  'orphans.markService': method<OrphanView>()({
    input: z.object(account).strict(),
    summary: 'Mark an orphan account as a service account: added to the app’s protected list, never changed',
    mutates: true,
  }),
  'orphans.link': method<{ appId: string; remoteId: string; personId: string }>()({
    input: z.object({ ...account, personId: z.string().min(1).max(200) }).strict(),
    summary: 'Link an orphan account to a directory person: the next plan treats it as their account',
    mutates: true,
  }),
  'orphans.remove': method<OrphanRemoveResult>()({
    input: z.object(account).strict(),
    summary:
      'Propose removing an orphan account through the gate (journaled, audited, held when guardrails say)',
    mutates: true,
  }),
} as const;
