// Okta: reads are all or nothing. A failing page, a bad answer or a revoked token stores nothing and names the
// directory and the request; rate limiting slows a read down but loses nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import type { Fault } from '../../fakes/common/faults';
import type { FakeRequest } from '../../fakes/common/http';
import { HttpError } from '../../../electron/http';
import { VendorHttpError } from '../../../electron/directory/vendor-error';
import { createDirectoryService } from '../../../electron/directory/directory-service';
import { coreWithDirectory, FAST_HTTP } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import type { ConnectorDeps } from '../../../electron/directory/types';

const TOKEN = 'ssws-test-token-0123456789';
let fake: OktaFake;
beforeEach(async () => {
  fake = await startOktaFake({ apiTokens: [TOKEN] });
});
afterEach(() => fake.close());

const config = (): DirectoryConfig => ({
  kind: 'okta',
  name: 'Acme Okta',
  baseUrl: fake.url,
  auth: { type: 'token', token: 'env:OKTA_TOKEN' },
});
const plainUserList = (r: FakeRequest) => r.path === '/api/v1/users' && !r.url.searchParams.has('filter');

/** A directory with a good snapshot of 1,000 people (5 pages), ready for a second, failing read. */
const withGoodSnapshot = async (http: ConnectorDeps['http'] = FAST_HTTP) => {
  const ids = fake.seedUsers(1000);
  const g = fake.state.addGroup('Everyone');
  for (const id of ids) fake.state.addMember(g.id, id, true);
  const ctx = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
  await ctx.service.pull();
  // The read under test may use tighter HTTP limits (timeouts, size caps) than the good one.
  const failing = createDirectoryService(ctx.core.context, { http });
  const before = {
    state: await ctx.snapshot.state(),
    people: await ctx.snapshot.listPeople(),
    memberships: await ctx.snapshot.listMemberships(),
  };
  // Something changed in Okta that the failing read must not half-store.
  for (const id of ids.slice(0, 100)) fake.state.setStatus(id, 'SUSPENDED');
  return { ...ctx, failing, ids, before };
};

const expectUntouched = async (ctx: Awaited<ReturnType<typeof withGoodSnapshot>>) => {
  expect(await ctx.snapshot.listPeople()).toEqual(ctx.before.people);
  expect(await ctx.snapshot.listMemberships()).toEqual(ctx.before.memberships);
  expect(await ctx.snapshot.state()).toMatchObject({
    cursor: ctx.before.state!.cursor,
    lastGoodCount: 1000,
    health: 'error',
  });
};

