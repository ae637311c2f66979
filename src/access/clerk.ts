import { createClerkClient, verifyToken } from '@clerk/backend';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/tables';
import type { Logger } from '../core/logger';
import { ADMIN_REQUIRED, AccessDenied, INVALID_SESSION_TOKEN, type Principal, SESSION_TOKEN_EXPIRED } from './principal';

export type ClerkConfig = NonNullable<Config['clerk']>;

/** The key inside a user's Clerk public metadata that holds the role (as in the REST contract: {"role": "admin"}). */
export const PUBLIC_METADATA_ROLE_KEY = 'role';

function claimAt(payload: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/** Public-metadata roles fetched from Clerk's Backend API, kept briefly; concurrent misses share one request. */
function createRoleLookup(clerk: ClerkConfig, log: Logger) {
  if (!clerk.secretKey) return undefined;
  const client = createClerkClient({ secretKey: clerk.secretKey, ...(clerk.apiUrl ? { apiUrl: clerk.apiUrl } : {}) });
  const cache = new Map<string, { role: Promise<unknown>; expiresAt: number }>();
  const ttlMs = clerk.metadataCacheSeconds * 1000;
  return (clerkUserId: string): Promise<unknown> => {
    const now = Date.now();
    const cached = cache.get(clerkUserId);
    if (cached && cached.expiresAt > now) return cached.role;
    if (cache.size > 10_000) for (const [id, entry] of cache) if (entry.expiresAt <= now) cache.delete(id);
    const role = client.users.getUser(clerkUserId).then((user) => user.publicMetadata?.[PUBLIC_METADATA_ROLE_KEY]);
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

  async function adminRole(payload: Record<string, unknown>, clerkUserId: string): Promise<boolean> {
    let role = claimAt(payload, clerk.roleClaim);
    if (role === undefined && roleFromClerk) {
      try {
        role = await roleFromClerk(clerkUserId);
      } catch {
        role = undefined; // fail closed: without the metadata nobody is an admin
      }
    }
    return role === clerk.adminRole;
  }

  return async function authenticateSession(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
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
    const clerkUserId = payload.sub as string;
    const user = await db.selectFrom('users').select(['id', 'email', 'role', 'state']).where('clerk_user_id', '=', clerkUserId).executeTakeFirst();
    if (!user) throw new AccessDenied(401, INVALID_SESSION_TOKEN, `no users row has clerk_user_id ${clerkUserId}`);
    if (user.state !== 'active') throw new AccessDenied(401, INVALID_SESSION_TOKEN, `user ${user.id} (${clerkUserId}) is deactivated`);
    if (!(await adminRole(payload, clerkUserId))) throw new AccessDenied(403, ADMIN_REQUIRED, `Clerk user ${clerkUserId} is not an admin`);
    const sessionId = typeof payload.sid === 'string' ? payload.sid : clerkUserId;
    return { userId: user.id, email: user.email, role: 'admin', credential: { kind: 'clerk_session', id: sessionId } };
  };
}
