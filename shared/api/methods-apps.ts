// Contract methods of the app connectors (issue #4), merged into shared/api/contract.ts, and the plain types
// they return. electron/apps/types.ts builds the connector interface on these types.
import { z } from 'zod';
import { method } from './define';

/** One account as the app really has it (last read or written). */
export interface AppAccount {
  /** The app's own id for the account (SCIM `id`, GitHub login, the userName for manual apps). */
  remoteId: string;
  userName: string;
  emails: string[];
  /** SCIM externalId: Lanyard writes the directory person id here. */
  externalId: string | null;
  active: boolean;
  role: string | null;
  /** Remote group ids (SCIM) or team slugs (GitHub) the account is a member of, where the app says. */
  groups: string[];
  displayName: string | null;
  /** An invitation the person has not accepted yet (GitHub: remoteId `invitation:<id>`); absent = a real account. */
  pending?: boolean;
}

export type UpdateDialect = 'patch' | 'put-only';
/** What DELETE does in the app: really delete, only deactivate (Slack, Atlassian), or not offered. */
export type DeleteMeaning = 'delete' | 'deactivate' | 'unsupported';

/** What Lanyard may rely on when talking to an app; from the preset, discovery and the probe (in that order). */
export interface AppCapabilities {
  kind: 'scim' | 'github' | 'manual';
  update: UpdateDialect;
  /** `filter=userName eq "…"` works; otherwise lookups list every account and match locally. */
  filter: boolean;
  groups: boolean;
  etag: boolean;
  enterpriseExtension: boolean;
  pageSize: number;
  deleteMeans: DeleteMeaning;
  /** Which layers contributed, least specific first. */
  sources: ('preset' | 'discovery' | 'probe')[];
  /** What the last probe found wrong with paging ("startIndex is ignored: …"), with its date; absent when fine. */
  pagingQuirk?: string;
}

export interface AppCheckResult {
  ok: boolean;
  /** Admin-readable lines: "Authenticated; 3 accounts readable", "No /ServiceProviderConfig (404): using the preset". */
  details: string[];
  /** Permissions or scopes that are missing, by vendor name. */
  missing: string[];
}

export interface ProbeStep {
  name: string;
  status: 'ok' | 'failed' | 'skipped' | 'absent';
  detail: string;
}

export interface ProbeReport {
  appId: string;
  ok: boolean;
  steps: ProbeStep[];
  /** The capabilities the probe found (also stored, and used by the client from then on). */
  capabilities: AppCapabilities;
  /** The preset whose documented behaviour matches what was found best. */
  presetFit: { preset: string; matches: boolean; notes: string[] };
  wrote: boolean;
  /** With --write: whether the throwaway user is gone (or deactivated where DELETE is not offered). */
  cleanedUp: boolean | null;
  requests: number;
}

export interface AccountsSnapshot {
  appId: string;
  count: number;
  accounts: AppAccount[];
  /** Accounts linked to a directory person (externalId, then email / login). */
  linked: number;
  requests: number;
  readAt: string;
}

export const manualActionSchema = z.enum(['created', 'updated', 'deactivated', 'reactivated', 'deleted']);
export type ManualAction = z.infer<typeof manualActionSchema>;

export interface ManualConfirmResult {
  appId: string;
  action: ManualAction;
  /** The account as now tracked; null once deleted. */
  account: AppAccount | null;
}

const appIdInput = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an app id such as "slack"');

export const appMethods = {
  'apps.test': method<AppCheckResult>()({
    input: z.object({ appId: appIdInput }).strict(),
    summary: 'Check an app connection: credentials and a minimal read',
  }),
  'apps.accounts': method<AccountsSnapshot>()({
    input: z.object({ appId: appIdInput }).strict(),
    summary: "Read an app's accounts and store them (nothing is stored if the read fails)",
    mutates: true,
  }),
  'apps.probe': method<ProbeReport>()({
    input: z.object({ appId: appIdInput, write: z.boolean().default(false) }).strict(),
    summary: 'Find out what a SCIM app supports (with write: round trips on a throwaway user) and store it',
    mutates: true,
  }),
  'apps.confirmManual': method<ManualConfirmResult>()({
    input: z
      .object({
        appId: appIdInput,
        personId: z.string().min(1).max(200).optional(),
        userName: z.string().min(1).max(320).optional(),
        action: manualActionSchema,
        role: z.string().min(1).max(200).optional(),
      })
      .strict()
      .refine((v) => v.personId || v.userName, { message: 'give personId or userName' }),
    summary: 'Record that an admin did a manual app task (created, deactivated, … an account)',
    mutates: true,
  }),
} as const;
