// Typed in-process events from the core to the front doors (IPC, SSE, tray).
import type { EventEnvelope, EventMap, EventName } from '../../shared/api/events';

export type AnyListener = (envelope: EventEnvelope) => void;

export const createEventBus = (now: () => Date) => {
  const listeners = new Set<AnyListener>();
  return {
    emit<E extends EventName>(event: E, data: EventMap[E]): void {
      const envelope = { event, data, at: now().toISOString() } as EventEnvelope;
      for (const l of [...listeners]) l(envelope);
    },
    /** Subscribes to every event; returns the unsubscribe function. */
    subscribe(listener: AnyListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
export type EventBus = ReturnType<typeof createEventBus>;
