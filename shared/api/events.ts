// Events the core pushes to front doors (IPC `webContents.send`, HTTP server-sent events).
import type { Settings } from '../domain/settings';
import type { DirectoryPullResult } from './methods-directory';
import type { RunView, SyncProgress } from './methods-sync';

export interface EventMap {
  'settings.changed': Settings;
  'secrets.changed': { name: string; set: boolean };
  'workspace.changed': { summary: string };
  'health.changed': { component: string; status: 'ok' | 'degraded' | 'error'; detail: string };
  /** A directory pull finished (stored, or held back as suspicious). Failures come as health.changed. */
  'directory.pulled': DirectoryPullResult;
  /** A sync run moved on (phase, ops done of total). */
  'sync.progress': SyncProgress;
  'sync.finished': RunView;
  /** A scheduled dry run finished while applying waits for the first reviewed plan (nothing was applied). */
  'sync.planned': { ops: number; held: number; trigger: string };
  /** The review queue changed (ops held, approved or skipped). */
  'review.changed': { held: number };
  /** Tasks waiting for an admin over all open offboarding cases (held for review + manual steps). */
  'offboarding.pendingChanged': { count: number };
  /** A case opened, moved on, closed or was cancelled. */
  'offboarding.caseChanged': { caseId: number; status: 'open' | 'closed' | 'cancelled'; personId: string };
  /** An access review changed: started, decisions recorded (UI, CLI or a sheet), applied, closed, or an exception removed. */
  'reviews.changed': {
    campaignId: number | null;
    change: 'started' | 'decided' | 'applied' | 'closed' | 'exception-removed';
  };
  /** A task to do by hand was marked done or undone (Tasks, the app page, People refresh). */
  'tasks.changed': { id: string; status: 'open' | 'done' };
}

export type EventName = keyof EventMap;
export const eventNames: EventName[] = [
  'settings.changed',
  'secrets.changed',
  'workspace.changed',
  'health.changed',
  'directory.pulled',
  'sync.progress',
  'sync.finished',
  'sync.planned',
  'review.changed',
  'offboarding.pendingChanged',
  'offboarding.caseChanged',
  'reviews.changed',
  'tasks.changed',
];

export interface EventEnvelope<K extends EventName = EventName> {
  event: K;
  data: EventMap[K];
  at: string;
}
