// The API contract: every method the core offers, its input schema and its output type.
// Both transports (Electron IPC, loopback HTTP), the preload and the renderer client are typed from this table,
// so a method added here is typed everywhere and a test fails until both transports serve it.
import { z } from 'zod';
import { method } from './define';
import { settingsPatchSchema, type Settings } from '../domain/settings';
import { secretNameSchema, type SecretStatus } from '../domain/secrets';
import type { ConfigApplyResult } from '../config/apply-result';
import { directoryMethods } from './methods-directory';
import { appMethods } from './methods-apps';
import { auditMethods } from './methods-audit';
import { syncMethods } from './methods-sync';
import { peopleMethods } from './methods-people';
import { workspaceMethods } from './methods-workspace';
import { offboardingMethods } from './methods-offboarding';
import { rulesMethods } from './methods-rules';
import { setupMethods } from './methods-setup';
import { reviewsMethods } from './methods-reviews';
import { tasksMethods } from './methods-tasks';
import { orphansMethods } from './methods-orphans';
import { runsMethods } from './methods-runs';
import { statusMethods } from './methods-status';

export interface HealthItem {
  component: 'store' | 'keychain' | 'scheduler';
  status: 'ok' | 'degraded' | 'error';
  detail: string;
}

export interface AppInfo {
  name: 'Lanyard';
  version: string;
  dataDir: string;
  dbPath: string;
  schemaVersion: number;
  /** True when this process holds the scheduler lock (only one process per data dir may). */
  schedulerOwner: boolean;
  startedAt: string;
  health: HealthItem[];
}

const empty = z.object({}).strict();

const coreMethods = {
  'app.info': method<AppInfo>()({ input: empty, summary: 'Version, data folder, schema version and health' }),
  'settings.get': method<Settings>()({
    input: empty,
    summary: 'Schedule, guardrails and offboarding settings',
  }),
  'settings.set': method<Settings>()({
    input: settingsPatchSchema,
    summary: 'Change schedule, guardrails or offboarding settings',
    mutates: true,
  }),
  'secrets.list': method<SecretStatus[]>()({
    input: empty,
    summary: 'Secret names and whether each is set (never values)',
  }),
  'secrets.set': method<SecretStatus>()({
    input: z.object({ name: secretNameSchema, value: z.string().min(1).max(65_536) }).strict(),
    summary: 'Store a secret in the OS keychain',
    mutates: true,
  }),
  'secrets.delete': method<{ deleted: boolean }>()({
    input: z.object({ name: secretNameSchema }).strict(),
    summary: 'Remove a secret from the OS keychain',
    mutates: true,
  }),
  'config.export': method<{ yaml: string }>()({
    input: empty,
    summary: 'The workspace as YAML (config as code)',
  }),
  'config.apply': method<ConfigApplyResult>()({
    input: z.object({ yaml: z.string().max(2_000_000), dryRun: z.boolean().optional() }).strict(),
    summary:
      'Replace the workspace from YAML; nothing is applied unless all of it is valid. dryRun: only say what it would add, change and remove',
    mutates: true,
  }),
} as const;

export const contract = {
  ...coreMethods,
  ...directoryMethods,
  ...appMethods,
  ...auditMethods,
  ...syncMethods,
  ...peopleMethods,
  ...workspaceMethods,
  ...offboardingMethods,
  ...rulesMethods,
  ...setupMethods,
  ...reviewsMethods,
  ...tasksMethods,
  ...orphansMethods,
  ...runsMethods,
  ...statusMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type MethodOutput<K extends MethodName> = Contract[K]['output'];

export const methodNames = Object.keys(contract) as MethodName[];

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);
