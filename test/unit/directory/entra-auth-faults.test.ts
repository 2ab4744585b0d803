// Entra ID: client secret and certificate credentials (assertion verified by the fake, x5t from the thumbprint),
// token refresh mid-paging, missing permissions, and all-or-nothing reads under failures and throttling.
import { afterEach, describe, expect, it } from 'vitest';
import { startEntraFake, type EntraApp, type EntraFake } from '../../fakes/entra/server';
import type { Fault } from '../../fakes/common/faults';
import { HttpError } from '../../../electron/http';
import { VendorHttpError } from '../../../electron/directory/vendor-error';
import { createEntraConnector } from '../../../electron/directory/entra/connector';
import { createDirectoryService } from '../../../electron/directory/directory-service';
import { coreWithDirectory, connectorDeps, FAST_HTTP, randomThumbprint, rsaKeyPair } from './fixtures';
import type { DirectoryConfig } from '../../../shared/config/workspace';
import type { ConnectorDeps } from '../../../electron/directory/types';

type EntraConfig = Extract<DirectoryConfig, { kind: 'entra' }>;
const TENANT = 'contoso-tenant-id';
const SECRET = 'entra-secret-value-123';
const ROLES = ['User.ReadWrite.All', 'GroupMember.Read.All'];
let fake: EntraFake | undefined;
afterEach(() => fake?.close());

const start = async (apps: EntraApp[] = [{ clientId: 'app-1', secret: SECRET, roles: ROLES }]) =>
  (fake = await startEntraFake({ tenantId: TENANT, apps }));
const secretConfig = (f: EntraFake): EntraConfig => ({
  kind: 'entra',
  name: 'Contoso',
  tenantId: TENANT,
  loginUrl: f.url,
  baseUrl: f.graphUrl,
  auth: { type: 'client-secret', clientId: 'app-1', clientSecret: 'env:S' },
});
const usersList = (r: { path: string }) => r.path === '/v1.0/users';

describe('Entra ID credentials', () => {
  it('signs in with a certificate assertion carrying the thumbprint as x5t', async () => {
    const keys = await rsaKeyPair();
    const thumbprint = randomThumbprint();
    const f = await start([
      { clientId: 'app-cert', certificate: { publicKey: keys.publicKey, thumbprint }, roles: ROLES },
    ]);
    f.seedUsers(20);
    const config: EntraConfig = {
      ...secretConfig(f),
      auth: {
        type: 'certificate',
        clientId: 'app-cert',
        privateKey: 'env:K',
        certificateThumbprint: thumbprint,
      },
    };
    const { service } = await coreWithDirectory(config, { K: keys.privatePem });

    expect(await service.pull()).toMatchObject({ stored: true, people: 20 });
    expect(f.tokenRequests).toEqual([{ clientId: 'app-cert', method: 'certificate' }]);
  });

  it('refuses a certificate whose thumbprint is not registered, naming the directory', async () => {
    const keys = await rsaKeyPair();
    const f = await start([
      {
        clientId: 'app-cert',
        certificate: { publicKey: keys.publicKey, thumbprint: randomThumbprint() },
        roles: ROLES,
      },
    ]);
    const config: EntraConfig = {
      ...secretConfig(f),
      auth: {
        type: 'certificate',
        clientId: 'app-cert',
        privateKey: 'env:K',
        certificateThumbprint: randomThumbprint(),
      },
    };

    const err = await createEntraConnector(config, connectorDeps({ K: keys.privatePem }))
      .readAll()
      .catch((e: unknown) => e);

    expect((err as Error).message).toMatch(
      /^Entra ID \(Contoso\) refused the app app-cert: invalid_client AADSTS700027/,
    );
  });

  it('reports a wrong client secret and missing permissions in test()', async () => {
    const f = await start([{ clientId: 'app-1', secret: SECRET, roles: ['User.Read.All'] }]);
    const wrong = await createEntraConnector(secretConfig(f), connectorDeps({ S: 'not-the-secret' })).test();
    const partial = await createEntraConnector(secretConfig(f), connectorDeps({ S: SECRET })).test();

    expect(wrong.ok).toBe(false);
    expect(wrong.details.join('\n')).toMatch(/AADSTS7000215: Invalid client secret provided/);
    expect(wrong.details.join('\n')).not.toContain('not-the-secret');
    expect(partial).toMatchObject({ ok: false, missing: ['GroupMember.Read.All'] });
  });

  it('fetches a new token when the old one expires mid-paging and finishes the read', async () => {
    const f = await start();
    f.seedUsers(3000);
    f.faults.add({ match: usersList, skip: 2, fault: { kind: 'expire-tokens' } });
    const { service } = await coreWithDirectory(secretConfig(f), { S: SECRET });

    expect(await service.pull()).toMatchObject({ stored: true, people: 3000 });
    expect(f.tokenRequests).toHaveLength(2);
  });
});

