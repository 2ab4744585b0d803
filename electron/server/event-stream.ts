// GET /api/events: the core's events as server-sent events (`event: <name>` + `data: <EventEnvelope JSON>`),
// with a `: ping` comment every 25 s so proxies and browsers keep the stream open.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventEnvelope } from '../../shared/api/events';
import type { EventBus } from '../app/event-bus';
import { sendApiError } from './responses';
import { applyNoStore } from './security-headers';

export const PING_INTERVAL_MS = 25_000;

export interface EventStreams {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open stream (the server cannot finish closing while one is open). */
  closeAll(): void;
}

export const formatEvent = (envelope: EventEnvelope): string =>
  // JSON.stringify never emits a raw newline, so the data fits on one `data:` line.
  `event: ${envelope.event}\ndata: ${JSON.stringify(envelope)}\n\n`;

export const createEventStreams = (
  events: Pick<EventBus, 'subscribe'>,
  pingMs = PING_INTERVAL_MS,
): EventStreams => {
  const open = new Set<() => void>();

  return {
    handle(req, res) {
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        sendApiError(res, 405, { code: 'bad_input', message: 'Use GET for /api/events.' });
        return;
      }
      applyNoStore(res);
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      // An initial comment flushes the headers, so a client knows it is subscribed before any event happens.
      res.write(': connected\n\n');

      const unsubscribe = events.subscribe((envelope) => {
        res.write(formatEvent(envelope));
      });
      const ping = setInterval(() => res.write(': ping\n\n'), pingMs);
      ping.unref();

      const stop = (): void => {
        if (!open.delete(stop)) return;
        clearInterval(ping);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      open.add(stop);
      req.on('close', stop);
      res.on('close', stop);
      res.on('error', stop);
    },
    closeAll() {
      for (const stop of [...open]) stop();
    },
  };
};
