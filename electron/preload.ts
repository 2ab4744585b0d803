// The sandboxed preload: exposes exactly one narrow bridge, `window.lanyard` (LanyardBridge), and nothing else —
// never ipcRenderer itself. `call` reaches only the contract's methods and `on` only its events, so a compromised
// page cannot name an arbitrary channel. Built as CommonJS (sandboxed preloads must be) without zod: the method
// list is the plain shared/api/method-names.ts.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { LanyardBridge } from '../shared/api/client';
import type { MethodName } from '../shared/api/contract';
import { eventNames, type EventEnvelope, type EventName } from '../shared/api/events';
import { methodNameList } from '../shared/api/method-names';
import type { ApiResult } from '../shared/api/result';
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL } from './desktop/channels';

const knownMethods: ReadonlySet<string> = new Set(methodNameList);
const knownEvents: ReadonlySet<string> = new Set(eventNames);

type Listener = (data: unknown) => void;
const listeners = new Map<EventName, Set<Listener>>();

const isEnvelope = (value: unknown): value is EventEnvelope =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { event?: unknown }).event === 'string' &&
  knownEvents.has((value as { event: string }).event);

// One IPC listener for all events, attached once; the page only ever sees the event's data.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, envelope: unknown) => {
  if (!isEnvelope(envelope)) return;
  for (const listener of [...(listeners.get(envelope.event) ?? [])]) listener(envelope.data);
});

const unknownMethod = (method: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'not_found', message: `Unknown method "${String(method).slice(0, 80)}"` },
});

const bridge = {
  call(method, input) {
    if (typeof method !== 'string' || !knownMethods.has(method))
      return Promise.resolve(unknownMethod(method));
    return ipcRenderer.invoke(`${CALL_CHANNEL_PREFIX}${method satisfies MethodName}`, input ?? {});
  },
  on(event, listener) {
    if (typeof event !== 'string' || !knownEvents.has(event) || typeof listener !== 'function')
      return () => undefined;
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const wrapped: Listener = (data) => listener(data as Parameters<typeof listener>[0]);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
} satisfies LanyardBridge;

contextBridge.exposeInMainWorld('lanyard', bridge);
