// What `config.apply` reports back: a one-line summary for people and the same facts for programs, and what it
// changed (or, for a dry run, would change) section by section.
import type { WorkspaceChanges } from './workspace-changes';

export type SettingsSection = 'guardrails' | 'offboarding' | 'schedule';

export interface ConfigApplyResult {
  /** false: a dry run (`dryRun: true`) — validated and compared, nothing stored. */
  applied: boolean;
  /** e.g. "1 directory (okta), 3 apps, 3 rules; guardrails, schedule" */
  summary: string;
  /** The directory kind, or null when the file configures none. */
  directory: string | null;
  /** App ids, in file order. */
  apps: string[];
  rules: number;
  /** The settings sections the file set (the others were reset to their defaults). */
  settings: SettingsSection[];
  /** Accepted but probably wrong, e.g. a rule naming a group the directory does not have. */
  warnings: string[];
  /** What the file changes against the stored workspace (added, changed, removed; by name). */
  changes?: WorkspaceChanges;
}
