// Okta's `after` cursors are opaque and only valid as handed out in a `next` link. The fake refuses one it never
// issued with Okta's error body (400 E0000001) instead of silently starting the list again — a client that
// built its own cursors, or mixed cursors between lists, would otherwise read the first page twice and look fine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { coreWithDirectory } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';

const TOKEN = 'ssws-test-token-0123456789';
let fake: OktaFake;
beforeEach(async () => {
  fake = await startOktaFake({ apiTokens: [TOKEN] });
});
afterEach(() => fake.close());

const get = async (path: string) => {
  const res = await fetch(`${fake.url}${path}`, { headers: { authorization: `SSWS ${TOKEN}` } });
  return { status: res.status, links: res.headers.get('link'), body: (await res.json()) as unknown };
};
const nextOf = (links: string | null): string | null => {
  const m = /<([^>]+)>; rel="next"/.exec(links ?? '');
  return m ? new URL(m[1]!).pathname + new URL(m[1]!).search : null;
};

describe('Okta after cursors', () => {
  it.each([
    ['/api/v1/users?limit=2&after=made-up-cursor'],
    ['/api/v1/groups?limit=2&after=00u-not-a-group'],
    ['/api/v1/logs?after=not-a-position'],
    ['/api/v1/logs?after=999999'],
  ])('refuses a cursor it never issued: %s', async (path) => {
    fake.seedUsers(5);
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ errorCode: 'E0000001', errorLink: 'E0000001' });
    expect((r.body as { errorSummary: string }).errorSummary).toMatch(/^Api validation failed: after/);
  });

  it('refuses a users cursor on the groups list', async () => {
    fake.seedUsers(5);
    const first = await get('/api/v1/users?limit=2');
    const next = nextOf(first.links)!;
    const cursor = new URLSearchParams(next.split('?')[1]).get('after')!;
    expect((await get(`/api/v1/groups?limit=2&after=${cursor}`)).status).toBe(400);
  });

  it('follows its own next links to the end, even when the cursor’s user is deleted in between', async () => {
    const ids = fake.seedUsers(7);
    const seen: string[] = [];
    let path: string | null = '/api/v1/users?limit=3';
    let page = 0;
    while (path) {
      const r = await get(path);
      expect(r.status).toBe(200);
      seen.push(...(r.body as { id: string }[]).map((u) => u.id));
      path = nextOf(r.links);
      if (page++ === 0) fake.state.users.delete(ids[2]!); // the first page's cursor
    }
    expect(seen).toEqual(ids);
  });

  it('a full read and an incremental poll through the connector never meet the error', async () => {
    fake.seedUsers(450);
    const config: DirectoryConfig = {
      kind: 'okta',
      name: 'Acme Okta',
      baseUrl: fake.url,
      auth: { type: 'token', token: 'env:OKTA_TOKEN' },
    };
    const { service } = await coreWithDirectory(config, { OKTA_TOKEN: TOKEN });
    expect(await service.pull()).toMatchObject({ mode: 'full', people: 450 });
    expect(await service.pull()).toMatchObject({ mode: 'delta' });
    expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
  });
});