describe('Entra ID reads are all or nothing', () => {
  const withGoodSnapshot = async (http: ConnectorDeps['http'] = FAST_HTTP) => {
    const f = await start();
    const ids = f.seedUsers(7000);
    const ctx = await coreWithDirectory(secretConfig(f), { S: SECRET });
    await ctx.service.pull();
    // The read under test may use tighter HTTP limits (timeouts, size caps) than the good one.
    const failing = createDirectoryService(ctx.core.context, { http });
    for (const id of ids.slice(0, 50)) f.state.updateUser(id, { accountEnabled: false });
    return {
      ...ctx,
      failing,
      f,
      before: { people: await ctx.snapshot.listPeople(), cursor: (await ctx.snapshot.state())!.cursor },
    };
  };
  const expectUntouched = async (ctx: Awaited<ReturnType<typeof withGoodSnapshot>>) => {
    expect(await ctx.snapshot.listPeople()).toEqual(ctx.before.people);
    expect(await ctx.snapshot.state()).toMatchObject({
      cursor: ctx.before.cursor,
      health: 'error',
      lastGoodCount: 7000,
    });
  };

  it('keeps the previous snapshot when page 7 keeps failing after retries', async () => {
    const ctx = await withGoodSnapshot();
    ctx.f.faults.add({ match: usersList, skip: 6, times: Infinity, fault: { kind: 'status', status: 503 } });

    const err = await ctx.service.pull({ full: true }).catch((e: unknown) => e);

    expect((err as HttpError).message).toMatch(
      /^Entra ID \(Contoso\): list users \(page 7\): answered 503: serviceNotAvailable/,
    );
    await expectUntouched(ctx);
  });

  const cases: { name: string; fault: Fault; kind: string; http?: ConnectorDeps['http'] }[] = [
    { name: 'malformed JSON', fault: { kind: 'malformed' }, kind: 'bad-json' },
    { name: 'an HTML page', fault: { kind: 'html' }, kind: 'bad-content-type' },
    {
      name: 'a timeout',
      fault: { kind: 'slow', delayMs: 3_000 },
      kind: 'timeout',
      http: { ...FAST_HTTP, timeoutMs: 1_000, maxRetries: 1 },
    },
  ];
  for (const c of cases) {
    it(`names the directory and the request and stores nothing on ${c.name}`, async () => {
      const ctx = await withGoodSnapshot(c.http);
      ctx.f.faults.add({ match: usersList, skip: 3, times: Infinity, fault: c.fault });

      const err = await ctx.failing.pull({ full: true }).catch((e: unknown) => e);

      expect(err).toBeInstanceOf(HttpError);
      expect((err as HttpError).kind).toBe(c.kind);
      expect((err as HttpError).message).toMatch(/^Entra ID \(Contoso\): list users \(page 4\): /);
      await expectUntouched(ctx);
    });
  }

  it('parses Graph error bodies (403 Authorization_RequestDenied) on a delta read', async () => {
    const ctx = await withGoodSnapshot();
    ctx.f.faults.add({
      match: (r) => r.path === '/v1.0/groups/delta',
      fault: {
        kind: 'status',
        status: 403,
        body: {
          error: {
            code: 'Authorization_RequestDenied',
            message: 'Insufficient privileges to complete the operation.',
          },
        },
      },
    });

    const err = await ctx.service.pull().catch((e: unknown) => e);

    expect(err).toBeInstanceOf(VendorHttpError);
    expect((err as VendorHttpError).message).toMatch(
      /read group changes \(page 1\): answered 403: Authorization_RequestDenied Insufficient privileges/,
    );
    expect((err as VendorHttpError).hint).toMatch(/GroupMember\.Read\.All/);
    await expectUntouched(ctx);
  });

  it('waits out 429s (Retry-After: 1, and none) and loses nothing', async () => {
    const f = await start();
    f.seedUsers(3000);
    f.faults.add({
      match: usersList,
      skip: 1,
      fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
    });
    f.faults.add({ match: usersList, skip: 2, fault: { kind: 'status', status: 429 } });
    const { service } = await coreWithDirectory(secretConfig(f), { S: SECRET });

    expect(await service.pull()).toMatchObject({ stored: true, people: 3000 });
    expect(f.requests.filter((r) => r.status === 429)).toHaveLength(2);
  });
});