describe('Okta reads are all or nothing', () => {
  it('keeps the previous snapshot when page 7 keeps failing after retries', async () => {
    fake.seedUsers(1400);
    const ctx = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });
    await ctx.service.pull();
    const before = await ctx.snapshot.listPeople();
    fake.state.setStatus([...fake.state.users.keys()][0]!, 'SUSPENDED');
    fake.faults.add({
      match: plainUserList,
      skip: 6,
      times: Infinity,
      fault: { kind: 'status', status: 500 },
    });

    const err = await ctx.service.pull({ full: true }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/^Okta \(Acme Okta\): list users \(page 7\): answered 500/);
    expect((err as HttpError).attempts).toBe(FAST_HTTP.maxRetries! + 1);
    expect(await ctx.snapshot.listPeople()).toEqual(before);
    expect(await ctx.snapshot.state()).toMatchObject({ health: 'error', lastGoodCount: 1400 });
  });

  const badAnswers: {
    name: string;
    fault: Fault;
    kind: string;
    message: RegExp;
    http?: ConnectorDeps['http'];
  }[] = [
    {
      name: 'malformed JSON',
      fault: { kind: 'malformed' },
      kind: 'bad-json',
      message: /returned malformed JSON/,
    },
    {
      name: 'an HTML page',
      fault: { kind: 'html' },
      kind: 'bad-content-type',
      message: /returned an HTML page instead of JSON/,
    },
    {
      name: 'a wrong content type',
      fault: { kind: 'wrong-content-type' },
      kind: 'bad-content-type',
      message: /returned text\/plain instead of JSON/,
    },
    {
      name: 'a body over the size cap',
      fault: { kind: 'huge', bytes: 3_000_000 },
      kind: 'too-large',
      message: /response larger than 2000000 bytes/,
      http: { ...FAST_HTTP, maxResponseBytes: 2_000_000 },
    },
    {
      name: 'a timeout',
      fault: { kind: 'slow', delayMs: 3_000 },
      kind: 'timeout',
      message: /no complete answer within 1000 ms/,
      http: { ...FAST_HTTP, timeoutMs: 1_000, maxRetries: 1 },
    },
  ];
  for (const c of badAnswers) {
    it(`names the directory and the request and stores nothing on ${c.name}`, async () => {
      const ctx = await withGoodSnapshot(c.http);
      fake.faults.add({ match: plainUserList, skip: 2, times: Infinity, fault: c.fault });

      const err = await ctx.failing.pull({ full: true }).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).kind).toBe(c.kind);
      expect((err as HttpError).message).toMatch(/^Okta \(Acme Okta\): list users \(page 3\): /);
      expect((err as HttpError).message).toMatch(c.message);
      await expectUntouched(ctx);
    });
  }

  it('reports a revoked API token mid-paging with Okta’s error code and stores nothing', async () => {
    const ctx = await withGoodSnapshot();
    let served = 0;
    fake.faults.add({
      match: (r) => plainUserList(r) && ++served === 3 && fake.revokeApiToken(TOKEN),
      fault: { kind: 'slow', delayMs: 0 },
    });

    const err = await ctx.service.pull({ full: true }).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(VendorHttpError);
    expect((err as VendorHttpError).vendorCode).toBe('E0000011');
    expect((err as VendorHttpError).message).toMatch(
      /^Okta \(Acme Okta\): list users \(page 3\): answered 401: E0000011 Invalid token provided/,
    );
    expect((err as VendorHttpError).hint).toMatch(/Re-enter the token/);
    await expectUntouched(ctx);
  });

  it('parses Okta error bodies into the error (403 E0000006)', async () => {
    const ctx = await withGoodSnapshot();
    fake.faults.add({
      match: (r) => r.path === '/api/v1/logs',
      fault: {
        kind: 'status',
        status: 403,
        body: {
          errorCode: 'E0000006',
          errorSummary: 'You do not have permission to perform the requested action',
          errorLink: 'E0000006',
          errorId: 'x',
          errorCauses: [],
        },
      },
    });

    const err = await ctx.service.pull().catch((e: unknown) => e);

    expect((err as VendorHttpError).message).toMatch(
      /read the System Log \(page 1\): answered 403: E0000006 You do not have permission/,
    );
    expect(await ctx.snapshot.listPeople()).toEqual(ctx.before.people);
  });
});

describe('Okta rate limits', () => {
  it('waits out 429s with Retry-After and without, and loses nothing', async () => {
    fake.seedUsers(1000);
    fake.faults.add({
      match: plainUserList,
      skip: 1,
      times: 1,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
    });
    fake.faults.add({ match: plainUserList, skip: 3, times: 2, fault: { kind: 'status', status: 429 } });
    const { service } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });

    const result = await service.pull();

    expect(result).toMatchObject({ stored: true, people: 1000 });
    expect(fake.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('honours X-Rate-Limit-Reset when the window is used up, and loses nothing', async () => {
    await fake.close();
    fake = await startOktaFake({ apiTokens: [TOKEN], rateLimit: { limit: 3, windowMs: 1000 } });
    fake.seedUsers(1000);
    fake.faults.add({
      match: plainUserList,
      skip: 1,
      fault: {
        kind: 'status',
        status: 429,
        headers: {
          'x-rate-limit-remaining': '0',
          'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000)),
        },
      },
    });
    const { service } = await coreWithDirectory(config(), { OKTA_TOKEN: TOKEN });

    const result = await service.pull();

    expect(result).toMatchObject({ stored: true, people: 1000 });
    expect(fake.requests.filter((r) => r.path === '/api/v1/users' && r.status === 200)).toHaveLength(6);
  });
});
