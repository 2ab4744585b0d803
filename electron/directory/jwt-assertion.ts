// Signed client assertions (RFC 7523) for OAuth client-credentials flows: Okta private_key_jwt and Entra
// certificate credentials. The private key arrives as PEM (PKCS#8 or PKCS#1) or a JWK JSON string.
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { LanyardError } from '../app/errors';

export interface AssertionKey {
  key: KeyObject;
  alg: string;
  /** From the JWK, when the key came as one. */
  kid?: string;
}

export const loadPrivateKey = (material: string, usedBy: string): AssertionKey => {
  try {
    const text = material.trim();
    const jwk = text.startsWith('{') ? (JSON.parse(text) as { kid?: string; alg?: string }) : null;
    const key = jwk ? createPrivateKey({ key: jwk as never, format: 'jwk' }) : createPrivateKey(text);
    const type = key.asymmetricKeyType;
    let alg: string;
    if (type === 'rsa') alg = 'RS256';
    else if (type === 'ec') {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      alg = curve === 'secp384r1' ? 'ES384' : curve === 'secp521r1' ? 'ES512' : 'ES256';
    } else throw new Error(`unsupported key type ${type ?? 'unknown'}`);
    return { key, alg: jwk?.alg ?? alg, ...(jwk?.kid ? { kid: jwk.kid } : {}) };
  } catch (err) {
    throw new LanyardError(
      'bad_input',
      `The private key for ${usedBy} could not be read: ${(err as Error).message}`,
      {
        hint: 'Store the private key itself (a PEM "BEGIN PRIVATE KEY" block) or its JWK JSON, not the certificate or public key.',
      },
    );
  }
};

export const signClientAssertion = (
  k: AssertionKey,
  claims: { clientId: string; audience: string; lifetimeSeconds: number },
  header: Record<string, string> = {},
): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: k.alg, typ: 'JWT', ...(k.kid ? { kid: k.kid } : {}), ...header })
    .setIssuer(claims.clientId)
    .setSubject(claims.clientId)
    .setAudience(claims.audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(`${claims.lifetimeSeconds}s`)
    .setJti(randomUUID())
    .sign(k.key);
