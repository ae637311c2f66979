import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database, UserRole } from '../db/tables';
import type { Logger } from '../core/logger';
import { createClerkUsers, lazyClerkClient, loadClerkBackend } from './clerk-users';
import { ADMIN_REQUIRED, AccessDenied, INVALID_SESSION_TOKEN, type Principal, SESSION_TOKEN_EXPIRED } from './principal';

const CLERK_USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

export type ClerkConfig = NonNullable<Config['clerk']>;

/** The key inside a user's Clerk public metadata that holds the role (as in the REST contract: {"role": "admin"}). */
export const PUBLIC_METADATA_ROLE_KEY = 'role';

function claimAt(payload: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** Public-metadata roles fetched from Clerk's Backend API, kept briefly; concurrent misses share one request. */
function createRoleLookup(clerk: ClerkConfig, log: Logger) {
  if (!clerk.secretKey) return undefined;
  const client = lazyClerkClient({ secretKey: clerk.secretKey, apiUrl: clerk.apiUrl });
  const cache = new Map<string, { role: Promise<unknown>; expiresAt: number }>();
  const ttlMs = clerk.metadataCacheSeconds * 1000;
  return (clerkUserId: string): Promise<unknown> => {
    const now = Date.now();
    const cached = cache.get(clerkUserId);
    if (cached && cached.expiresAt > now) return cached.role;
    if (cache.size > 10_000) for (const [id, entry] of cache) if (entry.expiresAt <= now) cache.delete(id);
    const role = client().then((clerkClient) => clerkClient.users.getUser(clerkUserId)).then((user) => user.publicMetadata?.[PUBLIC_METADATA_ROLE_KEY]);
    const entry = { role, expiresAt: now + ttlMs };
    cache.set(clerkUserId, entry);
    // A failed lookup is not remembered: the next request asks again.
    role.catch((error: unknown) => {
      if (cache.get(clerkUserId) === entry) cache.delete(clerkUserId);
      log.warn({ err: error, clerkUserId }, 'could not read the user\'s public metadata from Clerk');
    });
    return role;
  };
}

/**
 * Verifies Clerk session JWTs offline with the PEM key (RS256 only: `alg: none` and HMAC tokens are refused by
 * Clerk's verifier), maps the subject to our users row by clerk_user_id, and requires the admin role from the
 * configured claim, or from Clerk's Backend API when the claim is absent and a secret key is configured.
 */
export function createClerkVerifier({ clerk, db, log }: { clerk: ClerkConfig; db: Kysely<Database>; log: Logger }) {
  const roleFromClerk = createRoleLookup(clerk, log);
  const users = createClerkUsers({ db, log, secretKey: clerk.secretKey, apiUrl: clerk.apiUrl });

  /** The role Clerk verified ('admin' or 'user'), or undefined when it could not be had (then nobody is an admin). */
  async function verifiedRole(payload: Record<string, unknown>, clerkUserId: string): Promise<UserRole | undefined> {
    let role = claimAt(payload, clerk.roleClaim);
    if (role === undefined && roleFromClerk) {
      try {
        role = await roleFromClerk(clerkUserId);
      } catch {
        role = undefined; // fail closed: without the metadata nobody is an admin
      }
    }
    if (role === undefined) return undefined;
    return role === clerk.adminRole ? 'admin' : 'user';
  }

  return async function authenticateSession(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    const { verifyToken } = await loadClerkBackend();
    try {
      payload = (await verifyToken(token, {
        jwtKey: clerk.jwtKey,
        ...(clerk.issuer ? { issuer: clerk.issuer } : {}),
        ...(clerk.authorizedParties?.length ? { authorizedParties: clerk.authorizedParties } : {}),
      })) as Record<string, unknown>;
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? 'token-invalid';
      throw new AccessDenied(401, reason === 'token-expired' ? SESSION_TOKEN_EXPIRED : INVALID_SESSION_TOKEN, `Clerk session token refused: ${reason}`);
    }
    const clerkUserId = payload.sub;
    // Clerk issues user_… ids; anything else (a NUL, a quote) would only reach SQL to fail there.
    if (typeof clerkUserId !== 'string' || !CLERK_USER_ID.test(clerkUserId)) throw new AccessDenied(401, INVALID_SESSION_TOKEN, 'the token\'s sub is not a Clerk user id');
    let user = await users.find(clerkUserId);
    if (user && user.state !== 'active') throw new AccessDenied(401, INVALID_SESSION_TOKEN, `user ${user.id} (${clerkUserId}) is deactivated`);
    const role = await verifiedRole(payload, clerkUserId);
    if (!user) {
      if (role !== 'admin') throw new AccessDenied(403, ADMIN_REQUIRED, `Clerk user ${clerkUserId} (no users row) is not an admin`);
      user = await users.create(clerkUserId, claimAt(payload, clerk.emailClaim));
      if (!user) throw new AccessDenied(401, INVALID_SESSION_TOKEN, `no users row for ${clerkUserId}, and no email to create one with (or it belongs to another user)`);
      if (user.state !== 'active') throw new AccessDenied(401, INVALID_SESSION_TOKEN, `user ${user.id} (${clerkUserId}) is deactivated`);
    } else if (role) {
      await users.syncRole(user, role);
    }
    if (role !== 'admin') throw new AccessDenied(403, ADMIN_REQUIRED, `Clerk user ${clerkUserId} is not an admin`);
    const sessionId = typeof payload.sid === 'string' ? payload.sid : clerkUserId;
    return { userId: user.id, email: user.email, role: 'admin', credential: { kind: 'clerk_session', id: sessionId } };
  };
}
