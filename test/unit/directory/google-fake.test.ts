// The Google fake's own contract (api-contracts.md §3): the JWT bearer grant is verified, not just accepted,
// and page sizes are clamped to the documented maximums.
import { SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleFake } from '../../fakes/google/server';
import { seedGoogle } from '../../fakes/google/state';
import { ADMIN, KEY_ID, SA_EMAIL, makeKeys, startFake, type Keys } from '../../fakes/google/test-kit';

let keys: Keys;
const fakes: GoogleFake[] = [];
beforeAll(async () => {
  keys = await makeKeys();
});
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
const assertion = (
  f: GoogleFake,
  o: { iss?: string; sub?: string; aud?: string; lifetime?: number; scope?: string; kid?: string } = {},
) => {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: o.scope ?? SCOPE })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: o.kid ?? KEY_ID })
    .setIssuer(o.iss ?? SA_EMAIL)
    .setSubject(o.sub ?? ADMIN)
    .setAudience(o.aud ?? f.tokenUrl)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.lifetime ?? 3600))
    .sign(keys.privateKey);
};
const exchange = async (f: GoogleFake, jwt: string) => {
  const res = await fetch(f.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
};

describe('Google fake follows the contract', () => {
  it.each([
    ['a wrong issuer', { iss: 'other@x.iam.gserviceaccount.com' }, 400, 'invalid_grant'],
    ['a wrong audience', { aud: 'https://oauth2.googleapis.com/token' }, 400, 'invalid_grant'],
    ['an unknown admin', { sub: 'nobody@acme.example' }, 400, 'invalid_grant'],
    ['a lifetime over one hour', { lifetime: 7200 }, 400, 'invalid_grant'],
    ['a different key id', { kid: 'other' }, 400, 'invalid_grant'],
    [
      'a scope not delegated',
      { scope: 'https://www.googleapis.com/auth/admin.directory.device.chromeos' },
      401,
      'unauthorized_client',
    ],
  ] as const)('refuses an assertion with %s', async (_name, o, status, error) => {
    const f = await startFake(keys);
    fakes.push(f);
    expect(await exchange(f, await assertion(f, o))).toMatchObject({ status, body: { error } });
  });

  it('issues a token for a valid assertion and clamps maxResults to 500', async () => {
    const f = await startFake(keys);
    fakes.push(f);
    seedGoogle(f.state, 700, 1);
    const { status, body } = await exchange(f, await assertion(f));
    expect(status).toBe(200);
    const res = await fetch(`${f.baseUrl}users?customer=my_customer&maxResults=1000`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    const page = (await res.json()) as { users: unknown[]; nextPageToken?: string };
    expect(page.users).toHaveLength(500);
    expect(page.nextPageToken).toBeTruthy();
  });
});
