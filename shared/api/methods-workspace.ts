// Contract methods for editing the workspace piece by piece from the UI (issue #7 point 3): read the stored
// workspace, add / edit / remove an app (its credential going straight to the keychain), the SCIM presets to pick
// from, and per-app status for the Apps page. Merged into shared/api/contract.ts. Everything here round-trips
// through `config export`: the UI edits the same model the workspace file does.
import { z } from 'zod';
import { method } from './define';
import type { AppAccount, AppCapabilities, DeleteMeaning, UpdateDialect } from './methods-apps';
import { appConfigSchema, type AppConfig, type DirectoryConfig, type RuleConfig } from '../config/workspace';
import { secretNameSchema, type SecretStatus } from '../domain/secrets';

/** The workspace as stored: connection settings hold secret references only, never values. */
export interface WorkspaceView {
  directory: DirectoryConfig | null;
  apps: AppConfig[];
  rules: RuleConfig[];
}

export interface AppSaveResult {
  app: AppConfig;
  /** True when the id was new (appended), false when an existing app was replaced in place. */
  created: boolean;
  /** The credential's keychain status when one was given with the save (never its value). */
  secret: SecretStatus | null;
}

export interface AppRemoveResult {
  id: string;
  rulesRemoved: number;
  /** Accounts Lanyard had read from the app and now forgets (nothing is changed in the app itself). */
  accountsForgotten: number;
}

export interface ScimPresetView {
  id: string;
  name: string;
  /** With {placeholders} the admin fills in. */
  baseUrlTemplate: string;
  /** What the vendor documents that matters when connecting (plan, token kind, what DELETE does, …). */
  notes: string[];
  /** Where each fact comes from (vendor documentation). */
  sources: string[];
  /** Facts not confirmed against the vendor's documentation; the probe checks them. */
  unconfirmed: string[];
  update: UpdateDialect;
  groups: boolean;
  deleteMeans: DeleteMeaning;
}

export type AppHealth = 'ok' | 'degraded' | 'quarantined' | 'paused';

export interface StoredCapabilitiesView extends AppCapabilities {
  probedAt: string;
  writeTested: boolean;
}

/** What the Apps list shows next to each app's configuration. */
export interface AppStatusView {
  id: string;
  health: AppHealth;
  healthDetail: string | null;
  /** Accounts from the last read (null: never read). */
  accounts: number | null;
  linked: number;
  /** Accounts nobody in the directory claims, less those an admin ignored or marked as service accounts. */
  orphans: number;
  lastReadAt: string | null;
  rules: number;
  capabilities: StoredCapabilitiesView | null;
}

export type PersonStatus = 'active' | 'staged' | 'suspended' | 'deprovisioned' | 'deleted';

export interface AccountReportRow extends AppAccount {
  /** The directory person the account is linked to; null = orphan (nobody in the directory). */
  person: { id: string; displayName: string | null; email: string | null; status: PersonStatus } | null;
  /** Why the account disagrees with the directory (e.g. still active for a deprovisioned person); null = none seen. */
  drift: string | null;
  seenAt: string;
  /** An orphan an admin has dealt with: ignored (with a reason) or marked as a service account; absent otherwise. */
  settled?: 'ignored' | 'service';
}

/** The orphan (and status drift) report of one app, from the accounts Lanyard last read. */
export interface AccountReport {
  appId: string;
  readAt: string | null;
  count: number;
  linked: number;
  /** Orphans nobody has dealt with yet (ignored ones and service accounts are not counted). */
  orphans: number;
  drifted: number;
  accounts: AccountReportRow[];
}

const appIdInput = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an app id such as "slack"');
const empty = z.object({}).strict();

export const workspaceMethods = {
  'workspace.get': method<WorkspaceView>()({
    input: empty,
    summary: 'The stored directory, apps and rules (secret references only)',
  }),
  'apps.save': method<AppSaveResult>()({
    input: z
      .object({
        app: appConfigSchema,
        secret: z
          .object({ name: secretNameSchema, value: z.string().min(1).max(65_536) })
          .strict()
          .optional(),
      })
      .strict(),
    summary:
      "Add or replace an app; with a secret, store it in the keychain and point the app's credential at it",
    mutates: true,
  }),
  'apps.remove': method<AppRemoveResult>()({
    input: z.object({ id: appIdInput }).strict(),
    summary: 'Remove an app and the access rules that grant it',
    mutates: true,
  }),
  'apps.presets': method<ScimPresetView[]>()({
    input: empty,
    summary: 'The SCIM compatibility presets: base URL template, notes and sources',
  }),
  'apps.status': method<AppStatusView[]>()({
    input: empty,
    summary: 'Health, account counts, rules and probed capabilities of every app',
  }),
  'apps.accountReport': method<AccountReport>()({
    input: z.object({ appId: appIdInput }).strict(),
    summary: "An app's accounts from the last read, linked to people or orphaned, with status drift",
  }),
} as const;
