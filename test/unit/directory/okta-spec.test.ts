// The Okta connector and the Okta fake, checked against Okta's published Management OpenAPI
// (okta/okta-management-openapi-spec dist/current/management-minimal.yaml, kept in test/fixtures/okta/): the connector only calls documented operations with
// documented query parameters, and the fake answers with the documented shapes.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOktaFake, type OktaFake } from '../../fakes/okta/server';
import { coreWithDirectory } from './fixtures';
import { loadSpec } from './openapi-shape';

const SPEC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/okta/okta-management-minimal.yaml',
);
const TOKEN = 'ssws-spec-token-123456';
const spec = loadSpec(SPEC);
let fake: OktaFake;
beforeAll(async () => {
  fake = await startOktaFake({ apiTokens: [TOKEN] });
  const ids = fake.seedUsers(
    450,
    (i) => (['ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'STAGED'] as const)[i % 4]!,
  );
  const g = fake.state.addGroup('Engineering', 'Builders');
  for (const id of ids.slice(0, 30)) fake.state.addMember(g.id, id, true);
});
afterAll(() => fake.close());

const get = async (path: string): Promise<unknown> => {
  const res = await fetch(`${fake.url}${path}`, {
    headers: { authorization: `SSWS ${TOKEN}`, accept: 'application/json' },
  });
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  for (const h of ['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset'])
    expect(res.headers.get(h)).toMatch(/^\d+$/);
  return res.json();
};

describe('Okta connector vs. the Okta Management OpenAPI', () => {
  it('calls only documented operations, with documented query parameters', async () => {
    const { service } = await coreWithDirectory(
      { kind: 'okta', name: 'Acme', baseUrl: fake.url, auth: { type: 'token', token: 'env:T' } },
      { T: TOKEN },
    );
    await service.pull();
    const someone = [...fake.state.users.values()].find((u) => u.status === 'ACTIVE')!;
    fake.state.setStatus([...fake.state.users.keys()][1]!, 'ACTIVE');
    await service.pull();
    const connector = await service.connector();
    await connector.suspend(someone.id);
    await connector.suspend(someone.id);
    await connector.revokeSessions(someone.id);
    await connector.test();

    const allowed = new Set([
      'listUsers',
      'getUser',
      'listGroups',
      'listGroupUsers',
      'listLogEvents',
      'suspendUser',
      'revokeUserSessions',
    ]);
    const used = new Set<string>();
    for (const r of fake.requests) {
      const op = spec.findOperation(r.method, r.path);
      expect(op, `${r.method} ${r.path} is not in the spec`).toBeDefined();
      expect(allowed.has(op!.operationId), `${op!.operationId}`).toBe(true);
      for (const q of Object.keys(r.query))
        expect(op!.queryParams.has(q), `${op!.operationId} has no query parameter "${q}"`).toBe(true);
      used.add(op!.operationId);
    }
    expect([...used].sort()).toEqual([...allowed].sort());
  });

  it('answers list users, groups, group users and log events with the documented shapes', async () => {
    fake.state.logSignIn([...fake.state.users.keys()][0]!);
    const users = await get('/api/v1/users?limit=200');
    const deprovisioned = await get(
      `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`,
    );
    const groups = (await get('/api/v1/groups')) as { id: string }[];
    const members = await get(`/api/v1/groups/${groups[0]!.id}/users`);
    const logs = await get(
      `/api/v1/logs?since=${encodeURIComponent(new Date(0).toISOString())}&sortOrder=ASCENDING`,
    );
    const list = (item: string) => ({ type: 'array', items: { $ref: `#/components/schemas/${item}` } });

    expect(spec.check(users, list('User'))).toEqual([]);
    expect(spec.check(deprovisioned, list('User'))).toEqual([]);
    expect(spec.check(groups, list('Group'))).toEqual([]);
    expect(spec.check(members, list('User'))).toEqual([]);
    expect(spec.check(logs, list('LogEvent'))).toEqual([]);
    expect((users as unknown[]).length).toBe(200);
    expect((logs as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers errors with the documented Error shape', async () => {
    const res = await fetch(`${fake.url}/api/v1/users`, {
      headers: { authorization: 'SSWS wrong-token-xyz' },
    });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(spec.check(body, { $ref: '#/components/schemas/Error' })).toEqual([]);
    expect(body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided' });
  });

  it('sends self and next as two separate Link headers, with limit clamped to 200', async () => {
    const { rawHeaders, body } = await new Promise<{ rawHeaders: string[]; body: string }>(
      (resolve, reject) => {
        http
          .get(
            `${fake.url}/api/v1/users?limit=500`,
            { headers: { authorization: `SSWS ${TOKEN}` } },
            (res) => {
              let text = '';
              res.on('data', (c: Buffer) => (text += c.toString()));
              res.on('end', () => resolve({ rawHeaders: res.rawHeaders, body: text }));
            },
          )
          .on('error', reject);
      },
    );
    const links = rawHeaders.filter((_, i) => i % 2 === 1 && rawHeaders[i - 1]!.toLowerCase() === 'link');
    expect(links).toHaveLength(2);
    expect(links[0]).toMatch(/rel="self"$/);
    expect(links[1]).toMatch(/after=[^>]+>; rel="next"$/);
    expect((JSON.parse(body) as unknown[]).length).toBe(200);
  });

  it('the shape check itself catches a wrong status value and a wrong type', () => {
    const bad = [{ id: '00u1', status: 'GONE', profile: { login: 42 } }];
    const problems = spec.check(bad, { type: 'array', items: { $ref: '#/components/schemas/User' } });
    expect(problems.sort()).toEqual([
      '$[0].profile.login: expected string, got number',
      '$[0].status: "GONE" not in enum',
    ]);
  });
});
