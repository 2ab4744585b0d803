// Contract methods of the directory connectors (issue #3; directory.check: issue #16). Merged into
// shared/api/contract.ts.
import { z } from 'zod';
import { method } from './define';
import { directoryConfigSchema } from '../config/workspace';
import { secretNameSchema } from '../domain/secrets';

/** The directory auth fields that hold a secret reference, by IdP and auth type. */
export const directorySecretFields = ['token', 'clientSecret', 'privateKey', 'key'] as const;
export type DirectorySecretField = (typeof directorySecretFields)[number];

/** Secrets given with a directory connection: each names its auth field and the keychain entry it belongs in. */
export const directorySecretsInput = z
  .array(
    z
      .object({
        field: z.enum(directorySecretFields),
        name: secretNameSchema,
        value: z.string().min(1).max(65_536),
      })
      .strict(),
  )
  .max(4)
  .optional();

export type DirectoryKindName = 'okta' | 'entra' | 'google' | 'auth0';
export type DirectoryPersonStatus = 'active' | 'staged' | 'suspended' | 'deprovisioned' | 'deleted';

export interface DirectoryTestResult {
  name: string;
  kind: DirectoryKindName;
  ok: boolean;
  /** Admin-readable lines: "Can read users", "Cannot read the System Log: scope okta.logs.read … is missing". */
  details: string[];
  /** Missing permissions/scopes, by the vendor's name. */
  missing: string[];
}

export interface DirectoryPullResult {
  name: string;
  kind: DirectoryKindName;
  /** 'full': everything was read (and replaces the snapshot); 'delta': changes since the stored cursor. */
  mode: 'full' | 'delta';
  /** Why a full read happened ("requested", "no previous read", "Graph expired the delta token …"). */
  reason: string | null;
  /** False when the read was held back as suspicious; the previous snapshot stays. */
  stored: boolean;
  suspicious: boolean;
  /** Why it looked suspicious, for the admin. */
  suspiciousDetail: string | null;
  /** Full read: what the IdP returned. Delta: the stored snapshot after applying it (deleted people included). */
  people: number;
  byStatus: Record<DirectoryPersonStatus, number>;
  groups: number;
  memberships: number;
  /** Delta only: how many changes were applied. */
  changes: number | null;
  /** Full read only: people kept as 'deleted' because the IdP no longer lists them. */
  newlyDeleted: number | null;
  /** The last good read's people count (the suspicious-drop baseline). */
  previousCount: number | null;
  requests: number;
  durationMs: number;
  at: string;
}

export const directoryMethods = {
  'directory.test': method<DirectoryTestResult>()({
    input: z.object({}).strict(),
    summary: 'Check the directory credentials and permissions',
  }),
  'directory.check': method<DirectoryTestResult>()({
    input: z.object({ directory: directoryConfigSchema, secrets: directorySecretsInput }).strict(),
    summary:
      'Test a directory connection that is not saved: given secrets are used for this test only, never stored',
  }),
  'directory.pull': method<DirectoryPullResult>()({
    input: z
      .object({
        /** Store a full read even if it has far fewer people than the last good one. */
        acceptDrop: z.boolean().optional(),
        /** Read everything instead of the changes since the last read. */
        full: z.boolean().optional(),
      })
      .strict(),
    summary: 'Read the directory now and store the snapshot (all or nothing)',
    mutates: true,
  }),
} as const;
