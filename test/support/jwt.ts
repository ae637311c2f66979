import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** A fresh RSA key pair as Clerk uses (2048-bit, RS256), with the public key as the PEM CLERK_JWT_KEY expects. */
export function rsaKeyPair(): { privateKey: KeyObject; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return { privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a JWT with node:crypto: RS256 with an RSA private key, HS256 with a shared secret, or alg none. */
export function signJwt(
  payload: Record<string, unknown>,
  options: { alg: 'RS256'; key: KeyObject } | { alg: 'HS256'; secret: string } | { alg: 'none' },
  header: Record<string, unknown> = {},
): string {
  const input = `${encode({ alg: options.alg, typ: 'JWT', kid: 'ins_test', ...header })}.${encode(payload)}`;
  if (options.alg === 'none') return `${input}.`;
  const signature = options.alg === 'RS256' ? sign('sha256', Buffer.from(input), options.key) : createHmac('sha256', options.secret).update(input).digest();
  return `${input}.${signature.toString('base64url')}`;
}

export const CLERK_ISSUER = 'https://clerk.gateway.test';
export const CLERK_PARTY = 'https://admin.gateway.test';

/** Claims of a Clerk session token for a user, valid now for five minutes. */
export function sessionClaims(sub: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub, sid: `sess_${sub}`, iss: CLERK_ISSUER, azp: CLERK_PARTY, iat: now - 10, nbf: now - 10, exp: now + 300, ...overrides };
}
