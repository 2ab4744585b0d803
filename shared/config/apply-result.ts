// What `config.apply` reports back: a one-line summary for people and the same facts for programs.

export type SettingsSection = 'guardrails' | 'offboarding' | 'schedule';

export interface ConfigApplyResult {
  applied: true;
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
}
