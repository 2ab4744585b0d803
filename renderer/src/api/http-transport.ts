// The LanyardBridge over HTTP, for a browser talking to `lanyard serve` (scratch/http-protocol.md):
// `POST /api/rpc/<method>` answering ApiResult JSON, and one shared EventSource on /api/events.
import type { LanyardBridge } from '../../../shared/api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import type { EventEnvelope, EventMap, EventName } from '../../../shared/api/events';
import type { ApiResult } from '../../../shared/api/result';

const isApiResult = (body: unknown): body is ApiResult<unknown> =>
  typeof body === 'object' &&
  body !== null &&
  'ok' in body &&
  typeof (body as { ok: unknown }).ok === 'boolean';

const unreachable = (message: string): ApiResult<never> => ({
  ok: false,
  error: {
    code: 'internal',
    message,
    hint: 'Check that Lanyard (or “lanyard serve”) is still running, then try again.',
  },
});

export const createHttpBridge = (base = ''): LanyardBridge => {
  let source: EventSource | null = null;
  let subscribers = 0;

  const call = async <K extends MethodName>(
    method: K,
    input: MethodInput<K>,
  ): Promise<ApiResult<MethodOutput<K>>> => {
    let response: Response;
    try {
      response = await fetch(`${base}/api/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(input),
      });
    } catch {
      return unreachable('Cannot reach the Lanyard core.');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return unreachable(`The Lanyard core answered ${response.status} without a result.`);
    }
    if (!isApiResult(body))
      return unreachable(`The Lanyard core answered ${response.status} with an unknown shape.`);
    return body as ApiResult<MethodOutput<K>>;
  };

  const on = <E extends EventName>(event: E, listener: (data: EventMap[E]) => void): (() => void) => {
    // One stream for all subscribers; the browser reconnects it by itself after a drop.
    source ??= new EventSource(`${base}/api/events`, { withCredentials: true });
    subscribers += 1;
    const handle = (message: MessageEvent<string>) => {
      let envelope: EventEnvelope<E>;
      try {
        envelope = JSON.parse(message.data) as EventEnvelope<E>;
      } catch {
        return; // A malformed frame is dropped rather than breaking every other subscriber.
      }
      listener(envelope.data);
    };
    const current = source;
    current.addEventListener(event, handle);
    return () => {
      current.removeEventListener(event, handle);
      subscribers -= 1;
      if (subscribers === 0 && source === current) {
        current.close();
        source = null;
      }
    };
  };

  return { call, on };
};
