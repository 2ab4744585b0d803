// One source of status (issue #16 item 5): the Overview's health, the Sync page's scheduler card, the tray and the
// run titles all read `status.summary`, which the core computes in one place (electron/app/status/) from the runs,
// the scheduler, the directory's and the apps' health and what waits for an admin. Merged into contract.ts.
import { z } from 'zod';
import { method } from './define';
import type { RunKind, RunStatus } from './methods-sync';

export type StatusTone = 'ok' | 'neutral' | 'degraded' | 'error';

/** Something wrong, said the same way everywhere (Overview, Sync page, tray). */
export interface StatusProblem {
  /** What it concerns: 'directory', 'app:<id>', a core part ('store', 'keychain', 'scheduler') or 'runs'. */
  subject: string;
  tone: 'degraded' | 'error';
  /** A few words: "Acme Okta cannot be read: the last 3 reads failed". */
  title: string;
  /** Why, from the last failure ("Okta answered 503 …"); null when nothing more is known. */
  detail: string | null;
  /** When it started failing (the first failure of the current streak); null when unknown. */
  since: string | null;
  /** The page where the admin acts on it ("/settings", "/apps", "/sync"). */
  page: string;
}

export type SchedulerState = 'running' | 'scheduled' | 'paused' | 'elsewhere' | 'stopped' | 'no-directory';

export interface SchedulerSummary {
  state: SchedulerState;
  tone: StatusTone;
  /** "Scheduled", "Paused", "Stopped" … */
  label: string;
  /** One sentence: "Next poll at …" is left to the page (times are formatted where they are shown). */
  detail: string;
  next: { kind: 'poll' | 'full'; at: string } | null;
}

/** A run as a line: its title says what it came to ("Sync #3 failed: the directory could not be read …"). */
export interface RunLine {
  id: number;
  kind: RunKind;
  status: RunStatus;
  title: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface HeldCount {
  total: number;
  /** Most common held reasons first. */
  reasons: { reason: string; count: number }[];
}

export interface PendingSummary {
  /** Revocations (deactivate, delete, removals, IdP suspend / sessions) held until an admin approves them. */
  approvals: HeldCount;
  /** Other changes held for review (creates, role changes, adoptions …). */
  otherHeld: HeldCount;
  /** Steps a person does by hand (offboarding checklist items such as a laptop or a file transfer, manual apps). */
  manualTasks: number;
  openCases: number;
}

export interface StatusSummary {
  /** When this was computed (the core's clock). */
  at: string;
  /** The worst tone of the problems ('ok' when there are none). */
  tone: StatusTone;
  /** "All good", or the most urgent problem's title. */
  headline: string;
  /** Most urgent first. */
  problems: StatusProblem[];
  scheduler: SchedulerSummary;
  directory: {
    name: string;
    tone: StatusTone;
    /** The last read that was stored. */
    lastGoodReadAt: string | null;
    /** Failed runs in a row that could not read the directory (0: the last one could). */
    failedReads: number;
  } | null;
  lastRun: RunLine | null;
  /** The last full sync that succeeded (a failed or partial one is never "the last full sync"). */
  lastFullSync: RunLine | null;
  /** The last full sync attempted, when it did not succeed (so the page can say why). */
  lastFullFailure: RunLine | null;
  pending: PendingSummary;
}

export const statusMethods = {
  'status.summary': method<StatusSummary>()({
    input: z.object({}).strict(),
    summary:
      'Lanyard at a glance, computed in one place: problems (directory, apps, core, runs) with since when, the scheduler, the last run and last successful full sync, approvals and manual tasks waiting',
  }),
} as const;
