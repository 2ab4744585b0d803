// Fault switches shared by the fakes: a test arms a rule ("the 7th request to /api/v1/users and every one after
// answers 500"), the fake asks `take()` before serving each request and, if a fault is due, answers with it.
import type { ServerResponse } from 'node:http';
import { sendJson, type FakeRequest } from './http';

export type Fault =
  /** A vendor error status (429, 5xx, …) with its error body and headers. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Waits before answering normally (or past the client's timeout). */
  | { kind: 'slow'; delayMs: number }
  /** 200 with a JSON content type and a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 with an HTML page (a captive portal, a login page, a proxy error). */
  | { kind: 'html' }
  /** 200 with text/plain. */
  | { kind: 'wrong-content-type' }
  /** 200 with a JSON body of this many bytes. */
  | { kind: 'huge'; bytes: number }
  /** The vendor's "token expired" answer: the fake invalidates every access token it issued. */
  | { kind: 'expire-tokens' };

export interface FaultRule {
  /** Which requests the rule counts; default: all. */
  match?: (req: FakeRequest) => boolean;
  /** Let this many matching requests through first (page N fails: skip N-1). */
  skip?: number;
  /** How many matching requests get the fault (default 1; Infinity = every one). */
  times?: number;
  fault: Fault;
}

interface ArmedRule extends FaultRule {
  seen: number;
  fired: number;
}

export class FaultSwitch {
  private rules: ArmedRule[] = [];

  add(rule: FaultRule): this {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
    return this;
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault due for this request, if any (counts the request against every matching rule). */
  take(req: FakeRequest): Fault | undefined {
    let due: Fault | undefined;
    for (const r of this.rules) {
      if (r.match && !r.match(req)) continue;
      r.seen++;
      if (due || r.seen <= (r.skip ?? 0) || r.fired >= (r.times ?? 1)) continue;
      r.fired++;
      due = r.fault;
    }
    return due;
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Answers a body-shaped fault (malformed, html, wrong content type, huge). Returns false for faults the fake
 * handles itself (status, slow, expire-tokens).
 */
export const answerBodyFault = (res: ServerResponse, fault: Fault): boolean => {
  switch (fault.kind) {
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"id":"00u1","status":"ACTIVE",');
      return true;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>');
      return true;
    case 'wrong-content-type':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
      return true;
    case 'huge':
      sendJson(res, 200, [{ padding: 'x'.repeat(fault.bytes) }]);
      return true;
    default:
      return false;
  }
};
