// Contract methods of the first-run flow (issue #8 point 2) and of Settings → Directory (issue #16), merged into
// shared/api/contract.ts: save the directory connection from the UI only after its test passes (or when the admin
// says "save anyway"; its secrets straight to the keychain, only `keychain:NAME` stored), and a summary of what is
// configured, so the UI knows whether to offer setup.
import { z } from 'zod';
import { method } from './define';
import { directoryConfigSchema, type DirectoryKind } from '../config/workspace';
import type { SecretStatus } from '../domain/secrets';
import {
  directorySecretsInput,
  type DirectoryPersonStatus,
  type DirectoryTestResult,
} from './methods-directory';

export { directorySecretFields, type DirectorySecretField } from './methods-directory';

export type DirectorySaveResult =
  | {
      saved: true;
      /** The stored directory: its secret fields are `keychain:NAME` references. */
      directory: z.output<typeof directoryConfigSchema>;
      /** True when no directory was configured before. */
      created: boolean;
      /** Keychain status of each secret given with the save (never its value). */
      secrets: SecretStatus[];
      /** The test the save passed; null when the admin saved anyway, without one. */
      test: DirectoryTestResult | null;
    }
  | {
      /** The connection test failed: nothing was stored, the keychain and the saved connection are untouched. */
      saved: false;
      test: DirectoryTestResult;
    };

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
        secrets: directorySecretsInput,
        /** Store the connection even though its test fails (the admin was told what that means). */
        saveAnyway: z.boolean().optional(),
      })
      .strict(),
    summary:
      "Test the directory connection, then save it (or not, when the test fails, unless saveAnyway); given secrets go to the keychain and the connection's fields point at them",
    mutates: true,
  }),
  'setup.status': method<SetupStatus>()({
    input: z.object({}).strict(),
    summary: 'What is configured yet (directory, apps, rules, first sync), to decide whether to offer setup',
  }),
} as const;
