// Contract methods of the first-run flow (issue #8 point 2), merged into shared/api/contract.ts: save the directory
// connection from the UI (its secrets straight to the keychain, only `keychain:NAME` stored) and a summary of
// what is configured, so the UI knows whether to offer setup.
import { z } from 'zod';
import { method } from './define';
import { directoryConfigSchema, type DirectoryKind } from '../config/workspace';
import { secretNameSchema, type SecretStatus } from '../domain/secrets';
import type { DirectoryPersonStatus } from './methods-directory';

/** The directory auth fields that hold a secret reference, by IdP and auth type. */
export const directorySecretFields = ['token', 'clientSecret', 'privateKey', 'key'] as const;
export type DirectorySecretField = (typeof directorySecretFields)[number];

export interface DirectorySaveResult {
  /** The stored directory: its secret fields are `keychain:NAME` references. */
  directory: z.output<typeof directoryConfigSchema>;
  /** True when no directory was configured before. */
  created: boolean;
  /** Keychain status of each secret given with the save (never its value). */
  secrets: SecretStatus[];
}

export interface SetupStatus {
  directory: {
    configured: boolean;
    kind: DirectoryKind | null;
    name: string | null;
    /** The stored snapshot after the last good read; null when the directory was never read. */
    lastPull: {
      at: string;
      people: number;
      byStatus: Record<DirectoryPersonStatus, number>;
      groups: number;
      memberships: number;
    } | null;
  };
  apps: number;
  rules: number;
  /** True once a sync run has finished (ok or partial): setup is behind the admin. */
  firstSyncDone: boolean;
}

export const setupMethods = {
  'directory.save': method<DirectorySaveResult>()({
    input: z
      .object({
        directory: directoryConfigSchema,
        secrets: z
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
          .optional(),
      })
      .strict(),
    summary:
      "Save the directory connection; given secrets go to the keychain and the connection's fields point at them",
    mutates: true,
  }),
  'setup.status': method<SetupStatus>()({
    input: z.object({}).strict(),
    summary: 'What is configured yet (directory, apps, rules, first sync), to decide whether to offer setup',
  }),
} as const;
