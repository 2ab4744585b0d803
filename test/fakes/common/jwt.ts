// Verifying client assertions (Okta private_key_jwt, Entra certificate credentials) the way the vendors do:
// signature with the public key the test registered, then aud, iss, sub and a bounded exp.
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { KeyObject } from 'node:crypto';

export interface AssertionCheck {
  ok: boolean;
  reason?: string;
  payload?: JWTPayload;
  header?: ReturnType<typeof decodeProtectedHeader>;
}

export const verifyClientAssertion = async (
  assertion: string,
  key: KeyObject,
  expect: { audience: string; clientId: string; maxLifetimeSeconds: number },
): Promise<AssertionCheck> => {
  try {
    const header = decodeProtectedHeader(assertion);
    const { payload } = await jwtVerify(assertion, key, {
      audience: expect.audience,
      issuer: expect.clientId,
      subject: expect.clientId,
      requiredClaims: ['exp'],
    });
    const now = Math.floor(Date.now() / 1000);
    if ((payload.exp ?? 0) - now > expect.maxLifetimeSeconds + 5) {
      return {
        ok: false,
        reason: `exp is more than ${expect.maxLifetimeSeconds} s in the future`,
        payload,
        header,
      };
    }
    return { ok: true, payload, header };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
};
