// Contract methods of the run history (issue #16 item 11): the list without the flood of polls that found nothing
// to do (counted, shown on request), and one run in full — trigger, who, timing, directory result, per-app counts,
// every op with its outcome and reason, and the ledger events that record them. Read-only. Merged into contract.ts.
import { z } from 'zod';
import { method } from './define';
import type { RunView, SyncOpView } from './methods-sync';

export interface RunHistoryPage {
  runs: RunView[];
  /** Polls with nothing to do left out of `runs`, within the span of time the page covers. */
  hiddenPolls: number;
}

/** A ledger event that records one of the run's ops (or the run itself). */
export interface RunLedgerEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  appId: string | null;
  result: string;
}

export interface RunOpDetail extends SyncOpView {
  /** The ledger events about this op in this run, oldest first. */
  ledger: RunLedgerEvent[];
}

export interface RunDetail {
  run: RunView;
  /** Who started it: an admin's name, "the scheduler", or the source (an access review, an offboarding case). */
  who: string;
  ops: RunOpDetail[];
  /** Ledger events of the run that name no op (a guardrail tripped, a case opened, an app quarantined). */
  events: RunLedgerEvent[];
  /** App names by id, for apps the run touched (an app removed since keeps its id). */
  appNames: Record<string, string>;
}

export const runsMethods = {
  'runs.history': method<RunHistoryPage>()({
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        /** Include polls that found nothing to do (hidden by default). */
        showEmptyPolls: z.boolean().optional(),
      })
      .strict(),
    summary: 'Run history, newest first, without the polls that found nothing to do unless asked',
  }),
  'runs.get': method<RunDetail>()({
    input: z.object({ id: z.number().int().positive() }).strict(),
    summary:
      'One run in full: trigger, who, timing, directory result, per-app counts, every op and its ledger events',
  }),
} as const;
