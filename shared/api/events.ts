// Events the core pushes to front doors (IPC `webContents.send`, HTTP server-sent events).
import type { Settings } from '../domain/settings';
import type { DirectoryPullResult } from './methods-directory';

export interface EventMap {
  'settings.changed': Settings;
  'secrets.changed': { name: string; set: boolean };
  'workspace.changed': { summary: string };
  'health.changed': { component: string; status: 'ok' | 'degraded' | 'error'; detail: string };
  /** A directory pull finished (stored, or held back as suspicious). Failures come as health.changed. */
  'directory.pulled': DirectoryPullResult;
}

export type EventName = keyof EventMap;
export const eventNames: EventName[] = ['settings.changed', 'secrets.changed', 'workspace.changed', 'health.changed', 'directory.pulled'];

export interface EventEnvelope<K extends EventName = EventName> {
  event: K;
  data: EventMap[K];
  at: string;
}
