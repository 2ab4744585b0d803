// Failure classes: an app refusing one op (400, 404, 409, out of seats even as 403) must never quarantine the app;
// an app that is down or refuses the credentials (timeouts, 5xx, 401, plain 403) counts toward quarantine.
import { describe, expect, it } from 'vitest';
import { LanyardError } from '../../../electron/app/errors';
import { HttpError, type HttpErrorInit } from '../../../electron/http/errors';
import { classifyFailure } from '../../../electron/sync/gate/failure';

const http = (over: Partial<HttpErrorInit>): HttpError =>
  new HttpError({
    kind: 'status',
    connector: 'Slack',
    method: 'POST',
    url: 'https://api.slack.test/scim/v2/Users',
    message: 'failed',
    ...over,
  });

describe('classifying a failed op', () => {
  it.each([400, 404, 409, 412, 422])('a %i is the app refusing this op', (status) => {
    expect(classifyFailure(http({ status }))).toBe('rejection');
  });

  it.each([500, 502, 503, 401, 429])('a %i says the app or the path to it is unwell', (status) => {
    expect(classifyFailure(http({ status }))).toBe('transport');
  });

  it('reads "out of seats" in a 403 body as a rejection, and a plain 403 as transport', () => {
    expect(classifyFailure(http({ status: 403, body: { detail: 'No available seats on your plan' } }))).toBe(
      'rejection',
    );
    expect(classifyFailure(http({ status: 403, excerpt: 'License limit reached' }))).toBe('rejection');
    expect(classifyFailure(http({ status: 403, body: { detail: 'Insufficient scope' } }))).toBe('transport');
  });

  it('treats timeouts, network errors and unreadable answers as transport', () => {
    for (const kind of ['timeout', 'network', 'bad-json', 'too-large', 'rate-limited'] as const)
      expect(classifyFailure(http({ kind, status: undefined }))).toBe('transport');
  });

  it('finds the HTTP error behind a wrapping error, and classifies plain core errors by code', () => {
    const wrapped = new LanyardError('upstream', 'create failed', { cause: http({ status: 409 }) });
    expect(classifyFailure(wrapped)).toBe('rejection');
    expect(classifyFailure(new LanyardError('conflict', 'no account yet'))).toBe('rejection');
    expect(classifyFailure(new Error('socket hang up'))).toBe('transport');
  });
});
